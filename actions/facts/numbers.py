"""Read numbers as the Chinese text writes them: "1 067", "8.8 万", "25.6%", "七", "十五"."""

from __future__ import annotations

import re

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
MULTIPLIERS = {"万": 10_000, "亿": 100_000_000}
WORDS = {"一半": 50.0}  # "more than half": read as per cent
NONE = {"没有": 0.0}  # "没有对此类罪行定过罪" (footnote 14): no convictions, read as 0
NUMERAL = re.compile(r"[\d.０-９" + "".join([*DIGITS, *UNITS, *MULTIPLIERS]) + "]+")
_ARABIC = re.compile(r"\d+(?:\.\d+)?")


def _chinese_integer(text: str) -> int | None:
    total, digit = 0, None
    for char in text:
        if char in DIGITS:
            digit = DIGITS[char]
        elif char in UNITS:
            total += (1 if digit is None else digit) * UNITS[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


def parse_number(text: str) -> float | None:
    """The single number a short source fragment states, or None."""
    compact = re.sub(r"[\s,，]", "", text)
    if compact in WORDS:
        return WORDS[compact]
    if compact in NONE:
        return NONE[compact]
    multiplier = 1
    for char, factor in MULTIPLIERS.items():
        if char in compact:
            multiplier = factor
    arabic = _ARABIC.findall(compact)
    if len(arabic) == 1:
        return float(arabic[0]) * multiplier
    if arabic:
        return None
    chinese = "".join(c for c in compact if c in DIGITS or c in UNITS)
    if not chinese:
        return None
    value = _chinese_integer(chinese)
    return None if value is None else float(value) * multiplier


def numeral(text: str) -> str:
    """The numeral in a source fragment: "21 人" -> "21", "8.8 万" -> "8.8万"."""
    found = NUMERAL.findall(compact(text))
    return max(found, key=len) if found else compact(text)


def compact(text: str) -> str:
    """Text without whitespace, for matching a fragment against the source."""
    return re.sub(r"\s+", "", text)


ENGLISH_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]


def english_forms(value: float) -> list[str]:
    """Ways an English sentence may write a number."""
    forms = []
    if value == int(value):
        whole = int(value)
        forms += [f"{whole:,}", str(whole)]
        if whole < len(ENGLISH_WORDS):
            forms.append(ENGLISH_WORDS[whole])
        if whole % 1_000_000 == 0 and whole:
            forms.append(f"{whole // 1_000_000} million")
    else:
        forms += [f"{value:,}", f"{value:g}"]
    return forms
