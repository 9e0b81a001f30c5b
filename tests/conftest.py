"""Shared fixtures: a loaded store on SQLite and on the machine's PostgreSQL, and sentence vectors encoded once."""

from __future__ import annotations

import uuid
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from actions import settings
from actions.facts.files import DATA_DIR, read_report
from actions.facts.loader import load
from actions.store import vectors
from actions.store.db import engine

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "report" / "source" / "S-2023-646-zh.txt"
PG_ADMIN_URL = settings.get("TEST_POSTGRES_URL")


def unreachable(service: str, error: Exception) -> None:
    """Without CI a missing service skips its tests; in CI it fails them."""
    message = f"{service} unreachable: {error}"
    if settings.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def postgres_database():
    """A throwaway PostgreSQL database for this test run."""
    name = f"a4p_test_{uuid.uuid4().hex[:8]}"
    try:
        admin = create_engine(PG_ADMIN_URL, future=True, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as error:
        unreachable("PostgreSQL", error)
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    yield url
    engine(url).dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def new_store_url(backend: str, tmp_path: Path, request) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'facts.db'}"
    return request.getfixturevalue("postgres_database")


@pytest.fixture(scope="session", autouse=True)
def encode_each_text_once():
    """The sentence encoder run once per text and test run: every store a test loads holds the same few hundred
    texts, and encoding them took most of each load (the encoder is deterministic, so the vectors are the same)."""
    encode, known = vectors.embed, {}

    def embed(texts: list[str]) -> np.ndarray:
        new = [t for t in dict.fromkeys(texts) if t not in known]
        if new:
            known.update(zip(new, encode(new), strict=True))
        return np.stack([known[t] for t in texts]) if texts else encode(texts)

    patch = pytest.MonkeyPatch()
    patch.setattr(vectors, "embed", embed)
    yield
    patch.undo()


@pytest.fixture(scope="session")
def report_data():
    return read_report(DATA_DIR)


# The PostgreSQL runs need the machine's server: `make test-fast` leaves them out.
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.server)]


@pytest.fixture(scope="session", params=BACKENDS)
def store_url(request, tmp_path_factory, report_data) -> str:
    """A store loaded from data/report, on each backend."""
    url = new_store_url(request.param, tmp_path_factory.mktemp("store"), request)
    load(report_data, url)
    return url


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    """The real Rasa and action servers, one pair per test module."""
    from tests.e2e_servers import running_assistant

    with running_assistant(tmp_path_factory.mktemp("assistant")) as server:
        yield server


@pytest.fixture
def db(store_url):
    from actions.store.db import session

    with session(store_url) as s:
        yield s


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (tests/helpers/browser.py), one per test module."""
    from tests.helpers.browser import chromium

    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def telegram():
    """A fake Telegram Bot API server over real HTTP, one per test module."""
    from tests.fake_telegram import FakeTelegram

    fake = FakeTelegram().start()
    yield fake
    fake.stop()
