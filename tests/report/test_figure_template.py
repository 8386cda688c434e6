"""The figure page for a figure read from a table cell: the cell is marked in the table too."""
from __future__ import annotations

from lxml import html

from report.build import _cell_of, _env
from report.highlight import highlight


def test_table_cell_is_marked():
    text = "BẢNG 1\nĐơn vị | Điểm\nHuyện Bạch Thông | 88,21\nThành phố Bắc Kạn | 81,81\n"
    start = text.index("81,81")
    doc = {"doc_id": "d1", "title": "Bảng kết quả", "text": text, "tables": [{
        "index": 0, "page": 2, "rows": [[{"text": "Đơn vị"}, {"text": "Điểm"}],
                                        [{"text": "Huyện Bạch Thông"}, {"text": "88,21"}],
                                        [{"text": "Thành phố Bắc Kạn"}, {"text": "81,81"}]]}]}
    fig = {"figure_id": "f1", "slug": "f1", "doc": "d1", "text": "81,81", "span_start": start, "span_end": start + 5,
           "index": "PAR", "year": 2022, "unit_name": "Thành phố Bắc Kạn", "unit_level": "district",
           "field": "total", "field_raw": None, "metric": "score", "value": 81.81, "denominator": None,
           "kind": "official", "quote": "Thành phố Bắc Kạn | 81,81", "page": 2, "table_index": 0, "table_row": 2,
           "table_col": 1, "source_url": "javascript:alert(1)", "doc_sha256": "ab", "fetched_at": None,
           "doc_genre": "report", "published_at": None, "checks_failed": [], "check_notes": None,
           "extractor_version": "x"}
    page = _env().get_template("figure.html").render(
        root="..", title="t", fig=fig, doc=doc, hl=highlight(text, start, start + 5, "81,81", figure_id="f1"),
        error=None, archived=None, table=_cell_of(doc, fig), results=[])
    tree = html.fromstring(page)
    assert tree.get_element_by_id("mark").text_content() == "81,81"
    assert tree.get_element_by_id("cell-mark").text_content() == "81,81"
    assert "table 1, row 3, column 2" in tree.get_element_by_id("where").text_content()
    assert "page 2" in tree.get_element_by_id("where").text_content()
    assert not tree.xpath("//a[starts-with(@href, 'javascript:')]")  # only http(s) sources become links
