"""A live class quiz run from the trainer dashboard, in headless Chromium against the real stack (Rasa, the action
server, a fresh SQLite store and `python -m bot.web` with a trainer token): the trainer's page and each trainee's
page in a browser context of its own, one trainee over REST and one in Telegram (the bridge on the fake Bot API) in
the same quiz, a late joiner, the web server restarted mid-quiz, and the report's downloads. Set UPDATE_SCREENSHOT=1
to refresh docs/dashboard.png."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timedelta
from types import SimpleNamespace

import httpx
import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from actions.quiz.practice import LETTERS
from actions.settings import get as setting
from tests.conftest import ROOT
from tests.e2e_servers import free_port, running_assistant
from tests.fake_telegram import callback_query, chat, user
from tests.helpers.browser import open_page
from tests.helpers.telegram import answer as sent_to
from tests.helpers.telegram import question_sent, running, send, text
from tests.helpers.web import WebServer

pytestmark = pytest.mark.server  # needs the servers and a browser (see pytest.ini)

TOKEN = "class-dashboard-token-0123"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
BOT = "720002:class-dashboard"
TELEGRAM_CHAT, TELEGRAM_USER = chat(71_001), user(71_001, "en")
SIZE = 3
expect.set_options(timeout=30_000)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    port = free_port()
    with running_assistant(tmp_path_factory.mktemp("classroom")) as assistant:
        box = SimpleNamespace(assistant=assistant, port=port, web=None)
        box.web = start_web(box)
        try:
            yield box
        finally:
            box.web.stop()


def start_web(stack) -> WebServer:
    return WebServer(stack.assistant.url, stack.port, DATABASE_URL=stack.assistant.store_url, TRAINER_TOKEN=TOKEN)


def quiz_state(stack, code: str) -> dict:
    response = httpx.get(f"{stack.web.url}/trainer/api/quizzes/{code}", headers=BEARER)
    response.raise_for_status()
    return response.json()


def signed_in_trainer(browser, origin: str) -> Page:
    page = open_page(browser, f"{origin}/trainer", viewport={"width": 1280, "height": 800})
    page.fill("#token", TOKEN)
    with page.expect_navigation():
        page.click("form button")
    expect(page.locator("h1")).to_have_text("Class quizzes – trainer dashboard")
    return page


def bots(page: Page):
    return page.locator("#log .msg.bot")


def question(page: Page, n: int, size: int = SIZE):
    """The bubble asking question n of `size`, in either language."""
    return bots(page).filter(has_text=f"{n}/{size}").filter(has=page.locator(".quick button")).last


def answer(page: Page, n: int, choice: int) -> None:
    shown = bots(page).count()
    question(page, n).locator(".quick button").nth(choice).click()
    expect(bots(page)).not_to_have_count(shown)  # the chat's reply: right or wrong, and what comes next


def numbers(page: Page, selector: str) -> list[int]:
    return [int(n) for n in page.locator(selector).all_text_contents()]


def via_link(browser, stack, code: str, name: str, locale: str = "en-US") -> Page:
    """A trainee who opens the join link: the page asks their name (which they may leave out) and joins."""
    page = open_page(browser, f"{stack.web.url}/?join={code}", locale=locale)
    expect(bots(page).first).to_contain_text(code)
    expect(page.locator("#text")).to_be_focused()
    page.fill("#text", name)
    page.press("#text", "Enter")
    return page


def joined(browser, stack, code: str) -> list[Page]:
    """Five trainees in their own browsers: three open the join link, two type the code with their name."""
    trainees = [
        via_link(browser, stack, code, name, locale) for name, locale in (("Omar", "en-US"), ("李雷", "zh-CN"), ("", "en-US"))
    ]
    for locale, typed in (("en-US", f"join {code} Ann"), ("zh-CN", f"加入 {code} 王芳")):
        page = open_page(browser, stack.web.url, locale=locale)
        page.fill("#text", typed)
        page.press("#text", "Enter")
        trainees.append(page)
    for page in trainees:
        expect(bots(page).first).to_contain_text(code)
        expect(bots(page).last).to_contain_text(re.compile("not started it yet|还没有开始测验"))
    assert trainees[1].locator("#log .msg.user p").first.inner_text() == f"加入 {code} 李雷"
    assert "?join" not in trainees[0].url  # a reload does not join again
    return trainees


def check_downloads(trainer: Page, code: str) -> None:
    """The report's links download the CSV, XLSX and PNG files, with the trainees and questions in them."""
    downloads = {}
    for kind in ("csv", "xlsx", "png"):
        with trainer.expect_download() as download:
            trainer.click(f"#{kind}")
        assert download.value.suggested_filename == f"class-{code}.{kind}"
        downloads[kind] = download.value.path().read_bytes()
    rows = list(csv.reader(io.StringIO(downloads["csv"].decode("utf-8-sig"))))
    assert rows[0] == ["Trainees"] and rows[1][:4] == ["User", "Name", "Right", "Answered"]
    names = {row[1]: (int(row[2]), int(row[3])) for row in rows[2:10]}
    assert names["Ann"] == (2, 3) and names["王芳"] == (2, 3) and names["Rita"] == (1, 2) and names["User 71001"] == (1, 1)
    assert names["Omar"] == (3, 3) and names["李雷"] == (3, 3) and names["Late"] == (2, 2)
    assert len(names) == 8
    book = load_workbook(io.BytesIO(downloads["xlsx"]))
    assert book.sheetnames == ["Trainees", "Questions"]
    assert [row[0] for row in book["Questions"].iter_rows(min_row=2, values_only=True)][0] == 1  # hardest first
    assert downloads["png"][:8] == b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def bridge(telegram, stack, tmp_path_factory):
    """The Telegram bridge on the assistant's store, as `make run` starts it."""
    env = {"RASA_URL": stack.assistant.url, "DATABASE_URL": stack.assistant.store_url}
    with running(telegram, BOT, tmp_path_factory.mktemp("bridge"), **env) as started:
        yield started


