/**
 * `svcgen explain`: how every Service of an app is found and reached. From the objects alone (no
 * cluster): what each Service selects, the DNS names the cluster DNS serves for it (kubernetes/dns
 * docs/specification.md), the environment variables the kubelet injects for it
 * (pkg/kubelet/envvars), how it is reached from outside, the chain of each port down to the
 * container, and who refers to whom (host names in env values, args, commands and mounted
 * ConfigMaps). The result is plain data with a stable, documented JSON shape (docs/explain.md).
 */
import { looksSecretName, looksSecretValue } from '../secrets';
import { closest } from '../validate/suggest';
import type { Obj } from '../validate/rules/_common';
import { defaultService, isHeadless } from '../validate/rules/service';
import { selectorMatches } from '../validate/rules/workloads';
import { podTemplateOf } from '../validate/cross';

export const EXPLAIN_SCHEMA = 'svcgen.dev/explain/v1';
/** What an unknown (not yet allocated) cluster IP is shown as. */
export const ALLOCATED = '<allocated>';
export const NODE_PORT_RANGE = '30000-32767';

export interface Place {
  readonly file: string;
  readonly line: number;
}

/** An object of the input, with where it is. */
export interface PlacedObject extends Place {
  readonly obj: Obj;
}

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol: string;
}

export interface WorkloadInfo {
  /** `Kind/namespace/name`: the key edges and selections use */
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** Pods it keeps: a number, or null for a DaemonSet (one per eligible node) */
  readonly replicas: number | null;
  readonly labels: Record<string, string>;
  readonly containers: { readonly name: string; readonly init: boolean; readonly ports: ContainerPort[] }[];
  readonly enableServiceLinks: boolean;
  /** the Pods' hostname and subdomain, when set (a StatefulSet's Pods: `<name>-<i>` under spec.serviceName) */
  readonly hostname?: string;
  readonly subdomain?: string;
  readonly place: Place;
}

export interface DnsRecord {
  /** the fully qualified name the cluster DNS answers */
  readonly name: string;
  readonly type: 'A' | 'AAAA' | 'A/AAAA' | 'CNAME' | 'SRV';
  /** what it answers with */
  readonly value: string;
  /** shorter forms that resolve through the Pod's search path, and from where */
  readonly shortForms?: string[];
}

export interface EnvVar {
  readonly name: string;
  readonly value: string;
}

export interface ServiceEnv {
  /** the variables, in the kubelet's order, with the cluster IP as `<allocated>` when the manifest leaves it to the API server */
  readonly variables: EnvVar[];
  /** workloads in the namespace whose Pods get them */
  readonly receivers: string[];
  /** workloads in the namespace whose Pods do not, and why */
  readonly excluded: { readonly workload: string; readonly reason: string }[];
}

export interface PortTarget {
  readonly workload: string;
  /** the container that declares the port, or the Pod's only container */
  readonly container?: string;
  readonly containerPort?: number;
  readonly note?: string;
}

export interface PortChain {
  readonly name?: string;
  readonly protocol: string;
  readonly port: number;
  /** a fixed node port, 'allocated' (from the node-port range), or absent when not published on nodes */
  readonly nodePort?: number | 'allocated';
  readonly targetPort: number | string;
  readonly targets: PortTarget[];
  /** the chain in one line: `node port (allocated, 30000-32767) -> 8080 -> 8080 (container api)` */
  readonly chain: string;
  /** what breaks the chain (empty when traffic gets through) */
  readonly broken: string[];
  readonly notes: string[];
}

export interface ServiceInfo {
  readonly id: string;
  readonly name: string;
  readonly namespace: string;
  readonly type: string;
  readonly headless: boolean;
  /** the cluster IP: `<allocated>`, `None` (headless), an address the manifest fixes, or '' (ExternalName) */
  readonly clusterIP: string;
  readonly externalName?: string;
  readonly selector: Record<string, string> | null;
  readonly selects: { readonly workload: string; readonly replicas: number | null }[];
  readonly endpoints: { readonly source: string; readonly addresses: string[]; readonly hostnames: string[] }[];
  readonly dns: DnsRecord[];
  /** null when the kubelet injects nothing for it (headless, ExternalName) */
  readonly env: ServiceEnv | null;
  readonly ports: PortChain[];
  /** entry points from outside the cluster, one line each */
  readonly external: string[];
  /** what the traffic policies and session affinity do, one line each */
  readonly traffic: string[];
  readonly place: Place;
}

export interface Edge {
  /** the workload that refers */
  readonly from: string;
  /** the Service referred to, or null when no Service answers the name */
  readonly to: string | null;
  readonly host: string;
  readonly port?: number;
  /** where the reference is: `env DB`, `args[2]`, `ConfigMap nginx key default.conf` */
  readonly via: string;
  /** the value it was found in; left out when it looks secret */
  readonly value?: string;
  /** how the port was decided and whether the Service has it */
  readonly portNote: string;
  readonly ok: boolean;
}

export interface ExplainProblem {
  readonly severity: 'warning' | 'note';
  readonly rule: string;
  /** the object (`Kind/namespace/name`) */
  readonly object: string;
  readonly message: string;
  readonly place: Place;
}

export interface Explanation {
  readonly schema: typeof EXPLAIN_SCHEMA;
  readonly clusterDomain: string;
  readonly services: ServiceInfo[];
  readonly workloads: WorkloadInfo[];
  readonly edges: Edge[];
  readonly problems: ExplainProblem[];
}

export interface ExplainOptions {
  /** @default 'cluster.local' */
  readonly clusterDomain?: string;
  /** the namespace of objects that name none (kubectl's context namespace) @default 'default' */
  readonly namespace?: string;
}

const WORKLOAD_KINDS = new Set(['Pod', 'ReplicaSet', 'ReplicationController', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(v)) for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) out[k] = String(x);
  return out;
}

/** The per-Pod DNS names listed for one StatefulSet behind a headless Service (the rest follow the pattern). */
const MAX_POD_NAMES = 100;

