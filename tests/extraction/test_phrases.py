"""What the extractor makes of the phrases issue 3 names, one sentence at a time."""
from __future__ import annotations

import pytest

from documents.model import Document
from extractors import extract_document, extract_figures
from extractors.context import ExtractionContext
from extractors.numbers import parse_number


def figs(text: str, province: str | None = None, published_at: str | None = None):
    doc = Document(doc_id="t.txt", text=text, content_type="txt")
    return extract_document(doc, ExtractionContext(province=province, published_at=published_at))


def brief(text: str, **kw):
    return [(f.text, f.metric, f.value, f.denominator) for f in figs(text, **kw)]


@pytest.mark.parametrize("s, v", [("81,81", 81.81), ("91,420", 91.42), ("7,938", 7.938), ("92.83", 92.83),
                                  ("01", 1), ("", None), ("1,2,3", None), ("9" * 40, None)])
def test_parse_number(s, v):
    assert parse_number(s) == v


@pytest.mark.parametrize("text, expect", [
    ("Huyện Bạch Thông xếp thứ 7/8 với số điểm 81,81/100.", [("7/8", "rank", 7, 8), ("81,81/100", "score", 81.81, 100)]),
    ("Năm 2022, tỉnh Quảng Ninh đạt 91,67%, đứng thứ 2/63 tỉnh, thành phố.",
     [("91,67%", "score", 91.67, None), ("2/63", "rank", 2, 63)]),
    ("Năm 2022, tỉnh Tiền Giang xếp ở vị trí số 44, giảm 8 bậc.", [("44", "rank", 44, None), ("8", "rank_delta", -8, None)]),
    ("Năm 2022, tỉnh Đồng Tháp xếp thứ nhì cả nước.", [("nhì", "rank", 2, None)]),
    ("Năm 2023, xã Tà Năng, huyện Đức Trọng đội sổ trong 15 xã, thị trấn.", [("đội sổ", "rank", 15, 15)]),
    ("Năm 2022, Cải cách thể chế đạt 93,21% điểm tối đa.", [("93,21%", "score_pct", 93.21, None)]),
    ("Năm 2022, tỉnh Hà Tĩnh giảm 0,52 điểm.", [("0,52", "score_delta", -0.52, None)]),
])
def test_figures(text, expect):
    assert brief(text) == expect


@pytest.mark.parametrize("text", [
    "Đến nay, có 11/11 địa phương đã ban hành kế hoạch và đã hoàn thành 17/40 nhiệm vụ.",
    "Theo Quyết định số 501/QĐ-UBND ngày 29/3/2023 của UBND tỉnh Bắc Kạn.",
    "Tỷ lệ hồ sơ được xử lý trực tuyến mức độ 3,4 chưa đạt 30%; phấn đấu đạt trên 80%.",
    "Đã khảo sát 85.600 phiếu, chi 1.500 triệu đồng; 57/63 tỉnh có cổng dịch vụ công.",
    "Điểm trung bình cả nước (80,08%) thấp hơn.",
])
def test_not_figures(text):
    assert brief(text) == []


def test_year_assessed_not_published_and_prior_year_in_brackets():
    text = ("Kết quả Chỉ số CCHC năm 2022\n\nUBND huyện Bạch Thông xếp thứ 01/08 huyện, thành phố; đạt 88,21/100 "
            "điểm; tăng 6,86 điểm so với năm 2021 (*năm 2021 xếp thứ 01/08 huyện, thành phố; đạt 81,35 điểm*).")
    years = [(f.text, f.year) for f in figs(text, province="Bắc Kạn")]
    assert years == [("01/08", 2022), ("88,21/100", 2022), ("6,86", 2022), ("01/08", 2021), ("81,35", 2021)]


