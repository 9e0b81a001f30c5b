"""Entities of the report found in a text: spaCy matchers built from the fact store's own names, and patterns.

Missions, priorities and documents come from the store (so a name added to data/report is
recognised after `python -m bot facts load`, without retraining); years, paragraph, figure and
priority numbers and a requested reply language come from patterns. Rasa's component that adds them
to a message is nlu/entities.py; this module needs no Rasa, so tests and scripts use it without loading Rasa.
"""

from __future__ import annotations

import logging
import re

import spacy
from spacy.matcher import PhraseMatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.question import lexicon
from actions.store import queries
from actions.store.db import session
from actions.store.text import aligned, normalize, stands_alone

logger = logging.getLogger(__name__)

ZH_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_N = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("paragraph", re.compile(r"\b(?:paragraphs?|paras?\.?|§)\s*(\d{1,2})\b")),
    ("paragraph", re.compile(r"第\s*" + _N + r"\s*(?:段|节|自然段)")),
    ("paragraph", re.compile(r"段落?\s*(\d{1,2})")),
    ("figure", re.compile(r"\b(?:figure|fig\.?)\s*(\d|[ivx]{1,3})\b")),
    ("figure", re.compile(r"图\s*([一二三四五六1-6])")),
    ("figure", re.compile(r"第\s*([一二三四五六1-6])\s*(?:幅|张|个)?\s*图")),
    ("figure", re.compile(r"\b(first|second|third|fourth|fifth|sixth)\s+(?:figure|chart)\b")),
    ("priority", re.compile(r"\bpriority\s*(?:no\.?|number|#)?\s*([1-7]|one|two|three|four|five|six|seven)\b")),
    ("priority", re.compile(r"\b(first|second|third|fourth|fifth|sixth|seventh)\s+(?:a4p\+?\s+)?priority\b")),
    ("priority", re.compile(r"(?:优先事项|优先领域|优先)\s*第?\s*([1-7一二三四五六七])")),
    ("priority", re.compile(r"第\s*([1-7一二三四五六七])\s*(?:项|个|位)?\s*的?\s*(?:a4p\+?|“?以行动促维和\+?”?)?\s*优先")),
    ("theme", re.compile(r"\b(?:cross-cutting\s+)?theme\s*([12])\b")),
    ("theme", re.compile(r"\b(first|second)\s+(?:a4p\+?\s+)?cross-cutting\s+theme\b")),
    ("theme", re.compile(r"第\s*([12一二])\s*(?:个|项)?\s*的?\s*跨领域主题|跨领域主题\s*([12一二])")),
    ("year", re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")),
    ("language", re.compile(r"\b(english)\b|(英文|英语)")),
    ("language", re.compile(r"\b(chinese|mandarin)\b|(中文|汉语|华语|普通话)")),
]
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
}


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text in ROMAN or text in ORDINALS:
        return ROMAN.get(text) or ORDINALS[text]
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + ZH_NUMBERS[text[1]]
    if "十" in text:
        tens, _, ones = text.partition("十")
        return ZH_NUMBERS[tens] * 10 + (ZH_NUMBERS[ones] if ones else 0)
    return ZH_NUMBERS[text]


def _value(entity: str, raw: str) -> str:
    if entity == "language":
        return "en" if raw in ("english", "英文", "英语") else "zh"
    if entity == "priority":
        return f"P{_number(raw)}"
    if entity == "theme":
        return f"T{_number(raw)}"
    return str(_number(raw))


class NameMatcher:
    """PhraseMatchers over blank Chinese and English pipelines: no model is downloaded."""

    def __init__(self, names: list[tuple[str, str, str]]) -> None:
        self.nlp = {"zh": spacy.blank("zh"), "en": spacy.blank("en")}
        self.matchers = {lang: PhraseMatcher(nlp.vocab, attr="LOWER") for lang, nlp in self.nlp.items()}
        self.values: dict[str, tuple[str, str]] = {}
        for index, (name, entity, value) in enumerate(names):
            key = f"{entity}-{index}"
            self.values[key] = (entity, value)
            for lang, nlp in self.nlp.items():
                self.matchers[lang].add(key, [nlp.make_doc(name)])

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        found = []
        for lang, nlp in self.nlp.items():
            doc = nlp.make_doc(text)
            for match_id, start, end in self.matchers[lang](doc):
                entity, value = self.values[nlp.vocab.strings[match_id]]
                span = doc[start:end]
                if stands_alone(text, span.start_char, span.end_char):
                    found.append((span.start_char, span.end_char, entity, value))
        return found


def store_names() -> list[tuple[str, str, str]]:
    """(name, entity, value) for every mission, priority and document name in the store."""
    try:
        with session() as db:
            names = [(alias, "mission", acronym) for alias, acronym, _ in queries.mission_names(db)]
            names += [(alias, "document", symbol) for alias, symbol in queries.document_names(db)]
            for item in queries.facts(db, "priority") + queries.facts(db, "theme"):
                for name in (item["label_zh"] or "", item["label_en"] or ""):
                    names.append((normalize(name), "priority", item["id"]))
            numbers = sorted(int(p["number"]) for p in queries.facts(db, "paragraph"))
            for place, said in lexicon()["paragraph_places"].items() if numbers else ():
                names += [(normalize(name), "paragraph", str(numbers[0 if place == "first" else -1])) for name in said]
    except SQLAlchemyError as error:
        logger.warning("Fact store unavailable (%s): only pattern entities will be found. Run `python -m bot facts load`.", error)
        return []
    return [(n, e, v) for n, e, v in names if len(n) >= 2]


def extract(text: str, matcher: NameMatcher) -> list[tuple[int, int, str, str]]:
    """(start, end, entity, value), longest match first where matches overlap."""
    simplified = aligned(text)
    found = matcher.find(simplified)
    for entity, pattern in PATTERNS:
        for match in pattern.finditer(simplified):
            raw = next(g for g in match.groups() if g)
            found.append((match.start(), match.end(), entity, _value(entity, raw)))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, str, str]] = []
    end = 0
    for item in found:
        if item[0] >= end:
            kept.append(item)
            end = item[1]
        elif item[2] == "year":
            kept.append(item)  # a year inside a resolution symbol still dates the question
    return kept
