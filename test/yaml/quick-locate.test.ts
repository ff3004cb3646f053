/**
 * QuickLocator answers for Locator (the `yaml` package's positions) whenever it answers at all:
 * checked on every path of every document of the fixtures (seed examples, real manifests, the
 * Compose corpus, which is YAML of all styles) and of svcgen's own output, with paths that do
 * not exist, in another case, and out of range.
 */
import * as fs from 'fs';
import * as path from 'path';
import { load } from 'js-yaml';
import { Locator } from '../../lib/yaml/locate';
import { QuickLocator } from '../../lib/yaml/quick-locate';
import { splitDocuments } from '../../lib/yaml/read';
import { toMultiDocYaml } from '../../lib/yaml/write';
import { ROOT } from '../helpers/cli';
import { filesUnder } from '../helpers/files';
import { COMPOSE_APPS, convertApp } from '../helpers/compose';

/** Every path to every node of a value, as the validator writes field paths, and some that do not exist. */
function pathsOf(value: unknown, prefix = ''): string[] {
  const out: string[] = [prefix];
  if (Array.isArray(value)) {
    value.forEach((v, i) => out.push(...pathsOf(v, `${prefix}[${i}]`)));
    out.push(`${prefix}[${value.length}]`, `${prefix}[${value.length}].name`);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const key = /^[\w-]+$/.test(k) ? `${prefix ? `${prefix}.` : ''}${k}` : `${prefix}[${k}]`;
      out.push(...pathsOf(v, key));
      if (/^[a-z]/.test(k)) out.push(key.replace(/[^.[]*$/, (x) => x.toUpperCase()));
    }
    out.push(`${prefix ? `${prefix}.` : ''}noSuchField`, `${prefix ? `${prefix}.` : ''}noSuchField.deeper`);
  } else {
    out.push(`${prefix}.inside`, `${prefix}[0]`);
  }
  return out.filter((p) => p !== '' || prefix === '');
}

test('QuickLocator gives the lines Locator gives, on every path of every fixture and output document', () => {
  const texts: [string, string][] = filesUnder(path.join(ROOT, 'test', 'fixtures'), /\.ya?ml$/).map((f) => [path.relative(ROOT, f), fs.readFileSync(f, 'utf8')]);
  for (const app of COMPOSE_APPS.slice(0, 60)) if (!app.refused) texts.push([`converted ${app.name}`, toMultiDocYaml(convertApp(app).objects)]);
  let docs = 0;
  let read = 0;
  let compared = 0;
  const differ: string[] = [];
  for (const [name, text] of texts) {
    for (const chunk of splitDocuments(text)) {
      let value: unknown;
      try {
        value = load(chunk.text);
      } catch {
        continue; // not YAML: the validator reports it and never asks for a line
      }
      if (value === null || value === undefined) continue;
      docs++;
      const quick = QuickLocator.fromText(chunk.text, chunk.firstLine);
      if (!quick) continue;
      read++;
      const full = Locator.fromText(chunk.text, chunk.firstLine);
      for (const p of pathsOf(value)) {
        compared++;
        const [a, b] = [quick.line(p), full.line(p)];
        if (a !== b && differ.length < 20) differ.push(`${name}:${chunk.firstLine}: ${p}: quick ${a}, Locator ${b}`);
        // the column too, where it knows it (not inside a flow collection)
        const [qa, fb] = [quick.position(p), full.position(p)];
        if (qa && qa.column !== -1 && (qa.column !== fb?.column || qa.line !== fb?.line) && differ.length < 20) differ.push(`${name}:${chunk.firstLine}: ${p}: quick ${JSON.stringify(qa)}, Locator ${JSON.stringify(fb)}`);
      }
    }
  }
  expect(differ).toEqual([]);
  expect(docs).toBeGreaterThan(1000);
  // the point of it: nearly every document is read without the full parser
  expect(read / docs).toBeGreaterThan(0.9);
  expect(compared).toBeGreaterThan(100_000);
  process.stdout.write(`quick-locate: ${read} of ${docs} documents read, ${compared} paths compared\n`);
});

test.each([
  ['a flow mapping over lines', 'a: {b: 1,\n  c: 2}\n'],
  ['an anchor and an alias', 'a: &x\n  b: 1\nc: *x\n'],
  ['a tag', 'a: !!str 1\n'],
  ['a quoted scalar over lines', 'a: "one\n  two"\nb: 1\n'],
  ['a complex key', '? a\n: 1\n'],
  ['a tab', 'a:\n\tb: 1\n'],
  ['a directive', '%YAML 1.2\n---\na: 1\n'],
  ['a key that is not a plain string', 'on: 1\n'],
  ['a colon that makes no key here', '- http://a: b\n'],
])('leaves %s to Locator', (_what, text) => {
  expect(QuickLocator.fromText(text)).toBeUndefined();
});

test('block scalars, comments, sequences at their key\'s indentation, and a --- line', () => {
  const text = '---\n# c\nkind: A\nspec:\n  script: |\n    a: b\n    - c\n\n  ports:\n  - name: x\n    port: 1\n  -\n    name: y\nafter: 1\n';
  const q = QuickLocator.fromText(text, 10)!;
  const l = Locator.fromText(text, 10);
  for (const p of ['', 'kind', 'spec', 'spec.script', 'spec.ports', 'spec.ports[0].port', 'spec.ports[1]', 'spec.ports[1].name', 'after', 'spec.nope']) expect([p, q.line(p)]).toEqual([p, l.line(p)]);
  expect(q.line('spec.ports[1].name')).toBe(22);
});
