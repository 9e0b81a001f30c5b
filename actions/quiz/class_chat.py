"""A class quiz in a chat: "join CODE" / "加入 CODE", the questions with their buttons, and the answers, worded for
the trainee in their language. The Rasa actions and the Telegram bridge both answer with these replies."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from actions import wording
from actions.quiz import classes, practice, sessions
from actions.quiz.practice import LETTERS, Reply

# "join K7P2QX", "JOIN k7p2qx Ann", "/join K7P2QX", "加入 K7P2QX", "加入：k7p2qx": the code, and a name after it
JOIN = re.compile(r"^\s*/?(?:join|加入)\s*[:：]?\s*([0-9A-Za-z]{6})(?:\s+(\S.{0,63}?))?\s*$", re.IGNORECASE)
NAME_CHARS = 64


def join_request(text: str) -> tuple[str, str | None] | None:
    """(code, name or None) when the message asks to join a class quiz."""
    found = JOIN.match(text or "")
    return (found.group(1).upper(), found.group(2)) if found else None


def join(db: Session, *, channel: str, sender: str, lang: str, code: str, name: str | None) -> tuple[list[Reply], classes.Joined]:
    """Join the quiz and show where it is, with what the replies show; a practice quiz the trainee had running
    stops, so that their typed letters answer the class quiz."""
    joined = classes.join(db, code, sender, (name or sender)[:NAME_CHARS], channel, lang)
    if joined.refused:
        return [Reply(wording.text(f"class_quiz.{joined.refused}", lang, code=joined.code))], joined
    if own := practice.running(db, channel, sender):
        sessions.stop(db, own)
    quiz = classes.find(db, joined.code)
    assert quiz is not None and joined.view is not None  # it was just joined
    head = wording.text("class_quiz.again" if joined.again else "class_quiz.joined", lang, code=quiz.code, size=quiz.size)
    if quiz.deadline and not joined.again:
        head += " " + wording.text("class_quiz.deadline", lang, deadline=f"{quiz.deadline:%Y-%m-%d %H:%M}")
    return [Reply(head), *showing(joined.view)], joined


def showing(view: classes.View) -> list[Reply]:
    """What a member sees now: the open question with its buttons (and its time, live), or where the quiz is."""
    lang = view.language
    if view.state == "waiting":
        return [Reply(wording.text("class_quiz.waiting", lang))]
    if view.state == "finished":
        return [Reply(wording.text("class_quiz.finished", lang, code=view.code))]
    if view.state == "done":
        return [Reply(wording.text("class_quiz.done", lang, code=view.code, right=view.right, answered=view.answered))]
    if view.chosen is not None:  # live: answered, the next question is the trainer's to put
        return [Reply(wording.text("class_quiz.answered_wait", lang))]
    asked = practice.asking(view.prompt, view.options, view.item_id or 0, view.position, view.total, lang)
    if view.seconds_left:
        asked.text += "\n" + wording.text("class_quiz.seconds", lang, seconds=round(view.seconds_left))
    return [asked]


def answering(db: Session, sender: str, item: int | None) -> tuple[str, int | None] | None:
    """(code, position answered or None) when an answer is for a class quiz: a button of one of its questions, or
    a typed letter from a member of one that runs; None when it is for the sender's practice quiz."""
    if item is not None:
        return classes.of_item(db, item)
    quiz = classes.membership(db, sender)
    return (quiz.code, None) if quiz else None


def answer(db: Session, *, sender: str, lang: str, code: str, choice: int | None, position: int | None) -> list[Reply]:
    """Feedback on the member's answer (right or wrong, why, the score) and what comes next, or why it was not
    counted, then the question still open."""
    if choice is None or not 0 <= choice < len(LETTERS):
        view = classes.current(db, code, sender, lang)
        return [Reply(wording.text("quiz.pick", lang)), *(showing(view) if view else [])]
    outcome = classes.answer(db, code, sender, choice, position=position, language=lang)
    if outcome.result == "not_joined":
        return [Reply(wording.text("class_quiz.usage", lang))]
    if outcome.scored:
        feedback = wording.text(
            f"quiz.{'right' if outcome.result == 'correct' else 'wrong'}", lang, explanation=outcome.explanation
        )
        score = wording.text("quiz.score", lang, right=outcome.right, answered=outcome.answered)
        return [Reply(f"{feedback}\n{score}"), *(showing(outcome.next) if outcome.next else [])]
    view = outcome.next
    assert view is not None  # a member's refusal carries what they see
    if outcome.result == "too_late":
        return [Reply(wording.text("class_quiz.too_late" if view.live else "class_quiz.too_late_deadline", lang, code=code))]
    if outcome.result == "not_running":  # not started, finished, or a self-paced member done: showing() says which
        return showing(view)
    key = "class_quiz.already_answered" if outcome.result == "already_answered" else "quiz.stale"
    return [Reply(wording.text(key, lang)), *showing(view)]
