/**
 * Checks across the objects of one run, which no single object shows: Services that select no
 * Pods, target ports no selected container declares, duplicate objects and nodePorts, StatefulSets
 * without their headless Service, hand-written Endpoints for a selector Service.
 */
import { duplicate, FieldError, invalid, note } from './field';
import { Obj } from './rules/_common';
import { defaultService, isHeadless } from './rules/service';
import { selectorMatches } from './rules/workloads';

export interface CrossInput {
  /** index of the resource in the run */
  readonly id: number;
  readonly obj: Obj;
}

export interface CrossProblem {
  readonly id: number;
  readonly severity: 'error' | 'warning';
  readonly error: FieldError;
}

interface PodTemplate {
  readonly id: number;
  readonly ref: string;
  readonly namespace: string;
  readonly labels: Obj;
  readonly containers: Obj[];
}

const ns = (o: Obj) => (o.metadata?.namespace && o.metadata.namespace !== 'default' ? String(o.metadata.namespace) : '');
const ref = (o: Obj) => `${o.kind}/${o.metadata?.name ?? o.metadata?.generateName ?? '?'}`;

/** The containers of a Pod spec, as far as the checks across objects look at them (their ports). */
function containersView(spec: Obj | undefined): Obj | undefined {
  if (!spec || typeof spec !== 'object') return undefined;
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  return { containers: containers.map((c: Obj) => ({ ports: Array.isArray(c?.ports) ? c.ports.map((p: Obj) => ({ name: p?.name, containerPort: p?.containerPort })) : undefined })) };
}

function templateView(t: Obj | undefined): Obj | undefined {
  return t && typeof t === 'object' ? { metadata: { labels: t.metadata?.labels }, spec: containersView(t.spec) } : undefined;
}

/** The kinds whose Pod template is at `spec.template`. */
const CONTROLLERS = new Set(['ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicationController', 'Job']);

