"""Fixture documents generated on the fly (no binary files in the repo).

Annex decision PDF with a 60-unit table over 3 pages, a two-column PDF, a scanned
(image-only) PDF, TCVN3/VNI documents, a .docx, and the bad files of issue 5.
"""
from __future__ import annotations

import io
import os
import random
import zipfile
from dataclasses import dataclass

from fpdf import FPDF
from fpdf.fonts import FontFace

FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF"]


def font_path(bold: bool = False) -> str:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for d in FONT_DIRS:
        path = os.path.join(d, name)
        if os.path.exists(path):
            return path
    raise FileNotFoundError(f"{name} not found (install fonts-dejavu-core)")


PROVINCES = [
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre", "Bình Dương",
    "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông",
    "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương",
    "Hải Phòng", "Hậu Giang", "Hoà Bình", "Hưng Yên", "Khánh Hoà", "Kiên Giang", "Kon Tum", "Lai Châu",
    "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ",
    "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La",
    "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hoá", "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh",
    "Tuyên Quang", "Vĩnh Long",
]
CITIES = {"Cần Thơ", "Đà Nẵng", "Hà Nội", "Hải Phòng"}
# (field key, header as printed, maximum as printed)
FIELDS = [
    ("direction", "Công tác chỉ đạo, điều hành", "16,5"),
    ("institutions", "Cải cách thể chế", "10"),
    ("procedures", "Cải cách TTHC", "11"),
    ("organization", "Cải cách tổ chức bộ máy", "9"),
    ("civil_service", "Cải cách chế độ công vụ", "12,5"),
    ("public_finance", "Cải cách tài chính công", "6"),
    ("e_government", "Chính quyền điện tử, chính quyền số", "10"),
    ("survey", "Điều tra xã hội học", "25"),
]


def renamed_font(tmp_dir: str, postscript_name: str) -> str:
    """DejaVu Sans under another PostScript name (".VnTime", "VNI-Times"): a PDF then names
    a legacy font, as old government PDFs do."""
    from fontTools.ttLib import TTFont

    font = TTFont(font_path())
    for record in font["name"].names:
        if record.nameID in (1, 4, 6, 16):
            record.string = postscript_name
    path = os.path.join(tmp_dir, postscript_name.strip(".") + ".ttf")
    font.save(path)
    return path


def legacy_font_pdf(tmp_dir: str, runs: list[tuple[str, str]]) -> bytes:
    """One line per item; each item is a list of (font, text) runs: font "unicode", ".VnTime" or "VNI-Times"."""
    pdf = _pdf()
    pdf.add_font("VnTime", "", renamed_font(tmp_dir, ".VnTime"))
    pdf.add_font("VNITimes", "", renamed_font(tmp_dir, "VNI-Times"))
    families = {"unicode": "DejaVu", ".VnTime": "VnTime", "VNI-Times": "VNITimes"}
    pdf.add_page()
    for font, text in runs:
        pdf.set_font(families[font], size=11)
        pdf.write(6, text)
    return bytes(pdf.output())


