/** Seed 002: every kind of probe, each on its own Pod. */
import { App, Chart } from 'cdk8s';
import { ContainerProps, Probe, Workload, WorkloadKind } from 'svcgen';

const app = new App();
const chart = new Chart(app, 'probes');
const pod = (name: string, container: Omit<ContainerProps, 'name'>) =>
  new Workload(chart, name, { kind: WorkloadKind.POD, containers: [{ name, ...container }] });
const every5s = { initialDelaySeconds: 5, periodSeconds: 5 };
const livenessPort = { number: 8080, name: 'liveness-port', hostPort: 8080 };

pod('nginx-pod-with-readiness-http', { image: 'nginx', readiness: Probe.fromHttpGet('/ready', { port: 80, ...every5s }) });
pod('nginx-pod-with-liveness-http', {
  image: 'nginx',
  liveness: Probe.fromHttpGet('/healthcheck', { port: 80, headers: { 'My-Custom-Header': 'My-Custom-Header-Value' }, ...every5s }),
});
pod('nginx-pod-with-liveness-command', { image: 'nginx', liveness: Probe.fromCommand(['cat', '/hello/world'], every5s) });
pod('nginx-pod-with-liveness-tcp', { image: 'nginx', liveness: Probe.fromTcpSocket({ port: 80, ...every5s }) });
pod('nginx-pod-with-liveness-http-named-port', {
  image: 'nginx',
  ports: [livenessPort],
  liveness: Probe.fromHttpGet('/healthcheck', { port: 'liveness-port', ...every5s }),
});
pod('nginx-pod-with-startupprobe', {
  image: 'nginx',
  ports: [livenessPort],
  liveness: Probe.fromHttpGet('/healthcheck', { port: 'liveness-port', ...every5s }),
  startup: Probe.fromHttpGet('/healthz', { port: 'liveness-port', failureThreshold: 30, periodSeconds: 10 }),
});
new Workload(chart, 'grpc-server-with-liveness', {
  kind: WorkloadKind.POD,
  containers: [
    {
      name: 'grpc-server',
      image: 'registry.k8s.io/etcd:3.5.1-0',
      command: [
        '/usr/local/bin/etcd', '--data-dir', '/var/lib/etcd', '--listen-client-urls', 'http://0.0.0.0:2379',
        '--advertise-client-urls', 'http://127.0.0.1:2379', '--log-level', 'debug',
      ],
      ports: [{ number: 2379 }],
      liveness: Probe.fromGrpc({ port: 2379, initialDelaySeconds: 10 }),
    },
  ],
});

export default app;
