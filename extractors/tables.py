"""Figures in tables: ranking tables (rows = units) and field tables (rows = fields of one unit).

Tables come from ``Document.tables`` (cells carry spans into the text) or, for plain text, from
runs of lines with "|" separators (the documents layer renders tables that way, and so do many
scraped pages).  The header names each column's role and its maximum ("Cải cách thể chế (10,5)").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from documents.model import Cell, Document
from extractors.context import ExtractionContext
from extractors.figure import Figure, Unit
from extractors.mentions import find_units
from extractors.numbers import parse_number
from normalizers.fields import first_field, names_total
from normalizers.indices import find_indices
from normalizers.units import district_candidates, fold, is_province_name, province_code, resolve_commune

if TYPE_CHECKING:
    from extractors.prose import ProseExtractor

_PIPE_LINE = re.compile(r"^[^\n|]*\|[^\n]*\|[^\n]*$|^[^\n|]+\|[^\n|]+$", re.MULTILINE)
_SEP_ROW = re.compile(r"^[\s|:+=-]*$")
_CELL_NUMBER = re.compile(r"^\s*(?P<num>\d{1,4}(?:[.,]\d{1,4})?)(?:\s*/\s*(?P<den>\d{1,4}(?:[.,]\d{1,4})?))?\s*(?P<pct>%)?\s*$")
_MAX_IN_HEADER = re.compile(
    r"\(\s*(?:tối đa|max|điểm tối đa|thang(?:\s+điểm)?)?[\s:]*(?P<a>\d{1,3}(?:[.,]\d{1,3})?)\s*(?:điểm|đ)?\s*\)"
    r"|(?:tối đa|điểm tối đa)[\s:]*(?P<b>\d{1,3}(?:[.,]\d{1,3})?)|/\s*(?P<c>\d{1,3}(?:[.,]\d{1,3})?)\s*$",
    re.IGNORECASE)
# how many a rank column ranks: "Xếp hạng (/6)", "Xếp hạng/16", "Xếp hạng (trên 10 đơn vị)"
_COUNT_IN_HEADER = re.compile(r"(?:/|\btrên\s+|\btrong\s+)\s*(?P<n>\d{1,4})\b", re.IGNORECASE)
# a table whose rows are communes: "các xã, thị trấn", "Xã, phường", "cấp xã"
_COMMUNE_ROWS = re.compile(r"(?<![^\W_])(?:các xã|cấp xã|xã, (?:phường|thị trấn)|phường, (?:xã|thị trấn)|"
                           r"xã, phường, thị trấn)(?![^\W_])", re.IGNORECASE)
_RANK_HEADER = re.compile(r"xếp hạng|thứ hạng|xếp thứ|^\s*hạng|vị trí", re.IGNORECASE)
_UNIT_HEADER = re.compile(r"đơn vị|địa phương|^\s*tỉnh|thành phố|huyện|cơ quan|sở, ngành|^\s*tên|bộ, ngành|"
                          r"^\s*sở|xã, phường", re.IGNORECASE)
_STT_HEADER = re.compile(r"^\s*(?:stt|tt|số tt|số thứ tự)\s*$", re.IGNORECASE)
_INDEX_PCT_HEADER = re.compile(r"chỉ số[^%]{0,30}%", re.IGNORECASE)
_SHARE_HEADER = re.compile(r"tỷ lệ|tỉ lệ|tối đa|phần trăm", re.IGNORECASE)
_PCT_HEADER = re.compile(r"%|tỷ lệ|phần trăm", re.IGNORECASE)
_MAXCOL_HEADER = re.compile(r"điểm tối đa|^\s*tối đa|điểm chuẩn", re.IGNORECASE)
_FIELD_COL_HEADER = re.compile(r"lĩnh vực|nội dung|tiêu chí|chỉ số thành phần", re.IGNORECASE)
_SCORE_HEADER = re.compile(r"điểm|kết quả|chỉ số|giá trị|năm\s+\d{4}", re.IGNORECASE)
_SELF_HEADER = re.compile(r"tự chấm|tự đánh giá", re.IGNORECASE)
_PROV_HEADER = re.compile(r"tạm thời|dự kiến", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass
class Region:
    start: int
    end: int
    rows: list[list[Cell]]
    index: int | None  # Document.tables index, None for tables found in plain text
    page: int | None = None


def table_regions(doc: Document) -> list[tuple[int, int, Region]]:
    out: list[tuple[int, int, Region]] = []
    for t in doc.tables:
        spans = [c.span for row in t.rows for c in row if c.span]
        if not spans:
            continue
        a, b = min(s[0] for s in spans), max(s[1] for s in spans)
        out.append((a, b, Region(a, b, t.rows, t.index, t.page)))
    if not doc.tables:
        text = doc.text
        if "|" in text or "\t" in text:
            out.extend((r.start, r.end, r) for r in _delimited_tables(text))
        if "   " in text or "  " in text:
            for r in _spaced_tables(text):
                if not any(a < r.end and r.start < b for a, b, _ in out):
                    out.append((r.start, r.end, r))
        taken = [(a, b) for a, b, _ in out]
        # one-cell-per-line tables start with a header line such as "STT" or "Đơn vị"
        flat = _flat_tables(text) if _has_flat_head(text) else []
        for r in flat:
            if not any(a < r.end and r.start < b for a, b in taken):
                out.append((r.start, r.end, r))
    out.sort(key=lambda x: x[0])
    return out


def _lines(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    n = len(text)
    while pos <= n:
        end = text.find("\n", pos)
        if end < 0:
            end = n
        out.append((pos, end))
        pos = end + 1
    return out


def _split_cells(text: str, a: int, b: int, sep: str) -> list[Cell]:
    line = text[a:b]
    parts = line.split(sep)
    pos = 0
    if sep == "|":
        # "| a | b |" has empty first and last pieces
        if parts and not parts[0].strip() and line.lstrip().startswith("|"):
            pos = len(parts[0]) + 1
            parts = parts[1:]
        if parts and not parts[-1].strip() and line.rstrip().endswith("|"):
            parts = parts[:-1]
    cells = []
    for p in parts:
        lead = len(p) - len(p.lstrip())
        body = p.strip()
        st = a + pos + lead
        cells.append(Cell(body, (st, st + len(body))))
        pos += len(p) + 1
    return cells


def _delimited_tables(text: str) -> list[Region]:
    """Runs of two or more lines split by "|" or by tabs, as cells with their spans."""
    regions: list[Region] = []
    run: list[tuple[int, int]] = []
    run_sep = ""

    def close():
        if len(run) >= 2:
            rows = [_split_cells(text, a, b, run_sep) for a, b in run if not _SEP_ROW.match(text[a:b])]
            if rows:
                regions.append(Region(run[0][0], run[-1][1], rows, None))
        run.clear()

    for a, b in _lines(text):
        line = text[a:b]
        sep = "|" if line.count("|") >= 1 and len(line) < 2000 else "\t" if line.count("\t") >= 1 else ""
        if sep and (sep == run_sep or not run):
            run_sep = sep
            run.append((a, b))
            continue
        close()
        if sep:
            run_sep = sep
            run.append((a, b))
    close()
    return regions


# hard-wrapped text tables: columns separated by two spaces or more ("1    TP Thái Bình    87,50    1")
_SPACED_CELL = re.compile(r"\S+(?: \S+)*")
_SPACED_GAP = re.compile(r"\S {2,}\S")


def _spaced_cells(text: str, a: int, b: int) -> list[Cell] | None:
    line = text[a:b]
    if "\t" in line or "|" in line or len(line) > 300 or len(_SPACED_GAP.findall(line)) < 2:
        return None
    return [Cell(m.group(), (a + m.start(), a + m.end())) for m in _SPACED_CELL.finditer(line)]


def _spaced_tables(text: str) -> list[Region]:
    """Runs of lines of three cells or more split by runs of spaces, opened by a header line naming
    the unit column ("TT   Đơn vị   Điểm đạt   Xếp hạng"), so aligned prose never becomes a table."""
    regions: list[Region] = []
    rows: list[list[Cell]] = []

    def close():
        if len(rows) >= 2 and any(_UNIT_HEADER.search(c.text) for c in rows[0]) \
                and not any(_CELL_NUMBER.match(c.text) for c in rows[0]):
            regions.append(Region(rows[0][0].span[0], rows[-1][-1].span[1], list(rows), None))
        rows.clear()

    for a, b in _lines(text):
        cells = _spaced_cells(text, a, b)
        if cells is None:
            close()
        else:
            rows.append(cells)
    close()
    return regions


def _sig(line: str) -> str:
    t = line.strip()
    if not t:
        return "E"
    if _CELL_NUMBER.match(t) or t in ("-", "–", "x"):
        return "N"
    return "T" if len(t) <= 90 else "L"


_GROUP_LABEL = re.compile(r"(?:theo|các|từng)\s+(?:lĩnh vực|tiêu chí|chỉ số thành phần)(?![^\W_])", re.IGNORECASE)
_FLAT_HEAD = re.compile(r"^\s*(?:stt|tt|số tt|đơn vị|tên đơn vị|cơ quan|địa phương|tên cơ quan|đơn vị hành chính|"
                        r"huyện, thành phố|tỉnh, thành phố|sở, ban, ngành|lĩnh vực|nội dung|tiêu chí|"
                        r"chỉ số thành phần)\s*$", re.IGNORECASE)


_FLAT_HEAD_ANYWHERE = re.compile(_FLAT_HEAD.pattern.replace(r"^\s*", r"^[ \t]*").replace(r"\s*$", r"[ \t]*$"),
                                 re.IGNORECASE | re.MULTILINE)
# The same header after a line break: a literal first character lets the regex engine jump from
# one "\n" to the next instead of testing "^" at every position of the text.
_FLAT_HEAD_AFTER_BREAK = re.compile("\n" + _FLAT_HEAD_ANYWHERE.pattern[1:], re.IGNORECASE | re.MULTILINE)


def _has_flat_head(text: str) -> bool:
    """Whether some line of ``text`` is a flat table's header (_FLAT_HEAD_ANYWHERE.search, faster)."""
    return bool(_FLAT_HEAD_ANYWHERE.match(text) or _FLAT_HEAD_AFTER_BREAK.search(text))


