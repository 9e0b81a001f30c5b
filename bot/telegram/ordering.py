"""The order updates are handled in: one after another within a chat, so that a conversation never overtakes
itself, and side by side across chats. Poll answers belong to no chat: they go in order per voter (whose first
answer is the one that counts), so a slow answer from the assistant in the group holds up no vote."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

MAX_CONCURRENT = 256  # updates being handled at once, each in a different chat
UNGATED = 1 << 20  # the base class's semaphore: above any backlog, so that only the chat's turn and the slots gate


def _key(update: object) -> int | None:
    """The chat, else the sender (a voter); None for an update of neither."""
    if not isinstance(update, Update):
        return None
    about = update.effective_chat or update.effective_sender
    return about.id if about else None


class PerChatOrder(BaseUpdateProcessor):
    """PTB's documented hook is `do_process_update`, called once the base class's semaphore is held; that
    semaphore is therefore given room for every update (it gates nothing), and the real limit is this class's
    own slots, taken only once the update's chat has its turn."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT) -> None:
        if max_concurrent_updates < 1:
            raise ValueError("`max_concurrent_updates` must be a positive integer!")
        super().__init__(UNGATED)
        self._slots = asyncio.BoundedSemaphore(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._holders: Counter[int] = Counter()  # updates holding or awaiting each chat's lock; none: it goes

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """An update waits for its chat's turn before it takes one of the slots, so that a busy chat's backlog
        cannot fill them and hold up other chats and votes."""
        key = _key(update)
        if key is None:
            async with self._slots:
                await coroutine
            return
        self._holders[key] += 1
        try:
            async with self._locks.setdefault(key, asyncio.Lock()):
                async with self._slots:
                    await coroutine
        finally:
            self._holders[key] -= 1
            if not self._holders[key]:
                del self._holders[key], self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
