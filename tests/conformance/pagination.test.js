// Paginated lists and the client's paginate(): predictions (100 a page, newest first) and models
// (25 a page), with absolute next/previous URLs carrying opaque cursors
// (reference/replicate-api.md §2.4, §13.6).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, client, mapLimit, HELLO_WORLD_VERSION } from "./server.js";

let server;
let replicate;
let username;
before(async () => {
  // Creates well past one page quickly; the limits themselves are tested in ratelimit.test.js.
  server = await startServer(["--rate-limit", "off"]);
  replicate = client(server);
  username = (await replicate.accounts.current()).username;
});
after(async () => {
  await server?.stop();
});

const PREDICTIONS = 105;
const MODELS = 30;

function assertPageUrl(url, path) {
  assert.equal(typeof url, "string");
  const parsed = new URL(url); // throws unless absolute
  assert.equal(parsed.origin, server.baseUrl);
  assert.equal(parsed.pathname, path);
  assert.ok(parsed.searchParams.get("cursor"), `cursor in ${url}`);
}

test("predictions.list pages 100 at a time, newest first, and paginate() walks every page", async () => {
  // Sequential creates give a well-defined creation order.
  const created = [];
  for (let i = 0; i < PREDICTIONS; i++) {
    const p = await replicate.predictions.create({
      version: HELLO_WORLD_VERSION,
      input: { text: `p${i}` },
    });
    created.push(p.id);
  }
  const newestFirst = [...created].reverse();

  const first = await replicate.predictions.list();
  assert.equal(first.results.length, 100);
  assert.equal(first.previous, null);
  assertPageUrl(first.next, "/v1/predictions");
  assert.deepEqual(
    first.results.map((p) => p.id),
    newestFirst.slice(0, 100),
  );

  const pages = [];
  for await (const page of replicate.paginate(replicate.predictions.list)) pages.push(page);
  assert.equal(pages.length, 2);
  assert.equal(pages[0].length, 100);
  assert.equal(pages[1].length, PREDICTIONS - 100);
  const ids = pages.flat().map((p) => p.id);
  assert.deepEqual(ids, newestFirst);
  for (let i = 1; i < pages.flat().length; i++) {
    assert.ok(pages.flat()[i - 1].created_at >= pages.flat()[i].created_at);
  }

  // The second page links back to the first.
  const second = await (await replicate.request(first.next, { method: "GET" })).json();
  assert.equal(second.next, null);
  assertPageUrl(second.previous, "/v1/predictions");
  const back = await (await replicate.request(second.previous, { method: "GET" })).json();
  assert.deepEqual(
    back.results.map((p) => p.id),
    newestFirst.slice(0, 100),
  );
});

test("paginate() stops when its signal is aborted", async () => {
  const controller = new AbortController();
  const pages = [];
  for await (const page of replicate.paginate(replicate.predictions.list, {
    signal: controller.signal,
  })) {
    pages.push(page);
    controller.abort();
  }
  assert.equal(pages.length, 1);
});

test("predictions.list: created_after is at-or-after, created_before is strictly before", async () => {
  // The spec (reference/replicate-openapi.json, GET /predictions): created_after "Include only
  // predictions created at or after this date-time", created_before "created before".
  const all = [];
  for await (const page of replicate.paginate(replicate.predictions.list)) all.push(...page);
  assert.ok(all.length >= PREDICTIONS);
  const pivot = all[50].created_at; // RFC 3339 with fixed precision: string order is time order
  const ids = (items) => items.map((p) => p.id);
  const list = listPredictions;

  const after = await list({ created_after: pivot });
  assert.deepEqual(ids(after), ids(all.filter((p) => p.created_at >= pivot)));
  assert.ok(ids(after).includes(all[50].id), "created_after includes a prediction made at that instant");

  const before = await list({ created_before: pivot });
  assert.deepEqual(ids(before), ids(all.filter((p) => p.created_at < pivot)));
});

async function listPredictions(params) {
  // The client sends no filters; request() with params is how a user passes them.
  return (await (await replicate.request("/predictions", { params })).json()).results;
}

test("predictions.list filters take coarser ISO 8601 values and reject garbage with 400", async () => {
  const all = [];
  for await (const page of replicate.paginate(replicate.predictions.list)) all.push(...page);
  const ids = (items) => items.map((p) => p.id);
  assert.deepEqual(
    ids(await listPredictions({ created_after: "2000-01-01T00:00:00Z" })),
    ids(all).slice(0, 100),
  );
  assert.deepEqual(ids(await listPredictions({ created_before: "2100-01-01" })), ids(all).slice(0, 100));
  assert.deepEqual(await listPredictions({ created_after: "2100-01-01T00:00:00+02:00" }), []);
  assert.deepEqual(await listPredictions({ created_before: "2000-01-01" }), []);
  await assert.rejects(listPredictions({ created_after: "yesterday" }), (error) => {
    assert.equal(error.response.status, 400);
    return true;
  });
});

test("predictions.list created_after far in the future (year 2999) returns nothing", async () => {
  // A valid date-time beyond 2262 must not wrap around (64-bit nanosecond overflow).
  const late = await listPredictions({ created_after: "2999-01-01T00:00:00Z" });
  assert.equal(late.length, 0, `created_after=2999-01-01T00:00:00Z listed ${late.length}`);
  assert.ok((await listPredictions({ created_before: "2999-01-01T00:00:00Z" })).length > 0);
});

test("models.list pages 25 at a time and paginate() walks every page once", async () => {
  const names = Array.from({ length: MODELS }, (_, i) => `paged-model-${String(i).padStart(2, "0")}`);
  await mapLimit(names, 8, (name) =>
    replicate.models.create(username, name, { visibility: "private", hardware: "cpu" }),
  );

  const first = await replicate.models.list();
  assert.equal(first.results.length, 25);
  assert.equal(first.previous, null);
  assertPageUrl(first.next, "/v1/models");
  const second = await (await replicate.request(first.next, { method: "GET" })).json();
  assertPageUrl(second.previous, "/v1/models");
  const back = await (await replicate.request(second.previous, { method: "GET" })).json();
  const key = (m) => `${m.owner}/${m.name}`;
  assert.deepEqual(back.results.map(key), first.results.map(key));

  const pages = [];
  for await (const page of replicate.paginate(replicate.models.list)) pages.push(page);
  assert.ok(pages.length >= 2);
  for (const page of pages.slice(0, -1)) assert.equal(page.length, 25);
  const all = pages.flat().map((m) => `${m.owner}/${m.name}`);
  assert.equal(new Set(all).size, all.length, "no model appears twice");
  for (const name of names) assert.ok(all.includes(`${username}/${name}`), name);
  for (const builtin of ["replicate/hello-world", "replicate/canary"]) {
    assert.ok(all.includes(builtin), builtin);
  }
});
