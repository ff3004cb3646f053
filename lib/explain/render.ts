/**
 * The outputs of `svcgen explain`: text (grouped per Service), json (the Explanation as it is),
 * mermaid and dot (the topology as a graph). The HTML page is in html.ts.
 */
import { ALLOCATED, display, Explanation, replicasText, ServiceInfo } from './model';

export const EXPLAIN_FORMATS = ['text', 'json', 'mermaid', 'dot', 'html'] as const;
export type ExplainFormat = (typeof EXPLAIN_FORMATS)[number];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function typeLine(s: ServiceInfo): string {
  if (s.type === 'ExternalName') return `ExternalName -> ${s.externalName}`;
  const ip = s.headless ? 'headless (no cluster IP)' : s.clusterIP === ALLOCATED ? 'cluster IP allocated by the API server' : `cluster IP ${s.clusterIP}`;
  return `${s.type}, ${ip}`;
}

/** One Service, as a block of text lines. */
export function serviceText(e: Explanation, s: ServiceInfo): string[] {
  const out: string[] = [];
  out.push(`Service ${s.name}${s.namespace === 'default' ? '' : ` (namespace ${s.namespace})`}: ${typeLine(s)}   [${s.place.file}:${s.place.line}]`);
  if (s.selector) {
    const sel = Object.entries(s.selector).map(([k, v]) => `${k}=${v}`).join(', ');
    out.push(`  selects (${sel}): ${s.selects.length ? s.selects.map((x) => `${display(x.workload)} (${replicasText(x.replicas)})`).join(', ') : 'nothing in the input'}`);
  } else if (s.type !== 'ExternalName') {
    out.push(`  no selector: endpoints ${s.endpoints.length ? s.endpoints.map((x) => `${x.source} (${x.addresses.join(', ') || 'no addresses'})`).join(', ') : 'none in the input (written by hand or by another controller)'}`);
  }
  out.push('  DNS:');
  for (const r of s.dns) {
    out.push(`    ${r.name}  ${r.type}  ${r.value}`);
    if (r.shortForms) out.push(`      also written: ${r.shortForms.join(', ')}`);
  }
  if (s.ports.length) {
    out.push('  ports:');
    for (const p of s.ports) {
      out.push(`    ${p.name ? `${p.name} ` : ''}${p.port}/${p.protocol}: ${p.chain}`);
      for (const b of p.broken) out.push(`      BROKEN: ${b}`);
      for (const n of p.notes) out.push(`      note: ${n}`);
    }
  } else out.push('  ports: none');
  if (s.env) {
    const late = new Map(s.env.excluded.map((x) => [x.workload, x.reason]));
    const now = s.env.receivers.filter((r) => !late.has(r)).map(display);
    const after = s.env.receivers.filter((r) => late.has(r)).map(display);
    const not = s.env.excluded.filter((x) => !s.env!.receivers.includes(x.workload)).map((x) => `${display(x.workload)} (${x.reason})`);
    out.push(`  environment variables the kubelet sets in Pods of namespace ${s.namespace} that start after this Service exists:`);
    if (now.length) out.push(`    in: ${now.join(', ')}`);
    if (after.length) out.push(`    only in Pods re-created later: ${after.join(', ')} (applied before this Service, in input order)`);
    if (not.length) out.push(`    never in: ${not.join(', ')}`);
    if (!s.env.receivers.length && !not.length) out.push('    (no workload of the input runs in this namespace)');
    for (const v of s.env.variables) out.push(`    ${v.name}=${v.value}`);
  } else {
    out.push(`  environment variables: none (${s.type === 'ExternalName' ? 'ExternalName' : s.headless ? 'headless' : 'no ports'}: the kubelet sets variables only for Services with a cluster IP)`);
  }
  out.push(`  from outside:${s.external.length ? '' : s.type === 'ExternalName' ? ' not applicable' : ' not reachable (only from inside the cluster)'}`);
  for (const x of s.external) out.push(`    ${x}`);
  for (const t of s.traffic) out.push(`  ${t}`);
  const clients = e.edges.filter((x) => x.to === s.id);
  if (clients.length) {
    out.push('  used by:');
    for (const c of clients) {
      const value = c.value === undefined ? '' : /^env [^ ]+$/.test(c.via) ? `=${c.value}` : ` = ${c.value}`;
      out.push(`    ${display(c.from)}: ${c.via}${value} -> ${c.host}, ${c.portNote}${c.ok ? '' : ' (PROBLEM)'}`);
    }
  }
  return out;
}

export function toText(e: Explanation): string {
  const out: string[] = [];
  if (!e.services.length) out.push('No Service in the input.');
  for (const s of e.services) out.push(...serviceText(e, s), '');
  const unreferenced = e.workloads.filter((w) => !e.services.some((s) => s.selects.some((x) => x.workload === w.id)));
  if (unreferenced.length) out.push(`Workloads no Service selects: ${unreferenced.map((w) => display(w.id)).join(', ')}`, '');
  const unknown = e.edges.filter((x) => x.to === null);
  if (unknown.length) {
    out.push('References no Service answers:');
    for (const u of unknown) out.push(`  ${display(u.from)}: ${u.via} -> ${u.host}${u.port !== undefined ? `:${u.port}` : ''}`);
    out.push('');
  }
  const warnings = e.problems.filter((p) => p.severity === 'warning');
  const notes = e.problems.filter((p) => p.severity === 'note');
  if (e.problems.length) {
    out.push('Problems:');
    for (const p of [...warnings, ...notes]) out.push(`  ${p.place.file}:${p.place.line}: ${p.severity}: ${display(p.object)}: ${p.message} [${p.rule}]`);
    out.push('');
  }
  out.push(
    `${plural(e.services.length, 'Service')}, ${plural(e.workloads.length, 'workload')}, ${plural(e.edges.length, 'reference')}; ${plural(warnings.length, 'warning')}, ${plural(notes.length, 'note')}. ` +
      `DNS zone ${e.clusterDomain}; every Pod also gets KUBERNETES_SERVICE_HOST/PORT for the API server.`,
  );
  return `${out.join('\n')}\n`;
}

