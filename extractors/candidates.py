"""Which numbers in prose are figures, and what kind: score, rank, score_pct, deltas.

A number becomes a figure only when the words around it say so ("xếp thứ 7/8", "đạt 81,81/100
điểm", "tăng 4 bậc", "93,21% điểm tối đa"); everything else (counts, targets, document numbers,
dates, money, averages) stays out.  Context checks run on short windows before and after the
number, so the cost per number is bounded and the whole pass is linear.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from extractors.numbers import number_value
from normalizers.fields import find_fields
from normalizers.lower import spaced


def _rx(pattern: str, flags: int = 0) -> re.Pattern:
    """A compiled pattern whose spaces also match line breaks (see normalizers.lower.spaced)."""
    return re.compile(spaced(pattern), flags)

UPPER = "".join(chr(c) for c in range(0x41, 0x1EFA) if chr(c).isupper() and chr(c).isalpha())

_N = r"\d{1,6}(?:[.,]\d{1,4})?"
# A number not glued to a word, code or longer number, and not a year.  The pattern opens with the
# digit it consumes: a pattern opening with look-arounds is tried at every position of the text,
# one opening with a character class lets the regex engine skip from digit to digit.  So the checks
# on what stands before the number look back over that first digit ("(?<![\w.,/%-]\d)": nothing
# glued before it; "(?<=1)9\d\d", "(?<=2)0\d\d": it opens a year 19xx/20xx).
NUMBER = _rx(
    rf"(?P<a>\d(?<![\w.,/%-]\d)(?!(?<=1)9\d\d(?![\d.,/%])|(?<=2)0\d\d(?![\d.,/%]))\d{{0,5}}(?:[.,]\d{{1,4}})?)"
    rf"(?:[ \t]?/[ \t]?(?P<b>{_N}))?(?P<pct>[ \t]?%)?(?![\w/%]|[.,]\d)")

_I = re.IGNORECASE
_RANK_BEFORE = _rx(  # the look-ahead lets the engine skip positions no alternative can start at
    r"(?=[xđgvtlởncsh(,;:\s])(?:(?:(?:xếp|đứng|giữ|vươn lên|tụt xuống|lên|xuống|tụt|ở|đạt|nằm ở|chiếm)\s+(?:ở\s+)?(?:vị trí\s+)?"
    r"(?:thứ|hạng)(?:\s+(?:thứ|số))?|xếp\s+hạng(?:\s+thứ)?|thứ\s+hạng|(?<![^\W_])hạng|vị trí(?:\s+(?:thứ|số))?)"
    r"[\s:]*$|(?:^|[(,;:]|\svà|\sđứng|\sxếp)\s*(?:ở\s+)?(?:vị trí\s+)?thứ\s*$)")
# "mất 11 bậc", "rơi 3 bậc", "lùi 2 bậc": a loss of places, like "tụt"
_DELTA_BEFORE = _rx(r"(?P<verb>tăng|giảm|tụt|cải thiện|thăng|lên|xuống|mất|rơi|lùi)(?:\s+(?:thêm|được|đi|mạnh|nhẹ))?\s+$")
_DELTA_AFTER = _rx(r"\s*(?P<unit>bậc|hạng|vị trí|điểm)(?![^\W_])")
_SCORE_AFTER = _rx(r"\s*điểm(?![^\W_])(?!\s*(?:phần trăm|%|tối đa))")
_SCORE_VERB_BEFORE = _rx(
    r"(?:đạt|là|với|được|có|giành|và|:|=|tự chấm|tự đánh giá)\s*(?:kết quả\s+)?(?:(?:tổng\s+)?(?:số\s+)?điểm(?:\s+số)?\s*(?:là|đạt|:)?\s*)?$"
    r"|(?:số điểm|tổng điểm|điểm số|điểm đạt được|điểm)\s*(?:là|đạt|:)?\s*$")
_PCT_VERB_BEFORE = _rx(r"(?:đạt|là|với|được|:)\s*(?:kết quả\s+|mức\s+)?$")
_PCT_MAX_AFTER = _rx(r"\s*(?:so với\s+)?(?:tổng\s+)?(?:số\s+)?điểm tối đa")
# A count noun right after "17/40", "11/11": the number counts things, it does not rank or score.
_COUNT_AFTER = _rx(
    r"\s*(?:nhiệm vụ|địa phương|cơ quan|đơn vị|hồ sơ|thủ tục|tthc|chỉ tiêu|tiêu chí|xã|phường|văn bản|"
    r"phiếu|người|cán bộ|công chức|lượt|dịch vụ|lĩnh vực|sở|ban|ngành|kiến nghị|vụ|cuộc|đồng|triệu|tỷ|nghìn|"
    r"lần|ngày|tháng|năm|giờ|học sinh|doanh nghiệp|hộ|tỉnh|huyện|thành phố|quận|thị xã|bộ|đơn|phản ánh|"
    r"vụ việc|khiếu nại|tố cáo|ý kiến|câu hỏi|công việc|buổi|lớp|tin|bài)(?![^\W_])")
# Words that make a number a target, threshold, average or deduction rather than a result.
_NOT_RESULT_BEFORE = _rx(
    r"(?=[tdhíkgbpmcđ])(?:(?<![^\W_])(?:trên(?!\s*(?:tổng\s+)?(?:số\s+)?\d{1,3}\s+(?:tỉnh|huyện|địa phương|đơn vị|bộ|sở|xã))|dưới|hơn|ít nhất|tối thiểu|tối đa|khoảng|gần|trung bình|bình quân|phấn đấu|mục tiêu|"
    r"chỉ tiêu|trừ|bị trừ|mất|thang điểm|thang|cộng|tỷ lệ|đạt chuẩn|được giao|chênh lệch|cách biệt|khoảng cách|"
    r"cách nhau)[^.;:]{0,25}$|mức độ\s*$)")
# "xếp 17/17", "đứng 5/9": the verb right before a fraction, no "thứ" (only with the count printed)
_XEP_BEFORE = _rx(r"(?<![^\W_])(?:xếp|đứng)\s*$")
# "0,7054", "0,5617": DTI-style index values in (0, 1) with three or more decimals
UNIT_INTERVAL = re.compile(r"0[.,]\d{3,4}")
# a weekday, not a rank: "Thứ Năm, 30/05/2024", "thứ Hai 27/5"
_WEEKDAY_AFTER = re.compile(r"[ \t]*,?[ \t]*(?:ngày[ \t]+)?\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?(?!\d)")
# "đứng trên Nghệ An (86,50%)": a unit ranked above or below, whose own result follows; not a threshold
_PLACED_ABOVE = _rx(r"(?:đứng|xếp|vượt)\s+(?:trên|dưới)\s+[^\d.;:()]{2,40}\(\s*$")  # on lower-cased text
_RANK_WORDS = _rx(
    r"(?:(?P<verb>xếp|đứng|giữ|vươn lên|tụt xuống)\s+(?:ở\s+)?(?:vị trí\s+)?(?:thứ|hạng)\s+"
    r"(?P<ord>nhất|nhì|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười)(?![^\W_])"
    r"|(?:(?<=[,;(])|(?<=^))\s*thứ\s+(?P<ord2>nhất|nhì|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười)(?=\s+(?:là|thuộc về)(?![^\W_]))"
    r"|(?P<first>dẫn đầu|đứng đầu|ngôi đầu)(?![^\W_])|(?P<last>(?:đứng|xếp)\s+cuối bảng|(?:đứng|xếp)\s+chót bảng|"
    r"(?:đứng|xếp)\s+cuối|(?:đứng|xếp)\s+chót|đội sổ|chót bảng|"
    r"cuối bảng)(?![^\W_]))", _I)
_RANK_WORDS_FAST = _rx("(?=[xđgvtdcn \t\n])" + _RANK_WORDS.pattern)  # on lower-cased text
_PERSON_BEFORE = re.compile(r"người\s*$")  # "người đứng đầu": a head of office, not a rank
_ORDINALS = {"nhất": 1, "nhì": 2, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
             "chín": 9, "mười": 10}
_OUT_OF_AFTER = _rx(r"[\s,]*(?:(?:trong|trên|/|của|toàn)\s*)?(?:tổng số\s+)?(?:số\s+)?(?:các\s+)?(?P<n>\d{1,3})(?![\d.,])"
                           r"\s+(?:tỉnh|huyện|địa phương|đơn vị|bộ|sở|cơ quan|xã|quận)", _I)
# "đứng cuối bảng (19/19)", "dẫn đầu (1/12)": the bracket prints the rank the words state
_BRACKET_RANK_AFTER = _rx(r"[ \t]*\([ \t]*(?:thứ[ \t]+|hạng[ \t]+)?(?P<n>\d{1,3})[ \t]*/[ \t]*(?P<d>\d{1,3})[ \t]*\)")
_FIRST_AFTER = _rx(r"\s*(?:cả nước|toàn quốc|trong|bảng|khối|với|về|các|vùng|khu vực|chỉ số|toàn|cải cách|cchc|par|năm|liên tiếp|"
                   r"\d|[,.;(:]|$)", _I)
_WORD_RANK_EXCLUDE_BEFORE = _rx(
    r"(?:lĩnh vực|chỉ số thành phần|tiêu chí)[^.;]{0,12}$|(?:nhóm|top|tốp)\s*\d*[^.;]{0,20}$"
    r"|(?:(?<!\d)\d{1,3}|(?<![^\W_])(?:hai|ba|bốn|năm|sáu|bảy|tám|chín|mười))\s+(?:địa phương|tỉnh|huyện|đơn vị|lĩnh vực|sở|bộ)"
    r"[^.;]{0,14}$"
    r"|(?:phấn đấu|mục tiêu|nhằm|hướng tới)[^.;]{0,120}$|(?:trong khi|còn|các|những)\s+(?:tỉnh|địa phương|đơn vị|huyện)\s*$"
    r"|người\s*$|(?<![^\W_])mất\s*$", _I)


# In the clause before a percentage: a share of files/procedures or a failed target, not an index.
_NOT_PCT_CLAUSE = _rx(r"tỷ lệ|tỉ lệ|chưa đạt|không đạt|chưa bảo đảm|hồ sơ|văn bản|thủ tục|dịch vụ công|"
                             r"giải ngân|theo kế hoạch|kế hoạch đề ra|chỉ tiêu|phấn đấu|mục tiêu|phiếu|tiêu chí|nhiệm vụ|công việc|"
                             r"kiến nghị|phản ánh|số hóa|thanh toán", _I)


def _clause(text: str, lo: int, pos: int) -> str:
    """The text from the clause start (after ; . ! ?) up to ``pos``, at most 160 characters (a line break
    is no boundary: wrapped PDF lines break clauses anywhere, and [lo, pos) is one sentence)."""
    start = max(lo, pos - 160)
    cut = max(text.rfind(";", start, pos), text.rfind(".", start, pos), text.rfind("!", start, pos),
              text.rfind("?", start, pos))
    return text[max(start, cut + 1): pos]


_TARGET = _rx(r"phấn đấu|mục tiêu|chỉ tiêu|trên\s*$|dưới\s*$")
# "Hải Phòng (88,42%)", "xếp thứ nhì (92,13%)": a result in brackets right after a name or a rank
_OPEN_AFTER_NAME = _rx(rf"(?:[{UPPER}][^\W\d_]*|thứ\s+\w+|[\d%]|"
                       # "Bộ Giao thông vận tải (71,54%)": a ministry's or department's name ends in lower case
                       rf"(?<![^\W_])(?:Bộ|Sở)(?:\s+[^\W\d_]+){{1,7}})\s*\(\s*$")
# "4,10 trên tổng số 9 điểm", "7 trên 10 điểm": the maximum in words after the score
_SCORE_OUT_OF = _rx(rf"\s*trên\s+(?:tổng\s+)?(?:số\s+)?(?P<n>{_N})\s*điểm(?![^\W_])")
_PCT_OF_MAX_BEFORE = _rx(r"so với\s+(?:tổng\s+)?(?:số\s+)?điểm tối đa[^.;:\d%]{0,20}$")
_FULL_MARKS_BEFORE = _rx(r"(?:đạt|được)\s+(?:mức\s+)?(?:điểm\s+)?tối đa\s*(?:là\s*)?:?\s*$")
# the share of the maximum right after a score out of it: "đạt 7,38/8,5 điểm, tỷ lệ 86,82%"
_PCT_AFTER_SCORE = _rx(r"\d\s*/\s*\d{1,3}(?:[.,]\d{1,2})?\s*(?:điểm)?\s*[,;(]\s*(?:đạt\s+)?tỷ lệ\s*(?:đạt\s*)?(?:là\s*)?:?\s*$")
_RANK_OUT_OF = _rx(r"\s*(?:trên|trong|/)\s*(?:tổng\s+số\s+)?(?:số\s+)?(?P<n>\d{1,4})(?![\d.,])\s+"
                          r"(?:tỉnh|huyện|địa phương|đơn vị|bộ|sở|cơ quan|xã|quận|thị xã|thành phố)")
_NO_UNIT_CLAUSE = ("trung bình", "bình quân", "trung vị", "khoảng cách", "chênh lệch", "cách biệt")
_NO_UNIT_CLAUSE_RX = re.compile("|".join(re.escape(w) for w in _NO_UNIT_CLAUSE))  # one search, not six `in`s
_DELTA_CUES = ("tăng", "giảm", "tụt", "cải thiện", "thăng", "lên", "xuống", "mất", "rơi", "lùi")
_LOSS_VERBS = ("giảm", "tụt", "xuống", "mất", "rơi", "lùi")
# _DELTA_BEFORE ends the text before the number: a verb, or a verb then one of these modifiers.  A
# str.endswith on them (C speed) decides whether the regex needs to run at all.
_DELTA_TAIL = _DELTA_CUES + ("thêm", "được", "đi", "mạnh", "nhẹ")
_MAXIMA = _rx(r"thang điểm|tối đa|bộ chỉ số|bộ tiêu chí", _I)
BRACKETED = _rx(rf"[\s*]*\([\s*]*(?P<a>{_N})(?:\s?/\s?(?P<b>{_N}))?(?P<pct>\s?%)?[\s*]*\)")


_FRACTION = re.compile(r"(?<![\d.,/])(\d{1,4})\s*/\s*(\d{1,4})(?![\d/])")


def _is_count_share(text: str, pct: float, lo: int, hi: int) -> bool:
    """A percentage that is just a count fraction nearby in percent (14/16 -> 87,5%): a share of
    inspections, tasks or bodies, not an index value."""
    for m in _FRACTION.finditer(text, lo, hi):
        a, b = int(m.group(1)), int(m.group(2))
        if 0 < a <= b and abs(100 * a / b - pct) < 0.06 and _COUNT_AFTER.match(text[m.end(): m.end() + 30].lower()):
            return True
    return False


def _without_fields(clause: str) -> str:
    """The clause with PAR field names blanked ("Cải cách thủ tục hành chính" is not about files)."""
    for f in reversed(find_fields(clause)):
        clause = clause[:f.start] + clause[f.end:]
    return clause


# ("mất/rơi/lùi N bậc" need no cue here: "bậc" after the number is one)
_PLAIN_CUES = ("thứ", "hạng", "vị trí", "điểm", "tăng", "giảm", "lên", "xuống", "tụt", "cải thiện", "thăng", "(", ",", ":")
_PLAIN_AFTER = ("điểm", "bậc", "hạng", "vị trí")
_WORD_AFTER = _rx(r"\s*[^\W\d_]")
_RESULT_GOES_ON = _rx(r"\s*(?:và|so|xếp|tăng|giảm|đứng|,)")
_SCORE_TOPIC = _rx(r"điểm|chỉ số|cchc|par|sipas|papi|pci|dti")
# "huyện Phú Quí 87,90 điểm": a decimal score right after a unit's name, the verb left out
_UNIT_NAME_BEFORE = re.compile(r"(?i:huyện|thị xã|thành phố|xã|phường|thị trấn|quận|sở)\s+(?:[%s][^\W\d_]*\s+){1,4}$" % UPPER)
_OPENER_BEFORE = _rx(r"[(,:]\s*$")
_SCORE_NOUN_BEFORE = _rx(
    r"(?:số điểm|tổng điểm|điểm số|điểm đạt được|điểm\s+(?:tự chấm|tự đánh giá|tạm tính|thẩm định|chính thức))"
    r"\s*(?:là|đạt|:)?\s*$")
# "điểm điều tra xã hội học 28,26/38": a field name right before a score out of its maximum
_FIELD_TAIL = _rx(r"(?:xã hội học|xhh|thể chế|hành chính|bộ máy|công vụ|tài chính công|điện tử|chính quyền số|"
                  r"chính phủ số|điều hành|kinh tế - xã hội|cchc|tthc)\s*:?\s*$")
PLAIN_CUE = _rx("|".join(re.escape(w) for w in _PLAIN_CUES))
PLAIN_AFTER_CUE = _rx("|".join(re.escape(w) for w in _PLAIN_AFTER))
# "số 501", "ngày 5": a date or document number; not "chính quyền số", "chuyển đổi số" (field names)
_DATE_BEFORE = _rx(r"(?:ngày|hôm|sáng|chiều|tối|tháng|quý|(?<!quyền\s)(?<!phủ\s)(?<!đổi\s)số|năm)\s*$")
# _DATE_BEFORE can only match where the text, trailing spaces stripped (str.rstrip strips what \s
# matches), ends with one of its words: that str.endswith (C speed) decides whether the regex runs.
_DATE_WORDS = ("ngày", "hôm", "sáng", "chiều", "tối", "tháng", "quý", "số", "năm")


def _field_ends_at(text: str, lo: int, pos: int) -> bool:
    """A PAR field's name right before ``pos`` ("...; đổi mới cơ chế tài chính ... công lập 5,50/6"): the
    fraction after it is that field's score, as in a ";"-separated list of field scores."""
    if not text[pos - 1: pos].isspace() and text[pos - 1: pos] != ":":
        return False
    clause = text[lo: pos]
    cut = max(clause.rfind(";"), clause.rfind("."))
    clause = clause[cut + 1:]
    found = find_fields(clause)
    return bool(found) and not clause[found[-1].end:].strip(" \t\n:")


