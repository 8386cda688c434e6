"""The static HTML report of parwatch: results, their figures, each figure's highlighted source.

`build_report(out_dir, data_dir) -> Path` writes a site that opens from disk (no server, no
CDN, no external JS or CSS) and returns the path of its index.html.
"""
from .build import build_report

__all__ = ["build_report"]
