#!/usr/bin/env bash
# The GLB viewer against f3d on the same large generated GLB: load to first frame, and peak
# memory, measured with /usr/bin/time -v.
#
# Both programs start, load the file, render one frame offscreen at the same size, write it as
# a PNG and exit (`replicant view FILE --screenshot OUT.png --size WxH`, `f3d --output OUT.png
# --resolution W,H FILE`): the wall time of that whole process is what a person waits for
# before seeing the model. Runs alternate between the two after one warm-up run each (page
# cache, Mesa's shader cache); the medians are compared as a ratio, ours / f3d (below 1: we
# are faster). Runs under xvfb-run when there is no display.
#
#   bench/glb_viewer.sh [--triangles N] [--runs R] [--size WxH]
#   REPLICANT_BUILD_DIR  where replicant and make_large_glb were built (default build/)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${REPLICANT_BUILD_DIR:-$root/build}
triangles=2100000
runs=5
size=800x600
while [ $# -gt 0 ]; do
  case $1 in
    --triangles) triangles=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    *) echo "usage: $0 [--triangles N] [--runs R] [--size WxH]" >&2; exit 2 ;;
  esac
done

for tool in "$build/bin/replicant" "$build/bin/make_large_glb" /usr/bin/time; do
  [ -x "$tool" ] || { echo "glb_viewer: $tool is missing (make build; apt-get install time)" >&2; exit 1; }
done
command -v f3d >/dev/null || { echo "glb_viewer: f3d is missing (apt-get install f3d)" >&2; exit 1; }
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1920x1080x24" "$0" --triangles "$triangles" --runs "$runs" --size "$size"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
glb=$work/large.glb
"$build/bin/make_large_glb" "$glb" --triangles "$triangles"
echo "file: $(du -h "$glb" | cut -f1), ${size}, ${runs} runs each after a warm-up, $(nproc) cores"

ours=("$build/bin/replicant" view "$glb" --screenshot "$work/ours.png" --size "$size")
theirs=(f3d --output "$work/f3d.png" --resolution "${size/x/,}" "$glb")
echo "ours:  ${ours[*]}"
echo "f3d:   ${theirs[*]}"

# Prints "SECONDS KBYTES" for one run of the command.
measure() {
  /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt" || { cat "$work/time.txt" >&2; return 1; }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
    /Maximum resident set size/ { kb = $2 }
    END { printf "%.3f %d\n", s, kb }' "$work/time.txt"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

measure "${ours[@]}" >/dev/null    # warm-up
measure "${theirs[@]}" >/dev/null
: >"$work/ours.txt"
: >"$work/f3d.txt"
for ((i = 1; i <= runs; i++)); do
  measure "${ours[@]}" | tee -a "$work/ours.txt" | sed 's/^/  ours /'
  measure "${theirs[@]}" | tee -a "$work/f3d.txt" | sed 's/^/  f3d  /'
done
for png in ours f3d; do
  [ "$(stat -c %s "$work/$png.png")" -gt 2000 ] || { echo "glb_viewer: $png.png looks empty" >&2; exit 1; }
done

ours_s=$(cut -d' ' -f1 "$work/ours.txt" | median)
f3d_s=$(cut -d' ' -f1 "$work/f3d.txt" | median)
ours_mb=$(cut -d' ' -f2 "$work/ours.txt" | median | awk '{ printf "%.0f", $1 / 1024 }')
f3d_mb=$(cut -d' ' -f2 "$work/f3d.txt" | median | awk '{ printf "%.0f", $1 / 1024 }')
echo
printf '%-9s %22s %15s\n' "" "load to first frame" "peak memory"
printf '%-9s %20.2f s %12s MB\n' replicant "$ours_s" "$ours_mb" f3d "$f3d_s" "$f3d_mb"
awk -v a="$ours_s" -v b="$f3d_s" 'BEGIN { printf "ratio (replicant / f3d): %.2f (%s)\n", a / b, a <= b ? "not slower than f3d" : "SLOWER than f3d" }'
