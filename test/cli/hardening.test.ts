/**
 * Hardening, through the command line as a user meets it: no input crashes svcgen (one clear
 * message with the file and line, exit 1, no stack trace), nothing secret is printed or put in a
 * ConfigMap, nothing outside the project is read, writes are all or none. Each case is an input
 * that once crashed, leaked or escaped (found by fuzzing or by hand).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { loadAll } from 'js-yaml';
import { recoverInterruptedWrites, writeFilesAtomically } from '../../lib/yaml/atomic';
import { BIN, projectDir, svcgen, tmpDir } from '../helpers/cli';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;


const WEB = 'services:\n  web:\n    image: nginx\n';

/** A user error: exit 1, one message naming the place, no stack trace. */
function expectUserError(r: { code: number; stderr: string }, ...fragments: string[]) {
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.code).toBe(1);
  for (const f of fragments) expect(r.stderr).toContain(f);
}

const convert = (files: Record<string, string>, ...args: string[]) => {
  const dir = projectDir(files);
  return { dir, ...svcgen(['convert', 'compose.yaml', ...args], { cwd: dir }) };
};

describe('convert: inputs that crashed', () => {
  test.each([
    ['a cyclic alias', 'x: &a\n  web:\n    image: nginx\n    again: *a\nservices: *a\n', 'a YAML alias refers to a node that contains it'],
    ['interpolation nested thousands deep', `services:\n  web:\n    image: "${'${A:-'.repeat(3000)}x${'}'.repeat(3000)}"\n`, 'compose.yaml:3:5: services.web.image: variables nest more than 64 deep'],
    ['include as a string', `include: other.yaml\n${WEB}`, 'compose.yaml:1:1: include: must be a list'],
    ['include with a null item', `include:\n  - null\n${WEB}`, 'compose.yaml:2:5: include[0]: must be a file name'],
    ['include {path: 5}', `include:\n  - path: 5\n${WEB}`, 'compose.yaml:2:5: include[0]: must be a file name'],
    ['command with an unclosed quote', `${WEB}    command: 'echo "unclosed'\n`, 'compose.yaml:2:3: services.web: unterminated " in'],
    ['stop_grace_period: 1x', `${WEB}    stop_grace_period: 1x\n`, 'services.web: "1x" is not a duration'],
    ['healthcheck interval: 5x', `${WEB}    healthcheck:\n      test: ["CMD", "true"]\n      interval: 5x\n`, 'services.web: "5x" is not a duration'],
    ['shm_size: lots', `${WEB}    shm_size: lots\n`, 'services.web: "lots" is not a size'],
    ['a tmpfs size of lots', `${WEB}    volumes:\n      - type: tmpfs\n        target: /x\n        tmpfs:\n          size: lots\n`, '"lots" is not a size'],
  ])('%s: one clear error', (_name, compose, message) => {
    expectUserError(convert({ 'compose.yaml': compose }), message);
  });

  test('--project-name "": refused as Compose refuses it', () => {
    expectUserError(convert({ 'compose.yaml': WEB }, '--project-name', ''), '--project-name: "" is not a valid project name');
  });

  test.each([
    ['include', `include:\n  - sub\n${WEB}`, 'sub: cannot be read: it is a folder, not a file'],
    ['env_file', `${WEB}    env_file: sub\n`, 'services.web.env_file[0]: "sub" cannot be read: it is a folder, not a file'],
    ['a secret file', `${WEB}    secrets: [pw]\nsecrets:\n  pw:\n    file: sub\n`, 'cannot be read: it is a folder, not a file'],
  ])('%s naming a folder: one clear error', (_name, compose, message) => {
    const dir = projectDir({ 'compose.yaml': compose, 'sub/x': 'x' });
    expectUserError(svcgen(['convert', 'compose.yaml'], { cwd: dir }), message);
  });

  test('a FIFO as .env or env_file is refused, not read (it would block for ever)', () => {
    const dir = projectDir({ 'compose.yaml': `${WEB}    env_file: vars.env\n` });
    spawnSync('mkfifo', [path.join(dir, 'vars.env')]);
    expectUserError(svcgen(['convert', 'compose.yaml'], { cwd: dir }), 'is not a regular file');
    const dir2 = projectDir({ 'compose.yaml': WEB });
    spawnSync('mkfifo', [path.join(dir2, '.env')]);
    expectUserError(svcgen(['convert', 'compose.yaml'], { cwd: dir2 }), '.env: cannot be read: it is not a regular file');
  });

  test('--env-file works (Node 20 would take the flag itself: the bin runs node with --)', () => {
    const dir = projectDir({ 'compose.yaml': 'services:\n  web:\n    image: "nginx:${TAG}"\n', 'vars.env': 'TAG=1.27\n' });
    const run = (file: string) => spawnSync(BIN, ['convert', 'compose.yaml', '--env-file', file], { cwd: dir, encoding: 'utf8' });
    const ok = run('vars.env');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('image: nginx:1.27');
    const missing = run('nope.env');
    expect([missing.status, missing.stderr]).toEqual([1, 'svcgen: error: nope.env: no such env file\n']);
  });

  test('a bind mount with no source becomes an emptyDir with a warning (no file named "undefined" is read)', () => {
    const r = convert({ 'compose.yaml': `${WEB}    volumes:\n      - type: bind\n        target: /x\n` });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('a bind mount without a source: it became an empty emptyDir at /x');
  });
});

