import fs = require('fs');
import path = require('path');
import type { App } from 'cdk8s';
import { SvcgenError, isUserError } from '../errors';
import { requireTypeScript } from './ts-loader';

const TS_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.tsx']);

function isApp(x: unknown): x is App {
  return typeof x === 'object' && x !== null && 'charts' in x && typeof (x as App).synthYaml === 'function';
}

/** The cdk8s modules an app file may use: ours, and the one its own folder resolves. */
function cdk8sModules(appDir: string): { App: typeof App }[] {
  const mods = new Set<{ App: typeof App }>();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  mods.add(require('cdk8s'));
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mods.add(require(require.resolve('cdk8s', { paths: [appDir] })));
  } catch {
    // the app does not resolve cdk8s itself: it uses ours
  }
  return [...mods];
}

/**
 * Loads a cdk8s app file (TypeScript through tsx, or JavaScript) and returns its App, without
 * letting it write anything: the file either exports the App (`export default app` or
 * `export const app`) or calls `app.synth()`, which is captured instead of run.
 */
export function loadApp(file: string): App {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new SvcgenError(`${file}: no such file (give the app with --app <file.ts|file.js>)`);
  const isTs = TS_EXTENSIONS.has(path.extname(abs));
  if (isTs) {
    // svcgen and cdk8s are loaded before tsx hooks the loader, so that tsx's resolver sees only
    // the app's own modules (it costs ~0.15 s for the 250 modules of svcgen and cdk8s)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('../index');
  }
  const captured: App[] = [];
  const restore: (() => void)[] = [ownSvcgen()];
  for (const mod of cdk8sModules(path.dirname(abs))) {
    const original = mod.App.prototype.synth;
    mod.App.prototype.synth = function (this: App) {
      captured.push(this);
    };
    restore.push(() => (mod.App.prototype.synth = original));
  }
  let exported: Record<string, unknown>;
  // a construct error deep in the user's helpers must still show the user's line
  const stackLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 100;
  try {
    // svcgen's own loader first (cached transpiles); tsx for what it leaves
    const own = isTs ? requireTypeScript(abs) : undefined;
    if (own) exported = own.exported;
    else {
      captured.length = 0;
      if (isTs) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        (require('tsx/cjs/api') as { register: () => () => void }).register();
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      exported = require(abs);
    }
  } catch (e) {
    // whatever the app's own code throws (a construct error, cdk8s's duplicate id, a TypeError)
    // is the app's problem to fix: say where, without svcgen's internals
    const err = e instanceof Error ? e : new Error(String(e));
    const wrapped = new SvcgenError(`${describeLocation(err, abs) || `${file}: `}${err.message}`);
    if (!isUserError(err)) wrapped.stack = err.stack;
    throw wrapped;
  } finally {
    Error.stackTraceLimit = stackLimit;
    restore.forEach((r) => r());
  }
  const candidates = [exported?.default, exported?.app, ...captured];
  const app = candidates.find(isApp);
  if (!app) {
    throw new SvcgenError(`${file}: the file made no cdk8s App that svcgen can see: export it (\`export default app\`) or call app.synth()`);
  }
  return app;
}

/**
 * While the app loads, `import ... from 'svcgen'` that resolves to this very package (its sources,
 * through a tsconfig `paths` entry such as svcgen's own, or its build) gets the build this command
 * runs: one copy of the constructs, compiled once, instead of the sources run through tsx again.
 * Returns the undo.
 */
function ownSvcgen(): () => void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Module = require('module') as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = Module._resolveFilename;
  const root = path.resolve(__dirname, '..', '..', '..');
  const sources = path.join(root, 'lib') + path.sep;
  const entry = path.join(root, 'build', 'lib', 'index.js');
  Module._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
    const resolved = original.call(this, request, ...rest);
    if ((request === 'svcgen' || request.startsWith('svcgen/')) && resolved.startsWith(sources) && fs.existsSync(entry)) {
      const built = path.join(root, 'build', path.relative(root, resolved)).replace(/\.ts$/, '.js');
      return fs.existsSync(built) ? built : resolved;
    }
    return resolved;
  };
  return () => (Module._resolveFilename = original);
}

/** `main.ts:12: ` from the first stack frame in the user's app file, if there is one. */
function describeLocation(e: unknown, appFile: string): string {
  const where = userFrame((e as Error).stack ?? '', path.dirname(appFile));
  return where ? `${where}: ` : '';
}

/**
 * `main.ts:12`: the first frame of a stack that is the user's (not svcgen's own code, compiled or
 * not, nor a dependency's), within `dir` when given; undefined when there is none.
 */
export function userFrame(stack: string, dir?: string): string | undefined {
  const own = [path.resolve(__dirname, '..'), path.resolve(__dirname, '..', '..', '..', 'lib')];
  for (const line of stack.split('\n')) {
    const m = /\(?((?:\/|[A-Za-z]:\\)[^():]+):(\d+):(\d+)\)?$/.exec(line.trim());
    if (!m) continue;
    const f = m[1];
    if (f.includes(`${path.sep}node_modules${path.sep}`) || own.some((d) => f.startsWith(d + path.sep))) continue;
    if (dir && !f.startsWith(dir)) continue;
    return `${path.relative(process.cwd(), f)}:${m[2]}`;
  }
  return undefined;
}
