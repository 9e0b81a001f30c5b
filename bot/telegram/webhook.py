"""The webhook endpoint: our own small aiohttp server feeding python-telegram-bot's update queue (PTB run with
`updater=None`, as in its `customwebhookbot.py` example), so that whatever a stranger posts gets a 4xx with a clear
error and only a well-formed update with Telegram's secret token reaches the bot."""

from __future__ import annotations

import hmac
import json
import logging
from http import HTTPStatus

from aiohttp import web
from telegram import Update
from telegram.ext import Application, ExtBot

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1024 * 1024  # Telegram's updates are a few kB (nginx in front of it refuses over 64 kB)


def _refuse(status: HTTPStatus, error: str, message: str) -> web.Response:
    return web.json_response({"ok": False, "error": error, "message": message}, status=status)


def parse_update(body: bytes, bot: ExtBot) -> Update | str:
    """The update in `body`, or why it is not one."""
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        return "the body is not UTF-8"
    except (ValueError, RecursionError):
        return "the body is not JSON"
    if not isinstance(data, dict):
        return "the body is not a JSON object"
    update_id = data.get("update_id")
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        return "the update has no integer update_id"
    try:
        update = Update.de_json(data, bot)
    except Exception as error:  # noqa: BLE001 - whatever de_json trips on is the sender's mistake
        log.warning("refused a webhook update %s: %s: %s", update_id, type(error).__name__, error)
        return "the object is not a Telegram update"
    return update


def make_app(application: Application, path: str, secret: str) -> web.Application:
    """An aiohttp app answering POST `path`: 403 without the secret, 415 for another content type, 413 past
    MAX_BODY, 400 for a body that is not an update, 200 once the update is queued for the bot."""
    expected = secret.encode()

    async def hook(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            return _refuse(HTTPStatus.FORBIDDEN, "forbidden", f"missing or wrong {SECRET_HEADER}")
        if request.content_type != "application/json":
            return _refuse(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "send application/json")
        if request.content_length is not None and request.content_length > MAX_BODY:
            return _refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "too_large", f"the body is over {MAX_BODY} bytes")
        try:
            body = await request.read()
        except web.HTTPRequestEntityTooLarge:
            return _refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "too_large", f"the body is over {MAX_BODY} bytes")
        update = parse_update(body, application.bot)
        if isinstance(update, str):
            return _refuse(HTTPStatus.BAD_REQUEST, "bad_update", update)
        if isinstance(application.bot, ExtBot):
            application.bot.insert_callback_data(update)  # as PTB's own webhook handler does
        await application.update_queue.put(update)
        return web.json_response({"ok": True})

    app = web.Application(client_max_size=MAX_BODY)
    app.router.add_post("/" + path.strip("/"), hook)
    return app
