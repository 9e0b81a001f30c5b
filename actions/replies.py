"""How replies are worded, in Chinese and English. Every factual reply cites its paragraph."""

from __future__ import annotations

import calendar
import re
from typing import Any

Fact = dict[str, Any]

MESSAGES = {
    "greet": {
        "en": "Hello! I answer questions about the Secretary-General's 2023 report on the overall "
        "performance of UN peacekeeping (S/2023/646). Ask me a figure, a mission, an A4P+ "
        "priority or a paragraph.",
        "zh": "您好！我可以回答有关秘书长2023年《联合国维持和平行动的总体绩效》报告（S/2023/646）的问题。"
        "您可以问我数据、特派团、“以行动促维和+”优先事项或某一段的内容。",
    },
    "help": {
        "en": "You can ask, for example:\n- How many peacekeepers have been killed by malicious acts since 1948?\n"
        "- What does the report say about MONUSCO?\n- What are the A4P+ priorities?\n"
        "- Show me paragraph 51\n- What is resolution 2589 (2021)?\n"
        'Then: "and since 2013?", "where does it say that?", "tell me more". '
        'Say "请用中文" for Chinese answers.',
        "zh": "例如，您可以问：\n- 自1948年以来有多少维和人员死于恶意行为？\n- 报告对联刚稳定团说了什么？\n"
        "- “以行动促维和+”有哪些优先事项？\n- 第51段\n- 第2589(2021)号决议是什么？\n"
        "之后还可以问：“那2013年以来呢？”“出处在哪里？”“详细说说”。说“answer in English”可改用英文回答。",
    },
    "thank": {"en": "You're welcome. Anything else about the report?", "zh": "不客气。关于报告还有其他问题吗？"},
    "goodbye": {
        "en": "Goodbye, and thank you for your interest in UN peacekeeping.",
        "zh": "再见，感谢您关注联合国维持和平行动。",
    },
    "language_set": {"en": "From now on I will answer in English.", "zh": "好的，接下来我将用中文回答。"},
    "not_found": {
        "en": "The report does not give an answer to that. I can answer questions about its figures, "
        'missions, A4P+ priorities, documents, figures I-VI and recommendations, e.g. "how many '
        'peacekeepers were killed since 1948?" or "what is priority 4?".',
        "zh": "报告中没有这个问题的答案。我可以回答报告中的数据、特派团、“以行动促维和+”优先事项、"
        "文件、图一至图六和建议，例如“自1948年以来有多少维和人员遇害？”或“优先事项4是什么？”。",
    },
    "empty": {
        "en": 'I didn\'t catch a question. Ask me about the report, or type "help".',
        "zh": "我没有收到问题。请提出关于报告的问题，或输入“帮助”。",
    },
    "no_context": {
        "en": "Ask me a question about the report first, then I can tell you more or show the source.",
        "zh": "请先问一个关于报告的问题，然后我可以为您详细说明或给出出处。",
    },
    "closest": {
        "en": "The report does not answer that exactly; the closest passage is",
        "zh": "报告没有给出确切答案；最相关的段落是",
    },
    "declined_name": {
        "en": "The report does not mention {detail}, so it gives no answer about it.",
        "zh": "报告没有提到{detail}，因此无法回答。",
    },
    "declined_place": {"en": "The report does not give that for {detail}.", "zh": "报告没有给出{detail}的这一信息。"},
    "declined_year": {"en": "The report does not give a figure for {detail}.", "zh": "报告没有给出{detail}年的数字。"},
    "declined_period": {"en": "The report does not give a figure for {detail}.", "zh": "报告没有给出{detail}的数字。"},
    "month": {"en": "{month_en} {year}", "zh": "{year}年{month}月"},
    "budget_year": {"en": "the {years} budget year", "zh": "{years}预算年度"},
    "declined_measure": {"en": "The report does not give {detail} figures for that.", "zh": "报告没有给出这方面的{detail}数字。"},
    "declined_paragraph": {
        "en": "The report does not have a paragraph {detail}: its paragraphs are numbered 1-80.",
        "zh": "报告没有第{detail}段：报告共有第1-80段。",
    },
    "declined_footnote": {
        "en": "The report does not have a footnote {detail}: it has footnotes 1-19.",
        "zh": "报告没有脚注{detail}：报告共有脚注1-19。",
    },
    "nearest": {
        "en": "What it does give, which is not the figure you asked for:",
        "zh": "报告给出的是以下内容，并非您所问的数字：",
    },
    "report": {
        "en": "S/2023/646 is this report: the Secretary-General's report on the overall performance of United "
        "Nations peacekeeping operations, 1 September 2023, requested by the Security Council in its "
        "presidential statement S/PRST/2022/6.",
        "zh": "S/2023/646 就是本报告：秘书长2023年9月1日关于联合国维持和平行动总体绩效的报告，"
        "应安全理事会主席声明 S/PRST/2022/6 的要求提交。",
    },
    "footnote": {"en": "Footnote {number} (to paragraph {paragraph})", "zh": "脚注{number}（第{paragraph}段）"},
    "source": {"en": "It comes from", "zh": "出自"},
    "examples": {"en": "Examples the report gives", "zh": "报告中提到的例子"},
    "priorities": {
        "en": "The seven A4P+ priorities and the two cross-cutting themes:",
        "zh": "“以行动促维和+”的七个优先事项和两个跨领域主题：",
    },
    "missions": {"en": "The report names these missions:", "zh": "报告提到以下特派团："},
    "recommendations": {"en": "The report's main recommendations (section V):", "zh": "报告的主要建议（第五节）："},
    "theme": {"en": "cross-cutting theme", "zh": "跨领域主题"},
    "priority": {"en": "A4P+ priority", "zh": "“以行动促维和+”优先事项"},
    "figure": {"en": "Figure", "zh": "图"},
    "figure_source": {"en": "Source", "zh": "资料来源"},
    "host": {"en": "host country", "zh": "东道国"},
}

