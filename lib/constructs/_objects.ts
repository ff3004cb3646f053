/**
 * The props of the simpler constructs (ConfigMap, Secret, PersistentVolumeClaim, Ingress,
 * NetworkPolicy, HorizontalPodAutoscaler) checked and made into L1 props, without a construct
 * tree: what each construct does, and what `svcgen convert` renders (see _render.ts). Each throws
 * a ConstructError naming `path` (the construct's path) for props Kubernetes would reject.
 * Requires neither cdk8s nor constructs.
 */
import { ConstructError } from '../errors';
import { k8s } from '../l1';
import { invalid, notSupported, required } from '../validate/field';
import { isDns1123Subdomain } from '../validate/names';
import { dns1123Subdomain } from '../validate/rules/_common';
import { validateHpa, validateNetworkPolicy } from '../validate/rules/policy';
import { dataObjectErrors } from './_data';
import type { L1Object } from './_render';
import type { HorizontalPodAutoscalerProps } from './autoscaler';
import type { ConfigMapProps } from './configmap';
import { referTo } from './env';
import type { IngressProps } from './ingress';
import type { NetworkPolicyProps } from './networkpolicy';
import type { PersistentVolumeClaimProps } from './pvc';
import type { SecretProps } from './secret';

export function renderConfigMap(props: ConfigMapProps, id: string, path: string): L1Object {
  const name = props.name ?? id;
  const errors = dataObjectErrors(name, Object.keys(props.data ?? {}));
  if (errors.length) throw new ConstructError(path, errors);
  return {
    l1: 'KubeConfigMap',
    props: { metadata: { name, namespace: props.namespace, labels: props.labels }, data: props.data ? { ...props.data } : undefined },
  };
}

export function renderSecret(props: SecretProps, id: string, path: string): L1Object {
  const name = props.name ?? id;
  const errors = dataObjectErrors(name, [...Object.keys(props.data ?? {}), ...Object.keys(props.stringData ?? {})]);
  if (errors.length) throw new ConstructError(path, errors);
  return {
    l1: 'KubeSecret',
    props: {
      metadata: { name, namespace: props.namespace, labels: props.labels },
      type: props.type,
      data: props.data ? { ...props.data } : undefined,
      stringData: props.stringData ? { ...props.stringData } : undefined,
    },
  };
}

export function renderPersistentVolumeClaim(props: PersistentVolumeClaimProps, id: string, path: string): L1Object {
  const name = props.name ?? id;
  const errors = dns1123Subdomain(name, 'metadata.name', 'meta-name');
  if (errors.length) throw new ConstructError(path, errors);
  return {
    l1: 'KubePersistentVolumeClaim',
    props: {
      metadata: { name, namespace: props.namespace, labels: props.labels },
      spec: {
        accessModes: [...(props.accessModes ?? ['ReadWriteOnce'])],
        storageClassName: props.storageClassName,
        resources: { requests: { storage: k8s.Quantity.fromString(props.storage) } },
      },
    },
  };
}

export function renderIngress(props: IngressProps, id: string, path: string): L1Object {
  const name = props.name ?? id;
  const errors = dns1123Subdomain(name, 'metadata.name', 'meta-name');
  const targets = props.rules.map((r, i) => {
    if (r.host) for (const m of isDns1123Subdomain(r.host.replace(/^\*\./, 'wildcard.'))) errors.push(invalid(`spec.rules[${i}].host`, r.host, m));
    const at = `spec.rules[${i}].http.paths[0].backend.service`;
    const b = r.backend;
    const serviceName = r.serviceName ?? b?.serviceName;
    if (!serviceName) errors.push(required(`${at}.name`, 'give the rule a backend (a tier or Service) or a serviceName'));
    let port = r.servicePort;
    if (b) {
      const ports = b.servicePorts;
      if (port === undefined) {
        if (ports.length === 1) port = ports[0].name ?? ports[0].port;
        else errors.push(required(`${at}.port`, `Service "${b.serviceName}" has ${ports.length} ports (${ports.map((p) => p.name ?? p.port).join(', ')}): say which`));
      } else if (!ports.some((p) => (typeof port === 'number' ? p.port === port : p.name === port))) {
        errors.push(invalid(`${at}.port`, port, `Service "${b.serviceName}" has no port ${typeof port === 'number' ? port : `named "${port}"`} (its ports: ${ports.map((p) => (p.name ? `${p.name} (${p.port})` : p.port)).join(', ') || 'none'})`));
      }
    } else if (port === undefined) errors.push(required(`${at}.port`, 'give servicePort with serviceName'));
    return { serviceName: serviceName ?? '', port: port ?? 0 };
  });
  if (errors.length) throw new ConstructError(path, errors);
  const hosts = [...new Set(props.rules.map((r) => r.host).filter((h): h is string => !!h))];
  const tls = props.tlsSecret !== undefined ? referTo(props.tlsSecret, undefined, 'Secret') : props.tlsSecretName;
  return {
    l1: 'KubeIngress',
    props: {
      metadata: { name, namespace: props.namespace, labels: props.labels },
      spec: {
        ingressClassName: props.ingressClassName,
        tls: tls ? [{ hosts: hosts.length ? hosts : undefined, secretName: tls }] : undefined,
        rules: props.rules.map((r, i) => ({
          host: r.host,
          http: {
            paths: [
              {
                path: r.path ?? '/',
                pathType: 'Prefix',
                backend: { service: { name: targets[i].serviceName, port: typeof targets[i].port === 'number' ? { number: targets[i].port as number } : { name: targets[i].port as string } } },
              },
            ],
          },
        })),
      },
    },
  };
}

