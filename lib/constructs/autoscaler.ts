import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ConstructError } from '../errors';
import { k8s } from '../l1';
import { invalid, notSupported } from '../validate/field';
import { dns1123Subdomain } from '../validate/rules/_common';
import { validateHpa } from '../validate/rules/policy';
import { Workload } from './workload';

/** What an autoscaler scales: a workload of the app, or any object with a scale subresource by kind and name. */
export type ScaleTarget = Workload | { readonly kind: string; readonly name: string; readonly apiVersion?: string };

export interface HorizontalPodAutoscalerProps {
  /** metadata.name. @default - the target's name */
  readonly name?: string;
  /** @default - the chart's namespace */
  readonly namespace?: string;
  /** @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  readonly target: ScaleTarget;
  /** @default - Kubernetes' default (1) */
  readonly minReplicas?: number;
  readonly maxReplicas: number;
  /** Target average CPU use, in percent of the containers' CPU requests. @default - no CPU metric */
  readonly cpuUtilization?: number;
  /** Target average memory use, in percent of the containers' memory requests. @default - no memory metric */
  readonly memoryUtilization?: number;
}

const SCALABLE: Record<string, string> = { Deployment: 'apps/v1', StatefulSet: 'apps/v1', ReplicaSet: 'apps/v1', ReplicationController: 'v1' };

/**
 * A HorizontalPodAutoscaler (autoscaling/v2) for a workload: replica bounds and utilization
 * targets. Only what was set is emitted; bounds are checked as the API server checks them. The
 * workload should leave `replicas` unset, or every apply resets what the autoscaler chose.
 */
export class HorizontalPodAutoscaler extends Construct {
  public readonly name: string;
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: HorizontalPodAutoscalerProps) {
    super(scope, id);
    const t = props.target;
    const ref = t instanceof Workload ? { kind: t.kind as string, name: t.name, apiVersion: SCALABLE[t.kind] ?? 'apps/v1' } : { kind: t.kind, name: t.name, apiVersion: t.apiVersion ?? SCALABLE[t.kind] ?? 'apps/v1' };
    this.name = props.name ?? ref.name;
    const metrics: k8s.MetricSpecV2[] = [];
    for (const [resource, value] of [['cpu', props.cpuUtilization], ['memory', props.memoryUtilization]] as const) {
      if (value !== undefined) metrics.push({ type: 'Resource', resource: { name: resource, target: { type: 'Utilization', averageUtilization: value } } });
    }
    const wire = { spec: { minReplicas: props.minReplicas, maxReplicas: props.maxReplicas, scaleTargetRef: ref } };
    const errors = [
      ...dns1123Subdomain(this.name, 'metadata.name', 'meta-name'),
      ...validateHpa(wire),
      ...(t instanceof Workload && !SCALABLE[t.kind] ? [notSupported('spec.scaleTargetRef.kind', t.kind, Object.keys(SCALABLE))] : []),
      ...metrics.flatMap((m, i) =>
        (m.resource?.target.averageUtilization ?? 1) < 1 ? [invalid(`spec.metrics[${i}].resource.target.averageUtilization`, m.resource?.target.averageUtilization, 'must be greater than 0')] : [],
      ),
    ];
    if (errors.length) throw new ConstructError(this.node.path, errors);
    this.apiObject = new k8s.KubeHorizontalPodAutoscalerV2(this, 'Resource', {
      metadata: { name: this.name, namespace: props.namespace, labels: props.labels },
      spec: { scaleTargetRef: ref, minReplicas: props.minReplicas, maxReplicas: props.maxReplicas, metrics: metrics.length ? metrics : undefined },
    });
  }
}
