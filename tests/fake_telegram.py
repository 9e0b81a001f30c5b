"""A fake Telegram Bot API server over real HTTP, for the bridge's tests.

It serves any number of bots (one per token) on one port, in a background thread: updates fed with
push() come out of getUpdates (long polling), and every call the bots make is recorded, so that a
test can wait for "the right sendMessage". Like Telegram, it refuses HTML text that is not escaped,
and what is over Telegram's limits (text length, callback data, poll sizes and open_period), and it
can answer late (stall_next), refuse an old button press (expire) or a send to a group that became a supergroup
(migrate), as Telegram does. Builders at the end make the
update JSON Telegram would send."""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import re
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

JSON_PARAMS = {
    "reply_markup",
    "reply_parameters",
    "allowed_updates",
    "options",
    "link_preview_options",
    "entities",
    "caption_entities",
    "correct_option_ids",
    "commands",
}  # sent JSON-encoded; other values are plain strings
_HTML_TAG = re.compile(r"</?(b|strong|i|em|u|ins|s|strike|del|span|tg-spoiler|a|code|pre|blockquote)\b[^<>]*>")
_HTML_ENTITY = re.compile(r"&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")
_ids = itertools.count(1)
# Telegram's limits, in UTF-16 units (bytes for callback data), as (method, parameter): (most, complaint).
LIMITS = {
    ("sendMessage", "text"): (4096, "message is too long"),
    ("sendPoll", "question"): (300, "poll question is too long"),
    ("sendPoll", "explanation"): (200, "explanation is too long"),
    ("sendPhoto", "caption"): (1024, "caption is too long"),
}
MAX_OPTION, MAX_CALLBACK_DATA, MAX_OPEN_PERIOD = 100, 64, 600
UNFETCHABLE = ".invalid/"  # a photo URL on such a host cannot be downloaded by Telegram
# What Telegram says an administrator may do: every field a ChatMemberAdministrator requires.
ADMIN_RIGHTS = dict.fromkeys(
    (
        "can_be_edited",
        "is_anonymous",
        "can_manage_chat",
        "can_delete_messages",
        "can_manage_video_chats",
        "can_restrict_members",
        "can_promote_members",
        "can_change_info",
        "can_invite_users",
        "can_post_stories",
        "can_edit_stories",
        "can_delete_stories",
    ),
    False,
)


@dataclass
class Call:
    token: str
    method: str
    params: dict[str, Any]
    result: Any = None


@dataclass(frozen=True)
class Upload:
    """A file the bot sent in a multipart request."""

    filename: str
    content: bytes


@dataclass
class _Bot:
    updates: list[dict] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)


def bot_user(token: str) -> dict:
    """The bot behind `token` ("<id>:<secret>"), as getMe describes it."""
    bot_id = int(token.split(":")[0])
    return {
        "id": bot_id,
        "is_bot": True,
        "first_name": "A4P+ test bot",
        "username": f"a4p_{bot_id}_bot",
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
    }


def _param(name: str, value: Any) -> Any:
    if isinstance(value, web.FileField):
        return Upload(value.filename, value.file.read())
    value = str(value)
    if name in JSON_PARAMS:
        return json.loads(value)
    if name == "chat_id" and value.lstrip("-").isdigit():
        return int(value)
    return value


def _flag(params: dict, name: str, default: bool = False) -> bool:
    return params[name] == "true" if name in params else default


def _html_error(params: dict) -> str | None:
    """Telegram's complaint about text that is not valid HTML, as in "Bad Request: can't parse entities"."""
    if params.get("parse_mode") != "HTML":
        return None
    bare = _HTML_ENTITY.sub("", _HTML_TAG.sub("", params.get("text") or params.get("caption") or ""))
    for sign in "<>&":
        if sign in bare:
            return f"Bad Request: can't parse entities: unescaped {sign!r}"
    return None


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _shown(params: dict, name: str) -> str:
    """A text as Telegram counts it: after its HTML is parsed."""
    text = str(params.get(name) or "")
    return html.unescape(_HTML_TAG.sub("", text)) if params.get("parse_mode") == "HTML" else text


def _callback_data(params: dict) -> list[str]:
    rows = (params.get("reply_markup") or {}).get("inline_keyboard", [])
    return [button.get("callback_data", "") for row in rows for button in row]


