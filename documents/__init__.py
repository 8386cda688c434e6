"""The documents layer: archived bytes or local files → Document (text, tables, pages, title, date).

Public API: ``read_bytes`` (never raises for bad input; see Document.status/error) and
``read_path`` (raises DocumentError). Tables are rendered into ``Document.text`` one row
per line with cells separated by ``CELL_SEP`` (" | "); each Cell.span points into the text.
"""
from documents.builder import CELL_SEP
from documents.model import Cell, Document, DocumentError, Table
from documents.reader import read_bytes, read_path

__all__ = ["CELL_SEP", "Cell", "Document", "DocumentError", "Table", "read_bytes", "read_path"]
