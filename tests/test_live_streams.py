"""The server-sent events behind the dashboard and the trainees' pages (bot/web/live.py), on a real aiohttp server
on loopback with a version function standing in for the store: one poll per quiz shared by its streams and
stopped when the last leaves, a view sent again after each change, heartbeats, the limit on open streams, a
stream that ends when its browser goes away, and streams that end when the server stops (also `python -m bot.web`
on a real store, stopped by SIGTERM)."""

from __future__ import annotations

import asyncio
import json
import threading
import time

import aiohttp
import httpx
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from actions.facts.loader import load
from actions.quiz import classes
from actions.store.db import session
from bot.web import live
from tests.helpers.web import WebServer


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


def test_a_stream_on_its_way_when_the_server_stops_ends_at_once():
    """A request still reading the store (here: waiting for `stopped`) when the shutdown ends the open streams."""

    async def run() -> None:
        arrived, stopped = asyncio.Event(), asyncio.Event()

        async def version(code: str) -> int:
            return 1

        async def view() -> dict:
            return {}

        async def handler(request: web.Request) -> web.StreamResponse:
            arrived.set()
            await stopped.wait()
            return await live.stream(request, "K7P2QX", view)

        async def shutting_down(_: web.Application) -> None:
            stopped.set()

        app = web.Application()
        live.setup(app, version)
        app.on_shutdown.append(shutting_down)  # type: ignore[arg-type]  # aiohttp 3.9's stale signal annotation
        app.router.add_get("/events", handler)
        server = TestServer(app, host="127.0.0.1")
        await server.start_server()
        async with aiohttp.ClientSession() as client:
            request = asyncio.create_task(client.get(server.make_url("/events")))
            await arrived.wait()
            started = time.monotonic()
            await asyncio.wait_for(server.close(), 5)  # it waits for the handler: before, up to 60 s
            assert time.monotonic() - started < 2
            request.cancel()

    asyncio.run(run())


TRAINER_TOKEN = "live-streams-token-0123456"


@pytest.mark.server  # starts `python -m bot.web`
def test_the_web_server_stops_within_2_s_of_sigterm_with_streams_open_and_opening(tmp_path, report_data):
    store = f"sqlite:///{tmp_path / 'facts.db'}"
    load(report_data, store)
    with session(store) as db:
        code = classes.create(db, size=2, live=True).code
    web_server = WebServer("http://127.0.0.1:9", DATABASE_URL=store, TRAINER_TOKEN=TRAINER_TOKEN)
    events = f"{web_server.url}/trainer/api/quizzes/{code}/events"
    opened = threading.Semaphore(0)

    def follow() -> None:
        headers = {"Authorization": f"Bearer {TRAINER_TOKEN}"}
        try:
            with httpx.stream("GET", events, headers=headers, timeout=30) as response:
                for line in response.iter_lines():
                    if line.startswith("data: "):
                        opened.release()
        except httpx.HTTPError:
            pass  # the server went away: what the browser's EventSource would reconnect after

    def followers(count: int) -> list[threading.Thread]:
        started = [threading.Thread(target=follow, daemon=True) for _ in range(count)]
        for thread in started:
            thread.start()
        return started

    try:
        steady = followers(2)
        assert all(opened.acquire(timeout=20) for _ in steady)  # two dashboards follow the quiz
        opening = followers(20)  # and more are on their way as the server is told to stop (a reconnecting class)
        time.sleep(0.02)
        web_server.process.terminate()
        started = time.monotonic()
        web_server.process.wait(timeout=3)
        assert time.monotonic() - started < 2
        for thread in steady + opening:
            thread.join(timeout=5)
    finally:
        web_server.stop()
