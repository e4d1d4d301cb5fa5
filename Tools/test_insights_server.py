"""Tests for Tools/insights_server.py (stdlib unittest only).

Run from the repository root:

    python3 -m unittest Tools/test_insights_server.py

The tests build their own small fixture files (FUELHH as .json.zst, FUELINST
as .json.gz, an extra dataset as plain .json) in a temporary directory.  If
the real fixtures are present in Tests/Fixtures/, an extra test class also
replays them.
"""

from __future__ import annotations

import datetime as dt
import gzip
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, "insights_server.py")
REPO = os.path.dirname(HERE)
FIXTURES = os.path.join(REPO, "Tests", "Fixtures")
HAVE_ZSTD = shutil.which("zstd") is not None

FUELS = ["CCGT", "COAL", "NUCLEAR", "WIND"]
HEADER = "Dataset,PublishTime,StartTime,SettlementDate,SettlementPeriod,FuelType,Generation"


def _iso(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def make_rows(dataset: str, first: dt.date, days: int, periods: int, fuels=FUELS, dup_every=0):
    rows = []
    n = 0
    for d in range(days):
        day = first + dt.timedelta(days=d)
        for sp in range(1, periods + 1):
            start = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=30 * (sp - 1))
            for i, fuel in enumerate(fuels):
                row = {"dataset": dataset, "publishTime": _iso(start + dt.timedelta(minutes=30)),
                       "startTime": _iso(start), "settlementDate": day.isoformat(),
                       "settlementPeriod": sp, "fuelType": fuel,
                       "generation": 1000 * (i + 1) + d * 10 + sp}
                rows.append(row)
                n += 1
                if dup_every and n % dup_every == 0:
                    rows.append(dict(row))  # exact duplicate, like the real data
    return rows


def compact(obj) -> bytes:
    return json.dumps(obj, separators=(",", ":")).encode()


