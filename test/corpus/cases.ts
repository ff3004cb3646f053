/**
 * The validation corpus: manifests with the verdict and the error paths that Kubernetes 1.28
 * gives them, written after the cases of Kubernetes' own validation tests
 * (pkg/apis/core/validation/validation_test.go TestValidateService*, TestValidateEndpoints,
 * TestValidatePodSpec, TestValidateContainers, TestValidateProbe*, TestValidateObjectMeta*;
 * pkg/apis/apps/validation/validation_test.go; pkg/apis/discovery/validation), each a valid base
 * object and one change. `svcgenOnly` marks what svcgen rejects or warns about although the API
 * server stores it (the agreement test leaves those out).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

export interface Case {
  readonly name: string;
  readonly expect: 'valid' | 'invalid';
  /** Field paths of the errors, in the API server's notation (order does not matter). */
  readonly errors?: readonly string[];
  /** Field paths of svcgen's warnings, when the case checks them. */
  readonly warnings?: readonly string[];
  /** The manifests (most cases have one). */
  readonly objects: readonly Obj[];
  /** What svcgen checks beyond the API server (left out of the agreement with it). */
  readonly svcgenOnly?: boolean;
  /** The Kubernetes test this case follows. */
  readonly from: string;
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

function tweak(base: Obj, f: (o: Obj) => void): Obj {
  const o = clone(base);
  f(o);
  return o;
}

// ---- Service --------------------------------------------------------------------------------

const SVC: Obj = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'svc', namespace: 'default' },
  spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] },
};
const svc = (f: (o: Obj) => void) => tweak(SVC, f);
const S = 'validation_test.go TestValidateServiceCreate';

