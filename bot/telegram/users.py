"""Who is asking: the assistant's sender id, the reply language and the metadata sent with each message.

The language is kept per chat and sender, as the assistant keeps its conversations (sender_id), and chosen as the
assistant chooses it (actions/language.py): the /lang choice, else the language of the sender's last words in this
chat, else their Telegram app's. So the bridge's own messages and the assistant's answers agree. Both are kept in
PTB's chat_data, which the bridge persists (bot.telegram.app), so a restart forgets neither."""

from __future__ import annotations

from typing import TypeVar

from telegram import Chat, Update, User
from telegram.ext import ContextTypes

from actions.language import words_language

LANGUAGES = ("zh", "en")
_CHOSEN, _HEARD = "language", "heard"  # chat_data keys: sender id -> the /lang choice; -> the language last spoken
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


def _kept(update: Update, context: ContextTypes.DEFAULT_TYPE, kind: str) -> dict:
    """This chat's languages of one kind, by sender (an anonymous admin's sender is the group itself)."""
    return {} if context.chat_data is None else context.chat_data.setdefault(kind, {})


def _sender_key(update: Update) -> int | None:
    who = update.effective_sender
    return who.id if who else None


def language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The sender's /lang choice in this chat, else the language of their last words here, else their Telegram
    app's (zh* is Chinese, all else English)."""
    key = _sender_key(update)
    said = _kept(update, context, _CHOSEN).get(key) or _kept(update, context, _HEARD).get(key)
    if said:
        return said
    user = update.effective_user
    return "zh" if user and (user.language_code or "").lower().startswith("zh") else "en"


def choose_language(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str) -> None:
    _kept(update, context, _CHOSEN)[_sender_key(update)] = lang


def heard(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """Note the language of a message the sender wrote, as the assistant reads it ("B" or a command: none)."""
    if spoken := words_language(text):
        _kept(update, context, _HEARD)[_sender_key(update)] = spoken


def metadata(update: Update, lang: str) -> dict:
    return {"channel": "telegram", "language": lang, "chat_type": chat_of(update).type}
