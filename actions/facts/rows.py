"""Turn data/report entries into table rows and searchable texts."""

from __future__ import annotations

import re
from typing import Any

from actions.facts.files import ReportData
from actions.store import models as m
from actions.store.text import normalize


def _bi(value: dict | None, lang: str) -> str | None:
    return (value or {}).get(lang)


_LINK = re.compile(r"\[([^\]]*)\]\(#?\)")  # the Chinese source's footnotes mark documents as [A/75/19](#)


def _unlinked(text: str) -> str:
    """Text as a reply shows it: Markdown links reduced to their words."""
    return _LINK.sub(r"\1", text)


def _years(value: Any) -> list[int]:
    return [] if value is None else [int(v) for v in (value if isinstance(value, list) else [value])]


def _paragraph(e: dict) -> dict:
    return dict(
        number=e["number"],
        section_zh=e["section"]["zh"],
        section_en=e["section"]["en"],
        part_zh=_bi(e.get("part"), "zh"),
        part_en=_bi(e.get("part"), "en"),
        subheading_zh=_bi(e.get("subheading"), "zh"),
        subheading_en=_bi(e.get("subheading"), "en"),
        zh=e["zh"],
        en=e["en"],
    )


def _footnote(e: dict) -> dict:
    return dict(
        number=e["number"],
        paragraph=e["paragraph"],
        zh=_unlinked(e["zh"]),
        en=_unlinked(e["en"]),
        documents=e.get("documents") or [],
    )


def _priority(e: dict) -> dict:
    first, last = e["paragraphs"][0], e["paragraphs"][-1]
    aliases = e.get("aliases") or {}
    return dict(
        id=e["id"],
        kind=e["kind"],
        number=e["number"],
        name_zh=e["name"]["zh"],
        name_en=e["name"]["en"],
        first_paragraph=first,
        last_paragraph=last,
        summary_zh=e["summary"]["zh"],
        summary_en=e["summary"]["en"],
        aliases=[*aliases.get("zh", []), *aliases.get("en", [])],
    )


def _mission(e: dict) -> dict:
    return dict(
        acronym=e["acronym"],
        name_zh=e["name"]["zh"],
        name_en=e["name"]["en"],
        short_zh=(e.get("short") or {}).get("zh") or e["acronym"],
        host_zh=e["host_country"]["zh"],
        host_en=e["host_country"]["en"],
        paragraphs=e["paragraphs"],
    )


def _statistic(e: dict) -> dict:
    return dict(
        id=e["id"],
        paragraph=e["paragraph"],
        value=float(e["value"]),
        source_text=str(e["source_text"]),
        unit=e["unit"],
        before=None if e.get("before") is None else float(e["before"]),
        before_text=None if e.get("before_text") is None else str(e["before_text"]),
        years=_years(e.get("year")),
        as_of=e.get("as_of"),
        period_zh=_bi(e.get("period"), "zh"),
        period_en=_bi(e.get("period"), "en"),
        scope_zh=_bi(e.get("scope"), "zh"),
        scope_en=_bi(e.get("scope"), "en"),
        priority_id=e.get("priority"),
        label_zh=e["label"]["zh"],
        label_en=e["label"]["en"],
        answer_zh=e["answer"]["zh"],
        answer_en=e["answer"]["en"],
        keywords=[*(e.get("keywords") or {}).get("zh", []), *(e.get("keywords") or {}).get("en", [])],
    )


def _document(e: dict) -> dict:
    return dict(
        symbol=e["symbol"],
        kind=e["kind"],
        title_zh=e["title"]["zh"],
        title_en=e["title"]["en"],
        what_zh=e["what"]["zh"],
        what_en=e["what"]["en"],
        paragraphs=e["paragraphs"],
        footnotes=e.get("footnotes") or [],
    )


def _figure(e: dict) -> dict:
    return dict(
        number=e["number"],
        paragraph=e["paragraph"],
        title_zh=e["title"]["zh"],
        title_en=e["title"]["en"],
        source_zh=e["source"]["zh"],
        source_en=e["source"]["en"],
        notes_zh=_bi(e.get("notes"), "zh"),
        notes_en=_bi(e.get("notes"), "en"),
    )


def _recommendation(e: dict) -> dict:
    return dict(
        id=e["id"],
        paragraph=e["paragraph"],
        subheading_zh=_bi(e.get("subheading"), "zh"),
        subheading_en=_bi(e.get("subheading"), "en"),
        addressee_zh=_bi(e.get("addressee"), "zh"),
        addressee_en=_bi(e.get("addressee"), "en"),
        zh=e["zh"],
        en=e["en"],
        keywords=[*(e.get("keywords") or {}).get("zh", []), *(e.get("keywords") or {}).get("en", [])],
    )


