/** The Compose/Swarm converter: load -> plan -> build or print. */
import * as path from 'path';
import { synthesizeChecked } from '../synth/synth';
import { OutputFile } from '../yaml/atomic';
import { toMultiDocYaml } from '../yaml/write';
import { ConvertOptions, planConversion, Plan, Warning } from './convert';
import { buildApp, printProgram } from './emit';
import { loadCompose, LoadOptions } from './load';
import type { Report } from '../validate/validator';

export { ComposeError } from './errors';
export { KEYS, planConversion } from './convert';
export type { ConvertOptions, Plan, Warning } from './convert';
export { loadCompose } from './load';
export type { LoadOptions } from './load';

export type ConvertFormat = 'yaml' | 'json' | 'ts';

export interface ConvertResult {
  readonly plan: Plan;
  /** The Kubernetes objects, in order (validated; empty for nothing to convert). */
  readonly objects: Record<string, unknown>[];
  /** The validator's report on them (warnings only: errors throw). */
  readonly report: Report;
}

/** Loads, converts and validates: throws ComposeError (bad input) or SynthValidationError (invalid output). */
export function convertCompose(files: readonly string[], options: LoadOptions & ConvertOptions = {}): ConvertResult {
  const project = loadCompose(files, options);
  const plan = planConversion(project, options);
  const { objects, report } = synthesizeChecked(buildApp(plan), 'converted');
  return { plan, objects, report };
}

/** `file:line: service "x": key: message` */
export function formatWarning(w: Warning): string {
  return `${w.file}${w.line ? `:${w.line}` : ''}: ${w.service ? `service "${w.service}": ` : ''}${w.key}: ${w.message}`;
}

/** The output files of a conversion: one per object in a folder, or one file, in a format. */
export function outputFiles(result: ConvertResult, format: ConvertFormat, layout: 'folder' | 'file', fileName: string, svcgenVersion: string): OutputFile[] {
  if (format === 'ts') return printProgram(result.plan, svcgenVersion);
  const objects = result.objects;
  if (layout === 'file') {
    return [{ name: fileName, content: format === 'json' ? jsonList(objects) : toMultiDocYaml(objects) }];
  }
  return objects.map((o) => {
    const meta = o.metadata as { name: string };
    const name = `${meta.name}-${String(o.kind).toLowerCase()}.${format === 'json' ? 'json' : 'yaml'}`;
    return { name, content: format === 'json' ? `${JSON.stringify(o, null, 2)}\n` : toMultiDocYaml([o]) };
  });
}

export function jsonList(objects: readonly unknown[]): string {
  return `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }, null, 2)}\n`;
}

export const DEFAULT_COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
export const OVERRIDE_FILES = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml'];

export function defaultFiles(dir: string, exists: (p: string) => boolean): string[] {
  const main = DEFAULT_COMPOSE_FILES.find((f) => exists(path.join(dir, f)));
  if (!main) return [];
  const override = OVERRIDE_FILES.find((f) => exists(path.join(dir, f)));
  return [path.join(dir, main), ...(override ? [path.join(dir, override)] : [])];
}
