import { FieldError, invalid } from '../field';
import { isDns1035Label, isDns1123Label, isDns1123Subdomain, isQualifiedName, isValidPortName, isValidPortNum } from '../names';

/** A Kubernetes object as read from YAML/JSON or rendered by a construct (wire format). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = Record<string, any>;

export const PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;

/** Each message of a name check as `Invalid value` at `path`. */
export function nameErrors(check: (v: string) => string[], value: string, path: string, rule: string): FieldError[] {
  return check(value).map((m) => invalid(path, value, m).withRule(rule));
}

export const dns1123Label = (v: string, path: string, rule: string) => nameErrors(isDns1123Label, v, path, rule);
export const dns1123Subdomain = (v: string, path: string, rule: string) => nameErrors(isDns1123Subdomain, v, path, rule);
export const dns1035Label = (v: string, path: string, rule: string) => nameErrors(isDns1035Label, v, path, rule);
export const qualifiedName = (v: string, path: string, rule: string) => nameErrors(isQualifiedName, v, path, rule);

/** ValidatePortNumOrName: an int-or-string port. */
export function portNumOrName(port: number | string | undefined, path: string, rule: string): FieldError[] {
  // an unset int-or-string is the Go zero value: the number 0
  if (port === undefined || port === null) port = 0;
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalid(path, port, m).withRule(rule));
  return isValidPortName(port).map((m) => invalid(path, port, m).withRule(rule));
}

/**
 * `{ ...o }` of a map read from YAML (own keys, `__proto__` kept as a key), made so that adding
 * keys to the copy stays quick: V8 makes a spread's copy slow to grow (ten times Object.assign).
 */
export function copyOf(o: Obj): Obj {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return { ...o };
  const r: Obj = {};
  for (const k of Object.keys(o)) setKey(r, k, o[k]);
  return r;
}

/** Sets a key as a spread or Object.fromEntries would: a key `__proto__` is an own key, not the prototype. */
export function setKey(o: Obj, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
}
