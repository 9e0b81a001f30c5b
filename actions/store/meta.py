"""The store's own facts: which version of the facts the last `facts load` wrote."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.store import models as m

VERSION_KEY = "facts_version"
_VERSION_INFO = "facts_version"  # Session.info key: (the transaction, the version it read)
# A store's version is read again at most once a second per process: the query cost about 0.7 ms of a turn's CPU,
# and a `facts load` from another process is seen within that second (one in this process at once: `forget`).
RECHECK_SECONDS = 1.0
_last_read: dict[str, tuple[float, str | None]] = {}  # store URL -> (monotonic time read, version)


def store_version(db: Session) -> str | None:
    """The digest the last load recorded (None before the first): one primary-key lookup, to tell a changed store."""
    return db.execute(select(m.StoreMeta.value).where(m.StoreMeta.key == VERSION_KEY)).scalar()


def current_version(db: Session) -> str | None:
    """`store_version`, looked up at most once per transaction and once per `RECHECK_SECONDS`: what the
    in-memory copies of the store (facts, search index, corpus) check before each use, several times a turn."""
    memo = db.info.get(_VERSION_INFO)
    transaction = db.get_transaction()
    if memo and transaction is not None and memo[0] is transaction:
        return memo[1]
    store, now = str(db.get_bind().url), time.monotonic()
    read = _last_read.get(store)
    if read and now - read[0] < RECHECK_SECONDS:
        version = read[1]
    else:
        version = store_version(db)
        _last_read[store] = (now, version)
    db.info[_VERSION_INFO] = (db.get_transaction(), version)
    return version


def forget(store: str) -> None:
    """Read the store's version again at its next use: this process has just changed the facts."""
    _last_read.pop(store, None)


T = TypeVar("T")


class PerVersion(Generic[T]):
    """An in-memory copy of the store (the corpus, the search index), one per store URL, built again when a
    `facts load` has changed the facts; concurrent first uses build it once."""

    def __init__(self, build: Callable[[Session, str | None], T]) -> None:
        self._build = build
        self._built: dict[str, tuple[str | None, T]] = {}
        self._lock = threading.Lock()

    def __call__(self, db: Session) -> T:
        store, version = str(db.get_bind().url), current_version(db)
        found = self._built.get(store)
        if found is None or found[0] != version:
            with self._lock:
                found = self._built.get(store)
                if found is None or found[0] != version:
                    found = self._built[store] = (version, self._build(db, version))
        return found[1]
