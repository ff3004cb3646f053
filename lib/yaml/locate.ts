import { isMap, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';

/** `spec.ports[1].name` -> ['spec', 'ports', 1, 'name']; `metadata.labels[app]` -> [..., 'labels', 'app']. */
export function parseFieldPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) {
    if (m[1] !== undefined) out.push(m[1]);
    else out.push(/^\d+$/.test(m[2]) ? Number(m[2]) : m[2]);
  }
  return out;
}

/**
 * Finds lines of field paths in one YAML document (slow path: only documents with problems are
 * parsed again, with positions). A path that does not exist (a required field) resolves to its
 * nearest existing parent.
 */
export class Locator {
  private readonly doc;
  private readonly lines = new LineCounter();

  constructor(text: string, private readonly firstLine: number) {
    this.doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: false, strict: false });
  }

  /** The 1-based file line of the field (its key, for a mapping entry). */
  public line(path: string): number | undefined {
    let node: unknown = this.doc.contents;
    let offset: number | undefined = rangeStart(node);
    for (const seg of parseFieldPath(path)) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg)) ??
          node.items.find((p) => isScalar(p.key) && String(p.key.value).toLowerCase() === String(seg).toLowerCase());
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
    return this.lines.linePos(offset).line + this.firstLine - 1;
  }
}

function rangeStart(n: unknown): number | undefined {
  return (n as Node | undefined)?.range?.[0];
}
