"""Parse the Chinese source text of the report into paragraphs, footnotes and figures.

The text is a PDF extraction: page breaks split paragraphs, footnotes and figure captions sit
between the halves, so a line that is neither a heading nor a new item continues the last one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_PARA = re.compile(r"^(\d{1,2})\.\s+(.*)$")
_SUBITEM = re.compile(r"^\([a-z]\)\s")
_FOOTNOTE = re.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(.*)$")
_SECTION = re.compile(r"^([一二三四五六七八九十]+)\.\s*(.+)$")
_PART = re.compile(r"^([A-J])\.\s*(.+)$")
_FIGURE = re.compile(r"^图([一二三四五六])$")
_TERMINAL = "。；：！？"
FIGURE_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}


@dataclass
class Paragraph:
    number: int
    section: str
    part: str
    subheading: str
    zh: str


@dataclass
class Footnote:
    number: int
    paragraph: int
    zh: str


@dataclass
class Figure:
    number: int
    paragraph: int
    title: str = ""
    source: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass
class SourceText:
    paragraphs: list[Paragraph]
    footnotes: list[Footnote]
    figures: list[Figure]


def _join(text: str, more: str) -> str:
    """Join a fragment split by a page break: no newline inside a sentence."""
    return text + more if text and text[-1] not in _TERMINAL else text + "\n" + more


@dataclass
class _Reader:
    """What parsing has found so far, where in the report it is, and what a continuation line extends."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    section: str = ""
    part: str = ""
    subheading: str = ""
    figure: Figure | None = None
    last: Paragraph | Footnote | None = None

    def read(self, line: str) -> None:
        if not (self._item(line) or self._figure_text(line) or self._heading(line)) and self.paragraphs:
            target = self.paragraphs[-1] if isinstance(self.last, Footnote) or self.last is None else self.last
            target.zh = _join(target.zh, line)
            self.figure = None

    def _item(self, line: str) -> bool:
        """A numbered paragraph, a sub-item, a footnote or a figure's number."""
        if m := _PARA.match(line):
            self.paragraphs.append(Paragraph(int(m[1]), self.section, self.part, self.subheading, m[2]))
            self.last, self.figure = self.paragraphs[-1], None
        elif _SUBITEM.match(line):
            self.paragraphs[-1].zh += "\n" + line
            self.last = self.paragraphs[-1]
        elif m := _FOOTNOTE.match(line):
            self.footnotes.append(Footnote(int(m[1].translate(SUPERSCRIPTS)), self.paragraphs[-1].number, m[2]))
            self.last = self.footnotes[-1]
        elif m := _FIGURE.match(line):
            self.figure = Figure(FIGURE_NUMBERS[m[1]], self.paragraphs[-1].number)
            self.figures.append(self.figure)
        else:
            return False
        return True

    def _figure_text(self, line: str) -> bool:
        """The title, source and notes under a figure's number."""
        if self.figure is None:
            return False
        if not self.figure.title:
            self.figure.title = line
        elif line.startswith("资料来源"):
            self.figure.source = line
        elif line.startswith("注") or line.startswith("*"):
            self.figure.notes.append(line)
        else:
            return False
        return True

    def _heading(self, line: str) -> bool:
        if _SECTION.match(line):
            self.section, self.part, self.subheading, self.figure = line, "", "", None
        elif _PART.match(line):
            self.part, self.subheading, self.figure = line, "", None
        elif len(line) < 30 and line[-1] not in _TERMINAL and self.paragraphs:
            self.subheading, self.figure = line, None
        else:
            return False
        return True


def parse_source(path: Path) -> SourceText:
    reader = _Reader()
    for raw in path.read_text(encoding="utf-8").splitlines():
        if line := raw.strip():
            reader.read(line)
    _attach(reader.paragraphs, reader.footnotes, reader.figures)
    return SourceText(reader.paragraphs, reader.footnotes, reader.figures)


def _attach(paragraphs: list[Paragraph], footnotes: list[Footnote], figures: list[Figure]) -> None:
    """Cite footnotes and figures from the paragraph that refers to them, not the page they sit on."""
    digits = {v: k for k, v in zip("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789", strict=True)}
    for note in footnotes:
        marker = re.compile("".join(digits[c] for c in str(note.number)) + "(?![⁰¹²³⁴⁵⁶⁷⁸⁹])")
        marker_start = re.compile("(?<![⁰¹²³⁴⁵⁶⁷⁸⁹])" + marker.pattern)
        note.paragraph = next(p.number for p in paragraphs if marker_start.search(p.zh))
    names = {v: k for k, v in FIGURE_NUMBERS.items()}
    for figure in figures:
        figure.paragraph = next(p.number for p in paragraphs if "图" + names[figure.number] in p.zh)
