"""The servers against callers they must not trust: forged action calls, broken and hostile bodies, floods."""

from __future__ import annotations

import json
import re
import socket
import time
import uuid
from pathlib import Path

import httpx
import pytest
import redis
from sqlalchemy import create_engine, text

from bot.guards import RateLimiter, RedisRateLimiter
from tests.conftest import unreachable

pytestmark = pytest.mark.server  # needs a running server (see pytest.ini)
REDIS_URL = "redis://127.0.0.1:6379/0"  # as make reliability uses it


def action_call(name: str, sender: str, text: str = "第44段") -> dict:
    """What Rasa posts to the action server, as an attacker could write it."""
    return {
        "next_action": name,
        "sender_id": sender,
        "version": "3.6.21",
        "domain": {},
        "tracker": {
            "sender_id": sender,
            "slots": {},
            "latest_message": {"text": text, "intent": {}, "entities": []},
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": None,
        },
    }


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


@pytest.mark.parametrize(
    "headers",
    [{}, {"X-Action-Secret": "guess"}, {"X-Action-Secret": ""}, {"x-action-secret": "A" * 43}],
    ids=["none", "wrong", "empty", "same-length"],
)
def test_a_forged_action_call_is_refused(assistant, actions_url, headers):
    call = action_call("action_answer", "victim")
    for path in ("/webhook", "/actions"):
        response = (
            httpx.post(f"{actions_url}{path}", json=call, headers=headers)
            if path == "/webhook"
            else httpx.get(f"{actions_url}{path}", headers=headers)
        )
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


def rest(assistant, content: bytes | str, headers: dict | None = None) -> httpx.Response:
    return assistant.client.post(
        f"{assistant.url}/webhooks/rest/webhook", content=content, headers={"Content-Type": "application/json", **(headers or {})}
    )


def test_malformed_rest_requests_get_a_clear_4xx(assistant):
    refused = {
        400: [
            b"",
            b"[]",
            b"null",
            b"123",
            b"true",
            b'"text"',
            b"{",
            b"\xff\xfe{}",
            b"[" * 60_000,
            json.dumps({"message": "hello"}),
            json.dumps({"sender": "", "message": "hello"}),
            json.dumps({"sender": None, "message": "hello"}),
            json.dumps({"sender": "a\u0000b", "message": "hi"}),
            json.dumps({"sender": "s" * 129, "message": "hi"}),
            json.dumps({"sender": "x", "message": ["hi"]}),
            json.dumps({"sender": "x", "message": "hi", "metadata": "zh"}),
            json.dumps({"sender": "x", "message": "hi", "message_id": "a b"}),
            json.dumps({"sender": "x", "message": "hi", "message_id": 5}),
            json.dumps({"sender": "x", "message": "hi", "retry": True}),
            json.dumps({"sender": "x", "message": "hi", "message_id": "m1", "retry": "yes"}),
        ],
        413: [json.dumps({"sender": "long", "message": "x" * 5001})],
    }
    for status, bodies in refused.items():
        for body in bodies:
            response = rest(assistant, body)
            assert response.status_code == status, (body[:40], response.text)
            assert response.json()["message"]
    gzip_claimed = rest(assistant, json.dumps({"sender": "gz", "message": "hi"}), {"Content-Encoding": "gzip"})
    blind = assistant.client.post(
        f"{assistant.url}/webhooks/rest/webhook",
        content='{"sender": "x", "message": "hi"}',
        headers={"Content-Type": "text/plain"},
    )
    form = assistant.client.post(f"{assistant.url}/webhooks/rest/webhook", data={"sender": "x", "message": "hi"})
    rebound = rest(assistant, json.dumps({"sender": "x", "message": "hi"}), {"Host": "attacker.example"})
    assert [r.status_code for r in (gzip_claimed, blind, form, rebound)] == [415, 415, 415, 421]


ODD_COMMANDS = [
    '/ask_question{"figure": "abc"}',
    '/show_paragraph{"paragraph": "123456789012345678901234567890"}',
    '/show_paragraph{"paragraph": 123456789012345678901234567890}',
    '/ask_question{"mission": [["x"]]}',
    '/ask_question{"year": {"a": 1}}',
    '/quiz_answer{"choice": [1, [2]], "item": true}',
    '/set_language{"language": null}',
    '/show_paragraph{"paragraph": "²"}',
    '/ask_question{"priority": 1e400}',
    "/ask_question{",
    '/show_paragraph{"paragraph": -5}',
    '/list_missions{"mission": "' + "M" * 500 + '"}',
    '/quiz_answer{"choice": "Z", "item": "' + "9" * 40 + '"}',
    '/show_paragraph{"paragraph": ["1", "2"]}',
]