class Candidate(NamedTuple):
    start: int  # span of the figure's text
    end: int
    metric: str
    value: float | int
    denominator: float | int | None


def classify(text: str, m: re.Match, lo: int, hi: int, cue_checked: bool = False) -> Candidate | None:
    """The figure that NUMBER match ``m`` states, or None; [lo, hi) bounds its sentence."""
    a_s, b_s, pct = m.group("a"), m.group("b"), m.group("pct")
    start, end = m.start(), m.end()
    if pct:
        end = m.end()  # "93,21%" keeps its percent sign
    a = number_value(a_s)
    b = number_value(b_s) if b_s else None
    # Short lower-cased windows: the cue phrases are short, and `$`-anchored searches cost the
    # window's length, so this keeps the per-number cost small and bounded.
    before = text[max(lo, start - 48): start].lower()
    after = text[end: min(hi, end + 32)].lower()
    # Document numbers ("501/QĐ-UBND"), dates ("29/3/2023") and code-like tokens.
    if text.startswith(("/", "-"), end) or (b_s and text.startswith((".", ","), end) and text[end + 1: end + 2].isdigit()):
        return None
    if not b_s and not pct and not cue_checked:
        if not (PLAIN_CUE.search(before, max(0, len(before) - 26)) or PLAIN_AFTER_CUE.search(after, 0, 14)
                or a_s[:1] == "0" and UNIT_INTERVAL.fullmatch(a_s) or after.startswith(" trên ")):
            return None  # a bare number with no cue around it: a count, a year, a code
    # Each `$`-anchored search runs on the shortest tail that can hold its phrase, and only when a
    # literal cue word is there at all (str `in` is far cheaper than a regex attempt per position).
    b32 = before[-32:]
    rank_cue = "thứ" in b32 or "hạng" in b32 or "vị trí" in b32
    is_rank = rank_cue and not pct and bool(_RANK_BEFORE.search(b32))
    if not is_rank and b_s and not pct and "xếp" in b32 and _XEP_BEFORE.search(b32):
        is_rank = True  # "(82,04 điểm, xếp 17/17)": a rank out of a count, "thứ" left out
    b14 = before[-14:]
    if not is_rank and b14.rstrip().endswith(_DATE_WORDS) and _DATE_BEFORE.search(b14):
        return None
    if not b_s and not pct and b32.rstrip().endswith(_DELTA_TAIL):
        dm = _DELTA_BEFORE.search(b32)
        if dm:
            d = _DELTA_AFTER.match(after)
            if not d:
                return None
            sign = -1 if dm.group("verb") in _LOSS_VERBS else 1
            metric = "score_delta" if d.group("unit") == "điểm" else "rank_delta"
            if dm.group("verb") in ("mất", "rơi", "lùi") and metric != "rank_delta":
                return None  # "mất 2 điểm" is a deduction, not a change from last year
            if metric == "rank_delta" and not isinstance(a, int):
                return None
            return Candidate(start, end, metric, sign * a, None)
    if is_rank:
        if not isinstance(a, int) or a < 1 or a > 2000:
            return None
        if b is not None and (not isinstance(b, int) or b < a or b > 2000):
            return None
        if b is None:  # "xếp thứ 2 trên 63 tỉnh", "thứ 5 trong tổng số 8 huyện": the count, printed apart
            o = _RANK_OUT_OF.match(after)
            if o and int(o.group("n")) >= a:
                b = int(o.group("n"))
        return Candidate(start, end, "rank", a, b)
    if pct and a <= 100 and _PCT_MAX_AFTER.match(after) and not _TARGET.search(before):
        return Candidate(start, end, "score_pct", a, None)
    if b is not None and a == b and not pct and _FULL_MARKS_BEFORE.search(before[-30:]):
        return Candidate(start, end, "score", a, b)  # "đạt điểm tối đa 10/10": full marks, a score
    if pct and a <= 100 and "tối đa" in before and _PCT_OF_MAX_BEFORE.search(before):
        return Candidate(start, end, "score_pct", a, None)  # "so với điểm tối đa là 87,22%"
    if pct and a <= 100 and "tỷ lệ" in before[-14:] and _PCT_AFTER_SCORE.search(before):
        return Candidate(start, end, "score_pct", a, None)  # "đạt 7,38/8,5 điểm, tỷ lệ 86,82%"
    if _NOT_RESULT_BEFORE.search(before[-30:]) and not _PLACED_ABOVE.search(before[-30:]):
        return None
    clause = _clause(text, lo, start).lower()
    if _NO_UNIT_CLAUSE_RX.search(clause):
        return None  # an average, or a gap between units: no unit's own result
    if pct:
        if a > 100:
            return None
        opens = _OPEN_AFTER_NAME.search(text, max(lo, start - 60), start)
        of_max = "điểm tối đa" in clause  # "tỷ lệ điểm đạt được so với điểm tối đa ... là 95.12%"
        if not (_PCT_VERB_BEFORE.search(before) or opens) or (
                not of_max and _NOT_PCT_CLAUSE.search(clause) and _NOT_PCT_CLAUSE.search(_without_fields(clause))):
            return None
        if _WORD_AFTER.match(after) and not _RESULT_GOES_ON.match(after):
            return None  # "100% thủ tục": a share of something
        if _is_count_share(text, a, max(lo, start - 60), min(hi, end + 30)):
            return None  # "87,5% (14/16 cuộc)", "14/16 cơ quan, đạt 87,5%": the share a count makes
        return Candidate(start, end, "score?pct", a, None)  # score or score_pct: the field decides
    if _COUNT_AFTER.match(after):
        return None
    if b is not None:
        if b < a or b > 1000 or b == 0:
            return None
        if _SCORE_AFTER.match(after) or _SCORE_VERB_BEFORE.search(before) or _SCORE_NOUN_BEFORE.search(before[-40:]) \
                or _FIELD_TAIL.search(before[-24:]) or _field_ends_at(text, max(lo, start - 120), start):
            if not (_SCORE_AFTER.match(after) or _SCORE_TOPIC.search(before)
                    or not isinstance(a, int)):
                return None
            return Candidate(start, end, "score", a, b)
        return None
    if b is None and "trên" in after[:8]:
        o = _SCORE_OUT_OF.match(after)
        if o and _SCORE_VERB_BEFORE.search(before) and number_value(o.group("n")) >= a:
            return Candidate(start, end, "score", a, number_value(o.group("n")))
    if _SCORE_AFTER.match(after) and (_SCORE_VERB_BEFORE.search(before) or _OPENER_BEFORE.search(before[-6:])
                                      or (not isinstance(a, int) and a <= 100 and _UNIT_NAME_BEFORE.search(text, max(lo, start - 48), start))):
        if a > 1000 or (isinstance(a, int) and _MAXIMA.search(text, max(lo, start - 200), start)):
            return None  # "thang điểm 100, điểm thẩm định là 68 điểm": how the scale is built
        return Candidate(start, end, "score", a, None)
    if _SCORE_NOUN_BEFORE.search(before[-28:]):
        if a > 1000:
            return None
        return Candidate(start, end, "score", a, None)
    if a_s[:1] == "0" and UNIT_INTERVAL.fullmatch(a_s) and (_SCORE_VERB_BEFORE.search(before) or _OPENER_BEFORE.search(before[-6:])):
        return Candidate(start, end, "score", a, None)  # an index valued in (0, 1): DTI's form
    return None


