"""Every custom action, run directly against a real store."""

from __future__ import annotations

import re

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import actions as a
from actions.language import reply_language
from nlu.names import NameMatcher, extract, store_names
from tests.helpers.scoring import declines


@pytest.fixture
def store_env(store_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", store_url)
    return store_url


@pytest.fixture(scope="module")
def names_matcher(store_url):
    """The entity matcher over a store's names, built once per store and module: its two spaCy pipelines and
    few hundred phrases took a quarter of a second a test."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", store_url)
        return NameMatcher(store_names())


@pytest.fixture
def matcher(store_env, names_matcher):
    return names_matcher


def run(action, text: str, matcher, intent: str = "ask_question", **slots) -> tuple[str, dict]:
    entities = [{"start": s, "end": e, "entity": ent, "value": v} for s, e, ent, v in extract(text, matcher)]
    tracker = Tracker(
        "tester", slots, {"text": text, "intent": {"name": intent}, "entities": entities}, [], False, None, {}, "action_listen"
    )
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker, {})
    return "\n".join(m["text"] for m in dispatcher.messages), {e["name"]: e["value"] for e in events if e.get("name")}


def test_answer_statistic_in_both_languages(matcher):
    text, slots = run(a.ActionAnswer(), "How many peacekeepers have been killed by malicious acts since 1948?", matcher)
    assert "1,067" in text and "(para. 44)" in text
    assert slots["last_fact"].startswith("statistic:")
    text, _ = run(a.ActionAnswer(), "自1948年以来有多少维和人员死于恶意行为？", matcher)
    assert "1 067" in text and "（第44段）" in text


def test_answer_change_gives_both_figures(matcher):
    text, _ = run(a.ActionAnswer(), "wastewater risk level share of field sites", matcher)
    assert "66%" in text and "72%" in text and "(para. 51)" in text


def test_answer_paragraph_mission_and_unknown(matcher):
    assert "（第51段）" in run(a.ActionAnswer(), "第51段", matcher, "show_paragraph")[0]
    text, slots = run(a.ActionAnswer(), "what does the report say about UNIFIL", matcher)
    assert "UNIFIL" in text and slots["last_mission"] == "UNIFIL"
    assert "does not give an answer" in run(a.ActionAnswer(), "best pizza in Naples", matcher, "out_of_scope")[0]
    assert "didn't catch" in run(a.ActionAnswer(), "", matcher)[0]


def test_followup_changes_the_period(matcher):
    query = "how many peacekeepers killed by malicious acts since 1948"
    text, _ = run(a.ActionFollowup(), "and since 2013?", matcher, "ask_followup", last_query=query)
    assert "331" in text and "(para. 44)" in text


def test_source_and_more_need_and_use_context(matcher):
    assert "first" in run(a.ActionSource(), "where does it say that?", matcher, "ask_source")[0]
    text, _ = run(
        a.ActionSource(),
        "where does it say that?",
        matcher,
        "ask_source",
        last_fact="statistic:field-sites-minimum-wastewater-risk-level",
    )
    assert "Paragraph 51" in text
    text, _ = run(a.ActionMore(), "详细说说", matcher, "ask_more", last_fact="mission:MONUSCO")
    assert "联刚稳定团" in text and "第" in text


def test_lists(matcher):
    text, _ = run(a.ActionList(), "list the priorities", matcher, "list_priorities")
    assert "Capabilities and mindsets" in text and "(paras. 25-35)" in text
    text, _ = run(a.ActionList(), "报告提到了哪些特派团", matcher, "list_missions")
    assert "联刚稳定团" in text
    assert "（第" in run(a.ActionList(), "报告提出了哪些建议", matcher, "list_recommendations")[0]


def test_language_is_fixed_until_changed(matcher):
    text, slots = run(a.ActionSetLanguage(), "请用英文回答", matcher, "set_language")
    assert slots["reply_language"] == "en" and "English" in text
    text, _ = run(a.ActionAnswer(), "第44段", matcher, "show_paragraph", reply_language="en")
    assert "Paragraph 44" in text and "(para. 44)" in text


def test_the_last_answer_again_in_the_other_language_is_all_of_it(matcher):
    _, slots = run(
        a.ActionAnswer(), "UNIFIL gives non-lethal material support to the Lebanese army - under which resolutions?", matcher
    )
    text, _ = run(a.ActionSetLanguage(), "用中文再说一遍", matcher, "set_language", **slots)
    assert "第 2591(2021)号决议" in text and "第 2650(2022)号决议" in text and "（第56段）" in text


def test_a_correction_to_another_mission_drops_the_year_only_its_figure_lacks(matcher):
    _, slots = run(a.ActionAnswer(), "How many people did MINUSCA's presence help get humanitarian aid to in 2022?", matcher)
    text, _ = run(a.ActionAnswer(), "Sorry, I meant MONUSCO, in Djugu.", matcher, **slots)
    assert "100,000" in text and "currently" in text and "(para. 8)" in text
    _, slots = run(a.ActionAnswer(), "How many peacekeepers were killed by malicious acts since 1948?", matcher)
    assert run(a.ActionFollowup(), "and in 2016?", matcher, "ask_followup", **slots)[0].startswith("The report does not give")


def test_a_measure_of_the_last_subject_or_a_part_of_its_count_is_not_anothers(matcher):
    _, slots = run(a.ActionAnswer(), "What is the 'Peace Begins with Me' campaign?", matcher)
    text, _ = run(a.ActionAnswer(), "What was its budget?", matcher, **slots)
    assert text.startswith("The report does not give budget figures") and "1,736,145" not in text
    _, slots = run(a.ActionAnswer(), "How many UN peacekeeping operations have there been since 1948?", matcher)
    text, _ = run(a.ActionAnswer(), "how many of them were in Africa?", matcher, **slots)
    assert text.startswith("The report does not give")


def test_the_documents_the_report_cites_are_listed_all_or_of_the_kind_asked(matcher):
    text, _ = run(a.ActionAnswer(), "which documents does the report cite?", matcher)
    assert text.startswith("The report cites these documents:") and text.count("\n- ") == 22
    assert "- S/PRST/2022/6 — " in text and "(para. 1)" in text
    text, _ = run(a.ActionAnswer(), "Which resolutions does the report cite?", matcher)
    assert "S/RES/2272 (2016)" in text and "S/PRST" not in text
    text, _ = run(a.ActionAnswer(), "报告援引了哪些主席声明？", matcher)
    assert text.startswith("报告援引了以下文件：") and text.count("\n- S/PRST/") == 4
    text, _ = run(a.ActionList(), "報告引用了哪些決議？", matcher, "list_recommendations")
    assert text.startswith("报告援引了以下文件：") and "S/RES/2272" in text
    assert run(a.ActionAnswer(), "列出报告引用的所有文件", matcher)[0].count("\n- ") == 22


def test_its_report_after_a_figure_citing_one_is_that_document(matcher):
    _, slots = run(a.ActionAnswer(), "Which independent panels does the report cite?", matcher)
    _, slots = run(a.ActionAnswer(), "Who chaired the one from 2000?", matcher, **slots)
    text, _ = run(a.ActionFollowup(), "And which document is its report?", matcher, "ask_followup", **slots)
    assert text.startswith("A/55/305-S/2000/809")


def test_only_that_mission_asks_for_the_others_its_paragraph_names(matcher):
    _, slots = run(a.ActionAnswer(), "Which mission was among the first to provide gender-sensitive accommodation?", matcher)
    text, _ = run(a.ActionSmallTalk(), "Only UNIFIL?", matcher, "greet", **slots)
    assert all(m in text for m in ("MINUSCA", "MINUSMA", "MONUSCO", "UNISFA")) and "(para. 32)" in text


def test_small_talk_in_the_users_language(matcher):
    assert "Hello" in run(a.ActionSmallTalk(), "hi", matcher, "greet")[0]
    assert "您好" in run(a.ActionSmallTalk(), "你好", matcher, "greet")[0]
    assert "UNISFA" in run(a.ActionSmallTalk(), "UNISFA", matcher, "greet")[0]


def test_list_intents_still_answer_specific_questions(matcher):
    text, _ = run(a.ActionList(), "A4P+ 有几个跨领域主题？", matcher, "list_priorities")
    assert "两个跨领域主题" in text and "（第14段）" in text
    text, _ = run(a.ActionList(), "A4P+ priority seven", matcher, "list_priorities")
    assert "Cooperation with host countries" in text and "Collective coherence" not in text
    text, _ = run(a.ActionList(), "報告對培訓有什麼建議？", matcher, "list_recommendations")
    assert "培训" in text and text.count("（第") == 1
    # words common apart that the report seldom says together name something: no list of every mission
    text, _ = run(a.ActionList(), "Which missions have joint planning units?", matcher, "list_missions")
    assert "MINUSCA" in text and "UNFICYP" not in text and "(para. 20)" in text
    text, _ = run(a.ActionList(), "which missions are in the report?", matcher, "list_missions")
    assert "UNFICYP" in text


def test_mission_questions_naming_the_host_country_get_the_mission(matcher):
    text, _ = run(a.ActionAnswer(), "MINUSCA 在中非共和国做了什么？", matcher)
    assert text.startswith("中非稳定团") or "联合国中非共和国多层次综合稳定团" in text


def test_reply_language_of_mixed_and_wordless_messages(matcher):
    text, _ = run(a.ActionAnswer(), "how many displaced people does 联刚稳定团 protect in Ituri", matcher)
    assert "100,000" in text and "(para. 8)" in text
    tracker = Tracker(
        "tester",
        {},
        {"text": "/help", "intent": {"name": "help"}, "entities": []},
        [{"event": "user", "text": "/help", "metadata": {"language": "zh", "channel": "web"}}],
        False,
        None,
        {},
        "action_listen",
    )
    dispatcher = CollectingDispatcher()
    a.ActionSmallTalk().run(dispatcher, tracker, {})
    assert "例如" in dispatcher.messages[0]["text"]
    assert [b["title"] for b in dispatcher.messages[0]["buttons"]][0] == "1948年以来牺牲人数"


@pytest.mark.parametrize(
    "text,pid",
    [
        ("priority 4", "P4"),
        ("优先事项4", "P4"),
        ("the sixth priority", "P6"),
        ("Capabilities and mindsets", "P3"),
        ("能力和心态", "P3"),
        ("与东道国合作", "P7"),
        ("Women, peace and security", "T1"),
    ],
)
def test_priority_by_number_or_name(matcher, text, pid):
    assert [(e, v) for _, _, e, v in extract(text, matcher)] == [("priority", pid)]


def test_ordinal_figure_and_priority_numbers(matcher):
    assert [(e, v) for _, _, e, v in extract("第六幅图表的内容", matcher)] == [("figure", "6")]
    assert [(e, v) for _, _, e, v in extract("the fourth A4P+ priority", matcher)] == [("priority", "P4")]
    assert [(e, v) for _, _, e, v in extract("A4P+ 排在第一位的优先事项是哪个？", matcher)] == [("priority", "P1")]


def test_a_name_taken_for_a_quiz_answer_is_answered_as_a_question(matcher):
    text, _ = run(a.ActionQuizAnswer(), "UNISFA", matcher, "quiz_answer")
    assert "UNISFA" in text and "(para" in text
    assert run(a.ActionQuizAnswer(), "B", matcher, "quiz_answer")[0].startswith("There is no quiz running")


def test_which_ones_asks_for_a_list_and_how_many_for_a_number(matcher):
    assert "联刚稳定团" in run(a.ActionList(), "报告提到了哪几个特派团？", matcher, "list_missions")[0]
    assert "（第14段）" in run(a.ActionList(), "A4P+ 有几个跨领域主题？", matcher, "list_priorities")[0]


def test_a_button_press_keeps_the_language_of_the_users_last_words(matcher):
    events = [
        {"event": "user", "text": "出题考考我", "metadata": {"language": "en", "channel": "telegram"}},
        {"event": "user", "text": '/quiz_answer{"choice":"B"}', "metadata": {"language": "en", "channel": "telegram"}},
    ]
    tracker = Tracker(
        "tester",
        {},
        {"text": '/quiz_answer{"choice":"B"}', "intent": {"name": "quiz_answer"}, "entities": []},
        events,
        False,
        None,
        {},
        "action_listen",
    )
    assert reply_language(tracker) == "zh"
    first_contact = Tracker(
        "tester",
        {},
        {"text": "/greet", "intent": {"name": "greet"}, "entities": []},
        events[1:],
        False,
        None,
        {},
        "action_listen",
    )
    assert reply_language(first_contact) == "en"


def test_odd_payload_values_get_a_reply_not_a_traceback(matcher):
    for item in ("²", "9" * 5000):
        entities = [{"entity": "choice", "value": "A"}, {"entity": "item", "value": item}]
        tracker = Tracker(
            "tester",
            {},
            {"text": "/quiz_answer", "intent": {"name": "quiz_answer"}, "entities": entities},
            [],
            False,
            None,
            {},
            "action_listen",
        )
        dispatcher = CollectingDispatcher()
        a.ActionQuizAnswer().run(dispatcher, tracker, {})
        assert dispatcher.messages[0]["text"].startswith("There is no quiz running")
    tracker = Tracker(
        "tester",
        {},
        {
            "text": '/set_language{"language":"fr"}',
            "intent": {"name": "set_language"},
            "entities": [{"entity": "language", "value": "fr"}],
        },
        [],
        False,
        None,
        {},
        "action_listen",
    )
    dispatcher = CollectingDispatcher()
    events = a.ActionSetLanguage().run(dispatcher, tracker, {})
    assert events[0]["value"] == "en" and dispatcher.messages[0]["text"]


def test_a_name_the_report_never_mentions_is_declined_even_in_a_follow_up(matcher):
    query = "How many peacekeepers have been killed by malicious acts since 1948?"
    text, _ = run(
        a.ActionAnswer(),
        "what did Lacroix say about it?",
        matcher,
        last_query=query,
        last_fact="statistic:uniformed-peacekeepers-killed-malicious-acts-since-1948",
    )
    assert text.startswith("The report does not mention Lacroix")


def test_a_mission_is_named_by_a_word_of_its_own(matcher):
    # Chinese is matched character by character: "un mission" holds the letters of UNMISS
    assert extract("un mission western sahara", matcher) == []
    assert [v for _, _, _, v in extract("UNMISS在Tambura建立了什么？", matcher)] == ["UNMISS"]


def test_a_correction_to_another_mission_never_gets_the_first_missions_fact(matcher):
    _, slots = run(a.ActionAnswer(), "What did MONUSCO do in the Nairobi process?", matcher)
    text, _ = run(a.ActionFollowup(), "no, I meant MINUSCA", matcher, **slots)
    assert "MONUSCO" not in text and text.startswith("The report does not")


def test_which_resolution_says_so_gives_the_document_not_the_paragraph(matcher):
    _, slots = run(a.ActionAnswer(), "When will MINUSMA withdraw?", matcher)
    text, _ = run(a.ActionSource(), "which resolution says so?", matcher, intent="ask_source", **slots)
    assert "2690" in text and "(para. 36)" in text


def test_a_question_taken_for_a_source_request_is_answered_as_a_question(matcher):
    _, slots = run(a.ActionAnswer(), "Where is the 2023 Peacekeeping Ministerial being held?", matcher)
    text, _ = run(a.ActionSource(), "What did Ghana pledge there?", matcher, intent="ask_source", **slots)
    assert text.startswith("The report does not") and "Paragraph" not in text


def test_a_short_turn_finding_nothing_alone_is_read_against_the_last_answer(matcher):
    _, slots = run(a.ActionAnswer(), "When will level II hospitals get mental health specialists?", matcher)
    text, _ = run(a.ActionAnswer(), "How many per mission at most?", matcher, **slots)
    assert "two" in text.lower() and "(para. 43)" in text


def test_a_list_intent_naming_a_place_is_a_question_about_it(matcher):
    text, _ = run(a.ActionList(), "What did the Kosovo mission achieve?", matcher, intent="list_missions")
    assert text.startswith("The report does not mention Kosovo")


def test_a_quiz_request_without_quiz_words_is_a_question_and_a_period_no_help(matcher):
    text, _ = run(a.ActionQuizStart(), "MINUSMA budget 2023", matcher, intent="start_quiz")
    assert text.startswith("The report does not")
    _, slots = run(a.ActionAnswer(), "How many units were generated from the PCRS?", matcher)
    text, _ = run(a.ActionSmallTalk(), "Over what period?", matcher, intent="help", **slots)
    assert "January 2022" in text and "(para. 27)" in text


def test_a_question_about_a_detail_of_the_last_answer_gets_the_sentence_that_says_it(matcher):
    _, slots = run(a.ActionAnswer(), "Who led the 2015 High-level Independent Panel on Peace Operations?", matcher)
    text, slots = run(a.ActionAnswer(), "What did it warn about?", matcher, **slots)
    assert "outpacing" in text and text.endswith("(para. 6).")
    assert slots["last_fact"] == "document:A/70/95-S/2015/446"  # what the sentence tells of: the panel's report
    assert "Paragraph 6" in run(a.ActionSource(), "where does it say that?", matcher, "ask_source", **slots)[0]
    _, slots = run(a.ActionAnswer(), "哪些特派团设立了受害人权利高级干事？", matcher)
    text, _ = run(a.ActionAnswer(), "这些干事具体负责什么？", matcher, **slots)
    assert "联络人" in text and "（第49段）" in text


def test_a_detail_with_a_fact_of_its_own_gets_the_fact_and_an_ellipsis_no_sentence(matcher):
    _, slots = run(a.ActionAnswer(), "What does the trust fund for victims of sexual exploitation and abuse support?", matcher)
    text, slots = run(a.ActionAnswer(), "What was its budget in 2022/23?", matcher, **slots)
    assert "1,736,145" in text and slots["last_fact"].startswith("statistic:")
    _, slots = run(a.ActionAnswer(), "What share of heads of civilian-led missions were women as of July 2023?", matcher)
    text, _ = run(a.ActionFollowup(), "And deputy heads?", matcher, "ask_followup", **slots)
    assert "33%" in text and "(para. 30)" in text


def test_a_followup_keeps_the_report_things_it_names_and_a_sentence_keeps_its_subject(matcher):
    _, slots = run(a.ActionAnswer(), "Which A4P+ priority deals with the safety and security of peacekeepers?", matcher)
    text, _ = run(a.ActionFollowup(), "And what is priority 5 about?", matcher, "ask_followup", **slots)
    assert "priority 5" in text and "ccountability" in text
    _, slots = run(a.ActionAnswer(), "Which independent panels does the report cite?", matcher)
    text, slots = run(a.ActionAnswer(), "Who chaired the one from 2000?", matcher, **slots)
    assert "Brahimi" in text
    text, _ = run(a.ActionFollowup(), "And which document is its report?", matcher, "ask_followup", **slots)
    assert text.startswith("A/55/305")


def test_under_which_resolutions_after_an_answer_names_each_of_them(matcher):
    _, slots = run(a.ActionAnswer(), "What support has UNIFIL given the Lebanese Armed Forces?", matcher)
    text, _ = run(a.ActionAnswer(), "Under which resolutions?", matcher, **slots)
    assert "resolution 2591" in text and "resolution 2650" in text


def test_a_pronoun_date_is_the_last_answers_and_a_mission_detail_its_own_sentence(matcher):
    _, slots = run(
        a.ActionAnswer(), "Which resolution does the SG cite on planning exit strategies and transitions from the start?", matcher
    )
    text, _ = run(a.ActionAnswer(), "What year is it from?", matcher, **slots)
    assert "2594 (2021)" in text
    _, slots = run(a.ActionAnswer(), "How many personnel were deployed in peacekeeping as of June 2023?", matcher)
    text, _ = run(a.ActionFollowup(), "And how many were there in 2020?", matcher, "ask_followup", **slots)
    assert text.startswith("The report does not give")
    _, slots = run(a.ActionAnswer(), "What happened in Tambura in 2021?", matcher)
    text, _ = run(a.ActionAnswer(), "What did the mission's police do?", matcher, **slots)
    assert "national police" in text and "(para. 8)" in text


def test_a_detail_another_fact_holds_more_of_is_that_fact(matcher):
    _, slots = run(a.ActionAnswer(), "What is CPAS?", matcher)
    text, slots = run(a.ActionAnswer(), "How many data points does it hold?", matcher, **slots)
    assert "35,000" in text and "(para. 65)" in text
    text, _ = run(a.ActionFollowup(), "And how many impact assessments has it made possible?", matcher, "ask_followup", **slots)
    assert "50" in text and "(para. 65)" in text


def test_a_question_taken_for_small_talk_or_for_more_asks_about_the_last_answer(matcher):
    _, slots = run(a.ActionAnswer(), "Who writes to troop- and police-contributing countries about capability gaps?", matcher)
    text, _ = run(a.ActionSmallTalk(), "How often?", matcher, intent="greet", **slots)
    assert "quarterly" in text and "(para. 70)" in text
    _, slots = run(a.ActionAnswer(), "Which policy brief does the report cite on what missions can deliver?", matcher)
    text, _ = run(a.ActionSmallTalk(), "symbol please", matcher, intent="goodbye", **slots)
    assert text.startswith("A/77/CRP.1/Add.8") and "(paras. 4," in text
    _, slots = run(a.ActionAnswer(), "Where's the 2023 Peacekeeping Ministerial being held?", matcher)
    text, _ = run(a.ActionMore(), "On what dates?", matcher, intent="ask_more", **slots)
    assert text.startswith("The report does not give the exact date.")


def test_a_detail_the_report_never_gives_is_declined_and_one_its_paragraph_tells_is_answered(matcher):
    _, slots = run(a.ActionAnswer(), "What happened in Aqibiyah?", matcher)
    text, _ = run(a.ActionAnswer(), "Which country was the peacekeeper who died from?", matcher, **slots)
    assert text.startswith("The report does not give the nationality")
    _, slots = run(a.ActionAnswer(), "How many Secretary-General reports has CPAS data fed into?", matcher)
    text, _ = run(a.ActionFollowup(), "And factsheets?", matcher, "ask_followup", **slots)
    assert "18" in text and text.endswith("(para. 19).")


def test_a_question_of_its_own_taken_for_asking_the_source_does_not_lean_on_the_last_one(matcher):
    _, slots = run(a.ActionAnswer(), "How many pledges were in the PCRS at the start of 2022/23?", matcher)
    text, _ = run(a.ActionSource(), "Where did the Aqibiyah attack happen?", matcher, "ask_source", **slots)
    assert "Lebanon" in text and not text.startswith("The report does not")


def test_years_that_date_a_follow_up_are_no_figure_it_states(matcher):
    # (dev102) the years only date what it asks, so it still asks what the pledges did not tell
    _, slots = run(a.ActionAnswer(), "How many pledges were in the PCRS at the start of FY 2022/23?", matcher)
    text, _ = run(a.ActionAnswer(), "what about units generated from Jan 2022 to Apr 2023?", matcher, **slots)
    assert "21" in text and "(para. 27)" in text


def test_a_question_taken_for_stopping_a_quiz_that_is_not_running_is_answered(matcher):
    _, slots = run(a.ActionAnswer(), "中非共和国的夜间飞行限制实施了多久？", matcher)
    text, _ = run(a.ActionQuizStop(), "后来取消了吗？", matcher, intent="stop_quiz", **slots)
    assert "取消" in text and "（第57段）" in text
    text, _ = run(a.ActionQuizStop(), "stop the quiz?", matcher, intent="stop_quiz", **slots)
    assert text.startswith("There is no quiz running")


def test_a4p_plus_is_not_a4p_and_a_year_of_a_document_is_no_figure_for_it(matcher):
    _, slots = run(a.ActionAnswer(), "“以行动促维和”是哪年启动的？", matcher)
    text, _ = run(a.ActionFollowup(), "那“以行动促维和+”呢？", matcher, "ask_followup", **slots)
    assert "2021" in text and "（第2段）" in text
    _, slots = run(a.ActionAnswer(), "How did the share of sites meeting minimum wastewater risk standards change?", matcher)
    text, _ = run(a.ActionFollowup(), "What was it back in 2016?", matcher, "ask_followup", **slots)
    assert text.startswith("The report does not give a figure for 2016.")


def test_the_mission_is_the_last_one_and_a_sentence_in_the_last_paragraph_answers(matcher):
    _, slots = run(a.ActionAnswer(), "Which resolution set the MINUSMA withdrawal?", matcher)
    text, _ = run(a.ActionAnswer(), "By what date does the mission have to be out?", matcher, intent="list_missions", **slots)
    assert "31 December 2023" in text and "(para. 36)" in text
    _, slots = run(a.ActionAnswer(), "What are engagement platoons?", matcher)
    text, _ = run(a.ActionAnswer(), "Why does it help to have both men and women on patrol?", matcher, **slots)
    assert text.startswith("Women and men peacekeepers may detect different signals")


def test_a_follow_up_asking_one_country_of_a_figure_for_three_is_declined(matcher):
    _, slots = run(a.ActionAnswer(), "How many people have been convicted for killing peacekeepers since 2019?", matcher)
    text, _ = run(a.ActionAnswer(), "how many of those were in Mali alone?", matcher, intent="out_of_scope", **slots)
    assert text.startswith("The report does not give that for Mali.")


def test_follow_ups_naming_the_last_answers_mission_kind_or_group(matcher):
    _, slots = run(a.ActionAnswer(), "Which missions ran CASEVAC stress tests in 2022 and 2023?", matcher)
    text, _ = run(a.ActionAnswer(), "When is UNMISS due to run one?", matcher, **slots)
    assert "September 2023" in text and "(para. 41)" in text
    _, slots = run(a.ActionAnswer(), "How many statements of unit requirements were revised?", matcher)
    text, _ = run(a.ActionList(), "For which missions?", matcher, intent="list_missions", **slots)
    assert all(m in text for m in ("MINUSMA", "MONUSCO", "MINUSCA")) and "UNIFIL" not in text
    _, slots = run(a.ActionAnswer(), "Which review on explosive ordnance threats is being implemented?", matcher)
    text, _ = run(a.ActionAnswer(), "Document number?", matcher, **slots)
    assert text.startswith("S/2021/1042")
    _, slots = run(a.ActionAnswer(), "How many uniformed peacekeepers have been killed by malicious acts since 1948?", matcher)
    text, _ = run(a.ActionAnswer(), "How many of those were police officers?", matcher, **slots)
    assert text.startswith("The report does not") and "14" not in text.splitlines()[0]


def test_the_year_before_re_asks_for_the_year_or_budget_year_before(matcher):
    _, slots = run(a.ActionAnswer(), "What was the victims' trust fund budget in 2022/23?", matcher)
    text, _ = run(a.ActionFollowup(), "And the year before?", matcher, "ask_followup", **slots)
    assert text.startswith("The report does not give a figure for the 2021/22 budget year.")
    _, slots = run(a.ActionAnswer(), "联黎部队和黎巴嫩武装部队的联合巡逻在2023年占多少？", matcher)
    text, _ = run(a.ActionFollowup(), "那前一年呢？", matcher, "ask_followup", **slots)
    assert text.startswith("报告没有给出2022年的数字。")
    _, slots = run(a.ActionAnswer(), "Which missions ran CASEVAC stress tests?", matcher)
    text, _ = run(a.ActionFollowup(), "And the year before?", matcher, "ask_followup", **slots)
    assert text.startswith("The report does not give an answer to that.")


def test_what_something_cost_needs_a_figure_in_dollars(matcher):
    _, slots = run(a.ActionAnswer(), "How many women-only accommodation blocks did UNIFIL get?", matcher)
    text, _ = run(a.ActionAnswer(), "What did they cost?", matcher, intent="nlu_fallback", **slots)
    assert text.startswith("The report does not give budget figures")
    text, _ = run(
        a.ActionAnswer(), "In the 2022/23 budget year, how many people got direct support from the trust fund?", matcher
    )
    assert "1,224" in text  # a budget year asks no budget


def test_no_request_for_more_the_classifier_learnt_asks_something_specific():
    import yaml

    from actions.question import analyse

    for lang in ("en", "zh"):
        nlu = yaml.safe_load(open(f"data/nlu/{lang}.yml", encoding="utf-8"))["nlu"]
        examples = [line[2:] for item in nlu if item.get("intent") == "ask_more" for line in item["examples"].splitlines()]
        assert examples and not any(analyse(e, []).asks in a.SPECIFIC for e in examples)
    assert analyse("On what dates?", []).asks in a.SPECIFIC


def test_a_correction_drops_what_it_did_not_mean_and_the_present_drops_the_years(matcher):
    _, slots = run(a.ActionAnswer(), "how are military units in missions evaluated?", matcher)
    text, _ = run(a.ActionAnswer(), "sorry, I meant the police, not the military", matcher, **slots)
    assert "formed police units" in text and "quarterly" in text and "(para. 69)" in text
    _, slots = run(a.ActionAnswer(), "what were greenhouse gas emissions per person at the 2019-20 baseline?", matcher)
    text, _ = run(a.ActionAnswer(), "no, I meant the current figure", matcher, **slots)
    assert "7.3" in text and text.endswith("(para. 51).")


def test_a_turn_pointing_at_the_last_answer_asks_of_it_whatever_the_classifier_guessed(matcher):
    _, slots = run(a.ActionAnswer(), "what does the report say about women in the nairobi process?", matcher)
    text, _ = run(a.ActionList(), "which mission supported that?", matcher, "list_missions", **slots)
    assert "MONUSCO" in text and not text.startswith("The report names these missions")
    _, slots = run(a.ActionAnswer(), "tell me about the unite aware platform", matcher)
    text, _ = run(a.ActionFollowup(), "where was it piloted?", matcher, "ask_followup", **slots)
    assert "UNFICYP" in text and "(para. 60)" in text


def test_a_new_question_announced_in_abbreviations_is_not_read_with_the_last(matcher):
    _, slots = run(a.ActionAnswer(), "how often are fpus evaluated", matcher)
    asked = "ok diff q, how many integrated performance feedback sessions w tccs/pccs happen per year?"
    text, _ = run(a.ActionAnswer(), asked, matcher, **slots)
    assert text.startswith("About seven integrated performance feedback sessions") and "(para. 70)" in text


def test_typed_without_capitals_a_question_names_what_it_would_with_them(matcher):
    _, slots = run(a.ActionAnswer(), "how many convictions since 2019 for killing peacekeepers?", matcher)
    text, _ = run(a.ActionAnswer(), "how many of those were in mali alone?", matcher, **slots)
    assert text.startswith("The report does not give that for Mali")
    text, _ = run(a.ActionAnswer(), "when must minusma leave mali?", matcher)
    assert "31 December 2023" in text and "(para. 36)" in text
    _, slots = run(a.ActionAnswer(), "where is the 2023 peacekeeping ministerial?", matcher)
    text, _ = run(a.ActionAnswer(), "what's the weather like there in december?", matcher, **slots)
    assert text.startswith("The report does not give the weather")


def test_a_persons_name_asked_of_the_last_answer_is_declined_when_its_paragraph_names_none(matcher):
    _, slots = run(a.ActionAnswer(), "Which missions have senior victims' rights officers?", matcher)
    text, _ = run(a.ActionAnswer(), "who is the one in UNMISS? name pls", matcher, **slots)
    assert text.startswith("The report does not name that person")
    # a role behind a mission's name, and a possessive "s" that every "victims' " held
    text, _ = run(a.ActionAnswer(), "who is minusca's current police commissioner?", matcher)
    assert text.startswith("The report does not name that person")


def test_the_earlier_figure_of_a_change_is_the_last_answers(matcher):
    _, slots = run(a.ActionAnswer(), "env strategy - how much ghg per person per yr now?", matcher)
    text, _ = run(a.ActionAnswer(), "what was it at the baseline?", matcher, **slots)
    assert "7.5" in text and text.endswith("(para. 51).")
    text, _ = run(a.ActionAnswer(), "from what baseline?", matcher, **slots)
    assert "7.5" in text and text.endswith("(para. 51).")


def test_a_contraction_typed_without_its_apostrophe_is_no_typo(matcher):
    text, _ = run(a.ActionAnswer(), "theres a mental health strategy being developed?", matcher)
    assert "mental health strategy" in text and "(para. 43)" in text


def test_a_year_asked_again_of_a_figure_and_a_correction_saying_a_whole_question(matcher):
    _, slots = run(a.ActionAnswer(), "Uniformed peacekeepers killed by malicious acts since 2013?", matcher)
    text, _ = run(a.ActionFollowup(), "and in 2019 alone?", matcher, "ask_followup", **slots)
    assert text.startswith("The report does not give a figure for 2019")
    _, slots = run(a.ActionAnswer(), "How many of the 14 heads or deputy heads of police components are women?", matcher)
    text, _ = run(
        a.ActionAnswer(),
        "sorry, wrong number: I meant the share of all senior leadership positions held by women across the 12 operations",
        matcher,
        **slots,
    )
    assert "29%" in text and text.endswith("(para. 30).")


def test_that_missions_country_its_other_report_and_a_terse_correction(matcher):
    asked = "which mission is scheduled to run a casualty evacuation stress test in September 2023?"
    _, slots = run(a.ActionAnswer(), asked, matcher)
    text, _ = run(a.ActionAnswer(), "And that mission is deployed in which country?", matcher, **slots)
    assert "South Sudan" in text
    _, slots = run(a.ActionAnswer(), "How is the transition in the DRC being handled?", matcher)
    text, _ = run(a.ActionAnswer(), "Which report of the Secretary-General is cited for that?", matcher, **slots)
    assert text.startswith("S/2023/451")
    _, slots = run(a.ActionAnswer(), "civ-led pkos: % women heads as of jul 23", matcher)
    text, _ = run(a.ActionAnswer(), "sry, meant deputies", matcher, **slots)
    assert "33%" in text and "deputy heads" in text


def test_a_measure_asked_of_one_thing_is_not_answered_by_anothers(matcher):
    text, _ = run(a.ActionAnswer(), "what's the budget of the environment strategy?", matcher)
    assert text.startswith("The report does not give budget figures")
    text, _ = run(a.ActionAnswer(), "what is the trust fund's budget?", matcher)
    assert "1,736,145" in text and "(para. 49)" in text


def test_a_turn_asking_again_what_the_last_asked_asks_it_of_something_else(matcher):
    _, slots = run(
        a.ActionAnswer(), "How many people got direct support from the trust fund for SEA victims in 2022/23?", matcher
    )
    text, _ = run(a.ActionAnswer(), "How many projects was that spread over, and in how many countries?", matcher, **slots)
    assert "six projects in five countries" in text and text.endswith("(para. 49).")
    _, slots = run(a.ActionAnswer(), "Who chaired the 2000 Panel on United Nations Peace Operations?", matcher)
    text, _ = run(a.ActionAnswer(), "And the high-level panel fifteen years later, who chaired that one?", matcher, **slots)
    assert text.startswith("Fifteen years later") and "Ramos-Horta" in text and "Paragraph 6" not in text


def test_the_language_asked_for_is_the_one_after_in_and_a_rejection_opens_a_correction(matcher):
    _, slots = run(
        a.ActionAnswer(), "How many uniformed peacekeepers have lost their lives to malicious acts since 1948?", matcher
    )
    asked = "Could you give me that in Chinese? My colleague reads Chinese better than English."
    text, slots = run(a.ActionSetLanguage(), asked, matcher, "set_language", **slots)
    assert slots["reply_language"] == "zh" and "1 067" in text and "（第44段）" in text
    _, slots = run(
        a.ActionAnswer(), "Which resolutions does the report cite for UNIFIL's non-lethal support to the army?", matcher
    )
    correction = "no, not those, the resolution about planning exit strategies and transitions from the start of a mission"
    text, _ = run(a.ActionAnswer(), correction, matcher, **slots)
    assert text.startswith("S/RES/2594 (2021)")


def test_what_a_year_dates_is_not_the_year_asked_and_a_figure_word_is_no_subject(matcher):
    asked = "the transition roadmaps the SG introduced in 2019 - in how many mission settings have they been articulated?"
    text, _ = run(a.ActionAnswer(), asked, matcher)
    assert "eight mission settings" in text and "(para. 22)" in text
    text, _ = run(a.ActionAnswer(), "How many UN experts were killed in the DRC in 2017?", matcher)
    assert "two United Nations experts" in text and "(para. 44)" in text
    _, slots = run(a.ActionAnswer(), "greenhouse gas emissions per peacekeeper - what was the baseline?", matcher)
    text, _ = run(a.ActionFollowup(), "and the latest figure?", matcher, "ask_followup", **slots)
    assert "7.3" in text and "(para. 51)" in text


def test_a_numbered_name_is_no_stated_figure_and_a_correction_drops_what_it_did_not_mean(matcher):
    text, _ = run(a.ActionAnswer(), "mental helth specialists in lvl 2 hosps - how many per msn", matcher)
    assert "up to two per mission" in text and "(para. 43)" in text
    _, slots = run(a.ActionAnswer(), "How many unique users mentioned the campaign hashtag in May 2023?", matcher)
    correction = "no wait, I meant interactions on UN peacekeeping social media that month, not users"
    text, _ = run(a.ActionAnswer(), correction, matcher, **slots)
    assert "158,500" in text and "(para. 52)" in text


def test_and_last_year_asks_the_last_figure_for_the_year_before(matcher):
    _, slots = run(a.ActionAnswer(), "hashtag mentions in May 2023?", matcher)
    text, _ = run(a.ActionFollowup(), "and last year?", matcher, "ask_followup", **slots)
    assert "3,300" in text and "(para. 52)" in text


def test_a_new_topic_asks_what_follows_its_marker_and_money_as_a_means_is_no_budget_asked(matcher):
    _, slots = run(a.ActionAnswer(), "What's the recent trend in peacekeeper fatalities from malicious acts?", matcher)
    asked = "OK, separate question: what academy was set up as part of the Secretariat's peacekeeping intelligence work?"
    text, _ = run(a.ActionAnswer(), asked, matcher, **slots)
    assert not text.startswith("The report does not") and "Academy" in text and "(para. 59)" in text
    text, _ = run(a.ActionAnswer(), "which missions completed pilot projects with Elsie money?", matcher)
    assert all(m in text for m in ("MINUSCA", "MINUSMA", "MONUSCO", "UNISFA")) and "(para. 32)" in text


def test_who_lost_their_lives_asks_no_name(matcher):
    asked = "the SG pays tribute to peacekeepers who lost their lives over how many years?"
    text, _ = run(a.ActionAnswer(), asked, matcher)
    assert "75 years" in text and "(para. 80)" in text


def test_the_panel_fifteen_years_later_and_an_answer_asked_in_chinese_within_the_question(matcher):
    _, slots = run(a.ActionAnswer(), "who chaired the panel on UN peace operations in 2000?", matcher)
    asked = "and the high-level independent panel fifteen years later? answer in Chinese pls"
    text, slots2 = run(a.ActionFollowup(), asked, matcher, "ask_followup", **slots)
    assert "拉莫斯-奥尔塔" in text and "（第6段）" in text and slots2["reply_language"] == "zh"
    _, slots = run(a.ActionAnswer(), "Who chaired the 2015 High-Level Independent Panel on Peace Operations?", matcher)
    text, _ = run(a.ActionAnswer(), "sorry, I meant the 2000 panel", matcher, **slots)
    assert "Brahimi" in text and "Ramos-Horta" not in text


def test_a_language_asked_before_or_after_the_question_or_by_the_name_in_it(matcher):
    for asked in (
        "in Chinese please: which initiative's fund supported UNIFIL's women-only accommodation?",
        "ok pause. in Chinese please: which initiative's fund supported UNIFIL's women-only accommodation?",
        "which initiative's fund supported UNIFIL's women-only accommodation? chinese pls",
    ):
        text, slots = run(a.ActionAnswer(), asked, matcher)
        assert "埃尔西" in text and "（第32段）" in text and slots["reply_language"] == "zh", asked
    _, slots = run(a.ActionAnswer(), "what was the global advocacy campaign the secretariat launched in 2023?", matcher)
    text, slots = run(a.ActionAnswer(), "中文名称是什么？", matcher, "help", **slots)
    assert "和平从我开始" in text and "（第52段）" in text and slots["reply_language"] == "zh"


def test_names_the_report_does_not_give_are_declined_in_talk(matcher):
    _, slots = run(a.ActionAnswer(), "how many member states said their law recognises DNA for paternity?", matcher)
    text, _ = run(a.ActionAnswer(), "can you list those member states?", matcher, **slots)
    assert text.startswith("The report does not")
    _, slots = run(a.ActionAnswer(), "when did the SG launch the transition roadmaps?", matcher)
    text, _ = run(a.ActionAnswer(), "ok, name the eight mission settings where they were articulated", matcher, **slots)
    assert text.startswith("The report does not")
    slots = {
        "last_query": "it launched mobile training teams? what's the light coordination mechanism?",
        "last_fact": "paragraph:28",
    }
    text, _ = run(a.ActionAnswer(), "which member state provided those teams?", matcher, **slots)
    assert text.startswith("The report does not") and "(para. 53)" not in text
    _, slots = run(a.ActionAnswer(), "who was the 2022 military gender advocate of the year?", matcher)
    text, _ = run(a.ActionAnswer(), "which country is Capt. Erzuah from?", matcher, **slots)
    assert text.startswith("The report does not")
    _, slots = run(a.ActionAnswer(), "who chaired the 2000 panel on peace operations?", matcher)
    text, _ = run(a.ActionAnswer(), "no, I meant who currently heads the Department of Peace Operations?", matcher, **slots)
    assert text.startswith("The report does not name")
    text, _ = run(a.ActionAnswer(), "who currently heads DPO? I need the USG's name", matcher)
    assert text.startswith("The report does not name")


def test_a_background_is_declined_and_an_office_named_is_no_leader(matcher):
    _, slots = run(a.ActionAnswer(), "who led the 2000 panel on united nations peace operations", matcher)
    text, _ = run(
        a.ActionAnswer(), "what was brahimi's job before he chaired it? i need some background on him", matcher, **slots
    )
    assert text.startswith("The report does not give the background")
    text, _ = run(a.ActionAnswer(), "who is the Elsie initiative named after?", matcher)
    assert text.startswith("The report does not give the background")
    _, slots = run(a.ActionAnswer(), "what led to the closure of some temporary operating bases?", matcher)
    text, _ = run(a.ActionAnswer(), "who runs those reviews? full name of the office", matcher, **slots)
    assert "Office for Peacekeeping Strategic Partnership" in text and "(para. 66)" in text


def test_a_measure_the_last_answer_never_counts_and_names_typed_in_lower_case(matcher):
    _, slots = run(a.ActionAnswer(), "Which missions completed pilot projects with Elsie Initiative funding?", matcher)
    text, _ = run(a.ActionAnswer(), "how much funding did each of them get?", matcher, **slots)
    assert text.startswith("The report does not give budget figures") and "1,736,145" not in text
    _, slots = run(a.ActionAnswer(), "When must MINUSMA leave Mali?", matcher)
    text, _ = run(a.ActionAnswer(), "what's the budget for the drawdown?", matcher, **slots)
    assert text.startswith("The report does not give budget figures")
    for asked in ("how many ppl convicted since 2019 in CAR, DRC and mali?", "hw many convicted in car drc n mali since 2019??"):
        text, slots = run(a.ActionAnswer(), asked, matcher)
        assert "71" in text and "(para. 44)" in text, asked
    text, _ = run(a.ActionAnswer(), "and between 2013 and 2019, how many in those 3 countries?", matcher, **slots)
    assert "zero convictions" in text and "(para. 44)" in text
    text, _ = run(a.ActionAnswer(), "how many of those were in mali?", matcher, **slots)
    assert text.startswith("The report does not give that for Mali")
    text, _ = run(a.ActionAnswer(), "马里稳定团什么时候必须撤出？依据哪项决议？", matcher)
    assert "2690" in text and "2023年12月31日" in text and "（第36段）" in text


def test_a_bare_how_after_a_verb_asks_it_of_the_last_answer(matcher):
    _, slots = run(a.ActionAnswer(), "SG renews a call for new generation peace enforcement and CT ops led by whom?", matcher)
    text, slots = run(a.ActionAnswer(), "funded how?", matcher, **slots)
    assert "assessed contributions" in text and "(para. 79)" in text and "1,736,145" not in text


def test_a_rate_reached_what_and_a_document_named_with_its_year(matcher):
    slots = {
        "last_query": "Nairobi process: how many civil society organisations were involved?",
        "last_fact": "statistic:monusco-civil-society-organizations-nairobi-process",
        "last_mission": "MONUSCO",
    }
    text, _ = run(
        a.ActionFollowup(), "and the women's participation rate among them reached what?", matcher, "ask_followup", **slots
    )
    assert "40%" in text and "(para. 61)" in text
    asked = "the 2023 strategic review of strategic communications - what's the document symbol?"
    text, _ = run(a.ActionAnswer(), asked, matcher, last_query="what did UNIFIL do to counter it?")
    assert text.startswith("S/2023/282")


def test_a_bare_date_question_asks_it_of_the_last_answer_and_that_ones_report_is_its_own(matcher):
    _, slots = run(a.ActionAnswer(), "How many peacekeepers are deployed, according to the report?", matcher)
    for asked in ("As of which month?", "startin when?"):
        text, _ = run(a.ActionAnswer(), asked, matcher, **slots)
        assert "As of June 2023" in text and "(para. 3)" in text
    text, _ = run(a.ActionAnswer(), "Lessons from which mission were fed into the new integrated camp defence policy?", matcher)
    assert "MINUSMA" in text and "(para. 40)" in text
    slots = {"last_query": "the panel fifteen years later?", "last_fact": "document:A/70/95-S/2015/446"}
    text, _ = run(a.ActionAnswer(), "what's the doc symbol for that one's report?", matcher, **slots)
    assert text.startswith("A/70/95-S/2015/446")


def test_it_that_mentions_is_the_report(matcher):
    asked = "I need examples of gender initiatives in the field for a training module. What does the report highlight?"
    _, slots = run(a.ActionAnswer(), asked, matcher)
    text, _ = run(a.ActionAnswer(), "Who was the military gender advocate it mentions?", matcher, **slots)
    assert "Cecilia Erzuah" in text and "(para. 31)" in text


def test_a_figure_for_another_year_or_budget_year_is_declined_and_a_category_left_unsaid_may_go(matcher):
    _, slots = run(a.ActionAnswer(), "What percentage of heads of civilian-led peacekeeping operations are women?", matcher)
    _, slots = run(a.ActionFollowup(), "And deputies?", matcher, "ask_followup", **slots)
    text, _ = run(a.ActionAnswer(), "What was that figure back in 2018?", matcher, **slots)
    assert text.startswith("The report does not give a figure for 2018")
    _, slots = run(a.ActionAnswer(), "sea victims trust fund 22/23 budget?", matcher)
    text, _ = run(a.ActionAnswer(), "how much for 23/24", matcher, **slots)
    assert text.startswith("The report does not") and "1,736,145" not in text.split("\n")[0]
    _, slots = run(
        a.ActionAnswer(), "What total does the report give for uniformed peacekeepers killed by malicious acts?", matcher
    )
    text, _ = run(a.ActionAnswer(), "And how many people have been convicted for those killings since 2019?", matcher, **slots)
    assert "71 people" in text and "(para. 44)" in text


def test_back_to_english_inside_a_question(matcher):
    _, slots = run(a.ActionAnswer(), "What gender quota did MINUSCA help achieve in CAR?", matcher)
    _, slots = run(a.ActionSetLanguage(), "请用中文回答", matcher, "set_language", **slots)
    text, slots = run(a.ActionAnswer(), "ok back to English - what bodies was that quota for?", matcher, **slots)
    assert "peace and reconciliation committees" in text and slots["reply_language"] == "en"


def test_a_year_naming_a_thing_is_no_year_asked_and_a_figure_asked_is_what_an_ellipsis_re_asks(matcher):
    asked = "I'm preparing a briefing on the SG's 2023 report on the overall performance of peacekeeping. Who requested it?"
    text, _ = run(a.ActionAnswer(), asked, matcher)
    assert text.startswith("The Security Council requested the report") and "(para. 1)" in text
    _, slots = run(a.ActionAnswer(), "What's the name of the global campaign DPO launched in 2023?", matcher)
    _, slots = run(a.ActionAnswer(), "how many times was its hashtag mentioned in May 2023?", matcher, **slots)
    text, _ = run(a.ActionFollowup(), "and in May 2022?", matcher, "ask_followup", **slots)
    assert "3,300" in text and "(para. 52)" in text


def test_names_the_report_never_gives_of_the_last_answers_subject_are_declined(matcher):
    _, slots = run(a.ActionAnswer(), "where was unite aware piloted", matcher)
    text, _ = run(a.ActionAnswer(), "which company developed it?", matcher, **slots)
    assert text.startswith("The report does not give the names of companies")
    _, slots = run(
        a.ActionAnswer(), "What document does the report cite for the 2023 strategic review of strategic communications?", matcher
    )
    text, _ = run(a.ActionAnswer(), "Who led that review?", matcher, **slots)
    assert text.startswith("The report does not give the names of leaders")
    _, slots = run(a.ActionAnswer(), "there's a UNISFA captain mentioned in the gender section, who is she?", matcher)
    text, _ = run(a.ActionAnswer(), "where's she from?", matcher, **slots)
    assert text.startswith("The report does not give the nationality")
    text, _ = run(a.ActionAnswer(), "Who led the 2015 High-level Independent Panel on Peace Operations?", matcher)
    assert "Ramos-Horta" in text


def test_ok_so_the_real_figure_unrelated_and_a_language_asked_with_a_question_of_its_own(matcher):
    _, slots = run(a.ActionAnswer(), "women are 40% of individual uniformed personnel now, right?", matcher)
    text, _ = run(a.ActionAnswer(), "ok so what's the real figure as of May 2023", matcher, **slots)
    assert "25.6%" in text and "(para. 29)" in text
    _, slots = run(a.ActionAnswer(), "How many systemic priorities does A4P+ focus on?", matcher)
    asked = "ok, unrelated — when was the original Action for Peacekeeping initiative launched?"
    text, _ = run(a.ActionFollowup(), asked, matcher, "ask_followup", **slots)
    assert "March 2018" in text
    _, slots = run(a.ActionAnswer(), "What does the report say about the environment strategy for peace operations?", matcher)
    text, slots = run(a.ActionSetLanguage(), "能用中文说一下固体废物的数据吗？", matcher, "set_language", **slots)
    assert "39%" in text and "51%" in text and "（第51段）" in text and slots["reply_language"] == "zh"


def test_a_correction_naming_what_it_meant_then_asking_of_it(matcher):
    _, slots = run(a.ActionAnswer(), "How many people did MONUSCO protect in Djugu?", matcher)
    text, _ = run(
        a.ActionAnswer(), "no, I meant MINUSCA - how many people got humanitarian aid thanks to it in 2022?", matcher, **slots
    )
    assert "2 million" in text and "(para. 8)" in text
    _, slots = run(a.ActionAnswer(), "Did MINUSMA get its night flight ban lifted?", matcher)
    asked = "sorry, not Mali, the Central African Republic. how long had the night-flight restriction lasted there?"
    text, _ = run(a.ActionAnswer(), asked, matcher, **slots)
    assert "10 months" in text and "(para. 57)" in text
    _, slots = run(a.ActionAnswer(), "Which resolution sets the MINUSMA withdrawal deadline?", matcher)
    text, _ = run(
        a.ActionAnswer(), "no wait, I meant the resolution on accountability for crimes against peacekeepers", matcher, **slots
    )
    assert "2589" in text
    text, _ = run(a.ActionAnswer(), "no, I meant the one on accountability for crimes against peacekeepers", matcher, **slots)
    assert "2589" in text
    # asking nothing of its own, it still asks the last question of what it meant
    _, slots = run(a.ActionAnswer(), "南苏丹特派团哪个月做伤员后送压力测试？", matcher)
    text, _ = run(a.ActionAnswer(), "不对，我想问的是中非稳定团和马里稳定团，它们是什么时候做的？", matcher, **slots)
    assert "2022" in text and "（第41段）" in text


def test_how_a_thing_still_to_come_turned_out_and_a_place_a_follow_up_does_not_point_at(matcher):
    _, slots = run(a.ActionAnswer(), "what's the deadline for MINUSMA to leave mali?", matcher)
    text, _ = run(a.ActionAnswer(), "did they actually manage to finish on time?", matcher, **slots)
    assert text.startswith("The report does not say how that turned out")
    _, slots = run(a.ActionAnswer(), "联合国马里稳定团必须在什么时候之前撤出？", matcher)
    text, _ = run(a.ActionAnswer(), "他们按时撤出了吗？", matcher, **slots)
    assert text.startswith("报告没有说明后来的结果")
    _, slots = run(a.ActionAnswer(), "What did MINUSCA do in Sam Ouandja?", matcher)
    asked = "and what happened to the number of civil servants deployed around the country with its support?"
    text, _ = run(a.ActionFollowup(), asked, matcher, "ask_followup", **slots)
    assert "tripled" in text and "(para. 15)" in text


def test_a_place_is_named_whole_and_an_ellipsis_naming_another_place_asks_the_last_paragraph(matcher):
    _, slots = run(a.ActionAnswer(), "Does the report mention Darfur at all?", matcher)
    text, _ = run(a.ActionAnswer(), "what did Sudan set up in that context?", matcher, **slots)
    assert "liaison" in text and "South Sudan" not in text and "(para. 24)" in text
    _, slots = run(a.ActionAnswer(), "whats the women quota for local peace and reconciliation committees in CAR?", matcher)
    text, _ = run(a.ActionFollowup(), "and what about the DRC?", matcher, "ask_followup", **slots)
    assert "benchmarks" in text and "62" in text
    _, slots = run(
        a.ActionAnswer(), "How are peacekeepers fighting disinformation in the Democratic Republic of the Congo?", matcher
    )
    text, _ = run(a.ActionAnswer(), "who exactly is MONUSCO training?", matcher, **slots)
    assert "parliamentarians" in text and "(para. 53)" in text


def test_a_correction_is_no_question_of_how_things_turned_out_and_drops_the_singular_it_did_not_mean(matcher):
    _, slots = run(a.ActionAnswer(), "When is UNMISS doing its casualty evacuation stress test?", matcher)
    text, _ = run(a.ActionAnswer(), "no, I meant MINUSCA and MINUSMA - when did they do theirs?", matcher, **slots)
    assert "2022" in text and "(para. 41)" in text
    _, slots = run(a.ActionAnswer(), "What percentage of deputy heads of civilian-led missions were women in July 2023?", matcher)
    text, _ = run(a.ActionAnswer(), "sorry, I meant the heads, not the deputies", matcher, **slots)
    assert "43%" in text and "(para. 30)" in text


def test_a_head_count_asked_of_a_share_and_whether_a_test_passed_are_declined(matcher):
    _, slots = run(
        a.ActionAnswer(), "What percentage of individually deployed uniformed personnel were women as of May 2023?", matcher
    )
    text, _ = run(a.ActionAnswer(), "how many women is that in absolute numbers?", matcher, **slots)
    assert text.startswith("The report does not give") and "25.6" not in text.splitlines()[0]
    _, slots = run(a.ActionAnswer(), "Which missions ran CASEVAC stress tests?", matcher)
    text, _ = run(a.ActionAnswer(), "what were the results of MINUSMA's test, did it pass?", matcher, **slots)
    assert text.startswith("The report does not say how that turned out")


def test_asking_for_more_of_a_measure_the_report_never_gives_is_declined(matcher):
    _, slots = run(a.ActionAnswer(), "Where was Unite Aware piloted?", matcher)
    text, _ = run(a.ActionMore(), "anything more on what it cost?", matcher, "ask_more", **slots)
    assert text.startswith("The report does not give budget figures")


def test_how_a_named_thing_turned_out_a_correction_saying_wrong_and_a_mission_in_lower_case(matcher):
    _, slots = run(a.ActionAnswer(), "how many peacekeepers died from malicious acts in 2023 up to 29 August?", matcher)
    text, _ = run(a.ActionAnswer(), "did MINUSMA actually finish leaving by the deadline?", matcher, **slots)
    assert text.startswith("The report does not say how that turned out")
    # a new topic asks nothing of the last answer: "came out of" is a figure's own words here
    _, slots = run(a.ActionAnswer(), "where is the 2023 peacekeeping ministerial being held?", matcher)
    text, _ = run(a.ActionAnswer(), "what pledges were actually made there?", matcher, **slots)
    assert text.startswith("The report does not say how that turned out")
    asked = "switching topics - how many units came out of the PCRS between january 2022 and april 2023?"
    text, _ = run(a.ActionAnswer(), asked, matcher, **slots)
    assert "21" in text and "(para. 27)" in text
    # "wrong" is a quiz word ("what did I get wrong?"), not in a correction
    _, slots = run(a.ActionAnswer(), "How long did the night-flight restriction on UNMISS last?", matcher)
    text, _ = run(a.ActionQuizStart(), "wrong mission - I meant MINUSCA", matcher, "review_mistakes", **slots)
    assert "10 months" in text and "(para. 57)" in text
    text, _ = run(a.ActionAnswer(), "whats going on with minusma", matcher)
    assert "2690" in text and "(para. 36)" in text


def test_a_part_the_last_figure_already_counts_and_a_new_kind_asked_after_an_ellipsis_marker(matcher):
    _, slots = run(a.ActionAnswer(), "what are engagement platoons?", matcher)
    text, _ = run(a.ActionAnswer(), "what share of them has to be women?", matcher, **slots)
    assert "50%" in text and "(para. 31)" in text
    _, slots = run(a.ActionAnswer(), "which missions have senior victims' rights officers?", matcher)
    asked = "what about the trust fund, how many projects did it support in 2022/23?"
    text, _ = run(a.ActionFollowup(), asked, matcher, "ask_followup", **slots)
    assert "six projects" in text and "(para. 49)" in text


def test_a_follow_up_the_last_paragraph_does_not_answer_is_no_other_things_figure(matcher):
    _, slots = run(a.ActionAnswer(), "what does the report say about the demonstrations against MONUSCO?", matcher)
    text, _ = run(a.ActionAnswer(), "how many people died in those protests?", matcher, **slots)
    assert text.startswith("The report does not") and "71" not in text
    _, slots = run(a.ActionAnswer(), "what period does the peace operations environment strategy cover?", matcher)
    text, _ = run(a.ActionAnswer(), "what's the emissions target for 2030?", matcher, **slots)
    assert text.startswith("The report does not give a figure for 2030")
    _, slots = run(a.ActionAnswer(), "What is MONUSCO's transition plan?", matcher)
    text, _ = run(a.ActionAnswer(), "so when exactly will MONUSCO be gone from the DRC?", matcher, **slots)
    assert text.startswith("The report does not") and "MINUSMA" not in text.splitlines()[0]


def test_a_correction_asking_anew_a_dashed_rejection_and_what_a_source_cites(matcher):
    _, slots = run(a.ActionAnswer(), "When was A4P launched?", matcher)
    text, _ = run(a.ActionAnswer(), "no, I meant when did the Security Council ask for this report", matcher, **slots)
    assert "2022/6" in text and "(para. 1)" in text
    _, slots = run(a.ActionAnswer(), "what's the document symbol of the HIPPO report?", matcher)
    text, _ = run(a.ActionAnswer(), "sorry, not HIPPO - the Brahimi panel report", matcher, **slots)
    assert "A/55/305" in text
    _, slots = run(a.ActionAnswer(), "Why does the report call peacekeeping a unifying force?", matcher)
    text, _ = run(a.ActionAnswer(), "where does its international legitimacy come from?", matcher, **slots)
    assert "Security Council" in text and "(para. 10)" in text
    _, slots = run(a.ActionAnswer(), "How many training-of-trainers sessions did DPO run in 2022/23?", matcher)
    text, _ = run(a.ActionAnswer(), "how many trainers attended in total?", matcher, **slots)
    assert text.startswith("The report does not")
    text, _ = run(a.ActionAnswer(), "联黎部队根据哪些安理会决议向黎巴嫩武装部队提供非致命物资支助？", matcher)
    assert "2591" in text and "2650" in text
    _, slots = run(a.ActionAnswer(), "Does the report link climate change to armed violence?", matcher)
    text, _ = run(a.ActionSource(), "what source does it cite for that?", matcher, "ask_source", **slots)
    assert "A/77/CRP.1/Add.8" in text


def test_an_armed_group_asked_by_name_is_one_the_report_never_names(matcher):
    _, slots = run(a.ActionAnswer(), "What did MINUSCA do in Sam Ouandja?", matcher)
    text, _ = run(a.ActionAnswer(), "which armed group was controlling the town before that?", matcher, **slots)
    assert text.startswith("The report does not name the armed groups.")
    text, _ = run(a.ActionAnswer(), "哪些武装团体参加了内罗毕进程？", matcher)
    assert text.startswith("报告没有提到具体武装团体的名称。") and "200" in text  # the nearest passage, labelled


def test_its_budget_is_a_figure_of_the_last_answers_subject_not_anothers(matcher):
    _, slots = run(a.ActionAnswer(), "When does MINUSMA have to leave?", matcher)
    text, _ = run(a.ActionAnswer(), "whats its annual budget?", matcher, **slots)
    assert text.startswith("The report does not give budget figures") and "United Nations system" not in text
    _, slots = run(
        a.ActionAnswer(), "Tell me about the trust fund that supports victims of sexual exploitation and abuse", matcher
    )
    text, _ = run(a.ActionAnswer(), "what was its budget in 2022/23?", matcher, **slots)
    assert "1,736,145" in text and "(para. 49)" in text


def test_who_else_after_a_person_is_no_one_the_report_names_after_a_mission_the_others(matcher):
    _, slots = run(a.ActionAnswer(), "Who chaired the 2000 panel on UN peace operations?", matcher)
    text, _ = run(a.ActionAnswer(), "who else sat on that panel?", matcher, **slots)
    assert text.startswith("The report does not name anyone else.")
    _, slots = run(a.ActionAnswer(), "Did MINUSCA appoint a senior victims' rights officer?", matcher)
    text, _ = run(a.ActionFollowup(), "who else did?", matcher, "ask_followup", **slots)
    assert "MONUSCO" in text and "UNMISS" in text


def test_a_group_asked_after_a_figure_of_another_kind_and_an_exact_number_after_a_growth_are_declined(matcher):
    _, slots = run(a.ActionAnswer(), "how many peacekeepers were deployed as of June 2023?", matcher)
    text, _ = run(a.ActionFollowup(), "and for the police?", matcher, "ask_followup", **slots)
    assert text.startswith("The report does not") and "14" not in text.splitlines()[0]
    _, slots = run(
        a.ActionAnswer(), "What percentage of individually deployed uniformed personnel were women as of May 2023?", matcher
    )
    text, _ = run(a.ActionFollowup(), "and for justice and corrections?", matcher, "ask_followup", **slots)
    assert "40%" in text and "(para. 29)" in text
    _, slots = run(a.ActionAnswer(), "what did MINUSCA do in Sam Ouandja?", matcher)
    asked = "and the civil servants providing state services - what's the exact number deployed now?"
    text, _ = run(a.ActionFollowup(), asked, matcher, "ask_followup", **slots)
    assert text.startswith("The report does not") and "tripled" not in text.splitlines()[0]
    text, _ = run(a.ActionAnswer(), "how many people serve in peacekeeping missions?", matcher)
    assert "88,000" in text and "(para. 3)" in text


def test_which_resolution_which_mission_and_which_year_of_the_last_answer(matcher):
    _, slots = run(a.ActionAnswer(), "environment strategy for peace ops - improvements since baseline?", matcher)
    _, slots = run(a.ActionAnswer(), "what happens after June 2023", matcher, **slots)
    text, _ = run(a.ActionAnswer(), "which GA resolution is that under", matcher, **slots)
    assert "76/274" in text and "A/77/19" not in text  # a resolution, not the committee's report beside it
    _, slots = run(a.ActionAnswer(), "what is the secretariat doing about impunity for attacks on blue helmets?", matcher)
    text, slots = run(a.ActionAnswer(), "under which UNSC res?", matcher, **slots)
    assert "2589" in text and "(para. 44)" in text
    text, _ = run(a.ActionAnswer(), "adopted which year?", matcher, **slots)
    assert "2021" in text and "(para. 44)" in text
    _, slots = run(a.ActionAnswer(), "who's Captain Cecilia Erzuah", matcher)
    text, _ = run(a.ActionAnswer(), "她当时在哪个特派团？", matcher, **slots)
    assert "阿卜耶伊" in text and "第31" in text
    _, slots = run(a.ActionAnswer(), "which mission closed before the resident coordinator office was strengthened?", matcher)
    text, _ = run(a.ActionAnswer(), "and which country was it in?", matcher, **slots)  # its host (dev136)
    assert "Liberia" in text and "(para. 23)" in text
    _, slots = run(a.ActionAnswer(), "trust fund for SEA victims 2022/23, how many people got direct support", matcher)
    text, _ = run(a.ActionAnswer(), "预算是多少？", matcher, **slots)
    assert "1 736 145" in text or "1,736,145" in text


def test_they_stay_the_last_answers_mission_and_the_thing_it_named(matcher):
    _, slots = run(a.ActionAnswer(), "tell me about MONUSCO protecting IDPs in Ituri", matcher)
    text, _ = run(a.ActionAnswer(), "and how many IDPs do they protect there", matcher, **slots)
    assert "100,000" in text and "2 million" not in text
    _, slots = run(a.ActionAnswer(), "unite aware was piloted in which mission?", matcher)
    text, _ = run(a.ActionAnswer(), "what year did the pilot start", matcher, **slots)
    assert text.startswith("The report does not")  # not the year another campaign was launched
    _, slots = run(a.ActionAnswer(), "the unmiss casualty evacuation stress test is in sept 2023 right", matcher)
    text, _ = run(a.ActionAnswer(), "what were the results of it?", matcher, **slots)
    assert text.startswith("The report does not")


def test_what_a_named_mission_stands_for_and_a_question_followed_by_why_it_is_asked(matcher):
    _, slots = run(a.ActionAnswer(), "where was unite aware piloted?", matcher)
    text, _ = run(a.ActionFollowup(), "what does UNFICYP stand for?", matcher, "ask_followup", **slots)
    assert "United Nations Peacekeeping Force in Cyprus" in text
    _, slots = run(a.ActionAnswer(), "how is MONUSCO's transition being organised with the national authorities?", matcher)
    asked = "which SG report does the report cite for that? i need the symbol for my bibliography"
    text, _ = run(a.ActionAnswer(), asked, matcher, **slots)
    assert "S/2023/451" in text
    text, _ = run(a.ActionAnswer(), "where was Unite Aware first piloted?", matcher)
    assert "UNFICYP" in text and "Cyprus" in text  # where, not only an acronym
    _, slots = run(a.ActionAnswer(), "how many units were verified for rapid deployment", matcher)
    text, _ = run(
        a.ActionFollowup(), "and what share of those were actually deployed to missions?", matcher, "ask_followup", **slots
    )
    assert "4 rapid deployment" in text and "25.6%" not in text  # "Of the 13 ..., 4": a part of a whole


def test_two_questions_in_one_turn_are_both_answered(matcher):
    _, slots = run(a.ActionAnswer(), "What does the Trust Fund in Support of Victims of SEA do?", matcher)
    asked = "In 2022/23, how many people got direct support from it and what was the budget?"
    text, _ = run(a.ActionAnswer(), asked, matcher, **slots)
    assert "1,224" in text and "1,736,145" in text and not text.startswith("The report does not")
    _, slots = run(a.ActionAnswer(), "environmental footprint of missions - whats the wastewater indicator?", matcher)
    text, _ = run(a.ActionAnswer(), "what was the baseline figure and what is it now?", matcher, **slots)
    assert "66%" in text and "72%" in text


def test_an_ellipsis_keeps_what_the_last_figure_was_of(matcher):
    said = "So in 2022 MINUSCA's protective presence helped almost 2 million people receive humanitarian assistance."
    _, slots = run(a.ActionAnswer(), said, matcher)
    text, _ = run(a.ActionFollowup(), "what about 2021?", matcher, "ask_followup", **slots)
    assert text.startswith("The report does not") and "Tambura" not in text  # not another mission's 2021
    _, slots = run(a.ActionAnswer(), "So 71 people have been convicted since 2019 in CAR, the DRC and Mali.", matcher)
    text, _ = run(a.ActionFollowup(), "And in South Sudan?", matcher, "ask_followup", **slots)
    assert text.startswith("The report does not") and "survey" not in text, text
    _, slots = run(a.ActionAnswer(), "over 88,000 personnel were deployed as of June 2023", matcher)
    text, _ = run(a.ActionAnswer(), "how many of those are women?", matcher, **slots)
    assert text.startswith("The report does not")
    _, slots = run(a.ActionAnswer(), "malicious acts killed 21 uniformed peacekeepers jan-aug 2022 per figure II", matcher)
    text, _ = run(a.ActionFollowup(), "what about 2019?", matcher, "ask_followup", **slots)
    assert text.startswith("The report does not give a figure for 2019")


def test_why_someone_asked_is_declined_when_the_report_gives_no_cause(matcher):
    text, _ = run(a.ActionAnswer(), "why did mali ask minusma to leave?", matcher)
    assert text.startswith("The report does not say why.") and "(para. 4)" in text
    text, _ = run(a.ActionAnswer(), "马里过渡政府为什么要求马里稳定团撤出？", matcher)
    assert text.startswith("报告没有说明原因。")
    _, slots = run(a.ActionAnswer(), "UNIFIL non-lethal material support to the LAF is under which resolutions?", matcher)
    text, _ = run(a.ActionFollowup(), "why did the LAF need it in the first place?", matcher, "ask_followup", **slots)
    assert "economic crisis" in text


def test_the_source_of_an_answer_lists_the_documents_its_paragraph_cites(matcher):
    _, slots = run(a.ActionAnswer(), "strategic comms review 2023", matcher)
    text, _ = run(a.ActionSource(), "source?", matcher, "ask_source", **slots)
    assert "(para. 54)" in text and "It cites:" in text and "S/2023/282" in text
    _, slots = run(a.ActionAnswer(), "minusma exit deadline", matcher)
    text, _ = run(a.ActionFollowup(), "res?", matcher, "nlu_fallback", **slots)
    assert "2690" in text and "2591" not in text  # the kind alone asks it of the last answer


def test_a_turn_asks_what_its_words_ask_and_no_more(matcher):
    _, slots = run(a.ActionAnswer(), "7 deaths in 2023 through 29 August, right?", matcher)
    text, _ = run(a.ActionAnswer(), "what was the full-year death total for 2021?", matcher, **slots)
    assert text.startswith("The report does not give a figure for 2021")
    _, slots = run(a.ActionAnswer(), "from when will level II hospitals get mental health specialists?", matcher)
    text, _ = run(a.ActionAnswer(), "max number per mission?", matcher, **slots)
    assert "two per mission" in text
    _, slots = run(a.ActionAnswer(), "women held 29% of senior leadership positions in 12 PKOs?", matcher)
    text, _ = run(a.ActionAnswer(), "can you give me the names of the women heading those missions?", matcher, **slots)
    assert text.startswith("The report does not name")
    _, slots = run(a.ActionAnswer(), "tell me about the independent strategic review on explosive threats", matcher)
    text, _ = run(a.ActionFollowup(), "who led it?", matcher, "ask_followup", **slots)
    assert text.startswith("The report does not give the names of leaders")


def test_going_back_or_not_that_one_asks_anew(matcher):
    _, slots = run(a.ActionAnswer(), "what's the PCRS?", matcher)
    text, _ = run(
        a.ActionAnswer(), "actually go back to CPAS - how many impact assessments has it facilitated?", matcher, **slots
    )
    assert "50" in text and "(para. 65)" in text
    _, slots = run(a.ActionAnswer(), "which mission uses Unite Aware SAGE?", matcher)
    text, _ = run(a.ActionAnswer(), "not that one - where was the main Unite Aware tool piloted?", matcher, **slots)
    assert "UNFICYP" in text


def test_a_statement_put_for_confirmation_gets_the_reports_value(matcher):
    said = "The SG's transitions roadmap was launched in 2020 and has been articulated in 5 mission settings, correct?"
    text, slots = run(a.ActionAnswer(), said, matcher)
    assert "2019" in text and "eight" in text  # not a 2020 fact about something else
    _, slots = run(
        a.ActionAnswer(), "12 statements of unit requirements were revised for MINUSMA, MONUSCO and MINUSCA, correct?", matcher
    )
    text, _ = run(a.ActionAnswer(), "correct number pls", matcher, "nlu_fallback", **slots)
    assert "10 statements" in text
    _, slots = run(
        a.ActionAnswer(), "From July 2023, level II hospitals get up to 3 mental health specialists per mission?", matcher
    )
    text, _ = run(a.ActionAnswer(), "pls correct me", matcher, "nlu_fallback", **slots)
    assert "July 2024" in text and "two per mission" in text
    _, slots = run(
        a.ActionAnswer(), "The 2000 Panel on United Nations Peace Operations was chaired by Kofi Annan, right?", matcher
    )
    text, _ = run(a.ActionFollowup(), "who chaired it then?", matcher, "ask_followup", **slots)
    assert "Brahimi" in text


def test_a_change_asked_of_the_last_figure_and_documents_the_report_does_not_cite(matcher):
    _, slots = run(a.ActionAnswer(), "social media engagement on UN peacekeeping accounts in May 2023", matcher)
    text, _ = run(a.ActionAnswer(), "number of interactions vs the year before?", matcher, **slots)
    assert "158,500" in text and "30,200" in text
    text, _ = run(a.ActionAnswer(), "In which paragraph does the report cite resolution 1325?", matcher)
    assert text.startswith("The report does not mention resolution 1325")
    text, _ = run(a.ActionAnswer(), "on what exact day was resolution 2690 adopted?", matcher)
    assert text.startswith("The report does not give the exact date.")
    text, _ = run(a.ActionAnswer(), "when was resolution 2690 adopted?", matcher)
    assert "2023" in text and "31 December" not in text.split("\n")[0].split("—")[0]


def test_a_year_that_dated_a_statement_and_a_mission_the_turn_points_at(matcher):
    _, slots = run(a.ActionAnswer(), "the SG launched transition roadmaps in 2019", matcher)
    text, _ = run(a.ActionAnswer(), "in how many mission settings have they been articulated?", matcher, **slots)
    assert "eight mission settings" in text
    _, slots = run(a.ActionAnswer(), "The Lebanon force is praised in the report.", matcher)
    text, _ = run(a.ActionAnswer(), "what year was it first established?", matcher, **slots)
    assert text.startswith("The report does not") and "2018" not in text  # not MONUSCO's 2018 elections
    text, _ = run(a.ActionAnswer(), "btw can you recommend a good restaurant near UN HQ in new york?", matcher)
    assert text.startswith("The report does not give an answer")


def test_other_missions_and_a_yes_no_check_after_a_question(matcher):
    _, slots = run(a.ActionAnswer(), "does the South Sudan mission have a senior victims' rights officer?", matcher)
    text, _ = run(a.ActionAnswer(), "which other missions have one?", matcher, **slots)
    assert "MINUSCA" in text and "MONUSCO" in text
    _, slots = run(a.ActionAnswer(), "Which three countries have convicted people for killing peacekeepers?", matcher)
    text, _ = run(a.ActionAnswer(), "any other countries?", matcher, **slots)
    assert text.startswith("The report does not")
    text, _ = run(
        a.ActionAnswer(), "Which missions completed pilot projects with Elsie Initiative funding? Was it just UNIFIL?", matcher
    )
    assert all(m in text for m in ("MINUSCA", "MINUSMA", "MONUSCO", "UNISFA"))


def test_names_a_footnote_does_not_give_and_a_deadline_two_turns_back(matcher):
    _, slots = run(a.ActionAnswer(), "footnote 13 mentions two UN experts killed in 2017", matcher)
    text, _ = run(a.ActionFollowup(), "what were their names?", matcher, "ask_followup", **slots)
    assert text.startswith("The report does not name")
    _, slots = run(a.ActionAnswer(), "footnote 9 cites an OIOS synthesis report, what is it about?", matcher)
    text, _ = run(a.ActionFollowup(), "which five missions did it cover?", matcher, "ask_followup", **slots)
    assert text.startswith("The report does not say which mission")
    _, slots = run(a.ActionAnswer(), "When must MINUSMA leave Mali?", matcher)
    _, slots = run(a.ActionAnswer(), "what was the thing about demonstrations in the DRC?", matcher, **slots)
    text, _ = run(a.ActionAnswer(), "go back to mali - which resolution set that deadline?", matcher, **slots)
    assert "2690" in text and not text.startswith("The report does not")


def test_a_correction_after_an_interjection_or_naming_a_priority(matcher):
    _, slots = run(a.ActionAnswer(), "How many data points does the Unite Aware platform have?", matcher)
    text, _ = run(a.ActionAnswer(), "oh wait, no, I meant CPAS", matcher, **slots)
    assert "35,000" in text and "(para. 65)" in text
    _, slots = run(a.ActionAnswer(), "What is A4P+ priority 2?", matcher)
    text, _ = run(a.ActionAnswer(), "no sorry, I meant priority 3. what's that one called?", matcher, **slots)
    assert text.startswith("A4P+ priority 3")
    _, slots = run(a.ActionAnswer(), "How many systemic priorities does A4P+ focus on?", matcher)
    text, _ = run(a.ActionFollowup(), "and cross-cutting themes on top of those?", matcher, "ask_followup", **slots)
    assert "two cross-cutting themes" in text


def test_a_quiz_forgotten_before_a_question_and_a_subject_with_a_digit(matcher):
    _, slots = run(a.ActionQuizStart(), "quiz me on A4P+, multiple choice pls", matcher, "start_quiz")
    text, _ = run(a.ActionQuizStart(), "ok forget the quiz. whats the actual name of priority 1?", matcher, "start_quiz")
    assert "Quiz:" not in text and "coherence" in text.lower()


def test_a_detail_the_last_answer_tells_in_its_own_words(matcher):
    _, slots = run(a.ActionAnswer(), "which office helped a troop/police contributor with a national action plan?", matcher)
    text, _ = run(a.ActionAnswer(), "what was the plan meant to tackle?", matcher, **slots)
    assert "sexual exploitation" in text and "(para. 66)" in text
    _, slots = run(a.ActionAnswer(), "What did MINUSCA do to bring armed groups to the negotiating table?", matcher)
    text, _ = run(a.ActionAnswer(), "What was the agreement called?", matcher, **slots)
    assert "Political Agreement for Peace and Reconciliation" in text
    _, slots = run(a.ActionAnswer(), "Is there anything on accountability when the UN supports non-UN security forces?", matcher)
    text, _ = run(a.ActionAnswer(), "what's the policy called?", matcher, **slots)
    assert "due diligence policy" in text and "(para. 50)" in text


def test_a_name_or_dates_the_last_answer_does_not_give(matcher):
    _, slots = run(a.ActionAnswer(), "DPO ran 14 training of trainers sessions in 2022/23", matcher)
    text, _ = run(a.ActionAnswer(), "who's the head of DPO?", matcher, **slots)
    assert text.startswith("The report does not")
    _, slots = run(a.ActionAnswer(), "Where will the 2023 peacekeeping ministerial be held?", matcher)
    text, _ = run(a.ActionAnswer(), "what are the dates?", matcher, **slots)
    assert text.startswith("The report does not")


def test_a_terse_turn_asks_the_last_question_again_of_its_detail(matcher):
    _, slots = run(a.ActionAnswer(), "which doc requested this report", matcher)
    text, _ = run(a.ActionAnswer(), "date?", matcher, "nlu_fallback", **slots)
    assert "31 August 2022" in text and not text.startswith("The report does not")
    _, slots = run(a.ActionAnswer(), "how many training of trainers courses did DPO run in 2022/23?", matcher)
    text, _ = run(a.ActionAnswer(), "on which topics?", matcher, "nlu_fallback", **slots)
    assert "community-oriented policing" in text and "(para. 34)" in text
    _, slots = run(a.ActionAnswer(), "accra ministerial 2023", matcher)
    text, _ = run(a.ActionAnswer(), "dates?", matcher, "nlu_fallback", **slots)
    assert text.startswith("The report does not give the exact date")


def test_words_of_its_own_the_last_paragraph_lacks_are_looked_for_elsewhere(matcher):
    _, slots = run(a.ActionAnswer(), "misconduct trends over the past decade?", matcher)
    text, _ = run(a.ActionAnswer(), "which resolution is cited for repatriating entire units?", matcher, **slots)
    assert "2272" in text
    text, slots = run(a.ActionAnswer(), "when does the secretariat repatriate a whole unit over SEA?", matcher)
    assert "2272" in text
    text, _ = run(a.ActionFollowup(), "on the basis of which council resolution?", matcher, "ask_followup", **slots)
    assert "2272" in text


def test_a_language_named_but_not_asked_for(matcher):
    _, slots = run(a.ActionAnswer(), "how many uniformed pkers killed by malicious acts since 1948", matcher)
    text, slots = run(a.ActionSetLanguage(), "how many of them were chinese", matcher, "set_language", **slots)
    assert text.startswith("The report does not") and "language" not in slots


def test_a_turn_going_back_to_an_earlier_answer(matcher):
    slots: dict = {}
    for turn in ("whats the share of women among individual uniformed personnel", "and in justice and corrections?"):
        _, new = run(a.ActionAnswer(), turn, matcher, **slots)
        slots = {**slots, **new}
    assert len(slots["earlier_answers"]) == 1
    text, _ = run(a.ActionAnswer(), "back to the first one - as of which month?", matcher, **slots)
    assert "May 2023" in text and "(para. 29)" in text
    for turn in (
        "does the report say anything about mental health specialists?",
        "still covid measures for uniformed personnel?",
    ):
        _, new = run(a.ActionAnswer(), turn, matcher, **slots)
        slots = {**slots, **new}
    text, _ = run(a.ActionAnswer(), "ok back to the specialists, max how many per mission?", matcher, **slots)
    assert "two per mission" in text and "(para. 43)" in text


def test_who_of_a_mission_is_the_person_its_examples_name(matcher):
    text, _ = run(a.ActionAnswer(), "there was an officer from UNISFA mentioned, who?", matcher)
    assert "Cecilia Erzuah" in text and "(para. 31)" in text
    text, _ = run(a.ActionAnswer(), "hey how many pkers r deployed rn acc to the report", matcher)
    assert "88,000" in text  # a student's phone typing written out


def test_a_share_told_of_others_is_no_part_of_the_last_count(matcher):
    _, slots = run(a.ActionAnswer(), "over 88,000 personnel were deployed as of June 2023", matcher)
    text, _ = run(a.ActionAnswer(), "how many of those are women?", matcher, **slots)
    assert text.startswith("The report does not") and "25.6" not in text.split("\n")[0]


def test_a_detail_of_a_mission_card_is_looked_for_among_its_facts(matcher):
    _, slots = run(
        a.ActionAnswer(), "Does the report cite a Secretary-General report on MONUSCO's joint transition plan?", matcher
    )
    text, _ = run(a.ActionAnswer(), "what's the symbol of it", matcher, **slots)
    assert "S/2023/451" in text


def test_compared_to_what_is_the_change_the_last_answer_tells(matcher):
    _, slots = run(a.ActionAnswer(), "how many times was the peace begins with me hashtag mentioned in May 2023?", matcher)
    text, _ = run(a.ActionAnswer(), "compared to what?", matcher, **slots)
    assert "3,300" in text and "(para. 52)" in text


def test_a_follow_up_with_a_question_of_its_own_is_read_alone_when_the_last_one_leads_astray(matcher):
    _, slots = run(a.ActionAnswer(), "Which SG report describes MONUSCO's joint transition plan?", matcher)
    text, _ = run(
        a.ActionAnswer(),
        "and in Sudan, which mission's withdrawal led to state liaison functions being set up?",
        matcher,
        **slots,
    )
    assert "UNAMID" in text and "(para. 24)" in text


def test_how_many_of_a_kind_are_women_is_answered_by_their_share(matcher):
    text, slots = run(a.ActionAnswer(), "how many heads of civilian-led missions are women now?", matcher)
    assert "43%" in text and "(para. 30)" in text
    text, _ = run(a.ActionFollowup(), "and deputy heads?", matcher, "ask_followup", **slots)
    assert "33%" in text and "(para. 30)" in text


def test_who_is_asking_is_greeted_and_what_they_ask_next_answered(matcher):
    text, slots = run(a.ActionAnswer(), "hi, I'm a journalist covering the new SG report on peacekeeping performance", matcher)
    assert text.startswith("Hello!") and "last_query" not in slots
    text, _ = run(a.ActionAnswer(), "who actually asked for this report, and on what date?", matcher)
    assert "S/PRST/2022/6" in text and "(para. 1)" in text and not text.startswith("The report does not")
    text, _ = run(a.ActionSmallTalk(), "who asked for this report?", matcher, intent="help")
    assert "Security Council" in text and "(para. 1)" in text


def test_the_priority_covering_a_subject_and_a_missions_deadline_by_when(matcher):
    text, _ = run(a.ActionAnswer(), "In the report, under which A4P+ priority is the Elsie Initiative discussed?", matcher)
    assert text.startswith("A4P+ priority 3")
    _, slots = run(a.ActionAnswer(), "Which mission has been asked to leave Mali?", matcher)
    text, _ = run(a.ActionAnswer(), "by when?", matcher, **slots)
    assert "31 December 2023" in text and "(para. 36)" in text


def test_which_two_missions_gets_each_and_an_abbreviation_its_spelling_out(matcher):
    text, _ = run(
        a.ActionAnswer(), "Which two missions does the report hold up as prime examples of the fundamental challenges?", matcher
    )
    assert "MONUSCO" in text and "MINUSMA" in text and "(para. 4)" in text
    text, _ = run(a.ActionAnswer(), "whats casevac short for btw?", matcher)
    assert "casualty evacuation (CASEVAC)" in text and "(para. 41)" in text


def test_names_of_the_people_a_share_counts_are_declined(matcher):
    _, slots = run(a.ActionAnswer(), "What share of heads of civilian-led missions are women?", matcher)
    text, _ = run(a.ActionAnswer(), "Can you name the women heading those missions?", matcher, **slots)
    assert text.startswith("The report does not")


def test_up_or_down_after_a_change_is_the_last_answer(matcher):
    _, slots = run(a.ActionAnswer(), "environmental footprint - greenhouse gas emissions per person per year?", matcher)
    text, _ = run(a.ActionAnswer(), "did it go up or down vs the baseline?", matcher, **slots)
    assert "7.5 to 7.3" in text and "(para. 51)" in text


def test_a_detail_asked_in_words_the_last_paragraph_never_uses_is_asked_anew(matcher):
    _, slots = run(a.ActionAnswer(), "How many units were generated from the PCRS between Jan 2022 and Apr 2023?", matcher)
    text, slots = run(a.ActionAnswer(), "where's the 2023 peacekeeping ministerial being held?", matcher, **slots)
    assert "Accra" in text and "(para. 26)" in text
    # a count of pledges is no count of people, nor of operations (dev77)
    text, _ = run(a.ActionAnswer(), "how many new pledges were made there in total?", matcher, intent="out_of_scope", **slots)
    assert text.startswith("The report does not")
    # "what's the meeting for?" is still the ministerial's, however near "meeting" a wastewater standard is
    text, _ = run(a.ActionAnswer(), "what's the meeting for?", matcher, **slots)
    assert "(para. 26)" in text


def test_statements_of_unit_requirements_are_no_presidential_statements(matcher):
    _, slots = run(a.ActionAnswer(), "What kinds of attacks are being used more against peacekeepers these days?", matcher)
    asked = "ok, and the statements of unit requirements that were revised, for which missions?"
    text, _ = run(a.ActionAnswer(), asked, matcher, **slots)
    assert "MINUSMA, MONUSCO and MINUSCA" in text and "(para. 39)" in text


def test_the_whole_of_a_part_the_last_answer_gave_and_a_detail_for_which(matcher):
    _, slots = run(a.ActionAnswer(), "How many people were appointed heads or deputy heads of police components?", matcher)
    text, _ = run(a.ActionAnswer(), "6 women out of how many?", matcher, intent="nlu_fallback", **slots)
    assert "14" in text and "(para. 30)" in text
    _, slots = run(a.ActionAnswer(), "What gender quota did MINUSCA help secure in CAR?", matcher)
    text, _ = run(a.ActionAnswer(), "for which bodies?", matcher, intent="nlu_fallback", **slots)
    assert "reconciliation committees" in text and "(para. 62)" in text


def test_contingents_and_officials_are_named_only_where_the_report_names_them(matcher):
    text, _ = run(a.ActionAnswer(), "which contingents were repatriated for sexual exploitation and abuse in 2022?", matcher)
    assert text.startswith("The report does not name")
    asked = "Who sends quarterly letters to troop and police contributors about capability gaps under the MOUs?"
    _, slots = run(a.ActionAnswer(), asked, matcher)
    text, _ = run(a.ActionAnswer(), "whats that official's name?", matcher, **slots)
    assert text.startswith("The report does not name")


def test_an_introduction_is_greeted_and_what_it_is_about_kept_for_the_next_turn(matcher):
    text, slots = run(a.ActionAnswer(), "Good morning, I'm an IM officer. We're looking at Unite Aware.", matcher)
    assert text.startswith("Hello") and "unite-aware" in slots["last_fact"]
    assert "last_fact" not in run(a.ActionAnswer(), "Hi, I'm a journalist covering the report", matcher)[1]
    text, _ = run(a.ActionFollowup(), "Where was it piloted?", matcher, "ask_followup", **slots)
    assert "UNFICYP" in text and "(para. 60)" in text


def test_another_year_the_last_figure_gives_is_that_figure(matcher):
    asked = "what % of UNIFIL activities were joint with the LAF mid-2021?"
    text, slots = run(a.ActionAnswer(), asked, matcher)
    assert "13%" in text and slots["last_fact"] == "statistic:unifil-laf-joint-patrols-share"
    text, _ = run(a.ActionFollowup(), "and in 2023?", matcher, "ask_followup", **slots)
    assert "20%" in text and "(para. 56)" in text


def test_a_part_of_the_last_count_told_in_the_next_paragraph(matcher):
    asked = "how many peacekeepers were killed by malicious acts in 2023 according to the report?"
    text, slots = run(a.ActionAnswer(), asked, matcher)
    assert "7" in text and ("(para. 37)" in text or "(para. 38)" in text)
    slots["last_fact"] = "statistic:uniformed-deaths-malicious-acts-2023-to-29-aug"  # para. 37's, figure II
    text, _ = run(a.ActionAnswer(), "how many of them by explosives/IEDs?", matcher, **slots)
    assert re.search(r"\b5 (of the 7|died)\b", text) and "(para. 38)" in text


def test_the_name_of_a_firm_the_report_leaves_unnamed_is_declined(matcher):
    text, slots = run(a.ActionAnswer(), "Who carried out the UNMISS perception survey?", matcher)
    text, _ = run(a.ActionAnswer(), "what's the name of that firm?", matcher, **slots)
    assert text.startswith("The report does not name the firm.") and "(para. 52)" in text


def test_a_language_asked_with_nothing_else_of_its_own_gives_the_last_answer_in_it(matcher):
    asked = "Who chaired the 2000 Panel on United Nations Peace Operations?"
    text, slots = run(a.ActionAnswer(), asked, matcher)
    assert "Brahimi" in text
    text, _ = run(a.ActionAnswer(), "Please give the name in Chinese as the report writes it.", matcher, **slots)
    assert "卜拉希米" in text and "（第6段）" in text


def test_which_mission_of_the_last_answer_and_which_resolution_after_a_figure(matcher):
    asked = "Since when have hostilities between Israel and Lebanon been halted?"
    text, slots = run(a.ActionAnswer(), asked, matcher)
    assert "2006" in text and "(para. 8)" in text
    text, slots = run(a.ActionList(), "which mission gets the credit?", matcher, "list_missions", **slots)
    assert text.startswith("UNIFIL")
    text, _ = run(a.ActionAnswer(), "which resolution commended them for it?", matcher, **slots)
    assert text.startswith("S/RES/2650 (2022)")
    asked = "how many peacekeepers died since 1948 from malicious acts?"
    text, slots = run(a.ActionAnswer(), asked, matcher)
    later = "which SC resolution is the Secretariat acting under on accountability for those crimes?"
    assert run(a.ActionFollowup(), later, matcher, "ask_followup", **slots)[0].startswith("S/RES/2589 (2021)")


def test_its_measure_of_what_the_turn_itself_names(matcher):
    text, slots = run(a.ActionAnswer(), "Which missions have Senior Victims' Rights Officers?", matcher)
    assert "MONUSCO" in text
    asked = "and the trust fund supporting victims - what was its budget for 2022/23?"
    text, _ = run(a.ActionFollowup(), asked, matcher, "ask_followup", **slots)
    assert "$1,736,145" in text and "(para. 49)" in text


def test_of_those_since_a_year_the_last_figure_gives_and_no_figure_from_a_trend(matcher):
    text, slots = run(a.ActionAnswer(), "total killed by malicious acts since 1948 is 1,067 right?", matcher)
    assert "1,067" in text
    assert "331" in run(a.ActionFollowup(), "how many of those since 2013", matcher, "ask_followup", **slots)[0]
    text, slots = run(a.ActionAnswer(), "malicious act fatalities went up in 2021 and 2022 right?", matcher)
    text, _ = run(a.ActionFollowup(), "what was the exact number in 2021?", matcher, "ask_followup", **slots)
    assert text.startswith("The report does not")


def test_a_followup_counting_something_of_its_own_is_not_held_to_the_last_count(matcher):
    # "and how many mentions ...?" after "by how many unique users?": mentions, not a count of people (dev84)
    slots = {"last_query": "By how many unique users?", "last_fact": "statistic:peace-begins-with-me-hashtag-users-may-2023"}
    asked = "And how many mentions did the similar campaign's hashtag get in May 2022?"
    text, _ = run(a.ActionFollowup(), asked, matcher, "ask_followup", **slots)
    assert "3,300" in text and "(para. 52)" in text and not text.startswith("The report does not")


def test_a_framing_according_to_the_report_asks_nothing_of_its_own(matcher):
    text, _ = run(
        a.ActionAnswer(), "When does MINUSMA have to be out of Mali, according to the SG's 2023 performance report?", matcher
    )
    assert "31 December 2023" in text and "(para. 36)" in text


def test_a_paragraph_named_by_its_place_in_the_report(matcher):
    assert [(e, v) for _, _, e, v in extract("what does the closing paragraph say?", matcher)] == [("paragraph", "80")]
    assert [(e, v) for _, _, e, v in extract("最后一段说了什么", matcher)] == [("paragraph", "80")]
    assert [(e, v) for _, _, e, v in extract("the first paragraph", matcher)] == [("paragraph", "1")]
    # a follow-up naming it asks of that paragraph, not of the last answer (dev84)
    text, slots = run(a.ActionAnswer(), "How many peacekeeping operations has the UN had since 1948?", matcher)
    asked = "And how long does the SG say peacekeepers have been giving their lives, in the closing paragraph?"
    text, _ = run(a.ActionFollowup(), asked, matcher, "ask_followup", **slots)
    assert "75 years" in text and "(para. 80)" in text


def test_a_turn_restating_the_last_change_asks_about_it(matcher):
    asked = "what happened to the share of women among government-provided justice and corrections personnel?"
    text, slots = run(a.ActionAnswer(), asked, matcher)
    assert "25%" in text and "40%" in text
    text, _ = run(a.ActionAnswer(), "Over how many years did it go from 25 to 40?", matcher, **slots)
    assert "five years" in text and "(para. 29)" in text


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("dpo training of trainers in fy 22/23", "how many such trainings", "14"),
        (
            "The SG report says some missions set up senior victims' rights officers as the main contact.",
            "which ones?",
            "MONUSCO",
        ),
    ],
)
def test_such_and_which_ones_point_back(matcher, first, then, expected):
    _, slots = run(a.ActionAnswer(), first, matcher)
    text, _ = run(a.ActionAnswer(), then, matcher, **slots)
    assert expected in text and not text.startswith("The report does not")


@pytest.mark.parametrize(
    ("first", "then", "expected", "para"),
    [
        ("What's planned for mental health in field hospitals?", "That starts from July 2023, right?", "July 2024", 43),
        ("What happened in Aqibiyah?", "When was that - December 2021?", "December 2022", 53),
        (
            "How many uniformed peacekeepers have been killed by malicious acts since 1948?",
            "And 331 of them since 2013, right?",
            "331",
            44,
        ),
    ],
)
def test_a_time_or_part_put_for_confirmation_gets_the_reports_own(matcher, first, then, expected, para):
    # dev91: the time put may be wrong, the report's is the answer; "right" is no word of what is asked
    _, slots = run(a.ActionAnswer(), first, matcher)
    text, _ = run(a.ActionFollowup(), then, matcher, "ask_followup", **slots)
    assert expected in text and f"(para. {para})" in text and not text.startswith("The report does not")


def test_a_footnoted_source_is_a_document(matcher):
    _, slots = run(
        a.ActionAnswer(), "According to the report, what is driving protracted conflicts in peacekeeping settings?", matcher
    )
    asked = (
        "The point that state institutions lack capacity and sometimes political will - what's the footnoted source and its date?"
    )
    text, _ = run(a.ActionAnswer(), asked, matcher, **slots)
    assert "19 July 2023" in text and "rule of law" in text and "(para. 12)" in text


@pytest.mark.parametrize(
    "asked",
    [
        "thanks. English please: what was the trust fund's budget in 2022/23?",
        "ok, in English now: what was the trust fund's budget in 2022/23?",
        "And in English, what was the trust fund's budget in 2022/23?",
    ],
)
def test_a_language_asked_before_the_question_without_in(matcher, asked):
    # dev88: after Chinese replies, the question is answered in the language asked before it
    text, slots = run(a.ActionAnswer(), asked, matcher, reply_language="zh")
    assert "$1,736,145" in text and "(para. 49)" in text and slots["reply_language"] == "en"


def test_a_language_asked_with_an_introduction_gives_the_last_answer_in_it(matcher):
    _, slots = run(a.ActionAnswer(), "全面规划和业绩评估系统有多少个数据点？", matcher)
    text, slots = run(a.ActionAnswer(), "English please, I'm sharing it with colleagues", matcher, **slots)
    assert "35,000" in text and "(para. 65)" in text


def test_a_document_of_the_same_kind_asked_in_words_of_its_own(matcher):
    # dev89: "it" that cites is the report; the last resolution, found again by the last question's words, is no answer
    _, slots = run(a.ActionAnswer(), "The report cites resolution 2282 (2016). What does it say about it?", matcher)
    asked = "And which resolution does it cite on planning exit strategies and transitions from the outset?"
    text, _ = run(a.ActionFollowup(), asked, matcher, "ask_followup", **slots)
    assert "2594" in text and "(para. 75)" in text


def test_a_figure_put_for_confirmation_after_a_figure_is_the_last_one(matcher):
    # dev91: "then" is no typo of "when"; the count put for confirmation is the last answer's, however worded
    _, slots = run(a.ActionAnswer(), "How long has the UN been running peacekeeping operations according to the report?", matcher)
    text, _ = run(
        a.ActionFollowup(), "And how many operations since then - more than 60, right?", matcher, "ask_followup", **slots
    )
    assert "more than 70" in text and "(para. 3)" in text


def test_a_followup_in_words_of_its_own_is_not_held_to_the_last_questions_year(matcher):
    # dev89: the year dated the last question's policy; "how many women is that?" still asks of the last answer (dev22)
    _, slots = run(a.ActionAnswer(), "What revised policy was issued in 2023 on integrated assessment?", matcher)
    asked = "and what share of the UN system's annual expenditure is in integrated and crisis-affected settings?"
    text, _ = run(a.ActionFollowup(), asked, matcher, "ask_followup", **slots)
    assert "More than half" in text and "(para. 21)" in text
    _, slots = run(
        a.ActionAnswer(), "What percentage of individually deployed uniformed personnel were women as of May 2023?", matcher
    )
    text, _ = run(a.ActionAnswer(), "how many women is that in absolute numbers?", matcher, **slots)
    assert text.startswith("The report does not")


def test_a_correction_naming_another_of_the_thing_last_asked_of(matcher):
    # dev89: "report" is what the last question asked the symbol of; the correction names another one
    _, slots = run(
        a.ActionAnswer(), "What is the document symbol of the 2000 Brahimi panel report cited in this SG report?", matcher
    )
    text, _ = run(a.ActionAnswer(), "no, I meant the 2015 High-level Independent Panel report", matcher, **slots)
    assert "A/70/95" in text and "(paras. 6, 78)" in text and "Brahimi" not in text


def test_a_guess_after_the_question_is_not_its_subject(matcher):
    # dev89: "Was it MONUSCO?" guesses the answer to "which mission was that?", asked of the last answer
    _, slots = run(
        a.ActionAnswer(), "How many civilians were displaced by the 2021 fighting in Tambura, per the report?", matcher
    )
    text, _ = run(a.ActionAnswer(), "Sorry, which mission was that? Was it MONUSCO?", matcher, **slots)
    assert "UNMISS" in text and "MONUSCO" not in text


def test_what_is_no_guess_nor_language_request_is_kept(matcher):
    assert a._guess_after("which mission? Did it withdraw?") is None  # asks an action, guesses no name
    assert a._guess_after("Sorry, which mission was that? Was it MONUSCO?") == 30
    assert (
        a._without_language_request("Chinese, Indian and Nepalese units: how many?")
        == "Chinese, Indian and Nepalese units: how many?"
    )


def test_where_a_thing_is_seated_is_declined_when_no_place_is_named(matcher):
    # dev92: the report names the Peacekeeping Intelligence Academy, never where it is
    _, slots = run(a.ActionAnswer(), "What academy did the Secretariat establish for peacekeeping intelligence?", matcher)
    text, _ = run(a.ActionFollowup(), "Where is it located?", matcher, "ask_followup", **slots)
    assert text.startswith("The report does not say where.") and "(para. 59)" in text
    _, slots = run(a.ActionAnswer(), "秘书处在维和情报方面取得了哪些进展？", matcher)
    text, _ = run(a.ActionAnswer(), "维和情报学院设在哪个城市？", matcher, **slots)
    assert text.startswith("报告没有说明地点。") and "（第59段）" in text


def test_another_year_of_a_figure_is_that_figure_or_none(matcher):
    # dev93: not the sentence of its paragraph that names resolution 2650 (2022); the last figure is the nearest
    _, slots = run(
        a.ActionAnswer(), "What share of UNIFIL activities were joint patrols with the Lebanese Armed Forces in 2023?", matcher
    )
    text, _ = run(a.ActionFollowup(), "what about 2022?", matcher, "ask_followup", **slots)
    assert text.startswith("The report does not give a figure for 2022.") and "13%" in text and "(para. 56)" in text
    # dev93: nor a figure of that year counting something else (the 2015 panel's 20 years)
    _, slots = run(a.ActionAnswer(), "What were peacekeeping greenhouse gas emissions per person per year?", matcher)
    text, _ = run(a.ActionFollowup(), "and what were they in 2015?", matcher, "ask_followup", **slots)
    assert text.startswith("The report does not give a figure for 2015.") and "7.3" in text


def test_a_turn_of_many_words_the_last_answer_lacks_is_read_alone(matcher):
    # dev93: "its" is the category's own target, not the last figure's
    _, slots = run(
        a.ActionAnswer(), "What share of individually deployed uniformed personnel were women as of May 2023?", matcher
    )
    text, _ = run(
        a.ActionFollowup(), "and which category of uniformed personnel has not met its gender parity target?", matcher, **slots
    )
    assert "military contingents" in text and "(para. 29)" in text


def test_a_document_asked_of_the_last_answer_comes_with_those_its_footnote_cites_beside_it(matcher):
    # dev92: footnote 3 cites the committee's reports of 2021 and 2023 for paragraph 5's key factors
    _, slots = run(
        a.ActionAnswer(),
        "Which intergovernmental body recognized that peacekeeping performance depends on several key factors?",
        matcher,
    )
    text, _ = run(a.ActionSource(), "Which of their reports is that from?", matcher, "ask_source", **slots)
    assert "A/75/19" in text and "A/77/19" in text and "(paras. 5, 51)" in text


def test_a_bare_who_after_a_fact_naming_a_person_is_that_fact(matcher):
    # dev94: the 2015 panel's report names its chair
    _, slots = run(
        a.ActionAnswer(), "there's a high-level independent panel on peace operations from 2015 mentioned there", matcher
    )
    text, _ = run(a.ActionFollowup(), "who?", matcher, "ask_followup", **slots)
    assert "Ramos-Horta" in text and "(paras. 6, 78)" in text


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        # dev96: an introduction naming a mission makes it the subject
        (
            "I'm writing a brief on the UN Mission in South Sudan for our training course.",
            "What did the mission actually do when fighting broke out in Tambura?",
            ("temporary operating base", "(para. 8)"),
        ),
        # dev96: after a mission's card, the mission's own sentence, not the first paragraph the card cites
        ("UN Interim Force in Lebanon", "How does it proactively handle disinformation?", ("press releases", "(para. 53)")),
        # an answer naming several missions tells the others
        (
            "Does UNMISS have a senior victims' rights officer?",
            "Which other peacekeeping missions have one?",
            ("MINUSCA", "MONUSCO", "(para. 49)"),
        ),
        ("how is UNIFIL helping the Lebanese army w/ the economic crisis", "under which SC resolutions", ("2591", "2650")),
    ],
)
def test_a_second_turn_of_a_mission_conversation(matcher, first: str, then: str, expected: tuple[str, ...]):
    _, slots = run(a.ActionAnswer(), first, matcher)
    text, _ = run(a.ActionAnswer(), then, matcher, **slots)
    assert all(e in text for e in expected) and not text.startswith("The report does not"), text


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        # its own sentence, not the paragraph of every mission's
        ("How is MONUSCO trying to counter misinformation?", "parliamentarians"),
        ("did the report say anything about mali?", "MINUSMA —"),  # a host country in lower case
    ],
)
def test_what_the_report_says_of_a_mission(matcher, asked: str, expected: str):
    text, _ = run(a.ActionAnswer(), asked, matcher)
    assert expected in text and not text.startswith("Paragraph"), text


def test_a_question_besides_a_language_request_its_mission_and_the_report_itself(matcher):
    # (dev105) what the request asks besides is declined in that language, not the last answer again
    _, slots = run(a.ActionAnswer(), "联黎部队建了几栋女性专用宿舍楼？", matcher)
    text, _ = run(a.ActionSetLanguage(), "what did they cost? answer in english", matcher, "set_language", **slots)
    assert text.startswith("The report does not give budget figures")
    # (dev103) after a mission's card, its example in its own words, which name the tool
    _, slots = run(a.ActionAnswer(), "Cyprus mission", matcher)
    text, _ = run(a.ActionAnswer(), "what situational awareness tool was piloted there?", matcher, **slots)
    assert "Unite Aware" in text and "(para. 60)" in text
    # "it" is the mission when the last answer tells none of the turn's words
    _, slots = run(a.ActionAnswer(), "UNMISS and the UN country team", matcher)
    text, _ = run(a.ActionAnswer(), "which cooperation framework did it help develop - what years?", matcher, **slots)
    assert "2023-2025" in text and "(para. 21)" in text
    # (dev104) the report itself, named without its symbol, and nothing else asked of it
    assert run(a.ActionAnswer(), "what is this report about?", matcher)[0].startswith("S/2023/646 is this report")
    assert run(a.ActionAnswer(), "这份报告讲的是什么？", matcher)[0].startswith("S/2023/646 就是本报告")
    assert "S/2023/646" not in run(a.ActionAnswer(), "What does the report say about transitions?", matcher)[0]
    assert "S/2023/646" not in run(a.ActionAnswer(), "请把这份报告全文翻译成阿拉伯语。", matcher)[0]
    text, _ = run(a.ActionSmallTalk(), "what asked for this report", matcher, "help")
    assert "31 August 2022" in text and "(para. 1)" in text


def test_what_a_term_does_asked_as_help_and_a_correction_ending_on_i_mean(matcher):
    # (dev98) "what does the PCRS do?" read as a help request asks the report; "too?" after an answer is a follow-up
    text, _ = run(a.ActionSmallTalk(), "what does the PCRS do?", matcher, "help")
    assert "PCRS" in text and "(para. 27)" in text
    assert run(a.ActionSmallTalk(), "what can you do?", matcher, "help")[0].startswith("You can ask")
    # (dev100) a trailing "I mean" corrects the last question
    _, slots = run(a.ActionAnswer(), "HOW MANY UNITS GENERATED FROM PCRS", matcher)
    text, _ = run(a.ActionAnswer(), "FROM JAN 2022 TO APR 2023 I MEAN", matcher, **slots)
    assert "21 units" in text and "(para. 27)" in text


def test_an_acknowledgement_keeps_what_it_means_and_the_year_before_is_not_the_years_answer(matcher):
    # (dev107) "ok" between a question and "what is its document symbol?" is acknowledged, the last answer kept
    asked = "Which independent strategic review on explosive threats does the report mention?"
    _, slots = run(a.ActionAnswer(), asked, matcher)
    text, events = run(a.ActionAnswer(), "ok", matcher, **slots)
    assert text == "OK. Anything else about the report?" and not events
    assert run(a.ActionSmallTalk(), "好的", matcher, "greet", **slots)[0].startswith("好的。")
    text, _ = run(a.ActionAnswer(), "what is its document symbol?", matcher, **slots)
    assert "S/2021/1042" in text
    _, slots = run(a.ActionAnswer(), "Who was the 2022 Military Gender Advocate of the Year?", matcher)
    text, _ = run(a.ActionAnswer(), "and who won the award the year before?", matcher, **slots)
    assert text.startswith("The report does not")


def test_a_budget_a_share_in_other_words_and_where_a_change_went(matcher):
    # (dev106) a paragraph that mentions budget cuts is no figure of MINUSMA's budget
    _, slots = run(a.ActionAnswer(), "How many peacekeeper MINUSMA have?", matcher)
    text, _ = run(a.ActionAnswer(), "and what is MINUSMA budget for 2023?", matcher, **slots)
    assert text.startswith("The report does not give budget figures")
    # "the percent of", "how many percent": a share, not a count nor a date of that year
    text, _ = run(a.ActionAnswer(), "what was the percent of women in military contingents in 2020?", matcher)
    assert text.startswith("The report does not give a figure for 2020")
    _, slots = run(a.ActionAnswer(), "What is engagement platoon?", matcher)
    text, _ = run(a.ActionAnswer(), "it must have how many percent of women at least?", matcher, **slots)
    assert "50%" in text and "(para. 31)" in text
    _, slots = run(a.ActionAnswer(), "greenhouse gas emission per person was how much in the baseline?", matcher)
    text, _ = run(a.ActionAnswer(), "and now it reduce to how much?", matcher, **slots)
    assert "7.3" in text and "(para. 51)" in text


def test_other_years_after_a_trend_are_what_the_same_trend_did_then(matcher):
    # (dev100, dev108) not January to August 2022's 21 killed, a figure for one of them
    asked = "Did deaths of uniformed peacekeepers from malicious acts fall after the Action Plan was launched in 2018?"
    _, slots = run(a.ActionAnswer(), asked, matcher)
    text, slots = run(a.ActionFollowup(), "And in 2021 and 2022?", matcher, "ask_followup", **slots)
    assert "increased" in text and "(para. 37)" in text
    text, _ = run(a.ActionFollowup(), "exact number for 2021?", matcher, "ask_followup", **slots)
    assert text.startswith("The report does not give a figure for 2021")


def test_a_part_of_the_last_count_is_not_a_count_told_far_from_it(matcher):
    # (dev21, dev99) not paragraph 30's 14 heads of police components; paragraph 38's 5 of the 7 killed, next to them
    _, slots = run(a.ActionAnswer(), "How many personnel were deployed in peacekeeping as of June 2023?", matcher)
    text, _ = run(a.ActionAnswer(), "how many of those are police officers?", matcher, **slots)
    assert text.startswith("The report does not")
    _, slots = run(a.ActionAnswer(), "How many peacekeepers were killed by malicious acts in 2023 up to 29 August?", matcher)
    text, _ = run(a.ActionAnswer(), "how many of them by explosive devices?", matcher, **slots)
    assert "5 died" in text and "(para. 38)" in text


def test_a_detail_of_a_figures_note_is_told_by_the_fact_of_it(matcher):
    # (dev95) the figure's note, which no sentence of paragraph 52 holds: the survey's sample, not the paragraph whole
    _, slots = run(a.ActionAnswer(), "Figure VI is about a perception survey - which mission commissioned it?", matcher)
    text, _ = run(a.ActionAnswer(), "How was the sample drawn?", matcher, **slots)
    assert "10 states" in text and "(para. 52)" in text


def test_a_correction_opening_on_what_it_did_not_mean_and_how_long_something_lasted(matcher):
    # the places it says instead, not the one it rejects
    _, slots = run(a.ActionAnswer(), "How long did the night-flight restriction on UNMISS last?", matcher)
    text, _ = run(a.ActionAnswer(), "not South Sudan, CAR", matcher, **slots)
    assert "10 months" in text and "(para. 57)" in text
    asked = "How long did the night-flight restriction in South Sudan last?"
    assert run(a.ActionAnswer(), asked, matcher)[0].startswith("The report does not")  # not its survey's 10 states
    _, slots = run(a.ActionAnswer(), asked, matcher)
    text, _ = run(a.ActionAnswer(), "sorry, not South Sudan, the Central African Republic", matcher, **slots)
    assert "10 months" in text


def test_a_year_put_for_confirmation_dates_what_was_said_and_a_correction_asking_anew(matcher):
    # (dev111) "..., right?" put 2019 as the road maps' date, not as the year of what is asked next
    _, slots = run(a.ActionAnswer(), "The Secretary-General launched a transitions roadmap in 2019, right?", matcher)
    text, _ = run(a.ActionAnswer(), "In how many mission settings has it been articulated?", matcher, **slots)
    assert "eight" in text and "(para. 22)" in text
    # (dev112) a correction asking a whole question of its own, opening on a preposition
    asked = "In 2022, how many people received humanitarian assistance thanks to MINUSCA's protective presence?"
    _, slots = run(a.ActionAnswer(), asked, matcher)
    text, _ = run(a.ActionAnswer(), "Sorry, I meant: in which year was the peace agreement signed?", matcher, **slots)
    assert "2019" in text and "2 million" not in text and "(para. 8)" in text


def test_after_a_year_and_the_countries_the_last_figure_names(matcher):
    # (dev113) "after 2020" asks of 2021 on, not the decline until 2020 again
    _, slots = run(a.ActionAnswer(), "did deaths from malicious acts go down after the 2018 action plan", matcher)
    text, _ = run(a.ActionFollowup(), "and what happened after 2020?", matcher, "ask_followup", **slots)
    assert "In 2021 and 2022" in text and "(para. 37)" in text
    # (dev112) the countries of the convictions, not the resolution the first turn named
    asked = (
        "My delegation follows the implementation of resolution 2589 (2021) on accountability for crimes against"
        " peacekeepers. How many individuals have been convicted for killing peacekeepers since 2019?"
    )
    _, slots = run(a.ActionAnswer(), asked, matcher)
    text, _ = run(a.ActionFollowup(), "In which countries?", matcher, "ask_followup", **slots)
    assert "Central African Republic" in text and "Mali" in text and "(para. 44)" in text


def test_a_turn_of_its_own_words_the_last_subject_completes(matcher):
    # (dev112) "an example" of the engagement platoons the last answer told of
    asked = "The report highlights engagement teams and platoons as a key innovation. What is the minimum share of women?"
    _, slots = run(a.ActionAnswer(), asked, matcher)
    text, _ = run(a.ActionAnswer(), "Which officer is cited as an example, and in which mission did she serve?", matcher, **slots)
    assert "Erzuah" in text and "UNISFA" in text and "(para. 31)" in text


def test_an_organisation_the_report_never_names_is_declined_in_a_conversation(matcher):
    _, slots = run(a.ActionAnswer(), "What percentage of individually deployed uniformed personnel are women?", matcher)
    text, _ = run(a.ActionAnswer(), "How does that compare with NATO or African Union missions?", matcher, **slots)
    assert text.startswith("The report does not mention NATO")  # as a word: not the "nato" of "coordinator"
    _, slots = run(a.ActionAnswer(), "MINUSCA helped armed groups sign a peace agreement. Which agreement was that?", matcher)
    asked = "Who exactly signed it? Please name the armed groups and the Government signatory."
    text, _ = run(a.ActionAnswer(), asked, matcher, **slots)
    assert text.startswith("The report does not name the armed groups")


def test_what_a_turn_adds_after_its_question_asks_nothing_more(matcher):
    _, slots = run(a.ActionAnswer(), "Why is UNIFIL giving material support to the Lebanese Armed Forces?", matcher)
    text, _ = run(a.ActionAnswer(), "Under which Security Council resolutions? Both numbers please.", matcher, **slots)
    assert "2591" in text and "2650" in text and "2589" not in text


def test_a_figure_the_user_stated_is_still_the_one_asked_for_another_month(matcher):
    _, slots = run(a.ActionAnswer(), "The campaign hashtag was mentioned 28,500 times in May 2023.", matcher)
    text, _ = run(a.ActionAnswer(), "And how many mentions did a similar hashtag get in May 2022?", matcher, **slots)
    assert "3,300" in text and "158,500" not in text


def test_a_place_named_over_the_last_mission_and_an_acronym_spelled_out(matcher):
    # (dev118) "and in Mali? ... the mission there" is not MONUSCO, the last mission
    _, slots = run(a.ActionAnswer(), "Is MONUSCO in transition?", matcher)
    text, _ = run(
        a.ActionFollowup(), "and in Mali? by when does the mission there have to leave?", matcher, "ask_followup", **slots
    )
    assert "31 December 2023" in text and "(para. 36)" in text
    # "full name pls, not the acronym": the last answer spells it out
    _, slots = run(a.ActionAnswer(), "Which tool has over 35k data points?", matcher)
    text, _ = run(a.ActionAnswer(), "full name pls, not the acronym", matcher, **slots)
    assert "Comprehensive Planning and Performance Assessment System" in text and "(para. 65)" in text


def test_the_closest_passage_is_no_answer_when_its_question_is_asked_again(matcher):
    # (dev117) the trust fund's six projects were only the closest passage to a count of allegations: not their count
    _, slots = run(
        a.ActionAnswer(), "How many allegations of sexual exploitation and abuse does the report say were made?", matcher
    )
    text, _ = run(a.ActionAnswer(), "Specifically, how many were reported in 2022?", matcher, **slots)
    assert text.startswith("The report does not") and "six projects" not in text.split("\n")[0]


def test_a_figure_of_its_own_makes_a_follow_up_a_question_of_its_own(matcher):
    # (dev115) the 110 organisations are not the last answer's, whose 200 representatives are no answer
    _, slots = run(
        a.ActionAnswer(), "How many participants did MONUSCO help bring into the Nairobi process consultations?", matcher
    )
    asked = "And women's participation from the 110 civil society organizations rose to what?"
    text, _ = run(a.ActionFollowup(), asked, matcher, "ask_followup", **slots)
    assert "40%" in text and "(para. 61)" in text


def test_a_report_cited_for_the_last_answer_and_its_full_name(matcher):
    # (dev119) "which Secretary-General report" asks a document; the reports a footnote cites, all of them
    _, slots = run(
        a.ActionAnswer(), "MONUSCO is working toward a transition under a joint plan agreed with national authorities.", matcher
    )
    text, _ = run(a.ActionAnswer(), "which Secretary-General report is cited for that?", matcher, **slots)
    assert text.startswith("S/2023/451")
    _, slots = run(a.ActionAnswer(), "What does the report say about the Special Committee on Peacekeeping Operations?", matcher)
    text, _ = run(a.ActionAnswer(), "which C-34 reports are cited in that footnote?", matcher, **slots)
    assert "A/75/19" in text and "A/77/19" in text
    # "just the full official name please": the name the last answer spells out
    _, slots = run(
        a.ActionAnswer(), "What framework did the Secretariat develop in 2020 for performance and accountability?", matcher
    )
    text, _ = run(a.ActionAnswer(), "just the full official name please", matcher, **slots)
    assert "Integrated Peacekeeping Performance and Accountability Framework" in text


def test_the_full_name_of_the_mission_the_last_answer_names(matcher):
    # (dev107) "what is that mission's full name?" after UNAMID's withdrawal: its card
    _, slots = run(a.ActionAnswer(), "Which mission's withdrawal led Sudan to set up state liaison functions?", matcher)
    text, _ = run(a.ActionAnswer(), "what is that mission's full name?", matcher, **slots)
    assert text.startswith("UNAMID — African Union-United Nations Hybrid Operation in Darfur")


def test_a_bare_number_after_priorities_is_that_priority(matcher):
    # (dev120) "and 5?" after priority 4, "whats no. 6 called?" after the count of priorities
    _, slots = run(a.ActionAnswer(), "a4p+ priority 4 is what", matcher)
    text, _ = run(a.ActionFollowup(), "and 5?", matcher, "ask_followup", **slots)
    assert text.startswith("A4P+ priority 5: Accountability of peacekeepers")
    _, slots = run(a.ActionAnswer(), "how many A4P+ priorities?", matcher)
    text, _ = run(a.ActionAnswer(), "whats no. 6 called?", matcher, **slots)
    assert text.startswith("A4P+ priority 6")


def test_a_figure_of_leaders_counts_no_one_else(matcher):
    # the heads of police components are no count of the women in UN police (the report gives none)
    text, _ = run(a.ActionAnswer(), "how many women serve in UN police?", matcher)
    assert text.startswith("The report does not give") and "6 of the 14" not in text
    text, _ = run(a.ActionAnswer(), "How many women lead police components in peacekeeping?", matcher)
    assert "6 of the 14" in text and "(para. 30)" in text
    # the units deployed, of those verified; the Unite Aware platform's pilot
    text, _ = run(a.ActionAnswer(), "how many of the units verified for rapid deployment were actually deployed?", matcher)
    assert "4 rapid deployment level units" in text
    text, _ = run(a.ActionAnswer(), "Which mission piloted the Unite Aware platform?", matcher)
    assert "piloted in UNFICYP" in text and "(para. 60)" in text


def test_a_subject_asked_by_its_abbreviation_and_claims_counted(matcher):
    text, _ = run(a.ActionAnswer(), "tell me about CASEVAC", matcher)
    assert "casualty evacuation (CASEVAC)" in text and "(para. 41)" in text
    text, _ = run(a.ActionAnswer(), "what does A4P+ stand for?", matcher)
    assert "Action for Peacekeeping Plus (A4P+)" in text and "(para. 2)" in text
    # "stand for" in the last question is not asked again by a question of the turn's own
    _, slots = run(a.ActionAnswer(), "what does A4P stand for?", matcher)
    text, _ = run(a.ActionAnswer(), "random q but which presidential statement asked for this report?", matcher, **slots)
    assert text.startswith("S/PRST/2022/6")
    # the report counts no claims: "20 Member States" is no count of them
    _, slots = run(a.ActionAnswer(), "Tell me about paternity claims arising from SEA", matcher)
    text, _ = run(a.ActionAnswer(), "how many of those claims have been resolved so far?", matcher, **slots)
    assert text.startswith("The report does not give")


def test_a_decline_again_in_the_other_language_and_amounts_asked(matcher):
    # "in chinese please" after "no figure for 2019": that decline, not another year's convictions
    _, slots = run(a.ActionAnswer(), "how many peacekeepers were killed by malicious acts in 2022?", matcher)
    _, slots = run(a.ActionFollowup(), "and what about 2019?", matcher, "ask_followup", **slots)
    text, _ = run(a.ActionSetLanguage(), "in chinese please", matcher, "set_language", **slots)
    assert text.startswith("报告没有给出2019年的数字")
    # "which missions used its funding?" asks missions, not a budget; "how much did they get?" no count of blocks
    _, slots = run(a.ActionAnswer(), "what is the Elsie Initiative?", matcher)
    text, slots = run(a.ActionAnswer(), "which missions used its funding?", matcher, **slots)
    assert "MINUSCA, MINUSMA, MONUSCO and UNISFA" in text
    text, _ = run(a.ActionAnswer(), "how much did they get?", matcher, **slots)
    assert text.startswith("The report does not give")
    # what a country pledged is a contribution the report never gives
    _, slots = run(a.ActionAnswer(), "What does the report say about the 2023 Peacekeeping Ministerial?", matcher)
    text, _ = run(a.ActionAnswer(), "How much did my country pledge there?", matcher, **slots)
    assert text.startswith("The report does not give")


def test_a_measure_is_of_what_the_question_names(matcher):
    # (dev121) the victims' trust fund's budget is no budget "for the withdrawal"
    _, slots = run(a.ActionAnswer(), "when does minusma have to leave?", matcher)
    text, _ = run(a.ActionAnswer(), "whats the budget for the withdrawal?", matcher, **slots)
    assert text.startswith("The report does not give") and "1,736,145" not in text
    # "when does it have to be out?": "out" is no word the deadline lacks
    text, _ = run(a.ActionAnswer(), "when does it have to be out?", matcher, **slots)
    assert "31 December 2023" in text and "(para. 36)" in text


def test_the_people_a_follow_up_counts_are_its_own(matcher):
    # (dev121) at least 50% women is how many of the platoons have to be women
    _, slots = run(a.ActionAnswer(), "what's an engagement platoon?", matcher)
    text, _ = run(a.ActionAnswer(), "how many of them have to be women?", matcher, **slots)
    assert "50%" in text and "(para. 31)" in text
    # the report counts no women among the peacekeepers killed: not the convictions of footnote 14
    _, slots = run(a.ActionAnswer(), "how many peacekeepers were killed since 2013?", matcher)
    text, _ = run(a.ActionAnswer(), "how many of them were women?", matcher, **slots)
    assert text.startswith("The report does not give that for women.") and "convict" not in text


def test_a_follow_up_is_of_the_places_the_conversation_is_about(matcher):
    # (dev21, dev28) the attack in Lebanon is no count of those killed in the protests against MONUSCO
    _, slots = run(a.ActionAnswer(), "What does the report say about the protests against MONUSCO?", matcher)
    text, _ = run(a.ActionAnswer(), "how many people were killed in those demonstrations?", matcher, **slots)
    assert text.startswith("The report does not give") and "Aqibiyah" not in text
    # ... while "it" two answers back is still UNIFIL, and "the SC res" is a Security Council resolution
    _, slots = run(a.ActionAnswer(), "Which mission was one of the first to provide gender-sensitive accommodation?", matcher)
    _, slots = run(a.ActionAnswer(), "funded by what?", matcher, **slots)
    text, _ = run(a.ActionAnswer(), "how many women-only accommodation blocks did it include?", matcher, **slots)
    assert "four" in text and "(para. 32)" in text
    _, slots = run(a.ActionAnswer(), "convictions for killing PKs - any progress?", matcher)
    text, _ = run(a.ActionAnswer(), "under which SC res is that work?", matcher, **slots)
    assert "2589" in text
    # (dev60, dev82) a date that speaks neither of the turn's words nor of the Academy is another thing's
    _, slots = run(a.ActionAnswer(), "the report mentions a Peacekeeping Intelligence Academy", matcher)
    text, _ = run(a.ActionAnswer(), "what year did it open?", matcher, **slots)
    assert text.startswith("The report does not give") and "2018" not in text and "28,500" not in text


def test_a_question_of_its_own_after_a_missions_card_is_of_all_missions(matcher):
    # (found trying it as a stranger) after "what is MINUSMA?", the peacekeepers killed since 1948 are all of them
    _, slots = run(a.ActionAnswer(), "what is MINUSMA?", matcher)
    text, _ = run(a.ActionAnswer(), "how many uniformed peacekeepers were killed since 1948?", matcher, **slots)
    assert "1,067" in text and "(para. 44)" in text
    # ... however the classifier reads it
    text, _ = run(a.ActionFollowup(), "how many uniformed peacekeepers were killed since 1948?", matcher, "ask_followup", **slots)
    assert "1,067" in text and "(para. 44)" in text


def test_a_turn_read_past_its_opening_and_a_document_by_its_number(matcher):
    # (dev123) "ok MINUSMA and MINUSCA." repeats the last answer, "Let's talk technology." announces: neither is asked
    _, slots = run(a.ActionAnswer(), "which missions set up joint planning units?", matcher)
    text, _ = run(
        a.ActionFollowup(),
        "ok MINUSMA and MINUSCA. there was also something about fuel convoys to team sites, which mission was that?",
        matcher,
        "ask_followup",
        **slots,
    )
    assert "MINURSO" in text and "(para. 20)" in text
    text, slots = run(a.ActionAnswer(), "Let's talk technology. What's Unite Aware?", matcher, "out_of_scope")
    assert "Unite Aware" in text and not text.startswith("The report does not")
    # "what's the number of that one?" after a resolution is its symbol; "those trainings ... run" are the 14 conducted
    _, slots = run(
        a.ActionAnswer(), "Is there a Council resolution welcoming peacekeeping's contribution to sustaining peace?", matcher
    )
    assert "2282" in run(a.ActionFollowup(), "what's the number of that one?", matcher, "ask_followup", **slots)[0]
    _, slots = run(
        a.ActionAnswer(), "Does the Department of Peace Operations train the trainers from troop contributing countries?", matcher
    )
    text, _ = run(a.ActionFollowup(), "how many of those trainings did they run in 2022/23?", matcher, "ask_followup", **slots)
    assert "14" in text and "(para. 34)" in text


def test_names_asked_of_a_role_the_report_names_nobody_in(matcher):
    # (dev43) Captain Erzuah, a gender advocate, is no force commander
    _, slots = run(a.ActionAnswer(), "are any military-led missions headed by women?", matcher)
    text, _ = run(
        a.ActionFollowup(), "ok all men. can you give me the names of those force commanders?", matcher, "ask_followup", **slots
    )
    assert text.startswith("The report does not name") and "Erzuah" not in text


def test_what_a_thing_told_with_the_last_answer_is_called_and_holds(matcher):
    # (dev117) the campaign's name in quotes, told beside paragraph 52; (dev108) "contain" is no word of its own
    _, slots = run(
        a.ActionAnswer(),
        "What did the Secretariat launch in 2023 to show the value of peacekeeping to host communities?",
        matcher,
    )
    text, _ = run(a.ActionFollowup(), "What was the campaign called?", matcher, "ask_followup", **slots)
    assert "Peace begins with me" in text and "(para. 52)" in text
    _, slots = run(a.ActionAnswer(), "What is the Comprehensive Planning and Performance Assessment System?", matcher)
    text, _ = run(a.ActionFollowup(), "How many data points does it contain?", matcher, "ask_followup", **slots)
    assert "35,000" in text and "(para. 65)" in text


def test_the_next_and_the_one_before_step_through_numbered_things(matcher):
    # (dev97) "and the next one?" after priority 1 is priority 2; the one before footnote 18 is footnote 17
    _, slots = run(a.ActionAnswer(), "What's A4P+ priority 1?", matcher)
    assert run(a.ActionFollowup(), "and the next one?", matcher, "ask_followup", **slots)[0].startswith("A4P+ priority 2")
    _, slots = run(a.ActionAnswer(), "footnote 18", matcher)
    assert run(a.ActionFollowup(), "and the one before?", matcher, "ask_followup", **slots)[0].startswith("Footnote 17")
    _, slots = run(a.ActionAnswer(), "脚注3", matcher)
    assert run(a.ActionFollowup(), "下一个呢？", matcher, "ask_followup", **slots)[0].startswith("脚注4")
    _, slots = run(a.ActionAnswer(), "paragraph 12", matcher)
    assert run(a.ActionSource(), "next paragraph please", matcher, "ask_source", **slots)[0].startswith("Paragraph 13")


def test_what_a_mission_did_about_what_was_said_of_it_and_a_correction_in_lower_case(matcher):
    # (dev67) the protests against MONUSCO do not name it: what it is doing about them is told beside them
    _, slots = run(a.ActionAnswer(), "disinfo against pkers in drc?", matcher)
    text, _ = run(a.ActionFollowup(), "what is MONUSCO doing about it?", matcher, "ask_followup", **slots)
    assert "parliamentarians" in text and "(para. 53)" in text
    # (dev25) "i meant car" is all a correction says: the Central African Republic
    _, slots = run(a.ActionAnswer(), "what gender quota did they push for women in local peace committees in drc", matcher)
    text, _ = run(a.ActionFollowup(), "wrong country - i meant car", matcher, "ask_followup", **slots)
    assert "35%" in text and "(para. 62)" in text


def test_a_subject_named_first_a_plural_kind_and_a_person_of_another_body(matcher):
    # (dev124) "that one" is the plan the turn names first, not the A4P launch before it
    _, slots = run(a.ActionAnswer(), "What is Action for Peacekeeping and when did it kick off?", matcher)
    text, _ = run(
        a.ActionFollowup(), "and the A4P+ implementation plan, what years does that one cover?", matcher, "ask_followup", **slots
    )
    assert "2021" in text and "(para. 2)" in text
    # "the hybrid operation" is UNAMID, the one the report speaks of
    text, _ = run(a.ActionAnswer(), "what did Sudan set up when the hybrid operation pulled out?", matcher)
    assert "State liaison" in text and "(para. 24)" in text
    # "which of its reports" asks for both the footnote cites
    _, slots = run(
        a.ActionAnswer(), "which factors does the Special Committee on Peacekeeping say performance depends on?", matcher
    )
    text, _ = run(a.ActionFollowup(), "which of its reports does the footnote cite for that?", matcher, "ask_followup", **slots)
    assert "A/75/19" in text and "A/77/19" in text
    # the head of another body than the last answer's is not its chair
    _, slots = run(a.ActionAnswer(), "who chaired the 2015 panel?", matcher)
    text, _ = run(a.ActionFollowup(), "who heads the Department of Peace Operations?", matcher, "ask_followup", **slots)
    assert text.startswith("The report does not name that person")


def test_the_mission_someone_served_with_and_a_bare_results(matcher):
    # (dev107) where Captain Erzuah served: UNISFA's full name
    _, slots = run(a.ActionAnswer(), "Who is Cecilia Erzuah?", matcher)
    text, _ = run(a.ActionFollowup(), "what is the full name of the mission she served with?", matcher, "ask_followup", **slots)
    assert "United Nations Interim Security Force for Abyei" in text
    # (dev106) "results?" of a test still to come
    _, slots = run(a.ActionAnswer(), "unmiss casevac stress test - when?", matcher)
    text, _ = run(a.ActionFollowup(), "results?", matcher, "ask_followup", **slots)
    assert text.startswith("The report does not say how that turned out")


def test_a_noun_pointing_at_the_last_answer_says_what_is_asked_about(matcher):
    # (dev109) "that shift" is the last answer's; the frameworks are named in the sentence after it
    _, slots = run(a.ActionAnswer(), "What does section V say about data and digital technology?", matcher)
    text, _ = run(a.ActionFollowup(), "Which frameworks does he name for that shift?", matcher, "ask_followup", **slots)
    assert "quintet of change" in text and "(para. 77)" in text


def test_reports_a_thing_is_from_and_an_abbreviated_follow_up(matcher):
    # (dev126) "which C-34 reports is that from?" after paragraph 5's factors: both the footnote cites
    _, slots = run(
        a.ActionAnswer(),
        "what factors does the Special Committee on Peacekeeping Operations say performance depends on?",
        matcher,
    )
    text, _ = run(a.ActionFollowup(), "which C-34 reports is that from?", matcher, "ask_followup", **slots)
    assert "A/75/19" in text and "A/77/19" in text
    # "CSOs" are civil society organizations
    _, slots = run(a.ActionAnswer(), "what's the figure for women's participation in the Nairobi process?", matcher)
    text, _ = run(a.ActionFollowup(), "across how many CSOs?", matcher, "ask_followup", **slots)
    assert "110" in text and "(para. 61)" in text


def test_troop_contributors_written_out(matcher):
    # (dev61) "T/PCCs" are the troop- and police-contributing countries the report writes to
    text, _ = run(a.ActionAnswer(), "who flags capability gaps to the T/PCCs every quarter?", matcher)
    assert "Operational Support" in text and "(para. 70)" in text


def test_where_the_asker_serves_the_one_meant_and_a_missions_own_figure(matcher):
    # (dev128) the mission the asker serves with is who asks, not what is asked
    text, _ = run(
        a.ActionAnswer(),
        "hi, I'm a planning officer at MINUSCA HQ and I'm going through the SG's 2023 report. "
        "Which Security Council document actually requested this report?",
        matcher,
    )
    assert "S/PRST/2022/6" in text and "(para. 1)" in text
    # (dev127) "the one in lebanon" narrows the last question; "it" is that one
    _, slots = run(a.ActionAnswer(), "any example of disinformation leading to violence against peacekeepers?", matcher)
    text, _ = run(
        a.ActionFollowup(), "no, I meant the one in lebanon - where exactly did it happen?", matcher, "ask_followup", **slots
    )
    assert "Aqibiyah" in text and "(para. 53)" in text
    # (dev128) all missions' emissions are not UNMISS's, nor is its card an answer
    text, _ = run(a.ActionAnswer(), "what were UNMISS's greenhouse gas emissions?", matcher)
    assert text.startswith("The report does not")
    _, slots = run(a.ActionAnswer(), "environment strategy results?", matcher)
    text, _ = run(
        a.ActionFollowup(), "and what were UNMISS's greenhouse gas emissions specifically?", matcher, "ask_followup", **slots
    )
    assert text.startswith("The report does not")


def test_an_ellipsis_in_words_the_report_never_uses_and_a_panel_meant_instead(matcher):
    # (dev129) the report gives no water consumption: no other of the environment figures is its answer
    _, slots = run(a.ActionAnswer(), "GHG emissions per person under the env strategy?", matcher)
    text, _ = run(a.ActionFollowup(), "and water consumption?", matcher, "ask_followup", **slots)
    assert text.startswith("The report does not")
    # (dev126) "the car" of an ellipsis is the Central African Republic
    _, slots = run(a.ActionAnswer(), "what about wps in the drc transition plan?", matcher)
    text, _ = run(a.ActionFollowup(), "and in the car?", matcher, "ask_followup", **slots)
    assert "35" in text and "(para. 62)" in text
    # (dev130) "wrong one - the 2015 panel" asks the last question of the panel it names
    _, slots = run(a.ActionAnswer(), "Who chaired the 2000 Panel on United Nations Peace Operations?", matcher)
    text, _ = run(
        a.ActionFollowup(), "sorry, wrong one - the 2015 high-level independent panel", matcher, "ask_followup", **slots
    )
    assert "Ramos-Horta" in text and "(paras. 6, 78)" in text


def test_an_ellipsis_the_last_answer_named_in_passing_and_a_persons_mission(matcher):
    # (dev132) "women" were among the 200 participants: "and what about women?" asks their share, not those 200 again
    _, slots = run(a.ActionAnswer(), "How many participants did MONUSCO help bring into the Nairobi process?", matcher)
    text, _ = run(a.ActionFollowup(), "and what about women?", matcher, "ask_followup", **slots)
    assert "40%" in text and "(para. 61)" in text
    # the mission of the person the last answer named, found again after another question
    _, slots = run(a.ActionAnswer(), "what does the report say about captain cecilia erzuah", matcher)
    _, slots = run(a.ActionAnswer(), "btw what does A4P+ focus on", matcher, **slots)
    text, _ = run(a.ActionAnswer(), "anyway back to her, which mission was she serving with?", matcher, **slots)
    assert text.startswith("In UNISFA") and "(para. 31)" in text
    # what happened to a restriction asks no figure of the drones it names
    _, slots = run(a.ActionAnswer(), "Which mission had a 10-month restriction on night flights?", matcher)
    text, _ = run(a.ActionFollowup(), "and what happened with their drone restrictions?", matcher, "ask_followup", **slots)
    assert "notification" in text and "(para. 57)" in text


def test_a_chinese_part_of_an_english_count_and_the_whole_peacekeeping_budget(matcher):
    asked = "How many pledges were registered in the Peacekeeping Capability Readiness System at the start of 2022/23?"
    _, slots = run(a.ActionAnswer(), asked, matcher)
    text, _ = run(a.ActionFollowup(), "其中有多少支部队经核实可以快速部署？", matcher, "ask_followup", **slots)
    assert text.startswith("在2022/23财政年度开始时") and "13支" in text
    _, slots = run(a.ActionAnswer(), "What was the budget of the trust fund for SEA victims in 2022/23?", matcher)
    text, _ = run(a.ActionFollowup(), "and the total peacekeeping budget for that year?", matcher, "ask_followup", **slots)
    assert text.startswith("The report does not") and "1,736,145" not in text


def test_where_the_asker_deploys_and_this_year_are_not_what_is_asked(matcher):
    asked = (
        "I'm deploying to MINUSMA as a military observer next month and IEDs are my main worry. How many peacekeepers"
        " died from explosives this year according to the report?"
    )
    text, slots = run(a.ActionAnswer(), asked, matcher)
    assert "5 of the 7" in text and "(para. 38)" in text
    text, _ = run(
        a.ActionAnswer(), "ok. which document is that independent strategic review on explosive threats?", matcher, **slots
    )
    assert text.startswith("S/2021/1042")


def test_a_language_request_for_a_purpose_a_head_unnamed_and_going_back_in_lower_case(matcher):
    # (dev134) what the request says it is for asks nothing: the last answer again, in English
    _, slots = run(a.ActionAnswer(), "自1948年以来，有多少军警维和人员因恶意行为丧生？", matcher)
    text, _ = run(a.ActionAnswer(), "English pls, for my radio script", matcher, **slots)
    assert "1,067" in text and "(para. 44)" in text
    _, slots = run(a.ActionAnswer(), "What did the Office for Peacekeeping Strategic Partnership reviews lead to?", matcher)
    text, _ = run(a.ActionAnswer(), "who heads that office?", matcher, **slots)
    assert text.startswith("The report does not")
    # "back to cpas" read in the message's own case, on its own
    _, slots = run(a.ActionAnswer(), "What is CPAS and what does it do?", matcher)
    _, slots = run(a.ActionAnswer(), "Unrelated, where is the 2023 peacekeeping ministerial being held?", matcher, **slots)
    text, _ = run(a.ActionFollowup(), "Anyway back to CPAS, how many data points does it hold?", matcher, "ask_followup", **slots)
    assert "35,000" in text and not text.startswith("The report does not")
    # a date asked is one the reply says, not one its count is dated by
    _, slots = run(a.ActionAnswer(), "Can you explain what A4P+ is in two sentences for radio listeners?", matcher)
    text, _ = run(a.ActionFollowup(), "when was it launched?", matcher, "ask_followup", **slots)
    assert "2021" in text and "(para. 14)" in text


def test_an_aside_a_hearsay_a_judgement_and_a_correction_that_found_the_same_answer(matcher):
    # (dev135) what puts the question aside, or says where the asker heard of it, asks nothing
    text, _ = run(
        a.ActionAnswer(),
        "Actually, before we carry on, what happened in Aqibiyah? I think one of our instructors mentioned it.",
        matcher,
    )
    assert "December 2022" in text and not text.startswith("The report does not")
    _, slots = run(a.ActionAnswer(), "why is MINUSMA leaving?", matcher)
    text, _ = run(
        a.ActionFollowup(), "do u think that was the right call by the transitional government", matcher, "ask_followup", **slots
    )
    assert text.startswith("The report does not give opinions")
    # no correction means the last answer again: what it says, read alone
    _, slots = run(a.ActionAnswer(), "how many women lead police components?", matcher)
    text, _ = run(
        a.ActionFollowup(),
        "no I meant the share of all senior leadership positions across the 12 operations",
        matcher,
        "ask_followup",
        **slots,
    )
    assert "29%" in text and "(para. 30)" in text
    # a group the last question asked is no constraint of a question of its own
    _, slots = run(a.ActionAnswer(), "how often are formed police units evaluated?", matcher)
    text, _ = run(
        a.ActionFollowup(),
        "and who sends quarterly letters to TCCs and PCCs about capability gaps?",
        matcher,
        "ask_followup",
        **slots,
    )
    assert text.startswith("The Under-Secretary-General for Operational Support")
    # South Sudan alone hosts UNMISS (UNISFA is in Abyei, between the Sudan and South Sudan)
    text, _ = run(a.ActionAnswer(), "What did the mission in South Sudan do to protect civilians?", matcher)
    assert "UNMISS" in text and "(para. 8)" in text


def test_a_share_an_ellipsis_asks_is_asked_of_the_last_subject(matcher):
    # "比例" asked alone: the women's share in the Nairobi process (40%), not the 200 participants again
    _, slots = run(a.ActionAnswer(), "联刚稳定团在内罗毕进程中做了什么？", matcher)
    text, _ = run(a.ActionFollowup(), "那妇女的参与比例呢？", matcher, "ask_followup", **slots)
    assert "40%" in text and "（第61段）" in text


def test_two_things_asked_of_the_last_answer(matcher):
    # "the resolution number" asks a document's symbol, of the mission the last answer named (dev137)
    _, slots = run(a.ActionAnswer(), "the Mali transitional government asked MINUSMA to leave, right?", matcher)
    text, _ = run(a.ActionAnswer(), "remind me of the deadline and the resolution number", matcher, **slots)
    assert "2690" in text and "31 December 2023" in text and "(para. 36)" in text
    # a time asked besides a place: the example that says one
    _, slots = run(
        a.ActionAnswer(), "does the report give an example where disinformation led to violence against peacekeepers?", matcher
    )
    text, _ = run(a.ActionFollowup(), "where and when exactly?", matcher, "ask_followup", **slots)
    assert "Aqibiyah" in text and "December 2022" in text and "(para. 53)" in text
    # in words of its own, what the last answer's paragraph tells of it
    _, slots = run(
        a.ActionAnswer(), "I'd love a named role model for my gender module, something about engagement platoons", matcher
    )
    text, _ = run(a.ActionAnswer(), "who was recognised and in which mission?", matcher, **slots)
    assert "Erzuah" in text and "UNISFA" in text and "(para. 31)" in text


def test_the_figures_of_a_subject_are_given_together(matcher):
    text, _ = run(a.ActionAnswer(), "any numbers on how the Peace begins with me hashtag did?", matcher)
    assert "28,500" in text and "15,900" in text and "(para. 52)" in text
    # a question put aside with "quick one:" asks what follows it
    text, _ = run(a.ActionAnswer(), "quick one: where was Unite Aware piloted first?", matcher)
    assert text.startswith("The situational awareness tool") and "UNFICYP" in text


def test_what_a_turn_asks_of_a_summary_or_a_source(matcher):
    # where a thing is seated is no question of where the report says so (dev139)
    _, slots = run(a.ActionAnswer(), "what has the secretariat done on peacekeeping-intelligence?", matcher)
    text, _ = run(a.ActionSource(), "where is that academy based?", matcher, "ask_source", **slots)
    assert text.startswith("The report does not say where")
    # a priority's summary tells each place's figure: Lebanon's joint patrols are no figure of several countries (dev140)
    _, slots = run(a.ActionAnswer(), "my ambassador asked about cooperation with host countries, especially Lebanon", matcher)
    text, _ = run(a.ActionAnswer(), "黎巴嫩那边，联合巡逻的比例是怎么变化的？", matcher, **slots)
    assert "13%" in text and "20%" in text and "（第56段）" in text
    # "oh wait, i meant ..." corrects the place of the last question
    _, slots = run(a.ActionAnswer(), "what gender quota for women did MONUSCO help secure in the DRC?", matcher)
    text, _ = run(a.ActionAnswer(), "oh wait, i meant the central african republic", matcher, **slots)
    assert "35%" in text and "(para. 62)" in text
    text, _ = run(a.ActionAnswer(), "on what basis can the Secretariat repatriate a whole unit?", matcher)
    assert "2272" in text and "(para. 46)" in text
    _, slots = run(a.ActionAnswer(), "who's the 2022 Military Gender Advocate of the Year the report mentions?", matcher)
    text, _ = run(a.ActionAnswer(), "which country's battalion was she with?", matcher, **slots)
    assert text.startswith("The report does not give the nationality")
    # a premise put for confirmation is put right by the whole of what the report says
    text, _ = run(a.ActionAnswer(), "so fatalities from malicious acts kept dropping every year after the Action Plan?", matcher)
    assert "2021 and 2022" in text and "(para. 37)" in text


def test_a_turn_whole_on_its_own_and_two_asks_in_one(matcher):
    # a question whole on its own is not led by the last one's words to another figure of its paragraph (dev142)
    _, slots = run(a.ActionAnswer(), "are any military-led missions headed by women?", matcher)
    text, _ = run(
        a.ActionFollowup(),
        "and across the 12 operations, what share of ALL senior leadership posts do women hold?",
        matcher,
        "ask_followup",
        **slots,
    )
    assert "29%" in text and "43%" not in text
    # heads and deputy heads: each asked (dev141), and facts saying the same are told once
    text, _ = run(a.ActionAnswer(), "what share of heads and deputy heads of civilian-led missions are women?", matcher)
    assert "43%" in text and "33%" in text
    text, _ = run(a.ActionAnswer(), "women in senior mission leadership: what numbers does the report give?", matcher)
    assert text.count("29%") == 1


def test_a_document_of_the_report_a_priority_and_a_missions_name(matcher):
    text, _ = run(
        a.ActionAnswer(),
        "Hello, I'm the desk officer at our foreign ministry and I need to brief the minister before the "
        "open debate. Which Council document actually requested this performance report?",
        matcher,
    )
    assert text.startswith("S/PRST/2022/6")
    # "does the report mention ..." searches no hashtag "mentioned" 28,500 times
    _, slots = run(
        a.ActionAnswer(), "for my essay i need the climate-conflict link. does the report mention climate change?", matcher
    )
    text, _ = run(a.ActionAnswer(), "which document does the footnote cite for that?", matcher, **slots)
    assert text.startswith("A/77/CRP.1/Add.8")
    # after a sentence of priority 4, its first paragraph is no answer to what it does not tell (dev142)
    _, slots = run(a.ActionAnswer(), "IED threat - what has been done about it?", matcher)
    text, _ = run(a.ActionAnswer(), "which missions had their unit requirements statements revised?", matcher, **slots)
    assert "MINUSMA, MONUSCO and MINUSCA" in text and "(para. 39)" in text
    # the mission's name asked in Chinese is its card in Chinese (dev141)
    _, slots = run(a.ActionAnswer(), "where was the Unite Aware tool first piloted?", matcher)
    text, _ = run(a.ActionAnswer(), "那个特派团的中文名称是什么？请用中文回答", matcher, **slots)
    assert text.startswith("联塞部队（UNFICYP）")


def test_premises_resolutions_and_corrections_of_dev143_144(matcher):
    # "those figures" are the turn's own, put for confirmation, not a thing of the last answer (dev143)
    _, slots = run(a.ActionAnswer(), "Permit me to turn to the safety and security of peacekeepers.", matcher)
    text, _ = run(
        a.ActionAnswer(),
        "My recollection is that the report states some 1,200 uniformed peacekeepers have been killed by malicious acts "
        "since 1948, roughly 300 of them since 2013. Would you kindly confirm those figures?",
        matcher,
        **slots,
    )
    assert "1,067" in text and "331" in text
    # "under wat res?" after an answer citing two resolutions: both (dev143)
    _, slots = run(a.ActionAnswer(), "lebanon econ crisis - wat did unifil do?", matcher)
    text, _ = run(a.ActionAnswer(), "under wat res?", matcher, **slots)
    assert "2591" in text and "2650" in text
    # "the other way round" says nothing the report lacks (dev144)
    _, slots = run(a.ActionAnswer(), "Does the report say MINUSMA has a Senior Victims' Rights Officer?", matcher)
    text, _ = run(
        a.ActionAnswer(),
        "no sorry, I meant the other way round: which missions does the report say have set up Senior Victims' Rights Officers?",
        matcher,
        **slots,
    )
    assert text.startswith("MINUSCA, MONUSCO and UNMISS")
    # "both the wastewater and the solid waste figures" asks each (dev144)
    _, slots = run(a.ActionAnswer(), "On the environment strategy, you mentioned improvements against a baseline.", matcher)
    text, _ = run(
        a.ActionAnswer(), "Can you give me both the wastewater and the solid waste figures, before and after?", matcher, **slots
    )
    assert "66%" in text and "72%" in text and "39%" in text and "51%" in text


def test_documents_of_a_mission_or_priority_and_a_share_asked(matcher):
    # a document asked of a mission or a priority is no card or summary of it (dev146)
    text, _ = run(a.ActionAnswer(), "Which Secretary-General's report is cited on MONUSCO's joint transition plan?", matcher)
    assert text.startswith("S/2023/451")
    _, slots = run(a.ActionAnswer(), "What does the report ask of Member States on strategic communications?", matcher)
    text, _ = run(
        a.ActionAnswer(),
        "Which document sets out the 2023 strategic review of peacekeeping strategic communications?",
        matcher,
        **slots,
    )
    assert text.startswith("S/2023/282")
    # "the actual figure" of a share asked is the share, no headcount (dev146)
    text, _ = run(
        a.ActionAnswer(),
        "Please tell me the actual figure: what is the minimum share of women in engagement teams and platoons?",
        matcher,
    )
    assert "50%" in text and "(para. 31)" in text
    _, slots = run(a.ActionAnswer(), "Who was recognized as the 2022 Military Gender Advocate of the Year?", matcher)
    text, _ = run(a.ActionAnswer(), "Which country does she serve?", matcher, **slots)
    assert text.startswith("The report does not give the nationality")
    _, slots = run(a.ActionAnswer(), "Which mission piloted the Unite Aware tool?", matcher)
    text, _ = run(a.ActionAnswer(), "请用中文告诉我这个特派团的名称。", matcher, **slots)
    assert text.startswith("联塞部队（UNFICYP）")


def test_what_a_follow_up_asks_of_the_last_answer_dev147_150(matcher):
    # how often: the last answer's quarterly evaluations, not another sentence of its paragraph (dev147)
    _, slots = run(a.ActionAnswer(), "What does the report say about how formed police units get evaluated?", matcher)
    text, _ = run(a.ActionAnswer(), "How often does that evaluation happen?", matcher, **slots)
    assert "every quarter" in text and "(para. 69)" in text
    # one of the three countries a count covers, asked alone: not that count (dev149)
    _, slots = run(a.ActionAnswer(), "how many convictions for crimes against peacekeepers?", matcher)
    text, _ = run(a.ActionFollowup(), "and in Mali alone?", matcher, "ask_followup", **slots)
    assert text.startswith("The report does not give that for Mali")
    # what came next in time, of the last answer's paragraph (dev149)
    _, slots = run(a.ActionAnswer(), "When was the Action Plan to Improve the Security of UN Peacekeepers launched?", matcher)
    text, _ = run(a.ActionAnswer(), "And what happened in the two years after that?", matcher, **slots)
    assert "In 2021 and 2022" in text and "increased" in text
    # the kind asked ("which resolution") is no example of it; a place named before the question (dev149, dev150)
    _, slots = run(a.ActionAnswer(), "since when have hostilities between Israel and Lebanon been ceased?", matcher)
    text, _ = run(
        a.ActionAnswer(), "And which resolution does it cite for the Council commending the mission there?", matcher, **slots
    )
    assert text.startswith("S/RES/2650 (2022)")
    _, slots = run(a.ActionAnswer(), "what does the report say about the Central African Republic's civil servants?", matcher)
    text, _ = run(
        a.ActionAnswer(),
        "Not that one, the Lebanon one. Under which resolutions is the non-lethal material support provided?",
        matcher,
        **slots,
    )
    assert text.startswith("S/RES/2591 (2021)")
    # figures of a change told only in words (dev150)
    _, slots = run(
        a.ActionAnswer(),
        "The report says the number of civil servants deployed across the Central African Republic more than tripled.",
        matcher,
    )
    text, _ = run(a.ActionAnswer(), "From how many to how many?", matcher, **slots)
    assert text.startswith("The report does not give")


def test_whole_follow_ups_openings_and_corrections_dev149_150(matcher):
    # things described by what they did are asked on their own (dev149)
    _, slots = run(
        a.ActionAnswer(),
        "Which mission was among the first to provide gender-sensitive accommodation with Elsie Initiative Fund support?",
        matcher,
    )
    text, _ = run(a.ActionAnswer(), "And the missions that completed pilot projects with that money?", matcher, **slots)
    assert text.startswith("MINUSCA, MINUSMA, MONUSCO and UNISFA")
    # who asks through the asker, and a plainer telling asked, are no part of the question (dev149, dev150)
    text, _ = run(
        a.ActionAnswer(),
        "Our capital is asking: when can the Secretariat repatriate an entire unit over sexual exploitation and abuse?",
        matcher,
    )
    assert text.startswith("S/RES/2272 (2016)")
    _, slots = run(a.ActionAnswer(), "What did the Environment Strategy for Peace Operations achieve on wastewater?", matcher)
    text, _ = run(a.ActionAnswer(), "Say that again more simply: from what to what?", matcher, **slots)
    assert "66%" in text and "72%" in text
    # "military police and civilian" is everyone deployed; "right now-ish" is no year of the last question (dev149)
    _, slots = run(a.ActionAnswer(), "how many UN PKOs since 1948 per the report", matcher)
    text, _ = run(
        a.ActionAnswer(), "and how many personnel deployed right now-ish, military police and civilian?", matcher, **slots
    )
    assert "88,000" in text
    # a bare "which ones?" after the kind it asks of names no countries (dev149)
    text, _ = run(
        a.ActionAnswer(),
        "the report also cites other presidential statements stressing how important peacekeeping is. Which ones?",
        matcher,
    )
    assert "S/PRST/2021/11" in text and "S/PRST/2022/5" in text
    # what a correction did not mean, before the question it asks (dev150)
    _, slots = run(
        a.ActionAnswer(), "Have national investigations into crimes against peacekeepers increased since 2019?", matcher
    )
    text, _ = run(
        a.ActionAnswer(), "Sorry, I meant convictions, not investigations. How many, and in which countries?", matcher, **slots
    )
    assert "71" in text and "(para. 44)" in text
    # "those trainer trainings" are the 14 training-of-trainers courses (dev150)
    _, slots = run(
        a.ActionAnswer(), "What capacity-building support does the Department of Peace Operations give Member States?", matcher
    )
    text, _ = run(a.ActionAnswer(), "How many of those trainer trainings did it run in 2022/23?", matcher, **slots)
    assert "14" in text and "(para. 34)" in text


def test_introductions_other_panels_forecasts_and_thanks_dev151_152(matcher):
    # what brought the report about is asked whatever the asker said first (dev151)
    text, _ = run(
        a.ActionAnswer(),
        "I'm preparing a brief for our delegation ahead of the Fifth Committee. What prompted the Secretary-General to "
        "produce this report on the overall performance of peacekeeping operations?",
        matcher,
    )
    assert "S/PRST/2022/6" in text
    # what a panel recommended is no recommendation of the report's; "the other panel" is not the last one (dev151)
    text, slots = run(a.ActionAnswer(), "what did the brahimi panel recommend according to the report", matcher)
    assert "(para. 6)" in text
    text, _ = run(
        a.ActionAnswer(),
        "no sorry i meant the other panel, the one 15 yrs later. whats the doc symbol for its report?",
        matcher,
        **slots,
    )
    assert text.startswith("A/70/95-S/2015/446")
    # what the asker expects is a forecast; "over the same period" is the last question's (dev151)
    _, slots = run(a.ActionAnswer(), "What does the report say about MONUSCO's joint transition plan?", matcher)
    text, _ = run(
        a.ActionAnswer(), "Do you expect MONUSCO to have fully withdrawn from the DRC by the end of 2024?", matcher, **slots
    )
    assert text.startswith("The report does not give opinions")
    _, slots = run(
        a.ActionAnswer(), "How many uniformed peacekeepers have lost their lives to malicious acts since 1948?", matcher
    )
    text, _ = run(a.ActionAnswer(), "Sorry, not deaths: how many were injured over the same period?", matcher, **slots)
    assert text.startswith("The report does not give") and "three peacekeepers" not in text
    # thanks, then a question: the question (dev152)
    _, slots = run(a.ActionAnswer(), "what does the report say about how formed police units are evaluated?", matcher)
    text, _ = run(a.ActionSmallTalk(), "Thank you. How often does that happen, then?", matcher, "thank", **slots)
    assert "every quarter" in text


def test_a_name_nobody_holds_a_currency_and_a_place_not_meant_dev154(matcher):
    # who holds a post now, asked after a panel's chair: the report names nobody (dev154)
    _, slots = run(a.ActionAnswer(), "Who chaired the High-level Independent Panel on Peace Operations?", matcher)
    text, _ = run(a.ActionAnswer(), "And who is the current Under-Secretary-General for Peace Operations?", matcher, **slots)
    assert text.startswith("The report does not name that person")
    # "US dollars" names no country (dev154)
    _, slots = run(a.ActionAnswer(), "how many projects did the trust fund support in the 2022/23 budget year?", matcher)
    text, _ = run(a.ActionAnswer(), "What was the budget in US dollars?", matcher, **slots)
    assert "1,736,145" in text
    # the place a correction did not mean is no longer asked of (dev154)
    _, slots = run(
        a.ActionAnswer(), "What does the report say about the 2023 Peacekeeping Ministerial meeting in Nairobi?", matcher
    )
    text, _ = run(a.ActionAnswer(), "Oops, maybe not Nairobi. Where is it being held?", matcher, **slots)
    assert "Accra" in text and "(para. 26)" in text
    # "before my capital asks me" asks no capital city (dev152)
    text, _ = run(
        a.ActionAnswer(),
        "Before my capital asks me, could you summarize what the report says about how formed police units are evaluated?",
        matcher,
    )
    assert "quarterly" in text and "(para. 69)" in text


def test_the_last_answer_asked_again(matcher):
    # "could you repeat that figure for my notes?" after thanks: the last answer again (dev117)
    _, slots = run(
        a.ActionAnswer(), "How many pledges were registered in the PCRS at the start of the 2022/23 fiscal year?", matcher
    )
    text, _ = run(a.ActionSmallTalk(), "Thank you. Could you repeat that figure for my notes?", matcher, "thank", **slots)
    assert "272" in text and "(para. 27)" in text


def test_a_correction_of_oneself_asks_nothing_dev154(matcher):
    _, slots = run(
        a.ActionAnswer(), "The environment strategy improvements are measured against a 2017 baseline, right?", matcher
    )
    text, _ = run(
        a.ActionAnswer(),
        "Let me correct myself, I think I got the base year wrong. What baseline period does the report use?",
        matcher,
        **slots,
    )
    assert "2019-2020" in text and "(para. 51)" in text
    _, slots = run(
        a.ActionAnswer(),
        "The report says the Council has repeatedly called peacekeeping one of the most effective tools available to the "
        "UN. Is that from S/PRST/2022/6?",
        matcher,
    )
    text, _ = run(
        a.ActionAnswer(),
        "Hmm, no, I think I conflated it with the statement that requested this report. Which presidential statements "
        "does the report actually cite for that point?",
        matcher,
        **slots,
    )
    assert "S/PRST/2021/11" in text and "S/PRST/2022/6 —" not in text


def test_a_guess_at_the_quiz_then_a_question_dev154(matcher):
    text, _ = run(
        a.ActionAnswer(),
        "My answer to question 1 is 2018. Before you go on, though: what share of the UN system's annual expenditure "
        "goes to integrated settings and crisis-affected countries?",
        matcher,
    )
    assert "More than half" in text and "(para. 21)" in text
    text, _ = run(
        a.ActionAnswer(),
        "I say 331. Before you grade it: the footnote on MONUSCO's data mentions a high-profile case. In what year did it "
        "happen, and who were the victims?",
        matcher,
    )
    assert "2017" in text and "(para. 44)" in text


def test_where_a_document_can_be_read_dev154(matcher):
    text, _ = run(
        a.ActionAnswer(),
        "The report cites an OIOS synthesis of rule of law support in five peacekeeping operations. Where can I find it online?",
        matcher,
    )
    assert "https://oios.un.org/inspection-evaluation-reports" in text and "(para. 12)" in text


def test_a_thing_of_my_first_question_dev156(matcher):
    _, slots = run(
        a.ActionAnswer(), "When does the Secretariat repatriate entire units over sexual exploitation and abuse?", matcher
    )
    _, more = run(
        a.ActionAnswer(),
        "How many Member States told the Secretariat that their law recognizes DNA for establishing paternity?",
        matcher,
        **slots,
    )
    text, _ = run(
        a.ActionAnswer(),
        "Which Security Council resolution underpins the practice from my first question?",
        matcher,
        **{**slots, **more},
    )
    assert text.startswith("S/RES/2272 (2016)")


def test_a_language_asked_first_then_why_dev155(matcher):
    _, slots = run(a.ActionAnswer(), "1948年以来死于恶意行为的军警维和人员总数是多少", matcher)
    text, _ = run(a.ActionAnswer(), "english pls my chinese is rusty", matcher, **slots)
    assert "1,067" in text and "(para. 44)" in text
    _, slots = run(a.ActionAnswer(), "where's the 2023 peacekeeping ministerial being held", matcher)
    text, _ = run(a.ActionAnswer(), "now in chinese pls, my colleague needs the city name", matcher, **slots)
    assert "阿克拉" in text and "（第26段）" in text


def test_a_time_put_to_check_dev158_159(matcher):
    for asked in ("Was A4P launched in 2017?", "Guess: the original A4P initiative was launched in 2017."):
        text, _ = run(a.ActionAnswer(), asked, matcher)
        assert "March 2018" in text and "(para. 14)" in text
    text, _ = run(a.ActionAnswer(), "以行动促维和倡议是2017年启动的吗？", matcher)
    assert "2018年3月" in text and "（第14段）" in text
    text, _ = run(a.ActionAnswer(), "Were 300 peacekeepers killed in 2016?", matcher)  # no figure since 2013 for it
    assert text.startswith("The report does not give a figure for 2016.")


def test_who_sent_someone_and_where_a_body_set_things_out_dev158(matcher):
    _, slots = run(a.ActionAnswer(), "Who was recognized as the 2022 Military Gender Advocate of the Year?", matcher)
    text, _ = run(a.ActionFollowup(), "Which country deployed her?", matcher, **slots)
    assert text.startswith("The report does not give the nationality")
    asked = "Which intergovernmental body does the report say has identified the key factors peacekeeping performance depends on?"
    _, slots = run(a.ActionAnswer(), asked, matcher)
    text, _ = run(a.ActionFollowup(), "Where did it set them out?", matcher, **slots)
    assert "A/75/19" in text and "A/77/19" in text


def test_a_claim_read_out_for_checking_dev160(matcher):
    _, slots = run(a.ActionAnswer(), "The report mentions roadmaps for UN transitions.", matcher)
    text, _ = run(
        a.ActionAnswer(), "Our draft says the Secretary-General launched them in 2021. Is that the right year?", matcher, **slots
    )
    assert "2019" in text and "(para. 22)" in text
    _, slots = run(
        a.ActionAnswer(),
        "Which initiatives does the report focus on when it reviews efforts to strengthen peacekeeping?",
        matcher,
    )
    text, _ = run(
        a.ActionAnswer(), "Our draft says Action for Peacekeeping was launched in March 2019 - is that right?", matcher, **slots
    )
    assert "March 2018" in text and "(para. 14)" in text


def test_a_resolutions_number_things_counted_and_what_is_to_come_dev160_161(matcher):
    _, slots = run(
        a.ActionAnswer(),
        "Does the report mention the Security Council welcoming peacekeeping's contribution to sustaining peace?",
        matcher,
    )
    text, _ = run(a.ActionFollowup(), "What's the number and year of that resolution?", matcher, **slots)
    assert text.startswith("S/RES/2282 (2016)")
    text, _ = run(a.ActionAnswer(), "How many engagement platoons are currently deployed across all missions?", matcher)
    assert text.startswith("The report does not give an answer")
    for asked in (
        "Will the Council approve one with assessed contributions next year?",
        "And which city will host the next ministerial after that?",
    ):
        text, _ = run(a.ActionAnswer(), asked, matcher)
        assert text.startswith("The report does not give opinions or forecasts")


def test_who_an_answer_is_for_asks_no_country_dev161(matcher):
    _, slots = run(a.ActionAnswer(), "What did MINUSCA help bring armed groups to the table to sign?", matcher)
    text, _ = run(a.ActionAnswer(), "我有个中国学生，用中文说一下那个协议是哪一年的。", matcher, **slots)
    assert "2019年" in text and "（第8段）" in text


def test_when_peacekeeping_began_and_what_the_report_is_about_dev163(matcher):
    text, slots = run(a.ActionAnswer(), "when did UN peacekeeping even start? like what year", matcher)
    assert "1948" in text and "(para. 3)" in text
    text, _ = run(a.ActionFollowup(), "wait so how many operations have there been since then?", matcher, **slots)
    assert "70" in text and "(para. 3)" in text
    text, _ = run(
        a.ActionAnswer(),
        "hey so im doing model UN and got assigned this peacekeeping report S/2023/646, whats it basically about?",
        matcher,
    )
    assert text.startswith("S/2023/646 is this report")
    text, _ = run(
        a.ActionAnswer(),
        "The report mentions a dedicated DPO team on misinformation and disinformation. What does it do?",
        matcher,
    )
    assert not text.startswith("S/2023/646 is this report")


def test_two_asks_an_acronym_and_a_brand_dev163(matcher):
    _, slots = run(a.ActionAnswer(), "is UNIFIL mentioned as a success story?", matcher)
    text, _ = run(
        a.ActionAnswer(),
        "since when have hostilities between israel and lebanon been stopped, and which resolution commended it?",
        matcher,
        **slots,
    )
    assert "2006" in text and "2650" in text
    _, slots = run(a.ActionAnswer(), "where was Unite Aware piloted?", matcher)
    text, _ = run(a.ActionFollowup(), "what does that acronym stand for?", matcher, **slots)
    assert "United Nations Peacekeeping Force in Cyprus" in text
    text, _ = run(a.ActionAnswer(), "How many TikTok views did the campaign get?", matcher)
    assert text.startswith("The report does not mention TikTok")
    text, _ = run(a.ActionAnswer(), "StratCom review done in 2023?", matcher)
    assert "S/2023/282" in text


def test_a_whole_question_after_another_dev162(matcher):
    _, slots = run(
        a.ActionAnswer(),
        "How many United Nations peacekeeping operations have been deployed since 1948 according to the report?",
        matcher,
    )
    text, _ = run(
        a.ActionAnswer(),
        "And how many uniformed and civilian personnel were serving in peacekeeping operations, as of which date?",
        matcher,
        **slots,
    )
    assert "88,000" in text and "June 2023" in text
    _, slots = run(
        a.ActionAnswer(), "How many military-led peacekeeping missions are headed by women, according to the report?", matcher
    )
    text, _ = run(
        a.ActionAnswer(),
        "And across all 12 peacekeeping operations, what share of senior leadership positions do women hold?",
        matcher,
        **slots,
    )
    assert "29%" in text and "(para. 30)" in text


def test_a_place_put_to_check_and_one_of_several_named(matcher):
    text, _ = run(a.ActionAnswer(), "Was Unite Aware piloted in UNMISS?", matcher)
    assert "UNFICYP" in text and "(para. 60)" in text
    text, _ = run(a.ActionAnswer(), "The 2023 ministerial is in Nairobi, right?", matcher)
    assert "Accra" in text and "(para. 26)" in text
    text, _ = run(a.ActionAnswer(), "Was there a disinformation attack in Mali?", matcher)
    assert "Aqibiyah" not in text  # another of its kind elsewhere is no answer about Mali
    _, slots = run(a.ActionAnswer(), "Which missions have Senior Victims' Rights Officers?", matcher)
    text, _ = run(a.ActionFollowup(), "whats the name of the one in UNMISS?", matcher, **slots)
    assert text.startswith("The report does not name that person")
    _, slots = run(a.ActionAnswer(), "what is this report about?", matcher)
    text, _ = run(
        a.ActionAnswer(), "ok cool. how many peacekeepers are actually deployed right now acording to it?", matcher, **slots
    )
    assert "88,000" in text and "(para. 3)" in text


def test_what_the_second_read_of_dev157_163_kept_apart(matcher):
    text, _ = run(a.ActionAnswer(), "Which city will host the next peacekeeping ministerial?", matcher)
    assert "Accra" in text  # the 2023 one is still to come: no forecast
    text, _ = run(a.ActionAnswer(), "The report mentions the Elsie Initiative. What is it about?", matcher)
    assert not text.startswith("S/2023/646 is this report")  # "it" is the last thing named
    text, _ = run(a.ActionAnswer(), "I've got two students here: how many peacekeepers were killed since 1948?", matcher)
    assert "1,067" in text
    text, _ = run(a.ActionAnswer(), "Were any new peacekeeping operations launched in 2022?", matcher)
    assert "1948" not in text  # no date of another thing for a question whether there were any


def test_a_name_in_a_language_a_role_unnamed_and_a_date_to_come_dev164_165(matcher):
    text, _ = run(a.ActionSetLanguage(), "What is UNISFA in English?", matcher, "set_language")
    assert "United Nations Interim Security Force for Abyei" in text
    text, _ = run(a.ActionAnswer(), "who is the victims' rights officer at MONUSCO? I need a name for the story", matcher)
    assert text.startswith("The report does not name that person.")
    _, slots = run(a.ActionAnswer(), "what does the report say about MONUSCO?", matcher)
    text, _ = run(a.ActionFollowup(), "so by when will monusco have fully left the DRC?", matcher, **slots)
    assert text.startswith("The report does not say when.")
    text, _ = run(a.ActionFollowup(), "那联刚稳定团具体哪一年完全撤出刚果（金）？", matcher, **slots)
    assert text.startswith("报告没有说明时间。")
    text, _ = run(a.ActionAnswer(), "by when will MINUSMA withdraw?", matcher)
    assert "31 December 2023" in text and "(para. 36)" in text
    text, _ = run(a.ActionAnswer(), "In the Central African Republic, what SOFA problems did MINUSCA face?", matcher)
    assert "status-of-forces agreement" in text and "(para. 57)" in text
    text, _ = run(a.ActionList(), "what are the transition roadmaps the report mentions?", matcher, "list_missions")
    assert "2019" in text and "(para. 22)" in text


def test_a_source_abbreviated_a_bare_measure_and_a_fragment_of_a_mission_dev167(matcher):
    _, slots = run(a.ActionAnswer(), "strat comms review done in 2023?", matcher)
    text, _ = run(a.ActionQuizAnswer(), "src?", matcher, "quiz_answer", **slots)
    assert "S/2023/282" in text and "(para. 54)" in text
    _, slots = run(a.ActionAnswer(), "tell me about UNMISS", matcher)
    text, _ = run(a.ActionFollowup(), "budget?", matcher, **slots)  # not the victims' trust fund's
    assert declines(text)
    _, slots = run(a.ActionAnswer(), "MONUSCO transition plan - what does the report say?", matcher)
    text, _ = run(a.ActionAnswer(), "date for full withdrawal?", matcher, **slots)  # not MINUSMA's
    assert declines(text)
    claim = "'In December 2022, a violent attack in Aqibiyah, Mali, ... killed one peacekeeper.' Did I get that right?"
    text, _ = run(a.ActionAnswer(), claim, matcher)
    assert "Lebanon" in text and "(para. 53)" in text


def test_the_first_thing_told_a_signature_dated_and_a_share_that_must_be_dev164_168(matcher):
    _, slots = run(a.ActionAnswer(), "What are engagement platoons?", matcher)
    text, _ = run(a.ActionFollowup(), "what minimum share of them must be women?", matcher, **slots)
    assert "50%" in text and "(para. 31)" in text
    _, slots = run(a.ActionAnswer(), "ok next, the examples of positive impact in section II. what happened in Tambura?", matcher)
    text, _ = run(a.ActionFollowup(), "go back to the first thing you told me - what year was that?", matcher, **slots)
    assert "2021" in text and "(para. 8)" in text
    _, slots = run(a.ActionAnswer(), "What did MONUSCO do in connection with the Luanda Roadmap?", matcher)
    text, _ = run(a.ActionFollowup(), "When was the roadmap signed?", matcher, **slots)
    assert text.startswith("The report does not say when.")


def test_an_answer_asked_again_in_chinese_without_yong_dev170(matcher):
    _, slots = run(
        a.ActionAnswer(), "How much did joint UNIFIL-Lebanese Armed Forces patrols grow between mid-2021 and 2023?", matcher
    )
    text, _ = run(a.ActionAnswer(), "中文回答，谢谢。", matcher, "nlu_fallback", **slots)
    assert "13%" in text and "20%" in text and "（第56段）" in text


def test_deputies_a_comparison_and_the_same_period_dev172_173(matcher):
    _, slots = run(
        a.ActionAnswer(), "As of July 2023, what share of heads of civilian-led peacekeeping operations were women?", matcher
    )
    text, _ = run(a.ActionFollowup(), "And what about their deputies?", matcher, **slots)
    assert "33%" in text and "(para. 30)" in text
    text, _ = run(a.ActionAnswer(), "and police component heads or deputies?", matcher, **slots)
    assert "6 of the 14" in text and "(para. 30)" in text
    question = "How does that compare with women's share of all senior leadership posts across the 12 operations?"
    text, _ = run(a.ActionAnswer(), question, matcher, **slots)
    assert "43%" in text and "29%" in text and "(para. 30)" in text
    _, slots = run(a.ActionAnswer(), "How many were killed by malicious acts in 2023 up to 29 August?", matcher)
    text, _ = run(a.ActionAnswer(), "How does that compare with January to August of the year before?", matcher, **slots)
    assert "7 uniformed" in text and "21 uniformed" in text
    _, slots = run(
        a.ActionAnswer(), "There have been more than 70 UN peacekeeping operations. Counting from which year?", matcher
    )
    text, _ = run(
        a.ActionAnswer(),
        "Over that same period, how many uniformed peacekeepers were killed by malicious acts?",
        matcher,
        **slots,
    )
    assert "1,067" in text and "(para. 44)" in text


def test_a_case_a_place_and_a_framework_of_the_last_answer_dev172_174(matcher):
    _, slots = run(a.ActionAnswer(), "How many people were convicted for killing peacekeepers since 2019?", matcher)
    text, slots = run(
        a.ActionAnswer(), "Does the MONUSCO data include any case where the victims weren't peacekeepers?", matcher, **slots
    )
    assert "2 United Nations experts" in text and "(para. 44)" in text
    text, _ = run(a.ActionFollowup(), "What year did that case happen?", matcher, **slots)
    assert "2017" in text
    _, slots = run(
        a.ActionAnswer(), "In CAR, where did MINUSCA's uniformed and civilian components stabilize the situation?", matcher
    )
    for question in ("which town was that?", "Spell the place name for me again, I need it for the talking points."):
        assert "Sam Ouandja" in run(a.ActionAnswer(), question, matcher, "out_of_scope", **slots)[0]
    _, slots = run(a.ActionAnswer(), "What do the observations say about data and digital technology?", matcher)
    text, _ = run(a.ActionFollowup(), "Which frameworks are named for that shift?", matcher, **slots)
    assert "quintet" in text and "(para. 77)" in text


def test_a_drawdown_an_example_given_and_a_missions_plan_dev172(matcher):
    text, _ = run(a.ActionAnswer(), "MINUSMA drawdown - by when does it have to be out?", matcher)
    assert "31 December 2023" in text and "(para. 36)" in text
    text, _ = run(a.ActionAnswer(), "Which mission's closure is given as the example for strengthening the RC office?", matcher)
    assert text.startswith("After the closure of UNMIL")
    text, _ = run(a.ActionAnswer(), "What does the report say about MONUSCO's transition plan?", matcher)
    assert "transition plan" in text and "host country" not in text


def test_a_topic_turned_to_and_a_mission_named_by_its_host_dev178_179(matcher):
    _, slots = run(a.ActionAnswer(), "How did MINUSCA contribute to the extension of state authority?", matcher)
    question = "On a separate matter: which operational restrictions imposed on that mission were lifted?"
    assert "night-flight restriction" in run(a.ActionAnswer(), question, matcher, **slots)[0]
    _, slots = run(a.ActionAnswer(), "What does the report say about UNIFIL and the cessation of hostilities?", matcher)
    question = "Turning to disinformation: what incident affecting that mission in December 2022 does the report describe?"
    assert "Aqibiyah" in run(a.ActionAnswer(), question, matcher, **slots)[0]
    text, _ = run(a.ActionAnswer(), "中非稳定团在中非共和国稳定了哪个地方的局势？", matcher)
    assert "萨姆万贾" in text and "（第15段）" in text


def test_a_time_compared_a_closing_kept_a_finer_date_and_one_question_in_two_languages(matcher):
    _, slots = run(a.ActionAnswer(), "How many peacekeepers were killed in 2022?", matcher)
    assert "declined year on year" in run(a.ActionAnswer(), "how does it compare to the previous years?", matcher, **slots)[0]
    assert "21 uniformed" in run(a.ActionAnswer(), "Ok. Exact figures?", matcher, **slots)[0]
    _, slots = run(a.ActionAnswer(), "How many peacekeeping operations have there been since 1948?", matcher)
    text, _ = run(a.ActionAnswer(), "Over that same period, how many peacekeepers were killed?", matcher, **slots)
    assert "1,067" in text and "(para. 44)" in text  # no count of operations
    _, slots = run(a.ActionAnswer(), "when was A4P launched?", matcher)
    assert "March 2018" in run(a.ActionFollowup(), "with the month and year?", matcher, **slots)[0]
    _, slots = run(a.ActionAnswer(), "What resolution lets the Secretariat repatriate whole units for abuse?", matcher)
    text, _ = run(a.ActionAnswer(), "哪一年通过的？Give the number and year.", matcher, "nlu_fallback", **slots)
    assert "2272" in text and "2016" in text


def test_a_resolution_asked_a_guess_after_and_a_priority_s_example_dev180_182(matcher):
    _, slots = run(
        a.ActionAnswer(), "Can you summarize what the report says about the UN mission in Mali leaving the country?", matcher
    )
    text, _ = run(a.ActionAnswer(), "Under which Security Council resolution is that withdrawal happening?", matcher, **slots)
    assert "2690" in text and "(para. 36)" in text  # no policy brief the last answer's paragraph cites
    _, slots = run(a.ActionAnswer(), "Which missions carried out CASEVAC stress tests?", matcher)
    question = "And which one was scheduled for September 2023? I believe it's the South Sudan mission?"
    assert "UNMISS" in run(a.ActionAnswer(), question, matcher, **slots)[0]
    assert "UNMISS" in run(a.ActionFollowup(), "and south sudan?", matcher, "ask_followup", **slots)[0]
    _, slots = run(a.ActionFollowup(), "what's A4P+ priority 1 about?", matcher, "ask_followup")
    text, _ = run(a.ActionList(), "give me the CAR example under that priority", matcher, "list_priorities", **slots)
    assert "MINUSCA" in text and "(para. 15)" in text
    assert "Sam Ouandja" in run(a.ActionAnswer(), "which locality did MINUSCA stabilise?", matcher)[0]


def test_own_questions_after_a_figure_and_words_written_otherwise_dev180_182(matcher):
    _, slots = run(a.ActionAnswer(), "What share of the UN system's annual expenditure goes to integrated settings?", matcher)
    question = "And for South Sudan specifically, what planning process did the mission take part in?"
    assert "Cooperation Framework" in run(a.ActionAnswer(), question, matcher, **slots)[0]  # no budget of it
    for first, then, expected in (
        ("how many uniformed pks killed by malicious acts since 1948?", "and since 2013? which para is that in?", "331"),
        ("how many units were verified for rapid deployment?", "no sorry, I meant the total number of pledges registered", "272"),
        (
            "what does the report say about information integrity?",
            "no wait - what is driving the spread of misinfo and hate speech?",
            "digital media",
        ),
    ):
        _, slots = run(a.ActionAnswer(), first, matcher)
        assert expected in run(a.ActionAnswer(), then, matcher, **slots)[0]
    text, _ = run(a.ActionAnswer(), "which mission has an action plan to strengthen PKI and early warning?", matcher)
    assert text.startswith("MINUSCA")  # "early warning" is the report's "early-warning"
    text, _ = run(a.ActionAnswer(), "how did the DRC joint transition plan handle gender?", matcher)
    assert text.startswith("In the Democratic Republic of the Congo") and "(para. 62)" in text
    text, _ = run(a.ActionAnswer(), "The Unite Aware platform - in which country's mission was it piloted?", matcher)
    assert "UNFICYP" in text and "Cyprus" in text
    _, slots = run(a.ActionAnswer(), "does the report give any individual example of a gender advocate?", matcher)
    text, _ = run(a.ActionFollowup(), "who was that and in which mission?", matcher, "ask_followup", **slots)
    assert "Erzuah" in text and "UNISFA" in text


def test_what_the_review_of_session_44_found_is_kept_apart(matcher):
    _, slots = run(a.ActionAnswer(), "How much did MINUSCA spend on the Sam Ouandja operation?", matcher)
    assert "budget" in run(a.ActionFollowup(), "and UNMISS in Tambura?", matcher, "ask_followup", **slots)[0]
    assert "2690" in run(a.ActionAnswer(), "which presidential statement terminated MINUSMA's mandate?", matcher)[0]
    _, slots = run(a.ActionAnswer(), "What share of heads of civilian-led missions were women in July 2023?", matcher)
    assert "33%" in run(a.ActionAnswer(), "no, I meant the share of deputy heads", matcher, **slots)[0]
    _, slots = run(a.ActionAnswer(), "how many uniformed pks killed by malicious acts since 1948?", matcher)
    assert "2589" in run(a.ActionAnswer(), "When was that adopted? I think it's resolution 2589?", matcher, **slots)[0]
    assert not run(a.ActionAnswer(), "how close is the UN to its environment targets?", matcher)[0].startswith("After")
    text, _ = run(a.ActionAnswer(), "Which country is the 2022 Military Gender Advocate of the Year from?", matcher)
    assert "host country" not in text
