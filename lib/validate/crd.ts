/**
 * Custom resources, checked against the CustomResourceDefinitions of the same input, as the API
 * server checks them: the version must be served; `status` is reset on create when the version
 * has the status subresource; a cluster-scoped resource loses its namespace; the structural
 * schema (`openAPIV3Schema`) decides, with fields it does not declare rejected (strict field
 * validation, kubectl's default) unless `x-kubernetes-preserve-unknown-fields` keeps them.
 *
 * Not evaluated (stated in the README): CEL rules (`x-kubernetes-validations`), `format`s,
 * list-type uniqueness (`x-kubernetes-list-type: set|map`), and defaults.
 */
import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { FieldError, invalid, note, notSupported, required, unknownField } from './field';
import { Obj } from './rules/_common';
import { toFieldPath } from './schema';

export interface CrdVersion {
  readonly validate?: ValidateFunction;
  /** why the schema could not be compiled (the CR is then checked for the version only) */
  readonly compileError?: string;
  readonly statusSubresource: boolean;
}

export interface Crd {
  readonly group: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly versions: ReadonlyMap<string, CrdVersion>;
}

type Schema = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A structural schema as a JSON Schema ajv understands: `nullable`, `x-kubernetes-int-or-string`,
 * preserve-unknown-fields and embedded resources made explicit; objects closed to undeclared
 * fields; the root's metadata left to the ObjectMeta rules.
 */
