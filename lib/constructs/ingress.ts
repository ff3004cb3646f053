import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ConstructError } from '../errors';
import { k8s } from '../k8s';
import { invalid } from '../validate/field';
import { isDns1123Subdomain } from '../validate/names';
import { dns1123Subdomain } from '../validate/rules/_common';

/** One host (or every host) and path routed to a Service port. */
export interface IngressRule {
  /** @default - every host */
  readonly host?: string;
  /** A path prefix. @default '/' */
  readonly path?: string;
  readonly serviceName: string;
  readonly servicePort: number | string;
}

export interface IngressProps {
  /** metadata.name. @default - the construct id */
  readonly name?: string;
  /** @default - the chart's namespace */
  readonly namespace?: string;
  readonly rules: readonly IngressRule[];
  /** A TLS Secret for the rules' hosts. @default - no TLS */
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
    this.name = props.name ?? id;
    const errors = dns1123Subdomain(this.name, 'metadata.name', 'meta-name');
    props.rules.forEach((r, i) => {
      if (r.host) for (const m of isDns1123Subdomain(r.host.replace(/^\*\./, 'wildcard.'))) errors.push(invalid(`spec.rules[${i}].host`, r.host, m));
    });
    if (errors.length) throw new ConstructError(this.node.path, errors);
    const hosts = [...new Set(props.rules.map((r) => r.host).filter((h): h is string => !!h))];
    this.apiObject = new k8s.KubeIngress(this, 'Resource', {
      metadata: { name: this.name, namespace: props.namespace, labels: props.labels },
      spec: {
        ingressClassName: props.ingressClassName,
        tls: props.tlsSecretName ? [{ hosts: hosts.length ? hosts : undefined, secretName: props.tlsSecretName }] : undefined,
        rules: props.rules.map((r) => ({
          host: r.host,
          http: {
            paths: [
              {
                path: r.path ?? '/',
                pathType: 'Prefix',
                backend: { service: { name: r.serviceName, port: typeof r.servicePort === 'number' ? { number: r.servicePort } : { name: r.servicePort } } },
              },
            ],
          },
        })),
      },
    });
  }
}
