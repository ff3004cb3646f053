import * as fs from 'fs';
import * as path from 'path';
import { load, loadAll } from 'js-yaml';
import { SEED_DIR } from '../helpers/seed';
import { projectDir, svcgen, tmpDir } from '../helpers/cli';


describe('svcgen convert', () => {
  test('a repository as cloned: missing secret, config and env files become references with the command that creates them', () => {
    const dir = projectDir({
      'compose.yaml':
        'services:\n  web:\n    image: nginx\n    env_file: web.env\n    secrets: [db_pw]\n    configs: [nginx]\n' +
        'secrets:\n  db_pw:\n    file: ./devsecrets/db_pw\nconfigs:\n  nginx:\n    file: ./conf/nginx.conf\n',
      'web.env.example': 'MODE=\nDB_PASSWORD=\n',
    });
    const r = svcgen(['convert', 'compose.yaml', '--namespace', 'shop'], { cwd: dir });
    expect(r.code).toBe(0);
    const objs = loadAll(r.stdout) as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    // nothing invented is written as a value: no Secret or ConfigMap objects, only references
    expect(objs.map((o) => o.kind)).toEqual(['Deployment', 'Service', 'NetworkPolicy']);
    const pod = objs[0].spec.template.spec;
    expect(pod.containers[0].envFrom).toEqual([{ secretRef: { name: 'web-env' } }]);
    expect(pod.volumes.map((v: Record<string, any>) => v.secret?.secretName ?? v.configMap?.name)).toEqual(['nginx', 'db-pw']); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(r.stderr).toContain('web.env is not in the project (kept out of git?): the container reads its variables from Secret "web-env", which you create before deploying: kubectl create secret generic web-env --from-env-file=web.env -n shop (web.env.example names MODE, DB_PASSWORD)');
    expect(r.stderr).toContain('secret "db_pw": ./devsecrets/db_pw is not in the project (kept out of git?): the Pods mount Secret "db-pw", which you create before deploying: kubectl create secret generic db-pw --from-file=db_pw=devsecrets/db_pw -n shop');
    expect(r.stderr).toContain('config "nginx": ./conf/nginx.conf is not in the project (kept out of git?): the Pods mount ConfigMap "nginx", which you create before deploying: kubectl create configmap nginx --from-file=nginx=conf/nginx.conf -n shop');
  });

  test('inputs as docker compose takes them: a folder (base + override), - for standard input, -f FILE, COMPOSE_FILE', () => {
    const dir = projectDir({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n', 'compose.override.yaml': 'services:\n  web:\n    environment: {FROM_OVERRIDE: "yes"}\n' });
    const names = (r: { stdout: string }) => (loadAll(r.stdout) as Record<string, any>[]).map((o) => `${o.kind}/${o.metadata.name}`); // eslint-disable-line @typescript-eslint/no-explicit-any
    const folder = svcgen(['convert', dir]);
    expect(folder.code).toBe(0);
    expect(folder.stdout).toContain('FROM_OVERRIDE');
    const stdin = svcgen(['convert', '-'], { cwd: dir, input: 'services:\n  api:\n    image: nginx\n    env_file: vars.env\n' });
    expect(names(stdin)).toEqual(['Deployment/api', 'Service/api', 'NetworkPolicy/network-default']);
    expect(stdin.stderr).toContain('<stdin>:4: service "api": env_file: vars.env is not in the project'); // relative to the current folder
    const f = svcgen(['convert', '-f', 'compose.yaml'], { cwd: dir });
    expect([f.code, f.stdout.includes('FROM_OVERRIDE')]).toEqual([0, false]);
    const env = svcgen(['convert'], { cwd: dir, env: { COMPOSE_FILE: 'compose.yaml' } });
    expect([env.code, env.stdout.includes('FROM_OVERRIDE')]).toEqual([0, false]);
    expect(svcgen(['convert'], { cwd: dir }).stdout).toContain('FROM_OVERRIDE');
    expect(svcgen(['convert', path.join(dir, 'nothing-here')]).stderr).toContain('no such file or folder');
  });

  test('base + override: mounts merge by container path, and each warning names the file and line that set its item', () => {
    const dir = projectDir({
      'compose.yaml': 'services:\n  web:\n    image: nginx\n    volumes:\n      - data:/data\n      - /var/log/app:/logs\nvolumes:\n  data: {}\n',
      'compose.override.yaml': 'services:\n  web:\n    volumes:\n      - other:/data\nvolumes:\n  other: {}\n',
    });
    const r = svcgen(['convert'], { cwd: dir });
    expect(r.code).toBe(0);
    const pod = (loadAll(r.stdout) as Record<string, any>[]).find((o) => o.kind === 'Deployment')?.spec.template.spec; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(pod.volumes.map((v: Record<string, any>) => v.persistentVolumeClaim?.claimName ?? v.hostPath?.path)).toEqual(['/var/log/app', 'other']); // eslint-disable-line @typescript-eslint/no-explicit-any
    // the host path was set by compose.yaml line 6, although it is the first mount after the merge
    expect(r.stderr).toContain('compose.yaml:6: service "web": volumes: bind mount of the host path /var/log/app');
  });

  test('env names Kubernetes 1.28 rejects: A:B becomes A__B (as .NET reads it), others are left out, each with a warning', () => {
    const dir = projectDir({ 'compose.yaml': 'services:\n  result:\n    image: x\n    environment:\n      ConnectionStrings:ResultData: "Server=db"\n      1BAD: x\n      GOOD: y\n' });
    const r = svcgen(['convert', 'compose.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    const env = (loadAll(r.stdout) as Record<string, any>[])[0].spec.template.spec.containers[0].env; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(env).toEqual([{ name: 'ConnectionStrings__ResultData', value: 'Server=db' }, { name: 'GOOD', value: 'y' }]);
    expect(r.stderr).toContain('ConnectionStrings:ResultData is not a valid Kubernetes variable name: it became ConnectionStrings__ResultData');
    expect(r.stderr).toContain('1BAD is not a valid Kubernetes variable name');
  });

  test('kompose.service.nodeport.port outside 30000-32767: allocated, with a warning (not an invalid Service)', () => {
    const dir = projectDir({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n    labels:\n      kompose.service.nodeport.port: "80"\n' });
    const r = svcgen(['convert', 'compose.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('kompose.service.nodeport.port 80 is outside the node-port range 30000-32767');
    expect((loadAll(r.stdout) as Record<string, any>[])[1].spec.ports[0].nodePort).toBeUndefined(); // eslint-disable-line @typescript-eslint/no-explicit-any
  });

  test('kompose.ephemeral-storage.* labels become ephemeral-storage limits and requests, not labels (as kompose reads them)', () => {
    const dir = projectDir({ 'compose.yaml': 'services:\n  web:\n    image: x\n    deploy:\n      labels:\n        kompose.ephemeral-storage.limit: 2G\n        kompose.ephemeral-storage.request: 512M\n' });
    const r = svcgen(['convert', 'compose.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    const d = (loadAll(r.stdout) as Record<string, any>[])[0]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(d.spec.template.spec.containers[0].resources).toEqual({ requests: { 'ephemeral-storage': '512Mi' }, limits: { 'ephemeral-storage': '2Gi' } });
    expect(JSON.stringify(d.metadata.labels ?? {})).not.toContain('ephemeral');
  });

  test('extra_hosts host-gateway is reported, not made an invalid host alias', () => {
    const dir = projectDir({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    extra_hosts: ["host.docker.internal:host-gateway", "db.local:10.1.2.3"]\n' });
    const r = svcgen(['convert', 'compose.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect((loadAll(r.stdout) as Record<string, any>[])[0].spec.template.spec.hostAliases).toEqual([{ ip: '10.1.2.3', hostnames: ['db.local'] }]); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(r.stderr).toContain("host.docker.internal:host-gateway: not converted: a host alias needs an IP address (Docker's host-gateway has no Kubernetes equivalent");
  });

  test('a variable used without a default and not set: a warning, as Compose gives (it became an empty string)', () => {
    const dir = projectDir({ 'compose.yaml': 'services:\n  web:\n    image: "nginx:${TAG}"\n    environment:\n      B: ${SET_ONE:-x}\n' });
    const r = svcgen(['convert', 'compose.yaml'], { cwd: dir, env: { TAG: '' } });
    expect(r.code).toBe(0);
    const u = svcgen(['convert', 'compose.yaml'], { cwd: dir });
    expect(u.stderr).toContain('compose.yaml:3: service "web": image: ${TAG} is not set: it became an empty string (set it in the environment or .env, or give a default: ${TAG:-value})');
    expect(r.stderr).not.toContain('is not set'); // set, even if empty
    expect(u.stderr).not.toContain('SET_ONE');
  });

  test('env files are read as Compose reads them: KEY: value lines, and values interpolated', () => {
    const dir = projectDir({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    env_file: web.env\n', 'web.env': 'MODE: prod\nURL=http://${HOST:-db}:5432\n' });
    const r = svcgen(['convert', 'compose.yaml'], { cwd: dir, env: { HOST: 'pg' } });
    expect(r.code).toBe(0);
    expect((loadAll(r.stdout) as Record<string, any>[]).find((o) => o.kind === 'ConfigMap')?.data).toEqual({ MODE: 'prod', URL: 'http://pg:5432' }); // eslint-disable-line @typescript-eslint/no-explicit-any
  });

  const swarm = path.join(SEED_DIR, 'go-demo-2', 'go-demo-2-swarm.yml');

  test('--stdout prints the manifests, warnings go to stderr with a count; same input, same bytes', () => {
    const a = svcgen(['convert', swarm, '--stdout']);
    const b = svcgen(['convert', swarm]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect((loadAll(a.stdout) as { kind: string }[]).map((o) => o.kind)).toEqual(['Deployment', 'Service', 'Deployment', 'Service', 'NetworkPolicy', 'NetworkPolicy']);
    expect(a.stderr).toBe(`${path.relative(process.cwd(), swarm)}:8: version: is obsolete in the Compose Specification and has no meaning in Kubernetes; ignored\n1 warning; 6 objects from 2 services\n`);
  });

  test('-o folder: one file per object; -o file.yaml: one multi-document file; --format json', () => {
    const out = tmpDir();
    expect(svcgen(['convert', swarm, '-o', out]).code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual([
      'api-deployment.yaml', 'api-published-networkpolicy.yaml', 'api-service.yaml', 'db-deployment.yaml', 'db-service.yaml', 'network-default-networkpolicy.yaml',
    ]);
    const file = path.join(tmpDir(), 'all.yaml');
    expect(svcgen(['convert', swarm, '-o', file]).code).toBe(0);
    expect(loadAll(fs.readFileSync(file, 'utf8'))).toHaveLength(6);
    const json = JSON.parse(svcgen(['convert', swarm, '--format', 'json']).stdout);
    expect([json.kind, json.items.length]).toEqual(['List', 6]);
    // --no-network-policies: no policies and no network labels on the Pods
    const plain = loadAll(svcgen(['convert', swarm, '--no-network-policies']).stdout) as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(plain.map((o) => o.kind)).toEqual(['Deployment', 'Service', 'Deployment', 'Service']);
    expect(JSON.stringify(plain)).not.toContain('network.svcgen.dev');
  });

  test('--format ts writes a program that synthesizes to the same YAML', () => {
    const out = path.join(process.cwd(), 'test', '.generated', 'cli-ts');
    fs.rmSync(out, { recursive: true, force: true });
    expect(svcgen(['convert', swarm, '--format', 'ts', '-o', out]).code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['cdk8s.yaml', 'main.ts', 'package.json']);
    const synth = svcgen(['synth', '--app', path.join(out, 'main.ts'), '--stdout']);
    expect(synth.stdout).toBe(svcgen(['convert', swarm]).stdout);
  });

  test('the default files of the current folder, with the override file', () => {
    const dir = projectDir({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n', 'compose.override.yaml': 'services:\n  web:\n    image: nginx:1.25\n' });
    const r = svcgen(['convert'], { cwd: dir });
    expect(r.code).toBe(0);
    expect((loadAll(r.stdout) as { kind: string; spec: { template?: { spec: { containers: { image: string }[] } } } }[])[0].spec.template!.spec.containers[0].image).toBe('nginx:1.25');
  });

  const big = Buffer.alloc(20 * 1024 * 1024, 'a');
  const bomb = ['x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((c, i) => `x-${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`), 'services:', '  web:', '    image: nginx', '    labels: *i', ''].join('\n');
  test.each<[string, Record<string, string | Buffer>, RegExp]>([
    ['invalid YAML', { 'compose.yaml': 'services:\n  web:\n    image: [nginx\n' }, /compose\.yaml:\d+:\d+: invalid YAML/],
    ['a schema violation', { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    portz: ["80"]\n' }, /compose\.yaml:4:5: services\.web\.portz: "portz" is not a Compose key here \(Compose Specification schema\)/],
    // (the schema's deep equality of items is loaded on first use: build-validators.js lazyRuntime)
    ['the same port twice, as a mapping', { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports:\n      - {target: 80, published: 8080}\n      - {target: 80, published: 8080}\n' }, /compose\.yaml:4:5: services\.web\.ports: must NOT have duplicate items \(items ## 0 and 1 are identical\) \(Compose Specification schema\)/],
    ['an undefined service in depends_on', { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    depends_on: [db]\n' }, /compose\.yaml:4:5: services\.web\.depends_on: service "db" is not defined/],
    ['all services in disabled profiles', { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    profiles: [debug]\n' }, /compose\.yaml:1:1: no service to convert: every service is in a profile that is not enabled \(debug\): pass --profile NAME/],
    ['a secret file outside the folder', { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    secrets: [s]\nsecrets:\n  s: {file: ../../etc/passwd}\n' }, /secrets\.s\.file.*is outside the project folder .*use --allow-outside-files/],
    ['a YAML alias bomb', { 'compose.yaml': bomb }, /aliases expand too far: svcgen refuses YAML alias bombs/],
    ['a 20 MB file', { 'compose.yaml': big }, /compose\.yaml: the file is 20971520 bytes, more than the 10485760 svcgen reads/],
    ['a port like "abc:80"', { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["abc:80"]\n' }, /compose\.yaml:4:13: services\.web\.ports\[0\]: published port "abc" is not a port number/],
  ])('%s: one clear message, exit 1, quickly, nothing written', (_what, files, message) => {
    const dir = projectDir(files);
    const out = tmpDir();
    const t = Date.now();
    const r = svcgen(['convert', path.join(dir, 'compose.yaml'), '-o', out], { cwd: dir });
    expect(Date.now() - t).toBeLessThan(10_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n').filter((l) => l.startsWith('svcgen: error:'))).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  test('usage errors exit 2', () => {
    expect(svcgen(['convert', swarm, '--format', 'helm']).code).toBe(2);
    expect(svcgen(['convert', swarm, '--controller', 'pod']).code).toBe(2);
    expect(svcgen(['convert', 'no-such.yaml']).code).toBe(2);
    expect(svcgen(['convert'], { cwd: tmpDir() }).code).toBe(2);
  });

  test('--allow-outside-files lets a referenced file outside the folder be read', () => {
    const outside = tmpDir();
    fs.writeFileSync(path.join(outside, 'pw.txt'), 'x');
    const dir = projectDir({ 'compose.yaml': `services:\n  web:\n    image: nginx\n    secrets: [s]\nsecrets:\n  s: {file: ${path.join(outside, 'pw.txt')}}\n` });
    expect(svcgen(['convert', path.join(dir, 'compose.yaml')]).code).toBe(1);
    expect(svcgen(['convert', path.join(dir, 'compose.yaml'), '--allow-outside-files']).code).toBe(0);
  });

  test('errors the validator finds in the converted output point at the compose file and line of the service, not at a construct or a manifest', () => {
    const dir = projectDir({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n  api:\n    image: nginx\n    dns_search: ["-bad-"]\n' });
    const r = svcgen(['convert', 'compose.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^svcgen: error: compose\.yaml:4:3: service "api": Deployment\/api: spec\.template\.spec\.dnsConfig\.searches\[0\]: Invalid value: "-bad-": a lowercase RFC 1123 subdomain/);
    expect(r.stderr).not.toMatch(/converted\/|workload-api|\n\s+at /);
  });

  test('JSON input is read too', () => {
    const dir = projectDir({ 'compose.json': JSON.stringify({ services: { web: { image: 'nginx', ports: ['8080:80'] } } }) });
    const r = svcgen(['convert', path.join(dir, 'compose.json')]);
    expect(r.code).toBe(0);
    expect(load(r.stdout.split('---\n')[0])).toMatchObject({ kind: 'Deployment' });
  });
});

describe('--format helm and --format kustomize (rendered by the real tools in test/apiserver/formats.test.ts)', () => {
  const stack = path.join(SEED_DIR, 'go-demo-2', 'go-demo-2-swarm.yml');

  test('helm: Chart.yaml, values.yaml with images, replicas and ports, a template per object reading them', () => {
    const out = path.join(tmpDir(), 'chart');
    expect(svcgen(['convert', stack, '--format', 'helm', '-o', out]).code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['Chart.yaml', 'templates', 'values.yaml']);
    expect(load(fs.readFileSync(path.join(out, 'Chart.yaml'), 'utf8'))).toMatchObject({ apiVersion: 'v2', name: 'go-demo-2', version: '0.1.0' });
    expect(load(fs.readFileSync(path.join(out, 'values.yaml'), 'utf8'))).toEqual({
      api: { replicas: 3, containers: { api: { image: 'vfarcic/go-demo-2' } }, service: { ports: [8080] } },
      db: { containers: { db: { image: 'mongo' } } },
    });
    const deployment = fs.readFileSync(path.join(out, 'templates', 'api-deployment.yaml'), 'utf8');
    expect(deployment).toContain('replicas: {{ index .Values "api" "replicas" }}');
    expect(deployment).toContain('image: {{ index .Values "api" "containers" "api" "image" | quote }}');
    expect(fs.readFileSync(path.join(out, 'templates', 'api-service.yaml'), 'utf8')).toContain('- port: {{ index .Values "api" "service" "ports" 0 }}\n      targetPort: 8080');
  });

  test('helm: literal {{ in a config file is escaped, not read by the template engine', () => {
    const dir = projectDir({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    configs: [tpl]\nconfigs:\n  tpl:\n    content: "Hello {{ .Name }}"\n' });
    const out = path.join(dir, 'chart');
    expect(svcgen(['convert', 'compose.yaml', '--format', 'helm', '-o', out], { cwd: dir }).code).toBe(0);
    expect(fs.readFileSync(path.join(out, 'templates', 'tpl-configmap.yaml'), 'utf8')).toContain('Hello {{ "{{" }} .Name {{ "}}" }}');
  });

  test('kustomize: kustomization.yaml listing one file per object', () => {
    const out = path.join(tmpDir(), 'base');
    expect(svcgen(['convert', stack, '--format', 'kustomize', '-o', out]).code).toBe(0);
    const k = load(fs.readFileSync(path.join(out, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
    expect(k).toMatchObject({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' });
    expect([...k.resources].sort()).toEqual(fs.readdirSync(out).filter((f) => f !== 'kustomization.yaml').sort());
  });

  test('both need a folder; --svcgen-package sets the ts program\'s dependency', () => {
    const r = svcgen(['convert', stack, '--format', 'helm']);
    expect([r.code, r.stderr]).toEqual([2, 'svcgen: error: --format helm writes a folder (a chart: Chart.yaml, values.yaml, templates/): give it with -o <folder>\n']);
    expect(svcgen(['convert', stack, '--format', 'kustomize', '-o', 'x.yaml']).code).toBe(2);
    const out = path.join(tmpDir(), 'prog');
    expect(svcgen(['convert', stack, '--format', 'ts', '-o', out, '--svcgen-package', 'file:../svcgen-0.1.0.tgz']).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'package.json'), 'utf8')).dependencies.svcgen).toBe('file:../svcgen-0.1.0.tgz');
  });
});

test('a conversion whose output Kubernetes would refuse is told at the file and line of the service, from files and from standard input; nothing is written', () => {
  // (the converter reads the files again for the positions, having let go of them to render)
  const dir = projectDir({
    'compose.yaml': 'services:\n  web:\n    image: nginx\n  api:\n    image: nginx\n',
    'compose.override.yaml': '\nservices:\n  api:\n    dns: [not-an-ip]\n',
  });
  const files = svcgen(['convert', '.', '-o', 'out'], { cwd: dir });
  expect([files.code, files.stdout]).toEqual([1, '']);
  expect(files.stderr).toBe(
    'svcgen: error: compose.override.yaml:3:3: service "api": Deployment/api: spec.template.spec.dnsConfig.nameservers[0]: Invalid value: "not-an-ip": must be valid IP address (the converted manifests would be invalid, so nothing was written: change the compose file there)\n',
  );
  expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  const stdin = svcgen(['convert', '-'], { cwd: dir, input: 'services:\n  web:\n    image: nginx\n  api:\n    image: nginx\n    dns: [not-an-ip]\n    extra_hosts: ["bad_host!:1.2.3.4"]\n' });
  expect([stdin.code, stdin.stdout]).toEqual([1, '']);
  expect(stdin.stderr).toMatch(/^svcgen: error: <stdin>:4:3: the converted manifests would be invalid, so nothing was written:\n  <stdin>:4: service "api": Deployment\/api: spec\.template\.spec\.hostAliases\[0\]\.hostnames\[0\]: Invalid value: "bad_host!"[^\n]*\n  <stdin>:4: service "api": Deployment\/api: spec\.template\.spec\.dnsConfig\.nameservers\[0\]: Invalid value: "not-an-ip": must be valid IP address\n/);
});
