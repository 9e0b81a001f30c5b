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


def parse_source(path: Path) -> SourceText:
    paragraphs: list[Paragraph] = []
    footnotes: list[Footnote] = []
    figures: list[Figure] = []
    section = part = subheading = ""
    figure: Figure | None = None
    last: Paragraph | Footnote | None = None  # the item a continuation line belongs to
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if m := _PARA.match(line):
            paragraphs.append(Paragraph(int(m[1]), section, part, subheading, m[2]))
            last, figure = paragraphs[-1], None
        elif _SUBITEM.match(line):
            paragraphs[-1].zh += "\n" + line
            last = paragraphs[-1]
        elif m := _FOOTNOTE.match(line):
            number = int(m[1].translate(SUPERSCRIPTS))
            footnotes.append(Footnote(number, paragraphs[-1].number, m[2]))
            last = footnotes[-1]
        elif m := _FIGURE.match(line):
            figure = Figure(FIGURE_NUMBERS[m[1]], paragraphs[-1].number)
            figures.append(figure)
        elif figure is not None and not figure.title:
            figure.title = line
        elif figure is not None and line.startswith("资料来源"):
            figure.source = line
        elif figure is not None and (line.startswith("注") or line.startswith("*")):
            figure.notes.append(line)
        elif m := _SECTION.match(line):
            section, part, subheading, figure = line, "", "", None
        elif m := _PART.match(line):
            part, subheading, figure = line, "", None
        elif len(line) < 30 and line[-1] not in _TERMINAL and paragraphs:
            subheading, figure = line, None
        elif paragraphs:
            target = paragraphs[-1] if isinstance(last, Footnote) or last is None else last
            target.zh = _join(target.zh, line)
            figure = None
    _attach(paragraphs, footnotes, figures)
    return SourceText(paragraphs, footnotes, figures)


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