def test_unit_from_source_province_and_kind():
    text = "Điểm tự chấm xác định Chỉ số CCHC năm 2019 của tỉnh tạm thời là 59,2703/65 điểm."
    (f,) = figs(text, province="Bắc Kạn")
    assert (f.unit.code, f.unit.level, f.kind, f.value) == ("06", "province", "self_assessed", 59.2703)
    (g,) = figs(text)
    assert (g.unit.level, g.unit.code, g.unit.name) == ("province", None, None)


def test_indices_told_apart():
    text = ("Năm 2022, Quảng Ninh đạt 44,53/80 điểm PAPI. Chỉ số SIPAS của tỉnh đạt 86,62%, xếp thứ 8/63. "
            "Chỉ số CCHC của tỉnh xếp thứ 2/63.")
    assert [(f.text, f.index) for f in figs(text)] == [("44,53/80", "PAPI"), ("86,62%", "SIPAS"),
                                                       ("8/63", "SIPAS"), ("2/63", "PAR")]


def test_pipe_table_rows_are_units():
    text = ("Kết quả Chỉ số CCHC năm 2022 các huyện tỉnh Bắc Kạn\n"
            "STT | Đơn vị | Cải cách thể chế (10,5) | Tổng điểm | Xếp hạng\n"
            "1 | Huyện Bạch Thông | 10,35 | 88,21 | 1\n"
            "2 | Thành phố Bắc Kạn | 9,5 | 81,81 | 7\n")
    got = [(f.unit.code, f.field, f.metric, f.value, f.denominator, f.text) for f in figs(text)]
    assert got == [("063", "institutions", "score", 10.35, 10.5, "10,35"), ("063", "total", "score", 88.21, None, "88,21"),
                   ("063", "total", "rank", 1, None, "1"), ("058", "institutions", "score", 9.5, 10.5, "9,5"),
                   ("058", "total", "score", 81.81, None, "81,81"), ("058", "total", "rank", 7, None, "7")]
    for f in figs(text):
        assert text[f.span[0]:f.span[1]] == f.text and f.table is None and f.row is not None


def test_extract_figures_never_raises_on_garbage():
    assert extract_figures(Document(doc_id="x", text="\x00" * 10 + "đạt 1/0 điểm", content_type="txt")) == []


def test_respectively_assigns_figures_in_order():
    text = ("Năm 2022, Sở Thông tin và Truyền thông và thành phố Chí Linh, tỉnh Hải Dương cùng xếp thứ hai ở hai khối, "
            "lần lượt đạt 91,40 điểm (thứ 2/19) và 90,97 điểm (thứ 2/12).")
    got = {f.text: f.unit.name for f in figs(text, province="Hải Dương") if f.metric in ("score", "rank") and "/" in f.text
           or f.text in ("91,40", "90,97")}
    assert got["91,40"].startswith("Sở Thông tin") and got["2/19"].startswith("Sở Thông tin")
    assert got["90,97"] == "Thành phố Chí Linh" and got["2/12"] == "Thành phố Chí Linh"


def test_bracketed_restatement_is_the_previous_year():
    text = "Năm 2022, Chỉ số CCHC của Hà Tĩnh đạt 84,82% (86,76%), xếp thứ 27/63 (21/63), giảm 6 bậc so với năm trước."
    got = [(f.text, f.metric, f.year) for f in figs(text)]
    assert got == [("84,82%", "score", 2022), ("86,76%", "score", 2021), ("27/63", "rank", 2022),
                   ("21/63", "rank", 2021), ("6", "rank_delta", 2022)]


def test_rank_count_printed_apart_and_in_words():
    assert brief("Năm 2022, tỉnh Bắc Kạn xếp thứ 2 trên 63 tỉnh, thành phố.") == [("2", "rank", 2, 63)]
    assert brief("Năm 2020, Quảng Ninh dẫn đầu cả nước với 91,04%.") == [("dẫn đầu", "rank", 1, None),
                                                                      ("91,04%", "score", 91.04, None)]
    # a target is not a rank
    assert brief("Năm 2024, tỉnh phấn đấu đưa Chỉ số CCHC vào nhóm 10 địa phương dẫn đầu, đứng đầu vùng.") == []


