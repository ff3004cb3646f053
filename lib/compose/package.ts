/**
 * A conversion packaged for the tools teams deploy with: a Helm chart (`--format helm`: Chart.yaml,
 * values.yaml with each service's images, replicas, resources and Service ports, one template per
 * object) and a kustomize base (`--format kustomize`: the objects and a kustomization.yaml).
 * Rendered with their defaults (`helm template`, `kustomize build`), both give the objects of
 * `--format yaml` (the chart spells out a templated Service port's targetPort, which the API
 * server would default to the same number); the tests check that with the real tools.
 */
import { dump } from 'js-yaml';
import type { OutputFile } from '../yaml/atomic';
import { toMultiDocYaml } from '../yaml/write';
import type { Obj } from './load';

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob']);

/** The file of one object in a folder: `<name>-<kind>.yaml`. */
export function objectFileName(o: Obj, ext = 'yaml'): string {
  return `${o.metadata?.name}-${String(o.kind).toLowerCase()}.${ext}`;
}

/** The Pod template of a workload object. */
function podSpecOf(o: Obj): Obj | undefined {
  return o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template?.spec : o.spec?.template?.spec;
}

/** Escapes what Helm's template engine would read in literal text (`{{` in a config file). */
function escapeTemplate(text: string): string {
  return text.replace(/\{\{|\}\}/g, (m) => (m === '{{' ? '{{ "{{" }}' : '{{ "}}" }}'));
}

/**
 * A Helm chart of the objects. values.yaml has, per service (its workload's name): `replicas`
 * (when set), `containers.<name>.image` and `.resources` (the quantities), and `service.ports`
 * (its Service's port numbers); the templates read them with `index`, so names with dashes work.
 */
export function helmChart(objects: readonly Obj[], chartName: string, svcgenVersion: string): OutputFile[] {
  const values: Obj = {};
  const templates: OutputFile[] = [];
  let next = 0;
  for (const original of objects) {
    const o = JSON.parse(JSON.stringify(original)) as Obj;
    const exprs = new Map<string, string>();
    /** Replaces the value at obj[key] with a placeholder read from values at `path`. */
    const template = (holder: Obj, key: string | number, path: (string | number)[]) => {
      const v = holder[key];
      if (v === undefined || v === null || typeof v === 'object') return;
      let cur = values;
      path.slice(0, -1).forEach((p, i) => {
        const nextIsIndex = typeof path[i + 1] === 'number';
        cur[p] ??= nextIsIndex ? [] : {};
        cur = cur[p];
      });
      cur[path[path.length - 1]] = v;
      const id = `@@SVCGEN${next++}@@`;
      const ref = `index .Values ${path.map((p) => (typeof p === 'number' ? String(p) : JSON.stringify(p))).join(' ')}`;
      exprs.set(id, typeof v === 'string' ? `{{ ${ref} | quote }}` : `{{ ${ref} }}`);
      holder[key] = id;
    };
    const name = String(o.metadata?.name);
    if (WORKLOADS.has(o.kind)) {
      if (typeof o.spec?.replicas === 'number') template(o.spec, 'replicas', [name, 'replicas']);
      const pod = podSpecOf(o);
      for (const c of [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])] as Obj[]) {
        template(c, 'image', [name, 'containers', c.name, 'image']);
        for (const bound of ['requests', 'limits']) {
          for (const r of Object.keys(c.resources?.[bound] ?? {})) template(c.resources[bound], r, [name, 'containers', c.name, 'resources', bound, r]);
        }
      }
    }
    if (o.kind === 'Service' && objects.some((w) => WORKLOADS.has(w.kind) && w.metadata?.name === name)) {
      (o.spec?.ports ?? []).forEach((p: Obj, i: number) => {
        // the target stays the container's port when the value changes (the API server would default it to the new port)
        if (p.targetPort === undefined && (o.spec?.clusterIP !== 'None')) p.targetPort = p.port;
        template(p, 'port', [name, 'service', 'ports', i]);
      });
    }
    let text = escapeTemplate(toMultiDocYaml([o]));
    text = text.replace(/(['"]?)(@@SVCGEN\d+@@)\1/g, (_m, _q, id: string) => exprs.get(id) as string);
    // helm trims the whitespace at the end of each rendered manifest: a closing comment keeps a
    // value's trailing spaces and newlines (a config file's) where they are
    templates.push({ name: `templates/${objectFileName(original)}`, content: `${text}# end of ${original.kind}/${name}\n` });
  }
  const chart = {
    apiVersion: 'v2',
    name: chartName,
    description: `${chartName}: converted from Compose by svcgen ${svcgenVersion}`,
    type: 'application',
    version: '0.1.0',
    appVersion: '1.0.0',
  };
  const header = '# Defaults of the chart, per service: its images, replicas, resources and Service ports.\n';
  return [
    { name: 'Chart.yaml', content: dump(chart, { lineWidth: -1 }) },
    { name: 'values.yaml', content: header + dump(values, { lineWidth: -1, sortKeys: false }) },
    ...templates,
  ];
}

/** A kustomize base: one file per object and the kustomization.yaml that lists them. */
export function kustomizeBase(objects: readonly Obj[]): OutputFile[] {
  const files = objects.map((o) => ({ name: objectFileName(o), content: toMultiDocYaml([o]) }));
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: files.map((f) => f.name),
  };
  return [{ name: 'kustomization.yaml', content: `# A kustomize base converted from Compose by svcgen: overlays refer to this folder.\n${dump(kustomization, { lineWidth: -1 })}` }, ...files];
}
