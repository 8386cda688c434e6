"""Regenerate the sample site's PDF attachment from seed 004 (a district report).

    .venv/bin/python -m sample_site.build_pdf

The PDF is committed so that `make run` needs no PDF writer; this script is how it was made
(fpdf2, a test extra, with DejaVu Sans for the Vietnamese glyphs).
"""
from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).parent
SEED = HERE / "content" / "seeds" / "004_a0d4a148a81e99b5.txt"
OUT = HERE / "content" / "files" / "bc-ket-qua-chi-so-cchc-2022-bach-thong.pdf"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def build(out: Path = OUT) -> Path:
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=11)
    pdf.set_title("Báo cáo kết quả Chỉ số cải cách hành chính cấp huyện năm 2022")
    pdf.set_creation_date(__import__("datetime").datetime(2023, 6, 20))
    pdf.add_page()
    for para in SEED.read_text(encoding="utf-8").replace("**", "").split("\n"):
        para = para.strip()
        if not para:
            pdf.ln(3)
            continue
        pdf.multi_cell(0, 6, para, new_x="LMARGIN", new_y="NEXT")
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return out


if __name__ == "__main__":
    print(build())
