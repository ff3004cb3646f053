/**
 * Every real-world file of the Compose corpus converts, with stand-ins for the files and variables
 * it refers to that the corpus does not carry; no validation errors; every key is mapped or
 * reported; and the cdk8s program of --format ts synthesizes to exactly the --format yaml bytes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { load } from 'js-yaml';
import { ComposeError, convertCompose, KEYS } from '../../lib/compose';
import { DEPLOY_KEYS, TOP_LEVEL_KEYS } from '../../lib/compose/convert';
import { printProgram } from '../../lib/compose/emit';
import { loadApp } from '../../lib/synth/load';
import { chartsToYaml, synthesizeApp } from '../../lib/synth/synth';
import { toMultiDocYaml } from '../../lib/yaml/write';
import { ROOT } from '../helpers/cli';
import { COMPOSE_DIR } from '../helpers/seed';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const FILES = fs
  .readdirSync(COMPOSE_DIR)
  .filter((d) => fs.statSync(path.join(COMPOSE_DIR, d)).isDirectory())
  .flatMap((d) => fs.readdirSync(path.join(COMPOSE_DIR, d)).map((f) => path.join(d, f)))
  .sort();
const GENERATED = path.join(ROOT, 'test', '.generated', 'compose');

/** Converts a corpus file in a copy of its folder, creating stand-ins for what it refers to. */
function convertWithStandIns(rel: string) {
  const work = path.join(GENERATED, rel.replace(/[/.]/g, '_'));
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const file = path.join(work, path.basename(rel));
  fs.copyFileSync(path.join(COMPOSE_DIR, rel), file);
  const env: Record<string, string> = {};
  const standIns: string[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      return { result: convertCompose([file], { env, projectName: 'corpus' }), work, standIns };
    } catch (e) {
      if (!(e instanceof ComposeError)) throw e;
      const missingFile = /file "([^"]+)" does not exist/.exec(e.message);
      const missingVar = /required variable (\w+) is missing/.exec(e.message);
      if (missingFile) {
        const p = path.resolve(work, missingFile[1]);
        fs.mkdirSync(path.dirname(p), { recursive: true });
        fs.writeFileSync(p, 'stand-in\n');
        standIns.push(missingFile[1]);
      } else if (missingVar) {
        env[missingVar[1]] = 'stand-in';
        standIns.push(`$${missingVar[1]}`);
      } else throw e;
    }
  }
  throw new Error(`${rel}: still failing after 20 stand-ins`);
}

const results = new Map<string, ReturnType<typeof convertWithStandIns>>();
const get = (rel: string) => {
  if (!results.has(rel)) results.set(rel, convertWithStandIns(rel));
  return results.get(rel)!;
};

describe.each(FILES)('%s', (rel) => {
  test('converts with no validation error', () => {
    const { result } = get(rel);
    expect(result.objects.length).toBeGreaterThan(0);
    expect(result.report.summary.errors).toBe(0);
    // every compose service is reachable by its name: a Service for each one that is not a Job
    const workloads = result.objects.filter((o: Obj) => ['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet'].includes(o.kind));
    const services = new Set(result.objects.filter((o: Obj) => o.kind === 'Service').map((o: Obj) => o.metadata.name));
    for (const w of workloads) expect(services).toContain((w as Obj).metadata.name);
  });

  test('--format ts, synthesized, gives exactly the --format yaml bytes', () => {
    const { result, work } = get(rel);
    const dir = path.join(work, 'ts');
    fs.mkdirSync(dir, { recursive: true });
    for (const f of printProgram(result.plan, '0.1.0')) fs.writeFileSync(path.join(dir, f.name), f.content);
    const yaml = chartsToYaml(synthesizeApp(loadApp(path.join(dir, 'main.ts'))));
    expect(yaml).toBe(toMultiDocYaml(result.objects));
  });
});

test('every key that occurs in the corpus is mapped or reported', () => {
  const unknown = new Set<string>();
  for (const rel of FILES) {
    const doc = load(fs.readFileSync(path.join(COMPOSE_DIR, rel), 'utf8')) as Obj;
    for (const k of Object.keys(doc)) if (!TOP_LEVEL_KEYS[k] && !k.startsWith('x-')) unknown.add(k);
    for (const svc of Object.values((doc.services ?? {}) as Obj)) {
      for (const k of Object.keys(svc ?? {})) if (!KEYS[k]) unknown.add(`services.*.${k}`);
      for (const k of Object.keys(svc?.deploy ?? {})) if (!DEPLOY_KEYS[k]) unknown.add(`services.*.deploy.${k}`);
    }
  }
  expect([...unknown]).toEqual([]);
});

afterAll(() => {
  let services = 0;
  let withoutPorts = 0;
  let warnings = 0;
  for (const { result } of results.values()) {
    for (const s of result.plan.statements.filter((x) => x.ctor === 'Service')) {
      services++;
      if (!(s.props as Obj).ports) withoutPorts++;
    }
    warnings += result.plan.warnings.length;
  }
  process.stdout.write(`compose corpus: ${results.size} files, ${services} Services (${withoutPorts} headless without ports, so their names still resolve), ${warnings} warnings\n`);
});
