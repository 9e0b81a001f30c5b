"""`facts load` is idempotent: a second run changes nothing, edits update, removals go."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

import pytest
import yaml
from sqlalchemy import func, select

from actions.facts.files import DATA_DIR, read_report
from actions.facts.loader import load
from actions.store import models as m
from actions.store.db import session
from tests.conftest import ROOT, new_store_url

pytestmark = pytest.mark.server  # starts processes (see pytest.ini)


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(request, tmp_path):
    url = new_store_url(request.param, tmp_path, request)
    if request.param == "postgresql":
        from actions.store.db import engine

        m.Base.metadata.drop_all(engine(url))
        with engine(url).begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    return url


def test_load_twice_changes_nothing(fresh_url):
    first = load(read_report(), fresh_url)
    assert first.added["paragraphs"] == 80
    second = load(read_report(), fresh_url)
    assert not second.changed


def test_edit_updates_and_removal_deletes(fresh_url, tmp_path):
    data_dir = tmp_path / "report"
    shutil.copytree(DATA_DIR, data_dir)
    load(read_report(data_dir), fresh_url)

    path = data_dir / "examples.yaml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    edited, removed = entries[0], entries.pop(1)
    edited["en"] = "An edited example."
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")

    report = load(read_report(data_dir), fresh_url)
    assert report.updated["examples"] == 1
    assert report.removed["examples"] == 1
    assert report.added["examples"] == 0
    with session(fresh_url) as db:
        assert db.get(m.Example, edited["id"]).en == "An edited example."
        assert db.get(m.Example, removed["id"]) is None
        links = db.execute(
            select(func.count()).select_from(m.FactMission).where(m.FactMission.fact_id == removed["id"])
        ).scalar_one()
        assert links == 0
        assert db.get(m.SearchDoc, f"example:{removed['id']}") is None
    assert not load(read_report(data_dir), fresh_url).changed


def test_cli_load_and_export(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'facts.db'}"}

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "bot", "facts", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )

    started = time.perf_counter()
    first = run("load")
    print(f"\nfull load through the CLI: {time.perf_counter() - started:.1f}s")
    assert first.returncode == 0, first.stderr
    assert "added: 80 paragraphs" in first.stdout
    second = run("load")
    assert "nothing changed" in second.stdout

    facts = json.loads(run("export", "--format", "json").stdout)
    types = {f["type"] for f in facts}
    assert types >= {"paragraph", "priority", "theme", "statistic", "mission", "example", "document", "figure", "recommendation"}
    for fact in facts:
        assert {"id", "type", "paragraph", "zh", "en"} <= fact.keys()
        assert fact["zh"] and fact["en"]
    stat = next(f for f in facts if f["type"] == "statistic" and f["value"] == 1067)
    assert stat["paragraph"] == 44 and stat["unit"] == "people"
    assert next(f for f in facts if f["type"] == "mission" and f["acronym"] == "MONUSCO")
    assert next(f for f in facts if f["type"] == "paragraph" and f["number"] == 51)

    csv_lines = run("export", "--format", "csv").stdout.splitlines()
    assert csv_lines[0].startswith("type,id,paragraph,label_zh,label_en,zh,en,value,unit")
    assert len(csv_lines) > len(facts)  # header + one row per fact (rows may hold newlines)
