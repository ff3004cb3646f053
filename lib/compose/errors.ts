import { SvcgenError } from '../errors';

/** A Compose input that cannot be converted: one message with file, line, column, what and how to fix. */
export class ComposeError extends SvcgenError {
  constructor(
    public readonly file: string,
    public readonly line: number | undefined,
    public readonly column: number | undefined,
    public readonly what: string,
  ) {
    super(`${file}${line ? `:${line}${column ? `:${column}` : ''}` : ''}: ${what}`);
    this.name = 'ComposeError';
  }
}

/**
 * A value of a Compose file that one of the small parsers refuses (a duration, a size, a port, a
 * command line). The converter adds where it is (file, line, service) and rethrows a ComposeError.
 */
export class ValueError extends SvcgenError {
  constructor(message: string) {
    super(message);
    this.name = 'ValueError';
  }
}
