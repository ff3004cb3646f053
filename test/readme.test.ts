import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { loadApp } from '../lib/synth/load';
import { chartsToYaml, synthesizeApp } from '../lib/synth/synth';
import { ROOT } from './helpers/cli';

const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const tsBlocks = [...README.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
const GENERATED = path.join(ROOT, 'test', '.generated');

describe('README', () => {
  const files = tsBlocks.map((code, i) => {
    fs.mkdirSync(GENERATED, { recursive: true });
    const f = path.join(GENERATED, `readme-${i}.ts`);
    fs.writeFileSync(f, code);
    return f;
  });

  test('has TypeScript examples', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  test('its TypeScript examples type-check against the library', () => {
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      esModuleInterop: true,
      skipLibCheck: true,
      // (the examples resolve svcgen to its sources, which import their generated JSON tables)
      resolveJsonModule: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      types: ['node'],
      baseUrl: ROOT,
      paths: { svcgen: ['lib/index.ts'] },
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  });

  test.each(tsBlocks.map((_, i) => [i]))('example %i synthesizes what it says', (i) => {
    // each example ends with `// synthesizes: Kind/name, ...`
    const said = /\/\/ synthesizes: (.*)/.exec(tsBlocks[i as number]);
    expect(said).not.toBeNull();
    const objects = synthesizeApp(loadApp(files[i as number])).flatMap((c) => c.objects) as { kind: string; metadata: { name: string } }[];
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(said![1].split(', '));
  });

  test('the voting app block is examples/voting-app.ts, as it is', () => {
    expect(tsBlocks).toContain(fs.readFileSync(path.join(ROOT, 'examples', 'voting-app.ts'), 'utf8'));
  });

  test('the go-demo-2 output block is what main.ts synthesizes', () => {
    const block = /<!-- go-demo-2 output[^>]*-->\n```yaml\n([\s\S]*?)```/.exec(README)![1];
    expect(block).toBe(chartsToYaml(synthesizeApp(loadApp(path.join(ROOT, 'main.ts')))));
  });
});

describe('README command examples', () => {
  // blocks whose first line is `$ npx svcgen ...`: the rest of the block is the exact output
  const examples = [...README.matchAll(/```\n\$ npx svcgen ([^\n]*)\n([\s\S]*?)```/g)].map((m) => [m[1], m[2]] as const);

  test('there are some', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  test.each(examples)('svcgen %s', (args, output) => {
    const { svcgen } = require('./helpers/cli') as typeof import('./helpers/cli');
    expect(svcgen(args.split(' ')).stdout).toBe(output);
  });
});
