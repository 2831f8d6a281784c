"""Checks tests/cog/fake_cog.py against the Cog (<= 0.16) wire protocol.

Run: python3 -m unittest tests/cog/test_fake_cog.py   (from the repository root, or anywhere)

Each test class starts its own fake server (PORT=0: the server prints the port it got) and,
where needed, a local listener that records webhooks and file uploads.
"""

import base64
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
FAKE_COG = os.path.join(HERE, "fake_cog.py")
RESPONSE_KEYS = ["input", "output", "id", "version", "created_at", "started_at", "completed_at",
                 "logs", "error", "status", "metrics"]
DISCOVERY = {"cog_version": "0.16.12", "docs_url": "/docs", "openapi_url": "/openapi.json",
             "shutdown_url": "/shutdown", "healthcheck_url": "/health-check",
             "predictions_url": "/predictions",
             "predictions_idempotent_url": "/predictions/{prediction_id}",
             "predictions_cancel_url": "/predictions/{prediction_id}/cancel"}
BUSY = {"detail": "Already running a prediction"}


def wait_until(pred, timeout=5.0, step=0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(step)
    return pred()


# ---------------------------------------------------------------------------------------
# Local listener: webhooks (POST /hook/...), uploads (PUT /upload/...), file inputs (GET /files/...).

class Listener:
    def __init__(self):
        self.requests = []
        self.lock = threading.Lock()
        self.fail_uploads = False
        self.served = {}
        listener = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def _reply(self, code, body=b"", headers=()):
                self.send_response(code)
                for k, v in headers:
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _record(self):
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n) if n else b""
                with listener.lock:
                    listener.requests.append({"t": time.monotonic(), "method": self.command,
                                              "path": self.path, "headers": dict(self.headers),
                                              "body": body})
                return body

            def do_POST(self):
                self._record()
                self._reply(200, b"{}", [("Content-Type", "application/json")])

            def do_PUT(self):
                self._record()
                if self.path.startswith("/upload/"):
                    if listener.fail_uploads:
                        return self._reply(503, b"nope")
                    name = self.path[len("/upload/"):]
                    loc = "http://127.0.0.1:%d/files/%s?sig=xyz" % (listener.port, name)
                    return self._reply(201, b"", [("Location", loc)])
                self._reply(200)

            def do_GET(self):
                body = listener.served.get(self.path)
                if body is None:
                    return self._reply(404, b"missing")
                self._reply(200, body, [("Content-Type", "application/octet-stream")])

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def hooks(self, path):
        with self.lock:
            return [dict(r, json=json.loads(r["body"])) for r in self.requests
                    if r["method"] == "POST" and r["path"] == path]

    def puts(self, prefix):
        with self.lock:
            return [r for r in self.requests if r["method"] == "PUT" and r["path"].startswith(prefix)]

    def terminal_hooks(self, path, count=1, timeout=8.0):
        def done():
            t = [h for h in self.hooks(path)
                 if h["json"]["status"] in ("succeeded", "failed", "canceled")]
            return t if len(t) >= count else None
        return wait_until(done, timeout) or []

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


# ---------------------------------------------------------------------------------------
# The server under test.

