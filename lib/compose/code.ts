/**
 * Values that are both a TypeScript expression and the value it evaluates to, so that the same
 * conversion plan is rendered as the constructs render it (for YAML/JSON) and printed as a cdk8s
 * program (`--format ts`) that synthesizes to exactly the same bytes.
 */
// (from the constructs' own modules: convert renders without loading cdk8s)
import { EnvValue } from '../constructs/env';
import { Protocol } from '../constructs/ports';
import { Probe, ProbeTiming } from '../constructs/probe';
import { Volume } from '../constructs/volume';
import { ServiceType } from '../constructs/_service';
import { DeploymentStrategy, WorkloadKind } from '../constructs/_workload';
import { setKey } from '../validate/rules/_common';

export class Code {
  private source: string | (() => string);

  /** `expr` may be a function: the expression is then made when first asked for (only a printed program needs it). */
  constructor(
    expr: string | (() => string),
    public readonly value: unknown,
  ) {
    this.source = expr;
  }

  /** The TypeScript expression. */
  public get expr(): string {
    if (typeof this.source !== 'string') this.source = this.source();
    return this.source;
  }
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The value with every Code replaced by what it evaluates to. */
export function real(v: unknown): unknown {
  if (v instanceof Code) return v.value;
  if (Array.isArray(v)) return v.map(real);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) setKey(out, k, real(x));
    }
    return out;
  }
  return v;
}

/** A TypeScript literal of the value (Code printed as its expression), indented two spaces a level. */
export function tsLiteral(v: unknown, indent = ''): string {
  if (v instanceof Code) return v.expr;
  if (v === undefined) return 'undefined';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const items = v.map((x) => tsLiteral(x, inner));
    const flat = `[${items.join(', ')}]`;
    return flat.length <= 100 && !flat.includes('\n') ? flat : `[\n${items.map((x) => `${inner}${x},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(v).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{}';
  const parts = entries.map(([k, x]) => `${IDENT.test(k) ? k : JSON.stringify(k)}: ${tsLiteral(x, inner)}`);
  const flat = `{ ${parts.join(', ')} }`;
  return flat.length <= 100 && !flat.includes('\n') ? flat : `{\n${parts.map((x) => `${inner}${x},`).join('\n')}\n${indent}}`;
}

const args = (...xs: unknown[]) => xs.filter((x, i) => x !== undefined || i === 0).map((x) => tsLiteral(x, '    ')).join(', ');
const clean = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as T;

/**
 * The svcgen calls the converter uses, each as Code. The expressions are made only when a program is
 * printed (from copies of the arguments taken now); YAML and JSON output need only the values.
 */
export const C = {
  workloadKind: (k: WorkloadKind) => new Code(() => `WorkloadKind.${Object.entries(WorkloadKind).find(([, v]) => v === k)![0]}`, k),
  serviceType: (t: ServiceType) => new Code(() => `ServiceType.${Object.entries(ServiceType).find(([, v]) => v === t)![0]}`, t),
  protocol: (p: Protocol) => new Code(() => `Protocol.${p}`, p),
  probeExec: (command: string[], timing: ProbeTiming) => {
    const [c, t] = [[...command], clean(timing)];
    return new Code(() => `Probe.fromCommand(${args(c, nonEmpty(t))})`, Probe.fromCommand(command, clean(timing)));
  },
  probeShell: (script: string, timing: ProbeTiming) => {
    const t = clean(timing);
    return new Code(() => `Probe.fromShell(${args(script, nonEmpty(t))})`, Probe.fromShell(script, clean(timing)));
  },
  probeHttpGet: (pathName: string, options: { port: number | string } & ProbeTiming) => {
    const o = clean(options);
    return new Code(() => `Probe.fromHttpGet(${args(pathName, o)})`, Probe.fromHttpGet(pathName, clean(options)));
  },
  envFromSecret: (name: string, key: string) => new Code(() => `EnvValue.fromSecret(${args(name, key)})`, EnvValue.fromSecret(name, key)),
  volumeFromSecret: (name: string, secretName: string, defaultMode?: number) =>
    defaultMode === undefined
      ? new Code(() => `Volume.fromSecret(${args(name, secretName)})`, Volume.fromSecret(name, secretName))
      : new Code(() => `Volume.fromSecret(${args(name, secretName)}, { defaultMode: 0o${defaultMode.toString(8)} })`, Volume.fromSecret(name, secretName, { defaultMode })),
  volumeFromConfigMap: (name: string, configMapName: string, defaultMode?: number) =>
    defaultMode === undefined
      ? new Code(() => `Volume.fromConfigMap(${args(name, configMapName)})`, Volume.fromConfigMap(name, configMapName))
      : new Code(() => `Volume.fromConfigMap(${args(name, configMapName)}, { defaultMode: 0o${defaultMode.toString(8)} })`, Volume.fromConfigMap(name, configMapName, { defaultMode })),
  volumeFromClaim: (name: string, claim: string) => new Code(() => `Volume.fromPersistentVolumeClaim(${args(name, claim)})`, Volume.fromPersistentVolumeClaim(name, claim)),
  volumeEmptyDir: (name: string, options: { medium?: string; sizeLimit?: string } = {}) => {
    const o = clean(options);
    return new Code(() => `Volume.fromEmptyDir(${args(name, nonEmpty(o))})`, Volume.fromEmptyDir(name, clean(options)));
  },
  volumeHostPath: (name: string, hostPath: string) => new Code(() => `Volume.fromHostPath(${args(name, hostPath)})`, Volume.fromHostPath(name, hostPath)),
  recreate: () => new Code('DeploymentStrategy.fromRecreate()', DeploymentStrategy.fromRecreate()),
  rollingUpdate: (o: { maxSurge?: number | string; maxUnavailable?: number | string }) => {
    const c = clean(o);
    return new Code(() => `DeploymentStrategy.fromRollingUpdate(${args(nonEmpty(c))})`, DeploymentStrategy.fromRollingUpdate(clean(o)));
  },
};

function nonEmpty<T extends object>(o: T): T | undefined {
  return Object.keys(o).length ? o : undefined;
}

/** The svcgen names a printed program imports, in order. */
export const PROGRAM_IMPORTS = [
  'ConfigMap', 'DeploymentStrategy', 'EnvValue', 'HorizontalPodAutoscaler', 'ImagePullPolicy', 'Ingress', 'NetworkPolicy', 'PersistentVolumeClaim', 'Probe',
  'Protocol', 'Secret', 'Service', 'ServiceType', 'TrafficPolicy', 'Volume', 'Workload', 'WorkloadKind',
];
