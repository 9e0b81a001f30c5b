"""`python -m bot quiz class create|list|start|next|finish`: a trainer's class quizzes from the command line."""

from __future__ import annotations

import argparse
import sys

from actions import settings
from actions.quiz import classes
from actions.quiz.difficulty import ASKABLE, MIXED
from actions.store.db import migrate, session

LANG = "en"  # the command line speaks English, as its other commands do
TIME = "%Y-%m-%d %H:%M UTC"


def join_link(code: str) -> str:
    return f"http://localhost:{settings.get('WEB_PORT')}/?join={code}"


def describe(quiz: classes.ClassQuiz) -> str:
    """One line: code, state, questions, pace, language and topic."""
    pace = f"live, {quiz.seconds} s a question" if quiz.live else "self-paced"
    if quiz.live and quiz.state == "running":
        pace += f", at question {quiz.position}"
    if quiz.deadline:
        pace += f", until {quiz.deadline:{TIME}}"
    return f"{quiz.code}  {quiz.state:<8} {quiz.size} questions, {pace}, {quiz.language}, {quiz.topic or 'whole report'}"


def cmd_create(args: argparse.Namespace) -> int:
    migrate()
    with session() as db:
        try:
            deadline = classes.deadline_from(args.deadline) if args.deadline else None
            quiz = classes.create(
                db,
                topic=args.topic,
                question_ids=args.ids.split(",") if args.ids else None,
                size=args.questions,
                seconds=args.seconds,
                live=args.live,
                deadline=deadline,
                language=args.lang,
                difficulty=args.difficulty,
            )
        except classes.Invalid as invalid:
            print(f"error: {invalid.message(LANG)}", file=sys.stderr)
            return 2
    print(quiz.code)
    print(describe(quiz), file=sys.stderr)
    print(f'Trainees join at {join_link(quiz.code)}, or by sending "join {quiz.code}" to the assistant.', file=sys.stderr)
    if quiz.live:
        print(f"Start it with: python -m bot quiz class start {quiz.code}", file=sys.stderr)
    return 0


def cmd_list(_: argparse.Namespace) -> int:
    migrate()
    with session() as db:
        quizzes = classes.listing(db)
        counts = {q.code: len(classes.members(db, q.code)) for q in quizzes}
    if not quizzes:
        print("No class quizzes yet.")
    for quiz in quizzes:
        print(f"{describe(quiz)}, {counts[quiz.code]} joined")
    return 0


def cmd_control(args: argparse.Namespace) -> int:
    """start, next or finish a quiz."""
    migrate()
    control = {"start": classes.start, "next": classes.advance, "finish": classes.finish}[args.command]
    with session() as db:
        before = classes.find(db, args.code)
        if before is None:
            print(f"error: there is no class quiz {args.code!r}", file=sys.stderr)
            return 1
        if not before.live and args.command != "finish":
            print(f"error: {before.code} is self-paced: only a live quiz is started and moved on", file=sys.stderr)
            return 1
        quiz = control(db, before.code)
    assert quiz is not None  # found above; a quiz is never deleted
    print(describe(quiz))
    return 0


def add_commands(quiz: argparse._SubParsersAction) -> None:
    """The `class` group under `quiz`."""
    commands = quiz.add_parser("class", help="class quizzes trainees join with a code").add_subparsers(
        dest="command", required=True
    )
    create = commands.add_parser("create", help="make a class quiz and print its join code")
    create.add_argument("--topic", help="P1-P7, T1, T2, a mission or document, or a kind of question (default: the whole report)")
    create.add_argument("--ids", help="comma-separated question ids to ask, in order, instead of drawing them")
    create.add_argument("--questions", type=int, default=classes.DEFAULT_SIZE, metavar="N", help="how many questions")
    create.add_argument("--seconds", type=int, default=classes.DEFAULT_SECONDS, metavar="S", help="seconds per question (live)")
    create.add_argument("--live", action="store_true", help="the trainer moves it on question by question (else self-paced)")
    create.add_argument(
        "--deadline", metavar="WHEN", help="self-paced: open until an ISO date/time (UTC) or for a duration (2h, 30m)"
    )
    create.add_argument(
        "--lang", choices=classes.LANGUAGES, default="both", help="the questions' language (both: each trainee's own)"
    )
    create.add_argument("--difficulty", choices=ASKABLE, default=MIXED)
    create.set_defaults(func=cmd_create)
    commands.add_parser("list", help="every class quiz, newest first").set_defaults(func=cmd_list)
    for name, text in (
        ("start", "put a live quiz's first question"),
        ("next", "put the next question"),
        ("finish", "end a quiz"),
    ):
        control = commands.add_parser(name, help=text)
        control.add_argument("code", help="the quiz's join code")
        control.set_defaults(func=cmd_control)
