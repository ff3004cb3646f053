/**
 * Whether a release's API server, configured by default, serves an apiVersion/kind that its
 * schema has: not removed by then (the deprecation guide), GA, or a beta on by default (every
 * beta since 1.24 is off, KEP-3136, but the ones listed). The data is
 * lib/validate/schema/api-lifecycle.json. Shared by the validator (apiversions.ts) and the build
 * (scripts/build-validators.js compiles validators for exactly these), so it reads nothing else.
 */
import { minorOf } from '../kube-versions';

export interface ApiLifecycle {
  readonly removed: Readonly<Record<string, { readonly removedIn: string; readonly replacement?: string }>>;
  readonly betaOnByDefault: Readonly<Record<string, string>>;
  readonly deprecatedSince: Readonly<Record<string, { readonly since: string; readonly replacement: string; readonly kind?: string }>>;
}

/** `v1`, `v1beta2`, `v2alpha1`: 0 for GA, 1 beta, 2 alpha. */
export const stabilityRank = (version: string): number => (/alpha/.test(version) ? 2 : /beta/.test(version) ? 1 : 0);

/** Whether `apiVersion/kind` (which the release's schema has) is served by default at `release`. */
export function servedByDefault(lifecycle: ApiLifecycle, apiVersion: string, kind: string, release: string): boolean {
  const removed = lifecycle.removed[`${apiVersion}/${kind}`];
  if (removed && minorOf(release) >= minorOf(removed.removedIn)) return false;
  const rank = stabilityRank(apiVersion.slice(apiVersion.lastIndexOf('/') + 1));
  if (rank === 0) return true;
  const from = rank === 1 ? lifecycle.betaOnByDefault[apiVersion] : undefined;
  return from !== undefined && minorOf(release) >= minorOf(from);
}
