"""Custom actions: thin wrappers that look a fact up (answering) and word it (replies)."""

from __future__ import annotations

import dataclasses
import re
from abc import ABCMeta, abstractmethod
from typing import Any, TypedDict

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import answering, context, replies, wording
from actions.language import LANGUAGE_SLOT, channel_metadata, detect, reply_language
from actions.question import (
    Question,
    acknowledges,
    after_introduction,
    analyse,
    asks_about_the_report,
    introduced_topic,
    introduces,
    lexicon,
    lexicon_pattern,
    lexicon_table,
    message_sentences,
    names_in,
    two_questions,
    unplaced,
    without_affiliation,
    written_out,
)
from actions.quiz import class_chat, practice, sessions, words
from actions.store import queries
from actions.store.corpus import Corpus, corpus
from actions.store.db import session
from actions.store.facts import Fact, first_paragraph, in_lang, key_of, paragraphs
from actions.store.text import HAN, aligned, simplify, stem, tokens

MAX_QUERY = 2000  # characters of a message worth ranking; the rest of a paste adds nothing


def _values(entities: list[dict[str, Any]], name: str) -> list[str]:
    return [str(e["value"]) for e in entities if e.get("entity") == name]


def _message(tracker: Tracker) -> tuple[str, list[dict[str, Any]], str | None]:
    """The latest message, without a stop word or a pass opening it ("quit quiz. which mission...?", "no idea lol.
    which mission ...?"), blanked so that the entities' offsets still hold; its entities and intent."""
    latest = tracker.latest_message
    text = (latest.get("text") or "")[:MAX_QUERY]
    text = " " * (opening := words.stop_before(text) or words.skip_before(text)) + text[opening:]
    return text, latest.get("entities") or [], (latest.get("intent") or {}).get("name")


def _reply(finding: answering.Finding, lang: str) -> str:
    if finding.kind == "declined" or not finding.top:
        return replies.declined_answer(finding.reason, finding.detail, finding.top, lang)
    if finding.kind == "report":
        return replies.report_answer(lang)
    if finding.kind == "mission":
        return replies.mission_answer(finding.top, finding.mission_examples, lang)
    if finding.kind == "closest":
        return replies.closest_answer(finding.top, lang)
    if finding.kind == "list":
        return replies.list_answer("documents", finding.facts, lang)
    if finding.several:
        # (one line for facts that say the same: the 12 operations and women's 29% of their senior posts)
        return "\n".join(replies.fact_answer(fact, lang) for fact in _said_once(finding.facts))
    return replies.fact_answer(finding.top, lang)


def _said_once(facts: list[Fact]) -> list[Fact]:
    """The facts, each answer said once: two statistics of one sentence of the report may answer in its words. Other
    facts are kept by key (the documents one footnote cites share its description, and are each told)."""
    said: dict[str, Fact] = {}
    for fact in facts:
        said.setdefault(re.sub(r"\s+", "", str(fact["zh"])) if fact["type"] == "statistic" else key_of(fact), fact)
    return list(said.values())


# A turn this short that points back ("when was that?", "它是谁做的？") is first read as a question about
# the last answer; a longer one stands on its own. 96% of the later turns of the dev sets' dialogues (tests/dev,
# dev2, dev3: 205 of 213) have at most 12 words.
DETAIL_WORDS = 12


def _words(text: str) -> int:
    return len(re.findall(r"\w+(?:'\w+)?", text)) + len(HAN.findall(text)) // 2


def understand(
    db: Session,
    text: str,
    entities: list[dict[str, Any]],
    ctx: context.Context,
    lang: str,
    followup: bool = False,
    limits: dict[str, float] | None = None,
    whole: bool = False,
) -> tuple[answering.Finding, str]:
    """The finding for a message read in its conversation, and the question as finally understood; `whole` reads a
    question understood before as one (a follow-up's "and 2019? how many ... killed in ?" is no two questions)."""
    if (compared := _compared_with(db, text, ctx)) is not None:
        # "how does that compare with women's share of all senior posts?": that share, told after the last answer
        other, understood = understand(db, compared, [], ctx, lang, True, limits, whole)
        return _after_the_last(db, other, ctx), understood
    text, entities = _what_is_asked(db, text, entities, ctx)
    if not whole and (parts := two_questions(text)) and (both := _both(db, parts, ctx, lang, followup, limits)):
        return both[0], text  # (both asked again: "please repeat that in Chinese" tells both)
    finding, read = _read(db, text, entities, ctx, lang, followup, limits)
    if _of_another_place(db, text, entities, ctx, finding):
        finding = answering.declined()
    seat = read.asks == "where" and lexicon_pattern("seat_asked").search(simplify(text))
    if seat and finding.kind in ("answer", "closest") and not any(map(answering.says_where, _told(finding))):
        finding = answering.declined("where", nearest=finding.top)  # "where is the Intelligence Academy located?"
    where = read.asks == "where" or read.name_asked == "mission"
    if where and finding.kind == "answer" and not finding.several and finding.top:
        # "where was Unite Aware piloted?": in UNFICYP, and where that is; "which mission's closure ...?": UNMIL, and
        # which mission that is
        if card := answering.host_unsaid(corpus(db), finding.top):
            finding = dataclasses.replace(finding, facts=[finding.top, card], several=True)
    if finding.kind in ("answer", "closest") and answering.motive_unsaid(text, finding.top):
        return answering.declined("reason", nearest=finding.top), read.text  # "why did Mali ask MINUSMA to leave?"
    # "by when will MONUSCO have left?", "when was the Luanda road map signed?"
    if finding.kind in ("answer", "closest") and answering.when_unsaid(text, read, finding.top):
        return answering.declined("when", nearest=finding.top), read.text
    in_talk = bool(ctx.fact) and not read.new_topic
    if (
        in_talk
        and finding.kind == "closest"
        and finding.top
        and _told_of_it(corpus(db), finding.top, ctx.fact, read)
        and answering.of_the_mission_asked(corpus(db), read, finding.top)  # not all missions' for UNMISS's (dev128)
    ):
        # "Under which chapters of the Charter?": the passage nearest to it in the last answer's paragraph tells
        # what it asks of that answer
        finding = dataclasses.replace(finding, kind="answer")
    return answering.with_its_link(corpus(db), text, finding), read.text  # "where can I find it online?"


def _compared_with(db: Session, text: str, ctx: context.Context) -> str | None:
    """What a turn compares the last answer with, asked as the follow-up the lexicon knows in the turn's own language
    ("what about women's share of all senior posts"); None when it compares nothing, or asks the last figure's change
    ("how does that compare with the year before?")."""
    db_corpus = corpus(db)
    compared = lexicon_pattern("compared_with").match(aligned(text))
    if ctx.fact not in db_corpus.facts or not compared:
        return None
    group = next(name for name, said in compared.groupdict().items() if said)
    other = text[compared.start(group) : compared.end(group)]  # as written: "NATO" is a name, "nato" none
    if lexicon_pattern("change_asked").search(simplify(db_corpus.correct(text))) or _a_time(other):
        return None  # ("... compare to 2021?", "... to the previous years?": the last figure's time, not another thing)
    return _FOLLOW_UP[group].format(other)


def _a_time(text: str) -> bool:
    """A time alone (not "January to August of the year before", which names the months of another figure)."""
    plain = simplify(text)
    times = ("present", "relative_time", "same_time")
    return bool(
        answering.YEAR.search(plain) or _OTHER_TIMES.search(plain) or any(lexicon_pattern(t).search(plain) for t in times)
    )


def _after_the_last(db: Session, finding: answering.Finding, ctx: context.Context) -> answering.Finding:
    """The last answer, then the finding's, when that is another answer that does not state the last figure too ("how
    does that compare with the fact sheets?" after CPAS's 20 reports: "besides 20 reports, ... 18 fact sheets")."""
    if finding.kind != "answer" or not finding.top or key_of(finding.top) == ctx.fact:
        return finding
    told = corpus(db).facts[ctx.fact]
    if told.get("value") in answering.stated(in_lang(finding.top, "en")):
        return finding
    return dataclasses.replace(finding, facts=[told, *_told(finding)], several=True)


def _what_is_asked(
    db: Session, text: str, entities: list[dict[str, Any]], ctx: context.Context
) -> tuple[str, list[dict[str, Any]]]:
    """The message without what asks nothing: a guess after the question, an opening echoing the last answer or
    introducing the asker, the mission the asker serves with."""
    if (cut := _guess_after(text)) is not None:
        text, entities = text[:cut], [e for e in entities if e.get("end", 0) <= cut]
    closing = _LAST_SENTENCE.search(text)
    # (after a question: not "Ok. Exact figures?", where it is the question)
    asked = closing and text[: closing.start(1)].rstrip().endswith(("?", "？"))
    # (nor the paragraph asked after it: "and since 2013? which para is that in?", whose answer cites it, dev181; not
    # "... come from? what's the source?", a document)
    cited = closing and _asks_only_source(closing.group(1)) and _PARAGRAPH.search(simplify(closing.group(1)))
    closes = closing and (lexicon_pattern("closing").match(simplify(closing.group(1))) or cited)
    if closing and asked and closes:
        text, entities = text[: closing.start(1)], [e for e in entities if e.get("end", 0) <= closing.start(1)]
    if (once := _said_twice(text)) is not None:
        text, entities = once, []
    # "before you mark that - by when ...?"; "My answer to question 1 is 2018. Before you go on, though: what ...?"
    while (aside := lexicon_pattern("aside").match(aligned(text))) and re.search(r"\w", text[aside.end() :]):
        text, entities = text[aside.end() :].lstrip(), []
    missions_in = corpus(db).mission_entities
    if (start := _past_echo(db, text, ctx)) is not None or (start := after_introduction(text, missions_in)) is not None:
        return text[start:].lstrip(), []
    if (unaffiliated := without_affiliation(text, missions_in)) != text:
        return unaffiliated, []
    return _in_the_time_told(db, text, ctx) or text, entities


def _said_twice(text: str) -> str | None:
    """The question of a message that asks it in both languages, one sentence each ("哪一年通过的？Give the number and
    year."): the first that asks; None for any other message."""
    said = message_sentences(text)
    if len(said) != 2 or detect(said[0]) == detect(said[1]):
        return None
    return next((s for s in said if s.rstrip().endswith(("?", "？"))), said[0])


def _in_the_time_told(db: Session, text: str, ctx: context.Context) -> str | None:
    """ "Over that same period, how many ... killed?" after the operations counted since 1948: since 1948, in the words
    of the last answer's period; None when the turn points at no time or that answer is dated by no year."""
    told = corpus(db).facts.get(ctx.fact)
    same = _OVER_THE_SAME_TIME.search(text)
    period = str(told.get("period_zh" if HAN.search(text) else "period_en") or "") if told and same else ""
    # (a count asked, of no year of its own: "and the same period in 2022?" asks 2022's; "is the aid figure from the
    # same year as that agreement?" asks no figure; a time since a year, not "between January and August 2022")
    counts = lexicon_table("asks")["number"].search(simplify(text)) and not answering.YEAR.search(text)
    if not same or not counts or not answering.SINCE_YEAR.fullmatch(period.strip().removesuffix("以来")):
        return None
    # (after what it asks: "since 1948, how many ...?" would read as a follow-up of the last question, in 1948)
    rest = f"{text[: same.start()]}{text[same.end() :]}".strip(" ,，")
    return re.sub(r"\s*([?？]?)\s*$", lambda end: f" {period}{end.group(1)}", rest, count=1)