def test_averages_and_scale_descriptions_are_not_figures():
    assert brief("Năm 2023, giá trị trung bình của các bộ đạt 85,20%; của các tỉnh đạt 85,05%.") == []
    assert brief("Năm 2023, thang điểm là 100 điểm, trong đó điểm thẩm định là 68 điểm.") == []


def test_kind_follows_the_clause_and_list_heading():
    text = ("Năm 2021, tổng điểm tự đánh giá của tỉnh Yên Bái là 62,35/67 điểm. Sau thẩm định, điểm tạm thời của "
            "tỉnh còn 60,12/67 điểm.\n\n2. Điểm tự chấm theo từng lĩnh vực:\n- Cải cách thể chế: 6/6 điểm;\n")
    assert [(f.text, f.kind) for f in figs(text)] == [("62,35/67", "self_assessed"), ("60,12/67", "provisional"),
                                                      ("6/6", "self_assessed")]


def test_communes_resolve_through_their_district():
    text = ("Năm 2023, UBND huyện Đức Trọng công bố kết quả. Theo đó, thị trấn Liên Nghĩa xếp thứ 1/15 với 93,50 điểm; "
            "xã N'Thol Hạ xếp thứ 3/15.")
    got = [(f.text, f.unit.code, f.unit.level) for f in figs(text, province="Lâm Đồng")]
    assert got == [("1/15", "24958", "commune"), ("93,50", "24958", "commune"), ("3/15", "24973", "commune")]


def test_flattened_and_tab_tables():
    flat = ("Kết quả Chỉ số CCHC năm 2021 các huyện, thành phố tỉnh Hà Giang\n\nĐơn vị\nĐiểm điều tra XHH\n(35)\n"
            "Tổng điểm\nXếp hạng\nThành phố Hà Giang\n30,12\n88,46\n1\nHuyện Vị Xuyên\n29,87\n86,05\n2\n")
    got = [(f.unit.code, f.field, f.metric, f.value, f.denominator) for f in figs(flat)]
    assert got == [("024", "survey", "score", 30.12, 35), ("024", "total", "score", 88.46, None),
                   ("024", "total", "rank", 1, None), ("030", "survey", "score", 29.87, 35),
                   ("030", "total", "score", 86.05, None), ("030", "total", "rank", 2, None)]
    tab = ("KẾT QUẢ CHỈ SỐ CCHC NĂM 2023 CÁC SỞ, BAN, NGÀNH TỈNH QUẢNG NAM\n\nSTT\tTên đơn vị\tCải cách TTHC\tTổng điểm\n"
           "\tĐiểm tối đa\t14\t100\n1\tSở Tư pháp\t13,50\t92,64\n")
    got = [(f.unit.name, f.field, f.value, f.denominator) for f in figs(tab)]
    assert got == [("Sở Tư pháp tỉnh Quảng Nam", "procedures", 13.5, 14), ("Sở Tư pháp tỉnh Quảng Nam", "total", 92.64, 100)]


def test_wrapped_pdf_lines_keep_one_sentence():
    text = ("Căn cứ Quyết định số 501/QĐ-UBND ngày 29/3/2023 của UBND tỉnh Bắc Kạn, kết quả Chỉ số CCHC năm 2022 của\n"
            "UBND huyện Bạch Thông xếp thứ 01/08 huyện, thành phố; đạt 88,21/100 điểm; tăng 6,86 điểm so với năm 2021\n"
            "(*năm 2021 xếp thứ 01/08 huyện, thành phố; đạt 81,35\nđiểm*).")
    got = [(f.text, f.year, f.unit.code) for f in figs(text)]
    assert got == [("01/08", 2022, "063"), ("88,21/100", 2022, "063"), ("6,86", 2022, "063"), ("01/08", 2021, "063"),
                   ("81,35", 2021, "063")]