def _example(e: dict) -> dict:
    return dict(id=e["id"], paragraph=e["paragraph"], priority_id=e.get("priority"), zh=e["zh"], en=e["en"])


def _mission_aliases(missions: list[dict]) -> list[dict]:
    """Every name of every mission, normalised, in both languages; the first mission to claim a name keeps it."""
    aliases: dict[str, dict] = {}
    for e in missions:
        names = {
            "en": [e["acronym"], e["name"]["en"], *(e.get("aliases") or {}).get("en", [])],
            "zh": [e["name"]["zh"], (e.get("short") or {}).get("zh", ""), *(e.get("aliases") or {}).get("zh", [])],
        }
        for lang, values in names.items():
            for name in filter(None, values):
                aliases.setdefault(normalize(name), dict(alias=normalize(name), acronym=e["acronym"], lang=lang))
    return list(aliases.values())


def _document_aliases(documents: list[dict]) -> list[dict]:
    aliases: dict[str, dict] = {}
    for e in documents:
        for name in [e["symbol"], *(e.get("aliases") or [])]:
            aliases.setdefault(normalize(name), dict(alias=normalize(name), symbol=e["symbol"]))
    return list(aliases.values())


def _fact_missions(data: ReportData) -> list[dict]:
    return [
        dict(fact_type=kind, fact_id=e["id"], acronym=a)
        for kind in ("statistic", "example")
        for e in (x.data for x in data[kind])
        for a in dict.fromkeys(e.get("missions") or [])
    ]


def table_rows(data: ReportData) -> dict[Any, list[dict]]:
    """Rows of every table, keyed by table, in foreign-key order."""

    def each(kind: str, row) -> list[dict]:
        return [row(x.data) for x in data[kind]]

    missions, documents = [x.data for x in data["mission"]], [x.data for x in data["document"]]
    return {
        m.Paragraph: each("paragraph", _paragraph),
        m.Footnote: each("footnote", _footnote),
        m.Priority: each("priority", _priority),
        m.Mission: each("mission", _mission),
        m.MissionAlias: _mission_aliases(missions),
        m.Statistic: each("statistic", _statistic),
        m.Example: each("example", _example),
        m.FactMission: _fact_missions(data),
        m.Document: each("document", _document),
        m.DocumentAlias: _document_aliases(documents),
        m.Figure: each("figure", _figure),
        m.Recommendation: each("recommendation", _recommendation),
    }


def _texts(*pairs: tuple[Any, float]) -> list[tuple[str, float]]:
    out = []
    for value, weight in pairs:
        if isinstance(value, dict):
            value = " ".join(str(v) for v in value.values() if v)
        elif isinstance(value, list):
            value = " ".join(str(v) for v in value)
        if value:
            out.append((str(value), weight))
    return out


def search_texts(data: ReportData) -> dict[tuple[str, str], list[tuple[str, float]]]:
    """(type, key) -> weighted texts to index. Names and labels weigh more than running text."""
    docs: dict[tuple[str, str], list[tuple[str, float]]] = {}
    for e in (x.data for x in data["paragraph"]):
        docs["paragraph", str(e["number"])] = _texts((e.get("subheading"), 2), (e["zh"], 1), (e["en"], 1))
    for e in (x.data for x in data["footnote"]):
        docs["footnote", str(e["number"])] = _texts((_unlinked(e["zh"]), 1), (_unlinked(e["en"]), 1))
    for e in (x.data for x in data["priority"]):
        docs["priority", e["id"]] = _texts((e["name"], 3), (e.get("aliases"), 2), (e["summary"], 1))
    for e in (x.data for x in data["statistic"]):
        docs["statistic", e["id"]] = _texts(
            (e["label"], 3), (e.get("keywords"), 2), (e["answer"], 1), (e.get("period"), 1), (e.get("scope"), 1)
        )
    for e in (x.data for x in data["mission"]):
        docs["mission", e["acronym"]] = _texts(
            (e["acronym"], 3), (e["name"], 3), (e.get("short"), 3), (e.get("aliases"), 2), (e["host_country"], 2)
        )
    for e in (x.data for x in data["example"]):
        docs["example", e["id"]] = _texts((e["zh"], 1), (e["en"], 1), (e.get("missions"), 1))
    for e in (x.data for x in data["document"]):
        docs["document", e["symbol"]] = _texts((e["symbol"], 3), (e.get("aliases"), 2), (e["title"], 2), (e["what"], 1))
    for e in (x.data for x in data["figure"]):
        docs["figure", str(e["number"])] = _texts((f"figure {e['number']} 图", 1), (e["title"], 2), (e.get("notes"), 1))
    for e in (x.data for x in data["recommendation"]):
        docs["recommendation", e["id"]] = _texts(
            (e["zh"], 1), (e["en"], 1), (e.get("keywords"), 2), (e.get("addressee"), 1), ("recommendation 建议", 1)
        )
    return docs
