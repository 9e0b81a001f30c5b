"""Operator commands: `python -m bot facts load|check|export|search`, `quiz check|report|class ...` and `wording check`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from actions.facts.checks import check
from actions.facts.export import write_csv, write_json
from actions.facts.files import DATA_DIR, DataError, ReportData, read_report
from actions.facts.loader import load
from actions.quiz import reports
from actions.quiz.bank import bank_counts, check_bank, sample_problems
from actions.quiz.curated import CURATED_DIR
from actions.quiz.practice import DEFAULT_SIZE
from actions.store import queries
from actions.store.db import database_url, migrate, session
from actions.store.facts import in_lang
from bot import class_quiz_cli, quiz_reports, wording_check

SAMPLED_QUIZZES = 50  # quizzes drawn per topic by `quiz check`: each topic's pool is small, 50 draws cover it


def _read(data_dir: Path) -> ReportData | None:
    """The data, or None after printing why it cannot be used."""
    try:
        data = read_report(data_dir)
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return None
    problems = check(data)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {data_dir}; nothing loaded.", file=sys.stderr)
        return None
    return data


def cmd_check(args: argparse.Namespace) -> int:
    data = _read(args.data)
    if data is None:
        return 1
    counts = ", ".join(f"{len(v)} × {k}" for k, v in data.entries.items())
    print(f"OK: {counts}.")
    return cmd_wording_check(args)


def cmd_wording_check(_: argparse.Namespace) -> int:
    """The wording catalog against itself and the code."""
    problems = wording_check.problems()
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in the wording ({wording_check.CATALOG}).", file=sys.stderr)
        return 1
    print(f"OK: {len(wording_check.catalog())} wording entries, each in {' and '.join(wording_check.LANGS)}.")
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    data = _read(args.data)
    if data is None:
        return 1
    started = time.perf_counter()
    report = load(data, progress=sys.stderr.isatty() and not args.quiet)
    took = time.perf_counter() - started
    if not report.changed:
        print(f"Store is up to date ({database_url()}); nothing changed. {took:.1f}s")
        return 0
    for name, verb in (("added", "added"), ("updated", "updated"), ("removed", "removed")):
        counts = +getattr(report, name)
        if counts:
            print(f"{verb}: " + ", ".join(f"{n} {t}" for t, n in counts.items()))
    print(f"Store loaded into {database_url()} in {took:.1f}s.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    migrate()
    with session() as db:
        facts = queries.all_facts(db)
    if args.type:
        facts = [f for f in facts if f["type"] == args.type]
    (write_json if args.format == "json" else write_csv)(facts, sys.stdout)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    migrate()
    with session() as db:
        hits = queries.search(db, args.question, limit=args.limit)
    if not hits:
        print("No match.")
    for hit in hits:
        text = in_lang(hit, args.lang)
        print(f"{hit['score']:8.2f}  {hit['type']}:{hit['id']}  (para. {hit['paragraph']})\n          {text[:160]}")
    return 0


def cmd_quiz_check(args: argparse.Namespace) -> int:
    migrate()
    with session() as db:
        problems = check_bank(db, args.curated) or sample_problems(db, DEFAULT_SIZE, SAMPLED_QUIZZES, args.curated)
        counts = {} if problems else bank_counts(db, args.curated)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in the question bank; those questions are never asked.", file=sys.stderr)
        return 1
    print(f"{'topic':<12}{'zh':>6}{'en':>6}")
    for topic, by_lang in counts.items():
        print(f"{topic:<12}{by_lang['zh']:>6}{by_lang['en']:>6}")
    return 0


def cmd_quiz_report(args: argparse.Namespace) -> int:
    migrate()
    with session() as db:
        report = quiz_reports.build(db, args.session, args.lang)
    if report is None:
        print(f"error: there is no quiz session or class quiz {args.session!r}", file=sys.stderr)
        return 1
    print(quiz_reports.summary(report))
    for path, write in ((args.csv, reports.write_csv), (args.xlsx, reports.write_xlsx), (args.png, reports.chart_png)):
        if path:
            try:
                write(report, path)
            except OSError as error:  # a missing folder, no permission, a full disk
                print(f"error: cannot write {path}: {error.strerror or error}", file=sys.stderr)
                return 1
            print(f"wrote {path}", file=sys.stderr)
    return 0


def _quiz_commands(groups: argparse._SubParsersAction) -> None:
    quiz = groups.add_parser("quiz", help="the quiz questions and trainer reports").add_subparsers(dest="command", required=True)
    check = quiz.add_parser("check", help="list the question bank's problems, or count its questions per topic")
    check.add_argument("--curated", type=Path, default=CURATED_DIR, help="folder of the hand-written questions")
    check.set_defaults(func=cmd_quiz_check)
    report = quiz.add_parser("report", help="a quiz session's scores per trainee and per question")
    report.add_argument("session", help="the quiz's id, as the bot announced it, or a class quiz's code")
    for kind in ("csv", "xlsx", "png"):
        report.add_argument(f"--{kind}", type=Path, metavar="FILE", help=f"also write the report as {kind.upper()}")
    report.add_argument("--lang", choices=("zh", "en"), help="language of the labels (default: the quiz's)")
    report.set_defaults(func=cmd_quiz_report)
    class_quiz_cli.add_commands(quiz)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m bot", description="Operator tools of the A4P+ report assistant.")
    groups = root.add_subparsers(dest="group", required=True)
    facts = groups.add_parser("facts", help="the report's fact store").add_subparsers(dest="command", required=True)
    for name, func, text in (
        ("load", cmd_load, "build or update the store from data/report"),
        ("check", cmd_check, "validate data/report"),
    ):
        sub = facts.add_parser(name, help=text)
        sub.add_argument("--data", type=Path, default=DATA_DIR, help="folder of the fact files")
        sub.set_defaults(func=func, quiet=False)
        if name == "load":
            sub.add_argument("--quiet", action="store_true", help="no progress bar")
    export = facts.add_parser("export", help="write every fact to stdout")
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument("--type", choices=queries.FACT_TYPES, help="only facts of this type")
    export.set_defaults(func=cmd_export)
    search = facts.add_parser("search", help="rank the facts against a question")
    search.add_argument("question")
    search.add_argument("--limit", type=int, default=5)
    search.add_argument("--lang", choices=("zh", "en"), default="en")
    search.set_defaults(func=cmd_search)
    _quiz_commands(groups)
    wording = groups.add_parser("wording", help="the user-facing wording (data/wording.yaml)")
    wording_commands = wording.add_subparsers(dest="command", required=True)
    wording_commands.add_parser("check", help="both languages, same placeholders, every key the code uses").set_defaults(
        func=cmd_wording_check
    )
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # stdout closed early, as by `| head`
        sys.stderr.close()
        return 0
