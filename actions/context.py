"""What a conversation is about, kept in slots (so it survives a restart with a persistent tracker store),
and how a turn that is not complete on its own is read against it.

- an ellipsis ("and since 2013?", "and for the police?", "那2022年呢？") re-asks the last question with
  the changed part: new years replace the old ones, a new mission the old one, other words are added;
- a correction ("no, I meant MINUSCA", "不对，是联黎部队") does the same with what follows the marker;
- a question about a detail of the last answer ("when was that?", "which resolution says so?", "它是谁做的？")
  is first looked for among the facts of the last answer's paragraph;
- a turn going back to an earlier answer ("back to the first one - as of which month?", "going back, what was the
  number of member states again?") is read as a follow-up on that answer.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.answering import Finding
from actions.question import (
    Question,
    analyse,
    groups_in,
    lexicon,
    lexicon_pattern,
    lexicon_table,
    merged_groups,
    replaced_in,
    unplaced,
    with_topic,
)
from actions.store.facts import key_of
from actions.store.text import simplify, tokens

SLOTS = ("last_query", "last_fact", "last_mission")
EARLIER_SLOT = "earlier_answers"
# The answers before the last one a turn may go back to: three covers every dialogue of the development sets
# (tests/dev70 goes back two answers at most).
EARLIER_KEPT = 3
# with the words that place a time within it: "mid-2021" leaves no "mid-" behind, "2021年年中" no "年中"
_YEAR = re.compile(
    r"(?:\b(?:(?:mid|early|late)-?|(?:the )?(?:end|start|beginning|middle) of)\s*)?"
    r"(?<!\d)(?:19|20)\d\d(?:\s*[/-]\s*(?:19|20)?\d\d)?(?!\d)\s*年?度?(?:年中|年初|年底|年末)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Context:
    query: str = ""  # the last question, as it was finally understood
    fact: str = ""  # "type:id" of the last answer
    mission: str = ""
    earlier: tuple[str, ...] = ()  # the answers before it, oldest first: "<fact key>\t<question>"

    def answers_before(self) -> list[tuple[str, str]]:
        """The answers before the last, oldest first, each as (fact key, question)."""
        return [(fact, query) for fact, _, query in (e.partition("\t") for e in self.earlier)]


def of(tracker: Tracker) -> Context:
    earlier = tracker.get_slot(EARLIER_SLOT)
    kept = tuple(e for e in earlier if isinstance(e, str) and "\t" in e) if isinstance(earlier, list) else ()
    query, fact, mission = (str(tracker.get_slot(name) or "") for name in SLOTS)
    return Context(query, fact, mission, kept[-EARLIER_KEPT:])


def remember(finding: Finding, query: str, ctx: Context | None = None) -> list[EventType]:
    """The slots that change: the question understood and what answered it, and, after another answer in the
    conversation `ctx`, that answer among the earlier ones."""
    top = finding.top if finding.kind != "declined" else None  # a decline's nearest figure is not its answer
    if ctx and ctx.fact and (not top or key_of(top) != ctx.fact):
        earlier = [e for e in ctx.earlier if not e.startswith(f"{ctx.fact}\t")]
        events_before = [SlotSet(EARLIER_SLOT, [*earlier, f"{ctx.fact}\t{ctx.query}"][-EARLIER_KEPT:])]
    else:
        events_before = []
    if finding.reason == "name" and finding.detail:  # "... chaired by Kofi Annan, right?", then "who chaired it then?"
        query = query.replace(finding.detail, " ")
    events: list[EventType] = [SlotSet("last_query", query[:500]), SlotSet("last_fact", None)]
    if top:
        key = key_of(top)
        events[-1] = SlotSet("last_fact", key)
        missions = [top["id"]] if top["type"] == "mission" else top.get("missions") or []
        if missions:
            events.append(SlotSet("last_mission", missions[0]))
    return [*events_before, *events]


def gone_back(text: str, ctx: Context, held: Callable[[str, str], float]) -> tuple[str, Context] | None:
    """A turn going back to an earlier answer than the last (or to the first, when it is the only one): what it asks,
    and the conversation as it stood after that answer. "Back to the first one - as of which month?" goes back to the
    first; "ok back to the specialists, max how many per mission?" to the one whose fact `held` holds most of the turn's
    words, else to the one before the last; None for any other turn, or one whose words the last answer holds best
    ("going back to the 2000 panel, ...")."""
    plain = simplify(text)
    match = lexicon_pattern("gone_back").search(plain)
    if not match or not (ctx.fact or ctx.earlier):
        return None
    # in the message's own case where simplifying kept every offset: "cpas" is read less surely than "CPAS"
    said = text if len(text) == len(plain) else plain
    rest = f"{said[: match.start()]} {said[match.end() :]}".strip(" ,，.。:：;；-–—")
    if not ctx.earlier:  # one answer so far: the first is the last ("go back to the first thing you told me - ...")
        return (rest, ctx) if rest and lexicon_pattern("the_first").search(match.group(0)) else None
    answers = ctx.answers_before()
    if lexicon_pattern("the_first").search(match.group(0)):
        fact, query = answers[0]
    else:
        order = [answers[-1], *reversed(answers[:-1]), (ctx.fact, ctx.query)]
        fact, query = max(order, key=lambda a: held(plain, a[0]))  # the first of the best, in that order
        if fact == ctx.fact:
            return None
    if held(match.group(0), fact) > 0:  # "back to Elsie - which missions used its funding ...?": it says what about
        return said, Context(earlier=ctx.earlier)
    return rest or query, Context(query, fact, earlier=ctx.earlier)


def _correction(q: Question) -> tuple[str, str]:
    """What a correction says instead, and the end of it that says what it did not mean (empty when none); the
    message itself when it is no correction."""
    plain = simplify(q.text)
    match = lexicon_pattern("correction").search(plain)
    if not match:
        return plain, ""
    rest = plain if match.group(0) == "not" else plain[match.end() :]  # ("not South Sudan, CAR": what it did not mean)
    said = lexicon_pattern("not_that").sub("", rest.strip(" ,，-–—:;"))
    rejected = lexicon_pattern("not_meant").search(rest)
    return lexicon_pattern("not_meant").sub("", said), rejected.group(0) if rejected else ""


def said_instead(q: Question) -> str:
    """What a correction says instead ("no, I meant MINUSCA" -> "MINUSCA"; "I meant the police, not the military"
    -> "the police")."""
    said, _ = _correction(q)
    return said.strip(" ,，。.!！")


_ASKED_AFTER = re.compile(r"\s(?:-|–|—)\s|[,，.。:：;；]\s*")


def meant_then_asked(said: str) -> bool:
    """What a correction says instead names something, then asks of it: "MINUSCA - how many ... thanks to it?",
    "the FPU evaluations, how often are those done?"."""
    parts = _ASKED_AFTER.split(said, maxsplit=1)
    asking = lexicon_pattern("interrogative")
    return len(parts) == 2 and bool(parts[0].strip()) and not asking.search(parts[0]) and bool(asking.search(parts[1]))


def one_meant_then_asked(said: str, narrowed: Callable[[str], str]) -> str | None:
    """ "the one in lebanon - where exactly did it happen?" after "any example of disinformation leading to violence
    against peacekeepers?" (dev127): the question asked of the last question's subject `narrowed` as said ("where
    exactly did in lebanon any example of ... happen?"); None when the correction does not say so."""
    parts = _ASKED_AFTER.split(said, maxsplit=1)
    one = _THE_ONE.match(simplify(parts[0]))
    if not one or not meant_then_asked(said):
        return None
    return with_topic(parts[1], narrowed(simplify(parts[0])[one.start(3) :]).rstrip(" ?？.!。"))


