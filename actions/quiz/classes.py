"""Class quizzes: a trainer's quiz that trainees join with a six-character code, from any channel.

Live: the trainer starts the quiz and puts each question in turn; a question takes answers for `seconds` from when
it was put. Self-paced: the quiz runs from its creation, each trainee at their own pace, until its deadline (or
until the trainer ends it). A class quiz is a quiz session (mode "class") with its items planned at creation, so
the answers are scored exactly once (quiz_answers is unique per item and user) and the trainer reports work
unchanged; its own state and its members are in class_quizzes and class_members. Nothing is kept in memory, so
any process can serve any call and a restarted one carries on; every change bumps the quiz's `version`, which a
process showing the quiz polls. Every function takes an ORM Session and commits what it changes.
"""

from __future__ import annotations

import re
import secrets
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session

from actions.quiz import bank, sessions
from actions.quiz.class_plans import (  # noqa: F401 - part of this module's API: the CLI and the dashboard name them here
    DEFAULT_SECONDS,
    DEFAULT_SIZE,
    LANGUAGES,
    MAX_SECONDS,
    MAX_SIZE,
    MIN_SECONDS,
    Invalid,
    check,
    deadline_from,
    plan,
)
from actions.quiz.difficulty import MIXED
from actions.store.models import ClassMember, ClassQuizRow, QuizAnswer, QuizItem, QuizSession

CODE_LETTERS = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O or 1/I/L: codes are read off a screen and typed
CODE_LENGTH = 6
CODE = re.compile(rf"[{CODE_LETTERS}]{{{CODE_LENGTH}}}")
CHANNELS = ("web", "telegram", "rest")
MODE = "class"  # the quiz session's mode and channel: no chat's practice or group quiz ever finds it
GRACE = timedelta(seconds=1)  # an answer given as the countdown ends is still on its way: it counts
REFUSALS = ("too_late", "already_answered", "not_joined", "not_running", "stale")


@dataclass(frozen=True)
class ClassQuiz:
    code: str
    session_id: str
    live: bool
    seconds: int
    deadline: datetime | None  # self-paced: when it stops taking answers (naive UTC); None: when the trainer ends it
    language: str  # "zh", "en" or "both": each member in their own
    difficulty: str
    state: str  # "waiting" (live, not started), "running", "finished"
    position: int  # live: the question being asked, 0 before the start
    size: int
    topic: str | None
    owner: str
    created: datetime
    question_started_at: datetime | None
    version: int

    def closes_at(self) -> datetime | None:
        """When the open question stops taking answers: live, its time; self-paced, the deadline."""
        if not self.live:
            return self.deadline
        return self.question_started_at + timedelta(seconds=self.seconds) if self.question_started_at else None


@dataclass(frozen=True)
class Member:
    user_id: str
    name: str
    channel: str
    language: str
    joined_at: datetime
    position: int  # self-paced: the question they are at (size + 1 when done); live: the question when they joined


@dataclass(frozen=True)
class View:
    """What a member sees now. `state`: "waiting" (a live quiz not started), "question", "done" (a self-paced
    member has answered every question), "finished" (the quiz is over)."""

    code: str
    state: str
    live: bool
    language: str
    position: int = 0
    total: int = 0
    item_id: int | None = None
    prompt: str = ""
    options: tuple[str, ...] = ()
    seconds_left: float | None = None  # live: until the question closes (0: time is up)
    deadline: datetime | None = None  # self-paced
    chosen: int | None = None  # the member's answer to this question, once given
    since: int = 0  # live: the question open when the member joined (0: before the start), the first they were asked
    right: int = 0
    answered: int = 0
    version: int = 0


@dataclass(frozen=True)
class Joined:
    code: str
    refused: str | None = None  # "unknown" or "finished"
    again: bool = False  # was a member already
    view: View | None = None


@dataclass(frozen=True)
class Outcome:
    """The result of an answer: "correct" or "wrong" (scored), or a refusal (REFUSALS). A scored one states the
    right option and explains it; a self-paced one carries the member's next view."""

    result: str
    position: int = 0
    right_option: int | None = None
    right_text: str = ""
    explanation: str = ""
    right: int = 0
    answered: int = 0
    next: View | None = None

    @property
    def scored(self) -> bool:
        return self.result in ("correct", "wrong")


