#!/usr/bin/env node
/**
 * The command line as a few files: build/cli.js, which bin/svcgen.js runs (the commands, their
 * options, the output), and one file per command that it loads when that command runs:
 * build/cli-convert.js, build/cli-validate.js, build/cli-explain.js. Loading the ~90 modules of a
 * `convert` or `validate` one by one (finding each file, reading it and its cache entry, wrapping
 * it) is a sixth of a small run; one file costs that once, and a file per command keeps
 * `--version` and `synth` from loading (and V8 from deserializing) the code of the others. Run by
 * `npm run build`, after `tsc` and the L1 cut, from what they built.
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
 * And svcgen's library, for the commands that load an app (`synth`, `explain --app`), as one file:
 * build/lib/synth/library.js, every module of build/lib that those commands can reach (the
 * package's index, the constructs, synth, the validation), each kept as the module it was, and a
 * table of them by path. lib/synth/library-bundle.ts hands each module of the table to Node's
 * module cache under its own file name, so that the command line's requires, the app's
 * `import ... from 'svcgen'` (and deep imports of build/lib) all meet the one copy in that file,
 * set up on first use. It sits in build/lib/synth/ so that `__dirname` in its modules is the
 * folder the synth modules had, and the frames of its code are under build/lib, as before, for
 * the rules that tell the app's stack frames from svcgen's (construct origins, `userFrame`).
 * compile-cache.js stays outside: bin/svcgen.js has loaded it already.
 *
 * `node scripts/build-cli.js --check` builds in memory and fails when a file differs (a build/lib
 * changed since, without `npm run build`): test/cli/startup.test.ts runs it.
 */
'use strict';
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const build = path.join(root, 'build');
const lib = path.join(build, 'lib');

/** What is bundled into which file: the command line, and each command main.js loads on its own. */
const BUNDLES = [
  { entry: 'main', out: 'cli.js' },
  { entry: 'convert', out: 'cli-convert.js' },
  { entry: 'validate', out: 'cli-validate.js' },
  { entry: 'explain', out: 'cli-explain.js' },
];
const COMMANDS = new Set(BUNDLES.slice(1).map((b) => b.entry));

/** build/lib modules that stay outside: what loads or synthesizes the user's app. */
const OUTSIDE = /^(synth[\\/](load|synth|ts-loader|typecheck)\.js$|cli[\\/]synth\.js$|index\.js$|cdk8s-plugin\.js$|constructs[\\/]index\.js$)/;

/** A path relative to a folder, with forward slashes (esbuild's external paths, messages). */
const relative = (from, to) => path.relative(from, to).split(path.sep).join('/');

const EXTERNAL_PACKAGES = ['cdk8s', 'cdk8s-plus-28', 'constructs', 'yaml', 'ajv', '@dagrejs/*', 'esbuild', 'esbuild/*', 'tsx', 'tsx/*', 'typescript'];

/** How every file here is bundled: for node, as CommonJS, in memory (written or checked after). */
const ESBUILD = { write: false, bundle: true, platform: 'node', format: 'cjs', target: 'node20', legalComments: 'eof', logLevel: 'error', metafile: true, external: EXTERNAL_PACKAGES };

/**
 * Where the library bundle is, in build/lib, and what it starts from. Left out: what the package's
 * index requires only when first called (the converter, explain), which no app-loading command
 * runs: a third of the bundle's size, and reading a file costs by its size (a program that calls
 * them loads their files, whose requires of the modules in the bundle meet the bundle's).
 */
const LIBRARY = {
  out: path.join('lib', 'synth', 'library.js'),
  entries: ['index.js', 'cdk8s-plugin.js', 'cli/synth.js', 'synth/load.js'],
  onFirstCall: { 'index.js': ['./compose', './explain/model', './explain/render'] },
};

/** The build/lib module paths (`constructs/tier.js`) of a build's inputs. */
const libModules = (metafile) =>
  Object.keys(metafile.inputs)
    .map((f) => relative(lib, path.resolve(root, f)))
    .filter((r) => !r.startsWith('..') && r.endsWith('.js'))
    .sort();

