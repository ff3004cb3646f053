/**
 * svcgen against real kube-apiservers, 1.37.2 (what users run) and 1.28.15 (the oldest carried
 * version), each judging with svcgen at its own version: every manifest svcgen produces must be
 * accepted by a server-side dry-run create with strict field validation, and svcgen's validator
 * must agree with the API server on every case of the validation corpus (accepted or rejected, and
 * the field paths) and on every object of the real corpora.
 */
import * as fs from 'fs';
import * as path from 'path';
import { dump } from 'js-yaml';
import { loadApp } from '../../lib/synth/load';
import { synthesizeApp } from '../../lib/synth/synth';
import { validateSources } from '../../lib/validate/validator';
import { readDocuments } from '../../lib/yaml/read';
import { CURRENT_MANIFESTS_DIR, MANIFESTS_DIR } from '../helpers/seed';
import { Case, CASES } from '../corpus/cases';
import { VERSION_CASES } from '../corpus/version-cases';
import { COMPOSE_APPS, convertApp } from '../helpers/compose';
import { convertFeature, FEATURE_APPS } from '../helpers/compose-features';
import { binaries, Cluster, rejectionPaths, SERVER_VERSIONS } from './cluster';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Where svcgen knowingly differs from the API server, and why. Each entry is a case name; the test
 * fails if an entry no longer differs (so the list cannot go stale).
 */
const KNOWN_DIFFERENCES_1_28: Record<string, string> = {
  'real: healthCheckNodePort out of range':
    'same verdict; the node-port allocator answers 500 "Internal error occurred: failed to allocate requested HealthCheck NodePort 70000: provided port is not in the valid range" with no field, svcgen names spec.healthCheckNodePort with the same words',
  'real: Secret data not base64':
    'same verdict; the API server\'s JSON decoder answers 400 "illegal base64 data at input byte 3" with no field, svcgen names the field (data[password]) without printing its value',
  'service: invalid namespace':
    'the API server answers NotFound for the request path\'s namespace "Prod" before it validates the object; svcgen reports the invalid metadata.namespace itself',
};

/** Known differences by the server's minor version. */
const KNOWN_DIFFERENCES: Record<string, Record<string, string>> = {
  '1.28': KNOWN_DIFFERENCES_1_28,
  '1.37': {
    ...KNOWN_DIFFERENCES_1_28,
    'service: missing name':
      'same verdict; a real create in 1.37 allocates the cluster IP first, and the IPAddress object the allocator makes for a Service with no name fails ("failed to allocate IP: ... spec.parentRef.name: Required value"), so the server names spec.clusterIPs; svcgen reports the missing metadata.name itself',
  },
};

let produced: { source: string; obj: Obj }[] | undefined;

