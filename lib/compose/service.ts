/**
 * The conversion of one compose service, one mapper per concern. Each mapper names the service
 * keys it reads; the key table (KEYS) is made from them and the reported keys, so a key is
 * "mapped" exactly when a mapper reads it: every key is mapped or reported by construction.
 * Mappers run in order on one draft of the workload (kind, container, Pod spec, volumes, ports),
 * and the last ones turn it into statements: the workload, its Service, Ingress and autoscaler,
 * and Services for its other names.
 */
import { Protocol } from '../constructs/ports';
import { ServiceType } from '../constructs/_service';
import { WorkloadKind } from '../constructs/_workload';
import { looksSecretName, looksSecretValue } from '../secrets';
import { isEnvVarName, isQualifiedName, isValidIP, isValidLabelValue } from '../validate/names';
import { C, Code } from './code';
import { ServiceContext, SharedObjects } from './context';
import type { Statement } from './convert';
import { mapPlacement, updateStrategy } from './deploy';
import { ComposeError } from './errors';
import { parseDotEnv } from './interpolate';
import { DEPLOY_KEYS, KOMPOSE_LABELS, REPORTED_KEYS } from './keys';
import { autoscalerProps, cronJobProps } from './kompose';
import { listToMap, Obj } from './load';
import { capName, cleanObj, cpuQuantity, durationSeconds, escapeRe, k8sName, parsePort, PortSpec, sizeQuantity, words } from './parse';
import { mapHealthcheck } from './probes';
import { mapVolumes, namedVolumeSource, namedVolumeUsers } from './volumes';

export const PROTOCOL: Record<string, Protocol> = { tcp: Protocol.TCP, udp: Protocol.UDP, sctp: Protocol.SCTP };

/** A port published on the host's loopback only. */
export const isLoopback = (ip?: string) => !!ip && (/^127\./.test(ip) || ip === '::1' || ip === 'localhost');

/** What the whole conversion shares with the mappers of each service. */
export interface PlanState {
  readonly statements: Statement[];
  /** Services for other names, added after every service's own objects */
  readonly aliasServices: Statement[];
  /** per service: the container ports published outside the cluster (NetworkPolicies keep them open) */
  readonly publishedPorts: Map<string, { port: number; protocol: string }[]>;
  /** network_mode service:X: this service's container joins X's Pod */
  readonly sidecarOf: Map<string, string>;
  /** compose name -> Kubernetes name */
  readonly names: ReadonlyMap<string, string>;
  /** services whose Kubernetes name differs: [compose, Kubernetes] */
  readonly renamed: readonly [string, string][];
  readonly services: Readonly<Record<string, Obj>>;
  /** Kubernetes names in use */
  readonly taken: Set<string>;
  readonly partOf: string;
  readonly ns?: string;
  readonly shared: SharedObjects;
  readonly warn: (service: string | undefined, key: string, message: string, at?: string) => void;
  readonly fail: (service: string, key: string, message: string) => never;
  readonly exampleKeys: (missing: string) => { file: string; keys: string[] } | undefined;
}

/** One service's context for its mappers. */
export interface MapperContext extends ServiceContext {
  /** the compose labels (a label without a value has the empty value, as in Compose) */
  readonly labels: Obj;
  /** the labels that select the service's Pods, as a constant of a printed program */
  readonly selector: Code;
  readonly selectorValue: Obj;
  readonly plan: PlanState;
}

/** The workload as the mappers build it. */
export class Draft {
  kind: WorkloadKind = WorkloadKind.DEPLOYMENT;
  replicas?: number;
  readonly container: Obj;
  readonly podSpec: Obj = {};
  readonly volumes: Code[] = [];
  initContainers: Obj[] = [];
  readonly specs: PortSpec[] = [];
  readonly exposed: PortSpec[] = [];
  hpa?: Obj;
  /** a StatefulSet's per-replica claims */
  claimTemplates: Obj[] = [];
  /** the Service's props maker, ports and headlessness (none for run-to-completion work) */
  service?: { props: (name: string, extra?: Obj) => Obj; ports: Obj[]; headless: boolean };

  constructor(
    n: string,
    public readonly deploy: Obj,
  ) {
    this.container = { name: n };
  }

  runsToCompletion(): boolean {
    return this.kind === WorkloadKind.JOB || this.kind === WorkloadKind.CRON_JOB;
  }
}

/** The named volumes (not external) that this service alone mounts. */
function ownNamedVolumes(c: MapperContext): string[] {
  const volumes = (c.project.model.volumes ?? {}) as Obj;
  const users = namedVolumeUsers(c.plan.services);
  const mine = [...new Set(((c.svc.volumes ?? []) as unknown[]).map(namedVolumeSource).filter((x): x is string => !!x && x in volumes && !volumes[x]?.external))];
  return mine.filter((v) => ![...(users.get(v) ?? [])].some((other) => other !== c.name));
}

const aliasIndex = new WeakMap<object, Map<string, Set<string>>>();

/** Per service, the other names `links: [service:alias]` of any service give it (once per set of services). */
function linkAliases(services: Readonly<Record<string, Obj>>): Map<string, Set<string>> {
  let index = aliasIndex.get(services);
  if (!index) {
    index = new Map();
    for (const o of Object.values(services)) {
      for (const l of (o as Obj).links ?? []) {
        const [target, alias] = String(l).split(':');
        if (alias && alias !== target) {
          if (!index.has(target)) index.set(target, new Set());
          index.get(target)!.add(alias);
        }
      }
    }
    aliasIndex.set(services, index);
  }
  return index;
}

