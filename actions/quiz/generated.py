"""Questions made from the fact store: its statistics, priorities, missions, examples and documents."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from actions import wording
from actions.facts.numbers import compact, english_forms, parse_number
from actions.quiz import distractors
from actions.quiz.question import BLANK, LANGS, Question, Text, explain, make, rng_for, years
from actions.store import queries
from actions.store.facts import Fact, first_paragraph, in_lang, paragraphs

NEAREST = 6  # other missions' examples a "which of these is about it?" question draws its three wrong options from
COUNTED = ("people", "count", "times", "points")  # units whose figure answers "what is the number of ..."
_ZH_NUMERAL = re.compile(r"[\d.]+|[零〇一二两三四五六七八九十百千]+")
# Footnote references and asides in a period: notes for us, clutter in a prompt.
_NOTE = re.compile(r"\s*[(（]\s*(?:footnote|脚注)\s*\d+\s*[)）]")
_ASIDE = re.compile(r"\s*[(（]([^()（）]*)[)）]")
# Other words for a host (by its English name) that point to its mission as plainly as the name.
_HOST_WORDS = {
    "Lebanon": {"en": ["Lebanese", "Israel"], "zh": ["以色列"]},
    "Mali": {"en": ["Malian"]},
    "Democratic Republic of the Congo": {"en": ["Congolese"]},
    "South Sudan": {"en": ["South Sudanese"]},
    "Central African Republic": {"en": ["Central African"]},
    "Sudan (Darfur)": {"en": ["Sudanese"]},
    "Liberia": {"en": ["Liberian"]},
    "Cyprus": {"en": ["Cypriot"]},
    "Western Sahara": {"en": ["Sahrawi"]},
}


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

        missions = sorted(queries.facts(db, "mission"), key=lambda f: ((paragraphs(f) or [99])[0], f["id"]))
        priorities = sorted(queries.facts(db, "priority"), key=lambda f: f["id"]) + sorted(
            queries.facts(db, "theme"), key=lambda f: f["id"]
        )
        documents = sorted(queries.facts(db, "document"), key=lambda f: f["id"])
        return cls(
            in_report_order("statistic"),
            priorities,
            missions,
            in_report_order("example"),
            documents,
            sorted(queries.mission_names(db)),
        )

    def ids(self) -> set[str]:
        """Every fact a question may be made of, named as Question.sources names it."""
        return (
            {f"statistic:{s['id']}" for s in self.statistics}
            | {f"example:{e['id']}" for e in self.examples}
            | {f"priority:{p['id']}" for p in self.priorities}
            | {f"mission:{m['acronym']}" for m in self.missions}
            | {f"document:{d['symbol']}" for d in self.documents}
        )

    def priorities_at(self, numbers: list[int]) -> list[str]:
        """The priorities and themes whose sections hold any of these paragraphs."""
        return [p["id"] for p in self.priorities if set(paragraphs(p)) & set(numbers)]


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


def _both(fact: Fact, field: str = "") -> Text:
    """A fact's text in both languages: its statement, or a field such as "label" or "host"."""
    return {lang: in_lang(fact, lang, field) for lang in LANGS}


def topic_names(facts: Facts) -> dict[str, list[str]]:
    """What a quiz on each priority, theme, mission or document calls its topic, in both languages: its tag, its
    name and, for a priority, its number ("Priority 4"). A question answered by one of these gives itself away."""
    names: dict[str, list[str]] = {}
    for item in facts.priorities:
        names[item["id"]] = [item["id"], *_both(item, "label").values(), *_number_label(item).values()]
    for mission in facts.missions:
        names[mission["acronym"]] = [mission["acronym"], *_both(mission, "label").values()]
    for document in facts.documents:
        names[document["symbol"]] = [document["symbol"], *_both(document, "label").values(), *_subject(document).values()]
    return {topic: [n for n in dict.fromkeys(found) if n] for topic, found in names.items()}


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


def _period(text: str, lang: str) -> str:
    """A period fit for a prompt: no footnote references, and an aside set off by a comma, not nested brackets."""
    return _ASIDE.sub(lambda m: wording.text("quiz.aside", lang, aside=m[1]), _NOTE.sub("", text)).strip()


