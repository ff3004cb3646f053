/**
 * The kinds people put next to their Services (Kubernetes 1.28 validation): RBAC bindings,
 * HorizontalPodAutoscaler (autoscaling/v2), PodDisruptionBudget, NetworkPolicy blocks, and the
 * data rules of Secrets and ConfigMaps. Each reads null items as zero values, never crashes.
 */
import { FieldError, forbidden, goRaw, invalid, notSupported, required, tooLong } from '../field';
import { isConfigMapKey, isQualifiedName } from '../names';
import { Obj } from './_common';
import { isCIDR } from './service';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const MAX_DATA = 1024 * 1024;

const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map((x) => (x && typeof x === 'object' ? x : {})) : []);
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** RoleBinding and ClusterRoleBinding: roleRef and subjects (ValidateRoleBinding, ValidateRoleBindingSubject). */
export function validateBinding(o: Obj): FieldError[] {
  const namespaced = o.kind === 'RoleBinding';
  const errs: FieldError[] = [];
  const ref = obj(o.roleRef);
  if (ref.apiGroup !== RBAC_GROUP) errs.push(notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [RBAC_GROUP]).withRule('rbac-role-ref'));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind)) errs.push(notSupported('roleRef.kind', ref.kind ?? '', kinds).withRule('rbac-role-ref'));
  if (!ref.name) errs.push(required('roleRef.name').withRule('rbac-role-ref'));
  list(o.subjects).forEach((s, i) => {
    const at = `subjects[${i}]`;
    if (!s.name) errs.push(required(`${at}.name`).withRule('rbac-subject'));
    if (s.kind === 'ServiceAccount') {
      if (s.apiGroup) errs.push(notSupported(`${at}.apiGroup`, s.apiGroup, ['']).withRule('rbac-subject'));
      if (!namespaced && !s.namespace) errs.push(required(`${at}.namespace`).withRule('rbac-subject'));
    } else if (s.kind === 'User' || s.kind === 'Group') {
      // (v1 defaulting, SetDefaults_Subject, gives a User or Group with no apiGroup rbac.authorization.k8s.io)
      if ((s.apiGroup || RBAC_GROUP) !== RBAC_GROUP) errs.push(notSupported(`${at}.apiGroup`, s.apiGroup, [RBAC_GROUP]).withRule('rbac-subject'));
    } else {
      errs.push(notSupported(`${at}.kind`, s.kind ?? '', ['ServiceAccount', 'User', 'Group']).withRule('rbac-subject'));
    }
  });
  return errs;
}

