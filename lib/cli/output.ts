/**
 * How the command line writes its standard output and error. Node makes `process.stdout` a stream
 * on first use, loading its tty, net and stream modules: 4-7 ms of every run, a twentieth of a
 * small `convert`. To a pipe, a socket, a file or /dev/null of a POSIX system, svcgen writes
 * itself, synchronously, as Node's stream writes what the descriptor takes at once; a terminal
 * (and anything on Windows) keeps Node's stream, which knows its encodings and sizes.
 */
import fs = require('fs');

/** What writeAll needs of `fs` (a parameter, so that the tests can refuse and shorten writes). */
export interface Writer {
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
}

let sleeper: Int32Array | undefined;

/** Waits `ms` milliseconds without spinning (the command line is synchronous). */
function pause(ms: number): void {
  sleeper ??= new Int32Array(new SharedArrayBuffer(4));
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * Writes all of `text` to `fd`: a short write goes on with the rest, and a descriptor that is
 * full and non-blocking (EAGAIN, as a pipe set so by another process is) is written again once
 * the reader has taken some. Other errors (EPIPE: the reader is gone) are thrown.
 */
export function writeAll(fd: number, text: string, writer: Writer = fs): void {
  for (let from = 0; from < text.length; ) {
    const to = chunkEnd(text, from);
    const bytes = Buffer.from(text.slice(from, to), 'utf8');
    for (let done = 0; done < bytes.length; ) {
      try {
        done += writer.writeSync(fd, bytes, done, bytes.length - done);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        pause(1);
      }
    }
    from = to;
  }
}

/** The characters encoded at a time: a big output (megabytes of manifests) is not copied whole. */
export const CHUNK = 1 << 16;

/** Where the chunk from `from` ends: never between the two halves of a surrogate pair. */
function chunkEnd(text: string, from: number): number {
  const to = Math.min(text.length, from + CHUNK);
  const last = text.charCodeAt(to - 1);
  return to < text.length && last >= 0xd800 && last <= 0xdbff ? to - 1 : to;
}

/** Whether `fd` is a pipe, a socket, a regular file or /dev/null of a POSIX system (see standardWriter). */
export function writesDirectly(fd: number): boolean {
  if (process.platform === 'win32') return false;
  try {
    const st = fs.fstatSync(fd);
    if (st.isFIFO() || st.isSocket() || st.isFile()) return true;
    return st.isCharacterDevice() && st.rdev === fs.statSync('/dev/null').rdev;
  } catch {
    return false;
  }
}

/** Node's standard streams once something made them (see watchStandardStreams). */
const made: { [fd: number]: NodeJS.WriteStream | undefined } = {};

/** A reader that goes away (`svcgen convert | head`) ends the run quietly, with the exit code so far. */
function readerGone(e: NodeJS.ErrnoException): void {
  if (e?.code === 'EPIPE') process.exit(process.exitCode || 0);
  throw e;
}

/**
 * Makes Node's standard streams, when something first asks for them (a terminal's writer, or an
 * app that prints), end the run quietly on EPIPE as svcgen's own writes do, and be used by
 * svcgen's writer from then on, so that the two never overtake each other. Called by
 * bin/svcgen.js before anything runs; asking for the streams here would make them (4-7 ms).
 */
export function watchStandardStreams(): void {
  for (const [fd, name] of [[1, 'stdout'], [2, 'stderr']] as const) {
    const own = Object.getOwnPropertyDescriptor(process, name);
    if (!own?.get || !own.configurable) {
      made[fd] = process[name];
      process[name].on('error', readerGone);
      continue;
    }
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: own.enumerable,
      get() {
        Object.defineProperty(process, name, own);
        const stream = own.get!.call(process) as NodeJS.WriteStream;
        stream.on('error', readerGone);
        made[fd] = stream;
        return stream;
      },
    });
  }
}

/**
 * A writer for a standard descriptor: to the descriptor itself (see writesDirectly) while Node's
 * stream for it has not been made, else through that stream.
 */
export function standardWriter(fd: 1 | 2): (text: string) => void {
  const stream = () => (fd === 1 ? process.stdout : process.stderr);
  if (!writesDirectly(fd)) return (text) => void stream().write(text);
  return (text) => {
    if (made[fd]) return void made[fd]!.write(text);
    try {
      writeAll(fd, text);
    } catch (e) {
      readerGone(e as NodeJS.ErrnoException);
    }
  };
}

/** Where a command writes: its standard output and error. */
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

let out: ((s: string) => void) | undefined;
let err: ((s: string) => void) | undefined;

/** The process's own standard output and error, each through standardWriter (made on first use). */
export const standardIo: Io = {
  stdout: (s) => (out ??= standardWriter(1))(s),
  stderr: (s) => (err ??= standardWriter(2))(s),
};
