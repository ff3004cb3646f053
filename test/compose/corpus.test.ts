/**
 * Every real-world file of the Compose corpus converts, with stand-ins for the files and variables
 * it refers to that the corpus does not carry; no validation errors; every key is mapped or
 * reported; and the cdk8s program of --format ts synthesizes to exactly the --format yaml bytes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { load } from 'js-yaml';
import { KEYS } from '../../lib/compose';
import { DEPLOY_KEYS, TOP_LEVEL_KEYS } from '../../lib/compose/convert';
import { printProgram } from '../../lib/compose/emit';
import { loadApp } from '../../lib/synth/load';
import { chartsToYaml, synthesizeApp } from '../../lib/synth/synth';
import { toMultiDocYaml } from '../../lib/yaml/write';
import { COMPOSE_FILES as FILES, convertWithStandIns } from '../helpers/compose';
import { COMPOSE_DIR } from '../helpers/seed';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

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
