"""Trainer reports on a known small quiz, on SQLite and PostgreSQL, and the files made from them."""

from __future__ import annotations

import csv
import warnings

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from openpyxl import load_workbook

from actions.quiz import reports, sessions
from tests.helpers.quiz import begin, unique

# Who got which of the first four questions right; q4 is asked but unanswered, q5 is never asked.
MARKS = {"alice": [True, True, True], "bob": [True, False, True], "carol": [True, False], "dave": [False, False, False]}
PROMPTS = {"q1": "How many missions?", "q2": "Which priority?"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def quiz_id(db) -> str:
    quiz = begin(db, unique("trainer"), size=5)
    for position in range(4):
        item = sessions.next_item(db, quiz)
        for user, marks in MARKS.items():
            if position < len(marks):
                sessions.answer(db, item.id, f"{user}-{quiz.id}", user.title(), 0, marks[position])
    return quiz.id


@pytest.fixture
def report(db, quiz_id) -> reports.Report:
    return reports.report(db, quiz_id, PROMPTS)


def test_report_numbers(report, quiz_id):
    assert report.asked == 4
    assert [(t.name, t.right, t.answered) for t in report.trainees] == [
        ("Alice", 3, 3),
        ("Bob", 2, 3),
        ("Carol", 1, 2),
        ("Dave", 0, 3),
    ]
    assert [(q.question_id, q.right, q.answered) for q in report.questions] == [
        ("q1", 3, 4),
        ("q2", 1, 4),
        ("q3", 2, 3),
        ("q4", 0, 0),
    ]
    assert [q.share for q in report.questions] == [0.75, 0.25, pytest.approx(2 / 3), None]
    assert [q.question_id for q in report.hardest] == ["q2", "q3", "q1"]
    assert report.questions[0].prompt == "How many missions?" and report.questions[2].prompt == "q3"


def test_unknown_session_has_no_report(db, quiz_id):
    assert reports.report(db, "nosuchid") is None
    assert reports.report(db, quiz_id.upper()).session_id == quiz_id


def test_csv_holds_both_tables(report, tmp_path):
    path = tmp_path / "report.csv"
    reports.write_csv(report, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    gap = rows.index([])
    trainees, questions = rows[:gap], rows[gap + 1 :]
    assert trainees[:3] == [
        ["Trainees"],
        ["User", "Name", "Right", "Answered", "Share correct"],
        [f"alice-{report.session_id}", "Alice", "3", "3", "1.0"],
    ]
    assert trainees[-1] == [f"dave-{report.session_id}", "Dave", "0", "3", "0.0"]
    assert questions[:3] == [
        ["Questions"],
        ["No.", "Question id", "Question", "Right", "Answered", "Share correct"],
        ["2", "q2", "Which priority?", "1", "4", "0.25"],
    ]
    assert [r[1] for r in questions[2:]] == ["q2", "q3", "q1", "q4"]
    assert questions[3][-1] == "0.667" and questions[-1][-1] == ""


def test_xlsx_sheets_read_back(report, tmp_path):
    path = tmp_path / "report.xlsx"
    reports.write_xlsx(report, path)
    book = load_workbook(path)
    assert book.sheetnames == ["Trainees", "Questions"]
    trainees = list(book["Trainees"].values)
    assert trainees[0] == ("User", "Name", "Right", "Answered", "Share correct")
    assert [row[1:] for row in trainees[1:]] == [
        ("Alice", 3, 3, 1),
        ("Bob", 2, 3, 2 / 3),
        ("Carol", 1, 2, 0.5),
        ("Dave", 0, 3, 0),
    ]
    questions = list(book["Questions"].values)
    assert [row[1] for row in questions[1:]] == ["q2", "q3", "q1", "q4"]
    assert questions[1] == (2, "q2", "Which priority?", 1, 4, 0.25) and questions[-1][-1] is None
    assert book["Questions"]["F2"].number_format == "0%"


def test_chinese_files_are_labelled_in_chinese(db, quiz_id, tmp_path):
    report = reports.report(db, quiz_id, language="zh")
    reports.write_xlsx(report, tmp_path / "report.xlsx")
    book = load_workbook(tmp_path / "report.xlsx")
    assert book.sheetnames == ["学员", "题目"]
    assert next(book["学员"].values) == ("用户", "姓名", "答对", "作答", "正确率")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = reports.chart_png(report)
    assert png.startswith(PNG_SIGNATURE)
    assert not [w for w in caught if "missing from current font" in str(w.message)]


def test_chart_is_a_real_png(report, tmp_path):
    path = tmp_path / "chart.png"
    png = reports.chart_png(report, path)
    assert png.startswith(PNG_SIGNATURE) and len(png) > 10_000
    assert path.read_bytes() == png
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1000, 538)  # 4.5 in, and 0.22 in a question


def many(db, size: int = 50) -> str:
    """A quiz of `size` questions answered by five trainees, two of them both called Li."""
    quiz = begin(db, unique("trainer"), size=size, pool=[f"q{n}" for n in range(size)])
    people = [("li-1001", "Li"), ("li-2002", "Li"), ("amina", "Amina"), ("jean", "Jean"), ("maria", "Maria")]
    for position in range(size):
        item = sessions.next_item(db, quiz)
        for n, (user, name) in enumerate(people):
            sessions.answer(db, item.id, f"{user}-{quiz.id}", name, 0, (position + n) % 3 > 0)
    return quiz.id


def test_fifty_questions_stay_legible_and_counts_are_whole(db):
    report = reports.report(db, many(db))
    figure = reports.chart(report)
    FigureCanvasAgg(figure).draw()  # lays the ticks out as the PNG has them
    scores, by_question = figure.axes
    assert all(t.get_text().lstrip("−-").isdigit() for t in scores.get_xticklabels() + scores.get_yticklabels())
    labels = by_question.get_yticklabels()
    assert [t.get_text() for t in labels] == [f"Q{n}" for n in range(1, 51)]
    boxes = [t.get_window_extent() for t in labels]
    assert all(not a.overlaps(b) for a, b in zip(boxes, boxes[1:], strict=False))  # one row each, none on another


def test_trainees_of_the_same_name_are_told_apart(db):
    report = reports.report(db, many(db, size=3))
    names = [t.name for t in report.trainees]
    lis = [t for t in report.trainees if t.name.startswith("Li")]
    assert len(set(names)) == 5 and len(lis) == 2  # their ids end alike ("-<quiz id>"): more of them is shown
    assert all(t.name.startswith("Li (…") and t.user.endswith(t.name[5:-1]) for t in lis), lis
    assert "Amina" in names  # a name nobody shares stays as it is


def test_a_quiz_nobody_answered_has_no_chart(db):
    quiz = begin(db, unique("trainer"), size=2)
    sessions.next_item(db, quiz)
    report = reports.report(db, quiz.id)
    assert report.asked == 1 and not report.answered
    with pytest.raises(reports.NoAnswers):
        reports.chart_png(report)


def test_xlsx_columns_fit_their_text_and_long_questions_wrap(db, quiz_id, tmp_path):
    long_prompt = "According to the report, " + "what did the mission do about it " * 4
    report = reports.report(db, quiz_id, {**PROMPTS, "q3": long_prompt})
    reports.write_xlsx(report, tmp_path / "report.xlsx")
    sheet = load_workbook(tmp_path / "report.xlsx")["Questions"]
    assert sheet.column_dimensions["C"].width == reports.WIDEST  # the question column, as wide as allowed
    assert 8 <= sheet.column_dimensions["B"].width <= 14  # "Question id"
    wrapped = [c.value for (c,) in sheet.iter_rows(min_row=2, min_col=3, max_col=3) if c.alignment.wrap_text]
    assert long_prompt in wrapped


def test_chinese_labels_do_not_depend_on_the_font_cache(db, quiz_id, monkeypatch):
    """A font cache built before the font was installed (make run, then make test) must not matter."""
    from matplotlib import font_manager

    stale = [f for f in font_manager.fontManager.ttflist if f.fname != str(reports.CJK_FONT_FILE)]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)
    reports._cjk_font.cache_clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        reports.chart_png(reports.report(db, quiz_id, language="zh"))
    assert not [w for w in caught if "missing from current font" in str(w.message)]
    assert reports._cjk_font() == "WenQuanYi Micro Hei"
