"""Where a question is read: once, into a `Question` that the answering code checks facts against.

What is asked (a number, a date, a list, who, where, a definition, what happened), the report's entities
(missions, priorities, documents, figures, paragraphs, footnotes), the years, the measure wanted
(budget, casualties...), names the report may not know, and whether the turn leans on the last answer.
The word patterns live in data/understanding/lexicon.yaml, the names in data/understanding/names.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from actions.store.text import HAN, simplify, to_simplified

UNDERSTANDING = Path(__file__).resolve().parents[1] / "data" / "understanding"
_MARKUP = re.compile(r"<[^<>]{0,200}>|&[a-z]{2,6};|\[([^\]]*)\]\([^)]*\)")
_SPACES = re.compile(r"\s+")
_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_FOOTNOTE = re.compile(
    r"(?:脚注|注释|附注)\s*(?:第\s*)?(\d{1,2}|[一二三四五六七八九十]{1,3})"
    r"|\b(?:footnote|fn\.?|note)\s*(?:no\.?\s*)?(\d{1,2})\b"
)
_REPORT_SYMBOL = re.compile(r"(?<![a-z])s\s*/\s*2023\s*/\s*646(?!\d)")
# One year asked for ("in 2016", "2016年", "2016年呢") rather than a total since it, or a bare keyword.
_EXACT_YEAR = re.compile(
    r"\b(in|during|for|of|by)\s+(?:the\s+year\s+)?(19|20)\d\d\b(?!\s*/)"
    r"|(19|20)\d\d\s*年(?!\s*(以来|起|至今|到|至|以后|后))"
)


# Two years joined as a span ("2013至2019年期间", "between 2013 and 2019"): a period, not one year asked for.
_YEAR_SPAN = re.compile(r"(19|20)\d\d\s*年?\s*(至|到|-|–|—|and|to|through|until)\s*(19|20)\d\d")


@cache
def lexicon() -> dict[str, Any]:
    return yaml.safe_load((UNDERSTANDING / "lexicon.yaml").read_text(encoding="utf-8"))


def _compile(patterns: list[str]) -> re.Pattern[str]:
    """English patterns as whole words, Chinese ones anywhere."""
    parts = [rf"(?<![\w+-])(?:{p})(?![\w+-])" if re.match(r"[\^\\(a-z]", p) and not HAN.search(p) else p for p in patterns]
    return re.compile("|".join(parts))


@cache
def lexicon_pattern(kind: str) -> re.Pattern[str]:
    """One of the lexicon's patterns, such as "followup" or "duration"."""
    return _compile(lexicon()[kind])


def two_questions(text: str) -> tuple[str, str] | None:
    """ "How many people got direct support and what was the budget?": two questions, one after the other; None
    for one question."""
    match = lexicon_pattern("second_question").search(text.lower())
    if not match:
        return _asked_of_each(text)
    first, second = text[: match.start()].strip(" ,;"), text[match.end() :].strip()
    # ("what is the difference between A4P and what came before?" is one; "since when have hostilities between Israel and
    # Lebanon been stopped, and which resolution ...?" two, dev163)
    asks_first = lexicon_pattern("interrogative").search(simplify(first)) and not re.search(
        r"\bbetween\b(?!.*\band\b)", first.lower()
    )
    return (first, second) if asks_first and min(len(first.split()), len(second.split())) >= 3 else None


def _asked_of_each(text: str) -> tuple[str, str] | None:
    """ "what share of heads and deputy heads of civilian-led missions are women?": the question asked of each."""
    pair = lexicon_pattern("pair").search(text.lower())
    if not pair:
        return None
    head, tail = text[: pair.start()], text[pair.end() :]
    one, other = (head + text[pair.start(part) : pair.end(part)] + tail for part in ("one", "other"))
    return one, other


@cache
def lexicon_table(kind: str) -> dict[str, re.Pattern[str]]:
    """One of the lexicon's tables of named patterns: "asks", "measures" or "kinds"."""
    return {name: _compile(words) for name, words in lexicon()[kind].items()}


