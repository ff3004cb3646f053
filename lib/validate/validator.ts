/**
 * `svcgen validate`: reads manifests, and checks each object in layers: YAML syntax, apiVersion
 * and kind, the 1.28 schema (strict), the API server's rules, then the checks across objects.
 * Lines are found only for documents that have problems (a second, position-keeping parse).
 */
import { Locator } from '../yaml/locate';
import { readDocuments, ReadLimits, SourceDoc } from '../yaml/read';
import { DEPRECATED, isAlpha, isBuiltinGroup, REMOVED, suggestKind, versionsOf } from './apiversions';
import { crossObjectProblems, CrossInput } from './cross';
import { ErrorType, FieldError, invalid, note, required, unknownField } from './field';
import { Obj } from './rules/_common';
import { validateObject } from './rules';
import { CLUSTER_SCOPED } from './rules/meta';
import { allowedFields, hasSchema, schemaErrors } from './schema';
import { closest } from './suggest';

export type Severity = 'error' | 'warning';

export interface Problem {
  readonly severity: Severity;
  readonly rule: string;
  /** The field path in the API server's notation (`spec.ports[1].name`); empty for the whole document. */
  readonly path: string;
  readonly message: string;
  readonly line?: number;
}

export interface ResourceResult {
  readonly file: string;
  readonly line: number;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  status: 'valid' | 'invalid' | 'skipped';
  readonly problems: Problem[];
}

export interface Summary {
  resources: number;
  valid: number;
  invalid: number;
  skipped: number;
  errors: number;
  warnings: number;
}

export interface Report {
  readonly summary: Summary;
  readonly resources: ResourceResult[];
}

export interface ValidateOptions {
  /** Unknown fields and duplicate keys are errors. @default true */
  readonly strict?: boolean;
  /** Kinds without a schema (custom resources) are skipped instead of invalid. @default false */
  readonly ignoreMissingSchemas?: boolean;
  readonly limits?: ReadLimits;
}

export interface Source {
  readonly file: string;
  readonly text: string;
}

interface Entry {
  readonly doc: SourceDoc;
  readonly result: ResourceResult;
  readonly obj?: Obj;
  readonly errors: { e: FieldError; severity: Severity }[];
  /** whether the object decoded well enough for the cross-object checks */
  crossReady: boolean;
}

const STANDARD_TOP_LEVEL = ['apiVersion', 'kind', 'metadata', 'spec', 'status', 'data', 'stringData', 'binaryData', 'type', 'immutable'];

function add(entry: Entry, severity: Severity, ...errors: FieldError[]): void {
  for (const e of errors) entry.errors.push({ e, severity });
}

function checkObject(entry: Entry, obj: Obj, options: ValidateOptions): void {
  const strict = options.strict !== false;
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : undefined;
  const kind = typeof obj.kind === 'string' ? obj.kind : undefined;
  if (!apiVersion && !kind) {
    add(entry, 'error', note('', 'not a Kubernetes object: it has no apiVersion and no kind').withRule('not-an-object'));
    return;
  }
  if (!kind) {
    add(entry, 'error', required('kind').withRule('api-kind-required'));
    return;
  }
  if (!apiVersion) {
    // which fields would the closest real kind have? (catches `appiVersion`)
    const guess = hasSchemaAnywhere(kind) ?? suggestKind(kind);
    const versions = guess ? versionsOf(guess) : [];
    const fields = versions.length ? allowedFields(versions[0], guess as string, []) : STANDARD_TOP_LEVEL;
    let suggestedApiVersion = false;
    for (const k of Object.keys(obj)) {
      if (fields.includes(k)) continue;
      const s = closest(k, fields);
      if (s === 'apiVersion') suggestedApiVersion = true;
      if (strict) add(entry, 'error', unknownField(k, s).withRule('schema-unknown-top-level-field'));
    }
    if (!suggestedApiVersion) add(entry, 'error', required('apiVersion').withRule('api-version-required'));
    if (!hasSchemaAnywhere(kind)) unknownKind(entry, kind, undefined);
    return;
  }

  let schemaVersion = apiVersion;
  const key = `${apiVersion}/${kind}`;
  const removed = REMOVED[key];
  if (removed) {
    add(
      entry,
      'error',
      invalid(
        'apiVersion',
        apiVersion,
        removed.replacement
          ? `${kind} ${apiVersion} was removed in Kubernetes ${removed.removedIn}: use apiVersion ${removed.replacement}`
          : `${kind} ${apiVersion} was removed in Kubernetes ${removed.removedIn} with no replacement`,
      ).withRule('api-version-removed'),
    );
    if (!removed.replacement || !hasSchema(removed.replacement, kind)) return;
    schemaVersion = removed.replacement;
  } else if (!hasSchema(apiVersion, kind)) {
    if (!isBuiltinGroup(apiVersion)) {
      if (options.ignoreMissingSchemas) entry.result.status = 'skipped';
      else {
        add(entry, 'error', invalid('kind', kind, `no schema for ${kind} in ${apiVersion} (a custom resource?): svcgen knows the built-in kinds of Kubernetes 1.28; use --ignore-missing-schemas to skip such objects`).withRule('api-no-schema'));
      }
      return;
    }
    const versions = versionsOf(kind);
    if (versions.length) {
      add(entry, 'error', invalid('apiVersion', apiVersion, `no ${kind} in ${apiVersion} in Kubernetes 1.28: use apiVersion ${versions[0]}`).withRule('api-version-unknown'));
      schemaVersion = versions[0];
    } else {
      unknownKind(entry, kind, apiVersion);
      return;
    }
  } else {
    const dep = DEPRECATED[key];
    if (dep) add(entry, 'warning', invalid('apiVersion', apiVersion, `${kind} ${apiVersion} is deprecated and removed in Kubernetes ${dep.removedIn}: use apiVersion ${dep.replacement}`).withRule('api-version-deprecated'));
    else if (isAlpha(apiVersion)) add(entry, 'warning', invalid('apiVersion', apiVersion, 'an alpha API: not served unless the cluster enables it').withRule('api-version-alpha'));
  }

  const schema = schemaErrors(obj, schemaVersion, kind, strict);
  add(entry, 'error', ...schema);
  // the API server decodes leniently-typed documents no further; unknown fields alone do not stop it
  if (schema.some((e) => e.type !== ErrorType.UNKNOWN_FIELD)) return;
  for (const e of validateObject(obj)) add(entry, e.warning ? 'warning' : 'error', e);
  entry.crossReady = true;
}

