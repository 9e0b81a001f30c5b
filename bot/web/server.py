"""Serve the chat page and /config.json, which tells the browser where Rasa is (the page calls Rasa directly)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web

STATIC = Path(__file__).parent / "static"
DEFAULT_RASA_URL = "http://localhost:5005"


def _security_headers(rasa_url: str) -> dict[str, str]:
    """A strict policy: the page runs only its own files and may talk only to itself and to Rasa."""
    parts = urlsplit(rasa_url)
    rasa_origin = f"{parts.scheme}://{parts.netloc}"
    policy = (f"default-src 'self'; connect-src 'self' {rasa_origin}; img-src 'self' data:; "
              "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    return {"Content-Security-Policy": policy, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


def create_app(rasa_url: str = DEFAULT_RASA_URL) -> web.Application:
    headers = _security_headers(rasa_url)

    async def index(_: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC / "index.html")

    async def config(_: web.Request) -> web.Response:
        return web.json_response({"rasaUrl": rasa_url.rstrip("/")}, headers={"Cache-Control": "no-store"})

    async def add_headers(_: web.Request, response: web.StreamResponse) -> None:
        response.headers.update(headers)

    app = web.Application()
    app.router.add_get("/", index)
    app.router.add_get("/config.json", config)
    app.router.add_static("/static/", STATIC)
    app.on_response_prepare.append(add_headers)
    return app


def main() -> int:
    rasa_url = os.environ.get("RASA_PUBLIC_URL", DEFAULT_RASA_URL)
    host = os.environ.get("WEB_HOST", "127.0.0.1")
    port = os.environ.get("WEB_PORT", "8000")
    if not port.isdigit() or not 0 < int(port) < 65536:
        print(f"error: WEB_PORT must be a port number, not {port!r}", file=sys.stderr)
        return 2
    if urlsplit(rasa_url).scheme not in ("http", "https"):
        print(f"error: RASA_PUBLIC_URL must be an http(s) URL, not {rasa_url!r}", file=sys.stderr)
        return 2
    banner = f"Chat page on http://{host}:{port}/ (calling Rasa at {rasa_url}); Ctrl-C stops it."
    web.run_app(create_app(rasa_url), host=host, port=int(port), print=lambda _: print(banner, flush=True))
    return 0