def _with_period(label: str, period: str, lang: str) -> str:
    """The label with its period in brackets, or inside the label's own closing bracket ("(maximum, from July 2024)")."""
    if label.endswith(("）", ")")):
        return label[:-1] + wording.text("quiz.aside", lang, aside=period) + label[-1]
    return wording.text("quiz.period", lang, label=label, period=period)


def noun_phrase(label: str, common_head: bool = False) -> str:
    """An English label as it reads inside a sentence: "Fact sheets informed by CPAS" -> "fact sheets informed by
    CPAS"; a proper name keeps its capital ("UN experts", "Trust Fund ...", "Secretary-General reports"), unless
    the first word is known to be a common one (`common_head`: a date's label says what it is the date of)."""
    words = label.split()
    if not words or any(c.isupper() for c in words[0][1:]) or not common_head and len(words) > 1 and words[1][:1].isupper():
        return label
    return label[:1].lower() + label[1:]


def _counted(stat: Fact) -> tuple[str, str]:
    """The prompt for a statistic's kind, and its English label with a counted one's "Number of" dropped."""
    unit = stat["unit"]
    label = noun_phrase(in_lang(stat, "en", "label"), common_head=unit == "date")
    if unit == "date":
        return "quiz_prompt.stat_date", label
    if unit in COUNTED or label.startswith(f"{unit} "):  # "years between ..." is counted too
        return "quiz_prompt.stat_count", re.sub(r"^number of\s+", "", label)
    return "quiz_prompt.stat_value", label


def statistic_prompt(stat: Fact) -> Text:
    own = _both(stat, "question")  # its own question, where the label reads badly
    if all(own.values()):
        return wording.both("quiz_prompt.stat_question", question=own)
    key, label_en = _counted(stat)
    label_zh = in_lang(stat, "zh", "label")
    if stat["unit"] == "date":
        return wording.both(key, label={"zh": label_zh, "en": label_en})
    period_zh, period_en = _period(stat["period_zh"] or "", "zh"), _period(stat["period_en"] or "", "en")
    if (
        period_zh
        and period_en
        and not reveals(stat, period_zh, period_en)
        and not _says_period(label_zh, period_zh)
        and not _says_period(label_en, period_en)
    ):
        label_zh, label_en = _with_period(label_zh, period_zh, "zh"), _with_period(label_en, period_en, "en")
    label = {"zh": label_zh, "en": label_en}
    if stat["before"] is not None:
        before = distractors.render(stat, stat["before"], stat["before_text"])
        return wording.both("quiz_prompt.stat_change", label=label, before=before)
    return wording.both(key, label=label)


def statistic_question(stat: Fact, facts: Facts) -> Question:
    qid = f"stat:{stat['id']}"
    right, wrong = distractors.options(stat, rng_for(qid))
    priorities = [stat["priority"]] if stat["priority"] else facts.priorities_at(paragraphs(stat))
    return make(
        qid,
        ["statistic", *priorities, *sorted(stat["missions"])],
        statistic_prompt(stat),
        right,
        wrong,
        {"zh": stat["zh"], "en": stat["en"]},
        first_paragraph(stat),
        f"statistic:{stat['id']}",
    )


# Priorities and themes


def _number_label(item: Fact) -> Text:
    return wording.both("quiz_text.priority" if item["type"] == "priority" else "quiz_text.theme", number=item["number"])


def priority_questions(facts: Facts) -> list[Question]:
    """What is priority 4? Which number is "Women, peace and security"? For each priority and theme."""
    out = []
    for item in facts.priorities:
        others = [p for p in facts.priorities if p is not item]
        label, name = _number_label(item), _both(item, "label")
        context = wording.both("quiz_text.priority_context", number_label=label, label=name, text=_both(item))
        topics, first, source = ["priority", item["id"]], first_paragraph(item), f"priority:{item['id']}"
        qid = f"prio-name:{item['id']}"
        out.append(
            make(
                qid,
                topics,
                wording.both(
                    "quiz_prompt.priority_name" if item["type"] == "priority" else "quiz_prompt.theme_name",
                    number=item["number"],
                ),
                name,
                [{"zh": p["label_zh"], "en": p["label_en"]} for p in _others(qid, others)],
                context,
                first,
                source,
            )
        )
        qid = f"prio-number:{item['id']}"
        out.append(
            make(
                qid,
                topics,
                wording.both("quiz_prompt.priority_number", label=name),
                label,
                [_number_label(p) for p in _others(qid, others)],
                context,
                first,
                source,
            )
        )
    return out


