/**
 * Where the user made each construct: its creation stack, kept so that problems found later (the
 * checks across constructs at synth) can name the user's source line, not only a construct path.
 */
import type { IConstruct } from 'constructs';

// one registry per process, shared by every copy of svcgen that is loaded (an app may import the
// sources while the CLI runs the compiled library)
const KEY = Symbol.for('svcgen.constructOrigins.v2');
const holder = globalThis as unknown as Record<symbol, { origins: WeakMap<IConstruct, Error>; off: number } | undefined>;
// (an Error's stack is formatted only when read: most are never read)
const registry = (holder[KEY] ??= { origins: new WeakMap<IConstruct, Error>(), off: 0 });

/** Records the creation stack of a construct (call in its constructor). */
export function recordOrigin(c: IConstruct): void {
  if (registry.off > 0) return;
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 100; // deep helper calls must not lose the user's frame
  registry.origins.set(c, new Error());
  Error.stackTraceLimit = limit;
}

/**
 * Runs `build` without recording where constructs are made: for constructs svcgen makes itself
 * (the converter), whose problems are told at the compose file's lines instead.
 */
export function withoutOrigins<T>(build: () => T): T {
  registry.off++;
  try {
    return build();
  } finally {
    registry.off--;
  }
}

/** The creation stack of the construct, or of its nearest recorded ancestor. */
export function originOf(c: IConstruct): string | undefined {
  for (let s: IConstruct | undefined = c; s; s = s.node.scope) {
    const o = registry.origins.get(s);
    if (o !== undefined) return o.stack ?? '';
  }
  return undefined;
}