export function toJson(e: Explanation): string {
  return `${JSON.stringify(e, null, 2)}\n`;
}

// ---- graphs ----

export interface GraphNode {
  readonly id: string;
  readonly kind: 'workload' | 'service' | 'external' | 'unknown';
  readonly label: string;
  /** the second line: replicas, type, ports */
  readonly detail: string;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly kind: 'selects' | 'refers' | 'enters' | 'broken';
}

/** The topology: workloads, Services, entry points from outside, and the edges between them. */
export function graphOf(e: Explanation): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (const w of e.workloads) nodes.push({ id: w.id, kind: 'workload', label: `${w.kind} ${w.name}`, detail: replicasText(w.replicas) });
  for (const s of e.services) {
    const ports = s.ports.map((p) => `${p.port}${p.protocol === 'TCP' ? '' : `/${p.protocol}`}`).join(', ');
    nodes.push({ id: s.id, kind: 'service', label: `Service ${s.name}`, detail: `${s.headless ? 'headless' : s.type}${ports ? ` :${ports}` : ''}` });
    for (const x of s.selects) {
      const targets = [...new Set(s.ports.flatMap((p) => p.targets.filter((t) => t.workload === x.workload && t.containerPort !== undefined).map((t) => String(t.containerPort))))];
      edges.push({ from: s.id, to: x.workload, label: targets.length ? `:${targets.join(', :')}` : 'selects', kind: 'selects' });
    }
    if (s.external.length) {
      const id = `external/${s.id}`;
      const how = s.type === 'LoadBalancer' ? 'load balancer' : s.ports.some((p) => p.nodePort !== undefined) ? 'node ports' : 'external IPs';
      nodes.push({ id, kind: 'external', label: `outside (${how})`, detail: s.ports.map((p) => (p.nodePort === undefined ? String(p.port) : p.nodePort === 'allocated' ? 'nodePort auto' : `nodePort ${p.nodePort}`)).join(', ') });
      edges.push({ from: id, to: s.id, label: s.ports.map((p) => String(p.port)).join(', '), kind: 'enters' });
    }
    if (s.type === 'ExternalName') {
      const id = `external/${s.id}`;
      nodes.push({ id, kind: 'external', label: s.externalName ?? '', detail: 'CNAME target' });
      edges.push({ from: s.id, to: id, label: 'CNAME', kind: 'refers' });
    }
  }
  const seen = new Set<string>();
  for (const x of e.edges) {
    const to = x.to ?? `unknown/${x.host}`;
    if (x.to === null && !nodes.some((n) => n.id === to)) nodes.push({ id: to, kind: 'unknown', label: x.host, detail: 'no Service answers' });
    const label = x.port !== undefined ? String(x.port) : 'port ?';
    const key = `${x.from}\u0000${to}\u0000${label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({ from: x.from, to, label, kind: x.ok ? 'refers' : 'broken' });
  }
  return { nodes, edges };
}

export function toMermaid(e: Explanation): string {
  const { nodes, edges } = graphOf(e);
  const ids = new Map(nodes.map((n, i) => [n.id, `n${i}`]));
  const esc = (s: string) => s.replace(/"/g, '#quot;');
  const out = ['flowchart LR'];
  for (const n of nodes) {
    const text = `"${esc(n.label)}<br/><small>${esc(n.detail)}</small>"`;
    const shape = n.kind === 'service' ? `{{${text}}}` : n.kind === 'external' ? `([${text}])` : n.kind === 'unknown' ? `>${text}]` : `[${text}]`;
    out.push(`  ${ids.get(n.id)}${shape}`);
  }
  for (const x of edges) {
    const arrow = x.kind === 'selects' ? '-.->' : '-->';
    out.push(`  ${ids.get(x.from)} ${arrow}|"${esc(x.label)}"| ${ids.get(x.to)}`);
  }
  out.push('  classDef service fill:#e8f0fe,stroke:#3367d6', '  classDef external fill:#fef7e0,stroke:#e37400', '  classDef unknown fill:#fce8e6,stroke:#c5221f');
  for (const kind of ['service', 'external', 'unknown'] as const) {
    const list = nodes.filter((n) => n.kind === kind).map((n) => ids.get(n.id));
    if (list.length) out.push(`  class ${list.join(',')} ${kind}`);
  }
  return `${out.join('\n')}\n`;
}

export function toDot(e: Explanation): string {
  const { nodes, edges } = graphOf(e);
  const q = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const shape = { workload: 'box, style="rounded"', service: 'hexagon, style=filled, fillcolor="#e8f0fe"', external: 'ellipse, style=filled, fillcolor="#fef7e0"', unknown: 'box, style="dashed,filled", fillcolor="#fce8e6"' };
  const out = ['digraph svcgen {', '  rankdir=LR;', '  node [fontname="Helvetica", fontsize=11];', '  edge [fontname="Helvetica", fontsize=10];'];
  for (const n of nodes) out.push(`  ${q(n.id)} [label=${q(`${n.label}\n${n.detail}`)}, shape=${shape[n.kind]}];`);
  for (const x of edges) out.push(`  ${q(x.from)} -> ${q(x.to)} [label=${q(x.label)}${x.kind === 'selects' ? ', style=dashed' : x.kind === 'broken' ? ', color="#c5221f"' : ''}];`);
  out.push('}');
  return `${out.join('\n')}\n`;
}
