"""Custom actions: thin wrappers that look a fact up (answering) and word it (replies)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import answering, replies
from actions.language import LANGUAGE_SLOT, detect, reply_language
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


REPORT_ENTITIES = {"mission", "figure", "paragraph", "priority", "theme", "document"}


def _names_report_entity(tracker: Tracker) -> bool:
    """A message naming a mission, figure, paragraph, priority or document is a question about
    the report, whatever intent the classifier guessed ("UNISFA", "explain figure II")."""
    return any(e.get("entity") in REPORT_ENTITIES for e in tracker.latest_message.get("entities") or [])


class ActionAnswer(Action):
    """A question about the report, a paragraph by number, or something the report may not hold."""

    def name(self) -> str:
        return "action_answer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
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


class ActionFollowup(Action):
    """"and since 2013?", "what about MINUSCA?", "and for it?": the last question, amended."""

    def name(self) -> str:
        return "action_followup"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
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


class ActionSource(Action):
    """"Where does it say that?": the paragraph behind the last answer."""

    def name(self) -> str:
        return "action_source"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        lang = reply_language(tracker)
        with session() as db:
            fact = _last_fact(tracker, db)
            paragraph = queries.paragraph(db, _first_paragraph(fact)) if fact else None
        if not paragraph:
            dispatcher.utter_message(text=replies.say("no_context", lang))
            return []
        dispatcher.utter_message(text=replies.source_answer(paragraph, lang))
        return []


class ActionMore(Action):
    """"Tell me more": more examples of the last mission, or the full paragraph of the last fact."""

    def name(self) -> str:
        return "action_more"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        if _names_report_entity(tracker):
            return ActionAnswer().run(dispatcher, tracker, domain)
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


class ActionList(Action):
    """The A4P+ priorities and themes, the missions named, or the recommendations."""

    def name(self) -> str:
        return "action_list"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        _, _, intent = _message(tracker)
        what = {"list_priorities": "priorities", "list_missions": "missions"}.get(intent or "", "recommendations")
        lang = reply_language(tracker)
        with session() as db:
            items = answering.listing(db, what)
        dispatcher.utter_message(text=replies.list_answer(what, items, lang))
        return [SlotSet("last_fact", f"{items[0]['type']}:{items[0]['id']}")] if items else []


class ActionSetLanguage(Action):
    """"Answer in English" / "请用中文": fixes the reply language until changed."""

    def name(self) -> str:
        return "action_set_language"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        text, entities, _ = _message(tracker)
        wanted = answering.entity_values(entities, "language")
        lang = wanted[-1] if wanted else detect(text)
        dispatcher.utter_message(text=replies.say("language_set", lang))
        return [SlotSet(LANGUAGE_SLOT, lang)]


class ActionSmallTalk(Action):
    """Greeting, help, thanks, goodbye, and quiz requests until quizzes exist."""

    def name(self) -> str:
        return "action_small_talk"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        if _names_report_entity(tracker):
            return ActionAnswer().run(dispatcher, tracker, domain)
        _, _, intent = _message(tracker)
        key = {"greet": "greet", "help": "help", "thank": "thank", "goodbye": "goodbye"}.get(intent or "", "quiz_soon")
        dispatcher.utter_message(text=replies.say(key, reply_language(tracker)))
        return []
