"""The web chat page in headless Chromium against the real stack: Rasa, the action server, a fresh SQLite store and
`python -m bot.web`, which serves the page and relays its messages to Rasa. Needs /usr/bin/chromium
(scripts/install-chromium); set UPDATE_SCREENSHOT=1 to refresh docs/webchat.png."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from types import SimpleNamespace

import httpx
import pytest
from playwright.sync_api import Page, expect

from actions.settings import get as setting
from tests.conftest import ROOT
from tests.e2e_servers import free_port, running_assistant
from tests.helpers.browser import open_page
from tests.helpers.quiz import asked, wrong
from tests.helpers.web import WebServer

pytestmark = pytest.mark.server  # needs a running server (see pytest.ini)

KILLED_ZH = "自1948年以来有多少维和人员死于恶意行为？"
KILLED_EN = "How many peacekeepers have been killed by malicious acts since 1948?"
THOUSAND_67 = re.compile(r"1[ ,\u00a0\u2009]?067")
CHAT_API = "**/api/chat"
expect.set_options(timeout=30_000)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    web_port = free_port()
    origin = f"http://127.0.0.1:{web_port}"
    with running_assistant(tmp_path_factory.mktemp("webchat"), cors=origin) as assistant:
        web = WebServer(assistant.url, web_port)
        try:
            yield SimpleNamespace(origin=origin, rasa=assistant.url, assistant=assistant)
        finally:
            web.stop()


@pytest.fixture
def page(browser, stack):
    page = open_page(browser, stack.origin)
    yield page
    page.context.close()


def send(page: Page, text: str) -> None:
    page.fill("#text", text)
    page.press("#text", "Enter")


def bots(page: Page):
    return page.locator("#log .msg.bot")


def users(page: Page):
    return page.locator("#log .msg.user p")


def user_events(stack, sender: str) -> list[dict]:
    """What Rasa recorded of the sender's messages."""
    tracker = stack.assistant.client.get(f"{stack.rasa}/conversations/{sender}/tracker").json()
    return [event for event in tracker["events"] if event["event"] == "user"]


def test_chinese_question_gets_a_cited_answer_with_channel_metadata(page, stack):
    with page.expect_request(CHAT_API) as request:
        send(page, KILLED_ZH)
    body = json.loads(request.value.post_data)
    assert request.value.url == f"{stack.origin}/api/chat"  # the page talks to its own server only
    assert body["message"] == KILLED_ZH and re.fullmatch(r"[0-9a-f]{32}", body["sender"])
    expect(users(page)).to_have_text([KILLED_ZH])
    expect(bots(page).last).to_contain_text("第44段")
    assert THOUSAND_67.search(bots(page).last.inner_text())
    expect(page.locator("#text")).to_be_empty()
    [asked] = user_events(stack, f"web-{body['sender']}")  # the relay names the sender for Rasa
    assert asked["text"] == KILLED_ZH and asked["metadata"].items() >= {"channel": "web", "language": "en"}.items()


def test_quick_reply_sends_its_payload_shows_its_title_then_is_disabled(page):
    send(page, "help")
    buttons = page.locator("#log .quick button")
    expect(buttons.first).to_be_enabled()
    title = buttons.first.inner_text()
    with page.expect_request(CHAT_API) as request:
        buttons.first.click()
    payload = json.loads(request.value.post_data)["message"]
    assert payload != title
    expect(users(page).last).to_have_text(title)
    expect(bots(page)).to_have_count(2)
    assert "(para." in bots(page).last.inner_text()
    for index in range(buttons.count()):
        expect(buttons.nth(index)).to_be_disabled()


