#!/usr/bin/env node
/**
 * Validation, whole processes side by side in one run (CPU seconds = user + system, and peak
 * memory, from /usr/bin/time): `svcgen validate` against kubeconform v0.7.0 (strict, the same
 * pinned Kubernetes 1.37 schemas; built by bench/setup.sh from the Go module proxy) and against
 * the floor, a node process that only reads the file with js-yaml's loadAll. Two inputs: one file
 * of 10,000 objects, and a folder of 5,000 files (two objects each). Prints objects per
 * CPU-second and the ratios.
 */
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { dump } = require('js-yaml');
const { benchEnv } = require('./env');
const { manifests } = require('./generate');

const ROOT = path.join(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS || 3);
const TIME = '/usr/bin/time';

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** CPU seconds and peak RSS (MiB) of one run of a command. */
function measure(cmd, args) {
  const r = spawnSync(TIME, ['-f', '%U %S %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: benchEnv });
  const last = r.stderr.trim().split('\n').pop();
  const [u, s, kb] = last.split(' ').map(Number);
  if (!Number.isFinite(u)) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr.slice(-500)}`);
  return { cpu: u + s, mib: kb / 1024 };
}

function main() {
  if (!fs.existsSync(TIME)) {
    console.log('validate peers: skipped (no /usr/bin/time: apt-get install time)');
    return;
  }
  let cache;
  try {
    cache = execFileSync('bash', [path.join(__dirname, 'setup.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop();
  } catch (e) {
    console.log(`validate peers: skipped (bench/setup.sh failed: ${e.message})`);
    return;
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'svcgen-bench-'));
  try {
    const objects = manifests(10000);
    const file = path.join(work, 'objects.yaml');
    fs.writeFileSync(file, objects.map((o) => dump(o, { noRefs: true, lineWidth: -1 })).join('---\n'));
    const dir = path.join(work, 'folder');
    fs.mkdirSync(dir);
    for (let i = 0; i < 5000; i++) fs.writeFileSync(path.join(dir, `f${String(i).padStart(4, '0')}.yaml`), [objects[2 * i], objects[2 * i + 1]].map((o) => dump(o, { noRefs: true, lineWidth: -1 })).join('---\n'));
    const floorScript = path.join(work, 'floor.js');
    fs.writeFileSync(
      floorScript,
      `const fs=require('fs'),p=require('path'),{loadAll}=require(${JSON.stringify(require.resolve('js-yaml'))});const a=process.argv[2];const files=fs.statSync(a).isDirectory()?fs.readdirSync(a).map((f)=>p.join(a,f)):[a];let n=0;for(const f of files)n+=loadAll(fs.readFileSync(f,'utf8')).length;`,
    );
    const kubeconform = path.join(cache, 'bin', 'kubeconform');
    const schemas = path.join(cache, 'schemas-1.37', '{{ .ResourceKind }}{{ .KindSuffix }}.json');
    const tools = {
      svcgen: (input) => [process.execPath, [path.join(ROOT, 'bin', 'svcgen.js'), 'validate', '-o', 'json', input]],
      kubeconform: (input) => [kubeconform, ['-strict', '-summary', '-schema-location', schemas, input]],
      'js-yaml loadAll': (input) => [process.execPath, [floorScript, input]],
    };
    for (const [label, input] of [['one file, 10,000 objects', file], ['a folder of 5,000 files, 10,000 objects', dir]]) {
      const got = {};
      for (let r = 0; r < RUNS; r++) {
        for (const [name, f] of Object.entries(tools)) {
          const [cmd, args] = f(input);
          (got[name] ??= []).push(measure(cmd, args));
        }
      }
      const m = Object.fromEntries(Object.entries(got).map(([k, v]) => [k, { cpu: median(v.map((x) => x.cpu)), mib: median(v.map((x) => x.mib)) }]));
      console.log(`validate peers: ${label} (median of ${RUNS}, whole processes)`);
      for (const [name, v] of Object.entries(m)) console.log(`  ${name.padEnd(16)} ${v.cpu.toFixed(2)} CPU-s  ${Math.round(10000 / v.cpu)} objects/CPU-s  peak ${v.mib.toFixed(0)} MiB`);
      console.log(`  ratios: svcgen / js-yaml loadAll CPU ${(m.svcgen.cpu / m['js-yaml loadAll'].cpu).toFixed(2)}x (target <= 1.5x); svcgen / kubeconform CPU ${(m.svcgen.cpu / m.kubeconform.cpu).toFixed(2)}x; peak memory svcgen / kubeconform ${(m.svcgen.mib / m.kubeconform.mib).toFixed(2)}x (svcgen ${m.svcgen.mib.toFixed(0)} MiB, target < 100 MiB)`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