describe('convert: prototype names are names', () => {
  test('found by the long fuzz run: a label named constructor is one clear error (cdk8s cannot render such a key), not a crash', () => {
    expectUserError(convert({ 'compose.yaml': `${WEB}    labels:\n      - constructor\n` }), 'a map key named "constructor" (in labels, annotations or data) cannot be synthesized by cdk8s');
  });

  test('a service called __proto__ is converted', () => {
    const r = convert({ 'compose.yaml': 'services:\n  __proto__:\n    image: nginx\n  web:\n    image: nginx\n' });
    expect(r.code).toBe(0);
    expect((loadAll(r.stdout) as Obj[]).filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name)).toEqual(['proto', 'web']);
  });

  test.each([
    ['depends_on: [constructor]', `${WEB}    depends_on: [constructor]\n`, 'service "constructor" is not defined'],
    ['extends: toString', `${WEB}    extends: toString\n`, 'services.web.extends: service "toString" is not defined'],
  ])('%s names no service', (_name, compose, message) => {
    expectUserError(convert({ 'compose.yaml': compose }), message);
  });
});

describe('convert: nothing escapes the project, nothing secret lands in a ConfigMap', () => {
  test('a link inside a bind-mounted folder to /etc/passwd is not followed', () => {
    const dir = projectDir({ 'compose.yaml': `${WEB}    volumes:\n      - ./conf:/etc/app\n`, 'conf/app.conf': 'a=1\n' });
    fs.symlinkSync('/etc/passwd', path.join(dir, 'conf', 'passwd'));
    const r = svcgen(['convert', 'compose.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('root:');
    expect(r.stderr).toContain('it has passwd, which is a link to a place outside the project folder, so it is not mounted');
  });

  test('a project reached through a linked folder (macOS /tmp) still reads its own files', () => {
    const real = projectDir({ 'compose.yaml': `${WEB}    env_file: vars.env\n    volumes:\n      - ./conf:/etc/app\n`, 'vars.env': 'MODE=prod\n', 'conf/app.conf': 'a=1\n' });
    const link = path.join(tmpDir(), 'linked');
    fs.symlinkSync(real, link);
    const r = svcgen(['convert', path.join(link, 'compose.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('MODE: prod');
    expect(r.stdout).toContain('a=1');
  });

  test('secret-looking files in a mounted folder make it a Secret', () => {
    const r = convert({ 'compose.yaml': `${WEB}    volumes:\n      - ./certs:/etc/certs\n`, 'certs/server.crt': 'CERT\n', 'certs/server.key': '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n' });
    const objs = loadAll(r.stdout) as Obj[];
    expect(objs.filter((o) => o.kind === 'ConfigMap')).toEqual([]);
    expect(objs.find((o) => o.kind === 'Secret')?.stringData).toHaveProperty(['server.key']);
  });

  test('env-file keys and values that look secret go to a Secret, never a ConfigMap, and are not printed', () => {
    const env = ['MODE=prod', 'DB_PWD=x1', 'JWT_SIGNING_KEY=x2', 'SSH_KEY=x3', 'AWS_ACCESS_KEY_ID=x4', 'DATABASE_URL=postgres://app:s3cr3t@db/app', 'TOKENLIKE=Zx8mQ2vLp9RtY4wK7nB3cD6f'].join('\n');
    const r = convert({ 'compose.yaml': `${WEB}    env_file: app.env\n`, 'app.env': `${env}\n` });
    expect(r.code).toBe(0);
    const objs = loadAll(r.stdout) as Obj[];
    expect(objs.find((o) => o.kind === 'ConfigMap')?.data).toEqual({ MODE: 'prod' });
    expect(Object.keys(objs.find((o) => o.kind === 'Secret')?.stringData ?? {}).sort()).toEqual(['AWS_ACCESS_KEY_ID', 'DATABASE_URL', 'DB_PWD', 'JWT_SIGNING_KEY', 'SSH_KEY', 'TOKENLIKE']);
    for (const v of ['x1', 's3cr3t', 'Zx8mQ2vLp9RtY4wK7nB3cD6f']) expect(r.stderr).not.toContain(v);
  });

  test('an interpolation error and a .env syntax error do not print the value', () => {
    const a = convert({ 'compose.yaml': `${WEB}    environment:\n      DB_URL: "postgres://u:hunter2@db/x\${"\n` });
    expectUserError(a, 'compose.yaml:5:7: services.web.environment.DB_URL: invalid interpolation format');
    expect(a.stderr).not.toContain('hunter2');
    const b = convert({ 'compose.yaml': WEB, '.env': 'PASSWORD hunter2\n' });
    expectUserError(b, '.env:1:1: line 1 is not KEY=value');
    expect(b.stderr).not.toContain('hunter2');
  });
});

describe('validate: inputs that crashed or passed wrongly', () => {
  const run = (text: string, ...args: string[]) => svcgen(['validate', '-', ...args], { input: text });
  const NULL_ITEMS: [string, string][] = [
    ['containers', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [null]\n'],
    ['initContainers', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers: [null]\n  containers: [{name: c, image: x}]\n'],
    ['ports, env, volumeMounts', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: x, ports: [null], env: [null], volumeMounts: [null]}]\n'],
    ['httpHeaders', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: x, readinessProbe: {httpGet: {port: 80, httpHeaders: [null]}}}]\n'],
    ['volumes', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  volumes: [null]\n  containers: [{name: c, image: x}]\n'],
    ['Service ports', 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [null, {}]\n'],
    ['Endpoints subsets', 'apiVersion: v1\nkind: Endpoints\nmetadata: {name: e}\nsubsets: [null]\n'],
    ['EndpointSlice endpoints', 'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: e}\naddressType: IPv4\nendpoints: [null]\nports: [null]\n'],
    ['Ingress rules', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  rules: [null]\n'],
    ['matchExpressions', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchExpressions: [null]}\n  template: {spec: {containers: [{name: c, image: x}]}}\n'],
  ];
  test.each(NULL_ITEMS)('a null item in %s: a result, never an internal error', (_name, text) => {
    const r = run(text, '-o', 'json');
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.resources.flatMap((x: Obj) => x.problems).filter((p: Obj) => p.rule === 'internal-error')).toEqual([]);
  });

  test.each([
    ['a Secret of type __proto__', 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: __proto__\n'],
    ['a Secret of type constructor', 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: constructor\n'],
    ['Endpoints with an address without ip', 'apiVersion: v1\nkind: Endpoints\nmetadata: {name: e}\nsubsets:\n  - addresses:\n      - {}\n'],
  ])('found by the long fuzz run: %s gives a result, not an internal error', (_name, text) => {
    const report = JSON.parse(run(text, '-o', 'json').stdout);
    expect(report.resources.flatMap((x: Obj) => x.problems).filter((p: Obj) => p.rule === 'internal-error')).toEqual([]);
  });

  test('deeply nested "- - -" (the shape of a 28 MB bomb) is refused at once, not parsed until memory runs out', () => {
    const r = run(`a:\n${'- '.repeat(200000)}x\n`);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('the document nests deeper than 1000 levels');
  });

  test('content on the --- line is read; --- [] does not hide the documents beside it', () => {
    const r = run('--- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n--- []\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n', '-o', 'json');
    const report = JSON.parse(r.stdout);
    expect(report.resources.map((x: Obj) => [x.name ?? null, x.status, x.line])).toEqual([['a', 'valid', 1], [null, 'invalid', 2], ['b', 'valid', 4]]);
  });

  test('PVC storage: lots is invalid, as the API server decodes it', () => {
    const r = run('apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: d}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: lots}}\n');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('spec.resources.requests[storage]: Invalid value: "lots": quantities must match the regular expression');
  });

  test.each(['text', 'json', 'junit', 'sarif'])('a Secret\'s values are never printed (-o %s)', (format) => {
    const r = run('apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  password: 20242024\ndata:\n  token: "not base64!"\n', '-o', format);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('stringData.password');
    expect(r.stdout).not.toContain('20242024');
    expect(r.stdout).not.toContain('not base64!');
  });

  test('a folder with a link to nothing: one clear error naming it', () => {
    const dir = projectDir({ 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n' });
    fs.symlinkSync(path.join(dir, 'gone.yaml'), path.join(dir, 'b.yaml'));
    const r = svcgen(['validate', dir]);
    expect([r.code, r.stderr.trim()]).toEqual([2, `svcgen: error: ${path.join(dir, 'b.yaml')}: cannot read it (a link to nothing?)`]);
  });

  test('an interrupted write\'s staging folder is skipped', () => {
    const dir = projectDir({ 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n', '.svcgen-x1/new/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n' });
    const r = svcgen(['validate', dir]);
    expect([r.code, r.stdout.trim().split('\n').pop()]).toEqual([0, '1 resource: 1 valid, 0 invalid, 0 skipped; 0 errors, 0 warnings (Kubernetes 1.37)']);
  });
});

describe('writes: all or none', () => {
  const files = [
    { name: 'a.yaml', content: 'new a\n' },
    { name: 'b.yaml', content: 'new b\n' },
  ];

  test('a rename that fails part-way puts back what was switched; foreign files are untouched', () => {
    const dir = projectDir({ 'a.yaml': 'old a\n', 'notes.txt': 'mine\n' });
    fs.mkdirSync(path.join(dir, 'b.yaml')); // a folder where a file must go: that rename fails
    expect(() => writeFilesAtomically(dir, files)).toThrow('nothing was changed');
    expect(fs.readFileSync(path.join(dir, 'a.yaml'), 'utf8')).toBe('old a\n');
    expect(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine\n');
    expect(fs.readdirSync(dir).sort()).toEqual(['a.yaml', 'b.yaml', 'notes.txt']);
  });

  test('killed after the commit point: the next write finishes the switch first', () => {
    const dir = projectDir({ 'a.yaml': 'old a\n', 'b.yaml': 'old b\n' });
    // what a kill -9 between the two renames leaves: a switched, b pending, the journal written
    const staging = path.join(dir, '.svcgen-kill');
    fs.mkdirSync(path.join(staging, 'new'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'new a\n');
    fs.writeFileSync(path.join(staging, 'new', 'b.yaml'), 'new b\n');
    fs.writeFileSync(path.join(staging, 'journal.json'), JSON.stringify({ files: ['a.yaml', 'b.yaml'] }));
    expect(recoverInterruptedWrites(dir)).toEqual([staging]);
    expect(fs.readdirSync(dir).sort()).toEqual(['a.yaml', 'b.yaml']);
    expect(fs.readFileSync(path.join(dir, 'b.yaml'), 'utf8')).toBe('new b\n');
  });

  test('killed before the commit point: the staging folder is removed, the old files stay', () => {
    const dir = projectDir({ 'a.yaml': 'old a\n', '.svcgen-early/new/a.yaml': 'new a\n' });
    writeFilesAtomically(dir, [{ name: 'c.yaml', content: 'c\n' }]);
    expect(fs.readdirSync(dir).sort()).toEqual(['a.yaml', 'c.yaml']);
    expect(fs.readFileSync(path.join(dir, 'a.yaml'), 'utf8')).toBe('old a\n');
  });

  test('smoke: a convert -o killed with -9 part-way, then run again, leaves a complete folder and no staging folder', () => {
    const out = tmpDir();
    const compose = projectDir({ 'compose.yaml': `services:\n${Array.from({ length: 300 }, (_, i) => `  s${i}:\n    image: nginx\n`).join('')}` });
    const child = spawnSync('bash', ['-c', `${process.execPath} ${BIN} convert compose.yaml -o ${out} & pid=$!; sleep 1.5; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null; true`], { cwd: compose });
    expect(child.status).toBe(0);
    const r = svcgen(['convert', 'compose.yaml', '-o', out], { cwd: compose });
    expect(r.code).toBe(0);
    const names = fs.readdirSync(out);
    expect(names.filter((n) => n.startsWith('.svcgen-'))).toEqual([]);
    expect(names).toHaveLength(601); // 300 Deployments and Services, and the default network's NetworkPolicy
  });
});
