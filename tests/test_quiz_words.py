"""The words a quiz listens for (data/understanding/quiz_words.yaml): stop words and numbered topics."""

from __future__ import annotations

import pytest

from actions import wording
from actions.quiz import words


@pytest.mark.parametrize("said", ["停", "停止", "停止。", "结束测验", "不玩了", "stop", "Stop!", "quit the quiz", " END "])
def test_a_stop_word_of_either_language_stops(said):
    assert words.is_stop(said)


@pytest.mark.parametrize("said", ["停火", "停止敌对行动的是哪一年？", "stop the violence", "what ended in 2023?", "B", ""])
def test_a_question_with_a_stop_word_in_it_is_no_stop(said):
    assert not words.is_stop(said)


def test_a_stop_before_a_question_is_told_apart():
    assert words.stop_before("ok forget the quiz. whats the name of priority 1?") == len("ok forget the quiz. ")
    assert words.stop_before("actually skip the quiz. which mission?") and words.stop_before("nvm. who chaired it?")
    assert not words.stop_before("fine whatever. in which month?") and not words.stop_before("oh no, how many died?")


@pytest.mark.parametrize(
    ("said", "tag"),
    [("Priority 4", "P4"), ("优先事项4", "P4"), ("优先事项四", "P4"), ("p7", "P7"), ("theme 1", "T1"), ("跨领域主题二", "T2")],
)
def test_a_numbered_topic_is_read_alike_in_both_languages(said, tag):
    assert words.numbered_topic(said) == tag


def test_a_numbered_topic_in_two_command_arguments_is_one():
    assert words.joined_topic(["Priority", "4", "10", "30"]) == ["P4", "10", "30"]
    assert words.joined_topic(["4", "1", "1"]) == ["4", "1", "1"]  # P4 by its number, then the sizes
    assert words.joined_topic(["MONUSCO", "5"]) == ["MONUSCO", "5"]


def test_plural_endings_follow_every_count():
    assert wording.text("report.head", "en", id="x", asked=1, trainees=1) == "Quiz x: 1 question asked, 1 trainee answered."
    assert wording.text("report.head", "en", id="x", asked=2, trainees=0) == "Quiz x: 2 questions asked, 0 trainees answered."
    assert wording.text("telegram.quiz_started", "en", id="x", size=1, about="", seconds=5).startswith(
        "Quiz x starts: 1 question,"
    )
