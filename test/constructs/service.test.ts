import { Chart } from 'cdk8s';
import {
  Endpoints,
  MultiTierApp,
  Protocol,
  Service,
  ServiceProps,
  ServiceType,
  SessionAffinity,
  TrafficPolicy,
  Workload,
  WorkloadKind,
} from '../../lib';
import { synthObjects, testChart } from '../helpers/synth';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function service(props: ServiceProps, setup?: (chart: Chart) => void): Obj {
  const { app, chart } = testChart();
  setup?.(chart);
  new Service(chart, 'svc', props);
  return (synthObjects(app) as Obj[]).find((o) => o.kind === 'Service')!;
}
const web = { app: 'web' };
const p80 = [{ port: 80 }];

describe('Service variants', () => {
  test('ClusterIP with a chosen clusterIP', () => {
    expect(service({ selector: web, ports: p80, clusterIP: '10.0.0.10' }).spec).toEqual({ clusterIP: '10.0.0.10', ports: p80, selector: web });
  });

  test('NodePort allocated and fixed', () => {
    expect(service({ type: ServiceType.NODE_PORT, selector: web, ports: p80 }).spec.ports).toEqual(p80);
    expect(service({ type: ServiceType.NODE_PORT, selector: web, ports: [{ port: 80, nodePort: 32767 }] }).spec.ports).toEqual([{ port: 80, nodePort: 32767 }]);
  });

  test('LoadBalancer with every load-balancer field', () => {
    expect(
      service({
        type: ServiceType.LOAD_BALANCER,
        selector: web,
        ports: p80,
        loadBalancerIP: '203.0.113.7',
        loadBalancerClass: 'example.com/internal-vip',
        loadBalancerSourceRanges: ['10.0.0.0/8', '2001:db8::/32'],
        allocateLoadBalancerNodePorts: false,
        externalTrafficPolicy: TrafficPolicy.LOCAL,
      }).spec,
    ).toEqual({
      type: 'LoadBalancer',
      selector: web,
      ports: p80,
      loadBalancerIP: '203.0.113.7',
      loadBalancerClass: 'example.com/internal-vip',
      loadBalancerSourceRanges: ['10.0.0.0/8', '2001:db8::/32'],
      allocateLoadBalancerNodePorts: false,
      externalTrafficPolicy: 'Local',
    });
  });

  test('traffic policies, externalIPs, publishNotReadyAddresses, session affinity', () => {
    expect(
      service({
        selector: web,
        ports: p80,
        externalIPs: ['80.11.12.10'],
        externalTrafficPolicy: TrafficPolicy.CLUSTER,
        internalTrafficPolicy: TrafficPolicy.LOCAL,
        publishNotReadyAddresses: true,
        sessionAffinity: SessionAffinity.CLIENT_IP,
        sessionAffinityTimeoutSeconds: 600,
      }).spec,
    ).toEqual({
      selector: web,
      ports: p80,
      externalIPs: ['80.11.12.10'],
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Local',
      publishNotReadyAddresses: true,
      sessionAffinity: 'ClientIP',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } },
    });
  });

  test('headless with a selector, and headless with no selector and no ports (Kubernetes allows it)', () => {
    expect(service({ headless: true, selector: web, ports: p80 }).spec).toEqual({ clusterIP: 'None', selector: web, ports: p80 });
    expect(service({ headless: true }).spec).toEqual({ clusterIP: 'None' });
  });

  test('ExternalName: no selector, no ports, no clusterIP; tiers depend on it as on a tier', () => {
    const { app } = testChart();
    const mta = new MultiTierApp(app, 'shop');
    const db = Service.forExternalName(mta, 'mysql-db', 'app-db.database.example.com');
    mta.addTier('api', { image: 'api', ports: [{ number: 8080 }], env: { DB: db } });
    const objects = synthObjects(app) as Obj[];
    expect(objects[0].spec).toEqual({ type: 'ExternalName', externalName: 'app-db.database.example.com' });
    const api = objects.find((o) => o.kind === 'ReplicaSet')!;
    expect(api.spec.template.spec.containers[0].env).toEqual([{ name: 'DB', value: 'mysql-db' }]);
    expect(db.fqdn).toBe('mysql-db.default.svc.cluster.local');
  });

  test.each([[9376], ['http']])('multi-port with named ports, targetPort %p, protocols and appProtocol', (target) => {
    const spec = service(
      {
        selector: web,
        ports: [
          { name: 'http', port: 80, targetPort: target, appProtocol: 'http' },
          { name: 'dns', port: 53, protocol: Protocol.UDP },
          { name: 'sctp', port: 9999, protocol: Protocol.SCTP },
        ],
      },
    ).spec;
    expect(spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: target, appProtocol: 'http' },
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'sctp', port: 9999, protocol: 'SCTP' },
    ]);
  });

  test('the same port number for two protocols is allowed', () => {
    expect(() => service({ selector: web, ports: [{ name: 'dns', port: 53, protocol: Protocol.UDP }, { name: 'dns-tcp', port: 53 }] })).not.toThrow();
  });

  test('addPort counts, and a bad added port is refused at once', () => {
    const { app, chart } = testChart();
    const svc = new Service(chart, 'svc', { selector: web, ports: [{ name: 'http', port: 80 }] });
    svc.addPort({ name: 'https', port: 443 });
    expect(() => svc.addPort({ port: 8443 })).toThrow('test/svc: spec.ports[2].name: Required value');
    expect((synthObjects(app) as Obj[])[0].spec.ports).toEqual([{ name: 'http', port: 80 }, { name: 'https', port: 443 }]);
  });
});

