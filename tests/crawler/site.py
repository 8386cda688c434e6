"""A tiny configurable web site on 127.0.0.1 (port 0) for crawler tests and the benchmark."""
from __future__ import annotations

import gzip
import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable


@dataclass
class Page:
    body: bytes | str = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: bool = True                  # serve an ETag and answer If-None-Match with 304
    last_modified: str | None = None   # served and honoured via If-Modified-Since (exact match)

    def raw(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


Handler = Callable[["Request"], tuple[int, dict[str, str], bytes] | None]


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float
    handler: BaseHTTPRequestHandler


class Site:
    """Routes: path (with query) -> Page, or a callable(Request) returning (status, headers, body)
    or None when it wrote the response itself (truncated bodies, slow responses)."""

    def __init__(self) -> None:
        self.routes: dict[str, Page | Handler] = {}
        self.log: list[Request] = []
        self._lock = threading.Lock()
        site = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):  # keep test output quiet
                pass

            def do_GET(self):
                req = Request(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic(), self)
                with site._lock:
                    site.log.append(req)
                route = site.routes.get(self.path)
                if route is None:
                    return self._send(404, {"Content-Type": "text/plain"}, b"not found")
                if callable(route):
                    out = route(req)
                    if out is not None:
                        self._send(*out)
                    return
                self._serve_page(route, req)

            def _serve_page(self, page: Page, req: Request):
                headers = {"Content-Type": page.content_type, **page.headers}
                body = page.raw()
                if page.status == 200 and page.etag:
                    tag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                    headers["ETag"] = tag
                    if req.headers.get("if-none-match") == tag:
                        return self._send(304, {"ETag": tag}, b"")
                if page.status == 200 and page.last_modified:
                    headers["Last-Modified"] = page.last_modified
                    if req.headers.get("if-modified-since") == page.last_modified:
                        return self._send(304, {}, b"")
                self._send(page.status, headers, body)

            def _send(self, status, headers, body):
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                if not any(k.lower() == "content-length" for k in headers):
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    try:
                        self.wfile.write(body)
                    except (BrokenPipeError, ConnectionResetError):
                        pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> "Site":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def add(self, path: str, page: Page | Handler | str) -> "Site":
        self.routes[path] = Page(page) if isinstance(page, str) else page
        return self

    def paths(self) -> list[str]:
        with self._lock:
            return [r.path for r in self.log]

    def requests_to(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.log if r.path == path]

    def clear_log(self) -> None:
        with self._lock:
            self.log.clear()


def html(title: str, body: str, head: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
            f"<body><h1>{title}</h1>{body}</body></html>")


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9)
