"""Calibrate the answerability thresholds (data/understanding/calibration.yaml) on the development sets.

    .venv/bin/python scripts/calibrate.py          # print the table and the chosen values
    .venv/bin/python scripts/calibrate.py --write  # and write them

Development sets: tests/heldout/{en,zh}.yaml (questions the report answers) and the single-turn items of
tests/dev/{en,zh}.yaml (with questions it does not answer). Never the blind set. Each question is answered
with every threshold open, recording the BM25 score and cosine similarity of the fact that would be
given and whether that fact's reply is right. Then, per language, for each BM25 weight on a grid, the
`answer` threshold on relevance = weight * BM25 + cosine that gets the most replies right while declining
at least DECLINE_TARGET of the questions the report does not answer is chosen; the best weight wins.
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
from nlu.entities import NameMatcher, extract, store_names  # noqa: E402
from tests.helpers.scoring import correct, declines  # noqa: E402

CALIBRATION = ROOT / "data" / "understanding" / "calibration.yaml"
OPEN = {"answer": float("-inf"), "closest": float("-inf"), "unknown_cosine": float("-inf")}
WEIGHTS = (0.0, 0.005, 0.01, 0.015, 0.02, 0.03, 0.05)
UNKNOWN_COSINES = (0.0, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 1.0)
DECLINE_TARGET = 0.9
ANSWERED_SHOWN = 0.95


def observations(lang: str, matcher: NameMatcher) -> list[tuple[bool, bool, tuple[float, float] | None]]:
    """(answerable, right if given, (bm25, cosine) when a threshold decides, else None) per question."""
    items = yaml.safe_load((ROOT / "tests" / "heldout" / f"{lang}.yaml").read_text(encoding="utf-8"))
    items += [i for i in yaml.safe_load((ROOT / "tests" / "dev" / f"{lang}.yaml").read_text(encoding="utf-8"))
              if "q" in i]
    seen = []
    with session() as db:
        for item in items:
            entities = [{"start": s, "end": e, "entity": n, "value": v} for s, e, n, v in extract(item["q"], matcher)]
            finding, _ = understand(db, item["q"], entities, Context(), lang, limits=OPEN)
            reply = _reply(finding, lang)
            if finding.signals is not None:
                given = replies.fact_answer(finding.top, lang) if finding.top else reply
                seen.append((not item.get("decline"), correct(given, item, lang) if not item.get("decline") else False,
                             finding.signals))
            else:
                seen.append((not item.get("decline"), correct(reply, item, lang) or (item.get("decline") and declines(reply)),
                             None))
    return seen


def given(signals, weight: float, answer: float, unknown: float) -> bool:
    """Whether a ranked fact is given as the answer with these values (as answering.answerable decides)."""
    bm25, cosine, missing = signals
    return weight * bm25 + cosine >= answer and not (missing and cosine < unknown)


def right(seen, weight: float, answer: float, unknown: float) -> tuple[int, float]:
    """Replies right with these values, and the share of unanswerable questions declined."""
    count, declined, unanswerable = 0, 0, 0
    for answerable, ok, signals in seen:
        given_ = signals is None or given(signals, weight, answer, unknown)
        if answerable:
            count += bool(ok and given_)
        else:
            unanswerable += 1
            declined += bool(ok if signals is None else not given_)
            count += bool(ok if signals is None else not given_)
    return count, declined / max(1, unanswerable)


def choose(seen) -> dict[str, float]:
    best = None
    for weight in WEIGHTS:
        values = sorted({weight * s[0] + s[1] for _, _, s in seen if s is not None})
        for unknown in UNKNOWN_COSINES:
            for answer in values:
                count, declined = right(seen, weight, answer, unknown)
                if declined >= DECLINE_TARGET and (best is None or count > best[0]):
                    best = (count, weight, answer, unknown)
    count, weight, answer, unknown = best or (0, 0.0, 1.0, 1.0)
    shown = sorted(weight * s[0] + s[1] for a, ok, s in seen if s is not None and a and ok)
    closest = shown[int(len(shown) * (1 - ANSWERED_SHOWN))] if shown else answer
    return {"bm25_weight": weight, "answer": round(answer, 4), "closest": round(min(closest, answer), 4),
            "unknown_cosine": unknown}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    matcher = NameMatcher(store_names())
    calibration = yaml.safe_load(CALIBRATION.read_text(encoding="utf-8"))
    for lang in ("en", "zh"):
        seen = observations(lang, matcher)
        chosen = choose(seen)
        values = chosen["bm25_weight"], chosen["answer"], chosen["unknown_cosine"]
        count, declined = right(seen, *values)
        answered = sum(1 for a, ok, s in seen if a and ok and (s is None or given(s, *values)))
        print(f"{lang}: {chosen}; right {count}/{len(seen)}: answerable {answered}/{sum(a for a, _, _ in seen)}, "
              f"unanswerable declined {declined:.0%}")
        calibration["thresholds"][lang] = chosen
    if args.write:
        text = CALIBRATION.read_text(encoding="utf-8")
        header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
        body = yaml.safe_dump({k: v for k, v in calibration.items()}, sort_keys=False, allow_unicode=True,
                              default_flow_style=None)
        CALIBRATION.write_text(header + body, encoding="utf-8")


if __name__ == "__main__":
    main()
