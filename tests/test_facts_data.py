"""The data in data/report is the report: complete, verbatim, and every number is the report's."""

import dataclasses

from actions.facts.checks import check
from actions.facts.numbers import compact, parse_number
from actions.facts.records import RECORDS
from actions.facts.rows import TABLES
from actions.facts.source import parse_source
from tests.conftest import SOURCE


def test_data_passes_every_check(report_data):
    assert check(report_data) == []


def test_records_declare_every_key_and_fill_every_column(report_data):
    """A key its record does not declare would reach no table and no check (a misspelt "paragrpah"); a record's
    row holds exactly its table's columns."""
    for kind, record in RECORDS.items():
        fields = dataclasses.fields(record)
        declared = {f.name for f in fields} | ({"zh", "en"} if any(f.metadata.get("inline") for f in fields) else set())
        columns = set(TABLES[record].__table__.columns.keys())
        for entry in report_data[kind]:
            assert set(entry.data) <= declared, f"{entry.where()}: undeclared {sorted(set(entry.data) - declared)}"
            assert set(record.from_data(entry.data).columns()) == columns, entry.where()


def test_counts(report_data):
    assert sorted(e.data["number"] for e in report_data["paragraph"]) == list(range(1, 81))
    assert len(report_data["footnote"]) == 19
    kinds = [e.data["kind"] for e in report_data["priority"]]
    assert kinds.count("priority") == 7 and kinds.count("theme") == 2
    assert {e.data["acronym"] for e in report_data["mission"]} == {
        "MINUSMA",
        "MONUSCO",
        "MINUSCA",
        "UNMISS",
        "UNIFIL",
        "UNISFA",
        "MINURSO",
        "UNMIL",
        "UNAMID",
        "UNFICYP",
    }
    assert len(report_data["figure"]) == 6
    assert len(report_data["statistic"]) > 80
    assert len(report_data["document"]) >= 20
    assert len(report_data["recommendation"]) >= 15


def test_official_priority_names(report_data):
    names = {e.data["id"]: e.data["name"]["en"] for e in report_data["priority"]}
    assert names == {
        "P1": "Collective coherence behind a political strategy",
        "P2": "Strategic and operational integration",
        "P3": "Capabilities and mindsets",
        "P4": "Accountability to peacekeepers",
        "P5": "Accountability of peacekeepers",
        "P6": "Strategic communications",
        "P7": "Cooperation with host countries",
        "T1": "Women, peace and security",
        "T2": "Innovative, data-driven and technology-enabled peacekeeping",
    }


def test_paragraph_text_is_the_source_verbatim(report_data):
    source = {p.number: p.zh for p in parse_source(SOURCE).paragraphs}
    for entry in report_data["paragraph"]:
        assert entry.data["zh"] == source[entry.data["number"]], entry.where()


def test_every_statistic_value_is_in_its_cited_source_paragraph(report_data):
    """Against the original text file, not our YAML copy of it."""
    parsed = parse_source(SOURCE)
    text = {p.number: p.zh for p in parsed.paragraphs}
    for note in parsed.footnotes:
        text[note.paragraph] += note.zh
    for figure in parsed.figures:
        text[figure.paragraph] += figure.title + "".join(figure.notes)
    for entry in report_data["statistic"]:
        stat = entry.data
        assert compact(str(stat["source_text"])) in compact(text[stat["paragraph"]]), entry.where()
        if stat["unit"] != "date":
            assert parse_number(str(stat["source_text"])) == float(stat["value"]), entry.where()
        if stat.get("before") is not None:
            assert compact(str(stat["before_text"])) in compact(text[stat["paragraph"]]), entry.where()


def test_the_headline_statistic(report_data):
    stats = {e.data["id"]: e.data for e in report_data["statistic"]}
    deaths = [s for s in stats.values() if s["paragraph"] == 44 and s["value"] in (1067, 331)]
    assert {s["value"] for s in deaths} == {1067, 331}
    assert any("1,067" in s["answer"]["en"] and "331" in s["answer"]["en"] for s in deaths)
