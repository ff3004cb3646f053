/** Seed 003: a ReplicaSet of three and the Service in front of it, with a named port. */
import { App, Chart } from 'cdk8s';
import { Service, Workload } from 'svcgen';

const app = new App();
const chart = new Chart(app, 'kubia');

const kubia = new Workload(chart, 'kubia', {
  replicas: 3,
  selector: { app: 'kubia' },
  containers: [{ name: 'kubia', image: 'luksa/kubia', ports: [{ number: 8080 }] }],
});
new Service(chart, 'kubia-service', { name: 'kubia', selector: kubia, ports: [{ name: 'http', port: 80, targetPort: 8080 }] });

export default app;
