"""The Telegram bridge end to end: `python -m bot.telegram` as a real process, talking to a fake Bot API
server over HTTP and to the real Rasa and action servers on a fresh SQLite store."""

from __future__ import annotations

import asyncio
import itertools
import os
import socket
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.request import HTTPXRequest

from bot import rasa_client
from bot.telegram.buttons import KEY_PREFIX, payload_of
from bot.telegram.render import send_replies, split_text
from bot.telegram.retry import retrying
from bot.telegram.settings import SettingsError, from_env
from tests.conftest import ROOT
from tests.e2e_servers import free_port
from tests.fake_telegram import (
    ANONYMOUS_ADMIN,
    DOCUMENT,
    PHOTO,
    STICKER,
    VOICE,
    Call,
    FakeTelegram,
    bot_user,
    callback_query,
    chat,
    message,
    my_chat_member,
    user,
)
from tests.helpers.quiz import wrong
from tests.helpers.telegram import TOKEN, answer, question_sent, running, send, text

pytestmark = pytest.mark.server  # needs a running server (see pytest.ini)

HOOK_TOKEN, DOWN_TOKEN, RENDER_TOKEN = "700002:webhook", "700003:rasa-down", "700004:render"
SECRET = "webhook-secret_42"
QUESTION_EN = "How many peacekeepers have been killed by malicious acts since 1948?"
QUESTION_ZH = "自1948年以来有多少维和人员死于恶意行为？"
_ids = itertools.count(10_000)


@pytest.fixture(scope="module")
def bridge(telegram, assistant, tmp_path_factory):
    # The assistant's store: the bridge reads whose practice quiz a button belongs to from it
    with running(
        telegram, TOKEN, tmp_path_factory.mktemp("polling"), RASA_URL=assistant.url, DATABASE_URL=assistant.store_url
    ) as b:
        yield b


