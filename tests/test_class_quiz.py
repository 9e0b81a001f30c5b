"""Class quizzes on the store (SQLite and PostgreSQL): codes, joining, live and self-paced answering scored exactly
once, answers too late or to a closed question refused, a late joiner at the current question, a restart that
carries on, distinct names on the leaderboard, and the trainer's report."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, update

from actions.quiz import bank, class_chat, class_pushes, classes, sessions
from actions.store import models as m
from actions.store.db import session
from bot import quiz_reports
from bot.web import dashboard_state
from tests.helpers.quiz import run_together, unique


def wrong(question) -> int:
    return (question.answer + 1) % 4


def asked(db, view: classes.View):
    """The bank question a member's view shows, checked against the text in their language."""
    item = db.get(m.QuizItem, view.item_id)
    question = bank.question(db, item.question_id)
    assert view.prompt == question.prompt[view.language] and list(view.options) == question.options[view.language]
    return question


def late(db, code: str, seconds: int) -> None:
    """Move the live question's start back by `seconds`, as if that long had passed."""
    quiz = classes.find(db, code)
    db.execute(
        update(m.ClassQuizRow)
        .where(m.ClassQuizRow.code == code)
        .values(question_started_at=quiz.question_started_at - timedelta(seconds=seconds))
    )
    db.commit()


def test_a_code_is_six_unambiguous_letters_found_however_typed(db):
    quiz = classes.create(db, size=3)
    assert classes.CODE.fullmatch(quiz.code) and not set(quiz.code) & set("01OIL")
    assert (quiz.state, quiz.live, quiz.size, quiz.version, quiz.language) == ("running", False, 3, 1, "both")
    assert classes.find(db, f"  {quiz.code.lower()[:3]} {quiz.code.lower()[3:]} ").code == quiz.code
    assert classes.find(db, "ZZZZZZ") is None and classes.version(db, "nope") == 0
    assert quiz.code in [q.code for q in classes.listing(db)]
    assert sessions.find(db, quiz.session_id).mode == "class"
    assert sessions.active(db, "rest", quiz.code) is None  # no chat's own quiz


def test_self_paced_each_member_in_their_own_language_and_pace(db):
    quiz = classes.create(db, size=3)
    zh, en = unique("zh"), unique("en")
    first = classes.join(db, quiz.code, zh, "Wang", "web", "zh")
    assert first.refused is None and not first.again and first.view.state == "question" and first.view.position == 1
    other = classes.join(db, quiz.code.lower(), en, "Smith", "rest", "en").view
    assert other.item_id == first.view.item_id and other.prompt != first.view.prompt  # one question, two languages
    question = asked(db, first.view)
    asked(db, other)
    assert classes.join(db, quiz.code, zh, "Wang", "web", "zh").again
    assert [m.name for m in classes.members(db, quiz.code)] == ["Wang", "Smith"]

    right = classes.answer(db, quiz.code, zh, question.answer, position=1)
    assert (right.result, right.right_option, right.right, right.answered) == ("correct", question.answer, 1, 1)
    assert f"第{question.paragraph}段" in right.explanation and right.right_text == question.right("zh")
    assert right.next.position == 2 and right.next.language == "zh"
    assert classes.answer(db, quiz.code, zh, question.answer, position=1).result == "stale"  # already moved on
    assert classes.current(db, quiz.code, en).position == 1  # the other member has not
    for n in (2, 3):
        view = classes.current(db, quiz.code, zh)
        outcome = classes.answer(db, quiz.code, zh, wrong(asked(db, view)))
        assert outcome.result == "wrong" and outcome.position == n
    assert outcome.next.state == "done" and (outcome.right, outcome.answered) == (1, 3)
    assert classes.answer(db, quiz.code, zh, 0).result == "not_running"
    assert classes.answer(db, quiz.code, unique("stranger"), 0).result == "not_joined"


def test_a_self_paced_quiz_refuses_answers_after_its_deadline(db):
    quiz = classes.create(db, size=2, deadline=sessions.utcnow() + timedelta(hours=1))
    user = unique("u")
    assert classes.join(db, quiz.code, user, "U", "rest", "en").view.deadline == quiz.deadline
    db.execute(update(m.ClassQuizRow).where(m.ClassQuizRow.code == quiz.code).values(deadline=sessions.utcnow()))
    db.commit()
    assert classes.answer(db, quiz.code, user, 0).result == "too_late"
    assert classes.find(db, quiz.code).state == "finished"
    assert classes.join(db, quiz.code, unique("v"), "V", "rest", "en").refused == "finished"


