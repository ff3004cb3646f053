/** Every Service of seed 001 (Service fundamentals), in the seed's order. */
import { App, Chart } from 'cdk8s';
import { Endpoints, Protocol, Service, ServiceType, SessionAffinity, Workload, WorkloadKind } from 'svcgen';

const app = new App();
const chart = new Chart(app, 'service-basics');
const myApp = { app: 'MyApp' };

// targets port 9376 on Pods labelled app=MyApp
new Service(chart, 'my-service', { selector: myApp, ports: [{ protocol: Protocol.TCP, port: 80, targetPort: 9376 }] });

// no selector: the endpoints are written by hand, under the Service's name
const external = new Service(chart, 'my-external-backend', { ports: [{ protocol: Protocol.TCP, port: 80, targetPort: 9376 }] });
new Endpoints(chart, 'my-external-backend-endpoints', { service: external, addresses: ['1.2.3.4'] });

// ExternalName: a CNAME, no selector, no ports
Service.forExternalName(chart, 'my-database', 'my.database.example.com', { namespace: 'prod' });

// several ports: each one named
new Service(chart, 'my-multiport-service', {
  selector: myApp,
  ports: [
    { name: 'http', protocol: Protocol.TCP, port: 80, targetPort: 9376 },
    { name: 'https', protocol: Protocol.TCP, port: 443, targetPort: 9377 },
  ],
});

// a chosen cluster IP, nodePort and load-balancer IP
new Service(chart, 'my-lb-service', {
  type: ServiceType.LOAD_BALANCER,
  selector: myApp,
  ports: [{ protocol: Protocol.TCP, port: 80, targetPort: 9376, nodePort: 30061 }],
  clusterIP: '10.0.171.239',
  loadBalancerIP: '78.11.24.19',
});

new Service(chart, 'my-externalip-service', {
  selector: myApp,
  ports: [{ name: 'http', protocol: Protocol.TCP, port: 80, targetPort: 9376 }],
  externalIPs: ['80.11.12.10'],
});

new Service(chart, 'my-sticky-service', {
  selector: myApp,
  ports: [{ port: 80, targetPort: 9376 }],
  sessionAffinity: SessionAffinity.CLIENT_IP,
  sessionAffinityTimeoutSeconds: 10800,
});

// headless with a selector: DNS answers with the Pod IPs
new Service(chart, 'my-headless-service', { headless: true, selector: myApp, ports: [{ name: 'http', port: 80, targetPort: 9376 }] });

// headless without a selector: DNS serves the hand-written endpoints
const ldap = new Service(chart, 'my-headless-manual', { headless: true, ports: [{ name: 'ldap', port: 389 }] });
new Endpoints(chart, 'my-headless-manual-endpoints', { service: ldap, addresses: ['10.10.0.11', '10.10.0.12'] });

// kubectl run hello-world ... then kubectl expose deployment hello-world --type=NodePort --name=example-service
const helloWorld = new Workload(chart, 'hello-world', {
  kind: WorkloadKind.DEPLOYMENT,
  labels: { run: 'load-balancer-example' },
  replicas: 2,
  selector: { run: 'load-balancer-example' },
  containers: [{ name: 'hello-world', image: 'gcr.io/google-samples/node-hello:1.0', ports: [{ number: 8080 }] }],
});
Service.expose(chart, 'example-service', helloWorld, { name: 'example-service', type: ServiceType.NODE_PORT });

export default app;
