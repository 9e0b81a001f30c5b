"""The servers against callers they must not trust: forged action calls, broken and hostile bodies, floods."""

from __future__ import annotations

import socket
import uuid
from pathlib import Path

import httpx
import pytest


def action_call(name: str, sender: str, text: str = "第44段") -> dict:
    """What Rasa posts to the action server, as an attacker could write it."""
    return {"next_action": name, "sender_id": sender, "version": "3.6.21", "domain": {},
            "tracker": {"sender_id": sender, "slots": {}, "latest_message": {"text": text, "intent": {}, "entities": []},
                        "events": [], "paused": False, "followup_action": None, "active_loop": {},
                        "latest_action_name": None}}


@pytest.fixture(scope="module")
def actions_url(assistant) -> str:
    return f"http://127.0.0.1:{assistant.actions_port}"


def listening_addresses(port: int) -> set[str]:
    """The IPv4 addresses a TCP port listens on, from the kernel's table (state 0A is LISTEN)."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:
            found.add(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return found


def test_action_server_listens_on_loopback_only(assistant):
    assert listening_addresses(assistant.actions_port) == {"127.0.0.1"}


@pytest.mark.parametrize("headers", [{}, {"X-Action-Secret": "guess"}, {"X-Action-Secret": ""},
                                     {"x-action-secret": "A" * 43}], ids=["none", "wrong", "empty", "same-length"])
def test_a_forged_action_call_is_refused(assistant, actions_url, headers):
    call = action_call("action_answer", "victim")
    for path in ("/webhook", "/actions"):
        response = httpx.post(f"{actions_url}{path}", json=call, headers=headers) if path == "/webhook" \
            else httpx.get(f"{actions_url}{path}", headers=headers)
        assert response.status_code == 401
        assert response.json() == {"error": "unauthorized"}
    assert httpx.get(f"{actions_url}/health").status_code == 200


def test_a_failing_call_gets_a_short_error_without_the_body(assistant, actions_url):
    headers = {"X-Action-Secret": assistant.action_secret}
    marker = f"secret-marker-{uuid.uuid4().hex}"
    broken = action_call("action_answer", marker)
    broken["tracker"]["events"] = [{"event": "user", "text": marker, "metadata": "not a dict"}] * 3
    broken["tracker"]["slots"] = {"reply_language": {"nested": [marker]}}
    answers = [
        httpx.post(f"{actions_url}/webhook", json=broken, headers=headers),
        httpx.post(f"{actions_url}/webhook", content=f'{{"next_action": "{marker}"', headers=headers),
        httpx.post(f"{actions_url}/webhook", content=marker.encode(), headers={**headers, "Content-Encoding": "deflate"}),
        httpx.post(f"{actions_url}/webhook", json=action_call(marker, marker), headers=headers),
    ]
    for response in answers:
        assert response.status_code < 600 and marker not in response.text
        assert len(response.content) < 200
    assert [r.status_code for r in answers[1:]] == [400, 400, 404]


def test_rasa_calls_the_action_server_with_the_secret(assistant):
    status, texts = assistant.ask(f"auth-{uuid.uuid4().hex}", "第44段")
    assert status == 200 and "1 067" in texts[0]  # answered by a custom action, so the call was let in
