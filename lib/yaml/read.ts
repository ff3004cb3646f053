import { load, YAML11_SCHEMA, YAMLException } from 'js-yaml';

/** Limits that keep hostile input (alias bombs, huge files) from exhausting memory or time. */
export interface ReadLimits {
  /** Bytes of one input. */
  readonly maxBytes: number;
  /** Nodes of one document once aliases are expanded. */
  readonly maxNodes: number;
}
export const DEFAULT_READ_LIMITS: ReadLimits = { maxBytes: 64 * 1024 * 1024, maxNodes: 1_000_000 };

/** One YAML document of a stream, with where it is. */
export interface SourceDoc {
  readonly file: string;
  /** 0-based position of the document in its file. */
  readonly index: number;
  /** The document's text (from its `---` line, if any). */
  readonly text: string;
  /** 1-based line of the chunk's first line in the file. */
  readonly firstLine: number;
  /** 1-based line where the document's content begins (the object's line). */
  readonly line: number;
  /** The parsed value (undefined when `error` is set or the document is empty). */
  readonly value?: unknown;
  /** A YAML syntax error, with its place in the file. */
  readonly error?: { readonly line: number; readonly column: number; readonly message: string };
}

const DOC_MARKER = /^(---|\.\.\.)(\s|$)/;

/**
 * Splits a YAML stream into documents at `---` / `...` lines (a marker at column 0 can only be a
 * document boundary: block scalars are indented).
 */
export function splitDocuments(text: string): { text: string; firstLine: number }[] {
  const lines = text.split('\n');
  const chunks: { text: string; firstLine: number }[] = [];
  let start = 0;
  const flush = (end: number) => {
    if (end > start) chunks.push({ text: lines.slice(start, end).join('\n'), firstLine: start + 1 });
  };
  for (let i = 0; i < lines.length; i++) {
    const m = DOC_MARKER.exec(lines[i]);
    if (!m) continue;
    if (m[1] === '...') {
      flush(i);
      start = i + 1;
    } else if (i > start && hasContent(lines.slice(start, i))) {
      flush(i);
      start = i;
    }
  }
  flush(lines.length);
  return chunks;
}

function hasContent(lines: string[]): boolean {
  return lines.some((l) => isContentLine(l));
}

function isContentLine(l: string): boolean {
  const t = l.trim();
  return t !== '' && !t.startsWith('#') && !DOC_MARKER.test(l) && !t.startsWith('%');
}

/** Counts nodes with aliases expanded, stopping at `max`. */
export function exceedsNodes(value: unknown, max: number): boolean {
  let n = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (++n > max) return true;
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) stack.push(x);
  }
  return false;
}

/**
 * Reads every document of a YAML (or JSON) text with the YAML 1.1 types kubectl uses
 * (`yes`/`on` are booleans). Duplicate keys are errors when `strict`. Never throws on bad input:
 * a bad document carries its `error`.
 */
export function readDocuments(text: string, file: string, options: { strict?: boolean; limits?: ReadLimits } = {}): SourceDoc[] {
  const limits = options.limits ?? DEFAULT_READ_LIMITS;
  if (text.length > limits.maxBytes) {
    return [{ file, index: 0, text: '', firstLine: 1, line: 1, error: { line: 1, column: 1, message: `input is ${text.length} bytes, more than the limit of ${limits.maxBytes}` } }];
  }
  const docs: SourceDoc[] = [];
  splitDocuments(text.replace(/^\uFEFF/, '')).forEach((chunk, index) => {
    const lines = chunk.text.split('\n');
    const offset = lines.findIndex(isContentLine);
    if (offset < 0) return; // comments only
    const line = chunk.firstLine + offset;
    try {
      const value = load(chunk.text, { schema: YAML11_SCHEMA, json: options.strict === false, filename: file });
      if (value === null || value === undefined) return;
      if (exceedsNodes(value, limits.maxNodes)) {
        docs.push({ file, index, text: chunk.text, firstLine: chunk.firstLine, line, error: { line, column: 1, message: `the document expands to more than ${limits.maxNodes} nodes (a YAML alias bomb?)` } });
        return;
      }
      docs.push({ file, index, text: chunk.text, firstLine: chunk.firstLine, line, value });
    } catch (e) {
      if (!(e instanceof YAMLException)) throw e;
      const mark = e.mark;
      docs.push({
        file,
        index,
        text: chunk.text,
        firstLine: chunk.firstLine,
        line: mark ? chunk.firstLine + mark.line : line,
        error: { line: mark ? chunk.firstLine + mark.line : line, column: mark ? mark.column + 1 : 1, message: e.reason },
      });
    }
  });
  return docs;
}