@pytest.fixture(scope="module")
def webhook(telegram, assistant, tmp_path_factory):
    """The public URL of a bridge in webhook mode."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/hook"
    env = {
        "RASA_URL": assistant.url,
        "TELEGRAM_MODE": "webhook",
        "TELEGRAM_WEBHOOK_URL": url,
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "TELEGRAM_WEBHOOK_PORT": str(port),
    }
    with running(telegram, HOOK_TOKEN, tmp_path_factory.mktemp("webhook"), **env):
        _wait_listening(port)  # the endpoint listens, then the webhook is set; both before the first update
        yield url


def _wait_listening(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def private(language_code: str | None = "en") -> tuple[dict, dict]:
    """A new user and their private chat with the bot."""
    user_id = next(_ids)
    return chat(user_id), user(user_id, language_code)


def sent_to(telegram: FakeTelegram, in_chat: dict, token: str = TOKEN) -> list[Call]:
    return telegram.calls(token, "sendMessage", lambda p: p["chat_id"] == in_chat["id"])


def rasa_replies(assistant, message_text: str) -> list[dict]:
    """What the assistant itself answers, over REST, to a new sender."""
    return assistant.reply(f"reference-{next(_ids)}", message_text)


def test_questions_in_english_and_chinese_get_cited_answers(telegram, bridge):
    en_chat, en_user = private("en")
    zh_chat, zh_user = private("zh-hans")
    send(telegram, TOKEN, en_chat, en_user, QUESTION_EN)
    send(telegram, TOKEN, zh_chat, zh_user, QUESTION_ZH)
    english = answer(telegram, en_chat, "(para. 44)")
    assert "1,067" in text(english) and english.params["parse_mode"] == "HTML"
    assert "067" in text(answer(telegram, zh_chat, "（第44段）"))
    assert telegram.calls(TOKEN, "sendChatAction", lambda p: p["chat_id"] == en_chat["id"] and p["action"] == "typing")


def test_start_and_help_answer_in_the_users_language(telegram, bridge):
    zh_chat, zh_user = private("zh")
    en_chat, en_user = private("en-GB")
    send(telegram, TOKEN, zh_chat, zh_user, "/start")
    send(telegram, TOKEN, en_chat, en_user, "/help")
    assert "S/2023/646" in text(answer(telegram, zh_chat, "您好"))
    help_text = answer(telegram, en_chat, "You can ask")
    assert "&quot;" in help_text.params["text"]  # the help's quotes, escaped for HTML


def test_lang_fixes_the_reply_language(telegram, bridge):
    in_chat, sender = private("en")
    send(telegram, TOKEN, in_chat, sender, "/lang zh")
    answer(telegram, in_chat, "中文")
    send(telegram, TOKEN, in_chat, sender, QUESTION_EN)
    answer(telegram, in_chat, "（第44段）")
    send(telegram, TOKEN, in_chat, sender, "/lang klingon")
    assert "用法" in text(answer(telegram, in_chat, "Usage: /lang en"))


def test_buttons_become_an_inline_keyboard_and_a_press_is_answered(telegram, bridge, assistant):
    expected = [b for r in rasa_replies(assistant, "hello") for b in r.get("buttons", [])]
    in_chat, sender = private("en")
    send(telegram, TOKEN, in_chat, sender, "/start")
    greeting = answer(telegram, in_chat, "Hello")
    buttons = [b for row in greeting.params["reply_markup"]["inline_keyboard"] for b in row]
    assert [b["text"] for b in buttons] == [b["title"] for b in expected] and buttons
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons)

    press = callback_query(sender, greeting.result, buttons[0]["callback_data"])
    telegram.push(TOKEN, {"callback_query": press})
    telegram.wait_for(TOKEN, "answerCallbackQuery", lambda p: p["callback_query_id"] == press["id"])
    reply = rasa_replies(assistant, expected[0]["payload"])[0]["text"]
    answer(telegram, in_chat, reply)

    telegram.push(TOKEN, {"callback_query": callback_query(sender, greeting.result, KEY_PREFIX + "0ld")})
    answer(telegram, in_chat, "This button has expired")

    # Pressed long ago (say while the bridge was down): Telegram refuses to take the answer, the chat still gets one.
    late, before = callback_query(sender, greeting.result, buttons[-1]["callback_data"]), len(sent_to(telegram, in_chat))
    telegram.expire(late["id"])
    telegram.push(TOKEN, {"callback_query": late})
    telegram.wait_for(TOKEN, "sendMessage", lambda p: p["chat_id"] == in_chat["id"] and len(sent_to(telegram, in_chat)) > before)
    assert text(sent_to(telegram, in_chat)[before]) == rasa_replies(assistant, expected[-1]["payload"])[0]["text"]
    assert [c.params["callback_query_id"] for c in telegram.refused if c.method == "answerCallbackQuery"] == [late["id"]]


def test_groups_hear_only_mentions_replies_and_commands(telegram, bridge):
    group, sender = chat(-next(_ids), "group"), user(next(_ids))
    username = bot_user(TOKEN)["username"]
    unaddressed = send(telegram, TOKEN, group, sender, QUESTION_EN)
    send(telegram, TOKEN, group, sender, "/unknown")
    send(telegram, TOKEN, group, sender, sticker=STICKER)
    mention = send(telegram, TOKEN, group, sender, f"@{username} {QUESTION_EN}")
    first = answer(telegram, group, "(para. 44)")
    assert first.params["reply_parameters"]["message_id"] == mention["message_id"]

    send(telegram, TOKEN, group, sender, "and since 2013?", reply_to_message=first.result)
    answer(telegram, group, "331")
    send(telegram, TOKEN, group, sender, f"/unknown@{username}")
    answer(telegram, group, "I don't know that command")
    send(telegram, TOKEN, group, sender, f"@{username}")  # the mention alone: a call for help
    answer(telegram, group, "You can ask")

    assert len(sent_to(telegram, group)) == 4
    quoted = [c.params["reply_parameters"]["message_id"] for c in sent_to(telegram, group)]
    assert unaddressed["message_id"] not in quoted


@pytest.mark.parametrize(
    "content",
    [{"sticker": STICKER}, {"photo": PHOTO}, {"voice": VOICE}, {"document": DOCUMENT}],
    ids=["sticker", "photo", "voice", "document"],
)
def test_non_text_in_private_gets_a_polite_reply(telegram, bridge, content):
    en_chat, en_user = private("en")
    zh_chat, zh_user = private("zh-tw")
    send(telegram, TOKEN, en_chat, en_user, **content)
    send(telegram, TOKEN, zh_chat, zh_user, **content)
    answer(telegram, en_chat, "I can only read text messages")
    answer(telegram, zh_chat, "我只能读取文字消息")


def test_odd_updates_do_not_stop_the_bridge(telegram, bridge):
    in_chat, sender = private("en")
    group = chat(-next(_ids), "supergroup")
    username = bot_user(TOKEN)["username"]
    telegram.push(TOKEN, {})  # an update of a kind this bot does not know
    telegram.push(TOKEN, {"callback_query": {"id": "inline-1", "from": sender, "chat_instance": "1", "data": "hi"}})
    send(telegram, TOKEN, in_chat, sender)  # no text, nor anything else
    send(telegram, TOKEN, group, ANONYMOUS_ADMIN, f"@{username} 第44段", sender_chat=group)
    answer(telegram, group, "1 067")
    send(telegram, TOKEN, in_chat, sender, "第44段")
    answer(telegram, in_chat, "1 067")
    assert bridge.alive()
    assert not any("1,067" in text(c) for c in sent_to(telegram, in_chat))


def test_a_caption_and_an_edited_question_are_answered(telegram, bridge):
    """A photo sent with the question as its caption, and a question corrected after it was sent."""
    in_chat, sender = private("en")
    send(telegram, TOKEN, in_chat, sender, photo=PHOTO, caption=QUESTION_EN)
    answer(telegram, in_chat, "(para. 44)")
    edited = message(in_chat, sender, QUESTION_ZH, edit_date=int(time.time()))
    telegram.push(TOKEN, {"edited_message": edited})
    answer(telegram, in_chat, "（第44段）")
    group, username = chat(-next(_ids), "supergroup"), bot_user(TOKEN)["username"]
    send(telegram, TOKEN, group, sender, document=DOCUMENT, caption=QUESTION_EN)  # not meant for the bot
    send(telegram, TOKEN, group, sender, document=DOCUMENT, caption=f"@{username} {QUESTION_EN}")
    answer(telegram, group, "(para. 44)")
    assert len(sent_to(telegram, group)) == 1
    assert not [c for c in sent_to(telegram, in_chat) if "only read text" in text(c)]


def test_the_command_menu_is_set_in_both_languages(telegram, bridge):
    menus = {
        call.params.get("language_code"): [(c["command"], c["description"]) for c in call.params["commands"]]
        for call in telegram.calls(TOKEN, "setMyCommands")
    }
    assert set(menus) == {None, "zh"}
    assert [name for name, _ in menus[None]] == ["start", "help", "lang", "quiz_start", "quiz_stop", "quiz_report"]
    assert dict(menus[None])["quiz_start"].startswith("Trainers: start a group quiz")
    assert dict(menus["zh"])["quiz_start"].startswith("培训师：开始小组测验")


def test_added_to_a_group_the_bot_tells_trainers_how_to_start_a_quiz(telegram, bridge):
    group, adder = chat(-next(_ids), "group"), user(next(_ids), "zh-hans")
    telegram.push(TOKEN, {"my_chat_member": my_chat_member(group, adder, bot_user(TOKEN), "left", "member")})
    assert "/quiz_start P4 10 30" in text(answer(telegram, group, "大家好"))
    telegram.push(TOKEN, {"my_chat_member": my_chat_member(group, adder, bot_user(TOKEN), "member", "administrator")})
    telegram.push(TOKEN, {"my_chat_member": my_chat_member(group, adder, bot_user(TOKEN), "member", "left")})
    send(telegram, TOKEN, group, adder, f"/help@{bot_user(TOKEN)['username']}")
    answer(telegram, group, "您可以")  # promoted or removed: no second introduction before it
    assert len([c for c in sent_to(telegram, group) if "大家好" in text(c)]) == 1


def test_anonymous_admins_keep_their_language_per_group(telegram, bridge, assistant):
    """Telegram sends an anonymous admin's message from its stand-in user, shared by all groups, as the group."""
    first, second = chat(-next(_ids), "supergroup"), chat(-next(_ids), "supergroup")
    username = bot_user(TOKEN)["username"]
    send(telegram, TOKEN, first, ANONYMOUS_ADMIN, "/lang zh", sender_chat=first)
    answer(telegram, first, "中文")
    send(telegram, TOKEN, second, ANONYMOUS_ADMIN, f"@{username} {QUESTION_EN}", sender_chat=second)
    answer(telegram, second, "(para. 44)")
    send(telegram, TOKEN, first, ANONYMOUS_ADMIN, f"@{username} {QUESTION_EN}", sender_chat=first)
    answer(telegram, first, "（第44段）")
    tracker = assistant.client.get(f"{assistant.url}/conversations/telegram:{first['id']}:{first['id']}/tracker").json()
    assert [e["text"] for e in tracker["events"] if e["event"] == "user"][-1] == QUESTION_EN


