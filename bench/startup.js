#!/usr/bin/env node
/**
 * Start-up and small inputs, whole processes side by side in one run (CPU seconds = user +
 * system, from bash's `time`, and peak memory, from /usr/bin/time; the median of BENCH_RUNS runs
 * (default 9), interleaved):
 *
 *   svcgen --version                       against  node -e 0
 *   svcgen validate <4-object file>        against  node -e 0 and kubeconform on the same file
 *   svcgen convert <voting stack>          against  kompose convert on the same stack
 *   svcgen convert <100 services>          against  kompose convert
 *   svcgen synth --app main.ts (go-demo-2) against  node -e 0
 *   svcgen convert <1,000 services>        peak memory, against kompose
 *   svcgen validate <10,000 objects>       peak memory
 *
 * kubeconform v0.7.0 and kompose v1.38.0 are built from the Go module proxy by bench/setup.sh.
 *
 * The runs' environment has no NODE_EXTRA_CA_CERTS (see env.js); when it was set, the bench also
 * times `node -e 0` with it and prints what it costs.
 */
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { composeFile, manifests } = require('./generate');

const ROOT = path.join(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS || 9);
const TIME = '/usr/bin/time';
const BIN = path.join(ROOT, 'bin', 'svcgen.js');
const { benchEnv: ENV, removedCaCerts: CA_CERTS } = require('./env');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * One run: CPU seconds from bash's `time` (milliseconds; /usr/bin/time's hundredths are a fifth of
 * a small run), peak memory from /usr/bin/time around it (the largest process: the command).
 */
