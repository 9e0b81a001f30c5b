"""Admission control for a Rasa server: at most `slots` turns handled at once, the rest waiting their turn in order
for at most `wait` seconds. Past that wait a turn is turned away (the REST channel says "busy, send it again"), so
an overloaded server answers every request within about `wait` seconds plus one turn, instead of sharing the CPU over
ever more turns until relays and nginx time out (502/504).

Why a bound helps even without overload: Rasa's turn blocks the event loop on the SQL tracker store and the lock
store, so a hundred turns started together all finish late together; taken a few at a time, in arrival order, each
waits its place in line and then runs at full speed.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class TurnGate:
    def __init__(self, slots: int, wait: float):
        if slots < 1 or wait <= 0:
            raise ValueError("a turn gate needs at least one slot and a positive wait")
        self.slots, self.wait = slots, wait
        self.running = 0
        self._waiting: deque[asyncio.Future[None]] = deque()

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[bool]:
        """Yields True once the turn holds a slot (released on leaving), False when none came free in time."""
        admitted = await self._enter()
        try:
            yield admitted
        finally:
            if admitted:
                self._leave()

    async def _enter(self) -> bool:
        if self.running < self.slots and not self._waiting:
            self.running += 1
            return True
        ticket: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append(ticket)
        try:
            await asyncio.wait_for(asyncio.shield(ticket), self.wait)
        except asyncio.TimeoutError:
            pass
        except BaseException:  # the request was cancelled (its client went away): give back a slot handed over
            self._forget(ticket)
            raise
        if ticket.done():  # a slot was handed over, perhaps in the same instant the wait ran out
            return True
        self._waiting.remove(ticket)
        return False

    def _forget(self, ticket: asyncio.Future[None]) -> None:
        if ticket.done():
            self._leave()
        else:
            self._waiting.remove(ticket)

    def _leave(self) -> None:
        """Hand the slot to the longest-waiting turn, or free it."""
        if self._waiting:
            self._waiting.popleft().set_result(None)
        else:
            self.running -= 1
