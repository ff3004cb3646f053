import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { recordOrigin } from './_origin';
import { ConstructError } from '../errors';
import { k8s } from '../l1';
import { FieldError, forbidden, invalid, required } from '../validate/field';
import { dns1035Label } from '../validate/rules/_common';
import { validateServiceSpec } from '../validate/rules/service';
import { IAddressable } from './env';
import { clusterDomainOf } from './_dns';
import { PortRef, Protocol, TargetPort } from './ports';
import { Workload, WorkloadKind } from './workload';

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

/** Options of `Service.expose`, like `kubectl expose`'s flags. */
export interface ExposeOptions extends Omit<ServiceOptions, 'ports'> {
  /** @default - the workload's name */
  readonly name?: string;
  /** The Service port. @default - the target port */
  readonly port?: number;
  /** The port on the Pods. @default - the first declared container port */
  readonly targetPort?: PortRef;
  /** @default Protocol.TCP (spelled out, as kubectl does) */
  readonly protocol?: Protocol;
  /** NodePort/LoadBalancer only. @default - allocated */
  readonly nodePort?: number;
}

/**
 * A Kubernetes Service of any variant: ClusterIP (with a chosen IP or headless), NodePort,
 * LoadBalancer, ExternalName, with or without a selector. What Kubernetes would reject is an
 * error at construction, in the API server's words.
 */
export class Service extends Construct implements IAddressable {
  /** An alias for a DNS name outside the cluster (`mysql-db` -> `app-db.example.com`). */
  public static forExternalName(scope: Construct, id: string, externalName: string, props: Omit<ServiceProps, 'externalName' | 'type'> = {}): Service {
    return new Service(scope, id, { ...props, type: ServiceType.EXTERNAL_NAME, externalName });
  }

  /**
   * What `kubectl expose` makes for a workload: its selector, its labels (the Pod labels when the
   * workload has none, as older API versions defaulted them), and `port`/`targetPort`/`protocol`
   * spelled out. The port defaults to the target port, which defaults to the first container port;
   * with neither given, every declared container port is exposed (named after it, or `port-N`).
   */
  public static expose(scope: Construct, id: string, workload: Workload, options: ExposeOptions = {}): Service {
    const declared = workload.declaredPorts();
    let ports: ServicePort[];
    if (options.port !== undefined || options.targetPort !== undefined) {
      const target = options.targetPort ?? declared[0]?.number ?? options.port;
      const port = options.port ?? (typeof target === 'number' ? target : declared.find((d) => d.name === target)?.number);
      if (port === undefined || target === undefined) {
        throw new ConstructError(`${scope.node.path}/${id}`, [required('spec.ports[0].port', 'give `port`: the target port is a name and no container declares it')]);
      }
      ports = [{ port, targetPort: target, protocol: options.protocol ?? Protocol.TCP, nodePort: options.nodePort }];
    } else {
      if (declared.length === 0) {
        throw new ConstructError(`${scope.node.path}/${id}`, [required('spec.ports', `${workload.kind} "${workload.name}" declares no container port; give \`port\``)]);
      }
      ports = declared.map((d, i) => ({
        name: declared.length > 1 ? d.name ?? `port-${i + 1}` : undefined,
        port: d.number,
        targetPort: d.number,
        protocol: (d.protocol as Protocol | undefined) ?? Protocol.TCP,
      }));
    }
    const labels = options.labels ?? (Object.keys(workload.labels).length ? workload.labels : workload.podLabels);
    return new Service(scope, id, {
      ...options,
      name: options.name ?? workload.name,
      labels,
      selector: workload.kind === WorkloadKind.POD ? workload.podLabels : workload,
      ports,
    });
  }

  public readonly name: string;
  public readonly apiObject: ApiObject;
  private readonly ports: ServicePort[];
  private readonly selectorLabels?: Readonly<Record<string, string>>;
  private readonly workload?: Workload;

  constructor(scope: Construct, id: string, private readonly props: ServiceProps = {}) {
    super(scope, id);
    recordOrigin(this);
    this.name = props.name ?? id;
    this.ports = [...(props.ports ?? [])];
    if (props.selector && isWorkload(props.selector)) {
      this.workload = props.selector;
      this.selectorLabels = props.selector.selectorLabels;
    } else if (props.selector) {
      this.selectorLabels = props.selector as Readonly<Record<string, string>>;
    }
    this.check();
    // across constructs: containers may still be added to the workload, so this runs at synth
    this.node.addValidation({ validate: () => this.namedTargetPortProblems().map((e) => e.message) });
    this.apiObject = new k8s.KubeService(this, 'Resource', {
      metadata: { name: this.name, namespace: props.namespace, labels: props.labels, annotations: props.annotations },
      spec: Lazy.any({ produce: () => this.renderSpec() }) as never,
    });
  }

  /** The short DNS name other Pods in the namespace resolve. */
  public get serviceName(): string {
    return this.name;
  }

