'use strict';
/** Generated manifests for the benchmarks: a deterministic mix of Services, Deployments, ReplicaSets and Endpoints, 1% with a problem. */
function manifests(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    // in each group of four: a Service, the Deployment it selects, a ReplicaSet, Endpoints
    const g = Math.floor(i / 4);
    const name = i % 4 === 2 ? `app-${g}-rs` : `app-${g}`;
    const labels = { app: name, tier: i % 2 ? 'backend' : 'frontend', 'app.kubernetes.io/part-of': 'bench' };
    const bad = i % 100 === 99; // 1% with a problem
    switch (i % 4) {
      case 0:
        out.push({
          apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'bench', labels },
          spec: { type: i % 8 ? 'ClusterIP' : 'NodePort', selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: bad ? 'http' : 'metrics', port: 9090, targetPort: 9090 }] },
        });
        break;
      case 1:
      case 2:
        out.push({
          apiVersion: 'apps/v1', kind: i % 4 === 1 ? 'Deployment' : 'ReplicaSet', metadata: { name, namespace: 'bench', labels },
          spec: {
            replicas: 3,
            selector: { matchLabels: { app: name } },
            template: {
              metadata: { labels },
              spec: {
                containers: [{
                  name: 'app', image: `registry.example.com/team/${name}:1.${i % 10}.0`,
                  ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }],
                  env: [{ name: 'MODE', value: 'production' }, { name: 'DB_HOST', value: 'db.bench.svc.cluster.local' }],
                  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: bad ? '50m' : '500m', memory: '256Mi' } },
                  readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 5 },
                  livenessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 10 },
                }],
              },
            },
          },
        });
        break;
      default:
        out.push({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: `ext-${i}`, namespace: 'bench' }, subsets: [{ addresses: [{ ip: `10.${(i >> 8) & 255}.${i & 255}.${bad ? 0 : 7}` }, { ip: bad ? '127.0.0.1' : '10.9.9.9' }], ports: [{ port: 5432 }] }] });
    }
  }
  return out;
}

/** A compose file of n services with ports, healthchecks, env, volumes and deploy. */
function composeFile(n) {
  const { dump } = require('js-yaml');
  const services = {};
  const volumes = {};
  for (let i = 0; i < n; i++) {
    services[`svc-${i}`] = {
      image: `registry.example.com/team/svc-${i}:1.${i % 10}`,
      ports: [`${8000 + (i % 1000)}:8080`, '9090'],
      environment: { MODE: 'production', INDEX: String(i), UPSTREAM: `svc-${(i + 1) % n}`, LOG_LEVEL: 'info', FEATURE: 'on' },
      healthcheck: { test: ['CMD-SHELL', 'curl -fs http://localhost:8080/health || exit 1'], interval: '10s', timeout: '2s', retries: 3, start_period: '30s' },
      volumes: [`data-${i}:/var/lib/data`],
      deploy: { replicas: 1 + (i % 3), resources: { limits: { cpus: '0.5', memory: '256M' }, reservations: { memory: '128M' } }, labels: { team: 'bench' }, update_config: { parallelism: 1, order: 'start-first' } },
    };
    volumes[`data-${i}`] = {};
  }
  return dump({ name: 'bench', services, volumes }, { lineWidth: -1 });
}

module.exports = { manifests, composeFile };
