/**
 * Pod spec rules (ValidatePodSpec and friends, pkg/apis/core/validation), after v1 defaulting,
 * for the target Kubernetes version: where upstream changed between 1.28 and 1.37 the rule says
 * from which version it holds (`since`).
 */
import { duplicate, ErrorType, FieldError, forbidden, invalid, note, notSupported, required } from '../field';
import { since, targetVersion } from '../target';
import { inclusiveRangeError, isDns1123Label, isDns1123Subdomain } from '../names';
import { dns1123Label, Obj } from './_common';
import { validateContainer } from './container';
import { validateAnnotations, validateLabels } from './meta';
import { validateDnsConfig, validateHostAliases, validateNodeAffinity, validatePodSecurityContext, validateTolerations, validateTopologySpread, validateVolumeModes } from './podextra';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const CONTAINER_RESTART_POLICIES = ['Always', 'Never', 'OnFailure'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const VOLUME_SOURCES = [
  'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'configMap', 'csi', 'downwardAPI', 'emptyDir',
  'ephemeral', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk', 'gitRepo', 'glusterfs', 'hostPath', 'iscsi', 'nfs',
  'persistentVolumeClaim', 'photonPersistentDisk', 'portworxVolume', 'projected', 'quobyte', 'rbd', 'scaleIO', 'secret',
  'storageos', 'vsphereVolume',
];
/** the volume sources the target version has: `image` from 1.31 (ImageVolume) */
const volumeSources = () => (since(31) ? [...VOLUME_SOURCES, 'image'] : VOLUME_SOURCES);

function validateVolumes(volumes: Obj[] | undefined, path: string): { names: Set<string>; errs: FieldError[] } {
  const names = new Set<string>();
  const errs: FieldError[] = [];
  (volumes ?? []).forEach((v, i) => {
    const at = `${path}[${i}]`;
    const sources = volumeSources().filter((s) => v[s] !== undefined && v[s] !== null);
    // (v1 defaulting gives a volume with no source an emptyDir)
    sources.slice(1).forEach((s) => errs.push(forbidden(`${at}.${s}`, 'may not specify more than 1 volume type').withRule('pod-volume')));
    if (v.secret && !v.secret.secretName) errs.push(required(`${at}.secret.secretName`).withRule('pod-volume'));
    if (v.configMap && !v.configMap.name) errs.push(required(`${at}.configMap.name`).withRule('pod-volume'));
    if (v.persistentVolumeClaim && !v.persistentVolumeClaim.claimName) errs.push(required(`${at}.persistentVolumeClaim.claimName`).withRule('pod-volume'));
    if (v.hostPath && !v.hostPath.path) errs.push(required(`${at}.hostPath.path`).withRule('pod-volume'));
    if (!v.name) errs.push(required(`${at}.name`).withRule('pod-volume'));
    else errs.push(...dns1123Label(v.name, `${at}.name`, 'pod-volume'));
    if (v.name && names.has(v.name)) errs.push(duplicate(`${at}.name`, v.name).withRule('pod-volume'));
    if (v.name) names.add(v.name);
  });
  return { names, errs };
}

/** Host ports may be used once per protocol and host IP in a Pod. */
function hostPortConflicts(containers: Obj[], path: string): FieldError[] {
  const seen = new Set<string>();
  const errs: FieldError[] = [];
  containers.forEach((c, ci) =>
    (c.ports ?? []).forEach((p: Obj, pi: number) => {
      if (!p.hostPort) return;
      const k = `${p.protocol ?? 'TCP'}/${p.hostIP ?? ''}/${p.hostPort}`;
      if (seen.has(k)) errs.push(duplicate(`${path}[${ci}].ports[${pi}].hostPort`, k).withRule('pod-host-port'));
      seen.add(k);
    }),
  );
  return errs;
}

/**
 * A Pod spec (of a Pod, or of a template at `spec.template.spec`). `claimVolumes` are the names of
 * a StatefulSet's volumeClaimTemplates, which its Pods get as volumes.
 */
export function validatePodSpec(spec: Obj | undefined, path: string, claimVolumes: readonly string[] = []): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  const { names: volumes, errs: volErrs } = validateVolumes(s.volumes, `${path}.volumes`);
  for (const c of claimVolumes) volumes.add(c);
  errs.push(...volErrs);
  const containers: Obj[] = s.containers ?? [];
  if (containers.length === 0) errs.push(required(`${path}.containers`).withRule('pod-containers'));
  const names = new Set<string>();
  const initContainers: Obj[] = s.initContainers ?? [];
  initContainers.forEach((c, i) => {
    const at = `${path}.initContainers[${i}]`;
    errs.push(...validateContainer(c, at, volumes));
    if (c.name && names.has(c.name)) errs.push(duplicate(`${at}.name`, c.name).withRule('container-name'));
    names.add(c.name);
    let restartPolicy = c.restartPolicy;
    if (restartPolicy !== undefined && !since(29)) {
      // 1.28: SidecarContainers is alpha, off by default; the API server drops the field
      // (dropDisabledFields) and the container runs as an ordinary init container
      errs.push(
        note(`${at}.restartPolicy`, `Kubernetes ${targetVersion()} ignores restartPolicy on init containers (the SidecarContainers feature is off by default before 1.29): this container runs to completion before the others start, not as a sidecar`)
          .withRule('container-sidecar-unsupported')
          .asWarning(),
      );
      restartPolicy = undefined;
    } else if (restartPolicy !== undefined) {
      // validateInitContainers -> validateContainerRestartPolicy: Always from 1.29; OnFailure and
      // Never too in 1.37.2 (ContainerRestartRules), which KEP-5307 makes beta in 1.35
      const allowed = since(35) ? CONTAINER_RESTART_POLICIES : ['Always'];
      if (!allowed.includes(restartPolicy)) errs.push(notSupported(`${at}.restartPolicy`, restartPolicy, allowed).withRule('container-restart-policy'));
    }
    if (restartPolicy === undefined) {
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c[probe]) errs.push(forbidden(`${at}.${probe}`, 'may not be set for init containers without restartPolicy=Always').withRule('container-probe'));
      }
    }
  });
  containers.forEach((c, i) => {
    const at = `${path}.containers[${i}]`;
    errs.push(...validateContainer(c, at, volumes));
    if (c.name && names.has(c.name)) errs.push(duplicate(`${at}.name`, c.name).withRule('container-name'));
    names.add(c.name);
    // a regular container's own restartPolicy: from 1.35 (ContainerRestartRules, as 1.37.2 takes it)
    if (c.restartPolicy !== undefined && !since(35)) errs.push(forbidden(`${at}.restartPolicy`, 'may not be set for non-init containers').withRule('container-restart-policy'));
    else if (c.restartPolicy !== undefined && !CONTAINER_RESTART_POLICIES.includes(c.restartPolicy)) errs.push(notSupported(`${at}.restartPolicy`, c.restartPolicy, CONTAINER_RESTART_POLICIES).withRule('container-restart-policy'));
  });
  errs.push(...hostPortConflicts(containers, `${path}.containers`));

  const restartPolicy = s.restartPolicy ?? 'Always';
  if (!RESTART_POLICIES.includes(restartPolicy)) errs.push(notSupported(`${path}.restartPolicy`, restartPolicy, RESTART_POLICIES).withRule('pod-restart-policy'));
  const dnsPolicy = s.dnsPolicy ?? 'ClusterFirst';
  if (!DNS_POLICIES.includes(dnsPolicy)) errs.push(notSupported(`${path}.dnsPolicy`, dnsPolicy, DNS_POLICIES).withRule('pod-dns-policy'));
  if (dnsPolicy === 'None' && !s.dnsConfig) errs.push(required(`${path}.dnsConfig`, 'must provide `dnsConfig` when `dnsPolicy` is None').withRule('pod-dns-policy'));
  else if (dnsPolicy === 'None' && !(Array.isArray(s.dnsConfig.nameservers) && s.dnsConfig.nameservers.length)) {
    errs.push(required(`${path}.dnsConfig.nameservers`, 'must provide at least one DNS nameserver when `dnsPolicy` is None').withRule('pod-dns-policy'));
  }
  errs.push(...validateLabels(s.nodeSelector, `${path}.nodeSelector`, 'pod-node-selector'));
  errs.push(...validateVolumeModes(s.volumes, `${path}.volumes`));
  errs.push(...validatePodSecurityContext(s.securityContext, `${path}.securityContext`));
  errs.push(...validateTolerations(s.tolerations, `${path}.tolerations`));
  errs.push(...validateTopologySpread(s.topologySpreadConstraints, `${path}.topologySpreadConstraints`));
  errs.push(...validateNodeAffinity(s.affinity, `${path}.affinity`));
  errs.push(...validateHostAliases(s.hostAliases, `${path}.hostAliases`));
  errs.push(...validateDnsConfig(s.dnsConfig, `${path}.dnsConfig`));
  if (s.serviceAccountName) {
    for (const m of isDns1123Subdomain(s.serviceAccountName)) errs.push(invalid(`${path}.serviceAccountName`, s.serviceAccountName, m).withRule('pod-service-account'));
  }
  if (s.activeDeadlineSeconds !== undefined && (s.activeDeadlineSeconds < 1 || s.activeDeadlineSeconds > 2147483647)) {
    errs.push(invalid(`${path}.activeDeadlineSeconds`, s.activeDeadlineSeconds, inclusiveRangeError(1, 2147483647)).withRule('pod-active-deadline'));
  }
  if (typeof s.terminationGracePeriodSeconds === 'number' && s.terminationGracePeriodSeconds < 0) {
    errs.push(invalid(`${path}.terminationGracePeriodSeconds`, s.terminationGracePeriodSeconds, 'must be greater than or equal to 0').withRule('pod-termination-grace'));
  }
  for (const f of ['hostname', 'subdomain']) {
    if (s[f]) for (const m of isDns1123Label(s[f])) errs.push(invalid(`${path}.${f}`, s[f], m).withRule('pod-hostname'));
  }
  if (s.hostNetwork) {
    containers.forEach((c, i) =>
      (c.ports ?? []).forEach((p: Obj, j: number) => {
        if (p.hostPort && p.hostPort !== p.containerPort) {
          errs.push(invalid(`${path}.containers[${i}].ports[${j}].hostPort`, p.hostPort, 'must match `containerPort` when `hostNetwork` is true').withRule('pod-host-network'));
        }
      }),
    );
  }
  return errs;
}

