"""The shape of a fact as the store hands it out (actions/store/queries.py) to answering, replies and the quiz.

A TypedDict, not a dataclass: a fact is copied, extended with its search `score` and compared as a plain dict,
and its kind's fields are read by name. Every fact has the keys of `FactBase`; the others belong to some kinds
only (said on their lines). The records the store is loaded from are in actions/facts/records.py.
Standard library only, so that the action server and the quiz can name the type without weight.
"""

from __future__ import annotations

from typing import TypedDict


class FactBase(TypedDict):
    type: str  # paragraph, priority, theme, statistic, mission, example, document, figure, recommendation, footnote
    id: str  # a number for paragraphs, figures and footnotes, as text
    paragraph: int | list[int]  # a list for priorities, themes, missions and documents
    label_zh: str | None  # None only for a recommendation without an addressee
    label_en: str | None
    zh: str  # the sentence a user is given
    en: str


class Fact(FactBase, total=False):
    number: int  # paragraph, priority, theme, figure, footnote
    score: float  # a search hit's
    # statistic
    value: float
    unit: str
    before: float | None
    source_text: str
    before_text: str | None
    years: list[int]
    as_of: str | None
    period_zh: str | None
    period_en: str | None
    scope_zh: str | None
    scope_en: str | None
    question_zh: str | None  # how a quiz asks for it, when its label does not make a good question
    question_en: str | None
    priority: str | None  # also an example's
    missions: list[str]  # statistic, example
    # mission
    acronym: str
    host_zh: str
    host_en: str
    # document
    symbol: str
    kind: str
    footnotes: list[int]
    # paragraph, recommendation
    section_zh: str
    section_en: str
    subheading_zh: str | None
    subheading_en: str | None
    # figure
    source_zh: str
    source_en: str
    notes_zh: str | None
    notes_en: str | None
    # footnote
    documents: list[str]


def key_of(fact: Fact) -> str:
    """The key a fact is remembered by: a passage, a sentence of a paragraph, by the fact of that paragraph telling
    most of it."""
    return str(fact["id"]) if fact["type"] == "passage" else f"{fact['type']}:{fact['id']}"


def first_paragraph(fact: Fact) -> int:
    """The paragraph a fact starts at."""
    paragraph = fact["paragraph"]
    return paragraph[0] if isinstance(paragraph, list) else paragraph


def paragraphs(fact: Fact) -> list[int]:
    """Every paragraph a fact is in."""
    paragraph = fact["paragraph"]
    return paragraph if isinstance(paragraph, list) else [paragraph]


def in_lang(fact: Fact, lang: str, field: str = "") -> str:
    """A fact's text in `lang`: its sentence, or a field such as "label", "host" or "notes" ("" where it has none)."""
    value = fact.get(f"{field}_{lang}" if field else lang)  # a key built from a language: the checker sees an object
    return value if isinstance(value, str) else ""
