import path = require('path');
import { SvcgenError } from '../errors';
import { explain, Explanation, PlacedObject } from '../explain/model';
import { EXPLAIN_FORMATS, ExplainFormat, toDot, toJson, toMermaid, toText } from '../explain/render';
import { deferCdk8sDependencies } from '../synth/lazy-deps';
import { useLibraryBundle } from '../synth/library-bundle';
import { readDocuments } from '../yaml/read';
import type { Io } from './main';
import { readSources, UsageError } from './validate';

export interface ExplainCliOptions {
  readonly output: string;
  readonly app?: string;
  readonly clusterDomain: string;
  readonly namespace: string;
  readonly strict?: boolean;
}

/** The objects of some YAML/JSON texts, each with its file and line; a syntax error is a user error. */
export function placedObjects(sources: readonly { file: string; text: string }[]): PlacedObject[] {
  const out: PlacedObject[] = [];
  for (const s of sources) {
    for (const d of readDocuments(s.text, s.file, { strict: false })) {
      if (d.error) throw new SvcgenError(`${s.file}:${d.error.line}:${d.error.column}: ${d.error.message} (fix the YAML; svcgen validate ${s.file} says more)`);
      if (typeof d.value === 'object' && d.value !== null && !Array.isArray(d.value)) out.push({ file: s.file, line: d.line, obj: d.value as Record<string, never> });
    }
  }
  return out;
}

export function checkExplainFormat(output: string, flag = '--output'): ExplainFormat {
  if (!(EXPLAIN_FORMATS as readonly string[]).includes(output)) throw new UsageError(`${flag} ${output}: use one of ${EXPLAIN_FORMATS.join(', ')}`);
  return output as ExplainFormat;
}

/** One explanation in the format asked for. */
export function renderExplanation(e: Explanation, format: ExplainFormat, title: string): string {
  switch (format) {
    case 'json':
      return toJson(e);
    case 'mermaid':
      return toMermaid(e);
    case 'dot':
      return toDot(e);
    case 'html': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { toHtml } = require('../explain/html') as typeof import('../explain/html');
      return toHtml(e, title);
    }
    default:
      return toText(e);
  }
}

/** `svcgen explain`: exit 0 (1 with --strict when a link is broken or a name unanswered). */
export function runExplain(inputs: readonly string[], opts: ExplainCliOptions, io: Io, stdin: () => string): number {
  const format = checkExplainFormat(opts.output);
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(opts.clusterDomain)) throw new UsageError(`--cluster-domain ${opts.clusterDomain}: give a DNS domain such as cluster.local`);
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(opts.namespace) || opts.namespace.length > 63) throw new UsageError(`--namespace ${opts.namespace}: give a namespace name (a DNS label)`);
  let sources: { file: string; text: string }[];
  let title: string;
  if (opts.app !== undefined) {
    if (inputs.length) throw new UsageError('give either manifests or --app, not both');
    deferCdk8sDependencies();
    useLibraryBundle();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { loadApp } = require('../synth/load') as typeof import('../synth/load');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { synthesizeApp } = require('../synth/synth') as typeof import('../synth/synth');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { toMultiDocYaml } = require('../yaml/write') as typeof import('../yaml/write');
    const outdir = process.env.CDK8S_OUTDIR ?? 'dist';
    sources = synthesizeApp(loadApp(opts.app)).map((c) => ({ file: path.join(outdir, c.fileName), text: toMultiDocYaml(c.objects) }));
    title = `svcgen explain: ${opts.app}`;
  } else {
    if (inputs.length === 0) throw new UsageError('give the manifests to explain (files, folders, or - for standard input) or --app main.ts');
    sources = readSources(inputs, stdin);
    title = `svcgen explain: ${inputs.join(' ')}`;
  }
  const e = explain(placedObjects(sources), { clusterDomain: opts.clusterDomain, namespace: opts.namespace });
  io.stdout(renderExplanation(e, format, title));
  return opts.strict && e.problems.some((p) => p.severity === 'warning') ? 1 : 0;
}
