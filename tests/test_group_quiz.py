"""Trainer-led group quizzes end to end: `python -m bot.telegram` as a real process, the fake Bot API over
HTTP, and a real SQLite store. Rasa is not needed: quiz commands and poll answers never reach it."""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import re
import shutil
import socket
import threading
import time

import pytest
from openpyxl import load_workbook

from actions.facts.files import read_report
from actions.facts.loader import load
from actions.quiz import sessions
from actions.quiz.bank import questions
from actions.replies import cite
from actions.store.db import session
from bot.telegram.quiz_polls import explanation, fits, units
from bot.telegram.settings import SettingsError, from_env
from tests.e2e_servers import free_port
from tests.fake_telegram import ANONYMOUS_ADMIN, Call, FakeTelegram, bot_user, chat, poll_answer, user
from tests.helpers.telegram import answer, running, send, text

pytestmark = pytest.mark.server  # needs a running server (see pytest.ini)

TOKEN, RESTART_TOKEN, SLOW_TOKEN = "710001:group-quiz", "710002:restart", "710003:slow-rasa"
TRAINER = 4242
_ids = itertools.count(50_000)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def loaded_store(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("store") / "facts.db"
    load(read_report(), f"sqlite:///{path}")
    return str(path)


def fresh_store(loaded_store: str, folder) -> str:
    """A store of its own: a copy of the loaded one, quicker than loading again."""
    path = folder / "facts.db"
    shutil.copy(loaded_store, path)
    return f"sqlite:///{path}"


def bridge_env(store_url: str) -> dict[str, str]:
    return {
        "DATABASE_URL": store_url,
        "RASA_URL": f"http://127.0.0.1:{free_port()}",
        "QUIZ_MIN_SECONDS": "1",
        "TELEGRAM_TRAINER_IDS": f"1, {TRAINER}",
    }


@pytest.fixture(scope="module", autouse=True)
def short_polls(telegram) -> None:
    """Polls of a second or two keep the tests quick; the bridge allows them only with a test server."""
    telegram.min_open_period = 1


@pytest.fixture(scope="module")
def store_url(loaded_store, tmp_path_factory) -> str:
    return fresh_store(loaded_store, tmp_path_factory.mktemp("bridge-store"))


@pytest.fixture(scope="module")
def bridge(telegram, store_url, tmp_path_factory):
    with running(telegram, TOKEN, tmp_path_factory.mktemp("bridge"), **bridge_env(store_url)) as b:
        yield b


def group() -> dict:
    return chat(-next(_ids), "supergroup")


def trainee(language_code: str = "en") -> dict:
    return user(next(_ids), language_code)


def trainer(language_code: str = "en") -> dict:
    return user(TRAINER, language_code)


def said(telegram: FakeTelegram, in_chat: dict, containing: str, token: str = TOKEN) -> Call:
    return answer(telegram, in_chat, containing, token)


def started(telegram: FakeTelegram, in_chat: dict, token: str = TOKEN) -> str:
    """The id of the quiz the bot announced in the chat."""
    return re.search(r"Quiz (\w+) starts", text(said(telegram, in_chat, "starts", token))).group(1)


def poll_sent(telegram: FakeTelegram, in_chat: dict, position: int, token: str = TOKEN, timeout: float = 60) -> Call:
    return telegram.wait_for(
        token, "sendPoll", lambda p: p["chat_id"] == in_chat["id"] and p["question"].startswith(f"{position}/"), timeout=timeout
    )


def polls_in(telegram: FakeTelegram, in_chat: dict, token: str = TOKEN) -> list[Call]:
    return telegram.calls(token, "sendPoll", lambda p: p["chat_id"] == in_chat["id"])


def vote(telegram: FakeTelegram, poll: Call, voter: dict, right: bool, token: str = TOKEN) -> None:
    correct = poll.params["correct_option_ids"][0]
    telegram.push(token, {"poll_answer": poll_answer(poll.result["poll"]["id"], voter, correct if right else (correct + 1) % 4)})


def board(telegram: FakeTelegram, in_chat: dict, token: str = TOKEN) -> list[str]:
    """The leaderboard's lines, after its heading."""
    return text(said(telegram, in_chat, "Leaderboard", token)).splitlines()[1:]


def scores(store_url: str, quiz_id: str) -> list[tuple[str, int, int]]:
    with session(store_url) as db:
        return [(t.name, t.right, t.answered) for t in sessions.tallies(db, quiz_id)]


def wait_until(condition, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def name(someone: dict) -> str:
    return someone["first_name"]


def test_a_quiz_of_three_polls_for_thirty_trainees(telegram, bridge, store_url):
    room, people = group(), [trainee() for _ in range(30)]
    send(telegram, TOKEN, room, trainer(), "/quiz_start all 3 2")
    quiz_id = started(telegram, room)
    for position in (1, 2, 3):
        poll = poll_sent(telegram, room, position)
        assert poll.params["type"] == "quiz" and poll.params["is_anonymous"] == "false"
        assert poll.params["open_period"] == "2" and poll.params["question"].startswith(f"{position}/3 ")
        explanation = poll.params["explanation"]
        assert units(explanation) <= 200 and re.search(r"\(para\. \d+\)\.$", explanation)
        for n, person in enumerate(people):
            vote(telegram, poll, person, right=position <= n % 4)  # person n gets n % 4 right
    rights = {name(p): n % 4 for n, p in enumerate(people)}
    expected = [
        f"{1 + sum(r > rights[p] for r in rights.values())}. {p} {rights[p]}/3"
        for p in sorted(rights, key=lambda p: (-rights[p], p))
    ]
    assert board(telegram, room) == expected
    assert scores(store_url, quiz_id) == [(p, rights[p], 3) for p in sorted(rights, key=lambda p: (-rights[p], p))]
    assert len(polls_in(telegram, room)) == 3


def test_a_hundred_answers_to_one_poll_are_tallied_exactly(telegram, bridge, store_url):
    room, people = group(), [trainee() for _ in range(100)]
    send(telegram, TOKEN, room, trainer(), "/quiz_start all 1 5")
    quiz_id = started(telegram, room)
    poll = poll_sent(telegram, room, 1)
    for n, person in enumerate(people):
        vote(telegram, poll, person, right=n % 3 == 0)
    assert len(board(telegram, room)) == 100
    tallies = scores(store_url, quiz_id)
    assert len(tallies) == 100 and all(answered == 1 for *_, answered in tallies)
    assert sum(right for _, right, _ in tallies) == 34


def test_repeated_poll_answers_count_once(telegram, bridge, store_url):
    room, first, second = group(), trainee(), trainee()
    send(telegram, TOKEN, room, trainer(), "/quiz_start P4 1 2")
    quiz_id = started(telegram, room)
    poll = poll_sent(telegram, room, 1)
    for voter, right in ((first, True), (first, True), (second, False), (first, False), (second, True), (first, True)):
        vote(telegram, poll, voter, right)
    telegram.push(TOKEN, {"poll_answer": poll_answer("not-a-quiz-poll", first, 0)})  # another bot's poll, say
    assert board(telegram, room) == [f"1. {name(first)} 1/1", f"2. {name(second)} 0/1"]
    assert scores(store_url, quiz_id) == [(name(first), 1, 1), (name(second), 0, 1)]


def test_only_trainers_and_admins_run_quizzes(telegram, bridge):
    room, stranger, admin = group(), trainee(), trainee("zh-hans")
    telegram.set_admins(room["id"], [trainee(), admin])
    send(telegram, TOKEN, room, stranger, "/quiz_start")
    assert "only trainers" in text(said(telegram, room, "Sorry"))
    send(telegram, TOKEN, room, stranger, "/quiz_stop")
    send(telegram, TOKEN, room, stranger, "/quiz_report")
    wait_until(
        lambda: (
            len(telegram.calls(TOKEN, "sendMessage", lambda p: p["chat_id"] == room["id"] and p["text"].startswith("Sorry"))) == 3
        )
    )
    assert not polls_in(telegram, room) and not telegram.calls(TOKEN, "sendDocument", lambda p: p["chat_id"] == room["id"])

    send(telegram, TOKEN, room, admin, "/quiz_start 4 1 1")  # a Chinese admin, P4 by its number
    announced = text(said(telegram, room, "测验"))
    assert "共 1 题（主题：对维和人员的责任），每题 1 秒" in announced  # the topic by its name, not "P4"
    poll_sent(telegram, room, 1)
    assert telegram.calls(TOKEN, "getChatAdministrators", lambda p: p["chat_id"] == room["id"])
    said(telegram, room, "排行榜")
    send(telegram, TOKEN, room, ANONYMOUS_ADMIN, "/quiz_stop", sender_chat=room)  # an admin, though anonymous
    said(telegram, room, "No quiz is running in this chat")


@pytest.mark.parametrize(
    ("command", "reply"),
    [
        ("/quiz_start P4 0", "Usage: /quiz_start [topic]"),
        ("/quiz_start P4 51", "1-50 questions; 1-600 seconds"),
        ("/quiz_start P4 5 601", "Usage"),
        ("/quiz_start P4 five", "Usage"),
        ("/quiz_start P4 5 30 extra", "Usage"),
        ("/quiz_start Atlantis", "I don't know the topic “Atlantis”"),
    ],
)
def test_bad_arguments_get_the_usage(telegram, bridge, command, reply):
    room = group()
    send(telegram, TOKEN, room, trainer(), command)
    said(telegram, room, reply)
    assert not polls_in(telegram, room)


def test_quizzes_run_in_groups_and_one_at_a_time(telegram, bridge):
    private = chat(TRAINER)
    send(telegram, TOKEN, private, trainer("zh-CN"), "/quiz_start")
    said(telegram, private, "小组测验只能在群组中进行")
    room = group()
    send(telegram, TOKEN, room, trainer("zh-CN"), "/quiz_start 联刚稳定团 2 30")
    assert "主题：联刚稳定团" in text(said(telegram, room, "测验"))
    poll_sent(telegram, room, 1)
    send(telegram, TOKEN, room, trainer(), "/quiz_start")
    said(telegram, room, "A quiz is already running in this chat")


def test_quiz_stop_closes_the_poll_and_shows_the_scores(telegram, bridge, store_url):
    room, person = group(), trainee()
    send(telegram, TOKEN, room, trainer(), "/quiz_start all 5 60")
    quiz_id = started(telegram, room)
    poll = poll_sent(telegram, room, 1)
    vote(telegram, poll, person, right=True)
    wait_until(lambda: scores(store_url, quiz_id))
    send(telegram, TOKEN, room, trainer(), "/quiz_stop")
    assert board(telegram, room) == [f"1. {name(person)} 1/1"]
    assert text(said(telegram, room, "Leaderboard")).startswith(f"Quiz {quiz_id} was stopped after 1 of 5 questions")
    telegram.wait_for(
        TOKEN, "stopPoll", lambda p: p["chat_id"] == room["id"] and int(p["message_id"]) == poll.result["message_id"]
    )
    send(telegram, TOKEN, room, trainer(), "/quiz_stop")
    said(telegram, room, "No quiz is running in this chat")
    send(telegram, TOKEN, room, trainer(), "/quiz_start P1 1 1")
    wait_until(lambda: [c.params["question"][:4] for c in polls_in(telegram, room)] == ["1/5 ", "1/1 "])


def test_quiz_report_sends_the_summary_the_files_and_the_chart(telegram, bridge):
    room, good, weak = group(), trainee(), trainee()
    send(telegram, TOKEN, room, trainer(), "/quiz_start P4 2 1")
    quiz_id = started(telegram, room)
    for position in (1, 2):
        poll = poll_sent(telegram, room, position)
        vote(telegram, poll, good, right=True)
        vote(telegram, poll, weak, right=position == 2)
    board(telegram, room)

    send(telegram, TOKEN, room, trainer(), "/quiz_report")
    summary = text(said(telegram, room, "Scores (right/answered)"))
    assert summary.startswith(f"Quiz {quiz_id}: 2 questions asked, 2 trainees answered.")
    assert f"1. {name(good)} 2/2\n2. {name(weak)} 1/2" in summary and "Q1 50% (1/2)" in summary
    assert "Hardest: Q1 (50%), Q2 (100%)" in summary
    photo = telegram.wait_for(TOKEN, "sendPhoto", lambda p: p["chat_id"] == room["id"])  # sent last
    assert photo.params["photo"].content.startswith(PNG_SIGNATURE)
    documents = {
        c.params["document"].filename: c.params["document"].content
        for c in telegram.calls(TOKEN, "sendDocument", lambda p: p["chat_id"] == room["id"])
    }
    assert set(documents) == {f"quiz-{quiz_id}.csv", f"quiz-{quiz_id}.xlsx"}
    rows = list(csv.reader(io.StringIO(documents[f"quiz-{quiz_id}.csv"].decode("utf-8-sig"))))
    assert rows[2][1:4] == [name(good), "2", "2"]
    book = load_workbook(io.BytesIO(documents[f"quiz-{quiz_id}.xlsx"]))
    assert [row[1:4] for row in book["Trainees"].iter_rows(min_row=2, values_only=True)] == [
        (name(good), 2, 2),
        (name(weak), 1, 2),
    ]

    send(telegram, TOKEN, room, trainer("zh"), f"/quiz_report {quiz_id.upper()}")
    assert text(said(telegram, room, "得分（答对/作答）")).startswith(f"测验 {quiz_id}：共出 2 题")
    elsewhere = group()
    send(telegram, TOKEN, elsewhere, trainer(), f"/quiz_report {quiz_id}")  # another chat's quiz is not shown
    said(telegram, elsewhere, f"There is no quiz to report on in this chat with the id {quiz_id}")
    send(telegram, TOKEN, room, trainer(), "/quiz_report nosuch")
    said(telegram, room, "There is no quiz to report on in this chat with the id nosuch")
    assert not telegram.calls(TOKEN, "sendDocument", lambda p: p["chat_id"] == elsewhere["id"])
    assert not telegram.calls(TOKEN, "sendPhoto", lambda p: p["chat_id"] == elsewhere["id"])


def test_a_restarted_bridge_carries_on_where_it_was(telegram, loaded_store, tmp_path):
    """Stopped while poll 1 is open, the bridge waits out the rest of its time; stopped while poll 2 is
    open and started after its time, it sends poll 3 at once. Answers from before and after count."""
    store_url = fresh_store(loaded_store, tmp_path)
    for run in ("first", "second", "third"):
        (tmp_path / run).mkdir()
    env = bridge_env(store_url)
    room, first, second = group(), trainee(), trainee()
    seconds = 6
    with running(telegram, RESTART_TOKEN, tmp_path / "first", **env):
        send(telegram, RESTART_TOKEN, room, trainer(), f"/quiz_start all 3 {seconds}")
        quiz_id = started(telegram, room, RESTART_TOKEN)
        poll = poll_sent(telegram, room, 1, RESTART_TOKEN)
        opened = time.monotonic()
        vote(telegram, poll, first, right=True, token=RESTART_TOKEN)
        wait_until(lambda: scores(store_url, quiz_id))
    with running(telegram, RESTART_TOKEN, tmp_path / "second", **env):
        poll = poll_sent(telegram, room, 2, RESTART_TOKEN)
        assert time.monotonic() - opened >= seconds - 0.5  # poll 1 kept the rest of its time
        opened = time.monotonic()
        vote(telegram, poll, second, right=True, token=RESTART_TOKEN)
        wait_until(lambda: len(scores(store_url, quiz_id)) == 2)
    time.sleep(max(0.0, opened + seconds + 0.5 - time.monotonic()))
    with running(telegram, RESTART_TOKEN, tmp_path / "third", **env):
        resumed = time.monotonic()
        poll = poll_sent(telegram, room, 3, RESTART_TOKEN)
        assert time.monotonic() - resumed < seconds - 1  # poll 2's time was up: no waiting
        vote(telegram, poll, first, right=False, token=RESTART_TOKEN)
        assert board(telegram, room, RESTART_TOKEN) == [f"1. {name(second)} 1/1", f"2. {name(first)} 1/2"]
    assert [c.params["question"][:4] for c in polls_in(telegram, room, RESTART_TOKEN)] == ["1/3 ", "2/3 ", "3/3 "]
    assert scores(store_url, quiz_id) == [(name(second), 1, 1), (name(first), 1, 2)]


def test_trainer_settings_are_checked():
    test_server = {"TELEGRAM_BOT_TOKEN": "1:a", "TELEGRAM_BASE_URL": "http://127.0.0.1:8081/bot"}
    settings = from_env({**test_server, "TELEGRAM_TRAINER_IDS": " 12, 34 ,", "QUIZ_MIN_SECONDS": "2"})
    assert settings.trainer_ids == {12, 34} and settings.quiz_min_seconds == 2
    assert from_env({"TELEGRAM_BOT_TOKEN": "1:a"}).quiz_min_seconds == 5
    with pytest.raises(SettingsError, match="from 5 to 600"):  # Telegram refuses polls open for less
        from_env({"TELEGRAM_BOT_TOKEN": "1:a", "QUIZ_MIN_SECONDS": "2"})
    with pytest.raises(SettingsError, match="TELEGRAM_TRAINER_IDS"):
        from_env({"TELEGRAM_BOT_TOKEN": "1:a", "TELEGRAM_TRAINER_IDS": "@alice"})
    with pytest.raises(SettingsError, match="QUIZ_MIN_SECONDS"):
        from_env({"TELEGRAM_BOT_TOKEN": "1:a", "QUIZ_MIN_SECONDS": "0"})


def test_every_explanation_fits_a_poll_and_keeps_its_citation(loaded_store):
    """The poll shows the right option itself: its explanation gives the report's words behind it, once, cut at a
    word's end (English) or a clause's (Chinese) when too long."""
    with session(f"sqlite:///{loaded_store}") as db:
        bank = questions(db)
    cut = 0
    for lang, stop in (("zh", "。"), ("en", ".")):
        assert sum(fits(q, lang) for q in bank) > 200
        for question in bank:
            shown, citation = explanation(question, lang), cite(question.paragraph, lang)
            assert units(shown) <= 200 and shown.endswith(citation + stop), shown
            assert not shown.startswith(("Answer:", "正确答案")), shown
            said = " ".join(question.context[lang].split())
            if "…" in shown:
                cut += 1
                kept = shown.removesuffix(citation + stop).rstrip().removesuffix("…")
                assert said.startswith(kept) and said[len(kept)] in " ，；、：,;", shown  # never mid-word
            else:
                assert shown.startswith(said.rstrip(" 。.")), shown
            if question.id.startswith("doc-"):  # the document's name or title is said once
                assert shown.count(question.right(lang)) <= 1 and shown.count(question.prompt[lang][-30:]) == 0, shown
    assert cut > 50  # long explanations were cut, each at a word or clause


def test_a_group_poll_takes_answers_while_its_quiz_runs(loaded_store, tmp_path):
    """Telegram, not our clock, closes a poll: an answer it delivers after the next poll went out still counts."""
    with session(fresh_store(loaded_store, tmp_path)) as db:
        quiz = sessions.start(
            db,
            mode="group",
            channel="telegram",
            chat="-1",
            owner="1",
            language="en",
            topic=None,
            size=2,
            seconds=5,
            pool=[q.id for q in questions(db)[:2]],
        )
        first = sessions.next_item(db, quiz)
        assert first.asked_at is None and not sessions.answer(db, first.id, "early", "Early", 0, True).recorded
        sessions.mark_sent(db, first, poll_id="poll-1", message_id=1)
        assert first.asked_at is not None
        second = sessions.next_item(db, quiz)
        sessions.mark_sent(db, second, poll_id="poll-2", message_id=2)
        assert sessions.answer(db, first.id, "late", "Late", 0, True).recorded  # closed, yet Telegram took it
        sessions.stop(db, quiz)
        assert not sessions.answer(db, second.id, "after", "After", 0, True).recorded
        assert sessions.leaderboard(db, quiz) == [("Late", 1, 1)]


def test_answers_count_before_the_poll_is_recorded_and_after_the_next_is_out(telegram, bridge):
    room, quick, slow = group(), trainee(), trainee()
    telegram.stall_next(TOKEN, "sendPoll", 1.5)  # the poll is out; Telegram's answer, with its id, comes later
    send(telegram, TOKEN, room, trainer(), "/quiz_start all 2 1")
    first = poll_sent(telegram, room, 1)
    vote(telegram, first, quick, right=True)
    second = poll_sent(telegram, room, 2)
    vote(telegram, first, slow, right=True)
    vote(telegram, second, quick, right=True)
    assert board(telegram, room) == [f"1. {name(quick)} 2/2", f"2. {name(slow)} 1/1"]


def test_quiz_stop_waits_for_a_poll_on_its_way_out(telegram, bridge):
    room = group()
    telegram.stall_next(TOKEN, "sendPoll", 2.5)
    send(telegram, TOKEN, room, trainer(), "/quiz_start all 3 30")
    poll = poll_sent(telegram, room, 1)
    send(telegram, TOKEN, room, trainer(), "/quiz_stop")
    assert "was stopped after 1 of 3 questions" in text(said(telegram, room, "Leaderboard"))
    telegram.wait_for(
        TOKEN, "stopPoll", lambda p: p["chat_id"] == room["id"] and int(p["message_id"]) == poll.result["message_id"]
    )
    assert len(polls_in(telegram, room)) == 1


def test_a_poll_whose_sending_timed_out_is_not_sent_again(telegram, bridge):
    """Telegram may have posted it: asking again could show the question twice. The quiz goes on without it."""
    room = group()
    telegram.stall_next(TOKEN, "sendPoll", 7)  # longer than the bridge waits for an answer (5 s)
    send(telegram, TOKEN, room, trainer(), "/quiz_start all 2 1")
    poll_sent(telegram, room, 1)
    poll_sent(telegram, room, 2, timeout=30)
    assert "is over (2 questions)" in text(said(telegram, room, "Leaderboard"))
    assert [c.params["question"][:4] for c in polls_in(telegram, room)] == ["1/2 ", "2/2 "]


class SilentServer:
    """Takes connections and never answers, like a Rasa stuck on a long message; `asked` is set once one came."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.asked, self.held = threading.Event(), []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                self.held.append(self.listener.accept()[0])
                self.asked.set()

    def hang_up(self) -> None:
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for connection in self.held:
            connection.close()


def test_poll_answers_do_not_wait_for_a_slow_assistant(telegram, loaded_store, tmp_path):
    store_url, room, person, rasa = fresh_store(loaded_store, tmp_path), group(), trainee(), SilentServer()
    try:
        with running(telegram, SLOW_TOKEN, tmp_path, **{**bridge_env(store_url), "RASA_URL": rasa.url}):
            send(telegram, SLOW_TOKEN, room, trainer(), "/quiz_start all 1 60")
            quiz_id = started(telegram, room, SLOW_TOKEN)
            poll = poll_sent(telegram, room, 1, SLOW_TOKEN)
            send(telegram, SLOW_TOKEN, room, person, f"@{bot_user(SLOW_TOKEN)['username']} what is A4P+?")
            assert rasa.asked.wait(30)  # from now the bridge waits for the assistant, up to 30 s
            vote(telegram, poll, person, right=True, token=SLOW_TOKEN)
            wait_until(lambda: scores(store_url, quiz_id), timeout=10)
            rasa.hang_up()  # so that the bridge stops at once
    finally:
        rasa.hang_up()


def supergroup() -> dict:
    return chat(-1_000_000_000_000 - next(_ids), "supergroup")


def test_a_group_that_becomes_a_supergroup_keeps_its_quiz(telegram, bridge, store_url):
    """Telegram refuses a send to the old group with the new id (ChatMigrated): the quiz moves there and goes on;
    its service messages, arriving later in both chats, move nothing twice."""
    old, new, person = chat(-next(_ids), "group"), supergroup(), trainee()
    send(telegram, TOKEN, old, trainer(), "/quiz_start all 3 2")
    quiz_id = started(telegram, old)
    vote(telegram, poll_sent(telegram, old, 1), person, right=True)
    telegram.migrate(old["id"], new["id"])
    said(telegram, new, f"This group is now a supergroup: quiz {quiz_id} carries on here.")
    for position in (2, 3):
        vote(telegram, poll_sent(telegram, new, position), person, right=position == 2)
    assert board(telegram, new) == [f"1. {name(person)} 2/3"]
    send(telegram, TOKEN, old, trainer(), migrate_to_chat_id=new["id"])
    send(telegram, TOKEN, new, trainer(), migrate_from_chat_id=old["id"])
    send(telegram, TOKEN, new, trainer(), "/quiz_report")
    assert text(said(telegram, new, "Scores")).startswith(f"Quiz {quiz_id}: 3 questions asked, 1 trainee answered.")
    assert len(telegram.calls(TOKEN, "sendMessage", lambda p: "carries on here" in p["text"])) == 1
    assert scores(store_url, quiz_id) == [(name(person), 2, 3)]


def test_a_quiz_follows_the_migration_service_message(telegram, bridge):
    old, new, person = chat(-next(_ids), "group"), supergroup(), trainee()
    send(telegram, TOKEN, old, trainer("zh-hans"), "/quiz_start all 1 3")
    quiz_id = re.search(r"测验 (\w+) 开始", text(said(telegram, old, "开始"))).group(1)
    poll = poll_sent(telegram, old, 1)
    telegram.migrate(old["id"], new["id"])
    send(telegram, TOKEN, old, trainer(), migrate_to_chat_id=new["id"])
    said(telegram, new, f"本群已升级为超级群组：测验 {quiz_id} 在这里继续。")
    vote(telegram, poll, person, right=True)  # the open poll still counts: Telegram keeps it
    said(telegram, new, f"测验 {quiz_id} 结束（共 1 题）")
    send(telegram, TOKEN, new, trainer(), migrate_from_chat_id=old["id"])
    send(telegram, TOKEN, new, trainer(), "/quiz_stop")
    said(telegram, new, "No quiz is running in this chat")
    assert len(telegram.calls(TOKEN, "sendMessage", lambda p: quiz_id in p["text"] and "超级群组" in p["text"])) == 1


@pytest.mark.parametrize(
    ("command", "language_code", "announced"),
    [
        ("/quiz_start Priority 4 1 1", "en", "1 question on Accountability to peacekeepers, 1 s each"),
        ("/quiz_start 优先事项4 1 1", "zh-hans", "共 1 题（主题：对维和人员的责任）"),
        ("/quiz_start theme 1 1 1", "en", "on Women, peace and security"),
    ],
)
def test_a_topic_is_read_as_the_practice_quiz_reads_it_and_shown_by_name(telegram, bridge, command, language_code, announced):
    room = group()
    send(telegram, TOKEN, room, trainer(language_code), command)
    assert announced in text(said(telegram, room, "1"))
    poll_sent(telegram, room, 1)


def test_a_report_before_any_answer_says_so_without_a_chart(telegram, bridge):
    room = group()
    send(telegram, TOKEN, room, trainer(), "/quiz_start all 1 1")
    quiz_id = started(telegram, room)
    poll_sent(telegram, room, 1)
    assert "Nobody answered" in text(said(telegram, room, "is over (1 question)"))
    send(telegram, TOKEN, room, trainer(), "/quiz_report")
    summary = text(said(telegram, room, "Scores"))
    assert summary.startswith(f"Quiz {quiz_id}: 1 question asked, 0 trainees answered.")
    assert summary.endswith("Nobody has answered yet, so there is no chart.")
    wait_until(lambda: len(telegram.calls(TOKEN, "sendDocument", lambda p: p["chat_id"] == room["id"])) == 2)
    assert not telegram.calls(TOKEN, "sendPhoto", lambda p: p["chat_id"] == room["id"])


def test_trainees_of_the_same_name_are_told_apart_on_the_leaderboard(telegram, bridge):
    room, first, second = group(), {**trainee(), "first_name": "Li"}, {**trainee(), "first_name": "Li"}
    send(telegram, TOKEN, room, trainer(), "/quiz_start all 1 2")
    poll = poll_sent(telegram, room, 1)
    vote(telegram, poll, first, right=True)
    vote(telegram, poll, second, right=False)
    assert board(telegram, room) == [f"1. Li (…{str(first['id'])[-4:]}) 1/1", f"2. Li (…{str(second['id'])[-4:]}) 0/1"]