/** A Pod template: its metadata's labels and annotations, and its spec. */
export function validatePodTemplate(template: Obj | undefined, path: string, statefulSetClaims?: readonly string[]): FieldError[] {
  if (!template) return [required(path).withRule('template-required')];
  const errs = [...validateLabels(template.metadata?.labels, `${path}.labels`), ...validateAnnotations(template.metadata?.annotations, `${path}.annotations`)];
  if (!statefulSetClaims) return [...errs, ...validatePodSpec(template.spec, `${path}.spec`)];
  // from 1.34 the API server validates a StatefulSet's Pod template on create (kubernetes#131790)
  if (since(34)) return [...errs, ...validatePodSpec(template.spec, `${path}.spec`, statefulSetClaims)];
  // Kubernetes 1.28 does not validate a StatefulSet's Pod template (a TODO in
  // ValidatePodTemplateSpecForStatefulSet): the StatefulSet is stored, and the API server then
  // rejects every Pod its controller creates. So these are warnings, not errors.
  for (const e of validatePodSpec(template.spec, `${path}.spec`, statefulSetClaims)) {
    errs.push(
      new FieldError(ErrorType.NOTE, e.path, `${e.message.slice(e.path.length + 2)} (the API server accepts the StatefulSet, but will reject each Pod its controller creates)`)
        .withRule(e.rule ?? 'statefulset-pod-template')
        .asWarning(),
    );
  }
  return errs;
}
