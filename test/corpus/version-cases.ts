/**
 * Cases for what changed in the API server between Kubernetes 1.28 and 1.37: each object with
 * the verdict of each real server (kube-apiserver 1.28.15 and 1.37.2, with default feature gates),
 * and the upstream change it follows. `svcgen validate --kubernetes-version X` must give the same
 * verdict as server X: test/validate-corpus.test.ts checks svcgen's verdicts, and the API-server
 * test sends every case to both servers.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

export interface VersionCase {
  readonly name: string;
  /** the verdict of each real server: `1.28` (1.28.15), `1.37` (1.37.2) */
  readonly expect: { readonly '1.28': 'valid' | 'invalid'; readonly '1.37': 'valid' | 'invalid' };
  readonly objects: readonly Obj[];
  /** the upstream function or feature it follows */
  readonly from: string;
}

const pod = (spec: Obj, name = 'p'): Obj => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec } });
const withContainer = (c: Obj): Obj => pod({ containers: [{ name: 'app', image: 'nginx', ...c }] });
const service = (spec: Obj): Obj => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec } });
const job = (spec: Obj): Obj => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'j', namespace: 'default' },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox' }] } }, ...spec },
});
const V = (v128: 'valid' | 'invalid', v137: 'valid' | 'invalid') => ({ '1.28': v128, '1.37': v137 });
const sidecar = { name: 'proxy', image: 'envoyproxy/envoy', restartPolicy: 'Always' };

