import { IConstruct } from 'constructs';

export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';

/** The cluster domain set on the nearest MultiTierApp (or any scope with `clusterDomain`), else cluster.local. */
export function clusterDomainOf(c: IConstruct): string {
  for (const s of c.node.scopes.slice().reverse()) {
    const d = (s as { clusterDomain?: unknown }).clusterDomain;
    if (typeof d === 'string') return d;
  }
  return DEFAULT_CLUSTER_DOMAIN;
}