def test_html_in_a_message_cannot_inject_markup(telegram, bridge, assistant):
    in_chat, sender = private("en")
    hostile = "<b>MONUSCO</b> & <script>alert(1)</script>"
    send(telegram, TOKEN, in_chat, sender, hostile)
    reply = telegram.wait_for(TOKEN, "sendMessage", lambda p: p["chat_id"] == in_chat["id"])
    assert text(reply) == rasa_replies(assistant, hostile)[0]["text"]
    assert not [c for c in telegram.refused if c.method == "sendMessage" and c.params.get("chat_id") == in_chat["id"]]


def test_long_message_is_forwarded_and_sends_are_retried(telegram, bridge):
    in_chat, sender = private("en")
    refused_before = len(telegram.refused)
    telegram.fail_next(TOKEN, "sendMessage", times=2)
    send(telegram, TOKEN, in_chat, sender, ("peacekeeping performance " * 200)[:4096])
    reply = telegram.wait_for(TOKEN, "sendMessage", lambda p: p["chat_id"] == in_chat["id"])
    assert text(reply).strip()
    assert [(c.method, c.result) for c in telegram.refused[refused_before:]] == [("sendMessage", "Bad Gateway")] * 2


def test_a_send_that_keeps_failing_is_logged_and_the_bridge_carries_on(telegram, bridge):
    in_chat, sender = private("en")
    telegram.fail_next(TOKEN, "sendMessage", times=4)  # every attempt at the first answer
    send(telegram, TOKEN, in_chat, sender, "第44段")
    send(telegram, TOKEN, in_chat, sender, "第44段")
    answer(telegram, in_chat, "1 067")
    assert bridge.alive() and "error while handling" in bridge.log_path.read_text()


