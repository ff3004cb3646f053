#!/usr/bin/env node
/**
 * Regenerates lib/validate/schema/k8s-1.28.json, the Kubernetes 1.28 JSON Schema bundle svcgen
 * validates against, from a pinned source on a package registry:
 *
 *   PyPI kubernetes-validate==1.37.0 (wheel, sha256 below), file
 *   kubernetes_validate/kubernetes-json-schema/v1.28.0-local-strict/_definitions.json
 *   (the 1.28 OpenAPI definitions as JSON Schema 2020-12, strict: additionalProperties false).
 *
 * It strips the descriptions (documentation, 3/4 of the size) and nothing else, and writes the
 * provenance next to it. Needs python3 with pip and `unzip`. Run: node scripts/gen-k8s-schema.js
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
const MEMBER = 'kubernetes_validate/kubernetes-json-schema/v1.28.0-local-strict/_definitions.json';
const OUT_DIR = path.join(__dirname, '..', 'lib', 'validate', 'schema');

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
  const text = execFileSync('unzip', ['-p', path.join(tmp, WHEEL), MEMBER], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
  const bundle = stripDescriptions(JSON.parse(text));
  const out = JSON.stringify(bundle) + '\n';
  fs.writeFileSync(path.join(OUT_DIR, 'k8s-1.28.json'), out);
  const provenance = {
    kubernetesVersion: '1.28',
    source: `PyPI ${PACKAGE}==${VERSION}`,
    wheel: WHEEL,
    wheelSha256: WHEEL_SHA256,
    member: MEMBER,
    transform: 'descriptions removed',
    outputSha256: sha256(Buffer.from(out)),
    generator: 'scripts/gen-k8s-schema.js',
  };
  fs.writeFileSync(path.join(OUT_DIR, 'PROVENANCE.json'), JSON.stringify(provenance, null, 2) + '\n');
  process.stdout.write(`wrote lib/validate/schema/k8s-1.28.json (${out.length} bytes, ${Object.keys(bundle.$defs).length} definitions)\n`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
