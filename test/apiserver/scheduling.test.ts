/**
 * Does what svcgen convert writes actually run? Accepted by the API server is not the same as
 * scheduled. This test runs a small real control plane (kube-apiserver, kube-controller-manager
 * and kube-scheduler 1.37.2, the version users run, built by setup.sh) with four Node objects and no kubelet (three
 * workers and a control-plane node with its usual NoSchedule taint; the node lifecycle controller
 * off, so they stay Ready), applies every converted corpus app in its own namespace, with a
 * PersistentVolume made for each claim, and checks that every workload's Pods are created and
 * scheduled (PodScheduled=True), that every Service selects Pods, and that every claim binds.
 * What does not schedule is reported with the scheduler's reason. The test of the test: the
 * voting stack's db as svcgen converted `node.role == manager` before (a required affinity to
 * control-plane nodes, no toleration) must stay Pending. The construct examples of real apps
 * (examples/voting-app.ts, atsea.ts, shop.ts: StatefulSet with claim templates, autoscaler,
 * disruption budget, NetworkPolicies) are applied beside them and must schedule too.
 */
import * as path from 'path';
import { loadApp } from '../../lib/synth/load';
import { synthesizeApp } from '../../lib/synth/synth';
import { ROOT } from '../helpers/cli';
import { COMPOSE_APPS, convertApp } from '../helpers/compose';
import { convertFeature, FEATURE_APPS } from '../helpers/compose-features';
import { binaries, Cluster, SERVER_VERSIONS } from './cluster';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const cluster = new Cluster();
/** the construct examples modelled on real multi-tier apps */
const EXAMPLES = ['voting-app.ts', 'atsea.ts', 'shop.ts'];
const WORKERS = ['worker-1', 'worker-2', 'worker-3'];
const CONTROL_PLANE = 'control-plane-1';

function node(name: string, controlPlane: boolean): Obj {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const resources = { cpu: '64', memory: '256Gi', pods: '1000', 'ephemeral-storage': '1Ti' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
      },
    },
    spec: controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {},
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'a test node without a kubelet', lastHeartbeatTime: now, lastTransitionTime: now }],
      nodeInfo: { architecture: 'amd64', operatingSystem: 'linux', kubeletVersion: `v${SERVER_VERSIONS.current}`, containerRuntimeVersion: 'none://', kernelVersion: '', osImage: '', bootID: '', machineID: '', systemUUID: '', kubeProxyVersion: '' },
    },
  };
}

