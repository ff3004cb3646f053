#!/usr/bin/env node
/**
 * Precompiles the Kubernetes 1.28 JSON Schema bundle (lib/validate/schema/k8s-1.28.json) into
 * standalone ajv validators, one CommonJS module per built-in group/version/kind:
 * build/schema/k8s-1.28/apps_v1_Deployment.js, ... (each exports `validate`).
 * Compiling at run time costs ~0.6 s for a Deployment alone; loading this module ~50 ms. Also the
 * Compose Specification schema, into build/schema/compose-spec.validator.js.
 * Run by `npm run build` (and so by `npm ci`).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv2020 = require('ajv/dist/2020').default;
const standaloneCode = require('ajv/dist/standalone').default;

const root = path.join(__dirname, '..');
const bundle = JSON.parse(fs.readFileSync(path.join(root, 'lib', 'validate', 'schema', 'k8s-1.28.json'), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, code: { source: true, optimize: 1 } });
ajv.addSchema(bundle);

const exportsMap = {};
for (const [name, def] of Object.entries(bundle.$defs)) {
  const gvks = def['x-kubernetes-group-version-kind'];
  if (!gvks || !def.properties || !def.properties.kind || !def.properties.apiVersion || name.endsWith('List')) continue;
  for (const g of gvks) exportsMap[`${g.group ? `${g.group}/` : ''}${g.version}/${g.kind}`] = `${bundle.$id}#/$defs/${name}`;
}
const sorted = Object.fromEntries(Object.entries(exportsMap).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
// one module per kind, so that a run loads only the kinds it meets (the whole set is 2.5 MB of
// JavaScript, ~70 ms to compile; a Deployment's alone a fraction of it)
const dir = path.join(root, 'build', 'schema', 'k8s-1.28');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
for (const [key, ref] of Object.entries(sorted)) fs.writeFileSync(path.join(dir, `${validatorFile(key)}.js`), inlineSchemaReads(lazyRuntime(compactErrors(standaloneCode(ajv, { validate: ref })))));
// the index: group/version/kind -> its definition's name (so that a run need not read the bundle)
fs.writeFileSync(path.join(dir, 'index.json'), JSON.stringify(Object.fromEntries(Object.entries(sorted).map(([k, ref]) => [k, ref.replace(/^.*#\/\$defs\//, '')]))));
fs.rmSync(path.join(root, 'build', 'schema', 'k8s-1.28.validators.js'), { force: true });
process.stdout.write(`wrote ${path.relative(root, dir)}/ (${Object.keys(sorted).length} kinds, one module each)\n`);

/** `apps/v1/Deployment` -> `apps_v1_Deployment` (the file name of its validator; lib/validate/schema.ts reads the same). */
function validatorFile(key) {
  return key.replace(/[^A-Za-z0-9.]/g, '_');
}

// the Go types of the decoding step (lib/validate/decode.ts), each type's fields kept as JSON text,
// parsed on first use: a run meets a few dozen of the 768 types, and parsing the whole nested
// table (135 KB) is 3-4 ms of every run, the flat one 1-1.4 ms
const typesFile = JSON.parse(fs.readFileSync(path.join(root, 'lib', 'validate', 'schema', 'k8s-1.28-types.json'), 'utf8'));
const typesOut = path.join(root, 'build', 'schema', 'k8s-1.28-types.json');
fs.writeFileSync(typesOut, JSON.stringify({ kinds: typesFile.kinds, types: Object.fromEntries(Object.entries(typesFile.types).map(([name, fields]) => [name, JSON.stringify(fields)])) }));
process.stdout.write(`wrote ${path.relative(root, typesOut)}\n`);

// the Compose Specification (lib/compose/schema/compose-spec.json, provenance beside it)
const compose = JSON.parse(fs.readFileSync(path.join(root, 'lib', 'compose', 'schema', 'compose-spec.json'), 'utf8'));
const composeAjv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, code: { source: true, optimize: 1 } });
composeAjv.addSchema(compose, 'compose');
const composeOut = path.join(root, 'build', 'schema', 'compose-spec.validator.js');
fs.writeFileSync(composeOut, inlineSchemaReads(lazyRuntime(compactErrors(standaloneCode(composeAjv, { compose: 'compose' })))));
process.stdout.write(`wrote ${path.relative(root, composeOut)}\n`);

/**
 * ajv writes each place an error can arise as an object literal and the code that appends it:
 *   const err7 = {instancePath,schemaPath:"#/type",keyword:"type",params:{...},message:"..."};
 *   if(vErrors === null){vErrors = [err7];}else {vErrors.push(err7);}errors++;
 * which is half of a validator's code (a Deployment's: 240 of 438 KB), all of it loaded and
 * compiled although it runs only for invalid input. Each such place becomes one call of a helper
 * that makes the same object and appends it the same way; a place written otherwise is left as it
 * is. (Run time: fewer bytes to read and compile; the errors are the same objects.)
 */
