import fs = require('fs');
import path = require('path');
import { SvcgenError } from '../errors';

export interface OutputFile {
  /** A file name inside the output folder (no folders). */
  readonly name: string;
  readonly content: string;
}

/** Staging folders of svcgen's writes start with this (and `svcgen validate` skips them). */
export const STAGING_PREFIX = '.svcgen-';
const JOURNAL = 'journal.json';

/**
 * Writes a set of files into `outdir`, all or none, and never leaves one half-written:
 *
 * 1. the new files, and a copy of each file they replace, go into a staging folder
 *    (`outdir/.svcgen-XXXXXX`); then a journal naming the files is written there (the commit
 *    point);
 * 2. each new file is renamed over its target (a rename is atomic: a reader sees the old file or
 *    the new one, never a part of either);
 * 3. if a rename fails, the files already switched are put back from their copies, and the error
 *    is reported; the folder is as it was;
 * 4. if the process dies (kill -9) before the journal, the next write in that folder deletes the
 *    staging folder (nothing had changed); after it, the next write finishes the switch first.
 *
 * Files in `outdir` that are not among `files` are never touched. Returns the paths written.
 */
export function writeFilesAtomically(outdir: string, files: readonly OutputFile[]): string[] {
  for (const f of files) {
    // a name, or names in subfolders of the output folder (a chart's templates/), never outside it
    const segments = f.name.split('/');
    if (segments.some((s) => s === '' || s.startsWith('.') || s !== path.basename(s))) throw new Error(`bad output file name: ${f.name}`);
  }
  const parents = (base: string) => {
    for (const f of files) if (f.name.includes('/')) fs.mkdirSync(path.dirname(path.join(base, f.name)), { recursive: true });
  };
  try {
    fs.mkdirSync(outdir, { recursive: true });
    recoverInterruptedWrites(outdir);
  } catch (e) {
    if (e instanceof SvcgenError) throw e;
    throw new SvcgenError(`cannot use the output folder ${outdir}: ${(e as Error).message}`);
  }
  const staging = fs.mkdtempSync(path.join(outdir, STAGING_PREFIX));
  const switched: string[] = [];
  try {
    fs.mkdirSync(path.join(staging, 'new'));
    fs.mkdirSync(path.join(staging, 'old'));
    parents(path.join(staging, 'new'));
    parents(path.join(staging, 'old'));
    parents(outdir);
    for (const f of files) {
      fs.writeFileSync(path.join(staging, 'new', f.name), f.content);
      const target = path.join(outdir, f.name);
      if (fs.existsSync(target) && fs.statSync(target).isFile()) fs.copyFileSync(target, path.join(staging, 'old', f.name));
    }
    writeJournal(staging, files.map((f) => f.name));
    for (const f of files) {
      fs.renameSync(path.join(staging, 'new', f.name), path.join(outdir, f.name));
      switched.push(f.name);
    }
  } catch (e) {
    rollBack(outdir, staging, switched);
    throw new SvcgenError(`cannot write to ${outdir}: ${(e as Error).message} (nothing was changed)`);
  }
  fs.rmSync(staging, { recursive: true, force: true });
  return files.map((f) => path.join(outdir, f.name));
}

function writeJournal(staging: string, names: string[]): void {
  const tmp = path.join(staging, `${JOURNAL}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify({ files: names }));
  fs.renameSync(tmp, path.join(staging, JOURNAL));
}

/** Puts back the files already switched (from their copies, or removes the ones that were new). */
function rollBack(outdir: string, staging: string, switched: readonly string[]): void {
  for (const name of switched) {
    const old = path.join(staging, 'old', name);
    try {
      if (fs.existsSync(old)) fs.renameSync(old, path.join(outdir, name));
      else fs.rmSync(path.join(outdir, name), { force: true });
    } catch {
      // (best effort: the staging folder is kept then, and the next write rolls it forward)
      return;
    }
  }
  fs.rmSync(staging, { recursive: true, force: true });
}

/**
 * Finishes what an interrupted write (killed) left in `outdir`: a staging folder with a journal is
 * switched into place (the write had committed); one without is deleted (it had not). Returns the
 * staging folders it found.
 */
export function recoverInterruptedWrites(outdir: string): string[] {
  const found: string[] = [];
  for (const name of fs.readdirSync(outdir)) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const staging = path.join(outdir, name);
    if (!fs.statSync(staging).isDirectory()) continue;
    found.push(staging);
    const journal = path.join(staging, JOURNAL);
    if (fs.existsSync(journal)) {
      const { files } = JSON.parse(fs.readFileSync(journal, 'utf8')) as { files: string[] };
      for (const f of files) {
        // names as writeFilesAtomically allows them (subfolders, nothing above the folder)
        const segments = String(f).split('/');
        if (segments.some((x) => x === '' || x.startsWith('.') || x !== path.basename(x))) continue;
        const pending = path.join(staging, 'new', ...segments);
        if (!fs.existsSync(pending)) continue;
        fs.mkdirSync(path.dirname(path.join(outdir, ...segments)), { recursive: true });
        fs.renameSync(pending, path.join(outdir, ...segments));
      }
    }
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return found;
}
