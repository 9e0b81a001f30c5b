"""Real questions find their fact first: the hit rate per language, printed and asserted."""

from collections import defaultdict
from pathlib import Path

import yaml

from actions.store import queries

QUESTIONS = yaml.safe_load((Path(__file__).parent / "data" / "search_questions.yaml").read_text(encoding="utf-8"))


def test_search_finds_the_right_fact_first(db):
    results = defaultdict(list)
    for item in QUESTIONS:
        hits = queries.search(db, item["q"], limit=1)
        top = f"{hits[0]['type']}:{hits[0]['id']}" if hits else None
        results[item["lang"]].append((item["q"], item["expect"], top))
    for lang, rows in sorted(results.items()):
        right = sum(expect == top for _, expect, top in rows)
        print(f"\nsearch hit rate [{lang}]: {right}/{len(rows)} = {right / len(rows):.0%}")
        for q, expect, top in rows:
            if expect != top:
                print(f"  miss: {q!r}: expected {expect}, got {top}")
    for lang, rows in results.items():
        assert len(rows) >= 30
        assert sum(expect == top for _, expect, top in rows) >= 30, lang
