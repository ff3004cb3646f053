/** The Compose/Swarm converter: load -> plan -> render (and validate) or print. */
import path = require('path');
import { ConstructError } from '../errors';
import { checkCharts, SynthValidationError } from '../synth/check';
import { OutputFile } from '../yaml/atomic';
import { ConvertOptions, planConversion, Plan, Statement, Warning } from './convert';
import { ComposeError } from './errors';
import { helmChart, kustomizeBase, objectFileName } from './package';
import { k8sName } from './parse';
import { printProgram, renderPlan } from './emit';
import { ComposeProject, fieldPath, loadCompose, LoadOptions, Obj } from './load';
import type { Report } from '../validate/validator';

export { ComposeError } from './errors';
export { KEYS, planConversion } from './convert';
export type { ConvertOptions, Plan, Warning } from './convert';
export { loadCompose } from './load';
export type { LoadOptions } from './load';

export type ConvertFormat = 'yaml' | 'json' | 'ts' | 'helm' | 'kustomize';

export interface ConvertResult {
  readonly plan: Plan;
  /** The Kubernetes objects, in order (validated; empty for nothing to convert). */
  readonly objects: Record<string, unknown>[];
  /** The validator's report on them (warnings only: errors throw). */
  readonly report: Report;
  /** Each object as the YAML document that was validated (join with `---` lines: `convertedYaml`). */
  readonly texts: readonly string[];
  /** The texts as one multi-document YAML stream, as the validator checked it (`convertedYaml`). */
  readonly yaml?: string;
}

/** The converted objects as one multi-document YAML stream (the text the validator checked). */
export function convertedYaml(result: Pick<ConvertResult, 'texts' | 'yaml'>): string {
  return result.yaml ?? result.texts.join('---\n');
}

/** Loads, converts and validates: throws ComposeError (bad input) or SynthValidationError (invalid output). */
export function convertCompose(files: readonly string[], options: LoadOptions & ConvertOptions & { readonly kubernetesVersion?: string } = {}): ConvertResult {
  const plan = planned(files, options);
  try {
    const { objects, report, texts, files: written } = checkCharts(renderPlan(plan), 'converted', { kubernetesVersion: options.kubernetesVersion });
    return { plan, objects, report, texts, yaml: written[0]?.content ?? '' };
  } catch (e) {
    // (read again for the positions: only a conversion that fails needs them)
    throw locatedError(e, plan, loadCompose(files, options));
  }
}

/**
 * The plan of the files. The project it is made from (the files' data, and the index of their
 * positions that warnings build: at 1,000 services 5.4 and 5.1 MiB) is not kept while the plan is
 * rendered and checked.
 */
function planned(files: readonly string[], options: LoadOptions & ConvertOptions): Plan {
  return planConversion(loadCompose(files, options), options);
}

/**
 * An error in the converted output, told at the compose file and line of the service it comes from
 * (not at a construct path or a line of manifests the user never sees); other errors as they are.
 */
function locatedError(e: unknown, plan: Plan, project: ComposeProject): unknown {
  const where = (s: Statement | undefined) => {
    const pos = project.position(s?.service ? fieldPath('services', s.service) : 'services');
    return { ...pos, prefix: s?.service ? `service "${s.service}": ` : '' };
  };
  const fail = (items: { s: Statement | undefined; message: string }[]) => {
    const first = where(items[0]?.s);
    const lines = items.map(({ s, message }) => {
      const w = where(s);
      return `${w.file}${w.line ? `:${w.line}` : ''}: ${w.prefix}${message}`;
    });
    const what = `the converted manifests would be invalid, so nothing was written:\n  ${lines.join('\n  ')}\n(this is a gap in svcgen's conversion or a value Kubernetes refuses: change the compose file there, or report it)`;
    return new ComposeError(first.file, first.line, first.column, items.length === 1 ? `${first.prefix}${items[0].message} (the converted manifests would be invalid, so nothing was written: change the compose file there)` : what);
  };
  if (e instanceof ConstructError && (e as { statement?: Statement }).statement) {
    return fail([{ s: (e as { statement?: Statement }).statement, message: e.problems.map((p) => p.message).join('; ') }]);
  }
  if (e instanceof SynthValidationError) {
    const resources = e.report.resources;
    const aligned = resources.length === plan.statements.length;
    return fail(
      resources.flatMap((r, i) =>
        r.problems.filter((p) => p.severity === 'error').map((p) => ({ s: aligned ? plan.statements[i] : undefined, message: `${r.kind}/${r.name}: ${p.message}` })),
      ),
    );
  }
  return e;
}

/** `file:line: service "x": key: message` */
export function formatWarning(w: Warning): string {
  return `${w.file}${w.line ? `:${w.line}` : ''}: ${w.service ? `service "${w.service}": ` : ''}${w.key}: ${w.message}`;
}

/** The output files of a conversion: one per object in a folder, or one file, in a format. */
export function outputFiles(result: ConvertResult, format: ConvertFormat, layout: 'folder' | 'file', fileName: string, svcgenVersion: string, svcgenPackage?: string): OutputFile[] {
  if (format === 'ts') return printProgram(result.plan, svcgenVersion, svcgenPackage);
  const objects = result.objects;
  if (format === 'helm') return helmChart(objects as Obj[], k8sName(result.plan.project), svcgenVersion);
  if (format === 'kustomize') return kustomizeBase(objects as Obj[]);
  if (layout === 'file') {
    return [{ name: fileName, content: format === 'json' ? jsonList(objects) : convertedYaml(result) }];
  }
  return objects.map((o, i) => {
    const name = objectFileName(o as Obj, format === 'json' ? 'json' : 'yaml');
    return { name, content: format === 'json' ? `${JSON.stringify(o, null, 2)}\n` : result.texts[i] };
  });
}

export function jsonList(objects: readonly unknown[]): string {
  return [...jsonListPieces(objects)].join('');
}

/**
 * `jsonList` in pieces, one per object (the same text: `JSON.stringify` of the List, indented by
 * 2), so that a large output is written without being held whole.
 */
export function* jsonListPieces(objects: readonly unknown[]): Generator<string> {
  if (objects.length === 0) {
    yield `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [] }, null, 2)}\n`;
    return;
  }
  yield '{\n  "apiVersion": "v1",\n  "kind": "List",\n  "items": [\n';
  for (let i = 0; i < objects.length; i++) {
    // (an object's own lines, two levels deeper: JSON text has no newline inside a string)
    yield `    ${(JSON.stringify(objects[i], null, 2) ?? 'null').replace(/\n/g, '\n    ')}${i < objects.length - 1 ? ',' : ''}\n`;
  }
  yield '  ]\n}\n';
}

export const DEFAULT_COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
export const OVERRIDE_FILES = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml'];

export function defaultFiles(dir: string, exists: (p: string) => boolean): string[] {
  const main = DEFAULT_COMPOSE_FILES.find((f) => exists(path.join(dir, f)));
  if (!main) return [];
  const override = OVERRIDE_FILES.find((f) => exists(path.join(dir, f)));
  return [path.join(dir, main), ...(override ? [path.join(dir, override)] : [])];
}
