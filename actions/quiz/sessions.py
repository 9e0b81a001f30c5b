"""Quiz sessions kept wholly in the store: the plan, progress, answers scored once, Leitner boxes.

Every function takes an ORM Session and commits what it changes, so a restarted bot or action
server picks a quiz up where it stopped. Question ids come from the caller (the question bank);
whether a choice is right is decided there too. Times are naive UTC.
"""

from __future__ import annotations

import random
import secrets
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import NamedTuple

from sqlalchemy import case, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from actions.store.models import LeitnerCard, QuizAnswer, QuizItem, QuizSession

MODES = ("practice", "review", "group")
CHANNELS = ("rest", "telegram", "web")
TOP_BOX = 5  # a question that climbs to this box counts as mastered
DAYS_UNTIL_DUE = {1: 0, 2: 1, 3: 3, 4: 7, 5: 21}
_ID_LETTERS = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o or 1/l/i: ids are typed from a screen
_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}

Chooser = Callable[[list[str]], list[str]]


class NoQuestions(LookupError):
    """Nothing to ask; `key` names the wording that tells the user why."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


class Answer(NamedTuple):
    recorded: bool  # False: a duplicate, or the item is not open
    correct: bool  # for a duplicate, whether the answer that counted was right


class Tally(NamedTuple):
    user: str
    name: str
    right: int
    answered: int


@dataclass(frozen=True)
class Summary:
    session_id: str
    state: str
    asked: int
    size: int
    leaderboard: list[tuple[str, int, int]]


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def shuffled(ids: list[str]) -> list[str]:
    return random.sample(ids, len(ids))


def start(
    db: Session,
    *,
    mode: str,
    channel: str,
    chat: str,
    owner: str,
    language: str,
    topic: str | None,
    size: int,
    seconds: int | None = None,
    pool: list[str],
    chooser: Chooser = shuffled,
    sources: Mapping[str, Sequence[str]] | None = None,
) -> QuizSession:
    """A new running session with `size` questions from `pool` planned (raises NoQuestions); `sources` names the
    facts each question is made of, so that no fact is asked about twice."""
    if mode not in MODES or channel not in CHANNELS or language not in ("zh", "en"):
        raise ValueError(f"unknown mode, channel or language: {mode!r}, {channel!r}, {language!r}")
    if size < 1 or (seconds is not None and seconds < 1):
        raise ValueError("a quiz needs at least one question and a positive time limit")
    chosen = plan(db, owner, pool, size, review=mode == "review", chooser=chooser, sources=sources)
    quiz = QuizSession(
        id=new_id(),
        mode=mode,
        channel=channel,
        chat=str(chat),
        owner=str(owner),
        language=language,
        topic=topic,
        size=len(chosen),
        seconds=seconds,
        state="running",
        position=0,
        created=utcnow(),
    )
    db.add(quiz)
    db.flush()
    db.add_all(QuizItem(session_id=quiz.id, position=n, question_id=q, closed=False) for n, q in enumerate(chosen, 1))
    db.commit()
    return quiz


def new_id() -> str:
    return "".join(secrets.choice(_ID_LETTERS) for _ in range(8))


def plan(
    db: Session,
    owner: str,
    pool: list[str],
    size: int,
    *,
    review: bool,
    chooser: Chooser,
    sources: Mapping[str, Sequence[str]] | None = None,
) -> list[str]:
    """Question ids to ask: due ones first, then unseen, then the rest; for review only missed ones. Of questions
    made of the same fact only the first comes."""
    sources = sources or {}
    pool = chooser(list(dict.fromkeys(pool)))
    if review:
        allowed = set(pool)
        missed = [q for q in mistakes(db, owner) if q in allowed]
        if not missed:
            raise NoQuestions("quiz.nothing_to_review")
        return distinct(missed, sources, size)
    if not pool:
        raise NoQuestions("quiz.no_questions")
    cards = {c.question_id: c for c in db.execute(select(LeitnerCard).where(LeitnerCard.user_id == str(owner))).scalars()}
    now = utcnow()
    due = sorted((q for q in pool if q in cards and cards[q].due <= now), key=lambda q: cards[q].box)
    unseen = [q for q in pool if q not in cards]
    rest = [q for q in pool if q in cards and cards[q].due > now]
    return distinct(due + unseen + rest, sources, size)


def distinct(ordered: list[str], sources: Mapping[str, Sequence[str]], size: int) -> list[str]:
    """The first `size` ids in order that share no fact with one before them (an id without sources is its own)."""
    chosen: list[str] = []
    seen: set[str] = set()
    for qid in ordered:
        facts = set(sources.get(qid) or [qid])
        if not facts & seen:
            chosen.append(qid)
            seen |= facts
        if len(chosen) == size:
            break
    return chosen


def find(db: Session, session_id: str) -> QuizSession | None:
    """A session by its public id as a user typed it."""
    return db.get(QuizSession, session_id.strip().lower())


def active(db: Session, channel: str, chat: str) -> QuizSession | None:
    stmt = (
        select(QuizSession)
        .where(QuizSession.channel == channel, QuizSession.chat == str(chat), QuizSession.state == "running")
        .order_by(QuizSession.created.desc())
        .limit(1)
    )
    return db.execute(stmt).scalar_one_or_none()


def latest(db: Session, channel: str, chat: str, modes: tuple[str, ...]) -> QuizSession | None:
    """The chat's newest session of those modes, running or ended."""
    stmt = (
        select(QuizSession)
        .where(QuizSession.channel == channel, QuizSession.chat == str(chat), QuizSession.mode.in_(modes))
        .order_by(QuizSession.created.desc())
        .limit(1)
    )
    return db.execute(stmt).scalar_one_or_none()


