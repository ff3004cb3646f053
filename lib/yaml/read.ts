import { load, loadAll, YAML11_SCHEMA, YAMLException } from 'js-yaml';

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
      content = isContentLine(text.slice(i, eol)); // `--- {a: 1}`
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
  // a marker line carries content when something other than a comment follows it (`--- {a: 1}`)
  const t = DOC_MARKER.test(l) ? l.slice(3).trim() : l.trim();
  return t !== '' && !t.startsWith('#') && !t.startsWith('%');
}

/** How deeply a document may nest (block indentation, `- - -` and flow brackets). */
export const MAX_DEPTH = 1000;

/**
 * Whether a document's text nests deeper than `max` (measured before parsing: a parser would
 * exhaust memory or the stack first). Counts, per line, the indentation and the `- ` of nested
 * sequences, and across lines the depth of flow brackets; quoted text is skipped.
 */
export function nestsDeeper(text: string, max: number): boolean {
  let flow = 0;
  for (let i = 0; i < text.length; ) {
    const nl = text.indexOf('\n', i);
    const end = nl < 0 ? text.length : nl;
    let j = i;
    while (j < end && (text.charCodeAt(j) === 32 || (text.charCodeAt(j) === 45 && text.charCodeAt(j + 1) === 32))) j += text.charCodeAt(j) === 45 ? 2 : 1;
    if ((j - i) / 2 > max) return true;
    let quote = 0;
    for (let k = j; k < end; k++) {
      const c = text.charCodeAt(k);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 91 || c === 123) {
        if (++flow > max) return true;
      } else if (c === 93 || c === 125) flow = Math.max(0, flow - 1);
      else if (c === 35 && (k === j || text.charCodeAt(k - 1) === 32)) break; // a comment
    }
    if (nl < 0) break;
    i = nl + 1;
  }
  return false;
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
    // (the yaml package is loaded only for such a document)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parseDocument } = require('yaml') as typeof import('yaml');
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

interface ReadOptions {
  readonly strict?: boolean;
  readonly limits?: ReadLimits;
}

function sizeError(text: string, file: string, limits: ReadLimits): SourceDoc | undefined {
  // a quick bound first: a UTF-8 byte is at most 3 per UTF-16 unit
  if (text.length * 3 <= limits.maxBytes) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= limits.maxBytes) return undefined;
  return { file, index: 0, text: '', firstLine: 1, line: 1, error: { line: 1, column: 1, message: `input is ${bytes} bytes, more than the limit of ${limits.maxBytes}` } };
}

function docOf(file: string, index: number, chunk: { text: string; firstLine: number }, line: number, value: unknown, limits: ReadLimits): SourceDoc {
  // only an alias (`*name`) can make a document bigger than its text
  if (chunk.text.includes('*') && exceedsNodes(value, limits.maxNodes)) {
    return { file, index, text: chunk.text, firstLine: chunk.firstLine, line, error: { line, column: 1, message: `the document expands to more than ${limits.maxNodes} nodes (a YAML alias bomb?)` } };
  }
  return { file, index, text: chunk.text, firstLine: chunk.firstLine, line, value };
}

/** Documents parsed together by one js-yaml call (its per-call set-up is costly: ~40 µs). */
const BATCH_DOCS = 64;
const BATCH_CHARS = 512 * 1024;

type Chunk = { text: string; firstLine: number };

/**
 * Reads the documents in batches: one js-yaml call parses up to 64 of them, so that only one
 * batch's parse is in memory at a time (js-yaml's loadAll builds the events of the whole stream
 * first: 215 MB for 7 MB of YAML) while its per-call cost is shared. A batch that does not parse,
 * or whose documents do not line up with its chunks, is read again chunk by chunk, so that one bad
 * document does not hide the others and each error has its own line.
 */
function readChunks(file: string, chunks: Chunk[], offsets: number[], options: ReadOptions, onDoc: (d: SourceDoc) => void): void {
  const limits = options.limits ?? DEFAULT_READ_LIMITS;
  const loadOptions = { schema: YAML11_SCHEMA, json: options.strict === false, filename: file };
  const withContent = chunks.map((_, i) => i).filter((i) => offsets[i] >= 0);
  for (let start = 0; start < withContent.length; ) {
    const batch: number[] = [];
    let chars = 0;
    while (start < withContent.length && batch.length < BATCH_DOCS && (batch.length === 0 || chars < BATCH_CHARS)) {
      const i = withContent[start++];
      batch.push(i);
      chars += chunks[i].text.length;
    }
    let values: unknown[] | undefined;
    if (batch.length > 1 && !batch.some((i) => nestsDeeper(chunks[i].text, MAX_DEPTH))) {
      // every document of the batch after the first starts with its own marker
      const text = batch.map((i, k) => (k > 0 && !chunks[i].text.startsWith('---') ? `---\n${chunks[i].text}` : chunks[i].text)).join('');
      try {
        values = loadAll(text, null, loadOptions);
        if (values.length !== batch.length) values = undefined;
      } catch (e) {
        if (!(e instanceof YAMLException)) throw e;
      }
    }
    batch.forEach((i, k) => readOne(file, i, chunks[i], chunks[i].firstLine + offsets[i], values ? { value: values[k] } : undefined, loadOptions, options.strict !== false, limits, onDoc));
  }
}

/** One document: its value from the batch, else parsed on its own. */
function readOne(file: string, index: number, chunk: Chunk, line: number, parsed: { value: unknown } | undefined, loadOptions: Parameters<typeof load>[1], strict: boolean, limits: ReadLimits, onDoc: (d: SourceDoc) => void): void {
  if (!parsed && nestsDeeper(chunk.text, MAX_DEPTH)) {
    onDoc({ file, index, text: chunk.text, firstLine: chunk.firstLine, line, error: { line, column: 1, message: `the document nests deeper than ${MAX_DEPTH} levels: svcgen does not read it (no Kubernetes object nests so deep)` } });
    return;
  }
  let value: unknown;
  if (parsed) value = parsed.value;
  else {
    try {
      value = loadLeniently(chunk.text, loadOptions, strict);
    } catch (e) {
      if (!(e instanceof YAMLException)) throw e;
      const mark = e.mark;
      const at = mark ? chunk.firstLine + mark.line : line;
      onDoc({ file, index, text: chunk.text, firstLine: chunk.firstLine, line: at, error: { line: at, column: mark ? mark.column + 1 : 1, message: e.reason } });
      return;
    }
  }
  if (value !== null && value !== undefined) onDoc(docOf(file, index, chunk, line, value, limits));
}

/**
 * Hands on every document of a YAML (or JSON) text, one at a time, read with the YAML 1.1 types
 * kubectl uses (`yes`/`on` are booleans). Duplicate keys are errors when `strict`. Never throws on
 * bad input: a bad document carries its `error`.
 */
export function forEachDocument(text: string, file: string, options: ReadOptions, onDoc: (d: SourceDoc) => void): void {
  const tooBig = sizeError(text, file, options.limits ?? DEFAULT_READ_LIMITS);
  if (tooBig) return onDoc(tooBig);
  const chunks = splitDocuments(text.replace(/^\uFEFF/, ''));
  readChunks(file, chunks, chunks.map((c) => firstContentLine(c.text)), options, onDoc);
}

/** Every document of a text at once (see forEachDocument). */
export function readDocuments(text: string, file: string, options: ReadOptions = {}): SourceDoc[] {
  const docs: SourceDoc[] = [];
  forEachDocument(text, file, options, (d) => docs.push(d));
  return docs;
}
