// Cog runners: models served by Cog prediction servers (tests/cog/fake_cog.py, which speaks
// Cog's Python-server protocol), driven through Replicant with the official client.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, client, eventually, TOKEN } from "./server.js";

const here = dirname(fileURLToPath(import.meta.url));
const FAKE = resolve(here, "../cog/fake_cog.py");
const cmd = (predictor) => `python3 ${FAKE} --predictor ${predictor}`;

// A fake Cog server started by the test itself (for URL runners); resolves with its base URL.
const started = [];
async function startCog(predictor, args = [], env = {}) {
  const child = spawn("python3", [FAKE, "--predictor", predictor, "--host", "127.0.0.1", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, PORT: "0", FAKE_COG_SETUP_SECONDS: "0.05", ...env },
  });
  started.push(child);
  const url = await new Promise((res, rej) => {
    let seen = "";
    const timer = setTimeout(() => rej(new Error("fake cog did not start: " + seen)), 10000);
    child.stdout.on("data", (chunk) => {
      seen += chunk;
      const m = /listening on (http:\/\/\S+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        res(m[1]);
      }
    });
  });
  child.stdout.resume();
  return url;
}

async function api(path, init = {}) {
  const response = await fetch(`${server.baseUrl}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", ...init.headers },
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

// run() gives FileOutput objects for https: and data: URLs, plain strings for http: ones.
const urlOf = (x) => String(typeof x === "string" ? x : x.url());
// The prediction once it is terminal (wait() throws on failures, which these tests expect).
const settle = (replicate, p) =>
  eventually(async () => {
    const now = await replicate.predictions.get(p.id);
    return ["succeeded", "failed", "canceled"].includes(now.status) && now;
  }, { timeoutMs: 20000 });
const runner = async (model) => (await api(`/replicant/v1/runners/${model}`)).body;
const ready = (model) =>
  eventually(async () => {
    const r = await runner(model);
    return r?.status === "READY" && r.schema_loaded && r;
  }, { timeoutMs: 20000 });

let server;
before(async () => {
  server = await startServer({
    args: [
      "--rate-limit", "off", "--no-examples",
      "--cog-command", `cog/echo=${cmd("echo")}`,
      "--cog-command", `cog/stream=${cmd("stream")}`,
      "--cog-command", `cog/files=${cmd("files")}`,
      "--cog-command", `cog/image=${cmd("image")}`,
      "--cog-command", `cog/sleep=${cmd("sleep")}`,
      "--cog-command", `cog/crash=${cmd("crash")}`,
      "--cog-command", `cog/setup-fail=${cmd("setup-fail")}`,
    ],
    env: { FAKE_COG_SETUP_SECONDS: "0.05", USER: "tester" },
  });
  await Promise.all(["echo", "stream", "files", "image", "sleep", "crash"].map((m) => ready(`cog/${m}`)));
});
after(async () => {
  await server?.stop();
  for (const child of started) child.kill("SIGKILL");
});

test("the runner's schema becomes the model's version, and run() returns the output", async () => {
  const replicate = client(server);
  const versions = await replicate.models.versions.list("cog", "echo");
  assert.equal(versions.results.length, 1);
  assert.match(versions.results[0].id, /^[0-9a-f]{64}$/);
  assert.equal(versions.results[0].cog_version, "0.16.12");
  assert.ok(versions.results[0].openapi_schema.components.schemas.Input.properties.prompt);
  const output = await replicate.run("cog/echo", { input: { prompt: "cog" } });
  assert.equal(output, "hello cog");
});

test("secret inputs reach the model but are redacted in the prediction", async () => {
  const replicate = client(server);
  let p = await replicate.predictions.create({
    model: "cog/echo",
    input: { prompt: "s", api_key: "r8_supersecretvalue" },
  });
  p = await replicate.wait(p);
  assert.equal(p.status, "succeeded");
  assert.equal(p.input.api_key, "**********");
  assert.ok(!JSON.stringify(p).includes("supersecret"));
});

test("stream() carries an iterator model's tokens as they are yielded", async () => {
  const replicate = client(server);
  const events = [];
  for await (const event of replicate.stream("cog/stream", { input: { prompt: "t", n: 5, delay: 0.02 } }))
    events.push(event);
  const tokens = events.filter((e) => e.event === "output").map((e) => e.data);
  assert.deepEqual(tokens, ["t-0 ", "t-1 ", "t-2 ", "t-3 ", "t-4 "]);
  assert.equal(events.at(-1).event, "done");
  const prediction = await replicate.predictions.get(
    (await replicate.predictions.list()).results.find((r) => r.model === "cog/stream").id,
  );
  assert.match(prediction.logs, /token 0\ntoken 1\n/);
});

test("file outputs come back through the upload URL as Replicant files", async () => {
  const replicate = client(server);
  const output = await replicate.run("cog/files", { input: { count: 2, kind: "png" } });
  assert.equal(output.length, 2);
  for (const file of output) {
    const url = urlOf(file);
    assert.ok(url.startsWith(server.baseUrl + "/files/"), url);
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    assert.deepEqual([...bytes.slice(1, 4)], [0x50, 0x4e, 0x47]);  // PNG
  }
});

test("a file input reaches the Cog server and an image comes back", async () => {
  const replicate = client(server);
  const [made] = await replicate.run("cog/files", { input: { kind: "png" } });
  const png = await (await fetch(urlOf(made))).arrayBuffer();
  const output = await replicate.run("cog/image", { input: { image: new Blob([png], { type: "image/png" }) } });
  const bytes = new Uint8Array(await (await fetch(urlOf(output))).arrayBuffer());
  assert.deepEqual([...bytes.slice(1, 4)], [0x50, 0x4e, 0x47]);
});

test("user webhooks fire for Cog models, signed, with the final output", async () => {
  const received = [];
  const hooks = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, json: JSON.parse(body) });
      res.writeHead(200).end();
    });
  });
  await new Promise((r) => hooks.listen(0, "127.0.0.1", r));
  try {
    const replicate = client(server);
    const p = await replicate.predictions.create({
      model: "cog/stream",
      input: { prompt: "w", n: 3, delay: 0.01 },
      webhook: `http://127.0.0.1:${hooks.address().port}/hook`,
      webhook_events_filter: ["start", "output", "completed"],
    });
    const done = await eventually(() => received.find((d) => d.json.status === "succeeded"));
    assert.equal(done.json.id, p.id);
    assert.deepEqual(done.json.output, ["w-0 ", "w-1 ", "w-2 "]);
    assert.match(done.headers["webhook-signature"], /^v1,/);
  } finally {
    await new Promise((r) => hooks.close(r));
  }
});

