#!/usr/bin/env bash
# `make bench`: synchronous predictions of replicate/hello-world over loopback, against a fresh
# replicant-server with the rate limit off, with 1 and then 64 connections. Prints predictions/s
# and latency percentiles, and how they compare with the targets of the issue
# (>= 5,000 predictions/s with 64 connections, p50 < 1 ms with one).
#
# Environment:
#   BENCH_DURATION     measured seconds per run (default 10)
#   BENCH_WARMUP       warm-up seconds before each run (default 2)
#   BENCH_CONNECTIONS  connection counts to run (default "1 64")
#   BENCH_METHOD, BENCH_PATH, BENCH_BODY  another request (e.g. BENCH_METHOD=GET
#                      BENCH_PATH=/v1/account measures the generator's ceiling)
#   BENCH_STRICT=1     exit non-zero when a target is missed
#   BENCH_KEEP=1       keep the data directory and logs
#   REPLICANT_SERVER, REPLICANT_BENCH, REPLICANT_BUILD_DIR  where the programs are
# Extra arguments go to every replicant-bench run (see replicant-bench --help).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_check_programs

duration=${BENCH_DURATION:-10}
warmup=${BENCH_WARMUP:-2}
connections=${BENCH_CONNECTIONS:-"1 64"}
method=${BENCH_METHOD:-POST}
path=${BENCH_PATH:-/v1/models/replicate/hello-world/predictions}
request=(--method "$method" --path "$path")
[[ -n ${BENCH_BODY:-} ]] && request+=(--body "$BENCH_BODY")

work=$(mktemp -d "${TMPDIR:-/tmp}/replicant-bench.XXXXXX")
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
    bench_stop_server
    if [[ ${BENCH_KEEP:-0} == 1 ]]; then
        echo "kept: $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_start_server "$work/data" "$work/server.log"
echo "server: $REPLICANT_SERVER at $SERVER_URL (data in $work/data)"
echo "load:   $method $path, ${duration} s measured after ${warmup} s warm-up," \
    "connections: $connections"
echo

status=0
results=()
for c in $connections; do
    rc=0
    out=$("$REPLICANT_BENCH" --url "$SERVER_URL" --token "$BENCH_TOKEN" "${request[@]}" \
        --connections "$c" --duration "$duration" --warmup "$warmup" --json "$@") || rc=$?
    if [[ $rc != 0 ]]; then
        status=1
        echo "replicant-bench with $c connections exited $rc: $out" >&2
    fi
    [[ -n $out ]] && results+=("$out")
done
bench_stop_server

# The summaries are one JSON object each, numbers first: cut the strings off before reading them.
number() { sed -e 's/,"abort_reason".*//' -e "s/.*\"$1\":\([^,}]*\).*/\1/" <<<"$2"; }

printf '%11s %10s %7s %14s %8s %8s %8s %8s %10s\n' connections requests errors predictions/s \
    'p50 ms' 'p90 ms' 'p99 ms' 'max ms' 'bench cpu'
for r in "${results[@]}"; do
    printf '%11s %10s %7s %14s %8s %8s %8s %8s %9s%%\n' "$(number connections "$r")" \
        "$(number requests "$r")" "$(number errors "$r")" "$(number rate "$r")" \
        "$(number p50_ms "$r")" "$(number p90_ms "$r")" "$(number p99_ms "$r")" \
        "$(number max_ms "$r")" "$(number client_cpu_percent "$r")"
done
echo

# The targets of the issue, judged on the runs that have the connection counts they name, and
# only for the request they are about.
missed=0
judged=("${results[@]}")
if [[ $method != POST || $path != /v1/models/replicate/hello-world/predictions ]]; then
    echo "(targets not judged: they are about sync predictions of replicate/hello-world)"
    judged=()
fi
for r in "${judged[@]}"; do
    c=$(number connections "$r")
    if [[ $c == 1 ]]; then
        p50=$(number p50_ms "$r")
        if awk -v v="$p50" 'BEGIN { exit !(v < 1.0) }'; then verdict=met; else verdict=MISSED; missed=1; fi
        echo "target p50 < 1 ms with 1 connection: $p50 ms, $verdict"
    elif [[ $c == 64 ]]; then
        rate=$(number rate "$r")
        if awk -v v="$rate" 'BEGIN { exit !(v >= 5000) }'; then verdict=met; else verdict=MISSED; missed=1; fi
        echo "target >= 5000 predictions/s with 64 connections: $rate/s, $verdict"
    fi
done
if [[ $missed == 1 && ${BENCH_STRICT:-0} == 1 ]]; then
    status=1
fi
exit $status
