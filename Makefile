# The two set-up commands of the README: `make run` and `make test`. Both install what is
# missing (scripts/bootstrap), build, then start the desktop app or run every test.
BUILD_DIR ?= build
export REPLICANT_BUILD_DIR := $(abspath $(BUILD_DIR))
# The whole suite runs under a virtual X server when there is no display, so OpenGL tests work.
XVFB := $(if $(DISPLAY),,xvfb-run -a -s "-screen 0 1280x1024x24")

.PHONY: all bootstrap build run test server clean bench

all: build

bootstrap:
	@scripts/bootstrap

build:
	@[ -f $(BUILD_DIR)/build.ninja ] || cmake -S . -B $(BUILD_DIR) -G Ninja
	cmake --build $(BUILD_DIR)

run: bootstrap build
	$(BUILD_DIR)/bin/replicant

server: bootstrap build
	$(BUILD_DIR)/bin/replicant-server

test: bootstrap build
	cd $(BUILD_DIR) && $(XVFB) ctest --output-on-failure --timeout 600 -j 2

clean:
	rm -rf $(BUILD_DIR)

# Sync predictions of replicate/hello-world against a fresh server, 1 then 64 connections
# (bench/run.sh; BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS tune it).
bench: bootstrap build
	bench/run.sh
	REPLICANT_SERVER=$(BUILD_DIR)/bin/replicant-server node bench/events_bench.mjs
	REPLICANT_SERVER=$(BUILD_DIR)/bin/replicant-server node bench/cog_overhead.mjs
