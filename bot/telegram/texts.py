"""What the bridge itself says, in Chinese and English; everything else comes from the assistant."""

from __future__ import annotations

TEXTS = {
    "unavailable": {
        "en": "The assistant is temporarily unavailable, please try again shortly.",
        "zh": "助手暂时无法使用，请稍后再试。",
    },
    "text_only": {
        "en": "I can only read text messages. Please type your question about the report.",
        "zh": "我只能读取文字消息，请直接输入您关于报告的问题。",
    },
    "unknown_command": {
        "en": "I don't know that command. Try /help, /lang en or /lang zh, or just type a question.",
        "zh": "我不认识这个命令。可以试试 /help、/lang zh 或 /lang en，或直接输入问题。",
    },
    "expired": {"en": "This button has expired. Please type your question instead.", "zh": "此按钮已失效，请直接输入您的问题。"},
    # group quizzes
    "quiz_usage": {
        "en": "Usage: /quiz_start [topic] [questions] [seconds], e.g. /quiz_start P4 10 30 or /quiz_start all 5 20. "
        "Topic: P1-P7, T1, T2, a mission such as MONUSCO, or all; 1-50 questions; {low}-600 seconds each.",
        "zh": "用法：/quiz_start [主题] [题数] [秒数]，例如 /quiz_start P4 10 30 或 /quiz_start all 5 20。"
        "主题：P1-P7、T1、T2、特派团（如 MONUSCO 或 联刚稳定团）或 all；1-50 题；每题 {low}-600 秒。",
    },
    "quiz_groups_only": {
        "en": "Group quizzes run in groups: add me to your training group and send /quiz_start there.",
        "zh": "小组测验只能在群组中进行：请把我加入培训群组，然后在群里发送 /quiz_start。",
    },
    "quiz_trainers_only": {
        "en": "Sorry, only trainers and the group's administrators can run quizzes here.",
        "zh": "抱歉，只有培训师和本群管理员才能在这里主持测验。",
    },
    "quiz_running": {
        "en": "A quiz is already running in this chat. Send /quiz_stop to end it first.",
        "zh": "本群已有测验正在进行。请先发送 /quiz_stop 结束它。",
    },
    "quiz_unknown_topic": {
        "en": "I don't know the topic “{topic}”. Try P1-P7, T1, T2, a mission such as MONUSCO, or all.",
        "zh": "我不认识主题“{topic}”。可以试试 P1-P7、T1、T2、特派团（如 MONUSCO）或 all。",
    },
    "quiz_started": {
        "en": "Quiz {id} starts: {size} questions{about}, {seconds} s each. Only your first answer to each poll counts.",
        "zh": "测验 {id} 开始：共 {size} 题{about}，每题 {seconds} 秒。每题只计第一次回答。",
    },
    "quiz_about": {"en": " on {topic}", "zh": "（主题：{topic}）"},
    "quiz_none": {"en": "No quiz is running in this chat.", "zh": "本群目前没有进行中的测验。"},
    "quiz_finished": {
        "en": "Quiz {id} is over ({asked} questions). Leaderboard (right/answered):",
        "zh": "测验 {id} 结束（共 {asked} 题）。排行榜（答对/作答）：",
    },
    "quiz_stopped": {
        "en": "Quiz {id} was stopped after {asked} of {size} questions. Leaderboard (right/answered):",
        "zh": "测验 {id} 已停止（已出 {asked} 题，共 {size} 题）。排行榜（答对/作答）：",
    },
    "quiz_no_report": {"en": "There is no quiz to report on in this chat{which}.", "zh": "本群没有可以报告的测验{which}。"},
    "quiz_which": {"en": " with the id {id}", "zh": "（编号 {id}）"},
}

LANG_USAGE = "Usage: /lang en or /lang zh\n用法：/lang zh（中文）或 /lang en（English）"


def say(key: str, lang: str, **values: object) -> str:
    """The text in `lang`, its {placeholders} filled from `values`."""
    return TEXTS[key][lang].format(**values) if values else TEXTS[key][lang]
