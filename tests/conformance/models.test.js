// models.get / list / create and models.versions.list / get (reference/replicate-api.md §4.3,
// §4.4, §9).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startServer,
  client,
  parseApiError,
  HELLO_WORLD_VERSION,
  CANARY_VERSION,
  RFC3339_UTC,
} from "./server.js";

let server;
let replicate;
let username;
before(async () => {
  server = await startServer();
  replicate = client(server);
  username = (await replicate.accounts.current()).username;
});
after(async () => {
  await server?.stop();
});

const MODEL_KEYS = [
  "url",
  "owner",
  "name",
  "description",
  "visibility",
  "github_url",
  "paper_url",
  "license_url",
  "run_count",
  "cover_image_url",
  "default_example",
  "latest_version",
];

function assertModelShape(m) {
  for (const key of MODEL_KEYS) assert.ok(key in m, `model has ${key}: ${JSON.stringify(m)}`);
  assert.ok(["public", "private"].includes(m.visibility));
  assert.equal(typeof m.run_count, "number");
}

function assertVersionShape(v) {
  for (const key of ["id", "created_at", "cog_version", "openapi_schema"]) {
    assert.ok(key in v, `version has ${key}: ${JSON.stringify(v)}`);
  }
  assert.match(v.id, /^[0-9a-f]{64}$/);
  assert.match(v.created_at, RFC3339_UTC);
  assert.equal(typeof v.openapi_schema.openapi, "string");
  assert.equal(typeof v.openapi_schema.components.schemas.Input, "object");
  assert.equal(typeof v.openapi_schema.components.schemas.Output, "object");
}

async function allModels() {
  const models = [];
  for await (const page of replicate.paginate(replicate.models.list)) models.push(...page);
  return models;
}

test("models.get returns replicate/hello-world with its latest version", async () => {
  const m = await replicate.models.get("replicate", "hello-world");
  assertModelShape(m);
  assert.equal(m.owner, "replicate");
  assert.equal(m.name, "hello-world");
  assert.equal(m.visibility, "public");
  assert.equal(typeof m.description, "string");
  assertVersionShape(m.latest_version);
  assert.equal(m.latest_version.id, HELLO_WORLD_VERSION);
  const input = m.latest_version.openapi_schema.components.schemas.Input;
  assert.deepEqual(input.required, ["text"]);
  assert.equal(input.properties.text.type, "string");
  assert.equal(m.latest_version.openapi_schema.components.schemas.Output.type, "string");
  if (m.default_example !== null) {
    assert.equal(m.default_example.model, "replicate/hello-world");
    assert.equal(m.default_example.status, "succeeded");
  }
});

test("models.get returns replicate/canary with an iterator Output schema", async () => {
  const m = await replicate.models.get("replicate", "canary");
  assertModelShape(m);
  assert.equal(m.latest_version.id, CANARY_VERSION);
  const output = m.latest_version.openapi_schema.components.schemas.Output;
  assert.equal(output.type, "array");
  assert.equal(output.items.type, "string");
  assert.equal(output["x-cog-array-type"], "iterator");
  assert.equal(output["x-cog-array-display"], "concatenate");
});

test("models.list is a page that includes the built-in models", async () => {
  const page = await replicate.models.list();
  assert.ok("next" in page && "previous" in page, JSON.stringify(Object.keys(page)));
  assert.ok(Array.isArray(page.results));
  assert.ok(page.results.length <= 25);
  for (const m of page.results) assertModelShape(m);
  const names = page.results.map((m) => `${m.owner}/${m.name}`);
  assert.ok(names.includes("replicate/hello-world"), names.join());
  assert.ok(names.includes("replicate/canary"), names.join());
});

