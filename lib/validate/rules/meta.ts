/** ObjectMeta and label rules (ValidateObjectMeta, ValidateLabels, ValidateAnnotations; 1.28). */
import { FieldError, invalid, required, tooLong } from '../field';
import { isDns1035Label, isDns1123Label, isDns1123Subdomain, isQualifiedName, isValidLabelValue } from '../names';
import { isClusterScopedKind } from '../decode';
import { since } from '../target';
import { Obj } from './_common';

export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** How a kind's names are checked: DNS-1035 for Services, DNS labels for Namespaces, subdomains else. */
export function nameCheck(kind: string): (v: string) => string[] {
  // a Service's name is a DNS-1123 label from 1.37 (RelaxedServiceNameValidation) (as kube-apiserver 1.37.2 checks it; the release that changed it is not pinned down here, so 1.29-1.36 keep 1.28's rule)
  if (kind === 'Service') return since(37) ? isDns1123Label : isDns1035Label;
  if (kind === 'Namespace' || kind === 'StatefulSet') return isDns1123Label;
  if (/^(Cluster)?Role(Binding)?$/.test(kind)) return pathSegmentName;
  return isDns1123Subdomain;
}

function pathSegmentName(v: string): string[] {
  if (v === '.' || v === '..') return [`may not be '${v}'`];
  if (v.includes('/')) return ["may not contain '/'"];
  if (v.includes('%')) return ["may not contain '%'"];
  return [];
}

export function validateLabels(labels: Obj | undefined, path: string, rule = 'meta-labels'): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const m of isQualifiedName(k)) errs.push(invalid(path, k, m).withRule(rule));
    for (const m of isValidLabelValue(String(v ?? ''))) errs.push(invalid(path, String(v ?? ''), m).withRule(rule));
  }
  return errs;
}

export function validateAnnotations(annotations: Obj | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, m).withRule('meta-annotations'));
    size += k.length + String(v ?? '').length;
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT).withRule('meta-annotations'));
  return errs;
}

/** An object's metadata, as created (a generateName stands in for the name). */
export function validateObjectMeta(meta: Obj | undefined, kind: string, path = 'metadata'): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  const check = nameCheck(kind);
  if (m.generateName) {
    for (const msg of check(String(m.generateName).replace(/-$/, 'a'))) errs.push(invalid(`${path}.generateName`, m.generateName, msg).withRule('meta-name'));
  }
  if (!m.name) {
    if (!m.generateName) errs.push(required(`${path}.name`, 'name or generateName is required').withRule('meta-name'));
  } else {
    for (const msg of check(String(m.name))) errs.push(invalid(`${path}.name`, m.name, msg).withRule('meta-name'));
  }
  // (the API server clears the namespace of a cluster-scoped object before it validates: the
  // decoding step has removed it, and the validator warns)
  if (m.namespace && !isClusterScopedKind(kind)) {
    for (const msg of isDns1123Label(String(m.namespace))) errs.push(invalid(`${path}.namespace`, m.namespace, msg).withRule('meta-namespace'));
  }
  if (typeof m.generation === 'number' && m.generation < 0) {
    errs.push(invalid(`${path}.generation`, m.generation, 'must be greater than or equal to 0').withRule('meta-generation'));
  }
  errs.push(...validateLabels(m.labels, `${path}.labels`));
  errs.push(...validateAnnotations(m.annotations, `${path}.annotations`));
  return errs;
}