export interface Mapper {
  /** what it converts, for people reading the table */
  readonly concern: string;
  /** the service keys it reads */
  readonly keys: readonly string[];
  map(c: MapperContext, d: Draft): void;
}

/** The mappers of a service, in the order they run. */
export const SERVICE_MAPPERS: readonly Mapper[] = [
  {
    concern: 'loading (extends and profiles are resolved when the files are read)',
    keys: ['extends', 'profiles'],
    map() {
      // nothing left to do here
    },
  },
  {
    concern: 'the workload kind and replicas',
    keys: ['deploy', 'scale'],
    map(c, d) {
      const { name, svc, kompose, options } = c;
      const { warn } = c.plan;
      const { deploy } = d;
      for (const key of Object.keys(deploy)) if (DEPLOY_KEYS[key] === undefined) warn(name, `deploy.${key}`, 'is not a deploy key svcgen knows; not converted');
      const controllerLabel = kompose('controller.type');
      if (deploy.mode === 'global') d.kind = WorkloadKind.DAEMON_SET;
      else if (deploy.mode === 'replicated-job' || deploy.mode === 'global-job') {
        d.kind = WorkloadKind.JOB;
        if (deploy.mode === 'global-job') warn(name, 'deploy.mode', 'global-job becomes one Job (Kubernetes has no per-node Job); use a DaemonSet if it must run on every node');
      } else if (kompose('cronjob.schedule') !== undefined) {
        // kompose's CronJob: a one-shot command on a schedule, not a Deployment repeating it forever
        d.kind = WorkloadKind.CRON_JOB;
      } else if (controllerLabel) {
        d.kind = ({ deployment: WorkloadKind.DEPLOYMENT, daemonset: WorkloadKind.DAEMON_SET, statefulset: WorkloadKind.STATEFUL_SET, replicaset: WorkloadKind.REPLICA_SET } as Record<string, WorkloadKind>)[controllerLabel.toLowerCase()] ?? WorkloadKind.DEPLOYMENT;
        if (controllerLabel.toLowerCase() === 'replicationcontroller') warn(name, 'labels', 'kompose.controller.type replicationcontroller: ReplicationControllers are superseded; a Deployment is made instead');
      } else {
        d.kind = ({ deployment: WorkloadKind.DEPLOYMENT, replicaset: WorkloadKind.REPLICA_SET, statefulset: WorkloadKind.STATEFUL_SET, daemonset: WorkloadKind.DAEMON_SET } as Record<string, WorkloadKind>)[options.controller ?? 'deployment'];
        // replicas of a Swarm service with a named volume each write their own (a local volume is
        // per node): a Deployment would share one ReadWriteOnce claim, which only one node can
        // mount. Unless a controller was chosen, such a service becomes a StatefulSet, a claim
        // of its own per replica.
        const replicas = Number(deploy.replicas ?? svc.scale ?? 1);
        const own = ownNamedVolumes(c);
        if (options.controller === undefined && replicas > 1 && own.length) {
          d.kind = WorkloadKind.STATEFUL_SET;
          warn(name, deploy.replicas !== undefined ? 'deploy.replicas' : 'scale', `${replicas} replicas with the named volume${own.length > 1 ? 's' : ''} ${own.join(', ')}: a StatefulSet, so that each replica has storage of its own (a Deployment's replicas would share one ReadWriteOnce claim); choose with --controller or kompose.controller.type`);
        }
      }
      d.replicas = deploy.replicas ?? svc.scale;
    },
  },
  {
    concern: 'the container',
    keys: ['image', 'build', 'entrypoint', 'command', 'working_dir', 'stdin_open', 'tty', 'pull_policy'],
    map(c, d) {
      const { name, n, svc, kompose } = c;
      const { warn, fail, partOf } = c.plan;
      const { container } = d;
      if (svc.image) container.image = String(svc.image);
      else {
        container.image = `${partOf}-${n}`;
        if (!svc.build) fail(name, 'image', 'a service needs an image (or a build to make one)');
      }
      if (svc.build) warn(name, 'build', `Kubernetes runs images, it does not build them: build and push ${svc.image ? `"${svc.image}"` : `an image, and set it (svcgen used "${container.image}")`}`);
      if (svc.entrypoint !== undefined) container.command = words(svc.entrypoint);
      if (svc.command !== undefined) container.args = words(svc.command);
      if (svc.working_dir) container.workingDir = String(svc.working_dir);
      if (svc.stdin_open) container.stdin = true;
      if (svc.tty) container.tty = true;
      if (svc.pull_policy) {
        const pp = ({ always: 'Always', never: 'Never', missing: 'IfNotPresent', if_not_present: 'IfNotPresent' } as Record<string, string>)[String(svc.pull_policy)];
        if (pp) container.imagePullPolicy = new Code(`ImagePullPolicy.${pp === 'IfNotPresent' ? 'IF_NOT_PRESENT' : pp.toUpperCase()}`, pp);
        else warn(name, 'pull_policy', `"${svc.pull_policy}" has no Kubernetes equivalent; the kubelet's default applies`);
      }
      const komposePull = kompose('image-pull-policy');
      if (komposePull) container.imagePullPolicy = new Code(`ImagePullPolicy.${komposePull === 'IfNotPresent' ? 'IF_NOT_PRESENT' : komposePull.toUpperCase()}`, komposePull);
    },
  },
  {
    concern: 'environment',
    keys: ['environment', 'env_file'],
    map(c, d) {
      const { name, n, svc, at, project } = c;
      const { warn, renamed, statements, ns, exampleKeys } = c.plan;
      const { container } = d;
      const env: Obj = {};
      const environment = listToMap(svc.environment ?? {});
      for (const [raw, v] of Object.entries(environment)) {
        // Kubernetes 1.28 takes [-._a-zA-Z][-._a-zA-Z0-9]* only; .NET reads `A__B` as the key `A:B`
        let k = raw;
        if (isEnvVarName(k).length) {
          const dotnet = k.replace(/:/g, '__');
          if (k.includes(':') && isEnvVarName(dotnet).length === 0) {
            warn(name, 'environment', `${raw} is not a valid Kubernetes variable name: it became ${dotnet} (.NET reads A__B as the configuration key A:B; other programs may need a change)`);
            k = dotnet;
          } else {
            warn(name, 'environment', `${raw} is not a valid Kubernetes variable name (letters, digits, -, _ and ., not starting with a digit): it is left out`);
            continue;
          }
        }
        if (v === null || v === undefined) {
          const fromEnv = project.lookup(k);
          if (fromEnv === undefined) warn(name, 'environment', `${k} has no value here or in the environment; it is left out (set it, or give it a value)`);
          else env[k] = fromEnv;
        } else env[k] = String(v);
      }
      for (const [old, nu] of renamed) {
        const mentions = (v: unknown) => typeof v === 'string' && new RegExp(`(^|[^A-Za-z0-9_-])${escapeRe(old)}([^A-Za-z0-9_-]|$)`).test(v);
        for (const [k, v] of Object.entries(env)) {
          if (mentions(v)) warn(name, 'environment', `${k} still names service "${old}", which is "${nu}" in Kubernetes: change the value`);
        }
        for (const key of ['command', 'entrypoint'] as const) {
          if ([svc[key]].flat().some(mentions)) warn(name, key, `still names service "${old}", which is "${nu}" in Kubernetes: change it`);
        }
      }
      const envFrom: Obj = {};
      (Array.isArray(svc.env_file) ? svc.env_file : svc.env_file ? [svc.env_file] : []).forEach((ef: unknown, i: number) => {
        const ref = typeof ef === 'string' ? ef : (ef as Obj).path;
        const required = typeof ef === 'string' ? true : (ef as Obj).required !== false;
        const found = project.readReferencedIfPresent(ref, at('env_file', i));
        const base = `${n}-env${i ? `-${i + 1}` : ''}`;
        if ('missing' in found) {
          if (!required) return;
          // kept out of git: the container reads the variables from a Secret the user creates
          (envFrom.secrets ??= []).push(base);
          const example = exampleKeys(found.missing);
          warn(
            name,
            'env_file',
            `${ref} is not in the project (kept out of git?): the container reads its variables from Secret "${base}", which you create before deploying: ` +
              `kubectl create secret generic ${base} --from-env-file=${found.missing}${ns ? ` -n ${ns}` : ''}${example ? ` (${example.file} names ${example.keys.join(', ')})` : ''}`,
            at('env_file', i),
          );
          return;
        }
        // read as Compose reads env files: its syntax, and interpolated from the environment and .env
        const parsed = parseDotEnv(found.text, project.lookup);
        if (parsed.errors.length) throw new ComposeError(found.file, parsed.errors[0].line, 1, parsed.errors[0].message);
        const vars = Object.fromEntries(parsed.vars);
        const isSecret = ([k, v]: [string, unknown]) => looksSecretName(k) || looksSecretValue(String(v ?? ''));
        const plain = Object.fromEntries(Object.entries(vars).filter((kv) => !isSecret(kv)));
        const secret = Object.fromEntries(Object.entries(vars).filter(isSecret));
        if (Object.keys(plain).length) {
          statements.push({ ctor: 'ConfigMap', id: base, props: { name: base, namespace: ns, data: plain } });
          (envFrom.configMaps ??= []).push(base);
        }
        if (Object.keys(secret).length) {
          statements.push({ ctor: 'Secret', id: `${base}-secret`, props: { name: `${base}-secret`, namespace: ns, stringData: secret } });
          (envFrom.secrets ??= []).push(`${base}-secret`);
          warn(name, 'env_file', `${Object.keys(secret).join(', ')} look secret: they went into Secret "${base}-secret", not into a ConfigMap (values are not shown)`);
        }
      });
      if (Object.keys(env).length) container.env = env;
      if (Object.keys(envFrom).length) container.envFrom = envFrom;
    },
  },
  {
    concern: 'ports',
    keys: ['ports', 'expose'],
    map(c, d) {
      const { name, svc, at, project } = c;
      const { warn } = c.plan;
      const { container, specs, exposed } = d;
      (svc.ports ?? []).forEach((p: unknown, i: number) => {
        try {
          specs.push(...parsePort(p));
        } catch (e) {
          const pos = project.position(at('ports', i));
          throw new ComposeError(pos.file, pos.line, pos.column, `services.${name}.ports[${i}]: ${(e as Error).message}`);
        }
      });
      (svc.expose ?? []).forEach((p: unknown, i: number) => {
        try {
          for (const s of parsePort(String(p))) exposed.push({ ...s, published: undefined });
        } catch (e) {
          const pos = project.position(at('expose', i));
          throw new ComposeError(pos.file, pos.line, pos.column, `services.${name}.expose[${i}]: ${(e as Error).message}`);
        }
      });
      const containerPorts: Obj[] = [];
      const seenTarget = new Set<string>();
      for (const s of [...specs, ...exposed]) {
        const key = `${s.target}/${s.protocol}`;
        if (seenTarget.has(key)) continue;
        seenTarget.add(key);
        const cp: Obj = { number: s.target };
        if (s.protocol !== 'tcp') cp.protocol = C.protocol(PROTOCOL[s.protocol]);
        if (s.mode === 'host' && s.published) cp.hostPort = s.published;
        containerPorts.push(cp);
      }
      for (const s of specs) {
        if (isLoopback(s.hostIp)) {
          warn(name, 'ports', `${s.hostIp}:${s.published}:${s.target}: published for this host only, so not on every node: the Service keeps the port inside the cluster (reach it with kubectl port-forward)`);
        } else if (s.hostIp && s.hostIp !== '0.0.0.0' && s.hostIp !== '::') {
          warn(name, 'ports', `${s.hostIp}:${s.published}:${s.target}: a Service cannot bind one host IP; the port is published on every node`);
        }
      }
      if (containerPorts.length) container.ports = containerPorts;
    },
  },
  {
    concern: 'healthcheck',
    keys: ['healthcheck'],
    map(c, d) {

      mapHealthcheck(c, d.container);
    },
  },
  {
    concern: 'resources',
    keys: ['deploy', 'cpus', 'mem_limit', 'mem_reservation'],
    map(c, d) {
      const { name, svc, at, project } = c;
      const { warn } = c.plan;
      const { container, deploy } = d;
      const limits: Obj = {};
      const requests: Obj = {};
      const res = deploy.resources ?? {};
      try {
        if (res.limits?.cpus ?? svc.cpus) limits.cpu = cpuQuantity(res.limits?.cpus ?? svc.cpus);
        if (res.limits?.memory ?? svc.mem_limit) limits.memory = sizeQuantity(res.limits?.memory ?? svc.mem_limit);
        if (res.reservations?.cpus) requests.cpu = cpuQuantity(res.reservations.cpus);
        if (res.reservations?.memory ?? svc.mem_reservation) requests.memory = sizeQuantity(res.reservations?.memory ?? svc.mem_reservation);
      } catch (e) {
        const pos = project.position(at('deploy', 'resources'));
        throw new ComposeError(pos.file, pos.line, pos.column, `services.${name}.deploy.resources: ${(e as Error).message}`);
      }
      // kompose's ephemeral-storage labels (on deploy.labels, as kompose reads them)
      const deployLabels = listToMap(deploy.labels ?? {});
      for (const [label, into] of [['kompose.ephemeral-storage.limit', limits], ['kompose.ephemeral-storage.request', requests]] as const) {
        const v = deployLabels[label];
        if (v === undefined || v === null) continue;
        try {
          into['ephemeral-storage'] = sizeQuantity(v);
        } catch (e) {
          const pos = project.position(at('deploy', 'labels'));
          throw new ComposeError(pos.file, pos.line, pos.column, `services.${name}.deploy.labels: ${label}: ${(e as Error).message}`);
        }
      }
      if (res.limits?.pids || res.reservations?.devices || res.reservations?.generic_resources) {
        warn(name, 'deploy.resources', 'pids, devices and generic resources are not converted (use a device plugin resource name in limits)');
      }
      if (Object.keys(limits).length || Object.keys(requests).length) {
        container.resources = { ...(Object.keys(requests).length ? { requests } : {}), ...(Object.keys(limits).length ? { limits } : {}) };
      }
    },
  },
  {
    concern: 'the security context',
    keys: ['privileged', 'read_only', 'cap_add', 'cap_drop', 'user'],
    map(c, d) {
      const { name, svc } = c;
      const { warn } = c.plan;
      const { container } = d;
      const sc: Obj = {};
      if (svc.privileged) sc.privileged = true;
      if (svc.read_only) sc.readOnlyRootFilesystem = true;
      if (svc.cap_add || svc.cap_drop) sc.capabilities = { add: svc.cap_add?.map(capName), drop: svc.cap_drop?.map(capName) };
      if (svc.user !== undefined) {
        const m = /^(\d+)(?::(\d+))?$/.exec(String(svc.user));
        if (m) {
          sc.runAsUser = Number(m[1]);
          if (m[2]) sc.runAsGroup = Number(m[2]);
        } else warn(name, 'user', `"${svc.user}" is a name; Kubernetes needs a numeric user id (runAsUser). Not converted`);
      }
      if (Object.keys(sc).length) container.securityContext = cleanObj(sc);
    },
  },
  {
    concern: 'Pod settings',
    keys: ['hostname', 'extra_hosts', 'dns', 'dns_search', 'dns_opt', 'sysctls', 'group_add', 'stop_grace_period', 'network_mode', 'deploy'],
    map(c, d) {
      const { name, svc, kompose } = c;
      const { warn, services, sidecarOf } = c.plan;
      const { podSpec, deploy } = d;
      if (svc.hostname) podSpec.hostname = k8sName(String(svc.hostname));
      if (svc.extra_hosts) {
        const byIp = new Map<string, string[]>();
        for (const [host, ip] of Object.entries(listToMap(svc.extra_hosts, Array.isArray(svc.extra_hosts) && String(svc.extra_hosts[0] ?? '').includes('=') ? '=' : ':'))) {
          if (!isValidIP(String(ip))) {
            // `host-gateway` is Docker's own word for the host's address; a Pod has no such alias
            warn(name, 'extra_hosts', `${host}:${ip}: not converted: a host alias needs an IP address${ip === 'host-gateway' ? " (Docker's host-gateway has no Kubernetes equivalent: reach the node through a Service, or read its address from the downward API, status.hostIP)" : ''}`);
            continue;
          }
          byIp.set(String(ip), [...(byIp.get(String(ip)) ?? []), host]);
        }
        if (byIp.size) podSpec.hostAliases = [...byIp].map(([ip, hostnames]) => ({ ip, hostnames }));
      }
      if (svc.dns || svc.dns_search || svc.dns_opt) {
        podSpec.dnsConfig = cleanObj({
          nameservers: svc.dns ? [].concat(svc.dns).map(String) : undefined,
          searches: svc.dns_search ? [].concat(svc.dns_search).map(String) : undefined,
          options: svc.dns_opt ? [].concat(svc.dns_opt).map((o: string) => ({ name: String(o).split(':')[0], value: String(o).split(':')[1] })) : undefined,
        });
        if (svc.dns) podSpec.dnsPolicy = 'None';
      }
      if (svc.sysctls) podSpec.securityContext = { sysctls: Object.entries(listToMap(svc.sysctls)).map(([k, v]) => ({ name: k, value: String(v) })) };
      if (svc.group_add) podSpec.securityContext = { ...(podSpec.securityContext ?? {}), supplementalGroups: svc.group_add.filter((g: unknown) => /^\d+$/.test(String(g))).map(Number) };
      if (svc.stop_grace_period !== undefined) podSpec.terminationGracePeriodSeconds = durationSeconds(svc.stop_grace_period);
      const pullSecret = kompose('image-pull-secret');
      if (pullSecret) podSpec.imagePullSecrets = [{ name: pullSecret }];
      if (svc.network_mode === 'host') podSpec.hostNetwork = true;
      else if (svc.network_mode && String(svc.network_mode).startsWith('service:')) {
        const host = String(svc.network_mode).slice(8);
        if (services[host]) sidecarOf.set(name, host);
        else warn(name, 'network_mode', `service "${host}" is not in this project; the network is not shared`);
      } else if (svc.network_mode && svc.network_mode !== 'bridge') warn(name, 'network_mode', `"${svc.network_mode}" has no Kubernetes equivalent; the Pod network is used`);
      Object.assign(podSpec, mapPlacement(c, deploy, c.selector));
    },
  },
  {
    concern: 'restart policies',
    keys: ['restart', 'deploy'],
    map(c, d) {
      const { name, svc } = c;
      const { warn } = c.plan;
      const { kind, deploy } = d;
      const runsToCompletion = d.runsToCompletion();
      if (!runsToCompletion && svc.restart && !['always', 'unless-stopped'].includes(String(svc.restart))) {
        warn(name, 'restart', `"${svc.restart}": a ${kind} always restarts its containers; use deploy.mode replicated-job for run-to-completion work`);
      }
      if (deploy.restart_policy) {
        const cond = deploy.restart_policy.condition ?? 'any';
        if (!runsToCompletion && cond !== 'any') warn(name, 'deploy.restart_policy', `condition "${cond}": a ${kind} always restarts its containers`);
        if (deploy.restart_policy.delay || deploy.restart_policy.max_attempts || deploy.restart_policy.window) {
          warn(name, 'deploy.restart_policy', 'delay, max_attempts and window are not converted (the kubelet backs off by itself)');
        }
      }
    },
  },
  {
    concern: 'volumes, tmpfs, configs and secrets',
    keys: ['volumes', 'tmpfs', 'configs', 'secrets', 'shm_size'],
    map(c, d) {
      const { container, podSpec } = d;
      const { volumes, mounts, fsGroup, claimTemplates } = mapVolumes(c, c.plan.shared, d.kind);
      d.claimTemplates = claimTemplates;
      if (mounts.length) container.volumeMounts = mounts;
      if (fsGroup !== undefined) podSpec.securityContext = { ...(podSpec.securityContext ?? {}), fsGroup };
      d.volumes.push(...volumes);
    },
  },
  {
    concern: 'start-up order',
    keys: ['depends_on'],
    map(c, d) {
      const { name, svc, options } = c;
      const { names, warn } = c.plan;
      if (svc.depends_on !== undefined) {
        warn(
          name,
          'depends_on',
          options.waitForDependencies
            ? "start-up order is not enforced; an init container waits until each dependency's name resolves (not until it is healthy)"
            : 'not converted: Kubernetes starts Pods in any order and does not wait: make the service retry its connections, or convert with --wait-for-dependencies',
        );
      }
      const deps: string[] = Array.isArray(svc.depends_on) ? svc.depends_on : Object.keys(svc.depends_on ?? {});
      d.initContainers = options.waitForDependencies
        ? deps.map((d) => {
            const dn = names.get(d) ?? k8sName(d);
            return { name: k8sName(`wait-for-${dn}`), image: options.waitImage ?? 'busybox:1.36', command: ['sh', '-c', `until nslookup ${dn} >/dev/null 2>&1; do echo waiting for ${dn}; sleep 2; done`] };
          })
        : [];
    },
  },
  {
    concern: 'the workload',
    keys: ['labels', 'annotations', 'deploy', 'restart'],
    map(c, d) {
      const { name, n, svc, labels, selector, selectorValue } = c;
      const { warn, statements, ns } = c.plan;
      const { kind, deploy, replicas, container, podSpec, volumes, initContainers } = d;
      const runsToCompletion = d.runsToCompletion();
      // the workload: Swarm deploy labels that are valid Kubernetes labels stay labels, the others
      // (routing rules of Traefik and the like) become annotations; compose labels become annotations
      const annotations: Obj = {};
      const workloadLabels: Obj = { ...selectorValue };
      for (const [k, v] of Object.entries(listToMap(deploy.labels ?? {}))) {
        if (k.startsWith('kompose.ephemeral-storage.')) continue; // resources, above
        const value = String(v ?? '');
        if (isQualifiedName(k).length === 0 && isValidLabelValue(value).length === 0) workloadLabels[k] = value;
        else if (isQualifiedName(k.toLowerCase()).length === 0) annotations[k] = value;
        else warn(name, 'deploy.labels', `"${k}" is neither a valid Kubernetes label nor annotation key; not converted (a routing rule? use an Ingress)`);
      }
      for (const [k, v] of Object.entries(labels)) {
        if (k.startsWith('kompose.')) continue;
        if (isQualifiedName(k.toLowerCase()).length === 0) annotations[k] = String(v ?? '');
        else warn(name, 'labels', `"${k}" is not a valid Kubernetes annotation key; not converted`);
      }
      // the container's annotations (Compose `annotations`) go on its Pods
      const podAnnotations: Obj = {};
      for (const [k, v] of Object.entries(listToMap(svc.annotations ?? {}))) {
        if (isQualifiedName(k.toLowerCase()).length === 0) podAnnotations[k] = String(v ?? '');
        else warn(name, 'annotations', `"${k}" is not a valid Kubernetes annotation key; not converted`);
      }
      let strategy = updateStrategy(name, kind, deploy, warn);
      // a claim is ReadWriteOnce: a rolling update would start the new Pod beside the old one,
      // both mounting it (two database servers on one volume, or a rollout that never ends)
      const claims = volumes.filter((v) => v.expr.startsWith('Volume.fromPersistentVolumeClaim('));
      if (kind === WorkloadKind.DEPLOYMENT && claims.length && !deploy.update_config) {
        strategy = C.recreate();
        warn(name, 'volumes', 'mounts a volume claim (ReadWriteOnce): the Deployment uses the Recreate strategy, so that an update stops the old Pod before the new one starts (as kompose does)');
      }
      const serviceName = kind === WorkloadKind.STATEFUL_SET ? n : undefined;
      const cron = kind === WorkloadKind.CRON_JOB ? cronJobProps(c) : {};
      const hpa = autoscalerProps(c, kind, container);
      d.hpa = hpa;
      if (hpa && replicas !== undefined) warn(name, deploy.replicas !== undefined ? 'deploy.replicas' : 'scale', `${replicas}: left out, the HorizontalPodAutoscaler (kompose.hpa.*) sets the replicas between ${hpa.minReplicas} and ${hpa.maxReplicas}`);
      statements.push({
        ctor: 'Workload',
        id: `workload-${n}`,
        props: cleanObj({
          name: n,
          namespace: ns,
          kind: C.workloadKind(kind),
          labels: Object.keys(workloadLabels).length === Object.keys(selectorValue).length ? selector : workloadLabels,
          annotations: Object.keys(annotations).length ? annotations : undefined,
          podAnnotations: Object.keys(podAnnotations).length ? podAnnotations : undefined,
          selector: runsToCompletion ? undefined : selector,
          podLabels: runsToCompletion ? selector : undefined,
          replicas: kind === WorkloadKind.DAEMON_SET || hpa ? undefined : replicas,
          strategy,
          serviceName,
          volumeClaimTemplates: d.claimTemplates.length ? d.claimTemplates : undefined,
          ...cron,
          restartPolicy: runsToCompletion ? (svc.restart === 'no' ? 'Never' : 'OnFailure') : undefined,
          volumes: volumes.length ? volumes : undefined,
          initContainers: initContainers.length ? initContainers : undefined,
          containers: [cleanObj(container)],
          podSpec: Object.keys(podSpec).length ? podSpec : undefined,
        }),
      });
      if (kind === WorkloadKind.DAEMON_SET && replicas !== undefined) warn(name, 'deploy.replicas', 'a global service runs one Pod per node; replicas is ignored');
    },
  },
  {
    concern: 'the Service, its Ingress and its autoscaler',
    keys: ['ports', 'expose', 'labels', 'deploy'],
    map(c, d) {
      const { name, n, labels, kompose, options, selector } = c;
      const { warn, statements, ns, publishedPorts } = c.plan;
      const { kind, deploy, specs, exposed } = d;
      if (d.hpa) statements.push({ ctor: 'HorizontalPodAutoscaler', id: `autoscaler-${n}`, props: cleanObj({ name: n, namespace: ns, labels: selector, target: { kind: String(kind), name: n }, ...d.hpa }) });
      if (d.runsToCompletion()) {
        warn(name, kind === WorkloadKind.CRON_JOB ? 'labels' : 'deploy.mode', `a ${kind} gets no Service: nothing should connect to run-to-completion work`);
        return;
      }
      // a port published on 127.0.0.1 only stays inside the cluster
      const isPublished = (s: PortSpec) => s.published !== undefined && s.mode !== 'host' && !isLoopback(s.hostIp);
      const published = specs.filter(isPublished);
      const internal = [...specs.filter((s) => !isPublished(s)), ...exposed];
      const komposeType = kompose('service.type');
      const publishAs = komposeType ? komposeType.toLowerCase().replace(/-/g, '') : options.publishAs ?? 'nodeport';
      const type = published.length
        ? ({ nodeport: ServiceType.NODE_PORT, loadbalancer: ServiceType.LOAD_BALANCER, clusterip: ServiceType.CLUSTER_IP } as Record<string, ServiceType>)[publishAs] ?? ServiceType.NODE_PORT
        : undefined;
      const headless = deploy.endpoint_mode === 'dnsrr' || (published.length + internal.length === 0) || kind === WorkloadKind.STATEFUL_SET;
      const ports: Obj[] = [];
      const portKeys = new Set<string>();
      const komposeNodePort = kompose('service.nodeport.port');
      // Compose services reach each other on the container port (`web:80` for "8080:80"); the
      // published port is the host's. So the Service listens on the container port, and the
      // published port becomes the node port (in range) or the load balancer's port.
      const lbExtra: PortSpec[] = [];
      for (const s of [...published, ...internal]) {
        const port = s.target;
        const k = `${port}/${s.protocol}`;
        if (portKeys.has(k)) {
          if (published.includes(s) && s.published && s.published !== s.target) {
            if (type === ServiceType.LOAD_BALANCER) lbExtra.push(s);
            else warn(name, 'ports', `published port ${s.published} maps to container port ${s.target} too, which the Service already has: one ${type === ServiceType.NODE_PORT ? 'node port' : 'port'} serves both`);
          }
          continue;
        }
        portKeys.add(k);
        const p: Obj = { port };
        if (type === ServiceType.LOAD_BALANCER && published.includes(s) && s.published && s.published !== s.target) lbExtra.push(s);
        if (s.protocol !== 'tcp') p.protocol = C.protocol(PROTOCOL[s.protocol]);
        if (s.appProtocol) p.appProtocol = s.appProtocol;
        if (s.name) p.name = k8sName(s.name, 15);
        if (type === ServiceType.NODE_PORT && published.includes(s) && s.published) {
          if (komposeNodePort && published.length === 1 && Number(komposeNodePort) >= 30000 && Number(komposeNodePort) <= 32767) p.nodePort = Number(komposeNodePort);
          else if (komposeNodePort && published.length === 1) warn(name, 'labels', `kompose.service.nodeport.port ${komposeNodePort} is outside the node-port range 30000-32767: the cluster allocates the nodePort`);
          else if (s.published >= 30000 && s.published <= 32767) p.nodePort = s.published;
          else warn(name, 'ports', `published port ${s.published} is outside the node-port range 30000-32767: the cluster allocates the nodePort; inside the cluster the Service listens on ${s.target}, the container port, as Compose services reach each other`);
        }
        ports.push(p);
      }
      // a load balancer listens on the published port too, as the host did
      publishedPorts.set(name, [...new Map(published.map((s) => [`${s.target}/${s.protocol}`, { port: s.target, protocol: s.protocol }])).values()]);
      for (const s of lbExtra) {
        const k = `${s.published}/${s.protocol}`;
        if (portKeys.has(k)) continue;
        portKeys.add(k);
        ports.push(cleanObj({ port: s.published, targetPort: s.target, protocol: s.protocol !== 'tcp' ? C.protocol(PROTOCOL[s.protocol]) : undefined, appProtocol: s.appProtocol }));
      }
      if (ports.length > 1) ports.forEach((p) => (p.name ??= `${String((p.protocol as Code | undefined)?.value ?? 'TCP').toLowerCase()}-${p.port}`));
      if (headless && type && type !== ServiceType.CLUSTER_IP) {
        warn(name, deploy.endpoint_mode === 'dnsrr' ? 'deploy.endpoint_mode' : 'ports', `a headless Service cannot be a ${type}; the published ports get a second Service "${n}-published"`);
      }
      const etp = kompose('service.external-traffic-policy')?.toLowerCase();
      const trafficPolicy = etp === 'local' ? new Code('TrafficPolicy.LOCAL', 'Local') : etp === 'cluster' ? new Code('TrafficPolicy.CLUSTER', 'Cluster') : undefined;
      if (etp && !trafficPolicy) warn(name, 'labels', `kompose.service.external-traffic-policy "${etp}" is neither local nor cluster; not converted`);
      const serviceProps = (svcName: string, extra: Obj = {}) =>
        cleanObj({
          name: svcName,
          namespace: ns,
          labels: selector,
          selector,
          headless: headless || undefined,
          type: !headless && type && type !== ServiceType.CLUSTER_IP ? C.serviceType(type) : undefined,
          externalTrafficPolicy: !headless && type && type !== ServiceType.CLUSTER_IP ? trafficPolicy : undefined,
          ports: ports.length ? (headless ? ports.map(({ nodePort: _np, ...rest }) => rest) : ports) : undefined,
          ...extra,
        });
      statements.push({ ctor: 'Service', id: `service-${n}`, props: serviceProps(n) });
      if (headless && type && type !== ServiceType.CLUSTER_IP) {
        statements.push({ ctor: 'Service', id: `service-${n}-published`, props: cleanObj({ name: `${n}-published`, namespace: ns, labels: selector, selector, type: C.serviceType(type), ports }) });
      }
      const expose = kompose('service.expose');
      if (expose && expose.toLowerCase() !== 'false') {
        if (!ports.length) warn(name, 'labels', 'kompose.service.expose: the service has no port to route to; no Ingress made');
        else {
          // the ingress controller runs elsewhere: its traffic must pass the NetworkPolicies
          const first = ports[0];
          const entry = { port: typeof first.targetPort === 'number' ? first.targetPort : (first.port as number), protocol: 'tcp' };
          const open = publishedPorts.get(name) ?? [];
          if (!open.some((p) => p.port === entry.port && p.protocol === 'tcp')) publishedPorts.set(name, [...open, entry]);
          // "true": every host; otherwise comma-separated hosts, each with an optional path
          const targets = expose.toLowerCase() === 'true' ? [{ host: undefined, path: undefined }] : expose.split(',').map((h) => {
            const [host, ...rest] = h.trim().split('/');
            return { host, path: rest.length ? `/${rest.join('/')}` : undefined };
          });
          statements.push({
            ctor: 'Ingress',
            id: `ingress-${n}`,
            props: cleanObj({
              name: n,
              namespace: ns,
              labels: selector,
              rules: targets.map((t) => cleanObj({ host: t.host, path: t.path, serviceName: n, servicePort: ports[0].port })),
              tlsSecretName: kompose('service.expose.tls-secret'),
              ingressClassName: kompose('service.expose.ingress-class-name'),
            }),
          });
        }
      }
      for (const k of Object.keys(labels).filter((x) => x.startsWith('kompose.') && !KOMPOSE_LABELS.has(x))) {
        warn(name, 'labels', `${k} is a kompose label svcgen does not honour; not converted`);
      }
      d.service = { props: serviceProps, ports, headless };
    },
  },
  {
    concern: 'other names: links, network aliases, the container name',
    keys: ['links', 'networks', 'container_name'],
    map(c, d) {
      if (!d.service) return; // run-to-completion work has no Service, so no other names
      const { name, n, svc } = c;
      const { warn, services, taken, aliasServices } = c.plan;
      const { props: serviceProps, ports, headless } = d.service;
      // extra names: links aliases and network aliases resolve to the same Pods
      const aliases = new Set<string>(linkAliases(services).get(name) ?? []);
      // Docker's DNS answers the container name too (images and env files often use it: `db_host: gitea-db`)
      if (svc.container_name !== undefined && svc.container_name !== null && String(svc.container_name) !== name) {
        const cn = String(svc.container_name);
        const an = k8sName(cn);
        aliases.add(cn);
        warn(name, 'container_name', an === cn
          ? `Kubernetes names the Pods itself; "${cn}" resolves through a second Service that selects them, as Docker's DNS resolves container names`
          : `Kubernetes names the Pods itself; "${cn}" is not a DNS label, so the second Service that selects them is "${an}"`);
      }
      const nets = svc.networks && !Array.isArray(svc.networks) ? Object.entries(svc.networks as Obj) : [];
      for (const [net, netDef] of nets) {
        for (const a of (netDef as Obj | null)?.aliases ?? []) aliases.add(String(a));
        for (const k of Object.keys((netDef as Obj | null) ?? {})) {
          if (k !== 'aliases') warn(name, `networks.${net}.${k}`, 'is not converted: every Pod has one address on one flat network');
        }
      }
      for (const alias of aliases) {
        const an = k8sName(alias);
        if (an === n || taken.has(an)) continue;
        taken.add(an);
        aliasServices.push({ ctor: 'Service', id: `alias-${an}`, service: name, props: serviceProps(an, { type: undefined, headless: headless || undefined, ports: ports.length ? ports.map(({ nodePort: _np, ...rest }) => rest) : undefined }) });
      }
    },
  },
];

/** What happens to each service key: 'mapped' (a mapper reads it; fully, or with a warning where it differs) or 'reported'. */
export const KEYS: Readonly<Record<string, 'mapped' | 'reported'>> = Object.freeze({
  ...Object.fromEntries(REPORTED_KEYS.map((k): [string, 'reported'] => [k, 'reported'])),
  ...Object.fromEntries(SERVICE_MAPPERS.flatMap((m) => m.keys.map((k): [string, 'mapped'] => [k, 'mapped']))),
});
