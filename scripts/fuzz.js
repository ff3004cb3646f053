#!/usr/bin/env node
/**
 * npm run fuzz: structural mutation fuzzing of `svcgen validate` (and `svcgen explain` of the same manifests, every format) and `svcgen convert` (and every output format of what it converts, and explain of it), in process.
 *
 * Seeds are the real inputs of the test fixtures (the Kubernetes manifests of test/fixtures and
 * the Compose corpus). Each case parses a seed, applies 1-4 structural mutations (a value
 * replaced by null, an empty string, a wrong type, a huge or negative number, a deep nest, a
 * prototype name; a key removed or duplicated under another name; a null or empty item added
 * to a list), writes it back as YAML and runs it. A valid result or a user error (an error svcgen
 * reports as the user's: `userError`) is a pass; anything else (an exception from inside svcgen)
 * is a crash, and a case that takes more than --hang-seconds is a hang. Each failure is
 * minimised (mutations and then keys removed while it still fails the same way) and saved in
 * --out (default fuzz-failures/), with the stack.
 *
 *   node scripts/fuzz.js [--cases N] [--seed S] [--target validate|convert|both] [--hang-seconds 10] [--out DIR]
 *
 * The cases run in a child process that reports each case before it runs it; the parent kills it
 * when a case runs past the limit, records the hang, and starts a new child after it.
 */
'use strict';
const { fork } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.join(__dirname, '..');

