"""Ranked full-text search over the store's inverted index (BM25), in either language.

The index is read into memory once per store and facts version, each posting's BM25 weight worked out
then: reading the postings from SQL on every question cost a time growing with the store (10x the facts:
about 2,600 rows a question).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.store.meta import PerVersion
from actions.store.models import SearchDoc, SearchTerm
from actions.store.text import joined_pairs, tokens

K1, B = 1.2, 0.6
# A short fact that states the answer beats the running paragraph text it comes from.
TYPE_WEIGHT = {
    "statistic": 1.25,
    "mission": 1.2,
    "priority": 1.2,
    "document": 1.15,
    "figure": 1.1,
    "recommendation": 1.0,
    "example": 1.0,
    "footnote": 0.8,
    "paragraph": 0.85,
}


@dataclass(frozen=True)
class Hit:
    fact_type: str
    fact_id: str
    score: float

    @property
    def key(self) -> str:
        return f"{self.fact_type}:{self.fact_id}"


@dataclass(frozen=True)
class Index:
    """The inverted index of one facts version: per term, the documents holding it and their BM25 weights."""

    version: str | None
    types: np.ndarray  # per document
    ids: list[str]
    type_weight: np.ndarray  # per document
    postings: dict[str, tuple[np.ndarray, np.ndarray]]  # term -> (document rows, weights)
    df: dict[str, int]  # term -> how many documents hold it

    def holds(self, key: str, term: str) -> bool:
        """The fact `key` ("type:id") is indexed under `term`: in its text or in its keywords."""
        rows = self.postings.get(term)
        return rows is not None and any(f"{self.types[r]}:{self.ids[r]}" == key for r in rows[0])

    def rank(self, text: str, types: tuple[str, ...] = (), limit: int = 10) -> list[Hit]:
        query = Counter(tokens(text)) + Counter(t for t in joined_pairs(text) if t in self.postings)
        found = [(self.postings[t], query[t]) for t in sorted(query) if t in self.postings]
        if not found:
            return []
        scores = np.zeros(len(self.ids))
        for (rows, weights), n in found:
            scores[rows] += weights * n
        hit = scores > 0
        if types:
            hit &= np.isin(self.types, types)
        rows = np.flatnonzero(hit)
        weighted = scores[rows] * self.type_weight[rows]
        best = rows[np.argsort(-weighted, kind="stable")[:limit]]
        return [Hit(str(self.types[i]), self.ids[i], float(scores[i] * self.type_weight[i])) for i in best]


def build(session: Session, version: str | None) -> Index:
    # in key order, as the SQL index gave them: equal scores keep the order they always had
    docs = session.execute(
        select(SearchDoc.key, SearchDoc.fact_type, SearchDoc.fact_id, SearchDoc.length).order_by(SearchDoc.key)
    ).all()
    row_of = {d.key: i for i, d in enumerate(docs)}
    lengths = np.array([d.length for d in docs], dtype=float)
    avg_len = float(lengths.mean()) if len(docs) else 1.0
    by_term: dict[str, tuple[list[int], list[float]]] = {}
    for term, key, tf in session.execute(select(SearchTerm.term, SearchTerm.key, SearchTerm.tf)):
        rows, tfs = by_term.setdefault(term, ([], []))
        rows.append(row_of[key])
        tfs.append(tf)
    postings = {}
    for term, (rows, tfs) in by_term.items():
        held, at = len(rows), np.array(rows)
        idf = math.log(1 + (len(docs) - held + 0.5) / (held + 0.5))
        tf = np.array(tfs, dtype=float)
        postings[term] = (at, idf * (tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[at] / avg_len))))
    weights = np.array([TYPE_WEIGHT.get(d.fact_type, 1.0) for d in docs], dtype=float)
    df = {term: len(rows) for term, (rows, _) in by_term.items()}
    return Index(version, np.array([d.fact_type for d in docs], dtype=str), [d.fact_id for d in docs], weights, postings, df)


# The store's index, read again when a `facts load` has changed the facts.
index = PerVersion(build)


def rank(session: Session, text: str, types: tuple[str, ...] = (), limit: int = 10) -> list[Hit]:
    return index(session).rank(text, types, limit)