function replicasOf(o: Obj): number | null {
  switch (o.kind) {
    case 'Pod':
      return 1;
    case 'DaemonSet':
      return null;
    case 'Job':
      return typeof o.spec?.parallelism === 'number' ? o.spec.parallelism : 1;
    case 'CronJob':
      return typeof o.spec?.jobTemplate?.spec?.parallelism === 'number' ? o.spec.jobTemplate.spec.parallelism : 1;
    default:
      return typeof o.spec?.replicas === 'number' ? o.spec.replicas : 1;
  }
}

export function replicasText(n: number | null): string {
  return n === null ? 'one Pod per node' : `${n} replica${n === 1 ? '' : 's'}`;
}

/** `Kind name` as a user reads it (the namespace only when not the default). */
export function display(id: string): string {
  const [kind, namespace, name] = id.split('/');
  return `${kind} ${name}${namespace === 'default' ? '' : ` (namespace ${namespace})`}`;
}

function workloadOf(p: PlacedObject, defaultNs: string): WorkloadInfo | undefined {
  const o = p.obj;
  const t = podTemplateOf(o);
  if (!isObj(t) || !isObj(t.spec)) return undefined;
  const namespace = String(o.metadata?.namespace || defaultNs);
  const name = String(o.metadata?.name ?? o.metadata?.generateName ?? '?');
  const containers = (key: 'containers' | 'initContainers') =>
    (Array.isArray(t.spec?.[key]) ? t.spec[key] : []).filter(isObj).map((c: Obj) => ({
      name: String(c.name ?? '?'),
      init: key === 'initContainers',
      ports: (Array.isArray(c.ports) ? c.ports : [])
        .filter((cp: unknown) => isObj(cp) && typeof cp.containerPort === 'number')
        .map((cp: Obj) => ({ ...(cp.name ? { name: String(cp.name) } : {}), containerPort: cp.containerPort, protocol: String(cp.protocol || 'TCP') })),
    }));
  const hostname = o.kind === 'StatefulSet' ? undefined : t.spec.hostname;
  const subdomain = o.kind === 'StatefulSet' ? o.spec?.serviceName : t.spec.subdomain;
  return {
    id: `${o.kind}/${namespace}/${name}`,
    kind: o.kind,
    name,
    namespace,
    replicas: replicasOf(o),
    labels: strMap(t.metadata?.labels),
    containers: [...containers('initContainers'), ...containers('containers')],
    enableServiceLinks: t.spec.enableServiceLinks !== false,
    ...(hostname ? { hostname: String(hostname) } : {}),
    ...(subdomain ? { subdomain: String(subdomain) } : {}),
    place: { file: p.file, line: p.line },
  };
}

/** The kubelet's name for a Service in variables: upper case, `-` as `_` (pkg/kubelet/envvars). */
export function envName(serviceName: string): string {
  return serviceName.replace(/-/g, '_').toUpperCase();
}

/** Go's net.JoinHostPort: an address with a colon (IPv6) in brackets. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * The variables the kubelet injects for one Service with a cluster IP: `<NAME>_SERVICE_HOST`,
 * `_SERVICE_PORT` (first port), `_SERVICE_PORT_<PORTNAME>` (named ports), and the Docker-link
 * variables `<NAME>_PORT`, `<NAME>_PORT_<port>_<PROTO>[_PROTO|_PORT|_ADDR]`.
 */
export function serviceEnvVars(name: string, clusterIP: string, ports: readonly { name?: string; port: number; protocol?: string }[]): EnvVar[] {
  if (ports.length === 0) return [];
  const prefix = envName(name);
  const out: EnvVar[] = [
    { name: `${prefix}_SERVICE_HOST`, value: clusterIP },
    { name: `${prefix}_SERVICE_PORT`, value: String(ports[0].port) },
  ];
  for (const p of ports) if (p.name) out.push({ name: `${prefix}_SERVICE_PORT_${envName(p.name)}`, value: String(p.port) });
  ports.forEach((p, i) => {
    const protocol = p.protocol || 'TCP';
    const url = `${protocol.toLowerCase()}://${joinHostPort(clusterIP, p.port)}`;
    if (i === 0) out.push({ name: `${prefix}_PORT`, value: url });
    const pp = `${prefix}_PORT_${p.port}_${protocol.toUpperCase()}`;
    out.push({ name: pp, value: url }, { name: `${pp}_PROTO`, value: protocol.toLowerCase() }, { name: `${pp}_PORT`, value: String(p.port) }, { name: `${pp}_ADDR`, value: clusterIP });
  });
  return out;
}

const PROTO = (p: string) => `_${p.toLowerCase()}`;

interface WorkloadPair {
  readonly p: PlacedObject;
  readonly w: WorkloadInfo;
}

interface Built {
  readonly services: ServiceInfo[];
  readonly problems: ExplainProblem[];
}

function portLabel(p: { name?: string; port: number; protocol: string }): string {
  return `${p.name ? `${p.name} ` : ''}${p.port}/${p.protocol}`;
}

/** Resolves a Service port's targetPort in one selected workload's Pods. */
function resolveTarget(w: WorkloadInfo, target: number | string, protocol: string): PortTarget {
  const app = w.containers.filter((c) => !c.init);
  if (typeof target === 'string') {
    for (const c of app) {
      const cp = c.ports.find((x) => x.name === target);
      if (cp) return { workload: w.id, container: c.name, containerPort: cp.containerPort };
    }
    return { workload: w.id, note: `no container of ${display(w.id)} declares a port named "${target}": the Service has no endpoints for this port` };
  }
  const declaring = app.filter((c) => c.ports.some((x) => x.containerPort === target && x.protocol === protocol));
  if (declaring.length >= 1) return { workload: w.id, container: declaring[0].name, containerPort: target };
  if (app.length === 1) {
    const c = app[0];
    const declared = c.ports.map((x) => String(x.containerPort));
    return {
      workload: w.id,
      container: c.name,
      containerPort: target,
      ...(declared.length
        ? { note: `container ${c.name} declares only ${declared.join(', ')}, not ${target}: containerPort is informational, so traffic still arrives if the process listens on ${target}` }
        : {}),
    };
  }
  return { workload: w.id, containerPort: target, note: `no container of ${display(w.id)} declares ${target}: traffic reaches whichever container listens there` };
}

