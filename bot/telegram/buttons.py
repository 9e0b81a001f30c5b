"""The assistant's buttons as an inline keyboard. Telegram caps callback_data at 64 bytes, so a longer payload
travels as a reference that says what it is: a sentence of the wording by its key ("#w:suggestion.killed_ask:en"),
which any bridge, restarted or not, reads back; else as a short key remembered by this bridge (a hash of the payload,
so that the map grows only with distinct payloads)."""

from __future__ import annotations

import hashlib
from collections.abc import MutableMapping

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import InlineKeyboardButtonLimit

from actions import wording

KEY_PREFIX, WORDING_PREFIX = "#k:", "#w:"  # payloads are questions or "/intent" strings, never these


def _fits(data: str) -> bool:
    return len(data.encode()) <= InlineKeyboardButtonLimit.MAX_CALLBACK_DATA


def callback_data(payload: str, keys: MutableMapping[str, str]) -> str:
    """`payload` itself when it fits, else a reference to its wording, else a short key remembered in `keys`."""
    if _fits(payload) and not payload.startswith((KEY_PREFIX, WORDING_PREFIX)):
        return payload
    found = wording.key_of(payload)
    if found and _fits(reference := f"{WORDING_PREFIX}{found[0]}:{found[1]}"):
        return reference
    key = KEY_PREFIX + hashlib.blake2b(payload.encode(), digest_size=12).hexdigest()
    keys[key] = payload
    return key


def payload_of(data: str, keys: MutableMapping[str, str]) -> str | None:
    """The payload a pressed button stands for; None when its key was lost (e.g. by a restart) or names no wording."""
    if data.startswith(WORDING_PREFIX):
        key, _, lang = data.removeprefix(WORDING_PREFIX).rpartition(":")
        return wording.text(key, lang) if key in wording.catalog() and lang in wording.LANGS else None
    return keys.get(data) if data.startswith(KEY_PREFIX) else data


def keyboard(buttons: list[dict], keys: MutableMapping[str, str]) -> InlineKeyboardMarkup | None:
    """One button per row: titles are short questions and read better stacked."""
    rows = [
        [InlineKeyboardButton(b["title"], callback_data=callback_data(b["payload"], keys))]
        for b in buttons
        if b.get("title") and b.get("payload")
    ]
    return InlineKeyboardMarkup(rows) if rows else None
