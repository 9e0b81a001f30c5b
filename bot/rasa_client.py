"""Rasa's REST channel as one call, shared by every channel (Telegram, the web page)."""

from __future__ import annotations

import asyncio
import time
import uuid

import httpx

from actions import settings

# A long paste can take Rasa a few seconds to parse; under load (make reliability) turns queue for longer, so the
# production profile waits more (RASA_TIMEOUT) before telling the user Rasa is unavailable; retries included.
WAIT = float(settings.get("RASA_TIMEOUT"))
TIMEOUT = httpx.Timeout(WAIT, connect=5.0)
# One connection per turn in flight: a relay carries every user of the page, and httpx's default of 100 connections
# would queue the rest inside the relay, out of order and unbounded (the Rasa servers bound and order turns).
LIMITS = httpx.Limits(max_connections=1000, max_keepalive_connections=100)

# A turn cut off by a Rasa server dying comes back as nginx's 502 (nginx sends a POST to the next server only when the
# first never got it); it is sent again, marked, and the REST channel answers it once (bot.rest_channel). The pauses
# outlast nginx's 3 s holiday for a server that failed (max_fails in bot.prod).
RETRY_PAUSES = (0.5, 1.5, 3.0)

_client: httpx.AsyncClient | None = None


class RasaUnavailable(Exception):
    """Rasa could not be reached, timed out, or gave an answer that is not its replies; worth trying again later."""


def rasa_url() -> str:
    return settings.get("RASA_URL").rstrip("/")


def _shared() -> httpx.AsyncClient:
    global _client
    if _client is None or _client.is_closed:
        _client = httpx.AsyncClient(base_url=rasa_url(), timeout=TIMEOUT, limits=LIMITS)
    return _client


async def ask(sender: str, text: str, metadata: dict) -> list[dict]:
    """The assistant's replies to `text` from `sender`: dicts with "text", "buttons" and/or "image"."""
    payload = {"sender": sender, "message": text, "metadata": metadata, "message_id": uuid.uuid4().hex}
    return _replies(await _post(payload))


async def _post(payload: dict) -> httpx.Response:
    """Rasa's response to the turn, sent again (marked `retry`) while a server cut it off or none took it, within
    RASA_TIMEOUT in all; RasaUnavailable when no server answered."""
    deadline, failure = time.monotonic() + WAIT, ""
    for pause in (0, *RETRY_PAUSES):
        if pause:
            if time.monotonic() + pause >= deadline:
                break
            await asyncio.sleep(pause)
            payload["retry"] = True
        left = httpx.Timeout(deadline - time.monotonic(), connect=5.0)
        try:
            response = await _shared().post("/webhooks/rest/webhook", json=payload, timeout=left)
        except httpx.TimeoutException as error:  # the turn may still be running: sent again, it would wait behind it
            raise RasaUnavailable(f"Rasa at {rasa_url()} did not answer in time: {error!r}") from error
        except httpx.RequestError as error:  # refused, reset, a broken body
            failure = f"Rasa at {rasa_url()} did not answer: {error!r}"
            continue
        if response.status_code not in (502, 503):
            return response
        failure = f"Rasa at {rasa_url()} answered HTTP {response.status_code}"
    raise RasaUnavailable(failure)


def _replies(response: httpx.Response) -> list[dict]:
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