describe('Service misuse: errors at construction in the API server words', () => {
  test.each<[string, ServiceProps, string]>([
    ['ExternalName with ports', { type: ServiceType.EXTERNAL_NAME, externalName: 'db.example.com', ports: p80 },
      'test/svc: spec.ports: Forbidden: an ExternalName Service is a DNS alias (CNAME): ports are never used; remove them'],
    ['ExternalName with a selector', { type: ServiceType.EXTERNAL_NAME, externalName: 'db.example.com', selector: web },
      'test/svc: spec.selector: Forbidden: an ExternalName Service is a DNS alias (CNAME): it selects no Pods; remove the selector'],
    ['ExternalName without a name', { type: ServiceType.EXTERNAL_NAME }, 'test/svc: spec.externalName: Required value'],
    ['an externalName on a ClusterIP', { externalName: 'db.example.com', selector: web, ports: p80 },
      "test/svc: spec.externalName: Forbidden: may only be used when `type` is 'ExternalName' (the type is 'ClusterIP'); use Service.forExternalName()"],
    ['headless with type NodePort', { type: ServiceType.NODE_PORT, headless: true, selector: web, ports: p80 },
      'test/svc: spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services'],
    ['headless with type LoadBalancer', { type: ServiceType.LOAD_BALANCER, headless: true, selector: web, ports: p80 },
      'test/svc: spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for LoadBalancer services'],
    ['loadBalancerClass on a ClusterIP Service', { loadBalancerClass: 'example.com/vip', selector: web, ports: p80 },
      "test/svc: spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'"],
    ['a sessionAffinity timeout of 0', { sessionAffinity: SessionAffinity.CLIENT_IP, sessionAffinityTimeoutSeconds: 0, selector: web, ports: p80 },
      'test/svc: spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400'],
    ['a sessionAffinity timeout of 86401', { sessionAffinity: SessionAffinity.CLIENT_IP, sessionAffinityTimeoutSeconds: 86401, selector: web, ports: p80 },
      'test/svc: spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400'],
    ['a timeout without ClientIP affinity', { sessionAffinityTimeoutSeconds: 60, selector: web, ports: p80 },
      'test/svc: spec.sessionAffinityConfig: Forbidden: must not be set when session affinity is None'],
    ['a nodePort on a ClusterIP Service', { selector: web, ports: [{ port: 80, nodePort: 30080 }] },
      "test/svc: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
    ['a nodePort outside the range', { type: ServiceType.NODE_PORT, selector: web, ports: [{ port: 80, nodePort: 32768 }] },
      'test/svc: spec.ports[0].nodePort: Invalid value: 32768: provided port is not in the valid range. The range of valid ports is 30000-32767'],
    ['two unnamed ports', { selector: web, ports: [{ port: 80 }, { port: 443 }] },
      'test/svc: spec.ports[0].name: Required value; spec.ports[1].name: Required value'],
    ['duplicate port names', { selector: web, ports: [{ name: 'http', port: 80 }, { name: 'http', port: 8080 }] },
      'test/svc: spec.ports[1].name: Duplicate value: "http"'],
    ['the same port and protocol twice', { selector: web, ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] },
      'test/svc: spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP"'],
    ['no ports on a ClusterIP Service', { selector: web }, 'test/svc: spec.ports: Required value'],
    ['a port name that is not a DNS label', { selector: web, ports: [{ name: 'HTTP', port: 80 }] },
      'test/svc: spec.ports[0].name: Invalid value: "HTTP": a lowercase RFC 1123 label must consist of lower case alphanumeric characters'],
    ['an invalid clusterIP', { selector: web, ports: p80, clusterIP: '10.0.0.300' },
      'test/svc: spec.clusterIPs[0]: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'],
    ['a loopback externalIP', { selector: web, ports: p80, externalIPs: ['127.0.0.1'] },
      'test/svc: spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)'],
    ['externalTrafficPolicy on an internal Service', { selector: web, ports: p80, externalTrafficPolicy: TrafficPolicy.LOCAL },
      "test/svc: spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set when `type` is 'NodePort' or 'LoadBalancer'"],
    ['allocateLoadBalancerNodePorts on a NodePort', { type: ServiceType.NODE_PORT, selector: web, ports: p80, allocateLoadBalancerNodePorts: false },
      "test/svc: spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'"],
    ['loadBalancerSourceRanges on a ClusterIP', { selector: web, ports: p80, loadBalancerSourceRanges: ['10.0.0.0/8'] },
      "test/svc: spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'"],
  ])('%s', (_what, props, message) => {
    expect(() => service(props)).toThrow(message);
  });

  test('an invalid Service name', () => {
    expect(() => service({ name: 'front_end', selector: web, ports: p80 })).toThrow(
      'test/svc: metadata.name: Invalid value: "front_end": a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character (e.g. \'my-name\',  or \'abc-123\', regex used for validation is \'[a-z]([-a-z0-9]*[a-z0-9])?\')',
    );
  });
});

