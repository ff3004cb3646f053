/**
 * `svcgen explain`'s environment variables against the kubelet's own code: for every seed example
 * and every converted compose corpus app, the variables explain says each workload's Pods get (in
 * steady state: every Service of their namespace with a cluster IP, when enableServiceLinks) must
 * equal what k8s.io/kubernetes/pkg/kubelet/envvars computes for those Pods (the oracle in
 * test/oracles/kubelet-envvars, built from the 1.37.2 source by setup.sh).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { placedObjects } from '../../lib/cli/explain';
import { ALLOCATED, explain, flattenObjects } from '../../lib/explain/model';
import { toMultiDocYaml } from '../../lib/yaml/write';
import { COMPOSE_APPS, convertApp } from '../helpers/compose';
import { SEED_DIR } from '../helpers/seed';
import { binaries, SERVER_VERSIONS } from './cluster';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Case {
  readonly name: string;
  readonly text: string;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const f of fs.readdirSync(SEED_DIR, { recursive: true }).map(String).filter((x) => /\.ya?ml$/.test(x)).sort()) {
    out.push({ name: `seed ${f}`, text: fs.readFileSync(path.join(SEED_DIR, f), 'utf8') });
  }
  for (const app of COMPOSE_APPS) if (!app.refused) out.push({ name: app.name, text: toMultiDocYaml(convertApp(app).objects as Record<string, unknown>[]) });
  // the cases the corpus lacks: a fixed IPv6 cluster IP, UDP and named ports, a Service without ports, enableServiceLinks: false
  out.push({
    name: 'hand-written',
    text: `apiVersion: v1
kind: Service
metadata: {name: dns-6}
spec: {clusterIP: "fd00::a", ipFamilies: [IPv6], selector: {app: a}, ports: [{name: dns, port: 53, protocol: UDP}, {name: metrics, port: 9153}]}
---
apiVersion: v1
kind: Service
metadata: {name: fixed}
spec: {clusterIP: 10.96.0.20, selector: {app: a}, ports: [{port: 80}, {name: admin, port: 81, protocol: SCTP}]}
---
apiVersion: v1
kind: Service
metadata: {name: empty}
spec: {clusterIP: None}
---
apiVersion: v1
kind: Pod
metadata: {name: a, labels: {app: a}}
spec: {containers: [{name: a, image: busybox}]}
---
apiVersion: v1
kind: Pod
metadata: {name: b}
spec: {enableServiceLinks: false, containers: [{name: b, image: busybox}]}
`,
  });
  return out;
}

describe('explain: environment variables equal the kubelet\'s (pkg/kubelet/envvars, 1.37.2)', () => {
  const bin = path.join(binaries(SERVER_VERSIONS.current, ['kubelet-envvars']), 'kubelet-envvars');

  test('every seed example and converted corpus app', () => {
    const all = cases();
    const queries: Obj[] = [];
    const ours: Record<string, string>[] = [];
    const labels: string[] = [];
    for (const c of all) {
      const placed = placedObjects([{ file: c.name, text: c.text }]);
      const objects = flattenObjects(placed).map((p) => p.obj);
      // the cluster IP explain shows when the manifest leaves it to the API server
      const services = objects
        .filter((o) => o.kind === 'Service')
        .map((s) => ({ ...s, spec: { ...s.spec, clusterIP: s.spec?.type === 'ExternalName' ? '' : (s.spec?.clusterIP ?? ALLOCATED) } }));
      const e = explain(placed);
      for (const w of e.workloads) {
        queries.push({ namespace: w.namespace, enableServiceLinks: w.enableServiceLinks, services });
        const vars: Record<string, string> = {};
        for (const s of e.services) if (s.env?.receivers.includes(w.id)) for (const v of s.env.variables) vars[v.name] = v.value;
        // a bare Pod applied before a Service never gets its variables; the kubelet's view is the
        // steady state of a Pod started after every Service: add those back for the comparison
        for (const s of e.services) if (s.env?.excluded.some((x) => x.workload === w.id && x.reason.startsWith('a bare Pod'))) for (const v of s.env.variables) vars[v.name] = v.value;
        ours.push(vars);
        labels.push(`${c.name}: ${w.id}`);
      }
    }
    const expected = JSON.parse(execFileSync(bin, { input: JSON.stringify(queries), encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 })) as Record<string, string>[];
    expect(expected).toHaveLength(ours.length);
    const mismatches = labels.filter((_, i) => JSON.stringify(sorted(ours[i])) !== JSON.stringify(sorted(expected[i])));
    for (const i of labels.map((_, j) => j).filter((j) => mismatches.includes(labels[j])).slice(0, 3)) {
      expect({ workload: labels[i], vars: sorted(ours[i]) }).toEqual({ workload: labels[i], vars: sorted(expected[i]) });
    }
    expect(mismatches).toEqual([]);
    const withVars = expected.filter((m) => Object.keys(m).length > 0).length;
    process.stdout.write(`explain env vars: ${labels.length} workloads in ${all.length} inputs, ${withVars} with variables, all equal to the kubelet's\n`);
    expect(labels.length).toBeGreaterThan(250);
    expect(withVars).toBeGreaterThan(200);
    // the test can fail: a wrong rule (no _ADDR variables) would be caught
    const broken = ours.map((m) => Object.fromEntries(Object.entries(m).filter(([k]) => !k.endsWith('_ADDR'))));
    expect(broken.filter((m, i) => JSON.stringify(sorted(m)) !== JSON.stringify(sorted(expected[i]))).length).toBeGreaterThan(100);
  });
});

function sorted(m: Record<string, string>): [string, string][] {
  return Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
