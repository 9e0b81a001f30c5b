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
def _stop_words() -> frozenset[str]:
    return frozenset(_plain(w) for words in _words()["stop"].values() for w in words)


def is_stop(text: str) -> bool:
    """Whether a message is only a stop word of either language ("停", "Stop!", "quit the quiz")."""
    return _plain(text) in _stop_words()


@cache
def _skip_words() -> frozenset[str]:
    return frozenset(_plain(w) for words in _words()["skip"].values() for w in words)


def is_skip(text: str) -> bool:
    """Whether a message only passes on a quiz question ("skip", "I don't know", "不知道")."""
    return _plain(text) in _skip_words()


@cache
def _score_words() -> frozenset[str]:
    return frozenset(_plain(w) for words in _words()["score"].values() for w in words)


def asks_score(text: str) -> bool:
    """Whether a message only asks for the quiz score ("what's my score?", "我得了几分？")."""
    return _plain(text) in _score_words()


@cache
def _stop_opening() -> re.Pattern[str]:
    stops = sorted((w for words in _words()["stop"].values() for w in words), key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in stops)
    return re.compile(rf"\s*((ok|okay|fine|alright|actually|whatever)[,.]?\s+)*({alternatives})\s*[.!,;:。！，；：—–-]+\s*")


@cache
def _skip_opening() -> re.Pattern[str]:
    skips = sorted((w for words in _words()["skip"].values() for w in words), key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in skips)
    # (a word or two after it: "no idea lol. which mission piloted unite aware?", dev129)
    return re.compile(rf"\s*({alternatives})(\s+[a-z]+){{0,2}}\s*[.!,;:。！，；：—–-]+\s*")


def skip_before(text: str) -> int:
    """The length of a pass ("no idea", "不知道") that opens a message asking more; 0 when none does."""
    opening = _skip_opening().match((text or "").casefold())
    return opening.end() if opening and text[opening.end() :].strip() else 0


def stop_before(text: str) -> int:
    """The length of a stop word that opens a message asking more ("quit quiz. which mission piloted Unite Aware?",
    "停止测验。..."); 0 when none does."""
    opening = _stop_opening().match((text or "").casefold())
    return opening.end() if opening and text[opening.end() :].strip() else 0


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
