#!/usr/bin/env bash
# Builds helm and kustomize from the Go module proxy (pinned), for the test that renders
# `svcgen convert --format helm|kustomize`. Cached in ~/.cache/svcgen-tools/bin (SVCGEN_TOOLS_CACHE);
# prints that folder.
set -euo pipefail
HELM_VERSION="${HELM_VERSION:-v3.19.0}"
KUSTOMIZE_VERSION="${KUSTOMIZE_VERSION:-v5.7.1}"
BIN="${SVCGEN_TOOLS_CACHE:-$HOME/.cache/svcgen-tools}/bin"
mkdir -p "$BIN"
export GOBIN="$BIN" GOFLAGS=-mod=mod
if [ "$(cat "$BIN/helm.version" 2>/dev/null)" != "$HELM_VERSION" ] || [ ! -x "$BIN/helm" ]; then
  echo "setup: building helm $HELM_VERSION (a few minutes the first time)" >&2
  (cd /tmp && go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION") >&2
  echo "$HELM_VERSION" > "$BIN/helm.version"
fi
if [ "$(cat "$BIN/kustomize.version" 2>/dev/null)" != "$KUSTOMIZE_VERSION" ] || [ ! -x "$BIN/kustomize" ]; then
  echo "setup: building kustomize $KUSTOMIZE_VERSION" >&2
  (cd /tmp && go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION") >&2
  echo "$KUSTOMIZE_VERSION" > "$BIN/kustomize.version"
fi
echo "$BIN"