@cache
def _abbreviation() -> re.Pattern[str]:
    # (not inside a name or a code: "N'Djamena", "n/a", "n-1"; "non-SEA" is written out)
    return re.compile(rf"(?<![\w'/])({'|'.join(map(re.escape, lexicon()['abbreviations']))})(?![\w'/-])", re.IGNORECASE)


def _topic_pointed_at(text: str) -> str:
    """ "and the A4P+ implementation plan, what years does that one cover?" as "and what years does the A4P+
    implementation plan cover?": the pronoun is the subject named before it in the same turn."""
    low = text.lower()
    match = lexicon_pattern("dislocated").match(low)
    if not match or len(low) != len(text) or lexicon_pattern("pronoun").search(match.group("topic")):
        return text
    topic, rest = text[match.start("topic") : match.end("topic")], text[match.end() :].lstrip()
    if not lexicon_pattern("interrogative").match(rest.lower()):
        return text
    if (pointed := with_topic(rest, topic)) is None:
        return text
    return f"and {pointed}" if match.group("lead") else pointed


def with_topic(question: str, topic: str) -> str | None:
    """The question with its first pointer ("that one", "it", "they", "its") replaced by the topic; None when it has
    none (the first only: "what does it say of their ...?")."""
    pointers = lexicon_table("topic_pointers")
    rest, pointed = pointers["subject"].subn(topic, question, count=1)
    if not pointed:
        rest, pointed = pointers["possessive"].subn(f"{topic}'s", question, count=1)
    return rest if pointed else None


def written_out(text: str) -> str:
    """The message with the abbreviations people type written out ("per msn" -> "per mission")."""
    return _abbreviation().sub(lambda m: lexicon()["abbreviations"][m.group(0).lower()], text)


@cache
def contrasts() -> dict[str, dict[str, re.Pattern[str]]]:
    """The lexicon's groups of categories the report keeps apart, each member's pattern by name."""
    groups = lexicon()["contrasts"].items()
    return {group: {name: _compile(words) for name, words in members.items()} for group, members in groups}


def groups_in(plain: str) -> tuple[str, ...]:
    """The report's categories a text names ("illness", "contingent"): lower-cased, simplified text."""
    return tuple(name for members in contrasts().values() for name, pattern in members.items() if pattern.search(plain))


def merged_groups(new: tuple[str, ...], old: tuple[str, ...]) -> tuple[str, ...]:
    """The last question's categories, each replaced by this turn's of the same group: "and injured?" after
    "how many were killed..." asks about the injured, not both."""
    replaced = {group for group, members in contrasts().items() if set(new) & set(members)}
    kept = [name for name in old if not any(name in contrasts()[group] for group in replaced)]
    return tuple(dict.fromkeys([*new, *kept]))


def replaced_in(plain: str, new: tuple[str, ...]) -> str:
    """The text without the categories `new` replaces: "individually deployed" once "and in justice and
    corrections?" is asked after it (lower-cased, simplified text)."""
    for members in contrasts().values():
        if set(new) & set(members):
            for name, pattern in members.items():
                plain = plain if name in new else pattern.sub(" ", plain)
    return plain


