"""Practice quizzes for one user in any channel: start, answer, stop, and the question still open.

All state lives in the store (actions.quiz.sessions), so either server can restart mid-quiz."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from actions import wording
from actions.quiz import bank, difficulty, sessions
from actions.quiz.question import Question
from actions.store import queries
from actions.store.models import QuizItem

DEFAULT_SIZE, MAX_SIZE = 5, 20
MODES = ("practice", "review")  # a user's own quizzes, beside a group's and a class's
LETTERS = "ABCD"
BUTTON_TITLE = 60  # characters: longer options are read in the message, the button shows their start
PLAUSIBLE_TOPIC = 6.0  # search score above which a named subject is taken for a priority or theme
_SIZE = re.compile(r"(?<![\d第])(\d{1,2})\s*(?:questions?|qs?\b|道|个问题|题)", re.IGNORECASE)
_CHOICE = re.compile(
    r"^\s*(?:(?:the\s+|my\s+)?(?:answer|guess)\s*(?:is|:)?\s*|i(?:'ll|\s+will|'d|\s+would)?\s+(?:choose|pick|say|take|go\s+(?:with|for))\s+"
    r"|option\s+|我?选项?\s*|答案\s*[是:：]?\s*)?([a-d1-4])\s*[.)）。!！?？]?"
    # "B i think", "c maybe?", "I'll go with A": unsure, still a pick
    r"(?:\s*,?\s*(?:i\s+think|i\s+guess|maybe|probably|please|pls|final\s+answer|吧))?\s*[.!?？。！]*\s*$",
    re.IGNORECASE,
)
_ANSWER_PAYLOAD = re.compile(r'/quiz_answer\{"choice":"[A-D]","item":(\d{1,12})\}')
# "quiz me on X", "10 questions about X", "关于X的题": the subject a user named, when no entity was recognised.
_SUBJECT = re.compile(
    r"\b(?:on|about)\s+(.+?)\s*(?:\bwith\b|\bplease\b|(?<![a-z])\d|[,，?.!？。]|$)|关于\s*(.+?)\s*(?:的|出|来|$)", re.IGNORECASE
)
WHOLE_REPORT = {
    "the report",
    "report",
    "it",
    "everything",
    "anything",
    "peacekeeping",
    "a4p",
    "a4p+",
    "报告",
    "这份报告",
    "整份报告",
    "维和",
    "维持和平",
}
KIND_WORDS = {
    "statistic": ("statistic", "figures", "numbers", "数据", "统计"),
    "mission": ("missions", "特派团"),
    "document": ("document", "resolution", "文件", "决议"),
    "example": ("example", "例子"),
}


@dataclass
class Reply:
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)


def size_asked(text: str) -> int:
    """ "10 questions" / "来10道题" -> 10, capped; the default otherwise ("第3题" names a question, not a size)."""
    match = _SIZE.search(text)
    return min(max(int(match.group(1)), 1), MAX_SIZE) if match else DEFAULT_SIZE


def choice_of(text: str) -> int | None:
    """The option a typed answer picks: "B", "b)", "2", "the answer is C", "选D"; None if it is not an answer."""
    match = _CHOICE.match(text or "")
    if not match:
        return None
    pick = match.group(1).upper()
    return int(pick) - 1 if pick.isdigit() else LETTERS.index(pick)


def running(db: Session, channel: str, sender: str) -> sessions.QuizSession | None:
    quiz = sessions.active(db, channel, sender)
    return quiz if quiz and quiz.mode in MODES else None


def topic_of(db: Session, text: str) -> str | None:
    """The bank topic for a subject named without a recognised entity ("quiz me on women peacekeepers" -> T1):
    a kind of question, or the best-matching priority or theme; the subject as said when nothing matches."""
    match = _SUBJECT.search(text)
    subject = (match.group(1) or match.group(2) or "").strip() if match else ""
    if not subject or subject.lower() in WHOLE_REPORT:
        return None
    kind = next((k for k, said in KIND_WORDS.items() if any(w in subject.lower() for w in said)), None)
    if kind:
        return kind
    hits = queries.search(db, subject, types=("priority", "theme"), limit=1)
    return hits[0]["id"] if hits and hits[0]["score"] >= PLAUSIBLE_TOPIC else subject


def start(
    db: Session, *, channel: str, sender: str, lang: str, topic: str | None, text: str, review: bool, in_group: bool = False
) -> list[Reply]:
    """A new quiz and its first question; a running one ends first, and the user is told its score. `in_group`: the
    chat is a group, where only a button or a reply to the bot reaches it."""
    replies: list[Reply] = []
    if old := running(db, channel, sender):
        summary = sessions.stop(db, old)
        replies.append(Reply(_ended("quiz.replaced", db, old, summary, lang)))
    topic = topic or topic_of(db, text)
    pool = bank.pool(db, topic) if topic else []
    if topic and not pool:
        replies.append(Reply(wording.text("quiz.unknown_topic", lang, topic=topic)))
        topic = None
    pool, chooser = difficulty.narrow(db, pool or bank.pool(db), level := difficulty.asked(text))
    try:
        quiz = sessions.start(
            db,
            mode="review" if review else "practice",
            channel=channel,
            chat=sender,
            owner=sender,
            language=lang,
            topic=topic,
            size=size_asked(text),
            pool=[q.id for q in pool],
            sources={q.id: q.sources for q in pool},
            chooser=chooser,
        )
    except sessions.NoQuestions as none:
        return replies + [Reply(wording.text(none.key, lang))]
    on = wording.text("quiz.on_topic", lang, topic=bank.topic_name(db, topic, lang)) if topic else ""
    on += wording.text("quiz.at_level", lang, level=wording.text(f"quiz_level.{level}", lang)) if level else ""
    intro = (
        wording.text("quiz.review", lang, size=quiz.size) if review else wording.text("quiz.intro", lang, size=quiz.size, on=on)
    )
    if in_group:
        intro = wording.text("quiz.then", lang, first=intro, then=wording.text("quiz.in_group", lang))
    return replies + [Reply(intro)] + _next(db, quiz, lang)


def answer(db: Session, *, channel: str, sender: str, lang: str, choice: int | None, item: int | None = None) -> list[Reply]:
    """Feedback on the open question, the running score, then the next question or the summary. `item` is the
    question a pressed button belongs to: a press on an earlier question's button changes nothing."""
    quiz = running(db, channel, sender)
    if not quiz:
        return [Reply(wording.text("quiz.none_running", lang))]
    opened = _open(db, quiz)
    if not opened:
        return _next(db, quiz, lang)
    current, question = opened
    if item is not None and item != current.id:
        return [Reply(wording.text("quiz.stale", lang))] + _ask(question, current, quiz.size, lang)
    if choice is None or not 0 <= choice < len(LETTERS):
        return [Reply(wording.text("quiz.pick", lang))] + _ask(question, current, quiz.size, lang)
    result = sessions.answer(db, current.id, sender, sender, choice, choice == question.answer)
    right, answered = sessions.score(db, quiz, sender)
    feedback = wording.text("quiz.right" if result.correct else "quiz.wrong", lang, explanation=question.explanation[lang])
    return [Reply(f"{feedback}\n{wording.text('quiz.score', lang, right=right, answered=answered)}")] + _next(db, quiz, lang)


