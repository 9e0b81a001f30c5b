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
    contrasts,
    groups_in,
    lexicon_pattern,
    lexicon_table,
    names_of_kind,
    spellings,
)
from actions.store import queries, vectors
from actions.store.corpus import Corpus, corpus
from actions.store.facts import Fact
from actions.store.text import EN_STOPWORDS, HAN, ZH_STOPWORDS, simplify, stem, tokens

EXAMPLES_SHOWN = 4
_FULL_NAME = re.compile(r"\b[A-Z][a-z]+(?:[- ][A-Z][a-z]+)+\b")
NUMERIC_UNITS = ("people", "count", "percent", "usd", "tonnes_per_person_year", "months", "years", "multiple", "points", "times")


@dataclass
class Finding:
    """What to tell the user: facts, how sure we are, and why the report has no answer when it has none."""

    facts: list[Fact] = field(default_factory=list)
    kind: str = "answer"  # answer | closest | mission | declined | report
    mission_examples: list[Fact] = field(default_factory=list)
    # why declined: scope | name | place | year | period | measure | group | country | person | paragraph | footnote
    reason: str = "scope"
    detail: str = ""  # the name, year or measure the report does not give
    # of the top fact, when found by ranking: its BM25 score and cosine similarity, whether the question holds
    # words the report never uses, and how close it is to what a statistic counts
    signals: tuple[float, float, float, float] | None = None

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
    limit = max(2, int(len(db_corpus.facts) * calibration()["informative_share"]))
    return [t for t in tokens(text) if 0 < db_corpus.df.get(t, 0) <= limit and not t.isdigit()]


def without_entities(q: Question, also: tuple[str, ...] = ()) -> str:
    """The question with its named report entities and its question words taken out, and the words `also`."""
    plain = simplify(q.text)
    for span in sorted(q.spans, key=len, reverse=True):
        plain = plain.replace(simplify(span), " ")
    for pattern in [*lexicon_table("asks").values(), *lexicon_table("kinds").values(), lexicon_pattern("overview")]:
        plain = pattern.sub(" ", plain)
    for word in also:
        plain = plain.replace(simplify(word), " ")
    return plain


def says_little(db_corpus: Corpus, q: Question, also: tuple[str, ...] = ()) -> bool:
    """True when a message has no words of its own that single out facts ("so exactly how many in 2016?");
    `also` holds names that add nothing either, such as a named mission's host country."""
    return not _informative(db_corpus, without_entities(q, also))


def is_generic(db_corpus: Corpus, q: Question, also: tuple[str, ...] = ()) -> bool:
    """True when a message only names something ("what about UNIFIL?") and asks nothing specific."""
    return not (q.measures or q.asks in ("number", "date")) and says_little(db_corpus, q, also)


def unknown_names(db_corpus: Corpus, q: Question) -> list[str]:
    """Places, people and acronyms the question names and the report never mentions."""
    found = [n for n in q.names if not any(db_corpus.mentions(s) for s in spellings(n))]
    for match in _FULL_NAME.finditer(q.text):  # "John Smith": two capitalised words the report never uses
        if match.start() > 0 and not any(w in db_corpus.words for w in re.split(r"[- ]", match.group(0).lower())):
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


def names_a_kind(text: str) -> bool:
    """The message asks for a kind of fact: a document, a recommendation, a priority ("which resolution...")."""
    return any(pattern.search(simplify(text)) for pattern in lexicon_table("kinds").values())


def _types(q: Question) -> tuple[str, ...]:
    if q.asks == "number":
        return ("statistic",)
    if q.asks == "date":  # "on which day was the presidential statement": a date, not the document
        return ()
    named = [kind for kind, pattern in lexicon_table("kinds").items() if pattern.search(simplify(q.text))]
    return tuple(named)


@lru_cache(maxsize=2048)  # 2 KB a question: people ask the same questions, and encoding one costs about 4 ms
def _vector(text: str) -> np.ndarray:
    return vectors.embed([text])[0]


def vector_of(q: Question) -> np.ndarray:
    """The question's sentence vector, encoded once however often it is compared."""
    return _vector(q.text)


