/**
 * `svcgen explain -o html` opened in a real headless Chromium (Debian's package, installed by
 * setup.sh when missing): the page must render with no console error and no request beyond
 * itself, and its SVG must have a node per workload and Service and an edge per reference, laid
 * out without overlapping boxes. Screenshots go to artifacts/ (kept by CI as artifacts).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Explanation } from '../../lib/explain/model';
import { toMultiDocYaml } from '../../lib/yaml/write';
import { projectDir, ROOT, svcgen } from '../helpers/cli';
import { COMPOSE_APPS, convertApp } from '../helpers/compose';
import { SEED_DIR } from '../helpers/seed';

const ARTIFACTS = path.join(ROOT, 'artifacts');

interface PageFacts {
  nodes: { kind: string; id: string; box: { x: number; y: number; width: number; height: number } }[];
  edges: { kind: string; from: string; to: string; length: number }[];
  text: string;
}

let chromium: string;

beforeAll(() => {
  chromium = execFileSync('bash', [path.join(__dirname, 'setup.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});

/** Opens a page in Chromium (test/browser/open-page.mjs): console errors, requests, the SVG as drawn. */
function open(htmlFile: string, screenshot: string): { facts: PageFacts; errors: string[]; requests: string[] } {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'open-page.mjs'), chromium, htmlFile, path.join(ARTIFACTS, screenshot)], { encoding: 'utf8', timeout: 120_000 });
  return (JSON.parse(out) as { facts: PageFacts; errors: string[]; requests: string[] }[])[0];
}

function overlaps(a: PageFacts['nodes'][number]['box'], b: PageFacts['nodes'][number]['box']): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function check(manifests: string, screenshot: string) {
  const e = JSON.parse(svcgen(['explain', '-o', 'json', manifests]).stdout) as Explanation;
  const html = svcgen(['explain', '-o', 'html', manifests]);
  expect(html.code).toBe(0);
  const file = path.join(projectDir({ 'page.html': html.stdout }), 'page.html');
  const { facts, errors, requests } = open(file, screenshot);
  expect(errors).toEqual([]);
  expect(requests).toEqual([`file://${file}`]);
  // a node per workload and Service
  expect(facts.nodes.filter((n) => n.kind === 'workload').map((n) => n.id).sort()).toEqual(e.workloads.map((w) => w.id).sort());
  expect(facts.nodes.filter((n) => n.kind === 'service').map((n) => n.id).sort()).toEqual(e.services.map((s) => s.id).sort());
  // an edge per reference (one per workload, Service and port), and one per selection
  const refs = [...new Set(e.edges.map((x) => `${x.from} ${x.to ?? `unknown/${x.host}`} ${x.port ?? 'port ?'}`))].length;
  expect(facts.edges.filter((x) => x.kind === 'refers' || x.kind === 'broken').length).toBeGreaterThanOrEqual(refs);
  for (const x of e.edges) expect(facts.edges.some((y) => y.from === x.from && y.to === (x.to ?? `unknown/${x.host}`))).toBe(true);
  expect(facts.edges.filter((x) => x.kind === 'selects').length).toBe(e.services.reduce((n, s) => n + s.selects.length, 0));
  // drawn: boxes with a size that do not overlap, edges with a length
  for (const n of facts.nodes) expect(n.box.width * n.box.height).toBeGreaterThan(100);
  for (const [i, a] of facts.nodes.entries()) for (const b of facts.nodes.slice(i + 1)) expect({ a: a.id, b: b.id, overlap: overlaps(a.box, b.box) }).toEqual({ a: a.id, b: b.id, overlap: false });
  for (const x of facts.edges) expect(x.length).toBeGreaterThan(10);
  return { e, facts };
}

test('go-demo-2: the topology picture in Chromium', async () => {
  const { facts } = await check(path.join(SEED_DIR, 'go-demo-2', 'go-demo-2.yml'), 'explain-go-demo-2.png');
  expect(facts.nodes).toHaveLength(5); // 2 ReplicaSets, 2 Services, the node ports
  expect(facts.edges.filter((x) => x.kind === 'refers').map((x) => `${x.from} -> ${x.to}`)).toEqual(['ReplicaSet/default/go-demo-2-api -> Service/default/go-demo-2-db']);
  expect(facts.text).toContain('GO_DEMO_2_DB_SERVICE_HOST=<allocated>');
});

test.each([
  ['jetsung-awesome-compose/rsshub', 'explain-rsshub.png'],
  ['jetsung-awesome-compose/komodo', 'explain-komodo.png'],
  ['swarmprom/docker-compose.yml', 'explain-swarmprom.png'],
])('a converted compose app (%s) in Chromium', async (name, shot) => {
  const app = COMPOSE_APPS.find((a) => a.name === name)!;
  const dir = projectDir({ 'app.yaml': toMultiDocYaml(convertApp(app).objects as Record<string, unknown>[]) });
  const { e, facts } = await check(path.join(dir, 'app.yaml'), shot);
  expect(e.edges.length).toBeGreaterThan(0);
  // a reference on a wrong port is drawn as broken
  expect(facts.edges.filter((x) => x.kind === 'broken').length).toBe(new Set(e.edges.filter((x) => !x.ok).map((x) => `${x.from} ${x.to ?? `unknown/${x.host}`} ${x.port ?? 'port ?'}`)).size);
});
