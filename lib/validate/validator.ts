/**
 * `svcgen validate`: reads manifests, and checks each object in layers: YAML syntax, apiVersion
 * and kind, the 1.28 schema (strict), the API server's rules, then the checks across objects.
 * Lines are found only for documents that have problems (a second, position-keeping parse).
 */
import path = require('path');
import { looksSecretName } from '../secrets';
import { QuickLocator } from '../yaml/quick-locate';
import { forEachDocument, ReadLimits, SourceDoc } from '../yaml/read';
import { arrival, deprecation, isAlpha, isBuiltinGroup, isOffByDefault, removal, suggestKind, versionsOf } from './apiversions';
import { Crd, crdFrom, validateCustomResource } from './crd';
import { crossObjectProblems, CrossInput, crossView } from './cross';
import { decodeObject, goShapeAt, isClusterScopedKind, isNamespaced } from './decode';
import { ErrorType, FieldError, invalid, note, required, unknownField } from './field';
import { Obj } from './rules/_common';
import { KIND_RULES, validateObject } from './rules';
import { validateObjectMeta } from './rules/meta';
import { allowedFields, hasSchema, schemaErrors } from './schema';
import { closest } from './suggest';
import { targetVersion, withTarget } from './target';

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
  /** The Kubernetes version judged against (`1.37`). */
  readonly kubernetesVersion: string;
  readonly summary: Summary;
  readonly resources: ResourceResult[];
}

/**
 * Which objects are checked together for the checks across objects (duplicates, nodePorts,
 * selectors, named ports): `folder` (each folder's own files, and the files named together on the
 * command line, as one `kubectl apply -f` of them would apply), `file` (each file alone) or `all`.
 */
export type Scope = 'file' | 'folder' | 'all';
export const SCOPES: readonly Scope[] = ['folder', 'file', 'all'];

export interface ValidateOptions {
  /**
   * The Kubernetes version to judge against: a carried minor version, `1.28` through `1.37`
   * (`v1.37` and `1.37.2` mean 1.37). @default the newest carried (DEFAULT_KUBERNETES_VERSION)
   */
  readonly kubernetesVersion?: string;
  /** Unknown fields and duplicate keys are errors. @default true */
  readonly strict?: boolean;
  /**
   * A custom resource whose CustomResourceDefinition is not in the input is an error instead of
   * skipped. @default false
   */
  readonly strictCrds?: boolean;
  /** @deprecated custom resources without their CRD are skipped by default now; kept so old command lines work */
  readonly ignoreMissingSchemas?: boolean;
  /** @default 'folder' */
  readonly scope?: Scope;
  readonly limits?: ReadLimits;
  /** Called as each document is read, before it is checked (the command line bounds memory with it). */
  readonly onProgress?: () => void;
}

export interface Source {
  readonly file: string;
  readonly text: string;
  /**
   * The documents of `text` as read, when the caller made the text from objects it holds (synth,
   * convert): they are checked without parsing the text again. @default - `text` is read
   */
  readonly docs?: readonly SourceDoc[];
}

/** Where an object is: its document, without the parsed value (which is not kept). */
type Place = Omit<SourceDoc, 'value'>;

interface Entry {
  readonly doc: Place;
  /** `items[3].` for the items of a `kind: List`, else empty: where the object is in its document */
  readonly prefix: string;
  /** the set it is checked with across objects (see Scope) */
  readonly set: string;
  readonly result: ResourceResult;
  /** the object until it is checked (then dropped: only `cross` is kept) */
  obj?: Obj;
  readonly errors: { e: FieldError; severity: Severity }[];
  /** whether the object decoded well enough for the cross-object checks */
  crossReady: boolean;
  /** what the checks across objects read of it (see crossView) */
  cross?: Obj;
}

const STANDARD_TOP_LEVEL = ['apiVersion', 'kind', 'metadata', 'spec', 'status', 'data', 'stringData', 'binaryData', 'type', 'immutable'];

function add(entry: Entry, severity: Severity, ...errors: FieldError[]): void {
  for (const e of errors) entry.errors.push({ e: mayBeSecret(entry.result.kind, e.path) ? e.redacted() : e, severity });
}

/**
 * Whether the value at a field path may be secret, so that no message shows it: anything in a
 * Secret's data, an environment variable's value, and any key that looks secret (`password`).
 */
