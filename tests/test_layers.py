"""Layers that point one way: the action server loads only what answering needs, channels reach the store
through the quiz and answering services, never through the ORM, and settings are read in one module."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys

import pytest

from actions import settings
from tests.conftest import ROOT

CODE_DIRS = ("actions", "bot", "nlu", "server", "scripts", "bench")
SHELL_SCRIPTS = ("scripts/run-assistant", "scripts/find-python310", "scripts/write-endpoints")

# Loading, plotting and spreadsheet code: the bot's tools need them, no action does.
NOT_IN_ACTION_SERVER = ("matplotlib", "openpyxl", "tqdm", "actions.facts.loader", "actions.facts.source", "actions.quiz.reports")

# What `python -m actions.server` does before it serves: its own module, then rasa_sdk's app with the actions.
SERVE_LIKE_THE_SERVER = """
import json, sys
from actions import server
app = server.build_app("x" * 32)
print(json.dumps(sorted(sys.modules)))
"""


@pytest.mark.server  # starts a Python process (see pytest.ini)
def test_action_server_loads_no_plotting_spreadsheet_or_loading_code():
    done = subprocess.run([sys.executable, "-c", SERVE_LIKE_THE_SERVER], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    modules = set(json.loads(done.stdout.splitlines()[-1]))
    assert "actions.actions" in modules and "rasa_sdk" in modules
    loaded = sorted(m for m in modules if any(m == name or m.startswith(name + ".") for name in NOT_IN_ACTION_SERVER))
    assert loaded == []


def _imports(path) -> set[str]:
    """Every module a file imports (absolute names; `from a import b` gives a and a.b)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_channels_use_no_orm():
    """bot/ calls services (actions.quiz, actions.store.queries, actions.store.db's session and StoreError); it
    neither builds SQL nor touches the models."""
    offenders = {
        str(path.relative_to(ROOT)): sorted(n for n in _imports(path) if n.split(".")[0] == "sqlalchemy" or "store.models" in n)
        for path in (ROOT / "bot").rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def _environment_reads(path) -> list[str]:
    """`os.environ.get(...)`, `os.environ[...]`, `os.getenv(...)`, and `.get("NAME", ...)` of a known variable on
    any mapping; passing the whole environment on (`{**os.environ}`) is not a read."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        text = ast.unparse(node)
        if isinstance(node, ast.Subscript) and text.startswith("os.environ[") and isinstance(node.ctx, ast.Load):
            found.append(text)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            first = node.args[0] if node.args else None
            named = isinstance(first, ast.Constant) and first.value in settings.VARIABLES
            if ast.unparse(node.func) in ("os.environ.get", "os.getenv") or (node.func.attr == "get" and named):
                if not ast.unparse(node.func).startswith(("settings.", "setting")):
                    found.append(text)
    return found


def test_code_reads_the_environment_only_through_settings():
    reads = {
        str(path.relative_to(ROOT)): _environment_reads(path)
        for folder in CODE_DIRS
        for path in (ROOT / folder).rglob("*.py")
        if path != ROOT / "actions" / "settings.py"
    }
    assert {path: found for path, found in reads.items() if found} == {}


def test_shell_scripts_read_only_known_variables():
    read = {name for script in SHELL_SCRIPTS for name in re.findall(r"\$\{([A-Z][A-Z0-9_]*)", (ROOT / script).read_text())}
    assert read - set(settings.VARIABLES) == set()


def test_readme_documents_every_variable_with_its_default():
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Settings", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \| (?:`([^`]*)`)? *\|", section, re.M)
    documented = {name: default.replace("<repo>", str(settings.ROOT)) for name, default in rows}
    assert documented == {name: variable.default for name, variable in settings.VARIABLES.items()}


def test_a_setting_falls_back_to_its_default():
    assert settings.get("WEB_PORT", {}) == "8000"
    assert settings.get("WEB_PORT", {"WEB_PORT": "9000"}) == "9000"
    assert settings.get("WEB_TRUSTED_PROXIES", {"WEB_TRUSTED_PROXIES": ""}) == ""  # empty: trust no proxy
    assert settings.get("DATABASE_URL", {"DATABASE_URL": ""}) == f"sqlite:///{settings.STORE_FILE}"
    with pytest.raises(KeyError):
        settings.get("NOT_A_SETTING", {})
