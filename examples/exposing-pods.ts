/** Seed 002: exposing Pods with each Service type. */
import { App, Chart } from 'cdk8s';
import { Protocol, Service, ServiceType, Workload, WorkloadKind } from 'svcgen';

const app = new App();
const chart = new Chart(app, 'exposing-pods');

const pod = (name: string, labels: Record<string, string>, image: string) =>
  new Workload(chart, name, { kind: WorkloadKind.POD, podLabels: labels, containers: [{ name, image, ports: [{ number: 80 }] }] });

// two whoami Pods behind a NodePort
pod('whoami1', { app: 'whoami' }, 'containous/whoami');
pod('whoami2', { app: 'whoami' }, 'containous/whoami');
new Service(chart, 'nodeport-whoami', {
  type: ServiceType.NODE_PORT,
  selector: { app: 'whoami' },
  ports: [{ nodePort: 30001, port: 80, targetPort: 80 }],
});

// ClusterIP, and the headless variant of it (an option of ClusterIP, not a type)
const nginx = pod('nginx-clusterip', { run: 'nginx-clusterip' }, 'nginx');
new Service(chart, 'nginx-clusterip-service', { name: 'nginx-clusterip', type: ServiceType.CLUSTER_IP, selector: nginx.podLabels, ports: [{ port: 80, protocol: Protocol.TCP, targetPort: 80 }] });
new Service(chart, 'nginx-clusterip-headless', {
  type: ServiceType.CLUSTER_IP,
  headless: true,
  selector: nginx.podLabels,
  ports: [{ port: 80, protocol: Protocol.TCP, targetPort: 80 }],
});

// a database outside the cluster
Service.forExternalName(chart, 'mysql-db', 'app-db.database.example.com', { namespace: 'prod' });

// a LoadBalancer handled by a non-default implementation
new Service(chart, 'whoami-lb', {
  type: ServiceType.LOAD_BALANCER,
  loadBalancerClass: 'example.com/internal-vip',
  selector: { app: 'whoami' },
  ports: [{ port: 80, targetPort: 80 }],
});

export default app;
