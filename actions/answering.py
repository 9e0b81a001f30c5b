"""Where a fact is looked up for a question, and where it is decided whether the report answers it.

A `Question` (actions.question) names what it asks; the report's own things named in it are looked up
directly; otherwise candidates come from BM25 and from sentence vectors, and an explicit check decides
between an answer, a clearly labelled closest passage and "the report does not give this". The
thresholds are calibrated per language (data/understanding/calibration.yaml, made by
`python -m actions.calibrate`).
"""

from __future__ import annotations

import calendar
import dataclasses
import math
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import jieba
import numpy as np
import yaml
from sqlalchemy.orm import Session

from actions.language import detect
from actions.question import (
    UNDERSTANDING,
    Question,
    analyse,
    canonical_name,
    contrasts,
    countries_in,
    groups_in,
    lexicon,
    lexicon_pattern,
    lexicon_table,
    message_sentences,
    names_in,
    names_of_kind,
    spellings,
    unplaced,
    written_out,
)
from actions.store import queries, vectors
from actions.store.corpus import Corpus, corpus
from actions.store.facts import Fact, in_lang, key_of
from actions.store.text import EN_STOPWORDS, HAN, ZH_STOPWORDS, sentences, simplify, stem, tokens

EXAMPLES_SHOWN = 4
_FULL_NAME = re.compile(r"\b[A-Z][a-z]+(?:[- ][A-Z][a-z]+)+\b")
_BRAND = re.compile(r"\b[A-Z][a-z]+[A-Z][a-z]+\b")  # "TikTok", "WhatsApp"
_RESOLUTION = re.compile(r"\bresolutions?\s+(\d{3,4})\b|\bS/RES/(\d{3,4})\b|第?(\d{3,4})\s*号决议", re.IGNORECASE)
REPORT_ITSELF = "report secretary-general secretariat united nations un peacekeeping"  # no referent of a last answer
CARDLESS = ("number", "date", "symbol")  # what a mission's card never tells
NUMERIC_UNITS = ("people", "count", "percent", "usd", "tonnes_per_person_year", "months", "years", "multiple", "points", "times")


@dataclass
class Finding:
    """What to tell the user: facts, how sure we are, and why the report has no answer when it has none."""

    facts: list[Fact] = field(default_factory=list)
    kind: str = "answer"  # answer | closest | mission | declined | report | list
    mission_examples: list[Fact] = field(default_factory=list)
    # why declined: scope | name | place | where | year | period | day | measure | group | country | person | paragraph | footnote
    reason: str = "scope"
    detail: str = ""  # the name, year or measure the report does not give
    # of the top fact, when found by ranking: its BM25 score and cosine similarity, whether the question holds
    # words the report never uses, and how close it is to what a statistic counts
    signals: tuple[float, float, float, float] | None = None
    several: bool = False  # an answer of several facts, each told ("which resolutions...?")

    @property
    def top(self) -> Fact | None:
        return self.facts[0] if self.facts else None


def declined(reason: str = "scope", detail: str = "", nearest: Fact | None = None) -> Finding:
    return Finding([nearest] if nearest else [], "declined", reason=reason, detail=detail)


@dataclass(frozen=True)
class Candidate:
    key: str
    fact: Fact
    bm25: float
    cosine: float


@cache
def calibration() -> dict[str, Any]:
    return yaml.safe_load((UNDERSTANDING / "calibration.yaml").read_text(encoding="utf-8"))


def relevance(candidate: Candidate, lang: str) -> float:
    """One number for "does this fact speak to the question", the calibrated combination of both rankings."""
    return calibration()["thresholds"][lang]["bm25_weight"] * candidate.bm25 + candidate.cosine


def _informative(db_corpus: Corpus, text: str) -> list[str]:
    """The question's search terms that single out a few facts (in at most a calibrated share of them)."""
    limit = _informative_limit(db_corpus)
    return [t for t in tokens(text) if 0 < db_corpus.df.get(t, 0) <= limit and not t.isdigit()]


def _informative_limit(db_corpus: Corpus) -> int:
    """How many facts a term may be held by and still single them out."""
    return max(2, int(len(db_corpus.facts) * calibration()["informative_share"]))


def _unnamed(q: Question) -> str:
    """The question, simplified, with the report entities it names taken out (longest first)."""
    plain = simplify(q.text)
    for span in sorted(q.spans, key=len, reverse=True):
        plain = plain.replace(simplify(span), " ")
    return plain


def without_entities(q: Question, also: tuple[str, ...] = ()) -> str:
    """The question with its named report entities, its question words and pronouns ("that one") taken out, and the
    words `also`."""
    plain = _unnamed(q)
    words = [
        lexicon_table("name_asked")["mission"],  # first: "在哪个特派团" leaves no "个特" to search
        *lexicon_table("asks").values(),
        *lexicon_table("kinds").values(),
        lexicon_pattern("overview"),
        lexicon_pattern("confirm_tag"),  # "..., right?" asks to confirm; "right" is no word of what is asked
    ]
    # "that one's report": English pronouns are words of their own; Chinese ones (其, 该, 此) are parts of words
    for pattern in words if HAN.search(plain) else [*words, lexicon_pattern("pronoun")]:
        plain = pattern.sub(" ", plain)
    for word in also:  # whole words: "cover" is no part of "recovery"
        plain = re.sub(rf"(?<![a-z]){re.escape(simplify(word))}(?![a-z])", " ", plain)
    return plain


def says_little(db_corpus: Corpus, q: Question, also: tuple[str, ...] = ()) -> bool:
    """True when a message has no words of its own that single out facts ("so exactly how many in 2016?");
    `also` holds names that add nothing either, such as a named mission's host country."""
    return not _informative(db_corpus, without_entities(q, also))


def is_generic(db_corpus: Corpus, q: Question, also: tuple[str, ...] = ()) -> bool:
    """True when a message only names something ("what about UNIFIL?") and asks nothing specific."""
    return not (q.measures or q.asks in ("number", "date")) and says_little(db_corpus, q, also)


_CLAUSES = re.compile(r"(?<=[,;:.!?])\s+")
_ABOUT = re.compile("|".join(rf"\b{w}\b" if w.isascii() else w for w in lexicon()["report_itself_asks"]))


def _asks_what_the_report_is(db_corpus: Corpus, q: Question) -> bool:
    """ "What is S/2023/646?", "what is this report about?": the report itself, and nothing asked of it; what the asker
    says of it first aside ("... got assigned this peacekeeping report S/2023/646, whats it basically about?", dev163)."""
    plain = simplify(q.text)
    clause = _CLAUSES.split(plain)[-1]
    # "it" is the report when the report is the last thing named before it (not "The report mentions the Elsie
    # Initiative. What is it about?", nor "... a dedicated DPO team on disinformation. What does it do?")
    before = plain[: len(plain) - len(clause)].rstrip(" ,;:.!?")
    last_named = before.endswith(("report", "报告")) or bool(re.search(r"s/2023/646$", before))
    if before and last_named and _ABOUT.search(clause):
        clause = re.sub(r"\bit\b", "the report", clause)
        return _asks_what_the_report_is(db_corpus, dataclasses.replace(q, text=clause, about_report=False, names=()))
    if q.about_report:
        return is_generic(db_corpus, q, ("s/2023/646",))
    # ("this report" is no pronoun for the last answer; "and what does it say about that?" is one)
    unsaid = lexicon_pattern("report_itself").sub(" ", plain)
    leans = "followup" in q.leans or lexicon_pattern("pronoun").search(unsaid)
    # not "what does the report say about transitions?", "translate this report into Arabic"
    words = tokens(without_entities(dataclasses.replace(q, text=unsaid), tuple(lexicon()["report_itself_asks"])))
    asks = lexicon_pattern("interrogative").search(plain)
    kinds = _kinds_named(plain)  # "which documents does the report cite?"
    return unsaid != plain and bool(asks) and not (words or kinds or q.named or q.names or q.years or leans)


def unknown_names(db_corpus: Corpus, q: Question) -> list[str]:
    """Places, people and acronyms the question names and the report never mentions."""
    found = [n for n in q.names if not any(db_corpus.mentions(s) for s in spellings(n))]
    for match in _FULL_NAME.finditer(q.text):  # "John Smith": two capitalised words the report never uses
        if match.start() > 0 and not any(w in db_corpus.words for w in re.split(r"[- ]", match.group(0).lower())):
            found.append(match.group(0))
    # ... or a brand asked of ("How many TikTok views did it get?", not "We're planning a TikTok push. Does ...?", dev163)
    found += [
        b for b in _BRAND.findall(message_sentences(q.text)[-1] if q.text.strip() else "") if b.lower() not in db_corpus.words
    ]
    for match in _RESOLUTION.finditer(q.text):  # "resolution 1325": one the report does not cite
        number = next(n for n in match.groups() if n)
        cited = [str(f.get("symbol")) for f in db_corpus.facts.values() if f["type"] == "document"]
        if not any(f"RES/{number} " in symbol for symbol in cited):
            found.append(match.group(0))
    return list(dict.fromkeys(found))


def refused(db_corpus: Corpus, q: Question) -> Finding | None:
    """A question no fact can answer, whatever it is read against: an opinion or a forecast, a task that is no
    question about the report, or one about someone or something the report never names."""
    if q.opinion:
        return declined("opinion")
    if q.off_task:
        return declined()
    unknown = unknown_names(db_corpus, q)
    return declined("name", unknown[0]) if unknown else None


def outcome_told(db_corpus: Corpus, q: Question, told: Fact, last: str) -> Fact | None:
    """ "Did it work?" after the "Peace begins with me" campaign: the change the last answer's (`told`) paragraph
    measures, the one holding most of the last question `last`; None when it measures none."""
    # (not a count: "how many women did the campaign help?")
    if q.asks == "number" or not lexicon_pattern("outcome_asked").search(simplify(q.text)):
        return None
    changes = [f for k in sorted(near_keys(db_corpus, key_of(told))) if (f := db_corpus.facts[k]).get("before") is not None]
    if not changes:
        return None
    asked = analyse(last, [])
    return max(changes, key=lambda f: holds(db_corpus, asked, f))


def next_in_time(db_corpus: Corpus, q: Question, told: Fact) -> Fact | None:
    """ "And what happened in the two years after that?" after fatalities falling from 2018 until 2020: the fact of the
    last answer's (`told`) paragraph dated first after the last year it is dated by; None when none is."""
    if q.years or not lexicon_pattern("after_that").search(simplify(q.text)):
        return None
    if not (said := told.get("years")):
        return None
    missions = set(told.get("missions") or ())  # (paragraph 8's examples are of several missions: its own)
    later = [
        f
        for k in sorted(near_keys(db_corpus, key_of(told)))
        if (f := db_corpus.facts[k])["type"] in ("statistic", "example")
        and min(f.get("years") or [0]) > max(said)
        and (not missions or missions & set(f.get("missions") or ()))
    ]
    return min(later, key=lambda f: (min(f["years"]), -holds(db_corpus, q, f)), default=None)


def asks_how_it_turned_out(q: Question, told: Fact | None) -> bool:
    """ "Did they actually manage to leave on time?" after an answer telling what was still to come (`told`)."""
    if not told or "correction" in q.leans or q.new_topic or not lexicon_pattern("afterwards").search(simplify(q.text)):
        return False
    return bool(lexicon_pattern("future").search(_text_of(told)))


def motive_unsaid(text: str, fact: Fact | None) -> bool:
    """ "Why did they ask for that?" of a fact that tells what was asked and gives no cause for it."""
    return (
        fact is not None
        and bool(lexicon_pattern("motive").search(simplify(text)))
        and not (lexicon_pattern("causal").search(_text_of(fact)))
    )


_ISSUED = 2023  # the report's year: a date it gives before that is nothing still to come


def when_unsaid(text: str, q: Question, fact: Fact | None) -> bool:
    """The fact gives no date for what the turn `text` asks the date of: "by when will MONUSCO have left?" of a fact
    that tells nothing still to come, "when was the Luanda road map signed?" of one that dates another event."""
    if fact is None or q.asks != "date":
        return False
    return _nothing_to_come(q, fact) or _other_event(text, fact)


def _nothing_to_come(q: Question, fact: Fact) -> bool:
    """A date still to come asked of a fact that tells none (a document's date is its issue)."""
    if not lexicon_pattern("future_date_asked").search(simplify(q.text)):
        return False
    text = _text_of(fact)
    if lexicon_pattern("future").search(text):
        return False
    years = YEAR.findall(text)
    return fact["type"] == "document" or (bool(years) and all(int(year) < _ISSUED for year in years))


def _other_event(text: str, fact: Fact) -> bool:
    """A date asked of one event (`dated_events`) of a fact dating another; a paragraph tells of many, and a
    document's symbol dates its adoption."""
    if fact["type"] in ("paragraph", "mission", "document"):
        return False
    asked, told = _events(simplify(text)), _events(_text_of(fact))
    if told:
        return bool(asked) and not asked & told
    # (a signature or an end is no thing a fact tells without saying so: "哪一年完全撤出?" of the 2018 elections, dev113)
    return bool(asked & {"sign", "end"})


def _events(text: str) -> set[str]:
    return {event for event, pattern in lexicon_table("dated_events").items() if pattern.search(text)}


