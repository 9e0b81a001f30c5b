"""Export every fact of the store as JSON or CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from typing import IO, Any

COLUMNS = [
    "type",
    "id",
    "paragraph",
    "label_zh",
    "label_en",
    "zh",
    "en",
    "value",
    "unit",
    "before",
    "acronym",
    "number",
    "symbol",
    "missions",
    "priority",
]


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return "" if value is None else value


def write_json(facts: Sequence[Mapping[str, Any]], out: IO[str]) -> None:
    json.dump(facts, out, ensure_ascii=False, indent=1)
    out.write("\n")


def write_csv(facts: Sequence[Mapping[str, Any]], out: IO[str]) -> None:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for fact in facts:
        writer.writerow({k: _cell(fact.get(k)) for k in COLUMNS})
