"""Tables printed without rules: rows of figures recognised from word positions.

pdfplumber's ``text`` strategy cuts column lines through words on real annexes, so
unruled tables are found here instead: a run of at least three "figure lines" (lines
mostly made of numbers) fixes the columns (x ranges covered by their words, split at
gaps wider than a word space); the lines just above them are the header (a header
phrase spanning several columns is put in each of them); non-figure lines inside the
body are wrapped cell text and are folded into the row above.
"""
from __future__ import annotations

import re
import statistics

# A figure in a body cell; "(16,5)" is not one: parenthesised numbers are header maxima.
_NUMBER = re.compile(r"^[-+–]?\d+(?:[.,]\d+)*(?:/\d+(?:[.,]\d+)?)?%?[;,.]?$")
COLUMN_GAP = 5.0  # pt: wider than a word space, narrower than a column gutter
MAX_HEADER_LINES = 6

Bbox = tuple[float, float, float, float]


def _group_lines(words: list[dict]) -> list[list[dict]]:
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= 2.5:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _is_figure_line(line: list[dict]) -> bool:
    """A table row of figures: at least two cells (phrases apart by a column gap) that are
    numbers, and numbers are at least 40% of the cells (a long unit name is one cell)."""
    phrases = _phrases(line)
    numeric = sum(1 for _, _, text in phrases if all(_NUMBER.match(t) for t in text.split()))
    return numeric >= 2 and numeric / len(phrases) >= 0.4


def _columns(lines: list[list[dict]]) -> list[tuple[float, float]]:
    spans = sorted((w["x0"], w["x1"]) for line in lines for w in line)
    cols: list[list[float]] = []
    for x0, x1 in spans:
        if cols and x0 - cols[-1][1] < COLUMN_GAP:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    return [(a, b) for a, b in cols]


def _phrases(line: list[dict]) -> list[tuple[float, float, str]]:
    out: list[list] = []
    for w in line:
        if out and w["x0"] - out[-1][1] < COLUMN_GAP:
            out[-1][1] = w["x1"]
            out[-1][2] += " " + w["text"]
        else:
            out.append([w["x0"], w["x1"], w["text"]])
    return [(a, b, t) for a, b, t in out]


def _assign(line: list[dict], cols: list[tuple[float, float]], spread: bool) -> list[str]:
    """Cell texts of one line; a phrase over several columns goes to each when ``spread``."""
    cells = [""] * len(cols)
    for x0, x1, text in _phrases(line):
        hit = [i for i, (a, b) in enumerate(cols) if x0 < b and x1 > a]
        if not hit:  # in a gap: the nearest column
            centre = (x0 + x1) / 2
            hit = [min(range(len(cols)), key=lambda i: min(abs(cols[i][0] - centre), abs(cols[i][1] - centre)))]
        for i in hit if spread else [max(hit, key=lambda i: min(x1, cols[i][1]) - max(x0, cols[i][0]))]:
            cells[i] = f"{cells[i]} {text}".strip()
    return cells


def _top(line: list[dict]) -> float:
    return min(w["top"] for w in line)


