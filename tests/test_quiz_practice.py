"""Practice quizzes end to end over REST: the real Rasa and action servers and store, in both languages."""

from __future__ import annotations

import uuid

import pytest

from actions.quiz import practice
from actions.quiz.practice import LETTERS
from tests.helpers.quiz import asked, wrong

pytestmark = pytest.mark.server  # needs a running server (see pytest.ini)


def sender() -> str:
    return f"trainee-{uuid.uuid4().hex[:8]}"


def press(assistant, who: str, messages: list[dict], letter: str) -> list[dict]:
    """Press the button of `letter` under the question the last message asks."""
    return assistant.reply(who, messages[-1]["buttons"][LETTERS.index(letter)]["payload"])


def texts(messages: list[dict]) -> str:
    return "\n".join(m.get("text", "") for m in messages)


def test_practice_in_english_with_a_question_in_the_middle(assistant):
    who = sender()
    messages = assistant.reply(who, "quiz me on priority 4 with 3 questions")
    assert "Quiz: 3 questions on Accountability to peacekeepers" in messages[0]["text"]
    n, first = asked(messages, "en", assistant.store_url)
    assert n == 1 and "P4" in first.topics

    messages = press(assistant, who, messages, LETTERS[first.answer])
    assert messages[0]["text"].startswith("✅ Right!") and f"(para. {first.paragraph})" in messages[0]["text"]
    assert "Score: 1/1." in messages[0]["text"]
    n, second = asked(messages, "en", assistant.store_url)
    assert n == 2

    messages = assistant.reply(who, "How many peacekeepers have been killed by malicious acts since 1948?")
    assert "1,067" in messages[0]["text"] and "(para. 44)" in messages[0]["text"]
    assert "The quiz goes on" in texts(messages) and asked(messages, "en", assistant.store_url)[1] == second

    messages = assistant.reply(who, wrong(second))  # typed, not pressed
    assert messages[0]["text"].startswith("❌ Not quite.") and "Score: 1/2." in messages[0]["text"]
    assert asked(messages, "en", assistant.store_url)[0] == 3

    messages = assistant.reply(who, "stop the quiz")
    assert texts(messages) == "Quiz stopped after 3 of 3 questions. 1/2 right."
    assert "no quiz running" in texts(assistant.reply(who, "stop the quiz"))


def test_a_question_after_a_stop_word_is_answered_and_the_quiz_stopped(assistant):
    who = sender()
    assistant.reply(who, "quiz me")
    messages = assistant.reply(who, "quit quiz. which mission piloted unite aware?")
    assert "UNFICYP" in messages[0]["text"] and "(para. 60)" in messages[0]["text"]
    assert texts(messages[1:]).startswith("Quiz stopped after 1 of 5 questions.")
    assert "no quiz running" in texts(assistant.reply(who, "stop the quiz"))
    who = sender()
    assistant.reply(who, "出题考考我")
    messages = assistant.reply(who, "停止测验。2023年维持和平部长级会议在哪里举行？")
    assert "阿克拉" in messages[0]["text"] and texts(messages[1:]).startswith("测验已停止")


def test_a_question_passed_on_shows_its_answer_and_comes_back_in_review(assistant):
    who = sender()
    messages = assistant.reply(who, "quiz me with 2 questions")
    first = asked(messages, "en", assistant.store_url)[1]
    messages = assistant.reply(who, "I don't know")  # read as "stop" by the classifier once
    assert messages[0]["text"].startswith("⏭ Skipped.") and f"(para. {first.paragraph})" in messages[0]["text"]
    n, second = asked(messages, "en", assistant.store_url)
    assert n == 2
    messages = assistant.reply(who, LETTERS[second.answer])
    assert "Score: 1/1." in messages[0]["text"] and "Quiz finished: 1/1 right." in texts(messages)
    messages = assistant.reply(who, "review my mistakes")
    assert messages[0]["text"] == "Review: 1 question you missed before."
    assert asked(messages, "en", assistant.store_url)[1].id == first.id
    assert texts(assistant.reply(who, "what's my score?")).startswith(
        "No question was answered.\nThe quiz goes on:\nQuestion 1/1:"
    )
    messages = assistant.reply(who, "跳过")
    assert texts(messages).startswith("⏭ 已跳过。") and "测验结束，没有回答任何题目。" in texts(messages)  # said in Chinese
    assert texts(assistant.reply(who, "what was my score?")) == "Your last quiz: No question was answered."
    assert texts(assistant.reply(sender(), "我得了几分？")) == "目前没有进行中的测验。说“出题考考我”即可开始。"


def test_a_pass_that_asks_more_is_answered_then_the_quiz_goes_on(assistant):
    who = sender()
    messages = assistant.reply(who, "quiz me with 2 questions")
    first = asked(messages, "en", assistant.store_url)[1]
    messages = assistant.reply(who, "no idea lol. which mission piloted unite aware?")  # (dev129)
    assert "UNFICYP" in messages[0]["text"] and "(para. 60)" in messages[0]["text"]
    assert texts(messages[1:]).startswith("⏭ Skipped.") and f"(para. {first.paragraph})" in texts(messages[1:])
    assert asked(messages, "en", assistant.store_url)[0] == 2


