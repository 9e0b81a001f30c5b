"""Conversations with the Telegram bridge through the fake Bot API: the bridge (`python -m bot.telegram`) as a
subprocess, a user's message fed to it and the bot's answers read back."""

from __future__ import annotations

import html
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.fake_telegram import Call, FakeTelegram, message
from tests.helpers.quiz import asked

TOKEN = "700001:polling"


class Bridge:
    """`python -m bot.telegram` in a subprocess, its output in bridge.log under the test's tmp dir."""

    def __init__(self, token: str, workdir: Path, **env: str) -> None:
        self.log_path = workdir / "bridge.log"
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.telegram"],
            cwd=ROOT,
            env={**os.environ, "TELEGRAM_BOT_TOKEN": token, "TELEGRAM_STATE_FILE": str(workdir / "telegram-chats.pickle"), **env},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


@contextmanager
def running(telegram: FakeTelegram, token: str, workdir: Path, **env: str) -> Iterator[Bridge]:
    """A bridge for `token`, once started: python-telegram-bot's start ends by setting or deleting the
    webhook (updates pushed before polling begins wait in the fake's queue). A bridge started again with the same
    token is waited for too: the calls of the one before it do not count."""
    method = "setWebhook" if env.get("TELEGRAM_MODE") == "webhook" else "deleteWebhook"
    earlier = len(telegram.calls(token, method))
    bridge = Bridge(token, workdir, TELEGRAM_BASE_URL=telegram.base_url, **env)
    try:
        telegram.wait_for(token, method, lambda _: len(telegram.calls(token, method)) > earlier, timeout=60)
        yield bridge
    except TimeoutError:
        pytest.fail(f"bridge did not start: {bridge.log_path.read_text()[-2000:]}")
    finally:
        bridge.stop()


def send(telegram: FakeTelegram, token: str, in_chat: dict, sender: dict, text: str | None = None, **content) -> dict:
    """The user's message, fed to the bot; returned as Telegram sent it."""
    sent = message(in_chat, sender, text, **content)
    telegram.push(token, {"message": sent})
    return sent


def text(call: Call) -> str:
    return html.unescape(call.params["text"])


def answer(telegram: FakeTelegram, in_chat: dict, containing: str, token: str = TOKEN) -> Call:
    """The first message the bot sent to the chat that contains `containing` (once unescaped)."""
    return telegram.wait_for(
        token, "sendMessage", lambda p: p["chat_id"] == in_chat["id"] and containing in html.unescape(p["text"])
    )


def question_sent(telegram: FakeTelegram, in_chat: dict, containing: str, lang: str, store_url: str, token: str = TOKEN):
    """The quiz question sent to the chat that contains `containing`, its inline keyboard, and the bank question."""
    call = answer(telegram, in_chat, containing, token)
    buttons = [b for row in call.params["reply_markup"]["inline_keyboard"] for b in row]
    as_rest = [{"text": text(call), "buttons": [{"payload": b["callback_data"]} for b in buttons]}]
    return call, buttons, asked(as_rest, lang, store_url)[1]
