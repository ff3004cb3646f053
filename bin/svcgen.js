#!/usr/bin/env -S node --
'use strict';
// a reader that goes away (`svcgen convert | head`) is not an error
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(process.exitCode || 0);
    throw e;
  });
}
let cli;
try {
  // compiled modules are kept between runs (see lib/compile-cache.ts); SVCGEN_COMPILE_CACHE=off
  require('../build/lib/compile-cache.js').enableCompileCache(require('path').join(__dirname, '..'));
  // the command line in one file (scripts/build-cli.js); the modules of build/lib it leaves out
  // (what runs the user's app) it requires from there
  cli = require('../build/cli.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && /build\/(cli|lib\/compile-cache)\.js/.test(String(e.message))) {
    process.stderr.write('svcgen: error: svcgen is not built; run `npm run build` (npm ci does it)\n');
    process.exit(2);
  }
  throw e;
}
cli.main(process.argv).then((code) => {
  process.exitCode = code;
});
