import { Chart, ChartProps } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { recordOrigin } from './_origin';
import { ConstructError, SvcgenError } from '../errors';
import { duplicate } from '../validate/field';
import { DEFAULT_CLUSTER_DOMAIN } from './_dns';
import { Tier, TierProps } from './tier';
import { WorkloadKind } from './workload';

export interface MultiTierAppProps extends ChartProps {
  /**
   * The application's name: the value of the app label (`service: go-demo-2`) and the prefix of
   * every object name (`go-demo-2-db`).
   * @default - the construct id
   */
  readonly name?: string;
  /** The cluster's DNS domain, for fully qualified names. @default cluster.local */
  readonly clusterDomain?: string;
  /** The label key that names the tier in selectors. @default type */
  readonly tierLabel?: string;
  /** The label key that names the application in selectors. @default service */
  readonly appLabel?: string;
  /**
   * The workload of every tier that does not choose one (say `WorkloadKind.DEPLOYMENT` once,
   * rather than on each tier). @default WorkloadKind.REPLICA_SET (as in the source documents)
   */
  readonly workload?: WorkloadKind;
}

/**
 * An application made of tiers (a cdk8s Chart). Each tier's objects are named
 * `<app>-<tier>` and selected by `{ <tierLabel>: <tier>, <appLabel>: <app> }`.
 */
export class MultiTierApp extends Chart {
  /** The MultiTierApp a construct belongs to. */
  public static of(c: IConstruct): MultiTierApp {
    for (const s of c.node.scopes.slice().reverse()) {
      if (s instanceof MultiTierApp) return s as MultiTierApp;
    }
    throw new SvcgenError(`${c.node.path}: a Tier must be created inside a MultiTierApp`);
  }

  public readonly appName: string;
  public readonly clusterDomain: string;
  public readonly tierLabel: string;
  public readonly appLabel: string;
  /** The workload of tiers that do not choose one. */
  public readonly defaultWorkload: WorkloadKind;

  constructor(scope: Construct, id: string, props: MultiTierAppProps = {}) {
    super(scope, id, { disableResourceNameHashes: true, ...props });
    recordOrigin(this);
    this.appName = props.name ?? id;
    this.clusterDomain = props.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN;
    this.tierLabel = props.tierLabel ?? 'type';
    this.appLabel = props.appLabel ?? 'service';
    this.defaultWorkload = props.workload ?? WorkloadKind.REPLICA_SET;
  }

  /** Object names taken in this app, by kind (`Service/redis` -> the construct path that took it). */
  private readonly names = new Map<string, string>();

  /**
   * Takes an object name for a construct, or throws when another construct of the app has it (a
   * reusable construct used twice, two tiers given one name): Kubernetes would keep only one.
   * @internal
   */
  public _claimName(kind: string, name: string, path: string): void {
    const key = `${kind}/${name}`;
    const other = this.names.get(key);
    if (other !== undefined && other !== path) {
      throw new ConstructError(path, [duplicate('name', name, `${kind} "${name}" is already the name of ${other}`)], "give one of them another name (the tier's `name` or `serviceName`)");
    }
    this.names.set(key, path);
  }

  /** Adds a tier (same as `new Tier(app, id, props)`). */
  public addTier(id: string, props: TierProps): Tier {
    return new Tier(this, id, props);
  }

  /** The tiers, in the order they were added. */
  public get tiers(): Tier[] {
    return this.node.children.filter((c): c is Tier => c instanceof Tier);
  }
}
