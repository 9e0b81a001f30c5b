"""The question bank: questions generated from the fact store plus the curated ones, both languages.

Deterministic: the same store and files give the same questions, ids and option order. Built once
per store and process, and built again when `facts load` changes the store (it records a digest of
the facts, one small query to read) or a curated file changes.
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from actions.quiz.checks import duplicate_ids, example_problems, question_problems, statistic_problems
from actions.quiz.curated import CURATED_DIR, read_curated
from actions.quiz.generated import Facts, generate, giveaways
from actions.quiz.question import LANGS, Question
from actions.store import models as m
from actions.store import queries
from actions.store.meta import store_version

KINDS = ("statistic", "priority", "mission", "example", "document", "curated")
_cache: dict[tuple, tuple[list[Question], dict[str, Question]]] = {}


def build(db: Session, curated_dir: Path = CURATED_DIR) -> tuple[list[Question], list[str]]:
    """Every question fit to ask, and the problems found (the unfit questions are left out)."""
    facts = Facts.read(db)
    last = _last_paragraph(db)
    statistics, hidden = {s["id"]: s for s in facts.statistics}, giveaways(facts)
    generated, problems = generate(facts)
    fit = []
    for question in generated:
        found = question_problems(question, last) + statistic_problems(question, statistics) + example_problems(question, hidden)
        problems += [f"{question.id}: {p}" for p in found]
        fit += [] if found else [question]
    curated, curated_problems = read_curated(curated_dir, _known_topics(facts), last)
    return fit + curated, problems + duplicate_ids(generated) + curated_problems


def check_bank(db: Session, curated_dir: Path = CURATED_DIR) -> list[str]:
    """Problems with the bank, one printable line each; none means every question can be asked."""
    return build(db, curated_dir)[1]


def questions(db: Session, topic: str | None = None, curated_dir: Path = CURATED_DIR) -> list[Question]:
    """The whole bank, or the questions on a topic: "P4", "T1", a mission or document name, or a kind."""
    bank = _bank(db, curated_dir)[0]
    if topic is None:
        return list(bank)
    wanted = resolve_topic(db, topic, bank)
    return [q for q in bank if wanted in q.topics] if wanted else []


def question(db: Session, qid: str, curated_dir: Path = CURATED_DIR) -> Question | None:
    return _bank(db, curated_dir)[1].get(qid)


def resolve_topic(db: Session, topic: str, bank: list[Question]) -> str | None:
    """The bank's own tag for what a user or the entity extractor calls a topic ("p4", "4", "联刚稳定团")."""
    text = topic.strip()
    tags = {t.casefold(): t for q in bank for t in q.topics}
    if re.fullmatch(r"[1-7]", text):
        text = f"P{text}"
    if text.casefold() in tags:
        return tags[text.casefold()]
    found = queries.mission(db, text) or queries.document(db, text)
    return found["id"] if found else None


def bank_counts(db: Session, curated_dir: Path = CURATED_DIR) -> dict[str, dict[str, int]]:
    """Questions per topic and language, in the order to print them: all, P1-P7, T1, T2, missions, kinds."""
    bank = _bank(db, curated_dir)[0]
    topics = [p["id"] for p in queries.facts(db, "priority") + queries.facts(db, "theme")]
    topics += [mission["acronym"] for mission in queries.facts(db, "mission")] + list(KINDS)
    counts = {"all": {lang: sum(1 for q in bank if q.prompt.get(lang)) for lang in LANGS}}
    for topic in topics:
        counts[topic] = {lang: sum(1 for q in bank if topic in q.topics and q.prompt.get(lang)) for lang in LANGS}
    return counts


def _bank(db: Session, curated_dir: Path) -> tuple[list[Question], dict[str, Question]]:
    key = (str(db.get_bind().url), str(curated_dir), _files_signature(curated_dir), store_version(db))
    if key not in _cache:
        for old in [k for k in _cache if k[:2] == key[:2]]:
            del _cache[old]
        bank = build(db, curated_dir)[0]
        _cache[key] = (bank, {q.id: q for q in bank})
    return _cache[key]


def _files_signature(directory: Path) -> tuple:
    return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(directory.glob("*.yaml")))


def _last_paragraph(db: Session) -> int:
    return db.execute(select(func.max(m.Paragraph.number))).scalar() or 0


def _known_topics(facts: Facts) -> set[str]:
    return {p["id"] for p in facts.priorities} | {x["acronym"] for x in facts.missions} | {d["symbol"] for d in facts.documents}
