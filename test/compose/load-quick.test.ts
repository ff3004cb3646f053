/**
 * Most compose files are read without the `yaml` package (js-yaml with the YAML 1.2 core schema,
 * positions from QuickLocator). That must change nothing: the same data and the same line and
 * column of every key, on every compose file of the corpus and on scalars of every type.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseFull, parseQuick } from '../../lib/compose/load';
import { ROOT } from '../helpers/cli';
import { filesUnder } from '../helpers/files';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { composeFile } = require('../../bench/generate') as { composeFile: (n: number) => string };

function pathsOf(v: unknown, prefix = ''): string[] {
  const out = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...pathsOf(x, `${prefix}[${i}]`)));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) out.push(...pathsOf((v as Record<string, unknown>)[k], /^[\w-]+$/.test(k) ? `${prefix ? `${prefix}.` : ''}${k}` : `${prefix}[${k}]`));
  return out.filter((p) => p !== '');
}

const SCALARS = `x-values:
  ints: [0, 7, -3, +4, 0o17, 0x1F, 012, 1_000, 9007199254740993]
  floats: [1.5, -0.5, 1e3, 1E-2, .5, .inf, -.Inf, .nan, 1.]
  bools: [true, false, True, FALSE, yes, no, on, off, y, n]
  nulls: [~, null, Null, NULL, '']
  strings: ['0755', "quoted: yes", plain text, 2024-01-01, 12:30, 1:2:3]
  empty:
  __proto__: {polluted: true}
  constructor: x
  "80": eighty
  multi: |
    line one
    line two
  folded: >-
    a
    b
services:
  web:
    image: nginx
    command: ["sh", "-c", "echo hi"]
    environment:
      A: 1
      B: "2"
`;

test('the quick path reads what the full path reads, with the same positions, on the whole corpus', () => {
  const texts: [string, string][] = filesUnder(path.join(ROOT, 'test', 'fixtures', 'compose'), /\.ya?ml$/).map((f) => [path.relative(ROOT, f), fs.readFileSync(f, 'utf8')]);
  texts.push(['generated 100 services', composeFile(100)], ['scalars', SCALARS]);
  let quick = 0;
  let positions = 0;
  const took: string[] = [];
  for (const [name, text] of texts) {
    const q = parseQuick(text);
    if (!q) continue;
    quick++;
    took.push(name);
    const full = parseFull(text, name);
    expect([name, q.data ?? {}]).toStrictEqual([name, full.data]);
    for (const p of pathsOf(full.data)) {
      positions++;
      expect([name, p, q.locator.position(p)]).toEqual([name, p, full.locator.position(p)]);
    }
  }
  // the point of it: most files take the quick path (the others have anchors, tags, tabs)
  expect(quick).toBeGreaterThan(texts.length * 0.5);
  expect(took).toEqual(expect.arrayContaining(['generated 100 services', 'scalars']));
  expect(positions).toBeGreaterThan(5_000);
});

test.each([
  ['a tag', 'services:\n  a:\n    ports: !reset []\n'],
  ['an anchor and a merge key', 'x: &d {image: a}\nservices:\n  a:\n    <<: *d\n'],
  ['a file mode Go reads as octal', 'configs:\n  c:\n    file: ./c\nservices:\n  a:\n    configs:\n      - source: c\n        mode: 0440\n'],
  ['a file mode in a flow mapping', 'services:\n  a:\n    configs: [{source: c, mode: 0440}]\n'],
  ['a file mode under a quoted key', 'services:\n  a:\n    configs:\n      - "mode": 0440\n'],
  ['a duplicate key (the full path says where)', 'services:\n  a:\n    image: x\n    image: y\n'],
  ['two documents', 'services: {}\n---\nservices: {}\n'],
])('%s takes the full path', (_what, text) => {
  expect(parseQuick(text)).toBeUndefined();
});
