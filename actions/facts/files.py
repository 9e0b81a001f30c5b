"""Read the report's facts from data/report/*.yaml, remembering where each entry came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from actions.facts.records import RECORDS, R, key_field
from actions.settings import REPORT_DIR

DATA_DIR = REPORT_DIR
# type -> file or folder under data/report
SOURCES = {kind: record.file for kind, record in RECORDS.items()}


class DataError(Exception):
    """A data file that cannot be read at all."""


@dataclass
class Entry:
    kind: str
    file: str
    index: int
    data: dict[str, Any]

    @property
    def key(self) -> str:
        name = key_field(RECORDS[self.kind])
        return str(self.data[name]) if name in self.data else f"#{self.index + 1}"

    def where(self) -> str:
        return f"{self.file}: {self.kind} {self.key}"


@dataclass
class ReportData:
    entries: dict[str, list[Entry]] = field(default_factory=dict)

    def __getitem__(self, kind: str) -> list[Entry]:
        return self.entries.get(kind, [])

    def records(self, record: type[R]) -> list[R]:
        """The entries of one kind as records: only for data that passed the checks."""
        kind = next(k for k, r in RECORDS.items() if r is record)
        return [record.from_data(e.data) for e in self[kind]]


def _files(path: Path) -> list[Path]:
    return sorted(path.glob("*.yaml")) if path.is_dir() else [path] if path.exists() else []


def read_report(data_dir: Path = DATA_DIR) -> ReportData:
    data = ReportData()
    for kind, name in SOURCES.items():
        data.entries[kind] = []
        for path in _files(data_dir / name):
            rel = str(path.relative_to(data_dir))
            try:
                items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
            except yaml.YAMLError as error:
                raise DataError(f"{rel}: not valid YAML: {error}") from error
            if not isinstance(items, list):
                raise DataError(f"{rel}: expected a list of entries")
            for index, item in enumerate(items):
                if not isinstance(item, dict):
                    raise DataError(f"{rel}: entry {index + 1} is not a mapping")
                data.entries[kind].append(Entry(kind, rel, index, item))
    return data
