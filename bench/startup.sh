#!/usr/bin/env bash
# Desktop start-up: process start to the main window's first paint with the embedded backend up,
# and resident memory then and idle 3 s later (REPLICANT_STARTUP_PROBE, app/startup_probe.cpp).
# The first run creates the data dir (store, built-in examples); the others start warm.
# Usage: bench/startup.sh [RUNS]   (REPLICANT_BUILD_DIR picks the build, default build/)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${REPLICANT_BUILD_DIR:-$root/build}
runs=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/config" "$work/run" && chmod 700 "$work/run"
for i in $(seq "$runs"); do
  printf 'run %s (%s): ' "$i" "$([ "$i" = 1 ] && echo cold || echo warm)"
  XDG_CONFIG_HOME=$work/config XDG_RUNTIME_DIR=$work/run REPLICANT_STARTUP_PROBE=exit \
    xvfb-run -a -s "-screen 0 1280x900x24" "$build/bin/replicant" --data-dir "$work/data" \
    --port 0 2>&1 | grep '^startup:' | sed 's/^startup: //' | paste -sd ';' -
done
