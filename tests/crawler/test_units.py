"""URL canonicalisation, type sniffing, charsets, relevance, archive durability."""
from __future__ import annotations

import os
import time
import unicodedata

import pytest
from warcio.archiveiterator import ArchiveIterator

from crawler import Archive, ArchiveError, canonicalize, decode_text, sniff
from crawler.relevance import is_relevant
from crawler.urls import URLError, is_pagination_of, looks_like_attachment


@pytest.mark.parametrize("raw,want", [
    ("HTTP://SoNoiVu.BacKan.gov.vn:80/tin-tuc/index.html#top", "http://sonoivu.backan.gov.vn/tin-tuc/"),
    ("https://a.gov.vn:443/x?utm_source=fb&id=3&fbclid=abc", "https://a.gov.vn/x?id=3"),
    ("https://a.gov.vn/tin-tức/cải cách", "https://a.gov.vn/tin-t%E1%BB%A9c/c%E1%BA%A3i%20c%C3%A1ch"),
    ("https://a.gov.vn/tin-t%E1%BB%A9c/c%E1%BA%A3i%20c%C3%A1ch", "https://a.gov.vn/tin-t%E1%BB%A9c/c%E1%BA%A3i%20c%C3%A1ch"),
    ("https://a.gov.vn:8443//x//y", "https://a.gov.vn:8443/x/y"),
    ("https://a.gov.vn", "https://a.gov.vn/"),
    ("https://a.gov.vn/tin;jsessionid=AB12C?id=1&PHPSESSID=x", "https://a.gov.vn/tin?id=1"),
    ("https://a.gov.vn/(S(lit3py55t21z5v55vlm25s55))/tin.aspx", "https://a.gov.vn/tin.aspx"),
])
def test_canonicalize(raw, want):
    assert canonicalize(raw) == want


def test_canonicalize_rejects_non_http():
    with pytest.raises(URLError, match="not an http"):
        canonicalize("ftp://a.gov.vn/x")
    assert canonicalize("../b?page=2", base="https://a.gov.vn/x/y/z") == "https://a.gov.vn/x/b?page=2"


def test_pagination_and_attachments():
    assert is_pagination_of("https://a/x?trang=3", "https://a/x?trang=2")
    assert is_pagination_of("https://a/web/t?p_p_id=1&_1_cur=2", "https://a/web/t?p_p_id=1")
    assert is_pagination_of("https://a/cat/page/2/", "https://a/cat/")
    assert not is_pagination_of("https://a/tin?id=8", "https://a/tin?id=7")
    assert looks_like_attachment("https://a/Download.aspx?file=QD%20CCHC.PDF")
    assert looks_like_attachment("https://a/documents/1/2/QD+1.docx/uuid?version=1.0")
    assert not looks_like_attachment("https://a/tin-tuc/pdf-reader")


def test_sniff_trusts_bytes_over_header():
    assert sniff(b"%PDF-1.7 ...", "text/html") == "application/pdf"
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 20, "text/html") == "application/msword"
    assert sniff(b"  <!DOCTYPE html><html>", "application/octet-stream") == "text/html"
    assert sniff(b"<?xml version='1.0'?><urlset>", "text/xml") == "application/sitemap+xml"
    assert sniff(b"plain words", "text/plain") == "text/plain"
    import io
    import docx
    d = docx.Document()
    d.add_paragraph("Chỉ số CCHC")
    buf = io.BytesIO()
    d.save(buf)
    assert sniff(buf.getvalue(), "application/octet-stream").endswith("wordprocessingml.document")


def test_decode_text_charsets_end_up_nfc():
    word = "Cải cách hành chính"
    nfd = unicodedata.normalize("NFD", word)
    assert decode_text(nfd.encode("utf-8"), "text/html") == word
    # windows-1258 stores tones as combining marks; decoding must compose them.
    cp = "Ca\u0309i ca\u0301ch ha\u0300nh chi\u0301nh".encode("cp1258")
    assert decode_text(b"<meta charset='windows-1258'>" + cp, None).endswith(word)
    assert decode_text(cp, "text/html; charset=windows-1258") == word
    assert decode_text("Chỉ số CCHC".encode("utf-8-sig"), None) == "Chỉ số CCHC"


def test_relevance_on_slugs_anchor_text_and_titles():
    assert is_relevant("/tin-tuc/cong-bo-chi-so-cai-cach-hanh-chinh-2024")
    assert is_relevant("Công bố PAR INDEX 2023") and is_relevant("Kết quả SIPAS") and is_relevant("CCHC")
    assert not is_relevant("Lễ hội đền Hùng", "/le-hoi/den-hung")
    assert is_relevant("Giải thưởng X", keywords=["giải thưởng"])


def test_archive_survives_restart_and_writes_valid_warc(tmp_path):
    a = Archive(tmp_path)
    s1 = a.store(url="https://a.gov.vn/x", status=200, reason="OK", body=b"<html>1</html>",
                 response_headers=[("Content-Type", "text/html"), ("ETag", '"e1"')],
                 request_headers=[("User-Agent", "parwatch")], etag='"e1"')
    s2 = a.store(url="https://a.gov.vn/y", status=200, body=b"<html>1</html>", response_headers=[])
    a.close()
    assert not list(tmp_path.rglob("*.tmp"))
    b = Archive(tmp_path)
    assert s2.revisit and s2.payload_record_id == s1.record_id
    r = b.read(s2.record_id)
    assert (r.url, r.body, r.payload_record_id) == ("https://a.gov.vn/y", b"<html>1</html>", s1.record_id)
    assert b.url_state("https://a.gov.vn/x").etag == '"e1"'
    rows = b.index_rows()
    assert [x["type"] for x in rows] == ["response", "revisit"]
    with open(tmp_path / rows[0]["warc_file"], "rb") as f:
        types = [(rec.rec_type, rec.rec_headers.get_header("WARC-Payload-Digest")) for rec in ArchiveIterator(f)]
    assert types[0] == ("response", "sha256:" + s1.sha256) and types[1][0] == "request"
    with open(tmp_path / rows[1]["warc_file"], "rb") as f:
        rec = next(iter(ArchiveIterator(f)))
    assert rec.rec_type == "revisit" and rec.rec_headers.get_header("WARC-Refers-To") == f"<{s1.record_id}>"
    with pytest.raises(ArchiveError, match="no archived record"):
        b.read("urn:uuid:00000000-0000-0000-0000-000000000000")
    b.close()


def test_archive_removes_leftover_temp_files(tmp_path):
    Archive(tmp_path).close()
    junk = tmp_path / "warc" / "2026" / "x.warc.gz.tmp"
    junk.parent.mkdir(parents=True)
    junk.write_bytes(b"half")
    fresh = tmp_path / "warc" / "2026" / "y.warc.gz.tmp"
    fresh.write_bytes(b"being written by another process")
    os.utime(junk, (time.time() - 7200, time.time() - 7200))
    Archive(tmp_path).close()
    assert not junk.exists() and fresh.exists()
