"""How a practice quiz is worded: questions with their buttons, feedback, scores and summaries."""

from __future__ import annotations

from actions.quiz.question import Question

LETTERS = "ABCD"
BUTTON_TITLE = 60  # characters: longer options are read in the message, the button shows their start

TEXTS = {
    "intro": {
        "en": 'Quiz: {size} question{s}{on}. Press a button or type A-D; say "stop" to end.',
        "zh": "测验：共{size}题{on}。请点按钮或输入 A-D 作答；说“停止测验”可随时结束。",
    },
    "on": {"en": " on {topic}", "zh": "（主题：{topic}）"},
    "review": {"en": "Review: {size} question{s} you missed before.", "zh": "复习：{size}道你以前答错的题。"},
    "question": {"en": "Question {n}/{size}: {prompt}", "zh": "第{n}/{size}题：{prompt}"},
    "right": {"en": "✅ Right! {explanation}", "zh": "✅ 答对了！{explanation}"},
    "wrong": {"en": "❌ Not quite. {explanation}", "zh": "❌ 答错了。{explanation}"},
    "score": {"en": "Score: {right}/{answered}.", "zh": "得分：{right}/{answered}。"},
    "finished": {"en": "Quiz finished: {right}/{answered} right.", "zh": "测验结束：答对{right}/{answered}题。"},
    "stopped": {
        "en": "Quiz stopped after {asked} of {size} questions: {right}/{answered} right.",
        "zh": "测验已停止（共{size}题，已出{asked}题）：答对{right}/{answered}题。",
    },
    "missed": {
        "en": 'Missed questions come back in later quizzes; say "review my mistakes" to practise them.',
        "zh": "答错的题会在以后的测验中再次出现；说“复习错题”可专门练习。",
    },
    "none_running": {
        "en": 'There is no quiz running. Say "quiz me" to start one.',
        "zh": "目前没有进行中的测验。说“出题考考我”即可开始。",
    },
    "pick": {"en": "Please answer with A, B, C or D.", "zh": "请用 A、B、C 或 D 作答。"},
    "stale": {"en": "That question is already closed; this is the one open now:", "zh": "那道题已经结束，当前的题目是："},
    "goes_on": {"en": "The quiz goes on:", "zh": "测验继续："},
    "unknown_topic": {
        "en": 'I have no questions on "{topic}"; here is a quiz on the whole report.',
        "zh": "没有关于“{topic}”的题目，下面是关于整份报告的测验。",
    },
}


def say(key: str, lang: str, **values: object) -> str:
    """The text in `lang`; a `size` value also sets the English plural ending {s}."""
    if "size" in values:
        values["s"] = "" if values["size"] == 1 else "s"
    return TEXTS[key][lang].format(**values)


def question_text(question: Question, n: int, size: int, lang: str) -> str:
    lines = [say("question", lang, n=n, size=size, prompt=question.prompt[lang])]
    lines += [f"{letter}. {option}" for letter, option in zip(LETTERS, question.options[lang], strict=True)]
    return "\n".join(lines)


# What a quiz on a kind of question is called.
KIND_NAMES = {
    "statistic": {"en": "the report's figures", "zh": "报告中的数据"},
    "mission": {"en": "the missions", "zh": "特派团"},
    "document": {"en": "the documents cited", "zh": "引用的文件"},
    "example": {"en": "what missions did", "zh": "特派团的做法"},
}


def buttons(question: Question, item: int, lang: str) -> list[dict[str, str]]:
    """One button per option. The payload names the letter, which means the same in either language, and the
    asked item, so that a press on an old question's button cannot answer the one open now."""
    return [
        {"title": _shorten(f"{letter}. {option}"), "payload": f'/quiz_answer{{"choice":"{letter}","item":{item}}}'}
        for letter, option in zip(LETTERS, question.options[lang], strict=True)
    ]


def _shorten(title: str) -> str:
    return title if len(title) <= BUTTON_TITLE else title[: BUTTON_TITLE - 1] + "…"
