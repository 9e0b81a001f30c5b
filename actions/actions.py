"""Custom actions: thin wrappers that look a fact up (answering) and word it (replies)."""

from __future__ import annotations

import re
from abc import ABCMeta, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import answering, replies
from actions.language import LANGUAGE_SLOT, channel_metadata, detect, reply_language
from actions.quiz import practice, sessions
from actions.store import queries
from actions.store.db import session

MAX_QUERY = 2000  # characters of a message worth ranking; the rest of a paste adds nothing


def _message(tracker: Tracker) -> tuple[str, list[dict[str, Any]], str | None]:
    latest = tracker.latest_message
    return ((latest.get("text") or "")[:MAX_QUERY], latest.get("entities") or [],
            (latest.get("intent") or {}).get("name"))


def _remember(finding: answering.Finding, query: str) -> list[EventType]:
    top = finding.top
    events: list[EventType] = [SlotSet("last_query", query)]
    if top:
        events.append(SlotSet("last_fact", f"{top['type']}:{top['id']}"))
        missions = [top["id"]] if top["type"] == "mission" else top.get("missions") or []
        if missions:
            events.append(SlotSet("last_mission", missions[0]))
    return events


def _reply(finding: answering.Finding, lang: str) -> str:
    if finding.kind == "not_found" or not finding.top:
        return replies.say("not_found", lang)
    if finding.kind == "mission":
        return replies.mission_answer(finding.top, finding.mission_examples, lang)
    if finding.kind == "closest":
        return replies.closest_answer(finding.top, lang)
    return replies.fact_answer(finding.top, lang)


_ITEM = re.compile(r"[0-9]{1,12}")  # an asked item's id in a button payload; anything else is ignored
REPORT_ENTITIES = {"mission", "figure", "paragraph", "priority", "theme", "document"}


def _channel(tracker: Tracker) -> str:
    channel = channel_metadata(tracker).get("channel")
    return channel if channel in sessions.CHANNELS else "rest"


def _who(tracker: Tracker) -> dict[str, str]:
    """Whose quiz: the channel, the sender and the language to talk to them in."""
    return {"channel": _channel(tracker), "sender": tracker.sender_id, "lang": reply_language(tracker)}


def _send(dispatcher: CollectingDispatcher, messages: list[practice.Reply]) -> None:
    for message in messages:
        dispatcher.utter_message(text=message.text, buttons=message.buttons)


class ReportAction(Action, metaclass=ABCMeta):
    """An answer that leaves a practice quiz running: a typed "B" answers the open question, anything else
    is answered and then the open question is asked again."""

    @abstractmethod
    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        """The action's own answer."""

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        who = _who(tracker)
        with session() as db:
            quiz = practice.running(db, who["channel"], who["sender"])
            choice = practice.choice_of(_message(tracker)[0]) if quiz else None
            if choice is not None:
                _send(dispatcher, practice.answer(db, choice=choice, **who))
                return []
        events = self.respond(dispatcher, tracker, domain)
        if quiz:
            # "请用中文" in the middle of a quiz: the open question comes back in the language just set
            who["lang"] = next((e["value"] for e in events if e.get("name") == LANGUAGE_SLOT), who["lang"])
            with session() as db:
                _send(dispatcher, practice.still_open(db, **who))
        return events


def _names_report_entity(tracker: Tracker) -> bool:
    """A message naming a mission, figure, paragraph, priority or document is a question about
    the report, whatever intent the classifier guessed ("UNISFA", "explain figure II")."""
    return any(e.get("entity") in REPORT_ENTITIES for e in tracker.latest_message.get("entities") or [])


class ActionAnswer(ReportAction):
    """A question about the report, a paragraph by number, or something the report may not hold."""

    def name(self) -> str:
        return "action_answer"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        text, entities, intent = _message(tracker)
        lang = reply_language(tracker)
        if not text.strip():
            dispatcher.utter_message(text=replies.say("empty", lang))
            return []
        with session() as db:
            finding = answering.find(db, text, entities, intent)
        if intent in ("out_of_scope", "nlu_fallback") and finding.kind == "closest":
            finding = answering.Finding(kind="not_found")
        dispatcher.utter_message(text=_reply(finding, lang))
        return _remember(finding, text)


class ActionFollowup(ReportAction):
    """"and since 2013?", "what about MINUSCA?", "and for it?": the last question, amended."""

    def name(self) -> str:
        return "action_followup"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        text, entities, _ = _message(tracker)
        lang = reply_language(tracker)
        last_query = tracker.get_slot("last_query") or ""
        last_mission = tracker.get_slot("last_mission")
        if not answering.entity_values(entities, "mission") and last_mission:
            entities = [*entities, {"entity": "mission", "value": last_mission}]
        with session() as db:
            if last_query and answering.entity_values(entities, "year"):
                # a new period for the same topic: drop the old years from the question
                topic = " ".join(w for w in last_query.split() if not w.strip("?？").isdigit())
                finding = answering.find(db, f"{topic} {text}", entities)
            elif last_query:
                finding = answering.find(db, f"{text} {last_query}", entities)
            else:
                finding = answering.find(db, text, entities)
        dispatcher.utter_message(text=_reply(finding, lang))
        return _remember(finding, f"{last_query} {text}".strip())


