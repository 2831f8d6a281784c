// The platform's overhead on a Cog model: the same trivial prediction (fake Cog server,
// predictor `echo`) sent straight to the Cog server (sync POST /predictions) and through
// Replicant (POST /v1/models/bench/echo/predictions with Prefer: wait, which Replicant turns
// into an async PUT + webhooks), alternating, one at a time, in one run.
//   REPLICANT_SERVER=build/bin/replicant-server node bench/cog_overhead.mjs [count]
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { createServer } from "node:http";

const here = dirname(fileURLToPath(import.meta.url));
const server = process.env.REPLICANT_SERVER ?? resolve(here, "../build/bin/replicant-server");
const fake = resolve(here, "../tests/cog/fake_cog.py");
const count = Number(process.argv[2] ?? 500);
const TOKEN = "r8_CogOverheadBench00000000000000000000";

const dataDir = mkdtempSync(join(tmpdir(), "replicant-cog-bench-"));
const child = spawn(server, ["--listen", "127.0.0.1:0", "--data-dir", dataDir, "--token", TOKEN,
  "--quiet", "--rate-limit", "off", "--no-examples",
  "--cog-command", `bench/echo=python3 ${fake} --predictor echo`],
  { stdio: ["ignore", "pipe", "inherit"] });
const base = await new Promise((res, rej) => {
  let seen = "";
  child.stdout.on("data", (c) => {
    seen += c;
    const m = /listening on (http:\/\/\S+)/.exec(seen);
    if (m) res(m[1]);
  });
  child.on("exit", (code) => rej(new Error("server exited " + code)));
});
child.stdout.resume();
const auth = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" };

let cogUrl;
for (let i = 0; i < 200 && !cogUrl; ++i) {
  const r = await (await fetch(`${base}/replicant/v1/runners/bench/echo`, { headers: auth })).json();
  if (r.status === "READY" && r.schema_loaded) cogUrl = r.server_url;
  else await sleep(50);
}
if (!cogUrl) throw new Error("the Cog runner did not become ready");

async function direct() {
  const t = performance.now();
  const r = await fetch(`${cogUrl}/predictions`, { method: "POST",
    headers: { "Content-Type": "application/json" }, body: JSON.stringify({ input: { prompt: "x" } }) });
  const body = await r.json();
  if (body.output !== "hello x") throw new Error("direct: " + JSON.stringify(body));
  return performance.now() - t;
}
// The same protocol Replicant speaks, by hand: PUT with Prefer: respond-async and a webhook
// to a minimal receiver here; done when the completed webhook arrives.
const waiting = new Map();
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    res.writeHead(200).end();
    const doc = JSON.parse(body);
    if (["succeeded", "failed", "canceled"].includes(doc.status)) waiting.get(doc.id)?.(doc);
  });
});
await new Promise((r) => receiver.listen(0, "127.0.0.1", r));
const hook = `http://127.0.0.1:${receiver.address().port}/hook`;
let seq = 0;
async function directAsync() {
  const id = `bench-${++seq}`;
  const t = performance.now();
  const done = new Promise((r) => waiting.set(id, r));
  const r = await fetch(`${cogUrl}/predictions/${id}`, { method: "PUT",
    headers: { "Content-Type": "application/json", Prefer: "respond-async" },
    body: JSON.stringify({ id, input: { prompt: "x" }, webhook: hook,
      webhook_events_filter: ["start", "output", "logs", "completed"] }) });
  await r.arrayBuffer();
  const body = await done;
  waiting.delete(id);
  if (body.output !== "hello x") throw new Error("direct async: " + JSON.stringify(body));
  return performance.now() - t;
}

async function viaReplicant() {
  const t = performance.now();
  const r = await fetch(`${base}/v1/models/bench/echo/predictions`, { method: "POST",
    headers: { ...auth, Prefer: "wait" }, body: JSON.stringify({ input: { prompt: "x" } }) });
  const body = await r.json();
  if (body.status !== "succeeded" || body.output !== "hello x")
    throw new Error("replicant: " + JSON.stringify(body));
  return performance.now() - t;
}

for (let i = 0; i < 30; ++i) { await direct(); await directAsync(); await viaReplicant(); }
const a = [], c = [], b = [];
for (let i = 0; i < count; ++i) {
  // Rotate the order so that no variant always follows the same one.
  const runs = [async () => a.push(await direct()), async () => c.push(await directAsync()),
                async () => b.push(await viaReplicant())];
  for (let k = 0; k < 3; ++k) await runs[(i + k) % 3]();
}
const q = (xs, p) => { const s = [...xs].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const fmt = (x) => x.toFixed(2).padStart(7);
console.log(`Cog overhead, ${count} predictions each (ms)      p50     p90     p99`);
console.log(`  Cog server directly (sync POST)         ${fmt(q(a, .5))} ${fmt(q(a, .9))} ${fmt(q(a, .99))}`);
console.log(`  Cog server directly (async PUT+webhook) ${fmt(q(c, .5))} ${fmt(q(c, .9))} ${fmt(q(c, .99))}`);
console.log(`  through Replicant (Prefer: wait)        ${fmt(q(b, .5))} ${fmt(q(b, .9))} ${fmt(q(b, .99))}`);
console.log(`  added at p50 over the sync call:  ${(q(b, .5) - q(a, .5)).toFixed(2)} ms (target <= 2 ms)`);
console.log(`  added at p50 over the async call: ${(q(b, .5) - q(c, .5)).toFixed(2)} ms (the protocol Replicant uses)`);
receiver.close();
child.kill("SIGTERM");
await new Promise((r) => child.once("exit", r));
rmSync(dataDir, { recursive: true, force: true });
