"""What makes a question unfit to ask: each check returns problems as sentences, none when fine."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from actions.quiz import distractors
from actions.quiz.question import BLANK, LANGS, Question, years
from actions.store.facts import Fact, in_lang

OPTIONS = 4
_ALNUM = re.compile(r"[a-z0-9]")
_QUOTED = re.compile(r"[“「\"]([^”」\"]*)[”」\"]")  # a quoted span, in either language's quotation marks
_DIGIT = re.compile(r"\d")
_FIGURE = re.compile(r"[\d.,%$ ]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# A figure's words besides its number ("more than", "tonnes", "年8月", "超过万"); a title or a sentence has more.
_FIGURE_WORDS = 3
_PART = 4  # characters: a shorter option ("4", "P4") inside a topic's name is chance, not the name


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
    return quoted_labels(question, stat) + _hedge_problems(question, stat)


def quoted_labels(question: Question, stat: Fact) -> list[str]:
    """A prompt reads as a person asks: it never quotes the statistic's label, our name for it, as a title."""
    problems = []
    for lang in LANGS:
        label = in_lang(stat, lang, "label").casefold()
        quoted = [q for q in _QUOTED.findall(question.prompt[lang]) if label and label in q.casefold()]
        problems += [f"the {lang} prompt quotes the statistic's label {q!r}" for q in quoted]
    return problems


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


def option_kind(text: str, names: set[str]) -> str:
    """What an option is: one of the report's names (a mission, priority, document), a figure ("more than 70",
    "2022年8月") or other text."""
    if text.strip().casefold() in names:
        return "name"
    rest = _FIGURE.sub(" ", text)
    words = len(_CJK.findall(rest)) or len(rest.split())  # Chinese has no spaces: its characters count
    return "figure" if _DIGIT.search(text) and words <= _FIGURE_WORDS else "text"


def length_ratio(question: Question) -> float:
    """How much longer the right option is than the longest wrong one, in the language where it is most."""
    return max(
        len(question.right(lang)) / max(len(o) for n, o in enumerate(question.options[lang]) if n != question.answer)
        for lang in LANGS
    )


def distractor_problems(question: Question, names: set[str], longest: float | None = None) -> list[str]:
    """Wrong options of the answer's kind (a mission for a mission, a figure for a figure), and, with `longest`,
    none the answer's length gives away: the right option no more than `longest` times the longest wrong one."""
    problems = []
    for lang in LANGS:
        kind = option_kind(question.right(lang), names)
        other = [o for o in question.options[lang] if option_kind(o, names) != kind]
        problems += [f"the {lang} option {o!r} is a {option_kind(o, names)}, the answer a {kind}" for o in other]
    if longest is not None and (ratio := length_ratio(question)) > longest:
        problems.append(f"the right option is {ratio:.1f} times as long as the longest wrong one (at most {longest:.1f})")
    return problems


def gives_topic_away(question: Question, names: list[str]) -> bool:
    """Whether, in a quiz on a topic called `names`, the question's answer is the topic itself: the right option
    names it and a wrong one does not ("Which mission ...?" in a quiz on MONUSCO)."""
    for lang in LANGS:
        wrong = [o for n, o in enumerate(question.options[lang]) if n != question.answer]
        if _names(question.right(lang), names) and not all(_names(o, names) for o in wrong):
            return True
    return False


def quiz_problems(questions: list[Question], names: list[str]) -> list[str]:
    """What is wrong with one quiz on a topic called `names` (none: the whole report): a question whose answer is
    the topic, a fact asked about twice."""
    problems = [f"{q.id} gives the topic away" for q in questions if names and gives_topic_away(q, names)]
    return problems + [f"{fact} is asked about twice" for fact in repeated_sources(questions)]


def repeated_sources(questions: list[Question]) -> list[str]:
    """The facts a quiz asks about more than once."""
    counts = Counter(s for q in questions for s in q.sources)
    return sorted(s for s, n in counts.items() if n > 1)


def _names(option: str, names: list[str]) -> bool:
    """Whether an option names the topic, or is a long enough part of its name ("Safety and security")."""
    return any(_mentions(option, n) or (len(option) >= _PART and _mentions(n, option)) for n in names)


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
