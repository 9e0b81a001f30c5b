"""Class quizzes in Telegram private chats end to end: `python -m bot.telegram` as a real process on the fake Bot
API, the real Rasa and action servers, one SQLite store. /join and "加入 CODE" are answered by the bridge; a press of
an option goes through the assistant; a live quiz's questions, time-ups and end are pushed by the bridge's job, and
so is a self-paced quiz's end at its deadline."""

from __future__ import annotations

import itertools
import re
import sqlite3
import time
from contextlib import closing
from datetime import timedelta

import pytest
from sqlalchemy import update

from actions.facts.loader import load
from actions.quiz import classes, sessions
from actions.store import models as m
from actions.store.db import session
from tests.fake_telegram import callback_query, chat, user
from tests.helpers.quiz import wrong
from tests.helpers.telegram import answer, question_sent, running, send, text

pytestmark = pytest.mark.server  # needs a running server (see pytest.ini)

TOKEN = "720001:class-quiz"
_ids = itertools.count(70_000)


@pytest.fixture(scope="module")
def bridge(telegram, assistant, tmp_path_factory):
    """The bridge on the assistant's own store, where the action server scores the answers."""
    env = {"RASA_URL": assistant.url, "DATABASE_URL": assistant.store_url}
    with running(telegram, TOKEN, tmp_path_factory.mktemp("class-bridge"), **env) as b:
        yield b


def private(language_code: str = "en") -> tuple[dict, dict]:
    user_id = next(_ids)
    return chat(user_id), user(user_id, language_code)


def with_store(store_url: str, work, *args, **kwargs):
    with session(store_url) as db:
        return work(db, *args, **kwargs)


def press(telegram, sender: dict, call, buttons: list[dict], n: int) -> None:
    telegram.push(TOKEN, {"callback_query": callback_query(sender, call.result, buttons[n]["callback_data"])})


def said(telegram, in_chat: dict, containing: str) -> str:
    return text(answer(telegram, in_chat, containing, TOKEN))


def test_live_quiz_pushed_question_by_question(telegram, bridge, assistant):
    code = with_store(assistant.store_url, lambda db: classes.create(db, size=2, seconds=60, live=True).code)
    in_chat, sender = private("en")
    send(telegram, TOKEN, in_chat, sender, f"/join {code.lower()}")
    assert said(telegram, in_chat, "You joined").startswith(f"You joined class quiz {code}: 2 questions.")
    said(telegram, in_chat, "The trainer has not started it yet")
    late_chat, late_sender = private("zh-hans")

    with_store(assistant.store_url, classes.start, code)
    call, buttons, first = question_sent(telegram, in_chat, "Question 1/2", "en", assistant.store_url, TOKEN)
    # the time left when the push went out: the whole minute, less the bridge's few seconds on a busy machine
    left = re.search(r"You have (\d+) seconds\.", text(call))
    assert left and 50 <= int(left.group(1)) <= 60
    press(telegram, sender, call, buttons, first.answer)
    assert said(telegram, in_chat, "Right!").startswith("✅ Right!") and "Score: 1/1." in said(telegram, in_chat, "Right!")
    said(telegram, in_chat, "Your answer is in.")

    send(telegram, TOKEN, late_chat, late_sender, f"加入 {code}")  # a late joiner starts at the current question
    assert said(telegram, late_chat, "你已加入").startswith(f"你已加入课堂测验 {code}：共2题。")
    question_sent(telegram, late_chat, "第1/2题", "zh", assistant.store_url, TOKEN)

    with_store(assistant.store_url, classes.advance, code)
    revealed = said(telegram, in_chat, "Time is up for question 1.")
    assert f"The answer: {'ABCD'[first.answer]}." in revealed and f"(para. {first.paragraph})" in revealed
    call, buttons, second = question_sent(telegram, in_chat, "Question 2/2", "en", assistant.store_url, TOKEN)
    question_sent(telegram, late_chat, "第2/2题", "zh", assistant.store_url, TOKEN)
    with_store(assistant.store_url, _time_passes, code, 70)
    said(telegram, in_chat, "Time is up for question 2.")
    press(telegram, sender, call, buttons, wrong_index(second))
    assert said(telegram, in_chat, "not counted").startswith("⏰ Time is up for this question")

    with_store(assistant.store_url, classes.finish, code)
    assert said(telegram, in_chat, "is over.") == f"Class quiz {code} is over. Your score: 1/1, place 1 of 2."
    assert said(telegram, late_chat, "已结束") == f"课堂测验 {code} 已结束。你的成绩：答对0/0题，第2名（共2人）。"
    for containing in ("Question 1/2", "Question 2/2", "question 1.", "question 2.", "is over."):  # each sent once
        sent = telegram.calls(TOKEN, "sendMessage", lambda p, c=containing: p["chat_id"] == in_chat["id"] and c in p["text"])
        assert len(sent) == 1, containing


def wrong_index(question) -> int:
    return "ABCD".index(wrong(question))


def _time_passes(db, code: str, seconds: int) -> None:
    db.execute(
        update(m.ClassQuizRow)
        .where(m.ClassQuizRow.code == code)
        .values(question_started_at=sessions.utcnow() - timedelta(seconds=seconds))
    )
    db.commit()