def test_table_cells_carry_their_own_page_and_coordinates():
    from documents.model import Cell, Table
    rows = [["STT", "Đơn vị", "Tổng điểm", "Xếp hạng"], ["1", "Huyện Bạch Thông", "88,21", "1"],
            ["2", "Thành phố Bắc Kạn", "81,81", "7"]]
    text, cells = "Chỉ số CCHC năm 2022 tỉnh Bắc Kạn\n", []
    for row in rows:
        line = []
        for c in row:
            line.append(Cell(c, (len(text), len(text) + len(c))))
            text += c + " | "
        text = text[:-3] + "\n"
        cells.append(line)
    page2 = text.index("Thành phố")
    doc = Document(doc_id="t.pdf", text=text, content_type="pdf", tables=[Table(0, cells, page=1)],
                   pages=[(0, page2), (page2, len(text))])
    got = [(f.text, f.page, f.table, f.row, f.col) for f in extract_document(doc, ExtractionContext())]
    assert got == [("88,21", 1, 0, 1, 2), ("1", 1, 0, 1, 3), ("81,81", 2, 0, 2, 2), ("7", 2, 0, 2, 3)]


def test_listed_figures_after_respectively_and_the_named_province_of_a_department():
    text = ("Năm 2021, ba địa phương dẫn đầu lần lượt là Quảng Ninh, Hải Phòng và Bắc Ninh với 91,02%, 89,65% và "
            "89,61%.\nGiám đốc Sở Nội vụ tỉnh Quảng Trị cho biết, PAR INDEX 2021 của tỉnh đạt 84.36%.")
    got = [(f.text, f.unit.code) for f in figs(text)]
    assert got == [("91,02%", "22"), ("89,65%", "31"), ("89,61%", "27"), ("84.36%", "45")]


def test_field_from_the_heading_above():
    text = ("Kết quả Chỉ số CCHC năm 2022 của huyện Bạch Thông\n\n2. Cải cách thể chế\n"
            "- Xếp thứ 2/8 huyện, thành phố, đạt 10,35/10,5 điểm.\n\n3. Cải cách thủ tục hành chính\n"
            "Năm 2022, huyện đạt 16,71/19,5 điểm.\n\nTổng điểm của huyện đạt 88,21/100 điểm.")
    got = [(f.text, f.field) for f in figs(text, province="Bắc Kạn")]
    assert got == [("2/8", "institutions"), ("10,35/10,5", "institutions"), ("16,71/19,5", "procedures"),
                   ("88,21/100", "total")]


def test_layout_table_cells_are_still_read_as_prose():
    from documents.model import Cell, Table
    para = "Năm 2022, Chỉ số CCHC của tỉnh Bắc Kạn đạt 80,12%, xếp thứ 60/63 tỉnh, thành phố."
    text = "Trang chủ | Tin tức\n" + para
    cells = [[Cell("Trang chủ", (0, 9)), Cell("Tin tức", (12, 19))], [Cell(para, (20, 20 + len(para)))]]
    doc = Document(doc_id="t.html", text=text, content_type="html", tables=[Table(0, cells)])
    assert [(f.text, f.unit.code) for f in extract_document(doc, ExtractionContext())] == [("80,12%", "06"),
                                                                                          ("60/63", "06")]


def test_assessors_sources_and_comparisons_are_not_subjects():
    text = ("Năm 2023, xã Đồng Tâm được UBND huyện Mỹ Đức đánh giá đạt 89,40/100 điểm. Theo Sở Nội vụ, "
            "tỉnh Hà Nam đạt 85,1%; khoảng cách giữa đơn vị dẫn đầu và đơn vị cuối bảng là 10,43 điểm.")
    got = [(f.text, f.unit.name) for f in figs(text, province="Hà Nội")]
    assert got == [("89,40/100", "Xã Đồng Tâm"), ("85,1%", "Tỉnh Hà Nam")]


