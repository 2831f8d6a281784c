// Rate limits (reference/replicate-api.md §2.6): 600 creates a minute, 3000 other requests a
// minute, bursts allowed; ratelimit-remaining / ratelimit-reset on answers; 429 with Retry-After.
// Headers are not visible through the client, so this file uses fetch directly.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, client, mapLimit, TOKEN, HELLO_WORLD_VERSION } from "./server.js";

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

const auth = { Authorization: `Bearer ${TOKEN}` };

function createPrediction() {
  return fetch(`${server.baseUrl}/v1/predictions`, {
    method: "POST",
    headers: { ...auth, "Content-Type": "application/json" },
    body: JSON.stringify({ version: HELLO_WORLD_VERSION, input: { text: "burst" } }),
  });
}

function remaining(response) {
  const value = response.headers.get("ratelimit-remaining");
  assert.match(value ?? "", /^\d+$/, `ratelimit-remaining is a count: ${value}`);
  return Number(value);
}

test("normal answers carry ratelimit-remaining and ratelimit-reset", async () => {
  const first = await fetch(`${server.baseUrl}/v1/account`, { headers: auth });
  assert.equal(first.status, 200);
  await first.body?.cancel();
  const firstLeft = remaining(first);
  assert.ok(firstLeft > 2900 && firstLeft < 3000, `${firstLeft} of 3000 left`);
  assert.match(first.headers.get("ratelimit-reset") ?? "", /^\d+$/);

  // The allowance refills continuously (50 a second), so spend faster than that to see it drop.
  const burst = await Promise.all(
    Array.from({ length: 100 }, async () => {
      const response = await fetch(`${server.baseUrl}/v1/hardware`, { headers: auth });
      await response.body?.cancel();
      assert.equal(response.status, 200);
      return remaining(response);
    }),
  );
  assert.ok(Math.min(...burst) <= 2950, `requests use the allowance: ${Math.min(...burst)} left`);

  // Creating predictions draws on its own, smaller allowance.
  const created = await createPrediction();
  assert.equal(created.status, 201);
  await created.body?.cancel();
  const createsLeft = remaining(created);
  assert.ok(createsLeft > 500 && createsLeft < 600, `${createsLeft} of 600 creates left`);

  // Errors count and say so too.
  const notFound = await fetch(`${server.baseUrl}/v1/predictions/zzzzzzzzzzzzzzzzzzzzzzzzzz`, {
    headers: auth,
  });
  assert.equal(notFound.status, 404);
  await notFound.body?.cancel();
  remaining(notFound);
});

test("a burst past 600 creates is throttled with 429 and Retry-After; other requests still pass", async () => {
  const statuses = [];
  let throttled;
  await mapLimit(Array.from({ length: 700 }), 32, async () => {
    const response = await createPrediction();
    statuses.push(response.status);
    if (response.status === 429 && !throttled) {
      throttled = {
        headers: response.headers,
        contentType: response.headers.get("content-type"),
        body: await response.json(),
      };
    } else {
      await response.body?.cancel();
    }
  });
  const ok = statuses.filter((s) => s === 201).length;
  const limited = statuses.filter((s) => s === 429).length;
  assert.equal(ok + limited, statuses.length, `only 201 and 429: ${[...new Set(statuses)]}`);
  assert.ok(limited > 0, "some creates were throttled");
  assert.ok(ok >= 600, `the burst allowance (${ok} created) covers a minute's 600`);

  assert.ok(throttled);
  const retryAfter = throttled.headers.get("retry-after");
  assert.match(retryAfter ?? "", /^\d+$/, `Retry-After is whole seconds: ${retryAfter}`);
  assert.ok(Number(retryAfter) >= 1 && Number(retryAfter) <= 60);
  assert.equal(throttled.contentType.split(";")[0], "application/problem+json");
  assert.match(throttled.body.detail, /^Request was throttled\./);
  assert.equal(throttled.headers.get("ratelimit-remaining"), "0");

  // The other allowance is separate: reads still work while creates are throttled.
  const account = await fetch(`${server.baseUrl}/v1/account`, { headers: auth });
  assert.equal(account.status, 200);
  await account.body?.cancel();

  // The official client reports a 429 that outlasts its (backoff-less) retries as an ApiError.
  // Drain the refilled allowance first so its six quick tries all meet the limit.
  const replicate = client(server);
  await assert.rejects(
    (async () => {
      for (let i = 0; i < 500; i++) {
        await replicate.predictions.create({ version: HELLO_WORLD_VERSION, input: { text: "x" } });
      }
    })(),
    (error) => {
      assert.equal(error.name, "ApiError");
      assert.equal(error.response.status, 429);
      assert.match(error.message, /failed with status 429 Too Many Requests: .*Request was throttled/);
      return true;
    },
  );
});
