import * as fs from 'fs';
import * as path from 'path';

/** The files under a folder (at any depth) whose names match. */
export function filesUnder(dir: string, name: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(p, name);
    return name.test(e.name) ? [p] : [];
  });
}
