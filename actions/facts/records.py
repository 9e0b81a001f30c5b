"""The kinds of entry in data/report, each declared once as a dataclass.

A record's fields are the entry's YAML keys. From each declaration follow: the file it is read from
(`files.SOURCES`), what `checks` requires of an entry (`schema`, `key_field`) and the columns of its
table row (`Record.columns`). A record is made only from an entry that passed the checks.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, NamedTuple, TypeVar

_LINK = re.compile(r"\[([^\]]*)\]\(#?\)")  # the Chinese source's footnotes mark documents as [A/75/19](#)


def unlinked(text: str) -> str:
    """Text as a reply shows it: Markdown links reduced to their words."""
    return _LINK.sub(r"\1", text)


@dataclass(frozen=True)
class Bilingual:
    zh: str
    en: str


@dataclass(frozen=True)
class Words:
    """Names or keywords in each language; one list in the store, Chinese first."""

    zh: list[str] = field(default_factory=list)
    en: list[str] = field(default_factory=list)

    def both(self) -> list[str]:
        return [*self.zh, *self.en]


def _years(value: int | list[int] | None) -> list[int]:
    return [] if value is None else [int(v) for v in (value if isinstance(value, list) else [value])]


def column(name: str | None = "", *, key: bool = False, to: Callable[[Any], Any] | None = None, **kwargs: Any) -> Any:
    """A field's place in the kind's table: `name` its column ("" the field's own name, None none: the
    record or `rows` stores it otherwise), `key` the field that identifies an entry, `to` how it is stored."""
    return field(metadata={"column": name, "key": key, "to": to}, **kwargs)


def text(clean: Callable[[str], str] | None = None) -> Any:
    """The entry's own `zh` and `en` keys: the text a reply gives, stored in columns `zh` and `en`."""
    return field(metadata={"inline": True, "clean": clean})


R = TypeVar("R", bound="Record")


@dataclass(kw_only=True)
class Record:
    """One entry of a kind; a subclass declares the kind's fields (keyword-only, so in any order)."""

    file: ClassVar[str]  # under data/report: a YAML file, or a folder of them

    @classmethod
    def from_data(cls: type[R], data: dict[str, Any]) -> R:
        hints = _hints(cls)
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.metadata.get("inline"):
                clean = f.metadata["clean"] or str
                values[f.name] = Bilingual(clean(data["zh"]), clean(data["en"]))
                continue
            raw = data.get(f.name)
            if raw is None:
                if _has_default(f):
                    continue
                raise ValueError(f"{cls.__name__}: no {f.name} (check the data first)")
            kind = _plain(hints[f.name])
            if kind is Bilingual:
                values[f.name] = Bilingual(raw["zh"], raw["en"])
            elif kind is Words:
                # YAML reads a keyword 2023 as a number
                values[f.name] = Words(*([str(w) for w in raw.get(lang) or []] for lang in ("zh", "en")))
            elif kind in (float, str):  # YAML reads a source text "70" or a value 70 as an int
                values[f.name] = kind(raw)
            else:
                values[f.name] = raw
        return cls(**values)

    def columns(self) -> dict[str, Any]:
        """This entry's row in its kind's table."""
        hints = _hints(type(self))
        row: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            name, value = f.metadata.get("column", ""), getattr(self, f.name)
            if name is None:
                continue
            name = name or f.name
            if f.metadata.get("to"):
                value = f.metadata["to"](value)
            if f.metadata.get("inline"):
                row.update(zh=value.zh, en=value.en)
            elif _plain(hints[f.name]) is Bilingual:
                row[f"{name}_zh"], row[f"{name}_en"] = (value.zh, value.en) if value else (None, None)
            elif isinstance(value, Words):
                row[name] = value.both()
            else:
                row[name] = value
        return row


_HINTS: dict[type[Record], dict[str, Any]] = {}


def _hints(record: type[Record]) -> dict[str, Any]:
    if record not in _HINTS:
        _HINTS[record] = typing.get_type_hints(record)
    return _HINTS[record]