def names_a_kind(text: str) -> bool:
    """The message asks for a kind of fact: a document, a recommendation, a priority ("which resolution...")."""
    return any(pattern.search(simplify(written_out(text))) for pattern in lexicon_table("kinds").values())


def _types(q: Question) -> tuple[str, ...]:
    if q.asks == "number":
        return ("statistic",)
    if q.asks == "date":  # "on which day was the presidential statement": a date, not the document
        return ()
    return _kinds_named(q.text)


def _kinds_named(text: str) -> tuple[str, ...]:
    """The kinds of fact a text names ("which resolutions ...?": documents)."""
    return tuple(kind for kind, pattern in lexicon_table("kinds").items() if pattern.search(simplify(text)))


@lru_cache(maxsize=2048)  # 2 KB a question: people ask the same questions, and encoding one costs about 4 ms
def _vector(text: str) -> np.ndarray:
    return vectors.embed([text])[0]


def vector_of(q: Question) -> np.ndarray:
    """The question's sentence vector, encoded once however often it is compared; a mission typed in lower case
    ("what is going on with minusma?") or in a message in capitals is encoded as the report writes it, which the
    encoder, knowing case, places nearer its facts."""
    text = q.text
    for mission in q.missions:
        text = re.sub(rf"\b{re.escape(mission)}\b", mission, text, flags=re.IGNORECASE)
    return _vector(text)


def candidates(db: Session, q: Question, lang: str, limit: int = 20, within: frozenset[str] | None = None) -> list[Candidate]:
    """Facts for a question from both rankings, by relevance; `within` restricts them to some fact keys."""
    db_corpus = corpus(db)
    types = _types(q)
    queries.load_vocabulary(db)
    # the index files the two themes with the priorities
    index_types = tuple({*types, "priority"} if "theme" in types else types)
    index = db_corpus.index
    # the words saying that the report says it (mentions, cites, says, ...) search nothing of what it says: "does the
    # report mention climate change?" searches no hashtag "mentioned 28,500 times" (dev142)
    searched = lexicon_pattern("the_report_says").sub(" ", simplify(q.text))
    bm25 = {db_corpus.key_of(h.key): h.score for h in index.rank(searched, types=index_types, limit=60)} or {
        db_corpus.key_of(h.key): h.score for h in index.rank(searched, limit=60)
    }
    vector = vector_of(q)
    dense = dict(db_corpus.dense(vector, limit=60))
    if types:
        dense = {k: v for k, v in dense.items() if k.split(":", 1)[0] in types} or dense
    # a priority's summary touches everything in its paragraphs: it answers only questions about the priority
    wanted = set(types) | ({"priority", "theme"} if q.priorities else set())
    keys = [
        k
        for k in dict.fromkeys([*bm25, *dense])
        if (within is None or k in within) and (k.split(":", 1)[0] not in ("priority", "theme") or k.split(":", 1)[0] in wanted)
    ]
    missing = [k for k in keys if k not in dense]
    if missing:
        dense.update(db_corpus.similarity(vector, missing))
    found = [Candidate(k, db_corpus.facts[k], bm25.get(k, 0.0), dense.get(k, 0.0)) for k in keys if k in db_corpus.facts]
    return sorted(found, key=lambda c: -relevance(c, lang))[:limit]


_CHECKED = ("label_zh", "label_en", "zh", "en", "period_zh", "period_en", "scope_zh", "scope_en")


def _title(fact: Fact) -> str:
    return simplify(f"{fact.get('label_en') or ''} {fact.get('label_zh') or ''}")


def _text_of(fact: Fact) -> str:
    return _simplified(tuple(str(fact.get(k) or "") for k in _CHECKED))


@lru_cache(maxsize=16384)
def _simplified(texts: tuple[str, ...]) -> str:
    """Kept by content: OpenCC is slow, and every candidate check of every turn reads a fact's text."""
    return simplify(" ".join(texts))


_SINCE_PERIOD = re.compile(r"^\s*(since|自|从)|以来")


def holds_year(fact: Fact, year: int, exact: bool = True) -> bool:
    """The fact gives a figure or an event for that year, not just a period that spans it: when one year is
    asked (`exact`), neither a total "since 2019" nor one for 2013-2019 answers "how many in 2019?"."""
    years = sorted(fact.get("years") or [])
    period = len(years) >= 3 and years == list(range(years[0], years[-1] + 1))
    if exact and (period or _SINCE_PERIOD.search(f"{fact.get('period_en') or ''} {fact.get('period_zh') or ''}")):
        return False
    if year in years or str(fact.get("as_of") or "").startswith(str(year)):
        return True
    return fact["type"] != "statistic" and str(year) in _text_of(fact)


def missing_terms(db_corpus: Corpus, q: Question) -> list[str]:
    """Words of the question the report never uses ("helicopters", "直升机"), names and question words aside."""
    rest = lexicon_pattern("plain_idioms").sub(" ", without_entities(q))
    base = lexicon()["irregular_forms"]
    english = [
        w
        for w in re.findall(r"[a-z][a-z-]{3,}", rest)
        if w not in EN_STOPWORDS
        and w not in lexicon()["particles"]
        and w not in lexicon()["asking_words"]
        and not {stem(base.get(w, w)), f"{stem(base.get(w, w))}e"} & db_corpus.df.keys()  # "driving": the report's "drive"
        and base.get(w, w) not in db_corpus.words
    ]
    chinese = [
        w for w in jieba.lcut(rest) if len(w) >= 2 and HAN.search(w) and w not in ZH_STOPWORDS and not db_corpus.mentions(w)
    ]
    return english + chinese


def names_measure(fact: Fact, measure: str) -> bool:
    """The fact gives that measure: one a figure must count (lexicon `counted_measures`) only as a statistic's label
    ("the population of South Sudan" is no survey sampled by population), any other anywhere in its text."""
    if measure in lexicon()["counted_measures"]:
        return counts_measure(fact, measure)
    return bool(lexicon_table("measures")[measure].search(_text_of(fact)))


def counts_measure(fact: Fact, measure: str) -> bool:
    """The fact is a figure of that measure: a statistic whose label names it."""
    pattern = lexicon_table("measures")[measure]
    return fact["type"] == "statistic" and bool(pattern.search(_title(fact)))


def asks_its_measure(q: Question) -> bool:
    """ "What's its annual budget?", "它的预算是多少？": a measure of what the last answer was about ("which missions
    used its funding?" asks the missions, "what happened with their drone restrictions?" no figure)."""
    return (
        bool(q.measures)
        and not q.name_asked
        and q.asks != "happened"
        and bool(lexicon_pattern("possessive").search(simplify(q.text)))
    )


def _only_a_measure(q: Question) -> bool:
    """ "budget?", "and the budget?": a measure and nothing else."""
    return bool(q.measures) and not tokens(lexicon_pattern("followup").sub(" ", _without_measures(simplify(q.text))))


def _without_measures(text: str) -> str:
    for pattern in lexicon_table("measures").values():
        text = pattern.sub(" ", text)
    return text


def _of_the_people_asked(fact: Fact, q: Question) -> bool:
    """A count or a share of people answers only for a kind of people the question names, if it names one
    (see the lexicon's `people`); "how many..." people is answered by a count of people, or a share of them."""
    unit = fact.get("unit")
    if unit not in ("people", "percent"):
        return not q.counts_people
    leaders = lexicon_pattern("leadership")
    if leaders.search(_title(fact)) and not leaders.search(simplify(q.text)):
        return False
    if not q.people:
        return unit == "people" or not q.counts_people
    # ("how many of them were women?" after peacekeepers killed: women among them)
    return all(_of_people(fact, kind) for kind in q.people)


def _of_people(fact: Fact, kind: str) -> bool:
    """The fact speaks of that kind of people (the lexicon's `people`)."""
    return bool(lexicon_table("people")[kind].search(_text_of(fact)))


def _people_unmet(found: list[Candidate], q: Question) -> str:
    """The kind of people a follow-up names that none of the figures found counts, when it counts people."""
    figures = [c.fact for c in found if c.fact.get("unit") in ("people", "percent")]
    if not (q.counts_people and figures):
        return ""
    named = [k for k in q.people if lexicon_table("people")[k].search(simplify(q.focus))]
    return next((k for k in named if not any(_of_people(f, k) for f in figures)), "")


_STATED = re.compile(r"(?<![\d./])\d+(?:[.,]\d+)?(?![\d/])")
_MONTHS = "|".join(calendar.month_name[1:])
# "6 of the 14", "14人中有6人": a part of a whole, which tells a share as well as a percentage does
_PART_OF_WHOLE = re.compile(r"\b\d[\d,]* (?:out )?of (?:the )?\d|\d\s*\S{0,8}中有\s*\d")
# "Of the 13 units verified ..., 4 had been deployed": a part when the fact's figure is the part (not "Of the 7
# killed, 5 died ...", whose figure is the whole)
_OF_THE_WHOLE = re.compile(r"\bof the \d[\d,]* [^.,;]*, (\d[\d,]*)", re.IGNORECASE)
_DAY = re.compile(rf"\b\d{{1,2}} (?:{_MONTHS})\b|\b(?:{_MONTHS}) \d{{1,2}}\b|\d+\s*月\s*\d+\s*日", re.IGNORECASE)
_MONTH = re.compile(rf"\b(?:{_MONTHS})\b|\d\s*月", re.IGNORECASE)
SINCE_YEAR = re.compile(r"\bsince (?:19|20)\d\d\b|自 ?(?:19|20)\d\d ?年")
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")  # "the 2019-2020 baseline" too


def stated(text: str) -> set[float]:
    """The figures a question states itself ("how many of the 71 convictions..."): none of them is its answer."""
    return {float(n.replace(",", "")) for n in _STATED.findall(lexicon_pattern("numbered_names").sub(" ", simplify(text)))}


def _fits_kind(fact: Fact, q: Question) -> bool:
    if fact["type"] == "document" and (kinds := document_kinds(q)) and fact.get("kind") not in kinds:
        return False  # "which GA resolution is that under?": not the committee's report beside it
    lasting = q.asks == "number" and lexicon_pattern("asks_duration").search(simplify(q.text))
    # "how long has the cessation of hostilities held?": since 2006, a date or an example's words
    if lasting and (fact["type"] != "statistic" or fact.get("unit") == "date"):
        return bool(SINCE_YEAR.search(_text_of(fact)))
    if q.asks == "number":  # "how many peacekeepers" is not answered by a number of years, nor of buildings
        durations = fact.get("unit") in ("years", "months")
        percent = fact.get("unit") == "percent"
        return (
            fact["type"] == "statistic"
            and fact.get("unit") in NUMERIC_UNITS
            and _of_the_people_asked(fact, q)
            and (not q.asks_share or percent or _a_part(fact))
            and (not q.asks_count or q.asks_share or q.counts_people or not percent)
            # "what's the exact number deployed now?" is no share, nor "more than tripled"
            and not ("headcount" in q.constraints and (percent or fact.get("unit") in ("multiple", "times")))
            and ("budget" not in q.measures or fact.get("unit") in ("usd", "percent"))  # a cost is in dollars
            and (not durations or bool(lexicon_pattern("duration").search(simplify(q.text))))
            and (durations or not lexicon_pattern("asks_duration").search(simplify(q.text)))
            and not (
                fact.get("unit") in ("count", "people") and lexicon_pattern("asks_amount").search(simplify(q.focus or q.text))
            )
            # nor a figure the user stated; one the last turn stated may be a change whose earlier figure is asked
            # ("28,500 mentions in May 2023." / "and how many in May 2022?": its 3,300 before)
            and fact.get("value") not in stated(q.focus if q.focus and fact.get("before") is not None else q.text)
            and (not q.counted or tokens(q.counted)[0] in tokens(_text_of(fact)))  # "how many pledges": of pledges
        )
    if q.asks == "date":
        text = _text_of(fact)
        if "day" in q.constraints and not _DAY.search(text):  # "on which exact dates?" is not "in 2023"
            return False
        if "month" in q.constraints and not _MONTH.search(text):  # "in which month was it issued?" neither
            return False
        # a time the reply says: "since A4P+ was launched in 2021" dates the count of its themes, which its sentence
        # does not say (dev134: "when was it launched?")
        if fact["type"] == "statistic":
            said = simplify(f"{fact.get('en') or ''} {fact.get('zh') or ''}")
            return fact.get("unit") == "date" or bool(YEAR.search(said) or lexicon_pattern("time_said").search(said))
        # (the one year a footnote names dates it: "the assassination of 2 United Nations experts in 2017")
        return bool(fact.get("years") or len(set(YEAR.findall(text))) == 1 or lexicon_pattern("time_said").search(text))
    return True


def _measured(q: Question) -> Question | None:
    """The question without the words of the measures it asks: what it asks them of; None when it asks none."""
    if not q.measures:
        return None
    text = simplify(q.text)
    for measure in q.measures:
        text = lexicon_table("measures")[measure].sub(" ", text)
    return dataclasses.replace(q, text=text)


def _a_part(fact: Fact) -> bool:
    """The fact's figure is a part of a whole it also gives (what answers a share asked of a count)."""
    text = _text_of(fact)
    parts = {float(m.group(1).replace(",", "")) for m in _OF_THE_WHOLE.finditer(text)}
    return bool(_PART_OF_WHOLE.search(text)) or fact.get("value") in parts