def skip(db: Session, *, channel: str, sender: str, lang: str) -> list[Reply]:
    """The open question passed on ("skip", "I don't know"): its answer, the score so far, then the next question."""
    quiz = running(db, channel, sender)
    opened = _open(db, quiz) if quiz else None
    if not quiz or not opened:
        return [Reply(wording.text("quiz.none_running", lang))] if not quiz else _next(db, quiz, lang)
    current, question = opened
    sessions.skip(db, current.id, sender)
    told = wording.text("quiz.skipped", lang, explanation=question.explanation[lang])
    right, answered = sessions.score(db, quiz, sender)
    if answered:
        told = f"{told}\n{wording.text('quiz.score', lang, right=right, answered=answered)}"
    return [Reply(told)] + _next(db, quiz, lang)


def score_asked(db: Session, *, channel: str, sender: str, lang: str) -> list[Reply]:
    """ "What's my score?": that of the running quiz, whose open question is asked again, or of the last one."""
    quiz = sessions.latest(db, channel, sender, MODES)
    if not quiz:
        return [Reply(wording.text("quiz.none_running", lang))]
    right, answered = sessions.score(db, quiz, sender)
    ended = quiz.state != "running"
    key = ("quiz.ended_score" if ended else "quiz.score") if answered else "quiz.none_answered"
    said = wording.text(key, lang, right=right, answered=answered)
    if ended:
        return [Reply(wording.text("quiz.then", lang, first=wording.text("quiz.last", lang), then=said))]
    return [Reply(said)] + still_open(db, channel=channel, sender=sender, lang=lang)


