"""Rasa's REST channel as one call, shared by every channel (Telegram, the web page)."""

from __future__ import annotations

import httpx

from actions import settings

# A long paste can take Rasa a few seconds to parse; under load (make reliability) turns queue for longer, so the
# production profile waits more (RASA_TIMEOUT) before telling the user Rasa is unavailable.
TIMEOUT = httpx.Timeout(float(settings.get("RASA_TIMEOUT")), connect=5.0)

_client: httpx.AsyncClient | None = None


class RasaUnavailable(Exception):
    """Rasa could not be reached, timed out, or gave an answer that is not its replies; worth trying again later."""


def rasa_url() -> str:
    return settings.get("RASA_URL").rstrip("/")


def _shared() -> httpx.AsyncClient:
    global _client
    if _client is None or _client.is_closed:
        _client = httpx.AsyncClient(base_url=rasa_url(), timeout=TIMEOUT)
    return _client


async def ask(sender: str, text: str, metadata: dict) -> list[dict]:
    """The assistant's replies to `text` from `sender`: dicts with "text", "buttons" and/or "image"."""
    payload = {"sender": sender, "message": text, "metadata": metadata}
    try:
        response = await _shared().post("/webhooks/rest/webhook", json=payload)
    except httpx.RequestError as error:  # connect errors, timeouts, a broken body
        raise RasaUnavailable(f"Rasa at {rasa_url()} did not answer: {error!r}") from error
    if response.status_code != 200:  # a 4xx too: a proxy in front, or another server on Rasa's port
        raise RasaUnavailable(f"Rasa at {rasa_url()} answered HTTP {response.status_code}")
    try:
        replies = response.json()
    except ValueError as error:
        raise RasaUnavailable(f"Rasa at {rasa_url()} answered something other than JSON") from error
    if not isinstance(replies, list):
        raise RasaUnavailable(f"Rasa at {rasa_url()} answered JSON that is not a list of replies")
    return [reply for reply in replies if isinstance(reply, dict)]


async def close() -> None:
    """Release the shared connection pool (at shutdown)."""
    global _client
    if _client is not None:
        await _client.aclose()
        _client = None
