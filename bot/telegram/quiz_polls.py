"""A bank question as a Telegram quiz poll, within Telegram's limits (counted in UTF-16 units)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from telegram.constants import PollLimit

from actions import wording
from actions.quiz.question import Question
from actions.replies import cite

MAX_PREFIX = len("50/50 ")  # "3/10 " goes before each question; 50 is the most a quiz asks
ELLIPSIS = "…"


def units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def fits(question: Question, lang: str) -> bool:
    """Whether the question can go out as a poll unshortened; a cut question or option could mislead."""
    return units(question.prompt[lang]) + MAX_PREFIX <= PollLimit.MAX_QUESTION_LENGTH and all(
        units(option) <= PollLimit.MAX_OPTION_LENGTH for option in question.options[lang]
    )


def explanation(question: Question, lang: str) -> str:
    """The explanation, shortened in the middle when too long, so that it still ends with its citation."""
    explained = " ".join(question.explanation[lang].split())  # Telegram allows only two line feeds
    if units(explained) <= PollLimit.MAX_EXPLANATION_LENGTH:
        return explained
    citation = cite(question.paragraph, lang)
    body = explained.rsplit(citation, 1)[0].rstrip(" 。.")
    room = PollLimit.MAX_EXPLANATION_LENGTH - units(wording.text("reply.sentence", lang, text=ELLIPSIS, citation=citation))
    body = body[:room]
    while units(body) > room:  # a character outside the BMP counts twice
        body = body[:-1]
    return wording.text("reply.sentence", lang, text=body.rstrip() + ELLIPSIS, citation=citation)


# Telegram types a quiz's correct option as a literal index; a bank question has four options
Option = Literal[0, 1, 2, 3]
OPTIONS: tuple[Option, ...] = (0, 1, 2, 3)


@dataclass(frozen=True)
class Poll:
    question: str
    options: list[str]
    answer: Option
    explanation: str


def poll(question: Question, lang: str, position: int, size: int) -> Poll:
    return Poll(
        f"{position}/{size} {question.prompt[lang]}",
        list(question.options[lang]),
        OPTIONS[question.answer],
        explanation(question, lang),
    )
