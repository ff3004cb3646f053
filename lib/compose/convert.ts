/**
 * Compose model -> a plan of svcgen construct calls. Every service key is mapped or reported:
 * the key table (KEYS) says which, and a key outside it is reported too, so nothing is dropped
 * silently. Names are made valid the same way everywhere they appear.
 */
import * as path from 'path';
import { Protocol, ServiceType, WorkloadKind } from '../constructs';
import { Code, C } from './code';
import { ComposeError, ValueError } from './errors';
import { looksSecretName, looksSecretValue } from '../secrets';
import { ComposeProject, fieldPath, listToMap, Obj } from './load';
import { isEnvVarName, isQualifiedName, isValidIP, isValidLabelValue } from '../validate/names';
import { ServiceContext, SharedObjects } from './context';
import { mapPlacement, updateStrategy } from './deploy';
import { autoscalerProps, cronJobProps } from './kompose';
import { networkPolicies } from './networks';
import { DEPLOY_KEYS, KEYS, KOMPOSE_LABELS, REPORT_REASONS, TOP_LEVEL_KEYS } from './keys';
import { capName, cleanObj, cpuQuantity, durationSeconds, escapeRe, k8sName, parsePort, PortSpec, sizeQuantity, words } from './parse';
import { parseDotEnv } from './interpolate';
import { mapHealthcheck } from './probes';
import { mapVolumes } from './volumes';

export { DEPLOY_KEYS, KEYS, KOMPOSE_LABELS, TOP_LEVEL_KEYS } from './keys';

export type Controller = 'deployment' | 'replicaset' | 'statefulset' | 'daemonset';
export type Publish = 'nodeport' | 'loadbalancer' | 'clusterip';

export interface ConvertOptions {
  /** The workload of a replicated service. @default 'deployment' */
  readonly controller?: Controller;
  readonly namespace?: string;
  /** How a published port is exposed. @default 'nodeport' */
  readonly publishAs?: Publish;
  /** The size of a PersistentVolumeClaim for a named volume. @default '1Gi' */
  readonly volumeSize?: string;
  /** depends_on: an init container that waits until each dependency's name resolves. @default false */
  readonly waitForDependencies?: boolean;
  /** The image of that init container. @default 'busybox:1.36' */
  readonly waitImage?: string;
  /** Compose networks as NetworkPolicies (members of a network may talk, others not). @default true */
  readonly networkPolicies?: boolean;
}

export interface Warning {
  readonly file: string;
  readonly line?: number;
  readonly service?: string;
  readonly key: string;
  readonly message: string;
}

export type Ctor = 'Workload' | 'Service' | 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim' | 'Ingress' | 'HorizontalPodAutoscaler' | 'NetworkPolicy';

export interface Statement {
  readonly ctor: Ctor;
  readonly id: string;
  readonly props: Obj;
  /** the compose service it comes from (errors in its output point there); none for shared objects */
  service?: string;
}

export interface Plan {
  readonly project: string;
  readonly namespace?: string;
  /** Constants the statements refer to (each service's labels), declared first in a printed program. */
  readonly declarations: { readonly name: string; readonly value: Obj }[];
  readonly statements: Statement[];
  readonly warnings: Warning[];
}

const PROTOCOL: Record<string, Protocol> = { tcp: Protocol.TCP, udp: Protocol.UDP, sctp: Protocol.SCTP };

