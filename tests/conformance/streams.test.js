// Server-sent event streams, read by the official client's stream() and by hand.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, client, CANARY_VERSION, HELLO_WORLD, SLEEP, TOKEN } from "./server.js";

let server;
before(async () => {
  server = await startServer(["--rate-limit", "off"]);
});
after(async () => {
  await server?.stop();
});

test("stream() of the canary yields tokens that join to the sentence", async () => {
  const replicate = client(server);
  const events = [];
  for await (const event of replicate.stream(`replicate/canary:${CANARY_VERSION}`, {
    input: { text: "X" },
  })) {
    events.push(event);
  }
  const output = events.filter((e) => e.event === "output").map((e) => e.data);
  assert.equal(output.join(""), "hello there, X");
  assert.deepEqual(output, ["hello", " there,", " X"]);
  assert.equal(events.at(-1).event, "done");
  assert.ok(events.every((e) => e.id), "every event carries an id");
});

test("a model that does not stream gets no stream URL, and stream: true is a 422", async () => {
  const replicate = client(server);
  const prediction = await replicate.predictions.create({ model: HELLO_WORLD, input: { text: "a" } });
  assert.equal(prediction.urls.stream, undefined);
  await assert.rejects(
    replicate.predictions.create({ model: HELLO_WORLD, input: { text: "a" }, stream: true }),
    /status 422/,
  );
});

async function readStream(url, headers = {}) {
  const response = await fetch(url, { headers: { Accept: "text/event-stream", ...headers } });
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type"), /^text\/event-stream/);
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((block) => block.trim() && !block.startsWith(":"))
    .map((block) => {
      const event = {};
      for (const line of block.split("\n")) {
        const [, field, value] = /^([a-z]+): ?(.*)$/.exec(line) ?? [];
        if (field === "data") event.data = event.data === undefined ? value : `${event.data}\n${value}`;
        else if (field) event[field] = value;
      }
      return event;
    });
}

test("a stream opened after the end replays it; Last-Event-ID resumes without gaps", async () => {
  const replicate = client(server);
  let prediction = await replicate.predictions.create({
    version: CANARY_VERSION,
    input: { text: "resume me" },
  });
  prediction = await replicate.wait(prediction);
  const all = await readStream(prediction.urls.stream);
  assert.deepEqual(
    all.map((e) => e.event),
    ["output", "output", "output", "output", "done"],
  );
  const rest = await readStream(prediction.urls.stream, { "Last-Event-ID": all[1].id });
  assert.deepEqual(rest, all.slice(2));
  // Authorization is tolerated, and not needed.
  const withAuth = await readStream(prediction.urls.stream, { Authorization: `Bearer ${TOKEN}` });
  assert.deepEqual(withAuth, all);
});

test("a stream URL with a wrong signature is not found", async () => {
  const replicate = client(server);
  const prediction = await replicate.predictions.create({ version: CANARY_VERSION, input: { text: "a" } });
  const forged = prediction.urls.stream.replace(/\/[^/]+$/, "/forged");
  assert.equal((await fetch(forged)).status, 404);
});

test("a long stream arrives whole and in order (chunk framing under load)", async () => {
  const replicate = client(server);
  const words = Array.from({ length: 50000 }, (_, i) => `w${i}`);
  const tokens = [];
  for await (const event of replicate.stream(`replicate/canary:${CANARY_VERSION}`, {
    input: { text: words.join(" ") },
  })) {
    if (event.event === "output") tokens.push(event.data);
  }
  assert.equal(tokens.length, words.length + 2);
  assert.equal(tokens.join(""), `hello there, ${words.join(" ")}`);
});
