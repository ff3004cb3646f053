/**
 * The API server's rules for Job, CronJob (pkg/apis/batch/validation), Ingress
 * (pkg/apis/networking/validation) and PersistentVolumeClaim (pkg/apis/core/validation),
 * Kubernetes 1.28, after v1 defaulting.
 */
import { FieldError, forbidden, goRaw, invalid, notSupported, required } from '../field';
import { isDns1035Label, isDns1123Label, isDns1123Subdomain, isValidPortName, isValidPortNum } from '../names';
import { since } from '../target';
import { Obj } from './_common';
import { parseQuantity } from './container';
import { validatePodTemplate } from './pod';

const nonNegative = (v: unknown, path: string, rule: string): FieldError[] =>
  typeof v === 'number' && v < 0 ? [invalid(path, v, 'must be greater than or equal to 0').withRule(rule)] : [];

/** A Job's spec at `path` (`spec`, or `spec.jobTemplate.spec` in a CronJob). */
export function validateJobSpec(spec: Obj | undefined, path: string): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  errs.push(...nonNegative(s.parallelism, `${path}.parallelism`, 'job-counts'));
  errs.push(...nonNegative(s.completions, `${path}.completions`, 'job-counts'));
  errs.push(...nonNegative(s.backoffLimit, `${path}.backoffLimit`, 'job-counts'));
  errs.push(...nonNegative(s.activeDeadlineSeconds, `${path}.activeDeadlineSeconds`, 'job-counts'));
  if (s.completionMode !== undefined && !['NonIndexed', 'Indexed'].includes(s.completionMode)) {
    errs.push(notSupported(`${path}.completionMode`, s.completionMode, ['NonIndexed', 'Indexed']).withRule('job-completion-mode'));
  }
  errs.push(...validatePodTemplate(s.template, `${path}.template`));
  const restartPolicy = s.template?.spec?.restartPolicy ?? 'Always';
  if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') {
    errs.push(required(`${path}.template.spec.restartPolicy`, 'valid values: "OnFailure", "Never"').withRule('job-restart-policy'));
  } else if (s.podFailurePolicy && restartPolicy !== 'Never') {
    // validatePodFailurePolicy (every carried version)
    errs.push(invalid(`${path}.template.spec.restartPolicy`, restartPolicy, 'only "Never" is supported when podFailurePolicy is specified').withRule('job-pod-failure-policy'));
  }
  // podReplacementPolicy: from 1.29 (JobPodReplacementPolicy beta, on by default; the 1.28 server drops it)
  if (s.podReplacementPolicy !== undefined && since(29) && !['Failed', 'TerminatingOrFailed'].includes(s.podReplacementPolicy)) {
    errs.push(notSupported(`${path}.podReplacementPolicy`, s.podReplacementPolicy, ['Failed', 'TerminatingOrFailed']).withRule('job-pod-replacement-policy'));
  }
  // validateSuccessPolicy: from 1.31 (JobSuccessPolicy beta, on by default; the 1.30 server drops it)
  if (s.successPolicy && since(31) && s.completionMode !== 'Indexed') {
    errs.push(invalid(`${path}.successPolicy`, goRaw(JSON.stringify(s.successPolicy)), 'requires indexed completion mode').withRule('job-success-policy'));
  }
  return errs;
}

export function validateJob(o: Obj): FieldError[] {
  return validateJobSpec(o.spec, 'spec');
}

/** A standard five-field cron schedule (and the @hourly-style shortcuts), as robfig/cron parses it. */
export function cronProblem(schedule: string): string | undefined {
  const s = schedule.trim();
  if (/^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/.test(s)) return undefined;
  if (/^@every\s/.test(s)) return undefined;
  const fields = s.replace(/^(CRON_)?TZ=\S+\s+/, '').split(/\s+/);
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  const ranges: [number, number][] = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 7]];
  for (let i = 0; i < 5; i++) {
    for (const part of fields[i].split(',')) {
      const m = /^(\*|\?|[A-Za-z]{3}|\d+)(?:-([A-Za-z]{3}|\d+))?(?:\/(\d+))?$/.exec(part);
      if (!m) return `failed to parse int from ${part}: strconv.Atoi: parsing "${part}": invalid syntax`;
      for (const v of [m[1], m[2]]) {
        if (v === undefined || v === '*' || v === '?' || /^[A-Za-z]{3}$/.test(v)) continue;
        const n = Number(v);
        if (n < ranges[i][0] || n > ranges[i][1]) return `end of range (${n}) above maximum (${ranges[i][1]}): ${part}`;
      }
    }
  }
  return undefined;
}

