"""How replies are worded, in Chinese and English. Every factual reply cites its paragraph."""

from __future__ import annotations

import calendar
import re

from actions.store.facts import Fact, in_lang, paragraphs
from actions.wording import text

_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
SUGGESTIONS = ("killed", "priorities", "monusco")  # quick replies offered with the greeting and help


def suggestions(lang: str) -> list[dict[str, str]]:
    """(button title, message sent when pressed) of each quick reply."""
    return [{"title": text(f"suggestion.{name}", lang), "payload": text(f"suggestion.{name}_ask", lang)} for name in SUGGESTIONS]


def cite(paragraph: int | list[int], lang: str) -> str:
    """ "(para. 44)" / "（第44段）"; a list reads as a range or a short list."""
    numbers = sorted(set(paragraph)) if isinstance(paragraph, list) else [paragraph]
    if not numbers:
        return ""
    if len(numbers) == 1:
        return text("reply.cite_one", lang, number=numbers[0])
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        span = f"{numbers[0]}-{numbers[-1]}"
    else:
        span = ", ".join(map(str, numbers[:6])) + ("…" if len(numbers) > 6 else "")
    return text("reply.cite_many", lang, span=span)


def _sentence(words: str, citation: str, lang: str) -> str:
    return text("reply.sentence", lang, text=words.strip().rstrip(text("reply.full_stop", lang)), citation=citation)


def fact_answer(fact: Fact, lang: str) -> str:
    """The reply for one fact, in `lang`, with its citation."""
    kind, said = fact["type"], in_lang(fact, lang)
    if kind == "paragraph":
        heading = in_lang(fact, lang, "subheading") or in_lang(fact, lang, "section")
        number = fact["number"]
        return text("reply.paragraph", lang, number=number, heading=heading, text=said, citation=cite(number, lang))
    if kind in ("priority", "theme"):
        return f"{_priority_item(fact, lang)}\n{said}"
    if kind == "mission":
        return mission_answer(fact, [], lang)
    if kind == "document":
        title = in_lang(fact, lang, "label")
        described = text("reply.document", lang, symbol=fact["symbol"], title=title, text=said)
        return _sentence(described, cite(fact["paragraph"], lang), lang)
    if kind == "figure":
        words = text("reply.figure", lang, number=fact["number"], text=said)
        if notes := in_lang(fact, lang, "notes"):
            words += f"\n{notes}"
        return f"{words} {cite(fact['paragraph'], lang)}"
    if kind == "footnote":
        note = _MARKDOWN_LINK.sub(r"\1", said)
        words = text("reply.footnote", lang, number=fact["number"], paragraph=fact["paragraph"], text=note)
        return _sentence(words, cite(fact["paragraph"], lang), lang)
    return _sentence(said, cite(fact["paragraph"], lang), lang)


def _period(period: str, lang: str) -> str:
    """ "2023-06" as "June 2023" / "2023年6月"; a budget year "2021/22" as such."""
    if "/" in period:
        return text("reply.budget_year", lang, years=period)
    year, month = period.split("-")
    return text("reply.month", lang, year=year, month_zh=int(month), month_en=calendar.month_name[int(month)])


_FIGURE_DECLINES = ("year", "period", "measure", "group")


def declined_answer(reason: str, detail: str, nearest: Fact | None, lang: str) -> str:
    """Why the report has no answer, and, when given, the nearest thing it says, worded so that nobody takes it
    for the answer."""
    if reason == "scope":
        return text("reply.not_found", lang)
    if reason in ("measure", "group"):
        detail = text(f"{reason}.{detail}", lang)
    if reason == "period":
        detail = _period(detail, lang)
    words = text(f"reply.declined_{reason}", lang, detail=detail)
    if nearest:  # a figure for another year or group, or a passage that does not give the name asked
        lead = "reply.nearest" if reason in _FIGURE_DECLINES else "reply.nearest_passage"
        words += f"\n{text(lead, lang)}\n{fact_answer(nearest, lang)}"
    return words


def report_answer(lang: str) -> str:
    return _sentence(text("reply.report", lang), cite(1, lang), lang)


def mission_answer(mission: Fact, examples: list[Fact], lang: str) -> str:
    head = text(
        "reply.mission",
        lang,
        acronym=mission["acronym"],
        label_zh=mission["label_zh"],
        name=in_lang(mission, lang),
        host=in_lang(mission, lang, "host"),
        citation=cite(mission["paragraph"], lang),
    )
    if not examples:
        return head
    lines = [f"- {_sentence(in_lang(e, lang), cite(e['paragraph'], lang), lang)}" for e in examples]
    return "\n".join([head, text("reply.examples", lang), *lines])


def _priority_item(item: Fact, lang: str) -> str:
    return text(
        "reply.priority_item",
        lang,
        name=text(f"reply.{item['type']}", lang),  # reply.priority or reply.theme
        number=item["number"],
        label=in_lang(item, lang, "label"),
        citation=cite(item["paragraph"], lang),
    )


def list_answer(key: str, items: list[Fact], lang: str) -> str:
    lines = [text(f"reply.{key}", lang)]
    for item in items:
        if item["type"] in ("priority", "theme"):
            lines.append(_priority_item(item, lang))
        elif item["type"] == "mission":
            citation = cite(paragraphs(item)[:1], lang)
            lines.append(
                text(
                    "reply.mission_item",
                    lang,
                    acronym=item["acronym"],
                    name_en=item["en"],
                    label_zh=item["label_zh"],
                    citation=citation,
                )
            )
        elif item["type"] == "document":
            title, citation = in_lang(item, lang, "label"), cite(item["paragraph"], lang)
            lines.append(text("reply.document_item", lang, symbol=item["symbol"], title=title, citation=citation))
        else:
            lines.append(f"- {_sentence(in_lang(item, lang), cite(item['paragraph'], lang), lang)}")
    return "\n".join(lines)


def closest_answer(fact: Fact, lang: str) -> str:
    return f"{text('reply.closest', lang, citation=cite(fact['paragraph'], lang))}\n{fact_answer(fact, lang)}"


def source_answer(paragraph: Fact, lang: str, cited: list[Fact] | None = None) -> str:
    """The paragraph behind an answer, and the documents it cites ("source?" after the strategic communications
    review: its letter's symbol too)."""
    said = f"{text('reply.source', lang, citation=cite(paragraph['number'], lang))}\n{fact_answer(paragraph, lang)}"
    documents = [f"- {d['symbol']}: {in_lang(d, lang, 'label')}" for d in cited or []]
    return "\n".join([said, text("reply.source_cites", lang), *documents]) if documents else said
