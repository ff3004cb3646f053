import * as fs from 'fs';
import * as path from 'path';
import { convertCompose, formatWarning, jsonList, jsonListPieces } from '../../lib/compose';
import { SEED_DIR } from '../helpers/seed';
import { tmpDir } from '../helpers/cli';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function convert(yaml: string, opts: Obj = {}, extraFiles: Record<string, string> = {}) {
  const dir = tmpDir('svcgen-convert-');
  fs.writeFileSync(path.join(dir, 'compose.yaml'), yaml);
  for (const [f, c] of Object.entries(extraFiles)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), c);
  }
  const r = convertCompose([path.join(dir, 'compose.yaml')], { env: {}, projectName: 'shop', ...opts });
  const get = (kind: string, name: string) => r.objects.find((o: Obj) => o.kind === kind && o.metadata.name === name) as Obj;
  return { ...r, get, warnings: r.plan.warnings.map((w) => `${w.service ?? ''}|${w.key}|${w.message}`) };
}
const c0 = (o: Obj) => o.spec.template.spec.containers[0];

describe('go-demo-2-swarm.yml converts to the topology of go-demo-2.yml', () => {
  const file = path.join(SEED_DIR, 'go-demo-2', 'go-demo-2-swarm.yml');

  test('api: 3 replicas, DB=db, NodePort Service api on 8080; db: a Service db that resolves', () => {
    const r = convertCompose([file], { env: {} });
    const get = (kind: string, name: string) => r.objects.find((o: Obj) => o.kind === kind && o.metadata.name === name) as Obj;
    expect(get('Deployment', 'api').spec.replicas).toBe(3);
    expect(c0(get('Deployment', 'api')).env).toEqual([{ name: 'DB', value: 'db' }]);
    expect(get('Service', 'api').spec).toMatchObject({ type: 'NodePort', ports: [{ port: 8080 }] });
    // no port declared: a headless Service, so the name db resolves straight to the Pods
    expect(get('Service', 'db').spec).toEqual({ clusterIP: 'None', selector: get('Deployment', 'db').spec.selector.matchLabels });
  });

  test('with --controller replicaset the kinds are the seed\'s', () => {
    const r = convertCompose([file], { env: {}, controller: 'replicaset', networkPolicies: false });
    expect(r.objects.map((o: Obj) => o.kind).sort()).toEqual(['ReplicaSet', 'ReplicaSet', 'Service', 'Service']);
  });
});

describe('ports', () => {
  test('short syntax: published, random, ranges, protocols; container ports and Service ports', () => {
    const { get, warnings } = convert('services:\n  web:\n    image: nginx\n    ports: ["8080:80", "30080:81", "443", "9000-9001:9000-9001", "53:53/udp"]\n');
    expect(c0(get('Deployment', 'web')).ports).toEqual([
      { containerPort: 80 }, { containerPort: 81 }, { containerPort: 443 }, { containerPort: 9000 }, { containerPort: 9001 }, { containerPort: 53, protocol: 'UDP' },
    ]);
    expect(get('Service', 'web').spec).toMatchObject({
      type: 'NodePort',
      ports: [
        { name: 'tcp-80', port: 80 },
        { name: 'tcp-81', port: 81, nodePort: 30080 },
        { name: 'tcp-443', port: 443 },
        { name: 'tcp-9000', port: 9000 },
        { name: 'tcp-9001', port: 9001 },
        { name: 'udp-53', port: 53, protocol: 'UDP' },
      ],
    });
    expect(warnings).toContain('web|ports|published port 8080 is outside the node-port range 30000-32767: the cluster allocates the nodePort; inside the cluster the Service listens on 80, the container port, as Compose services reach each other');
  });

  test('services reach each other on the container port, as in Compose: the published port is the node port or the load balancer\'s', () => {
    const np = convert('services:\n  web:\n    image: nginx\n    ports: ["31080:80", "8080:80"]\n');
    expect(np.get('Service', 'web').spec.ports).toEqual([{ port: 80, nodePort: 31080 }]);
    expect(np.warnings).toContain('web|ports|published port 8080 maps to container port 80 too, which the Service already has: one node port serves both');
    const lb = convert('services:\n  web:\n    image: nginx\n    ports: ["8080:80", "443:443", "9053:53/udp"]\n', { publishAs: 'loadbalancer' });
    expect(lb.get('Service', 'web').spec).toEqual(expect.objectContaining({
      type: 'LoadBalancer',
      ports: [
        { name: 'tcp-80', port: 80 },
        { name: 'tcp-443', port: 443 },
        { name: 'udp-53', port: 53, protocol: 'UDP' },
        { name: 'tcp-8080', port: 8080, targetPort: 80 },
        { name: 'udp-9053', port: 9053, targetPort: 53, protocol: 'UDP' },
      ],
    }));
  });

  test('long syntax with name, app_protocol, host_ip and mode host', () => {
    const { get, warnings } = convert(
      'services:\n  web:\n    image: nginx\n    ports:\n      - {target: 80, published: "8080", name: web, app_protocol: http, host_ip: 127.0.0.1}\n      - {target: 9090, published: "9090", mode: host}\n',
    );
    expect(c0(get('Deployment', 'web')).ports).toEqual([{ containerPort: 80 }, { containerPort: 9090, hostPort: 9090 }]);
    expect(get('Service', 'web').spec.ports).toEqual([
      { name: 'web', appProtocol: 'http', port: 80 },
      { name: 'tcp-9090', port: 9090 },
    ]);
    // published on 127.0.0.1 only: kept inside the cluster, not a NodePort on every node
    expect(get('Service', 'web').spec.type).toBeUndefined();
    expect(warnings.some((w) => w.includes('127.0.0.1:8080:80: published for this host only, so not on every node'))).toBe(true);
  });

  test('expose only: a ClusterIP Service', () => {
    expect(convert('services:\n  db:\n    image: postgres\n    expose: ["5432"]\n').get('Service', 'db').spec).toMatchObject({ ports: [{ port: 5432 }] });
  });

  test('--publish-as and the kompose label choose the Service type', () => {
    expect(convert('services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n', { publishAs: 'loadbalancer' }).get('Service', 'web').spec.type).toBe('LoadBalancer');
    const k = convert('services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n    labels: {kompose.service.type: clusterip}\n');
    expect(k.get('Service', 'web').spec.type).toBeUndefined();
    const np = convert('services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n    labels:\n      kompose.service.nodeport.port: "30123"\n');
    expect(np.get('Service', 'web').spec.ports[0].nodePort).toBe(30123);
  });
});

