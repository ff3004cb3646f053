/**
 * Type-checks a TypeScript app before `svcgen synth` runs it: tsx only strips types, so a misspelled
 * prop (`readines`, `enviroment`) would synthesize without it. Uses the TypeScript the app's project
 * has (else svcgen's own, when installed), the nearest tsconfig.json (else strict defaults), only
 * the app and what it imports as roots, and reports the compiler's messages with file, line and
 * column. Under node_modules/.cache/svcgen, a stamp of the sources of the last clean check (sizes and
 * times of the app's own files, the compiler version and the tsconfig) skips an unchanged app, and an
 * incremental build-info file keeps a changed one quicker.
 */
import fs = require('fs');
import path = require('path');
import { findUp } from '../paths';

type TS = typeof import('typescript');

/** A file's size and modification time, or '-' when it is gone. */
function statStamp(file: string): string {
  try {
    const st = fs.statSync(file);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return '-';
  }
}

/** Where the TypeScript the app's folder resolves is (else ours), and its version; undefined when there is none. */
function findTypeScript(appDir: string): { main: string; version: string } | undefined {
  for (const paths of [[appDir], [__dirname]]) {
    try {
      const main = require.resolve('typescript', { paths });
      const pkg = path.join(main.slice(0, main.lastIndexOf(`${path.sep}typescript${path.sep}`) + 11), 'package.json');
      return { main, version: String(JSON.parse(fs.readFileSync(pkg, 'utf8')).version) };
    } catch {
      // not there: try the next place
    }
  }
  return undefined;
}

export interface TypeCheckResult {
  /** `file:line:col: error TS2353: ...`, one a problem (empty when it type-checks) */
  readonly errors: string[];
  /** the TypeScript version used */
  readonly version: string;
}

/** Type-checks the app file; undefined when no TypeScript can be found (the caller says so). */
export function typeCheck(file: string): TypeCheckResult | undefined {
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  const found = findTypeScript(dir);
  if (!found) return undefined;
  const configFile = findUp(dir, 'tsconfig.json');
  const base = path.dirname(configFile ?? abs);
  const cacheDir = path.join(base, 'node_modules', '.cache', 'svcgen');
  const stem = `typecheck-${path.basename(abs).replace(/[^A-Za-z0-9_.-]/g, '_')}`;
  const buildInfo = path.join(cacheDir, `${stem}.tsbuildinfo`);
  const stampFile = path.join(cacheDir, `${stem}.ok.json`);
  const canCache = fs.existsSync(path.join(base, 'node_modules'));
  // the same sources as the last clean check (and the same compiler and config): nothing to do,
  // and TypeScript is not even loaded
  const stamp = (files: string[]) => JSON.stringify({ version: found.version, config: configFile ? fs.readFileSync(configFile, 'utf8') : '', files: files.map((f) => [f, statStamp(f)]) });
  if (canCache) {
    try {
      const previous = JSON.parse(fs.readFileSync(stampFile, 'utf8')) as { files: [string, string][] };
      if (stamp(previous.files.map(([f]) => f)) === JSON.stringify(previous)) return { errors: [], version: found.version };
    } catch {
      // no stamp yet, or an unreadable one: check
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require(found.main) as TS;
  const defaults: import('typescript').CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
  };
  let options = defaults;
  if (configFile) {
    const read = ts.readConfigFile(configFile, ts.sys.readFile);
    if (!read.error) options = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(configFile)).options;
  }
  const compilerOptions: import('typescript').CompilerOptions = {
    ...options,
    noEmit: true,
    declaration: false,
    ...(canCache ? { incremental: true, tsBuildInfoFile: buildInfo } : { incremental: false, composite: false }),
  };
  const host = ts.createIncrementalCompilerHost(compilerOptions);
  const program = ts.createIncrementalProgram({ rootNames: [abs], options: compilerOptions, host });
  const diagnostics = [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics(), ...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].filter(
    (d) => d.category === ts.DiagnosticCategory.Error,
  );
  if (canCache && diagnostics.length === 0) {
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      program.emit(); // with noEmit, this writes the build-info file only
      const own = program
        .getProgram()
        .getSourceFiles()
        .map((sf) => sf.fileName)
        .filter((f) => !f.includes(`${path.sep}node_modules${path.sep}`) && !f.includes('/node_modules/'));
      fs.writeFileSync(stampFile, stamp(own));
    } catch {
      // a cache that cannot be written only makes the next run slower
    }
  }
  const errors = diagnostics.map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
    if (!d.file || d.start === undefined) return `error TS${d.code}: ${message}`;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.relative(process.cwd(), d.file.fileName) || d.file.fileName}:${line + 1}:${character + 1}: error TS${d.code}: ${message}`;
  });
  return { errors, version: found.version };
}