def test_a_live_class_quiz_from_the_dashboard_to_its_report(browser, stack, telegram, bridge, tmp_path):
    trainer = signed_in_trainer(browser, stack.web.url)
    trainer.fill("input[name=size]", str(SIZE))
    trainer.fill("input[name=seconds]", "300")
    trainer.click("#create button[type=submit]")
    expect(trainer.locator("#code")).to_have_text(re.compile(r"^[2-9A-HJ-NP-Z]{6}$"))
    code = trainer.locator("#code").inner_text()
    expect(trainer.locator("#status")).to_contain_text("Waiting to start")
    expect(trainer.locator("#members")).to_have_text("Nobody has joined yet.")

    trainees = joined(browser, stack, code)
    rest = "rest-rita-1"
    assert code in stack.assistant.reply(rest, f"join {code} Rita")[0]["text"]
    send(telegram, BOT, TELEGRAM_CHAT, TELEGRAM_USER, f"/join {code}")
    sent_to(telegram, TELEGRAM_CHAT, "not started it yet", BOT)  # the bridge has answered the join
    expect(trainer.locator("#members li")).to_have_count(7)  # no reload: the stream brought them
    for name in ("Omar · web", "李雷 · web", "Ann · web", "王芳 · web", "Rita · REST", "User 71001 · Telegram"):
        expect(trainer.locator("#members li").filter(has_text=name)).to_have_count(1)

    # Question 1: the trainer starts; each page gets the question without a reload, with the countdown.
    trainer.click("#start")
    for page in trainees:
        expect(question(page, 1).locator(".quick button")).to_have_count(4)
        expect(page.locator("#countdown")).to_be_visible()
    expect(trainer.locator("#countdown")).to_contain_text("s left")
    right = quiz_state(stack, code)["question"]["answer"]
    for n, page in enumerate(trainees):
        answer(page, 1, right if n < 3 else (right + 1) % 4)
    assert stack.assistant.reply(rest, LETTERS[right])[0]["text"].startswith("✅ Right!")
    call, buttons, _ = question_sent(telegram, TELEGRAM_CHAT, "Question 1/3", "en", stack.assistant.store_url, BOT)
    telegram.push(BOT, {"callback_query": callback_query(TELEGRAM_USER, call.result, buttons[right]["callback_data"])})
    expect(trainer.locator("#answered")).to_have_text("7 of 7 answered")
    # the leaderboard may follow the count by a moment on a busy machine: waited for, not read at once
    expect(trainer.locator("#leaderboard tbody td:nth-child(3)")).to_have_text(["1", "1", "1", "1", "1", "0", "0"])
    assert sorted(numbers(trainer, "#chart .n")) == [0, 0, 2, 5]
    expect(trainer.locator("#chart .right")).to_have_count(0)  # not while trainees can still answer
    shot = ROOT / "docs" / "dashboard.png" if setting("UPDATE_SCREENSHOT") else tmp_path / "dashboard.png"
    trainer.screenshot(path=shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    # Question 2; a trainee who joins now starts at it. Then the web server restarts mid-question.
    trainer.click("#next")
    for page in trainees:
        expect(question(page, 2).locator(".quick button")).to_have_count(4)
    late = via_link(browser, stack, code, "Late")
    expect(question(late, 2).locator(".quick button")).to_have_count(4)
    expect(bots(late).filter(has_text=f"1/{SIZE}")).to_have_count(0)
    trainees.append(late)
    stack.web.stop()
    stack.web = start_web(stack)
    right = quiz_state(stack, code)["question"]["answer"]
    for page in trainees:
        answer(page, 2, right)
    stack.assistant.reply(rest, LETTERS[(right + 1) % 4])
    expect(trainer.locator("#answered")).to_have_text("7 of 8 answered")  # the trainer's page reconnected

    # Question 3 reaches every page through the restarted server; then the trainer ends the quiz.
    trainer.click("#next")
    for page in trainees:
        expect(question(page, 3).locator(".quick button")).to_have_count(4)
    right = quiz_state(stack, code)["question"]["answer"]
    for page in trainees:
        answer(page, 3, right)
    expect(trainer.locator("#answered")).to_have_text("6 of 8 answered")
    trainer.click("#finish")
    expect(trainer.locator("#status")).to_contain_text("Finished")
    expect(trainer.locator("#chart .right")).to_have_count(1)  # closed: the right option is marked
    expect(trainer.locator("#report")).to_be_visible()
    expect(trainer.locator("#per-trainee tbody tr")).to_have_count(8)
    expect(trainer.locator("#per-question tbody tr")).to_have_count(SIZE)
    expect(trainer.locator("#hardest li").first).to_contain_text("Q1")  # 5 of 7 right; the others 6/7 and 6/6
    expect(bots(trainees[0]).last).to_contain_text(f"Class quiz {code} is over. Your score: 3/3, place 1 of 8.")
    assert text(sent_to(telegram, TELEGRAM_CHAT, "is over.", BOT)).endswith("Your score: 1/1, place 7 of 8.")
    expect(bots(trainees[4]).last).to_contain_text("答对2/3题")

    check_downloads(trainer, code)
    for page in [trainer, *trainees]:
        page.context.close()


def test_a_self_paced_quiz_shows_each_answer_as_it_comes(browser, stack):
    trainer = signed_in_trainer(browser, stack.web.url)
    trainer.fill("input[name=size]", "2")
    trainer.check("input[name=mode][value=self]")
    trainer.fill("input[name=deadline]", (datetime.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"))
    trainer.select_option("select[name=language]", "zh")
    trainer.click("#create button[type=submit]")
    expect(trainer.locator("#status")).to_contain_text("Running · self-paced, open until")
    code = trainer.locator("#code").inner_text()
    expect(trainer.locator("#start")).to_be_hidden()
    for n, name in enumerate(("Kim", "Lee")):
        asked = stack.assistant.reply(f"rest-self-{n}", f"join {code} {name}")
        assert len(re.findall("[\u4e00-\u9fff]", asked[-1]["text"])) >= 8  # a quiz in Chinese asks in Chinese
    stack.assistant.reply("rest-self-0", "A")
    expect(trainer.locator("#per-question tbody tr")).to_have_count(2)
    expect(trainer.locator("#per-question tbody tr").first.locator("td").nth(3)).to_have_text("1")
    expect(trainer.locator("#leaderboard tbody tr").filter(has_text="Kim").locator("td").nth(3)).to_have_text("1")
    trainer.click("#finish")
    expect(trainer.locator("#status")).to_contain_text("Finished")
    assert (
        stack.assistant.reply("rest-self-1", f"join {code}")[0]["text"]
        == f"Class quiz {code} is over and no longer takes answers."
    )
    trainer.context.close()


def over_api(stack, step: str = "", **settings) -> httpx.Response:
    """A call of the dashboard's API as the trainer: a new quiz with `settings`, or `step` ("CODE/start", ...)."""
    response = httpx.post(f"{stack.web.url}/trainer/api/quizzes{'/' if step else ''}{step}", json=settings, headers=BEARER)
    response.raise_for_status()
    return response


def started(browser, stack, size: int, seconds: int) -> tuple[Page, str]:
    """A live quiz the trainer made and started over the API, and a trainee's page, joined by its link, at question 1."""
    code = over_api(stack, size=size, seconds=seconds, live=True).json()["code"]
    trainee = via_link(browser, stack, code, "")
    expect(bots(trainee).last).to_contain_text("not started it yet")
    over_api(stack, f"{code}/start")
    expect(question(trainee, 1, size).locator(".quick button")).to_have_count(4)
    return trainee, code


def test_a_trainee_page_is_told_the_answer_when_the_time_is_up(browser, stack):
    trainee, code = started(browser, stack, size=1, seconds=5)
    expect(trainee.locator("#countdown")).to_contain_text("s left to answer")
    right = "ABCD"[quiz_state(stack, code)["question"]["answer"]]
    expect(bots(trainee).last).to_contain_text(f"⏰ Time is up for question 1. The answer: {right}.", timeout=15_000)
    expect(trainee.locator("#countdown")).to_have_text("⏱ Time is up")
    trainee.context.close()


def test_a_trainee_page_is_told_the_answer_when_the_trainer_moves_on_early(browser, stack):
    """As Telegram members are: the question the trainer closes before its time is up is answered on the page."""
    trainee, code = started(browser, stack, size=2, seconds=300)
    first = quiz_state(stack, code)["question"]["answer"]
    question(trainee, 1, 2).locator(".quick button").nth((first + 1) % 4).click()
    expect(bots(trainee).last).to_contain_text("Your answer is in.")
    assert bots(trainee).filter(has_text="❌ Not quite.").count() == 1  # the chat's reply said whether it was right

    over_api(stack, f"{code}/next")
    expect(question(trainee, 2, 2).locator(".quick button")).to_have_count(4)
    told = f"⏰ Time is up for question 1. The answer: {LETTERS[first]}."
    texts = bots(trainee).all_inner_texts()
    assert [n for n, t in enumerate(texts) if told in t] == [len(texts) - 2]  # once, just before question 2
    second = quiz_state(stack, code)["question"]["answer"]

    over_api(stack, f"{code}/finish")
    expect(bots(trainee).last).to_contain_text(f"Class quiz {code} is over.")
    expect(bots(trainee).filter(has_text=f"⏰ Time is up for question 2. The answer: {LETTERS[second]}.")).to_have_count(1)
    expect(bots(trainee).filter(has_text=told)).to_have_count(1)
    trainee.context.close()


def test_a_join_link_says_what_its_code_is_for_or_why_it_cannot_be_joined(browser, stack):
    """A stranger's page (a fresh browser) opened with the link: the name is asked for a quiz that takes trainees,
    in the page's language; an unknown or ended quiz is said so at once, without asking a name."""
    code = over_api(stack, size=1, live=True).json()["code"]
    page = open_page(browser, f"{stack.web.url}/?join={code.lower()}", locale="zh-CN")
    asked = f"要加入课堂测验 {code}，请输入培训师看到的您的名字，然后点“发送”（也可以直接点“发送”）。"
    expect(bots(page).locator("p")).to_have_text([asked])
    expect(page.locator("#text")).to_have_attribute("placeholder", "您的名字…")
    page.context.close()

    over_api(stack, f"{code}/finish")
    for locale, joining, told in (
        ("en-US", "zzz-222", "There is no class quiz with the code ZZZ222. Please check the code and try again."),
        ("en-US", "K7P", "A class quiz code is six letters and digits, such as K7P2QX."),
        ("en-US", code, f"Class quiz {code} is over and no longer takes answers."),
        ("zh-CN", code, f"课堂测验 {code} 已结束，不再接受作答。"),
    ):
        page = open_page(browser, f"{stack.web.url}/?join={joining}", locale=locale)
        expect(bots(page).locator("p")).to_have_text([told])
        expect(page.locator("#text")).not_to_have_attribute("placeholder", re.compile("name|名字"))
        page.context.close()
