"""Quiz helpers shared by the test modules: reading the question a practice quiz asks over REST (or Telegram,
or the web chat) and picking a wrong answer to it, and starting quiz sessions straight on the store."""

from __future__ import annotations

import re
import threading
import uuid

from actions.quiz import bank, sessions
from actions.quiz.practice import LETTERS
from actions.store import models as m
from actions.store.db import session
from actions.store.models import QuizItem

POOL = ["q1", "q2", "q3", "q4", "q5", "q6"]
_QUESTION = re.compile(r"(?:Question|第)\s*(\d+)/(\d+)\s*题?[:：]\s*(.+)")


def asked(messages: list[dict], lang: str, store_url: str):
    """The question the last message asks: the store's item its buttons name (several bank questions may
    share a prompt), checked against the text shown."""
    last = messages[-1]
    match = _QUESTION.match(last["text"].splitlines()[0])
    assert match, f"no question in {last['text']!r}"
    payloads = [b["payload"] for b in last["buttons"]]
    item = int(re.search(r'"item":(\d+)', payloads[0]).group(1))
    assert payloads == [f'/quiz_answer{{"choice":"{x}","item":{item}}}' for x in LETTERS]
    with session(store_url) as db:
        question = bank.question(db, db.get(QuizItem, item).question_id)
    assert question.prompt[lang] == match.group(3)
    assert last["text"].splitlines()[1:5] == [f"{x}. {o}" for x, o in zip(LETTERS, question.options[lang], strict=True)]
    return int(match.group(1)), question


def wrong(question) -> str:
    return LETTERS[(question.answer + 1) % 4]


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def begin(db, owner: str, *, size: int = 3, pool: list[str] = POOL, mode: str = "practice") -> m.QuizSession:
    """A quiz in the owner's own chat, planned in pool order."""
    return sessions.start(
        db, mode=mode, channel="rest", chat=owner, owner=owner, language="en", topic=None, size=size, pool=pool, chooser=list
    )


def run_together(count: int, work) -> list:
    """Run work(n) for n < count in threads released at the same moment."""
    gate, results = threading.Barrier(count), [None] * count

    def run(n):
        gate.wait()
        results[n] = work(n)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results
