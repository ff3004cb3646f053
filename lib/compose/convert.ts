/**
 * Compose model -> a plan of svcgen construct calls. Every service key is mapped or reported:
 * the key table (KEYS) says which, made from the mappers of service.ts (one per concern, each
 * naming the keys it reads) and the reported keys; a key outside it is reported too, so nothing
 * is dropped silently. Names are made valid the same way everywhere they appear.
 */
import path = require('path');
import { Code } from './code';
import { ComposeError, ValueError } from './errors';
import { ComposeProject, fieldPath, listToMap, Obj } from './load';
import { ServiceContext, SharedObjects } from './context';
import { networkPolicies } from './networks';
import { REPORT_REASONS, TOP_LEVEL_KEYS } from './keys';
import { k8sName } from './parse';
import { parseDotEnv } from './interpolate';
import { Draft, KEYS, MapperContext, PlanState, SERVICE_MAPPERS } from './service';

export { DEPLOY_KEYS, KOMPOSE_LABELS, TOP_LEVEL_KEYS } from './keys';
export { KEYS, SERVICE_MAPPERS } from './service';

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
  const state: PlanState = { statements, aliasServices, publishedPorts, sidecarOf, names, renamed, services, taken, partOf, ns, shared, warn, fail, exampleKeys };
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

      const draft = new Draft(n, svc.deploy ?? {});
      const mapperContext: MapperContext = { ...ctx, labels, selector, selectorValue, plan: state };
      for (const m of SERVICE_MAPPERS) m.map(mapperContext, draft);
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
    warn(service, key, `not converted: ${REPORT_REASONS[key] ?? 'no Kubernetes equivalent in svcgen'}${typeof value === 'object' ? '' : ` (value: ${JSON.stringify(value)})`}`);
  }
}









