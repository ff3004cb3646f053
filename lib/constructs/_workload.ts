/**
 * A workload's props checked and made into its L1 props, without a construct tree: what the
 * Workload construct does, and what `svcgen convert` renders (see _render.ts). Requires neither
 * cdk8s nor constructs.
 */
import { ConstructError } from '../errors';
import { k8s } from '../l1';
import { duplicate, FieldError, forbidden, invalid, notSupported, required } from '../validate/field';
import { dns1123Label, dns1123Subdomain } from '../validate/rules/_common';
import { parseQuantity, validateContainer, validateContainerNames } from '../validate/rules/container';
import { containerJson, ContainerProps, renderContainer } from './container';
import type { L1Object } from './_render';
import type { Volume } from './volume';

/** The kind of controller that runs the Pods. Mirrors the wire values. */
export enum WorkloadKind {
  /** A bare Pod: nothing restarts it elsewhere when its node goes away. */
  POD = 'Pod',
  /** Keeps N identical Pods running (the source documents' choice). */
  REPLICA_SET = 'ReplicaSet',
  /** A ReplicaSet with rolling updates and rollbacks: the usual choice for stateless tiers. */
  DEPLOYMENT = 'Deployment',
  /** Stable Pod names and storage, with a governing headless Service. */
  STATEFUL_SET = 'StatefulSet',
  /** One Pod on every (matching) node. */
  DAEMON_SET = 'DaemonSet',
  /** Pods that run to completion (restartPolicy OnFailure or Never). */
  JOB = 'Job',
  /** A Job started on a schedule (`schedule`, cron syntax). */
  CRON_JOB = 'CronJob',
}

/** A StatefulSet's per-replica claim: each Pod gets a PersistentVolumeClaim made from it. */
export interface ClaimTemplate {
  /** The name containers mount it by (a DNS label). */
  readonly name: string;
  /** The size of each replica's claim, a quantity (`10Gi`). */
  readonly storage: string;
  /** @default ['ReadWriteOnce'] */
  readonly accessModes?: readonly ('ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod')[];
  /** @default - the cluster's default storage class */
  readonly storageClassName?: string;
}

/** What a CronJob does when a run is due while the previous one still runs. */
export type ConcurrencyPolicy = 'Allow' | 'Forbid' | 'Replace';

/** How a Deployment replaces its Pods. */
export class DeploymentStrategy {
  /** Replace Pods a few at a time (Kubernetes' default; 25%/25% unless set). */
  public static fromRollingUpdate(options: { readonly maxSurge?: number | string; readonly maxUnavailable?: number | string } = {}): DeploymentStrategy {
    const ios = (v: number | string | undefined) =>
      v === undefined ? undefined : typeof v === 'number' ? k8s.IntOrString.fromNumber(v) : k8s.IntOrString.fromString(v);
    const rollingUpdate =
      options.maxSurge !== undefined || options.maxUnavailable !== undefined
        ? { maxSurge: ios(options.maxSurge), maxUnavailable: ios(options.maxUnavailable) }
        : undefined;
    return new DeploymentStrategy({ type: 'RollingUpdate', rollingUpdate });
  }

  /** @deprecated the same as `DeploymentStrategy.fromRollingUpdate` (svcgen names every factory `from...`); kept for programs written before 0.2. */
  public static readonly rollingUpdate = DeploymentStrategy.fromRollingUpdate;

  /** Stop every old Pod before starting new ones. */
  public static fromRecreate(): DeploymentStrategy {
    return new DeploymentStrategy({ type: 'Recreate' });
  }

  /** @deprecated the same as `DeploymentStrategy.fromRecreate` (svcgen names every factory `from...`); kept for programs written before 0.2. */
  public static readonly recreate = DeploymentStrategy.fromRecreate;

  private constructor(private readonly spec: k8s.DeploymentStrategy) {}

  /** @internal */
  public _toKube(): k8s.DeploymentStrategy {
    return this.spec;
  }
}

/**
 * Props of a workload: a Pod, or a controller of Pods.
 */
