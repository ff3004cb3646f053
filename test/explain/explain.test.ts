import * as fs from 'fs';
import * as path from 'path';
import { placedObjects } from '../../lib/cli/explain';
import { ALLOCATED, explain, Explanation, referencesIn, serviceEnvVars } from '../../lib/explain/model';
import { graphOf, toDot, toMermaid, toText } from '../../lib/explain/render';
import { toHtml } from '../../lib/explain/html';
import { toMultiDocYaml } from '../../lib/yaml/write';
import { projectDir, ROOT, svcgen } from '../helpers/cli';
import { COMPOSE_APPS, convertApp } from '../helpers/compose';
import { specRecords } from '../helpers/dns-spec';
import { SEED_DIR } from '../helpers/seed';

const GO_DEMO_2 = path.join(SEED_DIR, 'go-demo-2', 'go-demo-2.yml');

function explainYaml(text: string, file = 'app.yaml'): Explanation {
  return explain(placedObjects([{ file, text }]));
}

const svc = (e: Explanation, name: string) => {
  const s = e.services.find((x) => x.name === name);
  if (!s) throw new Error(`no Service ${name}`);
  return s;
};

const DEPLOY = (name: string, labels: string, containers: string, podExtra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: {${labels}}
  template:
    metadata:
      labels: {${labels}}
    spec:${podExtra}
      containers:
${containers}
---
`;

describe('svcgen explain: go-demo-2 (the source documents\' app)', () => {
  const e = explainYaml(fs.readFileSync(GO_DEMO_2, 'utf8'), GO_DEMO_2);
  const db = svc(e, 'go-demo-2-db');
  const api = svc(e, 'go-demo-2-api');

  test('DNS names: the FQDN with the forms the search path resolves', () => {
    expect(db.dns[0]).toMatchObject({ name: 'go-demo-2-db.default.svc.cluster.local', value: 'cluster IP (allocated) (A on an IPv4 cluster, AAAA on IPv6)' });
    expect(db.dns[0].shortForms).toEqual(['go-demo-2-db (from namespace default)', 'go-demo-2-db.default', 'go-demo-2-db.default.svc']);
  });

  test('the GO_DEMO_2_DB_SERVICE_HOST-style variables, with the cluster IP shown as allocated', () => {
    expect(db.env!.variables).toEqual([
      { name: 'GO_DEMO_2_DB_SERVICE_HOST', value: ALLOCATED },
      { name: 'GO_DEMO_2_DB_SERVICE_PORT', value: '27017' },
      { name: 'GO_DEMO_2_DB_PORT', value: `tcp://${ALLOCATED}:27017` },
      { name: 'GO_DEMO_2_DB_PORT_27017_TCP', value: `tcp://${ALLOCATED}:27017` },
      { name: 'GO_DEMO_2_DB_PORT_27017_TCP_PROTO', value: 'tcp' },
      { name: 'GO_DEMO_2_DB_PORT_27017_TCP_PORT', value: '27017' },
      { name: 'GO_DEMO_2_DB_PORT_27017_TCP_ADDR', value: ALLOCATED },
    ]);
    // the api ReplicaSet comes after the db Service in the file: its Pods get them from the start
    expect(db.env!.receivers).toContain('ReplicaSet/default/go-demo-2-api');
    expect(db.env!.excluded.map((x) => x.workload)).toEqual(['ReplicaSet/default/go-demo-2-db']);
  });

  test("the API's chain: node port (allocated) -> 8080 -> 8080 (container api)", () => {
    expect(api.ports[0].chain).toBe('node port (allocated, 30000-32767) -> 8080 -> 8080 (container api)');
    expect(api.ports[0].broken).toEqual([]);
  });

  test("the db's chain 27017 -> 27017, with the note that its container declares only 28017", () => {
    expect(db.ports[0].chain).toBe('27017 -> 27017 (container db)');
    expect(db.ports[0].notes.join()).toMatch(/container db declares only 28017, not 27017: containerPort is informational/);
    expect(db.ports[0].broken).toEqual([]);
  });

  test('the edge api -> go-demo-2-db found in DB=go-demo-2-db, on the Service\'s only port', () => {
    expect(e.edges).toEqual([
      expect.objectContaining({ from: 'ReplicaSet/default/go-demo-2-api', to: 'Service/default/go-demo-2-db', via: 'env DB', value: 'go-demo-2-db', port: 27017, ok: true }),
    ]);
    expect(e.edges[0].portNote).toMatch(/the Service's only port/);
  });

  test('the CLI prints all of it as text', () => {
    const r = svcgen(['explain', GO_DEMO_2]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('go-demo-2-db.default.svc.cluster.local');
    expect(r.stdout).toContain('GO_DEMO_2_DB_SERVICE_HOST=<allocated>');
    expect(r.stdout).toContain('8080/TCP: node port (allocated, 30000-32767) -> 8080 -> 8080 (container api)');
    expect(r.stdout).toContain('27017/TCP: 27017 -> 27017 (container db)');
    expect(r.stdout).toContain('ReplicaSet go-demo-2-api: env DB=go-demo-2-db -> go-demo-2-db, port 27017');
  });

  test('--app main.ts explains the synthesized reference app', () => {
    const r = svcgen(['explain', '--app', 'main.ts', '-o', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Explanation;
    expect(j.services.map((s) => s.name)).toEqual(['go-demo-2-db', 'go-demo-2-api']);
    expect(j.edges.map((x) => `${x.from} -> ${x.to}`)).toEqual(['ReplicaSet/default/go-demo-2-api -> Service/default/go-demo-2-db']);
    expect(j.services[0].place.file).toBe(path.join('dist', 'go-demo-2.k8s.yaml'));
  });
});

describe('svcgen explain: DNS', () => {
  /** A headless Service `db` and the StatefulSet `pg` it governs, with a named port. */
  const statefulSet = (replicas: number) => `apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{name: pg, port: 5432}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: pg}
spec:
  serviceName: db
  replicas: ${replicas}
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: pg, image: postgres, ports: [{name: pg, containerPort: 5432}]}]
`;

  test('a StatefulSet\'s Pods under their governing headless Service, and SRV records for named ports', () => {
    const e = explainYaml(statefulSet(2));
    const names = svc(e, 'db').dns.map((r) => `${r.type} ${r.name}`);
    expect(names).toEqual([
      'A/AAAA db.default.svc.cluster.local',
      'A/AAAA pg-0.db.default.svc.cluster.local',
      'A/AAAA pg-1.db.default.svc.cluster.local',
      'SRV _pg._tcp.db.default.svc.cluster.local',
    ]);
    expect(svc(e, 'db').dns[0].value).toBe('the IP of each ready Pod (2 when all are ready)');
    expect(svc(e, 'db').env).toBeNull();
  });

  test('a StatefulSet of many replicas: the first 100 Pod names, and a note for the rest (2^53 replicas hung explain: found by fuzzing)', () => {
    for (const replicas of [100, 101, 2 ** 53]) {
      const e = explainYaml(statefulSet(replicas));
      const pods = svc(e, 'db').dns.filter((r) => r.name.startsWith('pg-')).map((r) => r.name);
      expect([replicas, pods.length, pods[0], pods[pods.length - 1]]).toEqual([replicas, 100, 'pg-0.db.default.svc.cluster.local', 'pg-99.db.default.svc.cluster.local']);
      const notes = e.problems.filter((p) => p.rule === 'pod-names-not-listed').map((p) => p.message);
      expect(notes).toEqual(replicas > 100 ? [`StatefulSet pg has ${replicas} replicas: the DNS names of its Pods from pg-100.db.default.svc.cluster.local on follow the same pattern and are not listed`] : []);
    }
  });

  test('ExternalName is a CNAME; --cluster-domain changes the zone', () => {
    const dir = projectDir({ 'x.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: ext, namespace: prod}\nspec: {type: ExternalName, externalName: db.example.com}\n' });
    const r = svcgen(['explain', '--cluster-domain', 'corp.internal', '-o', 'json', dir]);
    const s = (JSON.parse(r.stdout) as Explanation).services[0];
    expect(s.dns).toEqual([{ name: 'ext.prod.svc.corp.internal', type: 'CNAME', value: 'db.example.com', shortForms: ['ext (from namespace prod)', 'ext.prod', 'ext.prod.svc'] }]);
    expect(s.env).toBeNull();
  });

  test('selector-less headless Service: the hand-written endpoints and their hostnames', () => {
    const e = explainYaml(`apiVersion: v1
kind: Service
metadata: {name: legacy}
spec: {clusterIP: None, ports: [{port: 3306}]}
---
apiVersion: v1
kind: Endpoints
metadata: {name: legacy}
subsets: [{addresses: [{ip: 10.0.0.5, hostname: primary}], ports: [{port: 3306}]}]
`);
    const s = svc(e, 'legacy');
    expect(s.dns.map((r) => r.name)).toEqual(['legacy.default.svc.cluster.local', 'primary.legacy.default.svc.cluster.local']);
    expect(s.ports[0].chain).toBe('10.0.0.5:3306 (hand-written endpoints)');
    expect(s.ports[0].broken).toEqual([]);
  });

  test('every seed example: the names match the cluster DNS specification', () => {
    const files = fs.readdirSync(SEED_DIR, { recursive: true }).map(String).filter((f) => /\.ya?ml$/.test(f));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const text = fs.readFileSync(path.join(SEED_DIR, f), 'utf8');
      const placed = placedObjects([{ file: f, text }]);
      const e = explain(placed);
      const ours = e.services.flatMap((s) => s.dns.map((r) => `${r.type === 'A/AAAA' || r.type === 'AAAA' ? 'A' : r.type} ${r.name}`)).sort();
      const spec = specRecords(placed.map((p) => p.obj)).map((r) => `${r.type} ${r.name}`).sort();
      expect({ f, names: ours }).toEqual({ f, names: spec });
    }
  });
});

describe('svcgen explain: environment variables (pkg/kubelet/envvars rules)', () => {
  test('named ports, the first port\'s short names, UDP, and an IPv6 cluster IP in brackets', () => {
    const vars = serviceEnvVars('my-svc', 'fd00::10', [
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'metrics', port: 9153 },
    ]);
    expect(Object.fromEntries(vars.map((v) => [v.name, v.value]))).toEqual({
      MY_SVC_SERVICE_HOST: 'fd00::10',
      MY_SVC_SERVICE_PORT: '53',
      MY_SVC_SERVICE_PORT_DNS: '53',
      MY_SVC_SERVICE_PORT_METRICS: '9153',
      MY_SVC_PORT: 'udp://[fd00::10]:53',
      MY_SVC_PORT_53_UDP: 'udp://[fd00::10]:53',
      MY_SVC_PORT_53_UDP_PROTO: 'udp',
      MY_SVC_PORT_53_UDP_PORT: '53',
      MY_SVC_PORT_53_UDP_ADDR: 'fd00::10',
      MY_SVC_PORT_9153_TCP: 'tcp://[fd00::10]:9153',
      MY_SVC_PORT_9153_TCP_PROTO: 'tcp',
      MY_SVC_PORT_9153_TCP_PORT: '9153',
      MY_SVC_PORT_9153_TCP_ADDR: 'fd00::10',
    });
  });

  test('who gets them: enableServiceLinks false never, a bare Pod applied before the Service never, other namespaces never', () => {
    const e = explainYaml(`apiVersion: v1
kind: Pod
metadata: {name: early}
spec: {containers: [{name: c, image: busybox}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
${DEPLOY('web', 'app: web', '        - {name: web, image: nginx}')}${DEPLOY('quiet', 'app: quiet', '        - {name: q, image: busybox}', '\n      enableServiceLinks: false')}apiVersion: apps/v1
kind: Deployment
metadata: {name: other, namespace: elsewhere}
spec:
  selector: {matchLabels: {app: o}}
  template:
    metadata: {labels: {app: o}}
    spec: {containers: [{name: o, image: busybox}]}
`);
    const env = svc(e, 'web').env!;
    expect(env.receivers).toEqual(['Deployment/default/web']);
    expect(env.excluded).toEqual([
      { workload: 'Pod/default/early', reason: expect.stringMatching(/bare Pod applied before this Service: it is never re-created/) },
      { workload: 'Deployment/default/quiet', reason: 'enableServiceLinks: false' },
    ]);
  });
});