def stop(db: Session, *, channel: str, sender: str, lang: str) -> list[Reply]:
    quiz = running(db, channel, sender)
    if not quiz:
        return [Reply(wording.text("quiz.none_running", lang))]
    return [Reply(_ended("quiz.stopped", db, quiz, sessions.stop(db, quiz), lang))]


def _ended(key: str, db: Session, quiz: sessions.QuizSession, summary: sessions.Summary, lang: str) -> str:
    """How far a quiz that was ended got: its score, or that no question was answered ("0/0 right" says nothing)."""
    right, answered = sessions.score(db, quiz, quiz.owner)
    where = wording.text(key, lang, asked=summary.asked, size=summary.size)
    how = wording.text("quiz.ended_score", lang, right=right, answered=answered) if answered else ""
    return wording.text("quiz.then", lang, first=where, then=how or wording.text("quiz.none_answered", lang))


def owner_of(db: Session, item: int) -> str | None:
    """The sender whose practice quiz asked `item` (a button's payload names it); None for an unknown item or one
    of a group's or a class's quiz, which every member answers."""
    asked = sessions.item(db, item)
    quiz = sessions.find(db, asked.session_id) if asked else None
    return quiz.owner if quiz and quiz.mode in MODES else None


def still_open(db: Session, *, channel: str, sender: str, lang: str) -> list[Reply]:
    """The question waiting for an answer, asked again after the user asked something else."""
    quiz = running(db, channel, sender)
    if not quiz:
        return []
    opened = _open(db, quiz)
    if not opened:
        return _next(db, quiz, lang)
    return [Reply(wording.text("quiz.goes_on", lang))] + _ask(opened[1], opened[0], quiz.size, lang)


def _open(db: Session, quiz: sessions.QuizSession) -> tuple[QuizItem, Question] | None:
    """The item being asked and its question; None when there is none or a facts load has dropped it."""
    item = sessions.current_item(db, quiz)
    question = bank.question(db, item.question_id) if item else None
    return (item, question) if item and question else None


def _next(db: Session, quiz: sessions.QuizSession, lang: str) -> list[Reply]:
    """Ask the next question, skipping any a facts load has dropped from the bank; the summary after the last."""
    item = sessions.next_item(db, quiz)
    while item:
        question = bank.question(db, item.question_id)
        if question is not None:
            return _ask(question, item, quiz.size, lang)
        item = sessions.next_item(db, quiz)
    right, answered = sessions.score(db, quiz, quiz.owner)
    if not answered:  # every question passed on: "0/0 right" says nothing
        return [
            Reply(wording.text("quiz.then", lang, first=wording.text("quiz.over", lang), then=wording.text("quiz.missed", lang)))
        ]
    summary = wording.text("quiz.finished", lang, right=right, answered=answered)
    missed = wording.text("quiz.then", lang, first=summary, then=wording.text("quiz.missed", lang))
    return [Reply(missed if right < answered else summary)]


def _ask(question: Question, item: QuizItem, size: int, lang: str) -> list[Reply]:
    return [asking(question.prompt[lang], question.options[lang], item.id, item.position, size, lang)]


def asking(prompt: str, options: Sequence[str], item: int, n: int, size: int, lang: str) -> Reply:
    """Question n of `size` with its options as lines and as buttons (a class quiz asks the same way)."""
    return Reply(question_text(prompt, options, n, size, lang), buttons(options, item))


def question_text(prompt: str, options: Sequence[str], n: int, size: int, lang: str) -> str:
    lines = [wording.text("quiz.question", lang, n=n, size=size, prompt=prompt)]
    lines += [f"{letter}. {option}" for letter, option in zip(LETTERS, options, strict=True)]
    return "\n".join(lines)


def buttons(options: Sequence[str], item: int) -> list[dict[str, str]]:
    """One button per option. The payload names the letter, which means the same in either language, and the
    asked item, so that a press on an old question's button cannot answer the one open now."""
    return [
        {"title": _shorten(f"{letter}. {option}"), "payload": f'/quiz_answer{{"choice":"{letter}","item":{item}}}'}
        for letter, option in zip(LETTERS, options, strict=True)
    ]


def item_of(payload: str) -> int | None:
    """The asked item an option button's payload names (see buttons()); None for any other payload."""
    match = _ANSWER_PAYLOAD.fullmatch(payload)
    return int(match.group(1)) if match else None


def _shorten(title: str) -> str:
    return title if len(title) <= BUTTON_TITLE else title[: BUTTON_TITLE - 1] + "…"