# Missions and their examples


def _mission_context(mission: Fact) -> Text:
    return wording.both(
        "quiz_text.mission_context",
        label_zh=in_lang(mission, "zh", "label"),
        acronym=mission["acronym"],
        name=_both(mission),
        host=_both(mission, "host"),
    )


def mission_questions(facts: Facts) -> list[Question]:
    """Full name, host country and Chinese short name of every mission the report names."""
    out = []
    for mission in facts.missions:
        acronym, first = mission["acronym"], first_paragraph(mission)
        others = [m for m in facts.missions if m is not mission]
        context, topics, source = _mission_context(mission), ["mission", acronym], f"mission:{acronym}"
        qid = f"mission-name:{acronym}"
        out.append(
            make(
                qid,
                topics,
                wording.both("quiz_prompt.mission_name", acronym=acronym),
                {"zh": mission["zh"], "en": mission["en"]},
                [{"zh": m["zh"], "en": m["en"]} for m in _others(qid, others)],
                context,
                first,
                source,
            )
        )
        qid = f"mission-host:{acronym}"
        hosts = [m for m in others if m["host_en"] != mission["host_en"]]
        out.append(
            make(
                qid,
                topics,
                wording.both("quiz_prompt.mission_host", acronym=acronym),
                {"zh": mission["host_zh"], "en": mission["host_en"]},
                [{"zh": m["host_zh"], "en": m["host_en"]} for m in _others(qid, hosts)],
                context,
                first,
                source,
            )
        )
        qid = f"mission-acronym:{acronym}"
        out.append(
            make(
                qid,
                topics,
                wording.both("quiz_prompt.mission_acronym", chinese=in_lang(mission, "zh", "label")),
                {"zh": acronym, "en": acronym},
                [{"zh": m["acronym"], "en": m["acronym"]} for m in _others(qid, others)],
                context,
                first,
                source,
            )
        )
    return out


def _places(host: str) -> list[str]:
    """The places a host names: "Abyei Area (between the Sudan and South Sudan)" -> Abyei Area, Abyei, Sudan, South Sudan."""
    main, *inner = re.split(r"[()（）]", host)
    parts = [main, *(p for part in inner for p in re.split(r"\b(?:between|and|the)\b|和|之间", part))]
    found = [p.strip() for p in parts] + [re.sub(r"\s*(?:Area|地区)$", "", p.strip()) for p in parts]
    return [p for p in dict.fromkeys(found) if len(p) > 1]


def mission_words(facts: Facts) -> dict[str, dict[str, list[str]]]:
    """Every name of every mission (the English label is the acronym), by acronym and language: what an example blanks."""
    names: dict[str, dict[str, list[str]]] = {
        m["acronym"]: {lang: [in_lang(m, lang, "label"), in_lang(m, lang)] for lang in LANGS} for m in facts.missions
    }
    for alias, acronym, lang in facts.mission_names:
        names[acronym][lang].append(alias)
    return names


def host_words(facts: Facts) -> dict[str, dict[str, list[str]]]:
    """The places each mission is deployed in, and words that point to them ("Lebanese"), by language."""
    return {
        m["acronym"]: {
            lang: _places(in_lang(m, lang, "host")) + _HOST_WORDS.get(m["host_en"], {}).get(lang, []) for lang in LANGS
        }
        for m in facts.missions
    }


def giveaways(facts: Facts) -> dict[str, dict[str, list[str]]]:
    """What an example must not show, by mission and language: its names, its host and words for the host."""
    names, hosts = mission_words(facts), host_words(facts)
    return {acronym: {lang: names[acronym][lang] + hosts[acronym][lang] for lang in LANGS} for acronym in names}


def _words_pattern(found: dict[str, dict[str, list[str]]], lang: str) -> re.Pattern:
    """Any of the words, longest first so a full name goes whole; whole English words only ("Mali", not "Somalia")."""
    words = sorted({w for by_lang in found.values() for w in by_lang[lang]}, key=lambda w: (-len(w), w))
    pattern = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)" if lang == "en" else pattern, re.IGNORECASE)


