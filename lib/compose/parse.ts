/** Parsers for Compose's small languages: ports, durations, sizes, shell words, user. */
import { ComposeError, ValueError } from './errors';

export interface PortSpec {
  readonly target: number;
  /** undefined: not published; 0: published on a random host port */
  readonly published?: number;
  readonly protocol: 'tcp' | 'udp' | 'sctp';
  readonly hostIp?: string;
  readonly mode?: string;
  readonly name?: string;
  readonly appProtocol?: string;
}

const MAX_RANGE = 1000;

function range(s: string, what: string): number[] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(s);
  if (!m) throw new ValueError(`${what} "${s}" is not a port number or a range like 8000-8010`);
  const a = Number(m[1]);
  const b = m[2] ? Number(m[2]) : a;
  if (a < 1 || b > 65535 || b < a) throw new ValueError(`${what} "${s}" is outside 1-65535`);
  if (b - a >= MAX_RANGE) throw new ValueError(`${what} "${s}" spans more than ${MAX_RANGE} ports`);
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/** One entry of `ports:` (short `"[ip:][published:]target[/proto]"` or long syntax) as port specs. */
export function parsePort(entry: unknown): PortSpec[] {
  if (typeof entry === 'number') return [{ target: entry, published: 0, protocol: 'tcp' }];
  if (typeof entry === 'object' && entry !== null) {
    const e = entry as Record<string, unknown>;
    const protocol = String(e.protocol ?? 'tcp').toLowerCase() as PortSpec['protocol'];
    const targets = range(String(e.target), 'target port');
    const pub = e.published === undefined ? undefined : range(String(e.published), 'published port');
    return targets.map((t, i) => ({
      target: t,
      published: pub ? pub[Math.min(i, pub.length - 1)] : e.mode === 'host' ? undefined : 0,
      protocol,
      hostIp: e.host_ip as string | undefined,
      mode: e.mode as string | undefined,
      name: e.name as string | undefined,
      appProtocol: e.app_protocol as string | undefined,
    }));
  }
  const s = String(entry);
  const [body, proto = 'tcp'] = s.split('/');
  if (!['tcp', 'udp', 'sctp'].includes(proto.toLowerCase())) throw new ValueError(`"${s}": protocol "${proto}" is not tcp, udp or sctp`);
  let hostIp: string | undefined;
  let rest = body;
  const v6 = /^\[([^\]]+)\]:(.*)$/.exec(body);
  if (v6) {
    hostIp = v6[1];
    rest = v6[2];
  }
  const parts = rest.split(':');
  if (!v6 && parts.length === 3) hostIp = parts.shift();
  if (parts.length > 2) throw new ValueError(`"${s}" is not [host_ip:][published:]target[/protocol]`);
  const targets = range(parts[parts.length - 1], 'target port');
  const pubs = parts.length === 2 && parts[0] !== '' ? range(parts[0], 'published port') : undefined;
  if (pubs && pubs.length !== targets.length && pubs.length !== 1) throw new ValueError(`"${s}": the published and target ranges differ in length`);
  return targets.map((t, i) => ({ target: t, published: pubs ? pubs[Math.min(i, pubs.length - 1)] : 0, protocol: proto.toLowerCase() as PortSpec['protocol'], hostIp }));
}

/** A Compose duration (`1m30s`, `10s`, `500ms`, or seconds as a number) in whole seconds, rounded up. */
export function durationSeconds(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return Math.ceil(v);
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001, us: 1e-6, µs: 1e-6, ns: 1e-9 };
  let total = 0;
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g;
  let matched = '';
  let m: RegExpExecArray | null;
  while ((m = re.exec(String(v)))) {
    total += Number(m[1]) * units[m[2]];
    matched += m[0];
  }
  if (matched !== String(v)) throw new ValueError(`"${v}" is not a duration like 1m30s`);
  return Math.ceil(total);
}

/** A Compose byte size (`512m`, `1g`, `1024`, `2.5GB`) as a Kubernetes quantity. */
export function sizeQuantity(v: unknown): string {
  const m = /^(\d+(?:\.\d+)?)\s*([bkmgt]?)b?$/i.exec(String(v).trim());
  if (!m) throw new ValueError(`"${v}" is not a size like 512m or 1g`);
  const unit = m[2].toLowerCase();
  if (!unit || unit === 'b') return String(Math.ceil(Number(m[1])));
  const k8s = { k: 'Ki', m: 'Mi', g: 'Gi', t: 'Ti' }[unit] as string;
  if (Number.isInteger(Number(m[1]))) return `${m[1]}${k8s}`;
  const lower = { Ki: '', Mi: 'Ki', Gi: 'Mi', Ti: 'Gi' }[k8s] as string;
  return `${Math.ceil(Number(m[1]) * 1024)}${lower}`;
}

/** CPUs (`0.5`, `2`) as a Kubernetes quantity (`500m`, `2`). */
export function cpuQuantity(v: unknown): string {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new ValueError(`"${v}" is not a number of CPUs`);
  return Number.isInteger(n) ? String(n) : `${Math.round(n * 1000)}m`;
}

/** Splits a command string into words the way Compose does (shell quoting, no shell). */
export function shellWords(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let has = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < s.length) cur += s[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (c === '\\' && i + 1 < s.length) {
      cur += s[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (cur || has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
    }
  }
  if (quote) throw new ValueError(`unterminated ${quote} in "${s}"`);
  if (cur || has) out.push(cur);
  return out;
}

/** A Kubernetes name from a Compose one: lower case, `_`, `.` and `/` to `-`, other characters dropped. */
export function k8sName(name: string, max = 63): string {
  let n = name
    .toLowerCase()
    .replace(/[_./]/g, '-')
    .replace(/[^a-z0-9-]/g, '')
    .replace(/^-+|-+$/g, '');
  if (!/^[a-z]/.test(n)) n = `s-${n}`;
  if (n.length > max) n = n.slice(0, max).replace(/-+$/, '');
  return n || 'service';
}

export function fail(file: string, line: number | undefined, message: string): never {
  throw new ComposeError(file, line, undefined, message);
}


/** A command as words: a list as it is, a string split like a shell would. */
export function words(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : shellWords(String(v));
}

/** `CAP_NET_ADMIN` or `net_admin` -> `NET_ADMIN`. */
export function capName(c: string): string {
  return String(c).replace(/^CAP_/i, '').toUpperCase();
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The object without its undefined fields. */
export function cleanObj<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The short syntax of a service volume, `[source:]target[:mode]`, where a source or target may be
 * a Windows path (`C:\\data`, `D:/config`): a drive letter's colon does not separate.
 */
export function volumeParts(s: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const drive = cur === '' && /^[A-Za-z]:[\\/]/.test(s.slice(i, i + 3));
    if (drive) {
      cur = s.slice(i, i + 2);
      i += 1;
    } else if (s[i] === ':') {
      parts.push(cur);
      cur = '';
    } else cur += s[i];
  }
  parts.push(cur);
  return parts;
}

/** Whether a volume source is a path (a bind mount) rather than a volume name. */
export function isPathSource(source: string): boolean {
  return /^[./~]/.test(source) || source.includes('/') || /^[A-Za-z]:[\\/]/.test(source) || source.includes('\\');
}
