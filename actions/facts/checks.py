"""Validate data/report before it is loaded; every problem names its file and entry."""

from __future__ import annotations

import re
from collections import Counter

from actions.facts.files import Entry, ReportData
from actions.facts.numbers import compact, english_forms, numeral, parse_number
from actions.facts.records import RECORDS, Schema, key_field, schema

PARAGRAPH_COUNT = 80
UNITS = {"people", "count", "percent", "usd", "tonnes_per_person_year", "months", "years", "multiple", "points", "times", "date"}
_YEAR = re.compile(r"(?:19|20)\d\d")
PRIORITY_IDS = re.compile(r"^(P[1-7]|T[12])$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# unit "multiple": the Chinese counts the increase ("增加了两倍" = value 2), English the result ("tripled")
MULTIPLE_EN = {1: "doubled", 2: "tripled", 3: "quadrupled", 4: "quintupled", 5: "sextupled"}

# kind -> what its entries must hold, and the field that tells them apart: from the records' declarations
SCHEMA: dict[str, Schema] = {kind: schema(record) for kind, record in RECORDS.items()}
KEYS = {kind: key_field(record) for kind, record in RECORDS.items()}


def _bilingual(entry: Entry, name: str, required: bool) -> list[str]:
    value = entry.data if name == "." else entry.data.get(name)
    label = "text" if name == "." else name
    if value is None:
        return [f"{entry.where()}: missing {label}"] if required else []
    if not isinstance(value, dict):
        return [f"{entry.where()}: {label} must have zh and en"]
    problems = [
        f"{entry.where()}: missing {lang} translation of {label}"
        for lang in ("zh", "en")
        if not str(value.get(lang) or "").strip()
    ]
    stray = [str(k) for k in value if k not in ("zh", "en")]
    if stray and name != ".":
        problems.append(
            f"{entry.where()}: {label} has keys other than zh and en ({', '.join(stray)}): quote a text that holds a comma"
        )
    return problems


def _paragraph_refs(entry: Entry) -> list:
    refs = entry.data.get("paragraphs") or []
    if "paragraph" in entry.data:
        refs = [entry.data["paragraph"], *refs]
    return refs if isinstance(refs, list) else [refs]


def _source_text(data: ReportData, number: int | None) -> str:
    """A paragraph's Chinese text with the footnotes and figure captions attached to it."""
    parts = [e.data.get("zh", "") for e in data["paragraph"] if e.data.get("number") == number]
    parts += [e.data.get("zh", "") for e in data["footnote"] if e.data.get("paragraph") == number]
    for figure in data["figure"]:
        if figure.data.get("paragraph") == number:
            parts += [(figure.data.get(f) or {}).get("zh", "") for f in ("title", "notes")]
    return compact("".join(str(p) for p in parts))


def _statistic_texts(where: str, stat: dict, source: str) -> list[str]:
    """A value and the words it is read from go together, and the words are the report's."""
    problems = []
    for value_key, text_key in (("value", "source_text"), ("before", "before_text")):
        value, text = stat.get(value_key), stat.get(text_key)
        if value is None and text is None:
            continue
        if value is None or text is None:
            problems.append(f"{where}: {value_key} and {text_key} go together")
            continue
        if compact(str(text)) not in source:
            problems.append(
                f"{where}: {text_key} {text!r} does not appear in paragraph {stat.get('paragraph')} of the source text"
            )
        elif stat.get("unit") == "date":
            years = _YEAR.findall(compact(str(text)))
            if not years or float(years[0]) != float(value):
                problems.append(f"{where}: {text_key} {text!r} is not a date in the year {value}")
        elif parse_number(str(text)) != float(value):
            problems.append(f"{where}: {text_key} {text!r} does not read as {value_key} {value}")
    return problems


def _statistic_answers(where: str, stat: dict) -> list[str]:
    """Each language's answer states the value."""
    problems = []
    answer = stat.get("answer") or {}
    if "value" in stat and answer.get("en"):
        english = str(answer["en"]).lower()
        forms = (
            english_forms(float(stat["value"])) if stat.get("unit") != "multiple" else [MULTIPLE_EN.get(int(stat["value"]), "?")]
        )
        if not any(form.lower() in english for form in forms):
            problems.append(f"{where}: the English answer does not state the value {stat['value']}")
    if stat.get("source_text") and answer.get("zh"):
        if numeral(str(stat["source_text"])) not in compact(str(answer["zh"])):
            problems.append(f"{where}: the Chinese answer does not state {stat['source_text']!r}")
    return problems


def _check_statistic(entry: Entry, data: ReportData) -> list[str]:
    stat, where = entry.data, entry.where()
    problems = []
    if stat.get("unit") not in UNITS:
        problems.append(f"{where}: unknown unit {stat.get('unit')!r} (one of {', '.join(sorted(UNITS))})")
    problems += _statistic_texts(where, stat, _source_text(data, stat.get("paragraph")))
    return problems + _statistic_answers(where, stat) + _statistic_question(where, stat)


def _statistic_question(where: str, stat: dict) -> list[str]:
    """A quiz question, when given, asks in each language and does not state the figure it asks for."""
    question, problems = stat.get("question"), []
    if not isinstance(question, dict):
        return []
    zh, en = str(question.get("zh") or ""), str(question.get("en") or "")
    if not zh.endswith("？") or not en.endswith("?"):
        problems.append(f"{where}: question must end with a question mark (？ in Chinese)")
    if str(stat.get("source_text")) and compact(str(stat.get("source_text"))) in compact(zh):
        problems.append(f"{where}: question gives the answer away: {stat.get('source_text')!r}")
    return problems


def _shape(kind: str, entry: Entry, keys: Counter) -> list[str]:
    """Required and bilingual fields present, and the entry's key unique and well formed."""
    where, (required, bilingual, optional) = entry.where(), SCHEMA[kind]
    problems = [f"{where}: missing {name}" for name in required if entry.data.get(name) in (None, "")]
    for name in bilingual:
        problems += _bilingual(entry, name, required=True)
    for name in optional:
        problems += _bilingual(entry, name, required=False)
    key = entry.data.get(KEYS[kind])
    if keys[key] > 1:
        problems.append(f"{where}: duplicate {KEYS[kind]} {key!r}")
    if kind in ("statistic", "example", "recommendation") and key and not SLUG.match(str(key)):
        problems.append(f"{where}: id {key!r} must be a lower-case slug")
    return problems


def _references(kind: str, entry: Entry, missions: set, priorities: set) -> list[str]:
    """The paragraphs, missions and priority an entry names exist."""
    where = entry.where()
    problems = [
        f"{where}: paragraph {ref!r} out of range 1-{PARAGRAPH_COUNT}"
        for ref in _paragraph_refs(entry)
        if not isinstance(ref, int) or not 1 <= ref <= PARAGRAPH_COUNT
    ]
    for acronym in entry.data.get("missions") or [] if kind != "mission" else []:
        if acronym not in missions:
            problems.append(f"{where}: unknown mission {acronym!r}")
    priority = entry.data.get("priority")
    if kind != "priority" and priority is not None and priority not in priorities:
        problems.append(f"{where}: unknown priority {priority!r}")
    return problems


def _kind_rules(kind: str, entry: Entry, data: ReportData) -> list[str]:
    """A priority's id is P1-P7 or T1-T2; statistics and recommendations quote the report's own words."""
    if kind == "priority" and not PRIORITY_IDS.match(str(entry.data.get(KEYS[kind]))):
        return [f"{entry.where()}: priority id must be P1-P7 or T1-T2"]
    if kind == "statistic":
        return _check_statistic(entry, data)
    if kind == "recommendation" and entry.data.get("zh"):
        if compact(str(entry.data["zh"])) not in _source_text(data, entry.data.get("paragraph")):
            return [f"{entry.where()}: text is not the report's words in paragraph {entry.data.get('paragraph')}"]
    return []


def check(data: ReportData) -> list[str]:
    """All problems in the data, or an empty list."""
    problems: list[str] = []
    missions = {e.data.get("acronym") for e in data["mission"]}
    priorities = {e.data.get("id") for e in data["priority"]}
    for kind in SCHEMA:
        keys = Counter(e.data.get(KEYS[kind]) for e in data[kind])
        for entry in data[kind]:
            problems += _shape(kind, entry, keys)
            problems += _references(kind, entry, missions, priorities)
            problems += _kind_rules(kind, entry, data)
    numbers = {e.data.get("number") for e in data["paragraph"]}
    missing = sorted(set(range(1, PARAGRAPH_COUNT + 1)) - numbers)
    if missing:
        problems.append(f"paragraphs: missing paragraph(s) {', '.join(map(str, missing))}")
    return problems
