import type { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { k8s } from '../l1';
import type { L1Kind, L1Object } from './_render';

type L1Class = new (scope: Construct, id: string, props: L1Object['props']) => ApiObject;

let classes: Record<L1Kind, unknown> | undefined;

/** The L1 class a construct hands its props to (`_render.ts` renders the same props without it). */
export function l1Class(kind: L1Kind): L1Class {
  classes ??= {
    KubeConfigMap: k8s.KubeConfigMap,
    KubeSecret: k8s.KubeSecret,
    KubePersistentVolumeClaim: k8s.KubePersistentVolumeClaim,
    KubeService: k8s.KubeService,
    KubePod: k8s.KubePod,
    KubeReplicaSet: k8s.KubeReplicaSet,
    KubeDeployment: k8s.KubeDeployment,
    KubeStatefulSet: k8s.KubeStatefulSet,
    KubeDaemonSet: k8s.KubeDaemonSet,
    KubeJob: k8s.KubeJob,
    KubeCronJob: k8s.KubeCronJob,
    KubeIngress: k8s.KubeIngress,
    KubeNetworkPolicy: k8s.KubeNetworkPolicy,
    KubeHorizontalPodAutoscalerV2: k8s.KubeHorizontalPodAutoscalerV2,
  };
  return classes[kind] as L1Class;
}