/** Where an object's Pods are described: a Pod itself, a controller's template, a CronJob's job template. */
export function podTemplateOf(o: Obj): { metadata?: Obj; spec?: Obj } | undefined {
  if (o.kind === 'Pod') return { metadata: o.metadata, spec: o.spec };
  if (CONTROLLERS.has(o.kind)) return o.spec?.template;
  if (o.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template;
  return undefined;
}

/**
 * What the checks across objects read of an object, and nothing more: the validator keeps this
 * for every object of a run instead of the object itself (10,000 Deployments fit in little memory).
 */
export function crossView(o: Obj): Obj {
  const m = o.metadata ?? {};
  const view: Obj = { apiVersion: o.apiVersion, kind: o.kind, metadata: { name: m.name, namespace: m.namespace, generateName: m.generateName, labels: m.labels } };
  const spec = o.spec ?? {};
  const template = podTemplateOf(o);
  if (o.kind === 'Service') view.spec = spec;
  else if (o.kind === 'Pod') view.spec = containersView(spec);
  else if (template) {
    const t = templateView(template);
    view.spec = o.kind === 'CronJob' ? { jobTemplate: { spec: { template: t } } } : { serviceName: spec.serviceName, template: t };
  }
  return view;
}

/** The Pod templates of an object (see podTemplateOf), with what the checks need of them. */
function templatesOf(id: number, o: Obj): PodTemplate[] {
  const t = podTemplateOf(o);
  return t?.spec ? [{ id, ref: ref(o), namespace: ns(o), labels: t.metadata?.labels ?? {}, containers: [...(t.spec.containers ?? [])] }] : [];
}

/**
 * The checks across one set of objects. `where` names an object's place (`file:line`), for the
 * first copy of a duplicate.
 */
export function crossObjectProblems(inputs: readonly CrossInput[], where?: (id: number) => string): CrossProblem[] {
  const out: CrossProblem[] = [];
  const templates = inputs.flatMap((i) => templatesOf(i.id, i.obj));
  const services = inputs.filter((i) => i.obj.kind === 'Service');

  // duplicate objects
  const seen = new Map<string, number>();
  for (const { id, obj } of inputs) {
    if (!obj.metadata?.name) continue;
    const k = `${obj.apiVersion?.split('/').length > 1 ? obj.apiVersion.split('/')[0] : ''}/${obj.kind}/${ns(obj)}/${obj.metadata.name}`;
    const first = seen.get(k);
    if (first !== undefined) {
      const detail = `${obj.kind} "${obj.metadata.name}" is already defined${where ? ` at ${where(first)}` : ' earlier'}: applied together, one replaces the other`;
      out.push({ id, severity: 'error', error: duplicate('metadata.name', obj.metadata.name, detail).withRule('duplicate-object') });
    } else seen.set(k, id);
  }

  // nodePorts are allocated once per cluster (per protocol)
  const nodePorts = new Map<string, number>();
  for (const { id, obj } of services) {
    (obj.spec?.ports ?? []).forEach((p: Obj, i: number) => {
      if (!p.nodePort || obj.spec?.type === 'ClusterIP' || !obj.spec?.type) return;
      const k = `${p.protocol ?? 'TCP'}/${p.nodePort}`;
      if (nodePorts.has(k) && nodePorts.get(k) !== id) {
        out.push({ id, severity: 'error', error: invalid(`spec.ports[${i}].nodePort`, p.nodePort, 'provided port is already allocated').withRule('svc-node-port-allocated') });
      } else if (!nodePorts.has(k)) nodePorts.set(k, id);
    });
  }

  // templates by namespace and label pair, so that a selector looks at its candidates only
  const byLabel = new Map<string, PodTemplate[]>();
  for (const t of templates) {
    for (const [k, v] of Object.entries(t.labels)) {
      const key = `${t.namespace}\u0000${k}=${String(v)}`;
      const list = byLabel.get(key);
      if (list) list.push(t);
      else byLabel.set(key, [t]);
    }
  }
  const candidates = (namespace: string, selector: Obj): PodTemplate[] => {
    let best: PodTemplate[] | undefined;
    for (const [k, v] of Object.entries(selector)) {
      const list = byLabel.get(`${namespace}\u0000${k}=${String(v)}`) ?? [];
      if (!best || list.length < best.length) best = list;
    }
    return best ?? [];
  };

  for (const { id, obj } of services) {
    const spec = defaultService(obj.spec ?? {});
    if (spec.type === 'ExternalName' || !spec.selector || Object.keys(spec.selector).length === 0) continue;
    const selected = candidates(ns(obj), spec.selector).filter((t) => selectorMatches({ matchLabels: spec.selector }, t.labels));
    if (selected.length === 0) {
      if (templates.length > 0) {
        out.push({
          id,
          severity: 'warning',
          error: note('spec.selector', `${JSON.stringify(spec.selector)} selects no Pod template of this run: no traffic reaches the Service unless the Pods are deployed elsewhere`).withRule('svc-selects-nothing'),
        });
      }
      continue;
    }
    (spec.ports ?? []).forEach((p: Obj, i: number) => {
      const target = p.targetPort;
      const path = `spec.ports[${i}].targetPort`;
      const declaring = selected.filter((t) =>
        t.containers.some((c) => (c.ports ?? []).some((cp: Obj) => (typeof target === 'string' ? cp.name === target : cp.containerPort === target))),
      );
      if (declaring.length === selected.length) return;
      // containers that declare no ports at all tell nothing about a numeric target port
      const missing = selected
        .filter((t) => !declaring.includes(t) && (typeof target === 'string' || t.containers.some((c) => (c.ports ?? []).length > 0)))
        .map((t) => t.ref);
      if (missing.length === 0) return;
      if (typeof target === 'string') {
        out.push({
          id,
          severity: 'warning',
          error: note(path, `"${target}": no container of ${missing.join(', ')} declares a port named "${target}": the API server accepts it, but traffic to it fails`).withRule('svc-target-port-name'),
        });
      } else {
        out.push({
          id,
          severity: 'warning',
          error: note(path, `${target}: no container of ${missing.join(', ')} declares port ${target}; it works only if the process listens there anyway`).withRule('svc-target-port-number'),
        });
      }
    });
  }

  const serviceByName = new Map(services.map((s) => [`${ns(s.obj)}/${s.obj.metadata?.name}`, s]));

  // a StatefulSet's governing Service
  for (const { id, obj } of inputs.filter((i) => i.obj.kind === 'StatefulSet')) {
    const name = obj.spec?.serviceName;
    if (!name) continue;
    const svc = serviceByName.get(`${ns(obj)}/${name}`);
    if (!svc || !isHeadless(svc.obj.spec ?? {})) {
      out.push({
        id,
        severity: 'warning',
        error: note('spec.serviceName', svc ? `Service "${name}" is not headless (clusterIP: None), so the Pods get no stable DNS names` : `no headless Service "${name}" in this run: the Pods get no stable DNS names`).withRule('sts-service-name'),
      });
    }
  }

  // Endpoints written by hand for a Service that has a selector are overwritten
  for (const { id, obj } of inputs.filter((i) => i.obj.kind === 'Endpoints')) {
    const svc = serviceByName.get(`${ns(obj)}/${obj.metadata?.name}`);
    if (svc && svc.obj.spec?.selector && Object.keys(svc.obj.spec.selector).length) {
      out.push({
        id,
        severity: 'warning',
        error: note('metadata.name', `Service "${obj.metadata.name}" has a selector, so Kubernetes manages its Endpoints and will overwrite these`).withRule('endpoints-for-selector-service'),
      });
    }
  }
  return out;
}