describe('healthcheck -> probes that run', () => {
  test.each([
    ['["CMD", "curl", "-f", "http://localhost"]', { exec: { command: ['curl', '-f', 'http://localhost'] } }],
    ['["CMD-SHELL", "curl -f http://localhost || exit 1"]', { exec: { command: ['sh', '-c', 'curl -f http://localhost || exit 1'] } }],
    ['"pg_isready -U postgres"', { exec: { command: ['sh', '-c', 'pg_isready -U postgres'] } }],
  ])('test %s', (test, handler) => {
    const { get } = convert(`services:\n  db:\n    image: postgres\n    healthcheck:\n      test: ${test}\n      interval: 1m30s\n      timeout: 10s\n      retries: 3\n`);
    const c = c0(get('Deployment', 'db'));
    expect(c.readinessProbe).toEqual({ ...handler, periodSeconds: 90, timeoutSeconds: 10, failureThreshold: 3 });
    expect(c.livenessProbe).toEqual(c.readinessProbe);
  });

  test('start_period becomes a startup probe; NONE and disable make none', () => {
    const { get } = convert('services:\n  a:\n    image: x\n    healthcheck: {test: "true", interval: 5s, start_period: 30s}\n  b:\n    image: x\n    healthcheck: {test: ["NONE"]}\n  c:\n    image: x\n    healthcheck: {disable: true}\n');
    expect(c0(get('Deployment', 'a')).startupProbe).toEqual({ exec: { command: ['sh', '-c', 'true'] }, periodSeconds: 5, failureThreshold: 9 });
    expect(c0(get('Deployment', 'b')).readinessProbe).toBeUndefined();
    expect(c0(get('Deployment', 'c')).livenessProbe).toBeUndefined();
  });
});

describe('deploy', () => {
  test('global -> DaemonSet; dnsrr -> headless; replicated-job -> Job', () => {
    const { get } = convert(
      'services:\n  agent:\n    image: a\n    deploy: {mode: global}\n  peers:\n    image: p\n    ports: ["7000"]\n    deploy: {endpoint_mode: dnsrr}\n  migrate:\n    image: m\n    deploy: {mode: replicated-job}\n',
    );
    expect(get('DaemonSet', 'agent')).toBeDefined();
    expect(get('Service', 'peers').spec.clusterIP).toBe('None');
    expect(get('Service', 'peers-published').spec.type).toBe('NodePort');
    expect(get('Job', 'migrate').spec.template.spec.restartPolicy).toBe('OnFailure');
    expect(get('Service', 'migrate')).toBeUndefined();
  });

  test('resources, placement, update_config, labels', () => {
    const { get, warnings } = convert(
      [
        'services:',
        '  web:',
        '    image: nginx',
        '    deploy:',
        '      labels: [tier=front]',
        '      resources: {limits: {cpus: "0.5", memory: 512M}, reservations: {cpus: "0.25", memory: 128m}}',
        '      placement:',
        '        constraints: ["node.role == manager", "node.labels.disk==ssd", "node.platform.os != windows", "engine.labels.x == y", "node.role == worker"]',
        '        preferences: [{spread: node.labels.zone}]',
        '      update_config: {parallelism: 2, order: start-first, delay: 10s}',
        '',
      ].join('\n'),
    );
    const d = get('Deployment', 'web');
    expect(d.metadata.labels.tier).toBe('front');
    expect(c0(d).resources).toEqual({ requests: { cpu: '250m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } });
    expect(d.spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions).toEqual([
      { key: 'disk', operator: 'In', values: ['ssd'] },
      { key: 'kubernetes.io/os', operator: 'NotIn', values: ['windows'] },
      { key: 'node-role.kubernetes.io/control-plane', operator: 'DoesNotExist' },
    ]);
    // bound to the manager, the Pods would stay Pending (a tainted control plane, or none on a managed cluster)
    expect(warnings.some((w) => w.startsWith('web|deploy.placement.constraints|"node.role == manager" is not converted'))).toBe(true);
    expect(d.spec.template.spec.topologySpreadConstraints[0]).toMatchObject({ topologyKey: 'zone', maxSkew: 1 });
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 2, maxUnavailable: 0 } });
    expect(warnings).toContain('web|deploy.placement.constraints|"engine.labels.x == y" has no node-label equivalent; not converted');
    expect(warnings.some((w) => w.startsWith('web|deploy.update_config|delay'))).toBe(true);
  });
});

