"""The wording catalog: its check, the lookup, and the code that uses it."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys

import pytest

from actions import replies
from actions.wording import LANGS, both, catalog, every_language, section, text
from bot import wording_check
from bot.web.server import page
from tests.conftest import ROOT


def _module(source: str) -> list[tuple[str, ast.Module]]:
    return [("example.py", ast.parse(source))]


def test_the_catalog_and_the_code_agree():
    assert wording_check.problems() == []


@pytest.mark.server  # starts a Python process (see pytest.ini); the check itself runs in-process above
def test_the_command_line_check_passes():
    done = subprocess.run([sys.executable, "-m", "bot", "wording", "check"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"OK: {len(catalog())} wording entries")


def test_a_missing_language_or_different_placeholders_are_problems():
    entries = {
        "reply.one": {"en": "Hello {name}", "zh": "你好{nom}"},
        "reply.two": {"en": "Only English"},
        "reply.three": {"en": "{acronym} ({name_en})", "zh": "{label_zh}（{acronym}）"},
        "reply.four": {"en": "{label_zh}", "zh": "{label_zh}"},
        "reply.five": {"en": "{unclosed", "zh": "x"},
        "reply.six": {"en": "Fine", "zh": ""},
    }
    problems = "\n".join(wording_check.catalog_problems(entries))
    assert "reply.one: the languages have different placeholders (zh: nom; en: name)" in problems
    assert "reply.two: needs exactly the languages zh, en" in problems
    assert "reply.three" not in problems  # a name ending in _en or _zh is that language's own
    assert "reply.four (en): label_zh belongs to another language" in problems
    assert "reply.five (en):" in problems
    assert "reply.six: every language needs a non-empty text" in problems


def test_keys_the_code_names_must_exist_and_lookups_must_fill_every_placeholder():
    entries = {"reply.greet": {"en": "Hi", "zh": "嗨"}, "reply.declined_year": {"en": "{detail}", "zh": "{detail}"}}
    code = _module(
        'text("reply.greet", lang)\n'
        'wording.text("reply.gret", lang)\n'
        'text("reply.declined_year", lang)\n'
        'text("reply.declined_year", lang, detail=1)\n'
        'text(f"reply.{key}", lang)\n'
        'text(f"reply.missing_{key}", lang)\n'
    )
    assert sorted(wording_check.usage_problems(entries, code)) == [
        "example.py:2: no wording 'reply.gret'",
        "example.py:3: reply.declined_year needs detail",
        "example.py:6: no wording starts with 'reply.missing_'",
    ]


def test_choosing_a_sentence_by_language_is_a_problem_unless_exempt():
    code = _module(
        "def cite(n, lang):\n"
        '    return f"(para. {n})" if lang == "en" else f"（第{n}段）"\n'
        "def colon(lang):\n"
        '    if "zh" != lang:\n'
        '        return ":"\n'
        "def pick(hit, lang):\n"
        "    return hit[lang]\n"
    )
    assert sorted(wording_check.branch_problems(code)) == [
        "example.py:2: cite chooses by language; put the wording in wording.yaml",
        "example.py:4: colon chooses by language; put the wording in wording.yaml",
    ]
    exempt = [("actions/quiz/generated.py", ast.parse('def _words_pattern(lang):\n    return "a" if lang == "en" else "b"\n'))]
    assert wording_check.branch_problems(exempt) == []


def test_writing_a_sentence_in_each_language_in_code_is_a_problem_but_a_table_of_terms_is_not():
    code = _module(
        "def prompt(a):\n"
        '    return {"zh": f"{a} 部署在哪里？", "en": f"Where is {a} deployed?"}\n'
        "def series(zh, en):\n"
        '    return {"zh": "、".join(zh[:-1]) + "和" + zh[-1], "en": ", ".join(en[:-1]) + " and " + en[-1]}\n'
        'UNITS = {"zh": "年", "en": "years"}\n'
        "def hedged(h, t):\n"
        '    return {"zh": h.zh + t["zh"], "en": f"{h.en} {t[\'en\']}"}\n'
    )
    assert wording_check.sentence_problems(code) == [
        "example.py:2: writes a sentence in each language; put the wording in wording.yaml",
        "example.py:4: writes a sentence in each language; put the wording in wording.yaml",
    ]


def test_both_fills_each_language_with_its_own_value():
    assert both("quiz_prompt.mission_host", acronym="UNISFA") == {
        "zh": "UNISFA 部署在哪里？",
        "en": "Where is UNISFA deployed?",
    }
    month = {"zh": "8", "en": "August"}
    assert both("quiz_text.month", year=2022, month=month) == {"zh": "2022年8月", "en": "August 2022"}


def test_lookup_fills_named_placeholders_and_the_english_plural():
    assert text("quiz.review", "en", size=1) == "Review: 1 question you missed before."
    assert text("quiz.review", "en", size=3) == "Review: 3 questions you missed before."
    assert text("quiz.review", "zh", size=3) == "复习：3道你以前答错的题。"
    assert text("reply.cite_one", "zh", number=44) == "（第44段）"
    assert every_language("web_error.busy").keys() == set(LANGS)
    assert section("chart", "zh")["title"] == "测验 {id}"


def test_figures_are_named_from_the_catalog_in_both_languages():
    figure = {"type": "figure", "number": 2, "paragraph": 12, "en": "Fatalities", "zh": "死亡人数"}
    assert replies.fact_answer(figure, "en") == "Figure 2: Fatalities (para. 12)"
    assert replies.fact_answer(figure, "zh") == "图2：死亡人数 （第12段）"  # the figure's citation follows a space in both


def test_the_page_carries_its_wording_and_nothing_can_close_its_script_early():
    html = page()
    data = json.loads(re.search(r'<script id="wording" type="application/json">(.*?)</script>', html, re.DOTALL)[1])
    assert data["zh"]["title"] == text("web.title", "zh") and data["en"]["send"] == "Send"
    assert data["en"]["unreachable"] == text("web_error.unavailable", "en")
    assert "%WORDING%" not in html and html.count("</script>") == 2
