"""What a trainer may ask a class quiz to be, and which bank questions it asks (actions/quiz/classes.py makes it)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

from sqlalchemy.orm import Session

from actions import wording
from actions.quiz import bank, sessions
from actions.quiz.difficulty import ASKABLE, narrow
from actions.quiz.question import Question

LANGUAGES = ("zh", "en", "both")  # both: each trainee in their own
DEFAULT_SIZE, MAX_SIZE = 5, 50
DEFAULT_SECONDS, MIN_SECONDS, MAX_SECONDS = 30, 5, 600
_DURATION = re.compile(r"(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?")


class Invalid(ValueError):
    """A class quiz cannot be made as asked; `key` names its wording (data/wording.yaml), `values` fill it."""

    def __init__(self, key: str, **values: object):
        super().__init__(key)
        self.key, self.values = key, values

    def message(self, lang: str) -> str:
        return wording.text(self.key, lang, **self.values)


def deadline_from(text: str, now: datetime | None = None) -> datetime:
    """A deadline as a trainer gives it, as naive UTC: a duration from now ("2h", "30m", "1h30m", "2d") or an ISO date
    and time ("2026-12-01T17:00", UTC unless it names its offset; a date alone is the end of that day); raises Invalid."""
    value = "".join(text.split()).lower()
    now = now or sessions.utcnow()
    duration = _DURATION.fullmatch(value)
    if value and duration and any(duration.groups()):
        days, hours, minutes, seconds = (int(n or 0) for n in duration.groups())
        return now + timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise Invalid("class_error.deadline_format", value=text) from None
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc).replace(tzinfo=None)
    if re.fullmatch(r"\d{4}-\d\d-\d\d", text.strip()):
        when += timedelta(days=1) - timedelta(seconds=1)
    return when


def check(size: int, seconds: int, live: bool, deadline: datetime | None, language: str, level: str) -> None:
    if not 1 <= size <= MAX_SIZE:
        raise Invalid("class_error.size", low=1, high=MAX_SIZE)
    if not MIN_SECONDS <= seconds <= MAX_SECONDS:
        raise Invalid("class_error.seconds", low=MIN_SECONDS, high=MAX_SECONDS)
    if language not in LANGUAGES:
        raise Invalid("class_error.language", choices=", ".join(LANGUAGES))
    if level not in ASKABLE:
        raise Invalid("class_error.difficulty", choices=", ".join(ASKABLE))
    if deadline is not None and live:
        raise Invalid("class_error.deadline_live")
    if deadline is not None and deadline <= sessions.utcnow():
        raise Invalid("class_error.deadline_past")


def _languages(language: str) -> tuple[str, ...]:
    return ("zh", "en") if language == "both" else (language,)


def plan(
    db: Session, topic: str | None, question_ids: Sequence[str] | None, size: int, language: str, level: str, owner: str
) -> tuple[str | None, list[str]]:
    """The bank's tag for the topic, and the question ids to ask: those given, or drawn from the topic's pool at
    the level asked, without giveaways or two questions on one fact (bank.pool, sessions.plan); each in every
    language the quiz is given in."""
    langs = _languages(language)

    def speaks(question: Question) -> bool:
        return all(question.prompt.get(lang) and len(question.options.get(lang) or ()) == 4 for lang in langs)

    if question_ids:
        wanted = list(dict.fromkeys(q.strip() for q in question_ids if q.strip()))
        unknown = [q for q in wanted if (found := bank.question(db, q)) is None or not speaks(found)]
        if unknown:
            raise Invalid("class_error.unknown_questions", ids=", ".join(unknown))
        return None, wanted[:MAX_SIZE]
    on = None
    if topic:
        on = bank.resolve_topic(db, topic, bank.questions(db))
        if on is None:
            raise Invalid("class_error.unknown_topic", topic=topic)
    fitting, chooser = narrow(db, [q for q in bank.pool(db, on) if speaks(q)], level)
    try:
        return on, sessions.plan(
            db, owner, [q.id for q in fitting], size, review=False, chooser=chooser, sources={q.id: q.sources for q in fitting}
        )
    except sessions.NoQuestions as none:
        raise Invalid("class_error.no_questions") from none
