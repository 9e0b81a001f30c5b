"""`make bench` (python -m bench): the assistant and Rasa's starter bot side by side; see the README."""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path

from actions.facts.files import read_report
from actions.facts.loader import load
from bench import servers
from bench.synthetic import scaled
from bench.workload import Tally, conversation, loaded, questions, turn, unloaded
from bench.workload import client as http_client

RESULTS = servers.ROOT / "results"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--users", default="1,10,50", help="concurrency levels (comma-separated)")
    parser.add_argument("--seconds", type=float, default=20, help="length of each loaded phase")
    parser.add_argument("--rounds", type=int, default=2, help="phases per bot and level, alternating which goes first")
    parser.add_argument("--turns", type=int, default=5, help="turns per conversation")
    parser.add_argument("--unloaded", type=int, default=12, help="conversations per unloaded phase")
    parser.add_argument("--pause", type=float, default=0.1, help="seconds between unloaded turns")
    parser.add_argument("--scale", type=int, default=10, help="fact store multiple for the scale run (0: skip)")
    parser.add_argument("--long", type=int, default=200, help="turns of the long conversation (0: skip)")
    return parser.parse_args()


async def _interleaved(bots: list[servers.Bot], rounds: int, phase) -> dict[str, Tally]:
    """`rounds` phases per bot, each round reversing the order, so load and drift hit every bot alike."""
    tallies = {bot.name: Tally() for bot in bots}
    for r in range(rounds):
        for bot in bots if r % 2 == 0 else bots[::-1]:
            tallies[bot.name].add(await phase(bot, f"bench-{bot.name}-{r}-{time.time_ns()}"))
    return tallies


async def _levels(bots: list[servers.Bot], pool: list[str], args: argparse.Namespace) -> dict[str, dict]:
    levels: dict[str, dict] = {}
    tallies = await _interleaved(
        bots, args.rounds, lambda bot, tag: unloaded(bot.url, pool, tag, args.unloaded, args.turns, args.pause)
    )
    levels["unloaded"] = {name: t.summary() for name, t in tallies.items()}
    for users in (int(u) for u in args.users.split(",")):
        tallies = await _interleaved(
            bots, args.rounds, lambda bot, tag, users=users: loaded(bot.url, pool, tag, users, args.turns, args.seconds)
        )
        levels[f"{users} users"] = {name: t.summary() for name, t in tallies.items()}
    return levels