def test_a_send_is_tried_again_only_when_it_surely_did_not_go_out(telegram, monkeypatch, caplog):
    """A timeout while waiting for Telegram's answer may follow a message it sent: sent again, it would show twice."""
    monkeypatch.setattr("bot.telegram.retry.FIRST_DELAY", 0.01)
    chat_id = next(_ids)

    async def sends() -> None:
        async with Bot(RENDER_TOKEN, base_url=telegram.base_url, request=HTTPXRequest(read_timeout=0.5)) as bot:
            telegram.stall_next(RENDER_TOKEN, "sendMessage", 2)
            with pytest.raises(TimedOut):
                await retrying(partial(bot.send_message, chat_id, "sent, its answer late"))
            telegram.fail_next(RENDER_TOKEN, "sendMessage")  # 502: Telegram's gateway refused it
            await retrying(partial(bot.send_message, chat_id, "refused, then sent"))
        async with HTTPXRequest() as request:
            nowhere = Bot(RENDER_TOKEN, base_url=f"http://127.0.0.1:{free_port()}/bot", request=request)
            with pytest.raises(NetworkError, match="ConnectError"):
                await retrying(partial(nowhere.send_message, chat_id, "never left"))

    asyncio.run(sends())
    assert [c.params["text"] for c in telegram.calls(RENDER_TOKEN, "sendMessage", lambda p: p["chat_id"] == chat_id)] == [
        "sent, its answer late",
        "refused, then sent",
    ]
    assert [r.message.split(" (")[0] for r in caplog.records if r.name == "bot.telegram.retry"] == ["send failed"] * 4


def test_fake_server_refuses_what_telegram_refuses(telegram):
    chat_id = next(_ids)
    quiz = dict(
        question="Which mission is in the DRC?",
        options=["MONUSCO", "UNMISS"],
        type="quiz",
        correct_option_ids=[0],
        is_anonymous=False,
    )
    long_data = InlineKeyboardMarkup.from_button(InlineKeyboardButton("Safety", callback_data="x" * 65))
    messages = [dict(text="🙂" * 2049), dict(text="ok", reply_markup=long_data)]
    polls = [dict(question="?" * 301), dict(options=["a" * 101, "b"]), dict(explanation="e" * 201), dict(open_period=4)]

    async def refusals() -> list[str]:
        found = []
        async with Bot(RENDER_TOKEN, base_url=telegram.base_url) as bot:
            await bot.send_message(chat_id, "&amp;" * 4096, parse_mode="HTML")  # 4096 once parsed
            await bot.send_poll(chat_id, **quiz, open_period=5)
            for send in [partial(bot.send_message, chat_id, **m) for m in messages] + [
                partial(bot.send_poll, chat_id, **{**quiz, **p}) for p in polls
            ]:
                with pytest.raises(BadRequest) as refused:
                    await send()
                found.append(refused.value.message)
        return found

    assert asyncio.run(refusals()) == [
        "Message is too long",
        "Button_data_invalid",
        "Poll question is too long",
        "Poll options length must not exceed 100",
        "Explanation is too long",
        "Wrong open period specified",
    ]


MALFORMED = [
    (b"", "the body is not JSON"),
    (b"{", "the body is not JSON"),
    (b"\xff\xfe", "the body is not UTF-8"),
    (b"[" * 100_000, "the body is not JSON"),
    (b"[]", "the body is not a JSON object"),
    (b"null", "the body is not a JSON object"),
    (b'"x"', "the body is not a JSON object"),
    (b"{}", "the update has no integer update_id"),
    (b'{"update_id": "1"}', "the update has no integer update_id"),
    (b'{"update_id": true}', "the update has no integer update_id"),
    (b'{"update_id": 1, "message": 5}', "the object is not a Telegram update"),
    (b'{"update_id": 1, "message": {"chat": []}}', "the object is not a Telegram update"),
]


