"""Serve the chat page, and relay its messages to Rasa's REST channel (POST /api/chat), so that the browser talks
only to this server and Rasa can listen on localhost alone."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web

from actions import settings
from actions.wording import LANGS, section, text
from bot import rasa_client
from bot.guards import RateLimiter, allowed_hosts, env_int, host_allowed
from bot.web import chat_api, class_join, live, trainer
from bot.web.edge import client_address, cross_site

HERE = Path(__file__).parent
STATIC = HERE / "static"
PAGE = HERE / "index.html"  # templates: the server puts the wording in
DASHBOARD = HERE / "dashboard.html"
SIGN_IN = HERE / "signin.html"
MAX_BODY = 64 * 1024  # bytes of a chat request: a message, its sender id and a little metadata
# The page runs only its own files and talks only to this server; images the assistant sends may come from anywhere.
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; connect-src 'self'; img-src 'self' data: http: https:; "
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def page(template: Path = PAGE, name: str = "web") -> str:
    """A page's template with its wording (a section of data/wording.yaml) in it as JSON, for its script to read
    before it starts."""
    extra = {"unreachable": "web_error.unavailable"} if name == "web" else {}
    wording = {lang: {**section(name, lang), **{k: text(key, lang) for k, key in extra.items()}} for lang in LANGS}
    data = json.dumps(wording, ensure_ascii=False).replace("<", "\\u003c")  # no "</script>" can end the block early
    return template.read_text(encoding="utf-8").replace("%WORDING%", data)


async def _index(request: web.Request) -> web.Response:
    return web.Response(text=request.app["page"], content_type="text/html")


def _refusal(request: web.Request) -> web.Response | None:
    """Why a chat request is refused before its body is read: a blind cross-site post (a foreign page can send
    text/plain or a form without asking, never JSON), a compressed body, or too many messages from one address."""
    if request.content_type != "application/json" or request.headers.get("Content-Encoding", "identity") != "identity":
        return chat_api.error("bad_type")
    if cross_site(request):
        return chat_api.error("cross_site")
    wait = request.app["per_ip"].wait(client_address(request))
    return chat_api.error("busy", retry_after=wait) if wait else None


async def _chat(request: web.Request) -> web.Response:
    """One message from the page, answered with the assistant's replies; errors as JSON the page can show."""
    refused = _refusal(request)
    if refused is not None:  # a Response is a mapping, empty and so falsy
        return refused
    try:
        body = json.loads(await request.read())
        message = chat_api.parse(body)
    except web.HTTPRequestEntityTooLarge:
        return chat_api.error("too_large")
    except chat_api.Refused as refusal:
        return chat_api.error(refusal.key)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested past what the parser can follow
        return chat_api.error("bad_json")
    try:
        replies = await rasa_client.ask(message.sender, message.text, message.metadata)
    except rasa_client.RasaUnavailable as error:
        request.app.logger.warning("%s", error)
        return chat_api.error("unavailable")
    return web.json_response(replies, headers={"Cache-Control": "no-store"})


@web.middleware
async def _check_host(request: web.Request, handler):
    """Only the host names this server is reached by (WEB_ALLOWED_HOSTS): a rebound DNS name is refused."""
    if not host_allowed(request.host, request.app["hosts"]):
        return chat_api.error("bad_host")
    return await handler(request)


async def _add_headers(_: web.Request, response: web.StreamResponse) -> None:
    for name, value in HEADERS.items():  # a page with a policy of its own (the dashboard's) keeps it
        response.headers.setdefault(name, value)


async def _close_rasa(_: web.Application) -> None:
    await rasa_client.close()


def create_app() -> web.Application:
    """The page and the relay; Rasa is found at RASA_URL."""
    app = web.Application(client_max_size=MAX_BODY, middlewares=[_check_host])
    app["hosts"] = allowed_hosts("WEB_ALLOWED_HOSTS")
    app["trusted_proxies"] = set(settings.get("WEB_TRUSTED_PROXIES").split())
    app["page"] = page()
    app["per_ip"] = RateLimiter(env_int("WEB_RATE_LIMIT_MESSAGES"), env_int("WEB_RATE_LIMIT_SECONDS"))
    app.router.add_get("/", _index)
    app.router.add_post("/api/chat", _chat)
    app.router.add_static("/static/", STATIC)
    trainer.setup(app, page(DASHBOARD, "trainer"), SIGN_IN.read_text(encoding="utf-8"))
    class_join.setup(app)
    live.setup(app, class_join.version)
    # aiohttp 3.9 (Rasa 3.6 needs < 3.10) annotates its signals for aiosignal < 1.4, whose Signal 1.4 made variadic
    app.on_response_prepare.append(_add_headers)  # type: ignore[arg-type]  # see above: aiohttp's stale annotation
    app.on_cleanup.append(_close_rasa)  # type: ignore[arg-type]  # see above: aiohttp's stale annotation
    return app


def main() -> int:
    host = settings.get("WEB_HOST")
    port = settings.get("WEB_PORT")
    if not port.isdigit() or not 0 < int(port) < 65536:
        print(f"error: WEB_PORT must be a port number, not {port!r}", file=sys.stderr)
        return 2
    if urlsplit(rasa_client.rasa_url()).scheme not in ("http", "https"):
        print(f"error: RASA_URL must be an http(s) URL, not {rasa_client.rasa_url()!r}", file=sys.stderr)
        return 2
    try:
        app = create_app()
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    banner = f"Chat page on http://{host}:{port}/ (relaying to Rasa at {rasa_client.rasa_url()}); Ctrl-C stops it."
    asyncio.run(_serve(app, host, int(port), banner))
    return 0


async def _serve(app: web.Application, host: str, port: int, banner: str) -> None:
    """Serve until SIGINT/SIGTERM, then stop: no new connections, live streams ended (on_shutdown), handlers at
    work waited for, idle connections closed. Not web.run_app: it then waits, up to its 60 s shutdown timeout, for
    every task started since, and a connection a browser opened as the server stopped idles through all of it."""
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopping.set)
    runner = web.AppRunner(app)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port, backlog=1024).start()
        print(banner, flush=True)
        await stopping.wait()
    finally:
        await runner.cleanup()
