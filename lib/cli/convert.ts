import fs = require('fs');
import path = require('path');
import { convertCompose, convertedYaml, defaultFiles, formatWarning, jsonListPieces, outputFiles, ConvertFormat } from '../compose';
import { Controller, Publish } from '../compose/convert';
import { writeFilesAtomically } from '../yaml/atomic';
import { boundHeapForInput } from './memory';
import type { Io } from './main';
import { explain } from '../explain/model';
import { checkExplainFormat, placedObjects, renderExplanation } from './explain';
import type { ExplainFormat } from '../explain/render';
import { resolveKubernetesVersion } from './kube-version';
import { UsageError } from './validate';

export interface ConvertCliOptions {
  readonly output?: string;
  readonly stdout?: boolean;
  readonly format: string;
  readonly controller?: string;
  readonly namespace?: string;
  readonly envFile?: string;
  readonly profile: string[];
  readonly projectName?: string;
  readonly publishAs: string;
  readonly volumeSize: string;
  readonly allowOutsideFiles?: boolean;
  readonly waitForDependencies?: boolean;
  /** `-f FILE` (repeatable), as docker compose and kompose take them */
  readonly file?: string[];
  /** --format ts: the svcgen dependency of the program's package.json */
  readonly svcgenPackage?: string;
  /** false with --no-network-policies */
  readonly networkPolicies?: boolean;
  /** print `svcgen explain` of the result (true: text, or a format) */
  readonly explain?: boolean | string;
  /** the cluster's Kubernetes version, which the result is validated for (see kube-version.ts) */
  readonly kubernetesVersion?: string;
}

const oneOf = <T extends string>(flag: string, v: string, allowed: readonly T[]): T => {
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`${flag} ${v}: use one of ${allowed.join(', ')}`);
  return v as T;
};

/**
 * The compose files of a command line, picked as docker compose picks them: the files given
 * (`-f` and arguments, merged in order); a folder given is its compose.yaml (or compose.yml,
 * docker-compose.yaml, docker-compose.yml) with its override file; `-` is standard input (its
 * project folder is the current one); with none given, COMPOSE_FILE (paths separated by `:`),
 * else the current folder.
 */
export function composeFiles(given: readonly string[]): string[] {
  const fromEnv = process.env.COMPOSE_FILE ? process.env.COMPOSE_FILE.split(path.delimiter).filter(Boolean) : [];
  const inputs = given.length ? given : fromEnv.length ? fromEnv : ['.'];
  const files: string[] = [];
  for (const input of inputs) {
    if (input === '-') {
      files.push('-');
      continue;
    }
    if (!fs.existsSync(input)) throw new UsageError(`${input}: no such file or folder`);
    if (fs.statSync(input).isDirectory()) {
      const found = defaultFiles(input, fs.existsSync);
      if (found.length === 0) throw new UsageError(`${input}: no compose file in this folder (compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml)`);
      files.push(...found);
    } else files.push(input);
  }
  return files;
}

/** `svcgen convert`: Compose/Swarm files to validated manifests or a cdk8s program. */
export function runConvert(inputs: readonly string[], opts: ConvertCliOptions, io: Io, version: string, stdin: () => string = () => fs.readFileSync(0, 'utf8')): number {
  const format = oneOf<ConvertFormat>('--format', opts.format, ['yaml', 'json', 'ts', 'helm', 'kustomize']);
  if ((format === 'helm' || format === 'kustomize') && (!opts.output || /\.(ya?ml|json)$/i.test(opts.output))) {
    throw new UsageError(`--format ${format} writes a folder (${format === 'helm' ? 'a chart: Chart.yaml, values.yaml, templates/' : 'kustomization.yaml and one file per object'}): give it with -o <folder>`);
  }
  const controller = opts.controller === undefined ? undefined : oneOf<Controller>('--controller', opts.controller, ['deployment', 'replicaset', 'statefulset', 'daemonset']);
  const publishAs = oneOf<Publish>('--publish-as', opts.publishAs, ['nodeport', 'loadbalancer', 'clusterip']);
  if (opts.output && opts.stdout) throw new UsageError('-o and --stdout: give one of them');
  const explainFormat = opts.explain === undefined || opts.explain === false ? undefined : checkExplainFormat(opts.explain === true ? 'text' : opts.explain, '--explain');
  const files = composeFiles([...(opts.file ?? []), ...inputs]);
  const stdinText = files.includes('-') ? stdin() : undefined;
  const heap = boundHeapForInput(files.reduce((n, f) => n + (f === '-' ? Buffer.byteLength(stdinText ?? '') : fileSize(f)), 0));
  try {
    return convertAndWrite(files, stdinText, opts, { format, controller, publishAs, explainFormat }, io, version);
  } finally {
    heap.release();
  }
}

