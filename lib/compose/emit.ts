/**
 * A conversion plan rendered into Kubernetes objects (for YAML and JSON, without cdk8s: see
 * constructs/_render.ts), or printed as a cdk8s program (`--format ts`) whose synthesis is the same
 * bytes (test/compose/corpus.test.ts holds them equal for every app of the corpus).
 */
import { renderObject, L1Object } from '../constructs/_render';
import { renderHorizontalPodAutoscaler, renderConfigMap, renderIngress, renderNetworkPolicy, renderPersistentVolumeClaim, renderSecret } from '../constructs/_objects';
import { renderService } from '../constructs/_service';
import { renderWorkload } from '../constructs/_workload';
import type { SynthesizedChart } from '../synth/synth';
import { PROGRAM_IMPORTS, real, tsLiteral } from './code';
import { Ctor, Plan } from './convert';

/** The chart id, the stem of the synthesized file name. */
export function chartId(plan: Plan): string {
  return plan.project;
}

/** Each construct's checks and L1 props, as `new <ctor>(chart, id, props)` makes them. */
const RENDER: Record<Ctor, (props: never, id: string, path: string) => L1Object> = {
  Workload: renderWorkload,
  Service: renderService,
  ConfigMap: renderConfigMap,
  Secret: renderSecret,
  PersistentVolumeClaim: renderPersistentVolumeClaim,
  Ingress: renderIngress,
  // (the converter's targets are kinds and names, not Workload constructs)
  HorizontalPodAutoscaler: (props, _id, path) => renderHorizontalPodAutoscaler(props, path, false),
  NetworkPolicy: renderNetworkPolicy,
};

/**
 * The plan's objects, as cdk8s synthesizes the plan's constructs in one chart named after the
 * project, without building them: every statement is checked first, in order (as the constructs
 * would be made), then every object rendered. A problem a construct would throw carries its
 * statement, so that it can be told at the statement's compose line.
 */
export function renderPlan(plan: Plan): SynthesizedChart[] {
  const chart = chartId(plan);
  const ids = new Set<string>();
  const objects = plan.statements.map((s) => {
    if (ids.has(s.id)) throw new Error(`internal: two objects of the conversion have the id "${s.id}"`);
    ids.add(s.id);
    const path = `${chart}/${s.id}`;
    try {
      return { o: RENDER[s.ctor](real(s.props) as never, s.id, path), path };
    } catch (e) {
      if (e && typeof e === 'object') Object.assign(e, { statement: s });
      throw e;
    }
  });
  if (objects.length === 0) return [];
  return [{ fileName: `${chart}.k8s.yaml`, chartPath: chart, objects: objects.map(({ o, path }) => renderObject(o, path)) }];
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
