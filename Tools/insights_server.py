#!/usr/bin/env python3
"""Local replay server for the Elexon Insights API, with fault injection.

Standard library only (Python 3.11+; .zst files need the ``zstd`` CLI).  Used
by the bmrs Swift test suite and benchmarks: it replays genuine Insights API
response bodies (FUELHH, FUELINST, ...) from fixture files and injects faults
on demand.

Command line
------------

    python3 Tools/insights_server.py --data Tests/Fixtures/FUELHH_2018.json.zst \
        [--data MORE.json|.json.gz|.json.zst ...] [--port 0] [--base /bmrs/api/v1] \
        [--csv-newest-first] [--verbose] [--ignore-stdin]

Binds 127.0.0.1 only.  Prints exactly one line ``LISTENING <port>`` to stdout
(flushed) once it is ready, and nothing else on stdout.  Exits with status 0
when its stdin reaches end-of-file, on SIGTERM or on SIGINT.  The caller must
therefore give it a pipe as stdin and keep the write end open (with
/dev/null as stdin it exits at once); ``--ignore-stdin`` turns that off for
running by hand.  Requests are logged to stderr only with ``--verbose``.

Each data file is ``{"data":[rows]}`` or a bare array of rows; each row's
``dataset`` field says which dataset it belongs to.  FUELHH and FUELINST
always exist (empty without data).  Rows are kept in file order; a request
returns the rows of the selected settlement dates, day by day, each day's rows
in file order (several files for one dataset are merged day by day, ties in
--data order; nothing is de-duplicated).  Startup pre-serialises each day so a
response is a join of byte strings.

Data endpoints (under ``--base``, default empty)
------------------------------------------------

    GET {base}/datasets/{DATASET}?settlementDateFrom=YYYY-MM-DD&settlementDateTo=YYYY-MM-DD[&format=json|csv]
        -> 200 {"data":[...]} compact JSON, input key order  (application/json)
        -> format=csv: header from the row keys with the first letter upper-cased
           (Dataset,PublishTime,StartTime,SettlementDate,SettlementPeriod,FuelType,Generation),
           one line per row, "\n" line ends                 (text/csv)
    GET {base}/datasets/{DATASET}/stream?...   -> 200 bare JSON array (format ignored)

* Dataset names and query parameter names are case-insensitive (ASP.NET
  style); unknown parameters are ignored; the first of a repeated one wins.
* If settlementDateFrom or settlementDateTo is missing (e.g. misspelt) the
  rows of the dataset's latest settlement date are returned.
* A date that is not a valid YYYY-MM-DD, from > to, or a format other than
  json/csv -> 400 ``{"type":..,"title":"One or more validation errors
  occurred.","status":400,"traceId":..,"errors":{"<param>":["..."]}}``.
* Unknown dataset or path -> 404 ``{"type":..,"title":"Not Found","status":404,"traceId":..}``.
* HTTP/1.1 keep-alive, always a correct Content-Length (except the cut fault).
  ``Accept-Encoding: gzip`` (q > 0) -> gzip body + ``Content-Encoding: gzip``.

Control endpoints (at the root, and also under ``--base``; not counted in stats)
---------------------------------------------------------------------------

    POST /_control/faults  {"rules":[...]} -> 200 {"ok":true,"rules":N}; 400 {"error":"..."} if invalid
                           (replaces the rules and their counters; stats are kept)
    GET  /_control/faults  -> {"rules":[{...rule as given..., "index":i, "seen":n, "fired":n}]}
    POST /_control/reset   -> {"ok":true}   (no rules, all statistics zeroed; requests in flight are not
                           counted when they finish, and a ``slow`` one answers at once)
    GET  /_control/wait?faults=N&timeout=S -> 200 {"faults_injected":n} once N faults were injected since
                           the last reset (a fault is injected when its request arrives); 408 after S seconds
                           [30].  Lets a test wait for a request to reach the server without sleeping.
    GET  /_control/stats   -> {"requests":N, "by_path":{"/datasets/FUELHH":N,...},
                               "faults_injected":N, "by_fault":{"status":N,...},
                               "log":[{"path","query","status","fault","rule"},...]}

``requests``/``by_path``/``log`` count every non-control request (404s
too), in completion order; ``status`` is the status sent (the header's status
for ``cut``; null for ``drop``); ``fault``/``rule`` are the kind and index of
the rule applied, or null.

Fault rules
-----------

    {"fault": KIND, "match": {...}, "times": N, "every": K, "probability": p,
     "seed": s, "headers": {"Name": "value"}, "name": "label", ...kind fields}

Faults are only considered for requests to an existing dataset route.
``match`` keys (all optional, all given must hold): ``dataset`` (case-
insensitive), ``from`` / ``to`` (the raw settlementDateFrom/To strings; null
matches a request without the parameter), ``stream`` (bool), ``format``
("json", "csv" or "stream").  Rules are tried in order; a rule *sees* a
request when its match holds and no earlier rule fired for it.  For the k-th
request a rule sees it fires iff (no ``every`` or k % every == 0) and (no
``probability`` or the k-th draw of random.Random(seed) < p; one draw per
seen request, seed defaults to 0) and (no ``times`` or it fired < times
times).  At most one fault per request.  Unknown fields are rejected (400).

KINDs and their fields (defaults in brackets):
  status        status [500]: that status with a JSON problem body
  retry_after   retry_after (alias value) ["1"]: sent verbatim as Retry-After; status [429]
  slow          delay seconds [1.0], then the normal answer
  cut           bytes [0]: full Content-Length, only the first `bytes` body bytes
                (of the gzip-encoded body if gzip), then close; rst [false] = close with RST
  truncate      bytes [0]: body (before gzip) cut after `bytes`, Content-Length matches
  html          status [502]: text/html gateway error page
  ignore_params answer as if the dates were absent (latest day)
  duplicate_rows every row appears twice, adjacently (r1,r1,r2,r2,...)
  restate       delta [0] added to generation, publish_time [now, UTC] set as
                publishTime, for the rows matching rows {field: value|[values]} [all]
  invalid_json  200 application/json `{"data":[{"dataset":"<DS>",` + garbage
  empty         200 {"data":[]} (stream: [], csv: header only)
  drop          close the connection without any response; rst [false]
``cut`` and ``truncate`` never send the whole body (bytes is clamped to
length - 1).  ``headers`` adds response headers to any fault response.
"""

