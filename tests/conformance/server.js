// Starts replicant-server on a free port with a temporary data dir, for the conformance tests,
// plus small helpers shared by the test files (no test logic lives here).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import Replicate from "replicate";

const here = dirname(fileURLToPath(import.meta.url));
const serverBinary =
  process.env.REPLICANT_SERVER ?? resolve(here, "../../build/bin/replicant-server");

export const TOKEN = "r8_ConformanceTestToken0000000000000000";

// The built-in models every server ships with (reference/replicate-api.md §14.2).
export const HELLO_WORLD = "replicate/hello-world";
export const HELLO_WORLD_VERSION =
  "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa";
export const CANARY = "replicate/canary";
export const CANARY_VERSION = "30e22229542eb3f79d4f945dacb58d32001b02cc313ae6f54eef27904edf3272";
// Replicant's diagnostic model: waits `seconds`, then returns "slept N seconds", or fails when
// `fail` is true. It runs one prediction at a time.
export const SLEEP = "replicant/sleep";

// startServer() or startServer(["--rate-limit", "off"]) or
// startServer({ args: [...], env: { USER: "someone" } }).
export async function startServer(options = {}) {
  const { args = [], env = {} } = Array.isArray(options) ? { args: options } : options;
  const dataDir = mkdtempSync(join(tmpdir(), "replicant-node-"));
  const child = spawn(
    serverBinary,
    ["--listen", "127.0.0.1:0", "--data-dir", dataDir, "--token", TOKEN, "--quiet", ...args],
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...env } },
  );
  const exited = new Promise((r) => child.once("exit", r));
  let baseUrl;
  try {
    baseUrl = await new Promise((resolvePromise, reject) => {
      let seen = "";
      const timer = setTimeout(() => reject(new Error("server did not start: " + seen)), 15000);
      child.on("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}: ${seen}`));
      });
      child.stdout.on("data", (chunk) => {
        seen += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(seen);
        if (match) {
          clearTimeout(timer);
          resolvePromise(match[1]);
        }
      });
    });
  } catch (e) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  // Keep draining stdout so the server never blocks on a full pipe.
  child.stdout.resume();
  let stopped;
  return {
    baseUrl,
    stop() {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill("SIGTERM");
          const timer = setTimeout(() => child.kill("SIGKILL"), 10000);
          await exited;
          clearTimeout(timer);
        }
        rmSync(dataDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

// The official client, configured exactly as a user would against this server.
export function client(server, options = {}) {
  return new Replicate({ auth: TOKEN, baseUrl: `${server.baseUrl}/v1`, ...options });
}

// A fetch for the client's `fetch` option that records each exchange (request headers and the
// response), so tests can see headers the client does not expose.
export function recordingFetch() {
  const exchanges = [];
  const fetchImpl = async (url, init = {}) => {
    const response = await fetch(url, init);
    exchanges.push({
      url: String(url),
      method: init.method ?? "GET",
      requestHeaders: new Headers(init.headers ?? {}),
      status: response.status,
      responseHeaders: response.headers,
    });
    return response;
  };
  return { fetch: fetchImpl, exchanges };
}

// Splits the client's ApiError message,
// "Request to ${url} failed with status ${status} ${statusText}: ${responseText}."
export function parseApiError(error) {
  const match = /^Request to (\S+) failed with status (\d+) ([^:]*): ([\s\S]*)\.$/.exec(
    error.message,
  );
  if (!match) throw new Error("not an ApiError message: " + error.message);
  let body;
  try {
    body = JSON.parse(match[4]);
  } catch {
    body = undefined;
  }
  return {
    url: match[1],
    status: Number(match[2]),
    statusText: match[3],
    text: match[4],
    body,
  };
}

// Polls `probe` until it returns a truthy value, or throws after `timeoutMs`.
export async function eventually(probe, { timeoutMs = 10000, intervalMs = 20 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not reached in " + timeoutMs + " ms");
    await sleep(intervalMs);
  }
}

// Runs `fn` over `items` with at most `limit` in flight; returns the results in order.
export async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
