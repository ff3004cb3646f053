/**
 * Controllers (pkg/apis/apps/validation, Kubernetes 1.28): ReplicaSet, Deployment, StatefulSet,
 * DaemonSet; their selectors against their template labels, and their own fields, after v1
 * defaulting.
 */
import { FieldError, forbidden, goIntOrString, goLabelSelector, goMap, goRaw, invalid, notSupported, required } from '../field';
import { isValidPercent } from '../names';
import { Obj } from './_common';
import { validateLabels } from './meta';
import { validatePodTemplate } from './pod';


/** ValidateLabelSelector. */
export function validateLabelSelector(sel: Obj | undefined, path: string): FieldError[] {
  if (!sel) return [];
  const errs: FieldError[] = [];
  (sel.matchExpressions ?? []).forEach((e: Obj, i: number) => {
    const at = `${path}.matchExpressions[${i}]`;
    if (e.operator === 'In' || e.operator === 'NotIn') {
      if (!e.values?.length) errs.push(required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'").withRule('selector'));
    } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
      if (e.values?.length) errs.push(forbidden(`${at}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'").withRule('selector'));
    } else {
      errs.push(invalid(`${at}.operator`, e.operator, 'not a valid selector operator').withRule('selector'));
    }
    errs.push(...validateLabels({ [e.key ?? '']: 'x' }, `${at}.key`, 'selector'));
  });
  errs.push(...validateLabels(sel.matchLabels, `${path}.matchLabels`, 'selector'));
  return errs;
}

/** Whether a label selector selects a label set (an empty selector selects everything). */
export function selectorMatches(sel: Obj | undefined, labels: Obj | undefined): boolean {
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of sel?.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, e.key);
    const inValues = has && (e.values ?? []).includes(l[e.key]);
    if (e.operator === 'In' && !inValues) return false;
    if (e.operator === 'NotIn' && inValues) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function nonNegative(v: unknown, path: string, rule: string): FieldError[] {
  return typeof v === 'number' && v < 0 ? [invalid(path, v, 'must be greater than or equal to 0').withRule(rule)] : [];
}

/** Selector + template + restartPolicy Always: what every controller checks. */
function validateControllerTemplate(spec: Obj, what: string, allowActiveDeadline: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const sel = spec.selector;
  if (!sel) {
    errs.push(required('spec.selector').withRule('workload-selector'));
  } else {
    errs.push(...validateLabelSelector(sel, 'spec.selector'));
    if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
      errs.push(invalid('spec.selector', goLabelSelector(sel), `empty selector is invalid for ${what}`).withRule('workload-selector'));
    }
  }
  const template = spec.template;
  if (!template) return [...errs, required('spec.template').withRule('template-required')];
  const labels = template.metadata?.labels;
  // metav1.LabelSelectorAsSelector: a selector it cannot convert is reported once, and the
  // template is then not matched against it
  const convertible = !sel || validateLabelSelector(sel, 'spec.selector').length === 0;
  if (!convertible && what !== 'daemonset') {
    errs.push(invalid('spec.selector', goLabelSelector(sel), what === 'statefulset' ? '' : 'invalid label selector').withRule('workload-selector'));
  } else if (convertible && sel && Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length > 0 && !selectorMatches(sel, labels)) {
    errs.push(invalid('spec.template.metadata.labels', goMap(labels), '`selector` does not match template `labels`').withRule('workload-selector-match'));
  }
  const claims = what === 'statefulset' ? (spec.volumeClaimTemplates ?? []).map((c: Obj) => String(c?.metadata?.name ?? '')) : undefined;
  errs.push(...validatePodTemplate(template, 'spec.template', claims));
  const restartPolicy = template.spec?.restartPolicy ?? 'Always';
  if (restartPolicy !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', restartPolicy, ['Always']).withRule('workload-restart-policy'));
  if (template.spec?.activeDeadlineSeconds !== undefined && !allowActiveDeadline) {
    errs.push(forbidden('spec.template.spec.activeDeadlineSeconds', `activeDeadlineSeconds in ${what === 'deployment' ? 'ReplicaSet' : what === 'statefulset' ? 'StatefulSet' : 'DaemonSet'} is not Supported`).withRule('workload-active-deadline'));
  }
  return errs;
}

function isPercent(v: unknown): boolean {
  return typeof v === 'string' && /^[0-9]+%$/.test(v);
}

function intOrPercent(v: unknown, path: string): FieldError[] {
  if (v === undefined) return [];
  const shown = goIntOrString(v as number | string);
  if (typeof v === 'string' && !isPercent(v)) return isValidPercent(v).map((m) => invalid(path, shown, m).withRule('workload-strategy'));
  if (typeof v === 'number' && v < 0) return [invalid(path, shown, 'must be greater than or equal to 0').withRule('workload-strategy')];
  if (isPercent(v) && Number(String(v).slice(0, -1)) > 100) return [invalid(path, shown, 'must not be greater than 100%').withRule('workload-strategy')];
  return [];
}

function isZero(v: unknown): boolean {
  return v === 0 || v === '0%';
}

export function validateReplicaSet(o: Obj): FieldError[] {
  const spec = o.spec ?? {};
  return [
    ...nonNegative(spec.replicas, 'spec.replicas', 'workload-replicas'),
    ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds', 'workload-min-ready'),
    ...validateControllerTemplate(spec, 'deployment', false),
  ];
}

export function validateDeployment(o: Obj): FieldError[] {
  const spec = o.spec ?? {};
  const errs: FieldError[] = [
    ...nonNegative(spec.replicas, 'spec.replicas', 'workload-replicas'),
    ...validateControllerTemplate(spec, 'deployment', false),
  ];
  const strategy = spec.strategy ?? {};
  const type = strategy.type ?? 'RollingUpdate';
  if (type === 'Recreate') {
    if (strategy.rollingUpdate) errs.push(forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'").withRule('workload-strategy'));
  } else if (type === 'RollingUpdate') {
    const ru = { maxUnavailable: '25%', maxSurge: '25%', ...(strategy.rollingUpdate ?? {}) };
    errs.push(...intOrPercent(ru.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable'));
    errs.push(...intOrPercent(ru.maxSurge, 'spec.strategy.rollingUpdate.maxSurge'));
    if (isZero(ru.maxUnavailable) && isZero(ru.maxSurge)) {
      errs.push(invalid('spec.strategy.rollingUpdate.maxUnavailable', goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0').withRule('workload-strategy'));
    }
  } else {
    errs.push(notSupported('spec.strategy', type, ['Recreate', 'RollingUpdate']).withRule('workload-strategy'));
  }
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds', 'workload-min-ready'));
  errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit', 'workload-revision-history'));
  if (typeof spec.progressDeadlineSeconds === 'number') {
    errs.push(...nonNegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds', 'workload-progress-deadline'));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(invalid('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds').withRule('workload-progress-deadline'));
    }
  }
  return errs;
}

export function validateStatefulSet(o: Obj): FieldError[] {
  const spec = o.spec ?? {};
  const errs: FieldError[] = [];
  const pmp = spec.podManagementPolicy ?? 'OrderedReady';
  if (pmp !== 'OrderedReady' && pmp !== 'Parallel') {
    errs.push(invalid('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'").withRule('workload-pod-management'));
  }
  const us = spec.updateStrategy ?? {};
  const type = us.type ?? 'RollingUpdate';
  if (type === 'OnDelete') {
    if (us.rollingUpdate) errs.push(invalid('spec.updateStrategy.rollingUpdate', goRaw('&apps.RollingUpdateStatefulSetStrategy{...}'), "only allowed for updateStrategy 'RollingUpdate'").withRule('workload-strategy'));
  } else if (type === 'RollingUpdate') {
    if (us.rollingUpdate) errs.push(...nonNegative(us.rollingUpdate.partition, 'spec.updateStrategy.rollingUpdate.partition', 'workload-strategy'));
  } else {
    errs.push(invalid('spec.updateStrategy', goRaw(`apps.StatefulSetUpdateStrategy{Type:"${type}"}`), "must be 'RollingUpdate' or 'OnDelete'").withRule('workload-strategy'));
  }
  errs.push(...nonNegative(spec.replicas, 'spec.replicas', 'workload-replicas'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds', 'workload-min-ready'));
  errs.push(...validateControllerTemplate(spec, 'statefulset', false));
  return errs;
}

export function validateDaemonSet(o: Obj): FieldError[] {
  const spec = o.spec ?? {};
  const errs: FieldError[] = [...validateControllerTemplate(spec, 'daemonset', false)];
  const us = spec.updateStrategy ?? {};
  const type = us.type ?? 'RollingUpdate';
  if (type === 'RollingUpdate') {
    const ru = { maxUnavailable: 1, maxSurge: 0, ...(us.rollingUpdate ?? {}) };
    errs.push(...intOrPercent(ru.maxUnavailable, 'spec.updateStrategy.rollingUpdate.maxUnavailable'));
    errs.push(...intOrPercent(ru.maxSurge, 'spec.updateStrategy.rollingUpdate.maxSurge'));
    if (isZero(ru.maxUnavailable) && isZero(ru.maxSurge)) {
      errs.push(required('spec.updateStrategy.rollingUpdate.maxUnavailable', 'cannot be 0 when maxSurge is 0').withRule('workload-strategy'));
    }
  } else if (type !== 'OnDelete') {
    errs.push(notSupported('spec.updateStrategy', goRaw(`apps.DaemonSetUpdateStrategy{Type:"${type}", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}`), ['RollingUpdate', 'OnDelete']).withRule('workload-strategy'));
  }
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds', 'workload-min-ready'));
  errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit', 'workload-revision-history'));
  return errs;
}
