"""Where a fact is looked up for a message: entities first, then ranking the whole store."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from actions.store import queries
from actions.store.text import HAN, is_chinese, to_simplified, tokens

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
    (("priority", "priorities", "cross-cutting theme", "theme on", "优先事项", "优先领域", "跨领域主题"), ("priority", "theme")),
    (("resolution", "symbol", "document", "决议", "文件编号", "哪份文件", "文号"), ("document",)),
    (("figure", "chart", "图表", "哪幅图"), ("figure",)),
    (("recommend", "should", "建议", "应该", "应当"), ("recommendation",)),
]
NUMBER_WORDS = re.compile(r"how many|number of|how much|what percent|what share|percentage|多少|比例|百分之"
                          r"|(?<!哪)几(?!乎)")  # "几个" asks a number; "哪几个" asks which, "几乎" is "almost"


def _asks_number(text: str) -> bool:
    return bool(NUMBER_WORDS.search(to_simplified(text.lower())))


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


def _is_generic(text: str, entities: list[dict[str, Any]], also: tuple[str, ...] = (), left: int = 1) -> bool:
    """True when a message only names something ("what about UNIFIL?") and asks nothing specific;
    `also` holds words that add nothing either, such as the named mission's host country."""
    rest = text.lower()
    for entity in sorted(entities, key=lambda e: -e.get("start", 0)):
        if "start" in entity and "end" in entity:
            rest = rest[: entity["start"]] + " " + rest[entity["end"]:]
    rest = _words_pattern(also).sub(" ", to_simplified(rest))
    words = [w for w in re.split(r"[\s?？!！,，.。]+", rest) if w and not HAN.search(w)]
    return len(words) <= left and len(HAN.findall(rest)) <= 2 * left


@lru_cache(maxsize=16)
def _words_pattern(also: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for the generic words and `also`, longest first; English words only as whole words
    ("are" is not part of "areas"), Chinese words and marks anywhere."""
    words = sorted({w.lower() for w in (*GENERIC_MISSION_WORDS, *also)}, key=len, reverse=True)
    return re.compile("|".join(rf"(?<![\w+-]){re.escape(w)}(?![\w+-])" if re.match(r"[a-z0-9]", w) else re.escape(w)
                               for w in words))


LIST_WORDS = ("list", "all", "main", "key", "are", "which", "priorities", "themes", "missions", "recommendations",
              "cross-cutting", "and", "its", "operations", "peacekeeping", "列出", "所有", "全部", "主要", "哪几个",
              "有哪些", "优先事项", "跨领域主题", "主题", "特派团", "维和行动", "建议", "以行动促维和+", "“", "”",
              "recommend", "recommends", "secretary-general", "in", "seven", "two", "提出", "秘书长", "七个", "两个", "是",
              "什么", "提到", "提及", "提到了", "包括", "涉及", "name", "can", "you", "areas", "priority", "give", "show",
              "tell", "me", "mentioned", "mention", "named", "covered")


def wants_list(text: str, entities: list[dict[str, Any]]) -> bool:
    """"What are the priorities?" asks for a list; "what does it recommend on training?" or "how many
    priorities?" asks something the list does not answer."""
    return not _asks_number(text) and _is_generic(text, entities, LIST_WORDS, left=0)


EXAMPLES_SHOWN = 4


def _host_country(db: Session, acronym: str) -> tuple[str, ...]:
    mission = queries.fact(db, "mission", acronym) or {}
    return tuple(name for name in (mission.get("host_zh"), mission.get("host_en")) if name)


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
    if missions and _is_generic(text, entities, _host_country(db, missions[0])):
        return find_mission(db, missions[0])
    if priorities and not _asks_number(text):
        return Finding([queries.fact(db, "priority", priorities[0])])
    if documents and _is_generic(text, entities):
        return Finding([queries.fact(db, "document", documents[0])])
    # A number question wants a statistic when one matches at all; otherwise words naming a kind of fact
    # narrow the search to that kind.
    plain = to_simplified(text.lower())
    named = next((t for words, t in TYPE_WORDS if any(w in plain for w in words)), ())
    types = ("statistic",) if _asks_number(text) else named
    hits = queries.search(db, text, types=types, limit=20) if types else []
    if not hits or hits[0]["score"] < PLAUSIBLE:
        hits = queries.search(db, text, limit=20)
    hits = _closest_label(hits, text)
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


TIE = 0.97  # scores this close to the best are a tie
OUTRANKS = 1.5  # a best hit this far ahead stands whatever the preference


def _closest_label(hits: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """Among statistics tied for first, the one whose label adds the fewest words the question lacks
    ("heads of missions" is not "deputy heads of missions")."""
    if len(hits) < 2 or hits[1]["score"] < hits[0]["score"] * TIE:
        return hits
    asked = set(tokens(text))
    label = "label_zh" if is_chinese(text) else "label_en"

    def extra(hit: dict[str, Any]) -> int:
        return len(set(tokens(hit.get(label) or "")) - asked) if hit["type"] == "statistic" else 99

    tied = [h for h in hits if h["score"] >= hits[0]["score"] * TIE]
    best = min(tied, key=extra)
    return [best] + [h for h in hits if h is not best]


def _prefer(hits: list[dict[str, Any]], wanted) -> list[dict[str, Any]]:
    """Matching facts first when one matches well enough to stand as the answer and the best hit
    does not far outrank it."""
    matching = [h for h in hits if wanted(h)]
    if matching and matching[0]["score"] >= PLAUSIBLE and hits[0]["score"] < matching[0]["score"] * OUTRANKS:
        return matching + [h for h in hits if not wanted(h)]
    return hits


def listing(db: Session, what: str) -> list[dict[str, Any]]:
    if what == "priorities":
        return queries.facts(db, "priority") + queries.facts(db, "theme")
    if what == "missions":
        return queries.facts(db, "mission")
    return queries.facts(db, "recommendation")[:12]
