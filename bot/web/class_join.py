"""A trainee's live view of a class quiz on the chat page: GET /api/class/{code}/events?sender=ID.

Joining and answering go through the chat, as typed messages and button presses do ("join CODE", the answer
buttons): Rasa's class quiz actions are the one place an answer is scored and explained, for the web, Telegram
and REST alike. What the chat cannot do is speak first, so this stream brings each new question of a live quiz
(and its end) to the page when the trainer moves on, as a message with the same buttons the chat would send.
No trainer token: the sender id is the page's own random one, and everything is checked before it is used.
"""

from __future__ import annotations

from functools import partial

from aiohttp import web

from actions.quiz import classes
from actions.quiz.practice import LETTERS, _shorten
from actions.store.db import Store
from actions.wording import text
from bot.web import chat_api, live
from bot.web.edge import client_address
from bot.web.trainer import in_store


async def version(code: str) -> int:
    return await in_store(partial(classes.version, code=code))


def member_view(db: Store, code: str, user_id: str) -> dict | None:
    """What the member's page shows now: the quiz's state, and the message (text and buttons) that goes with it;
    None until they have joined."""
    view = classes.current(db, code, user_id)
    if view is None:
        return None
    message_text, buttons = _message(db, view)
    return {
        "code": view.code,
        "state": view.state,
        "position": view.position,
        "total": view.total,
        "seconds_left": view.seconds_left,
        "chosen": view.chosen,
        "text": message_text,
        "buttons": buttons,
    }


def _message(db: Store, view: classes.View) -> tuple[str, list[dict[str, str]]]:
    """PROVISIONAL until the chat's own rendering of a view lands: the text and buttons for the member's view."""
    lang = view.language
    if view.state == "waiting":
        return text("class_quiz.waiting", lang), []
    if view.state == "done":
        return text("class_quiz.done", lang, code=view.code, right=view.right, answered=view.answered), []
    if view.state == "finished":
        return text("class_quiz.finished", lang, code=view.code), []
    lines = [text("quiz.question", lang, n=view.position, size=view.total, prompt=view.prompt)]
    lines += [f"{letter}. {option}" for letter, option in zip(LETTERS, view.options, strict=False)]
    payload = '/class_answer{{"code":"{code}","choice":"{letter}","position":{n}}}'
    buttons = [
        {"title": _shorten(f"{letter}. {option}"), "payload": payload.format(code=view.code, letter=letter, n=view.position)}
        for letter, option in zip(LETTERS, view.options, strict=False)
    ]
    return "\n".join(lines), buttons


async def _events(request: web.Request) -> web.StreamResponse:
    code, sender = classes.normal_code(request.match_info["code"]), request.query.get("sender", "")
    if not classes.CODE.fullmatch(code):
        return chat_api.error("bad_code")
    if not chat_api.SENDER.fullmatch(sender):
        return chat_api.error("bad_sender")
    wait = request.app["per_ip"].wait(client_address(request))
    if wait:
        return chat_api.error("busy", retry_after=wait)
    if not await version(code):
        return chat_api.error("no_class")
    return await live.stream(request, code, partial(in_store, partial(member_view, code=code, user_id=f"web-{sender}")), "class")


def setup(app: web.Application) -> None:
    app.router.add_get("/api/class/{code:[^/]{1,32}}/events", _events)
