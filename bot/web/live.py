"""Live updates of class quizzes as server-sent events.

Every change to a class quiz (a join, an answer, the next question) raises its version in the store, whichever
process made it: the action server answering a trainee, another relay, the CLI. So each quiz watched here has one
task reading its version every POLL_SECONDS, shared by all the streams that follow it; a stream sends its own view
again when the version moves. A view is read in a thread (SQLAlchemy is synchronous) and only when something changed.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import aclosing
from dataclasses import dataclass, field

from aiohttp import web

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.5
TICK_SECONDS = 1.0  # how often a stream checks that its browser is still there
HEARTBEAT_TICKS = 15  # a comment line every 15 s keeps proxies from closing an idle stream
RETRY_MS = 2000  # how soon a browser reconnects after the server went away (a restart)
MAX_STREAMS = 500  # open at once in this process; past it, 503 and the browser retries later

Version = Callable[[str], Awaitable["int | None"]]  # a quiz's version by its code, None for none
View = Callable[[], Awaitable["dict | None"]]  # what a stream sends (its "again_in": seconds until it changes); None: nothing
_UNREAD = object()


@dataclass
class _Watch:
    version: object = _UNREAD
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    followers: int = 0
    task: asyncio.Task | None = None


class Watches:
    """One version poll per watched quiz in this process."""

    def __init__(self, version: Version, poll_seconds: float | None = None) -> None:
        self._version, self._poll = version, POLL_SECONDS if poll_seconds is None else poll_seconds
        self._watches: dict[str, _Watch] = {}

    async def _poll_loop(self, code: str, watch: _Watch) -> None:
        while True:
            try:
                version: object = await self._version(code)
            except Exception as error:  # the store is briefly away: keep the last version, try again
                logger.warning("class quiz %s: version not read: %s", code, error)
                version = watch.version
            if version != watch.version:
                watch.version = version
                event, watch.changed = watch.changed, asyncio.Event()
                event.set()
            await asyncio.sleep(self._poll)

    async def follow(self, code: str) -> AsyncIterator[bool]:
        """True when the quiz's version moved (the first read included), False each TICK_SECONDS without a change."""
        watch = self._watches.get(code)
        if watch is None:
            watch = self._watches[code] = _Watch()
            watch.task = asyncio.create_task(self._poll_loop(code, watch))
        watch.followers += 1
        seen: object = _UNREAD
        try:
            while True:
                changed = watch.changed  # taken before the comparison: a change after it sets this event
                if watch.version is not _UNREAD and watch.version != seen:
                    seen = watch.version
                    yield True
                    continue
                try:
                    await asyncio.wait_for(changed.wait(), TICK_SECONDS)
                except asyncio.TimeoutError:
                    yield False
        finally:
            watch.followers -= 1
            if not watch.followers and self._watches.get(code) is watch:
                del self._watches[code]
                if watch.task is not None:
                    watch.task.cancel()

    @property
    def watched(self) -> int:
        return len(self._watches)


def event(name: str, data: object) -> bytes:
    """One server-sent event; JSON has no raw newlines, so the data is one line."""
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False, separators=(',', ':'))}\n\n".encode()


def _gone(request: web.Request) -> bool:
    return request.transport is None or request.transport.is_closing()


async def stream(request: web.Request, code: str, view: View, name: str = "state") -> web.StreamResponse:
    """Send `view` as the event `name` at once and again after every change to the quiz, until the browser goes
    away or the server stops; comment lines in between keep the connection open."""
    streams: set[asyncio.Task] = request.app["streams"]
    stopping: asyncio.Event = request.app["stopping"]
    if len(streams) >= MAX_STREAMS:
        raise web.HTTPServiceUnavailable(headers={"Retry-After": "5"})
    response = web.StreamResponse(
        headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    )
    task = asyncio.current_task()
    assert task is not None  # a handler always runs in a task
    streams.add(task)  # before any await: a shutdown from here on finds it, or it sees `stopping`
    try:
        await response.prepare(request)
        await response.write(f"retry: {RETRY_MS}\n\n".encode())
        ticks, loop, again_at = 0, asyncio.get_running_loop(), None
        async with aclosing(request.app["watches"].follow(code)) as changes:
            async for changed in changes:
                # `stopping` too: Python 3.10's wait_for can swallow the shutdown's cancel of a stream it wakes
                if _gone(request) or stopping.is_set():
                    break
                ticks = 0 if changed else ticks + 1
                if changed or (again_at is not None and loop.time() >= again_at):
                    data = await view()
                    # a view that changes with time alone (a question's time running out) says when to look again
                    wait = data.pop("again_in", None) if data is not None else None
                    again_at = None if wait is None else loop.time() + wait
                    if data is not None:
                        await response.write(event(name, data))
                elif ticks % HEARTBEAT_TICKS == 0:
                    await response.write(b": still here\n\n")
    except (ConnectionResetError, asyncio.CancelledError):
        pass  # the browser left, or the server is stopping: either way this stream is done
    finally:
        streams.discard(task)
    return response


async def _stop_streams(app: web.Application) -> None:
    """At shutdown, end the open streams rather than wait for them (aiohttp would, up to its shutdown timeout):
    browsers reconnect to the next server. A request still on its way to a stream (reading the store) ends as soon
    as it gets there."""
    app["stopping"].set()
    for task in list(app["streams"]):
        task.cancel()


def setup(app: web.Application, version: Version) -> None:
    app["streams"] = set()
    app["stopping"] = asyncio.Event()
    app["watches"] = Watches(version)
    app.on_shutdown.append(_stop_streams)  # type: ignore[arg-type]  # aiohttp 3.9's stale signal annotation
