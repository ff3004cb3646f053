/** The API server's rules for one object, by kind (after the schema has passed). */
import { FieldError } from '../field';
import { Obj } from './_common';
import { validateEndpointSlice, validateEndpointSubsets } from './endpoints';
import { validateCronJob, validateIngress, validateJob, validatePersistentVolumeClaim } from './more';
import { validateObjectMeta } from './meta';
import { validatePodSpec } from './pod';
import { validateBinding, validateConfigMap, validateHpa, validateNetworkPolicy, validatePdb, validatePriorityClass, validateRole, validateSecret, validateStorageClass } from './policy';
import { validateServiceFamilyPolicy, validateServiceSpec } from './service';
import { validateDaemonSet, validateDeployment, validateReplicaSet, validateStatefulSet } from './workloads';

type KindRule = (o: Obj) => FieldError[];

const BY_KIND: Record<string, KindRule> = {
  Service: (o) => {
    const errs = validateServiceSpec(o.spec);
    // the storage's IP-family set-up runs only once validation has passed
    return errs.some((e) => !e.warning) ? errs : [...errs, ...validateServiceFamilyPolicy(o.spec)];
  },
  Endpoints: (o) => validateEndpointSubsets(o.subsets),
  EndpointSlice: (o) => validateEndpointSlice(o),
  Pod: (o) => validatePodSpec(o.spec, 'spec'),
  ReplicaSet: validateReplicaSet,
  Deployment: validateDeployment,
  StatefulSet: validateStatefulSet,
  DaemonSet: validateDaemonSet,
  Job: validateJob,
  CronJob: validateCronJob,
  Ingress: validateIngress,
  PersistentVolumeClaim: validatePersistentVolumeClaim,
  ConfigMap: validateConfigMap,
  Secret: validateSecret,
  RoleBinding: validateBinding,
  ClusterRoleBinding: validateBinding,
  HorizontalPodAutoscaler: validateHpa,
  PodDisruptionBudget: validatePdb,
  NetworkPolicy: validateNetworkPolicy,
  Role: validateRole,
  ClusterRole: validateRole,
  StorageClass: validateStorageClass,
  PriorityClass: validatePriorityClass,
};

/** Every rule of the API server that svcgen knows for this object's kind, metadata included. */
export function validateObject(o: Obj): FieldError[] {
  const kind = String(o.kind);
  const errs = validateObjectMeta(o.metadata, kind);
  const rule = BY_KIND[kind];
  if (rule) errs.push(...rule(o));
  return errs;
}

export { BY_KIND as KIND_RULES };