# Every rank in words holds "đầu", "cuối", "chót" or "sổ", or an ordinal word right after "thứ" or
# "hạng" (see _RANK_WORDS).  Where "thứ"/"hạng" only precede digits ("xếp thứ 7/8", the common case)
# the caller can skip word_ranks' regex.  _RANK_WORDS is case-insensitive, and there "İ", "ı", "ſ"
# fold onto i and s: a text holding one of them gets no shortcut.
ORDINAL_CUES = ("thứ", "hạng")
_ORDINAL_AFTER = _rx(r"\s+(?:nhất|nhì|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười)", _I)
_FOLDING_ODDITIES = ("İ", "ı", "ſ")


def has_folding_oddities(low: str) -> bool:
    return any(ch in low for ch in _FOLDING_ODDITIES)


def ordinal_follows(low: str, cue_end: int, hi: int) -> bool:
    """An ordinal word ("nhất", "hai", ...) right after a "thứ"/"hạng" that ends at ``cue_end``."""
    return bool(_ORDINAL_AFTER.match(low, cue_end, hi))


_MORE_ORDINAL = _rx(r"\s*(?:,|và)\s*(?:thứ\s+)?(?P<ord>nhất|nhì|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười)"
                    r"(?![^\W_])(?![ \t]*\d)")  # on lower-cased text; "năm 2023" is a year


