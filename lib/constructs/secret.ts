import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { l1Class } from './_l1';
import { renderSecret } from './_objects';

export interface SecretProps {
  /** metadata.name. @default - the construct id */
  readonly name?: string;
  /** @default - the chart's namespace */
  readonly namespace?: string;
  /** @default - not emitted (Opaque) */
  readonly type?: string;
  /**
   * Values already base64-encoded, by key (e.g. `nginx.crt`). Keep real secret material out of
   * source control: leave values empty here and fill them at deploy time, or use `stringData`
   * from a source your pipeline injects.
   * @default - none
   */
  readonly data?: Readonly<Record<string, string>>;
  /** Plain-text values, encoded by the API server. @default - none */
  readonly stringData?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * A Secret, to mount as a volume (`Volume.fromSecret`) or read into env (`EnvValue.fromSecret`).
 * svcgen never copies a Secret's values anywhere else (no ConfigMaps, no logs).
 */
export class Secret extends Construct {
  public readonly name: string;
  public readonly apiObject: ApiObject;
  /** The keys it holds (data and stringData), for references checked at once. */
  public readonly keys: readonly string[];

  constructor(scope: Construct, id: string, props: SecretProps = {}) {
    super(scope, id);
    const o = renderSecret(props, id, this.node.path);
    this.name = o.props.metadata.name;
    this.keys = [...Object.keys(props.data ?? {}), ...Object.keys(props.stringData ?? {})];
    this.apiObject = new (l1Class(o.l1))(this, 'Resource', o.props);
  }
}
