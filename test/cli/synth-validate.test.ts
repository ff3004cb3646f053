import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { SvcgenValidation } from '../../lib/cdk8s-plugin';
import { ROOT, svcgen, tmpDir } from '../helpers/cli';

describe('svcgen synth validates what it would write', () => {
  test('invalid synthesized objects: every error with file and line, exit 1, nothing written', () => {
    const out = tmpDir();
    const r = svcgen(['synth', '--app', 'test/fixtures/apps/invalid-l1.ts', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the synthesized manifests are invalid (3 errors); nothing was written');
    expect(r.stderr).toContain(`${path.join(out, 'raw.k8s.yaml')}:`);
    expect(r.stderr).toContain('Service/web: spec.ports[0].name: Required value');
    expect(r.stderr).toContain('Deployment/web: spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: `selector` does not match template `labels`');
    expect(fs.readdirSync(out)).toEqual([]);
  });

  test('warnings are printed and do not stop the synth', () => {
    const r = svcgen(['synth', '--stdout']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'dist/go-demo-2.k8s.yaml:29: Service/go-demo-2-db: warning: spec.ports[0].targetPort: 27017: no container of ReplicaSet/go-demo-2-db declares port 27017; it works only if the process listens there anyway\n',
    );
  });
});

describe('the cdk8s validation plugin', () => {
  function context(manifests: string[]) {
    const violations: { ruleName: string; recommendation: string }[] = [];
    let status = '';
    return {
      ctx: {
        manifests,
        report: { addViolation: (v: { ruleName: string; recommendation: string }) => violations.push(v), submit: (s: string) => (status = s) },
      },
      violations,
      status: () => status,
    };
  }

  test('passes valid manifests and fails invalid ones, one violation per error', async () => {
    const good = context([path.join(ROOT, 'dist', 'go-demo-2.k8s.yaml')]);
    await new SvcgenValidation().validate(good.ctx as never);
    expect([good.status(), good.violations]).toEqual(['success', []]);
    const bad = context([path.join(ROOT, 'test', 'fixtures', 'seed-examples', 'my-nginx.yaml')]);
    await new SvcgenValidation().validate(bad.ctx as never);
    expect(bad.status()).toBe('failure');
    expect(bad.violations.map((v) => v.ruleName)).toEqual(['schema-unknown-top-level-field', 'api-unknown-kind']);
  });

  test('fails `cdk8s synth` of an ordinary cdk8s app on errors', () => {
    const dir = tmpDir();
    fs.copyFileSync(path.join(ROOT, 'test', 'fixtures', 'apps', 'invalid-l1.ts'), path.join(dir, 'main.ts'));
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    fs.writeFileSync(
      path.join(dir, 'cdk8s.yaml'),
      `language: typescript\napp: node ${JSON.stringify(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'))} main.ts\nvalidations:\n  - package: ${path.join(ROOT, 'build', 'lib', 'cdk8s-plugin.js')}\n    class: SvcgenValidation\n    version: 0.1.0\n`,
    );
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s'), 'synth'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
      timeout: 60_000,
    });
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('svc-port-name-required');
    expect(r.stdout + r.stderr).toContain('Validation failed');
    // cdk8s' own construct metadata knows objects by name only, and keeps the last object of a name:
    // the Service and the Deployment are both "web", so no path rather than the Deployment's
    expect(r.stdout + r.stderr).toContain('Resource Name: Service/web');
    expect(r.stdout + r.stderr).not.toContain('Construct Path: raw/web');
  });

  test("with cdk8s' own construct metadata, an object whose name is its own gets its construct path", async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'raw.k8s.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n  - port: 443\n');
    fs.writeFileSync(path.join(dir, 'construct-metadata.json'), JSON.stringify({ version: '1.0.0', resources: { web: { path: 'raw/svc' } } }));
    const seen: { resourceName: string; locations: string[] }[] = [];
    const ctx = { manifests: [path.join(dir, 'raw.k8s.yaml')], report: { addViolation: (v: { violatingResources: { resourceName: string; locations: string[] }[] }) => seen.push(...v.violatingResources), submit: () => undefined } };
    await new SvcgenValidation().validate(ctx as never);
    expect(seen.map((v) => v.resourceName)).toEqual(['web', 'web']);
  });

  test('`cdk8s synth` of a svcgen app: each violation names its construct path and the program line', () => {
    const dir = tmpDir();
    fs.writeFileSync(
      path.join(dir, 'cdk8s.yaml'),
      `language: typescript\napp: node ${JSON.stringify(path.join(ROOT, 'bin', 'svcgen.js'))} synth --no-typecheck --app ${JSON.stringify(path.join(ROOT, 'main.ts'))}\noutput: dist\nvalidations:\n  - package: ${path.join(ROOT, 'build', 'lib', 'cdk8s-plugin.js')}\n    class: SvcgenValidation\n    version: 0.1.0\n    properties:\n      failOnWarnings: true\n`,
    );
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s'), 'synth'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
      timeout: 60_000,
    });
    const out = (r.stdout + r.stderr).replace(/\x1b\[[0-9;]*m/g, '');
    expect(r.status).not.toBe(0);
    // go-demo-2's db Service targets a port its container does not declare (a warning, failing here)
    expect(out).toContain('Construct Path: go-demo-2/db/Service/Resource');
    expect(out).toContain('Resource Name: Service/go-demo-2-db');
    expect(out).toMatch(/> spec\.ports\[0\]\.targetPort \(line 29\), made at \S*main\.ts:13\n/);
    const main = fs.readFileSync(path.join(ROOT, 'main.ts'), 'utf8').split('\n');
    expect(main[12]).toContain("addTier('db'");
  });
});