const selector = (labels: Readonly<Record<string, string>> | undefined) => (labels === undefined ? undefined : { matchLabels: Object.keys(labels).length ? { ...labels } : undefined });

export function renderNetworkPolicy(props: NetworkPolicyProps, id: string, path: string): L1Object {
  const name = props.name ?? id;
  const ingress: k8s.NetworkPolicyIngressRule[] = props.ingress.map((r) => ({
    from: r.from?.map((p) => ({
      podSelector: selector(p.podSelector),
      namespaceSelector: selector(p.namespaceSelector),
      ipBlock: p.ipBlock ? { cidr: p.ipBlock.cidr, except: p.ipBlock.except ? [...p.ipBlock.except] : undefined } : undefined,
    })),
    ports: r.ports?.map((p) => ({ port: typeof p.port === 'number' ? k8s.IntOrString.fromNumber(p.port) : k8s.IntOrString.fromString(p.port), protocol: p.protocol, endPort: p.endPort })),
  }));
  const wire = { spec: { ingress: props.ingress.map((r) => ({ from: r.from?.map((p) => ({ ipBlock: p.ipBlock })) })) } };
  const errors = [...dns1123Subdomain(name, 'metadata.name', 'meta-name'), ...validateNetworkPolicy(wire)];
  if (errors.length) throw new ConstructError(path, errors);
  return {
    l1: 'KubeNetworkPolicy',
    props: {
      metadata: { name, namespace: props.namespace, labels: props.labels },
      spec: { podSelector: selector(props.podSelector) ?? {}, policyTypes: ['Ingress'], ingress },
    },
  };
}

/** The kinds an autoscaler can scale, with their API versions. */
const SCALABLE: Record<string, string> = { Deployment: 'apps/v1', StatefulSet: 'apps/v1', ReplicaSet: 'apps/v1', ReplicationController: 'v1' };

/** `targetIsWorkload`: the target is a Workload construct of the app (its kind is then checked to be scalable). */
export function renderHorizontalPodAutoscaler(props: HorizontalPodAutoscalerProps, path: string, targetIsWorkload: boolean): L1Object {
  const t = props.target as { readonly kind: string; readonly name: string; readonly apiVersion?: string };
  const ref = targetIsWorkload ? { kind: t.kind, name: t.name, apiVersion: SCALABLE[t.kind] ?? 'apps/v1' } : { kind: t.kind, name: t.name, apiVersion: t.apiVersion ?? SCALABLE[t.kind] ?? 'apps/v1' };
  const name = props.name ?? ref.name;
  const metrics: k8s.MetricSpecV2[] = [];
  for (const [resource, value] of [['cpu', props.cpuUtilization], ['memory', props.memoryUtilization]] as const) {
    if (value !== undefined) metrics.push({ type: 'Resource', resource: { name: resource, target: { type: 'Utilization', averageUtilization: value } } });
  }
  const wire = { spec: { minReplicas: props.minReplicas, maxReplicas: props.maxReplicas, scaleTargetRef: ref } };
  const errors = [
    ...dns1123Subdomain(name, 'metadata.name', 'meta-name'),
    ...validateHpa(wire),
    ...(targetIsWorkload && !SCALABLE[t.kind] ? [notSupported('spec.scaleTargetRef.kind', t.kind, Object.keys(SCALABLE))] : []),
    ...metrics.flatMap((m, i) =>
      (m.resource?.target.averageUtilization ?? 1) < 1 ? [invalid(`spec.metrics[${i}].resource.target.averageUtilization`, m.resource?.target.averageUtilization, 'must be greater than 0')] : [],
    ),
  ];
  if (errors.length) throw new ConstructError(path, errors);
  return {
    l1: 'KubeHorizontalPodAutoscalerV2',
    props: {
      metadata: { name, namespace: props.namespace, labels: props.labels },
      spec: { scaleTargetRef: ref, minReplicas: props.minReplicas, maxReplicas: props.maxReplicas, metrics: metrics.length ? metrics : undefined },
    },
  };
}
