#!/usr/bin/env node
/**
 * Precompiles the JSON Schema of every carried Kubernetes version (lib/validate/schema/k8s-schema.json,
 * versions listed in versions.json) into standalone ajv validators, one CommonJS module per distinct
 * validator: build/schema/k8s/<name>-<hash>.js. A kind's validator depends on its definition and
 * every definition it reaches; where those are the same in several versions (a ConfigMap's in all
 * ten), the versions share one module. Kinds are compiled by families that share code (the kinds
 * that embed a Pod spec; else those of one Go package), one module per family. Each version's index, build/schema/k8s/<minor>.json, maps
 * group/version/kind to its definition, module and export.
 * Compiling at run time costs ~0.6 s for a Deployment alone; loading its module ~50 ms. Also the
 * Compose Specification schema, into build/schema/compose-spec.validator.js, and the Go types of
 * the decoding step (build/schema/k8s-types/).
 * Run by `npm run build` (and so by `npm ci`).
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const Ajv2020 = require('ajv/dist/2020').default;
const standaloneCode = require('ajv/dist/standalone').default;

const root = path.join(__dirname, '..');
const schemaDir = path.join(root, 'lib', 'validate', 'schema');
const stored = JSON.parse(fs.readFileSync(path.join(schemaDir, 'k8s-schema.json'), 'utf8'));
const lifecycle = JSON.parse(fs.readFileSync(path.join(schemaDir, 'api-lifecycle.json'), 'utf8'));
const defaultVersion = JSON.parse(fs.readFileSync(path.join(schemaDir, 'versions.json'), 'utf8')).default;
// the validator's own rule of what a release serves (compiled by tsc before this runs)
const { servedByDefault } = require('../build/lib/validate/served');
const dir = path.join(root, 'build', 'schema', 'k8s');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
for (const old of ['k8s-1.28', 'k8s-1.28-types.json', 'k8s-1.28.validators.js']) fs.rmSync(path.join(root, 'build', 'schema', old), { recursive: true, force: true });

const written = new Set();
for (const [minor, names] of Object.entries(stored.versions)) {
  const $defs = Object.fromEntries(Object.entries(names).map(([name, i]) => [name, stored.bodies[i]]));
  const bundle = { $schema: stored.$schema, $id: stored.$id, $defs };
  let ajv;
  const exportsMap = {};
  for (const [name, def] of Object.entries($defs)) {
    const gvks = def['x-kubernetes-group-version-kind'];
    if (!gvks || !def.properties || !def.properties.kind || !def.properties.apiVersion || name.endsWith('List')) continue;
    for (const g of gvks) exportsMap[`${g.group ? `${g.group}/` : ''}${g.version}/${g.kind}`] = name;
  }
  // the kinds the release's API server serves by default get a validator; the others (removed,
  // alpha, betas off by default) are refused before any schema is read (lib/validate/apiversions.ts)
  const served = (key) => {
    const apiVersion = key.slice(0, key.lastIndexOf('/'));
    return servedByDefault(lifecycle, apiVersion, key.slice(key.lastIndexOf('/') + 1), minor);
  };
  const servedDefs = new Set(Object.keys(exportsMap).filter(served).map((k) => exportsMap[k]));
  // one module per family of kinds, whose validators share code: the kinds that embed a Pod spec
  // (Pod, Deployment, Job, ...: most of each one's code is the Pod spec's), and else the kinds of
  // one Go package (rbac.v1, ...: they share ObjectMeta's); each family's module is shared by the
  // versions whose definitions of it agree (one module per kind: 42 MB; per family: a fraction)
  // the default version, which most runs judge against, keeps a module per Pod-spec kind: a run
  // that meets a Deployment then loads a Deployment's validator, not every such kind's (start-up)
  const perKind = minor === defaultVersion;
  const familyOf = (n) =>
    reaches(n, 'io.k8s.api.core.v1.PodSpec', names) ? (perKind ? n.replace(/^io\.k8s\./, '') : 'pod-spec-kinds') : n.replace(/^io\.k8s\./, '').replace(/\.[^.]+$/, '');
  const families = new Map();
  for (const n of servedDefs) {
    const f = familyOf(n);
    families.set(f, [...(families.get(f) ?? []), n].sort());
  }
  const moduleOf = new Map();
  for (const [f, members] of families) {
    const module = closureHash(members, names, f);
    for (const n of members) moduleOf.set(n, module);
    if (written.has(module)) continue;
    if (!ajv) {
      ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, code: { source: true, optimize: 1 } });
      ajv.addSchema(bundle);
    }
    const refs = Object.fromEntries(members.map((n) => [exportName(n), `${stored.$id}#/$defs/${n}`]));
    fs.writeFileSync(path.join(dir, `${module}.js`), inlineSchemaReads(lazyRuntime(compactErrors(standaloneCode(ajv, refs)))));
    written.add(module);
  }
  const index = {};
  for (const key of Object.keys(exportsMap).sort()) index[key] = served(key) ? [exportsMap[key], moduleOf.get(exportsMap[key]), exportName(exportsMap[key])] : [exportsMap[key]];
  // the index: group/version/kind -> [its definition's name, its validator's module]
  fs.writeFileSync(path.join(dir, `${minor}.json`), JSON.stringify(index));
}
process.stdout.write(`wrote ${path.relative(root, dir)}/ (${Object.keys(stored.versions).length} versions, ${written.size} validator modules)\n`);

/**
 * A name for the module of some definitions' validators: a hash of the definitions' names and of
 * every definition they reach (names and bodies), so that versions whose definitions agree share it.
 */