/**
 * The library bundle: an entry that exports a table of modules (path in build/lib -> a function
 * that sets the module up and returns its exports), made twice: once from the entries, to learn
 * every module they reach, then with all of those in the table.
 */
async function libraryBundle() {
  const outfile = path.join(build, LIBRARY.out);
  const once = (modules) =>
    esbuild.build({
      stdin: {
        contents: `module.exports = {\n${modules.map((m) => `  ${JSON.stringify(m)}: () => require(${JSON.stringify(`../${m}`)}),`).join('\n')}\n};\n`,
        resolveDir: path.dirname(outfile),
        sourcefile: '<library table>',
      },
      outfile,
      ...ESBUILD,
      plugins: [
        {
          name: 'outside',
          setup(b) {
            // bin/svcgen.js loaded the compile cache before anything else: the same module
            b.onResolve({ filter: /compile-cache$/ }, () => ({ path: '../compile-cache.js', external: true }));
            b.onResolve({ filter: /^\.\.?\// }, (args) => {
              const from = relative(lib, args.importer);
              if (!(LIBRARY.onFirstCall[from] ?? []).includes(args.path)) return undefined;
              const full = require.resolve(path.resolve(args.resolveDir, args.path));
              return { path: `./${relative(path.dirname(outfile), full)}`, external: true };
            });
          },
        },
      ],
    });
  const first = await once(LIBRARY.entries);
  const modules = libModules(first.metafile);
  const result = await once(modules);
  const inputs = libModules(result.metafile);
  if (inputs.join() !== modules.join()) throw new Error(`build-cli: the library table missed ${inputs.filter((m) => !modules.includes(m)).join(', ')}`);
  if (modules.includes('compile-cache.js')) throw new Error('build-cli: compile-cache.js must stay out of the library bundle');
  return { out: LIBRARY.out, text: result.outputFiles[0].text, inputs: modules.length };
}

async function bundle({ entry, out }) {
  const result = await esbuild.build({
    entryPoints: [path.join(lib, 'cli', `${entry}.js`)],
    outfile: path.join(build, out),
    ...ESBUILD,
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
            // the command line loads each command's own file
            const command = /^cli[\\/](\w+)\.js$/.exec(rel)?.[1];
            if (entry === 'main' && command && COMMANDS.has(command)) return { path: `./${BUNDLES.find((x) => x.entry === command).out}`, external: true };
            if (rel.startsWith('..') || !OUTSIDE.test(rel)) return undefined;
            return { path: `./${relative(build, full)}`, external: true };
          });
        },
      },
    ],
  });
  const inputs = Object.keys(result.metafile.inputs);
  const wrong = inputs.filter((f) => /node_modules[\\/](cdk8s|cdk8s-plus-28|constructs|yaml|ajv)[\\/]/.test(f) || OUTSIDE.test(path.relative(lib, path.resolve(root, f))));
  if (wrong.length) throw new Error(`build-cli: these must stay out of build/${out}: ${wrong.join(', ')}`);
  return { out, text: result.outputFiles[0].text, inputs: inputs.length };
}

Promise.all([...BUNDLES.map(bundle), libraryBundle()]).then(
  (made) => {
    if (process.argv.includes('--check')) {
      const stale = made.filter(({ out, text }) => !fs.existsSync(path.join(build, out)) || fs.readFileSync(path.join(build, out), 'utf8') !== text);
      if (stale.length) {
        process.stderr.write(`${stale.map((b) => `build/${relative(build, path.join(build, b.out))}`).join(', ')}: not the bundle of the current build/lib: run \`npm run build\`\n`);
        process.exit(1);
      }
      return;
    }
    // each written whole under another name, then renamed: a run never meets half a bundle (the
    // command line first meets its commands' new files when all are in place)
    for (const { out, text } of [...made].reverse()) {
      const file = path.join(build, out);
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, text);
      fs.renameSync(tmp, file);
    }
    process.stdout.write(`${made.map(({ out, text, inputs }) => `build/${relative(build, path.join(build, out))}: ${inputs} modules, ${(text.length / 1024).toFixed(0)} KB`).join('; ')}\n`);
  },
  (e) => {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  },
);
