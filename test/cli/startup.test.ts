/**
 * What makes a run start quickly must not change what it does: the compile cache (on, off, cold,
 * warm, refused), the app importing svcgen's build rather than its sources, the lazy parts of the
 * library. (How much faster is measured by `npm run bench`, not here.)
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fnv, fnv2, MAKER_LIMIT_MS } from '../../lib/compile-cache';
import { ROOT, tmpDir } from '../helpers/cli';
import { cacheEntries } from '../helpers/compile-cache';

const BIN = path.join(ROOT, 'bin', 'svcgen.js');
const VOTING = path.join(ROOT, 'test', 'fixtures', 'compose', 'example-voting-app', 'docker-stack.yml');

function run(args: string[], cache: string, cwd = ROOT) {
  // (cwd: tsx reads the tsconfig.json of the working folder)
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, SVCGEN_COMPILE_CACHE: cache, CDK8S_CHECK_UPGRADE: 'false' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const entries = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).flatMap((d) => fs.readdirSync(path.join(dir, d))) : []);

/** Writes files (name -> lines) into test/.generated/<folder>; returns the folder. */
function generated(folder: string, files: Record<string, string[]>, mode?: number): string {
  const dir = path.join(ROOT, 'test', '.generated', folder);
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, lines] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), lines.join('\n'), mode === undefined ? undefined : { mode });
  return dir;
}

test('fnv2 is the two FNV-1a hashes of the cache keys in one pass', () => {
  for (const text of ['', 'a', 'module.exports = "first";\n', 'x'.repeat(1000), 'é€😀\0']) expect(fnv2(text)).toBe(fnv(text) + fnv(text, 0x1b873593));
});

