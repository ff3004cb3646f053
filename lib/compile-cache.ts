/**
 * A V8 code cache for the JavaScript svcgen loads (its own build and its node_modules), so that a
 * run does not compile the same 5 MB of modules again: half the CPU time of a small `convert` is
 * compiling (cdk8s-plus-28's L1 module alone is 2.6 MB). Node 22 has this built in
 * (`module.enableCompileCache`), used when present; on Node 20 svcgen compiles those modules itself
 * with `vm.Script` and V8's cached data, as the v8-compile-cache package does.
 *
 * The cache is a folder of the user's own (`$XDG_CACHE_HOME/svcgen` or `~/.cache/svcgen`, mode
 * 0700; `SVCGEN_COMPILE_CACHE=<dir>` chooses another, `SVCGEN_COMPILE_CACHE=off` turns it off),
 * keyed by each module's path and its file's identity (inode, size, modification and change
 * times), so a changed file never meets stale code; data V8 refuses is compiled afresh, and an
 * entry made by a smaller run is made again by a bigger one that is still short (see the exit
 * handler). A folder that is not the user's own, or not writable, means no cache, never an error.
 * TypeScript files (the user's app, run through tsx) are left to Node, whose loader keeps their
 * source maps for the error lines svcgen reports.
 *
 * Loaded first by bin/svcgen.js; requires only Node's own modules.
 */
// (Node's own modules are imported as `require`s here and throughout lib/: tsc's `import * as`
// copies each of a module's keys when the module loads, a hundred for fs, in every module that
// imports it; a small validate ran 3-6% longer for those copies)
import fs = require('fs');
import Module = require('module');
import path = require('path');
import vm = require('vm');

/** The parts of Node's CommonJS loader this needs (not in @types/node). */
interface Loader {
  _extensions: Record<string, unknown>;
  _cache: Record<string, unknown>;
  _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string;
  _resolveLookupPaths(request: string, parent: unknown): string[] | null;
  wrap(script: string): string;
  enableCompileCache?: (dir?: string) => unknown;
  prototype: { _compile(content: string, filename: string): unknown };
}

interface LoadedModule {
  exports: unknown;
  require(id: string): unknown;
}

const MAX_ENTRIES = 4000;

/** The CPU milliseconds of the longest run that makes an entry again (see the exit handler). */
export const MAKER_LIMIT_MS = 300;

/**
 * An entry: `SVC1`, the CPU milliseconds of the run that made it (uint32, little-endian), then
 * V8's data. A file without it (an older svcgen's) is made again.
 */
const MAGIC = Buffer.from('SVC1');
const HEADER = MAGIC.length + 4;

/** The cache folder, or undefined when there must be none. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env.SVCGEN_COMPILE_CACHE;
  if (chosen && /^(0|off|false|no)$/i.test(chosen)) return undefined;
  const base = chosen || path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'svcgen');
  return path.join(base, `v8-${process.version}-${process.arch}`);
}

/** os.homedir(), which on POSIX is HOME when it is set, without loading the os module for it. */
function homedir(): string {
  const home = process.platform === 'win32' ? undefined : process.env.HOME;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return home !== undefined ? home : (require('os') as typeof import('os')).homedir();
}

