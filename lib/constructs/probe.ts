import { k8s } from '../l1';
import { intOrString, PortRef } from './ports';

/**
 * When and how often a probe runs. Every field is emitted only when set; Kubernetes' defaults
 * apply otherwise.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Probe
 */
export interface ProbeTiming {
  /** @default - 0 (Kubernetes' default) */
  readonly initialDelaySeconds?: number;
  /** @default - 10 (Kubernetes' default) */
  readonly periodSeconds?: number;
  /** @default - 1 (Kubernetes' default) */
  readonly timeoutSeconds?: number;
  /** Must be 1 for liveness and startup probes. @default - 1 (Kubernetes' default) */
  readonly successThreshold?: number;
  /** @default - 3 (Kubernetes' default) */
  readonly failureThreshold?: number;
  /** Liveness and startup probes only. @default - the Pod's terminationGracePeriodSeconds */
  readonly terminationGracePeriodSeconds?: number;
}

/** The URI scheme of an HTTP GET probe. */
export enum ProbeScheme {
  HTTP = 'HTTP',
  HTTPS = 'HTTPS',
}

export interface HttpGetProbeOptions extends ProbeTiming {
  /**
   * The port: a number, or the name of a port the container declares (checked when the probe is
   * attached: an undeclared name is an error, never a silent fallback).
   */
  readonly port: PortRef;
  /** @default - HTTP */
  readonly scheme?: ProbeScheme;
  /** @default - the Pod IP */
  readonly host?: string;
  /** Request headers, in order. @default - none */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface TcpSocketProbeOptions extends ProbeTiming {
  /** A number, or the name of a port the container declares. */
  readonly port: PortRef;
  /** @default - the Pod IP */
  readonly host?: string;
}

export interface GrpcProbeOptions extends ProbeTiming {
  /** The gRPC port: a number (Kubernetes does not allow a port name here). */
  readonly port: number;
  /** The service name sent in the gRPC HealthCheckRequest. @default - "" (the server's overall health) */
  readonly service?: string;
}

/**
 * A readiness, liveness or startup check. Build one with the static factories:
 * `Probe.fromHttpGet('/ready', { port: 'http' })`, `Probe.fromTcpSocket({ port: 5432 })`,
 * `Probe.fromCommand(['cat', '/tmp/healthy'])`, `Probe.fromGrpc({ port: 2379 })`.
 */
export class Probe {
  /** An HTTP GET; 200 <= status < 400 is success. */
  public static fromHttpGet(path: string, options: HttpGetProbeOptions): Probe {
    const { port, scheme, host, headers, ...timing } = options;
    const httpHeaders = headers ? Object.entries(headers).map(([name, value]) => ({ name, value })) : undefined;
    return new Probe({ httpGet: { path, port: intOrString(port), scheme, host, httpHeaders } }, timing, port);
  }

  /** @deprecated the same as `Probe.fromHttpGet` (svcgen names every factory `from...`); kept for programs written before 0.2. */
  public static readonly httpGet = Probe.fromHttpGet;

  /** A TCP connection; success when it opens. */
  public static fromTcpSocket(options: TcpSocketProbeOptions): Probe {
    const { port, host, ...timing } = options;
    return new Probe({ tcpSocket: { port: intOrString(port), host } }, timing, port);
  }

  /** @deprecated the same as `Probe.fromTcpSocket` (svcgen names every factory `from...`); kept for programs written before 0.2. */
  public static readonly tcpSocket = Probe.fromTcpSocket;

  /** A command run in the container; exit code 0 is success. It is not run in a shell. */
  public static fromCommand(command: readonly string[], timing: ProbeTiming = {}): Probe {
    return new Probe({ exec: { command: [...command] } }, timing);
  }

  /** @deprecated the same as `Probe.fromCommand` (svcgen names every factory `from...`); kept for programs written before 0.2. */
  public static readonly exec = Probe.fromCommand;

  /** A shell command (`sh -c <script>`), for scripts with pipes or `||`. The image needs a `sh`. */
  public static fromShell(script: string, timing: ProbeTiming = {}): Probe {
    return Probe.fromCommand(['sh', '-c', script], timing);
  }

  /** @deprecated the same as `Probe.fromShell` (svcgen names every factory `from...`); kept for programs written before 0.2. */
  public static readonly shell = Probe.fromShell;

  /** The gRPC health checking protocol. */
  public static fromGrpc(options: GrpcProbeOptions): Probe {
    const { port, service, ...timing } = options;
    return new Probe({ grpc: { port, service } }, timing, port);
  }

  /** @deprecated the same as `Probe.fromGrpc` (svcgen names every factory `from...`); kept for programs written before 0.2. */
  public static readonly grpc = Probe.fromGrpc;

  private constructor(
    private readonly handler: Pick<k8s.Probe, 'httpGet' | 'tcpSocket' | 'exec' | 'grpc'>,
    private readonly timing: ProbeTiming,
    /** The port the probe uses, by number or name (none for exec). */
    public readonly port?: PortRef,
  ) {}

  /** @internal */
  public _toKube(): k8s.Probe {
    return { ...this.handler, ...this.timing };
  }
}