def _part_of_a_year(fact: Fact) -> bool:
    """The fact is for some months of a year ("January to August 2022"), not for all of it."""
    return bool(_MONTH.search(f"{fact.get('period_en') or ''} {fact.get('period_zh') or ''}"))


def other_group(fact: Fact, q: Question) -> str:
    """The category the question names where the fact names another of the same group and not it
    ("illness" asked, "malicious acts" given): the fact is about someone else. Empty when none."""
    named = set(groups_in(_text_of(fact)))
    said = set(groups_in(simplify(q.focus))) if q.focus else set(q.groups)  # this turn's own, not the last one's
    for members in contrasts().values():
        asked = [m for m in q.groups if m in members]
        if not asked or named & set(asked):
            continue
        # a figure for a category is no figure for anything else ("how many will be killed in 2024?" is not
        # answered by two mental health professionals per mission); a category only the last question named may go
        # unsaid ("how many were convicted for those killings?" after deaths from malicious acts)
        if named & set(members) or (q.asks == "number" and set(asked) & said):
            return asked[0]
    return ""


def gives_name(fact: Fact, kind: str) -> bool:
    """The fact names a mission, a country (a mission names its host country), a person or an armed group, as `kind`
    asks."""
    if kind in ("mission", "country") and (fact.get("missions") or fact["type"] == "mission"):
        return True
    if kind == "mission":
        return False
    return names_of_kind(f"{fact.get('en') or ''} {fact.get('zh') or ''}", kind)


def _of_the_role_asked(fact: Fact, q: Question) -> bool:
    """A person's name answers "the names of those force commanders?" only from a fact that speaks of commanders (a
    gender advocate's name is no commander's)."""
    if q.name_asked != "person":
        return True
    roles = {term for m in lexicon_pattern("leadership").finditer(simplify(q.text)) for term in tokens(m.group(0))}
    return roles <= set(tokens(_text_of(fact)))


def _names_a_mission(db_corpus: Corpus, key: str, kind: str) -> bool:
    """ "For which missions were they revised?": a fact whose text names missions gives them."""
    return kind == "mission" and any(key in keys for keys in db_corpus.missions.values())


def _of_other_missions(db_corpus: Corpus, key: str, acronym: str) -> bool:
    """ "No, I meant MINUSCA" after MONUSCO's part in the Nairobi process: MONUSCO's facts do not answer."""
    if key in db_corpus.missions.get(acronym, ()):
        return False
    return any(key in keys for keys in db_corpus.missions.values())


def _hosts(db_corpus: Corpus, acronym: str) -> tuple[str, ...]:
    mission = db_corpus.facts.get(f"mission:{acronym}")
    return (mission.get("host_zh") or "", mission.get("host_en") or "") if mission else ("", "")


def _places_named(db_corpus: Corpus, q: Question) -> tuple[str, ...]:
    """The places a question names and its missions' host countries: names, not words of what it asks."""
    return tuple(n for m in q.missions for n in _hosts(db_corpus, m)) + q.names


def _mission_facts(db_corpus: Corpus, acronym: str) -> frozenset[str]:
    return db_corpus.missions.get(acronym, frozenset())


def _of_mission(db: Session, q: Question) -> Finding | None:
    """The people a mission's examples name, when asked who they are, or its card when the question asks nothing
    more of it ("when did UNMIL close?" asks a date, which its card does not give, nor a document's symbol)."""
    db_corpus = corpus(db)
    if people := _people_asked(db_corpus, q):
        return Finding(people, several=len(people) > 1)
    # (nor a document: "which report of the Secretary-General does it cite on MONUSCO's transition plan?", dev146)
    asks_more = q.asks in CARDLESS or "document" in _types(q)
    if asks_more or not is_generic(db_corpus, q, _hosts(db_corpus, q.missions[0])):
        return None
    if _told_of_mission(db_corpus, q):
        told = answerable(db, q, detect(q.text), _mission_facts(db_corpus, q.missions[0]))
        if told.kind == "answer" and told.top and told.top["type"] != "mission":
            return told
    return find_mission(db, q.missions[0])


def _told_of_mission(db_corpus: Corpus, q: Question) -> bool:
    """One of the mission's examples holds every word the question says of it, common as they are in the report
    ("what does the report say about MONUSCO's transition plan?": its joint transition plan, not its card)."""
    acronym = q.missions[0]
    own = set(tokens(without_entities(q, _hosts(db_corpus, acronym)))) - set(lexicon()["particles"]) - light_verbs()
    own = {t for t in own if db_corpus.df.get(t)}
    examples = [k for k in sorted(_mission_facts(db_corpus, acronym)) if k.startswith("example:")]
    return bool(own) and any(all(db_corpus.index.holds(k, t) for t in own) for k in examples)


def _people_asked(db_corpus: Corpus, q: Question) -> list[Fact]:
    """ "There was an officer from UNISFA mentioned, who?": the examples naming a person in the mission asked about."""
    if q.asks != "who" or not lexicon_pattern("a_person").search(simplify(q.text)):
        return []
    examples = [db_corpus.facts[k] for k in sorted(_mission_facts(db_corpus, q.missions[0])) if k.startswith("example:")]
    return [f for f in examples if gives_name(f, "person")]


def find_mission(db: Session, acronym: str, page: int = 0) -> Finding:
    """A mission with a page of the examples the report gives of it (the first page again past the end)."""
    mission = queries.fact(db, "mission", acronym)
    examples = [e for e in queries.facts(db, "example") if acronym in e["missions"]]
    start = page * EXAMPLES_SHOWN
    shown = examples[start : start + EXAMPLES_SHOWN] or examples[:EXAMPLES_SHOWN]
    return Finding([mission] if mission else [], "mission", shown)


def _direct(db: Session, q: Question) -> Finding | None:
    """A paragraph, footnote or figure asked for by number, or the year of a resolution."""
    if q.paragraphs:
        found = queries.paragraph(db, q.paragraphs[0])
        return Finding([found]) if found else declined("paragraph", str(q.paragraphs[0]))
    if q.footnotes:
        found = queries.fact(db, "footnote", str(q.footnotes[0]))
        return Finding([found]) if found else declined("footnote", str(q.footnotes[0]))
    if q.figures and (found := queries.fact(db, "figure", q.figures[0])):
        return Finding([found])
    if q.documents and q.asks == "date" and lexicon_pattern("issued").search(simplify(q.text)):
        # "when was resolution 2690 adopted?": the year its symbol gives (the report gives no resolution's day), not
        # the date it sets for a withdrawal; "on what exact day ...?" is declined
        document = queries.fact(db, "document", q.documents[0])
        if document and "RES/" in str(document.get("symbol")):
            return declined("day", nearest=document) if "day" in q.constraints else Finding([document])
    return None


def find(db: Session, q: Question, limits: dict[str, float] | None = None) -> Finding:
    """The facts answering `q`, or why the report does not answer it."""
    direct = _direct(db, q) or _spelled_out(db, q)
    if direct:
        return direct
    db_corpus = corpus(db)
    if no_answer := refused(db_corpus, q):
        return no_answer
    if _asks_what_the_report_is(db_corpus, q) and (first := queries.paragraph(db, 1)):
        return Finding([first], "report")
    if q.missions and (of_mission := _of_mission(db, q)):
        return of_mission
    # (a document asked of a priority is no summary of it: "which document sets out the 2023 strategic review of
    # strategic communications?", dev146)
    of_priority = q.priorities and q.asks not in ("number", "symbol") and "document" not in _types(q)
    if of_priority and (found := queries.fact(db, "priority", q.priorities[0])):
        return Finding([found])
    if q.documents and is_generic(db_corpus, q) and (found := queries.fact(db, "document", q.documents[0])):
        return Finding([found])
    if _types(q) == ("priority",) and not q.priorities and (covering := _priority_covering(db, q, limits)):
        return covering
    if q.several and _types(q) == ("document",) and not q.named and wants_list(db, q):
        # "which documents does the report cite?": all of them; "which resolutions?": all of that kind
        kinds = document_kinds(q)
        return Finding([d for d in listing(db, "documents") if not kinds or d.get("kind") in kinds], "list")
    # thresholds are calibrated on questions in their own language: an English question re-asked for a Chinese
    # reply ("那2016年呢？" after one in English) keeps the English scale
    lang = detect(q.text)
    finding = answerable(db, q, lang, limits=limits)
    finding = (finding.kind == "declined" and _of_host(db, q)) or _with_its_host(db_corpus, q, finding)
    if finding.kind != "answer" and not limits and searches_in_english(db_corpus, q):
        # "UNMISS 在 Tambura 建立了什么？": its Chinese words are question words, its English ones search
        in_english = answerable(db, q, "en")
        return in_english if in_english.kind == "answer" else finding
    return finding


def _with_its_host(db_corpus: Corpus, q: Question, finding: Finding) -> Finding:
    """An answer naming the one mission it is of and no country, to a question asking a country ("in which country's
    mission was it piloted?" of UNFICYP's Unite Aware pilot, dev180): with that mission's card, which names its host."""
    top = finding.top if finding.kind == "answer" and not finding.several else None
    # (where it was, not where someone is from: "which country is the 2022 gender advocate from?")
    hosted = q.name_asked == "country" and lexicon_pattern("host_asked").search(simplify(q.text))
    ones = (top.get("missions") or []) if top and hosted else []
    if not top or len(ones) != 1 or countries_in(_text_of(top)) or not (card := db_corpus.facts.get(f"mission:{ones[0]}")):
        return finding
    return dataclasses.replace(finding, facts=[top, card], several=True)


def _of_host(db: Session, q: Question) -> Finding | None:
    """ "anything about mali?", asking nothing more of a country than whether the report speaks of it: the card of the
    one mission there, however the country is written."""
    hosted = {m for place in q.names for m in hosted_in(corpus(db), place)}
    generic = len(hosted) == 1 and q.asks == "other" and is_generic(corpus(db), q, q.names)
    return find_mission(db, hosted.pop()) if generic else None


def _spelled_out(db: Session, q: Question) -> Finding | None:
    """ "What does CASEVAC stand for?": the most relevant fact whose English spells out an abbreviation the question
    names, "casualty evacuation (CASEVAC)"."""
    # (a mission's name is spelled out by its card; a follow-up re-asking the last question asks what it asks)
    if q.missions or not lexicon_pattern("spells_out").search(simplify(q.focus or q.text)):
        return None
    facts = corpus(db).facts
    for word in re.findall(r"[A-Za-z][A-Za-z0-9+]{1,9}", q.text):
        spelled = re.compile(rf"\({re.escape(word)}s?\)", re.IGNORECASE)
        if holding := [k for k, f in facts.items() if spelled.search(str(f.get("en") or ""))]:
            ranked = [c.fact for c in candidates(db, q, detect(q.text), limit=60) if c.key in holding]
            return Finding(ranked[:1] or [facts[holding[0]]])
    return None


def _priority_covering(db: Session, q: Question, limits: dict[str, float] | None) -> Finding | None:
    """ "Under which A4P+ priority is the Elsie Initiative discussed?": when no priority's summary speaks of it as well
    as a fact answers any question, the priority whose paragraphs tell of the subject the question names besides."""
    db_corpus = corpus(db)
    subject = dataclasses.replace(q, text=lexicon_table("kinds")["priority"].sub(" ", simplify(q.text)))
    if says_little(db_corpus, subject, ("a4p+", "a4p")):
        return None
    lang = detect(q.text)
    bar = (limits or calibration()["thresholds"][lang])["answer"]
    summaries = candidates(db, q, lang, limit=1)
    if summaries and relevance(summaries[0], lang) >= bar:
        return None
    ranked = [c for c in candidates(db, subject, lang) if c.fact["type"] not in ("priority", "theme")]
    if not ranked or relevance(ranked[0], lang) < bar:
        return None
    told = _paragraphs(ranked[0].fact)
    return next((Finding([p]) for p in listing(db, "priorities") if told & _paragraphs(p)), None)


def document_kinds(q: Question) -> set[str]:
    """The kinds of document a question names ("which GA resolution...?": a resolution, not a committee's report)."""
    text = _unnamed(q)  # "which report did resolution 2378 request?" names a resolution, asks a report
    return {kind for kind, pattern in lexicon_table("document_kinds").items() if pattern.search(text)}


def searches_in_english(db_corpus: Corpus, q: Question) -> bool:
    """A Chinese question holds English words of the report's, besides people's names and its own entities."""
    if not HAN.search(q.text):
        return False
    rest = without_entities(q, tuple(n for n in q.names if names_of_kind(n, "person")))
    return any(len(w) >= 4 and w in db_corpus.words for w in re.findall(r"[a-z][a-z-]+", rest))


@lru_cache(maxsize=4096)
def _places_in(text: str) -> frozenset[str]:
    """The places a text names, each as a whole name: "Sudan" is not named by "South Sudan"."""
    return frozenset(names_in(text))


def _places_of(db_corpus: Corpus, fact: Fact, key: str) -> set[str]:
    """The places a fact names or its missions are in, by canonical name (not the people it names)."""
    hosts = " ".join(db_corpus.hosts.get(m, "") for m in missions_of(db_corpus, key))
    named = _places_in(_text_of(fact)) | _places_in(hosts)
    return {canonical_name(n) for n in named if not names_of_kind(n, "person")}


