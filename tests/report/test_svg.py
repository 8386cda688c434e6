"""The inline SVG charts of the province pages."""
from __future__ import annotations

import re

from lxml import etree

from report.svg import Series, line_chart


def _points(svg: str) -> dict[str, tuple[float, float]]:
    root = etree.fromstring(svg.encode())
    out = {}
    for c in root.iter("{http://www.w3.org/2000/svg}circle"):
        title = c.find("{http://www.w3.org/2000/svg}title").text
        out[title] = (float(c.get("cx")), float(c.get("cy")))
    return out


def test_scores_go_up_and_years_go_right():
    svg = line_chart("scores", [Series("Huyện A", {2021: 80.0, 2022: 90.0}), Series("Huyện B", {2022: 70.0})])
    pts = _points(svg)
    assert set(pts) == {"Huyện A 2021: 80", "Huyện A 2022: 90", "Huyện B 2022: 70"}
    assert pts["Huyện A 2022: 90"][0] > pts["Huyện A 2021: 80"][0]        # later year further right
    assert pts["Huyện A 2022: 90"][1] < pts["Huyện B 2022: 70"][1]        # higher score higher up
    assert svg.count("<polyline") == 1                                   # a lone point has no line


def test_ranks_are_drawn_best_on_top():
    svg = line_chart("ranks", [Series("A", {2020: 1.0, 2021: 8.0})], invert=True, y_min=1, y_max=8)
    pts = _points(svg)
    assert pts["A 2020: 1"][1] < pts["A 2021: 8"][1]


def test_names_are_escaped_and_empty_charts_are_omitted():
    svg = line_chart("<b>", [Series("<script>", {2022: 1.0})])
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert etree.fromstring(svg.encode()) is not None
    assert line_chart("nothing", [Series("A", {})]) == ""
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", svg)
