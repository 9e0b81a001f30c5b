"""Questions written by hand in data/quiz/*.yaml (format: data/quiz/README.md)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from actions.quiz.checks import question_problems
from actions.quiz.question import LANGS, Question, arrange, explain
from actions.settings import QUIZ_DIR

CURATED_DIR = QUIZ_DIR
FIELDS = ("id", "topics", "paragraph", "prompt", "options", "answer", "explanation")
OPTIONAL = ("facts",)  # the store's facts it asks about ("example:<id>"): a quiz asks each fact once
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it: 10x faster


def read_curated(
    directory: Path, known_topics: set[str], last_paragraph: int, known_facts: set[str] | None = None
) -> tuple[list[Question], list[str]]:
    """The questions fit to ask, and every problem found, each naming its file and question. `known_facts`: the
    fact ids a question may name as its source (None: not checked)."""
    found: list[tuple[str, Question]] = []
    problems: list[str] = []
    for path in sorted(directory.glob("*.yaml")):
        questions, issues = _read_file(path, known_topics, last_paragraph, known_facts)
        found += [(path.name, q) for q in questions]
        problems += issues
    ids = Counter(q.id for _, q in found)
    for qid in sorted(i for i, n in ids.items() if n > 1):
        files = ", ".join(name for name, q in found if q.id == qid)
        problems.append(f"{files}: {qid}: id used {ids[qid]} times")
    return [q for _, q in found if ids[q.id] == 1], problems


def _read_file(
    path: Path, known_topics: set[str], last_paragraph: int, known_facts: set[str] | None
) -> tuple[list[Question], list[str]]:
    try:
        items = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or []
    except yaml.YAMLError as error:
        return [], [f"{path.name}: not valid YAML: {error}"]
    if not isinstance(items, list):
        return [], [f"{path.name}: expected a list of questions"]
    questions, problems = [], []
    for index, item in enumerate(items, 1):
        key = item.get("id") if isinstance(item, dict) else None
        question, issues = _question(item, known_topics, known_facts)
        if question:
            issues += question_problems(question, last_paragraph)
        problems += [f"{path.name}: question {key or f'#{index}'}: {issue}" for issue in issues]
        if question and not issues:
            questions.append(question)
    return questions, problems


def _question(item: Any, known_topics: set[str], known_facts: set[str] | None) -> tuple[Question | None, list[str]]:
    """The question an entry describes, or None and why it cannot be read."""
    if not isinstance(item, dict):
        return None, ["not a mapping"]
    problems = [f"missing field '{f}'" for f in FIELDS if f not in item]
    problems += [f"unknown field '{f}'" for f in item if f not in FIELDS + OPTIONAL]
    if problems:
        return None, problems
    if not isinstance(item["id"], str) or not _SLUG.fullmatch(item["id"]):
        problems.append(f"id {item['id']!r} is not a lower-case slug (a-z, 0-9, -)")
    topics = item["topics"] if isinstance(item["topics"], list) else [item["topics"]]
    problems += [f"unknown topic {t!r}" for t in topics if not isinstance(t, str) or t not in known_topics]
    facts = item.get("facts") or []
    if not isinstance(facts, list):
        problems.append("facts must be a list of fact ids such as 'example:<id>'")
    elif known_facts is not None:
        problems += [f"unknown fact {f!r}" for f in facts if f not in known_facts]
    options = item["options"]
    if not isinstance(options, list) or not all(isinstance(o, dict) for o in options):
        problems.append("options must be a list of {zh: ..., en: ...}")
    for field in ("prompt", "explanation"):
        if not isinstance(item[field], dict):
            problems.append(f"{field} must be {{zh: ..., en: ...}}")
    if problems:
        return None, problems
    return _build(item, topics), []


def _build(item: dict[str, Any], topics: list[str]) -> Question:
    qid = f"curated:{item['id']}"
    texts = [{lang: str(o.get(lang) or "").strip() for lang in LANGS} for o in item["options"]]
    answer = item["answer"]
    if isinstance(answer, int) and not isinstance(answer, bool) and 0 <= answer < len(texts):
        right = texts[answer]
        options, answer = arrange(qid, right, texts[:answer] + texts[answer + 1 :])
    else:  # left as written: the answer check reports it
        right, options = {lang: "" for lang in LANGS}, {lang: [t[lang] for t in texts] for lang in LANGS}
    prompt = {lang: str(item["prompt"].get(lang) or "").strip() for lang in LANGS}
    context = {lang: str(item["explanation"].get(lang) or "").strip() for lang in LANGS}
    explanation = explain(right, context, item["paragraph"]) if all(context.values()) else context
    sources = tuple(item.get("facts") or [qid])
    return Question(qid, ("curated", *topics), prompt, options, answer, explanation, item["paragraph"], sources, context)
