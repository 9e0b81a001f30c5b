"""The bridge's settings, read from the environment."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlparse

from actions.settings import TELEGRAM_API, default
from actions.settings import get as setting

_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what Telegram accepts as a webhook secret_token
MIN_QUIZ_SECONDS = int(default("QUIZ_MIN_SECONDS"))  # Telegram's shortest open_period
MAX_QUIZ_SECONDS = 600  # and the longest it allows


class SettingsError(ValueError):
    """A setting is missing or wrong; the message says how to fix it."""


@dataclass(frozen=True)
class Settings:
    token: str
    mode: str = default("TELEGRAM_MODE")
    base_url: str = default("TELEGRAM_BASE_URL")
    base_file_url: str = default("TELEGRAM_BASE_FILE_URL")
    webhook_url: str = ""
    webhook_secret: str = ""
    listen: str = default("TELEGRAM_WEBHOOK_LISTEN")  # behind a reverse proxy that terminates TLS
    port: int = int(default("TELEGRAM_WEBHOOK_PORT"))
    trainer_ids: frozenset[int] = frozenset()  # besides each group's administrators
    quiz_min_seconds: int = MIN_QUIZ_SECONDS
    state_file: str = default("TELEGRAM_STATE_FILE")

    @property
    def webhook_path(self) -> str:
        """The local path the webhook server answers on: the path of the public URL."""
        return urlparse(self.webhook_url).path.lstrip("/")


def _port(value: str) -> int:
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise SettingsError(f"TELEGRAM_WEBHOOK_PORT must be a port number, not {value!r}")
    return int(value)


def _trainer_ids(value: str) -> frozenset[int]:
    ids = [part.strip() for part in value.split(",") if part.strip()]
    if not all(part.isdigit() for part in ids):
        raise SettingsError(f"TELEGRAM_TRAINER_IDS must be Telegram user ids separated by commas, not {value!r}")
    return frozenset(map(int, ids))


def _quiz_min_seconds(value: str, base_url: str) -> int:
    """Tests lower the floor to run quizzes fast, against a test server; Telegram itself refuses polls open
    for less than 5 s."""
    low = MIN_QUIZ_SECONDS if base_url.startswith(TELEGRAM_API) else 1
    if not value.isdigit() or not low <= int(value) <= MAX_QUIZ_SECONDS:
        raise SettingsError(f"QUIZ_MIN_SECONDS must be a number of seconds from {low} to {MAX_QUIZ_SECONDS}, not {value!r}")
    return int(value)


def _check_webhook(settings: Settings) -> None:
    if not settings.webhook_url.startswith(("https://", "http://")):
        raise SettingsError("webhook mode needs TELEGRAM_WEBHOOK_URL, the public https:// URL Telegram posts to")
    if not _SECRET.fullmatch(settings.webhook_secret):
        raise SettingsError("webhook mode needs TELEGRAM_WEBHOOK_SECRET: 1-256 characters of A-Z, a-z, 0-9, _ or -")


def from_env(env: Mapping[str, str] | None = None) -> Settings:
    """Settings from `env` (default os.environ); SettingsError names what is missing or wrong."""
    token = setting("TELEGRAM_BOT_TOKEN", env).strip()
    if not token:
        raise SettingsError("TELEGRAM_BOT_TOKEN is not set: export TELEGRAM_BOT_TOKEN=<the token @BotFather gave you>")
    mode = setting("TELEGRAM_MODE", env).strip().lower()
    if mode not in ("polling", "webhook"):
        raise SettingsError(f"TELEGRAM_MODE must be polling or webhook, not {mode!r}")
    base_url = setting("TELEGRAM_BASE_URL", env)
    settings = Settings(
        token=token,
        mode=mode,
        base_url=base_url,
        base_file_url=setting("TELEGRAM_BASE_FILE_URL", env),
        webhook_url=setting("TELEGRAM_WEBHOOK_URL", env),
        webhook_secret=setting("TELEGRAM_WEBHOOK_SECRET", env),
        listen=setting("TELEGRAM_WEBHOOK_LISTEN", env),
        port=_port(setting("TELEGRAM_WEBHOOK_PORT", env)),
        trainer_ids=_trainer_ids(setting("TELEGRAM_TRAINER_IDS", env)),
        quiz_min_seconds=_quiz_min_seconds(setting("QUIZ_MIN_SECONDS", env).strip(), base_url),
        state_file=setting("TELEGRAM_STATE_FILE", env),
    )
    if mode == "webhook":
        _check_webhook(settings)
    return settings
