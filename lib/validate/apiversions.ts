/**
 * API versions and kinds at the target Kubernetes version, as its API server with the default
 * configuration serves them: removed versions (an error naming the release that removed them and
 * the replacement), versions that arrive later or that the server does not serve unless enabled
 * (errors saying so), deprecated ones (warnings), unknown kinds (an error with the closest kind).
 *
 * The schemas cannot tell what is served: the OpenAPI definitions of every release keep the
 * types of long-removed versions (extensions/v1beta1 is in 1.37's) and of versions that are off
 * by default. What a release serves is its schema's group/version/kinds, less the removals below
 * (the deprecation guide's, history), less alpha versions and the beta versions that are off by
 * default (every beta API since 1.24, KEP-3136, but the ones listed). The real servers at both
 * ends check the table: 1.28.15's and 1.37.2's discovery, in the API-server tests.
 * @see https://kubernetes.io/docs/reference/using-api/deprecation-guide/
 */
import { builtinKinds, hasSchema } from './schema';
import { closest } from './suggest';
import { minorOf } from '../kube-versions';
import lifecycleFile = require('./schema/api-lifecycle.json');
import { ApiLifecycle, servedByDefault, stabilityRank } from './served';
import { KUBERNETES_VERSIONS, targetVersion } from './target';

const lifecycle: ApiLifecycle = lifecycleFile;

export interface Removal {
  readonly removedIn: string;
  /** The apiVersion to use instead (undefined: the kind was removed with no replacement). */
  readonly replacement?: string;
}

/** `<apiVersion>/<kind>` -> the release that removed it and what replaced it then (the deprecation guide). */
const REMOVED: Readonly<Record<string, Removal>> = lifecycle.removed;

/**
 * Deprecated while still served, with no removal release in the carried versions: what the API
 * server's deprecation warning says, from the release it says (`<apiVersion>/<kind>` -> since,
 * replacement). Deprecations with an announced removal are REMOVED's entries for later releases.
 */
const DEPRECATED_SINCE: Readonly<Record<string, { readonly since: string; readonly replacement: string; readonly kind?: string }>> = lifecycle.deprecatedSince;

const versionPart = (apiVersion: string) => apiVersion.slice(apiVersion.lastIndexOf('/') + 1);

/** Whether the API server of a release, as configured by default, serves `apiVersion/kind`. */
export function isServed(apiVersion: string, kind: string, version = targetVersion()): boolean {
  return hasSchema(apiVersion, kind, version) && servedByDefault(lifecycle, apiVersion, kind, version);
}

/** Whether a release has `apiVersion/kind` but does not serve it unless the cluster enables it (alpha, most betas). */
export function isOffByDefault(apiVersion: string, kind: string): boolean {
  return !REMOVED[`${apiVersion}/${kind}`] && hasSchema(apiVersion, kind) && !isServed(apiVersion, kind);
}

const serving = new Map<string, Map<string, string[]>>();
/** The apiVersions that serve a kind at a release, GA first. */
function servingVersions(kind: string, version: string): string[] {
  let byKind = serving.get(version);
  if (!byKind) {
    byKind = new Map();
    for (const k of builtinKinds(version)) {
      if (!isServed(k.apiVersion, k.kind, version)) continue;
      const list = byKind.get(k.kind);
      if (list) list.push(k.apiVersion);
      else byKind.set(k.kind, [k.apiVersion]);
    }
    // GA first; among equals, one that a later release removes last (flowcontrol v1beta3 before v1beta2)
    for (const [kind, list] of byKind) {
      const gone = (v: string) => (REMOVED[`${v}/${kind}`] ? minorOf(REMOVED[`${v}/${kind}`].removedIn) : Infinity);
      list.sort((a, b) => stabilityRank(versionPart(a)) - stabilityRank(versionPart(b)) || gone(b) - gone(a) || a.localeCompare(b));
    }
    serving.set(version, byKind);
  }
  return byKind.get(kind) ?? [];
}

/**
 * How `apiVersion/kind` was removed by the target release, if it was: the release that removed it
 * and the apiVersion serving the kind at the target (GA first).
 */
export function removal(apiVersion: string, kind: string): Removal | undefined {
  const removed = REMOVED[`${apiVersion}/${kind}`];
  if (!removed || minorOf(targetVersion()) < minorOf(removed.removedIn)) return undefined;
  return { removedIn: removed.removedIn, replacement: servingVersions(kind, targetVersion())[0] ?? removed.replacement };
}

/** The first carried release after the target that serves `apiVersion/kind` (it arrives then), if any. */
export function arrival(apiVersion: string, kind: string): string | undefined {
  const target = minorOf(targetVersion());
  return KUBERNETES_VERSIONS.find((v) => minorOf(v) > target && isServed(apiVersion, kind, v));
}

export interface Deprecation {
  /** the release that removes it, where one is announced */
  readonly removedIn?: string;
  /** the release whose API server says it is deprecated, where known */
  readonly since?: string;
  readonly replacement?: string;
  /** the kind that replaces it, where another kind does */
  readonly replacementKind?: string;
}

/**
 * Whether `apiVersion/kind`, served at the target, is deprecated there: removed by a later release
 * (the replacement is what the target serves and that release still serves, GA first), or
 * deprecated by the API server with no removal release yet.
 */
export function deprecation(apiVersion: string, kind: string): Deprecation | undefined {
  const target = targetVersion();
  const removed = REMOVED[`${apiVersion}/${kind}`];
  if (removed && minorOf(target) < minorOf(removed.removedIn)) {
    const later = KUBERNETES_VERSIONS.includes(removed.removedIn) ? new Set(servingVersions(kind, removed.removedIn)) : undefined;
    const replacement = servingVersions(kind, target).find((v) => v !== apiVersion && (!later || later.has(v))) ?? removed.replacement;
    return { removedIn: removed.removedIn, replacement };
  }
  const d = DEPRECATED_SINCE[`${apiVersion}/${kind}`];
  if (d && minorOf(target) >= minorOf(d.since)) return { since: d.since, replacement: d.replacement || undefined, replacementKind: d.kind };
  return undefined;
}

const BUILTIN_GROUPS = new Set([
  '', 'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'apiregistration.k8s.io', 'apps', 'authentication.k8s.io',
  'authorization.k8s.io', 'autoscaling', 'batch', 'certificates.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io',
  'events.k8s.io', 'extensions', 'flowcontrol.apiserver.k8s.io', 'internal.apiserver.k8s.io', 'networking.k8s.io',
  'node.k8s.io', 'policy', 'rbac.authorization.k8s.io', 'resource.k8s.io', 'scheduling.k8s.io', 'storage.k8s.io',
]);

export function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

export function isBuiltinGroup(apiVersion: string): boolean {
  return BUILTIN_GROUPS.has(groupOf(apiVersion));
}

const kindNames = new Map<string, string[]>();
/** The closest built-in kind name to a misspelt one (`Servvice` -> `Service`). */
export function suggestKind(kind: string): string | undefined {
  const version = targetVersion();
  let names = kindNames.get(version);
  if (!names) kindNames.set(version, (names = [...new Set(builtinKinds().filter((k) => isServed(k.apiVersion, k.kind)).map((k) => k.kind))].sort()));
  return closest(kind, names);
}

/** The apiVersions that serve a kind at the target Kubernetes version (GA first). */
export function versionsOf(kind: string): string[] {
  return servingVersions(kind, targetVersion());
}

export function isAlpha(apiVersion: string): boolean {
  return /\/v\d+alpha\d+$/.test(apiVersion) || /^v\d+alpha\d+$/.test(apiVersion);
}
