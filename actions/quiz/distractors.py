"""Options for a statistic: the report's value and wrong values near it, written the way the report
writes the right one (same unit, magnitude and numerals: "1 067", "8.8 万", "七", "2022 年 8 月"),
hedged as the report hedges it ("70 多", "more than 70"), and never a value the report's statement
also allows ("more than 50" when the report says "more than 70")."""

from __future__ import annotations

import random
import re
from calendar import monthrange
from dataclasses import dataclass

from actions import wording
from actions.facts.numbers import WORDS, compact, english_forms
from actions.quiz.question import Text
from actions.store.facts import Fact

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_HANZI = "零一两三四五六七八九"
# One numeral of the source text: Arabic (with thousands spaces) or Chinese.
_NUMERAL = re.compile(r"\d+(?: \d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ZH_NUMBER = re.compile(f"(?:{_NUMERAL.pattern})万?")
ZH_UNIT = {"people": "人", "times": "次", "years": "年", "months": "个月", "usd": "美元", "tonnes_per_person_year": "吨"}
# "More than half" and its neighbours: a share the report gives in words.
FRACTIONS = {
    50: ("一半以上", "more than half"),
    33: ("三分之一以上", "more than a third"),
    25: ("四分之一以上", "more than a quarter"),
    67: ("三分之二以上", "more than two thirds"),
    75: ("四分之三以上", "more than three quarters"),
    60: ("五分之三以上", "more than three fifths"),
    80: ("五分之四以上", "more than four fifths"),
}
# "增加了两倍多" is "more than tripled": Chinese counts the increase, English the result.
MULTIPLES = {
    1: ("增加了一倍多", "more than doubled"),
    2: ("增加了两倍多", "more than tripled"),
    3: ("增加了三倍多", "more than quadrupled"),
    4: ("增加了四倍多", "more than quintupled"),
    5: ("增加了五倍多", "more than sextupled"),
}
_FACTORS = (0.62, 0.77, 0.87, 1.16, 1.31, 1.53)  # not round, or the right value would stand out
NEAR = 0.2  # "nearly 2 million" could also be said of a figure within 20% of it

Stat = Fact  # a statistic


@dataclass(frozen=True)
class Qualifier:
    """How the report hedges a figure: "lower" (more than, at least), "near" (nearly, about) or "upper" (up to)."""

    kind: str
    zh: str
    en: str
    suffix: bool = False  # written after the Chinese number: "70 多"


# Longest first, so that "将近" is found before "近".
QUALIFIERS = [
    Qualifier("lower", "超过", "more than"),
    Qualifier("lower", "至少", "at least"),
    Qualifier("lower", "逾", "more than"),
    Qualifier("lower", "以上", "more than", True),
    Qualifier("lower", "多", "more than", True),
    Qualifier("lower", "余", "more than", True),
    Qualifier("near", "将近", "nearly"),
    Qualifier("near", "大约", "about"),
    Qualifier("near", "左右", "about", True),
    Qualifier("near", "近", "nearly"),
    Qualifier("near", "约", "about"),
    Qualifier("upper", "最多", "up to"),
    Qualifier("upper", "不到", "fewer than"),
]
# Where only the English sentence hedges the number ("about seven"): the Chinese word to use.
_EN_QUALIFIERS = {
    "more than": "超过",
    "over": "超过",
    "at least": "至少",
    "nearly": "近",
    "almost": "近",
    "about": "约",
    "approximately": "约",
    "around": "约",
    "up to": "最多",
}
# A label naming the bound ("Minimum share") makes the figure exact: "at least" would say it twice.
_BOUND_LABEL = re.compile(r"minimum|maximum|最低|最高|最多|最少", re.IGNORECASE)
_NUMERAL_CHAR = re.compile(r"[\d.零〇一二两三四五六七八九十百千万]")


def options(stat: Stat, rng: random.Random) -> tuple[Text, list[Text]]:
    """The right option and three wrong ones: none the report's statement allows, nor the earlier value."""
    if stat["unit"] == "date":
        right = _date_parts(stat)
        return _date_text(right), [_date_text(d) for d in _pick(_date_candidates(right), rng)]
    hedge = qualifier(stat)
    wrong = _pick([v for v in _candidates(stat, hedge) if v != stat["before"] and not implied(stat, v)], rng)
    return hedged(stat, hedge, render(stat, stat["value"], stat["source_text"])), [
        hedged(stat, hedge, render(stat, v)) for v in wrong
    ]


def qualifier(stat: Stat) -> Qualifier | None:
    """The report's hedge on the statistic's value, from its Chinese or else its English statement."""
    if stat["unit"] == "date" or _BOUND_LABEL.search(f"{stat['label_zh']} {stat['label_en']}"):
        return None
    text, number = compact(stat["zh"]), compact(stat["source_text"])
    for found in re.finditer(re.escape(number), text):
        before, after = text[: found.start()], text[found.end() :]
        if _NUMERAL_CHAR.match(before[-1:]) or _NUMERAL_CHAR.match(after[:1]):
            continue  # part of a longer number
        for hedge in QUALIFIERS:
            if after.startswith(hedge.zh) if hedge.suffix else before.endswith(hedge.zh):
                return hedge
    forms = "|".join(re.escape(f) for f in english_forms(stat["value"]))
    words = re.search(rf"\b({'|'.join(_EN_QUALIFIERS)})\s+(?:{forms})\b", stat["en"], re.IGNORECASE)
    return next(q for q in QUALIFIERS if q.zh == _EN_QUALIFIERS[words[1].lower()]) if words else None


def implied(stat: Stat, wrong: float) -> bool:
    """Whether the report's statement of the statistic also makes `wrong`, hedged alike, true."""
    hedge, value = qualifier(stat), stat["value"]
    if hedge is None:
        return wrong == value
    if hedge.kind == "lower":
        return wrong <= value
    if hedge.kind == "upper":
        return wrong >= value
    return abs(wrong - value) < NEAR * value


def hedged(stat: Stat, hedge: Qualifier | None, text: Text) -> Text:
    """An option with the report's hedge ("70多", "more than 70"); shares and multiples carry their own."""
    if hedge is None or _in_words(stat):
        return text
    if not hedge.suffix:
        return {"zh": hedge.zh + text["zh"], "en": f"{hedge.en} {text['en']}"}
    return {"zh": _ZH_NUMBER.sub(lambda m: m[0] + hedge.zh, text["zh"], count=1), "en": f"{hedge.en} {text['en']}"}


def keeps(hedge: Qualifier, zh: str, en: str) -> bool:
    """Whether an option states the report's hedge in both languages."""
    return hedge.zh in zh and hedge.en in en


def value_of(stat: Stat, en: str) -> float | None:
    """The value an English option of this statistic states; None for dates."""
    if stat["unit"] == "date":
        return None
    if _in_words(stat):
        table = MULTIPLES if stat["unit"] == "multiple" else FRACTIONS
        return next((float(v) for v, (_, words) in table.items() if words == en), None)
    number = re.search(r"\d[\d,]*(?:\.\d+)?", en)
    return float(number[0].replace(",", "")) if number else None


def render(stat: Stat, value: float, source: str | None = None) -> Text:
    """A value of this statistic in both languages; `source` is the report's own writing of it."""
    if stat["unit"] == "multiple":
        zh, en = MULTIPLES[int(value)]
    elif compact(stat["source_text"]) in WORDS:
        zh, en = FRACTIONS[int(value)]
    else:
        zh = _tidy(_with_unit(source if source else _zh_like(stat["source_text"], value), stat))
        en = _en(stat["unit"], value)
    return {"zh": zh, "en": en}


def carries_value(stat: Stat, zh: str, en: str) -> bool:
    """Whether an option pair states the statistic's value as the report does."""
    if compact(stat["source_text"]) not in compact(zh):
        return False
    unit, value = stat["unit"], stat["value"]
    if unit == "date":
        return str(int(value)) in en
    if unit == "multiple" or compact(stat["source_text"]) in WORDS:
        return render(stat, value)["en"] == en
    return any(re.search(rf"(?<![\d.,]){re.escape(f)}(?![\d]|[.,]\d)", en) for f in english_forms(value))


def _pick(candidates: list, rng: random.Random) -> list:
    unique = sorted(set(candidates))
    return rng.sample(unique, 3)


def _in_words(stat: Stat) -> bool:
    return stat["unit"] == "multiple" or compact(stat["source_text"]) in WORDS


def _candidates(stat: Stat, hedge: Qualifier | None) -> list[float]:
    value = stat["value"]
    if stat["unit"] == "multiple":
        return [float(v) for v in MULTIPLES]
    if compact(stat["source_text"]) in WORDS:
        return [float(v) for v in FRACTIONS]
    if hedge and hedge.kind != "near":
        return _beyond(stat, 1 if hedge.kind == "lower" else -1)
    if stat["unit"] == "percent":
        step = 5 if value >= 10 else 1
        return [round(value + k * step, 1) for k in (-3, -2, -1, 1, 2, 3) if 0 < value + k * step <= 100]
    if value < 10 and value == int(value):
        return [float(v) for v in range(1, max(int(value) + 4, 7)) if v != value]
    return [_round_like(value * f, value) for f in _FACTORS]


def _beyond(stat: Stat, direction: int) -> list[float]:
    """Bounds past the range a bound allows, in steps of its leading digit: "more than 80, 90 ..." for 70."""
    value = stat["value"]
    step = 10 ** (len(str(int(value))) - 1)
    found = [value + direction * k * step for k in range(1, 6)]
    return [v for v in found if 0 < v and (stat["unit"] != "percent" or v <= 100)]


def _round_like(x: float, value: float) -> float:
    """`x` with as many significant digits as `value` (at least two), or its decimals."""
    if value != int(value):
        decimals = len(repr(value).split(".")[1])
        return round(x, decimals)
    digits = max(2, len(str(int(value)).rstrip("0")))
    scale = 10 ** max(len(str(int(x))) - digits, 0)
    return float(int(x / scale + 0.5) * scale)


def _en(unit: str, value: float) -> str:
    number = f"{value:,.0f}" if value == int(value) else f"{value:g}"
    return {
        "percent": f"{number}%",
        "usd": f"${number}",
        "tonnes_per_person_year": f"{number} tonnes",
        "months": f"{number} months",
        "years": f"{number} year" + ("s" if value != 1 else ""),
    }.get(unit, number)


def _zh_like(source: str, value: float) -> str:
    """`value` written like the numeral in the report's `source` ("8.8 万" -> "7.5 万")."""
    match = _NUMERAL.search(source)
    if not match:  # a word ("没有"): other values in words too
        return _hanzi(int(value)) if value == int(value) and value < 100 else f"{value:g}"
    numeral, rest = match.group(), source[match.end() :]
    if rest.strip().startswith("万"):
        text = f"{value / 10_000:g}"
    elif numeral[0].isdigit():
        text = f"{value:,.0f}".replace(",", " ") if value == int(value) else f"{value:g}"
    else:
        text = _hanzi(int(value))
    return (source[: match.start()] + text + rest).strip()


def _tidy(text: str) -> str:
    """No space between a number and a word ("14 人" -> "14人"); thousands spaces stay ("1 067")."""
    return re.sub(r"(?<=\d) +(?=\D)|(?<=\D) +(?=\d)", "", text.strip())


def _with_unit(text: str, stat: Stat) -> str:
    """A unit word after a bare number ("1 067" -> "1 067人"); none where the report writes one."""
    source = compact(stat["source_text"])
    if _NUMERAL.search(source) and _CJK.search(_NUMERAL.sub("", source).replace("万", "")):
        return text  # the report writes the number with its unit
    return text + (ZH_UNIT.get(stat["unit"]) or ("个" if not text[0].isdigit() else ""))


def _hanzi(n: int) -> str:
    if n < 10:
        return _HANZI[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _HANZI[tens].replace("两", "二")) + "十" + (_HANZI[ones].replace("两", "二") if ones else "")


def _date_parts(stat: Stat) -> tuple[int, ...]:
    return tuple(int(p) for p in (stat["as_of"] or str(int(stat["value"]))).split("-"))


def _date_candidates(date: tuple[int, ...]) -> list[tuple[int, ...]]:
    """Other years, and other months of the same year, at the same precision."""
    year, *rest = date
    found = [(year + k, *rest) for k in (-3, -2, -1, 1, 2)]
    if not rest:
        return found
    found += [(year, m, *rest[1:]) for m in (rest[0] - 4, rest[0] - 2, rest[0] + 2, rest[0] + 4) if 1 <= m <= 12]
    return [(y, m, *(min(d, monthrange(y, m)[1]) for d in day)) for y, m, *day in found]


def _date_text(date: tuple[int, ...]) -> Text:
    year, *rest = date
    if not rest:
        return wording.both("quiz_text.year", year=year)
    month = {"zh": str(rest[0]), "en": MONTHS[rest[0] - 1]}
    if len(rest) == 1:
        return wording.both("quiz_text.month", year=year, month=month)
    return wording.both("quiz_text.day", year=year, month=month, day=rest[1])
