// predictions.create / get / list / cancel and wait(), through the official client
// (reference/replicate-api.md §4.1, §5, §13.4, §13.6).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startServer,
  client,
  recordingFetch,
  eventually,
  HELLO_WORLD,
  HELLO_WORLD_VERSION,
  CANARY,
  CANARY_VERSION,
  SLEEP,
  RFC3339_UTC,
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

const PREDICTION_ID = /^[a-z0-9]{26}$/;

function assertPredictionShape(p) {
  for (const key of [
    "id",
    "model",
    "version",
    "input",
    "output",
    "data_removed",
    "error",
    "status",
    "created_at",
    "urls",
  ]) {
    assert.ok(key in p, `prediction has ${key}: ${JSON.stringify(p)}`);
  }
  assert.match(p.id, PREDICTION_ID);
  assert.match(p.created_at, RFC3339_UTC);
  assert.equal(p.data_removed, false);
  assert.equal(p.urls.get, `${server.baseUrl}/v1/predictions/${p.id}`);
  assert.equal(p.urls.cancel, `${server.baseUrl}/v1/predictions/${p.id}/cancel`);
}

function assertSucceeded(p) {
  assert.equal(p.status, "succeeded", JSON.stringify(p));
  assert.equal(p.error, null);
  assert.match(p.started_at, RFC3339_UTC);
  assert.match(p.completed_at, RFC3339_UTC);
  assert.ok(p.started_at >= p.created_at && p.completed_at >= p.started_at, JSON.stringify(p));
  assert.equal(typeof p.metrics.predict_time, "number");
  assert.ok(p.metrics.predict_time >= 0);
  assert.equal(typeof p.logs, "string");
}

async function sleepPrediction(seconds, extra = {}) {
  const model = await replicate.models.get(...SLEEP.split("/"));
  return replicate.predictions.create({
    version: model.latest_version.id,
    input: { seconds },
    ...extra,
  });
}

test("predictions.create with a version, then wait(), succeeds with output and metrics", async () => {
  const created = await replicate.predictions.create({
    version: HELLO_WORLD_VERSION,
    input: { text: "Alice" },
  });
  assertPredictionShape(created);
  assert.equal(created.model, HELLO_WORLD);
  assert.equal(created.version, HELLO_WORLD_VERSION);
  assert.deepEqual(created.input, { text: "Alice" });
  assert.equal(created.source, "api");
  assert.ok(["starting", "processing", "succeeded"].includes(created.status), created.status);

  const done = await replicate.wait(created, { interval: 20 });
  assertPredictionShape(done);
  assert.equal(done.id, created.id);
  assertSucceeded(done);
  assert.equal(done.output, "hello Alice");
  assert.deepEqual(done.input, { text: "Alice" });
});

test("predictions.create with owner/name:version and with a model both run the model", async () => {
  const byRef = await replicate.predictions.create({
    version: `${CANARY}:${CANARY_VERSION}`,
    input: { text: "Ref" },
  });
  assert.equal(byRef.model, CANARY);
  assert.equal(byRef.version, CANARY_VERSION);
  const refDone = await replicate.wait(byRef, { interval: 20 });
  assertSucceeded(refDone);
  assert.ok(Array.isArray(refDone.output));
  assert.equal(refDone.output.join(""), "hello there, Ref");

  const byModel = await replicate.predictions.create({
    model: HELLO_WORLD,
    input: { text: "Model" },
  });
  assertPredictionShape(byModel);
  assert.equal(byModel.model, HELLO_WORLD);
  const modelDone = await replicate.wait(byModel, { interval: 20 });
  assertSucceeded(modelDone);
  assert.equal(modelDone.output, "hello Model");
});

test("predictions.get returns the prediction by id", async () => {
  const created = await replicate.predictions.create({
    version: HELLO_WORLD_VERSION,
    input: { text: "Get" },
  });
  const fetched = await eventually(async () => {
    const p = await replicate.predictions.get(created.id);
    return p.status === "succeeded" ? p : null;
  });
  assertPredictionShape(fetched);
  assert.equal(fetched.id, created.id);
  assert.equal(fetched.created_at, created.created_at);
  assert.equal(fetched.output, "hello Get");
  assertSucceeded(fetched);
});

test("Prefer: wait (wait: true) answers with the finished prediction", async () => {
  const { fetch, exchanges } = recordingFetch();
  const replicateRecorded = client(server, { fetch });
  const p = await replicateRecorded.predictions.create({
    version: HELLO_WORLD_VERSION,
    input: { text: "Bob" },
    wait: true,
  });
  assert.equal(exchanges.length, 1);
  assert.equal(exchanges[0].requestHeaders.get("prefer"), "wait");
  assert.equal(exchanges[0].status, 201);
  assert.equal(exchanges[0].responseHeaders.get("preference-applied"), "wait");
  assert.notEqual(p.status, "starting");
  assert.equal(p.output, "hello Bob");
});

test("Prefer: wait=1 that runs out answers status starting, and wait() then finishes it", async () => {
  const { fetch, exchanges } = recordingFetch();
  const replicateRecorded = client(server, { fetch });
  const model = await replicate.models.get(...SLEEP.split("/"));
  const started = Date.now();
  const p = await replicateRecorded.predictions.create({
    version: model.latest_version.id,
    input: { seconds: 2 },
    wait: 1,
  });
  const elapsed = Date.now() - started;
  assert.equal(exchanges[0].requestHeaders.get("prefer"), "wait=1");
  assert.equal(exchanges[0].status, 201);
  assert.equal(exchanges[0].responseHeaders.get("preference-applied"), "wait=1");
  assert.ok(elapsed >= 900 && elapsed < 2500, `held the request ${elapsed} ms`);
  assert.equal(p.status, "starting");
  assert.equal(p.output, null);
  assert.equal(exchanges[0].responseHeaders.get("location"), p.urls.get);

  const done = await replicate.wait(p, { interval: 50 });
  assertSucceeded(done);
  assert.equal(done.output, "slept 2 seconds");
});

