"""End to end over REST: the real Rasa server and action server, a real store, held-out questions."""

from __future__ import annotations

import re
import statistics
import time
import uuid
from pathlib import Path

import pytest
import yaml

HELDOUT = Path(__file__).parent / "heldout"
_SEPARATORS = re.compile(r"(?<=\d)[ ,\u00a0](?=\d{3}(?!\d))")
TARGET = 0.95  # issue 3's goal per language
_CITATIONS = re.compile(r"\(paras?\. ([^)]*)\)|（第([^）]*)段）")


def cited(text: str) -> set[int]:
    numbers: set[int] = set()
    for match in _CITATIONS.finditer(text):
        for part in re.split(r"[,，、]\s*", (match.group(1) or match.group(2)).replace("…", "")):
            bounds = [int(n) for n in re.findall(r"\d+", part)]
            if len(bounds) == 2 and "-" in part:
                numbers.update(range(bounds[0], bounds[1] + 1))
            else:
                numbers.update(bounds)
    return numbers


def correct(answer: str, item: dict) -> bool:
    plain = _SEPARATORS.sub("", answer.replace("\u2009", " "))
    return all(_SEPARATORS.sub("", str(e)) in plain for e in item["expect"]) and item["para"] in cited(answer)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_heldout_questions(assistant, lang):
    items = yaml.safe_load((HELDOUT / f"{lang}.yaml").read_text(encoding="utf-8"))
    assert len(items) >= 150
    failures, latencies = [], []
    for item in items:
        started = time.perf_counter()
        status, texts = assistant.ask(f"heldout-{uuid.uuid4().hex}", item["q"])
        latencies.append(time.perf_counter() - started)
        answer = "\n".join(texts)
        if status != 200 or not correct(answer, item):
            failures.append((item["q"], item["expect"], item["para"], answer[:160].replace("\n", " ")))
    score = 1 - len(failures) / len(items)
    latencies.sort()
    print(f"\nheld-out [{lang}]: {len(items) - len(failures)}/{len(items)} = {score:.1%} (target {TARGET:.0%}); "
          f"latency median {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms")
    for q, expect, para, answer in failures:
        print(f"  FAIL {q!r} expected {expect} (para. {para}); got: {answer}")
    assert score >= TARGET


def test_conversation_in_context(assistant):
    sender = f"ctx-{uuid.uuid4().hex}"
    _, first = assistant.ask(sender, "How many peacekeepers have been killed by malicious acts since 1948?")
    assert "1,067" in first[0] and "(para. 44)" in first[0]
    _, follow = assistant.ask(sender, "and since 2013?")
    assert "331" in follow[0] and "(para. 44)" in follow[0]
    _, source = assistant.ask(sender, "where does it say that?")
    assert "Paragraph 44" in source[0]
    _, chinese = assistant.ask(sender, "请用中文")
    assert "中文" in chinese[0]
    _, answer = assistant.ask(sender, "what is priority 4?")
    assert "第36-44段" in answer[0]
    _, english = assistant.ask(sender, "answer in English")
    assert "English" in english[0]


def test_mission_then_it(assistant):
    sender = f"it-{uuid.uuid4().hex}"
    _, first = assistant.ask(sender, "联刚稳定团")
    assert "MONUSCO" in first[0] and "第" in first[0]
    _, more = assistant.ask(sender, "详细说说")
    assert "联刚稳定团" in more[0]


HOSTILE = ["", "   ", "x" * 5000, "🙂🙂🙂", "'; DROP TABLE statistics; --", "<script>alert(1)</script>",
           "<img src=x onerror=alert(1)>", "\x00\x01\x02", "/unknown_command", "SELECT * FROM paragraphs"]


@pytest.mark.parametrize("message", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_gets_a_polite_reply(assistant, message):
    status, texts = assistant.ask(f"hostile-{uuid.uuid4().hex}", message)
    assert status < 500
    assert texts and all(t.strip() for t in texts)
    _, after = assistant.ask("hostile-check", "第44段")
    assert "1 067" in after[0]
