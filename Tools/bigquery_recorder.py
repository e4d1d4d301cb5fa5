#!/usr/bin/env python3
"""A request recorder that answers like BigQuery's REST API, for what no emulator does.

Standard library only. Used by Tests/SyncTests: the partition-load path (``table$YYYYMMDD``), 409 on a duplicate
job id, resumable uploads, jobs that are RUNNING before DONE or fail with ``status.errorResult``, and the OAuth
flows (token endpoint, metadata server). Every request is recorded as received.

    python3 Tools/bigquery_recorder.py [--port 0] [--tables DIR]

Binds 127.0.0.1 only, prints ``LISTENING <port>`` once ready, exits when stdin reaches end-of-file.
``--tables DIR`` answers ``tables.get`` of table T with DIR/T.json (a table resource), else 404.

Endpoints (as BigQuery; job state is kept in memory):
    POST /upload/bigquery/v2/projects/P/jobs?uploadType=multipart   -> job RUNNING; 409 if the id exists
    POST /upload/bigquery/v2/projects/P/jobs?uploadType=resumable   -> 200, Location: session URI
    PUT  <session URI>                                               -> job RUNNING
    POST /bigquery/v2/projects/P/jobs                                -> job RUNNING (query jobs)
    GET  /bigquery/v2/projects/P/jobs/ID                             -> RUNNING on the 1st get, then DONE; 404
    GET|POST|DELETE /bigquery/v2/projects/P/datasets/D/tables[/T]    -> table resource / 200 / 204
    POST /token                                                      -> {"access_token":"token-N","expires_in":3600}
    GET  /computeMetadata/v1/instance/service-accounts/default/token -> same; 403 without Metadata-Flavor: Google
Control:
    GET  /_control/requests -> [{"method","path","headers":{lower-case name: value},"body":base64}]
    POST /_control/faults   {"failJobs":[prefix...], "dropFirstUpload":bool, "refuseTokens":bool}
"""
import argparse
import base64
import json
import os
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STATE = {"requests": [], "jobs": {}, "sessions": {}, "faults": {}, "tokens": 0, "tables": None, "lock": threading.Lock()}