test("models.create makes a model that models.get and models.list then show", async () => {
  const created = await replicate.models.create(username, "conformance-model", {
    visibility: "private",
    hardware: "cpu",
    description: "Made by the conformance suite",
    github_url: "https://github.com/example/conformance-model",
  });
  assertModelShape(created);
  assert.equal(created.owner, username);
  assert.equal(created.name, "conformance-model");
  assert.equal(created.visibility, "private");
  assert.equal(created.description, "Made by the conformance suite");
  assert.equal(created.github_url, "https://github.com/example/conformance-model");
  assert.equal(created.paper_url, null);
  assert.equal(created.run_count, 0);
  assert.equal(created.latest_version, null);
  assert.equal(created.default_example, null);
  assert.equal(created.cover_image_url, null);

  const fetched = await replicate.models.get(username, "conformance-model");
  assert.equal(fetched.owner, username);
  assert.equal(fetched.name, "conformance-model");
  assert.equal(fetched.description, "Made by the conformance suite");
  assert.equal(fetched.visibility, "private");
  assert.equal(fetched.latest_version, null);

  const listed = (await allModels()).find(
    (m) => m.owner === username && m.name === "conformance-model",
  );
  assert.ok(listed, "models.list includes the new model");
  assert.equal(listed.visibility, "private");

  const versions = await replicate.models.versions.list(username, "conformance-model");
  assert.deepEqual(versions.results, []);
  assert.equal(versions.next, null);
});

test("models.create under another owner fails with 403", async () => {
  await assert.rejects(
    replicate.models.create("someone-else", "not-mine", { visibility: "public", hardware: "cpu" }),
    (error) => {
      assert.equal(error.name, "ApiError");
      const e = parseApiError(error);
      assert.equal(e.status, 403);
      assert.equal(e.statusText, "Forbidden");
      assert.equal(e.url, `${server.baseUrl}/v1/models`);
      assert.equal(e.body.status, 403);
      assert.equal(typeof e.body.detail, "string");
      return true;
    },
  );
  await assert.rejects(replicate.models.get("someone-else", "not-mine"), (error) => {
    assert.equal(error.response.status, 404);
    return true;
  });
});

test("models.create without the required fields fails with 422 invalid_fields", async () => {
  await assert.rejects(replicate.models.create(username, "incomplete", {}), (error) => {
    const e = parseApiError(error);
    assert.equal(e.status, 422);
    assert.equal(e.body.status, 422);
    assert.ok(Array.isArray(e.body.invalid_fields), e.text);
    const descriptions = e.body.invalid_fields.map((f) => f.description).join("\n");
    assert.match(descriptions, /visibility is required/);
    assert.match(descriptions, /hardware is required/);
    for (const f of e.body.invalid_fields) {
      assert.equal(f.type, "required");
      assert.equal(f.field, "");
    }
    return true;
  });
});

test("models.versions.list of a built-in model lists its version with the schema", async () => {
  for (const [name, id] of [
    ["hello-world", HELLO_WORLD_VERSION],
    ["canary", CANARY_VERSION],
  ]) {
    const page = await replicate.models.versions.list("replicate", name);
    assert.ok("next" in page && "previous" in page);
    assert.ok(page.results.length >= 1);
    for (const v of page.results) assertVersionShape(v);
    assert.equal(page.results[0].id, id, "newest first: the latest version leads");
    assert.ok(page.results.some((v) => v.id === id));
    const input = page.results[0].openapi_schema.components.schemas.Input;
    assert.equal(input.properties.text.type, "string");
  }
});

test("models.versions.get returns one version with openapi_schema.components.schemas.Input", async () => {
  const v = await replicate.models.versions.get("replicate", "hello-world", HELLO_WORLD_VERSION);
  assertVersionShape(v);
  assert.equal(v.id, HELLO_WORLD_VERSION);
  assert.deepEqual(v.openapi_schema.components.schemas.Input.required, ["text"]);
  const latest = (await replicate.models.get("replicate", "hello-world")).latest_version;
  assert.deepEqual(v, latest);
});

test("models.versions.get of another model's version is 404", async () => {
  await assert.rejects(
    replicate.models.versions.get("replicate", "canary", HELLO_WORLD_VERSION),
    (error) => {
      assert.equal(parseApiError(error).status, 404);
      return true;
    },
  );
});
