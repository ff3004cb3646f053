import fs = require('fs');
import path = require('path');
import { SvcgenError } from '../errors';
import { typeCheck } from '../synth/typecheck';
import { resolveKubernetesVersion } from './kube-version';
import { loadApp } from '../synth/load';
import { objectOrigins, referenceWarnings, synthesizeChecked, warningsText } from '../synth/synth';
import { writeFilesAtomically } from '../yaml/atomic';
import type { Io } from './main';
import { CONSTRUCT_METADATA } from '../cdk8s-plugin';

export interface SynthOptions {
  readonly app: string;
  readonly out?: string;
  readonly stdout?: boolean;
  readonly strictCrds?: boolean;
  readonly kubernetesVersion?: string;
  /** false with --no-typecheck */
  readonly typecheck?: boolean;
}

/** `svcgen synth`: load the app, check and validate it, then print or atomically write its manifests. */
export function runSynth(opts: SynthOptions, io: Io): number {
  const outdir = opts.out ?? process.env.CDK8S_OUTDIR ?? 'dist';
  if (opts.typecheck !== false && /\.(ts|mts|cts|tsx)$/.test(opts.app) && fs.existsSync(opts.app)) {
    // tsx strips types without checking them: a misspelled prop would synthesize without it
    const checked = typeCheck(opts.app);
    if (!checked) io.stderr(`${opts.app}: not type-checked: no TypeScript installed beside it (npm install -D typescript), so misspelled props go unnoticed\n`);
    else if (checked.errors.length) {
      throw new SvcgenError(`${opts.app} does not type-check (TypeScript ${checked.version}); nothing was written:\n  ${checked.errors.join('\n  ')}\n(fix the errors, or run with --no-typecheck)`);
    }
  }
  const kubernetesVersion = resolveKubernetesVersion(opts.kubernetesVersion);
  const app = loadApp(opts.app);
  const { files, report, objects } = synthesizeChecked(app, outdir, { strictCrds: opts.strictCrds, kubernetesVersion });
  io.stderr(warningsText(report));
  for (const w of referenceWarnings(objects)) io.stderr(`${opts.app}: warning: ${w}\n`);
  if (opts.stdout) {
    io.stdout(files.map((f) => f.content).join('---\n'));
    return 0;
  }
  // cdk8s-cli asks for this when the project has validation plugins: the plugins' reports then name
  // the construct path of each object (svcgen's plugin also the line of the program that made it)
  const metadata = process.env.CDK8S_RECORD_CONSTRUCT_METADATA === 'true' ? [{ name: CONSTRUCT_METADATA, content: JSON.stringify({ version: '1.0.0', resources: objectOrigins(app) }) }] : [];
  for (const f of writeFilesAtomically(outdir, [...files, ...metadata])) io.stderr(`wrote ${path.relative(process.cwd(), f) || f}\n`);
  return 0;
}
