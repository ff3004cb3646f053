import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { l1Class } from './_l1';
import { renderConfigMap } from './_objects';

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
    const o = renderConfigMap(props, id, this.node.path);
    this.name = o.props.metadata.name;
    this.keys = Object.keys(props.data ?? {});
    this.apiObject = new (l1Class(o.l1))(this, 'Resource', o.props);
  }
}