describe('svcgen explain: broken links', () => {
  test('a targetPort name no container declares', () => {
    const e = explainYaml(`${DEPLOY('web', 'app: web', '        - {name: web, image: nginx, ports: [{name: http, containerPort: 80}]}')}apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: htpp}]}
`);
    const p = svc(e, 'web').ports[0];
    expect(p.broken).toEqual(['no container of Deployment web declares a port named "htpp": the Service has no endpoints for this port']);
    expect(p.chain).toBe('80 -> htpp -> (nothing)');
    expect(e.problems).toEqual([expect.objectContaining({ severity: 'warning', rule: 'target-port-name', object: 'Service/default/web', place: { file: 'app.yaml', line: 15 } })]);
  });

  test('a named targetPort that resolves: port -> name -> number (container)', () => {
    const e = explainYaml(`${DEPLOY('web', 'app: web', '        - {name: web, image: nginx, ports: [{name: http, containerPort: 8080}]}')}apiVersion: v1
kind: Service
metadata: {name: web}
spec: {type: NodePort, selector: {app: web}, ports: [{port: 80, targetPort: http, nodePort: 30080}]}
`);
    expect(svc(e, 'web').ports[0].chain).toBe('node port (fixed 30080) -> 80 -> http -> 8080 (container web)');
    expect(e.problems).toEqual([]);
  });

  test('a probe on a port name that does not exist', () => {
    const e = explainYaml(DEPLOY('web', 'app: web', '        - {name: web, image: nginx, ports: [{name: http, containerPort: 80}], readinessProbe: {httpGet: {path: /, port: web}}}'));
    expect(e.problems).toEqual([
      expect.objectContaining({ rule: 'probe-port-name', object: 'Deployment/default/web', message: expect.stringContaining('readinessProbe.httpGet.port "web" is not a port name of the container (http): the probe fails') }),
    ]);
  });

  test('a published port with nothing behind it (the selector matches no Pods)', () => {
    const e = explainYaml(`${DEPLOY('web', 'app: web', '        - {name: web, image: nginx}')}apiVersion: v1
kind: Service
metadata: {name: web}
spec: {type: LoadBalancer, selector: {app: wbe}, ports: [{port: 80}]}
`);
    const s = svc(e, 'web');
    expect(s.ports[0].broken).toEqual(['the selector app=wbe matches no Pod template in the input: nothing is behind this port']);
    expect(s.external).toEqual(["every node's address, port (allocated, 30000-32767)/TCP -> 80", "the load balancer's address (provisioned by the cloud provider), port 80/TCP"]);
    expect(e.problems.map((p) => p.rule)).toEqual(['nothing-behind']);
  });

  test('a selector-less Service with no endpoints', () => {
    const e = explainYaml('apiVersion: v1\nkind: Service\nmetadata: {name: ext}\nspec: {ports: [{port: 5432}]}\n');
    expect(svc(e, 'ext').ports[0].broken[0]).toMatch(/no selector and no Endpoints or EndpointSlice/);
    expect(e.problems.map((p) => p.rule)).toEqual(['nothing-behind']);
  });

  test('a host name no Service answers (compose name db, Service myapp-db), with the likely one', () => {
    const e = explainYaml(`${DEPLOY('api', 'app: api', '        - {name: api, image: api, env: [{name: DB_HOST, value: db}, {name: CACHE_URL, value: "redis://cache:6379/0"}, {name: HOST, value: "0.0.0.0"}, {name: TZ, value: utc}]}')}${DEPLOY('myapp-db', 'app: db', '        - {name: db, image: postgres}')}apiVersion: v1
kind: Service
metadata: {name: myapp-db}
spec: {selector: {app: db}, ports: [{port: 5432}]}
`);
    expect(e.edges.map((x) => [x.via, x.host, x.to])).toEqual([
      ['env DB_HOST', 'db', null],
      ['env CACHE_URL', 'cache', null],
    ]);
    const messages = e.problems.filter((p) => p.rule === 'unknown-host').map((p) => p.message);
    expect(messages[0]).toBe('env DB_HOST refers to host "db", which no Service of the input answers from namespace default (did you mean "myapp-db"?); the name fails to resolve unless something else provides it');
    expect(messages[1]).toMatch(/refers to host "cache"/);
  });

  test('a reference on a port the Service does not have; a scheme\'s default port', () => {
    const e = explainYaml(`${DEPLOY('web', 'app: web', '        - {name: web, image: web, env: [{name: API_URL, value: "http://api:8080/v1"}, {name: API2, value: "http://api/v1"}]}')}${DEPLOY('api', 'app: api', '        - {name: api, image: api}')}apiVersion: v1
kind: Service
metadata: {name: api}
spec: {selector: {app: api}, ports: [{port: 80, targetPort: 8080}]}
`);
    expect(e.edges.map((x) => [x.via, x.port, x.ok])).toEqual([
      ['env API_URL', 8080, false],
      ['env API2', 80, true],
    ]);
    expect(e.problems.map((p) => p.message)).toEqual(['env API_URL refers to api:8080: port 8080 is not a port of Service api (80): the connection is refused or times out']);
  });

  test('an Ingress is a way in from outside; a path to a port or Service that does not exist is a warning', () => {
    const e = explainYaml(`${DEPLOY('web', 'app: web', '        - {name: web, image: web, ports: [{name: http, containerPort: 8080}]}')}apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: http}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop}
spec:
  ingressClassName: nginx
  tls: [{hosts: [shop.example.com], secretName: shop-tls}]
  rules:
  - host: shop.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}]}
  - host: admin.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 8080}}}}, {path: /api, pathType: Prefix, backend: {service: {name: wbe, port: {number: 80}}}}]}
`);
    expect(svc(e, 'web').external).toEqual(['Ingress shop: https://shop.example.com/ -> 80 (http), through the ingress controller (class nginx)']);
    expect(e.problems.map((p) => [p.rule, p.object, p.message])).toEqual([
      ['ingress-port', 'Service/default/web', 'Ingress shop routes http://admin.example.com/ to port 8080, which this Service does not have (its ports: http (80)): the controller answers 503'],
      ['ingress-backend', 'Ingress/default/shop', 'routes http://admin.example.com/api to Service "wbe", which is not in the input (did you mean "web"?): the controller answers 503 unless it is created elsewhere'],
    ]);
  });

  test('--strict exits 1 on broken links, 0 without', () => {
    const dir = projectDir({ 'a.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: ext}\nspec: {ports: [{port: 5432}]}\n' });
    expect(svcgen(['explain', dir]).code).toBe(0);
    expect(svcgen(['explain', '--strict', dir]).code).toBe(1);
    expect(svcgen(['explain', '--strict', GO_DEMO_2]).code).toBe(0);
  });
});

