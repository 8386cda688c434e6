"""PDF: text page by page, annex tables (ruled and unruled, merged headers, joined over pages),
two-column order, scans to OCR, and the bad PDFs."""
import os
import subprocess
import sys

import pytest

import documents
from documents import ocr
from tests.documents import fixtures
from tests.documents.conftest import assert_spans


@pytest.fixture(scope="module")
def annex_doc(annex_pdf):
    return documents.read_bytes(annex_pdf, name="qd.pdf")


def test_annex_text_pages_title_date(annex_doc):
    assert annex_doc.status == "ok" and annex_doc.content_type == "pdf"
    assert annex_doc.page_count == 3 and len(annex_doc.pages) == 3
    assert annex_doc.pages[0][0] == 0 and annex_doc.pages[-1][1] == len(annex_doc.text)
    assert annex_doc.published_at == "2023-05-29"
    assert annex_doc.text.startswith("BỘ NỘI VỤ")
    assert annex_doc.title.startswith("QUYẾT ĐỊNH Phê duyệt và công bố Chỉ số cải cách hành chính năm 2022")
    assert annex_doc.page_of(annex_doc.text.index("Điều 1.")) == 1
    assert annex_doc.page_of(annex_doc.text.index("PHỤ LỤC")) == 2
    assert_spans(annex_doc)


def test_annex_table_joined_over_pages_with_merged_header(annex_doc, annex_rows):
    assert len(annex_doc.tables) == 1
    table = annex_doc.tables[0]
    assert table.page == 2
    grid = [[c.text for c in row] for row in table.rows]
    assert len(grid) == 2 + 60  # two header rows once, 60 units; repeated headers dropped
    field_headers = [f"{label} ({mx})" for _, label, mx in fixtures.FIELDS]
    assert grid[0] == ["STT", "Tỉnh, thành phố"] + ["Điểm đạt được theo từng lĩnh vực"] * 8 + ["Tổng điểm (100)", "Xếp hạng"]
    assert grid[1] == ["STT", "Tỉnh, thành phố"] + field_headers + ["Tổng điểm (100)", "Xếp hạng"]
    for n, (row, expected) in enumerate(zip(grid[2:], annex_rows), 1):
        name = expected.name.replace("Hoá", "Hóa").replace("Hoà", "Hòa")  # old tone placement normalised
        assert row == [str(n), name, *expected.scores, expected.total, expected.rank]
    # The last rows come from page 3: provenance by offset.
    assert annex_doc.page_of(table.rows[-1][0].span[0]) == 3
    assert annex_doc.page_of(table.rows[2][0].span[0]) == 2


def test_unruled_annex_table(annex_rows):
    doc = documents.read_bytes(fixtures.annex_decision_pdf(annex_rows, ruled=False), name="unruled.pdf")
    assert doc.tables, doc.text[:500]
    body = [[c.text for c in r] for t in doc.tables for r in t.rows]
    found = {row[1]: row for row in body if len(row) >= 12 and row[0].isdigit()}
    assert len(found) == 60, sorted(found)
    row = found["Bắc Kạn"]
    expected = next(r for r in annex_rows if r.name == "Bắc Kạn")
    assert row[2:] == [*expected.scores, expected.total, expected.rank]
    assert_spans(doc)


def test_two_column_reading_order():
    doc = documents.read_bytes(fixtures.two_column_pdf(), name="bantin.pdf")
    text = doc.text
    assert text.startswith("BẢN TIN CẢI CÁCH HÀNH CHÍNH SỐ 3 NĂM 2023")
    left_end, right_start = text.index("HẾT CỘT TRÁI."), text.index("CỘT PHẢI.")
    assert text.index("CỘT TRÁI.") < left_end < right_start < text.index("HẾT CỘT PHẢI.")
    # Each column's sentences stay whole: the left one never interleaves right-column figures.
    assert "77,50" not in text[:left_end] and "81,81" not in text[right_start:]


def test_single_column_text_is_not_split():
    para = ("Năm 2022, Chỉ số cải cách hành chính của tỉnh đạt 85,12/100 điểm, tăng 2,3 điểm so với năm 2021, "
            "xếp thứ 12/63 tỉnh, thành phố trực thuộc Trung ương. ") * 6
    doc = documents.read_bytes(fixtures.text_pdf([para]), name="one.pdf")
    assert " ".join(doc.text.split()) == " ".join(para.split())


@pytest.mark.skipif(not ocr.available(), reason="tesseract with the vie model not installed")
def test_scanned_page_goes_to_ocr():
    doc = documents.read_bytes(fixtures.scanned_pdf(), name="scan.pdf")
    assert doc.status == "ok" and doc.ocr and doc.ocr_pages == [1]
    assert any("OCR" in n for n in doc.notes)
    text = " ".join(doc.text.split())
    assert "Chỉ số cải cách hành chính" in text
    assert "81,81" in text and "Bắc Kạn" in text


