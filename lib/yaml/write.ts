import { dump } from 'js-yaml';
import type { SourceDoc } from './read';

/**
 * Deterministic YAML for Kubernetes objects: keys in the order the objects hold them, no
 * anchors/aliases, no line folding, strings that YAML 1.1 would read as something else quoted
 * ('yes', 'on', '0755'). Same input, same bytes.
 */
export function toYaml(obj: unknown): string {
  return fastYaml(obj) ?? jsYaml(obj);
}

const OPTIONS = { noRefs: true, lineWidth: -1, sortKeys: false } as const;

function jsYaml(obj: unknown): string {
  return dump(obj, OPTIONS);
}

/** A string js-yaml writes as it is, in any place: starts like a name, no spaces or indicators, not a YAML 1.1 word. */
const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;
const WORDS = /^(?:y|n|yes|no|on|off|true|false|null|nan|inf|infinity)$/i;

class Unsure extends Error {}

const isPlainObject = (v: object) => {
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
};

/**
 * How js-yaml writes the scalars the fast path cannot decide (quoted numbers, strings with spaces
 * or colons): one js-yaml call per document for all of them, as items of one sequence (a block
 * value and a sequence item are written alike), remembered across documents.
 */
const written = new Map<string | number, string>();

function learn(values: Set<string | number>): void {
  const todo = [...values].filter((v) => !written.has(v));
  if (!todo.length) return;
  if (written.size > 50_000) written.clear();
  const lines = jsYaml(todo).split('\n');
  if (lines.length === todo.length + 1 && lines.every((l, i) => i === todo.length || l.startsWith('- '))) todo.forEach((v, i) => written.set(v, lines[i].slice(2)));
  else for (const v of todo) written.set(v, jsYaml(v).slice(0, -1));
}

/** Whether js-yaml writes this string as it is; else it goes to `learn`. */
const plainString = (v: string) => v.length <= 1024 && PLAIN.test(v) && !WORDS.test(v);
const plainNumber = (v: number) => Number.isInteger(v) && !Object.is(v, -0) && Math.abs(v) < 1e21;

/** One scalar as js-yaml writes it in a block mapping value or sequence item (one line). */
function scalar(v: unknown): string {
  if (typeof v === 'string') return plainString(v) ? v : written.get(v)!;
  if (typeof v === 'number') return plainNumber(v) ? String(v) : written.get(v)!;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null) return 'null';
  throw new Unsure();
}

/** The scalars of a value that js-yaml must write; Unsure for what the fast path leaves alone. */
function undecided(v: unknown, out: Set<string | number>): void {
  if (typeof v === 'string') {
    if (plainString(v)) return;
    // a block scalar's indentation depends on where it is: leave the document to js-yaml
    if (v.includes('\n') || v.includes('\r')) throw new Unsure();
    out.add(v);
  } else if (typeof v === 'number') {
    if (!plainNumber(v)) out.add(v);
  } else if (Array.isArray(v)) for (const x of v) undecided(x, out);
  else if (typeof v === 'object' && v !== null) for (const k of Object.keys(v)) undecided((v as Record<string, unknown>)[k], out);
}

function key(k: string): string {
  if (k.length <= 1024 && PLAIN.test(k) && !WORDS.test(k)) return k;
  throw new Unsure(); // keys have rules of their own (flow indicators, explicit keys)
}

/**
 * The block-style YAML js-yaml writes for Kubernetes objects (checked equal on every object svcgen
 * makes of the corpus, and on random values), about five times faster; undefined for anything it
 * is not sure of (multi-line strings, unusual keys, non-plain objects), which js-yaml then writes.
 */
