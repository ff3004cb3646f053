/**
 * The API server's container rules (pkg/apis/core/validation validateContainers,
 * validateContainerPorts, validateProbe, validateHandler, validateEnv; Kubernetes 1.28) on
 * wire-format containers, after v1 defaulting (protocol TCP, probe timings).
 */
import { duplicate, FieldError, forbidden, invalid, notFound, notSupported, required } from '../field';
import { isConfigMapKey, isEnvVarName, isRelaxedEnvVarName, isValidPortName, isValidPortNum } from '../names';
import { since } from '../target';
import { validateContainerSecurityContext, validateLifecycle } from './podextra';
import { dns1123Label, Obj, portNumOrName, PROTOCOLS } from './_common';

const R = {
  name: 'container-name',
  image: 'container-image',
  portName: 'container-port-name',
  portNameDuplicate: 'container-port-name-duplicate',
  containerPort: 'container-port-number',
  hostPort: 'container-host-port',
  protocol: 'container-port-protocol',
  envName: 'container-env-name',
  probeHandler: 'probe-handler',
  probeTiming: 'probe-timing',
  probeSuccess: 'probe-success-threshold',
  probePort: 'probe-port',
  probeNamedPort: 'probe-named-port',
  envValueFrom: 'container-env-value-from',
  volumeMount: 'container-volume-mount',
  pullPolicy: 'container-image-pull-policy',
  resources: 'container-resources',
} as const;

export type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';
export const PROBE_KINDS: readonly ProbeKind[] = ['livenessProbe', 'readinessProbe', 'startupProbe'];

export function validateContainerPorts(ports: Obj[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((p, i) => {
    const at = `${path}[${i}]`;
    if (p.name) {
      const msgs = isValidPortName(p.name);
      if (msgs.length) for (const m of msgs) errs.push(invalid(`${at}.name`, p.name, m).withRule(R.portName));
      else if (names.has(p.name)) errs.push(duplicate(`${at}.name`, p.name).withRule(R.portNameDuplicate));
      else names.add(p.name);
    }
    if (!p.containerPort) errs.push(required(`${at}.containerPort`).withRule(R.containerPort));
    else for (const m of isValidPortNum(p.containerPort)) errs.push(invalid(`${at}.containerPort`, p.containerPort, m).withRule(R.containerPort));
    if (p.hostPort) for (const m of isValidPortNum(p.hostPort)) errs.push(invalid(`${at}.hostPort`, p.hostPort, m).withRule(R.hostPort));
    const protocol = p.protocol ?? 'TCP';
    if (!(PROTOCOLS as readonly string[]).includes(protocol)) errs.push(notSupported(`${at}.protocol`, protocol, PROTOCOLS).withRule(R.protocol));
  });
  return errs;
}

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

export function validateProbe(probe: Obj | undefined, kind: ProbeKind, path: string): FieldError[] {
  if (!probe) return [];
  const errs: FieldError[] = [];
  const present = HANDLERS.filter((h) => probe[h] !== undefined && probe[h] !== null);
  if (present.length === 0) errs.push(required(path, 'must specify a handler type').withRule(R.probeHandler));
  present.slice(1).forEach((h) => errs.push(forbidden(`${path}.${h}`, 'may not specify more than 1 handler type').withRule(R.probeHandler)));
  if (probe.exec && !probe.exec.command?.length) errs.push(required(`${path}.exec.command`).withRule(R.probeHandler));
  if (probe.httpGet) {
    const h = probe.httpGet;
    errs.push(...portNumOrName(h.port, `${path}.httpGet.port`, R.probePort));
    const scheme = h.scheme ?? 'HTTP';
    if (!['HTTP', 'HTTPS'].includes(scheme)) errs.push(notSupported(`${path}.httpGet.scheme`, scheme, ['HTTP', 'HTTPS']).withRule(R.probeHandler));
    (h.httpHeaders ?? []).forEach((hd: Obj) => {
      if (!/^[-A-Za-z0-9]+$/.test(hd.name ?? '')) {
        errs.push(
          invalid(
            `${path}.httpGet.httpHeaders`,
            hd.name,
            "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')",
          ).withRule(R.probeHandler),
        );
      }
    });
  }
  if (probe.tcpSocket) errs.push(...portNumOrName(probe.tcpSocket.port, `${path}.tcpSocket.port`, R.probePort));
  if (probe.grpc) {
    for (const m of isValidPortNum(probe.grpc.port)) errs.push(invalid(`${path}.grpc.port`, probe.grpc.port, m).withRule(R.probePort));
  }
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    if (typeof probe[f] === 'number' && probe[f] < 0) {
      errs.push(invalid(`${path}.${f}`, probe[f], 'must be greater than or equal to 0').withRule(R.probeTiming));
    }
  }
  const tgps = probe.terminationGracePeriodSeconds;
  if (typeof tgps === 'number') {
    if (kind === 'readinessProbe') {
      errs.push(invalid(`${path}.terminationGracePeriodSeconds`, tgps, 'must not be set for readinessProbes').withRule(R.probeTiming));
    } else if (tgps <= 0) {
      errs.push(invalid(`${path}.terminationGracePeriodSeconds`, tgps, 'must be greater than 0').withRule(R.probeTiming));
    }
  }
  if (kind !== 'readinessProbe' && typeof probe.successThreshold === 'number' && probe.successThreshold !== 1) {
    errs.push(invalid(`${path}.successThreshold`, probe.successThreshold, 'must be 1').withRule(R.probeSuccess));
  }
  return errs;
}