  /** The namespace set on the Service or its chart, if any (unset means the deploy-time namespace). */
  public get explicitNamespace(): string | undefined {
    return this.props.namespace ?? Chart.of(this).namespace;
  }

  /** The namespace the Service lands in (`default` unless set). */
  public get namespace(): string {
    return this.explicitNamespace ?? 'default';
  }

  /** `<name>.<namespace>.svc.<cluster domain>`. */
  public get fqdn(): string {
    return `${this.name}.${this.namespace}.svc.${clusterDomainOf(this)}`;
  }

  public get type(): ServiceType {
    return this.props.type ?? ServiceType.CLUSTER_IP;
  }

  public get isHeadless(): boolean {
    return this.props.headless === true || this.props.clusterIP === 'None';
  }

  /** The selector labels, if the Service has a selector. */
  public get selector(): Readonly<Record<string, string>> | undefined {
    return this.selectorLabels;
  }

  /** The ports, as given. */
  public get servicePorts(): readonly ServicePort[] {
    return this.ports;
  }

  /** Adds a port; the whole Service is checked again at once. */
  public addPort(port: ServicePort): void {
    this.ports.push(port);
    try {
      this.check();
    } catch (e) {
      this.ports.pop();
      throw e;
    }
  }

  /** The wire form of the spec (what the API server sees). */
  public toSpecJson(): Record<string, unknown> {
    return k8s.toJson_ServiceSpec(this.renderSpec()) as Record<string, unknown>;
  }

  private check(): void {
    const spec = this.toSpecJson();
    const errors: FieldError[] = [
      ...dns1035Label(this.name, 'metadata.name', 'meta-name'),
      ...validateServiceSpec(spec).filter((e) => !e.warning),
      ...this.checkOwnRules(),
    ];
    if (errors.length) throw new ConstructError(this.node.path, errors);
  }

  /** What svcgen rejects although the API server would store it: settings that do nothing. */
  private checkOwnRules(): FieldError[] {
    const p = this.props;
    const errs: FieldError[] = [];
    if (this.type === ServiceType.EXTERNAL_NAME) {
      if (this.ports.length) errs.push(forbidden('spec.ports', 'an ExternalName Service is a DNS alias (CNAME): ports are never used; remove them'));
      if (this.selectorLabels) errs.push(forbidden('spec.selector', 'an ExternalName Service is a DNS alias (CNAME): it selects no Pods; remove the selector'));
      if (p.headless || p.clusterIP) errs.push(forbidden('spec.clusterIP', 'may not be set for ExternalName services'));
    } else if (p.externalName !== undefined) {
      errs.push(forbidden('spec.externalName', `may only be used when \`type\` is 'ExternalName' (the type is '${this.type}'); use Service.forExternalName()`));
    }
    if (p.headless && p.clusterIP && p.clusterIP !== 'None') {
      errs.push(invalid('spec.clusterIP', p.clusterIP, 'a headless Service has clusterIP None; drop either `headless` or `clusterIP`'));
    }
    if (p.sessionAffinityTimeoutSeconds !== undefined && p.sessionAffinity !== SessionAffinity.CLIENT_IP) {
      errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None; set sessionAffinity: SessionAffinity.CLIENT_IP'));
    }
    return errs;
  }

  /** Named target ports that no container of the selected workload declares. */
  private namedTargetPortProblems(): FieldError[] {
    const workload = this.workload;
    if (!workload) return [];
    const declared = workload.declaredPorts();
    const errs: FieldError[] = [];
    this.ports.forEach((sp, i) => {
      const tp = sp.targetPort === undefined ? undefined : TargetPort.of(sp.targetPort);
      if (tp?.isNamed && !declared.some((d) => d.name === tp.value)) {
        const names = declared.filter((d) => d.name).map((d) => `"${d.name}"`);
        errs.push(
          invalid(
            `spec.ports[${i}].targetPort`,
            tp.value,
            `no container of ${workload.kind} "${workload.name}" declares a port named "${tp.value}" (declared: ${names.join(', ') || 'none'})`,
          ),
        );
      }
    });
    return errs;
  }

  private renderSpec(): k8s.ServiceSpec {
    const p = this.props;
    const affinityConfig =
      p.sessionAffinityTimeoutSeconds !== undefined ? { clientIp: { timeoutSeconds: p.sessionAffinityTimeoutSeconds } } : undefined;
    return {
      type: p.type,
      clusterIp: p.headless ? 'None' : p.clusterIP,
      externalName: p.externalName,
      selector: this.selectorLabels ? { ...this.selectorLabels } : undefined,
      ports: this.ports.length
        ? this.ports.map((sp) => ({
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
}

function isWorkload(x: unknown): x is Workload {
  return typeof x === 'object' && x !== null && 'selectorLabels' in x && 'declaredPorts' in x;
}
