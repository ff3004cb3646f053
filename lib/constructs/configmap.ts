import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ConstructError } from '../errors';
import { k8s } from '../l1';
import { dataObjectErrors } from './_data';

export interface ConfigMapProps {
  /** metadata.name. @default - the construct id */
  readonly name?: string;
  /** @default - the chart's namespace */
  readonly namespace?: string;
  /** Text values by key (a file name, or an environment variable name). @default - none */
  readonly data?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly labels?: Readonly<Record<string, string>>;
}

/** A ConfigMap: configuration files or environment variables that are not secret. */
export class ConfigMap extends Construct {
  public readonly name: string;
  public readonly apiObject: ApiObject;
  /** The keys it holds, for references checked at once. */
  public readonly keys: readonly string[];

  constructor(scope: Construct, id: string, props: ConfigMapProps = {}) {
    super(scope, id);
    this.name = props.name ?? id;
    this.keys = Object.keys(props.data ?? {});
    const errors = dataObjectErrors(this.name, [...this.keys]);
    if (errors.length) throw new ConstructError(this.node.path, errors);
    this.apiObject = new k8s.KubeConfigMap(this, 'Resource', {
      metadata: { name: this.name, namespace: props.namespace, labels: props.labels },
      data: props.data ? { ...props.data } : undefined,
    });
  }
}
