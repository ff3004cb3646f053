import { Construct } from 'constructs';
import { App } from 'cdk8s';
import {
  EnvValue,
  MultiTierApp,
  Probe,
  ProbeScheme,
  Protocol,
  ServiceType,
  Tier,
  TierProps,
  WorkloadKind,
  DeploymentStrategy,
} from '../../lib';
import { synthObjects } from '../helpers/synth';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function build(tiers: Record<string, TierProps>, appProps: ConstructorParameters<typeof MultiTierApp>[2] = {}) {
  const app = new App();
  const mta = new MultiTierApp(app, 'shop', appProps);
  const made: Record<string, Tier> = {};
  for (const [id, props] of Object.entries(tiers)) made[id] = mta.addTier(id, props);
  const objects = synthObjects(app) as Obj[];
  const get = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name)!;
  return { app, mta, tiers: made, objects, get };
}

const container = (o: Obj) => o.spec.template.spec.containers[0];

describe('Tier: workload and Service', () => {
  test('a ReplicaSet and a ClusterIP Service named <app>-<tier>, by default', () => {
    const { objects } = build({ web: { image: 'nginx', ports: [{ number: 80, name: 'http' }] } });
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ReplicaSet/shop-web', 'Service/shop-web']);
    expect(objects[1].spec).toEqual({
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
      selector: { service: 'shop', type: 'web' },
    });
  });

  test('selectors use the tier and app labels; extra Pod labels stay out of every selector', () => {
    const { get } = build({ db: { image: 'mongo', podLabels: { vendor: 'MongoLabs' }, ports: [{ number: 27017 }] } });
    const rs = get('ReplicaSet', 'shop-db');
    expect(rs.spec.selector).toEqual({ matchLabels: { service: 'shop', type: 'db' } });
    expect(rs.spec.template.metadata.labels).toEqual({ service: 'shop', type: 'db', vendor: 'MongoLabs' });
    expect(get('Service', 'shop-db').spec.selector).toEqual({ service: 'shop', type: 'db' });
  });

  test('the label keys can be chosen', () => {
    const { get } = build({ db: { image: 'mongo', ports: [{ number: 27017 }] } }, { tierLabel: 'tier', appLabel: 'app' });
    expect(get('Service', 'shop-db').spec.selector).toEqual({ app: 'shop', tier: 'db' });
  });

  test.each([
    [WorkloadKind.REPLICA_SET, 'ReplicaSet', 'apps/v1'],
    [WorkloadKind.DEPLOYMENT, 'Deployment', 'apps/v1'],
  ])('workload %s', (kind, k, apiVersion) => {
    const { objects } = build({ web: { image: 'nginx', workload: kind, replicas: 2, ports: [{ number: 80 }] } });
    expect(objects[0].kind).toBe(k);
    expect(objects[0].apiVersion).toBe(apiVersion);
    expect(objects[0].spec.replicas).toBe(2);
  });

  test('a Deployment strategy', () => {
    const { objects } = build({
      web: { image: 'nginx', workload: WorkloadKind.DEPLOYMENT, strategy: DeploymentStrategy.fromRollingUpdate({ maxSurge: 1, maxUnavailable: '0%' }), ports: [{ number: 80 }] },
    });
    expect(objects[0].spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '0%' } });
  });

  test('emits only what was set: no resources, security contexts, empty lists or replicas', () => {
    const { objects } = build({ web: { image: 'nginx', ports: [{ number: 80 }] } });
    expect(objects[0].spec.replicas).toBeUndefined();
    expect(container(objects[0])).toEqual({ image: 'nginx', name: 'web', ports: [{ containerPort: 80 }] });
    expect(objects[0].spec.template.spec).toEqual({ containers: [container(objects[0])] });
    expect(JSON.stringify(objects)).not.toMatch(/\[\]|\{\}/);
  });

  test('command, args and resources', () => {
    const { objects } = build({
      db: {
        image: 'mongo:3.3',
        command: ['mongod'],
        args: ['--rest', '--httpinterface'],
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
        ports: [{ number: 27017 }],
      },
    });
    expect(container(objects[0])).toMatchObject({
      command: ['mongod'],
      args: ['--rest', '--httpinterface'],
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    });
  });
});

