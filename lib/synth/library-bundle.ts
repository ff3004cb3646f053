/**
 * For the commands that load an app (`synth`, `explain --app`): svcgen's library modules from one
 * file, build/lib/synth/library.js (made by scripts/build-cli.js), instead of ~65 files found,
 * read and set up one by one (a tenth of a small `synth`).
 *
 * The file holds each module as it was, in a table by its path in build/lib. Each is handed to
 * Node's module cache under its own file name (build/lib/constructs/tier.js, ...), to be set up on
 * first use: the command line's requires of build/lib, the app's `import ... from 'svcgen'`, and
 * its deep imports of svcgen's build all meet the same single copy. Nothing else changes: when the
 * file is missing (a build without scripts/build-cli.js) or one of its modules is loaded already
 * (a program that required svcgen's build itself), the modules load one by one as before.
 */
import fs = require('fs');
import Module = require('module');
import path = require('path');
import { packageRoot } from '../paths';

interface Loader {
  _cache: Record<string, unknown>;
  _nodeModulePaths(dir: string): string[];
  new (id: string, parent: unknown): { filename: string; loaded: boolean; paths: string[] };
}

let used: boolean | undefined;

/** Installs the library's modules from build/lib/synth/library.js (once). Returns whether it did. */
export function useLibraryBundle(): boolean {
  if (used !== undefined) return used;
  used = false;
  const lib = path.join(packageRoot(), 'build', 'lib');
  const file = path.join(lib, 'synth', 'library.js');
  const loader = Module as unknown as Loader;
  if (!fs.existsSync(file)) return false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const table = require(file) as Record<string, () => unknown>;
  const entries = Object.entries(table).map(([name, setUp]) => [path.join(lib, ...name.split('/')), setUp] as const);
  if (entries.some(([filename]) => loader._cache[filename] !== undefined)) return false;
  const pathsOf = new Map<string, string[]>();
  for (const [filename, setUp] of entries) {
    const m = new loader(filename, null);
    const dir = path.dirname(filename);
    m.filename = filename;
    m.paths = pathsOf.get(dir) ?? pathsOf.set(dir, loader._nodeModulePaths(dir)).get(dir)!;
    m.loaded = true;
    let exports: unknown;
    let ready = false;
    Object.defineProperty(m, 'exports', {
      enumerable: true,
      configurable: true,
      get: () => {
        if (!ready) {
          exports = setUp();
          ready = true;
        }
        return exports;
      },
      set: (value: unknown) => {
        exports = value;
        ready = true;
      },
    });
    loader._cache[filename] = m;
  }
  return (used = true);
}