def _mission_set(acronyms: list[str], facts: Facts) -> Text:
    chosen = [m for m in facts.missions if m["acronym"] in acronyms]
    zh, en = [in_lang(m, "zh", "label") for m in chosen], [m["acronym"] for m in chosen]
    if len(chosen) == 1:
        return {"zh": zh[0], "en": en[0]}
    comma = wording.both("quiz_text.series_comma")
    items = {"zh": comma["zh"].join(zh[:-1]), "en": comma["en"].join(en[:-1])}
    return wording.both("quiz_text.series", items=items, last={"zh": zh[-1], "en": en[-1]})


def _other_sets(qid: str, acronyms: list[str], facts: Facts) -> list[list[str]]:
    """Three other sets of as many missions: each swaps one of the right ones for another."""
    rng, everyone = rng_for(qid + "/others"), [m["acronym"] for m in facts.missions]
    swaps = [sorted({*acronyms} - {out} | {into}) for out in acronyms for into in everyone if into not in acronyms]
    return rng.sample(swaps, 3)


def example_questions(facts: Facts) -> list[Question]:
    """Examples with the missions blanked, leaving out those that name no mission (nothing to blank): which mission
    did this? And for an example of one mission: which of these did it do?"""
    names, hosts = mission_words(facts), host_words(facts)
    patterns = {lang: (_words_pattern(names, lang), _words_pattern(hosts, lang)) for lang in LANGS}
    place = wording.both("quiz_text.place")  # stands for a host country or region in an example
    masked = [(e, {lang: mask(in_lang(e, lang), *patterns[lang], place[lang]) for lang in LANGS}) for e in facts.examples]
    masked = [(e, text) for e, text in masked if all(BLANK in text[lang] for lang in LANGS)]
    return [example_question(e, text, facts) for e, text in masked] + did_questions(masked, facts)


def mask(text: str, missions: re.Pattern, places: re.Pattern, place: str) -> str:
    """The text with every mission name blanked and every host place hidden."""
    return places.sub(place, missions.sub(BLANK, text))


def example_question(example: Fact, text: Text, facts: Facts) -> Question:
    """Which mission did this? The example with its missions blanked and their hosts hidden."""
    qid, missions = f"example:{example['id']}", sorted(example["missions"])
    several = len(missions) > 1
    priorities = [example["priority"]] if example["priority"] else facts.priorities_at(paragraphs(example))
    return make(
        qid,
        ["example", *priorities, *missions],
        wording.both("quiz_prompt.example_several" if several else "quiz_prompt.example_one", example=text),
        _mission_set(missions, facts),
        [_mission_set(s, facts) for s in _other_sets(qid, missions, facts)],
        {"zh": example["zh"], "en": example["en"]},
        first_paragraph(example),
        f"example:{example['id']}",
    )


def did_questions(masked: list[tuple[Fact, Text]], facts: Facts) -> list[Question]:
    """Which of these does paragraph 20 say of MINURSO? For each example of one mission, against three examples of
    other missions (each mission shown as "[mission]", as a place is "[place]"): of the same priority first, then
    the nearest in length, so that no option stands out."""
    marker = wording.both("quiz_text.mission")
    single = [(e, {lang: t[lang].replace(BLANK, marker[lang]) for lang in LANGS}) for e, t in masked if len(e["missions"]) == 1]
    out, asked = [], set()
    for example, right in single:
        acronym, qid, paragraph = example["missions"][0], f"did:{example['id']}", first_paragraph(example)
        if (acronym, paragraph) in asked:
            continue  # the prompt names the mission and paragraph: one question for each
        asked.add((acronym, paragraph))
        mission = next(m for m in facts.missions if m["acronym"] == acronym)
        others = [(e, t) for e, t in single if e["missions"][0] != acronym]
        others.sort(key=lambda o: (o[0]["priority"] != example["priority"], abs(len(o[1]["en"]) - len(right["en"]))))
        priorities = [example["priority"]] if example["priority"] else facts.priorities_at(paragraphs(example))
        asked_question = make(
            qid,
            ["example", *priorities, acronym],
            wording.both(
                "quiz_prompt.example_did", mission={"zh": in_lang(mission, "zh", "label"), "en": acronym}, paragraph=paragraph
            ),
            right,
            [t for _, t in _others(qid, others[:NEAREST])],
            _mission_context(mission),
            paragraph,
            f"example:{example['id']}",
        )
        # The options hide mission and place ("[mission]"); once answered, the example is shown as the report words it.
        said = {lang: in_lang(example, lang) for lang in LANGS}
        out.append(replace(asked_question, explanation=explain(said, _mission_context(mission), paragraph), context=said))
    return out