function hasSchemaAnywhere(kind: string): string | undefined {
  return versionsOf(kind).length ? kind : undefined;
}

function unknownKind(entry: Entry, kind: string, apiVersion: string | undefined): void {
  const s = suggestKind(kind);
  const where = apiVersion ? ` in version "${apiVersion}"` : '';
  add(entry, 'error', invalid('kind', kind, `no matches for kind "${kind}"${where}${s ? ` (did you mean "${s}"?)` : ''}`).withRule('api-unknown-kind'));
}

function newEntry(doc: SourceDoc, obj?: Obj): Entry {
  const meta = obj && typeof obj.metadata === 'object' && obj.metadata ? (obj.metadata as Obj) : {};
  const kind = typeof obj?.kind === 'string' ? obj.kind : undefined;
  const namespace = typeof meta.namespace === 'string' ? meta.namespace : kind && !CLUSTER_SCOPED.has(kind) ? 'default' : undefined;
  return {
    doc,
    obj,
    crossReady: false,
    errors: [],
    result: {
      file: doc.file,
      line: doc.line,
      apiVersion: typeof obj?.apiVersion === 'string' ? obj.apiVersion : undefined,
      kind,
      name: typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? meta.generateName : undefined,
      namespace,
      status: 'valid',
      problems: [],
    },
  };
}

/** Validates manifests given as text (files, standard input). */
export function validateSources(sources: readonly Source[], options: ValidateOptions = {}): Report {
  const entries: Entry[] = [];
  for (const src of sources) {
    for (const doc of readDocuments(src.text, src.file, { strict: options.strict !== false, limits: options.limits })) {
      if (doc.error) {
        const entry = newEntry(doc);
        add(entry, 'error', note('', `YAML: ${doc.error.message} (line ${doc.error.line}, column ${doc.error.column})`).withRule('yaml-syntax'));
        entries.push(entry);
        continue;
      }
      const value = doc.value;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        const entry = newEntry(doc);
        add(entry, 'error', note('', `not a Kubernetes object: the document is ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}, not a mapping`).withRule('not-an-object'));
        entries.push(entry);
        continue;
      }
      const obj = value as Obj;
      const items: Obj[] = obj.kind === 'List' && Array.isArray(obj.items) ? obj.items : [obj];
      for (const item of items) {
        const entry = newEntry(doc, item);
        if (typeof item !== 'object' || item === null) add(entry, 'error', note('', 'not a Kubernetes object').withRule('not-an-object'));
        else checkObject(entry, item, options);
        entries.push(entry);
      }
    }
  }

  const cross: CrossInput[] = [];
  entries.forEach((e, id) => {
    if (e.crossReady && e.obj) cross.push({ id, obj: e.obj });
  });
  for (const p of crossObjectProblems(cross)) add(entries[p.id], p.severity, p.error);

  return finish(entries);
}

function finish(entries: Entry[]): Report {
  const summary: Summary = { resources: entries.length, valid: 0, invalid: 0, skipped: 0, errors: 0, warnings: 0 };
  for (const entry of entries) {
    let locator: Locator | undefined;
    const lineOf = (path: string): number => {
      if (!path) return entry.doc.error?.line ?? entry.doc.line;
      try {
        locator ??= Locator.fromText(entry.doc.text, entry.doc.firstLine);
        return locator.line(path) ?? entry.doc.line;
      } catch {
        return entry.doc.line;
      }
    };
    for (const { e, severity } of entry.errors) {
      entry.result.problems.push({ severity, rule: e.rule ?? 'unknown', path: e.path, message: e.message, line: lineOf(e.path) });
    }
    const errors = entry.result.problems.filter((p) => p.severity === 'error').length;
    if (entry.result.status !== 'skipped') entry.result.status = errors ? 'invalid' : 'valid';
    summary[entry.result.status]++;
    summary.errors += errors;
    summary.warnings += entry.result.problems.length - errors;
  }
  return { summary, resources: entries.map((e) => e.result) };
}
