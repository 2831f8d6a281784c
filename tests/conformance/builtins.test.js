// Every built-in model through the HTTP API, with the official client: real results, clear
// errors for bad inputs, and a server that stays up.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { startServer, client, eventually, TOKEN } from "./server.js";

const require = createRequire(import.meta.url);
const validator = require("gltf-validator");

let server;
let replicate;
before(async () => {
  server = await startServer(["--rate-limit", "off"]);
  replicate = client(server);
  // The built-ins run their examples once on a new data dir; wait for those.
  await eventually(
    async () => (await replicate.models.list()).results.every((m) => m.default_example),
    { timeoutMs: 60000, intervalMs: 200 },
  );
});
after(async () => {
  await server?.stop();
});

const bytesOf = async (url) => Buffer.from(await (await fetch(String(url))).arrayBuffer());
const sha = (buffer) => createHash("sha256").update(buffer).digest("hex");
const finished = (id) =>
  eventually(async () => {
    const p = await replicate.predictions.get(id);
    return ["succeeded", "failed", "canceled"].includes(p.status) && p;
  }, { timeoutMs: 60000 });

// Each built-in's own example input, run again through the API.
async function runExample(name) {
  const model = await replicate.models.get("replicant", name);
  assert.ok(model.default_example, `${name} has a default example`);
  assert.ok(model.cover_image_url, `${name} has a cover image`);
  return replicate.run(`replicant/${name}`, { input: model.default_example.input });
}

test("every built-in runs its example through the API", async () => {
  const page = await replicate.models.list();
  const names = page.results.filter((m) => m.owner === "replicant").map((m) => m.name);
  assert.ok(names.length >= 13, names.join(","));
  for (const name of names) {
    const prediction = await replicate.predictions.create({
      model: `replicant/${name}`,
      input: (await replicate.models.get("replicant", name)).default_example.input,
    });
    const done = await finished(prediction.id);
    assert.equal(done.status, "succeeded", `${name}: ${done.error}`);
  }
});

test("face-detect finds the face in the sample photo", async () => {
  const out = await runExample("face-detect");
  assert.ok(out.faces.length >= 1);
  assert.equal((await fetch(String(out.image))).status, 200);
});

test("ocr reads text", async () => {
  const out = await runExample("ocr");
  assert.ok(out.text.trim().split(/\s+/).length >= 3, out.text);
});

test("tts returns a WAV of plausible length", async () => {
  const url = await replicate.run("replicant/tts", { input: { text: "Replicant speaks." } });
  const wav = await bytesOf(url);
  assert.equal(wav.subarray(0, 4).toString(), "RIFF");
  assert.equal(wav.subarray(8, 12).toString(), "WAVE");
  const seconds = (wav.length - 44) / (wav.readUInt32LE(28) || 1);
  assert.ok(seconds > 0.5 && seconds < 5, `${seconds} s`);
});

test("GLB outputs pass the Khronos validator with no errors", async () => {
  for (const name of ["text-to-3d", "ply-to-glb"]) {
    const out = await runExample(name);
    const report = await validator.validateBytes(new Uint8Array(await bytesOf(out)));
    assert.equal(report.issues.numErrors, 0, `${name}: ${JSON.stringify(report.issues.messages)}`);
  }
});

test("image generators reproduce with a seed and differ without", async () => {
  for (const name of ["plasma", "voronoi", "flow-field"]) {
    const input = { prompt: "a seeded test", width: 96, height: 64, seed: 1234, num_outputs: 1 };
    const first = await replicate.run(`replicant/${name}`, { input });
    const second = await replicate.run(`replicant/${name}`, { input });
    const other = await replicate.run(`replicant/${name}`, { input: { ...input, seed: 99 } });
    const a = sha(await bytesOf(first.flat()[0]));
    assert.equal(a, sha(await bytesOf(second.flat()[0])), name);
    assert.notEqual(a, sha(await bytesOf(other.flat()[0])), name);
  }
});

test("markov-text streams tokens before it finishes", async () => {
  const prediction = await replicate.predictions.create({
    model: "replicant/markov-text",
    input: { prompt: "The", max_tokens: 40, seed: 3 },
  });
  let outputsBeforeEnd = 0;
  for await (const event of replicate.stream("replicant/markov-text", {
    input: { prompt: "The", max_tokens: 40, seed: 3 },
  })) {
    if (event.event === "output") outputsBeforeEnd++;
  }
  assert.ok(outputsBeforeEnd >= 10);
  assert.equal((await finished(prediction.id)).status, "succeeded");
});

test("bad inputs fail clearly and the server stays up", async () => {
  const corrupt = "data:image/png;base64," + Buffer.from("not a png at all").toString("base64");
  const failed = await finished(
    (await replicate.predictions.create({ model: "replicant/stylize", input: { image: corrupt } })).id,
  );
  assert.equal(failed.status, "failed");
  assert.ok(failed.error.length > 10, failed.error);
  const emptyPly = "data:application/octet-stream;base64,";
  const ply = await finished(
    (await replicate.predictions.create({ model: "replicant/ply-to-glb", input: { ply_file: emptyPly } })).id,
  );
  assert.equal(ply.status, "failed");
  assert.ok(ply.error.length > 5, ply.error);
  const huge = await fetch(`${server.baseUrl}/v1/models/replicant/plasma/predictions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ input: { prompt: "x", width: 100000, height: 100000 } }),
  });
  assert.equal(huge.status, 422);
  assert.equal((await fetch(`${server.baseUrl}/health`)).status, 200);
});