def asked_of_instead(said: str, last: str) -> str | None:
    """ "who chaired the 2000 panel on United Nations peace operations?", then "sorry, wrong one - the 2015 high-level
    independent panel" (dev130): the last question asked of the thing the correction names instead; None when the
    last question asked for a thing of that kind ("which resolution ...?": the correction names the one it meant)."""
    plain, before = simplify(said).rstrip(" ?.!"), simplify(last)
    words = re.findall(r"[a-z]+", plain)
    # (not one asking of its own: "the other panel, the one 15 yrs later. whats the doc symbol for its report?")
    if not words or words[-1] not in lexicon()["things_named"] or lexicon_pattern("interrogative").search(plain):
        return None
    thing = words[-1]
    # the nearest article before the thing, and what it is of or on ("the 2000 panel on United Nations peace operations")
    named = re.search(rf"\b(the|a|an)\s+((?!the\b|of\b)[^\s?.!,;]+\s+){{0,5}}?{thing}s?\b(\s+(on|of|for)\s+[^?.!,;]*)?", before)
    if not named or re.search(rf"\b(which|what)\s+([\w-]+\s+)?{thing}", before):
        return None
    return f"{before[: named.start()]}{plain}{before[named.end() :]}"


def asks_anew(said: str) -> bool:
    """What a correction says instead is a question of its own, however short ("no, I meant when did the Security
    Council ask for this report", "sorry, I meant in which year was the peace agreement signed")."""
    return bool(_ASKS_FIRST.match(simplify(said))) and len(said.split()) >= 5


