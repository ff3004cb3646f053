/**
 * go-demo-2, the reference application: a MongoDB tier and an API tier that finds it by DNS name.
 * `npm run synth` (or `cdk8s synth`) writes dist/go-demo-2.k8s.yaml.
 */
import { App } from 'cdk8s';
import { MultiTierApp, Probe, ServiceType } from 'svcgen';

export const app = new App();
const goDemo2 = new MultiTierApp(app, 'go-demo-2');

const db = goDemo2.addTier('db', {
  image: 'mongo:3.3',
  podLabels: { vendor: 'MongoLabs' },
  ports: [{ number: 28017 }],
  service: { ports: [{ port: 27017 }] },
});

goDemo2.addTier('api', {
  image: 'vfarcic/go-demo-2',
  replicas: 3,
  podLabels: { language: 'go' },
  env: { DB: db },
  readiness: Probe.httpGet('/demo/hello', { port: 8080, periodSeconds: 1 }),
  liveness: Probe.httpGet('/demo/hello', { port: 8080 }),
  service: { type: ServiceType.NODE_PORT, ports: [{ port: 8080 }] },
});

export default app;
