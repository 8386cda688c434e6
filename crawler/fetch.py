"""One polite HTTP GET: safety check per hop, manual redirects, retries with backoff, size caps."""
from __future__ import annotations

import email.utils
import logging
import random
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable

import requests
import urllib3

from .politeness import gate_for
from .safety import PEER_REFUSED, PublicOnlyAdapter, UnsafeAddress, check_url
from .settings import CrawlSettings
from .urls import URLError, canonicalize, host_key

log = logging.getLogger(__name__)

REDIRECTS = {301, 302, 303, 307, 308}


@dataclass
class FetchResult:
    url: str
    final_url: str
    status: int | None = None
    reason_phrase: str = ""
    headers: list[tuple[str, str]] = field(default_factory=list)
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    error: str | None = None           # None when a response was read in full
    too_large: bool = False
    unsafe: bool = False
    elapsed_ms: int = 0
    fetched_at: str = ""

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)


class _Retry(Exception):
    def __init__(self, reason: str, retry_after: float | None = None, result: FetchResult | None = None):
        super().__init__(reason)
        self.reason, self.retry_after, self.result = reason, retry_after, result


def parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _now_iso() -> str:
    return _iso(time.time())


class Fetcher:
    """HTTP for one source: a pooled session per host, the source's safety and TLS settings."""

    def __init__(self, settings: CrawlSettings, *, allow_private: bool, verify_tls: bool,
                 user_agent: str, interval_for: Callable[[str], float]):
        self.settings = settings
        self.allow_private = allow_private
        self.verify_tls = verify_tls
        self.user_agent = user_agent
        self.interval_for = interval_for   # host -> seconds between requests (rate, Crawl-delay)
        self._sessions: dict[str, requests.Session] = {}
        self.requests_made = 0
        if not verify_tls:
            # The crawl logs its own warning once per run; urllib3's per-request one would flood the log.
            urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)

    def close(self) -> None:
        for s in self._sessions.values():
            s.close()

    def _session(self, host: str) -> requests.Session:
        s = self._sessions.get(host)
        if s is None:
            s = requests.Session()
            s.headers.update({"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate",
                              "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                              "Accept-Language": "vi,en;q=0.5"})
            s.verify = self.verify_tls
            s.max_redirects = self.settings.max_redirects
            if not self.allow_private:
                guard = PublicOnlyAdapter(self.settings.private_allowlist)
                s.mount("http://", guard)
                s.mount("https://", guard)
            self._sessions[host] = s
        return s

    def get(self, url: str, *, max_bytes: int, conditional: dict[str, str] | None = None,
            on_retry: Callable[[FetchResult, str], None] | None = None) -> FetchResult:
        """GET url with retries. Transient failures (timeouts, connection errors, truncated
        bodies, 429, 5xx) are retried with exponential backoff and jitter, honouring Retry-After;
        each retried attempt is reported through on_retry. The returned result is final."""
        s = self.settings
        for attempt in range(1, s.max_tries + 1):
            started = time.monotonic()
            try:
                return self._get_once(url, max_bytes, conditional or {})
            except _Retry as r:
                res = r.result or FetchResult(url, url)
                res.error = r.reason
                res.elapsed_ms = int((time.monotonic() - started) * 1000)
                res.fetched_at = res.fetched_at or _now_iso()
                if attempt == s.max_tries:
                    return res
                wait = min(s.backoff_base * 2 ** (attempt - 1), s.backoff_max) * random.uniform(0.75, 1.25)
                if r.retry_after is not None:
                    if r.retry_after > s.max_retry_after:
                        res.error = f"{r.reason} (Retry-After {r.retry_after:.0f}s exceeds limit)"
                        return res
                    wait = max(wait, r.retry_after)
                if on_retry:
                    on_retry(res, f"{r.reason}, retried")
                time.sleep(wait)
        raise AssertionError("unreachable")

    def _get_once(self, url: str, max_bytes: int, conditional: dict[str, str]) -> FetchResult:
        started = time.monotonic()
        res = FetchResult(url=url, final_url=url, fetched_at=_now_iso())
        seen = [url]
        current = url
        try:
            while True:
                try:
                    check_url(current, allow_private=self.allow_private, allowlist=self.settings.private_allowlist)
                except UnsafeAddress:
                    res.final_url, res.error, res.unsafe = current, "private address", True
                    return res
                except OSError:
                    raise _Retry("dns", result=res)
                host = host_key(current)
                started_at = gate_for(host).wait(self.interval_for(host))
                self.requests_made += 1
                res.fetched_at = _iso(started_at)
                # verify is passed per request: this requests version ignores Session.verify here.
                resp = self._session(host).get(current, headers=conditional, allow_redirects=False, stream=True,
                                               verify=self.verify_tls, timeout=self.settings.timeouts())
                try:
                    res.final_url, res.status, res.reason_phrase = current, resp.status_code, resp.reason or ""
                    res.headers = list(resp.headers.items())
                    res.request_headers = list(resp.request.headers.items())
                    if resp.status_code in REDIRECTS and resp.headers.get("Location"):
                        try:
                            nxt = canonicalize(resp.headers["Location"], base=current)
                        except URLError:
                            res.error = "bad redirect"
                            return res
                        if nxt in seen:
                            res.error = "redirect loop"
                            return res
                        if len(seen) > self.settings.max_redirects:
                            res.error = "too many redirects"
                            return res
                        seen.append(nxt)
                        current = nxt
                        continue
                    if resp.status_code == 429 or resp.status_code >= 500:
                        raise _Retry(str(resp.status_code), parse_retry_after(resp.headers.get("Retry-After")), res)
                    if resp.status_code == 304:
                        return res
                    self._read_body(resp, res, max_bytes, started)
                    if resp.status_code >= 400:
                        res.error = str(resp.status_code)
                    return res
                finally:
                    resp.close()
        except requests.exceptions.SSLError:
            res.error = "tls"
            return res
        except (requests.exceptions.Timeout, urllib3.exceptions.TimeoutError):
            raise _Retry("timeout", result=res)
        except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError,
                urllib3.exceptions.ProtocolError):
            raise _Retry("truncated", result=res)
        except requests.exceptions.ConnectionError as e:
            if PEER_REFUSED in str(e):   # DNS answered differently at connect time (rebinding)
                res.error, res.unsafe = "private address", True
                return res
            raise _Retry("connection error", result=res)
        except requests.exceptions.RequestException as e:
            res.error = f"request error: {type(e).__name__}"
            return res
        finally:
            res.elapsed_ms = int((time.monotonic() - started) * 1000)

    def _read_body(self, resp: requests.Response, res: FetchResult, max_bytes: int, started: float) -> None:
        declared = resp.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            res.error, res.too_large = "too large", True
            return
        chunks, total = [], 0
        # iter_content decodes gzip/deflate, so the cap applies to decoded bytes (gzip bombs stop early).
        for chunk in resp.iter_content(64 * 1024):
            total += len(chunk)
            if total > max_bytes:
                res.error, res.too_large = "too large", True
                res.body = b""
                return
            if time.monotonic() - started > self.settings.max_fetch_seconds:
                raise _Retry("timeout", result=res)
            chunks.append(chunk)
        res.body = b"".join(chunks)
