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
    """The report's words behind the answer with their citation, within Telegram's limit. The poll itself shows the
    right option, so it is not stated again; a text too long is cut at a word (English) or a clause (Chinese)."""
    citation = cite(question.paragraph, lang)
    said = " ".join((question.context.get(lang) or question.explanation[lang]).split())  # Telegram allows two line feeds
    said = said.removesuffix(citation).rstrip(" 。.")
    whole = wording.text("reply.sentence", lang, text=said, citation=citation)
    if units(whole) <= PollLimit.MAX_EXPLANATION_LENGTH:
        return whole
    room = PollLimit.MAX_EXPLANATION_LENGTH - units(wording.text("reply.sentence", lang, text=ELLIPSIS, citation=citation))
    return wording.text("reply.sentence", lang, text=_cut(said, room) + ELLIPSIS, citation=citation)


BREAKS = " ，；、：,;"  # where a cut text may end: after a word, or a Chinese clause


def _cut(text: str, room: int) -> str:
    """The start of `text` within `room` UTF-16 units, ending at a word's end or a clause's (Chinese has no spaces)
    when one ends in its second half; then without a trailing mark."""
    cut = text[:room]
    while units(cut) > room:  # a character outside the BMP counts twice
        cut = cut[:-1]
    if cut != text:
        end = max(cut.rfind(mark) for mark in BREAKS)
        cut = cut[:end] if end > len(cut) // 2 else cut
    return cut.rstrip(BREAKS).rstrip()


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
