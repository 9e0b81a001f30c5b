"""Calibrate the answerability thresholds (data/understanding/calibration.yaml) on the development sets.

    .venv/bin/python scripts/calibrate.py          # print the table and the chosen values
    .venv/bin/python scripts/calibrate.py --write  # and write them

Development sets: tests/heldout/{en,zh}.yaml (questions the report answers) and the single-turn items of
tests/dev/{en,zh}.yaml and tests/dev2/{en,zh}.yaml (with questions it does not answer). Never the blind set.
Each question is answered with every threshold open, recording the signals of the fact that would be given (BM25 score, cosine
similarity, whether the question holds words the report never uses, and for a "how many" question how
close it is to what the statistic counts) and whether that fact's reply is right. Then, per language,
over a grid of BM25 weights, `unknown_cosine` and `label_cosine` values, the `answer` threshold on
relevance = weight * BM25 + cosine is chosen that keeps KEEP_ANSWERED of the right answers (the held-out
target comes first) and, among those, declines at least DECLINE_TARGET of the questions the report does not
answer if it can, with the most replies right.
`closest` is set where ANSWERED_SHOWN of the right answers would still be shown as a closest passage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from actions import replies  # noqa: E402
from actions.actions import _reply, understand  # noqa: E402
from actions.context import Context  # noqa: E402
from actions.store.db import session  # noqa: E402
from nlu.names import NameMatcher, extract, store_names  # noqa: E402
from tests.helpers.scoring import correct, declines  # noqa: E402

DEVELOPMENT = ("dev", "dev2")  # tests/dev by the developers, tests/dev2 by a helper from the source text alone
CALIBRATION = ROOT / "data" / "understanding" / "calibration.yaml"
OPEN = {"answer": float("-inf"), "closest": float("-inf"), "unknown_cosine": float("-inf"), "label_cosine": float("-inf")}
WEIGHTS = (0.0, 0.005, 0.01, 0.015, 0.02, 0.03, 0.05)
UNKNOWN_COSINES = (0.0, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 1.0)
LABEL_COSINES = (0.0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
DECLINE_TARGET = 0.9
KEEP_ANSWERED = 0.98
ANSWERED_SHOWN = 0.95


def observations(lang: str, matcher: NameMatcher) -> list[tuple[bool, bool, tuple[float, float] | None]]:
    """(answerable, right if given, (bm25, cosine) when a threshold decides, else None) per question."""
    items = yaml.safe_load((ROOT / "tests" / "heldout" / f"{lang}.yaml").read_text(encoding="utf-8"))
    for folder in DEVELOPMENT:
        items += [i for i in yaml.safe_load((ROOT / "tests" / folder / f"{lang}.yaml").read_text(encoding="utf-8")) if "q" in i]
    seen = []
    with session() as db:
        for item in items:
            entities = [{"start": s, "end": e, "entity": n, "value": v} for s, e, n, v in extract(item["q"], matcher)]
            finding, _ = understand(db, item["q"], entities, Context(), lang, limits=OPEN)
            reply = _reply(finding, lang)
            if finding.signals is not None:
                given = replies.fact_answer(finding.top, lang) if finding.top else reply
                seen.append(
                    (not item.get("decline"), correct(given, item, lang) if not item.get("decline") else False, finding.signals)
                )
            else:
                seen.append(
                    (not item.get("decline"), correct(reply, item, lang) or (item.get("decline") and declines(reply)), None)
                )
    return seen


def given(signals, weight: float, answer: float, unknown: float, label: float) -> bool:
    """Whether a ranked fact is given as the answer with these values (as answering.answerable decides)."""
    bm25, cosine, missing, counts = signals
    return weight * bm25 + cosine >= answer and not (missing and cosine < unknown) and counts >= label


def right(seen, weight: float, answer: float, unknown: float, label: float) -> tuple[int, float]:
    """Replies right with these values, and the share of unanswerable questions declined."""
    count, declined, unanswerable = 0, 0, 0
    for answerable, ok, signals in seen:
        given_ = signals is None or given(signals, weight, answer, unknown, label)
        if answerable:
            count += bool(ok and given_)
        else:
            unanswerable += 1
            declined += bool(ok if signals is None else not given_)
            count += bool(ok if signals is None else not given_)
    return count, declined / max(1, unanswerable)


def answered_right(seen, values) -> int:
    return sum(1 for a, ok, s in seen if a and ok and (s is None or given(s, *values)))


def choose(seen) -> dict[str, float]:
    # Keep KEEP_ANSWERED of the answers that are right with every threshold open; within that, most right.
    floor = KEEP_ANSWERED * answered_right(seen, (0.0, float("-inf"), float("-inf"), float("-inf")))
    best = None
    for weight in WEIGHTS:
        values = sorted({weight * s[0] + s[1] for _, _, s in seen if s is not None})
        for unknown in UNKNOWN_COSINES:
            for label in LABEL_COSINES:
                for answer in values:
                    count, declined = right(seen, weight, answer, unknown, label)
                    kept = answered_right(seen, (weight, answer, unknown, label))
                    if kept >= floor and (best is None or (declined >= DECLINE_TARGET, count) > best[0]):
                        best = ((declined >= DECLINE_TARGET, count), weight, answer, unknown, label)
    _, weight, answer, unknown, label = best or (0, 0.0, 1.0, 1.0, 1.0)
    shown = sorted(weight * s[0] + s[1] for a, ok, s in seen if s is not None and a and ok)
    closest = shown[int(len(shown) * (1 - ANSWERED_SHOWN))] if shown else answer
    return {
        "bm25_weight": weight,
        "answer": round(answer, 4),
        "closest": round(min(closest, answer), 4),
        "unknown_cosine": unknown,
        "label_cosine": label,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    matcher = NameMatcher(store_names())
    calibration = yaml.safe_load(CALIBRATION.read_text(encoding="utf-8"))
    for lang in ("en", "zh"):
        seen = observations(lang, matcher)
        chosen = choose(seen)
        values = chosen["bm25_weight"], chosen["answer"], chosen["unknown_cosine"], chosen["label_cosine"]
        count, declined = right(seen, *values)
        answered = answered_right(seen, values)
        print(
            f"{lang}: {chosen}; right {count}/{len(seen)}: answerable {answered}/{sum(a for a, _, _ in seen)}, "
            f"unanswerable declined {declined:.0%}"
        )
        calibration["thresholds"][lang] = chosen
    if args.write:
        text = CALIBRATION.read_text(encoding="utf-8")
        header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
        body = yaml.safe_dump(
            {k: v for k, v in calibration.items()}, sort_keys=False, allow_unicode=True, default_flow_style=None
        )
        CALIBRATION.write_text(header + body, encoding="utf-8")


if __name__ == "__main__":
    main()