beforeAll(async () => {
  const bin = binaries(SERVER_VERSIONS.current, ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']);
  await cluster.start(bin);
  await cluster.startControlPlane(bin);
  for (const n of [...WORKERS.map((w) => node(w, false)), node(CONTROL_PLANE, true)]) {
    const r = await cluster.create(n);
    if (r.status !== 201) throw new Error(`creating Node ${n.metadata.name}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    // the TaintNodesByCondition admission plugin taints a new Node not-ready until its lifecycle
    // controller sees the kubelet report Ready; that controller is off here, so lift it as it would
    for (let attempt = 0; ; attempt++) {
      const current = (await cluster.request('GET', `/api/v1/nodes/${n.metadata.name}`)).body;
      current.spec.taints = (current.spec.taints ?? []).filter((t: Obj) => t.key !== 'node.kubernetes.io/not-ready');
      const u = await cluster.request('PUT', `/api/v1/nodes/${n.metadata.name}`, current);
      if (u.status === 200) break;
      if (u.status !== 409 || attempt > 20) throw new Error(`updating Node ${n.metadata.name}: ${u.status} ${JSON.stringify(u.body).slice(0, 300)}`);
    }
  }
});

afterAll(async () => {
  await cluster.stop();
});

/** A PersistentVolume bound ahead to one claim, as a provisioner would make it. */
function volumeFor(namespace: string, claim: string, spec: Obj, n: number): Obj {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: `pv-${namespace}-${n}` },
    spec: {
      capacity: { storage: spec.resources?.requests?.storage ?? '1Gi' },
      accessModes: spec.accessModes ?? ['ReadWriteOnce'],
      ...(spec.storageClassName ? { storageClassName: spec.storageClassName } : {}),
      ...(spec.volumeMode ? { volumeMode: spec.volumeMode } : {}),
      persistentVolumeReclaimPolicy: 'Retain',
      hostPath: { path: `/tmp/svcgen-pv/${namespace}/${claim}` },
      claimRef: { namespace, name: claim },
    },
  };
}

/** The claims an app's objects will make: its PersistentVolumeClaims and its StatefulSets' templates. */
function claimsOf(objects: readonly Obj[]): { name: string; spec: Obj }[] {
  const out: { name: string; spec: Obj }[] = [];
  for (const o of objects) {
    if (o.kind === 'PersistentVolumeClaim') out.push({ name: o.metadata.name, spec: o.spec ?? {} });
    if (o.kind === 'StatefulSet') {
      for (const t of o.spec?.volumeClaimTemplates ?? []) {
        for (let i = 0; i < (o.spec.replicas ?? 1); i++) out.push({ name: `${t.metadata.name}-${o.metadata.name}-${i}`, spec: t.spec ?? {} });
      }
    }
  }
  return out;
}

interface Expectation {
  readonly namespace: string;
  readonly ref: string;
  readonly selector: Obj;
  /** Pods the controller creates without a kubelet making any Ready */
  readonly pods: number;
}

function expectationsOf(namespace: string, objects: readonly Obj[]): Expectation[] {
  const out: Expectation[] = [];
  for (const o of objects) {
    const ref = `${o.kind}/${o.metadata?.name}`;
    const labels = o.spec?.selector?.matchLabels ?? o.spec?.template?.metadata?.labels;
    switch (o.kind) {
      case 'Deployment':
      case 'ReplicaSet':
        out.push({ namespace, ref, selector: labels, pods: o.spec?.replicas ?? 1 });
        break;
      case 'StatefulSet':
        // OrderedReady creates Pod n+1 when Pod n is Ready: without kubelets only Pod 0 appears
        out.push({ namespace, ref, selector: labels, pods: o.spec?.podManagementPolicy === 'Parallel' ? (o.spec?.replicas ?? 1) : Math.min(1, o.spec?.replicas ?? 1) });
        break;
      case 'DaemonSet':
        out.push({ namespace, ref, selector: labels, pods: 1 });
        break;
      case 'Job':
        out.push({ namespace, ref, selector: o.spec?.template?.metadata?.labels ?? {}, pods: o.spec?.parallelism ?? 1 });
        break;
      case 'Pod':
        out.push({ namespace, ref, selector: o.metadata?.labels ?? {}, pods: 1 });
        break;
    }
  }
  return out;
}

const matches = (selector: Obj, labels: Obj | undefined) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);

interface Applied {
  readonly app: string;
  readonly namespace: string;
  readonly objects: Obj[];
}

async function apply(app: string, namespace: string, objects: Obj[]): Promise<Applied> {
  await cluster.ensureNamespace(namespace);
  let n = 0;
  for (const c of claimsOf(objects)) {
    const r = await cluster.create(volumeFor(namespace, c.name, c.spec, n++));
    if (r.status !== 201) throw new Error(`${app}: PersistentVolume for ${c.name}: ${r.status} ${r.body.message}`);
  }
  for (const o of objects) {
    const r = await cluster.create(o);
    if (r.status !== 201) throw new Error(`${app}: ${o.kind}/${o.metadata?.name}: ${r.status} ${r.body.message}`);
  }
  return { app, namespace, objects };
}

/** Waits until every expectation holds or the time is up; returns what does not hold, with the reasons. */
async function problems(applied: readonly Applied[], timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let last: string[] = [];
  const namespaces = new Set(applied.map((a) => a.namespace));
  for (;;) {
    const pods = ((await cluster.request('GET', '/api/v1/pods')).body.items ?? []).filter((p: Obj) => namespaces.has(p.metadata.namespace));
    const claims = ((await cluster.request('GET', '/api/v1/persistentvolumeclaims')).body.items ?? []).filter((c: Obj) => namespaces.has(c.metadata.namespace));
    last = [];
    for (const a of applied) {
      const mine = pods.filter((p: Obj) => p.metadata.namespace === a.namespace);
      for (const e of expectationsOf(a.namespace, a.objects)) {
        const selected = mine.filter((p: Obj) => matches(e.selector, p.metadata.labels));
        if (selected.length < e.pods) last.push(`${a.app}: ${e.ref}: ${selected.length} of ${e.pods} Pods created`);
      }
      for (const p of mine) {
        const cond = (p.status?.conditions ?? []).find((c: Obj) => c.type === 'PodScheduled');
        if (cond?.status !== 'True') last.push(`${a.app}: Pod ${p.metadata.name} not scheduled: ${cond?.message ?? 'no PodScheduled condition yet'}`);
      }
      for (const s of a.objects.filter((o) => o.kind === 'Service' && o.spec?.selector && o.spec?.type !== 'ExternalName')) {
        if (!mine.some((p: Obj) => matches(s.spec.selector, p.metadata.labels))) last.push(`${a.app}: Service/${s.metadata.name} selects no Pod`);
      }
      for (const c of claims.filter((x: Obj) => x.metadata.namespace === a.namespace)) {
        if (c.status?.phase !== 'Bound') last.push(`${a.app}: PersistentVolumeClaim/${c.metadata.name} is ${c.status?.phase ?? 'not bound'}`);
      }
    }
    if (last.length === 0 || Date.now() > deadline) return last;
    await new Promise((r) => setTimeout(r, 2000));
  }
}

test('every converted corpus app schedules: Pods created and scheduled, Services select Pods, claims bound', async () => {
  const applied: Applied[] = [];
  let i = 0;
  for (const app of COMPOSE_APPS) {
    if (app.refused) continue;
    const namespace = `app-${i++}`;
    const objects = convertApp(app, { namespace }).objects as Obj[];
    applied.push(await apply(app.name, namespace, objects));
  }
  for (const app of FEATURE_APPS) {
    const namespace = `app-${i++}`;
    applied.push(await apply(app.name, namespace, convertFeature(app, { namespace }).objects as Obj[]));
  }
  for (const example of EXAMPLES) {
    const namespace = `app-${i++}`;
    const objects = synthesizeApp(loadApp(path.join(ROOT, 'examples', example))).flatMap((c) => c.objects.map((o) => JSON.parse(JSON.stringify(o)) as Obj));
    for (const o of objects) o.metadata.namespace = namespace;
    applied.push(await apply(`examples/${example}`, namespace, objects));
  }
  expect(applied.filter((a) => a.app.startsWith('examples/')).map((a) => [a.app, a.objects.some((o) => o.kind === 'StatefulSet' && o.spec.volumeClaimTemplates)])).toEqual(EXAMPLES.map((e) => [`examples/${e}`, true]));
  const found = await problems(applied, 240_000);
  const pods = ((await cluster.request('GET', '/api/v1/pods')).body.items ?? []).filter((p: Obj) => p.metadata.namespace.startsWith('app-'));
  const onControlPlane = pods.filter((p: Obj) => p.spec.nodeName === CONTROL_PLANE).map((p: Obj) => `${p.metadata.namespace}/${p.metadata.name}`);
  process.stdout.write(
    `scheduling: ${applied.length} apps, ${applied.reduce((n, a) => n + a.objects.length, 0)} objects, ${pods.length} Pods ` +
      `(${pods.filter((p: Obj) => p.spec.nodeName).length} scheduled), ${found.length} problems\n${found.slice(0, 40).join('\n')}\n`,
  );
  expect(found).toEqual([]);
  expect(applied.length).toBeGreaterThan(130);
  // nothing lands on the tainted control-plane node (no converted workload tolerates its taint)
  expect(onControlPlane).toEqual([]);
});

test('the test of the test: node.role == manager as a required control-plane affinity without toleration stays Pending', async () => {
  const app = COMPOSE_APPS.find((a) => a.name === 'example-voting-app/docker-stack.yml')!;
  const namespace = 'manager-as-it-was';
  const objects = convertApp(app, { namespace }).objects as Obj[];
  const db = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'db')!;
  db.spec.template.spec.affinity = {
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }] }] } },
  };
  const found = await problems([await apply(app.name, namespace, objects)], 20_000);
  // (the 1.37 scheduler says "untolerated taint(s)" without naming it)
  expect(found).toEqual([expect.stringMatching(/^example-voting-app\/docker-stack\.yml: Pod db-[a-z0-9-]+ not scheduled: 0\/4 nodes are available: 1 node\(s\) had untolerated taint\(s\), 3 node\(s\) didn't match Pod's node affinity\/selector/)]);
});
