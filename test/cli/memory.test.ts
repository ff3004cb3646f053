/**
 * The command line's bounds on V8's heap during a long validate and a large convert (lib/cli/memory.ts).
 * How much memory they save is measured by `npm run bench`; here: that they set V8's flags when
 * and only when they should, and set them back, so that the code cache stays usable.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { boundHeapForInput, boundYoungGeneration, GROWTH_FACTOR, HEAP_GROWING_PERCENT, LARGE_INPUT, YOUNG_GENERATION_CAP } from '../../lib/cli/memory';
import { MAKER_LIMIT_MS } from '../../lib/compile-cache';
import { toMultiDocYaml } from '../../lib/yaml/write';
import { ROOT, tmpDir } from '../helpers/cli';
import { cacheEntries } from '../helpers/compile-cache';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { composeFile, manifests } = require('../../bench/generate') as { composeFile: (n: number) => string; manifests: (n: number) => object[] };

/** A preload that records the V8 flags a run sets, each with the young generation's size at that moment. */
function flagsProbe(): string {
  const file = path.join(tmpDir(), 'probe.js');
  fs.writeFileSync(
    file,
    [
      "const v8 = require('v8');",
      'const set = v8.setFlagsFromString;',
      'const seen = [];',
      "const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;",
      'v8.setFlagsFromString = (flags) => { seen.push([flags, young()]); return set(flags); };',
      "process.on('exit', () => process.stderr.write('\\nFLAGS ' + JSON.stringify(seen) + '\\n'));",
      '',
    ].join('\n'),
  );
  return file;
}

/** What flagsProbe saw. */
const flagsSet = (stderr: string) => JSON.parse(/^FLAGS (.*)$/m.exec(stderr)?.[1] ?? 'null') as [string, number][];

test('stops the growth once the young generation reaches the cap, looking every 16 documents from the 64th, and sets it back on release', () => {
  let size = 8 << 20;
  let looks = 0;
  const factors: [number, number, string][] = [];
  const heap = { newSpaceSize: () => (looks++, size), setFlag: (name: string, f: number) => factors.push([f, size, name]) };
  const bound = boundYoungGeneration(8 << 20, heap, []);
  for (let i = 0; i < 63; i++) bound.onProgress();
  expect([looks, factors]).toEqual([0, []]);
  // the 64th document is looked at, then every 16th
  size = 1 << 20;
  for (let i = 0; i < 160; i++) bound.onProgress();
  expect([looks, factors]).toEqual([10, []]);
  size = 8 << 20;
  bound.onProgress();
  expect([looks, factors]).toEqual([11, [[1, 8 << 20, GROWTH_FACTOR]]]);
  size = 16 << 20;
  for (let i = 0; i < 100; i++) bound.onProgress();
  expect([looks, factors]).toEqual([11, [[1, 8 << 20, GROWTH_FACTOR]]]);
  bound.release();
  expect(factors).toEqual([
    [1, 8 << 20, GROWTH_FACTOR],
    [2, 16 << 20, GROWTH_FACTOR],
  ]);
  for (let i = 0; i < 100; i++) bound.onProgress();
  bound.release();
  expect([looks, factors.length]).toEqual([11, 2]);
});

test('touches nothing when the growth was never stopped, or when node was started with a growth factor of its own', () => {
  const factors: number[] = [];
  const small = boundYoungGeneration(8 << 20, { newSpaceSize: () => 1 << 20, setFlag: (_n, f) => factors.push(f) }, []);
  for (let i = 0; i < 1000; i++) small.onProgress();
  small.release();
  const chosen = boundYoungGeneration(8 << 20, { newSpaceSize: () => 32 << 20, setFlag: (_n, f) => factors.push(f) }, [GROWTH_FACTOR]);
  for (let i = 0; i < 1000; i++) chosen.onProgress();
  chosen.release();
  expect(factors).toEqual([]);
});

test('svcgen validate of 3,000 objects stops the growth when the young generation reaches the cap', () => {
  const dir = tmpDir();
  const file = path.join(dir, 'objects.yaml');
  fs.writeFileSync(file, toMultiDocYaml(manifests(3000)));
  const r = spawnSync(process.execPath, ['-r', flagsProbe(), path.join(ROOT, 'bin', 'svcgen.js'), 'validate', file], { encoding: 'utf8' });
  // (1% of the generated objects have a problem: exit 1)
  expect([r.status, /^3000 resources: 2970 valid, 30 invalid/m.test(r.stdout)]).toEqual([1, true]);
  const seen = flagsSet(r.stderr);
  // stopped at the cap, and set back to V8's default once the validation was done
  expect(seen.map(([flags]) => flags)).toEqual(['--semi-space-growth-factor=1', '--semi-space-growth-factor=2']);
  expect(seen[0][1]).toBeGreaterThanOrEqual(YOUNG_GENERATION_CAP);
  expect(seen[0][1]).toBeLessThan(2 * YOUNG_GENERATION_CAP);
});

