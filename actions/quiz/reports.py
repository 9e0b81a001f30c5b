"""Trainer reports on a quiz session: scores per trainee, share correct per question, hardest first.

The same two tables go to CSV (one after the other) and to XLSX (one sheet each); the chart shows
the score distribution and the per-question correctness side by side. Labels follow the language.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from matplotlib import font_manager, rc_context
from matplotlib.figure import Figure  # not pyplot: no global state, and Agg renders the PNG
from matplotlib.ticker import MaxNLocator
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from actions import settings
from actions.quiz.sessions import Tally, find, tallies, told_apart
from actions.store.models import QuizAnswer, QuizItem
from actions.wording import section, text

# Installed by scripts/install-fonts (Debian's fonts-wqy-microhei) and registered by path, so Chinese labels do not
# depend on matplotlib's font cache having been built after the font arrived.
CJK_FONT_FILE = Path(settings.get("CJK_FONT_FILE"))


@cache
def _cjk_font() -> str:
    if not CJK_FONT_FILE.is_file():
        raise FileNotFoundError(f"no CJK font at {CJK_FONT_FILE}: run scripts/install-fonts (make run and make test do)")
    font_manager.fontManager.addfont(str(CJK_FONT_FILE))
    return font_manager.FontProperties(fname=str(CJK_FONT_FILE)).get_name()


ROW_INCHES = 0.22  # of the chart's height per question: 50 questions, 50 readable rows
WIDEST = 60  # characters a spreadsheet column is made wide enough for; longer cells wrap


class NoAnswers(ValueError):
    """A quiz nobody answered has no chart."""


def share(right: int, answered: int) -> float | None:
    return right / answered if answered else None


@dataclass(frozen=True)
class QuestionStat:
    position: int
    question_id: str
    prompt: str
    right: int
    answered: int

    @property
    def share(self) -> float | None:
        return share(self.right, self.answered)


@dataclass(frozen=True)
class Report:
    session_id: str
    language: str
    asked: int
    trainees: list[Tally]
    questions: list[QuestionStat]

    @property
    def answered(self) -> bool:
        """Whether anyone answered anything: without answers there is nothing to chart."""
        return bool(self.trainees)

    @property
    def hardest(self) -> list[QuestionStat]:
        """Answered questions, lowest share correct first."""
        return sorted((q for q in self.questions if q.answered), key=lambda q: (q.share, q.position))


def report(db: Session, session_id: str, prompts: Mapping[str, str] | None = None, language: str | None = None) -> Report | None:
    """The report of a session (None for an unknown id); `prompts` names questions by id."""
    quiz = find(db, session_id)
    if quiz is None:
        return None
    answered = func.count(QuizAnswer.id)
    right = func.coalesce(func.sum(case((QuizAnswer.correct, 1), else_=0)), 0)
    stmt = (
        select(QuizItem.position, QuizItem.question_id, right, answered)
        .outerjoin(QuizAnswer, QuizAnswer.item_id == QuizItem.id)
        .where(QuizItem.session_id == quiz.id, QuizItem.asked_at.is_not(None))
        .group_by(QuizItem.id, QuizItem.position, QuizItem.question_id)
        .order_by(QuizItem.position)
    )
    questions = [QuestionStat(pos, qid, (prompts or {}).get(qid, qid), int(r), int(n)) for pos, qid, r, n in db.execute(stmt)]
    return Report(quiz.id, language or quiz.language, len(questions), told_apart(tallies(db, quiz.id)), questions)


def tables(report: Report) -> list[tuple[str, list[list]]]:
    """(title, rows with a header first) of the trainee and the question table."""
    t = section("chart", report.language)
    trainees: list[list] = [[t["user"], t["name"], t["right"], t["answered"], t["share"]]]
    trainees += [[p.user, p.name, p.right, p.answered, share(p.right, p.answered)] for p in report.trainees]
    questions: list[list] = [[t["position"], t["question_id"], t["prompt"], t["right"], t["answered"], t["share"]]]
    ranked = report.hardest + [q for q in report.questions if not q.answered]
    questions += [[q.position, q.question_id, q.prompt, q.right, q.answered, q.share] for q in ranked]
    return [(t["trainees"], trainees), (t["questions"], questions)]


def write_csv(report: Report, path: Path | str) -> None:
    """Both tables in one UTF-8 file (with BOM, so spreadsheet programs read the Chinese right)."""
    with open(path, "w", newline="", encoding="utf-8-sig") as out:
        writer = csv.writer(out)
        for n, (title, rows) in enumerate(tables(report)):
            if n:
                writer.writerow([])
            writer.writerow([title])
            writer.writerows([_rounded(c) for c in row] for row in rows)


def _rounded(cell):
    return round(cell, 3) if isinstance(cell, float) else cell


def write_xlsx(report: Report, path: Path | str) -> None:
    """One sheet per table; shares are numbers formatted as percentages."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in tables(report):
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for (cell,) in sheet.iter_rows(min_row=2, min_col=len(rows[0]), max_col=len(rows[0])):
            cell.number_format = "0%"
        _fit_columns(sheet, rows)
        sheet.freeze_panes = "A2"
    book.save(path)


