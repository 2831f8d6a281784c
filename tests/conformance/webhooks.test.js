// Signed webhooks, checked with the official client's validateWebhook.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateWebhook } from "replicate";
import { startServer, client, eventually, HELLO_WORLD, CANARY_VERSION, SLEEP, TOKEN } from "./server.js";

// A local receiver that records every delivery; `respond` decides the status code.
async function startReceiver(respond = () => 200) {
  const received = [];
  const http = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const delivery = { path: req.url, headers: req.headers, body, json: JSON.parse(body), at: Date.now() };
      const status = respond(delivery, received.length);
      delivery.status = status;
      received.push(delivery);
      res.writeHead(status).end();
    });
  });
  await new Promise((r) => http.listen(0, "127.0.0.1", r));
  return {
    url: (path) => `http://127.0.0.1:${http.address().port}${path}`,
    received,
    close: () => new Promise((r) => http.close(r)),
  };
}

let server;
let receiver;
before(async () => {
  server = await startServer(["--rate-limit", "off"]);
  receiver = await startReceiver();
});
after(async () => {
  await server?.stop();
  await receiver?.close();
});

const of = (path) => receiver.received.filter((d) => d.path === path);

test("every delivery verifies with validateWebhook and the account's secret", async () => {
  const replicate = client(server);
  const { key } = await replicate.webhooks.default.secret.get();
  assert.match(key, /^whsec_[A-Za-z0-9+/=]{32}$/);
  const prediction = await replicate.predictions.create({
    model: HELLO_WORLD,
    input: { text: "hook" },
    webhook: receiver.url("/signed?x=1"),
  });
  const [delivery] = await eventually(() => of("/signed?x=1").length && of("/signed?x=1"));
  assert.equal(delivery.json.id, prediction.id);
  assert.equal(delivery.json.status, "succeeded");
  assert.equal(delivery.json.output, "hello hook");
  assert.match(delivery.headers["webhook-id"], /^msg_/);
  const ok = await validateWebhook(
    {
      id: delivery.headers["webhook-id"],
      timestamp: delivery.headers["webhook-timestamp"],
      signature: delivery.headers["webhook-signature"],
      body: delivery.body,
      secret: key,
    },
    globalThis.crypto,
  );
  assert.equal(ok, true);
  const forged = await validateWebhook(
    {
      id: delivery.headers["webhook-id"],
      timestamp: delivery.headers["webhook-timestamp"],
      signature: delivery.headers["webhook-signature"],
      body: delivery.body.replace("hello hook", "hello hack"),
      secret: key,
    },
    globalThis.crypto,
  );
  assert.equal(forged, false);
});

test("the events filter decides what is sent, in order", async () => {
  const replicate = client(server);
  await replicate.predictions.create({
    version: CANARY_VERSION,
    input: { text: "filtered" },
    webhook: receiver.url("/start-completed"),
    webhook_events_filter: ["start", "completed"],
  });
  await eventually(() => of("/start-completed").length >= 2);
  await new Promise((r) => setTimeout(r, 200));
  const statuses = of("/start-completed").map((d) => d.json.status);
  assert.equal(statuses.length, 2);
  assert.equal(statuses[1], "succeeded");
  assert.notEqual(statuses[0], "succeeded");

  await replicate.predictions.create({
    version: CANARY_VERSION,
    input: { text: "only the end" },
    webhook: receiver.url("/completed-only"),
    webhook_events_filter: ["completed"],
  });
  await eventually(() => of("/completed-only").length);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(of("/completed-only").length, 1);
});

