"""Main-content extraction: our bs4 reader vs trafilatura, on our HTML fixtures (issue 5).

Not a test (trafilatura is not a project dependency). Run with trafilatura on the path:
  pip install --target /tmp/trafi trafilatura
  PYTHONPATH=/tmp/trafi .venv/bin/python -m tests.documents.html_compare
Score per page: word-level precision/recall/F1 of the extracted text against the gold
article text (multiset of words), and whether the title and the table's rows survive.
"""
from __future__ import annotations

import collections
import re
import time

import documents
from tests.documents.test_html import PORTAL

_WORD = re.compile(r"\w+(?:[.,/]\w+)*", re.U)


def _words(text: str) -> collections.Counter:
    return collections.Counter(w.lower() for w in _WORD.findall(text))


def _prf(pred: str, gold: str) -> tuple[float, float, float]:
    p, g = _words(pred), _words(gold)
    hit = sum((p & g).values())
    prec = hit / max(sum(p.values()), 1)
    rec = hit / max(sum(g.values()), 1)
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def corpus() -> list[tuple[str, str, str, str | None]]:
    """(name, html, gold article text, a table row that must stay one line or None)."""
    pages = []
    portal_gold = ("Kết quả Chỉ số CCHC năm 2022 của các huyện Cập nhật lúc 16:38, Thứ Ba, 18/02/2020 (GMT+7) "
                   "Ngày 29/3/2023, UBND tỉnh ban hành Quyết định số 501/QĐ-UBND phê duyệt kết quả Chỉ số cải cách "
                   "hành chính năm 2022 của các huyện, thành phố. Huyện Bạch Thông xếp thứ 01/08, đạt 88,21/100 điểm; "
                   "thành phố Bắc Kạn xếp thứ 7/8 với 81,81/100 điểm, trong đó điểm điều tra xã hội học là 12,46/14. "
                   "Chi tiết tại bảng sau: STT Đơn vị Điểm theo lĩnh vực Tổng điểm Chỉ đạo, điều hành (16,5) "
                   "Cải cách thể chế (10) 1 Huyện Bạch Thông 15,38 9,20 88,21 2 Thành phố Bắc Kạn không chấm 81,81 "
                   "Trong năm 2023, các địa phương tiếp tục triển khai các giải pháp nâng cao Chỉ số CCHC.")
    pages.append(("portal+table", PORTAL, portal_gold, "Huyện Bạch Thông"))
    try:
        import yaml

        from sample_site.site import CONTENT, Site, _load_article
    except Exception:  # the sample site is another package; the comparison runs without it
        Site = None
    if Site is not None:
        site = Site()
        spec = yaml.safe_load((CONTENT / "site.yaml").read_text(encoding="utf-8"))
        for portal, pspec in spec["portals"].items():
            for aspec in pspec["articles"]:
                article = _load_article(portal, aspec)
                page = site.pages.get(article.path)
                if page is None:
                    continue
                gold = "\n".join([article.title, f"Ngày đăng: {article.published:%d/%m/%Y %H:%M}", *article.paragraphs])
                if article.attachment:  # the attachment line is part of what a reader sees
                    gold += "\nTệp đính kèm: " + article.attachment.rsplit("/", 1)[-1]
                pages.append((f"sample{article.path}", page.body.decode("utf-8"), gold, None))
    layout = ("<html><body><table width='100%'><tr><td class='left'><table><tr><td><a href='/'>Trang chủ</a></td></tr>"
              "<tr><td><a href='/a'>Giới thiệu chung về tỉnh</a></td></tr><tr><td><a href='/b'>Tin tức sự kiện</a></td></tr>"
              "</table></td><td><h2>Hiệp Hòa nâng chỉ số CCHC</h2><p>Năm 2022, chỉ số CCHC của huyện Hiệp Hòa đạt 84,28/100 "
              "điểm, xếp thứ 7/10 huyện, TP. Trong đó, bộ phận một cửa huyện xếp thứ 7/10, chuyển đổi số 6/10, tư pháp "
              "5/10, nội vụ xếp thứ 3/10 huyện, TP.</p><p>Nhiều tiêu chí bị trừ điểm do không đạt chỉ tiêu kế hoạch.</p>"
              "</td></tr></table><div class='footer'>Cổng thông tin điện tử huyện Hiệp Hòa. Bản quyền thuộc UBND huyện.</div>"
              "</body></html>")
    layout_gold = ("Hiệp Hòa nâng chỉ số CCHC Năm 2022, chỉ số CCHC của huyện Hiệp Hòa đạt 84,28/100 điểm, xếp thứ 7/10 "
                   "huyện, TP. Trong đó, bộ phận một cửa huyện xếp thứ 7/10, chuyển đổi số 6/10, tư pháp 5/10, nội vụ "
                   "xếp thứ 3/10 huyện, TP. Nhiều tiêu chí bị trừ điểm do không đạt chỉ tiêu kế hoạch.")
    pages.append(("old layout tables", layout, layout_gold, None))
    boxes = ("<html><head><title>Hiệp Hòa nâng chỉ số CCHC</title></head><body><div class='top'><a href='/'>Trang chủ</a> "
             "<a href='/t'>Tin tức</a></div><div id='c1'><h1>Hiệp Hòa nâng chỉ số CCHC</h1>"
             "<p>Năm 2022, chỉ số CCHC của huyện Hiệp Hòa đạt 84,28/100 điểm, xếp thứ 7/10 huyện, TP.</p>"
             "<p>Bộ phận một cửa huyện xếp thứ 7/10, chuyển đổi số 6/10, tư pháp 5/10.</p>"
             "<p><b>Tin liên quan:</b></p><ul><li><a href='/a'>Yên Dũng đạt 88,1/100 điểm Chỉ số CCHC</a></li>"
             "<li><a href='/b'>Lục Nam xếp thứ 9/10 về Chỉ số CCHC năm 2022</a></li></ul></div>"
             "<div id='c2'><strong>Các tin khác</strong><br><a href='/c'>Tân Yên đạt 80,5/100</a><br>"
             "<a href='/d'>Lạng Giang đạt 79,9/100 điểm năm 2022</a></div>"
             "<div id='f'>Báo Bắc Giang điện tử. Tổng biên tập: Nguyễn Văn A. Địa chỉ: 52 Nguyễn Văn Cừ.</div></body></html>")
    boxes_gold = ("Hiệp Hòa nâng chỉ số CCHC Năm 2022, chỉ số CCHC của huyện Hiệp Hòa đạt 84,28/100 điểm, xếp thứ 7/10 "
                  "huyện, TP. Bộ phận một cửa huyện xếp thứ 7/10, chuyển đổi số 6/10, tư pháp 5/10.")
    pages.append(("unlabelled link boxes", boxes, boxes_gold, None))
    return pages