@dataclass(frozen=True)
class Standing:
    user_id: str
    name: str  # distinct within the quiz: a second "Li" is "Li (2)"
    channel: str
    right: int
    answered: int


# --- making and finding ---


def normal_code(code: str) -> str:
    return "".join(code.split()).upper()


def new_code() -> str:
    return "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))


def create(
    db: Session,
    *,
    topic: str | None = None,
    question_ids: Sequence[str] | None = None,
    size: int = DEFAULT_SIZE,
    seconds: int = DEFAULT_SECONDS,
    live: bool = False,
    deadline: datetime | None = None,
    language: str = "both",
    difficulty: str = MIXED,
    owner: str = "trainer",
) -> ClassQuiz:
    """A new class quiz: on `topic` (None: the whole report) or of the `question_ids` given, asked in that order
    (then `size` is theirs); raises Invalid. A live one waits for start(); a self-paced one runs at once."""
    check(size, seconds, live, deadline, language, difficulty)
    on, chosen = plan(db, topic, question_ids, size, language, difficulty, owner)
    code = new_code()
    while db.get(ClassQuizRow, code) is not None:  # 31**6 codes: a clash is rare
        code = new_code()
    now = sessions.utcnow()
    session = QuizSession(
        id=sessions.new_id(),
        mode=MODE,
        channel=MODE,
        chat=code,
        owner=owner,
        language="en" if language == "both" else language,  # the reports' language unless asked for another
        topic=on,
        size=len(chosen),
        seconds=seconds,
        state="running",
        position=0,
        created=now,
    )
    db.add(session)
    db.flush()
    opened = None if live else now  # self-paced: every question is open from the start, each member at their own
    db.add_all(
        QuizItem(session_id=session.id, position=n, question_id=q, closed=False, asked_at=opened) for n, q in enumerate(chosen, 1)
    )
    row = ClassQuizRow(
        code=code,
        session_id=session.id,
        live=live,
        seconds=seconds,
        deadline=deadline,
        language=language,
        difficulty=difficulty,
        state="waiting" if live else "running",
        position=0,
        version=1,
        created=now,
    )
    db.add(row)
    db.commit()
    return _quiz(db, row)


def find(db: Session, code: str) -> ClassQuiz | None:
    """A class quiz by its code as typed (any case, spaces anywhere); a self-paced one past its deadline is
    finished on the way."""
    row = _row(db, code)
    return _quiz(db, row) if row else None


def listing(db: Session) -> list[ClassQuiz]:
    """Every class quiz, newest first."""
    rows = db.execute(select(ClassQuizRow).order_by(ClassQuizRow.created.desc(), ClassQuizRow.code)).scalars().all()
    return [_quiz(db, _expired(db, row)) for row in rows]


def version(db: Session, code: str) -> int:
    """The quiz's version (0 for an unknown code): it changes with every join, answer, start, question and end."""
    row = _row(db, code)
    return row.version if row else 0


def _row(db: Session, code: str) -> ClassQuizRow | None:
    row = db.get(ClassQuizRow, normal_code(code), populate_existing=True)
    return _expired(db, row) if row else None


def _expired(db: Session, row: ClassQuizRow) -> ClassQuizRow:
    if row.state == "running" and not row.live and row.deadline and sessions.utcnow() >= row.deadline:
        _end(db, row)
    return row


def _quiz(db: Session, row: ClassQuizRow) -> ClassQuiz:
    session = db.get(QuizSession, row.session_id)
    return ClassQuiz(
        code=row.code,
        session_id=row.session_id,
        live=row.live,
        seconds=row.seconds,
        deadline=row.deadline,
        language=row.language,
        difficulty=row.difficulty,
        state=row.state,
        position=row.position,
        size=session.size,
        topic=session.topic,
        owner=session.owner,
        created=row.created,
        question_started_at=row.question_started_at,
        version=row.version,
    )


def _bump(db: Session, code: str, *where, **values) -> bool:
    """Change the quiz (when `where` holds) and bump its version; True when it changed. Not committed."""
    changed = db.execute(
        update(ClassQuizRow)
        .where(ClassQuizRow.code == code, *where)
        .values(version=ClassQuizRow.version + 1, **values)
        .execution_options(synchronize_session=False)
    ).rowcount
    return changed == 1


