#!/usr/bin/env node
/**
 * Regenerates lib/validate/schema/k8s-1.28-types.json: for every built-in kind of Kubernetes 1.28,
 * whether it is namespaced and the Go shape of each field (pointer or not, scalar, slice, map,
 * struct, own JSON decoding). svcgen's decoding step (lib/validate/decode.ts) uses it to leave an
 * object as Go's JSON decoding into the k8s.io/api types leaves it for the API server.
 *
 * Source: the Go types of k8s.io/api, apimachinery, apiextensions-apiserver and kube-aggregator
 * v0.28.15 from the Go module proxy (versions pinned by scripts/k8s-types/go.mod, hashes by its
 * go.sum), read by reflection (scripts/k8s-types/main.go); scope from `+genclient:nonNamespaced`.
 * Needs Go. Run: node scripts/gen-k8s-types.js. The output is committed; nothing runs at run time.
 */
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const dir = path.join(__dirname, 'k8s-types');
const env = { ...process.env, GOFLAGS: '-mod=readonly', GOTOOLCHAIN: process.env.GOTOOLCHAIN || 'local' };
const modules = ['k8s.io/api', 'k8s.io/apimachinery', 'k8s.io/apiextensions-apiserver', 'k8s.io/kube-aggregator'];
execFileSync('go', ['mod', 'download', ...modules], { cwd: dir, env, stdio: 'inherit' });
const listed = execFileSync('go', ['list', '-m', '-json', ...modules], { cwd: dir, env, encoding: 'utf8' });
const args = [...listed.matchAll(/"Path": "([^"]+)",[\s\S]*?"Dir": "([^"]+)"/g)].map((m) => `${m[1]}=${m[2]}`);
const out = execFileSync('go', ['run', '.', ...args], { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const data = JSON.parse(out);
const target = path.join(__dirname, '..', 'lib', 'validate', 'schema', 'k8s-1.28-types.json');
fs.writeFileSync(target, JSON.stringify(data) + '\n');
process.stdout.write(`wrote ${path.relative(process.cwd(), target)} (${Object.keys(data.kinds).length} kinds, ${Object.keys(data.types).length} types)\n`);
