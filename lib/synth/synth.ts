import { ApiObject, App, Chart, Names } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { SvcgenError } from '../errors';
import { originOf } from '../constructs/_origin';
import { notSimpleError } from '../constructs/_render';
import { podTemplateOf } from '../validate/cross';
import { userFrame } from './load';
import { formatText } from '../validate/report';
import { Report, ValidateOptions } from '../validate/validator';
import { checkCharts, CheckedSynth, SynthesizedChart } from './check';
import { objectKey } from '../cdk8s-plugin';
import { toMultiDocYaml } from '../yaml/write';

export { checkCharts, SynthValidationError } from './check';
export type { CheckedSynth, SynthesizedChart } from './check';

/** The construct that made an object, and the line of the user's program that made that construct. */
export interface ObjectOrigin {
  /** The construct path, as cdk8s names it (`go-demo-2/api/Service/Resource`). */
  readonly path: string;
  /** `main.ts:12`, when svcgen recorded where the construct was made */
  readonly source?: string;
}

/**
 * Where each object of an app came from, by `objectKey` (`Deployment/web`, `Deployment/ns/web`):
 * its construct path and the program line that made it. Asked for only when cdk8s-cli wants
 * construct metadata (formatting the creation stacks is not free).
 */
export function objectOrigins(app: App): Record<string, ObjectOrigin> {
  const origins: Record<string, ObjectOrigin> = {};
  for (const chart of app.charts as Chart[]) {
    for (const c of chart.node.findAll()) {
      if (!ApiObject.isApiObject(c)) continue;
      const source = sourceOf(c);
      origins[objectKey(c.kind, c.metadata.namespace, c.name)] = { path: c.node.path, ...(source ? { source } : {}) };
    }
  }
  return origins;
}

/** The user line of the nearest construct (the object itself or a scope of it) whose origin was recorded. */
function sourceOf(c: IConstruct): string | undefined {
  for (const s of [c, ...c.node.scopes.slice().reverse()]) {
    const o = originOf(s);
    if (o) return userFrame(o);
  }
  return undefined;
}

/** A construct-level problem found by `node.validate()`, with the construct's path. */
export interface ConstructProblem {
  readonly path: string;
  readonly message: string;
  /** `main.ts:12`: where the user made the construct, when known */
  readonly source?: string;
}

export class SynthError extends SvcgenError {
  constructor(public readonly problems: readonly ConstructProblem[]) {
    super(
      `synthesis failed with ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written:\n` +
        problems.map((p) => `  ${p.source ? `${p.source}: ` : ''}${p.path}: ${p.message}`).join('\n'),
    );
  }
}

/** Runs every construct's validations (`node.addValidation`) and reports them all at once. */
export function constructProblems(app: App): ConstructProblem[] {
  const problems: ConstructProblem[] = [];
  for (const c of app.node.findAll()) {
    for (const message of c.node.validate()) {
      const source = userFrame(originOf(c) ?? '');
      problems.push({ path: c.node.path, message, ...(source ? { source } : {}) });
    }
  }
  return problems;
}

/**
 * Synthesizes an app in memory: construct checks first (all problems at once, as a SynthError),
 * then every chart's objects in cdk8s order. Nothing is written.
 */
export function synthesizeApp(app: App): SynthesizedChart[] {
  const problems = constructProblems(app);
  if (problems.length) throw new SynthError(problems);
  const charts = app.charts as Chart[];
  const result: SynthesizedChart[] = [];
  const seen = new Set<string>();
  for (const chart of charts) {
    let objects: Record<string, unknown>[];
    try {
      objects = chart.toJson() as Record<string, unknown>[];
    } catch (e) {
      // (a map key named "constructor": see notSimpleError)
      const m = /Failed serializing construct at path '([^']*)'.*can't render non-simple object/.exec(String((e as Error)?.message));
      if (!m) throw e;
      throw notSimpleError(m[1]);
    }
    if (objects.length === 0) continue;
    let fileName = `${Names.toDnsLabel(chart)}.k8s.yaml`;
    for (let i = 2; seen.has(fileName); i++) fileName = `${Names.toDnsLabel(chart)}-${i}.k8s.yaml`;
    seen.add(fileName);
    result.push({ fileName, chartPath: chart.node.path, objects });
  }
  return result;
}

/** One multi-document YAML stream of every chart's objects. */
export function chartsToYaml(charts: readonly SynthesizedChart[]): string {
  return toMultiDocYaml(charts.flatMap((c) => c.objects));
}

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * References by name to Secrets and ConfigMaps the app does not define (or keys they lack): the
 * escape hatch of string names, checked against the app. Warnings, since the object may be made
 * elsewhere; `optional` references are left alone.
 */
