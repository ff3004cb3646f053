import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { recordOrigin } from './_origin';
import { KeyedObject, referTo } from './env';
import { ConstructError } from '../errors';
import { k8s } from '../l1';
import { invalid, required } from '../validate/field';
import { isDns1123Subdomain } from '../validate/names';
import { dns1123Subdomain } from '../validate/rules/_common';

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
    this.name = props.name ?? id;
    const errors = dns1123Subdomain(this.name, 'metadata.name', 'meta-name');
    const targets = props.rules.map((r, i) => {
      if (r.host) for (const m of isDns1123Subdomain(r.host.replace(/^\*\./, 'wildcard.'))) errors.push(invalid(`spec.rules[${i}].host`, r.host, m));
      const at = `spec.rules[${i}].http.paths[0].backend.service`;
      const b = r.backend;
      const serviceName = r.serviceName ?? b?.serviceName;
      if (!serviceName) errors.push(required(`${at}.name`, 'give the rule a backend (a tier or Service) or a serviceName'));
      let port = r.servicePort;
      if (b) {
        const ports = b.servicePorts;
        if (port === undefined) {
          if (ports.length === 1) port = ports[0].name ?? ports[0].port;
          else errors.push(required(`${at}.port`, `Service "${b.serviceName}" has ${ports.length} ports (${ports.map((p) => p.name ?? p.port).join(', ')}): say which`));
        } else if (!ports.some((p) => (typeof port === 'number' ? p.port === port : p.name === port))) {
          errors.push(invalid(`${at}.port`, port, `Service "${b.serviceName}" has no port ${typeof port === 'number' ? port : `named "${port}"`} (its ports: ${ports.map((p) => (p.name ? `${p.name} (${p.port})` : p.port)).join(', ') || 'none'})`));
        }
      } else if (port === undefined) errors.push(required(`${at}.port`, 'give servicePort with serviceName'));
      return { serviceName: serviceName ?? '', port: port ?? 0 };
    });
    if (errors.length) throw new ConstructError(this.node.path, errors);
    const hosts = [...new Set(props.rules.map((r) => r.host).filter((h): h is string => !!h))];
    const tls = props.tlsSecret !== undefined ? referTo(props.tlsSecret, undefined, 'Secret') : props.tlsSecretName;
    this.apiObject = new k8s.KubeIngress(this, 'Resource', {
      metadata: { name: this.name, namespace: props.namespace, labels: props.labels },
      spec: {
        ingressClassName: props.ingressClassName,
        tls: tls ? [{ hosts: hosts.length ? hosts : undefined, secretName: tls }] : undefined,
        rules: props.rules.map((r, i) => ({
          host: r.host,
          http: {
            paths: [
              {
                path: r.path ?? '/',
                pathType: 'Prefix',
                backend: { service: { name: targets[i].serviceName, port: typeof targets[i].port === 'number' ? { number: targets[i].port as number } : { name: targets[i].port as string } } },
              },
            ],
          },
        })),
      },
    });
  }
}