class FakeTelegram:
    def __init__(self, min_open_period: int = 5) -> None:
        self.min_open_period = min_open_period  # Telegram's is 5 s; a test server may allow less
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="fake-telegram", daemon=True)
        self._bots: dict[str, _Bot] = {}
        self._chats: dict[int, dict] = {}
        self._polls: dict[tuple[int, int], dict] = {}
        self._admins: dict[int, list[dict]] = {}
        self._failures: dict[tuple[str, str], int] = defaultdict(int)
        self._stalls: dict[tuple[str, str], float] = {}
        self._expired: set[str] = set()
        self._migrated: dict[int, int] = {}
        self._calls: list[Call] = []
        self.refused: list[Call] = []  # calls answered with an error: fail_next(), bad HTML, limits, unknown methods
        self._recorded = threading.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # --- control, from the test's thread ---

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    def start(self) -> FakeTelegram:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(timeout=10)
        return self

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(timeout=30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def push(self, token: str, update: dict) -> dict:
        """Queue `update` (its update_id is set here) for the bot's next getUpdates."""
        update = {"update_id": next(_ids), **update}
        asyncio.run_coroutine_threadsafe(self._queue(token, update), self._loop).result(timeout=10)
        return update

    def set_admins(self, chat_id: int, admins: list[dict]) -> None:
        """The users getChatAdministrators lists for the chat, the first as its creator."""
        self._admins[chat_id] = admins

    def fail_next(self, token: str, method: str, times: int = 1) -> None:
        """The bot's next `times` calls of `method` get 502 Bad Gateway, which the bot sees as a NetworkError."""
        self._failures[token, method] += times

    def stall_next(self, token: str, method: str, seconds: float) -> None:
        """The bot's next call of `method` is carried out at once but answered only after `seconds`."""
        self._stalls[token, method] = seconds

    def expire(self, callback_query_id: str) -> None:
        """Answering this button press is refused, as Telegram refuses a query that is too old."""
        self._expired.add(callback_query_id)

    def migrate(self, old: int, new: int) -> None:
        """The group `old` became the supergroup `new`: sends to `old` are refused with its new id, as Telegram
        refuses them (error_code 400, parameters.migrate_to_chat_id)."""
        self._migrated[old] = new
        self._chats[new] = {"id": new, "type": "supergroup", "title": "Peacekeeping"}

    def calls(self, token: str, method: str | None = None, where: Callable[[dict], bool] = lambda p: True) -> list[Call]:
        with self._recorded:
            return [c for c in self._calls if c.token == token and method in (None, c.method) and where(c.params)]

    def wait_for(self, token: str, method: str, where: Callable[[dict], bool] = lambda p: True, timeout: float = 60) -> Call:
        """The first call of `method` by the bot whose params satisfy `where`, waiting up to `timeout` s."""
        deadline = time.monotonic() + timeout
        with self._recorded:
            while not (found := self.calls(token, method, where)):
                if time.monotonic() >= deadline:
                    raise TimeoutError(f"no matching {method}; the bot's last calls: {self.calls(token)[-8:]}")
                self._recorded.wait(deadline - time.monotonic())
            return found[0]

    # --- the server, on its own event loop ---

    async def _serve(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def _shutdown(self) -> None:
        await self._runner.cleanup()
        # Long polls whose bot went away are still waiting; end them rather than leave them pending.
        pending = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    def _bot(self, token: str) -> _Bot:
        return self._bots.setdefault(token, _Bot())

    async def _queue(self, token: str, update: dict) -> None:
        for part in update.values():
            if isinstance(part, dict) and isinstance(part.get("chat"), dict):
                self._chats[part["chat"]["id"]] = part["chat"]
        self._bot(token).updates.append(update)
        self._bot(token).arrived.set()

    async def _handle(self, request: web.Request) -> web.Response:
        token, method = request.match_info["token"], request.match_info["method"]
        form = await request.post() if request.can_read_body else {}
        params = {name: _param(name, value) for name, value in {**request.query, **form}.items()}
        call = Call(token, method, params)
        if self._failures[token, method] > 0:
            self._failures[token, method] -= 1
            return self._refuse(call, 502, "Bad Gateway")
        if (chat_id := params.get("chat_id")) in self._migrated:
            moved = {"migrate_to_chat_id": self._migrated[chat_id]}
            return self._refuse(call, 400, "Bad Request: group chat was upgraded to a supergroup chat", moved)
        if error := _html_error(params) or self._refusal(method, params):
            return self._refuse(call, 400, error)
        answer = getattr(self, f"_api_{method}", None)
        if answer is None:
            return self._refuse(call, 404, "Not Found")
        call.result = await answer(token, params) if asyncio.iscoroutinefunction(answer) else answer(token, params)
        with self._recorded:
            self._calls.append(call)
            self._recorded.notify_all()
        await asyncio.sleep(self._stalls.pop((token, method), 0))
        return web.json_response({"ok": True, "result": call.result})

    def _refusal(self, method: str, params: dict) -> str | None:
        """Telegram's complaint about a call over its limits, an old button press or a photo it cannot fetch."""
        for (limited, name), (most, complaint) in LIMITS.items():
            if method == limited and _units(_shown(params, name)) > most:
                return f"Bad Request: {complaint}"
        if any(len(data.encode()) > MAX_CALLBACK_DATA for data in _callback_data(params)):
            return "Bad Request: BUTTON_DATA_INVALID"
        if method == "sendPoll" and any(_units(o if isinstance(o, str) else o["text"]) > MAX_OPTION for o in params["options"]):
            return "Bad Request: poll options length must not exceed 100"
        if "open_period" in params and not self.min_open_period <= int(params["open_period"]) <= MAX_OPEN_PERIOD:
            return "Bad Request: wrong open period specified"
        if method == "answerCallbackQuery" and params["callback_query_id"] in self._expired:
            return "Bad Request: query is too old and response timeout expired or query ID is invalid"
        if method == "sendPhoto" and UNFETCHABLE in str(params["photo"]):
            return "Bad Request: wrong file identifier/HTTP URL specified"
        return None

    def _refuse(self, call: Call, status: int, description: str, parameters: dict | None = None) -> web.Response:
        call.result = description
        with self._recorded:
            self.refused.append(call)
        refusal = {"ok": False, "error_code": status, "description": description}
        return web.json_response({**refusal, "parameters": parameters} if parameters else refusal, status=status)

    # --- the Bot API methods the bridge uses ---

    async def _api_getUpdates(self, token: str, params: dict) -> list[dict]:
        bot = self._bot(token)
        offset = int(params.get("offset") or 0)
        bot.updates[:] = [u for u in bot.updates if u["update_id"] >= offset]  # confirmed ones are gone
        if not bot.updates:
            bot.arrived.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(bot.arrived.wait(), float(params.get("timeout") or 0))
        return list(bot.updates)

    def _api_getMe(self, token: str, params: dict) -> dict:
        return bot_user(token)

    def _message(self, token: str, params: dict, **content: Any) -> dict:
        chat_id = params["chat_id"]
        chat = self._chats.get(chat_id, {"id": chat_id, "type": "private" if chat_id > 0 else "group"})
        message = {"message_id": next(_ids), "date": int(time.time()), "chat": chat, "from": bot_user(token), **content}
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        return message

    def _api_sendMessage(self, token: str, params: dict) -> dict:
        return self._message(token, params, text=params["text"])

    def _api_sendPhoto(self, token: str, params: dict) -> dict:
        size = {"file_id": "photo-1", "file_unique_id": "p1", "width": 640, "height": 480}
        return self._message(token, params, photo=[size], **({"caption": params["caption"]} if "caption" in params else {}))

    def _api_sendDocument(self, token: str, params: dict) -> dict:
        upload = params["document"]
        name = upload.filename if isinstance(upload, Upload) else "document"
        return self._message(token, params, document={"file_id": f"doc-{next(_ids)}", "file_unique_id": "d", "file_name": name})

    def _api_getChatAdministrators(self, token: str, params: dict) -> list[dict]:
        admins = self._admins.get(params["chat_id"], [])
        return [
            {"status": "creator", "user": u, "is_anonymous": False}
            if n == 0
            else {"status": "administrator", "user": u, **ADMIN_RIGHTS}
            for n, u in enumerate(admins)
        ]

    def _api_sendPoll(self, token: str, params: dict) -> dict:
        """A poll as Bot API 10 describes it (option persistent_id, correct_option_ids, members_only...)."""
        options = [o if isinstance(o, str) else o["text"] for o in params["options"]]
        poll = {
            "id": str(next(_ids)),
            "question": params["question"],
            "total_voter_count": 0,
            "is_closed": False,
            "options": [{"text": text, "voter_count": 0, "persistent_id": str(n)} for n, text in enumerate(options)],
            "is_anonymous": _flag(params, "is_anonymous", True),
            "type": params.get("type", "regular"),
            "allows_multiple_answers": _flag(params, "allows_multiple_answers"),
            "allows_revoting": _flag(params, "allows_revoting"),
            "members_only": _flag(params, "members_only"),
        }
        if "correct_option_ids" in params:
            poll["correct_option_ids"] = params["correct_option_ids"]
        message = self._message(token, params, poll=poll)
        self._polls[message["chat"]["id"], message["message_id"]] = poll
        return message

    def _api_stopPoll(self, token: str, params: dict) -> dict:
        poll = self._polls[params["chat_id"], int(params["message_id"])]
        poll["is_closed"] = True
        return poll

    def _api_getWebhookInfo(self, token: str, params: dict) -> dict:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}

    def _true(self, token: str, params: dict) -> bool:
        return True

    _api_sendChatAction = _api_answerCallbackQuery = _api_setWebhook = _api_deleteWebhook = _api_setMyCommands = _true
    _api_close = _api_logOut = _true


# --- what Telegram sends ---


def user(user_id: int, language_code: str | None = "en") -> dict:
    found = {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"}
    return {**found, "language_code": language_code} if language_code else found


def chat(chat_id: int, kind: str = "private") -> dict:
    return {"id": chat_id, "type": kind} if kind == "private" else {"id": chat_id, "type": kind, "title": "Peacekeeping"}


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _entities(text: str) -> list[dict]:
    """The bot_command and mention entities Telegram marks in `text`, at UTF-16 offsets."""
    found = [("bot_command", m) for m in re.finditer(r"^/\w+(@\w+)?", text)]
    found += [("mention", m) for m in re.finditer(r"(?<!\w)@\w{5,}", text)]
    return [{"type": kind, "offset": _utf16(text[: m.start()]), "length": _utf16(m.group())} for kind, m in found]


def message(in_chat: dict, sender: dict, text: str | None = None, **content: Any) -> dict:
    """A message as Telegram sends it; `content` adds e.g. sticker=..., reply_to_message=..., sender_chat=..."""
    found: dict[str, Any] = {"message_id": next(_ids), "date": int(time.time()), "chat": in_chat, "from": sender, **content}
    if text is not None:
        found["text"] = text
        if entities := _entities(text):
            found["entities"] = entities
    return found


def poll_answer(poll_id: str, sender: dict, option: int) -> dict:
    """A user's vote in a non-anonymous poll, as the poll_answer of an update."""
    return {"poll_id": poll_id, "user": sender, "option_ids": [option], "option_persistent_ids": [str(option)]}


def callback_query(sender: dict, on_message: dict, data: str) -> dict:
    """A press on a button of `on_message` (a message the bot sent)."""
    return {"id": str(next(_ids)), "from": sender, "chat_instance": "1", "message": on_message, "data": data}


def my_chat_member(in_chat: dict, by: dict, bot: dict, old: str, new: str) -> dict:
    """The bot's own membership of a chat changed by `by` (e.g. added: "left" -> "member")."""

    def member(status: str) -> dict:
        extra = {"administrator": ADMIN_RIGHTS, "kicked": {"until_date": 0}}.get(status, {})
        return {"status": status, "user": bot, **extra}

    return {"chat": in_chat, "from": by, "date": int(time.time()), "old_chat_member": member(old), "new_chat_member": member(new)}


# Who an anonymous group admin's messages come from, in every group; their sender_chat is the group.
ANONYMOUS_ADMIN = {"id": 1087968824, "is_bot": True, "first_name": "Group", "username": "GroupAnonymousBot"}
STICKER = {
    "file_id": "sticker-1",
    "file_unique_id": "s1",
    "type": "regular",
    "width": 512,
    "height": 512,
    "is_animated": False,
    "is_video": False,
}
PHOTO = [{"file_id": "photo-2", "file_unique_id": "p2", "width": 90, "height": 90}]
VOICE = {"file_id": "voice-1", "file_unique_id": "v1", "duration": 2}
DOCUMENT = {"file_id": "doc-1", "file_unique_id": "d1", "file_name": "report.pdf"}
