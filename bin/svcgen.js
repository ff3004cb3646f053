#!/usr/bin/env -S node --
'use strict';
const args = process.argv.slice(2);
// `svcgen validate <inputs...>` with no option goes straight to the validate bundle, without the
// command line's parser and its other commands (build/cli.js: 9% of the CPU time of validating a
// small file); anything else on the line goes through the parser, which gives the same defaults
const plainValidate = args.length > 1 && args[0] === 'validate' && args.slice(1).every((a) => a === '-' || !a.startsWith('-'));
let cli;
try {
  // compiled modules are kept between runs (see lib/compile-cache.ts); SVCGEN_COMPILE_CACHE=off
  require('../build/lib/compile-cache.js').enableCompileCache(require('path').join(__dirname, '..'));
  // the command line, bundled (scripts/build-cli.js): build/cli.js loads the file of the command
  // that runs; what runs the user's app it requires from build/lib
  cli = require(plainValidate ? '../build/cli-validate.js' : '../build/cli.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && /build\/(cli(-validate)?|lib\/compile-cache)\.js/.test(String(e.message))) {
    process.stderr.write('svcgen: error: svcgen is not built; run `npm run build` (npm ci does it)\n');
    process.exit(2);
  }
  throw e;
}
// Node's standard streams are made on first use only (svcgen writes to pipes and files itself:
// lib/cli/output.ts), and end the run quietly when the reader goes away (`svcgen convert | head`)
cli.watchStandardStreams();
(plainValidate ? Promise.resolve(cli.validateWithoutOptions(args.slice(1))) : cli.main(process.argv)).then((code) => {
  process.exitCode = code;
});
