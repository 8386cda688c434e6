"""Serve the sample site on loopback, with the validators a real portal sends (ETag, Last-Modified)."""
from __future__ import annotations

import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .site import Site

DEFAULT_PORT = 8765


class SampleSite:
    """A running sample site. `with SampleSite(port=0) as site: site.base_url`."""

    def __init__(self, host: str = "127.0.0.1", port: int = DEFAULT_PORT):
        self.site = Site()
        self.requests: Counter[tuple[str, int]] = Counter()  # (path, status) → count, for tests
        self.log: list[tuple[str, str, int]] = []  # (path, conditional?, status)
        outer = self

        class Handler(BaseHTTPRequestHandler):
            server_version = "SampleCMS/1.0"

            def do_GET(self) -> None:  # noqa: N802 (http.server API)
                page = outer.site.pages.get(self.path)
                conditional = "If-None-Match" in self.headers or "If-Modified-Since" in self.headers
                if page is None:
                    self._send(404, b"<h1>404 Kh\xc3\xb4ng t\xc3\xacm th\xe1\xba\xa5y trang</h1>", "text/html; charset=utf-8")
                elif self.headers.get("If-None-Match") == page.etag or (
                        "If-None-Match" not in self.headers and self.headers.get("If-Modified-Since") == page.last_modified):
                    self._send(304, b"", None, page)
                else:
                    self._send(200, page.body, page.content_type, page)
                outer.log.append((self.path, "conditional" if conditional else "plain", self._status))

            def do_HEAD(self) -> None:  # noqa: N802
                self.do_GET()

            def _send(self, status: int, body: bytes, ctype: str | None, page=None) -> None:
                self._status = status
                outer.requests[(self.path, status)] += 1
                self.send_response(status)
                if ctype:
                    self.send_header("Content-Type", ctype)
                if page is not None:
                    self.send_header("ETag", page.etag)
                    self.send_header("Last-Modified", page.last_modified)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def log_message(self, *args) -> None:  # keep test output quiet
                pass

        try:
            self.httpd = ThreadingHTTPServer((host, port), Handler)
        except OSError as e:
            raise OSError(f"sample site: cannot listen on {host}:{port}: {e.strerror}") from None
        self.httpd.daemon_threads = True
        self.host, self.port = self.httpd.server_address[:2]
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> "SampleSite":
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="sample-site", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> "SampleSite":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main() -> None:
    import argparse
    import time

    ap = argparse.ArgumentParser(description="Serve the parwatch sample site on loopback.")
    ap.add_argument("--port", type=int, default=DEFAULT_PORT)
    a = ap.parse_args()
    with SampleSite(port=a.port) as site:
        print(f"sample site at {site.base_url}/sonoivu/tin-tuc/ and {site.base_url}/bao/cai-cach-hanh-chinh/", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
