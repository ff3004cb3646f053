import * as path from 'path';
import { loadApp } from '../synth/load';
import { chartsToYaml, synthesizeApp } from '../synth/synth';
import { writeFilesAtomically } from '../yaml/atomic';
import { toMultiDocYaml } from '../yaml/write';
import type { Io } from './main';

export interface SynthOptions {
  readonly app: string;
  readonly out?: string;
  readonly stdout?: boolean;
}

/** `svcgen synth`: load the app, check it, and print or atomically write its manifests. */
export function runSynth(opts: SynthOptions, io: Io): number {
  const app = loadApp(opts.app);
  const charts = synthesizeApp(app);
  if (opts.stdout) {
    io.stdout(chartsToYaml(charts));
    return 0;
  }
  const outdir = opts.out ?? process.env.CDK8S_OUTDIR ?? 'dist';
  const written = writeFilesAtomically(
    outdir,
    charts.map((c) => ({ name: c.fileName, content: toMultiDocYaml(c.objects) })),
  );
  for (const f of written) io.stderr(`wrote ${path.relative(process.cwd(), f) || f}\n`);
  return 0;
}
