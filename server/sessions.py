"""One kept HTTP session per endpoint: Rasa 3.6 opens an aiohttp session, and so a new connection, for every
action call (`EndpointConfig.request` closes it on return), which cost the Rasa server about 0.7 ms a call in
connection set-up and the action server an accepted connection. The kept session reuses its connections
(aiohttp keeps an idle one 15 s, less than the action server's 75 s and nginx's 60 s, so the callee never
closes one first). Same headers, authentication and timeout as Rasa's own session.
"""

from __future__ import annotations

import asyncio
from types import TracebackType

import aiohttp
from rasa.utils.endpoints import EndpointConfig

_open_session = EndpointConfig.session


class _Kept:
    """`async with` over a session that stays open on exit."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self.session

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        return None


def _kept_session(self: EndpointConfig) -> _Kept:
    # A session belongs to the event loop it was opened in: a new loop (a test's, a restart's) opens its own.
    loop = asyncio.get_running_loop()
    kept: tuple[asyncio.AbstractEventLoop, aiohttp.ClientSession] | None = self.__dict__.get("_kept")
    if kept is None or kept[0] is not loop or kept[1].closed:
        kept = self._kept = (loop, _open_session(self))
    return _Kept(kept[1])


def install() -> None:
    EndpointConfig.session = _kept_session