test('the code cache a long validate writes is taken by the next small one (V8 keys it by the flags in force)', () => {
  const dir = tmpDir();
  const file = path.join(dir, 'objects.yaml');
  fs.writeFileSync(file, toMultiDocYaml(manifests(3000)));
  const cache = path.join(dir, 'cache');
  const run = (f: string) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'svcgen.js'), 'validate', f], { encoding: 'utf8', env: { ...process.env, SVCGEN_COMPILE_CACHE: cache } }).status;
  const small = path.join(ROOT, 'dist', 'go-demo-2.k8s.yaml');
  const entries = cacheEntries(cache);
  // the long validate makes every entry (an empty cache), at its exit
  expect(run(file)).toBe(1);
  // (their headers then say a run of MAKER_LIMIT_MS made them, so that the compile cache's own
  // rules would not make them again for a small run: only a refusal by V8 would)
  entries.setMadeWith(MAKER_LIMIT_MS);
  const afterBig = entries.stamps();
  // a refused entry is compiled afresh and written again: nothing may be
  expect(run(small)).toBe(0);
  expect(entries.stamps()).toEqual(afterBig);
});

test('a small validate leaves V8 alone', () => {
  const probe = path.join(tmpDir(), 'probe.js');
  // (not even Node's v8 module, whose streams are 25 modules more: the probe looks without loading it)
  fs.writeFileSync(probe, "process.on('exit', () => process.stderr.write('\\nV8 ' + process.moduleLoadList.includes('NativeModule v8') + '\\n'));\n");
  const r = spawnSync(process.execPath, ['-r', probe, path.join(ROOT, 'bin', 'svcgen.js'), 'validate', path.join(ROOT, 'dist', 'go-demo-2.k8s.yaml')], { encoding: 'utf8' });
  expect([r.status, /^V8 (\w+)$/m.exec(r.stderr)?.[1]]).toEqual([0, 'false']);
});

describe('svcgen convert of a large compose file', () => {
  test('bounds the heap from LARGE_INPUT bytes on, and sets the flags back on release; leaves smaller inputs and flags the user chose alone', () => {
    const seen: [string, number][] = [];
    const heap = { newSpaceSize: () => 0, setFlag: (name: string, value: number) => seen.push([name, value]) };
    const small = boundHeapForInput(LARGE_INPUT - 1, heap, []);
    small.release();
    expect(seen).toEqual([]);
    const large = boundHeapForInput(LARGE_INPUT, heap, []);
    expect(seen).toEqual([
      [GROWTH_FACTOR, 1],
      [HEAP_GROWING_PERCENT, 20],
    ]);
    large.release();
    large.release();
    expect(seen.slice(2)).toEqual([
      [GROWTH_FACTOR, 2],
      [HEAP_GROWING_PERCENT, 0],
    ]);
    seen.length = 0;
    boundHeapForInput(10 * LARGE_INPUT, heap, [HEAP_GROWING_PERCENT]).release();
    expect(seen).toEqual([
      [GROWTH_FACTOR, 1],
      [GROWTH_FACTOR, 2],
    ]);
  });

  test('a file of LARGE_INPUT bytes is converted with the bound, set back when done; a small one without', () => {
    const dir = tmpDir();
    const services = Math.ceil(LARGE_INPUT / composeFile(1).length) + 10;
    fs.writeFileSync(path.join(dir, 'compose.yaml'), composeFile(services));
    expect(fs.statSync(path.join(dir, 'compose.yaml')).size).toBeGreaterThanOrEqual(LARGE_INPUT);
    const run = (cwd: string, file: string) => spawnSync(process.execPath, ['-r', flagsProbe(), path.join(ROOT, 'bin', 'svcgen.js'), 'convert', file, '--stdout'], { encoding: 'utf8', cwd, maxBuffer: 1 << 30 });
    const large = run(dir, 'compose.yaml');
    expect([large.status, new RegExp(`objects from ${services} services`).test(large.stderr)]).toEqual([0, true]);
    const seen = flagsSet(large.stderr);
    expect(seen.map(([flags]) => flags)).toEqual(['--semi-space-growth-factor=1', '--heap-growing-percent=20', '--semi-space-growth-factor=2', '--heap-growing-percent=0']);
    // (before the file is read, which would grow the young generation to 32 MiB at once)
    expect(seen[0][1]).toBeLessThan(YOUNG_GENERATION_CAP);
    const small = run(ROOT, path.join('test', 'fixtures', 'compose', 'example-voting-app', 'docker-stack.yml'));
    expect([small.status, flagsSet(small.stderr)]).toEqual([0, []]);
  });

  test('the code cache a large convert writes is taken by the next small one', () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'compose.yaml'), composeFile(Math.ceil(LARGE_INPUT / composeFile(1).length) + 10));
    const cache = path.join(dir, 'cache');
    const run = (cwd: string, file: string) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'svcgen.js'), 'convert', file, '--stdout'], { cwd, encoding: 'utf8', env: { ...process.env, SVCGEN_COMPILE_CACHE: cache }, maxBuffer: 1 << 30 }).status;
    const entries = cacheEntries(cache);
    expect(run(dir, 'compose.yaml')).toBe(0);
    entries.setMadeWith(MAKER_LIMIT_MS);
    const afterLarge = entries.stamps();
    expect(afterLarge.size).toBeGreaterThan(0);
    expect(run(ROOT, path.join('test', 'fixtures', 'compose', 'example-voting-app', 'docker-stack.yml'))).toBe(0);
    expect(entries.stamps()).toEqual(afterLarge);
  });
});
