import { Document, isMap, isScalar, isSeq, LineCounter, Node, Pair, parseDocument, YAMLMap } from 'yaml';
import { parseFieldPath } from './field-path';

export { parseFieldPath };

/**
 * Finds lines of field paths in one YAML document (slow path: only documents with problems are
 * parsed again, with positions). A path that does not exist (a required field) resolves to its
 * nearest existing parent.
 */
export class Locator {
  /** A locator over a document already parsed with a LineCounter (no second parse). */
  public static fromDocument(doc: Document, lines: LineCounter, firstLine = 1): Locator {
    return new Locator(doc, lines, firstLine);
  }

  /** A locator over a YAML text (parsed once, with positions). */
  public static fromText(text: string, firstLine = 1): Locator {
    const lines = new LineCounter();
    return new Locator(parseDocument(text, { lineCounter: lines, uniqueKeys: false, strict: false }), lines, firstLine);
  }

  /** Each mapping's keys, indexed on first use (documents with thousands of keys stay fast). */
  private readonly index = new WeakMap<object, Map<string, Pair>>();

  private constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly firstLine: number,
  ) {}

  private pairOf(map: YAMLMap, key: string): Pair | undefined {
    let idx = this.index.get(map);
    if (!idx) {
      idx = new Map();
      for (const p of map.items) if (isScalar(p.key) && !idx.has(String(p.key.value))) idx.set(String(p.key.value), p as Pair);
      this.index.set(map, idx);
    }
    return idx.get(key);
  }

  /** The 1-based file line of the field (its key, for a mapping entry). */
  public line(path: string): number | undefined {
    return this.position(path)?.line;
  }

  /** The 1-based file line and column of the field (its key, for a mapping entry). */
  public position(path: string): { line: number; column: number } | undefined {
    let node: unknown = this.doc.contents;
    let offset: number | undefined = rangeStart(node);
    for (const seg of parseFieldPath(path)) {
      if (isMap(node)) {
        const pair = this.pairOf(node, String(seg)) ?? node.items.find((p) => isScalar(p.key) && String(p.key.value).toLowerCase() === String(seg).toLowerCase());
        if (!pair) break;
        offset = rangeStart(pair.key) ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
        node = node.items[seg];
        offset = rangeStart(node) ?? offset;
      } else {
        break;
      }
    }
    if (offset === undefined) return undefined;
    const pos = this.lines.linePos(offset);
    return { line: pos.line + this.firstLine - 1, column: pos.col };
  }
}

function rangeStart(n: unknown): number | undefined {
  return (n as Node | undefined)?.range?.[0];
}