_OVER_THE_SAME_TIME = re.compile(
    r"\b((over|in|during|for|across|throughout) )?(the|that) same (period|time|time ?frame|span)\b|同期", re.I
)
# The follow-up each `compared_with` pattern re-asks as, by its group's name
_FOLLOW_UP = {"what_about": "what about {}", "na_ne": "那{}呢？"}
_OTHER_TIMES = re.compile(r"\b(previous|earlier|prior|past|other|last) (years?|months?|periods?)\b")
_LAST_SENTENCE = re.compile(r"[?？.!。！]\s*([^?？.!。！]+[?？.!。！]*)$")
_LEAD = re.compile(r"^([^.!?？。！;；]{1,80})[.!。！;；]\s*(?=\S)")


def _past_echo(db: Session, text: str, ctx: context.Context) -> int | None:
    """Where the question starts after an opening sentence that only repeats the last answer ("ok MINUSMA and MINUSCA.
    there was also something about fuel convoys ..., which mission was that?") or announces a topic ("Let's talk
    technology."); None when it opens with neither."""
    db_corpus = corpus(db)
    told = db_corpus.facts.get(ctx.fact)
    lead = _LEAD.match(text)
    if not lead or _stated(text[lead.end() :]) or not _stated(lead.group(1)):
        return None
    if lexicon_pattern("topic_lead").search(simplify(lead.group(1))):
        # "Let's talk technology. What's Unite Aware?", unless the question's "it" is what the lead names
        return lead.end() if "pronoun" not in analyse(text[lead.end() :], []).leans else None
    if not told:
        return None
    said = " ".join(w for w in lead.group(1).split() if not lexicon_pattern("acknowledgement").match(w))
    q = analyse(said, db_corpus.mission_entities(said))
    echoed = set(q.missions) <= answering.missions_of(db_corpus, ctx.fact) and answering.all_told(q, told)
    return lead.end() if (q.missions or tokens(said)) and echoed else None


def _of_another_place(
    db: Session, text: str, entities: list[dict[str, Any]], ctx: context.Context, finding: answering.Finding
) -> bool:
    """The answer found for a turn pointing back ("how many were killed in those demonstrations?" after the protests
    against MONUSCO), or for a fragment, is of places none of this conversation's answers is about (an attack in
    Lebanon), and the turn names no place and asks none. A turn saying all it asks in the fact's words asks of it
    ("list the ones that completed pilot projects")."""
    top = finding.top if finding.kind in ("answer", "closest") else None
    db_corpus = corpus(db)
    told = (ctx.fact, *(fact for fact, _ in ctx.answers_before()))
    if not (top and ctx.fact and all(answering.placed_elsewhere(db_corpus, top, key) for key in told)):
        return False
    q = analyse(text, entities or db_corpus.mission_entities(text), db_corpus.correct)
    # (a place named anywhere in it: "Not that one, the Lebanon one. Under which resolutions ...?", dev150)
    elsewhere = (
        q.names or names_in(text) or q.missions or q.missions_asked or q.asks == "where" or q.name_asked in ("mission", "country")
    )
    # (a fragment asking something leans on it as a pronoun does: "date for full withdrawal?" after MONUSCO's transition
    # plan, dev167; not "another subject: the Unite Aware platform")
    asking = (q.asks != "other" or bool(q.measures)) and not q.new_topic
    fragment = asking and _words(text) <= DETAIL_WORDS and not lexicon_pattern("interrogative").search(simplify(text))
    return ("pronoun" in q.leans or fragment) and not elsewhere and not answering.all_told(q, top)


def _guess_after(text: str) -> int | None:
    """Where a guess put after the question starts ("... ? Was it MONUSCO?"): one naming a thing or a figure; or where
    the asker says they heard of it ("... ? I think one of our instructors mentioned it.")."""
    if heard := lexicon_pattern("hearsay_after").search(aligned(text)):
        return heard.start()
    guess = lexicon_pattern("guess_after").search(aligned(text))
    if not guess and (belief := lexicon_pattern("belief_after").search(aligned(text))):
        guess = belief if re.search(r"\b(which|who)\b", text[: belief.start()], re.IGNORECASE) else None
    guessed = text[guess.start() : guess.end()].split()[2:] if guess else []
    return guess.start() if guess and re.search(r"[A-Z0-9]", " ".join(guessed)) else None


def _told_of_it(db_corpus: Corpus, fact: Fact, last: str, read: Question) -> bool:
    """The fact is told in the last answer's paragraph, and of its mission or the one the turn names, if it names one
    (what year UNIFIL was established is not told by MONUSCO's 2018 elections beside it)."""
    theirs = answering.missions_of(db_corpus, key_of(fact))
    ours = answering.missions_of(db_corpus, last) | set(read.missions)
    return answering.told_with(db_corpus, fact, last) and not (theirs and ours and not theirs & ours)


def _both(
    db: Session, parts: tuple[str, str], ctx: context.Context, lang: str, followup: bool, limits: dict[str, float] | None
) -> tuple[answering.Finding, str] | None:
    """Two questions of one turn, the second read after the first, when both are answered; None otherwise (the turn
    is then read whole)."""
    first, read = understand(db, parts[0], [], ctx, lang, followup, limits)
    if first.kind != "answer" or not first.top:
        return None
    after = context.Context(read, key_of(first.top), ctx.mission)
    second, _ = understand(db, parts[1], [], after, lang, True, limits)
    if second.kind != "answer" or not second.top:
        return None
    told = {key_of(f): f for f in [*_told(first), *_told(second)]}
    return answering.Finding(list(told.values()), several=len(told) > 1), read


def _told(finding: answering.Finding) -> list[Fact]:
    return finding.facts if finding.several else finding.facts[:1]


def _read(
    db: Session,
    text: str,
    entities: list[dict[str, Any]],
    ctx: context.Context,
    lang: str,
    followup: bool,
    limits: dict[str, float] | None,
) -> tuple[answering.Finding, Question]:
    db_corpus = corpus(db)
    q = context.numbered_as_last(analyse(text, entities or db_corpus.mission_entities(text), db_corpus.correct), ctx)
    # "by what date does the mission have to be out?", "when is UNMISS due to run one?" after UNMISS's test: no
    # mission the last answer did not name
    others = q.priorities or q.documents or q.figures or q.paragraphs or q.footnotes
    # ... unless it asks what one is ("what does UNFICYP stand for?" after its Unite Aware pilot: its card)
    defines = q.named and q.asks == "definition" and answering.is_generic(db_corpus, q)
    named = q.named and (
        defines or not (q.missions and set(q.missions) <= answering.missions_of(db_corpus, ctx.fact) and not others)
    )
    q = _mission_meant(db_corpus, q, ctx)
    if ctx.fact and "pronoun" not in q.leans and answering.refers_back(db_corpus, q, ctx.fact):
        q = dataclasses.replace(q, leans=(*q.leans, "pronoun"))
    alone = _said_alone(db_corpus, q, ctx.query)
    if at_once := _settled_at_once(db, q, ctx, limits, alone):
        return at_once
    # (not to a mission's card: "how many uniformed peacekeepers were killed since 1948?" after "what is MINUSMA?" asks
    # of all of them, a year and few words of its own, however the classifier reads it)
    own_year = bool(q.years) and not others and not q.leans and answering.says_little(db_corpus, q)
    card = ctx.fact.startswith("mission:")
    followup = followup and not (q.new_topic or alone or defines or (card and own_year))  # whatever the classifier guessed
    q = alone or q
    asking = dataclasses.replace(q, text=_asked_part(q.text))
    short = _words(q.text) <= DETAIL_WORDS or _words(asking.text) <= DETAIL_WORDS
    # "As of which month?", "startin when?": asking a kind of thing and naming nothing, it asks it of the last answer
    # ("where's the 2023 peacekeeping ministerial being held?" after the PCRS's units is no detail of it)
    told = db_corpus.facts.get(ctx.fact)
    leaning = bool({"pronoun", "detail"} & set(q.leans)) or _bare(db_corpus, q, ctx) or _echoes(db_corpus, q, told)
    # (by the question it asks: "under which resolutions? both numbers please" asks for no other numbers; "who heads the
    # Department of Peace Operations?" after the 2015 panel's chair, however the classifier reads it)
    beyond = (
        not named
        and short
        and (leaning or followup)
        and "pronoun" not in q.leans
        and answering.asks_beyond_last(db, asking, ctx.fact, limits)
    )
    pointing = not named and short and leaning and not beyond
    about_last = bool(ctx.fact) and not named and short and not q.new_topic
    if about_last and told and answering.change_unsaid(db_corpus, q, told):
        return answering.declined(nearest=told), q  # "from how many to how many?" after "more than tripled"
    if short and (besides := _others(db_corpus, q, ctx)):
        return besides, dataclasses.replace(q, text=ctx.query)
    if about_last and (pointing or (followup and not beyond)) and (found := _detail(db, q, ctx, lang, limits)):
        return _not_again_the_year_before(q, found[0]), dataclasses.replace(q, text=found[1])
    # "它有多少个数据点？": beyond the last answer's paragraph, "it" is still the last question's subject
    leans = (
        bool(ctx.query)
        and not q.new_topic
        and bool(
            followup
            or context.leans_on_context(q, ctx)
            # ("the 2023 strategic review of strategic communications - what's the document symbol?" names its own)
            or (q.years and not others and answering.says_little(db_corpus, q) and not card)
            or (pointing and "pronoun" in q.leans)
        )
    )
    own_words = "correction" not in q.leans and not answering.says_little(db_corpus, q)  # a correction's: _meant_alone
    # (after a question the report did not answer, a long one of its own is read alone: "And across all 12 peacekeeping
    # operations, what share of senior leadership positions do women hold?", dev162; not "and the Luanda one?", dev66)
    whole = own_words and not short
    leans = leans and not (not ctx.fact and whole and "pronoun" not in q.leans)
    read = context.amended(q, ctx, db_corpus.correct, db_corpus.mission_entities, own_words, whole) if leans else q
    year_before = lexicon_pattern("year_before").search(simplify(q.text)) and not others  # not footnote 17 of 18
    # "and the year before?" after a question that asked no year
    if (year_before and not (read.years or read.budget_years)) or (leans and _asks_unsaid_instead(db_corpus, q)):
        return answering.declined(), read
    finding = _found(db, q, read, ctx, limits)
    if leans and own_words and (alone_found := _asked_alone(db, q, read, finding, ctx, limits)):
        return alone_found, q
    # ("how many women is that?" asks of the last answer, "那前一年呢？" for another year)
    own_subject = own_words and "pronoun" not in q.leans and not lexicon_pattern("year_before").search(simplify(q.text))
    put = _stated(ctx.query) or lexicon_pattern("confirm_tag").search(simplify(ctx.query))
    if leans and finding.reason == "year" and not q.years and (q.missions or q.names or own_subject or put):
        # "Sorry, I meant MONUSCO, in Djugu": the year was the last subject's; the new one's figure says its own time;
        # after "the SG launched transition roadmaps in 2019(, right?)", a year that dated what was said or put for
        # confirmation, not what is asked; "and
        # what share of the UN system's expenditure ...?" after a policy of 2023 asks in words of its own
        undated = answering.find(db, context.undated(read), limits)
        if undated.kind == "answer" and undated.top:
            # ("and in South Sudan?" after convictions in three countries: not another kind of figure there)
            strays = answering.strays_from(corpus(db), q, undated.top, ctx.fact)
            finding = answering.declined(nearest=undated.top) if strays else undated
    return (
        (finding, read) if leans else _completed_by_last(db, q, ctx, lang, limits, (finding, read), about_last) or (finding, read)
    )


