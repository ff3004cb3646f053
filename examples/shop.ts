/**
 * A shop with the objects around its Services: a postgres StatefulSet with a claim per replica, its
 * password from a Secret passed as the object, a web tier behind an Ingress (named port), scaled by
 * an autoscaler and protected by a disruption budget, NetworkPolicies between the tiers, a
 * ServiceAccount with a pull secret, and a nightly CronJob. The API-server tests send it to a real
 * kube-apiserver.
 */
import { App } from 'cdk8s';
import {
  EnvValue,
  HorizontalPodAutoscaler,
  Ingress,
  MultiTierApp,
  Peer,
  PodDisruptionBudget,
  Probe,
  Secret,
  ServiceAccount,
  Workload,
  WorkloadKind,
} from 'svcgen';

const app = new App();
const shop = new MultiTierApp(app, 'shop', { workload: WorkloadKind.DEPLOYMENT });
const creds = new Secret(shop, 'creds', { name: 'shop-db-credentials', stringData: { password: '' } });
const pull = new Secret(shop, 'pull', { name: 'shop-registry', type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': 'e30=' } });
const account = new ServiceAccount(shop, 'account', { name: 'shop', imagePullSecrets: [pull], automountServiceAccountToken: false });

const db = shop.addTier('db', {
  image: 'postgres:16',
  workload: WorkloadKind.STATEFUL_SET,
  ports: [{ number: 5432, name: 'postgres' }],
  env: { POSTGRES_PASSWORD: EnvValue.fromSecret(creds, 'password') },
  readiness: Probe.fromCommand(['pg_isready', '-U', 'postgres']),
  storage: [{ name: 'data', storage: '10Gi', mountPath: '/var/lib/postgresql/data' }],
  serviceAccount: account,
});
const web = shop.addTier('web', {
  image: 'example/shop-web:1.0',
  ports: [{ number: 8080, name: 'http' }],
  env: { DB_HOST: db, DB_PASSWORD: EnvValue.fromSecret(creds, 'password') },
  readiness: Probe.fromHttpGet('/healthz', { port: 'http' }),
  resources: { requests: { cpu: '250m', memory: '128Mi' }, limits: { memory: '256Mi' } },
  lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
  minReadySeconds: 5,
  serviceAccount: account,
});

new Ingress(shop, 'ingress', { name: 'shop', rules: [{ host: 'shop.example.com', backend: web }] });
new HorizontalPodAutoscaler(shop, 'autoscaler', { target: web.workload, minReplicas: 2, maxReplicas: 10, cpuUtilization: 70 });
new PodDisruptionBudget(shop, 'budget', { target: web, minAvailable: 1 });
db.allowFrom([web], { ports: ['postgres'] });
web.allowFrom([Peer.fromAnyNamespace()], { ports: ['http'] });
new Workload(shop, 'backup', {
  name: 'shop-backup',
  kind: WorkloadKind.CRON_JOB,
  schedule: '0 3 * * *',
  concurrencyPolicy: 'Forbid',
  podLabels: { app: 'shop-backup' },
  containers: [{ name: 'backup', image: 'postgres:16', command: ['sh', '-c', 'pg_dump -h "$DB_HOST" -U postgres > /dev/null'], env: { DB_HOST: db, PGPASSWORD: EnvValue.fromSecret(creds, 'password') } }],
});
app.synth();
