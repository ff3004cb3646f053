import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ConstructError } from '../errors';
import { k8s } from '../l1';
import { invalid, required } from '../validate/field';
import { dns1123Subdomain } from '../validate/rules/_common';
import { validatePdb } from '../validate/rules/policy';
import type { Secret } from './secret';
import type { IPodSelectable } from './networkpolicy';

export interface PodDisruptionBudgetProps {
  /** metadata.name. @default - the target's name */
  readonly name?: string;
  /** @default - the chart's namespace */
  readonly namespace?: string;
  /** The Pods it protects: a tier or workload of the app. */
  readonly target: IPodSelectable & { readonly name: string };
  /** Pods that must stay up during voluntary disruptions (a number or a percentage). Give this or maxUnavailable. */
  readonly minAvailable?: number | string;
  /** Pods that may be down at once (a number or a percentage). */
  readonly maxUnavailable?: number | string;
}

const PERCENT = /^(100|[1-9]?[0-9])%$/;

/** A PodDisruptionBudget (policy/v1): how many of a tier's Pods a node drain may take down at once. */
export class PodDisruptionBudget extends Construct {
  public readonly name: string;
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: PodDisruptionBudgetProps) {
    super(scope, id);
    this.name = props.name ?? props.target.name;
    const labels = props.target.workload?.selectorLabels ?? props.target.selectorLabels ?? {};
    const ios = (v: number | string | undefined) => (v === undefined ? undefined : typeof v === 'number' ? k8s.IntOrString.fromNumber(v) : k8s.IntOrString.fromString(v));
    const value = (field: string, v: number | string | undefined) =>
      v === undefined ? [] : typeof v === 'number' ? (v < 0 ? [invalid(`spec.${field}`, v, 'must be greater than or equal to 0')] : []) : PERCENT.test(v) ? [] : [invalid(`spec.${field}`, v, 'a valid percent string must be a numeric string followed by an ending \'%\'')];
    const errors = [
      ...dns1123Subdomain(this.name, 'metadata.name', 'meta-name'),
      ...validatePdb({ spec: { minAvailable: props.minAvailable, maxUnavailable: props.maxUnavailable } }),
      ...(props.minAvailable === undefined && props.maxUnavailable === undefined ? [required('spec.minAvailable', 'give minAvailable or maxUnavailable')] : []),
      ...value('minAvailable', props.minAvailable),
      ...value('maxUnavailable', props.maxUnavailable),
      ...(Object.keys(labels).length ? [] : [required('spec.selector', 'the target has no selector labels')]),
    ];
    if (errors.length) throw new ConstructError(this.node.path, errors);
    this.apiObject = new k8s.KubePodDisruptionBudget(this, 'Resource', {
      metadata: { name: this.name, namespace: props.namespace },
      spec: { minAvailable: ios(props.minAvailable), maxUnavailable: ios(props.maxUnavailable), selector: { matchLabels: { ...labels } } },
    });
  }
}

export interface ServiceAccountProps {
  /** metadata.name. @default - the construct id */
  readonly name?: string;
  /** @default - the chart's namespace */
  readonly namespace?: string;
  /** Registry credentials its Pods pull with: Secret constructs or names. @default - none */
  readonly imagePullSecrets?: readonly (Secret | string)[];
  /** @default - Kubernetes' default (true) */
  readonly automountServiceAccountToken?: boolean;
}

/** A ServiceAccount: the identity of a tier's Pods, and the pull secrets they use. Give it to a workload as `serviceAccount`. */
export class ServiceAccount extends Construct {
  public readonly name: string;
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ServiceAccountProps = {}) {
    super(scope, id);
    this.name = props.name ?? id;
    const errors = dns1123Subdomain(this.name, 'metadata.name', 'meta-name');
    if (errors.length) throw new ConstructError(this.node.path, errors);
    this.apiObject = new k8s.KubeServiceAccount(this, 'Resource', {
      metadata: { name: this.name, namespace: props.namespace },
      automountServiceAccountToken: props.automountServiceAccountToken,
      imagePullSecrets: props.imagePullSecrets?.map((s) => ({ name: typeof s === 'string' ? s : s.name })),
    });
  }
}
