import * as path from 'path';
import { loadCompose } from '../../lib/compose/load';
import { projectDir } from '../helpers/cli';

const load = (dir: string, files = ['compose.yaml'], opts = {}) => loadCompose(files.map((f) => path.join(dir, f)), { env: {}, ...opts });

describe('loading Compose files', () => {
  test('anchors, aliases and merge keys', () => {
    const dir = projectDir({
      'compose.yaml': 'x-common: &common\n  image: nginx\n  environment: {A: "1"}\nservices:\n  web:\n    <<: *common\n    ports: ["80"]\n',
    });
    expect(load(dir).model.services.web).toEqual({ image: 'nginx', environment: { A: '1' }, ports: ['80'] });
  });

  test('several files merged in order: maps merged, lists appended, command replaced', () => {
    const dir = projectDir({
      'compose.yaml': 'services:\n  web:\n    image: nginx\n    command: [a, b]\n    ports: ["80"]\n    environment: [A=1, B=2]\n',
      'override.yaml': 'services:\n  web:\n    image: nginx:1.25\n    command: [c]\n    ports: ["443"]\n    environment: {B: "3"}\n',
    });
    expect(load(dir, ['compose.yaml', 'override.yaml']).model.services.web).toEqual({
      image: 'nginx:1.25',
      command: ['c'],
      ports: ['80', '443'],
      environment: { A: '1', B: '3' },
    });
  });

  test('!reset removes and !override replaces', () => {
    const dir = projectDir({
      'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["80"]\n    labels: {a: "1"}\n',
      'override.yaml': 'services:\n  web:\n    ports: !reset []\n    labels: !override {b: "2"}\n',
    });
    expect(load(dir, ['compose.yaml', 'override.yaml']).model.services.web).toEqual({ image: 'nginx', labels: { b: '2' } });
  });

  test('interpolation from the environment and .env, with errors at their line', () => {
    const dir = projectDir({ '.env': 'TAG=1.25\n', 'compose.yaml': 'services:\n  web:\n    image: "nginx:${TAG}"\n    environment: {MODE: "${MODE:-dev}"}\n' });
    expect(load(dir).model.services.web).toEqual({ image: 'nginx:1.25', environment: { MODE: 'dev' } });
    expect(load(dir, undefined, { env: { TAG: '1.27', MODE: 'prod' } }).model.services.web.image).toBe('nginx:1.27');
    const bad = projectDir({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    environment:\n      KEY: "${KEY:?set KEY}"\n' });
    expect(() => load(bad)).toThrow(/compose\.yaml:5:7: services\.web\.environment\.KEY: required variable KEY is missing a value: set KEY$/);
  });

  test('extends, from the same file and from another one', () => {
    const dir = projectDir({
      'base.yaml': 'services:\n  common:\n    image: base\n    environment: {A: "1"}\n',
      'compose.yaml': 'services:\n  web:\n    extends: {file: base.yaml, service: common}\n    environment: {B: "2"}\n  worker:\n    extends: web\n    command: run\n',
    });
    const s = load(dir).model.services;
    expect(s.web).toEqual({ image: 'base', environment: { A: '1', B: '2' } });
    expect(s.worker).toEqual({ image: 'base', environment: { A: '1', B: '2' }, command: 'run' });
  });

  test('extends honours !override and !reset (the extending service replaces or removes the base\'s value)', () => {
    const dir = projectDir({
      'compose.yaml':
        'services:\n  base:\n    image: nginx\n    ports: ["8080:80", "8443:443"]\n    environment: {A: "1", B: "2"}\n    labels: {x: "1"}\n  web:\n    extends: base\n    ports: !override ["9090:80"]\n    environment: !reset {}\n    labels: {y: "2"}\n',
    });
    const s = load(dir).model.services;
    expect(s.web).toEqual({ image: 'nginx', ports: ['9090:80'], labels: { x: '1', y: '2' } });
    expect(s.base.ports).toEqual(['8080:80', '8443:443']);
    // an override file's !override still applies to the merge of files, and then to nothing else
    const two = projectDir({
      'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n',
      'compose.override.yaml': 'services:\n  web:\n    ports: !override ["81:80"]\n',
    });
    expect(load(two, ['compose.yaml', 'compose.override.yaml']).model.services.web.ports).toEqual(['81:80']);
  });

  test('profiles: a service with profiles is enabled only by one of them', () => {
    const dir = projectDir({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n  debug:\n    image: busybox\n    profiles: [debug]\n' });
    expect(Object.keys(load(dir).model.services)).toEqual(['web']);
    expect(Object.keys(load(dir, undefined, { profiles: ['debug'] }).model.services)).toEqual(['web', 'debug']);
  });

  test('include', () => {
    const dir = projectDir({ 'db/compose.yaml': 'services:\n  db:\n    image: postgres\n', 'compose.yaml': 'include: [db/compose.yaml]\nservices:\n  web:\n    image: nginx\n' });
    expect(Object.keys(load(dir).model.services).sort()).toEqual(['db', 'web']);
  });

  test('the project name: name:, else the folder', () => {
    const dir = projectDir({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n' });
    // as Compose: the folder's name in lower case, without other characters
    expect(load(dir).name).toBe(path.basename(dir).toLowerCase().replace(/[^-_a-z0-9]+/g, ''));
    expect(load(projectDir({ 'compose.yaml': 'name: shop\nservices:\n  web:\n    image: nginx\n' })).name).toBe('shop');
  });
});

describe('positions', () => {
  test('a key of a service whose name has a dot is found in the file that set it', () => {
    const dir = projectDir({
      'compose.yaml': 'services:\n  api.v1:\n    image: api\n',
      'override.yaml': '\n\nservices:\n  api.v1:\n    container_name: web1\n',
    });
    const p = load(dir, ['compose.yaml', 'override.yaml']);
    expect(p.position('services[api.v1].container_name')).toMatchObject({ file: expect.stringContaining('override.yaml'), line: 5 });
    expect(p.position('services[api.v1].image')).toMatchObject({ file: expect.stringContaining('compose.yaml'), line: 3 });
  });
});
