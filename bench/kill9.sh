#!/usr/bin/env bash
# The durability check of the issue: "kill -9 under load, restart: every prediction the load
# generator saw acknowledged is there."
#
# Starts replicant-server on a fresh data dir, drives sync predictions of replicate/hello-world
# with 16 connections while replicant-bench appends the id of every acknowledged (2xx)
# prediction to a file, kill -9s the server after a few seconds, restarts it on the same data
# dir and GETs /v1/predictions/{id} for every id. Prints "N acknowledged, N found, 0 missing";
# exits non-zero if any is missing (or nothing was acknowledged, which would prove nothing).
#
# Environment:
#   KILL9_AFTER        seconds of load before the kill (default 3)
#   KILL9_CONNECTIONS  connections of the load (default 16)
#   KILL9_ROUNDS       kill/restart cycles on the same data dir (default 1); later rounds also
#                      check every id of the earlier ones
#   BENCH_KEEP=1       keep the data directory, the ids file and the logs
#   REPLICANT_SERVER, REPLICANT_BENCH, REPLICANT_BUILD_DIR  where the programs are
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_check_programs

after=${KILL9_AFTER:-3}
connections=${KILL9_CONNECTIONS:-16}
rounds=${KILL9_ROUNDS:-1}
path=/v1/models/replicate/hello-world/predictions

work=$(mktemp -d "${TMPDIR:-/tmp}/replicant-kill9.XXXXXX")
ids=$work/acknowledged-ids.txt
bench_pid=
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
    if [[ -n $bench_pid ]]; then
        kill -TERM "$bench_pid" 2>/dev/null || true
    fi
    bench_stop_server
    if [[ ${BENCH_KEEP:-0} == 1 ]]; then
        echo "kept: $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

: >"$ids"
status=0
for ((round = 1; round <= rounds; round++)); do
    bench_start_server "$work/data" "$work/server-$round.log"
    echo "round $round: server at $SERVER_URL, load with $connections connections, kill -9 after ${after} s"
    before=$(wc -l <"$ids")
    "$REPLICANT_BENCH" --url "$SERVER_URL" --token "$BENCH_TOKEN" --path "$path" \
        --connections "$connections" --duration 600 --warmup 0 --ids-out "$ids" \
        >"$work/bench-$round.txt" 2>&1 &
    bench_pid=$!
    sleep "$after"
    kill -KILL "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
    bench_rc=0
    wait "$bench_pid" || bench_rc=$?
    bench_pid=
    sed 's/^/  /' "$work/bench-$round.txt"
    # 3 is the generator's "connection lost", which is what a kill -9 looks like to it.
    if [[ $bench_rc != 3 ]]; then
        echo "round $round: the load generator exited $bench_rc, not 3 (connection lost)" >&2
        status=1
    fi
    acknowledged=$(($(wc -l <"$ids") - before))
    if ((acknowledged == 0)); then
        echo "round $round: no prediction was acknowledged before the kill; that proves nothing" >&2
        status=1
    fi

    bench_start_server "$work/data" "$work/server-$round-restart.log"
    verify_rc=0
    "$REPLICANT_BENCH" --url "$SERVER_URL" --token "$BENCH_TOKEN" --connections 16 \
        --verify-ids "$ids" || verify_rc=$?
    bench_stop_server
    if [[ $verify_rc != 0 ]]; then
        status=1
        break
    fi
done
if [[ $status == 0 ]]; then
    echo "kill -9: every acknowledged prediction survived"
else
    echo "kill -9: FAILED" >&2
fi
exit $status
