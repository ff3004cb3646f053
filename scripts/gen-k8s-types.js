#!/usr/bin/env node
/**
 * Regenerates lib/validate/schema/k8s-types.json: for every built-in kind of every carried
 * Kubernetes version (lib/validate/schema/versions.json), whether it is namespaced and the Go shape
 * of each field (pointer or not, scalar, slice, map, struct, own JSON decoding). svcgen's decoding
 * step (lib/validate/decode.ts) uses it to leave an object as Go's JSON decoding into the k8s.io/api
 * types of that version leaves it for the API server.
 *
 * Source, per version: the Go types of k8s.io/api, apimachinery, apiextensions-apiserver and
 * kube-aggregator at the version in versions.json (`goModules`) from the Go module proxy, read by
 * reflection (scripts/k8s-types/main.go, one module per version under scripts/k8s-types/v1.NN/
 * whose go.mod and go.sum pin the versions and hashes); scope from `+genclient:nonNamespaced`.
 * What versions share is stored once: a type's fields are one entry of `bodies`, and each version
 * maps its type names to entries.
 * Needs Go. Run: node scripts/gen-k8s-types.js [1.NN ...]. The output is committed; nothing runs at
 * run time.
 */
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const base = path.join(__dirname, 'k8s-types');
const target = path.join(root, 'lib', 'validate', 'schema', 'k8s-types.json');
const { versions } = JSON.parse(fs.readFileSync(path.join(root, 'lib', 'validate', 'schema', 'versions.json'), 'utf8'));
const only = process.argv.slice(2);
const modules = ['k8s.io/api', 'k8s.io/apimachinery', 'k8s.io/apiextensions-apiserver', 'k8s.io/kube-aggregator', 'k8s.io/client-go'];

// the previous output: versions not asked for are kept as they are
const previous = fs.existsSync(target) ? expand(JSON.parse(fs.readFileSync(target, 'utf8'))) : {};
const perVersion = {};
for (const [minor, info] of Object.entries(versions)) {
  if (only.length && !only.includes(minor)) {
    if (!previous[minor]) throw new Error(`no previous data for ${minor}: generate it too`);
    perVersion[minor] = previous[minor];
    continue;
  }
  const dir = path.join(base, `v${minor}`);
  fs.mkdirSync(dir, { recursive: true });
  const env = { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: process.env.GOTOOLCHAIN || 'local' };
  if (!fs.existsSync(path.join(dir, 'go.mod'))) {
    fs.writeFileSync(path.join(dir, 'go.mod'), `module svcgen.local/k8s-types\n\ngo 1.21\n\nrequire (\n${modules.map((m) => `\t${m} ${info.goModules}\n`).join('')})\n`);
  }
  fs.copyFileSync(path.join(base, 'main.go'), path.join(dir, 'main.go'));
  try {
    execFileSync('go', ['mod', 'tidy'], { cwd: dir, env, stdio: 'inherit' });
    const listed = execFileSync('go', ['list', '-m', '-json', ...modules.slice(0, 4)], { cwd: dir, env, encoding: 'utf8' });
    const args = [...listed.matchAll(/"Path": "([^"]+)",[\s\S]*?"Dir": "([^"]+)"/g)].map((m) => `${m[1]}=${m[2]}`);
    const out = execFileSync('go', ['run', '.', `-source=${info.goModules}`, ...args], { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    perVersion[minor] = JSON.parse(out);
  } finally {
    fs.rmSync(path.join(dir, 'main.go'), { force: true });
  }
  process.stdout.write(`${minor}: ${Object.keys(perVersion[minor].kinds).length} kinds, ${Object.keys(perVersion[minor].types).length} types\n`);
}

// store what versions share once: bodies (a type's fields, as JSON text) by first appearance
const bodies = [];
const bodyIndex = new Map();
const outVersions = {};
for (const minor of Object.keys(versions)) {
  const data = perVersion[minor];
  const types = {};
  for (const name of Object.keys(data.types).sort()) {
    const text = JSON.stringify(sortKeys(data.types[name]));
    if (!bodyIndex.has(text)) {
      bodyIndex.set(text, bodies.length);
      bodies.push(JSON.parse(text));
    }
    types[name] = bodyIndex.get(text);
  }
  outVersions[minor] = { source: data.source, kinds: sortKeys(data.kinds), types };
}
fs.writeFileSync(target, JSON.stringify({ generator: 'scripts/gen-k8s-types.js', versions: outVersions, bodies }) + '\n');
process.stdout.write(`wrote ${path.relative(process.cwd(), target)} (${Object.keys(outVersions).length} versions, ${bodies.length} distinct types)\n`);

/** The stored form back to { minor: { source, kinds, types: { name: fields } } }. */
function expand(stored) {
  const out = {};
  for (const [minor, v] of Object.entries(stored.versions)) {
    out[minor] = { source: v.source, kinds: v.kinds, types: Object.fromEntries(Object.entries(v.types).map(([n, i]) => [n, stored.bodies[i]])) };
  }
  return out;
}

function sortKeys(o) {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}
