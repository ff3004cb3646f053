/**
 * What real inputs need from the validator: the decoding step, custom resources checked against
 * the CRDs of the input, the scope of the checks across objects, List items' lines, and YAML that
 * kubectl reads. The verdicts of the cases in test/corpus/cases.ts ("real: ...") come from the
 * real API server (test/apiserver); these tests pin svcgen's own behaviour around them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readSources } from '../lib/cli/validate';
import { toJsonSchema } from '../lib/validate/crd';
import { decodeObject } from '../lib/validate/decode';
import { validateSources } from '../lib/validate/validator';
import { MANIFESTS_DIR } from './helpers/seed';

const deploy = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx
          imagePullPolicy: ""
          ports:
            - containerPort: 80
              protocol: ""
`;

describe('decoding, as the API server decodes into Go structs', () => {
  test('zero values of non-pointer fields and nulls are unset; pointer fields keep their zero', () => {
    const o = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a', creationTimestamp: null, namespace: '' }, spec: { replicas: 0, paused: false, minReadySeconds: 0, template: { spec: { containers: [null, { name: 'b', imagePullPolicy: '' }] } } }, status: { replicas: 3 } };
    expect(decodeObject(o, 'apps/v1', 'Deployment')).toEqual([]);
    expect(o).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a' }, spec: { replicas: 0, template: { spec: { containers: [{}, { name: 'b' }] } } } });
  });

  test('a cluster-scoped object loses its namespace; a namespaced one keeps it', () => {
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r', namespace: 'x' } };
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'r', namespace: 'x' } };
    decodeObject(role, role.apiVersion, role.kind);
    decodeObject(sa, sa.apiVersion, sa.kind);
    expect(role.metadata).toEqual({ name: 'r' });
    expect(sa.metadata).toEqual({ name: 'r', namespace: 'x' });
  });

  test('[]byte fields must be base64, and the value is never printed', () => {
    const s = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { ok: 'c2VjcmV0', bad: 'hunter2!' } };
    const errs = decodeObject(s, 'v1', 'Secret');
    expect(errs.map((e) => e.path)).toEqual(['data[bad]']);
    expect(errs[0].message).toContain('illegal base64 data at input byte 7');
    expect(errs[0].message).not.toContain('hunter2');
  });

  test('kompose-style output with empty strings is valid', () => {
    const r = validateSources([{ file: 'k.yaml', text: deploy('web') }]);
    expect(r.summary).toMatchObject({ valid: 1, invalid: 0, errors: 0 });
  });
});

describe('custom resources', () => {
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
  versions:
    - name: v1
      served: true
      storage: true
      subresources: {status: {}}
      schema:
        openAPIV3Schema:
          type: object
          description: a widget
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size: {type: integer, minimum: 1}
                port: {x-kubernetes-int-or-string: true}
                color: {type: string, enum: [red, blue], description: the color}
                extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
            status: {type: object, properties: {ready: {type: boolean}}}
`;
  const widget = (spec: string) => `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n${spec}`;
  const check = (spec: string, version = 'v1') =>
    validateSources([{ file: 'crd.yaml', text: crd }, { file: 'w.yaml', text: widget(spec).replace('example.com/v1', `example.com/${version}`) }]).resources[1];

  test('a CR that fits its CRD is valid, and the CRD itself (with description properties) too', () => {
    const r = validateSources([{ file: 'crd.yaml', text: crd }]);
    expect(r.summary).toMatchObject({ valid: 1, errors: 0 });
    expect(check('  size: 3\n  port: http\n  color: red\n  extra: {anything: [1, 2]}\n')).toMatchObject({ status: 'valid', problems: [] });
  });

  test.each([
    ['a missing required field', '  color: red\n', 'spec.size: Required value'],
    ['a wrong type', '  size: three\n', 'spec.size: Invalid value: "three": spec.size in body must be of type integer'],
    ['a value under the minimum', '  size: 0\n', 'spec.size: Invalid value: 0'],
    ['a value not in the enum', '  size: 1\n  color: green\n', 'spec.color: Unsupported value: "green"'],
    ['an undeclared field', '  size: 1\n  colour: red\n', 'unknown field "spec.colour"'],
  ])('%s is an error', (_name, spec, message) => {
    const r = check(spec);
    expect(r.status).toBe('invalid');
    expect(r.problems.map((p) => p.message).join('\n')).toContain(message);
  });

  test('status is reset when the status subresource is on; an unserved version is an error', () => {
    expect(check('  size: 1\nstatus:\n  ready: maybe\n').status).toBe('valid');
    expect(check('  size: 1\n', 'v2').problems[0].message).toContain('no matches for kind "Widget" in version "example.com/v2"');
  });

  test('structural schemas: nullable, int-or-string and preserve-unknown-fields become JSON Schema', () => {
    expect(toJsonSchema({ type: 'object', properties: { a: { type: 'string', nullable: true }, b: { 'x-kubernetes-int-or-string': true }, c: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } })).toEqual({
      type: 'object',
      properties: { a: { type: ['string', 'null'] }, b: { anyOf: [{ type: 'integer' }, { type: 'string' }] }, c: { type: 'object' } },
      additionalProperties: false,
    });
  });

  test('kube-prometheus, CRDs and custom resources, is valid as a whole', () => {
    const dir = path.join(MANIFESTS_DIR, 'kube-prometheus');
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'));
    const r = validateSources(files.map((f) => ({ file: f, text: fs.readFileSync(path.join(dir, f), 'utf8') })));
    expect(r.summary).toMatchObject({ invalid: 0, skipped: 0, errors: 0 });
    expect(r.resources.filter((x) => x.kind === 'ServiceMonitor').length).toBeGreaterThan(5);
  });
});

describe('which objects are checked together', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'svcgen-scope-'));
    for (const env of ['dev', 'prod']) {
      fs.mkdirSync(path.join(root, 'envs', env), { recursive: true });
      fs.writeFileSync(path.join(root, 'envs', env, 'web.yaml'), deploy('web'));
    }
    fs.writeFileSync(path.join(root, 'envs', 'prod', 'web-again.yaml'), deploy('web'));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('by default each folder is one set: dev and prod do not collide; a copy within prod does, naming the first', () => {
    const r = validateSources(readSources([path.join(root, 'envs')], () => ''));
    const dups = r.resources.flatMap((x) => x.problems.filter((p) => p.rule === 'duplicate-object').map((p) => `${path.relative(root, x.file)}: ${p.message}`));
    expect(dups).toEqual([`envs/prod/web.yaml: metadata.name: Duplicate value: "web": Deployment "web" is already defined at ${path.join(root, 'envs/prod/web-again.yaml')}:4: applied together, one replaces the other`]);
  });

  test('--scope file and all', () => {
    const sources = readSources([path.join(root, 'envs')], () => '');
    expect(validateSources(sources, { scope: 'file' }).summary.errors).toBe(0);
    expect(validateSources(sources, { scope: 'all' }).summary.errors).toBe(2);
  });

  test('files named together on the command line are one set', () => {
    const r = validateSources(readSources([path.join(root, 'envs/dev/web.yaml'), path.join(root, 'envs/prod/web.yaml')], () => ''));
    expect(r.summary.errors).toBe(1);
  });
});

describe('reading as kubectl reads', () => {
  test('each List item is reported at its own line', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: B}\n';
    const r = validateSources([{ file: 'l.yaml', text }]);
    expect(r.resources.map((x) => x.line)).toEqual([4, 7]);
    expect(r.resources[1].problems[0]).toMatchObject({ path: 'metadata.name', line: 9 });
  });

  test('a flow sequence closed at its key\'s indentation (go-yaml accepts it) and empty documents', () => {
    const text = '---\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: busybox\n      args: [\n          "-a", "b",\n      ]\n';
    const r = validateSources([{ file: 'p.yaml', text }]);
    expect(r.summary).toMatchObject({ resources: 1, valid: 1 });
  });
});
