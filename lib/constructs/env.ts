import { SvcgenError } from '../errors';
import { k8s } from '../l1';

/**
 * Something other tiers reach by DNS name: a Tier, a Service, an ExternalName Service.
 * Referring to it (instead of copying its name) keeps every reference right when it is renamed.
 */
export interface IAddressable {
  /** The name other Pods in its namespace resolve: the Service's name. */
  readonly serviceName: string;
  /** `<service>.<namespace>.svc.<cluster domain>`. */
  readonly fqdn: string;
}

/**
 * The value of an environment variable: a literal, another tier's DNS name, or a reference to a
 * Secret, ConfigMap or Pod field (whose value never appears in the manifest).
 */
export class EnvValue {
  /** A literal value. */
  public static fromValue(value: string): EnvValue {
    return new EnvValue(() => ({ value }));
  }

  /** The short DNS name of a tier or Service (`go-demo-2-db`), resolved at synth time. */
  public static fromServiceName(target: IAddressable): EnvValue {
    return new EnvValue(() => ({ value: target.serviceName }));
  }

  /** @deprecated the same as `EnvValue.fromServiceName` (svcgen names every factory `from...`); kept for programs written before 0.2. */
  public static readonly serviceName = EnvValue.fromServiceName;

  /** The fully qualified DNS name of a tier or Service (`go-demo-2-db.default.svc.cluster.local`). */
  public static fromFqdn(target: IAddressable): EnvValue {
    return new EnvValue(() => ({ value: target.fqdn }));
  }

  /** @deprecated the same as `EnvValue.fromFqdn` (svcgen names every factory `from...`); kept for programs written before 0.2. */
  public static readonly fqdn = EnvValue.fromFqdn;

  /**
   * A key of a Secret (the value stays in the Secret): the Secret construct of the app (its name and
   * key checked at once), or its name (an escape hatch for a Secret made elsewhere; synth warns when
   * the app has no such Secret).
   */
  public static fromSecret(secret: KeyedObject | string, key: string, options: { readonly optional?: boolean } = {}): EnvValue {
    const name = referTo(secret, key, 'Secret');
    return new EnvValue(() => ({ valueFrom: { secretKeyRef: { name, key, optional: options.optional } } }));
  }

  /** A key of a ConfigMap: the ConfigMap construct (checked at once) or its name. */
  public static fromConfigMap(configMap: KeyedObject | string, key: string, options: { readonly optional?: boolean } = {}): EnvValue {
    const name = referTo(configMap, key, 'ConfigMap');
    return new EnvValue(() => ({ valueFrom: { configMapKeyRef: { name, key, optional: options.optional } } }));
  }

  /** A field of the Pod (`metadata.name`, `status.podIP`, ...). */
  public static fromField(fieldPath: string): EnvValue {
    return new EnvValue(() => ({ valueFrom: { fieldRef: { fieldPath } } }));
  }

  private constructor(private readonly produce: () => Omit<k8s.EnvVar, 'name'>) {}

  /** @internal */
  public _toKube(name: string): k8s.EnvVar {
    return { name, ...this.produce() };
  }
}

/** A Secret or ConfigMap construct, as references take it: its name and keys. */
export interface KeyedObject {
  readonly name: string;
  readonly keys: readonly string[];
}

/** The name of the object a reference names; a missing key of a construct is an error at once. */
export function referTo(target: KeyedObject | string, key: string | undefined, kind: 'Secret' | 'ConfigMap'): string {
  if (typeof target === 'string') return target;
  if (key !== undefined && !target.keys.includes(key)) {
    throw new SvcgenError(`${kind} "${target.name}" has no key "${key}"${target.keys.length ? ` (its keys: ${target.keys.join(', ')})` : ' (it has no keys)'}: the Pod would not start (CreateContainerConfigError)`);
  }
  return target.name;
}

/** What an `env` entry may be: a literal, an EnvValue, or a tier/Service (its short DNS name). */
export type EnvInput = string | EnvValue | IAddressable;

/** @internal */
export function toEnvValue(v: EnvInput): EnvValue {
  if (typeof v === 'string') return EnvValue.fromValue(v);
  if (v instanceof EnvValue) return v;
  return EnvValue.fromServiceName(v);
}
