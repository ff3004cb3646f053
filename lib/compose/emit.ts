/** A conversion plan built into a cdk8s app (YAML, JSON), or printed as a cdk8s program (`--format ts`). */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ConfigMap, HorizontalPodAutoscaler, Ingress, NetworkPolicy, PersistentVolumeClaim, Secret, Service, Workload } from '../constructs';
import { withoutOrigins } from '../constructs/_origin';
import { PROGRAM_IMPORTS, real, tsLiteral } from './code';
import { Ctor, Plan } from './convert';

type Ctors = Record<Ctor, new (scope: Construct, id: string, props: never) => Construct>;
const CTORS: Ctors = { Workload, Service, ConfigMap, Secret, PersistentVolumeClaim, Ingress, HorizontalPodAutoscaler, NetworkPolicy } as unknown as Ctors;

/** The chart id, the stem of the synthesized file name. */
export function chartId(plan: Plan): string {
  return plan.project;
}

/** Builds the plan's constructs into a new cdk8s App (one chart named after the project). */
export function buildApp(plan: Plan): App {
  const app = new App({ outdir: 'dist' });
  const chart = new Chart(app, chartId(plan), { disableResourceNameHashes: true });
  // (problems are told at the compose lines of their statements, not where svcgen made them)
  withoutOrigins(() => {
    for (const s of plan.statements) {
      try {
        new CTORS[s.ctor](chart, s.id, real(s.props) as never);
      } catch (e) {
        // the statement travels with the error, so that it can be told at its compose line
        if (e && typeof e === 'object') Object.assign(e, { statement: s });
        throw e;
      }
    }
  });
  return app;
}

/** The plan as a cdk8s program using svcgen's constructs: main.ts, cdk8s.yaml and package.json. */
/**
 * `svcgenPackage`: what package.json asks npm for (default `^<version>`, the registry's); svcgen is
 * installed from a packed tarball (`file:../svcgen-0.1.0.tgz`) until it is published.
 */
export function printProgram(plan: Plan, svcgenVersion: string, svcgenPackage = `^${svcgenVersion}`): { name: string; content: string }[] {
  const body = plan.statements.map((s) => `new ${s.ctor}(chart, ${JSON.stringify(s.id)}, ${tsLiteral(s.props)});`);
  const used = PROGRAM_IMPORTS.filter((name) => body.some((line) => new RegExp(`\\b${name}\\b`).test(line)));
  // constants no statement uses any more (a service merged into another's Pods) are left out
  const declarations = plan.declarations.filter((d) => body.some((line) => new RegExp(`\\b${d.name}\\b`).test(line)));
  const main = [
    `// ${plan.project}: converted from Compose by svcgen ${svcgenVersion}. This program is yours to keep and edit;`,
    '// `npx svcgen synth` (or `cdk8s synth`) writes the manifests and validates them.',
    "import { App, Chart } from 'cdk8s';",
    `import { ${used.join(', ')} } from 'svcgen';`,
    '',
    'const app = new App();',
    `const chart = new Chart(app, ${JSON.stringify(chartId(plan))}, { disableResourceNameHashes: true });`,
    '',
    ...declarations.map((d) => `const ${d.name} = ${tsLiteral(d.value)};`),
    ...(declarations.length ? [''] : []),
    ...body.flatMap((line) => [line, '']),
    'app.synth();',
    '',
  ].join('\n');
  const cdk8sYaml = ['language: typescript', 'app: npx svcgen synth --app main.ts', 'output: dist', ''].join('\n');
  const pkg = {
    name: plan.project,
    private: true,
    scripts: { synth: 'svcgen synth --app main.ts', validate: 'svcgen validate dist' },
    dependencies: { cdk8s: '^2.70.0', constructs: '^10.3.0', svcgen: svcgenPackage },
    // svcgen synth type-checks the program with it (a misspelled prop is an error, not a lost setting)
    devDependencies: { typescript: '~5.9' },
  };
  return [
    { name: 'main.ts', content: main },
    { name: 'cdk8s.yaml', content: cdk8sYaml },
    { name: 'package.json', content: `${JSON.stringify(pkg, null, 2)}\n` },
  ];
}
