"""Questions made from the fact store: its statistics, priorities, missions, examples and documents."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from actions.facts.numbers import compact, english_forms, parse_number
from actions.quiz import distractors
from actions.quiz.question import Question, Text, make, rng_for
from actions.store import queries

Fact = dict[str, Any]
BLANK = "___"
_ZH_NUMERAL = re.compile(r"[\d.]+|[零〇一二两三四五六七八九十百千]+")


@dataclass
class Facts:
    """What the questions are made of, read once per build."""

    statistics: list[Fact]
    priorities: list[Fact]  # the seven priorities, then the two themes
    missions: list[Fact]
    examples: list[Fact]
    documents: list[Fact]
    mission_names: list[tuple[str, str, str]]  # (alias, acronym, lang)

    @classmethod
    def read(cls, db: Session) -> Facts:
        """The facts in an order of our own: database collations sort ids differently."""
        def in_report_order(kind: str) -> list[Fact]:
            return sorted(queries.facts(db, kind), key=lambda f: (f["paragraph"], f["id"]))
        missions = sorted(queries.facts(db, "mission"), key=lambda f: ((f["paragraph"] or [99])[0], f["id"]))
        priorities = sorted(queries.facts(db, "priority"), key=lambda f: f["id"]) + \
            sorted(queries.facts(db, "theme"), key=lambda f: f["id"])
        documents = sorted(queries.facts(db, "document"), key=lambda f: f["id"])
        return cls(in_report_order("statistic"), priorities, missions, in_report_order("example"), documents,
                   sorted(queries.mission_names(db)))

    def priorities_at(self, paragraphs: list[int]) -> list[str]:
        """The priorities and themes whose sections hold any of these paragraphs."""
        return [p["id"] for p in self.priorities if set(p["paragraph"]) & set(paragraphs)]


def generate(facts: Facts) -> tuple[list[Question], list[str]]:
    """The questions, and the statistics no question could be made of."""
    made, problems = [], []
    for stat in facts.statistics:
        try:
            made.append(statistic_question(stat, facts))
        except (LookupError, ValueError, ArithmeticError) as error:  # a value no wrong options fit
            problems.append(f"stat:{stat['id']}: no options can be made for {stat['source_text']!r} ({error!r})")
    made += [*priority_questions(facts), *mission_questions(facts), *example_questions(facts), *document_questions(facts)]
    return made, problems


def _others(qid: str, pool: list, count: int = 3) -> list:
    return rng_for(qid + "/others").sample(pool, count)


# Statistics


def reveals(stat: Fact, zh: str, en: str) -> bool:
    """Whether a text gives the statistic's value away ("over the past five years" for 5 years)."""
    value = stat["value"]
    if any(parse_number(n) == value for n in _ZH_NUMERAL.findall(zh)):
        return True
    words = [*english_forms(value), *(["decade"] if value == 10 else [])]
    return any(re.search(rf"(?<![\w.,]){re.escape(w)}(?![\w]|[.,]\d)", en, re.IGNORECASE) for w in words)


def _says_period(label: str, period: str) -> bool:
    """Whether a label already states the period ("since 1948", or all of its dates)."""
    numbers = set(re.findall(r"\d+", period))
    return compact(period).lower() in compact(label).lower() or bool(numbers) and numbers <= set(re.findall(r"\d+", label))


def statistic_prompt(stat: Fact) -> Text:
    label_zh, label_en = stat["label_zh"], stat["label_en"]
    if stat["unit"] == "date":
        return {"zh": f"根据报告，{label_zh}是何时？", "en": f"What date does the report give for “{label_en}”?"}
    period_zh, period_en = stat["period_zh"] or "", stat["period_en"] or ""
    if period_zh and period_en and not reveals(stat, period_zh, period_en) and \
            not _says_period(label_zh, period_zh) and not _says_period(label_en, period_en):
        label_zh, label_en = f"{label_zh}（{period_zh}）", f"{label_en} ({period_en})"
    if stat["before"] is not None:
        before = distractors.render(stat, stat["before"], stat["before_text"])
        return {"zh": f"根据报告，{label_zh}从{before['zh']}变为多少？",
                "en": f"According to the report, “{label_en}” went from {before['en']} to what?"}
    return {"zh": f"根据报告，{label_zh}是多少？", "en": f"What figure does the report give for “{label_en}”?"}


def statistic_question(stat: Fact, facts: Facts) -> Question:
    qid = f"stat:{stat['id']}"
    right, wrong = distractors.options(stat, rng_for(qid))
    priorities = [stat["priority"]] if stat["priority"] else facts.priorities_at([stat["paragraph"]])
    return make(qid, ["statistic", *priorities, *sorted(stat["missions"])], statistic_prompt(stat), right, wrong,
                {"zh": stat["zh"], "en": stat["en"]}, stat["paragraph"])


