/**
 * The API server's Service rules (pkg/apis/core/validation ValidateService and
 * ValidateServiceClusterIPsRelatedFields; 1.28, with what later versions changed), on a wire-format Service after v1
 * defaulting. Values the API server allocates at create time (clusterIP, nodePort,
 * healthCheckNodePort) are taken as allocated when unset.
 */
import { child, duplicate, FieldError, forbidden, goRaw, invalid, note, notSupported, required } from '../field';
import { isValidIP, isValidLabelValue, isValidPortNum, nonSpecialIPProblems, parseIPv6 } from '../names';
import { since } from '../target';
import { copyOf, dns1123Label, dns1123Subdomain, Obj, portNumOrName, PROTOCOLS, qualifiedName } from './_common';

export const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'] as const;
export const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;
export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;
export const KUBELET_PORT = 10250;

/** v1 defaulting (pkg/apis/core/v1/defaults.go SetDefaults_Service) plus the create strategy's clusterIPs sync. */
export function defaultService(spec: Obj): Obj {
  const s = copyOf(spec);
  if (!s.type) s.type = 'ClusterIP';
  if (!s.sessionAffinity) s.sessionAffinity = 'None';
  if (s.sessionAffinity === 'None' && s.sessionAffinityConfig) delete s.sessionAffinityConfig;
  if (s.sessionAffinity === 'ClientIP' && !s.sessionAffinityConfig?.clientIP?.timeoutSeconds && s.sessionAffinityConfig?.clientIP?.timeoutSeconds !== 0) {
    s.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
  }
  if (Array.isArray(s.ports)) {
    s.ports = s.ports.map((p: Obj) => {
      const q = copyOf(p);
      if (!q.protocol) q.protocol = 'TCP';
      if (q.targetPort === undefined || q.targetPort === 0 || q.targetPort === '') q.targetPort = q.port;
      return q;
    });
  }
  if ((s.type === 'NodePort' || s.type === 'LoadBalancer' || (s.type === 'ClusterIP' && s.externalIPs?.length)) && !s.externalTrafficPolicy) {
    s.externalTrafficPolicy = 'Cluster';
  }
  if (s.type !== 'ExternalName' && !s.internalTrafficPolicy) s.internalTrafficPolicy = 'Cluster';
  if (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts === undefined) s.allocateLoadBalancerNodePorts = true;
  if (s.clusterIP && !s.clusterIPs?.length) s.clusterIPs = [s.clusterIP];
  return s;
}

export function isHeadless(spec: Obj): boolean {
  return spec.clusterIP === 'None' || (Array.isArray(spec.clusterIPs) && spec.clusterIPs[0] === 'None');
}

const R = {
  portsRequired: 'svc-ports-required',
  headlessType: 'svc-headless-type',
  kubeletPort: 'svc-kubelet-port',
  externalName: 'svc-external-name',
  portName: 'svc-port-name',
  portNameRequired: 'svc-port-name-required',
  portNameDuplicate: 'svc-port-name-duplicate',
  port: 'svc-port-number',
  protocol: 'svc-port-protocol',
  targetPort: 'svc-target-port',
  appProtocol: 'svc-app-protocol',
  selector: 'svc-selector',
  sessionAffinity: 'svc-session-affinity',
  clusterIPs: 'svc-cluster-ips',
  externalIPs: 'svc-external-ips',
  type: 'svc-type',
  nodePortClusterIP: 'svc-node-port-cluster-ip',
  nodePortRange: 'svc-node-port-range',
  nodePortDuplicate: 'svc-node-port-duplicate',
  portDuplicate: 'svc-port-duplicate',
  sourceRanges: 'svc-lb-source-ranges',
  allocateLBNodePorts: 'svc-lb-allocate-node-ports',
  lbClass: 'svc-lb-class',
  lbIP: 'svc-lb-ip',
  externalTrafficPolicy: 'svc-external-traffic-policy',
  internalTrafficPolicy: 'svc-internal-traffic-policy',
} as const;

export interface NodePortRange {
  readonly min: number;
  readonly max: number;
}
export const DEFAULT_NODE_PORT_RANGE: NodePortRange = { min: 30000, max: 32767 };