describe('Tier: ports', () => {
  test('container ports with names and protocols', () => {
    const { objects } = build({
      dns: {
        image: 'coredns',
        ports: [
          { number: 53, name: 'dns', protocol: Protocol.UDP },
          { number: 53, name: 'dns-tcp', protocol: Protocol.TCP },
        ],
      },
    });
    expect(container(objects[0]).ports).toEqual([
      { containerPort: 53, name: 'dns', protocol: 'UDP' },
      { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
    ]);
    // the Service exposes every declared port, targeting it by name
    expect(objects[1].spec.ports).toEqual([
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 'dns' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 'dns-tcp' },
    ]);
  });

  test('two container ports with the same name are an error', () => {
    expect(() =>
      build({ web: { image: 'nginx', ports: [{ number: 80, name: 'http' }, { number: 8080, name: 'http' }] } }),
    ).toThrow('shop/web/Workload: spec.template.spec.containers[0].ports[1].name: Duplicate value: "http"');
  });

  test('an invalid port name is an error in the API server words', () => {
    expect(() => build({ web: { image: 'nginx', ports: [{ number: 80, name: 'HTTP_port' }] } })).toThrow(
      'spec.template.spec.containers[0].ports[0].name: Invalid value: "HTTP_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    );
  });

  test('a service port may target a container port by name; an undeclared name is an error', () => {
    const { get } = build({ web: { image: 'nginx', ports: [{ number: 8080, name: 'http' }], service: { ports: [{ port: 80, targetPort: 'http' }] } } });
    expect(get('Service', 'shop-web').spec.ports).toEqual([{ port: 80, targetPort: 'http' }]);
    expect(() => build({ web: { image: 'nginx', ports: [{ number: 8080, name: 'http' }], service: { ports: [{ port: 80, targetPort: 'web' }] } } })).toThrow(
      'shop/web/Service: spec.ports[0].targetPort: Invalid value: "web": no container of ReplicaSet "shop-web" declares a port named "web" (declared: "http")',
    );
  });

  test('several unnamed container ports cannot make a Service on their own', () => {
    expect(() => build({ web: { image: 'nginx', ports: [{ number: 80 }, { number: 443 }] } })).toThrow(
      'shop/web: service.ports: Required value: the container ports are not all named',
    );
  });

  test('a tier with no port and no service ports says what to do', () => {
    expect(() => build({ worker: { image: 'busybox' } })).toThrow(
      'tier "worker" declares no container port to expose; give service.ports, declare ports, set service: { headless: true } for DNS only, or service: false',
    );
  });
});

describe('Tier: env and wiring', () => {
  test('plain values, a tier reference, its FQDN, a secret and a field, in order', () => {
    const { get } = build({
      db: { image: 'mongo', ports: [{ number: 27017 }] },
    });
    void get;
    const app = new App();
    const mta = new MultiTierApp(app, 'shop', { namespace: 'prod' });
    const db = mta.addTier('db', { image: 'mongo', ports: [{ number: 27017 }] });
    mta.addTier('api', {
      image: 'api',
      ports: [{ number: 8080 }],
      env: {
        MODE: 'production',
        DB: db,
        DB_FQDN: EnvValue.fromFqdn(db),
        DB_PASSWORD: EnvValue.fromSecret('db-credentials', 'password'),
        POD_IP: EnvValue.fromField('status.podIP'),
      },
    });
    const api = (synthObjects(app) as Obj[]).find((o) => o.kind === 'ReplicaSet' && o.metadata.name === 'shop-api')!;
    expect(container(api).env).toEqual([
      { name: 'MODE', value: 'production' },
      { name: 'DB', value: 'shop-db' },
      { name: 'DB_FQDN', value: 'shop-db.prod.svc.cluster.local' },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { key: 'password', name: 'db-credentials' } } },
      { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
    ]);
  });

  test('a tier exposes its DNS names; renaming the app renames every reference', () => {
    for (const name of ['go-demo-2', 'go-demo-3']) {
      const app = new App();
      const mta = new MultiTierApp(app, name, { clusterDomain: 'corp.internal' });
      const db = mta.addTier('db', { image: 'mongo', ports: [{ number: 27017 }] });
      expect(db.serviceName).toBe(`${name}-db`);
      expect(db.fqdn).toBe(`${name}-db.default.svc.corp.internal`);
      mta.addTier('api', { image: 'api', ports: [{ number: 8080 }], env: { DB: db } });
      const api = (synthObjects(app) as Obj[]).find((o) => o.metadata.name === `${name}-api`)!;
      expect(container(api).env).toEqual([{ name: 'DB', value: `${name}-db` }]);
    }
  });

  test('a tier without a Service has no DNS name to refer to', () => {
    const app = new App();
    const mta = new MultiTierApp(app, 'shop');
    const worker = mta.addTier('worker', { image: 'busybox', service: false });
    expect(() => worker.serviceName).toThrow('shop/worker: service: Required value: the tier was created with `service: false`');
  });

  test('an invalid env name is an error', () => {
    expect(() => build({ web: { image: 'nginx', ports: [{ number: 80 }], env: { '1BAD': 'x' } } })).toThrow(
      'spec.template.spec.containers[0].env[0].name: Invalid value: "1BAD": a valid environment variable name must consist of',
    );
  });
});