def _asks_unsaid_instead(db_corpus: Corpus, q: Question) -> bool:
    """An ellipsis asking the last question of something in words the report never uses, and nothing else ("and water
    consumption?" after the emissions per person, dev129): no other of the last answer's figures is its answer."""
    named = q.years or q.missions or q.names or q.groups or q.priorities or q.documents
    plain = simplify(q.text)
    # (a noun phrase only: "and when did A4P+ come in?" asks in words of its own; "中文呢？" asks for a language)
    if named or HAN.search(plain) or lexicon_pattern("interrogative").search(plain):
        return False
    if not lexicon_pattern("followup").search(plain):
        return False
    own = set(tokens(lexicon_pattern("followup").sub(" ", answering.without_entities(q))))
    unsaid = {stem(w) for w in answering.missing_terms(db_corpus, q) if not db_corpus.run_together(w)}
    return bool(own) and own <= unsaid


def _mission_meant(db_corpus: Corpus, q: Question, ctx: context.Context) -> Question:
    """ "The mission" of a turn is the last one, unless the turn names a place of its own ("and in Mali? by when does the
    mission there have to leave?")."""
    if any(answering.hosted_in(db_corpus, place) for place in q.names):
        return q
    return context.with_last_mission(q, ctx, db_corpus.mission_entities)


def _completed_by_last(
    db: Session,
    q: Question,
    ctx: context.Context,
    lang: str,
    limits: dict[str, float] | None,
    found: tuple[answering.Finding, Question],
    about_last: bool,
) -> tuple[answering.Finding, Question] | None:
    """A turn not read with the last one that `found` no answer on its own: a short one asked of the last answer, or
    one in words of its own that the last question's subject completes."""
    finding = found[0]
    found_nothing = finding.kind == "closest" or (finding.kind == "declined" and finding.reason == "scope")
    if about_last and found_nothing and (of_last := _of_last_answer(db, q, ctx, lang, limits)):
        return of_last
    if ctx.fact and not q.new_topic and finding.kind != "answer":
        return _near_last_answer(db, q, ctx, limits)
    return None


def _near_last_answer(
    db: Session, q: Question, ctx: context.Context, limits: dict[str, float] | None
) -> tuple[answering.Finding, Question] | None:
    """A turn in words of its own, which the report does not answer alone, that the last question's subject completes
    ("which officer is cited as an example, and in which mission did she serve?" after engagement platoons): the
    answer it finds read with the last question, when the last answer's paragraph tells it (or its closest passage giving
    the name asked, which `understand` takes for the answer when it tells what is asked of the last answer: "who was
    recognised and in which mission?" after engagement platoons, dev137)."""
    db_corpus = corpus(db)
    read = context.amended(q, ctx, db_corpus.correct, db_corpus.mission_entities, own_words=True)
    found = answering.find(db, read, limits)
    # (a closest passage only when it gives the name asked)
    top = found.top
    named = found.kind == "closest" and bool(q.name_asked) and top is not None and answering.gives_name(top, q.name_asked)
    key = key_of(top) if (found.kind == "answer" or named) and top else ""
    return (found, read) if key and key != ctx.fact and key in answering.near_keys(db_corpus, ctx.fact) else None