/** Validates a Service's spec (wire format, not yet defaulted). Paths start at `spec`. */
export function validateServiceSpec(rawSpec: Obj | undefined, nodePortRange = DEFAULT_NODE_PORT_RANGE): FieldError[] {
  const spec = defaultService(rawSpec ?? {});
  const errs: FieldError[] = [];
  if (rawSpec?.sessionAffinityConfig && (rawSpec.sessionAffinity ?? 'None') === 'None') {
    errs.push(note('spec.sessionAffinityConfig', 'is dropped: it applies only when sessionAffinity is ClientIP').withRule(R.sessionAffinity).asWarning());
  }
  const ports: Obj[] = Array.isArray(spec.ports) ? spec.ports : [];
  const headless = isHeadless(spec);
  const type: string = spec.type;

  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(required('spec.ports').withRule(R.portsRequired));

  switch (type) {
    case 'LoadBalancer':
      ports.forEach((p, i) => {
        // (1.37.2 no longer refuses it (the release that changed it is not pinned down here, so 1.29-1.36 keep 1.28's rule))
        if (p.port === KUBELET_PORT && !since(37)) {
          errs.push(invalid(`spec.ports[${i}]`, p.port, `may not expose port ${KUBELET_PORT} externally since it is used by kubelet`).withRule(R.kubeletPort));
        }
      });
      if (headless) errs.push(invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for LoadBalancer services").withRule(R.headlessType));
      break;
    case 'NodePort':
      if (headless) errs.push(invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for NodePort services").withRule(R.headlessType));
      break;
    case 'ExternalName': {
      if (spec.clusterIPs?.length) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services').withRule(R.externalName));
      if (spec.ipFamilies?.length) errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services').withRule(R.externalName));
      if (spec.ipFamilyPolicy) errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services').withRule(R.externalName));
      const cname = String(spec.externalName ?? '').replace(/\.$/, '');
      if (cname) errs.push(...dns1123Subdomain(cname, 'spec.externalName', R.externalName));
      else errs.push(required('spec.externalName').withRule(R.externalName));
      break;
    }
  }

  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, `spec.ports[${i}]`)));

  if (spec.selector) {
    errs.push(...validateLabels(spec.selector, 'spec.selector', R.selector));
  }

  if (!['ClientIP', 'None'].includes(spec.sessionAffinity)) {
    errs.push(notSupported('spec.sessionAffinity', spec.sessionAffinity, ['ClientIP', 'None']).withRule(R.sessionAffinity));
  } else if (spec.sessionAffinity === 'ClientIP') {
    const t = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    if (typeof t === 'number' && (t <= 0 || t > MAX_CLIENT_IP_AFFINITY_SECONDS)) {
      errs.push(
        invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', t, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`).withRule(
          R.sessionAffinity,
        ),
      );
    }
  }

  errs.push(...validateClusterIPs(spec));

  (spec.externalIPs ?? []).forEach((ip: string, i: number) => {
    const path = `spec.externalIPs[${i}]`;
    if (!isValidIP(ip)) errs.push(invalid(path, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)').withRule(R.externalIPs));
    else for (const m of nonSpecialIPProblems(ip)) errs.push(invalid(path, ip, m).withRule(R.externalIPs));
  });

  if (!(SERVICE_TYPES as readonly string[]).includes(type)) {
    errs.push(notSupported('spec.type', type, SERVICE_TYPES).withRule(R.type));
  }

  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p.nodePort) errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'").withRule(R.nodePortClusterIP));
    });
  }

  // the node-port allocator: in range and not twice for one protocol
  const seenNodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const path = `spec.ports[${i}].nodePort`;
    const k = `${p.protocol}/${p.nodePort}`;
    if (seenNodePorts.has(k)) errs.push(invalid(path, p.nodePort, 'provided port is already allocated').withRule(R.nodePortDuplicate));
    seenNodePorts.add(k);
    if (type !== 'ClusterIP' && (p.nodePort < nodePortRange.min || p.nodePort > nodePortRange.max)) {
      errs.push(
        invalid(
          path,
          p.nodePort,
          `provided port is not in the valid range. The range of valid ports is ${nodePortRange.min}-${nodePortRange.max}`,
        ).withRule(R.nodePortRange),
      );
    }
  });

  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    const k = `${p.protocol}/${p.port}`;
    if (seenPorts.has(k)) errs.push(duplicate(`spec.ports[${i}]`, goServicePort(p)).withRule(R.portDuplicate));
    seenPorts.add(k);
  });

  if (spec.loadBalancerSourceRanges?.length) {
    const path = 'spec.LoadBalancerSourceRanges';
    if (type !== 'LoadBalancer') errs.push(forbidden(path, "may only be used when `type` is 'LoadBalancer'").withRule(R.sourceRanges));
    (spec.loadBalancerSourceRanges as string[]).forEach((v, i) => {
      // from 1.37 each range is its own error, at its index (as kube-apiserver 1.37.2 checks it; the release that changed it is not pinned down here, so 1.29-1.36 keep 1.28's rule)
      if (since(37) && !isCIDR(String(v).trim())) errs.push(invalid(`${path}[${i}]`, String(v), 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)').withRule(R.sourceRanges));
      else if (!isCIDR(String(v).trim())) {
        errs.push(invalid(path, `[${(spec.loadBalancerSourceRanges as string[]).join(' ')}]`, 'must be a list of IP ranges. For example, 10.240.0.0/24,10.250.0.0/24 ').withRule(R.sourceRanges));
      }
    });
  }
  if (spec.allocateLoadBalancerNodePorts !== undefined && type !== 'LoadBalancer') {
    errs.push(forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'").withRule(R.allocateLBNodePorts));
  }
  if (spec.loadBalancerClass !== undefined) {
    if (type !== 'LoadBalancer') {
      errs.push(forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'").withRule(R.lbClass));
    } else {
      errs.push(...qualifiedName(spec.loadBalancerClass, 'spec.loadBalancerClass', R.lbClass));
    }
  }

  errs.push(...validateTrafficPolicies(spec, nodePortRange));
  return errs;
}

function validateServicePort(p: Obj, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !p.name) {
    errs.push(required(child(path, 'name')).withRule(R.portNameRequired));
  } else if (p.name) {
    errs.push(...dns1123Label(p.name, child(path, 'name'), R.portName));
    if (names.has(p.name)) errs.push(duplicate(child(path, 'name'), p.name).withRule(R.portNameDuplicate));
    else names.add(p.name);
  }
  for (const m of isValidPortNum(p.port)) errs.push(invalid(child(path, 'port'), p.port, m).withRule(R.port));
  if (!(PROTOCOLS as readonly string[]).includes(p.protocol)) {
    errs.push(notSupported(child(path, 'protocol'), p.protocol, PROTOCOLS).withRule(R.protocol));
  }
  errs.push(...portNumOrName(p.targetPort, child(path, 'targetPort'), R.targetPort));
  if (p.appProtocol !== undefined) errs.push(...qualifiedName(p.appProtocol, child(path, 'appProtocol'), R.appProtocol));
  return errs;
}

function validateClusterIPs(spec: Obj): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips: string[] = spec.clusterIPs ?? [];
  if (spec.clusterIP) {
    if (ips[0] !== spec.clusterIP) errs.push(invalid('spec.clusterIPs', ips, 'first value must match `clusterIP`').withRule(R.clusterIPs));
  } else if (ips.length) {
    errs.push(invalid('spec.clusterIPs', ips, 'must be empty when `clusterIP` is not specified').withRule(R.clusterIPs));
  }
  const families: string[] = spec.ipFamilies ?? [];
  const seen = new Set<string>();
  families.forEach((f, i) => {
    if (f !== 'IPv4' && f !== 'IPv6') errs.push(notSupported(`spec.ipFamilies[${i}]`, f, ['IPv4', 'IPv6']).withRule(R.clusterIPs));
    if (seen.has(f)) errs.push(duplicate(`spec.ipFamilies[${i}]`, f).withRule(R.clusterIPs));
    seen.add(f);
  });
  if (spec.ipFamilyPolicy !== undefined && !['PreferDualStack', 'RequireDualStack', 'SingleStack'].includes(spec.ipFamilyPolicy)) {
    errs.push(notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, ['PreferDualStack', 'RequireDualStack', 'SingleStack']).withRule(R.clusterIPs));
  }
  let bad = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        bad = true;
        errs.push(invalid('spec.clusterIPs', ips, "'None' must be the first and only value").withRule(R.clusterIPs));
      }
      return;
    }
    if (!isValidIP(ip)) {
      bad = true;
      errs.push(invalid(`spec.clusterIPs[${i}]`, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)').withRule(R.clusterIPs));
    }
  });
  if (ips.length > 2) errs.push(invalid('spec.clusterIPs', ips, 'may only hold up to 2 values').withRule(R.clusterIPs));
  if (bad) return errs;
  if (ips.length > 1) {
    const v6 = ips.map((ip) => parseIPv6(ip) !== undefined);
    if (ips.length !== 2 || v6[0] === v6[1]) {
      errs.push(invalid('spec.clusterIPs', ips, 'may specify no more than one IP for each IP family').withRule(R.clusterIPs));
    }
  }
  if (!isHeadless(spec) && ips.length && families.length) {
    ips.forEach((ip, i) => {
      if (i >= families.length) return;
      const isV6 = parseIPv6(ip) !== undefined;
      if (families[i] === 'IPv4' && isV6) {
        errs.push(invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``).withRule(R.clusterIPs));
      }
      if (families[i] === 'IPv6' && !isV6) {
        errs.push(invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``).withRule(R.clusterIPs));
      }
    });
  }
  return errs;
}

