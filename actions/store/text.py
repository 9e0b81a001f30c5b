"""Text normalisation and tokens for search, shared by the index and the queries.

Chinese is segmented with jieba and also split into character bigrams, so a question finds a
fact even when jieba cuts a term differently; English gets lower-case words with a light stemmer.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

import jieba
from opencc_purepy import OpenCC

jieba.setLogLevel(logging.WARNING)

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")  # one Han character
_CJK = re.compile(HAN.pattern + "+")
_WORD = re.compile(r"[a-z0-9]+(?:[./-][a-z0-9]+)*\+?")  # "a4p+" is not "a4p"
_A4P = re.compile(r"以行动促维和(\+?)")  # nor is "以行动促维和+" "以行动促维和": Han runs lose the "+"
# a place whose name holds another's: "Sudan" is no word of "South Sudan", "苏丹" none of "南苏丹"
_WHOLE_PLACES = re.compile(r"\bsouth[\s-]+sudan\b|南苏丹")
_THOUSANDS = re.compile(r"(?<=\d)[ ,\u00a0\u2009](?=\d{3}(?!\d))")
# "weren't" says "were not": no words "weren" and "t" of its own ("can't", "won't": "can", "will")
_NOT = re.compile(r"\b(?:(ca)|(wo)|(sha)|([a-z]+))n['\u2019]t\b")
EN_STOPWORDS = frozenset(
    "a an and are as at be been by did do does for from had has have how i in into is it its me "
    "of on or said say says show tell that the their them there these this to was were what when "
    "where which who why will with about many much report please can could would you your than "
    # ("like what year": a filler, as "likes" on social media are not)
    "since per cent now currently presently un according then like s re ve ll d m".split()  # "mission's", "they're"
)
ZH_STOPWORDS = frozenset(
    "的 了 是 在 和 与 及 有 多少 什么 哪些 哪个 怎么 怎样 如何 吗 呢 吧 啊 请 告诉 我 你 他 她 它 "
    "们 这 那 个 为 对 从 到 被 把 年 月 日 以来 报告 一下 关于 情况 说 讲 给 之 中 其 所 或 还 就 都 "
    "也 以 等 及其 多 几 哪 谁 人".split()
)
_added_words: set[str] = set()


@lru_cache(maxsize=1)
def _converter() -> OpenCC:
    return OpenCC("t2s")


@lru_cache(maxsize=8192)  # a turn converts the same few texts 20 times or more, at about 50 µs each
def to_simplified(text: str) -> str:
    return _converter().convert(text)


def simplify(text: str) -> str:
    """Full-width to ASCII, traditional to simplified, lower case."""
    return to_simplified(unicodedata.normalize("NFKC", text)).lower()


def normalize(text: str) -> str:
    """`simplify`, and "1,067" -> "1067"."""
    return _THOUSANDS.sub("", simplify(text))


def aligned(text: str) -> str:
    """`simplify` where it keeps every offset (almost always); else the text in lower case, so
    positions found in the result point into the original message."""
    simplified = simplify(text)
    return simplified if len(simplified) == len(text) else text.lower()


def add_words(words: Iterable[str]) -> None:
    """Teach jieba the report's own names (missions, priorities) so they stay whole."""
    for word in words:
        word = normalize(word)
        if word not in _added_words and _CJK.fullmatch(word or " "):
            jieba.add_word(word, freq=200_000)
            _added_words.add(word)


# Words users say for what the report words otherwise, mapped to the report's word on both sides of the index.
SYNONYMS = {
    "ask": "request",
    "start": "launch",
    "began": "launch",
    "begin": "launch",
    "开始": "启动",
    "发起": "启动",
    "安全理事会": "安理会",  # the Council's full name and its short one
    "drone": "unmanned",  # the report says "unmanned aerial vehicles", "无人驾驶飞行器"
    "drones": "unmanned",
    "uav": "unmanned",
    # "winding down a mission", "the MINUSMA drawdown - by when ...?": the report's "drawdown and eventual withdrawal"
    "wind": "withdraw",
    "drawdown": "withdraw",
    "leave": "withdraw",  # "when must MINUSMA leave Mali?": the report never says "leave", always "withdraw"
    "leaving": "withdraw",
    "离开": "撤离",
    "praise": "commend",  # "the Council's praise of UNIFIL": the report says it "commended" (赞扬) the mission
    "praised": "commend",
    "whole": "entire",  # "repatriate a whole unit": the report's "entire units"
    "successfully": "success",  # "is UNIFIL mentioned as a success story?": commended for "successfully" carrying out
    "successful": "success",
    # "disinformation led to violence": the report's "a violent attack ... following a disinformation campaign"
    "violent": "violence",
    "engage": "engagement",  # "recognized for such engagement": she was recognized for "engaging" with communities
    "engaging": "engagement",
    "closure": "closed",  # "what led to the closure of some bases?": the report's "closing several such bases"
    "spread": "proliferate",  # "what is driving the spread of hate speech?": the report's "allowed ... to proliferate"
    "无人机": "无人驾驶",
}


