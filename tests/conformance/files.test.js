// The Files API and file inputs/outputs, with the official client.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, client, TOKEN } from "./server.js";

let server;
before(async () => {
  server = await startServer(["--rate-limit", "off"]);
});
after(async () => {
  await server?.stop();
});

const auth = { Authorization: `Bearer ${TOKEN}` };

test("files.create, get, list and delete", async () => {
  const replicate = client(server);
  const file = await replicate.files.create(Buffer.from("hello world"), { purpose: "test" });
  assert.match(file.id, /^[a-z0-9]{26}$/);
  assert.equal(file.size, 11);
  assert.equal(file.content_type, "application/octet-stream");
  assert.equal(file.checksums.sha256, "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
  assert.equal(file.etag, "5eb63bbbe01eeed093cb22bb8f5acdc3");
  assert.deepEqual(file.metadata, { purpose: "test" });
  assert.equal(file.urls.get, `${server.baseUrl}/v1/files/${file.id}`);
  assert.ok(Date.parse(file.expires_at) > Date.parse(file.created_at));
  assert.equal((await replicate.files.get(file.id)).id, file.id);
  const page = await replicate.files.list();
  assert.ok(page.results.some((f) => f.id === file.id));
  assert.equal(await replicate.files.delete(file.id), true);
  await assert.rejects(replicate.files.get(file.id), /status 404/);
});

test("a generated image feeds another model; outputs are served with Range", async () => {
  const replicate = client(server);
  const [image] = await replicate.run("replicant/plasma", {
    input: { prompt: "a test", width: 128, height: 96, seed: 7, num_outputs: 1 },
  });
  const url = String(image);
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/files\//);
  const whole = await fetch(url);
  assert.equal(whole.status, 200);
  assert.match(whole.headers.get("content-type"), /^image\//);
  const bytes = Buffer.from(await whole.arrayBuffer());
  const part = await fetch(url, { headers: { Range: "bytes=0-9" } });
  assert.equal(part.status, 206);
  assert.equal(part.headers.get("content-range"), `bytes 0-9/${bytes.length}`);
  assert.deepEqual(Buffer.from(await part.arrayBuffer()), bytes.subarray(0, 10));
  // The output URL is a valid input for another model.
  const styled = await replicate.run("replicant/stylize", { input: { image: url } });
  const styledUrl = String(Array.isArray(styled) ? styled[0] : styled.image ?? styled);
  assert.equal((await fetch(styledUrl)).status, 200);
});

test("run() uploads a Buffer input through the Files API", async () => {
  const replicate = client(server);
  const [image] = await replicate.run("replicant/voronoi", {
    input: { prompt: "cells", width: 64, height: 64, seed: 1, num_outputs: 1 },
  });
  const png = Buffer.from(await (await fetch(String(image))).arrayBuffer());
  const out = await replicate.run("replicant/stylize", { input: { image: png } });
  assert.ok(out, "a styled image came back");
});

test("unreachable and malformed file inputs are 422s that name the field", async () => {
  for (const image of ["http://127.0.0.1:9/nothing.png", "data:image/png;base64,!!!", "ftp://x/y.png"]) {
    const response = await fetch(`${server.baseUrl}/v1/models/replicant/stylize/predictions`, {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({ input: { image } }),
    });
    assert.equal(response.status, 422, image);
    const body = await response.json();
    assert.equal(body.invalid_fields[0].field, "input.image");
  }
});

test("deleting a prediction removes its output files", async () => {
  const replicate = client(server);
  const prediction = await replicate.predictions.create({
    model: "replicant/plasma",
    input: { prompt: "gone", width: 64, height: 64, seed: 3, num_outputs: 1 },
  });
  const done = await replicate.wait(prediction);
  const url = done.output[0];
  assert.equal((await fetch(url)).status, 200);
  const del = await fetch(`${server.baseUrl}/replicant/v1/predictions/${prediction.id}`, {
    method: "DELETE",
    headers: auth,
  });
  assert.equal(del.status, 204);
  assert.equal((await fetch(url)).status, 404);
  await assert.rejects(replicate.predictions.get(prediction.id), /status 404/);
});

test("output file URLs take the address the client used, so they survive a port change", async () => {
  const replicate = client(server);
  const prediction = await replicate.predictions.create({
    model: "replicant/plasma",
    input: { prompt: "origin", width: 64, height: 64, seed: 5, num_outputs: 1 },
  });
  await replicate.wait(prediction);
  const viaLocalhost = server.baseUrl.replace("127.0.0.1", "localhost");
  const doc = await fetch(`${viaLocalhost}/v1/predictions/${prediction.id}`, { headers: auth }).then((r) =>
    r.json(),
  );
  assert.ok(doc.output[0].startsWith(`${viaLocalhost}/files/`), doc.output[0]);
  assert.equal((await fetch(doc.output[0])).status, 200);
});
