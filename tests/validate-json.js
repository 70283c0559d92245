// validate-json.js: validate JSON documents against a JSON Schema.
//
//   node validate-json.js [--draft4] SCHEMA FILE...
//
// Draft-07 schemas (ours) with ajv, draft-04 ones (the OASIS SARIF 2.1.0
// schema) with ajv-draft-04; formats from ajv-formats.  The modules are
// looked up in $HL_NODE_MODULES first, then the usual way (tests/package.json
// lists them).  Exit status: 0 valid, 1 invalid, 77 modules missing (the
// automake "skip"), 2 usage or unreadable files.
'use strict';

const fs = require('fs');
const path = require('path');

function load(name) {
	const dirs = [];
	if (process.env.HL_NODE_MODULES)
		dirs.push(process.env.HL_NODE_MODULES);
	for (const d of dirs) {
		try {
			return require(path.resolve(d, name));
		} catch (e) {
			if (e.code !== 'MODULE_NOT_FOUND')
				throw e;
		}
	}
	return require(name);
}

let args = process.argv.slice(2);
let draft4 = false;
if (args[0] === '--draft4') {
	draft4 = true;
	args = args.slice(1);
}
if (args.length < 2) {
	console.error('usage: validate-json.js [--draft4] SCHEMA FILE...');
	process.exit(2);
}

let Ajv, addFormats;
try {
	Ajv = load(draft4 ? 'ajv-draft-04' : 'ajv');
	addFormats = load('ajv-formats');
} catch (e) {
	console.log('validate-json.js: ' + e.message.split('\n')[0]);
	process.exit(77);
}
Ajv = Ajv.default || Ajv;
addFormats = addFormats.default || addFormats;

function readJSON(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		console.error(file + ': ' + e.message);
		process.exit(2);
	}
}

// strict: false and unicodeRegExp: false for the SARIF schema, whose
// patterns are not valid Unicode regular expressions.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
// The other draft-07 schemas beside it, for references between them
// (comparison.schema.json uses findings.schema.json's finding).
if (!draft4) {
	const dir = path.dirname(args[0]);
	for (const f of fs.readdirSync(dir))
		if (f.endsWith('.schema.json') &&
		    path.resolve(dir, f) !== path.resolve(args[0])) {
			const s = readJSON(path.join(dir, f));
			if (s.$id && /draft-07/.test(s.$schema || ''))
				ajv.addSchema(s);
		}
}
const validate = ajv.compile(readJSON(args[0]));
let bad = 0;
for (const file of args.slice(1)) {
	if (validate(readJSON(file))) {
		console.log(file + ': valid');
		continue;
	}
	bad++;
	for (const e of validate.errors)
		console.error(file + ': ' + (e.instancePath || '/') + ' ' +
		    e.message + (e.params && e.params.additionalProperty ?
		    ' (' + e.params.additionalProperty + ')' : ''));
}
process.exit(bad ? 1 : 0);
