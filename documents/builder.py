"""Assembles Document.text block by block so every table cell knows where it landed.

Tables are rendered into the text one row per line, cells separated by " | "
(``CELL_SEP``), so regexes over the text see them and a cell's span maps back to it.
A cell's text never holds a newline or the separator's own line break: wrapped cell
text is joined with single spaces.
"""
from __future__ import annotations

from documents.model import Cell, Table
from documents.textnorm import clean_block, clean_inline

CELL_SEP = " | "
BLOCK_SEP = "\n\n"


class TextBuilder:
    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.tables: list[Table] = []
        self.pages: list[tuple[int, int]] = []
        self._page_start: int | None = None

    @property
    def length(self) -> int:
        return self._length

    def _append(self, piece: str) -> None:
        self._parts.append(piece)
        self._length += len(piece)

    def _separate(self, sep: str) -> None:
        if self._length:
            self._append(sep)

    def add_block(self, text: str, sep: str = BLOCK_SEP) -> None:
        """A paragraph (already legacy-converted); empty text adds nothing."""
        text = clean_block(text)
        if text:
            self._separate(sep)
            self._append(text)

    def add_table(self, rows: list[list[str]], page: int | None = None,
                  row_pages: list[int] | None = None) -> Table | None:
        """Render a table (rectangular or not) and return it with cell spans set.

        ``row_pages`` gives each row's PDF page so a table running over pages
        still moves the page boundaries to the row where the new page starts.
        """
        cleaned = [[clean_inline(c or "") for c in row] for row in rows]
        keep = [i for i, row in enumerate(cleaned) if any(row)]
        if not keep:
            return None
        self._separate(BLOCK_SEP)
        out_rows: list[list[Cell]] = []
        for n, i in enumerate(keep):
            if n:
                self._append("\n")
            if row_pages is not None:
                self.mark_page(row_pages[i])
            cells: list[Cell] = []
            for j, text in enumerate(cleaned[i]):
                if j:
                    self._append(CELL_SEP)
                start = self._length
                self._append(text)
                cells.append(Cell(text=text, span=(start, self._length)))
            out_rows.append(cells)
        table = Table(index=len(self.tables), rows=out_rows, page=page)
        self.tables.append(table)
        return table

    def mark_page(self, number: int) -> None:
        """Start page ``number`` (1-based) at the current offset, closing the previous one."""
        while len(self.pages) + (self._page_start is not None) < number:
            self._close_page()
            self._page_start = self._length

    def _close_page(self) -> None:
        if self._page_start is not None:
            self.pages.append((self._page_start, self._length))
        self._page_start = None

    def text(self) -> str:
        return "".join(self._parts)

    def finish_pages(self) -> list[tuple[int, int]]:
        self._close_page()
        # Pages are contiguous: each ends where the next starts, the last at the text end.
        fixed = []
        for n, (start, _) in enumerate(self.pages):
            end = self.pages[n + 1][0] if n + 1 < len(self.pages) else self._length
            fixed.append((start, end))
        self.pages = fixed
        return fixed
