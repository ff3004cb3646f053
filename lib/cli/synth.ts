import * as path from 'path';
import { loadApp } from '../synth/load';
import { synthesizeChecked, warningsText } from '../synth/synth';
import { writeFilesAtomically } from '../yaml/atomic';
import type { Io } from './main';

export interface SynthOptions {
  readonly app: string;
  readonly out?: string;
  readonly stdout?: boolean;
  readonly strictCrds?: boolean;
}

/** `svcgen synth`: load the app, check and validate it, then print or atomically write its manifests. */
export function runSynth(opts: SynthOptions, io: Io): number {
  const outdir = opts.out ?? process.env.CDK8S_OUTDIR ?? 'dist';
  const { files, report } = synthesizeChecked(loadApp(opts.app), outdir, { strictCrds: opts.strictCrds });
  io.stderr(warningsText(report));
  if (opts.stdout) {
    io.stdout(files.map((f) => f.content).join('---\n'));
    return 0;
  }
  for (const f of writeFilesAtomically(outdir, files)) io.stderr(`wrote ${path.relative(process.cwd(), f) || f}\n`);
  return 0;
}
