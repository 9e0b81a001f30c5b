"""A quiz question in both languages, and the pieces every question is made of."""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, field

from actions import wording
from actions.replies import cite

LANGS = ("zh", "en")
Text = dict[str, str]  # {"zh": ..., "en": ...}
BLANK = "___"  # where an example names its mission
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass(frozen=True)
class Question:
    id: str
    topics: tuple[str, ...]  # priority/theme ids, mission acronyms, document symbols and a kind
    prompt: Text
    options: dict[str, list[str]]  # four per language, in the same order in both
    answer: int  # index of the right option
    explanation: Text
    paragraph: int
    sources: tuple[str, ...] = ()  # the facts it is made of ("statistic:<id>", "example:<id>"): one quiz asks each once
    context: Text = field(default_factory=dict)  # the report's words behind the answer, without the citation

    def right(self, lang: str) -> str:
        return self.options[lang][self.answer]


def years(text: str) -> set[str]:
    """The years a text shows: "2021" in "S/2021/1042" and in "December 2021", none in "S/RES/2589"."""
    return set(_YEAR.findall(text))


def rng_for(key: str) -> random.Random:
    """A generator seeded by a stable id: the same question comes out the same in every process."""
    return random.Random(int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big"))


def arrange(qid: str, right: Text, wrong: list[Text]) -> tuple[dict[str, list[str]], int]:
    """Options shuffled by the question's id (the same order in both languages), and the right one's index."""
    options = [right, *wrong]
    rng_for(qid).shuffle(options)
    return {lang: [o[lang] for o in options] for lang in LANGS}, options.index(right)


def explain(right: Text, context: Text, paragraph: int) -> Text:
    """States the right answer, then its context from the report with the citation."""
    stop = wording.both("quiz_text.full_stop")
    return wording.both(
        "quiz_text.explanation",
        answer={lang: right[lang].strip().rstrip(stop[lang]) for lang in LANGS},  # an answer that is a sentence
        context={lang: context[lang].strip().rstrip(stop[lang]) for lang in LANGS},
        citation={lang: cite(paragraph, lang) for lang in LANGS},
    )


def make(
    qid: str, topics: list[str], prompt: Text, right: Text, wrong: list[Text], context: Text, paragraph: int, source: str
) -> Question:
    options, answer = arrange(qid, right, wrong)
    topics = list(dict.fromkeys(t for t in topics if t))
    explanation = explain(right, context, paragraph)
    return Question(qid, tuple(topics), prompt, options, answer, explanation, paragraph, (source,), context)
