import { HorizontalPodAutoscaler, NetworkPolicy, Protocol, Workload, WorkloadKind } from '../../lib';
import { synthObjects, testChart } from '../helpers/synth';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const container = { name: 'c', image: 'busybox' };

describe('CronJob workloads', () => {
  test('schedule, concurrency policy, time zone and backoff limit; only what was set', () => {
    const { app, chart } = testChart();
    new Workload(chart, 'backup', { kind: WorkloadKind.CRON_JOB, schedule: '0 3 * * *', concurrencyPolicy: 'Forbid', timeZone: 'Europe/Berlin', backoffLimit: 2, podLabels: { app: 'backup' }, containers: [container] });
    expect((synthObjects(app) as Obj[])[0]).toEqual({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'backup' },
      spec: {
        schedule: '0 3 * * *',
        timeZone: 'Europe/Berlin',
        concurrencyPolicy: 'Forbid',
        jobTemplate: { spec: { backoffLimit: 2, template: { metadata: { labels: { app: 'backup' } }, spec: { containers: [container], restartPolicy: 'OnFailure' } } } },
      },
    });
  });

  test('misuse throws with the API server\'s wording', () => {
    const { chart } = testChart();
    expect(() => new Workload(chart, 'a', { kind: WorkloadKind.CRON_JOB, containers: [container] })).toThrow(/spec\.schedule: Required value/);
    expect(() => new Workload(chart, 'b', { kind: WorkloadKind.CRON_JOB, schedule: '0 3 * *', containers: [container] })).toThrow(/spec\.schedule: Invalid value: "0 3 \* \*": unparseable schedule/);
    expect(() => new Workload(chart, 'c', { kind: WorkloadKind.CRON_JOB, schedule: '@hourly', restartPolicy: 'Always', containers: [container] })).toThrow(
      /spec\.jobTemplate\.spec\.template\.spec\.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"/,
    );
    expect(() => new Workload(chart, 'd', { kind: WorkloadKind.DEPLOYMENT, selector: { a: 'b' }, schedule: '@hourly', containers: [container] })).toThrow(/spec\.schedule: Forbidden: only a CronJob has it/);
  });
});

