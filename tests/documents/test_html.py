"""HTML: the article without portal chrome, its title and date, tables with merged cells."""
import pytest

import documents
from tests.documents.conftest import assert_spans

PORTAL = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Sở Nội vụ tỉnh Bắc Kạn - Tin tức</title>
<meta property="og:title" content="Kết quả Chỉ số CCHC năm 2022 của các huyện">
</head><body>
<div id="header"><div class="logo">SỞ NỘI VỤ TỈNH BẮC KẠN</div>
<ul class="menu-top"><li><a href="/">Trang chủ</a></li><li><a href="/gt">Giới thiệu</a></li>
<li><a href="/tt">Tin tức sự kiện</a></li><li><a href="/cchc">Cải cách hành chính</a></li></ul></div>
<div class="breadcrumb"><a href="/">Trang chủ</a> » <a href="/tt">Tin tức</a></div>
<div class="container"><div class="left-col">
<div class="news-detail">
<h1 class="title">Kết quả Chỉ số CCHC năm 2022 của các huyện</h1>
<div class="post-date">Cập nhật lúc 16:38, Thứ Ba, 18/02/2020 (GMT+7)</div>
<p>Ngày 29/3/2023, UBND tỉnh ban hành Quyết định số 501/QĐ-UBND phê duyệt kết quả Chỉ số cải cách
hành chính năm 2022 của các huyện, thành phố.</p>
<p>Huyện Bạch Thông xếp thứ 01/08, đạt 88,21/100 điểm; thành phố Bắc Kạn xếp thứ 7/8 với 81,81/100 điểm,
trong đó điểm điều tra xã hội học là 12,46/14.<br>Chi tiết tại bảng sau:</p>
<table border="1">
<tr><th rowspan="2">STT</th><th rowspan="2">Đơn vị</th><th colspan="2">Điểm theo lĩnh vực</th><th rowspan="2">Tổng điểm</th></tr>
<tr><th>Chỉ đạo, điều hành (16,5)</th><th>Cải cách thể chế (10)</th></tr>
<tr><td>1</td><td>Huyện Bạch Thông</td><td>15,38</td><td>9,20</td><td>88,21</td></tr>
<tr><td>2</td><td>Thành phố Bắc Kạn</td><td colspan="2">không chấm</td><td>81,81</td></tr>
</table>
<p>Trong năm 2023, các địa phương tiếp tục triển khai các giải pháp nâng cao Chỉ số CCHC.</p>
</div>
<div class="tin-lien-quan"><h3>Tin liên quan</h3><ul>
<li><a href="/a">Hội nghị tổng kết công tác cải cách hành chính năm 2021 của tỉnh Bắc Kạn</a></li>
<li><a href="/b">Bắc Kạn công bố Chỉ số hài lòng SIPAS năm 2021 với nhiều kết quả tích cực</a></li></ul></div>
</div>
<div class="sidebar"><div class="box"><h3>Văn bản mới</h3><a href="/v1">Quyết định số 99/QĐ-UBND về kiện toàn Ban chỉ đạo</a></div></div>
</div>
<div class="footer">Bản quyền © Sở Nội vụ tỉnh Bắc Kạn. Địa chỉ: Tổ 1, phường Đức Xuân, thành phố Bắc Kạn.
Điện thoại: 0209.3870.xxx. Ghi rõ nguồn khi phát hành lại thông tin từ website này.</div>
</body></html>"""


@pytest.fixture(scope="module")
def portal_doc():
    return documents.read_bytes(PORTAL.encode("utf-8"), name="page.html",
                                url="https://sonoivu.backan.gov.vn/tin-tuc/ket-qua-cchc.html")


def test_main_content_without_chrome(portal_doc):
    text = portal_doc.text
    assert portal_doc.status == "ok" and portal_doc.content_type == "html"
    assert text.startswith("Kết quả Chỉ số CCHC năm 2022 của các huyện")
    assert "thành phố Bắc Kạn xếp thứ 7/8 với 81,81/100 điểm" in text
    assert "Chi tiết tại bảng sau:" in text and "nâng cao Chỉ số CCHC." in text
    for chrome in ("Trang chủ", "Giới thiệu", "Tin liên quan", "Hội nghị tổng kết", "Văn bản mới",
                   "Bản quyền", "Điện thoại"):
        assert chrome not in text, chrome


def test_title_and_date(portal_doc):
    assert portal_doc.title == "Kết quả Chỉ số CCHC năm 2022 của các huyện"
    assert portal_doc.published_at == "2020-02-18"


def test_table_merged_cells_expanded_and_spans(portal_doc):
    assert len(portal_doc.tables) == 1
    rows = [[c.text for c in r] for r in portal_doc.tables[0].rows]
    assert rows[0] == ["STT", "Đơn vị", "Điểm theo lĩnh vực", "Điểm theo lĩnh vực", "Tổng điểm"]
    assert rows[1] == ["STT", "Đơn vị", "Chỉ đạo, điều hành (16,5)", "Cải cách thể chế (10)", "Tổng điểm"]
    assert rows[2] == ["1", "Huyện Bạch Thông", "15,38", "9,20", "88,21"]
    assert rows[3] == ["2", "Thành phố Bắc Kạn", "không chấm", "không chấm", "81,81"]
    assert "1 | Huyện Bạch Thông | 15,38 | 9,20 | 88,21" in portal_doc.text  # rendered one row per line
    assert_spans(portal_doc)


@pytest.mark.parametrize("snippet,url,expected", [
    ('<meta property="article:published_time" content="2023-04-26T08:00:00+07:00">', None, "2023-04-26"),
    ('<p class="date">Ngày đăng: 05/06/2023</p>', None, "2023-06-05"),
    ('<span>Thứ Tư, 26/04/2023 | 08:15</span>', None, "2023-04-26"),
    ('<span>08:15 26/04/2023</span>', None, "2023-04-26"),
    ('<time datetime="2021-12-01">1 tháng 12</time>', None, "2021-12-01"),
    ("", "https://x.gov.vn/tin/2022/03/15/bai-viet.html", "2022-03-15"),
    ("", "https://x.gov.vn/tin/bai-viet.html", None),
])
def test_publication_date_sources(snippet, url, expected):
    page = (f"<html><head>{snippet if 'meta' in snippet else ''}</head><body><div class='content'>"
            f"{snippet if 'meta' not in snippet else ''}<h1>Tiêu đề bài viết về cải cách hành chính</h1>"
            "<p>Nội dung bài viết về kết quả Chỉ số cải cách hành chính của huyện năm 2022, đạt 80,5 điểm.</p>"
            "</div></body></html>")
    assert documents.read_bytes(page.encode(), name="p.html", url=url).published_at == expected


def _cp1258(text: str) -> bytes:
    """Windows-1258 writes Vietnamese as a base letter plus a combining tone mark."""
    import unicodedata

    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tone = next(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", parts.replace(tone, "", 1))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return out


def test_declared_legacy_charset_page_is_decoded():
    page = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1258'></head>"
            "<body><p>Chỉ số CCHC năm 2022 của tỉnh đạt 81,81 điểm, xếp thứ 7.</p></body></html>")
    doc = documents.read_bytes(_cp1258(page), name="p.html")
    assert "Chỉ số CCHC năm 2022 của tỉnh đạt 81,81 điểm" in doc.text


def test_layout_tables_are_walked_not_rendered_as_data():
    page = ("<html><body><table><tr><td><table><tr><td><a href='/'>Trang chủ</a></td></tr></table></td>"
            "<td><p>Năm 2022, Chỉ số CCHC của huyện Hiệp Hòa đạt 84,28/100 điểm, xếp thứ 7/10 huyện, TP.</p>"
            "<p>Bộ phận một cửa huyện xếp thứ 7/10, chuyển đổi số 6/10, tư pháp 5/10.</p></td></tr></table>"
            "</body></html>")
    doc = documents.read_bytes(page.encode(), name="p.html")
    assert "đạt 84,28/100 điểm, xếp thứ 7/10" in doc.text
    assert " | " not in doc.text


def test_hostile_colspan_is_capped():
    page = "<html><body><table><tr><td colspan='100000'>a</td><td>1,5</td></tr><tr><td>b</td><td>2</td></tr></table></body></html>"
    doc = documents.read_bytes(page.encode(), name="p.html")
    assert doc.status == "ok" and max(len(r) for r in doc.tables[0].rows) <= 201
    assert_spans(doc)


def test_logo_h1_is_not_the_headline():
    page = ("<html><head><title>Bắc Kạn công bố Chỉ số CCHC năm 2022 - Cổng TTĐT tỉnh Bắc Kạn</title></head><body>"
            "<div class='top'><h1>CỔNG THÔNG TIN ĐIỆN TỬ TỈNH BẮC KẠN</h1></div>"
            "<div class='wrap'><h1>Bắc Kạn công bố Chỉ số CCHC năm 2022</h1>"
            "<div class='body'><p>UBND tỉnh Bắc Kạn vừa công bố kết quả Chỉ số cải cách hành chính năm 2022, "
            "huyện Bạch Thông xếp thứ 01/08 với 88,21/100 điểm.</p><p>Thành phố Bắc Kạn xếp thứ 7/8, đạt 81,81/100 "
            "điểm, trong đó điểm điều tra xã hội học là 12,46/14.</p></div></div></body></html>")
    doc = documents.read_bytes(page.encode(), name="p.html")
    assert doc.title == "Bắc Kạn công bố Chỉ số CCHC năm 2022"
    assert doc.text.startswith("Bắc Kạn công bố Chỉ số CCHC năm 2022\n\nUBND tỉnh Bắc Kạn vừa công bố")
    assert "CỔNG THÔNG TIN" not in doc.text


def test_hidden_elements_are_not_read():
    page = ("<html><body><div class='content'><p>Chỉ số CCHC của huyện Na Rì năm 2022 đạt 80,12/100 điểm, xếp thứ 5/8.</p>"
            "<div style='display: none'>Bản in: Chỉ số CCHC đạt 99,99/100</div><p hidden>ẩn 11,11</p></div></body></html>")
    doc = documents.read_bytes(page.encode(), name="p.html")
    assert "80,12/100" in doc.text and "99,99" not in doc.text and "11,11" not in doc.text


def test_related_content_box_is_dropped():
    page = ("<html><body><div class='main-content'><div class='news-detail'><h1>Huyện Na Rì công bố Chỉ số CCHC</h1>"
            "<p>Chỉ số CCHC của huyện Na Rì năm 2022 đạt 80,12/100 điểm, xếp thứ 5/8 huyện, thành phố trong tỉnh.</p>"
            "<p>Lĩnh vực cải cách thể chế đạt 9,1/10 điểm, xếp thứ 2/8.</p></div>"
            "<div class='related-content'><h3>Bài viết khác</h3><p>Huyện Pác Nặm đạt 70,01/100 điểm, xếp thứ 8/8, "
            "thấp nhất tỉnh.</p></div><div class='footer-content'>Liên hệ: 0209 000, thư điện tử.</div></div></body></html>")
    doc = documents.read_bytes(page.encode(), name="p.html")
    assert "80,12/100" in doc.text and "9,1/10" in doc.text
    assert "70,01" not in doc.text and "Liên hệ" not in doc.text


def test_link_boxes_without_class_names_are_dropped():
    page = ("<html><body><div id='c1'><h1>Hiệp Hòa nâng chỉ số CCHC</h1>"
            "<p>Năm 2022, chỉ số CCHC của huyện Hiệp Hòa đạt 84,28/100 điểm, xếp thứ 7/10 huyện, TP.</p>"
            "<p>Bộ phận một cửa huyện xếp thứ 7/10, chuyển đổi số 6/10, tư pháp 5/10.</p>"
            "<p><b>Tin liên quan:</b></p><ul><li><a href='/a'>Yên Dũng đạt 88,1/100 điểm Chỉ số CCHC</a></li>"
            "<li><a href='/b'>Lục Nam xếp thứ 9/10 về Chỉ số CCHC năm 2022</a></li></ul></div>"
            "<div id='c2'><strong>Các tin khác</strong><br><a href='/c'>Tân Yên đạt 80,5/100</a><br>"
            "<a href='/d'>Lạng Giang đạt 79,9/100 điểm năm 2022</a></div></body></html>")
    doc = documents.read_bytes(page.encode(), name="p.html")
    assert "84,28/100" in doc.text and "tư pháp 5/10" in doc.text
    for other in ("Tin liên quan", "88,1/100", "9/10", "Các tin khác", "80,5/100", "79,9/100"):
        assert other not in doc.text, other


def test_todays_date_in_the_portal_header_is_not_the_publication_date():
    page = ("<html><body><div class='today'>Thứ Tư, 22/11/2023</div>"
            "<div class='news'><h1>Kết quả Chỉ số CCHC năm 2022 của huyện Na Rì</h1>"
            "<span class='time'>09:15 05/04/2023</span>"
            "<p>Chỉ số CCHC của huyện Na Rì năm 2022 đạt 80,12/100 điểm, xếp thứ 5/8 huyện, thành phố.</p>"
            "<p>Lĩnh vực cải cách thể chế đạt 9,1/10 điểm, xếp thứ 2/8, tăng 3 bậc so với năm trước.</p>"
            "</div></body></html>")
    assert documents.read_bytes(page.encode(), name="p.html").published_at == "2023-04-05"


def test_table_caption_and_thead():
    page = ("<html><body><div class='content'><p>Kết quả Chỉ số CCHC năm 2022 của các huyện, thành phố như sau:</p>"
            "<table><caption>Bảng 1: Xếp hạng Chỉ số CCHC năm 2022</caption><thead><tr><th>STT</th><th>Đơn vị</th>"
            "<th>Điểm</th></tr></thead><tbody><tr><td>1</td><td>Huyện Bạch Thông</td><td>88,21</td></tr>"
            "<tr><td>2</td><td>Huyện Na Rì</td><td>80,12</td></tr></tbody></table></div></body></html>")
    doc = documents.read_bytes(page.encode(), name="p.html")
    assert "Bảng 1: Xếp hạng Chỉ số CCHC năm 2022\n\nSTT | Đơn vị | Điểm\n1 | Huyện Bạch Thông | 88,21" in doc.text
    assert_spans(doc)