describe('Endpoints for a selector-less Service', () => {
  function endpoints(addresses: string[], extra: Partial<ConstructorParameters<typeof Endpoints>[2]> = {}) {
    const { app, chart } = testChart();
    const svc = new Service(chart, 'backend', { ports: [{ name: 'http', port: 80, targetPort: 9376 }, { name: 'dns', port: 53, protocol: Protocol.UDP }] });
    new Endpoints(chart, 'ep', { service: svc, addresses, ...extra });
    return synthObjects(app) as Obj[];
  }

  test('an Endpoints object of the same name, ports taken from the Service', () => {
    const objects = endpoints(['10.1.2.3', '10.1.2.4'], { notReadyAddresses: ['10.1.2.5'] });
    expect(objects[1]).toEqual({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'backend' },
      subsets: [
        {
          addresses: [{ ip: '10.1.2.3' }, { ip: '10.1.2.4' }],
          notReadyAddresses: [{ ip: '10.1.2.5' }],
          ports: [{ name: 'http', port: 9376 }, { name: 'dns', port: 53, protocol: 'UDP' }],
        },
      ],
    });
  });

  test('and, as an option, EndpointSlices (one per IP family)', () => {
    const objects = endpoints(['10.1.2.3', '2001:db8::1'], { endpointSlice: true });
    const slices = objects.filter((o) => o.kind === 'EndpointSlice');
    expect(slices.map((s) => [s.apiVersion, s.metadata.name, s.addressType, s.metadata.labels['kubernetes.io/service-name']])).toEqual([
      ['discovery.k8s.io/v1', 'backend-ipv4', 'IPv4', 'backend'],
      ['discovery.k8s.io/v1', 'backend-ipv6', 'IPv6', 'backend'],
    ]);
    expect(slices[0].endpoints).toEqual([{ addresses: ['10.1.2.3'], conditions: { ready: true } }]);
    expect(slices[0].ports).toEqual([{ name: 'http', port: 9376 }, { name: 'dns', port: 53, protocol: 'UDP' }]);
  });

  test.each([
    ['127.0.0.1', 'may not be in the loopback range (127.0.0.0/8, ::1/128)'],
    ['::1', 'may not be in the loopback range (127.0.0.0/8, ::1/128)'],
    ['169.254.1.1', 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'],
    ['fe80::1', 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'],
    ['224.0.0.1', 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'],
    ['0.0.0.0', 'may not be unspecified (0.0.0.0)'],
    ['::', 'may not be unspecified (::)'],
    ['1.2.3', 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'],
  ])('endpoint IP %s is refused', (ip, message) => {
    expect(() => endpoints(['10.0.0.1', ip])).toThrow(`test/ep: subsets[0].addresses[1].ip: Invalid value: "${ip}": ${message}`);
  });

  test('224.0.1.1 is not link-local multicast and is accepted', () => {
    expect(() => endpoints(['224.0.1.1'])).not.toThrow();
  });

  test('endpoints for a Service with a selector are refused (Kubernetes would overwrite them)', () => {
    const { chart } = testChart();
    const svc = new Service(chart, 'web', { selector: web, ports: p80 });
    expect(() => new Endpoints(chart, 'ep', { service: svc, addresses: ['10.0.0.1'] })).toThrow('the Service has a selector');
  });
});

describe('Service.expose, as kubectl expose', () => {
  test('selector and labels from the workload, port defaults to the target port, protocol spelled out', () => {
    const { app, chart } = testChart();
    const rs = new Workload(chart, 'rs', {
      name: 'go-demo-2',
      selector: { type: 'backend' },
      podLabels: { db: 'mongo' },
      containers: [{ name: 'db', image: 'mongo', ports: [{ number: 28017 }] }],
    });
    Service.expose(chart, 'svc', rs, { name: 'go-demo-2-svc', targetPort: 28017, type: ServiceType.NODE_PORT });
    const svc = (synthObjects(app) as Obj[]).find((o) => o.kind === 'Service')!;
    expect(svc.metadata).toEqual({ name: 'go-demo-2-svc', labels: { type: 'backend', db: 'mongo' } });
    expect(svc.spec).toEqual({ type: 'NodePort', selector: { type: 'backend' }, ports: [{ port: 28017, targetPort: 28017, protocol: 'TCP' }] });
  });

  test('every declared port, named, when no port is given', () => {
    const { app, chart } = testChart();
    const d = new Workload(chart, 'web', {
      kind: WorkloadKind.DEPLOYMENT,
      labels: { app: 'web' },
      selector: { app: 'web' },
      containers: [{ name: 'web', image: 'nginx', ports: [{ number: 80, name: 'http' }, { number: 443 }] }],
    });
    Service.expose(chart, 'svc', d);
    const svc = (synthObjects(app) as Obj[]).find((o) => o.kind === 'Service')!;
    expect(svc.metadata).toEqual({ name: 'web', labels: { app: 'web' } });
    expect(svc.spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: 80, protocol: 'TCP' },
      { name: 'port-2', port: 443, targetPort: 443, protocol: 'TCP' },
    ]);
  });
});

describe('workloads', () => {
  test('a StatefulSet tier gets its governing headless Service and serviceName', () => {
    const { app } = testChart();
    const mta = new MultiTierApp(app, 'shop');
    const db = mta.addTier('db', { image: 'postgres', workload: WorkloadKind.STATEFUL_SET, replicas: 3, ports: [{ number: 5432, name: 'pg' }] });
    db.addService('public', { ports: [{ port: 5432, targetPort: 'pg' }] });
    const [sts, governing, pub] = synthObjects(app) as Obj[];
    expect([sts.kind, sts.spec.serviceName, sts.spec.replicas]).toEqual(['StatefulSet', 'shop-db', 3]);
    expect(governing.spec).toEqual({ clusterIP: 'None', ports: [{ name: 'pg', port: 5432, targetPort: 'pg' }], selector: { service: 'shop', type: 'db' } });
    expect(pub.metadata.name).toBe('shop-db-public');
    expect(pub.spec.clusterIP).toBeUndefined();
  });

  test('a StatefulSet tier cannot make its own Service a NodePort', () => {
    const { app } = testChart();
    const mta = new MultiTierApp(app, 'shop');
    expect(() =>
      mta.addTier('db', { image: 'postgres', workload: WorkloadKind.STATEFUL_SET, ports: [{ number: 5432 }], service: { type: ServiceType.NODE_PORT } }),
    ).toThrow("shop/db: service.type: Forbidden: a StatefulSet tier's own Service is its governing headless Service");
  });

  test('a DaemonSet has no replicas', () => {
    const { app } = testChart();
    const mta = new MultiTierApp(app, 'shop');
    mta.addTier('agent', { image: 'agent', workload: WorkloadKind.DAEMON_SET, service: false });
    expect((synthObjects(app) as Obj[])[0]).toMatchObject({ apiVersion: 'apps/v1', kind: 'DaemonSet', spec: { selector: { matchLabels: { type: 'agent' } } } });
    expect(() => mta.addTier('agent2', { image: 'agent', workload: WorkloadKind.DAEMON_SET, replicas: 2, service: false })).toThrow(
      'shop/agent2/Workload: spec.replicas: Forbidden: a DaemonSet has no replicas',
    );
  });

  test('a bare Pod carries its labels on metadata and has no selector', () => {
    const { app, chart } = testChart();
    new Workload(chart, 'whoami', { kind: WorkloadKind.POD, podLabels: { app: 'whoami' }, restartPolicy: 'Never', containers: [{ name: 'whoami', image: 'containous/whoami' }] });
    expect((synthObjects(app) as Obj[])[0]).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'whoami', labels: { app: 'whoami' } },
      spec: { restartPolicy: 'Never', containers: [{ name: 'whoami', image: 'containous/whoami' }] },
    });
  });

  test('a controller needs selector labels, and a StatefulSet its serviceName', () => {
    const { chart } = testChart();
    expect(() => new Workload(chart, 'a', { containers: [{ name: 'a', image: 'a' }] })).toThrow('test/a: spec.selector: Required value');
    expect(() => new Workload(chart, 'b', { kind: WorkloadKind.STATEFUL_SET, selector: { a: 'b' }, containers: [{ name: 'b', image: 'b' }] })).toThrow(
      'test/b: spec.serviceName: Required value',
    );
  });
});
