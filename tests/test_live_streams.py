"""The server-sent events behind the dashboard and the trainees' pages (bot/web/live.py), on a real aiohttp server
on loopback with a version function standing in for the store: one poll per quiz shared by its streams and
stopped when the last leaves, a view sent again after each change, heartbeats, the limit on open streams, and a
stream that ends when its browser goes away."""

from __future__ import annotations

import asyncio
import json

import aiohttp
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.web import live


def test_one_poll_per_quiz_is_shared_and_stops_with_its_last_follower():
    async def run() -> None:
        versions, reads = {"K7P2QX": 1}, []

        async def version(code: str) -> int:
            reads.append(code)
            return versions[code]

        watches = live.Watches(version, poll_seconds=0.01)
        first, second = watches.follow("K7P2QX"), watches.follow("K7P2QX")
        assert await anext(first) is True and await anext(second) is True  # the first read counts as a change
        assert watches.watched == 1
        versions["K7P2QX"] = 2
        assert await anext(first) is True and await anext(second) is True
        await first.aclose()
        assert watches.watched == 1
        await second.aclose()
        assert watches.watched == 0
        polled = len(reads)
        await asyncio.sleep(0.1)
        assert len(reads) == polled  # nobody follows the quiz: nothing reads its version

    asyncio.run(run())


async def _server(versions: dict[str, int]) -> TestServer:
    views = {"n": 0}

    async def version(code: str) -> int:
        return versions[code]

    async def handler(request: web.Request) -> web.StreamResponse:
        async def view() -> dict:
            views["n"] += 1
            return {"version": versions["K7P2QX"], "views": views["n"]}

        return await live.stream(request, "K7P2QX", view)

    app = web.Application()
    live.setup(app, version)
    app.router.add_get("/events", handler)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    return server


async def _events(response: aiohttp.ClientResponse, count: int) -> list[dict]:
    found = []
    async for line in response.content:
        if line.startswith(b"data: "):
            found.append(json.loads(line[6:]))
            if len(found) == count:
                return found
    raise AssertionError("the stream ended early")


def test_a_stream_sends_its_view_after_each_change_and_ends_when_the_browser_leaves(monkeypatch):
    monkeypatch.setattr(live, "POLL_SECONDS", 0.05)
    monkeypatch.setattr(live, "MAX_STREAMS", 1)

    async def run() -> None:
        versions = {"K7P2QX": 1}
        server = await _server(versions)
        app = server.app
        try:
            async with aiohttp.ClientSession() as client:
                response = await client.get(server.make_url("/events"))
                assert response.headers["Content-Type"] == "text/event-stream"
                assert response.headers["Cache-Control"] == "no-store"
                assert await response.content.readline() == b"retry: 2000\n"
                assert await _events(response, 1) == [{"version": 1, "views": 1}]
                versions["K7P2QX"] = 5
                assert await _events(response, 1) == [{"version": 5, "views": 2}]
                busy = await client.get(server.make_url("/events"))  # past the limit of open streams
                assert busy.status == 503 and busy.headers["Retry-After"] == "5"
                response.close()  # the browser goes away
                for _ in range(30):
                    if not app["streams"] and not app["watches"].watched:
                        break
                    await asyncio.sleep(0.1)
                assert not app["streams"] and not app["watches"].watched
        finally:
            await server.close()

    asyncio.run(run())


def test_an_idle_stream_says_it_is_still_there(monkeypatch):
    monkeypatch.setattr(live, "TICK_SECONDS", 0.05)

    async def run() -> None:
        server = await _server({"K7P2QX": 1})
        try:
            async with aiohttp.ClientSession() as client, client.get(server.make_url("/events")) as response:
                lines = [await response.content.readline() for _ in range(8)]
                assert b": still here\n" in lines  # every HEARTBEAT_TICKS ticks without a change
        finally:
            await server.close()

    asyncio.run(run())
