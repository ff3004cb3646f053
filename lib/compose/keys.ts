/**
 * What the converter does with each Compose key: 'mapped' (fully, or with a warning where the
 * result differs; service keys: those a mapper of service.ts reads) or 'reported' (a warning
 * saying what to do instead). A key outside these tables is reported too, so nothing is dropped
 * silently; the corpus test fails on a key that occurs in real files and is in neither.
 */

/**
 * Service keys svcgen reports (with what to do instead) rather than converts. The keys that are
 * converted are the ones the mappers read (service.ts); KEYS is made from both.
 */
export const REPORTED_KEYS: readonly string[] = [
  'pull_refresh_after', 'umask',
  'attach', 'blkio_config', 'cgroup', 'cgroup_parent', 'cpu_count', 'cpu_percent', 'cpu_period', 'cpu_quota',
  'cpu_rt_period', 'cpu_rt_runtime', 'cpu_shares', 'cpuset', 'credential_spec', 'develop',
  'device_cgroup_rules', 'devices', 'domainname', 'external_links', 'gpus', 'init', 'ipc', 'isolation',
  'label_file', 'logging', 'mac_address', 'mem_swappiness', 'memswap_limit', 'models', 'oom_kill_disable',
  'oom_score_adj', 'pid', 'pids_limit', 'platform', 'post_start', 'pre_start', 'pre_stop', 'provider',
  'runtime', 'security_opt', 'stop_signal', 'storage_opt', 'ulimits', 'use_api_socket', 'userns_mode', 'uts',
  'volumes_from',
];

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
  logging: 'container logs go to the node; use the cluster\'s log collection',
  external_links: 'link to an in-cluster Service name instead',
  ulimits: 'Kubernetes has no per-container ulimits; set them in the image or the node',
  init: 'Kubernetes has no --init; use an init process in the image (tini)',
  security_opt: 'use the Pod securityContext (seccompProfile, appArmorProfile, seLinuxOptions)',
  devices: 'use a device plugin',
  platform: 'use a nodeSelector on kubernetes.io/arch and kubernetes.io/os',
  stop_signal: 'set STOPSIGNAL in the image',
  umask: 'Kubernetes has no umask setting; set it in the image\'s entrypoint',
  pull_refresh_after: 'the kubelet pulls by the image pull policy; use pull_policy: always for a fresh image on every start',
};
