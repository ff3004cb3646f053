import * as fs from 'fs';
import * as path from 'path';
import { convertCompose, defaultFiles, formatWarning, jsonList, outputFiles, ConvertFormat } from '../compose';
import { Controller, Publish } from '../compose/convert';
import { writeFilesAtomically } from '../yaml/atomic';
import { toMultiDocYaml } from '../yaml/write';
import type { Io } from './main';
import { UsageError } from './validate';

export interface ConvertCliOptions {
  readonly output?: string;
  readonly stdout?: boolean;
  readonly format: string;
  readonly controller: string;
  readonly namespace?: string;
  readonly envFile?: string;
  readonly profile: string[];
  readonly projectName?: string;
  readonly publishAs: string;
  readonly volumeSize: string;
  readonly allowOutsideFiles?: boolean;
  readonly waitForDependencies?: boolean;
}

const oneOf = <T extends string>(flag: string, v: string, allowed: readonly T[]): T => {
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`${flag} ${v}: use one of ${allowed.join(', ')}`);
  return v as T;
};

/** `svcgen convert`: Compose/Swarm files to validated manifests or a cdk8s program. */
export function runConvert(inputs: readonly string[], opts: ConvertCliOptions, io: Io, version: string): number {
  const format = oneOf<ConvertFormat>('--format', opts.format, ['yaml', 'json', 'ts']);
  const controller = oneOf<Controller>('--controller', opts.controller, ['deployment', 'replicaset', 'statefulset', 'daemonset']);
  const publishAs = oneOf<Publish>('--publish-as', opts.publishAs, ['nodeport', 'loadbalancer', 'clusterip']);
  if (opts.output && opts.stdout) throw new UsageError('-o and --stdout: give one of them');
  const files = inputs.length ? [...inputs] : defaultFiles(process.cwd(), fs.existsSync);
  if (files.length === 0) throw new UsageError('no compose file given, and none of compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml here');
  for (const f of files) if (!fs.existsSync(f)) throw new UsageError(`${f}: no such file`);

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
  });
  for (const w of result.plan.warnings) io.stderr(`${formatWarning(w)}\n`);
  const validatorWarnings = result.report.resources.flatMap((r) => r.problems.map((p) => `${r.kind}/${r.name}: warning: ${p.message}`));
  for (const w of validatorWarnings) io.stderr(`${w}\n`);
  const count = result.plan.warnings.length + validatorWarnings.length;
  io.stderr(`${count} warning${count === 1 ? '' : 's'}; ${result.objects.length} objects from ${result.plan.statements.filter((s) => s.ctor === 'Workload').length} services\n`);

  if (!opts.output) {
    if (format === 'ts') io.stdout(outputFiles(result, 'ts', 'file', '', version)[0].content);
    else io.stdout(format === 'json' ? jsonList(result.objects) : toMultiDocYaml(result.objects));
    return 0;
  }
  const isFile = /\.(ya?ml|json)$/i.test(opts.output);
  if (format === 'ts' && isFile) throw new UsageError(`-o ${opts.output}: --format ts writes a folder (main.ts, cdk8s.yaml, package.json); give a folder`);
  const dir = isFile ? path.dirname(opts.output) || '.' : opts.output;
  const written = writeFilesAtomically(dir, outputFiles(result, format, isFile ? 'file' : 'folder', path.basename(opts.output), version));
  io.stderr(`wrote ${written.length} file${written.length === 1 ? '' : 's'} in ${dir}\n`);
  return 0;
}
