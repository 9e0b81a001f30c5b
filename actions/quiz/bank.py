"""The question bank: questions generated from the fact store plus the curated ones, both languages.

Deterministic: the same store and files give the same questions, ids and option order. Built once
per store and process, and built again when `facts load` changes the store (it records a digest of
the facts, one small query to read) or a curated file changes (then only the curated files are read again).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from actions import wording
from actions.quiz import words
from actions.quiz.checks import (
    distractor_problems,
    duplicate_ids,
    example_problems,
    gives_topic_away,
    length_ratio,
    question_problems,
    quiz_problems,
    statistic_problems,
)
from actions.quiz.curated import CURATED_DIR, read_curated
from actions.quiz.generated import Facts, generate, giveaways, topic_names
from actions.quiz.question import LANGS, Question, rng_for
from actions.quiz.sessions import distinct
from actions.store import models as m
from actions.store import queries
from actions.store.facts import in_lang
from actions.store.meta import store_version

KINDS = ("statistic", "priority", "mission", "example", "document", "curated")
_cache: dict[tuple, tuple[list[Question], dict[str, Question]]] = {}


@dataclass(frozen=True)
class _Made:
    """The questions made from the store's facts and checked: the same until a `facts load` changes the facts."""

    facts: Facts
    last_paragraph: int
    fit: list[Question]
    problems: list[str]
    names: dict[str, list[str]]  # what a quiz on each topic calls it
    all_names: set[str]  # every one of them, casefolded: an option that is one of these is a name
    longest: float  # the right option's length against the longest wrong one's, at most, of one kind by construction


def _make(db: Session) -> _Made:
    facts = Facts.read(db)
    last = _last_paragraph(db)
    statistics, hidden, names = {s["id"]: s for s in facts.statistics}, giveaways(facts), topic_names(facts)
    all_names = {n.casefold() for found in names.values() for n in found}
    generated, problems = generate(facts)
    fit = []
    for question in generated:
        found = question_problems(question, last) + statistic_problems(question, statistics) + example_problems(question, hidden)
        found += distractor_problems(question, all_names)
        problems += [f"{question.id}: {p}" for p in found]
        fit += [] if found else [question]
    longest = max((length_ratio(q) for q in fit), default=1.0)
    return _Made(facts, last, fit, problems + duplicate_ids(generated), names, all_names, longest)


_made: dict[str, tuple[str | None, _Made]] = {}  # store URL -> (facts version, what was made of it)


def build(db: Session, curated_dir: Path = CURATED_DIR, version: str | None = None) -> tuple[list[Question], list[str]]:
    """Every question fit to ask, and the problems found (the unfit questions are left out). The questions made
    from the facts are made once per store and facts `version` (read when not given); the curated files are read
    each time."""
    version, store = version or store_version(db), str(db.get_bind().url)
    if store not in _made or _made[store][0] != version:
        _made[store] = (version, _make(db))
    made = _made[store][1]
    read, curated_problems = read_curated(curated_dir, _known_topics(made.facts), made.last_paragraph, made.facts.ids())
    curated = []
    for question in read:  # written by hand: options of the answer's kind, of lengths as alike as the generated ones'
        found = distractor_problems(question, made.all_names, made.longest)
        curated_problems += [f"{question.id}: {p}" for p in found]
        curated += [] if found else [question]
    return made.fit + curated, made.problems + curated_problems


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


def pool(db: Session, topic: str | None = None, curated_dir: Path = CURATED_DIR) -> list[Question]:
    """The questions a quiz on `topic` may ask: those on it, less those whose answer is the topic itself."""
    on = questions(db, topic, curated_dir)
    names = names_of(db, resolve_topic(db, topic, on) if topic else None, curated_dir)
    return [q for q in on if not gives_topic_away(q, names)] if names else on


def names_of(db: Session, topic: str | None, curated_dir: Path = CURATED_DIR) -> list[str]:
    """What a quiz on a priority, theme, mission or document (by its tag: "P4", "MONUSCO") calls it; none for the
    whole report or a kind of question."""
    return _made_for(db, curated_dir).names.get(topic or "", [])


def topics(db: Session) -> list[str | None]:
    """Every topic a quiz can be on, each priority, theme, mission and document, and None: the whole report."""
    return [None, *_made_for(db, CURATED_DIR).names]


def sample_problems(db: Session, size: int, rounds: int, curated_dir: Path = CURATED_DIR) -> list[str]:
    """Problems in `rounds` quizzes of `size` drawn on every topic as a quiz draws them (seeded: the same each run)."""
    problems: set[str] = set()
    for topic in topics(db):
        on = pool(db, topic, curated_dir)
        by_id, sources = {q.id: q for q in on}, {q.id: q.sources for q in on}
        for n in range(rounds):
            ids = [q.id for q in on]
            rng_for(f"{topic}/{n}").shuffle(ids)
            quiz = [by_id[i] for i in distinct(ids, sources, size)]
            found = quiz_problems(quiz, names_of(db, topic, curated_dir))
            problems |= {f"quiz on {topic or 'the report'}: {p}" for p in found}
    return sorted(problems)


def question(db: Session, qid: str, curated_dir: Path = CURATED_DIR) -> Question | None:
    return _bank(db, curated_dir)[1].get(qid)


def resolve_topic(db: Session, topic: str, bank: list[Question]) -> str | None:
    """The bank's own tag for what a user or the entity extractor calls a topic ("p4", "4", "Priority 4", "优先事项四",
    "联刚稳定团")."""
    text = topic.strip()
    tags = {t.casefold(): t for q in bank for t in q.topics}
    if re.fullmatch(r"[1-7]", text):
        text = f"P{text}"
    text = words.numbered_topic(text) or text
    if text.casefold() in tags:
        return tags[text.casefold()]
    found = queries.mission(db, text) or queries.document(db, text)
    return found["id"] if found else None


def topic_name(db: Session, topic: str, lang: str) -> str:
    """What a topic is called in `lang`: "P4" -> "Accountability to peacekeepers", "MONUSCO" -> "联刚稳定团", a kind of
    question by its wording; the tag itself when nothing names it."""
    if f"quiz_topic.{topic}" in wording.catalog():
        return wording.text(f"quiz_topic.{topic}", lang)
    for kind in ("priority", "theme", "mission", "document"):
        fact = queries.fact(db, kind, topic)
        if fact and (label := in_lang(fact, lang, "label")):
            return label
    return topic


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
        bank = build(db, curated_dir, key[-1])[0]
        _cache[key] = (bank, {q.id: q for q in bank})
    return _cache[key]


def _made_for(db: Session, curated_dir: Path) -> _Made:
    """What was made of the store's facts, made now when the bank was not built yet."""
    _bank(db, curated_dir)
    return _made[str(db.get_bind().url)][1]


def _files_signature(directory: Path) -> tuple:
    return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(directory.glob("*.yaml")))


def _last_paragraph(db: Session) -> int:
    return db.execute(select(func.max(m.Paragraph.number))).scalar() or 0


def _known_topics(facts: Facts) -> set[str]:
    return {p["id"] for p in facts.priorities} | {x["acronym"] for x in facts.missions} | {d["symbol"] for d in facts.documents}