@dataclass(frozen=True)
class Question:
    """One message, read."""

    text: str  # the message without markup, lower-cased when typed in capitals
    asks: str = "other"  # symbol | number | date | list | who | where | definition | happened | other
    missions: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()
    paragraphs: tuple[int, ...] = ()
    footnotes: tuple[int, ...] = ()
    years: tuple[int, ...] = ()
    months: tuple[str, ...] = ()  # a month of a year asked for, "2023-06" ("in June 2023", "2023年6月")
    budget_years: tuple[str, ...] = ()  # "2021/22": one budget year, not the two calendar years it spans
    measures: tuple[str, ...] = ()
    names: tuple[str, ...] = field(default=())  # countries, places, people named in the question
    about_report: bool = False  # names the report itself (S/2023/646)
    exact_year: bool = False  # asks for one year ("in 2016"), not a total since it
    leans: tuple[str, ...] = ()  # followup | pronoun | correction | detail: how it may lean on the last answer
    spans: tuple[str, ...] = ()  # the words naming the report's own things
    focus: str = ""  # in a question amended from the last one, what this turn changed
    counts_people: bool = False  # "how many women peacekeepers": a count of people, not of things
    counted: str = ""  # "how many new pledges...": the things counted, which an answer must name
    asks_share: bool = False  # "what percentage...": a percentage, not a count
    name_asked: str = ""  # a `name_asked` kind of the lexicon: "which country...?" wants a fact naming one
    groups: tuple[str, ...] = ()  # the report's categories named ("illness", "contingent"), see `contrasts`
    people: tuple[str, ...] = ()  # the kinds of people named ("women", "personnel"), see the lexicon's `people`
    opinion: bool = False  # asks our opinion or a forecast, which the report never gives
    new_topic: bool = False  # "different topic: ...", "换个话题": leans on nothing said before
    off_task: bool = False  # "help me write a cover letter": no question about the report
    asks_count: bool = False  # "how many missions...": a count, never a percentage
    constraints: tuple[str, ...] = ()  # whole_year | total | day | headcount: what a figure must be, see the lexicon
    several: bool = False  # "which resolutions...?": every document (or other kind) that answers, not the best one
    part_of_last: bool = False  # "how many of them ...?", "其中": a part of what the last answer counted
    missions_asked: bool = False  # "which two missions ...?": every mission the answer's paragraph tells it of

    @property
    def named(self) -> bool:
        """Names one of the report's own things."""
        return bool(self.missions or self.priorities or self.documents or self.figures or self.paragraphs or self.footnotes)


def clean(text: str) -> str:
    """Markup and entities out, spaces collapsed; a message in capitals read in lower case."""
    text = _SPACES.sub(" ", _MARKUP.sub(lambda m: f" {m.group(1) or ''} ", text)).strip()
    letters = [c for c in text if c.isascii() and c.isalpha()]
    if len(letters) >= 12 and sum(c.isupper() for c in letters) > 0.8 * len(letters):
        text = text.lower()
    return text


def _number(raw: str) -> int:
    if raw.isdigit():
        return int(raw)
    if raw.startswith("十"):
        return 10 + _NUMERALS.get(raw[1:], 0)
    if "十" in raw:
        tens, _, ones = raw.partition("十")
        return _NUMERALS[tens] * 10 + _NUMERALS.get(ones, 0)
    return _NUMERALS[raw]


def _values(entities: list[dict[str, Any]], name: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(str(e["value"]) for e in entities if e.get("entity") == name))


# "MINUSCA, not MINUSMA", "不是马里稳定团": a mission named only to say it is not the one meant
_NEGATED = re.compile(r"(?:\bnot|\brather than|\binstead of|不是|而非|并非)\s*(?:the\s+)?$", re.IGNORECASE)


def _named_missions(text: str, entities: list[dict[str, Any]]) -> tuple[str, ...]:
    negated = {
        str(e["value"])
        for e in entities
        if e.get("entity") == "mission" and isinstance(e.get("start"), int) and _NEGATED.search(text[: e["start"]])
    }
    return tuple(m for m in _values(entities, "mission") if m not in negated)


def _digits(values: tuple[str, ...], limit: int) -> tuple[int, ...]:
    """Numbers of a typed entity, ignoring what is not a small number ("/show_paragraph{"paragraph":"x"}")."""
    return tuple(int(v) for v in values if v.isdigit() and 0 < int(v) <= limit)


_SYMBOLS = re.compile(r"\d{3,4}\s*[（(]\s*\d{4}\s*[)）]|\b[a-z]{1,4}/[\w./-]+", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:\s*/\s*(\d\d))?(?!\d)")


