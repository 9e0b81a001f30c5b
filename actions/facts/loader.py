"""Build or update the store from data/report: idempotent, row by row."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import delete, select, tuple_, update
from sqlalchemy.engine import Connection
from tqdm import tqdm

from actions.facts.files import ReportData
from actions.facts.records import MissionRecord, PriorityRecord
from actions.facts.rows import search_texts, table_rows
from actions.store import models as m
from actions.store import queries, vectors
from actions.store.db import engine, migrate, session
from actions.store.meta import VERSION_KEY, forget
from actions.store.text import add_words, term_counts


@dataclass
class LoadReport:
    added: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(+self.added or +self.updated or +self.removed)


def _keys(table) -> list[str]:
    return [c.name for c in table.primary_key.columns]


def _existing(conn: Connection, table) -> dict[tuple, dict]:
    keys = _keys(table)
    return {tuple(r[k] for k in keys): dict(r) for r in conn.execute(select(table)).mappings()}


def _delete_gone(conn: Connection, table, rows: list[dict], report: LoadReport) -> None:
    keys = _keys(table)
    wanted = {tuple(r[k] for k in keys) for r in rows}
    gone = [k for k in _existing(conn, table) if k not in wanted]
    columns = tuple_(*(table.c[k] for k in keys))
    for start in range(0, len(gone), 500):
        conn.execute(delete(table).where(columns.in_(gone[start : start + 500])))
    report.removed[table.name] += len(gone)


def _upsert(conn: Connection, table, rows: list[dict], report: LoadReport) -> None:
    keys = _keys(table)
    existing = _existing(conn, table)
    new = [r for r in rows if tuple(r[k] for k in keys) not in existing]
    if new:
        conn.execute(table.insert(), new)
    changed = [r for r in rows if existing.get(tuple(r[k] for k in keys), r) != r]
    for row in changed:
        conn.execute(update(table).where(*(table.c[k] == row[k] for k in keys)).values(**row))
    report.added[table.name] += len(new)
    report.updated[table.name] += len(changed)


def vocabulary(data: ReportData) -> list[str]:
    """Names jieba should keep whole."""
    words = []
    for mission in data.records(MissionRecord):
        words += [mission.name.zh, mission.short.get("zh", ""), *mission.aliases.zh]
    for priority in data.records(PriorityRecord):
        words += [priority.name.zh, *priority.aliases.zh]
    return [w for w in words if w]


def index_rows(data: ReportData) -> tuple[list[dict], list[dict]]:
    add_words(vocabulary(data))
    docs, terms = [], []
    for (kind, key), texts in search_texts(data).items():
        doc_key = f"{kind}:{key}"
        counts = term_counts(texts)
        docs.append(dict(key=doc_key, fact_type=kind, fact_id=key, length=int(sum(counts.values()))))
        terms += [dict(term=t[:100], key=doc_key, tf=float(tf)) for t, tf in counts.items()]
    return docs, terms


def version_row(tables: list[tuple]) -> dict:
    """The store's version for these fact rows: a new digest whenever a load changes any fact."""
    content = json.dumps([[table.name, rows] for table, rows in tables], sort_keys=True, default=str, ensure_ascii=False)
    return dict(key=VERSION_KEY, value=hashlib.sha256(content.encode()).hexdigest())


def load(data: ReportData, url: str | None = None, progress: bool = False) -> LoadReport:
    """Make the store hold exactly `data`. Runs migrations first; one transaction."""
    migrate(url)
    report = LoadReport()
    tables = [(model.__table__, rows) for model, rows in table_rows(data).items()]
    docs, terms = index_rows(data)
    tables += [(m.SearchDoc.__table__, docs), (m.SearchTerm.__table__, terms), (m.StoreMeta.__table__, [version_row(tables)])]
    with engine(url).begin() as conn:
        # Foreign keys: remove rows children first, then add and update parents first.
        for table, rows in reversed(tables):
            _delete_gone(conn, table, rows, report)
        steps = tqdm(tables, desc="Loading facts", unit="table", disable=not progress)
        for table, rows in steps:
            steps.set_postfix_str(table.name)
            _upsert(conn, table, rows, report)
    forget(str(engine(url).url))  # the facts just written are read back at once, here and by this process's answers
    with session(url) as db:
        report.updated[m.FactVector.__tablename__] += vectors.refresh(db, queries.all_facts(db))
    return report
