import fs = require('fs');
import path = require('path');
import { UsageError } from '../errors';
import { STAGING_PREFIX } from '../yaml/atomic';
import { formatReport, OUTPUT_FORMATS, OutputFormat } from '../validate/report';
import { Scope, SCOPES, Source, validateSources } from '../validate/validator';
import { packageVersion } from '../paths';
import { resolveKubernetesVersion } from './kube-version';
import { boundYoungGeneration } from './memory';
import { failed } from './outcome';
import { Io, standardIo } from './output';

export { watchStandardStreams } from './output';

export interface ValidateCliOptions {
  readonly output: string;
  /** undefined: the project's setting (see kube-version.ts), else the newest carried */
  readonly kubernetesVersion?: string;
  readonly strict: boolean;
  readonly ignoreMissingSchemas?: boolean;
  readonly strictCrds?: boolean;
  readonly scope?: string;
}

export { UsageError };

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
      if (name.startsWith(STAGING_PREFIX)) continue; // an interrupted write's staging folder
      const child = path.join(p, name);
      let cst: fs.Stats;
      try {
        cst = fs.statSync(child);
      } catch {
        throw new UsageError(`${child}: cannot read it (a link to nothing?)`);
      }
      if (cst.isDirectory()) collect(child, out);
      else if (EXTENSIONS.has(path.extname(name).toLowerCase())) out.push(child);
    }
  } else {
    out.push(p);
  }
}

/**
 * The sources of a command line. Files named on it are one set for the checks across objects (as
 * one `kubectl apply -f a.yaml -f b.yaml`); the files found in a folder go with their own folder.
 */
export function readSources(inputs: readonly string[], stdin: () => string): (Source & { group?: string })[] {
  const sources: (Source & { group?: string })[] = [];
  for (const input of inputs) {
    if (input === '-') {
      sources.push({ file: '<stdin>', text: stdin(), group: '<command line>' });
      continue;
    }
    const files: string[] = [];
    collect(input, files);
    const named = files.length === 1 && files[0] === input;
    for (const f of files) {
      try {
        sources.push({ file: f, text: fs.readFileSync(f, 'utf8'), ...(named ? { group: '<command line>' } : {}) });
      } catch (e) {
        throw new UsageError(`${f}: cannot read: ${(e as Error).message}`);
      }
    }
  }
  return sources;
}

export function checkScope(scope: string | undefined): Scope {
  if (scope === undefined) return 'folder';
  if (!(SCOPES as readonly string[]).includes(scope)) throw new UsageError(`--scope ${scope}: use one of ${SCOPES.join(', ')}`);
  return scope as Scope;
}


/** `svcgen validate`: exit 0 when all is valid (warnings allowed), 1 when anything is invalid. */
export function runValidate(inputs: readonly string[], opts: ValidateCliOptions, io: Io, version: string, stdin: () => string): number {
  if (!(OUTPUT_FORMATS as readonly string[]).includes(opts.output)) {
    throw new UsageError(`--output ${opts.output}: use one of ${OUTPUT_FORMATS.join(', ')}`);
  }
  const kubernetesVersion = resolveKubernetesVersion(opts.kubernetesVersion);
  if (inputs.length === 0) throw new UsageError('give the manifests to validate: files, folders, or - for standard input');
  const young = boundYoungGeneration();
  let report: ReturnType<typeof validateSources>;
  try {
    report = validateSources(readSources(inputs, stdin), { kubernetesVersion, strict: opts.strict, strictCrds: opts.strictCrds, scope: checkScope(opts.scope), onProgress: young.onProgress });
  } finally {
    young.release();
  }
  io.stdout(formatReport(report, opts.output as OutputFormat, version));
  return report.summary.invalid > 0 ? 1 : 0;
}

/** The options of `svcgen validate` when none is given, as the command line's parser gives them. */
export const VALIDATE_DEFAULTS: ValidateCliOptions = { output: 'text', strict: true, scope: 'folder' };

/**
 * `svcgen validate <inputs...>` with no option: what bin/svcgen.js runs for such a command line
 * without loading the command line's parser and its other commands (build/cli.js: 9% of the CPU
 * time of validating a small file). The same call, with the defaults the parser would give, and
 * the same ending; anything else on the line goes through the parser.
 */
export function validateWithoutOptions(inputs: readonly string[], io: Io = standardIo): number {
  try {
    return runValidate(inputs, VALIDATE_DEFAULTS, io, packageVersion(), () => fs.readFileSync(0, 'utf8'));
  } catch (e) {
    return failed(e, io);
  }
}