# A year after another ("what happened after 2020?"): the first one it asks of is the next ("2019年后" is since 2019).
_AFTER_YEAR = re.compile(r"\bafter\s+((?:19|20)\d\d)\b(?!\s*/)")


def _years(text: str) -> tuple[int, ...]:
    """Years, leaving out those inside a document symbol ("resolution 2589 (2021)" dates nothing asked);
    a budget year "2022/23" is both."""
    text = _AFTER_YEAR.sub(lambda m: f"after {int(m[1]) + 1}", text)
    years: list[int] = []
    for year, next_year in _YEAR.findall(_SYMBOLS.sub(" ", text)):
        years += [int(year)] + ([int(year[:2] + next_year)] if next_year else [])
    return tuple(dict.fromkeys(years))


_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH = re.compile(
    rf"\b({'|'.join(_MONTH_NAMES)})\s+(?:of\s+)?((?:19|20)\d\d)\b|((?:19|20)\d\d)\s*年\s*(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月"
)
# "2021-2022" is as often a span of two years as a budget year: only the slash or a two-digit tail say budget
_BUDGET_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:\s*/\s*(?:19|20)?|-)(\d\d)(?!\d)")
_SHORT_BUDGET_YEAR = re.compile(
    rf"(?<![\d/.])([1-3]\d)\s*/\s*([1-3]\d)(?![\d/])(?!\s*(?:{'|'.join(m[:3] for m in _MONTH_NAMES)}))", re.IGNORECASE
)  # "fy22/23", "how much for 23/24"


def _months(plain: str) -> tuple[str, ...]:
    """Months of a year asked for, as "2023-06"; "may" alone is a verb, so a month needs its year."""
    found = []
    for name, year, zh_year, zh_month in _MONTH.findall(plain):
        month = _MONTH_NAMES.index(name) + 1 if name else _number(zh_month)
        found.append(f"{year or zh_year}-{month:02d}")
    return tuple(dict.fromkeys(found))


def budget_years(text: str) -> tuple[str, ...]:
    """Budget years written "2021/22", "2021/2022", "2021-22" or "21/22", as "2021/22"."""
    text = _SYMBOLS.sub(" ", text)
    written = [*_BUDGET_YEAR.findall(text), *((f"20{y}", n) for y, n in _SHORT_BUDGET_YEAR.findall(text))]
    found = [f"{y}/{n}" for y, n in written if int(n) == (int(y) + 1) % 100]
    return tuple(dict.fromkeys(found))


REPORT_ENTITIES = ("mission", "priority", "theme", "document", "figure", "paragraph")


def asks_about_the_report(text: str) -> bool:
    """A question that is not about the assistant itself ("how often?", not "what can you do?"); a terse request
    for a kind of fact ("symbol please", "决议编号") asks too."""
    plain = simplify(text)
    asking = (
        bool(lexicon_pattern("interrogative").search(plain))
        or text.rstrip().endswith(("?", "？"))
        or any(pattern.search(plain) for pattern in (lexicon_table("asks")["symbol"], *lexicon_table("kinds").values()))
    )
    return asking and not lexicon_pattern("small_talk").search(plain)


def introduces(text: str) -> bool:
    """ "hi, I'm a journalist covering the report": who is asking, and nothing asked yet (read as written, without the
    rest of a question's analysis: every turn is checked)."""
    said = simplify(clean(text))
    return bool(lexicon_pattern("introduction").search(said)) and not lexicon_pattern("asks_something").search(said)


def acknowledges(text: str) -> bool:
    """ "ok", "I see", "好的": the last answer acknowledged, and nothing asked."""
    return bool(lexicon_pattern("acknowledgement").search(simplify(clean(text))))


