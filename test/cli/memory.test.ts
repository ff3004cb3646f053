/**
 * The command line's bound on V8's young generation during a long validate (lib/cli/memory.ts).
 * How much memory it saves is measured by `npm run bench`; here: that it stops the growth, once,
 * and only past the cap.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { boundYoungGeneration, YOUNG_GENERATION_CAP } from '../../lib/cli/memory';
import { MAKER_LIMIT_MS } from '../../lib/compile-cache';
import { toMultiDocYaml } from '../../lib/yaml/write';
import { ROOT, tmpDir } from '../helpers/cli';
import { cacheEntries } from '../helpers/compile-cache';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { manifests } = require('../../bench/generate') as { manifests: (n: number) => object[] };

test('stops the growth once the young generation reaches the cap, looking every 16 documents from the 64th, and sets it back on release', () => {
  let size = 8 << 20;
  let looks = 0;
  const factors: [number, number][] = [];
  const heap = { newSpaceSize: () => (looks++, size), growthFactor: (f: number) => factors.push([f, size]) };
  const bound = boundYoungGeneration(8 << 20, heap, false);
  for (let i = 0; i < 63; i++) bound.onProgress();
  expect([looks, factors]).toEqual([0, []]);
  // the 64th document is looked at, then every 16th
  size = 1 << 20;
  for (let i = 0; i < 160; i++) bound.onProgress();
  expect([looks, factors]).toEqual([10, []]);
  size = 8 << 20;
  bound.onProgress();
  expect([looks, factors]).toEqual([11, [[1, 8 << 20]]]);
  size = 16 << 20;
  for (let i = 0; i < 100; i++) bound.onProgress();
  expect([looks, factors]).toEqual([11, [[1, 8 << 20]]]);
  bound.release();
  expect(factors).toEqual([[1, 8 << 20], [2, 16 << 20]]);
  for (let i = 0; i < 100; i++) bound.onProgress();
  bound.release();
  expect([looks, factors.length]).toEqual([11, 2]);
});

test('touches nothing when the growth was never stopped, or when node was started with a growth factor of its own', () => {
  const factors: number[] = [];
  const small = boundYoungGeneration(8 << 20, { newSpaceSize: () => 1 << 20, growthFactor: (f) => factors.push(f) }, false);
  for (let i = 0; i < 1000; i++) small.onProgress();
  small.release();
  const chosen = boundYoungGeneration(8 << 20, { newSpaceSize: () => 32 << 20, growthFactor: (f) => factors.push(f) }, true);
  for (let i = 0; i < 1000; i++) chosen.onProgress();
  chosen.release();
  expect(factors).toEqual([]);
});

test('svcgen validate of 3,000 objects stops the growth when the young generation reaches the cap', () => {
  const dir = tmpDir();
  const file = path.join(dir, 'objects.yaml');
  fs.writeFileSync(file, toMultiDocYaml(manifests(3000)));
  // the probe sees the flags set and the young generation's size at that moment
  const probe = path.join(dir, 'probe.js');
  fs.writeFileSync(
    probe,
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
  const r = spawnSync(process.execPath, ['-r', probe, path.join(ROOT, 'bin', 'svcgen.js'), 'validate', file], { encoding: 'utf8' });
  // (1% of the generated objects have a problem: exit 1)
  expect([r.status, /^3000 resources: 2970 valid, 30 invalid/m.test(r.stdout)]).toEqual([1, true]);
  const seen = JSON.parse(/^FLAGS (.*)$/m.exec(r.stderr)?.[1] ?? 'null') as [string, number][];
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