export function planConversion(project: ComposeProject, options: ConvertOptions = {}): Plan {
  const warnings: Warning[] = [];
  const statements: Statement[] = [];
  const model = project.model;
  const services: Record<string, Obj> = model.services ?? {};
  const ns = options.namespace;
  const partOf = k8sName(project.name);

  const warn = (service: string | undefined, key: string, message: string, at?: string) => {
    const pos = project.position(at ?? (service ? fieldPath('services', service, ...key.split('.')) : key));
    warnings.push({ file: pos.file, line: pos.line, service, key, message });
  };

  // variables used without a default and not set: Compose warns too, and uses an empty string
  for (const u of project.unset) {
    const m = /^services\.([^.[]+)/.exec(u.path) ?? /^services\[([^\]]+)\]/.exec(u.path);
    const ref = '${' + u.name + '}';
    const withDefault = '${' + u.name + ':-value}';
    warn(m?.[1], u.path.replace(/^services(\.[^.[]+|\[[^\]]+\])\.?/, '') || u.path, `${ref} is not set: it became an empty string (set it in the environment or .env, or give a default: ${withDefault})`, u.path);
  }

  // top-level keys
  for (const key of Object.keys(model)) {
    if (TOP_LEVEL_KEYS[key] === undefined && !key.startsWith('x-')) warn(undefined, key, 'is not a top-level Compose key svcgen knows; not converted');
  }
  // keys inside top-level definitions that the conversion uses; the others are reported
  const USED: Record<string, string[]> = {
    volumes: ['name', 'external', 'labels', 'driver', 'driver_opts'],
    secrets: ['name', 'external', 'file', 'content', 'environment'],
    configs: ['name', 'external', 'file', 'content', 'environment'],
  };
  for (const [section, used] of Object.entries(USED)) {
    for (const [item, def] of Object.entries((model[section] ?? {}) as Obj)) {
      for (const k of Object.keys(def ?? {})) {
        if (!used.includes(k)) warn(undefined, `${section}.${item}.${k}`, 'is not converted', fieldPath(section, item, k));
      }
    }
  }
  if (model.version !== undefined) warn(undefined, 'version', 'is obsolete in the Compose Specification and has no meaning in Kubernetes; ignored');
  for (const key of ['models', 'jobs']) if (model[key] !== undefined) warn(undefined, key, 'has no Kubernetes equivalent in svcgen; not converted');
  for (const [net, def] of Object.entries((model.networks ?? {}) as Obj)) {
    if (def && (def.driver || def.ipam || def.external || def.driver_opts)) {
      warn(undefined, `networks.${net}`, `Kubernetes gives every Pod one flat network: drivers, IPAM and driver options are not converted${options.networkPolicies === false ? '' : '; who may talk to whom becomes NetworkPolicies'}`, fieldPath('networks', net));
    }
  }

  // names: made valid once, used everywhere
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of Object.keys(services)) {
    let n = k8sName(name);
    for (let i = 2; taken.has(n); i++) n = `${k8sName(name, 60)}-${i}`;
    taken.add(n);
    names.set(name, n);
    if (n !== name) {
      warn(name, 'name', `service "${name}" is not a valid Kubernetes name; its objects and its DNS name are "${n}"`, fieldPath('services', name));
    }
  }
  const renamed = [...names].filter(([a, b]) => a !== b);

  // shared objects: volumes, configs, secrets (made once, in order of first use)
  const made = new Set<string>();
  const once = (key: string, f: () => void) => {
    if (!made.has(key)) {
      made.add(key);
      f();
    }
  };

  const shared: SharedObjects = { model, statements, once, ns };
  const declarations: { name: string; value: Obj }[] = [];
  const aliasServices: Statement[] = [];
  /** where each service's statements begin */
  const starts: { index: number; name: string }[] = [];
  /** per service: the container ports published outside the cluster (NetworkPolicies keep them open) */
  const publishedPorts = new Map<string, { port: number; protocol: string }[]>();
  /** network_mode service:X: this service's container joins X's Pod (they share one network namespace). */
  const sidecarOf = new Map<string, string>();
  let current = '';
  try {
    for (const [name, svc] of Object.entries(services)) {
      current = name;
      starts.push({ index: statements.length, name });
      const n = names.get(name) as string;
      const at = (...k: (string | number)[]) => fieldPath('services', name, ...k);
      // (a label listed without a value has the empty value, as in Compose)
      const labels: Obj = Object.fromEntries(Object.entries(listToMap(svc.labels ?? {})).map(([k, v]) => [k, v ?? '']));
      const kompose = (k: string): string | undefined => (labels[`kompose.${k}`] === undefined || labels[`kompose.${k}`] === null ? undefined : String(labels[`kompose.${k}`]));
      // the labels that select the service's Pods: one constant in a printed program
      const selectorValue = { 'app.kubernetes.io/name': n, 'app.kubernetes.io/part-of': partOf };
      const selectorVar = `${n.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase()).replace(/^[^a-z]+/, '')}Labels`;
      declarations.push({ name: selectorVar, value: selectorValue });
      const selector = new Code(selectorVar, selectorValue);
      const ctx: ServiceContext = { name, n, svc, at, kompose, project, options, warn: (key, message, where) => warn(name, key, message, where) };

      for (const key of Object.keys(svc)) {
        if (KEYS[key] === undefined) warn(name, key, 'is not a Compose key svcgen knows; not converted');
        else if (KEYS[key] === 'reported') reportKey(name, key, svc[key]);
      }

      // the workload kind
      const deploy: Obj = svc.deploy ?? {};
      for (const key of Object.keys(deploy)) if (DEPLOY_KEYS[key] === undefined) warn(name, `deploy.${key}`, 'is not a deploy key svcgen knows; not converted');
      let kind: WorkloadKind;
      const controllerLabel = kompose('controller.type');
      if (deploy.mode === 'global') kind = WorkloadKind.DAEMON_SET;
      else if (deploy.mode === 'replicated-job' || deploy.mode === 'global-job') {
        kind = WorkloadKind.JOB;
        if (deploy.mode === 'global-job') warn(name, 'deploy.mode', 'global-job becomes one Job (Kubernetes has no per-node Job); use a DaemonSet if it must run on every node');
      } else if (kompose('cronjob.schedule') !== undefined) {
        // kompose's CronJob: a one-shot command on a schedule, not a Deployment repeating it forever
        kind = WorkloadKind.CRON_JOB;
      } else if (controllerLabel) {
        kind = ({ deployment: WorkloadKind.DEPLOYMENT, daemonset: WorkloadKind.DAEMON_SET, statefulset: WorkloadKind.STATEFUL_SET, replicaset: WorkloadKind.REPLICA_SET } as Record<string, WorkloadKind>)[controllerLabel.toLowerCase()] ?? WorkloadKind.DEPLOYMENT;
        if (controllerLabel.toLowerCase() === 'replicationcontroller') warn(name, 'labels', 'kompose.controller.type replicationcontroller: ReplicationControllers are superseded; a Deployment is made instead');
      } else {
        kind = ({ deployment: WorkloadKind.DEPLOYMENT, replicaset: WorkloadKind.REPLICA_SET, statefulset: WorkloadKind.STATEFUL_SET, daemonset: WorkloadKind.DAEMON_SET } as Record<string, WorkloadKind>)[options.controller ?? 'deployment'];
      }
      const replicas = deploy.replicas ?? svc.scale;

      // the container
      const container: Obj = { name: n };
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

      // environment
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

      // ports
      const specs: PortSpec[] = [];
      (svc.ports ?? []).forEach((p: unknown, i: number) => {
        try {
          specs.push(...parsePort(p));
        } catch (e) {
          const pos = project.position(at('ports', i));
          throw new ComposeError(pos.file, pos.line, pos.column, `services.${name}.ports[${i}]: ${(e as Error).message}`);
        }
      });
      const exposed: PortSpec[] = [];
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
      const loopback = (ip?: string) => !!ip && (/^127\./.test(ip) || ip === '::1' || ip === 'localhost');
      for (const s of specs) {
        if (loopback(s.hostIp)) {
          warn(name, 'ports', `${s.hostIp}:${s.published}:${s.target}: published for this host only, so not on every node: the Service keeps the port inside the cluster (reach it with kubectl port-forward)`);
        } else if (s.hostIp && s.hostIp !== '0.0.0.0' && s.hostIp !== '::') {
          warn(name, 'ports', `${s.hostIp}:${s.published}:${s.target}: a Service cannot bind one host IP; the port is published on every node`);
        }
      }
      if (containerPorts.length) container.ports = containerPorts;

      // healthcheck -> probes that run
      mapHealthcheck(ctx, container);

      // resources
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

      // security context
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

      // pod-level settings
      const podSpec: Obj = {};
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
      Object.assign(podSpec, mapPlacement(ctx, deploy, selector));

      // restart policies: the controller restarts always
      const runsToCompletion = kind === WorkloadKind.JOB || kind === WorkloadKind.CRON_JOB;
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

      // volumes, tmpfs, configs, secrets
      const { volumes, mounts, fsGroup } = mapVolumes(ctx, shared);
      if (mounts.length) container.volumeMounts = mounts;
      if (fsGroup !== undefined) podSpec.securityContext = { ...(podSpec.securityContext ?? {}), fsGroup };

      // depends_on: Kubernetes does not order start-up; when asked, wait until each name resolves
      const deps: string[] = Array.isArray(svc.depends_on) ? svc.depends_on : Object.keys(svc.depends_on ?? {});
      const initContainers = options.waitForDependencies
        ? deps.map((d) => {
            const dn = names.get(d) ?? k8sName(d);
            return { name: k8sName(`wait-for-${dn}`), image: options.waitImage ?? 'busybox:1.36', command: ['sh', '-c', `until nslookup ${dn} >/dev/null 2>&1; do echo waiting for ${dn}; sleep 2; done`] };
          })
        : [];

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
      let strategy = updateStrategy(name, kind, deploy, warn);
      // a claim is ReadWriteOnce: a rolling update would start the new Pod beside the old one,
      // both mounting it (two database servers on one volume, or a rollout that never ends)
      const claims = (volumes as Code[]).filter((c) => c.expr.startsWith('Volume.fromPersistentVolumeClaim('));
      if (kind === WorkloadKind.DEPLOYMENT && claims.length && !deploy.update_config) {
        strategy = C.recreate();
        warn(name, 'volumes', 'mounts a volume claim (ReadWriteOnce): the Deployment uses the Recreate strategy, so that an update stops the old Pod before the new one starts (as kompose does)');
      }
      const serviceName = kind === WorkloadKind.STATEFUL_SET ? n : undefined;
      const cron = kind === WorkloadKind.CRON_JOB ? cronJobProps(ctx) : {};
      const hpa = autoscalerProps(ctx, kind, container);
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
          selector: runsToCompletion ? undefined : selector,
          podLabels: runsToCompletion ? selector : undefined,
          replicas: kind === WorkloadKind.DAEMON_SET || hpa ? undefined : replicas,
          strategy,
          serviceName,
          ...cron,
          restartPolicy: runsToCompletion ? (svc.restart === 'no' ? 'Never' : 'OnFailure') : undefined,
          volumes: volumes.length ? volumes : undefined,
          initContainers: initContainers.length ? initContainers : undefined,
          containers: [cleanObj(container)],
          podSpec: Object.keys(podSpec).length ? podSpec : undefined,
        }),
      });
      if (kind === WorkloadKind.DAEMON_SET && replicas !== undefined) warn(name, 'deploy.replicas', 'a global service runs one Pod per node; replicas is ignored');

      // the Service: every compose service is reachable by its name
      if (hpa) statements.push({ ctor: 'HorizontalPodAutoscaler', id: `autoscaler-${n}`, props: cleanObj({ name: n, namespace: ns, labels: selector, target: { kind: String(kind), name: n }, ...hpa }) });
      if (runsToCompletion) {
        warn(name, kind === WorkloadKind.CRON_JOB ? 'labels' : 'deploy.mode', `a ${kind} gets no Service: nothing should connect to run-to-completion work`);
        continue;
      }
      // a port published on 127.0.0.1 only stays inside the cluster
      const isPublished = (s: PortSpec) => s.published !== undefined && s.mode !== 'host' && !loopback(s.hostIp);
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

      // extra names: links aliases and network aliases resolve to the same Pods
      const aliases = new Set<string>();
      for (const o of Object.values(services)) {
        for (const l of (o as Obj).links ?? []) {
          const [target, alias] = String(l).split(':');
          if (target === name && alias && alias !== name) aliases.add(alias);
        }
      }
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
    }
  } catch (e) {
    // a value one of the small parsers refused, where no nearer place was given: the service's
    if (!(e instanceof ValueError)) throw e;
    const pos = project.position(fieldPath('services', current));
    throw new ComposeError(pos.file, pos.line, pos.column, `services.${current}: ${e.message}`);
  }
  // each statement made while a service was converted is that service's (errors in the output point at it)
  starts.forEach((st, k) => {
    const end = k + 1 < starts.length ? starts[k + 1].index : statements.length;
    for (let i = st.index; i < end; i++) statements[i].service ??= st.name;
  });
  statements.push(...aliasServices);
  if (options.networkPolicies !== false) {
    statements.push(
      ...networkPolicies(
        {
          services,
          names,
          networks: (model.networks ?? {}) as Obj,
          published: publishedPorts,
          selectorOf: (x) => ({ 'app.kubernetes.io/name': x, 'app.kubernetes.io/part-of': partOf }),
          namespace: ns,
          warn: (service, key, message) => warn(service, key, message),
        },
        statements,
      ),
    );
  }
  mergeSidecars();
  return { project: project.name, namespace: ns, declarations, statements, warnings };

  /** Moves each network_mode service:X container into X's workload; its Service selects X's Pods. */
  function mergeSidecars(): void {
    for (const [sidecar, host] of sidecarOf) {
      let target = host;
      for (let i = 0; sidecarOf.has(target) && i < 10; i++) target = sidecarOf.get(target) as string;
      const from = statements.findIndex((s) => s.ctor === 'Workload' && s.props.name === names.get(sidecar));
      const into = statements.find((s) => s.ctor === 'Workload' && s.props.name === names.get(target));
      if (from < 0 || !into) continue;
      const moved = statements[from].props;
      statements.splice(from, 1);
      const volumeName = (v: Code) => (v.value as { name: string }).name;
      into.props.containers = [...into.props.containers, ...moved.containers];
      if (moved.volumes) into.props.volumes = [...(into.props.volumes ?? []), ...moved.volumes.filter((v: Code) => !(into.props.volumes ?? []).some((w: Code) => volumeName(w) === volumeName(v)))];
      if (moved.initContainers) into.props.initContainers = [...(into.props.initContainers ?? []), ...moved.initContainers];
      for (const s of statements) {
        if (s.ctor === 'Service' && s.props.selector === moved.selector) {
          s.props.selector = into.props.selector;
          s.props.labels = into.props.selector;
        }
      }
      warn(sidecar, 'network_mode', `shares ${target}'s network: its container runs in ${target}'s Pods (same replicas, same lifecycle); its Service "${names.get(sidecar)}" selects those Pods`);
    }
  }

  /** The keys an example file beside a missing env file names (`.env.example`, `x.env.sample`, ...). */
  function exampleKeys(missing: string): { file: string; keys: string[] } | undefined {
    for (const suffix of ['.example', '.sample', '.dist', '.template', '.defaults']) {
      const file = `${missing}${suffix}`;
      try {
        const keys = [...parseDotEnv(project.readReferenced(path.resolve(file), 'services')).vars.keys()];
        if (keys.length) return { file, keys };
      } catch {
        // (no such example, or not readable: nothing to add)
      }
    }
    return undefined;
  }

  function fail(service: string, key: string, message: string): never {
    const pos = project.position(fieldPath('services', service, key));
    throw new ComposeError(pos.file, pos.line, pos.column, `services.${service}.${key}: ${message}`);
  }

  function reportKey(service: string, key: string, value: unknown): void {
    if (key === 'restart' || key === 'build') return; // handled with the workload and the image
    const converted = key === 'depends_on' && options.waitForDependencies;
    const reason = key === 'depends_on' && converted ? 'start-up order is not enforced; an init container waits until each dependency\'s name resolves (not until it is healthy)' : REPORT_REASONS[key];
    warn(service, key, `${converted ? '' : 'not converted: '}${reason ?? 'no Kubernetes equivalent in svcgen'}${typeof value === 'object' ? '' : ` (value: ${JSON.stringify(value)})`}`);
  }
}