export function fastYaml(obj: unknown): string | undefined {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj) || !isPlainObject(obj) || Object.keys(obj).length === 0) return undefined;
  const out: string[] = [];
  const pad = (n: number) => ' '.repeat(n);
  const collection = (v: unknown): 'map' | 'seq' | undefined => {
    if (typeof v !== 'object' || v === null) return undefined;
    if (Array.isArray(v)) return v.length ? 'seq' : undefined;
    if (!isPlainObject(v)) throw new Unsure();
    return Object.keys(v).length ? 'map' : undefined;
  };
  const leaf = (v: unknown) => (Array.isArray(v) ? '[]' : typeof v === 'object' && v !== null ? '{}' : scalar(v));
  const map = (o: Record<string, unknown>, indent: number, inline: boolean) => {
    let first = inline;
    for (const k of Object.keys(o)) {
      const v = o[k];
      const lead = first ? '' : pad(indent);
      first = false;
      const c = collection(v);
      if (c === 'map') {
        out.push(`${lead}${key(k)}:\n`);
        map(v as Record<string, unknown>, indent + 2, false);
      } else if (c === 'seq') {
        out.push(`${lead}${key(k)}:\n`);
        seq(v as unknown[], indent + 2, false);
      } else out.push(`${lead}${key(k)}: ${leaf(v)}\n`);
    }
  };
  const seq = (a: unknown[], indent: number, inline: boolean) => {
    let first = inline;
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (v === undefined || !(i in a)) throw new Unsure();
      const lead = first ? '- ' : `${pad(indent)}- `;
      first = false;
      const c = collection(v);
      if (c === 'map') {
        out.push(lead);
        map(v as Record<string, unknown>, indent + 2, true);
      } else if (c === 'seq') {
        out.push(lead);
        seq(v as unknown[], indent + 2, true);
      } else out.push(`${lead}${leaf(v)}\n`);
    }
  };
  try {
    const todo = new Set<string | number>();
    undecided(obj, todo);
    learn(todo);
    map(obj as Record<string, unknown>, 0, false);
  } catch (e) {
    if (e instanceof Unsure) return undefined;
    throw e;
  }
  return out.join('');
}

/**
 * Every object's YAML, the scalars js-yaml must write learned for all of them in one js-yaml call
 * (one call per document costs more than the documents' other writing).
 */
function toYamlAll(objects: readonly unknown[]): string[] {
  const todo = new Set<string | number>();
  for (const o of objects) {
    try {
      undecided(o, todo);
    } catch (e) {
      if (!(e instanceof Unsure)) throw e;
    }
  }
  learn(todo);
  return objects.map(toYaml);
}

/** A multi-document YAML stream: documents separated by `---`. */
export function toMultiDocYaml(objects: readonly unknown[]): string {
  return toYamlAll(objects).join('---\n');
}

/**
 * The multi-document stream of some objects and, for the validator, each document as reading that
 * stream back would give it (its text, lines, and value), so that what is written is checked
 * without being parsed again. A document's value is a copy (JSON) made each time it is read: the
 * validator cannot change the objects, and reads each once, so that the copies do not all live at
 * once. A document's text, and each of `texts`, is a piece of the stream's.
 */
export function yamlStream(objects: readonly unknown[], file: string): { text: string; docs: SourceDoc[]; texts: string[] } {
  const texts = toYamlAll(objects);
  const text = texts.join('---\n');
  const docs: SourceDoc[] = [];
  let line = 1;
  let end = 0;
  texts.forEach((t, index) => {
    const start = end;
    end = start + (index > 0 ? 4 : 0) + t.length;
    const docText = text.slice(start, end);
    // (the stream's piece, not a copy: both would live as long as the caller keeps the texts)
    texts[index] = text.slice(end - t.length, end);
    const object = objects[index];
    docs.push({
      file,
      index,
      text: docText,
      firstLine: line,
      line: index > 0 ? line + 1 : line,
      get value() {
        return jsonCopy(object);
      },
    });
    line += countLines(docText);
  });
  return { text, docs, texts };
}

/**
 * `JSON.parse(JSON.stringify(v))` for the plain data svcgen writes (objects with Object's or no
 * prototype, arrays, strings, finite numbers, booleans, null), without the text between: a third
 * of the time. Anything else (a toJSON, a class instance, a number JSON writes as null, a
 * function) is left to JSON itself, so the result is always what the round trip gives.
 */
export function jsonCopy(v: unknown): unknown {
  return copied(v, 0) ?? JSON.parse(JSON.stringify(v) as string);
}

const NOT_PLAIN = undefined;
/** (deeper than this is left to JSON, whose own limit then applies) */
const MAX_DEPTH = 512;

function copied(v: unknown, depth: number): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? (Object.is(v, -0) ? 0 : v) : NOT_PLAIN;
  if (typeof v !== 'object' || depth > MAX_DEPTH) return NOT_PLAIN;
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      // (JSON writes a missing item as null)
      const c = x === undefined ? null : copied(x, depth + 1);
      if (c === NOT_PLAIN) return NOT_PLAIN;
      out[i] = c;
    }
    return out;
  }
  const proto = Object.getPrototypeOf(v);
  if ((proto !== Object.prototype && proto !== null) || typeof (v as { toJSON?: unknown }).toJSON === 'function') return NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = (v as Record<string, unknown>)[k];
    // (JSON leaves out a key whose value is undefined, a function or a symbol)
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    const c = copied(x, depth + 1);
    if (c === NOT_PLAIN) return NOT_PLAIN;
    if (k === '__proto__') Object.defineProperty(out, k, { value: c, enumerable: true, writable: true, configurable: true });
    else out[k] = c;
  }
  return out;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
