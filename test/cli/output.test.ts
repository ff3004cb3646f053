/**
 * The command line writes to pipes, sockets, files and /dev/null itself (lib/cli/output.ts) and
 * leaves terminals to Node's streams: all of the text, in order, whatever the reader does.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CHUNK, writeAll, writesDirectly, Writer } from '../../lib/cli/output';
import { ROOT, tmpDir } from '../helpers/cli';

const BIN = path.join(ROOT, 'bin', 'svcgen.js');
const VOTING = path.join(ROOT, 'test', 'fixtures', 'compose', 'example-voting-app', 'docker-stack.yml');

const errno = (code: string) => Object.assign(new Error(code), { code });

describe('writeAll', () => {
  test('goes on after short writes and after a full non-blocking descriptor (EAGAIN), until all is written', () => {
    const got: number[] = [];
    let calls = 0;
    const writer: Writer = {
      writeSync(_fd, buffer, offset, length) {
        calls++;
        if (calls % 3 === 0) throw errno('EAGAIN');
        const n = Math.min(length, 5); // at most 5 bytes a call
        got.push(...buffer.subarray(offset, offset + n));
        return n;
      },
    };
    const text = 'apiVersion: v1\nkind: Service\n# ünïcödé µs\n';
    writeAll(1, text, writer);
    expect(Buffer.from(got).toString('utf8')).toBe(text);
    expect(calls).toBeGreaterThan(Buffer.byteLength(text) / 5 + 2);
  });

  test('a big text is encoded a chunk at a time, and a chunk never ends between the halves of a surrogate pair', () => {
    const sizes: number[] = [];
    const got: Buffer[] = [];
    const writer: Writer = {
      writeSync(_fd, buffer, offset, length) {
        sizes.push(buffer.length);
        got.push(Buffer.from(buffer.subarray(offset, offset + length)));
        return length;
      },
    };
    // an emoji (two UTF-16 units) straddles the first chunk's end, another one the second's
    const text = `${'a'.repeat(CHUNK - 1)}😀${'b'.repeat(CHUNK - 2)}🚀${'c'.repeat(CHUNK * 2)}`;
    writeAll(1, text, writer);
    expect(Buffer.concat(got).toString('utf8')).toBe(text);
    expect(sizes.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(CHUNK * 3);
    expect(got.every((b) => !b.toString('utf8').includes('\ufffd'))).toBe(true);
  });

  test('any other error (EPIPE: the reader is gone) is thrown', () => {
    const writer: Writer = {
      writeSync: () => {
        throw errno('EPIPE');
      },
    };
    expect(() => writeAll(1, 'x', writer)).toThrow('EPIPE');
  });
});

const posix = process.platform !== 'win32';

test('a file, /dev/null, a pipe and a socket are written directly; a closed descriptor and another device are not', () => {
  const file = fs.openSync(path.join(tmpDir(), 'out'), 'w');
  const devnull = fs.openSync('/dev/null', 'w');
  const zero = fs.openSync('/dev/zero', 'w');
  try {
    expect([writesDirectly(file), writesDirectly(devnull), writesDirectly(zero), writesDirectly(987)]).toEqual([posix, posix, false, false]);
  } finally {
    [file, devnull, zero].forEach((fd) => fs.closeSync(fd));
  }
  // a shell's pipe is a FIFO; the standard output Node's spawn gives a child is a socket
  const probe = `process.stderr.write(JSON.stringify(require(${JSON.stringify(path.join(ROOT, 'build', 'lib', 'cli', 'output.js'))}).writesDirectly(1)))`;
  const pipe = spawnSync('bash', ['-c', `${JSON.stringify(process.execPath)} -e ${JSON.stringify(probe)} | cat`], { encoding: 'utf8' });
  const socket = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
  expect([pipe.stderr, socket.stderr]).toEqual([String(posix), String(posix)]);
});

describe('svcgen writes all of its output', () => {
  const reference = spawnSync(process.execPath, [BIN, 'convert', VOTING], { encoding: 'utf8' });

  test('to a file, standard error and output in the order written', () => {
    const file = path.join(tmpDir(), 'both');
    const fd = fs.openSync(file, 'w');
    const r = spawnSync(process.execPath, [BIN, 'convert', VOTING], { stdio: ['ignore', fd, fd] });
    fs.closeSync(fd);
    expect(r.status).toBe(0);
    // the warnings come first (written as the plan is made), then the manifests
    expect(fs.readFileSync(file, 'utf8')).toBe(reference.stderr + reference.stdout);
  });

  test('to a shell pipe, byte for byte', () => {
    const r = spawnSync('bash', ['-c', `node ${JSON.stringify(BIN)} convert ${JSON.stringify(VOTING)} 2>/dev/null | cat`], { encoding: 'utf8' });
    expect(r.stdout).toBe(reference.stdout);
  });

  test('to a reader that stops early (| head -1): exit 0, nothing on standard error', () => {
    // far more than a pipe holds, so that a write meets the closed pipe
    const stack = path.join(tmpDir(), 'compose.yaml');
    fs.writeFileSync(stack, `services:\n${Array.from({ length: 300 }, (_, i) => `  s${i}:\n    image: nginx\n    ports: ["${30000 + i}:80"]\n`).join('')}`);
    const r = spawnSync('bash', ['-c', `node ${JSON.stringify(BIN)} convert ${JSON.stringify(stack)} 2>/dev/null | head -1; echo "status=\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(r.stdout).toBe('apiVersion: apps/v1\nstatus=0\n');
    expect(r.stderr).toBe('');
  });

  test("an app that prints: its lines and svcgen's, in the order written, through one stream once the app made it", () => {
    const dir = path.join(ROOT, 'test', '.generated', 'output-app');
    fs.mkdirSync(dir, { recursive: true });
    const app = path.join(dir, 'app.js');
    const big = 'x'.repeat(200_000); // more than a pipe holds: a write that must wait for the reader
    fs.writeFileSync(
      app,
      `const { App, Chart, ApiObject } = require('cdk8s');\nconsole.log('before synth');\nconsole.log(${JSON.stringify(big)});\nconst app = new App();\nnew ApiObject(new Chart(app, 'printing'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });\napp.synth();\n`,
    );
    const r = spawnSync('bash', ['-c', `node ${JSON.stringify(BIN)} synth --app ${JSON.stringify(app)} --stdout | (sleep 0.3; cat)`], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`before synth\n${big}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n`);
  });

  // a terminal keeps Node's stream: through script(1)'s pseudo-terminal, where util-linux has it
  const script = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  (script ? test : test.skip)('to a terminal, through Node\'s stream, the same text', () => {
    const r = spawnSync('script', ['-qec', `node ${JSON.stringify(BIN)} convert ${JSON.stringify(VOTING)} 2>/dev/null`, '/dev/null'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.replace(/\r\n/g, '\n')).toBe(reference.stdout);
  });
});