const serviceCases: Case[] = [
  { name: 'service: valid ClusterIP', expect: 'valid', objects: [SVC], from: S },
  { name: 'service: missing name', expect: 'invalid', errors: ['metadata.name'], objects: [svc((o) => delete o.metadata.name)], from: S },
  { name: 'service: generateName only', expect: 'valid', objects: [svc((o) => { delete o.metadata.name; o.metadata.generateName = 'svc-'; })], from: S },
  { name: 'service: invalid name (DNS-1035: leading digit)', expect: 'invalid', errors: ['metadata.name'], objects: [svc((o) => (o.metadata.name = '1svc'))], from: S },
  { name: 'service: invalid name (dots)', expect: 'invalid', errors: ['metadata.name'], objects: [svc((o) => (o.metadata.name = 'my.svc'))], from: S },
  { name: 'service: invalid name (underscore)', expect: 'invalid', errors: ['metadata.name'], objects: [svc((o) => (o.metadata.name = 'front_end'))], from: S },
  { name: 'service: name of 64 characters', expect: 'invalid', errors: ['metadata.name'], objects: [svc((o) => (o.metadata.name = 'a'.repeat(64)))], from: S },
  { name: 'service: name of 63 characters', expect: 'valid', objects: [svc((o) => (o.metadata.name = 'a'.repeat(63)))], from: S },
  { name: 'service: invalid namespace', expect: 'invalid', errors: ['metadata.namespace'], objects: [svc((o) => (o.metadata.namespace = 'Prod'))], from: S },
  { name: 'service: invalid label key', expect: 'invalid', errors: ['metadata.labels'], objects: [svc((o) => (o.metadata.labels = { 'NoUppercaseOrSpecialCharsLike=Equals': 'b' }))], from: S },
  { name: 'service: invalid label value', expect: 'invalid', errors: ['metadata.labels'], objects: [svc((o) => (o.metadata.labels = { app: 'not a valid value' }))], from: S },
  { name: 'service: invalid annotation key', expect: 'invalid', errors: ['metadata.annotations'], objects: [svc((o) => (o.metadata.annotations = { 'bad key': 'x' }))], from: S },
  { name: 'service: uppercase annotation key is fine', expect: 'valid', objects: [svc((o) => (o.metadata.annotations = { 'Example.com/Owner': 'x' }))], from: S },
  { name: 'service: no ports', expect: 'invalid', errors: ['spec.ports'], objects: [svc((o) => (o.spec.ports = []))], from: S },
  { name: 'service: headless with no ports', expect: 'valid', objects: [svc((o) => { o.spec.ports = []; o.spec.clusterIP = 'None'; })], from: S },
  { name: 'service: headless without selector', expect: 'valid', objects: [svc((o) => { delete o.spec.selector; o.spec.clusterIP = 'None'; })], from: S },
  { name: 'service: empty port name with one port', expect: 'valid', objects: [svc((o) => delete o.spec.ports[0].name)], from: S },
  { name: 'service: two unnamed ports', expect: 'invalid', errors: ['spec.ports[0].name', 'spec.ports[1].name'], objects: [svc((o) => (o.spec.ports = [{ port: 80 }, { port: 81 }]))], from: S },
  { name: 'service: one of two ports unnamed', expect: 'invalid', errors: ['spec.ports[1].name'], objects: [svc((o) => o.spec.ports.push({ port: 81 }))], from: S },
  { name: 'service: duplicate port names', expect: 'invalid', errors: ['spec.ports[1].name'], objects: [svc((o) => o.spec.ports.push({ name: 'http', port: 81 }))], from: S },
  { name: 'service: port name not a DNS label', expect: 'invalid', errors: ['spec.ports[0].name'], objects: [svc((o) => (o.spec.ports[0].name = 'HTTP'))], from: S },
  { name: 'service: port name may start with a digit', expect: 'valid', objects: [svc((o) => (o.spec.ports[0].name = '8080-http'))], from: S },
  { name: 'service: port 0', expect: 'invalid', errors: ['spec.ports[0].port'], objects: [svc((o) => (o.spec.ports[0].port = 0))], from: S },
  { name: 'service: port 65536', expect: 'invalid', errors: ['spec.ports[0].port'], objects: [svc((o) => (o.spec.ports[0].port = 65536))], from: S },
  { name: 'service: port missing', expect: 'invalid', errors: ['spec.ports[0].port'], objects: [svc((o) => delete o.spec.ports[0].port)], from: S },
  { name: 'service: unsupported protocol', expect: 'invalid', errors: ['spec.ports[0].protocol'], objects: [svc((o) => (o.spec.ports[0].protocol = 'HTTP'))], from: S },
  { name: 'service: lower-case protocol', expect: 'invalid', errors: ['spec.ports[0].protocol'], objects: [svc((o) => (o.spec.ports[0].protocol = 'tcp'))], from: S },
  { name: 'service: UDP', expect: 'valid', objects: [svc((o) => (o.spec.ports[0].protocol = 'UDP'))], from: S },
  { name: 'service: SCTP', expect: 'valid', objects: [svc((o) => (o.spec.ports[0].protocol = 'SCTP'))], from: S },
  { name: 'service: same port for TCP and UDP', expect: 'valid', objects: [svc((o) => o.spec.ports.push({ name: 'dns', port: 80, protocol: 'UDP' }))], from: S },
  { name: 'service: same port and protocol twice', expect: 'invalid', errors: ['spec.ports[1]'], objects: [svc((o) => o.spec.ports.push({ name: 'http2', port: 80, protocol: 'TCP' }))], from: S },
  { name: 'service: targetPort 0 defaults to port', expect: 'valid', objects: [svc((o) => (o.spec.ports[0].targetPort = 0))], from: S },
  { name: 'service: targetPort 65536', expect: 'invalid', errors: ['spec.ports[0].targetPort'], objects: [svc((o) => (o.spec.ports[0].targetPort = 65536))], from: S },
  { name: 'service: named targetPort', expect: 'valid', objects: [svc((o) => (o.spec.ports[0].targetPort = 'http'))], from: S },
  { name: 'service: named targetPort with upper case', expect: 'invalid', errors: ['spec.ports[0].targetPort'], objects: [svc((o) => (o.spec.ports[0].targetPort = 'Http'))], from: S },
  { name: 'service: named targetPort of 16 characters', expect: 'invalid', errors: ['spec.ports[0].targetPort'], objects: [svc((o) => (o.spec.ports[0].targetPort = 'a'.repeat(16)))], from: S },
  { name: 'service: named targetPort with no letter', expect: 'invalid', errors: ['spec.ports[0].targetPort'], objects: [svc((o) => (o.spec.ports[0].targetPort = '123'))], from: S },
  { name: 'service: named targetPort with double hyphen', expect: 'invalid', errors: ['spec.ports[0].targetPort'], objects: [svc((o) => (o.spec.ports[0].targetPort = 'a--b'))], from: S },
  { name: 'service: appProtocol', expect: 'valid', objects: [svc((o) => (o.spec.ports[0].appProtocol = 'kubernetes.io/h2c'))], from: S },
  { name: 'service: invalid appProtocol', expect: 'invalid', errors: ['spec.ports[0].appProtocol'], objects: [svc((o) => (o.spec.ports[0].appProtocol = 'a b'))], from: S },
  { name: 'service: invalid selector key', expect: 'invalid', errors: ['spec.selector'], objects: [svc((o) => (o.spec.selector = { 'a b': 'x' }))], from: S },
  { name: 'service: invalid selector value', expect: 'invalid', errors: ['spec.selector'], objects: [svc((o) => (o.spec.selector = { app: '-web' }))], from: S },
  { name: 'service: unsupported type', expect: 'invalid', errors: ['spec.type'], objects: [svc((o) => (o.spec.type = 'Internal'))], from: S },
  { name: 'service: nodePort on ClusterIP', expect: 'invalid', errors: ['spec.ports[0].nodePort'], objects: [svc((o) => (o.spec.ports[0].nodePort = 30080))], from: S },
  { name: 'service: NodePort with fixed nodePort', expect: 'valid', objects: [svc((o) => { o.spec.type = 'NodePort'; o.spec.ports[0].nodePort = 30080; })], from: S },
  { name: 'service: NodePort allocated', expect: 'valid', objects: [svc((o) => (o.spec.type = 'NodePort'))], from: S },
  { name: 'service: nodePort below the range', expect: 'invalid', errors: ['spec.ports[0].nodePort'], objects: [svc((o) => { o.spec.type = 'NodePort'; o.spec.ports[0].nodePort = 80; })], from: 'storage/storage_test.go (allocator)' },
  { name: 'service: nodePort above the range', expect: 'invalid', errors: ['spec.ports[0].nodePort'], objects: [svc((o) => { o.spec.type = 'NodePort'; o.spec.ports[0].nodePort = 32768; })], from: 'storage/storage_test.go (allocator)' },
  { name: 'service: duplicate nodePort for one protocol', expect: 'invalid', errors: ['spec.ports[1].nodePort'], objects: [svc((o) => { o.spec.type = 'NodePort'; o.spec.ports[0].nodePort = 30080; o.spec.ports.push({ name: 'b', port: 81, nodePort: 30080 }); })], from: S },
  { name: 'service: same nodePort for TCP and UDP', expect: 'valid', objects: [svc((o) => { o.spec.type = 'NodePort'; o.spec.ports[0].nodePort = 30080; o.spec.ports.push({ name: 'b', port: 80, protocol: 'UDP', nodePort: 30080 }); })], from: S },
  { name: 'service: headless NodePort', expect: 'invalid', errors: ['spec.clusterIPs[0]'], objects: [svc((o) => { o.spec.type = 'NodePort'; o.spec.clusterIP = 'None'; })], from: S },
  { name: 'service: headless LoadBalancer', expect: 'invalid', errors: ['spec.clusterIPs[0]'], objects: [svc((o) => { o.spec.type = 'LoadBalancer'; o.spec.clusterIP = 'None'; })], from: S },
  { name: 'service: LoadBalancer', expect: 'valid', objects: [svc((o) => (o.spec.type = 'LoadBalancer'))], from: S },
  { name: 'service: LoadBalancer on the kubelet port', expect: 'invalid', errors: ['spec.ports[0]'], objects: [svc((o) => { o.spec.type = 'LoadBalancer'; o.spec.ports[0].port = 10250; })], from: S },
  { name: 'service: ClusterIP on the kubelet port', expect: 'valid', objects: [svc((o) => (o.spec.ports[0].port = 10250))], from: S },
  { name: 'service: loadBalancerClass', expect: 'valid', objects: [svc((o) => { o.spec.type = 'LoadBalancer'; o.spec.loadBalancerClass = 'example.com/internal-vip'; })], from: 'TestValidateLoadBalancerClass' },
  { name: 'service: loadBalancerClass on ClusterIP', expect: 'invalid', errors: ['spec.loadBalancerClass'], objects: [svc((o) => (o.spec.loadBalancerClass = 'example.com/internal-vip'))], from: 'TestValidateLoadBalancerClass' },
  { name: 'service: invalid loadBalancerClass', expect: 'invalid', errors: ['spec.loadBalancerClass'], objects: [svc((o) => { o.spec.type = 'LoadBalancer'; o.spec.loadBalancerClass = 'Bad Class'; })], from: 'TestValidateLoadBalancerClass' },
  { name: 'service: loadBalancerSourceRanges', expect: 'valid', objects: [svc((o) => { o.spec.type = 'LoadBalancer'; o.spec.loadBalancerSourceRanges = ['10.0.0.0/8', '2001:db8::/32']; })], from: S },
  { name: 'service: loadBalancerSourceRanges on ClusterIP', expect: 'invalid', errors: ['spec.LoadBalancerSourceRanges'], objects: [svc((o) => (o.spec.loadBalancerSourceRanges = ['10.0.0.0/8']))], from: S },
  { name: 'service: invalid loadBalancerSourceRanges', expect: 'invalid', errors: ['spec.LoadBalancerSourceRanges'], objects: [svc((o) => { o.spec.type = 'LoadBalancer'; o.spec.loadBalancerSourceRanges = ['10.0.0.0']; })], from: S },
  { name: 'service: allocateLoadBalancerNodePorts false', expect: 'valid', objects: [svc((o) => { o.spec.type = 'LoadBalancer'; o.spec.allocateLoadBalancerNodePorts = false; })], from: S },
  { name: 'service: allocateLoadBalancerNodePorts on NodePort', expect: 'invalid', errors: ['spec.allocateLoadBalancerNodePorts'], objects: [svc((o) => { o.spec.type = 'NodePort'; o.spec.allocateLoadBalancerNodePorts = true; })], from: S },
  { name: 'service: ExternalName', expect: 'valid', objects: [svc((o) => { o.spec = { type: 'ExternalName', externalName: 'db.example.com' }; })], from: S },
  { name: 'service: ExternalName with a trailing dot', expect: 'valid', objects: [svc((o) => { o.spec = { type: 'ExternalName', externalName: 'db.example.com.' }; })], from: S },
  { name: 'service: ExternalName without externalName', expect: 'invalid', errors: ['spec.externalName'], objects: [svc((o) => { o.spec = { type: 'ExternalName' }; })], from: S },
  { name: 'service: ExternalName not a DNS name', expect: 'invalid', errors: ['spec.externalName'], objects: [svc((o) => { o.spec = { type: 'ExternalName', externalName: '-db.example.com' }; })], from: S },
  { name: 'service: ExternalName with a clusterIP', expect: 'invalid', errors: ['spec.clusterIPs'], objects: [svc((o) => { o.spec = { type: 'ExternalName', externalName: 'db.example.com', clusterIP: '10.0.0.10' }; })], from: S },
  { name: 'service: ExternalName with ports (stored, unused)', expect: 'valid', objects: [svc((o) => { o.spec.type = 'ExternalName'; o.spec.externalName = 'db.example.com'; })], from: S },
  { name: 'service: chosen clusterIP', expect: 'valid', objects: [svc((o) => (o.spec.clusterIP = '10.0.171.239'))], from: S },
  { name: 'service: invalid clusterIP', expect: 'invalid', errors: ['spec.clusterIPs[0]'], objects: [svc((o) => (o.spec.clusterIP = '10.0.0.256'))], from: S },
  { name: 'service: clusterIPs not matching clusterIP', expect: 'invalid', errors: ['spec.clusterIPs'], objects: [svc((o) => { o.spec.clusterIP = '10.0.0.10'; o.spec.clusterIPs = ['10.0.0.11']; })], from: 'TestValidateServiceClusterIPsRelatedFields' },
  { name: 'service: two IPv4 clusterIPs', expect: 'invalid', errors: ['spec.clusterIPs'], objects: [svc((o) => { o.spec.clusterIP = '10.0.0.10'; o.spec.clusterIPs = ['10.0.0.10', '10.0.0.11']; o.spec.ipFamilyPolicy = 'PreferDualStack'; })], from: 'TestValidateServiceClusterIPsRelatedFields' },
  { name: 'service: unsupported ipFamily', expect: 'invalid', errors: ['spec.ipFamilies[0]'], objects: [svc((o) => (o.spec.ipFamilies = ['IPv5']))], from: 'TestValidateServiceClusterIPsRelatedFields' },
  { name: 'service: unsupported ipFamilyPolicy', expect: 'invalid', errors: ['spec.ipFamilyPolicy'], objects: [svc((o) => (o.spec.ipFamilyPolicy = 'DualStack'))], from: 'TestValidateServiceClusterIPsRelatedFields' },
  { name: 'service: externalIPs', expect: 'valid', objects: [svc((o) => (o.spec.externalIPs = ['80.11.12.10']))], from: S },
  { name: 'service: invalid externalIP', expect: 'invalid', errors: ['spec.externalIPs[0]'], objects: [svc((o) => (o.spec.externalIPs = ['80.11.12']))], from: S },
  { name: 'service: loopback externalIP', expect: 'invalid', errors: ['spec.externalIPs[0]'], objects: [svc((o) => (o.spec.externalIPs = ['127.0.0.1']))], from: S },
  { name: 'service: link-local externalIP', expect: 'invalid', errors: ['spec.externalIPs[0]'], objects: [svc((o) => (o.spec.externalIPs = ['169.254.0.1']))], from: S },
  { name: 'service: ClientIP affinity defaulted', expect: 'valid', objects: [svc((o) => (o.spec.sessionAffinity = 'ClientIP'))], from: S },
  { name: 'service: ClientIP affinity 86400', expect: 'valid', objects: [svc((o) => { o.spec.sessionAffinity = 'ClientIP'; o.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 86400 } }; })], from: S },
  { name: 'service: ClientIP affinity 86401', expect: 'invalid', errors: ['spec.sessionAffinityConfig.clientIP.timeoutSeconds'], objects: [svc((o) => { o.spec.sessionAffinity = 'ClientIP'; o.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 86401 } }; })], from: S },
  { name: 'service: ClientIP affinity 0', expect: 'invalid', errors: ['spec.sessionAffinityConfig.clientIP.timeoutSeconds'], objects: [svc((o) => { o.spec.sessionAffinity = 'ClientIP'; o.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 0 } }; })], from: S },
  { name: 'service: affinity config without ClientIP (dropped by defaulting)', expect: 'valid', warnings: ['spec.sessionAffinityConfig'], objects: [svc((o) => { o.spec.sessionAffinity = 'None'; o.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 100 } }; })], from: S },
  { name: 'service: unsupported sessionAffinity', expect: 'invalid', errors: ['spec.sessionAffinity'], objects: [svc((o) => (o.spec.sessionAffinity = 'Cookie'))], from: S },
  { name: 'service: externalTrafficPolicy Local on NodePort', expect: 'valid', objects: [svc((o) => { o.spec.type = 'NodePort'; o.spec.externalTrafficPolicy = 'Local'; })], from: S },
  { name: 'service: externalTrafficPolicy on ClusterIP', expect: 'invalid', errors: ['spec.externalTrafficPolicy'], objects: [svc((o) => (o.spec.externalTrafficPolicy = 'Local'))], from: S },
  { name: 'service: unsupported externalTrafficPolicy', expect: 'invalid', errors: ['spec.externalTrafficPolicy'], objects: [svc((o) => { o.spec.type = 'NodePort'; o.spec.externalTrafficPolicy = 'Nearest'; })], from: S },
  { name: 'service: internalTrafficPolicy Local', expect: 'valid', objects: [svc((o) => (o.spec.internalTrafficPolicy = 'Local'))], from: S },
  { name: 'service: unsupported internalTrafficPolicy', expect: 'invalid', errors: ['spec.internalTrafficPolicy'], objects: [svc((o) => (o.spec.internalTrafficPolicy = 'Node'))], from: S },
  { name: 'service: healthCheckNodePort on ClusterIP', expect: 'invalid', errors: ['spec.healthCheckNodePort'], objects: [svc((o) => (o.spec.healthCheckNodePort = 31000))], from: S },
  { name: 'service: publishNotReadyAddresses', expect: 'valid', objects: [svc((o) => (o.spec.publishNotReadyAddresses = true))], from: S },
];