describe('Tier: probes', () => {
  const probeOf = (props: Partial<TierProps>, which: 'readinessProbe' | 'livenessProbe' | 'startupProbe') =>
    container(build({ web: { image: 'nginx', ports: [{ number: 8080, name: 'http' }], ...props } }).objects[0])[which];

  test.each([[8080], ['http']])('HTTP GET on port %p, with headers and scheme', (port) => {
    expect(
      probeOf(
        { readiness: Probe.fromHttpGet('/ready', { port, scheme: ProbeScheme.HTTPS, headers: { 'X-Probe': 'yes' }, initialDelaySeconds: 5, periodSeconds: 2 }) },
        'readinessProbe',
      ),
    ).toEqual({
      httpGet: { path: '/ready', port, scheme: 'HTTPS', httpHeaders: [{ name: 'X-Probe', value: 'yes' }] },
      initialDelaySeconds: 5,
      periodSeconds: 2,
    });
  });

  test.each([[8080], ['http']])('TCP socket on port %p', (port) => {
    expect(probeOf({ liveness: Probe.fromTcpSocket({ port, timeoutSeconds: 3, failureThreshold: 5 }) }, 'livenessProbe')).toEqual({
      tcpSocket: { port },
      timeoutSeconds: 3,
      failureThreshold: 5,
    });
  });

  test('exec, and shell through sh -c', () => {
    expect(probeOf({ liveness: Probe.fromCommand(['cat', '/tmp/healthy']) }, 'livenessProbe')).toEqual({ exec: { command: ['cat', '/tmp/healthy'] } });
    expect(probeOf({ liveness: Probe.fromShell('pg_isready || exit 1') }, 'livenessProbe')).toEqual({ exec: { command: ['sh', '-c', 'pg_isready || exit 1'] } });
  });

  test('gRPC and a startup probe with thresholds', () => {
    expect(probeOf({ startup: Probe.fromGrpc({ port: 9090, service: 'health', failureThreshold: 30, periodSeconds: 10, successThreshold: 1 }) }, 'startupProbe')).toEqual({
      grpc: { port: 9090, service: 'health' },
      failureThreshold: 30,
      periodSeconds: 10,
      successThreshold: 1,
    });
  });

  test('a probe on a port name the container does not declare is an error, never a fallback', () => {
    expect(() => build({ api: { image: 'api', ports: [{ number: 8080, name: 'http' }], readiness: Probe.fromHttpGet('/ready', { port: 'health' }) } })).toThrow(
      'shop/api/Workload: spec.template.spec.containers[0].readinessProbe.httpGet.port: Invalid value: "health": container "api" declares no port named "health" (declared: "http")',
    );
  });

  test('liveness and startup probes need successThreshold 1', () => {
    expect(() => build({ api: { image: 'api', ports: [{ number: 8080 }], liveness: Probe.fromTcpSocket({ port: 8080, successThreshold: 2 }) } })).toThrow(
      'spec.template.spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
    );
  });

  test('negative timings are errors', () => {
    expect(() => build({ api: { image: 'api', ports: [{ number: 8080 }], readiness: Probe.fromTcpSocket({ port: 8080, periodSeconds: -1 }) } })).toThrow(
      'spec.template.spec.containers[0].readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0',
    );
  });
});

