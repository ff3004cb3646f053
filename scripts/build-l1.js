#!/usr/bin/env node
/**
 * The Kubernetes L1 classes at start-up cost. cdk8s-plus-28's generated module (its
 * lib/imports/k8s.js) is 2.6 MB of JavaScript for ~1,000 classes and converters, of which the
 * constructs use about twenty; loading it is ~50 ms of every synth and convert. After `tsc`, this
 * script:
 *
 * 1. cuts from that module the statements the built constructs reach (the `k8s.<Name>` they use,
 *    and everything those need, found with TypeScript's parser) into build/lib/k8s-l1.js, with
 *    the converters' dropping of undefined values done in one pass instead of one copy per key;
 * 2. points build/lib/l1.js (what the constructs import) at that file, falling back to the
 *    whole module when it is missing;
 * 3. makes build/lib/k8s.js (the `k8s` the package exports for users: every type and class) load
 *    the whole module on first use only.
 *
 * The cut is checked by test/constructs/l1.test.ts (every name the constructs use, the same
 * objects rendered). Run by `npm run build`.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const root = path.join(__dirname, '..');
const build = path.join(root, 'build', 'lib');
const FULL = 'cdk8s-plus-28/lib/imports/k8s';
const source = fs.readFileSync(require.resolve(FULL, { paths: [root] }), 'utf8');
const file = ts.createSourceFile('k8s.js', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);

/** The name a top-level statement is about (what it declares, or what it assigns to), or '*'. */
function ownersOf(st) {
  if ((ts.isClassDeclaration(st) || ts.isFunctionDeclaration(st)) && st.name) return [st.name.text];
  if (ts.isVariableStatement(st)) return st.declarationList.declarations.map((d) => (ts.isIdentifier(d.name) ? d.name.text : '*'));
  if (ts.isExpressionStatement(st)) {
    let e = st.expression;
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      // exports.A = exports.B = ... = void 0: the module's list of exports, written anew below
      if (ts.isPropertyAccessExpression(e.left) && ts.isIdentifier(e.left.expression) && e.left.expression.text === 'exports') {
        if (ts.isIdentifier(e.right)) return [e.right.text];
        return ['-'];
      }
      let t = e.left;
      while (ts.isPropertyAccessExpression(t) || ts.isElementAccessExpression(t)) t = t.expression;
      if (ts.isIdentifier(t)) return [t.text];
    }
    // an enum: (function (E) { ... })(E || (exports.E = E = {}))
    if (ts.isCallExpression(e) && e.arguments.length === 1) {
      let a = e.arguments[0];
      while (ts.isBinaryExpression(a)) a = a.left;
      if (ts.isIdentifier(a)) return [a.text];
    }
    // Object.defineProperty(exports, "__esModule", ...)
    return ['*'];
  }
  return ['*'];
}

/** The identifiers a statement uses (not property names). */
function refsOf(st) {
  const out = new Set();
  const visit = (n) => {
    if (ts.isIdentifier(n)) {
      const p = n.parent;
      const isProperty = p && ((ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n) || (ts.isMethodDeclaration(p) && p.name === n));
      if (!isProperty) out.add(n.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(st);
  return out;
}

const statements = file.statements.map((st) => ({ st, owners: ownersOf(st), refs: refsOf(st) }));
const byOwner = new Map();
for (const s of statements) for (const o of s.owners) (byOwner.get(o) ?? byOwner.set(o, []).get(o)).push(s);

// the names the built constructs use at run time: `k8s.<Name>` in the compiled JavaScript
const roots = new Set();
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.js') && !['k8s.js', 'l1.js', 'k8s-l1.js'].includes(path.relative(build, p))) {
      for (const m of fs.readFileSync(p, 'utf8').matchAll(/\bk8s\.([A-Za-z_$][\w$]*)/g)) if (byOwner.has(m[1])) roots.add(m[1]);
    }
  }
};
walk(build);
if (roots.size < 10) throw new Error(`build-l1: only ${roots.size} L1 names found in build/lib: is it built?`);

const keep = new Set();
const todo = [...roots];
while (todo.length) {
  const name = todo.pop();
  for (const s of byOwner.get(name) ?? []) {
    if (keep.has(s)) continue;
    keep.add(s);
    for (const r of s.refs) if (byOwner.has(r) && r !== '*' && r !== '-') todo.push(r);
    for (const o of s.owners) if (o !== name && byOwner.has(o)) todo.push(o);
  }
}
for (const s of byOwner.get('*') ?? []) keep.add(s);

const version = JSON.parse(fs.readFileSync(require.resolve('cdk8s-plus-28/package.json', { paths: [root] }), 'utf8')).version;