function measure([cmd, args, cwd, env]) {
  const script = 'TIMEFORMAT="%3U %3S"; time "$@" >/dev/null 2>/dev/null';
  const r = spawnSync(TIME, ['-f', 'peak %M', 'bash', '-c', script, 'bash', cmd, ...args], { encoding: 'utf8', cwd: cwd ?? ROOT, env: env ?? ENV });
  // (a command that exits non-zero, as validate of the big file does, adds a line of /usr/bin/time's)
  const kb = Number(/^peak (\d+)$/m.exec(r.stderr)?.[1]);
  const [u, s] = (/^(\d+\.\d+) (\d+\.\d+)$/m.exec(r.stderr) ?? []).slice(1).map(Number);
  if (!Number.isFinite(u) || !Number.isFinite(kb)) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr.slice(-400)}`);
  return { cpu: u + s, mib: kb / 1024 };
}

function main() {
  if (!fs.existsSync(TIME)) return console.log('startup: skipped (no /usr/bin/time: apt-get install time)');
  let cache;
  try {
    cache = execFileSync('bash', [path.join(__dirname, 'setup.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop();
  } catch (e) {
    return console.log(`startup: skipped (bench/setup.sh failed: ${e.message})`);
  }
  const kubeconform = path.join(cache, 'bin', 'kubeconform');
  const kompose = path.join(cache, 'bin', 'kompose');
  const schemas = path.join(cache, 'schemas-1.37', '{{ .ResourceKind }}{{ .KindSuffix }}.json');
  // the same command judging as Kubernetes 1.28 (the environment's setting keeps validate's quick way)
  const at128 = { ...ENV, SVCGEN_KUBERNETES_VERSION: '1.28' };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'svcgen-startup-'));
  try {
    const small = path.join(ROOT, 'dist', 'go-demo-2.k8s.yaml');
    const voting = path.join(ROOT, 'test', 'fixtures', 'compose', 'example-voting-app', 'docker-stack.yml');
    const write = (n) => {
      const d = path.join(work, `c${n}`);
      fs.mkdirSync(d);
      fs.writeFileSync(path.join(d, 'compose.yaml'), composeFile(n));
      return d;
    };
    const c100 = write(100);
    const c1000 = write(1000);
    const big = path.join(work, 'objects.yaml');
    // (written as svcgen writes YAML: its own writer, loaded from the build)
    const { toMultiDocYaml } = require('../build/lib/yaml/write');
    fs.writeFileSync(big, toMultiDocYaml(manifests(10000)));
    const node = process.execPath;
    const svcgenConvert = (f, cwd) => [node, ['--', BIN, 'convert', f, '--stdout'], cwd];
    const komposeConvert = (f, cwd) => [kompose, ['convert', '-f', f, '--stdout'], cwd];
    const cases = {
      'node -e 0': [node, ['-e', '0']],
      'svcgen --version': [node, ['--', BIN, '--version']],
      'svcgen validate (4 objects)': [node, ['--', BIN, 'validate', small]],
      'kubeconform (4 objects)': [kubeconform, ['-strict', '-schema-location', schemas, small]],
      'svcgen convert voting stack': svcgenConvert(voting),
      'kompose convert voting stack': komposeConvert(voting),
      'svcgen convert 100 services': svcgenConvert('compose.yaml', c100),
      'kompose convert 100 services': komposeConvert('compose.yaml', c100),
      'svcgen synth go-demo-2': [node, ['--', BIN, 'synth', '--stdout']],
      'svcgen convert 1000 services': svcgenConvert('compose.yaml', c1000),
      'kompose convert 1000 services': komposeConvert('compose.yaml', c1000),
      'svcgen validate 10000 objects': [node, ['--', BIN, 'validate', big]],
      'svcgen validate (4 objects) 1.28': [node, ['--', BIN, 'validate', small], undefined, at128],
      'svcgen validate 10000 objects 1.28': [node, ['--', BIN, 'validate', big], undefined, at128],
    };
    if (CA_CERTS) cases['node -e 0, NODE_EXTRA_CA_CERTS'] = [node, ['-e', '0'], undefined, { ...ENV, NODE_EXTRA_CA_CERTS: CA_CERTS }];
    const got = {};
    for (let r = 0; r < RUNS; r++) for (const [name, c] of Object.entries(cases)) (got[name] ??= []).push(measure(c));
    const m = Object.fromEntries(Object.entries(got).map(([k, v]) => [k, { cpu: median(v.map((x) => x.cpu)), mib: median(v.map((x) => x.mib)) }]));
    console.log(`startup (whole processes, median of ${RUNS}${CA_CERTS ? '; without NODE_EXTRA_CA_CERTS, as on a machine that has none' : ''}):`);
    for (const [name, v] of Object.entries(m)) console.log(`  ${name.padEnd(30)} ${v.cpu.toFixed(3)} CPU-s  peak ${v.mib.toFixed(0)} MiB`);
    // each ratio is the median of the rounds' ratios: the two runs of a round are adjacent, so a
    // change in the machine's load between rounds cancels out
    const ratio = (a, b) => median(got[a].map((x, i) => x.cpu / got[b][i].cpu)).toFixed(2);
    console.log('  ratios (CPU; the median of the ratios of each round):');
    console.log(`    svcgen --version / node -e 0                      ${ratio('svcgen --version', 'node -e 0')}x`);
    console.log(`    svcgen validate small / node -e 0                 ${ratio('svcgen validate (4 objects)', 'node -e 0')}x (target <= 2x); / kubeconform ${ratio('svcgen validate (4 objects)', 'kubeconform (4 objects)')}x`);
    console.log(`    svcgen convert voting stack / kompose             ${ratio('svcgen convert voting stack', 'kompose convert voting stack')}x (target <= 3x)`);
    // what node itself costs against that target: the start of a node process that does nothing
    const floor = Number(ratio('node -e 0', 'kompose convert voting stack'));
    const left = 3 * m['kompose convert voting stack'].cpu - m['node -e 0'].cpu;
    console.log(`      (node -e 0 alone is ${floor.toFixed(2)}x kompose on the voting stack: the 3x target leaves ${left.toFixed(3)} CPU-s beyond node's own start)`);
    console.log(`    svcgen convert 100 services / kompose             ${ratio('svcgen convert 100 services', 'kompose convert 100 services')}x (target <= 1.5x)`);
    console.log(`    svcgen convert 1000 services / kompose            ${ratio('svcgen convert 1000 services', 'kompose convert 1000 services')}x`);
    console.log(`    svcgen synth go-demo-2 / node -e 0                ${ratio('svcgen synth go-demo-2', 'node -e 0')}x (target <= 4x)`);
    if (CA_CERTS) {
      const cost = m['node -e 0, NODE_EXTRA_CA_CERTS'].cpu - m['node -e 0'].cpu;
      console.log(`  (NODE_EXTRA_CA_CERTS, set here, costs every node process ${cost.toFixed(3)} CPU-s at its start: with it, the ratios to node -e 0 would be lower and those to kompose higher; BENCH_KEEP_CA_CERTS=1 keeps it)`);
    }
    console.log(`    validate small at 1.37 (the default) / at 1.28          ${ratio('svcgen validate (4 objects)', 'svcgen validate (4 objects) 1.28')}x (target: within 5%)`);
    console.log(`    validate 10,000 objects at 1.37 / at 1.28             ${ratio('svcgen validate 10000 objects', 'svcgen validate 10000 objects 1.28')}x (target: within 5%)`);
    console.log(`  peak memory: convert 1000 services svcgen ${m['svcgen convert 1000 services'].mib.toFixed(0)} MiB, kompose ${m['kompose convert 1000 services'].mib.toFixed(0)} MiB; validate 10,000 objects svcgen ${m['svcgen validate 10000 objects'].mib.toFixed(0)} MiB (targets <= 100 MiB)`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