def after_introduction(text: str, missions_in: Callable[[str], list[dict[str, Any]]]) -> int | None:
    """Where a question naming its own place or mission starts after sentences introducing the asker ("Our
    delegation is drafting a statement ... she was very clear about that. What does the report give as an example for
    South Sudan?", dev126): they tell nothing it asks. None when the message opens with none, or the question names
    none and may ask about what they say ("I'm doing a piece on disinformation in Lebanon. What incident does the
    report describe?", dev110), or points back into them ("I'm looking at MINUSMA. How many were killed there?")."""
    start = _introduction_end(text)
    rest = text[start:].lstrip()
    if not start or not (names_in(rest) or missions_in(rest) or _asks_its_document(rest)) or _points_back(rest):
        return None
    return start if lexicon_pattern("interrogative").search(simplify(rest)) else None


def _asks_its_document(question: str) -> bool:
    """The question names the report ("this report", "the report") and asks a document ("... I need to brief the
    minister before the open debate. Which Council document requested this performance report?", dev141), or asks what
    brought it about ("What prompted the Secretary-General to produce this report ...?", dev151): what was said before
    it narrows nothing of it."""
    plain = simplify(question)
    document = lexicon_pattern("report_itself").search(plain) and lexicon_table("kinds")["document"].search(plain)
    return bool(document or lexicon_pattern("report_origin").search(plain))  # ("what prompted ... this report?")


def _introduction_end(text: str) -> int:
    """Where the sentences introducing the asker end, before the last sentence; 0 when the message opens with none."""
    start = 0
    for sentence in message_sentences(text)[:-1]:
        if not (introduces(sentence) or lexicon_pattern("greeting_only").match(simplify(sentence))):
            break  # (nor one asking: "I'm wondering how many died in 2022. What about in Mali?")
        start = text.index(sentence, start) + len(sentence)
    return start if start and lexicon_pattern("introduction").search(simplify(text[:start])) else 0


def _points_back(question: str) -> bool:
    """The question points into what came before it ("how many were killed there?", "what does it say about us?"), not
    at the report ("which document requested this report?")."""
    plain = lexicon_pattern("report_itself").sub("the report", simplify(question))
    return "pronoun" in analyse(plain, []).leans or bool(lexicon_pattern("asker_pointed_at").search(plain))


def without_affiliation(text: str, missions_in: Callable[[str], list[dict[str, Any]]]) -> str:
    """The message without the mission an introduction says the asker serves with ("hi, I'm a planning officer at
    MINUSCA HQ and I'm going through the report. Which Security Council document requested it?", dev128): it tells
    who asks, not what is asked, unless the question points at it ("... what does the report say about us?")."""
    start = _introduction_end(text)
    if not start or _points_back(text[start:]):
        return text
    affiliated, seat = lexicon_pattern("affiliation"), lexicon_pattern("affiliation_seat")
    for mission in sorted(missions_in(text[:start]), key=lambda m: -m["start"]):
        if before := affiliated.search(text[: mission["start"]].lower()):
            after = seat.match(text[mission["end"] :].lower())
            text = text[: before.start()].rstrip() + " " + text[mission["end"] + (after.end() if after else 0) :].lstrip()
    return text


def introduced_topic(text: str) -> str:
    """What an introduction goes on to talk about ("Hi, I'm an IM officer. We're looking at Unite Aware."): its
    sentences after the first, "" when it tells no more than who is asking."""
    return " ".join(message_sentences(clean(text))[1:])


