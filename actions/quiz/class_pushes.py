"""What a member of a class quiz is sent unasked, in a channel that pushes (Telegram): in a live quiz each question
as the trainer puts it, the answer when its time is up, and their score and place at the end; in a self-paced quiz
with a deadline, their score and place when it is over (the deadline passed, or the trainer ended it).

What was last sent to a member is their `pushed` mark ("q3": question 3, "t3": its time up, "end"); a push is
claimed by moving the mark (compare-and-set) before it goes out, so a restarted or a second bridge never sends
one twice. A quiz whose version and mark have not changed since the caller last looked is not read again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from actions import wording
from actions.quiz import class_chat, classes, sessions
from actions.quiz.practice import LETTERS, Reply
from actions.store.models import ClassMember, ClassQuizRow

Seen = dict[str, tuple[int, str]]  # code -> (version, mark) when last looked at
# A self-paced quiz's end is told until this long after its deadline, not later: a bridge down for longer (or the
# first release that tells these ends) does not write to a class about a quiz long over.
TELL_WITHIN = timedelta(days=1)


@dataclass(frozen=True)
class Push:
    user_id: str
    replies: list[Reply]


def mark(quiz: classes.ClassQuiz) -> str | None:
    """What every member should have been sent by now; None before a live quiz's start or a self-paced one's end."""
    if quiz.state == "finished":
        return "end"
    closes = quiz.closes_at()
    if not quiz.live or quiz.state != "running" or closes is None:
        return None
    return f"t{quiz.position}" if sessions.utcnow() > closes + classes.GRACE else f"q{quiz.position}"


def joined(db: Session, *, channel: str, sender: str, lang: str, code: str, name: str | None) -> list[Reply]:
    """Join as class_chat.join does; the question the reply shows counts as sent. Its mark comes from the view
    the reply was made of, not from the quiz read again: the trainer may have moved on in between."""
    replies, membership = class_chat.join(db, channel=channel, sender=sender, lang=lang, code=code, name=name)
    now = _shown(membership.view)
    if now:  # a first join's mark moves from none only: a push the job sent meanwhile stays the last one sent
        _claim(db, membership.code, sender, None, now, anything=membership.again)
        db.commit()
    return replies


def _shown(view: classes.View | None) -> str | None:
    """The mark of what a live member was shown: its question, or its end."""
    if view is None or not view.live:
        return None
    return {"question": f"q{view.position}", "finished": "end"}.get(view.state)


def due(db: Session, channel: str, seen: Seen) -> list[Push]:
    """Every push now due to the channel's members, each claimed; `seen` is updated."""
    at = sessions.utcnow()
    untold = or_(ClassMember.pushed.is_(None), ClassMember.pushed != "end")
    over = and_(  # a self-paced quiz with a deadline, lately over (find() ends it when its deadline has passed)
        ClassQuizRow.live.is_(False),
        ClassQuizRow.deadline > at - TELL_WITHIN,
        or_(ClassQuizRow.state == "finished", ClassQuizRow.deadline <= at),
    )
    pending = (
        select(ClassQuizRow.code)
        .join(ClassMember, ClassMember.code == ClassQuizRow.code)
        .where(ClassMember.channel == channel)
        .where(or_(and_(ClassQuizRow.live.is_(True), or_(ClassQuizRow.state == "running", untold)), and_(over, untold)))
        .distinct()
    )
    pushes = []
    for code in db.execute(pending).scalars().all():
        quiz = classes.find(db, code)
        now = mark(quiz) if quiz else None
        if quiz is None or now is None or seen.get(code) == (quiz.version, now):
            continue
        behind = select(ClassMember).where(
            ClassMember.code == code, ClassMember.channel == channel, or_(ClassMember.pushed.is_(None), ClassMember.pushed != now)
        )
        members = [(m.user_id, m.language, m.pushed) for m in db.execute(behind).scalars()]  # as read, before any claim
        for user_id, lang, before in members:
            if _claim(db, code, user_id, before, now):
                db.commit()
                pushes.append(Push(user_id, _replies(db, quiz, user_id, lang, before, now)))
        seen[code] = (quiz.version, now)
    return pushes


def _claim(db: Session, code: str, user_id: str, before: str | None, now: str, anything: bool = False) -> bool:
    """Move the member's mark from `before` (from whatever it is, with `anything`) to `now`; True when this call did."""
    stmt = update(ClassMember).where(ClassMember.code == code, ClassMember.user_id == user_id)
    if not anything:
        stmt = stmt.where(ClassMember.pushed.is_(None) if before is None else ClassMember.pushed == before)
    return db.execute(stmt.values(pushed=now).execution_options(synchronize_session=False)).rowcount == 1


def _replies(db: Session, quiz: classes.ClassQuiz, user_id: str, lang: str, before: str | None, now: str) -> list[Reply]:
    """The answer of a question the member was shown and not told about, then what `now` stands for."""
    replies = []
    if before and before.startswith("q") and now != f"t{before[1:]}":
        replies += time_up(db, quiz.code, int(before[1:]), lang)  # the trainer moved on before its time was up
    if now == "end":
        return replies + [Reply(_ended(db, quiz.code, user_id, lang))]
    if now.startswith("t"):
        return replies + time_up(db, quiz.code, int(now[1:]), lang)
    view = classes.current(db, quiz.code, user_id)
    return replies + (class_chat.showing(view) if view else [])


def time_up(db: Session, code: str, position: int, lang: str) -> list[Reply]:
    """The answer of the question at `position`, told when it closes: its time up, or the trainer moved on."""
    found = classes.revealed(db, code, position, lang)
    if found is None:
        return []
    right, explanation = found
    return [Reply(wording.text("class_quiz.time_up", lang, n=position, letter=LETTERS[right], explanation=explanation))]


def _ended(db: Session, code: str, user_id: str, lang: str) -> str:
    board = classes.leaderboard(db, code)
    mine = next((s for s in board if s.user_id == user_id), None)
    right, answered = (mine.right, mine.answered) if mine else (0, 0)
    place = 1 + sum(1 for s in board if s.right > right)
    return wording.text("class_quiz.ended", lang, code=code, right=right, answered=answered, place=place, members=len(board))