describe('environment, files, secrets, volumes', () => {
  test('environment list and map; a key without a value takes the environment\'s or is reported', () => {
    const r = convert('services:\n  web:\n    image: nginx\n    environment: [A=1, FROM_ENV, MISSING]\n', { env: { FROM_ENV: 'x' } });
    expect(c0(r.get('Deployment', 'web')).env).toEqual([{ name: 'A', value: '1' }, { name: 'FROM_ENV', value: 'x' }]);
    expect(r.warnings).toContain('web|environment|MISSING has no value here or in the environment; it is left out (set it, or give it a value)');
  });

  test('env_file: a ConfigMap, and secret-looking keys in a Secret, never in the ConfigMap', () => {
    const r = convert('services:\n  web:\n    image: nginx\n    env_file: web.env\n', {}, { 'web.env': 'MODE=prod\nDB_PASSWORD=hunter2\n' });
    expect(r.get('ConfigMap', 'web-env').data).toEqual({ MODE: 'prod' });
    expect(r.get('Secret', 'web-env-secret').stringData).toEqual({ DB_PASSWORD: 'hunter2' });
    expect(c0(r.get('Deployment', 'web')).envFrom).toEqual([{ configMapRef: { name: 'web-env' } }, { secretRef: { name: 'web-env-secret' } }]);
    expect(r.warnings.join('\n')).not.toContain('hunter2');
  });

  test('secrets and configs: objects from their files, mounted at /run/secrets/<name> or their target', () => {
    const r = convert(
      'services:\n  web:\n    image: nginx\n    secrets: [db_password]\n    configs: [{source: site, target: /etc/nginx/conf.d/site.conf}]\nsecrets:\n  db_password: {file: db/password.txt}\nconfigs:\n  site: {file: site.conf}\n',
      {},
      { 'db/password.txt': 's3cret', 'site.conf': 'server {}' },
    );
    expect(r.get('Secret', 'db-password').stringData).toEqual({ db_password: 's3cret' });
    expect(r.get('ConfigMap', 'site').data).toEqual({ site: 'server {}' });
    expect(c0(r.get('Deployment', 'web')).volumeMounts).toEqual([
      { name: 'config-site', mountPath: '/etc/nginx/conf.d/site.conf', subPath: 'site', readOnly: true },
      { name: 'secret-db-password', mountPath: '/run/secrets/db_password', subPath: 'db_password', readOnly: true },
    ]);
  });

  test('named volumes -> PersistentVolumeClaims (size by option or kompose label); bind mounts and tmpfs reported', () => {
    const r = convert(
      'services:\n  db:\n    image: postgres\n    volumes: [data:/var/lib/postgresql/data, ./init:/docker-entrypoint-initdb.d, /var/run/docker.sock:/var/run/docker.sock:ro]\n    tmpfs: [/tmp]\nvolumes:\n  data:\n    labels: {kompose.volume.size: 5Gi}\n',
    );
    expect(r.get('PersistentVolumeClaim', 'data').spec.resources.requests.storage).toBe('5Gi');
    expect(r.get('Deployment', 'db').spec.template.spec.volumes).toEqual([
      { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
      { name: 'db-bind-1', emptyDir: {} },
      { name: 'db-bind-2', hostPath: { path: '/var/run/docker.sock' } },
      { name: 'db-tmpfs-0', emptyDir: { medium: 'Memory' } },
    ]);
    expect(r.warnings.filter((w) => w.startsWith('db|volumes|'))).toHaveLength(3);
    // a ReadWriteOnce claim: Recreate, never two Pods on it during an update
    expect(r.get('Deployment', 'db').spec.strategy).toEqual({ type: 'Recreate' });
  });
});

describe('names, aliases and the rest', () => {
  test('front_end becomes front-end everywhere, with a warning, and env values that still use the old name are reported', () => {
    const r = convert('services:\n  front_end:\n    image: nginx\n    ports: ["80"]\n  api:\n    image: api\n    environment: {UPSTREAM: "http://front_end:80"}\n    command: ["wait-for", "front_end:80"]\n');
    expect(r.get('Service', 'front-end')).toBeDefined();
    expect(r.warnings).toContain('front_end|name|service "front_end" is not a valid Kubernetes name; its objects and its DNS name are "front-end"');
    expect(r.warnings).toContain('api|environment|UPSTREAM still names service "front_end", which is "front-end" in Kubernetes: change the value');
    expect(r.warnings).toContain('api|command|still names service "front_end", which is "front-end" in Kubernetes: change it');
  });

  test('links and network aliases become extra names for the same Pods', () => {
    const r = convert('services:\n  db:\n    image: postgres\n    expose: ["5432"]\n    networks: {back: {aliases: [database]}}\n  web:\n    image: nginx\n    links: ["db:pg"]\nnetworks:\n  back: {}\n');
    expect(r.get('Service', 'database').spec.selector).toEqual(r.get('Service', 'db').spec.selector);
    expect(r.get('Service', 'pg')).toBeDefined();
  });

  test('pod and container settings', () => {
    const r = convert(
      'services:\n  web:\n    image: nginx\n    user: "1000:2000"\n    cap_add: [NET_ADMIN]\n    cap_drop: [ALL]\n    privileged: true\n    read_only: true\n    stdin_open: true\n    tty: true\n    working_dir: /app\n    hostname: web1\n    extra_hosts: ["db.local:10.0.0.5"]\n    dns: [1.1.1.1]\n    dns_search: [corp.local]\n    sysctls: {net.core.somaxconn: "1024"}\n    stop_grace_period: 1m\n    network_mode: host\n    command: npm start --prod\n    entrypoint: ["tini", "--"]\n',
    );
    const d = r.get('Deployment', 'web');
    expect(c0(d)).toMatchObject({
      command: ['tini', '--'],
      args: ['npm', 'start', '--prod'],
      workingDir: '/app',
      stdin: true,
      tty: true,
      securityContext: { privileged: true, readOnlyRootFilesystem: true, capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] }, runAsUser: 1000, runAsGroup: 2000 },
    });
    expect(d.spec.template.spec).toMatchObject({
      hostname: 'web1',
      hostAliases: [{ ip: '10.0.0.5', hostnames: ['db.local'] }],
      dnsConfig: { nameservers: ['1.1.1.1'], searches: ['corp.local'] },
      dnsPolicy: 'None',
      securityContext: { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] },
      terminationGracePeriodSeconds: 60,
      hostNetwork: true,
    });
  });

  test('reported keys: depends_on, logging, restart (and container_name, mapped with a warning)', () => {
    const r = convert('services:\n  db:\n    image: postgres\n  web:\n    image: nginx\n    container_name: my-web\n    depends_on: [db]\n    restart: on-failure\n    logging: {driver: json-file}\n');
    const keys = r.plan.warnings.filter((w) => w.service === 'web').map((w) => w.key).sort();
    expect(keys).toEqual(['container_name', 'depends_on', 'logging', 'restart']);
  });

  test('warnings name file and line: file:line: service "x": key: message', () => {
    const r = convert('services:\n  web:\n    image: nginx\n    container_name: my-web\n');
    expect(formatWarning(r.plan.warnings[0])).toMatch(/compose\.yaml:4: service/);
    expect(formatWarning(r.plan.warnings[0]).replace(/^.*compose\.yaml/, 'compose.yaml')).toBe('compose.yaml:4: service "web": container_name: Kubernetes names the Pods itself; "my-web" resolves through a second Service that selects them, as Docker\'s DNS resolves container names');
  });

  test('container_name resolves as in Docker: a second Service of that name selects the same Pods', () => {
    const r = convert('services:\n  web:\n    image: nginx\n    container_name: my-web\n    ports: ["8080:80"]\n  db:\n    image: postgres\n    container_name: Shop_DB\n');
    expect(r.get('Service', 'my-web').spec).toEqual({ selector: r.get('Service', 'web').spec.selector, ports: [{ port: 80 }] });
    expect(r.get('Service', 'shop-db').spec).toEqual({ clusterIP: 'None', selector: r.get('Service', 'db').spec.selector });
    expect(r.warnings).toContain('db|container_name|Kubernetes names the Pods itself; "Shop_DB" is not a DNS label, so the second Service that selects them is "shop-db"');
  });

  test('namespace', () => {
    const r = convert('services:\n  web:\n    image: nginx\n    ports: ["80"]\n', { namespace: 'shop' });
    expect(r.objects.map((o: Obj) => o.metadata.namespace)).toEqual(['shop', 'shop', 'shop', 'shop']); // Deployment, Service, 2 NetworkPolicies
  });
});

