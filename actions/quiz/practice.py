"""Practice quizzes for one user in any channel: start, answer, stop, and the question still open.

All state lives in the store (actions.quiz.sessions), so the action server can restart mid-quiz."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from actions.quiz import bank, sessions
from actions.quiz.question import Question
from actions.quiz.wording import LETTERS, buttons, question_text, say
from actions.store import queries

DEFAULT_SIZE, MAX_SIZE = 5, 20
_SIZE = re.compile(r"(\d{1,2})\s*(?:questions?|qs?\b|道|个问题|题)", re.IGNORECASE)
_CHOICE = re.compile(r"^\s*(?:(?:the\s+)?answer\s*(?:is|:)?\s*|i\s+(?:choose|pick)\s+|option\s+|我?选项?\s*|"
                     r"答案\s*[是:：]?\s*)?([a-d1-4])\s*[.)）。!！]?\s*$", re.IGNORECASE)


@dataclass
class Reply:
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)


def size_asked(text: str) -> int:
    """"10 questions" / "来10道题" -> 10, capped; the default otherwise."""
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
    return quiz if quiz and quiz.mode != "group" else None


def start(db: Session, *, channel: str, sender: str, lang: str, topic: str | None, text: str,
          review: bool) -> list[Reply]:
    """A new quiz (ending any running one) and its first question."""
    if old := running(db, channel, sender):
        sessions.stop(db, old)
    replies: list[Reply] = []
    pool = bank.questions(db, topic) if topic else []
    if topic and not pool:
        replies.append(Reply(say("unknown_topic", lang, topic=topic)))
        topic = None
    pool = pool or bank.questions(db)
    try:
        quiz = sessions.start(db, mode="review" if review else "practice", channel=channel, chat=sender, owner=sender,
                              language=lang, topic=topic, size=size_asked(text), pool=[q.id for q in pool])
    except sessions.NoQuestions as none:
        return replies + [Reply(none.text[lang])]
    on = say("on", lang, topic=_topic_name(db, topic, lang)) if topic else ""
    replies.append(Reply(say("review", lang, size=quiz.size) if review else say("intro", lang, size=quiz.size, on=on)))
    return replies + _next(db, quiz, lang)


def answer(db: Session, *, channel: str, sender: str, lang: str, choice: int | None) -> list[Reply]:
    """Feedback on the open question, the running score, then the next question or the summary."""
    quiz = running(db, channel, sender)
    item = quiz and sessions.current_item(db, quiz)
    if not item:
        return [Reply(say("none_running", lang))]
    question = bank.question(db, item.question_id)
    if choice is None or not 0 <= choice < len(LETTERS) or question is None:
        return [Reply(say("pick", lang))] + (_ask(question, item.position, quiz.size, lang) if question else [])
    result = sessions.answer(db, item.id, sender, sender, choice, choice == question.answer)
    right, answered = sessions.score(db, quiz, sender)
    feedback = say("right" if result.correct else "wrong", lang, explanation=question.explanation[lang])
    return [Reply(f"{feedback}\n{say('score', lang, right=right, answered=answered)}")] + _next(db, quiz, lang)


def stop(db: Session, *, channel: str, sender: str, lang: str) -> list[Reply]:
    quiz = running(db, channel, sender)
    if not quiz:
        return [Reply(say("none_running", lang))]
    summary = sessions.stop(db, quiz)
    right, answered = sessions.score(db, quiz, sender)
    return [Reply(say("stopped", lang, asked=summary.asked, size=summary.size, right=right, answered=answered))]


def still_open(db: Session, *, channel: str, sender: str, lang: str) -> list[Reply]:
    """The question waiting for an answer, asked again after the user asked something else."""
    quiz = running(db, channel, sender)
    item = quiz and sessions.current_item(db, quiz)
    question = item and bank.question(db, item.question_id)
    if not question:
        return []
    return [Reply(say("goes_on", lang))] + _ask(question, item.position, quiz.size, lang)


def _topic_name(db: Session, topic: str, lang: str) -> str:
    """"P4" -> "Accountability to peacekeepers"; a mission or document by its name."""
    for kind in ("priority", "theme", "mission", "document"):
        fact = queries.fact(db, kind, topic)
        if fact and fact.get(f"label_{lang}"):
            return fact[f"label_{lang}"]
    return topic


def _next(db: Session, quiz: sessions.QuizSession, lang: str) -> list[Reply]:
    item = sessions.next_item(db, quiz)
    while item and (question := bank.question(db, item.question_id)) is None:
        item = sessions.next_item(db, quiz)  # dropped from the bank by a facts load since the quiz began
    if item:
        return _ask(question, item.position, quiz.size, lang)
    right, answered = sessions.score(db, quiz, quiz.owner)
    summary = say("finished", lang, right=right, answered=answered)
    return [Reply(f"{summary} {say('missed', lang)}" if right < answered else summary)]


def _ask(question: Question, n: int, size: int, lang: str) -> list[Reply]:
    return [Reply(question_text(question, n, size, lang), buttons(question, lang))]
