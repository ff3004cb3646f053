/**
 * svcgen against a real kube-apiserver 1.28: every manifest svcgen produces must be accepted by a
 * server-side dry-run create with strict field validation, and svcgen's validator must agree with
 * the API server on every case of the validation corpus: accepted or rejected, and the field paths.
 */
import * as fs from 'fs';
import * as path from 'path';
import { dump } from 'js-yaml';
import { loadApp } from '../../lib/synth/load';
import { synthesizeApp } from '../../lib/synth/synth';
import { validateSources } from '../../lib/validate/validator';
import { Case, CASES } from '../corpus/cases';
import { COMPOSE_FILES, convertWithStandIns } from '../helpers/compose';
import { binaries, Cluster, rejectionPaths } from './cluster';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const ROOT = path.resolve(__dirname, '..', '..');
const cluster = new Cluster();

/**
 * Where svcgen knowingly differs from the API server, and why. Each entry is a case name; the test
 * fails if an entry no longer differs (so the list cannot go stale).
 */
const KNOWN_DIFFERENCES: Record<string, string> = {
  'service: invalid namespace':
    'the API server answers NotFound for the request path\'s namespace "Prod" before it validates the object; svcgen reports the invalid metadata.namespace itself',
};

beforeAll(async () => {
  const t = Date.now();
  const bin = binaries();
  await cluster.start(bin);
  process.stdout.write(`kube-apiserver 1.28 ready in ${((Date.now() - t) / 1000).toFixed(1)} s (binaries in ${bin})\n`);
}, 60 * 60 * 1000);

afterAll(async () => {
  await cluster.stop();
});

function producedManifests(): { source: string; obj: Obj }[] {
  const apps = ['main.ts', ...fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.ts')).sort().map((f) => `examples/${f}`)];
  const synthesized = apps.flatMap((app) =>
    synthesizeApp(loadApp(path.join(ROOT, app))).flatMap((c) => c.objects.map((obj) => ({ source: app, obj: obj as Obj }))),
  );
  // every file of the Compose corpus, converted (in a namespace of its own, as a user would)
  const converted = COMPOSE_FILES.flatMap((rel, i) =>
    convertWithStandIns(rel, { namespace: `corpus-${i}` }).result.objects.map((obj) => ({ source: `convert ${rel}`, obj: obj as Obj })),
  );
  return [...synthesized, ...converted];
}

test('the API server accepts every manifest svcgen produces (reference app, seed examples, converted Compose corpus)', async () => {
  const rejected: string[] = [];
  const manifests = producedManifests();
  for (const { source, obj } of manifests) {
    const r = await cluster.dryRunCreate(obj);
    if (r.status !== 201) rejected.push(`${source}: ${obj.kind}/${obj.metadata?.name}: ${r.status} ${r.body.message}`);
  }
  process.stdout.write(`API server: ${manifests.length - rejected.length} of ${manifests.length} produced manifests accepted\n`);
  expect(rejected).toEqual([]);
});

const stripIndexes = (p: string) => p.replace(/\[[^\]]*\]/g, '');

test('svcgen validate agrees with the API server on every case of the validation corpus', async () => {
  const cases = CASES.filter((c) => !c.svcgenOnly);
  const disagreements: string[] = [];
  let rejectedByServer = 0;
  let samePaths = 0;
  let sameVerdicts = 0;
  let withCauses = 0;
  let sameMessages = 0;
  const messageDiffs: string[] = [];
  for (const c of cases as Case[]) {
    const serverPaths = new Set<string>();
    let indexless = false;
    let serverInvalid = false;
    const messages: string[] = [];
    const serverErrors = new Set<string>();
    for (const obj of c.objects) {
      // only a real create runs the Service allocators (node-port range, cluster IP range)
      const r = obj.kind === 'Service' ? await cluster.createAndDelete(obj) : await cluster.dryRunCreate(obj);
      if (r.status === 201) continue;
      serverInvalid = true;
      const p = rejectionPaths(r.body);
      p.paths.forEach((x) => serverPaths.add(x));
      indexless ||= p.indexless;
      messages.push(String(r.body.message));
      for (const cause of r.body.details?.causes ?? []) if (cause.field) serverErrors.add(`${cause.field}: ${cause.message}`);
    }
    const report = validateSources([{ file: 'case.yaml', text: c.objects.map((o) => dump(o)).join('---\n') }]);
    const ours = [...new Set(report.resources.flatMap((r) => r.problems.filter((p) => p.severity === 'error').map((p) => p.path)))];
    const oursInvalid = report.summary.invalid > 0;
    const ourErrors = new Set(report.resources.flatMap((r) => r.problems.filter((p) => p.severity === 'error').map((p) => p.message)));
    if (serverInvalid === oursInvalid) sameVerdicts++;
    if (serverErrors.size) {
      withCauses++;
      const a = [...serverErrors].sort();
      const b = [...ourErrors].sort();
      if (JSON.stringify(a) === JSON.stringify(b)) sameMessages++;
      else messageDiffs.push(`${c.name}\n    API server: ${a.join(' | ')}\n    svcgen:     ${b.join(' | ')}`);
    }
    const cmp = (xs: Iterable<string>) => [...new Set([...xs].map((x) => (indexless ? stripIndexes(x) : x)))].sort();
    let problem = '';
    if (serverInvalid !== oursInvalid) problem = `verdict: API server ${serverInvalid ? 'rejects' : 'accepts'}, svcgen ${oursInvalid ? 'rejects' : 'accepts'}`;
    else if (serverInvalid) {
      rejectedByServer++;
      if (JSON.stringify(cmp(serverPaths)) === JSON.stringify(cmp(ours))) samePaths++;
      else problem = `paths: API server ${JSON.stringify(cmp(serverPaths))}, svcgen ${JSON.stringify(cmp(ours))}`;
    }
    const known = KNOWN_DIFFERENCES[c.name];
    if (problem && !known) disagreements.push(`${c.name}: ${problem}${messages.length ? `\n    API server: ${messages.join(' | ')}` : ''}`);
    if (!problem && known) disagreements.push(`${c.name}: listed as a known difference but agrees now: remove it from KNOWN_DIFFERENCES`);
  }
  process.stdout.write(
    `agreement with kube-apiserver 1.28 over ${cases.length} corpus cases: ` +
      `verdicts ${sameVerdicts} of ${cases.length} (${((100 * sameVerdicts) / cases.length).toFixed(1)}%); ` +
      `field paths equal in ${samePaths} of ${rejectedByServer} cases both reject; ` +
      `messages word for word in ${sameMessages} of ${withCauses} cases with field causes; ` +
      `known differences (listed with reasons): ${Object.keys(KNOWN_DIFFERENCES).length}\n`,
  );
  if (process.env.SVCGEN_SHOW_MESSAGE_DIFFS) process.stdout.write(`${messageDiffs.join('\n')}\n`);
  expect(disagreements).toEqual([]);
});
