/**
 * Loading Compose files the way `docker compose` does: YAML with anchors, aliases, merge keys and
 * `!reset`/`!override`; interpolation from the environment and the `.env` file; several files
 * merged in order; `include`; `extends`; `profiles`; then the Compose Specification schema and the
 * checks it cannot express. Every error names file, line and column; positions of every key are
 * kept for the converter's warnings.
 */
import fs = require('fs');
import path = require('path');
import type * as Yaml from 'yaml';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { precompiled } from '../paths';
import type * as Locate from '../yaml/locate';
import { parseFieldPath } from '../yaml/field-path';
import { QuickLocator } from '../yaml/quick-locate';
import { ComposeError } from './errors';
import { isPathSource, volumeParts } from './parse';
import { interpolate, InterpolationError, Lookup, parseDotEnv } from './interpolate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = Record<string, any>;

export interface LoadOptions {
  /** Extra environment (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A .env file to use instead of the one next to the first compose file. */
  readonly envFile?: string;
  readonly profiles?: readonly string[];
  /** The text of the compose file named `-` (standard input; its project folder is the current one). */
  readonly stdin?: string;
  readonly projectName?: string;
  /** Read env_file, secrets, configs, extends and include files outside the project folder. */
  readonly allowOutsideFiles?: boolean;
  /** Largest compose file read, in bytes. @default 10 MiB */
  readonly maxBytes?: number;
}

export interface ComposeProject {
  readonly name: string;
  /** The folder of the first compose file: relative paths start here. */
  readonly dir: string;
  readonly files: readonly string[];
  /** The merged, interpolated model (services filtered by profile). */
  readonly model: Obj;
  /** The variables interpolation used (environment over .env). */
  readonly lookup: Lookup;
  /** Variables used without a default that were not set (they became empty strings), where. */
  readonly unset: readonly { readonly path: string; readonly name: string }[];
  /** Where a key was last set: `services.web.ports[0]` -> file, line and column. */
  position(fieldPath: string): { file: string; line?: number; column?: number };
  /** Reads a file an input points to (env_file, secrets, configs), refusing paths outside the project folder unless allowed. */
  readReferenced(ref: string, fromPath: string): string;
  /**
   * A file the project refers to, or where it would be when it is missing (kept out of git, as
   * secret files and `.env` files usually are): `{ missing }` with its path relative to the
   * current folder. Other reasons it cannot be read (a folder, outside the project) still throw.
   */
  readReferencedIfPresent(ref: string, fromPath: string): { text: string; file: string } | { missing: string };
  /** What a relative bind-mount source is: a text file, a folder of text files, or why it cannot be read. */
  inspectBindSource(ref: string, fromPath: string): BindSource;
}

/** A bind-mount source inside the project, read for a ConfigMap or Secret. */
export type BindSource =
  | { readonly kind: 'file'; readonly content: string; readonly executable: boolean }
  | { readonly kind: 'dir'; readonly files: Readonly<Record<string, string>>; readonly executable: boolean }
  | { readonly kind: 'unreadable'; readonly why: string };

/** The most a bind-mounted file or folder may hold to become a ConfigMap (ConfigMaps hold at most 1 MiB). */
export const MAX_BIND_BYTES = 512 * 1024;

/**
 * Whether a path may be read for a project, and why not: it must exist, be a regular file (a FIFO
 * would block the read for ever, a folder cannot be read as a file) and, unless `inside` is not
 * given, resolve (links followed) to a place inside the project folder.
 */
export function unreadableFile(p: string, inside?: (real: string) => boolean): string | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return isLink(p) ? 'is a link to nothing' : 'does not exist';
  }
  if (st.isDirectory()) return 'is a folder, not a file';
  if (!st.isFile()) return 'is not a regular file (a pipe or a device?)';
  if (inside && !inside(fs.realpathSync(p))) return 'is a link to a place outside the project folder';
  return undefined;
}

/** A script: an exec bit, or a `#!` line (a ConfigMap keeps neither: its mode must say so). */
function isExecutable(p: string, content: string): boolean {
  return (fs.statSync(p).mode & 0o111) !== 0 || content.startsWith('#!');
}