describe('kompose labels', () => {
  test('controller type, image pull policy and secret, volume size and storage class; unknown ones reported', () => {
    const r = convert(
      'services:\n  db:\n    image: postgres\n    volumes: [data:/var/lib/postgresql/data]\n    labels:\n      kompose.controller.type: statefulset\n      kompose.image-pull-policy: Always\n      kompose.image-pull-secret: regcred\n      kompose.volume.size: 10Gi\n      kompose.volume.storage-class-name: fast\n      kompose.something: x\nvolumes:\n  data: {}\n',
    );
    const sts = r.get('StatefulSet', 'db');
    expect(sts.spec.serviceName).toBe('db');
    expect(c0(sts).imagePullPolicy).toBe('Always');
    expect(sts.spec.template.spec.imagePullSecrets).toEqual([{ name: 'regcred' }]);
    expect(sts.spec.volumeClaimTemplates[0].spec).toMatchObject({ storageClassName: 'fast', resources: { requests: { storage: '10Gi' } } }); // a StatefulSet: a claim per replica
    expect(r.get('Service', 'db').spec.clusterIP).toBe('None');
    expect(r.warnings).toContain('db|labels|kompose.something is a kompose label svcgen does not honour; not converted');
  });
});

describe('depends_on, network_mode service:, kompose healthcheck labels', () => {
  test('depends_on: reported, and with --wait-for-dependencies an init container per dependency', () => {
    const yaml = 'services:\n  db:\n    image: postgres\n  web:\n    image: nginx\n    depends_on: {db: {condition: service_healthy}}\n';
    expect(convert(yaml).get('Deployment', 'web').spec.template.spec.initContainers).toBeUndefined();
    const r = convert(yaml, { waitForDependencies: true });
    expect(r.get('Deployment', 'web').spec.template.spec.initContainers).toEqual([
      { name: 'wait-for-db', image: 'busybox:1.36', command: ['sh', '-c', 'until nslookup db >/dev/null 2>&1; do echo waiting for db; sleep 2; done'] },
    ]);
    expect(r.warnings.some((w) => w.startsWith('web|depends_on|start-up order is not enforced'))).toBe(true);
  });

  test('network_mode service:vpn puts the container in vpn\'s Pods; its Service selects them', () => {
    const r = convert('services:\n  vpn:\n    image: wireguard\n    ports: ["51820:51820/udp"]\n  app:\n    image: app\n    network_mode: service:vpn\n    expose: ["8080"]\n');
    const vpn = r.get('Deployment', 'vpn');
    expect(vpn.spec.template.spec.containers.map((c: Obj) => c.name)).toEqual(['vpn', 'app']);
    expect(r.get('Deployment', 'app')).toBeUndefined();
    expect(r.get('Service', 'app').spec.selector).toEqual(vpn.spec.selector.matchLabels);
  });

  test('a healthcheck without test does not hide kompose\'s probe labels (its timing applies); with neither, a warning', () => {
    const r = convert('services:\n  web:\n    image: nginx\n    healthcheck:\n      interval: 10s\n    labels:\n      kompose.service.healthcheck.readiness.http_get_path: /health\n      kompose.service.healthcheck.readiness.http_get_port: "8080"\n');
    expect(c0(r.get('Deployment', 'web')).readinessProbe).toEqual({ httpGet: { path: '/health', port: 8080 }, periodSeconds: 10 });
    const none = convert('services:\n  web:\n    image: nginx\n    healthcheck:\n      interval: 10s\n');
    expect(c0(none.get('Deployment', 'web')).readinessProbe).toBeUndefined();
    expect(none.warnings).toContain("web|healthcheck|has no test: Docker runs the image's own HEALTHCHECK, which Kubernetes does not read; no probe made (give a test, or kompose's service.healthcheck.* labels)");
  });

  test('kompose.service.healthcheck.* labels become HTTP probes', () => {
    const r = convert('services:\n  web:\n    image: nginx\n    ports: ["8080"]\n    labels:\n      kompose.service.healthcheck.readiness.http_get_path: /ready\n      kompose.service.healthcheck.readiness.http_get_port: "8080"\n');
    expect(c0(r.get('Deployment', 'web')).readinessProbe).toEqual({ httpGet: { path: '/ready', port: 8080 } });
  });
});

