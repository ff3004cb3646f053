/** kompose's workload labels: `kompose.cronjob.*` (a CronJob) and `kompose.hpa.*` (a HorizontalPodAutoscaler). */
import { WorkloadKind } from '../constructs/_workload';
import { ServiceContext } from './context';
import type { Obj } from './load';

/** The CronJob props of `kompose.cronjob.schedule`, `.concurrency_policy` and `.backoff_limit`, as kompose reads them. */
export function cronJobProps(ctx: ServiceContext): Obj {
  const schedule = ctx.kompose('cronjob.schedule') ?? '';
  const out: Obj = { schedule };
  if (!schedule.trim()) ctx.warn('labels', 'kompose.cronjob.schedule is empty: a CronJob needs a schedule (cron syntax, "0 3 * * *")');
  const policy = ctx.kompose('cronjob.concurrency_policy');
  if (policy !== undefined && policy !== '') {
    if (['Allow', 'Forbid', 'Replace'].includes(policy)) out.concurrencyPolicy = policy;
    else ctx.warn('labels', `kompose.cronjob.concurrency_policy "${policy}" is not Allow, Forbid or Replace; not converted (Kubernetes' default, Allow, applies)`);
  }
  const limit = ctx.kompose('cronjob.backoff_limit');
  if (limit !== undefined && limit !== '') {
    if (/^\d+$/.test(limit.trim()) && Number(limit) <= 2147483647) out.backoffLimit = Number(limit);
    else ctx.warn('labels', `kompose.cronjob.backoff_limit "${limit}" is not a whole number; not converted (Kubernetes' default, 6, applies)`);
  }
  return out;
}

const HPA = { min: 'hpa.replicas.min', max: 'hpa.replicas.max', cpu: 'hpa.cpu', memory: 'hpa.memory' } as const;
/** kompose's defaults for labels left out or unreadable */
const HPA_DEFAULTS = { min: 1, max: 3, cpu: 50, memory: 70 } as const;

/**
 * The HorizontalPodAutoscaler props of `kompose.hpa.*` (replicas.min, replicas.max, cpu, memory:
 * target utilization percentages), with kompose's defaults (1, 3, 50, 70) for what is left out or
 * unreadable, each such case with a warning. Undefined when no such label is set, or the kind
 * cannot be scaled.
 */
export function autoscalerProps(ctx: ServiceContext, kind: WorkloadKind, container: Obj): Obj | undefined {
  if (!Object.values(HPA).some((k) => ctx.kompose(k) !== undefined)) return undefined;
  if (![WorkloadKind.DEPLOYMENT, WorkloadKind.STATEFUL_SET, WorkloadKind.REPLICA_SET].includes(kind)) {
    ctx.warn('labels', `kompose.hpa.*: a ${kind} cannot be scaled by a HorizontalPodAutoscaler; not converted`);
    return undefined;
  }
  const read = (k: keyof typeof HPA, percent: boolean): number => {
    const raw = ctx.kompose(HPA[k]);
    if (raw === undefined) return HPA_DEFAULTS[k];
    const v = /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
    if (Number.isNaN(v) || (percent && (v < 1 || v > 100)) || (!percent && v < 1)) {
      ctx.warn('labels', `kompose.${HPA[k]} "${raw}" is not ${percent ? 'a percentage from 1 to 100' : 'a whole number of at least 1'}; kompose's default ${HPA_DEFAULTS[k]} is used`);
      return HPA_DEFAULTS[k];
    }
    return v;
  };
  const minReplicas = read('min', false);
  let maxReplicas = read('max', false);
  if (maxReplicas < minReplicas) {
    ctx.warn('labels', `kompose.hpa.replicas.max ${maxReplicas} is less than kompose.hpa.replicas.min ${minReplicas}; the maximum is ${minReplicas}, as kompose does`);
    maxReplicas = minReplicas;
  }
  // utilization is a share of what the containers request (a limit alone counts as the request)
  const res = (container.resources ?? {}) as Obj;
  const has = (r: string) => res.requests?.[r] !== undefined || res.limits?.[r] !== undefined;
  const target = (k: 'cpu' | 'memory', key: string): number | undefined => {
    const explicit = ctx.kompose(HPA[k]) !== undefined;
    if (has(k)) return read(k, true);
    if (!explicit) {
      ctx.warn('labels', `kompose.hpa: kompose's default ${k} target (${HPA_DEFAULTS[k]}%) is left out: the container requests no ${k}, so the autoscaler could not compute it (and would never scale down); set deploy.resources.reservations.${key} to use it`);
      return undefined;
    }
    ctx.warn('labels', `kompose.${HPA[k]}: the container requests no ${k}, so the autoscaler cannot compute ${k} utilization: set deploy.resources.reservations.${key}`);
    return read(k, true);
  };
  const cpuUtilization = target('cpu', 'cpus');
  const memoryUtilization = target('memory', 'memory');
  return { minReplicas, maxReplicas, cpuUtilization, memoryUtilization };
}
