"""The trainer dashboard's door and its input checks, against `python -m bot.web` on a fresh store: without the
trainer token every dashboard path answers 401 (the page says how to sign in, or how to set a token), the sign-in
form sets an HttpOnly SameSite cookie in headless Chromium, and bad requests get a clear 4xx. No Rasa is needed."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import httpx
import pytest
from playwright.sync_api import expect

from actions.facts.files import read_report
from actions.facts.loader import load
from actions.quiz import classes
from actions.store.db import session
from bot.web.trainer import qr_svg
from tests.conftest import ROOT
from tests.e2e_servers import free_port
from tests.helpers.browser import open_page
from tests.helpers.web import WebServer

pytestmark = pytest.mark.server  # starts the web server and a browser (see pytest.ini)

TOKEN = "trainer-token-0123456789"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
API = "/trainer/api/quizzes"
expect.set_options(timeout=30_000)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('dashboard') / 'facts.db'}"
    load(read_report(), url)
    return url


@pytest.fixture(scope="module")
def web(store):
    server = WebServer(f"http://127.0.0.1:{free_port()}", DATABASE_URL=store, TRAINER_TOKEN=TOKEN)
    yield server
    server.stop()


@pytest.fixture
def client(web):
    with httpx.Client(base_url=web.url, timeout=60) as client:
        yield client


def new_quiz(client: httpx.Client, **settings) -> httpx.Response:
    return client.post(API, json={"size": 2, "seconds": 30, "live": True, **settings}, headers=BEARER)


def test_every_dashboard_path_needs_the_token(client):
    code = new_quiz(client).json()["code"]
    paths = ["/trainer", API, f"{API}/{code}", f"{API}/{code}/events", f"{API}/{code}/qr.svg", f"{API}/{code}/report.csv"]
    for headers in ({}, {"Authorization": "Bearer wrong-token-0123456789"}, {"Authorization": f"Basic {TOKEN}"}):
        for path in paths:
            response = client.get(path, headers=headers)
            assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer", path
        for action in ("start", "next", "finish"):
            assert client.post(f"{API}/{code}/{action}", json={}, headers=headers).status_code == 401
        assert client.post(API, json={"size": 2}, headers=headers).status_code == 401
    page = client.get("/trainer")
    assert "Trainer dashboard" in page.text and "培训师仪表板" in page.text and 'action="/trainer/sign-in"' in page.text
    refused = client.get(API).json()
    assert refused["error"] == "unauthorized" and refused["message"]["zh"] and refused["message"]["en"]
    assert client.get(f"{API}/{code}", headers=BEARER).json()["state"] == "waiting"  # nothing refused changed it
    assert [q["code"] for q in client.get(API, headers=BEARER).json()].count(code) == 1
    assert client.get("/trainer", headers=BEARER).status_code == 200


def test_sign_in_sets_an_http_only_cookie_and_sign_out_clears_it(browser, web):
    page = open_page(browser, f"{web.url}/trainer")
    expect(page.locator("form button")).to_have_text("登录 / Sign in")
    page.fill("#token", "not-the-token-at-all")
    with page.expect_navigation():
        page.click("form button")
    expect(page.locator(".problem")).to_have_text(["令牌不正确，请重试。", "That token is not right. Please try again."])
    assert page.context.cookies() == []
    page.fill("#token", TOKEN)
    with page.expect_navigation():
        page.click("form button")
    expect(page.locator("h1")).to_have_text("Class quizzes – trainer dashboard")
    [cookie] = page.context.cookies()
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/trainer"
    assert TOKEN not in cookie["value"]
    assert page.evaluate("document.cookie") == ""  # scripts cannot read it
    page.reload()
    expect(page.locator("h1")).to_have_text("Class quizzes – trainer dashboard")
    page.click("#lang")
    expect(page.locator("h1")).to_have_text("课堂测验 – 培训师仪表板")
    with page.expect_navigation():
        page.click("#sign-out")
    expect(page.locator("form button")).to_have_text("登录 / Sign in")
    assert page.context.cookies() == []
    page.context.close()


def test_sign_in_from_another_site_is_refused(client):
    response = client.post("/trainer/sign-in", data={"token": TOKEN}, headers={"Origin": "http://evil.example"})
    assert response.status_code == 401 and "set-cookie" not in response.headers
    assert "pages are not accepted." in response.text and "不接受来自其他网站页面的登录" in response.text


def test_without_a_token_set_the_page_says_how_to_set_one(store):
    closed = WebServer(f"http://127.0.0.1:{free_port()}", DATABASE_URL=store, TRAINER_TOKEN="")
    try:
        page = httpx.get(f"{closed.url}/trainer")
        assert page.status_code == 401 and "export TRAINER_TOKEN=" in page.text and "<form" not in page.text
        assert "设置 TRAINER_TOKEN" in page.text
        for token in ("-", "anything-at-all-0123456789"):
            assert httpx.get(f"{closed.url}{API}", headers={"Authorization": f"Bearer {token}"}).status_code == 401
        assert httpx.post(f"{closed.url}/trainer/sign-in", data={"token": ""}).status_code == 401
    finally:
        closed.stop()


def test_a_token_too_short_to_be_safe_stops_the_server():
    env = {**os.environ, "TRAINER_TOKEN": "short", "WEB_PORT": str(free_port())}
    done = subprocess.run([sys.executable, "-m", "bot.web"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "TRAINER_TOKEN must be at least 16" in done.stderr


def test_bad_new_quizzes_get_a_clear_400(client):
    refused = {
        415: [client.post(API, content=b"size=3", headers={**BEARER, "Content-Type": "text/plain"})],
        403: [client.post(API, json={"size": 3}, headers={**BEARER, "Origin": "http://evil.example"})],
        400: [
            client.post(API, content=b"{not json", headers={**BEARER, "Content-Type": "application/json"}),
            client.post(API, json=[1, 2], headers=BEARER),
            new_quiz(client, size="five"),
            new_quiz(client, size=True),
            new_quiz(client, live="yes"),
            new_quiz(client, topic=["P4"]),
            new_quiz(client, topic="x" * 61),
            new_quiz(client, deadline="next week", live=False),
            new_quiz(client, deadline="2030-01-01T10:00", live=False),  # no zone: whose ten o'clock?
            new_quiz(client, size=0),
            new_quiz(client, seconds=1),
            new_quiz(client, language="fr"),
            new_quiz(client, difficulty="brutal"),
            new_quiz(client, topic="Atlantis"),
            new_quiz(client, live=True, deadline="2030-01-01T10:00:00Z"),
        ],
    }
    for status, responses in refused.items():
        for response in responses:
            assert response.status_code == status, response.text
            body = response.json()
            assert body["message"]["zh"] and body["message"]["en"], body
    assert "Atlantis" in refused[400][-2].json()["message"]["en"]
    assert client.get(f"{API}/ZZZZZZ", headers=BEARER).status_code == 404
    assert client.post(f"{API}/ZZZZZZ/start", json={}, headers=BEARER).status_code == 404


def test_the_qr_code_holds_the_join_link(client, web):
    code = new_quiz(client).json()["code"]
    response = client.get(f"{API}/{code.lower()}/qr.svg", headers=BEARER)
    assert response.status_code == 200 and response.headers["content-type"] == "image/svg+xml"
    assert response.content == qr_svg(f"{web.url}/?join={code}")
    assert client.get(f"{API}/{code}", headers=BEARER).json()["join_url"] == f"{web.url}/?join={code}"


def test_the_trainee_stream_checks_its_request(client):
    code = new_quiz(client).json()["code"]
    sender = "0123456789abcdef"
    checks = {
        f"/api/class/{code}!/events?sender={sender}": (400, "bad_code"),
        f"/api/class/{code}/events?sender=short": (400, "bad_sender"),
        f"/api/class/{code}/events": (400, "bad_sender"),
        f"/api/class/ZZZZZZ/events?sender={sender}": (404, "no_class"),
    }
    for path, (status, key) in checks.items():
        response = client.get(path)
        assert (response.status_code, response.json()["error"]) == (status, key), path
    with client.stream("GET", f"/api/class/{code}/events?sender={sender}") as stream:
        assert stream.status_code == 200 and stream.headers["content-type"] == "text/event-stream"
        assert next(stream.iter_lines()) == "retry: 2000"  # not a member: nothing to show until they join


def test_reports_download_in_the_language_asked(client, store):
    code = new_quiz(client, live=False).json()["code"]
    with session(store) as db:
        for n, name in enumerate(("Li", "Sam")):
            classes.join(db, code, f"rest-{name}", name, "rest", "zh")
            classes.answer(db, code, f"rest-{name}", n)
    client.post(f"{API}/{code}/finish", json={}, headers=BEARER).raise_for_status()
    response = client.get(f"{API}/{code}/report.csv?lang=zh", headers=BEARER)
    assert response.status_code == 200 and response.headers["content-disposition"] == f'attachment; filename="class-{code}.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["学员"] and rows[1][:4] == ["用户", "姓名", "答对", "作答"] and {r[1] for r in rows[2:4]} == {"Li", "Sam"}
    assert client.get(f"{API}/{code}/report.csv?lang=fr", headers=BEARER).status_code == 400
    assert client.get(f"{API}/{code}/report.pdf", headers=BEARER).status_code == 404
    report = client.get(f"{API}/{code}", headers=BEARER).json()["report"]
    assert [t["answered"] for t in report["trainees"]] == [1, 1] and len(report["questions"]) == 2


def test_too_many_sign_ins_from_one_address_are_refused(client):
    """Last in the module: it uses up this address's sign-ins for a minute."""
    answers = [client.post("/trainer/sign-in", data={"token": "wrong-token-0123456789"}) for _ in range(11)]
    assert all(a.status_code == 401 for a in answers)
    assert "Too many sign-in attempts" in answers[-1].text
    right = client.post("/trainer/sign-in", data={"token": TOKEN})
    assert right.status_code == 401 and "set-cookie" not in right.headers