class FakeCogProcess:
    def __init__(self, predictor, args=(), env=None):
        e = dict(os.environ)
        e.update({"PORT": "0", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1"})
        e.update(env or {})
        self.proc = subprocess.Popen(
            [sys.executable, FAKE_COG, "--predictor", predictor, "--host", "127.0.0.1"] + list(args),
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=e, text=True)
        first = self.proc.stdout.readline()
        if "listening on http://" not in first:
            self.proc.kill()
            raise RuntimeError("fake_cog did not start: %r" % first)
        self.port = int(first.rsplit(":", 1)[1])
        self.stdout = [first]
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        for line in self.proc.stdout:
            self.stdout.append(line)

    def request(self, method, path, body=None, headers=None, conn=None, timeout=15):
        own = conn is None
        conn = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            data = None
            h = dict(headers or {})
            if body is not None:
                data = body if isinstance(body, bytes) else json.dumps(body).encode()
                h.setdefault("Content-Type", "application/json")
            conn.request(method, path, body=data, headers=h)
            resp = conn.getresponse()
            raw = resp.read()
            ctype = resp.getheader("Content-Type") or ""
            parsed = json.loads(raw) if ctype.startswith("application/json") else raw.decode()
            return resp.status, parsed, resp, raw
        finally:
            if own:
                conn.close()

    def get(self, path):
        status, body, _, _ = self.request("GET", path)
        return status, body

    def post(self, path, body=None, headers=None):
        status, body, _, _ = self.request("POST", path, body, headers)
        return status, body

    def put(self, path, body=None, headers=None):
        status, body, _, _ = self.request("PUT", path, body, headers)
        return status, body

    def health(self):
        return self.get("/health-check")[1]

    def wait_status(self, *statuses, timeout=5.0):
        return wait_until(lambda: self.health()["status"] in statuses, timeout)

    def stop(self):
        if self.proc.poll() is None:
            try:
                self.post("/shutdown")
            except OSError:
                pass
            try:
                self.proc.wait(3)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()


class CogCase(unittest.TestCase):
    predictor = None
    args = ()
    env = {}
    listener_needed = False

    @classmethod
    def server_args(cls, listener):
        return list(cls.args)

    @classmethod
    def setUpClass(cls):
        cls.listener = Listener()
        cls.cog = FakeCogProcess(cls.predictor, cls.server_args(cls.listener), cls.env)

    @classmethod
    def tearDownClass(cls):
        cls.cog.stop()
        cls.listener.close()

    def assertResponseShape(self, body):
        self.assertEqual(list(body.keys()), RESPONSE_KEYS)
        self.assertIsNone(body["version"])
        self.assertRegex(body["started_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$")


# ---------------------------------------------------------------------------------------

class EchoLifecycleTest(CogCase):
    predictor = "setup-logs"
    env = {"FAKE_COG_SETUP_SECONDS": "1.0", "WEBHOOK_AUTH_TOKEN": "tok-123"}

    def test_a_setup_phase(self):
        # Right after start: STARTING with an empty setup object; predictions get 409.
        self.assertEqual(self.cog.health(), {"status": "STARTING", "setup": {}})
        self.assertEqual(self.cog.post("/predictions", {"input": {"prompt": "early"}}), (409, BUSY))
        # OpenAPI is served immediately.
        self.assertEqual(self.cog.get("/openapi.json")[0], 200)
        self.assertTrue(self.cog.wait_status("READY"))
        h = self.cog.health()
        self.assertEqual(list(h["setup"].keys()), ["started_at", "completed_at", "logs", "status"])
        self.assertEqual(h["setup"]["status"], "succeeded")
        self.assertEqual(h["setup"]["logs"], "downloading weights (pretend)\n"
                         "a warning on stderr during setup\nweights loaded\n")
        self.assertIn("weights loaded\n", self.cog.stdout)

    def setUp(self):
        if not self._testMethodName.startswith("test_a_"):
            self.assertTrue(self.cog.wait_status("READY"))

    def test_discovery(self):
        self.assertEqual(self.cog.get("/"), (200, DISCOVERY))
        status, body, resp, raw = self.cog.request("GET", "/")
        self.assertEqual(resp.getheader("Content-Type"), "application/json")
        self.assertEqual(raw, json.dumps(DISCOVERY, separators=(",", ":")).encode())

    def test_openapi(self):
        status, doc = self.cog.get("/openapi.json")
        self.assertEqual(doc["openapi"], "3.0.2")
        schemas = doc["components"]["schemas"]
        self.assertEqual(schemas["Input"], {
            "title": "Input", "type": "object", "properties": {
                "prompt": {"title": "Prompt", "type": "string", "description": "Who to greet",
                           "default": "world", "x-order": 0},
                "api_key": {"title": "Api Key", "type": "string",
                            "description": "An API key (never echoed back)", "format": "password",
                            "x-order": 1, "x-cog-secret": True}}})
        self.assertEqual(schemas["Output"], {"title": "Output", "type": "string"})
        for name in ("PredictionRequest", "PredictionResponse", "Status", "WebhookEvent",
                     "HTTPValidationError", "ValidationError"):
            self.assertIn(name, schemas)
        self.assertEqual(set(doc["paths"]), {"/", "/health-check", "/shutdown", "/predictions",
                                             "/predictions/{prediction_id}",
                                             "/predictions/{prediction_id}/cancel"})
        self.assertIn("post", doc["paths"]["/predictions"])
        self.assertIn("put", doc["paths"]["/predictions/{prediction_id}"])

    def test_sync_echo_with_webhook(self):
        hook = "/hook/sync"
        status, body = self.cog.post("/predictions", {
            "id": "sync-1", "created_at": "2024-01-01T00:00:00Z",
            "input": {"prompt": "cog", "api_key": "s3cr3t", "bogus": 1},
            "webhook": self.listener.url(hook)})
        self.assertEqual(status, 200)
        self.assertResponseShape(body)
        self.assertEqual(body["input"], {"prompt": "cog", "api_key": "**********"})
        self.assertEqual(body["output"], "hello cog")
        self.assertEqual(body["id"], "sync-1")
        self.assertEqual(body["created_at"], "2024-01-01T00:00:00+00:00")
        self.assertEqual(body["status"], "succeeded")
        self.assertEqual(body["logs"], "")
        self.assertIsNone(body["error"])
        self.assertEqual(list(body["metrics"]), ["predict_time"])
        # The webhook is honoured for sync predictions too: start + completed.
        self.listener.terminal_hooks(hook)
        hooks = self.listener.hooks(hook)
        self.assertEqual([h["json"]["status"] for h in hooks], ["processing", "succeeded"])
        start, done = hooks[0]["json"], hooks[1]["json"]
        self.assertEqual(list(start), ["input", "output", "id", "created_at", "started_at", "logs", "status"])
        self.assertIsNone(start["output"])
        self.assertEqual(list(done), ["input", "output", "id", "created_at", "started_at", "completed_at",
                                      "logs", "status", "metrics"])
        self.assertEqual(done["input"]["api_key"], "**********")
        hdrs = hooks[0]["headers"]
        self.assertEqual(hdrs["Authorization"], "Bearer tok-123")
        self.assertTrue(hdrs["User-Agent"].startswith("cog-worker/0.16.12"))
        self.assertEqual(hdrs["Content-Type"], "application/json")

    def test_body_variants(self):
        status, body = self.cog.post("/predictions")
        self.assertEqual((status, body["input"], body["output"]),
                         (200, {"prompt": "world", "api_key": None}, "hello world"))
        self.assertIsNone(body["id"])
        status, body = self.cog.post("/predictions", {"input": None})
        self.assertEqual((status, body["input"], body["output"]), (200, {}, "hello world"))
        # pydantic v1 coerces numbers to strings.
        status, body = self.cog.post("/predictions", {"input": {"prompt": 123}})
        self.assertEqual(body["output"], "hello 123")

    def test_validation_errors(self):
        status, body = self.cog.post("/predictions", {"input": {"prompt": ["a"]}})
        self.assertEqual(status, 422)
        self.assertEqual(body, {"detail": [{"loc": ["body", "input", "prompt"],
                                            "msg": "str type expected", "type": "type_error.str"}]})
        status, body = self.cog.post("/predictions", {"input": {}, "webhook": "not a url"})
        self.assertEqual(body, {"detail": [{"loc": ["body", "webhook"], "msg": "invalid or missing URL scheme",
                                            "type": "value_error.url.scheme"}]})
        status, body = self.cog.post("/predictions", {"input": {}, "webhook_events_filter": ["bogus"]})
        self.assertEqual(status, 422)
        self.assertEqual(body["detail"][0]["loc"], ["body", "webhook_events_filter", 0])
        self.assertEqual(body["detail"][0]["type"], "type_error.enum")
        status, body = self.cog.put("/predictions/url-id", {"id": "body-id", "input": {"prompt": "s"}})
        self.assertEqual((status, body), (422, {"detail": [{
            "loc": ["body", "id"], "msg": "prediction ID must match the ID supplied in the URL",
            "type": "value_error"}]}))

    def test_keep_alive_and_misc_routes(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.cog.port, timeout=5)
        try:
            for _ in range(3):
                status, body, resp, raw = self.cog.request("POST", "/predictions", {"input": {}}, conn=conn)
                self.assertEqual(status, 200)
                self.assertEqual(resp.getheader("Content-Length"), str(len(raw)))
            status, body, _, _ = self.cog.request("GET", "/health-check", conn=conn)
            self.assertEqual(body["status"], "READY")
        finally:
            conn.close()
        self.assertEqual(self.cog.post("/predictions/nope/cancel"), (404, {}))
        self.assertEqual(self.cog.get("/nope"), (404, {"detail": "Not Found"}))


class StreamTest(CogCase):
    predictor = "stream"
    env = {"WEBHOOK_AUTH_TOKEN": "demo-token"}

    def setUp(self):
        self.assertTrue(self.cog.wait_status("READY"))

    def test_openapi_output(self):
        schemas = self.cog.get("/openapi.json")[1]["components"]["schemas"]
        self.assertEqual(schemas["Output"], {"title": "Output", "type": "array", "items": {"type": "string"},
                                             "x-cog-array-display": "concatenate",
                                             "x-cog-array-type": "iterator"})
        self.assertEqual(schemas["Input"]["properties"]["n"], {
            "title": "N", "maximum": 1000, "minimum": 0, "type": "integer", "description": "Number of tokens",
            "default": 3, "x-order": 1})

    def test_sync_stream(self):
        status, body = self.cog.post("/predictions", {"input": {"prompt": "hi", "n": 3, "delay": 0.01}})
        self.assertEqual(status, 200)
        self.assertEqual(body["output"], ["hi-0 ", "hi-1 ", "hi-2 "])
        self.assertEqual(body["logs"], "token 0\ntoken 1\ntoken 2\n")
        self.assertEqual(body["input"], {"prompt": "hi", "n": 3, "delay": 0.01})
        # Not exactly "respond-async": treated as sync.
        status, body = self.cog.post("/predictions", {"input": {"n": 1, "delay": 0}},
                                     {"Prefer": "respond-async, wait=5"})
        self.assertEqual((status, body["status"], body["output"]), (200, "succeeded", ["tok-0 "]))
        status, body = self.cog.post("/predictions", {"input": {"n": -1}})
        self.assertEqual((status, body), (422, {"detail": [{
            "loc": ["body", "input", "n"], "msg": "ensure this value is greater than or equal to 0",
            "type": "value_error.number.not_ge", "ctx": {"limit_value": 0}}]}))

    def test_async_idempotent_busy_and_throttle(self):
        hook = "/hook/async"
        req = {"input": {"prompt": "tok", "n": 8, "delay": 0.15}, "webhook": self.listener.url(hook)}
        async_hdr = {"Prefer": "respond-async", "traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}
        status, body = self.cog.put("/predictions/pred-async-1", req, async_hdr)
        self.assertEqual(status, 202)
        self.assertResponseShape(body)
        self.assertEqual((body["id"], body["status"]), ("pred-async-1", "processing"))
        # Same id again, even without Prefer: 202 + current state, no second run.
        status, again = self.cog.put("/predictions/pred-async-1", req)
        self.assertEqual((status, again["id"], again["started_at"]), (202, "pred-async-1", body["started_at"]))
        self.assertEqual(self.cog.post("/predictions", {"input": {}}), (409, BUSY))
        self.assertEqual(self.cog.put("/predictions/other", {"input": {}}, {"Prefer": "respond-async"}),
                         (409, BUSY))
        self.assertEqual(self.cog.health()["status"], "BUSY")
        terminal = self.listener.terminal_hooks(hook)
        self.assertEqual(len(terminal), 1)
        hooks = self.listener.hooks(hook)
        self.assertEqual(hooks[-1]["json"]["status"], "succeeded")
        self.assertEqual(hooks[-1]["json"]["output"], ["tok-%d " % i for i in range(8)])
        self.assertEqual(sum(1 for h in hooks if h["json"]["status"] == "processing" and
                             h["json"]["output"] is None), 1)  # one start webhook
        self.assertEqual(hooks[0]["headers"]["Authorization"], "Bearer demo-token")
        self.assertEqual(hooks[0]["headers"]["traceparent"], async_hdr["traceparent"])
        # Throttled: ~1.2 s of tokens, non-terminal updates at least ~0.5 s apart.
        progress = [h for h in hooks if h["json"]["status"] == "processing"]
        self.assertLess(len(progress), 5)
        for a, b in zip(progress, progress[1:]):
            self.assertGreater(b["t"] - a["t"], 0.3)  # 0.5 s at the sender, minus arrival jitter
        self.assertTrue(self.cog.wait_status("READY"))

    def test_cancel_with_filter(self):
        hook = "/hook/cancel"
        status, body = self.cog.post("/predictions", {
            "id": "pred-cancel-1", "input": {"prompt": "c", "n": 100, "delay": 0.05},
            "webhook": self.listener.url(hook), "webhook_events_filter": ["start", "completed"]},
            {"Prefer": "respond-async"})
        self.assertEqual(status, 202)
        time.sleep(0.2)
        self.assertEqual(self.cog.post("/predictions/pred-cancel-1/cancel"), (200, {}))
        terminal = self.listener.terminal_hooks(hook)
        self.assertEqual(self.cog.post("/predictions/pred-cancel-1/cancel"), (404, {}))
        hooks = [h["json"] for h in self.listener.hooks(hook)]
        self.assertEqual([h["status"] for h in hooks], ["processing", "canceled"])
        done = terminal[0]["json"]
        self.assertNotIn("error", done)
        self.assertNotIn("metrics", done)
        self.assertIn("completed_at", done)
        self.assertTrue(done["logs"].startswith("token 0\n"))
        self.assertTrue(self.cog.wait_status("READY"))


class NoThrottleTest(CogCase):
    predictor = "stream"
    env = {"COG_THROTTLE_RESPONSE_INTERVAL": "0"}

    def test_no_start_webhook_no_throttle(self):
        self.assertTrue(self.cog.wait_status("READY"))
        hook = "/hook/c2"
        status, body = self.cog.put("/predictions/nt", {"input": {"prompt": "q", "n": 3, "delay": 0.05},
                                                        "webhook": self.listener.url(hook)},
                                    {"Prefer": "respond-async"})
        self.assertEqual(status, 202)
        self.listener.terminal_hooks(hook)
        hooks = [h["json"] for h in self.listener.hooks(hook)]
        self.assertTrue(all(h["output"] is not None for h in hooks))  # no start event
        self.assertGreaterEqual(len(hooks), 7)  # 3 logs + 3 outputs + completed
        self.assertEqual(hooks[-1]["status"], "succeeded")


class FilesTest(CogCase):
    predictor = "files"

    @classmethod
    def server_args(cls, listener):
        return ["--upload-url", listener.url("/upload")]

    def setUp(self):
        self.assertTrue(self.cog.wait_status("READY"))

    def test_sync_data_uris(self):
        uploads_before = len(self.listener.puts("/upload/"))
        status, body = self.cog.post("/predictions", {"input": {"count": 2}})
        self.assertEqual(body["output"], ["data:text/plain;base64," + base64.b64encode(b"file number 0\n").decode(),
                                          "data:text/plain;base64," + base64.b64encode(b"file number 1\n").decode()])
        status, body = self.cog.post("/predictions", {"input": {"kind": "bin"}})
        self.assertTrue(body["output"][0].startswith("data:None;base64,"))
        status, body = self.cog.post("/predictions", {"input": {"kind": "png"}})
        png = base64.b64decode(body["output"][0].split(",", 1)[1])
        self.assertTrue(body["output"][0].startswith("data:image/png;base64,"))
        self.assertEqual(png[:8], b"\x89PNG\r\n\x1a\n")
        # --upload-url is ignored for sync predictions.
        self.assertEqual(len(self.listener.puts("/upload/")), uploads_before)
        status, body = self.cog.post("/predictions", {"input": {"kind": "gif"}})
        self.assertEqual(status, 422)
        self.assertEqual(body["detail"][0]["msg"],
                         "value is not a valid enumeration member; permitted: 'txt', 'png', 'bin'")

    def test_async_upload_location(self):
        hook = "/hook/files"
        status, body = self.cog.put("/predictions/pred-files", {"input": {"count": 2},
                                                                "webhook": self.listener.url(hook)},
                                    {"Prefer": "respond-async"})
        self.assertEqual(status, 202)
        done = self.listener.terminal_hooks(hook)[0]["json"]
        self.assertEqual(done["status"], "succeeded")
        self.assertEqual(done["output"], [self.listener.url("/files/out-0.txt"),
                                          self.listener.url("/files/out-1.txt")])
        puts = self.listener.puts("/upload/out-")
        self.assertEqual(sorted(p["path"] for p in puts), ["/upload/out-0.txt", "/upload/out-1.txt"])
        self.assertEqual(puts[0]["headers"]["Content-Type"], "text/plain")
        self.assertEqual(puts[0]["headers"]["X-Prediction-ID"], "pred-files")
        self.assertEqual(puts[0]["body"], b"file number 0\n")

    def test_upload_failure_double_terminal(self):
        hook = "/hook/upfail"
        self.listener.fail_uploads = True
        try:
            status, body = self.cog.put("/predictions/upfail", {"input": {"count": 1},
                                                                "webhook": self.listener.url(hook)},
                                        {"Prefer": "respond-async"})
            self.assertEqual(status, 202)
            terminal = [h["json"] for h in self.listener.terminal_hooks(hook, count=2)]
        finally:
            self.listener.fail_uploads = False
        err = "Cog: Got error trying to upload output files"
        self.assertEqual([t["status"] for t in terminal], ["failed", "succeeded"])
        self.assertEqual([t["error"] for t in terminal], [err, err])
        self.assertNotIn("metrics", terminal[0])
        self.assertIn("predict_time", terminal[1]["metrics"])
        self.assertEqual(terminal[0]["output"], [])
        self.assertEqual(self.cog.health()["status"], "READY")

    def test_output_file_prefix(self):
        status, body = self.cog.post("/predictions", {"input": {"count": 1},
                                                      "output_file_prefix": self.listener.url("/prefix/abc-")})
        self.assertEqual(body["output"], [self.listener.url("/prefix/abc-out-0.txt")])
        put = self.listener.puts("/prefix/abc-out-0.txt")[0]
        self.assertTrue(put["headers"]["Content-Type"].startswith("multipart/form-data; boundary="))
        self.assertIn(b'name="file"; filename="out-0.txt"', put["body"])


class ImageTest(CogCase):
    predictor = "image"
    env = {"COG_THROTTLE_RESPONSE_INTERVAL": "0.5"}

    def setUp(self):
        self.assertTrue(self.cog.wait_status("READY"))

    def test_schema(self):
        schemas = self.cog.get("/openapi.json")[1]["components"]["schemas"]
        self.assertEqual(schemas["Input"]["required"], ["image"])
        self.assertEqual(schemas["Input"]["properties"]["image"]["format"], "uri")
        self.assertEqual(schemas["Output"], {"title": "Output", "type": "string", "format": "uri"})

    def test_inputs(self):
        data = "data:text/plain;base64," + base64.b64encode(b"hello world").decode()
        status, body = self.cog.post("/predictions", {"input": {"image": data}})
        self.assertEqual(status, 200)
        self.assertEqual(body["input"], {"image": data, "invert": True})
        self.assertTrue(body["output"].startswith("data:image/png;base64,"))
        self.listener.served["/files/input.bin"] = b"hello world"
        url = self.listener.url("/files/input.bin")
        status, body2 = self.cog.post("/predictions", {"input": {"image": url}})
        self.assertEqual((status, body2["input"]["image"]), (200, url))
        self.assertEqual(body2["output"], body["output"])  # same bytes, same picture
        status, body3 = self.cog.post("/predictions", {"input": {"image": url, "invert": False}})
        self.assertNotEqual(body3["output"], body["output"])
        status, body = self.cog.post("/predictions", {"input": {"image": "file:///etc/passwd"}})
        self.assertEqual((status, body), (422, {"detail": [{
            "loc": ["body", "input", "image"],
            "msg": "'file' is not a valid URL scheme. 'data', 'http', or 'https' is supported.",
            "type": "value_error"}]}))
        status, body = self.cog.post("/predictions", {"input": {"invert": "maybe"}})
        self.assertEqual(status, 422)
        self.assertEqual(body["detail"], [
            {"loc": ["body", "input", "image"], "msg": "field required", "type": "value_error.missing"},
            {"loc": ["body", "input", "invert"], "msg": "value could not be parsed to a boolean",
             "type": "type_error.bool"}])

    def test_async_without_upload_url_leaks_path(self):
        hook = "/hook/leak"
        data = "data:image/png;base64," + base64.b64encode(b"\x89PNG...").decode()
        status, _ = self.cog.put("/predictions/leak", {"input": {"image": data}, "webhook": self.listener.url(hook),
                                                       "webhook_events_filter": ["completed"]},
                                 {"Prefer": "respond-async"})
        self.assertEqual(status, 202)
        done = self.listener.terminal_hooks(hook)[0]["json"]
        self.assertEqual(done["status"], "succeeded")
        self.assertTrue(done["output"].startswith("/") and done["output"].endswith("out.png"), done["output"])
        self.assertEqual(len(self.listener.hooks(hook)), 1)


class SleepConcurrencyTest(CogCase):
    predictor = "sleep"
    env = {"COG_MAX_CONCURRENCY": "2"}

    def setUp(self):
        self.assertTrue(self.cog.wait_status("READY"))
        self.assertTrue(self.cog.wait_status("READY"))

    def test_slots(self):
        a = {"Prefer": "respond-async"}
        self.assertEqual(self.cog.put("/predictions/c-1", {"input": {"seconds": 0.6}}, a)[0], 202)
        # concurrency > 1 and slots free: re-PUT of an in-flight id is a 500 (as in Cog).
        status, body = self.cog.put("/predictions/c-1", {"input": {"seconds": 0.6}}, a)
        self.assertEqual((status, body), (500, "Internal Server Error"))
        self.assertEqual(self.cog.health()["status"], "READY")
        self.assertEqual(self.cog.put("/predictions/c-2", {"input": {"seconds": 0.6}}, a)[0], 202)
        self.assertEqual(self.cog.health()["status"], "BUSY")
        self.assertEqual(self.cog.put("/predictions/c-3", {"input": {"seconds": 0.6}}, a), (409, BUSY))
        self.assertEqual(self.cog.put("/predictions/c-2", {"input": {}}, a)[0], 202)  # all busy: snapshot
        self.assertTrue(self.cog.wait_status("READY"))

    def test_sync_cancel(self):
        result = {}
        t = threading.Thread(target=lambda: result.update(
            r=self.cog.put("/predictions/s-1", {"input": {"seconds": 5}})))
        t.start()
        self.assertTrue(wait_until(lambda: self.cog.post("/predictions/s-1/cancel")[0] == 200, 3))
        t.join(3)
        status, body = result["r"]
        self.assertEqual(status, 200)
        self.assertEqual(body["status"], "canceled")
        self.assertIsNone(body["error"])
        self.assertIsNone(body["metrics"])
        self.assertIsNotNone(body["completed_at"])
        # The cancel may land before the first tick is logged.
        self.assertTrue(body["logs"] in ("", "tick 0\n") or body["logs"].startswith("tick 0\n"))

    def test_failure(self):
        status, body = self.cog.post("/predictions", {"input": {"seconds": 0.15, "fail": True}})
        self.assertEqual(status, 200)
        self.assertResponseShape(body)
        self.assertEqual(body["status"], "failed")
        self.assertTrue(body["error"].startswith("bad input: "))
        self.assertIn("Traceback (most recent call last):", body["logs"])
        self.assertIn("ValueError: bad input", body["logs"])
        self.assertIsNone(body["metrics"])
        self.assertIsNone(body["output"])
        self.assertEqual(body["input"], {"seconds": 0.15, "fail": True})


class CrashTest(CogCase):
    predictor = "crash"
    env = {"COG_MAX_CONCURRENCY": "2", "FAKE_COG_EXIT_DELAY": "1.5"}

    def test_worker_death(self):
        self.assertTrue(self.cog.wait_status("READY"))
        hook = "/hook/crash"
        status, _ = self.cog.put("/predictions/async-crash", {"input": {"after": 5},
                                                              "webhook": self.listener.url(hook)},
                                 {"Prefer": "respond-async"})
        self.assertEqual(status, 202)
        status, body = self.cog.post("/predictions", {"input": {"after": 0.1}})
        self.assertEqual((status, body), (500, "Internal Server Error"))
        self.assertEqual(self.cog.health()["status"], "DEFUNCT")
        self.assertEqual(self.cog.post("/predictions", {"input": {}}), (500, "Internal Server Error"))
        self.assertEqual(self.cog.proc.wait(5), 255)
        self.assertEqual([h["json"]["status"] for h in self.listener.hooks(hook)], ["processing"])


class SetupFailAwaitTest(CogCase):
    predictor = "setup-fail"
    args = ["--await-explicit-shutdown", "true"]

    def test_setup_failed_stays_up(self):
        self.assertTrue(self.cog.wait_status("SETUP_FAILED"))
        time.sleep(0.5)
        h = self.cog.health()
        self.assertEqual(h["status"], "SETUP_FAILED")
        self.assertEqual(h["setup"]["status"], "failed")
        self.assertTrue(h["setup"]["logs"].startswith("starting setup\nTraceback (most recent call last):\n"))
        self.assertIn("RuntimeError: setup error: weights not found\n", h["setup"]["logs"])
        self.assertEqual(self.cog.post("/predictions", {}), (500, "Internal Server Error"))
        # With --await-explicit-shutdown, SIGTERM is ignored; only /shutdown (or SIGINT) stops it.
        self.cog.proc.terminate()
        time.sleep(0.3)
        self.assertIsNone(self.cog.proc.poll())
        self.assertEqual(self.cog.post("/shutdown"), (200, {}))
        self.assertEqual(self.cog.proc.wait(5), 0)


class FalsyTest(CogCase):
    predictor = "falsy"

    def test_falsy_outputs_are_null(self):
        self.assertTrue(self.cog.wait_status("READY"))
        for kind in ("zero", "empty", "false", "list"):
            status, body = self.cog.post("/predictions", {"input": {"kind": kind}})
            self.assertEqual((status, body["status"], body["output"]), (200, "succeeded", None), kind)
        schemas = self.cog.get("/openapi.json")[1]["components"]["schemas"]
        self.assertEqual(schemas["Output"], {"title": "Output"})
        self.assertEqual(schemas["kind"], {"title": "kind", "enum": ["zero", "empty", "false", "list"],
                                           "type": "string", "description": "An enumeration."})
        self.assertEqual(schemas["Input"]["properties"]["kind"], {
            "allOf": [{"$ref": "#/components/schemas/kind"}], "description": "Which falsy value to return",
            "default": "zero", "x-order": 0})


class SetupFailExitTest(CogCase):
    predictor = "setup-fail"

    def test_exits_255(self):
        self.assertEqual(self.cog.proc.wait(5), 255)


if __name__ == "__main__":
    unittest.main()
