"""The whole store in memory, for answering: about 300 facts that change only at `facts load`.

Loaded once per store and facts version; a turn costs one version lookup. Holds what the answering
checks need: every fact by key, its sentence vectors, the search index, the report's words (for typos
and unknown names) and the mission each fact speaks of.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from sqlalchemy.orm import Session

from actions.store import queries, search, vectors
from actions.store.facts import Fact, in_lang
from actions.store.meta import PerVersion
from actions.store.text import EN_STOPWORDS, SYNONYM_STEMS, SYNONYMS, simplify, stands_alone, stem, tokens

_EN_WORD = re.compile(r"[a-z][a-z'-]{1,}")
_LATIN_WORD = re.compile(r"[A-Za-z][a-z]+")
# Two words typed as one are told apart only as words of three letters or more: "at"+"tacks" would be "attacks".
_HALF = 3
# A typo is at most one edit (a swap counts as one) in six letters: "kiled", "maliscious" and "regsitered"
# are mended, "weather" is not made "whether" (two edits in seven: 0.71); shorter words are left alone, where
# one edit makes another word: mending one edit in five ("sorry", "doing", "strength"'s "troop" made other words)
# lost nine development questions and won two.
_TYPO_CUTOFF = 0.81
_TYPO_MIN_LENGTH = 5
# Forms of one word share all but their last letters: "recognised"/"recognized" differ in the third from last.
_FORM_ENDING = 3
# A shorter word the report never uses is one edit from a single question word ("wen", "wat", "hw"), which
# decides what is asked; one edit from two ("wo": who or how) is left alone.
QUESTION_WORDS = ("what", "when", "where", "which", "who", "whom", "why", "how")
# Grammar, not a calibrated list: what may come before a question word, a clause's end or a preposition ("set up
# under wich roadmap?", "for wat")
_BEFORE_QUESTION_WORD = re.compile(
    r"(?:^|[,.;:!?，。；：！？]|\b(?:in|on|under|for|by|from|to|with|at|since|about|after|before))\s*$", re.I
)


@dataclass(frozen=True)
class Corpus:
    version: str | None
    facts: dict[str, Fact]  # "type:id" -> fact
    keys: list[str]  # one per row of `matrix`
    matrix: np.ndarray
    words: frozenset[str]  # every English word of the store, lower case
    text: str  # every text of the store, simplified and lower case, for "does the report mention X?"
    missions: dict[str, frozenset[str]]  # acronym -> keys of the facts that speak of it
    aliases: dict[str, str]  # a mission's every name (simplified, 3 characters or more) -> its acronym
    hosts: dict[str, str]  # acronym -> its host country's names in both languages, simplified
    label_keys: list[str]  # statistics, one per row of `label_matrix` (each twice: zh and en)
    label_matrix: np.ndarray
    index: search.Index
    # (statistic key, language) -> the search terms of its label, for telling apart statistics tied for first
    label_terms: dict[tuple[str, str], frozenset[str]]
    # By text, per facts version: a turn reads its message several times, and people ask the same questions.
    _corrected: Callable[[str], str] = field(init=False, repr=False, compare=False)
    _missions_in: Callable[[str], tuple[dict[str, Any], ...]] = field(init=False, repr=False, compare=False)
    _mentioned: Callable[[str], bool] = field(init=False, repr=False, compare=False)
    _longest_first: list[str] = field(init=False, repr=False, compare=False)  # the aliases, as matched
    # Each key's rows of `matrix` and `label_matrix`: a lookup, not a pass over every row (10x the facts: 0.6 ms a turn).
    _rows: dict[str, list[int]] = field(init=False, repr=False, compare=False)
    _label_rows: dict[str, list[int]] = field(init=False, repr=False, compare=False)
    _footnotes: dict[int, list[Fact]] = field(init=False, repr=False, compare=False)  # by the paragraph citing them

    def __post_init__(self) -> None:
        vocabulary = sorted(self.words)  # sorted once, not on every typo check
        object.__setattr__(self, "_corrected", lru_cache(maxsize=4096)(lambda text: self._correct(text, vocabulary)))
        object.__setattr__(self, "_missions_in", lru_cache(maxsize=4096)(self._mission_entities))
        object.__setattr__(self, "_mentioned", lru_cache(maxsize=4096)(self._mentions))
        object.__setattr__(self, "_longest_first", sorted(self.aliases, key=len, reverse=True))
        object.__setattr__(self, "_rows", _rows_of(self.keys))
        object.__setattr__(self, "_label_rows", _rows_of(self.label_keys))
        footnotes: dict[int, list[Fact]] = {}
        for fact in self.facts.values():
            if fact["type"] == "footnote" and isinstance(cited := fact.get("paragraph"), int):
                footnotes.setdefault(cited, []).append(fact)
        object.__setattr__(self, "_footnotes", footnotes)

    def footnotes_of(self, paragraph: int) -> list[Fact]:
        """The footnotes a paragraph cites."""
        return self._footnotes.get(paragraph, [])

    @property
    def df(self) -> dict[str, int]:
        """Search term -> how many facts hold it."""
        return self.index.df

    def label_similarity(self, query: np.ndarray, key: str) -> float:
        """How close a question is to what a statistic counts (its label; the better language)."""
        rows = self._label_rows.get(key, [])
        return float(max(self.label_matrix[rows] @ query)) if rows else 0.0

    def dense(self, query: np.ndarray, limit: int = 20) -> list[tuple[str, float]]:
        """Fact keys by cosine similarity to a query's vector, best first (the better of a fact's two languages)."""
        if not len(self.keys):
            return []
        sims = self.matrix @ query
        n = min(limit * 2, len(sims))
        # The rows at least as close as the n-th closest, sorted: not every row (10x the facts: 0.9 -> 0.35 ms).
        # Rows equally close (a recommendation worded as its paragraph) come in row order.
        nth = np.partition(sims, len(sims) - n)[len(sims) - n]
        near = np.flatnonzero(sims >= nth)
        best: dict[str, float] = {}
        for index in near[np.argsort(-sims[near], kind="stable")][:n]:
            best.setdefault(self.keys[index], float(sims[index]))
        return list(best.items())[:limit]

    def similarity(self, query: np.ndarray, keys: list[str]) -> dict[str, float]:
        """Cosine similarity of a query's vector to each of `keys` (the better language)."""
        rows = sorted(row for key in set(keys) for row in self._rows.get(key, ()))
        if not rows:
            return {}
        sims = self.matrix[rows] @ query
        out: dict[str, float] = {}
        for row, sim in zip(rows, sims, strict=True):
            out[self.keys[row]] = max(out.get(self.keys[row], -1.0), float(sim))
        return out

    def correct(self, text: str) -> str:
        """English words the report never uses replaced by the report's closest word ("peacekepers")."""
        return self._corrected(text)

    def run_together(self, word: str) -> bool:
        """Two of the report's words typed as one ("factsheets": its "fact sheets"), each of three letters or more."""
        return any(word[:at] in self.words and word[at:] in self.words for at in range(_HALF, len(word) - _HALF + 1))

    def _correct(self, text: str, vocabulary: list[str]) -> str:
        def fix(match: re.Match[str]) -> str:
            word = match.group(0)
            lower = word.lower()
            # ("winding" down is the report's "drawdown" by a synonym, not its "finding")
            if lower in self.words or stem(lower) in self.df or lower in EN_STOPWORDS or stem(lower) in SYNONYM_STEMS:
                return word
            if len(word) < _TYPO_MIN_LENGTH:
                # where a question word goes: "journalist here." is no "where"
                opens = bool(_BEFORE_QUESTION_WORD.search(text[: match.start()]))
                near = [q for q in QUESTION_WORDS if DamerauLevenshtein.distance(lower, q) == 1]
                return near[0] if opens and len(near) == 1 else word
            best = process.extractOne(
                lower, vocabulary, scorer=DamerauLevenshtein.normalized_similarity, score_cutoff=_TYPO_CUTOFF
            )
            # a word in its own right ("instruction", "simple") is no typo of another ("obstruction", "sample"), only
            # another form of the report's word ("withdrew", "recognised", "compare")
            if best and lower in vectors.whole_words() and not _same_stem(lower, best[0]):
                return word
            return best[0] if best else word

        return _LATIN_WORD.sub(fix, text)

    def mission_entities(self, text: str) -> list[dict[str, Any]]:
        """Missions named in a text, as the NLU would give them: for re-reading a remembered question."""
        return [dict(e) for e in self._missions_in(text)]  # copies: a caller may change its entities

    def _mission_entities(self, text: str) -> tuple[dict[str, Any], ...]:
        plain, found = simplify(text), list[dict[str, Any]]()
        for alias in self._longest_first:
            start = _word_at(plain, alias) if alias in plain else -1  # the plain test first: most aliases are absent
            if start >= 0 and not any(e["start"] <= start < e["end"] for e in found):
                found.append({"entity": "mission", "value": self.aliases[alias], "start": start, "end": start + len(alias)})
        if len(plain) != len(text):  # offsets into the simplified text would not point into the message
            found = [{k: v for k, v in e.items() if k in ("entity", "value")} for e in found]
        return tuple(found)

    def key_of(self, index_key: str) -> str:
        """A fact's key for a search-index key: the index files themes as priorities."""
        if index_key in self.facts:
            return index_key
        return f"theme:{index_key.partition(':')[2]}"

    def mentions(self, name: str) -> bool:
        """The name is in some text of the store: a search through all of them (10x the facts: 0.3 ms a name)."""
        return self._mentioned(simplify(name))

    def _mentions(self, plain: str) -> bool:
        # an English name as a whole word: "NATO" is not in "coordinator", nor "Niger" in "Nigeria"
        return _word_at(self.text, plain) >= 0 if plain.isascii() else plain in self.text