def test_self_paced_join_by_text_and_answer_by_button_in_chinese(telegram, bridge, assistant):
    code = with_store(assistant.store_url, lambda db: classes.create(db, size=2).code)
    in_chat, sender = private("zh-hans")
    send(telegram, TOKEN, in_chat, sender, f"  加入  {code.lower()}  ")
    said(telegram, in_chat, f"你已加入课堂测验 {code}")
    call, buttons, first = question_sent(telegram, in_chat, "第1/2题", "zh", assistant.store_url, TOKEN)
    press(telegram, sender, call, buttons, first.answer)
    assert said(telegram, in_chat, "答对了").startswith("✅ 答对了！")
    second = question_sent(telegram, in_chat, "第2/2题", "zh", assistant.store_url, TOKEN)[2]
    send(telegram, TOKEN, in_chat, sender, wrong(second))  # typed
    assert said(telegram, in_chat, "答错了").startswith("❌ 答错了。")
    said(telegram, in_chat, f"你已答完课堂测验 {code} 的全部题目：答对1/2题。")
    board = with_store(assistant.store_url, classes.leaderboard, code)
    assert [(s.user_id, s.name, s.channel, s.right, s.answered) for s in board] == [
        (f"telegram:{in_chat['id']}:{sender['id']}", sender["first_name"], "telegram", 1, 2)
    ]


def test_a_bad_or_unknown_code_is_answered_politely(telegram, bridge):
    in_chat, sender = private("en")
    send(telegram, TOKEN, in_chat, sender, "/join")
    assert said(telegram, in_chat, "To join a class quiz").startswith("To join a class quiz, send “join” and its code")
    send(telegram, TOKEN, in_chat, sender, "join ZZZ222")
    said(telegram, in_chat, "There is no class quiz with the code ZZZ222.")


def test_a_restarted_bridge_carries_on_without_repeating(telegram, assistant, tmp_path):
    """On a store of its own: the module's bridge, another bot on the assistant's store, would push to this chat too."""
    token = "720002:class-restart"
    with (
        closing(sqlite3.connect(assistant.store_url.removeprefix("sqlite:///"))) as live,
        closing(sqlite3.connect(tmp_path / "facts.db")) as copy,
    ):
        live.backup(copy)  # a consistent copy while the assistant's servers may be writing
    store = f"sqlite:///{tmp_path / 'facts.db'}"
    env = {"RASA_URL": assistant.url, "DATABASE_URL": store}
    code = with_store(store, lambda db: classes.create(db, size=2, seconds=60, live=True).code)
    in_chat, sender = private("en")

    def sent(containing: str) -> int:
        return len(telegram.calls(token, "sendMessage", lambda p: p["chat_id"] == in_chat["id"] and containing in p["text"]))

    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    with running(telegram, token, tmp_path / "first", **env):
        send(telegram, token, in_chat, sender, f"join {code}")
        answer(telegram, in_chat, "You joined", token)
        with_store(store, classes.start, code)
        answer(telegram, in_chat, "Question 1/2", token)
    with_store(store, classes.advance, code)  # while no bridge runs
    with running(telegram, token, tmp_path / "second", **env):
        answer(telegram, in_chat, "Question 2/2", token)
        with_store(store, classes.finish, code)
        answer(telegram, in_chat, "is over.", token)
    assert [sent(c) for c in ("Question 1/2", "question 1.", "Question 2/2", "question 2.", "is over.")] == [1, 1, 1, 1, 1]


def test_a_self_paced_quizs_end_is_pushed_once_at_its_deadline(telegram, tmp_path, report_data):
    """On a store of its own and without the assistant: the bridge answers the join and pushes the end itself."""
    token = "720003:class-deadline"
    store = f"sqlite:///{tmp_path / 'facts.db'}"
    load(report_data, store)
    code = with_store(store, lambda db: classes.create(db, size=2, deadline=sessions.utcnow() + timedelta(hours=1)).code)
    in_chat, sender = private("zh-hans")
    env = {"RASA_URL": "http://127.0.0.1:9", "DATABASE_URL": store}

    def told() -> list:
        return telegram.calls(token, "sendMessage", lambda p: p["chat_id"] == in_chat["id"] and "已结束" in p["text"])

    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    with running(telegram, token, tmp_path / "first", **env):
        send(telegram, token, in_chat, sender, f"加入 {code}")
        said_first = text(answer(telegram, in_chat, "你已加入", token))
        assert "请在" in said_first and "之前按自己的节奏作答" in said_first  # the deadline, in the trainee's language
        with_store(store, _deadline_passes, code)
        ended = text(answer(telegram, in_chat, "已结束", token))
        assert ended == f"课堂测验 {code} 已结束。你的成绩：答对0/0题，第1名（共1人）。"
    with running(telegram, token, tmp_path / "second", **env):
        time.sleep(3)  # three rounds of the push job of a restarted bridge
    assert len(told()) == 1


def _deadline_passes(db, code: str) -> None:
    db.execute(update(m.ClassQuizRow).where(m.ClassQuizRow.code == code).values(deadline=sessions.utcnow()))
    db.commit()