function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function readBindSource(p: string, inside: (real: string) => boolean): BindSource {
  if (!fs.existsSync(p)) return { kind: 'unreadable', why: isLink(p) ? 'is a link to nothing' : 'does not exist' };
  const st = fs.statSync(p);
  const text = (f: string): string | undefined => {
    const buf = fs.readFileSync(f);
    return buf.includes(0) ? undefined : buf.toString('utf8');
  };
  if (!st.isDirectory()) {
    const why = unreadableFile(p, inside);
    if (why) return { kind: 'unreadable', why };
    if (st.size > MAX_BIND_BYTES) return { kind: 'unreadable', why: `is ${st.size} bytes, more than the ${MAX_BIND_BYTES} a ConfigMap should hold` };
    const content = text(p);
    return content === undefined ? { kind: 'unreadable', why: 'is binary' } : { kind: 'file', content, executable: isExecutable(p, content) };
  }
  if (!inside(fs.realpathSync(p))) return { kind: 'unreadable', why: 'is a link to a place outside the project folder' };
  const files: Record<string, string> = Object.create(null);
  let total = 0;
  let executable = false;
  for (const name of fs.readdirSync(p).sort()) {
    const f = path.join(p, name);
    if (fs.existsSync(f) && fs.statSync(f).isDirectory()) return { kind: 'unreadable', why: `has a subfolder (${name}), which a ConfigMap cannot hold` };
    const why = unreadableFile(f, inside);
    if (why) return { kind: 'unreadable', why: `has ${name}, which ${why}` };
    total += fs.statSync(f).size;
    if (total > MAX_BIND_BYTES) return { kind: 'unreadable', why: `holds more than the ${MAX_BIND_BYTES} bytes a ConfigMap should hold` };
    const content = text(f);
    if (content === undefined) return { kind: 'unreadable', why: `has a binary file (${name})` };
    files[name] = content;
    executable ||= isExecutable(f, content);
  }
  return { kind: 'dir', files, executable };
}

const RESET = '\u0000svcgen:reset';
const OVERRIDE_KEY = '\u0000svcgen:override';
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** Where a field path of a file is (line and column), when it is there. */
interface Positions {
  position(path: string): { line: number; column: number } | undefined;
}

interface ParsedFile {
  readonly file: string;
  readonly data: Obj;
  readonly locator: Positions;
}

/* eslint-disable @typescript-eslint/no-require-imports */
// the `yaml` package (72 modules) is loaded only for files the quick path leaves to it
const yamlPackage = () => require('yaml') as typeof Yaml;
const locateModule = () => require('../yaml/locate') as typeof Locate;
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The quick path for the common compose file: no tags, anchors, aliases or `mode: 0...` values.
 * js-yaml reads it with the YAML 1.2 core schema, which is what the `yaml` package is asked for
 * below, and positions come from QuickLocator (the `yaml` package parses it only if a position is
 * asked for that the quick reader cannot give). Undefined: the file takes the full path, which
 * also says what is wrong with a file that does not parse. test/compose/load-quick.test.ts shows
 * both paths give the same data and positions on every compose file of the corpus.
 */
