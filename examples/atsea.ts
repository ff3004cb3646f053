/**
 * The AtSea shop (github.com/dockersamples/atsea-sample-shop-app) as svcgen constructs: a Java
 * `appserver` serving the shop and its API, a postgres `database` it finds by that host name, and a
 * `payment` gateway. The Swarm stack's secrets become Secrets passed as objects (mounted as files
 * where the images read `/run/secrets/...`, as env where they read env), its nginx reverse proxy an
 * Ingress with TLS on the appserver's named port. Postgres is a StatefulSet with a claim per
 * replica; NetworkPolicies let the database and the gateway be reached by the appserver only; the
 * appserver is scaled by an autoscaler and kept up by a disruption budget, and runs under its own
 * ServiceAccount with the registry's pull secret.
 *
 *   npx svcgen synth --app examples/atsea.ts --stdout
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
  Volume,
  WorkloadKind,
} from 'svcgen';

const app = new App();
const atsea = new MultiTierApp(app, 'atsea', { workload: WorkloadKind.DEPLOYMENT });

// Secret values stay out of the program: these are filled in the cluster (kubectl create secret ...)
// after the first deploy; the keys are what the images read.
const postgres = new Secret(atsea, 'postgres-secret', { name: 'atsea-postgres', stringData: { postgres_password: '' } });
const payment = new Secret(atsea, 'payment-secret', { name: 'atsea-payment', stringData: { payment_token: '' } });
const tls = new Secret(atsea, 'tls', { name: 'atsea-tls', type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } });
const registry = new Secret(atsea, 'registry', { name: 'atsea-registry', type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': 'e30=' } });
const account = new ServiceAccount(atsea, 'account', { name: 'atsea', imagePullSecrets: [registry], automountServiceAccountToken: false });

const database = atsea.addTier('database', {
  name: 'database',
  image: 'dockersamples/atsea_db',
  workload: WorkloadKind.STATEFUL_SET,
  ports: [{ number: 5432, name: 'postgres' }],
  env: {
    POSTGRES_USER: 'gordonuser',
    POSTGRES_DB: 'atsea',
    POSTGRES_PASSWORD_FILE: '/run/secrets/postgres_password',
    PGDATA: '/var/lib/postgresql/data/pgdata',
  },
  volumes: [Volume.fromSecret('secrets', postgres)],
  volumeMounts: [{ volume: 'secrets', mountPath: '/run/secrets', readOnly: true }],
  readiness: Probe.fromCommand(['pg_isready', '-U', 'gordonuser', '-d', 'atsea']),
  storage: [{ name: 'data', storage: '5Gi', mountPath: '/var/lib/postgresql/data' }],
  resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '1Gi' } },
  serviceAccount: account,
});

const gateway = atsea.addTier('payment', {
  name: 'payment-gateway',
  image: 'dockersamples/atsea_payment_gateway',
  ports: [{ number: 8080, name: 'http' }],
  env: { PAYMENT_TOKEN: EnvValue.fromSecret(payment, 'payment_token') },
  readiness: Probe.fromTcpSocket({ port: 'http' }),
  resources: { requests: { cpu: '50m', memory: '32Mi' }, limits: { memory: '64Mi' } },
  serviceAccount: account,
});

const appserver = atsea.addTier('appserver', {
  name: 'appserver',
  image: 'dockersamples/atsea_app',
  replicas: 2,
  ports: [{ number: 8080, name: 'http' }],
  env: { DATABASE_HOST: database, PAYMENT_GATEWAY: gateway },
  volumes: [Volume.fromSecret('secrets', postgres)],
  volumeMounts: [{ volume: 'secrets', mountPath: '/run/secrets', readOnly: true }],
  service: { ports: [{ port: 80, name: 'http', targetPort: 'http' }] },
  startup: Probe.fromHttpGet('/index.html', { port: 'http', periodSeconds: 5, failureThreshold: 24 }),
  readiness: Probe.fromHttpGet('/index.html', { port: 'http' }),
  liveness: Probe.fromHttpGet('/index.html', { port: 'http' }),
  resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: '1Gi' } },
  lifecycle: { preStop: { exec: { command: ['sleep', '10'] } } },
  minReadySeconds: 10,
  serviceAccount: account,
});

new Ingress(atsea, 'ingress', { name: 'atsea', rules: [{ host: 'atsea.example.com', backend: appserver, servicePort: 'http' }], tlsSecret: tls });
new HorizontalPodAutoscaler(atsea, 'autoscaler', { target: appserver.workload, minReplicas: 2, maxReplicas: 8, cpuUtilization: 75 });
new PodDisruptionBudget(atsea, 'budget', { target: appserver, maxUnavailable: 1 });

database.allowFrom([appserver], { ports: ['postgres'] });
gateway.allowFrom([appserver], { ports: ['http'] });
appserver.allowFrom([Peer.fromAnyNamespace()], { ports: ['http'] });

app.synth();
