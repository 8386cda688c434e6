"""Plain text and Unicode normalisation: seeds come back unchanged, old tone placement fixed."""
import glob
import unicodedata

import pytest

import documents
from documents.textnorm import fix_tone_placement, normalize_text

import os

_REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEEDS = sorted(glob.glob(os.path.join(_REPO, "sample_site", "content", "seeds", "*.txt")))


@pytest.mark.skipif(not SEEDS, reason="seed documents not present")
@pytest.mark.parametrize("path", SEEDS)
def test_seed_txt_is_read_unchanged(path):
    raw = open(path, encoding="utf-8").read()
    doc = documents.read_path(path)
    assert doc.status == "ok" and doc.doc_id == path and doc.content_type == "txt"
    assert doc.text == normalize_text(raw)
    assert len(doc.text) == len(raw)  # gold spans are offsets into the raw file


@pytest.mark.parametrize("old,new", [
    ("Thanh Hoá", "Thanh Hóa"), ("Khánh Hoà", "Khánh Hòa"), ("HOÁ", "HÓA"), ("khoẻ", "khỏe"),
    ("thuỷ", "thủy"), ("tuỳ", "tùy"), ("hoạ", "họa"),
    # unchanged: closed syllables, qu-, vowels with breve/circumflex, already new placement
    ("hoàn", "hoàn"), ("Quý", "Quý"), ("quỳnh", "quỳnh"), ("hoặc", "hoặc"), ("Hóa", "Hóa"), ("ngoại", "ngoại"),
])
def test_tone_placement(old, new):
    assert fix_tone_placement(old) == new
    assert len(fix_tone_placement(old)) == len(old)


def test_decomposed_unicode_and_crlf_are_normalised():
    decomposed = unicodedata.normalize("NFD", "Chỉ số CCHC tỉnh Thanh Hoá\r\nđạt 81,81/100")
    doc = documents.read_bytes(decomposed.encode("utf-8"), name="a.txt")
    assert doc.text == "Chỉ số CCHC tỉnh Thanh Hóa\nđạt 81,81/100"


def test_txt_in_windows_1258_or_utf16_is_decoded():
    text = "Chỉ số cải cách hành chính năm 2022 của huyện Bạch Thông đạt 88,21/100 điểm."
    assert documents.read_bytes(text.encode("utf-16"), name="a.txt").text == text
    assert documents.read_bytes(("\ufeff" + text).encode("utf-8"), name="a.txt").text == text


def test_read_bytes_defaults():
    data = "Xếp thứ 7/8".encode()
    doc = documents.read_bytes(data, name="x.txt", url="https://example.gov.vn/a")
    assert doc.doc_id == doc.sha256[:16] and len(doc.sha256) == 64
    assert doc.source_url == "https://example.gov.vn/a"
    assert documents.read_bytes(data, name="x.txt", doc_id="given").doc_id == "given"
