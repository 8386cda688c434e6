"""The extractor never raises and every figure's span holds its text, on any string at all."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from documents.model import Document
from extractors.context import ExtractionContext
from extractors.core import _extract
from normalizers.figures import normalize_figures

VI = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
VI += VI.upper()
PIECES = [
    "xếp thứ ", "đứng thứ ", "đạt ", " điểm", "/", "%", ",", ".", "(", ")", "*", "\n", "\t", " | ",
    "tăng ", "giảm ", " bậc", "năm 2022", "Chỉ số CCHC ", "huyện Bạch Thông ", "tỉnh ", "UBND tỉnh ",
    "Sở Nội vụ ", "thành phố ", "TP. ", "dẫn đầu", "đội sổ", "lần lượt", "tự chấm ", "tạm thời ",
    "STT\n", "Đơn vị\n", "Tổng điểm (100)\n", "Xếp hạng\n", "so với năm 2021", "Cải cách thể chế: ",
    "9" * 40, "1.1.1.1.1.1", "81,81/100", "7/8", "\x00", "\u200b", "\ufeff", "(*", "*)",
]
texts = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=VI + "0123456789 ,./%()\n\t|-:;", max_size=600),
    st.lists(st.one_of(st.sampled_from(PIECES), st.integers(0, 10**30).map(str)), max_size=80).map("".join),
)


def _check(text: str, province: str | None = None) -> None:
    doc = Document(doc_id="prop.txt", text=text, content_type="txt")
    ctx = ExtractionContext(province=province)
    figs = _extract(doc, ctx)  # the inner function: a bug must fail here, not be swallowed
    for f in normalize_figures(figs, ctx):
        assert text[f.span[0]:f.span[1]] == f.text
        assert f.metric in ("score", "rank", "score_pct", "score_delta", "rank_delta")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from([None, "Bắc Kạn", "Hà Nội", "not a province"]))
def test_never_raises_and_spans_hold(text, province):
    _check(text, province)


def test_adversarial_strings():
    cases = [
        "9" * 100_000,
        "xếp thứ " + "1" * 5000 + "/" + "2" * 5000,
        ("đạt 81,81/100 điểm, " * 5000),
        "(" * 20_000 + "xếp thứ 7/8" + ")" * 20_000,
        "1." * 50_000,
        "".join(chr(c) for c in range(0, 0x2000)),
        VI * 200,
        "STT\nĐơn vị\nTổng điểm\n" + "1\nHuyện A\n80,5\n" * 3000,
        "a | b\n" * 20_000,
        "huyện " * 20_000 + "Bắc Kạn",
    ]
    for text in cases:
        _check(text)
