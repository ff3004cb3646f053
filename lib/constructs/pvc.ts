import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ConstructError } from '../errors';
import { k8s } from '../l1';
import { dns1123Subdomain } from '../validate/rules/_common';

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
    this.name = props.name ?? id;
    const errors = dns1123Subdomain(this.name, 'metadata.name', 'meta-name');
    if (errors.length) throw new ConstructError(this.node.path, errors);
    this.apiObject = new k8s.KubePersistentVolumeClaim(this, 'Resource', {
      metadata: { name: this.name, namespace: props.namespace, labels: props.labels },
      spec: {
        accessModes: [...(props.accessModes ?? ['ReadWriteOnce'])],
        storageClassName: props.storageClassName,
        resources: { requests: { storage: k8s.Quantity.fromString(props.storage) } },
      },
    });
  }
}
