import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { recordOrigin } from './_origin';
import { ConstructError } from '../errors';
import { k8s } from '../l1';
import { FieldError, invalid, required } from '../validate/field';
import { IAddressable } from './env';
import { clusterDomainOf } from './_dns';
import { l1Class } from './_l1';
import { PortRef, Protocol, TargetPort } from './ports';
import { serviceObject, ServiceOptions, ServicePort, serviceProblems, ServiceProps, serviceSelector, serviceSpec, ServiceType } from './_service';
import { Workload, WorkloadKind } from './workload';

export { ServiceType, SessionAffinity, TrafficPolicy } from './_service';
export type { ServiceOptions, ServicePort, ServiceProps } from './_service';

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
    const selector = serviceSelector(props);
    this.workload = selector.workload;
    this.selectorLabels = selector.labels;
    this.check();
    // across constructs: containers may still be added to the workload, so this runs at synth
    this.node.addValidation({ validate: () => this.namedTargetPortProblems().map((e) => e.message) });
    const o = serviceObject(this.name, props, Lazy.any({ produce: () => serviceSpec(this.props, this.ports, this.selectorLabels) }));
    this.apiObject = new (l1Class(o.l1))(this, 'Resource', o.props);
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
    return k8s.toJson_ServiceSpec(serviceSpec(this.props, this.ports, this.selectorLabels)) as Record<string, unknown>;
  }

  private check(): void {
    const errors = serviceProblems(this.name, this.props, this.ports, this.selectorLabels);
    if (errors.length) throw new ConstructError(this.node.path, errors);
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
}
