"""Word: .docx paragraphs and tables in body order; legacy .doc via antiword; zip bombs refused."""
import shutil

import pytest

import documents
from tests.documents import fixtures
from tests.documents.conftest import assert_spans

TABLE = [
    ["STT", "Đơn vị", "Điểm", ""],
    ["", "", "Tổng (100)", "Xếp hạng"],
    ["1", "Huyện Bạch Thông", "88,21", "1"],
    ["2", "Thành phố Bắc Kạn", "81,81", "7"],
]


@pytest.fixture(scope="module")
def docx_doc():
    data = fixtures.docx_bytes(
        ["BÁO CÁO", "Kết quả Chỉ số cải cách hành chính cấp huyện năm 2022",
         "Bạch Thông, ngày 12 tháng 6 năm 2023"],
        TABLE, ["Trên đây là kết quả Chỉ số CCHC năm 2022 của huyện Bạch Thông."])
    return documents.read_bytes(data, name="bao-cao.docx")


def test_docx_paragraphs_and_table_in_order(docx_doc):
    text = docx_doc.text
    assert docx_doc.status == "ok" and docx_doc.content_type == "docx"
    assert text.index("BÁO CÁO") < text.index("STT | Đơn vị") < text.index("Trên đây là kết quả")
    assert docx_doc.published_at == "2023-06-12"
    assert docx_doc.title == "BÁO CÁO Kết quả Chỉ số cải cách hành chính cấp huyện năm 2022"
    rows = [[c.text for c in r] for r in docx_doc.tables[0].rows]
    assert rows[0] == ["STT", "Đơn vị", "Điểm", "Điểm"]  # merged header cell expanded
    assert rows[2] == ["1", "Huyện Bạch Thông", "88,21", "1"]
    assert_spans(docx_doc)


def test_zip_bomb_docx_is_refused_quickly(tmp_path):
    data = fixtures.zip_bomb_docx(300)
    doc = documents.read_bytes(data, name="bomb.docx")
    assert doc.status == "error" and "zip bomb" in doc.error
    path = tmp_path / "bomb.docx"
    path.write_bytes(data)
    with pytest.raises(documents.DocumentError, match="bomb.docx.*zip bomb"):
        documents.read_path(str(path))


def test_broken_docx():
    data = fixtures.docx_bytes(["a"], [["1", "2"]], [], merge_header=False)[:3000]
    doc = documents.read_bytes(data, name="broken.docx")
    assert doc.status == "error" and ".docx" in doc.error


def test_doc_that_is_not_word():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + fixtures.garbage(4000)
    doc = documents.read_bytes(data, name="old.doc")
    assert doc.status in ("error", "unsupported") and doc.error
    if shutil.which("antiword") is None and shutil.which("soffice") is None:
        assert doc.status == "unsupported" and "antiword" in doc.error


def test_docx_vertical_merge_repeated_in_each_row():
    import io

    import docx

    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    for (r, c), text in {(0, 0): "STT", (0, 1): "Đơn vị", (0, 2): "Điểm", (1, 0): "1", (1, 1): "Huyện A",
                         (1, 2): "80,5", (2, 1): "Huyện B", (2, 2): "79"}.items():
        t.cell(r, c).text = text
    t.cell(1, 0).merge(t.cell(2, 0))
    buf = io.BytesIO()
    d.save(buf)
    doc = documents.read_bytes(buf.getvalue(), name="x.docx")
    assert doc.text == "STT | Đơn vị | Điểm\n1 | Huyện A | 80,5\n1 | Huyện B | 79"
    assert_spans(doc)