def _last_fact(tracker: Tracker, db) -> dict[str, Any] | None:
    key = tracker.get_slot("last_fact") or ""
    kind, _, fact_id = key.partition(":")
    return queries.fact(db, kind, fact_id) if kind else None


def _first_paragraph(fact: dict[str, Any]) -> int:
    paragraph = fact["paragraph"]
    return paragraph[0] if isinstance(paragraph, list) else paragraph


class ActionSource(ReportAction):
    """"Where does it say that?": the paragraph behind the last answer."""

    def name(self) -> str:
        return "action_source"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        lang = reply_language(tracker)
        with session() as db:
            fact = _last_fact(tracker, db)
            paragraph = queries.paragraph(db, _first_paragraph(fact)) if fact else None
        if not paragraph:
            dispatcher.utter_message(text=replies.say("no_context", lang))
            return []
        dispatcher.utter_message(text=replies.source_answer(paragraph, lang))
        return []


class ActionMore(ReportAction):
    """"Tell me more": more examples of the last mission, or the full paragraph of the last fact."""

    def name(self) -> str:
        return "action_more"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        if _names_report_entity(tracker):
            return ActionAnswer().respond(dispatcher, tracker, domain)
        lang = reply_language(tracker)
        with session() as db:
            fact = _last_fact(tracker, db)
            if fact and fact["type"] == "mission":
                finding = answering.find_mission(db, fact["id"], page=1)
                text = replies.mission_answer(fact, finding.mission_examples, lang)
            elif fact:
                paragraph = queries.paragraph(db, _first_paragraph(fact))
                text = replies.fact_answer(paragraph, lang)
            else:
                text = replies.say("no_context", lang)
        dispatcher.utter_message(text=text)
        return []


class ActionList(ReportAction):
    """The A4P+ priorities and themes, the missions named, or the recommendations."""

    def name(self) -> str:
        return "action_list"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        text, entities, intent = _message(tracker)
        if _names_report_entity(tracker) or not answering.wants_list(text, entities):
            return ActionAnswer().respond(dispatcher, tracker, domain)
        what = {"list_priorities": "priorities", "list_missions": "missions"}.get(intent or "", "recommendations")
        lang = reply_language(tracker)
        with session() as db:
            items = answering.listing(db, what)
        dispatcher.utter_message(text=replies.list_answer(what, items, lang))
        return [SlotSet("last_fact", f"{items[0]['type']}:{items[0]['id']}")] if items else []


class ActionSetLanguage(ReportAction):
    """"Answer in English" / "请用中文": fixes the reply language until changed."""

    def name(self) -> str:
        return "action_set_language"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        text, entities, _ = _message(tracker)
        wanted = [w for w in answering.entity_values(entities, "language") if w in ("zh", "en")]
        lang = wanted[-1] if wanted else detect(text)
        dispatcher.utter_message(text=replies.say("language_set", lang))
        return [SlotSet(LANGUAGE_SLOT, lang)]


class ActionSmallTalk(ReportAction):
    """Greeting, help, thanks and goodbye."""

    def name(self) -> str:
        return "action_small_talk"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        if _names_report_entity(tracker):
            return ActionAnswer().respond(dispatcher, tracker, domain)
        _, _, intent = _message(tracker)
        key = intent if intent in ("greet", "help", "thank", "goodbye") else "help"
        lang = reply_language(tracker)
        buttons = replies.suggestions(lang) if key in ("greet", "help") else []
        dispatcher.utter_message(text=replies.say(key, lang), buttons=buttons)
        return []


def _topic(entities: list[dict[str, Any]]) -> str | None:
    named = [str(e["value"]) for e in entities if e.get("entity") in ("priority", "theme", "mission", "document")]
    return named[0] if named else None


class ActionQuizStart(Action):
    """"Quiz me (on priority 4 / on MONUSCO / 10 questions)", "review my mistakes"."""

    def name(self) -> str:
        return "action_quiz_start"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        text, entities, intent = _message(tracker)
        with session() as db:
            _send(dispatcher, practice.start(db, **_who(tracker), topic=_topic(entities), text=text,
                                             review=intent == "review_mistakes"))
        return []


class ActionQuizAnswer(Action):
    """A press of an option button (payload /quiz_answer{"choice":"B"}) or a typed letter; anything else
    classified as an answer is answered as a question."""

    def name(self) -> str:
        return "action_quiz_answer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        text, entities, _ = _message(tracker)
        picked = answering.entity_values(entities, "choice")
        choice = practice.choice_of(picked[-1] if picked else text)
        if choice is None:  # "UNISFA" looks like "B" to the classifier: a question after all
            return ActionAnswer().run(dispatcher, tracker, domain)
        item = answering.entity_values(entities, "item")
        with session() as db:
            _send(dispatcher, practice.answer(db, **_who(tracker), choice=choice,
                                              item=int(item[-1]) if item and _ITEM.fullmatch(item[-1]) else None))
        return []


class ActionQuizStop(Action):
    """"Stop the quiz": ends it with the score so far."""

    def name(self) -> str:
        return "action_quiz_stop"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        with session() as db:
            _send(dispatcher, practice.stop(db, **_who(tracker)))
        return []
