// How the official client reports the server's errors: ApiError with the message
// "Request to ${url} failed with status ${status} ${statusText}: ${responseText}." and the
// real API's problem bodies (reference/replicate-api.md §2.2, §2.5, §13.2).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import Replicate from "replicate";
import {
  startServer,
  client,
  recordingFetch,
  parseApiError,
  TOKEN,
  HELLO_WORLD_VERSION,
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

const UNAUTHENTICATED = {
  title: "Unauthenticated",
  detail: "You did not pass a valid authentication token",
  status: 401,
};
const NOT_FOUND_DETAIL = "The requested resource could not be found.";
const INVALID_VERSION = {
  title: "Invalid version or not permitted",
  detail:
    "The specified version does not exist (or perhaps you don't have permission to use it?)",
  status: 422,
};

// Asserts the ApiError's exact message shape and returns its parts.
function apiError(error, { status, statusText, url }) {
  assert.equal(error.name, "ApiError", error.stack);
  const e = parseApiError(error);
  assert.equal(e.status, status, error.message);
  assert.equal(e.statusText, statusText);
  assert.equal(e.url, url);
  assert.ok(e.body, `the body is JSON: ${e.text}`);
  assert.equal(
    error.message,
    `Request to ${url} failed with status ${status} ${statusText}: ${e.text}.`,
  );
  assert.equal(error.response.status, status);
  assert.equal(error.request.url, url);
  assert.equal(error.response.headers.get("content-type").split(";")[0], "application/problem+json");
  return e;
}

test("401: a wrong token gives the exact ApiError message and the real body", async () => {
  const wrong = new Replicate({ auth: "r8_wrong", baseUrl: `${server.baseUrl}/v1` });
  await assert.rejects(wrong.predictions.list(), (error) => {
    const e = apiError(error, {
      status: 401,
      statusText: "Unauthorized",
      url: `${server.baseUrl}/v1/predictions`,
    });
    assert.deepEqual(e.body, UNAUTHENTICATED);
    return true;
  });
});

test("401: no token at all (the client then sends no Authorization header)", async () => {
  const saved = process.env.REPLICATE_API_TOKEN;
  delete process.env.REPLICATE_API_TOKEN;
  try {
    const { fetch, exchanges } = recordingFetch();
    const anonymous = new Replicate({ baseUrl: `${server.baseUrl}/v1`, fetch });
    await assert.rejects(anonymous.models.get("replicate", "hello-world"), (error) => {
      const e = apiError(error, {
        status: 401,
        statusText: "Unauthorized",
        url: `${server.baseUrl}/v1/models/replicate/hello-world`,
      });
      assert.deepEqual(e.body, UNAUTHENTICATED);
      return true;
    });
    assert.equal(exchanges[0].requestHeaders.get("authorization"), null);
  } finally {
    if (saved !== undefined) process.env.REPLICATE_API_TOKEN = saved;
  }
});

test("401 on create: run() with a wrong token rejects with the ApiError", async () => {
  const wrong = new Replicate({ auth: "r8_wrong", baseUrl: `${server.baseUrl}/v1` });
  await assert.rejects(wrong.run("replicate/hello-world", { input: { text: "x" } }), (error) => {
    const e = apiError(error, {
      status: 401,
      statusText: "Unauthorized",
      url: `${server.baseUrl}/v1/models/replicate/hello-world/predictions`,
    });
    assert.deepEqual(e.body, UNAUTHENTICATED);
    return true;
  });
});

test("the legacy Authorization: Token scheme is accepted", async () => {
  const response = await fetch(`${server.baseUrl}/v1/account`, {
    headers: { Authorization: `Token ${TOKEN}` },
  });
  assert.equal(response.status, 200);
  assert.equal((await response.json()).type, "user");
});

test("404: predictions.get of an unknown id", async () => {
  const id = "zzzzzzzzzzzzzzzzzzzzzzzzzz";
  await assert.rejects(replicate.predictions.get(id), (error) => {
    const e = apiError(error, {
      status: 404,
      statusText: "Not Found",
      url: `${server.baseUrl}/v1/predictions/${id}`,
    });
    assert.equal(e.body.detail, NOT_FOUND_DETAIL);
    assert.equal(e.body.status, 404);
    return true;
  });
});

test("404: predictions.cancel of an unknown id", async () => {
  const id = "zzzzzzzzzzzzzzzzzzzzzzzzzz";
  await assert.rejects(replicate.predictions.cancel(id), (error) => {
    const e = apiError(error, {
      status: 404,
      statusText: "Not Found",
      url: `${server.baseUrl}/v1/predictions/${id}/cancel`,
    });
    assert.equal(e.body.detail, NOT_FOUND_DETAIL);
    return true;
  });
});

test("404: models.get, models.versions.list and models.versions.get of an unknown model", async () => {
  const cases = [
    [() => replicate.models.get("nobody", "nothing"), "/models/nobody/nothing"],
    [() => replicate.models.versions.list("nobody", "nothing"), "/models/nobody/nothing/versions"],
    [
      () => replicate.models.versions.get("replicate", "hello-world", "f".repeat(64)),
      `/models/replicate/hello-world/versions/${"f".repeat(64)}`,
    ],
  ];
  for (const [call, path] of cases) {
    await assert.rejects(call(), (error) => {
      const e = apiError(error, {
        status: 404,
        statusText: "Not Found",
        url: `${server.baseUrl}/v1${path}`,
      });
      assert.equal(e.body.detail, NOT_FOUND_DETAIL);
      assert.equal(e.body.status, 404);
      return true;
    });
  }
});

test("404: run() of an unknown model", async () => {
  await assert.rejects(replicate.run("nobody/nothing", { input: {} }), (error) => {
    const e = apiError(error, {
      status: 404,
      statusText: "Not Found",
      url: `${server.baseUrl}/v1/models/nobody/nothing/predictions`,
    });
    assert.equal(e.body.status, 404);
    return true;
  });
});

test("422: a missing required input is Input validation failed with invalid_fields", async () => {
  await assert.rejects(
    replicate.predictions.create({ version: HELLO_WORLD_VERSION, input: {} }),
    (error) => {
      const e = apiError(error, {
        status: 422,
        statusText: "Unprocessable Entity",
        url: `${server.baseUrl}/v1/predictions`,
      });
      assert.deepEqual(e.body, {
        title: "Input validation failed",
        detail: "- input: text is required\n",
        status: 422,
        invalid_fields: [{ type: "required", field: "input", description: "text is required" }],
      });
      return true;
    },
  );
});

test("422: a wrong-typed input names the field", async () => {
  await assert.rejects(
    replicate.predictions.create({ version: HELLO_WORLD_VERSION, input: { text: 42 } }),
    (error) => {
      const e = apiError(error, {
        status: 422,
        statusText: "Unprocessable Entity",
        url: `${server.baseUrl}/v1/predictions`,
      });
      assert.equal(e.body.title, "Input validation failed");
      assert.equal(e.body.invalid_fields.length, 1);
      assert.equal(e.body.invalid_fields[0].type, "invalid_type");
      assert.equal(e.body.invalid_fields[0].field, "input.text");
      assert.equal(
        e.body.detail,
        `- input.text: ${e.body.invalid_fields[0].description}\n`,
      );
      return true;
    },
  );
});

test("422: an unknown version is Invalid version or not permitted", async () => {
  await assert.rejects(
    replicate.predictions.create({ version: "0".repeat(64), input: { text: "x" } }),
    (error) => {
      const e = apiError(error, {
        status: 422,
        statusText: "Unprocessable Entity",
        url: `${server.baseUrl}/v1/predictions`,
      });
      assert.deepEqual(e.body, INVALID_VERSION);
      return true;
    },
  );
  // The same through run() with a ref whose version does not exist.
  await assert.rejects(
    replicate.run(`replicate/hello-world:${"0".repeat(64)}`, { input: { text: "x" } }),
    (error) => {
      assert.deepEqual(parseApiError(error).body, INVALID_VERSION);
      return true;
    },
  );
});

test("422: body errors (no version, an extra member) use the empty field", async () => {
  // The client always sends version or model; request() is how a user sends anything else.
  await assert.rejects(
    replicate.request("/predictions", {
      method: "POST",
      data: { input: { text: "x" }, model: "replicate/hello-world" },
    }),
    (error) => {
      const e = apiError(error, {
        status: 422,
        statusText: "Unprocessable Entity",
        url: `${server.baseUrl}/v1/predictions`,
      });
      assert.equal(e.body.title, "Input validation failed");
      assert.deepEqual(
        e.body.invalid_fields.map((f) => [f.type, f.field, f.description]).sort(),
        [
          ["additional_property_not_allowed", "", "Additional property model is not allowed"],
          ["required", "", "version is required"],
        ],
      );
      assert.match(e.body.detail, /^- version is required\n/m);
      assert.match(e.body.detail, /^- Additional property model is not allowed\n/m);
      return true;
    },
  );
});

test("the client's own checks throw before any request", async () => {
  const { fetch, exchanges } = recordingFetch();
  const recorded = client(server, { fetch });
  await assert.rejects(
    recorded.predictions.create({ input: { text: "x" } }),
    /Either model or version must be specified/,
  );
  await assert.rejects(
    recorded.predictions.create({
      version: HELLO_WORLD_VERSION,
      input: { text: "x" },
      webhook: "not a url",
    }),
    /Invalid webhook URL/,
  );
  assert.equal(exchanges.length, 0);
});

test("404 for an unknown route, 405 for a wrong method, both as problem+json", async () => {
  const headers = { Authorization: `Bearer ${TOKEN}` };
  const unknown = await fetch(`${server.baseUrl}/v1/no-such-thing`, { headers });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.headers.get("content-type").split(";")[0], "application/problem+json");
  assert.equal((await unknown.json()).status, 404);

  const wrongMethod = await fetch(`${server.baseUrl}/v1/account`, { method: "DELETE", headers });
  assert.equal(wrongMethod.status, 405);
  assert.ok(wrongMethod.headers.get("allow")?.includes("GET"));
  await wrongMethod.body?.cancel();
});
