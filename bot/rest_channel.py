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
- Each sender may send RATE_LIMIT_MESSAGES per RATE_LIMIT_SECONDS, counted in Redis across every Rasa server when
  REDIS_URL is set, else on this server; past that a polite reply in their language says when to come back. A turn
  sent again with its `message_id` is counted once.
- At most TURN_SLOTS turns run at once on this server; the others wait in order, up to TURN_WAIT_SECONDS, then get a
  polite "busy, send it again" reply (bot.admission): overload slows answers down to a bound, never into a timeout.
- A turn that produced no reply (an action server down, an action failing) gets an apology in the user's language.
- A relay sends each turn with a `message_id`, and again with `"retry": true` when the first try was cut off (a Rasa
  server dying mid-turn); a retry is answered from the conversation if the first try was saved, so no turn is
  handled twice.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.shared.core.events import BotUttered, UserUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from actions import wording
from actions.language import detect
from bot.admission import TurnGate
from bot.guards import MAX_CHARS, Refused, allowed_hosts, clean_text, env_int, has_control, host_allowed, sender_limiter

logger = logging.getLogger(__name__)

MAX_SENDER = 128
_COMMAND = re.compile(r"^(/\w+)(\{.*\})\s*$", re.DOTALL)
MAX_ENTITY_CHARS = 100
MAX_ENTITY_NUMBER = 10**9
NUMBERED = ("paragraph", "figure", "year")  # the actions read these as numbers
_DIGITS = re.compile(r"[0-9]{1,9}")
_MESSAGE_ID = re.compile(r"[A-Za-z0-9-]{1,64}")
CHANNEL = "rest"  # Rasa's name for the channel, which the guard replaces
BUSY_RETRY_SECONDS = 10  # what a turn turned away for overload is told to wait: queues drain in seconds

ERRORS = {  # key: (HTTP status, message)
    "bad_host": (421, "This server does not answer for that host name."),
    "bad_type": (415, "The body must be JSON (Content-Type: application/json), not compressed."),
    "bad_json": (400, "The body must be a JSON object in UTF-8 with sender and message."),
    "bad_sender": (400, f"sender must be a non-empty string of at most {MAX_SENDER} characters."),
    "bad_message": (400, "message must be a string."),
    "too_large": (413, f"The message is too long: at most {MAX_CHARS} characters."),
    "bad_message_id": (400, "message_id must be 1-64 letters, digits or hyphens, and retry true or false."),
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


@dataclass(frozen=True)
class Incoming:
    sender: str
    text: str
    metadata: dict
    message_id: str | None
    retry: bool


def _body(request: Request) -> dict:
    """The JSON object an uncompressed JSON request carries; Refused otherwise."""
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
    return body


def _marking(body: dict) -> tuple[str | None, bool]:
    """The turn's `message_id` (optional) and whether it is sent again (`retry`, which needs an id)."""
    message_id, retry = body.get("message_id"), body.get("retry", False)
    if not (message_id is None or isinstance(message_id, str) and _MESSAGE_ID.fullmatch(message_id)):
        raise Refused("bad_message_id")
    if not isinstance(retry, bool) or retry and message_id is None:
        raise Refused("bad_message_id")
    return message_id, retry


def _parse(request: Request) -> Incoming:
    """The turn a well-formed request asks for; Refused otherwise."""
    body = _body(request)
    sender, text, metadata = body.get("sender"), body.get("message"), body.get("metadata") or {}
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER or has_control(sender):
        raise Refused("bad_sender")
    if not isinstance(text, str):
        raise Refused("bad_message")
    if len(text) > MAX_CHARS:
        raise Refused("too_large")
    if not isinstance(metadata, dict):
        raise Refused("bad_json")
    return Incoming(sender, clean_command(clean_text(text)), metadata, *_marking(body))


async def _handle_once(agent: Agent, message: UserMessage) -> None:
    """A turn sent again after its first try was cut off: if a server saved that try before dying, its replies are
    sent from the conversation, else the turn is handled now; under the conversation's lock (as Agent.handle_message
    takes it), so a try still running elsewhere finishes first."""
    async with agent.lock_store.lock(message.sender_id):
        tracker = await agent.tracker_store.retrieve(message.sender_id)
        events = list(tracker.events) if tracker else []
        for n, event in enumerate(events):
            if isinstance(event, UserUttered) and event.message_id == message.message_id:
                for later in itertools.takewhile(lambda e: not isinstance(e, UserUttered), events[n + 1 :]):
                    if isinstance(later, BotUttered):  # sent as MessageProcessor sends a reply
                        await message.output_channel.send_response(message.sender_id, later.message())
                return
        await agent.processor.handle_message(message)


async def _run(agent: Agent, on_new_message: Callable[[UserMessage], Awaitable[Any]], turn: Incoming) -> list[dict]:
    """The replies Rasa gives the turn (a retry answered once); none when it failed."""
    collector = CollectingOutputChannel()
    message = UserMessage(
        turn.text, collector, turn.sender, input_channel=CHANNEL, metadata=turn.metadata, message_id=turn.message_id
    )
    try:
        if turn.retry and agent.is_ready():
            await _handle_once(agent, message)
        else:
            await on_new_message(message)
    except Exception:  # noqa: BLE001 - logged; the user gets an apology
        logger.exception("turn failed for a message of %d characters", len(turn.text))
    return collector.messages


def _reply(sender: str, key: str, language: str, **values: Any) -> dict:
    return {"recipient_id": sender, "text": wording.text(key, language, **values)}


def _say(sender: str, key: str, language: str, **values: Any) -> HTTPResponse:
    """One polite reply instead of a turn (it was not handled: the user sends it again)."""
    return response.json([_reply(sender, key, language, **values)])


_LETTER = re.compile(r"[^\W\d_]")


def _language(turn: Incoming) -> str:
    """The message's language; for one without letters, the one the channel reports, else English. Worked out
    only for a reply of the channel's own (about 0.1 ms a message)."""
    if _LETTER.search(turn.text):
        return detect(turn.text)
    return turn.metadata["language"] if turn.metadata.get("language") in ("zh", "en") else "en"


class GuardedRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return CHANNEL

    def __init__(self) -> None:
        self.hosts = allowed_hosts("RASA_ALLOWED_HOSTS")
        self.limiter = sender_limiter(env_int("RATE_LIMIT_MESSAGES"), env_int("RATE_LIMIT_SECONDS"))
        self.gate = TurnGate(env_int("TURN_SLOTS"), env_int("TURN_WAIT_SECONDS"))

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
                turn = _parse(request)
            except Refused as refused:
                return _error(refused.key)
            sender = turn.sender
            wait = self.limiter.wait(sender, turn.message_id or "", again=turn.retry)
            if wait:
                return _say(sender, "rest.busy", _language(turn), seconds=wait)
            async with self.gate.turn() as admitted:
                if not admitted:
                    logger.warning("turn refused: %d running, %d waiting", self.gate.running, self.gate.waiting)
                    return _say(sender, "rest.overloaded", _language(turn), seconds=BUSY_RETRY_SECONDS)
                replies = await _run(request.app.ctx.agent, on_new_message, turn)
            return response.json(replies or [_reply(sender, "rest.sorry", _language(turn))])

        return hook
