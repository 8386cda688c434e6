"""Bad input never stops the run: read_bytes reports, read_path raises naming the file."""
import pytest

import documents
from tests.documents import fixtures


def test_html_of_50_mb_is_refused():
    doc = documents.read_bytes(fixtures.huge_html(50), name="big.html")
    assert doc.status == "error" and "exceeds" in doc.error and "MB" in doc.error


def test_binary_garbage_named_html():
    doc = documents.read_bytes(fixtures.garbage(), name="trang.html", content_type="text/html")
    assert doc.status == "error" and "binary data" in doc.error


@pytest.mark.parametrize("name", ["x.bin", "x"])
def test_binary_garbage_unknown(name):
    doc = documents.read_bytes(fixtures.garbage(), name=name)
    assert doc.status == "error" and "unknown type" in doc.error


def test_rtf_is_unsupported_with_reason():
    doc = documents.read_bytes(rb"{\rtf1\ansi Chi so CCHC}", name="a.rtf")
    assert doc.status == "unsupported" and "RTF" in doc.error


def test_type_sniffed_from_bytes_not_name(annex_pdf):
    doc = documents.read_bytes(annex_pdf, name="download.html", content_type="text/html")
    assert doc.content_type == "pdf" and doc.status == "ok" and doc.tables


def test_read_path_errors_name_the_file(tmp_path):
    with pytest.raises(documents.DocumentError, match="missing.pdf: no such file"):
        documents.read_path(str(tmp_path / "missing.pdf"))
    with pytest.raises(documents.DocumentError, match="is a directory"):
        documents.read_path(str(tmp_path))
    junk = tmp_path / "junk.html"
    junk.write_bytes(fixtures.garbage())
    with pytest.raises(documents.DocumentError) as info:
        documents.read_path(str(junk))
    assert info.value.name == str(junk) and "binary data" in info.value.reason


def test_read_path_kinds(tmp_path, annex_pdf):
    (tmp_path / "a.pdf").write_bytes(annex_pdf)
    (tmp_path / "a.html").write_text("<html><body><p>Chỉ số CCHC năm 2022 đạt 81,81/100.</p></body></html>")
    (tmp_path / "a.docx").write_bytes(fixtures.docx_bytes(["Chỉ số CCHC"], [["1", "2"]], [], merge_header=False))
    for name, kind in (("a.pdf", "pdf"), ("a.html", "html"), ("a.docx", "docx")):
        doc = documents.read_path(str(tmp_path / name))
        assert doc.content_type == kind and doc.doc_id == str(tmp_path / name) and doc.text


def test_deeply_nested_html_is_read():
    deep = b"<html><body>" + b"<div>" * 20000 + "<p>Chỉ số CCHC đạt 81,81/100</p>".encode() + b"</div>" * 20000
    doc = documents.read_bytes(deep + b"</body></html>", name="deep.html")
    assert doc.status == "ok" and doc.text == "Chỉ số CCHC đạt 81,81/100"


def test_html_just_over_the_cap_names_the_limit():
    data = b"<html><body>" + b"<p>x</p>" * (10 * 2**20 // 8 + 10) + b"</body></html>"
    doc = documents.read_bytes(data, name="big.html")
    assert doc.status == "error" and "10.0 MB limit" in doc.error
