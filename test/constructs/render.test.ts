/**
 * `svcgen convert` renders the converter's constructs without cdk8s (lib/constructs/_render.ts):
 * each construct's checks and L1 props come from one function, which the construct hands to its L1
 * class and convert renders itself. The two renderings must be the same bytes, odd keys and all;
 * test/compose/corpus.test.ts holds the same for every app of the corpus (the printed program,
 * synthesized by cdk8s, against convert's objects).
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  ConfigMap,
  DeploymentStrategy,
  EnvValue,
  HorizontalPodAutoscaler,
  Ingress,
  NetworkPolicy,
  PersistentVolumeClaim,
  Probe,
  Protocol,
  Secret,
  Service,
  ServiceType,
  SessionAffinity,
  TrafficPolicy,
  Volume,
  Workload,
  WorkloadKind,
} from '../../lib/constructs';
import { renderConfigMap, renderHorizontalPodAutoscaler, renderIngress, renderNetworkPolicy, renderPersistentVolumeClaim, renderSecret } from '../../lib/constructs/_objects';
import { L1_KINDS, L1Object, renderObject } from '../../lib/constructs/_render';
import { renderService } from '../../lib/constructs/_service';
import { renderWorkload } from '../../lib/constructs/_workload';
import { k8s } from '../../lib/l1';
import { synthesizeApp } from '../../lib/synth/synth';
import { toMultiDocYaml } from '../../lib/yaml/write';

type Ctor = new (scope: Construct, id: string, props: never) => Construct;
type Render = (props: never, id: string, path: string) => L1Object;

const CASES: [string, Ctor, Render, unknown][] = [
  [
    'a Deployment with everything the converter sets',
    Workload,
    renderWorkload,
    {
      name: 'web',
      kind: WorkloadKind.DEPLOYMENT,
      labels: { app: 'web', 'app.kubernetes.io/part-of': 'shop' },
      annotations: { 'kompose.service.type': 'nodeport' },
      selector: { app: 'web' },
      podLabels: { tier: 'front' },
      podAnnotations: {},
      replicas: 3,
      strategy: DeploymentStrategy.fromRollingUpdate({ maxSurge: '25%', maxUnavailable: 0 }),
      minReadySeconds: 5,
      volumes: [Volume.fromEmptyDir('cache', { medium: 'Memory', sizeLimit: '64Mi' }), Volume.fromPersistentVolumeClaim('data', 'data')],
      podSpec: { hostname: 'web', nodeSelector: { 'kubernetes.io/os': 'linux' }, dnsConfig: { nameservers: ['1.1.1.1'] } },
      containers: [
        {
          name: 'web',
          image: 'nginx:1.25',
          command: ['nginx'],
          args: ['-g', 'daemon off;'],
          env: { B: '2', A: EnvValue.fromValue('1'), EMPTY: '' },
          ports: [{ name: 'http', number: 80 }, { number: 9090, protocol: Protocol.UDP }],
          resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { memory: '128Mi' } },
          readiness: Probe.fromHttpGet('/health', { port: 'http', periodSeconds: 10 }),
          liveness: Probe.fromTcpSocket({ port: 80 }),
          startup: Probe.fromCommand(['true'], { failureThreshold: 30 }),
          volumeMounts: [{ volume: 'cache', mountPath: '/cache' }, { volume: 'data', mountPath: '/data', readOnly: true }],
        },
      ],
    },
  ],
  [
    'a StatefulSet with claim templates and an update strategy',
    Workload,
    renderWorkload,
    {
      name: 'db',
      kind: WorkloadKind.STATEFUL_SET,
      selector: { app: 'db' },
      serviceName: 'db',
      replicas: 2,
      updateStrategy: { type: 'RollingUpdate', partition: 1 },
      volumeClaimTemplates: [{ name: 'data', storage: '10Gi', storageClassName: 'fast' }],
      containers: [{ name: 'db', image: 'postgres', volumeMounts: [{ volume: 'data', mountPath: '/var/lib/postgresql/data' }] }],
    },
  ],
  ['a DaemonSet', Workload, renderWorkload, { name: 'agent', kind: WorkloadKind.DAEMON_SET, selector: { app: 'agent' }, updateStrategy: { type: 'RollingUpdate', maxUnavailable: '10%', maxSurge: 0 }, containers: [{ name: 'agent', image: 'agent' }] }],
  ['a CronJob', Workload, renderWorkload, { name: 'backup', kind: WorkloadKind.CRON_JOB, schedule: '0 3 * * *', replicas: 1, backoffLimit: 2, containers: [{ name: 'b', image: 'backup' }] }],
  ['a Job', Workload, renderWorkload, { name: 'migrate', kind: WorkloadKind.JOB, restartPolicy: 'Never', containers: [{ name: 'm', image: 'migrate' }] }],
  ['a bare Pod', Workload, renderWorkload, { name: 'debug', kind: WorkloadKind.POD, podLabels: { run: 'debug' }, labels: { team: 'a' }, containers: [{ name: 'd', image: 'busybox' }] }],
  ['a ReplicaSet', Workload, renderWorkload, { name: 'rs', selector: { app: 'rs' }, replicas: 0, containers: [{ name: 'c', image: 'x' }] }],
  [
    'a NodePort Service with named ports and affinity',
    Service,
    renderService,
    {
      name: 'web',
      labels: { app: 'web' },
      selector: { app: 'web' },
      type: ServiceType.NODE_PORT,
      ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }, { name: 'metrics', port: 9090, targetPort: 9090, protocol: Protocol.TCP }],
      sessionAffinity: SessionAffinity.CLIENT_IP,
      sessionAffinityTimeoutSeconds: 600,
      externalTrafficPolicy: TrafficPolicy.LOCAL,
      externalIPs: ['192.0.2.10'],
    },
  ],
  ['a headless Service', Service, renderService, { name: 'db', selector: { app: 'db' }, headless: true, publishNotReadyAddresses: true }],
  ['an ExternalName Service', Service, renderService, { name: 'ext', type: ServiceType.EXTERNAL_NAME, externalName: 'db.example.com' }],
  ['a LoadBalancer Service', Service, renderService, { name: 'lb', selector: { a: 'b' }, type: ServiceType.LOAD_BALANCER, ports: [{ port: 443 }], loadBalancerSourceRanges: ['10.0.0.0/8'], loadBalancerIP: '198.51.100.1', ipFamilies: ['IPv4'] }],
  ['a ConfigMap', ConfigMap, renderConfigMap, { name: 'conf', labels: {}, data: { 'nginx.conf': 'x', b: '', a: 'y' } }],
  ['a Secret', Secret, renderSecret, { name: 's', type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' }, stringData: { password: '' } }],
  ['a PersistentVolumeClaim', PersistentVolumeClaim, renderPersistentVolumeClaim, { name: 'data', storage: '1Gi', accessModes: ['ReadWriteMany'], storageClassName: '' }],
  [
    'an Ingress',
    Ingress,
    renderIngress,
    { name: 'web', ingressClassName: 'nginx', tlsSecretName: 'tls', rules: [{ host: 'a.example.com', serviceName: 'web', servicePort: 80 }, { path: '/api', serviceName: 'api', servicePort: 'http' }] },
  ],
  [
    'a NetworkPolicy',
    NetworkPolicy,
    renderNetworkPolicy,
    {
      name: 'net',
      podSelector: {},
      ingress: [{ from: [{ podSelector: { a: 'b' } }, { namespaceSelector: {} }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 80 }, { port: 'http', protocol: Protocol.TCP }, { port: 8000, endPort: 8100 }] }, {}],
    },
  ],
  [
    'a HorizontalPodAutoscaler',
    HorizontalPodAutoscaler,
    (p, _id, path) => renderHorizontalPodAutoscaler(p, path, false),
    { name: 'web', target: { kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, cpuUtilization: 80, memoryUtilization: 70 },
  ],
  // map keys cdk8s treats oddly: integer-like keys, `__proto__` (lost by its resolver), `toString`
  ['a ConfigMap with odd keys', ConfigMap, renderConfigMap, { name: 'odd', labels: { b: '1', '10': 'ten', '2': 'two', toString: 't', ['__proto__']: 'p' }, data: { valueOf: 'v', value: 'x' } }],
  ['labels with a key `value`', Workload, renderWorkload, { name: 'v', selector: { value: 'x' }, labels: { value: '1' }, containers: [{ name: 'c', image: 'x' }] }],
];

/** The objects cdk8s synthesizes for the construct, as YAML. */
function throughCdk8s(ctor: Ctor, props: unknown): string {
  const app = new App();
  const chart = new Chart(app, 'c', { disableResourceNameHashes: true });
  new ctor(chart, 'x', props as never);
  return toMultiDocYaml(synthesizeApp(app).flatMap((c) => c.objects));
}

