import fs = require('fs');
import path = require('path');

let root: string | undefined;

/** The folder of svcgen's own package.json (its source tree, or the installed package). */
export function packageRoot(): string {
  if (root) return root;
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const f = path.join(dir, 'package.json');
    if (fs.existsSync(f) && (JSON.parse(fs.readFileSync(f, 'utf8')) as { name?: string }).name === 'svcgen') return (root = dir);
  }
  throw new Error('svcgen: cannot find its own package.json');
}

/** The nearest file of that name in the folder or above. */
export function findUp(dir: string, name: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, name))) return path.join(d, name);
    if (path.dirname(d) === d) return undefined;
  }
}

/** svcgen's version. */
export function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** A validator module that `npm run build` precompiled into build/schema/. */
export function precompiled<T>(file: string): T {
  const p = path.join(packageRoot(), 'build', 'schema', file);
  if (!fs.existsSync(p)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SvcgenError } = require('./errors') as typeof import('./errors');
    throw new SvcgenError(`${p} is missing: run \`npm run build\` (npm ci does it)`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(p) as T;
}
