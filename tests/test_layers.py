"""Layers that point one way: the action server loads only what answering needs, and channels reach the
store through the quiz and answering services, never through the ORM."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

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
