"""The fixed workload (held-out questions as multi-turn conversations) and how turns are driven and summed up."""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import yaml

HELDOUT = Path(__file__).resolve().parents[1] / "tests" / "heldout"
TIMEOUT = 30  # seconds a turn may take before it counts as an error


def questions(heldout: Path = HELDOUT) -> list[str]:
    """English and Chinese held-out questions, alternating, in file order."""
    by_lang = [
        [item["q"] for item in yaml.safe_load(path.read_text(encoding="utf-8"))] for path in sorted(heldout.glob("*.yaml"))
    ]
    return [q for pair in zip(*by_lang, strict=True) for q in pair]


def conversation(pool: list[str], index: int, turns: int) -> list[str]:
    """The index-th conversation: the next `turns` questions of the pool, wrapping around."""
    return [pool[(index * turns + j) % len(pool)] for j in range(turns)]


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list (0 for an empty one)."""
    if not sorted_values:
        return 0.0
    return sorted_values[max(1, math.ceil(p / 100 * len(sorted_values))) - 1]


@dataclass
class Tally:
    """Turns of one bot at one level, summed over its interleaved phases."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    def add(self, other: Tally) -> None:
        self.latencies += other.latencies
        self.errors += other.errors
        self.seconds += other.seconds

    def summary(self) -> dict[str, float]:
        ordered = sorted(self.latencies)
        ms = {f"p{p}_ms": round(percentile(ordered, p) * 1000, 1) for p in (50, 95, 99)}
        return {
            **ms,
            "turns": len(ordered),
            "errors": self.errors,
            "msg_per_s": round(len(ordered) / self.seconds, 2) if self.seconds else 0.0,
        }


async def turn(client: aiohttp.ClientSession, url: str, sender: str, text: str, tally: Tally) -> float | None:
    """One message to a bot's REST channel; its latency, or None (counted as an error) on failure."""
    started = time.perf_counter()
    try:
        async with client.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}) as response:
            await response.read()
            ok = response.status == 200
    except (aiohttp.ClientError, asyncio.TimeoutError):
        ok = False
    if not ok:
        tally.errors += 1
        return None
    latency = time.perf_counter() - started
    tally.latencies.append(latency)
    return latency


def client(users: int) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=max(users, 1)), timeout=aiohttp.ClientTimeout(total=TIMEOUT)
    )


async def unloaded(url: str, pool: list[str], tag: str, conversations: int, turns: int, pause: float) -> Tally:
    """One user at a time with a pause between turns, so every turn meets idle servers."""
    tally = Tally()
    async with client(1) as http:
        for c in range(conversations):
            for text in conversation(pool, c, turns):
                await turn(http, url, f"{tag}-{c}", text, tally)
                await asyncio.sleep(pause)
    tally.seconds = 0.0  # not a throughput measure
    return tally


async def loaded(url: str, pool: list[str], tag: str, users: int, turns: int, seconds: float) -> Tally:
    """`users` users, each starting conversation after conversation with no think time, for `seconds`."""
    tally = Tally()
    deadline = time.monotonic() + seconds

    async def user(u: int, http: aiohttp.ClientSession) -> None:
        c = 0
        while time.monotonic() < deadline:
            index = u + c * users
            for text in conversation(pool, index, turns):
                if time.monotonic() >= deadline:
                    return
                await turn(http, url, f"{tag}-{u}-{c}", text, tally)
            c += 1

    started = time.monotonic()
    async with client(users) as http:
        await asyncio.gather(*(user(u, http) for u in range(users)))
    tally.seconds = time.monotonic() - started
    return tally
