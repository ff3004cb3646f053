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
  cli = require('../build/lib/cli/main.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes('build/lib/cli/main.js')) {
    process.stderr.write('svcgen: error: svcgen is not built; run `npm run build` (npm ci does it)\n');
    process.exit(2);
  }
  throw e;
}
cli.main(process.argv).then((code) => {
  process.exitCode = code;
});
