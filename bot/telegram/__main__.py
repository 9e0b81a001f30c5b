"""`python -m bot.telegram`: run the Telegram bridge with the settings in the environment."""

from __future__ import annotations

import logging
import sys

from bot.telegram.app import run
from bot.telegram.settings import SettingsError, from_env


def main() -> int:
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # it logs each request URL, which holds the bot token
    logging.getLogger("apscheduler.executors").setLevel(logging.WARNING)  # two lines a second for the class quiz job
    try:
        settings = from_env()
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    run(settings)
    return 0


raise SystemExit(main())
