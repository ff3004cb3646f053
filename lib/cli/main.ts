/**
 * The `svcgen` command line. Thin: every command is a call into the library, loaded only when
 * that command runs (cdk8s alone takes ~170 ms to load; `--version` and `--help` never load it).
 */
import { Command, CommanderError } from 'commander';
import * as fs from 'fs';
import * as path from 'path';
import { isUserError } from '../errors';

export function packageVersion(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const f = path.join(dir, 'package.json');
    if (fs.existsSync(f)) {
      const pkg = JSON.parse(fs.readFileSync(f, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'svcgen') return pkg.version ?? '0.0.0';
    }
  }
  return '0.0.0';
}

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const defaultIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

export function buildProgram(io: Io = defaultIo, setExit: (code: number) => void = () => undefined): Command {
  const program = new Command('svcgen')
    .description('Kubernetes Services and the workloads behind them as validated infrastructure-as-code')
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError('(run svcgen --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();

  program
    .command('synth')
    .description(
      'synthesize a cdk8s app into dist/<chart>.k8s.yaml (one multi-document file per chart); writes nothing if any check fails',
    )
    .option('--app <file>', 'the app: a .ts file (run with tsx) or a .js file that exports its cdk8s App or calls app.synth()', 'main.ts')
    .option('--out <dir>', 'output folder (default: $CDK8S_OUTDIR, else dist)')
    .option('--stdout', 'print the multi-document YAML instead of writing files')
    .action(async (opts: { app: string; out?: string; stdout?: boolean }) => {
      const { runSynth } = await import('./synth');
      setExit(runSynth(opts, io));
    });

  program
    .command('validate')
    .description(
      'check Kubernetes manifests (YAML or JSON; files, folders, or - for stdin) against the Kubernetes 1.28 schema, the API server\'s rules and checks across objects',
    )
    .argument('[inputs...]', 'files, folders (searched for *.yaml, *.yml, *.json) or - for standard input')
    .option('-o, --output <format>', 'text, json, junit or sarif', 'text')
    .option('--kubernetes-version <version>', 'the Kubernetes version to check against (only 1.28 is carried)', '1.28')
    .option('--no-strict', 'allow unknown fields and duplicate keys')
    .option('--ignore-missing-schemas', 'skip kinds without a schema (custom resources) instead of failing them')
    .addHelpText('after', '\nExit codes: 0 all valid (warnings allowed), 1 something invalid, 2 usage or I/O error.')
    .action(async (inputs: string[], opts: { output: string; kubernetesVersion: string; strict: boolean; ignoreMissingSchemas?: boolean }) => {
      const { runValidate } = await import('./validate');
      setExit(runValidate(inputs, opts, io, packageVersion(), () => require('fs').readFileSync(0, 'utf8')));
    });

  return program;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv as string[]);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors with 1, which we make 2
      return e.exitCode === 0 ? 0 : 2;
    }
    if (isUserError(e)) {
      io.stderr(`svcgen: error: ${e.message}\n`);
      if (process.env.SVCGEN_DEBUG) io.stderr(`${e.stack}\n`);
      return (e as { exitCode?: number }).exitCode ?? 1;
    }
    io.stderr(`svcgen: internal error (a bug in svcgen; please report it with this trace):\n${(e as Error).stack ?? String(e)}\n`);
    return 3;
  }
}
