"""Sends that survive a flaky network. Flood control (RetryAfter) is AIORateLimiter's job, and a
BadRequest, though a NetworkError to python-telegram-bot, fails the same way however often it is sent."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from telegram.error import BadRequest, NetworkError

ATTEMPTS = 4
FIRST_DELAY = 0.5  # seconds; doubled after each failure

T = TypeVar("T")
log = logging.getLogger(__name__)


async def retrying(send: Callable[[], Awaitable[T]]) -> T:
    """`send()`, tried again with backoff on NetworkError and TimedOut."""
    for attempt in range(1, ATTEMPTS):
        try:
            return await send()
        except BadRequest:
            raise
        except NetworkError as error:
            delay = FIRST_DELAY * 2 ** (attempt - 1)
            log.warning("send failed (%s), attempt %d of %d; again in %.1fs", error, attempt, ATTEMPTS, delay)
            await asyncio.sleep(delay)
    return await send()  # the last attempt's error goes to the caller