def _not_again_the_year_before(q: Question, found: answering.Finding) -> answering.Finding:
    """ "and who won the award the year before?" after the 2022 advocate: not what the last answer's paragraph tells of
    its own year."""
    if not (found.top and lexicon_pattern("year_before").search(simplify(q.text))):
        return found
    years = {int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", in_lang(found.top, "en"))}
    return answering.declined() if years and (max(years) - 1) not in years else found


# Words of its own the last answer does not tell that make a turn with a pronoun a question of its own ("which category
# has not met its gender parity target?" after women's share: six); "its" is then the thing it names.
UNTOLD_OVER_PRONOUN = 4


def _asked_alone(
    db: Session, q: Question, read: Question, finding: answering.Finding, ctx: context.Context, limits: dict[str, float] | None
) -> answering.Finding | None:
    """ "and in Sudan, which mission's withdrawal led to state liaison functions?": a question of its words, which the
    last one's words, `read` with it, only lead astray. Not when that found a figure or a time the report lacks (the
    last question's own decline) or a passage of the last answer's paragraph; nor when the question alone finds the last
    answer again or a mission's card."""
    # "which resolution does it cite on exit strategies?" after resolution 2282: the last one, found by the last words
    last = finding.top if finding.top is not None and key_of(finding.top) == ctx.fact else None
    # ("which category has not met its gender parity target?" after women's 25.6% share: words it does not tell, which
    # what the turn finds alone holds more of; not one, "what were the casualties?" after one killed and three injured)
    # (a figure the last answer told points at it; one of its own, "... from the 110 civil society organizations", not)
    figures = _own_figures(q)
    told_figures = last is not None and figures & answering.stated(in_lang(last, "en"))
    missed = len(answering.untold(q, last)) if last is not None and not told_figures else 0
    untold = missed > 1
    asked = lexicon_pattern("followup").sub(" ", simplify(q.text))
    described = lexicon_pattern("described").search(asked)  # ("the missions that completed pilot projects with that money?")
    # ("which resolution does it cite for the Council commending the mission there?" after UNIFIL's example: no example)
    wants_document = finding.kind == "answer" and bool(answering.document_kinds(q))
    unmet = wants_document and finding.top is not None and finding.top["type"] != "document"
    if ("pronoun" in q.leans and missed < UNTOLD_OVER_PRONOUN and not (described or unmet)) or q.part_of_last:
        return None
    # (nor of a group or a measure the last one asked: "and who sends quarterly letters ...?" after formed police units'
    # evaluations, "and for South Sudan, what planning process did the mission take part in?" after the UN system's
    # expenditure, dev180)
    # (a question of its own, which asks: not "and UNMISS in Tambura?" after a budget)
    own_ask = bool(lexicon_pattern("interrogative").search(asked))
    inherited = (finding.reason == "group" and not q.groups) or (finding.reason == "measure" and not q.measures and own_ask)
    if finding.kind == "declined" and q.name_asked and finding.reason == q.name_asked:
        # ("and which mission's closure is given as an example where the RC office was strengthened?" after the road
        # maps: no mission they name, one the turn's own words find)
        alone = _found(db, q, q, ctx, limits)
        return alone if alone.kind == "answer" and alone.top and answering.gives_name(alone.top, q.name_asked) else None
    if finding.kind == "declined" and finding.reason not in ("scope", "place") and not inherited:
        return None
    again = last is not None and answering.names_a_kind(q.text)
    # ("and across the 12 operations, what share of all senior posts do women hold?" after military-led missions'
    # heads: a question whole on its own, which the last one's words lead to another of its paragraph's figures)
    # (not "and the same period in 2022?", "what about the same period in 2022?")
    rival = None
    if finding.kind == "answer" and finding.top is not None and last is None:
        whole = described or lexicon_pattern("interrogative").search(asked)
        near = key_of(finding.top) in answering.near_keys(corpus(db), ctx.fact)
        rival = finding.top if whole and near else None
    if not (again or untold or rival) and (
        finding.kind == "answer" or (finding.top and _told_of_it(corpus(db), finding.top, ctx.fact, read))
    ):
        return None
    alone = _found(db, q, q, ctx, limits)
    if untold and q.name_asked and alone.kind == "declined" and alone.reason == q.name_asked:
        return alone  # "and who is the current Under-Secretary-General for Peace Operations?": nobody it names
    told = alone.top if alone.kind == "answer" else None
    beaten = rival or (last if not again else None)
    # (a rival the turn's own words rank below what they find has lost: a paragraph holds more words than its example)
    outranked = rival is not None and key_of(rival) in map(key_of, alone.facts[1:])
    outranked = outranked or (unmet and told is not None and told["type"] == "document")  # the kind asked
    if told and beaten and not outranked and answering.holds(corpus(db), q, told) <= answering.holds(corpus(db), q, beaten):
        return None
    return alone if told and told["type"] != "mission" and key_of(told) != ctx.fact else None


def _of_last_answer(
    db: Session, q: Question, ctx: context.Context, lang: str, limits: dict[str, float] | None
) -> tuple[answering.Finding, Question] | None:
    """A short turn that finds nothing on its own, asked of the last answer: a detail its paragraph tells ("how many per
    mission at most?"), or, in no words of its own, the last question asked again with it ("on which topics?"), when
    the last answer's paragraph answers that."""
    if found := _detail(db, q, ctx, lang, limits):
        return found[0], dataclasses.replace(q, text=found[1])
    db_corpus = corpus(db)
    if not answering.says_little(db_corpus, q) or _stated(q.text):
        return None
    read = context.amended(q, ctx, db_corpus.correct, db_corpus.mission_entities)
    again = _found(db, q, read, ctx, limits)
    key = key_of(again.top) if again.kind == "answer" and again.top else ""
    # ("by when?" after MINUSMA was asked to leave: its deadline, told in another paragraph, is still the mission's)
    same_mission = bool(ctx.mission) and ctx.mission in answering.missions_of(db_corpus, key)
    return (again, read) if key and (key in answering.near_keys(db_corpus, ctx.fact) or same_mission) else None


_QUESTION = re.compile(r"[^?？]*[?？]")
_ACRONYM = r"[A-Z][A-Za-z+]*[A-Z]"
_SPELLED_OUT = re.compile(rf"\w \({_ACRONYM}\)")  # "... Assessment System (CPAS)"


def _others(db_corpus: Corpus, q: Question, ctx: context.Context) -> answering.Finding | None:
    """ "Only UNIFIL?" after UNIFIL's Elsie housing: the paragraph that tells it, with the other missions it names;
    "which other missions have one?" after an answer naming several: that answer."""
    if not ctx.fact or not lexicon_pattern("others_too").search(simplify(q.text)):
        return None
    if besides := answering.others_told(db_corpus, ctx.fact):
        return besides
    # (missions it names: "any other countries?" after the three countries with convictions asks beyond them)
    several = len(answering.missions_of(db_corpus, ctx.fact)) > 1 and re.search(
        r"\bother (peacekeeping )?(missions?|operations?)\b", q.text.lower()
    )
    return answering.Finding([db_corpus.facts[ctx.fact]]) if several else None


def _stated(text: str) -> bool:
    """The turn says something rather than asks it."""
    return not re.search(r"[?？]", text) and not lexicon_pattern("interrogative").search(simplify(text))


def _bare(db_corpus: Corpus, q: Question, ctx: context.Context) -> bool:
    """ "As of which month?", "startin when?", "res?": asking a kind of thing and naming nothing; "number of interactions
    vs the year before?": a change the last answer gives."""
    asking = q.asks != "other" or (_words(q.text) <= 2 and answering.names_a_kind(q.text))
    told = db_corpus.facts.get(ctx.fact)
    return asking and answering.says_little(db_corpus, q) or bool(told and answering.change_asked(db_corpus, q, told))


def _echoes(db_corpus: Corpus, q: Question, told: Fact | None) -> bool:
    """ "What's the policy called?" after a paragraph on the human rights due diligence policy: every word of its own
    is the last answer's (`told`)."""
    return told is not None and answering.all_told(q, told) and not answering.says_little(db_corpus, q)


def _restates_change(q: Question, told: Fact) -> bool:
    """The turn states both ends of the change the last figure told: it asks about that change (when, over how long,
    why), whose figures are no answer to anything else."""
    ends = {told.get("value"), told.get("before")}
    return told["type"] == "statistic" and None not in ends and ends <= answering.stated(q.text) and not q.years


def _asked_part(text: str) -> str:
    """The question a turn asks when it goes on to say why ("which SG report does it cite for that? i need the symbol
    for my bibliography"); the whole turn when it asks none with a question mark, or asks more after it ("is UNMISS
    one of them? and what resolution lets the SG repatriate...?")."""
    match = _QUESTION.search(text)
    rest = text[match.end() :] if match else ""
    return match.group(0) if match and not lexicon_pattern("interrogative").search(simplify(rest)) else text


def _puts_to_check(text: str, kinds: tuple[str, ...] = ("confirm_tag", "guessed_time", "put_to_check")) -> bool:
    return any(lexicon_pattern(kind).search(simplify(text)) for kind in kinds)


def _put_time(
    db: Session, q: Question, read: Question, finding: answering.Finding, limits: dict[str, float] | None
) -> answering.Finding:
    """The finding for a question putting a time for confirmation ("... launched in 2020 ..., correct?", "That starts
    from July 2023, right?"): the time may be wrong, so the fact for what it names, and a date for it found without the
    time before a fact that only holds the time (the 2017 assassination). A yes-or-no question ("Was A4P launched in
    2017?") gets only that date: "were 300 peacekeepers killed in 2016?" is no question about the figure since 2013."""
    top = finding.top if finding.kind == "answer" else None
    held = (
        top is not None
        and all(answering.holds_year(top, y) for y in q.years)
        and all(answering.holds_period(top, m) for m in q.months)
    )
    tagged = _puts_to_check(q.text, ("confirm_tag", "guessed_time"))
    # (a date of what it names: not "were any new operations launched in 2022?", nor a count asked)
    one = q.asks != "number" and not q.measures and not _ANY_THING.search(simplify(q.text))
    if held and not one:  # (what it found holds the time: only a date of what it names is worth looking for)
        return finding
    undated = answering.find(db, context.undated(dataclasses.replace(read, months=())), limits)
    other = undated.top if undated.top is not None and (top is None or key_of(undated.top) != key_of(top)) else None
    dated = one and other is not None and other.get("unit") == "date"
    return undated if undated.kind == "answer" and (dated or (tagged and not held)) else finding


def _put_for_checking(
    db: Session, q: Question, read: Question, finding: answering.Finding, limits: dict[str, float] | None
) -> answering.Finding:
    """The finding for a question putting a time, a place or a mission for confirmation, which may be wrong."""
    if q.years or q.months:
        finding = _put_time(db, q, read, finding, limits)
    return _put_place(db, q, read, finding, limits) if q.names or q.missions else finding


_THE_THING = re.compile(r"\b[Tt]he\b|\b[A-Z][a-z]+ [A-Z][a-z]+")
_ANY_THING = re.compile(r"\b(there|any|a|an|some)\b")


def _put_place(
    db: Session, q: Question, read: Question, finding: answering.Finding, limits: dict[str, float] | None
) -> answering.Finding:
    """The finding for a question putting a place or a mission for confirmation ("Was Unite Aware piloted in UNMISS?",
    "The 2023 ministerial is in Nairobi, right?"): the place may be wrong (of a locality and its country, the country),
    so the fact for what it names elsewhere, when that fact names another place and holds more of the turn's own
    words. A figure of no place ("were peacekeepers killed in Mali in 2022?") is no answer about the one asked."""
    db_corpus = corpus(db)
    # (of a locality and its country, the country: "a violent attack in Aqibiyah, Mali", dev167)
    hosts = tuple(place for place in read.names if answering.hosted_in(db_corpus, place))
    put = hosts if hosts and len(hosts) < len(read.names) else read.names
    text = context.unmissioned(unplaced(read.text, put), db_corpus.mission_entities)
    kept = tuple(place for place in read.names if place not in put)
    elsewhere = dataclasses.replace(read, text=text, names=kept, missions=())
    # (a thing named, one of its kind: not "was there a disinformation attack in Mali?", "did MINUSMA hold elections?")
    named = kept or (_THE_THING.search(elsewhere.text) and not _ANY_THING.search(simplify(elsewhere.text)))
    if not named or answering.says_little(db_corpus, elsewhere):  # "was it in Mali?": nothing else to look for
        return finding
    other = answering.find(db, elsewhere, limits)
    top = finding.top if finding.kind == "answer" else None
    if other.kind != "answer" or other.top is None or (top is not None and key_of(other.top) == key_of(top)):
        return finding
    said = set(other.top.get("missions") or ()) | set(names_in(in_lang(other.top, "en")))
    if not said - set(q.missions) - set(q.names):  # ("... set up by MONUSCO?": by UNMISS, in the same Tambura)
        return finding
    nearer = answering.holds(db_corpus, elsewhere, other.top) > (answering.holds(db_corpus, elsewhere, top) if top else 0.0)
    return other if nearer else finding


def _found(db: Session, q: Question, read: Question, ctx: context.Context, limits: dict[str, float] | None) -> answering.Finding:
    """The finding for the turn `q` as `read` in the conversation."""
    finding = answering.find(db, read, limits)
    if _puts_to_check(q.text):
        finding = _put_for_checking(db, q, read, finding, limits)
    if finding.kind == "declined" and not finding.top and (last := _spans_year_asked(corpus(db), q, ctx)):
        return answering.Finding([last])  # "and in 2023?" after joint patrols from 13% in mid-2021 to 20% in 2023
    if finding.kind != "declined" and answering.asks_how_it_turned_out(q, finding.top):
        return answering.declined("after")  # "did MINUSMA actually finish leaving by the deadline?"
    top = finding.top if finding.kind == "answer" else None
    again = top is not None and key_of(top) == ctx.fact
    if top and again and (instead := _not_again(db, q, read, finding, ctx, limits)):
        return instead
    if top and again and q.name_asked and not answering.gives_name(top, q.name_asked):
        return answering.declined(q.name_asked, nearest=top)  # "what were their names?" after two experts killed
    if q.part_of_last and top and again and not answering.all_told(q, top):
        # "how many of them were in Africa?": not all of them; "how many of those by IEDs?": the next paragraph's 5 of 7
        part = _part_told_next(db, q, read, top)
        return answering.Finding([part]) if part else answering.declined(nearest=top)
    # "how many of those are women?" after the 88,000 deployed: a share told elsewhere (25.6%) is of others, and so is a
    # count told far from it ("... police officers?": not paragraph 30's 14 heads of police components; paragraph 38's
    # 5 of 2023's 7 killed, next to the 7, are of them)
    # (not "... 1,200 killed since 1948, roughly 300 of them since 2013. Would you kindly confirm those figures?": the part
    # is of the turn's own figure, dev143)
    db_corpus = corpus(db)
    if (
        top
        and q.part_of_last
        and ctx.fact
        and top.get("unit") in ("percent", "people")
        and not _own_figures(q, db_corpus.facts.get(ctx.fact))
        and _told_apart(db, top, ctx.fact)
    ):
        return answering.declined(nearest=top)
    if top and ctx.fact and not q.new_topic and answering.strays_from(db_corpus, q, top, ctx.fact):
        return answering.declined(nearest=top)  # "and for the police?" after the 88,000 deployed: no police heads
    # "what year did it open?" after the Peacekeeping Intelligence Academy: a figure or a date that speaks neither of
    # what the turn asks nor of what the conversation is about is another thing's
    # (beyond the last answer's paragraph: "how many SG reports has it fed into?" after CPAS, "informed" there)
    if not (top and ctx.fact and not q.new_topic and "pronoun" in q.leans and q.asks in ("number", "date")):
        return finding
    apart = not answering.told_with(db_corpus, top, ctx.fact)
    return answering.declined() if apart and not answering.speaks_to(db_corpus, read, top) else finding


def _own_figures(q: Question, told: Fact | None = None) -> set[float]:
    """The figures a turn states itself, its years aside (they only date what it asks), and not those `told` stated."""
    figures = answering.stated(q.text) - set(map(float, q.years))
    return figures - answering.stated(in_lang(told, "en")) if told else figures


def _not_again(
    db: Session, q: Question, read: Question, finding: answering.Finding, ctx: context.Context, limits: dict[str, float] | None
) -> answering.Finding | None:
    """Instead of the last answer found again, what an ellipsis or a correction asks anew; not for another time, which
    the last answer may give too ("no, the 2023 figure please" after joint patrols from 13% in mid-2021 to 20% in 2023)."""
    if not finding.top or q.years or q.months or q.budget_years:
        return None
    correction, changed = "correction" in q.leans, dataclasses.replace(read, text=read.focus)
    if correction and answering.all_told(changed, finding.top):
        return None  # what it says it meant, the last answer told ("oh wait, no, I meant CPAS" after CPAS's data points)
    if correction or answering.named_in_passing(q, read, finding.top):
        if anew := _anew_for_focus(changed, finding, ctx.fact):
            return answering.Finding([anew])
    return _corrected_alone(db, q, ctx, limits) if correction else None


def _corrected_alone(db: Session, q: Question, ctx: context.Context, limits: dict[str, float] | None) -> answering.Finding | None:
    """What a correction says instead, read alone, when read with the last question it found the last answer again, which
    no correction means ("no I meant the share of all senior leadership positions across the 12 operations" after
    women heading police components)."""
    said = context.said_instead(q)
    db_corpus = corpus(db)
    asked = analyse(said, db_corpus.mission_entities(said), db_corpus.correct)
    alone, last = answering.find(db, asked, limits), db_corpus.facts.get(ctx.fact)
    if alone.kind != "answer" or alone.top is None or last is None or key_of(alone.top) == ctx.fact:
        return None
    # (when it holds more of what the correction says: "no, I meant the share of women" after MONUSCO's 40% is that)
    return alone if answering.holds(db_corpus, asked, alone.top) > answering.holds(db_corpus, asked, last) else None


def _anew_for_focus(changed: Question, finding: answering.Finding, last: str) -> Fact | None:
    """Beside the last answer found again for an ellipsis, the fact that tells what the turn `changed` (the question
    read as its focus): "and what about women?" after 200 participants, women among them, asks their share, not those
    200 again (dev132)."""
    return next((f for f in finding.facts[1:] if key_of(f) != last and answering.all_told(changed, f)), None)


def _told_apart(db: Session, top: Fact, last: str) -> bool:
    """A share told anywhere but in the last answer's paragraph, or a count told beyond the paragraphs next to it."""
    db_corpus = corpus(db)
    if key_of(top) in answering.near_keys(db_corpus, last):
        return False
    told = db_corpus.facts.get(last)
    near = {n + d for n in paragraphs(told) for d in (-1, 0, 1)} if told and told.get("paragraph") else set()
    return top.get("unit") == "percent" or not set(paragraphs(top)) & near


def _part_told_next(db: Session, q: Question, read: Question, told: Fact) -> Fact | None:
    """A figure of the last answer's paragraph or the next one, less than the last, that tells every word the turn asks
    of its own."""
    first, whole = min(paragraphs(told), default=0), told.get("value")
    if q.asks != "number" or not isinstance(whole, (int, float)):
        return None
    found = answering.candidates(db, read, detect(read.text), limit=10)
    return next(
        (
            c.fact
            for c in found
            if c.fact["type"] == "statistic"
            and isinstance(part := c.fact.get("value"), (int, float))
            and part < whole
            and set(paragraphs(c.fact)) & {first, first + 1}
            and answering.all_told(q, c.fact)
        ),
        None,
    )


def _spans_year_asked(db_corpus: Corpus, q: Question, ctx: context.Context) -> Fact | None:
    """The last answer, when a turn asking nothing but another year asks one its figure gives too (a trend's years
    give no figure: "exact number for 2021?" after fatalities rising in 2021 and 2022)."""
    last = db_corpus.facts.get(ctx.fact)
    if not last or not q.years or not answering.says_little(db_corpus, q):
        return None
    if last.get("unit") == "date" and q.asks != "number":
        # "and in 2021 and 2022?" after deaths falling from 2018 until 2020: what the same trend did in those years
        trend = [db_corpus.facts[k] for k in sorted(answering.near_keys(db_corpus, ctx.fact)) if k in db_corpus.facts]
        same = [f for f in trend if f.get("unit") == "date" and f.get("scope_en") == last.get("scope_en")]
        return next((f for f in same if all(y in (f.get("years") or []) for y in q.years)), None)
    if not isinstance(last.get("value"), (int, float)) or last.get("unit") in (None, "date"):
        return None
    if q.counts_people and last.get("unit") not in ("people", "percent"):
        return None  # "how many peacekeepers were killed since 1948?" is no count of operations since then
    return last if all(answering.holds_year(last, year, q.exact_year) for year in q.years) else None


def _figure_for_another_year(db_corpus: Corpus, q: Question, told: Fact | None) -> bool:
    """A turn asking nothing but a year after a figure asks that figure for the year: the same count or none, not
    whatever of its paragraph is dated that year."""
    counted = told is not None and told["type"] == "statistic" and told.get("unit") in answering.NUMERIC_UNITS
    one_year = bool(q.years) and not lexicon_pattern("total_since").search(simplify(q.text))
    return counted and one_year and answering.says_little(db_corpus, q)


def _unsaid_for_the_year(
    db: Session, q: Question, amended: Question, told: Fact, asked: str, limits: dict[str, float] | None
) -> answering.Finding | None:
    """ "what about 2022?" after 13% in mid-2021 and 20% in 2023: that figure's, not a sentence dated 2022; when the
    report gives none, or only a figure of that year counting something else (the 2015 panel's 20 years after
    emissions), declined with the last figure as the nearest; None when it gives one."""
    dated = answering.find(db, amended, limits)
    if dated.kind == "answer" and dated.top and not _same_count(corpus(db), asked, told, dated.top):
        return answering.declined("year", "/".join(map(str, q.years)), told)
    unsaid = dated.kind == "declined" and dated.reason in ("year", "period")
    return answering.declined(dated.reason, dated.detail, told) if unsaid else None


def _same_count(db_corpus: Corpus, asked: str, told: Fact, other: Fact) -> bool:
    """Another figure counts what the last one did, as the last question (`asked`) put it: its unit, and at least half
    the weight of that question's words the last figure holds."""
    last = analyse(asked, [], db_corpus.correct)
    held = answering.holds(db_corpus, last, told)
    return other.get("unit") == told.get("unit") and answering.holds(db_corpus, last, other) >= held / 2


def _settled_at_once(
    db: Session, q: Question, ctx: context.Context, limits: dict[str, float] | None, alone: Question | None
) -> tuple[answering.Finding, Question] | None:
    """A turn whose finding its own words settle, whatever the conversation: a refusal ("what did Lacroix say about
    it?" is about someone the report never names, whatever "it" is), how a thing still to come turned out, or a
    correction naming what it meant that answers itself (unless it says a whole question `alone`), or a request for
    the report's value after a statement put for confirmation."""
    db_corpus = corpus(db)
    if refused := answering.refused(db_corpus, q):
        # "The 2023 ministerial is being hosted in Seoul, right?": a place the report never names, put for checking, is
        # checked on what else the turn says (in Accra)
        if refused.detail in q.names and _puts_to_check(q.text):
            checked = _put_place(db, q, q, refused, limits)
            return (checked if checked.kind == "answer" else refused), q
        return refused, q
    if answering.asks_how_it_turned_out(q, db_corpus.facts.get(ctx.fact)):
        return answering.declined("after"), q
    if answering.asks_other_people(q, db_corpus.facts.get(ctx.fact)):
        return answering.declined("others"), q
    if not alone and (meant := _meant_alone(db_corpus, q, ctx)):
        finding = answering.find(db, meant, limits)
        if lexicon_pattern("the_other").search(simplify(q.text)):
            finding = answering.besides_the_last(db_corpus, finding, ctx.fact)
        # ("no, I meant who currently heads the Department of Peace Operations?": a name the report does not give,
        # which the last question cannot give either, unless asked of it: "which mission is it rolled out to next")
        named = bool(meant.name_asked) and finding.reason == meant.name_asked and "pronoun" not in q.leans
        return (finding, meant) if finding.kind == "answer" or named else None
    return _put_right(db, q, ctx, limits)


def _put_right(
    db: Session, q: Question, ctx: context.Context, limits: dict[str, float] | None
) -> tuple[answering.Finding, Question] | None:
    """ "Correct number pls" after "12 statements were revised ..., correct?": the report's answer to the last question,
    the last answer itself, or, when that was declined for the year the user stated, the fact for its own time."""
    db_corpus = corpus(db)
    wanted = lexicon_pattern("put_right")
    if not ctx.query or not wanted.search(plain := simplify(q.text)):
        return None
    if not answering.says_little(db_corpus, dataclasses.replace(q, text=wanted.sub(" ", plain))):
        return None
    last = analyse(ctx.query, db_corpus.mission_entities(ctx.query), db_corpus.correct)
    if told := db_corpus.facts.get(ctx.fact):
        return answering.Finding([told]), last
    finding = answering.find(db, last, limits)
    if finding.reason in ("year", "period"):  # "From July 2023, ... ?": the report's own time for it
        finding = answering.find(db, context.undated(dataclasses.replace(last, months=(), budget_years=())), limits)
    return finding, last


def _said_alone(db_corpus: Corpus, q: Question, last: str) -> Question | None:
    """A correction saying a whole question of its own, read alone ("sorry, wrong number: I meant the share of all
    senior leadership positions held by women across the 12 peacekeeping operations"; "..., when did they run
    theirs?" points back)."""
    if "correction" not in q.leans or _words(said := context.said_instead(q)) <= DETAIL_WORDS:
        return None
    said = context.asked_of_instead(said, last) or said  # "..., the 2015 high-level independent panel"
    alone = analyse(said, db_corpus.mission_entities(said), db_corpus.correct)
    return alone if "pronoun" not in alone.leans else None


def _meant_alone(db_corpus: Corpus, q: Question, ctx: context.Context) -> Question | None:
    """A correction naming what it meant, then asking of it ("no, I meant MINUSCA - how many people got aid thanks
    to it?": "it" is what it named; "the one in lebanon - where did it happen?": the last question's, there), or
    naming, in words of its own, another of the kind the last question asked
    ("no wait, I meant the resolution on accountability for crimes against peacekeepers"), or asking a question of its
    own ("no, I meant when did the Security Council ask for this report"): read alone, it may answer
    itself; "它们是什么时候做的？" after the missions it meant still asks the last question, and so does one "over the
    same period"."""
    if "correction" not in q.leans or lexicon_pattern("same_time").search(simplify(q.text)):
        return None

    def narrowed(by: str) -> str:
        return context.amended(analyse(by, mission_entities(by), correct), ctx, correct, mission_entities).text

    correct, mission_entities = db_corpus.correct, db_corpus.mission_entities
    said = context.said_instead(q)
    said = context.one_meant_then_asked(said, narrowed) or said
    anew = context.asks_anew(said) or context.figure_of_another(said, ctx.query)
    if not (context.meant_then_asked(said) or anew or context.other_of_kind(said, ctx.query)):
        return None
    said = context.asked_of_instead(said, ctx.query) or said
    alone = analyse(said, db_corpus.mission_entities(said), db_corpus.correct)
    # the priorities and documents the NLU found in the turn are those it names ("no sorry, I meant priority 3")
    return dataclasses.replace(
        alone, leans=(), priorities=alone.priorities or q.priorities, documents=alone.documents or q.documents
    )


def _detail(
    db: Session, q: Question, ctx: context.Context, lang: str, limits: dict[str, float] | None
) -> tuple[answering.Finding, str] | None:
    """The finding for a question about the last answer, and the question as understood; None when the last
    answer's paragraph does not hold it. The figure or date the last question asked, asked again ("specifically, how
    many in 2022?"), is not the last answer when that was only the closest passage."""
    found = _detail_told(db, q, ctx, lang, limits)
    if not found or found[0].kind != "answer" or not found[0].top:
        return found
    top = found[0].top
    if key_of(top) != ctx.fact or q.asks not in ("number", "date"):
        return found
    db_corpus = corpus(db)
    last = analyse(ctx.query, db_corpus.mission_entities(ctx.query), db_corpus.correct)
    if last.asks != q.asks or answering.find(db, last, limits).kind != "closest":
        return found
    return answering.declined("year", "/".join(map(str, q.years)), top) if q.years else answering.declined(nearest=top), found[1]


def _detail_told(
    db: Session, q: Question, ctx: context.Context, lang: str, limits: dict[str, float] | None
) -> tuple[answering.Finding, str] | None:
    db_corpus = corpus(db)
    told = db_corpus.facts.get(ctx.fact)
    if told and (named := told if _named_by(db_corpus, q, told) else _title_told(db_corpus, q, ctx)):
        return answering.Finding([named]), ctx.query
    # "how many of those since 2013?" after 331 of 1,067 since 2013; what came next, or of it
    if last := _spans_year_asked(db_corpus, q, ctx) or _came_after(db_corpus, q, told, ctx.query):
        return answering.Finding([last]), ctx.query
    if told and _restates_change(q, told):
        return answering.Finding([told]), ctx.query  # "over how many years did it go from 25 to 40?"
    amended = context.amended(q, ctx, db_corpus.correct, db_corpus.mission_entities)
    if told and _figure_for_another_year(db_corpus, q, told):
        unsaid = _unsaid_for_the_year(db, q, amended, told, ctx.query, limits)
        return (unsaid, amended.text) if unsaid else None
    again = context.asks_again(q, ctx, db_corpus.correct)
    # ("and what about women?" after 200 participants, women among them: not in its paragraph)
    passing = told is not None and answering.named_in_passing(q, amended, told)
    found = None if passing else answering.detail(db, q, amended, lang, ctx.fact, again=again)
    if not found or not found.top:
        return None
    a_part = q.part_of_last and key_of(found.top) == ctx.fact and not answering.all_told(q, found.top)
    if a_part and (part := _part_told_next(db, q, amended, found.top)):
        return answering.Finding([part]), amended.text  # "how many of those were from IEDs?": not all of the last count
    if found.kind == "declined" and found.reason == "measure":
        return found, amended.text  # "what's its annual budget?": its, not another's (the UN system's expenditure)
    # "who led that review?": what the last answer's paragraph tells must give the measure asked; "what's its annual
    # budget?" a figure of it, not a sentence on budget cuts
    gives = answering.counts_measure if answering.asks_its_measure(q) else answering.names_measure
    if found.kind != "declined" and not all(gives(found.top, m) for m in q.measures):
        return answering.declined("measure", q.measures[0], found.top), amended.text
    if wider := _told_better_elsewhere(db, q, amended, found.top, ctx.fact, limits):
        return wider, amended.text
    # what comes next is about a figure this turn asked ("and in May 2022?" after the hashtag's mentions in May 2023) or
    # what a sentence told ("who chaired the one from 2000?"); else about the last question's subject
    return found, amended.text if found.top["type"] == "passage" or q.asks in ("number", "date") else ctx.query


def _came_after(db_corpus: Corpus, q: Question, told: Fact | None, query: str) -> Fact | None:
    """What followed the last answer (`told`, to `query`), or came of it, asked of it ("and after that?", "did it
    work?")."""
    if not told:
        return None
    return answering.next_in_time(db_corpus, q, told) or answering.outcome_told(db_corpus, q, told, query)


def _named_by(db_corpus: Corpus, q: Question, told: Fact) -> bool:
    """The turn asks a name the last answer (`told`) gives: "what was the agreement called?", "full name pls, not the
    acronym" (it spells one out), "what's its number?" (a document's symbol)."""
    said = simplify(q.text)
    if lexicon_pattern("called").search(said) and told["type"] != "paragraph" and not q.name_asked:
        return _echoes(db_corpus, q, told)
    if told["type"] == "document" and lexicon_pattern("symbol_asked").search(said):
        return True  # "what's the number of that one?" after a resolution
    spelled = lexicon_pattern("spells_out").search(said) and _SPELLED_OUT.search(in_lang(told, "en"))
    return bool(spelled) and not re.search(rf"\b{_ACRONYM}", q.text)  # (an acronym it names: _spelled_out)


_TITLE = re.compile(r'"[^"]{3,80}"|“[^”]{3,80}”')


def _title_told(db_corpus: Corpus, q: Question, ctx: context.Context) -> Fact | None:
    """ "What was the campaign called?" after paragraph 52: the fact told with the last answer that names it in quotes
    ("Peace begins with me") and says every other word of the turn, the one holding most of the last question."""
    if not lexicon_pattern("called").search(simplify(q.text)) or q.name_asked:
        return None
    titled = [
        f
        for k in answering.near_keys(db_corpus, ctx.fact)
        if _TITLE.search(in_lang(f := db_corpus.facts[k], "en")) and answering.all_told(q, f)
    ]
    last = analyse(ctx.query, [])
    return min(titled, key=lambda f: (f["type"] in ("paragraph", "priority"), -answering.holds(db_corpus, last, f)), default=None)


def _told_better_elsewhere(
    db: Session, q: Question, amended: Question, top: Fact, last: str, limits: dict[str, float] | None
) -> answering.Finding | None:
    """Another fact anywhere that holds more of what the turn asks in its own words than `top`, found in the last
    answer's paragraph ("how many data points does it hold?" after CPAS's reports and fact sheets), or, against a
    sentence, as much when a figure or a date is asked ("what was its budget in 2022/23?" is a figure of its own; "how
    would they be funded?" is the sentence's); when `top` holds none of them, one that holds them all ("which
    resolution is cited for repatriating entire units?" after the trend of misconduct allegations)."""
    db_corpus = corpus(db)
    passage = top["type"] == "passage"
    said = answering.holds(db_corpus, q, top)
    apparatus = tuple(lexicon()["apparatus"])
    # ("which cooperation framework did it help develop?" after UNMISS's stress test, in words it does not tell: "it"
    # may be the mission; not "what year were they killed?" after the experts' assassination)
    untold = "pronoun" in q.leans and not said and len(answering.untold(q, top)) > 1
    its_mission = answering.missions_of(db_corpus, last) if untold else set()
    if not (passage or said or its_mission) and ("pronoun" in q.leans or answering.says_little(db_corpus, q, apparatus)):
        return None
    wider = answering.find(db, amended, limits)
    if wider.kind != "answer" and not answering.says_little(db_corpus, q):  # "who is the gender advocate it names?"
        wider = answering.find(db, q, limits)  # on its own words, which the last question's blur
    if wider.kind != "answer" or not wider.top or key_of(wider.top) == last:
        return None
    if its_mission and not its_mission & answering.missions_of(db_corpus, key_of(wider.top)):
        return None
    held = answering.holds(db_corpus, q, wider.top)
    strays = answering.strays_from(db_corpus, q, wider.top, last)
    # "which UNSC resolution commended it?": a resolution, however many of its words a sentence holds
    kind = top["type"] not in ("passage", "paragraph") and answering.names_a_kind(q.text)
    strays = strays or (kind and wider.top["type"] != top["type"])
    more = held > said and (passage or said > 0 or its_mission or answering.all_told(q, wider.top))
    figure = q.asks in ("number", "date")
    return wider if not strays and (more or (passage and figure and held == said > 0)) else None


_ITEM = re.compile(r"[0-9]{1,12}")  # an asked item's id in a button payload; anything else is ignored
REPORT_ENTITIES = {"mission", "figure", "paragraph", "priority", "theme", "document"}


def _channel(tracker: Tracker) -> str:
    channel = channel_metadata(tracker).get("channel")
    return channel if channel in sessions.CHANNELS else "rest"


class Who(TypedDict):
    channel: str
    sender: str
    lang: str


def _who(tracker: Tracker) -> Who:
    """Whose quiz: the channel, the sender and the language to talk to them in."""
    return {"channel": _channel(tracker), "sender": tracker.sender_id, "lang": reply_language(tracker)}


def _send(dispatcher: CollectingDispatcher, messages: list[practice.Reply]) -> None:
    for message in messages:
        dispatcher.utter_message(text=message.text, buttons=message.buttons)


# "none:<channel>" when the last look in the store found no practice quiz running for this conversation in that
# channel; unset after a quiz action, so the next answer looks again. Only the quiz actions start or end a practice
# quiz, so the slot spares every other turn the store query (about 0.8 ms of the action server's CPU).
QUIZ_SLOT = "practice_quiz"


def _no_quiz(channel: str) -> str:
    return f"none:{channel}"


def _join(db: Session, tracker: Tracker, asked: tuple[str, str | None]) -> list[practice.Reply]:
    """Join a class quiz by its code, named as typed ("join K7P2QX Ann"), as the page names the trainee, or by the
    sender id."""
    code, name = asked
    given = channel_metadata(tracker).get("name")
    return class_chat.join(db, **_who(tracker), code=code, name=name or (given if isinstance(given, str) else None))[0]


def _answer_quiz(db: Session, who: Who, choice: int | None, item: int | None) -> list[practice.Reply]:
    """An answer goes to the class quiz it belongs to (a question's button, or a member's typed letter), else to
    the sender's practice quiz."""
    routed = class_chat.answering(db, who["sender"], item)
    if routed:
        return class_chat.answer(db, sender=who["sender"], lang=who["lang"], code=routed[0], choice=choice, position=routed[1])
    return practice.answer(db, **who, choice=choice, item=item)


def _taken_by_quiz(
    dispatcher: CollectingDispatcher, tracker: Tracker, who: Who, text: str, looked: bool
) -> tuple[list[EventType] | None, sessions.QuizSession | None]:
    """A turn a quiz takes, whatever intent the classifier guessed: the score asked, "join K7P2QX", and while a
    quiz runs a stop word ("停" reads as a question about ceasefires), a pass ("I don't know") or a typed letter.
    (its events, None) when taken; (None, the quiz running if `looked` for) when the turn is answered as usual."""
    asked, choice, score = class_chat.join_request(text), practice.choice_of(text), words.asks_score(text)
    if not (looked or asked or choice is not None or score):
        return None, None
    with session() as db:
        quiz = practice.running(db, who["channel"], who["sender"]) if looked else None
        if score:
            _send(dispatcher, practice.score_asked(db, **who))
        elif asked:
            _send(dispatcher, _join(db, tracker, asked))
        elif quiz and words.is_stop(text):
            _send(dispatcher, practice.stop(db, **who))
        elif quiz and words.is_skip(text):
            _send(dispatcher, practice.skip(db, **who))
        elif choice is not None and (quiz or class_chat.answering(db, who["sender"], None)):
            _send(dispatcher, _answer_quiz(db, who, choice, None))
        else:
            return None, quiz
    return [SlotSet(QUIZ_SLOT, None)], None


class ReportAction(Action, metaclass=ABCMeta):
    """An answer that leaves a quiz running: a typed "B" answers the open question (of the class quiz the sender
    is in, else of their practice quiz), "join CODE" joins a class quiz, anything else is answered and then the
    practice quiz's open question is asked again."""

    @abstractmethod
    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        """The action's own answer."""

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        who, text = _who(tracker), _message(tracker)[0]
        no_quiz = _no_quiz(who["channel"])
        looked = tracker.get_slot(QUIZ_SLOT) != no_quiz
        taken, quiz = _taken_by_quiz(dispatcher, tracker, who, text, looked)
        if taken is not None:
            return taken
        if not quiz and lexicon_pattern("quiz_asked").search(simplify(text)):  # however the classifier read it
            return ActionQuizStart().run(dispatcher, tracker, domain)
        if acknowledges(text):  # "ok": nothing to look up, and what "it" means is kept for the next turn
            dispatcher.utter_message(text=wording.text("reply.acknowledged", reply_language(tracker)))
            events: list[EventType] = []
        else:
            events = self.respond(dispatcher, tracker, domain)
        if quiz and words.stop_before(tracker.latest_message.get("text") or ""):
            with session() as db:  # "quit quiz. which mission...?": answered, then the quiz stopped
                _send(dispatcher, practice.stop(db, **who))
            events = [*events, SlotSet(QUIZ_SLOT, None)]
        elif quiz and words.skip_before(tracker.latest_message.get("text") or ""):
            with session() as db:  # "no idea. which mission ...?": answered, then the open question's answer
                _send(dispatcher, practice.skip(db, **who))
        elif quiz:
            # "请用中文" in the middle of a quiz: the open question comes back in the language just set
            who["lang"] = next((e["value"] for e in events if e.get("name") == LANGUAGE_SLOT), who["lang"])
            with session() as db:
                _send(dispatcher, practice.still_open(db, **who))
        elif looked:
            events = [*events, SlotSet(QUIZ_SLOT, no_quiz)]
        return events


def _names_report_entity(tracker: Tracker) -> bool:
    """A message naming a mission, figure, paragraph, priority or document is a question about
    the report, whatever intent the classifier guessed ("UNISFA", "explain figure II")."""
    return any(e.get("entity") in REPORT_ENTITIES for e in tracker.latest_message.get("entities") or [])


class ActionAnswerBase(ReportAction):
    """Answers a question, read in the conversation so far."""

    followup = False

    @abstractmethod
    def name(self) -> str:
        """Abstract, so that rasa_sdk registers only the concrete actions."""

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        text, entities, intent = _message(tracker)
        lang, events = reply_language(tracker), list[EventType]()
        if (asked := _without_language_request(text)) != text:
            # "中文名称是什么？", "please give the name in Chinese as the report writes it": the last answer in it
            # ("English please, I'm sharing it with colleagues": what it says besides asks nothing)
            if _asks_nothing_besides(asked, context.of(tracker)):
                return ActionSetLanguage().respond(dispatcher, tracker, domain)
            lang = _language_wanted(text, entities) or lang
            text, entities, events = asked, [], [SlotSet(LANGUAGE_SLOT, lang)]
        if not text.strip():
            dispatcher.utter_message(text=wording.text("reply.empty", lang))
            return []
        ctx = now = context.of(tracker)
        if ctx.fact and _asks_only_source(text):  # "src?", taken for a quiz answer
            with session() as db:
                told = _last_fact(tracker, db) is not None  # (a fact no longer in the store has no source to show)
            if told:
                return [*events, *ActionSource().respond(dispatcher, tracker, domain)]
        if ctx.query and _asks_again(text, ctx):  # "Could you repeat that figure for my notes?"
            dispatcher.utter_message(text=_reply(_last_answer(tracker, lang), lang))
            return events
        if introduces(text):  # greeted: nothing to look up, but what it says it is about is what "it" means next
            dispatcher.utter_message(text=wording.text("reply.greet", lang), buttons=replies.suggestions(lang))
            return [*events, *_introduced(text, now, lang)]
        with session() as db:
            followup = self.followup
            if back := context.gone_back(text, ctx, lambda said, key: _held_by(corpus(db), said, key)):
                # "back to the first one - as of which month?" asks a follow-up of it; "back to Elsie - which missions
                # used its funding ...?" is read whole, on its own
                followup = bool(back[1].fact)
                text, ctx, entities = back[0], back[1], []
            finding, understood = understand(db, text, entities, ctx, lang, followup)
        if intent in ("out_of_scope", "nlu_fallback") and finding.kind == "closest":
            finding = answering.declined()
        dispatcher.utter_message(text=_reply(finding, lang))
        return [*events, *context.remember(finding, understood, now)]


def _introduced(text: str, ctx: context.Context, lang: str) -> list[EventType]:
    """The conversation's subject after an introduction that names one: what it goes on to say, or the mission it
    names ("I'm writing a brief on the UN Mission in South Sudan": then "the mission" is UNMISS)."""
    with session() as db:
        topic = introduced_topic(text) or " ".join(e["value"] for e in corpus(db).mission_entities(text))
        if not topic:
            return []
        finding, understood = understand(db, topic, [], ctx, lang)
    return context.remember(finding, understood, ctx) if finding.kind in ("answer", "closest", "mission") else []


def _held_by(db_corpus: Corpus, text: str, key: str) -> float:
    """How much of a turn's own words the fact `key` holds."""
    fact = db_corpus.facts.get(key)
    return answering.holds(db_corpus, analyse(text, []), fact) if fact else 0.0


class ActionAnswer(ActionAnswerBase):
    """A question about the report, a paragraph by number, or something the report may not hold."""

    def name(self) -> str:
        return "action_answer"


class ActionFollowup(ActionAnswerBase):
    """ "and since 2013?", "what about MINUSCA?", "and for it?": the last question, amended."""

    followup = True

    def name(self) -> str:
        return "action_followup"


def _without_context(dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
    """ "Tell me more" or "where does it say that?" with nothing asked before: a message with words of its own
    ("马里的首都是哪里？") is answered as a question, a bare one is asked for a question first."""
    text, entities, _ = _message(tracker)
    with session() as db:
        q = analyse(text, entities)
        bare = answering.says_little(corpus(db), q) and not (q.names or q.measures or q.named)
    if bare:
        dispatcher.utter_message(text=wording.text("reply.no_context", reply_language(tracker)))
        return []
    return ActionAnswer().respond(dispatcher, tracker, domain)


def _last_fact(tracker: Tracker, db) -> Fact | None:
    key = tracker.get_slot("last_fact") or ""
    kind, _, fact_id = key.partition(":")
    return queries.fact(db, kind, fact_id) if kind else None


def _source_asked(text: str) -> re.Match[str] | None:
    """Where the message asks for the last answer's source; None when it asks for a document ("which resolution says
    so?"), about the last answer ("with whose support?"), where a thing is ("where is that academy based?", dev139) or
    for the next paragraph."""
    plain = simplify(written_out(text))  # ("src?")
    if answering.names_a_kind(text) or context.step_of(text) or lexicon_pattern("seat_asked").search(plain):
        return None
    return lexicon_pattern("asks_source").search(plain)


_PARAGRAPH = re.compile(r"\bpara(graph)?s?\b")
_SOURCE_WORD = re.compile(r"\b(sources?|citations?|references?|paragraph|paras?)\b")


def _asks_only_source(text: str) -> bool:
    """The message asks where the last answer comes from in so many words, and nothing besides ("src?"; not "what
    share came from renewable sources?", nor "where was that?", which asks where)."""
    if not (asked := _source_asked(text)) or not _SOURCE_WORD.search(asked.group(0)):
        return False
    rest = f"{asked.string[: asked.start()]} {asked.string[asked.end() :]}"
    return not tokens(rest)


class ActionSource(ReportAction):
    """ "Where does it say that?": the paragraph behind the last answer."""

    def name(self) -> str:
        return "action_source"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        text = _message(tracker)[0]
        # ("where did the Aqibiyah attack happen?" names a place of its own, and leans on the last answer only as its
        # words do)
        if not _source_asked(text):
            own = analyse(text, []).names
            return (ActionAnswer() if own else ActionFollowup()).respond(dispatcher, tracker, domain)
        lang = reply_language(tracker)
        with session() as db:
            fact = _last_fact(tracker, db)
            paragraph = queries.paragraph(db, first_paragraph(fact)) if fact else None
            cited = [d for d in queries.facts(db, "document") if paragraph and paragraph["number"] in paragraphs(d)]
        if not paragraph:
            return _without_context(dispatcher, tracker, domain)
        dispatcher.utter_message(text=replies.source_answer(paragraph, lang, cited))
        return []


# What a question asks that "tell me more" never does (no ask_more training example asks one of them).
SPECIFIC = ("number", "date", "who", "where", "symbol")


class ActionMore(ReportAction):
    """ "Tell me more": more examples of the last mission, or the full paragraph of the last fact."""

    def name(self) -> str:
        return "action_more"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        if _names_report_entity(tracker):
            return ActionAnswer().respond(dispatcher, tracker, domain)
        # "on what dates?", "anything more on what it cost?" ask for no more of the same
        if (asked := analyse(_message(tracker)[0], [])).asks in SPECIFIC or asked.measures:
            return ActionFollowup().respond(dispatcher, tracker, domain)
        lang = reply_language(tracker)
        with session() as db:
            fact = _last_fact(tracker, db)
            if fact and fact["type"] == "mission":
                finding = answering.find_mission(db, fact["id"], page=1)
                text = replies.mission_answer(fact, finding.mission_examples, lang)
            elif fact and (paragraph := queries.paragraph(db, first_paragraph(fact))):
                text = replies.fact_answer(paragraph, lang)
            else:
                return _without_context(dispatcher, tracker, domain)
        dispatcher.utter_message(text=text)
        return []


class ActionList(ReportAction):
    """The A4P+ priorities and themes, the missions named, or the recommendations."""

    def name(self) -> str:
        return "action_list"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        text, entities, intent = _message(tracker)
        if _names_report_entity(tracker):
            return ActionAnswer().respond(dispatcher, tracker, domain)
        q = analyse(text, entities)
        if lexicon_table("kinds")["document"].search(simplify(text)):  # "報告引用了哪些決議？": documents, listed there
            return ActionAnswer().respond(dispatcher, tracker, domain)
        # "For which missions?", "which mission supported that?" after an answer
        pointing = bool({"pronoun", "detail"} & set(q.leans)) or not lexicon_pattern("overview").search(simplify(text))
        if q.name_asked == "mission" and context.of(tracker).fact and pointing:
            return ActionFollowup().respond(dispatcher, tracker, domain)
        with session() as db:
            if not answering.wants_list(db, q):
                return ActionAnswer().respond(dispatcher, tracker, domain)
            what = {"list_priorities": "priorities", "list_missions": "missions"}.get(intent or "", "recommendations")
            items = answering.listing(db, what)
        lang = reply_language(tracker)
        dispatcher.utter_message(text=replies.list_answer(what, items, lang))
        return [SlotSet("last_fact", f"{items[0]['type']}:{items[0]['id']}")] if items else []


def _languages_named(text: str, entities: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The languages a message names, and those it asks for ("in Chinese", "用中文")."""
    named = [e for e in entities if e.get("entity") == "language" and e.get("value") in ("zh", "en")]
    before = lexicon_pattern("language_wanted")
    return named, [e for e in named if isinstance(e.get("start"), int) and before.search(text[: e["start"]].lower())]


def _language_wanted(text: str, entities: list[dict[str, Any]]) -> str | None:
    """The language a message asks for: the one its request names ("english pls my chinese is rusty"), else the one
    after "in"/"用", else the last it names."""
    named, asked = _languages_named(text, entities)
    spans = [m.span() for m in lexicon_pattern("language_request").finditer(aligned(text))]
    requested = [e for e in named if any(start <= e.get("start", -1) < end for start, end in spans)]
    return str((requested or asked or named)[-1]["value"]) if named else None


def _asks_no_language(text: str, entities: list[dict[str, Any]]) -> bool:
    """A question that names a language without asking for it ("how many of them were Chinese?")."""
    requested = _languages_named(text, entities)[1] or lexicon_pattern("language_request").search(aligned(text))
    return not requested and bool(lexicon_pattern("interrogative").search(simplify(text)))


def _without_language_request(text: str) -> str:
    """The message without its requests for a language ("... ? answer in Chinese pls"; "its name in English? answer in
    English pls" asks twice); the message when it has none."""
    for request in reversed(list(lexicon_pattern("language_request").finditer(aligned(text)))):
        text = f"{text[: request.start()]} {text[request.end() :]}"
    return text


def _nothing_of_its_own(asked: str, ctx: context.Context) -> bool:
    """What a message asks besides a language names nothing and says too little to search, after an answer."""
    if not ctx.fact:
        return False
    with session() as db:
        q = analyse(asked, [])
        asks = q.asks != "other" or q.measures or q.named or q.names or q.years  # "what was its budget? in Chinese"
        return not asks and answering.says_little(corpus(db), q)


def _asks_nothing_besides(asked: str, ctx: context.Context) -> bool:
    """What a message says besides its request for a language is no question ("English please, I'm sharing it")."""
    # ("请用中文再回答一遍": the last answer again; cut from the message as written, whose acronyms keep their case)
    for again in reversed(list(lexicon_pattern("repeat_request").finditer(aligned(asked)))):
        asked = f"{asked[: again.start()]} {asked[again.end() :]}"
    purpose = lexicon_pattern("purpose").search(simplify(asked))
    return not asked.strip(" ?？。.!！") or introduces(asked) or bool(purpose) or _nothing_of_its_own(asked, ctx)


def _without_languages_asked(text: str, entities: list[dict[str, Any]]) -> str:
    """The message without the languages it asks for ("What is UNISFA in English?")."""
    for asked in sorted(_languages_named(text, entities)[1], key=lambda e: -e["start"]):
        text = f"{text[: asked['start']]}{text[asked['end'] :]}"
    return text


def _asked_besides(
    db: Session, text: str, entities: list[dict[str, Any]], ctx: context.Context, lang: str
) -> tuple[answering.Finding, str] | None:
    """The answer to a question a message asks besides its request for a language, when it finds one of its own."""
    if (rest := _without_language_request(text)) == text and any(e.get("entity") != "language" for e in entities):
        rest = _without_languages_asked(text, entities)  # a name asked in a language, not "用中文再说一下这个比例"
    if rest == text or _asks_nothing_besides(rest, ctx):
        return None
    finding, understood = understand(db, rest, [], ctx, lang)
    # ("what did they cost? answer in English" after the housing blocks: declined, not the blocks again)
    declined = finding.kind == "declined" and finding.reason == "measure" and bool(ctx.fact)
    # ("What is UNISFA in English?": the mission's card, in English)
    other = finding.kind in ("answer", "mission") and finding.top is not None and key_of(finding.top) != ctx.fact
    return (finding, understood) if other or declined else None


class ActionSetLanguage(ReportAction):
    """ "Answer in English" / "请用中文": fixes the reply language until changed."""

    def name(self) -> str:
        return "action_set_language"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        text, entities, _ = _message(tracker)
        wanted = _language_wanted(text, entities)
        if _asks_no_language(text, entities):
            # "What happened in Aqibiyah in Lebanon?", "how many of them were Chinese?": a question, not a request
            return ActionAnswer().respond(dispatcher, tracker, domain)
        lang = wanted or detect(text)
        ctx = context.of(tracker)
        with session() as db:
            besides = _asked_besides(db, text, entities, ctx, lang)
        if besides:  # "能用中文说一下固体废物的数据吗？": a question of its own, answered in that language
            dispatcher.utter_message(text=_reply(besides[0], lang))
            return [SlotSet(LANGUAGE_SLOT, lang), *context.remember(*besides)]
        if not ctx.query:
            dispatcher.utter_message(text=wording.text("reply.language_set", lang))
            return [SlotSet(LANGUAGE_SLOT, lang)]
        # "answer in English" after an answer: that answer again, in English (after a decline, the decline)
        dispatcher.utter_message(text=_reply(_last_answer(tracker, lang), lang))
        return [SlotSet(LANGUAGE_SLOT, lang)]


def _asks_again(text: str, ctx: context.Context) -> bool:
    """The message asks for the last answer again and nothing besides ("could you repeat that figure for my notes?")."""
    if not (asked := lexicon_pattern("repeat_request").search(aligned(text))):
        return False
    rest = f"{text[: asked.start()]} {text[asked.end() :]}".strip()
    aside = lexicon_pattern("aside").match(aligned(rest))  # ("Thank you. Could you repeat ...?")
    return _asks_nothing_besides(rest[aside.end() :] if aside else rest, ctx)


def _last_answer(tracker: Tracker, lang: str) -> answering.Finding:
    """The last answer, told again: the last question read again gives it whole when it gave that answer (every
    resolution asked for, the sentence told)."""
    ctx = context.of(tracker)
    with session() as db:
        fact = _last_fact(tracker, db)
        # (after a decline read whole: "what about 2019? how many ... in ?" is one question, understood before)
        again, _ = understand(db, ctx.query, [], context.Context(mission=ctx.mission), lang, whole=not ctx.fact)
        # (a decline's nearest fact is not what was answered: in the other language it may read as a decline)
        if fact and not (again.kind != "declined" and again.top and key_of(again.top) == ctx.fact):
            again = answering.find_mission(db, fact["id"]) if fact["type"] == "mission" else answering.Finding([fact])
    return again


class ActionSmallTalk(ReportAction):
    """Greeting, help, thanks and goodbye."""

    def name(self) -> str:
        return "action_small_talk"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        text, _, intent = _message(tracker)
        if _names_report_entity(tracker) or _asks_the_report(text, bool(context.of(tracker).query)):
            return ActionAnswer().respond(dispatcher, tracker, domain)
        # "How often?" after an answer; "Thank you. How often does that happen, then?"; "... could you repeat that?"
        aside, ctx = lexicon_pattern("aside").match(aligned(text)), context.of(tracker)
        if ctx.query and (asks_about_the_report(text[aside.end() :] if aside else text) or _asks_again(text, ctx)):
            return ActionFollowup().respond(dispatcher, tracker, domain)
        key = intent if intent in ("greet", "help", "thank", "goodbye") else "help"
        lang = reply_language(tracker)
        buttons = replies.suggestions(lang) if key in ("greet", "help") else []
        dispatcher.utter_message(text=wording.text(f"reply.{key}", lang), buttons=buttons)
        return []


def _asks_the_report(text: str, after_answer: bool) -> bool:
    """ "What is A4P+?" asks what the report means by a term it uses, not for help; "what do you think of X?"
    is declined as an opinion; a number or a date is asked of the report."""
    q = analyse(text, [])
    if q.opinion or q.asks in ("number", "date"):  # "over what period?" asks no help
        return True
    # "who asked for this report?", "what asked for this report", not "who are you?", "what can you tell me about it?"
    itself = lexicon_pattern("report_itself").search(simplify(text))
    if (q.asks in ("who", "where") or itself) and asks_about_the_report(text):
        return True
    if q.asks == "other":  # "what does the PCRS do?" in words the report singles out, not "what can you do?"
        if after_answer or not asks_about_the_report(text):  # ("too?" after an answer: a follow-up)
            return False
        with session() as db:
            return not answering.says_little(corpus(db), q)
    if q.asks != "definition":
        return False
    with session() as db:
        return any(t in corpus(db).df for t in tokens(q.text))


def _topic(entities: list[dict[str, Any]]) -> str | None:
    named = [str(e["value"]) for e in entities if e.get("entity") in ("priority", "theme", "mission", "document")]
    return named[0] if named else None


def _quiz_sentence(text: str) -> str:
    """The sentence asking for the quiz, whose subject it is ("... a quiz to help me prepare? I have about ten minutes
    before my next session." asks none about ten minutes)."""
    asks = lexicon_pattern("quiz_request")
    return next((s for s in message_sentences(text) if asks.search(simplify(s))), text)


class ActionQuizStart(Action):
    """ "Quiz me (on priority 4 / on MONUSCO / 10 questions)", "review my mistakes"."""

    def name(self) -> str:
        return "action_quiz_start"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        text, entities, intent = _message(tracker)
        plain = simplify(text)
        # "MINUSMA budget 2023" asks no quiz, nor does "wrong mission - I meant MINUSCA"
        asks_quiz = lexicon_pattern("quiz_request").search(plain) and not lexicon_pattern("correction").search(plain)
        # "ok forget the quiz. what's priority 1 called?" asks a question
        if not text.startswith("/") and (not asks_quiz or words.stop_before(text)):
            return ActionAnswer().run(dispatcher, tracker, domain)
        with session() as db:
            _send(
                dispatcher,
                practice.start(
                    db,
                    **_who(tracker),
                    topic=_topic(entities),
                    text=_quiz_sentence(text),
                    review=intent == "review_mistakes",
                    in_group=channel_metadata(tracker).get("chat_type") in ("group", "supergroup"),
                ),
            )
        return [SlotSet(QUIZ_SLOT, None)]


class ActionQuizAnswer(Action):
    """A press of an option button (payload /quiz_answer{"choice":"B"}) or a typed letter; anything else
    classified as an answer is answered as a question."""

    def name(self) -> str:
        return "action_quiz_answer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        text, entities, _ = _message(tracker)
        picked = _values(entities, "choice")
        choice = practice.choice_of(picked[-1] if picked else text)
        if choice is None:  # "UNISFA" looks like "B" to the classifier: a question after all
            return ActionAnswer().run(dispatcher, tracker, domain)
        item = _values(entities, "item")
        with session() as db:
            _send(
                dispatcher, _answer_quiz(db, _who(tracker), choice, int(item[-1]) if item and _ITEM.fullmatch(item[-1]) else None)
            )
        return [SlotSet(QUIZ_SLOT, None)]


class ActionClassJoin(Action):
    """ "join K7P2QX" / "加入 K7P2QX": joins a trainer's class quiz; anything else classified so is a question."""

    def name(self) -> str:
        return "action_class_join"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        # ActionAnswer's run joins a class quiz when the message asks to, and answers it as a question otherwise.
        return ActionAnswer().run(dispatcher, tracker, domain)


class ActionQuizStop(Action):
    """ "Stop the quiz": ends it with the score so far."""

    def name(self) -> str:
        return "action_quiz_stop"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        who, text = _who(tracker), _message(tracker)[0]
        with session() as db:
            # "后来取消了吗？" (was it lifted later?) with no quiz running asks about the last answer
            quiz_words = lexicon_pattern("quiz_request").search(simplify(text))
            if asks_about_the_report(text) and not quiz_words and not practice.running(db, who["channel"], who["sender"]):
                return ActionFollowup().run(dispatcher, tracker, domain)
            if words.is_skip(text):  # "I don't know" (with no quiz running, skip and stop both say there is none)
                _send(dispatcher, practice.skip(db, **who))
                return []
            if words.asks_score(text):
                _send(dispatcher, practice.score_asked(db, **who))
                return []
            _send(dispatcher, practice.stop(db, **who))
        return [SlotSet(QUIZ_SLOT, None)]