# The measure a question asked for, as a declined reply names it.
MEASURES = {
    "budget": {"en": "budget", "zh": "预算"},
    "contribution": {"en": "troop or police contribution", "zh": "派遣人数"},
    "salary": {"en": "pay", "zh": "薪酬"},
    "strength": {"en": "troop strength", "zh": "兵力"},
    "assets": {"en": "equipment or base", "zh": "装备或基地"},
    "leader": {"en": "leadership", "zh": "负责人"},
    "capital": {"en": "capital city", "zh": "首都"},
}
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


# Quick replies offered with the greeting and help: (button title, message sent when pressed).
SUGGESTIONS = {
    "en": [
        ("Peacekeepers killed since 1948", "How many peacekeepers have been killed by malicious acts since 1948?"),
        ("The A4P+ priorities", "What are the A4P+ priorities?"),
        ("About MONUSCO", "What does the report say about MONUSCO?"),
    ],
    "zh": [
        ("1948年以来牺牲人数", "自1948年以来有多少维和人员死于恶意行为？"),
        ("“以行动促维和+”优先事项", "“以行动促维和+”有哪些优先事项？"),
        ("联刚稳定团", "报告对联刚稳定团说了什么？"),
    ],
}


def say(key: str, lang: str, **values: object) -> str:
    return MESSAGES[key][lang].format(**values) if values else MESSAGES[key][lang]


def suggestions(lang: str) -> list[dict[str, str]]:
    return [{"title": title, "payload": payload} for title, payload in SUGGESTIONS[lang]]


def cite(paragraph: int | list[int], lang: str) -> str:
    """ "(para. 44)" / "（第44段）"; a list reads as a range or a short list."""
    numbers = sorted(set(paragraph)) if isinstance(paragraph, list) else [paragraph]
    if not numbers:
        return ""
    if len(numbers) == 1:
        return f"(para. {numbers[0]})" if lang == "en" else f"（第{numbers[0]}段）"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        span = f"{numbers[0]}-{numbers[-1]}"
    else:
        span = ", ".join(map(str, numbers[:6])) + ("…" if len(numbers) > 6 else "")
    return f"(paras. {span})" if lang == "en" else f"（第{span}段）"


def _sentence(text: str, citation: str, lang: str) -> str:
    text = text.strip()
    if lang == "zh":
        return text.rstrip("。") + citation + "。"
    return f"{text.rstrip('.')} {citation}."