// ---- Endpoints and EndpointSlices -------------------------------------------------------------

const EP: Obj = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'ep', namespace: 'default' }, subsets: [{ addresses: [{ ip: '10.1.2.3' }], ports: [{ name: 'a', port: 9376, protocol: 'TCP' }] }] };
const ep = (f: (o: Obj) => void) => tweak(EP, f);
const E = 'validation_test.go TestValidateEndpointsCreate';
const endpointCases: Case[] = [
  { name: 'endpoints: valid', expect: 'valid', objects: [EP], from: E },
  { name: 'endpoints: IPv6 address', expect: 'valid', objects: [ep((o) => (o.subsets[0].addresses[0].ip = '2001:db8::1'))], from: E },
  { name: 'endpoints: no addresses', expect: 'invalid', errors: ['subsets[0]'], objects: [ep((o) => (o.subsets[0].addresses = []))], from: E },
  { name: 'endpoints: not-ready addresses only', expect: 'valid', objects: [ep((o) => { o.subsets[0].notReadyAddresses = o.subsets[0].addresses; delete o.subsets[0].addresses; })], from: E },
  { name: 'endpoints: invalid IP', expect: 'invalid', errors: ['subsets[0].addresses[0].ip'], objects: [ep((o) => (o.subsets[0].addresses[0].ip = '[2001:db8::1]'))], from: E },
  { name: 'endpoints: loopback IP', expect: 'invalid', errors: ['subsets[0].addresses[0].ip'], objects: [ep((o) => (o.subsets[0].addresses[0].ip = '127.0.0.1'))], from: E },
  { name: 'endpoints: IPv6 loopback', expect: 'invalid', errors: ['subsets[0].addresses[0].ip'], objects: [ep((o) => (o.subsets[0].addresses[0].ip = '::1'))], from: E },
  { name: 'endpoints: link-local IP', expect: 'invalid', errors: ['subsets[0].addresses[0].ip'], objects: [ep((o) => (o.subsets[0].addresses[0].ip = '169.254.1.1'))], from: E },
  { name: 'endpoints: IPv6 link-local', expect: 'invalid', errors: ['subsets[0].addresses[0].ip'], objects: [ep((o) => (o.subsets[0].addresses[0].ip = 'fe80::1'))], from: E },
  { name: 'endpoints: link-local multicast IP', expect: 'invalid', errors: ['subsets[0].addresses[0].ip'], objects: [ep((o) => (o.subsets[0].addresses[0].ip = '224.0.0.1'))], from: E },
  { name: 'endpoints: multicast outside link-local', expect: 'valid', objects: [ep((o) => (o.subsets[0].addresses[0].ip = '224.0.1.1'))], from: E },
  { name: 'endpoints: unspecified IP', expect: 'invalid', errors: ['subsets[0].addresses[0].ip'], objects: [ep((o) => (o.subsets[0].addresses[0].ip = '0.0.0.0'))], from: E },
  { name: 'endpoints: two unnamed ports', expect: 'invalid', errors: ['subsets[0].ports[0].name', 'subsets[0].ports[1].name'], objects: [ep((o) => (o.subsets[0].ports = [{ port: 1 }, { port: 2 }]))], from: E },
  { name: 'endpoints: invalid port name', expect: 'invalid', errors: ['subsets[0].ports[0].name'], objects: [ep((o) => (o.subsets[0].ports[0].name = 'A'))], from: E },
  { name: 'endpoints: port 0', expect: 'invalid', errors: ['subsets[0].ports[0].port'], objects: [ep((o) => (o.subsets[0].ports[0].port = 0))], from: E },
  { name: 'endpoints: unsupported protocol', expect: 'invalid', errors: ['subsets[0].ports[0].protocol'], objects: [ep((o) => (o.subsets[0].ports[0].protocol = 'HTTP'))], from: E },
  { name: 'endpoints: invalid hostname', expect: 'invalid', errors: ['subsets[0].addresses[0].hostname'], objects: [ep((o) => (o.subsets[0].addresses[0].hostname = 'Host_1'))], from: E },
];

const SLICE: Obj = {
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'slice', namespace: 'default', labels: { 'kubernetes.io/service-name': 'svc' } },
  addressType: 'IPv4',
  endpoints: [{ addresses: ['10.1.2.3'], conditions: { ready: true } }],
  ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
};
const slice = (f: (o: Obj) => void) => tweak(SLICE, f);
const D = 'discovery/validation/validation_test.go TestValidateEndpointSlice';
const sliceCases: Case[] = [
  { name: 'endpointslice: valid', expect: 'valid', objects: [SLICE], from: D },
  { name: 'endpointslice: unsupported addressType', expect: 'invalid', errors: ['addressType'], objects: [slice((o) => (o.addressType = 'IP'))], from: D },
  { name: 'endpointslice: IPv6 address in an IPv4 slice', expect: 'invalid', errors: ['endpoints[0].addresses[0]'], objects: [slice((o) => (o.endpoints[0].addresses = ['2001:db8::1']))], from: D },
  { name: 'endpointslice: loopback address', expect: 'invalid', errors: ['endpoints[0].addresses[0]'], objects: [slice((o) => (o.endpoints[0].addresses = ['127.0.0.1']))], from: D },
  { name: 'endpointslice: no addresses', expect: 'invalid', errors: ['endpoints[0].addresses'], objects: [slice((o) => (o.endpoints[0].addresses = []))], from: D },
  { name: 'endpointslice: IPv6 slice', expect: 'valid', objects: [slice((o) => { o.addressType = 'IPv6'; o.endpoints[0].addresses = ['2001:db8::1']; })], from: D },
];

// ---- Pods, containers, probes -------------------------------------------------------------------