def current_item(db: Session, session: QuizSession) -> QuizItem | None:
    if session.state != "running" or session.position == 0:
        return None
    stmt = select(QuizItem).where(QuizItem.session_id == session.id, QuizItem.position == session.position)
    return db.execute(stmt).scalar_one_or_none()


def next_item(db: Session, session: QuizSession) -> QuizItem | None:
    """Close the item being asked and ask the next; None (and the session finished) after the last."""
    db.refresh(session)
    seen = session.position
    if session.state != "running":
        return None
    if seen >= session.size:
        finish(db, session)
        return None
    _close(db, session.id, QuizItem.position == seen)
    # Compare-and-set: when two workers press "next" together, only one advances.
    moved = db.execute(
        update(QuizSession)
        .where(QuizSession.id == session.id, QuizSession.position == seen, QuizSession.state == "running")
        .values(position=seen + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if moved and session.mode != "group":  # a group's item is asked when its poll has gone out: mark_sent
        db.execute(
            update(QuizItem)
            .where(QuizItem.session_id == session.id, QuizItem.position == seen + 1)
            .values(asked_at=utcnow())
            .execution_options(synchronize_session=False)
        )
    db.commit()
    db.refresh(session)
    return current_item(db, session)


def _close(db: Session, session_id: str, *where) -> None:
    db.execute(
        update(QuizItem)
        .where(QuizItem.session_id == session_id, *where)
        .values(closed=True)
        .execution_options(synchronize_session=False)
    )


def mark_sent(db: Session, item: QuizItem, *, poll_id: str | None = None, message_id: int | None = None) -> None:
    """Remember the Telegram poll and message an item was sent as; it is asked from now. Without a poll id the
    send was not confirmed: it may have gone out, so the item counts as asked and is not sent again."""
    item.poll_id, item.message_id, item.asked_at = poll_id, message_id, utcnow()
    db.commit()


def item_by_poll(db: Session, poll_id: str) -> QuizItem | None:
    return db.execute(select(QuizItem).where(QuizItem.poll_id == poll_id)).scalar_one_or_none()


def answer(db: Session, item_id: int, user: str, name: str, choice: int, correct: bool) -> Answer:
    """Score a user's answer to an open item exactly once, however often it arrives."""
    item = db.get(QuizItem, item_id, populate_existing=True)
    if item is None:
        raise LookupError(f"no quiz item {item_id}")
    user = str(user)
    recorded = _open(db, item) and insert_new(
        db, QuizAnswer, dict(item_id=item.id, user_id=user, name=name, choice=choice, correct=correct, answered_at=utcnow())
    )
    if recorded:
        _move_card(db, user, item.question_id, correct)
    db.commit()
    if recorded:
        return Answer(True, correct)
    counted = db.execute(
        select(QuizAnswer.correct).where(QuizAnswer.item_id == item.id, QuizAnswer.user_id == user)
    ).scalar_one_or_none()
    return Answer(False, correct if counted is None else counted)


def skip(db: Session, item_id: int, user: str) -> None:
    """A question the user passed on ("skip", "I don't know"): no answer is scored, and it comes back in review as a
    missed one."""
    item = db.get(QuizItem, item_id, populate_existing=True)
    if item is not None and _open(db, item):
        _move_card(db, str(user), item.question_id, False)
        db.commit()


def _open(db: Session, item: QuizItem) -> bool:
    """Asked and not closed. A group's poll also takes answers after the next one went out, as long as its quiz
    runs: Telegram alone knows when the poll closed (open_period, stopPoll) and delivers no answer after that."""
    if item.asked_at is None:
        return False
    if not item.closed:
        return True
    return item.poll_id is not None and db.get(QuizSession, item.session_id, populate_existing=True).state == "running"


def insert_new(db: Session, model, values: dict) -> bool:
    """Insert a row unless its key exists (no error, no lost transaction); True when this call added it."""
    insert = _INSERTS[db.get_bind().dialect.name]
    return db.execute(insert(model.__table__).values(**values).on_conflict_do_nothing()).rowcount == 1


def _move_card(db: Session, user: str, question_id: str, correct: bool) -> None:
    """Leitner: wrong sends a question back to box 1; right moves it one box up when it was due, so that
    answering it again and again in one sitting does not master it."""
    now = utcnow()
    insert_new(
        db, LeitnerCard, dict(user_id=user, question_id=question_id, box=1, due=now, misses=0, last_correct=False, updated=now)
    )
    card = db.execute(
        select(LeitnerCard)
        .where(LeitnerCard.user_id == user, LeitnerCard.question_id == question_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()
    moves = not correct or card.due <= now
    if moves:
        card.box = min(card.box + 1, TOP_BOX) if correct else 1
        card.due = now + timedelta(days=DAYS_UNTIL_DUE[card.box])
    card.misses += 0 if correct else 1
    card.last_correct = correct
    card.updated = now


def mistakes(db: Session, user: str) -> list[str]:
    """Questions the user got wrong at some point and has not mastered since, weakest first."""
    stmt = (
        select(LeitnerCard.question_id)
        .where(LeitnerCard.user_id == str(user), LeitnerCard.misses > 0, LeitnerCard.box < TOP_BOX)
        .order_by(LeitnerCard.box, LeitnerCard.due, LeitnerCard.question_id)
    )
    return list(db.execute(stmt).scalars())


def tallies(db: Session, session_id: str, user: str | None = None) -> list[Tally]:
    """Each user's (or one user's) right and answered counts in a session, best first."""
    right = func.sum(case((QuizAnswer.correct, 1), else_=0))
    answered = func.count(QuizAnswer.id)
    stmt = (
        select(QuizAnswer.user_id, func.max(QuizAnswer.name), right, answered)
        .join(QuizItem, QuizItem.id == QuizAnswer.item_id)
        .where(QuizItem.session_id == session_id, QuizAnswer.user_id == str(user) if user is not None else True)
        .group_by(QuizAnswer.user_id)
        .order_by(right.desc(), answered, func.max(QuizAnswer.name), QuizAnswer.user_id)
    )
    return [Tally(user, name, int(r), int(n)) for user, name, r, n in db.execute(stmt)]


def told_apart(rows: list[Tally]) -> list[Tally]:
    """The same tallies, a name two trainees share followed by the end of each one's id ("Li (…1234)", as few
    characters as tell them apart, at least 4), so that a trainer can tell them apart; Telegram names are not unique."""
    shared = Counter(t.name for t in rows)
    told = []
    for t in rows:
        if shared[t.name] == 1:
            told.append(t)
            continue
        ids = [o.user for o in rows if o.name == t.name]
        ends = next((n for n in range(4, max(map(len, ids))) if len({i[-n:] for i in ids}) == len(ids)), None)
        told.append(t._replace(name=f"{t.name} (…{t.user[-ends:]})" if ends else f"{t.name} ({t.user})"))
    return told


def score(db: Session, session: QuizSession, user: str) -> tuple[int, int]:
    """(right, answered) of one user in a session."""
    mine = tallies(db, session.id, user)
    return (mine[0].right, mine[0].answered) if mine else (0, 0)


def leaderboard(db: Session, session: QuizSession) -> list[tuple[str, int, int]]:
    return [(t.name, t.right, t.answered) for t in told_apart(tallies(db, session.id))]


def finish(db: Session, session: QuizSession) -> Summary:
    return _end(db, session, "finished")


def stop(db: Session, session: QuizSession) -> Summary:
    return _end(db, session, "stopped")


def _end(db: Session, session: QuizSession, state: str) -> Summary:
    """End a running session (a second call changes nothing) and sum it up."""
    db.execute(
        update(QuizSession)
        .where(QuizSession.id == session.id, QuizSession.state == "running")
        .values(state=state, finished=utcnow())
        .execution_options(synchronize_session=False)
    )
    _close(db, session.id)
    db.commit()
    db.refresh(session)
    asked = db.execute(
        select(func.count()).select_from(QuizItem).where(QuizItem.session_id == session.id, QuizItem.asked_at.is_not(None))
    ).scalar_one()
    return Summary(session.id, session.state, asked, session.size, leaderboard(db, session))


def item(db: Session, item_id: int) -> QuizItem | None:
    return db.get(QuizItem, item_id)


def move_chat(db: Session, channel: str, old: str, new: str) -> list[QuizSession]:
    """The group quizzes held in chat `old` moved to `new` (Telegram gives a group that becomes a supergroup a new id),
    so that a running one carries on there and every one is reported on there; the moved ones, newest first."""
    stmt = select(QuizSession).where(QuizSession.mode == "group", QuizSession.channel == channel, QuizSession.chat == str(old))
    moved = list(db.execute(stmt.order_by(QuizSession.created.desc())).scalars())
    for quiz in moved:
        quiz.chat = str(new)
    db.commit()
    return moved


def group_quizzes(db: Session, channel: str, chat: str | None = None, *, running: bool = False) -> list[str]:
    """Ids of the group quizzes held on `channel` (in `chat` only, when given), newest first; `running`: only
    those still running."""
    stmt = select(QuizSession.id).where(QuizSession.mode == "group", QuizSession.channel == channel)
    if chat is not None:
        stmt = stmt.where(QuizSession.chat == str(chat))
    if running:
        stmt = stmt.where(QuizSession.state == "running")
    return list(db.execute(stmt.order_by(QuizSession.created.desc())).scalars())