from __future__ import annotations

import argparse
import csv
import datetime as _dt
import gzip
import io
import json
import os
import random
import re
import signal
import socket
import socketserver
import struct
import subprocess
import sys
import threading
import time
import traceback
from collections import OrderedDict
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

DEFAULT_DATASETS = ("FUELHH", "FUELINST")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
GZIP_LEVEL = 5
LOG_LIMIT = 100_000
GZIP_CACHE_ENTRIES = 512


# --------------------------------------------------------------------------
# Data loading and per-day pre-serialisation
# --------------------------------------------------------------------------


def _compact(obj) -> bytes:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def read_data_file(path: str) -> list:
    """Return the list of rows in a .json, .json.gz or .json.zst file.

    The file holds either an Insights response ``{"data": [...]}`` or a bare
    JSON array of rows (the ``/stream`` shape).
    """
    if path.endswith(".zst"):
        proc = subprocess.run(["zstd", "-dc", "--long=31", "--", path], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, check=False)
        if proc.returncode != 0:
            raise SystemExit(f"insights_server: zstd -dc {path} failed: "
                             f"{proc.stderr.decode(errors='replace').strip()}")
        raw = proc.stdout
    elif path.endswith(".gz"):
        with gzip.open(path, "rb") as fh:
            raw = fh.read()
    else:
        with open(path, "rb") as fh:
            raw = fh.read()
    doc = json.loads(raw)
    del raw
    if isinstance(doc, dict):
        rows = doc.get("data")
    else:
        rows = doc
    if not isinstance(rows, list):
        raise SystemExit(f"insights_server: {path}: expected {{\"data\":[...]}} or a JSON array")
    return rows


class Segment:
    """A maximal run of consecutive rows (in file order) sharing one settlementDate."""

    __slots__ = ("date", "json", "count", "keys", "_csv", "_csv_rev")

    def __init__(self, date: str, rows: list):
        self.date = date
        self.count = len(rows)
        self.keys = list(rows[0].keys())
        # Serialise the whole run at once (C encoder), drop the brackets:
        # the result is the rows' compact JSON joined by commas.
        self.json = _compact(rows)[1:-1]
        self._csv = None
        self._csv_rev = None

    def rows(self) -> list:
        return json.loads(b"[" + self.json + b"]")

    def csv_lines(self, reverse: bool = False) -> bytes:
        # Built on first use and cached (a benign race: same value either way).
        if reverse:
            c = self._csv_rev
            if c is None:
                c = self._csv_rev = csv_rows_bytes(self.rows()[::-1])
            return c
        c = self._csv
        if c is None:
            c = self._csv = csv_rows_bytes(self.rows())
        return c


class Dataset:
    def __init__(self, name: str):
        self.name = name
        self.segments: list[Segment] = []
        self.latest: str | None = None
        self.rows = 0

    def add_rows(self, rows: list) -> None:
        run: list = []
        run_date = None
        for row in rows:
            d = row.get("settlementDate")
            if not isinstance(d, str):
                raise SystemExit(f"insights_server: row without settlementDate: {row!r}")
            if d != run_date and run:
                self._append(run_date, run)
                run = []
            run_date = d
            run.append(row)
        if run:
            self._append(run_date, run)

    def _append(self, date: str, rows: list) -> None:
        self.segments.append(Segment(date, rows))
        self.rows += len(rows)
        if self.latest is None or date > self.latest:
            self.latest = date

    def select(self, date_from: str, date_to: str) -> list[Segment]:
        return [s for s in self.segments if date_from <= s.date <= date_to]