# --- the trainer's controls (live) ---


def start(db: Session, code: str) -> ClassQuiz | None:
    """Put the first question of a live quiz that waits; None for an unknown code. Starting twice changes nothing."""
    row = _row(db, code)
    if row is None:
        return None
    if row.live and row.state == "waiting":
        _put(db, row, 0, "waiting")
    return find(db, code)


def advance(db: Session, code: str) -> ClassQuiz | None:
    """The next question of a live quiz (it starts one that waits); after the last, the end."""
    row = _row(db, code)
    if row is None or not row.live or row.state == "finished":
        return _quiz(db, row) if row else None
    if row.state == "waiting":
        return start(db, code)
    if row.position >= db.get(QuizSession, row.session_id).size:
        return finish(db, code)
    _put(db, row, row.position, "running")
    return find(db, code)


def _put(db: Session, row: ClassQuizRow, seen: int, state: str) -> None:
    """Close question `seen` and put the one after it. Compare-and-set on the position: when two trainers' clicks
    cross, the quiz moves one question."""
    now = sessions.utcnow()
    moved = _bump(
        db,
        row.code,
        ClassQuizRow.position == seen,
        ClassQuizRow.state == state,
        position=seen + 1,
        state="running",
        question_started_at=now,
    )
    if moved:
        _items(db, row.session_id, QuizItem.position == seen, closed=True)
        _items(db, row.session_id, QuizItem.position == seen + 1, asked_at=now)
    db.commit()


def _items(db: Session, session_id: str, *where, **values) -> None:
    db.execute(
        update(QuizItem)
        .where(QuizItem.session_id == session_id, *where)
        .values(**values)
        .execution_options(synchronize_session=False)
    )


def finish(db: Session, code: str) -> ClassQuiz | None:
    """End the quiz (live or self-paced): no more answers. A second call changes nothing."""
    row = _row(db, code)
    if row is None:
        return None
    if row.state != "finished":
        _end(db, row)
    return find(db, code)


def _end(db: Session, row: ClassQuizRow) -> None:
    if _bump(db, row.code, ClassQuizRow.state != "finished", state="finished"):
        db.commit()
        sessions.finish(db, db.get(QuizSession, row.session_id))
    db.commit()
    db.refresh(row)


# --- trainees ---


def join(db: Session, code: str, user_id: str, name: str, channel: str, language: str) -> Joined:
    """Make the user a member (joining again changes nothing) and show them where the quiz is: a live quiz at
    its current question, a self-paced one at their own. An unknown or finished quiz is refused."""
    row = _row(db, code)
    if row is None:
        return Joined(normal_code(code), refused="unknown")
    if row.state == "finished":
        return Joined(row.code, refused="finished")
    if channel not in CHANNELS or language not in ("zh", "en"):
        raise ValueError(f"unknown channel or language: {channel!r}, {language!r}")
    added = sessions.insert_new(
        db,
        ClassMember,
        dict(
            code=row.code,
            user_id=str(user_id),
            channel=channel,
            name=(name or "").strip()[:64] or str(user_id),
            language=language,
            joined_at=sessions.utcnow(),
            position=row.position if row.live else 1,
        ),
    )
    if added:
        _bump(db, row.code)
    db.commit()
    return Joined(row.code, again=not added, view=current(db, row.code, user_id))


def _member(db: Session, code: str, user_id: str) -> ClassMember | None:
    stmt = select(ClassMember).where(ClassMember.code == code, ClassMember.user_id == str(user_id))
    return db.execute(stmt.execution_options(populate_existing=True)).scalar_one_or_none()


def membership(db: Session, user_id: str) -> ClassQuiz | None:
    """The class quiz the user is answering (the latest joined that waits or runs, and in which a self-paced
    member has questions left): where their typed answers go."""
    stmt = (
        select(ClassQuizRow)
        .join(ClassMember, ClassMember.code == ClassQuizRow.code)
        .join(QuizSession, QuizSession.id == ClassQuizRow.session_id)
        .where(
            ClassMember.user_id == str(user_id),
            ClassQuizRow.state != "finished",
            ClassQuizRow.live.is_(True) | (ClassMember.position <= QuizSession.size),
        )
        .order_by(ClassMember.joined_at.desc())
        .limit(1)
    )
    row = db.execute(stmt).scalar_one_or_none()
    return _quiz(db, _expired(db, row)) if row else None


