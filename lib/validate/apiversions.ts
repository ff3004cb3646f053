/**
 * API versions and kinds: removed versions (an error naming the replacement), deprecated and alpha
 * versions (warnings), unknown kinds (an error with the closest real kind).
 * @see https://kubernetes.io/docs/reference/using-api/deprecation-guide/
 */
import { builtinKinds } from './schema';
import { closest } from './suggest';

export interface Removal {
  readonly removedIn: string;
  /** The apiVersion to use instead (undefined: the kind was removed with no replacement). */
  readonly replacement?: string;
}

const R = (removedIn: string, replacement?: string): Removal => ({ removedIn, replacement });

/** `<apiVersion>/<kind>` -> when it was removed and what replaces it (up to Kubernetes 1.28). */
export const REMOVED: Readonly<Record<string, Removal>> = {
  // 1.16
  'extensions/v1beta1/DaemonSet': R('1.16', 'apps/v1'),
  'extensions/v1beta1/Deployment': R('1.16', 'apps/v1'),
  'extensions/v1beta1/ReplicaSet': R('1.16', 'apps/v1'),
  'extensions/v1beta1/NetworkPolicy': R('1.16', 'networking.k8s.io/v1'),
  'extensions/v1beta1/PodSecurityPolicy': R('1.16', 'policy/v1beta1'),
  'apps/v1beta1/Deployment': R('1.16', 'apps/v1'),
  'apps/v1beta1/StatefulSet': R('1.16', 'apps/v1'),
  'apps/v1beta1/ControllerRevision': R('1.16', 'apps/v1'),
  'apps/v1beta2/Deployment': R('1.16', 'apps/v1'),
  'apps/v1beta2/StatefulSet': R('1.16', 'apps/v1'),
  'apps/v1beta2/DaemonSet': R('1.16', 'apps/v1'),
  'apps/v1beta2/ReplicaSet': R('1.16', 'apps/v1'),
  'apps/v1beta2/ControllerRevision': R('1.16', 'apps/v1'),
  // 1.22
  'extensions/v1beta1/Ingress': R('1.22', 'networking.k8s.io/v1'),
  'networking.k8s.io/v1beta1/Ingress': R('1.22', 'networking.k8s.io/v1'),
  'networking.k8s.io/v1beta1/IngressClass': R('1.22', 'networking.k8s.io/v1'),
  'admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration': R('1.22', 'admissionregistration.k8s.io/v1'),
  'admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration': R('1.22', 'admissionregistration.k8s.io/v1'),
  'apiextensions.k8s.io/v1beta1/CustomResourceDefinition': R('1.22', 'apiextensions.k8s.io/v1'),
  'apiregistration.k8s.io/v1beta1/APIService': R('1.22', 'apiregistration.k8s.io/v1'),
  'authentication.k8s.io/v1beta1/TokenReview': R('1.22', 'authentication.k8s.io/v1'),
  'authorization.k8s.io/v1beta1/SubjectAccessReview': R('1.22', 'authorization.k8s.io/v1'),
  'authorization.k8s.io/v1beta1/LocalSubjectAccessReview': R('1.22', 'authorization.k8s.io/v1'),
  'authorization.k8s.io/v1beta1/SelfSubjectAccessReview': R('1.22', 'authorization.k8s.io/v1'),
  'authorization.k8s.io/v1beta1/SelfSubjectRulesReview': R('1.22', 'authorization.k8s.io/v1'),
  'certificates.k8s.io/v1beta1/CertificateSigningRequest': R('1.22', 'certificates.k8s.io/v1'),
  'coordination.k8s.io/v1beta1/Lease': R('1.22', 'coordination.k8s.io/v1'),
  'rbac.authorization.k8s.io/v1beta1/ClusterRole': R('1.22', 'rbac.authorization.k8s.io/v1'),
  'rbac.authorization.k8s.io/v1beta1/ClusterRoleBinding': R('1.22', 'rbac.authorization.k8s.io/v1'),
  'rbac.authorization.k8s.io/v1beta1/Role': R('1.22', 'rbac.authorization.k8s.io/v1'),
  'rbac.authorization.k8s.io/v1beta1/RoleBinding': R('1.22', 'rbac.authorization.k8s.io/v1'),
  'scheduling.k8s.io/v1beta1/PriorityClass': R('1.22', 'scheduling.k8s.io/v1'),
  'storage.k8s.io/v1beta1/CSIDriver': R('1.22', 'storage.k8s.io/v1'),
  'storage.k8s.io/v1beta1/CSINode': R('1.22', 'storage.k8s.io/v1'),
  'storage.k8s.io/v1beta1/StorageClass': R('1.22', 'storage.k8s.io/v1'),
  'storage.k8s.io/v1beta1/VolumeAttachment': R('1.22', 'storage.k8s.io/v1'),
  // 1.25
  'batch/v1beta1/CronJob': R('1.25', 'batch/v1'),
  'discovery.k8s.io/v1beta1/EndpointSlice': R('1.25', 'discovery.k8s.io/v1'),
  'events.k8s.io/v1beta1/Event': R('1.25', 'events.k8s.io/v1'),
  'autoscaling/v2beta1/HorizontalPodAutoscaler': R('1.25', 'autoscaling/v2'),
  'policy/v1beta1/PodDisruptionBudget': R('1.25', 'policy/v1'),
  'policy/v1beta1/PodSecurityPolicy': R('1.25'),
  'node.k8s.io/v1beta1/RuntimeClass': R('1.25', 'node.k8s.io/v1'),
  // 1.26
  'flowcontrol.apiserver.k8s.io/v1beta1/FlowSchema': R('1.26', 'flowcontrol.apiserver.k8s.io/v1beta3'),
  'flowcontrol.apiserver.k8s.io/v1beta1/PriorityLevelConfiguration': R('1.26', 'flowcontrol.apiserver.k8s.io/v1beta3'),
  'autoscaling/v2beta2/HorizontalPodAutoscaler': R('1.26', 'autoscaling/v2'),
  // 1.27
  'storage.k8s.io/v1beta1/CSIStorageCapacity': R('1.27', 'storage.k8s.io/v1'),
};

