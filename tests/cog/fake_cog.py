#!/usr/bin/env python3
"""A stand-in for Cog's Python prediction server (cog <= 0.16), for integration tests.

It speaks the same HTTP protocol as `python -m cog.server.http` (see
/work/shared/reference/cog-protocol.md): discovery document, health-check, OpenAPI,
sync/async/idempotent predictions, cancel, shutdown, webhooks with throttling and
retries, output-file uploads, file inputs, and the failure modes (setup failure,
worker death). The "models" are small built-in predictors chosen with --predictor.

Standard library only.

    PORT=5000 python3 tests/cog/fake_cog.py --predictor echo [--host 127.0.0.1]
        [--upload-url URL] [--await-explicit-shutdown true]

Environment: PORT (default 5000; 0 picks a free port, printed on the "listening" line),
WEBHOOK_AUTH_TOKEN, COG_THROTTLE_RESPONSE_INTERVAL (default 0.5), COG_MAX_CONCURRENCY
(default 1), FAKE_COG_SETUP_SECONDS (default 0.2), COG_USER_AGENT (file-input downloads),
FAKE_COG_EXIT_DELAY (seconds before a failed server exits by itself, default 0.3),
FAKE_COG_ACCESS_LOG=1 (one line per request on stderr).
"""

import argparse
import base64
import datetime as dt
import hashlib
import http.client
import json
import mimetypes
import os
import queue
import shutil
import signal
import struct
import socket
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
import urllib.request
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

COG_VERSION = "0.16.12"
WEBHOOK_USER_AGENT = "cog-worker/%s fake" % COG_VERSION
SECRET_MASK = "**********"
ALL_EVENTS = ["start", "output", "logs", "completed"]
TERMINAL = ("succeeded", "failed", "canceled")
MISSING = object()

# Deterministic MIME guessing (built-in table only, not the host's /etc/mime.types), plus
# the extra types Cog registers.
_MIME = mimetypes.MimeTypes()
_MIME.add_type("image/webp", ".webp")


def now_utc():
    return dt.datetime.now(dt.timezone.utc)


def iso(t):
    return t.isoformat() if t is not None else None


def compact_json(obj):
    # FastAPI's JSONResponse: no spaces, non-ASCII kept.
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def webhook_json(obj):
    # requests' json= body: default separators, ASCII escapes.
    return json.dumps(obj).encode("utf-8")


def log_out(text, stream=None):
    stream = stream or sys.stdout
    try:
        stream.write(text)
        stream.flush()
    except Exception:
        pass


# ---------------------------------------------------------------------------------------
# Tiny PNG writer (RGB, 8 bit).