# Priorities and themes


def _number_label(item: Fact) -> Text:
    if item["type"] == "priority":
        return {"zh": f"优先事项{item['number']}", "en": f"Priority {item['number']}"}
    return {"zh": f"跨领域主题{item['number']}", "en": f"Cross-cutting theme {item['number']}"}


def priority_questions(facts: Facts) -> list[Question]:
    """What is priority 4? Which number is "Women, peace and security"? For each priority and theme."""
    out = []
    for item in facts.priorities:
        others = [p for p in facts.priorities if p is not item]
        label, name = _number_label(item), {"zh": item["label_zh"], "en": item["label_en"]}
        context = {"zh": f"{label['zh']}是“{name['zh']}”：{item['zh']}",
                   "en": f"{label['en']} is “{name['en']}”: {item['en']}"}
        topics, first = ["priority", item["id"]], item["paragraph"][0]
        qid = f"prio-name:{item['id']}"
        out.append(make(qid, topics, {"zh": f"“以行动促维和+”的{label['zh']}是什么？",
                                      "en": f"In A4P+, what is {label['en'].lower()}?"},
                        name, [{"zh": p["label_zh"], "en": p["label_en"]} for p in _others(qid, others)],
                        context, first))
        qid = f"prio-number:{item['id']}"
        out.append(make(qid, topics, {"zh": f"在“以行动促维和+”中，“{name['zh']}”是哪一项？",
                                      "en": f"In A4P+, which one is “{name['en']}”?"},
                        label, [_number_label(p) for p in _others(qid, others)], context, first))
    return out


# Missions and their examples


def _mission_context(mission: Fact) -> Text:
    return {"zh": f"{mission['label_zh']}（{mission['acronym']}）即{mission['zh']}，东道国：{mission['host_zh']}",
            "en": f"{mission['acronym']} is the {mission['en']} (host country: {mission['host_en']})"}


def mission_questions(facts: Facts) -> list[Question]:
    """Full name, host country and Chinese short name of every mission the report names."""
    out = []
    for mission in facts.missions:
        acronym, first = mission["acronym"], mission["paragraph"][0]
        others = [m for m in facts.missions if m is not mission]
        context, topics = _mission_context(mission), ["mission", acronym]
        qid = f"mission-name:{acronym}"
        out.append(make(qid, topics, {"zh": f"{acronym} 的全称是什么？",
                                      "en": f"What is the full name of {acronym}?"},
                        {"zh": mission["zh"], "en": mission["en"]},
                        [{"zh": m["zh"], "en": m["en"]} for m in _others(qid, others)], context, first))
        qid = f"mission-host:{acronym}"
        hosts = [m for m in others if m["host_en"] != mission["host_en"]]
        out.append(make(qid, topics, {"zh": f"{acronym} 部署在哪里？",
                                      "en": f"Where is {acronym} deployed?"},
                        {"zh": mission["host_zh"], "en": mission["host_en"]},
                        [{"zh": m["host_zh"], "en": m["host_en"]} for m in _others(qid, hosts)], context, first))
        qid = f"mission-acronym:{acronym}"
        out.append(make(qid, topics, {"zh": f"报告中文本里的“{mission['label_zh']}”是哪个特派团？",
                                      "en": f"The Chinese text of the report writes “{mission['label_zh']}”. "
                                            "Which mission is that?"},
                        {"zh": acronym, "en": acronym},
                        [{"zh": m["acronym"], "en": m["acronym"]} for m in _others(qid, others)], context, first))
    return out


def mask_missions(text: str, names: re.Pattern) -> str:
    """The text with every mission name blanked."""
    return names.sub(BLANK, text)


def _names_pattern(names: list[str]) -> re.Pattern:
    """Any of the names, longest first, so a full name is blanked whole rather than in part."""
    return re.compile("|".join(re.escape(n) for n in sorted(set(names), key=lambda n: (-len(n), n))), re.IGNORECASE)


def _mission_set(acronyms: list[str], facts: Facts) -> Text:
    chosen = [m for m in facts.missions if m["acronym"] in acronyms]
    zh, en = [m["label_zh"] for m in chosen], [m["acronym"] for m in chosen]
    if len(chosen) == 1:
        return {"zh": zh[0], "en": en[0]}
    return {"zh": "、".join(zh[:-1]) + "和" + zh[-1], "en": ", ".join(en[:-1]) + " and " + en[-1]}