export const VERSION_CASES: readonly VersionCase[] = [
  // sidecar containers (KEP-753): alpha, off by default in 1.28 (the field is dropped); on from 1.29
  { name: 'sidecar: an init container with restartPolicy Always and a readiness probe', expect: V('invalid', 'valid'), objects: [pod({ initContainers: [{ ...sidecar, readinessProbe: { tcpSocket: { port: 9901 } } }] })], from: 'validateInitContainers, SidecarContainers' },
  { name: 'sidecar: an init container with restartPolicy Always', expect: V('valid', 'valid'), objects: [pod({ initContainers: [sidecar] })], from: 'validateInitContainers, SidecarContainers' },
  { name: 'sidecar: an init container with restartPolicy OnFailure', expect: V('valid', 'valid'), objects: [pod({ initContainers: [{ ...sidecar, restartPolicy: 'OnFailure' }] })], from: 'validateContainerRestartPolicy, SidecarContainers' },
  { name: 'sidecar: an init container with restartPolicy Sometimes', expect: V('valid', 'invalid'), objects: [pod({ initContainers: [{ ...sidecar, restartPolicy: 'Sometimes' }] })], from: 'validateContainerRestartPolicy' },
  { name: 'container: a plain container with restartPolicy Always', expect: V('invalid', 'valid'), objects: [withContainer({ restartPolicy: 'Always' })], from: 'validateContainers, ContainerRestartRules' },
  // Service trafficDistribution (KEP-4444): 1.30 alpha, 1.31 beta, GA 1.33; PreferSameZone/Node 1.34
  { name: 'service: trafficDistribution PreferClose', expect: V('invalid', 'valid'), objects: [service({ trafficDistribution: 'PreferClose' })], from: 'validateServiceTrafficDistribution' },
  { name: 'service: trafficDistribution PreferSameNode', expect: V('invalid', 'valid'), objects: [service({ trafficDistribution: 'PreferSameNode' })], from: 'validateServiceTrafficDistribution, PreferSameTrafficDistribution' },
  { name: 'service: trafficDistribution of an unknown value', expect: V('invalid', 'invalid'), objects: [service({ trafficDistribution: 'Nearest' })], from: 'validateServiceTrafficDistribution' },
  // relaxed environment variable names (KEP-4369): beta on in 1.32, GA 1.34
  { name: 'env: a variable name with a space and a colon', expect: V('invalid', 'valid'), objects: [withContainer({ env: [{ name: 'My Var:1', value: 'x' }] })], from: 'validateEnvVarName, RelaxedEnvironmentVariableValidation' },
  { name: 'env: a variable name with =', expect: V('invalid', 'invalid'), objects: [withContainer({ env: [{ name: 'A=B', value: 'x' }] })], from: 'validateEnvVarName' },
  // relaxed DNS search paths (KEP-4427): beta on in 1.33
  { name: 'dnsConfig: a search path with an underscore (SRV)', expect: V('invalid', 'valid'), objects: [pod({ dnsConfig: { searches: ['_sip._tcp.example.com'] } })], from: 'validatePodDNSConfig, RelaxedDNSSearchValidation' },
  { name: 'dnsConfig: a search path of a single dot', expect: V('invalid', 'valid'), objects: [pod({ dnsConfig: { searches: ['.'] } })], from: 'validatePodDNSConfig, RelaxedDNSSearchValidation' },
  { name: 'dnsPolicy None with a dnsConfig but no nameservers', expect: V('invalid', 'invalid'), objects: [pod({ dnsPolicy: 'None', dnsConfig: { searches: ['example.com'] } })], from: 'validatePodDNSConfig' },
  // lifecycle sleep (KEP-3960): 1.29 alpha, beta on in 1.30
  { name: 'lifecycle: a preStop sleep', expect: V('invalid', 'valid'), objects: [withContainer({ lifecycle: { preStop: { sleep: { seconds: 5 } } } })], from: 'validateLifecycleHandler, PodLifecycleSleepAction' },
  { name: 'lifecycle: a preStop with no handler', expect: V('invalid', 'invalid'), objects: [withContainer({ lifecycle: { preStop: {} } })], from: 'validateLifecycleHandler' },
  // image volumes (KEP-4639)
  { name: 'volumes: an image volume', expect: V('invalid', 'valid'), objects: [pod({ volumes: [{ name: 'data', image: { reference: 'quay.io/crio/artifact:v2', pullPolicy: 'IfNotPresent' } }], containers: [{ name: 'app', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] })], from: 'validateVolumeSource, ImageVolume' },
  // pod-level resources (KEP-2837): 1.32 alpha, beta on in 1.34
  { name: 'pod: pod-level resources', expect: V('invalid', 'valid'), objects: [pod({ resources: { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } } })], from: 'validatePodResources, PodLevelResources' },
  // topology spread
  { name: 'topologySpread: minDomains with ScheduleAnyway', expect: V('invalid', 'invalid'), objects: [pod({ topologySpreadConstraints: [{ maxSkew: 1, minDomains: 2, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } }] })], from: 'validateMinDomains' },
  // Job
  { name: 'job: successPolicy with Indexed completion', expect: V('invalid', 'valid'), objects: [job({ completionMode: 'Indexed', completions: 3, parallelism: 3, successPolicy: { rules: [{ succeededIndexes: '0' }] } })], from: 'validateSuccessPolicy, JobSuccessPolicy' },
  { name: 'job: successPolicy without Indexed completion', expect: V('invalid', 'invalid'), objects: [job({ completions: 3, successPolicy: { rules: [{ succeededCount: 1 }] } })], from: 'validateSuccessPolicy' },
  { name: 'job: podFailurePolicy with restartPolicy OnFailure', expect: V('invalid', 'invalid'), objects: [job({ podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] }, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'app', image: 'busybox' }] } } })], from: 'validatePodFailurePolicy' },
  { name: 'job: backoffLimitPerIndex with Indexed completion', expect: V('valid', 'valid'), objects: [job({ completionMode: 'Indexed', completions: 2, backoffLimitPerIndex: 1 })], from: 'validateJobSpec, JobBackoffLimitPerIndex' },
  { name: 'job: podReplacementPolicy Failed', expect: V('valid', 'valid'), objects: [job({ podReplacementPolicy: 'Failed' })], from: 'validateJobSpec, JobPodReplacementPolicy' },
  { name: 'job: podReplacementPolicy of an unknown value', expect: V('valid', 'invalid'), objects: [job({ podReplacementPolicy: 'Sometimes' })], from: 'validateJobSpec, JobPodReplacementPolicy' },
  { name: 'job: managedBy another controller', expect: V('invalid', 'valid'), objects: [job({ managedBy: 'kueue.x-k8s.io/multikueue' })], from: 'validateJobSpec, JobManagedBy' },
  // pod security and scheduling fields
  { name: 'securityContext: appArmorProfile RuntimeDefault', expect: V('invalid', 'valid'), objects: [pod({ securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } })], from: 'validateAppArmorProfileField (GA 1.30)' },
  { name: 'securityContext: supplementalGroupsPolicy Strict', expect: V('invalid', 'valid'), objects: [pod({ securityContext: { supplementalGroupsPolicy: 'Strict' } })], from: 'validateSupplementalGroupsPolicy, SupplementalGroupsPolicy' },
  { name: 'podAffinity: matchLabelKeys', expect: V('invalid', 'valid'), objects: [pod({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } }, matchLabelKeys: ['pod-template-hash'] }] } } })], from: 'validatePodAffinityTerm, MatchLabelKeysInPodAffinity' },
  { name: 'lifecycle: stopSignal', expect: V('invalid', 'valid'), objects: [withContainer({ lifecycle: { stopSignal: 'SIGUSR1' } })], from: 'validateContainerStopSignal, ContainerStopSignals' },
  { name: 'pod: a resource claim from a template', expect: V('invalid', 'valid'), objects: [pod({ resourceClaims: [{ name: 'gpu', resourceClaimTemplateName: 'gpu-template' }], containers: [{ name: 'app', image: 'nginx', resources: { claims: [{ name: 'gpu' }] } }] })], from: 'validatePodResourceClaims, DynamicResourceAllocation (GA 1.34)' },
  {
    name: 'statefulset: ordinals start',
    expect: V('valid', 'valid'),
    objects: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'default' }, spec: { serviceName: 'db', replicas: 2, ordinals: { start: 5 }, selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres' }] } } } }],
    from: 'ValidateStatefulSetSpec, StatefulSetStartOrdinal',
  },
  // APIs that arrived after 1.28
  {
    name: 'api: resource.k8s.io/v1 DeviceClass',
    expect: V('invalid', 'valid'),
    objects: [{ apiVersion: 'resource.k8s.io/v1', kind: 'DeviceClass', metadata: { name: 'gpu.example.com' }, spec: { selectors: [{ cel: { expression: 'device.driver == "gpu.example.com"' } }] } }],
    from: 'resource.k8s.io/v1 (GA 1.34)',
  },
  {
    name: 'api: admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy',
    expect: V('invalid', 'valid'),
    objects: [
      {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicy',
        metadata: { name: 'replicas-limit' },
        spec: {
          failurePolicy: 'Fail',
          matchConstraints: { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] }] },
          validations: [{ expression: 'object.spec.replicas <= 5' }],
        },
      },
    ],
    from: 'admissionregistration.k8s.io/v1 (GA 1.30)',
  },
  {
    name: 'api: flowcontrol.apiserver.k8s.io/v1 FlowSchema',
    expect: V('invalid', 'valid'),
    objects: [{ apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema', metadata: { name: 'fs' }, spec: { priorityLevelConfiguration: { name: 'global-default' }, matchingPrecedence: 1000, rules: [{ subjects: [{ kind: 'Group', group: { name: 'system:authenticated' } }], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }] }] } }],
    from: 'flowcontrol.apiserver.k8s.io/v1 (GA 1.29)',
  },
  {
    name: 'api: flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema (removed in 1.32)',
    expect: V('valid', 'invalid'),
    objects: [{ apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kind: 'FlowSchema', metadata: { name: 'fs3' }, spec: { priorityLevelConfiguration: { name: 'global-default' }, matchingPrecedence: 1000, rules: [{ subjects: [{ kind: 'Group', group: { name: 'system:authenticated' } }], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }] }] } }],
    from: 'deprecation guide: flowcontrol v1beta3 removed in 1.32',
  },
  {
    name: 'api: networking.k8s.io/v1 ServiceCIDR',
    expect: V('invalid', 'valid'),
    objects: [{ apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', metadata: { name: 'extra' }, spec: { cidrs: ['10.96.0.0/24'] } }],
    from: 'networking.k8s.io/v1 ServiceCIDR (GA 1.33)',
  },
  {
    name: 'api: storage.k8s.io/v1 VolumeAttributesClass',
    expect: V('invalid', 'valid'),
    objects: [{ apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttributesClass', metadata: { name: 'gold' }, driverName: 'pd.csi.storage.gke.io', parameters: { iops: '3000' } }],
    from: 'storage.k8s.io/v1 VolumeAttributesClass (GA 1.34)',
  },
  // a CRD with a version that is not served (svcgen's bug at every version)
  {
    name: 'crd: a version with served false and storage false',
    expect: V('valid', 'valid'),
    objects: [
      {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'widgets.example.com' },
        spec: {
          group: 'example.com',
          scope: 'Namespaced',
          names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
          versions: [
            { name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } },
            { name: 'v1alpha1', served: false, storage: false, schema: { openAPIV3Schema: { type: 'object' } } },
          ],
        },
      },
    ],
    from: 'ValidateCustomResourceDefinition (served and storage are plain bools)',
  },
];
