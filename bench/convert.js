#!/usr/bin/env node
/**
 * Conversion speed, side by side in one run: `convertCompose` (load, interpolate, schema, convert,
 * build, validate) on generated compose files of 10, 100 and 1,000 services (ports, healthchecks,
 * env, volumes, deploy) against the floor: js-yaml parsing the same input and dumping the same
 * output objects. Reports services per second and the ratio at each size.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { dump, load } = require('js-yaml');
const { convertCompose } = require('../build/lib/compose');
const { composeFile } = require('./generate');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const ms = (f) => {
  const t = process.hrtime.bigint();
  const r = f();
  return [Number(process.hrtime.bigint() - t) / 1e6, r];
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'svcgen-bench-'));
const RUNS = Number(process.env.BENCH_RUNS || 5);
const out = {};
console.log('convert: generated compose files, convert + validate vs js-yaml (parse input + dump output)');
for (const n of [10, 100, 1000]) {
  const text = composeFile(n);
  const file = path.join(dir, `compose-${n}.yaml`);
  fs.writeFileSync(file, text);
  const floor = [];
  const ours = [];
  let objects;
  for (let i = 0; i < RUNS + 1; i++) {
    const [b, r] = ms(() => convertCompose([file], { env: {} }));
    objects = r.objects;
    const [a] = ms(() => {
      load(text);
      return dump(objects, { noRefs: true, lineWidth: -1 });
    });
    if (i > 0) {
      floor.push(a);
      ours.push(b);
    }
  }
  const f = median(floor);
  const o = median(ours);
  out[n] = o / f;
  console.log(
    `  ${String(n).padStart(5)} services (${objects.length} objects): floor ${f.toFixed(1)} ms, svcgen ${o.toFixed(1)} ms ` +
      `(${Math.round(n / (o / 1000))} services/s), ratio ${(o / f).toFixed(1)}x${n === 1000 ? ' (target at 1,000: at most 10x)' : ''}`,
  );
}
fs.rmSync(dir, { recursive: true, force: true });
module.exports = { ratio: out[1000] };