describe('the compile cache', () => {
  const commands = [
    ['validate', path.join(ROOT, 'dist', 'go-demo-2.k8s.yaml')],
    ['convert', VOTING, '--stdout'],
    ['synth', '--stdout', '--no-typecheck'],
    ['explain', path.join(ROOT, 'test', 'fixtures', 'seed-examples', 'go-demo-2', 'go-demo-2.yml')],
  ];

  test.each(commands)('svcgen %s: the same output and exit code without it, cold and warm', (...args) => {
    const dir = path.join(tmpDir('svcgen-cc-'), 'cache');
    const off = run(args, 'off');
    const cold = run(args, dir);
    const stored = entries(dir).length;
    const warm = run(args, dir);
    expect(off.code).toBe(0);
    expect(cold).toEqual(off);
    expect(warm).toEqual(off);
    // the cold run stored the modules it compiled (the bundle that ran the command among them:
    // `validate <file>` skips the command line's); the warm run found them all
    const bundle = args[0] === 'validate' ? 'cli-validate.js' : 'cli.js';
    expect(entries(dir).filter((f) => f.endsWith(fnv(path.join(ROOT, 'build', bundle))))).toHaveLength(1);
    expect(entries(dir).length).toBe(stored);
  });

  // (the CPU time of the runs that made the entries is set in their headers, so that these tests
  // do not hang on how long a run takes on a busy machine; --version is far below the limit)
  test(`an entry is made again by a run that took more than 1.5 times its maker's CPU time, up to ${MAKER_LIMIT_MS} ms; other runs write nothing`, () => {
    const dir = path.join(tmpDir('svcgen-cc-'), 'cache');
    const cache = cacheEntries(dir);
    expect(run(['--version'], dir).code).toBe(0);
    expect(cache.files().length).toBeGreaterThan(0);
    // made by a run of 1 ms: the next run makes them again, and says how long it took
    cache.setMadeWith(1);
    expect(run(['--version'], dir).code).toBe(0);
    for (const [f, ms] of cache.madeWith()) expect([f, ms > 1]).toEqual([f, true]);
    // made by a run of the limit: a run of --version's size writes nothing
    cache.setMadeWith(MAKER_LIMIT_MS);
    const before = cache.stamps();
    expect(run(['--version'], dir).code).toBe(0);
    expect(cache.stamps()).toEqual(before);
  });

  test(`a run longer than ${MAKER_LIMIT_MS} ms CPU writes only the entries it found none for, and a short run replaces the entries a long one made`, () => {
    const dir = path.join(tmpDir('svcgen-cc-'), 'cache');
    const cache = cacheEntries(dir);
    expect(run(['validate', path.join(ROOT, 'dist', 'go-demo-2.k8s.yaml')], dir).code).toBe(0);
    // made by a run of 1 ms, so that only the limit stops the long run from making them again
    cache.setMadeWith(1);
    const before = cache.stamps();
    // 4,000 objects: a second or more of CPU time
    const objects = path.join(tmpDir('svcgen-cc-'), 'objects.yaml');
    fs.writeFileSync(objects, Array.from({ length: 1000 }, (_, i) => fs.readFileSync(path.join(ROOT, 'dist', 'go-demo-2.k8s.yaml'), 'utf8').replace(/go-demo-2/g, `d${i}`)).join('---\n'));
    expect(run(['validate', objects], dir).code).toBe(0);
    const after = cache.stamps();
    for (const [f, t] of before) expect([f, after.get(f)]).toEqual([f, t]);
    // an entry made by a long run (its header says so) is made again by the next short run
    const entry = cache.files().find((f) => f.endsWith(fnv(path.join(ROOT, 'build', 'cli-validate.js'))))!;
    expect(entry).toBeDefined();
    cache.setMadeWith(MAKER_LIMIT_MS + 1000, entry);
    expect(run(['validate', path.join(ROOT, 'dist', 'go-demo-2.k8s.yaml')], dir).code).toBe(0);
    expect(cache.madeWith().get(entry)).toBeLessThanOrEqual(MAKER_LIMIT_MS);
  });

  test('a cache folder others can write to (or swap) is not used', () => {
    const base = tmpDir('svcgen-cc-');
    for (const [name, mode] of [['shared', 0o777], ['group', 0o770]] as const) {
      const shared = path.join(base, name);
      fs.mkdirSync(shared);
      fs.chmodSync(shared, mode);
      // in the folder itself, or as the parent of svcgen's own v8-<node> folder
      fs.mkdirSync(path.join(shared, `v8-${process.version}-${process.arch}`), { mode });
      fs.chmodSync(path.join(shared, `v8-${process.version}-${process.arch}`), mode);
      const r = run(['validate', path.join(ROOT, 'dist', 'go-demo-2.k8s.yaml')], shared);
      expect(r.code).toBe(0);
      expect([name, entries(shared)]).toEqual([name, []]);
    }
  });

  test('a module whose source changed is compiled afresh, never served from the cache', () => {
    // a package of its own, loaded through the cache twice, its source changed in between (same length)
    const base = tmpDir('svcgen-cc-');
    const cache = path.join(base, 'cache');
    const pkg = path.join(base, 'node_modules', 'm');
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(path.join(pkg, 'index.js'), 'module.exports = "first";\n');
    const script = `require(${JSON.stringify(path.join(ROOT, 'build', 'lib', 'compile-cache.js'))}).enableCompileCache(${JSON.stringify(ROOT)}); process.stdout.write(require(${JSON.stringify(pkg)}))`;
    const once = () => spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, SVCGEN_COMPILE_CACHE: cache } }).stdout;
    expect(once()).toBe('first');
    expect(entries(cache).length).toBe(1);
    fs.writeFileSync(path.join(pkg, 'index.js'), 'module.exports = "again";\n');
    expect(once()).toBe('again');
    expect(entries(cache).length).toBe(2);
  });
});

test("an app that imports 'svcgen' from svcgen's own sources (tsconfig paths) gets the build this command runs", () => {
  // (one copy of the constructs, compiled once; the sources through tsx would be a second copy)
  const script = `
    const { loadApp } = require(${JSON.stringify(path.join(ROOT, 'build', 'lib', 'synth', 'load.js'))});
    loadApp(${JSON.stringify(path.join(ROOT, 'main.ts'))});
    const sources = Object.keys(require.cache).filter((f) => f.startsWith(${JSON.stringify(path.join(ROOT, 'lib') + path.sep)}));
    process.stdout.write(JSON.stringify(sources));`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout)).toEqual([]);
});

