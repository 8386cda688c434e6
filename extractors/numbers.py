"""Numbers as Vietnamese documents print them.

Decimal comma ("81,81"), a decimal point on some sites ("92.83"), and in a score context three
decimals that are not thousands ("91,420" -> 91.42, "7,938" -> 7.938).  Thousands separators only
occur in counts ("85.600 phiếu"), which the extractor never reads as scores.
"""
from __future__ import annotations

import re

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def parse_number(text: str) -> float | int | None:
    """"81,81" -> 81.81, "01" -> 1, "92.83" -> 92.83; None when ``text`` is not one number.

    Integers stay ``int`` so ranks print as 7, not 7.0.  Very long digit runs are refused rather
    than converted (they are never figures, and int() of 100,000 digits is slow).
    """
    text = text.strip()
    if not text or len(text) > 16 or not _NUMBER.fullmatch(text):
        return None
    return number_value(text)


def number_value(digits: str) -> float | int:
    """parse_number's value for text a pattern has already matched as digits with at most one
    decimal mark ("81,81", "7", the groups of candidates.NUMBER): no second validation."""
    if "," in digits or "." in digits:
        return float(digits.replace(",", "."))
    return int(digits)
