/**
 * A Service's props checked and made into its L1 props, without a construct tree: what the Service
 * construct does, and what `svcgen convert` renders (see _render.ts). Requires neither cdk8s nor
 * constructs.
 */
import { ConstructError } from '../errors';
import { k8s } from '../l1';
import { FieldError, forbidden, invalid } from '../validate/field';
import { dns1035Label } from '../validate/rules/_common';
import { validateServiceSpec } from '../validate/rules/service';
import { PortRef, Protocol, TargetPort } from './ports';
import type { L1Object } from './_render';
import type { Workload } from './workload';

/** The kind of Service. Mirrors the wire values. Headless is not a type: see `headless`. */
export enum ServiceType {
  CLUSTER_IP = 'ClusterIP',
  NODE_PORT = 'NodePort',
  LOAD_BALANCER = 'LoadBalancer',
  EXTERNAL_NAME = 'ExternalName',
}

/** Whether a client keeps reaching the same Pod. */
export enum SessionAffinity {
  NONE = 'None',
  CLIENT_IP = 'ClientIP',
}

/** Where traffic from outside (NodePort, LoadBalancer, externalIPs) or inside the cluster may go. */
export enum TrafficPolicy {
  /** Any ready endpoint in the cluster. */
  CLUSTER = 'Cluster',
  /** Only endpoints on the node that received the traffic (keeps the client IP). */
  LOCAL = 'Local',
}

/**
 * One port of a Service.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceSpec
 */
export interface ServicePort {
  /** The port clients use on the Service. */
  readonly port: number;
  /**
   * The port on the Pods: a number, a container port's name, or a `TargetPort`.
   * @default - not emitted: Kubernetes uses `port`
   */
  readonly targetPort?: PortRef | TargetPort;
  /** Required when the Service has more than one port; a DNS label. @default - unnamed */
  readonly name?: string;
  /** @default - not emitted (TCP) */
  readonly protocol?: Protocol;
  /** NodePort/LoadBalancer only: a fixed port on every node (30000-32767). @default - allocated by the cluster */
  readonly nodePort?: number;
  /** e.g. `http`, `kubernetes.io/h2c`. @default - none */
  readonly appProtocol?: string;
}

/** Everything about a Service but its name and what it selects. */
export interface ServiceOptions {
  /** @default - not emitted (ClusterIP) */
  readonly type?: ServiceType;
  /** @default - none (only a headless or ExternalName Service may have none) */
  readonly ports?: readonly ServicePort[];
  /** A chosen cluster IP (must be in the cluster's service range). @default - allocated */
  readonly clusterIP?: string;
  /**
   * Headless (`clusterIP: None`): no virtual IP; DNS answers with the Pod IPs (or, without a
   * selector, with the hand-written endpoints).
   * @default false
   */
  readonly headless?: boolean;
  /** Node IPs on which the Service also answers. @default - none */
  readonly externalIPs?: readonly string[];
  /** @default - not emitted (None) */
  readonly sessionAffinity?: SessionAffinity;
  /** ClientIP affinity only: 1 to 86400 seconds. @default - not emitted (10800) */
  readonly sessionAffinityTimeoutSeconds?: number;
  /** LoadBalancer only (deprecated by Kubernetes, still honoured by many clouds). @default - none */
  readonly loadBalancerIP?: string;
  /** LoadBalancer only: a non-default load-balancer implementation. @default - the cloud's default */
  readonly loadBalancerClass?: string;
  /** LoadBalancer only: CIDRs allowed to connect. @default - everyone */
  readonly loadBalancerSourceRanges?: readonly string[];
  /** LoadBalancer only. @default - not emitted (true) */
  readonly allocateLoadBalancerNodePorts?: boolean;
  /** NodePort/LoadBalancer/externalIPs only. @default - not emitted (Cluster) */
  readonly externalTrafficPolicy?: TrafficPolicy;
  /** @default - not emitted (Cluster) */
  readonly internalTrafficPolicy?: TrafficPolicy;
  /** Publish Pods before they are ready (StatefulSet peers finding each other). @default false */
  readonly publishNotReadyAddresses?: boolean;
  /** @default - none */
  readonly ipFamilies?: readonly ('IPv4' | 'IPv6')[];
  /** @default - SingleStack */
  readonly ipFamilyPolicy?: 'SingleStack' | 'PreferDualStack' | 'RequireDualStack';
  /** Labels of the Service object (never its selector). @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface ServiceProps extends ServiceOptions {
  /** metadata.name; a DNS-1035 label. @default - the construct id */
  readonly name?: string;
  /** @default - the chart's namespace */
  readonly namespace?: string;
  /**
   * The Pods behind the Service: a workload (its selector labels; named target ports are then
   * checked against its containers) or labels.
   * @default - no selector: endpoints are written by hand (see `Endpoints`)
   */
  readonly selector?: Workload | Readonly<Record<string, string>>;
  /** ExternalName Services only: the DNS name this Service aliases. */
  readonly externalName?: string;
}