def load_datasets(paths: list[str]) -> dict[str, Dataset]:
    datasets: dict[str, Dataset] = {name: Dataset(name) for name in DEFAULT_DATASETS}
    for path in paths:
        rows = read_data_file(path)
        by_ds: dict[str, list] = {}
        for row in rows:
            if not isinstance(row, dict):
                raise SystemExit(f"insights_server: {path}: row is not an object: {row!r}")
            ds = row.get("dataset")
            if not isinstance(ds, str) or not ds:
                raise SystemExit(f"insights_server: {path}: row without dataset: {row!r}")
            by_ds.setdefault(ds.upper(), []).append(row)
        del rows
        for name, ds_rows in by_ds.items():
            datasets.setdefault(name, Dataset(name)).add_rows(ds_rows)
    for ds in datasets.values():
        # Stable: one date-ordered file keeps its exact order; several files
        # are merged day by day, ties in --data order.
        ds.segments.sort(key=lambda seg: seg.date)
    return datasets


def csv_header(rows: list) -> list[str]:
    if rows:
        keys = list(rows[0].keys())
    else:
        keys = ["dataset", "publishTime", "startTime", "settlementDate",
                "settlementPeriod", "fuelType", "generation"]
    return keys


def _csv_cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def csv_rows_bytes(rows: list) -> bytes:
    if not rows:
        return b""
    keys = csv_header(rows)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    for r in rows:
        w.writerow([_csv_cell(r.get(k)) for k in keys])
    return buf.getvalue().encode("utf-8")


def csv_header_line(keys: list[str]) -> bytes:
    return (",".join(k[:1].upper() + k[1:] for k in keys) + "\n").encode("utf-8")


DEFAULT_CSV_HEADER = csv_header_line(csv_header([]))


# --------------------------------------------------------------------------
# Problem bodies (ASP.NET Core style, like the real API)
# --------------------------------------------------------------------------

_RFC_SECTIONS = {400: "6.5.1", 404: "6.5.4", 405: "6.5.5", 429: "6.5", 500: "6.6.1",
                 501: "6.6.2", 502: "6.6.3", 503: "6.6.4", 504: "6.6.5"}


def _trace_id() -> str:
    return "00-%032x-%016x-00" % (random.getrandbits(128), random.getrandbits(64))


def problem(status: int, title: str | None = None, **extra) -> bytes:
    if title is None:
        try:
            title = HTTPStatus(status).phrase
        except ValueError:
            title = "Error"
    section = _RFC_SECTIONS.get(status, "6.5" if status < 500 else "6.6")
    body = {"type": f"https://tools.ietf.org/html/rfc7231#section-{section}",
            "title": title, "status": status, "traceId": _trace_id()}
    body.update(extra)
    return _compact(body)


HTML_PAGE = """<!DOCTYPE html>
<html>
<head><title>{status} {phrase}</title></head>
<body>
<h1>{status} - {phrase}</h1>
<p>The server encountered a temporary error and could not complete your request.</p>
<p>Please try again in 30 seconds.</p>
<hr><center>Microsoft-Azure-Application-Gateway/v2</center>
</body>
</html>
"""


# --------------------------------------------------------------------------
# Fault rules
# --------------------------------------------------------------------------

FAULT_KINDS = {
    # kind: {field: (validator, default)}
    "status": {"status": ("status", 500)},
    "retry_after": {"retry_after": ("header", "1"), "value": ("header", None),
                    "status": ("status", 429)},
    "slow": {"delay": ("nonneg_number", 1.0)},
    "cut": {"bytes": ("nonneg_int", 0), "rst": ("bool", False)},
    "truncate": {"bytes": ("nonneg_int", 0)},
    "html": {"status": ("status", 502)},
    "ignore_params": {},
    "duplicate_rows": {},
    "restate": {"delta": ("number", 0), "publish_time": ("string", None),
                "rows": ("row_filter", None)},
    "invalid_json": {},
    "empty": {},
    "drop": {"rst": ("bool", False)},
}
COMMON_FIELDS = {"fault", "match", "times", "every", "probability", "seed", "headers", "name"}
MATCH_KEYS = {"dataset", "from", "to", "stream", "format"}


class RuleError(ValueError):
    pass


