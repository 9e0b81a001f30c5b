"""The project's paths, and every environment variable it reads with its default, meaning and readers: the one
place code asks for a setting (`get`), and the source of the README's table (tests/test_layers.py keeps the two
the same). Standard library only, so that the action server can import it without weight."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
REPORT_DIR = DATA / "report"
QUIZ_DIR = DATA / "quiz"
STORE_FILE = ROOT / "facts.db"
MODEL = ROOT / "models" / "a4p.tar.gz"

LOCAL_HOSTS = "localhost 127.0.0.1 [::1]"
TELEGRAM_API = "https://api.telegram.org"


@dataclass(frozen=True)
class Variable:
    default: str  # "" when unset means off, none, or required (said in `what`)
    what: str
    readers: str
    blank_is_unset: bool = False  # an empty value means the default, not an empty setting


VARIABLES: dict[str, Variable] = {
    # The store and the action server
    "DATABASE_URL": Variable(
        f"sqlite:///{STORE_FILE}",
        "the store: facts and quizzes (and, in production, Rasa's conversations; a PostgreSQL URL is required there)",
        "actions.store.db, bot.prod",
        blank_is_unset=True,
    ),
    "ACTION_SERVER_SECRET": Variable(
        "",
        "shared by Rasa and the action servers, 16+ letters or digits (required; `make run` makes one per run)",
        "actions.server, bot.prod, Rasa's endpoints file",
    ),
    "ACTIONS_HOST": Variable("127.0.0.1", "the address an action server listens on", "actions.server"),
    "CJK_FONT_FILE": Variable(
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "the font for Chinese chart labels (Debian's fonts-wqy-microhei, from scripts/install-fonts)",
        "actions.quiz.reports",
    ),
    # Rasa's REST channel and the web relay
    "RASA_URL": Variable("http://localhost:5005", "where the web relay and the Telegram bridge reach Rasa", "bot.rasa_client"),
    "RASA_TIMEOUT": Variable(
        "30",
        "seconds a relay or the bridge waits for Rasa, retries included (the production profile sets 110)",
        "bot.rasa_client",
    ),
    "RASA_ALLOWED_HOSTS": Variable(LOCAL_HOSTS, "host names Rasa's REST channel answers for; `*` any", "bot.rest_channel"),
    "RATE_LIMIT_MESSAGES": Variable(
        "30",
        "messages per sender per window, counted in Redis across all Rasa servers when `REDIS_URL` is set (else on each)",
        "bot.rest_channel",
    ),
    "RATE_LIMIT_SECONDS": Variable("60", "that window, in seconds; past the limit, a polite reply", "bot.rest_channel"),
    "TURN_SLOTS": Variable("8", "turns a Rasa server handles at once; the others wait their turn, in order", "bot.rest_channel"),
    "TURN_WAIT_SECONDS": Variable(
        "30",
        'the longest a turn waits for a slot; past it a polite "busy, send it again" reply (keep it well under `RASA_TIMEOUT`)',
        "bot.rest_channel",
    ),
    "WEB_HOST": Variable("127.0.0.1", "the address the web chat page and relay listen on", "bot.web.server"),
    "WEB_PORT": Variable("8000", "the web chat page's port", "bot.web.server, scripts/run-assistant"),
    "WEB_ALLOWED_HOSTS": Variable(LOCAL_HOSTS, "host names the web relay answers for; `*` any", "bot.web.server"),
    "WEB_RATE_LIMIT_MESSAGES": Variable("120", "chat requests per address per window at a relay", "bot.web.server"),
    "WEB_RATE_LIMIT_SECONDS": Variable("60", "that window, in seconds", "bot.web.server"),
    "WEB_TRUSTED_PROXIES": Variable("127.0.0.1 ::1", "the proxies whose X-Real-IP header a relay believes", "bot.web.server"),
    "TRAINER_TOKEN": Variable(
        "",
        "the trainer dashboard's token (`/trainer` on the web server), 16+ characters; unset, the dashboard stays closed",
        "bot.web.trainer_auth, scripts/run-assistant",
    ),
    # The Telegram bridge
    "TELEGRAM_BOT_TOKEN": Variable(
        "", "the bot's token from @BotFather; without it there is no bridge", "bot.telegram.settings, scripts/run-assistant"
    ),
    "TELEGRAM_MODE": Variable("polling", "`polling` or `webhook`", "bot.telegram.settings, scripts/run-assistant"),
    "TELEGRAM_WEBHOOK_URL": Variable("", "the public https:// URL Telegram posts to (webhook mode)", "bot.telegram.settings"),
    "TELEGRAM_WEBHOOK_SECRET": Variable(
        "", "Telegram's secret-token header, 1-256 of A-Z a-z 0-9 _ - (webhook mode)", "bot.telegram.settings"
    ),
    "TELEGRAM_WEBHOOK_LISTEN": Variable("127.0.0.1", "the address the webhook server listens on", "bot.telegram.settings"),
    "TELEGRAM_WEBHOOK_PORT": Variable("8443", "the webhook server's port", "bot.telegram.settings"),
    "TELEGRAM_TRAINER_IDS": Variable(
        "", "Telegram user ids, comma-separated, who may run group quizzes besides each group's admins", "bot.telegram.settings"
    ),
    "TELEGRAM_BASE_URL": Variable(f"{TELEGRAM_API}/bot", "the Bot API (tests point it at a local fake)", "bot.telegram.settings"),
    "TELEGRAM_BASE_FILE_URL": Variable(f"{TELEGRAM_API}/file/bot", "the Bot API's file URL", "bot.telegram.settings"),
    "QUIZ_MIN_SECONDS": Variable(
        "5", "the shortest time a group quiz poll may stay open (below 5 only against a test server)", "bot.telegram.settings"
    ),
    "TELEGRAM_STATE_FILE": Variable(
        str(ROOT / "state" / "telegram-chats.pickle"),
        "where the bridge keeps each chat's /lang choice across restarts (python-telegram-bot's PicklePersistence)",
        "bot.telegram.settings",
        blank_is_unset=True,
    ),
    # The production profile
    "REDIS_URL": Variable(
        "",
        "`redis://[:password@]host:port/db` for Rasa's lock store and the per-sender limits "
        "(required in production; unset, each Rasa server counts its own)",
        "bot.prod, bot.guards",
    ),
    "REDIS_PREFIX": Variable("a4p", "the key prefix of the lock store and the per-sender limits", "bot.prod, bot.guards"),
    "PROD_ROLES": Variable(
        "nginx rasa actions web telegram", "which parts run on this machine (any of the default's)", "bot.prod"
    ),
    "SERVER_NAMES": Variable("localhost 127.0.0.1", "host names users reach the service by; others get 421", "bot.prod"),
    "PUBLIC_HOST": Variable("0.0.0.0", "where nginx listens (put TLS in front, or edit the generated config)", "bot.prod"),
    "PUBLIC_PORT": Variable("8080", "nginx's port", "bot.prod"),
    "RATE_PER_IP": Variable(
        "2", "chat requests a second per address at nginx, burst 10x; the relays allow 60x that a minute", "bot.prod"
    ),
    "BIND_HOST": Variable(
        "127.0.0.1", "the address Rasa, the action servers and the relays listen on (a private one across machines)", "bot.prod"
    ),
    "RASA_PORTS": Variable("5005 5006", "the Rasa servers' ports on this machine", "bot.prod"),
    "ACTIONS_PORTS": Variable("5055 5056", "the action servers' ports on this machine", "bot.prod"),
    "WEB_PORTS": Variable("8001", "the web relays' ports on this machine", "bot.prod"),
    "RASA_UPSTREAMS": Variable("", "`host:port` of every Rasa server on every machine, for nginx (this machine's)", "bot.prod"),
    "ACTIONS_UPSTREAMS": Variable("", "the same for the action servers", "bot.prod"),
    "WEB_UPSTREAMS": Variable("", "the same for the web relays", "bot.prod"),
    "INTERNAL_RASA_PORT": Variable("5004", "nginx's loopback balancer in front of the Rasa servers", "bot.prod"),
    "INTERNAL_ACTIONS_PORT": Variable("5054", "nginx's loopback balancer in front of the action servers", "bot.prod"),
    "TICKET_LOCK_LIFETIME": Variable(
        "15", "seconds before a conversation lock held by a dead Rasa server frees (Rasa's own default is 60)", "bot.prod, Rasa"
    ),
    "PROD_RUN_DIR": Variable(
        "", "generated nginx and Rasa configuration and the logs (default: a new private temporary directory)", "bot.prod"
    ),
    # `make run`, set-up and tests (shell scripts and the test suite)
    "RASA_PORT": Variable("5005", "Rasa's port under `make run`", "scripts/run-assistant"),
    "ACTIONS_PORT": Variable("5055", "the action server's port under `make run`", "scripts/run-assistant"),
    "RASA_INTERFACE": Variable("127.0.0.1", "the address Rasa listens on under `make run`", "scripts/run-assistant"),
    "CORS_ORIGINS": Variable(
        "", "origins Rasa's CORS headers name (default: the web page's own, on localhost and 127.0.0.1)", "scripts/run-assistant"
    ),
    "PYTHON310": Variable(
        "", "the Python 3.10 to make the venv with (default: found on PATH or pyenv)", "scripts/find-python310"
    ),
    "PYENV_ROOT": Variable("~/.pyenv", "where pyenv's Pythons are looked for", "scripts/find-python310"),
    "BENCH_ARGS": Variable("", "arguments for `python -m bench` under `make bench`", "Makefile"),
    "TEST_POSTGRES_URL": Variable(
        "postgresql://postgres@127.0.0.1:5432/postgres", "the PostgreSQL server tests make their databases in", "tests"
    ),
    "CI": Variable("", "when set, PostgreSQL tests fail rather than skip without a server", "tests"),
    "UPDATE_SCREENSHOT": Variable("", "when set, the web page test rewrites docs/webchat.png", "tests"),
}


def get(name: str, env: Mapping[str, str] | None = None) -> str:
    """The variable from `env` (the process environment by default), else its default."""
    variable = VARIABLES[name]
    value = (os.environ if env is None else env).get(name)
    if value is None or (variable.blank_is_unset and not value):
        return variable.default
    return value


def default(name: str) -> str:
    return VARIABLES[name].default
