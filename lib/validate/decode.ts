/**
 * The decoding step: leaves a wire object as the API server has it when it validates a create.
 *
 * The API server decodes JSON into the k8s.io/api Go types, runs the create strategy, defaults,
 * then validates. What that does to an object, and so what validation never sees:
 * - `null` is always unset;
 * - the zero value of a non-pointer scalar field (`""`, `0`, `false`) cannot be told from an
 *   absent one, so it is unset too (`imagePullPolicy: ""` is then defaulted, never "Unsupported");
 *   a pointer field keeps its zero (`replicas: 0` is a real value);
 * - a `null` item of a list or map becomes the item type's zero value (`containers: [null]` is one
 *   container with nothing set);
 * - cluster-scoped objects lose `metadata.namespace`;
 * - the create strategies reset `status` (every kind but Node).
 *
 * Which fields are pointers, which kinds are cluster-scoped: lib/validate/schema/k8s-types.json,
 * generated from the k8s.io/api Go types of each carried version (scripts/gen-k8s-types.js), never
 * edited by hand; `npm run build` flattens it into build/schema/k8s-types/ (see load). The target
 * version's table applies (target.ts).
 */
import fs = require('fs');
import path = require('path');
import { SvcgenError } from '../errors';
import { packageRoot } from '../paths';
import { FieldError, invalid } from './field';
import { Obj } from './rules/_common';
import { targetVersion } from './target';

/** build/schema/k8s-types/<version>.json: a version's kinds, and each type's fields as JSON text. */
interface FlatTypes {
  readonly kinds: Record<string, { readonly type: string; readonly namespaced: boolean }>;
  readonly types: Record<string, string>;
}

interface Types {
  readonly kinds: FlatTypes['kinds'];
  /** a type's fields and their shapes (undefined for a type the table does not have) */
  fields(type: string): Record<string, string> | undefined;
}

const own = Object.prototype.hasOwnProperty;

const tables = new Map<string, Types>();
const scopeByKind = new Map<string, Map<string, boolean>>();

function readBuilt<T>(file: string): T {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    throw new SvcgenError(`${file} is missing: run \`npm run build\` (npm ci does it)`);
  }
}

/**
 * A version's table, as `npm run build` flattens it (scripts/build-validators.js): a type's
 * fields are parsed when first met, since a run meets a few dozen of the ~800 types.
 */
function load(version = targetVersion()): Types {
  const known = tables.get(version);
  if (known) return known;
  const dir = path.join(packageRoot(), 'build', 'schema', 'k8s-types');
  const flat = readBuilt<FlatTypes>(path.join(dir, `${version}.json`));
  const parsed = new Map<string, Record<string, string>>();
  const t: Types = {
    kinds: flat.kinds,
    fields(type) {
      if (!own.call(flat.types, type)) return undefined;
      let fields = parsed.get(type);
      if (!fields) parsed.set(type, (fields = JSON.parse(flat.types[type]) as Record<string, string>));
      return fields;
    },
  };
  tables.set(version, t);
  return t;
}

/**
 * The Go shape of the field at a path of a built-in kind (`spec.versions[0].served` -> "bool"),
 * at the target version; undefined where the table does not say.
 */
export function goShapeAt(apiVersion: string, kind: string, fieldPath: string): string | undefined {
  const t = load();
  const info = t.kinds[`${apiVersion}/${kind}`];
  if (!info) return undefined;
  let shape: string | undefined = `T:${info.type}`;
  for (const m of fieldPath.matchAll(/\[([^\]]*)\]|([^.[\]]+)/g)) {
    if (!shape) return undefined;
    shape = shape.replace(/^\*/, '');
    if (m[1] !== undefined && shape.startsWith('[]')) shape = shape.slice(2);
    else if (m[1] !== undefined && shape.startsWith('map[]')) shape = shape.slice(5);
    else if (m[2] !== undefined && shape.startsWith('T:')) {
      const fields = t.fields(shape.slice(2));
      shape = fields && own.call(fields, m[2]) ? fields[m[2]] : undefined;
    } else return undefined;
  }
  return shape;
}

/** Whether a built-in `apiVersion/kind` is namespaced; undefined for kinds the API does not have. */
export function isNamespaced(apiVersion: string, kind: string): boolean | undefined {
  return load().kinds[`${apiVersion}/${kind}`]?.namespaced;
}