def find_unruled_tables(words: list[dict], page_width: float) -> list[tuple[Bbox, list[list[str]]]]:
    lines = _group_lines(words)
    flags = [_is_figure_line(line) for line in lines]
    tables = []
    i = 0
    while i < len(lines):
        if not flags[i]:
            i += 1
            continue
        j = i
        body = [i]
        # Extend over figure lines, allowing up to two wrapped-text lines between them
        # (a cell centred vertically puts half its wrapped lines above the figures).
        while j + 1 < len(lines):
            nxt = next((k for k in range(j + 1, min(j + 4, len(lines))) if flags[k]), None)
            if nxt is None or any(_wide(lines[k], page_width) for k in range(j + 1, nxt)):
                break
            body.append(nxt)
            j = nxt
        figure_lines = [lines[k] for k in body]
        if len(figure_lines) < 3:
            i = j + 1
            continue
        cols = _columns(figure_lines)
        if len(cols) < 3:
            i = j + 1
            continue
        table_x0, table_x1 = cols[0][0], cols[-1][1]
        spacing = statistics.median(_top(b) - _top(a) for a, b in zip(figure_lines, figure_lines[1:]))
        # Wrapped text just above the first / below the last figure line (closer than a row).
        first, last = i, j
        if first > 0 and not flags[first - 1] and _top(lines[first]) - _top(lines[first - 1]) < 0.75 * spacing \
                and not _section_line(lines[first - 1], cols) and not _wide(lines[first - 1], table_x1 - table_x0):
            first -= 1
        if last + 1 < len(lines) and not flags[last + 1] and _top(lines[last + 1]) - _top(lines[last]) < 0.75 * spacing \
                and not _section_line(lines[last + 1], cols) and not _wide(lines[last + 1], table_x1 - table_x0):
            last += 1
        # A group row right above the first figures ("I. KHỐI SỞ, BAN, NGÀNH") belongs to the body.
        if first > 0 and not flags[first - 1] and _section_line(lines[first - 1], cols) \
                and _top(lines[first]) - _top(lines[first - 1]) < 1.6 * spacing \
                and not _wide(lines[first - 1], table_x1 - table_x0):
            first -= 1
        # Header: the lines right above, up to a title/paragraph line or a large gap.
        head = []
        k = first - 1
        below_top = _top(lines[first])
        while k >= 0 and len(head) < MAX_HEADER_LINES:
            line = lines[k]
            if _wide(line, table_x1 - table_x0) or below_top - _top(line) > 2.6 * max(spacing, 8):
                break
            if line[0]["x0"] < table_x0 - 40 or line[-1]["x1"] > table_x1 + 40:
                break
            head.insert(0, k)
            below_top = _top(line)
            k -= 1
        rows: list[list[str]] = []
        if head:
            # Header lines that wrap one header row: merged into a single row, cell by cell.
            header = [""] * len(cols)
            for k in head:
                for c, text in enumerate(_assign(lines[k], cols, spread=True)):
                    header[c] = f"{header[c]} {text}".strip()
            rows.append(header)
        rows.extend(_body_rows(lines[first:last + 1], flags[first:last + 1], cols, spacing))
        top_line = lines[head[0]] if head else lines[first]
        bbox = (table_x0 - 1, _top(top_line) - 1, table_x1 + 1, max(w["bottom"] for w in lines[last]) + 1)
        tables.append((bbox, rows))
        i = last + 1
    return tables


def _body_rows(lines: list[list[dict]], flags: list[bool], cols, spacing: float) -> list[list[str]]:
    """One row per figure line or section line; other lines are wrapped cell text, joined
    to the nearest figure line above or below (before it when above, after it when below)."""
    items: list[tuple[float, list[str], bool]] = []  # (top, cells, is_row)
    loose: list[tuple[float, list[str]]] = []
    for line, flag in zip(lines, flags):
        section = not flag and _section_line(line, cols)
        cells = _assign(line, cols, spread=section)  # a group heading fills the columns it spans
        if flag or section:
            items.append((_top(line), cells, flag))
        else:
            loose.append((_top(line), cells))
    rows = [list(cells) for _, cells, _ in items]
    anchors = [n for n, (_, _, is_row) in enumerate(items) if is_row]
    for top, cells in loose:
        if not anchors:
            rows.append(cells)
            continue
        # Ties go to the row above (top-aligned cells wrap downwards); a line clearly closer
        # to the row below is the first half of a vertically centred cell.
        n = min(anchors, key=lambda a: abs(items[a][0] - top) - (0.25 * spacing if items[a][0] < top else 0))
        above = top < items[n][0]
        rows[n] = [(f"{b} {a}" if above else f"{a} {b}").strip() for a, b in zip(rows[n], cells)]
    return rows


def _section_line(line: list[dict], cols: list[tuple[float, float]]) -> bool:
    """A group heading inside the body ("II. Khối huyện"): starts in the first column or spans
    several; a wrapped cell's second line sits inside one later column."""
    for x0, x1, _ in _phrases(line):
        if x0 < cols[0][1] or sum(1 for a, b in cols if x0 < b and x1 > a) >= 2:
            return True
    return False


def _wide(line: list[dict], width: float) -> bool:
    """A phrase over half the width: a title or a prose line, not a table cell."""
    return any(x1 - x0 > 0.5 * width for x0, x1, _ in _phrases(line))
