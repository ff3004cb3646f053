import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { l1Class } from './_l1';
import { renderHorizontalPodAutoscaler } from './_objects';
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
    const o = renderHorizontalPodAutoscaler(props, this.node.path, props.target instanceof Workload);
    this.name = o.props.metadata.name;
    this.apiObject = new (l1Class(o.l1))(this, 'Resource', o.props);
  }
}