const POD: Obj = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'pod', namespace: 'default', labels: { app: 'web' } },
  spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }] },
};
const pod = (f: (o: Obj) => void) => tweak(POD, f);
const c0 = (o: Obj) => o.spec.containers[0];
const P = 'validation_test.go TestValidatePodSpec/TestValidateContainers';
const PR = 'validation_test.go TestValidateProbe';
const podCases: Case[] = [
  { name: 'pod: valid', expect: 'valid', objects: [POD], from: P },
  { name: 'pod: no containers', expect: 'invalid', errors: ['spec.containers'], objects: [pod((o) => (o.spec.containers = []))], from: P },
  { name: 'pod: container without image', expect: 'invalid', errors: ['spec.containers[0].image'], objects: [pod((o) => delete c0(o).image)], from: P },
  { name: 'pod: container name not a DNS label', expect: 'invalid', errors: ['spec.containers[0].name'], objects: [pod((o) => (c0(o).name = 'Web'))], from: P },
  { name: 'pod: duplicate container names', expect: 'invalid', errors: ['spec.containers[1].name'], objects: [pod((o) => o.spec.containers.push({ name: 'web', image: 'nginx' }))], from: P },
  { name: 'pod: duplicate port names in a container', expect: 'invalid', errors: ['spec.containers[0].ports[1].name'], objects: [pod((o) => c0(o).ports.push({ name: 'http', containerPort: 8081 }))], from: P },
  { name: 'pod: port name of 16 characters', expect: 'invalid', errors: ['spec.containers[0].ports[0].name'], objects: [pod((o) => (c0(o).ports[0].name = 'a'.repeat(16)))], from: P },
  { name: 'pod: containerPort 0', expect: 'invalid', errors: ['spec.containers[0].ports[0].containerPort'], objects: [pod((o) => (c0(o).ports[0].containerPort = 0))], from: P },
  { name: 'pod: containerPort 65536', expect: 'invalid', errors: ['spec.containers[0].ports[0].containerPort'], objects: [pod((o) => (c0(o).ports[0].containerPort = 65536))], from: P },
  { name: 'pod: hostPort 65536', expect: 'invalid', errors: ['spec.containers[0].ports[0].hostPort'], objects: [pod((o) => (c0(o).ports[0].hostPort = 65536))], from: P },
  { name: 'pod: unsupported port protocol', expect: 'invalid', errors: ['spec.containers[0].ports[0].protocol'], objects: [pod((o) => (c0(o).ports[0].protocol = 'ICMP'))], from: P },
  { name: 'pod: host port used twice', expect: 'invalid', errors: ['spec.containers[1].ports[0].hostPort'], objects: [pod((o) => { c0(o).ports[0].hostPort = 8080; o.spec.containers.push({ name: 'b', image: 'b', ports: [{ containerPort: 9090, hostPort: 8080 }] }); })], from: P },
  { name: 'pod: hostNetwork with differing hostPort', expect: 'invalid', errors: ['spec.containers[0].ports[0].hostPort'], objects: [pod((o) => { o.spec.hostNetwork = true; c0(o).ports[0].hostPort = 9090; })], from: P },
  { name: 'pod: env names', expect: 'valid', objects: [pod((o) => (c0(o).env = [{ name: 'MY_ENV.NAME-1', value: 'x' }]))], from: P },
  { name: 'pod: env name starting with a digit', expect: 'invalid', errors: ['spec.containers[0].env[0].name'], objects: [pod((o) => (c0(o).env = [{ name: '1FOO', value: 'x' }]))], from: P },
  { name: 'pod: env value and valueFrom', expect: 'invalid', errors: ['spec.containers[0].env[0].valueFrom'], objects: [pod((o) => (c0(o).env = [{ name: 'A', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }]))], from: P },
  { name: 'pod: env valueFrom with two sources', expect: 'invalid', errors: ['spec.containers[0].env[0].valueFrom'], objects: [pod((o) => (c0(o).env = [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.name' }, secretKeyRef: { name: 's', key: 'k' } } }]))], from: P },
  { name: 'pod: secretKeyRef without key', expect: 'invalid', errors: ['spec.containers[0].env[0].valueFrom.secretKeyRef.key'], objects: [pod((o) => (c0(o).env = [{ name: 'A', valueFrom: { secretKeyRef: { name: 's' } } }]))], from: P },
  { name: 'pod: unsupported imagePullPolicy', expect: 'invalid', errors: ['spec.containers[0].imagePullPolicy'], objects: [pod((o) => (c0(o).imagePullPolicy = 'Sometimes'))], from: P },
  { name: 'pod: requests above limits', expect: 'invalid', errors: ['spec.containers[0].resources.requests'], objects: [pod((o) => (c0(o).resources = { requests: { cpu: '2' }, limits: { cpu: '1' } }))], from: P },
  { name: 'pod: requests below limits', expect: 'valid', objects: [pod((o) => (c0(o).resources = { requests: { cpu: '500m', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } }))], from: P },
  { name: 'pod: volume mount of an undeclared volume', expect: 'invalid', errors: ['spec.containers[0].volumeMounts[0].name'], objects: [pod((o) => (c0(o).volumeMounts = [{ name: 'data', mountPath: '/data' }]))], from: P },
  { name: 'pod: secret volume mounted', expect: 'valid', objects: [pod((o) => { o.spec.volumes = [{ name: 'tls', secret: { secretName: 'tls' } }]; c0(o).volumeMounts = [{ name: 'tls', mountPath: '/etc/tls' }]; })], from: P },
  { name: 'pod: secret volume without secretName', expect: 'invalid', errors: ['spec.volumes[0].secret.secretName'], objects: [pod((o) => (o.spec.volumes = [{ name: 'tls', secret: {} }]))], from: P },
  { name: 'pod: volume without a source (defaulted to emptyDir)', expect: 'valid', objects: [pod((o) => (o.spec.volumes = [{ name: 'x' }]))], from: P },
  { name: 'pod: volume with two sources', expect: 'invalid', errors: ['spec.volumes[0].hostPath'], objects: [pod((o) => (o.spec.volumes = [{ name: 'x', emptyDir: {}, hostPath: { path: '/tmp' } }]))], from: P },
  { name: 'pod: duplicate volume names', expect: 'invalid', errors: ['spec.volumes[1].name'], objects: [pod((o) => (o.spec.volumes = [{ name: 'x', emptyDir: {} }, { name: 'x', emptyDir: {} }]))], from: P },
  { name: 'pod: the same mountPath twice', expect: 'invalid', errors: ['spec.containers[0].volumeMounts[1].mountPath'], objects: [pod((o) => { o.spec.volumes = [{ name: 'a', emptyDir: {} }, { name: 'b', emptyDir: {} }]; c0(o).volumeMounts = [{ name: 'a', mountPath: '/x' }, { name: 'b', mountPath: '/x' }]; })], from: P },
  { name: 'pod: unsupported restartPolicy', expect: 'invalid', errors: ['spec.restartPolicy'], objects: [pod((o) => (o.spec.restartPolicy = 'Sometimes'))], from: P },
  { name: 'pod: restartPolicy Never', expect: 'valid', objects: [pod((o) => (o.spec.restartPolicy = 'Never'))], from: P },
  { name: 'pod: unsupported dnsPolicy', expect: 'invalid', errors: ['spec.dnsPolicy'], objects: [pod((o) => (o.spec.dnsPolicy = 'Cluster'))], from: P },
  { name: 'pod: activeDeadlineSeconds 0', expect: 'invalid', errors: ['spec.activeDeadlineSeconds'], objects: [pod((o) => (o.spec.activeDeadlineSeconds = 0))], from: P },
  { name: 'pod: invalid hostname', expect: 'invalid', errors: ['spec.hostname'], objects: [pod((o) => (o.spec.hostname = 'Host'))], from: P },
  { name: 'pod: invalid nodeSelector', expect: 'invalid', errors: ['spec.nodeSelector'], objects: [pod((o) => (o.spec.nodeSelector = { 'a b': 'c' }))], from: P },
  { name: 'probe: HTTP on a named port', expect: 'valid', objects: [pod((o) => (c0(o).readinessProbe = { httpGet: { path: '/ready', port: 'http' } }))], from: PR },
  { name: 'probe: TCP on a number', expect: 'valid', objects: [pod((o) => (c0(o).livenessProbe = { tcpSocket: { port: 8080 } }))], from: PR },
  { name: 'probe: exec', expect: 'valid', objects: [pod((o) => (c0(o).livenessProbe = { exec: { command: ['cat', '/tmp/ok'] } }))], from: PR },
  { name: 'probe: gRPC', expect: 'valid', objects: [pod((o) => (c0(o).livenessProbe = { grpc: { port: 2379 } }))], from: PR },
  { name: 'probe: no handler', expect: 'invalid', errors: ['spec.containers[0].livenessProbe'], objects: [pod((o) => (c0(o).livenessProbe = { periodSeconds: 5 }))], from: PR },
  { name: 'probe: two handlers', expect: 'invalid', errors: ['spec.containers[0].livenessProbe.tcpSocket'], objects: [pod((o) => (c0(o).livenessProbe = { httpGet: { port: 80 }, tcpSocket: { port: 80 } }))], from: PR },
  { name: 'probe: HTTP port 0', expect: 'invalid', errors: ['spec.containers[0].readinessProbe.httpGet.port'], objects: [pod((o) => (c0(o).readinessProbe = { httpGet: { path: '/', port: 0 } }))], from: PR },
  { name: 'probe: HTTP port name not an IANA name', expect: 'invalid', errors: ['spec.containers[0].readinessProbe.httpGet.port'], objects: [pod((o) => (c0(o).readinessProbe = { httpGet: { path: '/', port: 'Http_Port' } }))], from: PR },
  { name: 'probe: unsupported HTTP scheme', expect: 'invalid', errors: ['spec.containers[0].readinessProbe.httpGet.scheme'], objects: [pod((o) => (c0(o).readinessProbe = { httpGet: { path: '/', port: 80, scheme: 'FTP' } }))], from: PR },
  { name: 'probe: invalid HTTP header name', expect: 'invalid', errors: ['spec.containers[0].readinessProbe.httpGet.httpHeaders'], objects: [pod((o) => (c0(o).readinessProbe = { httpGet: { path: '/', port: 80, httpHeaders: [{ name: 'X Bad', value: 'v' }] } }))], from: PR },
  { name: 'probe: exec without command', expect: 'invalid', errors: ['spec.containers[0].livenessProbe.exec.command'], objects: [pod((o) => (c0(o).livenessProbe = { exec: {} }))], from: PR },
  { name: 'probe: negative periodSeconds', expect: 'invalid', errors: ['spec.containers[0].readinessProbe.periodSeconds'], objects: [pod((o) => (c0(o).readinessProbe = { tcpSocket: { port: 80 }, periodSeconds: -1 }))], from: PR },
  { name: 'probe: negative initialDelaySeconds', expect: 'invalid', errors: ['spec.containers[0].readinessProbe.initialDelaySeconds'], objects: [pod((o) => (c0(o).readinessProbe = { tcpSocket: { port: 80 }, initialDelaySeconds: -5 }))], from: PR },
  { name: 'probe: liveness successThreshold 2', expect: 'invalid', errors: ['spec.containers[0].livenessProbe.successThreshold'], objects: [pod((o) => (c0(o).livenessProbe = { tcpSocket: { port: 80 }, successThreshold: 2 }))], from: PR },
  { name: 'probe: startup successThreshold 2', expect: 'invalid', errors: ['spec.containers[0].startupProbe.successThreshold'], objects: [pod((o) => (c0(o).startupProbe = { tcpSocket: { port: 80 }, successThreshold: 2 }))], from: PR },
  { name: 'probe: readiness successThreshold 2', expect: 'valid', objects: [pod((o) => (c0(o).readinessProbe = { tcpSocket: { port: 80 }, successThreshold: 2 }))], from: PR },
  { name: 'probe: readiness terminationGracePeriodSeconds', expect: 'invalid', errors: ['spec.containers[0].readinessProbe.terminationGracePeriodSeconds'], objects: [pod((o) => (c0(o).readinessProbe = { tcpSocket: { port: 80 }, terminationGracePeriodSeconds: 10 }))], from: PR },
  { name: 'probe: liveness terminationGracePeriodSeconds 0', expect: 'invalid', errors: ['spec.containers[0].livenessProbe.terminationGracePeriodSeconds'], objects: [pod((o) => (c0(o).livenessProbe = { tcpSocket: { port: 80 }, terminationGracePeriodSeconds: 0 }))], from: PR },
  { name: 'probe: gRPC port 0', expect: 'invalid', errors: ['spec.containers[0].livenessProbe.grpc.port'], objects: [pod((o) => (c0(o).livenessProbe = { grpc: { port: 0 } }))], from: PR },
  // the API server accepts it, the kubelet then fails the probe for ever: a warning (agreement-tested)
  { name: 'probe: HTTP on a port name the container does not declare', expect: 'valid', warnings: ['spec.containers[0].readinessProbe.httpGet.port'], objects: [pod((o) => (c0(o).readinessProbe = { httpGet: { path: '/', port: 'health' } }))], from: 'svcgen: the kubelet would fail this probe for ever' },
];

// ---- Controllers ---------------------------------------------------------------------------------

const TEMPLATE: Obj = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }] } };
const controller = (kind: string, spec: Obj = {}): Obj => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: { name: kind.toLowerCase(), namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: clone(TEMPLATE), ...(kind === 'StatefulSet' ? { serviceName: 'web' } : {}), ...spec },
});
const W = 'apps/validation/validation_test.go';
const workload = (kind: string, f: (o: Obj) => void) => tweak(controller(kind), f);
const controllerCases: Case[] = ['ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet'].flatMap((kind): Case[] => [
  { name: `${kind}: valid`, expect: 'valid', objects: [controller(kind)], from: W },
  { name: `${kind}: selector does not match template labels`, expect: 'invalid', errors: ['spec.template.metadata.labels'], objects: [workload(kind, (o) => (o.spec.template.metadata.labels = { app: 'api' }))], from: W },
  { name: `${kind}: empty selector`, expect: 'invalid', errors: ['spec.selector'], objects: [workload(kind, (o) => (o.spec.selector = {}))], from: W },
  { name: `${kind}: restartPolicy Never`, expect: 'invalid', errors: ['spec.template.spec.restartPolicy'], objects: [workload(kind, (o) => (o.spec.template.spec.restartPolicy = 'Never'))], from: W },
  { name: `${kind}: selector with matchExpressions`, expect: 'valid', objects: [workload(kind, (o) => (o.spec.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] }))], from: W },
  { name: `${kind}: In without values`, expect: 'invalid', errors: kind === 'DaemonSet' ? ['spec.selector.matchExpressions[0].values'] : ['spec.selector', 'spec.selector.matchExpressions[0].values'], objects: [workload(kind, (o) => (o.spec.selector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: [] }] }))], from: W },
  { name: `${kind}: invalid template label`, expect: 'invalid', errors: ['spec.template.labels'], objects: [workload(kind, (o) => (o.spec.template.metadata.labels['bad key'] = 'x'))], from: W },
  // Kubernetes 1.28 does not validate a StatefulSet's Pod template: accepted, each Pod then rejected (a warning)
  kind === 'StatefulSet'
    ? { name: `${kind}: invalid container in the template`, expect: 'valid', warnings: ['spec.serviceName', 'spec.template.spec.containers[0].ports[0].containerPort'], objects: [workload(kind, (o) => (o.spec.template.spec.containers[0].ports[0].containerPort = 70000))], from: W }
    : { name: `${kind}: invalid container in the template`, expect: 'invalid', errors: ['spec.template.spec.containers[0].ports[0].containerPort'], objects: [workload(kind, (o) => (o.spec.template.spec.containers[0].ports[0].containerPort = 70000))], from: W },
  { name: `${kind}: invalid name`, expect: 'invalid', errors: ['metadata.name'], objects: [workload(kind, (o) => (o.metadata.name = 'Web'))], from: W },
]);
const moreControllerCases: Case[] = [
  { name: 'ReplicaSet: negative replicas', expect: 'invalid', errors: ['spec.replicas'], objects: [workload('ReplicaSet', (o) => (o.spec.replicas = -1))], from: W },
  { name: 'Deployment: negative replicas', expect: 'invalid', errors: ['spec.replicas'], objects: [workload('Deployment', (o) => (o.spec.replicas = -1))], from: W },
  { name: 'Deployment: Recreate with rollingUpdate', expect: 'invalid', errors: ['spec.strategy.rollingUpdate'], objects: [workload('Deployment', (o) => (o.spec.strategy = { type: 'Recreate', rollingUpdate: { maxSurge: 1 } }))], from: W },
  { name: 'Deployment: maxSurge and maxUnavailable both 0', expect: 'invalid', errors: ['spec.strategy.rollingUpdate.maxUnavailable'], objects: [workload('Deployment', (o) => (o.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }))], from: W },
  { name: 'Deployment: maxUnavailable 120%', expect: 'invalid', errors: ['spec.strategy.rollingUpdate.maxUnavailable'], objects: [workload('Deployment', (o) => (o.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '120%' } }))], from: W },
  { name: 'Deployment: maxSurge not a percentage', expect: 'invalid', errors: ['spec.strategy.rollingUpdate.maxSurge'], objects: [workload('Deployment', (o) => (o.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 'ten' } }))], from: W },
  { name: 'Deployment: progressDeadlineSeconds not above minReadySeconds', expect: 'invalid', errors: ['spec.progressDeadlineSeconds'], objects: [workload('Deployment', (o) => { o.spec.minReadySeconds = 30; o.spec.progressDeadlineSeconds = 30; })], from: W },
  { name: 'Deployment: negative revisionHistoryLimit', expect: 'invalid', errors: ['spec.revisionHistoryLimit'], objects: [workload('Deployment', (o) => (o.spec.revisionHistoryLimit = -1))], from: W },
  { name: 'StatefulSet: unsupported podManagementPolicy', expect: 'invalid', errors: ['spec.podManagementPolicy'], objects: [workload('StatefulSet', (o) => (o.spec.podManagementPolicy = 'Random'))], from: W },
  { name: 'StatefulSet: Parallel', expect: 'valid', objects: [workload('StatefulSet', (o) => (o.spec.podManagementPolicy = 'Parallel'))], from: W },
  { name: 'StatefulSet: negative partition', expect: 'invalid', errors: ['spec.updateStrategy.rollingUpdate.partition'], objects: [workload('StatefulSet', (o) => (o.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: -1 } }))], from: W },
  { name: 'DaemonSet: unsupported updateStrategy', expect: 'invalid', errors: ['spec.updateStrategy'], objects: [workload('DaemonSet', (o) => (o.spec.updateStrategy = { type: 'Always' }))], from: W },
  { name: 'DaemonSet: maxUnavailable 0 and maxSurge 0', expect: 'invalid', errors: ['spec.updateStrategy.rollingUpdate.maxUnavailable'], objects: [workload('DaemonSet', (o) => (o.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } }))], from: W },
];

