"""Scoring a reply against an expected answer: the held-out and the blind question sets.

A reply is right when it holds every expected string (case, thousands separators, spaces between digits,
numbers written as words and "per cent" for "%" ignored: "Twenty" holds "20", "39 per cent" holds "39%"), cites
the expected paragraph, is in the asker's language and does not open by declining.
A question the report does not answer is right only when the reply declines at once, so that no
figure can be taken for the answer.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

_SEPARATORS = re.compile(r"(?<=\d)[ ,\u00a0\u2009](?=\d{3}(?!\d))")
_CITATIONS = re.compile(r"\(paras?\. ([^)]*)\)|（第([^）]*)段）")
_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen"
    " eighteen nineteen twenty"
).split()
_PER_CENT = re.compile(r"(?<=\d)\s*(?:per ?cent\b|%)")
_NUMBER_WORD = re.compile(rf"\b({'|'.join(_NUMBER_WORDS)})\b(?!-)")
_HAN = re.compile(r"[\u3400-\u9fff]")
_ENGLISH_WORD = re.compile(r"\b[a-z][a-z'-]+\b")
# How a reply says the report has no answer, in the first sentence: a fixed opening in each language.
# The closest-passage reply opens with "I found no exact answer" / "没有找到确切答案": it is labelled, not given
# as the answer.
DECLINES = re.compile(
    r"^(The report does not (give|say|answer|name|mention|discuss|cover)|I found no exact answer"
    r"|报告中?(没有|未)(给出|提供|提到|提及|说明|涉及|回答|包含|谈及|讨论|列出|这个问题的答案)"
    r"|没有找到确切答案)"
)


def cited(text: str) -> set[int]:
    """Paragraph numbers cited in a reply: "(para. 44)", "(paras. 3-5)", "（第44段）"."""
    numbers: set[int] = set()
    for match in _CITATIONS.finditer(text):
        for part in re.split(r"[,，、]\s*", (match.group(1) or match.group(2)).replace("…", "")):
            bounds = [int(n) for n in re.findall(r"\d+", part)]
            if len(bounds) == 2 and "-" in part:
                numbers.update(range(bounds[0], bounds[1] + 1))
            else:
                numbers.update(bounds)
    return numbers


def plain(text: str) -> str:
    text = _NUMBER_WORD.sub(lambda m: str(_NUMBER_WORDS.index(m.group(1))), text.replace("\u2009", " ").lower())
    return _PER_CENT.sub("%", _SEPARATORS.sub("", text))


def declines(reply: str) -> bool:
    return bool(DECLINES.match(reply.strip()))


def language_of(reply: str) -> str:
    """zh when Han characters outnumber English words; a reply of codes and numbers is taken as either."""
    han = len(_HAN.findall(reply))
    words = len(_ENGLISH_WORD.findall(re.sub(r"\([^)]*\)", "", reply)))
    return "zh" if han > words else "en"


def _holds(reply: str, expected: str | list[str]) -> bool:
    options = expected if isinstance(expected, list) else [expected]
    return any(plain(str(option)) in plain(reply) for option in options)


def correct(reply: str, item: dict[str, Any], lang: str) -> bool:
    if item.get("decline"):
        return declines(reply)
    paras = item["para"] if isinstance(item["para"], list) else [item["para"]]
    return (
        all(_holds(reply, e) for e in item["expect"])
        and bool(cited(reply) & set(paras))
        and not declines(reply)
        and language_of(reply) == item.get("reply_lang", lang)
    )


@dataclass
class Score:
    """Right answers per category, with the failures to print."""

    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    asked: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    failures: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)

    def add(self, item: dict[str, Any], reply: str, ok: bool) -> None:
        category = item.get("category", "all")
        self.asked[category] += 1
        self.right[category] += ok
        if not ok:
            asked = item.get("turns") or [item["q"]]
            want = "decline" if item.get("decline") else f"{item['expect']} (para. {item['para']})"
            self.failures.append(f"{item.get('id', '')} [{category}] {' / '.join(asked)!r} want {want}; got: {reply[:200]!r}")

    @property
    def total(self) -> float:
        return sum(self.right.values()) / max(1, sum(self.asked.values()))

    def of(self, category: str) -> float:
        return self.right[category] / max(1, self.asked[category])

    def table(self, name: str) -> str:
        rows = [f"{name}: {sum(self.right.values())}/{sum(self.asked.values())} = {self.total:.1%}"]
        rows += [f"  {c:<13} {self.right[c]}/{self.asked[c]} = {self.of(c):.1%}" for c in sorted(self.asked)]
        return "\n".join(rows)


Ask = Callable[[str, str], list[str]]  # (sender, message) -> the reply's texts


def run(items: Iterable[dict[str, Any]], ask: Ask, lang: str, sender: Callable[[], str]) -> Score:
    """Ask every item (every turn of a dialogue, under one sender) and score the last reply."""
    import time

    score = Score()
    for item in items:
        who = sender()
        reply = ""
        for turn in item.get("turns") or [item["q"]]:
            started = time.perf_counter()
            reply = "\n".join(ask(who, turn))
            score.latencies.append(time.perf_counter() - started)
        score.add(item, reply, correct(reply, item, lang))
    return score


def main() -> None:
    """`python -m tests.helpers.scoring URL FILE...`: score question files against a running Rasa server."""
    import argparse
    import uuid
    from pathlib import Path

    import httpx
    import yaml

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("url", help="the Rasa server, e.g. http://127.0.0.1:5005")
    parser.add_argument("files", nargs="+", type=Path, help="question files named en.yaml / zh.yaml")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every failure")
    args = parser.parse_args()
    with httpx.Client(timeout=60) as client:

        def ask(who: str, message: str) -> list[str]:
            response = client.post(f"{args.url}/webhooks/rest/webhook", json={"sender": who, "message": message})
            return [m.get("text", "") for m in response.json()] if response.status_code == 200 else []

        for path in args.files:
            items = yaml.safe_load(path.read_text(encoding="utf-8"))
            score = run(items, ask, path.stem, lambda: f"score-{uuid.uuid4().hex}")
            latencies = sorted(score.latencies)
            print(score.table(str(path)), f"\n  p50 {latencies[len(latencies) // 2] * 1000:.0f} ms")
            if args.verbose:
                print("\n".join(f"  FAIL {f}" for f in score.failures))


if __name__ == "__main__":
    main()