_ASKS_FIRST = re.compile(r"((in|on|at|for|by|from|since|under|to|with|of) )?(when|where|who|whom|what|which|how|why)\b")


def figure_of_another(said: str, last: str) -> bool:
    """What a correction says instead names a figure of a thing the last question did not name ("no sorry, I meant the
    total number of pledges registered at the start of 2022/23" after units verified, dev182); not one of the same
    thing ("I meant the share of deputy heads" after heads, "the count of units deployed" after units verified)."""
    if not (figure := _FIGURE_OF.match(simplify(said))) or len(said.split()) < 5:
        return False
    return not set(tokens(figure.group(1))) & set(tokens(last))


_FIGURE_OF = re.compile(r"(?:the )?(?:(?:total|exact|overall) )?(?:number|share|percentage|proportion|count) of (?:the )?(\S+)")


def other_of_kind(said: str, last: str) -> bool:
    """What a correction says instead is another of the kind the last question asked for ("which resolution ...?",
    then "I meant the resolution on accountability" or "the one on accountability"), asking nothing of its own."""
    plain, before = simplify(said), simplify(last)
    if lexicon_pattern("interrogative").search(plain):
        return False
    one = bool(_THE_ONE.match(plain))  # "I meant the one on accountability ...": one of the kind last asked for
    if any((one or kind.search(plain)) and kind.search(before) for kind in lexicon_table("kinds").values()):
        return True
    # "I meant the 2015 High-level Independent Panel report" after the 2000 panel's: another of the thing last asked of,
    # named in words of its own
    words, things = re.findall(r"[a-z]+", plain), lexicon()["things_named"]
    return len(words) >= 4 and words[-1] in things and words[-1] in re.findall(r"[a-z]+", before)


_THE_ONE = re.compile(r"(the|that|this) (other )?ones? (on|about|for|from|in|of|with|that|which|under|adopted|issued)\b")


def _not_meant(q: Question) -> list[str]:
    """The words a correction says it did not mean ("..., not users" -> ["users"]), to drop from the last question."""
    _, rejected = _correction(q)
    said = re.sub(r"^[,，\s]*(not|rather than|instead of|而不是|而非|并非|不是)\s*(the\s+)?", "", rejected)
    return [w for w in re.split(r"[\s,，.。!！]+", said) if w]


def _year_before(q: Question, last: Question) -> str:
    """ "And the year before?": the year or budget year before the last question's, when it asked one."""
    if not lexicon_pattern("year_before").search(simplify(q.text)) or q.years or q.budget_years:
        return ""
    if last.budget_years:
        start = int(last.budget_years[0][:4]) - 1
        return f"{start}/{(start + 1) % 100:02d}"
    return f"in {max(last.years) - 1}" if last.years else ""


def _topic(query: str) -> str:
    """The last question without its years: the part an ellipsis keeps."""
    return _YEAR.sub(" ", query)


def undated(q: Question) -> Question:
    """The question without the years it was asked for."""
    return dataclasses.replace(q, text=_topic(q.text), years=(), exact_year=False)


_NUMBERED = re.compile(r"\b(?:no\.?|number|#)\s*([1-7])\b|^\W*(?:and|what about|how about)\s+([1-7])\s*[?？]?\s*$", re.IGNORECASE)


# the numbered things "the next one" steps through, as the Question field that names them
_STEPPED = {"priority": "priorities", "paragraph": "paragraphs", "footnote": "footnotes", "figure": "figures"}


def step_of(text: str) -> int:
    """1 for "and the next one?", -1 for "the one before?", else 0."""
    said = simplify(text)
    return 1 if lexicon_pattern("next_one").search(said) else -1 if lexicon_pattern("previous_one").search(said) else 0


