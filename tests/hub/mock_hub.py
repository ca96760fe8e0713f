#!/usr/bin/env python3
"""A stdlib-only mock of the Hugging Face Hub for the autoclass hub tests.

Serves local folders as model repos with the headers the real Hub sends:
  HEAD/GET /{repo_id}/resolve/{revision}/{path}
    regular file: 200, ETag "<git blob sha1>", X-Repo-Commit, Content-Length, Range support
    LFS file (--lfs glob, default *.safetensors): 302 to /_lfs/<sha256>, X-Linked-Etag "<sha256>",
      X-Linked-Size, X-Repo-Commit (the "CDN" at /_lfs serves the bytes, with Range support)
    missing repo 401 RepoNotFound, unknown revision 404 RevisionNotFound, missing file 404 EntryNotFound
    gated repo without the right token: 401/403 GatedRepo; renamed repo: 307 with a relative Location
  GET /api/models/{repo_id}/revision/{revision}: {"id", "sha", "siblings": [{"rfilename"}]}
Revisions: main, the commit, tag v1.0 and refs/pr/1 all name the same commit.

Test control:
  GET /_control/fault?repo=ID&file=NAME&kind=KIND[&times=N][&seconds=S][&method=HEAD|GET|ANY]
      KIND: cut (half the body, then the connection is dropped), 500, badsha (one byte flipped),
            slow (sleep S seconds before answering), ignore-range (answer 200 to a Range request)
  GET /_control/log    -> JSON list of {method, path, range, authorization, user_agent}
  GET /_control/reset  -> clears log and faults
Prints its endpoint (http://127.0.0.1:PORT) as the first line of stdout, and exits by itself after
--max-seconds or when its parent process dies.
"""
import argparse
import fnmatch
import hashlib
import json
import os
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def git_blob_sha1(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class Repo:
    def __init__(self, repo_id, folder, commit, excludes, lfs_globs):
        self.repo_id = repo_id
        self.files = {}
        for root, _, names in os.walk(folder):
            for name in names:
                full = os.path.join(root, name)
                rel = os.path.relpath(full, folder).replace(os.sep, "/")
                if any(fnmatch.fnmatch(rel, e) for e in excludes):
                    continue
                with open(full, "rb") as f:
                    self.files[rel] = f.read()
        self.lfs = {p for p in self.files if any(fnmatch.fnmatch(p, g) for g in lfs_globs)}
        if commit is None:
            h = hashlib.sha1(repo_id.encode())
            for p in sorted(self.files):
                h.update(p.encode() + b"\0" + hashlib.sha1(self.files[p]).digest())
            commit = h.hexdigest()
        self.commit = commit

    def commit_for(self, revision):
        return self.commit if revision in ("main", "v1.0", "refs/pr/1", self.commit) else None


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.log = []
        self.faults = []  # dicts: repo, file, kind, times, seconds, method

    def take_fault(self, repo_id, file, method):
        with self.lock:
            for f in self.faults:
                if f["repo"] == repo_id and f["file"] == file and f["times"] > 0 and f["method"] in ("ANY", method):
                    f["times"] -= 1
                    return dict(f)
        return None


def make_handler(repos, renames, gated, state):
    by_sha256 = {}
    for repo in repos.values():
        for p in repo.lfs:
            by_sha256[hashlib.sha256(repo.files[p]).hexdigest()] = (repo, p)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "mock-hub/1"

        def log_message(self, *args):
            pass

        def do_HEAD(self):
            self.handle_any(head=True)

        def do_GET(self):
            self.handle_any(head=False)

        # -- helpers ---------------------------------------------------------------------------
        def send(self, status, headers, body=b"", head=False):
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            if "Content-Length" not in headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head and body:
                self.wfile.write(body)

        def error(self, status, code, message, head, extra=None):
            headers = {"X-Error-Code": code, "X-Error-Message": message, "Content-Type": "application/json"}
            headers.update(extra or {})
            self.send(status, headers, json.dumps({"error": message}).encode(), head)

        def serve_bytes(self, data, headers, head, fault):
            """200 or 206 for `data`, honouring Range, and applying a body fault."""
            if fault and fault["kind"] == "badsha":
                data = bytes([data[0] ^ 0xFF]) + data[1:] if data else data
            start, status = 0, 200
            rng = self.headers.get("Range")
            if rng and not (fault and fault["kind"] == "ignore-range"):
                m = re.fullmatch(r"bytes=(\d+)-(\d*)", rng.strip())
                if not m:
                    return self.error(416, "", "bad range", head)
                start = int(m.group(1))
                end = int(m.group(2)) if m.group(2) else len(data) - 1
                if start >= len(data):
                    return self.send(416, {"Content-Range": "bytes */%d" % len(data)}, b"", head)
                headers["Content-Range"] = "bytes %d-%d/%d" % (start, end, len(data))
                data = data[start:end + 1]
                status = 206
            headers["Accept-Ranges"] = "bytes"
            headers["Content-Length"] = str(len(data))
            if fault and fault["kind"] == "cut" and not head:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data[: len(data) // 2])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(2)
                return
            self.send(status, headers, data, head)

        # -- routing ---------------------------------------------------------------------------
        def handle_any(self, head):
            raw = self.path
            state_entry = {
                "method": self.command,
                "path": raw,
                "range": self.headers.get("Range"),
                "authorization": self.headers.get("Authorization"),
                "user_agent": self.headers.get("User-Agent"),
            }
            if not raw.startswith("/_control/"):
                with state.lock:
                    state.log.append(state_entry)
            try:
                self.route(raw, head)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def route(self, raw, head):
            url = urllib.parse.urlsplit(raw)
            path = url.path
            if path.startswith("/_control/"):
                return self.control(path, urllib.parse.parse_qs(url.query))
            if path.startswith("/_lfs/"):
                return self.lfs(path[len("/_lfs/"):], head)
            m = re.fullmatch(r"/api/models/(.+)/revision/([^/]+)", path)
            if m:
                return self.api(urllib.parse.unquote(m.group(1)), urllib.parse.unquote(m.group(2)), head)
            m = re.fullmatch(r"/([^/]+(?:/[^/]+)?)/resolve/([^/]+)/(.+)", path)
            if m:
                return self.resolve(urllib.parse.unquote(m.group(1)), urllib.parse.unquote(m.group(2)),
                                    urllib.parse.unquote(m.group(3)), raw, head)
            self.error(404, "", "no route for " + path, head)

        def check_repo(self, repo_id, head):
            repo = repos.get(repo_id)
            if repo is None:
                self.error(401, "RepoNotFound", "Repository not found", head)
                return None
            if repo_id in gated:
                auth = self.headers.get("Authorization")
                if auth != "Bearer " + gated[repo_id]:
                    status = 401 if auth is None else 403
                    self.error(status, "GatedRepo", "Access to model %s is restricted." % repo_id, head)
                    return None
            return repo

        def resolve(self, repo_id, revision, file, raw, head):
            if repo_id in renames:
                target = raw.replace("/" + repo_id + "/", "/" + renames[repo_id] + "/", 1)
                return self.send(307, {"Location": target}, b"", head)
            repo = self.check_repo(repo_id, head)
            if repo is None:
                return
            commit = repo.commit_for(revision)
            if commit is None:
                return self.error(404, "RevisionNotFound", "Invalid rev id: " + revision, head)
            fault = state.take_fault(repo_id, file, "HEAD" if head else "GET")
            if fault and fault["kind"] == "slow":
                time.sleep(fault["seconds"])
            if fault and fault["kind"] == "500":
                return self.error(500, "", "Internal Error (injected)", head)
            if file not in repo.files:
                return self.error(404, "EntryNotFound", "Entry not found", head, {"X-Repo-Commit": commit})
            data = repo.files[file]
            headers = {"X-Repo-Commit": commit}
            if file in repo.lfs:
                sha = hashlib.sha256(data).hexdigest()
                headers.update({
                    "X-Linked-Etag": '"%s"' % sha,
                    "X-Linked-Size": str(len(data)),
                    "ETag": '"%s"' % git_blob_sha1(b"version https://git-lfs.github.com/spec/v1\n"),
                    "Location": "http://%s:%d/_lfs/%s?file=%s" % (self.server.server_address[0],
                                                               self.server.server_address[1], sha,
                                                               urllib.parse.quote(file)),
                })
                if fault:  # body faults travel with the redirect to the CDN
                    with state.lock:
                        fault["times"] = 1
                        state.faults.append(fault)
                return self.send(302, headers, b"", head)
            headers["ETag"] = '"%s"' % git_blob_sha1(data)
            self.serve_bytes(data, headers, head, fault)

        def lfs(self, rest, head):
            sha = rest.split("?")[0]
            if sha not in by_sha256:
                return self.error(404, "", "no such LFS object", head)
            repo, file = by_sha256[sha]
            fault = state.take_fault(repo.repo_id, file, "HEAD" if head else "GET")
            if fault and fault["kind"] == "slow":
                time.sleep(fault["seconds"])
            if fault and fault["kind"] == "500":
                return self.error(500, "", "Internal Error (injected)", head)
            self.serve_bytes(repo.files[file], {"ETag": '"%s"' % sha}, head, fault)

        def api(self, repo_id, revision, head):
            repo = self.check_repo(repo_id, head)
            if repo is None:
                return
            commit = repo.commit_for(revision)
            if commit is None:
                return self.error(404, "RevisionNotFound", "Invalid rev id: " + revision, head)
            body = json.dumps({"id": repo_id, "modelId": repo_id, "sha": commit,
                               "siblings": [{"rfilename": p} for p in sorted(repo.files)]}).encode()
            self.send(200, {"Content-Type": "application/json"}, body, head)

        def control(self, path, query):
            def q(name, default=None):
                return query.get(name, [default])[0]
            if path == "/_control/fault":
                kind = q("kind")
                default_method = "ANY" if kind in ("500", "slow") else "GET"
                with state.lock:
                    state.faults.append({"repo": q("repo"), "file": q("file"), "kind": kind,
                                         "times": int(q("times", "1")), "seconds": float(q("seconds", "0")),
                                         "method": q("method", default_method)})
                return self.send(200, {}, b"ok")
            if path == "/_control/log":
                with state.lock:
                    body = json.dumps(state.log).encode()
                return self.send(200, {"Content-Type": "application/json"}, body)
            if path == "/_control/reset":
                with state.lock:
                    state.log.clear()
                    state.faults.clear()
                return self.send(200, {}, b"ok")
            self.error(404, "", "unknown control " + path, False)

    return Handler


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repo", action="append", default=[], help="ID=FOLDER[@COMMIT]")
    ap.add_argument("--exclude", action="append", default=[], help="glob of files not to serve")
    ap.add_argument("--lfs", action="append", default=None, help="glob of LFS files (default *.safetensors)")
    ap.add_argument("--gated", action="append", default=[], help="ID=TOKEN: repo needing that token")
    ap.add_argument("--rename", action="append", default=[], help="OLD_ID=NEW_ID: relative 307 redirect")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--max-seconds", type=float, default=120)
    args = ap.parse_args()

    repos = {}
    for spec in args.repo:
        repo_id, rest = spec.split("=", 1)
        folder, _, commit = rest.partition("@")
        repos[repo_id] = Repo(repo_id, folder, commit or None, args.exclude, args.lfs or ["*.safetensors"])
    gated = dict(s.split("=", 1) for s in args.gated)
    renames = dict(s.split("=", 1) for s in args.rename)

    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(repos, renames, gated, State()))
    server.daemon_threads = True
    print("http://127.0.0.1:%d" % server.server_address[1], flush=True)

    parent = os.getppid()

    def watchdog():  # bounded lifetime: never outlive the test that started us
        deadline = time.monotonic() + args.max_seconds
        while time.monotonic() < deadline and os.getppid() == parent:
            time.sleep(0.2)
        os._exit(0)

    threading.Thread(target=watchdog, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