def of_item(db: Session, item_id: int) -> tuple[str, int] | None:
    """(code, position) of a class quiz's question by its item id (a button names it); None for another quiz's."""
    stmt = (
        select(ClassQuizRow.code, QuizItem.position)
        .join(QuizItem, QuizItem.session_id == ClassQuizRow.session_id)
        .where(QuizItem.id == item_id)
    )
    found = db.execute(stmt).first()
    return (found[0], found[1]) if found else None


def members(db: Session, code: str) -> list[Member]:
    stmt = select(ClassMember).where(ClassMember.code == normal_code(code)).order_by(ClassMember.joined_at, ClassMember.id)
    return [Member(m.user_id, m.name, m.channel, m.language, m.joined_at, m.position) for m in db.execute(stmt).scalars()]


def current(db: Session, code: str, user_id: str, language: str | None = None) -> View | None:
    """What the member sees now, in `language` or the one they joined in (a quiz in one language asks in it);
    None when the code is unknown or the user is not a member."""
    row = _row(db, code)
    member = _member(db, row.code, user_id) if row else None
    if row is None or member is None:
        return None
    return _view(db, row, member, language or member.language)


def _view(db: Session, row: ClassQuizRow, member: ClassMember, lang: str) -> View:
    session = db.get(QuizSession, row.session_id)
    right, answered = sessions.score(db, session, member.user_id)
    base = dict(code=row.code, live=row.live, language=lang, total=session.size, right=right, answered=answered)
    base.update(version=row.version, deadline=row.deadline, since=member.position if row.live else 0)
    if row.state == "finished":
        return View(state="finished", **base)
    position = row.position if row.live else member.position
    if position == 0:
        return View(state="waiting", **base)
    if position > session.size:
        return View(state="done", **base)
    item = _item(db, row.session_id, position)
    question = bank.question(db, item.question_id)
    shown = lang if row.language == "both" else row.language
    left = None
    if row.live and row.question_started_at:
        left = max((row.question_started_at + timedelta(seconds=row.seconds) - sessions.utcnow()).total_seconds(), 0.0)
    chosen = db.execute(
        select(QuizAnswer.choice).where(QuizAnswer.item_id == item.id, QuizAnswer.user_id == member.user_id)
    ).scalar_one_or_none()
    return View(
        state="question",
        position=position,
        item_id=item.id,
        prompt=question.prompt[shown] if question else item.question_id,  # a question a facts load dropped
        options=tuple(question.options[shown]) if question else (),
        seconds_left=left,
        chosen=chosen,
        **base,
    )


def _item(db: Session, session_id: str, position: int) -> QuizItem:
    stmt = select(QuizItem).where(QuizItem.session_id == session_id, QuizItem.position == position)
    return db.execute(stmt.execution_options(populate_existing=True)).scalar_one()


def answer(
    db: Session, code: str, user_id: str, choice: int, *, position: int | None = None, language: str | None = None
) -> Outcome:
    """Score the member's answer to the open question once, or refuse it (REFUSALS): too late, already answered,
    not a member, the quiz not running, or `position` (the question answered, when known) no longer the open one.
    Every outcome but "not_joined" carries what the member sees next, in `language` or their own."""
    row = _row(db, code)
    member = _member(db, row.code, user_id) if row else None
    if row is None or member is None:
        return Outcome("not_joined")
    lang = language or member.language
    at = row.position if row.live else member.position
    refused = _refusal(db, row, at, position)
    if refused:
        return Outcome(refused, position=at, next=_view(db, row, member, lang))
    item = _item(db, row.session_id, at)
    question = bank.question(db, item.question_id)
    if question is None or not 0 <= choice < len(question.options["en"]):
        return Outcome("stale", position=at, next=_view(db, row, member, lang))
    result = sessions.answer(db, item.id, member.user_id, member.name, choice, choice == question.answer)
    given = (
        result.recorded
        or db.execute(
            select(QuizAnswer.id).where(QuizAnswer.item_id == item.id, QuizAnswer.user_id == member.user_id)
        ).scalar_one_or_none()
    )
    if given and not row.live:  # the member moves on (also when a lost step left them on an answered question)
        db.execute(
            update(ClassMember)
            .where(ClassMember.id == member.id, ClassMember.position == at)  # compare-and-set: two answers move once
            .values(position=at + 1)
            .execution_options(synchronize_session=False)
        )
    _bump(db, row.code)
    db.commit()
    view = _view(db, row, _member(db, row.code, user_id) or member, lang)
    if not result.recorded:
        return Outcome("already_answered" if given else "stale", position=at, next=view)
    shown = lang if row.language == "both" else row.language
    return Outcome(
        "correct" if result.correct else "wrong",
        position=at,
        right_option=question.answer,
        right_text=question.right(shown),
        explanation=question.explanation[shown],
        right=view.right,
        answered=view.answered,
        next=view,
    )


