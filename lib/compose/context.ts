import type { ComposeProject, Obj } from './load';
import type { ConvertOptions, Statement } from './convert';

/** What the mapping of one compose service needs to know. */
export interface ServiceContext {
  /** The compose name. */
  readonly name: string;
  /** The Kubernetes name. */
  readonly n: string;
  readonly svc: Obj;
  /** The field path of a key of this service (`services.web.ports[0]`). */
  readonly at: (...key: (string | number)[]) => string;
  /** A `kompose.<key>` label of this service. */
  readonly kompose: (key: string) => string | undefined;
  readonly project: ComposeProject;
  readonly options: ConvertOptions;
  /** A warning about a key of this service (at another field path when `where` is given). */
  readonly warn: (key: string, message: string, where?: string) => void;
}

/** Objects shared by services (volume claims, config maps, secrets), made once. */
export interface SharedObjects {
  readonly model: Obj;
  readonly statements: Statement[];
  readonly once: (key: string, make: () => void) => void;
  readonly ns?: string;
}
