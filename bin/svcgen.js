#!/usr/bin/env -S node --
'use strict';
let cli;
try {
  // compiled modules are kept between runs (see lib/compile-cache.ts); SVCGEN_COMPILE_CACHE=off
  require('../build/lib/compile-cache.js').enableCompileCache(require('path').join(__dirname, '..'));
  // the command line, bundled (scripts/build-cli.js): build/cli.js loads the file of the command
  // that runs; what runs the user's app it requires from build/lib
  cli = require('../build/cli.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && /build\/(cli|lib\/compile-cache)\.js/.test(String(e.message))) {
    process.stderr.write('svcgen: error: svcgen is not built; run `npm run build` (npm ci does it)\n');
    process.exit(2);
  }
  throw e;
}
// Node's standard streams are made on first use only (svcgen writes to pipes and files itself:
// lib/cli/output.ts), and end the run quietly when the reader goes away (`svcgen convert | head`)
cli.watchStandardStreams();
cli.main(process.argv).then((code) => {
  process.exitCode = code;
});