def _png_chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def make_png(width, height, pixel):
    """pixel(x, y) -> (r, g, b)."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            rows.extend(bytes(pixel(x, y)))
    return (b"\x89PNG\r\n\x1a\n"
            + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + _png_chunk(b"IDAT", zlib.compress(bytes(rows)))
            + _png_chunk(b"IEND", b""))


# ---------------------------------------------------------------------------------------
# Predictor definitions.

class Field:
    """One predict() parameter: enough to validate input (pydantic v1 style) and to emit
    the Cog-style OpenAPI property."""

    def __init__(self, name, kind, default=MISSING, description=None, ge=None, le=None,
                 choices=None):
        self.name = name
        self.kind = kind  # str | int | float | bool | path | secret
        self.default = default
        self.description = description
        self.ge = ge
        self.le = le
        self.choices = choices

    @property
    def required(self):
        return self.default is MISSING

    def title(self):
        return " ".join(p[:1].upper() + p[1:] for p in self.name.split("_"))

    def json_type(self):
        return {"str": "string", "path": "string", "secret": "string", "int": "integer",
                "float": "number", "bool": "boolean"}[self.kind]

    def schema(self, order):
        if self.choices is not None:
            prop = {"allOf": [{"$ref": "#/components/schemas/%s" % self.name}]}
        else:
            prop = {"title": self.title()}
            if self.le is not None:
                prop["maximum"] = self.le
            if self.ge is not None:
                prop["minimum"] = self.ge
            prop["type"] = self.json_type()
        if self.description:
            prop["description"] = self.description
        if self.kind == "path":
            prop["format"] = "uri"
        if self.kind == "secret":
            prop["format"] = "password"
        if self.default is not MISSING and self.default is not None:
            prop["default"] = self.default
        prop["x-order"] = order
        if self.kind == "secret":
            prop["x-cog-secret"] = True
        return prop

    def enum_component(self):
        return {"title": self.name, "enum": list(self.choices),
                "type": "integer" if self.kind == "int" else "string",
                "description": "An enumeration."}


class FileOutput:
    """A file the predictor produced (cog.Path)."""

    def __init__(self, path):
        self.path = path

    @property
    def name(self):
        return os.path.basename(self.path)


class Canceled(Exception):
    pass


class WorkerDied(Exception):
    pass


class PredictorSpec:
    def __init__(self, fields, output_schema, fn, iterator=False, setup=None):
        self.fields = fields
        self.output_schema = output_schema
        self.fn = fn
        self.iterator = iterator
        self.setup = setup  # setup(log, duration) -> None, raises on failure


def _echo_fields():
    return [
        Field("prompt", "str", "world", "Who to greet"),
        Field("api_key", "secret", None, "An API key (never echoed back)"),
    ]


def p_echo(ctx, prompt, api_key):
    return "hello " + prompt


def p_stream(ctx, prompt, n, delay):
    for i in range(n):
        ctx.log("token %d\n" % i)
        ctx.sleep(delay)
        yield "%s-%d " % (prompt, i)


def p_files(ctx, count, kind):
    for i in range(count):
        if kind == "txt":
            yield ctx.write_file("out-%d.txt" % i, ("file number %d\n" % i).encode())
        elif kind == "png":
            shade = (i * 40) % 256
            png = make_png(4, 4, lambda x, y: (shade, (x * 60) % 256, (y * 60) % 256))
            yield ctx.write_file("out-%d.png" % i, png)
        else:
            yield ctx.write_file("out-%d.safetensors" % i, b"\x00\x01" + bytes([i % 256]) * 8)


def p_image(ctx, image, invert):
    with open(image, "rb") as f:
        digest = hashlib.sha256(f.read()).digest()

    def pixel(x, y):
        base = digest[(x * 3 + y * 5) % 30:(x * 3 + y * 5) % 30 + 3]
        return tuple(255 - c for c in base) if invert else tuple(base)

    return ctx.write_file("out.png", make_png(8, 8, pixel))


def p_sleep(ctx, seconds, fail):
    ticks = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ctx.log("tick %d\n" % ticks)
        ticks += 1
        ctx.sleep(min(0.1, max(0.0, deadline - time.monotonic())))
    if fail:
        raise ValueError("bad input: fail=true (after %s seconds)" % seconds)
    return "done in %s seconds" % seconds


def p_crash(ctx, after):
    ctx.log("about to crash\n")
    ctx.sleep(after)
    raise WorkerDied()


def p_falsy(ctx, kind):
    return {"zero": 0, "empty": "", "false": False, "list": []}[kind]


def setup_plain(log, duration):
    time.sleep(duration)


def setup_with_logs(log, duration):
    log("downloading weights (pretend)\n")
    time.sleep(duration * 0.4)
    log("a warning on stderr during setup\n", stderr=True)
    time.sleep(duration * 0.6)
    log("weights loaded\n")


def setup_failing(log, duration):
    log("starting setup\n")
    time.sleep(duration)
    raise RuntimeError("setup error: weights not found")


STRING_OUT = {"title": "Output", "type": "string"}

PREDICTORS = {
    "echo": lambda: PredictorSpec(_echo_fields(), STRING_OUT, p_echo),
    "setup-logs": lambda: PredictorSpec(_echo_fields(), STRING_OUT, p_echo, setup=setup_with_logs),
    "setup-fail": lambda: PredictorSpec(_echo_fields(), STRING_OUT, p_echo, setup=setup_failing),
    "stream": lambda: PredictorSpec(
        [Field("prompt", "str", "tok", "Prefix of every token"),
         Field("n", "int", 3, "Number of tokens", ge=0, le=1000),
         Field("delay", "float", 0.05, "Seconds between tokens")],
        {"title": "Output", "type": "array", "items": {"type": "string"},
         "x-cog-array-display": "concatenate", "x-cog-array-type": "iterator"},
        p_stream, iterator=True),
    "files": lambda: PredictorSpec(
        [Field("count", "int", 1, "Number of files", ge=0, le=100),
         Field("kind", "str", "txt", "File type", choices=["txt", "png", "bin"])],
        {"title": "Output", "type": "array", "items": {"type": "string", "format": "uri"},
         "x-cog-array-type": "iterator"},
        p_files, iterator=True),
    "image": lambda: PredictorSpec(
        [Field("image", "path", MISSING, "Input image (URL or data URI)"),
         Field("invert", "bool", True, "Invert the colours")],
        {"title": "Output", "type": "string", "format": "uri"}, p_image),
    "sleep": lambda: PredictorSpec(
        [Field("seconds", "float", 1.0, "How long to run"),
         Field("fail", "bool", False, "Raise an error at the end")],
        STRING_OUT, p_sleep),
    "crash": lambda: PredictorSpec(
        [Field("after", "float", 0.2, "Seconds before the worker dies")], STRING_OUT, p_crash),
    "falsy": lambda: PredictorSpec(
        [Field("kind", "str", "zero", "Which falsy value to return",
               choices=["zero", "empty", "false", "list"])],
        {"title": "Output"}, p_falsy),
}


# ---------------------------------------------------------------------------------------
# Input validation, pydantic-v1 flavoured (coercing, FastAPI error shapes).

class Invalid(Exception):
    def __init__(self, msg, typ, ctx=None):
        super().__init__(msg)
        self.msg = msg
        self.typ = typ
        self.ctx = ctx


_TRUE = {"1", "on", "t", "true", "y", "yes"}
_FALSE = {"0", "off", "f", "false", "n", "no"}


def _coerce(field, v):
    k = field.kind
    if k in ("str", "secret"):
        if isinstance(v, str):
            return v
        if isinstance(v, (int, float)) and k == "str":
            return str(v)
        raise Invalid("str type expected", "type_error.str")
    if k == "path":
        if not isinstance(v, str):
            raise Invalid("str type expected", "type_error.str")
        scheme = urllib.parse.urlparse(v).scheme
        if scheme not in ("data", "http", "https"):
            raise Invalid("'%s' is not a valid URL scheme. 'data', 'http', or 'https' is supported."
                          % scheme, "value_error")
        return v
    if k == "int":
        if isinstance(v, int) and not isinstance(v, bool):
            return v
        try:
            if isinstance(v, (list, dict)):
                raise TypeError
            return int(v)
        except (TypeError, ValueError, OverflowError):
            raise Invalid("value is not a valid integer", "type_error.integer")
    if k == "float":
        try:
            if isinstance(v, (list, dict)):
                raise TypeError
            return float(v)
        except (TypeError, ValueError, OverflowError):
            raise Invalid("value is not a valid float", "type_error.float")
    if k == "bool":
        if v is True or v is False:
            return v
        if isinstance(v, int) and v in (0, 1):
            return bool(v)
        if isinstance(v, str):
            if v.lower() in _TRUE:
                return True
            if v.lower() in _FALSE:
                return False
        raise Invalid("value could not be parsed to a boolean", "type_error.bool")
    raise AssertionError(k)


def validate_field(field, v):
    if v is None:
        if field.default is None:
            return None
        raise Invalid("none is not an allowed value", "type_error.none.not_allowed")
    if field.choices is not None:
        ok = [c for c in field.choices if c == v and type(c) is type(v)]
        if not ok:
            raise Invalid("value is not a valid enumeration member; permitted: "
                          + ", ".join(repr(c) for c in field.choices), "type_error.enum",
                          {"enum_values": list(field.choices)})
        return ok[0]
    v = _coerce(field, v)
    if field.ge is not None and v < field.ge:
        raise Invalid("ensure this value is greater than or equal to %s" % field.ge,
                      "value_error.number.not_ge", {"limit_value": field.ge})
    if field.le is not None and v > field.le:
        raise Invalid("ensure this value is less than or equal to %s" % field.le,
                      "value_error.number.not_le", {"limit_value": field.le})
    return v


def _err(loc, inv):
    e = {"loc": loc, "msg": inv.msg, "type": inv.typ}
    if inv.ctx is not None:
        e["ctx"] = inv.ctx
    return e


def validate_input(spec, raw, errors):
    """Returns (values for predict(), echo for responses). Unknown keys are dropped."""
    values, echo = {}, {}
    for f in spec.fields:
        if f.name in raw:
            try:
                v = validate_field(f, raw[f.name])
            except Invalid as inv:
                errors.append(_err(["body", "input", f.name], inv))
                continue
        elif f.required:
            errors.append({"loc": ["body", "input", f.name], "msg": "field required",
                           "type": "value_error.missing"})
            continue
        else:
            v = f.default
        values[f.name] = v
        echo[f.name] = SECRET_MASK if (f.kind == "secret" and v is not None) else v
    return values, echo


def parse_datetime(v):
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return dt.datetime.fromtimestamp(v, dt.timezone.utc)
    if isinstance(v, str):
        s = v.strip()
        if s.endswith(("Z", "z")):
            s = s[:-1] + "+00:00"
        try:
            return dt.datetime.fromisoformat(s)
        except ValueError:
            pass
    raise Invalid("invalid datetime format", "value_error.datetime")


def validate_request(spec, body):
    """body: parsed JSON or None. Returns (request dict, errors)."""
    errors = []
    no_body = body is None
    if no_body:
        body = {}
    if not isinstance(body, dict):
        return None, [{"loc": ["body"], "msg": "value is not a valid dict", "type": "type_error.dict"}]
    req = {"id": None, "created_at": None, "webhook": None, "events": list(ALL_EVENTS),
           "output_file_prefix": None, "context": None}
    raw_input = body.get("input")
    if raw_input is None:
        # No body at all: Cog validates {} (the echo shows the defaults). A body whose input
        # is missing or null runs with the defaults too, but is echoed as {}.
        req["values"], echo = validate_input(spec, {}, errors)
        req["echo"] = echo if no_body else {}
    elif not isinstance(raw_input, dict):
        errors.append({"loc": ["body", "input"], "msg": "value is not a valid dict",
                       "type": "type_error.dict"})
    else:
        req["values"], req["echo"] = validate_input(spec, raw_input, errors)
    if body.get("id") is not None:
        v = body["id"]
        if isinstance(v, str) or (isinstance(v, (int, float)) and not isinstance(v, bool)):
            req["id"] = str(v)
        else:
            errors.append({"loc": ["body", "id"], "msg": "str type expected", "type": "type_error.str"})
    if body.get("created_at") is not None:
        try:
            req["created_at"] = parse_datetime(body["created_at"])
        except Invalid as inv:
            errors.append(_err(["body", "created_at"], inv))
    if body.get("context") is not None:
        if isinstance(body["context"], dict):
            req["context"] = body["context"]
        else:
            errors.append({"loc": ["body", "context"], "msg": "value is not a valid dict",
                           "type": "type_error.dict"})
    if body.get("output_file_prefix") is not None:
        if isinstance(body["output_file_prefix"], str):
            req["output_file_prefix"] = body["output_file_prefix"]
        else:
            errors.append({"loc": ["body", "output_file_prefix"], "msg": "str type expected",
                           "type": "type_error.str"})
    if body.get("webhook") is not None:
        w = body["webhook"]
        if not isinstance(w, str):
            errors.append({"loc": ["body", "webhook"], "msg": "str type expected", "type": "type_error.str"})
        else:
            parts = urllib.parse.urlsplit(w) if "://" in w else None
            if parts is None or not parts.scheme:
                errors.append({"loc": ["body", "webhook"], "msg": "invalid or missing URL scheme",
                               "type": "value_error.url.scheme"})
            elif not parts.netloc:
                errors.append({"loc": ["body", "webhook"], "msg": "URL host invalid",
                               "type": "value_error.url.host"})
            else:
                req["webhook"] = w
    if body.get("webhook_events_filter") is not None:
        wf = body["webhook_events_filter"]
        if not isinstance(wf, list):
            errors.append({"loc": ["body", "webhook_events_filter"], "msg": "value is not a valid list",
                           "type": "type_error.list"})
        else:
            for i, ev in enumerate(wf):
                if ev not in ALL_EVENTS:
                    errors.append({
                        "loc": ["body", "webhook_events_filter", i],
                        "msg": "value is not a valid enumeration member; permitted: "
                               + ", ".join(repr(e) for e in ALL_EVENTS),
                        "type": "type_error.enum", "ctx": {"enum_values": list(ALL_EVENTS)}})
            req["events"] = [e for e in wf if e in ALL_EVENTS]
    return req, errors


# ---------------------------------------------------------------------------------------
# Outgoing HTTP (webhooks, uploads, downloads) with http.client, so that no header is
# added behind our back.

def http_request(method, url, body=None, headers=None, timeout=10.0):
    """Returns (status, headers-dict-lowercase, body bytes). Raises OSError on transport errors."""
    parts = urllib.parse.urlsplit(url)
    conn_cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    conn = conn_cls(parts.hostname, parts.port, timeout=timeout)
    try:
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        conn.request(method, target, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data
    finally:
        conn.close()


RETRY_STATUSES = (429, 500, 502, 503, 504)


def strip_query(url):
    return urllib.parse.urlsplit(url)._replace(query="").geturl()


def data_uri(path):
    mime, _ = _MIME.guess_type(os.path.basename(path))
    with open(path, "rb") as f:
        b64 = base64.b64encode(f.read()).decode("ascii")
    return "data:%s;base64,%s" % (mime, b64)


def download_input(url, dest_dir):
    """File input (data: or http(s) URL) -> local path."""
    name = "input"
    if url.startswith("data:"):
        header, _, payload = url[5:].partition(",")
        if header.endswith(";base64"):
            content = base64.b64decode(payload)
        else:
            content = urllib.parse.unquote_to_bytes(payload)
        ext = _MIME.guess_extension(header.split(";")[0]) if header else None
        name += ext or ""
    else:
        base = os.path.basename(urllib.parse.urlsplit(url).path)
        if base:
            name = base
        ua = os.environ.get("COG_USER_AGENT", "cog-worker/%s fake" % COG_VERSION)
        req = urllib.request.Request(url, headers={"User-Agent": ua})
        with urllib.request.urlopen(req, timeout=30) as resp:
            content = resp.read()
    path = os.path.join(dest_dir, name)
    with open(path, "wb") as f:
        f.write(content)
    return path


# ---------------------------------------------------------------------------------------
# Predictions.

class Prediction:
    def __init__(self, server, req, respond_async):
        self.server = server
        self.id = req["id"]
        self.values = req["values"]
        self.echo = req["echo"]
        self.created_at = req["created_at"]
        self.webhook = req["webhook"]
        self.events = set(req["events"])
        self.output_file_prefix = req["output_file_prefix"]
        self.trace_headers = req.get("trace_headers", {})
        self.respond_async = respond_async
        # Uploads happen for async predictions only (Cog ignores --upload-url for sync ones).
        self.upload_url = server.upload_url if respond_async else None
        self.output = None
        self.logs = ""
        self.error = None
        self.status = "processing"
        self.started_at = now_utc()
        self.completed_at = None
        self.metrics = None
        self.upload_failed = False
        self.cancel_event = threading.Event()
        self.done = threading.Event()  # the prediction is over (or the worker died)
        self.dead = False
        self.last_webhook = 0.0
        self.tmpdir = tempfile.mkdtemp(prefix="pred-", dir=server.tmproot)
        self.hook_queue = queue.Queue() if self.webhook else None

    # -- serialisation --------------------------------------------------------------
    def _render_output(self, value):
        if isinstance(value, FileOutput):
            return value.path
        if isinstance(value, list):
            return [self._render_output(v) for v in value]
        return value

    def full(self):
        return {"input": self.echo, "output": self._render_output(self.output), "id": self.id,
                "version": None, "created_at": iso(self.created_at), "started_at": iso(self.started_at),
                "completed_at": iso(self.completed_at), "logs": self.logs, "error": self.error,
                "status": self.status, "metrics": self.metrics}

    def for_webhook(self):
        # Only the fields Cog has set (pydantic exclude_unset).
        d = {"input": self.echo, "output": self._render_output(self.output), "id": self.id,
             "created_at": iso(self.created_at), "started_at": iso(self.started_at)}
        if self.completed_at is not None:
            d["completed_at"] = iso(self.completed_at)
        d["logs"] = self.logs
        if self.error is not None:
            d["error"] = self.error
        d["status"] = self.status
        if self.metrics is not None:
            d["metrics"] = self.metrics
        return d

    # -- webhooks (caller holds server.lock) ------------------------------------------
    def event(self, name):
        if self.hook_queue is None or self.dead:
            return
        if self.upload_failed and name != "completed":
            return  # already reported as failed; only the final update follows
        terminal = self.status in TERMINAL
        wanted = "completed" if terminal else name
        if wanted not in self.events:
            return
        nowm = time.monotonic()
        if not terminal and nowm - self.last_webhook < self.server.throttle:
            return  # dropped: a later update carries the accumulated state
        self.last_webhook = nowm
        self.hook_queue.put((webhook_json(self.for_webhook()), terminal))

    def start_webhook_sender(self):
        if self.hook_queue is None:
            return
        threading.Thread(target=self._send_hooks, daemon=True).start()

    def _send_hooks(self):
        headers = {"User-Agent": WEBHOOK_USER_AGENT, "Content-Type": "application/json"}
        token = os.environ.get("WEBHOOK_AUTH_TOKEN")
        if token:
            headers["Authorization"] = "Bearer " + token
        headers.update(self.trace_headers)
        while True:
            item = self.hook_queue.get()
            if item is None:
                return
            body, terminal = item
            attempts = 7 if terminal else 1
            for attempt in range(attempts):
                try:
                    status, _, _ = http_request("POST", self.webhook, body, headers, timeout=10)
                    if status not in RETRY_STATUSES:
                        break
                except OSError:
                    pass
                if attempt + 1 < attempts:
                    time.sleep(min(0.1 * (2 ** attempt), 2.0))

    def finish_webhooks(self):
        if self.hook_queue is not None:
            self.hook_queue.put(None)


class Ctx:
    """What a predictor function sees."""

    def __init__(self, pred):
        self.pred = pred

    def check(self):
        if self.pred.cancel_event.is_set():
            raise Canceled()

    def log(self, text):
        self.check()
        srv = self.pred.server
        log_out(text)
        with srv.lock:
            self.pred.logs += text
            self.pred.event("logs")

    def sleep(self, seconds):
        if self.pred.cancel_event.wait(max(0.0, seconds)):
            raise Canceled()

    def write_file(self, name, content):
        path = os.path.join(self.pred.tmpdir, name)
        with open(path, "wb") as f:
            f.write(content)
        return FileOutput(path)


def format_traceback(exc):
    lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
    text = "".join(lines)
    return "".join(l.strip() + "\n" for l in text.splitlines() if l.strip())


class FakeCog:
    def __init__(self, spec, upload_url, await_explicit_shutdown):
        self.spec = spec
        self.upload_url = upload_url
        self.await_explicit_shutdown = await_explicit_shutdown
        self.throttle = float(os.environ.get("COG_THROTTLE_RESPONSE_INTERVAL", "0.5"))
        self.slots = max(1, int(os.environ.get("COG_MAX_CONCURRENCY", "1")))
        self.setup_seconds = float(os.environ.get("FAKE_COG_SETUP_SECONDS", "0.2"))
        self.exit_delay = float(os.environ.get("FAKE_COG_EXIT_DELAY", "0.3"))
        self.lock = threading.RLock()
        self.health = "STARTING"
        self.setup = {}
        self.running = []  # in-flight Predictions
        self.tmproot = tempfile.mkdtemp(prefix="fake-cog-")

    # -- lifecycle -------------------------------------------------------------------
    def exit(self, code):
        shutil.rmtree(self.tmproot, ignore_errors=True)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)

    def exit_later(self, code, delay):
        def go():
            time.sleep(delay)
            self.exit(code)
        threading.Thread(target=go, daemon=True).start()

    def run_setup(self):
        started = now_utc()
        with self.lock:
            self.setup = {"started_at": iso(started), "completed_at": None, "logs": "", "status": None}
        logs = []

        def log(text, stderr=False):
            log_out(text, sys.stderr if stderr else sys.stdout)
            logs.append(text)

        try:
            (self.spec.setup or setup_plain)(log, self.setup_seconds)
            ok = True
        except Exception as e:  # the predictor's setup() raised
            logs.append(format_traceback(e))
            logs.append("cog.server.exceptions.FatalWorkerException: Predictor errored during setup: %s\n" % e)
            log_out(logs[-2] + logs[-1], sys.stderr)
            ok = False
        with self.lock:
            self.setup = {"started_at": iso(started), "completed_at": iso(now_utc()),
                          "logs": "".join(logs), "status": "succeeded" if ok else "failed"}
            self.health = "READY" if ok else "SETUP_FAILED"
        if not ok and not self.await_explicit_shutdown:
            self.exit_later(255, self.exit_delay)

    def health_doc(self):
        with self.lock:
            status = self.health
            if status == "READY" and len(self.running) >= self.slots:
                status = "BUSY"
            if self.health == "STARTING":
                return {"status": status, "setup": {}}
            return {"status": status, "setup": dict(self.setup)}

    def go_defunct(self):
        with self.lock:
            if self.health == "DEFUNCT":
                return
            self.health = "DEFUNCT"
            victims = list(self.running)
            self.running = []
            for p in victims:
                p.dead = True
                p.cancel_event.set()
                p.done.set()
                p.finish_webhooks()
        log_out("fake-cog: worker died; server is DEFUNCT\n", sys.stderr)
        if not self.await_explicit_shutdown:
            self.exit_later(255, self.exit_delay)

    # -- predictions -----------------------------------------------------------------
    def find(self, pid):
        for p in self.running:
            if p.id is not None and p.id == pid:
                return p
        return None

    def start(self, req, respond_async, idempotent):
        """Returns (kind, payload): ("409"|"500"|"dup"|"started", prediction-or-None)."""
        with self.lock:
            if self.health == "STARTING":
                return "409", None
            if self.health != "READY":
                return "500", None
            busy = len(self.running) >= self.slots
            existing = self.find(req["id"]) if req["id"] is not None else None
            if idempotent and busy and existing is not None:
                return "dup", existing
            if busy:
                return "409", None
            if existing is not None:
                # Cog (concurrency > 1): a second run with the same id is an internal error.
                return "500", None
            pred = Prediction(self, req, respond_async)
            self.running.append(pred)
            pred.start_webhook_sender()
            if self.throttle >= 0.1:
                pred.event("start")
        threading.Thread(target=self._run, args=(pred,), daemon=True).start()
        return "started", pred

    def _upload(self, pred, fo):
        url = (self.upload_url if self.upload_url.endswith("/") else self.upload_url + "/") \
            + urllib.parse.quote(fo.name)
        mime, _ = _MIME.guess_type(fo.name)
        headers = {"User-Agent": WEBHOOK_USER_AGENT}
        if mime:
            headers["Content-Type"] = mime
        if pred.id is not None:
            headers["X-Prediction-ID"] = pred.id
        headers.update(pred.trace_headers)
        with open(fo.path, "rb") as f:
            content = f.read()
        last = None
        for attempt in range(4):
            try:
                status, rh, _ = http_request("PUT", url, content, headers, timeout=15)
                if 200 <= status < 300:
                    return strip_query(rh.get("location") or url)
                last = "HTTP %d" % status
                if status not in RETRY_STATUSES + (408,):
                    break
            except OSError as e:
                last = str(e)
            if attempt < 3:
                time.sleep(0.1 * (2 ** attempt))
        raise OSError("upload of %s failed: %s" % (url, last))

    def _deliver(self, pred, value):
        """Applies --upload-url to one output value (async only). Returns the stored value."""
        if pred.upload_url is None:
            return value
        if isinstance(value, FileOutput):
            return self._upload(pred, value)
        if isinstance(value, list):
            return [self._deliver(pred, v) for v in value]
        return value

    def _upload_failed(self, pred):
        # Cog reports the failure as a terminal "failed" update, but the prediction keeps
        # running and later sends a second terminal update ("succeeded", error kept).
        with self.lock:
            pred.upload_failed = True
            pred.error = "Cog: Got error trying to upload output files"
            pred.status = "failed"
            pred.completed_at = now_utc()
            pred.event("completed")

    def _run(self, pred):
        ctx = Ctx(pred)
        outcome = "succeeded"
        try:
            values = dict(pred.values)
            for f in self.spec.fields:
                if f.kind == "path" and values.get(f.name) is not None:
                    values[f.name] = download_input(values[f.name], pred.tmpdir)
            if self.spec.iterator:
                with self.lock:
                    pred.output = []
                for item in self.spec.fn(ctx, **values):
                    ctx.check()
                    if pred.upload_failed:
                        continue
                    try:
                        item = self._deliver(pred, item)
                    except OSError:
                        self._upload_failed(pred)
                        continue
                    with self.lock:
                        pred.output.append(item)
                        pred.event("output")
            else:
                result = self.spec.fn(ctx, **values)
                if not isinstance(result, FileOutput) and not result:
                    result = None  # Cog drops falsy return values (0, "", False, [])
                if isinstance(result, tuple):
                    result = list(result)
                if result is not None:
                    try:
                        result = self._deliver(pred, result)
                    except OSError:
                        self._upload_failed(pred)
                        result = None
                    with self.lock:
                        pred.output = result
        except Canceled:
            outcome = "canceled"
        except WorkerDied:
            self.go_defunct()
            return
        except Exception as e:
            outcome = "failed"
            tb = format_traceback(e)
            log_out(tb, sys.stderr)
            with self.lock:
                pred.logs += tb
                pred.error = str(e)
        with self.lock:
            if pred.dead:
                return
            pred.status = outcome
            pred.completed_at = now_utc()
            if outcome == "succeeded":
                pred.metrics = {"predict_time": (pred.completed_at - pred.started_at).total_seconds()}
            if pred in self.running:
                self.running.remove(pred)
            pred.event("completed")
            pred.finish_webhooks()
            pred.done.set()

    def cancel(self, pid):
        with self.lock:
            p = self.find(pid)
            if p is None:
                return False
            p.cancel_event.set()
            return True

    def sync_output(self, pred, value):
        """Files in a sync response: data URIs, or multipart PUT to output_file_prefix."""
        if isinstance(value, list):
            return [self.sync_output(pred, v) for v in value]
        if not isinstance(value, FileOutput):
            return value
        if pred.output_file_prefix is None:
            return data_uri(value.path)
        url = pred.output_file_prefix + value.name
        boundary = os.urandom(16).hex()
        with open(value.path, "rb") as f:
            content = f.read()
        body = (("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n\r\n"
                 % (boundary, value.name)).encode() + content + ("\r\n--%s--\r\n" % boundary).encode())
        status, _, _ = http_request("PUT", url, body, {
            "User-Agent": "python-requests/2.28.1",
            "Content-Type": "multipart/form-data; boundary=%s" % boundary}, timeout=5)
        if not 200 <= status < 300:
            raise OSError("output_file_prefix upload failed: HTTP %d" % status)
        return url

    # -- documents -------------------------------------------------------------------
    def discovery(self):
        return {"cog_version": COG_VERSION, "docs_url": "/docs", "openapi_url": "/openapi.json",
                "shutdown_url": "/shutdown", "healthcheck_url": "/health-check",
                "predictions_url": "/predictions",
                "predictions_idempotent_url": "/predictions/{prediction_id}",
                "predictions_cancel_url": "/predictions/{prediction_id}/cancel"}

    def openapi(self):
        return build_openapi(self.spec)


# ---------------------------------------------------------------------------------------
# OpenAPI document, shaped like FastAPI 0.92 + pydantic 1.10 output for a Cog predictor.

def _json_response(ref_or_title, ref=True):
    schema = {"$ref": "#/components/schemas/" + ref_or_title} if ref else {"title": ref_or_title}
    return {"description": "Successful Response", "content": {"application/json": {"schema": schema}}}


_VALIDATION_RESPONSE = {"description": "Validation Error", "content": {"application/json": {
    "schema": {"$ref": "#/components/schemas/HTTPValidationError"}}}}
_PREFER_PARAM = {"required": False, "schema": {"title": "Prefer", "type": "string"},
                 "name": "prefer", "in": "header"}
_ID_PARAM = {"required": True, "schema": {"title": "Prediction ID", "type": "string"},
             "name": "prediction_id", "in": "path"}


def _dt_prop(title):
    return {"title": title, "type": "string", "format": "date-time"}


def build_openapi(spec):
    props, required, enums = {}, [], {}
    for i, f in enumerate(spec.fields):
        props[f.name] = f.schema(i)
        if f.required:
            required.append(f.name)
        if f.choices is not None:
            enums[f.name] = f.enum_component()
    input_schema = {"title": "Input"}
    if required:
        input_schema["required"] = required
    input_schema.update({"type": "object", "properties": props})

    schemas = {
        "HTTPValidationError": {"title": "HTTPValidationError", "type": "object", "properties": {
            "detail": {"title": "Detail", "type": "array",
                       "items": {"$ref": "#/components/schemas/ValidationError"}}}},
        "Input": input_schema,
        "Output": json.loads(json.dumps(spec.output_schema)),
        "PredictionRequest": {"title": "PredictionRequest", "type": "object", "properties": {
            "input": {"$ref": "#/components/schemas/Input"},
            "id": {"title": "Id", "type": "string"},
            "created_at": _dt_prop("Created At"),
            "context": {"title": "Context", "type": "object", "additionalProperties": {"type": "string"}},
            "output_file_prefix": {"title": "Output File Prefix", "type": "string"},
            "webhook": {"title": "Webhook", "maxLength": 65536, "minLength": 1, "type": "string",
                        "format": "uri"},
            "webhook_events_filter": {"type": "array", "items": {"$ref": "#/components/schemas/WebhookEvent"},
                                      "default": list(ALL_EVENTS)}}},
        "PredictionResponse": {"title": "PredictionResponse", "type": "object", "properties": {
            "input": {"$ref": "#/components/schemas/Input"},
            "output": {"$ref": "#/components/schemas/Output"},
            "id": {"title": "Id", "type": "string"},
            "version": {"title": "Version", "type": "string"},
            "created_at": _dt_prop("Created At"),
            "started_at": _dt_prop("Started At"),
            "completed_at": _dt_prop("Completed At"),
            "logs": {"title": "Logs", "type": "string", "default": ""},
            "error": {"title": "Error", "type": "string"},
            "status": {"$ref": "#/components/schemas/Status"},
            "metrics": {"title": "Metrics", "type": "object"}}},
        "Status": {"title": "Status", "enum": ["starting", "processing", "succeeded", "canceled", "failed"],
                   "type": "string", "description": "An enumeration."},
        "ValidationError": {"title": "ValidationError", "required": ["loc", "msg", "type"], "type": "object",
                            "properties": {
                                "loc": {"title": "Location", "type": "array", "items": {
                                    "anyOf": [{"type": "string"}, {"type": "integer"}]}},
                                "msg": {"title": "Message", "type": "string"},
                                "type": {"title": "Error Type", "type": "string"}}},
        "WebhookEvent": {"title": "WebhookEvent", "enum": list(ALL_EVENTS), "type": "string",
                         "description": "An enumeration."},
    }
    schemas.update(enums)
    paths = {
        "/shutdown": {"post": {"summary": "Start Shutdown", "operationId": "start_shutdown_shutdown_post",
                               "responses": {"200": _json_response("Response Start Shutdown Shutdown Post", False)}}},
        "/": {"get": {"summary": "Root", "operationId": "root__get",
                      "responses": {"200": _json_response("Response Root  Get", False)}}},
        "/health-check": {"get": {"summary": "Healthcheck", "operationId": "healthcheck_health_check_get",
                                  "responses": {"200": _json_response("Response Healthcheck Health Check Get",
                                                                      False)}}},
        "/predictions": {"post": {
            "summary": "Predict", "description": "Run a single prediction on the model",
            "operationId": "predict_predictions_post", "parameters": [_PREFER_PARAM],
            "requestBody": {"content": {"application/json": {"schema": {
                "$ref": "#/components/schemas/PredictionRequest"}}}},
            "responses": {"200": _json_response("PredictionResponse"), "422": _VALIDATION_RESPONSE}}},
        "/predictions/{prediction_id}": {"put": {
            "summary": "Predict Idempotent",
            "description": "Run a single prediction on the model (idempotent creation).",
            "operationId": "predict_idempotent_predictions__prediction_id__put",
            "parameters": [_ID_PARAM, _PREFER_PARAM],
            "requestBody": {"content": {"application/json": {"schema": {
                "title": "Prediction Request",
                "allOf": [{"$ref": "#/components/schemas/PredictionRequest"}]}}}, "required": True},
            "responses": {"200": _json_response("PredictionResponse"), "422": _VALIDATION_RESPONSE}}},
        "/predictions/{prediction_id}/cancel": {"post": {
            "summary": "Cancel", "description": "Cancel a running prediction",
            "operationId": "cancel_predictions__prediction_id__cancel_post", "parameters": [_ID_PARAM],
            "responses": {"200": _json_response("Response Cancel Predictions  Prediction Id  Cancel Post", False),
                          "422": _VALIDATION_RESPONSE}}},
    }
    return {"openapi": "3.0.2", "info": {"title": "Cog", "version": "0.1.0"}, "paths": paths,
            "components": {"schemas": {k: schemas[k] for k in sorted(schemas)}}}


# ---------------------------------------------------------------------------------------
# HTTP front end.

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "uvicorn"
    cog = None  # FakeCog, set in main()

    def version_string(self):
        return "uvicorn"

    def setup(self):
        super().setup()
        # As uvicorn does: without it, a response written as head then body waits for the
        # client's delayed ACK (~40 ms) on a kept-alive connection.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, fmt, *args):
        if os.environ.get("FAKE_COG_ACCESS_LOG") == "1":
            sys.stderr.write("fake-cog: %s %s\n" % (self.address_string(), fmt % args))

    # -- I/O helpers -----------------------------------------------------------------
    def read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline().strip():
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n > 0 else b""

    def send(self, code, body, ctype="application/json"):
        if not isinstance(body, bytes):
            body = compact_json(body)
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.wfile.flush()

    def send_500(self):
        self.send(500, b"Internal Server Error", "text/plain; charset=utf-8")

    # -- routing ---------------------------------------------------------------------
    def route(self):
        path = urllib.parse.urlsplit(self.path).path
        parts = [urllib.parse.unquote(p) for p in path.split("/")[1:]] if path != "/" else []
        m = self.command
        if not parts:
            return ("GET", self.h_root)
        if parts == ["health-check"]:
            return ("GET", self.h_health)
        if parts == ["openapi.json"]:
            return ("GET", self.h_openapi)
        if parts == ["docs"]:
            return ("GET", self.h_docs)
        if parts == ["shutdown"]:
            return ("POST", self.h_shutdown)
        if parts == ["predictions"]:
            return ("POST", lambda: self.h_predict(None))
        if len(parts) == 2 and parts[0] == "predictions" and parts[1]:
            return ("PUT", lambda: self.h_predict(parts[1]))
        if len(parts) == 3 and parts[0] == "predictions" and parts[1] and parts[2] == "cancel":
            return ("POST", lambda: self.h_cancel(parts[1]))
        return (None, None)

    def dispatch(self):
        method, fn = self.route()
        body = self.read_body()
        if fn is None:
            return self.send(404, {"detail": "Not Found"})
        if method != self.command and not (method == "GET" and self.command == "HEAD"):
            return self.send(405, {"detail": "Method Not Allowed"})
        self.body = body
        try:
            fn()
        except (BrokenPipeError, ConnectionResetError):
            raise
        except Exception:
            traceback.print_exc()
            self.send_500()

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = dispatch

    # -- endpoints -------------------------------------------------------------------
    def h_root(self):
        self.send(200, self.cog.discovery())

    def h_health(self):
        self.send(200, self.cog.health_doc())

    def h_openapi(self):
        self.send(200, self.cog.openapi())

    def h_docs(self):
        self.send(200, b"<!DOCTYPE html><title>Cog</title><p>See /openapi.json</p>",
                  "text/html; charset=utf-8")

    def h_shutdown(self):
        self.send(200, {})
        self.cog.exit_later(0, 0.05)

    def h_cancel(self, pid):
        if self.cog.cancel(pid):
            self.send(200, {})
        else:
            self.send(404, {})

    def h_predict(self, url_id):
        cog = self.cog
        body = None
        if self.body.strip():
            try:
                body = json.loads(self.body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as e:
                pos = getattr(e, "pos", 0)
                detail = {"loc": ["body", pos], "msg": str(e), "type": "value_error.jsondecode"}
                if isinstance(e, json.JSONDecodeError):
                    detail["ctx"] = {"msg": e.msg, "doc": e.doc, "pos": e.pos, "lineno": e.lineno,
                                     "colno": e.colno}
                return self.send(422, {"detail": [detail]})
        req, errors = validate_request(cog.spec, body)
        if errors:
            return self.send(422, {"detail": errors})
        if url_id is not None:
            if req["id"] is not None and req["id"] != url_id:
                return self.send(422, {"detail": [{"loc": ["body", "id"],
                                                   "msg": "prediction ID must match the ID supplied in the URL",
                                                   "type": "value_error"}]})
            req["id"] = url_id
        req["trace_headers"] = {k: self.headers[k] for k in ("traceparent", "tracestate") if self.headers.get(k)}
        respond_async = self.headers.get("Prefer") == "respond-async"
        kind, pred = cog.start(req, respond_async, idempotent=url_id is not None)
        if kind == "409":
            return self.send(409, {"detail": "Already running a prediction"})
        if kind == "500":
            return self.send_500()
        if kind == "dup":
            with cog.lock:
                snapshot = pred.full()
            return self.send(202, snapshot)
        if respond_async:
            with cog.lock:
                snapshot = pred.full()
            return self.send(202, snapshot)
        pred.done.wait()
        if pred.dead:
            return self.send_500()
        with cog.lock:
            result = pred.full()
            raw_output = pred.output
        result["output"] = cog.sync_output(pred, raw_output)
        self.send(200, result)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64


def main(argv=None):
    ap = argparse.ArgumentParser(description="Fake Cog prediction server (cog <= 0.16 protocol)")
    ap.add_argument("--predictor", required=True, choices=sorted(PREDICTORS))
    ap.add_argument("--host", default="0.0.0.0")
    ap.add_argument("--upload-url", default=None)
    ap.add_argument("--await-explicit-shutdown", default="false")
    ap.add_argument("--threads", default=None, help="accepted and ignored, as in Cog")
    ap.add_argument("--x-mode", default="predict", choices=["predict"])
    args = ap.parse_args(argv)

    await_flag = str(args.await_explicit_shutdown).lower() in ("true", "1", "yes")
    cog = FakeCog(PREDICTORS[args.predictor](), args.upload_url, await_flag)
    Handler.cog = cog
    port = int(os.environ.get("PORT", "5000"))
    httpd = Server((args.host, port), Handler)

    def on_term(signum, frame):
        if not cog.await_explicit_shutdown:
            cog.exit(0)

    signal.signal(signal.SIGTERM, on_term)
    # SIGINT always stops the server (installed explicitly: a background job may inherit
    # SIGINT as ignored).
    signal.signal(signal.SIGINT, lambda signum, frame: cog.exit(0))
    log_out("fake-cog: predictor %s listening on http://%s:%d\n"
            % (args.predictor, args.host, httpd.server_address[1]))
    threading.Thread(target=cog.run_setup, daemon=True).start()
    try:
        httpd.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    cog.exit(0)


if __name__ == "__main__":
    main()