// The ApiObject classes (`class KubeX extends cdk8s_1.ApiObject`) need cdk8s, and loading cdk8s
// (with its YAML library, ~100 modules) is a tenth of a small convert, which renders without
// constructs. So the cut defines those classes, and requires cdk8s, on first use of one of them;
// the converters, IntOrString and Quantity need nothing.
const CDK8S = 'cdk8s_1';
const apiClasses = new Set(
  statements
    .filter((s) => keep.has(s) && ts.isClassDeclaration(s.st) && s.st.heritageClauses?.some((h) => h.getText(file).includes(`${CDK8S}.`)))
    .map((s) => s.owners[0]),
);
const lazy = (s) => s.owners.some((o) => apiClasses.has(o) || o === CDK8S);
for (const s of statements) {
  if (keep.has(s) && !lazy(s) && [...s.refs].some((r) => apiClasses.has(r) || r === CDK8S)) {
    throw new Error(`build-l1: a statement outside the ApiObject classes uses them or cdk8s: ${s.st.getText(file).slice(0, 120)}`);
  }
}
const text = (s) => s.st.getFullText(file);
const eager = statements.filter((s) => keep.has(s) && !lazy(s)).map(text).join('');
const deferred = statements
  .filter((s) => keep.has(s) && lazy(s))
  // `exports.KubeX = KubeX`: the exports are getters (below)
  .filter((s) => !(ts.isExpressionStatement(s.st) && /^exports\.\w+ = \w+$/.test(s.st.expression.getText(file))))
  .map(text)
  .join('');
const names = [...apiClasses].sort();
let body = `${eager}
let __apiClasses;
/** The ApiObject classes, defined (and cdk8s loaded) on first use (scripts/build-l1.js). */
function __defineApiClasses() {
    if (__apiClasses) return __apiClasses;
${deferred}
    return (__apiClasses = { ${names.join(', ')} });
}
for (const name of ${JSON.stringify(names)}) {
    Object.defineProperty(exports, name, { enumerable: true, configurable: true, get: () => __defineApiClasses()[name] });
}
`;

// The generated converters drop undefined values with
//   Object.entries(x).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {})
// which copies the object once per key (quadratic: a tenth of converting 1,000 services). The cut
// does the same in one pass, with a helper that keeps what the spread does: the order of keys, and
// a key named `__proto__` as an own property.
const REDUCE = /Object\.entries\(([\w$.]+)\)\.reduce\(\(r, i\) => \(i\[1\] === undefined\) \? r : \(\{ \.\.\.r, \[i\[0\]\]: i\[1\](\?\.value)? \}\), \{\}\)/g;
body = body.replace(REDUCE, (_, x, value) => `__definedOnly(${x}, ${value ? 'true' : 'false'})`);
if (body.includes('.reduce((r, i)')) throw new Error('build-l1: a converter reduces in a way this script does not know; see REDUCE');
const HELPER = `
/** \`Object.entries(o).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: value ? i[1]?.value : i[1] }), {})\` in one pass (scripts/build-l1.js). */
function __definedOnly(o, value) {
    const r = {};
    const keys = Object.keys(o);
    for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        const v = o[k];
        if (v === undefined) continue;
        const x = value ? v?.value : v;
        if (k === '__proto__') Object.defineProperty(r, k, { value: x, writable: true, enumerable: true, configurable: true });
        else r[k] = x;
    }
    return r;
}
`;
const out = `"use strict";\n// Cut from cdk8s-plus-28@${version} lib/imports/k8s.js by scripts/build-l1.js: the L1 names svcgen's\n// constructs use (${[...roots].sort().join(', ')}) and what they need.\n${body.replace(/^\s*"use strict";/, '')}\n${HELPER}`;
fs.writeFileSync(path.join(build, 'k8s-l1.js'), out);

/** Replaces one exact piece of a built file, or fails the build. */
function rewrite(rel, from, to) {
  const p = path.join(build, rel);
  const text = fs.readFileSync(p, 'utf8');
  if (text.split(from).length !== 2) throw new Error(`build-l1: ${rel} does not contain ${from} exactly once`);
  fs.writeFileSync(p, text.replace(from, to));
}
const fullRequire = `require("${FULL}")`;
rewrite('l1.js', fullRequire, `(() => { try { return require("./k8s-l1.js"); } catch { return ${fullRequire}; } })() /* scripts/build-l1.js */`);
rewrite('k8s.js', `const k8s = __importStar(${fullRequire});\nexports.k8s = k8s;`, `let k8s; // loaded on first use (scripts/build-l1.js)\nObject.defineProperty(exports, "k8s", { enumerable: true, get: () => (k8s ??= __importStar(${fullRequire})) });`);
process.stdout.write(`wrote build/lib/k8s-l1.js: ${keep.size} of ${statements.length} statements, ${(out.length / 1024).toFixed(0)} KiB of ${(source.length / 1024).toFixed(0)} KiB\n`);
