#!/usr/bin/env bash
# Builds the benchmark peers from the Go module proxy, pinned, into ~/.cache/svcgen-bench
# (SVCGEN_BENCH_CACHE), once: kubeconform v0.7.0 (go install) and kompose v1.38.0 (`go install` is
# refused for it because of a `replace` in its go.mod: the module is downloaded with
# `go mod download -json`, copied, and built in the copy). Writes kubeconform's schema folders,
# schemas-1.28 and schemas-1.37, from svcgen's own pinned schemas of those versions
# (lib/validate/schema/k8s-schema.json, strict), so that both tools check against the same schemas.
# Prints the cache folder.
set -euo pipefail
CACHE="${SVCGEN_BENCH_CACHE:-$HOME/.cache/svcgen-bench}"
KUBECONFORM_VERSION=v0.7.0
mkdir -p "$CACHE/bin"
if [ ! -x "$CACHE/bin/kubeconform" ] || [ "$(cat "$CACHE/bin/kubeconform.version" 2>/dev/null)" != "$KUBECONFORM_VERSION" ]; then
  echo "bench setup: building kubeconform $KUBECONFORM_VERSION" >&2
  GOBIN="$CACHE/bin" GOFLAGS=-mod=mod go install "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION" >&2
  echo "$KUBECONFORM_VERSION" > "$CACHE/bin/kubeconform.version"
fi
KOMPOSE_VERSION=v1.38.0
if [ ! -x "$CACHE/bin/kompose" ] || [ "$(cat "$CACHE/bin/kompose.version" 2>/dev/null)" != "$KOMPOSE_VERSION" ]; then
  echo "bench setup: building kompose $KOMPOSE_VERSION" >&2
  dir=$(go mod download -json "github.com/kubernetes/kompose@$KOMPOSE_VERSION" | node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>console.log(JSON.parse(s).Dir))')
  rm -rf "$CACHE/kompose-src"
  cp -r "$dir" "$CACHE/kompose-src"
  chmod -R u+w "$CACHE/kompose-src"
  (cd "$CACHE/kompose-src" && GOFLAGS=-mod=mod go build -o "$CACHE/bin/kompose" .) >&2
  echo "$KOMPOSE_VERSION" > "$CACHE/bin/kompose.version"
fi
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
for v in 1.28 1.37; do node - "$ROOT/lib/validate/schema/k8s-schema.json" "$CACHE/schemas-$v" "$v" <<'JS'
// one standalone file per kind, named as kubeconform looks them up: {kind}{-group}-{version}.json
const fs = require('fs');
const path = require('path');
const [storedFile, out, version] = process.argv.slice(2);
const stored = JSON.parse(fs.readFileSync(storedFile, 'utf8'));
const bundle = { $schema: stored.$schema, $id: stored.$id, $defs: Object.fromEntries(Object.entries(stored.versions[version]).map(([n, i]) => [n, stored.bodies[i]])) };
const stamp = path.join(out, '.source-sha');
const sha = require('crypto').createHash('sha256').update(fs.readFileSync(storedFile)).update(version).digest('hex');
if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === sha) process.exit(0);
fs.mkdirSync(out, { recursive: true });
let n = 0;
for (const [name, def] of Object.entries(bundle.$defs)) {
  for (const g of def['x-kubernetes-group-version-kind'] ?? []) {
    if (!def.properties?.kind || name.endsWith('List')) continue;
    const suffix = g.group ? `-${g.group.split('.')[0]}-${g.version}` : `-${g.version}`;
    const file = path.join(out, `${g.kind.toLowerCase()}${suffix}.json`.toLowerCase());
    fs.writeFileSync(file, JSON.stringify({ $schema: bundle.$schema, $ref: `#/$defs/${name}`, $defs: bundle.$defs }));
    n++;
  }
}
fs.writeFileSync(stamp, sha);
process.stderr.write(`bench setup: wrote ${n} kubeconform schemas of ${version}\n`);
JS
done
echo "$CACHE"