function buildServices(objects: readonly PlacedObject[], workloads: readonly WorkloadInfo[], domain: string, defaultNs: string): Built {
  const problems: ExplainProblem[] = [];
  const services: ServiceInfo[] = [];
  const order = new Map<string, number>();
  objects.forEach((p, i) => {
    const o = p.obj;
    if (isObj(o.metadata)) order.set(`${o.kind}/${o.metadata.namespace || defaultNs}/${o.metadata.name}`, i);
  });
  const endpointObjects = objects.filter((p) => p.obj.kind === 'Endpoints' || p.obj.kind === 'EndpointSlice');
  const routes = ingressRoutes(objects, defaultNs);

  for (const p of objects) {
    const o = p.obj;
    if (o.kind !== 'Service' || !isObj(o.metadata)) continue;
    const name = String(o.metadata.name ?? '?');
    const namespace = String(o.metadata.namespace || defaultNs);
    const id = `Service/${namespace}/${name}`;
    const place = { file: p.file, line: p.line };
    const spec = defaultService(isObj(o.spec) ? o.spec : {});
    const type = String(spec.type);
    const headless = isHeadless(spec);
    const ports: { name?: string; port: number; protocol: string; targetPort: number | string; nodePort?: number }[] = (Array.isArray(spec.ports) ? spec.ports : [])
      .filter((x: unknown) => isObj(x) && typeof x.port === 'number')
      .map((x: Obj) => ({ ...(x.name ? { name: String(x.name) } : {}), port: x.port, protocol: String(x.protocol), targetPort: x.targetPort, ...(typeof x.nodePort === 'number' ? { nodePort: x.nodePort } : {}) }));
    const selector = isObj(spec.selector) && Object.keys(spec.selector).length ? strMap(spec.selector) : null;
    const fqdn = `${name}.${namespace}.svc.${domain}`;
    const problem = (severity: ExplainProblem['severity'], rule: string, message: string) => problems.push({ severity, rule, object: id, message, place });

    const selected = selector && type !== 'ExternalName' ? workloads.filter((w) => w.namespace === namespace && selectorMatches({ matchLabels: selector }, w.labels)) : [];
    const endpoints =
      selector || type === 'ExternalName'
        ? []
        : endpointObjects
            .filter((e) => String(e.obj.metadata?.namespace || defaultNs) === namespace && (e.obj.kind === 'Endpoints' ? e.obj.metadata?.name === name : e.obj.metadata?.labels?.['kubernetes.io/service-name'] === name))
            .map((e) => {
              const addrs: Obj[] =
                e.obj.kind === 'Endpoints'
                  ? (Array.isArray(e.obj.subsets) ? e.obj.subsets : []).flatMap((s: Obj) => (Array.isArray(s?.addresses) ? s.addresses : []))
                  : (Array.isArray(e.obj.endpoints) ? e.obj.endpoints : []).flatMap((x: Obj) =>
                      (Array.isArray(x?.addresses) ? x.addresses : []).map((ip: unknown) => ({ ip, hostname: x.hostname })),
                    );
              return {
                source: `${e.obj.kind}/${e.obj.metadata?.name}`,
                addresses: addrs.filter(isObj).map((a) => String(a.ip ?? '')).filter(Boolean),
                hostnames: addrs.filter(isObj).map((a) => a.hostname).filter((h): h is string => typeof h === 'string' && h.length > 0),
              };
            });
    const clusterIP = type === 'ExternalName' ? '' : headless ? 'None' : spec.clusterIP ? String(spec.clusterIP) : ALLOCATED;
    const families: string[] = Array.isArray(spec.ipFamilies) ? spec.ipFamilies.map(String) : [];
    const dualStack = spec.ipFamilyPolicy === 'RequireDualStack' || spec.ipFamilyPolicy === 'PreferDualStack' || families.length === 2;
    const addrType: DnsRecord['type'] = dualStack ? 'A/AAAA' : families[0] === 'IPv6' ? 'AAAA' : families[0] === 'IPv4' ? 'A' : 'A/AAAA';
    const shortForms = [`${name} (from namespace ${namespace})`, `${name}.${namespace}`, `${name}.${namespace}.svc`];

    // DNS (kubernetes/dns docs/specification.md, section 2.4)
    const dns: DnsRecord[] = [];
    if (type === 'ExternalName') {
      dns.push({ name: fqdn, type: 'CNAME', value: String(spec.externalName ?? ''), shortForms });
    } else if (!headless) {
      const familyNote = addrType === 'A/AAAA' && !dualStack ? ' (A on an IPv4 cluster, AAAA on IPv6)' : '';
      dns.push({ name: fqdn, type: addrType, value: `cluster IP ${clusterIP === ALLOCATED ? '(allocated)' : clusterIP}${familyNote}`, shortForms });
      for (const port of ports) {
        if (port.name) dns.push({ name: `_${port.name}.${PROTO(port.protocol)}.${fqdn}`, type: 'SRV', value: `${port.port} ${fqdn}` });
      }
    } else {
      // headless: the ready endpoints' addresses
      const podNames: string[] = [];
      let readyText: string;
      if (selector) {
        const total = selected.reduce<number | null>((n, w) => (n === null || w.replicas === null ? null : n + w.replicas), 0);
        readyText = `the IP of each ready Pod (${selected.length ? (total === null ? 'one per node' : `${total} when all are ready`) : 'none selected'})`;
        for (const w of selected) {
          if (w.subdomain !== name) continue;
          if (w.kind === 'StatefulSet') {
            const replicas = w.replicas ?? 0;
            for (let i = 0; i < Math.min(replicas, MAX_POD_NAMES); i++) podNames.push(`${w.name}-${i}`);
            if (replicas > MAX_POD_NAMES) {
              problem('note', 'pod-names-not-listed', `${display(w.id)} has ${replicas} replicas: the DNS names of its Pods from ${w.name}-${MAX_POD_NAMES}.${fqdn} on follow the same pattern and are not listed`);
            }
          }
          else if (w.hostname && (w.replicas ?? 0) >= 1) podNames.push(w.hostname);
        }
      } else {
        const all = endpoints.flatMap((e) => e.addresses);
        readyText = all.length ? all.join(', ') : 'nothing (no Endpoints or EndpointSlice for it in the input)';
        podNames.push(...endpoints.flatMap((e) => e.hostnames));
      }
      dns.push({ name: fqdn, type: addrType === 'A/AAAA' ? 'A/AAAA' : addrType, value: readyText, shortForms });
      for (const pod of [...new Set(podNames)]) dns.push({ name: `${pod}.${fqdn}`, type: addrType === 'A/AAAA' ? 'A/AAAA' : addrType, value: `the IP of Pod ${pod}` });
      for (const port of ports) {
        if (port.name) {
          dns.push({
            name: `_${port.name}.${PROTO(port.protocol)}.${fqdn}`,
            type: 'SRV',
            value: `${typeof port.targetPort === 'number' ? port.targetPort : port.port} <pod>.${fqdn}, one record per ready endpoint`,
          });
        }
      }
    }

    // environment variables (pkg/kubelet/envvars; kubelet_pods.go getServiceEnvVarMap)
    let env: ServiceEnv | null = null;
    if (clusterIP !== '' && clusterIP !== 'None' && ports.length) {
      const mine = order.get(id) ?? 0;
      const receivers: string[] = [];
      const excluded: ServiceEnv['excluded'] = [];
      for (const w of workloads.filter((x) => x.namespace === namespace)) {
        if (!w.enableServiceLinks) excluded.push({ workload: w.id, reason: 'enableServiceLinks: false' });
        else if ((order.get(w.id) ?? 0) < mine && w.kind === 'Pod') excluded.push({ workload: w.id, reason: 'a bare Pod applied before this Service: it is never re-created, so it never gets them' });
        else if ((order.get(w.id) ?? 0) < mine) {
          receivers.push(w.id);
          excluded.push({ workload: w.id, reason: 'applied before this Service: its first Pods start without these variables (they get them when re-created)' });
        } else receivers.push(w.id);
      }
      env = { variables: serviceEnvVars(name, clusterIP, ports), receivers, excluded };
    }

    // port chains
    const onNodes = type === 'NodePort' || (type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
    const chains: PortChain[] = ports.map((port) => {
      const broken: string[] = [];
      const notes: string[] = [];
      let targets: PortTarget[] = [];
      let tail: string;
      if (type === 'ExternalName') {
        tail = `${spec.externalName}:${port.port}`;
      } else if (selector) {
        targets = selected.map((w) => resolveTarget(w, port.targetPort, port.protocol));
        if (!selected.length) broken.push(`the selector ${Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(', ')} matches no Pod template in the input: nothing is behind this port`);
        for (const t of targets) (t.containerPort === undefined ? broken : notes).push(...(t.note ? [t.note] : []));
        const resolved = targets.filter((t) => t.containerPort !== undefined);
        const uniq = [...new Set(resolved.map((t) => `${t.containerPort}${t.container ? ` (container ${t.container}${selected.length > 1 ? ` of ${display(t.workload)}` : ''})` : ` (${display(t.workload)})`}`))];
        tail = uniq.length ? uniq.join(' | ') : '(nothing)';
      } else {
        const addrs = endpoints.flatMap((e) => e.addresses);
        if (!addrs.length) broken.push('no selector and no Endpoints or EndpointSlice for it in the input: nothing is behind this port unless they are created elsewhere');
        tail = addrs.length ? `${addrs.map((a) => joinHostPort(a, typeof port.targetPort === 'number' ? port.targetPort : port.port)).join(', ')} (hand-written endpoints)` : '(no endpoints)';
      }
      const nodePort: PortChain['nodePort'] = onNodes ? (port.nodePort ?? 'allocated') : undefined;
      const head = nodePort === undefined ? '' : `node port (${nodePort === 'allocated' ? `allocated, ${NODE_PORT_RANGE}` : `fixed ${nodePort}`}) -> `;
      const middle = type === 'ExternalName' ? `${port.port} -> ` : headless ? '' : `${port.port} -> `;
      const target = type === 'ExternalName' ? '' : typeof port.targetPort === 'string' ? `${port.targetPort} -> ` : '';
      const chain = `${head}${middle}${target}${tail}`;
      if (headless) notes.push('headless: clients connect to the Pod IPs directly, on the target port; the Service port is only a name for it');
      for (const b of broken) if (selected.length || endpoints.length) problem('warning', 'target-port-name', `port ${portLabel(port)}: ${b}`);
      for (const n of notes.filter((x) => !x.startsWith('headless'))) problem('note', 'target-port-undeclared', `port ${portLabel(port)}: ${n}`);
      return {
        ...(port.name ? { name: port.name } : {}),
        protocol: port.protocol,
        port: port.port,
        ...(nodePort !== undefined ? { nodePort } : {}),
        targetPort: port.targetPort,
        targets,
        chain,
        broken,
        notes,
      };
    });

    if (type !== 'ExternalName' && ports.length && !selected.length && !endpoints.flatMap((x) => x.addresses).length) {
      problem('warning', 'nothing-behind', chains[0].broken[0] ?? 'nothing is behind this Service');
    }

    // from outside, and the policies
    const external: string[] = [];
    for (const port of ports) {
      if (onNodes) external.push(`every node's address, port ${port.nodePort ?? `(allocated, ${NODE_PORT_RANGE})`}/${port.protocol} -> ${port.port}`);
      if (type === 'LoadBalancer') external.push(`the load balancer's address (provisioned by the cloud provider${spec.loadBalancerClass ? `, class ${spec.loadBalancerClass}` : ''}), port ${port.port}/${port.protocol}`);
      for (const ip of Array.isArray(spec.externalIPs) ? spec.externalIPs : []) external.push(`external IP ${joinHostPort(String(ip), port.port)}/${port.protocol} (on nodes that route ${ip})`);
    }
    for (const r of routes.filter((x) => x.namespace === namespace && x.service === name)) {
      const target = ports.find((x) => (typeof r.port === 'number' ? x.port === r.port : x.name === r.port));
      const via = `the ingress controller${r.className ? ` (class ${r.className})` : ''}`;
      if (!target) {
        problem('warning', 'ingress-port', `Ingress ${r.ingress} routes ${r.url} to port ${typeof r.port === 'number' ? r.port : `"${r.port}"`}, which this Service does not have (its ports: ${ports.map((x) => (x.name ? `${x.name} (${x.port})` : x.port)).join(', ') || 'none'}): the controller answers 503`);
        continue;
      }
      external.push(`Ingress ${r.ingress}: ${r.url} -> ${target.port}${target.name ? ` (${target.name})` : ''}, through ${via}`);
    }
    const traffic: string[] = [];
    const exposed = onNodes || type === 'LoadBalancer' || (Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
    if (exposed && type !== 'ExternalName') {
      traffic.push(
        spec.externalTrafficPolicy === 'Local'
          ? 'externalTrafficPolicy Local: the client address is kept; a node with no ready Pod of the Service drops external traffic'
          : 'externalTrafficPolicy Cluster: any node forwards to any ready Pod; the client address is replaced by the node\'s',
      );
    }
    if (spec.internalTrafficPolicy === 'Local') traffic.push('internalTrafficPolicy Local: Pods reach only endpoints on their own node (none there: the connection fails)');
    if (spec.sessionAffinity === 'ClientIP') traffic.push(`sessionAffinity ClientIP: a client stays with one Pod for ${spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800} s`);
    if (Array.isArray(spec.loadBalancerSourceRanges) && spec.loadBalancerSourceRanges.length) traffic.push(`only from ${spec.loadBalancerSourceRanges.join(', ')}`);
    if (spec.publishNotReadyAddresses === true) traffic.push('publishNotReadyAddresses: Pods are in DNS before they are ready');

    services.push({
      id,
      name,
      namespace,
      type,
      headless,
      clusterIP,
      ...(type === 'ExternalName' ? { externalName: String(spec.externalName ?? '') } : {}),
      selector,
      selects: selected.map((w) => ({ workload: w.id, replicas: w.replicas })),
      endpoints,
      dns,
      env,
      ports: chains,
      external,
      traffic,
      place,
    });
  }
  for (const r of routes) {
    if (services.some((x) => x.namespace === r.namespace && x.name === r.service)) continue;
    const likely = closestName(r.service, services.filter((x) => x.namespace === r.namespace).map((x) => x.name));
    problems.push({
      severity: 'warning',
      rule: 'ingress-backend',
      object: `Ingress/${r.namespace}/${r.ingress}`,
      message: `routes ${r.url} to Service "${r.service}", which is not in the input${likely ? ` (did you mean "${likely}"?)` : ''}: the controller answers 503 unless it is created elsewhere`,
      place: r.place,
    });
  }
  return { services, problems };
}

/** One path of an Ingress to a Service port. */
interface IngressRoute {
  readonly ingress: string;
  readonly namespace: string;
  readonly className?: string;
  /** `https://shop.example.com/` (`*` for any host) */
  readonly url: string;
  readonly service: string;
  readonly port: number | string;
  /** where the Ingress is */
  readonly place: { readonly file: string; readonly line: number };
}

/** Every Ingress path (and default backend) that names a Service. */
function ingressRoutes(objects: readonly PlacedObject[], defaultNs: string): IngressRoute[] {
  const out: IngressRoute[] = [];
  for (const p of objects) {
    const o = p.obj;
    if (o.kind !== 'Ingress' || !isObj(o.metadata) || !isObj(o.spec)) continue;
    const namespace = String(o.metadata.namespace || defaultNs);
    const ingress = `${o.metadata.name}`;
    const className = typeof o.spec.ingressClassName === 'string' ? o.spec.ingressClassName : undefined;
    const tlsHosts = new Set((Array.isArray(o.spec.tls) ? o.spec.tls : []).filter(isObj).flatMap((t: Obj) => (Array.isArray(t.hosts) ? t.hosts.map(String) : ['*'])));
    const add = (host: string | undefined, path: string, backend: unknown) => {
      const svc = isObj(backend) && isObj(backend.service) ? backend.service : undefined;
      if (!svc || typeof svc.name !== 'string' || !isObj(svc.port)) return;
      const port = typeof svc.port.number === 'number' ? svc.port.number : typeof svc.port.name === 'string' ? svc.port.name : undefined;
      if (port === undefined) return;
      const scheme = tlsHosts.has(host ?? '*') || (host !== undefined && tlsHosts.has('*')) ? 'https' : 'http';
      out.push({ ingress, namespace, ...(className ? { className } : {}), url: `${scheme}://${host ?? '*'}${path}`, service: svc.name, port, place: { file: p.file, line: p.line } });
    };
    if (o.spec.defaultBackend) add(undefined, '/', o.spec.defaultBackend);
    for (const rule of (Array.isArray(o.spec.rules) ? o.spec.rules : []).filter(isObj)) {
      const paths = isObj(rule.http) && Array.isArray(rule.http.paths) ? rule.http.paths.filter(isObj) : [];
      for (const x of paths) add(typeof rule.host === 'string' ? rule.host : undefined, typeof x.path === 'string' ? x.path : '/', x.backend);
    }
  }
  return out;
}

/** Probes on port names no container of the Pod declares. */
function probeProblems(pairs: readonly WorkloadPair[]): ExplainProblem[] {
  const out: ExplainProblem[] = [];
  for (const { p, w } of pairs) {
    const t = podTemplateOf(p.obj)!;
    for (const c of Array.isArray(t.spec!.containers) ? t.spec!.containers.filter(isObj) : []) {
      const names = new Set((Array.isArray(c.ports) ? c.ports : []).filter(isObj).map((x: Obj) => x.name).filter(Boolean));
      for (const kind of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
        const probe = c[kind];
        if (!isObj(probe)) continue;
        for (const handler of ['httpGet', 'tcpSocket', 'grpc']) {
          const port = probe[handler]?.port;
          if (typeof port === 'string' && !/^\d+$/.test(port) && !names.has(port)) {
            out.push({
              severity: 'warning',
              rule: 'probe-port-name',
              object: w.id,
              message: `container ${c.name}: ${kind}.${handler}.port "${port}" is not a port name of the container (${names.size ? [...names].join(', ') : 'it names none'}): the probe fails`,
              place: w.place,
            });
          }
        }
      }
    }
  }
  return out;
}

// ---- who talks to whom ----

/** Default ports of URL schemes, for references that give none. */
const SCHEME_PORTS: Record<string, number> = {
  http: 80, https: 443, ws: 80, wss: 443, redis: 6379, rediss: 6379, postgres: 5432, postgresql: 5432, mysql: 3306, mariadb: 3306,
  mongodb: 27017, amqp: 5672, amqps: 5671, nats: 4222, ftp: 21, ldap: 389, ldaps: 636, memcached: 11211, smtp: 25, grpc: 80,
};

/** Env keys whose value is a host (a bare name there is a reference). */
const HOST_KEY = /(^|_)(HOST|HOSTS|ADDR|ADDRESS|SERVER|SERVERS|ENDPOINT|URL|URI|DSN|BROKER|BROKERS)$|^(DB|DATABASE|REDIS|MONGO|MONGODB|POSTGRES|MYSQL|AMQP|RABBITMQ|KAFKA|ELASTICSEARCH|MEMCACHED)$/i;
const NOT_A_HOST_KEY = /^(HOST|HOSTNAME|SERVER_NAME|VIRTUAL_HOST|ALLOWED_HOSTS)$|(^|_)(BIND|LISTEN)(_|$)/i;
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOSTNAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*\\.?$`, 'i');
const URL_RE = /\b([a-z][a-z0-9+.-]*):\/\/(?:[^\s/@]*@)?([^\s/?#"'`<>;)}]+)/gi;
const HOST_PORT_RE = new RegExp(`(?<![\\w.:/@-])(${LABEL}(?:\\.${LABEL})*):(\\d{1,5})(?![\\w.:-])`, 'gi');
const NOT_HOSTS = new Set(['localhost', 'localhost.localdomain', 'host.docker.internal', 'true', 'false', 'yes', 'no', 'null', 'none']);

