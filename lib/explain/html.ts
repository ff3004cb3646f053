/**
 * `svcgen explain --output html`: one self-contained page (no script, no network at view time)
 * with the topology as SVG, laid out by dagre (@dagrejs/dagre, loaded only for this output), and
 * the text explanation beside it. Same input, same bytes: the layout is deterministic.
 */
import { Explanation } from './model';
import { graphOf, GraphNode, toText } from './render';

const FONT = 12;
/** Helvetica-ish average advance at 12px; generous so that labels fit their boxes */
const CHAR = 7.2;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (n: number) => String(Math.round(n * 10) / 10);

const FILL: Record<GraphNode['kind'], string> = { workload: '#ffffff', service: '#e8f0fe', external: '#fef7e0', unknown: '#fce8e6' };
const STROKE: Record<GraphNode['kind'], string> = { workload: '#5f6368', service: '#3367d6', external: '#e37400', unknown: '#c5221f' };

/** The topology as an SVG document fragment. */
export function toSvg(e: Explanation): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dagre = require('@dagrejs/dagre') as typeof import('@dagrejs/dagre');
  const { nodes, edges } = graphOf(e);
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 70, edgesep: 12, marginx: 16, marginy: 16 });
  for (const n of nodes) {
    const width = Math.max(n.label.length, n.detail.length) * CHAR + 24;
    g.setNode(n.id, { width, height: 2 * FONT + 22 });
  }
  edges.forEach((x, i) => g.setEdge(x.from, x.to, { width: x.label.length * CHAR * 0.9 + 8, height: FONT + 4, labelpos: 'c' }, `e${i}`));
  dagre.layout(g);
  const graph = g.graph() as { width?: number; height?: number };
  const width = Math.ceil(graph.width ?? 100);
  const height = Math.ceil(graph.height ?? 60);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="topology" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="Helvetica, Arial, sans-serif" font-size="${FONT}">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#5f6368"/></marker>' +
      '<marker id="arrow-broken" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#c5221f"/></marker></defs>',
  );
  edges.forEach((x, i) => {
    const le = g.edge({ v: x.from, w: x.to, name: `e${i}` }) as { points: { x: number; y: number }[]; x?: number; y?: number };
    const d = le.points.map((p, j) => `${j ? 'L' : 'M'}${num(p.x)},${num(p.y)}`).join(' ');
    const color = x.kind === 'broken' ? '#c5221f' : '#5f6368';
    out.push(
      `<g class="edge" data-kind="${x.kind}" data-from="${esc(x.from)}" data-to="${esc(x.to)}"><path d="${d}" fill="none" stroke="${color}" stroke-width="1.4"${x.kind === 'selects' ? ' stroke-dasharray="5,3"' : ''} marker-end="url(#${x.kind === 'broken' ? 'arrow-broken' : 'arrow'})"/>` +
        (le.x !== undefined && le.y !== undefined ? `<text x="${num(le.x)}" y="${num(le.y + 4)}" text-anchor="middle" fill="${color}" font-size="${FONT - 1}" stroke="#ffffff" stroke-width="4" paint-order="stroke">${esc(x.label)}</text>` : '') +
        '</g>',
    );
  });
  for (const n of nodes) {
    const ln = g.node(n.id) as { x: number; y: number; width: number; height: number };
    const x = ln.x - ln.width / 2;
    const y = ln.y - ln.height / 2;
    const rx = n.kind === 'service' ? 14 : n.kind === 'external' ? ln.height / 2 : 4;
    out.push(
      `<g class="node" data-kind="${n.kind}" data-id="${esc(n.id)}"><rect x="${num(x)}" y="${num(y)}" width="${num(ln.width)}" height="${num(ln.height)}" rx="${num(rx)}" fill="${FILL[n.kind]}" stroke="${STROKE[n.kind]}" stroke-width="1.4"${n.kind === 'unknown' ? ' stroke-dasharray="4,3"' : ''}/>` +
        `<text x="${num(ln.x)}" y="${num(ln.y - 3)}" text-anchor="middle" font-weight="bold">${esc(n.label)}</text>` +
        `<text x="${num(ln.x)}" y="${num(ln.y + FONT + 1)}" text-anchor="middle" fill="#5f6368">${esc(n.detail)}</text></g>`,
    );
  }
  out.push('</svg>');
  return out.join('\n');
}

export function toHtml(e: Explanation, title: string): string {
  const warnings = e.problems.filter((p) => p.severity === 'warning').length;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="generator" content="svcgen explain">
<title>${esc(title)}</title>
<style>
body { margin: 0; font-family: Helvetica, Arial, sans-serif; color: #202124; background: #fff; }
header { padding: 12px 20px; border-bottom: 1px solid #dadce0; }
header h1 { font-size: 18px; margin: 0 0 4px; }
header p { margin: 0; color: #5f6368; font-size: 13px; }
main { display: flex; flex-wrap: wrap; align-items: flex-start; }
section.picture { flex: 0 1 auto; max-width: 100%; padding: 16px; overflow: auto; box-sizing: border-box; }
section.picture svg { display: block; max-width: 100%; height: auto; }
section.text { flex: 1 1 480px; padding: 16px; border-left: 1px solid #dadce0; min-width: 0; }
pre { font-size: 12px; line-height: 1.45; white-space: pre-wrap; margin: 0; }
.legend { font-size: 12px; color: #5f6368; margin-top: 8px; }
.legend span { display: inline-block; margin-right: 14px; }
.swatch { display: inline-block; width: 12px; height: 12px; vertical-align: -2px; margin-right: 4px; border: 1px solid; border-radius: 3px; }
</style>
</head>
<body>
<header><h1>${esc(title)}</h1><p>${e.services.length} Services, ${e.workloads.length} workloads, ${e.edges.length} references, ${warnings} warnings &middot; DNS zone ${esc(e.clusterDomain)}</p></header>
<main>
<section class="picture">
${toSvg(e)}
<div class="legend"><span><i class="swatch" style="background:#fff;border-color:#5f6368"></i>workload</span><span><i class="swatch" style="background:#e8f0fe;border-color:#3367d6"></i>Service</span><span><i class="swatch" style="background:#fef7e0;border-color:#e37400"></i>from outside / external name</span><span><i class="swatch" style="background:#fce8e6;border-color:#c5221f"></i>name no Service answers</span><span>dashed: selects Pods (label: container port) &middot; solid: refers to (label: port used)</span></div>
</section>
<section class="text"><pre>${esc(toText(e))}</pre></section>
</main>
</body>
</html>
`;
}