function parseArgs(argv) {
  const o = { cases: 2000, seed: 1, target: 'both', hangSeconds: 10, out: path.join(ROOT, 'fuzz-failures') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--cases') o.cases = Number(v), i++;
    else if (a === '--seed') o.seed = Number(v), i++;
    else if (a === '--target') o.target = v, i++;
    else if (a === '--hang-seconds') o.hangSeconds = Number(v), i++;
    else if (a === '--out') o.out = path.resolve(v), i++;
    else if (a === '--child') o.child = true;
    else if (a === '--start') o.start = Number(v), i++;
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

/** A small seeded PRNG (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- seeds -------------------------------------------------------------------------------------

function filesUnder(dir, exts) {
  const out = [];
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) out.push(...filesUnder(p, exts));
    else if (exts.some((e) => d.name.endsWith(e))) out.push(p);
  }
  return out.sort();
}

function seeds(target) {
  const { loadAll } = require('js-yaml');
  const yamlSeeds = (dir) =>
    filesUnder(dir, ['.yaml', '.yml']).flatMap((f) => {
      try {
        return loadAll(fs.readFileSync(f, 'utf8')).filter((d) => d && typeof d === 'object');
      } catch {
        return [];
      }
    });
  if (target === 'validate') {
    return [...yamlSeeds(path.join(ROOT, 'test', 'fixtures', 'manifests')), ...yamlSeeds(path.join(ROOT, 'test', 'fixtures', 'seed-examples'))];
  }
  return yamlSeeds(path.join(ROOT, 'test', 'fixtures', 'compose')).filter((d) => d.services && typeof d.services === 'object');
}

// ---- mutations -----------------------------------------------------------------------------------

const clone = (x) => (x === undefined ? null : JSON.parse(JSON.stringify(x)));

/** Every container (object or array) in a value, with its path. */
function containers(v, at = [], out = []) {
  if (v && typeof v === 'object') {
    out.push({ node: v, at });
    for (const [k, c] of Object.entries(v)) if (c && typeof c === 'object') containers(c, [...at, Array.isArray(v) ? Number(k) : k], out);
  }
  return out;
}

const ODD_VALUES = [
  () => null,
  () => '',
  () => 0,
  () => -1,
  () => 2 ** 53,
  () => 1e308,
  () => true,
  () => [],
  () => ({}),
  () => [null],
  () => 'x'.repeat(300),
  () => '${UNSET:?required}',
  () => '${A:-${B:-${C}}}',
  () => '"unclosed',
  () => '1x',
  () => 'lots',
  () => '../../../../etc/passwd',
  () => '/etc/passwd',
  () => '__proto__',
  () => 'constructor',
  () => 'toString',
  () => ({ path: 5 }),
  () => JSON.parse(`${'['.repeat(40)}1${']'.repeat(40)}`),
  () => 'abc:80',
  () => '127.0.0.1:80:80/udp',
  () => -0.5,
  () => '0x1F',
  () => 'yes',
];

function mutate(doc, r) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const all = containers(doc);
  const { node } = pick(all);
  const keys = Object.keys(node);
  const op = Math.floor(r() * 7);
  if (Array.isArray(node)) {
    if (op < 2) node.splice(Math.floor(r() * (node.length + 1)), 0, pick([null, {}, '', 0, []]));
    else if (op < 3 && node.length) node.splice(Math.floor(r() * node.length), 1);
    else if (op < 4 && node.length) node.push(clone(node[Math.floor(r() * node.length)]));
    else if (node.length) node[Math.floor(r() * node.length)] = pick(ODD_VALUES)();
    else node.push(pick(ODD_VALUES)());
    return;
  }
  if (op === 0 && keys.length) delete node[pick(keys)];
  else if (op === 1 && keys.length) {
    // an own property, even for __proto__ (as a YAML key it is one)
    Object.defineProperty(node, pick(['__proto__', 'constructor', 'toString', `${pick(keys)}x`, '']), { value: clone(node[pick(keys)] ?? null), enumerable: true, writable: true, configurable: true });
  }
  else if (keys.length) node[pick(keys)] = pick(ODD_VALUES)();
  else node[pick(['name', 'image', 'ports', 'spec', 'include', 'extends', 'env_file', 'secrets'])] = pick(ODD_VALUES)();
}

// ---- running a case ------------------------------------------------------------------------------

function runCase(target, text, work) {
  const { isUserError } = require(path.join(ROOT, 'build', 'lib', 'errors'));
  try {
    if (target === 'validate') {
      const { validateSources, INTERNAL_ERROR } = require(path.join(ROOT, 'build', 'lib', 'validate', 'validator'));
      const report = validateSources([{ file: 'fuzz.yaml', text }]);
      // a rule that threw is caught and reported as a warning: still a crash for the fuzzer
      const internal = report.resources.flatMap((r) => r.problems).find((p) => p.rule === INTERNAL_ERROR);
      if (internal) return { ok: false, kind: 'crash', message: internal.message.slice(0, 300), stack: '' };
      // the same manifests through svcgen explain, in every output format
      const { placedObjects, renderExplanation } = require(path.join(ROOT, 'build', 'lib', 'cli', 'explain'));
      const { explain } = require(path.join(ROOT, 'build', 'lib', 'explain', 'model'));
      const e = explain(placedObjects([{ file: 'fuzz.yaml', text }]));
      for (const format of ['text', 'json', 'mermaid', 'dot', 'html']) renderExplanation(e, format, 'fuzz');
    } else {
      const { convertCompose, ComposeError } = require(path.join(ROOT, 'build', 'lib', 'compose'));
      fs.rmSync(work, { recursive: true, force: true });
      fs.mkdirSync(work, { recursive: true });
      const file = path.join(work, 'compose.yaml');
      fs.writeFileSync(file, text);
      let result;
      try {
        result = convertCompose([file], { projectName: 'fuzz' });
      } catch (e) {
        if (e instanceof ComposeError) return { ok: true };
        throw e;
      }
      // what is done with a conversion: every output format and layout, and explain of the objects
      const { outputFiles } = require(path.join(ROOT, 'build', 'lib', 'compose'));
      for (const format of ['yaml', 'json', 'ts', 'helm', 'kustomize']) {
        for (const layout of format === 'helm' || format === 'kustomize' || format === 'ts' ? ['folder'] : ['folder', 'file']) outputFiles(result, format, layout, 'fuzz.yaml', '0.0.0');
      }
      const { explain } = require(path.join(ROOT, 'build', 'lib', 'explain', 'model'));
      const { renderExplanation } = require(path.join(ROOT, 'build', 'lib', 'cli', 'explain'));
      const e = explain(result.objects.map((obj, i) => ({ file: 'fuzz.yaml', line: i + 1, obj })));
      for (const format of ['text', 'json', 'mermaid', 'dot', 'html']) renderExplanation(e, format, 'fuzz');
    }
    return { ok: true };
  } catch (e) {
    if (isUserError(e)) return { ok: true };
    return { ok: false, kind: 'crash', message: `${e && e.name}: ${e && e.message}`.slice(0, 300), stack: String(e && e.stack).split('\n').slice(0, 8).join('\n') };
  }
}

function caseText(target, seedList, seed, index) {
  const { dump } = require('js-yaml');
  const r = rng(seed * 1_000_003 + index);
  const doc = clone(seedList[Math.floor(r() * seedList.length)]);
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) mutate(doc, r);
  return { doc, text: dump(doc, { noRefs: true, lineWidth: -1 }) };
}

/** Removes keys and items while the case still fails with the same first line of the message. */
function minimise(target, doc, failure, work) {
  const { dump } = require('js-yaml');
  const same = (d) => {
    const r = runCase(target, dump(d, { noRefs: true, lineWidth: -1 }), work);
    return !r.ok && r.message.split(':')[0] === failure.message.split(':')[0];
  };
  let best = doc;
  let changed = true;
  for (let round = 0; changed && round < 20; round++) {
    changed = false;
    for (const { node, at } of containers(best).reverse()) {
      for (const k of Object.keys(node)) {
        const trial = clone(best);
        let parent = trial;
        for (const s of at) parent = parent[s];
        if (Array.isArray(parent)) parent.splice(Number(k), 1);
        else delete parent[k];
        if (same(trial)) {
          best = trial;
          changed = true;
          break;
        }
      }
      if (changed) break;
    }
  }
  return dump(best, { noRefs: true, lineWidth: -1 });
}

