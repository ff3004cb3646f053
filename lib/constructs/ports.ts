import { k8s } from '../l1';

/**
 * Network protocol of a port. Mirrors the wire values.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceSpec
 */
export enum Protocol {
  TCP = 'TCP',
  UDP = 'UDP',
  SCTP = 'SCTP',
}

/**
 * A port a container listens on.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports
 */
export interface ContainerPort {
  /** The port number (containerPort). */
  readonly number: number;
  /**
   * An IANA service name (at most 15 characters, lower case), unique within the Pod. Services and
   * probes can refer to the port by this name.
   * @default - unnamed
   */
  readonly name?: string;
  /** @default - not emitted (Kubernetes defaults to TCP) */
  readonly protocol?: Protocol;
  /**
   * Expose the port on the node's IP (rarely what you want: prefer a NodePort Service).
   * @default - none
   */
  readonly hostPort?: number;
  /** @default - none */
  readonly hostIP?: string;
}

/** A port by number or by the name of a container port. */
export type PortRef = number | string;

/**
 * Where a Service sends traffic on the selected Pods: a number, or the name of a container port
 * (so the container can change its port without touching the Service).
 */
export class TargetPort {
  /** A port number on the Pods. */
  public static fromNumber(port: number): TargetPort {
    return new TargetPort(port);
  }

  /** @deprecated the same as `TargetPort.fromNumber` (svcgen names every factory `from...`); kept for programs written before 0.2. */
  public static readonly number = TargetPort.fromNumber;

  /** The name of a container port declared by every selected Pod. */
  public static fromName(name: string): TargetPort {
    return new TargetPort(name);
  }

  /** @deprecated the same as `TargetPort.fromName` (svcgen names every factory `from...`); kept for programs written before 0.2. */
  public static readonly named = TargetPort.fromName;

  /** Either form: a number or a port name. */
  public static of(port: PortRef | TargetPort): TargetPort {
    return port instanceof TargetPort ? port : new TargetPort(port);
  }

  private constructor(public readonly value: PortRef) {}

  public get isNamed(): boolean {
    return typeof this.value === 'string';
  }

  /** @internal */
  public _toKube(): k8s.IntOrString {
    return typeof this.value === 'number' ? k8s.IntOrString.fromNumber(this.value) : k8s.IntOrString.fromString(this.value);
  }
}

/** @internal */
export function intOrString(v: PortRef): k8s.IntOrString {
  return typeof v === 'number' ? k8s.IntOrString.fromNumber(v) : k8s.IntOrString.fromString(v);
}
