"""Who is asking: the assistant's sender id, the reply language and the metadata sent with each message."""

from __future__ import annotations

from telegram import Chat, Update
from telegram.ext import ContextTypes

LANGUAGES = ("zh", "en")
_CHOSEN = "language"  # user_data (or chat_data) key of the /lang choice


def sender_id(update: Update) -> str:
    """One conversation per sender and chat, stable across restarts. An anonymous admin posts as the group (from
    is Telegram's stand-in user GroupAnonymousBot, sender_chat the group), a channel as itself."""
    who = update.effective_sender
    return f"telegram:{update.effective_chat.id}:{who.id if who else 'anonymous'}"


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
    return {"channel": "telegram", "language": lang, "chat_type": update.effective_chat.type}