/** HorizontalPodAutoscaler (autoscaling/v2): replica bounds. */
export function validateHpa(o: Obj): FieldError[] {
  const spec = obj(o.spec);
  const errs: FieldError[] = [];
  const max = typeof spec.maxReplicas === 'number' ? spec.maxReplicas : 0;
  if (typeof spec.minReplicas === 'number' && spec.minReplicas < 1) errs.push(invalid('spec.minReplicas', spec.minReplicas, 'must be greater than or equal to 1').withRule('hpa-replicas'));
  if (max < 1) errs.push(invalid('spec.maxReplicas', max, 'must be greater than 0').withRule('hpa-replicas'));
  if (typeof spec.minReplicas === 'number' && max < spec.minReplicas) {
    errs.push(invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`').withRule('hpa-replicas'));
  }
  const target = obj(spec.scaleTargetRef);
  if (!target.kind) errs.push(required('spec.scaleTargetRef.kind').withRule('hpa-target'));
  if (!target.name) errs.push(required('spec.scaleTargetRef.name').withRule('hpa-target'));
  return errs;
}

/** PodDisruptionBudget: minAvailable or maxUnavailable, not both. */
export function validatePdb(o: Obj): FieldError[] {
  const spec = obj(o.spec);
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    return [invalid('spec', goRaw('policy.PodDisruptionBudgetSpec{...}'), 'minAvailable and maxUnavailable cannot be both set').withRule('pdb-both')];
  }
  return [];
}

/** NetworkPolicy: the CIDRs of ipBlock peers (ValidateIPBlock). */
export function validateNetworkPolicy(o: Obj): FieldError[] {
  const spec = obj(o.spec);
  const errs: FieldError[] = [];
  for (const [dir, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
    list(spec[dir]).forEach((rule, i) => {
      list(rule[peers]).forEach((peer, j) => {
        if (peer.ipBlock === undefined) return;
        const b = obj(peer.ipBlock);
        const at = `spec.${dir}[${i}].${peers}[${j}].ipBlock`;
        if (!b.cidr) errs.push(required(`${at}.cidr`).withRule('netpol-cidr'));
        else if (!isCIDR(String(b.cidr))) errs.push(invalid(`${at}.cidr`, b.cidr, 'not a valid CIDR').withRule('netpol-cidr'));
      });
    });
  }
  return errs;
}

const SECRET_KEYS: Record<string, readonly string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/basic-auth': [],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
};

function dataSize(values: unknown, base64: boolean): number {
  let n = 0;
  for (const v of Object.values(obj(values))) n += base64 ? Math.floor((String(v).replace(/[\r\n=]/g, '').length * 3) / 4) : Buffer.byteLength(String(v ?? ''));
  return n;
}

/** Secret: keys, the keys its type needs, and its size (stringData counts as data). */
export function validateSecret(o: Obj): FieldError[] {
  const errs = dataKeys(o, ['data', 'stringData']);
  const keys = new Set([...Object.keys(obj(o.data)), ...Object.keys(obj(o.stringData))]);
  const needed = typeof o.type === 'string' && Object.prototype.hasOwnProperty.call(SECRET_KEYS, o.type) ? SECRET_KEYS[o.type] : [];
  for (const k of needed) if (!keys.has(k)) errs.push(required(`data[${k}]`).withRule('secret-type-keys'));
  if (o.type === 'kubernetes.io/basic-auth' && !keys.has('username') && !keys.has('password')) {
    errs.push(required('data[username]').withRule('secret-type-keys'), required('data[password]').withRule('secret-type-keys'));
  }
  if (dataSize(o.data, true) + dataSize(o.stringData, false) > MAX_DATA) errs.push(tooLong('data', MAX_DATA).withRule('data-size'));
  return errs;
}

/** ConfigMap: keys, a key in both data and binaryData, and the size. */
export function validateConfigMap(o: Obj): FieldError[] {
  const errs = dataKeys(o, ['data', 'binaryData']);
  const binary = obj(o.binaryData);
  for (const k of Object.keys(obj(o.data))) {
    if (Object.prototype.hasOwnProperty.call(binary, k)) errs.push(invalid(`data[${k}]`, k, 'duplicate of key present in binaryData').withRule('config-key'));
  }
  if (dataSize(o.data, false) + dataSize(o.binaryData, true) > MAX_DATA) errs.push(tooLong('[]', MAX_DATA).withRule('data-size')); // the API server's rendering of field.NewPath("")
  return errs;
}

function dataKeys(o: Obj, fields: string[]): FieldError[] {
  return fields.flatMap((f) => Object.keys(obj(o[f])).flatMap((k) => isConfigMapKey(k).map((m) => invalid(`${f}[${k}]`, k, m).withRule('config-key'))));
}

/** Role and ClusterRole: each rule's verbs, groups and resources (ValidatePolicyRule), aggregation. */
export function validateRole(o: Obj): FieldError[] {
  const namespaced = o.kind === 'Role';
  const errs: FieldError[] = [];
  list(o.rules).forEach((r, i) => {
    const at = `rules[${i}]`;
    const has = (f: string) => Array.isArray(r[f]) && r[f].length > 0;
    if (!has('verbs')) errs.push(required(`${at}.verbs`, 'verbs must contain at least one value').withRule('rbac-rule'));
    if (has('nonResourceURLs')) {
      if (namespaced) errs.push(invalid(`${at}.nonResourceURLs`, r.nonResourceURLs, 'namespaced rules cannot apply to non-resource URLs').withRule('rbac-rule'));
      if (has('apiGroups') || has('resources') || has('resourceNames')) errs.push(invalid(`${at}.nonResourceURLs`, r.nonResourceURLs, 'rules cannot apply to both regular resources and non-resource URLs').withRule('rbac-rule'));
      return;
    }
    if (!has('apiGroups')) errs.push(required(`${at}.apiGroups`, 'resource rules must supply at least one api group').withRule('rbac-rule'));
    if (!has('resources')) errs.push(required(`${at}.resources`, 'resource rules must supply at least one resource').withRule('rbac-rule'));
  });
  if (!namespaced && o.aggregationRule !== undefined) {
    const selectors = list(obj(o.aggregationRule).clusterRoleSelectors);
    if (selectors.length === 0) errs.push(required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil').withRule('rbac-aggregation'));
  }
  return errs;
}

/** StorageClass: provisioner, reclaim policy and binding mode (after defaulting: Delete, Immediate). */
export function validateStorageClass(o: Obj): FieldError[] {
  const errs: FieldError[] = [];
  if (!o.provisioner) errs.push(required('provisioner').withRule('storageclass'));
  else for (const m of isQualifiedName(String(o.provisioner).toLowerCase())) errs.push(invalid('provisioner', o.provisioner, m).withRule('storageclass'));
  if (o.reclaimPolicy !== undefined && !['Delete', 'Retain'].includes(o.reclaimPolicy)) errs.push(notSupported('reclaimPolicy', o.reclaimPolicy, ['Delete', 'Retain']).withRule('storageclass'));
  if (o.volumeBindingMode !== undefined && !['Immediate', 'WaitForFirstConsumer'].includes(o.volumeBindingMode)) {
    errs.push(notSupported('volumeBindingMode', o.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']).withRule('storageclass'));
  }
  return errs;
}

const HIGHEST_USER_PRIORITY = 1_000_000_000;
const SYSTEM_PRIORITY_CLASSES: Record<string, number> = { 'system-cluster-critical': 2_000_000_000, 'system-node-critical': 2_000_001_000 };

/** PriorityClass: user values up to one billion; `system-` names reserved; the preemption policy. */
export function validatePriorityClass(o: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const name = String(obj(o.metadata).name ?? '');
  const value = typeof o.value === 'number' ? o.value : 0;
  if (name.startsWith('system-')) {
    if (SYSTEM_PRIORITY_CLASSES[name] === undefined) {
      errs.push(forbidden('metadata.name', `priority class names with 'system-' prefix are reserved for system use only. error: ${name} is not a known system priority class`).withRule('priorityclass'));
    }
  } else if (value > HIGHEST_USER_PRIORITY) {
    errs.push(forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`).withRule('priorityclass'));
  }
  if (o.preemptionPolicy !== undefined && !['PreemptLowerPriority', 'Never'].includes(o.preemptionPolicy)) {
    errs.push(notSupported('preemptionPolicy', o.preemptionPolicy, ['Never', 'PreemptLowerPriority']).withRule('priorityclass'));
  }
  return errs;
}