// ---- Schema, API versions, kinds ----------------------------------------------------------------

const V = 'strict field validation / API discovery';
const schemaCases: Case[] = [
  { name: 'schema: unknown field in spec', expect: 'invalid', errors: ['spec.selectr'], objects: [svc((o) => { o.spec.selectr = o.spec.selector; })], from: V },
  { name: 'schema: unknown field in a port', expect: 'invalid', errors: ['spec.ports[0].targetport'], objects: [svc((o) => (o.spec.ports[0].targetport = 80))], from: V },
  { name: 'schema: unknown top-level field', expect: 'invalid', errors: ['spex'], objects: [svc((o) => (o.spex = {}))], from: V },
  { name: 'schema: port as a string', expect: 'invalid', errors: ['spec.ports[0].port'], objects: [svc((o) => (o.spec.ports[0].port = '80'))], from: V },
  { name: 'schema: replicas as a string', expect: 'invalid', errors: ['spec.replicas'], objects: [workload('Deployment', (o) => (o.spec.replicas = 'three'))], from: V },
  { name: 'schema: env value as a number', expect: 'invalid', errors: ['spec.containers[0].env[0].value'], objects: [pod((o) => (c0(o).env = [{ name: 'A', value: 1 }]))], from: V },
  { name: 'schema: labels as a list', expect: 'invalid', errors: ['metadata.labels'], objects: [svc((o) => (o.metadata.labels = ['a']))], from: V },
  { name: 'schema: container without name', expect: 'invalid', errors: ['spec.containers[0].name'], objects: [pod((o) => delete c0(o).name)], from: V },
  { name: 'schema: targetPort as a list', expect: 'invalid', errors: ['spec.ports[0].targetPort'], objects: [svc((o) => (o.spec.ports[0].targetPort = [80]))], from: V },
  { name: 'api: ConfigMap', expect: 'valid', objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' }, data: { 'app.properties': 'a=b' } }], from: V },
  { name: 'api: ConfigMap with an invalid key', expect: 'invalid', errors: ['data[bad key]'], objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' }, data: { 'bad key': 'x' } }], from: 'TestValidateConfigMap' },
  { name: 'api: Secret', expect: 'valid', objects: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, data: { 'tls.crt': '' } }], from: 'TestValidateSecret' },
  { name: 'api: Namespace name must be a DNS label', expect: 'invalid', errors: ['metadata.name'], objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'my.namespace' } }], from: 'TestValidateNamespace' },
  { name: 'api: Pod name may be a DNS subdomain', expect: 'valid', objects: [pod((o) => (o.metadata.name = 'web.1'))], from: P },
];

