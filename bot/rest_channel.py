"""Rasa's REST channel behind a guard (credentials.yml: `bot.rest_channel.GuardedRestInput`): the same URL
(/webhooks/rest/webhook) and replies, but a request is checked before Rasa sees it, and a turn never ends in
silence. Runs inside the Rasa server, so every channel (web relay, Telegram bridge, direct REST) gets it.

- Host must be one of RASA_ALLOWED_HOSTS (DNS rebinding); the body must be declared JSON, so a foreign page's
  blind text/plain or form post is refused (415); compressed bodies are refused (Sanic does not decode them).
- The body must be a JSON object in UTF-8 with a non-empty `sender` (no shared "default" conversation) and a
  text `message` of at most MAX_CHARS; lone surrogates and control characters are replaced, so the NLU only
  ever sees valid text.
- Typed `/intent{...}` messages keep only entities with short scalar values, so actions never see a nested list
  or a 30-digit number.
- Each sender may send RATE_LIMIT_MESSAGES per RATE_LIMIT_SECONDS to this server; past that a polite reply in
  their language says when to come back.
- A turn that produced no reply (an action server down, an action failing) gets an apology in the user's language.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from actions import wording
from actions.language import detect
from bot.guards import MAX_CHARS, RateLimiter, Refused, allowed_hosts, clean_text, env_int, has_control, host_allowed

logger = logging.getLogger(__name__)

MAX_SENDER = 128
_COMMAND = re.compile(r"^(/\w+)(\{.*\})\s*$", re.DOTALL)
MAX_ENTITY_CHARS = 100
MAX_ENTITY_NUMBER = 10**9
NUMBERED = ("paragraph", "figure", "year")  # the actions read these as numbers
_DIGITS = re.compile(r"[0-9]{1,9}")

ERRORS = {  # key: (HTTP status, message)
    "bad_host": (421, "This server does not answer for that host name."),
    "bad_type": (415, "The body must be JSON (Content-Type: application/json), not compressed."),
    "bad_json": (400, "The body must be a JSON object in UTF-8 with sender and message."),
    "bad_sender": (400, f"sender must be a non-empty string of at most {MAX_SENDER} characters."),
    "bad_message": (400, "message must be a string."),
    "too_large": (413, f"The message is too long: at most {MAX_CHARS} characters."),
}


def _plain(name: str, value: Any) -> bool:
    """A value the actions can take: a short string or a small number; digits only for numbered entities."""
    if name in NUMBERED:
        return _DIGITS.fullmatch(str(value)) is not None and not isinstance(value, (bool, float))
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return abs(value) < MAX_ENTITY_NUMBER
    return isinstance(value, str) and len(value) <= MAX_ENTITY_CHARS


def clean_command(text: str) -> str:
    """A typed `/intent{...}` keeps only entities with short scalar values; unparsable entities are dropped."""
    match = _COMMAND.match(text)
    if not match:
        return text
    try:
        entities = json.loads(match.group(2))
    except (ValueError, RecursionError):
        return match.group(1)
    if not isinstance(entities, dict):
        return match.group(1)
    kept = {
        name: value
        for name, value in entities.items()
        if _plain(name, value) or (isinstance(value, list) and 0 < len(value) <= 10 and all(_plain(name, v) for v in value))
    }
    return match.group(1) + (json.dumps(kept, ensure_ascii=False) if kept else "")


def _error(key: str) -> HTTPResponse:
    status, message = ERRORS[key]
    return response.json({"error": key, "message": message}, status=status)


def _parse(request: Request) -> tuple[str, str, dict]:
    """sender, message and metadata of a well-formed request; Refused otherwise."""
    if request.headers.get("content-encoding", "identity").lower() != "identity":
        raise Refused("bad_type")
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise Refused("bad_type")
    try:
        body = json.loads(request.body.decode("utf-8"))
    except (ValueError, RecursionError):
        raise Refused("bad_json") from None
    if not isinstance(body, dict):
        raise Refused("bad_json")
    sender, text, metadata = body.get("sender"), body.get("message"), body.get("metadata") or {}
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER or has_control(sender):
        raise Refused("bad_sender")
    if not isinstance(text, str):
        raise Refused("bad_message")
    if len(text) > MAX_CHARS:
        raise Refused("too_large")
    if not isinstance(metadata, dict):
        raise Refused("bad_json")
    return sender, clean_command(clean_text(text)), metadata


_LETTER = re.compile(r"[^\W\d_]")


def _language(text: str, metadata: dict) -> str:
    """The message's language; for one without letters, the one the channel reports, else English."""
    if _LETTER.search(text):
        return detect(text)
    return metadata["language"] if metadata.get("language") in ("zh", "en") else "en"


class GuardedRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def __init__(self) -> None:
        self.hosts = allowed_hosts("RASA_ALLOWED_HOSTS")
        self.limiter = RateLimiter(env_int("RATE_LIMIT_MESSAGES"), env_int("RATE_LIMIT_SECONDS"))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint("guarded_rest_webhook", __name__)

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not host_allowed(request.headers.get("host", ""), self.hosts):
                return _error("bad_host")
            try:
                sender, text, metadata = _parse(request)
            except Refused as refused:
                return _error(refused.key)
            language = _language(text, metadata)
            wait = self.limiter.wait(sender)
            if wait:
                return response.json([{"recipient_id": sender, "text": wording.text("rest.busy", language, seconds=wait)}])
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata))
            except Exception:  # noqa: BLE001 - logged; the user still gets an apology below
                logger.exception("turn failed for a message of %d characters", len(text))
            return response.json(collector.messages or [{"recipient_id": sender, "text": wording.text("rest.sorry", language)}])

        return hook