/** The named port a probe uses, if any (HTTP GET and TCP socket probes may name a port; gRPC may not). */
export function probeNamedPort(probe: Obj | undefined): { port: string; path: string } | undefined {
  if (!probe) return undefined;
  if (typeof probe.httpGet?.port === 'string') return { port: probe.httpGet.port, path: 'httpGet.port' };
  if (typeof probe.tcpSocket?.port === 'string') return { port: probe.tcpSocket.port, path: 'tcpSocket.port' };
  return undefined;
}

/**
 * A probe that names a port its container does not declare: the API server accepts it, the
 * kubelet then fails the probe for ever. A warning in the validator (svcgen's own check); the
 * constructs refuse it at once.
 */
export function validateProbeNamedPorts(container: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const declared = new Set((container.ports ?? []).map((p: Obj) => p.name).filter(Boolean));
  for (const kind of PROBE_KINDS) {
    const named = probeNamedPort(container[kind]);
    if (named && isValidPortName(named.port).length === 0 && !declared.has(named.port)) {
      const list = declared.size ? [...declared].map((n) => `"${n}"`).join(', ') : 'none';
      errs.push(
        invalid(`${path}.${kind}.${named.path}`, named.port, `container "${container.name}" declares no port named "${named.port}" (declared: ${list})`).withRule(
          R.probeNamedPort,
        ).asWarning(),
      );
    }
  }
  return errs;
}