def _same_stem(word: str, other: str) -> bool:
    shared = next((i for i, (a, b) in enumerate(zip(word, other, strict=False)) if a != b), min(len(word), len(other)))
    return shared >= len(word) - _FORM_ENDING


def _rows_of(keys: list[str]) -> dict[str, list[int]]:
    rows: dict[str, list[int]] = {}
    for row, key in enumerate(keys):
        rows.setdefault(key, []).append(row)
    return rows


def _word_at(plain: str, alias: str) -> int:
    """Where an alias first stands as a word of its own ("un miss" is not in "un mission"); -1 if nowhere."""
    return next((m.start() for m in re.finditer(re.escape(alias), plain) if stands_alone(plain, m.start(), m.end())), -1)


def _texts(fact: Fact) -> str:
    return " ".join(str(v) for k, v in fact.items() if isinstance(v, str) and k not in ("type", "id"))


def build(db: Session, version: str | None) -> Corpus:
    queries.load_vocabulary(db)
    facts = {f"{f['type']}:{f['id']}": f for f in queries.all_facts(db)}
    keys, matrix = vectors.matrix(db)
    is_label = np.array([k.startswith(vectors.LABEL) for k in keys], dtype=bool)
    label_keys, label_matrix = [k[len(vectors.LABEL) :] for k in keys if k.startswith(vectors.LABEL)], matrix[is_label]
    keys, matrix = [k for k in keys if not k.startswith(vectors.LABEL)], matrix[~is_label]
    plain = {key: simplify(_texts(f)) for key, f in facts.items()}  # once each: OpenCC is slow
    text = " ".join(plain.values())
    names = {
        f["id"]: [simplify(n) for n in (f["id"], f["label_zh"] or "", f["zh"], f["en"])]
        for f in facts.values()
        if f["type"] == "mission"
    }
    aliases = {simplify(a): owner for a, owner, _ in queries.mission_names(db) if len(a) >= 3}
    missions = {}
    for acronym, spelled in names.items():
        spelled += [a for a, owner in aliases.items() if owner == acronym]
        missions[acronym] = frozenset(
            key for key, f in facts.items() if acronym in (f.get("missions") or []) or any(s in plain[key] for s in spelled)
        )
    hosts = {f["id"]: simplify(f"{f.get('host_en')} {f.get('host_zh')}") for f in facts.values() if f["type"] == "mission"}
    index = search.index(db)
    words = set(_EN_WORD.findall(text))
    words |= {part for word in words for part in word.split("-")}
    words |= {word for word in SYNONYMS if _EN_WORD.fullmatch(word)}  # "leave" is the report's "withdraw": no typo
    label_terms = {
        (key, lang): frozenset(tokens(in_lang(f, lang, "label")))
        for key, f in facts.items()
        if f["type"] == "statistic"
        for lang in vectors.LANGS
    }
    return Corpus(
        version,
        facts,
        keys,
        matrix,
        frozenset(words),
        text,
        missions,
        aliases,
        hosts,
        label_keys,
        label_matrix,
        index,
        label_terms,
    )


# The store's corpus, rebuilt when a `facts load` has changed the facts.
corpus = PerVersion(build)
