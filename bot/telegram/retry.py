"""Sends that survive a flaky network without ever going out twice. Only an error that proves Telegram did not
act on the request is worth another try: a timeout while waiting for its answer (TimedOut) may follow a message or
poll it did send. Flood control (RetryAfter) is AIORateLimiter's job, and a BadRequest, though a NetworkError to
python-telegram-bot, fails the same way however often it is sent."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

import httpx
from telegram.error import BadRequest, NetworkError, TimedOut

ATTEMPTS = 4
FIRST_DELAY = 0.5  # seconds: a dropped connection is often back at once; doubling spares a server that is struggling
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)  # the request never left

T = TypeVar("T")
log = logging.getLogger(__name__)


def unsent(error: NetworkError) -> bool:
    """Whether Telegram surely did not act on the request: we could not reach it, or it answered with an error
    status (as 502 Bad Gateway) rather than leaving us without an answer."""
    if isinstance(error, BadRequest):
        return False
    cause = error.__cause__
    if isinstance(cause, httpx.HTTPError):
        return isinstance(cause, NOT_SENT)
    return not isinstance(error, TimedOut)


async def retrying(send: Callable[[], Awaitable[T]]) -> T:
    """`send()`, tried again with backoff while it fails without having reached Telegram."""
    for attempt in range(1, ATTEMPTS):
        try:
            return await send()
        except NetworkError as error:
            if not unsent(error):
                raise
            delay = FIRST_DELAY * 2 ** (attempt - 1)
            log.warning("send failed (%s), attempt %d of %d; again in %.1fs", error, attempt, ATTEMPTS, delay)
            await asyncio.sleep(delay)
    return await send()  # the last attempt's error goes to the caller
