"""The benchmark's own logic (not its timings): workload, percentiles, targets, the scaled store."""

from __future__ import annotations

import pytest

from actions.facts.files import read_report
from actions.facts.loader import load
from bench.__main__ import report, targets
from bench.servers import free_ports
from bench.synthetic import scaled
from bench.workload import Tally, conversation, percentile, questions


def test_workload_alternates_languages_and_wraps():
    pool = questions()
    assert len(pool) >= 300 and pool[0].isascii() and not pool[1].isascii()
    assert conversation(pool, 0, 5) == pool[:5]
    assert conversation(pool, len(pool), 1) == [pool[0]]
    assert conversation(["a", "b", "c"], 1, 4) == ["b", "c", "a", "b"]


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert (percentile(values, 50), percentile(values, 95), percentile(values, 99)) == (50, 95, 99)
    assert percentile([0.2], 99) == 0.2 and percentile([], 50) == 0
    summary = Tally([0.01, 0.02, 0.03, 0.04], errors=1, seconds=2).summary()
    assert summary == {"p50_ms": 20.0, "p95_ms": 40.0, "p99_ms": 40.0, "turns": 4, "errors": 1, "msg_per_s": 2.0}


def test_targets_and_report():
    level = {"p50_ms": 30, "p95_ms": 50, "p99_ms": 60, "errors": 0, "msg_per_s": 50, "turns": 10}
    starter = {"p50_ms": 50, "p95_ms": 60, "p99_ms": 70, "errors": 0, "msg_per_s": 20, "turns": 10}
    result = {
        "levels": {
            "unloaded": {"assistant": level, "starter": starter},
            "50 users": {"assistant": level, "starter": {**starter, "msg_per_s": 30}},
        },
        "memory_mb": {"assistant": {"rasa": 500, "total": 700}, "starter": {"rasa": 1100, "total": 1100}},
        "first_answer_s": {"assistant": 20, "starter": 40},
        "training_s": {"assistant": 20, "starter": 90},
        "long_turns": 200,
        "long": {
            "assistant": {"first_p50_ms": 20, "last_p50_ms": 24, "fresh_p50_ms": 22, "errors": 0, "window": 20, "growth": 0.091}
        },
    }
    found = targets(result)
    assert not found.pop("50 users: >= 2x starter msg/s") and all(found.values())
    result["targets"] = targets(result)
    table = report(result)
    assert "| 50 users | 30 / 50 / 60 | 50 | 0 |" in table and "| 1.67 | 0.6 |" in table
    assert "FAIL: 50 users: >= 2x starter msg/s" in table and "700 (rasa 500)" in table
    assert "of the last 24 ms, of the same questions in a new conversation at the same moments 22 ms (+9%)" in table


@pytest.mark.server  # loads a store three times the report (slow; see pytest.ini)
def test_scaled_store_loads_with_n_times_the_facts(tmp_path):
    data = read_report()
    added = load(scaled(data, 3), f"sqlite:///{tmp_path / 'x3.db'}").added
    assert added["statistics"] == 3 * len(data["statistic"]) and added["paragraphs"] == 3 * len(data["paragraph"])
    assert added["missions"] == len(data["mission"])


def test_free_ports_are_different():
    assert len(set(free_ports(20))) == 20
