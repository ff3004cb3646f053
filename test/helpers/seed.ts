import * as fs from 'fs';
import * as path from 'path';
import { loadAll } from 'js-yaml';

/** The seed examples (a copy of shared/seed-examples; svcgen never reads ../shared at run time). */
export const SEED_DIR = path.resolve(__dirname, '..', 'fixtures', 'seed-examples');

/** The shared folder's copy, when the clone has shared/ beside it. */
export const SHARED_SEED_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'seed-examples');

/** Removed API versions in the seed files and what they are today. */
const CURRENT_API_VERSION: Record<string, string> = {
  'apps/v1beta1': 'apps/v1',
  'apps/v1beta2': 'apps/v1',
  'extensions/v1beta1': 'apps/v1',
};

/** The documents of a seed file, with removed apiVersions replaced by their current ones. */
export function seedObjects(file: string): Record<string, unknown>[] {
  const text = fs.readFileSync(path.join(SEED_DIR, file), 'utf8');
  return (loadAll(text) as Record<string, unknown>[])
    .filter((d) => d !== null && d !== undefined)
    .map((d) => {
      const v = d.apiVersion as string | undefined;
      return v && CURRENT_API_VERSION[v] ? { ...d, apiVersion: CURRENT_API_VERSION[v] } : d;
    });
}

/** `Kind/name` of an object, for readable assertions. */
export function ref(o: Record<string, unknown>): string {
  return `${o.kind as string}/${(o.metadata as { name?: string } | undefined)?.name ?? '?'}`;
}

/** A deep copy without class instances or undefined fields, as YAML would carry it. */
export function plain<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

/** The Compose corpus (a copy of shared/corpus/compose), and the shared folder's copy. */
export const COMPOSE_DIR = path.resolve(__dirname, '..', 'fixtures', 'compose');
export const SHARED_COMPOSE_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'compose');

/** Real-world manifests (a copy of shared/corpus/manifests: kube-prometheus, Istio's samples). */
export const MANIFESTS_DIR = path.resolve(__dirname, '..', 'fixtures', 'manifests');
export const SHARED_MANIFESTS_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'manifests');
/** Real manifests written for Kubernetes 1.37 (a copy of shared/corpus/manifests-current: the Kubernetes project's own). */
export const CURRENT_MANIFESTS_DIR = path.resolve(__dirname, '..', 'fixtures', 'manifests-current');
export const SHARED_CURRENT_MANIFESTS_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'manifests-current');
