"""The store's own facts: which version of the facts the last `facts load` wrote."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.store import models as m

VERSION_KEY = "facts_version"


def store_version(db: Session) -> str | None:
    """The digest the last load recorded (None before the first): one primary-key lookup, to tell a changed store."""
    return db.execute(select(m.StoreMeta.value).where(m.StoreMeta.key == VERSION_KEY)).scalar()