/** What svcgen produces, made once for both servers (an app's module runs once per process). */
function producedManifests(): { source: string; obj: Obj }[] {
  if (produced) return produced;
  const apps = ['main.ts', ...fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.ts')).sort().map((f) => `examples/${f}`)];
  const synthesized = apps.flatMap((app) =>
    synthesizeApp(loadApp(path.join(ROOT, app))).flatMap((c) => c.objects.map((obj) => ({ source: app, obj: obj as Obj }))),
  );
  // every file of the Compose corpus, converted (in a namespace of its own, as a user would)
  const converted = COMPOSE_APPS.filter((a) => !a.refused).flatMap((app, i) =>
    convertApp(app, { namespace: `corpus-${i}` }).objects.map((obj) => ({ source: `convert ${app.name}`, obj: obj as Obj })),
  );
  // the converter's features the corpus lacks (CronJob, HPA, NetworkPolicies, load balancer ports)
  const features = FEATURE_APPS.flatMap((app, i) =>
    convertFeature(app, { namespace: `feature-${i}` }).objects.map((obj) => ({ source: `convert ${app.name}`, obj: obj as Obj })),
  );
  return (produced = [...synthesized, ...converted, ...features]);
}

describe.each([SERVER_VERSIONS.current, SERVER_VERSIONS.oldest])('kube-apiserver %s', (serverVersion) => {
  const minor = serverVersion.split('.').slice(0, 2).join('.');
  const cluster = new Cluster();

  beforeAll(async () => {
    const t = Date.now();
    const bin = binaries(serverVersion);
    await cluster.start(bin);
    process.stdout.write(`kube-apiserver ${serverVersion} ready in ${((Date.now() - t) / 1000).toFixed(1)} s (binaries in ${bin})\n`);
  }, 5 * 60 * 1000);

  afterAll(async () => {
    await cluster.stop();
  });

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
      const report = validateSources([{ file: 'case.yaml', text: c.objects.map((o) => dump(o)).join('---\n') }], { kubernetesVersion: minor });
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
      const known = KNOWN_DIFFERENCES[minor]?.[c.name];
      if (problem && !known) disagreements.push(`${c.name}: ${problem}${messages.length ? `\n    API server: ${messages.join(' | ')}` : ''}`);
      if (!problem && known) disagreements.push(`${c.name}: listed as a known difference but agrees now: remove it from KNOWN_DIFFERENCES`);
    }
    process.stdout.write(
      `agreement with kube-apiserver ${serverVersion} over ${cases.length} corpus cases: ` +
        `verdicts ${sameVerdicts} of ${cases.length} (${((100 * sameVerdicts) / cases.length).toFixed(1)}%); ` +
        `field paths equal in ${samePaths} of ${rejectedByServer} cases both reject; ` +
        `messages word for word in ${sameMessages} of ${withCauses} cases with field causes; ` +
        `known differences (listed with reasons): ${Object.keys(KNOWN_DIFFERENCES[minor] ?? {}).length}\n`,
    );
    if (process.env.SVCGEN_SHOW_MESSAGE_DIFFS) process.stdout.write(`${messageDiffs.join('\n')}\n`);
    expect(disagreements).toEqual([]);
  });

  test('the cases of what changed between 1.28 and 1.37: svcgen at this version, the server and the case agree', async () => {
    const disagreements: string[] = [];
    for (const c of VERSION_CASES) {
      let serverOk = true;
      const messages: string[] = [];
      for (const obj of c.objects) {
        const copy = JSON.parse(JSON.stringify(obj));
        const r = obj.kind === 'Service' ? await cluster.createAndDelete(copy) : await cluster.dryRunCreate(copy);
        if (r.status !== 201) {
          serverOk = false;
          messages.push(`${r.status} ${String(r.body.message).slice(0, 300)}`);
        }
      }
      const report = validateSources([{ file: 'case.yaml', text: c.objects.map((o) => dump(o)).join('---\n') }], { kubernetesVersion: minor });
      const ours = report.summary.invalid > 0 ? 'invalid' : 'valid';
      const server = serverOk ? 'valid' : 'invalid';
      const expected = c.expect[minor as '1.28' | '1.37'];
      if (ours !== server || expected !== server) {
        const why = report.resources.flatMap((r) => r.problems.filter((p) => p.severity === 'error').map((p) => p.message));
        disagreements.push(`${c.name}: API server ${server}${messages.length ? ` (${messages.join(' | ')})` : ''}, svcgen ${ours}${why.length ? ` (${why.join(' | ')})` : ''}, the case says ${expected}`);
      }
    }
    process.stdout.write(`version cases at kube-apiserver ${serverVersion}: ${VERSION_CASES.length - disagreements.length} of ${VERSION_CASES.length} agree\n`);
    expect(disagreements).toEqual([]);
  });

  /**
   * Objects of the real corpus (test/fixtures/manifests) on which svcgen knowingly differs from the
   * API server, keyed `file#n` (n: the object's place in the file), with the reason. The test fails
   * if an entry stops differing.
   */
  const CORPUS_KNOWN_DIFFERENCES: Record<string, Record<string, string>> = { '1.37': {}, '1.28': {} };

  /** Checks across a set of objects: not a verdict on one object, so not compared with the server. */
  const SET_RULES = new Set(['duplicate-object', 'svc-node-port-allocated']);

  function corpusFiles(dir: string, rel = ''): string[] {
    return fs
      .readdirSync(path.join(dir, rel), { withFileTypes: true })
      .flatMap((d) => (d.isDirectory() ? corpusFiles(dir, path.join(rel, d.name)) : /\.(ya?ml|json)$/.test(d.name) ? [path.join(rel, d.name)] : []))
      .sort();
  }

  test.each([
    ['kube-prometheus and Istio\'s samples', MANIFESTS_DIR],
    ['the Kubernetes project\'s own 1.37.2 manifests (e2e, DRA, add-ons, kubectl fixtures)', CURRENT_MANIFESTS_DIR],
  ])('real manifests: svcgen validate agrees with the API server on every object of %s', async (_name, dir) => {
    const sources = corpusFiles(dir).map((file) => ({ file, text: fs.readFileSync(path.join(dir, file), 'utf8') }));
    // the objects as svcgen reads them, in the report's order (the server gets them as JSON)
    type Item = { key: string; obj?: Obj; unreadable?: boolean };
    const items: Item[] = [];
    for (const src of sources) {
      let n = 0;
      for (const doc of readDocuments(src.text, src.file)) {
        const v = doc.value as Obj | undefined;
        if (doc.error) items.push({ key: `${src.file}#${n++}`, unreadable: true });
        else if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items)) {
          for (const item of v.items) items.push({ key: `${src.file}#${n++}`, obj: item });
        } else items.push({ key: `${src.file}#${n++}`, obj: v });
      }
    }
    // svcgen: every file at once (one file's CRDs serve another's custom resources), each file its own set
    const report = validateSources(sources, { scope: 'file', kubernetesVersion: minor });
    expect(report.resources).toHaveLength(items.length);

    // the CRDs are judged by a dry run, then installed so that their custom resources can be judged
    const isCrd = (o: Obj | undefined) => o?.kind === 'CustomResourceDefinition';
    const verdicts = new Map<string, { ok: boolean; message: string }>();
    const judge = async (it: Item) => {
      const r = await cluster.dryRunCreate(JSON.parse(JSON.stringify(it.obj ?? null)) ?? {});
      // 409: validation passed and the object exists already (a namespace made for an earlier object)
      verdicts.set(it.key, { ok: r.status === 201 || r.status === 409, message: `${r.status} ${String(r.body.message).slice(0, 300)}` });
    };
    for (const it of items) if (!it.unreadable && isCrd(it.obj)) await judge(it);
    const notInstalled = await cluster.installCrds(items.filter((it) => !it.unreadable && isCrd(it.obj) && verdicts.get(it.key)?.ok).map((it) => it.obj as Obj));
    expect(notInstalled).toEqual([]);
    for (const it of items) if (!it.unreadable && !isCrd(it.obj)) await judge(it);

    const counts = { objects: items.length, agree: 0, bothAccept: 0, bothReject: 0, unreadable: 0, skippedCustomResources: 0, known: 0 };
    const disagreements: string[] = [];
    items.forEach((it, i) => {
      const r = report.resources[i];
      const ourErrors = r.problems.filter((p) => p.severity === 'error' && !SET_RULES.has(p.rule));
      if (it.unreadable) {
        // kubectl's reader refuses it too (Helm templates): nothing reaches the server
        counts.unreadable++;
        if (ourErrors.length === 0) disagreements.push(`${it.key}: unreadable YAML, but svcgen found no error`);
        return;
      }
      const server = verdicts.get(it.key)!;
      if (r.status === 'skipped') {
        // a custom resource whose CRD is not in the corpus: the server does not know its kind either
        counts.skippedCustomResources++;
        if (server.ok) disagreements.push(`${it.key}: svcgen skipped it as a custom resource without its CRD, but the API server accepted it`);
        return;
      }
      const oursOk = ourErrors.length === 0;
      const known = CORPUS_KNOWN_DIFFERENCES[minor]?.[it.key];
      if (oursOk === server.ok) {
        counts.agree++;
        if (oursOk) counts.bothAccept++;
        else counts.bothReject++;
        if (known) disagreements.push(`${it.key}: listed as a known difference but agrees now: remove it`);
        return;
      }
      if (known) {
        counts.known++;
        return;
      }
      disagreements.push(
        `${it.key} ${r.kind}/${r.name}: API server ${server.ok ? 'accepts' : `rejects (${server.message})`}; svcgen ${oursOk ? 'accepts' : `rejects: ${ourErrors.map((p) => p.message).join(' | ')}`}`,
      );
    });
    process.stdout.write(`real manifests (${_name}) at kube-apiserver ${serverVersion}: ${JSON.stringify(counts)}\n`);
    expect(disagreements).toEqual([]);
  }, 20 * 60 * 1000);
});
