"""Question analysis on its own: what is asked, years, names, and how a turn leans on the last one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from actions.question import (
    _canonical,
    after_introduction,
    analyse,
    asks_about_the_report,
    clean,
    introduced_topic,
    introduces,
    lexicon_pattern,
    lexicon_table,
    names_in,
    spellings,
    two_questions,
    without_affiliation,
)
from actions.store.text import HAN, sentences, simplify, to_simplified

TESTS = Path(__file__).parent


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("How many peacekeepers were killed since 1948?", "number"),
        ("自1948年以来有多少维和人员遇害？", "number"),
        ("When did A4P start?", "date"),
        ("A4P 哪一年启动的？", "date"),
        ("Who tracks violations of status-of-forces agreements?", "who"),
        ("Where is the 2023 ministerial?", "where"),
        ("What is A4P+?", "definition"),
        ("以行动促维和+是什么？", "definition"),
        ("What did MONUSCO do in Ituri?", "happened"),
        ("What is MONUSCO doing to counter misinformation?", "happened"),
        ("What is the Action Plan?", "definition"),
        ("几乎所有特派团", "other"),  # 几乎 is "almost", not "how many"
        ("他领导的小组报告文号是多少？", "symbol"),  # a document's symbol, no figure
        ("On which exact dates is the Accra ministerial held?", "date"),
        ("what was its budget in 2021/22?", "number"),
        ("doc number?", "symbol"),
        ("what was the share in 2019?", "number"),
        ("what's the figure for UNIFIL specifically", "number"),
        ("what was the figure in 2022 then", "number"),
        ("what were the wastewater figures then?", "other"),  # its own words stay to search
        ("what % of military contingent personnel are women?", "number"),
        ("date?", "date"),  # of the document just answered (dev67)
        ("on what dates?", "date"),
        ("Give me the figure for 2023.", "number"),  # dev115
        ("what figure does it give for that?", "number"),
    ],
)
def test_what_is_asked(text, asks):
    assert analyse(text, []).asks == asks


def test_years_leave_document_symbols_out_and_read_budget_years():
    assert analyse("resolution 2589 (2021) and S/PRST/2022/6 in 2016", []).years == (2016,)
    assert analyse("How many projects in 2022/23?", []).years == (2022, 2023)
    # the report's own year in its name asks for no year (dev85)
    assert analyse("Per the SG's 2023 peacekeeping performance report, what happened in Tambura?", []).years == ()
    assert analyse("the 2023 report on deaths in 2022", []).years == (2022,)
    # after a year, the next one (dev113); "2019年后" is since 2019
    assert analyse("and what happened after 2020?", []).years == (2021,)
    assert analyse("杀害维和人员的凶手2019年后有多少被判刑？", []).years == (2019,)
    # "n" is "and" as people type it (dev86), not inside a name or a code
    assert analyse("n deputy heads?", []).leans == ("followup",)
    assert "N'Djamena" in analyse("what happened in N'Djamena, n/a?", []).text
    # "such as" points nowhere; "such trainings" at the last answer's
    assert "pronoun" not in analyse("what support do missions such as UNMISS get?", []).leans
    assert "pronoun" in analyse("how many such trainings", []).leans


@pytest.mark.parametrize(
    ("text", "months", "budget_years"),
    [
        ("How many mentions in June 2023?", ("2023-06",), ()),
        ("2023年6月有多少", ("2023-06",), ()),
        ("2023年十二月", ("2023-12",), ()),
        ("may 2023 figures", ("2023-05",), ()),
        ("What may happen in 2023?", (), ()),  # "may" is a month only with its year after it
        ("spent in 2021/22 and 2022-23", (), ("2021/22", "2022/23")),
        ("in 2021/2022", (), ("2021/22",)),
        ("from 2021-2022", (), ()),  # a span of two years as often as a budget year
        ("resolution 2590 (2021)", (), ()),
    ],
)
def test_months_and_budget_years(text, months, budget_years):
    q = analyse(text, [])
    assert (q.months, q.budget_years) == (months, budget_years)


@pytest.mark.parametrize(
    ("text", "exact"),
    [
        ("How many peacekeepers were killed in 2016?", True),
        ("那2016年呢？", True),
        ("2019年死了多少维和人员？", True),
        ("and since 2013?", False),
        ("自2013年以来呢", False),
        ("1948 malicious acts 死亡人数", False),
        ("杀害维和人员的凶手2019年后有多少被判刑？", False),
        ("那2013至2019年期间呢？", False),  # a span of years
        ("How many were convicted between 2013 and 2019?", False),
    ],
)
def test_one_year_or_a_total_since_it(text, exact):
    assert analyse(text, []).exact_year is exact


def test_measures_the_report_rarely_gives():
    assert analyse("What is the budget of MINUSMA?", []).measures == ("budget",)
    assert analyse("联黎部队每年花多少钱？", []).measures == ("budget",)
    assert analyse("How many troops does Bangladesh contribute?", []).measures == ("contribution", "strength")
    assert analyse("How many helicopters does MINUSCA have?", []).measures == ("assets",)
    assert analyse("The SG paid tribute to peacekeepers", []).measures == ()
    assert analyse("那71名被定罪的人分别被判了什么刑？", []).measures == ("sentence",)
    assert analyse("2019年后有多少凶手被判刑？", []).measures == ()  # a count of people convicted
    assert analyse("What is Mali’s population?", []).measures == ("population",)
    assert analyse("What did MONUSCO contribute to the Nairobi process?", []).measures == ()  # no troops
    assert analyse("How many progress reports has it sent to Member States?", []).measures == ()
    assert analyse("调查按几个州的人口分配样本？", []).measures == ()  # states, sampled by population
    assert analyse("and where did it start from in mid-2021?", []).measures == ()  # a baseline, no nationality
    assert analyse("my uncle served w unifil ages ago. when was the attack?", []).measures == ()  # no one's age


@pytest.mark.parametrize(
    ("text", "constraints"),
    [
        ("2022年全年一共有多少维和人员死亡？", ("whole_year", "total")),
        ("How many peacekeepers died in the whole year 2022?", ("whole_year",)),
        ("What were the total greenhouse gas emissions of all missions?", ("total",)),
        ("On which exact date is the ministerial?", ("day",)),
        ("Will the work continue, and past what date?", ()),  # a date, not a day
        ("内罗毕和平进程中有多少名女性参与？", ("headcount",)),
        ("How many peacekeepers were killed in 2022?", ()),
        ("dates?", ("day",)),  # of the ministerial to be held in Accra in 2023 (dev37)
        ("date?", ()),  # of a document, dated by its day
    ],
)
def test_what_a_figure_must_be(text, constraints):
    assert analyse(text, []).constraints == constraints


def test_names_keep_their_capitals_and_have_every_spelling():
    assert names_in("What did Jean-Pierre Lacroix say about Chad?") == ["Jean-Pierre Lacroix", "Chad"]
    assert names_in("Tell us about the chad and turkey dinner") == []
    assert names_in("No, I meant in south sudan") == ["South Sudan"]  # a name of two words is no word of English
    # typed without capitals, a name is one whatever its case; an acronym ("us", "car") never
    assert names_in("how many of those were in mali alone? tell us about south sudan") == ["Mali", "South Sudan"]
    # ("drc", with no vowel, spells no English word: a name in lower case too)
    assert names_in("is a car from the us safer in the drc?") == ["DRC"]
    assert names_in("and what about unmogip?") == ["UNMOGIP"]  # an acronym of five letters or more is no word
    assert names_in("報告對海地說了什麼？") == ["海地"]
    assert {"Haiti", "海地"} <= set(spellings("海地"))


def test_names_are_those_of_one_pattern_of_every_name():
    """names_in looks names up by their first character; it finds what one alternation of every name, longest
    first, English ones as whole words (in a text without capitals, in lower case too but for acronyms under five
    letters), finds: in every held-out and development question and around every name."""
    ordered = sorted(_canonical(), key=len, reverse=True)

    def found(text: str) -> list[str]:
        spellings = [(w, w) for w in ordered]
        if not re.search("[A-Z]", text):
            spellings += [
                (w.lower(), w)
                for w in ordered
                if not HAN.search(w) and (not re.search("[A-Z]{2}", w) or re.fullmatch("[A-Z]{5,}", w))
            ]
        named: dict[str, str] = {}
        for spelling, name in sorted(spellings, key=lambda s: len(s[0]), reverse=True):
            named.setdefault(spelling, name)
        words = sorted(named, key=len, reverse=True)
        pattern = re.compile("|".join(re.escape(w) if HAN.search(w) else rf"(?<![\w-]){re.escape(w)}(?![\w-])" for w in words))
        return list(dict.fromkeys(named[m.group(0)] for m in pattern.finditer(text)))

    texts = [
        turn
        for path in [*TESTS.glob("heldout/*.yaml"), *TESTS.glob("dev/*.yaml"), *TESTS.glob("dev2/*.yaml")]
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))
        for turn in item.get("turns") or [item["q"]]
    ]
    texts += [f"{w}s, {w}-x _{w} {w}" for w in ordered] + [" ".join(ordered[i : i + 4]) for i in range(0, len(ordered), 3)]
    for text in texts:
        assert names_in(text) == found(to_simplified(text)), text


def test_a_mission_named_to_say_it_is_not_the_one_meant_is_not_asked_about():
    text = "no, MINUSCA not MINUSMA"
    spans = [(m, text.index(m)) for m in ("MINUSCA", "MINUSMA")]
    entities = [{"entity": "mission", "value": m, "start": at, "end": at + len(m)} for m, at in spans]
    assert analyse(text, entities).missions == ("MINUSCA",)
    assert analyse("I brief our contingent. How many have died since 1948?", []).groups == ("killed",)


def test_footnotes_paragraphs_and_the_report_itself():
    assert analyse("脚注3说了什么", []).footnotes == (3,)
    assert analyse("what does footnote 12 say", []).footnotes == (12,)
    assert analyse("S/2023/646是什么？", []).about_report
    assert analyse("/show_paragraph", [{"entity": "paragraph", "value": "x" * 30}]).paragraphs == ()


@pytest.mark.parametrize(
    ("text", "lean"),
    [
        ("and since 2013?", "followup"),
        ("compared with the same months of 2022?", "followup"),
        ("So deaths from malicious acts have kept falling?", "followup"),
        ("那2022年呢？", "followup"),
        ("did deaths from malicious acts go down after?", "followup"),  # after what the last answer told
        ("no, I meant MINUSCA", "correction"),
        ("sorry, I meant solid waste", "correction"),
        ("不对，我问的是联黎部队", "correction"),
        ("no, MINUSCA not MINUSMA", "correction"),
        ("不好意思，我是想问1948年以来的总数", "correction"),
        ("my mistake - MONUSCO, not MINUSCA", "correction"),
        ("when was that?", "pronoun"),
        ("它是谁做的？", "pronoun"),
        ("What was the figure in mid-2021?", "pronoun"),
        ("之前实施了多久？", "pronoun"),
        ("which resolution says so?", "detail"),
        ("in line with which Council resolution?", "detail"),
        ("At whose request?", "detail"),
        ("What's the point of it?", "detail"),
        ("What's it meant to achieve?", "detail"),
        ("Which mission was she serving with?", "pronoun"),
        ("报告举了哪位上尉的例子？", "detail"),
        ("修订的目的是什么？", "detail"),
        ("under what UNSC resolution?", "detail"),
        ("which res directs that", "detail"),
        ("adopted which year?", "detail"),
    ],
)
def test_how_a_turn_leans_on_the_last_answer(text, lean):
    assert lean in analyse(text, []).leans


@pytest.mark.parametrize(
    ("text", "counts_people"),
    [
        ("How many women peacekeepers does UNIFIL have?", True),
        ("联黎部队有多少名女性维和人员？", True),
        ("自1948年以来有多少维和人员遇害？", True),
        ("For how many years have peacekeepers been deployed alongside enforcement operations?", False),
        ("In how many countries did the victims trust fund finance projects?", False),
        ("有多少个特派团制定了过渡路线图？", False),
        ("文职人员领导的维和行动中二把手有多少是女性？", False),
        ("因维和人员性剥削而出生的儿童有多少？", True),
        ("该活动主题标签被多少个不同用户提及？", True),
        ("ok so how many of them are civilians?", True),  # of the 88,000 deployed (dev71)
        ("and how many of those 88,000 are women?", True),
        ("how many of them are in Africa?", False),
        ("how many police are there?", True),  # not one assessment a quarter
        ("how many military and police units were verified for rapid deployment?", False),
    ],
)
def test_a_count_of_people(text, counts_people):
    assert analyse(text, []).counts_people is counts_people


def test_a_count_of_things_names_them_and_only_the_first_how_many_counts():
    assert analyse("how many new pledges were made there in total?", []).counted == "pledges"
    assert analyse("how many peacekeepers were killed?", []).counted == ""
    # a follow-up read with the last question: its own count, not the last one's
    assert analyse("and how many military and police units were verified? how many pledges were registered?", []).counted == ""


def test_a_share_is_asked_only_where_it_is_what_is_asked():
    assert analyse("What percentage of South Sudanese say they trust UNMISS?", []).asks_share
    assert analyse("南苏丹有百分之多少的民众信任南苏丹特派团？", []).asks_share
    assert not analyse("Over how many years have explosive devices caused a growing share of casualties?", []).asks_share
    assert not analyse("过去几年里爆炸物造成的伤亡比例越来越大？", []).asks_share
    assert analyse("SEA allegations MONUSCO 2021 number", []).asks == "number"  # terse, keywords only


def test_recommendations_are_asked_for_only_when_they_are_what_is_asked():
    kind = lexicon_table("kinds")["recommendation"]
    for text in ("What are the recommendations of the report?", "What does the report recommend on data?", "建议有哪些？"):
        assert kind.search(simplify(text)), text
    assert not kind.search(simplify("whose lessons learned were fed into the recommendations for the camp defence policy?"))


def test_which_country_and_the_report_categories_kept_apart():
    assert analyse("Which country contributes the most troops?", []).name_asked == "country"
    assert analyse("which troop- or police-contributing country got help? name it", []).name_asked == "country"
    assert analyse("Name them?", []).name_asked == "country"  # after "Twenty Member States ..."
    assert analyse("哪个国家派出的女性维和人员最多？", []).name_asked == "country"
    assert analyse("Who is the current head of MONUSCO?", []).name_asked == "person"
    assert analyse("南苏丹特派团的受害人权利高级干事叫什么名字？", []).name_asked == "person"
    assert analyse("Which mission closed in 2018?", []).name_asked == "mission"
    assert analyse("What is the name of MONUSCO's officer?", []).name_asked == "person"
    assert not analyse("What does the mission do in Abyei?", []).name_asked
    assert not analyse("Who tracks violations of status-of-forces agreements?", []).name_asked
    # a person's name, not a campaign's, a policy's or a survey firm's
    assert analyse("who is the one in UNMISS? name pls", []).name_asked == "person"
    assert analyse("Who carried out the attack in Aqibiyah?", []).name_asked == "person"
    for text in ("它的中文名字是什么?", "那个政策叫什么名字？", "Who carried out the survey?"):
        assert not analyse(text, []).name_asked, text
    assert "detail" in analyse("which one didnt?", []).leans  # after "met for all categories except ..."
    assert analyse("How many peacekeepers died of illness?", []).groups == ("illness", "killed")
    assert analyse("军事特遣队中女性占多大比例？", []).groups == ("contingent",)
    assert analyse("How many were killed by malicious acts?", []).groups == ("malicious", "killed")


def test_names_told_in_passing_are_not_asked_about():
    rambling = "I was in Bamako last spring, lovely city. How many were convicted for killing peacekeepers in Mali?"
    assert analyse(rambling, []).names == ("Mali",)
    assert analyse("I'm asking about Haiti. What did the mission do there?", []).names == ("Haiti",)
    story = (
        "I'm a journalist in Nairobi, my editor wants the piece by tomorrow and the coffee machine just broke, which is"
        " a disaster in itself, but anyway: since 2019 how many people were convicted in CAR, DRC and Mali?"
    )
    assert analyse(story, []).names == ("CAR", "DRC", "Mali")
    thesis = (
        "My supervisor is on sabbatical in Lisbon and keeps sending me articles about Portuguese history, which is nice"
        " but unhelpful, and what I need is the number of training sessions DPO ran in 2022/23. Does the report say?"
    )
    assert analyse(thesis, []).names == ()
    assert analyse("我是驻纽约的记者，今天下大雨。顺便问一下，2023年有几人死于简易爆炸装置？", []).names == ()
    assert analyse("In Mali, how many peacekeepers were killed?", []).names == ("Mali",)
    assert analyse("", []).names == analyse("  ", []).names == ()
    mission = [{"entity": "mission", "value": "MINUSCA", "start": 0, "end": 5}]
    assert analyse("中非稳定团在伊图里省做了什么？", mission).names == ("伊图里",)  # 中非 is in the mission's name


def test_a_count_of_things_and_a_task():
    assert analyse("How many military-led missions are there?", []).asks_count
    assert not analyse("联刚稳定团在中非的支持下妇女参与的比例是多少？", []).asks_count
    assert analyse("Can you help me write a cover letter?", []).off_task
    assert analyse("帮我翻译这段话", []).off_task


def test_a_new_topic_and_an_opinion():
    assert analyse("Different topic: where is the 2023 ministerial being held?", []).leans == ()
    assert analyse("换个话题：过渡路线图是哪年推出的？", []).new_topic
    assert analyse("back to the fatalities - how many of them since 2013?", []).new_topic  # not the last subject
    assert analyse("in the UNMISS perception survey what % of people said so?", []).asks_share
    assert "headcount" not in analyse("ok so what's the real figure as of May 2023", []).constraints
    assert analyse("What do you personally think of Hizbullah?", []).opinion
    assert analyse("in your own personal opinion, was Mali wrong to kick MINUSMA out?", []).opinion
    assert not analyse("When will level II hospitals have mental health professionals?", []).opinion
    assert not analyse("Which mission will withdraw by the end of 2023?", []).opinion


def test_markup_and_capitals_are_read_through():
    assert clean("<b>MONUSCO</b> &amp; the [Nairobi](#) process") == "MONUSCO the Nairobi process"
    assert clean("HOW MANY PEACEKEEPERS HAVE BEEN KILLED SINCE 2013?") == "how many peacekeepers have been killed since 2013?"
    assert clean("What did MONUSCO do?") == "What did MONUSCO do?"


def test_spans_name_the_report_entities_in_the_message():
    text = "what did MONUSCO do in Ituri"
    q = analyse(text, [{"entity": "mission", "value": "MONUSCO", "start": 9, "end": 16}])
    assert q.missions == ("MONUSCO",) and q.spans == ("MONUSCO",)


def test_no_small_talk_the_classifier_learnt_is_taken_for_a_question():
    for lang in ("en", "zh"):
        nlu = yaml.safe_load((TESTS.parent / "data" / "nlu" / f"{lang}.yml").read_text(encoding="utf-8"))["nlu"]
        examples = [
            line[2:]
            for item in nlu
            if item.get("intent") in ("greet", "help", "thank", "goodbye")
            for line in item["examples"].splitlines()
            if line.startswith("- ")
        ]
        assert examples and not any(asks_about_the_report(e) for e in examples)
    followups = ("How often?", "symbol please", "Did they get to go home?", "What does that person do?", "为什么会这样？")
    followups += ("他们主要负责什么？", "决议编号")
    assert all(asks_about_the_report(f) for f in followups)


def test_every_quiz_request_the_classifier_learnt_holds_a_quiz_word():
    quiz = lexicon_pattern("quiz_request")
    for lang in ("en", "zh"):
        nlu = yaml.safe_load((TESTS.parent / "data" / "nlu" / f"{lang}.yml").read_text(encoding="utf-8"))["nlu"]
        examples = [
            line[2:]
            for item in nlu
            if item.get("intent") in ("start_quiz", "review_mistakes")
            for line in item["examples"].splitlines()
            if line.startswith("- ")
        ]
        assert examples and all(quiz.search(simplify(e)) for e in examples)
        assert not any(lexicon_pattern("correction").search(simplify(e)) for e in examples)
    assert not quiz.search(simplify("MINUSMA budget 2023"))


def test_a_paragraph_splits_into_its_sentences_and_listed_items():
    text = "Roads were secured. The UNMISS civilian component engaged.\n(b) MONUSCO took an approach, e.g. this one.⁴"
    assert sentences(text) == [
        "Roads were secured.",
        "The UNMISS civilian component engaged.",
        "(b) MONUSCO took an approach, e.g. this one.",
    ]
    assert sentences("道路得到保障。南苏丹特派团文职部分与当地社区接触；几乎所有人都返回了家园。⁵") == [
        "道路得到保障。",
        "南苏丹特派团文职部分与当地社区接触；",
        "几乎所有人都返回了家园。",
    ]


def test_did_it_do_better_than_asks_a_comparison_of_facts_not_an_opinion():
    assert not analyse("did it do better than the 2022 one?", []).opinion
    assert analyse("is community policing better than military patrols?", []).opinion


@pytest.mark.parametrize(
    "text, parts",
    [
        ("In 2022/23, how many people got direct support from it and what was the budget?", 2),
        ("what was the baseline figure and what is it now?", 2),
        ("Why did they ask for that? what reason did they give?", 2),
        ("what is the difference between A4P and what came before?", 0),  # one question
        ("how many women and men were deployed?", 0),
        ("what and when?", 0),  # too short to be two
        ("how many participants did it help, and under which roadmap was the mechanism set up?", 2),
        ("And the earlier one - who led it and in what year?", 0),  # a preposition's short second part: one
        ("what share of heads and deputy heads of civilian-led missions are women?", 2),  # asked of each
    ],
)
def test_two_questions_in_one_turn(text, parts):
    found = two_questions(text)
    assert (len(found) if found else 0) == parts


def test_who_was_president_asks_a_persons_name():
    assert analyse("who was president of the council the month that was adopted?", []).name_asked == "person"


def test_an_introduction_and_what_it_says_it_is_about():
    said = "Good morning, I'm an information management officer. We're looking at Unite Aware."
    assert introduces(said) and introduced_topic(said) == "We're looking at Unite Aware."
    assert introduces("hi, I'm a journalist covering the report") and not introduced_topic("hi, I'm a journalist.")
    # needing to brief someone is what the asker will do, no request
    assert introduces("Hello, I'm the desk officer at our foreign ministry and I need to brief the minister.")
    assert not introduces("Hello, I'm the desk officer and I need the convictions figure.")


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("how many of them were women?", True),
        ("how many of those by explosives?", True),
        ("其中多少是女性？", True),
        ("how many of those sessions were there?", False),  # the count the last answer gave
        ("as of them, what changed?", False),
    ],
)
def test_a_part_of_what_the_last_answer_counted(text, part):
    assert analyse(text, []).part_of_last is part


def test_a_share_as_a_percent_of_and_a_leader_heading_it():
    # (dev99) "women as % of ..." asks a share; (dev104) "who's the USG heading it" asks a leader's name
    q = analyse("women as % of military contingents?", [])
    assert q.asks == "number" and q.asks_share
    assert "leader" in analyse("who's the USG heading it", []).measures
    assert "leader" not in analyse("who is heading the office that runs the reviews?", []).measures


def test_their_leans_on_the_last_answer_and_when_must_asks_a_date():
    # (dev118) "their numbers" points back; "by when must ... leave?" asks a date; a long "how many of ... are women"
    # counts people, as a share when that is all the report gives
    assert "pronoun" in analyse("by how much did their numbers go up?", []).leans
    assert analyse("by when must the mission in Mali leave?", []).asks == "date"
    assert analyse("How many of the heads of civilian-led missions are women?", []).counts_people


def test_sudan_is_no_word_of_south_sudan() -> None:
    from actions.store.text import tokens

    assert tokens("UNMISS in South Sudan")[:1] == ["south-sudan"] and "sudan" not in tokens("South-Sudan 南苏丹")
    assert "sudan" in tokens("in the Sudan") and "苏丹" in tokens("苏丹")


def test_a_contraction_says_not() -> None:
    from actions.store.text import tokens

    assert tokens("the victims weren't peacekeepers") == tokens("the victims were not peacekeepers")
    assert tokens("can't, won't, they're") == ["not", "not", "they"]


def test_a_financial_year_is_no_budget_and_a_countrys_army_a_nationality():
    # (dev123) "at the start of the 2022/23 financial year" dates a count; "which country's army is she from?" asks
    # where she is from; "troops police civilians" are the missions' civilian staff
    assert "budget" not in analyse("how many pledges at the start of the 2022/23 financial year?", []).measures
    assert "budget" in analyse("how much financing did it get?", []).measures
    assert "nationality" in analyse("which country's army is she from?", []).measures
    q = analyse("how many people are deployed, troops police civilians all together?", [])
    assert "civilians" not in q.people and "civilian" in q.groups


def test_a_subject_named_before_the_question_that_points_at_it():
    # (dev124) "and the A4P+ implementation plan, what years does that one cover?"; "那是…" points back
    q = analyse("and the A4P+ implementation plan, what years does that one cover?", [])
    assert q.text == "and what years does the A4P+ implementation plan cover?" and "pronoun" not in q.leans
    assert analyse("the plan, is it true that they cut it?", []).text == "is it true that the plan cut it?"
    assert analyse("that resolution, when was it adopted?", []).text == "that resolution, when was it adopted?"
    assert analyse("sorry, what is it?", []).text == "sorry, what is it?"
    assert "pronoun" in analyse("那是根据安理会哪一项决议？", []).leans
    assert "pronoun" not in analyse("那是否有数字？", []).leans
    assert analyse("which of its reports does the footnote cite?", []).several


def test_an_introduction_before_the_question_and_contributors_spoken_of():
    def no_missions(text: str) -> list[dict]:
        return []

    # (dev126) the asker's introduction tells nothing the question asks, unless the question points back into it
    text = "Our delegation is drafting a statement, my ambassador wants field examples. What does the report give for Mali?"
    assert text[after_introduction(text, no_missions) :].strip() == "What does the report give for Mali?"
    assert after_introduction("I'm looking at MINUSMA. How many were killed there?", no_missions) is None
    assert (
        after_introduction("I'm doing a piece on disinformation in Lebanon. What incident does the report describe?", no_missions)
        is None
    )
    assert after_introduction("I'm wondering how many died in 2022. What about in Mali?", no_missions) is None
    assert after_introduction("The report says 71. Is that right?", no_missions) is None
    # troop and police contributors spoken of are no contribution asked for; "which TCC sends the most" a ranking
    assert not analyse("How is performance data shared with T/PCCs?", []).measures
    assert not analyse("DPO capacity bldg for TCC/PCC trainers?", []).measures
    assert not analyse("what training do TCCs get?", []).measures
    assert "ranking" in analyse("which TCC sends the most troops?", []).measures
    assert "contribution" in analyse("who are the top troop contributors?", []).measures
    assert "contribution" in analyse("How many of the 21 units generated came from us?", []).measures
    assert analyse("who flags gaps to the T/PCCs?", []).text == "who flags gaps to the troop- and police-contributing countries?"


def test_the_mission_an_asker_serves_with():
    def minusca(text: str) -> list[dict]:
        return [{"value": "MINUSCA", "start": m.start(), "end": m.end()} for m in re.finditer("MINUSCA", text)]

    # (dev128) where the asker serves is not what is asked, unless the question points at it
    text = "hi, I'm a planning officer at MINUSCA HQ and I'm going through the report. Which document requested this report?"
    assert "MINUSCA" not in without_affiliation(text, minusca)
    assert "officer and I'm going" in without_affiliation(text, minusca)
    text = "I'm a civil affairs officer with MINUSCA. What does the report say about us?"
    assert without_affiliation(text, minusca) == text
    text = "I'm doing a piece on MINUSCA. What does the report say about elections?"
    assert without_affiliation(text, minusca) == text


def test_a_lower_case_acronym_an_ellipsis_names():
    # (dev126) "and in the car?" names the Central African Republic; "what about us?" is the asker
    assert analyse("and in the car?", []).names == ("CAR",)
    assert analyse("what about us?", []).names == ()
    assert analyse("is the car here?", []).names == ()