describe.each(CASES.map(([name, ctor, render, props]) => [name, ctor, render, props] as const))('%s', (_name, ctor, render, props) => {
  test('renders without cdk8s to the bytes cdk8s synthesizes', () => {
    const expected = throughCdk8s(ctor, props);
    expect(toMultiDocYaml([renderObject(render(props as never, 'x', 'c/x'), 'c/x')])).toBe(expected);
  });
});

test('a map key named "constructor" is refused the same way with and without cdk8s', () => {
  const props = { name: 'c', data: { constructor: 'x' } };
  expect(() => throughCdk8s(ConfigMap, props)).toThrow('c/x/Resource: a map key named "constructor" (in labels, annotations or data) cannot be synthesized by cdk8s');
  expect(() => renderObject(renderConfigMap(props, 'x', 'c/x'), 'c/x')).toThrow('c/x/Resource: a map key named "constructor" (in labels, annotations or data) cannot be synthesized by cdk8s');
});

test('a construct and its render function refuse the same props with the same problems', () => {
  const bad: [Ctor, Render, unknown][] = [
    [Workload, renderWorkload, { name: 'Web', kind: WorkloadKind.DAEMON_SET, replicas: 2, containers: [{ image: 'x' }] }],
    [Workload, renderWorkload, { name: 'web', selector: { a: 'b' }, containers: [{ name: 'a', image: 'x' }, { name: 'a', image: 'y' }] }],
    [Service, renderService, { name: 'web', type: ServiceType.EXTERNAL_NAME, ports: [{ port: 80 }] }],
    [PersistentVolumeClaim, renderPersistentVolumeClaim, { name: 'Data', storage: '1Gi' }],
    [NetworkPolicy, renderNetworkPolicy, { name: 'n', podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: 'nope' } }] }] }],
    [HorizontalPodAutoscaler, (p, _id, path) => renderHorizontalPodAutoscaler(p, path, false), { target: { kind: 'Deployment', name: 'w' }, minReplicas: 5, maxReplicas: 2 }],
  ];
  for (const [ctor, render, props] of bad) {
    const app = new App();
    const chart = new Chart(app, 'c');
    let fromConstruct: unknown;
    try {
      new ctor(chart, 'x', props as never);
    } catch (e) {
      fromConstruct = e;
    }
    expect(fromConstruct).toBeDefined();
    expect(() => render(props as never, 'x', 'c/x')).toThrow((fromConstruct as Error).message);
  }
});

test('the L1 kinds name their classes, and the API version and kind of each', () => {
  for (const [name, { apiVersion, kind, cls }] of Object.entries(L1_KINDS)) {
    expect([name, cls()]).toEqual([name, (k8s as unknown as Record<string, unknown>)[name]]);
    expect([name, (cls() as unknown as { GVK: unknown }).GVK]).toEqual([name, { apiVersion, kind }]);
  }
});
