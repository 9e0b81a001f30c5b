"""A bank question as a Telegram quiz poll, within Telegram's limits (counted in UTF-16 units)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from telegram.constants import PollLimit

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
    text = " ".join(question.explanation[lang].split())  # Telegram allows only two line feeds
    if units(text) <= PollLimit.MAX_EXPLANATION_LENGTH:
        return text
    ending = cite(question.paragraph, lang) + ("。" if lang == "zh" else ".")
    body = text.rsplit(cite(question.paragraph, lang), 1)[0].rstrip(" 。.")
    room = PollLimit.MAX_EXPLANATION_LENGTH - units(ending) - units(ELLIPSIS) - 1
    body = body[:room]
    while units(body) > room:  # a character outside the BMP counts twice
        body = body[:-1]
    return f"{body.rstrip()}{ELLIPSIS}{'' if lang == 'zh' else ' '}{ending}"


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