describe('svcgen explain: references', () => {
  test('URLs, host:port lists, bare names only under host-like keys; no IPs, wildcards or ports as hosts', () => {
    const hosts = (v: string, k = false) => referencesIn(v, k).map((r) => `${r.host}${r.port ? `:${r.port}` : ''}`);
    expect(hosts('mongodb://u@a:27017,b:27018/db')).toEqual(['a:27017', 'b:27018']);
    expect(hosts('--peer=etcd1:2380 --other=10.0.0.1:80')).toEqual(['etcd1:2380']);
    expect(hosts('http://+:80')).toEqual([]);
    expect(hosts('8443:8443')).toEqual([]);
    expect(hosts('nginx:1.25')).toEqual([]);
    expect(hosts('db', true)).toEqual(['db']);
    expect(hosts('db', false)).toEqual([]);
    expect(hosts('kafka-0,kafka-1', true)).toEqual(['kafka-0', 'kafka-1']);
  });

  test('references through ConfigMaps (env and mounted files) and namespaced names; secret-looking values are not printed', () => {
    const e = explainYaml(`apiVersion: v1
kind: ConfigMap
metadata: {name: conf, namespace: shop}
data:
  API: api.backend
  nginx.conf: "location / { proxy_pass http://web:8080; }"
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: proxy, namespace: shop}
spec:
  selector: {matchLabels: {app: proxy}}
  template:
    metadata: {labels: {app: proxy}}
    spec:
      volumes: [{name: c, configMap: {name: conf}}]
      containers:
        - name: proxy
          image: nginx
          envFrom: [{configMapRef: {name: conf}}]
          env: [{name: DATABASE_URL, value: "postgres://shop:s3cr3tP4ss@db.backend:5432/shop"}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: proxy}, ports: [{port: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: backend}
spec: {selector: {app: db}, ports: [{port: 5432}]}
`);
    expect(e.edges.map((x) => [x.via, x.to, x.port])).toEqual([
      ['env DATABASE_URL', 'Service/backend/db', 5432],
      ['env nginx.conf (ConfigMap conf)', 'Service/shop/web', 8080],
      ['ConfigMap conf key nginx.conf (mounted)', 'Service/shop/web', 8080],
    ]);
    expect(e.edges[0].value).toBeUndefined();
    expect(toText(e)).not.toContain('s3cr3tP4ss');
  });
});

