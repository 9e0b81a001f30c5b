"""The page's chat request (POST /api/chat) and its errors: what the relay checks before anything reaches Rasa."""

from __future__ import annotations

import re
from dataclasses import dataclass

from aiohttp import web

from actions.wording import every_language
from bot.guards import MAX_CHARS, Refused, clean_text

SENDER = re.compile(r"[A-Za-z0-9-]{8,64}")  # the page's random id; Rasa sees it as "web-<id>"
LANGUAGES = ("zh", "en")
STATUS = {  # why a request was refused: its HTTP status; the page shows the wording web_error.<key>
    "too_large": 413,
    "bad_json": 400,
    "bad_sender": 400,
    "bad_message": 400,
    "bad_type": 415,
    "bad_host": 421,
    "cross_site": 403,
    "busy": 429,
    "unavailable": 502,
    "bad_code": 400,
    "no_class": 404,
}


@dataclass(frozen=True)
class ChatRequest:
    sender: str
    text: str
    metadata: dict


def parse(body: object) -> ChatRequest:
    """The request to send to Rasa; the sender is always a web one, and only known metadata goes with it."""
    if not isinstance(body, dict) or not isinstance(body.get("metadata", {}), dict):
        raise Refused("bad_json")
    sender, text, lang = body.get("sender"), body.get("message"), body.get("metadata", {}).get("language")
    if not isinstance(sender, str) or not SENDER.fullmatch(sender):
        raise Refused("bad_sender")
    if not isinstance(text, str) or not text.strip():
        raise Refused("bad_message")
    if len(text) > MAX_CHARS:
        raise Refused("too_large")
    return ChatRequest(f"web-{sender}", clean_text(text), {"channel": "web", **({"language": lang} if lang in LANGUAGES else {})})


def message(key: str) -> dict[str, str]:
    """What the page shows for a refusal, in every language: it picks its own."""
    return every_language(f"web_error.{key}")


def error(key: str, retry_after: int = 0) -> web.Response:
    status = STATUS[key]
    headers = {"Cache-Control": "no-store", **({"Retry-After": str(retry_after)} if retry_after else {})}
    return web.json_response({"error": key, "message": message(key)}, status=status, headers=headers)
