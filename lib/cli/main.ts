/**
 * The `svcgen` command line. Thin: every command is a call into the library, loaded only when
 * that command runs (cdk8s alone takes ~170 ms to load; `--version` and `--help` never load it).
 */
import { Command, CommanderError } from 'commander';
import fs = require('fs');
import { packageVersion } from '../paths';
import { DEFAULT_KUBERNETES_VERSION, KUBERNETES_VERSIONS } from '../kube-versions';
import { deferCdk8sDependencies } from '../synth/lazy-deps';
import { useLibraryBundle } from '../synth/library-bundle';
import { failed } from './outcome';
import { Io, standardIo } from './output';

export { watchStandardStreams } from './output';
export type { Io } from './output';

export function buildProgram(io: Io = standardIo, setExit: (code: number) => void = () => undefined): Command {
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
    .option('--app <file>', 'the app: a .ts file (transpiled by esbuild and cached, or run with tsx) or a .js file that exports its cdk8s App or calls app.synth()', 'main.ts')
    .option('--out <dir>', 'output folder (default: $CDK8S_OUTDIR, else dist)')
    .option('--stdout', 'print the multi-document YAML instead of writing files')
    .option('--strict-crds', 'fail on a custom resource whose CustomResourceDefinition is not in the app (default: skipped with a warning)')
    .option('--kubernetes-version <version>', `the Kubernetes version of the cluster, ${KUBERNETES_VERSIONS[0]} through ${DEFAULT_KUBERNETES_VERSION} (default: $SVCGEN_KUBERNETES_VERSION, else the svcgen plugin's kubernetesVersion in ./cdk8s.yaml, else ${DEFAULT_KUBERNETES_VERSION})`)
    .option('--ignore-missing-schemas', 'accepted as validate accepts it: custom resources without their CRD are skipped by default')
    .option('--no-typecheck', 'run a .ts app without type-checking it first (by default a type error, such as a misspelled prop, stops synth)')
    .action(async (opts: { app: string; out?: string; stdout?: boolean; strictCrds?: boolean; ignoreMissingSchemas?: boolean; typecheck?: boolean; kubernetesVersion?: string }) => {
      deferCdk8sDependencies();
      useLibraryBundle();
      const { runSynth } = await import('./synth');
      setExit(runSynth(opts, io));
    });

  program
    .command('validate')
    .description(
      'check Kubernetes manifests (YAML or JSON; files, folders, or - for stdin) against the schema and the API server\'s rules of the Kubernetes version the cluster runs, and checks across objects',
    )
    .argument('[inputs...]', 'files, folders (searched for *.yaml, *.yml, *.json) or - for standard input')
    .option('-o, --output <format>', 'text, json, junit or sarif', 'text')
    .option('--kubernetes-version <version>', `the Kubernetes version of the cluster, ${KUBERNETES_VERSIONS[0]} through ${DEFAULT_KUBERNETES_VERSION} (default: $SVCGEN_KUBERNETES_VERSION, else the svcgen plugin's kubernetesVersion in ./cdk8s.yaml, else ${DEFAULT_KUBERNETES_VERSION})`)
    .option('--no-strict', 'allow unknown fields and duplicate keys')
    .option('--strict-crds', 'fail on a custom resource whose CustomResourceDefinition is not in the input (default: skipped with a warning; CRs whose CRD is in the input are checked against its schema)')
    .option('--ignore-missing-schemas', 'accepted for old command lines: custom resources without their CRD are skipped by default now')
    .option('--scope <scope>', 'which objects the checks across objects (duplicates, nodePorts, selectors) see together: folder (each folder\'s own files; files named together on the command line), file, or all', 'folder')
    .addHelpText('after', '\nExit codes: 0 all valid (warnings allowed), 1 something invalid, 2 usage or I/O error.')
    .action(async (inputs: string[], opts: { output: string; kubernetesVersion?: string; strict: boolean; ignoreMissingSchemas?: boolean; strictCrds?: boolean; scope?: string }) => {
      const { runValidate } = await import('./validate');
      setExit(runValidate(inputs, opts, io, packageVersion(), () => fs.readFileSync(0, 'utf8')));
    });

  program
    .command('explain')
    .description(
      'how every Service is found and reached: what it selects, its DNS names, the environment variables Pods get for it, the port chain down to the container, entry points from outside, and who refers to it',
    )
    .argument('[inputs...]', 'manifests: files, folders (searched for *.yaml, *.yml, *.json) or - for standard input')
    .option('--app <file>', 'explain a cdk8s app (as svcgen synth runs it) instead of manifests')
    .option('-o, --output <format>', 'text, json, mermaid, dot or html (one self-contained page with the topology as SVG)', 'text')
    .option('--cluster-domain <domain>', 'the cluster\'s DNS zone', 'cluster.local')
    .option('--namespace <ns>', 'the namespace of objects that name none (as kubectl\'s context would put them)', 'default')
    .option('--strict', 'exit 1 when a link is broken (a port or name nothing answers)')
    .addHelpText('after', '\nExit codes: 0 explained (problems are listed in the output), 1 broken links with --strict or unreadable input, 2 usage error.')
    .action(async (inputs: string[], opts: { app?: string; output: string; clusterDomain: string; namespace: string; strict?: boolean }) => {
      const { runExplain } = await import('./explain');
      setExit(runExplain(inputs, opts, io, () => fs.readFileSync(0, 'utf8')));
    });

  program
    .command('convert')
    .description('convert docker-compose / docker stack files into validated Kubernetes manifests, or a cdk8s program')
    .argument('[files...]', 'compose files, merged in order, a folder (its compose file with its override file), or - for standard input (default: $COMPOSE_FILE, else this folder)')
    .option('-f, --file <file>', 'a compose file, as docker compose and kompose take it (repeatable; merged in order, before the arguments)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('-o, --output <path>', 'a folder (one file per object, <name>-<kind>.yaml) or a file name (.yaml/.yml/.json: one multi-document file)')
    .option('--stdout', 'print the manifests (the default when -o is not given)')
    .option('--format <format>', 'yaml, json (a v1 List), ts (a cdk8s program: main.ts, cdk8s.yaml, package.json), helm (a chart: images, replicas, resources and ports as values) or kustomize (a base); helm and kustomize need -o <folder>', 'yaml')
    .option('--controller <kind>', 'the workload of a replicated service: deployment, replicaset, statefulset or daemonset (default: deployment; a service with several replicas and a named volume of its own: statefulset)')
    .option('--namespace <ns>', 'put every object in this namespace')
    .option('--env-file <file>', 'variables for interpolation (default: .env next to the first compose file)')
    .option('--profile <name>', 'enable a profile (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--project-name <name>', 'the project name (default: name:, else the folder name)')
    .option('--publish-as <type>', 'how published ports are exposed: nodeport, loadbalancer or clusterip', 'nodeport')
    .option('--volume-size <quantity>', 'the size of the PersistentVolumeClaim for a named volume', '1Gi')
    .option('--allow-outside-files', 'read env_file, secrets, configs, extends and include files outside the project folder')
    .option('--svcgen-package <spec>', 'with --format ts: how the program\'s package.json asks for svcgen (default ^<this version>; until svcgen is on the npm registry, a packed tarball: file:../svcgen-0.1.0.tgz)')
    .option('--no-network-policies', 'do not turn Compose networks into NetworkPolicies (by default members of a network may talk to each other, others not; published ports stay open)')
    .option('--explain [format]', 'print how every Service of the result is found and reached (svcgen explain; text, json, mermaid, dot or html) instead of the manifests, or after writing them with -o')
    .option('--wait-for-dependencies', 'for depends_on, add init containers that wait until each dependency\'s name resolves')
    .option('--kubernetes-version <version>', `the Kubernetes version of the cluster, ${KUBERNETES_VERSIONS[0]} through ${DEFAULT_KUBERNETES_VERSION} (default: $SVCGEN_KUBERNETES_VERSION, else the svcgen plugin's kubernetesVersion in ./cdk8s.yaml, else ${DEFAULT_KUBERNETES_VERSION})`)
    .addHelpText('after', '\nWarnings (file:line: service "x": key: what happened, what to do) go to standard error.\nExit codes: 0 converted, 1 the input cannot be converted, 2 usage error.')
    .action(async (files: string[], opts) => {
      const { runConvert } = await import('./convert');
      setExit(runConvert(files, opts, io, packageVersion()));
    });

  return program;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = standardIo): Promise<number> {
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
    return failed(e, io);
  }
}