describe('HorizontalPodAutoscaler', () => {
  test('targets a workload of the app; bounds and utilization targets; only what was set', () => {
    const { app, chart } = testChart();
    const web = new Workload(chart, 'web', { kind: WorkloadKind.DEPLOYMENT, selector: { app: 'web' }, containers: [container] });
    new HorizontalPodAutoscaler(chart, 'hpa', { target: web, minReplicas: 2, maxReplicas: 8, cpuUtilization: 60 });
    expect((synthObjects(app) as Obj[]).find((o) => o.kind === 'HorizontalPodAutoscaler')).toEqual({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 2,
        maxReplicas: 8,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }],
      },
    });
  });

  test('misuse throws with the API server\'s wording', () => {
    const { chart } = testChart();
    const ds = new Workload(chart, 'agent', { kind: WorkloadKind.DAEMON_SET, selector: { app: 'a' }, containers: [container] });
    expect(() => new HorizontalPodAutoscaler(chart, 'a', { target: { kind: 'Deployment', name: 'web' }, minReplicas: 5, maxReplicas: 2 })).toThrow(/spec\.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`/);
    expect(() => new HorizontalPodAutoscaler(chart, 'b', { target: { kind: 'Deployment', name: 'web' }, maxReplicas: 0 })).toThrow(/spec\.maxReplicas: Invalid value: 0: must be greater than 0/);
    expect(() => new HorizontalPodAutoscaler(chart, 'c', { target: ds, maxReplicas: 3 })).toThrow(/spec\.scaleTargetRef\.kind: Unsupported value: "DaemonSet"/);
  });
});

describe('NetworkPolicy', () => {
  test('isolates Pods for ingress and admits the listed peers and ports', () => {
    const { app, chart } = testChart();
    new NetworkPolicy(chart, 'db-from-api', {
      podSelector: { tier: 'db' },
      ingress: [
        { from: [{ podSelector: { tier: 'api' } }, { namespaceSelector: { team: 'ops' } }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 5432 }, { port: 'metrics', protocol: Protocol.TCP }] },
      ],
    });
    expect((synthObjects(app) as Obj[])[0].spec).toEqual({
      podSelector: { matchLabels: { tier: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ podSelector: { matchLabels: { tier: 'api' } } }, { namespaceSelector: { matchLabels: { team: 'ops' } } }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }],
          ports: [{ port: 5432 }, { port: 'metrics', protocol: 'TCP' }],
        },
      ],
    });
  });

  test('{} selects every Pod; a bad CIDR throws', () => {
    const { app, chart } = testChart();
    new NetworkPolicy(chart, 'deny-all', { podSelector: {}, ingress: [] });
    expect((synthObjects(app) as Obj[])[0].spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'], ingress: [] });
    expect(() => new NetworkPolicy(chart, 'bad', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/33' } }] }] })).toThrow(/spec\.ingress\[0\]\.from\[0\]\.ipBlock\.cidr: Invalid value: "10\.0\.0\.0\/33"/);
  });
});

describe('per-replica storage', () => {
  test('a StatefulSet tier\'s storage: claim templates mounted in the tier\'s container; the obvious path for a database', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { MultiTierApp } = require('../../lib') as typeof import('../../lib');
    const { app, chart } = testChart();
    const shop = new MultiTierApp(chart, 'shop');
    shop.addTier('db', { image: 'postgres:16', workload: WorkloadKind.STATEFUL_SET, ports: [{ number: 5432 }], storage: [{ name: 'data', storage: '10Gi', mountPath: '/var/lib/postgresql/data', storageClassName: 'fast' }] });
    const sts = (synthObjects(app) as Obj[]).find((o) => o.kind === 'StatefulSet')!;
    expect(sts.spec.volumeClaimTemplates).toEqual([{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast', resources: { requests: { storage: '10Gi' } } } }]);
    expect(sts.spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'data', mountPath: '/var/lib/postgresql/data' }]);
  });

  test('misuse: storage on a Deployment tier, claim templates on a Deployment, a bad size, a name used twice', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { MultiTierApp } = require('../../lib') as typeof import('../../lib');
    const { chart } = testChart();
    const shop = new MultiTierApp(chart, 'shop');
    expect(() => shop.addTier('db', { image: 'postgres', workload: WorkloadKind.DEPLOYMENT, storage: [{ name: 'data', storage: '1Gi', mountPath: '/d' }] })).toThrow(
      /spec\.volumeClaimTemplates: Forbidden: storage of its own per replica needs a StatefulSet, not a Deployment \(fix: workload: WorkloadKind\.STATEFUL_SET/,
    );
    const base = { selector: { app: 'x' }, containers: [container] };
    expect(() => new Workload(chart, 'a', { ...base, kind: WorkloadKind.DEPLOYMENT, volumeClaimTemplates: [{ name: 'data', storage: '1Gi' }] })).toThrow(/spec\.volumeClaimTemplates: Forbidden: only a StatefulSet has claim templates/);
    expect(() => new Workload(chart, 'b', { ...base, kind: WorkloadKind.STATEFUL_SET, serviceName: 'x', volumeClaimTemplates: [{ name: 'data', storage: 'lots' }] })).toThrow(/spec\.volumeClaimTemplates\[0\]\.spec\.resources\.requests\[storage\]: Invalid value: "lots"/);
    expect(() => new Workload(chart, 'c', { ...base, kind: WorkloadKind.STATEFUL_SET, serviceName: 'x', volumeClaimTemplates: [{ name: 'data', storage: '1Gi' }, { name: 'data', storage: '2Gi' }] })).toThrow(/spec\.volumeClaimTemplates\[1\]\.metadata\.name: Duplicate value: "data"/);
  });
});

describe('workload and container options', () => {
  test('minReadySeconds, revisionHistoryLimit, progressDeadlineSeconds, update strategies, podManagementPolicy, preStop: only what was set', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { MultiTierApp } = require('../../lib') as typeof import('../../lib');
    const { app, chart } = testChart();
    const shop = new MultiTierApp(chart, 'shop');
    shop.addTier('web', {
      image: 'nginx',
      workload: WorkloadKind.DEPLOYMENT,
      minReadySeconds: 5,
      revisionHistoryLimit: 3,
      progressDeadlineSeconds: 120,
      lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
      service: false,
    });
    shop.addTier('db', { image: 'postgres', workload: WorkloadKind.STATEFUL_SET, podManagementPolicy: 'Parallel', updateStrategy: { type: 'RollingUpdate', partition: 1 }, service: { headless: true, ports: [{ port: 5432 }] }, ports: [{ number: 5432 }] });
    shop.addTier('agent', { image: 'agent', workload: WorkloadKind.DAEMON_SET, updateStrategy: { type: 'RollingUpdate', maxUnavailable: '20%', maxSurge: 0 }, service: false });
    const objs = synthObjects(app) as Obj[];
    const get = (kind: string) => objs.find((o) => o.kind === kind)!;
    expect(get('Deployment').spec).toMatchObject({ minReadySeconds: 5, revisionHistoryLimit: 3, progressDeadlineSeconds: 120 });
    expect(get('Deployment').spec.template.spec.containers[0].lifecycle).toEqual({ preStop: { exec: { command: ['sleep', '5'] } } });
    expect(get('StatefulSet').spec).toMatchObject({ podManagementPolicy: 'Parallel', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } });
    expect(get('DaemonSet').spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '20%', maxSurge: 0 } });
    expect(Object.keys(get('StatefulSet').spec)).not.toContain('minReadySeconds');
  });

  test('misuse throws with the API server\'s wording', () => {
    const { chart } = testChart();
    const base = { selector: { app: 'x' }, containers: [container] };
    expect(() => new Workload(chart, 'a', { ...base, kind: WorkloadKind.DEPLOYMENT, minReadySeconds: 10, progressDeadlineSeconds: 10 })).toThrow(/spec\.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds/);
    expect(() => new Workload(chart, 'b', { ...base, kind: WorkloadKind.DEPLOYMENT, podManagementPolicy: 'Parallel' })).toThrow(/spec\.podManagementPolicy: Forbidden: a Deployment has no podManagementPolicy/);
    expect(() => new Workload(chart, 'c', { ...base, kind: WorkloadKind.STATEFUL_SET, serviceName: 's', revisionHistoryLimit: -1 })).toThrow(/spec\.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0/);
    expect(() => new Workload(chart, 'd', { ...base, kind: WorkloadKind.DEPLOYMENT, containers: [{ ...container, lifecycle: { preStop: {} } }] })).toThrow(/lifecycle\.preStop: Required value: must specify a handler type/);
  });
});

describe('typed references: Secrets, ConfigMaps and Ingress backends as constructs', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lib = require('../../lib') as typeof import('../../lib');

  test('EnvValue.fromSecret(secret, key) and Volume.fromConfigMap(name, configMap) take the constructs; a missing key throws at once', () => {
    const { app, chart } = testChart();
    const creds = new lib.Secret(chart, 'creds', { name: 'shop-db-credentials', stringData: { password: '', user: '' } });
    const conf = new lib.ConfigMap(chart, 'conf', { name: 'nginx', data: { 'default.conf': 'server {}' } });
    const shop = new lib.MultiTierApp(chart, 'shop');
    shop.addTier('db', { image: 'postgres', ports: [{ number: 5432 }], env: { POSTGRES_PASSWORD: lib.EnvValue.fromSecret(creds, 'password') }, volumes: [lib.Volume.fromConfigMap('conf', conf)], volumeMounts: [{ volume: 'conf', mountPath: '/etc/conf' }] });
    const sts = (synthObjects(app) as Obj[]).find((o) => o.kind === 'ReplicaSet')!;
    expect(sts.spec.template.spec.containers[0].env).toEqual([{ name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'shop-db-credentials', key: 'password' } } }]);
    expect(sts.spec.template.spec.volumes).toEqual([{ name: 'conf', configMap: { name: 'nginx' } }]);
    expect(() => lib.EnvValue.fromSecret(creds, 'passwrd')).toThrow('Secret "shop-db-credentials" has no key "passwrd" (its keys: password, user): the Pod would not start (CreateContainerConfigError)');
  });

  test('an Ingress rule routes to a tier: its Service name resolved, the port checked (number or name; the only port by default)', () => {
    const { app, chart } = testChart();
    const shop = new lib.MultiTierApp(chart, 'shop');
    const web = shop.addTier('web', { image: 'nginx', ports: [{ number: 8080, name: 'http' }] });
    new lib.Ingress(chart, 'ing', { rules: [{ path: '/', backend: web }, { path: '/api', backend: web, servicePort: 'http' }] });
    const ing = (synthObjects(app) as Obj[]).find((o) => o.kind === 'Ingress')!;
    expect(ing.spec.rules.map((r: Obj) => r.http.paths[0].backend.service)).toEqual([
      { name: 'shop-web', port: { name: 'http' } },
      { name: 'shop-web', port: { name: 'http' } },
    ]);
    expect(() => new lib.Ingress(chart, 'bad', { rules: [{ backend: web, servicePort: 80 }] })).toThrow(/spec\.rules\[0\]\.http\.paths\[0\]\.backend\.service\.port: Invalid value: 80: Service "shop-web" has no port 80 \(its ports: http \(8080\)\)/);
  });

  test('string references to what the app does not define are warnings at synth (a typo, or made elsewhere)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { referenceWarnings } = require('../../lib/synth/synth') as typeof import('../../lib/synth/synth');
    const { app, chart } = testChart();
    new lib.Secret(chart, 'creds', { name: 'shop-db-credentials', stringData: { password: '' } });
    const shop = new lib.MultiTierApp(chart, 'shop');
    shop.addTier('db', {
      image: 'postgres',
      ports: [{ number: 5432 }],
      env: { A: lib.EnvValue.fromSecret('shop-db-credentails', 'password'), B: lib.EnvValue.fromSecret('shop-db-credentials', 'pasword'), C: lib.EnvValue.fromConfigMap('maybe', 'x', { optional: true }) },
    });
    expect(referenceWarnings(synthObjects(app))).toEqual([
      'ReplicaSet/shop-db: container db: env A: Secret "shop-db-credentails" is not in the app: create it before deploying (a typo? the Pod would not start)',
      'ReplicaSet/shop-db: container db: env B: Secret "shop-db-credentials" has no key "pasword" (its keys: password)',
    ]);
  });

  test("an Ingress's TLS Secret as the construct; by name, and a backend by name, warned at synth when the app has no such object", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { referenceWarnings } = require('../../lib/synth/synth') as typeof import('../../lib/synth/synth');
    const { app, chart } = testChart();
    const shop = new lib.MultiTierApp(chart, 'shop');
    const web = shop.addTier('web', { image: 'nginx', ports: [{ number: 8080, name: 'http' }] });
    const tls = new lib.Secret(chart, 'tls', { name: 'shop-tls', type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } });
    new lib.Ingress(chart, 'good', { rules: [{ host: 'shop.example.com', backend: web }], tlsSecret: tls });
    new lib.Ingress(chart, 'typos', { rules: [{ host: 'a.example.com', serviceName: 'shop-wbe', servicePort: 'http' }], tlsSecret: 'shop-tsl' });
    const objs = synthObjects(app) as Obj[];
    expect(objs.find((o) => o.kind === 'Ingress' && o.metadata.name === 'good')!.spec.tls).toEqual([{ hosts: ['shop.example.com'], secretName: 'shop-tls' }]);
    expect(referenceWarnings(objs)).toEqual([
      'Ingress/typos: tls[0]: Secret "shop-tsl" is not in the app: create it before deploying (a typo? the Ingress would serve a default certificate)',
      'Ingress/typos: rules[0].paths[0]: Service "shop-wbe" is not in the app: create it before deploying (a typo? the Ingress would answer 503)',
    ]);
  });
});

describe('the objects around a tier: allowFrom, PodDisruptionBudget, ServiceAccount', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const lib = require('../../lib') as typeof import('../../lib');

  test('db.allowFrom([api]) and from any namespace on a named port; a PDB on the public tier; a ServiceAccount with a pull secret', () => {
    const { app, chart } = testChart();
    const shop = new lib.MultiTierApp(chart, 'shop');
    const pull = new lib.Secret(chart, 'pull', { name: 'regcred', type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': 'e30=' } });
    const sa = new lib.ServiceAccount(chart, 'sa', { name: 'shop', imagePullSecrets: [pull], automountServiceAccountToken: false });
    const db = shop.addTier('db', { image: 'postgres', ports: [{ number: 5432, name: 'postgres' }], serviceAccount: sa });
    const api = shop.addTier('api', { image: 'api', ports: [{ number: 8080, name: 'http' }], replicas: 3 });
    db.allowFrom([api], { ports: ['postgres'] });
    api.allowFrom([lib.Peer.fromAnyNamespace()], { ports: [8080] });
    new lib.PodDisruptionBudget(chart, 'pdb', { target: api, minAvailable: '50%' });
    const objs = synthObjects(app) as Obj[];
    const pol = (name: string) => objs.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === name)!.spec;
    expect(pol('shop-db-allow-1')).toEqual({
      podSelector: { matchLabels: { service: 'shop', type: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { service: 'shop', type: 'api' } } }], ports: [{ port: 'postgres' }] }],
    });
    expect(pol('shop-api-allow-1').ingress).toEqual([{ from: [{ namespaceSelector: {} }], ports: [{ port: 8080 }] }]);
    expect(objs.find((o) => o.kind === 'PodDisruptionBudget')).toEqual({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'shop-api' },
      spec: { minAvailable: '50%', selector: { matchLabels: { service: 'shop', type: 'api' } } },
    });
    expect(objs.find((o) => o.kind === 'ServiceAccount')).toEqual({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'shop' }, automountServiceAccountToken: false, imagePullSecrets: [{ name: 'regcred' }] });
    expect(objs.find((o) => o.kind === 'ReplicaSet' && o.metadata.name === 'shop-db')!.spec.template.spec.serviceAccountName).toBe('shop');
  });

  test('misuse: a PDB with both bounds, or neither, or a bad percentage', () => {
    const { chart } = testChart();
    const shop = new lib.MultiTierApp(chart, 'shop');
    const api = shop.addTier('api', { image: 'api', ports: [{ number: 8080 }] });
    expect(() => new lib.PodDisruptionBudget(chart, 'a', { target: api, minAvailable: 1, maxUnavailable: 1 })).toThrow(/minAvailable and maxUnavailable cannot be both set/);
    expect(() => new lib.PodDisruptionBudget(chart, 'b', { target: api })).toThrow(/spec\.minAvailable: Required value: give minAvailable or maxUnavailable/);
    expect(() => new lib.PodDisruptionBudget(chart, 'c', { target: api, maxUnavailable: '150%' })).toThrow(/spec\.maxUnavailable: Invalid value: "150%"/);
  });
});
