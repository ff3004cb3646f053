/**
 * Seed 004, the HTTPS variant: the certificate and key in a Secret mounted at /etc/nginx/ssl, and
 * a NodePort Service with named ports http (8080 -> 80) and https (443). The Secret's values are
 * empty, as in the document: a real run supplies them.
 */
import { App, Chart } from 'cdk8s';
import { Protocol, Secret, Service, ServiceType, Volume, Workload, WorkloadKind } from 'svcgen';

const app = new App();
const chart = new Chart(app, 'my-nginx-https');

const secret = new Secret(chart, 'nginxsecret', { namespace: 'default', data: { 'nginx.crt': '', 'nginx.key': '' } });
new Service(chart, 'my-nginx', {
  type: ServiceType.NODE_PORT,
  labels: { run: 'my-nginx' },
  selector: { run: 'my-nginx' },
  ports: [
    { port: 8080, targetPort: 80, protocol: Protocol.TCP, name: 'http' },
    { port: 443, protocol: Protocol.TCP, name: 'https' },
  ],
});
new Workload(chart, 'my-nginx-deployment', {
  name: 'my-nginx',
  kind: WorkloadKind.DEPLOYMENT,
  selector: { run: 'my-nginx' },
  replicas: 1,
  volumes: [Volume.fromSecret('secret-volume', secret.name)],
  containers: [
    {
      name: 'nginxhttps',
      image: 'bprashanth/nginxhttps:1.0',
      ports: [{ number: 443 }, { number: 80 }],
      volumeMounts: [{ mountPath: '/etc/nginx/ssl', volume: 'secret-volume' }],
    },
  ],
});

export default app;
