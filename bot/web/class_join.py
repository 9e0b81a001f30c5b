"""A trainee's live view of a class quiz on the chat page: GET /api/class/{code}/events?sender=ID.

Joining and answering go through the chat, as typed messages and button presses do ("join CODE", the answer
buttons): Rasa's class quiz actions are the one place an answer is scored and explained, for the web, Telegram
and REST alike. What the chat cannot do is speak first, so this stream brings each new question of a live quiz
(and its end) to the page when the trainer moves on, as a message with the same buttons the chat would send.
No trainer token: the sender id is the page's own random one, and everything is checked before it is used.
GET /api/class/{code} says whether a quiz takes trainees, before the page opened with its link asks a name.
"""

from __future__ import annotations

from functools import partial

from aiohttp import web

from actions.quiz import class_chat, class_pushes, classes
from actions.quiz.practice import Reply
from actions.store.db import Store
from actions.wording import LANGS, text
from bot.web import chat_api, live
from bot.web.dashboard_state import places
from bot.web.edge import client_address
from bot.web.trainer import NO_STORE, in_store


async def version(code: str) -> int:
    return await in_store(partial(classes.version, code=code))


def member_view(db: Store, code: str, user_id: str) -> dict | None:
    """What the member's page shows now: the quiz's state, and the messages that go with it (the answer of the
    question the trainer just closed, the open question with its buttons, as the chat and Telegram word them);
    None until they have joined. An answered question brings no message: the chat's reply to the answer said what
    comes next. The page adds only the messages it does not show yet (chat.js)."""
    view = classes.current(db, code, user_id)
    if view is None:
        return None
    again_in = None
    if view.state == "finished":
        quiz = classes.find(db, view.code)
        messages = [*_closed(db, view, quiz.position if quiz else 0), Reply(_ended(db, view, user_id))]
    elif view.state == "question" and view.live and view.seconds_left is not None:
        messages, again_in = _timed(db, view)
    else:
        messages = [] if view.chosen is not None else class_chat.showing(view)
    return {
        "code": view.code,
        "state": view.state,
        "position": view.position,
        "total": view.total,
        "seconds_left": view.seconds_left,
        "chosen": view.chosen,
        "messages": [{"text": m.text, "buttons": m.buttons} for m in messages],
        **({"again_in": again_in} if again_in is not None else {}),
    }


def _timed(db: Store, view: classes.View) -> tuple[list[Reply], float | None]:
    """A live question: while open, the answer of the one before (when the trainer moved on before its time was
    up, nothing else told it), then itself (none once answered: the chat's reply said what comes next), and when
    to look again; once its time and the grace for answers on their way are over, its answer."""
    quiz = classes.find(db, view.code)
    if quiz is None or class_pushes.mark(quiz) != f"t{view.position}":
        shown = [] if view.chosen is not None else class_chat.showing(view)
        return [*_closed(db, view, view.position - 1), *shown], (view.seconds_left or 0) + classes.GRACE.total_seconds() + 0.5
    return _closed(db, view, view.position), None


def _closed(db: Store, view: classes.View, position: int) -> list[Reply]:
    """The answer of a closed question, as Telegram is told it; none for one put before the member joined."""
    return class_pushes.time_up(db, view.code, position, view.language) if position >= max(view.since, 1) else []


def _ended(db: Store, view: classes.View, user_id: str) -> str:
    """The member's score and place once the quiz is over (equal scores share a place)."""
    standings = classes.leaderboard(db, view.code)
    place = next((p["place"] for p, s in zip(places(standings), standings, strict=True) if s.user_id == user_id), 0)
    values = {"code": view.code, "right": view.right, "answered": view.answered, "members": len(standings)}
    return text("class_quiz.ended", view.language, place=place, **values)


def _refusal(request: web.Request, code: str) -> web.Response | None:
    """Why a request about a class quiz is refused before the store is read: a malformed code, or too many requests."""
    if not classes.CODE.fullmatch(code):
        return chat_api.error("bad_code")
    wait = request.app["per_ip"].wait(client_address(request))
    return chat_api.error("busy", retry_after=wait) if wait else None


async def _quiz(request: web.Request) -> web.Response:
    """Whether a class quiz takes trainees, for the page opened with its link (/?join=CODE) to ask a name only for
    one that does: its code, or (404/410) why not, worded as the chat words it, in each language."""
    code = classes.normal_code(request.match_info["code"])
    refused = _refusal(request, code)
    if refused is not None:  # a Response is a mapping, empty and so falsy
        return refused
    quiz = await in_store(partial(classes.find, code=code))
    if quiz is not None and quiz.state != "finished":
        return web.json_response({"code": quiz.code, "live": quiz.live, "size": quiz.size}, headers=NO_STORE)
    why = "finished" if quiz else "unknown"
    message = {lang: text(f"class_quiz.{why}", lang, code=code) for lang in LANGS}
    return web.json_response({"error": why, "message": message}, status=410 if quiz else 404, headers=NO_STORE)


async def _events(request: web.Request) -> web.StreamResponse:
    code, sender = classes.normal_code(request.match_info["code"]), request.query.get("sender", "")
    if not chat_api.SENDER.fullmatch(sender):
        return chat_api.error("bad_sender")
    refused = _refusal(request, code)
    if refused is not None:
        return refused
    if not await version(code):
        return chat_api.error("no_class")
    return await live.stream(request, code, partial(in_store, partial(member_view, code=code, user_id=f"web-{sender}")), "class")


def setup(app: web.Application) -> None:
    app.router.add_get("/api/class/{code:[^/]{1,32}}", _quiz)
    app.router.add_get("/api/class/{code:[^/]{1,32}}/events", _events)