def test_scan_without_ocr_is_needs_ocr_not_empty(tmp_path):
    """Where tesseract is unavailable (PARWATCH_NO_OCR simulates it), the document says so."""
    path = tmp_path / "scan.pdf"
    path.write_bytes(fixtures.scanned_pdf())
    code = ("import documents, json; d = documents.read_bytes(open(%r,'rb').read(), name='scan.pdf'); "
            "print(json.dumps([d.status, d.error, d.ocr]))" % str(path))
    env = dict(os.environ, PARWATCH_NO_OCR="1")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    status, error, used_ocr = __import__("json").loads(out.stdout)
    assert status == "needs_ocr" and not used_ocr
    assert "scanned PDF" in error and "tesseract" in error
    child = subprocess.run([sys.executable, "-c", "import documents; documents.read_path(%r)" % str(path)],
                           env=env, capture_output=True, text=True)
    assert child.returncode != 0 and "DocumentError" in child.stderr and "needs_ocr" in child.stderr


def test_partly_scanned_pdf_without_ocr_keeps_text_and_notes_the_scan(tmp_path):
    path = tmp_path / "mixed.pdf"
    path.write_bytes(fixtures.text_then_scan_pdf())
    code = ("import documents, json; d = documents.read_bytes(open(%r,'rb').read(), name='m.pdf'); "
            "print(json.dumps([d.status, d.notes, d.text, d.pages]))" % str(path))
    env = dict(os.environ, PARWATCH_NO_OCR="1")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    status, notes, text, pages = __import__("json").loads(out.stdout)
    assert status == "ok" and "80,12/100" in text and len(pages) == 2
    assert any("page 2 is a scan without a text layer" in n and "tesseract" in n for n in notes)


def test_page_cap_on_2000_pages():
    doc = documents.read_bytes(fixtures.many_pages_pdf(2000), name="huge.pdf")
    assert doc.status == "ok" and doc.page_count == 2000
    assert len(doc.pages) == 300
    assert "read the first 300 of 2000 pages (page cap)" in doc.notes
    assert "Trang 300:" in doc.text and "Trang 301:" not in doc.text


@pytest.mark.parametrize("make,reason", [
    (lambda: fixtures.encrypted_pdf(), "encrypted PDF"),
    (lambda: fixtures.annex_decision_pdf()[:15000], "truncated or damaged PDF"),
    (lambda: b"%PDF-1.7\n" + fixtures.garbage(5000), "PDF"),
])
def test_bad_pdfs_give_a_clear_error(make, reason, tmp_path):
    doc = documents.read_bytes(make(), name="bad.pdf")
    assert doc.status == "error" and reason in doc.error and doc.text == ""
    path = tmp_path / "bad.pdf"
    path.write_bytes(make())
    with pytest.raises(documents.DocumentError) as info:
        documents.read_path(str(path))
    assert str(path) in str(info.value) and reason in str(info.value)


def test_two_different_tables_on_consecutive_pages_stay_apart():
    from fpdf.fonts import FontFace

    pdf = fixtures._pdf()
    for title, unit in (("Bảng 1: Khối sở, ngành", "Sở Nội vụ"), ("Bảng 2: Khối huyện", "Huyện Na Rì")):
        pdf.add_page()
        with pdf.table(col_widths=(20, 80, 40), headings_style=FontFace(emphasis="BOLD")) as table:
            head = table.row()
            for text in ("STT", title, "Điểm (100)"):
                head.cell(text)
            for n in range(1, 4):
                row = table.row()
                for text in (str(n), f"{unit} {n}", f"8{n},5"):
                    row.cell(text)
    doc = documents.read_bytes(bytes(pdf.output()), name="two.pdf")
    assert [t.page for t in doc.tables] == [1, 2]
    assert [len(t.rows) for t in doc.tables] == [4, 4]


@pytest.mark.parametrize("v_align", ["TOP", "MIDDLE"])
def test_unruled_table_with_group_rows_and_wrapped_names(v_align):
    doc = documents.read_bytes(fixtures.sectioned_unruled_pdf(v_align), name="bxh.pdf")
    assert len(doc.tables) == 1, doc.text
    grid = [[c.text for c in r] for r in doc.tables[0].rows]
    expected = [["STT", "Đơn vị", "Điểm (100)", "Xếp hạng"]]
    for group, units in fixtures.SECTIONED:
        expected.append([group])
        expected.extend([list(u) for u in units])
    assert grid[0] == expected[0]
    assert len(grid) == len(expected)
    for got, want in zip(grid[1:], expected[1:]):
        if len(want) == 1:  # group rows stay rows of their own, their text in the columns they span
            assert want[0] in got and not any(c.isdigit() for c in "".join(got))
        else:
            assert got == want
    assert_spans(doc)


@pytest.mark.skipif(not ocr.available(), reason="tesseract with the vie model not installed")
def test_cid_only_text_layer_goes_to_ocr():
    doc = documents.read_bytes(fixtures.cid_font_pdf(), name="cid.pdf")
    assert doc.ocr and doc.ocr_pages == [1] and "(cid:" not in doc.text
    assert "Chỉ số cải cách hành chính" in " ".join(doc.text.split())
