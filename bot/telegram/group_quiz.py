"""Trainer-led quizzes in a group: /quiz_start, /quiz_stop and /quiz_report, native quiz polls one after
another, and the answers scored in the store. The state lives in the store alone; the bridge keeps only a
timer task per running quiz, and at start-up it makes them again for the quizzes still running."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from functools import partial

from telegram import Bot, Poll, Update, User
from telegram.constants import ChatType
from telegram.error import BadRequest, ChatMigrated, Forbidden, TelegramError, TimedOut
from telegram.ext import Application, CommandHandler, ContextTypes, MessageHandler, PollAnswerHandler, filters

from actions.quiz import difficulty, words
from actions.quiz.sessions import NoQuestions, Summary
from actions.store.db import Store, StoreError
from actions.wording import text
from bot import quiz_reports
from bot.telegram import quiz_polls, quiz_turns
from bot.telegram.quiz_turns import Turn, in_store
from bot.telegram.render import send_text
from bot.telegram.retry import retrying
from bot.telegram.settings import MAX_QUIZ_SECONDS, Settings
from bot.telegram.trainers import is_trainer
from bot.telegram.users import chat_of, given, language, sender_of

DEFAULT_QUESTIONS, MAX_QUESTIONS, DEFAULT_SECONDS = 10, 50, 30
WHOLE_BANK = ("all", "全部")
RETRY_AFTER = 10.0  # seconds: long enough for a network hiccup to pass, short enough to keep the group's attention
log = logging.getLogger(__name__)


def _number(text: str, low: int, high: int) -> int:
    if not text.isdigit() or not low <= int(text) <= high:
        raise ValueError(text)
    return int(text)


def arguments(args: list[str], min_seconds: int) -> tuple[str | None, int, int, str | None]:
    """(topic, or None for the whole bank; questions; seconds; level asked, or None) from `/quiz_start [topic] [n]
    [seconds] [easy|mixed|hard]`: the level may come anywhere, in either language ("hard", "简单")."""
    levels = [level for arg in args if (level := difficulty.asked(arg))]
    args = words.joined_topic([arg for arg in args if not difficulty.asked(arg)])  # "Priority 4" is one topic
    if len(args) > 3 or len(levels) > 1:
        raise ValueError("too many arguments")
    topic = args[0] if args else WHOLE_BANK[0]
    size = _number(args[1], 1, MAX_QUESTIONS) if len(args) > 1 else DEFAULT_QUESTIONS
    seconds = _number(args[2], min_seconds, MAX_QUIZ_SECONDS) if len(args) > 2 else max(DEFAULT_SECONDS, min_seconds)
    return (None if topic.casefold() in WHOLE_BANK else topic), size, seconds, next(iter(levels), None)


def leaderboard(summary: Summary, lang: str) -> str:
    key = "telegram.quiz_finished" if summary.state == "finished" else "telegram.quiz_stopped"
    head = text(key, lang, id=summary.session_id, asked=summary.asked, size=summary.size)
    return f"{head}\n{quiz_reports.ranking(summary.leaderboard, lang)}"


@dataclass(frozen=True)
class _Timer:
    task: asyncio.Task
    turn: asyncio.Lock  # held while a turn is taken, so that stopping never parts a poll that went out from its record


class GroupQuizzes:
    def __init__(self, settings: Settings) -> None:
        self.trainer_ids = settings.trainer_ids
        self.min_seconds = settings.quiz_min_seconds
        self.timers: dict[str, _Timer] = {}
        self.sending: set[asyncio.Future] = set()  # one per poll on its way out, done once it is recorded

    def register(self, application: Application) -> None:
        """Before the bridge's own handlers, whose catch-all would take these commands as unknown."""
        new = filters.UpdateType.MESSAGE
        application.add_handler(CommandHandler("quiz_start", self.start, filters=new))
        application.add_handler(CommandHandler("quiz_stop", self.stop, filters=new))
        # Drawing the chart takes a second or two: the chat's next messages need not wait for it.
        application.add_handler(CommandHandler("quiz_report", self.report, filters=new, block=False))
        application.add_handler(PollAnswerHandler(self.poll_answer))  # run at once: see ordering.py
        application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, self.migrated))

    # --- timers ---

    async def resume(self, application: Application) -> None:
        """At start-up: carry on with every quiz that was running when the bridge stopped."""
        try:
            running = await in_store(quiz_turns.running_quizzes)
        except StoreError as error:
            log.error("group quizzes cannot resume, the store is not usable: %s", error)
            return
        for quiz_id in running:
            log.info("resuming quiz %s", quiz_id)
            self.run(application.bot, quiz_id)

    async def stop_timers(self, _: Application | None = None) -> None:
        for quiz_id in list(self.timers):
            await self._halt(quiz_id)

    def run(self, bot: Bot, quiz_id: str) -> None:
        if quiz_id not in self.timers:
            turn = asyncio.Lock()
            task = asyncio.create_task(self._run(bot, quiz_id, turn), name=f"quiz {quiz_id}")
            self.timers[quiz_id] = _Timer(task, turn)
            task.add_done_callback(partial(self._ended, quiz_id))

    def _ended(self, quiz_id: str, task: asyncio.Task) -> None:
        self.timers.pop(quiz_id, None)
        if not task.cancelled() and task.exception():
            log.error("quiz %s stopped running; it resumes when the bridge restarts", quiz_id, exc_info=task.exception())

    async def _halt(self, quiz_id: str) -> None:
        """End the quiz's timer between two turns: cancelled inside one, it would leave a store call running on in
        its thread, or a poll sent but not recorded, which could then be neither scored nor closed."""
        timer = self.timers.get(quiz_id)
        if timer:
            async with timer.turn:
                timer.task.cancel()
            await asyncio.wait([timer.task])

    async def _run(self, bot: Bot, quiz_id: str, turn: asyncio.Lock) -> None:
        """Each poll in turn, each given its time, then the leaderboard."""
        while True:
            async with turn:
                wait = await self._take_turn(bot, quiz_id)
            if wait is None:
                return
            await asyncio.sleep(wait)

    async def _take_turn(self, bot: Bot, quiz_id: str) -> float | None:
        """The next poll sent, or the leaderboard; the seconds until the next turn, or None after the last."""
        turn = await in_store(quiz_turns.next_turn, quiz_id)
        if turn is None:
            return None
        if turn.summary:
            await send_text(bot, turn.chat, leaderboard(turn.summary, turn.language))
            return None
        if turn.poll:
            try:
                await self._send_poll(bot, turn, turn.poll)
            except ChatMigrated as error:  # the group became a supergroup before its service message reached us
                await self._moved(bot, turn.chat, error.new_chat_id)
                return 0.0
            except (BadRequest, Forbidden) as error:  # e.g. the bot was removed from the group
                log.warning("quiz %s ends: Telegram refused its poll: %s", quiz_id, error)
                await in_store(quiz_turns.stop, quiz_id)
                return None
            except TimedOut:  # it may be in the group: sent again, it would show twice
                log.warning("quiz %s: no answer from Telegram to poll %s; counted as asked", quiz_id, turn.item_id)
                await in_store(quiz_turns.sent, turn.item_id, None, None)
            except TelegramError as error:
                log.warning("quiz %s: poll not sent (%s); trying again in %.0fs", quiz_id, error, RETRY_AFTER)
                return RETRY_AFTER
        return turn.wait

    async def _send_poll(self, bot: Bot, turn: Turn, poll: quiz_polls.Poll) -> None:
        recorded = asyncio.get_running_loop().create_future()
        self.sending.add(recorded)
        try:
            message = await retrying(
                partial(
                    bot.send_poll,
                    turn.chat,
                    poll.question,
                    poll.options,
                    is_anonymous=False,
                    type=Poll.QUIZ,
                    correct_option_ids=[poll.answer],
                    explanation=poll.explanation,
                    open_period=int(turn.wait),
                )
            )
            await in_store(quiz_turns.sent, turn.item_id, message.poll.id if message.poll else None, message.message_id)
        finally:
            self.sending.discard(recorded)
            recorded.set_result(None)

    async def _moved(self, bot: Bot, old: int, new: int) -> None:
        """The chat's quizzes follow it to its new id; a running one says so there and carries on."""
        for quiz_id, lang in await in_store(quiz_turns.move_chat, old, new):
            log.info("quiz %s moved from chat %s to %s", quiz_id, old, new)
            await send_text(bot, new, text("telegram.quiz_moved", lang, id=quiz_id))

    # --- updates ---

    async def migrated(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A group became a supergroup: Telegram says so in both (migrate_to_chat_id in the old group,
        migrate_from_chat_id in the new supergroup); the first of the two moves the chat's data and quizzes."""
        message = given(update.effective_message, "a message")
        old, new = message.migrate_from_chat_id or message.chat.id, message.migrate_to_chat_id or message.chat.id
        if old in context.application.chat_data:
            context.application.migrate_chat_data(old_chat_id=old, new_chat_id=new)
        await self._moved(context.bot, old, new)

    async def _allowed(self, update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str) -> bool:
        """Only trainers, and only in groups; anyone else is told so."""
        refusal = None
        if chat_of(update).type == ChatType.PRIVATE:
            refusal = "telegram.quiz_groups_only"
        elif not await is_trainer(update, context.bot, self.trainer_ids):
            refusal = "telegram.quiz_trainers_only"
        if refusal:
            await _reply(update, context, text(refusal, lang))
        return refusal is None

    async def start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        lang = language(update, context)
        if not await self._allowed(update, context, lang):
            return
        try:
            topic, size, seconds, level = arguments(context.args or [], self.min_seconds)
        except ValueError:
            await _reply(update, context, text("telegram.quiz_usage", lang, low=self.min_seconds))
            return
        owner = sender_of(update)  # an anonymous admin's is the group
        try:
            quiz = await in_store(
                quiz_turns.begin,
                chat=chat_of(update).id,
                owner=str(owner.id),
                language=lang,
                topic=topic,
                size=size,
                seconds=seconds,
                level=level,
            )
        except quiz_turns.Refused as refusal:
            await _reply(update, context, text(refusal.key, lang, topic=topic))
            return
        except NoQuestions as nothing:
            await _reply(update, context, text(nothing.key, lang))
            return
        about = text("quiz.on_topic", lang, topic=quiz.topic_name) if quiz.topic_name else ""
        about += text("quiz.at_level", lang, level=text(f"quiz_level.{level}", lang)) if level else ""
        await _reply(
            update, context, text("telegram.quiz_started", lang, id=quiz.id, size=quiz.size, about=about, seconds=seconds)
        )
        self.run(context.bot, quiz.id)

    async def stop(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        lang = language(update, context)
        if not await self._allowed(update, context, lang):
            return
        chat = chat_of(update).id
        quiz_id = await in_store(quiz_turns.running_in, chat)
        if quiz_id is None:
            await _reply(update, context, text("telegram.quiz_none", lang))
            return
        await self._halt(quiz_id)
        stopped = await in_store(quiz_turns.stop, quiz_id)
        if stopped is None:  # it came to its end meanwhile, and its leaderboard is out
            await _reply(update, context, text("telegram.quiz_none", lang))
            return
        if stopped.message_id:
            with contextlib.suppress(TelegramError):  # closed already, or deleted: nothing to close
                await context.bot.stop_poll(chat, stopped.message_id)
        await send_text(context.bot, chat, leaderboard(stopped.summary, stopped.language))

    async def report(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/quiz_report [SESSION]: the summary, the CSV and XLSX files and the chart, in the trainer's language."""
        lang = language(update, context)
        if not await self._allowed(update, context, lang):
            return
        wanted = context.args[0] if context.args else None
        found = await in_store(_report, chat_of(update).id, wanted, lang)
        if found is None:
            which = text("telegram.quiz_which", lang, id=wanted) if wanted else ""
            await _reply(update, context, text("telegram.quiz_no_report", lang, which=which))
            return
        summary, files = found
        chat = chat_of(update).id
        await _reply(update, context, summary)
        for name, content in files.items():
            send = context.bot.send_photo if name.endswith(".png") else context.bot.send_document
            await retrying(partial(send, chat, content, filename=name))

    async def poll_answer(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        answer = given(update.poll_answer, "a poll answer")
        voter = answer.user or answer.voter_chat
        if not answer.option_ids or voter is None:  # a retracted vote: quiz polls allow none
            return
        name = voter.full_name if isinstance(voter, User) else (voter.title or str(voter.id))
        score = partial(in_store, quiz_turns.score, answer.poll_id, str(voter.id), name, answer.option_ids[0])
        pending = list(self.sending)  # taken first: a send may finish while the answer is being scored
        scored = await score()
        if scored is None and pending:  # perhaps to a poll that went out but is not recorded yet
            await asyncio.wait(pending)
            scored = await score()
        if scored is not None and not scored.recorded:
            log.info("poll %s: answer of %s not counted (a repeat, or after the time)", answer.poll_id, voter.id)


def _report(db: Store, chat: int, wanted: str | None, lang: str) -> tuple[str, dict[str, bytes]] | None:
    quiz_id = quiz_turns.to_report(db, chat, wanted)
    made = quiz_reports.build(db, quiz_id, lang) if quiz_id else None
    return (quiz_reports.summary(made), quiz_reports.files(made)) if made else None


async def _reply(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """In the group, quoting the command, so that it is clear whom the answer is for."""
    await send_text(context.bot, chat_of(update).id, text, reply_to=given(update.effective_message, "a message").message_id)