// ---- the child: runs cases and reports each -----------------------------------------------------

function child(o) {
  const targets = o.target === 'both' ? ['validate', 'convert'] : [o.target];
  const seedLists = Object.fromEntries(targets.map((t) => [t, seeds(t)]));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'svcgen-fuzz-'));
  for (let i = o.start; i < o.cases; i++) {
    const target = targets[i % targets.length];
    const { doc, text } = caseText(target, seedLists[target], o.seed, i);
    process.send({ type: 'start', index: i, target, text });
    const t = Date.now();
    const r = runCase(target, text, work);
    if (!r.ok) r.minimised = minimise(target, doc, r, work);
    process.send({ type: 'done', index: i, target, ms: Date.now() - t, ...r });
  }
  fs.rmSync(work, { recursive: true, force: true });
  process.send({ type: 'end' });
}

// ---- the parent: watchdog, report ---------------------------------------------------------------

function save(out, target, failure, text) {
  fs.mkdirSync(out, { recursive: true });
  const id = crypto.createHash('sha256').update(failure.kind + (failure.message ?? '') + (failure.minimised ?? text)).digest('hex').slice(0, 12);
  const file = path.join(out, `${target}-${failure.kind}-${id}.yaml`);
  const head = [`# svcgen fuzz ${failure.kind} (${target})`, ...(failure.message ? [`# ${failure.message.split('\n')[0]}`] : []), ...(failure.stack ? failure.stack.split('\n').map((l) => `#   ${l}`) : [])];
  fs.writeFileSync(file, `${head.join('\n')}\n${failure.minimised ?? text}`);
  return file;
}

function parent(o) {
  const t0 = Date.now();
  const failures = new Map();
  let done = 0;
  let next = 0;
  const runChild = () =>
    new Promise((resolve) => {
      const c = fork(__filename, ['--child', '--cases', String(o.cases), '--seed', String(o.seed), '--target', o.target, '--start', String(next)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      let current;
      let timer;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          // the case ran past the limit: a hang
          const key = `hang ${current.target}`;
          if (!failures.has(key)) failures.set(key, { target: current.target, kind: 'hang', count: 0, file: save(o.out, current.target, { kind: 'hang', message: `more than ${o.hangSeconds} s` }, current.text) });
          failures.get(key).count++;
          done++;
          next = current.index + 1;
          c.kill('SIGKILL');
        }, o.hangSeconds * 1000);
      };
      c.on('message', (m) => {
        if (m.type === 'start') {
          current = m;
          arm();
        } else if (m.type === 'done') {
          clearTimeout(timer);
          done++;
          next = m.index + 1;
          if (!m.ok) {
            const key = `${m.kind} ${m.target} ${m.message.split('\n')[0]}`;
            if (!failures.has(key)) failures.set(key, { target: m.target, kind: m.kind, message: m.message, count: 0, file: save(o.out, m.target, m, current.text) });
            failures.get(key).count++;
          }
        } else if (m.type === 'end') {
          clearTimeout(timer);
          next = o.cases;
        }
      });
      c.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (code && !signal && next < o.cases) {
          // the child died by itself: svcgen ran in it, so this is a crash too (out of memory, a stack overflow)
          const key = `died ${current?.target}`;
          if (!failures.has(key)) failures.set(key, { target: current?.target, kind: 'crash', message: `the process exited with code ${code}`, count: 0, file: save(o.out, current?.target ?? 'unknown', { kind: 'crash', message: `exit ${code}` }, current?.text ?? '') });
          failures.get(key).count++;
          done++;
          next = (current?.index ?? next) + 1;
        }
        resolve();
      });
    });
  (async () => {
    while (next < o.cases) {
      const before = next;
      await runChild();
      if (next === before) next++; // the child died before its first case: do not loop
    }
    const secs = (Date.now() - t0) / 1000;
    const crashes = [...failures.values()].filter((f) => f.kind === 'crash').reduce((n, f) => n + f.count, 0);
    const hangs = [...failures.values()].filter((f) => f.kind === 'hang').reduce((n, f) => n + f.count, 0);
    for (const f of failures.values()) process.stdout.write(`FAIL ${f.kind} (${f.target}, ${f.count}x): ${f.message ?? ''}\n  saved: ${path.relative(process.cwd(), f.file)}\n`);
    process.stdout.write(`fuzz: ${done} cases (seed ${o.seed}, ${o.target}) in ${secs.toFixed(0)} s, ${(done / secs).toFixed(0)} cases/s: ${crashes} crashes, ${hangs} hangs, ${failures.size} distinct\n`);
    process.stdout.write(`${done - crashes - hangs} passed, ${crashes + hangs} failed\n`);
    process.exitCode = failures.size ? 1 : 0;
  })();
}

const options = parseArgs(process.argv.slice(2));
if (options.child) child(options);
else parent(options);
