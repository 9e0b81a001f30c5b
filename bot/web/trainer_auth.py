"""Who may open the trainer dashboard: whoever shows TRAINER_TOKEN, as an `Authorization: Bearer` header (scripts)
or through the sign-in form, which sets a cookie. Everyone else gets 401 with a page that says how to sign in, or,
when no token is set, how to set one."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from html import escape

from aiohttp import web

from actions import settings
from actions.wording import LANGS, section, text
from bot.guards import RateLimiter
from bot.web.edge import client_address, cross_site

COOKIE = "a4p_trainer"
COOKIE_PATH = "/trainer"
COOKIE_HOURS = 12
MIN_TOKEN = 16
SIGN_INS_PER_MINUTE = 10  # per address: enough for typos, too few to guess a 16-character token
HTML_LANG = {"zh": "zh-CN", "en": "en"}
MAX_TOKEN = 256  # longer is no token of ours; refused before it is compared
# The sign-in page posts its form to this server; nothing else runs on it.
SIGN_IN_POLICY = (
    "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; img-src data:"
)


def configured_token(env: Mapping[str, str] | None = None) -> str:
    """The token, or "" when the dashboard is closed; raises ValueError for one too short to be safe."""
    token = settings.get("TRAINER_TOKEN", env).strip()
    if token and (len(token) < MIN_TOKEN or not token.isprintable()):
        raise ValueError(f"TRAINER_TOKEN must be at least {MIN_TOKEN} printable characters")
    return token


def _session_value(token: str) -> str:
    """What the cookie holds: derived from the token, so the token itself never sits in a browser, and a new
    token signs every browser out."""
    return hmac.new(token.encode(), b"a4p trainer dashboard", hashlib.sha256).hexdigest()


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())  # constant time: no guessing by timing


def signed_in(request: web.Request) -> bool:
    token: str = request.app["trainer_token"]
    if not token:
        return False
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer ":
        return len(header) <= MAX_TOKEN + 7 and _same(header[7:].strip(), token)
    return _same(request.cookies.get(COOKIE, ""), _session_value(token))


def _both(key: str) -> str:
    """An entry in both languages, side by side, escaped for HTML."""
    return " / ".join(escape(text(f"trainer_signin.{key}", lang)) for lang in LANGS)


def sign_in_page(request: web.Request, problem: str = "") -> web.Response:
    """401 with how to sign in (or how to set a token), in both languages, and one form to sign in with."""
    configured = bool(request.app["trainer_token"])
    parts = []
    for lang in LANGS:
        s = section("trainer_signin", lang)
        tag = HTML_LANG[lang]
        body = [f"<h2>{escape(s['title'])}</h2>"]
        if problem:
            body.append(f'<p class="problem" role="alert">{escape(s[problem])}</p>')
        body.append(f"<p>{escape(s['how'] if configured else s['closed'])}</p>")
        if not configured:
            body.append(f"<pre>{escape(s['example'])}</pre>")
        parts.append(f'<section lang="{tag}">{"".join(body)}</section>')
    if configured:
        parts.append(
            '<form method="post" action="/trainer/sign-in" class="sign-in-form">'
            f'<label for="token">{_both("token")}</label> <input id="token" name="token" type="password" '
            f'autocomplete="current-password" maxlength="{MAX_TOKEN}" required> <button type="submit">{_both("submit")}</button>'
            "</form>"
        )
    page = request.app["sign_in_template"].replace("%TITLE%", _both("title")).replace("%SECTIONS%", "\n".join(parts))
    headers = {"Content-Security-Policy": SIGN_IN_POLICY, "Cache-Control": "no-store", "WWW-Authenticate": "Bearer"}
    headers["Referrer-Policy"] = "same-origin"  # else the form's post says "Origin: null", as another site's could
    return web.Response(status=401, text=page, content_type="text/html", headers=headers)


def refused_api() -> web.Response:
    """401 for the dashboard's JSON endpoints, with the reason in each language."""
    message = {lang: text("trainer_signin.needed", lang) for lang in LANGS}
    return web.json_response({"error": "unauthorized", "message": message}, status=401, headers={"WWW-Authenticate": "Bearer"})


async def sign_in(request: web.Request) -> web.StreamResponse:
    """The form's post: the right token sets the cookie and goes to the dashboard; anything else, the page again."""
    if not request.app["trainer_token"]:
        return sign_in_page(request)
    if cross_site(request):
        return sign_in_page(request, "cross_site")
    if request.app["sign_ins"].wait(client_address(request)):
        return sign_in_page(request, "too_many")
    try:
        form = await request.post()
    except (ValueError, web.HTTPRequestEntityTooLarge):
        return sign_in_page(request, "wrong")
    given = form.get("token")
    if not isinstance(given, str) or len(given) > MAX_TOKEN or not _same(given.strip(), request.app["trainer_token"]):
        return sign_in_page(request, "wrong")
    response = web.HTTPSeeOther("/trainer")
    response.set_cookie(
        COOKIE,
        _session_value(request.app["trainer_token"]),
        max_age=COOKIE_HOURS * 3600,
        path=COOKIE_PATH,
        httponly=True,
        samesite="Strict",
        secure=request.secure or request.headers.get("X-Forwarded-Proto") == "https",
    )
    return response


async def sign_out(request: web.Request) -> web.StreamResponse:
    response = web.HTTPSeeOther("/trainer")
    response.del_cookie(COOKIE, path=COOKIE_PATH)
    return response


def setup(app: web.Application, template: str) -> None:
    """The token (raises ValueError for a bad one), the sign-in page's template and limiter, and its routes."""
    app["trainer_token"] = configured_token()
    app["sign_in_template"] = template
    app["sign_ins"] = RateLimiter(SIGN_INS_PER_MINUTE, 60)
    app.router.add_post("/trainer/sign-in", sign_in)
    app.router.add_post("/trainer/sign-out", sign_out)