export function referenceWarnings(objects: readonly Record<string, unknown>[]): string[] {
  const defined = new Map<string, Set<string>>();
  const nsOf = (o: Obj) => String(o.metadata?.namespace ?? '');
  for (const o of objects as Obj[]) {
    if (o.kind === 'Secret' || o.kind === 'ConfigMap') {
      defined.set(`${o.kind}/${nsOf(o)}/${o.metadata?.name}`, new Set([...Object.keys(o.data ?? {}), ...Object.keys(o.stringData ?? {}), ...Object.keys(o.binaryData ?? {})]));
    }
    if (o.kind === 'Service') defined.set(`Service/${nsOf(o)}/${o.metadata?.name}`, new Set());
  }
  const out: string[] = [];
  for (const o of objects as Obj[]) {
    const who = `${o.kind}/${o.metadata?.name}`;
    const check = (kind: 'Secret' | 'ConfigMap' | 'Service', name: unknown, key: unknown, where: string, optional: unknown) => {
      if (optional === true || typeof name !== 'string') return;
      const keys = defined.get(`${kind}/${nsOf(o)}/${name}`);
      const effect = kind === 'Service' ? 'the Ingress would answer 503' : kind === 'Secret' && where.startsWith('tls') ? 'the Ingress would serve a default certificate' : 'the Pod would not start';
      if (!keys) out.push(`${who}: ${where}: ${kind} "${name}" is not in the app: create it before deploying (a typo? ${effect})`);
      else if (typeof key === 'string' && keys.size && !keys.has(key)) out.push(`${who}: ${where}: ${kind} "${name}" has no key "${key}" (its keys: ${[...keys].join(', ')})`);
    };
    if (o.kind === 'Ingress') {
      ((o.spec?.tls ?? []) as Obj[]).forEach((t, i) => check('Secret', t.secretName, undefined, `tls[${i}]`, false));
      ((o.spec?.rules ?? []) as Obj[]).forEach((r, i) => ((r.http?.paths ?? []) as Obj[]).forEach((p, j) => check('Service', p.backend?.service?.name, undefined, `rules[${i}].paths[${j}]`, false)));
      check('Service', o.spec?.defaultBackend?.service?.name, undefined, 'defaultBackend', false);
      continue;
    }
    const spec = podTemplateOf(o)?.spec;
    if (!spec) continue;
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])] as Obj[]) {
      for (const e of (c.env ?? []) as Obj[]) {
        const s = e.valueFrom?.secretKeyRef;
        if (s) check('Secret', s.name, s.key, `container ${c.name}: env ${e.name}`, s.optional);
        const m = e.valueFrom?.configMapKeyRef;
        if (m) check('ConfigMap', m.name, m.key, `container ${c.name}: env ${e.name}`, m.optional);
      }
      for (const e of (c.envFrom ?? []) as Obj[]) {
        if (e.secretRef) check('Secret', e.secretRef.name, undefined, `container ${c.name}: envFrom`, e.secretRef.optional);
        if (e.configMapRef) check('ConfigMap', e.configMapRef.name, undefined, `container ${c.name}: envFrom`, e.configMapRef.optional);
      }
    }
    for (const v of (spec.volumes ?? []) as Obj[]) {
      if (v.secret) check('Secret', v.secret.secretName, undefined, `volume ${v.name}`, v.secret.optional);
      if (v.configMap) check('ConfigMap', v.configMap.name, undefined, `volume ${v.name}`, v.configMap.optional);
    }
  }
  return out;
}

/**
 * Synthesizes an app and validates what would be written, as `svcgen validate` would (file and
 * line refer to `<outdir>/<file>`). Throws SynthError (construct checks) or SynthValidationError
 * (the validator found errors); returns the files and the report (with any warnings) otherwise.
 */
export function synthesizeChecked(app: App, outdir = 'dist', options: Pick<ValidateOptions, 'strictCrds' | 'kubernetesVersion'> = {}): CheckedSynth {
  return checkCharts(synthesizeApp(app), outdir, options);
}

/** The warnings of a report as text lines (empty when there are none). */
export function warningsText(report: Report): string {
  if (report.summary.warnings === 0) return '';
  const text = formatText({ ...report, resources: report.resources.map((r) => ({ ...r, problems: r.problems.filter((p) => p.severity === 'warning') })) });
  return text.split('\n').slice(0, -2).join('\n') + '\n';
}
