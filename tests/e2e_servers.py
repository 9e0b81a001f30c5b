"""Start the real action server and Rasa server for end-to-end tests."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from actions.facts.files import read_report
from actions.facts.loader import load

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "a4p.tar.gz"
RASA = Path(sys.executable).parent / "rasa"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Assistant:
    def __init__(self, store_url: str, workdir: Path, cors: str | None = None) -> None:
        self.rasa_port, self.actions_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.rasa_port}"
        self.store_url = store_url
        self.endpoints = workdir / "endpoints.yml"
        self.endpoints.write_text(
            subprocess.run(  # as scripts/run-assistant writes them
                [str(ROOT / "scripts" / "write-endpoints"), f"http://127.0.0.1:{self.actions_port}/webhook"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            + "tracker_store:\n  type: server.trackers.LiveTrackerStore\n"
        )
        self.action_secret = secrets.token_urlsafe(32)
        self.cors = cors
        self.env = {
            **os.environ,
            "DATABASE_URL": store_url,
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "3",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "ACTION_SERVER_SECRET": self.action_secret,
        }
        self.logs = [open(workdir / name, "w") for name in ("actions.log", "rasa.log")]
        self.processes = [self._start(0), self._start(1)]
        self.client = httpx.Client(timeout=60)

    def _start(self, which: int) -> subprocess.Popen:
        """0: the action server; 1: the Rasa server."""
        command = (
            [sys.executable, "-m", "actions.server", "--port", str(self.actions_port)]
            if which == 0
            else [
                sys.executable,
                "-m",
                "server",
                "run",
                "--enable-api",
                "--port",
                str(self.rasa_port),
                "--model",
                str(MODEL),
                "--endpoints",
                str(self.endpoints),
                "--credentials",
                str(ROOT / "credentials.yml"),
                *(["--cors", self.cors] if self.cors else []),
            ]
        )
        return subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=self.logs[which], stderr=subprocess.STDOUT)

    def restart(self, which: str) -> None:
        """Stop the "actions" or "rasa" server and start a new one on the same port, as after a crash or a deploy."""
        index = ("actions", "rasa").index(which)
        self.processes[index].terminate()
        self.processes[index].wait(timeout=20)
        self.processes[index] = self._start(index)
        self.wait()

    def wait(self, timeout: float = 240) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(p.poll() is not None for p in self.processes):
                raise RuntimeError("a server exited at start; see its log under the test's tmp dir")
            try:
                rasa = self.client.get(f"{self.url}/status")
                actions = self.client.get(f"http://127.0.0.1:{self.actions_port}/health")
                if rasa.status_code == 200 and rasa.json().get("model_file") and actions.status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(1)
        raise TimeoutError("servers did not start in time")

    def reply(self, sender: str, message: str, metadata: dict | None = None) -> list[dict]:
        """The assistant's messages (text, buttons) to one user message; fails on any error status."""
        body = {"sender": sender, "message": message, **({"metadata": metadata} if metadata else {})}
        response = self.client.post(f"{self.url}/webhooks/rest/webhook", json=body)
        response.raise_for_status()
        return response.json()

    def ask(self, sender: str, message: str) -> tuple[int, list[str]]:
        response = self.client.post(f"{self.url}/webhooks/rest/webhook", json={"sender": sender, "message": message})
        texts = [m.get("text", "") for m in response.json()] if response.status_code == 200 else []
        return response.status_code, texts

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in self.logs:
            log.close()
        self.client.close()


@contextmanager
def running_assistant(workdir: Path, cors: str | None = None) -> Iterator[Assistant]:
    """Both servers on a fresh SQLite store loaded from data/report."""
    if not MODEL.exists():
        pytest.fail("no trained model: run `make test`, which trains it first")
    url = f"sqlite:///{workdir / 'facts.db'}"
    load(read_report(), url)
    server = Assistant(url, workdir, cors=cors)
    try:
        server.wait()
        yield server
    finally:
        server.stop()
