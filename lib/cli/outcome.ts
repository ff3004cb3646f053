/**
 * How a command that threw ends: a user's error (bad input, a file that cannot be read) as one
 * line and its exit code, anything else as an internal error with its trace (exit 3). Shared by
 * the command line (main.ts) and the quick path of `svcgen validate` (validate.ts).
 */
import { isUserError } from '../errors';
import type { Io } from './output';

export function failed(e: unknown, io: Io): number {
  if (isUserError(e)) {
    io.stderr(`svcgen: error: ${e.message}\n`);
    if (process.env.SVCGEN_DEBUG) io.stderr(`${e.stack}\n`);
    return (e as { exitCode?: number }).exitCode ?? 1;
  }
  io.stderr(`svcgen: internal error (a bug in svcgen; please report it with this trace):\n${(e as Error).stack ?? String(e)}\n`);
  return 3;
}