def placed_elsewhere(db_corpus: Corpus, fact: Fact, last: str) -> bool:
    """The fact is of other places than the last answer (`last`, a key), both naming some: "how many people were
    killed in those demonstrations?" after the protests against MONUSCO is not told by an attack in Lebanon."""
    told = db_corpus.facts.get(last)
    if not told or key_of(fact) == last:
        return False
    theirs, ours = _places_of(db_corpus, fact, key_of(fact)), _places_of(db_corpus, told, last)
    return bool(theirs and ours) and not theirs & ours


def hosted_in(db_corpus: Corpus, place: str, wholly: bool = False) -> list[str]:
    """The missions a place hosts ("Cyprus": UNFICYP); `wholly`, those it alone hosts when there are any ("South
    Sudan": UNMISS, not UNISFA in Abyei, between the Sudan and South Sudan)."""
    spelled = set(spellings(place))
    hosted = [acronym for acronym, host in db_corpus.hosts.items() if spelled & _places_in(host)]
    alone = [acronym for acronym in hosted if _places_in(db_corpus.hosts[acronym]) <= spelled]
    return alone or hosted if wholly else hosted


def _speaks_of(db_corpus: Corpus, fact: Fact, key: str, place: str) -> bool:
    """The fact names the place, or speaks of a mission the place hosts."""
    if set(spellings(place)) & _places_in(_text_of(fact)):
        return True
    return any(key in db_corpus.missions.get(acronym, ()) for acronym in hosted_in(db_corpus, place))


def holds_period(fact: Fact, period: str) -> bool:
    """The fact is for that month ("2023-06") or budget year ("2021/22"): "as of May 2023" does not answer
    "in June 2023", nor the 2022/23 budget year "in 2021/22"."""
    text = re.sub(r"\s+", "", _text_of(fact))
    if "/" in period:
        first, _, tail = period.partition("/")  # "2019/20" is written "2019-2020" too
        return any(f"{first}{sep}{end}" in text for sep in "/-" for end in (tail, f"{first[:2]}{tail}"))
    year, month = period.split("-")
    return str(fact.get("as_of") or "").startswith(period) or bool(
        re.search(rf"{calendar.month_name[int(month)].lower()}{year}|{year}年0?{int(month)}月", text)
    )


_NEAREST = 3  # the facts nearest a question, among which a name or a measure it asks must be (answerable)
# ... and a figure for the year it asks: on the development sets 3 lost year ellipses ("那2023年呢？" after January to
# August 2022, whose amended question ranks the 2023 figure fourth), 5 lost none and still declines "back in 2018?"
_NEAREST_DATED = 5


def answerable(  # noqa: C901 - the question's constraints one after another; to split in the answering rework
    db: Session, q: Question, lang: str, within: frozenset[str] | None = None, limits: dict[str, float] | None = None
) -> Finding:
    """The best candidate that meets every constraint of the question and is relevant enough; else a decline,
    with the nearest thing the report does give when there is one. `Finding.signals` says why."""
    db_corpus = corpus(db)
    limits = limits or calibration()["thresholds"][lang]
    if q.missions and within is None:
        own = db_corpus.missions.get(q.missions[0], frozenset())
        # (among its own facts, its host country's name singles out none: "中非稳定团在中非共和国稳定了哪个地方的局势？")
        hosts = tuple(h for h in _hosts(db_corpus, q.missions[0]) if h)
        unhosted = q if q.asks in ("number", "date") else dataclasses.replace(q, text=unplaced(q.text, hosts))
        inside = answerable(db, unhosted, lang, own, limits)
        # a figure or a date asked of a mission must be one of the mission's facts that speaks of what is asked: the
        # 2018 elections are no date for "联刚稳定团什么时候完全撤出？"
        if q.asks in ("number", "date") and inside.kind == "answer" and inside.top and not speaks_to(db_corpus, q, inside.top):
            return declined(nearest=None)
        # a figure, a date or a measure asked of a mission must be the mission's own
        if inside.kind == "answer" and inside.top and inside.top["type"] == "paragraph" and _asks_what_it_did(q):
            # "how is MONUSCO countering misinformation?": the mission's own sentences of the paragraph that tells it,
            # not the paragraph of every mission's
            return _its_sentences(db, q, lang, inside)
        if inside.kind == "answer" or q.measures or q.asks in ("number", "date"):
            return inside
        if inside.top and inside.top["type"] == "passage":  # a sentence about the mission telling what is asked
            return dataclasses.replace(inside, kind="answer")
        # "what did the mission's police do?": no fact of the mission's says, a sentence naming it may
        mission_facts = [db_corpus.facts[k] for k in sorted(own) if k in db_corpus.facts]
        if _wordy(db_corpus, q) and (said := passage(db_corpus, q, mission_facts, 0.0)):
            return Finding([said])
    hosting = {place: hosted_in(db_corpus, place, wholly=True) for place in q.names}
    hosted = [m for missions in hosting.values() for m in missions]
    if len(hosted) == 1 and within is None and not q.missions:  # "the force in Cyprus": its mission's facts first
        # what it did is ranked by what is asked: the country's name would draw the facts that name it; a figure's place
        # stays part of what is asked ("how many of the 71 convictions were in Mali?")
        # (only the host's name: "Tambura" says where in South Sudan)
        hosts = tuple(place for place, missions in hosting.items() if missions)
        text = q.text if q.asks in ("number", "date") else unplaced(q.text, hosts)
        inside = answerable(db, dataclasses.replace(q, missions=tuple(hosted), text=text), lang, None, limits)
        if inside.kind == "answer":
            return inside
    # a question for a kind of fact the report holds few of ("which theme...", "哪项决议") is answered by the
    # best of that kind: the kind is the evidence a relevance bar stands for elsewhere
    typed = bool(set(_types(q)) - {"statistic"})
    floor = float("-inf") if typed else limits["closest"]
    ranked = candidates(db, q, lang, within=within)
    if q.missions and within is None:  # beyond the mission's own facts, never another mission's
        ranked = [c for c in ranked if not _of_other_missions(db_corpus, c.key, q.missions[0])]
        if not ranked:
            return declined("place", q.missions[0])
    # a mission's card answers "tell me about it"; a question with words of its own wants what the mission did
    hosts = _places_named(db_corpus, q)
    others = [c for c in ranked if c.fact["type"] != "mission"]
    asks_more = not says_little(db_corpus, q, hosts)
    specific = relevance(others[0], lang) >= limits["answer"] and asks_more if others else False
    # (within its own facts, a card answers nothing more: "what were UNMISS's greenhouse gas emissions?", dev128)
    if specific or q.asks in CARDLESS or (within is not None and asks_more):  # nor does a card give a figure, a date or a symbol
        ranked = others
    if q.measures and not any(names_measure(c.fact, m) for c in ranked for m in q.measures):
        return declined("measure", q.measures[0])
    if "budget" in q.measures and lexicon_pattern("whole_budget").search(simplify(q.focus or q.text)):
        return declined("measure", "budget")
    found = [c for c in ranked if relevance(c, lang) >= floor]
    if not found:
        return _mentioned(db_corpus, q, ranked) or declined()
    for place in q.names:  # the places and people the report does mention (the others are declined before)
        found = [c for c in found if _speaks_of(db_corpus, c.fact, c.key, place)]
        if not found:
            return declined("place", place)
    # a measure asked is that of what the question is about, among the few facts nearest to it: the victims' trust
    # fund's budget is no answer to "what's the budget of the environment strategy?"
    # (nor is a whole paragraph that mentions budget cuts the figure of a budget)
    a_measure_counted = q.measures and q.asks == "number"
    # ... and of it: the trust fund's budget is no budget "for the withdrawal" (a follow-up's, of the last subject)
    measured = _measured(q) if within is None and not q.focus else None
    fitting = [
        c
        for c in (found[:_NEAREST] if q.measures else found)
        if all(names_measure(c.fact, m) for m in q.measures)
        and not (a_measure_counted and c.fact["type"] == "paragraph")
        and (not measured or speaks_to(db_corpus, measured, c.fact))
    ]
    if not fitting:
        return declined("measure", q.measures[0])
    years = [y for y in q.years if not any(m.startswith(str(y)) for m in q.months)]  # a month's year: see periods
    if years:
        every = all if q.exact_year else any  # "in 2021 and 2022" needs both; a budget year "2022/23" either
        some_months = "whole_year" in q.constraints  # "in all of 2022" is not answered by January to August
        # a figure among the few facts nearest to the question, when it asks one or the nearest is one: "what was that
        # figure back in 2018?" after deputy heads is not answered by justice and corrections' share five years ago
        a_figure_near = q.asks == "number" or fitting[0].fact["type"] == "statistic"
        dated = [
            c
            for c in (fitting[:_NEAREST_DATED] if a_figure_near else fitting)
            if every(holds_year(c.fact, y, q.exact_year) for y in years) and not (some_months and _part_of_a_year(c.fact))
        ]
        # a figure for a year it does not give: asked for, or what the question finds ("the target for 2025?")
        # (a measure asked with "who" is a name: "who led the 2015 panel?" is told by the panel's report)
        a_name = q.asks in ("who", "where")
        figure = q.asks in ("number", "date") or (q.measures and not a_name) or fitting[0].fact["type"] == "statistic"
        if figure and not typed:  # "what was it in 2016?" is not resolution 2282 (2016), a document of that year
            dated = [c for c in dated if c.fact["type"] != "document"]
        if not dated and figure:
            return declined("year", "/".join(map(str, years)), fitting[0].fact)
        fitting = dated or fitting
    fitting = _focused(db_corpus, fitting, q)
    periods = q.months + q.budget_years
    if periods:
        # among the few facts that speak to the question: a figure for June from an unrelated fact is no answer
        timed = [c for c in fitting[:3] if all(holds_period(c.fact, p) for p in periods)]
        if not timed and (q.asks in ("number", "date") or q.measures or fitting[0].fact["type"] == "statistic"):
            return declined("period", periods[0], fitting[0].fact)
        fitting = timed or fitting
    # the exact day asked is that of the event the question is about, the fact that speaks to it most: any other
    # day is another event's
    kind_fits = [c for c in (fitting[:1] if "day" in q.constraints else fitting) if _fits_kind(c.fact, q)]
    if not kind_fits and q.asks in ("number", "date"):  # "how many" by a count, "when" by a date, never a passage
        if "day" in q.constraints:
            return declined("day", nearest=fitting[0].fact)
        if unmet := _people_unmet(fitting[:_NEAREST], q):  # "how many of them were women?": none counts women
            return declined("group", unmet, fitting[0].fact)
        if periods or q.years:  # the nearest figure, worded as not the one asked for
            return (
                declined("period", periods[0], fitting[0].fact) if periods else declined("year", str(q.years[0]), fitting[0].fact)
            )
        return declined()
    kind_fits = _focused(db_corpus, _closest_label(db_corpus, kind_fits or fitting, q.text, lang), q)
    if q.asks != "date" and lexicon_pattern("when_too").search(simplify(q.focus or q.text)):
        # (a fact's time, not a whole paragraph's, which may be any of its sentences'; stable: by relevance else)
        kind_fits = sorted(kind_fits, key=lambda c: c.fact["type"] == "paragraph" or not YEAR.search(_text_of(c.fact)))
    if q.name_asked:  # among the few facts that speak to the question, those that give the name asked
        nearest = kind_fits[:_NEAREST]
        named = [
            c
            for c in nearest
            if (gives_name(c.fact, q.name_asked) and _of_the_role_asked(c.fact, q))
            or _names_a_mission(db_corpus, c.key, q.name_asked)
        ]
        if not named:
            return declined(q.name_asked, nearest=kind_fits[0].fact)
        kind_fits = named
    best = kind_fits[0]
    # a figure for another category is no answer; a document or a priority asked for by its kind is not a figure
    if not typed and (group := other_group(best.fact, q)):
        return declined("group", group, best.fact)
    if "total" in q.constraints and "_per_" in str(best.fact.get("unit")):  # a rate per person is no total
        return declined("measure", "total", best.fact)
    if place := one_of_its_countries(q, best.fact):
        return declined("place", place, best.fact)
    missing = bool(missing_terms(db_corpus, q))
    counts = db_corpus.label_similarity(vector_of(q), best.key) if q.asks == "number" else 1.0
    signals = (best.bm25, best.cosine, float(missing), counts)
    # "which category has not met its target?": a sentence of these facts' paragraphs may tell more of what is
    # asked than any fact; a figure or a date comes from a fact, checked against the source
    wordy = not typed and _wordy(db_corpus, q)
    told = passage(db_corpus, q, [c.fact for c in kind_fits[:3]], holds(db_corpus, q, best.fact)) if wordy else None
    told = told if told and all(names_measure(told, m) for m in q.measures) else None  # a budget's sentence gives it
    if (missing and best.cosine < limits["unknown_cosine"] and not typed) or counts < limits["label_cosine"]:
        return Finding([told or best.fact], "closest", signals=signals)
    # every fact of that kind the best one's paragraph tells: "under which resolutions?", "any numbers on the hashtag?"
    if q.several and (typed or best.fact["type"] == "statistic"):
        told_there = [
            c.fact for c in kind_fits if c.fact["type"] == best.fact["type"] and _paragraphs(c.fact) & _paragraphs(best.fact)
        ]
        return Finding(told_there[:5], several=len(told_there) > 1, signals=signals)
    if q.missions_asked and relevance(best, lang) >= limits["answer"] and (each := _each_mission(db_corpus, kind_fits, best)):
        return Finding(each, several=True, signals=signals)
    # a mission asked of, beyond its own facts: what the report says of all missions is not said of it ("what were
    # UNMISS's greenhouse gas emissions?" is not told by all missions' emissions, dev128)
    of_all = within is None and not of_the_mission_asked(db_corpus, q, best.fact)
    if (relevance(best, lang) >= limits["answer"] or typed) and not of_all:
        return Finding([told] if told else [c.fact for c in kind_fits[:3]], signals=signals)
    return Finding([told or best.fact], "closest", signals=signals)


