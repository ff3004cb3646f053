/**
 * Compose networks as NetworkPolicies: services on a shared network may talk, others may not, as
 * Compose allowed (and as Docker's Compose Bridge converts them). Each Pod carries a label per
 * network of its service (`network.svcgen.dev/<network>: "true"`); each network gets a policy that
 * isolates its members for ingress and admits its members. Published ports stay reachable from
 * anywhere (nodes, load balancers, ingress controllers), through a policy per published service.
 * Egress is left open (DNS and the outside world keep working).
 */
import { C } from './code';
import type { Obj } from './load';
import { cleanObj, k8sName } from './parse';
import { Protocol } from '../constructs/ports';
import type { Statement } from './convert';

export const NETWORK_LABEL_PREFIX = 'network.svcgen.dev/';

export interface NetworkInput {
  readonly services: Readonly<Record<string, Obj>>;
  /** compose service name -> Kubernetes name */
  readonly names: ReadonlyMap<string, string>;
  /** the top-level `networks:` */
  readonly networks: Readonly<Record<string, Obj | null>>;
  /** per compose service: the container ports reachable from outside the cluster */
  readonly published: ReadonlyMap<string, readonly { port: number; protocol: string }[]>;
  readonly selectorOf: (n: string) => Obj;
  readonly namespace?: string;
  readonly warn: (service: string | undefined, key: string, message: string) => void;
}

/** The networks a service joins, as Compose puts it: `default` unless it names others. */
function networksOf(svc: Obj): string[] {
  if (svc.network_mode) return [];
  if (svc.networks === undefined || svc.networks === null) return ['default'];
  return Array.isArray(svc.networks) ? svc.networks.map(String) : Object.keys(svc.networks);
}

/**
 * Adds the network labels to the Workload statements and returns the NetworkPolicy statements.
 * Services that share a Pod (network_mode service:x) share its labels; host-network Pods are
 * not subject to NetworkPolicies and get none.
 */
export function networkPolicies(input: NetworkInput, statements: Statement[]): Statement[] {
  const { services, names, networks, published, selectorOf, namespace: ns, warn } = input;
  const members = new Map<string, string[]>();
  const labelOf = (net: string) => `${NETWORK_LABEL_PREFIX}${k8sName(net)}`;
  for (const [name, svc] of Object.entries(services)) {
    const nets = networksOf(svc);
    if (!nets.length) continue;
    const workload = statements.find((s) => s.ctor === 'Workload' && s.props.name === names.get(name));
    if (!workload) continue;
    const labels: Obj = {};
    for (const net of nets) {
      labels[labelOf(net)] = 'true';
      members.set(net, [...(members.get(net) ?? []), name]);
    }
    const props = workload.props as Obj;
    const base = props.podLabels === undefined ? {} : ((props.podLabels.value ?? props.podLabels) as Obj);
    props.podLabels = { ...base, ...labels };
  }
  const out: Statement[] = [];
  const usedNames = new Set<string>();
  for (const [net, who] of [...members].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const def = networks[net] ?? {};
    let policyName = `network-${k8sName(net, 55)}`;
    for (let i = 2; usedNames.has(policyName); i++) policyName = `network-${k8sName(net, 50)}-${i}`;
    usedNames.add(policyName);
    const podSelector = { [labelOf(net)]: 'true' };
    if (def?.external) {
      warn(undefined, `networks.${net}`, `external: other projects' containers may be on it, so its members (${who.join(', ')}) accept traffic from anywhere; narrow the NetworkPolicy "${policyName}" to those workloads`);
    }
    out.push({
      ctor: 'NetworkPolicy',
      id: `networkpolicy-${policyName}`,
      props: cleanObj({
        name: policyName,
        namespace: ns,
        podSelector,
        ingress: def?.external ? [{}] : [{ from: [{ podSelector }] }],
      }),
    });
  }
  for (const [name, ports] of published) {
    if (!ports.length || !networksOf(services[name] ?? {}).length) continue;
    const n = names.get(name) as string;
    let policyName = `${k8sName(n, 53)}-published`;
    for (let i = 2; usedNames.has(policyName); i++) policyName = `${k8sName(n, 50)}-published-${i}`;
    usedNames.add(policyName);
    out.push({
      ctor: 'NetworkPolicy',
      id: `networkpolicy-${policyName}`,
      service: name,
      props: cleanObj({
        name: policyName,
        namespace: ns,
        podSelector: selectorOf(n),
        ingress: [{ ports: ports.map((p) => cleanObj({ port: p.port, protocol: p.protocol === 'tcp' ? undefined : C.protocol(p.protocol.toUpperCase() as Protocol) })) }],
      }),
    });
  }
  return out;
}