async def _long(bots: list[servers.Bot], pool: list[str], turns: int, pause: float) -> dict[str, dict]:
    """One conversation of `turns` turns per bot, turn by turn in alternation. Its last 20 turns repeat its first
    20 questions, each also asked at the same moment in a new conversation (which of the two goes first
    alternates, as a text's parse is kept): the growth is the last 20 turns' p50 against the new conversation's,
    so that only the conversation's length differs, not the load of a shared machine minutes later."""
    window = min(20, turns // 2)
    texts = conversation(pool, 0, turns - window)
    texts += texts[:window]
    tallies = {bot.name: Tally() for bot in bots}
    stamp = time.time_ns()
    senders = {bot.name: f"bench-long-{bot.name}-{stamp}" for bot in bots}
    fresh = {bot.name: f"bench-fresh-{bot.name}-{stamp}" for bot in bots}
    latencies: dict[str, list[float | None]] = {bot.name: [] for bot in bots}
    controls: dict[str, list[float | None]] = {bot.name: [] for bot in bots}
    async with http_client(1) as http:
        for i, text in enumerate(texts):
            for bot in bots:
                if i < len(texts) - window:
                    latencies[bot.name].append(await turn(http, bot.url, senders[bot.name], text, tallies[bot.name]))
                    await asyncio.sleep(pause)
                    continue
                pair = [(senders, latencies), (fresh, controls)]
                for who, into in pair if i % 2 else pair[::-1]:
                    into[bot.name].append(await turn(http, bot.url, who[bot.name], text, tallies[bot.name]))
                    await asyncio.sleep(pause)
    out = {}
    for name, values in latencies.items():
        first, last, control = (
            Tally([v for v in part if v is not None]) for part in (values[:window], values[-window:], controls[name])
        )
        out[name] = {
            "first_p50_ms": first.summary()["p50_ms"],
            "last_p50_ms": last.summary()["p50_ms"],
            "fresh_p50_ms": control.summary()["p50_ms"],
            "errors": tallies[name].errors,
            "window": window,
        }
        out[name]["growth"] = round(out[name]["last_p50_ms"] / out[name]["fresh_p50_ms"] - 1, 3)
    return out


def _start(make, question: str, bots: list[servers.Bot], attempts: int = 3) -> servers.Bot:
    """Start a bot alone (so its start time is its own) and add it to `bots`, which are stopped at the end;
    again on new ports when it exits at start (another process may take a free port before it binds)."""
    while True:
        bot = make()
        print(f"Starting {bot.name}...", flush=True)
        bots.append(bot)
        try:
            print(f"  {bot.name} answered {bot.wait_for_answer(question)} s after start", flush=True)
            return bot
        except RuntimeError:
            bots.remove(bot)
            bot.stop()
            attempts -= 1
            if not attempts:
                raise


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if b else None


def targets(result: dict) -> dict[str, bool]:
    """The issue's targets, each measured against the starter in the same run."""
    levels, memory = result["levels"], result["memory_mb"]
    a, s = levels["unloaded"]["assistant"], levels["unloaded"]["starter"]
    out = {
        "unloaded p50 <= 0.7x starter": a["p50_ms"] <= 0.7 * s["p50_ms"],
        "unloaded p95 <= starter": a["p95_ms"] <= s["p95_ms"],
    }
    if "50 users" in levels:
        a, s = levels["50 users"]["assistant"], levels["50 users"]["starter"]
        out["50 users: >= 2x starter msg/s"] = a["msg_per_s"] >= 2 * s["msg_per_s"]
        out["50 users: 0 errors"] = a["errors"] == 0
        out["50 users: p95 < starter"] = a["p95_ms"] < s["p95_ms"]
    out["total RSS <= starter"] = memory["assistant"]["total"] <= memory["starter"]["total"]
    out["start to first answer <= 30 s"] = result["first_answer_s"]["assistant"] <= 30
    out["training <= 4 min"] = result["training_s"]["assistant"] <= 240
    if "scale" in result:
        out[f"{result['scale']['factor']}x facts: p50 +< 25%"] = result["scale"]["growth"] < 0.25
    if "long" in result:
        out[f"{result['long']['assistant']['window']}-turn windows of a long conversation: p50 +< 25%"] = (
            result["long"]["assistant"]["growth"] < 0.25
        )
    return out


def report(result: dict) -> str:
    """The result as Markdown tables."""
    lines = [
        "| level | assistant p50 / p95 / p99 ms | msg/s | errors | starter p50 / p95 / p99 ms | msg/s | errors "
        "| msg/s ratio | p50 ratio | p95 ratio |",
        "|---" * 10 + "|",
    ]
    for level, bots in result["levels"].items():
        a, s = bots["assistant"], bots["starter"]
        lines.append(
            f"| {level} | {a['p50_ms']:.0f} / {a['p95_ms']:.0f} / {a['p99_ms']:.0f} | {a['msg_per_s'] or '-'} "
            f"| {a['errors']} | {s['p50_ms']:.0f} / {s['p95_ms']:.0f} / {s['p99_ms']:.0f} "
            f"| {s['msg_per_s'] or '-'} | {s['errors']} | {_ratio(a['msg_per_s'], s['msg_per_s']) or '-'} "
            f"| {_ratio(a['p50_ms'], s['p50_ms'])} | {_ratio(a['p95_ms'], s['p95_ms'])} |"
        )
    lines += ["", "| | assistant | starter |", "|---|---|---|"]
    memory = {
        name: f"{m['total']:.0f} ({', '.join(f'{k} {v:.0f}' for k, v in m.items() if k != 'total')})"
        for name, m in result["memory_mb"].items()
    }
    lines.append(f"| peak RSS, MB | {memory['assistant']} | {memory['starter']} |")
    for key, label in (("first_answer_s", "start to first answer, s"), ("training_s", "full training, s")):
        lines.append(f"| {label} | {result[key]['assistant']} | {result[key]['starter']} |")
    if "scale" in result:
        scale = result["scale"]
        lines.append(
            f"\n{scale['factor']}x facts ({scale['facts']} search documents): unloaded p50 "
            f"{scale['p50_ms']:.0f} ms against {scale['base_p50_ms']:.0f} ms ({scale['growth']:+.0%})."
        )
    if "long" in result:
        for name, long in result["long"].items():
            lines.append(
                f"{result['long_turns']}-turn conversation, {name}: p50 of the first {long['window']} turns "
                f"{long['first_p50_ms']:.0f} ms, of the last {long['last_p50_ms']:.0f} ms, of the same questions in a "
                f"new conversation at the same moments {long['fresh_p50_ms']:.0f} ms ({long['growth']:+.0%})."
            )
    lines += ["", *(f"- {'PASS' if ok else 'FAIL'}: {name}" for name, ok in result["targets"].items())]
    return "\n".join(lines)


def _scale_run(args, workdir: Path, pool: list[str], sampler: servers.Sampler) -> dict:
    """The unloaded workload against two new assistants, started and warmed alike, on the real store and on
    `args.scale` times its facts. Not the assistant of the earlier phases: it has asked every workload text already,
    so it would answer from what Rasa's parses and the action server's question vectors keep by text while the other
    computes them."""
    url = f"sqlite:///{workdir / f'facts-{args.scale}x.db'}"
    print(f"Building a store of {args.scale}x the facts...", flush=True)
    counts = load(scaled(read_report(), args.scale), url).added
    pair: list[servers.Bot] = []
    try:
        for name, database in (("assistant-1x", None), (f"assistant-{args.scale}x", url)):
            pair.append(_start(lambda name=name, database=database: servers.assistant(name, database), pool[0], sampler.bots))
        asyncio.run(_warm(pair, pool))
        tallies = asyncio.run(
            _interleaved(pair, args.rounds, lambda bot, tag: unloaded(bot.url, pool, tag, args.unloaded, args.turns, args.pause))
        )
    finally:
        for bot in pair:
            sampler.bots.remove(bot)
            bot.stop()
    base, big = (tallies[bot.name].summary()["p50_ms"] for bot in pair)
    return {
        "factor": args.scale,
        "facts": counts["search_docs"],
        "base_p50_ms": base,
        "p50_ms": big,
        "growth": round(big / base - 1, 3),
    }


async def _warm(bots: list[servers.Bot], pool: list[str]) -> None:
    """A few turns first, so lazy loading is not measured."""
    for bot in bots:
        await unloaded(bot.url, pool, f"bench-warm-{bot.name}", 2, 5, 0)


def main() -> None:
    args = _arguments()
    pool = questions()
    result: dict = {"started": time.strftime("%Y-%m-%dT%H:%M:%S"), "settings": vars(args)}
    project, starter_training = servers.starter_project()
    result["training_s"] = {"assistant": servers.assistant_training(), "starter": starter_training}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        workdir = Path(tmp)
        bots: list[servers.Bot] = []
        sampler = servers.Sampler(bots)
        sampler.start()
        try:
            _start(servers.assistant, pool[0], bots)
            _start(lambda: servers.starter(project), pool[0], bots)
            result["first_answer_s"] = {bot.name: bot.first_answer_s for bot in bots}
            asyncio.run(_warm(bots, pool))
            print("Measuring...", flush=True)
            result["levels"] = asyncio.run(_levels(bots, pool, args))
            if args.long:
                result["long_turns"] = args.long
                result["long"] = asyncio.run(_long(bots, pool, args.long, args.pause / 2))
            if args.scale:
                result["scale"] = _scale_run(args, workdir, pool, sampler)
        finally:
            sampler.stop()
            for bot in bots:
                bot.stop()
    result["memory_mb"] = {
        bot.name: {**{k: round(v) for k, v in bot.peak.items()}, "total": round(bot.peak_total)} for bot in bots
    }
    result["targets"] = targets(result)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(report(result))
    print(f"\nWritten to {path.relative_to(servers.ROOT)}")


if __name__ == "__main__":
    main()
