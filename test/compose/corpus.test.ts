/**
 * Every real-world app of the Compose corpus converts as it was cloned (no stand-in for the secret,
 * config and env files its repository keeps out of git: each becomes a reference and a warning
 * that says how to create it), with no validation error; every key is mapped or reported; and the
 * cdk8s program of --format ts synthesizes to exactly the --format yaml bytes. The apps Compose
 * itself refuses are refused with the message.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { convertCompose, KEYS } from '../../lib/compose';
import { DEPLOY_KEYS, SERVICE_MAPPERS, TOP_LEVEL_KEYS } from '../../lib/compose/convert';
import { printProgram } from '../../lib/compose/emit';
import { loadApp } from '../../lib/synth/load';
import { chartsToYaml, synthesizeApp } from '../../lib/synth/synth';
import { toMultiDocYaml } from '../../lib/yaml/write';
import { ComposeError, loadCompose } from '../../lib/compose';
import { COMPOSE_APPS, convertApp, CorpusApp } from '../helpers/compose';
import { ROOT } from '../helpers/cli';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const results = new Map<string, ReturnType<typeof convertApp>>();
const get = (app: CorpusApp) => {
  if (!results.has(app.name)) results.set(app.name, convertApp(app));
  return results.get(app.name)!;
};
const CONVERTED = COMPOSE_APPS.filter((a) => !a.refused);

test('the corpus: every single-file stack and every jetsung-awesome-compose app (base + override)', () => {
  expect(COMPOSE_APPS.length).toBeGreaterThan(130);
  expect(COMPOSE_APPS.filter((a) => a.files.length === 2).length).toBeGreaterThan(80);
});

describe.each(COMPOSE_APPS.filter((a) => a.refused).map((a) => [a.name, a]))('%s', (_name, app) => {
  test('is refused, as Compose refuses it', () => {
    expect(() => convertApp(app as CorpusApp)).toThrow(ComposeError);
    expect(() => convertApp(app as CorpusApp)).toThrow((app as CorpusApp).refused);
  });
});

describe.each(CONVERTED.map((a) => [a.name, a]))('%s', (_name, app) => {
  test('converts with no validation error', () => {
    const result = get(app as CorpusApp);
    expect(result.objects.length).toBeGreaterThan(0);
    expect(result.report.summary.errors).toBe(0);
    // every compose service is reachable by its name: a Service for each one that is not a Job
    const workloads = result.objects.filter((o: Obj) => ['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet'].includes(o.kind));
    const services = new Set(result.objects.filter((o: Obj) => o.kind === 'Service').map((o: Obj) => o.metadata.name));
    for (const w of workloads) expect(services).toContain((w as Obj).metadata.name);
  });

  test('--format ts, synthesized, gives exactly the --format yaml bytes', () => {
    const result = get(app as CorpusApp);
    const dir = path.join(ROOT, 'test', '.generated', 'corpus-ts', (app as CorpusApp).name.replace(/[/.]/g, '_'));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    for (const f of printProgram(result.plan, '0.1.0')) fs.writeFileSync(path.join(dir, f.name), f.content);
    const yaml = chartsToYaml(synthesizeApp(loadApp(path.join(dir, 'main.ts'))));
    expect(yaml).toBe(toMultiDocYaml(result.objects));
  });
});

test('every key that occurs in the corpus is mapped or reported', () => {
  const unknown = new Set<string>();
  for (const app of CONVERTED) {
    // each file as read by the loader (with Compose's tags), keys as written
    const doc = (loadCompose(app.files, { projectName: 'corpus', env: { ...app.options?.env }, allowOutsideFiles: app.options?.allowOutsideFiles, profiles: ['*'] }).model as Obj);
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
  for (const result of results.values()) {
    for (const s of result.plan.statements.filter((x) => x.ctor === 'Service')) {
      services++;
      if (!(s.props as Obj).ports) withoutPorts++;
    }
    warnings += result.plan.warnings.length;
  }
  process.stdout.write(`compose corpus: ${results.size} files, ${services} Services (${withoutPorts} headless without ports, so their names still resolve), ${warnings} warnings\n`);
});

describe('the key table is made from the mappers', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const schema = require('../../lib/compose/schema/compose-spec.json');
  const defs = schema.$defs;
  const serviceKeys = new Set<string>([
    ...Object.keys(defs.service.properties ?? {}),
    ...defs.service.allOf.flatMap((r: { $ref: string }) => Object.keys(defs[r.$ref.split('/').pop() as string]?.properties ?? {})),
  ]);

  test('every service key of the Compose Specification is mapped (a mapper reads it) or reported', () => {
    const missing = [...serviceKeys].filter((k) => KEYS[k] === undefined);
    expect(missing).toEqual([]);
    expect(serviceKeys.size).toBeGreaterThan(70);
  });

  test('every mapper names real service keys, and a key is "mapped" exactly when a mapper reads it', () => {
    const read = new Set(SERVICE_MAPPERS.flatMap((m) => m.keys));
    expect([...read].filter((k) => !serviceKeys.has(k))).toEqual([]);
    for (const [k, how] of Object.entries(KEYS)) expect({ k, how }).toEqual({ k, how: read.has(k) ? 'mapped' : 'reported' });
  });

  test('a key no mapper reads would be reported, not dropped: compose annotations (once a silent drop) reach the Pods', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'svcgen-keys-'));
    fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n    annotations: {com.example/team: shop}\n');
    const r = convertCompose([path.join(dir, 'compose.yaml')], { env: {}, projectName: 'p' });
    const d = r.objects.find((o) => o.kind === 'Deployment') as { spec: { template: { metadata: { annotations?: Record<string, string> } } } };
    expect(d.spec.template.metadata.annotations).toEqual({ 'com.example/team': 'shop' });
  });
});
