/**
 * Seed 004: a Deployment of two nginx replicas. (The seed's second document is the document's
 * typo'd listing of the Service, a bad input for `svcgen validate`, not rebuilt here.)
 */
import { App, Chart } from 'cdk8s';
import { Workload, WorkloadKind } from 'svcgen';

const app = new App();
new Workload(new Chart(app, 'my-nginx'), 'my-nginx', {
  kind: WorkloadKind.DEPLOYMENT,
  selector: { run: 'my-nginx' },
  replicas: 2,
  containers: [{ name: 'my-nginx', image: 'nginx', ports: [{ number: 80 }] }],
});

export default app;
