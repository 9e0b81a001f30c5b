"""The page's chat request (POST /api/chat) and its errors: what the relay checks before anything reaches Rasa."""

from __future__ import annotations

import re
from dataclasses import dataclass

from aiohttp import web

from bot.guards import MAX_CHARS, Refused, clean_text

SENDER = re.compile(r"[A-Za-z0-9-]{8,64}")  # the page's random id; Rasa sees it as "web-<id>"
LANGUAGES = ("zh", "en")
ERRORS = {  # key: (HTTP status, what the page may show)
    "too_large": (413, {"en": "The message is too long: at most 5,000 characters.", "zh": "消息太长：最多 5000 个字符。"}),
    "bad_json": (
        400,
        {
            "en": "The request must be a JSON object with sender, message and metadata.",
            "zh": "请求必须是包含 sender、message 和 metadata 的 JSON 对象。",
        },
    ),
    "bad_sender": (
        400,
        {"en": "The sender must be 8-64 letters, digits or hyphens.", "zh": "sender 必须由 8-64 个字母、数字或连字符组成。"},
    ),
    "bad_message": (400, {"en": "The message must be non-empty text.", "zh": "消息必须是非空文本。"}),
    "bad_type": (
        415,
        {
            "en": "The request must be sent as JSON (Content-Type: application/json), uncompressed.",
            "zh": "请求必须以未压缩的 JSON 发送（Content-Type: application/json）。",
        },
    ),
    "bad_host": (421, {"en": "This server does not answer for that host name.", "zh": "此服务器不响应该主机名。"}),
    "cross_site": (403, {"en": "Requests from other sites are not accepted.", "zh": "不接受来自其他网站的请求。"}),
    "busy": (
        429,
        {
            "en": "Too many messages from your address. Please wait a moment and try again.",
            "zh": "您的地址发送的消息太多，请稍候再试。",
        },
    ),
    "unavailable": (
        502,
        {
            "en": "Sorry, the assistant cannot be reached right now. Please try again in a moment.",
            "zh": "抱歉，暂时无法连接助手，请稍后再试。",
        },
    ),
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


def error(key: str, retry_after: int = 0) -> web.Response:
    status, message = ERRORS[key]
    headers = {"Cache-Control": "no-store", **({"Retry-After": str(retry_after)} if retry_after else {})}
    return web.json_response({"error": key, "message": message}, status=status, headers=headers)
