"""A quiz's trainer report for people, in Telegram and on the command line: the questions named in the
reader's language, a text summary, and the CSV, XLSX and PNG files."""

from __future__ import annotations

import tempfile
from pathlib import Path

from actions.quiz import classes, reports
from actions.quiz.bank import questions
from actions.quiz.sessions import find
from actions.store.db import Store
from actions.wording import text

HARDEST = 3  # questions named under "hardest"
PROMPT_CHARS = 60  # of each question in the summary; the files hold them whole


def build(db: Store, session_id: str, language: str | None = None) -> reports.Report | None:
    """The report of a session, by its id or a class quiz's code (None for an unknown one), in `language` or else
    the quiz's own."""
    class_quiz = classes.find(db, session_id) if classes.CODE.fullmatch(classes.normal_code(session_id)) else None
    quiz = find(db, class_quiz.session_id if class_quiz else session_id)
    if quiz is None:
        return None
    language = language or quiz.language
    prompts = {q.id: q.prompt[language] for q in questions(db)}
    return reports.report(db, quiz.id, prompts, language)


def ranking(rows: list[tuple[str, int, int]], language: str) -> str:
    """Numbered "name right/answered" lines, best first; equal scores share a place."""
    if not rows:
        return text("report.nobody", language)
    lines, place = [], 0
    for n, (name, right, answered) in enumerate(rows, 1):
        place = place if n > 1 and rows[n - 2][1:] == (right, answered) else n
        lines.append(f"{place}. {name} {right}/{answered}")
    return "\n".join(lines)


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


def _short(text: str) -> str:
    return text if len(text) <= PROMPT_CHARS else text[: PROMPT_CHARS - 1].rstrip() + "…"


def summary(report: reports.Report) -> str:
    lang = report.language
    lines = [
        text("report.head", lang, id=report.session_id, asked=report.asked, trainees=len(report.trainees)),
        "",
        text("report.scores", lang),
        ranking([(p.name, p.right, p.answered) for p in report.trainees], lang),
        "",
        text("report.questions", lang),
    ]
    lines += [f"Q{q.position} {_percent(q.share)} ({q.right}/{q.answered}) {_short(q.prompt)}" for q in report.questions]
    hardest = ", ".join(f"Q{q.position} ({_percent(q.share)})" for q in report.hardest[:HARDEST])
    if hardest:
        lines += ["", text("report.hardest", lang, list=hardest)]
    return "\n".join(lines)


def files(report: reports.Report) -> dict[str, bytes]:
    """The report as quiz-<id>.csv, .xlsx and .png, by file name."""
    with tempfile.TemporaryDirectory() as folder:
        paths = {kind: Path(folder) / f"quiz-{report.session_id}.{kind}" for kind in ("csv", "xlsx", "png")}
        reports.write_csv(report, paths["csv"])
        reports.write_xlsx(report, paths["xlsx"])
        reports.chart_png(report, paths["png"])
        return {path.name: path.read_bytes() for path in paths.values()}