describe('kompose.service.expose', () => {
  test('an Ingress to the first port, with hosts and paths, TLS secret and class', () => {
    const r = convert(
      'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n    labels:\n      kompose.service.expose: "shop.example.com/api,www.example.com"\n      kompose.service.expose.tls-secret: shop-tls\n      kompose.service.expose.ingress-class-name: nginx\n',
    );
    expect(r.get('Ingress', 'web').spec).toEqual({
      ingressClassName: 'nginx',
      tls: [{ hosts: ['shop.example.com', 'www.example.com'], secretName: 'shop-tls' }],
      rules: [
        { host: 'shop.example.com', http: { paths: [{ path: '/api', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } },
        { host: 'www.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } },
      ],
    });
    const all = convert('services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n    labels: {kompose.service.expose: "true"}\n');
    expect(all.get('Ingress', 'web').spec.rules).toEqual([{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }]);
  });
});

describe('--format ts for every mapping', () => {
  test('the printed program synthesizes to exactly the converted YAML', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { printProgram } = require('../../lib/compose/emit') as typeof import('../../lib/compose/emit');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { loadApp } = require('../../lib/synth/load') as typeof import('../../lib/synth/load');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { chartsToYaml, synthesizeApp } = require('../../lib/synth/synth') as typeof import('../../lib/synth/synth');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { toMultiDocYaml } = require('../../lib/yaml/write') as typeof import('../../lib/yaml/write');
    const yaml = [
      'services:',
      '  db:',
      '    image: postgres:16',
      '    user: "999"',
      '    volumes: [data:/var/lib/postgresql/data]',
      '    healthcheck: {test: ["CMD", "pg_isready"], interval: 5s, start_period: 20s}',
      '    secrets: [pw]',
      '    deploy: {endpoint_mode: dnsrr, placement: {constraints: [node.labels.disk==ssd]}}',
      '  web:',
      '    image: nginx',
      '    pull_policy: always',
      '    ports: ["30080:80", {target: 443, published: "8443", protocol: tcp, name: https}, "53:53/udp"]',
      '    env_file: web.env',
      '    depends_on: [db]',
      '    healthcheck: {test: "curl -f localhost", timeout: 3s}',
      '    tmpfs: [/run]',
      '    shm_size: 64m',
      '    extra_hosts: ["a.local:10.0.0.1"]',
      '    labels: {kompose.service.expose: "shop.example.com", kompose.service.external-traffic-policy: local, owner: team-a}',
      '    deploy: {replicas: 2, update_config: {parallelism: 1}, resources: {limits: {cpus: "1", memory: 1g}}}',
      '  agent:',
      '    image: agent',
      '    deploy: {mode: global}',
      '    network_mode: host',
      '  job:',
      '    image: migrate',
      '    deploy: {mode: replicated-job}',
      '  sidecar:',
      '    image: proxy',
      '    network_mode: service:web',
      'volumes:',
      '  data: {}',
      'secrets:',
      '  pw: {file: pw.txt}',
      '',
    ].join('\n');
    const r = convert(yaml, { waitForDependencies: true }, { 'web.env': 'MODE=prod\nAPI_TOKEN=x\n', 'pw.txt': 'secret' });
    const dir = path.join(__dirname, '..', '.generated', 'every-mapping');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    for (const f of printProgram(r.plan, '0.1.0')) fs.writeFileSync(path.join(dir, f.name), f.content);
    expect(chartsToYaml(synthesizeApp(loadApp(path.join(dir, 'main.ts'))))).toBe(toMultiDocYaml(r.objects));
    expect(r.objects.map((o: Obj) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'PersistentVolumeClaim/data', 'Secret/pw', 'Deployment/db', 'Service/db', 'ConfigMap/web-env', 'Secret/web-env-secret',
      'Deployment/web', 'Service/web', 'Ingress/web', 'DaemonSet/agent', 'Service/agent', 'Job/job', 'Service/sidecar',
      'NetworkPolicy/network-default', 'NetworkPolicy/web-published',
    ]);
    expect(r.get('Service', 'web').spec.externalTrafficPolicy).toBe('Local');
  });
});

describe('nothing dropped silently inside definitions', () => {
  test('per-service network settings and unused keys of top-level definitions are reported', () => {
    const r = convert('services:\n  web:\n    image: nginx\n    networks:\n      front: {ipv4_address: 172.16.0.10, aliases: [www]}\nnetworks:\n  front: {}\nsecrets:\n  s: {file: s.txt, template_driver: golang}\n', {}, { 's.txt': 'x' });
    expect(r.warnings).toContain('web|networks.front.ipv4_address|is not converted: every Pod has one address on one flat network');
    expect(r.warnings).toContain('|secrets.s.template_driver|is not converted');
  });
});

describe('bind mounts of project files', () => {
  test('a file -> a ConfigMap mounted at its path; a folder -> a ConfigMap of its files; secret-looking -> a Secret', () => {
    const r = convert(
      'services:\n  web:\n    image: nginx\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n      - ./html:/usr/share/nginx/html\n      - ./certs/server.key:/etc/ssl/server.key\n',
      {},
      { 'nginx.conf': 'events {}\n', 'html/index.html': '<h1>hi</h1>\n', 'html/50x.html': 'oops\n', 'certs/server.key': 'KEY\n' },
    );
    expect(r.get('ConfigMap', 'web-nginx-conf').data).toEqual({ 'nginx.conf': 'events {}\n' });
    expect(r.get('ConfigMap', 'web-html').data).toEqual({ '50x.html': 'oops\n', 'index.html': '<h1>hi</h1>\n' });
    expect(r.get('Secret', 'web-certs-server-key').stringData).toEqual({ 'server.key': 'KEY\n' });
    expect(r.get('ConfigMap', 'web-certs-server-key')).toBeUndefined();
    expect(c0(r.get('Deployment', 'web')).volumeMounts).toEqual([
      { name: 'web-bind-0', mountPath: '/etc/nginx/nginx.conf', readOnly: true, subPath: 'nginx.conf' },
      { name: 'web-bind-1', mountPath: '/usr/share/nginx/html', readOnly: true },
      { name: 'web-bind-2', mountPath: '/etc/ssl/server.key', readOnly: true, subPath: 'server.key' },
    ]);
    expect(r.warnings.filter((w) => w.startsWith('web|volumes|bind mount of ./nginx.conf: the file became ConfigMap "web-nginx-conf"'))).toHaveLength(1);
  });

  test('a source outside the project or missing becomes an empty emptyDir; a source tree is not mounted (an empty folder would hide the image\'s); reported', () => {
    const r = convert('services:\n  web:\n    image: nginx\n    volumes: ["../elsewhere:/data", "./missing:/m", "./tree:/app"]\n', {}, { 'tree/sub/a.txt': 'a' });
    expect(r.get('Deployment', 'web').spec.template.spec.volumes).toEqual([
      { name: 'web-bind-0', emptyDir: {} },
      { name: 'web-bind-1', emptyDir: {} },
    ]);
    expect(c0(r.get('Deployment', 'web')).volumeMounts.map((m: Obj) => m.mountPath)).toEqual(['/data', '/m']);
    expect(r.warnings.map((w) => w.split('|')[2].replace(/, so it (became|is not mounted).*/, ''))).toEqual([
      'bind mount of ../elsewhere: it is outside the project folder (use --allow-outside-files to read it)',
      'bind mount of ./missing: it does not exist',
      'bind mount of ./tree: it has a subfolder (sub), which a ConfigMap cannot hold',
    ]);
    expect(r.warnings[2]).toContain('so it is not mounted: /app is what the image has there');
  });

  test('scripts keep their exec bit: a mounted script (or folder with one) gets defaultMode 0755', () => {
    const r = convert('services:\n  web:\n    image: redis\n    volumes: ["./healthchecks:/healthchecks"]\n', {}, { 'healthchecks/redis.sh': '#!/bin/sh\nredis-cli ping\n' });
    expect(r.get('Deployment', 'web').spec.template.spec.volumes).toEqual([{ name: 'web-bind-0', configMap: { name: 'web-healthchecks', defaultMode: 0o755 } }]);
  });
});

describe('kompose cronjob and hpa labels', () => {
  test('kompose.cronjob.*: a CronJob, not a Deployment repeating a one-shot command forever; no Service', () => {
    const r = convert(
      'services:\n  backup:\n    image: alpine\n    command: ["sh", "-c", "tar czf /b/db.tgz /data"]\n    restart: "no"\n    labels:\n      kompose.cronjob.schedule: "0 3 * * *"\n      kompose.cronjob.concurrency_policy: Forbid\n      kompose.cronjob.backoff_limit: "2"\n',
    );
    expect(r.objects.map((o: Obj) => `${o.kind}/${o.metadata.name}`)).toEqual(['CronJob/backup', 'NetworkPolicy/network-default']);
    const cj = r.get('CronJob', 'backup');
    expect(cj.spec.schedule).toBe('0 3 * * *');
    expect(cj.spec.concurrencyPolicy).toBe('Forbid');
    expect(cj.spec.jobTemplate.spec.backoffLimit).toBe(2);
    expect(cj.spec.jobTemplate.spec.template.spec.restartPolicy).toBe('Never');
    expect(cj.spec.jobTemplate.spec.template.spec.containers[0].args).toEqual(['sh', '-c', 'tar czf /b/db.tgz /data']);
    expect(r.warnings).toContain('backup|labels|a CronJob gets no Service: nothing should connect to run-to-completion work');
  });

  test('kompose.cronjob.*: wrong values are warnings, Kubernetes\' defaults apply', () => {
    const r = convert('services:\n  job:\n    image: alpine\n    labels:\n      kompose.cronjob.schedule: "@daily"\n      kompose.cronjob.concurrency_policy: Sometimes\n      kompose.cronjob.backoff_limit: many\n');
    expect(r.get('CronJob', 'job').spec).toMatchObject({ schedule: '@daily' });
    expect(r.get('CronJob', 'job').spec.concurrencyPolicy).toBeUndefined();
    expect(r.warnings).toContain('job|labels|kompose.cronjob.concurrency_policy "Sometimes" is not Allow, Forbid or Replace; not converted (Kubernetes\' default, Allow, applies)');
    expect(r.warnings).toContain('job|labels|kompose.cronjob.backoff_limit "many" is not a whole number; not converted (Kubernetes\' default, 6, applies)');
  });

  test('kompose.hpa.*: a HorizontalPodAutoscaler with kompose\'s defaults; replicas left to it; metrics only for requested resources', () => {
    const r = convert(
      'services:\n  web:\n    image: nginx\n    deploy:\n      replicas: 2\n      resources: {reservations: {cpus: "0.5"}}\n    labels:\n      kompose.hpa.replicas.max: "10"\n      kompose.hpa.cpu: "60"\n',
    );
    expect(r.get('HorizontalPodAutoscaler', 'web').spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }],
    });
    expect(r.get('Deployment', 'web').spec.replicas).toBeUndefined();
    expect(r.warnings).toContain('web|deploy.replicas|2: left out, the HorizontalPodAutoscaler (kompose.hpa.*) sets the replicas between 1 and 10');
    expect(r.warnings.some((w) => w.includes("kompose's default memory target (70%) is left out: the container requests no memory"))).toBe(true);
  });

  test('kompose.hpa.*: max below min is raised to min, out-of-range percentages fall back to kompose\'s defaults; a DaemonSet is not scaled', () => {
    const r = convert('services:\n  web:\n    image: nginx\n    deploy: {resources: {limits: {cpus: "1", memory: 1G}}}\n    labels:\n      kompose.hpa.replicas.min: "4"\n      kompose.hpa.replicas.max: "2"\n      kompose.hpa.memory: "150"\n');
    expect(r.get('HorizontalPodAutoscaler', 'web').spec).toMatchObject({ minReplicas: 4, maxReplicas: 4 });
    expect(r.get('HorizontalPodAutoscaler', 'web').spec.metrics.map((m: Obj) => [m.resource.name, m.resource.target.averageUtilization])).toEqual([['cpu', 50], ['memory', 70]]);
    expect(r.warnings).toContain('web|labels|kompose.hpa.memory "150" is not a percentage from 1 to 100; kompose\'s default 70 is used');
    const ds = convert('services:\n  agent:\n    image: agent\n    deploy: {mode: global}\n    labels: {kompose.hpa.cpu: "50"}\n');
    expect(ds.objects.some((o: Obj) => o.kind === 'HorizontalPodAutoscaler')).toBe(false);
    expect(ds.warnings).toContain('agent|labels|kompose.hpa.*: a DaemonSet cannot be scaled by a HorizontalPodAutoscaler; not converted');
  });
});

