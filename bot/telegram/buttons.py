"""The assistant's buttons as an inline keyboard. Telegram caps callback_data at 64 bytes, so a longer
payload travels as a short key; the key is a hash of the payload, so the map grows only with distinct payloads."""

from __future__ import annotations

import hashlib
from collections.abc import MutableMapping

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import InlineKeyboardButtonLimit

KEY_PREFIX = "#k:"  # payloads are questions or "/intent" strings, never this


def callback_data(payload: str, keys: MutableMapping[str, str]) -> str:
    """`payload` itself when it fits, else a short key remembered in `keys`."""
    if len(payload.encode()) <= InlineKeyboardButtonLimit.MAX_CALLBACK_DATA and not payload.startswith(KEY_PREFIX):
        return payload
    key = KEY_PREFIX + hashlib.blake2b(payload.encode(), digest_size=12).hexdigest()
    keys[key] = payload
    return key


def payload_of(data: str, keys: MutableMapping[str, str]) -> str | None:
    """The payload a pressed button stands for; None when its key was lost (e.g. by a restart)."""
    return keys.get(data) if data.startswith(KEY_PREFIX) else data


def keyboard(buttons: list[dict], keys: MutableMapping[str, str]) -> InlineKeyboardMarkup | None:
    """One button per row: titles are short questions and read better stacked."""
    rows = [
        [InlineKeyboardButton(b["title"], callback_data=callback_data(b["payload"], keys))]
        for b in buttons
        if b.get("title") and b.get("payload")
    ]
    return InlineKeyboardMarkup(rows) if rows else None
