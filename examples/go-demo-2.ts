/**
 * Every manifest of the go-demo-2 folder (seed 000), one chart per file:
 * go-demo-2.yml (the two tiers), go-demo-2-rs.yml (the first, single-Pod design),
 * go-demo-2-svc.yml (a fixed nodePort) and go-demo-2-expose.yml (`kubectl expose rs`).
 */
import { App, Chart } from 'cdk8s';
import { EnvValue, Probe, Protocol, Service, ServiceType, Workload } from 'svcgen';
import { goDemo2 } from '../main';

const app = new App();

// go-demo-2.yml: the reference app of main.ts (a MongoDB tier and an API tier that reaches it as go-demo-2-db)
goDemo2(app);

// go-demo-2-rs.yml: API and database in one Pod
const rsChart = new Chart(app, 'go-demo-2-rs');
const rs = new Workload(rsChart, 'rs', {
  name: 'go-demo-2',
  replicas: 2,
  selector: { type: 'backend', service: 'go-demo-2' },
  podLabels: { db: 'mongo', language: 'go' },
  containers: [
    {
      name: 'db',
      image: 'mongo:3.3',
      command: ['mongod'],
      args: ['--rest', '--httpinterface'],
      ports: [{ number: 28017, protocol: Protocol.TCP }],
    },
    {
      name: 'api',
      image: 'vfarcic/go-demo-2',
      env: { DB: EnvValue.fromValue('localhost') },
      liveness: Probe.fromHttpGet('/demo/hello', { port: 8080 }),
    },
  ],
});

// go-demo-2-svc.yml: the declarative Service with a fixed nodePort
new Service(new Chart(app, 'go-demo-2-svc'), 'go-demo-2', {
  type: ServiceType.NODE_PORT,
  ports: [{ port: 28017, nodePort: 30001, protocol: Protocol.TCP }],
  selector: rs,
});

// go-demo-2-expose.yml: kubectl expose rs go-demo-2 --name=go-demo-2-svc --target-port=28017 --type=NodePort
Service.expose(new Chart(app, 'go-demo-2-expose'), 'svc', rs, { name: 'go-demo-2-svc', targetPort: 28017, type: ServiceType.NODE_PORT });

export default app;