describe('networks become NetworkPolicies', () => {
  const yaml = 'services:\n  proxy:\n    image: nginx\n    ports: ["8080:80"]\n    networks: [front]\n  api:\n    image: api\n    networks: [front, back]\n  db:\n    image: postgres\n    networks: [back]\n  worker:\n    image: worker\n  host:\n    image: agent\n    network_mode: host\nnetworks:\n  front: {}\n  back: {internal: true}\n';

  test('services on a shared network may talk, others not: a label per network on the Pods, a policy per network', () => {
    const r = convert(yaml);
    const labels = (n: string) => r.get('Deployment', n).spec.template.metadata.labels;
    expect(labels('api')).toEqual({ 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/part-of': 'shop', 'network.svcgen.dev/back': 'true', 'network.svcgen.dev/front': 'true' });
    expect(labels('worker')['network.svcgen.dev/default']).toBe('true');
    expect(Object.keys(labels('host')).some((k) => k.startsWith('network.'))).toBe(false); // host network: policies do not apply
    // selectors stay the same: the network labels are Pod labels only
    expect(r.get('Deployment', 'api').spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/part-of': 'shop' });
    expect(r.get('NetworkPolicy', 'network-back').spec).toEqual({
      podSelector: { matchLabels: { 'network.svcgen.dev/back': 'true' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { 'network.svcgen.dev/back': 'true' } } }] }],
    });
    expect(r.objects.filter((o: Obj) => o.kind === 'NetworkPolicy').map((o: Obj) => o.metadata.name)).toEqual(['network-back', 'network-default', 'network-front', 'proxy-published']);
  });

  test('published ports stay reachable from anywhere (nodes, load balancers, ingress controllers)', () => {
    const r = convert(yaml);
    expect(r.get('NetworkPolicy', 'proxy-published').spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'proxy', 'app.kubernetes.io/part-of': 'shop' } },
      policyTypes: ['Ingress'],
      ingress: [{ ports: [{ port: 80 }] }],
    });
    const exposed = convert('services:\n  web:\n    image: nginx\n    expose: ["8080"]\n    labels: {kompose.service.expose: "true"}\n');
    expect(exposed.get('NetworkPolicy', 'web-published').spec.ingress).toEqual([{ ports: [{ port: 8080 }] }]);
  });

  test('an external network admits anything, with a warning; --no-network-policies (networkPolicies: false) makes none', () => {
    const r = convert('services:\n  web:\n    image: nginx\n    networks: [shared]\nnetworks:\n  shared: {external: true}\n');
    expect(r.get('NetworkPolicy', 'network-shared').spec.ingress).toEqual([{}]);
    expect(r.warnings.some((w) => w.startsWith('|networks.shared|external: other projects\' containers may be on it'))).toBe(true);
    const off = convert(yaml, { networkPolicies: false });
    expect(off.objects.some((o: Obj) => o.kind === 'NetworkPolicy')).toBe(false);
    expect(JSON.stringify(off.objects)).not.toContain('network.svcgen.dev');
  });
});