export function parseQuick(text: string): { data: unknown; locator: Positions } | undefined {
  if (/(^|[\s[{,])[!&*]/m.test(text) || /mode["']?\s*:\s*[-+]?0\d/.test(text) || text.includes('\t') || text.includes('<<')) return undefined;
  let data: unknown;
  try {
    data = loadYaml(text, { schema: CORE_SCHEMA });
  } catch {
    return undefined;
  }
  let quick: QuickLocator | null | undefined;
  let full: Positions | undefined;
  const fullPositions = () => (full ??= locateModule().Locator.fromText(text));
  return {
    data: plainToDicts(data),
    locator: {
      position(p: string) {
        if (quick === undefined) quick = QuickLocator.fromText(text) ?? null;
        const at = quick?.position(p);
        return at && at.column !== -1 ? at : fullPositions().position(p);
      },
    },
  };
}

/** js-yaml's objects as the loader's prototype-less maps (a key such as `__proto__` is a name). */
function plainToDicts(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plainToDicts);
  if (typeof v === 'object' && v !== null) {
    const o = dict();
    for (const k of Object.keys(v)) o[k] = plainToDicts((v as Obj)[k]);
    return o;
  }
  return v;
}

function parseFile(file: string, displayName: string, maxBytes: number, stdin?: string): ParsedFile {
  let text: string;
  if (stdin !== undefined) {
    const size = Buffer.byteLength(stdin);
    if (size > maxBytes) throw new ComposeError(displayName, undefined, undefined, `the input is ${size} bytes, more than the ${maxBytes} svcgen reads; is it really a compose file?`);
    text = stdin;
  } else {
    const why = unreadableFile(file);
    if (why === 'does not exist') throw new ComposeError(displayName, undefined, undefined, 'no such file');
    if (why) throw new ComposeError(displayName, undefined, undefined, `cannot be read: it ${why}`);
    const size = fs.statSync(file).size;
    if (size > maxBytes) throw new ComposeError(displayName, undefined, undefined, `the file is ${size} bytes, more than the ${maxBytes} svcgen reads; is it really a compose file?`);
    text = fs.readFileSync(file, 'utf8');
  }
  const quick = parseQuick(text);
  if (quick) return checked(quick.data, displayName, quick.locator);
  return parseFull(text, displayName);
}

function checked(data: unknown, displayName: string, locator: Positions): ParsedFile {
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new ComposeError(displayName, 1, 1, 'a compose file must be a mapping (services:, volumes:, ...)');
  return { file: displayName, data: data as Obj, locator };
}

/** The full path: the `yaml` package, with merge keys, `!reset`/`!override` and errors with places. */
export function parseFull(text: string, displayName: string): ParsedFile {
  const { isPair, isScalar, LineCounter, parseDocument, Scalar, visit, YAMLMap } = yamlPackage();
  const tags = ['!reset', '!override'].flatMap((tag) => [
    { tag, resolve: (s: string) => s },
    { tag, collection: 'map' as const },
    { tag, collection: 'seq' as const },
  ]);
  const lines = new LineCounter();
  const doc = parseDocument(text, { merge: true, uniqueKeys: true, customTags: tags, prettyErrors: true, lineCounter: lines });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    throw new ComposeError(displayName, pos?.line, pos?.col, `invalid YAML: ${err.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '')}`);
  }
  visit(doc, {
    Pair(_k, pair) {
      if (!isPair(pair)) return;
      // Compose reads YAML with Go's yaml.v3, where a plain 0440 is octal (file modes are written
      // so); YAML 1.2 reads it as decimal 440. Only `mode:` keys, where it matters and is certain
      if (isScalar(pair.key) && pair.key.value === 'mode' && isScalar(pair.value) && pair.value.type === 'PLAIN' && typeof pair.value.value === 'number' && /^0[0-7]+$/.test(String(pair.value.source))) {
        pair.value.value = parseInt(String(pair.value.source), 8);
      }
      const v = pair.value as { tag?: string } | null;
      if (v && v.tag === '!reset') pair.value = new Scalar(RESET);
      else if (v && v.tag === '!override') {
        v.tag = undefined; // (the visit goes on into the wrapper)
        const wrapper = new YAMLMap();
        wrapper.set(OVERRIDE_KEY, v);
        pair.value = wrapper;
      }
    },
  });
  let data: unknown;
  try {
    data = toDicts(doc.toJS({ maxAliasCount: 1000, mapAsMap: true }), new Set());
  } catch (e) {
    if (e instanceof ComposeError) throw new ComposeError(displayName, e.line, e.column, e.what);
    throw new ComposeError(displayName, undefined, undefined, `${(e as Error).message} (aliases expand too far: svcgen refuses YAML alias bombs)`);
  }
  return checked(data, displayName, locateModule().Locator.fromDocument(doc, lines));
}

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The prototype of the loader's mappings: empty, frozen, and without a prototype of its own.
 * (V8 keeps an object made with no prototype at all as a hash table, slower to build and read.)
 */
const DICT: object = Object.freeze(Object.create(null));

/**
 * A mapping whose keys are the user's: nothing inherited, so that a service called `__proto__` is
 * a service and `depends_on: [constructor]` names nothing.
 */
export function dict(): Obj {
  return Object.create(DICT) as Obj;
}

/** YAML mappings (read as Maps) as prototype-free objects; an alias that contains itself is refused. */
function toDicts(v: unknown, open: Set<unknown>): unknown {
  if (v instanceof Map || Array.isArray(v)) {
    if (open.has(v)) throw new ComposeError('', undefined, undefined, 'a YAML alias refers to a node that contains it (a cycle): svcgen cannot expand it');
    open.add(v);
    let out: unknown;
    if (Array.isArray(v)) out = v.map((x) => toDicts(x, open));
    else {
      const o = dict();
      for (const [k, x] of v) o[String(k)] = toDicts(x, open);
      out = o;
    }
    open.delete(v);
    return out;
  }
  return v;
}
const isOverride = (x: unknown): x is Obj => isObj(x) && OVERRIDE_KEY in x;

/** Keys whose sequences replace rather than extend on merge. */
const REPLACED = new Set(['command', 'entrypoint', 'test', 'dns', 'dns_search', 'dns_opt']);
/** Lists that are maps in disguise (`KEY=value`), merged by key. */
const KEYED_LISTS = new Set(['environment', 'labels', 'annotations', 'sysctls', 'extra_hosts', 'build_args', 'args']);

/** `["A=1", "B"]` -> `{ A: "1", B: null }`; a map stays a map. */
export function listToMap(v: unknown, sep = '='): Obj {
  if (isObj(v)) return v;
  const out = dict();
  for (const item of (v as unknown[]) ?? []) {
    const s = String(item);
    const i = s.indexOf(sep);
    if (i < 0) out[s] = null;
    else out[s.slice(0, i)] = s.slice(i + 1);
  }
  return out;
}

/** Compose's merge of an override into a base (https://github.com/compose-spec/compose-spec/blob/main/13-merge.md). */
export function mergeCompose(base: unknown, over: unknown, key = ''): unknown {
  // nothing to merge into: the value as written, its tags kept for `extends` (stripped after)
  if (base === undefined) return over;
  if (over === RESET) return undefined;
  if (isOverride(over)) return stripMarkers(over[OVERRIDE_KEY]);
  if (KEYED_LISTS.has(key) && (Array.isArray(base) || isObj(base)) && (Array.isArray(over) || isObj(over))) {
    return mergeCompose(listToMap(base, key === 'extra_hosts' ? ':' : '='), listToMap(over, key === 'extra_hosts' ? ':' : '='));
  }
  if (isObj(base) && isObj(over)) {
    const out = Object.assign(dict(), base);
    for (const [k, v] of Object.entries(over)) {
      const merged = mergeCompose(base[k], v, k);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
    return out;
  }
  if (key === 'volumes' && Array.isArray(base) && Array.isArray(over)) {
    // a service's mounts merge by container path: the later file's mount at a path replaces the earlier one
    const targetOf = (m: unknown) => (typeof m === 'string' ? (volumeParts(m).length > 1 ? volumeParts(m)[1] : m) : isObj(m) ? String(m.target) : JSON.stringify(m));
    const overridden = new Set(over.map(targetOf));
    return [...base.filter((m) => !overridden.has(targetOf(m))), ...over.map(stripMarkers)];
  }
  if (Array.isArray(base) && Array.isArray(over) && !REPLACED.has(key)) {
    const seen = new Set(base.map((x) => JSON.stringify(x)));
    return [...base, ...over.filter((x) => !seen.has(JSON.stringify(x))).map(stripMarkers)];
  }
  return stripMarkers(over);
}

function stripMarkers(v: unknown): unknown {
  if (v === RESET) return undefined;
  if (isOverride(v)) return stripMarkers(v[OVERRIDE_KEY]);
  if (Array.isArray(v)) return v.map(stripMarkers).filter((x) => x !== undefined);
  if (isObj(v)) {
    const out = dict();
    for (const [k, x] of Object.entries(v)) {
      const s = stripMarkers(x);
      if (s !== undefined) out[k] = s;
    }
    return out;
  }
  return v;
}

/** A field path in the notation the locator reads (`services[my.svc].ports[0]`). */
export function fieldPath(...segments: (string | number)[]): string {
  let p = '';
  for (const s of segments) {
    if (typeof s === 'number') p += `[${s}]`;
    else if (/[.[\]]/.test(s) || s === '') p += `[${s}]`;
    else p += p ? `.${s}` : s;
  }
  return p;
}

/** `at`: the path to `v`, a stack the walk pushes to and pops (a field path is made only when one is told). */
function interpolateAll(v: unknown, lookup: Lookup, at: (string | number)[], fail: (path: string, message: string) => never, onUnset?: (path: string, name: string) => void): unknown {
  if (typeof v === 'string') {
    if (!v.includes('$')) return v;
    try {
      return interpolate(v, lookup, 0, onUnset && ((name) => onUnset(fieldPath(...at), name)));
    } catch (e) {
      if (e instanceof InterpolationError) fail(fieldPath(...at), e.message);
      throw e;
    }
  }
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) {
      at.push(i);
      out[i] = interpolateAll(v[i], lookup, at, fail, onUnset);
      at.pop();
    }
    return out;
  }
  if (isObj(v)) {
    const out = dict();
    for (const k of Object.keys(v)) {
      at.push(k);
      out[k] = interpolateAll(v[k], lookup, at, fail, onUnset);
      at.pop();
    }
    return out;
  }
  return v;
}

type SchemaValidator = ((data: unknown) => boolean) & { errors?: { instancePath: string; params: Obj; message?: string }[] | null };
let composeValidator: SchemaValidator | undefined;
/** The Compose Specification schema, precompiled at build time (scripts/build-validators.js). */
function schemaValidator(): SchemaValidator {
  composeValidator ??= precompiled<{ compose: SchemaValidator }>('compose-spec.validator.js').compose;
  return composeValidator;
}

export function loadCompose(files: readonly string[], options: LoadOptions = {}): ComposeProject {
  if (files.length === 0) throw new ComposeError('svcgen convert', undefined, undefined, 'no compose file given');
  const dir = path.dirname(path.resolve(files[0]));
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const env = options.env ?? process.env;

  // the project folder with its links resolved (a project reached through a linked folder, such
  // as macOS's /tmp, is still inside itself)
  const dirReal = fs.existsSync(dir) ? fs.realpathSync(dir) : dir;
  const within = (base: string, p: string) => {
    const rel = path.relative(base, p);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  /** Whether a path, once its links are resolved (when it exists), is inside the project. */
  const inside = (p: string) => (fs.existsSync(p) ? within(dirReal, fs.realpathSync(p)) : within(dir, p));
  const insideReal = (real: string) => within(dirReal, real);
  const display = (p: string) => path.relative(process.cwd(), p) || p;
  const resolveRef = (ref: string, fromFile: string, what: string, at: string): string => {
    const p = path.resolve(path.dirname(path.resolve(fromFile)), ref);
    if (!options.allowOutsideFiles && !inside(p)) {
      const pos = located.get(fromFile)?.locator.position(at);
      throw new ComposeError(fromFile, pos?.line, pos?.column, `${at}: ${what} "${ref}" is outside the project folder ${display(dir)}; svcgen reads only files inside it (use --allow-outside-files to allow it)`);
    }
    return p;
  };

  // the .env file: next to the first compose file, or --env-file
  const envFile = options.envFile ? path.resolve(options.envFile) : path.join(dir, '.env');
  let dotenv = new Map<string, string>();
  if (fs.existsSync(envFile) || isLink(envFile)) {
    const why = unreadableFile(envFile, options.envFile || options.allowOutsideFiles ? undefined : insideReal);
    if (why) throw new ComposeError(display(envFile), undefined, undefined, `cannot be read: it ${why}`);
    const parsed = parseDotEnv(fs.readFileSync(envFile, 'utf8'), (n) => env[n]);
    if (parsed.errors.length) throw new ComposeError(display(envFile), parsed.errors[0].line, 1, parsed.errors[0].message);
    dotenv = parsed.vars;
  } else if (options.envFile) {
    throw new ComposeError(options.envFile, undefined, undefined, 'no such env file');
  }
  const lookup: Lookup = (name) => env[name] ?? dotenv.get(name);

  const located = new Map<string, ParsedFile>();
  const unset: { path: string; name: string }[] = [];
  const load = (file: string): ParsedFile => {
    const name = display(path.resolve(file));
    const cached = located.get(name);
    if (cached) return cached;
    const isStdin = options.stdin !== undefined && path.resolve(file) === path.resolve('-');
    const parsed = parseFile(path.resolve(file), isStdin ? '<stdin>' : name, maxBytes, isStdin ? options.stdin : undefined);
    const data = interpolateAll(
      parsed.data,
      lookup,
      [],
      (p, message) => {
        const pos = parsed.locator.position(p);
        throw new ComposeError(name, pos?.line, pos?.column, `${p}: ${message}`);
      },
      (p, variable) => {
        if (!unset.some((u) => u.path === p && u.name === variable)) unset.push({ path: p, name: variable });
      },
    ) as Obj;
    const result = { ...parsed, data };
    located.set(name, result);
    return result;
  };

  // the files, their includes, merged in order
  const order: ParsedFile[] = [];
  let model: Obj = {};
  const addFile = (file: string, stack: string[]) => {
    const parsed = load(file);
    if (stack.includes(parsed.file)) throw new ComposeError(parsed.file, 1, 1, `include cycle: ${[...stack, parsed.file].join(' -> ')}`);
    const includes = parsed.data.include ?? [];
    const bad = (at: string, what: string): never => {
      const pos = parsed.locator.position(at);
      throw new ComposeError(parsed.file, pos?.line, pos?.column, `${at}: ${what}`);
    };
    if (!Array.isArray(includes)) bad('include', 'must be a list of files (or of {path: ...} entries)');
    for (const [i, inc] of (includes as unknown[]).entries()) {
      const paths = typeof inc === 'string' ? [inc] : isObj(inc) ? [inc.path].flat() : [];
      if (paths.length === 0 || paths.some((p) => typeof p !== 'string' || p === '')) bad(fieldPath('include', i), 'must be a file name, or {path: a file name or a list of them}');
      for (const p of paths as string[]) addFile(resolveRef(p, parsed.file, 'include', fieldPath('include', i)), [...stack, parsed.file]);
    }
    order.push(parsed);
    const { include: _inc, ...rest } = parsed.data;
    void _inc;
    model = mergeCompose(model, rest) as Obj;
  };
  for (const f of files) addFile(f, []);
  // the !override and !reset tags that no later file consumed still apply to `extends`
  const marked: Obj = isObj(model.services) ? model.services : {};
  model = stripMarkers(model) as Obj;

  // the schema, reported at the file that last set the offending key
  const position = (p: string): { file: string; line?: number; column?: number } => {
    for (let i = order.length - 1; i >= 0; i--) {
      // a list index of the merged model is not the same index in each file: find the item
      const own = pathInFile(order[i], model, p);
      const pos = own === undefined ? undefined : order[i].locator.position(own);
      if (pos !== undefined) return { file: order[i].file, ...pos };
    }
    return { file: order[order.length - 1].file, ...order[order.length - 1].locator.position(p) };
  };
  const validate = schemaValidator();
  // (ajv's deep equality wants objects with Object's prototype: it gets a plain copy)
  if (!validate(JSON.parse(JSON.stringify(model)))) {
    const e = (validate.errors ?? [])[0];
    const segs = e.instancePath.split('/').slice(1).map((s: string) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
    const extra = (e.params as Obj).unevaluatedProperty ?? (e.params as Obj).additionalProperty;
    const p = fieldPath(...segs, ...(extra ? [extra] : []));
    const pos = position(p);
    const what = extra ? `${p}: "${extra}" is not a Compose key here` : `${p || 'the file'}: ${e.message}`;
    throw new ComposeError(pos.file, pos.line, pos.column, `${what} (Compose Specification schema)`);
  }

  // extends: a service builds on another one, in this file or another
  const services: Obj = model.services ?? {};
  const resolving = new Set<string>();
  const resolveExtends = (name: string, svc: Obj, fromFile: string): Obj => {
    if (!svc.extends) return stripMarkers(svc) as Obj;
    const ext = typeof svc.extends === 'string' ? { service: svc.extends } : svc.extends;
    const key = `${fromFile}#${name}`;
    if (resolving.has(key)) throw new ComposeError(fromFile, position(fieldPath('services', name, 'extends')).line, undefined, `services.${name}.extends: a cycle`);
    resolving.add(key);
    let base: Obj | undefined;
    let baseFile = fromFile;
    if (ext.file) {
      baseFile = display(resolveRef(ext.file, fromFile, 'extends.file', fieldPath('services', name, 'extends', 'file')));
      base = load(baseFile).data.services?.[ext.service];
    } else {
      base = services[ext.service];
    }
    if (!base) {
      const pos = position(fieldPath('services', name, 'extends'));
      throw new ComposeError(pos.file, pos.line, pos.column, `services.${name}.extends: service "${ext.service}" is not defined${ext.file ? ` in ${ext.file}` : ''}`);
    }
    const resolvedBase = resolveExtends(ext.service, base, baseFile);
    const { extends: _e, ...own } = svc;
    void _e;
    resolving.delete(key);
    return stripMarkers(mergeCompose(resolvedBase, own)) as Obj;
  };
  for (const [name, svc] of Object.entries(services)) {
    const own = isObj(marked[name]) ? (marked[name] as Obj) : (svc as Obj);
    // (a service without extends is already what resolving would make: its definition, stripped)
    if (!own.extends) continue;
    services[name] = resolveExtends(name, own, position(fieldPath('services', name)).file);
  }

  // profiles: a service with profiles runs only when one of them is active
  const active = new Set([...(options.profiles ?? []), ...String(env.COMPOSE_PROFILES ?? '').split(',').filter(Boolean)]);
  const disabled = new Set<string>();
  for (const [name, svc] of Object.entries(services)) {
    const profiles: string[] = (svc as Obj).profiles ?? [];
    if (profiles.length && !profiles.some((p) => active.has(p) || p === '*') && !active.has('*')) {
      profiles.forEach((p) => disabled.add(p));
      delete services[name];
    }
  }
  // nothing to convert is a mistake to say, not an empty success
  if (Object.keys(services).length === 0) {
    const pos = position('services');
    throw new ComposeError(
      pos.file,
      pos.line,
      pos.column,
      disabled.size
        ? `no service to convert: every service is in a profile that is not enabled (${[...disabled].sort().join(', ')}): pass --profile NAME (or --profile '*' for all of them)`
        : 'no services: there is nothing to convert',
    );
  }

  // what the schema cannot say: references to undefined things
  for (const [name, svc] of Object.entries(services) as [string, Obj][]) {
    const deps = Array.isArray(svc.depends_on) ? svc.depends_on : Object.keys(svc.depends_on ?? {});
    for (const d of deps) {
      if (!services[d]) {
        const pos = position(fieldPath('services', name, 'depends_on'));
        throw new ComposeError(pos.file, pos.line, pos.column, `services.${name}.depends_on: service "${d}" is not defined (define it, or remove it from depends_on)`);
      }
    }
    for (const [kind, top] of [['secrets', 'secrets'], ['configs', 'configs']] as const) {
      for (const [i, ref] of ((svc[kind] as unknown[]) ?? []).entries()) {
        const source = typeof ref === 'string' ? ref : (ref as Obj).source;
        if (!has(model[top], source)) {
          const pos = position(fieldPath('services', name, kind, i));
          throw new ComposeError(pos.file, pos.line, pos.column, `services.${name}.${kind}: ${kind.slice(0, -1)} "${source}" is not defined at the top level (add it under ${top}:)`);
        }
      }
    }
    const nets = Array.isArray(svc.networks) ? svc.networks : Object.keys(svc.networks ?? {});
    for (const n of nets) {
      if (n !== 'default' && !has(model.networks, n)) {
        const pos = position(fieldPath('services', name, 'networks'));
        throw new ComposeError(pos.file, pos.line, pos.column, `services.${name}.networks: network "${n}" is not defined at the top level (add it under networks:)`);
      }
    }
    for (const [i, v] of ((svc.volumes as unknown[]) ?? []).entries()) {
      const source = typeof v === 'string' ? volumeParts(v)[0] : (v as Obj).source;
      const type = typeof v === 'string' ? (isPathSource(source) ? 'bind' : 'volume') : (v as Obj).type;
      if (type === 'volume' && source && (typeof v === 'string' ? v.includes(':') : true) && !has(model.volumes, source)) {
        const pos = position(fieldPath('services', name, 'volumes', i));
        throw new ComposeError(pos.file, pos.line, pos.column, `services.${name}.volumes: volume "${source}" is not defined at the top level (add it under volumes:)`);
      }
    }
  }

  const given = options.projectName ?? model.name ?? env.COMPOSE_PROJECT_NAME;
  // as Compose: a name from the folder is normalised (lower case, other characters dropped); a
  // given one must already be valid
  const projectName = given ?? path.basename(dir).toLowerCase().replace(/[^-_a-z0-9]+/g, '').replace(/^[-_]+/, '');
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(String(projectName))) {
    throw new ComposeError(options.projectName !== undefined ? '--project-name' : 'the project name', undefined, undefined, `"${projectName}" is not a valid project name: it must be lower-case letters, digits, dashes or underscores, starting with a letter or digit`);
  }
  return {
    name: String(projectName),
    dir,
    files: order.map((f) => f.file),
    model,
    lookup,
    unset,
    position,
    readReferencedIfPresent(ref: string, at: string) {
      const pos = position(at);
      const p = resolveRef(ref, pos.file, 'file', at);
      if (unreadableFile(p) === 'does not exist') return { missing: path.relative(process.cwd(), p) || p };
      return { text: this.readReferenced(ref, at), file: path.relative(process.cwd(), p) || p };
    },
    readReferenced(ref: string, at: string) {
      const pos = position(at);
      const p = resolveRef(ref, pos.file, 'file', at);
      const why = unreadableFile(p, options.allowOutsideFiles ? undefined : insideReal);
      if (why === 'does not exist') throw new ComposeError(pos.file, pos.line, pos.column, `${at}: file "${ref}" does not exist`);
      if (why) throw new ComposeError(pos.file, pos.line, pos.column, `${at}: "${ref}" cannot be read: it ${why}`);
      return fs.readFileSync(p, 'utf8');
    },
    inspectBindSource(ref: string, at: string) {
      const p = path.resolve(path.dirname(path.resolve(position(at).file)), ref);
      if (!options.allowOutsideFiles && !inside(p)) {
        return { kind: 'unreadable', why: `is outside the project folder (use --allow-outside-files to read it)` };
      }
      return readBindSource(p, options.allowOutsideFiles ? () => true : insideReal);
    },
  };
}

/** Whether a top-level section defines a name (`db_data:` with no value defines it too). */
function has(section: unknown, name: string): boolean {
  return isObj(section) && Object.prototype.hasOwnProperty.call(section, name);
}

/**
 * A field path of the merged model as it is in one file, or undefined when the file does not set
 * it: keys are the same; a list index becomes the index of the same item in the file's list (a
 * merge appends and replaces, so indexes shift between files).
 */
function pathInFile(f: ParsedFile, merged: Obj, p: string): string | undefined {
  let node: unknown = f.data;
  let m: unknown = merged;
  const out: (string | number)[] = [];
  for (const s of parseFieldPath(p)) {
    if (typeof s === 'number' && Array.isArray(node)) {
      const item = Array.isArray(m) ? JSON.stringify(m[s]) : undefined;
      const j = item === undefined ? s : node.findIndex((x) => JSON.stringify(x) === item);
      if (j < 0 || j >= node.length) return undefined;
      out.push(j);
      node = node[j];
      m = Array.isArray(m) ? m[s] : undefined;
    } else if (node && typeof node === 'object' && !Array.isArray(node) && Object.prototype.hasOwnProperty.call(node, String(s))) {
      out.push(s);
      node = (node as Obj)[String(s)];
      m = m && typeof m === 'object' ? (m as Obj)[String(s)] : undefined;
    } else return undefined;
  }
  return fieldPath(...out);
}
