/**
 * The Docker example voting app (github.com/dockersamples/example-voting-app) as svcgen constructs:
 * `vote` (Python) pushes votes to `redis`, `worker` (.NET) moves them into the `db` postgres, and
 * `result` (Node) shows them. The images find their peers by fixed host names (`redis`, `db`), so
 * those tiers choose their names. Postgres is a StatefulSet with a claim per replica, its password
 * a Secret passed as the object; NetworkPolicies let each tier reach only what it uses; the public
 * `vote` tier is scaled by an autoscaler and kept up by a disruption budget; one Ingress routes both
 * web tiers by host, to their Services' named port.
 *
 *   npx svcgen synth --app examples/voting-app.ts --stdout
 */
import { App } from 'cdk8s';
import { EnvValue, HorizontalPodAutoscaler, Ingress, MultiTierApp, Peer, PodDisruptionBudget, Probe, Secret, WorkloadKind } from 'svcgen';

const app = new App();
const voting = new MultiTierApp(app, 'voting', { workload: WorkloadKind.DEPLOYMENT });

// The worker and result images connect as postgres/postgres: the Secret must say the same. In a
// real cluster, create it outside the program and refer to it by name: EnvValue.fromSecret('voting-db', 'password').
const dbSecret = new Secret(voting, 'db-secret', { name: 'voting-db', stringData: { username: 'postgres', password: 'postgres' } });
const tls = new Secret(voting, 'tls', { name: 'voting-tls', type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } });

const web = { ports: [{ number: 80, name: 'http' }], service: { ports: [{ port: 80, name: 'http', targetPort: 'http' }] } };
const small = { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '256Mi' } };

const redis = voting.addTier('redis', {
  name: 'redis',
  image: 'redis:7-alpine',
  ports: [{ number: 6379, name: 'redis' }],
  readiness: Probe.fromCommand(['redis-cli', 'ping']),
  resources: small,
});

const db = voting.addTier('db', {
  name: 'db',
  image: 'postgres:15-alpine',
  workload: WorkloadKind.STATEFUL_SET,
  ports: [{ number: 5432, name: 'postgres' }],
  env: {
    POSTGRES_USER: EnvValue.fromSecret(dbSecret, 'username'),
    POSTGRES_PASSWORD: EnvValue.fromSecret(dbSecret, 'password'),
    // a claim's root holds lost+found, which initdb refuses: keep the data one folder down
    PGDATA: '/var/lib/postgresql/data/pgdata',
  },
  readiness: Probe.fromCommand(['pg_isready', '-U', 'postgres']),
  liveness: Probe.fromTcpSocket({ port: 'postgres', initialDelaySeconds: 30 }),
  storage: [{ name: 'db-data', storage: '1Gi', mountPath: '/var/lib/postgresql/data' }],
  resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } },
});

const vote = voting.addTier('vote', {
  image: 'dockersamples/examplevotingapp_vote',
  replicas: 2,
  ...web,
  readiness: Probe.fromHttpGet('/', { port: 'http' }),
  resources: small,
  lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
  minReadySeconds: 5,
});

const result = voting.addTier('result', {
  image: 'dockersamples/examplevotingapp_result',
  ...web,
  readiness: Probe.fromHttpGet('/', { port: 'http' }),
  resources: small,
});

const worker = voting.addTier('worker', {
  image: 'dockersamples/examplevotingapp_worker',
  replicas: 2,
  service: false,
  resources: small,
});

new Ingress(voting, 'ingress', {
  name: 'voting',
  rules: [
    { host: 'vote.example.com', backend: vote, servicePort: 'http' },
    { host: 'result.example.com', backend: result, servicePort: 'http' },
  ],
  tlsSecret: tls,
});
new HorizontalPodAutoscaler(voting, 'vote-autoscaler', { target: vote.workload, minReplicas: 2, maxReplicas: 6, cpuUtilization: 70 });
new PodDisruptionBudget(voting, 'vote-budget', { target: vote, minAvailable: 1 });

redis.allowFrom([vote, worker], { ports: ['redis'] });
db.allowFrom([worker, result], { ports: ['postgres'] });
vote.allowFrom([Peer.fromAnyNamespace()], { ports: ['http'] });
result.allowFrom([Peer.fromAnyNamespace()], { ports: ['http'] });

app.synth();
// synthesizes: Secret/voting-db, Secret/voting-tls, Deployment/redis, Service/redis, NetworkPolicy/redis-allow-1, StatefulSet/db, Service/db, NetworkPolicy/db-allow-1, Deployment/voting-vote, Service/voting-vote, NetworkPolicy/voting-vote-allow-1, Deployment/voting-result, Service/voting-result, NetworkPolicy/voting-result-allow-1, Deployment/voting-worker, Ingress/voting, HorizontalPodAutoscaler/voting-vote, PodDisruptionBudget/voting-vote