describe('long-syntax secrets and configs: mode, uid, gid', () => {
  test('mode becomes the volume\'s defaultMode, read as Compose reads it (a plain 0440 is octal, a string is octal digits); gid the Pod\'s fsGroup; uid reported', () => {
    const r = convert(
      'services:\n  web:\n    image: nginx\n    secrets:\n      - source: tls_key\n        target: server.key\n        uid: "103"\n        gid: "103"\n        mode: 0440\n    configs:\n      - source: conf\n        mode: "0600"\n      - source: plain\n        mode: 420\nsecrets:\n  tls_key:\n    file: ./tls.key\nconfigs:\n  conf:\n    content: hello\n  plain:\n    content: x\n',
      {},
      { 'tls.key': 'not really a key\n' },
    );
    const pod = r.get('Deployment', 'web').spec.template.spec;
    expect(pod.volumes.map((v: Obj) => [v.name, v.secret?.defaultMode ?? v.configMap?.defaultMode])).toEqual([
      ['config-conf', 0o600],
      ['config-plain', 0o644],
      ['secret-tls-key', 0o440],
    ]);
    expect(pod.securityContext).toEqual({ fsGroup: 103 });
    expect(r.warnings).toContain("web|secrets|tls_key: uid 103 is not converted: Kubernetes cannot give one mounted file its own owner (the files are root's); run the container as that user, and the group (gid) becomes the Pod's fsGroup");
    expect(r.warnings).toContain("web|secrets|tls_key: gid 103 becomes the Pod's fsGroup: every volume of the Pod is group-owned by 103, as Kubernetes has no per-file group");
  });

  test('a mode that is not a file mode is reported and Kubernetes\' default applies', () => {
    const r = convert('services:\n  web:\n    image: nginx\n    configs:\n      - source: c\n        mode: "rw"\nconfigs:\n  c:\n    content: x\n');
    expect(r.get('Deployment', 'web').spec.template.spec.volumes[0].configMap.defaultMode).toBeUndefined();
    expect(r.warnings).toContain('web|configs|mode "rw" is not a file mode (0000-0777, octal); Kubernetes\' default 0644 applies');
  });
});

