import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { recordOrigin } from './_origin';
import { KeyedObject } from './env';
import { l1Class } from './_l1';
import { renderIngress } from './_objects';

/** A Service an Ingress routes to: a tier or a Service of the app, with the ports it has. */
export interface IngressBackend {
  readonly serviceName: string;
  /** the Service's ports, by number and name */
  readonly servicePorts: readonly { readonly port: number; readonly name?: string }[];
}

/** One host (or every host) and path routed to a Service port. */
export interface IngressRule {
  /** @default - every host */
  readonly host?: string;
  /** A path prefix. @default '/' */
  readonly path?: string;
  /**
   * The tier or Service to route to: its name is resolved and the port checked against its ports at
   * once. Or give `serviceName` (an escape hatch for a Service made elsewhere).
   */
  readonly backend?: IngressBackend;
  /** @default - the backend's name */
  readonly serviceName?: string;
  /** A port number or name. @default - the backend's only port */
  readonly servicePort?: number | string;
}

export interface IngressProps {
  /** metadata.name. @default - the construct id */
  readonly name?: string;
  /** @default - the chart's namespace */
  readonly namespace?: string;
  readonly rules: readonly IngressRule[];
  /**
   * The TLS Secret (certificate and key) for the rules' hosts: the Secret construct, or its name for
   * one made elsewhere. @default - no TLS
   */
  readonly tlsSecret?: KeyedObject | string;
  /** @deprecated the same as `tlsSecret` with a name. */
  readonly tlsSecretName?: string;
  /** @default - the cluster's default ingress class */
  readonly ingressClassName?: string;
  /** @default - none */
  readonly labels?: Readonly<Record<string, string>>;
}

/** HTTP(S) routing from outside the cluster to Services (networking.k8s.io/v1 Ingress). */
export class Ingress extends Construct {
  public readonly name: string;
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: IngressProps) {
    super(scope, id);
    recordOrigin(this);
    const o = renderIngress(props, id, this.node.path);
    this.name = o.props.metadata.name;
    this.apiObject = new (l1Class(o.l1))(this, 'Resource', o.props);
  }
}