describe('svcgen explain: outputs', () => {
  const e = explainYaml(fs.readFileSync(GO_DEMO_2, 'utf8'), GO_DEMO_2);

  test('json: the documented schema, stable field order', () => {
    const r = svcgen(['explain', '-o', 'json', GO_DEMO_2]);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['schema', 'clusterDomain', 'services', 'workloads', 'edges', 'problems']);
    expect(j.schema).toBe('svcgen.dev/explain/v1');
    expect(Object.keys(j.services[0])).toEqual(['id', 'name', 'namespace', 'type', 'headless', 'clusterIP', 'selector', 'selects', 'endpoints', 'dns', 'env', 'ports', 'external', 'traffic', 'place']);
    // every field the docs name is in the docs
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'explain.md'), 'utf8');
    for (const k of [...Object.keys(j), ...Object.keys(j.services[0]), ...Object.keys(j.services[0].ports[0]), ...Object.keys(j.edges[0]), ...Object.keys(j.workloads[0]), ...Object.keys(j.problems[0])]) {
      expect({ k, documented: doc.includes(`\`${k}\``) || doc.includes(`\`${k}[]\``) }).toEqual({ k, documented: true });
    }
  });

  test('mermaid and dot: a node per workload and Service, an edge per reference and selection', () => {
    const g = graphOf(e);
    expect(g.nodes.filter((n) => n.kind === 'workload')).toHaveLength(2);
    expect(g.nodes.filter((n) => n.kind === 'service')).toHaveLength(2);
    expect(g.edges.filter((x) => x.kind === 'refers').map((x) => `${x.from} -> ${x.to} ${x.label}`)).toEqual(['ReplicaSet/default/go-demo-2-api -> Service/default/go-demo-2-db 27017']);
    const mermaid = toMermaid(e);
    expect(mermaid.startsWith('flowchart LR\n')).toBe(true);
    expect(mermaid).toContain('n1 -->|"27017"| n2'); // the api ReplicaSet -> the db Service
    const dot = toDot(e);
    expect(dot).toContain('"ReplicaSet/default/go-demo-2-api" -> "Service/default/go-demo-2-db" [label="27017"]');
    expect(dot.trim().endsWith('}')).toBe(true);
  });

  test('html: one self-contained page with the SVG and the text, no scripts, nothing fetched', () => {
    const html = toHtml(e, 'go-demo-2');
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="topology"');
    expect(html.match(/<g class="node"/g)).toHaveLength(g(e).nodes.length);
    expect(html.match(/<g class="edge"/g)).toHaveLength(g(e).edges.length);
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(http/);
    expect(html).toContain('GO_DEMO_2_DB_SERVICE_HOST=&lt;allocated&gt;');
  });

  test('same input, same bytes (every format)', () => {
    for (const o of ['text', 'json', 'mermaid', 'dot', 'html']) {
      const a = svcgen(['explain', '-o', o, GO_DEMO_2]).stdout;
      expect(a.length).toBeGreaterThan(100);
      expect(svcgen(['explain', '-o', o, GO_DEMO_2]).stdout).toBe(a);
    }
  });

  test('maps with a key named toString or valueOf where text is expected: explained, in every format, not a crash (found by fuzzing)', () => {
    const dir = projectDir({
      'odd.yaml': [
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: {toString: 5}, namespace: {valueOf: 1, toString: x}}',
        'spec: {type: {toString: 1}, selector: {app: a, toString: b}, ports: [{port: 80, name: {valueOf: 2}, protocol: {toString: 3}}]}',
        '---',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: web, labels: {toString: x}}',
        'spec: {selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: a, toString: b}}, spec: {containers: [{name: {toString: 1}, image: nginx, ports: [{containerPort: 80, name: {valueOf: 1}}], env: [{name: DB, value: {toString: 2}}]}]}}}',
        '---',
        'kind: constructor',
        'metadata: {name: {toString: 5}}',
        '',
      ].join('\n'),
    });
    for (const o of ['text', 'json', 'mermaid', 'dot', 'html']) {
      const r = svcgen(['explain', '-o', o, path.join(dir, 'odd.yaml')]);
      expect([o, r.code, r.stderr]).toEqual([o, 0, '']);
      expect(r.stdout.length).toBeGreaterThan(50);
    }
    // the data is unchanged: the label key toString is still a label
    const e = explain(placedObjects([{ file: 'odd.yaml', text: fs.readFileSync(path.join(dir, 'odd.yaml'), 'utf8') }]));
    expect(e.services[0].selector).toEqual({ app: 'a', toString: 'b' });
  });

  test('an Ingress whose name is not a string (a number) still gets its ingress-backend warning at its line (found by fuzzing)', () => {
    const text = [
      'apiVersion: networking.k8s.io/v1',
      'kind: Ingress',
      'metadata: {name: 9007199254740992}',
      'spec: {rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: shop, port: {number: 80}}}}]}}]}',
      '',
    ].join('\n');
    const e = explain(placedObjects([{ file: 'ing.yaml', text }]));
    expect(e.problems.map((p) => [p.rule, p.object, p.place])).toEqual([['ingress-backend', 'Ingress/default/9007199254740992', { file: 'ing.yaml', line: 1 }]]);
  });

  test('stdin, usage errors and YAML errors: one message, the right exit code', () => {
    expect(svcgen(['explain', '-'], { input: fs.readFileSync(GO_DEMO_2, 'utf8') }).stdout).toContain('Service go-demo-2-api');
    expect(svcgen(['explain']).code).toBe(2);
    const bad = svcgen(['explain', '-o', 'png', GO_DEMO_2]);
    expect([bad.code, bad.stderr]).toEqual([2, 'svcgen: error: --output png: use one of text, json, mermaid, dot, html\n']);
    const dir = projectDir({ 'a.yaml': 'kind: Service\nmetadata: {name: x\n' });
    const y = svcgen(['explain', path.join(dir, 'a.yaml')]);
    expect(y.code).toBe(1);
    expect(y.stderr).toMatch(/a\.yaml:3:1: .*fix the YAML/);
    expect(y.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('svcgen convert --explain', () => {
  const rsshub = path.join(ROOT, 'test', 'fixtures', 'compose', 'jetsung-awesome-compose', 'rsshub');

  test('prints the explanation of the converted app instead of the manifests', () => {
    const r = svcgen(['convert', path.join(ROOT, 'test', 'fixtures', 'compose', 'jetsung-awesome-compose', 'woodpecker'), '--explain']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('apiVersion:');
    expect(r.stdout).toContain('Service woodpecker-server: ClusterIP'); // the container_name, as Docker's DNS answers it
    // a real migration break of the corpus: Compose containers reach every port of each other, a
    // Service only its declared ones; the agent talks gRPC on 9000, which the compose file never lists
    expect(r.stdout).toMatch(/<converted>:\d+: warning: Deployment agent: env WOODPECKER_SERVER \(ConfigMap agent-env\) refers to woodpecker-server:9000: port 9000 is not a port of Service woodpecker-server \(8000\)/);
  });

  test('with -o, writes the manifests and explains them where they were written; a format can be given', () => {
    const dir = projectDir({});
    const r = svcgen(['convert', rsshub, '-o', path.join(dir, 'out'), '--explain', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Explanation;
    expect(j.services.map((s) => s.place.file)).toEqual(j.services.map((s) => path.join(dir, 'out', `${s.name}-service.yaml`)));
    expect(fs.existsSync(path.join(dir, 'out', 'rsshub-service.yaml'))).toBe(true);
    expect(svcgen(['convert', rsshub, '--explain', 'pdf']).stderr).toBe('svcgen: error: --explain pdf: use one of text, json, mermaid, dot, html\n');
  });

  test('piping: svcgen convert | svcgen explain - gives the same Services', () => {
    const yaml = svcgen(['convert', rsshub]).stdout;
    const piped = JSON.parse(svcgen(['explain', '-o', 'json', '-'], { input: yaml }).stdout) as Explanation;
    const direct = JSON.parse(svcgen(['convert', rsshub, '--explain', 'json']).stdout) as Explanation;
    expect(piped.services.map((s) => s.dns)).toEqual(direct.services.map((s) => s.dns));
    expect(piped.edges.length).toBe(direct.edges.length);
  });
});

function g(e: Explanation) {
  return graphOf(e);
}

describe('svcgen explain: every converted compose corpus app', () => {
  test('explain runs on each, and its DNS names follow the specification', () => {
    let apps = 0;
    let edges = 0;
    for (const app of COMPOSE_APPS) {
      if (app.refused) continue;
      const r = convertApp(app);
      const text = toMultiDocYaml(r.objects as Record<string, unknown>[]);
      const placed = placedObjects([{ file: app.name, text }]);
      const e = explain(placed);
      apps++;
      edges += e.edges.length;
      expect(toText(e).length).toBeGreaterThan(0);
      const ours = e.services.flatMap((s) => s.dns.map((x) => `${x.type === 'A/AAAA' || x.type === 'AAAA' ? 'A' : x.type} ${x.name}`)).sort();
      expect({ app: app.name, names: ours }).toEqual({ app: app.name, names: specRecords(placed.map((p) => p.obj)).map((x) => `${x.type} ${x.name}`).sort() });
    }
    expect(apps).toBeGreaterThan(130);
    expect(edges).toBeGreaterThan(50);
  });
});
