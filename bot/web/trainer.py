"""The trainer dashboard's endpoints, all behind the trainer token (bot/web/trainer_auth.py):

GET  /trainer                                   the page (or 401 with how to sign in)
GET  /trainer/api/quizzes                       the class quizzes, newest first
POST /trainer/api/quizzes                       a new one (JSON: topic, size, seconds, live, deadline, language, difficulty)
GET  /trainer/api/quizzes/{code}                what the dashboard shows of it (dashboard_state.py)
GET  /trainer/api/quizzes/{code}/events         the same as server-sent events, again after every change
POST /trainer/api/quizzes/{code}/start|next|finish
GET  /trainer/api/quizzes/{code}/qr.svg         a QR code of the join link
GET  /trainer/api/quizzes/{code}/report.csv|xlsx|png?lang=zh|en
"""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta, timezone
from functools import partial
from typing import Any, TypeVar

import segno
from aiohttp import web

from actions.quiz import classes
from actions.store.db import Store, StoreError, session
from actions.wording import LANGS, every_language
from bot.web import dashboard_state, live, trainer_auth
from bot.web.edge import cross_site, public_origin

T = TypeVar("T")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
MAX_BODY = 4 * 1024  # a new quiz's settings
MAX_TOPIC = 60
MAX_DAYS = 30  # a self-paced quiz's deadline, at the latest
NO_STORE = {"Cache-Control": "no-store"}
POLICY = (  # the page's own files, its QR code, and its sign-out form
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
STATUS = {
    "bad_json": 400,
    "bad_field": 400,
    "invalid": 400,
    "not_found": 404,
    "bad_type": 415,
    "cross_site": 403,
    "unavailable": 503,
}
KINDS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
}


def error(key: str, message: dict[str, str] | None = None, **values: str) -> web.Response:
    """A refusal as JSON: its key and what the page shows, in each language."""
    shown = message or {lang: text.format(**values) for lang, text in every_language(f"trainer_error.{key}").items()}
    return web.json_response({"error": key, "message": shown}, status=STATUS[key], headers=NO_STORE)


async def in_store(work: Callable[[Store], T]) -> T:
    """`work` on a store session, in a thread: SQLAlchemy would block the server's loop."""

    def run() -> T:
        with session() as db:
            return work(db)

    return await asyncio.to_thread(run)


def trainer_only(handler: Handler) -> Handler:
    """The handler for a signed-in trainer; 401 for others, and 403/415 for a post another site's page could send."""

    async def checked(request: web.Request) -> web.StreamResponse:
        if not trainer_auth.signed_in(request):
            return trainer_auth.refused_api()
        if request.method == "POST":
            if request.content_type != "application/json":
                return error("bad_type")
            if cross_site(request):
                return error("cross_site")
        try:
            return await handler(request)
        except StoreError as failure:
            request.app.logger.warning("class quiz store: %s", failure)
            return error("unavailable")

    return checked


def _code(request: web.Request) -> str:
    return classes.normal_code(request.match_info["code"])


def join_url(request: web.Request, code: str) -> str:
    return f"{public_origin(request)}/?join={code}"


async def _page(request: web.Request) -> web.StreamResponse:
    if not trainer_auth.signed_in(request):
        return trainer_auth.sign_in_page(request)
    return web.Response(
        text=request.app["dashboard_page"],
        content_type="text/html",
        headers={"Content-Security-Policy": POLICY, **NO_STORE},
    )


async def _list(request: web.Request) -> web.StreamResponse:
    return web.json_response(await in_store(dashboard_state.listing), headers=NO_STORE)


class BadField(ValueError):
    pass


def _deadline(value: object) -> datetime | None:
    """An ISO 8601 time with its zone (the page sends UTC) as the store's naive UTC."""
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 40:
        raise BadField("deadline")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as bad:
        raise BadField("deadline") from bad
    if moment.tzinfo is None:
        raise BadField("deadline")
    moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    if moment > datetime.now(timezone.utc).replace(tzinfo=None) + timedelta(days=MAX_DAYS):
        raise BadField("deadline")
    return moment


def _whole(body: dict, name: str, default: int) -> int:
    value = body.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadField(name)
    return value


def _choice(body: dict, name: str, default: str) -> str:
    value = body.get(name, default)
    if not isinstance(value, str) or len(value) > 10:
        raise BadField(name)
    return value


