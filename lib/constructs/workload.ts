import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { recordOrigin } from './_origin';
import { ConstructError } from '../errors';
import { k8s } from '../l1';
import { ContainerProps } from './container';
import { Volume } from './volume';
import { l1Class } from './_l1';
import { checkedContainer, WorkloadKind, WorkloadProps, workloadObject, workloadProblems, WorkloadShape, workloadShape, workloadSpec } from './_workload';

export { DeploymentStrategy, WorkloadKind } from './_workload';
export type { ClaimTemplate, ConcurrencyPolicy, WorkloadProps } from './_workload';

/**
 * A Pod or a controller of Pods (ReplicaSet, Deployment, StatefulSet, DaemonSet), rendered with
 * exactly the fields that were set. `ApiObject.of(workload)` is the generated L1 object.
 */
export class Workload extends Construct {
  public readonly name: string;
  public readonly kind: WorkloadKind;
  /** The labels that select the Pods (empty for a bare Pod). */
  public readonly selectorLabels: Readonly<Record<string, string>>;
  /** Every label of the Pods: the selector labels, then the extra Pod labels. */
  public readonly podLabels: Readonly<Record<string, string>>;
  public readonly apiObject: ApiObject;
  private readonly shape: WorkloadShape;
  private readonly _containers: ContainerProps[] = [];
  private readonly _rendered: k8s.Container[] = [];
  private readonly _volumes: Volume[];

  constructor(scope: Construct, id: string, private readonly props: WorkloadProps) {
    super(scope, id);
    recordOrigin(this);
    this.shape = workloadShape(props, id);
    this.name = this.shape.name;
    this.kind = this.shape.kind;
    this.selectorLabels = this.shape.selectorLabels;
    this.podLabels = this.shape.podLabels;
    this._volumes = [...(props.volumes ?? [])];
    const problems = workloadProblems(this.shape, props);
    if (problems.length) throw new ConstructError(this.node.path, problems);
    for (const c of props.containers) this.addContainer(c);
    // (the spec is made at synthesis: containers and volumes may still be added)
    const o = workloadObject(this.shape, props, Lazy.any({ produce: () => workloadSpec(this.shape, this.props, this._rendered, this._volumes) }));
    this.apiObject = new (l1Class(o.l1))(this, 'Resource', o.props);
  }

  /** The labels of the workload object itself. */
  public get labels(): Readonly<Record<string, string>> {
    return this.props.labels ?? {};
  }

  /** The containers' props, as given. */
  public get containers(): readonly ContainerProps[] {
    return this._containers;
  }

  /** The rendered containers (typed L1 form). */
  public get renderedContainers(): readonly k8s.Container[] {
    return this._rendered;
  }

  /** The field path of the Pod spec in this kind of object (`spec.template.spec` or `spec`). */
  public get podSpecPath(): string {
    return this.shape.podSpecPath;
  }

  /** Adds a container; its props are checked at once. */
  public addContainer(props: ContainerProps): void {
    const rendered = checkedContainer(this._rendered, props, this.podSpecPath, this.node.path);
    this._containers.push(props);
    this._rendered.push(rendered);
  }

  public addVolume(volume: Volume): void {
    this._volumes.push(volume);
  }

  /** The port names the containers declare, with their numbers. */
  public declaredPorts(): { name?: string; number: number; protocol?: string }[] {
    return this._containers.flatMap((c) => (c.ports ?? []).map((p) => ({ name: p.name, number: p.number, protocol: p.protocol })));
  }

  /** The namespace the workload lands in (its own, else its chart's). */
  public get namespace(): string | undefined {
    return this.props.namespace ?? Chart.of(this).namespace;
  }
}
