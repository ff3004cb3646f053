#!/usr/bin/env bash
# Builds kube-apiserver, kube-controller-manager and kube-scheduler for Kubernetes 1.28 from the Go module proxy and installs etcd from Debian's
# etcd-server package. Binaries are cached outside the repository (SVCGEN_APISERVER_CACHE, default
# ~/.cache/svcgen-apiserver) so that later runs reuse them. Prints the cache folder on success.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
K8S_VERSION="${K8S_VERSION:-1.28.15}"
STAGING_VERSION="0.${K8S_VERSION#1.}"
# Kubernetes 1.28 does not build with Go >= 1.23 (go:linkname restrictions): pin a toolchain the
# module proxy serves.
export GOTOOLCHAIN="${GOTOOLCHAIN_APISERVER:-go1.21.13}"
export GOFLAGS="-mod=mod"
CACHE="${SVCGEN_APISERVER_CACHE:-$HOME/.cache/svcgen-apiserver}"
BIN="$CACHE/bin"
mkdir -p "$BIN"

# kube-apiserver for every test; kube-controller-manager and kube-scheduler for the scheduling test
COMPONENTS="kube-apiserver kube-controller-manager kube-scheduler"
missing=""
for c in $COMPONENTS; do
  if [ ! -x "$BIN/$c" ] || [ "$(cat "$BIN/$c.version" 2>/dev/null)" != "$K8S_VERSION" ]; then missing="$missing $c"; fi
done
if [ -n "$missing" ]; then
  SRC="$CACHE/src-$K8S_VERSION"
  mkdir -p "$SRC"
  cd "$SRC"
  STAGING="api apiextensions-apiserver apimachinery apiserver cli-runtime client-go cloud-provider cluster-bootstrap
    code-generator component-base component-helpers controller-manager cri-api csi-translation-lib
    dynamic-resource-allocation endpointslice kms kube-aggregator kube-controller-manager kube-proxy
    kube-scheduler kubectl kubelet legacy-cloud-providers metrics mount-utils pod-security-admission
    sample-apiserver sample-cli-plugin sample-controller"
  {
    echo "module svcgen.test/apiserver"
    echo
    echo "go 1.20"
    echo
    echo "require k8s.io/kubernetes v$K8S_VERSION"
    echo
    for m in $STAGING; do echo "replace k8s.io/$m => k8s.io/$m v$STAGING_VERSION"; done
  } > go.mod.want
  {
    printf '//go:build tools\n\npackage tools\n\nimport (\n'
    for c in $COMPONENTS; do printf '\t_ "k8s.io/kubernetes/cmd/%s"\n' "$c"; done
    printf ')\n'
  } > tools.go.want
  # a go.mod that go mod tidy completed is kept (its requirements are the resolved ones)
  if ! cmp -s tools.go.want tools.go || [ ! -f go.mod ] || ! grep -q "k8s.io/kubernetes v$K8S_VERSION" go.mod; then
    mv go.mod.want go.mod
    mv tools.go.want tools.go
    echo "setup: resolving modules for Kubernetes v$K8S_VERSION (toolchain $GOTOOLCHAIN)" >&2
    go mod tidy >&2
  fi
  rm -f go.mod.want tools.go.want
  for c in $missing; do
    echo "setup: building $c v$K8S_VERSION (several minutes the first time)" >&2
    CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$BIN/$c" "k8s.io/kubernetes/cmd/$c" >&2
    echo "$K8S_VERSION" > "$BIN/$c.version"
  done
fi

if [ ! -x "$BIN/etcd" ]; then
  if command -v etcd >/dev/null 2>&1; then
    ln -sf "$(command -v etcd)" "$BIN/etcd"
  elif [ -x /usr/bin/etcd ]; then
    ln -sf /usr/bin/etcd "$BIN/etcd"
  else
    echo "setup: installing etcd from Debian's etcd-server package" >&2
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq >&2 || true
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq etcd-server >&2
    ln -sf /usr/bin/etcd "$BIN/etcd"
  fi
fi
# The kubelet's environment-variable code as an oracle for `svcgen explain` (test/oracles/kubelet-envvars),
# built in the same module as kube-apiserver; rebuilt when its source changes.
ORACLE_SRC="$HERE/../oracles/kubelet-envvars/main.go"
ORACLE_SUM="$K8S_VERSION $(sha256sum "$ORACLE_SRC" | cut -d' ' -f1)"
if [ ! -x "$BIN/kubelet-envvars" ] || [ "$(cat "$BIN/kubelet-envvars.version" 2>/dev/null)" != "$ORACLE_SUM" ]; then
  SRC="$CACHE/src-$K8S_VERSION"
  mkdir -p "$SRC/kubelet-envvars"
  cp "$ORACLE_SRC" "$SRC/kubelet-envvars/main.go"
  echo "setup: building the kubelet-envvars oracle" >&2
  (cd "$SRC" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$BIN/kubelet-envvars" ./kubelet-envvars) >&2
  echo "$ORACLE_SUM" > "$BIN/kubelet-envvars.version"
fi
echo "$BIN"