def _check(kind: str, field: str, value):
    where = f"{field}"
    if kind == "status":
        if not isinstance(value, int) or isinstance(value, bool) or not 200 <= value <= 599:
            raise RuleError(f"{where} must be an HTTP status code (200-599)")
        return value
    if kind == "header":
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise RuleError(f"{where} must be a string")
        value = str(value)
        if "\r" in value or "\n" in value:
            raise RuleError(f"{where} must not contain CR/LF")
        return value
    if kind in ("number", "nonneg_number"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise RuleError(f"{where} must be a number")
        if kind == "nonneg_number" and value < 0:
            raise RuleError(f"{where} must be >= 0")
        return value
    if kind == "nonneg_int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise RuleError(f"{where} must be an integer >= 0")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise RuleError(f"{where} must be true or false")
        return value
    if kind == "string":
        if not isinstance(value, str):
            raise RuleError(f"{where} must be a string")
        return value
    if kind == "row_filter":
        if not isinstance(value, dict):
            raise RuleError(f"{where} must be an object of row field -> value (or list of values)")
        return value
    raise AssertionError(kind)


class FaultRule:
    """One fault rule.

    A rule *sees* a request when its ``match`` filter matches it (and no
    earlier rule fired for that request).  For the k-th request a rule sees
    (k = 1, 2, ...) it fires iff all of:

      * ``every`` is absent or k % every == 0
      * ``probability`` is absent or the k-th draw of random.Random(seed) < p
        (one draw per seen request, so the pattern is a pure function of seed)
      * ``times`` is absent or the rule has fired fewer than ``times`` times.
    """

    def __init__(self, spec: dict, index: int):
        if not isinstance(spec, dict):
            raise RuleError(f"rule {index}: must be an object")
        kind = spec.get("fault")
        if kind not in FAULT_KINDS:
            raise RuleError(f"rule {index}: fault must be one of {sorted(FAULT_KINDS)}")
        fields = FAULT_KINDS[kind]
        unknown = set(spec) - COMMON_FIELDS - set(fields)
        if unknown:
            raise RuleError(f"rule {index} ({kind}): unknown field(s) {sorted(unknown)}")
        self.index = index
        self.kind = kind
        self.spec = spec
        self.name = spec.get("name")
        try:
            self.params = {}
            for f, (vkind, default) in fields.items():
                self.params[f] = _check(vkind, f, spec[f]) if f in spec else default
            match = spec.get("match") or {}
            if not isinstance(match, dict):
                raise RuleError("match must be an object")
            bad = set(match) - MATCH_KEYS
            if bad:
                raise RuleError(f"match: unknown key(s) {sorted(bad)}; allowed {sorted(MATCH_KEYS)}")
            self.match = dict(match)
            if "dataset" in self.match:
                self.match["dataset"] = str(self.match["dataset"]).upper()
            self.times = spec.get("times")
            if self.times is not None:
                _check("nonneg_int", "times", self.times)
            self.every = spec.get("every")
            if self.every is not None:
                _check("nonneg_int", "every", self.every)
                if self.every < 1:
                    raise RuleError("every must be >= 1")
            self.probability = spec.get("probability")
            if self.probability is not None:
                _check("number", "probability", self.probability)
                if not 0 <= self.probability <= 1:
                    raise RuleError("probability must be between 0 and 1")
            seed = spec.get("seed", 0)
            if isinstance(seed, bool) or not isinstance(seed, (int, str)):
                raise RuleError("seed must be an integer or a string")
            self.rng = random.Random(seed)
            headers = spec.get("headers") or {}
            if not isinstance(headers, dict):
                raise RuleError("headers must be an object of name -> value")
            self.headers = []
            for k, v in headers.items():
                if not re.fullmatch(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+", str(k)):
                    raise RuleError(f"headers: bad header name {k!r}")
                self.headers.append((str(k), _check("header", f"headers.{k}", v)))
        except RuleError as e:
            raise RuleError(f"rule {index} ({kind}): {e}") from None
        if kind == "retry_after" and self.params.get("value") is not None:
            self.params["retry_after"] = self.params["value"]
        self.seen = 0
        self.fired = 0

    def matches(self, req: "DataRequest") -> bool:
        m = self.match
        if "dataset" in m and m["dataset"] != req.dataset:
            return False
        if "from" in m and m["from"] != req.raw_from:
            return False
        if "to" in m and m["to"] != req.raw_to:
            return False
        if "stream" in m and bool(m["stream"]) != req.stream:
            return False
        if "format" in m and str(m["format"]).lower() != req.format_label:
            return False
        return True

    def decide(self) -> bool:
        """Called (under the state lock) for each request this rule sees."""
        self.seen += 1
        k = self.seen
        draw = self.rng.random() if self.probability is not None else None
        if self.every is not None and k % self.every != 0:
            return False
        if draw is not None and not draw < self.probability:
            return False
        if self.times is not None and self.fired >= self.times:
            return False
        self.fired += 1
        return True

    def describe(self) -> dict:
        d = dict(self.spec)
        d["index"] = self.index
        d["seen"] = self.seen
        d["fired"] = self.fired
        return d


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)
        self.rules: list[FaultRule] = []
        # Bumped by reset: requests that arrived before it are not recorded when they finish.
        self.generation = 0
        # Set (and replaced) by reset: wakes `slow` faults in flight.
        self.wake = threading.Event()
        self.reset_stats()

    def reset_stats(self):
        self.requests = 0
        self.by_path: dict[str, int] = {}
        self.faults_injected = 0
        self.by_fault: dict[str, int] = {}
        self.log: list[dict] = []

    def set_rules(self, specs) -> int:
        if isinstance(specs, dict):
            if set(specs) - {"rules"}:
                raise RuleError(f"unknown top-level key(s) {sorted(set(specs) - {'rules'})}; expected {{\"rules\": [...]}}")
            specs = specs.get("rules", [])
        if not isinstance(specs, list):
            raise RuleError("expected {\"rules\": [...]}")
        rules = [FaultRule(s, i) for i, s in enumerate(specs)]
        with self.lock:
            self.rules = rules
        return len(rules)

    def reset(self):
        with self.lock:
            self.rules = []
            self.reset_stats()
            self.generation += 1
            self.wake.set()
            self.wake = threading.Event()
            self.changed.notify_all()

    def wait_for_faults(self, count: int, timeout: float):
        """Waits until `count` faults were injected since the last reset; the number, or None on timeout."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while self.faults_injected < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.changed.wait(left)
            return self.faults_injected

    def pick_fault(self, req: "DataRequest") -> FaultRule | None:
        with self.lock:
            for rule in self.rules:
                if rule.matches(req) and rule.decide():
                    self.faults_injected += 1
                    self.by_fault[rule.kind] = self.by_fault.get(rule.kind, 0) + 1
                    self.changed.notify_all()
                    return rule
        return None

    def record(self, path: str, query: str, status, fault: FaultRule | None, generation: int | None = None):
        entry = {"path": path, "query": query, "status": status,
                 "fault": fault.kind if fault else None,
                 "rule": fault.index if fault else None}
        with self.lock:
            if generation is not None and generation != self.generation:
                return  # the request arrived before the last reset
            self.requests += 1
            self.by_path[path] = self.by_path.get(path, 0) + 1
            self.log.append(entry)
            if len(self.log) > LOG_LIMIT:
                del self.log[: len(self.log) - LOG_LIMIT]

    def stats(self) -> dict:
        with self.lock:
            return {"requests": self.requests, "by_path": dict(self.by_path),
                    "faults_injected": self.faults_injected,
                    "by_fault": dict(self.by_fault), "log": list(self.log)}

    def describe_rules(self) -> dict:
        with self.lock:
            return {"rules": [r.describe() for r in self.rules]}


# --------------------------------------------------------------------------
# Request handling
# --------------------------------------------------------------------------


class DataRequest:
    __slots__ = ("dataset", "stream", "params", "raw_from", "raw_to", "format_label")

    def __init__(self, dataset: str, stream: bool, params: dict):
        self.dataset = dataset
        self.stream = stream
        self.params = params
        self.raw_from = params.get("settlementdatefrom")
        self.raw_to = params.get("settlementdateto")
        self.format_label = "stream" if stream else (params.get("format") or "json").lower()


class Response:
    __slots__ = ("status", "ctype", "body", "headers", "cacheable")

    def __init__(self, status: int, ctype: str, body: bytes, headers=None, cacheable=None):
        self.status = status
        self.ctype = ctype
        self.body = body
        self.headers = list(headers or [])
        self.cacheable = cacheable


def _valid_date(s: str) -> bool:
    if not DATE_RE.match(s):
        return False
    try:
        _dt.date.fromisoformat(s)
    except ValueError:
        return False
    return True


def _validation_error(param: str, value: str, msg: str | None = None) -> Response:
    msg = msg or f"The value '{value}' is not valid for {param}."
    body = problem(400, "One or more validation errors occurred.", errors={param: [msg]})
    return Response(400, "application/json", body)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "InsightsReplay/1.0"
    sys_version = ""
    # set on the class by make_server()
    app: "App"

    # ---- plumbing ----------------------------------------------------------

    def setup(self):
        super().setup()
        try:
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass

    def version_string(self):
        return self.server_version

    def log_request(self, code="-", size="-"):
        fault = getattr(self, "_fault_label", None)
        if isinstance(code, HTTPStatus):
            code = code.value
        self.log_message('"%s" %s %s%s', self.requestline, str(code), str(size),
                         f" fault={fault}" if fault else "")

    def log_message(self, format, *args):  # noqa: A002 - BaseHTTPRequestHandler API
        if self.app.verbose:
            sys.stderr.write("insights_server: %s - %s\n" % (self.address_string(), format % args))
            sys.stderr.flush()

    def handle_one_request(self):
        try:
            super().handle_one_request()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, socket.timeout):
            self.close_connection = True

    def _read_body(self) -> bytes:
        n = self.headers.get("Content-Length")
        if n is None:
            return b""
        try:
            n = int(n)
        except ValueError:
            return b""
        return self.rfile.read(n) if n > 0 else b""

    def _accepts_gzip(self) -> bool:
        ae = self.headers.get("Accept-Encoding", "")
        for part in ae.split(","):
            bits = part.strip().split(";")
            if bits[0].strip().lower() not in ("gzip", "x-gzip"):
                continue
            q = 1.0
            for b in bits[1:]:
                b = b.strip()
                if b.lower().startswith("q="):
                    try:
                        q = float(b[2:])
                    except ValueError:
                        q = 0.0
            return q > 0
        return False

    def _send_raw(self, status: int, headers: list, body_parts, content_length: int | None,
                  send_bytes: int | None = None):
        """Write status line, headers and body in a single send.

        body_parts is a list of bytes objects.  If send_bytes is given only
        that many body bytes are written (the 'cut' fault).
        """
        self._record_pending(status)
        self.send_response_only(status)
        self.send_header("Date", self.date_time_string())
        self.send_header("Server", self.version_string())
        for k, v in headers:
            self.send_header(k, v)
        if content_length is not None:
            self.send_header("Content-Length", str(content_length))
        self._headers_buffer.append(b"\r\n")
        head = b"".join(self._headers_buffer)
        self._headers_buffer = []
        if send_bytes is None:
            data = b"".join([head, *body_parts])
        else:
            data = head + b"".join(body_parts)[:send_bytes]
        self.wfile.write(data)
        self.log_request(status, content_length if content_length is not None else "-")

    def _send_response(self, resp: Response, gzip_ok: bool, parts=None):
        body = resp.body if parts is None else None
        headers = [("Content-Type", resp.ctype)] + resp.headers
        encoded = None
        if gzip_ok and resp.status != 204:
            encoded = self._gzip(resp, parts)
            headers.append(("Content-Encoding", "gzip"))
            headers.append(("Vary", "Accept-Encoding"))
            out = [encoded]
            length = len(encoded)
        else:
            out = [body] if parts is None else parts
            length = len(body) if parts is None else sum(len(p) for p in parts)
        self._send_raw(resp.status, headers, out, length)

    def _gzip(self, resp: Response, parts) -> bytes:
        key = resp.cacheable
        cache = self.app.gzip_cache
        if key is not None:
            with self.app.cache_lock:
                hit = cache.get(key)
                if hit is not None:
                    cache.move_to_end(key)
                    return hit
        raw = resp.body if parts is None else b"".join(parts)
        enc = gzip.compress(raw, compresslevel=GZIP_LEVEL, mtime=0)
        if key is not None:
            with self.app.cache_lock:
                cache[key] = enc
                while len(cache) > GZIP_CACHE_ENTRIES:
                    cache.popitem(last=False)
        return enc

    def _json(self, status: int, obj) -> None:
        body = _compact(obj)
        self._send_raw(status, [("Content-Type", "application/json")], [body], len(body))

    # ---- verbs -------------------------------------------------------------

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def do_PUT(self):
        self._dispatch("PUT")

    def do_DELETE(self):
        self._dispatch("DELETE")

    def do_HEAD(self):
        self._dispatch("HEAD")

    def _dispatch(self, method: str):
        try:
            self._route(method)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True
        except Exception:  # pragma: no cover - keep serving, report the bug
            traceback.print_exc(file=sys.stderr)
            try:
                body = problem(500, detail="insights_server internal error")
                self._send_raw(500, [("Content-Type", "application/json")], [body], len(body))
            except OSError:
                pass
            self.close_connection = True

    def _route(self, method: str):
        app = self.app
        split = urlsplit(self.path)
        path = split.path
        query = split.query
        body = self._read_body()
        self._fault_label = None

        ctl = None
        if path.startswith("/_control/"):
            ctl = path[len("/_control/"):]
        elif app.base and path.startswith(app.base + "/_control/"):
            ctl = path[len(app.base + "/_control/"):]
        if ctl is not None:
            self._control(method, ctl.rstrip("/"), body, query)
            return

        rel = None
        if not app.base:
            rel = path
        elif path == app.base or path.startswith(app.base + "/"):
            rel = path[len(app.base):]
        parts = [p for p in (rel or "").split("/") if p] if rel is not None else None

        if (parts is None or len(parts) not in (2, 3) or parts[0].lower() != "datasets"
                or (len(parts) == 3 and parts[2].lower() != "stream")):
            body = problem(404)
            self._send_raw(404, [("Content-Type", "application/json")], [body], len(body))
            app.state.record(path, query, 404, None)
            return
        name = parts[1].upper()
        ds = app.datasets.get(name)
        if ds is None:
            body = problem(404)
            self._send_raw(404, [("Content-Type", "application/json")], [body], len(body))
            app.state.record(path, query, 404, None)
            return
        if method not in ("GET", "HEAD"):
            body = problem(405)
            self._send_raw(405, [("Content-Type", "application/json"), ("Allow", "GET")],
                           [body], len(body))
            app.state.record(path, query, 405, None)
            return

        params: dict[str, str] = {}
        for k, v in parse_qsl(query, keep_blank_values=True):
            params.setdefault(k.lower(), v)
        req = DataRequest(name, len(parts) == 3, params)
        generation = app.state.generation
        rule = app.state.pick_fault(req)
        self._fault_label = rule.kind if rule else None
        # Record the request before any byte of the answer leaves, so a client that has its response (or its
        # dropped connection) always finds the request in /_control/stats.
        self._pending_record = (path, query, rule, generation)
        if rule is not None and rule.kind == "drop":
            self.log_request("-", "-")
            self._record_pending(None)
        status = self._serve_data(method, ds, req, rule)
        self._record_pending(status)

    def _record_pending(self, status):
        pending = getattr(self, "_pending_record", None)
        if pending is not None:
            self._pending_record = None
            self.app.state.record(pending[0], pending[1], status, pending[2], pending[3])

    # ---- control API -------------------------------------------------------

    def _control(self, method: str, what: str, body: bytes, query: str = ""):
        st = self.app.state
        if what == "faults" and method == "POST":
            try:
                spec = json.loads(body or b"{}")
            except ValueError as e:
                self._json(400, {"error": f"invalid JSON: {e}"})
                return
            try:
                n = st.set_rules(spec)
            except RuleError as e:
                self._json(400, {"error": str(e)})
                return
            self._json(200, {"ok": True, "rules": n})
        elif what == "faults" and method == "GET":
            self._json(200, st.describe_rules())
        elif what == "reset" and method == "POST":
            st.reset()
            self._json(200, {"ok": True})
        elif what == "stats" and method == "GET":
            self._json(200, st.stats())
        elif what == "wait" and method == "GET":
            args = dict(parse_qsl(query))
            try:
                count = int(args.get("faults", "1"))
                timeout = float(args.get("timeout", "30"))
            except ValueError:
                self._json(400, {"error": "faults must be an integer and timeout a number of seconds"})
                return
            if not 0 <= timeout <= 3600:
                self._json(400, {"error": "timeout must be between 0 and 3600 seconds"})
                return
            injected = st.wait_for_faults(count, timeout)
            if injected is None:
                self._json(408, {"error": f"fewer than {count} faults injected after {timeout} s"})
            else:
                self._json(200, {"faults_injected": injected})
        else:
            self._json(404, {"error": f"unknown control endpoint {method} /_control/{what}"})

    # ---- data --------------------------------------------------------------

    def _serve_data(self, method: str, ds: Dataset, req: DataRequest, rule: FaultRule | None):
        """Build and send the response; return the status (None if nothing sent)."""
        kind = rule.kind if rule else None
        p = rule.params if rule else {}
        extra = rule.headers if rule else []
        gz = self._accepts_gzip()

        if kind == "slow":
            self.app.state.wake.wait(p["delay"])  # a reset cuts it short
        elif kind == "drop":
            self._abort(p["rst"])
            return None
        elif kind == "status":
            st = p["status"]
            body = problem(st, detail="Injected fault")
            return self._finish(method, Response(st, "application/json", body, extra), gz)
        elif kind == "retry_after":
            st = p["status"]
            body = problem(st, detail="Rate limit exceeded. Try again later.")
            return self._finish(method, Response(
                st, "application/json", body,
                [("Retry-After", p["retry_after"])] + extra), gz)
        elif kind == "html":
            st = p["status"]
            try:
                phrase = HTTPStatus(st).phrase
            except ValueError:
                phrase = "Error"
            body = HTML_PAGE.format(status=st, phrase=phrase).encode()
            return self._finish(method, Response(st, "text/html; charset=utf-8", body, extra), gz)
        elif kind == "invalid_json":
            body = ('{"data":[{"dataset":"%s",' % ds.name).encode() + \
                b'"publishTime":"2018-01-0\x00\xff\xfe<<garbage>>}]]}{{'
            return self._finish(method, Response(200, "application/json", body, extra), gz)

        # Normal data response (possibly transformed).
        if kind == "ignore_params":
            date_from = date_to = ds.latest
        else:
            f, t = req.raw_from, req.raw_to
            if f is not None and not _valid_date(f):
                return self._finish(method, _validation_error("settlementDateFrom", f), gz)
            if t is not None and not _valid_date(t):
                return self._finish(method, _validation_error("settlementDateTo", t), gz)
            if f is None or t is None:
                # Like the real API: without both dates you get the latest day.
                date_from = date_to = ds.latest
            else:
                if f > t:
                    return self._finish(method, _validation_error(
                        "settlementDateFrom", f,
                        "settlementDateFrom must not be after settlementDateTo."), gz)
                date_from, date_to = f, t
        fmt = "json"
        if not req.stream:
            fmt = (req.params.get("format") or "json").lower()
            if fmt not in ("json", "csv"):
                return self._finish(method, _validation_error("format", fmt), gz)

        segs = ds.select(date_from, date_to) if date_from is not None else []
        if kind == "empty":
            segs = []

        if kind in ("duplicate_rows", "restate"):
            rows = []
            for s in segs:
                rows.extend(s.rows())
            if kind == "duplicate_rows":
                rows = [r for r in rows for _ in (0, 1)]
            else:
                rows = self._restate(rows, p)
            if fmt == "csv":
                head = csv_header_line(csv_header(rows))
                parts = [head, csv_rows_bytes(rows[::-1] if self.app.csv_newest_first else rows)]
            else:
                arr = _compact(rows)
                parts = [arr] if req.stream else [b'{"data":', arr, b"}"]
            cache_key = None
        else:
            if fmt == "csv":
                head = DEFAULT_CSV_HEADER
                if segs:
                    head = csv_header_line(segs[0].keys)
                if self.app.csv_newest_first:
                    parts = [head] + [s.csv_lines(True) for s in reversed(segs)]
                else:
                    parts = [head] + [s.csv_lines() for s in segs]
            else:
                inner = []
                for s in segs:
                    if inner:
                        inner.append(b",")
                    inner.append(s.json)
                if req.stream:
                    parts = [b"["] + inner + [b"]"]
                else:
                    parts = [b'{"data":['] + inner + [b"]}"]
            cache_key = (ds.name, date_from, date_to, "stream" if req.stream else fmt, kind == "empty")

        ctype = "text/csv" if fmt == "csv" else "application/json"
        resp = Response(200, ctype, b"", extra, cache_key)

        if kind == "truncate":
            raw = b"".join(parts)
            n = min(p["bytes"], max(len(raw) - 1, 0))
            resp.body = raw[:n]
            resp.cacheable = None
            return self._finish(method, resp, gz)
        if kind == "cut":
            return self._cut(method, resp, parts, gz, p["bytes"], p["rst"])
        return self._finish(method, resp, gz, parts=parts)

    @staticmethod
    def _restate(rows: list, p: dict) -> list:
        publish = p["publish_time"] or _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        flt = p["rows"] or {}
        delta = p["delta"]
        out = []
        for r in rows:
            hit = True
            for k, want in flt.items():
                v = r.get(k)
                if isinstance(want, list):
                    if v not in want:
                        hit = False
                        break
                elif v != want:
                    hit = False
                    break
            if hit:
                r = dict(r)
                if "publishTime" in r:
                    r["publishTime"] = publish
                g = r.get("generation")
                if isinstance(g, (int, float)) and not isinstance(g, bool):
                    r["generation"] = g + delta
            out.append(r)
        return out

    def _finish(self, method, resp: Response, gz: bool, parts=None):
        if method == "HEAD":
            length = len(resp.body) if parts is None else sum(len(x) for x in parts)
            self._send_raw(resp.status, [("Content-Type", resp.ctype)] + resp.headers, [], length)
            return resp.status
        self._send_response(resp, gz, parts)
        return resp.status

    def _cut(self, method, resp: Response, parts, gz: bool, nbytes: int, rst: bool):
        headers = [("Content-Type", resp.ctype)] + resp.headers
        if gz:
            raw = gzip.compress(b"".join(parts), compresslevel=GZIP_LEVEL, mtime=0)
            headers += [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
        else:
            raw = b"".join(parts)
        n = min(nbytes, max(len(raw) - 1, 0))
        self._send_raw(200, headers, [raw], len(raw), send_bytes=n)
        self._abort(rst)
        return 200

    def _abort(self, rst: bool):
        self.close_connection = True
        try:
            self.wfile.flush()
        except OSError:
            pass
        if rst:
            try:
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            except OSError:
                pass


# --------------------------------------------------------------------------
# Server
# --------------------------------------------------------------------------


class App:
    def __init__(self, datasets, base: str, verbose: bool, csv_newest_first: bool = False):
        self.datasets = datasets
        self.csv_newest_first = csv_newest_first
        self.base = base
        self.verbose = verbose
        self.state = State()
        self.gzip_cache: OrderedDict = OrderedDict()
        self.cache_lock = threading.Lock()


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    allow_reuse_address = True

    def server_bind(self):
        # Skip HTTPServer.server_bind's getfqdn() (a reverse DNS lookup).
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = host
        self.server_port = port

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)):
            return
        super().handle_error(request, client_address)


def make_server(datasets, port: int = 0, base: str = "", verbose: bool = False,
                csv_newest_first: bool = False) -> Server:
    app = App(datasets, base, verbose, csv_newest_first)
    handler = type("BoundHandler", (Handler,), {"app": app})
    srv = Server(("127.0.0.1", port), handler)
    srv.app = app
    return srv


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Elexon Insights API replay server with fault injection")
    ap.add_argument("--data", action="append", default=[], metavar="FILE",
                    help="fixture file (.json, .json.zst, .json.gz); repeatable")
    ap.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (0 = any free port)")
    ap.add_argument("--base", default="", help="base path, e.g. /bmrs/api/v1 (default: empty)")
    ap.add_argument("--csv-newest-first", action="store_true",
                    help="format=csv lists rows newest first (reverse of JSON order), like the live API")
    ap.add_argument("--verbose", action="store_true", help="log requests to stderr")
    ap.add_argument("--ignore-stdin", action="store_true",
                    help="do not exit when stdin closes (for running by hand in the background)")
    args = ap.parse_args(argv)

    base = args.base.rstrip("/")
    if base and not base.startswith("/"):
        base = "/" + base

    t0 = time.monotonic()
    datasets = load_datasets(args.data)
    srv = make_server(datasets, args.port, base, args.verbose, args.csv_newest_first)
    if args.verbose:
        for ds in datasets.values():
            sys.stderr.write(f"insights_server: {ds.name}: {ds.rows} rows, {len(ds.segments)} day blocks, "
                             f"latest {ds.latest}\n")
        sys.stderr.write(f"insights_server: loaded in {time.monotonic() - t0:.2f}s\n")
        sys.stderr.flush()

    stopping = threading.Event()

    def stop():
        if not stopping.is_set():
            stopping.set()
            threading.Thread(target=srv.shutdown, daemon=True).start()

    def on_signal(signum, frame):
        stop()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    if not args.ignore_stdin:
        def watch_stdin():
            try:
                fd = sys.stdin.fileno()
                while os.read(fd, 65536):
                    pass
            except (OSError, ValueError, AttributeError):
                pass
            stop()
        threading.Thread(target=watch_stdin, name="stdin-watch", daemon=True).start()

    sys.stdout.write(f"LISTENING {srv.server_address[1]}\n")
    sys.stdout.flush()
    try:
        srv.serve_forever(poll_interval=0.1)
    finally:
        srv.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
