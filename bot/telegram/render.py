"""The assistant's replies as Telegram messages. Text goes out as HTML after html.escape, so neither
the user's words nor the report's can inject markup."""

from __future__ import annotations

import html
import logging
from bisect import bisect_right
from collections.abc import MutableMapping
from functools import partial
from itertools import accumulate

from telegram import Bot, InlineKeyboardMarkup, ReplyParameters
from telegram.constants import MessageLimit, ParseMode
from telegram.error import BadRequest

from bot.telegram.buttons import keyboard
from bot.telegram.retry import retrying

log = logging.getLogger(__name__)


def _prefix_fitting(text: str, limit: int) -> int:
    """How many characters of `text` fit in `limit` UTF-16 units, the unit Telegram counts in."""
    units = list(accumulate(2 if ord(c) > 0xFFFF else 1 for c in text[:limit]))
    return bisect_right(units, limit)


def split_text(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """`text` in pieces Telegram accepts, cut at a line break or space when one is near the limit."""
    pieces = []
    cut = _prefix_fitting(text, limit)
    while cut < len(text):
        soft = max(text.rfind("\n", 0, cut), text.rfind(" ", 0, cut)) + 1
        cut = soft if soft > cut // 2 else cut
        pieces.append(text[:cut])
        text = text[cut:]
        cut = _prefix_fitting(text, limit)
    return [piece for piece in [*pieces, text] if piece.strip()]


async def send_text(
    bot: Bot, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None, reply_to: int | None = None
) -> None:
    """`text`, split to Telegram's limit; the keyboard goes with the last piece, the quote with the first."""
    pieces = split_text(text)
    for number, piece in enumerate(pieces, 1):
        quote = ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to and number == 1 else None
        await retrying(
            partial(
                bot.send_message,
                chat_id,
                html.escape(piece),
                parse_mode=ParseMode.HTML,
                reply_markup=markup if number == len(pieces) else None,
                reply_parameters=quote,
            )
        )


async def send_photo(bot: Bot, chat_id: int, url: str) -> None:
    """The image by URL; its link as text when Telegram cannot fetch it."""
    try:
        await retrying(partial(bot.send_photo, chat_id, url))
    except BadRequest as error:
        log.warning("Telegram refused the image %s: %s", url, error)
        await send_text(bot, chat_id, url)


async def send_replies(
    bot: Bot, chat_id: int, replies: list[dict], keys: MutableMapping[str, str], reply_to: int | None = None
) -> None:
    """Every reply of the assistant, in order: text with its buttons, then any image."""
    for reply in replies:
        if (reply.get("text") or "").strip():
            await send_text(bot, chat_id, reply["text"], keyboard(reply.get("buttons") or [], keys), reply_to)
            reply_to = None
        if reply.get("image"):
            await send_photo(bot, chat_id, reply["image"])