export interface WorkloadProps {
  /** metadata.name. @default - the construct id */
  readonly name?: string;
  /** @default WorkloadKind.REPLICA_SET */
  readonly kind?: WorkloadKind;
  /** @default - the chart's namespace, if any */
  readonly namespace?: string;
  /** Labels of the workload object itself. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * The labels that select the Pods (spec.selector.matchLabels); every Pod carries them.
   * Required for every kind but Pod.
   */
  readonly selector?: Readonly<Record<string, string>>;
  /** More Pod labels, never part of the selector. @default - none */
  readonly podLabels?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly podAnnotations?: Readonly<Record<string, string>>;
  /** Not for DaemonSets and Pods. @default - not emitted (Kubernetes' default is 1) */
  readonly replicas?: number;
  readonly containers: readonly ContainerProps[];
  /** @default - none */
  readonly initContainers?: readonly ContainerProps[];
  /** @default - none */
  readonly volumes?: readonly Volume[];
  /** Deployments only. @default - Kubernetes' default (RollingUpdate 25%/25%) */
  readonly strategy?: DeploymentStrategy;
  /** Seconds a new Pod must be ready before it counts as available (Deployments, ReplicaSets, StatefulSets, DaemonSets). @default - Kubernetes' default (0) */
  readonly minReadySeconds?: number;
  /** Old revisions kept for rollbacks (Deployments, StatefulSets, DaemonSets). @default - Kubernetes' default (10) */
  readonly revisionHistoryLimit?: number;
  /** Deployments only: seconds before a stuck rollout is reported as failed; more than minReadySeconds. @default - Kubernetes' default (600) */
  readonly progressDeadlineSeconds?: number;
  /**
   * StatefulSets and DaemonSets: how Pods are replaced. `{ type: 'OnDelete' }`, or `{ type:
   * 'RollingUpdate', partition }` (StatefulSets: only ordinals >= partition are updated) or
   * `{ type: 'RollingUpdate', maxUnavailable, maxSurge }` (DaemonSets).
   * @default - Kubernetes' default (RollingUpdate)
   */
  readonly updateStrategy?: { readonly type: 'RollingUpdate' | 'OnDelete'; readonly partition?: number; readonly maxUnavailable?: number | string; readonly maxSurge?: number | string };
  /** The Pods' identity: a ServiceAccount construct or its name. @default - the namespace's `default` */
  readonly serviceAccount?: { readonly name: string } | string;
  /** StatefulSets only: `Parallel` starts and stops Pods together instead of one by one. @default - Kubernetes' default (OrderedReady) */
  readonly podManagementPolicy?: 'OrderedReady' | 'Parallel';
  /** StatefulSets only: the governing headless Service. Required for a StatefulSet. */
  readonly serviceName?: string;
  /**
   * StatefulSets only: storage of its own for each replica (`<name>-<set>-<ordinal>` claims, kept
   * when Pods move or the set shrinks). Containers mount a template by its name, as a volume.
   * @default - none
   */
  readonly volumeClaimTemplates?: readonly ClaimTemplate[];
  /** Pods, Jobs and CronJobs (controllers require Always). @default - Kubernetes' default (Always; OnFailure for Jobs and CronJobs) */
  readonly restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  /** CronJobs only, and required there: when to run, in cron syntax (`0 3 * * *`). */
  readonly schedule?: string;
  /** CronJobs only. @default - Kubernetes' default (Allow) */
  readonly concurrencyPolicy?: ConcurrencyPolicy;
  /** CronJobs only: the schedule's time zone (`Europe/Berlin`). @default - the controller manager's */
  readonly timeZone?: string;
  /** Jobs and CronJobs: retries before the Job fails. @default - Kubernetes' default (6) */
  readonly backoffLimit?: number;
  /**
   * Any other PodSpec field (nodeSelector, hostNetwork, serviceAccountName, ...), in the typed L1
   * form, merged into the Pod spec.
   * @default - none
   */
  readonly podSpec?: Omit<k8s.PodSpec, 'containers' | 'initContainers' | 'volumes' | 'restartPolicy'>;
}


/** What a workload's props come to: its name and kind, its labels, and where its Pod spec is. */
export interface WorkloadShape {
  readonly name: string;
  readonly kind: WorkloadKind;
  /** The labels that select the Pods (empty for a bare Pod). */
  readonly selectorLabels: Readonly<Record<string, string>>;
  /** Every label of the Pods: the selector labels, then the extra Pod labels. */
  readonly podLabels: Readonly<Record<string, string>>;
  /** The field path of the Pod spec in this kind of object (`spec.template.spec` or `spec`). */
  readonly podSpecPath: string;
}

export function workloadShape(props: WorkloadProps, id: string): WorkloadShape {
  const kind = props.kind ?? WorkloadKind.REPLICA_SET;
  const selectorLabels = { ...(props.selector ?? {}) };
  return {
    name: props.name ?? id,
    kind,
    selectorLabels,
    podLabels: { ...selectorLabels, ...(props.podLabels ?? {}) },
    podSpecPath: kind === WorkloadKind.POD ? 'spec' : kind === WorkloadKind.CRON_JOB ? 'spec.jobTemplate.spec.template.spec' : 'spec.template.spec',
  };
}

