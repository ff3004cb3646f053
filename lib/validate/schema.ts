/**
 * The schema layer: every built-in kind of the Kubernetes version judged against (target.ts),
 * strict (unknown fields rejected), through validators that ajv precompiled at build time
 * (scripts/build-validators.js) from the committed definitions of every carried version,
 * lib/validate/schema/k8s-schema.json (provenance: schema/PROVENANCE.json). A run loads only the
 * index of its version and the validators of the kinds it meets; versions share the validators
 * of kinds whose definitions they share.
 */
import fs = require('fs');
import path = require('path');
import { packageRoot, precompiled } from '../paths';
import { FieldError, invalid, notSupported, required, unknownField } from './field';
import { closest } from './suggest';
import { targetVersion } from './target';

interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}
type Validator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Schema = Record<string, any>;

/** `module#export` -> its validator (modules are shared between versions) */
const validators = new Map<string, Validator>();
let stored: { versions: Record<string, Record<string, number>>; bodies: Schema[] } | undefined;
/** version -> (`apps/v1/Deployment` -> [definition name, validator module]) */
const indexes = new Map<string, Map<string, readonly [string, string?, string?]>>();

/** The precompiled validator of one kind (`apps/v1/Deployment`) at the target version, loaded the first time it is needed. */
function validatorOf(key: string): Validator | undefined {
  const entry = definitions().get(key);
  // (a kind the release has but does not serve has no validator: it is refused before)
  if (!entry || entry[1] === undefined) return undefined;
  const id = `${entry[1]}#${entry[2]}`;
  let v = validators.get(id);
  if (!v) validators.set(id, (v = precompiled<Record<string, Validator>>(`k8s/${entry[1]}.js`)[entry[2] as string]));
  return v;
}

function loadStored(): NonNullable<typeof stored> {
  stored ??= JSON.parse(fs.readFileSync(path.join(packageRoot(), 'lib', 'validate', 'schema', 'k8s-schema.json'), 'utf8')) as NonNullable<typeof stored>;
  return stored;
}

/** A definition of the target version's schema. */
function definition(name: string, version = targetVersion()): Schema | undefined {
  const s = loadStored();
  const i = s.versions[version]?.[name];
  return i === undefined ? undefined : s.bodies[i];
}

/** `apps/v1/Deployment` -> its definition name, validator module and export at a version (the index the build wrote beside the validators). */
function definitions(version = targetVersion()): Map<string, readonly [string, string?, string?]> {
  let index = indexes.get(version);
  if (!index) {
    const file = path.join(packageRoot(), 'build', 'schema', 'k8s', `${version}.json`);
    if (!fs.existsSync(file)) precompiled(`k8s/${version}.json`); // says to run the build
    index = new Map(Object.entries(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, [string, string?, string?]>));
    indexes.set(version, index);
  }
  return index;
}

/** Every built-in (apiVersion, kind) the schema of a Kubernetes version knows (default: the target). */
export function builtinKinds(version = targetVersion()): { apiVersion: string; kind: string }[] {
  return [...definitions(version).keys()].map((k) => {
    const i = k.lastIndexOf('/');
    return { apiVersion: k.slice(0, i), kind: k.slice(i + 1) };
  });
}

export function hasSchema(apiVersion: string, kind: string, version = targetVersion()): boolean {
  return definitions(version).has(`${apiVersion}/${kind}`);
}


/** The property names a schema node allows at a field path of a kind (for "did you mean"). */
export function allowedFields(apiVersion: string, kind: string, segments: readonly (string | number)[]): string[] {
  const name = definitions().get(`${apiVersion}/${kind}`)?.[0];
  let node: Schema | undefined = name ? definition(name) : undefined;
  const deref = (n: Schema | undefined): Schema | undefined => {
    let cur = n;
    for (let i = 0; cur && cur.$ref && i < 20; i++) cur = definition(String(cur.$ref).replace(/^.*#\/\$defs\//, ''));
    return cur;
  };
  node = deref(node);
  for (const seg of segments) {
    if (!node) return [];
    if (typeof seg === 'number') node = deref(node.items);
    else node = deref(node.properties?.[seg] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined));
  }
  return node?.properties ? Object.keys(node.properties) : [];
}

/** `/spec/ports/0/port` -> `spec.ports[0].port` (map keys with dots or slashes as `[key]`). */
export function toFieldPath(instancePath: string): { path: string; segments: (string | number)[] } {
  const segments: (string | number)[] = [];
  let p = '';
  for (const raw of instancePath.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(seg)) {
      segments.push(Number(seg));
      p += `[${seg}]`;
    } else {
      segments.push(seg);
      p += /[./]/.test(seg) ? `[${seg}]` : p ? `.${seg}` : seg;
    }
  }
  return { path: p, segments };
}

function valueAt(obj: unknown, segments: readonly (string | number)[]): unknown {
  let v: unknown = obj;
  for (const s of segments) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[s] : undefined;
  return v;
}

const TYPE_WORDS: Record<string, string> = { integer: 'an integer', string: 'a string', number: 'a number', boolean: 'a boolean', object: 'an object', array: 'a list' };

/**
 * Checks an object against its kind's schema; the errors are FieldErrors with API-server paths.
 * `schemaApiVersion` is the version whose schema applies (the replacement of a removed one).
 */
export function schemaErrors(obj: Record<string, unknown>, schemaApiVersion: string, kind: string, strict: boolean): FieldError[] {
  const validate = validatorOf(`${schemaApiVersion}/${kind}`);
  if (!validate) return [];
  const data = obj.apiVersion === schemaApiVersion ? obj : { ...obj, apiVersion: schemaApiVersion };
  if (validate(data)) return [];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  const oneOfPaths = new Set((validate.errors ?? []).filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  for (const e of validate.errors ?? []) {
    // the branches of a oneOf (int-or-string, quantity) are reported once, as the oneOf
    if (e.keyword !== 'oneOf' && oneOfPaths.has(e.instancePath) && /\/oneOf\/\d+\//.test(e.schemaPath)) continue;
    const { path, segments } = toFieldPath(e.instancePath);
    let err: FieldError | undefined;
    switch (e.keyword) {
      case 'required': {
        const missing = String(e.params.missingProperty);
        err = required(path ? `${path}.${missing}` : missing).withRule('schema-required');
        break;
      }
      case 'additionalProperties': {
        if (!strict) continue;
        const field = String(e.params.additionalProperty);
        const full = path ? `${path}.${field}` : field;
        const suggestion = closest(field, allowedFields(schemaApiVersion, kind, segments));
        err = unknownField(full, suggestion).withRule(segments.length === 0 ? 'schema-unknown-top-level-field' : 'schema-unknown-field');
        break;
      }
      case 'type': {
        const want = String(e.params.type).split(',').filter((t) => t !== 'null');
        err = invalid(path, valueAt(data, segments) as never, `must be ${want.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}`).withRule('schema-type');
        break;
      }
      case 'oneOf': {
        err = invalid(path, valueAt(data, segments) as never, 'must be an integer or a string').withRule('schema-type');
        break;
      }
      case 'enum': {
        if (path === 'apiVersion' || path === 'kind') continue; // the API-version layer says it better
        err = notSupported(path, valueAt(data, segments) as never, (e.params.allowedValues as string[]) ?? []).withRule('schema-enum');
        break;
      }
      default:
        err = invalid(path, valueAt(data, segments) as never, e.message ?? e.keyword).withRule(`schema-${e.keyword}`);
    }
    if (err && !seen.has(err.message)) {
      seen.add(err.message);
      errs.push(err);
    }
  }
  return errs;
}