def test_kind_after_an_appraisal_and_in_brackets():
    text = ("Năm 2023, xã Hòa Nghĩa, huyện Chợ Lách tự đánh giá đạt 90,25/100 điểm, được thẩm định còn 87,00/100 "
            "điểm (tạm thời). Tại xã Long Thới, sau thẩm định, Tổ thống nhất điểm tạm tính 86,50 điểm.")
    got = [(f.text, f.kind) for f in figs(text, province="Bến Tre")]
    assert got == [("90,25/100", "self_assessed"), ("87,00/100", "provisional"), ("86,50", "provisional")]


def test_share_of_the_maximum_and_a_score_right_after_its_field():
    text = ("Năm 2022, tỷ lệ điểm đạt được so với điểm tối đa của lĩnh vực hiện đại hóa hành chính của huyện Hòa "
            "Vang là 95.12%. Điểm điều tra xã hội học 28,26/38.")
    got = [(f.text, f.field, f.metric) for f in figs(text, province="Đà Nẵng")]
    assert got == [("95.12%", "e_government", "score_pct"), ("28,26/38", "survey", "score")]


# ----------------------------------------------------------------- issue 3, second blind set: general causes


def test_word_rank_text_leaves_the_verb_out():
    text = "Năm 2023, có 11 huyện được đánh giá. Huyện Vân Canh, tỉnh Bình Định đứng cuối trong 11 huyện với 78,40 điểm."
    assert ("cuối", "rank", 11, 11) in brief(text)
    assert brief("Năm 2023, Sở Xây dựng tỉnh Bình Định xếp cuối bảng trong 20 cơ quan.") == [
        ("cuối bảng", "rank", 20, 20)]


def test_weekdays_and_task_shares_are_not_figures():
    assert brief("Huyện Krông Pắc xếp\nThứ Năm, 30/05/2024 | 15:20") == []
    assert brief("Năm 2024, huyện Krông Pắc đã thực hiện 87,5% (14/16 cuộc) kiểm tra theo kế hoạch.") == []


def test_rank_after_bare_verb_and_dti_values_without_points():
    assert brief("Năm 2022, đứng cuối khối bộ là Bộ Y tế (78,91 điểm, xếp 17/17).") == [
        ("cuối", "rank", 17, None), ("78,91", "score", 78.91, None), ("17/17", "rank", 17, 17)]
    got = [(f.text, f.index, f.metric, f.value) for f in figs(
        "Chỉ số chuyển đổi số năm 2023\n\nỞ khối bộ, Bộ Tài chính dẫn đầu với 0,7054; Bộ Tư pháp xếp thứ 2/17 (0,6880).")]
    assert got == [("dẫn đầu", "DTI", "rank", 1), ("0,7054", "DTI", "score", 0.7054), ("2/17", "DTI", "rank", 2),
                   ("0,6880", "DTI", "score", 0.688)]


def test_compared_units_and_national_bodies_are_not_the_subject():
    text = ("Chỉ số CCHC năm 2023 của tỉnh Quảng Trị\n\nTrong khu vực Bắc Trung Bộ, Quảng Trị xếp thứ 4, chỉ sau "
            "Thừa Thiên Huế, Quảng Bình và Hà Tĩnh. Bộ Nội vụ đánh giá, ở lĩnh vực cải cách tài chính công tỉnh đạt "
            "91,20%. Chỉ số SIPAS năm 2023 của tỉnh đạt 82,16%.")
    assert [(f.text, f.unit.code) for f in figs(text)] == [("4", "45"), ("91,20%", "45"), ("82,16%", "45")]
    text = ("Năm 2022, huyện Cái Bè, tỉnh Tiền Giang xếp thứ 2/11, chỉ sau huyện Châu Thành (87,10 điểm). "
            "Năm trước, huyện xếp thứ 5/11.")
    assert [(f.text, f.unit.name, f.year) for f in figs(text)] == [
        ("2/11", "Huyện Cái Bè", 2022), ("87,10", "Huyện Châu Thành", 2022), ("5/11", "Huyện Cái Bè", 2021)]


