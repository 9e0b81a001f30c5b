"""The Rasa server's turn gate (bot.admission): a bounded number of turns at once, the rest in arrival order, turned
away after a bounded wait."""

from __future__ import annotations

import asyncio

import pytest

from bot.admission import TurnGate


async def _turn(gate: TurnGate, name: str, seconds: float, log: list[str]) -> bool:
    async with gate.turn() as admitted:
        if admitted:
            log.append(f"start {name}")
            await asyncio.sleep(seconds)
            log.append(f"end {name}")
        return admitted


def test_turns_beyond_the_slots_wait_and_run_in_arrival_order():
    async def run() -> tuple[list[bool], list[str], TurnGate]:
        gate, log = TurnGate(slots=2, wait=5), []
        tasks = []
        for n in range(5):
            tasks.append(asyncio.create_task(_turn(gate, str(n), 0.05, log)))
            await asyncio.sleep(0)  # each arrives after the one before
        return list(await asyncio.gather(*tasks)), log, gate

    admitted, log, gate = asyncio.run(run())
    assert admitted == [True] * 5
    assert [e for e in log if e.startswith("start")] == [f"start {n}" for n in range(5)]
    assert log[:3] == ["start 0", "start 1", "end 0"]  # never more than two at once
    assert (gate.running, gate.waiting) == (0, 0)


def test_a_turn_that_waits_too_long_is_turned_away_and_frees_nothing():
    async def run() -> tuple[list[bool], TurnGate, bool]:
        gate, log = TurnGate(slots=1, wait=0.1), []
        results = await asyncio.gather(_turn(gate, "long", 0.3, log), _turn(gate, "late", 0.01, log))
        after = await _turn(gate, "after", 0.01, log)  # the slot came back when the long turn ended
        return list(results), gate, after

    results, gate, after = asyncio.run(run())
    assert results == [True, False] and after
    assert (gate.running, gate.waiting) == (0, 0)


def test_a_cancelled_waiting_turn_leaves_the_line():
    async def run() -> TurnGate:
        gate, log = TurnGate(slots=1, wait=5), []
        first = asyncio.create_task(_turn(gate, "first", 0.1, log))
        await asyncio.sleep(0)
        gone = asyncio.create_task(_turn(gate, "gone", 0.01, log))
        await asyncio.sleep(0.01)
        assert gate.waiting == 1
        gone.cancel()
        await asyncio.gather(first, gone, return_exceptions=True)
        assert await _turn(gate, "next", 0.01, log)
        return gate

    gate = asyncio.run(run())
    assert (gate.running, gate.waiting) == (0, 0)


def test_a_gate_needs_a_slot_and_a_wait():
    with pytest.raises(ValueError):
        TurnGate(0, 5)
    with pytest.raises(ValueError):
        TurnGate(1, 0)
