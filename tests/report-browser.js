// report-browser.js: open a hybridlint report in headless Chromium and
// check it the way a reader uses it.
//
//   node report-browser.js REPORT.html FINDINGS.json SCREENSHOT.png [--foreign]
//
// Asserts: no console error and no page error; no request other than the
// report itself and data: URLs (every other request is aborted and fails
// the test); every finding of FINDINGS.json (check -f json) is on the
// page; filtering by severity hides the other severities; a copy button
// puts the fix on the clipboard; the diagram's SVG is present and, with
// --foreign, a foreign flow is highlighted.  Prints how long the page took
// to become interactive.  Saves a full-page screenshot (the top 16000
// pixels of a longer page).
//
// puppeteer-core comes from $HL_NODE_MODULES (tests/package.json); the
// browser is $HL_CHROMIUM or /usr/bin/chromium.  Exit 0 pass, 1 fail,
// 77 skip (no puppeteer-core or no browser).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

function load(name) {
	if (process.env.HL_NODE_MODULES) {
		try {
			return require(path.resolve(process.env.HL_NODE_MODULES, name));
		} catch (e) {
			if (e.code !== 'MODULE_NOT_FOUND')
				throw e;
		}
	}
	return require(name);
}

const [report, findingsFile, shot] = process.argv.slice(2, 5);
const foreign = process.argv.includes('--foreign');
if (!report || !findingsFile || !shot) {
	console.error('usage: report-browser.js REPORT.html FINDINGS.json SCREENSHOT.png [--foreign]');
	process.exit(2);
}
let puppeteer;
try {
	puppeteer = load('puppeteer-core');
} catch (e) {
	console.log('SKIP: puppeteer-core absent (see tests/package.json)');
	process.exit(77);
}
const browserPath = process.env.HL_CHROMIUM || '/usr/bin/chromium';
if (!fs.existsSync(browserPath)) {
	console.log('SKIP: no browser at ' + browserPath);
	process.exit(77);
}

const failures = [];
function fail(msg) {
	failures.push(msg);
	console.error('FAIL: ' + msg);
}