def test_commune_table_of_one_district_and_header_counts():
    text = ("Kết quả Chỉ số CCHC năm 2023 của các xã, thị trấn huyện Thanh Trì\n\n"
            "|TT|Đơn vị|Tổng điểm (thang 100)|Xếp hạng (/10)|\n|1|Yên Mỹ|90,40|2|\n|2|Vạn Phúc|89,95|3|\n")
    got = [(f.unit.level, f.unit.name, f.unit.code, f.metric, f.value, f.denominator) for f in figs(text)]
    assert got == [("commune", "Xã Yên Mỹ", "00661", "score", 90.4, 100), ("commune", "Xã Yên Mỹ", "00661", "rank", 2, 10),
                   ("commune", "Xã Vạn Phúc", "00676", "score", 89.95, 100),
                   ("commune", "Xã Vạn Phúc", "00676", "rank", 3, 10)]


def test_tab_table_percent_column_and_department_names():
    text = ("Chỉ số CCHC năm 2022 các huyện, thị xã, thành phố tỉnh Tây Ninh\n\n"
            "STT\tĐơn vị\tTổng điểm (90)\tTỷ lệ % so với điểm tối đa\tXếp hạng/9\n"
            "1\tTây Ninh\t81,11\t90,12\t1\n2\tHòa Thành\t79,62\t88,47\t2\n\n"
            "Năm 2022, Thanh tra tỉnh đạt 91,30 điểm.")
    got = [(f.unit.name, f.metric, f.value, f.denominator) for f in figs(text)]
    assert got == [("Thành phố Tây Ninh", "score", 81.11, 90), ("Thành phố Tây Ninh", "score_pct", 90.12, None),
                   ("Thành phố Tây Ninh", "rank", 1, 9), ("Thị xã Hòa Thành", "score", 79.62, 90),
                   ("Thị xã Hòa Thành", "score_pct", 88.47, None), ("Thị xã Hòa Thành", "rank", 2, 9),
                   ("Thanh tra tỉnh Tây Ninh", "score", 91.3, None)]


def test_provisional_document_keeps_prior_year_official():
    text = ("Kết quả tạm thời Chỉ số CCHC năm 2024 của huyện Hải Hậu, tỉnh Nam Định\n\n"
            "Theo kết quả thẩm định tạm thời của Hội đồng thẩm định tỉnh, năm 2024 huyện đạt 87,30 điểm. "
            "Năm 2023, huyện đạt 85,12 điểm.")
    assert [(f.text, f.kind) for f in figs(text)] == [("87,30", "provisional"), ("85,12", "official")]


# Generalisation round 2 (extractor 0.11.0): one sentence per rule, phrased apart from the gold corpus.
@pytest.mark.parametrize("text, expect", [
    ("Năm 2023, tỉnh Lào Cai lùi 6 bậc; huyện Sa Pa rơi 2 bậc.", [("6", "rank_delta", -6, None), ("2", "rank_delta", -2, None)]),
    ("Năm 2023, tỉnh Yên Bái mất ngôi đầu khu vực.", []),
    ("Năm 2023, cải cách chế độ công vụ của tỉnh Phú Thọ đạt 9,25 trên tổng số 11 điểm.", [("9,25", "score", 9.25, 11)]),
    ("Năm 2023, tỉnh Phú Yên xếp thứ 40 trên 63 tỉnh thành, đạt 83,12 điểm.",
     [("40", "rank", 40, 63), ("83,12", "score", 83.12, None)]),
    ("Năm 2023, Sở Y tế tỉnh Nam Định có lĩnh vực cải cách thể chế đạt điểm tối đa 9/9.", [("9/9", "score", 9, 9)]),
    ("Năm 2023, cải cách thủ tục hành chính của tỉnh Bến Tre đạt 11,20/12 điểm, tỷ lệ 93,33%.",
     [("11,20/12", "score", 11.2, 12), ("93,33%", "score_pct", 93.33, None)]),
    ("Năm 2023, tỷ lệ điểm của tỉnh Kiên Giang so với điểm tối đa là 88,10%.", [("88,10%", "score_pct", 88.1, None)]),
])
def test_round2_figures(text, expect):
    assert brief(text) == expect


