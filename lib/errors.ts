import type { FieldError } from './validate/field';

/**
 * An error caused by the user's input (a prop, a file, a flag), as opposed to a bug in svcgen.
 * The CLI prints its message alone, without a stack trace, and exits non-zero.
 */
export class SvcgenError extends Error {
  public readonly userError = true;
  constructor(message: string) {
    super(message);
    this.name = 'SvcgenError';
  }
}

/**
 * A construct prop that is wrong on its own: thrown at once, naming the construct, the field path
 * (in the API server's notation and wording) and the fix.
 */
export class ConstructError extends SvcgenError {
  constructor(
    public readonly constructPath: string,
    public readonly problems: readonly FieldError[],
    public readonly fix?: string,
  ) {
    super(`${constructPath}: ${problems.map((p) => p.message).join('; ')}${fix ? ` (fix: ${fix})` : ''}`);
    this.name = 'ConstructError';
  }
}

/** A usage or I/O problem (a bad flag or setting, a file that cannot be read): exit code 2. */
export class UsageError extends SvcgenError {
  public readonly exitCode = 2;
}

export function isUserError(e: unknown): e is Error & { userError: true } {
  return e instanceof Error && (e as { userError?: unknown }).userError === true;
}
