import * as fs from 'fs';
import * as path from 'path';
import { convertCompose } from '../../lib/compose';
import { tmpDir } from './cli';

/**
 * Compose files for the converter's features that the corpus does not exercise (kompose cronjob
 * and hpa labels, networks as NetworkPolicies, load balancer ports, container names), so that
 * the real API server and the scheduling test see their output too.
 */
export const FEATURE_APPS: readonly { readonly name: string; readonly yaml: string; readonly options?: Record<string, unknown> }[] = [
  {
    name: 'feature: kompose cronjob and hpa labels',
    yaml: `services:
  backup:
    image: alpine
    command: ["sh", "-c", "date"]
    restart: "no"
    labels:
      kompose.cronjob.schedule: "*/5 * * * *"
      kompose.cronjob.concurrency_policy: Forbid
      kompose.cronjob.backoff_limit: "2"
  web:
    image: nginx
    ports: ["8080:80"]
    deploy:
      replicas: 2
      resources: {reservations: {cpus: "0.25", memory: 64M}}
    labels:
      kompose.hpa.replicas.min: "2"
      kompose.hpa.replicas.max: "5"
      kompose.hpa.cpu: "60"
      kompose.hpa.memory: "80"
`,
  },
  {
    name: 'feature: networks',
    yaml: `services:
  proxy:
    image: nginx
    ports: ["8080:80"]
    networks: [front]
  api:
    image: nginx
    container_name: shop-api
    networks: [front, back]
  db:
    image: postgres
    networks:
      back:
        aliases: [database]
  shared:
    image: nginx
    networks: [outside]
    configs: [template]
configs:
  template:
    content: "Hello {{ .Name }}, }} and {{- kept as written"
networks:
  front: {}
  back: {internal: true}
  outside: {external: true}
`,
  },
  {
    name: 'feature: a StatefulSet database with a claim per replica',
    yaml: `services:
  db:
    image: postgres:16
    deploy: {replicas: 2}
    environment: {POSTGRES_PASSWORD: example}
    volumes: ["pgdata:/var/lib/postgresql/data"]
    labels: {kompose.controller.type: statefulset, kompose.volume.size: 5Gi}
  web:
    image: nginx
    volumes: ["shared:/data"]
  worker:
    image: busybox
    volumes: ["shared:/data"]
volumes:
  pgdata: {}
  shared: {}
`,
  },
  {
    name: 'feature: load balancer ports',
    options: { publishAs: 'loadbalancer' },
    yaml: `services:
  web:
    image: nginx
    ports: ["8080:80", "443:443", "9053:53/udp"]
`,
  },
];

/** Converts a feature app in a folder of its own. */
export function convertFeature(app: (typeof FEATURE_APPS)[number], options: Record<string, unknown> = {}) {
  const dir = tmpDir('svcgen-feature-');
  fs.writeFileSync(path.join(dir, 'compose.yaml'), app.yaml);
  return convertCompose([path.join(dir, 'compose.yaml')], { env: {}, projectName: 'feature', ...app.options, ...options });
}