def _fit_columns(sheet, rows: list[list]) -> None:
    """Columns as wide as their longest cell, up to WIDEST characters; longer text (a question) wraps in its cell.
    A Chinese character is about two Latin ones wide."""
    for n, column in enumerate(zip(*rows, strict=True), 1):
        widest = max(sum(2 if ord(c) > 0x2E80 else 1 for c in _shown(cell)) for cell in column)
        sheet.column_dimensions[get_column_letter(n)].width = min(max(widest, 6) + 2, WIDEST)
        if widest > WIDEST:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=n, max_col=n):
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _shown(cell: object) -> str:
    """A cell as the spreadsheet shows it: a share as a percentage."""
    return "" if cell is None else f"{cell:.0%}" if isinstance(cell, float) else str(cell)


def _fonts():
    return rc_context({"font.family": "sans-serif", "font.sans-serif": [_cjk_font(), "DejaVu Sans"]})


def chart(report: Report) -> Figure:
    """Score distribution above, share correct per question below (one bar a row, so that 50 questions stay legible).
    Raises NoAnswers when nobody answered: empty axes would say nothing."""
    if not report.answered:
        raise NoAnswers(report.session_id)
    t = section("chart", report.language)
    rows = len(report.questions)
    with _fonts():
        figure = Figure(figsize=(10, 4.5 + ROW_INCHES * rows), dpi=100, layout="constrained")
        scores, by_question = figure.subplots(2, 1, gridspec_kw={"height_ratios": [3, 1 + ROW_INCHES * rows]})
        counts = Counter(p.right for p in report.trainees)
        scores.bar(range(report.asked + 1), [counts[n] for n in range(report.asked + 1)], color="#4c72b0")
        _label(scores, t["scores"], t["scores_x"], t["scores_y"])
        for axis in (scores.xaxis, scores.yaxis):  # counts of questions and of people: no 0.5 ticks
            axis.set_major_locator(MaxNLocator(integer=True))
        positions = range(rows)
        bars = by_question.barh(positions, [100 * (q.share or 0) for q in report.questions], color="#dd8452")
        by_question.set_yticks(positions, [f"Q{q.position}" for q in report.questions])
        by_question.bar_label(bars, [f"{q.right}/{q.answered}" for q in report.questions], padding=3)  # 0/0: unanswered
        by_question.set_xlim(0, 112)
        by_question.set_ylim(rows - 0.5, -0.5)  # Q1 at the top
        _label(by_question, t["by_question"], t["by_question_y"], t["by_question_x"])
        figure.suptitle(text("chart.title", report.language, id=report.session_id))
    return figure


def chart_png(report: Report, path: Path | str | None = None) -> bytes:
    """The chart as a PNG (also written to `path` if given); NoAnswers when nobody answered."""
    figure = chart(report)
    buffer = io.BytesIO()
    with _fonts():
        figure.savefig(buffer, format="png")
    png = buffer.getvalue()
    if path is not None:
        Path(path).write_bytes(png)
    return png


def _label(axes, title: str, x: str, y: str) -> None:
    axes.set_title(title)
    axes.set_xlabel(x)
    axes.set_ylabel(y)
