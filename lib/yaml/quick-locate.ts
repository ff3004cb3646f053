/**
 * Lines of field paths in block-style YAML without a YAML parser: the shape of nearly every
 * manifest (and of everything svcgen writes). Loading the full positions parser (the `yaml`
 * package, ~70 modules) costs more than validating a small file, so the validator asks this first
 * and falls back to `Locator` for anything it does not read with certainty: flow collections it
 * must enter, quoted or plain scalars over several lines, anchors, aliases, tags, complex or
 * merge keys, tabs, directives. The answers are Locator's (the test compares them on every path of
 * every corpus manifest): the line of the last key or sequence item of the path that exists.
 */
import { parseFieldPath } from './field-path';

/**
 * A node of the document: a mapping, a sequence, or anything else (a leaf). A compose file of
 * 1,000 services has 36,000 keys, so a mapping keeps what a lookup needs and no more: the entry of
 * a key whose value is a leaf is one number (a key's leaf is only looked into when it is a flow
 * collection on the key's line), and the keys' order is the map's own.
 */
type QNode =
  | { readonly kind: 'map'; readonly line: number; readonly col: number; readonly keys: Map<string, Entry> }
  | { readonly kind: 'seq'; readonly line: number; readonly col: number; readonly items: QNode[] }
  | { readonly kind: 'leaf'; readonly line: number; readonly col: number; readonly enterable: boolean };

/** A key's line, column and value; a leaf value packed in a number (`packLeaf`). */
type Entry = { readonly line: number; readonly col: number; readonly value: QNode } | number;

/** Columns a packed entry can hold (a deeper key gets an object). */
const COLS = 4096;

function packLeaf(line: number, col: number, enterable: boolean): number {
  return (line * COLS + col) * 2 + (enterable ? 1 : 0);
}

/** An entry as its line, column, and value (a packed leaf's value: only whether it may be entered). */
function unpack(e: Entry): { line: number; col: number; value: QNode | 'leaf' | 'flow' } {
  if (typeof e !== 'number') return e;
  const at = Math.floor(e / 2);
  return { line: Math.floor(at / COLS), col: at % COLS, value: e % 2 === 1 ? 'flow' : 'leaf' };
}

class Unsupported extends Error {}

interface Line {
  /** 0-based line in the text */
  readonly no: number;
  readonly indent: number;
  /** the line from its indentation on, without a trailing comment when that is certain */
  readonly content: string;
}

const SIMPLE_KEY = /^(?:[A-Za-z_$][\w.\/$-]*|0|[1-9]\d*)$/;
const KEY_LINE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s'"#&*!|>%@`{}[\],?:-][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s+|$)(.*)$/;

/** Splits the text into lines with content (comments and blank lines dropped). */
function linesOf(text: string): Line[] {
  const out: Line[] = [];
  const raw = text.split('\n');
  raw.forEach((l, no) => {
    const line = l.endsWith('\r') ? l.slice(0, -1) : l;
    let indent = 0;
    while (indent < line.length && line[indent] === ' ') indent++;
    if (line[indent] === '\t') {
      if (line.slice(indent).trim() === '') return;
      throw new Unsupported('tab');
    }
    const rest = line.slice(indent);
    if (rest === '' || rest.startsWith('#')) return;
    out.push({ no, indent, content: rest });
  });
  return out;
}

/** The value part of `key: value` or `- value` classified; throws Unsupported when unsure. */
function classify(value: string): 'empty' | 'block-scalar' | 'scalar' | 'flow' {
  const v = value.replace(/\s+#.*$/, '').trimEnd();
  if (v === '') return 'empty';
  if (/^[&*!]/.test(v) || v.startsWith('<<')) throw new Unsupported('anchor, alias or tag');
  if (/^[|>][-+0-9]*$/.test(v)) return 'block-scalar';
  if (v.startsWith('{') || v.startsWith('[')) {
    if (!closesOnLine(v)) throw new Unsupported('flow collection over several lines');
    return 'flow';
  }
  if (v.startsWith('"')) {
    if (!/^"(?:[^"\\]|\\.)*"$/.test(v)) throw new Unsupported('double-quoted scalar over several lines');
    return 'scalar';
  }
  if (v.startsWith("'")) {
    if (!/^'(?:[^']|'')*'$/.test(v)) throw new Unsupported('single-quoted scalar over several lines');
    return 'scalar';
  }
  return 'scalar';
}

