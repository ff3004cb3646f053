/** Swarm `deploy:` placement and update settings as Kubernetes scheduling and rollout settings. */
import { WorkloadKind } from '../constructs/_workload';
import { Code, C } from './code';
import { ServiceContext } from './context';
import type { Obj } from './load';

/** Placement constraints -> node affinity; preferences and max_replicas_per_node -> topology spread. */
export function mapPlacement(ctx: ServiceContext, deploy: Obj, selector: Obj): Obj {
  const name = ctx.name;
  const warn = (_service: string, key: string, message: string) => ctx.warn(key, message);
  const podSpec: Obj = {};
  const placement = deploy.placement ?? {};
  const terms: Obj[] = [];
  for (const c of placement.constraints ?? []) {
    // Swarm managers run workloads; Kubernetes control-plane nodes are tainted, and managed
    // clusters have none a Pod can use: a Pod bound to them would stay Pending for ever
    if (/^\s*node\.role\s*(==\s*manager|!=\s*worker)\s*$/.test(String(c))) {
      warn(name, 'deploy.placement.constraints', `"${c}" is not converted: Kubernetes keeps workloads off control-plane nodes (tainted, or absent on managed clusters), so the Pods run on worker nodes; a service that needed the manager's Docker API needs another way in Kubernetes`);
      continue;
    }
    const r = constraint(String(c));
    if (r) terms.push(r);
    else warn(name, 'deploy.placement.constraints', `"${c}" has no node-label equivalent; not converted`);
  }
  if (terms.length) podSpec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: terms }] } } };
  const spread: Obj[] = [];
  for (const pref of placement.preferences ?? []) {
    const key = String(pref.spread ?? '');
    const topologyKey = key === 'node.id' || key === 'node.hostname' ? 'kubernetes.io/hostname' : key.startsWith('node.labels.') ? key.slice(12) : undefined;
    if (topologyKey) spread.push({ maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selector } });
    else warn(name, 'deploy.placement.preferences', `spread over "${key}" has no node-label equivalent; not converted`);
  }
  if (placement.max_replicas_per_node) {
    spread.push({ maxSkew: Number(placement.max_replicas_per_node), topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: selector } });
    warn(name, 'deploy.placement.max_replicas_per_node', 'became a topology spread constraint (maxSkew per node), which bounds the difference between nodes, not the count');
  }
  if (spread.length) podSpec.topologySpreadConstraints = spread;
  return podSpec;
}

export function updateStrategy(service: string, kind: WorkloadKind, deploy: Obj, warn: (s: string, k: string, m: string) => void): Code | undefined {
  const uc = deploy.update_config;
  if (deploy.rollback_config) warn(service, 'deploy.rollback_config', 'Kubernetes rolls back with `kubectl rollout undo`; not converted');
  if (!uc) return undefined;
  if (kind !== WorkloadKind.DEPLOYMENT) {
    warn(service, 'deploy.update_config', `only a Deployment has a rolling-update strategy in svcgen; not converted for a ${kind}`);
    return undefined;
  }
  const parallelism = uc.parallelism ?? 1;
  if (uc.delay || uc.failure_action || uc.monitor || uc.max_failure_ratio) {
    warn(service, 'deploy.update_config', 'delay, failure_action, monitor and max_failure_ratio are not converted (use minReadySeconds and progressDeadlineSeconds)');
  }
  if (parallelism === 0) return C.rollingUpdate({ maxSurge: '100%', maxUnavailable: 0 });
  return uc.order === 'start-first' ? C.rollingUpdate({ maxSurge: parallelism, maxUnavailable: 0 }) : C.rollingUpdate({ maxSurge: 0, maxUnavailable: parallelism });
}

/** A Swarm placement constraint as a node-affinity match expression. */
function constraint(c: string): Obj | undefined {
  const m = /^\s*([\w.-]+(?:\.[\w.-]+)*)\s*(==|!=)\s*(.+?)\s*$/.exec(c);
  if (!m) return undefined;
  const [, field, op, value] = m;
  const operator = op === '==' ? 'In' : 'NotIn';
  const key =
    field === 'node.hostname' ? 'kubernetes.io/hostname'
      : field === 'node.platform.os' ? 'kubernetes.io/os'
        : field === 'node.platform.arch' ? 'kubernetes.io/arch'
          : field.startsWith('node.labels.') ? field.slice(12)
            : field === 'node.role' ? 'node-role.kubernetes.io/control-plane'
              : undefined;
  if (!key) return undefined;
  if (field === 'node.role') return { key, operator: (value === 'manager') === (op === '==') ? 'Exists' : 'DoesNotExist' };
  return { key, operator, values: [value] };
}
