"""Cutting a document around a figure's span."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from report.highlight import SpanError, highlight


@given(st.text(min_size=1, max_size=400), st.data(), st.integers(min_value=0, max_value=50))
def test_the_mark_is_the_span_and_the_cut_adds_up(text, data, context):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    hl = highlight(text, start, end, text[start:end], figure_id="f", context=context)
    assert hl.marked == text[start:end]
    assert text[hl.cut_before:len(text) - hl.cut_after] == hl.before + hl.marked + hl.after
    assert hl.cut_before + len(hl.before) == start


def test_long_documents_are_cut_at_line_breaks():
    text = "\n".join(f"dòng {i}" for i in range(5000))
    start = text.index("dòng 2500")
    hl = highlight(text, start, start + 9, "dòng 2500", figure_id="f", context=300)
    assert hl.cut_before > 0 and hl.cut_after > 0
    assert hl.before.startswith("dòng ") and text[hl.cut_before - 1] == "\n"
    assert len(hl.before) < 800 and len(hl.after) < 800


def test_a_span_that_does_not_hold_the_text_is_an_error():
    with pytest.raises(SpanError, match=r"figure f: span \[0, 3\) holds 'abc', not 'abd'"):
        highlight("abcdef", 0, 3, "abd", figure_id="f")
    with pytest.raises(SpanError, match="outside"):
        highlight("abc", 2, 9, "c", figure_id="f")
