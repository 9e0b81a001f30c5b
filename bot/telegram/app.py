"""The python-telegram-bot Application, run by long polling or behind a webhook."""

from __future__ import annotations

import asyncio
import logging
import signal
from pathlib import Path

from aiohttp import web
from telegram import Update
from telegram.ext import AIORateLimiter, Application, PersistenceInput, PicklePersistence

from bot import rasa_client
from bot.telegram import handlers
from bot.telegram.class_quiz import ClassQuizzes
from bot.telegram.group_quiz import GroupQuizzes
from bot.telegram.ordering import PerChatOrder
from bot.telegram.settings import Settings
from bot.telegram.webhook import make_app

log = logging.getLogger(__name__)


async def _close_rasa(_: Application) -> None:
    await rasa_client.close()


def _persistence(settings: Settings) -> PicklePersistence:
    """Each chat's chat_data (its senders' /lang choices and last languages, bot.telegram.users) kept in a file,
    written every minute and at shutdown, read at start: a restarted bridge answers each in their language."""
    path = Path(settings.state_file)
    path.parent.mkdir(parents=True, exist_ok=True)
    return PicklePersistence(path, store_data=PersistenceInput(bot_data=False, user_data=False, callback_data=False))


def build(settings: Settings) -> Application:
    """In webhook mode without PTB's updater: our own endpoint (bot.telegram.webhook) feeds the update queue."""
    quizzes = GroupQuizzes(settings)

    async def started(application: Application) -> None:
        await handlers.set_commands(application.bot)
        await quizzes.resume(application)  # group quizzes carry on after a restart

    builder = Application.builder()
    if settings.mode == "webhook":
        builder = builder.updater(None)
    application = (
        builder.token(settings.token)
        .base_url(settings.base_url)
        .base_file_url(settings.base_file_url)
        .rate_limiter(AIORateLimiter(max_retries=3))  # waits out RetryAfter, keeps under Telegram's flood limits
        .concurrent_updates(PerChatOrder())
        .persistence(_persistence(settings))
        .post_init(started)
        .post_stop(quizzes.stop_timers)
        .post_shutdown(_close_rasa)
        .build()
    )
    quizzes.register(application)
    ClassQuizzes().register(application)
    handlers.register(application)
    return application


async def serve_webhook(application: Application, settings: Settings) -> None:
    """PTB's own run_webhook, with our endpoint in place of its tornado server: initialize, post_init, start, listen,
    set the webhook; on SIGINT/SIGTERM stop listening, then stop, post_stop, shutdown, post_shutdown."""
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopping.set)
    await application.initialize()
    runner = web.AppRunner(make_app(application, settings.webhook_path, settings.webhook_secret), access_log=None)
    try:
        if application.post_init:
            await application.post_init(application)
        await application.start()
        try:
            await runner.setup()
            await web.TCPSite(runner, settings.listen, settings.port).start()
            await application.bot.set_webhook(
                url=settings.webhook_url, secret_token=settings.webhook_secret, allowed_updates=Update.ALL_TYPES
            )
            log.info("webhook endpoint listening on %s:%s", settings.listen, settings.port)
            await stopping.wait()
        finally:
            await runner.cleanup()
            await application.stop()
            if application.post_stop:
                await application.post_stop(application)
    finally:
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)


def run(settings: Settings) -> None:
    """Serve until SIGINT/SIGTERM. In webhook mode our endpoint answers 403 to a request without the right
    X-Telegram-Bot-Api-Secret-Token and 4xx to anything that is not an update (bot.telegram.webhook)."""
    application = build(settings)
    if settings.mode == "webhook":
        asyncio.run(serve_webhook(application, settings))
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
