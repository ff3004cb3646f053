/**
 * The DNS records a compliant cluster DNS serves for the Services of a set of objects, written
 * from the Kubernetes DNS-Based Service Discovery specification (kubernetes/dns
 * docs/specification.md, schema 1.1.0, section 2), independently of lib/explain: the record
 * names and types only (values depend on the cluster). An IPv4 cluster (A records).
 */
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface SpecRecord {
  readonly name: string;
  readonly type: 'A' | 'CNAME' | 'SRV';
}

function template(o: Obj): Obj | undefined {
  if (o.kind === 'Pod') return o;
  if (o.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template;
  return o.spec?.template;
}

function matches(selector: Obj, labels: Obj | undefined): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/**
 * 2.3 (ClusterIP): `A <service>.<ns>.svc.<zone>`, `SRV _<port>._<proto>.<service>...` per named port.
 * 2.4 (headless): `A <service>...` (ready endpoints), `A <hostname>.<service>...` per ready endpoint
 * with a hostname, `SRV _<port>._<proto>.<service>...` per named port.
 * 2.5 (ExternalName): `CNAME <service>.<ns>.svc.<zone>`.
 * Endpoint hostnames: a StatefulSet's Pods are `<set>-<ordinal>` under spec.serviceName; other
 * Pods have one when they set both hostname and a subdomain that names the Service; hand-written
 * Endpoints/EndpointSlices carry theirs.
 */
export function specRecords(objects: readonly Obj[], zone = 'cluster.local'): SpecRecord[] {
  const out: SpecRecord[] = [];
  const nsOf = (o: Obj) => o.metadata?.namespace || 'default';
  for (const s of objects.filter((o) => o?.kind === 'Service')) {
    const ns = nsOf(s);
    const base = `${s.metadata.name}.${ns}.svc.${zone}`;
    const spec = s.spec ?? {};
    if (spec.type === 'ExternalName') {
      out.push({ name: base, type: 'CNAME' });
      continue;
    }
    out.push({ name: base, type: 'A' });
    for (const p of spec.ports ?? []) if (p.name) out.push({ name: `_${p.name}._${(p.protocol ?? 'TCP').toLowerCase()}.${base}`, type: 'SRV' });
    if (spec.clusterIP !== 'None') continue;
    const hostnames = new Set<string>();
    const selector = spec.selector && Object.keys(spec.selector).length ? spec.selector : undefined;
    for (const o of objects) {
      if (!o || nsOf(o) !== ns) continue;
      if (selector) {
        const t = template(o);
        if (!t?.spec || !matches(selector, t.metadata?.labels)) continue;
        if (o.kind === 'StatefulSet' && o.spec.serviceName === s.metadata.name) {
          for (let i = 0; i < (o.spec.replicas ?? 1); i++) hostnames.add(`${o.metadata.name}-${i}`);
        } else if (o.kind !== 'StatefulSet' && t.spec.hostname && t.spec.subdomain === s.metadata.name) {
          hostnames.add(t.spec.hostname);
        }
      } else if (o.kind === 'Endpoints' && o.metadata?.name === s.metadata.name) {
        for (const sub of o.subsets ?? []) for (const a of sub.addresses ?? []) if (a.hostname) hostnames.add(a.hostname);
      } else if (o.kind === 'EndpointSlice' && o.metadata?.labels?.['kubernetes.io/service-name'] === s.metadata.name) {
        for (const e of o.endpoints ?? []) if (e.hostname) hostnames.add(e.hostname);
      }
    }
    for (const h of hostnames) out.push({ name: `${h}.${base}`, type: 'A' });
  }
  return out;
}
