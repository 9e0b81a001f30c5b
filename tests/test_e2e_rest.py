"""End to end over REST: the real Rasa server and action server, a real store, held-out questions."""

from __future__ import annotations

import statistics
import uuid
from pathlib import Path

import pytest
import yaml

from tests.helpers.scoring import Score, run

pytestmark = pytest.mark.server  # needs a running server (see pytest.ini)

TESTS = Path(__file__).parent
HELDOUT_TARGET = 0.97  # issue 9: the held-out sets stay at or above 97%
# Issue 9 asks 92% per language, 90% per category and 90% of the unanswerable declined (the out-of-scope category)
# on the blind set: all met since session 44 (English dialogues 42 of 46, see the README's "How well it answers").
BLIND_FLOOR = {"en": 0.92, "zh": 0.92}
CATEGORY_FLOOR = 0.90


def _report(name: str, score: Score) -> None:
    latencies = sorted(score.latencies)
    print(
        f"\n{score.table(name)}\n  latency median {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms"
    )
    for failure in score.failures:
        print(f"  FAIL {failure}")


def _ask(assistant):
    return lambda sender, message: assistant.ask(sender, message)[1]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_heldout_questions(assistant, lang):
    items = yaml.safe_load((TESTS / "heldout" / f"{lang}.yaml").read_text(encoding="utf-8"))
    assert len(items) >= 150
    score = run(items, _ask(assistant), lang, lambda: f"heldout-{uuid.uuid4().hex}")
    _report(f"held-out [{lang}] (target {HELDOUT_TARGET:.0%})", score)
    assert score.total >= HELDOUT_TARGET


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_blind_questions(assistant, lang):
    """Questions written from the source text by someone who saw neither the training data nor the code."""
    items = yaml.safe_load((TESTS / "blind" / f"{lang}.yaml").read_text(encoding="utf-8"))
    assert len(items) >= 120
    score = run(items, _ask(assistant), lang, lambda: f"blind-{uuid.uuid4().hex}")
    _report(f"blind [{lang}] (issue 9 target 92%, every category 90%)", score)
    assert score.total >= BLIND_FLOOR[lang]
    assert all(score.of(category) >= CATEGORY_FLOOR for category in score.asked)


def test_conversation_in_context(assistant):
    sender = f"ctx-{uuid.uuid4().hex}"
    _, first = assistant.ask(sender, "How many peacekeepers have been killed by malicious acts since 1948?")
    assert "1,067" in first[0] and "(para. 44)" in first[0]
    _, follow = assistant.ask(sender, "and since 2013?")
    assert "331" in follow[0] and "(para. 44)" in follow[0]
    _, source = assistant.ask(sender, "where does it say that?")
    assert "Paragraph 44" in source[0]
    _, chinese = assistant.ask(sender, "请用中文")  # the last answer again, in Chinese
    assert "331" in chinese[0] and "（第44段）" in chinese[0]
    _, answer = assistant.ask(sender, "what is priority 4?")
    assert "第36-44段" in answer[0]
    _, english = assistant.ask(sender, "answer in English")
    assert "(paras. 36-44)" in english[0]


def test_a_year_the_report_gives_no_figure_for_is_declined(assistant):
    sender = f"year-{uuid.uuid4().hex}"
    assistant.ask(sender, "How many peacekeepers have been killed by malicious acts since 1948?")
    _, reply = assistant.ask(sender, "so exactly how many in 2016?")
    assert reply[0].startswith("The report does not give a figure for 2016.")
    assert "not the figure you asked for" in reply[0]


def test_a_correction_re_asks_with_the_new_mission(assistant):
    sender = f"fix-{uuid.uuid4().hex}"
    assistant.ask(sender, "联刚稳定团在内罗毕进程中做了什么？")
    _, reply = assistant.ask(sender, "不对，我问的是妇女参与的比例")
    assert "40%" in reply[0] and "（第61段）" in reply[0]


def test_mission_then_it(assistant):
    sender = f"it-{uuid.uuid4().hex}"
    _, first = assistant.ask(sender, "联刚稳定团")
    assert "MONUSCO" in first[0] and "第" in first[0]
    _, more = assistant.ask(sender, "详细说说")
    assert "联刚稳定团" in more[0]


HOSTILE = [
    "",
    "   ",
    "x" * 5000,
    "🙂🙂🙂",
    "'; DROP TABLE statistics; --",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\x00\x01\x02",
    "/unknown_command",
    "SELECT * FROM paragraphs",
]


@pytest.mark.parametrize("message", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_gets_a_polite_reply(assistant, message):
    status, texts = assistant.ask(f"hostile-{uuid.uuid4().hex}", message)
    assert status < 500
    assert texts and all(t.strip() for t in texts)
    _, after = assistant.ask("hostile-check", "第44段")
    assert "1 067" in after[0]