@pytest.mark.parametrize("markup", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"])
def test_markup_is_shown_as_text_and_never_runs(page, markup):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    send(page, markup)
    expect(users(page)).to_have_text([markup])
    expect(bots(page)).to_have_count(1)
    page.wait_for_timeout(300)  # time for an injected onerror to have fired
    assert dialogs == []
    assert page.locator("#log img, #log script").count() == 0


def test_reload_keeps_messages_language_and_sender(page):
    page.check("#lang")
    expect(bots(page)).to_have_count(1)
    send(page, KILLED_ZH)
    expect(bots(page)).to_have_count(2)
    before = page.locator("#log .msg p").all_text_contents()
    sender = page.evaluate("JSON.parse(sessionStorage.getItem('a4p-webchat')).sender")
    page.reload()
    expect(page.locator("#log .msg p")).to_have_text(before)
    expect(page.locator("h1")).to_have_text("联合国维和行动绩效助手")
    expect(page.locator("#lang")).to_be_checked()
    with page.expect_request(CHAT_API) as request:
        send(page, "第44段")
    assert json.loads(request.value.post_data)["sender"] == sender


def test_language_switch_changes_the_page_and_the_next_answer(page):
    expect(page).to_have_title("UN Peacekeeping Performance Assistant")
    expect(page.locator("#send")).to_have_text("Send")
    with page.expect_request(CHAT_API) as request:
        page.click("label.lang")
    assert json.loads(request.value.post_data)["message"] == '/set_language{"language":"zh"}'
    expect(page).to_have_title("联合国维和行动绩效助手")
    expect(page.locator("h1")).to_have_text("联合国维和行动绩效助手")
    expect(page.locator("#send")).to_have_text("发送")
    expect(page.locator("label[for=text]")).to_have_text("您的问题")
    assert page.get_attribute("html", "lang") == "zh-CN"
    expect(bots(page)).to_have_count(1)
    assert re.search(r"[\u4e00-\u9fff]", bots(page).first.inner_text())
    expect(users(page)).to_have_count(0)  # the command is not shown as the user's message
    send(page, KILLED_EN)
    expect(bots(page)).to_have_count(2)
    expect(bots(page).last).to_contain_text("第44段")
    page.click("label.lang")
    expect(page.locator("#send")).to_have_text("Send")
    expect(bots(page)).to_have_count(3)
    send(page, "自2013年以来呢？")
    expect(bots(page)).to_have_count(4)
    expect(bots(page).last).to_contain_text("(para. 44)")


def test_phone_width_has_no_horizontal_scroll_and_large_tap_targets(browser, stack):
    page = open_page(browser, stack.origin, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    send(page, "help")
    expect(page.locator("#log .quick button").first).to_be_visible()
    send(page, "x" * 400 + " https://example.org/" + "a" * 300)
    expect(bots(page)).to_have_count(2)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    for target in ["#send", "#text", "label.lang", "#log .quick button >> nth=0"]:
        box = page.locator(target).bounding_box()
        assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 360, target
    page.context.close()


def tab_to(page: Page, selector: str, key: str = "Tab", presses: int = 12) -> None:
    for _ in range(presses):
        page.keyboard.press(key)
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with {key}")


def test_keyboard_only_sends_and_presses_a_quick_reply(page):
    tab_to(page, "#text")
    page.keyboard.type("help")
    page.keyboard.press("Enter")
    expect(page.locator("#log .quick button").first).to_be_visible()
    tab_to(page, "#log .quick button", key="Shift+Tab")
    title = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    expect(users(page)).to_have_text(["help", title])
    expect(bots(page)).to_have_count(2)
    assert page.evaluate("document.activeElement.id") == "text"
    page.keyboard.type("第44段")
    tab_to(page, "#send")
    page.keyboard.press("Space")
    expect(bots(page)).to_have_count(3)


def test_unreachable_rasa_gets_a_polite_error_in_the_ui_language(browser):
    web = WebServer(f"http://127.0.0.1:{free_port()}")
    try:
        page = open_page(browser, web.url)
        send(page, "hello")
        expect(page.locator("#log .msg.error p")).to_have_text(
            ["Sorry, the assistant cannot be reached right now. Please try again in a moment."]
        )
        page.check("#lang")
        expect(page.locator("#log .msg.error p").last).to_have_text("抱歉，暂时无法连接助手，请稍后再试。")
        expect(users(page)).to_have_text(["hello"])
        page.context.close()
    finally:
        web.stop()


def test_cors_allows_the_page_origin_only(stack):
    webhook = f"{stack.rasa}/webhooks/rest/webhook"
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    body = {"sender": "cors-check", "message": "第44段"}
    with httpx.Client(timeout=60) as client:
        allowed = client.options(webhook, headers={"Origin": stack.origin, **preflight})
        assert allowed.headers.get("access-control-allow-origin") == stack.origin
        assert (
            client.post(webhook, json=body, headers={"Origin": stack.origin}).headers.get("access-control-allow-origin")
            == stack.origin
        )
        evil = client.options(webhook, headers={"Origin": "http://evil.example", **preflight})
        assert "access-control-allow-origin" not in evil.headers
        assert (
            "access-control-allow-origin"
            not in client.post(webhook, json=body, headers={"Origin": "http://evil.example"}).headers
        )


def test_web_server_serves_the_page_with_a_strict_policy(stack):
    with httpx.Client(base_url=stack.origin) as client:
        page = client.get("/")
        assert page.status_code == 200 and 'role="log"' in page.text and 'name="viewport"' in page.text
        policy = page.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "connect-src 'self';" in policy and stack.rasa not in policy
        assert client.get("/static/chat.js").status_code == 200
        assert client.get("/static/%2e%2e/server.py").status_code == 404
        assert client.get("/nothing").status_code == 404


@pytest.mark.parametrize("env", [{"WEB_PORT": "eighty"}, {"RASA_URL": "javascript:alert(1)"}])
def test_web_server_refuses_bad_settings(env):
    done = subprocess.run(
        [sys.executable, "-m", "bot.web"], cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 2 and "error:" in done.stderr


def test_screenshot_of_a_short_conversation(browser, stack, tmp_path):
    page = open_page(browser, stack.origin, viewport={"width": 1000, "height": 700})
    send(page, "hello")
    page.locator("#log .quick button").first.click()
    expect(bots(page)).to_have_count(2)
    send(page, "那2013年以来呢？")
    expect(bots(page)).to_have_count(3)
    target = ROOT / "docs" / "webchat.png" if setting("UPDATE_SCREENSHOT") else tmp_path / "webchat.png"
    target.parent.mkdir(exist_ok=True)
    page.screenshot(path=target)
    png = target.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[16:24] == (1000).to_bytes(4, "big") + (700).to_bytes(4, "big")
    page.context.close()


def test_saved_conversation_shows_images_and_skips_damaged_entries(page):
    saved = {
        "sender": "0123456789abcdef",
        "lang": "en",
        "messages": [
            {"from": "user", "text": "show me a figure"},
            None,
            {"from": "bot", "text": 5},
            {"from": "intruder", "text": "x"},
            {"from": "bot", "text": "Figure 1", "image": "https://example.org/figure-1.png"},
            {"from": "bot", "image": "javascript:alert(1)"},
            {"from": "bot", "text": "Still here", "buttons": "not a list"},
        ],
    }
    page.evaluate("(saved) => sessionStorage.setItem('a4p-webchat', JSON.stringify(saved))", saved)
    page.reload()
    expect(page.locator("#log .msg p")).to_have_text(["show me a figure", "Figure 1", "Still here"])
    expect(page.locator("#log img")).to_have_count(1)
    image = page.locator("#log .msg.bot img")
    assert image.get_attribute("src") == "https://example.org/figure-1.png"
    assert image.get_attribute("alt") == "An image sent by the assistant"  # the page's words, never the reply's


def post_chat(client: httpx.Client, **body) -> httpx.Response:
    return client.post("/api/chat", json={"sender": "relay-check-1", "message": "第44段", **body})


def test_relay_checks_every_request(stack):
    with httpx.Client(base_url=stack.origin, timeout=60, headers={"Content-Type": "application/json"}) as client:
        answered = post_chat(client, metadata={"language": "zh", "channel": "telegram"})
        assert answered.status_code == 200 and "第44段" in answered.json()[0]["text"]
        assert user_events(stack, "web-relay-check-1")[-1]["metadata"].items() >= {"channel": "web", "language": "zh"}.items()
        refused = {
            413: [post_chat(client, message="x" * 5001), client.post("/api/chat", content=b"{" + b" " * 70_000)],
            400: [
                client.post("/api/chat", content=b"{not json"),
                client.post("/api/chat", json=["a", "list"]),
                client.post("/api/chat", content=b"[" * 60_000),  # deeper than the JSON parser goes
                post_chat(client, sender="telegram:1:1"),
                post_chat(client, sender="short"),
                post_chat(client, message=" "),
                post_chat(client, message=42),
                post_chat(client, metadata="zh"),
            ],
        }
        for status, responses in refused.items():
            for response in responses:
                assert response.status_code == status, response.text
                assert set(response.json()) == {"error", "message"} and response.json()["message"]["zh"]
        assert client.get("/api/chat").status_code == 405
    assert len(user_events(stack, "web-relay-check-1")) == 1  # nothing refused reached Rasa


def test_relay_answers_502_when_rasa_is_down_or_something_else_answers(stack):
    """Nothing on Rasa's address, or a server that is not its REST channel (Rasa under a wrong path): 502, explained."""
    for rasa_url in (f"http://127.0.0.1:{free_port()}", f"{stack.rasa}/nowhere"):
        web = WebServer(rasa_url)
        try:
            response = httpx.post(f"{web.url}/api/chat", json={"sender": "relay-check-2", "message": "hello"}, timeout=60)
        finally:
            web.stop()
        assert response.status_code == 502 and response.json()["error"] == "unavailable", response.text
        assert response.json()["message"]["en"].startswith("Sorry, the assistant cannot be reached")


def replies_to(page: Page, action) -> list[dict]:
    """The replies the page received for what `action` sends, once it has shown them all."""
    shown = bots(page).count()
    with page.expect_response(CHAT_API) as response:
        action()
    replies = response.value.json()
    expect(bots(page)).to_have_count(shown + len(replies))
    return replies


def quiz_buttons(page: Page, n: int):
    """The quick replies under the last bubble asking question n of 3."""
    return bots(page).filter(has_text=f"Question {n}/3:").last.locator(".quick button")


def test_a_practice_quiz_with_quick_replies_survives_a_reload(page, stack):
    store = stack.assistant.store_url
    first = asked(replies_to(page, lambda: send(page, "quiz me with 3 questions")), "en", store)[1]
    expect(quiz_buttons(page, 1)).to_have_count(4)
    replies = replies_to(page, quiz_buttons(page, 1).nth(first.answer).click)
    assert replies[0]["text"].startswith("✅ Right!")
    expect(bots(page).filter(has_text="✅ Right!")).to_contain_text(f"(para. {first.paragraph})")
    second = asked(replies, "en", store)[1]
    expect(quiz_buttons(page, 2).first).to_be_enabled()
    expect(quiz_buttons(page, 1).first).to_be_disabled()

    third = asked(replies_to(page, lambda: send(page, wrong(second))), "en", store)[1]  # typed: its buttons stay
    replies = replies_to(page, quiz_buttons(page, 2).nth(second.answer).click)
    assert replies[0]["text"].startswith("That question is already closed")
    assert asked(replies, "en", store)[1] == third

    page.reload()
    expect(bots(page).filter(has_text="That question is already closed")).to_have_count(1)
    replies = replies_to(page, quiz_buttons(page, 3).nth(third.answer).click)
    assert replies[0]["text"].startswith("✅ Right!") and "Score: 2/3." in replies[0]["text"]
    expect(bots(page).last).to_contain_text("Quiz finished: 2/3 right.")
