import { load, loadAll, YAML11_SCHEMA, YAMLException } from 'js-yaml';
import { parseDocument } from 'yaml';

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

/** Whether the line starting at `i` is a document marker (`---` or `...` at column 0). */
function markerAt(text: string, i: number): '---' | '...' | undefined {
  const c = text.charCodeAt(i);
  if (c !== 45 /* - */ && c !== 46 /* . */) return undefined;
  const m = text.slice(i, i + 4);
  if (m.startsWith('---') && (m.length === 3 || /\s/.test(m[3]))) return '---';
  if (m.startsWith('...') && (m.length === 3 || /\s/.test(m[3]))) return '...';
  return undefined;
}

/**
 * Splits a YAML stream into documents at `---` / `...` lines (a marker at column 0 can only be a
 * document boundary: block scalars are indented). Scans line starts without splitting the text.
 */
export function splitDocuments(text: string): { text: string; firstLine: number }[] {
  const chunks: { text: string; firstLine: number }[] = [];
  let start = 0;
  let startLine = 1;
  let line = 1;
  let content = false; // whether the current chunk has content so far
  const flush = (end: number) => {
    if (end > start) chunks.push({ text: text.slice(start, end), firstLine: startLine });
  };
  for (let i = 0; i < text.length; ) {
    const nl = text.indexOf('\n', i);
    const eol = nl < 0 ? text.length : nl;
    const marker = markerAt(text, i);
    if (marker === '...') {
      flush(i);
      start = eol + 1;
      startLine = line + 1;
      content = false;
    } else if (marker === '---') {
      // a document starts here; what came before is flushed, or dropped when it had no content
      // (`---` right after `---` is an empty document, as go-yaml reads it)
      if (content) flush(i);
      start = i;
      startLine = line;
      content = false;
    } else if (!content && isContentLine(text.slice(i, eol))) {
      content = true;
    }
    if (nl < 0) break;
    i = nl + 1;
    line++;
  }
  flush(text.length);
  return chunks;
}

function isContentLine(l: string): boolean {
  const t = l.trim();
  return t !== '' && !t.startsWith('#') && !DOC_MARKER.test(l) && !t.startsWith('%');
}

/** The 0-based index of the first line with content in a chunk, -1 when it has none. */
function firstContentLine(chunk: string): number {
  let line = 0;
  for (let i = 0; i <= chunk.length; ) {
    const nl = chunk.indexOf('\n', i);
    const eol = nl < 0 ? chunk.length : nl;
    if (isContentLine(chunk.slice(i, eol))) return line;
    if (nl < 0) return -1;
    i = nl + 1;
    line++;
  }
  return -1;
}

/**
 * One document with js-yaml; where js-yaml refuses what go-yaml (kubectl's reader) accepts, such
 * as a flow sequence closed at its key's own indentation, the `yaml` package (YAML 1.1 types)
 * decides. js-yaml's error stands when both refuse.
 */
function loadLeniently(text: string, loadOptions: Parameters<typeof load>[1], strict: boolean): unknown {
  try {
    return load(text, loadOptions);
  } catch (e) {
    if (!(e instanceof YAMLException)) throw e;
    const doc = parseDocument(text, { version: '1.1', uniqueKeys: strict });
    if (doc.errors.length) throw e;
    return doc.toJS({ maxAliasCount: 10_000 });
  }
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
  const chunks = splitDocuments(text.replace(/^\uFEFF/, ''));
  const loadOptions = { schema: YAML11_SCHEMA, json: options.strict === false, filename: file };
  // fast path: one parse of the whole stream; the chunks then only give the lines. A syntax
  // error (or a count that does not line up) falls back to parsing chunk by chunk.
  let values: unknown[] | undefined;
  try {
    values = loadAll(text, null, loadOptions);
  } catch (e) {
    if (!(e instanceof YAMLException)) throw e;
  }
  const offsets = chunks.map((c) => firstContentLine(c.text));
  if (values && values.length !== offsets.filter((o) => o >= 0).length) values = undefined;
  let k = 0;
  chunks.forEach((chunk, index) => {
    const offset = offsets[index];
    if (offset < 0) return; // comments only
    const line = chunk.firstLine + offset;
    try {
      const value = values ? values[k++] : loadLeniently(chunk.text, loadOptions, options.strict !== false);
      if (value === null || value === undefined) return;
      // only an alias (`*name`) can make a document bigger than its text
      if (chunk.text.includes('*') && exceedsNodes(value, limits.maxNodes)) {
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
