/**
 * What the converter does with each Compose key: 'mapped' (fully, or with a warning where the
 * result differs) or 'reported' (a warning saying what to do instead). A key outside these tables
 * is reported too, so nothing is dropped silently; the corpus test fails on a key that occurs in
 * real files and is in neither.
 */

/** What happens to each service key: 'mapped' (fully or with a warning where it differs) or 'reported'. */
export const KEYS: Readonly<Record<string, 'mapped' | 'reported'>> = {
  annotations: 'mapped', attach: 'reported', build: 'reported', blkio_config: 'reported', cap_add: 'mapped', cap_drop: 'mapped',
  cgroup: 'reported', cgroup_parent: 'reported', command: 'mapped', configs: 'mapped', container_name: 'mapped', cpu_count: 'reported',
  cpu_percent: 'reported', cpu_period: 'reported', cpu_quota: 'reported', cpu_rt_period: 'reported', cpu_rt_runtime: 'reported',
  cpu_shares: 'reported', cpus: 'mapped', cpuset: 'reported', credential_spec: 'reported', depends_on: 'reported', deploy: 'mapped',
  develop: 'reported', device_cgroup_rules: 'reported', devices: 'reported', dns: 'mapped', dns_opt: 'mapped', dns_search: 'mapped',
  domainname: 'reported', entrypoint: 'mapped', env_file: 'mapped', environment: 'mapped', expose: 'mapped', extends: 'mapped',
  external_links: 'reported', extra_hosts: 'mapped', gpus: 'reported', group_add: 'mapped', healthcheck: 'mapped', hostname: 'mapped',
  image: 'mapped', init: 'reported', ipc: 'reported', isolation: 'reported', labels: 'mapped', label_file: 'reported', links: 'mapped',
  logging: 'reported', mac_address: 'reported', mem_limit: 'mapped', mem_reservation: 'mapped', mem_swappiness: 'reported',
  memswap_limit: 'reported', models: 'reported', network_mode: 'mapped', networks: 'mapped', oom_kill_disable: 'reported',
  oom_score_adj: 'reported', pid: 'reported', pids_limit: 'reported', platform: 'reported', ports: 'mapped', post_start: 'reported',
  pre_start: 'reported', pre_stop: 'reported', privileged: 'mapped', profiles: 'mapped', provider: 'reported', pull_policy: 'mapped',
  read_only: 'mapped', restart: 'reported', runtime: 'reported', scale: 'mapped', secrets: 'mapped', security_opt: 'reported',
  shm_size: 'mapped', stdin_open: 'mapped', stop_grace_period: 'mapped', stop_signal: 'reported', storage_opt: 'reported',
  sysctls: 'mapped', tmpfs: 'mapped', tty: 'mapped', ulimits: 'reported', use_api_socket: 'reported', user: 'mapped', userns_mode: 'reported',
  uts: 'reported', volumes: 'mapped', volumes_from: 'reported', working_dir: 'mapped',
};

/** `deploy:` keys, the same way. */
export const DEPLOY_KEYS: Readonly<Record<string, 'mapped' | 'reported'>> = {
  endpoint_mode: 'mapped', labels: 'mapped', mode: 'mapped', placement: 'mapped', replicas: 'mapped', resources: 'mapped',
  restart_policy: 'mapped', rollback_config: 'reported', update_config: 'mapped',
};

/** Top-level keys; `x-` extensions are the author's own (anchors to reuse) and are not configuration. */
export const TOP_LEVEL_KEYS: Readonly<Record<string, 'mapped' | 'reported'>> = {
  configs: 'mapped', include: 'mapped', jobs: 'reported', models: 'reported', name: 'mapped', networks: 'mapped', secrets: 'mapped',
  services: 'mapped', version: 'reported', volumes: 'mapped',
};

/** The kompose labels svcgen honours (kompose.service.expose and healthcheck labels are reported). */
export const KOMPOSE_LABELS = new Set([
  'kompose.service.type', 'kompose.service.nodeport.port', 'kompose.service.external-traffic-policy', 'kompose.controller.type',
  'kompose.volume.size', 'kompose.volume.storage-class-name', 'kompose.image-pull-policy', 'kompose.image-pull-secret',
  'kompose.service.expose', 'kompose.service.expose.tls-secret', 'kompose.service.expose.ingress-class-name',
  'kompose.service.healthcheck.liveness.http_get_path', 'kompose.service.healthcheck.liveness.http_get_port',
  'kompose.service.healthcheck.readiness.http_get_path', 'kompose.service.healthcheck.readiness.http_get_port',
  'kompose.cronjob.schedule', 'kompose.cronjob.concurrency_policy', 'kompose.cronjob.backoff_limit',
  'kompose.hpa.replicas.min', 'kompose.hpa.replicas.max', 'kompose.hpa.cpu', 'kompose.hpa.memory',
]);

/** Why a reported service key is not converted, and what to do instead. */
export const REPORT_REASONS: Readonly<Record<string, string>> = {
  depends_on: 'Kubernetes starts Pods in any order and does not wait: make the service retry its connections, or convert with --wait-for-dependencies',
  logging: 'container logs go to the node; use the cluster\'s log collection',
  restart: 'see the workload kind',
  build: 'see image',
  external_links: 'link to an in-cluster Service name instead',
  ulimits: 'Kubernetes has no per-container ulimits; set them in the image or the node',
  init: 'Kubernetes has no --init; use an init process in the image (tini)',
  security_opt: 'use the Pod securityContext (seccompProfile, appArmorProfile, seLinuxOptions)',
  devices: 'use a device plugin',
  platform: 'use a nodeSelector on kubernetes.io/arch and kubernetes.io/os',
  stop_signal: 'set STOPSIGNAL in the image',
};
