"""Operator commands: `python -m bot facts load|check|export|search`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from actions.facts.checks import check
from actions.facts.export import write_csv, write_json
from actions.facts.files import DATA_DIR, DataError, read_report
from actions.facts.loader import load
from actions.store import queries
from actions.store.db import database_url, migrate, session


def _read(data_dir: Path):
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
        text = hit["zh"] if args.lang == "zh" else hit["en"]
        print(f"{hit['score']:8.2f}  {hit['type']}:{hit['id']}  (para. {hit['paragraph']})\n          {text[:160]}")
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m bot", description="Operator tools of the A4P+ report assistant.")
    groups = root.add_subparsers(dest="group", required=True)
    facts = groups.add_parser("facts", help="the report's fact store").add_subparsers(dest="command", required=True)
    for name, func, text in (("load", cmd_load, "build or update the store from data/report"),
                             ("check", cmd_check, "validate data/report")):
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
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # stdout closed early, as by `| head`
        sys.stderr.close()
        return 0
