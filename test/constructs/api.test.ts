/**
 * The package as a library user sees it: what `import ... from 'svcgen'` offers (and does not),
 * the factory naming convention with its deprecated aliases, the L1 types re-exported, the plugin
 * reachable by import, and cdk8s/constructs/cdk8s-plus-28 as peer dependencies.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../helpers/cli';

const build = path.join(ROOT, 'build', 'lib');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const svcgen = require(build) as Record<string, unknown>;
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('the public API', () => {
  test('exports the constructs, the checks and the converter, and none of the helpers the constructs share', () => {
    expect(Object.keys(svcgen).sort()).toEqual(
      [
        'ConfigMap', 'ConstructError', 'DeploymentStrategy', 'Endpoints', 'EnvValue', 'FieldError', 'HorizontalPodAutoscaler', 'ImagePullPolicy',
        'Ingress', 'MultiTierApp', 'NetworkPolicy', 'Peer', 'PersistentVolumeClaim', 'PodDisruptionBudget', 'Probe', 'ProbeScheme', 'Protocol',
        'Secret', 'Service', 'ServiceAccount', 'ServiceType', 'SessionAffinity', 'SvcgenError', 'SvcgenValidation', 'SynthError',
        'SynthValidationError', 'TargetPort', 'Tier', 'TrafficPolicy', 'Volume', 'Workload', 'WorkloadKind', 'convertCompose', 'explain',
        'formatReport', 'formatWarning', 'k8s', 'serviceEnvVars', 'synthesizeApp', 'synthesizeChecked', 'toDot', 'toJson', 'toMermaid', 'toText',
        'validateSources',
      ].sort(),
    );
    for (const helper of ['intOrString', 'renderContainer', 'containerJson', 'referTo', 'toEnvValue']) expect(svcgen).not.toHaveProperty(helper);
  });

  test('@internal members are not in the published type declarations', () => {
    const dts = fs.readdirSync(path.join(build, 'constructs')).filter((f) => f.endsWith('.d.ts'));
    expect(dts.length).toBeGreaterThan(10);
    const text = dts.map((f) => fs.readFileSync(path.join(build, 'constructs', f), 'utf8')).join('\n');
    expect(text).not.toMatch(/_toKube|_claimName|_ports\(|@internal/);
    // while the sources do use them
    expect(fs.readFileSync(path.join(ROOT, 'lib', 'constructs', 'probe.ts'), 'utf8')).toContain('/** @internal */\n  public _toKube');
  });

  test('factories are named `from...`; the names before 0.2 are deprecated aliases of the same functions', () => {
    const aliases: [string, string, string][] = [
      ['Probe', 'httpGet', 'fromHttpGet'],
      ['Probe', 'tcpSocket', 'fromTcpSocket'],
      ['Probe', 'exec', 'fromCommand'],
      ['Probe', 'shell', 'fromShell'],
      ['Probe', 'grpc', 'fromGrpc'],
      ['EnvValue', 'serviceName', 'fromServiceName'],
      ['EnvValue', 'fqdn', 'fromFqdn'],
      ['Volume', 'emptyDir', 'fromEmptyDir'],
      ['Volume', 'hostPath', 'fromHostPath'],
      ['TargetPort', 'number', 'fromNumber'],
      ['TargetPort', 'named', 'fromName'],
      ['Peer', 'anyNamespace', 'fromAnyNamespace'],
      ['Peer', 'namespace', 'fromNamespace'],
      ['Peer', 'cidr', 'fromCidr'],
      ['DeploymentStrategy', 'rollingUpdate', 'fromRollingUpdate'],
      ['DeploymentStrategy', 'recreate', 'fromRecreate'],
    ];
    for (const [cls, old, now] of aliases) {
      const c = svcgen[cls] as Record<string, unknown>;
      expect([cls, now, typeof c[now]]).toEqual([cls, now, 'function']);
      expect([cls, old, c[old] === c[now]]).toEqual([cls, old, true]);
    }
    // every static factory of the value classes follows the convention, or is an alias marked deprecated
    const dts = ['probe', 'env', 'volume', 'ports', 'networkpolicy', 'workload'].map((f) => fs.readFileSync(path.join(build, 'constructs', `${f}.d.ts`), 'utf8')).join('\n');
    const lines = dts.split('\n');
    const statics = lines.flatMap((line, i) => {
      const m = /^\s+static (?:readonly )?(\w+)/.exec(line);
      return m ? [{ name: m[1], doc: lines.slice(Math.max(0, i - 3), i).join('\n') }] : [];
    });
    expect(statics.length).toBeGreaterThan(30);
    for (const { name, doc } of statics) {
      if (name.startsWith('from') || name === 'of') continue;
      expect([name, doc]).toEqual([name, expect.stringContaining('@deprecated')]);
    }
    // and the deprecated names still work
    const P = svcgen.Probe as { httpGet: (p: string, o: object) => { port: unknown } };
    expect(P.httpGet('/', { port: 'http' }).port).toBe('http');
  });

  test('the L1 types of the props are re-exported (k8s.IntOrString, k8s.Quantity), so an app need not import cdk8s-plus-28', () => {
    const k8s = svcgen.k8s as { IntOrString: { fromNumber(n: number): { value: unknown } }; Quantity: { fromString(s: string): { value: unknown } } };
    expect(k8s.IntOrString.fromNumber(8080).value).toBe(8080);
    expect(k8s.Quantity.fromString('1Gi').value).toBe('1Gi');
    expect(fs.readFileSync(path.join(build, 'index.d.ts'), 'utf8')).toContain("export { k8s } from './k8s';");
  });

  test('the cdk8s validation plugin can be imported, by its own path or from the package', () => {
    const out = execFileSync(
      process.execPath,
      ['-e', "const a = require('svcgen/cdk8s-plugin').SvcgenValidation; const b = require('svcgen').SvcgenValidation; console.log(typeof a, a === b)"],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(out.trim()).toBe('function true');
  });

  test('cdk8s, constructs and cdk8s-plus-28 are peer dependencies (one copy in an app), with the versions we develop with inside the ranges', () => {
    const peers = ['cdk8s', 'constructs', 'cdk8s-plus-28'];
    for (const p of peers) {
      expect(pkg.dependencies[p]).toBeUndefined();
      expect(pkg.peerDependencies[p]).toMatch(/^\^\d+\.\d+\.\d+$/);
      const installed = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', p, 'package.json'), 'utf8')).version as string;
      const [maj, min, pat] = pkg.peerDependencies[p].slice(1).split('.').map(Number);
      const [a, b, c] = installed.split('.').map(Number);
      expect([p, a === maj && (b > min || (b === min && c >= pat))]).toEqual([p, true]);
    }
  });
});
