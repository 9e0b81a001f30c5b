"""What the trainer dashboard shows of a class quiz, as JSON: members, the open question with its answers per
option, the leaderboard, and once it is finished (or all along, self-paced) the report. Read from the class quiz
service (actions.quiz.classes) in one store session; questions are named in both languages, the page picks one."""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING

from actions.quiz import bank, classes
from actions.quiz.question import LANGS
from actions.quiz.sessions import utcnow
from actions.store.db import Store

if TYPE_CHECKING:
    from actions.quiz import reports

HARDEST = 3  # questions named under "hardest"
READS = 5  # tries at a view no change landed in; past them, the last (the stream sends the next change anyway)
PAGE_ID = re.compile(r"(web-[0-9a-f]{6})[0-9a-f]{26}")  # the chat page's random sender id, "web-" and 32 hex


def shown_name(name: str) -> str:
    """A trainee who joined from the chat page without a name is named by the page's id: its start tells them apart."""
    found = PAGE_ID.fullmatch(name)
    return found.group(1) if found else name


def timestamp(moment: datetime | None) -> str | None:
    """A naive UTC time of the store as ISO 8601 with its zone, for the browser's Date."""
    return None if moment is None else moment.isoformat(timespec="seconds") + "Z"


def summary(quiz: classes.ClassQuiz, members: int) -> dict:
    return {
        "code": quiz.code,
        "state": quiz.state,
        "live": quiz.live,
        "topic": quiz.topic,
        "size": quiz.size,
        "seconds": quiz.seconds,
        "deadline": timestamp(quiz.deadline),
        "language": quiz.language,
        "difficulty": quiz.difficulty,
        "created": timestamp(quiz.created),
        "members": members,
    }


def listing(db: Store) -> list[dict]:
    return [summary(quiz, len(classes.members(db, quiz.code))) for quiz in classes.listing(db)]


def _texts(db: Store, question_id: str) -> tuple[dict[str, str], dict[str, list[str]], int | None]:
    """A question's prompt and options in both languages and its right option; its id when a facts load dropped it."""
    question = bank.question(db, question_id)
    if question is None:
        return {lang: question_id for lang in LANGS}, {lang: [] for lang in LANGS}, None
    return dict(question.prompt), {lang: list(question.options[lang]) for lang in LANGS}, question.answer


def _question(db: Store, quiz: classes.ClassQuiz, stats: list[reports.QuestionStat]) -> dict | None:
    """The live quiz's question now (or the last one, once finished), with how many chose each option."""
    asked = [s for s in stats if s.position == quiz.position]
    if not quiz.live or not asked:
        return None
    prompt, options, answer = _texts(db, asked[0].question_id)
    tally = classes.tally(db, quiz.code, quiz.position)
    return {
        "position": quiz.position,
        "prompt": prompt,
        "options": options,
        "answer": answer,
        "tally": tally,
        "answered": sum(tally),
    }


def _remaining(quiz: classes.ClassQuiz) -> float | None:
    closes = quiz.closes_at()
    if quiz.state != "running" or closes is None:
        return None
    return max(0.0, (closes - utcnow()).total_seconds())


def _report(db: Store, stats: list[reports.QuestionStat], standings: list[classes.Standing]) -> dict:
    def question(stat: reports.QuestionStat) -> dict:
        prompt = _texts(db, stat.question_id)[0]
        return {"position": stat.position, "prompt": prompt, "right": stat.right, "answered": stat.answered, "share": stat.share}

    hardest = sorted((s for s in stats if s.answered), key=lambda s: (s.share, s.position))[:HARDEST]
    return {
        "trainees": [{**_standing(s), "share": s.right / s.answered if s.answered else None} for s in standings],
        "questions": [question(s) for s in stats],
        "hardest": [question(s) for s in hardest],
    }


def _standing(s: classes.Standing) -> dict:
    return {"name": shown_name(s.name), "channel": s.channel, "right": s.right, "answered": s.answered}


def places(standings: list[classes.Standing]) -> list[dict]:
    """The leaderboard with places; equal scores share one."""
    rows: list[dict] = []
    for n, s in enumerate(standings, 1):
        tied = rows and (rows[-1]["right"], rows[-1]["answered"]) == (s.right, s.answered)
        place = rows[-1]["place"] if tied else n
        rows.append({"place": place, **_standing(s)})
    return rows


def state(db: Store, code: str, join_url: str) -> dict | None:
    """Everything the dashboard shows of the quiz `code`, or None when there is none. Its parts come from several
    queries, and neither SQLite's reads nor PostgreSQL's read committed see them in one snapshot: a view the quiz
    changed under (an answer landing between the leaderboard and the chart) is read again, so its parts agree."""
    for _ in range(READS):
        view = _state(db, code, join_url)
        if view is None or classes.version(db, code) == view["version"]:
            break
    return view


def _state(db: Store, code: str, join_url: str) -> dict | None:
    quiz = classes.find(db, code)
    if quiz is None:
        return None
    members = classes.members(db, quiz.code)
    standings = classes.leaderboard(db, quiz.code)
    from actions.quiz import reports  # loads matplotlib and openpyxl: at the first quiz shown, not at the relay's start

    found = reports.report(db, quiz.session_id)
    stats = found.questions if found else []
    return {
        **summary(quiz, len(members)),
        "version": quiz.version,
        "position": quiz.position,
        "remaining": _remaining(quiz),
        "join_url": join_url,
        "members": [{"name": shown_name(m.name), "channel": m.channel, "language": m.language} for m in members],
        "question": _question(db, quiz, stats),
        "leaderboard": places(standings),
        "report": _report(db, stats, standings) if quiz.state == "finished" or not quiz.live else None,
    }
