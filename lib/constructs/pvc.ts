import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { l1Class } from './_l1';
import { renderPersistentVolumeClaim } from './_objects';

export interface PersistentVolumeClaimProps {
  /** metadata.name. @default - the construct id */
  readonly name?: string;
  /** @default - the chart's namespace */
  readonly namespace?: string;
  /** The size asked for, a quantity (`1Gi`). */
  readonly storage: string;
  /** @default ['ReadWriteOnce'] */
  readonly accessModes?: readonly ('ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod')[];
  /** @default - the cluster's default storage class */
  readonly storageClassName?: string;
  /** @default - none */
  readonly labels?: Readonly<Record<string, string>>;
}

/** A PersistentVolumeClaim: storage that outlives the Pods that mount it. */
export class PersistentVolumeClaim extends Construct {
  public readonly name: string;
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: PersistentVolumeClaimProps) {
    super(scope, id);
    const o = renderPersistentVolumeClaim(props, id, this.node.path);
    this.name = o.props.metadata.name;
    this.apiObject = new (l1Class(o.l1))(this, 'Resource', o.props);
  }
}
