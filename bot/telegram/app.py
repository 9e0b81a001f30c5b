"""The python-telegram-bot Application, run by long polling or behind a webhook."""

from __future__ import annotations

from telegram import Update
from telegram.ext import AIORateLimiter, Application

from bot import rasa_client
from bot.telegram import handlers
from bot.telegram.group_quiz import GroupQuizzes
from bot.telegram.ordering import PerChatOrder
from bot.telegram.settings import Settings


async def _close_rasa(_: Application) -> None:
    await rasa_client.close()


def build(settings: Settings) -> Application:
    quizzes = GroupQuizzes(settings)
    application = (
        Application.builder()
        .token(settings.token)
        .base_url(settings.base_url)
        .base_file_url(settings.base_file_url)
        .rate_limiter(AIORateLimiter(max_retries=3))  # waits out RetryAfter, keeps under Telegram's flood limits
        .concurrent_updates(PerChatOrder())
        .post_init(quizzes.resume)  # group quizzes carry on after a restart
        .post_stop(quizzes.stop_timers)
        .post_shutdown(_close_rasa)
        .build()
    )
    quizzes.register(application)
    handlers.register(application)
    return application


def run(settings: Settings) -> None:
    """Serve until SIGINT/SIGTERM. In webhook mode python-telegram-bot answers 403 to a request
    without the right X-Telegram-Bot-Api-Secret-Token."""
    application = build(settings)
    if settings.mode == "webhook":
        application.run_webhook(listen=settings.listen, port=settings.port, url_path=settings.webhook_path,
                                webhook_url=settings.webhook_url, secret_token=settings.webhook_secret,
                                allowed_updates=Update.ALL_TYPES)
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