describe('Tier: how it is exposed', () => {
  test('ClusterIP by default (type not emitted)', () => {
    const { get } = build({ web: { image: 'nginx', ports: [{ number: 80 }] } });
    expect(get('Service', 'shop-web').spec.type).toBeUndefined();
  });

  test('NodePort with an allocated nodePort', () => {
    const { get } = build({ web: { image: 'nginx', ports: [{ number: 80 }], service: { type: ServiceType.NODE_PORT, ports: [{ port: 80 }] } } });
    expect(get('Service', 'shop-web').spec).toEqual({ type: 'NodePort', ports: [{ port: 80 }], selector: { service: 'shop', type: 'web' } });
  });

  test('NodePort with a fixed nodePort', () => {
    const { get } = build({ web: { image: 'nginx', ports: [{ number: 80 }], service: { type: ServiceType.NODE_PORT, ports: [{ port: 80, nodePort: 30080 }] } } });
    expect(get('Service', 'shop-web').spec.ports).toEqual([{ port: 80, nodePort: 30080 }]);
  });

  test('LoadBalancer', () => {
    const { get } = build({ web: { image: 'nginx', ports: [{ number: 80 }], service: { type: ServiceType.LOAD_BALANCER, ports: [{ port: 80 }] } } });
    expect(get('Service', 'shop-web').spec.type).toBe('LoadBalancer');
  });

  test('headless', () => {
    const { get } = build({ web: { image: 'nginx', ports: [{ number: 80 }], service: { headless: true } } });
    expect(get('Service', 'shop-web').spec.clusterIP).toBe('None');
  });

  test('not at all', () => {
    const { objects } = build({ worker: { image: 'busybox', service: false } });
    expect(objects.map((o) => o.kind)).toEqual(['ReplicaSet']);
  });

  test('a nodePort outside 30000-32767 is an error', () => {
    expect(() => build({ web: { image: 'nginx', service: { type: ServiceType.NODE_PORT, ports: [{ port: 80, nodePort: 80 }] } } })).toThrow(
      'shop/web/Service: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  test('a nodePort on a ClusterIP tier is an error', () => {
    expect(() => build({ web: { image: 'nginx', service: { ports: [{ port: 80, nodePort: 30080 }] } } })).toThrow(
      "shop/web/Service: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    );
  });

  test('a second Service over the same Pods', () => {
    const app = new App();
    const mta = new MultiTierApp(app, 'shop');
    const web = mta.addTier('web', { image: 'nginx', ports: [{ number: 80, name: 'http' }] });
    web.addService('public', { type: ServiceType.NODE_PORT, ports: [{ port: 80, targetPort: 'http' }] });
    const services = (synthObjects(app) as Obj[]).filter((o) => o.kind === 'Service');
    expect(services.map((s) => [s.metadata.name, s.spec.selector])).toEqual([
      ['shop-web', { service: 'shop', type: 'web' }],
      ['shop-web-public', { service: 'shop', type: 'web' }],
    ]);
  });

  test('a tier name that is not a DNS-1035 label is an error', () => {
    expect(() => build({ front_end: { image: 'nginx', ports: [{ number: 80 }] } })).toThrow('metadata.name: Invalid value: "shop-front_end"');
  });
});

describe('Tier: chosen names', () => {
  test('name and serviceName: the images\' hard-coded host names, and references follow the Service', () => {
    const { objects, get } = build({
      redis: { image: 'redis', name: 'redis-server', serviceName: 'redis', ports: [{ number: 6379, name: 'redis' }] },
      api: { image: 'api', service: false },
    });
    expect(objects.slice(0, 2).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ReplicaSet/redis-server', 'Service/redis']);
    // the chosen name is the tier's label value, so that the selector stays its own
    expect(get('Service', 'redis').spec.selector).toEqual({ service: 'shop', type: 'redis-server' });
    expect(get('ReplicaSet', 'redis-server').spec.template.metadata.labels).toMatchObject({ service: 'shop', type: 'redis-server' });
  });

  test('a reference to a tier with a chosen Service name is that name', () => {
    const app = new App();
    const mta = new MultiTierApp(app, 'shop');
    const db = mta.addTier('db', { image: 'postgres', serviceName: 'database', ports: [{ number: 5432 }] });
    mta.addTier('api', { image: 'api', env: { DB: db }, ports: [{ number: 80 }] });
    const api = (synthObjects(app) as Obj[]).find((o) => o.kind === 'ReplicaSet' && o.metadata.name === 'shop-api')!;
    expect(container(api).env).toEqual([{ name: 'DB', value: 'database' }]);
  });

  test('a StatefulSet tier\'s governing Service is the chosen Service name', () => {
    const { get } = build({ db: { image: 'postgres', workload: WorkloadKind.STATEFUL_SET, serviceName: 'db', ports: [{ number: 5432 }] } });
    expect(get('StatefulSet', 'shop-db').spec.serviceName).toBe('db');
    expect(get('Service', 'db').spec.clusterIP).toBe('None');
  });

  test('a reusable construct used twice: the second copy\'s names clash, and construction says where', () => {
    class Cache extends Construct {
      constructor(scope: Construct, id: string, name?: string) {
        super(scope, id);
        new Tier(this, 'redis', { image: 'redis', ports: [{ number: 6379 }], ...(name ? { name, serviceName: name } : {}) });
      }
    }
    const app = new App();
    const mta = new MultiTierApp(app, 'shop');
    new Cache(mta, 'sessions');
    expect(() => new Cache(mta, 'carts')).toThrow('shop/carts/redis: name: Duplicate value: "shop-redis": ReplicaSet "shop-redis" is already the name of shop/sessions/redis');
    // with names of their own, both are fine, and each Service selects its own Pods
    const app2 = new App();
    const mta2 = new MultiTierApp(app2, 'shop');
    new Cache(mta2, 'sessions', 'sessions-redis');
    new Cache(mta2, 'carts', 'carts-redis');
    const services = (synthObjects(app2) as Obj[]).filter((o) => o.kind === 'Service');
    expect(services.map((s) => s.spec.selector.type)).toEqual(['sessions-redis', 'carts-redis']);
  });
});

describe('MultiTierApp: an app-wide default workload', () => {
  test('workload on the app applies to every tier that does not choose one', () => {
    const { objects } = build(
      {
        web: { image: 'nginx', ports: [{ number: 80 }] },
        api: { image: 'api', ports: [{ number: 8080 }] },
        db: { image: 'postgres', workload: WorkloadKind.STATEFUL_SET, ports: [{ number: 5432 }] },
      },
      { workload: WorkloadKind.DEPLOYMENT },
    );
    expect(objects.filter((o) => o.kind !== 'Service').map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/shop-web', 'Deployment/shop-api', 'StatefulSet/shop-db']);
  });
});