/** Served by 1.28 but deprecated: `<apiVersion>/<kind>` -> removal release and replacement. */
export const DEPRECATED: Readonly<Record<string, Removal>> = {
  'flowcontrol.apiserver.k8s.io/v1beta2/FlowSchema': R('1.29', 'flowcontrol.apiserver.k8s.io/v1beta3'),
  'flowcontrol.apiserver.k8s.io/v1beta2/PriorityLevelConfiguration': R('1.29', 'flowcontrol.apiserver.k8s.io/v1beta3'),
  'flowcontrol.apiserver.k8s.io/v1beta3/FlowSchema': R('1.32', 'flowcontrol.apiserver.k8s.io/v1'),
  'flowcontrol.apiserver.k8s.io/v1beta3/PriorityLevelConfiguration': R('1.32', 'flowcontrol.apiserver.k8s.io/v1'),
};

const BUILTIN_GROUPS = new Set([
  '', 'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'apiregistration.k8s.io', 'apps', 'authentication.k8s.io',
  'authorization.k8s.io', 'autoscaling', 'batch', 'certificates.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io',
  'events.k8s.io', 'extensions', 'flowcontrol.apiserver.k8s.io', 'internal.apiserver.k8s.io', 'networking.k8s.io',
  'node.k8s.io', 'policy', 'rbac.authorization.k8s.io', 'resource.k8s.io', 'scheduling.k8s.io', 'storage.k8s.io',
]);

export function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

export function isBuiltinGroup(apiVersion: string): boolean {
  return BUILTIN_GROUPS.has(groupOf(apiVersion));
}

let kindNames: string[] | undefined;
/** The closest built-in kind name to a misspelt one (`Servvice` -> `Service`). */
export function suggestKind(kind: string): string | undefined {
  kindNames ??= [...new Set(builtinKinds().map((k) => k.kind))].sort();
  return closest(kind, kindNames);
}

/** The apiVersions that serve a kind in 1.28 (GA first). */
export function versionsOf(kind: string): string[] {
  const rank = (v: string) => (/alpha/.test(v) ? 2 : /beta/.test(v) ? 1 : 0);
  return builtinKinds()
    .filter((k) => k.kind === kind)
    .map((k) => k.apiVersion)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function isAlpha(apiVersion: string): boolean {
  return /\/v\d+alpha\d+$/.test(apiVersion) || /^v\d+alpha\d+$/.test(apiVersion);
}