interface Reference {
  readonly host: string;
  readonly port?: number;
  readonly scheme?: string;
  /** a bare name (the whole value), found only under a host-like key */
  readonly bare: boolean;
  /** URL or host:port: the shape says it is a host */
  readonly shaped: boolean;
}

function isIp(h: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(h) || h.includes(':') || h.startsWith('[');
}

/** Host references in one string. `hostKey`: the value sits under a key that names a host. */
export function referencesIn(value: string, hostKey: boolean): Reference[] {
  const out: Reference[] = [];
  const spans: [number, number][] = [];
  for (const m of value.matchAll(URL_RE)) {
    spans.push([m.index!, m.index! + m[0].length]);
    const scheme = m[1].toLowerCase();
    if (scheme === 'file' || scheme === 'unix') continue;
    // mongodb://h1:27017,h2:27017/db lists hosts
    for (const part of m[2].split(',')) {
      const hm = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(part);
      if (!hm) continue;
      out.push({ host: hm[1], ...(hm[2] ? { port: Number(hm[2]) } : {}), scheme, bare: false, shaped: true });
    }
  }
  for (const m of value.matchAll(HOST_PORT_RE)) {
    if (spans.some(([a, b]) => m.index! >= a && m.index! < b)) continue;
    out.push({ host: m[1], port: Number(m[2]), bare: false, shaped: true });
  }
  const trimmed = value.trim();
  if (out.length === 0 && hostKey && HOSTNAME.test(trimmed) && !/^\d+$/.test(trimmed)) out.push({ host: trimmed, bare: true, shaped: false });
  if (out.length === 0 && hostKey && trimmed.includes(',')) {
    for (const part of trimmed.split(',').map((s) => s.trim())) if (HOSTNAME.test(part) && !/^\d/.test(part)) out.push({ host: part, bare: true, shaped: false });
  }
  // a host is a DNS name with a letter in it (not `8443` of `8443:8443`, not `+` or `*` of `http://+:80`)
  return out.filter((r) => HOSTNAME.test(r.host) && /[a-z]/i.test(r.host) && !NOT_HOSTS.has(r.host.toLowerCase()) && !isIp(r.host));
}