def of_the_mission_asked(db_corpus: Corpus, q: Question, fact: Fact) -> bool:
    """The fact is about the mission the question names, if it names one (a passage by the missions it names)."""
    if not q.missions:
        return True
    mission = q.missions[0]
    key = key_of(fact)
    return key in db_corpus.missions.get(mission, frozenset()) or mission in {
        m["value"] for m in db_corpus.mission_entities(_text_of(fact))
    }


def _asks_what_it_did(q: Question) -> bool:
    """A question of what a mission did or does, at no time and of no measure, naming no paragraph, asking no mission."""
    timed = q.years or q.months or q.budget_years or q.measures
    return q.asks in ("other", "happened") and not (timed or q.paragraphs or q.missions_asked)


def _its_sentences(db: Session, q: Question, lang: str, found: Finding) -> Finding:
    """The examples of the mission asked about that the found paragraph holds, the most relevant first; else the
    paragraph."""
    db_corpus = corpus(db)
    number = int(found.top["id"]) if found.top else 0
    theirs = frozenset(
        k
        for k in db_corpus.missions.get(q.missions[0], frozenset())
        if k.startswith("example:") and _paragraphs(db_corpus.facts[k]) == {number}  # what it did, not a figure
    )
    ranked = [c.fact for c in candidates(db, q, lang, within=theirs)] if theirs else []
    return Finding(ranked[:3], several=len(ranked) > 1, signals=found.signals) if ranked else found


def _each_mission(db_corpus: Corpus, ranked: list[Candidate], best: Candidate) -> list[Fact]:
    """ "Which two missions ...?": the best fact and, among the few nearest, those of its kind and paragraph telling it
    of other missions; nothing when no other mission is told."""
    each, seen = [best.fact], missions_of(db_corpus, best.key)
    for c in ranked[1:_NEAREST]:
        missions = missions_of(db_corpus, c.key)
        if c.fact["type"] == best.fact["type"] and _paragraphs(c.fact) & _paragraphs(best.fact) and missions - seen:
            each.append(c.fact)
            seen |= missions
    return each if len(each) > 1 and seen else []


def _mentioned(db_corpus: Corpus, q: Question, ranked: list[Candidate]) -> Finding | None:
    """ "What does the report say about climate change?": a subject it speaks of in one sentence of a long paragraph,
    too little for the paragraph to rank as an answer. The sentence, when the question asks what the report says of
    a subject, the sentence names every word the question singles out, and the question asks nothing a sentence
    cannot be checked for (a figure, a date, a period, a measure, a name) nor uses a word the report never does."""
    asked = lexicon_pattern("says_about").search(plain := simplify(q.text))
    if not asked or q.years or q.months or q.budget_years or q.measures or q.name_asked:
        return None
    # "cheers. switching gears - what does it say about X?"; "报告对X怎么说？" names it before
    after, before = plain[asked.end() :], plain[: asked.start()]
    subject = dataclasses.replace(q, text=after if _informative(db_corpus, after) else before)
    wanted = set(_informative(db_corpus, without_entities(subject)))
    if not wanted or not _wordy(db_corpus, subject) or missing_terms(db_corpus, subject):
        return None
    lang = detect(q.text)
    # the sentence, or else the nearest fact when no paragraph writes the subject as asked ("tell me about CASEVAC":
    # only the examples of it write the abbreviation)
    for said in (passage(db_corpus, q, [c.fact for c in ranked[:3]], 0.0), ranked[0].fact if ranked else None):
        if said and wanted <= set(tokens(in_lang(said, lang))):
            return Finding([said])
    return None


def one_of_its_countries(q: Question, fact: Fact) -> str:
    """The country a "how many" asks of a figure the fact gives only for it and others together ("how many of those
    convictions were in Mali?"): a figure for three countries gives none for one. Empty when none."""
    # (the names as written, and the fact's own countries in any case: an amended question is read in lower case,
    # where "car" is no country but still one of "car, drc and mali"; "... in CAR, DRC and mali?" asks all three)
    given_for = countries_in(f"{fact.get('en')} {fact.get('zh')}")
    plain = q.text.lower()
    said = {c for c in given_for if any(re.search(rf"(?<!\w){re.escape(s.lower())}(?!\w)", plain) for s in spellings(c))}
    asked_in = said | countries_in(q.text) | countries_in(" ".join(q.names))
    # (a priority's summary tells several figures, each of its own place: Lebanon's joint patrols among them, dev140)
    # (nor is a date: UNMISS's test scheduled for September 2023 is South Sudan's, beside MINUSCA's and MINUSMA's, dev182)
    whole = fact["type"] in ("priority", "theme") or fact.get("unit") == "date"
    if q.asks != "number" or not asked_in or not asked_in < given_for or whole:
        return ""
    return next((n for n in q.names if countries_in(n) & asked_in), min(asked_in))


def speaks_to(db_corpus: Corpus, q: Question, fact: Fact) -> bool:
    """The fact holds one of the question's own words that single out facts, if it has any besides its names, in its
    text or among its Chinese keywords, which hold the synonyms of its wording ("马里稳定团什么时候必须撤出？": the
    deadline to withdraw, "撤离" in its text); its English ones add names ("drc"), no synonyms."""
    words = _informative(db_corpus, without_entities(q, _places_named(db_corpus, q)))
    own = {t for t in words if t not in lexicon()["particles"]}
    key = f"{fact['type']}:{fact['id']}"
    synonyms = any(db_corpus.index.holds(key, t) for t in own if HAN.search(t))
    return not own or bool(own & set(tokens(_text_of(fact)))) or synonyms


def _wordy(db_corpus: Corpus, q: Question) -> bool:
    """A question a sentence may answer: no figure, date or symbol (those come from facts checked against the
    source), and words of its own besides the names of missions, their host countries and places."""
    return q.asks not in ("number", "date", "symbol") and not says_little(db_corpus, q, _places_named(db_corpus, q))


def _focused(db_corpus: Corpus, found: list[Candidate], q: Question) -> list[Candidate]:
    """ "And for the police?", "那二把手呢？": facts that speak of what this turn changed come first, those naming most
    of the categories it names before them ("and police component heads or deputies?" after deputy heads)."""
    if not q.focus:
        return found
    changed = simplify(q.focus)
    # "on what dates?", "and the latest figure?", "and last year?" change what is asked, or when, not what it is about
    when = (lexicon_pattern("present"), lexicon_pattern("year_before"), lexicon_pattern("figure_words"))
    for pattern in (*lexicon_table("asks").values(), *when):
        changed = pattern.sub(" ", changed)
    focus = set(tokens(changed)) - set(tokens(q.text.replace(q.focus, "")))
    categories = set(groups_in(changed))

    def held(c: Candidate) -> tuple[bool, int]:
        return not focus & set(tokens(_text_of(c.fact))), -len(categories & set(groups_in(_text_of(c.fact))))

    return sorted(found, key=held)


TIE = 0.97  # relevance this close to the best is a tie


def _closest_label(db_corpus: Corpus, found: list[Candidate], text: str, lang: str) -> list[Candidate]:
    """Among statistics tied for first, the one whose label adds the fewest words the question lacks
    ("heads of missions" is not "deputy heads of missions")."""
    top = relevance(found[0], lang)
    tied = [c for c in found if c.fact["type"] == "statistic" and relevance(c, lang) >= top * TIE]
    if len(tied) < 2:
        return found
    asked = set(tokens(text))
    best = min(tied, key=lambda c: len(db_corpus.label_terms[c.key, lang] - asked))
    return [best] + [c for c in found if c is not best]


_MISSIONS = re.compile(r"\b(missions|operations)\b|哪些")


def _not_told(q: Question, told: Fact | None, made: tuple[str, ...]) -> Finding | None:
    """What the last answer (`told`) cannot tell: one of the countries it names asked alone, the day a document
    dated by its year was adopted (`made`: the turn asks how it came to be; a statement's title has its day), or the
    day of what it dates by a year or a month alone."""
    if told and (place := one_of_its_countries(q, told)):
        return declined("place", place, told)
    if made and told and told["type"] == "document" and "day" in q.constraints and not _DAY.search(_title(told)):
        return declined("day", nearest=told)
    if told and "day" in q.constraints and not _own_terms(q) and not _DAY.search(_text_of(told)):
        return declined("day", nearest=told)  # "dates?" after the ministerial to be held in Accra in 2023
    return None


def host_unsaid(db_corpus: Corpus, fact: Fact) -> Fact | None:
    """The card of the one mission a fact is about when the fact does not say the mission's host country: what a
    question asking where needs besides an acronym."""
    missions = fact.get("missions") or []
    card = db_corpus.facts.get(f"mission:{missions[0]}") if len(missions) == 1 and fact["type"] != "mission" else None
    said = _text_of(fact)
    return card if card and all(h and simplify(h) not in said for h in _hosts(db_corpus, missions[0])) else None


def says_where(fact: Fact) -> bool:
    """The fact tells a place: a mission's, or one it names ("where is it located?" after the Peacekeeping Intelligence
    Academy's founding, which says none)."""
    return fact["type"] == "mission" or bool(fact.get("missions")) or bool(_places_in(_text_of(fact)))


def _card_asked(db_corpus: Corpus, q: Question, told: Fact | None, again: bool) -> Fact | None:
    """The mission card that answers a turn asking the name of a mission or country of the last answer's subject."""
    # "and that mission is deployed in which country?": its host; "what's that mission's full name?": its name
    full_name = q.name_asked == "mission" and lexicon_pattern("spells_out").search(simplify(q.text))
    if (q.name_asked == "country" or full_name) and q.missions:
        return db_corpus.facts.get(f"mission:{q.missions[0]}")
    where = q.asks == "where" and told and not _places_in(str(told.get("en") or ""))
    if where and told and (card := host_unsaid(db_corpus, told)):  # "where's that?" after UNFICYP's pilot
        return card
    # "她当时在哪个特派团？" after Captain Erzuah: the card of the one mission the last answer is about names it in full
    # (not "which missions already did theirs?": others)
    # ("and which country was it in?" after UNMIL's closure: the card names its host)
    its_host = q.name_asked == "country" and lexicon_pattern("host_asked").search(simplify(q.text))
    # ("what does that acronym stand for?" after UNFICYP's pilot, dev163)
    spelled = "pronoun" in q.leans and lexicon_pattern("spells_out").search(simplify(q.text))
    named = q.name_asked == "mission" or its_host or spelled
    ones = (told.get("missions") or []) if told and told["type"] != "mission" and named else []
    # ("who was that and in which mission?" after Captain Erzuah in UNISFA: the last answer tells both)
    person = q.asks == "who" and told and names_of_kind(f"{told.get('en') or ''} {told.get('zh') or ''}", "person")
    one = len(ones) == 1 and not (q.missions or again or person or _MISSIONS.search(simplify(q.text)))
    return db_corpus.facts.get(f"mission:{ones[0]}") if one else None


def _regrouped(q: Question, amended: Question) -> Question:
    """ "And their deputies?" after heads of civilian-led missions asks the last question of another category (not a
    sentence of its paragraph that names the category)."""
    return dataclasses.replace(q, asks=amended.asks) if q.groups and "followup" in q.leans and q.asks == "other" else q


def _asked_of_last(q: Question, amended: Question, types: tuple[str, ...]) -> Question:
    """What this turn asks, about the last one's subject; the places it named are that paragraph's own ("who is the
    one in UNMISS? name pls" after "which missions have...": a person's name, not a mission's)."""
    asked = dataclasses.replace(amended, asks=q.asks, names=q.names, name_asked=q.name_asked or amended.name_asked)
    # ("dates?" after the ministerial in Accra asks its days, whatever the two questions read together ask)
    asked = dataclasses.replace(asked, constraints=tuple(dict.fromkeys((*amended.constraints, *q.constraints))))
    if "document" in types and not q.years:  # the last question's year dates its subject, not the document asked
        asked = dataclasses.replace(asked, years=(), exact_year=False)
    if q.asks_count or q.asks_share or q.measures:  # "how many projects?" after "how many people...?" counts projects;
        # "预算是多少？" after it, no people
        asked = dataclasses.replace(asked, counts_people=q.counts_people, asks_share=q.asks_share, asks_count=q.asks_count)
    return asked


