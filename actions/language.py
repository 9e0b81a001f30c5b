"""Which language to answer in: the one asked for with "answer in English"/"请用中文", else the
language of the user's latest message (Chinese whenever it holds Han characters)."""

from __future__ import annotations

from rasa_sdk import Tracker

from actions.store.text import is_chinese

LANGUAGE_SLOT = "reply_language"


def detect(text: str) -> str:
    return "zh" if is_chinese(text or "") else "en"


def reply_language(tracker: Tracker) -> str:
    return tracker.get_slot(LANGUAGE_SLOT) or detect(tracker.latest_message.get("text") or "")