describe('StatefulSets: a claim of its own per replica', () => {
  test('a StatefulSet\'s named volume becomes volumeClaimTemplates; a volume other services share stays one PersistentVolumeClaim', () => {
    const r = convert(
      'services:\n  db:\n    image: postgres\n    deploy: {replicas: 2}\n    volumes: ["pgdata:/var/lib/postgresql/data"]\n    labels: {kompose.volume.size: 5Gi}\n  web:\n    image: nginx\n    volumes: ["shared:/data"]\n  worker:\n    image: busybox\n    volumes: ["shared:/data"]\nvolumes:\n  pgdata: {}\n  shared: {}\n',
      { controller: 'statefulset' },
    );
    const db = r.get('StatefulSet', 'db');
    expect(db.spec.volumeClaimTemplates).toEqual([{ metadata: { name: 'pgdata' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } } }]);
    expect(db.spec.template.spec.volumes).toBeUndefined();
    expect(c0(db).volumeMounts).toEqual([{ name: 'pgdata', mountPath: '/var/lib/postgresql/data' }]);
    expect(r.objects.filter((o: Obj) => o.kind === 'PersistentVolumeClaim').map((o: Obj) => o.metadata.name)).toEqual(['shared']);
    expect(r.warnings).toContain('db|volumes|volume "pgdata": each replica of the StatefulSet gets a claim of its own (volumeClaimTemplates: pgdata-db-0, pgdata-db-1, ...), kept when its Pod moves');
  });
});

describe('Swarm replicas with a named volume of their own', () => {
  test('become a StatefulSet (a claim per replica, as Swarm gives each node its own local volume), unless a controller is chosen', () => {
    const yaml = 'services:\n  es:\n    image: elasticsearch:8\n    deploy: {replicas: 3}\n    volumes: ["esdata:/usr/share/elasticsearch/data"]\n  web:\n    image: nginx\n    deploy: {replicas: 2}\n    volumes: ["static:/srv"]\n  cache:\n    image: nginx\n    volumes: ["static:/srv"]\nvolumes:\n  esdata: {}\n  static: {}\n';
    const r = convert(yaml);
    expect(r.get('StatefulSet', 'es').spec.volumeClaimTemplates[0].metadata.name).toBe('esdata');
    expect(r.warnings).toContain('es|deploy.replicas|3 replicas with the named volume esdata: a StatefulSet, so that each replica has storage of its own (a Deployment\'s replicas would share one ReadWriteOnce claim); choose with --controller or kompose.controller.type');
    // a volume other services mount too stays one claim, on a Deployment
    expect(r.get('Deployment', 'web')).toBeDefined();
    expect(convert(yaml, { controller: 'deployment' }).get('Deployment', 'es')).toBeDefined();
  });
});

test('the JSON List is written in pieces, one per object, that make exactly the text of JSON.stringify', () => {
  const whole = (items: unknown[]) => `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2)}\n`;
  const lists: unknown[][] = [
    [],
    [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a', labels: {} }, spec: { ports: [{ port: 80 }], selector: {} } }],
    [{ a: 'line one\nline two', b: [[], [1, [2, { c: null }]]], d: '' }, { e: true }, null, [1, 2]],
  ];
  for (const items of lists) {
    const pieces = [...jsonListPieces(items)];
    expect(pieces.join('')).toBe(whole(items));
    expect(jsonList(items)).toBe(whole(items));
    // (one piece per object, between the List's head and tail)
    expect(pieces.length).toBe(items.length === 0 ? 1 : items.length + 2);
  }
  const { objects } = convertCompose([path.join(__dirname, '..', 'fixtures', 'compose', 'example-voting-app', 'docker-stack.yml')]);
  expect([...jsonListPieces(objects)].join('')).toBe(whole(objects));
});