interface ServiceIndex {
  /** the Service (and the Pod, for `<pod>.<svc>...`) a host name resolves to from a namespace */
  resolve(host: string, fromNs: string): { service: ServiceInfo; pod?: string } | undefined;
  readonly namespaces: Set<string>;
}

function serviceIndex(services: readonly ServiceInfo[], domain: string): ServiceIndex {
  const byKey = new Map(services.map((s) => [`${s.namespace}/${s.name}`, s]));
  const namespaces = new Set(services.map((s) => s.namespace));
  return {
    namespaces,
    resolve(host, fromNs) {
      const h = host.toLowerCase().replace(/\.$/, '');
      const suffix = `.svc.${domain}`;
      const rest = h.endsWith(suffix) ? h.slice(0, -suffix.length) : h.endsWith('.svc') ? h.slice(0, -4) : h;
      const explicitSvc = rest !== h;
      const parts = rest.split('.');
      // name; name.ns; pod.name.ns (with .svc...) — a single label resolves in the client's namespace
      if (parts.length === 1 && !explicitSvc) {
        const s = byKey.get(`${fromNs}/${parts[0]}`);
        return s ? { service: s } : undefined;
      }
      if (parts.length === 2) {
        const s = byKey.get(`${parts[1]}/${parts[0]}`);
        if (s) return { service: s };
        // pod.svc in the client's namespace (the search path adds .ns.svc.cluster.local)
        const t = !explicitSvc ? byKey.get(`${fromNs}/${parts[1]}`) : undefined;
        return t && t.headless ? { service: t, pod: parts[0] } : undefined;
      }
      if (parts.length === 3) {
        const s = byKey.get(`${parts[2]}/${parts[1]}`);
        return s ? { service: s, pod: parts[0] } : undefined;
      }
      return undefined;
    },
  };
}