export function toJsonSchema(s: unknown, atRoot = false, inCombinator = false): Schema {
  if (!isObj(s)) return {};
  const out: Schema = {};
  for (const [k, v] of Object.entries(s)) {
    switch (k) {
      case 'properties':
        if (isObj(v)) {
          out.properties = Object.fromEntries(
            Object.entries(v).map(([name, sub]) => [name, atRoot && name === 'metadata' ? { type: 'object' } : toJsonSchema(sub, false, inCombinator)]),
          );
        }
        break;
      case 'items':
        out.items = toJsonSchema(v, false, inCombinator);
        break;
      case 'additionalProperties':
        out.additionalProperties = typeof v === 'boolean' ? v : toJsonSchema(v, false, inCombinator);
        break;
      case 'allOf':
      case 'anyOf':
      case 'oneOf':
        if (Array.isArray(v)) out[k] = v.map((x) => toJsonSchema(x, false, true));
        break;
      case 'not':
        out.not = toJsonSchema(v, false, true);
        break;
      case 'pattern':
        // Go's RE2 syntax: a pattern JavaScript cannot compile as it is (inline flags such as
        // `(?i)`) is not evaluated rather than misjudged
        if (typeof v === 'string' && compiles(v)) out.pattern = v;
        break;
      case 'type':
      case 'enum':
      case 'required':
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
      case 'minLength':
      case 'maxLength':
      case 'minItems':
      case 'maxItems':
      case 'minProperties':
      case 'maxProperties':
      case 'multipleOf':
      case 'uniqueItems':
        out[k] = v;
        break;
      default:
        // description, format, default, example, x-kubernetes-* and other annotations
        break;
    }
  }
  // OpenAPI v3.0: exclusiveMinimum/Maximum are booleans beside minimum/maximum
  for (const [excl, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof out[excl] !== 'boolean') continue;
    if (out[excl] === true && typeof out[bound] === 'number') {
      out[excl] = out[bound];
      delete out[bound];
    } else delete out[excl];
  }
  if (s['x-kubernetes-int-or-string'] === true) {
    delete out.type;
    out.anyOf = [...((out.anyOf as Schema[]) ?? []), { type: 'integer' }, { type: 'string' }];
  }
  if (s['x-kubernetes-embedded-resource'] === true) {
    out.properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...((out.properties as Schema) ?? {}) };
  }
  if (atRoot) out.properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...((out.properties as Schema) ?? {}) };
  // what a structural schema does not declare is pruned, and strict field validation rejects it
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  if (!inCombinator && !preserve && out.additionalProperties === undefined && (out.type === 'object' || out.properties)) out.additionalProperties = false;
  if (s.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

let AjvClass: typeof Ajv | undefined;

/**
 * A compiler for the schemas of one CRD. ajv keeps whatever an instance compiled (the schemas and
 * the values of their generated code) as long as the instance lives, so one instance per CRD: a
 * process that validates again and again (a library user, a watch) does not keep them all.
 */
function compilerForOneCrd(): (schema: unknown) => { validate?: ValidateFunction; compileError?: string } {
  let ajv: Ajv | undefined;
  return (schema) => {
    // loaded only when the input has a CRD (ajv's compiler costs ~40 ms to load)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    AjvClass ??= (require('ajv') as { default: typeof Ajv }).default;
    ajv ??= new AjvClass({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: true });
    try {
      return { validate: ajv.compile(toJsonSchema(schema, true)) };
    } catch (e) {
      return { compileError: (e as Error).message };
    }
  };
}

/** The custom resource kinds that a CRD object defines (`group/version/kind` keys). */
export function crdFrom(obj: Obj): Crd | undefined {
  const spec = obj.spec;
  if (!isObj(spec) || typeof spec.group !== 'string' || !isObj(spec.names) || typeof spec.names.kind !== 'string') return undefined;
  const versions = new Map<string, CrdVersion>();
  const compile = compilerForOneCrd();
  for (const v of Array.isArray(spec.versions) ? spec.versions : []) {
    if (!isObj(v) || typeof v.name !== 'string' || v.served === false) continue;
    const schema = isObj(v.schema) ? v.schema.openAPIV3Schema : undefined;
    versions.set(v.name, { ...(schema ? compile(schema) : {}), statusSubresource: isObj(v.subresources) && isObj(v.subresources.status) });
  }
  return { group: spec.group, kind: spec.names.kind, namespaced: spec.scope !== 'Cluster', versions };
}

function describeType(t: unknown): string {
  return String(t)
    .split(',')
    .filter((x) => x !== 'null')
    .join(' or ');
}

function fromAjv(e: ErrorObject, data: unknown, strict: boolean): FieldError | undefined {
  const { path, segments } = toFieldPath(e.instancePath);
  let value: unknown = data;
  for (const s of segments) value = isObj(value) || Array.isArray(value) ? (value as Obj)[s as never] : undefined;
  const at = (child: string) => (path ? `${path}.${child}` : child);
  switch (e.keyword) {
    case 'required':
      return required(at(String(e.params.missingProperty))).withRule('crd-schema-required');
    case 'additionalProperties':
      return strict ? unknownField(at(String(e.params.additionalProperty))).withRule('crd-schema-unknown-field') : undefined;
    case 'type':
      return invalid(path, value as never, `${path} in body must be of type ${describeType(e.params.type)}`).withRule('crd-schema-type');
    case 'enum':
      return notSupported(path, value as never, (e.params.allowedValues as string[]) ?? []).withRule('crd-schema-enum');
    case 'anyOf':
    case 'oneOf':
    case 'allOf':
    case 'not':
      return invalid(path, value as never, `${path} in body must match the schema (${e.keyword})`).withRule('crd-schema-combinator');
    default:
      return invalid(path, value as never, `${path} in body ${e.message ?? e.keyword}`).withRule(`crd-schema-${e.keyword}`);
  }
}

/**
 * Checks a custom resource against its CRD (the caller found it by group and kind). Decodes as the
 * API server does first (status reset, cluster scope).
 */
export function validateCustomResource(obj: Obj, crd: Crd, version: string, strict: boolean): FieldError[] {
  const v = crd.versions.get(version);
  if (!v) {
    const served = [...crd.versions.keys()];
    return [invalid('apiVersion', `${crd.group}/${version}`, `no matches for kind "${crd.kind}" in version "${crd.group}/${version}": the CustomResourceDefinition serves ${served.length ? served.map((x) => `${crd.group}/${x}`).join(', ') : 'no version'}`).withRule('crd-version')];
  }
  if (v.statusSubresource) delete obj.status;
  if (!crd.namespaced && isObj(obj.metadata)) delete obj.metadata.namespace;
  if (!v.validate) {
    return v.compileError ? [note('', `the CustomResourceDefinition's schema for ${crd.group}/${version} could not be used (${v.compileError}): only the metadata was checked`).withRule('crd-schema-unusable').asWarning()] : [];
  }
  if (v.validate(obj)) return [];
  const out: FieldError[] = [];
  const seen = new Set<string>();
  const combinatorPaths = new Set((v.validate.errors ?? []).filter((e) => ['anyOf', 'oneOf'].includes(e.keyword)).map((e) => e.instancePath));
  for (const e of v.validate.errors ?? []) {
    // an int-or-string's branches are reported once, as the combinator
    if (!['anyOf', 'oneOf'].includes(e.keyword) && combinatorPaths.has(e.instancePath) && /\/(anyOf|oneOf)\/\d+\//.test(e.schemaPath)) continue;
    const err = fromAjv(e, obj, strict);
    if (err && !seen.has(err.message)) {
      seen.add(err.message);
      out.push(err);
    }
  }
  return out;
}
