"""`python -m bot quiz check|report|class` as an operator runs them, on a real SQLite store."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from actions.facts.files import read_report
from actions.facts.loader import load
from actions.quiz import bank, classes, sessions
from actions.quiz.bank import bank_counts, questions
from actions.quiz.curated import CURATED_DIR
from actions.store.db import session
from actions.store.models import QuizItem
from tests.conftest import ROOT

pytestmark = pytest.mark.server  # starts processes (see pytest.ini)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
BROKEN = """- id: p4-broken
  topics: [P4, Atlantis]
  paragraph: 999
  prompt: {zh: 问题？, en: Question?}
  options: [{zh: 甲, en: A}, {zh: 乙, en: B}, {zh: 丙, en: C}, {zh: 丁, en: D}]
  answer: 0
  explanation: {zh: 说明, en: Why}
"""


@pytest.fixture(scope="module")
def store_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli-store') / 'facts.db'}"
    load(read_report(), url)
    return url


def quiz(store_url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", "quiz", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": store_url},
        timeout=120,
    )


def test_check_counts_the_questions_per_topic_and_language(store_url):
    done = quiz(store_url, "check")
    assert done.returncode == 0, done.stderr
    header, *rows = [line.split() for line in done.stdout.splitlines()]
    assert header == ["topic", "zh", "en"]
    with session(store_url) as db:
        expected = bank_counts(db)
    assert {topic: {"zh": int(zh), "en": int(en)} for topic, zh, en in rows} == expected
    assert [row[0] for row in rows[:3]] == ["all", "P1", "P2"] and int(rows[0][1]) > 200


def test_check_lists_the_problems_and_fails(store_url, tmp_path):
    curated = tmp_path / "quiz"
    shutil.copytree(CURATED_DIR, curated)
    (curated / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    done = quiz(store_url, "check", "--curated", str(curated))
    assert done.returncode == 1 and not done.stdout
    problems = done.stderr.splitlines()
    assert "error: broken.yaml: question p4-broken: unknown topic 'Atlantis'" in problems
    assert problems[-1] == "1 problem(s) in the question bank; those questions are never asked."


@pytest.fixture(scope="module")
def group_quiz(store_url) -> tuple[str, list[str]]:
    """A finished group quiz of three bank questions: Ann gets all right, Ben one, Cy none of two."""
    with session(store_url) as db:
        pool = [q.id for q in questions(db, "P4")[:3]]
        started = sessions.start(
            db,
            mode="group",
            channel="telegram",
            chat="-100",
            owner="1",
            language="en",
            topic="P4",
            size=3,
            seconds=30,
            pool=pool,
            chooser=list,
        )
        marks = {"Ann": [True, True, True], "Ben": [False, True, False], "Cy": [False, False]}
        for position in range(3):
            item = sessions.next_item(db, started)
            sessions.mark_sent(db, item, poll_id=f"{started.id}-{position}", message_id=position + 1)  # the poll went out
            for name, right in marks.items():
                if position < len(right):
                    sessions.answer(db, item.id, name.lower(), name, 0, right[position])
        sessions.next_item(db, started)
        return started.id, pool


def test_report_prints_and_writes_the_files(store_url, group_quiz, tmp_path):
    quiz_id, pool = group_quiz
    files = {kind: tmp_path / f"report.{kind}" for kind in ("csv", "xlsx", "png")}
    done = quiz(
        store_url,
        "report",
        quiz_id.upper(),
        "--csv",
        str(files["csv"]),
        "--xlsx",
        str(files["xlsx"]),
        "--png",
        str(files["png"]),
        "--lang",
        "zh",
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"测验 {quiz_id}：共出 3 题，3 名学员作答。"
    assert lines[2:6] == ["得分（答对/作答）：", "1. Ann 3/3", "2. Ben 1/3", "3. Cy 0/2"]
    assert lines[-1] == "最难的题目：Q1 (33%), Q3 (50%), Q2 (67%)"

    with open(files["csv"], newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[:3] == [["学员"], ["用户", "姓名", "答对", "作答", "正确率"], ["ann", "Ann", "3", "3", "1.0"]]
    with session(store_url) as db:
        first = {q.id: q for q in questions(db)}[pool[0]]
    assert rows[rows.index(["题目"]) + 2][:3] == ["1", pool[0], first.prompt["zh"]]  # the hardest first
    book = load_workbook(files["xlsx"])
    assert book.sheetnames == ["学员", "题目"]
    assert [row[1:4] for row in book["学员"].iter_rows(min_row=2, values_only=True)] == [
        ("Ann", 3, 3),
        ("Ben", 1, 3),
        ("Cy", 0, 2),
    ]
    assert files["png"].read_bytes().startswith(PNG_SIGNATURE)


def test_report_of_an_unknown_session_is_an_error(store_url):
    done = quiz(store_url, "report", "nosuchid")
    assert done.returncode == 1 and not done.stdout
    assert done.stderr.strip() == "error: there is no quiz session or class quiz 'nosuchid'"


def test_report_into_a_missing_folder_is_a_clear_error(store_url, group_quiz, tmp_path):
    quiz_id, _ = group_quiz
    target = tmp_path / "missing" / "report.csv"
    done = quiz(store_url, "report", quiz_id, "--csv", str(target))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip() == f"error: cannot write {target}: No such file or directory"


def test_class_create_prints_the_code_and_how_to_join(store_url):
    done = quiz(store_url, "class", "create", "--topic", "P4", "--questions", "3", "--deadline", "2h", "--lang", "zh")
    assert done.returncode == 0, done.stderr
    code = done.stdout.strip()
    assert classes.CODE.fullmatch(code)
    assert f"/?join={code}" in done.stderr and f"join {code}" in done.stderr
    with session(store_url) as db:
        made = classes.find(db, code)
    assert (made.size, made.topic, made.language, made.live, made.state) == (3, "P4", "zh", False, "running")
    assert timedelta(hours=1, minutes=59) < made.deadline - sessions.utcnow() <= timedelta(hours=2)


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        (["--topic", "Atlantis"], "There is no quiz topic “Atlantis”."),
        (["--questions", "0"], "The number of questions must be from 1 to 50."),
        (["--deadline", "soon"], "The deadline must be a date and time such as 2026-12-01T17:00"),
        (["--deadline", "2001-01-01"], "The deadline must be in the future."),
        (["--live", "--seconds", "9999"], "The time per question must be from 5 to 600 seconds."),
    ],
)
def test_class_create_refuses_bad_input_clearly(store_url, arguments, error):
    done = quiz(store_url, "class", "create", *arguments)
    assert done.returncode == 2 and not done.stdout and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"error: {error}")


def test_class_live_quiz_from_the_command_line_to_its_report(store_url):
    code = quiz(store_url, "class", "create", "--live", "--questions", "2", "--seconds", "20").stdout.strip()
    with session(store_url) as db:
        classes.join(db, code, "ann", "Ann", "rest", "en")
    started = quiz(store_url, "class", "start", code.lower())
    assert started.returncode == 0 and started.stdout.startswith(
        f"{code}  running  2 questions, live, 20 s a question, at question 1"
    )
    with session(store_url) as db:
        view = classes.current(db, code, "ann")
        question = bank.question(db, db.get(QuizItem, view.item_id).question_id)
        assert classes.answer(db, code, "ann", question.answer).result == "correct"
    assert "at question 2" in quiz(store_url, "class", "next", code).stdout
    assert " finished " in quiz(store_url, "class", "finish", code).stdout
    listed = quiz(store_url, "class", "list").stdout.splitlines()
    assert any(line.startswith(f"{code}  finished 2 questions, live") and line.endswith("1 joined") for line in listed)

    report = quiz(store_url, "report", code)
    assert report.returncode == 0, report.stderr
    lines = report.stdout.splitlines()
    assert lines[0].endswith("2 questions asked, 1 trainee answered.") and "1. Ann 1/1" in lines


def test_class_controls_refuse_unknown_codes_and_self_paced_quizzes(store_url):
    unknown = quiz(store_url, "class", "next", "ZZZZZZ")
    assert unknown.returncode == 1 and unknown.stderr.strip() == "error: there is no class quiz 'ZZZZZZ'"
    code = quiz(store_url, "class", "create").stdout.strip()
    paced = quiz(store_url, "class", "start", code)
    assert paced.returncode == 1 and "self-paced" in paced.stderr