def test_a_quiz_asked_at_length_an_unsure_pick_and_a_question_put_aside(assistant):
    # (dev135) the classifier may read a long request as a question; the quiz's subject is in its own sentence
    who = sender()
    messages = assistant.reply(
        who,
        "Could you give me a multiple-choice quiz to help me prepare for my pre-deployment course? I have about ten"
        " minutes before my next session.",
    )
    assert messages[0]["text"].startswith("Quiz: 5 questions.")
    first = asked(messages, "en", assistant.store_url)[1]
    messages = assistant.reply(who, f"I'll go with {LETTERS[first.answer]}")
    assert messages[0]["text"].startswith("✅ Right!")
    messages = assistant.reply(who, "Before you mark that - by when does MINUSMA have to be out of Mali?")
    assert "31 December 2023" in messages[0]["text"] and "(para. 36)" in messages[0]["text"]
    assert "The quiz goes on" in texts(messages)


def test_practice_in_chinese_then_review_only_the_mistakes(assistant):
    who = sender()
    messages = assistant.reply(who, "出题考考我，来2道题")
    assert messages[0]["text"].startswith("测验：共2题")
    missed = []
    for position in (1, 2):
        n, question = asked(messages, "zh", assistant.store_url)
        assert n == position
        missed.append(question.id)
        messages = press(assistant, who, messages, wrong(question))
        assert messages[0]["text"].startswith("❌ 答错了。") and f"（第{question.paragraph}段）" in messages[0]["text"]
    assert "测验结束：答对0/2题。" in texts(messages) and "复习错题" in texts(messages)

    messages = assistant.reply(who, "复习错题")
    assert messages[0]["text"] == "复习：2道你以前答错的题。"
    reviewed = []
    for _ in missed:
        question = asked(messages, "zh", assistant.store_url)[1]
        reviewed.append(question.id)
        messages = press(assistant, who, messages, LETTERS[question.answer])
        assert messages[0]["text"].startswith("✅ 答对了！")
    assert sorted(reviewed) == sorted(missed)
    assert "测验结束：答对2/2题。" in texts(messages)


def test_a_quiz_survives_a_restart_of_either_server(assistant):
    who = sender()
    messages = assistant.reply(who, "quiz me with 3 questions")
    for position, server in ((1, "actions"), (2, "rasa")):
        question = asked(messages, "en", assistant.store_url)[1]
        assistant.restart(server)
        messages = press(assistant, who, messages, LETTERS[question.answer])
        assert messages[0]["text"].startswith("✅ Right!") and f"Score: {position}/{position}." in messages[0]["text"]
        assert asked(messages, "en", assistant.store_url)[0] == position + 1


@pytest.mark.parametrize(
    "message, expected",
    [
        ("B", "There is no quiz running"),
        ("复习错题", "你没有答错过的题目"),
        ("quiz me on Atlantis with 2 questions", 'I have no questions on "Atlantis"'),
        ("quiz me on host countries", "Quiz: 5 questions on Cooperation with host countries."),
        ("quiz me on peacekeeping statistics please", "Quiz: 5 questions on the report's figures."),
        ("give me a hard quiz on priority 4 with 3 questions", "Quiz: 3 questions on Accountability to peacekeepers, hard"),
        ("quiz me on MONUSCO, easy questions", "Quiz: 5 questions on MONUSCO, easy questions."),
        ("出3道关于优先事项4的简单题", "测验：共3题（主题：对维和人员的责任）（简单题）。"),
    ],
)
def test_quiz_requests_out_of_turn_get_a_clear_reply(assistant, message, expected):
    assert expected in texts(assistant.reply(sender(), message))


def test_an_old_button_cannot_answer_the_question_open_now(assistant):
    who = sender()
    first_messages = assistant.reply(who, "quiz me with 3 questions")
    first = asked(first_messages, "en", assistant.store_url)[1]
    messages = press(assistant, who, first_messages, LETTERS[first.answer])
    second = asked(messages, "en", assistant.store_url)[1]
    messages = press(assistant, who, first_messages, LETTERS[first.answer])  # pressed again, or late
    assert messages[0]["text"].startswith("That question is already closed")
    assert asked(messages, "en", assistant.store_url)[1] == second
    messages = press(assistant, who, messages, wrong(second))
    assert "Score: 1/2." in messages[0]["text"]


def test_a_language_switch_in_the_middle_of_a_quiz_applies_to_the_question(assistant):
    who = sender()
    first = asked(assistant.reply(who, "quiz me with 2 questions"), "en", assistant.store_url)[1]
    messages = assistant.reply(who, "请用中文")
    assert "测验继续" in texts(messages) and asked(messages, "zh", assistant.store_url)[1] == first


@pytest.mark.parametrize(
    "text, size",
    [
        ("quiz me with 10 questions", 10),
        ("来3道题", 3),
        ("第3题是什么", 5),
        ("2023 questions", 5),
        ("quiz me", 5),
        ("99 questions", 20),
    ],
)
def test_the_size_asked(text, size):
    assert practice.size_asked(text) == size


@pytest.mark.parametrize(
    "text, choice",
    [
        *[("B", 1), ("the answer is c", 2), ("选D", 3), ("2", 1), ("UNISFA", None), ("5", None), ("a lot", None)],
        *[("I'll go with A", 0), ("c i think", 2), ("A?", 0), ("my guess is d", 3), ("i think", None), ("a4p", None)],
    ],
)
def test_typed_choices(text, choice):
    assert practice.choice_of(text) == choice
