#!/usr/bin/env bash
# Installs Chromium from Debian's packages when it is missing (the browser test opens
# `svcgen explain -o html` pages in it). Prints the browser's path.
set -euo pipefail
for b in "${SVCGEN_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$b" ] && [ -x "$b" ]; then echo "$b"; exit 0; fi
done
echo "setup: installing chromium from Debian's packages" >&2
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
$SUDO apt-get update -qq >&2 || true
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2
echo /usr/bin/chromium
