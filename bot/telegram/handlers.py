"""What the bot does with each kind of update. Private chats get an answer to every message; groups
only to commands and to messages that mention the bot or reply to it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re

from telegram import Bot, Message, Update
from telegram.constants import ChatAction, ChatType
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from actions import wording
from bot import rasa_client
from bot.telegram.buttons import payload_of
from bot.telegram.render import send_replies, send_text
from bot.telegram.users import LANGUAGES, chat_of, choose_language, given, language, metadata, sender_id

TYPING_RENEWAL = 4.0  # seconds; Telegram shows "typing…" for 5
log = logging.getLogger(__name__)


def payload_keys(context: ContextTypes.DEFAULT_TYPE) -> dict[str, str]:
    """The payloads of buttons too long for Telegram's callback data, by their short key (buttons.py)."""
    return context.bot_data.setdefault("payload_keys", {})


async def _keep_typing(bot: Bot, chat_id: int) -> None:
    with contextlib.suppress(TelegramError):  # a lost "typing…" is no reason to fail the answer
        while True:
            await bot.send_chat_action(chat_id, ChatAction.TYPING)
            await asyncio.sleep(TYPING_RENEWAL)


async def forward(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """Ask the assistant `text` for this user and chat and send its replies, or say why it cannot answer."""
    chat = chat_of(update)
    lang = language(update, context)
    typing = asyncio.create_task(_keep_typing(context.bot, chat.id))
    try:
        replies = await rasa_client.ask(sender_id(update), text, metadata(update, lang))
    except rasa_client.RasaUnavailable as error:
        log.warning("%s", error)
        replies = [{"text": wording.text("telegram.unavailable", lang)}]
    finally:
        typing.cancel()
    await send_replies(context.bot, chat.id, replies, payload_keys(context), _quote(update))


def _quote(update: Update) -> int | None:
    """In a group, the message to quote, so that it is clear whom an answer is for."""
    message = update.message
    return message.message_id if message and message.chat.type != ChatType.PRIVATE else None


async def _tell(update: Update, context: ContextTypes.DEFAULT_TYPE, key: str) -> None:
    await send_text(context.bot, chat_of(update).id, wording.text(key, language(update, context)), reply_to=_quote(update))


# /start and /help are the assistant's own greeting and help, as intents: it answers a message without
# words in the language sent in the metadata.
async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await forward(update, context, "/greet")


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await forward(update, context, "/help")


async def lang(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/lang zh|en: remembered here for the metadata, and fixed in the assistant's conversation."""
    args = context.args or []
    wanted = args[0].lower() if len(args) == 1 else ""
    if wanted not in LANGUAGES:
        await send_text(
            context.bot,
            chat_of(update).id,
            "\n".join(wording.text("telegram.lang_usage", code) for code in ("en", "zh")),
            reply_to=_quote(update),
        )
        return
    choose_language(update, context, wanted)
    await forward(update, context, f'/set_language{{"language":"{wanted}"}}')


def _mention(bot: Bot) -> re.Pattern[str]:
    return re.compile(rf"@{re.escape(bot.username)}\b", re.IGNORECASE)


def addressed_text(message: Message, bot: Bot) -> str | None:
    """The text meant for the bot, its @mention cut out; None for a group message not meant for it. A bare
    mention is a call for help."""
    text = message.text or ""
    stripped = _mention(bot).sub(" ", text).strip()
    if message.chat.type == ChatType.PRIVATE or stripped != text.strip():
        return stripped or "/help"
    replied = message.reply_to_message
    return text if replied and replied.from_user and replied.from_user.id == bot.id else None


async def text_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    text = addressed_text(given(update.message, "a message"), context.bot)
    if text is not None:
        await forward(update, context, text)


async def button_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = given(update.callback_query, "a button press")
    # Stops the spinner on the button at once. Telegram refuses the answer once the query is old (as after the
    # bridge was down a while): the press is still answered in the chat.
    with contextlib.suppress(BadRequest):
        await query.answer()
    if update.effective_chat is None:  # a button under an inline message: no chat to answer in
        return
    payload = payload_of(query.data or "", payload_keys(context))
    if payload is None:
        await _tell(update, context, "telegram.expired")
        return
    await forward(update, context, payload)


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _tell(update, context, "telegram.text_only")


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In a group a bare /command may be another bot's, so only /command@thisbot is answered there."""
    command = (given(update.message, "a message").text or "").split(maxsplit=1)[0]
    if chat_of(update).type == ChatType.PRIVATE or _mention(context.bot).search(command):
        await _tell(update, context, "telegram.unknown_command")


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log and carry on: one bad update must not stop the bot answering the others."""
    log.error("error while handling %r", update, exc_info=context.error)


def register(application: Application) -> None:
    new = filters.UpdateType.MESSAGE  # edits of earlier messages are ignored
    application.add_handler(CommandHandler("start", start, filters=new))
    application.add_handler(CommandHandler("help", help_command, filters=new))
    application.add_handler(CommandHandler("lang", lang, filters=new))
    application.add_handler(MessageHandler(new & filters.COMMAND, unknown_command))
    application.add_handler(MessageHandler(new & filters.TEXT, text_message))
    application.add_handler(MessageHandler(new & filters.ChatType.PRIVATE & ~filters.StatusUpdate.ALL, not_text))
    application.add_handler(CallbackQueryHandler(button_press))
    application.add_error_handler(on_error)