function mayBeSecret(kind: string | undefined, path: string): boolean {
  if (kind === 'Secret' && /^(data|stringData)([.[]|$)/.test(path)) return true;
  if (/\.env\[\d+\]\.value$/.test(path)) return true;
  const last = /(?:\[([^\]]*)\]|\.?([^.[\]]+))$/.exec(path);
  return !!last && looksSecretName(last[1] ?? last[2] ?? '');
}

function checkObject(entry: Entry, obj: Obj, options: ValidateOptions, crds: ReadonlyMap<string, Crd>): void {
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
  const removed = removal(apiVersion, kind);
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
      checkCustomResource(entry, obj, apiVersion, kind, options, crds);
      return;
    }
    const versions = versionsOf(kind);
    const later = arrival(apiVersion, kind);
    const since = later ? ` (it arrives in Kubernetes ${later}: choose --kubernetes-version ${later} or later if the cluster runs it)` : '';
    if (versions.length) {
      add(entry, 'error', invalid('apiVersion', apiVersion, `no ${kind} in ${apiVersion} in Kubernetes ${targetVersion()}: use apiVersion ${versions[0]}${since}`).withRule('api-version-unknown'));
      schemaVersion = versions[0];
    } else if (later) {
      add(entry, 'error', invalid('apiVersion', apiVersion, `no ${kind} in ${apiVersion} in Kubernetes ${targetVersion()}${since}`).withRule('api-version-unknown'));
      return;
    } else {
      unknownKind(entry, kind, apiVersion);
      return;
    }
  } else if (isOffByDefault(apiVersion, kind)) {
    // the target's schema has it, but its API server serves it only when the cluster enables it
    const versions = versionsOf(kind);
    const instead = versions.length ? `; use apiVersion ${versions[0]}, which it serves` : '';
    add(
      entry,
      'error',
      invalid('apiVersion', apiVersion, `${kind} ${apiVersion} is not served by a Kubernetes ${targetVersion()} API server unless the cluster enables it (--runtime-config=${apiVersion}=true${isAlpha(apiVersion) ? ' and its feature gate' : ''})${instead}`).withRule('api-version-not-served'),
    );
    // (the API server answers 404 and reads no further)
    return;
  } else {
    const dep = deprecation(apiVersion, kind);
    if (dep) {
      const instead = dep.replacement ? `: use ${dep.replacementKind ? `${dep.replacementKind} (apiVersion ${dep.replacement})` : `apiVersion ${dep.replacement}`}` : '';
      const when = dep.removedIn ? ` and removed in Kubernetes ${dep.removedIn}` : dep.since ? ` since Kubernetes ${dep.since}` : '';
      add(entry, 'warning', invalid('apiVersion', apiVersion, `${kind} ${apiVersion} is deprecated${when}${instead}`).withRule('api-version-deprecated'));
    }
  }

  // decode as the API server does before it validates (zero values unset, status reset, ...)
  const namespace = obj.metadata && typeof obj.metadata === 'object' ? (obj.metadata as Obj).namespace : undefined;
  add(entry, 'error', ...decodeObject(obj, schemaVersion, kind));
  if (typeof namespace === 'string' && namespace && isNamespaced(schemaVersion, kind) === false) {
    add(entry, 'warning', note('metadata.namespace', `${kind} is cluster-scoped: the API server ignores the namespace "${namespace}"`).withRule('meta-namespace-ignored'));
  }
  const schema = schemaErrors(obj, schemaVersion, kind, strict).filter((e) => !notEnforced(e, schemaVersion, kind));
  add(entry, 'error', ...schema);
  // the API server decodes leniently-typed documents no further; unknown fields alone do not stop it
  if (schema.some((e) => e.type !== ErrorType.UNKNOWN_FIELD)) return;
  for (const e of safely(() => validateObject(obj), kind)) add(entry, e.warning ? 'warning' : 'error', e);
  entry.crossReady = true;
}

/**
 * Runs rules that must never throw; if one does (a bug in svcgen, not the input's fault), the
 * object gets a warning saying so instead of the whole run failing. The fuzzer counts these as
 * crashes.
 */
function safely(rules: () => FieldError[], kind: string): FieldError[] {
  try {
    return rules();
  } catch (e) {
    return [internalError(`checking this ${kind}`, e)];
  }
}

function internalError(what: string, e: unknown): FieldError {
  return note('', `svcgen could not finish ${what} (internal error: ${(e as Error)?.message ?? e}); the rest of the run is not affected: please report it`).withRule(INTERNAL_ERROR).asWarning();
}

/** The rule id of a check that failed inside svcgen. */
export const INTERNAL_ERROR = 'internal-error';