(async () => {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hl-chromium-'));
	const url = 'file://' + path.resolve(report);
	const browser = await puppeteer.launch({
		executablePath: browserPath,
		headless: true,
		userDataDir: profile,
		args: ['--headless', '--no-sandbox', '--disable-gpu',
		    '--disable-background-networking',
		    '--disable-component-update', '--disable-sync',
		    '--no-first-run', '--user-data-dir=' + profile],
	});
	try {
		// Clipboard access for every origin (file:// included).
		const cdp = await browser.target().createCDPSession();
		await cdp.send('Browser.grantPermissions', {
			permissions: ['clipboardReadWrite',
			    'clipboardSanitizedWrite'],
		});
		const page = await browser.newPage();
		await page.setViewport({ width: 1400, height: 1000 });
		page.on('console', (m) => {
			if (m.type() === 'error')
				fail('console error: ' + m.text());
		});
		page.on('pageerror', (e) => fail('page error: ' + e.message));
		await page.setRequestInterception(true);
		page.on('request', (req) => {
			const u = req.url();
			if (u.startsWith('data:') || u === url) {
				req.continue();
				return;
			}
			fail('network request: ' + u);
			req.abort();
		});
		const t0 = Date.now();
		await page.goto(url, { waitUntil: 'load' });
		await page.waitForFunction(
		    () => document.documentElement.getAttribute('data-ready') === '1',
		    { timeout: 30000 });
		const tti = Date.now() - t0;
		const nav = await page.evaluate(() => {
			const e = performance.getEntriesByType('navigation')[0];
			return e ? Math.round(e.domInteractive) : -1;
		});
		console.log('interactive after ' + tti + ' ms (domInteractive ' +
		    nav + ' ms), ' + fs.statSync(report).size + ' bytes');

		// Every finding of check -f json.
		const want = JSON.parse(fs.readFileSync(findingsFile, 'utf8')).findings;
		const have = await page.$$eval('li.finding', (els) => els.map((e) => ({
			rule: e.getAttribute('data-rule'),
			sev: e.getAttribute('data-sev'),
			text: e.textContent,
		})));
		if (have.length !== want.length)
			fail(want.length + ' findings in the JSON, ' + have.length +
			    ' on the page');
		for (const f of want) {
			if (!have.some((h) => h.rule === f.rule &&
			    h.sev === f.severity && h.text.includes(f.message) &&
			    h.text.includes(f.fingerprint)))
				fail('finding not on the page: ' + f.rule + ' ' +
				    f.message.slice(0, 80));
		}

		// The filters appear with JavaScript; severity hides the others.
		if (!await page.$eval('#filters', (e) => !e.hidden))
			fail('filters stay hidden');
		const sevs = [...new Set(want.map((f) => f.severity))];
		for (const s of sevs) {
			await page.select('#f-sev', s);
			const vis = await page.$$eval('li.finding', (els) => els.map((e) => ({
				sev: e.getAttribute('data-sev'),
				shown: e.offsetParent !== null,
			})));
			const wrong = vis.filter((v) => v.shown !== (v.sev === s));
			if (wrong.length)
				fail('severity ' + s + ': ' + wrong.length +
				    ' findings shown or hidden wrongly');
		}
		await page.select('#f-sev', '');

		// The copy button of the first finding with a fix.
		const withFix = await page.$('li.finding button.copy');
		if (withFix) {
			await page.evaluate(() => {
				const b = document.querySelector('li.finding button.copy');
				b.closest('details').open = true;
				b.scrollIntoView({ block: 'center' });
			});
			const expect = await page.evaluate(() => {
				const b = document.querySelector('li.finding button.copy');
				return document.getElementById(b.getAttribute('data-copy')).textContent;
			});
			await page.bringToFront();
			await withFix.click();
			await page.waitForFunction(() => {
				const b = document.querySelector('li.finding button.copy');
				return b.textContent !== 'Copy';
			}, { timeout: 5000 }).catch(() => {});
			const got = await page.evaluate(() => navigator.clipboard.readText())
			    .catch((e) => 'clipboard unreadable: ' + e.message);
			if (got !== expect)
				fail('clipboard holds ' + JSON.stringify(got.slice(0, 80)) +
				    ', not the fix ' + JSON.stringify(expect.slice(0, 80)));
			await page.evaluate(() => {
				document.querySelector('li.finding details').open = false;
			});
		} else if (want.some((f) => f.fix))
			fail('no copy button for the fixes');

		// The diagram.
		const svg = await page.$eval('.diagram svg', (s) => ({
			nodes: s.querySelectorAll('g.node').length,
			edges: s.querySelectorAll('g.edge').length,
			foreign: s.querySelectorAll('g.edge.foreign').length,
			stroke: (() => {
				const p = s.querySelector('g.edge.foreign path');
				return p ? getComputedStyle(p).stroke : '';
			})(),
			ok: (() => {
				const p = s.querySelector('g.edge:not(.foreign):not(.fail) path');
				return p ? getComputedStyle(p).stroke : '';
			})(),
		})).catch(() => null);
		if (!svg || svg.nodes === 0)
			fail('no diagram SVG');
		else if (foreign && (svg.foreign === 0 || svg.stroke === svg.ok))
			fail('no highlighted foreign flow in the diagram (' +
			    svg.foreign + ' foreign edges, stroke ' + svg.stroke + ')');
		else
			console.log('diagram: ' + svg.nodes + ' nodes, ' +
			    svg.edges + ' edges, ' + svg.foreign + ' foreign');

		// Chromium captures at most 16384 pixels: a longer page is
		// shot from its top.
		await page.evaluate(() => window.scrollTo(0, 0));
		const height = await page.evaluate(
		    () => document.documentElement.scrollHeight);
		const width = page.viewport().width;
		if (height <= 16000)
			await page.screenshot({ path: shot, fullPage: true });
		else
			await page.screenshot({ path: shot, captureBeyondViewport: true,
			    clip: { x: 0, y: 0, width: width, height: 16000 } });
		console.log('screenshot: ' + shot + (height > 16000 ?
		    ' (the top 16000 of ' + height + ' pixels)' : ''));
	} finally {
		await browser.close();
		fs.rmSync(profile, { recursive: true, force: true });
	}
	process.exit(failures.length ? 1 : 0);
})().catch((e) => {
	console.error('FAIL: ' + (e && e.stack || e));
	process.exit(1);
});