def test_live_the_trainer_moves_it_and_each_question_takes_answers_for_its_time(db):
    quiz = classes.create(db, size=2, seconds=20, live=True, language="en")
    early, late_comer = unique("early"), unique("late")
    assert (quiz.state, quiz.position) == ("waiting", 0)
    assert classes.join(db, quiz.code, early, "Early", "telegram", "zh").view.state == "waiting"
    assert classes.answer(db, quiz.code, early, 0).result == "not_running"

    started = classes.start(db, quiz.code)
    assert (started.state, started.position) == ("running", 1) and started.version > quiz.version
    assert classes.start(db, quiz.code).position == 1  # a second start changes nothing
    view = classes.current(db, quiz.code, early)
    assert view.language == "zh" and 19 <= view.seconds_left <= 20
    question = bank.question(db, db.get(m.QuizItem, view.item_id).question_id)
    assert view.prompt == question.prompt["en"]  # an English quiz asks in English whatever the member's language
    outcome = classes.answer(db, quiz.code, early, question.answer, position=1)
    assert outcome.result == "correct" and outcome.next.chosen == question.answer
    assert classes.answer(db, quiz.code, early, wrong(question)).result == "already_answered"
    assert classes.tally(db, quiz.code, 1) == [int(n == question.answer) for n in range(4)]

    late(db, quiz.code, 25)
    classes.join(db, quiz.code, late_comer, "Late", "web", "en")
    assert classes.answer(db, quiz.code, late_comer, 0).result == "too_late"
    assert classes.current(db, quiz.code, late_comer).seconds_left == 0

    assert classes.advance(db, quiz.code).position == 2
    assert classes.answer(db, quiz.code, late_comer, 0, position=1).result == "stale"
    assert classes.answer(db, quiz.code, late_comer, 0, position=2).scored
    joined = classes.join(db, quiz.code, unique("later"), "Later", "rest", "en")
    assert joined.view.position == 2  # a late joiner starts at the current question
    assert classes.advance(db, quiz.code).state == "finished"  # after the last question, the end
    assert classes.answer(db, quiz.code, early, 0).result == "not_running"
    assert classes.current(db, quiz.code, early).state == "finished"


@pytest.mark.parametrize("live", [True, False], ids=["live", "self-paced"])
def test_answers_arriving_together_are_scored_once(db, store_url, live):
    quiz = classes.create(db, size=2, live=live)
    user = unique("twice")
    classes.join(db, quiz.code, user, "Twice", "rest", "en")
    classes.start(db, quiz.code)

    def answer(n: int) -> str:
        with session(store_url) as own:
            return classes.answer(own, quiz.code, user, n % 4, position=1).result

    results = run_together(8, answer)
    assert sum(r in ("correct", "wrong") for r in results) == 1, results
    assert set(results) - {"correct", "wrong"} <= {"already_answered", "stale"}
    assert [s.answered for s in classes.leaderboard(db, quiz.code)] == [1]


def test_a_restart_carries_on_where_the_quiz_was(store_url):
    user = unique("r")
    with session(store_url) as db:
        quiz = classes.create(db, size=3, live=True)
        classes.join(db, quiz.code, user, "R", "rest", "en")
        classes.advance(db, quiz.code)
        classes.advance(db, quiz.code)
    with session(store_url) as db:  # a new process's session on the same store
        view = classes.current(db, quiz.code, user)
        assert (view.state, view.position) == ("question", 2)
        assert classes.answer(db, quiz.code, user, 1, position=2).scored


def test_the_leaderboard_tells_members_of_one_name_apart(db):
    quiz = classes.create(db, size=1)
    users = [unique("li") for _ in range(3)]
    for user, name in zip(users, ["Li", "Li", "Li (2)"], strict=True):
        classes.join(db, quiz.code, user, name, "web", "en")
    view = classes.current(db, quiz.code, users[1])
    classes.answer(db, quiz.code, users[1], asked(db, view).answer)
    board = classes.leaderboard(db, quiz.code)
    assert [(s.user_id, s.name, s.right, s.answered) for s in board] == [
        (users[1], "Li (3)", 1, 1),
        (users[0], "Li", 0, 0),
        (users[2], "Li (2)", 0, 0),
    ]
    assert classes.distinct_names(["A", "A", "B", "A"]) == ["A", "A (2)", "B", "A (3)"]


def test_the_dashboard_reads_again_a_view_an_answer_landed_in(db, store_url, monkeypatch):
    quiz = classes.create(db, size=1)
    users = [unique("dash") for _ in range(2)]
    for user in users:
        classes.join(db, quiz.code, user, user, "web", "en")
    right = asked(db, classes.current(db, quiz.code, users[0])).answer
    read = classes.leaderboard

    def leaderboard_then_an_answer(store, code):
        board = read(store, code)
        if not any(s.answered for s in board):  # the first read: another process's answer lands right after it
            with session(store_url) as other:
                classes.answer(other, code, users[0], right)
        return board

    monkeypatch.setattr(classes, "leaderboard", leaderboard_then_an_answer)
    view = dashboard_state.state(db, quiz.code, "https://example.org/join")
    assert view["version"] == classes.version(db, quiz.code)
    assert [row["right"] for row in view["leaderboard"]] == [1, 0]
    assert [(q["right"], q["answered"]) for q in view["report"]["questions"]] == [(1, 1)]


