"""Ranked full-text search over the store's inverted index (BM25), in either language."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from actions.store.models import SearchDoc, SearchTerm
from actions.store.text import tokens

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


def rank(session: Session, text: str, types: tuple[str, ...] = (), limit: int = 10) -> list[Hit]:
    query = Counter(tokens(text))
    if not query:
        return []
    docs_query = select(func.count(), func.avg(SearchDoc.length))
    n_docs, avg_len = session.execute(docs_query).one()
    if not n_docs:
        return []
    stmt = (
        select(SearchTerm.term, SearchTerm.tf, SearchDoc.key, SearchDoc.fact_type, SearchDoc.fact_id, SearchDoc.length)
        .join(SearchDoc, SearchDoc.key == SearchTerm.key)
        .where(SearchTerm.term.in_(list(query)))
    )
    postings = session.execute(stmt).all()
    df = Counter(p.term for p in postings)
    scores: Counter = Counter()
    meta: dict[str, tuple[str, str]] = {}
    for p in postings:
        if types and p.fact_type not in types:
            continue
        idf = math.log(1 + (n_docs - df[p.term] + 0.5) / (df[p.term] + 0.5))
        norm = p.tf * (K1 + 1) / (p.tf + K1 * (1 - B + B * p.length / float(avg_len)))
        scores[p.key] += idf * norm * query[p.term]
        meta[p.key] = (p.fact_type, p.fact_id)
    hits = [Hit(*meta[key], score * TYPE_WEIGHT.get(meta[key][0], 1.0)) for key, score in scores.items()]
    return sorted(hits, key=lambda h: -h.score)[:limit]
