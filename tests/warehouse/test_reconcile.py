"""One result per (index, year, unit, field, kind): precedence, majority, conflicts, successors."""
from __future__ import annotations

import pytest

from normalizers.reconcile import build_results, province_successor_2025
from warehouse.genre import detect_genre


def fig(fid, doc, value, *, metric="score", den=100.0, genre="news", table=None, unit="063", level="district",
        name="Huyện Bạch Thông", province="06", year=2022, field="total", kind="official", peer=None):
    return {"figure_id": fid, "doc": doc, "index": "PAR", "year": year, "unit_level": level, "unit_name": name,
            "unit_code": unit, "province_code": province, "field": field, "metric": metric, "value": value,
            "denominator": den, "kind": kind, "text": str(value), "doc_genre": genre, "table_index": table,
            "peer_group": peer, "checks_failed": []}


def test_a_decision_table_outranks_more_numerous_news():
    rows = [fig("n1", "news-1", 88.12), fig("n2", "news-2", 88.12), fig("d1", "qd-501", 88.21, genre="decision", table=0)]
    (r,) = build_results(rows)
    assert r["score"] == 88.21 and r["source_genre"] == "decision"
    assert r["conflict"] is True
    assert r["conflict_values"] == [
        "score 88.21: 1 document(s), best source decision: qd-501",
        "score 88.12: 2 document(s), best source news: news-1, news-2",
    ]
    assert (r["n_figures"], r["n_documents"]) == (3, 3)
    assert r["figure_ids"] == ["d1", "n1", "n2"] and r["doc_ids"] == ["news-1", "news-2", "qd-501"]


def test_report_outranks_news_and_table_outranks_text_within_a_genre():
    rows = [fig("n", "news", 70.0), fig("r", "report", 71.0, genre="report")]
    assert build_results(rows)[0]["score"] == 71.0
    rows = [fig("t", "qd", 72.0, genre="decision"), fig("tt", "qd2", 73.0, genre="decision", table=2)]
    assert build_results(rows)[0]["score"] == 73.0


def test_among_equals_the_value_with_most_documents_wins():
    rows = [fig("a", "n1", 81.35), fig("b", "n2", 81.35), fig("c", "n3", 18.35)]
    (r,) = build_results(rows)
    assert r["score"] == 81.35 and r["conflict"]


def test_agreeing_sources_are_no_conflict_and_fill_in_each_other():
    rows = [fig("s1", "n1", 88.21, den=None), fig("s2", "r1", 88.21, genre="report"),
            fig("k1", "r1", 1, metric="rank", den=8, genre="report", peer="huyện, thành phố")]
    (r,) = build_results(rows)
    assert (r["score"], r["score_max"], r["score_pct"]) == (88.21, 100.0, 88.21)
    assert (r["rank"], r["rank_of"], r["peer_group"]) == (1, 8, "huyện, thành phố")
    assert r["conflict"] is False and r["conflict_values"] == []
    assert r["result_id"] == "PAR:2022:063:total:official"


def test_one_result_per_index_year_unit_field_kind():
    rows = [fig("a", "d", 80.0), fig("b", "d", 81.0, year=2021), fig("c", "d", 15.0, den=16.5, field="direction"),
            fig("e", "d", 82.0, kind="self_assessed"), fig("f", "d", 6.86, metric="score_delta", den=None)]
    ids = [r["result_id"] for r in build_results(rows)]
    assert ids == ["PAR:2021:063:total:official", "PAR:2022:063:direction:official",
                   "PAR:2022:063:total:official", "PAR:2022:063:total:self_assessed"]


def test_units_without_codes_are_keyed_by_name_and_nameless_ones_skipped():
    rows = [fig("a", "d", 90.0, unit=None, level="department", name="Sở Nội vụ tỉnh Bắc Kạn"),
            fig("b", "d", 50.0, unit=None, level="unknown", name=None, province=None)]
    (r,) = build_results(rows)
    assert r["result_id"] == "PAR:2022:department:sở nội vụ tỉnh bắc kạn:total:official"
    assert r["unit_name"] == "Sở Nội vụ tỉnh Bắc Kạn" and r["province_code_2025"] == "19"


@pytest.mark.parametrize("code, successor", [
    ("06", ("19", "Tỉnh Thái Nguyên")),  # Bắc Kạn merged into Thái Nguyên
    ("01", ("01", "Thành phố Hà Nội")),  # unchanged
    ("6", ("19", "Tỉnh Thái Nguyên")),
    (None, (None, None)),
    ("99", (None, None)),
])
def test_2025_successor_province(code, successor):
    assert province_successor_2025(code) == successor


def test_province_units_get_their_own_successor():
    (r,) = build_results([fig("a", "d", 70.0, unit="06", level="province", name="Tỉnh Bắc Kạn", province=None)])
    assert (r["province_code"], r["province_code_2025"]) == ("06", "19")


@pytest.mark.parametrize("title, text, genre", [
    ("Quyết định phê duyệt Chỉ số CCHC năm 2022", "", "decision"),
    (None, "UỶ BAN NHÂN DÂN\nSố: 501/QĐ-UBND\nBắc Kạn, ngày 29 tháng 3 năm 2023\n", "decision"),
    (None, "\n\nSố: /BC-UBND\n\nBạch Thông, ngày tháng 6 năm 2023\n\nBÁO CÁO\nKết quả", "report"),
    (None, "ỦY BAN NHÂN DÂN\n\nQUYẾT ĐỊNH\nVề việc phê duyệt", "decision"),
    ("Báo cáo kết quả CCHC", "", "report"),
    ("Bắc Kạn công bố Chỉ số CCHC năm 2022", "Ngày 29/3, UBND tỉnh ban hành Quyết định số 501/QĐ-UBND...", "news"),
])
def test_document_genre(title, text, genre):
    assert detect_genre(title, text) == genre


def test_every_pre_2025_province_has_one_of_the_34_successors():
    from vietnamadminunits.database import query

    codes = {r["provinceCode"] for r in query("SELECT DISTINCT provinceCode FROM admin_units_legacy")}
    successors = {province_successor_2025(c) for c in codes}
    assert len(codes) == 63 and None not in {s[0] for s in successors}
    assert len(successors) == 34
    assert province_successor_2025("79") == ("79", "Thành phố Hồ Chí Minh")


def test_ranks_among_different_peers_are_not_a_conflict():
    rows = [fig("n", "qd", 5, metric="rank", den=63, genre="decision", table=0, level="province", unit="06"),
            fig("r", "news", 2, metric="rank", den=14, level="province", unit="06"),
            fig("x", "news2", 6, metric="rank", den=63, level="province", unit="06")]
    (r,) = build_results(rows)
    assert (r["rank"], r["rank_of"]) == (5, 63)
    assert r["conflict_values"] == ["rank 5: 1 document(s), best source decision: qd",
                                    "rank 6: 1 document(s), best source news: news2"]