def _stepped(q: Question, ctx: Context) -> Question | None:
    """ "And the next one?" after priority 1, paragraph 12 or footnote 3: priority 2, paragraph 13, footnote 4."""
    kind, _, number = ctx.fact.partition(":")
    step = step_of(q.text)
    if not step or kind not in _STEPPED or not (digits := re.sub(r"\D", "", number)):
        return None
    value = int(digits) + step
    named: dict[str, Any] = {_STEPPED[kind]: ({"priority": f"P{value}", "figure": str(value)}.get(kind, value),)}
    return dataclasses.replace(q, **named, leans=(), new_topic=True) if value > 0 else None


def numbered_as_last(q: Question, ctx: Context) -> Question:
    """ "And 5?", "whats no. 6 called?" after a priority or a question about them: the priority of that number; "and
    the next one?" after a numbered thing, the one after it."""
    if stepped := _stepped(q, ctx):
        return stepped
    about = ctx.fact.startswith("priority:") or re.search(r"priorit|优先事项", ctx.query, re.IGNORECASE)
    number = _NUMBERED.search(q.text) if about and not q.priorities else None
    return dataclasses.replace(q, priorities=(f"P{number.group(1) or number.group(2)}",)) if number else q


def with_last_mission(q: Question, ctx: Context, missions_in: Callable[[str], list[dict[str, Any]]]) -> Question:
    """ "By what date does the mission have to leave?": the mission the last answer or question was about."""
    if q.missions or not lexicon_pattern("mission_ref").search(simplify(q.text)):
        return q
    last = (ctx.mission,) if ctx.mission else analyse(ctx.query, missions_in(ctx.query)).missions
    return dataclasses.replace(q, missions=last[:1], leans=(*q.leans, "pronoun")) if last else q


def _asks(q: Question, last: Question, ctx: Context) -> str:
    """What an amended question asks: this turn's kind, else the last one's; "and in 2019 alone?", "and in South
    Sudan?" after a figure asks a figure, however the last question was worded ("peacekeepers killed since 2013?",
    "So 71 people have been convicted since 2019 in CAR, the DRC and Mali.")."""
    # "which SC resolution is the Secretariat acting under?" after a figure asks a document ("and cross-cutting themes?"
    # after "how many priorities?" still a count)
    said = simplify(q.text)
    if q.asks == "other" and lexicon_pattern("interrogative").search(said) and lexicon_table("kinds")["document"].search(said):
        return "other"
    if q.asks != "other" or last.asks != "other":
        return q.asks if q.asks != "other" else last.asks
    changed = q.years or (q.names and len(q.text.split()) <= 4)  # "and in South Sudan?", not "..., how was ...?"
    return "number" if changed and ctx.fact.startswith(("statistic:", "figure:")) else "other"


def asks_again(q: Question, ctx: Context, correct: Callable[[str], str]) -> bool:
    """The turn asks what the last question asked (a number, a name, a date) and changes no part of it: it asks
    that of something else the last answer told ("and who chaired that one?")."""
    changed = q.years or q.months or q.budget_years or q.missions or q.names or q.groups
    if not ctx.query or q.asks == "other" or changed:
        return False
    last = analyse(ctx.query, [], correct)
    # ("with the month and year?" after "when was A4P launched?" asks that date more finely)
    return last.asks == q.asks and not {"month", "day"} & (set(q.constraints) - set(last.constraints))


def _own_count(q: Question, read: Question) -> dict[str, Any]:
    """What an amended question counts: what this turn counts when it says so ("and how many mentions ...?" after
    "by how many unique users?"), else what the last question and this turn, read together, count."""
    own = lexicon_pattern("counts_own").search(simplify(q.text))
    chosen = q if own else read
    # the people this turn names are those counted ("how many of them were women?": women, not all peacekeepers)
    # and a share this turn asks is asked ("那妇女的参与比例呢？" after 200 participants: their share, not a count)
    return {
        "counts_people": chosen.counts_people,
        "people": q.people or chosen.people,
        "counted": chosen.counted,
        "asks_share": q.asks_share or read.asks_share,
    }


def leans_on_context(q: Question, ctx: Context) -> bool:
    return bool(ctx.query) and bool({"followup", "correction"} & set(q.leans))


def unmissioned(text: str, missions_in: Callable[[str], list[dict[str, Any]]]) -> str:
    """The text without the missions it names."""
    for e in missions_in(text):
        text = text.replace(text[e["start"] : e["end"]], " ")
    return text