def error(code, reason, message):
    status = {400: "INVALID_ARGUMENT", 403: "PERMISSION_DENIED", 404: "NOT_FOUND", 409: "ALREADY_EXISTS"}[code]
    return code, {"error": {"code": code, "message": message, "errors": [{"reason": reason, "message": message,
                                                                            "domain": "global"}], "status": status}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body=None, headers=None):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if body is not None:
            self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = self.path
        if path.startswith("/_control/"):
            return self.control(path, body)
        with STATE["lock"]:
            STATE["requests"].append({"method": self.command, "path": path,
                                      "headers": {k.lower(): v for k, v in self.headers.items()},
                                      "body": base64.b64encode(body).decode()})
        route = path.split("?")[0]
        if route == "/token":
            return self.token()
        if route == "/computeMetadata/v1/instance/service-accounts/default/token":
            if self.headers.get("Metadata-Flavor") != "Google":
                return self.reply(*error(403, "forbidden", "Missing Metadata-Flavor header"))
            return self.token()
        if route.startswith("/upload/bigquery/v2/projects/"):
            return self.upload(path, body)
        parts = route.strip("/").split("/")
        if parts[:3] == ["bigquery", "v2", "projects"] and len(parts) >= 5:
            project = parts[3]
            if parts[4] == "jobs" and len(parts) == 5 and self.command == "POST":
                return self.create_job(json.loads(body), project)
            if parts[4] == "jobs" and len(parts) == 6:
                return self.get_job(parts[5])
            if parts[4] == "queries" and len(parts) == 6:
                return self.reply(200, {"kind": "bigquery#getQueryResultsResponse", "jobComplete": True, "rows": [],
                                        "totalRows": "0"})
            if parts[4] == "datasets" and len(parts) >= 7 and parts[6] == "tables":
                if len(parts) == 7:
                    return self.reply(200, json.loads(body))
                if self.command == "DELETE":
                    return self.reply(204)
                name = os.path.join(STATE["tables"] or "/nonexistent", parts[7] + ".json")
                if os.path.exists(name):
                    with open(name) as f:
                        return self.reply(200, json.load(f))
                return self.reply(*error(404, "notFound", f"Not found: Table {project}:{parts[5]}.{parts[7]}"))
        return self.reply(*error(404, "notFound", "Not found: " + route))

    do_GET = do_POST = do_PUT = do_DELETE = handle_any

    def token(self):
        if STATE["faults"].get("refuseTokens"):
            return self.reply(400, {"error": "invalid_grant", "error_description": "Invalid JWT Signature."})
        with STATE["lock"]:
            STATE["tokens"] += 1
            n = STATE["tokens"]
        return self.reply(200, {"access_token": f"token-{n}", "expires_in": 3600, "token_type": "Bearer"})

    def upload(self, path, body):
        if self.command == "PUT":
            session = path.split("upload_id=")[-1]
            resource = STATE["sessions"].pop(session, None)
            if resource is None:
                return self.reply(*error(404, "notFound", "No such upload session"))
            return self.create_job(resource, resource["jobReference"]["projectId"])
        if "uploadType=resumable" in path:
            resource = json.loads(body)
            if resource["jobReference"]["jobId"] in STATE["jobs"]:
                return self.duplicate(resource)
            session = uuid.uuid4().hex
            STATE["sessions"][session] = resource
            host = self.headers.get("Host")
            return self.reply(200, None, {"Location": f"http://{host}{path.split('?')[0]}"
                                                      f"?uploadType=resumable&upload_id={session}"})
        boundary = self.headers.get("Content-Type").split("boundary=")[1].strip('"').encode()
        first = body.split(b"--" + boundary)[1]
        resource = json.loads(first.split(b"\r\n\r\n", 1)[1].rstrip(b"\r\n"))
        if STATE["faults"].pop("dropFirstUpload", False):
            STATE["jobs"][resource["jobReference"]["jobId"]] = self.job(resource)
            self.close_connection = True
            self.connection.shutdown(2)  # the job exists but the client never hears of it
            return
        return self.create_job(resource, resource["jobReference"]["projectId"])

    def duplicate(self, resource):
        return self.reply(*error(409, "duplicate", "Already Exists: Job " + resource["jobReference"]["projectId"]
                                 + ":" + resource["jobReference"]["jobId"]))

    def job(self, resource):
        job_id = resource["jobReference"]["jobId"]
        failed = any(job_id.startswith(prefix) for prefix in STATE["faults"].get("failJobs", []))
        return {"resource": resource, "gets": 0, "failed": failed}

    def create_job(self, resource, project):
        job_id = resource["jobReference"]["jobId"]
        with STATE["lock"]:
            if job_id in STATE["jobs"]:
                return self.duplicate(resource)
            STATE["jobs"][job_id] = self.job(resource)
        return self.reply(200, self.render(job_id))

    def get_job(self, job_id):
        job = STATE["jobs"].get(job_id)
        if job is None:
            return self.reply(*error(404, "notFound", "Not found: Job " + job_id))
        job["gets"] += 1
        return self.reply(200, self.render(job_id))

    def render(self, job_id):
        job = STATE["jobs"][job_id]
        resource = dict(job["resource"])
        resource["kind"] = "bigquery#job"
        resource["id"] = resource["jobReference"]["projectId"] + ":" + job_id
        if job["gets"] == 0:
            resource["status"] = {"state": "RUNNING"}
        elif job["failed"]:
            problem = {"reason": "invalid", "message": "Some rows belong to different partitions rather than "
                       "destination partition 20180101"}
            resource["status"] = {"state": "DONE", "errorResult": problem, "errors": [problem]}
        else:
            resource["status"] = {"state": "DONE"}
        return resource

    def control(self, path, body):
        if path.startswith("/_control/requests"):
            return self.reply(200, STATE["requests"])
        if path.startswith("/_control/faults"):
            STATE["faults"] = json.loads(body or b"{}")
            return self.reply(200, {"ok": True})
        return self.reply(404, {"error": "unknown control path"})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--tables")
    args = parser.parse_args()
    STATE["tables"] = args.tables
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"LISTENING {server.server_address[1]}", flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