def detail(db: Session, q: Question, amended: Question, lang: str, last: str, again: bool = False) -> Finding | None:
    """A question about a detail of the last answer (`last`, a fact key) answered from its paragraph: the
    fact of the kind asked ("when was that?": a date, "which resolution?": a document), ranked by the question
    `amended` with the last one, else the paragraph itself; None when the paragraph does not hold it. A turn that
    asks `again` what the last one asked ("who chaired that one?" after Brahimi's panel, "how many projects?" after
    the people they helped) asks it of something else: not the last answer."""
    db_corpus = corpus(db)
    types = _types(q)
    told = db_corpus.facts.get(last)
    # a sentence that holds no less of what is asked than the last answer: that answer did not tell it
    floor = holds(db_corpus, q, told) - 1e-9 if told else 0.0
    made = issued(q, told)  # "adopted which year?" after a resolution: how it came to be, not a word of its own
    # ("and in Mali alone?" after 71 convicted in three countries asks the last question's count of one of them)
    if settled := _not_told(amended if q.asks == "other" and "followup" in q.leans else q, told, made):
        return settled
    if (card := _card_asked(db_corpus, q, told, again)) and says_little(db_corpus, q):
        return Finding([card])
    if told and _given_already(db_corpus, q, told, again):
        return Finding([told])
    # "which country was he from?": a measure the paragraph never gives is looked for, and declined, elsewhere; "what
    # was its budget?" asks it of the last answer's subject, whose paragraph does not give it: another's is no answer
    # (a figure of it when one is asked: "how much funding did each of them get?" after the Elsie pilots, whose
    # funding the paragraph names and never counts, is not the victims' trust fund's budget)
    gives = counts_measure if q.asks == "number" else names_measure
    if q.measures and not any(gives(db_corpus.facts[k], m) for k in near_keys(db_corpus, last) for m in q.measures):
        its = lexicon_pattern("possessive").search(simplify(q.text)) or "pronoun" in q.leans
        return declined("measure", q.measures[0], told) if its and told else None
    q = _regrouped(q, amended)
    if not types and q.asks in ("other", "definition", "happened"):
        # "what about 2021?" after MINUSCA's aid in 2022: still MINUSCA's, not another mission's 2021 beside it
        kept = dataclasses.replace(q, missions=amended.missions) if told and _asks_another(q, told) else q
        found = _what_it_told(db_corpus, kept, told, last, floor)
        if found or not (q.names and "followup" in q.leans):  # "and what about the DRC?" after CAR's quota: below
            return found
    # the paragraph narrows the question down: no relevance bar, but every other check (a count must still be
    # what was asked)
    asked = _asked_of_last(q, amended, types)
    scale = detect(asked.text)
    unbarred = {**calibration()["thresholds"][scale], "answer": float("-inf"), "closest": float("-inf")}
    # the last answer itself only when it gives the name asked ("which mission's lessons were used?") or the
    # figure asked of it in its own words ("how many had that conflict displaced?", not "how many of them by
    # explosive devices?")
    # a figure put for confirmation is the last one, right ("so it was 70, right?") or wrong ("how many operations since
    # then - more than 60, right?" after more than 70)
    confirmed = bool(lexicon_pattern("confirm_tag").search(simplify(q.text)))
    figure = (
        told is not None
        and q.asks in ("number", "date")
        # ("how many of them have to be women?" after platoons of at least 50% women: that share is the part asked)
        and (not q.part_of_last or (told.get("unit") == "percent" and bool(q.people) and q.counts_people))
        and (_fits_kind(told, q) or (confirmed and told.get("value") in stated(q.text)))
        and set(_informative(db_corpus, without_entities(q, made))) - set(lexicon()["particles"]) - light_verbs()
        <= set(tokens(_text_of(told)))
    )
    # "what year is it from?": the last answer's own date ("and in 2020?" asks another one)
    # (a figure for all uniformed peacekeepers is none for the police among them)
    # ("what year did that case happen?" after the 2017 assassination: its words are the last answer's own)
    own_figure = not again and (says_little(db_corpus, q, made) or ("pronoun" in q.leans and q.asks == "date"))
    if figure and told and (own_figure or confirmed) and not _asks_another(q, told):
        return Finding([told])
    # "这是根据哪项决议？" after a resolution: that one
    pointing = bool({"pronoun", "detail"} & set(q.leans))
    # ("source document for that review?" after the review's letter: the turn's words are the last answer's own)
    own_words = set(_informative(db_corpus, without_entities(q)))
    if told and told.get("footnotes"):  # "what's the symbol of its report cited in the footnote?": it is cited in one
        own_words -= set(tokens("footnote"))
    of_kind = told is not None and told["type"] in set(types) - {"statistic"} and _fits_kind(told, q)
    # "and which document is its report?" after the Brahimi panel's recommendations: the one that answer cites
    shown = told if of_kind else _cited_in(db_corpus, told, types)
    if (
        shown
        and told
        and pointing
        and not q.several
        and own_words <= set(tokens(_text_of(told)))
        and not (again and shown is told)
    ):
        return _with_cited_together(db_corpus, q, Finding([shown]), last)
    # the last answer is among them when it is of the kind asked ("based on which resolution?" after one)
    near = near_keys(db_corpus, last) - ({last} if again or not (q.name_asked or figure or q.several or of_kind) else set())
    answer = answerable(db, asked, scale, frozenset(near), unbarred)
    found = _found_near(db_corpus, q, answer, told, types, floor, again)
    return _with_cited_together(db_corpus, q, found, last) if found else None


def _with_cited_together(db_corpus: Corpus, q: Question, found: Finding, last: str) -> Finding:
    """A document the last answer's paragraph cites, with those its footnote cites beside it for the same words
    ("which of their reports is that from?" after paragraph 5: the committee's reports of 2021 and 2023), or the last
    answer's text names beside it ("under resolutions 2591 (2021) and 2650 (2022)")."""
    top = found.top
    if found.kind != "answer" or found.several or not top or top["type"] != "document":
        return found
    near = near_keys(db_corpus, last)
    told = _text_of(db_corpus.facts[last]) if last in db_corpus.facts else ""
    named = _named_in(told, top)
    together = [
        db_corpus.facts[k]
        for k in sorted(near)
        if k != key_of(top)
        and k.startswith("document:")
        and (
            set(db_corpus.facts[k].get("footnotes") or ()) & set(top.get("footnotes") or ())
            # ("under wat res?" after UNIFIL's support "under resolutions 2591 (2021) and 2650 (2022)", dev143)
            or (named and _named_in(told, db_corpus.facts[k]))
        )
        and _fits_kind(db_corpus.facts[k], q)  # "which GA resolution?": not the committee's report beside it
    ]
    return Finding([top, *together], several=True) if together else found


def with_its_link(db_corpus: Corpus, text: str, finding: Finding) -> Finding:
    """A document found for a message asking where it can be read, with the footnote citing it that gives its address."""
    top = finding.top if finding.kind == "answer" else None
    if not top or top["type"] != "document" or not lexicon_pattern("link_asked").search(simplify(text)):
        return finding
    notes = [db_corpus.facts.get(f"footnote:{n}") for n in top.get("footnotes") or ()]
    linked = [note for note in notes if note and "http" in in_lang(note, "en")]
    return dataclasses.replace(finding, facts=[top, linked[0], *finding.facts[1:]], several=True) if linked else finding


def besides_the_last(db_corpus: Corpus, finding: Finding, last: str) -> Finding:
    """ "No, I meant the other panel ...": the finding without the last answer (`last`, a key) and the documents it
    names, when it holds another."""
    told = _text_of(db_corpus.facts[last]) if last in db_corpus.facts else ""
    rest = [f for f in finding.facts if key_of(f) != last and not (f["type"] == "document" and _named_in(told, f))]
    return dataclasses.replace(finding, facts=rest) if rest and finding.kind == "answer" else finding


def _named_in(text: str, document: Fact) -> bool:
    """A text names the document: by its symbol, or a resolution by its number ("resolutions 2591 (2021) and 2650")."""
    symbol = str(document.get("symbol") or "")
    number = re.search(r"/RES/(?:\d+/)?(\d+)", symbol)  # (A/RES/76/274 is resolution 274, of the 76th session)
    named = bool(number and re.search(rf"(?<!\d){number.group(1)}(?!\d)", text))
    return bool(symbol) and (simplify(symbol) in text or named)


def _found_near(
    db_corpus: Corpus, q: Question, answer: Finding, told: Fact | None, types: tuple[str, ...], floor: float, again: bool
) -> Finding | None:
    """What the last answer's paragraph gives for the turn (`answer`, found among its facts), checked."""
    if answer.kind == "declined" and q.name_asked and answer.reason == q.name_asked and told and all_told(q, told):
        return answer  # "which member state provided those teams?": the last answer tells of them, naming none
    if answer.kind == "declined" and answer.reason == "measure" and q.measures and told and "pronoun" in q.leans:
        return declined("measure", answer.detail, told)  # "who led it?" of a review whose leader none of them names
    top = answer.top if answer.kind == "answer" else None
    # ("under which Security Council resolution is that withdrawal happening?": no policy brief the paragraph cites,
    # dev180; a search of all of them may find one of the kind)
    if top and top["type"] == "document" and not _fits_kind(top, q):
        return None
    if top and top["type"] == "paragraph" and q.asks in ("number", "date") and _own_terms(q) and not holds(db_corpus, q, top):
        top = None  # "when will MONUSCO fully leave?": a paragraph saying nothing of leaving does not tell when
    if top and told and not (again or q.part_of_last) and _still_theirs(db_corpus, q, told, top):
        return Finding([told])
    return _or_its_sentence(db_corpus, q, answer if top else None, told, types, floor)


def _given_already(db_corpus: Corpus, q: Question, told: Fact, again: bool) -> bool:
    """The turn asks what the last answer gives: its change ("give me the before and after percentages pls"), the
    whole of a part it gave ("6 women out of how many?" after "14 ..., 6 of them women"), or the person it names ("who?"
    after the 2015 panel's report, chaired by José Ramos-Horta) or countries ("in which countries?" after convictions in
    three), or how often it is done."""
    # (countries a figure or an example names, not a mission's host nor one a summary names in passing)
    kind = "country" if q.name_asked == "country" and told["type"] in ("statistic", "example") else "person"
    named = names_of_kind(f"{told.get('en') or ''} {told.get('zh') or ''}", kind)
    if q.asks == "who" and not (again or q.years) and says_little(db_corpus, q) and named:
        return True
    # "which town was that?" after MINUSCA's work in Sam Ouandja: a locality it names (not the host country, which the
    # asker knows: "where exactly was that?" after MINUSCA's strategy in the Central African Republic)
    places = _places_in(str(told.get("en") or "")) if q.asks == "where" and "pronoun" in q.leans else frozenset()
    if any(not hosted_in(db_corpus, p) for p in places) and not q.years and says_little(db_corpus, q):
        return True
    # "which mission was she serving with?" after Captain Erzuah, in UNISFA
    if q.name_asked == "mission" and named and kind == "person" and not again and len(told.get("missions") or []) == 1:
        return True
    # "how often does that evaluation happen?" after quarterly evaluations (not "and the USG's letters - how often?")
    often = lexicon_pattern("frequency_asked").search(simplify(q.text)) and ("pronoun" in q.leans or says_little(db_corpus, q))
    if often and lexicon_pattern("frequency_said").search(simplify(_text_of(told))):
        return True
    whole = (
        lexicon_pattern("whole_asked").search(simplify(q.text))
        and stated(q.text) & stated(_text_of(told))
        and told.get("value") not in stated(q.text)  # not "6 women" again
    )
    return bool(whole) or change_asked(db_corpus, q, told)


def change_asked(db_corpus: Corpus, q: Question, told: Fact) -> bool:
    """The turn asks the last answer's change, from one figure to another, and nothing it does not tell ("give me
    the before and after percentages pls", "number of interactions vs the year before?")."""
    return told.get("before") is not None and _asks_change(db_corpus, q, told)


def change_unsaid(db_corpus: Corpus, q: Question, told: Fact) -> bool:
    """The turn asks the figures of a change the last answer (`told`) tells in words, and no fact of its paragraph
    gives them ("from how many to how many?" after civil servants "more than tripled", dev150)."""
    if not _asks_change(db_corpus, q, told, both=True):
        return False
    return all(db_corpus.facts[k].get("before") is None for k in near_keys(db_corpus, key_of(told)))


def _asks_change(db_corpus: Corpus, q: Question, told: Fact, both: bool = False) -> bool:
    """The turn asks a change of the last answer (`both` of its figures) and nothing it does not tell."""
    plain = simplify(q.text)
    said = {kind: p for kind in ("change_asked", "both_figures_asked") if (p := lexicon_pattern(kind)).search(plain)}
    if _asks_another(q, told) or not said or (both and "both_figures_asked" not in said):
        return False
    for change in said.values():
        plain = change.sub(" ", plain)
    rest = lexicon_table("asks")["number"].sub(" ", plain)  # ("percentages", "number of")
    return set(_informative(db_corpus, rest)) <= set(tokens(_text_of(told)))


def _asks_another(q: Question, told: Fact) -> bool:
    """The turn asks the last figure for another time or group ("and in 2020?", "and for the police?")."""
    return bool(q.years or q.months or q.budget_years or other_group(told, q))


