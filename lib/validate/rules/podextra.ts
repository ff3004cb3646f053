/**
 * Pod-spec rules beyond containers and volumes' names (pkg/apis/core/validation, Kubernetes 1.28):
 * security contexts, file modes of projected volumes, tolerations, topology spread, node
 * affinity operators, lifecycle handlers. Each null item is a zero value here, never a crash.
 */
import { FieldError, goRaw, invalid, notSupported, required } from '../field';
import { inclusiveRangeError, isDns1123Subdomain, isDns1123SubdomainWithUnderscore, isValidIP } from '../names';
import { since } from '../target';
import { Obj } from './_common';

const MAX_ID = 2147483647;
const FILE_MODE = 'must be a number between 0 and 0777 (octal), both inclusive';
const NOT_POSITIVE = 'must be greater than zero';
const NODE_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];

const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map((x) => (x && typeof x === 'object' ? x : {})) : []);
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

function idRange(v: unknown, path: string, rule: string): FieldError[] {
  return typeof v === 'number' && (v < 0 || v > MAX_ID) ? [invalid(path, v, inclusiveRangeError(0, MAX_ID)).withRule(rule)] : [];
}

/** A container's securityContext (ValidateSecurityContext, AllowPrivilegeEscalation rules). */
export function validateContainerSecurityContext(sc: unknown, path: string): FieldError[] {
  const s = obj(sc);
  if (!s) return [];
  const errs = [...idRange(s.runAsUser, `${path}.runAsUser`, 'security-context'), ...idRange(s.runAsGroup, `${path}.runAsGroup`, 'security-context')];
  if (s.allowPrivilegeEscalation === false) {
    const shown = goRaw('&core.SecurityContext{...}');
    if (s.privileged === true) errs.push(invalid(path, shown, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true').withRule('security-context'));
    const add: unknown[] = Array.isArray(obj(s.capabilities)?.add) ? (obj(s.capabilities)?.add as unknown[]) : [];
    if (add.includes('CAP_SYS_ADMIN')) errs.push(invalid(path, shown, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN').withRule('security-context'));
  }
  return errs;
}

/** A Pod's securityContext: user, group and fsGroup ids. */
export function validatePodSecurityContext(sc: unknown, path: string): FieldError[] {
  const s = obj(sc);
  if (!s) return [];
  const errs = ['runAsUser', 'runAsGroup', 'fsGroup'].flatMap((f) => idRange(s[f], `${path}.${f}`, 'security-context'));
  list(s.supplementalGroups).forEach((g, i) => errs.push(...idRange(g, `${path}.supplementalGroups[${i}]`, 'security-context')));
  return errs;
}

function fileMode(v: unknown, path: string): FieldError[] {
  return typeof v === 'number' && (v < 0 || v > 0o777) ? [invalid(path, v, FILE_MODE).withRule('pod-volume-mode')] : [];
}

/** File modes of configMap, secret, downwardAPI and projected volumes (a common slip: 644 for 0644). */
export function validateVolumeModes(volumes: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  list(volumes).forEach((v, i) => {
    const at = `${path}[${i}]`;
    for (const src of ['configMap', 'secret', 'downwardAPI', 'projected'] as const) {
      const s = obj(v[src]);
      if (!s) continue;
      errs.push(...fileMode(s.defaultMode, `${at}.${src}.defaultMode`));
      list(s.items).forEach((it, j) => errs.push(...fileMode(it.mode, `${at}.${src}.items[${j}].mode`)));
      list(s.sources).forEach((p, j) => {
        for (const inner of ['configMap', 'secret', 'downwardAPI'] as const) {
          list(obj(p[inner])?.items).forEach((it, k) => errs.push(...fileMode(it.mode, `${at}.${src}.sources[${j}].${inner}.items[${k}].mode`)));
        }
      });
    }
  });
  return errs;
}

/** Tolerations (validateTolerations). */
export function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  list(tolerations).forEach((t, i) => {
    const at = `${path}[${i}]`;
    const op = t.operator ?? 'Equal';
    if (op === 'Exists' && t.value) {
      errs.push(invalid(`${at}.operator`, goRaw('core.Toleration{...}'), "value must be empty when `operator` is 'Exists'").withRule('pod-toleration'));
    } else if (op !== 'Exists' && op !== 'Equal') {
      errs.push(notSupported(`${at}.operator`, op, ['Equal', 'Exists']).withRule('pod-toleration'));
    }
    if (!t.key && op !== 'Exists') errs.push(invalid(`${at}.operator`, t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"').withRule('pod-toleration'));
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
      errs.push(invalid(`${at}.effect`, t.effect ?? '', 'effect must be \'NoExecute\' when `tolerationSeconds` is set').withRule('pod-toleration'));
    }
    if (t.effect !== undefined && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) {
      errs.push(notSupported(`${at}.effect`, t.effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']).withRule('pod-toleration'));
    }
  });
  return errs;
}

/** topologySpreadConstraints: maxSkew and minDomains positive, whenUnsatisfiable known. */
export function validateTopologySpread(constraints: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  list(constraints).forEach((c, i) => {
    const at = `${path}[${i}]`;
    if (typeof c.maxSkew !== 'number' || c.maxSkew <= 0) errs.push(invalid(`${at}.maxSkew`, c.maxSkew ?? 0, NOT_POSITIVE).withRule('pod-topology-spread'));
    if (typeof c.minDomains === 'number' && c.minDomains <= 0) errs.push(invalid(`${at}.minDomains`, c.minDomains, NOT_POSITIVE).withRule('pod-topology-spread'));
    // validateMinDomains (every carried version)
    if (typeof c.minDomains === 'number' && c.whenUnsatisfiable !== 'DoNotSchedule') {
      errs.push(invalid(`${at}.minDomains`, c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable ?? ''}`).withRule('pod-topology-spread'));
    }
    if (!c.topologyKey) errs.push(required(`${at}.topologyKey`, 'can not be empty').withRule('pod-topology-spread'));
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(c.whenUnsatisfiable)) {
      errs.push(notSupported(`${at}.whenUnsatisfiable`, c.whenUnsatisfiable ?? '', ['DoNotSchedule', 'ScheduleAnyway']).withRule('pod-topology-spread'));
    }
  });
  return errs;
}

/** Node affinity's selector operators (ValidateNodeSelectorRequirement). */
export function validateNodeAffinity(affinity: unknown, path: string): FieldError[] {
  const na = obj(obj(affinity)?.nodeAffinity);
  if (!na) return [];
  const errs: FieldError[] = [];
  const term = (t: Obj, at: string) => {
    for (const field of ['matchExpressions', 'matchFields'] as const) {
      list(t[field]).forEach((r, j) => {
        if (!NODE_SELECTOR_OPERATORS.includes(r.operator)) errs.push(invalid(`${at}.${field}[${j}].operator`, r.operator ?? '', 'not a valid selector operator').withRule('pod-node-affinity'));
      });
    }
  };
  const base = `${path}.nodeAffinity`;
  const req = obj(na.requiredDuringSchedulingIgnoredDuringExecution);
  if (req) list(req.nodeSelectorTerms).forEach((t, i) => term(t, `${base}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[${i}]`));
  list(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((p, i) => term(obj(p.preference) ?? {}, `${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}].preference`));
  return errs;
}

/**
 * Lifecycle hooks: each one needs exactly one handler (validateLifecycleHandler). `sleep` is a
 * handler from Kubernetes 1.30 (PodLifecycleSleepAction, beta on by default; the 1.29 server
 * drops the field).
 */
export function validateLifecycle(lifecycle: unknown, path: string): FieldError[] {
  const l = obj(lifecycle);
  if (!l) return [];
  const errs: FieldError[] = [];
  const kinds = since(30) ? ['exec', 'httpGet', 'tcpSocket', 'sleep'] : ['exec', 'httpGet', 'tcpSocket'];
  for (const hook of ['postStart', 'preStop'] as const) {
    const h = obj(l[hook]);
    if (l[hook] === undefined) continue;
    const handlers = kinds.filter((k) => h && h[k] !== undefined);
    if (handlers.length === 0) errs.push(required(`${path}.${hook}`, 'must specify a handler type').withRule('container-lifecycle'));
  }
  return errs;
}

/**
 * hostAliases (ValidateHostAliases): its paths carry no index in Kubernetes 1.28; from 1.37 they
 * do, and the IP message is the common one (as kube-apiserver 1.37.2 checks it; the release that changed it is not pinned down here, so 1.29-1.36 keep 1.28's rule).
 */
export function validateHostAliases(aliases: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const indexed = since(37);
  list(aliases).forEach((a, i) => {
    const at = indexed ? `${path}[${i}]` : path;
    if (!isValidIP(String(a.ip ?? ''))) errs.push(invalid(`${at}.ip`, a.ip ?? '', indexed ? 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)' : 'must be valid IP address').withRule('pod-host-aliases'));
    (Array.isArray(a.hostnames) ? a.hostnames : []).forEach((h: unknown, j: number) => {
      const where = indexed ? `${at}.hostnames[${j}]` : `${path}.hostnames`;
      for (const m of isDns1123Subdomain(String(h ?? ''))) errs.push(invalid(where, h as string, m).withRule('pod-host-aliases'));
    });
  });
  return errs;
}

/** dnsConfig (validatePodDNSConfig): at most 3 nameservers, IPs; at most 32 search paths, 2048 characters, each a DNS subdomain; option names. */
export function validateDnsConfig(dnsConfig: unknown, path: string): FieldError[] {
  const c = obj(dnsConfig);
  if (!c) return [];
  const errs: FieldError[] = [];
  const nameservers = Array.isArray(c.nameservers) ? c.nameservers.map((x: unknown) => String(x ?? '')) : [];
  const goList = (xs: string[]) => goRaw(`[]string{${xs.map((x) => JSON.stringify(x)).join(', ')}}`);
  if (nameservers.length > 3) errs.push(invalid(`${path}.nameservers`, goList(nameservers), 'must not have more than 3 nameservers').withRule('pod-dns-config'));
  nameservers.forEach((ns: string, i: number) => {
    if (!isValidIP(ns)) errs.push(invalid(`${path}.nameservers[${i}]`, ns, 'must be valid IP address').withRule('pod-dns-config'));
  });
  const searches = Array.isArray(c.searches) ? c.searches.map((x: unknown) => String(x ?? '')) : [];
  if (searches.length > 32) errs.push(invalid(`${path}.searches`, goList(searches), 'must not have more than 32 search paths').withRule('pod-dns-config'));
  if (searches.join(' ').length > 2048) errs.push(invalid(`${path}.searches`, goList(searches), 'must not have more than 2048 characters (including spaces) in the search list').withRule('pod-dns-config'));
  // relaxed from 1.33 (RelaxedDNSSearchValidation, beta on by default): `_` in labels, and `.` alone
  const relaxed = since(33);
  searches.forEach((s: string, i: number) => {
    if (relaxed && s === '.') return;
    const trimmed = s.endsWith('.') ? s.slice(0, -1) : s;
    for (const m of (relaxed ? isDns1123SubdomainWithUnderscore : isDns1123Subdomain)(trimmed)) errs.push(invalid(`${path}.searches[${i}]`, trimmed, m).withRule('pod-dns-config'));
  });
  list(c.options).forEach((o, i) => {
    if (!o.name) errs.push(required(`${path}.options[${i}]`, 'must not be empty').withRule('pod-dns-config'));
  });
  return errs;
}
