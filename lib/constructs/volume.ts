import { k8s } from '../l1';
import { KeyedObject, referTo } from './env';

/**
 * A volume of a Pod, mounted by containers through `volumeMounts`.
 * @see https://kubernetes.io/docs/concepts/storage/volumes/
 */
export class Volume {
  /** The keys of a Secret as files (e.g. a TLS certificate and key). */
  public static fromSecret(name: string, secret: KeyedObject | string, options: { readonly defaultMode?: number; readonly optional?: boolean } = {}): Volume {
    return new Volume({ name, secret: { secretName: referTo(secret, undefined, 'Secret'), defaultMode: options.defaultMode, optional: options.optional } });
  }

  /** The keys of a ConfigMap as files. */
  public static fromConfigMap(name: string, configMap: KeyedObject | string, options: { readonly defaultMode?: number; readonly optional?: boolean } = {}): Volume {
    return new Volume({ name, configMap: { name: referTo(configMap, undefined, 'ConfigMap'), defaultMode: options.defaultMode, optional: options.optional } });
  }

  /** A PersistentVolumeClaim. */
  public static fromPersistentVolumeClaim(name: string, claimName: string, options: { readonly readOnly?: boolean } = {}): Volume {
    return new Volume({ name, persistentVolumeClaim: { claimName, readOnly: options.readOnly } });
  }

  /** Scratch space that lives as long as the Pod (`medium: 'Memory'` for tmpfs). */
  public static fromEmptyDir(name: string, options: { readonly medium?: string; readonly sizeLimit?: string } = {}): Volume {
    return new Volume({
      name,
      emptyDir: { medium: options.medium, sizeLimit: options.sizeLimit ? k8s.Quantity.fromString(options.sizeLimit) : undefined },
    });
  }

  /** @deprecated the same as `Volume.fromEmptyDir` (svcgen names every factory `from...`); kept for programs written before 0.2. */
  public static readonly emptyDir = Volume.fromEmptyDir;

  /** A path on the node (rarely what you want; needs privileges on most clusters). */
  public static fromHostPath(name: string, path: string, type?: string): Volume {
    return new Volume({ name, hostPath: { path, type } });
  }

  /** @deprecated the same as `Volume.fromHostPath` (svcgen names every factory `from...`); kept for programs written before 0.2. */
  public static readonly hostPath = Volume.fromHostPath;

  private constructor(private readonly spec: k8s.Volume) {}

  public get name(): string {
    return this.spec.name;
  }

  /** @internal */
  public _toKube(): k8s.Volume {
    return this.spec;
  }
}
