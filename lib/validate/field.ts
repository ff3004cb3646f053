/**
 * Field errors in the API server's own format (k8s.io/apimachinery/pkg/util/validation/field),
 * so that users recognise the messages: `spec.ports[1].name: Required value`.
 */

export enum ErrorType {
  REQUIRED = 'Required value',
  INVALID = 'Invalid value',
  DUPLICATE = 'Duplicate value',
  FORBIDDEN = 'Forbidden',
  NOT_SUPPORTED = 'Unsupported value',
  TOO_LONG = 'Too long',
  TOO_MANY = 'Too many',
  NOT_FOUND = 'Not found',
  /** Strict decoding: a field the schema does not declare. */
  UNKNOWN_FIELD = 'Unknown field',
  /** svcgen's own findings (warnings, whole-document problems): `path: detail`, or the detail alone. */
  NOTE = 'Note',
}

export type FieldValue = string | number | boolean | null | undefined | readonly unknown[] | object;

/** A value printed as it is (Go's `%#v` of a struct, which has no JSON equivalent). */
export class GoRaw {
  constructor(public readonly text: string) {}
}
export const goRaw = (text: string) => new GoRaw(text);

const goStrings = (xs: readonly unknown[] | undefined) => (xs ? `[]string{${xs.map((x) => JSON.stringify(String(x))).join(', ')}}` : '[]string(nil)');
const goStringMap = (m: Record<string, unknown> | undefined) =>
  m
    ? `map[string]string{${Object.keys(m)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${JSON.stringify(String(m[k]))}`)
        .join(', ')}}`
    : 'map[string]string(nil)';

/** `%#v` of a map[string]string, as the API server prints labels. */
export const goMap = (m: Record<string, unknown> | undefined) => goRaw(goStringMap(m));

/** `%#v` of an intstr.IntOrString. */
export const goIntOrString = (v: number | string) =>
  goRaw(typeof v === 'number' ? `intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}` : `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`);

/** `%#v` of a v1.LabelSelector. */
export function goLabelSelector(sel: { matchLabels?: Record<string, unknown>; matchExpressions?: { key?: string; operator?: string; values?: unknown[] }[] } | undefined) {
  const exprs = sel?.matchExpressions;
  const e = exprs
    ? `[]v1.LabelSelectorRequirement{${exprs
        .map((x) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(x.key ?? '')}, Operator:${JSON.stringify(x.operator ?? '')}, Values:${goStrings(x.values)}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return goRaw(`v1.LabelSelector{MatchLabels:${goStringMap(sel?.matchLabels)}, MatchExpressions:${e}}`);
}

/** One problem at one field path. */
export class FieldError {
  /** The id of the rule that found it (`svc-port-name-required`), set with `withRule`. */
  public rule?: string;
  /** A finding that does not make the object invalid (set with `asWarning`). */
  public warning = false;

  constructor(
    public readonly type: ErrorType,
    public readonly path: string,
    public readonly detail: string = '',
    public readonly value?: FieldValue,
    /** whether `value` is shown in the message (Required and Forbidden never show it) */
    private readonly showValue = false,
  ) {}

  /** `path: Type: value: detail`, as `field.Error.Error()` prints it. */
  get message(): string {
    if (this.type === ErrorType.NOTE) return this.path ? `${this.path}: ${this.detail}` : this.detail;
    if (this.type === ErrorType.UNKNOWN_FIELD) return `unknown field "${this.path}"${this.detail ? ` (${this.detail})` : ''}`;
    let s = `${this.path}: ${this.type}`;
    if (this.showValue) s += `: ${formatValue(this.value)}`;
    if (this.detail) s += `: ${this.detail}`;
    return s;
  }

  toString(): string {
    return this.message;
  }

  /** Marks it as a warning: worth saying, but the API server accepts the object. */
  asWarning(): this {
    this.warning = true;
    return this;
  }

  /** The same error without its value (for a Secret's data, or anything that may be secret). */
  redacted(): FieldError {
    if (!this.showValue) return this;
    const e = new FieldError(this.type, this.path, this.detail, goRaw('(value not shown: it may be secret)'), true);
    e.rule = this.rule;
    e.warning = this.warning;
    return e;
  }

  /** Tags the error with the id of the rule that found it. */
  withRule(rule: string): this {
    this.rule = rule;
    return this;
  }
}

/** Go's %q-ish formatting used by field.Error for the offending value. */
export function formatValue(v: FieldValue): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof GoRaw) return v.text;
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return `[]string{${v.map((x) => JSON.stringify(x)).join(', ')}}`;
    return JSON.stringify(v);
  }
  return JSON.stringify(v);
}

export const required = (path: string, detail = '') => new FieldError(ErrorType.REQUIRED, path, detail);
export const invalid = (path: string, value: FieldValue, detail = '') =>
  new FieldError(ErrorType.INVALID, path, detail, value, true);
export const duplicate = (path: string, value: FieldValue, detail = '') =>
  new FieldError(ErrorType.DUPLICATE, path, detail, value, true);
export const forbidden = (path: string, detail = '') => new FieldError(ErrorType.FORBIDDEN, path, detail);
/** A finding of svcgen's own, worded plainly: `path: detail` (the detail alone for a whole document). */
export const note = (path: string, detail: string) => new FieldError(ErrorType.NOTE, path, detail);
/** What strict decoding says of an undeclared field, with the closest declared one. */
export const unknownField = (path: string, suggestion?: string) =>
  new FieldError(ErrorType.UNKNOWN_FIELD, path, suggestion ? `did you mean "${suggestion}"?` : '');
export const notFound = (path: string, value: FieldValue) => new FieldError(ErrorType.NOT_FOUND, path, '', value, true);
export const tooLong = (path: string, max: number) => new FieldError(ErrorType.TOO_LONG, path, `must have at most ${max} bytes`);
export const tooMany = (path: string, actual: number, max: number) => new FieldError(ErrorType.TOO_MANY, path, `must have at most ${max} items`, actual, true);
export const notSupported = (path: string, value: FieldValue, supported: readonly string[]) =>
  new FieldError(
    ErrorType.NOT_SUPPORTED,
    path,
    supported.length ? `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` : '',
    value,
    true,
  );

/** `spec.ports` + 1 -> `spec.ports[1]`; `metadata` + `name` -> `metadata.name`. */
export function child(path: string, ...parts: (string | number)[]): string {
  let p = path;
  for (const part of parts) {
    if (typeof part === 'number') p += `[${part}]`;
    else p = p ? `${p}.${part}` : part;
  }
  return p;
}

/** `metadata.labels` + `app` -> `metadata.labels[app]` (map keys, as field.Path.Key prints them). */
export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}
