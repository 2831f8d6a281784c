// Benchmarks of issue 4: SSE events per second to one client, model-output-to-client latency,
// and webhook deliveries per second to a local receiver. Node built-ins only.
//
//   node bench/events_bench.mjs            (uses build/bin/replicant-server)
//   REPLICANT_SERVER=path node bench/events_bench.mjs
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const binary = process.env.REPLICANT_SERVER ?? resolve(here, "../build/bin/replicant-server");
const TOKEN = "r8_BenchEventsToken00000000000000000000";
const CANARY = "30e22229542eb3f79d4f945dacb58d32001b02cc313ae6f54eef27904edf3272";
const headers = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" };

async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), "replicant-events-bench-"));
  const child = spawn(binary, ["--listen", "127.0.0.1:0", "--data-dir", dataDir, "--token", TOKEN,
    "--quiet", "--rate-limit", "off"], { stdio: ["ignore", "pipe", "inherit"] });
  const baseUrl = await new Promise((ok, fail) => {
    let seen = "";
    child.stdout.on("data", (c) => {
      seen += c;
      const m = /listening on (\S+)/.exec(seen);
      if (m) ok(m[1]);
    });
    child.on("exit", (code) => fail(new Error(`server exited ${code}`)));
  });
  return { baseUrl, stop: () => { child.kill("SIGTERM"); rmSync(dataDir, { recursive: true, force: true }); } };
}

const nowMicros = () => Math.round((performance.timeOrigin + performance.now()) * 1000);
const percentile = (xs, p) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

// Reads an SSE stream, calling onEvent(event, id) per event; resolves at the end.
async function readStream(url, onEvent) {
  const response = await fetch(url, { headers: { Accept: "text/event-stream" } });
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (block.startsWith(":")) continue;
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const id = /^id: (.*)$/m.exec(block)?.[1];
      onEvent(event, id);
    }
  }
}

async function sseThroughput(baseUrl, words) {
  const text = Array.from({ length: words }, (_, i) => `w${i}`).join(" ");
  const p = await fetch(`${baseUrl}/v1/predictions`, { method: "POST", headers,
    body: JSON.stringify({ version: CANARY, input: { text } }) }).then((r) => r.json());
  let count = 0;
  const started = performance.now();
  await readStream(p.urls.stream, (event) => { if (event === "output") count++; });
  const seconds = (performance.now() - started) / 1000;
  return { events: count, seconds, perSecond: count / seconds };
}

// Latency from the model emitting an item (the id carries its emission time in unix
// microseconds) to this client parsing it, over the live stream of replicant/markov-text, which
// emits a token every few milliseconds.
async function latency(baseUrl, tokens) {
  const samples = [];
  const p = await fetch(`${baseUrl}/v1/models/replicant/markov-text/predictions`, { method: "POST", headers,
    body: JSON.stringify({ input: { prompt: "The", max_tokens: tokens, seed: 1 } }) }).then((r) => r.json());
  const opened = nowMicros();
  await readStream(p.urls.stream, (event, id) => {
    const emitted = Number(id.split(":")[0]);
    // Only events emitted after the stream was open measure the live path, not the replay.
    if (event === "output" && emitted >= opened) samples.push((nowMicros() - emitted) / 1000);
  });
  return samples;
}

async function webhookRate(baseUrl, count) {
  let received = 0;
  let first = 0, last = 0;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (received++ === 0) first = performance.now();
      last = performance.now();
      res.writeHead(204).end();
    });
  });
  await new Promise((r) => receiver.listen(0, "127.0.0.1", r));
  const hook = `http://127.0.0.1:${receiver.address().port}/hook`;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      await fetch(`${baseUrl}/v1/models/replicate/hello-world/predictions`, { method: "POST", headers,
        body: JSON.stringify({ input: { text: "hook" }, webhook: hook, webhook_events_filter: ["completed"] }) })
        .then((r) => r.arrayBuffer());
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: 16 }, worker));
  const created = performance.now();
  while (received < count && performance.now() - created < 60000) await new Promise((r) => setTimeout(r, 20));
  receiver.close();
  return { deliveries: received, createSeconds: (created - started) / 1000,
    perSecond: received / ((last - first) / 1000 || 1), endToEndPerSecond: received / ((last - started) / 1000) };
}

const server = await startServer();
try {
  const sse = await sseThroughput(server.baseUrl, Number(process.env.SSE_EVENTS ?? 200000));
  console.log(`SSE to one client: ${sse.events} events in ${sse.seconds.toFixed(3)} s = ${Math.round(sse.perSecond)} events/s (target >= 50000)`);
  const samples = await latency(server.baseUrl, Number(process.env.LATENCY_TOKENS ?? 300));
  if (samples.length)
    console.log(`model output to client: ${samples.length} live events, p50 ${percentile(samples, 0.5).toFixed(3)} ms, p99 ${percentile(samples, 0.99).toFixed(3)} ms (target p50 <= 1 ms)`);
  else
    console.log("model output to client: no live samples (every event was replayed)");
  const hooks = await webhookRate(server.baseUrl, Number(process.env.WEBHOOKS ?? 5000));
  console.log(`webhooks: ${hooks.deliveries} delivered, ${Math.round(hooks.perSecond)} deliveries/s while delivering, ${Math.round(hooks.endToEndPerSecond)}/s end to end (target >= 1000/s)`);
} finally {
  server.stop();
}
