"""Reading order of PDF text: a band of a page, in two-column order where a gutter runs down it.

A gutter is an x that at least five lines on each side leave free, with lines on both
sides of it (side by side) and few lines running across it; lines that cross it (a
title over both columns) are read full width, and each run of lines between them is read
left column first, then right.
"""
from __future__ import annotations

def _lines(words: list[dict]) -> list[list[dict]]:
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= 3:
            lines[-1].append(w)
        else:
            lines.append([w])
    return lines


MIN_GUTTER = 8.0  # pt; a word space is ~3 pt, a column gutter 15-30 pt


def _crosses(line: list[dict], x: float) -> bool:
    """Does this line run across x (a word over it, or words on both sides with only a word gap)?"""
    left = [w["x1"] for w in line if w["x1"] <= x]
    right = [w["x0"] for w in line if w["x0"] >= x]
    if len(left) + len(right) < len(line):
        return True
    return bool(left and right and min(right) - max(left) < MIN_GUTTER)


def _gutter(lines: list[list[dict]], x0: float, x1: float) -> float | None:
    """x of a vertical gutter that at least 5 lines on each side and 3 side-by-side pairs respect."""
    width = x1 - x0
    best, best_cross = None, None
    x = x0 + 0.3 * width
    while x <= x0 + 0.7 * width:
        free = [line for line in lines if not _crosses(line, x)]
        left = sum(1 for line in free if any(w["x1"] <= x for w in line))
        right = sum(1 for line in free if any(w["x0"] >= x for w in line))
        both = sum(1 for line in free if any(w["x1"] <= x for w in line) and any(w["x0"] >= x for w in line))
        crossing = len(lines) - len(free)
        if left >= 5 and right >= 5 and both >= 3 and (best_cross is None or crossing < best_cross):
            best, best_cross = x, crossing
        x += 2
    if best is None or best_cross > 0.3 * len(lines):
        return None
    return best


def _crop_text(page, bbox) -> str:
    x0, top, x1, bottom = bbox
    x0, x1 = max(x0, page.bbox[0]), min(x1, page.bbox[2])
    top, bottom = max(top, page.bbox[1]), min(bottom, page.bbox[3])
    if x1 - x0 < 1 or bottom - top < 1:
        return ""
    return page.crop((x0, top, x1, bottom), strict=False).extract_text() or ""


def band_text(page, top: float, bottom: float) -> list[str]:
    """Text of a horizontal band, as reading blocks, in two-column order where needed."""
    x0, _, x1, _ = page.bbox
    if bottom - top < 1:
        return []
    band = page.crop((x0, top, x1, bottom), strict=False)
    words = band.extract_words()
    if not words:
        return []
    lines = _lines(words)
    gutter = _gutter(lines, x0, x1) if len(lines) >= 10 else None
    if gutter is None:
        return [band.extract_text() or ""]
    blocks: list[str] = []
    run_top = None
    for n, line in enumerate(lines + [None]):
        crossing = line is not None and _crosses(line, gutter)
        if line is not None and not crossing:
            if run_top is None:
                run_top = line[0]["top"] - 1
            continue
        if run_top is not None:
            run_bottom = (line[0]["top"] - 0.5) if line is not None else bottom
            blocks.append(_crop_text(page, (x0, run_top, gutter, run_bottom)))
            blocks.append(_crop_text(page, (gutter, run_top, x1, run_bottom)))
            run_top = None
        if line is not None:
            line_bottom = max(w["bottom"] for w in line) + 0.5
            blocks.append(_crop_text(page, (x0, line[0]["top"] - 0.5, x1, line_bottom)))
    return blocks