def amended(
    q: Question,
    ctx: Context,
    correct: Callable[[str], str],
    missions_in: Callable[[str], list[dict[str, Any]]],
    own_words: bool = False,
    whole: bool = False,
) -> Question:
    """The last question with this turn's changes: its years, its mission, its other words. A turn asking in
    `own_words` ("and what happened to the number of civil servants across the country with its support?" after
    MINUSCA in Sam Ouandja) keeps the last question's places only when it points at them ("how many are there?"); a
    `whole` one, long, its times too."""
    said = said_instead(q) if "correction" in q.leans else q.text
    said = lexicon_pattern("followup").sub(" ", simplify(said)).strip()
    last = analyse(ctx.query, missions_in(ctx.query), correct)
    before = _year_before(q, last)
    # "and now?", "and the panel fifteen years later?": not the last question's years
    moved = not q.years and any(lexicon_pattern(kind).search(simplify(q.text)) for kind in ("present", "relative_time"))
    # nor a count a `whole` turn names in its own words ("And how many uniformed and civilian personnel were serving ...,
    # as of which date?" after the operations since 1948, dev162), unless over the same time
    own_count = whole and lexicon_pattern("counts_own").search(simplify(q.text))
    moved = moved or bool(own_count and not q.years and not lexicon_pattern("same_time").search(simplify(q.text)))
    topic = _topic(ctx.query) if q.years or before or moved else ctx.query
    # (a correction's own categories, not those it rejects: "sorry, not deaths: how many were injured ...?", dev151)
    groups = groups_in(said) if "correction" in q.leans else q.groups
    topic = replaced_in(simplify(topic), groups) if groups else topic
    rejected = _not_meant(q) if "correction" in q.leans else []
    for word in rejected:  # "..., not users": the last question's users
        stem = re.sub(r"(ies|s)$", "", word) if word.isascii() else word  # "not the deputies": "deputy heads"
        topic = re.sub(
            rf"\b{re.escape(stem)}(?:y|ies|e?s)?\b" if word.isascii() else re.escape(word), " ", topic, flags=re.IGNORECASE
        )
    # ("sorry, not South Sudan, the Central African Republic": the places it says instead)
    names = tuple(n for n in q.names if simplify(n) in said) if "correction" in q.leans else q.names
    # "no, MINUSCA not MINUSMA", "not South Sudan, CAR", "and in Mali?": the last question's mission is no longer
    # searched for
    if q.missions or names:
        topic = unmissioned(topic, missions_in)
    if names:  # nor, after "and what about the DRC?", the last question's "in CAR"
        topic = unplaced(topic, last.names)
    text = f"{said} {before} {topic}".strip()
    read = analyse(text, missions_in(text), correct)
    return dataclasses.replace(
        read,
        missions=q.missions or (() if names else last.missions),  # "and in the DRC?": not the last mission
        # "and what is priority 5 about?": the report's things this turn names (the re-read finds missions only)
        priorities=q.priorities,
        documents=q.documents,
        figures=q.figures,
        paragraphs=q.paragraphs,  # "and how long ..., in the closing paragraph?"
        # "no, I meant MINUSCA in Sam Ouandja": its places, not the last ones
        # (not one it says it did not mean: "Oops, maybe not Nairobi. Where is it being held?", dev154)
        names=names
        or tuple(
            n
            for n in (last.names if not own_words or lexicon_pattern("place_ref").search(simplify(q.text)) else ())
            if not set(simplify(n).split()) <= set(rejected)
        ),
        years=q.years or (read.years if before else () if moved else last.years),
        # a month is when the last figure stood, not part of what is asked again: "and in justice and
        # corrections?" after "in May 2023" wants that group's figure, which carries its own date
        months=q.months,
        # "of those, from explosives?": a part of the last figure, of its own kind, not held to the last one's
        groups=groups if q.part_of_last else merged_groups(groups, last.groups),
        # "and in 2021?" asks the last measure again; "how many did it help?" after a budget asks no budget, nor
        # does "and how many people did it support directly?", a head count
        measures=q.measures or (last.measures if {"followup", "correction"} & set(q.leans) and not q.counts_people else ()),
        exact_year=q.exact_year if q.years or moved else (read.exact_year if before else last.exact_year),
        **_own_count(q, read),
        focus=said,
        asks=_asks(q, last, ctx),
        # "what about the trust fund, how many projects...?" after "which missions...?" asks no mission's name
        name_asked=q.name_asked if q.asks != "other" else read.name_asked,
        leans=(),
    )