/** Whether a built-in kind (in any version) is cluster-scoped. */
export function isClusterScopedKind(kind: string): boolean {
  const version = targetVersion();
  let scopes = scopeByKind.get(version);
  if (!scopes) {
    scopes = new Map();
    for (const [gvk, info] of Object.entries(load(version).kinds)) scopes.set(gvk.slice(gvk.lastIndexOf('/') + 1), !info.namespaced);
    scopeByKind.set(version, scopes);
  }
  return scopes.get(kind) ?? false;
}

const SCALAR_ZERO: Record<string, unknown> = { string: '', int: 0, number: 0, bool: false };

function isZero(shape: string, v: unknown): boolean {
  return shape in SCALAR_ZERO && v === SCALAR_ZERO[shape];
}

/** The Go zero value a `null` item of this shape decodes to (undefined: it stays null). */
function zeroOf(shape: string): unknown {
  if (shape in SCALAR_ZERO) return SCALAR_ZERO[shape];
  if (shape.startsWith('T:')) return {};
  return undefined;
}

function isPlainObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Where Go's base64 decoding of a []byte field stops (-1: it decodes). Line breaks are skipped, as Go does. */
function base64Error(s: string): number {
  const text = s.replace(/[\r\n]/g, '');
  const bad = /[^A-Za-z0-9+/=]|=(?=[^=])/.exec(text);
  if (bad) return bad.index;
  if (text.length % 4 !== 0 || /={3,}$/.test(text)) return text.length - (text.length % 4 || 4);
  return -1;
}

interface Walk {
  readonly t: Types;
  readonly errors: FieldError[];
}

const child = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${key}]`;

/** resource.ParseQuantity's grammar: a signed decimal number and one suffix (binary, decimal or an exponent). */
const QUANTITY = /^[+-]?(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;
const QUANTITY_MESSAGE = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

function walk(value: unknown, shape: string, w: Walk, path: string): void {
  if (shape.startsWith('*')) return walk(value, shape.slice(1), w, path);
  if (shape === 'quantity') {
    if (typeof value === 'string' && !QUANTITY.test(value.trim())) w.errors.push(invalid(path, value, QUANTITY_MESSAGE).withRule('decode-quantity'));
  } else if (shape === 'bytes') {
    if (typeof value === 'string') {
      const at = base64Error(value);
      // the value is never shown: []byte fields hold Secrets' data
      if (at >= 0) w.errors.push(invalid(path, '(not shown)', `illegal base64 data at input byte ${at}: the API server decodes this field as base64 (use stringData for plain text)`).withRule('decode-base64'));
    }
  } else if (shape.startsWith('T:')) {
    const fields = w.t.fields(shape.slice(2));
    if (fields && isPlainObject(value)) walkStruct(value, fields, w, path);
  } else if (shape.startsWith('[]')) {
    const item = shape.slice(2);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (value[i] === null) {
          const z = zeroOf(item);
          if (z !== undefined) value[i] = z;
        } else walk(value[i], item, w, child(path, i));
      }
    }
  } else if (shape.startsWith('map[]')) {
    const item = shape.slice(5);
    if (isPlainObject(value)) {
      for (const k of Object.keys(value)) {
        if (value[k] === null) {
          const z = zeroOf(item);
          if (z !== undefined) value[k] = z;
        } else walk(value[k], item, w, `${path}[${k}]`);
      }
    }
  }
}

function walkStruct(obj: Obj, fields: Record<string, string>, w: Walk, path: string): void {
  for (const k of Object.keys(obj)) {
    // (a field named `constructor` or `__proto__` is an unknown field, never Object's own)
    const shape = own.call(fields, k) ? fields[k] : undefined;
    if (shape === undefined) continue; // an unknown field: the schema layer reports it
    const v = obj[k];
    if (v === null || isZero(shape, v)) delete obj[k];
    else if (typeof v === 'object' || shape.endsWith('bytes') || shape.endsWith('quantity')) walk(v, shape, w, child(path, k));
  }
}

/**
 * Decodes a built-in object in place, as the API server would before validating a create, and
 * returns what Go's decoding itself refuses (base64 of []byte fields; the API server answers
 * those with 400 Bad Request). Objects of kinds the API does not have are left as they are.
 */
export function decodeObject(obj: Obj, apiVersion: string, kind: string): FieldError[] {
  const t = load();
  const info = t.kinds[`${apiVersion}/${kind}`];
  if (!info) return [];
  const w: Walk = { t, errors: [] };
  const fields = t.fields(info.type);
  if (fields) walkStruct(obj, fields, w, '');
  if (kind !== 'Node') delete obj.status;
  if (!info.namespaced && isPlainObject(obj.metadata)) delete obj.metadata.namespace;
  return w.errors;
}