def _still_theirs(db_corpus: Corpus, q: Question, told: Fact, top: Fact) -> bool:
    """ "And how many IDPs do they protect there?" after MONUSCO's Djugu figure: "they" are still the last answer's
    mission, not MINUSCA beside it in the paragraph; its figure answers when it holds more of the turn's words."""
    ours = set(told.get("missions") or ())
    return (
        "pronoun" in q.leans
        and q.asks == "number"
        and bool(ours)
        and not ours & set(top.get("missions") or ())
        and _fits_kind(told, q)
        and not _asks_another(q, told)
        and holds(db_corpus, q, told) > holds(db_corpus, q, top)
    )


def issued(q: Question, told: Fact | None) -> tuple[str, ...]:
    """The words by which a turn asks when the last answer came to be, a document ("adopted which year?"), or what
    time it spans ("covering which years?" after the cooperation framework for 2023-2025)."""
    if told is None or q.asks != "date":
        return ()
    kinds = ("issued", "spans") if told["type"] == "document" else ("spans",)
    return tuple(m.group(0) for kind in kinds for m in lexicon_pattern(kind).finditer(simplify(q.text)))


def _names_only(focus: str) -> bool:
    """What an ellipsis changes ("and what about women?": "women") names a thing and asks nothing of its own."""
    said, opening = simplify(focus), lexicon_pattern("followup")
    while (rest := opening.sub(" ", said).strip()) != said:  # "and what about ...": both openings
        said = rest
    return bool(tokens(said)) and not lexicon_pattern("interrogative").search(said)  # not "and now?"


def named_in_passing(q: Question, amended: Question, told: Fact) -> bool:
    """An ellipsis naming only what the last answer (`told`) named in passing: "and what about women?" after 200
    participants, women among them, asks the question again for women, not a detail of that answer (dev132)."""
    # (a figure asked again: "and for senior mission leaders?" after how performance management changed is in its paragraph)
    again = q.asks == "other" and amended.asks == "number" and _changes_only(q)
    if not (again and not _types(q) and _names_only(amended.focus) and all_told(q, told)):
        return False
    # (not what its figure is of: "and of deputy heads?" after 33% of deputy heads is that figure again, dev98)
    changed = {w for term in _own_terms(dataclasses.replace(amended, text=amended.focus)) for w in tokens(term)}
    return not changed <= set(tokens(_title(told)))


def _changes_only(q: Question) -> bool:
    """An ellipsis changing what is asked about, not when, nor correcting, nor pointing back at the last answer."""
    return not (q.years or q.months or q.budget_years) and not {"pronoun", "correction"} & set(q.leans)


def _what_it_told(db_corpus: Corpus, q: Question, told: Fact | None, last: str, floor: float) -> Finding | None:
    """What the last answer (`told`, by key `last`), or else its paragraph, tells of a question asking no kind of fact;
    after a mission's card, whose examples span paragraphs, the sentence of theirs that tells it."""
    if told and told["type"] == "mission":
        keys = [k for k in sorted(_mission_facts(db_corpus, str(told["id"]))) if k.startswith("example:")]
        of_it = dataclasses.replace(q, missions=(str(told["id"]),))
        if not (said := passage(db_corpus, of_it, [db_corpus.facts[k] for k in keys], floor, hosts=True)):
            return None
        # in the example's own words, which name what its sentence calls "the tool"
        return Finding([db_corpus.facts[said["id"]] if said["id"] in keys else said])
    if done := _done_there(db_corpus, q, last):
        return Finding([done])
    if told and told["type"] == "priority" and (examples := _examples_there(db_corpus, q, last)):
        return Finding(examples, several=len(examples) > 1)
    said = passage(db_corpus, q, [told], floor, hosts=True, beside=told) if told else None
    # "its budget in 2021/22?", "what's the emissions target for 2030?": a sentence for another time tells nothing
    timely = said and all(holds_period(said, p) for p in q.months + q.budget_years)
    years = () if q.budget_years else q.years  # "2022/23" is a budget year, not 2022 and 2023
    if said and timely and all(holds_year(said, y, exact=False) for y in years):
        return Finding([said])
    paragraphs = sorted(_paragraphs(db_corpus.facts[last])) if last in db_corpus.facts else []
    # (of a priority's paragraphs, the one holding most of the turn's words: "which missions had their unit
    # requirements statements revised?" after priority 4's IED threat is told in its fourth, dev142)
    held = {n: holds(db_corpus, q, db_corpus.facts[f"paragraph:{n}"]) for n in paragraphs if f"paragraph:{n}" in db_corpus.facts}
    key = f"paragraph:{max(held, key=lambda n: (held[n], -n))}" if held else ""
    found = db_corpus.facts.get(key)
    # "which mission was she serving in?" after a paragraph that names none is no question about it
    gives = found is not None and (
        not q.name_asked or gives_name(found, q.name_asked) or _names_a_mission(db_corpus, key, q.name_asked)
    )
    if not (found and gives and "detail" in q.leans):
        return None
    # ("how was the sample drawn?" after figure VI: in words of the figure's note, which no sentence of the paragraph
    # holds, the statistic or example that tells it)
    near = [db_corpus.facts[k] for k in sorted(near_keys(db_corpus, last)) if k in db_corpus.facts]
    shown = [f for f in near if f["type"] in ("statistic", "example")] if told and told["type"] == "figure" else []
    best = max(shown, key=lambda f: holds(db_corpus, q, f), default=found)
    return Finding([best if holds(db_corpus, q, best) > holds(db_corpus, q, found) else found])


def _examples_there(db_corpus: Corpus, q: Question, last: str) -> list[Fact]:
    """The examples the last answer's paragraphs give of the one mission the turn names, or of the one hosted in the
    country it names ("give me the CAR example under that priority", dev182): those holding most of the turn's words."""
    missions = set(q.missions) | {m for place in q.names for m in hosted_in(db_corpus, place)}
    if len(missions) != 1:
        return []
    mission = missions.pop()
    examples = [
        db_corpus.facts[k]
        for k in sorted(near_keys(db_corpus, last))
        if k.startswith("example:") and _names_mission(db_corpus.facts[k], mission)
    ]
    held = {key_of(f): holds(db_corpus, q, f) for f in examples}
    most = max(held.values(), default=0.0)
    return [f for f in examples if held[key_of(f)] == most][:3]


def _done_there(db_corpus: Corpus, q: Question, last: str) -> Fact | None:
    """ "What is MONUSCO doing about it?" after protests against it in paragraph 53, an answer that does not name it:
    what that paragraph says it did, the example naming it that holds most of the turn's words."""
    told = db_corpus.facts.get(last)
    if q.asks != "happened" or len(q.missions) != 1 or not told or _names_mission(told, q.missions[0]):
        return None
    done = [
        f
        for k in sorted(near_keys(db_corpus, last))
        if k.startswith("example:") and _names_mission(f := db_corpus.facts[k], q.missions[0])
    ]
    return max(done, key=lambda f: holds(db_corpus, q, f), default=None)


def _names_mission(fact: Fact, acronym: str) -> bool:
    """The fact is of the mission and says so in its own words."""
    return acronym in (fact.get("missions") or ()) and acronym in in_lang(fact, "en")


def _or_its_sentence(
    db_corpus: Corpus, q: Question, answer: Finding | None, told: Fact | None, types: tuple[str, ...], floor: float
) -> Finding | None:
    """The answer found in the last answer's paragraph, or one of its sentences: "who did the survey?", "where was it
    piloted?": no fact of that paragraph tells it, a sentence of it may, one holding more of this turn's own words
    than a sentence chosen by the last question's, and rather than the whole paragraph."""
    top = answer.top if answer and answer.top and (answer.top["type"] in types if types else True) else None
    if answer and top and top["type"] not in ("passage", "paragraph"):
        return answer
    said = passage(db_corpus, q, [told], floor, hosts=True, beside=told) if q.asks in ("who", "where", "list") and told else None
    if not (answer and top):
        return Finding([said]) if said else None
    if said is None:
        return answer
    within = top["type"] == "paragraph" and said.get("paragraph") == int(top["id"])
    return Finding([said]) if within or holds(db_corpus, q, said) > holds(db_corpus, q, top) else answer


def _weight(db_corpus: Corpus, term: str) -> float:
    """What a shared word tells: the rarer in the report, the more (BM25's inverse document frequency)."""
    held = db_corpus.df.get(term, 0)
    return math.log(1 + (len(db_corpus.facts) - held + 0.5) / (held + 0.5)) if held else 0.0


def _own_terms(q: Question) -> set[str]:
    """The search terms of what a turn asks in its own words (names and question words aside)."""
    return set(tokens(without_entities(q)))


def _held(db_corpus: Corpus, own: set[str], text: str) -> float:
    """How much of a turn's own terms a text holds, each weighed by its rarity."""
    return math.fsum(_weight(db_corpus, t) for t in own & set(tokens(text)))  # exact: the same in any set order


def all_told(q: Question, fact: Fact) -> bool:
    """The fact says every word the question says of its own ("what share of them has to be women?" of engagement
    platoons' 50% women; not "how many of them were in Africa?" of the convictions in three countries)."""
    return not untold(q, fact)


@cache
def light_verbs() -> frozenset[str]:
    """The search terms of the lexicon's `light_verbs`."""
    return frozenset(stem(w) for w in lexicon()["light_verbs"])


def untold(q: Question, fact: Fact) -> set[str]:
    """The words the question says of its own that the fact does not."""
    said = set(tokens(_text_of(fact)))
    said |= {part for t in said if "-" in t for part in t.split("-")}  # "trainer" of "training-of-trainers" (dev150)
    # ("explosives/IEDs" are two words; "explosives" is stemmed "explosiv", "explosive" left whole)
    own = {word for term in _own_terms(q) for word in (tokens(term.replace("/", " ")) if "/" in term else [term])}
    # the year asked is said when the fact is of it ("... in 2022/23?" of a 2022/23 figure), and a verb of doing says
    # nothing of its own ("how many of those trainings did they run?" of 14 trainings conducted)
    said |= {part for y in q.years if holds_year(fact, y, exact=False) for part in (str(y), str(y)[2:])}
    said |= light_verbs()
    return {word for word in own if not (word in said or (len(word) >= 5 and any(t.startswith(word) for t in said)))}


def holds(db_corpus: Corpus, q: Question, fact: Fact) -> float:
    return _held(db_corpus, _own_terms(q), _text_of(fact))


def passage(
    db_corpus: Corpus, q: Question, facts: list[Fact], floor: float, hosts: bool = False, beside: Fact | None = None
) -> Fact | None:
    """The sentence of the facts' paragraphs that holds most of the question's own words, weighed by their rarity
    ("what did it warn about?": the sentence that warns), the closer in meaning on a tie, when it holds more of
    them than `floor`; in each language, the sentence there closest in meaning to it. None for an ellipsis ("and
    deputy heads?" asks the last question again) and for a name asked that the sentence does not give. With `hosts`
    (about the last answer), a place stands for the mission it hosts too ("how is it used in Western Sahara?"); a
    word pointing at the last answer (`beside`) that holds it only says what is asked about, and the sentence holding
    the others tells it ("which frameworks does he name for that shift?"), when one does."""
    plain = simplify(q.text)
    if not (lexicon_pattern("interrogative").search(plain) or lexicon_pattern("says_about").search(plain)):
        return None  # ("tell me about CASEVAC" asks, as a question does)
    hosted = {t for place in q.names for m in hosted_in(db_corpus, place) for t in tokens(m)} if hosts else set()
    asked, own = detect(q.text), _own_terms(q) | hosted
    numbers = sorted({n for fact in facts for n in _first_paragraphs(fact)})
    # a paragraph's sentences, and its footnotes whole ("Not all projects are located at peacekeeping sites")
    texts = [
        (text, number)
        for number in numbers
        if (paragraph := db_corpus.facts.get(f"paragraph:{number}"))
        for text in [paragraph, *db_corpus.footnotes_of(number)]
    ]
    said = [
        (_held(db_corpus, own, sentence), sentence, number, text)
        for text, number in texts
        for sentence in (sentences(in_lang(text, asked)) if text["type"] == "paragraph" else [in_lang(text, asked)])
        # a question about a mission is answered by a sentence about it
        if not q.missions or any(e["value"] in q.missions for e in db_corpus.mission_entities(sentence))
    ]
    # (not of a whole paragraph, which holds every sentence's words: "between whom are those compacts?", dev60)
    if beside is not None and beside["type"] != "paragraph" and (new := own - _pointed_at(plain, beside)) != own:
        rescored = [(_held(db_corpus, new, sentence), sentence, number, text) for _, sentence, number, text in said]
        if new and max((score for score, *_ in rescored), default=0.0) > 0:
            # (the caller's floor is what the last answer holds of all the words; it holds none of these)
            said, floor = rescored, 0.0
    # "sorry, I meant the 2000 panel": a sentence that says the year asked, if one does
    said = [s for s in said if any(str(y) in s[1] for y in q.years if str(y) in (q.focus or q.text))] or said
    if lexicon_pattern("when_too").search(plain):  # "where and when exactly?": one that says a time, if one does
        said = [s for s in said if YEAR.search(s[1])] or said
    top = max((score for score, *_ in said), default=0.0)
    if top <= max(floor, 0.0):
        return None
    tied = [(sentence, number, text) for score, sentence, number, text in said if score == top]
    sentence, number, text = max(tied, key=lambda s: float(_vector(s[0]) @ vector_of(q)))
    chosen = {  # the two languages' sentences are not aligned one to one: the nearest in meaning
        lang: sentence
        if lang == asked
        else max(sentences(in_lang(text, lang)) or [sentence], key=lambda s: float(_vector(s) @ _vector(sentence)))
        for lang in ("zh", "en")
    }
    told = _telling(db_corpus, sentence, number)
    said_fact = Fact(type="passage", id=told, paragraph=number, label_zh=None, label_en=None, zh=chosen["zh"], en=chosen["en"])
    return said_fact if not q.name_asked or gives_name(said_fact, q.name_asked) else None