function isClusterLookingName(host: string, domain: string, namespaces: Set<string>): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (!h.includes('.')) return true;
  if (h.endsWith('.svc') || h.endsWith(`.svc.${domain}`)) return true;
  const parts = h.split('.');
  return parts.length === 2 && namespaces.has(parts[1]);
}

interface Found {
  readonly via: string;
  readonly value: string;
  readonly secretish: boolean;
  readonly hostKey: boolean;
  /** the text of a mounted file, not a single value */
  readonly file?: boolean;
}

/** The strings of a workload that may name other Services, with where they are. */
function stringsOf(p: PlacedObject, configMaps: Map<string, Obj>, namespace: string): Found[] {
  const out: Found[] = [];
  const t = podTemplateOf(p.obj);
  if (!isObj(t?.spec)) return out;
  const cm = (name: unknown) => configMaps.get(`${namespace}/${name}`);
  const containers = [...(Array.isArray(t.spec.initContainers) ? t.spec.initContainers : []), ...(Array.isArray(t.spec.containers) ? t.spec.containers : [])].filter(isObj);
  const multi = containers.length > 1;
  for (const c of containers) {
    const where = multi ? `container ${c.name}: ` : '';
    for (const e of Array.isArray(c.env) ? c.env.filter(isObj) : []) {
      const key = String(e.name ?? '');
      const hostKey = HOST_KEY.test(key) && !NOT_A_HOST_KEY.test(key);
      if (typeof e.value === 'string') out.push({ via: `${where}env ${key}`, value: e.value, secretish: looksSecretName(key) || looksSecretValue(e.value), hostKey });
      const ref = e.valueFrom?.configMapKeyRef;
      if (isObj(ref)) {
        const data = cm(ref.name)?.data;
        if (isObj(data) && typeof data[ref.key] === 'string') {
          out.push({ via: `${where}env ${key} (ConfigMap ${ref.name} key ${ref.key})`, value: data[ref.key], secretish: looksSecretName(key) || looksSecretValue(data[ref.key]), hostKey });
        }
      }
    }
    for (const ef of Array.isArray(c.envFrom) ? c.envFrom.filter(isObj) : []) {
      const data = isObj(ef.configMapRef) ? cm(ef.configMapRef.name)?.data : undefined;
      if (!isObj(data)) continue;
      for (const [k, v] of Object.entries(data)) {
        if (typeof v !== 'string') continue;
        const key = `${ef.prefix ?? ''}${k}`;
        out.push({ via: `${where}env ${key} (ConfigMap ${ef.configMapRef.name})`, value: v, secretish: looksSecretName(key) || looksSecretValue(v), hostKey: HOST_KEY.test(key) && !NOT_A_HOST_KEY.test(key) });
      }
    }
    for (const field of ['command', 'args'] as const) {
      (Array.isArray(c[field]) ? c[field] : []).forEach((a: unknown, i: number) => {
        if (typeof a === 'string') out.push({ via: `${where}${field}[${i}]`, value: a, secretish: looksSecretValue(a), hostKey: false });
      });
    }
  }
  for (const v of Array.isArray(t.spec.volumes) ? t.spec.volumes.filter(isObj) : []) {
    const sources = [v.configMap, ...(Array.isArray(v.projected?.sources) ? v.projected.sources.map((s: Obj) => s?.configMap) : [])].filter(isObj);
    for (const s of sources) {
      const data = cm(s.name)?.data;
      if (!isObj(data)) continue;
      for (const [k, text] of Object.entries(data)) {
        if (typeof text === 'string') out.push({ via: `ConfigMap ${s.name} key ${k} (mounted)`, value: text, secretish: looksSecretName(k) || looksSecretValue(text), hostKey: false, file: true });
      }
    }
  }
  return out;
}

