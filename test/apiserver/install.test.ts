/**
 * How a user gets svcgen for a `--format ts` program while svcgen is not on the npm registry: the
 * packed tarball (`npm pack`), named with `--svcgen-package file:...`. A fresh project installs it
 * from the registry's cdk8s and constructs and synthesizes exactly what `--format yaml` gives.
 * (Uses the npm registry, as `npm ci` does.)
 */
import { execFileSync } from 'child_process';
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
  // the program was type-checked first, with the TypeScript its package.json brings
  expect(fs.existsSync(path.join(project, 'node_modules', '.cache', 'svcgen', 'typecheck-main.ts.ok.json'))).toBe(true);
  fs.rmSync(work, { recursive: true, force: true });
});