# Documents


def _symbolled(documents: list[Fact]) -> list[Fact]:
    """Documents with a UN symbol ("S/RES/2589 (2021)"), not an internal reference."""
    return [d for d in documents if "/" in d["symbol"]]


def _alike(qid: str, document: Fact, pool: list[Fact]) -> list[Fact]:
    """Three other documents, of the same kind as far as there are enough of them."""
    if len(pool) < 3:
        raise LookupError("fewer than three other documents fit")
    same = [d for d in pool if d["kind"] == document["kind"]]
    if len(same) >= 3:
        return _others(qid, same)
    return same + _others(qid, [d for d in pool if d not in same], 3 - len(same))


def _subject(document: Fact) -> Text:
    """A document's title; for a resolution its subject only, since the number would give it away."""

    def part(title: str) -> str:
        return re.split(r"[:：]", title, maxsplit=1)[-1].strip() if document["kind"] == "resolution" else title

    subject = {lang: part(label) for lang, label in _both(document, "label").items()}
    return subject | {"en": subject["en"][0].upper() + subject["en"][1:]}


def _document_topics(document: Fact, facts: Facts) -> list[str]:
    named = [m["acronym"] for m in facts.missions if m["acronym"] in document["en"] + in_lang(document, "en", "label")]
    return ["document", document["symbol"], *facts.priorities_at(paragraphs(document)), *named]


def _dated_alike(shown: str, right: str, other: str) -> bool:
    """Whether an option shows each year of the prompt just as the right one does, so no year tells them apart."""
    return all((year in years(right)) == (year in years(other)) for year in years(shown))


def document_questions(facts: Facts) -> list[Question]:
    """Which document is described so? What is S/RES/2589 (2021)? For every document with a symbol, leaving
    out a question where the prompt's year would pick the answer and too few other documents share it."""
    out, documents = [], _symbolled(facts.documents)
    for document in documents:
        for ask in (_which_document, _document_title):
            try:
                out += ask(document, documents, facts)
            except LookupError:
                continue
    return out


def _document_context(document: Fact) -> Text:
    return wording.both(
        "quiz_text.document_context", symbol=document["symbol"], title=_both(document, "label"), text=_both(document)
    )


def _titled(document: Fact) -> Text:
    return wording.both("quiz_text.document_title", symbol=document["symbol"], title=_both(document, "label"))


def _which_document(document: Fact, documents: list[Fact], facts: Facts) -> list[Question]:
    symbol, qid = document["symbol"], f"doc-which:{document['symbol']}"
    if sum(d["en"] == document["en"] for d in documents) > 1:
        return []  # a description several documents share does not say which one is meant
    pool = [d for d in documents if d["en"] != document["en"] and _dated_alike(document["en"], symbol, d["symbol"])]
    asked = make(
        qid,
        _document_topics(document, facts),
        wording.both("quiz_prompt.document_which", description=_both(document)),
        {"zh": symbol, "en": symbol},
        [{"zh": d["symbol"], "en": d["symbol"]} for d in _alike(qid, document, pool)],
        _document_context(document),
        first_paragraph(document),
        f"document:{symbol}",
    )
    return [replace(asked, context=_titled(document))]  # the prompt gave the description: a poll adds the title


def _document_title(document: Fact, documents: list[Fact], facts: Facts) -> list[Question]:
    symbol, qid, subject = document["symbol"], f"doc-title:{document['symbol']}", _subject(document)
    if symbol in in_lang(document, "en", "label"):
        return []  # the title names it: nothing to ask
    pool = [
        d
        for d in documents
        if d["symbol"] not in in_lang(d, "en", "label")
        and _subject(d)["en"] != subject["en"]
        and _dated_alike(symbol, subject["en"], _subject(d)["en"])
    ]
    asked = make(
        qid,
        _document_topics(document, facts),
        wording.both("quiz_prompt.document_title", symbol=symbol),
        subject,
        [_subject(d) for d in _alike(qid, document, pool)],
        _document_context(document),
        first_paragraph(document),
        f"document:{symbol}",
    )
    return [replace(asked, context=_both(document))]  # the title is the poll's answer: its explanation describes it
