import * as fs from 'fs';
import * as path from 'path';

/**
 * The entries of a compile cache folder (lib/compile-cache.ts: `<dir>/v8-<node>-<arch>/<key>`),
 * and the CPU milliseconds each says the run that made it took (bytes 4-7 of its header, after
 * `SVC1`), which the tests set so as not to hang on how long a run takes on a busy machine.
 */
export function cacheEntries(dir: string) {
  const files = () => fs.readdirSync(dir).flatMap((d) => fs.readdirSync(path.join(dir, d)).map((f) => path.join(dir, d, f)));
  return {
    files,
    madeWith: () => new Map(files().map((f) => [f, fs.readFileSync(f).readUInt32LE(4)] as const)),
    stamps: () => new Map(files().map((f) => [f, fs.statSync(f).mtimeMs] as const)),
    setMadeWith: (ms: number, only?: string) => {
      for (const f of files().filter((x) => !only || x === only)) {
        const data = fs.readFileSync(f);
        data.writeUInt32LE(ms, 4);
        fs.writeFileSync(f, data);
      }
    },
  };
}
