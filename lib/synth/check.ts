/**
 * Charts' objects written as YAML and validated as `svcgen validate` would validate the files:
 * for synth (charts of a cdk8s app) and convert (objects rendered without cdk8s). Requires
 * neither cdk8s nor constructs.
 */
import path = require('path');
import { SvcgenError } from '../errors';
import { Report, validateSources, ValidateOptions } from '../validate/validator';
import { OutputFile } from '../yaml/atomic';
import { yamlStream } from '../yaml/write';

/** The manifests of one chart, as cdk8s would name its file. */
export interface SynthesizedChart {
  /** `<chart>.k8s.yaml` */
  readonly fileName: string;
  readonly chartPath: string;
  readonly objects: readonly Record<string, unknown>[];
}

/** Synthesis that the validator refused: the report says why. */
export class SynthValidationError extends SvcgenError {
  constructor(public readonly report: Report) {
    const errors = report.resources.flatMap((r) =>
      r.problems.filter((p) => p.severity === 'error').map((p) => `  ${r.file}:${p.line ?? r.line}: ${r.kind}/${r.name}: ${p.message}`),
    );
    super(`the synthesized manifests are invalid (${errors.length} error${errors.length === 1 ? '' : 's'}); nothing was written:\n${errors.join('\n')}`);
  }
}

export interface CheckedSynth {
  /** The files to write (names inside the output folder) and their content. */
  readonly files: OutputFile[];
  /** The validator's report on exactly that content (warnings included). */
  readonly report: Report;
  /** The objects, chart by chart, in order. */
  readonly objects: Record<string, unknown>[];
  /** Each object's YAML document, as in `files` (without the `---` lines). */
  readonly texts: string[];
}

/**
 * Charts' objects written as YAML (file and line refer to `<outdir>/<file>`) and validated. Throws
 * SynthValidationError (the validator found errors); returns the files and the report (with any
 * warnings) otherwise. `synthesizeChecked` is this of `synthesizeApp(app)`; a caller that needs no
 * more of its app passes those charts, so that the construct tree can go first.
 */
export function checkCharts(charts: readonly SynthesizedChart[], outdir = 'dist', options: Pick<ValidateOptions, 'strictCrds' | 'kubernetesVersion'> = {}): CheckedSynth {
  const streams = charts.map((c) => ({ name: c.fileName, ...yamlStream(c.objects, path.join(outdir, c.fileName)) }));
  const files = streams.map((f) => ({ name: f.name, content: f.text }));
  const report = validateSources(streams.map((f) => ({ file: path.join(outdir, f.name), text: f.text, docs: f.docs })), { strictCrds: options.strictCrds, kubernetesVersion: options.kubernetesVersion });
  if (report.summary.errors > 0) throw new SynthValidationError(report);
  return { files, report, objects: charts.flatMap((c) => [...c.objects]), texts: streams.flatMap((f) => f.texts) };
}

