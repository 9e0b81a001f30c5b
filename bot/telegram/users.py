"""Who is asking: the assistant's sender id, the reply language and the metadata sent with each message."""

from __future__ import annotations

from typing import TypeVar

from telegram import Chat, Update, User
from telegram.ext import ContextTypes

LANGUAGES = ("zh", "en")
_CHOSEN = "language"  # user_data (or chat_data) key of the /lang choice
T = TypeVar("T")


def given(value: T | None, what: str) -> T:
    """A part of an update that PTB types as optional but that the handler's filters guarantee (the chat of a
    command, the query of a button press): its absence is a routing mistake, raised for `on_error` to log."""
    if value is None:
        raise LookupError(f"an update without {what} reached a handler that needs one")
    return value


def chat_of(update: Update) -> Chat:
    return given(update.effective_chat, "a chat")


def sender_of(update: Update) -> User | Chat:
    """A user, or a chat posting as itself (an anonymous admin as the group, a channel)."""
    sender = update.effective_sender
    if sender is None:  # not given(): a type checker would widen User | Chat to their base class
        raise LookupError("an update without a sender reached a handler that needs one")
    return sender


def sender_id(update: Update) -> str:
    """One conversation per sender and chat, stable across restarts. An anonymous admin posts as the group (from
    is Telegram's stand-in user GroupAnonymousBot, sender_chat the group), a channel as itself."""
    who = update.effective_sender
    return f"telegram:{chat_of(update).id}:{who.id if who else 'anonymous'}"


def chat_of_sender(sender: str) -> int | None:
    """The chat of a sender_id(), where whatever is for that sender goes."""
    parts = sender.split(":")
    return int(parts[1]) if len(parts) == 3 and parts[0] == "telegram" and parts[1].lstrip("-").isdigit() else None


def _choices(update: Update, context: ContextTypes.DEFAULT_TYPE) -> dict | None:
    """Where the /lang choice is kept: with the user, or with the chat for one posting as a chat, since the
    stand-in user is the same for the anonymous admins of every group."""
    return context.chat_data if isinstance(update.effective_sender, Chat) else context.user_data


def language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The /lang choice, else the language of the user's Telegram app (zh* is Chinese, all else English)."""
    choices = _choices(update, context)
    if choices and choices.get(_CHOSEN):
        return choices[_CHOSEN]
    user = update.effective_user
    return "zh" if user and (user.language_code or "").lower().startswith("zh") else "en"


def choose_language(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str) -> None:
    choices = _choices(update, context)
    if choices is not None:
        choices[_CHOSEN] = lang


def metadata(update: Update, lang: str) -> dict:
    return {"channel": "telegram", "language": lang, "chat_type": chat_of(update).type}