/** What is wrong with the props themselves (containers aside), in the API server's words. */
export function workloadProblems(shape: WorkloadShape, props: WorkloadProps): FieldError[] {
  const kind = shape.kind;
  const runsToCompletion = kind === WorkloadKind.JOB || kind === WorkloadKind.CRON_JOB;
  return [
    ...dns1123Subdomain(shape.name, 'metadata.name', 'meta-name'),
    ...(kind !== WorkloadKind.POD && !runsToCompletion && Object.keys(shape.selectorLabels).length === 0
      ? [required('spec.selector', 'a controller needs selector labels')]
      : []),
    ...(kind === WorkloadKind.STATEFUL_SET && !props.serviceName ? [required('spec.serviceName', 'the name of the governing headless Service')] : []),
    ...((kind === WorkloadKind.DAEMON_SET || kind === WorkloadKind.POD) && props.replicas !== undefined
      ? [forbidden('spec.replicas', `a ${kind} has no replicas`)]
      : []),
    ...(props.strategy && kind !== WorkloadKind.DEPLOYMENT ? [forbidden('spec.strategy', 'only a Deployment has a strategy')] : []),
    ...(props.restartPolicy && props.restartPolicy !== 'Always' && kind !== WorkloadKind.POD && !runsToCompletion
      ? [notSupported('spec.template.spec.restartPolicy', props.restartPolicy, ['Always'])]
      : []),
    ...(runsToCompletion && props.restartPolicy === 'Always'
      ? [notSupported(`${shape.podSpecPath}.restartPolicy`, props.restartPolicy, ['OnFailure', 'Never'])]
      : []),
    ...(kind === WorkloadKind.CRON_JOB && !props.schedule ? [required('spec.schedule', 'when the CronJob runs, in cron syntax (`0 3 * * *`)')] : []),
    ...(kind === WorkloadKind.CRON_JOB && props.schedule && props.schedule.trim().split(/\s+/).length !== 5 && !props.schedule.trim().startsWith('@')
      ? [invalid('spec.schedule', props.schedule, 'unparseable schedule: expected exactly 5 fields (minute hour day-of-month month day-of-week) or a @ descriptor')]
      : []),
    ...(kind !== WorkloadKind.CRON_JOB
      ? (['schedule', 'concurrencyPolicy', 'timeZone'] as const).filter((k) => props[k] !== undefined).map((k) => forbidden(`spec.${k}`, 'only a CronJob has it'))
      : []),
    ...(props.backoffLimit !== undefined && !runsToCompletion ? [forbidden('spec.backoffLimit', 'only a Job or a CronJob has it')] : []),
    ...optionProblems(kind, props),
    ...(props.volumeClaimTemplates?.length && kind !== WorkloadKind.STATEFUL_SET ? [forbidden('spec.volumeClaimTemplates', 'only a StatefulSet has claim templates (use a PersistentVolumeClaim and Volume.fromPersistentVolumeClaim)')] : []),
    ...(props.volumeClaimTemplates ?? []).flatMap((t, i) => [
      ...dns1123Label(t.name, `spec.volumeClaimTemplates[${i}].metadata.name`, 'sts-claim-template'),
      ...(parseQuantity(t.storage) !== undefined ? [] : [invalid(`spec.volumeClaimTemplates[${i}].spec.resources.requests[storage]`, t.storage, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")]),
      ...((props.volumes ?? []).some((v) => v._toKube().name === t.name) || (props.volumeClaimTemplates ?? []).findIndex((x) => x.name === t.name) < i
        ? [duplicate(`spec.volumeClaimTemplates[${i}].metadata.name`, t.name)]
        : []),
    ]),
    ...(props.backoffLimit !== undefined && props.backoffLimit < 0 ? [invalid('spec.backoffLimit', props.backoffLimit, 'must be greater than or equal to 0')] : []),
  ];
}

/** The workload options set on a kind that does not have them, or out of range (the API server's wording). */
function optionProblems(k: WorkloadKind, p: WorkloadProps): FieldError[] {
  const only = (field: string, set: boolean, kinds: WorkloadKind[]) =>
    set && !kinds.includes(k) ? [forbidden(`spec.${field}`, `a ${k} has no ${field} (${kinds.join(', ')} do)`)] : [];
  const nonNegative = (field: string, v: number | undefined) => (v !== undefined && v < 0 ? [invalid(`spec.${field}`, v, 'must be greater than or equal to 0')] : []);
  const { DEPLOYMENT, REPLICA_SET, STATEFUL_SET, DAEMON_SET } = WorkloadKind;
  const u = p.updateStrategy;
  return [
    ...only('minReadySeconds', p.minReadySeconds !== undefined, [DEPLOYMENT, REPLICA_SET, STATEFUL_SET, DAEMON_SET]),
    ...only('revisionHistoryLimit', p.revisionHistoryLimit !== undefined, [DEPLOYMENT, STATEFUL_SET, DAEMON_SET]),
    ...only('progressDeadlineSeconds', p.progressDeadlineSeconds !== undefined, [DEPLOYMENT]),
    ...only('updateStrategy', u !== undefined, [STATEFUL_SET, DAEMON_SET]),
    ...only('podManagementPolicy', p.podManagementPolicy !== undefined, [STATEFUL_SET]),
    ...nonNegative('minReadySeconds', p.minReadySeconds),
    ...nonNegative('revisionHistoryLimit', p.revisionHistoryLimit),
    ...nonNegative('progressDeadlineSeconds', p.progressDeadlineSeconds),
    ...(p.progressDeadlineSeconds !== undefined && p.progressDeadlineSeconds <= (p.minReadySeconds ?? 0)
      ? [invalid('spec.progressDeadlineSeconds', p.progressDeadlineSeconds, 'must be greater than minReadySeconds')]
      : []),
    ...(u && !['RollingUpdate', 'OnDelete'].includes(u.type) ? [notSupported('spec.updateStrategy.type', u.type, ['OnDelete', 'RollingUpdate'])] : []),
    ...(u && u.type === 'OnDelete' && (u.partition !== undefined || u.maxUnavailable !== undefined || u.maxSurge !== undefined)
      ? [invalid('spec.updateStrategy.rollingUpdate', '', 'only allowed for updateStrategy \'RollingUpdate\'')]
      : []),
    ...(u?.partition !== undefined && k !== STATEFUL_SET ? [forbidden('spec.updateStrategy.rollingUpdate.partition', 'only a StatefulSet has a partition')] : []),
    ...(u?.maxSurge !== undefined && k !== DAEMON_SET ? [forbidden('spec.updateStrategy.rollingUpdate.maxSurge', 'only a DaemonSet surges')] : []),
    ...nonNegative('updateStrategy.rollingUpdate.partition', u?.partition),
  ];
}

/**
 * A container rendered and checked, on its own and against the workload's containers before it:
 * the rendered container, or a ConstructError naming `path`.
 */
export function checkedContainer(before: readonly k8s.Container[], props: ContainerProps, podSpecPath: string, path: string): k8s.Container {
  const rendered = renderContainer(props);
  const all = [...before, rendered];
  const at = `${podSpecPath}.containers`;
  const errors = [...validateContainer(containerJson(rendered), `${at}[${before.length}]`), ...validateContainerNames(all.map(containerJson), at)];
  if (errors.length) throw new ConstructError(path, errors);
  return rendered;
}

/** A StatefulSet's or DaemonSet's updateStrategy in wire form (only what was set). */
function updateStrategy(p: WorkloadProps): unknown {
  const u = p.updateStrategy;
  if (!u) return undefined;
  const ios = (v: number | string | undefined) => (v === undefined ? undefined : typeof v === 'number' ? k8s.IntOrString.fromNumber(v) : k8s.IntOrString.fromString(v));
  const rolling = u.type === 'RollingUpdate' && (u.partition !== undefined || u.maxUnavailable !== undefined || u.maxSurge !== undefined)
    ? { partition: u.partition, maxUnavailable: ios(u.maxUnavailable), maxSurge: ios(u.maxSurge) }
    : undefined;
  return { type: u.type, rollingUpdate: rolling };
}

/** The spec of the workload, with its containers rendered and its volumes. */
export function workloadSpec(shape: WorkloadShape, p: WorkloadProps, containers: k8s.Container[], volumes: readonly Volume[]): unknown {
  const podSpec: k8s.PodSpec = {
    ...(p.podSpec ?? {}),
    ...(p.serviceAccount !== undefined ? { serviceAccountName: typeof p.serviceAccount === 'string' ? p.serviceAccount : p.serviceAccount.name } : {}),
    restartPolicy: p.restartPolicy,
    initContainers: p.initContainers?.length ? p.initContainers.map((c) => renderContainer(c)) : undefined,
    containers,
    volumes: volumes.length ? volumes.map((v) => v._toKube()) : undefined,
  };
  if (shape.kind === WorkloadKind.POD) return podSpec;
  const template = {
    metadata: { labels: shape.podLabels, annotations: p.podAnnotations },
    spec: podSpec,
  };
  const selector = { matchLabels: shape.selectorLabels };
  switch (shape.kind) {
    case WorkloadKind.DEPLOYMENT:
      return {
        replicas: p.replicas,
        selector,
        strategy: p.strategy?._toKube(),
        minReadySeconds: p.minReadySeconds,
        revisionHistoryLimit: p.revisionHistoryLimit,
        progressDeadlineSeconds: p.progressDeadlineSeconds,
        template,
      };
    case WorkloadKind.STATEFUL_SET:
      return {
        replicas: p.replicas,
        selector,
        serviceName: p.serviceName,
        podManagementPolicy: p.podManagementPolicy,
        updateStrategy: updateStrategy(p),
        minReadySeconds: p.minReadySeconds,
        revisionHistoryLimit: p.revisionHistoryLimit,
        template,
        volumeClaimTemplates: p.volumeClaimTemplates?.length
          ? p.volumeClaimTemplates.map((t) => ({
              metadata: { name: t.name },
              spec: { accessModes: [...(t.accessModes ?? ['ReadWriteOnce'])], storageClassName: t.storageClassName, resources: { requests: { storage: k8s.Quantity.fromString(t.storage) } } },
            }))
          : undefined,
      };
    case WorkloadKind.DAEMON_SET:
      return { selector, updateStrategy: updateStrategy(p), minReadySeconds: p.minReadySeconds, revisionHistoryLimit: p.revisionHistoryLimit, template };
    case WorkloadKind.JOB:
      // a Job selects its Pods itself; parallelism stands in for replicas
      return { parallelism: p.replicas, completions: p.replicas, backoffLimit: p.backoffLimit, template: { ...template, spec: { ...podSpec, restartPolicy: p.restartPolicy ?? 'OnFailure' } } };
    case WorkloadKind.CRON_JOB:
      return {
        schedule: p.schedule,
        timeZone: p.timeZone,
        concurrencyPolicy: p.concurrencyPolicy,
        jobTemplate: {
          spec: { parallelism: p.replicas, completions: p.replicas, backoffLimit: p.backoffLimit, template: { ...template, spec: { ...podSpec, restartPolicy: p.restartPolicy ?? 'OnFailure' } } },
        },
      };
    default:
      return { replicas: p.replicas, selector, minReadySeconds: p.minReadySeconds, template };
  }
}

const L1_OF: Record<WorkloadKind, L1Object['l1']> = {
  [WorkloadKind.POD]: 'KubePod',
  [WorkloadKind.REPLICA_SET]: 'KubeReplicaSet',
  [WorkloadKind.DEPLOYMENT]: 'KubeDeployment',
  [WorkloadKind.STATEFUL_SET]: 'KubeStatefulSet',
  [WorkloadKind.DAEMON_SET]: 'KubeDaemonSet',
  [WorkloadKind.JOB]: 'KubeJob',
  [WorkloadKind.CRON_JOB]: 'KubeCronJob',
};

/** The L1 props of the workload object around its spec (`spec` may be a cdk8s Lazy). */
export function workloadObject(shape: WorkloadShape, props: WorkloadProps, spec: unknown): L1Object {
  const metadata = { name: shape.name, namespace: props.namespace, labels: props.labels, annotations: props.annotations };
  if (shape.kind === WorkloadKind.POD) {
    return { l1: 'KubePod', props: { metadata: { ...metadata, labels: nonEmptyMap({ ...shape.podLabels, ...(props.labels ?? {}) }), annotations: props.podAnnotations ?? props.annotations }, spec } };
  }
  return { l1: L1_OF[shape.kind], props: { metadata, spec } };
}

/**
 * The whole workload, checked as the construct checks it (the props, then each container as it is
 * added): its L1 props, or a ConstructError naming `path`.
 */
export function renderWorkload(props: WorkloadProps, id: string, path: string): L1Object {
  const shape = workloadShape(props, id);
  const problems = workloadProblems(shape, props);
  if (problems.length) throw new ConstructError(path, problems);
  const rendered: k8s.Container[] = [];
  for (const c of props.containers) rendered.push(checkedContainer(rendered, c, shape.podSpecPath, path));
  return workloadObject(shape, props, workloadSpec(shape, props, rendered, props.volumes ?? []));
}

function nonEmptyMap(m: Record<string, string>): Record<string, string> | undefined {
  return Object.keys(m).length ? m : undefined;
}