test("the library's converter and explain are loaded when first used, and work", () => {
  const script = `
    const svcgen = require(${JSON.stringify(path.join(ROOT, 'build', 'lib', 'index.js'))});
    const before = Object.keys(require.cache).some((f) => f.includes('/build/lib/compose/'));
    const r = svcgen.convertCompose([${JSON.stringify(VOTING)}], { env: {} });
    process.stdout.write(JSON.stringify({ before, objects: r.objects.length, after: Object.keys(require.cache).some((f) => f.includes('/build/lib/compose/')) }));`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(JSON.parse(r.stdout)).toEqual({ before: false, objects: 15, after: true });
});

describe.each([
  ['the command line bin/svcgen.js runs (build/cli.js and its commands)', path.join(ROOT, 'build', 'cli.js')],
  ['the modules of build/lib', path.join(ROOT, 'build', 'lib', 'cli', 'main.js')],
])('%s', (_, main) => {
  test.each([
    ['convert', VOTING, '--stdout'],
    ['validate', path.join(ROOT, 'dist', 'go-demo-2.k8s.yaml')],
  ])('svcgen %s loads neither cdk8s nor constructs (cdk8s alone is a tenth of a small run)', (...args) => {
    const script = `
    require(${JSON.stringify(main)}).main([process.argv0, 'svcgen', ...${JSON.stringify(args)}]).then((code) => {
      const loaded = Object.keys(require.cache).filter((f) => /node_modules\\/(cdk8s|constructs|yaml)\\//.test(f));
      process.stderr.write('LOADED ' + JSON.stringify({ code, loaded }) + '\\n');
    });`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    const line = r.stderr.split('\n').find((l) => l.startsWith('LOADED '));
    expect(JSON.parse(line!.slice(7))).toEqual({ code: 0, loaded: [] });
  });
});

