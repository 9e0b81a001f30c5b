"""What makes a question unfit to ask: each check returns problems as sentences, none when fine."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from actions.quiz import distractors
from actions.quiz.question import BLANK, LANGS, Question, years
from actions.store.facts import Fact

OPTIONS = 4
_ALNUM = re.compile(r"[a-z0-9]")


def question_problems(question: Question, last_paragraph: int) -> list[str]:
    """Both languages everywhere, 4 distinct options, a valid answer and paragraph, no answer given away."""
    problems = []
    for part in ("prompt", "explanation"):
        problems += [f"{part} has no {lang} text" for lang in LANGS if not _text(getattr(question, part).get(lang))]
    for lang in LANGS:
        options = question.options.get(lang) or []
        if len(options) != OPTIONS:
            problems.append(f"needs exactly {OPTIONS} {lang} options, has {len(options)}")
        elif not all(_text(o) for o in options):
            problems.append(f"an empty {lang} option")
        elif len({o.strip().casefold() for o in options}) < OPTIONS:
            problems.append(f"{lang} options are not all different")
    if not _number_in(question.answer, 0, OPTIONS - 1):
        problems.append(f"answer {question.answer!r} is out of range 0-{OPTIONS - 1}")
    if not _number_in(question.paragraph, 1, last_paragraph):
        problems.append(f"paragraph {question.paragraph!r} is outside 1-{last_paragraph}")
    return problems or _gives_away(question)


def statistic_problems(question: Question, statistics: dict[str, Fact]) -> list[str]:
    """A question made from a statistic must offer the store's value as its right answer."""
    if not question.id.startswith("stat:"):
        return []
    stat = statistics.get(question.id.removeprefix("stat:"))
    if stat is None:
        return ["no such statistic in the store"]
    if not distractors.carries_value(stat, question.right("zh"), question.right("en")):
        return [
            f"the right option ({question.right('zh')} / {question.right('en')}) does not carry the "
            f"store's value {stat['source_text']!r}"
        ]
    return _hedge_problems(question, stat)


def _hedge_problems(question: Question, stat: Fact) -> list[str]:
    """Every option hedged as the report hedges the figure ("70多"), and no wrong one that its statement allows."""
    hedge, problems = distractors.qualifier(stat), []
    for index, (zh, en) in enumerate(zip(question.options["zh"], question.options["en"], strict=True)):
        if hedge and not distractors.keeps(hedge, zh, en):
            problems.append(f"option {zh!r} / {en!r} drops the report's {hedge.zh!r} / {hedge.en!r}")
        value = distractors.value_of(stat, en)
        if index != question.answer and value is not None and distractors.implied(stat, value):
            problems.append(f"the wrong option {en!r} is also true by the report's {stat['source_text']!r}")
    return problems


def example_problems(question: Question, giveaways: dict[str, dict[str, list[str]]]) -> list[str]:
    """An example must blank its mission, and show none of its names, its host or words for the host."""
    if not question.id.startswith("example:"):
        return []
    problems = [f"the {lang} prompt has no blank for the mission" for lang in LANGS if BLANK not in question.prompt[lang]]
    for acronym in (t for t in question.topics if t in giveaways):
        for lang in LANGS:
            shown = [w for w in giveaways[acronym][lang] if _mentions(question.prompt[lang], w)]
            problems += [f"the {lang} prompt shows {w!r}, which points to {acronym}" for w in shown]
    return problems


def duplicate_ids(questions: list[Question]) -> list[str]:
    return [f"{qid}: id used {n} times" for qid, n in Counter(q.id for q in questions).items() if n > 1]


def _number_in(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _gives_away(question: Question) -> list[str]:
    """The right option written out in the prompt makes the question pointless; so does a year of the
    prompt that only one option shows ("The 2015 report ..." with one symbol from 2015)."""
    problems = [
        f"the {lang} prompt contains the answer {question.right(lang)!r}"
        for lang in LANGS
        if _mentions(question.prompt[lang], question.right(lang))
    ]
    for lang in LANGS:
        for year in sorted(years(question.prompt[lang])):
            alone = [o for o in question.options[lang] if year in years(o)]
            if len(alone) == 1:
                problems.append(f"the {lang} prompt's year {year} is shown by one option only, {alone[0]!r}")
    return problems


def _mentions(text: str, part: str) -> bool:
    """Whether `part` occurs in `text` as a whole: "2" is in "2 years" but not in "2022"."""
    text, part = text.casefold(), part.strip().casefold()
    start = text.find(part)
    while start >= 0:
        end = start + len(part)
        if not _ALNUM.match(text[start - 1 : start]) and not _ALNUM.match(text[end : end + 1]):
            return True
        start = text.find(part, start + 1)
    return False