def word_ranks(text: str, lo: int, hi: int, low: str | None = None) -> list[tuple[int, int, int | None, int | None]]:
    """Ranks in words inside [lo, hi): (start, end, value, denominator); value None = "last"."""
    out = []
    low = low if low is not None else text.lower()
    for m in _RANK_WORDS_FAST.finditer(low, lo, hi):
        if m.group("ord2") is None and m.group("ord") is None and m.group("first") is None and m.group("last") is None:
            continue
        if _WORD_RANK_EXCLUDE_BEFORE.search(text, max(lo, m.start() - 130), m.start()):
            continue
        if (m.group("ord") or m.group("ord2")) and _WEEKDAY_AFTER.match(text, m.end(), min(hi, m.end() + 20)):
            continue
        if m.group("first") or m.group("last"):
            br = _BRACKET_RANK_AFTER.match(text, m.end(), hi)
            if br and int(br.group("n")) == (1 if m.group("first") else int(br.group("d"))) <= int(br.group("d")):
                out.append((br.start("n"), br.end("d"), int(br.group("n")), int(br.group("d"))))
                continue
        den = None
        o = _OUT_OF_AFTER.match(text, m.end(), min(hi, m.end() + 40))
        if o:
            den = int(o.group("n"))
        if m.group("ord"):
            out.append((m.start("ord"), m.end(), _ORDINALS[m.group("ord").lower()], den))
            if "lần lượt" in low[max(lo, m.start() - 60): m.start()]:
                # "A và B lần lượt xếp thứ nhất, nhì": one rank per unit of the list
                e = m.end()
                while (nx := _MORE_ORDINAL.match(low, e, hi)) is not None:
                    out.append((nx.start("ord"), nx.end("ord"), _ORDINALS[nx.group("ord")], den))
                    e = nx.end()
        elif m.group("ord2"):
            out.append((m.start("ord2"), m.end("ord2"), _ORDINALS[m.group("ord2").lower()], den))
        elif m.group("first"):
            if _PERSON_BEFORE.search(text[max(lo, m.start() - 10): m.start()]) or not _FIRST_AFTER.match(
                    text, m.end(), hi):
                continue
            out.append((m.start(), m.end(), 1, den))
        else:
            # the words that carry the rank, never the verb: "cuối bảng" of "đứng cuối bảng", "cuối" of
            # "xếp cuối"; value None = "last of how many" is left to the caller (other ranks nearby say it)
            low_m = m.group().lower()
            cut = max(low_m.find("cuối"), low_m.find("chót"))
            out.append((m.start() + cut if cut > 0 else m.start(), m.end(), den, den))
    return out
