/**
 * Compose variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`, and `$$` for a literal `$`.
 * Defaults and alternatives may themselves contain variables.
 */

export type Lookup = (name: string) => string | undefined;

export class InterpolationError extends Error {}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** How deep defaults may nest (`${A:-${B:-...}}`): deeper is refused rather than overflowing the stack. */
const MAX_NESTING = 64;

/** Interpolates one string; throws InterpolationError for `:?`/`?` on a missing variable or bad syntax. */
export function interpolate(input: string, lookup: Lookup, depth = 0, onUnset?: (name: string) => void): string {
  if (!input.includes('$')) return input;
  if (depth > MAX_NESTING) throw new InterpolationError(`variables nest more than ${MAX_NESTING} deep (\${A:-\${B:-...}})`);
  let out = '';
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      const end = matchingBrace(input, i + 1);
      // (the value is never shown in full: it may be a secret)
      if (end < 0) throw new InterpolationError(`invalid interpolation format: the "\${" at character ${i + 1} has no closing "}"`);
      out += expand(input.slice(i + 2, end), lookup, depth, onUnset);
      i = end + 1;
    } else {
      const m = NAME.exec(input.slice(i + 1));
      if (m) {
        const value = lookup(m[0]);
        if (value === undefined) onUnset?.(m[0]);
        out += value ?? '';
        i += 1 + m[0].length;
      } else {
        out += '$';
        i++;
      }
    }
  }
  return out;
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    if (s[j] === '{') depth++;
    else if (s[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

function expand(body: string, lookup: Lookup, depth: number, onUnset?: (name: string) => void): string {
  const m = NAME.exec(body);
  if (!m) throw new InterpolationError(`invalid interpolation format: a "\${...}" does not start with a variable name (use $$ for a literal $)`);
  const name = m[0];
  const rest = body.slice(name.length);
  const value = lookup(name);
  if (rest === '') {
    if (value === undefined) onUnset?.(name);
    return value ?? '';
  }
  const op = /^(:-|-|:\?|\?|:\+|\+)/.exec(rest);
  if (!op) throw new InterpolationError(`invalid interpolation format: unexpected characters after "\${${name}" (expected }, :-, -, :?, ?, :+ or +)`);
  const arg = rest.slice(op[0].length);
  const set = value !== undefined;
  const nonEmpty = set && value !== '';
  switch (op[0]) {
    case ':-':
      return nonEmpty ? (value as string) : interpolate(arg, lookup, depth + 1, onUnset);
    case '-':
      return set ? (value as string) : interpolate(arg, lookup, depth + 1, onUnset);
    case ':?':
      if (!nonEmpty) throw new InterpolationError(`required variable ${name} is missing a value${arg ? `: ${interpolate(arg, lookup, depth + 1, onUnset)}` : ''}`);
      return value as string;
    case '?':
      if (!set) throw new InterpolationError(`required variable ${name} is missing a value${arg ? `: ${interpolate(arg, lookup, depth + 1, onUnset)}` : ''}`);
      return value as string;
    case ':+':
      return nonEmpty ? interpolate(arg, lookup, depth + 1, onUnset) : '';
    default:
      return set ? interpolate(arg, lookup, depth + 1, onUnset) : '';
  }
}

/**
 * Reads a `.env` file as Compose does: `KEY=value` and `KEY: value` lines, `export KEY=value`, a
 * bare `KEY` (the environment's value), comments, single- and double-quoted values (double
 * quotes unescape \n, \t, \", \\), and values that refer to earlier ones.
 */
export function parseDotEnv(text: string, outer: Lookup = () => undefined): { vars: Map<string, string>; errors: { line: number; message: string }[] } {
  const vars = new Map<string, string>();
  const errors: { line: number; message: string }[] = [];
  const lookup: Lookup = (n) => vars.get(n) ?? outer(n);
  text.split(/\r?\n/).forEach((raw, idx) => {
    const line = raw.replace(/^\s*export\s+/, '').trim();
    if (!line || line.startsWith('#')) return;
    // as Compose's reader: `KEY=value`, the YAML-like `KEY: value`, and a bare `KEY`, which
    // takes the value the environment has (if any)
    if (/^[A-Za-z0-9_.[\]-]+$/.test(line)) {
      const inherited = outer(line);
      if (inherited !== undefined) vars.set(line, inherited);
      return;
    }
    const m = /^[A-Za-z0-9_.[\]-]+\s*([=:])/.exec(line);
    const eq = m ? m[0].length - 1 : -1;
    if (eq <= 0) {
      // (the line itself is not shown: it may hold a secret)
      errors.push({ line: idx + 1, message: `line ${idx + 1} is not KEY=value (nor a comment or export KEY=value)` });
      return;
    }
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    if (value.startsWith("'")) {
      value = value.endsWith("'") && value.length > 1 ? value.slice(1, -1) : value.slice(1);
    } else {
      if (value.startsWith('"')) {
        value = (value.endsWith('"') && value.length > 1 ? value.slice(1, -1) : value.slice(1)).replace(/\\(["\\nt])/g, (_m, ch: string) =>
          ch === 'n' ? '\n' : ch === 't' ? '\t' : ch,
        );
      } else {
        value = value.replace(/\s+#.*$/, '');
      }
      try {
        value = interpolate(value, lookup);
      } catch (e) {
        errors.push({ line: idx + 1, message: (e as Error).message });
      }
    }
    vars.set(key, value);
  });
  return { vars, errors };
}
