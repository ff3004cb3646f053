/**
 * The Kubernetes version a run judges against. Every carried minor version (1.28 through the
 * newest, lib/validate/schema/versions.json) has its own generated schema, Go types and served
 * kinds; rules whose upstream validation changed between versions ask `since(minor)`.
 *
 * Validation is synchronous, so the version is held for the duration of one call (withTarget) and
 * read by the rules below it without threading a parameter through every function.
 */
import { SvcgenError } from '../errors';
import { DEFAULT_KUBERNETES_VERSION, KUBERNETES_VERSIONS, minorOf } from '../kube-versions';

export { DEFAULT_KUBERNETES_VERSION, KUBERNETES_VERSIONS };

/**
 * Outside a validation (a construct checking its props as it is made), the rules judge as the
 * oldest carried version, so that what a construct accepts holds on every version; the app's
 * target version then judges the synthesized objects.
 */
let current = KUBERNETES_VERSIONS[0];
let currentMinor = minorOf(current);

/**
 * `1.37`, `v1.37`, `1.37.2` -> `1.37`; anything else, or a version svcgen does not carry, is a
 * usage error that lists the carried ones.
 */
export function parseKubernetesVersion(value: string | undefined, where = '--kubernetes-version'): string {
  if (value === undefined || value === '') return DEFAULT_KUBERNETES_VERSION;
  const m = /^v?(1)\.(\d+)(?:\.\d+)?$/.exec(String(value).trim());
  const minor = m ? `${m[1]}.${Number(m[2])}` : undefined;
  if (minor && KUBERNETES_VERSIONS.includes(minor)) return minor;
  const range = `${KUBERNETES_VERSIONS[0]} through ${KUBERNETES_VERSIONS[KUBERNETES_VERSIONS.length - 1]}`;
  if (!minor) throw new SvcgenError(`${where} ${value}: not a Kubernetes version: give a minor version such as ${DEFAULT_KUBERNETES_VERSION} (svcgen carries ${range})`);
  throw new SvcgenError(`${where} ${value}: svcgen carries Kubernetes ${range}; choose one of them (the default is ${DEFAULT_KUBERNETES_VERSION})`);
}

/** The version being judged against (`1.37`; the oldest carried outside a validation). */
export function targetVersion(): string {
  return current;
}

/** Whether the version being judged against is `1.<minor>` or later: a rule that holds from then. */
export function since(minor: number): boolean {
  return currentMinor >= minor;
}

/** Runs `fn` judging against `version` (a carried minor version; undefined: the default). */
export function withTarget<T>(version: string | undefined, fn: () => T): T {
  const previous = current;
  current = version ? parseKubernetesVersion(version) : DEFAULT_KUBERNETES_VERSION;
  currentMinor = minorOf(current);
  try {
    return fn();
  } finally {
    current = previous;
    currentMinor = minorOf(previous);
  }
}
