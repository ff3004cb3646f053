import * as fs from 'fs';
import * as path from 'path';
import { SvcgenError } from '../errors';

export interface OutputFile {
  /** A file name inside the output folder (no folders). */
  readonly name: string;
  readonly content: string;
}

/**
 * Writes every file or none: all are written to a staging folder inside `outdir` first, then
 * renamed into place one by one (a rename within one file system is atomic). Files in `outdir`
 * that are not among `files` are left alone. Returns the paths written.
 */
export function writeFilesAtomically(outdir: string, files: readonly OutputFile[]): string[] {
  for (const f of files) {
    if (f.name !== path.basename(f.name) || f.name.startsWith('.')) throw new Error(`bad output file name: ${f.name}`);
  }
  try {
    fs.mkdirSync(outdir, { recursive: true });
  } catch (e) {
    throw new SvcgenError(`cannot create the output folder ${outdir}: ${(e as Error).message}`);
  }
  const staging = fs.mkdtempSync(path.join(outdir, '.svcgen-'));
  try {
    for (const f of files) fs.writeFileSync(path.join(staging, f.name), f.content);
    const written: string[] = [];
    for (const f of files) {
      const target = path.join(outdir, f.name);
      fs.renameSync(path.join(staging, f.name), target);
      written.push(target);
    }
    return written;
  } catch (e) {
    throw new SvcgenError(`cannot write to ${outdir}: ${(e as Error).message}`);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
