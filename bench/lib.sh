# shellcheck shell=bash disable=SC2034  # SERVER_URL is read by the scripts that source this
# Shared by bench/run.sh and bench/kill9.sh (sourced, not run): where the programs are, and how
# to start and stop a throw-away replicant-server.

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_BUILD_DIR=${REPLICANT_BUILD_DIR:-$BENCH_ROOT/build}
REPLICANT_SERVER=${REPLICANT_SERVER:-$BENCH_BUILD_DIR/bin/replicant-server}
REPLICANT_BENCH=${REPLICANT_BENCH:-$BENCH_BUILD_DIR/bin/replicant-bench}
# A fixed token: the server is private to the script and lives only as long as it does.
BENCH_TOKEN=${BENCH_TOKEN:-r8_bench_token_0123456789}

SERVER_PID=
SERVER_URL=
RATE_LIMIT_FLAG=(--rate-limit off)

bench_fail() {
    echo "${0##*/}: $*" >&2
    exit 1
}

bench_check_programs() {
    [[ -x $REPLICANT_SERVER ]] || bench_fail "no server at $REPLICANT_SERVER (build it, or set REPLICANT_SERVER)"
    [[ -x $REPLICANT_BENCH ]] || bench_fail "no load generator at $REPLICANT_BENCH (build it, or set REPLICANT_BENCH)"
}

# Starts the server with the given arguments, output to $1; waits for its 'listening on' line.
# Sets SERVER_PID and SERVER_URL, or LAUNCH_RC (its exit status) and returns 1.
_bench_launch() {
    local log=$1
    shift
    : >"$log"
    "$REPLICANT_SERVER" "$@" >"$log" 2>&1 &
    SERVER_PID=$!
    local i url
    for ((i = 0; i < 300; i++)); do
        url=$(sed -n 's|^listening on \(http://[^ ]*\).*|\1|p' "$log")
        if [[ -n $url ]]; then
            SERVER_URL=$url
            return 0
        fi
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            LAUNCH_RC=0
            wait "$SERVER_PID" || LAUNCH_RC=$?
            SERVER_PID=
            return 1
        fi
        sleep 0.05
    done
    echo "${0##*/}: the server did not print 'listening on' within 15 s" >&2
    bench_stop_server
    LAUNCH_RC=124
    return 1
}

# bench_start_server DATA_DIR LOG: a server on a free loopback port with the rate limit off.
# A server that predates --rate-limit exits 2 with "unknown option": then it runs without it.
bench_start_server() {
    local data=$1 log=$2
    local args=(--listen 127.0.0.1:0 --data-dir "$data" --token "$BENCH_TOKEN" --quiet)
    if ((${#RATE_LIMIT_FLAG[@]})); then
        _bench_launch "$log" "${args[@]}" "${RATE_LIMIT_FLAG[@]}" && return 0
        if [[ $LAUNCH_RC == 2 ]] && grep -q "unknown option" "$log"; then
            echo "note: this replicant-server has no --rate-limit option; running it without" \
                "(its default rate limiting, if any, applies)" >&2
            RATE_LIMIT_FLAG=()
        else
            cat "$log" >&2
            bench_fail "the server failed to start (exit status $LAUNCH_RC)"
        fi
    fi
    _bench_launch "$log" "${args[@]}" && return 0
    cat "$log" >&2
    bench_fail "the server failed to start (exit status $LAUNCH_RC)"
}

# SIGTERM, then SIGKILL if it has not stopped after 10 s.
bench_stop_server() {
    [[ -n $SERVER_PID ]] || return 0
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    local i
    for ((i = 0; i < 200; i++)); do
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.05
    done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
}
