"""Headless Chromium for the page tests: Debian's /usr/bin/chromium (scripts/install-chromium) driven by
Playwright, which never downloads a browser here; each page in a context of its own, so with its own storage and
cookies, as separate people's browsers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import unreachable

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        unreachable("Chromium", FileNotFoundError(f"{CHROMIUM}; run scripts/install-chromium"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_page(browser: Browser, url: str, locale: str = "en-US", **context) -> Page:
    """A page in a fresh browser context, so with its own sessionStorage and cookies."""
    page = browser.new_context(locale=locale, **context).new_page()
    page.goto(url)
    return page
