import { k8s } from '../l1';
import { EnvInput, toEnvValue } from './env';
import { ContainerPort } from './ports';
import { Probe } from './probe';

/** Whether the kubelet pulls the image. Mirrors the wire values. */
export enum ImagePullPolicy {
  ALWAYS = 'Always',
  IF_NOT_PRESENT = 'IfNotPresent',
  NEVER = 'Never',
}

/**
 * CPU and memory (and any other resource) requests and limits, as Kubernetes quantities:
 * `{ requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } }`.
 */
export interface Resources {
  readonly requests?: Readonly<Record<string, string>>;
  readonly limits?: Readonly<Record<string, string>>;
}

/** Where a volume of the Pod appears in the container. */
export interface VolumeMount {
  /** The name of a volume of the Pod (see `Volume`). */
  readonly volume: string;
  readonly mountPath: string;
  /** @default - read-write */
  readonly readOnly?: boolean;
  /** @default - the whole volume */
  readonly subPath?: string;
}

/**
 * One container of a Pod. Nothing is injected: no default resources, no security context, no
 * probes; each field is emitted only when set.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Container
 */
export interface ContainerProps {
  /** @default - the tier's name (in a Tier), otherwise required */
  readonly name?: string;
  readonly image: string;
  /** @default - Kubernetes' default (Always for `:latest` or no tag, else IfNotPresent) */
  readonly imagePullPolicy?: ImagePullPolicy;
  /** Replaces the image's ENTRYPOINT. @default - the image's */
  readonly command?: readonly string[];
  /** Replaces the image's CMD. @default - the image's */
  readonly args?: readonly string[];
  /** @default - the image's */
  readonly workingDir?: string;
  /**
   * Environment variables, in order. A value is a literal, an `EnvValue`, or a tier/Service
   * (which stands for its DNS name, so renaming it renames the reference).
   * @default - none
   */
  readonly env?: Readonly<Record<string, EnvInput>>;
  /** Every key of these ConfigMaps (`configMaps`) and Secrets (`secrets`) as variables. @default - none */
  readonly envFrom?: { readonly configMaps?: readonly string[]; readonly secrets?: readonly string[] };
  /** @default - none */
  readonly ports?: readonly ContainerPort[];
  /** @default - none (no requests, no limits) */
  readonly resources?: Resources;
  /** Gates Service traffic. @default - none */
  readonly readiness?: Probe;
  /** Restarts the container when it fails. @default - none */
  readonly liveness?: Probe;
  /** Holds the other probes off until the app has started. @default - none */
  readonly startup?: Probe;
  /** @default - none */
  readonly volumeMounts?: readonly VolumeMount[];
  /** Passed through as given. @default - none */
  readonly securityContext?: k8s.SecurityContext;
  /**
   * Hooks after start and before stop (a `preStop` that sleeps or drains lets a Service stop
   * sending traffic first), in the typed L1 form; checked as the API server checks them.
   * @default - none
   */
  readonly lifecycle?: k8s.Lifecycle;
  /** @default - false */
  readonly stdin?: boolean;
  /** @default - false */
  readonly tty?: boolean;
}

function quantities(m: Readonly<Record<string, string>> | undefined): Record<string, k8s.Quantity> | undefined {
  if (!m) return undefined;
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, k8s.Quantity.fromString(v)]));
}

function nonEmpty<T>(a: readonly T[] | undefined): T[] | undefined {
  return a && a.length ? [...a] : undefined;
}

/** @internal Renders container props (typed L1 form). */
export function renderContainer(props: ContainerProps, defaultName?: string): k8s.Container {
  const env = props.env ? Object.entries(props.env).map(([name, v]) => toEnvValue(v)._toKube(name)) : undefined;
  const envFrom = [
    ...(props.envFrom?.configMaps ?? []).map((name) => ({ configMapRef: { name } })),
    ...(props.envFrom?.secrets ?? []).map((name) => ({ secretRef: { name } })),
  ];
  const resources =
    props.resources && (props.resources.requests || props.resources.limits)
      ? { requests: quantities(props.resources.requests), limits: quantities(props.resources.limits) }
      : undefined;
  return {
    name: (props.name ?? defaultName) as string,
    image: props.image,
    imagePullPolicy: props.imagePullPolicy,
    command: nonEmpty(props.command),
    args: nonEmpty(props.args),
    workingDir: props.workingDir,
    env: nonEmpty(env),
    envFrom: nonEmpty(envFrom),
    ports: nonEmpty(
      props.ports?.map((p) => ({ containerPort: p.number, name: p.name, protocol: p.protocol, hostPort: p.hostPort, hostIp: p.hostIP })),
    ),
    resources,
    readinessProbe: props.readiness?._toKube(),
    livenessProbe: props.liveness?._toKube(),
    startupProbe: props.startup?._toKube(),
    volumeMounts: nonEmpty(
      props.volumeMounts?.map((m) => ({ name: m.volume, mountPath: m.mountPath, readOnly: m.readOnly, subPath: m.subPath })),
    ),
    securityContext: props.securityContext,
    lifecycle: props.lifecycle,
    stdin: props.stdin,
    tty: props.tty,
  };
}

/** @internal The wire form of a rendered container (what the API server sees). */
export function containerJson(c: k8s.Container): Record<string, unknown> {
  return k8s.toJson_Container(c) as Record<string, unknown>;
}