export function validateEnv(env: Obj[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (env ?? []).forEach((e, i) => {
    const at = `${path}[${i}].name`;
    if (!e.name) errs.push(required(at).withRule(R.envName));
    // validateEnvVarName: relaxed from 1.32 (RelaxedEnvironmentVariableValidation, beta on by default; GA 1.34)
    else for (const m of (since(32) ? isRelaxedEnvVarName : isEnvVarName)(e.name)) errs.push(invalid(at, e.name, m).withRule(R.envName));
    errs.push(...validateEnvValueFrom(e, `${path}[${i}].valueFrom`));
  });
  return errs;
}

function validateEnvValueFrom(e: Obj, path: string): FieldError[] {
  const from = e.valueFrom;
  if (!from) return [];
  const errs: FieldError[] = [];
  const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => from[k]);
  for (const k of ['configMapKeyRef', 'secretKeyRef']) {
    if (!from[k]) continue;
    if (!from[k].name) errs.push(required(`${path}.${k}.name`).withRule(R.envValueFrom));
    if (!from[k].key) errs.push(required(`${path}.${k}.key`).withRule(R.envValueFrom));
    else for (const m of isConfigMapKey(from[k].key)) errs.push(invalid(`${path}.${k}.key`, from[k].key, m).withRule(R.envValueFrom));
  }
  if (from.fieldRef && !from.fieldRef.fieldPath) errs.push(required(`${path}.fieldRef.fieldPath`).withRule(R.envValueFrom));
  if (sources.length === 0) {
    errs.push(invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`').withRule(R.envValueFrom));
  } else if (e.value) {
    errs.push(invalid(path, '', 'may not be specified when `value` is not empty').withRule(R.envValueFrom));
  } else if (sources.length > 1) {
    errs.push(invalid(path, '', 'may not have more than one field specified at a time').withRule(R.envValueFrom));
  }
  return errs;
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

function validateVolumeMounts(mounts: Obj[] | undefined, volumes: ReadonlySet<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (mounts ?? []).forEach((m, i) => {
    const at = `${path}[${i}]`;
    if (!m.name) errs.push(required(`${at}.name`).withRule(R.volumeMount));
    if (!volumes.has(m.name)) errs.push(notFound(`${at}.name`, m.name ?? '').withRule(R.volumeMount));
    if (!m.mountPath) errs.push(required(`${at}.mountPath`).withRule(R.volumeMount));
    else if (seen.has(m.mountPath)) errs.push(invalid(`${at}.mountPath`, m.mountPath, 'must be unique').withRule(R.volumeMount));
    if (m.mountPath) seen.add(m.mountPath);
    if (m.subPath) {
      if (String(m.subPath).startsWith('/')) errs.push(invalid(`${at}.subPath`, m.subPath, 'must be a relative path').withRule(R.volumeMount));
      if (String(m.subPath).split('/').includes('..')) errs.push(invalid(`${at}.subPath`, m.subPath, "must not contain '..'").withRule(R.volumeMount));
    }
  });
  return errs;
}

function validateResources(res: Obj | undefined, path: string): FieldError[] {
  if (!res) return [];
  const errs: FieldError[] = [];
  for (const part of ['limits', 'requests']) {
    for (const [name, q] of Object.entries(res[part] ?? {})) {
      const v = parseQuantity(q as string | number);
      if (v === undefined) errs.push(invalid(`${path}.${part}[${name}]`, q as string, 'quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'').withRule(R.resources));
      else if (v < 0) errs.push(invalid(`${path}.${part}[${name}]`, String(q), 'must be greater than or equal to 0').withRule(R.resources));
    }
  }
  for (const [name, q] of Object.entries(res.requests ?? {})) {
    const limit = res.limits?.[name];
    if (limit === undefined) continue;
    const rv = parseQuantity(q as string);
    const lv = parseQuantity(limit);
    if (rv !== undefined && lv !== undefined && rv > lv) {
      errs.push(invalid(`${path}.requests`, String(q), `must be less than or equal to ${name} limit of ${String(limit)}`).withRule(R.resources));
    }
  }
  return errs;
}

const SUFFIX: Record<string, number> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** A Kubernetes quantity as a number of base units (undefined when it is not one). */
export function parseQuantity(q: string | number): number | undefined {
  if (typeof q === 'number') return q;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/.exec(String(q).trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[3] !== undefined) return n * 10 ** Number(m[3]);
  return n * SUFFIX[m[2] ?? ''];
}

/**
 * One container (validateContainerCommon and the probes). Volume mounts are checked when the Pod's
 * volume names are given (a construct adds its volumes later, so it checks them at synth).
 */
export function validateContainer(c: Obj, path: string, volumes?: ReadonlySet<string>): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(`${path}.name`).withRule(R.name));
  else errs.push(...dns1123Label(c.name, `${path}.name`, R.name));
  if (!c.image) errs.push(required(`${path}.image`).withRule(R.image));
  errs.push(...validateContainerPorts(c.ports, `${path}.ports`));
  errs.push(...validateEnv(c.env, `${path}.env`));
  if (volumes) errs.push(...validateVolumeMounts(c.volumeMounts, volumes, `${path}.volumeMounts`));
  if (c.imagePullPolicy !== undefined && !PULL_POLICIES.includes(c.imagePullPolicy)) {
    errs.push(notSupported(`${path}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES).withRule(R.pullPolicy));
  }
  errs.push(...validateResources(c.resources, `${path}.resources`));
  for (const kind of PROBE_KINDS) errs.push(...validateProbe(c[kind], kind, `${path}.${kind}`));
  errs.push(...validateProbeNamedPorts(c, path));
  errs.push(...validateContainerSecurityContext(c.securityContext, `${path}.securityContext`));
  errs.push(...validateLifecycle(c.lifecycle, `${path}.lifecycle`));
  return errs;
}

/** Duplicate container names within one Pod. */
export function validateContainerNames(containers: Obj[], path: string): FieldError[] {
  const seen = new Set<string>();
  const errs: FieldError[] = [];
  containers.forEach((c, i) => {
    if (c.name && seen.has(c.name)) errs.push(duplicate(`${path}[${i}].name`, c.name).withRule(R.name));
    seen.add(c.name);
  });
  return errs;
}