function closureHash(members, names, label) {
  const seen = new Set();
  const visit = (n) => {
    if (seen.has(n) || names[n] === undefined) return;
    seen.add(n);
    for (const m of JSON.stringify(stored.bodies[names[n]]).matchAll(/"\$ref":"[^"]*#\/\$defs\/([^"]+)"/g)) visit(m[1]);
  };
  members.forEach(visit);
  const h = crypto.createHash('sha256').update(members.join(','));
  for (const n of [...seen].sort()) h.update(`\n${n}=${names[n]}`);
  return `${label.replace(/[^A-Za-z0-9.-]/g, '_')}-${h.digest('hex').slice(0, 12)}`;
}

/** Whether a definition reaches another through its $refs. */
function reaches(from, to, names, seen = new Set()) {
  if (from === to) return true;
  if (seen.has(from) || names[from] === undefined) return false;
  seen.add(from);
  for (const m of JSON.stringify(stored.bodies[names[from]]).matchAll(/"\$ref":"[^"]*#\/\$defs\/([^"]+)"/g)) if (reaches(m[1], to, names, seen)) return true;
  return false;
}

/** A definition's name as the export of its validator (`io.k8s.api.apps.v1.Deployment` -> `io_k8s_api_apps_v1_Deployment`). */
function exportName(name) {
  return name.replace(/[^A-Za-z0-9]/g, '_');
}

// the Go types of the decoding step (lib/validate/decode.ts): a table per version
// (build/schema/k8s-types/<minor>.json) with its kinds and each type's fields kept as JSON text,
// parsed on first use: a run meets a few dozen of the ~800 types of its version, and parsing every
// nested table is several ms of every run (one flat file a version: one read, one parse)
const typesFile = JSON.parse(fs.readFileSync(path.join(schemaDir, 'k8s-types.json'), 'utf8'));
const typesDir = path.join(root, 'build', 'schema', 'k8s-types');
fs.rmSync(typesDir, { recursive: true, force: true });
fs.mkdirSync(typesDir, { recursive: true });
const bodyTexts = typesFile.bodies.map((b) => JSON.stringify(b));
for (const [minor, v] of Object.entries(typesFile.versions)) {
  fs.writeFileSync(path.join(typesDir, `${minor}.json`), JSON.stringify({ kinds: v.kinds, types: Object.fromEntries(Object.entries(v.types).map(([n, i]) => [n, bodyTexts[i]])) }));
}
process.stdout.write(`wrote ${path.relative(root, typesDir)}/\n`);

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
