/**
 * A cdk8s validation plugin that runs svcgen's validator on what `cdk8s synth` wrote, and fails
 * the synth on errors. In cdk8s.yaml:
 *
 *   validations:
 *     - package: ./node_modules/svcgen/build/lib/cdk8s-plugin.js
 *       class: SvcgenValidation
 *       version: 0.1.0
 */
import * as fs from 'fs';
import { validateSources } from './validate/validator';

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
}

export class SvcgenValidation {
  constructor(private readonly props: SvcgenValidationProps = {}) {}

  public async validate(context: Cdk8sValidationContext): Promise<void> {
    const report = validateSources(
      context.manifests.map((file) => ({ file, text: fs.readFileSync(file, 'utf8') })),
      { strictCrds: this.props.strictCrds },
    );
    let failed = false;
    for (const r of report.resources) {
      for (const p of r.problems) {
        if (p.severity === 'warning' && !this.props.failOnWarnings) {
          context.logger?.log(`warning: ${r.file}:${p.line ?? r.line}: ${r.kind}/${r.name}: ${p.message}`);
          continue;
        }
        failed = true;
        context.report.addViolation({
          ruleName: p.rule,
          recommendation: p.message,
          fix: 'change the construct or manifest so that the field is valid (the message is in the API server\'s words)',
          violatingResources: [{ resourceName: `${r.kind}/${r.name}`, locations: [`${p.path} (line ${p.line ?? r.line})`], manifestPath: r.file }],
        });
      }
    }
    context.report.submit(failed ? 'failure' : 'success', {
      resources: String(report.summary.resources),
      errors: String(report.summary.errors),
      warnings: String(report.summary.warnings),
    });
  }
}
