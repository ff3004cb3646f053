/**
 * svcgen's objects without a construct tree. Each construct of the converter (Workload, Service,
 * ConfigMap, Secret, PersistentVolumeClaim, Ingress, HorizontalPodAutoscaler, NetworkPolicy) checks
 * its props and makes its L1 props in a function of its own, which both the construct and
 * `renderObject` call: the construct hands them to the L1 class (cdk8s then renders them), and
 * `svcgen convert`, which builds its objects from a plan and needs no construct tree, renders them
 * here. Loading cdk8s (with its YAML library, about 100 modules) is a tenth of a small conversion.
 *
 * `renderObject` takes the steps `ApiObject.toJson` of an L1 class takes, for what the converter
 * makes (no JSON patches, no chart labels or namespace, cdk8s's own resolvers only): the metadata
 * without empty maps and lists; every value resolved (IntOrString and Quantity to `{ value }`);
 * keys sorted and null values dropped; then the L1 converter, after apiVersion and kind.
 * test/constructs/render.test.ts holds it byte-equal to cdk8s's rendering.
 *
 * Requires neither cdk8s nor constructs.
 */
import { SvcgenError } from '../errors';
import { k8s } from '../l1';

/**
 * The L1 classes the converter's constructs render through: what `renderObject` needs of each, and
 * the class itself for the constructs (asked for only when called: defining it loads cdk8s).
 */
export const L1_KINDS = {
  KubeConfigMap: { apiVersion: 'v1', kind: 'ConfigMap', convert: (o: never) => k8s.toJson_KubeConfigMapProps(o), cls: () => k8s.KubeConfigMap },
  KubeSecret: { apiVersion: 'v1', kind: 'Secret', convert: (o: never) => k8s.toJson_KubeSecretProps(o), cls: () => k8s.KubeSecret },
  KubePersistentVolumeClaim: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', convert: (o: never) => k8s.toJson_KubePersistentVolumeClaimProps(o), cls: () => k8s.KubePersistentVolumeClaim },
  KubeService: { apiVersion: 'v1', kind: 'Service', convert: (o: never) => k8s.toJson_KubeServiceProps(o), cls: () => k8s.KubeService },
  KubePod: { apiVersion: 'v1', kind: 'Pod', convert: (o: never) => k8s.toJson_KubePodProps(o), cls: () => k8s.KubePod },
  KubeReplicaSet: { apiVersion: 'apps/v1', kind: 'ReplicaSet', convert: (o: never) => k8s.toJson_KubeReplicaSetProps(o), cls: () => k8s.KubeReplicaSet },
  KubeDeployment: { apiVersion: 'apps/v1', kind: 'Deployment', convert: (o: never) => k8s.toJson_KubeDeploymentProps(o), cls: () => k8s.KubeDeployment },
  KubeStatefulSet: { apiVersion: 'apps/v1', kind: 'StatefulSet', convert: (o: never) => k8s.toJson_KubeStatefulSetProps(o), cls: () => k8s.KubeStatefulSet },
  KubeDaemonSet: { apiVersion: 'apps/v1', kind: 'DaemonSet', convert: (o: never) => k8s.toJson_KubeDaemonSetProps(o), cls: () => k8s.KubeDaemonSet },
  KubeJob: { apiVersion: 'batch/v1', kind: 'Job', convert: (o: never) => k8s.toJson_KubeJobProps(o), cls: () => k8s.KubeJob },
  KubeCronJob: { apiVersion: 'batch/v1', kind: 'CronJob', convert: (o: never) => k8s.toJson_KubeCronJobProps(o), cls: () => k8s.KubeCronJob },
  KubeIngress: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', convert: (o: never) => k8s.toJson_KubeIngressProps(o), cls: () => k8s.KubeIngress },
  KubeNetworkPolicy: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', convert: (o: never) => k8s.toJson_KubeNetworkPolicyProps(o), cls: () => k8s.KubeNetworkPolicy },
  KubeHorizontalPodAutoscalerV2: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', convert: (o: never) => k8s.toJson_KubeHorizontalPodAutoscalerV2Props(o), cls: () => k8s.KubeHorizontalPodAutoscalerV2 },
} as const;

export type L1Kind = keyof typeof L1_KINDS;

