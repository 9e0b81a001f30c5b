"""The words a quiz listens for, from data/understanding/quiz_words.yaml: the stop words of a practice quiz, and a
priority or theme named with its number. Used alike by the action server and the Telegram bridge."""

from __future__ import annotations

import re
from functools import cache

import yaml

from actions.settings import DATA

_FILE = DATA / "understanding" / "quiz_words.yaml"
_ENDING = re.compile(r"[\s.!?。！？~～…]+$")
ZH_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}


@cache
def _words() -> dict:
    return yaml.safe_load(_FILE.read_text(encoding="utf-8"))


def _plain(text: str) -> str:
    return _ENDING.sub("", " ".join((text or "").casefold().split()))


@cache
def _said(section: str) -> frozenset[str]:
    """The messages of a section ("stop", "skip", "score") in either language, as _plain makes them."""
    return frozenset(_plain(w) for words in _words()[section].values() for w in words)


def is_stop(text: str) -> bool:
    """Whether a message is only a stop word of either language ("停", "Stop!", "quit the quiz")."""
    return _plain(text) in _said("stop")


def is_skip(text: str) -> bool:
    """Whether a message only passes on a quiz question ("skip", "I don't know", "不知道")."""
    return _plain(text) in _said("skip")


def asks_score(text: str) -> bool:
    """Whether a message only asks for the quiz score ("what's my score?", "我得了几分？")."""
    return _plain(text) in _said("score")


_OPENING_END = r"\s*[.!,;:。！，；：—–-]+\s*"


@cache
def _opening(section: str, before: str = "", after: str = "") -> re.Pattern[str]:
    """A section's words opening a message, longest first, between `before` and `after` and ending a clause."""
    said = sorted((w for words in _words()[section].values() for w in words), key=len, reverse=True)
    return re.compile(rf"\s*{before}({'|'.join(re.escape(w) for w in said)}){after}{_OPENING_END}")


def _opening_length(pattern: re.Pattern[str], text: str) -> int:
    """The length of the opening `pattern` matches, when the message asks more after it; else 0."""
    opening = pattern.match((text or "").casefold())
    return opening.end() if opening and text[opening.end() :].strip() else 0


def skip_before(text: str) -> int:
    """The length of a pass ("no idea", "不知道") that opens a message asking more; 0 when none does."""
    # (a word or two after it: "no idea lol. which mission piloted unite aware?", dev129)
    return _opening_length(_opening("skip", after=r"(\s+[a-z]+){0,2}"), text)


def stop_before(text: str) -> int:
    """The length of a stop word that opens a message asking more ("quit quiz. which mission piloted Unite Aware?",
    "停止测验。..."); 0 when none does."""
    return _opening_length(_opening("stop", before=r"((ok|okay|fine|alright|actually|whatever)[,.]?\s+)*"), text)


@cache
def _numbered() -> re.Pattern[str]:
    """ "priority 4", "优先事项四", "theme2": the letter's words, then a digit 1-7 in either script."""
    alternatives = [
        rf"(?P<{letter}>{'|'.join(re.escape(w) for w in sorted(words, key=len, reverse=True))})"
        for letter, words in _words()["numbered_topics"].items()
    ]
    return re.compile(rf"(?:{'|'.join(alternatives)})\s*#?\s*(?P<n>[1-7一二三四五六七])", re.IGNORECASE)


def numbered_topic(text: str) -> str | None:
    """The tag ("P4", "T1") of a priority or theme named by its number in the whole of `text`, else None."""
    match = _numbered().fullmatch(_plain(text))
    if not match:
        return None
    letter = next(letter for letter, said in match.groupdict().items() if said and letter != "n")
    number = match["n"]
    return f"{letter}{ZH_DIGITS.get(number, number)}"


def joined_topic(args: list[str]) -> list[str]:
    """Command arguments with a numbered topic said in two words ("Priority", "4") made one ("P4")."""
    for n in range(len(args) - 1):
        if (tag := numbered_topic(f"{args[n]} {args[n + 1]}")) and not args[n].isdigit():
            return [*args[:n], tag, *args[n + 2 :]]
    return args
