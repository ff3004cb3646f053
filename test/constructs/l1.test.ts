/**
 * The constructs render through a cut of cdk8s-plus-28's L1 module (scripts/build-l1.js). The cut
 * must hold every name they use, and render exactly as the whole module does; the package's `k8s`
 * export stays the whole module, loaded only when used.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { ROOT } from '../helpers/cli';

const build = path.join(ROOT, 'build', 'lib');
/* eslint-disable @typescript-eslint/no-require-imports */
const cut = require(path.join(build, 'k8s-l1.js')) as Record<string, unknown>;
const full = require('cdk8s-plus-28/lib/imports/k8s') as Record<string, unknown>;
/* eslint-enable @typescript-eslint/no-require-imports */

function used(dir: string): Set<string> {
  const out = new Set<string>();
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) used(p).forEach((n) => out.add(n));
    else if (e.name.endsWith('.js') && !['k8s.js', 'l1.js', 'k8s-l1.js'].includes(e.name)) {
      for (const m of fs.readFileSync(p, 'utf8').matchAll(/\bk8s\.([A-Za-z_$][\w$]*)/g)) if (m[1] in full) out.add(m[1]);
    }
  }
  return out;
}

test('the cut holds every L1 name the built constructs use, as the whole module has it', () => {
  const names = used(build);
  expect(names.size).toBeGreaterThan(15);
  for (const n of names) {
    expect([n, typeof cut[n]]).toEqual([n, typeof full[n]]);
    const gvk = (full[n] as { GVK?: unknown }).GVK;
    if (gvk) expect([n, (cut[n] as { GVK?: unknown }).GVK]).toEqual([n, gvk]);
  }
  // and it is a cut: far less to load
  expect(fs.statSync(path.join(build, 'k8s-l1.js')).size).toBeLessThan(fs.statSync(require.resolve('cdk8s-plus-28/lib/imports/k8s')).size / 5);
});

test('an object rendered through the cut is the object rendered through the whole module', () => {
  const render = (m: Record<string, unknown>) => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const IntOrString = m.IntOrString as { fromString(s: string): unknown; fromNumber(n: number): unknown };
    const Quantity = m.Quantity as { fromString(s: string): unknown };
    const KubeDeployment = m.KubeDeployment as new (s: Chart, id: string, p: unknown) => unknown;
    new KubeDeployment(chart, 'd', {
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: IntOrString.fromString('25%'), maxUnavailable: IntOrString.fromNumber(0) } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              {
                name: 'web',
                image: 'nginx',
                ports: [{ containerPort: 80, name: 'http' }],
                readinessProbe: { httpGet: { path: '/', port: IntOrString.fromString('http') } },
                resources: { requests: { cpu: Quantity.fromString('100m') } },
                lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
              },
            ],
            volumes: [{ name: 'v', emptyDir: { sizeLimit: Quantity.fromString('1Gi') } }],
          },
        },
      },
    });
    return chart.toJson();
  };
  expect(render(cut)).toEqual(render(full));
});

test("require('svcgen') does not load the whole L1 module; its `k8s` export does, on first use", () => {
  const script = `
    const s = require(${JSON.stringify(build)});
    const before = Object.keys(require.cache).some((f) => f.endsWith('cdk8s-plus-28/lib/imports/k8s.js'));
    const ok = typeof s.k8s.KubeNamespace === 'function' && s.k8s.IntOrString.fromNumber(1).value === 1;
    const after = Object.keys(require.cache).some((f) => f.endsWith('cdk8s-plus-28/lib/imports/k8s.js'));
    process.stdout.write(JSON.stringify({ before, ok, after }));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(JSON.parse(r.stdout)).toEqual({ before: false, ok: true, after: true });
});

test('the cut drops undefined values as the whole module does (key order, odd keys, quantities), in one pass', () => {
  type Conv = (o: unknown) => Record<string, unknown>;
  const Quantity = (m: Record<string, unknown>) => m.Quantity as { fromString(s: string): unknown };
  const meta = (m: Record<string, unknown>) =>
    (m.toJson_ObjectMeta as Conv)({
      name: 'x',
      generateName: undefined,
      // integer-like keys come first in either way of building; __proto__ and constructor stay own data keys
      labels: { b: '1', '10': 'ten', a: undefined, '2': 'two', __proto__: 'p', constructor: 'c', toString: 't' },
      annotations: JSON.parse('{"__proto__": "own", "z": "1", "y": null}'),
    });
  const resources = (m: Record<string, unknown>) =>
    (m.toJson_ResourceRequirements as Conv)({ limits: { memory: Quantity(m).fromString('1Gi'), cpu: undefined }, requests: { cpu: Quantity(m).fromString('100m') } });
  for (const f of [meta, resources]) {
    const a = f(cut);
    const b = f(full);
    expect(a).toStrictEqual(b);
    const shape = (o: unknown): unknown =>
      o && typeof o === 'object'
        ? { proto: Object.getPrototypeOf(o) === Object.prototype, own: Object.getOwnPropertyNames(o).map((k) => [k, shape((o as Record<string, unknown>)[k])]) }
        : o;
    expect(shape(a)).toEqual(shape(b));
  }
  const source = fs.readFileSync(path.join(build, 'k8s-l1.js'), 'utf8');
  expect(source.split('\n').filter((l) => l.includes('.reduce((r, i)') && !/^\s*(\/\*\*|\*|\/\/)/.test(l))).toEqual([]);
  expect(source).toContain('__definedOnly(');
});
