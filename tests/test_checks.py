"""`facts check` refuses bad data with a message naming the file and the entry."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
import yaml

from actions.facts.files import DATA_DIR
from tests.conftest import ROOT

pytestmark = pytest.mark.server  # starts processes (see pytest.ini)


@pytest.fixture
def data_dir(tmp_path):
    target = tmp_path / "report"
    shutil.copytree(DATA_DIR, target)
    return target


def edit(path, change) -> None:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(entries)
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", "facts", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def first_statistic(data_dir):
    return data_dir / "statistics" / "01-40.yaml"


def _set(index, **fields):
    def change(entries):
        entries[index].update(fields)

    return change


CASES = [
    (
        "missing translation",
        "missions.yaml",
        lambda e: e[0]["name"].update(en=""),
        "missions.yaml: mission {acronym}: missing en translation of name",
    ),
    ("duplicate id", "examples.yaml", lambda e: e[1].update(id=e[0]["id"]), "examples.yaml: example {id}: duplicate id"),
    (
        "paragraph out of range",
        "figures.yaml",
        lambda e: e[0].update(paragraph=81),
        "figures.yaml: figure 1: paragraph 81 out of range 1-80",
    ),
    (
        "unknown mission",
        "examples.yaml",
        lambda e: e[0].update(missions=["MINUSXX"]),
        "examples.yaml: example {id}: unknown mission 'MINUSXX'",
    ),
    (
        "unknown priority",
        "examples.yaml",
        lambda e: e[0].update(priority="P9"),
        "examples.yaml: example {id}: unknown priority 'P9'",
    ),
    (
        "value not in paragraph",
        "statistics/01-40.yaml",
        lambda e: e[0].update(source_text="9 999", value=9999),
        "statistics/01-40.yaml: statistic {id}: source_text '9 999' does not appear in paragraph",
    ),
    (
        "value misread",
        "statistics/01-40.yaml",
        lambda e: e[0].update(value=e[0]["value"] + 1),
        "statistics/01-40.yaml: statistic {id}: source_text",
    ),
    (
        "comma split a text",
        "missions.yaml",
        lambda e: e[0]["host_country"].update({"Lebanon": None}),
        "missions.yaml: mission {acronym}: host_country has keys other than zh and en (Lebanon)",
    ),
    (
        "unknown unit",
        "statistics/01-40.yaml",
        lambda e: e[0].update(unit="furlongs"),
        "statistics/01-40.yaml: statistic {id}: unknown unit 'furlongs'",
    ),
    (
        "quiz question not a question",
        "statistics/01-40.yaml",
        lambda e: e[0].update(question={"zh": "根据报告，维和行动的数目", "en": "how many operations?"}),
        "statistics/01-40.yaml: statistic {id}: question must end with a question mark",
    ),
    (
        "quiz question giving its answer",
        "statistics/01-40.yaml",
        lambda e: e[0].update(question={"zh": f"是{e[0]['source_text']}吗？", "en": "is it so?"}),
        "statistics/01-40.yaml: statistic {id}: question gives the answer away",
    ),
    (
        "quiz question in one language",
        "statistics/01-40.yaml",
        lambda e: e[0].update(question={"zh": "有多少？", "en": ""}),
        "statistics/01-40.yaml: statistic {id}: missing en translation of question",
    ),
]


@pytest.mark.parametrize("name,file,change,message", CASES, ids=[c[0] for c in CASES])
def test_check_refuses(data_dir, name, file, change, message):
    path = data_dir / file
    original = yaml.safe_load(path.read_text(encoding="utf-8"))[0]
    edit(path, change)
    result = run("check", "--data", str(data_dir))
    assert result.returncode == 1
    expected = message.format(id=original.get("id"), acronym=original.get("acronym"))
    assert expected in result.stderr, result.stderr


def test_a_multiple_states_the_result_not_the_chinese_count(data_dir):
    """ "增加了两倍" (value 2) is "tripled" in English; "twofold" reads the Chinese count as the result."""

    def change(entries):
        stat = next(s for s in entries if s["unit"] == "multiple")
        stat["answer"]["en"] = "The number of civil servants has increased more than twofold."

    edit(first_statistic(data_dir), change)
    result = run("check", "--data", str(data_dir))
    assert result.returncode == 1
    assert "the English answer does not state the value 2" in result.stderr, result.stderr


def test_load_refuses_bad_data_and_changes_nothing(data_dir, tmp_path):
    url = f"sqlite:///{tmp_path / 'facts.db'}"
    edit(data_dir / "missions.yaml", lambda e: e[0]["host_country"].update(zh=""))
    result = subprocess.run(
        [sys.executable, "-m", "bot", "facts", "load", "--data", str(data_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "DATABASE_URL": url},
    )
    assert result.returncode == 1
    assert "nothing loaded" in result.stderr
    assert not (tmp_path / "facts.db").exists()


def test_malformed_yaml_is_refused_with_file_name(data_dir):
    (data_dir / "figures.yaml").write_text("- number: 1\n  title: [unclosed\n", encoding="utf-8")
    result = run("check", "--data", str(data_dir))
    assert result.returncode == 1
    assert "figures.yaml: not valid YAML" in result.stderr


def test_clean_data_passes():
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK:")