def _pointed_at(plain: str, told: Fact) -> set[str]:
    """The terms of the nouns a turn points at with that/this/those/these, where the last answer (`told`) holds them."""
    pointed = {t for m in lexicon_pattern("pointed_noun").finditer(plain) for t in tokens(m.group("noun"))}
    return pointed & set(tokens(_text_of(told))) if pointed else set()


def of_another_kind(fact: Fact, last: Fact | None) -> bool:
    """Two figures that count different things: "and for the police?" after the 88,000 personnel deployed is not the
    women among police heads (their labels share no word but "among", "share"...)."""
    if last is None or fact["type"] != "statistic" or last["type"] != "statistic" or fact is last:
        return False
    words = [set(tokens(f"{f.get('label_en') or ''}")) - _LABEL_GENERIC for f in (fact, last)]
    return not words[0] & words[1]


_LABEL_GENERIC = {"among", "share", "number", "total", "of"}


def asks_other_people(q: Question, told: Fact | None) -> bool:
    """ "Who else sat on it?" after an answer naming a person (the panel's chair)."""
    return (
        told is not None
        and bool(lexicon_pattern("other_people").search(simplify(q.text)))
        and names_of_kind(_text_of(told), "person")
    )


def others_told(db_corpus: Corpus, last: str) -> Finding | None:
    """The paragraph of the last answer when it names missions that answer does not: "only UNIFIL?" asks for them."""
    told = db_corpus.facts.get(last)
    if told is None:
        return None
    own = missions_of(db_corpus, last)
    for n in sorted(_first_paragraphs(told)):
        paragraph = db_corpus.facts.get(f"paragraph:{n}")
        if paragraph and {e["value"] for e in db_corpus.mission_entities(in_lang(paragraph, "en"))} - own:
            return Finding([paragraph])
    return None


def _cited_in(db_corpus: Corpus, told: Fact | None, types: tuple[str, ...]) -> Fact | None:
    """The one document a fact names by its symbol, when a document is asked."""
    if told is None or "document" not in types:
        return None
    said = f"{told.get('en') or ''} {told.get('zh') or ''}"
    cited = [f for f in db_corpus.facts.values() if f["type"] == "document" and str(f.get("symbol")) in said]
    return cited[0] if len(cited) == 1 else None


def _telling(db_corpus: Corpus, sentence: str, number: int) -> str:
    """The key of the fact of paragraph `number` that tells most of a sentence of it, else the paragraph's: what a
    next turn leans on ("who chaired the one from 2000?", then "and which document is its report?")."""
    words = set(tokens(sentence))
    keys = [k for k in sorted(near_keys(db_corpus, f"paragraph:{number}")) if not k.startswith("paragraph:")]  # ties: one order
    shared = {k: len(words & set(tokens(_text_of(db_corpus.facts[k])))) for k in keys}
    best = max(shared, key=lambda k: shared[k], default="")
    return best if best and shared[best] else f"paragraph:{number}"


def _first_paragraphs(fact: Fact) -> set[int]:
    """Where a fact is told: a mission, in its first paragraph (it is named all through the report); anything else,
    a priority's section included, in all of its own."""
    paragraphs = _paragraphs(fact)
    return set(sorted(paragraphs)[:1]) if fact["type"] == "mission" else paragraphs


def _paragraphs(fact: Fact) -> set[int]:
    cited = fact.get("paragraph")
    return set(cited) if isinstance(cited, list) else {cited} if cited else set()


def missions_of(db_corpus: Corpus, key: str) -> set[str]:
    """The missions a fact (by key) is about: a mission's own card, or the missions its text names (a paragraph's, as
    the corpus files it under them: "who exactly is MONUSCO training?" after paragraph 53 asks of it)."""
    fact = db_corpus.facts.get(key)
    if not fact:
        return set()
    if fact["type"] == "mission":
        return {fact["id"]}
    if fact["type"] == "paragraph":
        return {acronym for acronym, keys in db_corpus.missions.items() if key in keys}
    return set(fact.get("missions") or ())


def told_with(db_corpus: Corpus, fact: Fact, key: str) -> bool:
    """The fact is told in the paragraph where the fact `key` is (a mission: its first one)."""
    told = db_corpus.facts.get(key)
    return told is not None and bool(_paragraphs(fact) & _first_paragraphs(told))


_DEFINITE = re.compile(r"\b(?:the|that|this|these|those) (?:new |same |latest |current |other )?([a-z][a-z-]{2,})\b")


def refers_back(db_corpus: Corpus, q: Question, key: str) -> bool:
    """ "What will the new strategy focus on?" after mental health professionals: a thing named with "the", "that"
    or "this" that the last answer's paragraph (`key`'s) speaks of, not the report or its author. One the last answer
    names itself ("what was the agreement called?") is read as before: that answer tells it."""
    fact = db_corpus.facts.get(key)
    nouns = {t for word in _DEFINITE.findall(simplify(q.text)) for t in tokens(word)} - set(tokens(REPORT_ITSELF))
    if not fact or not nouns:  # most turns name nothing so: no paragraph to read
        return False
    said = {t for n in _first_paragraphs(fact) if (p := db_corpus.facts.get(f"paragraph:{n}")) for t in tokens(p["en"])}
    return bool(nouns & said) and not nouns & set(tokens(_text_of(fact)))


def _things_told(db_corpus: Corpus, q: Question, key: str) -> set[str]:
    """What a turn names with "the" that the last answer (`key`) or its paragraph speaks of ("what year did the pilot
    start?" after Unite Aware's pilot: that pilot)."""
    fact = db_corpus.facts.get(key)
    if not fact or q.new_topic or "correction" in q.leans:  # "I meant the one where ...": anew
        return set()
    # rare words only: "the mission", "the country" point at nothing in particular
    # (nor what the turn says it did not mean: "not the police, the military - who does ...?")
    said = lexicon_pattern("not_that").sub(" ", simplify(q.text))
    nouns = set(_informative(db_corpus, " ".join(_DEFINITE.findall(said)))) - set(tokens(REPORT_ITSELF))
    paragraphs = [p for n in _first_paragraphs(fact) if (p := db_corpus.facts.get(f"paragraph:{n}"))]
    return nouns & {t for f in [fact, *paragraphs] for t in tokens(_text_of(f))}


# "not that one", "is that right?": no thing
_DEMONSTRATIVE = re.compile(r"\b(?:that|this|those|these) (?!(?:ones?|right|correct|true|accurate)\b)([a-z][a-z-]{2,})\b")


def strays_from(db_corpus: Corpus, q: Question, fact: Fact, key: str) -> bool:
    """The fact answers the turn about something other than the last answer (`key`) it points at: a thing named with
    "those" outside the last answer's paragraph that never names it ("how many people died in those protests?" after
    the demonstrations against MONUSCO), a group's figure of another kind than the last one, or a measure of "its" of
    another mission's, or of none ("what's its annual budget?" after MINUSMA's deadline: not the UN system's
    expenditure)."""
    # ("would you kindly confirm those figures?" names no thing: they are the turn's own)
    said = [w for w in _DEMONSTRATIVE.findall(simplify(q.text)) if not lexicon_pattern("figure_words").fullmatch(w)]
    # ("which restrictions imposed on that mission were lifted?": the mission it names, MINUSCA, whatever it did)
    said = [w for w in said if not (q.missions and lexicon_pattern("mission_ref").fullmatch(f"that {w}"))]
    nouns = {t for word in said for t in tokens(word)}
    nouns |= _things_told(db_corpus, q, key)
    if nouns and not told_with(db_corpus, fact, key) and not nouns & set(tokens(_text_of(fact))):
        return True
    # (a place or "of those" alone: "and how many IDPs does MONUSCO protect in Djugu?" asks a figure of its own)
    # ("那联刚稳定团在朱古县呢？" after MINUSCA's aid: that mission's own figure there, whatever it counts)
    placed = q.names and not q.missions and "followup" in q.leans
    alone = (placed or q.part_of_last) and says_little(db_corpus, q, _places_named(db_corpus, q))
    follows = (q.groups and "followup" in q.leans) or alone
    if follows and of_another_kind(fact, db_corpus.facts.get(key)):
        # "and how many of those are police?", "how many of those are women?" after the personnel deployed: no
        # police heads; "and in South Sudan?" after convictions in three countries: not its survey's states
        return True
    subjects = missions_of(db_corpus, key)
    # ("budget?" after UNMISS's card: its own, not the victims' trust fund's)
    its = asks_its_measure(q) or _only_a_measure(q)
    strays = its and bool(subjects) and not subjects & missions_of(db_corpus, key_of(fact))
    return strays and not _names_its_own(db_corpus, q, fact, key)


def _names_its_own(db_corpus: Corpus, q: Question, fact: Fact, key: str) -> bool:
    """ "And the trust fund supporting victims - what was its budget?": the turn names what "its" is, which the fact
    tells and the last answer (`key`) does not."""
    asked = _without_measures(without_entities(q))
    last = db_corpus.facts.get(key)
    own = set(_informative(db_corpus, asked)) - set(tokens(_text_of(last) if last else ""))
    return bool(own & set(tokens(_text_of(fact))))


def asks_beyond_last(db: Session, q: Question, last: str, limits: dict[str, float] | None = None) -> bool:
    """The question says words of its own that no fact told beside the last answer (`last`, a fact key) uses, and it
    alone finds a fact holding one of them, nearer to it in meaning than the last answer ("where's the 2023
    peacekeeping ministerial being held?" after the PCRS's units; not "what's the meeting for?" after the ministerial,
    whatever else is "meeting" a standard)."""
    if not last or HAN.search(q.text):  # Chinese terms are character pairs, across words too ("支持的": "持的"): no sure sign
        return False
    db_corpus = corpus(db)
    near = set().union(*(tokens(_text_of(db_corpus.facts[k])) for k in near_keys(db_corpus, last)))
    asking = tuple(m.group(0) for m in lexicon_pattern("detail").finditer(simplify(q.text)))  # "which fund"
    if not (new := set(_informative(db_corpus, without_entities(q, asking))) - near):
        return False
    alone = find(db, q, limits)
    if alone.kind == "declined" and alone.reason == "person":
        return True  # "who heads the Department of Peace Operations?" after the 2015 panel's chair: not its chair
    if alone.kind != "answer" or alone.top is None or not new & set(tokens(_text_of(alone.top))):
        return False
    if (key := key_of(alone.top)) == last:
        return False
    nearness = db_corpus.similarity(vector_of(q), [key, last])
    return nearness.get(key, 0.0) > nearness.get(last, 0.0)


def near_keys(db_corpus: Corpus, key: str) -> frozenset[str]:
    """The facts told in the same paragraph as the fact `key`, and the documents that paragraph cites (a mission: the
    facts that tell of it, "what was joint planning key to there?" after MINURSO's card): where a question about a
    detail of that answer looks first."""
    fact = db_corpus.facts.get(key)
    if not fact:
        return frozenset()
    if fact["type"] == "mission":
        return _mission_facts(db_corpus, str(fact["id"])) | {key}
    paragraphs = _first_paragraphs(fact)
    return frozenset(k for k, f in db_corpus.facts.items() if _paragraphs(f) & paragraphs)


def listing(db: Session, what: str) -> list[Fact]:
    if what == "documents":
        return queries.facts(db, "document")
    if what == "priorities":
        return queries.facts(db, "priority") + queries.facts(db, "theme")
    if what == "missions":
        return queries.facts(db, "mission")
    return queries.facts(db, "recommendation")


def wants_list(db: Session, q: Question) -> bool:
    """ "What are the priorities?" asks for a list; "what does it recommend on training?" or "how many
    priorities?" asks something the list does not answer, and so does "what did the Kosovo mission achieve?"."""
    db_corpus = corpus(db)
    return q.asks != "number" and not q.names and is_generic(db_corpus, q) and not _rare_phrase(db_corpus, q)


def _rare_phrase(db_corpus: Corpus, q: Question) -> bool:
    """ "Which missions have joint planning units?": two words, common apart, that the store says together as
    seldom as an informative term alone (see `_informative`) name something specific."""
    limit = _informative_limit(db_corpus)
    words = re.findall(r"[a-z][a-z-]+", simplify(without_entities(q)))
    pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False) if a not in EN_STOPWORDS and b not in EN_STOPWORDS]
    return any(0 < db_corpus.text.count(pair) <= limit for pair in pairs)