test.each([
  [['--version'], []],
  [['synth', '--stdout', '--no-typecheck'], []],
  [['validate', path.join(ROOT, 'dist', 'go-demo-2.k8s.yaml')], ['cli-validate.js']],
  [['convert', VOTING], ['cli-convert.js']],
])('svcgen %j loads the bundles %j of the commands (each command its own; --version and synth none)', (args, expected) => {
  const probe = path.join(tmpDir(), 'probe.js');
  fs.writeFileSync(probe, `process.on('exit', () => process.stderr.write('\\nBUNDLES ' + JSON.stringify(Object.keys(require.cache).filter((f) => /[\\\\/]build[\\\\/]cli-\\w+\\.js$/.test(f)).map((f) => f.replace(/.*[\\\\/]/, '')))));\n`);
  const r = spawnSync(process.execPath, ['-r', probe, BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
  expect(r.status).toBe(0);
  expect(JSON.parse(/BUNDLES (.*)$/m.exec(r.stderr)?.[1] ?? 'null')).toEqual(expected);
});

test('build/cli*.js are the bundles of the build/lib they sit beside (npm run build makes both)', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-cli.js'), '--check'], { cwd: ROOT, encoding: 'utf8' });
  expect([r.status, r.stderr]).toEqual([0, '']);
  const bundle = (name: string) => fs.readFileSync(path.join(ROOT, 'build', name), 'utf8');
  // the command line loads each command's file when that command runs
  for (const command of ['convert', 'validate', 'explain']) expect(bundle('cli.js')).toContain(`require("./cli-${command}.js")`);
  expect(bundle('cli.js')).not.toMatch(/^\/\/ build\/lib\/(compose|validate)\//m);
  // and what runs the user's app is required from build/lib, not bundled: one copy of the constructs
  expect(bundle('cli.js')).toContain('require("./lib/cli/synth.js")');
  expect(bundle('cli-explain.js')).toContain('require("./lib/synth/load.js")');
  const appFacing = /^\/\/ build\/lib\/(synth\/(load|synth)|cli\/synth|constructs\/index)\.js$/m;
  for (const name of ['cli.js', 'cli-convert.js', 'cli-validate.js', 'cli-explain.js']) expect(bundle(name)).not.toMatch(appFacing);
});

describe("an app's TypeScript without tsx", () => {
  const GENERATED = path.join(ROOT, 'test', '.generated');
  const app = (dir: string, extra: Record<string, string>) => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'lib'), { recursive: true });
    for (const [f, c] of Object.entries(extra)) fs.writeFileSync(path.join(dir, f), c);
  };
  const MAIN = (from: string) => `import { App } from 'cdk8s';\nimport { MultiTierApp } from 'svcgen';\nimport { image } from '${from}';\nconst app = new App();\nnew MultiTierApp(app, 'x').addTier('web', { image, ports: [{ number: 80 }] });\napp.synth();\n`;

  test('transpiled once into the cache (a changed file again), with the same manifests as through tsx', () => {
    const dir = path.join(GENERATED, 'ts-loader-plain');
    app(dir, { 'main.ts': MAIN('./lib/image'), 'lib/image.ts': "export const image: string = 'nginx:1';\n" });
    const cache = path.join(tmpDir('svcgen-cc-'), 'cache');
    const first = run(['synth', '--app', path.join(dir, 'main.ts'), '--stdout', '--no-typecheck'], cache);
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('image: nginx:1');
    const ts = path.join(cache, `v8-${process.version}-${process.arch}`, 'ts');
    expect(fs.readdirSync(ts).length).toBe(2);
    fs.writeFileSync(path.join(dir, 'lib', 'image.ts'), "export const image: string = 'nginx:2';\n");
    const second = run(['synth', '--app', path.join(dir, 'main.ts'), '--stdout', '--no-typecheck'], cache);
    expect(second.stdout).toBe(first.stdout.replace('nginx:1', 'nginx:2'));
    expect(fs.readdirSync(ts).length).toBe(3);
    // tsx gives the same
    expect(run(['synth', '--app', path.join(dir, 'main.ts'), '--stdout', '--no-typecheck'], 'off').stdout).toBe(second.stdout);
  });

  test('an error in the app is told at its .ts line (source maps), as through tsx', () => {
    const dir = path.join(GENERATED, 'ts-loader-error');
    app(dir, { 'main.ts': "import { App } from 'cdk8s';\nimport { MultiTierApp } from 'svcgen';\n\nconst app = new App();\nconst x = new MultiTierApp(app, 'x');\n\n\nx.addTier('web', { image: 'nginx', ports: [{ number: 99999 }] });\napp.synth();\n" });
    const r = run(['synth', '--app', path.join(dir, 'main.ts'), '--stdout', '--no-typecheck'], path.join(tmpDir('svcgen-cc-'), 'cache'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/main\.ts:8: .*99999/);
  });

  test('a tsconfig with paths is left to tsx, which resolves them', () => {
    const dir = path.join(GENERATED, 'ts-loader-paths');
    app(dir, {
      'main.ts': MAIN('@lib/image'),
      'lib/image.ts': "export const image: string = 'nginx:3';\n",
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@lib/*': ['lib/*'] } } }),
    });
    const cache = path.join(tmpDir('svcgen-cc-'), 'cache');
    const r = run(['synth', '--app', 'main.ts', '--stdout', '--no-typecheck'], cache, dir);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('image: nginx:3');
    expect(fs.existsSync(path.join(cache, `v8-${process.version}-${process.arch}`, 'ts'))).toBe(false);
  });
});

describe("cdk8s's yaml, crypto and child_process, for the commands that load an app", () => {
  /** What a run loaded: modules of the yaml package, and whether Node's crypto and child_process. */
  const loaded = (args: string[]) => {
    const probe = path.join(tmpDir(), 'probe.js');
    fs.writeFileSync(
      probe,
      [
        "process.on('exit', () => {",
        "  const yaml = Object.keys(require.cache).filter((f) => /node_modules[\\\\/]yaml[\\\\/]/.test(f)).length;",
        "  const own = ['crypto', 'child_process', 'net'].filter((m) => process.moduleLoadList.includes('NativeModule ' + m));",
        "  process.stderr.write('\\nLOADED ' + JSON.stringify({ yaml, own }) + '\\n');",
        '});',
        '',
      ].join('\n'),
    );
    const r = spawnSync(process.execPath, ['-r', probe, BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, ...(JSON.parse(/^LOADED (.*)$/m.exec(r.stderr)?.[1] ?? 'null') as { yaml: number; own: string[] }) };
  };

  test('are not loaded by synth or explain --app of an app that uses none of them (they are a third of a small synth)', () => {
    const synth = loaded(['synth', '--stdout', '--no-typecheck']);
    expect([synth.code, synth.yaml, synth.own]).toEqual([0, 0, []]);
    const explain = loaded(['explain', '--app', 'main.ts']);
    expect([explain.code, explain.yaml, explain.own]).toEqual([0, 0, []]);
  });

  test('are loaded on first use by an app that reads YAML through cdk8s (Include, Yaml), with the same result', () => {
    const extra = path.join(ROOT, 'test', '.generated', 'lazy-yaml', 'extra.yaml');
    const dir = generated('lazy-yaml', {
      'extra.yaml': ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: included', 'data:', '  mode: "on"', ''],
      'app.js': [
        "const { App, Chart, Include, Yaml, ApiObject } = require('cdk8s');",
        'const app = new App();',
        "const chart = new Chart(app, 'reads-yaml');",
        `new Include(chart, 'inc', { url: ${JSON.stringify(extra)} });`,
        `const [doc] = Yaml.load(${JSON.stringify(extra)});`,
        "new ApiObject(chart, 'copy', { ...doc, metadata: { name: 'copied' }, data: { yaml: Yaml.stringify({ a: 1 }) } });",
        'app.synth();',
        '',
      ],
    });
    const app = path.join(dir, 'app.js');
    const r = loaded(['synth', '--app', app, '--stdout']);
    expect(r.code).toBe(0);
    expect(r.yaml).toBeGreaterThan(10);
    expect(r.stdout).toContain('name: included');
    expect(r.stdout).toContain('name: copied');
    expect(r.stdout).toContain('yaml: |\n    a: 1\n');
  });

  test('are loaded on first use by an app that runs Helm and asks for hashed names, with the same result', () => {
    // a stand-in for helm: prints a ConfigMap named after the release, with the arguments it got
    const helm = path.join(ROOT, 'test', '.generated', 'lazy-helm', 'fake-helm.js');
    generated(
      'lazy-helm',
      {
        'fake-helm.js': [
          '#!/usr/bin/env node',
          'const args = process.argv.slice(2);',
          "process.stdout.write(`apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: ${args[args.length - 2]}-cm\\ndata:\\n  args: ${JSON.stringify(args.join(' '))}\\n`);",
          '',
        ],
      },
      0o755,
    );
    const app = path.join(
      generated('lazy-helm', {
        'app.js': [
          "const { App, Chart, Helm, Names, ApiObject } = require('cdk8s');",
          'const app = new App();',
          "const chart = new Chart(app, 'helm-app');",
          `new Helm(chart, 'fake', { chart: 'fake-chart', helmExecutable: ${JSON.stringify(helm)} });`,
          "new ApiObject(chart, 'names', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'names' }, data: { label: Names.toDnsLabel(chart, { extra: ['x'] }), addr: chart.node.addr } });",
          'app.synth();',
          '',
        ],
      }),
      'app.js',
    );
    const r = loaded(['synth', '--app', app, '--stdout']);
    expect([r.code, r.stderr.replace(/\s*LOADED.*\n?/, '')]).toEqual([0, '']);
    expect(r.own).toEqual(['crypto', 'child_process', 'net']);
    expect(r.yaml).toBeGreaterThan(10);
    // the same names as cdk8s computes with the real modules, here in the test's own process
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cdk8s = require('cdk8s') as typeof import('cdk8s');
    const chart = new cdk8s.Chart(new cdk8s.App(), 'helm-app');
    const release = cdk8s.Names.toDnsLabel(chart, { maxLen: 53, extra: ['fake'] });
    expect(r.stdout).toContain(`name: ${release}-cm\n`);
    expect(r.stdout).toContain(`args: template ${release} fake-chart\n`);
    expect(r.stdout).toContain(`label: ${cdk8s.Names.toDnsLabel(chart, { extra: ['x'] })}\n`);
    expect(r.stdout).toContain(`addr: ${chart.node.addr}\n`);
  });
});

describe("svcgen's library as one file (build/lib/synth/library.js), for the commands that load an app", () => {
  /** The files of build/lib a run read and set up as modules of their own. */
  const probe = () => {
    const file = path.join(tmpDir(), 'probe.js');
    fs.writeFileSync(
      file,
      [
        "const Module = require('module');",
        'const load = Module.prototype.load;',
        'const files = [];',
        'Module.prototype.load = function (f) { files.push(f); return load.call(this, f); };',
        `const lib = ${JSON.stringify(path.join(ROOT, 'build', 'lib') + path.sep)};`,
        "process.on('exit', () => process.stderr.write('\\nLIB ' + JSON.stringify(files.filter((f) => f.startsWith(lib)).map((f) => f.slice(lib.length).split(require('path').sep).join('/'))) + '\\n'));",
        '',
      ].join('\n'),
    );
    return file;
  };
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, ['-r', probe(), BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, lib: JSON.parse(/^LIB (.*)$/m.exec(r.stderr)?.[1] ?? 'null') as string[] };
  };

  test.each([
    [['synth', '--stdout', '--no-typecheck']],
    [['explain', '--app', 'main.ts']],
  ])('svcgen %j reads build/lib through that one file (and the compile cache bin/svcgen.js loads first)', (args) => {
    const r = run(args);
    expect([r.code, r.lib]).toEqual([0, ['compile-cache.js', 'synth/library.js']]);
  });

  test("the app's imports of svcgen's build (the package, deep paths) meet the same modules as svcgen's synth, set up once", () => {
    const lib = path.join(ROOT, 'build', 'lib');
    const app = path.join(
      generated('library-bundle', {
        'app.js': [
          "const { App, Chart, ApiObject } = require('cdk8s');",
          `const svcgen = require(${JSON.stringify(path.join(lib, 'index.js'))});`,
          `const deep = require(${JSON.stringify(path.join(lib, 'constructs', 'app.js'))});`,
          `const check = require(${JSON.stringify(path.join(lib, 'synth', 'check.js'))});`,
          'const app = new App();',
          "const shop = new svcgen.MultiTierApp(app, 'shop');",
          "shop.addTier('web', { image: 'nginx:1.25', ports: [{ number: 80 }] });",
          "new ApiObject(new Chart(app, 'facts'), 'facts', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'facts' }, data: {",
          "  same: String(deep.MultiTierApp === svcgen.MultiTierApp && typeof check.checkCharts === 'function'),",
          '} });',
          'app.synth();',
          '',
        ],
      }),
      'app.js',
    );
    const r = run(['synth', '--app', app, '--stdout']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("same: 'true'");
    expect(r.stdout).toContain('name: shop-web');
    expect(r.lib).toEqual(['compile-cache.js', 'synth/library.js']);
  });

  test("what the bundle leaves out (the index's converter and explain) loads from its files on first call, and shares the bundle's modules", () => {
    const app = path.join(
      generated('library-bundle', {
        'converts.js': [
          "const { App, Chart, ApiObject } = require('cdk8s');",
          `const svcgen = require(${JSON.stringify(path.join(ROOT, 'build', 'lib', 'index.js'))});`,
          `const converted = svcgen.convertCompose([${JSON.stringify(VOTING)}], { env: {} });`,
          'const explained = svcgen.toText(svcgen.explain(converted.objects));',
          'const app = new App();',
          "new ApiObject(new Chart(app, 'facts'), 'facts', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'facts' }, data: {",
          '  objects: String(converted.objects.length), explained: String(/Service/.test(explained)),',
          '} });',
          'app.synth();',
          '',
        ],
      }),
      'converts.js',
    );
    const r = run(['synth', '--app', app, '--stdout']);
    expect([r.code, r.stderr.replace(/\s*LIB .*\n?/, '')]).toEqual([0, '']);
    expect(r.stdout).toContain("objects: '15'");
    expect(r.stdout).toContain("explained: 'true'");
    // the converter and explain from their files; nothing the bundle holds was read again
    expect(r.lib).toContain('compose/index.js');
    expect(r.lib).toContain('explain/model.js');
    expect(r.lib.filter((f) => /^(validate|yaml|constructs)\//.test(f) || f === 'errors.js' || f === 'paths.js')).toEqual([]);
  });
});

test("lib/ imports Node's own modules as requires, and the command line's bundles copy none of their keys", () => {
  // (tsc's `import * as fs` copies each of the module's keys at load, in every module: 3-6% of a small validate)
  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
  const builtin = new Set(require('module').builtinModules as string[]);
  const starred = sources(path.join(ROOT, 'lib')).flatMap((f) =>
    [...fs.readFileSync(f, 'utf8').matchAll(/^import \* as \w+ from '(?:node:)?([\w/]+)';$/gm)].filter((m) => builtin.has(m[1])).map((m) => `${path.relative(ROOT, f)}: ${m[0]}`),
  );
  expect(starred).toEqual([]);
  const copies = ['cli.js', 'cli-validate.js', 'cli-convert.js', 'cli-explain.js', path.join('lib', 'synth', 'library.js')].flatMap((b) =>
    [...fs.readFileSync(path.join(ROOT, 'build', b), 'utf8').matchAll(/__importStar\d*\(require\("(?:node:)?([\w/]+)"\)\)/g)].filter((m) => builtin.has(m[1])).map((m) => `${b}: ${m[0]}`),
  );
  expect(copies).toEqual([]);
});

describe('`svcgen validate <inputs...>` with no option skips the command line parser (build/cli.js)', () => {
  /** A run, and whether it loaded build/cli.js. */
  const run = (args: string[], input?: string) => {
    const probe = path.join(tmpDir(), 'probe.js');
    fs.writeFileSync(probe, `process.on('exit', () => process.stderr.write('\\nCLI ' + Object.keys(require.cache).includes(${JSON.stringify(path.join(ROOT, 'build', 'cli.js'))}) + '\\n'));\n`);
    const r = spawnSync(process.execPath, ['-r', probe, BIN, ...args], { cwd: ROOT, encoding: 'utf8', input });
    const cli = /\nCLI (\w+)\n$/.exec(r.stderr);
    return { code: r.status, stdout: r.stdout, stderr: r.stderr.slice(0, cli?.index), cli: cli?.[1] };
  };
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, 'bad.yaml'), fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'wrong-types.yaml')));
  // (each row names its standard input, if any: jest hands a shorter row's test a callback instead)
  const cases: [string, string[], string | undefined][] = [
    ['a valid file (a warning)', ['dist/go-demo-2.k8s.yaml'], undefined],
    ['an invalid file', [path.join(dir, 'bad.yaml')], undefined],
    ['a folder and a file', [dir, 'dist/go-demo-2.k8s.yaml'], undefined],
    ['standard input', ['-'], fs.readFileSync(path.join(ROOT, 'dist', 'go-demo-2.k8s.yaml'), 'utf8')],
    ['a file that is not there', ['no-such-file.yaml'], undefined],
  ];
  test.each(cases)('%s: the same output and exit code as through the parser', (_name, inputs, input) => {
    const quick = run(['validate', ...inputs], input);
    // (an option with its default value takes the parser's way)
    const parsed = run(['validate', '--scope', 'folder', ...inputs], input);
    expect([quick.cli, parsed.cli]).toEqual(['false', 'true']);
    expect({ ...quick, cli: undefined }).toEqual({ ...parsed, cli: undefined });
    expect(quick.stdout + quick.stderr).not.toBe('');
  });

  test('any option, or no input, takes the parser', () => {
    expect(run(['validate', '-o', 'json', 'dist/go-demo-2.k8s.yaml']).cli).toBe('true');
    expect(run(['validate', 'dist/go-demo-2.k8s.yaml', '--no-strict']).cli).toBe('true');
    const none = run(['validate']);
    expect([none.cli, none.code, none.stderr]).toEqual(['true', 2, 'svcgen: error: give the manifests to validate: files, folders, or - for standard input\n']);
  });

  test("its defaults are the parser's", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const validate = require('../../lib/cli/validate') as typeof import('../../lib/cli/validate');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildProgram } = require('../../lib/cli/main') as typeof import('../../lib/cli/main');
    const seen: unknown[] = [];
    const spy = jest.spyOn(validate, 'runValidate').mockImplementation((_inputs, opts) => (seen.push({ ...opts }), 0));
    try {
      await buildProgram({ stdout: () => undefined, stderr: () => undefined }).parseAsync(['node', 'svcgen', 'validate', 'x.yaml']);
    } finally {
      spy.mockRestore();
    }
    expect(seen).toEqual([{ ...validate.VALIDATE_DEFAULTS }]);
  });
});
