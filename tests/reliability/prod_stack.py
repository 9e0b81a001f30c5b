"""The production profile (`python -m bot.prod`) on loopback for `make reliability`: its own PostgreSQL database and
Redis key prefix, free ports, the Telegram bridge in webhook mode against the fake Bot API, and simulated users, each
from its own loopback address (127.0.x.y) so per-address limits apply to each as to a real user."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from tests.conftest import PG_ADMIN_URL, ROOT, unreachable
from tests.e2e_servers import free_port

TELEGRAM_TOKEN = "700042:reliability"
SORRY = {
    "en": "Sorry, I could not answer that just now. Please try again in a moment.",
    "zh": "抱歉，我暂时无法回答，请稍后再试。",
}
FACT_TABLES = (
    "paragraphs",
    "footnotes",
    "priorities",
    "statistics",
    "missions",
    "mission_aliases",
    "examples",
    "fact_missions",
    "documents",
    "document_aliases",
    "figures",
    "recommendations",
    "search_docs",
    "search_terms",
    "store_meta",
)
QUIZ_TABLES = ("quiz_sessions", "quiz_items", "quiz_answers", "leitner_cards")


def user_address(n: int) -> str:
    return f"127.0.{1 + n // 250}.{1 + n % 250}"


@dataclass(frozen=True)
class Snapshot:
    facts: dict[str, str]
    quiz: dict[str, dict[tuple, dict]]
    last_event: int
    events_hash: str


class Prod:
    def __init__(self, workdir: Path, telegram_base_url: str):
        self.db_name = f"a4p_rel_{uuid.uuid4().hex[:8]}"
        try:
            self.admin = create_engine(PG_ADMIN_URL, future=True, isolation_level="AUTOCOMMIT")
            with self.admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{self.db_name}"'))
        except OperationalError as error:
            unreachable("PostgreSQL", error)
        self.database_url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{self.db_name}"
        self.secret = secrets.token_urlsafe(24)
        self.webhook_secret = secrets.token_urlsafe(24)
        self.public_port, self.hook_port = free_port(), free_port()
        self.rasa_ports, self.actions_ports = (free_port(), free_port()), (free_port(), free_port())
        self.url = f"http://127.0.0.1:{self.public_port}"
        self.hook_url = f"{self.url}/telegram/hook"
        self.run_dir = workdir / "run"
        self.env = {
            **os.environ,
            "PATH": os.environ["PATH"] + ":/usr/sbin",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            "REDIS_PREFIX": f"rel{uuid.uuid4().hex[:8]}",
            "ACTION_SERVER_SECRET": self.secret,
            "PUBLIC_HOST": "127.0.0.1",
            "PUBLIC_PORT": str(self.public_port),
            "SERVER_NAMES": "127.0.0.1 localhost",
            "RASA_PORTS": " ".join(map(str, self.rasa_ports)),
            "ACTIONS_PORTS": " ".join(map(str, self.actions_ports)),
            "WEB_PORTS": f"{free_port()} {free_port()}",
            "INTERNAL_RASA_PORT": str(free_port()),
            "INTERNAL_ACTIONS_PORT": str(free_port()),
            "RATE_PER_IP": "5",
            "PROD_RUN_DIR": str(self.run_dir),
            "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN,
            "TELEGRAM_BASE_URL": telegram_base_url,
            "TELEGRAM_WEBHOOK_URL": self.hook_url,
            "TELEGRAM_WEBHOOK_SECRET": self.webhook_secret,
            "TELEGRAM_WEBHOOK_PORT": str(self.hook_port),
        }
        self.log = open(workdir / "prod.log", "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.prod"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait(self, timeout: float = 420) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"bot.prod exited: {(self.log.name and Path(self.log.name).read_text()[-3000:])}")
            if self.answers():
                return
            time.sleep(2)
        raise TimeoutError(f"the production profile did not answer in {timeout:.0f}s; see {self.run_dir}")

    def answers(self) -> bool:
        try:
            reply = httpx.post(f"{self.url}/api/chat", json={"sender": "probe-sender-1", "message": "第44段"}, timeout=30)
            return reply.status_code == 200 and reply.json()[0]["text"].startswith("第44段")
        except (httpx.HTTPError, ValueError, LookupError):
            return False

    def pids(self, port: int) -> list[int]:
        """Processes started with `--port PORT` (an action server or a Rasa server)."""
        found = []
        for proc in Path("/proc").iterdir():
            try:
                argv = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"--port" in argv and argv[argv.index(b"--port") + 1 :][:1] == [str(port).encode()]:
                found.append(int(proc.name))
        return found

    def kill(self, port: int) -> None:
        for pid in self.pids(port):
            os.kill(pid, signal.SIGKILL)

    def snapshot(self) -> Snapshot:
        """What a stranger's messages must not change: a hash of each fact table, every quiz row, and Rasa's stored
        conversations (their number and a hash of the rows so far)."""
        engine = create_engine(self.database_url, future=True)
        try:
            with engine.connect() as conn:
                facts = {
                    t: hashlib.sha256(repr(conn.execute(text(f"SELECT * FROM {t} ORDER BY 1")).all()).encode()).hexdigest()
                    for t in FACT_TABLES
                }
                quiz = {t: {tuple(r): dict(r._mapping) for r in conn.execute(text(f"SELECT * FROM {t}"))} for t in QUIZ_TABLES}
                last_event = conn.execute(text("SELECT coalesce(max(id), 0) FROM events")).scalar_one()
                return Snapshot(facts, quiz, last_event, self._events_hash(conn, last_event))
        finally:
            engine.dispose()

    def changes(self, before: Snapshot) -> dict[str, list[dict]]:
        """Rows added, removed or altered since `before`: quiz rows by table, and new conversation events (their
        sender_id) under "events"; a fact table that changed at all is listed with an empty row."""
        after = self.snapshot()
        found: dict[str, list[dict]] = {t: [{}] for t in FACT_TABLES if after.facts[t] != before.facts[t]}
        for table in QUIZ_TABLES:
            then, now = before.quiz[table], after.quiz[table]
            rows = [now.get(k) or then[k] for k in now.keys() ^ then.keys()]  # an altered row: both versions
            if rows:
                found[table] = rows
        engine = create_engine(self.database_url, future=True)
        try:
            with engine.connect() as conn:
                if self._events_hash(conn, before.last_event) != before.events_hash:
                    found["events"] = [{}]  # an earlier event altered or removed
                new = conn.execute(text("SELECT DISTINCT sender_id FROM events WHERE id > :id"), {"id": before.last_event})
                found["events"] = found.get("events", []) + [{"sender_id": s} for (s,) in new]
        finally:
            engine.dispose()
        return {t: rows for t, rows in found.items() if rows}

    def user_turns(self, senders: list[str]) -> dict[str, list[tuple[str, str]]]:
        """(message id, text) of each user message in the conversations Rasa stored for `senders`, in order."""
        engine = create_engine(self.database_url, future=True)
        try:
            with engine.connect() as conn:
                rows = conn.execute(
                    text("SELECT sender_id, data FROM events WHERE type_name = 'user' AND sender_id = ANY(:s) ORDER BY id"),
                    {"s": senders},
                )
                turns: dict[str, list[tuple[str, str]]] = {s: [] for s in senders}
                for sender, data in rows:
                    event = json.loads(data)
                    turns[sender].append((event.get("message_id"), event.get("text")))
                return turns
        finally:
            engine.dispose()

    @staticmethod
    def _events_hash(conn, last: int) -> str:
        query = "SELECT coalesce(md5(string_agg(e::text, ',' ORDER BY id)), '') FROM events e WHERE id <= :id"
        return conn.execute(text(query), {"id": last}).scalar_one()

    def logs(self) -> list[Path]:
        return [*self.run_dir.glob("*.log"), Path(self.log.name)]

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()
        self.admin.dispose()  # its connections did not survive the PostgreSQL restart
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)'))
        self.admin.dispose()


@dataclass
class Turn:
    user: int
    lang: str
    sent: str
    status: int
    replies: list = field(default_factory=list)
    seconds: float = 0.0
    at: float = 0.0

    @property
    def texts(self) -> list[str]:
        return [r.get("text", "") for r in self.replies if isinstance(r, dict)]


def paragraph_turn(user: int, turn: int) -> tuple[str, str, str]:
    """(language, message, how the right reply starts): a paragraph each turn, so a reply names its turn."""
    number = (user * 7 + turn * 3) % 80 + 1
    if (user + turn) % 2:
        return "zh", f"第{number}段", f"第{number}段"
    return "en", f"paragraph {number}", f"Paragraph {number}"


class Users:
    """Simulated web users: each its own address and sender, one message at a time, through nginx."""

    def __init__(self, url: str, count: int, first: int = 0):
        self.url = url
        self.ids = range(first, first + count)
        self.senders = {n: f"rel{uuid.uuid4().hex[:10]}u{n}" for n in self.ids}
        self.clients = {
            n: httpx.AsyncClient(base_url=url, timeout=150, transport=httpx.AsyncHTTPTransport(local_address=user_address(n)))
            for n in self.ids
        }

    async def send(self, n: int, message: str, lang: str) -> Turn:
        started = time.perf_counter()
        try:
            response = await self.clients[n].post(
                "/api/chat", json={"sender": self.senders[n], "message": message, "metadata": {"language": lang}}
            )
            replies = response.json() if response.status_code == 200 else []
            status = response.status_code
        except (httpx.HTTPError, ValueError):
            replies, status = [], 0
        return Turn(n, lang, message, status, replies, time.perf_counter() - started, time.monotonic())

    async def close(self) -> None:
        await asyncio.gather(*(c.aclose() for c in self.clients.values()))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]