def test_round2_respectively_word_ranks_and_units():
    got = [(f.text, f.unit.name, f.value) for f in figs(
        "Năm 2023, Hà Nội dẫn đầu, Bắc Ninh và Hưng Yên lần lượt xếp thứ hai, ba.")]
    assert got == [("dẫn đầu", "Thành phố Hà Nội", 1), ("hai", "Tỉnh Bắc Ninh", 2), ("ba", "Tỉnh Hưng Yên", 3)]


def test_round2_index_of_earlier_sentence_does_not_override_the_main_index():
    text = ("Chỉ số CCHC năm 2023 của tỉnh Gia Lai\n\nChỉ số SIPAS của tỉnh đạt 82,40%. "
            "Ở cấp huyện, thị xã Ayun Pa xếp thứ 4/17 với 85,10 điểm.")
    assert [(f.text, f.index) for f in figs(text)] == [("82,40%", "SIPAS"), ("4/17", "PAR"), ("85,10", "PAR")]


def test_round2_publication_year_and_genitive_unit():
    text = ("Kết quả Chỉ số CCHC năm 2023 công bố trong năm 2024\n\nHuyện Krông Búk đạt 80,10 điểm. "
            "Bộ Nội vụ công bố Chỉ số CCHC của tỉnh Đắk Lắk đạt 86,87%.")
    assert [(f.text, f.year, f.unit.name) for f in figs(text)] == [
        ("80,10", 2023, "Huyện Krông Búk"), ("86,87%", 2023, "Tỉnh Đắk Lắk")]


def test_round2_html_table_with_group_label_over_field_columns(tmp_path):
    from documents.reader import read_path
    page = tmp_path / "bang.html"
    page.write_text(
        "<html><head><title>Chỉ số CCHC năm 2023 các huyện tỉnh Kon Tum</title></head><body><article>"
        "<h1>Chỉ số CCHC năm 2023 các huyện tỉnh Kon Tum</h1><table>"
        "<tr><td rowspan='3'>TT</td><td rowspan='3'>Đơn vị</td><td colspan='3'>Điểm đạt được theo lĩnh vực</td>"
        "<td rowspan='2'>Tổng điểm</td><td rowspan='3'>Xếp hạng</td></tr>"
        "<tr><td>CBCCVC</td><td>HĐH hành chính</td><td>ĐTXHH</td></tr>"
        "<tr><td>(10)</td><td>(9)</td><td>(38)</td><td>(100)</td></tr>"
        "<tr><td>1</td><td>Thành phố Kon Tum</td><td>9,25</td><td>8,25</td><td>33,12</td><td>85,37</td><td>1</td></tr>"
        "<tr><td>2</td><td>Huyện Đắk Hà</td><td>9,00</td><td>8,00</td><td>32,40</td><td>82,90</td><td>2</td></tr>"
        "</table></article></body></html>", encoding="utf-8")
    doc = read_path(str(page))
    got = [(f.field, f.metric, f.value, f.denominator) for f in extract_document(doc, ExtractionContext())][:5]
    assert got == [("civil_service", "score", 9.25, 10), ("e_government", "score", 8.25, 9),
                   ("survey", "score", 33.12, 38), ("total", "score", 85.37, 100), ("total", "rank", 1, None)]
