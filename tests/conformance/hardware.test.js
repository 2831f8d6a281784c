// hardware.list (reference/replicate-api.md §3 #15, §4.8): a bare array, not a page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, client } from "./server.js";

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

test("hardware.list returns a bare array of {sku, name} including CPU", async () => {
  const hardware = await client(server).hardware.list();
  assert.ok(Array.isArray(hardware), "a bare array, not a page");
  assert.ok(hardware.length >= 1);
  for (const item of hardware) {
    assert.deepEqual(Object.keys(item).sort(), ["name", "sku"]);
    assert.equal(typeof item.sku, "string");
    assert.equal(typeof item.name, "string");
  }
  assert.deepEqual(
    hardware.find((h) => h.sku === "cpu"),
    { sku: "cpu", name: "CPU" },
  );
  // The real API's 2024 list (§4.8) is all there, with the same names.
  for (const expected of [
    { sku: "gpu-t4", name: "Nvidia T4 GPU" },
    { sku: "gpu-a40-small", name: "Nvidia A40 GPU" },
    { sku: "gpu-a40-large", name: "Nvidia A40 (Large) GPU" },
  ]) {
    assert.deepEqual(hardware.find((h) => h.sku === expected.sku), expected);
  }
  assert.equal(new Set(hardware.map((h) => h.sku)).size, hardware.length, "SKUs are unique");
});

test("a model can be created on every listed SKU, and not on an unknown one", async () => {
  const replicate = client(server);
  const { username } = await replicate.accounts.current();
  const hardware = await replicate.hardware.list();
  for (const { sku } of hardware) {
    const m = await replicate.models.create(username, `on-${sku}`, {
      visibility: "private",
      hardware: sku,
    });
    assert.equal(m.name, `on-${sku}`);
  }
  await assert.rejects(
    replicate.models.create(username, "on-nothing", { visibility: "private", hardware: "gpu-none" }),
    (error) => {
      // The reference documents no status for this; any client error will do.
      assert.ok(error.response.status >= 400 && error.response.status < 500, error.message);
      return true;
    },
  );
});