/**
 * OpenAPI `required` fields that the API server does not enforce: it decodes into Go structs, so a
 * missing field is a zero value that only its validation code can refuse. For the kinds whose
 * validation svcgen carries (lib/validate/rules), that code decides; for the others the schema's
 * `required` stands in for it, apart from these fields, which the real API server accepts missing
 * (each is a case of the API-server agreement test).
 */
const NOT_ENFORCED_REQUIRED: Record<string, readonly string[]> = {
  CSIDriver: ['spec'],
  CustomResourceDefinition: ['status'],
};

function notEnforced(e: FieldError, apiVersion: string, kind: string): boolean {
  if (e.rule !== 'schema-required') return false;
  if (KIND_RULES[kind]) return true;
  // a non-pointer bool decodes `false` as unset, and no validation code can ask for it
  // (a CRD version with `served: false` or `storage: false`)
  if (goShapeAt(apiVersion, kind, e.path) === 'bool') return true;
  return (NOT_ENFORCED_REQUIRED[kind] ?? []).includes(e.path);
}

function checkCustomResource(entry: Entry, obj: Obj, apiVersion: string, kind: string, options: ValidateOptions, crds: ReadonlyMap<string, Crd>): void {
  const crd = crds.get(crdKey(groupOf(apiVersion), kind));
  if (!crd) {
    entry.result.status = options.strictCrds ? 'valid' : 'skipped';
    const text = `${kind} (${apiVersion}) is a custom resource and its CustomResourceDefinition is not in the input, so it was not checked: give the CRD too, or use --strict-crds to make this an error`;
    add(entry, options.strictCrds ? 'error' : 'warning', note('kind', text).withRule('crd-not-found'));
    return;
  }
  add(entry, 'error', ...validateCustomResource(obj, crd, apiVersion.slice(apiVersion.lastIndexOf('/') + 1), options.strict !== false));
  for (const e of safely(() => validateObjectMeta(obj.metadata, kind), kind)) add(entry, e.warning ? 'warning' : 'error', e);
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

function newEntry(doc: Place, set: string, obj?: Obj, prefix = ''): Entry {
  const meta = obj && typeof obj.metadata === 'object' && obj.metadata ? (obj.metadata as Obj) : {};
  const kind = typeof obj?.kind === 'string' ? obj.kind : undefined;
  const namespace = kind && isClusterScopedKind(kind) ? undefined : typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : kind ? 'default' : undefined;
  return {
    doc,
    prefix,
    set,
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

/** The set a file is checked with across objects. `group` names the files given together. */
function setOf(file: string, scope: Scope, group?: string): string {
  if (scope === 'all') return '';
  if (scope === 'file') return file;
  return group ?? path.dirname(file);
}

/**
 * Validates manifests given as text (files, standard input). A source's `group`, when set, puts
 * it in one set with the other sources of that group for the checks across objects (the CLI gives
 * files named on the command line one group); else its folder does.
 */
export function validateSources(sources: readonly (Source & { group?: string })[], options: ValidateOptions = {}): Report {
  return withTarget(options.kubernetesVersion, () => validateAtTarget(sources, options));
}

function validateAtTarget(sources: readonly (Source & { group?: string })[], options: ValidateOptions): Report {
  const entries: Entry[] = [];
  const scope = options.scope ?? 'folder';
  // the CRDs of the input, for its custom resources; a custom resource that comes before its CRD
  // waits for the end of the input
  const crds = new Map<string, Crd>();
  const waiting: Entry[] = [];

  const check = (entry: Entry, final: boolean) => {
    const item = entry.obj;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      add(entry, 'error', note('', 'not a Kubernetes object').withRule('not-an-object'));
    } else {
      if (!final && awaitsCrd(item, crds)) {
        waiting.push(entry);
        return;
      }
      if (item.kind === 'CustomResourceDefinition' && item.apiVersion === 'apiextensions.k8s.io/v1') {
        const crd = crdFrom(item);
        if (crd) crds.set(crdKey(crd.group, crd.kind), crd);
      }
      checkObject(entry, item, options, crds);
      if (entry.crossReady) entry.cross = crossView(item);
    }
    entry.obj = undefined;
  };

  for (const src of sources) {
    const set = setOf(src.file, scope, src.group);
    const each = (onDoc: (doc: SourceDoc) => void) => (src.docs ? src.docs.forEach(onDoc) : forEachDocument(src.text, src.file, { strict: options.strict !== false, limits: options.limits }, onDoc));
    each(
      (doc) => {
        options.onProgress?.();
        const { value, ...place } = doc;
        if (doc.error) {
          const entry = newEntry(place, set);
          add(entry, 'error', note('', `YAML: ${doc.error.message} (line ${doc.error.line}, column ${doc.error.column})`).withRule('yaml-syntax'));
          entries.push(entry);
          return;
        }
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          const entry = newEntry(place, set);
          add(entry, 'error', note('', `not a Kubernetes object: the document is ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}, not a mapping`).withRule('not-an-object'));
          entries.push(entry);
          return;
        }
        const obj = value as Obj;
        const items: [Obj, string][] = typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items) ? obj.items.map((item: Obj, i: number) => [item, `items[${i}].`]) : [[obj, '']];
        for (const [item, prefix] of items) {
          const entry = newEntry(place, set, item, prefix);
          entries.push(entry);
          check(entry, false);
        }
      },
    );
  }
  for (const entry of waiting) check(entry, true);

  const sets = new Map<string, CrossInput[]>();
  entries.forEach((e, id) => {
    if (!e.cross) return;
    const list = sets.get(e.set);
    if (list) list.push({ id, obj: e.cross });
    else sets.set(e.set, [{ id, obj: e.cross }]);
  });
  const where = (id: number) => `${entries[id].doc.file}:${lineOf(entries[id], 'metadata.name')}`;
  for (const cross of sets.values()) {
    let problems: ReturnType<typeof crossObjectProblems>;
    try {
      problems = crossObjectProblems(cross, where);
    } catch (e) {
      problems = [{ id: cross[0].id, severity: 'warning', error: internalError('the checks across objects', e) }];
    }
    for (const p of problems) add(entries[p.id], p.severity, p.error);
  }

  return finish(entries);
}