@pytest.mark.parametrize("text", ["\ud800", "a\udfffb 第44段", "\x00\x1b[31m", "\u202eRTL 第44段", *ODD_COMMANDS])
def test_odd_text_and_typed_commands_get_a_real_reply(assistant, text):
    response = rest(assistant, json.dumps({"sender": f"odd-{uuid.uuid4().hex}", "message": text}))
    assert response.status_code == 200
    texts = [m.get("text", "") for m in response.json()]
    assert texts and all(t.strip() for t in texts)
    assert not any(t.startswith("Sorry, I could not answer") for t in texts), texts  # no action failed


def test_a_busy_sender_is_told_to_wait_in_their_language(assistant):
    sender = f"busy-{uuid.uuid4().hex}"
    for _ in range(30):
        assert "1 067" in assistant.ask(sender, "第44段")[1][0]
    assert re.fullmatch(r"您发送消息太快了，请等待 \d\d? 秒后再试。", assistant.ask(sender, "第44段")[1][0])
    told = assistant.ask(sender, "paragraph 44")[1][0]
    assert told.startswith("You are sending messages faster than I can answer. Please wait")
    assert "1 067" in assistant.ask(f"other-{uuid.uuid4().hex}", "第44段")[1][0]  # others are not held up


def test_a_turn_sent_again_is_answered_once(assistant):
    """The relay sends a turn again, marked, when its first try was cut off; if that try was saved, the saved replies
    come back and nothing runs twice (here: the quiz it started is not started again)."""
    sender = f"again-{uuid.uuid4().hex}"

    def send(message_id: str, retry: bool) -> list[dict]:
        body = {"sender": sender, "message": "quiz me with 2 questions", "message_id": message_id, "retry": retry}
        return rest(assistant, json.dumps(body)).json()

    first = send("turn-1", False)
    assert "Question 1/2" in first[-1]["text"]
    assert send("turn-1", True) == first
    engine = create_engine(assistant.store_url, future=True)
    with engine.connect() as conn:
        count = "SELECT count(*) FROM quiz_sessions WHERE owner = :s"
        assert conn.execute(text(count), {"s": sender}).scalar_one() == 1
        assert "Question 1/2" in send("turn-2", True)[-1]["text"]  # a retry whose first try never ran is handled
        assert conn.execute(text(count), {"s": sender}).scalar_one() == 2
    engine.dispose()


def test_per_sender_counts_are_shared_through_redis():
    """Two servers' limiters on one Redis count a sender once; an unreachable Redis lets messages through."""
    prefix = f"test{uuid.uuid4().hex[:8]}"
    servers = [RedisRateLimiter(REDIS_URL, prefix, limit=3, seconds=60) for _ in range(2)]
    try:
        waits = [servers[n % 2].wait("sender") for n in range(5)]
    except redis.RedisError as error:
        unreachable("Redis", error)
    assert waits[:3] == [0, 0, 0] and 55 <= waits[3] <= 60 and waits[4] > 0
    assert servers[1].wait("someone else") == 0
    assert RedisRateLimiter("redis://127.0.0.1:1/0", prefix, limit=1, seconds=60).wait("sender") == 0


@pytest.mark.parametrize("shared", [False, True], ids=["in process", "in redis"])
def test_a_turn_sent_again_counts_once(shared):
    """A retry (the same message id, sent again) is not counted twice; a new try with an old id, or a retry of a turn
    never counted, is."""
    limiter = RedisRateLimiter(REDIS_URL, f"test{uuid.uuid4().hex[:8]}", limit=2, seconds=60) if shared else RateLimiter(2, 60)
    try:
        counted = [
            limiter.wait("s", "a"),
            limiter.wait("s", "a", again=True),
            limiter.wait("s", "b"),
            limiter.wait("s", "b", True),
        ]
    except redis.RedisError as error:
        unreachable("Redis", error)
    assert counted == [0, 0, 0, 0]
    assert limiter.wait("s", "c", again=True) > 0 and limiter.wait("s", "a") > 0 and limiter.wait("s") > 0