/** Creates the folder (0700) and checks that it is the user's own and nobody else can write in it. */
export function ownFolder(dir: string): boolean {
  try {
    fs.mkdirSync(path.dirname(dir), { recursive: true, mode: 0o700 });
    // a parent others may write in (without the sticky bit, as /tmp has) lets them swap the folder
    const parent = fs.statSync(path.dirname(dir));
    if ((parent.mode & 0o022) !== 0 && (parent.mode & 0o1000) === 0) return false;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.statSync(dir);
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    if (!st.isDirectory() || (uid !== undefined && st.uid !== uid) || (st.mode & 0o022) !== 0) return false;
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** FNV-1a, 32 bits, as 8 hex digits. */
export function fnv(text: string, seed = 0x811c9dc5): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * `fnv(text) + fnv(text, 0x1b873593)` in one pass (64 bits, as 16 hex digits). A run hashes a key
 * per module before V8 has compiled anything of this code, so the loop runs interpreted: one pass
 * and a short text are what keep it cheap.
 */
export function fnv2(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x1b873593;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/**
 * The cache entry of a module: its path, and the identity of its file as the file system keeps it
 * (inode, size, modification and change times: a write of any kind changes the change time) with
 * the length and the first and last 64 characters of the source compiled (a same-length rewrite
 * within one tick of a coarse clock). No hash of whole sources: that costs more than it saves on
 * a small run.
 */
function keyOf(filename: string, content: string): string {
  let st: fs.Stats;
  try {
    st = fs.statSync(filename);
  } catch {
    return '';
  }
  const id = `${st.ino}\0${st.size}\0${st.mtimeMs}\0${st.ctimeMs}\0${content.length}\0${content.slice(0, 64)}\0${content.slice(-64)}`;
  const name = fnv(filename);
  return `${fnv2(`${name}\0${id}`)}${name}`;
}

/** Whether a module is one svcgen may compile itself: JavaScript of svcgen or of a package. */
function cacheable(filename: string, root: string): boolean {
  if (!/\.c?js$/.test(filename)) return false;
  return filename.startsWith(root + path.sep) || filename.includes(`${path.sep}node_modules${path.sep}`);
}

/**
 * Turns the cache on for every module loaded from now on. `root` is svcgen's package folder.
 * Returns how it was done ('node' built in, 'svcgen', or 'off').
 */
export function enableCompileCache(root: string, env: NodeJS.ProcessEnv = process.env): 'node' | 'svcgen' | 'off' {
  const dir = cacheDir(env);
  if (!dir || process.execArgv.some((a) => /^--(inspect|experimental-policy)/.test(a))) return 'off';
  const loader = Module as unknown as Loader;
  if (typeof loader.enableCompileCache === 'function') {
    if (!ownFolder(dir)) return 'off';
    loader.enableCompileCache(dir);
    return 'node';
  }
  if (!ownFolder(dir)) return 'off';
  const dynamicImport = (vm as unknown as { constants?: { USE_MAIN_CONTEXT_DEFAULT_LOADER?: symbol } }).constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  const original = loader.prototype._compile;
  const fresh: { script: vm.Script; file: string }[] = [];
  const cached: { script: vm.Script; file: string; madeWith: number }[] = [];

  loader.prototype._compile = function compile(this: LoadedModule, content: string, filename: string): unknown {
    // a module with import() needs Node's loader for it, unless vm can hand it over
    if (!cacheable(filename, root) || (!dynamicImport && content.includes('import('))) return original.call(this, content, filename);
    const key = keyOf(filename, content);
    if (!key) return original.call(this, content, filename);
    const file = path.join(dir, key);
    let cachedData: Buffer | undefined;
    let madeWith = 0;
    try {
      const raw = fs.readFileSync(file);
      if (raw.length > HEADER && raw.subarray(0, MAGIC.length).equals(MAGIC)) {
        madeWith = raw.readUInt32LE(MAGIC.length);
        cachedData = raw.subarray(HEADER);
      }
    } catch {
      cachedData = undefined;
    }
    let script: vm.Script;
    try {
      // a #! line is not JavaScript: Node's own loader drops it the same way
      const source = content.startsWith('#!') ? `//${content}` : content;
      script = new vm.Script(loader.wrap(source), { filename, cachedData, ...(dynamicImport ? { importModuleDynamically: dynamicImport as never } : {}) });
    } catch {
      // a syntax error: Node's loader reports it as it always does
      return original.call(this, content, filename);
    }
    if (!cachedData || script.cachedDataRejected) fresh.push({ script, file });
    else cached.push({ script, file, madeWith });
    const fn = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    const mod = this;
    const require = ((id: string) => mod.require(id)) as NodeJS.Require;
    const resolve = ((request: string, options?: { paths?: string[] }) => loader._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
    resolve.paths = (request: string) => loader._resolveLookupPaths(request, mod);
    require.resolve = resolve;
    require.main = process.mainModule;
    require.extensions = loader._extensions as NodeJS.Require['extensions'];
    require.cache = loader._cache as NodeJS.Require['cache'];
    return fn.call(mod.exports, mod.exports, require, mod, filename, path.dirname(filename));
  };

  process.once('exit', () => {
    // V8 compiles a function when it first runs, and the data of a script holds the functions
    // compiled when it was made: a cache made by a small run (`--version`) would leave a bigger
    // one (`convert` of the voting stack) compiling the rest on every run. So an entry is made
    // again by a run that took clearly more CPU time than the run that made it, a cheap sign of
    // more code run (the data then holds both runs' functions); runs of the same size or smaller
    // write nothing. But data made at the end of a long run lacks some functions that ran early
    // (measured: made at the end of validating 500 objects, it leaves the ReplicaSet validator's
    // first call compiling, 1.4 ms instead of 0.15, and the next small validate 10-15% slower;
    // made after 100 objects, not). So only a run of at most MAKER_LIMIT_MS makes an entry
    // again, and such a run also replaces an entry a longer run made; a longer run writes only
    // the entries it found none for.
    const cpu = process.cpuUsage();
    const took = Math.ceil((cpu.user + cpu.system) / 1000);
    const outgrown = took > MAKER_LIMIT_MS ? [] : cached.filter((c) => took > c.madeWith * 1.5 || c.madeWith > MAKER_LIMIT_MS);
    if (!fresh.length && !outgrown.length) return;
    try {
      if (fs.readdirSync(dir).length > MAX_ENTRIES) for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f), { force: true });
      for (const { script, file } of [...fresh, ...outgrown]) {
        // the functions that ran are compiled by now, so the data holds them too
        const tmp = `${file}.${process.pid}.tmp`;
        const header = Buffer.alloc(HEADER);
        MAGIC.copy(header);
        header.writeUInt32LE(took, MAGIC.length);
        fs.writeFileSync(tmp, Buffer.concat([header, script.createCachedData()]), { mode: 0o600 });
        fs.renameSync(tmp, file);
      }
    } catch {
      // a cache that cannot be written is only a slower next run
    }
  });
  return 'svcgen';
}
