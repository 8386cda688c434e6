"""Inline SVG line charts of totals and ranks over the years (no JS, no CDN).

One chart is a set of series (a unit's values by year). Ranks are drawn with 1 at the top,
so "up" means "better" in both charts.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf",
           "#7f7f7f", "#bcbd22")
W, H = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 48, 170, 28, 36


@dataclass
class Series:
    name: str
    points: dict[int, float]      # year -> value


def _fmt(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


def line_chart(title: str, series: list[Series], *, invert: bool = False, y_min: float | None = None,
               y_max: float | None = None, css_class: str = "chart") -> str:
    """An SVG line chart; `invert` puts the smallest value on top (ranks)."""
    series = [s for s in series if s.points]
    if not series:
        return ""
    years = sorted({y for s in series for y in s.points})
    values = [v for s in series for v in s.points.values()]
    lo = min(values) if y_min is None else y_min
    hi = max(values) if y_max is None else y_max
    if hi == lo:
        lo, hi = lo - 1, hi + 1
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def x(year: int) -> float:
        return LEFT + (pw / 2 if len(years) == 1 else pw * (years.index(year) / (len(years) - 1)))

    def y(v: float) -> float:
        t = (v - lo) / (hi - lo)
        return TOP + (ph * t if invert else ph * (1 - t))

    out = [f'<svg class="{css_class}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" '
           f'width="{W}" height="{H}" role="img" aria-label="{escape(title)}">',
           f'<text x="{LEFT}" y="16" font-size="13" font-weight="bold">{escape(title)}</text>']
    for i in range(5):  # horizontal grid with labels
        v = lo + (hi - lo) * i / 4
        yy = y(v)
        out.append(f'<line x1="{LEFT}" y1="{yy:.1f}" x2="{LEFT + pw}" y2="{yy:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{LEFT - 6}" y="{yy + 4:.1f}" font-size="11" text-anchor="end">{_fmt(v)}</text>')
    for yr in years:
        out.append(f'<text x="{x(yr):.1f}" y="{H - BOTTOM + 18}" font-size="11" text-anchor="middle">{yr}</text>')
    for n, s in enumerate(series):
        color = PALETTE[n % len(PALETTE)]
        pts = [(x(yr), y(v), yr, v) for yr, v in sorted(s.points.items())]
        if len(pts) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _, _ in pts)
            out.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{path}"/>')
        for px, py, yr, v in pts:
            out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{color}">'
                       f'<title>{escape(s.name)} {yr}: {_fmt(v)}</title></circle>')
        ly = TOP + 14 * n + 6
        out.append(f'<rect x="{W - RIGHT + 12}" y="{ly - 8}" width="10" height="10" fill="{color}"/>')
        out.append(f'<text x="{W - RIGHT + 26}" y="{ly + 1}" font-size="11">{escape(s.name[:24])}</text>')
    out.append("</svg>")
    return "\n".join(out)