test("cancel stops the prediction on the Cog server, and the next one runs", async () => {
  const replicate = client(server);
  let p = await replicate.predictions.create({ model: "cog/sleep", input: { seconds: 10 } });
  await eventually(async () => (await replicate.predictions.get(p.id)).logs?.includes("tick 1"));
  const t0 = Date.now();
  await replicate.predictions.cancel(p.id);
  p = await settle(replicate, p);
  assert.equal(p.status, "canceled");
  assert.ok(Date.now() - t0 < 3000);
  const next = await replicate.run("cog/sleep", { input: { seconds: 0.1 } });
  assert.match(next, /^done/);
});

test("a busy Cog server (409) queues predictions instead of failing them", async () => {
  // Two models on one single-slot server: each lane sends one at a time, the server takes one.
  const url = await startCog("sleep");
  for (const name of ["busy-a", "busy-b"]) {
    const r = await api("/replicant/v1/runners", {
      method: "POST",
      body: JSON.stringify({ model: `tester/${name}`, url }),
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  await ready("tester/busy-a");
  await ready("tester/busy-b");
  const replicate = client(server);
  const [a, b] = await Promise.all(
    ["tester/busy-a", "tester/busy-b"].map((m) =>
      replicate.predictions.create({ model: m, input: { seconds: 0.5 } }).then((p) => settle(replicate, p)),
    ),
  );
  assert.equal(a.status, "succeeded", a.error);
  assert.equal(b.status, "succeeded", b.error);
  const [first, second] = [a, b].sort((x, y) => Date.parse(x.completed_at) - Date.parse(y.completed_at));
  assert.ok(Date.parse(second.completed_at) - Date.parse(first.completed_at) >= 400, "they ran one after the other");
});

test("a worker that dies fails the prediction with its logs, and the server is restarted", async () => {
  const replicate = client(server);
  const before = (await runner("cog/crash")).restarts;
  let p = await replicate.predictions.create({ model: "cog/crash", input: { after: 0.1 } });
  p = await settle(replicate, p);
  assert.equal(p.status, "failed");
  assert.match(p.error, /died|exited/);
  assert.match(p.logs, /about to crash/);
  const after = await eventually(async () => {
    const r = await runner("cog/crash");
    return r.restarts > before && r.status === "READY" && r;
  }, { timeoutMs: 15000 });
  assert.ok(after.restarts > before);
});

test("a setup failure is visible on the runner, with the setup logs", async () => {
  const r = await eventually(async () => {
    const s = await runner("cog/setup-fail");
    return s.status === "SETUP_FAILED" && s;
  });
  assert.match(r.setup.logs, /setup error: weights not found/);
  assert.match(r.detail, /weights not found/);
});

test("webhooks out of order and twice: the first terminal state wins", async () => {
  const replicate = client(server);
  const info = await runner("cog/sleep");
  const callback = info.upload_url.replace(/uploads\/$/, "webhooks/");
  let p = await replicate.predictions.create({ model: "cog/sleep", input: { seconds: 3 } });
  await eventually(async () => (await replicate.predictions.get(p.id)).status === "processing");
  const post = (body) =>
    fetch(callback + p.id, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const logs = (await replicate.predictions.get(p.id)).logs ?? "";
  const first = { id: p.id, status: "succeeded", output: "first", logs: logs + "posted\n" };
  assert.equal((await post(first)).status, 200);
  await post({ id: p.id, status: "failed", error: "second", logs: logs + "posted\nmore\n" });
  await post({ id: p.id, status: "processing", logs: "" });
  p = await settle(replicate, p);
  assert.equal(p.status, "succeeded");
  assert.equal(p.output, "first");
  // The second terminal webhook's logs were not taken (the real server's own ticks may have
  // landed before ours, so the exact text depends on timing).
  assert.ok(!p.logs.includes("more"), p.logs);
  // Unknown secret or prediction: 404, nothing changes.
  assert.equal((await fetch(callback.replace(/cog\/\w+/, "cog/nope") + p.id, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).status, 404);
  await replicate.run("cog/sleep", { input: { seconds: 0.1 } });  // the real run ended too
});

test("a server without --upload-url leaks a local path: the prediction fails and says why", async () => {
  const url = await startCog("files");
  const r = await api("/replicant/v1/runners", { method: "POST", body: JSON.stringify({ model: "tester/noupload", url }) });
  assert.equal(r.status, 201);
  await ready("tester/noupload");
  const replicate = client(server);
  const p = await settle(replicate, await replicate.predictions.create({ model: "tester/noupload", input: {} }));
  assert.equal(p.status, "failed");
  assert.match(p.error, /local file path/);
});

test("an upload that fails gives failed, not the second terminal webhook's succeeded", async () => {
  const url = await startCog("files", ["--upload-url", "http://127.0.0.1:9/"]);
  await api("/replicant/v1/runners", { method: "POST", body: JSON.stringify({ model: "tester/upfail", url }) });
  await ready("tester/upfail");
  const replicate = client(server);
  const p = await settle(replicate, await replicate.predictions.create({ model: "tester/upfail", input: {} }));
  assert.equal(p.status, "failed");
  assert.match(p.error, /upload output files/);
});

test("the runners API: list, validation, ownership, delete", async () => {
  const list = await api("/replicant/v1/runners");
  assert.ok(list.body.results.some((r) => r.model === "cog/echo" && r.kind === "command"));
  const bad = await api("/replicant/v1/runners", { method: "POST", body: JSON.stringify({ model: "tester/x" }) });
  assert.equal(bad.status, 422);
  const other = await api("/replicant/v1/runners", { method: "POST", body: JSON.stringify({ model: "someone/x", url: "http://127.0.0.1:9" }) });
  assert.equal(other.status, 403);
  const url = await startCog("echo");
  const made = await api("/replicant/v1/runners", { method: "POST", body: JSON.stringify({ model: "tester/gone", url }) });
  assert.equal(made.status, 201);
  assert.equal(made.body.kind, "url");
  assert.equal((await api("/replicant/v1/runners/tester/gone", { method: "DELETE" })).status, 204);
  assert.equal((await api("/replicant/v1/runners/tester/gone")).status, 404);
});
