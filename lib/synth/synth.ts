import { App, Chart, Names } from 'cdk8s';
import { SvcgenError } from '../errors';
import { toMultiDocYaml } from '../yaml/write';

/** The manifests of one chart, as cdk8s would name its file. */
export interface SynthesizedChart {
  /** `<chart>.k8s.yaml` */
  readonly fileName: string;
  readonly chartPath: string;
  readonly objects: readonly Record<string, unknown>[];
}

/** A construct-level problem found by `node.validate()`, with the construct's path. */
export interface ConstructProblem {
  readonly path: string;
  readonly message: string;
}

export class SynthError extends SvcgenError {
  constructor(public readonly problems: readonly ConstructProblem[]) {
    super(
      `synthesis failed with ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written:\n` +
        problems.map((p) => `  ${p.path}: ${p.message}`).join('\n'),
    );
  }
}

/** Runs every construct's validations (`node.addValidation`) and reports them all at once. */
export function constructProblems(app: App): ConstructProblem[] {
  const problems: ConstructProblem[] = [];
  for (const c of app.node.findAll()) {
    for (const message of c.node.validate()) problems.push({ path: c.node.path, message });
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
    const objects = chart.toJson() as Record<string, unknown>[];
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