def _refusal(db: Session, row: ClassQuizRow, at: int, position: int | None) -> str | None:
    """Why an answer to question `at` (`position`: the one the member answered) cannot count now, or None."""
    now = sessions.utcnow()
    if not row.live and row.deadline and now >= row.deadline:
        return "too_late"
    if row.state != "running" or at > db.get(QuizSession, row.session_id).size:
        return "not_running"
    if position is not None and position != at:
        return "stale"
    if row.live and row.question_started_at and now > row.question_started_at + timedelta(seconds=row.seconds) + GRACE:
        return "too_late"
    return None


def revealed(db: Session, code: str, position: int, language: str) -> tuple[int, str] | None:
    """(the right option's index, the explanation) of the question at `position`, in `language` (or the quiz's)."""
    row = _row(db, code)
    if row is None or not 1 <= position <= db.get(QuizSession, row.session_id).size:
        return None
    question = bank.question(db, _item(db, row.session_id, position).question_id)
    if question is None:
        return None
    return question.answer, question.explanation[language if row.language == "both" else row.language]


# --- the trainer's view ---


def tally(db: Session, code: str, position: int) -> list[int]:
    """How many answered each option (A-D) of the question at `position`."""
    row = _row(db, code)
    if row is None:
        return []
    stmt = (
        select(QuizAnswer.choice, func.count())
        .join(QuizItem, QuizItem.id == QuizAnswer.item_id)
        .where(QuizItem.session_id == row.session_id, QuizItem.position == position)
        .group_by(QuizAnswer.choice)
    )
    counts = dict(db.execute(stmt).all())
    return [int(counts.get(n, 0)) for n in range(4)]


def leaderboard(db: Session, code: str) -> list[Standing]:
    """Every member, best first (more right, then fewer answered, then who joined first), with 0/0 for those who
    have not answered yet; two members of one name are told apart by a number."""
    row = _row(db, code)
    if row is None:
        return []
    scored = (
        select(QuizAnswer.user_id, QuizAnswer.correct, QuizAnswer.id)
        .join(QuizItem, QuizItem.id == QuizAnswer.item_id)
        .where(QuizItem.session_id == row.session_id)
        .subquery()
    )
    stmt = (
        select(
            ClassMember.user_id,
            ClassMember.name,
            ClassMember.channel,
            func.coalesce(func.sum(case((scored.c.correct, 1), else_=0)), 0),
            func.count(scored.c.id),
        )
        .outerjoin(scored, scored.c.user_id == ClassMember.user_id)
        .where(ClassMember.code == row.code)
        .group_by(ClassMember.id, ClassMember.user_id, ClassMember.name, ClassMember.channel, ClassMember.joined_at)
        .order_by(ClassMember.joined_at, ClassMember.id)
    )
    rows = list(db.execute(stmt))
    names = distinct_names([name for _, name, *_ in rows])
    standings = [Standing(u, n, c, int(r), int(a)) for (u, _, c, r, a), n in zip(rows, names, strict=True)]
    return sorted(standings, key=lambda s: (-s.right, s.answered))  # stable: who joined first comes first


def distinct_names(names: list[str]) -> list[str]:
    """The names in order, the second and later of one name numbered: "Li", "Li (2)"."""
    seen: Counter[str] = Counter()
    taken = set(names)
    out = []
    for name in names:
        seen[name] += 1
        numbered, n = name, seen[name]
        while n > 1 and (numbered := f"{name} ({n})") in taken:
            n += 1
        taken.add(numbered)
        out.append(numbered)
    return out
