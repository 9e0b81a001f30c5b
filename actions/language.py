"""Which language to answer in: the one asked for with "answer in English"/"请用中文", else the
language of the user's latest message; a message in no language ("B", a button payload) keeps the
language the user was speaking."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from actions.store.text import HAN, is_chinese, to_simplified

if TYPE_CHECKING:  # the Telegram bridge reads languages too, without loading rasa_sdk (it changes warning filters)
    from rasa_sdk import Tracker

LANGUAGE_SLOT = "reply_language"


# English words, leaving out acronyms such as MINUSCA or A4P: a Chinese question naming them is Chinese.
_ENGLISH_WORD = re.compile(r"\b(?![A-Z0-9+]+\b)[A-Za-z][a-z'-]*\b")
HAN_PER_WORD = 1.5  # a Chinese word averages about one and a half characters


def detect(text: str) -> str:
    """Chinese when the message holds Han characters, unless English words clearly outnumber them
    ("how many displaced does 联刚稳定团 protect?" is English)."""
    text = text or ""
    if not is_chinese(text):
        return "en"
    han = len(HAN.findall(to_simplified(text)))
    return "en" if len(_ENGLISH_WORD.findall(text)) > han / HAN_PER_WORD else "zh"


def channel_metadata(tracker: Tracker) -> dict:
    """What the channel sent with the latest message (web and Telegram send language and channel)."""
    latest: dict = next((e for e in reversed(tracker.events) if e.get("event") == "user"), {})
    return latest.get("metadata") or {}


_WORDS = re.compile(HAN.pattern + r"|[^\W\d_]{2,}")


def _has_words(text: str) -> bool:
    """False for commands, payloads and messages like "B", "44" or "👍" that are in no language."""
    return not text.startswith("/") and bool(_WORDS.search(text))


def words_language(text: str) -> str | None:
    """The language of a message with words, as reply_language reads it; None for one without (a payload, "B")."""
    return detect(text) if _has_words(text or "") else None


def reply_language(tracker: Tracker) -> str:
    """The fixed language, else the message's. A command or a message without words (a button payload,
    "B", digits, emoji) keeps the language of the user's last words, else takes the one their channel reports."""
    fixed = tracker.get_slot(LANGUAGE_SLOT)
    text = tracker.latest_message.get("text") or ""
    if fixed or _has_words(text):
        return fixed or detect(text)
    said = (e.get("text") or "" for e in reversed(tracker.events) if e.get("event") == "user")
    last_words = next((t for t in said if _has_words(t)), None)
    if last_words:
        return detect(last_words)
    channel_language = channel_metadata(tracker).get("language")
    return channel_language if channel_language in ("zh", "en") else detect(text)