function externallyAccessible(spec: Obj): boolean {
  return spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && spec.externalIPs?.length > 0);
}

function validateTrafficPolicies(spec: Obj, nodePortRange: NodePortRange): FieldError[] {
  const errs: FieldError[] = [];
  if (!externallyAccessible(spec)) {
    if (spec.externalTrafficPolicy) {
      errs.push(invalid('spec.externalTrafficPolicy', spec.externalTrafficPolicy, "may only be set when `type` is 'NodePort' or 'LoadBalancer'").withRule(R.externalTrafficPolicy));
    }
  } else if (!['Cluster', 'Local'].includes(spec.externalTrafficPolicy)) {
    errs.push(notSupported('spec.externalTrafficPolicy', spec.externalTrafficPolicy, ['Cluster', 'Local']).withRule(R.externalTrafficPolicy));
  }
  const needsHealthCheck = spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
  if (!needsHealthCheck && spec.healthCheckNodePort) {
    errs.push(
      invalid('spec.healthCheckNodePort', spec.healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'").withRule(
        R.externalTrafficPolicy,
      ),
    );
  } else if (needsHealthCheck && spec.healthCheckNodePort && (spec.healthCheckNodePort < nodePortRange.min || spec.healthCheckNodePort > nodePortRange.max)) {
    // the node-port allocator runs before validation on create, and refuses it first
    errs.push(
      invalid(
        'spec.healthCheckNodePort',
        spec.healthCheckNodePort,
        `failed to allocate requested HealthCheck NodePort ${spec.healthCheckNodePort}: provided port is not in the valid range. The range of valid ports is ${nodePortRange.min}-${nodePortRange.max}`,
      ).withRule(R.externalTrafficPolicy),
    );
  }
  // (the create strategy drops internalTrafficPolicy from ExternalName services)
  if (spec.type !== 'ExternalName' && !['Cluster', 'Local'].includes(spec.internalTrafficPolicy)) {
    errs.push(notSupported('spec.internalTrafficPolicy', spec.internalTrafficPolicy, ['Cluster', 'Local']).withRule(R.internalTrafficPolicy));
  }
  // validateServiceTrafficDistribution: from 1.31 (ServiceTrafficDistribution beta, on by default;
  // the 1.30 server drops the field), PreferSameZone and PreferSameNode from 1.34
  if (spec.trafficDistribution !== undefined && since(31)) {
    const values = since(34) ? ['PreferClose', 'PreferSameZone', 'PreferSameNode'] : ['PreferClose'];
    if (!values.includes(spec.trafficDistribution)) errs.push(notSupported('spec.trafficDistribution', spec.trafficDistribution, values).withRule('svc-traffic-distribution'));
  }
  return errs;
}