/** The size of a file, 0 when it cannot be told (the loader then says what is wrong). */
function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function convertAndWrite(
  files: string[],
  stdinText: string | undefined,
  opts: ConvertCliOptions,
  { format, controller, publishAs, explainFormat }: { format: ConvertFormat; controller?: Controller; publishAs: Publish; explainFormat?: ExplainFormat },
  io: Io,
  version: string,
): number {
  const result = convertCompose(files, {
    controller,
    publishAs,
    namespace: opts.namespace,
    envFile: opts.envFile,
    profiles: opts.profile,
    projectName: opts.projectName,
    volumeSize: opts.volumeSize,
    allowOutsideFiles: opts.allowOutsideFiles,
    waitForDependencies: opts.waitForDependencies,
    networkPolicies: opts.networkPolicies,
    stdin: stdinText,
    kubernetesVersion: resolveKubernetesVersion(opts.kubernetesVersion),
  });
  for (const w of result.plan.warnings) io.stderr(`${formatWarning(w)}\n`);
  const validatorWarnings = result.report.resources.flatMap((r) => r.problems.map((p) => `${r.kind}/${r.name}: warning: ${p.message}`));
  for (const w of validatorWarnings) io.stderr(`${w}\n`);
  const count = result.plan.warnings.length + validatorWarnings.length;
  io.stderr(`${count} warning${count === 1 ? '' : 's'}; ${result.objects.length} objects from ${result.plan.statements.filter((s) => s.ctor === 'Workload').length} services\n`);

  const explainTo = (sources: { file: string; text: string }[]) => {
    if (explainFormat) io.stdout(renderExplanation(explain(placedObjects(sources)), explainFormat, `svcgen convert ${files.join(' ')}`));
  };

  if (!opts.output) {
    if (explainFormat) {
      explainTo([{ file: '<converted>', text: convertedYaml(result) }]);
      return 0;
    }
    if (format === 'ts') io.stdout(outputFiles(result, 'ts', 'file', '', version, opts.svcgenPackage)[0].content);
    else if (format === 'json') for (const piece of jsonListPieces(result.objects)) io.stdout(piece);
    else io.stdout(convertedYaml(result));
    return 0;
  }
  const isFile = /\.(ya?ml|json)$/i.test(opts.output);
  if (format === 'ts' && isFile) throw new UsageError(`-o ${opts.output}: --format ts writes a folder (main.ts, cdk8s.yaml, package.json); give a folder`);
  const dir = isFile ? path.dirname(opts.output) || '.' : opts.output;
  const out = outputFiles(result, format, isFile ? 'file' : 'folder', path.basename(opts.output), version, opts.svcgenPackage);
  const written = writeFilesAtomically(dir, out);
  io.stderr(`wrote ${written.length} file${written.length === 1 ? '' : 's'} in ${dir}\n`);
  explainTo(format === 'ts' ? [{ file: '<converted>', text: convertedYaml(result) }] : out.map((f) => ({ file: path.join(dir, f.name), text: f.content })));
  return 0;
}
