/**
 * go-demo-2, the reference application: a MongoDB tier and an API tier that finds it by DNS name.
 * `npm run synth` (or `cdk8s synth`) writes dist/go-demo-2.k8s.yaml.
 */
import { App } from 'cdk8s';
import { Construct } from 'constructs';
import { MultiTierApp, Probe, ServiceType } from 'svcgen';

/** The two tiers of go-demo-2, as the source document shows them. */
export function goDemo2(scope: Construct): MultiTierApp {
  const goDemo2 = new MultiTierApp(scope, 'go-demo-2');

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
    readiness: Probe.fromHttpGet('/demo/hello', { port: 8080, periodSeconds: 1 }),
    liveness: Probe.fromHttpGet('/demo/hello', { port: 8080 }),
    service: { type: ServiceType.NODE_PORT, ports: [{ port: 8080 }] },
  });
  return goDemo2;
}

export const app = new App();
goDemo2(app);

export default app;