/** What a construct hands its L1 class: which class, and the props (metadata with a name). */
export interface L1Object {
  readonly l1: L1Kind;
  readonly props: { readonly metadata: { readonly name: string } & Record<string, unknown> } & Record<string, unknown>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/**
 * A value resolved as cdk8s's resolvers do (Lazy aside: these props have none): a `resolve()`
 * method is called; an object that is not a plain map and has a number or string `value` (an
 * IntOrString, a Quantity) becomes `{ value }`; lists and plain maps are resolved inside. A key is
 * set by assignment, as cdk8s sets it (a key `__proto__` is lost there too).
 */
function resolveValue(value: Any): Any {
  if (value == null) return value;
  if (typeof value.resolve === 'function') return resolveValue(value.resolve());
  if (value.constructor !== Object && (typeof value.value === 'number' || typeof value.value === 'string')) return resolveValue({ value: value.value });
  if (Array.isArray(value)) return value.map(resolveValue);
  if (value.constructor == Object) {
    const result: Any = {};
    for (const [k, v] of Object.entries(value)) result[k] = resolveValue(v);
    return result;
  }
  return value;
}

/** cdk8s's sanitizing: keys sorted, null and undefined values dropped, empty maps and lists too when asked. */
function sanitize(obj: Any, dropEmpty: boolean): Any {
  if (obj == null) return undefined;
  if (typeof obj !== 'object') return obj;
  if (Array.isArray(obj)) {
    if (dropEmpty && obj.length === 0) return undefined;
    return obj.map((x) => sanitize(x, dropEmpty));
  }
  // (a map with a key `constructor` is not a plain object to cdk8s either)
  if (obj.constructor.name !== 'Object') throw new NotSimple();
  const result: Any = {};
  for (const key of Object.keys(obj).sort()) {
    const v = sanitize(obj[key], dropEmpty);
    if (v != null) result[key] = v;
  }
  if (dropEmpty && Object.keys(result).length === 0) return undefined;
  return result;
}

/**
 * `sanitize(resolveValue(value), dropEmpty)` in one walk, without the resolved copy. A map with a
 * key `__proto__` (which cdk8s's assignment drops or turns into a prototype) takes the two walks.
 */
function resolved(value: Any, dropEmpty: boolean): Any {
  if (value == null) return undefined;
  if (typeof value.resolve === 'function') return resolved(value.resolve(), dropEmpty);
  if (value.constructor !== Object && (typeof value.value === 'number' || typeof value.value === 'string')) return resolved({ value: value.value }, dropEmpty);
  if (Array.isArray(value)) {
    if (dropEmpty && value.length === 0) return undefined;
    return value.map((x) => resolved(x, dropEmpty));
  }
  if (value.constructor == Object) {
    const keys = Object.keys(value);
    if (keys.includes('__proto__')) return sanitize(resolveValue(value), dropEmpty);
    const result: Any = {};
    for (const key of keys.sort()) {
      const v = resolved(value[key], dropEmpty);
      if (v != null) result[key] = v;
    }
    if (dropEmpty && Object.keys(result).length === 0) return undefined;
    return result;
  }
  return sanitize(value, dropEmpty);
}

class NotSimple extends Error {}

/**
 * The Kubernetes object of a construct's L1 props, as cdk8s synthesizes it. `path` is the path
 * the construct would have (`<chart>/<id>`), for the one error this can meet.
 */
export function renderObject(o: L1Object, path: string): Record<string, unknown> {
  const { apiVersion, kind, convert } = L1_KINDS[o.l1];
  const m: Any = o.props.metadata;
  try {
    const metadata = resolved(
      {
        ...m,
        name: m.name,
        namespace: m.namespace,
        annotations: { ...(m.annotations ?? {}) },
        finalizers: m.finalizers ? [...m.finalizers] : [],
        ownerReferences: m.ownerReferences ? [...m.ownerReferences] : [],
        labels: { ...(m.labels ?? {}) },
      },
      true,
    );
    return { apiVersion, kind, ...(convert(resolved({ apiVersion, kind, ...o.props, metadata }, false) as never) as Record<string, unknown>) };
  } catch (e) {
    if (!(e instanceof NotSimple)) throw e;
    throw notSimpleError(`${path}/Resource`);
  }
}

/**
 * cdk8s's resolver takes any object whose own `constructor` is not Object's for a class instance,
 * and refuses it: a map key named "constructor" (a label, an annotation, a data key) cannot be
 * synthesized through cdk8s.
 */
export function notSimpleError(objectPath: string): SvcgenError {
  return new SvcgenError(`${objectPath}: a map key named "constructor" (in labels, annotations or data) cannot be synthesized by cdk8s, whose resolver takes it for a class instance: rename the key`);
}
