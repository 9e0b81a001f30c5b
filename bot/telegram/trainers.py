"""Who may run a group quiz: the trainers named in the settings, and each group's administrators."""

from __future__ import annotations

import logging
from collections.abc import Collection

from telegram import Bot, Update
from telegram.constants import ChatType
from telegram.error import TelegramError

from bot.telegram.users import chat_of

log = logging.getLogger(__name__)


async def is_trainer(update: Update, bot: Bot, trainer_ids: Collection[int]) -> bool:
    """Asked afresh each time, so that promoting or demoting an admin takes effect at once."""
    chat, user, message = chat_of(update), update.effective_user, update.effective_message
    if message is not None and message.sender_chat is not None:
        return message.sender_chat.id == chat.id  # an anonymous admin posts as the group itself
    if user is None:
        return False
    if user.id in trainer_ids:
        return True
    if chat.type == ChatType.PRIVATE:
        return False
    try:
        admins = await bot.get_chat_administrators(chat.id)
    except TelegramError as error:
        log.warning("could not list the administrators of chat %s: %s", chat.id, error)
        return False
    return any(member.user.id == user.id for member in admins)