function buildEdges(objects: readonly PlacedObject[], pairs: readonly WorkloadPair[], services: readonly ServiceInfo[], domain: string, defaultNs: string): { edges: Edge[]; problems: ExplainProblem[] } {
  const index = serviceIndex(services, domain);
  const configMaps = new Map<string, Obj>();
  for (const p of objects) if (p.obj.kind === 'ConfigMap' && isObj(p.obj.metadata)) configMaps.set(`${p.obj.metadata.namespace || defaultNs}/${p.obj.metadata.name}`, p.obj);
  const edges: Edge[] = [];
  const problems: ExplainProblem[] = [];
  const namespaces = new Set([...index.namespaces, ...pairs.map(({ w }) => w.namespace)]);
  for (const { p, w } of pairs) {
    const ns = w.namespace;
    const seen = new Set<string>();
    for (const f of stringsOf(p, configMaps, ns)) {
      for (const r of referencesIn(f.value, f.hostKey)) {
        const hit = index.resolve(r.host, ns);
        const key = `${f.via}\u0000${r.host}\u0000${r.port ?? ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const value = f.secretish ? undefined : f.value.length > 200 ? undefined : f.value;
        if (!hit) {
          // names that only the cluster could answer: a single label, .svc names, name.<namespace of the input>
          if (!isClusterLookingName(r.host, domain, namespaces)) continue;
          if (w.hostname && r.host.toLowerCase() === w.hostname.toLowerCase()) continue;
          if (w.containers.some((c) => c.name === r.host)) continue;
          if (r.bare && !f.hostKey) continue;
          if (f.file && !r.scheme) continue; // a mounted file's `name:port` may be anything (a YAML key, a time); only URLs there
          const sameNs = services.filter((s) => s.namespace === ns).map((s) => s.name);
          const close = closestName(r.host.split('.')[0], sameNs);
          edges.push({ from: w.id, to: null, host: r.host, ...(r.port !== undefined ? { port: r.port } : {}), via: f.via, ...(value !== undefined ? { value } : {}), portNote: 'no Service answers this name', ok: false });
          problems.push({
            severity: 'warning',
            rule: 'unknown-host',
            object: w.id,
            message: `${f.via} refers to host "${r.host}", which no Service of the input answers from namespace ${ns}${close ? ` (did you mean "${close}"?)` : sameNs.length ? ` (Services there: ${sameNs.join(', ')})` : ''}; the name fails to resolve unless something else provides it`,
            place: w.place,
          });
          continue;
        }
        const s = hit.service;
        const { port, portNote, ok } = checkPort(s, r, hit.pod);
        edges.push({ from: w.id, to: s.id, host: r.host, ...(port !== undefined ? { port } : {}), via: f.via, ...(value !== undefined ? { value } : {}), portNote, ok });
        if (!ok) {
          problems.push({ severity: 'warning', rule: 'reference-port', object: w.id, message: `${f.via} refers to ${r.host}${r.port !== undefined ? `:${r.port}` : ''}: ${portNote}`, place: w.place });
        }
      }
    }
  }
  return { edges, problems };
}

function checkPort(s: ServiceInfo, r: Reference, pod?: string): { port?: number; portNote: string; ok: boolean } {
  if (s.type === 'ExternalName') return { ...(r.port !== undefined ? { port: r.port } : {}), portNote: `a CNAME to ${s.externalName}: the port is the external service's`, ok: true };
  const direct = s.headless || pod !== undefined;
  // clients of a headless Service connect to the Pods: the target (container) ports
  const numbers = direct
    ? s.ports.flatMap((p) => [typeof p.targetPort === 'number' ? p.targetPort : undefined, ...p.targets.map((t) => t.containerPort)]).filter((x): x is number => x !== undefined)
    : s.ports.map((p) => p.port);
  const list = [...new Set(numbers)].join(', ');
  if (direct && !s.ports.length) {
    return { ...(r.port !== undefined ? { port: r.port } : {}), portNote: `${r.port !== undefined ? `port ${r.port} on the Pods` : 'the Pods'}: a headless Service without ports resolves to their addresses, any port the process listens on works`, ok: true };
  }
  if (r.port !== undefined) {
    if (numbers.includes(r.port)) return { port: r.port, portNote: `port ${r.port}${direct ? ' (on the Pods)' : ''}`, ok: true };
    if (!s.ports.length) return { port: r.port, portNote: `port ${r.port}; the Service declares no ports`, ok: false };
    return { port: r.port, portNote: `port ${r.port} is not a port of Service ${s.name}${direct ? "'s Pods" : ''} (${list || 'none'}): the connection is refused or times out`, ok: false };
  }
  const schemePort = r.scheme ? SCHEME_PORTS[r.scheme] : undefined;
  if (schemePort !== undefined) {
    if (numbers.includes(schemePort)) return { port: schemePort, portNote: `port ${schemePort} (${r.scheme}'s default)`, ok: true };
    return { port: schemePort, portNote: `no port given, so ${r.scheme}'s default ${schemePort}, which is not a port of Service ${s.name} (${list || 'none'})`, ok: false };
  }
  if (s.ports.length === 1) {
    const only = direct ? (numbers[0] ?? s.ports[0].port) : s.ports[0].port;
    return { port: only, portNote: `port ${only}: the Service's only port (a bare host name; the client must use that port)`, ok: true };
  }
  if (!s.ports.length) return { portNote: 'the Service declares no ports', ok: false };
  return { portNote: `no port given; the Service has ports ${list}: the client must pick one`, ok: true };
}

/** The Service a name probably meant: one that adds a prefix or suffix to it (compose `db`, Service `myapp-db`), else a near typo. */
function closestName(name: string, candidates: readonly string[]): string | undefined {
  return candidates.find((c) => c.endsWith(`-${name}`) || c.startsWith(`${name}-`)) ?? closest(name, candidates);
}

/**
 * A map read from YAML may have a key named `toString` or `valueOf` (`name: {toString: 5}`, by
 * mistake or on purpose), and then JavaScript cannot turn it into text: `String()` and template
 * strings of it throw. explain reads copies whose maps turn into text as `[object Object]` whatever
 * their keys; the keys and values are the same.
 */
const TEXT_SAFE: object = Object.create(Object.prototype, { [Symbol.toPrimitive]: { value: () => '[object Object]' } });

function textSafe(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(textSafe);
  if (typeof v !== 'object' || v === null) return v;
  const o = Object.create(TEXT_SAFE) as Obj;
  for (const k of Object.keys(v)) {
    const x = textSafe((v as Obj)[k]);
    // (assigning `__proto__` would set the prototype: it is defined as the data key it is)
    if (k === '__proto__') Object.defineProperty(o, k, { value: x, enumerable: true, writable: true, configurable: true });
    else o[k] = x;
  }
  return o;
}

/** Expands `kind: List` items; keeps objects with a kind (as text-safe copies). */
export function flattenObjects(objects: readonly PlacedObject[]): PlacedObject[] {
  const out: PlacedObject[] = [];
  for (const given of objects) {
    const p = { ...given, obj: textSafe(given.obj) as Obj };
    if (!isObj(p.obj)) continue;
    if (typeof p.obj.kind === 'string' && p.obj.kind.endsWith('List') && Array.isArray(p.obj.items)) {
      for (const item of p.obj.items) if (isObj(item) && typeof item.kind === 'string') out.push({ ...p, obj: item });
    } else if (typeof p.obj.kind === 'string') out.push(p);
  }
  return out;
}

/** Explains a set of objects (one app, as one `kubectl apply` would create them, in order). */
export function explain(input: readonly PlacedObject[], options: ExplainOptions = {}): Explanation {
  const domain = options.clusterDomain ?? 'cluster.local';
  const defaultNs = options.namespace ?? 'default';
  const objects = flattenObjects(input);
  const pairs: WorkloadPair[] = [];
  for (const p of objects) {
    const w = WORKLOAD_KINDS.has(p.obj.kind) ? workloadOf(p, defaultNs) : undefined;
    if (w) pairs.push({ p, w });
  }
  const workloads = pairs.map(({ w }) => w);
  const { services, problems } = buildServices(objects, workloads, domain, defaultNs);
  const { edges, problems: edgeProblems } = buildEdges(objects, pairs, services, domain, defaultNs);
  return { schema: EXPLAIN_SCHEMA, clusterDomain: domain, services, workloads, edges, problems: [...problems, ...probeProblems(pairs), ...edgeProblems] };
}