def _plain(hint: Any) -> Any:
    """`X` for `X | None`, else the hint itself."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    return args[0] if type(None) in typing.get_args(hint) and len(args) == 1 else hint


def _has_default(f: dataclasses.Field) -> bool:
    return f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING


@dataclass(kw_only=True)
class ParagraphRecord(Record):
    file = "paragraphs"
    number: int = column(key=True)
    text: Bilingual = text()
    section: Bilingual = column()
    part: Bilingual | None = column(default=None)
    subheading: Bilingual | None = column(default=None)


@dataclass(kw_only=True)
class FootnoteRecord(Record):
    file = "footnotes.yaml"
    number: int = column(key=True)
    paragraph: int = column()
    text: Bilingual = text(clean=unlinked)
    documents: list[str] = column(default_factory=list)


@dataclass(kw_only=True)
class PriorityRecord(Record):
    file = "priorities.yaml"
    id: str = column(key=True)
    kind: str = column()
    number: int = column()
    paragraphs: list[int] = column(None)  # stored as its first and last
    name: Bilingual = column()
    summary: Bilingual = column()
    aliases: Words = column(default_factory=Words)

    def columns(self) -> dict[str, Any]:
        return {**super().columns(), "first_paragraph": self.paragraphs[0], "last_paragraph": self.paragraphs[-1]}


@dataclass(kw_only=True)
class StatisticRecord(Record):
    file = "statistics"
    id: str = column(key=True)
    paragraph: int = column()
    value: float = column()
    source_text: str = column()
    unit: str = column()
    label: Bilingual = column()
    answer: Bilingual = column()
    period: Bilingual | None = column(default=None)
    scope: Bilingual | None = column(default=None)
    question: Bilingual | None = column(default=None)  # how a quiz asks for it, where the label reads badly so
    before: float | None = column(default=None)
    before_text: str | None = column(default=None)
    year: int | list[int] | None = column("years", default=None, to=_years)
    as_of: str | None = column(default=None)
    priority: str | None = column("priority_id", default=None)
    missions: list[str] = column(None, default_factory=list)  # rows of fact_missions
    keywords: Words = column(default_factory=Words)


@dataclass(kw_only=True)
class MissionRecord(Record):
    file = "missions.yaml"
    acronym: str = column(key=True)
    paragraphs: list[int] = column()
    name: Bilingual = column()
    host_country: Bilingual = column("host")
    short: dict[str, str] = column(None, default_factory=dict)  # stored as short_zh, the acronym when absent
    aliases: Words = column(None, default_factory=Words)  # rows of mission_aliases

    def columns(self) -> dict[str, Any]:
        return {**super().columns(), "short_zh": self.short.get("zh") or self.acronym}


@dataclass(kw_only=True)
class ExampleRecord(Record):
    file = "examples.yaml"
    id: str = column(key=True)
    missions: list[str] = column(None)  # rows of fact_missions
    paragraph: int = column()
    text: Bilingual = text()
    priority: str | None = column("priority_id", default=None)


@dataclass(kw_only=True)
class DocumentRecord(Record):
    file = "documents.yaml"
    symbol: str = column(key=True)
    kind: str = column()
    paragraphs: list[int] = column()
    title: Bilingual = column()
    what: Bilingual = column()
    footnotes: list[int] = column(default_factory=list)
    aliases: list[str] = column(None, default_factory=list)  # rows of document_aliases


@dataclass(kw_only=True)
class FigureRecord(Record):
    file = "figures.yaml"
    number: int = column(key=True)
    paragraph: int = column()
    title: Bilingual = column()
    source: Bilingual = column()
    notes: Bilingual | None = column(default=None)


@dataclass(kw_only=True)
class RecommendationRecord(Record):
    file = "recommendations.yaml"
    id: str = column(key=True)
    paragraph: int = column()
    text: Bilingual = text()
    subheading: Bilingual | None = column(default=None)
    addressee: Bilingual | None = column(default=None)
    keywords: Words = column(default_factory=Words)


RECORDS: dict[str, type[Record]] = {
    "paragraph": ParagraphRecord,
    "footnote": FootnoteRecord,
    "priority": PriorityRecord,
    "statistic": StatisticRecord,
    "mission": MissionRecord,
    "example": ExampleRecord,
    "document": DocumentRecord,
    "figure": FigureRecord,
    "recommendation": RecommendationRecord,
}


class Schema(NamedTuple):
    """What an entry of one kind must hold: plain fields, texts in both languages, optional texts."""

    required: list[str]
    bilingual: list[str]  # "." is the entry's own zh and en
    optional: list[str]


def schema(record: type[Record]) -> Schema:
    hints = _hints(record)
    out = Schema([], [], [])
    for f in dataclasses.fields(record):
        if f.metadata.get("inline"):
            out.bilingual.append(".")
        elif hints[f.name] is Bilingual:
            out.bilingual.append(f.name)
        elif _plain(hints[f.name]) is Bilingual:
            out.optional.append(f.name)
        elif not _has_default(f):
            out.required.append(f.name)
    return out


def key_field(record: type[Record]) -> str:
    return next(f.name for f in dataclasses.fields(record) if f.metadata.get("key"))