def _num(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


@dataclass
class AnnexRow:
    name: str  # as printed (old tone placement kept, e.g. "Thanh Hoá")
    scores: list[str]  # per field, as printed
    total: str
    rank: str


def annex_rows(n: int = 60, seed: int = 5) -> list[AnnexRow]:
    rng = random.Random(seed)
    raw = []
    for name in PROVINCES[:n]:
        scores = [round(float(mx.replace(",", ".")) * rng.uniform(0.6, 0.98), 2) for _, _, mx in FIELDS]
        raw.append((name, scores, round(sum(scores), 2)))
    order = sorted(range(n), key=lambda i: -raw[i][2])
    ranks = {i: r + 1 for r, i in enumerate(order)}
    return [AnnexRow(name, [_num(s) for s in scores], _num(total), str(ranks[i]))
            for i, (name, scores, total) in enumerate(raw)]


def _pdf(orientation: str = "P") -> FPDF:
    pdf = FPDF(orientation=orientation, format="A4")
    pdf.add_font("DejaVu", "", font_path())
    pdf.add_font("DejaVu", "B", font_path(bold=True))
    pdf.set_font("DejaVu", size=10)
    pdf.set_auto_page_break(True, margin=15)
    return pdf


def annex_decision_pdf(rows: list[AnnexRow] | None = None, ruled: bool = True) -> bytes:
    """A decision (page 1) with an annex table of 60 provinces running over 3 pages."""
    rows = rows or annex_rows()
    pdf = _pdf("L")
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(0, 8, "BỘ NỘI VỤ", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=11)
    pdf.cell(0, 8, "Số: 123/QĐ-BNV                              Hà Nội, ngày 29 tháng 5 năm 2023",
             new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(0, 10, "QUYẾT ĐỊNH", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=11)
    pdf.multi_cell(0, 7, "Phê duyệt và công bố Chỉ số cải cách hành chính năm 2022 của các bộ, cơ quan ngang bộ, "
                         "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.\n"
                         "Điều 1. Phê duyệt và công bố Chỉ số cải cách hành chính năm 2022 (PAR INDEX 2022) "
                         "của các tỉnh, thành phố trực thuộc Trung ương theo Phụ lục kèm theo.\n"
                         "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.")
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 11)
    pdf.cell(0, 8, "PHỤ LỤC: KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2022 CỦA CÁC TỈNH, THÀNH PHỐ",
             align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=7.5)
    widths = (8, 32) + (24,) * len(FIELDS) + (20, 16)
    layout = "ALL" if ruled else "NONE"
    with pdf.table(col_widths=widths, num_heading_rows=2, repeat_headings=1, borders_layout=layout,
                   headings_style=FontFace(emphasis="BOLD"), line_height=4.2, text_align="CENTER") as table:
        head = table.row()
        head.cell("STT", rowspan=2)
        head.cell("Tỉnh, thành phố", rowspan=2)
        head.cell("Điểm đạt được theo từng lĩnh vực", colspan=len(FIELDS))
        head.cell("Tổng điểm (100)", rowspan=2)
        head.cell("Xếp hạng", rowspan=2)
        sub = table.row()
        for _, label, mx in FIELDS:
            sub.cell(f"{label} ({mx})")
        for n, row in enumerate(rows, 1):
            r = table.row()
            r.cell(str(n))
            r.cell(row.name)
            for s in row.scores:
                r.cell(s)
            r.cell(row.total)
            r.cell(row.rank)
    return bytes(pdf.output())


LOREM = ("Năm 2022, công tác cải cách hành chính của tỉnh tiếp tục được quan tâm chỉ đạo. "
         "Chỉ số cải cách hành chính của tỉnh đạt {score} điểm, xếp thứ {rank}/63 tỉnh, thành phố. "
         "Các sở, ngành đã tập trung rà soát thủ tục hành chính và nâng cao chất lượng phục vụ người dân. ")


def two_column_pdf() -> bytes:
    """A newsletter page: full-width title, then LEFT column text and RIGHT column text."""
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 14)
    pdf.cell(0, 10, "BẢN TIN CẢI CÁCH HÀNH CHÍNH SỐ 3 NĂM 2023", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=10)
    top = pdf.get_y() + 4
    left_text = "CỘT TRÁI. " + " ".join(LOREM.format(score="81,81/100", rank=n) for n in range(1, 5)) + "HẾT CỘT TRÁI."
    right_text = "CỘT PHẢI. " + " ".join(LOREM.format(score="77,50/100", rank=n + 10) for n in range(1, 5)) + "HẾT CỘT PHẢI."
    pdf.set_xy(10, top)
    pdf.multi_cell(90, 5.5, left_text)
    pdf.set_xy(110, top)
    pdf.multi_cell(90, 5.5, right_text)
    return bytes(pdf.output())


