import { Construct } from 'constructs';
import { recordOrigin } from './_origin';
import { ConstructError } from '../errors';
import { forbidden, required } from '../validate/field';
import { MultiTierApp } from './app';
import { NetworkPolicy, Peer } from './networkpolicy';
import { ContainerProps } from './container';
import { IAddressable } from './env';
import { Service, ServiceOptions, ServicePort, ServiceType } from './service';
import { Volume } from './volume';
import { ClaimTemplate, DeploymentStrategy, Workload, WorkloadKind, WorkloadProps } from './workload';

/**
 * A tier: one workload (its main container configured by these props) and the Service in front of it.
 */
export interface TierProps extends Omit<ContainerProps, 'name'> {
  /**
   * The workload's name, and the Service's unless `serviceName` is given; also the tier's label
   * value in the selector, so that two tiers with the same id in different constructs select
   * their own Pods. @default `<app>-<tier id>` (and the tier id as the label value)
   */
  readonly name?: string;
  /**
   * The Service's name: the DNS name other tiers (and images that hard-code a peer's host name:
   * `redis`, `db`) use. @default - the tier's name
   */
  readonly serviceName?: string;
  /** The main container's name. @default - the tier's id */
  readonly containerName?: string;
  /** @default - the app's `workload`, else WorkloadKind.REPLICA_SET (as in the source documents) */
  readonly workload?: WorkloadKind;
  /** @default - not emitted (Kubernetes' default is 1) */
  readonly replicas?: number;
  /** Extra Pod labels (`language: go`); never part of any selector. @default - none */
  readonly podLabels?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly podAnnotations?: Readonly<Record<string, string>>;
  /** Labels of the workload object. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** More containers in the same Pod. @default - none */
  readonly sidecars?: readonly ContainerProps[];
  /** @default - none */
  readonly initContainers?: readonly ContainerProps[];
  /** @default - none */
  readonly volumes?: readonly Volume[];
  /**
   * StatefulSet tiers (`workload: WorkloadKind.STATEFUL_SET`): storage of its own for each replica,
   * mounted in the tier's container at `mountPath` (a claim template per entry: `<name>-<tier>-<n>`
   * claims that follow the replica). The way to run a database tier.
   * @default - none
   */
  readonly storage?: readonly (ClaimTemplate & { readonly mountPath: string })[];
  /** Deployment tiers only. @default - Kubernetes' default */
  readonly strategy?: DeploymentStrategy;
  /** See WorkloadProps: seconds ready before available. @default - Kubernetes' default */
  readonly minReadySeconds?: number;
  /** See WorkloadProps. @default - Kubernetes' default */
  readonly revisionHistoryLimit?: number;
  /** Deployment tiers. @default - Kubernetes' default */
  readonly progressDeadlineSeconds?: number;
  /** StatefulSet and DaemonSet tiers. @default - Kubernetes' default */
  readonly updateStrategy?: WorkloadProps['updateStrategy'];
  /** StatefulSet tiers. @default - Kubernetes' default (OrderedReady) */
  readonly podManagementPolicy?: WorkloadProps['podManagementPolicy'];
  /** The Pods' identity: a ServiceAccount construct or its name. @default - the namespace's `default` */
  readonly serviceAccount?: WorkloadProps['serviceAccount'];
  /** Other PodSpec fields, passed through. @default - none */
  readonly podSpec?: WorkloadProps['podSpec'];
  /**
   * How the tier is exposed: a ClusterIP Service by default, on `ports` (or, when unset, on every
   * declared container port); `type: ServiceType.NODE_PORT` or `LOAD_BALANCER` to reach it from
   * outside; `headless: true` for DNS straight to the Pods; `false` for no Service at all.
   * A StatefulSet tier's Service is headless (its governing Service) unless said otherwise.
   * @default - a ClusterIP Service on the declared container ports
   */
  readonly service?: ServiceOptions | false;
}

/** TierProps that are the workload's options, passed to it as they are. */
const WORKLOAD_OPTIONS = ['minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds', 'updateStrategy', 'podManagementPolicy', 'serviceAccount'] as const;

/**
 * A workload plus its Service, named `<app>-<tier>` (or as given) and selected by the tier and
 * app labels.
 * Other tiers refer to it by reference: `env: { DB: db }` is `DB=go-demo-2-db`.
 */
export class Tier extends Construct implements IAddressable {
  /** The workload's name (`<app>-<tier>` unless given); the Service's unless `serviceName` was given. */
  public readonly name: string;
  public readonly workload: Workload;
  /** The Service in front of the workload (undefined with `service: false`). */
  public readonly service?: Service;
  private readonly app: MultiTierApp;