function compactErrors(code) {
  const str = '"(?:[^"\\\\]|\\\\.)*"';
  const site = new RegExp(
    `const (err\\d+) = \\{instancePath(?::((?:[^,"]|${str})+?))?,schemaPath:(${str}),keyword:(${str}),params:(\\{.*?\\}),message:(${str}(?:\\+[^;]*?)?)\\};` +
      'if\\(vErrors === null\\)\\{vErrors = \\[\\1\\];\\}else \\{vErrors\\.push\\(\\1\\);\\}errors\\+\\+;',
    'g',
  );
  let n = 0;
  const out = code.replace(site, (_, _err, instancePath, schemaPath, keyword, params, message) => {
    n++;
    return `vErrors = __error(vErrors, ${instancePath ?? 'instancePath'}, ${schemaPath}, ${keyword}, ${params}, ${message});errors++;`;
  });
  // every errN left is declared where it is used (a place the pattern did not take as a whole)
  const declared = new Set([...out.matchAll(/const (err\d+) = /g)].map((m) => m[1]));
  for (const m of out.matchAll(/\berr\d+\b/g)) if (!declared.has(m[0])) throw new Error(`compactErrors: ${m[0]} is used but no longer declared`);
  if (n === 0) throw new Error('compactErrors: no error site matched: has ajv changed how it writes them?');
  const helper = 'function __error(vErrors, instancePath, schemaPath, keyword, params, message) { const e = {instancePath, schemaPath, keyword, params, message}; if (vErrors === null) return [e]; vErrors.push(e); return vErrors; }\n';
  return out.replace('"use strict";', `"use strict";${helper}`);
}

/**
 * ajv's standalone code requires its runtime helpers when the module loads
 * (`const func0 = require("ajv/dist/runtime/equal").default;`), although the deep equality of
 * `uniqueItems` runs only for an array of objects: finding the package and loading two modules is
 * 2-4 ms of every convert. Each such helper is required on its first call instead.
 */
function lazyRuntime(code) {
  return code.replace(/const (func\d+) = require\(("ajv\/dist\/runtime\/[a-z_]+")\)\.default;/g, (_, name, mod) => {
    return `let ${name}Loaded;function ${name}(...args) { ${name}Loaded ??= require(${mod}).default; return ${name}Loaded(...args); }`;
  });
}

/**
 * ajv's standalone code declares, at the top of each module, the schema objects its error
 * parameters read (`const schema35 = {"properties": ...}` and, in an error, `{type:
 * schema35.properties.name.type}`): a tenth of a validator's code (a ReplicaSet's: 41 of 350 KB),
 * built as objects every time the module loads, for errors that seldom arise. Each such read
 * becomes the literal it reads (the same value, made when the error is), and a schema no code
 * reads any more is not declared.
 */
function inlineSchemaReads(code) {
  const schemas = new Map();
  for (const m of code.matchAll(/const (schema\d+) = /g)) {
    const start = m.index + m[0].length;
    const end = literalEnd(code, start);
    schemas.set(m[1], { decl: code.slice(m.index, end + 1), value: JSON.parse(code.slice(start, end)) });
  }
  let out = code.replace(/\b(schema\d+)((?:\.[A-Za-z_$][\w$]*|\[\d+\])+)(?![\w$.[(])/g, (read, name, chain) => {
    const s = schemas.get(name);
    if (!s) return read;
    let v = s.value;
    for (const [, key, index] of chain.matchAll(/\.([A-Za-z_$][\w$]*)|\[(\d+)\]/g)) {
      if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, key ?? index)) return read;
      v = v[key ?? index];
    }
    return JSON.stringify(v);
  });
  for (const [name, s] of schemas) {
    const uses = out.match(new RegExp(`\\b${name}\\b`, 'g')).length;
    if (uses === 1) out = out.replace(s.decl, '');
  }
  return out;
}

/** Where the JSON literal starting at `start` ends (the index after it, before its `;`). */
function literalEnd(code, start) {
  let depth = 0;
  for (let i = start; i < code.length; i++) {
    const c = code[i];
    if (c === '"') {
      for (i++; code[i] !== '"'; i++) if (code[i] === '\\') i++;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (--depth === 0) {
        if (code[i + 1] !== ';') throw new Error(`inlineSchemaReads: no ; after the literal at ${start}`);
        return i + 1;
      }
    }
  }
  throw new Error(`inlineSchemaReads: the literal at ${start} does not end`);
}