def test_webhook_needs_the_secret(telegram, webhook):
    """403 without the secret; a clear 4xx, never a 5xx, for any body that is not an update; the update itself
    reaches the bot."""
    registered = telegram.wait_for(HOOK_TOKEN, "setWebhook")
    assert registered.params["url"] == webhook and registered.params["secret_token"] == SECRET
    in_chat, sender = private("en")
    update = {"update_id": next(_ids), "message": message(in_chat, sender, QUESTION_EN)}
    with httpx.Client(timeout=30) as client:
        assert client.post(webhook, json=update).status_code == 403
        assert client.post(webhook, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "guess"}).status_code == 403
        assert client.post(webhook, content=b"{", headers={"X-Telegram-Bot-Api-Secret-Token": "guess"}).status_code == 403
        secret = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        broken = {"update_id": next(_ids), "message": {"message_id": 1}}  # no chat, no date
        assert client.post(webhook, json=broken, headers=secret).status_code == 400
        json_type = {**secret, "Content-Type": "application/json"}
        for body, error in MALFORMED:
            refused = client.post(webhook, content=body, headers=json_type)
            assert (refused.status_code, refused.json()["message"]) == (400, error), body[:20]
        for headers in ({}, {"Content-Type": "text/plain"}, {"Content-Type": "application/x-www-form-urlencoded"}):
            assert client.post(webhook, content=b"{}", headers={**secret, **headers}).status_code == 415
        assert client.post(webhook, content=b"{" * 2_000_000, headers=json_type).status_code == 413
        assert client.get(webhook, headers=secret).status_code == 405
        assert client.post(webhook, json=update, headers=secret).status_code == 200
    answer(telegram, in_chat, "(para. 44)", token=HOOK_TOKEN)
    assert len(sent_to(telegram, in_chat, token=HOOK_TOKEN)) == 1


def test_rasa_down_is_explained_in_the_users_language(telegram, tmp_path):
    down = f"http://127.0.0.1:{free_port()}"
    with running(telegram, DOWN_TOKEN, tmp_path, RASA_URL=down) as bridge:
        en_chat, en_user = private("en")
        zh_chat, zh_user = private("zh-CN")
        send(telegram, DOWN_TOKEN, en_chat, en_user, QUESTION_EN)
        send(telegram, DOWN_TOKEN, zh_chat, zh_user, "/start")
        answer(telegram, en_chat, "The assistant is temporarily unavailable, please try again shortly.", DOWN_TOKEN)
        answer(telegram, zh_chat, "助手暂时无法使用，请稍后再试。", DOWN_TOKEN)
        assert bridge.alive()


def test_renderer_escapes_splits_and_sends_images(telegram):
    in_chat = chat(next(_ids))
    long_payload = "What does the report say about the safety and security of peacekeepers in 2022?"
    long_text = "peacekeeping " * 800 + "🙂" * 10
    replies = [
        {"text": "<b>bold?</b> & <a href='x'>link</a>"},
        {"text": long_text, "buttons": [{"title": "Safety", "payload": long_payload}]},
        {"image": "https://example.org/figure-1.png"},
        {"image": "https://figures.invalid/figure-2.png"},
    ]
    keys: dict[str, str] = {}

    async def render() -> None:
        async with Bot(RENDER_TOKEN, base_url=telegram.base_url) as bot:
            await send_replies(bot, in_chat["id"], replies, keys)

    asyncio.run(render())
    first, *pieces, link = sent_to(telegram, in_chat, RENDER_TOKEN)
    assert first.params["text"] == "&lt;b&gt;bold?&lt;/b&gt; &amp; &lt;a href=&#x27;x&#x27;&gt;link&lt;/a&gt;"
    assert "".join(text(p) for p in pieces) == long_text and len(pieces) == 3
    assert all("reply_markup" not in p.params for p in pieces[:-1])
    data = pieces[-1].params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    assert len(data.encode()) <= 64 and payload_of(data, keys) == long_payload
    photos = telegram.calls(RENDER_TOKEN, "sendPhoto", lambda p: p["chat_id"] == in_chat["id"])
    assert [p.params["photo"] for p in photos] == ["https://example.org/figure-1.png"]
    assert text(link) == "https://figures.invalid/figure-2.png"  # Telegram could not fetch it: its link instead


