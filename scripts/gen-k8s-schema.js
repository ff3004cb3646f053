#!/usr/bin/env node
/**
 * Regenerates lib/validate/schema/k8s-schema.json, the JSON Schema definitions of every Kubernetes
 * version svcgen carries (lib/validate/schema/versions.json), from a pinned source on a package
 * registry:
 *
 *   PyPI kubernetes-validate==1.37.0 (wheel, sha256 below), for each version the file
 *   kubernetes_validate/kubernetes-json-schema/v1.NN.0-local-strict/_definitions.json
 *   (that release's OpenAPI definitions as JSON Schema 2020-12, strict: additionalProperties false).
 *
 * It strips the descriptions (documentation, 3/4 of the size) and nothing else. What versions
 * share is stored once: `bodies` holds each distinct definition, and each version maps its
 * definition names to them (ten versions: about 2.6 times one version's size, not ten). Writes
 * the provenance beside it. Needs python3 with pip and `unzip`. Run: node scripts/gen-k8s-schema.js
 * The output is committed; svcgen never downloads a schema at run time.
 */
'use strict';
const { execFileSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const PACKAGE = 'kubernetes-validate';
const VERSION = '1.37.0';
const WHEEL = `kubernetes_validate-${VERSION}-py3-none-any.whl`;
const WHEEL_SHA256 = '85136d018a27b50ec7fc049d902bfa5193f5976807e6c0f408e3ab6fe078cad9';
const OUT_DIR = path.join(__dirname, '..', 'lib', 'validate', 'schema');
const { versions } = JSON.parse(fs.readFileSync(path.join(OUT_DIR, 'versions.json'), 'utf8'));
const member = (dir) => `kubernetes_validate/kubernetes-json-schema/${dir}/_definitions.json`;

function sha256(buf) {
  return crypto.createHash('sha256').update(buf).digest('hex');
}

/**
 * Removes the documentation strings (`description` keywords), never a property that happens to be
 * called `description` (CRD schemas, printer columns and PriorityClass have real ones): the keys of
 * a `properties` map are field names, not keywords.
 */
function stripDescriptions(x, inProperties = false) {
  if (Array.isArray(x)) return x.map((v) => stripDescriptions(v));
  if (x && typeof x === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(x)) {
      if (k === 'description' && !inProperties && typeof v === 'string') continue;
      out[k] = stripDescriptions(v, !inProperties && (k === 'properties' || k === 'patternProperties'));
    }
    return out;
  }
  return x;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'svcgen-schema-'));
try {
  execFileSync('python3', ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '-d', tmp, `${PACKAGE}==${VERSION}`], { stdio: 'inherit' });
  const wheel = fs.readFileSync(path.join(tmp, WHEEL));
  const got = sha256(wheel);
  if (got !== WHEEL_SHA256) throw new Error(`${WHEEL}: sha256 ${got}, expected ${WHEEL_SHA256}`);
  const bodies = [];
  const index = new Map();
  const out = { $schema: undefined, $id: undefined, generator: 'scripts/gen-k8s-schema.js', versions: {}, bodies };
  const members = {};
  for (const [minor, info] of Object.entries(versions)) {
    const text = execFileSync('unzip', ['-p', path.join(tmp, WHEEL), member(info.schema)], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
    const bundle = stripDescriptions(JSON.parse(text));
    if (out.$id === undefined) Object.assign(out, { $schema: bundle.$schema, $id: bundle.$id });
    else if (out.$id !== bundle.$id) throw new Error(`${minor}: $id ${bundle.$id}, not ${out.$id}`);
    const defs = {};
    for (const name of Object.keys(bundle.$defs).sort()) {
      const body = JSON.stringify(bundle.$defs[name]);
      if (!index.has(body)) {
        index.set(body, bodies.length);
        bodies.push(bundle.$defs[name]);
      }
      defs[name] = index.get(body);
    }
    out.versions[minor] = defs;
    members[minor] = member(info.schema);
    process.stdout.write(`${minor}: ${Object.keys(defs).length} definitions\n`);
  }
  const text = JSON.stringify(out) + '\n';
  fs.writeFileSync(path.join(OUT_DIR, 'k8s-schema.json'), text);
  const provenance = {
    source: `PyPI ${PACKAGE}==${VERSION}`,
    wheel: WHEEL,
    wheelSha256: WHEEL_SHA256,
    members,
    transform: 'descriptions removed; each distinct definition stored once',
    outputSha256: sha256(Buffer.from(text)),
    generator: 'scripts/gen-k8s-schema.js',
  };
  fs.writeFileSync(path.join(OUT_DIR, 'PROVENANCE.json'), JSON.stringify(provenance, null, 2) + '\n');
  process.stdout.write(`wrote lib/validate/schema/k8s-schema.json (${text.length} bytes, ${bodies.length} distinct definitions)\n`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
