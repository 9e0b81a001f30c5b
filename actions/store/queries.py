"""What the assistant, the quiz and the operator tools ask of the store.

Every fact comes back as a `Fact` (actions/store/facts.py): a dict with at least `type`, `id`, `paragraph`
(a number or a list), `zh` and `en` (the sentence a user is given) and `label_zh`/`label_en`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.store import models as m
from actions.store.facts import Fact, paragraphs
from actions.store.meta import current_version
from actions.store.search import Hit, rank
from actions.store.text import add_words, normalize

FACT_TYPES = (
    "paragraph",
    "priority",
    "theme",
    "statistic",
    "mission",
    "example",
    "document",
    "figure",
    "recommendation",
    "footnote",
)
_SYMBOL_SPACES = re.compile(r"\s+")
_NUMBERED = ("paragraph", "figure", "footnote")  # ids that are numbers: "044" and 44 are paragraph 44


def paragraph_fact(row: m.Paragraph) -> Fact:
    return Fact(
        type="paragraph",
        id=str(row.number),
        number=row.number,
        paragraph=row.number,
        label_zh=f"第{row.number}段",
        label_en=f"Paragraph {row.number}",
        zh=row.zh,
        en=row.en,
        section_zh=row.section_zh,
        section_en=row.section_en,
        subheading_zh=row.subheading_zh or row.part_zh,
        subheading_en=row.subheading_en or row.part_en,
    )


def priority_fact(row: m.Priority) -> Fact:
    return Fact(
        type="priority" if row.kind == "priority" else "theme",
        id=row.id,
        number=row.number,
        paragraph=list(range(row.first_paragraph, row.last_paragraph + 1)),
        label_zh=row.name_zh,
        label_en=row.name_en,
        zh=row.summary_zh,
        en=row.summary_en,
    )


def statistic_fact(row: m.Statistic, missions: list[str]) -> Fact:
    return Fact(
        type="statistic",
        id=row.id,
        paragraph=row.paragraph,
        value=row.value,
        unit=row.unit,
        before=row.before,
        source_text=row.source_text,
        before_text=row.before_text,
        years=row.years,
        as_of=row.as_of,
        period_zh=row.period_zh,
        period_en=row.period_en,
        scope_zh=row.scope_zh,
        scope_en=row.scope_en,
        priority=row.priority_id,
        missions=missions,
        label_zh=row.label_zh,
        label_en=row.label_en,
        question_zh=row.question_zh,
        question_en=row.question_en,
        zh=row.answer_zh,
        en=row.answer_en,
    )


def mission_fact(row: m.Mission) -> Fact:
    return Fact(
        type="mission",
        id=row.acronym,
        acronym=row.acronym,
        paragraph=row.paragraphs,
        label_zh=row.short_zh,
        label_en=row.acronym,
        zh=row.name_zh,
        en=row.name_en,
        host_zh=row.host_zh,
        host_en=row.host_en,
    )


def example_fact(row: m.Example, missions: list[str]) -> Fact:
    return Fact(
        type="example",
        id=row.id,
        paragraph=row.paragraph,
        missions=missions,
        priority=row.priority_id,
        label_zh=row.zh,
        label_en=row.en,
        zh=row.zh,
        en=row.en,
    )


def document_fact(row: m.Document) -> Fact:
    return Fact(
        type="document",
        id=row.symbol,
        symbol=row.symbol,
        kind=row.kind,
        paragraph=row.paragraphs,
        footnotes=row.footnotes,
        label_zh=row.title_zh,
        label_en=row.title_en,
        zh=row.what_zh,
        en=row.what_en,
    )


def figure_fact(row: m.Figure) -> Fact:
    return Fact(
        type="figure",
        id=str(row.number),
        number=row.number,
        paragraph=row.paragraph,
        label_zh=f"图{row.number}",
        label_en=f"Figure {row.number}",
        zh=row.title_zh,
        en=row.title_en,
        source_zh=row.source_zh,
        source_en=row.source_en,
        notes_zh=row.notes_zh,
        notes_en=row.notes_en,
    )


def recommendation_fact(row: m.Recommendation) -> Fact:
    return Fact(
        type="recommendation",
        id=row.id,
        paragraph=row.paragraph,
        label_zh=row.addressee_zh,
        label_en=row.addressee_en,
        zh=row.zh,
        en=row.en,
        subheading_zh=row.subheading_zh,
        subheading_en=row.subheading_en,
    )


def footnote_fact(row: m.Footnote) -> Fact:
    return Fact(
        type="footnote",
        id=str(row.number),
        number=row.number,
        paragraph=row.paragraph,
        label_zh=f"脚注{row.number}",
        label_en=f"Footnote {row.number}",
        zh=row.zh,
        en=row.en,
        documents=row.documents,
    )


def _missions_of(session: Session, fact_type: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for row in session.execute(select(m.FactMission).where(m.FactMission.fact_type == fact_type)).scalars():
        found.setdefault(row.fact_id, []).append(row.acronym)
    return found


def _read(session: Session, fact_type: str) -> list[Fact]:
    """Every fact of one type from the database, in report order."""

    def rows(model, *order):
        return list(session.execute(select(model).order_by(*order)).scalars())

    if fact_type == "paragraph":
        return [paragraph_fact(r) for r in rows(m.Paragraph, m.Paragraph.number)]
    if fact_type in ("priority", "theme"):
        return [f for f in map(priority_fact, rows(m.Priority, m.Priority.id)) if f["type"] == fact_type]
    if fact_type in ("statistic", "example"):
        model = m.Statistic if fact_type == "statistic" else m.Example
        missions = _missions_of(session, fact_type)
        make = statistic_fact if fact_type == "statistic" else example_fact
        return [make(r, missions.get(r.id, [])) for r in rows(model, model.paragraph, model.id)]
    if fact_type == "mission":
        return sorted(map(mission_fact, rows(m.Mission, m.Mission.acronym)), key=lambda f: (paragraphs(f) or [99])[0])
    if fact_type == "document":
        return [document_fact(r) for r in rows(m.Document, m.Document.symbol)]
    if fact_type == "figure":
        return [figure_fact(r) for r in rows(m.Figure, m.Figure.number)]
    if fact_type == "recommendation":
        return [recommendation_fact(r) for r in rows(m.Recommendation, m.Recommendation.paragraph)]
    if fact_type == "footnote":
        return [footnote_fact(r) for r in rows(m.Footnote, m.Footnote.number)]
    raise ValueError(f"unknown fact type {fact_type!r}")


@dataclass
class _Snapshot:
    version: str | None
    by_type: dict[str, list[Fact]]
    by_key: dict[tuple[str, str], Fact]


_snapshots: dict[str, _Snapshot] = {}


def _snapshot(session: Session) -> _Snapshot:
    """The whole store (a few hundred facts, changed only by `facts load`) in memory: read once per
    store and process and again when the load's version changes, looked up once per transaction (every
    search used to re-read each candidate fact with its own queries)."""
    version, store = current_version(session), str(session.get_bind().url)
    snapshot = _snapshots.get(store)
    if snapshot is None or snapshot.version != version:
        by_type = {kind: _read(session, kind) for kind in FACT_TYPES}
        by_key = {(f["type"], f["id"]): f for found in by_type.values() for f in found}
        snapshot = _snapshots[store] = _Snapshot(version, by_type, by_key)
    return snapshot


def _id(fact_type: str, fact_id: str | int) -> str:
    return str(int(fact_id)) if fact_type in _NUMBERED else str(fact_id)


def facts(session: Session, fact_type: str, ids: list[str] | None = None) -> list[Fact]:
    """Facts of one type, all of them or those with the given ids, in report order (a priority's or a
    theme's id finds either). Each a copy, free to change."""
    if fact_type not in FACT_TYPES:
        raise ValueError(f"unknown fact type {fact_type!r}")
    by_type = _snapshot(session).by_type
    if ids is None:
        return [f.copy() for f in by_type[fact_type]]
    wanted = {_id(fact_type, i) for i in ids}
    kinds = ("priority", "theme") if fact_type in ("priority", "theme") else (fact_type,)
    return [f.copy() for kind in kinds for f in by_type[kind] if f["id"] in wanted]


def fact(session: Session, fact_type: str, fact_id: str) -> Fact | None:
    if fact_type in ("priority", "theme"):
        listed = facts(session, fact_type, [fact_id])
        return listed[0] if listed else None
    if fact_type not in FACT_TYPES:
        raise ValueError(f"unknown fact type {fact_type!r}")
    found = _snapshot(session).by_key.get((fact_type, _id(fact_type, fact_id)))
    return found.copy() if found else None


def all_facts(session: Session) -> list[Fact]:
    return [f.copy() for found in _snapshot(session).by_type.values() for f in found]


def paragraph(session: Session, number: int) -> Fact | None:
    return fact(session, "paragraph", str(number))


def mission(session: Session, alias: str) -> Fact | None:
    """A mission by acronym, or any English or Chinese name or alias."""
    row = session.get(m.MissionAlias, normalize(alias).strip())
    return fact(session, "mission", row.acronym) if row else None


def mission_names(session: Session) -> list[tuple[str, str, str]]:
    """(alias, acronym, lang) for every mission name: the vocabulary of entity recognition."""
    return [(r.alias, r.acronym, r.lang) for r in session.execute(select(m.MissionAlias)).scalars()]


def document(session: Session, symbol: str) -> Fact | None:
    """A document by symbol or alias ("S/PRST/2022/6", "resolution 2589 (2021)", "第2589(2021)号决议")."""
    key = normalize(symbol).strip()
    row = session.get(m.DocumentAlias, key) or session.get(m.DocumentAlias, _SYMBOL_SPACES.sub("", key))
    return fact(session, "document", row.symbol) if row else None


def document_names(session: Session) -> list[tuple[str, str]]:
    return [(r.alias, r.symbol) for r in session.execute(select(m.DocumentAlias)).scalars()]


_vocabulary_loaded: set[str] = set()


def load_vocabulary(session: Session) -> None:
    """Teach the tokenizer the store's Chinese names, as the loader did when indexing; once per
    store and process (a name loaded later still matches through character bigrams)."""
    store = str(session.get_bind().url)
    if store in _vocabulary_loaded:
        return
    _vocabulary_loaded.add(store)
    names = [r.alias for r in session.execute(select(m.MissionAlias).where(m.MissionAlias.lang == "zh")).scalars()]
    for row in session.execute(select(m.Priority)).scalars():
        names += [row.name_zh, *row.aliases]
    add_words(names)


def hydrate(session: Session, hits: list[Hit]) -> list[Fact]:
    out = []
    for hit in hits:
        found = fact(session, hit.fact_type, hit.fact_id)
        if found:
            found["score"] = round(hit.score, 3)
            out.append(found)
    return out


def search(session: Session, text: str, types: tuple[str, ...] = (), limit: int = 10) -> list[Fact]:
    """Facts ranked against a question in either language, best first, each with its `score`."""
    load_vocabulary(session)
    return hydrate(session, rank(session, text, types, limit))
