"""Quiz sessions on SQLite and PostgreSQL: planning, progress across restarts, answers scored
exactly once under concurrency, Leitner boxes and review, and the quiz migration."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, inspect, select, update

from actions.quiz import sessions
from actions.store import models as m
from actions.store.db import engine, session
from actions.wording import text
from tests.conftest import BACKENDS, ROOT
from tests.helpers.quiz import POOL, begin, run_together, unique

QUIZ_TABLES = {"quiz_sessions", "quiz_items", "quiz_answers", "leitner_cards", "class_quizzes", "class_members"}


def asked(db, owner: str, question_id: str, correct: bool) -> None:
    """The owner answers one question in a one-question quiz."""
    quiz = begin(db, owner, size=1, pool=[question_id])
    item = sessions.next_item(db, quiz)
    assert sessions.answer(db, item.id, owner, owner, 0, correct).recorded


def answers_to(db, item_id: int) -> int:
    return db.execute(select(func.count()).select_from(m.QuizAnswer).where(m.QuizAnswer.item_id == item_id)).scalar_one()


def test_a_quiz_walks_its_plan_and_finishes(db):
    owner = unique("walker")
    quiz = begin(db, owner)
    assert len(quiz.id) == 8 and quiz.state == "running" and quiz.size == 3
    assert sessions.active(db, "rest", owner).id == quiz.id
    assert sessions.find(db, f" {quiz.id.upper()} ").id == quiz.id
    assert sessions.current_item(db, quiz) is None

    asked_ids = []
    while item := sessions.next_item(db, quiz):
        assert sessions.current_item(db, quiz).id == item.id and item.asked_at is not None
        asked_ids.append(item.question_id)
    assert asked_ids == ["q1", "q2", "q3"]
    assert quiz.state == "finished" and quiz.finished is not None
    assert sessions.active(db, "rest", owner) is None
    closed = db.execute(select(m.QuizItem.closed).where(m.QuizItem.session_id == quiz.id)).scalars().all()
    assert closed == [True, True, True]
    assert sessions.next_item(db, quiz) is None


def test_stop_sums_up_and_closes_items(db):
    owner = unique("stopper")
    quiz = begin(db, owner)
    item = sessions.next_item(db, quiz)
    sessions.answer(db, item.id, owner, "Stopper", 1, True)
    summary = sessions.stop(db, quiz)
    assert summary == sessions.Summary(quiz.id, "stopped", 1, 3, [("Stopper", 1, 1)])
    assert sessions.stop(db, quiz).state == "stopped"
    assert sessions.finish(db, quiz).state == "stopped"  # an ended quiz stays as it ended
    late = sessions.answer(db, item.id, unique("late"), "Late", 1, True)
    assert late == (False, True)
    assert answers_to(db, item.id) == 1


def test_bad_requests_are_refused_clearly(db):
    owner = unique("bad")
    with pytest.raises(ValueError):
        begin(db, owner, size=0)
    with pytest.raises(ValueError):
        begin(db, owner, mode="exam")
    with pytest.raises(sessions.NoQuestions) as empty:
        begin(db, owner, pool=[])
    assert text(empty.value.key, "zh") and text(empty.value.key, "en")
    with pytest.raises(LookupError):
        sessions.answer(db, 10**9, owner, owner, 0, True)
    quiz = begin(db, owner)
    not_yet_asked = db.execute(select(m.QuizItem).where(m.QuizItem.session_id == quiz.id, m.QuizItem.position == 2)).scalar_one()
    assert not sessions.answer(db, not_yet_asked.id, owner, owner, 0, True).recorded
    long_id = unique("x" * 500)  # REST sender ids are whatever a client sends
    item = sessions.next_item(db, begin(db, long_id))
    assert sessions.answer(db, item.id, long_id, "名" * 300, 0, True) == (True, True)


def test_polls_find_their_items(db):
    quiz = begin(db, unique("poller"))
    item = sessions.next_item(db, quiz)
    poll = unique("poll")
    sessions.mark_sent(db, item, poll_id=poll, message_id=2**40)
    found = sessions.item_by_poll(db, poll)
    assert (found.id, found.message_id) == (item.id, 2**40)
    assert sessions.item_by_poll(db, "no-such-poll") is None
    assert sessions.item(db, item.id).poll_id == poll


def test_group_quizzes_are_listed_per_channel_and_chat_newest_first(db):
    chat, channel = unique("group"), "web"

    def group(created_minutes_ago: int) -> str:
        quiz = sessions.start(
            db, mode="group", channel=channel, chat=chat, owner="trainer", language="en", topic=None, size=1, pool=POOL
        )
        quiz.created = sessions.utcnow() - timedelta(minutes=created_minutes_ago)
        db.commit()
        return quiz.id

    older, newer = group(10), group(1)
    sessions.stop(db, sessions.find(db, older))
    begin(db, chat)  # a practice quiz in the same chat is not a group quiz
    assert sessions.group_quizzes(db, channel, chat) == [newer, older]
    assert sessions.group_quizzes(db, channel, chat, running=True) == [newer]
    everywhere = sessions.group_quizzes(db, channel, running=True)
    assert newer in everywhere and older not in everywhere
    assert sessions.group_quizzes(db, channel, unique("other-chat")) == []
    assert sessions.group_quizzes(db, "telegram", chat) == []


def test_100_concurrent_answers_are_all_counted(db, store_url):
    quiz = begin(db, unique("group"))
    item = sessions.next_item(db, quiz)

    def answer(n):
        with session(store_url) as own:
            return sessions.answer(own, item.id, f"user{n}-{quiz.id}", f"User {n}", n % 4, n % 3 == 0)

    results = run_together(100, answer)
    assert all(r.recorded for r in results)
    assert answers_to(db, item.id) == 100
    board = sessions.leaderboard(db, quiz)
    assert len(board) == 100
    assert sum(right for _, right, _ in board) == 34 and sum(n for *_, n in board) == 100
    assert sessions.score(db, quiz, f"user3-{quiz.id}") == (1, 1)
    assert sessions.score(db, quiz, f"user1-{quiz.id}") == (0, 1)


def test_duplicate_answers_count_once(db, store_url):
    owner = unique("twice")
    quiz = begin(db, owner)
    item = sessions.next_item(db, quiz)
    assert sessions.answer(db, item.id, owner, "Twice", 2, False) == (True, False)
    assert sessions.answer(db, item.id, owner, "Twice", 1, True) == (False, False)  # the first answer stands
    assert sessions.score(db, quiz, owner) == (0, 1)

    item = sessions.next_item(db, quiz)
    eager = unique("eager")

    def answer(n):
        with session(store_url) as own:
            return sessions.answer(own, item.id, eager, "Eager", n % 4, n % 2 == 0)

    results = run_together(20, answer)
    counted = [r for r in results if r.recorded]
    assert len(counted) == 1
    assert all(r.correct == counted[0].correct for r in results)
    assert answers_to(db, item.id) == 1
    assert sessions.score(db, quiz, eager) == (int(counted[0].correct), 1)
    card = db.get(m.LeitnerCard, (eager, item.question_id))
    assert (card.box, card.misses) == ((2, 0) if counted[0].correct else (1, 1))


def test_a_quiz_survives_a_restart(db, store_url):
    owner = unique("restart")
    quiz = begin(db, owner, size=4)
    for _ in range(2):
        item = sessions.next_item(db, quiz)
        sessions.answer(db, item.id, owner, "Restart", 0, True)
    quiz_id, old_engine = quiz.id, engine(store_url)
    db.close()
    old_engine.dispose()
    engine.cache_clear()

    with session(store_url) as fresh:
        assert fresh.get_bind() is not old_engine
        resumed = sessions.active(fresh, "rest", owner)
        assert resumed.id == quiz_id and resumed.position == 2
        assert sessions.current_item(fresh, resumed).question_id == "q2"
        third = sessions.next_item(fresh, resumed)
        assert (third.position, third.question_id) == (3, "q3")
        assert sessions.score(fresh, resumed, owner) == (2, 2)


def test_leitner_boxes_move_and_review_picks_missed_questions(db):
    owner = unique("learner")

    def box(qid):
        card = db.get(m.LeitnerCard, (owner, qid), populate_existing=True)
        return card.box, card.misses

    def due_now(qid):
        """As if the days until the card is due had passed."""
        db.execute(
            update(m.LeitnerCard)
            .where(m.LeitnerCard.user_id == owner, m.LeitnerCard.question_id == qid)
            .values(due=sessions.utcnow() - timedelta(seconds=1))
        )
        db.commit()

    asked(db, owner, "q1", False)
    asked(db, owner, "q2", True)
    asked(db, owner, "q3", True)
    asked(db, owner, "q3", True)  # again at once: not due yet, so it stays where it is
    assert [box(q) for q in ("q1", "q2", "q3")] == [(1, 1), (2, 0), (2, 0)]
    due_now("q3")
    asked(db, owner, "q3", True)
    assert box("q3") == (3, 0) and sessions.mistakes(db, owner) == ["q1"]

    # q1 is due now, q4-q6 are unseen, q2 and q3 come back later.
    practice = begin(db, owner, size=6, pool=["q3", "q2", "q4", "q1", "q5", "q6"])
    planned = (
        db.execute(select(m.QuizItem.question_id).where(m.QuizItem.session_id == practice.id).order_by(m.QuizItem.position))
        .scalars()
        .all()
    )
    assert planned == ["q1", "q4", "q5", "q6", "q3", "q2"]

    review = begin(db, owner, size=5, mode="review")
    first = sessions.next_item(db, review)
    assert (review.size, first.question_id) == (1, "q1")
    sessions.answer(db, first.id, owner, owner, 0, True)
    assert box("q1") == (2, 1) and sessions.mistakes(db, owner) == ["q1"]  # right once is not mastered
    asked(db, owner, "q3", False)
    assert box("q3") == (1, 1) and sessions.mistakes(db, owner) == ["q3", "q1"]
    for _ in range(3):
        asked(db, owner, "q1", True)  # four right answers in one sitting do not master it
    assert box("q1") == (2, 1)
    for _ in range(3):
        due_now("q1")
        asked(db, owner, "q1", True)
    assert box("q1") == (5, 1) and sessions.mistakes(db, owner) == ["q3"]
    due_now("q1")
    asked(db, owner, "q1", True)
    assert box("q1") == (5, 1)


def test_review_without_mistakes_says_so(db):
    owner = unique("flawless")
    asked(db, owner, "q1", True)
    with pytest.raises(sessions.NoQuestions) as none:
        begin(db, owner, mode="review")
    assert none.value.key == "quiz.nothing_to_review"
    assert "复习" in text(none.value.key, "zh") and "review" in text(none.value.key, "en")


def test_leaderboard_orders_by_right_then_fewer_answers(db):
    quiz = begin(db, unique("board"))
    results = {"ann": [True, True, True], "ben": [True, False, True], "cat": [True, True], "dan": [False]}
    for position in range(3):
        item = sessions.next_item(db, quiz)
        for user, marks in results.items():
            if position < len(marks):
                sessions.answer(db, item.id, f"{user}-{quiz.id}", user.title(), 0, marks[position])
    assert sessions.leaderboard(db, quiz) == [("Ann", 3, 3), ("Cat", 2, 2), ("Ben", 2, 3), ("Dan", 0, 1)]


@pytest.fixture(params=BACKENDS)
def empty_url(request, tmp_path):
    """An empty database: a SQLite file, or a fresh schema in the test PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    base = request.getfixturevalue("postgres_database")
    schema = f"migrate_{uuid.uuid4().hex[:8]}"
    with engine(base).begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    yield f"{base}?options=-csearch_path%3D{schema}"
    with engine(base).begin() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')


def alembic(url: str, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, "-m", "alembic", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def quiz_tables(url: str) -> set[str]:
    found = set(inspect(engine(url)).get_table_names()) & QUIZ_TABLES
    engine(url).dispose()
    return found


@pytest.mark.server  # starts processes
def test_migration_from_empty_matches_the_models(empty_url):
    alembic(empty_url, "upgrade", "head")
    assert quiz_tables(empty_url) == QUIZ_TABLES
    assert "No new upgrade operations detected" in alembic(empty_url, "check")


@pytest.mark.server  # starts processes
def test_migration_from_the_fact_store_and_back(empty_url):
    alembic(empty_url, "upgrade", "0001")
    assert quiz_tables(empty_url) == set()
    alembic(empty_url, "upgrade", "head")
    assert "0006 (head)" in alembic(empty_url, "current")
    assert quiz_tables(empty_url) == QUIZ_TABLES
    alembic(empty_url, "downgrade", "0001")
    assert quiz_tables(empty_url) == set()