# One spelling for British and American forms, so either finds the other ("stabilise", "behavior", "center",
# "defense", "program"); the report itself writes both "stabilisation" and "stabilization"
_SPELLINGS = (
    (re.compile(r"(?<=[a-z]{3})([iy])s(?=(e|ed|es|ing|ation|ations|er|ers)$)"), r"\1z"),
    (re.compile(r"(?<=[a-z]{3})our(?=(s|ed|ing|al)?$)"), "or"),
    (re.compile(r"(?<=[a-z]{2}[^aeiou])tre(s|d)?$"), lambda m: f"ter{m[1] or ''}".replace("terd", "tered")),
    (re.compile(r"^(de|of)fenc(?=(e|es)$)"), r"\1fens"),
    (re.compile(r"gramme(?=(s|d)?$)"), "gram"),
)


def one_spelling(word: str) -> str:
    for pattern, spelled in _SPELLINGS:
        word = pattern.sub(spelled, word)
    return word


@lru_cache(maxsize=65536)  # a word is stemmed again in every text it is in: the spellings' patterns once
def stem(word: str) -> str:
    word = one_spelling(word)
    # ("stabilize" is "stabilized", "stabilizing": the verb's stem; other words keep a final "e", BM25's calibration's)
    suffixes = (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("ize", "iz"), ("yze", "yz"))
    for suffix, keep in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith(("ss", "us", "is")):
            return word[: -len(suffix)] + keep
    return word


# by stem, as searched ("leaves" is "leaving", both "leav")
SYNONYM_STEMS = {stem(word): stem(meant) for word, meant in SYNONYMS.items()}


def tokens(text: str) -> list[str]:
    """Search terms of a text in any mix of Chinese and English."""
    text = _NOT.sub(lambda m: f"{'can' if m[1] else 'will' if m[2] else 'shall' if m[3] else m[4]} not", normalize(text))
    text, places = _WHOLE_PLACES.subn(" , ", text)
    terms = ["south-sudan"] * places + [stem(w) for w in _WORD.findall(text) if w not in EN_STOPWORDS]
    for run in _CJK.findall(text):
        words = [w for w in jieba.lcut_for_search(run) if w not in ZH_STOPWORDS]
        terms += words
        terms += [run[i : i + 2] for i in range(len(run) - 1)]
    if "a4p" not in text:  # a text in both languages names it once
        terms += [f"a4p{plus}" for plus in _A4P.findall(text)]
    return [SYNONYM_STEMS.get(t, t) for t in terms]


def joined_pairs(text: str) -> list[str]:
    """Each two English words in a row as the one hyphenated term the report may write them as ("early warning" is
    its "early-warning", "peacekeeping intelligence" its "peacekeeping-intelligence")."""
    words = [w for w in _WORD.findall(normalize(text)) if "-" not in w]
    return [stem(f"{first}-{second}") for first, second in zip(words, words[1:], strict=False)]


def term_counts(weighted_texts: Iterable[tuple[str, float]]) -> dict[str, float]:
    """Each term's weight: the weights of the texts it occurs in, once per occurrence."""
    counts: defaultdict[str, float] = defaultdict(float)
    for text, weight in weighted_texts:
        for term in tokens(text):
            counts[term] += weight
    return dict(counts)


def is_chinese(text: str) -> bool:
    """A message is Chinese when it holds any Han characters (English acronyms aside)."""
    return bool(_CJK.search(to_simplified(text)))


def stands_alone(text: str, start: int, end: int) -> bool:
    """The span is a word of its own, not letters inside a longer English word: Chinese names are matched
    character by character, and "un mission" holds the letters of UNMISS."""
    around = text[start - 1 : start] + text[end : end + 1]
    return not any(c.isascii() and c.isalnum() for c in around)


_FOOTNOTE_MARKS = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
# A Chinese sentence ends at 。；, an English one at . or ; before a capital; each listed item "(a) ..." is one.
_SENTENCE_BREAK = re.compile(r"(?<=[。；])|(?<=[.;])\s+(?=[A-Z(“\"])|\n+")


def sentences(text: str) -> list[str]:
    """A paragraph's sentences, footnote marks taken out."""
    return [s.strip() for s in _SENTENCE_BREAK.split(_FOOTNOTE_MARKS.sub("", text)) if len(s.strip()) > 1]
