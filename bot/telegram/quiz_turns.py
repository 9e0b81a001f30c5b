"""Group quizzes as the store sees them: every decision is made from the database alone, so that a
restarted bridge carries on where the last one stopped. These functions are synchronous; the bridge
runs them in a worker thread with in_store()."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

from actions.quiz import bank, difficulty, sessions
from actions.quiz.sessions import Summary
from actions.store.db import Store, session
from bot.telegram.quiz_polls import Poll, fits, poll

CHANNEL = "telegram"
LATE_ANSWERS = 2.0  # seconds the leaderboard waits after the last poll's time: answers Telegram took in may be on their way
T = TypeVar("T")
log = logging.getLogger(__name__)


class Refused(Exception):
    """A quiz cannot start; `key` names the wording (data/wording.yaml) that says why."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class Started:
    id: str
    size: int
    topic_name: str | None  # in the quiz's language: "联刚稳定团", not "MONUSCO"


@dataclass(frozen=True)
class Turn:
    """What a running quiz needs next: a poll sent now, a wait until its time is up, or its end."""

    chat: int
    language: str
    wait: float = 0.0
    item_id: int | None = None
    poll: Poll | None = None
    summary: Summary | None = None


@dataclass(frozen=True)
class Stopped:
    summary: Summary
    language: str
    message_id: int | None  # the poll still open, to close


def _in_session(work: Callable[..., T], *args, **kwargs) -> T:
    with session() as db:
        return work(db, *args, **kwargs)


async def in_store(work: Callable[..., T], *args, **kwargs) -> T:
    """`work(db, ...)` in a worker thread: the store is synchronous and must not hold up other updates."""
    return await asyncio.to_thread(_in_session, work, *args, **kwargs)


def running_quizzes(db: Store) -> list[str]:
    """Every group quiz still running, in any chat: the ones to resume at start-up."""
    return sessions.group_quizzes(db, CHANNEL, running=True)


def running_in(db: Store, chat: int) -> str | None:
    return next(iter(sessions.group_quizzes(db, CHANNEL, str(chat), running=True)), None)


def begin(
    db: Store, *, chat: int, owner: str, language: str, topic: str | None, size: int, seconds: int, level: str | None = None
) -> Started:
    """A new group quiz on `topic` (None: the whole bank) at a `level` (difficulty.ASKABLE; None: any); Refused or
    sessions.NoQuestions when it cannot start."""
    if running_in(db, chat) is not None:
        raise Refused("telegram.quiz_running")
    wanted = None
    if topic is not None:
        wanted = bank.resolve_topic(db, topic, bank.questions(db))
        if wanted is None:
            raise Refused("telegram.quiz_unknown_topic")
    fitting, chooser = difficulty.narrow(db, [q for q in bank.pool(db, wanted) if fits(q, language)], level)
    quiz = sessions.start(
        db,
        mode="group",
        channel=CHANNEL,
        chat=str(chat),
        owner=owner,
        language=language,
        topic=wanted,
        size=size,
        seconds=seconds,
        pool=[q.id for q in fitting],
        sources={q.id: q.sources for q in fitting},
        chooser=chooser,
    )
    return Started(quiz.id, quiz.size, bank.topic_name(db, wanted, language) if wanted else None)


def next_turn(db: Store, quiz_id: str) -> Turn | None:
    """The quiz's next step; None once it is no longer running (stopped, or its end already announced)."""
    quiz = sessions.find(db, quiz_id)
    if quiz is None or quiz.state != "running":
        return None
    where = dict(chat=int(quiz.chat), language=quiz.language)
    item = sessions.current_item(db, quiz)
    if item is not None and item.asked_at is not None:
        late = LATE_ANSWERS if item.position == quiz.size else 0.0
        left = (item.asked_at + timedelta(seconds=quiz.seconds + late) - sessions.utcnow()).total_seconds()
        if left > 0:
            return Turn(**where, wait=left)
        item = None
    # An item not asked yet is one a stopped bridge did not get out: it is sent now.
    item = item or sessions.next_item(db, quiz)
    while item is not None:
        question = bank.question(db, item.question_id)
        if question is not None:
            return Turn(**where, wait=quiz.seconds, item_id=item.id, poll=poll(question, quiz.language, item.position, quiz.size))
        log.warning("quiz %s: question %s has left the bank; skipped", quiz.id, item.question_id)
        item = sessions.next_item(db, quiz)
    summary = sessions.finish(db, quiz)
    return Turn(**where, summary=summary) if summary.state == "finished" else None


def sent(db: Store, item_id: int, poll_id: str | None, message_id: int | None) -> None:
    """The item's poll went out (or may have: None when Telegram's answer did not come)."""
    item = sessions.item(db, item_id)
    if item is not None:  # else its quiz was deleted meanwhile: nothing to record
        sessions.mark_sent(db, item, poll_id=poll_id, message_id=message_id)


def score(db: Store, poll_id: str, user: str, name: str, choice: int) -> sessions.Answer | None:
    """Count an answer to one of the quiz polls (once, however often it arrives); None for any other poll."""
    item = sessions.item_by_poll(db, poll_id)
    question = bank.question(db, item.question_id) if item else None
    if item is None or question is None:
        return None
    return sessions.answer(db, item.id, user, name, choice, choice == question.answer)


def stop(db: Store, quiz_id: str) -> Stopped | None:
    """Stop a running quiz; None when it has ended already."""
    quiz = sessions.find(db, quiz_id)
    if quiz is None or quiz.state != "running":
        return None
    item = sessions.current_item(db, quiz)
    message_id = item.message_id if item else None
    return Stopped(sessions.stop(db, quiz), quiz.language, message_id)


def move_chat(db: Store, old: int, new: int) -> list[tuple[str, str]]:
    """The chat's group quizzes moved to its new id; (id, language) of the one still running, if any: it carries on
    there. A second call (Telegram tells both the old group and the new supergroup) moves nothing."""
    return [(quiz.id, quiz.language) for quiz in sessions.move_chat(db, CHANNEL, str(old), str(new)) if quiz.state == "running"]


def to_report(db: Store, chat: int, wanted: str | None) -> str | None:
    """The id of the chat's latest group quiz, or of `wanted` if it was held in this chat (not another's)."""
    if wanted is None:
        return next(iter(sessions.group_quizzes(db, CHANNEL, str(chat))), None)
    quiz = sessions.find(db, wanted)
    return quiz.id if quiz and (quiz.mode, quiz.channel, quiz.chat) == ("group", CHANNEL, str(chat)) else None
