/**
 * A cdk8s validation plugin that runs svcgen's validator on what `cdk8s synth` wrote, and fails
 * the synth on errors. In cdk8s.yaml:
 *
 *   validations:
 *     - package: ./node_modules/svcgen/build/lib/cdk8s-plugin.js
 *       class: SvcgenValidation
 *       version: 0.1.0
 *       properties:
 *         kubernetesVersion: "1.37"   # the cluster's version (default: the newest carried)
 */
import fs = require('fs');
import path = require('path');
import { validateSources } from './validate/validator';

/** The file cdk8s writes beside the manifests when asked (CDK8S_RECORD_CONSTRUCT_METADATA=true). */
export const CONSTRUCT_METADATA = 'construct-metadata.json';

/** How synth and the plugin name an object: `Kind/name`, or `Kind/namespace/name`. */
export function objectKey(kind: unknown, namespace: unknown, name: unknown): string {
  return [kind, namespace, name].filter((x) => typeof x === 'string' && x !== '').join('/');
}

/**
 * The construct metadata beside the manifests: `svcgen synth` keys it by `objectKey` and adds the
 * program line (`source`); cdk8s' own App keys it by metadata.name only.
 */
function constructMetadata(manifests: readonly string[]): Record<string, { path?: string; source?: string }> {
  const out: Record<string, { path?: string; source?: string }> = {};
  for (const dir of new Set(manifests.map((m) => path.dirname(m)))) {
    try {
      const parsed = JSON.parse(fs.readFileSync(path.join(dir, CONSTRUCT_METADATA), 'utf8')) as { resources?: Record<string, { path?: string; source?: string }> };
      Object.assign(out, parsed.resources ?? {});
    } catch {
      // none, or not readable: construct paths are then unknown
    }
  }
  return out;
}

/** What cdk8s-cli hands a validation plugin (its own types are not a dependency of svcgen). */
export interface Cdk8sValidationContext {
  readonly manifests: readonly string[];
  readonly report: {
    addViolation(v: {
      ruleName: string;
      recommendation: string;
      fix: string;
      violatingResources: { resourceName: string; locations: string[]; manifestPath: string }[];
    }): void;
    submit(status: 'success' | 'failure', metadata?: Record<string, string>): void;
  };
  readonly logger?: { log(message: string): void };
}

export interface SvcgenValidationProps {
  /** Treat warnings as violations too. @default false */
  readonly failOnWarnings?: boolean;
  /** A custom resource whose CRD is not in the app is a violation instead of skipped. @default false */
  readonly strictCrds?: boolean;
  /**
   * The Kubernetes version the cluster runs (`1.28` through `1.37`). In cdk8s.yaml it is the
   * project's setting, which `svcgen synth`, `validate`, `convert` and `explain` read too.
   * @default the newest carried
   */
  readonly kubernetesVersion?: string;
}

export class SvcgenValidation {
  constructor(private readonly props: SvcgenValidationProps = {}) {}

  public async validate(context: Cdk8sValidationContext): Promise<void> {
    const report = validateSources(
      context.manifests.map((file) => ({ file, text: fs.readFileSync(file, 'utf8') })),
      { strictCrds: this.props.strictCrds, kubernetesVersion: this.props.kubernetesVersion },
    );
    const metadata = constructMetadata(context.manifests);
    // a name that several objects share (a Service and its Deployment) says nothing in cdk8s' own
    // metadata, which keeps the last object of that name: no path rather than a wrong one
    const named = new Map<string, number>();
    for (const r of report.resources) if (r.name) named.set(r.name, (named.get(r.name) ?? 0) + 1);
    let failed = false;
    for (const r of report.resources) {
      // the name under which cdk8s-cli finds the construct path (its own metadata knows only names)
      // (the report says namespace "default" where the object may not name one)
      const key = objectKey(r.kind, r.namespace === 'default' ? undefined : r.namespace, r.name);
      const byName = r.name && named.get(r.name) === 1 ? [r.name] : [];
      const resourceName = [objectKey(r.kind, r.namespace, r.name), key, ...byName].find((k) => k && Object.hasOwn(metadata, k)) ?? key;
      const source = metadata[resourceName]?.source;
      for (const p of r.problems) {
        if (p.severity === 'warning' && !this.props.failOnWarnings) {
          context.logger?.log(`warning: ${r.file}:${p.line ?? r.line}: ${key}${source ? ` (made at ${source})` : ''}: ${p.message}`);
          continue;
        }
        failed = true;
        context.report.addViolation({
          ruleName: p.rule,
          recommendation: p.message,
          fix: 'change the construct or manifest so that the field is valid (the message is in the API server\'s words)',
          violatingResources: [{ resourceName, locations: [`${p.path} (line ${p.line ?? r.line})${source ? `, made at ${source}` : ''}`], manifestPath: r.file }],
        });
      }
    }
    context.report.submit(failed ? 'failure' : 'success', {
      resources: String(report.summary.resources),
      errors: String(report.summary.errors),
      warnings: String(report.summary.warnings),
      kubernetesVersion: report.kubernetesVersion,
    });
  }
}
