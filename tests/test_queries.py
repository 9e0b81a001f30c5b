"""Query functions of the data-access layer, on SQLite and PostgreSQL."""

import copy

import pytest
from sqlalchemy import event

from actions.facts.loader import load
from actions.store import queries
from actions.store.corpus import corpus

KILLED = "uniformed-peacekeepers-killed-malicious-acts-since-1948"


@pytest.mark.parametrize(
    "alias",
    [
        "联刚稳定团",
        "MONUSCO",
        "monusco",
        "刚果民主共和国稳定特派团",
        "联合国组织刚果民主共和国稳定特派团",
        "聯剛穩定團",
        "United Nations Organization Stabilization Mission in the Democratic Republic of the Congo",
    ],
)
def test_mission_by_any_alias(db, alias):
    assert queries.mission(db, alias)["acronym"] == "MONUSCO"


@pytest.mark.parametrize(
    "alias,acronym",
    [
        ("马里稳定团", "MINUSMA"),
        ("中非稳定团", "MINUSCA"),
        ("联黎部队", "UNIFIL"),
        ("UNMISS", "UNMISS"),
        ("南苏丹特派团", "UNMISS"),
        ("联塞部队", "UNFICYP"),
    ],
)
def test_other_missions(db, alias, acronym):
    assert queries.mission(db, alias)["acronym"] == acronym


def test_unknown_mission(db):
    assert queries.mission(db, "Starfleet") is None


@pytest.mark.parametrize("pid", ["P4", "P6", "T1"])
def test_priority_by_id(db, pid):
    assert queries.fact(db, "priority", pid)["id"] == pid


def test_paragraph_by_number(db):
    para = queries.paragraph(db, 44)
    assert para["number"] == 44 and "1 067" in para["zh"] and "1,067" in para["en"]
    assert queries.paragraph(db, 81) is None


@pytest.mark.parametrize("symbol", ["S/PRST/2022/6", "s/prst/2022/6"])
def test_document_by_symbol(db, symbol):
    assert queries.document(db, symbol)["symbol"] == "S/PRST/2022/6"


def test_resolution_by_alias(db):
    assert "2589" in queries.document(db, "resolution 2589 (2021)")["symbol"]


def test_statistics_by_topic_mission_and_year(db):
    found = queries.search(db, "peacekeepers killed by malicious acts in 2013", types=("statistic",))
    assert found[0]["value"] == 331 and found[0]["years"] == [2013]
    found = queries.search(db, "UNIFIL joint patrols", types=("statistic",))
    assert found[0]["value"] == 20 and found[0]["before"] == 13 and "UNIFIL" in found[0]["missions"]


def test_search_is_ranked_and_bilingual(db):
    en = queries.search(db, "greenhouse gas emissions per person")
    zh = queries.search(db, "温室气体排放量")
    assert en[0]["id"] == zh[0]["id"] and en[0]["value"] == 7.3
    assert en[0]["score"] >= en[-1]["score"]


@pytest.mark.parametrize("text", ["", "   ", "🙂🙂", "'; DROP TABLE statistics; --", "<script>x</script>", "x" * 50_000])
def test_search_survives_bad_input(db, text):
    assert isinstance(queries.search(db, text), list)


def test_facts_come_from_a_snapshot_renewed_by_facts_load(db, store_url, report_data):
    """One version lookup per transaction serves every fact; a load that changes a fact shows in the next one."""
    queries.search(db, "peacekeepers killed by malicious acts since 1948")
    statements = []
    listen = (db.get_bind(), "before_cursor_execute", lambda *args: statements.append(args[2]))
    event.listen(*listen)
    try:
        assert queries.fact(db, "statistic", KILLED)["value"] == 1067
        assert len(queries.facts(db, "example")) == len(report_data["example"]) and statements == []
        changed = copy.deepcopy(report_data)
        next(e.data for e in changed["statistic"] if e.data["id"] == KILLED)["value"] = 1068
        load(changed, store_url)
        db.rollback()
        assert queries.fact(db, "statistic", KILLED)["value"] == 1068
    finally:
        event.remove(*listen)
        load(report_data, store_url)
        db.rollback()
    assert queries.fact(db, "statistic", KILLED)["value"] == 1067


def test_search_index_in_memory_renewed_by_facts_load(db, store_url, report_data):
    """Searches and the corpus cost at most one statement a transaction (the version, read at most once a
    second); a load that changes a fact's words shows in the next transaction's searches."""
    queries.search(db, "peacekeepers killed by malicious acts since 1948")
    corpus(db)
    db.rollback()
    statements = []
    listen = (db.get_bind(), "before_cursor_execute", lambda *args: statements.append(args[2]))
    event.listen(*listen)
    try:
        assert queries.search(db, "zyzzyvas") == []
        assert corpus(db).df.get("zyzzyva") is None and queries.search(db, "温室气体排放量")
        assert len(statements) <= 1
        changed = copy.deepcopy(report_data)
        next(e.data for e in changed["statistic"] if e.data["id"] == KILLED)["keywords"]["en"].append("zyzzyvas")
        load(changed, store_url)
        db.rollback()
        assert [hit["id"] for hit in queries.search(db, "zyzzyvas")] == [KILLED]
        assert corpus(db).df["zyzzyva"] == 1
    finally:
        event.remove(*listen)
        load(report_data, store_url)
        db.rollback()
    assert queries.search(db, "zyzzyvas") == []


def test_footnotes_are_stored_as_plain_text(db):
    """The Chinese source marks documents as Markdown links ([A/75/19](#)); replies must show the symbol only."""
    notes = queries.facts(db, "footnote")
    assert any("A/75/19" in n["zh"] for n in notes)
    assert not [n for n in notes if "](" in n["zh"] + n["en"]]