def candidates(db: Session, q: Question, lang: str, limit: int = 20, within: frozenset[str] | None = None) -> list[Candidate]:
    """Facts for a question from both rankings, by relevance; `within` restricts them to some fact keys."""
    db_corpus = corpus(db)
    types = _types(q)
    queries.load_vocabulary(db)
    # the index files the two themes with the priorities
    index_types = tuple({*types, "priority"} if "theme" in types else types)
    index = db_corpus.index
    bm25 = {db_corpus.key_of(h.key): h.score for h in index.rank(q.text, types=index_types, limit=60)} or {
        db_corpus.key_of(h.key): h.score for h in index.rank(q.text, limit=60)
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
    rest = without_entities(q)
    english = [
        w
        for w in re.findall(r"[a-z][a-z-]{3,}", rest)
        if w not in EN_STOPWORDS and stem(w) not in db_corpus.df and w not in db_corpus.words
    ]
    chinese = [
        w for w in jieba.lcut(rest) if len(w) >= 2 and HAN.search(w) and w not in ZH_STOPWORDS and not db_corpus.mentions(w)
    ]
    return english + chinese


def names_measure(fact: Fact, measure: str) -> bool:
    return bool(lexicon_table("measures")[measure].search(_text_of(fact)))


def _of_the_people_asked(fact: Fact, q: Question) -> bool:
    """A count or a share of people answers only for a kind of people the question names, if it names one
    (see the lexicon's `people`); "how many..." people is answered by a count of people, or a share of them."""
    unit = fact.get("unit")
    if unit not in ("people", "percent"):
        return not q.counts_people
    if not q.people:
        return unit == "people" or not q.counts_people
    kinds = lexicon_table("people")
    return any(kinds[kind].search(_text_of(fact)) for kind in q.people)


def _fits_kind(fact: Fact, q: Question) -> bool:
    if q.asks == "number":  # "how many peacekeepers" is not answered by a number of years, nor of buildings
        durations = fact.get("unit") in ("years", "months")
        return (
            fact["type"] == "statistic"
            and fact.get("unit") in NUMERIC_UNITS
            and _of_the_people_asked(fact, q)
            and (not q.asks_share or fact.get("unit") == "percent")
            and (not q.asks_count or q.asks_share or q.counts_people or fact.get("unit") != "percent")
            and (not durations or bool(lexicon_pattern("duration").search(simplify(q.text))))
        )
    if q.asks == "date":
        text = _text_of(fact)
        return bool(fact.get("unit") == "date" or fact.get("years") or lexicon_pattern("time_said").search(text))
    return True


def other_group(fact: Fact, q: Question) -> str:
    """The category the question names where the fact names another of the same group and not it
    ("illness" asked, "malicious acts" given): the fact is about someone else. Empty when none."""
    named = set(groups_in(_text_of(fact)))
    for members in contrasts().values():
        asked = [m for m in q.groups if m in members]
        if not asked or named & set(asked):
            continue
        # a figure for a category is no figure for anything else ("how many will be killed in 2024?" is not
        # answered by two mental health professionals per mission)
        if named & set(members) or q.asks == "number":
            return asked[0]
    return ""


def gives_name(fact: Fact, kind: str) -> bool:
    """The fact names a mission, a country (a mission names its host country) or a person, as `kind` asks."""
    if kind in ("mission", "country") and (fact.get("missions") or fact["type"] == "mission"):
        return True
    if kind == "mission":
        return False
    return names_of_kind(f"{fact.get('en') or ''} {fact.get('zh') or ''}", kind)


def _of_other_missions(db_corpus: Corpus, key: str, acronym: str) -> bool:
    """ "No, I meant MINUSCA" after MONUSCO's part in the Nairobi process: MONUSCO's facts do not answer."""
    if key in db_corpus.missions.get(acronym, ()):
        return False
    return any(key in keys for keys in db_corpus.missions.values())


def _hosts(db_corpus: Corpus, acronym: str) -> tuple[str, ...]:
    mission = db_corpus.facts.get(f"mission:{acronym}")
    return (mission.get("host_zh") or "", mission.get("host_en") or "") if mission else ("", "")


def _mission_facts(db_corpus: Corpus, acronym: str) -> frozenset[str]:
    return db_corpus.missions.get(acronym, frozenset())


def find_mission(db: Session, acronym: str, page: int = 0) -> Finding:
    """A mission with a page of the examples the report gives of it (the first page again past the end)."""
    mission = queries.fact(db, "mission", acronym)
    examples = [e for e in queries.facts(db, "example") if acronym in e["missions"]]
    start = page * EXAMPLES_SHOWN
    shown = examples[start : start + EXAMPLES_SHOWN] or examples[:EXAMPLES_SHOWN]
    return Finding([mission] if mission else [], "mission", shown)


def _direct(db: Session, q: Question) -> Finding | None:
    """A paragraph, footnote or figure asked for by number."""
    if q.paragraphs:
        found = queries.paragraph(db, q.paragraphs[0])
        return Finding([found]) if found else declined("paragraph", str(q.paragraphs[0]))
    if q.footnotes:
        found = queries.fact(db, "footnote", str(q.footnotes[0]))
        return Finding([found]) if found else declined("footnote", str(q.footnotes[0]))
    if q.figures and (found := queries.fact(db, "figure", q.figures[0])):
        return Finding([found])
    return None


def find(db: Session, q: Question, limits: dict[str, float] | None = None) -> Finding:
    """The facts answering `q`, or why the report does not answer it."""
    direct = _direct(db, q)
    if direct:
        return direct
    db_corpus = corpus(db)
    if no_answer := refused(db_corpus, q):
        return no_answer
    if q.about_report and is_generic(db_corpus, q, ("s/2023/646",)) and (first := queries.paragraph(db, 1)):
        return Finding([first], "report")
    if q.missions:
        # "when did UNMIL close?" asks a date, which its card does not give
        if q.asks not in ("number", "date") and is_generic(db_corpus, q, _hosts(db_corpus, q.missions[0])):
            return find_mission(db, q.missions[0])
    if q.priorities and q.asks != "number" and (found := queries.fact(db, "priority", q.priorities[0])):
        return Finding([found])
    if q.documents and is_generic(db_corpus, q) and (found := queries.fact(db, "document", q.documents[0])):
        return Finding([found])
    # thresholds are calibrated on questions in their own language: an English question re-asked for a Chinese
    # reply ("那2016年呢？" after one in English) keeps the English scale
    lang = detect(q.text)
    finding = answerable(db, q, lang, limits=limits)
    if finding.kind != "answer" and not limits and searches_in_english(db_corpus, q):
        # "UNMISS 在 Tambura 建立了什么？": its Chinese words are question words, its English ones search
        in_english = answerable(db, q, "en")
        return in_english if in_english.kind == "answer" else finding
    return finding


def searches_in_english(db_corpus: Corpus, q: Question) -> bool:
    """A Chinese question holds English words of the report's, besides people's names and its own entities."""
    if not HAN.search(q.text):
        return False
    rest = without_entities(q, tuple(n for n in q.names if names_of_kind(n, "person")))
    return any(len(w) >= 4 and w in db_corpus.words for w in re.findall(r"[a-z][a-z-]+", rest))


def hosted_in(db_corpus: Corpus, place: str) -> list[str]:
    """The missions a place hosts ("Cyprus": UNFICYP)."""
    spelled = [simplify(s) for s in spellings(place)]
    return [acronym for acronym, host in db_corpus.hosts.items() if any(s in host for s in spelled)]


def _speaks_of(db_corpus: Corpus, fact: Fact, key: str, place: str) -> bool:
    """The fact names the place, or speaks of a mission the place hosts."""
    if any(simplify(s) in _text_of(fact) for s in spellings(place)):
        return True
    return any(key in db_corpus.missions.get(acronym, ()) for acronym in hosted_in(db_corpus, place))


def holds_period(fact: Fact, period: str) -> bool:
    """The fact is for that month ("2023-06") or budget year ("2021/22"): "as of May 2023" does not answer
    "in June 2023", nor the 2022/23 budget year "in 2021/22"."""
    text = re.sub(r"\s+", "", _text_of(fact))
    if "/" in period:
        first, _, tail = period.partition("/")
        return period in text or f"{first}/{first[:2]}{tail}" in text
    year, month = period.split("-")
    return str(fact.get("as_of") or "").startswith(period) or bool(
        re.search(rf"{calendar.month_name[int(month)].lower()}{year}|{year}年0?{int(month)}月", text)
    )


def answerable(  # noqa: C901 - the question's constraints one after another; to split in the answering rework
    db: Session, q: Question, lang: str, within: frozenset[str] | None = None, limits: dict[str, float] | None = None
) -> Finding:
    """The best candidate that meets every constraint of the question and is relevant enough; else a decline,
    with the nearest thing the report does give when there is one. `Finding.signals` says why."""
    db_corpus = corpus(db)
    limits = limits or calibration()["thresholds"][lang]
    if q.missions and within is None:
        own = db_corpus.missions.get(q.missions[0], frozenset())
        inside = answerable(db, q, lang, own, limits)
        # a figure, a date or a measure asked of a mission must be the mission's own
        if inside.kind == "answer" or q.measures or q.asks in ("number", "date"):
            return inside
    hosted = [m for place in q.names for m in hosted_in(db_corpus, place)]
    if len(hosted) == 1 and within is None and not q.missions:  # "the force in Cyprus": its mission's facts first
        inside = answerable(db, dataclasses.replace(q, missions=tuple(hosted)), lang, None, limits)
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
    hosts = tuple(n for m in q.missions for n in _hosts(db_corpus, m)) + q.names
    others = [c for c in ranked if c.fact["type"] != "mission"]
    specific = relevance(others[0], lang) >= limits["answer"] and not says_little(db_corpus, q, hosts) if others else False
    if specific or q.asks in ("number", "date"):  # nor does a card give a figure or a date
        ranked = others
    if q.measures and not any(names_measure(c.fact, m) for c in ranked for m in q.measures):
        return declined("measure", q.measures[0])
    found = [c for c in ranked if relevance(c, lang) >= floor]
    if not found:
        return declined()
    for place in q.names:  # the places and people the report does mention (the others are declined before)
        found = [c for c in found if _speaks_of(db_corpus, c.fact, c.key, place)]
        if not found:
            return declined("place", place)
    fitting = [c for c in found if all(names_measure(c.fact, m) for m in q.measures)]
    if not fitting:
        return declined("measure", q.measures[0])
    years = [y for y in q.years if not any(m.startswith(str(y)) for m in q.months)]  # a month's year: see periods
    if years:
        every = all if q.exact_year else any  # "in 2021 and 2022" needs both; a budget year "2022/23" either
        dated = [c for c in fitting if every(holds_year(c.fact, y, q.exact_year) for y in years)]
        # a figure for a year it does not give: asked for, or what the question finds ("the target for 2025?")
        figure = q.asks in ("number", "date") or q.measures or fitting[0].fact["type"] == "statistic"
        if not dated and figure:
            return declined("year", "/".join(map(str, years)), fitting[0].fact)
        fitting = dated or fitting
    fitting = _focused(fitting, q)
    periods = q.months + q.budget_years
    if periods:
        # among the few facts that speak to the question: a figure for June from an unrelated fact is no answer
        timed = [c for c in fitting[:3] if all(holds_period(c.fact, p) for p in periods)]
        if not timed and (q.asks in ("number", "date") or q.measures):
            return declined("period", periods[0], fitting[0].fact)
        fitting = timed or fitting
    kind_fits = [c for c in fitting if _fits_kind(c.fact, q)]
    if not kind_fits and q.asks in ("number", "date"):  # "how many" by a count, "when" by a date, never a passage
        if periods or q.years:  # the nearest figure, worded as not the one asked for
            return (
                declined("period", periods[0], fitting[0].fact) if periods else declined("year", str(q.years[0]), fitting[0].fact)
            )
        return declined()
    kind_fits = _focused(_closest_label(db_corpus, kind_fits or fitting, q.text, lang), q)
    if q.name_asked:  # among the few facts that speak to the question, those that give the name asked
        named = [c for c in kind_fits[:3] if gives_name(c.fact, q.name_asked)]
        if not named:
            return declined(q.name_asked, nearest=kind_fits[0].fact)
        kind_fits = named
    best = kind_fits[0]
    if group := other_group(best.fact, q):
        return declined("group", group, best.fact)
    missing = bool(missing_terms(db_corpus, q))
    counts = db_corpus.label_similarity(vector_of(q), best.key) if q.asks == "number" else 1.0
    signals = (best.bm25, best.cosine, float(missing), counts)
    if (missing and best.cosine < limits["unknown_cosine"] and not typed) or counts < limits["label_cosine"]:
        return Finding([best.fact], "closest", signals=signals)
    if relevance(best, lang) >= limits["answer"] or typed:
        return Finding([c.fact for c in kind_fits[:3]], signals=signals)
    return Finding([best.fact], "closest", signals=signals)


def _focused(found: list[Candidate], q: Question) -> list[Candidate]:
    """ "And for the police?", "那二把手呢？": facts that speak of what this turn changed come first."""
    if not q.focus:
        return found
    focus = set(tokens(q.focus)) - set(tokens(q.text.replace(q.focus, "")))
    return sorted(found, key=lambda c: not (focus & set(tokens(_text_of(c.fact)))))


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


def detail(db: Session, q: Question, amended: Question, lang: str, last: str) -> Finding | None:
    """A question about a detail of the last answer (`last`, a fact key) answered from its paragraph: the
    fact of the kind asked ("when was that?": a date, "which resolution?": a document), ranked by the question
    `amended` with the last one, else the paragraph itself; None when the paragraph does not hold it."""
    db_corpus = corpus(db)
    types = _types(q)
    if not types and q.asks in ("other", "definition", "happened"):
        paragraphs = sorted(_paragraphs(db_corpus.facts[last])) if last in db_corpus.facts else []
        found = db_corpus.facts.get(f"paragraph:{paragraphs[0]}") if paragraphs else None
        return Finding([found]) if found and "detail" in q.leans else None
    # the paragraph narrows the question down: no relevance bar, but every other check (a count must still be
    # what was asked)
    # what this turn asks, about the last one's subject; the places it named are that paragraph's own
    asked = dataclasses.replace(amended, asks=q.asks, names=q.names)
    scale = detect(asked.text)
    unbarred = {**calibration()["thresholds"][scale], "answer": float("-inf"), "closest": float("-inf")}
    # the last answer itself only when it gives the name asked ("which mission's lessons were used?") or the
    # figure asked of it in its own words ("how many had that conflict displaced?", not "how many of them by
    # explosive devices?")
    told = db_corpus.facts.get(last)
    figure = (
        told is not None
        and {"pronoun", "detail"} & set(q.leans)
        and q.asks in ("number", "date")
        and _fits_kind(told, q)
        and set(_informative(db_corpus, without_entities(q))) <= set(tokens(_text_of(told)))
    )
    near = near_keys(db_corpus, last) - (set() if q.name_asked or figure else {last})
    answer = answerable(db, asked, scale, frozenset(near), unbarred)
    return answer if answer.kind == "answer" and answer.top and (answer.top["type"] in types if types else True) else None


def _paragraphs(fact: Fact) -> set[int]:
    cited = fact.get("paragraph")
    return set(cited) if isinstance(cited, list) else {cited} if cited else set()


def near_keys(db_corpus: Corpus, key: str) -> frozenset[str]:
    """The facts told in the same paragraph as the fact `key` (a mission or priority: in its first one),
    and the documents that paragraph cites: where a question about a detail of that answer looks first."""
    fact = db_corpus.facts.get(key)
    if not fact:
        return frozenset()
    paragraphs = _paragraphs(fact)
    if fact["type"] in ("mission", "priority", "theme"):
        paragraphs = set(sorted(paragraphs)[:1])
    return frozenset(k for k, f in db_corpus.facts.items() if _paragraphs(f) & paragraphs)


def listing(db: Session, what: str) -> list[Fact]:
    if what == "priorities":
        return queries.facts(db, "priority") + queries.facts(db, "theme")
    if what == "missions":
        return queries.facts(db, "mission")
    return queries.facts(db, "recommendation")


def wants_list(db: Session, q: Question) -> bool:
    """ "What are the priorities?" asks for a list; "what does it recommend on training?" or "how many
    priorities?" asks something the list does not answer, and so does "what did the Kosovo mission achieve?"."""
    return q.asks != "number" and not q.names and is_generic(corpus(db), q)
