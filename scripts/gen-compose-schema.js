#!/usr/bin/env node
/**
 * Regenerates lib/compose/schema/compose-spec.json, the Compose Specification's JSON Schema,
 * from a pinned Go module on the Go module proxy: github.com/compose-spec/compose-go/v2 at the
 * version below (the library Docker Compose itself uses), file schema/compose-spec.json, checked
 * against the module's go.sum hash. Needs `go`. Run: node scripts/gen-compose-schema.js
 * The output is committed; svcgen never downloads a schema at run time.
 */
'use strict';
const { execFileSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const MODULE = 'github.com/compose-spec/compose-go/v2';
const VERSION = 'v2.16.2';
const MODULE_SUM = 'h1:pTp1DqQwJzFd85GzlWsSszKA1ABrV/ySqsClujIcWA8=';
const OUT_DIR = path.join(__dirname, '..', 'lib', 'compose', 'schema');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'svcgen-compose-schema-'));
try {
  const info = JSON.parse(
    execFileSync('go', ['mod', 'download', '-json', `${MODULE}@${VERSION}`], { cwd: tmp, encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod' } }),
  );
  if (info.Sum !== MODULE_SUM) throw new Error(`${MODULE}@${VERSION}: sum ${info.Sum}, expected ${MODULE_SUM}`);
  const text = fs.readFileSync(path.join(info.Dir, 'schema', 'compose-spec.json'), 'utf8');
  const out = JSON.stringify(JSON.parse(text), null, 1) + '\n';
  fs.writeFileSync(path.join(OUT_DIR, 'compose-spec.json'), out);
  fs.writeFileSync(
    path.join(OUT_DIR, 'PROVENANCE.json'),
    JSON.stringify(
      {
        source: `Go module ${MODULE}@${VERSION} (Go module proxy)`,
        moduleSum: MODULE_SUM,
        member: 'schema/compose-spec.json',
        transform: 'none (re-serialised JSON)',
        outputSha256: crypto.createHash('sha256').update(out).digest('hex'),
        generator: 'scripts/gen-compose-schema.js',
      },
      null,
      2,
    ) + '\n',
  );
  process.stdout.write(`wrote lib/compose/schema/compose-spec.json (${out.length} bytes)\n`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
