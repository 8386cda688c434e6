"""The title of an administrative document (decision, report, plan) from its text.

Vietnamese official documents print their kind in capitals on a line of its own
("QUYẾT ĐỊNH", "BÁO CÁO") followed by the subject ("Kết quả Chỉ số cải cách hành chính
..."); that pair is the title. Without such a heading, the first line is.
"""
from __future__ import annotations

import re

_KIND = re.compile(r"^\s*(QUYẾT ĐỊNH|BÁO CÁO|KẾ HOẠCH|THÔNG BÁO|TỜ TRÌNH|CHỈ THỊ|NGHỊ QUYẾT|HƯỚNG DẪN|"
                   r"CÔNG VĂN|KẾT LUẬN|CHƯƠNG TRÌNH|ĐỀ ÁN|PHỤ LỤC|BẢN TIN)\s*[:.]?\s*$")
_BODY_START = re.compile(r"^\s*(Căn cứ|Điều\s+\d|Kính gửi|Thực hiện|Ngày\s+\d|[IVX]+\.|\d+\.|[-–•*]|\()"
                         r"|,\s*ngày\s+\d+\s+tháng")  # the place-and-date line under the heading
MAX_TITLE = 250


def document_title(text: str) -> str | None:
    lines = text[:4000].splitlines()
    for n, line in enumerate(lines):
        if not _KIND.match(line):
            continue
        parts = [line.strip()]
        for follow in lines[n + 1:n + 10]:
            if not follow.strip():
                continue  # paragraphs (HTML, Word) are separated by blank lines
            if _BODY_START.search(follow) or _KIND.match(follow) or _is_caps(follow):
                break  # the body, another heading, or the issuer line ("CHỦ TỊCH ỦY BAN NHÂN DÂN ...")
            parts.append(follow.strip())
            if sum(map(len, parts)) > MAX_TITLE or follow.rstrip().endswith((".", ";", ":")):
                break
        if len(parts) > 1:
            return " ".join(parts)[:MAX_TITLE]
    for line in lines:
        if line.strip():
            return line.strip()[:300]
    return None


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 10 and all(c.isupper() for c in letters)
