"""HTML <table> → rows of cell texts, merged cells expanded; layout tables told apart.

Old portals lay whole pages out with tables: a table holding other tables, a single
column, or a cell with a long text is layout and is read as text, not as a data table.
"""
from __future__ import annotations

from bs4 import Comment, Tag

from documents.textnorm import clean_inline

MAX_SPAN = 200  # rowspan/colspan cap: a hostile colspan=100000 must not allocate a huge grid


def is_layout_table(table: Tag) -> bool:
    if table.find("table"):
        return True
    cells = [c for c in table.find_all(["td", "th"]) if c.find_parent("table") is table]
    if not cells:
        return True
    widest = max((len(c.get_text(" ").strip()) for c in cells), default=0)
    columns = max((len([c for c in tr.find_all(["td", "th"], recursive=False)]) for tr in _rows(table)), default=0)
    return widest > 600 or columns <= 1


def _rows(table: Tag) -> list[Tag]:
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _span(cell: Tag, attr: str) -> int:
    try:
        return max(1, min(int(str(cell.get(attr, "1")).strip() or 1), MAX_SPAN))
    except ValueError:
        return 1


def table_grid(table: Tag, fonts) -> list[list[str]]:
    """The table's rows with rowspan/colspan expanded: a merged cell's text in every slot it covers.

    ``fonts.text(string)`` gives a string's Unicode text (legacy-font runs converted)."""
    trs = _rows(table)
    grid: dict[tuple[int, int], str] = {}
    width = 0
    for r, tr in enumerate(trs):
        c = 0
        for cell in tr.find_all(["td", "th"], recursive=False):
            while (r, c) in grid:
                c += 1
            text = clean_inline(" ".join(fonts.text(s) for s in cell.find_all(string=True)
                                         if not isinstance(s, Comment)))
            rs = min(_span(cell, "rowspan"), len(trs) - r)
            cs = _span(cell, "colspan")
            for dr in range(rs):
                for dc in range(cs):
                    grid[(r + dr, c + dc)] = text
            c += cs
            width = max(width, c)
    return [[grid.get((r, c), "") for c in range(width)] for r in range(len(trs))]
