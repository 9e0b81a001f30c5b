"""A store of N times the facts, for the scale run: the real facts plus N-1 shifted copies of each.

Copy k of a fact gets paragraph numbers moved by k*OFFSET and an id, symbol or number of its own, so
every table and the search index grow N-fold; missions and priorities (names the NLU matches) stay as
they are, and copied documents keep only their symbol as a name.
"""

from __future__ import annotations

import copy

from actions.facts.files import Entry, ReportData

OFFSET = 1000  # beyond the report's own paragraph, footnote and figure numbers
KEPT = ("mission", "priority")


def _shifted(kind: str, item: dict, k: int) -> dict:
    out = copy.deepcopy(item)
    if "number" in out:
        out["number"] += k * OFFSET
    if isinstance(out.get("paragraph"), int):
        out["paragraph"] += k * OFFSET
    if isinstance(out.get("paragraphs"), list):
        out["paragraphs"] = [p + k * OFFSET for p in out["paragraphs"]]
    if "id" in out:
        out["id"] = f"{out['id']}-x{k}"
    if kind == "document":
        out["symbol"] = f"{out['symbol']} x{k}"
        out.pop("aliases", None)
    if kind == "footnote":
        out.pop("documents", None)
    return out


def scaled(data: ReportData, factor: int) -> ReportData:
    out = ReportData(entries={kind: list(entries) for kind, entries in data.entries.items()})
    for kind, entries in data.entries.items():
        if kind in KEPT:
            continue
        for k in range(1, factor):
            out.entries[kind] += [Entry(kind, e.file, e.index, _shifted(kind, e.data, k)) for e in entries]
    return out