  constructor(scope: Construct, id: string, props: TierProps) {
    super(scope, id);
    recordOrigin(this);
    this.app = MultiTierApp.of(this);
    this.name = props.name ?? `${this.app.appName}-${id}`;
    const serviceName = props.serviceName ?? this.name;
    const kind = props.workload ?? this.app.defaultWorkload;
    const {
      name: _name,
      serviceName: _serviceName,
      containerName,
      workload: _w,
      replicas,
      podLabels,
      podAnnotations,
      labels,
      sidecars,
      initContainers,
      volumes,
      strategy,
      podSpec,
      service,
      storage,
      ...rest
    } = props;
    // the workload's own options pass through as they are; the rest configures the main container
    const workloadOptions = Object.fromEntries(WORKLOAD_OPTIONS.map((k) => [k, props[k]])) as Pick<TierProps, (typeof WORKLOAD_OPTIONS)[number]>;
    const container = Object.fromEntries(Object.entries(rest).filter(([k]) => !(WORKLOAD_OPTIONS as readonly string[]).includes(k))) as typeof rest;
    if (storage?.length && kind !== WorkloadKind.STATEFUL_SET) {
      throw new ConstructError(this.node.path, [forbidden('spec.volumeClaimTemplates', `storage of its own per replica needs a StatefulSet, not a ${kind}`)], 'workload: WorkloadKind.STATEFUL_SET (or a PersistentVolumeClaim shared through volumes)');
    }
    void _w, _name, _serviceName;

    const serviceOptions = service === false ? undefined : this.serviceOptions(id, kind, props);
    this.app._claimName(kind, this.name, this.node.path);
    if (serviceOptions) this.app._claimName('Service', serviceName, this.node.path);
    this.workload = new Workload(this, 'Workload', {
      name: this.name,
      kind,
      labels,
      selector: { [this.app.tierLabel]: props.name ?? id, [this.app.appLabel]: this.app.appName },
      podLabels,
      podAnnotations,
      replicas,
      containers: [
        {
          ...container,
          name: containerName ?? id,
          volumeMounts: storage?.length ? [...(container.volumeMounts ?? []), ...storage.map((t) => ({ volume: t.name, mountPath: t.mountPath }))] : container.volumeMounts,
        },
        ...(sidecars ?? []),
      ],
      volumeClaimTemplates: storage?.length ? storage.map(({ mountPath: _m, ...t }) => t) : undefined,
      ...workloadOptions,
      initContainers,
      volumes,
      strategy,
      podSpec,
      serviceName: kind === WorkloadKind.STATEFUL_SET && serviceOptions ? serviceName : undefined,
    });
    if (serviceOptions) {
      this.service = new Service(this, 'Service', { ...serviceOptions, name: serviceName, selector: this.workload });
    }
  }

  /** The short DNS name of the tier's Service (`go-demo-2-db`). */
  public get serviceName(): string {
    return this.requireService().serviceName;
  }

  /**
   * Admits traffic to this tier's Pods from these tiers or peers only (a NetworkPolicy named
   * `<tier>-allow-<n>`; once one selects the Pods, only what some policy allows reaches them), on
   * these ports (numbers or container port names; every port when not given).
   */
  public allowFrom(peers: readonly (Tier | Peer)[], options: { readonly ports?: readonly (number | string)[] } = {}): NetworkPolicy {
    const n = ++this.policies;
    return new NetworkPolicy(this, `AllowFrom${n}`, {
      name: `${this.name}-allow-${n}`,
      podSelector: this.workload.selectorLabels,
      ingress: [
        {
          from: peers.map((p) => (p instanceof Peer ? p._toPeer() : Peer.of(p)._toPeer())),
          ports: options.ports?.map((port) => ({ port })),
        },
      ],
    });
  }

  private policies = 0;

  /** Its Service's ports (number and name), as an Ingress backend checks them. */
  public get servicePorts(): readonly ServicePort[] {
    return this.requireService().servicePorts;
  }

  /** The fully qualified DNS name (`go-demo-2-db.default.svc.cluster.local`). */
  public get fqdn(): string {
    return this.requireService().fqdn;
  }

  /**
   * Another Service over the same Pods (say, a NodePort for outside next to the ClusterIP the
   * other tiers use). Named `<app>-<tier>-<id>` unless `name` is given.
   */
  public addService(id: string, options: ServiceOptions & { readonly name?: string } = {}): Service {
    const { name, ...rest } = options;
    const serviceName = name ?? `${this.name}-${id}`;
    this.app._claimName('Service', serviceName, `${this.node.path}/${id}`);
    return new Service(this, id, { ...rest, name: serviceName, selector: this.workload });
  }

  private requireService(): Service {
    if (!this.service) {
      throw new ConstructError(this.node.path, [required('service', 'the tier was created with `service: false`, so no DNS name resolves to it')], 'give the tier a Service');
    }
    return this.service;
  }

  private serviceOptions(id: string, kind: WorkloadKind, props: TierProps): ServiceOptions {
    const given: ServiceOptions = props.service || {};
    let options: ServiceOptions = given;
    if (kind === WorkloadKind.STATEFUL_SET) {
      if (given.type && given.type !== ServiceType.CLUSTER_IP) {
        throw new ConstructError(`${this.node.path}`, [
          forbidden('service.type', "a StatefulSet tier's own Service is its governing headless Service; add a NodePort or LoadBalancer Service with tier.addService()"),
        ]);
      }
      if (given.headless === undefined && given.clusterIP === undefined) options = { ...given, headless: true };
    }
    if (options.ports === undefined) {
      const ports: ServicePort[] = [...(props.ports ?? [])].map((p) => ({
        port: p.number,
        name: p.name,
        protocol: p.protocol,
        targetPort: p.name,
      }));
      if (ports.length > 1 && ports.some((p) => !p.name)) {
        throw new ConstructError(this.node.path, [
          required('service.ports', 'the container ports are not all named, and a Service with several ports needs a name for each; name them or give service.ports'),
        ]);
      }
      if (ports.length === 0 && !options.headless) {
        throw new ConstructError(this.node.path, [
          required(
            'service.ports',
            `tier "${id}" declares no container port to expose; give service.ports, declare ports, set service: { headless: true } for DNS only, or service: false`,
          ),
        ]);
      }
      options = { ...options, ports: ports.map((p) => (p.name ? p : { ...p, targetPort: undefined })) };
    }
    return options;
  }
}