export function validateCronJob(o: Obj): FieldError[] {
  const s = o.spec ?? {};
  const errs: FieldError[] = [];
  if (!s.schedule) errs.push(required('spec.schedule').withRule('cronjob-schedule'));
  else {
    const p = cronProblem(String(s.schedule));
    if (p) errs.push(invalid('spec.schedule', s.schedule, p).withRule('cronjob-schedule'));
  }
  const policy = s.concurrencyPolicy ?? 'Allow';
  if (!['Allow', 'Forbid', 'Replace'].includes(policy)) errs.push(notSupported('spec.concurrencyPolicy', policy, ['Allow', 'Forbid', 'Replace']).withRule('cronjob-concurrency'));
  errs.push(...nonNegative(s.startingDeadlineSeconds, 'spec.startingDeadlineSeconds', 'cronjob-counts'));
  errs.push(...nonNegative(s.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit', 'cronjob-counts'));
  errs.push(...nonNegative(s.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit', 'cronjob-counts'));
  errs.push(...validateJobSpec(s.jobTemplate?.spec, 'spec.jobTemplate.spec'));
  return errs;
}

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

function validateBackend(b: Obj | undefined, path: string): FieldError[] {
  if (!b) return [];
  const errs: FieldError[] = [];
  const has = (b.service ? 1 : 0) + (b.resource ? 1 : 0);
  if (has === 0) errs.push(invalid(path, '', 'resource or service backend is required').withRule('ingress-backend'));
  if (has > 1) errs.push(invalid(path, '', 'cannot set both resource and service backends').withRule('ingress-backend'));
  const svc = b.service;
  if (svc) {
    if (!svc.name) errs.push(required(`${path}.service.name`).withRule('ingress-backend'));
    // a DNS-1123 label from 1.37 (RelaxedServiceNameValidation) (as kube-apiserver 1.37.2 checks it; the release that changed it is not pinned down here, so 1.29-1.36 keep 1.28's rule)
    else for (const m of (since(37) ? isDns1123Label : isDns1035Label)(svc.name)) errs.push(invalid(`${path}.service.name`, svc.name, m).withRule('ingress-backend'));
    const port = svc.port ?? {};
    const hasName = port.name !== undefined && port.name !== '';
    const hasNumber = port.number !== undefined && port.number !== 0;
    if (hasName && hasNumber) errs.push(invalid(path, '', 'cannot set both port name & port number').withRule('ingress-backend'));
    else if (hasName) for (const m of isValidPortName(port.name)) errs.push(invalid(`${path}.service.port.name`, port.name, m).withRule('ingress-backend'));
    else if (hasNumber) for (const m of isValidPortNum(port.number)) errs.push(invalid(`${path}.service.port.number`, port.number, m).withRule('ingress-backend'));
    else errs.push(required(`${path}.service.port`, 'port name or number is required').withRule('ingress-backend'));
  }
  return errs;
}

export function validateIngress(o: Obj): FieldError[] {
  const s = o.spec ?? {};
  const errs: FieldError[] = [];
  const rules: Obj[] = s.rules ?? [];
  if (!s.defaultBackend && rules.length === 0) errs.push(invalid('spec', goRaw('[]networking.IngressRule(nil)'), 'either `defaultBackend` or `rules` must be specified').withRule('ingress-rules'));
  errs.push(...validateBackend(s.defaultBackend, 'spec.defaultBackend'));
  rules.forEach((r, i) => {
    const at = `spec.rules[${i}]`;
    if (r.host) {
      const wildcard = String(r.host).startsWith('*.');
      for (const m of isDns1123Subdomain(wildcard ? String(r.host).slice(2) : String(r.host))) errs.push(invalid(`${at}.host`, r.host, m).withRule('ingress-host'));
    }
    (r.http?.paths ?? []).forEach((p: Obj, j: number) => {
      const pp = `${at}.http.paths[${j}]`;
      if (!p.pathType) errs.push(required(`${pp}.pathType`, 'pathType must be specified').withRule('ingress-path'));
      else if (!PATH_TYPES.includes(p.pathType)) errs.push(notSupported(`${pp}.pathType`, p.pathType, PATH_TYPES).withRule('ingress-path'));
      else if (p.pathType !== 'ImplementationSpecific' && !String(p.path ?? '').startsWith('/')) {
        errs.push(invalid(`${pp}.path`, p.path ?? '', 'must be an absolute path').withRule('ingress-path'));
      }
      errs.push(...validateBackend(p.backend, `${pp}.backend`));
    });
  });
  (s.tls ?? []).forEach((t: Obj, i: number) => {
    (t.hosts ?? []).forEach((h: string, j: number) => {
      const wildcard = String(h).startsWith('*.');
      for (const m of isDns1123Subdomain(wildcard ? h.slice(2) : h)) errs.push(invalid(`spec.tls[${i}].hosts[${j}]`, h, m).withRule('ingress-tls'));
    });
  });
  return errs;
}

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

export function validatePersistentVolumeClaim(o: Obj): FieldError[] {
  const s = o.spec ?? {};
  const errs: FieldError[] = [];
  const modes: string[] = s.accessModes ?? [];
  if (modes.length === 0) errs.push(required('spec.accessModes', 'at least 1 access mode is required').withRule('pvc-access-modes'));
  for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push(notSupported('spec.accessModes', m, ACCESS_MODES).withRule('pvc-access-modes'));
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) {
    errs.push(forbidden('spec.accessModes', 'may not use ReadWriteOncePod with other access modes').withRule('pvc-access-modes'));
  }
  const storage = s.resources?.requests?.storage;
  if (storage === undefined) errs.push(required('spec.resources[storage]').withRule('pvc-storage'));
  else {
    const v = parseQuantity(storage);
    if (v !== undefined && v <= 0) errs.push(invalid('spec.resources[storage]', String(storage), 'must be greater than zero').withRule('pvc-storage'));
  }
  return errs;
}