test("predictions.cancel of a running prediction cancels it", async () => {
  const p = await sleepPrediction(30);
  await eventually(async () => (await replicate.predictions.get(p.id)).status === "processing");
  const canceled = await replicate.predictions.cancel(p.id);
  assertPredictionShape(canceled);
  assert.equal(canceled.id, p.id);
  assert.equal(canceled.status, "canceled");
  assert.match(canceled.completed_at, RFC3339_UTC);
  assert.equal(canceled.output, null);
  assert.equal(canceled.error, null);
  // §5.4: the cancel response carries the run's metrics, as the real one does.
  assert.equal(typeof canceled.metrics?.predict_time, "number", JSON.stringify(canceled));

  const fetched = await replicate.predictions.get(p.id);
  assert.equal(fetched.status, "canceled");
  assert.equal(fetched.completed_at, canceled.completed_at);
  // wait() treats canceled as terminal and returns at once.
  const waited = await replicate.wait(fetched);
  assert.equal(waited.status, "canceled");
});

test("predictions.cancel of a starting (queued) prediction cancels it", async () => {
  // replicant/sleep runs one prediction at a time, so the second one queues.
  const first = await sleepPrediction(30);
  const queued = await sleepPrediction(30);
  await eventually(async () => (await replicate.predictions.get(first.id)).status === "processing");
  const canceledQueued = await replicate.predictions.cancel(queued.id);
  assert.equal(canceledQueued.status, "canceled");
  assert.equal(canceledQueued.output, null);
  const canceledFirst = await replicate.predictions.cancel(first.id);
  assert.equal(canceledFirst.status, "canceled");
});

test("predictions.cancel of a finished prediction returns it unchanged", async () => {
  const p = await replicate.predictions.create({
    version: HELLO_WORLD_VERSION,
    input: { text: "Done" },
    wait: true,
  });
  const finished = await replicate.wait(p, { interval: 20 });
  assertSucceeded(finished);
  const afterCancel = await replicate.predictions.cancel(p.id);
  assert.equal(afterCancel.status, "succeeded");
  assert.equal(afterCancel.output, "hello Done");
  assert.equal(afterCancel.completed_at, finished.completed_at);
  assert.deepEqual(afterCancel.metrics, finished.metrics);
  assert.deepEqual(await replicate.predictions.get(p.id), finished);
});

test("a failing model ends failed with an error, and wait() throws Prediction failed", async () => {
  const p = await sleepPrediction(0, { input: { seconds: 0, fail: true } });
  let message;
  await assert.rejects(replicate.wait(p, { interval: 20 }), (error) => {
    message = error.message;
    return true;
  });
  const failed = await replicate.predictions.get(p.id);
  assert.equal(failed.status, "failed");
  assert.equal(typeof failed.error, "string");
  assert.ok(failed.error.length > 0);
  assert.equal(failed.output, null);
  assert.match(failed.completed_at, RFC3339_UTC);
  assert.equal(message, `Prediction failed: ${failed.error}`);
});

test("Cancel-After sets a deadline on the prediction", async () => {
  // The client has no option for the header; request() is its documented escape hatch.
  const response = await replicate.request("/predictions", {
    method: "POST",
    headers: { "Cancel-After": "5m" },
    data: { version: HELLO_WORLD_VERSION, input: { text: "Deadline" } },
  });
  assert.equal(response.status, 201);
  const p = await response.json();
  assert.match(p.deadline, RFC3339_UTC);
  const lifetime = (Date.parse(p.deadline) - Date.parse(p.created_at)) / 1000;
  assert.ok(Math.abs(lifetime - 300) < 1, `deadline is ${lifetime} s after creation`);
  const done = await replicate.wait(p, { interval: 20 });
  assert.equal(done.status, "succeeded");
  assert.equal(done.deadline, p.deadline);
});

test("predictions.list returns this account's predictions, newest first", async () => {
  const ids = [];
  for (const text of ["one", "two", "three"]) {
    const p = await replicate.predictions.create({ version: HELLO_WORLD_VERSION, input: { text } });
    ids.push(p.id);
  }
  const page = await replicate.predictions.list();
  assert.ok("next" in page && "previous" in page, JSON.stringify(Object.keys(page)));
  assert.equal(page.next, null);
  assert.equal(page.previous, null);
  assert.ok(Array.isArray(page.results));
  assert.deepEqual(
    page.results.slice(0, 3).map((p) => p.id),
    [...ids].reverse(),
  );
  for (let i = 1; i < page.results.length; i++) {
    assert.ok(page.results[i - 1].created_at >= page.results[i].created_at, "newest first");
  }
  for (const p of page.results) {
    assert.match(p.id, PREDICTION_ID);
    assert.equal(p.source, "api");
    assert.equal(p.urls.get, `${server.baseUrl}/v1/predictions/${p.id}`);
  }
  assert.equal(new Set(page.results.map((p) => p.id)).size, page.results.length);
});