def analyse(text: str, entities: list[dict[str, Any]], correct: Callable[[str], str] = str) -> Question:
    """Read a message; `entities` come from the NLU with offsets into `text`; `correct` mends typos."""
    spans = tuple(
        text[e["start"] : e["end"]]
        for e in entities
        if e.get("entity") in REPORT_ENTITIES and isinstance(e.get("start"), int) and isinstance(e.get("end"), int)
    )
    cleaned = clean(text)
    said = simplify(cleaned)  # as written: "write" is no typo for the report's "writes"
    text = correct(_topic_pointed_at(written_out(cleaned)))
    plain = simplify(text)
    # "Switching topics: who carries out the pre-rotation visits?" asks what follows the marker, and only that
    marker = lexicon_pattern("new_topic").search(plain)
    if marker and len(plain) == len(text) and lexicon_pattern("interrogative").search(plain[marker.end() :]):
        text = text[marker.end() :].lstrip(" :;,.!-–—，：；。、")
        plain = simplify(text)
    asks = next((kind for kind, pattern in lexicon_table("asks").items() if pattern.search(plain)), "other")
    asked = lexicon_pattern("means").sub(" ", plain)
    measures = tuple(kind for kind, pattern in lexicon_table("measures").items() if pattern.search(asked))
    new_topic = bool(marker)
    leaning = () if new_topic else ("followup", "pronoun", "correction", "detail")
    leaning_on = lexicon_pattern("the_report_says").sub(" ", plain)
    leans = tuple(kind for kind in leaning if lexicon_pattern(kind).search(leaning_on))
    footnotes = tuple(_number(a or b) for a, b in _FOOTNOTE.findall(plain))
    return Question(
        text=text,
        asks=asks,
        missions=_named_missions(text, entities),
        priorities=_values(entities, "priority") + _values(entities, "theme"),
        documents=_values(entities, "document"),
        figures=_values(entities, "figure"),
        paragraphs=_digits(_values(entities, "paragraph"), 999),
        footnotes=footnotes,
        years=_years(lexicon_pattern("this_report_year").sub(" ", plain)),
        months=_months(plain),
        budget_years=budget_years(text),
        measures=measures,
        names=tuple(names_in(_without(_asking_part(text, spans), spans)) or _acronym_meant(text)),
        about_report=bool(_REPORT_SYMBOL.search(plain)),
        exact_year=bool(_EXACT_YEAR.search(lexicon_pattern("event_year").sub(" ", plain)))
        and not _YEAR_SPAN.search(plain)
        and "since" not in plain
        and "以来" not in plain,
        leans=leans,
        spans=spans,
        counts_people=asks == "number" and bool(lexicon_pattern("counts_people").search(plain)),
        counted=_counted(plain) if asks == "number" else "",
        asks_share=asks == "number" and bool(lexicon_pattern("asks_share").search(plain)),
        name_asked=next((kind for kind, pattern in lexicon_table("name_asked").items() if pattern.search(plain)), ""),
        groups=groups_in(simplify(_asking_part(text, spans))),  # not "I brief our contingent. How many died?"
        people=tuple(kind for kind, pattern in lexicon_table("people").items() if pattern.search(plain)),
        opinion=bool(lexicon_pattern("opinion").search(said)),
        new_topic=new_topic,
        off_task=bool(lexicon_pattern("off_task").search(said)),
        asks_count=asks == "number" and bool(lexicon_pattern("asks_count").search(plain)),
        constraints=_constraints(plain, asks),
        several=bool(lexicon_pattern("several").search(plain)),
        part_of_last=bool(lexicon_pattern("part_of_last").search(plain)),
        missions_asked=bool(lexicon_pattern("missions_asked").search(plain)),
    )


def _constraints(plain: str, asks: str) -> tuple[str, ...]:
    """What a figure asked must be; "the actual figure" of a share asked is the share ("Please tell me the actual figure:
    what is the minimum share of women in engagement teams?", dev146), not a headcount."""
    # ("how many women is that in absolute numbers?", read with a share asked before it, still counts people)
    counted = lexicon_pattern("counts_absolute").search(plain)
    share = asks == "number" and not counted and lexicon_pattern("asks_share").search(plain)
    return tuple(
        kind
        for kind, pattern in lexicon_table("constraints").items()
        if pattern.search(plain) and not (share and kind == "headcount")
    )


