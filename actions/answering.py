"""Where a fact is looked up for a message: entities first, then ranking the whole store."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from actions.store import queries

# Below this BM25 score the best match is only offered as "the closest passage";
# far below it the report is taken to hold no answer.
CONFIDENT = 12.0
PLAUSIBLE = 6.0
GENERIC_MISSION_WORDS = {"what", "say", "about", "tell", "me", "does", "report", "mission", "the", "of", "is", "has",
                         "done", "achieved", "doing", "do", "did", "how", "a4p+", "a4p", "according", "to", "sg",
                         "examples", "example", "give", "show", "做了什么", "评价", "例子", "有什么", "怎样",
                         "说", "了", "什么", "报告", "关于", "介绍", "一下", "情况", "做", "哪些", "的", "在",
                         "对", "有", "吗", "呢", "？", "?", "和", "是", "如何", "怎么样"}


# Words that say which kind of fact is wanted, unless the question asks for a number.
TYPE_WORDS = [
    (("priority", "priorities", "cross-cutting theme", "theme on", "优先事项", "优先领域", "跨领域主题"), ("priority",)),
    (("resolution", "symbol", "document", "决议", "文件编号", "哪份文件", "文号"), ("document",)),
    (("figure", "chart", "图表", "哪幅图"), ("figure",)),
]
NUMBER_WORDS = ("how many", "how much", "what percent", "what share", "percentage", "多少", "几个", "几", "比例", "百分之")


def _asks_number(text: str) -> bool:
    return any(w in text.lower() for w in NUMBER_WORDS)


@dataclass
class Finding:
    """What to tell the user: facts, how sure we are, and what to remember for follow-ups."""

    facts: list[dict[str, Any]] = field(default_factory=list)
    kind: str = "answer"  # answer | closest | mission | list | not_found
    mission_examples: list[dict[str, Any]] = field(default_factory=list)

    @property
    def top(self) -> dict[str, Any] | None:
        return self.facts[0] if self.facts else None


def entity_values(entities: list[dict[str, Any]], name: str) -> list[str]:
    return [str(e["value"]) for e in entities if e.get("entity") == name]


def _is_generic(text: str, entities: list[dict[str, Any]]) -> bool:
    """True when a message only names something ("what about UNIFIL?") and asks nothing specific."""
    rest = text.lower()
    for entity in sorted(entities, key=lambda e: -e.get("start", 0)):
        if "start" in entity and "end" in entity:
            rest = rest[: entity["start"]] + " " + rest[entity["end"]:]
    words = [w for w in rest.replace("？", " ").replace("?", " ").split() if w not in GENERIC_MISSION_WORDS]
    for word in sorted(GENERIC_MISSION_WORDS, key=len, reverse=True):
        rest = rest.replace(word, " ")
    chinese = [c for c in rest if "\u4e00" <= c <= "\u9fff"]
    return len(words) <= 1 and len(chinese) <= 2


EXAMPLES_SHOWN = 4


def find_mission(db: Session, acronym: str, page: int = 0) -> Finding:
    """A mission with a page of the examples the report gives of it (the first page again past the end)."""
    mission = queries.fact(db, "mission", acronym)
    examples = [e for e in queries.facts(db, "example") if acronym in e["missions"]]
    start = page * EXAMPLES_SHOWN
    shown = examples[start : start + EXAMPLES_SHOWN] or examples[:EXAMPLES_SHOWN]
    return Finding([mission], "mission", shown)


def find(db: Session, text: str, entities: list[dict[str, Any]], intent: str | None = None) -> Finding:
    """The facts answering `text`, using recognised entities where they settle the question."""
    paragraphs = entity_values(entities, "paragraph")
    if paragraphs and intent in ("show_paragraph", "ask_question", None):
        found = queries.paragraph(db, int(paragraphs[0]))
        if found:
            return Finding([found])
    figures = entity_values(entities, "figure")
    if figures and (found := queries.fact(db, "figure", figures[0])):
        return Finding([found])
    missions = entity_values(entities, "mission")
    priorities = entity_values(entities, "priority") + entity_values(entities, "theme")
    documents = entity_values(entities, "document")
    if missions and _is_generic(text, entities):
        return find_mission(db, missions[0])
    if priorities and not _asks_number(text):
        return Finding([queries.fact(db, "priority", priorities[0])])
    if documents and _is_generic(text, entities):
        return Finding([queries.fact(db, "document", documents[0])])
    types = next((t for words, t in TYPE_WORDS if any(w in text.lower() for w in words)), ())
    hits = queries.search(db, text, types=types, limit=20) if not _asks_number(text) else []
    hits = hits or queries.search(db, text, limit=20)
    years = [int(y) for y in entity_values(entities, "year")]
    if missions:
        hits = _prefer(hits, lambda f: missions[0] in (f.get("missions") or []) or f["id"] == missions[0])
    if years:
        hits = _prefer(hits, lambda f: any(y in (f.get("years") or []) for y in years))
    if not hits or hits[0]["score"] < PLAUSIBLE:
        return Finding(kind="not_found")
    if hits[0]["score"] < CONFIDENT:
        return Finding(hits[:1], "closest")
    return Finding(hits[:3])


def _prefer(hits: list[dict[str, Any]], wanted) -> list[dict[str, Any]]:
    """Matching facts first when one matches well enough to stand as the answer."""
    matching = [h for h in hits if wanted(h)]
    if matching and matching[0]["score"] >= PLAUSIBLE:
        return matching + [h for h in hits if not wanted(h)]
    return hits


def listing(db: Session, what: str) -> list[dict[str, Any]]:
    if what == "priorities":
        return queries.facts(db, "priority") + queries.facts(db, "theme")
    if what == "missions":
        return queries.facts(db, "mission")
    return queries.facts(db, "recommendation")[:12]
