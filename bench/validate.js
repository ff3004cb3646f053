#!/usr/bin/env node
/**
 * Validation speed, side by side in one run: `validateSources` on 10,000 resources (Services,
 * Deployments, ReplicaSets, Endpoints; ~4 MB of YAML, 1% of them with a problem, so the precise
 * re-read of documents with problems is measured too) against the floor, js-yaml's `loadAll` of
 * the same text. Reports the median of the runs, resources per second, and the ratio.
 */
'use strict';
const { loadAll, dump } = require('js-yaml');
const { validateSources } = require('../build/lib/validate/validator');
const { manifests } = require('./generate');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(f) {
  const t = process.hrtime.bigint();
  const r = f();
  return [Number(process.hrtime.bigint() - t) / 1e6, r];
}

const N = Number(process.env.BENCH_RESOURCES || 10000);
const RUNS = Number(process.env.BENCH_RUNS || 5);
const text = manifests(N).map((o) => dump(o, { noRefs: true, lineWidth: -1 })).join('---\n');
const floor = [];
const ours = [];
let report;
for (let i = 0; i < RUNS + 1; i++) {
  // alternate, and drop the first (warm-up) round of each
  const [a] = time(() => loadAll(text));
  const [b, r] = time(() => validateSources([{ file: 'bench.yaml', text }]));
  report = r;
  if (i > 0) {
    floor.push(a);
    ours.push(b);
  }
}
const f = median(floor);
const o = median(ours);
const s = report.summary;
console.log(`validate: ${N} resources, ${(text.length / 1e6).toFixed(1)} MB of YAML, ${s.invalid} invalid, ${s.errors} errors (every one with a line)`);
console.log(`  floor  js-yaml loadAll        median ${f.toFixed(0)} ms  (${Math.round(N / (f / 1000))} resources/s)`);
console.log(`  svcgen validateSources       median ${o.toFixed(0)} ms  (${Math.round(N / (o / 1000))} resources/s)`);
console.log(`  ratio svcgen / floor: ${(o / f).toFixed(2)}x (target: at most 2x)`);
module.exports = { ratio: o / f };
