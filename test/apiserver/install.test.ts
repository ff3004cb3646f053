/**
 * How a user gets svcgen for a `--format ts` program while svcgen is not on the npm registry: the
 * packed tarball (`npm pack`), named with `--svcgen-package file:...`. A fresh project installs it
 * from the registry's cdk8s and constructs and synthesizes exactly what `--format yaml` gives.
 * (Uses the npm registry, as `npm ci` does.)
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, svcgen, tmpDir } from '../helpers/cli';
import { SEED_DIR } from '../helpers/seed';

test('a --format ts program installs svcgen from its packed tarball and synthesizes the converted YAML', () => {
  const work = tmpDir('svcgen-install-');
  const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!;
  const tarball = path.join(work, packed);
  expect(fs.existsSync(tarball)).toBe(true);
  const stack = path.join(SEED_DIR, 'go-demo-2', 'go-demo-2-swarm.yml');
  const project = path.join(work, 'app');
  const conv = svcgen(['convert', stack, '--format', 'ts', '-o', project, '--svcgen-package', `file:${path.relative(project, tarball)}`]);
  expect(conv.code).toBe(0);
  expect(JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8')).dependencies.svcgen).toBe(`file:../${packed}`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: project, encoding: 'utf8', timeout: 10 * 60 * 1000 });
  // one cdk8s in the project: svcgen's and the program's are the same module
  expect(fs.existsSync(path.join(project, 'node_modules', 'svcgen', 'node_modules', 'cdk8s'))).toBe(false);
  const synth = execFileSync(path.join(project, 'node_modules', '.bin', 'svcgen'), ['synth', '--stdout'], { cwd: project, encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
  expect(synth).toBe(svcgen(['convert', stack]).stdout);
  // the installed command line (its bundle, build/cli.js) converts as this checkout does
  const installed = execFileSync(path.join(project, 'node_modules', '.bin', 'svcgen'), ['convert', stack], { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  expect(installed).toBe(synth);
  // and validates what it wrote, through its quick way for `validate <file>` (build/cli-validate.js
  // without build/cli.js) as through the parser
  fs.writeFileSync(path.join(project, 'out.yaml'), synth);
  const validated = (args: string[]) => spawnSync(path.join(project, 'node_modules', '.bin', 'svcgen'), args, { cwd: project, encoding: 'utf8' });
  const quick = validated(['validate', 'out.yaml']);
  expect([quick.status, /^\d+ resources: (\d+) valid, 0 invalid/m.test(quick.stdout)]).toEqual([0, true]);
  expect(validated(['validate', '--scope', 'folder', 'out.yaml'])).toMatchObject({ status: quick.status, stdout: quick.stdout, stderr: quick.stderr });
  // the program was type-checked first, with the TypeScript its package.json brings
  expect(fs.existsSync(path.join(project, 'node_modules', '.cache', 'svcgen', 'typecheck-main.ts.ok.json'))).toBe(true);
  // the installed synth read svcgen's library from its one file, the program's `import from
  // 'svcgen'` included (build/lib/synth/library.js, whose modules are in Node's module cache)
  const lib = path.join(fs.realpathSync(path.join(project, 'node_modules', 'svcgen')), 'build', 'lib') + path.sep;
  const probe = path.join(work, 'probe.js');
  fs.writeFileSync(
    probe,
    `const M = require('module'); const load = M.prototype.load; const files = []; M.prototype.load = function (f) { files.push(f); return load.call(this, f); };
process.on('exit', () => process.stderr.write('\\nLIB ' + JSON.stringify(files.filter((f) => f.startsWith(${JSON.stringify(lib)})).map((f) => f.slice(${lib.length}).split(require('path').sep).join('/'))) + '\\n'));\n`,
  );
  const probed = spawnSync(process.execPath, ['-r', probe, path.join(project, 'node_modules', 'svcgen', 'bin', 'svcgen.js'), 'synth', '--stdout'], { cwd: project, encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
  expect(probed.stdout).toBe(synth);
  expect(JSON.parse(/^LIB (.*)$/m.exec(probed.stderr)?.[1] ?? 'null')).toEqual(['compile-cache.js', 'synth/library.js']);
  fs.rmSync(work, { recursive: true, force: true });
});

/**
 * svcgen takes cdk8s, constructs and cdk8s-plus-28 as peer dependencies: an app with its own cdk8s
 * gets one copy (two copies crash: `scope.node._scopes is not iterable`). A fresh project at the
 * lowest and at the highest versions the ranges allow installs the packed tarball and synthesizes
 * the voting app example, byte for byte what this checkout gives, and its program (which imports
 * `svcgen/cdk8s-plugin` and the re-exported L1 types too) type-checks against the published
 * declarations without skipLibCheck.
 */
describe('a fresh project with its own cdk8s, constructs and cdk8s-plus-28', () => {
  const peers = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).peerDependencies as Record<string, string>;
  const lowest = Object.fromEntries(Object.entries(peers).map(([k, v]) => [k, v.replace(/^\^/, '')]));
  const highest = Object.fromEntries(
    Object.keys(peers).map((k) => [k, execFileSync('npm', ['view', `${k}@${peers[k]}`, 'version', '--json'], { encoding: 'utf8' })]).map(([k, out]) => {
      const v = JSON.parse(out);
      return [k, Array.isArray(v) ? v[v.length - 1] : v];
    }),
  );
  const expected = svcgen(['synth', '--app', 'examples/voting-app.ts', '--stdout']).stdout;

  test.each([
    ['lowest', lowest],
    ['highest', highest],
  ])('%s supported versions: one copy of each, synth gives the same manifests, the program type-checks', (_which, versions) => {
    const work = tmpDir('svcgen-peers-');
    const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!;
    const project = path.join(work, 'app');
    fs.mkdirSync(project);
    const typescript = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).devDependencies.typescript;
    fs.writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({ name: 'app', private: true, dependencies: { ...versions, svcgen: `file:../${packed}` }, devDependencies: { typescript } }, null, 2),
    );
    fs.copyFileSync(path.join(ROOT, 'examples', 'voting-app.ts'), path.join(project, 'main.ts'));
    fs.writeFileSync(
      path.join(project, 'extras.ts'),
      [
        "import { SvcgenValidation } from 'svcgen/cdk8s-plugin';",
        "import { k8s, Probe } from 'svcgen';",
        'export const plugin = new SvcgenValidation({ failOnWarnings: true });',
        "export const port: k8s.IntOrString = k8s.IntOrString.fromString('http');",
        "export const probe = Probe.fromHttpGet('/', { port: 'http' });",
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'node16', moduleResolution: 'node16', skipLibCheck: false, noEmit: true }, files: ['main.ts', 'extras.ts'] }),
    );
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: project, encoding: 'utf8', timeout: 10 * 60 * 1000 });
    for (const [name, version] of Object.entries(versions)) {
      expect([name, JSON.parse(fs.readFileSync(path.join(project, 'node_modules', name, 'package.json'), 'utf8')).version]).toEqual([name, version]);
      expect([name, fs.existsSync(path.join(project, 'node_modules', 'svcgen', 'node_modules', name))]).toEqual([name, false]);
    }
    const synth = execFileSync(path.join(project, 'node_modules', '.bin', 'svcgen'), ['synth', '--app', 'main.ts', '--stdout'], { cwd: project, encoding: 'utf8' });
    expect(synth).toBe(expected);
    // the whole program, the declarations of svcgen and of the chosen cdk8s included
    const tsc = spawnSync(process.execPath, [path.join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], { cwd: project, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    fs.rmSync(work, { recursive: true, force: true });
  });
});
