"""Who is asking: the assistant's sender id, the reply language and the metadata sent with each message."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

LANGUAGES = ("zh", "en")
_CHOSEN = "language"  # user_data key of the /lang choice


def sender_id(update: Update) -> str:
    """One conversation per user and chat, stable across restarts."""
    user = update.effective_user
    sender_chat = update.effective_message.sender_chat if update.effective_message else None
    # Anonymous group admins and channels post without a user, as their chat.
    who = user.id if user else (sender_chat.id if sender_chat else "anonymous")
    return f"telegram:{update.effective_chat.id}:{who}"


def language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The /lang choice, else the language of the user's Telegram app (zh* is Chinese, all else English)."""
    chosen = context.user_data.get(_CHOSEN) if context.user_data is not None else None
    if chosen:
        return chosen
    user = update.effective_user
    return "zh" if user and (user.language_code or "").lower().startswith("zh") else "en"


def choose_language(context: ContextTypes.DEFAULT_TYPE, lang: str) -> None:
    if context.user_data is not None:
        context.user_data[_CHOSEN] = lang


def metadata(update: Update, lang: str) -> dict:
    return {"channel": "telegram", "language": lang, "chat_type": update.effective_chat.type}