def fact_answer(fact: Fact, lang: str) -> str:
    """The reply for one fact, in `lang`, with its citation."""
    kind = fact["type"]
    if kind == "paragraph":
        heading = fact.get(f"subheading_{lang}") or fact.get(f"section_{lang}") or ""
        label = f"Paragraph {fact['number']}" if lang == "en" else f"第{fact['number']}段"
        return f"{label} — {heading}\n{fact[lang]} {cite(fact['number'], lang)}"
    if kind in ("priority", "theme"):
        name = say("priority" if kind == "priority" else "theme", lang)
        head = f"{name} {fact['number']}: {fact['label_en']}" if lang == "en" else f"{name}{fact['number']}：{fact['label_zh']}"
        citation = cite(fact["paragraph"], lang)
        return f"{head} {citation}\n{fact[lang]}" if lang == "en" else f"{head}{citation}\n{fact[lang]}"
    if kind == "mission":
        return mission_answer(fact, [], lang)
    if kind == "document":
        symbol = fact["symbol"]
        title = fact[f"label_{lang}"]
        return _sentence(
            f"{symbol} — {title}. {fact[lang]}" if lang == "en" else f"{symbol}：{title}。{fact[lang]}",
            cite(fact["paragraph"], lang),
            lang,
        )
    if kind == "figure":
        text = f"{say('figure', lang)} {fact['number']}: {fact[lang]}" if lang == "en" else f"图{fact['number']}：{fact[lang]}"
        if fact.get(f"notes_{lang}"):
            text += f"\n{fact[f'notes_{lang}']}"
        return f"{text} {cite(fact['paragraph'], lang)}"
    if kind == "footnote":
        head = say("footnote", lang, number=fact["number"], paragraph=fact["paragraph"])
        colon = ": " if lang == "en" else "："
        return _sentence(head + colon + _MARKDOWN_LINK.sub(r"\1", fact[lang]), cite(fact["paragraph"], lang), lang)
    return _sentence(fact[lang], cite(fact["paragraph"], lang), lang)


def _period(period: str, lang: str) -> str:
    """ "2023-06" as "June 2023" / "2023年6月"; a budget year "2021/22" as such."""
    if "/" in period:
        return say("budget_year", lang, years=period)
    year, month = period.split("-")
    return say("month", lang, year=year, month=int(month), month_en=calendar.month_name[int(month)])


def declined_answer(reason: str, detail: str, nearest: Fact | None, lang: str) -> str:
    """Why the report has no answer, and, when given, the nearest thing it says, worded so that nobody takes it
    for the answer."""
    if reason == "scope":
        return say("not_found", lang)
    if reason == "measure":
        detail = MEASURES[detail][lang]
    if reason == "period":
        detail = _period(detail, lang)
    text = say(f"declined_{reason}", lang, detail=detail)
    if nearest:
        text += f"\n{say('nearest', lang)}\n{fact_answer(nearest, lang)}"
    return text


def report_answer(lang: str) -> str:
    return _sentence(say("report", lang), cite(1, lang), lang)


def mission_answer(mission: Fact, examples: list[Fact], lang: str) -> str:
    if lang == "en":
        head = f"{mission['acronym']} — {mission['en']} ({say('host', lang)}: {mission['host_en']})"
    else:
        head = f"{mission['label_zh']}（{mission['acronym']}）——{mission['zh']}（{say('host', lang)}：{mission['host_zh']}）"
    head += " " + cite(mission["paragraph"], lang)
    if not examples:
        return head
    lines = [f"- {_sentence(e[lang], cite(e['paragraph'], lang), lang)}" for e in examples]
    colon = ":" if lang == "en" else "："
    return "\n".join([head, say("examples", lang) + colon, *lines])


def list_answer(key: str, items: list[Fact], lang: str) -> str:
    lines = [say(key, lang)]
    for item in items:
        if item["type"] in ("priority", "theme"):
            prefix = say("priority" if item["type"] == "priority" else "theme", lang)
            name = item[f"label_{lang}"]
            lines.append(
                f"{prefix} {item['number']}: {name} {cite(item['paragraph'], lang)}"
                if lang == "en"
                else f"{prefix}{item['number']}：{name}{cite(item['paragraph'], lang)}"
            )
        elif item["type"] == "mission":
            lines.append(
                f"- {item['acronym']} ({item['en']}) {cite(item['paragraph'][:1], lang)}"
                if lang == "en"
                else f"- {item['label_zh']}（{item['acronym']}）{cite(item['paragraph'][:1], lang)}"
            )
        else:
            lines.append(f"- {_sentence(item[lang], cite(item['paragraph'], lang), lang)}")
    return "\n".join(lines)


def closest_answer(fact: Fact, lang: str) -> str:
    return f"{say('closest', lang)} {cite(fact['paragraph'], lang)}:\n{fact_answer(fact, lang)}"


def source_answer(paragraph: Fact, lang: str) -> str:
    colon = ":" if lang == "en" else "："
    return f"{say('source', lang)} {cite(paragraph['number'], lang)}{colon}\n{fact_answer(paragraph, lang)}"