def _counted(plain: str) -> str:
    """What the first "how many" counts, of the lexicon's things (not the last question's, read after it, nor after
    a Chinese "多少" asked first: "其中有多少支部队...? How many pledges ...?" counts units)."""
    start = plain.find("how many")
    if (zh := re.search("多少|几", plain)) and zh.start() < start:
        return ""
    match = lexicon_pattern("counts_things").match(plain, start) if start >= 0 else None
    return match.group("thing") if match else ""


_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")


def message_sentences(text: str) -> list[str]:
    """The message's sentences, empty ones left out (store.text.sentences splits a paragraph of the report)."""
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


_CLAUSE_END = re.compile(r"(?<=[,;:，；：])\s*")
# A sentence this long tells a story before it asks ("I'm a journalist in Nairobi, ..., but anyway: since 2019
# how many..."): its asking clause is read alone. Counted as `_words` does, the dev sets' questions that tell no
# story ("In the 2022/23 budget year, how many people...") have at most 25 words, their rambling ones at least 27.
RAMBLING_WORDS = 26


def _asking_part(text: str, spans: tuple[str, ...]) -> str:
    """The part that asks, when it stands on its own: a journalist's "I was in Bamako last spring. How many
    were convicted in CAR, DRC and Mali?" asks nothing about Bamako. Else the whole message."""
    said = message_sentences(text)
    if not said:
        return text
    at = max((i for i, s in enumerate(said) if s.rstrip().endswith(("?", "？"))), default=len(said) - 1)
    asking = said[at]
    if at and _words(asking) <= 5 and not names_in(asking):  # "..., what I need is X. Does the report say?"
        asking = said[at - 1] + " " + asking
    if _words(asking) >= RAMBLING_WORDS:
        clauses = [c for c in _CLAUSE_END.split(asking) if c.strip()]
        asks = lexicon_pattern("interrogative")
        first = max((i for i, c in enumerate(clauses) if asks.search(c.lower())), default=0)
        asking = " ".join(clauses[first:])
    if asking == text:
        return text
    # "How many were killed there?" leans on the sentence before it
    named = names_in(asking) or any(span in asking for span in spans)
    return asking if named or not lexicon_pattern("refers_back").search(asking.lower()) else text


def _without(text: str, spans: tuple[str, ...]) -> str:
    """The text without the report's own names: "中非稳定团" names a mission, not the country "中非"."""
    for span in sorted(spans, key=len, reverse=True):
        text = text.replace(span, " ")
    return text


def _words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9]+", text)) + len(HAN.findall(text)) // 2


@cache
def _names() -> dict[str, list[dict[str, list[str]]]]:
    return yaml.safe_load((UNDERSTANDING / "names.yaml").read_text(encoding="utf-8"))


Gazetteer = dict[str, list[tuple[str, str, bool]]]  # first character -> (spelling, name, must stand as a word), longest first
_WORD_CHAR = re.compile(r"[\w-]")
_ACRONYM = re.compile(r"[A-Z]{2}")
_LONG_ACRONYM = re.compile(r"[A-Z]{5,}")
_CAPITAL = re.compile(r"[A-Z]")


@cache
def _canonical() -> dict[str, str]:
    """Every place and person name in names.yaml, mapped to its entry's first English name."""
    canonical: dict[str, str] = {}
    for entries in _names().values():
        for entry in entries:
            for name in entry["en"]:
                canonical.setdefault(name, entry["en"][0])
            for name in entry["zh"]:
                canonical.setdefault(to_simplified(name), entry["en"][0])
    return canonical


def _caseless(name: str) -> bool:
    """A name still a name in lower case: no acronym ("car", "us" are words), unless one of five letters or more
    ("what about unmogip?") or one no English word could spell, without a vowel ("disinfo against pkers in drc?")."""
    return not _ACRONYM.search(name) or bool(_LONG_ACRONYM.fullmatch(name)) or not re.search(r"[AEIOUY]", name)


