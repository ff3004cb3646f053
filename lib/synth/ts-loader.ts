/**
 * Runs a cdk8s app's TypeScript without tsx where it can, because tsx's loader costs about 0.1 s of
 * every `svcgen synth`. Each .ts file is transpiled by esbuild (the one tsx itself uses) once and
 * kept beside the compile cache (`<cache>/ts`, keyed by the file's path and source and esbuild's
 * version and options); later runs load that JavaScript, with its source map, so errors keep the
 * lines of the .ts file. What it cannot run so is left to tsx, which is then used as before: an
 * app in an ES module package, a tsconfig with `extends` or `paths` (other than svcgen's own), a
 * module it cannot resolve, or a file esbuild cannot turn into CommonJS (a top-level await).
 */
import fs = require('fs');
import path = require('path');
import { cacheDir, fnv, fnv2, ownFolder } from '../compile-cache';
import { findUp } from '../paths';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Module = require('module') as { _extensions: Record<string, (m: { _compile(code: string, file: string): void }, file: string) => void>; _cache: Record<string, unknown> };

/** The compiler options esbuild honours when it transpiles, from the app's tsconfig.json. */
const HONOURED = ['experimentalDecorators', 'emitDecoratorMetadata', 'useDefineForClassFields', 'verbatimModuleSyntax', 'preserveValueImports', 'importsNotUsedAsValues', 'jsx', 'jsxFactory', 'jsxFragmentFactory', 'jsxImportSource', 'alwaysStrict', 'target'];

class NotHere extends Error {}

/**
 * The app's compiler options for esbuild, or NotHere when only tsx can honour its tsconfig: the
 * one nearest the app, and the one tsx reads (nearest the working folder).
 */
function compilerOptions(dir: string): Record<string, unknown> {
  const fromCwd = findUp(process.cwd(), 'tsconfig.json');
  const file = findUp(dir, 'tsconfig.json');
  if (fromCwd && fromCwd !== file) optionsOf(fromCwd);
  return file ? optionsOf(file) : {};
}

function optionsOf(file: string): Record<string, unknown> {
  let config: { extends?: unknown; compilerOptions?: Record<string, unknown> };
  try {
    // tsconfig allows comments and trailing commas
    const text = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|("(?:[^"\\]|\\.)*")|\/\/[^\n]*/g, (_m, str) => str ?? '').replace(/,(\s*[}\]])/g, '$1');
    config = JSON.parse(text);
  } catch {
    throw new NotHere('tsconfig.json is not plain JSON');
  }
  if (config.extends !== undefined) throw new NotHere('tsconfig.json extends another');
  const options = config.compilerOptions ?? {};
  const paths = Object.keys((options.paths as object | undefined) ?? {});
  if (paths.some((p) => p !== 'svcgen' && p !== 'svcgen/*')) throw new NotHere('tsconfig.json has paths');
  return Object.fromEntries(HONOURED.filter((k) => options[k] !== undefined).map((k) => [k, options[k]]));
}

/**
 * Requires the app file with svcgen's own loader. Returns undefined (after undoing what it did)
 * when tsx must run it instead; throws what the app throws.
 */
export function requireTypeScript(abs: string): { exported: Record<string, unknown> } | undefined {
  if (path.extname(abs) !== '.ts') return undefined;
  const dir = path.dirname(abs);
  let options: Record<string, unknown>;
  try {
    const pkg = findUp(dir, 'package.json');
    if (pkg && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { type?: string }).type === 'module') return undefined;
    options = compilerOptions(dir);
  } catch {
    return undefined;
  }
  let esbuild: typeof import('esbuild') | undefined;
  const esbuildVersion = (() => {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return (require('esbuild/package.json') as { version: string }).version;
    } catch {
      return undefined;
    }
  })();
  if (!esbuildVersion) return undefined;
  const base = cacheDir();
  const store = base && ownFolder(path.join(base, 'ts')) ? path.join(base, 'ts') : undefined;
  const transformOptions = { loader: 'ts' as const, format: 'cjs' as const, target: 'node20', sourcemap: 'inline' as const, tsconfigRaw: { compilerOptions: options } };
  const optionsKey = JSON.stringify(transformOptions);

  const loaded: string[] = [];
  const previous = Module._extensions['.ts'];
  Module._extensions['.ts'] = (module, filename) => {
    if (filename.includes(`${path.sep}node_modules${path.sep}`)) throw new NotHere('TypeScript in node_modules');
    const source = fs.readFileSync(filename, 'utf8');
    const key = `${fnv(filename)}${fnv2(source)}${fnv(`${esbuildVersion}${optionsKey}`)}`;
    const cached = store ? path.join(store, `${key}.js`) : undefined;
    let code: string | undefined;
    try {
      code = cached ? fs.readFileSync(cached, 'utf8') : undefined;
    } catch {
      code = undefined;
    }
    if (code === undefined) {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        esbuild ??= require('esbuild') as typeof import('esbuild');
        code = esbuild.transformSync(source, { ...transformOptions, sourcefile: filename }).code;
      } catch (e) {
        throw new NotHere(`esbuild: ${(e as Error).message}`);
      }
      if (cached) {
        try {
          const tmp = `${cached}.${process.pid}.tmp`;
          fs.writeFileSync(tmp, code, { mode: 0o600 });
          fs.renameSync(tmp, cached);
        } catch {
          // not kept: transpiled again next time
        }
      }
    }
    loaded.push(filename);
    module._compile(code, filename);
  };
  // the stack traces of errors in the app show the lines of its .ts files
  process.setSourceMapsEnabled(true);
  const undo = () => {
    if (previous) Module._extensions['.ts'] = previous;
    else delete Module._extensions['.ts'];
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(abs) as Record<string, unknown>;
    undo();
    return { exported };
  } catch (e) {
    undo();
    if (e instanceof NotHere || (e as { code?: string })?.code === 'MODULE_NOT_FOUND') {
      // tsx runs it from the start
      for (const f of loaded) delete Module._cache[f];
      delete Module._cache[abs];
      return undefined;
    }
    throw e;
  }
}
