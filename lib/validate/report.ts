/** The validation report as text, JSON, JUnit XML or SARIF 2.1.0. */
import type { Report, ResourceResult } from './validator';

export type OutputFormat = 'text' | 'json' | 'junit' | 'sarif';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'junit', 'sarif'];

const objRef = (r: ResourceResult) => `${r.kind ?? '(no kind)'}/${r.name ?? '(no name)'}`;

export function formatText(report: Report): string {
  const lines: string[] = [];
  for (const r of report.resources) {
    for (const p of r.problems) lines.push(`${r.file}:${p.line ?? r.line}: ${objRef(r)}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`);
  }
  const s = report.summary;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  lines.push(`${plural(s.resources, 'resource')}: ${s.valid} valid, ${s.invalid} invalid, ${s.skipped} skipped; ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')} (Kubernetes ${report.kubernetesVersion})`);
  return lines.join('\n') + '\n';
}

export function formatJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}

function xml(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JUnit XML (the Jenkins dialect CI servers read): a testsuite per file, a testcase per resource, a failure per invalid one. */
export function formatJunit(report: Report): string {
  const byFile = new Map<string, ResourceResult[]>();
  for (const r of report.resources) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const s = report.summary;
  out.push(`<testsuites name="svcgen validate" tests="${s.resources}" failures="${s.invalid}" errors="0">`);
  for (const [file, results] of byFile) {
    const failures = results.filter((r) => r.status === 'invalid').length;
    const skipped = results.filter((r) => r.status === 'skipped').length;
    out.push(`  <testsuite name="${xml(file)}" tests="${results.length}" failures="${failures}" errors="0" skipped="${skipped}">`);
    out.push('    <properties>', `      <property name="kubernetesVersion" value="${xml(report.kubernetesVersion)}"/>`, '    </properties>');
    for (const r of results) {
      const name = `${objRef(r)} (line ${r.line})`;
      out.push(`    <testcase name="${xml(name)}" classname="${xml(file)}">`);
      if (r.status === 'skipped') out.push('      <skipped>a custom resource whose CustomResourceDefinition is not in the input</skipped>');
      const errors = r.problems.filter((p) => p.severity === 'error');
      if (r.status === 'invalid') {
        const body = errors.map((p) => `${r.file}:${p.line ?? r.line}: ${p.message}`).join('\n');
        out.push(`      <failure message="${xml(errors[0].message)}" type="${xml(errors[0].rule)}">${xml(body)}</failure>`);
      }
      const warnings = r.problems.filter((p) => p.severity === 'warning');
      if (warnings.length) out.push(`      <system-out>${xml(warnings.map((p) => `warning: ${r.file}:${p.line ?? r.line}: ${p.message}`).join('\n'))}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

/** SARIF 2.1.0, one result per problem, for code-scanning UIs. */
export function formatSarif(report: Report, version: string): string {
  const rules = [...new Set(report.resources.flatMap((r) => r.problems.map((p) => p.rule)))].sort();
  const results = report.resources.flatMap((r) =>
    r.problems.map((p) => ({
      ruleId: p.rule,
      ruleIndex: rules.indexOf(p.rule),
      level: p.severity,
      message: { text: `${objRef(r)}: ${p.message}` },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: r.file.replace(/\\/g, '/') }, region: { startLine: p.line ?? r.line } },
          logicalLocations: [{ fullyQualifiedName: `${objRef(r)}${p.path ? `.${p.path}` : ''}`, kind: 'object' }],
        },
      ],
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'svcgen',
            version,
            rules: rules.map((id) => ({ id, shortDescription: { text: id.replace(/-/g, ' ') } })),
          },
        },
        results,
        properties: { kubernetesVersion: report.kubernetesVersion },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

export function formatReport(report: Report, format: OutputFormat, version: string): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'junit':
      return formatJunit(report);
    case 'sarif':
      return formatSarif(report, version);
    default:
      return formatText(report);
  }
}
