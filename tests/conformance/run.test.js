// replicate.run(): the one call most users make (reference/replicate-api.md §13.4, §14.2).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startServer,
  client,
  recordingFetch,
  HELLO_WORLD,
  HELLO_WORLD_VERSION,
  CANARY,
  CANARY_VERSION,
  SLEEP,
} from "./server.js";

let server;
let replicate;
before(async () => {
  server = await startServer();
  replicate = client(server);
});
after(async () => {
  await server?.stop();
});

test("run(owner/name) returns the output of replicate/hello-world", async () => {
  const { fetch, exchanges } = recordingFetch();
  const output = await client(server, { fetch }).run(HELLO_WORLD, { input: { text: "Alice" } });
  assert.equal(output, "hello Alice");
  // The model-only ref goes to the model's predictions endpoint with Prefer: wait, and the
  // blocking answer is final: no polling.
  assert.equal(exchanges.length, 1);
  assert.equal(exchanges[0].method, "POST");
  assert.equal(exchanges[0].url, `${server.baseUrl}/v1/models/${HELLO_WORLD}/predictions`);
  assert.equal(exchanges[0].requestHeaders.get("prefer"), "wait");
  assert.equal(exchanges[0].status, 201);
});

test("run(owner/name:version) returns the output of that version", async () => {
  const { fetch, exchanges } = recordingFetch();
  const output = await client(server, { fetch }).run(`${HELLO_WORLD}:${HELLO_WORLD_VERSION}`, {
    input: { text: "Bob" },
  });
  assert.equal(output, "hello Bob");
  assert.equal(exchanges[0].url, `${server.baseUrl}/v1/predictions`);
  assert.equal(exchanges.length, 1);
});

test("run(replicate/canary:version) returns tokens that join to the greeting (the JS integration test)", async () => {
  const output = await replicate.run(`${CANARY}:${CANARY_VERSION}`, {
    input: { text: "Alice" },
  });
  assert.ok(Array.isArray(output), `output is an array: ${JSON.stringify(output)}`);
  assert.ok(output.length > 1, "an iterator model yields several chunks");
  // §13.4: only https: and data: strings become FileOutput; these stay plain strings.
  for (const chunk of output) assert.equal(typeof chunk, "string");
  // The browser integration test does not trim.
  assert.equal(output.join(""), "hello there, Alice");
});

test("run(replicate/canary) without a version runs its latest version", async () => {
  const output = await replicate.run(CANARY, { input: { text: "Evelyn ESM" } });
  assert.equal(output.join(""), "hello there, Evelyn ESM");
});

test("run() with non-ASCII input round-trips it", async () => {
  const output = await replicate.run(`${CANARY}:${CANARY_VERSION}`, {
    input: { text: "Brünnhilde Bun 🦕" },
  });
  assert.equal(output.join(""), "hello there, Brünnhilde Bun 🦕");
});

test("run() in poll mode polls until succeeded and reports progress", async () => {
  const updates = [];
  const { fetch, exchanges } = recordingFetch();
  const output = await client(server, { fetch }).run(
    SLEEP,
    { input: { seconds: 0.3 }, wait: { mode: "poll", interval: 50 } },
    (p) => updates.push(p),
  );
  assert.equal(output, "slept 0.3 seconds");
  assert.equal(exchanges[0].requestHeaders.get("prefer"), null, "poll mode sends no Prefer");
  assert.ok(exchanges.length >= 2, "it polled");
  for (const e of exchanges.slice(1)) {
    assert.equal(e.method, "GET");
    assert.equal(e.status, 200);
  }
  assert.ok(updates.length >= 2);
  assert.equal(updates[0].status, "starting");
  assert.equal(updates.at(-1).status, "succeeded");
  assert.equal(updates.at(-1).output, "slept 0.3 seconds");
});

test("run() with wait {mode: block, timeout: 1} sends Prefer: wait=1, then polls to the end", async () => {
  const updates = [];
  const { fetch, exchanges } = recordingFetch();
  const output = await client(server, { fetch }).run(
    SLEEP,
    { input: { seconds: 1.5 }, wait: { mode: "block", timeout: 1 } },
    (p) => updates.push(p),
  );
  assert.equal(output, "slept 1.5 seconds");
  assert.equal(exchanges[0].requestHeaders.get("prefer"), "wait=1");
  assert.equal(exchanges[0].responseHeaders.get("preference-applied"), "wait=1");
  // The wait ran out: the answer says "starting" so run() polls instead of returning early.
  assert.equal(updates[0].status, "starting");
  assert.equal(updates[0].output, null);
  assert.ok(exchanges.length >= 2, "it polled after the wait ran out");
  assert.equal(updates.at(-1).status, "succeeded");
});

test("run() of a failing prediction throws Prediction failed: <error>", async () => {
  const updates = [];
  await assert.rejects(
    replicate.run(SLEEP, { input: { seconds: 0, fail: true } }, (p) => updates.push(p)),
    (error) => {
      const failed = updates.at(-1);
      assert.equal(failed.status, "failed");
      assert.equal(typeof failed.error, "string");
      assert.ok(failed.error.length > 0);
      assert.equal(error.message, `Prediction failed: ${failed.error}`);
      return true;
    },
  );
});

test("run() aborted by its signal cancels the prediction and returns without throwing", async () => {
  const controller = new AbortController();
  const updates = [];
  const output = await replicate.run(
    SLEEP,
    { input: { seconds: 30 }, wait: { mode: "poll", interval: 50 }, signal: controller.signal },
    (p) => {
      updates.push(p);
      if (p.status === "processing") controller.abort();
    },
  );
  assert.equal(output, null);
  const last = updates.at(-1);
  assert.equal(last.status, "canceled");
  assert.equal((await replicate.predictions.get(last.id)).status, "canceled");
});

test("run() with a missing required input rejects with the 422 ApiError", async () => {
  await assert.rejects(replicate.run(HELLO_WORLD, { input: {} }), (error) => {
    assert.equal(error.name, "ApiError");
    assert.equal(error.response.status, 422);
    assert.match(error.message, /"invalid_fields":\[/);
    return true;
  });
});

test("run() with an invalid ref throws before any request", async () => {
  const { fetch, exchanges } = recordingFetch();
  await assert.rejects(client(server, { fetch }).run("not-a-ref", { input: {} }), /Invalid/);
  assert.equal(exchanges.length, 0);
});
