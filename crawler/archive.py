"""WARC archive of every response read, with a SQLite index that survives restarts.

Layout under root:
  warc/YYYY/MM/DD/<stamp>-<uuid>.warc.gz   one file per stored fetch (response or revisit
                                           record first, at offset 0, then the request record);
                                           written to a temp name, fsynced, renamed.
  index.sqlite                             records (one row per WARC response/revisit record),
                                           payloads (sha256 -> record holding the body),
                                           urls (latest state per URL: validators, holder record).
Identical payloads are stored once: a second body with a known sha256 becomes a revisit record
(identical-payload-digest profile) pointing at the record that holds the bytes.
"""
from __future__ import annotations

import hashlib
import io
import os
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
  record_id TEXT PRIMARY KEY, type TEXT NOT NULL, url TEXT NOT NULL, final_url TEXT,
  status INTEGER, sha256 TEXT, warc_file TEXT NOT NULL, warc_offset INTEGER NOT NULL,
  fetched_at TEXT NOT NULL, etag TEXT, last_modified TEXT, content_type TEXT,
  refers_to TEXT, source_id TEXT, kind TEXT, bytes INTEGER);
CREATE INDEX IF NOT EXISTS records_url ON records(url);
CREATE TABLE IF NOT EXISTS payloads (sha256 TEXT PRIMARY KEY, record_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS urls (
  url TEXT PRIMARY KEY, record_id TEXT NOT NULL, sha256 TEXT, status INTEGER, etag TEXT,
  last_modified TEXT, fetched_at TEXT NOT NULL, kind TEXT, final_url TEXT, content_type TEXT);
"""


class ArchiveError(Exception):
    pass


@dataclass
class ArchivedResponse:
    record_id: str            # the record asked for (may be a revisit)
    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    content_type: str | None
    sha256: str
    fetched_at: str
    warc_file: str
    warc_offset: int
    payload_record_id: str    # the record holding the bytes
    request_headers: dict[str, str] = field(default_factory=dict)


@dataclass
class StoredRecord:
    record_id: str            # the new WARC record (response or revisit)
    payload_record_id: str    # the record holding the body
    warc_file: str            # of the payload record
    warc_offset: int
    sha256: str
    revisit: bool


@dataclass
class UrlState:
    url: str
    record_id: str
    sha256: str | None
    status: int | None
    etag: str | None
    last_modified: str | None
    fetched_at: str
    kind: str | None
    final_url: str | None
    content_type: str | None
    warc_file: str | None = None
    warc_offset: int | None = None


def utcnow_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _warc_date(iso: str) -> str:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Archive:
    def __init__(self, root: str | Path):
        self.root = Path(root)
        (self.root / "warc").mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._pending: dict[str, threading.Event] = {}   # sha256 -> being written by another thread
        self._db = sqlite3.connect(self.root / "index.sqlite", check_same_thread=False, isolation_level=None,
                                   timeout=60)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(SCHEMA)
        self._sweep_temp_files()

    def _sweep_temp_files(self) -> None:
        # A crash between write and rename leaves *.tmp files no index row points to. Only old
        # ones go: another process (a parallel Dagster run) may be writing a fresh one right now.
        cutoff = time.time() - 3600
        for tmp in (self.root / "warc").rglob("*.warc.gz.tmp"):
            try:
                if tmp.stat().st_mtime < cutoff:
                    tmp.unlink()
            except FileNotFoundError:
                pass

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- writing -------------------------------------------------------------------------

    def store(self, *, url: str, status: int, reason: str = "", response_headers: list[tuple[str, str]],
              body: bytes, request_headers: list[tuple[str, str]] | None = None, method: str = "GET",
              fetched_at: str | None = None, final_url: str | None = None, kind: str | None = None,
              content_type: str | None = None, etag: str | None = None, last_modified: str | None = None,
              source_id: str | None = None) -> StoredRecord:
        """Archive one response; a payload already held becomes a revisit record."""
        fetched_at = fetched_at or utcnow_iso()
        target = final_url or url
        sha = hashlib.sha256(body).hexdigest()
        # The body is stored decoded, so drop the headers describing the wire encoding.
        headers = [(k, v) for k, v in response_headers
                   if k.lower() not in ("content-encoding", "transfer-encoding", "content-length")]
        headers.append(("Content-Length", str(len(body))))
        http_headers = StatusAndHeaders(f"{status} {reason}".strip(), headers, protocol="HTTP/1.1")
        record_id = f"urn:uuid:{uuid.uuid4()}"
        rel = self._new_warc_path(fetched_at)
        holder = self._claim_payload(sha)
        try:
            buf = io.BytesIO()
            writer = WARCWriter(buf, gzip=True, warc_version="1.1")
            warc_headers = {"WARC-Record-ID": f"<{record_id}>", "WARC-Date": _warc_date(fetched_at)}
            if holder:
                rec = writer.create_revisit_record(
                    target, digest=f"sha256:{sha}", refers_to_uri=holder[1],
                    refers_to_date=_warc_date(holder[2]), http_headers=http_headers, warc_headers_dict=warc_headers)
                rec.rec_headers.add_header("WARC-Refers-To", f"<{holder[0]}>")
            else:
                rec = writer.create_warc_record(
                    target, "response", payload=io.BytesIO(body), length=len(body), http_headers=http_headers,
                    warc_headers_dict={**warc_headers, "WARC-Payload-Digest": f"sha256:{sha}"})
            writer.write_record(rec)
            req = StatusAndHeaders(f"{method} {_path_of(target)} HTTP/1.1", list(request_headers or []),
                                   is_http_request=True)
            writer.write_record(writer.create_warc_record(
                target, "request", http_headers=req,
                warc_headers_dict={"WARC-Concurrent-To": f"<{record_id}>", "WARC-Date": _warc_date(fetched_at)}))
            # The slow part (fsync) runs outside the lock so hosts crawled in parallel do not queue here.
            self._write_atomically(self.root / rel, buf.getvalue())
            payload_id, wfile, woff = (holder[0], holder[3], holder[4]) if holder else (record_id, rel, 0)
            with self._lock:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    self._db.execute(
                        "INSERT INTO records VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        (record_id, "revisit" if holder else "response", url, target, status, sha, rel, 0,
                         fetched_at, etag, last_modified, content_type, holder[0] if holder else None,
                         source_id, kind, len(body)))
                    if not holder:
                        self._db.execute("INSERT INTO payloads VALUES (?,?)", (sha, record_id))
                    self._upsert_url(url, payload_id, sha, status, etag, last_modified, fetched_at, kind, target,
                                     content_type)
                    self._db.execute("COMMIT")
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
        finally:
            if not holder:
                with self._lock:
                    self._pending.pop(sha).set()
        return StoredRecord(record_id, payload_id, wfile, woff, sha, bool(holder))

    def _claim_payload(self, sha: str):
        """The record already holding these bytes (url, date, file, offset), or None after claiming them.

        A payload being written by another thread is waited for, so a revisit never refers to a
        record that is not in the index yet."""
        while True:
            with self._lock:
                row = self._db.execute(
                    "SELECT p.record_id, r.final_url, r.fetched_at, r.warc_file, r.warc_offset FROM payloads p "
                    "JOIN records r ON r.record_id = p.record_id WHERE p.sha256 = ?", (sha,)).fetchone()
                if row:
                    return row
                pending = self._pending.get(sha)
                if pending is None:
                    self._pending[sha] = threading.Event()
                    return None
            pending.wait()

    def update_url(self, url: str, *, record_id: str, sha256: str | None, status: int | None,
                   etag: str | None, last_modified: str | None, fetched_at: str, kind: str | None,
                   final_url: str | None, content_type: str | None) -> None:
        """Record fresh validators for a URL whose body did not change (304 or same bytes)."""
        with self._lock:
            self._upsert_url(url, record_id, sha256, status, etag, last_modified, fetched_at, kind, final_url,
                             content_type)

    def _upsert_url(self, url, record_id, sha, status, etag, last_modified, fetched_at, kind, final_url,
                    content_type) -> None:
        self._db.execute(
            "INSERT INTO urls VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(url) DO UPDATE SET "
            "record_id=excluded.record_id, sha256=excluded.sha256, status=excluded.status, "
            "etag=excluded.etag, last_modified=excluded.last_modified, fetched_at=excluded.fetched_at, "
            "kind=excluded.kind, final_url=excluded.final_url, content_type=excluded.content_type",
            (url, record_id, sha, status, etag, last_modified, fetched_at, kind, final_url, content_type))

    def _new_warc_path(self, fetched_at: str) -> str:
        d = datetime.fromisoformat(fetched_at.replace("Z", "+00:00"))
        return (f"warc/{d:%Y/%m/%d}/parwatch-{d:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:12]}.warc.gz")

    @staticmethod
    def _write_atomically(path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)

    # ---- reading -------------------------------------------------------------------------

    def url_state(self, url: str) -> UrlState | None:
        with self._lock:
            row = self._db.execute(
                "SELECT u.url, u.record_id, u.sha256, u.status, u.etag, u.last_modified, u.fetched_at, u.kind, "
                "u.final_url, u.content_type, r.warc_file, r.warc_offset FROM urls u "
                "LEFT JOIN records r ON r.record_id = u.record_id WHERE u.url = ?", (url,)).fetchone()
        return UrlState(*row) if row else None

    def payload_holder(self, sha256: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT record_id FROM payloads WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def index_rows(self) -> list[dict]:
        """Every archived record (url, status, sha256, warc file and offset, fetched_at, validators)."""
        with self._lock:
            cur = self._db.execute("SELECT * FROM records ORDER BY fetched_at, record_id")
            cols = [c[0] for c in cur.description]
            return [dict(zip(cols, r)) for r in cur.fetchall()]

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM records").fetchone()[0]

    def read(self, record_id: str) -> ArchivedResponse:
        """The archived response for a record id (a revisit's body comes from the record it refers to)."""
        rid = record_id if record_id.startswith("urn:") else f"urn:uuid:{record_id}"
        with self._lock:
            row = self._db.execute(
                "SELECT record_id, url, final_url, warc_file, warc_offset, refers_to, fetched_at, sha256, "
                "content_type FROM records WHERE record_id = ?", (rid,)).fetchone()
        if not row:
            raise ArchiveError(f"{self.root}: no archived record {record_id!r}")
        _, url, final_url, wfile, woff, refers_to, fetched_at, sha, sniffed = row
        status, headers, req_headers, body = self._load(wfile, woff)
        payload_id = rid
        if refers_to:
            payload_id = refers_to
            with self._lock:
                hrow = self._db.execute("SELECT warc_file, warc_offset FROM records WHERE record_id = ?",
                                        (refers_to,)).fetchone()
            if not hrow:
                raise ArchiveError(f"{self.root}: revisit {rid} refers to missing record {refers_to}")
            _, _, _, body = self._load(*hrow)
        # The type sniffed from the bytes at crawl time beats a lying Content-Type header.
        ctype = sniffed or next((v for k, v in headers.items() if k.lower() == "content-type"), None)
        return ArchivedResponse(rid, final_url or url, status, headers, body, ctype, sha, fetched_at, wfile, woff,
                                payload_id, req_headers)

    def _load(self, wfile: str, offset: int) -> tuple[int, dict, dict, bytes]:
        path = self.root / wfile
        try:
            f = open(path, "rb")
        except FileNotFoundError:
            raise ArchiveError(f"{path}: WARC file missing from the archive") from None
        with f:
            f.seek(offset)
            status, headers, body, req = 0, {}, b"", {}
            for rec in ArchiveIterator(f):
                if rec.rec_type in ("response", "revisit"):
                    status = int(rec.http_headers.get_statuscode() or 0)
                    headers = dict(rec.http_headers.headers)
                    body = rec.content_stream().read() if rec.rec_type == "response" else b""
                elif rec.rec_type == "request":
                    req = dict(rec.http_headers.headers)
                    break
            return status, headers, req, body


def _path_of(url: str) -> str:
    from urllib.parse import urlsplit
    p = urlsplit(url)
    return (p.path or "/") + (f"?{p.query}" if p.query else "")
