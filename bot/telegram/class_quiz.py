"""Class quizzes in a private chat: "join CODE", "加入 CODE" or /join CODE, answered with the first question (or
where the quiz is) under an inline keyboard; a press of an option goes to the assistant like any button and is
scored there. A JobQueue job looks at the store every PUSH_EVERY seconds and sends each member of a live quiz the
next question, the answer when the time is up, and their score at the end, and each member of a self-paced quiz
their score when its deadline has passed (actions/quiz/class_pushes.py)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, CommandHandler, ContextTypes, MessageHandler, filters

from actions.quiz import class_chat, class_pushes
from actions.quiz.practice import Reply
from actions.store.db import StoreError
from actions.wording import text
from bot.telegram.handlers import payload_keys
from bot.telegram.quiz_turns import in_store
from bot.telegram.render import send_replies
from bot.telegram.users import chat_of, chat_of_sender, given, language, sender_id

CHANNEL = "telegram"
PUSH_EVERY = 1.0  # seconds: a question reaches every member within this of the trainer putting it
log = logging.getLogger(__name__)


def _as_sent(replies: list[Reply]) -> list[dict]:
    return [{"text": reply.text, "buttons": reply.buttons} for reply in replies]


class ClassQuizzes:
    def __init__(self) -> None:
        self.seen: class_pushes.Seen = {}  # what the job last found per quiz, so that an idle quiz costs one query
        self.store_down = False  # said once, not every second

    def register(self, application: Application) -> None:
        """Before the bridge's own handlers, whose catch-alls would send these to the assistant."""
        private = filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE
        application.add_handler(CommandHandler("join", self.join_command, filters=private))
        application.add_handler(MessageHandler(private & filters.Regex(class_chat.JOIN), self.join_text))
        if application.job_queue is None:  # APScheduler missing: joins work, live questions are not pushed
            log.warning("no JobQueue: live class quiz questions will not be pushed to Telegram members")
            return
        application.job_queue.run_repeating(self.push, interval=PUSH_EVERY, first=PUSH_EVERY, name="class quizzes")

    async def join_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._join(update, context, " ".join(["join", *(context.args or [])]))

    async def join_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._join(update, context, given(update.message, "a message").text or "")

    async def _join(self, update: Update, context: ContextTypes.DEFAULT_TYPE, request: str) -> None:
        lang, chat = language(update, context), chat_of(update).id
        asked = class_chat.join_request(request)
        if asked is None:
            await send_replies(context.bot, chat, [{"text": text("class_quiz.usage", lang)}], payload_keys(context))
            return
        code, name = asked
        user = update.effective_user
        replies = await in_store(
            class_pushes.joined,
            channel=CHANNEL,
            sender=sender_id(update),
            lang=lang,
            code=code,
            name=name or (user.full_name if user else None),
        )
        await send_replies(context.bot, chat, _as_sent(replies), payload_keys(context))

    async def push(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Send what is due to members of class quizzes; a member who blocked the bot is skipped, not retried."""
        try:
            pushes = await in_store(class_pushes.due, CHANNEL, self.seen)
        except StoreError as error:
            if not self.store_down:
                log.warning("class quizzes: the store is not usable, live questions wait for it: %s", error)
            self.store_down = True
            return
        if self.store_down:
            log.info("class quizzes: the store is usable again")
        self.store_down = False
        for due in pushes:
            chat = chat_of_sender(due.user_id)
            if chat is None:
                continue
            try:
                await send_replies(context.bot, chat, _as_sent(due.replies), payload_keys(context))
            except TelegramError as error:
                log.warning("class quiz push to %s not sent: %s", due.user_id, error)
