"""The web chat server (`python -m bot.web`) as a subprocess, for the tests that need one."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx

from tests.conftest import ROOT
from tests.e2e_servers import free_port


class WebServer:
    """`python -m bot.web` on a free port, relaying to `rasa_url`."""

    def __init__(self, rasa_url: str, port: int | None = None, **settings: str) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "WEB_PORT": str(self.port), "RASA_URL": rasa_url, **settings}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.web"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if httpx.get(self.url).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the web server did not start: {self.process.stdout.read()}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            # A server not gone by then hangs (test_live_streams checks that it stops at once): killed, so that the
            # run goes on; a harder restart for the tests that restart it.
            self.process.kill()
            self.process.wait(timeout=10)
        self.process.stdout.close()
