import * as fs from 'fs';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { ROOT, svcgen, tmpDir } from '../helpers/cli';

describe('svcgen synth', () => {
  test('writes dist/go-demo-2.k8s.yaml; a second run gives byte-identical output', () => {
    const out1 = tmpDir();
    const out2 = tmpDir();
    const r1 = svcgen(['synth', '--out', out1]);
    const r2 = svcgen(['synth', '--out', out2]);
    expect(r1.code).toBe(0);
    expect(r2.code).toBe(0);
    expect(fs.readdirSync(out1)).toEqual(['go-demo-2.k8s.yaml']);
    const a = fs.readFileSync(path.join(out1, 'go-demo-2.k8s.yaml'));
    const b = fs.readFileSync(path.join(out2, 'go-demo-2.k8s.yaml'));
    expect(a.equals(b)).toBe(true);
  });

  test('--stdout prints exactly the file', () => {
    const out = tmpDir();
    svcgen(['synth', '--out', out]);
    const r = svcgen(['synth', '--stdout']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(fs.readFileSync(path.join(out, 'go-demo-2.k8s.yaml'), 'utf8'));
    expect(r.stdout.split(/^---$/m)).toHaveLength(4);
  });

  test('the committed dist/go-demo-2.k8s.yaml is what main.ts synthesizes', () => {
    const r = svcgen(['synth', '--stdout']);
    expect(r.stdout).toBe(fs.readFileSync(path.join(ROOT, 'dist', 'go-demo-2.k8s.yaml'), 'utf8'));
  });

  test('CDK8S_OUTDIR is the default output folder (how cdk8s synth runs it)', () => {
    const out = tmpDir();
    const r = svcgen(['synth'], { env: { CDK8S_OUTDIR: out } });
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(out, 'go-demo-2.k8s.yaml'))).toBe(true);
  });

  test('every construct problem at once, with construct paths; exit 1; nothing written, nothing lost', () => {
    const out = tmpDir();
    fs.writeFileSync(path.join(out, 'shop.k8s.yaml'), 'previous output\n');
    fs.writeFileSync(path.join(out, 'notes.txt'), 'not ours\n');
    const r = svcgen(['synth', '--app', 'test/fixtures/apps/two-bad-ports.ts', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('synthesis failed with 2 problems; nothing was written');
    // checks across constructs, found at synth, name the line where the user made the construct
    expect(r.stderr).toContain('test/fixtures/apps/two-bad-ports.ts:8: shop/web/Service: spec.ports[0].targetPort: Invalid value: "web": no container of ReplicaSet "shop-web" declares a port named "web"');
    expect(r.stderr).toContain('test/fixtures/apps/two-bad-ports.ts:9: shop/api/Service: spec.ports[0].targetPort: Invalid value: "api"');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(fs.readFileSync(path.join(out, 'shop.k8s.yaml'), 'utf8')).toBe('previous output\n');
    expect(fs.readdirSync(out).sort()).toEqual(['notes.txt', 'shop.k8s.yaml']);
  });

  test('a wrong prop made deep in a helper library outside the app\'s folder still names the app\'s line (beyond Node\'s 10 stack frames)', () => {
    const r = svcgen(['synth', '--app', 'test/fixtures/apps/deep.ts', '--stdout', '--no-typecheck']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^svcgen: error: test\/fixtures\/apps\/deep\.ts:9: shop\/web\/Service: spec\.ports\[0\]\.nodePort: Invalid value: 80/);
  });

  test('a wrong prop: one message naming the app file line, the construct and the field; exit 1', () => {
    const r = svcgen(['synth', '--app', 'test/fixtures/apps/throws.ts', '--stdout']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'svcgen: error: test/fixtures/apps/throws.ts:7: shop/web/Service: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767\n',
    );
    expect(r.stdout).toBe('');
  });

  test('a plain JavaScript cdk8s app that calls app.synth() is captured, not run', () => {
    const r = svcgen(['synth', '--app', 'test/fixtures/apps/plain.js', '--stdout']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: 'on'\n");
  });

  test('a missing app file is a usage message, not a crash', () => {
    const r = svcgen(['synth', '--app', 'nope.ts']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('svcgen: error: nope.ts: no such file (give the app with --app <file.ts|file.js>)\n');
  });
});

describe('svcgen synth type-checks a .ts app first', () => {
  test('a misspelled prop stops synth with the compiler\'s message and line; --no-typecheck runs it anyway (and the prop is lost)', () => {
    const dir = path.join(ROOT, 'test', '.generated', 'synth-typo');
    fs.mkdirSync(dir, { recursive: true });
    const app = path.join(dir, 'app.ts');
    fs.writeFileSync(
      app,
      `import { App } from 'cdk8s';
import { MultiTierApp, Probe } from 'svcgen';
const app = new App();
const shop = new MultiTierApp(app, 'shop');
shop.addTier('web', {
  image: 'nginx',
  ports: [{ number: 80 }],
  readines: Probe.fromHttpGet('/', { port: 80 }),
});
app.synth();
`,
    );
    const r = svcgen(['synth', '--app', app, '--stdout']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/app\.ts does not type-check \(TypeScript 5\.\d+\.\d+\); nothing was written:\n  test\/\.generated\/synth-typo\/app\.ts:8:3: error TS2561: Object literal may only specify known properties, but 'readines' does not exist in type 'TierProps'\. Did you mean to write 'readiness'\?/);
    const loose = svcgen(['synth', '--app', app, '--stdout', '--no-typecheck']);
    expect(loose.code).toBe(0);
    expect(loose.stdout).not.toContain('readinessProbe');
    // fixed, it passes, and an unchanged app is not checked again (a stamp of its sources)
    fs.writeFileSync(app, fs.readFileSync(app, 'utf8').replace('readines:', 'readiness:'));
    expect(svcgen(['synth', '--app', app, '--stdout']).stdout).toContain('readinessProbe');
    expect(fs.readdirSync(path.join(ROOT, 'node_modules', '.cache', 'svcgen'))).toContain('typecheck-app.ts.ok.json');
  });
});

describe('svcgen synth with custom resources', () => {
  test('an app with a ServiceMonitor synthesizes (the CR is skipped with a line, as validate does); --ignore-missing-schemas is accepted; --strict-crds refuses', () => {
    const dir = path.join(ROOT, 'test', '.generated', 'synth-cr');
    fs.mkdirSync(dir, { recursive: true });
    const app = path.join(dir, 'app.ts');
    fs.writeFileSync(
      app,
      `import { ApiObject, App, Chart } from 'cdk8s';
import { MultiTierApp } from 'svcgen';
const app = new App();
const chart = new Chart(app, 'shop');
const shop = new MultiTierApp(chart, 'shop');
shop.addTier('web', { image: 'nginx', ports: [{ number: 80, name: 'http' }] });
new ApiObject(chart, 'monitor', { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, endpoints: [{ port: 'http' }] } });
app.synth();
`,
    );
    const ok = svcgen(['synth', '--app', app, '--stdout', '--ignore-missing-schemas']);
    expect(ok.stderr).toContain('ServiceMonitor');
    expect([ok.code, ok.stdout.includes('kind: ServiceMonitor')]).toEqual([0, true]);
    const strict = svcgen(['synth', '--app', app, '--stdout', '--strict-crds']);
    expect(strict.code).toBe(1);
  });
});

describe('svcgen', () => {
  test('--version and --help, without loading cdk8s', () => {
    const probe = `
      const cli = require(${JSON.stringify(path.join(ROOT, 'build/lib/cli/main.js'))});
      cli.main(['node', 'svcgen', process.argv[2]], { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }).then((code) => {
        const loaded = Object.keys(require.cache).filter((k) => /node_modules[\\\\/](cdk8s|cdk8s-plus-28)[\\\\/]/.test(k));
        process.stdout.write('\\nloaded:' + loaded.length + ' code:' + code);
      });`;
    const script = path.join(tmpDir(), 'probe.js');
    fs.writeFileSync(script, probe);
    for (const flag of ['--version', '--help']) {
      const r = spawnSync(process.execPath, [script, flag], { encoding: 'utf8' });
      expect(r.stdout).toMatch(/loaded:0 code:0$/);
    }
    expect(svcgen(['--version']).stdout.trim()).toBe(require('../../package.json').version);
    expect(svcgen(['--help']).stdout).toContain('synth [options]');
  });

  test('a reader that goes away early (| head) is not an error', () => {
    const r = spawnSync('bash', ['-c', `node ${JSON.stringify(path.join(ROOT, 'bin', 'svcgen.js'))} convert --help | head -1; echo "status=\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/status=0\n$/);
    expect(r.stderr).not.toContain('EPIPE');
  });

  test('an unknown command or option is a usage error: exit 2', () => {
    expect(svcgen(['frobnicate']).code).toBe(2);
    expect(svcgen(['synth', '--bogus']).code).toBe(2);
  });
});