/** Whether an object is a custom resource whose CRD has not been seen (yet). */
function awaitsCrd(obj: Obj, crds: ReadonlyMap<string, Crd>): boolean {
  const { apiVersion, kind } = obj;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || isBuiltinGroup(apiVersion) || hasSchema(apiVersion, kind)) return false;
  return !crds.has(crdKey(groupOf(apiVersion), kind));
}

/** How a CRD is found for a custom resource: by group and kind. */
const crdKey = (group: string, kind: string) => `${group}/${kind}`;

/** The group of `group/version` (empty for the core `v1`). */
function groupOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * Locators by document: one read per document, however many objects it holds. Block-style YAML
 * (nearly every manifest) is read by QuickLocator; anything else by Locator, whose parser (the
 * `yaml` package) is loaded only then.
 */
const locators = new WeakMap<Place, { readonly line: (path: string) => number | undefined } | null>();

/** The line of a field path of an entry (its document's line when the path cannot be found). */
function lineOf(entry: Entry, fieldPath: string): number {
  if (!fieldPath && !entry.prefix) return entry.doc.error?.line ?? entry.doc.line;
  let locator = locators.get(entry.doc);
  if (locator === undefined) {
    try {
      locator = QuickLocator.fromText(entry.doc.text, entry.doc.firstLine) ?? null;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      locator ??= (require('../yaml/locate') as typeof import('../yaml/locate')).Locator.fromText(entry.doc.text, entry.doc.firstLine);
    } catch {
      locator = null;
    }
    locators.set(entry.doc, locator);
  }
  const full = entry.prefix ? `${entry.prefix}${fieldPath}`.replace(/\.$/, '') : fieldPath;
  return locator?.line(full) ?? entry.doc.line;
}

function finish(entries: Entry[]): Report {
  const summary: Summary = { resources: entries.length, valid: 0, invalid: 0, skipped: 0, errors: 0, warnings: 0 };
  for (const entry of entries) {
    if (entry.prefix) (entry.result as { line: number }).line = lineOf(entry, '');
    for (const { e, severity } of entry.errors) {
      entry.result.problems.push({ severity, rule: e.rule ?? 'unknown', path: e.path, message: e.message, line: lineOf(entry, e.path) });
    }
    const errors = entry.result.problems.filter((p) => p.severity === 'error').length;
    if (entry.result.status !== 'skipped') entry.result.status = errors ? 'invalid' : 'valid';
    summary[entry.result.status]++;
    summary.errors += errors;
    summary.warnings += entry.result.problems.length - errors;
  }
  return { kubernetesVersion: targetVersion(), summary, resources: entries.map((e) => e.result) };
}
