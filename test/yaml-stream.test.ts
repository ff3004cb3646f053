/**
 * synth and convert check what they write without parsing it again: `yamlStream` gives the
 * validator each document as reading the text back would. This holds only if those documents are
 * exactly what the reader makes of the text (places and values) and the report is the same.
 */
import * as path from 'path';
import { loadApp } from '../lib/synth/load';
import { synthesizeApp } from '../lib/synth/synth';
import { validateSources } from '../lib/validate/validator';
import { forEachDocument, SourceDoc } from '../lib/yaml/read';
import { jsonCopy, toMultiDocYaml, yamlStream } from '../lib/yaml/write';
import { ROOT } from './helpers/cli';
import { COMPOSE_APPS, convertApp } from './helpers/compose';

let made: [string, unknown[]][] | undefined;

/** (once: an app file runs once per process) */
function streams(): [string, unknown[]][] {
  if (made) return made;
  const out: [string, unknown[]][] = (made = []);
  for (const app of ['main.ts', 'test/fixtures/apps/invalid-l1.ts', 'examples/voting-app.ts', 'examples/atsea.ts', 'examples/service-basics.ts', 'examples/probes.ts']) {
    out.push([app, synthesizeApp(loadApp(path.join(ROOT, app))).flatMap((c) => [...c.objects])]);
  }
  for (const app of COMPOSE_APPS) if (!app.refused) out.push([app.name, convertApp(app).objects]);
  return out;
}

test('the documents of yamlStream are what reading its text gives, and the validator says the same of both', () => {
  const all = streams();
  expect(all.length).toBeGreaterThan(140);
  let problems = 0;
  for (const [name, objects] of all) {
    const file = `${name}.k8s.yaml`;
    const { text, docs, texts } = yamlStream(objects, file);
    expect(text).toBe(toMultiDocYaml(objects));
    expect(texts.length).toBe(objects.length);
    const read: SourceDoc[] = [];
    forEachDocument(text, file, { strict: true }, (d) => read.push(d));
    expect([name, docs]).toEqual([name, read]);
    const parsed = validateSources([{ file, text }]);
    expect([name, validateSources([{ file, text, docs }])]).toEqual([name, parsed]);
    problems += parsed.summary.warnings + parsed.summary.errors;
  }
  // the problems (with their lines) are part of what was compared: invalid-l1.ts has 3 errors
  expect(problems).toBeGreaterThanOrEqual(10);
});

test('the validator cannot change the objects it is given through yamlStream', () => {
  const objects = [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } }];
  const { docs } = yamlStream(objects, 'a.yaml');
  expect(docs[0].value).toEqual(objects[0]);
  expect(docs[0].value).not.toBe(objects[0]);
});

test('jsonCopy (a document value) is the JSON round trip of its object, whatever the object holds', () => {
  const odd: unknown[] = [
    { a: 1, b: undefined, c: [1, undefined, () => 1, Symbol('s')], d: -0, e: NaN, f: Infinity, g: { h: null, i: 'x\ud800y' } },
    Object.assign(Object.create(null), { '10': 'ten', '2': 'two', z: true, ['__proto__']: { p: 1 } }),
    JSON.parse('{"__proto__": {"polluted": true}, "ok": [[[]]]}'),
    { when: new Date(0), big: new (class Box { public v = 1; })(), own: { toJSON: () => 'replaced' } },
    { fn: () => 1, sym: Symbol('s'), arr: new Array(3) },
    [1, 'two', false, null, { deep: [[[{ deeper: [] }]]] }],
  ];
  for (const o of odd) {
    const copy = jsonCopy(o);
    expect(copy).toStrictEqual(JSON.parse(JSON.stringify(o)));
    expect(JSON.stringify(copy)).toBe(JSON.stringify(o));
    expect(Object.getPrototypeOf(copy)).toBe(Array.isArray(copy) ? Array.prototype : Object.prototype);
  }
  // (-0 becomes 0, as JSON writes it: equality does not tell them apart)
  expect(Object.is((jsonCopy({ d: -0 }) as { d: number }).d, 0)).toBe(true);
  // (nothing polluted: a "__proto__" key is a key of the copy)
  expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  expect(() => jsonCopy(cyclic)).toThrow(TypeError);
});

describe('the fast YAML writer', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { dump } = require('js-yaml') as typeof import('js-yaml');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { fastYaml } = require('../lib/yaml/write') as typeof import('../lib/yaml/write');
  const jsYaml = (o: unknown) => dump(o, { noRefs: true, lineWidth: -1, sortKeys: false });

  test('writes every object svcgen makes of the corpus and the examples as js-yaml does', () => {
    let fast = 0;
    let total = 0;
    for (const [name, objects] of streams()) {
      for (const o of objects) {
        total++;
        const f = fastYaml(o);
        if (f === undefined) continue;
        fast++;
        expect([name, f]).toEqual([name, jsYaml(o)]);
      }
    }
    expect(total).toBeGreaterThan(1000);
    // the point of it: js-yaml is left only the objects with multi-line strings or unusual keys
    expect(fast / total).toBeGreaterThan(0.9);
  });

  test('writes random values as js-yaml does, or leaves them to it', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const strings = ['a', 'web', 'n', 'y', 'Yes', 'ON', 'null', 'Null', '~', '80', '0755', '1.5', '1e3', '-x', 'a b', 'a:b', 'a: b', 'x#y', 'x #y', '', ' lead', 'trail ', 'é', '/p/q', 'app.kubernetes.io/name', '.inf', 'NaN', '@at', '*star', '&amp', '!bang', '%pc', "it's", 'q"uote', 'tab\there', 'multi\nline', 'a,b', '[x]', '{y}', '2024-01-01', '0x1F', '+1', 'true', 'FALSE', 'k8s', '_u', 'a-', 'a.'];
    const value = (depth: number): unknown => {
      const r = rnd(10);
      if (depth > 3 || r < 4) {
        const s = rnd(7);
        return s === 0 ? rnd(100000) - 500 : s === 1 ? rnd(1000) / 7 : s === 2 ? rnd(2) === 0 : s === 3 ? null : strings[rnd(strings.length)];
      }
      if (r < 7) return Array.from({ length: rnd(4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: rnd(4) }, () => [strings[rnd(strings.length)], value(depth + 1)]));
    };
    let fast = 0;
    for (let i = 0; i < 20000; i++) {
      const o = { kind: 'X', spec: value(0), [strings[rnd(strings.length)]]: value(1) };
      const f = fastYaml(o);
      if (f === undefined) continue;
      fast++;
      expect(f).toBe(jsYaml(o));
    }
    expect(fast).toBeGreaterThan(2000);
  });
});
