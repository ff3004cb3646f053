/**
 * Where the user made each construct: its creation stack, kept so that problems found later (the
 * checks across constructs at synth) can name the user's source line, not only a construct path.
 */
import type { IConstruct } from 'constructs';

// one registry per process, shared by every copy of svcgen that is loaded (an app may import the
// sources while the CLI runs the compiled library)
const KEY = Symbol.for('svcgen.constructOrigins');
const holder = globalThis as unknown as Record<symbol, WeakMap<IConstruct, string> | undefined>;
const origins: WeakMap<IConstruct, string> = (holder[KEY] ??= new WeakMap<IConstruct, string>());

/** Records the creation stack of a construct (call in its constructor). */
export function recordOrigin(c: IConstruct): void {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 100; // deep helper calls must not lose the user's frame
  origins.set(c, new Error().stack ?? '');
  Error.stackTraceLimit = limit;
}

/** The creation stack of the construct, or of its nearest recorded ancestor. */
export function originOf(c: IConstruct): string | undefined {
  for (let s: IConstruct | undefined = c; s; s = s.node.scope) {
    const o = origins.get(s);
    if (o !== undefined) return o;
  }
  return undefined;
}