def test_the_trainer_report_takes_a_class_code(db):
    quiz = classes.create(db, size=2)
    user = unique("rep")
    classes.join(db, quiz.code, user, "Reporter", "rest", "en")
    classes.answer(db, quiz.code, user, 0)
    report = quiz_reports.build(db, quiz.code.lower())
    assert report.session_id == quiz.session_id and report.asked == 2
    assert [(t.name, t.answered) for t in report.trainees] == [("Reporter", 1)]


def test_a_quiz_on_a_topic_or_of_chosen_questions(db):
    on = classes.create(db, topic="p4", size=3, language="zh", difficulty="easy")
    assert on.topic == "P4" and on.language == "zh"
    ids = [q.id for q in bank.pool(db, "P4")[:2]]
    chosen = classes.create(db, question_ids=[ids[1], ids[0], ids[1]])
    assert chosen.size == 2
    items = db.query(m.QuizItem).filter_by(session_id=chosen.session_id).order_by(m.QuizItem.position)
    assert [i.question_id for i in items] == [ids[1], ids[0]]


@pytest.mark.parametrize(
    ("arguments", "key"),
    [
        (dict(topic="Atlantis"), "class_error.unknown_topic"),
        (dict(question_ids=["no-such-question"]), "class_error.unknown_questions"),
        (dict(size=0), "class_error.size"),
        (dict(size=classes.MAX_SIZE + 1), "class_error.size"),
        (dict(seconds=1), "class_error.seconds"),
        (dict(language="fr"), "class_error.language"),
        (dict(difficulty="brutal"), "class_error.difficulty"),
        (dict(live=True, deadline=sessions.utcnow() + timedelta(hours=1)), "class_error.deadline_live"),
        (dict(deadline=sessions.utcnow() - timedelta(minutes=1)), "class_error.deadline_past"),
    ],
)
def test_a_quiz_asked_for_wrongly_is_refused_with_a_reason(db, arguments, key):
    with pytest.raises(classes.Invalid) as refused:
        classes.create(db, **arguments)
    assert refused.value.key == key
    assert refused.value.message("en") and refused.value.message("zh")


def test_unknown_and_finished_codes_are_refused(db):
    assert classes.join(db, " zzz zzz ", unique("x"), "X", "web", "en") == classes.Joined("ZZZZZZ", refused="unknown")
    quiz = classes.create(db, size=1)
    assert classes.finish(db, quiz.code).state == "finished"
    assert classes.finish(db, quiz.code).version == classes.version(db, quiz.code)  # a second finish changes nothing
    assert classes.join(db, quiz.code, unique("x"), "X", "web", "en").refused == "finished"
    assert classes.start(db, "ZZZZZZ") is None and classes.advance(db, "ZZZZZZ") is None


def pushed_to(user: str, pushes: list[class_pushes.Push]) -> list[list[str]]:
    """The texts of each push to `user` (other tests' quizzes have Telegram members too)."""
    return [[r.text for r in p.replies] for p in pushes if p.user_id == user]


def test_pushes_go_out_once_each_across_bridges(db, store_url):
    quiz = classes.create(db, size=2, live=True)
    tele, web = unique("telegram:1:"), unique("web")
    assert class_pushes.joined(db, channel="telegram", sender=tele, lang="en", code=quiz.code, name="T")
    classes.join(db, quiz.code, web, "W", "web", "en")
    first, second = {}, {}  # what two bridges have seen
    assert pushed_to(tele, class_pushes.due(db, "telegram", first)) == []  # nothing before the start
    classes.start(db, quiz.code)

    with session(store_url) as other:
        pushes = class_pushes.due(db, "telegram", first) + class_pushes.due(other, "telegram", second)
    assert not pushed_to(web, pushes)  # never to a web member
    [[question]] = pushed_to(tele, pushes)  # and once
    assert question.startswith("Question 1/2: ") and [p for p in pushes if p.user_id == tele][0].replies[0].buttons
    assert pushed_to(tele, class_pushes.due(db, "telegram", {})) == []  # claimed: a restarted bridge sends it no more

    classes.advance(db, quiz.code)
    [[revealed, question]] = pushed_to(tele, class_pushes.due(db, "telegram", first))
    assert revealed.startswith("⏰ Time is up for question 1. The answer: ") and question.startswith("Question 2/2: ")
    late(db, quiz.code, 120)
    [[timed]] = pushed_to(tele, class_pushes.due(db, "telegram", first))
    assert timed.startswith("⏰ Time is up for question 2. The answer: ")
    classes.finish(db, quiz.code)
    assert pushed_to(tele, class_pushes.due(db, "telegram", second)) == [
        [f"Class quiz {quiz.code} is over. Your score: 0/0, place 1 of 2."]
    ]
    assert pushed_to(tele, class_pushes.due(db, "telegram", {})) == []


