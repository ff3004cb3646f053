#!/usr/bin/env bash
# Builds the Kubernetes control-plane binaries the API-server tests use, from the Go module proxy,
# and installs etcd from Debian's etcd-server package. Run by .ci/run (and by `npm run
# setup:oracles`) before any test: the tests only look the binaries up (test/apiserver/cluster.ts)
# and never build them.
#
# Each version gets only what its tests need (SVCGEN_K8S_BUILDS overrides the list):
#   1.37.2  kube-apiserver, kube-controller-manager, kube-scheduler (the scheduling harness runs
#           at the version users run) and the kubelet-envvars oracle
#   1.28.15 kube-apiserver (the 1.28 verdicts)
# Binaries are cached outside the repository (SVCGEN_APISERVER_CACHE, default
# ~/.cache/svcgen-apiserver) in bin/<version>/, keyed by version; a later run builds nothing.
# Prints the cache folder on success.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
CACHE="${SVCGEN_APISERVER_CACHE:-$HOME/.cache/svcgen-apiserver}"
BUILDS="${SVCGEN_K8S_BUILDS:-1.37.2:kube-apiserver,kube-controller-manager,kube-scheduler,kubelet-envvars 1.28.15:kube-apiserver}"
export GOFLAGS="-mod=mod"

build_version() {
  local version="$1" components="$2"
  local bin="$CACHE/bin/$version" src="$CACHE/src-$version" staging_version="0.${1#1.}"
  mkdir -p "$bin"
  # Kubernetes 1.28 does not build with Go >= 1.23 (go:linkname restrictions): pin a toolchain
  # the module proxy serves. Later versions build with the machine's Go (1.37's go.mod wants 1.26).
  local toolchain="local"
  case "$version" in 1.2[0-9].*) toolchain="${GOTOOLCHAIN_K128:-go1.21.13}" ;; esac
  local commands="" missing="" c
  for c in ${components//,/ }; do
    [ "$c" = kubelet-envvars ] && continue
    commands="$commands $c"
    if [ ! -x "$bin/$c" ] || [ "$(cat "$bin/$c.version" 2>/dev/null)" != "$version" ]; then missing="$missing $c"; fi
  done
  if [ -n "$missing" ] || [[ ",$components," == *,kubelet-envvars,* ]]; then
    mkdir -p "$src"
    # the staging modules k8s.io/kubernetes replaces with local folders, at their published versions
    (cd "$src" && GOTOOLCHAIN=local go mod download -json "k8s.io/kubernetes@v$version" >/dev/null)
    local gomod
    gomod="$(go env GOMODCACHE)/cache/download/k8s.io/kubernetes/@v/v$version.mod"
    {
      echo "module svcgen.test/apiserver"
      echo
      echo "go 1.20"
      echo
      echo "require k8s.io/kubernetes v$version"
      echo
      sed -n 's#^[[:space:]]*\(k8s.io/[a-z0-9-]*\) => ./staging/src/.*#replace \1 => \1 v'"$staging_version"'#p' "$gomod"
    } > "$src/go.mod.want"
    {
      printf '//go:build tools\n\npackage tools\n\nimport (\n'
      for c in $commands; do printf '\t_ "k8s.io/kubernetes/cmd/%s"\n' "$c"; done
      printf '\t_ "k8s.io/kubernetes/pkg/kubelet/envvars"\n'
      printf ')\n'
    } > "$src/tools.go.want"
    # a go.mod that go mod tidy completed is kept (its requirements are the resolved ones)
    if ! cmp -s "$src/tools.go.want" "$src/tools.go" || [ ! -f "$src/go.mod" ] || ! grep -q "k8s.io/kubernetes v$version" "$src/go.mod"; then
      mv "$src/go.mod.want" "$src/go.mod"
      mv "$src/tools.go.want" "$src/tools.go"
      echo "setup: resolving modules for Kubernetes v$version (toolchain $toolchain)" >&2
      (cd "$src" && GOTOOLCHAIN="$toolchain" go mod tidy) >&2
    fi
    rm -f "$src/go.mod.want" "$src/tools.go.want"
  fi
  if [ -n "$missing" ]; then
    local pkgs="" start=$SECONDS
    for c in $missing; do pkgs="$pkgs k8s.io/kubernetes/cmd/$c"; done
    echo "setup: building$missing v$version (tens of minutes on 2 cores the first time)" >&2
    # one go build for all of them: the packages they share compile once, in parallel
    (cd "$src" && CGO_ENABLED=0 GOTOOLCHAIN="$toolchain" go build -trimpath -ldflags "-s -w" -o "$bin/" $pkgs) >&2
    for c in $missing; do echo "$version" > "$bin/$c.version"; done
    echo "setup: built$missing v$version in $((SECONDS - start)) s" >&2
  fi
  if [[ ",$components," == *,kubelet-envvars,* ]]; then
    # The kubelet's environment-variable code as an oracle for `svcgen explain`
    # (test/oracles/kubelet-envvars), built in the same module; rebuilt when its source changes.
    local oracle="$HERE/../oracles/kubelet-envvars/main.go" sum
    sum="$version $(sha256sum "$oracle" | cut -d' ' -f1)"
    if [ ! -x "$bin/kubelet-envvars" ] || [ "$(cat "$bin/kubelet-envvars.version" 2>/dev/null)" != "$sum" ]; then
      mkdir -p "$src/kubelet-envvars"
      cp "$oracle" "$src/kubelet-envvars/main.go"
      echo "setup: building the kubelet-envvars oracle v$version" >&2
      (cd "$src" && CGO_ENABLED=0 GOTOOLCHAIN="$toolchain" go build -trimpath -ldflags "-s -w" -o "$bin/kubelet-envvars" ./kubelet-envvars) >&2
      echo "$sum" > "$bin/kubelet-envvars.version"
    fi
  fi
}

for b in $BUILDS; do build_version "${b%%:*}" "${b#*:}"; done

if [ ! -x "$CACHE/bin/etcd" ]; then
  if command -v etcd >/dev/null 2>&1; then
    ln -sf "$(command -v etcd)" "$CACHE/bin/etcd"
  else
    echo "setup: installing etcd from Debian's etcd-server package" >&2
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq >&2 || true
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq etcd-server >&2
    ln -sf /usr/bin/etcd "$CACHE/bin/etcd"
  fi
fi
echo "$CACHE/bin"
