#!/usr/bin/env bash
# Runs a command with an X display for OpenGL: the one there is, else a virtual one.
set -euo pipefail
if [ -n "${DISPLAY:-}" ]; then
  exec "$@"
fi
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "with_display: no DISPLAY and no xvfb-run (install xvfb)" >&2
  exit 1
fi
exec xvfb-run -a -s "-screen 0 1280x1024x24" "$@"