def _other_sets(qid: str, acronyms: list[str], facts: Facts) -> list[list[str]]:
    """Three other sets of as many missions: each swaps one of the right ones for another."""
    rng, everyone = rng_for(qid + "/others"), [m["acronym"] for m in facts.missions]
    swaps = [sorted({*acronyms} - {out} | {into}) for out in acronyms for into in everyone if into not in acronyms]
    return rng.sample(swaps, 3)


def example_questions(facts: Facts) -> list[Question]:
    names = {lang: [alias for alias, _, alias_lang in facts.mission_names if alias_lang == lang]
             + [m[f"label_{lang}"] for m in facts.missions] + [m[lang] for m in facts.missions] for lang in ("zh", "en")}
    names["en"] += [m["acronym"] for m in facts.missions]
    patterns = {lang: _names_pattern(found) for lang, found in names.items()}
    return [example_question(e, facts, patterns) for e in facts.examples]


def example_question(example: Fact, facts: Facts, names: dict[str, re.Pattern]) -> Question:
    """Which mission did this? The example with the mission names blanked."""
    qid, missions = f"example:{example['id']}", sorted(example["missions"])
    several = len(missions) > 1
    zh, en = mask_missions(example["zh"], names["zh"]), mask_missions(example["en"], names["en"])
    priorities = [example["priority"]] if example["priority"] else facts.priorities_at([example["paragraph"]])
    return make(qid, ["example", *priorities, *missions],
                {"zh": f"报告中的这个例子说的是{'哪些' if several else '哪个'}特派团？“{zh}”",
                 "en": f"Which mission{'s' if several else ''} does the report mean here? “{en}”"},
                _mission_set(missions, facts), [_mission_set(s, facts) for s in _other_sets(qid, missions, facts)],
                {"zh": example["zh"], "en": example["en"]}, example["paragraph"])


# Documents


def _symbolled(documents: list[Fact]) -> list[Fact]:
    """Documents with a UN symbol ("S/RES/2589 (2021)"), not an internal reference."""
    return [d for d in documents if "/" in d["symbol"]]


def _alike(qid: str, document: Fact, pool: list[Fact]) -> list[Fact]:
    """Three other documents, of the same kind as far as there are enough of them."""
    same = [d for d in pool if d["kind"] == document["kind"]]
    if len(same) >= 3:
        return _others(qid, same)
    return same + _others(qid, [d for d in pool if d not in same], 3 - len(same))


def _subject(document: Fact) -> Text:
    """A document's title; for a resolution its subject only, since the number would give it away."""
    def part(title: str) -> str:
        return re.split(r"[:：]", title, maxsplit=1)[-1].strip() if document["kind"] == "resolution" else title
    subject = {"zh": part(document["label_zh"]), "en": part(document["label_en"])}
    return subject | {"en": subject["en"][0].upper() + subject["en"][1:]}


def _document_topics(document: Fact, facts: Facts) -> list[str]:
    named = [m["acronym"] for m in facts.missions if m["acronym"] in document["en"] + document["label_en"]]
    return ["document", document["symbol"], *facts.priorities_at(document["paragraph"]), *named]


def document_questions(facts: Facts) -> list[Question]:
    """Which document is described so? What is S/RES/2589 (2021)? For every document with a symbol."""
    out, documents = [], _symbolled(facts.documents)
    for document in documents:
        symbol, first = document["symbol"], document["paragraph"][0]
        context = {"zh": f"{symbol}：{document['label_zh']}。{document['zh']}",
                   "en": f"{symbol}: {document['label_en']}. {document['en']}"}
        topics = _document_topics(document, facts)
        qid = f"doc-which:{symbol}"
        described = [d for d in documents if d["en"] != document["en"]]
        out.append(make(qid, topics, {"zh": f"报告援引的哪份文件是：“{document['zh']}”",
                                      "en": f"Which document does the report cite, described as: “{document['en']}”"},
                        {"zh": symbol, "en": symbol},
                        [{"zh": d["symbol"], "en": d["symbol"]} for d in _alike(qid, document, described)], context, first))
        if symbol in document["label_en"]:
            continue  # the title names it: nothing to ask
        qid = f"doc-title:{symbol}"
        titled = [d for d in documents if d["symbol"] not in d["label_en"] and _subject(d)["en"] != _subject(document)["en"]]
        out.append(make(qid, topics, {"zh": f"报告援引的 {symbol} 是什么文件？", "en": f"What is {symbol}, cited in the report?"},
                        _subject(document), [_subject(d) for d in _alike(qid, document, titled)], context, first))
    return out
