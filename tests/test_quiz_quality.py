"""Question quality, as a trainer would judge it, on the real bank, store and quiz sessions: no question that
gives a topic quiz away, no fact asked twice in one quiz, prompts that read as a person asks, wrong options
of the answer's kind, and each question's difficulty (seeded, then from answers) to ask for."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from actions.quiz import bank, difficulty, practice, sessions
from actions.quiz.checks import distractor_problems, gives_topic_away, quiz_problems, statistic_problems
from actions.store import queries
from actions.store.models import QuizItem
from bot.telegram import quiz_turns
from bot.telegram.group_quiz import arguments
from tests.helpers.quiz import unique
from tests.test_quiz_bank import AREAS, curated_dir, entry, write  # noqa: F401  (curated_dir is a fixture)

QUIZZES_PER_TOPIC = 8  # real sessions per topic; `quiz check`'s sampling draws many more without the store
UNMISS_TEST = "stat:unmiss-casevac-stress-test-september-2023"


def planned(db, quiz) -> list:
    items = db.execute(select(QuizItem).where(QuizItem.session_id == quiz.id).order_by(QuizItem.position)).scalars()
    return [bank.question(db, item.question_id) for item in items]


def start(db, topic: str | None, pool: list, chooser=sessions.shuffled):
    owner = unique("trainee")
    return sessions.start(
        db,
        mode="practice",
        channel="rest",
        chat=owner,
        owner=owner,
        language="en",
        topic=topic,
        size=practice.DEFAULT_SIZE,
        pool=[q.id for q in pool],
        sources={q.id: q.sources for q in pool},
        chooser=chooser,
    )


def test_the_topics_are_every_priority_mission_and_document_and_the_report(db):
    topics = bank.topics(db)
    assert None in topics and {"P1", "P4", "T1", "T2", "MONUSCO", "UNIFIL", "S/RES/2589 (2021)"} <= set(topics)
    assert {m["acronym"] for m in queries.facts(db, "mission")} <= set(topics)


def test_quizzes_on_every_topic_neither_give_it_away_nor_repeat_a_fact(db):
    asked = []
    for topic in bank.topics(db):
        pool = bank.pool(db, topic)  # empty for a document the bank only asks which or what it is
        asked += [topic] if pool else []
        for _ in range(QUIZZES_PER_TOPIC if pool else 0):
            quiz = planned(db, start(db, topic, pool))
            assert quiz_problems(quiz, bank.names_of(db, topic)) == [], topic
    missions = [m["acronym"] for m in queries.facts(db, "mission")]
    assert set(asked) >= {None, *AREAS, *missions} and len(set(asked) - {None, *AREAS, *missions}) >= 8  # documents
    assert bank.sample_problems(db, practice.DEFAULT_SIZE, 100) == []


def test_the_checks_find_what_the_bank_used_to_ask(db):
    """Drawn from a topic's questions as before (all of them, any order), quizzes give the topic away and
    ask about a fact twice: the checks catch both."""
    on_monusco = bank.questions(db, "MONUSCO")
    names = bank.names_of(db, "MONUSCO")
    giveaways = [q.id for q in on_monusco if gives_topic_away(q, names)]
    assert "mission-acronym:MONUSCO" in giveaways and "example:monusco-cpas-transition-indicators" in giveaways
    assert not {q.id for q in bank.pool(db, "MONUSCO")} & set(giveaways)
    example = bank.question(db, "example:monusco-cpas-transition-indicators")
    what_for = bank.question(db, "curated:p2-cpas-monusco-transition")
    found = quiz_problems([example, what_for], names)
    assert found == [
        "example:monusco-cpas-transition-indicators gives the topic away",
        "example:monusco-cpas-transition-indicators is asked about twice",
    ]
    assert what_for in bank.pool(db, "MONUSCO")  # its answer no longer names the mission
    for topic, kinds in (("P4", ("prio-name:P4", "prio-number:P4")), ("S/RES/2589 (2021)", ("doc-which:", "doc-title:"))):
        assert not [q.id for q in bank.pool(db, topic) if q.id.startswith(kinds)], topic
        assert [q.id for q in bank.questions(db, topic) if q.id.startswith(kinds)], topic


def test_a_mission_quiz_asks_what_the_report_says_of_it_instead_of_which_mission(db):
    did = bank.question(db, "did:minurso-ground-convoys-to-team-sites")
    assert did.prompt == {
        "en": "Which of these does paragraph 20 of the report say about MINURSO?",
        "zh": "报告第20段中的以下哪一项说的是西撒特派团？",
    }
    assert did.right("en").startswith("In [mission], joint operational planning was key to the success of ground convoy")
    # once answered, the example reads as the report has it: no "[mission]" left in the explanation
    assert did.explanation["en"].startswith("Answer: In MINURSO, joint operational planning was key")
    assert "[某特派团]" not in did.explanation["zh"] and "西撒" in did.explanation["zh"]
    for lang in ("zh", "en"):  # every option an example of a mission, none named
        assert all("MINURSO" not in o and "西撒" not in o for o in did.options[lang])
    assert did.sources == bank.question(db, "example:minurso-ground-convoys-to-team-sites").sources
    assert did in bank.pool(db, "MINURSO") and not gives_topic_away(did, bank.names_of(db, "MINURSO"))
    facts = {}  # how many facts a quiz on each mission can ask about: at least its card and one of its examples
    for mission in queries.facts(db, "mission"):
        facts[mission["acronym"]] = len({s for q in bank.pool(db, mission["acronym"]) for s in q.sources})
    assert min(facts.values()) >= 2 and facts["MINURSO"] == 3 and facts["MONUSCO"] >= 10, facts


def test_a_quiz_asks_one_question_per_fact_even_when_they_come_first(db):
    pool = [bank.question(db, q) for q in ("mission-name:MONUSCO", "mission-host:MONUSCO", "mission-acronym:MONUSCO")]
    pool.append(bank.question(db, "stat:cpas-informed-briefings"))
    pool.append(bank.question(db, "curated:p2-cpas-monusco-transition"))  # made of that statistic too
    quiz = planned(db, start(db, None, pool, chooser=list))
    assert [q.id for q in quiz] == ["mission-name:MONUSCO", "stat:cpas-informed-briefings"]


def test_prompts_read_as_a_person_asks(db):
    statistics = {s["id"]: s for s in queries.facts(db, "statistic")}
    for q in bank.questions(db, "statistic"):
        assert "“" not in q.prompt["en"] and q.prompt["en"].startswith("According to the report, "), q.id
    assert bank.question(db, UNMISS_TEST).prompt == {
        "en": "According to the report, what is the scheduled date of the UNMISS casualty evacuation stress test?",
        "zh": "根据报告，南苏丹特派团伤员后送压力测试的预定时间是何时？",
    }
    killed = bank.question(db, "stat:uniformed-peacekeepers-killed-malicious-acts-since-1948")
    assert killed.prompt["en"] == (
        "According to the report, what is the number of uniformed peacekeepers killed by malicious acts since 1948?"
    )
    asked_so = bank.question(db, "stat:uniformed-deaths-malicious-acts-fell-2018-2020").prompt  # its own question
    assert asked_so == {
        "en": "According to the report, from what year did uniformed peacekeeper deaths from malicious acts fall year on year?",
        "zh": "根据报告，恶意行为导致的军警维和人员死亡人数从哪一年开始逐年下降？",
    }
    old = bank.question(db, UNMISS_TEST)
    label = statistics[UNMISS_TEST.removeprefix("stat:")]["label_en"]
    quoted = dataclasses.replace(old, prompt=old.prompt | {"en": f"What date does the report give for “{label}”?"})
    assert statistic_problems(quoted, statistics) == [f"the en prompt quotes the statistic's label {label!r}"]


def test_wrong_options_are_of_the_answers_kind(db, curated_dir):  # noqa: F811
    concern = bank.question(db, "curated:p4-utmost-concern")
    wrong = next(n for n in range(4) if n != concern.answer)
    mixed = dataclasses.replace(
        concern,
        options={lang: [o if n != wrong else "MONUSCO" for n, o in enumerate(concern.options[lang])] for lang in "zh en".split()},
    )
    assert distractor_problems(concern, {"monusco"}) == []
    assert "the en option 'MONUSCO' is a name, the answer a text" in distractor_problems(mixed, {"monusco"})
    zero = bank.question(db, "stat:convictions-killing-peacekeepers-car-drc-mali-2013-2019")
    assert sorted(zero.options["zh"]) == sorted(["没有人", "一人", "五人", "六人"])  # all in words, as the report's
    old_casevac = entry(
        "old-casevac",
        prompt={"zh": "报告为什么强调及时的伤员后送？", "en": "Why does the report stress timely casualty evacuation?"},
        paragraph=41,
        options=[
            {
                "zh": "它可大大提高维和人员危重伤病存活率",
                "en": "It can greatly increase the survival rates of peacekeepers with critical injuries and illnesses",
            },
            {"zh": "它可缩短部队轮调周期", "en": "It shortens troop rotations"},
            {"zh": "它可削减特派团预算", "en": "It cuts mission budgets"},
            {"zh": "它可取代二级医院", "en": "It replaces level II hospitals"},
        ],
    )
    write(curated_dir, "zz-spoiled.yaml", [old_casevac, entry("unknown-fact", facts=["example:no-such-example"])])
    problems = bank.check_bank(db, curated_dir)
    assert "curated:old-casevac: the right option is 3.2 times as long as the longest wrong one (at most 2.5)" in problems
    assert "zz-spoiled.yaml: question unknown-fact: unknown fact 'example:no-such-example'" in problems
    assert "curated:old-casevac" not in {q.id for q in bank.questions(db, curated_dir=curated_dir)}


# Difficulty


def test_levels_are_seeded_by_kind_and_close_options(db):
    assert difficulty.seeded(bank.question(db, "prio-name:P4")) == "easy"
    killed = bank.question(db, "stat:uniformed-peacekeepers-killed-malicious-acts-since-1948")
    assert difficulty.close_options(killed) >= 2 and difficulty.seeded(killed) == "hard"
    levels = difficulty.levels(db, bank.questions(db))
    assert set(levels.values()) == set(difficulty.LEVELS)


@pytest.mark.parametrize(
    "text,level",
    [
        ("give me a hard quiz on P4", "hard"),
        ("quiz me, easy questions", "easy"),
        ("a mixed quiz please", "mixed"),
        ("出几道简单的题", "easy"),
        ("来10道难题考考我", "hard"),
        ("出一个难易混合的测验", "mixed"),
        ("quiz me on refugees", None),
        ("关于难民的测验", None),
    ],
)
def test_a_level_asked_in_either_language(text, level):
    assert difficulty.asked(text) == level


def test_answers_decide_the_level_once_there_are_enough(db):
    qid = "prio-number:T2"
    question = bank.question(db, qid)
    for _ in range(difficulty.rules().answers_needed):
        user = unique("trainee")
        quiz = sessions.start(
            db, mode="practice", channel="rest", chat=user, owner=user, language="en", topic=None, size=1, pool=[qid]
        )
        item = sessions.next_item(db, quiz)
        assert sessions.answer(db, item.id, user, user, 0, correct=False).recorded
    right, total = difficulty.answered(db)[qid]
    assert total >= difficulty.rules().answers_needed and right / total < difficulty.rules().hard_below
    assert difficulty.seeded(question) == "easy" and difficulty.levels(db, [question]) == {qid: "hard"}


def test_a_practice_quiz_at_a_level(db):
    trainee = unique("trainee")
    replies = practice.start(db, channel="rest", sender=trainee, lang="en", topic="P4", text="a hard quiz on P4", review=False)
    assert replies[0].text.startswith("Quiz: 5 questions on Accountability to peacekeepers, hard questions.")
    quiz = practice.running(db, "rest", trainee)
    levels = difficulty.levels(db, bank.questions(db))
    assert {levels[q.id] for q in planned(db, quiz)} == {"hard"}
    replies = practice.start(
        db, channel="rest", sender=unique("学员"), lang="zh", topic=None, text="出几道简单的题", review=False
    )
    assert replies[0].text.startswith("测验：共5题（简单题）。")


def test_a_mixed_quiz_takes_the_levels_in_turn(db):
    pool = bank.pool(db, "P4")
    found = difficulty.levels(db, pool)
    chosen, chooser = difficulty.narrow(db, pool, "mixed")
    first = [found[q] for q in chooser([q.id for q in chosen])[:3]]
    assert sorted(first) == sorted(difficulty.LEVELS)


def test_a_group_quiz_at_a_level(db):
    assert arguments(["P4", "10", "30", "hard"], 10) == ("P4", 10, 30, "hard")
    assert arguments(["简单"], 10)[3] == "easy" and arguments(["all", "混合"], 10) == (None, 10, 30, "mixed")
    with pytest.raises(ValueError):
        arguments(["easy", "hard"], 10)
    started = quiz_turns.begin(db, chat=-900001, owner="trainer", language="en", topic="P4", size=5, seconds=30, level="easy")
    levels = difficulty.levels(db, bank.questions(db))
    assert {levels[q.id] for q in planned(db, sessions.find(db, started.id))} == {"easy"}
    sessions.stop(db, sessions.find(db, started.id))
