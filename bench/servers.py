"""The two bots' processes: training (cached by the files it depends on), start, peak memory, stop."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "bench"
LOGS = CACHE / "logs"  # each server's output from the last run, kept for when one fails
RASA = Path(sys.executable).parent / "rasa"
ENV = {"RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3", "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}
# What `make model` retrains on (see the Makefile).
ASSISTANT_INPUTS = ("config.yml", "domain.yml", "data/nlu/*.yml", "data/rules.yml", "nlu/*.py")


def free_ports(n: int) -> list[int]:
    """n different free ports: each held until all are found (one closed at once may come back as the next)."""
    sockets = [socket.socket() for _ in range(n)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def digest(files: Iterable[Path], base: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(files):
        h.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def _timed(command: list[str], cwd: Path, log: Path) -> float:
    started = time.monotonic()
    with log.open("w") as out:
        subprocess.run(command, cwd=cwd, env={**os.environ, **ENV}, stdout=out, stderr=subprocess.STDOUT, check=True)
    return round(time.monotonic() - started, 1)


def assistant_training() -> float:
    """Seconds a full `rasa train` of the assistant takes; trained again only when its inputs change."""
    key = digest((p for pattern in ASSISTANT_INPUTS for p in ROOT.glob(pattern)), ROOT)
    record = CACHE / f"a4p-train-{key}.json"
    if not record.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        print("Timing a full training of the assistant (once for these training files)...", flush=True)
        out = CACHE / "a4p-train-models"
        seconds = _timed(
            [str(RASA), "train", "--quiet", "--out", str(out), "--fixed-model-name", "a4p"], ROOT, CACHE / "a4p-train.log"
        )
        shutil.rmtree(out, ignore_errors=True)
        record.write_text(json.dumps({"seconds": seconds}))
    return json.loads(record.read_text())["seconds"]


def starter_project() -> tuple[Path, float]:
    """Rasa's starter bot (`rasa init --no-prompt`), trained once per Rasa version and template."""
    import rasa

    template = Path(rasa.__file__).parent / "cli" / "initial_project"
    files = [p for p in template.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    project = CACHE / f"starter-{rasa.__version__}-{digest(files, template)}"
    record = project / "bench-train.json"
    if not record.exists():
        print("Creating and training Rasa's starter bot (once; `rasa init --no-prompt`)...", flush=True)
        shutil.rmtree(project, ignore_errors=True)
        project.mkdir(parents=True)
        seconds = _timed([str(RASA), "init", "--no-prompt", "--init-dir", str(project)], project, CACHE / "starter-train.log")
        record.write_text(json.dumps({"seconds": seconds}))
    return project, json.loads(record.read_text())["seconds"]


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return tree


def _label(pid: int) -> str | None:
    """Which server a process is, by its command line; None for the shell and its helpers."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return None
    for needle, label in (
        ("run actions", "action server"),  # the starter bot's
        ("-m actions.server", "action server"),
        ("bot.web", "web"),
        ("bot.telegram", "telegram"),
        ("rasa run", "rasa"),
        ("-m server run", "rasa"),
    ):
        if needle in command:
            return label
    return None


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Bot:
    """One bot's processes, started in their own process group."""

    def __init__(self, name: str, command: list[str], cwd: Path, port: int, env: dict | None = None):
        self.name, self.url = name, f"http://127.0.0.1:{port}"
        LOGS.mkdir(parents=True, exist_ok=True)
        self.log = (LOGS / f"{name}.log").open("w")
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            command,
            cwd=cwd,
            env={**os.environ, **ENV, **(env or {})},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.peak: dict[str, float] = {}
        self.peak_total = 0.0
        self.first_answer_s: float | None = None

    def wait_for_answer(self, question: str, timeout: float = 900) -> float:
        """Seconds from start until the first non-empty answer to `question` (the starter loads TensorFlow
        models: over 5 minutes on a busy 2-core machine)."""
        deadline = self.started + timeout
        with httpx.Client(timeout=30) as http:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError(f"{self.name} exited at start; see {self.log.name}")
                try:
                    reply = http.post(f"{self.url}/webhooks/rest/webhook", json={"sender": "bench-start", "message": question})
                    if reply.status_code == 200 and reply.json():
                        self.first_answer_s = round(time.monotonic() - self.started, 1)
                        return self.first_answer_s
                except httpx.HTTPError:
                    pass
                time.sleep(0.25)
        raise TimeoutError(f"{self.name} gave no answer within {timeout:.0f} s; see {self.log.name}")

    def sample(self) -> None:
        """Record the current RSS of each of the bot's servers, keeping each one's peak and the total's."""
        tree, todo, now = _children(), [self.process.pid], {}
        while todo:
            pid = todo.pop()
            todo += tree.get(pid, [])
            label = _label(pid)
            if label:
                now[label] = now.get(label, 0.0) + _rss_mb(pid)
        for label, mb in now.items():
            self.peak[label] = max(self.peak.get(label, 0.0), mb)
        self.peak_total = max(self.peak_total, sum(now.values()))

    def stop(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass
        self.log.close()


def assistant(name: str = "assistant", database_url: str | None = None) -> Bot:
    """The assistant as `make run` starts it (scripts/run-assistant), on free ports."""
    rasa_port, actions_port, web_port = free_ports(3)
    env = {"RASA_PORT": str(rasa_port), "ACTIONS_PORT": str(actions_port), "WEB_PORT": str(web_port)}
    # one sender's 200-turn conversation would otherwise be told to slow down after 30 messages a minute
    env["RATE_LIMIT_MESSAGES"] = str(10**6)
    if database_url:
        env["DATABASE_URL"] = database_url
    return Bot(name, [str(ROOT / "scripts" / "run-assistant")], ROOT, rasa_port, env)


def starter(project: Path) -> Bot:
    (port,) = free_ports(1)
    model = max(project.glob("models/*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return Bot(
        "starter",
        [str(RASA), "run", "--port", str(port), "--model", str(model), "--credentials", str(project / "credentials.yml")],
        project,
        port,
    )


class Sampler(threading.Thread):
    """Samples every bot's memory twice a second until stopped."""

    def __init__(self, bots: list[Bot]) -> None:
        super().__init__(daemon=True)
        self.bots, self.done = bots, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.5):
            for bot in list(self.bots):
                bot.sample()

    def stop(self) -> None:
        self.done.set()
        self.join()