def test_a_member_joining_a_running_live_quiz_is_not_sent_its_question_again(db):
    quiz = classes.create(db, size=2, live=True)
    classes.start(db, quiz.code)
    tele = unique("telegram:2:")
    replies = class_pushes.joined(db, channel="telegram", sender=tele, lang="zh", code=quiz.code, name="T")
    assert replies[-1].text.startswith("第1/2题：")
    assert pushed_to(tele, class_pushes.due(db, "telegram", {})) == []


def test_a_join_counts_as_sent_the_question_its_reply_showed(db, monkeypatch):
    quiz = classes.create(db, size=2, live=True)
    classes.start(db, quiz.code)
    join = class_chat.join

    def trainer_moves_on_meanwhile(db, **asked):
        answered = join(db, **asked)
        classes.advance(db, quiz.code)
        return answered

    monkeypatch.setattr(class_chat, "join", trainer_moves_on_meanwhile)
    tele = unique("telegram:3:")
    replies = class_pushes.joined(db, channel="telegram", sender=tele, lang="en", code=quiz.code, name="T")
    assert replies[-1].text.startswith("Question 1/2: ")
    [[revealed, question]] = pushed_to(tele, class_pushes.due(db, "telegram", {}))
    assert revealed.startswith("⏰ Time is up for question 1.") and question.startswith("Question 2/2: ")


def test_a_self_paced_quizs_end_is_pushed_once_when_its_deadline_passes(db):
    quiz = classes.create(db, size=2, deadline=sessions.utcnow() + timedelta(hours=1))
    tele, zh, web = unique("telegram:4:"), unique("telegram:5:"), unique("web")
    for user, lang, channel in ((tele, "en", "telegram"), (zh, "zh", "telegram"), (web, "en", "web")):
        class_pushes.joined(db, channel=channel, sender=user, lang=lang, code=quiz.code, name=user)
    classes.answer(db, quiz.code, tele, bank.question(db, first_question(db, quiz)).answer)
    assert pushed_to(tele, class_pushes.due(db, "telegram", {})) == []  # open until its deadline
    db.execute(update(m.ClassQuizRow).where(m.ClassQuizRow.code == quiz.code).values(deadline=sessions.utcnow()))
    db.commit()

    pushes = class_pushes.due(db, "telegram", {})
    assert pushed_to(tele, pushes) == [[f"Class quiz {quiz.code} is over. Your score: 1/1, place 1 of 3."]]
    assert pushed_to(zh, pushes) == [[f"课堂测验 {quiz.code} 已结束。你的成绩：答对0/0题，第2名（共3人）。"]]
    assert not pushed_to(web, pushes)  # the page and REST say it on the next message
    assert classes.find(db, quiz.code).state == "finished"
    assert pushed_to(tele, class_pushes.due(db, "telegram", {})) == []  # claimed: a restarted bridge tells no more


def first_question(db, quiz: classes.ClassQuiz) -> str:
    return db.execute(
        select(m.QuizItem.question_id).where(m.QuizItem.session_id == quiz.session_id, m.QuizItem.position == 1)
    ).scalar_one()


NOON = datetime(2026, 12, 1, 12, 0)


@pytest.mark.parametrize(
    ("given", "meant"),
    [
        ("2h", NOON + timedelta(hours=2)),
        (" 30m ", NOON + timedelta(minutes=30)),
        ("1h30m", NOON + timedelta(minutes=90)),
        ("2D", NOON + timedelta(days=2)),
        ("2026-12-02T17:00", datetime(2026, 12, 2, 17, 0)),
        ("2026-12-02T17:00+08:00", datetime(2026, 12, 2, 9, 0)),  # UTC, as stored
        ("2026-12-02", datetime(2026, 12, 2, 23, 59, 59)),  # the end of that day
    ],
)
def test_a_deadline_is_a_duration_or_a_date_and_time(given, meant):
    assert classes.deadline_from(given, NOON) == meant


@pytest.mark.parametrize("given", ["", "soon", "h", "12", "2026-13-01", "tomorrow 5pm"])
def test_a_deadline_that_is_neither_is_refused(given):
    with pytest.raises(classes.Invalid) as refused:
        classes.deadline_from(given, NOON)
    assert refused.value.key == "class_error.deadline_format" and given in refused.value.message("en")