def text_pdf(paragraphs: list[str], pages: int = 1) -> bytes:
    pdf = _pdf()
    for _ in range(pages):
        pdf.add_page()
        for p in paragraphs:
            pdf.multi_cell(0, 6, p, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def many_pages_pdf(pages: int = 2000) -> bytes:
    pdf = _pdf()
    for n in range(1, pages + 1):
        pdf.add_page()
        pdf.cell(0, 10, f"Trang {n}: Chỉ số CCHC")
    return bytes(pdf.output())


SCAN_LINES = ["QUYẾT ĐỊNH", "Chỉ số cải cách hành chính", "của tỉnh Bắc Kạn năm 2022", "đạt 81,81 điểm, xếp thứ 7"]


def scanned_pdf(lines: list[str] = SCAN_LINES) -> bytes:
    """An image-only PDF page: the text is rendered to a bitmap, no text layer."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1654, 1100), 255)  # A4 width at 200 dpi, top part of the page
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(font_path(), 44)
    y = 120
    for line in lines:
        draw.text((140, y), line, font=font, fill=0)
        y += 90
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(io.BytesIO(buf.getvalue()), x=0, y=0, w=210)
    return bytes(pdf.output())


def encrypted_pdf() -> bytes:
    pdf = _pdf()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.multi_cell(0, 6, "Tài liệu mật: Chỉ số CCHC đạt 90,1/100.")
    return bytes(pdf.output())


def docx_bytes(paragraphs_before: list[str], table: list[list[str]], paragraphs_after: list[str],
               merge_header: bool = True, font: str | None = None) -> bytes:
    import docx

    document = docx.Document()
    for p in paragraphs_before:
        run = document.add_paragraph().add_run(p)
        if font:
            run.font.name = font
    t = document.add_table(rows=len(table), cols=len(table[0]))
    for r, row in enumerate(table):
        for c, text in enumerate(row):
            if text:
                t.cell(r, c).text = text
    if merge_header:
        t.cell(0, 2).merge(t.cell(0, 3))  # "Điểm" spans two columns
    for p in paragraphs_after:
        document.add_paragraph(p)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def zip_bomb_docx(unzipped_mb: int = 300) -> bytes:
    """A .docx-looking zip whose document.xml expands to hundreds of MB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"\x20" * (1 << 20)
            for _ in range(unzipped_mb):
                fh.write(chunk)
    return buf.getvalue()


def huge_html(mb: int = 50) -> bytes:
    para = "<p>Chỉ số cải cách hành chính năm 2022 đạt 81,81/100 điểm.</p>\n".encode()
    return b"<html><body>" + para * (mb * 2**20 // len(para) + 1) + b"</body></html>"


def garbage(n: int = 65536, seed: int = 1) -> bytes:
    return random.Random(seed).randbytes(n)


def sectioned_unruled_pdf(v_align: str = "MIDDLE") -> bytes:
    """An unruled ranking with group rows ("I. Khối sở, ngành") and names wrapped over lines."""
    pdf = _pdf()
    pdf.add_page()
    pdf.multi_cell(0, 6, "Bảng xếp hạng Chỉ số cải cách hành chính năm 2022", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    with pdf.table(col_widths=(12, 48, 30, 30), borders_layout="NONE", v_align=v_align,
                   headings_style=FontFace(emphasis="BOLD"), line_height=5, text_align="CENTER") as table:
        head = table.row()
        for text in ("STT", "Đơn vị", "Điểm (100)", "Xếp hạng"):
            head.cell(text)
        for group, units in SECTIONED:
            row = table.row()
            row.cell(group, colspan=4, align="LEFT")
            for stt, name, score, rank in units:
                row = table.row()
                for text in (stt, name, score, rank):
                    row.cell(text)
    return bytes(pdf.output())


SECTIONED = [
    ("I. KHỐI SỞ, BAN, NGÀNH", [
        ("1", "Sở Nội vụ", "90,12", "1"),
        ("2", "Sở Kế hoạch và Đầu tư tỉnh Bắc Kạn", "85,40", "2"),
        ("3", "Sở Tư pháp", "83,07", "3"),
    ]),
    ("II. KHỐI HUYỆN, THÀNH PHỐ", [
        ("1", "Huyện Bạch Thông", "88,21", "1"),
        ("2", "Thành phố Bắc Kạn (gồm các phường, xã trực thuộc)", "81,81", "7"),
        ("3", "Huyện Na Rì", "80,02", "8"),
    ]),
]


def cid_font_pdf(lines: list[str] = SCAN_LINES) -> bytes:
    """Text drawn in a font with no Unicode map: extractors see only (cid:NN) glyphs.
    (fpdf2 writes /ToUnicode; renaming the key, same length, keeps the xref valid.)"""
    pdf = _pdf()
    pdf.set_font("DejaVu", size=16)
    pdf.add_page()
    for line in lines:
        pdf.cell(0, 12, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output()).replace(b"/ToUnicode", b"/ToUnicodX")


def text_then_scan_pdf() -> bytes:
    """Page 1 has a text layer, page 2 is a scan."""
    from PIL import Image, ImageDraw, ImageFont

    pdf = _pdf()
    pdf.add_page()
    pdf.multi_cell(0, 6, "Trang 1 có lớp chữ: Chỉ số CCHC của huyện Na Rì đạt 80,12/100 điểm.")
    image = Image.new("L", (1654, 600), 255)
    ImageDraw.Draw(image).text((140, 120), SCAN_LINES[1], font=ImageFont.truetype(font_path(), 44), fill=0)
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    pdf.add_page()
    pdf.image(io.BytesIO(buf.getvalue()), x=0, y=0, w=210)
    return bytes(pdf.output())