def _flat_tables(text: str) -> list[Region]:
    """Tables scraped one cell per line: a header run (STT, Đơn vị, columns...) then rows of k lines."""
    lines = _lines(text)
    sigs = [_sig(text[a:b]) for a, b in lines]
    regions: list[Region] = []
    i = 0
    n = len(lines)
    while i < n:
        a, b = lines[i]
        if sigs[i] != "T" or not _FLAT_HEAD.match(text[a:b]):
            i += 1
            continue
        h = i
        d = h + 1
        while d < n and sigs[d] == "T" and d - h < 40:
            d += 1
        if d >= n or sigs[d] != "N" or d - h < 2:
            i += 1
            continue
        ds = d if re.match(r"\s*(?:stt|tt|số tt)\s*$", text[a:b], re.IGNORECASE) else d - 1
        k = _period(sigs, ds)
        if not k:
            i += 1
            continue
        first = sigs[ds: ds + k]
        rows_at = []
        r = ds
        while r + k <= n and sigs[r: r + k] == first:
            rows_at.append(r)
            r += k
        head_lines = [lines[j] for j in range(h, ds)]
        merged: list[list[tuple[int, int]]] = []
        for la, lb in head_lines:
            if merged and text[la:lb].lstrip().startswith("("):
                merged[-1].append((la, lb))
            else:
                merged.append([(la, lb)])
        if len(merged) > k:  # a group label over several columns ("Điểm đạt được theo lĩnh vực") has no column
            merged = [g for g in merged if not _GROUP_LABEL.search(text[g[0][0]:g[-1][1]])] or merged
        if len(merged) > k:
            merged = merged[-k:]
        header = [Cell(" ".join(text[x:y].strip() for x, y in grp), (grp[0][0], grp[-1][1])) for grp in merged]
        header = [Cell("", None)] * (k - len(header)) + header
        rows = [header]
        for r0 in rows_at:
            row = []
            for j in range(r0, r0 + k):
                la, lb = lines[j]
                seg = text[la:lb]
                lead = len(seg) - len(seg.lstrip())
                body = seg.strip()
                row.append(Cell(body, (la + lead, la + lead + len(body))))
            rows.append(row)
        regions.append(Region(lines[h][0], lines[r - 1][1], rows, None))
        i = r
    return regions