def test_a_retried_turn_counts_once_against_the_sender_limit(assistant):
    """Through the REST channel: 30 turns, each also sent again twice with its message id, are all answered; the 31st
    turn is told to wait."""
    sender = f"retried-{uuid.uuid4().hex}"

    def send(n: int, retry: bool) -> str:
        body = {"sender": sender, "message": "第44段", "message_id": f"turn-{n}", "retry": retry}
        return rest(assistant, json.dumps(body)).json()[0]["text"]

    told = [send(n, retry) for n in range(30) for retry in (False, True, True)]
    assert all("1 067" in t for t in told), [t for t in told if "1 067" not in t][:3]
    assert send(30, False).startswith("您发送消息太快了")


def test_the_action_server_keeps_an_idle_connection_past_five_seconds(assistant):
    """nginx keeps idle connections to the action servers for 60 s: one idle for longer than Sanic's default 5 s is
    still open and answers."""
    with socket.create_connection(("127.0.0.1", assistant.actions_port), timeout=10) as conn:
        for pause in (0, 6):
            time.sleep(pause)
            conn.sendall(b"GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")
            assert conn.recv(4096).startswith(b"HTTP/1.1 200"), f"closed after {pause} s idle"


def test_a_stopped_action_server_gets_an_apology_in_the_users_language(assistant):
    assistant.processes[0].terminate()
    assistant.processes[0].wait(timeout=20)
    try:
        assert assistant.ask(f"down-{uuid.uuid4().hex}", "第44段") == (200, ["抱歉，我暂时无法回答，请稍后再试。"])
        assert assistant.ask(f"down-{uuid.uuid4().hex}", "paragraph 44") == (
            200,
            ["Sorry, I could not answer that just now. Please try again in a moment."],
        )
    finally:
        assistant.processes[0] = assistant._start(0)
        assistant.wait()
    assert "1 067" in assistant.ask(f"up-{uuid.uuid4().hex}", "第44段")[1][0]


@pytest.fixture(scope="module")
def relay(assistant):
    from tests.helpers.web import WebServer

    web = WebServer(assistant.url, WEB_RATE_LIMIT_MESSAGES="12")
    yield web
    web.stop()


def test_the_relay_refuses_cross_site_compressed_and_rebound_requests(relay):
    body = json.dumps({"sender": "relay-hardening", "message": "第44段"})
    url = f"{relay.url}/api/chat"
    answers = {
        415: [
            httpx.post(url, content=body, headers={"Content-Type": "text/plain"}),
            httpx.post(url, data={"sender": "relay-hardening", "message": "hi"}),
            httpx.post(url, content=body, headers={"Content-Type": "application/json", "Content-Encoding": "gzip"}),
        ],
        403: [httpx.post(url, content=body, headers={"Content-Type": "application/json", "Origin": "https://evil.example"})],
        421: [
            httpx.post(url, content=body, headers={"Content-Type": "application/json", "Host": "evil.example"}),
            httpx.get(relay.url, headers={"Host": "rebound.example:80"}),
        ],
        200: [
            httpx.post(url, content=body, headers={"Content-Type": "application/json", "Origin": relay.url}),
            httpx.post(
                url,
                content='{"sender": "relay-hardening", "message": "\\ud800 第44段"}',
                headers={"Content-Type": "application/json"},
            ),
        ],
    }
    for status, responses in answers.items():
        for response in responses:
            assert response.status_code == status, response.text
    assert "1 067" in answers[200][1].json()[0]["text"]


def test_the_relay_limits_each_address_with_retry_after(relay):
    body = {"sender": f"relay-{uuid.uuid4().hex[:12]}", "message": "hi"}
    statuses = [httpx.post(f"{relay.url}/api/chat", json=body, timeout=60) for _ in range(14)]
    assert {r.status_code for r in statuses[:9]} == {200}
    limited = statuses[-1]
    assert limited.status_code == 429 and 0 < int(limited.headers["Retry-After"]) <= 60
    assert limited.json()["message"]["zh"]


@pytest.mark.parametrize("text", ["第999段", "第 300 段讲了什么？", "第120段"])
def test_out_of_range_paragraph_gets_no_raw_markdown(assistant, text):
    status, texts = assistant.ask(f"para-{uuid.uuid4().hex}", text)
    assert status == 200 and texts and not any("](" in t for t in texts), texts