def ours(html: str) -> str:
    return documents.read_bytes(html.encode("utf-8"), name="p.html").text


def trafilatura_text(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_tables=True, include_comments=False, favor_recall=True) or ""


def main() -> int:
    readers = {"parwatch bs4": ours}
    try:
        import trafilatura  # noqa: F401

        readers["trafilatura"] = trafilatura_text
    except ImportError:
        print("trafilatura not importable: only our reader is scored")
    pages = corpus()
    for label, reader in readers.items():
        total = [0.0, 0.0, 0.0]
        rows_ok = 0
        started = time.perf_counter()
        for name, html, gold, row in pages:
            text = reader(html)
            p, r, f = _prf(text, gold)
            total = [total[0] + p, total[1] + r, total[2] + f]
            if row:
                line = next((ln for ln in text.splitlines() if row in ln), "")
                rows_ok += "88,21" in line  # the row's figures stay on the row's line
            print(f"  {label:13s} {name[:48]:48s} P={p:.3f} R={r:.3f} F1={f:.3f}")
        n = len(pages)
        print(f"{label}: mean P={total[0] / n:.3f} R={total[1] / n:.3f} F1={total[2] / n:.3f} over {n} pages; "
              f"table rows kept on one line: {rows_ok}/{sum(1 for p in pages if p[3])}; "
              f"{(time.perf_counter() - started) * 1000 / n:.1f} ms/page")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