def _period(sigs: list[str], ds: int) -> int | None:
    """Smallest row width k whose line kinds repeat for at least two rows from ``ds``."""
    for k in range(2, 13):
        chunk = sigs[ds: ds + k]
        if len(chunk) < k or "N" not in chunk or "T" not in chunk or "E" in chunk or "L" in chunk:
            continue
        if sigs[ds + k: ds + 2 * k] == chunk:
            return k
    return None


@dataclass
class _Column:
    role: str  # stt | unit | rank | score | pct | max | field_name | skip
    field: str = "total"
    field_raw: str | None = None
    den: float | int | None = None
    year: int | None = None
    kind: str | None = None


def _header_rows(rows: list[list[Cell]]) -> int:
    """How many leading rows are header: rows before the first with a number cell after column 0."""
    for i, row in enumerate(rows[:6]):
        nums = sum(1 for c in row[1:] if _CELL_NUMBER.match(c.text))
        if nums >= 1 and i > 0:
            return i
    return 1


def _columns(header: list[list[Cell]], width: int) -> list[_Column]:
    cols = []
    for j in range(width):
        words = " ".join(r[j].text for r in header if j < len(r) and r[j].text)
        cols.append(_column(words))
    return cols


def _column(h: str) -> _Column:
    if _STT_HEADER.match(h):
        return _Column("stt")
    year_m = _YEAR.search(h)
    year = int(year_m.group()) if year_m else None
    kind = "self_assessed" if _SELF_HEADER.search(h) else "provisional" if _PROV_HEADER.search(h) else None
    if _MAXCOL_HEADER.search(h) and not _PCT_HEADER.search(h):  # not "Tỷ lệ % so với điểm tối đa"
        return _Column("max")
    if _RANK_HEADER.search(h):
        f = first_field(h)
        cm = _COUNT_IN_HEADER.search(h)
        return _Column("rank", f.field if f else "total", f.raw if f else None,
                       int(cm.group("n")) if cm else None, year, kind)
    f = first_field(h)
    den = None
    mx = _MAX_IN_HEADER.search(h)
    if mx:
        den = parse_number(mx.group("a") or mx.group("b") or mx.group("c"))
    if f:
        return _Column("pct" if _PCT_HEADER.search(h) else "score", f.field, h.strip(), den, year, kind)
    if _INDEX_PCT_HEADER.search(h) and not _SHARE_HEADER.search(h):
        return _Column("score", "total", None, None, year, kind)  # "Chỉ số (%)": the index is published in percent
    if _PCT_HEADER.search(h) and not mx:
        return _Column("pct", "total", None, None, year, kind)
    if names_total(h) or _SCORE_HEADER.search(h):
        return _Column("pct" if _PCT_HEADER.search(h) and not mx else "score", "total", None, den, year, kind)
    if _FIELD_COL_HEADER.search(h):
        return _Column("field_name")
    if _UNIT_HEADER.search(h):
        return _Column("unit")
    return _Column("skip")


