import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { SvcgenError } from '../errors';
import { l1Class } from './_l1';
import { renderNetworkPolicy } from './_objects';
import { Protocol } from './ports';

/** Where allowed traffic comes from. */
export interface NetworkPeer {
  /** Pods with these labels (in the policy's namespace unless `namespaceSelector` is set). */
  readonly podSelector?: Readonly<Record<string, string>>;
  /** Namespaces with these labels (`{}`: every namespace). */
  readonly namespaceSelector?: Readonly<Record<string, string>>;
  /** Addresses (a CIDR), with exceptions. */
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] };
}

/** One ingress rule: traffic from any of the peers (none: from anywhere) to any of the ports (none: every port). */
export interface NetworkPolicyIngressRule {
  readonly from?: readonly NetworkPeer[];
  readonly ports?: readonly { readonly port: number | string; readonly protocol?: Protocol; readonly endPort?: number }[];
}

export interface NetworkPolicyProps {
  /** metadata.name. @default - the construct id */
  readonly name?: string;
  /** @default - the chart's namespace */
  readonly namespace?: string;
  /** @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** The Pods it isolates (`{}`: every Pod of the namespace). */
  readonly podSelector: Readonly<Record<string, string>>;
  /**
   * What may reach those Pods. Once a policy selects a Pod, only what some policy allows reaches
   * it; an empty list allows nothing.
   */
  readonly ingress: readonly NetworkPolicyIngressRule[];
}

/**
 * A NetworkPolicy isolating Pods for ingress: only the listed peers and ports reach them (egress is
 * left open). Checked as the API server checks it.
 */
export class NetworkPolicy extends Construct {
  public readonly name: string;
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: NetworkPolicyProps) {
    super(scope, id);
    const o = renderNetworkPolicy(props, id, this.node.path);
    this.name = o.props.metadata.name;
    this.apiObject = new (l1Class(o.l1))(this, 'Resource', o.props);
  }
}

/** Something whose Pods a policy can name: a tier or a workload (their selector labels). */
export interface IPodSelectable {
  readonly workload?: { readonly selectorLabels: Readonly<Record<string, string>> };
  readonly selectorLabels?: Readonly<Record<string, string>>;
}

/** Where traffic may come from, for `tier.allowFrom(...)`. */
export class Peer {
  /** The Pods of a tier or workload of the app (same namespace). */
  public static of(target: IPodSelectable): Peer {
    const labels = target.workload?.selectorLabels ?? target.selectorLabels;
    if (!labels || !Object.keys(labels).length) throw new SvcgenError('Peer.of: give a tier or workload that has selector labels (a bare Pod has none)');
    return new Peer({ podSelector: { ...labels } });
  }

  /** Any Pod of any namespace. */
  public static fromAnyNamespace(): Peer {
    return new Peer({ namespaceSelector: {} });
  }

  /** @deprecated the same as `Peer.fromAnyNamespace` (svcgen names every factory `from...`); kept for programs written before 0.2. */
  public static readonly anyNamespace = Peer.fromAnyNamespace;

  /** Any Pod of the namespaces with these labels (`{ 'kubernetes.io/metadata.name': 'monitoring' }`). */
  public static fromNamespace(labels: Readonly<Record<string, string>>): Peer {
    return new Peer({ namespaceSelector: { ...labels } });
  }

  /** @deprecated the same as `Peer.fromNamespace` (svcgen names every factory `from...`); kept for programs written before 0.2. */
  public static readonly namespace = Peer.fromNamespace;

  /** Addresses outside the cluster (a load balancer's, an office's), with exceptions. */
  public static fromCidr(cidr: string, except?: readonly string[]): Peer {
    return new Peer({ ipBlock: { cidr, except } });
  }

  /** @deprecated the same as `Peer.fromCidr` (svcgen names every factory `from...`); kept for programs written before 0.2. */
  public static readonly cidr = Peer.fromCidr;

  private constructor(private readonly peer: NetworkPeer) {}

  /** @internal */
  public _toPeer(): NetworkPeer {
    return this.peer;
  }
}