def new_quiz_settings(body: object) -> dict[str, Any]:
    """The keyword arguments of classes.create from the page's JSON; raises BadField naming a field of the wrong
    type (ranges and names are the service's to check)."""
    if not isinstance(body, dict):
        raise BadField("")
    topic = body.get("topic")
    if topic is not None and (not isinstance(topic, str) or len(topic) > MAX_TOPIC):
        raise BadField("topic")
    live = body.get("live", True)
    if not isinstance(live, bool):
        raise BadField("live")
    return {
        "topic": (topic or "").strip() or None,
        "size": _whole(body, "size", classes.DEFAULT_SIZE),
        "seconds": _whole(body, "seconds", classes.DEFAULT_SECONDS),
        "live": live,
        "deadline": _deadline(body.get("deadline")),
        "language": _choice(body, "language", "both"),
        "difficulty": _choice(body, "difficulty", "mixed"),
    }


async def _create(request: web.Request) -> web.StreamResponse:
    try:
        settings = new_quiz_settings(json.loads(await request.read()))
    except (ValueError, RecursionError, web.HTTPRequestEntityTooLarge) as refused:
        field = refused.args[0] if isinstance(refused, BadField) else ""
        return error("bad_field", field=field) if field else error("bad_json")
    try:
        quiz = await in_store(partial(classes.create, owner="dashboard", **settings))
    except classes.Invalid as invalid:
        return error("invalid", {lang: invalid.message(lang) for lang in LANGS})
    return web.json_response({"code": quiz.code}, status=201)


async def _state(request: web.Request) -> web.StreamResponse:
    code = _code(request)
    found = await in_store(partial(dashboard_state.state, code=code, join_url=join_url(request, code)))
    if found is None:
        return error("not_found")
    return web.json_response(found, headers=NO_STORE)


async def _events(request: web.Request) -> web.StreamResponse:
    code = _code(request)
    if not await in_store(partial(classes.version, code=code)):
        return error("not_found")
    view = partial(in_store, partial(dashboard_state.state, code=code, join_url=join_url(request, code)))
    return await live.stream(request, code, view)


CONTROLS = {"start": classes.start, "next": classes.advance, "finish": classes.finish}


async def _control(request: web.Request) -> web.StreamResponse:
    code = _code(request)
    quiz = await in_store(partial(CONTROLS[request.match_info["action"]], code=code))
    if quiz is None:
        return error("not_found")
    return web.json_response({"code": quiz.code, "state": quiz.state, "position": quiz.position})


def qr_svg(url: str) -> bytes:
    """The join link as a QR code (SVG; medium error correction, so a projector's glare still reads)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=8, border=2, xmldecl=False)
    return out.getvalue()


async def _qr(request: web.Request) -> web.StreamResponse:
    code = _code(request)
    if not await in_store(partial(classes.version, code=code)):
        return error("not_found")
    return web.Response(body=qr_svg(join_url(request, code)), content_type="image/svg+xml", headers=NO_STORE)


def _report_files(db: Store, code: str, language: str) -> dict[str, bytes] | None:
    from bot import quiz_reports  # matplotlib and openpyxl: loaded for the first download, not at the relay's start

    quiz = classes.find(db, code)
    report = quiz_reports.build(db, quiz.session_id, language) if quiz else None
    return quiz_reports.files(report) if report else None


async def _download(request: web.Request) -> web.StreamResponse:
    code, kind = _code(request), request.match_info["kind"]
    language = request.query.get("lang", "en")
    if language not in LANGS:
        return error("bad_field", field="lang")
    files = await in_store(partial(_report_files, code=code, language=language))
    if files is None:
        return error("not_found")
    body = next(b for n, b in files.items() if n.endswith(f".{kind}"))
    headers = {"Content-Disposition": f'attachment; filename="class-{code}.{kind}"', "Cache-Control": "no-store"}
    return web.Response(body=body, headers={**headers, "Content-Type": KINDS[kind]})


def setup(app: web.Application, page: str, sign_in_template: str) -> None:
    """The dashboard's routes; raises ValueError for a TRAINER_TOKEN too short to be safe."""
    trainer_auth.setup(app, sign_in_template)
    app["dashboard_page"] = page
    code = r"{code:[A-Za-z0-9]{1,12}}"
    app.router.add_get("/trainer", _page)
    app.router.add_get("/trainer/api/quizzes", trainer_only(_list))
    app.router.add_post("/trainer/api/quizzes", trainer_only(_create))
    app.router.add_get(f"/trainer/api/quizzes/{code}", trainer_only(_state))
    app.router.add_get(f"/trainer/api/quizzes/{code}/events", trainer_only(_events))
    app.router.add_post(f"/trainer/api/quizzes/{code}/{{action:start|next|finish}}", trainer_only(_control))
    app.router.add_get(f"/trainer/api/quizzes/{code}/qr.svg", trainer_only(_qr))
    app.router.add_get(f"/trainer/api/quizzes/{code}/report.{{kind:csv|xlsx|png}}", trainer_only(_download))
