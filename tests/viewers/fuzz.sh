#!/usr/bin/env bash
# Fuzzes the glTF loader for a bounded time: builds tests/viewers/fuzz_gltf_loader.cpp with
# clang, libFuzzer, AddressSanitizer and UndefinedBehaviorSanitizer in its own build folder
# (configured on first use, then incremental), and runs it over the committed seeds and the
# corpus it grew before. CTest's viewer_fuzz calls it, so CI runs it with every `make test`.
#
#   REPLICANT_FUZZ_SECONDS   how long to fuzz (default 60; 0 skips)
#   REPLICANT_FUZZ_BUILD_DIR the build folder (default build-fuzz at the top of the tree)
#
# Exit status: 0 clean, 1 a finding (reproducer kept in BUILD_DIR/fuzz-artifacts), 77 skipped
# because clang with libFuzzer is not installed (scripts/bootstrap installs it).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${REPLICANT_FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${REPLICANT_FUZZ_SECONDS:-60}

if [ "$seconds" -le 0 ]; then
  echo "fuzz: REPLICANT_FUZZ_SECONDS=0, skipped"
  exit 77
fi
cxx=$(command -v clang++ || command -v clang++-14 || true)
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
echo 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long) { return 0; }' >"$probe/p.cpp"
if [ -z "$cxx" ] || ! "$cxx" -fsanitize=fuzzer,address,undefined "$probe/p.cpp" -o "$probe/p" 2>/dev/null; then
  echo "fuzz: clang++ with libFuzzer not found (apt-get install clang libclang-rt-14-dev), skipped"
  exit 77
fi

if [ ! -f "$build/build.ninja" ]; then
  echo "fuzz: configuring $build"
  mkdir -p "$build"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER="$cxx" -DREPLICANT_FUZZ=ON \
    -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined -fno-omit-frame-pointer" \
    >"$build/configure.log" 2>&1 || { cat "$build/configure.log"; exit 1; }
fi
echo "fuzz: building fuzz_gltf_loader"
cmake --build "$build" --target fuzz_gltf_loader | tail -n 1

corpus=$build/fuzz-corpus
artifacts=$build/fuzz-artifacts
mkdir -p "$corpus" "$artifacts"
echo "fuzz: running for ${seconds}s"
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# -timeout turns a slow input (a hang) into a finding; -rss_limit_mb does the same for memory.
if ! "$build/bin/fuzz_gltf_loader" "$corpus" "$root/tests/viewers/fuzz_seeds" \
  -dict="$root/tests/viewers/gltf.dict" -max_total_time="$seconds" -timeout=10 \
  -rss_limit_mb=2048 -max_len=65536 -artifact_prefix="$artifacts/" -print_final_stats=1 \
  >"$build/fuzz.log" 2>&1; then
  tail -n 60 "$build/fuzz.log"
  echo "fuzz: FINDING; reproduce with $build/bin/fuzz_gltf_loader $artifacts/<file>"
  exit 1
fi
grep -E "^Done [0-9]+ runs|^stat::(new_units_added|peak_rss_mb)" "$build/fuzz.log" | sort -u || true
echo "fuzz: no findings"
