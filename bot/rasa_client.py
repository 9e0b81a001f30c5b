"""Rasa's REST channel as one call, shared by every channel (Telegram, the web page)."""

from __future__ import annotations

import os

import httpx

TIMEOUT = httpx.Timeout(30.0, connect=5.0)  # a long paste can take Rasa a few seconds to parse

_client: httpx.AsyncClient | None = None


class RasaUnavailable(Exception):
    """Rasa could not be reached, timed out or failed on its side; worth trying again later."""


def rasa_url() -> str:
    return os.environ.get("RASA_URL", "http://localhost:5005").rstrip("/")


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
    except httpx.TransportError as error:  # connect errors and timeouts alike
        raise RasaUnavailable(f"Rasa at {rasa_url()} did not answer: {error!r}") from error
    if response.status_code >= 500:
        raise RasaUnavailable(f"Rasa at {rasa_url()} failed with HTTP {response.status_code}")
    response.raise_for_status()  # a 4xx is a bug in how we call Rasa, not an outage
    return response.json()


async def close() -> None:
    """Release the shared connection pool (at shutdown)."""
    global _client
    if _client is not None:
        await _client.aclose()
        _client = None
