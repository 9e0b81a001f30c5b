"""One engine per process, created from DATABASE_URL (SQLite file by default)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from actions import settings

# The names channels use for a unit of work on the store and for the store failing, so that they call the
# services without importing SQLAlchemy.
Store = Session
StoreError = SQLAlchemyError


def database_url() -> str:
    return settings.get("DATABASE_URL")


@cache
def engine(url: str | None = None) -> Engine:
    url = url or database_url()
    if url.startswith("sqlite"):
        # Quiz answers arrive concurrently; SQLite makes writers wait their turn rather than fail at once.
        # Open connections are kept in a pool, as SQLAlchemy 2.0 does for SQLite files: 1.4 opens and pings
        # a new one for every session, about 1.5 ms each, two or three sessions a turn.
        return create_engine(url, future=True, poolclass=QueuePool, connect_args={"timeout": 30, "check_same_thread": False})
    return create_engine(url, future=True, pool_pre_ping=True)


@cache
def _factory(bind: Engine) -> sessionmaker:
    # One factory per engine: each sessionmaker makes a Session subclass, and setting up its events cost more than
    # the query of a turn's quiz check.
    return sessionmaker(bind, future=True)


def session(url: str | None = None) -> Session:
    return _factory(engine(url))()


def migrate(url: str | None = None) -> None:
    """Bring the schema to the newest Alembic revision."""
    from alembic import command
    from alembic.config import Config

    config = Config(str(settings.ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    config.attributes["engine"] = engine(url)
    command.upgrade(config, "head")