def test_fake_server_serves_polls(telegram):
    """The quiz will send polls through the fake; python-telegram-bot must read what it returns."""

    async def quiz() -> tuple:
        async with Bot(RENDER_TOKEN, base_url=telegram.base_url) as bot:
            sent = await bot.send_poll(
                next(_ids),
                "Which mission is in the DRC?",
                ["MONUSCO", "UNMISS"],
                type="quiz",
                correct_option_ids=[0],
                is_anonymous=False,
            )
            return sent, await bot.stop_poll(sent.chat.id, sent.message_id)

    sent, stopped = asyncio.run(quiz())
    assert [o.text for o in sent.poll.options] == ["MONUSCO", "UNMISS"] and sent.poll.correct_option_ids == (0,)
    assert stopped.is_closed and not sent.poll.is_anonymous


@pytest.mark.parametrize(("message_text", "most"), [("a" * 9000, 4096), ("🙂" * 3000, 2048), ("word " * 1000, 4095), ("", 0)])
def test_split_text_fits_telegrams_limit(message_text, most):
    pieces = split_text(message_text)
    assert "".join(pieces) == message_text
    assert all(0 < len(piece.encode("utf-16-le")) // 2 <= 4096 for piece in pieces)
    assert max(map(len, pieces), default=0) == most


def test_settings_are_checked_before_starting():
    started = subprocess.run(
        [sys.executable, "-m", "bot.telegram"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")},
        timeout=60,
    )
    assert started.returncode == 2
    assert started.stderr.count("\n") == 1 and "export TELEGRAM_BOT_TOKEN=" in started.stderr
    with pytest.raises(SettingsError, match="TELEGRAM_WEBHOOK_SECRET"):
        from_env({"TELEGRAM_BOT_TOKEN": "1:a", "TELEGRAM_MODE": "webhook", "TELEGRAM_WEBHOOK_URL": "https://x.org/hook"})
    with pytest.raises(SettingsError, match="TELEGRAM_MODE"):
        from_env({"TELEGRAM_BOT_TOKEN": "1:a", "TELEGRAM_MODE": "push"})
    assert from_env({"TELEGRAM_BOT_TOKEN": "1:a"}).mode == "polling"


class OddAnswers(BaseHTTPRequestHandler):
    """A server on Rasa's address that is not Rasa: a maintenance page, a JSON object, a refusal."""

    ANSWERS = {
        "/html": (200, "text/html", b"<h1>Down for maintenance</h1>"),
        "/object": (200, "application/json", b'{"replies": []}'),
        "/teapot": (418, "text/plain", b"I'm a teapot"),
    }

    def do_POST(self) -> None:  # noqa: N802 (the name http.server calls)
        self.rfile.read(int(self.headers["Content-Length"]))
        status, kind, body = self.ANSWERS[self.path.removesuffix("/webhooks/rest/webhook")]
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        """Quiet."""


def test_rasa_client_takes_only_a_list_of_replies(monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), OddAnswers)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    async def refusal(path: str) -> str:
        monkeypatch.setenv("RASA_URL", f"http://127.0.0.1:{server.server_port}{path}")
        try:
            with pytest.raises(rasa_client.RasaUnavailable) as refused:
                await rasa_client.ask("odd-1", "hello", {})
            return str(refused.value).split(" answered ")[1]
        finally:
            await rasa_client.close()

    try:
        assert [asyncio.run(refusal(path)) for path in OddAnswers.ANSWERS] == [
            "something other than JSON",
            "JSON that is not a list of replies",
            "HTTP 418",
        ]
    finally:
        server.shutdown()
        server.server_close()


# A practice quiz in a private chat, worded in the user's language (see tests/test_quiz_practice.py over REST).
QUIZ_WORDS = {
    "en": {
        "start": "quiz me with 2 questions",
        "question": "Question {n}/2",
        "right": "✅ Right!",
        "wrong": "❌ Not quite.",
        "cite": "(para. {p})",
        "score": "Score: 1/2.",
        "finished": "Quiz finished: 1/2 right.",
    },
    "zh": {
        "start": "出题考考我，来2道题",
        "question": "第{n}/2题",
        "right": "✅ 答对了！",
        "wrong": "❌ 答错了。",
        "cite": "（第{p}段）",
        "score": "得分：1/2。",
        "finished": "测验结束：答对1/2题。",
    },
}


def quiz_question(telegram: FakeTelegram, in_chat: dict, words: dict, n: int, lang: str, store_url: str):
    """The n-th question sent to the chat, its inline keyboard, and the bank question it asks."""
    return question_sent(telegram, in_chat, words["question"].format(n=n), lang, store_url)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_practice_quiz_in_a_private_chat(telegram, bridge, assistant, lang):
    words = QUIZ_WORDS[lang]
    in_chat, sender = private("zh-hans" if lang == "zh" else "en")
    send(telegram, TOKEN, in_chat, sender, words["start"])
    first_call, buttons, first = quiz_question(telegram, in_chat, words, 1, lang, assistant.store_url)
    assert len(buttons) == 4

    press = callback_query(sender, first_call.result, buttons[first.answer]["callback_data"])
    telegram.push(TOKEN, {"callback_query": press})
    telegram.wait_for(TOKEN, "answerCallbackQuery", lambda p: p["callback_query_id"] == press["id"])
    feedback = text(answer(telegram, in_chat, words["right"]))
    assert feedback.startswith(words["right"]) and words["cite"].format(p=first.paragraph) in feedback
    second = quiz_question(telegram, in_chat, words, 2, lang, assistant.store_url)[2]

    send(telegram, TOKEN, in_chat, sender, wrong(second))  # typed, not pressed
    feedback = text(answer(telegram, in_chat, words["wrong"]))
    assert feedback.startswith(words["wrong"]) and words["score"] in feedback
    answer(telegram, in_chat, words["finished"])
    in_order = [words["question"].format(n=1), words["right"], words["question"].format(n=2), words["wrong"], words["finished"]]
    said = [text(c) for c in sent_to(telegram, in_chat)][1:]  # after the quiz's introduction
    assert len(said) == len(in_order), said
    assert [s[: len(w)] for s, w in zip(said, in_order, strict=True)] == in_order


def test_a_busy_chat_does_not_take_the_slots_other_chats_need():
    from datetime import datetime, timezone

    from telegram import Chat, Message, Update

    from bot.telegram.ordering import PerChatOrder

    def update(n: int, chat_id: int) -> Update:
        return Update(n, message=Message(n, datetime.now(timezone.utc), Chat(chat_id, "private")))

    async def main() -> list[int]:
        order, release, done = PerChatOrder(max_concurrent_updates=2), asyncio.Event(), []

        async def slow(n: int) -> None:
            await release.wait()
            done.append(n)

        async def quick(n: int) -> None:
            done.append(n)

        tasks = [asyncio.create_task(order.process_update(update(n, 1), slow(n))) for n in range(5)]
        tasks.append(asyncio.create_task(order.process_update(update(9, 2), quick(9))))
        await asyncio.sleep(0.2)
        assert done == [9]  # chat 2 answered while chat 1's backlog waits its turn
        release.set()
        await asyncio.gather(*tasks)
        return done

    assert asyncio.run(main()) == [9, 0, 1, 2, 3, 4]
    assert "process_update" not in vars(PerChatOrder)  # PTB's @final method stays PTB's; the hook is do_process_update


@pytest.mark.parametrize(
    ("lang", "stop", "stopped"),
    [
        ("zh", "停", "测验已停止（共2题，已出1题）。没有回答任何题目。"),
        ("zh", "停止", "测验已停止（共2题，已出1题）。没有回答任何题目。"),
        ("en", "Quit", "Quiz stopped after 1 of 2 questions. No question was answered."),
    ],
)
def test_a_stop_word_of_either_language_stops_a_practice_quiz(telegram, bridge, assistant, lang, stop, stopped):
    """ "停" reads to the classifier like a question about ceasefires: said during a quiz, it stops it."""
    words = QUIZ_WORDS[lang]
    in_chat, sender = private("zh-hans" if lang == "zh" else "en")
    send(telegram, TOKEN, in_chat, sender, words["start"])
    quiz_question(telegram, in_chat, words, 1, lang, assistant.store_url)
    send(telegram, TOKEN, in_chat, sender, stop)
    assert text(answer(telegram, in_chat, stopped)) == stopped
    send(telegram, TOKEN, in_chat, sender, stop)  # no quiz now: read as any message, and answered
    telegram.wait_for(TOKEN, "sendMessage", lambda p: p["chat_id"] == in_chat["id"] and len(sent_to(telegram, in_chat)) > 3)
    assert not [c for c in sent_to(telegram, in_chat) if words["question"].format(n=2) in text(c)]


def test_a_new_quiz_says_how_the_running_one_ended(telegram, bridge, assistant):
    words = QUIZ_WORDS["en"]
    in_chat, sender = private("en")
    send(telegram, TOKEN, in_chat, sender, words["start"])
    first = quiz_question(telegram, in_chat, words, 1, "en", assistant.store_url)[2]
    send(telegram, TOKEN, in_chat, sender, "ABCD"[first.answer])
    quiz_question(telegram, in_chat, words, 2, "en", assistant.store_url)
    send(telegram, TOKEN, in_chat, sender, "quiz me on priority 4 with 2 questions")
    assert text(answer(telegram, in_chat, "Your previous quiz")) == "Your previous quiz ended after 2 of 2 questions. 1/1 right."
    assert "Quiz: 2 questions on Accountability to peacekeepers." in text(answer(telegram, in_chat, "Quiz: 2 questions on"))


def test_in_a_group_only_the_quiz_taker_answers_with_its_buttons(telegram, bridge, assistant):
    group, taker, other = chat(-next(_ids), "supergroup"), user(next(_ids)), user(next(_ids), "zh-hans")
    words = QUIZ_WORDS["en"]
    send(telegram, TOKEN, group, taker, f"@{bot_user(TOKEN)['username']} {words['start']}")
    assert "reply to my question with A-D" in text(answer(telegram, group, "Quiz: 2 questions"))
    call, buttons, first = quiz_question(telegram, group, words, 1, "en", assistant.store_url)
    before = len(sent_to(telegram, group))
    press = callback_query(other, call.result, buttons[first.answer]["callback_data"])
    telegram.push(TOKEN, {"callback_query": press})
    note = telegram.wait_for(TOKEN, "answerCallbackQuery", lambda p: p["callback_query_id"] == press["id"])
    assert note.params["text"].startswith("这是其他成员的测验") and note.params["show_alert"] == "true"
    mine = callback_query(taker, call.result, buttons[first.answer]["callback_data"])
    telegram.push(TOKEN, {"callback_query": mine})
    answer(telegram, group, words["right"])
    assert not [c for c in sent_to(telegram, group)[before:] if "no quiz running" in text(c) or "没有进行中" in text(c)]


def test_a_button_means_the_same_to_a_bridge_that_never_sent_it(telegram, bridge, assistant):
    """Long payloads that are sentences of the wording travel as their key: a restarted bridge reads them. A key
    this bridge never made (say, a restart's loss) is read from the button's own title."""
    in_chat, sender = private("en")
    shown = message(
        in_chat,
        bot_user(TOKEN),
        "Try:",
        reply_markup={"inline_keyboard": [[{"text": "About MONUSCO", "callback_data": "#k:lost"}]]},
    )
    telegram.push(TOKEN, {"callback_query": callback_query(sender, shown, "#w:suggestion.killed_ask:en")})
    answer(telegram, in_chat, "(para. 44)")
    other_chat, other = private("en")  # a conversation of its own: the title is asked without context
    telegram.push(TOKEN, {"callback_query": callback_query(other, {**shown, "chat": other_chat}, "#k:lost")})
    telegram.wait_for(TOKEN, "sendMessage", lambda p: p["chat_id"] == other_chat["id"])
    assert text(sent_to(telegram, other_chat)[0]) == rasa_replies(assistant, "About MONUSCO")[0]["text"]


def test_a_language_chosen_in_one_chat_stays_in_it(telegram, bridge):
    """/lang zh in a private chat; in a group the same user asks in English: the assistant answers in English, and
    so does the bridge's own message there, while the private chat stays Chinese."""
    in_chat, sender = private("en")
    group, username = chat(-next(_ids), "supergroup"), bot_user(TOKEN)["username"]
    send(telegram, TOKEN, in_chat, sender, "/lang zh")
    answer(telegram, in_chat, "中文")
    send(telegram, TOKEN, group, sender, f"@{username} {QUESTION_EN}")
    answer(telegram, group, "(para. 44)")
    send(telegram, TOKEN, group, sender, f"/unknown@{username}")
    answer(telegram, group, "I don't know that command")
    send(telegram, TOKEN, in_chat, sender, "/unknown")
    answer(telegram, in_chat, "我不认识这个命令")


def test_a_chosen_language_survives_a_restart_of_the_bridge(telegram, assistant, tmp_path):
    """/lang en from a user whose Telegram app is in Chinese; after a restart (another work directory, the same
    state file) the bridge's own messages and the assistant's answers are still English, also to Chinese words."""
    token = "700005:restart-lang"
    in_chat, sender = private("zh-hans")
    env = {"RASA_URL": assistant.url, "TELEGRAM_STATE_FILE": str(tmp_path / "telegram-chats.pickle")}
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    with running(telegram, token, tmp_path / "first", **env):
        send(telegram, token, in_chat, sender, "/lang en")
        answer(telegram, in_chat, "From now on I will answer in English.", token)
    with running(telegram, token, tmp_path / "second", **env):
        send(telegram, token, in_chat, sender, "/unknown")
        answer(telegram, in_chat, "I don't know that command", token)
        send(telegram, token, in_chat, sender, QUESTION_ZH)
        answer(telegram, in_chat, "(para. 44)", token)