def is_data_table(region: Region) -> bool:
    """A table of figures (two rows or more holding two number cells or more), as opposed to a
    layout table wrapping running text, whose cells the prose extractor must still read."""
    rows = 0
    for row in region.rows:
        if sum(1 for c in row if _CELL_NUMBER.match(c.text)) >= 2:
            rows += 1
            if rows >= 2:
                return True
    return False


def extract_tables(doc: Document, ctx: ExtractionContext, regions, prose: "ProseExtractor") -> list[Figure]:
    out: list[Figure] = []
    if regions:
        prose.prepare()
    for start, _end, region in regions:
        try:
            out.extend(_one_table(doc, ctx, region, prose))
        except (ValueError, IndexError):
            continue
    return out


def _one_table(doc: Document, ctx: ExtractionContext, region: Region, prose: "ProseExtractor") -> list[Figure]:
    rows = [r for r in region.rows if r]
    if len(rows) < 2:
        return []
    width = max(len(r) for r in rows)
    nh = _header_rows(rows)
    cols = _columns(rows[:nh], width)
    si = prose.st.sentence_at(region.start)
    lo = prose.st.starts[max(0, si - 1)]
    caption_lo = prose.st.starts[max(0, si - 2)]
    caption = doc.text[caption_lo: region.start]
    year = prose._year(region.start, si, region.start, region.start)
    idx = find_indices(caption)
    index = idx[-1].index if idx else prose._index(region.start, si, region.start)
    kind = prose._kind(region.start, lo, region.start)
    # Which column names the row: the declared unit column, else the first text column.
    unit_col = next((j for j, c in enumerate(cols) if c.role == "unit"), None)
    field_col = next((j for j, c in enumerate(cols) if c.role == "field_name"), None)
    max_col = next((j for j, c in enumerate(cols) if c.role == "max"), None)
    if unit_col is None and field_col is None:
        for j in range(width):
            texts = [r[j].text for r in rows[nh:] if j < len(r)]
            if texts and sum(1 for t in texts if t and not _CELL_NUMBER.match(t)) >= len(texts) * 0.6:
                fields_named = sum(1 for t in texts if first_field(t))
                if fields_named >= max(2, len(texts) // 2):
                    field_col = j
                else:
                    unit_col = j
                break
    subject = None
    if unit_col is None:
        subject = prose._unit(region.start, si, region.start)
    pcode = prose.doc_pcode
    parent = _parent_district(doc, region, rows[:nh], unit_col, prose) if unit_col is not None else None
    labels = [r[unit_col].text for r in rows[nh:] if unit_col is not None and unit_col < len(r)]
    # rows are districts of the document's province when most bare names are ("Tây Ninh" there is the city)
    district_rows = bool(pcode) and parent is None and sum(
        1 for x in labels if district_candidates(x, pcode)) * 2 > len(labels)
    out: list[Figure] = []
    for ri, row in enumerate(rows[nh:], start=nh):
        label = row[unit_col if unit_col is not None else field_col or 0].text if row else ""
        if _MAXCOL_HEADER.search(label):  # an "Điểm tối đa" row: the maxima of the columns
            for j, col in enumerate(cols):
                mm = _CELL_NUMBER.match(row[j].text) if j < len(row) else None
                if mm and col.role == "score":
                    col.den = parse_number(mm.group("num"))
            continue
        if unit_col is not None:
            if unit_col >= len(row) or not row[unit_col].text:
                continue
            unit = _row_unit(row[unit_col], pcode, prose, parent, district_rows)
            if unit is None:
                continue
        else:
            unit = subject
        row_field, row_raw = "total", None
        if field_col is not None and field_col < len(row):
            name = row[field_col].text
            fm = first_field(name)
            if fm:
                row_field, row_raw = fm.field, name
            elif names_total(name) or re.search(r"tổng|cộng", name, re.IGNORECASE):
                row_field = "total"
            else:
                continue
        row_den = None
        if max_col is not None and max_col < len(row):
            mm = _CELL_NUMBER.match(row[max_col].text)
            if mm:
                row_den = parse_number(mm.group("num"))
        for j, col in enumerate(cols):
            if j >= len(row) or col.role not in ("rank", "score", "pct"):
                continue
            cell = row[j]
            m = _CELL_NUMBER.match(cell.text)
            if not m or cell.span is None:
                continue
            value = parse_number(m.group("num"))
            if value is None:
                continue
            den = parse_number(m.group("den")) if m.group("den") else None
            metric = {"rank": "rank", "score": "score", "pct": "score_pct"}[col.role]
            if m.group("pct") and metric == "score":
                metric = "score_pct" if (col.field != "total" or row_field != "total") else "score"
            if metric == "rank" and (not isinstance(value, int) or value < 1):
                continue
            if metric == "score" and den is None:
                den = col.den if col.den is not None else row_den
            if metric == "rank" and den is None and col.den is not None and value <= col.den:
                den = col.den
            field = col.field if col.field != "total" else row_field
            raw = col.field_raw if col.field != "total" else row_raw
            t_start = cell.span[0] + m.start("num")
            t_end = cell.span[0] + (m.end("pct") if m.group("pct") else m.end("den") if m.group("den") else m.end("num"))
            out.append(Figure(
                doc=doc.doc_id, index=index, year=col.year or year, unit=unit, field=field,
                field_raw=raw if field != "total" else None, metric=metric, value=value,
                denominator=den if metric != "score_pct" else None, kind=col.kind or kind,
                text=doc.text[t_start:t_end], span=(t_start, t_end),
                quote=" | ".join(c.text for c in row), page=(doc.page_of(t_start) if doc.pages else None) or region.page,
                table=region.index, row=ri, col=j))
    return out


def _parent_district(doc: Document, region: Region, header: list[list[Cell]], unit_col: int,
                     prose: "ProseExtractor") -> Unit | None:
    """The district whose communes a table ranks ("... các xã, thị trấn huyện Hoài Đức"): the caption,
    the title or the unit column's header says the rows are communes, and a district is named above."""
    head = " ".join(r[unit_col].text for r in header if unit_col < len(r))
    lo = prose.st.starts[max(0, prose.st.sentence_at(region.start) - 2)]
    title = doc.text[: prose.st.ends[0]] if prose.st.ends else ""
    if not (_COMMUNE_ROWS.search(head) or _COMMUNE_ROWS.search(doc.text, lo, region.start)
            or _COMMUNE_ROWS.search(title)):
        return None
    for m in list(prose.units.before(0, region.start)):
        if m.level in ("district", "city") and not m.anaphor:
            u = prose._as_unit(m)
            return Unit("district", u.name, None, u.province_code)
    # communes, but no district named: look them up in the document's province
    return Unit("district", None, None, prose.doc_pcode)


def _row_unit(cell: Cell, pcode: str | None, prose: "ProseExtractor", parent: Unit | None = None,
              district_rows: bool = False) -> Unit | None:
    """The unit a table row names, as written; None for total/average rows.  Bare names are read
    inside the table's parent first (a commune of the district, a district of the province), and
    never as a unit of another province when the document's province is known."""
    name = cell.text
    if re.search(r"^\s*(?:tổng|cộng)|trung bình|bình quân|toàn tỉnh|cả nước|toàn quốc|trung vị", name, re.IGNORECASE):
        return None  # total, average and national rows belong to no unit
    bare = re.sub(r"^\s*(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+", "", name).strip()
    if parent is not None and not re.match(r"(?:huyện|quận|thị xã|thành phố|tp\b|tx\b|tỉnh)", bare, re.IGNORECASE):
        hit = resolve_commune(bare, parent.name, parent.province_code or pcode) if bare else None
        if hit:
            return hit
        pc = parent.province_code or pcode
        if not re.match(r"(?:xã|phường|thị trấn)\s", bare, re.IGNORECASE) and not find_units(bare) \
                and not (pc and district_candidates(bare, pc)):
            return Unit("commune", bare, None, pc)  # never a namesake elsewhere
    if district_rows and pcode and not find_units(bare.lower()) and district_candidates(bare, pcode):
        return Unit("district", bare, None, pcode)
    ms = find_units(name)
    if ms and not ms[0].anaphor:
        m = ms[0]
        at = cell.span[0] if cell.span else 0
        return prose._as_unit(m._replace(start=at + m.start, end=at + m.end))
    clean = re.sub(r"^\s*(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+", "", name).strip()
    if re.match(r"(?:Sở|Ban|Văn phòng|Thanh tra)\s", clean):
        return Unit("department", clean, None, pcode)
    if re.match(r"Bộ\s", clean):
        return Unit("ministry", clean, None, None)
    if pcode and district_candidates(clean, pcode):
        return Unit("district", clean, None, pcode)
    if is_province_name(clean):
        pc = province_code(clean)
        return Unit("province", clean, None, pc)
    if district_candidates(clean):
        if pcode and not district_candidates(clean, pcode):
            return Unit("unknown", clean, None, pcode)  # a district of another province: not this one's
        return Unit("district", clean, None, pcode)
    if not fold(clean) or _CELL_NUMBER.match(clean):
        return None
    return Unit("unknown", clean, None, pcode)