@cache
def _gazetteer(caseless: bool) -> Gazetteer:
    """The names by their first character. English names match with their capitals ("Chad", not "chad"; "US", not
    "us") as whole words, Chinese ones as simplified; in a message typed without capitals (`caseless`: "how many in
    mali?") an English name that is no acronym matches in lower case too."""
    spellings = [(name, name) for name in _canonical()]
    # (a name of several words is no word of English in any case: "No, I meant in south sudan")
    lowered = [name for name in _canonical() if not HAN.search(name) and _caseless(name)]
    spellings += [(name.lower(), name) for name in lowered if caseless or " " in name]
    by_first: Gazetteer = {}
    for spelling, name in sorted(spellings, key=lambda s: len(s[0]), reverse=True):
        if spelling:
            by_first.setdefault(spelling[0], []).append((spelling, name, not HAN.search(spelling)))
    return by_first


def _word_char(text: str, index: int) -> bool:
    return 0 <= index < len(text) and bool(_WORD_CHAR.match(text[index]))


_MEANT_ALONE = re.compile(
    r"(?:\b(?:meant|mean|asking about|asked about)|^(?:and|what about|how about)(?:\s+(?:in|for|about))?(?!\s+us\b))"
    r"\s+(?:the\s+)?([a-z]{2,4})\s*[?.!]*$"  # ("what about us?" is the asker)
)


def _acronym_meant(text: str) -> list[str]:
    """ "wrong country - i meant car", "and in the car?" (dev126): a name typed in lower case as all a correction or an
    ellipsis says, an acronym though it is a word ("car", "us")."""
    said = _MEANT_ALONE.search(text)
    return [said.group(1).upper()] if said and said.group(1).upper() in _canonical() else []


_CURRENCY = re.compile(r"\bU\.?S\.? ?(?:dollars?|\$)", re.IGNORECASE)  # "in US dollars" names no country


def names_in(text: str) -> list[str]:
    """Places and people named in a message: left to right, at each position the longest name there (an English
    one standing as a word). Looked up by the position's character: one regular expression of every name, tried
    at every position, cost about 3 ms a message."""
    plain, found, at = _CURRENCY.sub(lambda m: " " * len(m.group(0)), to_simplified(text)), list[str](), 0
    by_first = _gazetteer(not _CAPITAL.search(plain))
    while at < len(plain):
        for spelling, name, whole_word in by_first.get(plain[at], ()):
            end = at + len(spelling)
            if plain.startswith(spelling, at) and not (whole_word and (_word_char(plain, at - 1) or _word_char(plain, end))):
                found.append(name)
                at = end
                break
        else:
            at += 1
    return list(dict.fromkeys(found))


@cache
def _section(name: str) -> frozenset[str]:
    """The first English names of a names.yaml section ("countries", "people")."""
    return frozenset(entry["en"][0] for entry in _names()[name])


def _named(text: str, kind: str) -> set[str]:
    """The countries (kind "country"), people ("person"), armed groups ("armed_group") or firms ("company") a text
    names, each by one canonical name whatever its spelling or language."""
    canonical = _canonical()
    section = _section({"country": "countries", "person": "people", "armed_group": "groups", "company": "companies"}[kind])
    return {key for name in names_in(text) if (key := canonical.get(name)) in section}


def names_of_kind(text: str, kind: str) -> bool:
    """The text names a country (kind "country"), a person ("person") or an armed group ("armed_group")."""
    return bool(_named(text, kind))


def countries_in(text: str) -> set[str]:
    return _named(text, "country")


def canonical_name(name: str) -> str:
    """A gazetteer name by its entry's first English name, whatever its spelling or language."""
    return _canonical().get(to_simplified(name), name)


def spellings(name: str) -> list[str]:
    """Every spelling of a gazetteer name, in both languages."""
    canonical = _canonical()
    key = canonical.get(name, name)
    return [n for n, c in canonical.items() if c == key]


def unplaced(text: str, places: tuple[str, ...]) -> str:
    """The text without those places, in any of their spellings."""
    for name in sorted({s for place in places for s in spellings(place)}, key=len, reverse=True):
        text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    return text
