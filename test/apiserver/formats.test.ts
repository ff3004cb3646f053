/**
 * `svcgen convert --format helm` and `--format kustomize`, rendered by the real tools (helm
 * v3.19.0 and kustomize v5.7.1, built from the Go module proxy by tools.sh), must give the same
 * objects as `--format yaml` (helm with the chart's own values; the objects the API server test
 * accepts) and pass `svcgen validate`. Every converted corpus app and the feature apps.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadAll } from 'js-yaml';
import { outputFiles } from '../../lib/compose';
import { validateSources } from '../../lib/validate/validator';
import { writeFilesAtomically } from '../../lib/yaml/atomic';
import { tmpDir } from '../helpers/cli';
import { COMPOSE_APPS, convertApp } from '../helpers/compose';
import { convertFeature, FEATURE_APPS } from '../helpers/compose-features';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// built by tools.sh before any test (.ci/run, `npm run setup:oracles`); never here
const bin = path.join(process.env.SVCGEN_TOOLS_CACHE ?? path.join(os.homedir(), '.cache', 'svcgen-tools'), 'bin');
for (const tool of ['helm', 'kustomize']) {
  if (!fs.existsSync(path.join(bin, tool))) throw new Error(`${tool} not found in ${bin}: build it first with \`npm run setup:oracles\` (bash test/apiserver/tools.sh; .ci/run does it before the tests)`);
}

/** An object as the API server stores it for the comparison: a Service port's default targetPort spelled out. */
function normal(o: Obj): Obj {
  const c = JSON.parse(JSON.stringify(o)) as Obj;
  if (c.kind === 'Service' && c.spec?.clusterIP !== 'None') for (const p of c.spec?.ports ?? []) p.targetPort ??= p.port;
  return c;
}
/** JSON with every map's keys sorted (the tools print keys in their own order) */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Obj)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}
const sorted = (objs: Obj[]) => objs.map((o) => canonical(normal(o))).sort();

const apps = [
  ...COMPOSE_APPS.filter((a) => !a.refused).map((a) => ({ name: a.name, convert: () => convertApp(a) })),
  ...FEATURE_APPS.map((a) => ({ name: a.name, convert: () => convertFeature(a) })),
];

describe.each(['helm', 'kustomize'] as const)('--format %s renders to the objects of --format yaml', (format) => {
  test('every converted corpus app and feature app', () => {
    const differing: string[] = [];
    let objects = 0;
    for (const app of apps) {
      const result = app.convert();
      const dir = tmpDir(`svcgen-${format}-`);
      writeFilesAtomically(dir, outputFiles(result, format, 'folder', '', '0.1.0'));
      const rendered = execFileSync(path.join(bin, format), format === 'helm' ? ['template', 'release', dir] : ['build', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const objs = (loadAll(rendered) as Obj[]).filter((o) => o && typeof o === 'object');
      objects += objs.length;
      if (JSON.stringify(sorted(objs)) !== JSON.stringify(sorted(result.objects as Obj[]))) differing.push(app.name);
      else if (objs.length !== result.objects.length) differing.push(`${app.name}: ${objs.length} of ${result.objects.length} objects`);
      // what the tool renders passes svcgen validate
      const report = validateSources([{ file: `${app.name} (${format})`, text: rendered }]);
      if (report.summary.errors) differing.push(`${app.name}: ${report.summary.errors} validation errors`);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    process.stdout.write(`--format ${format}: ${apps.length} apps, ${objects} objects rendered by ${format}, ${differing.length} differing\n`);
    expect(differing).toEqual([]);
    expect(apps.length).toBeGreaterThan(140);
  });
});

test('a helm value changes the rendered object (the values are really read)', () => {
  const app = FEATURE_APPS[0];
  const dir = tmpDir('svcgen-helm-values-');
  writeFilesAtomically(dir, outputFiles(convertFeature(app), 'helm', 'folder', '', '0.1.0'));
  const rendered = execFileSync(path.join(bin, 'helm'), ['template', 'r', dir, '--set', 'web.containers.web.image=nginx:1.27', '--set', 'web.service.ports[0]=8081'], { encoding: 'utf8' });
  const objs = loadAll(rendered) as Obj[];
  const web = objs.find((o) => o?.kind === 'Deployment' && o.metadata.name === 'web')!;
  const svc = objs.find((o) => o?.kind === 'Service' && o.metadata.name === 'web')!;
  expect(web.spec.template.spec.containers[0].image).toBe('nginx:1.27');
  expect(svc.spec.ports[0]).toEqual({ port: 8081, targetPort: 80 });
});
