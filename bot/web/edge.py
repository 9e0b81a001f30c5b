"""What every endpoint of the web server asks of a request: who sent it, and whether another site's page did."""

from __future__ import annotations

from urllib.parse import urlsplit

from aiohttp import web


def client_address(request: web.Request) -> str:
    """The user's address: the proxy's X-Real-IP when the request comes from a trusted proxy (nginx), else the peer."""
    if request.remote in request.app["trusted_proxies"] and request.headers.get("X-Real-IP"):
        return request.headers["X-Real-IP"]
    return request.remote or ""


def cross_site(request: web.Request) -> bool:
    """Whether a browser says the request comes from another site's page."""
    origin = request.headers.get("Origin")
    return bool(origin) and urlsplit(origin or "").netloc.lower() != request.host.lower()


def public_origin(request: web.Request) -> str:
    """The scheme and host users reach this server by, for links they are shown: a trusted proxy's
    X-Forwarded-Proto and X-Forwarded-Host when it sends them (nginx reaches the relays as "localhost")."""
    scheme, host = request.scheme, request.host
    if request.remote in request.app["trusted_proxies"]:
        scheme = request.headers.get("X-Forwarded-Proto", scheme)
        host = request.headers.get("X-Forwarded-Host", host)
    return f"{scheme}://{host}"
