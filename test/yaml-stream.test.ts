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
import { toMultiDocYaml, yamlStream } from '../lib/yaml/write';
import { ROOT } from './helpers/cli';
import { COMPOSE_APPS, convertApp } from './helpers/compose';

function streams(): [string, unknown[]][] {
  const out: [string, unknown[]][] = [];
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