class ServerProcess:
    def __init__(self, args, cwd=None):
        self.proc = subprocess.Popen([sys.executable, SERVER, *args], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
        line = self.proc.stdout.readline().decode()
        if not line.startswith("LISTENING "):
            err = self.proc.stderr.read().decode(errors="replace")
            self.proc.kill()
            raise RuntimeError(f"server did not start: {line!r} {err}")
        self.line = line
        self.port = int(line.split()[1])

    def stop(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        if self.proc.poll() is None:
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for f in (self.proc.stdout, self.proc.stderr):
            try:
                f.close()
            except OSError:
                pass


class Client:
    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if body is not None and not isinstance(body, bytes):
            body = compact(body)
            headers.setdefault("Content-Type", "application/json")
        try:
            self.conn.request(method, path, body=body, headers=headers)
            resp = self.conn.getresponse()
            data = resp.read()
        except Exception:
            self.conn.close()
            raise
        if resp.will_close:
            self.conn.close()
        return resp.status, resp, data

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def close(self):
        self.conn.close()


def raw_exchange(port, request: bytes, timeout=10):
    """Send a raw request, read until the server closes; return all bytes."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        s.sendall(request)
        chunks = []
        while True:
            try:
                b = s.recv(65536)
            except ConnectionResetError:
                chunks.append(b"<RST>")
                break
            if not b:
                break
            chunks.append(b)
        return b"".join(chunks)
    finally:
        s.close()


def split_response(raw: bytes):
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for ln in lines[1:]:
        k, _, v = ln.partition(":")
        headers[k.strip().lower()] = v.strip()
    return status, headers, body


class Fixture:
    """Small fixture files in a temp dir, plus the rows they contain."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="insights_fixture_")
        self.fuelhh = make_rows("FUELHH", dt.date(2018, 1, 1), 10, 48, dup_every=97)
        self.fuelinst = make_rows("FUELINST", dt.date(2023, 5, 7), 3, 6)
        self.other = make_rows("XYZ", dt.date(2020, 2, 28), 2, 2, fuels=["A"])
        plain = os.path.join(self.dir, "FUELHH_2018.json")
        with open(plain, "wb") as fh:
            fh.write(compact({"data": self.fuelhh}))
        if HAVE_ZSTD:
            subprocess.run(["zstd", "-q", "-f", "--rm", plain, "-o", plain + ".zst"], check=True)
            self.fuelhh_path = plain + ".zst"
        else:  # still test the loader, just not the .zst path
            self.fuelhh_path = plain
        self.fuelinst_path = os.path.join(self.dir, "FUELINST_20230507-20230509.json.gz")
        with gzip.open(self.fuelinst_path, "wb") as fh:
            fh.write(compact({"data": self.fuelinst}))
        self.other_path = os.path.join(self.dir, "XYZ.json")
        with open(self.other_path, "wb") as fh:
            fh.write(compact(self.other))  # bare array form

    def args(self):
        return ["--data", self.fuelhh_path, "--data", self.fuelinst_path, "--data", self.other_path]

    def rows(self, dataset, frm, to):
        src = {"FUELHH": self.fuelhh, "FUELINST": self.fuelinst, "XYZ": self.other}[dataset]
        return [r for r in src if frm <= r["settlementDate"] <= to]

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def q(ds, frm=None, to=None, extra="", stream=False, base=""):
    path = f"{base}/datasets/{ds}" + ("/stream" if stream else "")
    params = []
    if frm is not None:
        params.append(f"settlementDateFrom={frm}")
    if to is not None:
        params.append(f"settlementDateTo={to}")
    if extra:
        params.append(extra)
    return path + ("?" + "&".join(params) if params else "")


class ServerTestCase(unittest.TestCase):
    extra_args: list = []

    @classmethod
    def setUpClass(cls):
        cls.fx = Fixture()
        cls.srv = ServerProcess(cls.fx.args() + ["--port", "0"] + cls.extra_args)
        cls.port = cls.srv.port

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()
        cls.fx.cleanup()

    def setUp(self):
        self.c = Client(self.port)
        st, _, body = self.c.request("POST", "/_control/reset", body={})
        self.assertEqual(st, 200, body)

    def tearDown(self):
        self.c.close()

    # helpers
    def faults(self, *rules):
        st, _, body = self.c.request("POST", "/_control/faults", body={"rules": list(rules)})
        self.assertEqual(st, 200, body)
        self.assertEqual(json.loads(body), {"ok": True, "rules": len(rules)})

    def stats(self):
        st, _, body = self.c.get("/_control/stats")
        self.assertEqual(st, 200)
        return json.loads(body)

    def expected(self, ds, frm, to):
        return compact({"data": self.fx.rows(ds, frm, to)})


class TestEndpoints(ServerTestCase):
    def test_listening_line(self):
        self.assertRegex(self.srv.line, r"^LISTENING [0-9]+\n$")
        self.assertGreater(self.port, 0)

    def test_json_range_exact_bytes(self):
        st, resp, body = self.c.get(q("FUELHH", "2018-01-03", "2018-01-05"))
        self.assertEqual(st, 200)
        self.assertEqual(resp.getheader("Content-Type"), "application/json")
        self.assertEqual(int(resp.getheader("Content-Length")), len(body))
        self.assertEqual(body, self.expected("FUELHH", "2018-01-03", "2018-01-05"))
        rows = json.loads(body)["data"]
        self.assertEqual({r["settlementDate"] for r in rows}, {"2018-01-03", "2018-01-04", "2018-01-05"})
        self.assertEqual(list(rows[0].keys()), ["dataset", "publishTime", "startTime", "settlementDate",
                                                "settlementPeriod", "fuelType", "generation"])

    def test_exact_duplicate_rows_are_preserved(self):
        _, _, body = self.c.get(q("FUELHH", "2018-01-01", "2018-01-10"))
        rows = json.loads(body)["data"]
        self.assertEqual(len(rows), len(self.fx.fuelhh))
        keys = [json.dumps(r, sort_keys=True) for r in rows]
        self.assertGreater(len(keys) - len(set(keys)), 0)

    def test_single_day_and_out_of_range(self):
        _, _, body = self.c.get(q("FUELHH", "2018-01-10", "2018-01-10"))
        self.assertEqual(len(json.loads(body)["data"]), len(self.fx.rows("FUELHH", "2018-01-10", "2018-01-10")))
        st, _, body = self.c.get(q("FUELHH", "2019-01-01", "2019-01-07"))
        self.assertEqual((st, body), (200, b'{"data":[]}'))

    def test_other_datasets_and_case_insensitive_route(self):
        _, _, body = self.c.get(q("FUELINST", "2023-05-08", "2023-05-09"))
        self.assertEqual(body, self.expected("FUELINST", "2023-05-08", "2023-05-09"))
        _, _, body = self.c.get(q("fuelinst", "2023-05-08", "2023-05-09"))
        self.assertEqual(body, self.expected("FUELINST", "2023-05-08", "2023-05-09"))
        _, _, body = self.c.get(q("XYZ", "2020-02-29", "2020-02-29"))
        self.assertEqual(body, self.expected("XYZ", "2020-02-29", "2020-02-29"))

    def test_stream_is_bare_array(self):
        st, resp, body = self.c.get(q("FUELHH", "2018-01-02", "2018-01-03", stream=True))
        self.assertEqual(st, 200)
        self.assertEqual(resp.getheader("Content-Type"), "application/json")
        self.assertEqual(body, compact(self.fx.rows("FUELHH", "2018-01-02", "2018-01-03")))
        _, _, body = self.c.get(q("FUELHH", "2019-01-01", "2019-01-01", stream=True))
        self.assertEqual(body, b"[]")

    def test_csv(self):
        st, resp, body = self.c.get(q("FUELHH", "2018-01-02", "2018-01-03", extra="format=csv"))
        self.assertEqual(st, 200)
        self.assertEqual(resp.getheader("Content-Type"), "text/csv")
        lines = body.decode().splitlines()
        self.assertEqual(lines[0], HEADER)
        rows = self.fx.rows("FUELHH", "2018-01-02", "2018-01-03")
        self.assertEqual(len(lines), len(rows) + 1)
        r = rows[0]
        self.assertEqual(lines[1], ",".join(str(r[k]) for k in r))
        _, _, body = self.c.get(q("FUELHH", "2019-01-01", "2019-01-01", extra="format=csv"))
        self.assertEqual(body.decode(), HEADER + "\n")
        _, _, body = self.c.get(q("FUELHH", "2018-01-02", "2018-01-03", extra="format=json"))
        self.assertEqual(body, self.expected("FUELHH", "2018-01-02", "2018-01-03"))

    def test_missing_or_misspelt_dates_give_latest_day(self):
        latest = self.expected("FUELHH", "2018-01-10", "2018-01-10")
        for path in ["/datasets/FUELHH",
                     "/datasets/FUELHH?settlementDateFom=2018-01-01&settlementDateTo=2018-01-03",
                     "/datasets/FUELHH?from=2018-01-01&to=2018-01-03",
                     "/datasets/FUELHH?settlementDateFrom=2018-01-01"]:
            st, _, body = self.c.get(path)
            self.assertEqual((st, body), (200, latest), path)
        _, _, body = self.c.get("/datasets/FUELINST")
        self.assertEqual(body, self.expected("FUELINST", "2023-05-09", "2023-05-09"))

    def test_unknown_params_ignored_and_names_case_insensitive(self):
        want = self.expected("FUELHH", "2018-01-04", "2018-01-04")
        _, _, body = self.c.get(q("FUELHH", "2018-01-04", "2018-01-04", extra="foo=bar&settlementPeriod=7"))
        self.assertEqual(body, want)
        _, _, body = self.c.get("/datasets/FUELHH?SETTLEMENTDATEFROM=2018-01-04&settlementdateto=2018-01-04")
        self.assertEqual(body, want)

    def test_unknown_dataset_and_path_404(self):
        for path in ["/datasets/NOPE?settlementDateFrom=2018-01-01&settlementDateTo=2018-01-01",
                     "/nothing", "/datasets/FUELHH/other", "/"]:
            st, resp, body = self.c.get(path)
            self.assertEqual(st, 404, path)
            self.assertEqual(resp.getheader("Content-Type"), "application/json")
            doc = json.loads(body)
            self.assertEqual((doc["title"], doc["status"]), ("Not Found", 404))
            self.assertIn("type", doc)

    def test_malformed_dates_400(self):
        cases = [("settlementDateFrom", q("FUELHH", "2018-1-01", "2018-01-02")),
                 ("settlementDateFrom", q("FUELHH", "2018-02-30", "2018-03-02")),
                 ("settlementDateTo", q("FUELHH", "2018-01-01", "yesterday")),
                 ("settlementDateTo", q("FUELHH", "2018-01-01", "")),
                 ("settlementDateFrom", q("FUELHH", "2018-01-05", "2018-01-01")),
                 ("format", q("FUELHH", "2018-01-01", "2018-01-01", extra="format=xml"))]
        for param, path in cases:
            st, resp, body = self.c.get(path)
            self.assertEqual(st, 400, path)
            doc = json.loads(body)
            self.assertEqual(doc["status"], 400)
            self.assertIn(param, doc["errors"], path)

    def test_gzip(self):
        path = q("FUELHH", "2018-01-01", "2018-01-07")
        for attempt in range(2):  # second hit comes from the gzip cache
            st, resp, body = self.c.get(path, headers={"Accept-Encoding": "gzip, deflate"})
            self.assertEqual(st, 200)
            self.assertEqual(resp.getheader("Content-Encoding"), "gzip")
            self.assertEqual(int(resp.getheader("Content-Length")), len(body))
            self.assertEqual(gzip.decompress(body), self.expected("FUELHH", "2018-01-01", "2018-01-07"))
        st, resp, body = self.c.get(path, headers={"Accept-Encoding": "gzip;q=0, identity"})
        self.assertIsNone(resp.getheader("Content-Encoding"))
        self.assertEqual(body, self.expected("FUELHH", "2018-01-01", "2018-01-07"))
        st, resp, body = self.c.get(q("FUELHH", "2018-01-01", "2018-01-01", extra="format=csv"),
                                    headers={"Accept-Encoding": "gzip"})
        self.assertEqual(resp.getheader("Content-Encoding"), "gzip")
        self.assertTrue(gzip.decompress(body).decode().startswith(HEADER + "\n"))
        st, resp, body = self.c.get("/datasets/NOPE", headers={"Accept-Encoding": "gzip"})
        self.assertEqual(st, 404)

    def test_keep_alive_many_requests_one_connection(self):
        sock_ids = set()
        for i in range(20):
            day = f"2018-01-{1 + i % 10:02d}"
            st, resp, body = self.c.get(q("FUELHH", day, day))
            self.assertEqual(st, 200)
            self.assertFalse(resp.will_close)
            self.assertEqual(body, self.expected("FUELHH", day, day))
            sock_ids.add(id(self.c.conn.sock))
        self.assertEqual(len(sock_ids), 1)

    def test_parallel_requests(self):
        errors = []

        def worker(i):
            c = Client(self.port)
            try:
                for j in range(5):
                    day = f"2018-01-{1 + (i + j) % 10:02d}"
                    st, _, body = c.get(q("FUELHH", day, "2018-01-10"))
                    if st != 200 or body != self.expected("FUELHH", day, "2018-01-10"):
                        errors.append((i, j, st))
            except Exception as e:  # noqa: BLE001
                errors.append(e)
            finally:
                c.close()

        ts = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(self.stats()["requests"], 40)

    def test_head(self):
        st, resp, body = self.c.request("HEAD", q("FUELHH", "2018-01-01", "2018-01-01"))
        self.assertEqual(st, 200)
        self.assertEqual(body, b"")
        self.assertEqual(int(resp.getheader("Content-Length")),
                         len(self.expected("FUELHH", "2018-01-01", "2018-01-01")))


class TestStatsAndControl(ServerTestCase):
    def test_wait_returns_once_a_fault_fired_and_reset_ends_requests_in_flight_uncounted(self):
        self.faults({"fault": "slow", "delay": 60, "match": {"from": "2018-01-02"}})
        results = []
        worker = threading.Thread(target=lambda: results.append(
            Client(self.port).get(q("FUELHH", "2018-01-02", "2018-01-02"))[0]))
        worker.start()
        st, _, body = self.c.get("/_control/wait?faults=1&timeout=20")
        self.assertEqual((st, json.loads(body)), (200, {"faults_injected": 1}))
        # The slow request is in flight; a reset answers it at once and does not count it.
        t0 = time.monotonic()
        self.c.request("POST", "/_control/reset", body={})
        worker.join(20)
        self.assertFalse(worker.is_alive())
        self.assertLess(time.monotonic() - t0, 20)
        self.assertEqual(results, [200])
        self.assertEqual(self.stats()["requests"], 0)

    def test_wait_times_out_and_checks_its_arguments(self):
        st, _, body = self.c.get("/_control/wait?faults=1&timeout=0.1")
        self.assertEqual(st, 408, body)
        self.assertEqual(self.c.get("/_control/wait?faults=x")[0], 400)
        self.assertEqual(self.c.get("/_control/wait?faults=1&timeout=-1")[0], 400)
        st, _, body = self.c.get("/_control/wait?faults=0&timeout=0")
        self.assertEqual((st, json.loads(body)), (200, {"faults_injected": 0}))

    def test_stats_and_reset(self):
        self.c.get(q("FUELHH", "2018-01-01", "2018-01-01"))
        self.c.get(q("FUELHH", "2018-01-02", "2018-01-02", stream=True))
        self.c.get("/datasets/NOPE")
        self.faults({"fault": "status", "status": 503, "times": 1})
        self.c.get(q("FUELINST", "2023-05-07", "2023-05-07"))
        s = self.stats()
        self.assertEqual(s["requests"], 4)
        self.assertEqual(s["by_path"], {"/datasets/FUELHH": 1, "/datasets/FUELHH/stream": 1,
                                        "/datasets/NOPE": 1, "/datasets/FUELINST": 1})
        self.assertEqual(s["faults_injected"], 1)
        self.assertEqual(s["by_fault"], {"status": 1})
        self.assertEqual([(e["path"], e["status"], e["fault"]) for e in s["log"]],
                         [("/datasets/FUELHH", 200, None), ("/datasets/FUELHH/stream", 200, None),
                          ("/datasets/NOPE", 404, None), ("/datasets/FUELINST", 503, "status")])
        self.assertEqual(s["log"][0]["query"], "settlementDateFrom=2018-01-01&settlementDateTo=2018-01-01")
        st, _, body = self.c.get("/_control/faults")
        rules = json.loads(body)["rules"]
        self.assertEqual((rules[0]["fault"], rules[0]["seen"], rules[0]["fired"]), ("status", 1, 1))
        self.c.request("POST", "/_control/reset", body={})
        s = self.stats()
        self.assertEqual((s["requests"], s["by_path"], s["faults_injected"], s["by_fault"], s["log"]),
                         (0, {}, 0, {}, []))
        st, _, body = self.c.get("/_control/faults")
        self.assertEqual(json.loads(body), {"rules": []})

    def test_replacing_rules_does_not_clear_stats(self):
        self.c.get(q("FUELHH", "2018-01-01", "2018-01-01"))
        self.faults({"fault": "empty"})
        self.faults()
        self.assertEqual(self.stats()["requests"], 1)

    def test_invalid_rules_rejected(self):
        bad = [{"rules": [{"fault": "nope"}]},
               {"rules": [{"fault": "status", "stauts": 500}]},
               {"rules": [{"fault": "status", "status": "500"}]},
               {"rules": [{"fault": "slow", "delay": -1}]},
               {"rules": [{"fault": "status", "match": {"datset": "FUELHH"}}]},
               {"rules": [{"fault": "status", "every": 0}]},
               {"rules": [{"fault": "status", "probability": 2}]},
               {"rules": [{"fault": "retry_after", "retry_after": "1\r\nX: y"}]},
               {"rule": []}]
        for spec in bad:
            st, _, body = self.c.request("POST", "/_control/faults", body=spec)
            self.assertEqual(st, 400, spec)
            self.assertIn("error", json.loads(body))
        st, _, body = self.c.request("POST", "/_control/faults", body=b"{not json")
        self.assertEqual(st, 400)
        st, _, _ = self.c.get("/_control/nope")
        self.assertEqual(st, 404)

    def test_control_requests_not_counted(self):
        self.stats()
        self.faults()
        self.assertEqual(self.stats()["requests"], 0)


class TestFaults(ServerTestCase):
    P = q("FUELHH", "2018-01-08", "2018-01-10")

    def normal(self):
        return self.expected("FUELHH", "2018-01-08", "2018-01-10")

    def test_status(self):
        for code in (500, 502, 503, 404, 400):
            self.faults({"fault": "status", "status": code})
            st, resp, body = self.c.get(self.P)
            self.assertEqual(st, code)
            self.assertEqual(resp.getheader("Content-Type"), "application/json")
            doc = json.loads(body)
            self.assertEqual(doc["status"], code)
        self.faults({"fault": "status"})
        self.assertEqual(self.c.get(self.P)[0], 500)

    def test_status_with_extra_headers(self):
        self.faults({"fault": "status", "status": 503, "headers": {"Retry-After": "2"}})
        st, resp, _ = self.c.get(self.P)
        self.assertEqual((st, resp.getheader("Retry-After")), (503, "2"))

    def test_retry_after_values(self):
        for value in ["0", "-5", "99999", "Wed, 21 Oct 2015 07:28:00 GMT", "abc", "1.5"]:
            self.faults({"fault": "retry_after", "retry_after": value, "times": 1})
            st, resp, body = self.c.get(self.P)
            self.assertEqual(st, 429)
            self.assertEqual(resp.getheader("Retry-After"), value)
            self.assertEqual(json.loads(body)["status"], 429)
            st, _, body = self.c.get(self.P)  # times=1: next one is fine
            self.assertEqual((st, body), (200, self.normal()))
        self.faults({"fault": "retry_after", "value": 7})  # alias, number accepted
        self.assertEqual(self.c.get(self.P)[1].getheader("Retry-After"), "7")

    def test_slow(self):
        self.faults({"fault": "slow", "delay": 0.4, "times": 1})
        t0 = time.monotonic()
        st, _, body = self.c.get(self.P)
        took = time.monotonic() - t0
        self.assertEqual((st, body), (200, self.normal()))
        self.assertGreaterEqual(took, 0.4)
        t0 = time.monotonic()
        self.c.get(self.P)
        self.assertLess(time.monotonic() - t0, 0.4)

    def test_cut(self):
        self.faults({"fault": "cut", "bytes": 100})
        raw = raw_exchange(self.port, f"GET {self.P} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        st, headers, body = split_response(raw)
        self.assertEqual(st, 200)
        self.assertEqual(int(headers["content-length"]), len(self.normal()))
        self.assertEqual(body, self.normal()[:100])
        with self.assertRaises(http.client.IncompleteRead):
            self.c.get(self.P)
        self.assertEqual(self.stats()["log"][-1]["fault"], "cut")

    def test_cut_gzip_and_clamped(self):
        self.faults({"fault": "cut", "bytes": 10 ** 9})
        raw = raw_exchange(self.port, f"GET {self.P} HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n".encode())
        st, headers, body = split_response(raw)
        self.assertEqual(headers["content-encoding"], "gzip")
        self.assertEqual(len(body), int(headers["content-length"]) - 1)

    def test_truncate(self):
        self.faults({"fault": "truncate", "bytes": 500})
        st, resp, body = self.c.get(self.P)
        self.assertEqual(st, 200)
        self.assertEqual(int(resp.getheader("Content-Length")), 500)
        self.assertEqual(body, self.normal()[:500])
        with self.assertRaises(ValueError):
            json.loads(body)
        # connection still usable (well-formed response)
        self.faults()
        self.assertEqual(self.c.get(self.P)[2], self.normal())

    def test_truncate_gzip(self):
        self.faults({"fault": "truncate", "bytes": 300})
        st, resp, body = self.c.get(self.P, headers={"Accept-Encoding": "gzip"})
        self.assertEqual(resp.getheader("Content-Encoding"), "gzip")
        self.assertEqual(gzip.decompress(body), self.normal()[:300])

    def test_html(self):
        for status in (502, 200):
            self.faults({"fault": "html", "status": status})
            st, resp, body = self.c.get(self.P)
            self.assertEqual(st, status)
            self.assertTrue(resp.getheader("Content-Type").startswith("text/html"))
            self.assertIn(b"<html", body)
        self.faults({"fault": "html"})
        self.assertEqual(self.c.get(self.P)[0], 502)

    def test_ignore_params(self):
        self.faults({"fault": "ignore_params"})
        st, _, body = self.c.get(self.P)
        self.assertEqual((st, body), (200, self.expected("FUELHH", "2018-01-10", "2018-01-10")))
        st, _, body = self.c.get(q("FUELHH", "bad", "dates"))
        self.assertEqual(st, 200)

    def test_duplicate_rows(self):
        self.faults({"fault": "duplicate_rows"})
        _, _, body = self.c.get(self.P)
        rows = json.loads(body)["data"]
        base = self.fx.rows("FUELHH", "2018-01-08", "2018-01-10")
        self.assertEqual(rows, [r for r in base for _ in (0, 1)])
        _, _, body = self.c.get(q("FUELHH", "2018-01-08", "2018-01-08", stream=True))
        self.assertEqual(len(json.loads(body)), 2 * len(self.fx.rows("FUELHH", "2018-01-08", "2018-01-08")))
        _, _, body = self.c.get(q("FUELHH", "2018-01-08", "2018-01-08", extra="format=csv"))
        self.assertEqual(len(body.decode().splitlines()),
                         1 + 2 * len(self.fx.rows("FUELHH", "2018-01-08", "2018-01-08")))

    def test_restate(self):
        self.faults({"fault": "restate", "delta": 250, "publish_time": "2019-01-01T00:00:00Z",
                     "rows": {"fuelType": "CCGT", "settlementPeriod": [1, 2]}})
        _, _, body = self.c.get(self.P)
        rows = json.loads(body)["data"]
        base = self.fx.rows("FUELHH", "2018-01-08", "2018-01-10")
        self.assertEqual(len(rows), len(base))
        changed = 0
        for got, orig in zip(rows, base):
            self.assertEqual(list(got.keys()), list(orig.keys()))
            if orig["fuelType"] == "CCGT" and orig["settlementPeriod"] in (1, 2):
                changed += 1
                self.assertEqual(got["generation"], orig["generation"] + 250)
                self.assertEqual(got["publishTime"], "2019-01-01T00:00:00Z")
                self.assertEqual(got["startTime"], orig["startTime"])
            else:
                self.assertEqual(got, orig)
        self.assertGreater(changed, 0)
        # without a row filter every row is restated
        self.faults({"fault": "restate", "delta": -1, "publish_time": "2019-01-01T00:00:00Z"})
        _, _, body = self.c.get(self.P)
        rows = json.loads(body)["data"]
        self.assertTrue(all(r["publishTime"] == "2019-01-01T00:00:00Z" for r in rows))
        self.assertEqual([r["generation"] for r in rows], [r["generation"] - 1 for r in base])

    def test_invalid_json(self):
        self.faults({"fault": "invalid_json"})
        st, resp, body = self.c.get(self.P)
        self.assertEqual(st, 200)
        self.assertEqual(resp.getheader("Content-Type"), "application/json")
        self.assertTrue(body.startswith(b'{"data":[{"dataset":"FUELHH",'))
        self.assertEqual(int(resp.getheader("Content-Length")), len(body))
        with self.assertRaises(ValueError):
            json.loads(body)

    def test_empty(self):
        self.faults({"fault": "empty"})
        self.assertEqual(self.c.get(self.P)[:3:2], (200, b'{"data":[]}'))
        self.assertEqual(self.c.get(q("FUELHH", "2018-01-08", "2018-01-08", stream=True))[2], b"[]")

    def test_drop(self):
        self.faults({"fault": "drop", "times": 1})
        raw = raw_exchange(self.port, f"GET {self.P} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        self.assertEqual(raw, b"")
        self.faults({"fault": "drop"})
        with self.assertRaises((http.client.RemoteDisconnected, ConnectionResetError)):
            self.c.get(self.P)
        self.faults({"fault": "drop", "rst": True})
        raw = raw_exchange(self.port, f"GET {self.P} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        self.assertIn(raw, (b"", b"<RST>"))
        log = self.stats()["log"]
        self.assertEqual([(e["status"], e["fault"]) for e in log], [(None, "drop")] * 3)

    def test_match_dataset_and_from(self):
        self.faults({"fault": "status", "status": 503, "match": {"dataset": "FUELHH", "from": "2018-01-08"}})
        self.assertEqual(self.c.get(self.P)[0], 503)
        self.assertEqual(self.c.get(q("FUELHH", "2018-01-07", "2018-01-10"))[0], 200)
        self.assertEqual(self.c.get(q("FUELINST", "2018-01-08", "2018-01-10"))[0], 200)
        self.faults({"fault": "status", "match": {"dataset": "fuelinst"}})
        self.assertEqual(self.c.get(q("FUELINST", "2023-05-07", "2023-05-07"))[0], 500)
        self.assertEqual(self.c.get(self.P)[0], 200)
        self.faults({"fault": "status", "match": {"to": "2018-01-10", "stream": True}})
        self.assertEqual(self.c.get(self.P)[0], 200)
        self.assertEqual(self.c.get(q("FUELHH", "2018-01-08", "2018-01-10", stream=True))[0], 500)

    def test_times(self):
        self.faults({"fault": "status", "times": 2})
        self.assertEqual([self.c.get(self.P)[0] for _ in range(5)], [500, 500, 200, 200, 200])

    def test_every(self):
        self.faults({"fault": "status", "status": 502, "every": 3})
        self.assertEqual([self.c.get(self.P)[0] for _ in range(7)], [200, 200, 502, 200, 200, 502, 200])

    def test_every_and_times(self):
        self.faults({"fault": "status", "every": 2, "times": 2})
        self.assertEqual([self.c.get(self.P)[0] for _ in range(8)],
                         [200, 500, 200, 500, 200, 200, 200, 200])

    def test_probability_deterministic(self):
        rule = {"fault": "status", "status": 503, "probability": 0.3, "seed": 42}
        runs = []
        for _ in range(2):
            self.faults(rule)
            runs.append([self.c.get(self.P)[0] for _ in range(40)])
        self.assertEqual(runs[0], runs[1])
        rng = random.Random(42)
        self.assertEqual(runs[0], [503 if rng.random() < 0.3 else 200 for _ in range(40)])
        self.assertTrue(200 in runs[0] and 503 in runs[0])
        self.faults(dict(rule, seed=7))
        other = [self.c.get(self.P)[0] for _ in range(40)]
        self.assertNotEqual(other, runs[0])

    def test_first_firing_rule_wins_one_fault_per_request(self):
        self.faults({"fault": "status", "status": 503, "times": 1},
                    {"fault": "retry_after", "retry_after": "0", "times": 1},
                    {"fault": "empty", "match": {"dataset": "FUELINST"}})
        got = [self.c.get(self.P)[0] for _ in range(3)]
        self.assertEqual(got, [503, 429, 200])
        s = self.stats()
        self.assertEqual(s["faults_injected"], 2)
        self.assertEqual(s["by_fault"], {"status": 1, "retry_after": 1})
        self.assertEqual([e["rule"] for e in s["log"]], [0, 1, None])

    def test_faults_apply_to_stream_and_csv(self):
        self.faults({"fault": "status", "status": 503})
        self.assertEqual(self.c.get(q("FUELHH", "2018-01-08", "2018-01-08", stream=True))[0], 503)
        self.assertEqual(self.c.get(q("FUELHH", "2018-01-08", "2018-01-08", extra="format=csv"))[0], 503)


class TestBasePath(unittest.TestCase):
    def test_base_path(self):
        fx = Fixture()
        srv = ServerProcess(fx.args() + ["--base", "/bmrs/api/v1", "--port", "0"])
        try:
            c = Client(srv.port)
            st, _, body = c.get(q("FUELHH", "2018-01-02", "2018-01-02", base="/bmrs/api/v1"))
            self.assertEqual((st, body), (200, compact({"data": fx.rows("FUELHH", "2018-01-02", "2018-01-02")})))
            self.assertEqual(c.get(q("FUELHH", "2018-01-02", "2018-01-02"))[0], 404)
            self.assertEqual(c.get("/_control/stats")[0], 200)
            self.assertEqual(c.get("/bmrs/api/v1/_control/stats")[0], 200)
            c.close()
        finally:
            srv.stop()
            fx.cleanup()


class TestCsvNewestFirst(unittest.TestCase):
    def test_csv_newest_first(self):
        fx = Fixture()
        srv = ServerProcess(fx.args() + ["--csv-newest-first", "--port", "0"])
        try:
            c = Client(srv.port)
            _, _, body = c.get(q("FUELHH", "2018-01-02", "2018-01-03", extra="format=csv"))
            lines = body.decode().splitlines()
            rows = fx.rows("FUELHH", "2018-01-02", "2018-01-03")[::-1]
            self.assertEqual(lines, [HEADER] + [",".join(str(v) for v in r.values()) for r in rows])
            _, _, body = c.get(q("FUELHH", "2018-01-02", "2018-01-03"))  # JSON unaffected
            self.assertEqual(body, compact({"data": rows[::-1]}))
            c.close()
        finally:
            srv.stop()
            fx.cleanup()


class TestLifecycle(unittest.TestCase):
    def test_exits_when_stdin_closes(self):
        srv = ServerProcess(["--port", "0"])
        try:
            c = Client(srv.port)
            self.assertEqual(c.get("/datasets/FUELHH")[2], b'{"data":[]}')
            c.close()
            srv.proc.stdin.close()
            self.assertEqual(srv.proc.wait(10), 0)
            with self.assertRaises(OSError):
                socket.create_connection(("127.0.0.1", srv.port), timeout=2).close()
        finally:
            srv.stop()

    def test_exits_on_sigterm(self):
        srv = ServerProcess(["--port", "0"])
        try:
            srv.proc.send_signal(signal.SIGTERM)
            self.assertEqual(srv.proc.wait(10), 0)
        finally:
            srv.stop()

    def test_exits_on_stdin_close_with_slow_request_in_flight(self):
        srv = ServerProcess(["--port", "0"])
        try:
            c = Client(srv.port)
            c.request("POST", "/_control/faults", body={"rules": [{"fault": "slow", "delay": 30}]})
            s = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
            s.sendall(b"GET /datasets/FUELHH HTTP/1.1\r\nHost: x\r\n\r\n")
            time.sleep(0.2)
            srv.proc.stdin.close()
            self.assertEqual(srv.proc.wait(10), 0)
            s.close()
            c.close()
        finally:
            srv.stop()

    def test_quiet_without_verbose_and_logs_with_it(self):
        for verbose in (False, True):
            srv = ServerProcess(["--port", "0"] + (["--verbose"] if verbose else []))
            c = Client(srv.port)
            c.get("/datasets/FUELHH")
            c.close()
            srv.proc.stdin.close()
            srv.proc.wait(10)
            out = srv.proc.stdout.read()
            err = srv.proc.stderr.read().decode()
            srv.stop()
            self.assertEqual(out, b"")  # nothing after the LISTENING line
            if verbose:
                self.assertIn("GET /datasets/FUELHH", err)
            else:
                self.assertEqual(err, "")

    def test_bad_data_file_fails_cleanly(self):
        d = tempfile.mkdtemp()
        try:
            p = os.path.join(d, "bad.json")
            with open(p, "w") as fh:
                fh.write('{"nodata": 1}')
            proc = subprocess.run([sys.executable, SERVER, "--data", p, "--port", "0"],
                                  stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
            self.assertNotEqual(proc.returncode, 0)
            self.assertNotIn(b"LISTENING", proc.stdout)
        finally:
            shutil.rmtree(d, ignore_errors=True)


@unittest.skipUnless(HAVE_ZSTD and os.path.exists(os.path.join(FIXTURES, "FUELHH_2018.json.zst")),
                     "real fixture Tests/Fixtures/FUELHH_2018.json.zst not present")
class TestRealFixture(unittest.TestCase):
    """Replays the genuine 2018 FUELHH fixture (when it exists)."""

    @classmethod
    def setUpClass(cls):
        args = ["--port", "0"]
        for name in ("FUELHH_2018.json.zst", "FUELINST_20230507-20230514.json.zst",
                     "FUELINST_20230513-20230515.json.zst"):
            if os.path.exists(os.path.join(FIXTURES, name)):
                args += ["--data", os.path.join(FIXTURES, name)]
        cls.srv = ServerProcess(args)
        raw = subprocess.run(["zstd", "-dc", "--long=31", os.path.join(FIXTURES, "FUELHH_2018.json.zst")],
                             capture_output=True, check=True).stdout
        cls.rows = json.loads(raw)["data"]

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def test_week_matches_file_and_is_fast(self):
        c = Client(self.srv.port)
        path = q("FUELHH", "2018-01-08", "2018-01-14")
        t0 = time.monotonic()
        st, _, body = c.get(path)
        took = time.monotonic() - t0
        c.close()
        self.assertEqual(st, 200)
        want = [r for r in self.rows if "2018-01-08" <= r["settlementDate"] <= "2018-01-14"]
        self.assertEqual(body, compact({"data": want}))
        self.assertLess(took, 2.0)

    def test_whole_year_in_weekly_chunks(self):
        c = Client(self.srv.port)
        total = 0
        start = dt.date(2018, 1, 1)
        while start.year == 2018:
            end = min(start + dt.timedelta(days=6), dt.date(2018, 12, 31))
            st, _, body = c.get(q("FUELHH", start.isoformat(), end.isoformat()),
                                headers={"Accept-Encoding": "gzip"})
            self.assertEqual(st, 200)
            total += len(json.loads(gzip.decompress(body))["data"])
            start = end + dt.timedelta(days=1)
        c.close()
        self.assertEqual(total, len(self.rows))

    def test_latest_day_is_2018_12_31(self):
        c = Client(self.srv.port)
        _, _, body = c.get("/datasets/FUELHH")
        c.close()
        rows = json.loads(body)["data"]
        self.assertEqual(rows, [r for r in self.rows if r["settlementDate"] == "2018-12-31"])

    def test_matches_other_fixture_forms(self):
        c = Client(self.srv.port)
        csv_path = os.path.join(FIXTURES, "FUELHH_2018-10-28.csv")
        if os.path.exists(csv_path):
            _, _, body = c.get(q("FUELHH", "2018-10-28", "2018-10-28", extra="format=csv"))
            with open(csv_path, "rb") as fh:
                self.assertEqual(body, fh.read())
        stream_path = os.path.join(FIXTURES, "FUELHH_2018-03-25.stream.json.gz")
        if os.path.exists(stream_path):
            _, _, body = c.get(q("FUELHH", "2018-03-25", "2018-03-25", stream=True))
            with gzip.open(stream_path, "rb") as fh:
                self.assertEqual(json.loads(body), json.loads(fh.read()))
        c.close()


if __name__ == "__main__":
    unittest.main()