/** The selector of a Service's props: a workload's selector labels (and the workload), or labels. */
export function serviceSelector(props: ServiceProps): { readonly workload?: Workload; readonly labels?: Readonly<Record<string, string>> } {
  if (props.selector && isWorkload(props.selector)) return { workload: props.selector, labels: props.selector.selectorLabels };
  if (props.selector) return { labels: props.selector as Readonly<Record<string, string>> };
  return {};
}

function isWorkload(x: unknown): x is Workload {
  return typeof x === 'object' && x !== null && 'selectorLabels' in x && 'declaredPorts' in x;
}

/** The spec in typed L1 form. */
export function serviceSpec(p: ServiceProps, ports: readonly ServicePort[], selectorLabels: Readonly<Record<string, string>> | undefined): k8s.ServiceSpec {
  const affinityConfig =
    p.sessionAffinityTimeoutSeconds !== undefined ? { clientIp: { timeoutSeconds: p.sessionAffinityTimeoutSeconds } } : undefined;
  return {
    type: p.type,
    clusterIp: p.headless ? 'None' : p.clusterIP,
    externalName: p.externalName,
    selector: selectorLabels ? { ...selectorLabels } : undefined,
    ports: ports.length
      ? ports.map((sp) => ({
          name: sp.name,
          protocol: sp.protocol,
          appProtocol: sp.appProtocol,
          port: sp.port,
          targetPort: sp.targetPort === undefined ? undefined : TargetPort.of(sp.targetPort)._toKube(),
          nodePort: sp.nodePort,
        }))
      : undefined,
    externalIPs: p.externalIPs?.length ? [...p.externalIPs] : undefined,
    sessionAffinity: p.sessionAffinity,
    sessionAffinityConfig: affinityConfig,
    loadBalancerIp: p.loadBalancerIP,
    loadBalancerClass: p.loadBalancerClass,
    loadBalancerSourceRanges: p.loadBalancerSourceRanges?.length ? [...p.loadBalancerSourceRanges] : undefined,
    allocateLoadBalancerNodePorts: p.allocateLoadBalancerNodePorts,
    externalTrafficPolicy: p.externalTrafficPolicy,
    internalTrafficPolicy: p.internalTrafficPolicy,
    publishNotReadyAddresses: p.publishNotReadyAddresses,
    ipFamilies: p.ipFamilies?.length ? [...p.ipFamilies] : undefined,
    ipFamilyPolicy: p.ipFamilyPolicy,
  };
}

/** What the API server would reject, and what svcgen rejects although the API server would store it (settings that do nothing). */
export function serviceProblems(name: string, p: ServiceProps, ports: readonly ServicePort[], selectorLabels: Readonly<Record<string, string>> | undefined): FieldError[] {
  const spec = k8s.toJson_ServiceSpec(serviceSpec(p, ports, selectorLabels)) as Record<string, unknown>;
  const type = p.type ?? ServiceType.CLUSTER_IP;
  const own: FieldError[] = [];
  if (type === ServiceType.EXTERNAL_NAME) {
    if (ports.length) own.push(forbidden('spec.ports', 'an ExternalName Service is a DNS alias (CNAME): ports are never used; remove them'));
    if (selectorLabels) own.push(forbidden('spec.selector', 'an ExternalName Service is a DNS alias (CNAME): it selects no Pods; remove the selector'));
    if (p.headless || p.clusterIP) own.push(forbidden('spec.clusterIP', 'may not be set for ExternalName services'));
  } else if (p.externalName !== undefined) {
    own.push(forbidden('spec.externalName', `may only be used when \`type\` is 'ExternalName' (the type is '${type}'); use Service.forExternalName()`));
  }
  if (p.headless && p.clusterIP && p.clusterIP !== 'None') {
    own.push(invalid('spec.clusterIP', p.clusterIP, 'a headless Service has clusterIP None; drop either `headless` or `clusterIP`'));
  }
  if (p.sessionAffinityTimeoutSeconds !== undefined && p.sessionAffinity !== SessionAffinity.CLIENT_IP) {
    own.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None; set sessionAffinity: SessionAffinity.CLIENT_IP'));
  }
  return [...dns1035Label(name, 'metadata.name', 'meta-name'), ...validateServiceSpec(spec).filter((e) => !e.warning), ...own];
}

/** The L1 props of the Service object around its spec (`spec` may be a cdk8s Lazy). */
export function serviceObject(name: string, p: ServiceProps, spec: unknown): L1Object {
  return { l1: 'KubeService', props: { metadata: { name, namespace: p.namespace, labels: p.labels, annotations: p.annotations }, spec } };
}

/** The whole Service, checked as the construct checks it: its L1 props, or a ConstructError naming `path`. */
export function renderService(props: ServiceProps, id: string, path: string): L1Object {
  const name = props.name ?? id;
  const ports = [...(props.ports ?? [])];
  const { labels } = serviceSelector(props);
  const problems = serviceProblems(name, props, ports, labels);
  if (problems.length) throw new ConstructError(path, problems);
  return serviceObject(name, props, serviceSpec(props, ports, labels));
}