// ---- Job, CronJob, Ingress, PersistentVolumeClaim -------------------------------------------------

const JOB: Obj = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'job', namespace: 'default' },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'job', image: 'busybox' }] } } },
};
const job = (f: (o: Obj) => void) => tweak(JOB, f);
const CRON: Obj = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cron', namespace: 'default' }, spec: { schedule: '*/5 * * * *', jobTemplate: { spec: clone(JOB.spec) } } };
const cron = (f: (o: Obj) => void) => tweak(CRON, f);
const ING: Obj = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'ing', namespace: 'default' },
  spec: { rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
};
const ing = (f: (o: Obj) => void) => tweak(ING, f);
const PVC: Obj = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
const pvc = (f: (o: Obj) => void) => tweak(PVC, f);
const B = 'batch/validation/validation_test.go';
const N = 'networking/validation/validation_test.go';
const moreKindCases: Case[] = [
  { name: 'job: valid', expect: 'valid', objects: [JOB], from: B },
  { name: 'job: restartPolicy Always', expect: 'invalid', errors: ['spec.template.spec.restartPolicy'], objects: [job((o) => (o.spec.template.spec.restartPolicy = 'Always'))], from: B },
  { name: 'job: no restartPolicy', expect: 'invalid', errors: ['spec.template.spec.restartPolicy'], objects: [job((o) => delete o.spec.template.spec.restartPolicy)], from: B },
  { name: 'job: negative parallelism', expect: 'invalid', errors: ['spec.parallelism'], objects: [job((o) => (o.spec.parallelism = -1))], from: B },
  { name: 'job: negative completions', expect: 'invalid', errors: ['spec.completions'], objects: [job((o) => (o.spec.completions = -1))], from: B },
  { name: 'job: negative backoffLimit', expect: 'invalid', errors: ['spec.backoffLimit'], objects: [job((o) => (o.spec.backoffLimit = -1))], from: B },
  { name: 'job: negative activeDeadlineSeconds', expect: 'invalid', errors: ['spec.activeDeadlineSeconds'], objects: [job((o) => (o.spec.activeDeadlineSeconds = -1))], from: B },
  { name: 'job: invalid container', expect: 'invalid', errors: ['spec.template.spec.containers[0].image'], objects: [job((o) => delete o.spec.template.spec.containers[0].image)], from: B },
  { name: 'cronjob: valid', expect: 'valid', objects: [CRON], from: B },
  { name: 'cronjob: @hourly', expect: 'valid', objects: [cron((o) => (o.spec.schedule = '@hourly'))], from: B },
  { name: 'cronjob: four fields', expect: 'invalid', errors: ['spec.schedule'], objects: [cron((o) => (o.spec.schedule = '* * * *'))], from: B },
  { name: 'cronjob: minute 60', expect: 'invalid', errors: ['spec.schedule'], objects: [cron((o) => (o.spec.schedule = '60 * * * *'))], from: B },
  { name: 'cronjob: unsupported concurrencyPolicy', expect: 'invalid', errors: ['spec.concurrencyPolicy'], objects: [cron((o) => (o.spec.concurrencyPolicy = 'Sometimes'))], from: B },
  { name: 'cronjob: restartPolicy Always in the job template', expect: 'invalid', errors: ['spec.jobTemplate.spec.template.spec.restartPolicy'], objects: [cron((o) => (o.spec.jobTemplate.spec.template.spec.restartPolicy = 'Always'))], from: B },
  { name: 'ingress: valid', expect: 'valid', objects: [ING], from: N },
  { name: 'ingress: wildcard host', expect: 'valid', objects: [ing((o) => (o.spec.rules[0].host = '*.example.com'))], from: N },
  { name: 'ingress: invalid host', expect: 'invalid', errors: ['spec.rules[0].host'], objects: [ing((o) => (o.spec.rules[0].host = 'Shop.example.com'))], from: N },
  { name: 'ingress: no pathType', expect: 'invalid', errors: ['spec.rules[0].http.paths[0].pathType'], objects: [ing((o) => delete o.spec.rules[0].http.paths[0].pathType)], from: N },
  { name: 'ingress: unsupported pathType', expect: 'invalid', errors: ['spec.rules[0].http.paths[0].pathType'], objects: [ing((o) => (o.spec.rules[0].http.paths[0].pathType = 'Regex'))], from: N },
  { name: 'ingress: relative path', expect: 'invalid', errors: ['spec.rules[0].http.paths[0].path'], objects: [ing((o) => (o.spec.rules[0].http.paths[0].path = 'api'))], from: N },
  { name: 'ingress: port name and number', expect: 'invalid', errors: ['spec.rules[0].http.paths[0].backend'], objects: [ing((o) => (o.spec.rules[0].http.paths[0].backend.service.port = { name: 'http', number: 80 }))], from: N },
  { name: 'ingress: service name not a DNS-1035 label', expect: 'invalid', errors: ['spec.rules[0].http.paths[0].backend.service.name'], objects: [ing((o) => (o.spec.rules[0].http.paths[0].backend.service.name = '1web'))], from: N },
  { name: 'ingress: neither rules nor defaultBackend', expect: 'invalid', errors: ['spec'], objects: [ing((o) => (o.spec = {}))], from: N },
  { name: 'pvc: valid', expect: 'valid', objects: [PVC], from: 'TestValidatePersistentVolumeClaim' },
  { name: 'pvc: no access modes', expect: 'invalid', errors: ['spec.accessModes'], objects: [pvc((o) => (o.spec.accessModes = []))], from: 'TestValidatePersistentVolumeClaim' },
  { name: 'pvc: unsupported access mode', expect: 'invalid', errors: ['spec.accessModes'], objects: [pvc((o) => (o.spec.accessModes = ['ReadWriteSometimes']))], from: 'TestValidatePersistentVolumeClaim' },
  { name: 'pvc: no storage request', expect: 'invalid', errors: ['spec.resources[storage]'], objects: [pvc((o) => (o.spec.resources = { requests: {} }))], from: 'TestValidatePersistentVolumeClaim' },
  { name: 'pvc: zero storage', expect: 'invalid', errors: ['spec.resources[storage]'], objects: [pvc((o) => (o.spec.resources.requests.storage = '0'))], from: 'TestValidatePersistentVolumeClaim' },
];

// ---- Real-world false rejections and missed rejections (issue: validation a pipeline can trust) -------
// Each verdict is the real API server's: the agreement test sends every case to it.

const I = 'real manifests (kompose outputs, Helm charts, the Kubernetes docs)';
const sts = (f: (o: Obj) => void) => tweak(controller('StatefulSet'), f);
const binding = (kind: string, f: (o: Obj) => void): Obj =>
  tweak({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: 'b', ...(kind === 'RoleBinding' ? { namespace: 'default' } : {}) }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'ServiceAccount', name: 'app', namespace: 'default' }] }, f);
