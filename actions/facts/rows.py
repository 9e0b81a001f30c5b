"""Turn data/report entries into table rows and searchable texts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from actions.facts import records as r
from actions.facts.files import ReportData
from actions.store import models as m
from actions.store.text import normalize

# kind -> its table, in foreign-key order
TABLES: dict[type[r.Record], type[m.Base]] = {
    r.ParagraphRecord: m.Paragraph,
    r.FootnoteRecord: m.Footnote,
    r.PriorityRecord: m.Priority,
    r.MissionRecord: m.Mission,
    r.StatisticRecord: m.Statistic,
    r.ExampleRecord: m.Example,
    r.DocumentRecord: m.Document,
    r.FigureRecord: m.Figure,
    r.RecommendationRecord: m.Recommendation,
}


def _aliases(names: Iterable[tuple[str, dict[str, str]]]) -> list[dict[str, str]]:
    """One alias row per distinct normalised name, for the first entry that gives it."""
    found: dict[str, dict[str, str]] = {}
    for name, row in names:
        if name:
            found.setdefault(normalize(name), dict(alias=normalize(name), **row))
    return list(found.values())


def _mission_names(mission: r.MissionRecord) -> Iterator[tuple[str, dict[str, str]]]:
    names = {
        "en": [mission.acronym, mission.name.en, *mission.aliases.en],
        "zh": [mission.name.zh, mission.short.get("zh", ""), *mission.aliases.zh],
    }
    for lang, values in names.items():
        yield from ((name, dict(acronym=mission.acronym, lang=lang)) for name in values)


def _fact_missions(kind: str, facts: Iterable[r.StatisticRecord | r.ExampleRecord]) -> list[dict[str, str]]:
    return [dict(fact_type=kind, fact_id=fact.id, acronym=a) for fact in facts for a in dict.fromkeys(fact.missions)]


def table_rows(data: ReportData) -> dict[type[m.Base], list[dict[str, Any]]]:
    """Rows of every table, keyed by table, in foreign-key order."""
    rows: dict[type[m.Base], list[dict[str, Any]]] = {}
    for record, table in TABLES.items():
        rows[table] = [e.columns() for e in data.records(record)]
        if table is m.Mission:  # the tables that follow from a kind's entries come right after its own
            rows[m.MissionAlias] = _aliases(n for e in data.records(r.MissionRecord) for n in _mission_names(e))
        if table is m.Example:
            rows[m.FactMission] = [
                *_fact_missions("statistic", data.records(r.StatisticRecord)),
                *_fact_missions("example", data.records(r.ExampleRecord)),
            ]
        if table is m.Document:
            rows[m.DocumentAlias] = _aliases(
                (name, dict(symbol=e.symbol)) for e in data.records(r.DocumentRecord) for name in [e.symbol, *e.aliases]
            )
    return rows


def _texts(*pairs: tuple[r.Bilingual | r.Words | list[str] | dict[str, str] | str | None, float]) -> list[tuple[str, float]]:
    out = []
    for value, weight in pairs:
        if isinstance(value, r.Bilingual):
            value = f"{value.zh} {value.en}"
        elif isinstance(value, r.Words):
            value = " ".join(value.both())
        elif isinstance(value, dict):
            value = " ".join(v for v in value.values() if v)
        elif isinstance(value, list):
            value = " ".join(value)
        if value:
            out.append((value, weight))
    return out


def search_texts(data: ReportData) -> dict[tuple[str, str], list[tuple[str, float]]]:
    """(type, key) -> weighted texts to index. Names and labels weigh more than running text."""
    docs: dict[tuple[str, str], list[tuple[str, float]]] = {}
    for p in data.records(r.ParagraphRecord):
        docs["paragraph", str(p.number)] = _texts((p.subheading, 2), (p.text.zh, 1), (p.text.en, 1))
    for f in data.records(r.FootnoteRecord):
        docs["footnote", str(f.number)] = _texts((f.text.zh, 1), (f.text.en, 1))
    for priority in data.records(r.PriorityRecord):
        docs["priority", priority.id] = _texts((priority.name, 3), (priority.aliases, 2), (priority.summary, 1))
    for s in data.records(r.StatisticRecord):
        docs["statistic", s.id] = _texts((s.label, 3), (s.keywords, 2), (s.answer, 1), (s.period, 1), (s.scope, 1))
    for mission in data.records(r.MissionRecord):
        docs["mission", mission.acronym] = _texts(
            (mission.acronym, 3), (mission.name, 3), (mission.short, 3), (mission.aliases, 2), (mission.host_country, 2)
        )
    for e in data.records(r.ExampleRecord):
        docs["example", e.id] = _texts((e.text.zh, 1), (e.text.en, 1), (e.missions, 1))
    for d in data.records(r.DocumentRecord):
        docs["document", d.symbol] = _texts((d.symbol, 3), (d.aliases, 2), (d.title, 2), (d.what, 1))
    for figure in data.records(r.FigureRecord):
        docs["figure", str(figure.number)] = _texts((f"figure {figure.number} 图", 1), (figure.title, 2), (figure.notes, 1))
    for rec in data.records(r.RecommendationRecord):
        docs["recommendation", rec.id] = _texts(
            (rec.text.zh, 1), (rec.text.en, 1), (rec.keywords, 2), (rec.addressee, 1), ("recommendation 建议", 1)
        )
    return docs