/** Whether a flow collection's brackets balance on its line (outside quotes). */
function closesOnLine(v: string): boolean {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (quote) {
      if (quote === '"' && c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return v.slice(i + 1).replace(/\s+#.*$/, '').trim() === '';
    }
  }
  return false;
}

/** The key's string value, or Unsupported when it is not plainly a string equal to its text. */
function keyOf(raw: string): string {
  const k = raw.trimEnd();
  if (k.startsWith('"')) {
    if (k.includes('\\')) throw new Unsupported('escaped key');
    return k.slice(1, -1);
  }
  if (k.startsWith("'")) return k.slice(1, -1).replace(/''/g, "'");
  if (!SIMPLE_KEY.test(k) || /^(?:true|false|null|yes|no|on|off|y|n|~)$/i.test(k)) throw new Unsupported('key that may not be a plain string');
  return k;
}

class Parser {
  private i = 0;
  constructor(private readonly lines: Line[]) {}

  public document(): QNode | undefined {
    if (this.i >= this.lines.length) return undefined;
    const first = this.lines[this.i];
    if (first.content.startsWith('%')) throw new Unsupported('directive');
    if (/^---(\s|$)/.test(first.content)) {
      if (first.content.slice(3).replace(/\s+#.*$/, '').trim() !== '') throw new Unsupported('content on the --- line');
      this.i++;
    }
    if (this.i >= this.lines.length) return undefined;
    const node = this.node(this.lines[this.i].indent, false);
    if (this.i < this.lines.length) throw new Unsupported('content after the document');
    return node;
  }

  /** A block node whose lines start at `indent` (a mapping, a sequence, or one scalar line). */
  private node(indent: number, inSeqItem: boolean): QNode {
    const l = this.lines[this.i];
    if (l.indent !== indent) throw new Unsupported('indentation');
    if (l.content === '-' || l.content.startsWith('- ')) return this.seq(indent);
    if (KEY_LINE.test(l.content)) return this.map(indent);
    void inSeqItem;
    // a scalar (or flow collection) on its own line; plain scalars may continue on deeper lines.
    // A colon and a space that did not make a key (`http://a: b`) is beyond this reader.
    if (/:(\s|$)/.test(l.content) && !/^["'[{]/.test(l.content)) throw new Unsupported('key it cannot read');
    const kind = classify(l.content);
    this.i++;
    this.skipDeeper(indent, kind === 'scalar' && !/^["']/.test(l.content));
    return { kind: 'leaf', line: l.no, col: l.indent, enterable: kind === 'flow' };
  }

  /** Skips lines deeper than `indent` (a block scalar's, or a plain scalar's continuation). */
  private skipDeeper(indent: number, plainContinuation: boolean): void {
    while (this.i < this.lines.length && this.lines[this.i].indent > indent) {
      if (plainContinuation && (KEY_LINE.test(this.lines[this.i].content) || this.lines[this.i].content.startsWith('- '))) throw new Unsupported('ambiguous continuation');
      this.i++;
    }
  }

  private map(indent: number): QNode {
    const first = this.lines[this.i];
    const keys = new Map<string, Entry>();
    while (this.i < this.lines.length && this.lines[this.i].indent === indent) {
      const l = this.lines[this.i];
      const m = KEY_LINE.exec(l.content);
      if (!m) {
        if (l.content === '-' || l.content.startsWith('- ')) break; // a sequence at a parent's indentation
        throw new Unsupported('not a key');
      }
      const key = keyOf(m[1]);
      const value = this.valueAfter(l, indent, m[2], true);
      if (!keys.has(key)) keys.set(key, value.kind === 'leaf' && l.indent < COLS ? packLeaf(l.no, l.indent, value.enterable) : { line: l.no, col: l.indent, value });
    }
    if (this.i < this.lines.length && this.lines[this.i].indent > indent) throw new Unsupported('indentation');
    return { kind: 'map', line: first.no, col: first.indent, keys };
  }

  /** The value of a key or sequence item whose inline text is `rest` (the line is consumed here). */
  private valueAfter(l: Line, indent: number, rest: string, isKey: boolean): QNode {
    const kind = classify(rest);
    this.i++;
    if (kind === 'empty') {
      const next = this.lines[this.i];
      // a nested block, deeper; or, for a key, a sequence at the key's own indentation
      if (next && (next.indent > indent || (isKey && next.indent === indent && (next.content === '-' || next.content.startsWith('- '))))) return this.node(next.indent, false);
      if (!isKey) throw new Unsupported('empty sequence item');
      return { kind: 'leaf', line: l.no, col: l.indent, enterable: false };
    }
    if (kind === 'block-scalar') {
      this.skipDeeper(indent, false);
      return { kind: 'leaf', line: l.no, col: l.indent, enterable: false };
    }
    this.skipDeeper(indent, kind === 'scalar' && !/^["']/.test(rest));
    return { kind: 'leaf', line: l.no, col: l.indent, enterable: kind === 'flow' };
  }

  private seq(indent: number): QNode {
    const first = this.lines[this.i];
    const items: QNode[] = [];
    while (this.i < this.lines.length && this.lines[this.i].indent === indent && (this.lines[this.i].content === '-' || this.lines[this.i].content.startsWith('- '))) {
      const l = this.lines[this.i];
      const after = l.content.slice(1);
      const pad = after.length - after.trimStart().length;
      const inline = after.trimStart();
      if (inline === '' || inline.startsWith('#')) {
        items.push(this.valueAfter(l, indent, '', false));
        continue;
      }
      // the item's content starts on the dash's line: read it as a line of its own, deeper
      const col = indent + 1 + pad;
      const inner: Line = { no: l.no, indent: col, content: inline };
      this.lines[this.i] = inner;
      items.push(this.node(col, true));
    }
    return { kind: 'seq', line: first.no, col: first.indent, items };
  }
}

/** A parsed document, asked for many paths. */
export class QuickLocator {
  /** A locator, or undefined when the text is not YAML this reads with certainty. */
  public static fromText(text: string, firstLine = 1): QuickLocator | undefined {
    try {
      return new QuickLocator(new Parser(linesOf(text)).document(), firstLine);
    } catch (e) {
      if (e instanceof Unsupported) return undefined;
      throw e;
    }
  }

  private constructor(
    private readonly root: QNode | undefined,
    private readonly firstLine: number,
  ) {}

  /**
   * The 1-based file line of the field (its key, for a mapping entry; the nearest existing parent
   * for a path that does not exist).
   */
  public line(path: string): number | undefined {
    return this.position(path)?.line;
  }

  /** The 1-based file line and column of the field, as `line` finds it. */
  public position(path: string): { line: number; column: number } | undefined {
    let node: QNode | 'leaf' | 'flow' | undefined = this.root;
    if (!node) return undefined;
    let at = { line: node.line, col: node.col };
    for (const seg of parseFieldPath(path)) {
      if (typeof node === 'string') {
        // a key's flow collection (see below)
        if (node === 'flow') return { line: at.line + this.firstLine, column: -1 };
        break;
      }
      if (node.kind === 'map') {
        let entry = node.keys.get(String(seg));
        if (entry === undefined) {
          const lower = String(seg).toLowerCase();
          for (const [k, e] of node.keys) {
            if (k.toLowerCase() === lower) {
              entry = e;
              break;
            }
          }
        }
        if (entry === undefined) break;
        const e = unpack(entry);
        at = e;
        node = e.value;
      } else if (node.kind === 'seq' && typeof seg === 'number' && seg < node.items.length) {
        node = node.items[seg];
        at = node;
      } else {
        // a flow collection is on one line here (else the reader gave up): whatever the rest of
        // the path finds inside it, or not, is on that line (the column is not known: ask Locator)
        if (node.kind === 'leaf' && node.enterable) return { line: at.line + this.firstLine, column: -1 };
        break;
      }
    }
    return { line: at.line + this.firstLine, column: at.col + 1 };
  }
}