const HPA: Obj = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'default' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 5 } };
const PDB: Obj = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'default' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } };
const NETPOL: Obj = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np', namespace: 'default' }, spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] } };
const SECRET: Obj = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, data: { password: 'c2VjcmV0' } };
const CM: Obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' }, data: { a: 'x' } };
const issueCases: Case[] = [
  // false rejections: empty strings are unset, then defaulted
  { name: 'real: imagePullPolicy ""', expect: 'valid', objects: [pod((o) => (c0(o).imagePullPolicy = ''))], from: I },
  { name: 'real: restartPolicy and dnsPolicy ""', expect: 'valid', objects: [pod((o) => { o.spec.restartPolicy = ''; o.spec.dnsPolicy = ''; })], from: I },
  { name: 'real: port protocol ""', expect: 'valid', objects: [pod((o) => (c0(o).ports[0].protocol = '')), svc((o) => (o.spec.ports[0].protocol = ''))], from: I },
  { name: 'real: Deployment strategy.type ""', expect: 'valid', objects: [workload('Deployment', (o) => (o.spec.strategy = { type: '' }))], from: I },
  { name: 'real: null fields (creationTimestamp: null, status: {})', expect: 'valid', objects: [workload('Deployment', (o) => { o.metadata.creationTimestamp = null; o.status = {}; o.spec.template.metadata.creationTimestamp = null; c0(o.spec.template).resources = {}; })], from: I },
  { name: 'real: StatefulSet mounting its claim template', expect: 'valid', objects: [sts((o) => { c0(o.spec.template).volumeMounts = [{ name: 'data', mountPath: '/data' }]; o.spec.volumeClaimTemplates = [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }]; })], from: 'the Kubernetes docs\' StatefulSet' },
  { name: 'real: StatefulSet without serviceName', expect: 'valid', objects: [sts((o) => delete o.spec.serviceName)], from: I },
  { name: 'real: DaemonSet with a status from kubectl get -o yaml', expect: 'valid', objects: [workload('DaemonSet', (o) => (o.status = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 }))], from: I },
  { name: 'real: CSIDriver without spec', expect: 'valid', objects: [{ apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: { name: 'csi.example.com' } }], from: I },
  { name: 'real: namespace on a ClusterRole', expect: 'valid', warnings: ['metadata.namespace'], objects: [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r', namespace: 'monitoring' }, rules: [] }], from: I },
  { name: 'real: namespace on a Namespace', expect: 'valid', warnings: ['metadata.namespace'], objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring', namespace: 'monitoring' } }], from: I },
  { name: 'real: PriorityClass with a description', expect: 'valid', objects: [{ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000, description: 'for the web tier' }], from: I },
  // missed rejections
  { name: 'real: Secret data not base64', expect: 'invalid', errors: ['data[password]'], objects: [tweak(SECRET, (o) => (o.data.password = 'not base64!'))], from: I },
  { name: 'real: TLS Secret without tls.key', expect: 'invalid', errors: ['data[tls.key]'], objects: [tweak(SECRET, (o) => { o.type = 'kubernetes.io/tls'; o.data = { 'tls.crt': 'Y2VydA==' }; })], from: I },
  { name: 'real: ConfigMap key in data and binaryData', expect: 'invalid', errors: ['data[a]'], objects: [tweak(CM, (o) => (o.binaryData = { a: 'eA==' }))], from: I },
  { name: 'real: ConfigMap over 1 MiB', expect: 'invalid', errors: ['[]'], objects: [tweak(CM, (o) => (o.data.a = 'x'.repeat(1024 * 1024 + 1)))], from: I },
  { name: 'real: defaultMode 644', expect: 'invalid', errors: ['spec.volumes[0].configMap.defaultMode'], objects: [pod((o) => (o.spec.volumes = [{ name: 'cfg', configMap: { name: 'cm', defaultMode: 644 } }]))], from: I },
  { name: 'real: defaultMode 0644 (420)', expect: 'valid', objects: [pod((o) => (o.spec.volumes = [{ name: 'cfg', configMap: { name: 'cm', defaultMode: 420 } }]))], from: I },
  { name: 'real: privileged with allowPrivilegeEscalation false', expect: 'invalid', errors: ['spec.containers[0].securityContext'], objects: [pod((o) => (c0(o).securityContext = { privileged: true, allowPrivilegeEscalation: false }))], from: I },
  { name: 'real: CAP_SYS_ADMIN with allowPrivilegeEscalation false', expect: 'invalid', errors: ['spec.containers[0].securityContext'], objects: [pod((o) => (c0(o).securityContext = { capabilities: { add: ['CAP_SYS_ADMIN'] }, allowPrivilegeEscalation: false }))], from: I },
  { name: 'real: runAsUser -1', expect: 'invalid', errors: ['spec.containers[0].securityContext.runAsUser'], objects: [pod((o) => (c0(o).securityContext = { runAsUser: -1 }))], from: I },
  { name: 'real: node affinity operator Equal', expect: 'invalid', errors: ['spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator'], objects: [pod((o) => (o.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'Equal', values: ['a'] }] }] } } }))], from: I },
  { name: 'real: toleration Exists with a value', expect: 'invalid', errors: ['spec.tolerations[0].operator'], objects: [pod((o) => (o.spec.tolerations = [{ key: 'k', operator: 'Exists', value: 'v' }]))], from: I },
  { name: 'real: topology spread maxSkew 0', expect: 'invalid', errors: ['spec.topologySpreadConstraints[0].maxSkew'], objects: [pod((o) => (o.spec.topologySpreadConstraints = [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }]))], from: I },
  { name: 'real: preStop {}', expect: 'invalid', errors: ['spec.containers[0].lifecycle.preStop'], objects: [pod((o) => (c0(o).lifecycle = { preStop: {} }))], from: I },
  { name: 'real: RoleBinding roleRef kind Roles', expect: 'invalid', errors: ['roleRef.kind'], objects: [binding('RoleBinding', (o) => (o.roleRef.kind = 'Roles'))], from: I },
  { name: 'real: RoleBinding to a Role', expect: 'valid', objects: [binding('RoleBinding', (o) => (o.roleRef.kind = 'Role'))], from: I },
  { name: 'real: ClusterRoleBinding ServiceAccount without namespace', expect: 'invalid', errors: ['subjects[0].namespace'], objects: [binding('ClusterRoleBinding', (o) => delete o.subjects[0].namespace)], from: I },
  { name: 'real: ClusterRoleBinding', expect: 'valid', objects: [binding('ClusterRoleBinding', () => undefined)], from: I },
  { name: 'real: HPA minReplicas above maxReplicas', expect: 'invalid', errors: ['spec.maxReplicas'], objects: [tweak(HPA, (o) => (o.spec.minReplicas = 6))], from: I },
  { name: 'real: HPA', expect: 'valid', objects: [HPA], from: I },
  { name: 'real: PDB with minAvailable and maxUnavailable', expect: 'invalid', errors: ['spec'], objects: [tweak(PDB, (o) => (o.spec.maxUnavailable = 1))], from: I },
  { name: 'real: PDB', expect: 'valid', objects: [PDB], from: I },
  { name: 'real: NetworkPolicy CIDR /33', expect: 'invalid', errors: ['spec.ingress[0].from[0].ipBlock.cidr'], objects: [tweak(NETPOL, (o) => (o.spec.ingress[0].from[0].ipBlock.cidr = '10.0.0.0/33'))], from: I },
  { name: 'real: NetworkPolicy', expect: 'valid', objects: [NETPOL], from: I },
  { name: 'real: SingleStack with two ipFamilies', expect: 'invalid', errors: ['spec.ipFamilyPolicy'], objects: [svc((o) => { o.spec.ipFamilyPolicy = 'SingleStack'; o.spec.ipFamilies = ['IPv4', 'IPv6']; })], from: 'registry/core/service/storage/alloc.go' },
  { name: 'real: RequireDualStack (the test cluster is dual-stack)', expect: 'valid', objects: [svc((o) => { o.spec.ipFamilyPolicy = 'RequireDualStack'; o.spec.ipFamilies = ['IPv4', 'IPv6']; })], from: I },
  { name: 'real: healthCheckNodePort out of range', expect: 'invalid', errors: ['spec.healthCheckNodePort'], objects: [svc((o) => { o.spec.type = 'LoadBalancer'; o.spec.externalTrafficPolicy = 'Local'; o.spec.healthCheckNodePort = 70000; })], from: S },
  { name: 'real: Endpoints nodeName not a DNS subdomain', expect: 'invalid', errors: ['subsets[0].addresses[0].nodeName'], objects: [ep((o) => (o.subsets[0].addresses[0].nodeName = 'Node_1'))], from: 'TestValidateEndpoints' },
  { name: 'real: EndpointSlice FQDN addresses', expect: 'valid', objects: [slice((o) => { o.addressType = 'FQDN'; o.endpoints = [{ addresses: ['db.example.com'] }]; })], from: 'discovery validation_test.go' },
  { name: 'real: EndpointSlice FQDN of one label', expect: 'invalid', errors: ['endpoints[0].addresses[0]'], objects: [slice((o) => { o.addressType = 'FQDN'; o.endpoints = [{ addresses: ['db'] }]; })], from: 'discovery validation_test.go' },
  { name: 'real: EndpointSlice FQDN with an underscore', expect: 'invalid', errors: ['endpoints[0].addresses[0]'], objects: [slice((o) => { o.addressType = 'FQDN'; o.endpoints = [{ addresses: ['my_db.example.com'] }]; })], from: 'discovery validation_test.go' },
  { name: 'real: EndpointSlice with 1001 endpoints', expect: 'invalid', errors: ['endpoints'], objects: [slice((o) => (o.endpoints = Array.from({ length: 1001 }, (_, i) => ({ addresses: [`10.1.${Math.floor(i / 250)}.${(i % 250) + 1}`] }))))], from: 'discovery validation_test.go' },
  { name: 'real: EndpointSlice endpoint with 101 addresses', expect: 'invalid', errors: ['endpoints[0].addresses'], objects: [slice((o) => (o.endpoints[0].addresses = Array.from({ length: 101 }, (_, i) => `10.2.0.${i + 1}`)))], from: 'discovery validation_test.go' },
  { name: 'real: EndpointSlice two unnamed ports', expect: 'invalid', errors: ['ports[1].name'], objects: [slice((o) => (o.ports = [{ port: 80 }, { port: 81 }]))], from: 'discovery validation_test.go' },
  { name: 'real: EndpointSlice duplicate port names', expect: 'invalid', errors: ['ports[1].name'], objects: [slice((o) => o.ports.push({ name: 'http', port: 81 }))], from: 'discovery validation_test.go' },
  { name: 'real: EndpointSlice port protocol HTTP', expect: 'invalid', errors: ['ports[0].protocol'], objects: [slice((o) => (o.ports[0].protocol = 'HTTP'))], from: 'discovery validation_test.go' },
  { name: 'real: EndpointSlice invalid appProtocol', expect: 'invalid', errors: ['ports[0].appProtocol'], objects: [slice((o) => (o.ports[0].appProtocol = 'a b'))], from: 'discovery validation_test.go' },
  { name: 'real: EndpointSlice invalid hostname', expect: 'invalid', errors: ['endpoints[0].hostname'], objects: [slice((o) => (o.endpoints[0].hostname = 'Web.1'))], from: 'discovery validation_test.go' },
  { name: 'real: EndpointSlice invalid nodeName', expect: 'invalid', errors: ['endpoints[0].nodeName'], objects: [slice((o) => (o.endpoints[0].nodeName = 'Node_1'))], from: 'discovery validation_test.go' },
  { name: 'real: EndpointSlice duplicate zone hints', expect: 'invalid', errors: ['endpoints[0].hints.forZones[1].name'], objects: [slice((o) => (o.endpoints[0].hints = { forZones: [{ name: 'a' }, { name: 'a' }] }))], from: 'discovery validation_test.go' },
  { name: 'real: hostAliases ip host-gateway (a converted extra_hosts)', expect: 'invalid', errors: ['spec.hostAliases.ip'], objects: [pod((o) => (o.spec.hostAliases = [{ ip: 'host-gateway', hostnames: ['host.docker.internal'] }]))], from: 'jetsung-awesome-compose/asciinema, converted' },
  { name: 'real: dnsConfig search not a DNS name (a converted dns_search)', expect: 'invalid', errors: ['spec.dnsConfig.searches[0]'], objects: [pod((o) => (o.spec.dnsConfig = { searches: ['-bad-', 'ok.example.'] }))], from: 'validatePodDNSConfig' },
  { name: 'real: dnsConfig four nameservers, one not an IP', expect: 'invalid', errors: ['spec.dnsConfig.nameservers', 'spec.dnsConfig.nameservers[3]'], objects: [pod((o) => (o.spec.dnsConfig = { nameservers: ['1.1.1.1', '8.8.8.8', '9.9.9.9', 'dns.local'] }))], from: 'validatePodDNSConfig' },
  { name: 'real: dnsConfig option without name', expect: 'invalid', errors: ['spec.dnsConfig.options[0]'], objects: [pod((o) => (o.spec.dnsConfig = { options: [{ value: '2' }] }))], from: 'validatePodDNSConfig' },
  { name: 'real: dnsConfig with a trailing-dot search and options', expect: 'valid', objects: [pod((o) => (o.spec.dnsConfig = { nameservers: ['10.0.0.10'], searches: ['svc.cluster.local.'], options: [{ name: 'ndots', value: '2' }] }))], from: 'validatePodDNSConfig' },
  { name: 'real: hostAliases', expect: 'valid', objects: [pod((o) => (o.spec.hostAliases = [{ ip: '10.1.2.3', hostnames: ['db.local'] }]))], from: 'TestValidateHostAliases' },
  { name: 'real: Role rule without verbs', expect: 'invalid', errors: ['rules[0].verbs'], objects: [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r', namespace: 'default' }, rules: [{ apiGroups: [''], resources: ['pods'] }] }], from: 'rbac validation' },
  { name: 'real: Role rule without apiGroups', expect: 'invalid', errors: ['rules[0].apiGroups'], objects: [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r', namespace: 'default' }, rules: [{ resources: ['pods'], verbs: ['get'] }] }], from: 'rbac validation' },
  { name: 'real: Role with nonResourceURLs', expect: 'invalid', errors: ['rules[0].nonResourceURLs'], objects: [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r', namespace: 'default' }, rules: [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }] }], from: 'rbac validation' },
  { name: 'real: ClusterRole with nonResourceURLs', expect: 'valid', objects: [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }] }], from: 'rbac validation' },
  { name: 'real: ClusterRole aggregation without selectors', expect: 'invalid', errors: ['aggregationRule.clusterRoleSelectors'], objects: [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, aggregationRule: {} }], from: 'rbac validation' },
  { name: 'real: ClusterRole without rules (aggregated)', expect: 'valid', objects: [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'b' } }] } }], from: 'rbac validation' },
  { name: 'real: StorageClass', expect: 'valid', objects: [{ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'ebs.csi.aws.com', reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer' }], from: 'storage validation' },
  { name: 'real: StorageClass reclaimPolicy Recycle', expect: 'invalid', errors: ['reclaimPolicy'], objects: [{ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'ebs.csi.aws.com', reclaimPolicy: 'Recycle' }], from: 'storage validation' },
  { name: 'real: StorageClass volumeBindingMode Lazy', expect: 'invalid', errors: ['volumeBindingMode'], objects: [{ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'ebs.csi.aws.com', volumeBindingMode: 'Lazy' }], from: 'storage validation' },
  { name: 'real: StorageClass provisioner not a qualified name', expect: 'invalid', errors: ['provisioner'], objects: [{ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'my provisioner' }], from: 'storage validation' },
  { name: 'real: PriorityClass over one billion', expect: 'invalid', errors: ['value'], objects: [{ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'top' }, value: 1000000001 }], from: 'scheduling validation' },
  { name: 'real: PriorityClass with a system- name', expect: 'invalid', errors: ['metadata.name'], objects: [{ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-mine' }, value: 10 }], from: 'scheduling validation' },
  { name: 'real: PriorityClass preemptionPolicy Sometimes', expect: 'invalid', errors: ['preemptionPolicy'], objects: [{ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'p' }, value: 10, preemptionPolicy: 'Sometimes' }], from: 'scheduling validation' },
  { name: 'real: PriorityClass without a value', expect: 'valid', objects: [{ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'zero' } }], from: 'scheduling validation' },
  { name: 'real: EndpointSlice hints, hostname, nodeName, zone', expect: 'valid', objects: [slice((o) => { o.endpoints[0].hints = { forZones: [{ name: 'zone-a' }] }; o.endpoints[0].hostname = 'web-0'; o.endpoints[0].nodeName = 'node-1'; o.endpoints[0].zone = 'zone-a'; })], from: 'discovery validation_test.go' },
];

export const CASES: readonly Case[] = [...serviceCases, ...endpointCases, ...sliceCases, ...podCases, ...controllerCases, ...moreControllerCases, ...schemaCases, ...moreKindCases, ...issueCases];

/** Cases only svcgen can judge: removed APIs, typos, several objects at once (not for the API server). */
export const SVCGEN_CASES: readonly Case[] = [
  { name: 'api: removed apps/v1beta2', expect: 'invalid', errors: ['apiVersion'], objects: [{ ...controller('ReplicaSet'), apiVersion: 'apps/v1beta2' }], from: 'deprecation guide', svcgenOnly: true },
  { name: 'api: removed extensions/v1beta1 Ingress', expect: 'invalid', errors: ['apiVersion'], objects: [{ apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'i' }, spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } } } }], from: 'deprecation guide', svcgenOnly: true },
  { name: 'api: removed policy/v1beta1 PodDisruptionBudget', expect: 'invalid', errors: ['apiVersion'], objects: [{ apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { minAvailable: 1 } }], from: 'deprecation guide', svcgenOnly: true },
  { name: 'api: removed batch/v1beta1 CronJob', expect: 'invalid', errors: ['apiVersion'], objects: [{ apiVersion: 'batch/v1beta1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } } } }], from: 'deprecation guide', svcgenOnly: true },
  { name: 'api: deprecated flowcontrol v1beta2', expect: 'valid', warnings: ['apiVersion'], objects: [{ apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kind: 'PriorityLevelConfiguration', metadata: { name: 'p' }, spec: { type: 'Exempt' } }], from: 'deprecation guide', svcgenOnly: true },
  { name: 'api: unknown kind with a suggestion', expect: 'invalid', errors: ['kind'], objects: [{ apiVersion: 'v1', kind: 'Servvice', metadata: { name: 'x' } }], from: 'svcgen', svcgenOnly: true },
  { name: 'api: typo of apiVersion', expect: 'invalid', errors: ['appiVersion'], objects: [{ appiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { ports: [{ port: 80 }] } }], from: 'svcgen', svcgenOnly: true },
  { name: 'api: a kind in the wrong group', expect: 'invalid', errors: ['apiVersion'], objects: [{ ...controller('Deployment'), apiVersion: 'v1' }], from: 'svcgen', svcgenOnly: true },
  { name: 'cross: Service selecting nothing warns', expect: 'valid', warnings: ['spec.selector'], objects: [svc((o) => (o.spec.selector = { app: 'nothing' })), POD], from: 'svcgen', svcgenOnly: true },
  { name: 'cross: named targetPort no container declares', expect: 'valid', warnings: ['spec.ports[0].targetPort'], objects: [svc((o) => (o.spec.ports[0].targetPort = 'metrics')), POD], from: 'svcgen: the API server accepts it, traffic then fails', svcgenOnly: true },
  { name: 'cross: named targetPort declared', expect: 'valid', objects: [svc((o) => (o.spec.ports[0].targetPort = 'http')), POD], from: 'svcgen', svcgenOnly: true },
  { name: 'cross: numeric targetPort not declared warns', expect: 'valid', warnings: ['spec.ports[0].targetPort'], objects: [svc((o) => (o.spec.ports[0].targetPort = 9999)), POD], from: 'svcgen', svcgenOnly: true },
  { name: 'cross: duplicate objects', expect: 'invalid', errors: ['metadata.name'], objects: [SVC, SVC], from: 'svcgen', svcgenOnly: true },
  { name: 'cross: duplicate nodePorts across Services', expect: 'invalid', errors: ['spec.ports[0].nodePort'], objects: [svc((o) => { o.spec.type = 'NodePort'; o.spec.ports[0].nodePort = 30080; }), svc((o) => { o.metadata.name = 'svc2'; o.spec.type = 'NodePort'; o.spec.ports[0].nodePort = 30080; })], from: 'svcgen (the allocator)', svcgenOnly: true },
  { name: 'cross: StatefulSet without its headless Service warns', expect: 'valid', warnings: ['spec.serviceName'], objects: [controller('StatefulSet')], from: 'svcgen', svcgenOnly: true },
  { name: 'cross: StatefulSet with its headless Service', expect: 'valid', objects: [controller('StatefulSet'), svc((o) => { o.metadata.name = 'web'; o.spec.clusterIP = 'None'; o.spec.ports[0].targetPort = 'http'; })], from: 'svcgen', svcgenOnly: true },
  { name: 'cross: Endpoints for a selector Service warn', expect: 'valid', warnings: ['metadata.name'], objects: [svc((o) => (o.spec.ports[0].targetPort = 8080)), ep((o) => (o.metadata.name = 'svc')), POD], from: 'svcgen', svcgenOnly: true },
];
