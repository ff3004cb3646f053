#!/usr/bin/env node
/**
 * The command line as one file, build/cli.js, which bin/svcgen.js runs. Loading the ~90 modules of
 * a `convert` or `validate` one by one (finding each file, reading it and its cache entry, wrapping
 * it) is a sixth of a small run; one file costs that once. Run by `npm run build`, after `tsc` and
 * the L1 cut, from what they built.
 *
 * Left out of the bundle, and required from build/lib as before:
 * - whatever loads or synthesizes the user's app (the synth command, build/lib/synth/ but for the
 *   checks of a chart's objects, which convert uses too, the constructs and the package's index):
 *   the app imports svcgen's build/lib, and its constructs must meet the same modules, not a
 *   second copy;
 * - packages loaded only for some inputs or commands (cdk8s and its peers, the yaml package, ajv
 *   for custom resources, dagre for explain's HTML, esbuild, tsx, TypeScript);
 * - the precompiled validators (build/schema), which are required by path, by kind.
 *
 * `node scripts/build-cli.js --check` builds in memory and fails when build/cli.js differs (a
 * build/lib changed since, without `npm run build`): test/cli/startup.test.ts runs it.
 */
'use strict';
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const build = path.join(root, 'build');
const lib = path.join(build, 'lib');
const OUT = path.join(build, 'cli.js');

/** build/lib modules that stay outside: what loads or synthesizes the user's app. */
const OUTSIDE = /^(synth[\\/](load|synth|ts-loader|typecheck)\.js$|cli[\\/]synth\.js$|index\.js$|cdk8s-plugin\.js$|constructs[\\/]index\.js$)/;

const EXTERNAL_PACKAGES = ['cdk8s', 'cdk8s-plus-28', 'constructs', 'yaml', 'ajv', '@dagrejs/*', 'esbuild', 'tsx', 'tsx/*', 'typescript'];

async function bundle() {
  const result = await esbuild.build({
    entryPoints: [path.join(lib, 'cli', 'main.js')],
    outfile: OUT,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    legalComments: 'eof',
    logLevel: 'error',
    metafile: true,
    external: EXTERNAL_PACKAGES,
    plugins: [
      {
        // commander requires child_process when it loads, for subcommands that are programs of
        // their own, which svcgen has none of: required on first use instead (1-2 ms a run)
        name: 'lazy-child-process',
        setup(b) {
          b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
            const text = fs.readFileSync(args.path, 'utf8');
            const eager = "const childProcess = require('node:child_process');";
            if (!text.includes(eager)) throw new Error(`build-cli: ${args.path} no longer has \`${eager}\`: look again at the lazy-child-process step`);
            return { contents: text.replace(eager, "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };"), loader: 'js' };
          });
        },
      },
      {
        name: 'outside',
        setup(b) {
          b.onResolve({ filter: /^\.\.?\// }, (args) => {
            const full = require.resolve(path.resolve(args.resolveDir, args.path));
            const rel = path.relative(lib, full);
            if (rel.startsWith('..') || !OUTSIDE.test(rel)) return undefined;
            return { path: `./${path.relative(build, full).split(path.sep).join('/')}`, external: true };
          });
        },
      },
    ],
  });
  const inputs = Object.keys(result.metafile.inputs);
  const wrong = inputs.filter((f) => /node_modules[\\/](cdk8s|cdk8s-plus-28|constructs|yaml|ajv)[\\/]/.test(f) || OUTSIDE.test(path.relative(lib, path.resolve(root, f))));
  if (wrong.length) throw new Error(`build-cli: these must stay out of build/cli.js: ${wrong.join(', ')}`);
  return { text: result.outputFiles[0].text, inputs: inputs.length };
}

bundle().then(
  ({ text, inputs }) => {
    if (process.argv.includes('--check')) {
      const now = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
      if (now !== text) {
        process.stderr.write('build/cli.js is not the bundle of the current build/lib: run `npm run build`\n');
        process.exit(1);
      }
      return;
    }
    // written whole under another name, then renamed: a run never meets half a bundle
    const tmp = `${OUT}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, OUT);
    process.stdout.write(`build/cli.js: ${inputs} modules, ${(text.length / 1024).toFixed(0)} KB\n`);
  },
  (e) => {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  },
);
