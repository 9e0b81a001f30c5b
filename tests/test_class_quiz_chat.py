"""Class quizzes over REST through the real Rasa and action servers: "join CODE" / "加入 CODE" in either language,
answers by button and by typed letter to the end, refusals worded for the trainee, and the trainer's leaderboard."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from actions.quiz import classes, sessions
from actions.quiz.practice import LETTERS
from actions.store import models as m
from actions.store.db import session
from tests.helpers.quiz import asked, unique, wrong

pytestmark = pytest.mark.server  # needs a running server (see pytest.ini)


def texts(messages: list[dict]) -> str:
    return "\n".join(message.get("text", "") for message in messages)


def press(assistant, who: str, messages: list[dict], letter: str) -> list[dict]:
    return assistant.reply(who, messages[-1]["buttons"][LETTERS.index(letter)]["payload"])


def new_quiz(assistant, **settings) -> str:
    with session(assistant.store_url) as db:
        return classes.create(db, **settings).code


def control(assistant, step, code: str) -> classes.ClassQuiz | None:
    with session(assistant.store_url) as db:
        return step(db, code)


def test_self_paced_in_both_languages_to_the_end(assistant):
    code = new_quiz(assistant, size=3)
    wang, ann = unique("wang"), unique("ann")
    messages = assistant.reply(wang, f"  加入   {code.lower()} ")
    assert messages[0]["text"] == f"你已加入课堂测验 {code}：共3题。"
    n, first = asked(messages, "zh", assistant.store_url)
    assert n == 1
    messages = assistant.reply(ann, f"JOIN {code} Ann")
    assert messages[0]["text"] == f"You joined class quiz {code}: 3 questions."
    assert asked(messages, "en", assistant.store_url) == (1, first)  # the same question, in her language

    messages = press(assistant, wang, assistant.reply(wang, f"加入 {code}"), LETTERS[first.answer])
    assert messages[0]["text"].startswith("✅ 答对了！") and f"（第{first.paragraph}段）" in messages[0]["text"]
    assert "得分：1/1。" in messages[0]["text"]
    n, second = asked(messages, "zh", assistant.store_url)
    assert n == 2
    messages = assistant.reply(wang, wrong(second).lower())  # typed
    assert messages[0]["text"].startswith("❌ 答错了。") and "得分：1/2。" in messages[0]["text"]
    third = asked(messages, "zh", assistant.store_url)[1]
    messages = assistant.reply(wang, f"选{LETTERS[third.answer]}")
    assert texts(messages).endswith(f"你已答完课堂测验 {code} 的全部题目：答对2/3题。")

    first_buttons = assistant.reply(ann, f"join {code}")  # joining again shows her open question
    assert first_buttons[0]["text"] == f"You are already in class quiz {code}."
    for _ in range(3):
        question = asked(first_buttons, "en", assistant.store_url)[1]
        first_buttons = press(assistant, ann, first_buttons, wrong(question))
        assert first_buttons[0]["text"].startswith("❌ Not quite.")
    assert texts(first_buttons).endswith(f"You have answered all the questions of class quiz {code}: 0/3 right.")

    with session(assistant.store_url) as db:
        board = classes.leaderboard(db, code)
    assert [(s.user_id, s.name, s.right, s.answered, s.channel) for s in board] == [
        (wang, wang, 2, 3, "rest"),
        (ann, "Ann", 0, 3, "rest"),
    ]


def test_live_answers_count_only_once_and_in_time(assistant):
    code = new_quiz(assistant, size=2, seconds=30, live=True)
    lee = unique("lee")
    messages = assistant.reply(lee, f"join {code}")
    assert texts(messages) == (
        f"You joined class quiz {code}: 2 questions.\n"
        "The trainer has not started it yet; each question will come here as soon as it is asked."
    )
    assert "has not started it yet" in texts(assistant.reply(lee, "B"))

    control(assistant, classes.start, code)
    messages = assistant.reply(lee, f"join {code}")
    assert asked(messages, "en", assistant.store_url)[0] == 1 and "You have 30 seconds." in messages[-1]["text"]
    old_buttons = messages
    messages = assistant.reply(lee, "A")
    assert messages[0]["text"].startswith(("✅ Right!", "❌ Not quite.")) and "Score:" in messages[0]["text"]
    assert messages[-1]["text"] == "Your answer is in. The next question comes when the trainer moves on."
    assert texts(press(assistant, lee, old_buttons, "B")).startswith("You have already answered this question")

    control(assistant, classes.advance, code)
    assert texts(press(assistant, lee, old_buttons, "C")).startswith("That question is already closed")
    with session(assistant.store_url) as db:
        db.execute(
            update(m.ClassQuizRow)
            .where(m.ClassQuizRow.code == code)
            .values(question_started_at=sessions.utcnow() - timedelta(seconds=40))
        )
        db.commit()
    messages = assistant.reply(lee, "B")
    assert texts(messages) == (
        "⏰ Time is up for this question, so your answer was not counted. The next question comes when the trainer moves on."
    )
    with session(assistant.store_url) as db:
        assert [s.answered for s in classes.leaderboard(db, code)] == [1]


def test_unknown_and_finished_codes_get_a_polite_refusal(assistant):
    who = unique("who")
    assert texts(assistant.reply(who, "加入 ZZZ222")) == "没有代码为 ZZZ222 的课堂测验。请核对代码后再试。"
    code = new_quiz(assistant, size=1)
    control(assistant, classes.finish, code)
    assert texts(assistant.reply(who, f"join {code}")) == f"Class quiz {code} is over and no longer takes answers."


def test_joining_ends_a_practice_quiz_so_letters_answer_the_class(assistant):
    who = unique("both")
    practice = assistant.reply(who, "quiz me with 3 questions")
    assert practice[0]["text"].startswith("Quiz: 3 questions")
    code = new_quiz(assistant, size=2, language="en")
    messages = assistant.reply(who, f"join {code}")
    question = asked(messages, "en", assistant.store_url)[1]
    messages = assistant.reply(who, LETTERS[question.answer])
    assert messages[0]["text"].startswith("✅ Right!") and "Score: 1/1." in messages[0]["text"]
    with session(assistant.store_url) as db:
        assert classes.current(db, code, who).position == 2
        assert sessions.active(db, "rest", who) is None  # the practice quiz was stopped


@pytest.mark.parametrize("text", ["join K7P2QX", "Join  k7p2qx Ann", "加入 K7P2QX", "加入k7p2qx", "加入：K7P2QX 王芳"])
def test_the_model_reads_a_join_request_as_one(assistant, text):
    parsed = assistant.client.post(f"{assistant.url}/model/parse", json={"text": text}).json()
    assert parsed["intent"]["name"] == "join_class", parsed["intent"]


def test_a_restarted_action_server_carries_on(assistant):
    code = new_quiz(assistant, size=2, language="zh")
    who = unique("restart")
    first = asked(assistant.reply(who, f"加入 {code}"), "zh", assistant.store_url)[1]
    assistant.restart("actions")
    messages = assistant.reply(who, LETTERS[first.answer])
    assert messages[0]["text"].startswith("✅ 答对了！") and asked(messages, "zh", assistant.store_url)[0] == 2


def test_a_strangers_press_on_a_members_button_counts_nothing(assistant):
    code = new_quiz(assistant, size=1, language="en")
    member, stranger = unique("member"), unique("stranger")
    buttons = assistant.reply(member, f"join {code} <b>Eve</b>")
    assert texts(press(assistant, stranger, buttons, "A")).startswith("To join a class quiz, send “join” and its code")
    forged = '/quiz_answer{"choice":"B","item":"1 OR 1=1"}'
    assert assistant.reply(stranger, forged)  # answered, not failed
    with session(assistant.store_url) as db:
        assert [(s.name, s.answered) for s in classes.leaderboard(db, code)] == [("<b>Eve</b>", 0)]
