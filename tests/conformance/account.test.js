// The official JavaScript client, unchanged, against a local replicant-server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import Replicate from "replicate";
import { startServer, TOKEN } from "./server.js";

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

test("accounts.current returns the default account", async () => {
  const replicate = new Replicate({ auth: TOKEN, baseUrl: `${server.baseUrl}/v1` });
  const account = await replicate.accounts.current();
  assert.equal(account.type, "user");
  assert.equal(typeof account.username, "string");
  assert.ok(account.username.length > 0);
  assert.equal(typeof account.name, "string");
});

test("a wrong token is a 401 the client reports with the real API's body", async () => {
  const replicate = new Replicate({ auth: "r8_wrong", baseUrl: `${server.baseUrl}/v1` });
  await assert.rejects(replicate.accounts.current(), (error) => {
    assert.equal(error.response.status, 401);
    assert.match(error.message, /failed with status 401 Unauthorized/);
    assert.match(error.message, /"title":"Unauthenticated"/);
    return true;
  });
});

test("the default account's username comes from $USER", async () => {
  const other = await startServer({ env: { USER: "conformance-user" } });
  try {
    const replicate = new Replicate({ auth: TOKEN, baseUrl: `${other.baseUrl}/v1` });
    const account = await replicate.accounts.current();
    assert.equal(account.type, "user");
    assert.equal(account.username, "conformance-user");
    // Models are created under that name.
    const model = await replicate.models.create("conformance-user", "mine", {
      visibility: "private",
      hardware: "cpu",
    });
    assert.equal(model.owner, "conformance-user");
  } finally {
    await other.stop();
  }
});