/** unversionedvalidation.ValidateLabels: keys are qualified names, values label values. */
export function validateLabels(labels: Obj, path: string, rule: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels)) {
    errs.push(...qualifiedName(k, path, rule));
    errs.push(...labelValue(String(v), `${path}`, rule));
  }
  return errs;
}

function labelValue(v: string, path: string, rule: string): FieldError[] {
  return isValidLabelValue(v).map((m) => invalid(path, v, m).withRule(rule));
}

/** A CIDR as Go's net.ParseCIDR reads it. */
export function isCIDR(s: string): boolean {
  const m = /^(.+)\/(\d{1,3})$/.exec(s);
  if (!m) return false;
  const bits = Number(m[2]);
  if (parseIPv6(m[1])) return bits <= 128;
  return isValidIP(m[1]) && bits <= 32;
}

/** The `%#v` rendering of core.ServicePort that the API server prints for a duplicate (protocol, port). */
function goServicePort(p: Obj) {
  return goRaw(`core.ServicePort{Name:"", Protocol:"${p.protocol}", AppProtocol:(*string)(nil), Port:${p.port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`);
}

/**
 * What the Service REST storage refuses when it sets up IP families (registry/core/service/storage
 * alloc.go), after validation has passed: a SingleStack policy with two cluster IPs or families.
 */
export function validateServiceFamilyPolicy(spec: Obj | undefined): FieldError[] {
  if (spec?.ipFamilyPolicy !== 'SingleStack') return [];
  const errs: FieldError[] = [];
  if (Array.isArray(spec.clusterIPs) && spec.clusterIPs.length === 2) {
    errs.push(invalid('spec.ipFamilyPolicy', 'SingleStack', "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified").withRule(R.clusterIPs));
  }
  if (Array.isArray(spec.ipFamilies) && spec.ipFamilies.length === 2) {
    errs.push(invalid('spec.ipFamilyPolicy', 'SingleStack', "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified").withRule(R.clusterIPs));
  }
  return errs;
}
