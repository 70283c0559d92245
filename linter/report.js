// report.js: the only script of the report: filtering the findings, the
// copy buttons, and opening every <details> for printing.  Everything it
// touches is already in the page; it fetches nothing.
(function () {
	'use strict';
	var d = document;
	function all(sel) {
		return Array.prototype.slice.call(d.querySelectorAll(sel));
	}
	var items = all('li.finding');
	var form = d.getElementById('filters');
	if (form) {
		var q = d.getElementById('f-q'), sev = d.getElementById('f-sev'),
		    rule = d.getElementById('f-rule'),
		    org = d.getElementById('f-org'),
		    st = d.getElementById('f-status'),
		    out = d.getElementById('f-count');
		var text = items.map(function (li) {
			return li.textContent.toLowerCase();
		});
		var apply = function () {
			var s = q.value.trim().toLowerCase(), n = 0;
			items.forEach(function (li, i) {
				var ok = (!sev.value || li.getAttribute('data-sev') === sev.value) &&
				    (!rule.value || li.getAttribute('data-rule') === rule.value) &&
				    (!org.value || li.getAttribute('data-org') === org.value) &&
				    (!st.value || li.getAttribute('data-status') === st.value) &&
				    (!s || text[i].indexOf(s) >= 0);
				li.hidden = !ok;
				if (ok)
					n++;
			});
			out.textContent = n + ' of ' + items.length + ' findings shown';
		};
		[q, sev, rule, org, st].forEach(function (e) {
			e.addEventListener('input', apply);
			e.addEventListener('change', apply);
		});
		form.addEventListener('submit', function (e) {
			e.preventDefault();
		});
		form.hidden = false;
		apply();
	}
	var expand = d.getElementById('f-expand');
	if (expand) {
		expand.hidden = false;
		expand.addEventListener('click', function () {
			var open = expand.getAttribute('data-open') !== '1';
			all('li.finding > details').forEach(function (e) {
				e.open = open;
			});
			expand.setAttribute('data-open', open ? '1' : '0');
			expand.textContent = open ? 'Collapse all' : 'Expand all';
		});
	}
	function fallback(s) {
		var t = d.createElement('textarea'), ok = false;
		t.value = s;
		t.setAttribute('readonly', '');
		t.className = 'offscreen';
		d.body.appendChild(t);
		t.select();
		try {
			ok = d.execCommand('copy');
		} catch (e) {
			ok = false;
		}
		d.body.removeChild(t);
		return ok;
	}
	function done(b, ok) {
		b.textContent = ok ? 'Copied' : 'Copy failed: select the text';
		setTimeout(function () {
			b.textContent = 'Copy';
		}, 1500);
	}
	all('button.copy').forEach(function (b) {
		b.hidden = false;
		b.addEventListener('click', function () {
			var src = d.getElementById(b.getAttribute('data-copy'));
			var s = src ? src.textContent : '';
			if (navigator.clipboard && window.isSecureContext)
				navigator.clipboard.writeText(s).then(function () {
					done(b, true);
				}, function () {
					done(b, fallback(s));
				});
			else
				done(b, fallback(s));
		});
	});
	var opened = [];
	window.addEventListener('beforeprint', function () {
		all('details').forEach(function (e) {
			if (!e.open) {
				e.open = true;
				opened.push(e);
			}
		});
	});
	window.addEventListener('afterprint', function () {
		opened.forEach(function (e) {
			e.open = false;
		});
		opened = [];
	});
	d.documentElement.setAttribute('data-ready', '1');
})();
