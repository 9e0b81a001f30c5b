"""How hard each question is: from how often trainees answered it right, seeded by a rule until they have
(the rule, the bands and their calibration: data/understanding/difficulty.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import chain, zip_longest

import yaml
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from actions.quiz.question import Question
from actions.quiz.sessions import Chooser, shuffled
from actions.settings import DATA
from actions.store.models import QuizAnswer, QuizItem

LEVELS = ("easy", "medium", "hard")
MIXED = "mixed"
ASKABLE = ("easy", MIXED, "hard")  # what a quiz can be asked for
_FILE = DATA / "understanding" / "difficulty.yaml"
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_WORD = re.compile(r"[a-z0-9]+|[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Rules:
    answers_needed: int
    easy_above: float
    hard_below: float
    seed: dict[str, str]  # question kind -> level
    close_figure: float
    close_words: float
    words: dict[str, dict[str, list[str]]]  # level asked -> language -> words


@cache
def rules() -> Rules:
    return Rules(**yaml.safe_load(_FILE.read_text(encoding="utf-8")))


def seeded(question: Question) -> str:
    """The level by the rule: by the kind of question, a step harder with two or more close wrong options, a
    step easier with none."""
    kind = next(t for t in question.topics if t in rules().seed)
    close = close_options(question)
    step = 1 if close >= 2 else -1 if close == 0 else 0
    return LEVELS[min(max(LEVELS.index(rules().seed[kind]) + step, 0), len(LEVELS) - 1)]


def close_options(question: Question) -> int:
    """How many wrong options are close to the answer: a figure near it, or a text sharing most of its words."""
    right, wrong = question.right("en"), [o for n, o in enumerate(question.options["en"]) if n != question.answer]
    value = _number(right)
    if value is not None:
        near = rules().close_figure * abs(value)
        return sum(1 for o in wrong if (v := _number(o)) is not None and abs(v - value) <= near)
    words = set(_WORD.findall(right.casefold()))
    return sum(1 for o in wrong if words and len(words & set(_WORD.findall(o.casefold()))) >= rules().close_words * len(words))


def answered(db: Session) -> dict[str, tuple[int, int]]:
    """(right, answered) per question over every quiz answered so far."""
    right = func.sum(case((QuizAnswer.correct, 1), else_=0))
    stmt = select(QuizItem.question_id, right, func.count(QuizAnswer.id)).join(QuizAnswer, QuizAnswer.item_id == QuizItem.id)
    return {qid: (int(r), int(n)) for qid, r, n in db.execute(stmt.group_by(QuizItem.question_id))}


def levels(db: Session, questions: list[Question]) -> dict[str, str]:
    """Each question's level: observed once it has enough answers, seeded before."""
    counts, r = answered(db), rules()
    found = {}
    for question in questions:
        right, total = counts.get(question.id, (0, 0))
        if total < r.answers_needed:
            found[question.id] = seeded(question)
        else:
            share = right / total
            found[question.id] = "easy" if share > r.easy_above else "hard" if share < r.hard_below else "medium"
    return found


def asked(text: str) -> str | None:
    """The level a request names ("a hard quiz", "出简单的题", "mixed"), or None."""
    lowered = text.casefold()
    for level, by_lang in rules().words.items():
        if any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", lowered) for w in by_lang["en"]):
            return level
        if any(w in text for w in by_lang["zh"]):
            return level
    return None


def narrow(db: Session, questions: list[Question], wanted: str | None) -> tuple[list[Question], Chooser]:
    """The questions of the level wanted (all when none is at it) and how to order them: levels in turn for a
    mixed quiz, shuffled otherwise."""
    if wanted is None:
        return questions, shuffled
    found = levels(db, questions)
    if wanted == MIXED:
        return questions, lambda ids: in_turn(ids, found)
    return [q for q in questions if found[q.id] == wanted] or questions, shuffled


def in_turn(ids: list[str], found: dict[str, str]) -> list[str]:
    """Shuffled, then easy, medium and hard in turn, so that any first few questions mix the levels."""
    mixed = shuffled(ids)
    groups = [[i for i in mixed if found.get(i, "medium") == level] for level in LEVELS]
    return [i for i in chain.from_iterable(zip_longest(*groups)) if i is not None]


def _number(text: str) -> float | None:
    """The figure an option states ("more than 35,000", "2022", "25%"), or None for text."""
    found = _NUMBER.search(text)
    return float(found[0].replace(",", "")) if found and len(_WORD.findall(_NUMBER.sub("", text))) <= 3 else None