test("logs webhooks are throttled to one per 500 ms and completed always comes last", async () => {
  const replicate = client(server);
  // 100 log lines in 2 s: without the throttle that would be 100 webhooks.
  await replicate.predictions.create({
    model: SLEEP,
    input: { seconds: 2, logs_per_second: 50 },
    webhook: receiver.url("/logs"),
    webhook_events_filter: ["logs", "completed"],
  });
  await eventually(() => of("/logs").some((d) => d.json.status === "succeeded"), { timeoutMs: 15000 });
  const deliveries = of("/logs");
  assert.equal(deliveries.at(-1).json.status, "succeeded");
  const logs = deliveries.filter((d) => d.json.status === "processing");
  assert.ok(logs.length >= 2 && logs.length <= 6, `${logs.length} logs webhooks`);
  // Each carries the whole prediction as it was: the logs grow.
  for (let i = 1; i < logs.length; i++)
    assert.ok(logs[i].json.logs.length > logs[i - 1].json.logs.length);
  for (let i = 1; i < logs.length; i++)
    assert.ok(logs[i].at - logs[i - 1].at >= 250, `spacing ${logs[i].at - logs[i - 1].at} ms`);  // 500 ms apart when scheduled; arrival jitters
});

test("a failing receiver gets retries until it recovers", async () => {
  const flaky = await startReceiver((_, i) => (i < 2 ? 500 : 204));
  try {
    const replicate = client(server);
    const prediction = await replicate.predictions.create({
      model: HELLO_WORLD,
      input: { text: "retry" },
      webhook: flaky.url("/flaky"),
      webhook_events_filter: ["completed"],
    });
    await eventually(() => flaky.received.some((d) => d.status === 204), { timeoutMs: 20000 });
    assert.equal(flaky.received.length, 3);
    const ids = new Set(flaky.received.map((d) => d.headers["webhook-id"]));
    assert.equal(ids.size, 1, "a delivery keeps its id across retries");
    const log = await fetch(`${server.baseUrl}/replicant/v1/predictions/${prediction.id}/webhooks`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    }).then((r) => r.json());
    const [delivery] = log.results;
    assert.equal(delivery.state, "delivered");
    assert.deepEqual(delivery.attempts.map((a) => a.status_code), [500, 500, 204]);
  } finally {
    await flaky.close();
  }
});

test("a bad webhook URL is a 422 at creation", async () => {
  for (const webhook of ["ftp://example.com/x", "not a url", `https://example.com/${"a".repeat(2100)}`]) {
    const response = await fetch(`${server.baseUrl}/v1/predictions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify({ version: CANARY_VERSION, input: { text: "x" }, webhook }),
    });
    assert.equal(response.status, 422, webhook);
    const body = await response.json();
    assert.equal(body.invalid_fields[0].field, "webhook");
  }
});

test("pending deliveries survive a restart: every completed webhook arrives", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "replicant-hooks-"));
  // A receiver that is down: take a port, then close it.
  const down = await startReceiver();
  const url = down.url("/later");
  const port = new URL(url).port;
  await down.close();
  let first = await startServer({ args: ["--rate-limit", "off", "--data-dir", dataDir] });
  const ids = [];
  try {
    const replicate = client(first);
    for (let i = 0; i < 5; i++) {
      const p = await replicate.predictions.create({
        model: HELLO_WORLD,
        input: { text: `n${i}` },
        webhook: url,
        webhook_events_filter: ["completed"],
      });
      ids.push(p.id);
    }
    await new Promise((r) => setTimeout(r, 500));  // a failed attempt each, retries pending
  } finally {
    await first.stop();
  }
  // The receiver comes back on the same port, then the server restarts on the same data.
  const back = await startReceiverOn(port);
  const second = await startServer({ args: ["--rate-limit", "off", "--data-dir", dataDir] });
  try {
    await eventually(() => new Set(back.received.map((d) => d.json.id)).size === ids.length, {
      timeoutMs: 20000,
    });
    assert.deepEqual(new Set(back.received.map((d) => d.json.id)), new Set(ids));
    assert.ok(back.received.every((d) => d.json.status === "succeeded"));
  } finally {
    await second.stop();
    await back.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

async function startReceiverOn(port) {
  const received = [];
  const http = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, json: JSON.parse(body) });
      res.writeHead(200).end();
    });
  });
  await new Promise((r) => http.listen(Number(port), "127.0.0.1", r));
  return { received, close: () => new Promise((r) => http.close(r)) };
}
