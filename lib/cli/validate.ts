import * as fs from 'fs';
import * as path from 'path';
import { SvcgenError } from '../errors';
import { formatReport, OUTPUT_FORMATS, OutputFormat } from '../validate/report';
import { Source, validateSources } from '../validate/validator';
import type { Io } from './main';

export interface ValidateCliOptions {
  readonly output: string;
  readonly kubernetesVersion: string;
  readonly strict: boolean;
  readonly ignoreMissingSchemas?: boolean;
}

/** A usage or I/O problem: exit code 2. */
export class UsageError extends SvcgenError {
  public readonly exitCode = 2;
}

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

function collect(p: string, out: string[]): void {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    throw new UsageError(`${p}: no such file or folder`);
  }
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) {
      const child = path.join(p, name);
      const cst = fs.statSync(child);
      if (cst.isDirectory()) collect(child, out);
      else if (EXTENSIONS.has(path.extname(name).toLowerCase())) out.push(child);
    }
  } else {
    out.push(p);
  }
}

export function readSources(inputs: readonly string[], stdin: () => string): Source[] {
  const sources: Source[] = [];
  for (const input of inputs) {
    if (input === '-') {
      sources.push({ file: '<stdin>', text: stdin() });
      continue;
    }
    const files: string[] = [];
    collect(input, files);
    for (const f of files) {
      try {
        sources.push({ file: f, text: fs.readFileSync(f, 'utf8') });
      } catch (e) {
        throw new UsageError(`${f}: cannot read: ${(e as Error).message}`);
      }
    }
  }
  return sources;
}

export function checkKubernetesVersion(v: string): void {
  if (!/^v?1\.28(\.\d+)?$/.test(v)) {
    throw new UsageError(`--kubernetes-version ${v}: svcgen carries the Kubernetes 1.28 schema and rules only; use 1.28`);
  }
}

/** `svcgen validate`: exit 0 when all is valid (warnings allowed), 1 when anything is invalid. */
export function runValidate(inputs: readonly string[], opts: ValidateCliOptions, io: Io, version: string, stdin: () => string): number {
  if (!(OUTPUT_FORMATS as readonly string[]).includes(opts.output)) {
    throw new UsageError(`--output ${opts.output}: use one of ${OUTPUT_FORMATS.join(', ')}`);
  }
  checkKubernetesVersion(opts.kubernetesVersion);
  if (inputs.length === 0) throw new UsageError('give the manifests to validate: files, folders, or - for standard input');
  const report = validateSources(readSources(inputs, stdin), { strict: opts.strict, ignoreMissingSchemas: opts.ignoreMissingSchemas });
  io.stdout(formatReport(report, opts.output as OutputFormat, version));
  return report.summary.invalid > 0 ? 1 : 0;
}
