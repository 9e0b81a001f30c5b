"""`make prod` (`python -m bot.prod`): the production profile, configured by environment, on one machine or spread
over several (PROD_ROLES says which parts run here; see the README's "Production").

nginx is the only port users reach: it serves the page, relays /api/chat to the web relays (which force the sender
and check each message) and the Telegram webhook to the bridge, and inside, on loopback, balances the relays' calls
over the Rasa servers and Rasa's action calls over the action servers, moving to the next one when one is down.
Rasa keeps conversations in PostgreSQL (its SQL tracker store) and locks them in Redis, so any Rasa server can take
any turn. The store's Alembic migrations and the facts are applied before anything starts; a child that dies is
started again.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from actions.settings import MODEL, ROOT, default
from actions.settings import get as setting
from bot.web import chat_api
from bot.web.server import HEADERS
from bot.web.trainer_auth import configured_token

PYTHON = sys.executable
STATIC = ROOT / "bot" / "web" / "static"
ROLES = tuple(default("PROD_ROLES").split())
_HOST_PORT = re.compile(r"[A-Za-z0-9.-]+:\d{1,5}")
_NAME = re.compile(r"[A-Za-z0-9.*-]+")
_SECRET = re.compile(r"[A-Za-z0-9_-]{16,256}")
# Nested timeouts, the inner one firing first: a turn waits at most TURN_WAIT_SECONDS for a slot on its Rasa server
# (bot.admission), then runs; the relays wait RELAY_TIMEOUT for the lot, retries included; nginx waits longer still,
# so a slow turn gets the relay's answer, never nginx's 502 or 504.
MAX_TURN_WAIT = 60
RELAY_TIMEOUT = 110
PROXY_TIMEOUT = 120


class ConfigError(ValueError):
    """Settings that cannot work; the message lists every problem and how to fix it."""


@dataclass(frozen=True)
class Config:
    database_url: str
    redis_url: str
    action_secret: str
    roles: tuple[str, ...] = ROLES
    bind: str = "127.0.0.1"  # where Rasa, action servers and relays listen: loopback, or a private address
    public_host: str = "0.0.0.0"
    public_port: int = 8080
    server_names: tuple[str, ...] = ("localhost", "127.0.0.1")
    rasa_ports: tuple[int, ...] = (5005, 5006)
    actions_ports: tuple[int, ...] = (5055, 5056)
    web_ports: tuple[int, ...] = (8001,)
    rasa_upstreams: tuple[str, ...] = ()  # host:port of every Rasa server, on every machine
    actions_upstreams: tuple[str, ...] = ()
    web_upstreams: tuple[str, ...] = ()
    internal_rasa_port: int = 5004  # nginx's loopback entry to the Rasa servers
    internal_actions_port: int = 5054  # and to the action servers
    rate_per_ip: int = 2  # chat requests per second per address at nginx, with a burst of 10 x this
    telegram: dict[str, str] = field(default_factory=dict)
    redis_prefix: str = "a4p"

    def upstreams(self, tier: str) -> tuple[str, ...]:
        given = getattr(self, f"{tier}_upstreams")
        return given or tuple(f"{self.bind}:{p}" for p in getattr(self, f"{tier}_ports"))


def _ports(name: str, value: str, problems: list[str]) -> tuple[int, ...]:
    ports = tuple(int(p) for p in value.replace(",", " ").split() if p.isdigit() and 0 < int(p) < 65536)
    if not ports or len(ports) != len(value.replace(",", " ").split()):
        problems.append(f"{name} must be one or more port numbers separated by spaces, not {value!r}")
    return ports


def _required(env: dict[str, str], problems: list[str]) -> tuple[str, str, str]:
    """The shared stores and the action servers' secret, which production cannot default."""
    database_url = setting("DATABASE_URL", env)
    if urlsplit(database_url).scheme not in ("postgresql", "postgresql+psycopg2") or not urlsplit(database_url).path[1:]:
        problems.append(
            "DATABASE_URL must name a PostgreSQL database, e.g. postgresql://a4p:PASSWORD@db-host:5432/a4p "
            "(facts, quizzes and Rasa's conversations live there, shared by every machine)"
        )
    redis_url = setting("REDIS_URL", env)
    if urlsplit(redis_url).scheme != "redis" or not urlsplit(redis_url).hostname:
        problems.append(
            "REDIS_URL must be redis://[:PASSWORD@]host:port/db, e.g. redis://127.0.0.1:6379/1 "
            "(Rasa's lock store, shared by every machine)"
        )
    secret = setting("ACTION_SERVER_SECRET", env)
    if not _SECRET.fullmatch(secret):
        problems.append(
            "ACTION_SERVER_SECRET must be 16-256 letters, digits, _ or -, the same on every machine; "
            "make one with: head -c 32 /dev/urandom | base64 | tr -dc A-Za-z0-9"
        )
    return database_url, redis_url, secret


def _names(env: dict[str, str], problems: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The roles this machine runs and the host names users reach the service by."""
    roles = tuple(setting("PROD_ROLES", env).split())
    if not roles or set(roles) - set(ROLES):
        problems.append(f"PROD_ROLES must name some of {', '.join(ROLES)}, not {setting('PROD_ROLES', env)!r}")
    names = tuple(setting("SERVER_NAMES", env).split())
    if not names or not all(_NAME.fullmatch(n) for n in names):
        problems.append("SERVER_NAMES must list the host names users reach the service by, e.g. 'chat.example.org'")
    return roles, names


def _numbers(env: dict[str, str], problems: list[str]) -> dict[str, Any]:
    """Every server's host:port for nginx, and nginx's own ports and rate."""
    numbers: dict[str, Any] = {}
    for tier in ("rasa", "actions", "web"):
        given = tuple(setting(f"{tier.upper()}_UPSTREAMS", env).split())
        if not all(_HOST_PORT.fullmatch(u) for u in given):
            problems.append(f"{tier.upper()}_UPSTREAMS must list host:port addresses, not {' '.join(given)!r}")
        numbers[f"{tier}_upstreams"] = given
    slots, wait = setting("TURN_SLOTS", env), setting("TURN_WAIT_SECONDS", env)
    if not slots.isdigit() or int(slots) < 1:
        problems.append(f"TURN_SLOTS must be a whole number of turns a Rasa server runs at once, 1 or more, not {slots!r}")
    if not wait.isdigit() or not 0 < int(wait) <= MAX_TURN_WAIT:
        problems.append(
            f"TURN_WAIT_SECONDS must be a whole number from 1 to {MAX_TURN_WAIT}, not {wait!r} (a turn's wait and run "
            f"must end within the relays' {RELAY_TIMEOUT} s)"
        )
    for name in ("PUBLIC_PORT", "INTERNAL_RASA_PORT", "INTERNAL_ACTIONS_PORT", "RATE_PER_IP"):
        value = setting(name, env)
        if not value.isdigit() or not 0 < int(value) < 65536:
            problems.append(f"{name} must be a whole number from 1 to 65535, not {value!r}")
        numbers[name.lower()] = int(value) if value.isdigit() else 0
    return numbers


def _telegram(env: dict[str, str], roles: tuple[str, ...], problems: list[str]) -> dict[str, str]:
    """The bridge's variables, passed on to it; behind nginx it must run as a webhook."""
    telegram = {k: v for k, v in env.items() if k.startswith(("TELEGRAM_", "QUIZ_"))}
    if "telegram" in roles and setting("TELEGRAM_BOT_TOKEN", telegram):
        secret_wrong = "TELEGRAM_WEBHOOK_SECRET" in telegram and not _SECRET.fullmatch(telegram["TELEGRAM_WEBHOOK_SECRET"])
        if secret_wrong or not setting("TELEGRAM_WEBHOOK_URL", telegram).startswith(("https://", "http://")):
            problems.append(
                "with TELEGRAM_BOT_TOKEN, set TELEGRAM_WEBHOOK_URL (the public https:// URL, whose path "
                "nginx relays) and TELEGRAM_WEBHOOK_SECRET (16+ letters, digits, _ or -)"
            )
    return telegram


def from_env(env: dict[str, str] | None = None) -> Config:
    """The profile's settings; ConfigError lists everything missing or wrong at once."""
    env = dict(os.environ if env is None else env)
    problems: list[str] = []
    (database_url, redis_url, secret), (roles, names) = _required(env, problems), _names(env, problems)
    numbers = _numbers(env, problems)
    telegram = _telegram(env, roles, problems)
    try:
        configured_token(env)  # else every relay would stop at its start, and be started again, and again
    except ValueError as error:
        problems.append(f"{error}, or unset to keep the trainer dashboard closed")
    ports: dict[str, Any] = {
        k: _ports(n, setting(n, env), problems)
        for k, n in (("rasa_ports", "RASA_PORTS"), ("actions_ports", "ACTIONS_PORTS"), ("web_ports", "WEB_PORTS"))
    }
    if problems:
        raise ConfigError("the production profile cannot start:\n  - " + "\n  - ".join(problems))
    return Config(
        database_url=database_url,
        redis_url=redis_url,
        action_secret=secret,
        roles=roles,
        server_names=names,
        bind=setting("BIND_HOST", env),
        public_host=setting("PUBLIC_HOST", env),
        telegram=telegram,
        redis_prefix=setting("REDIS_PREFIX", env),
        **numbers,
        **ports,
    )


def endpoints_yml(config: Config) -> str:
    """Rasa's endpoints: action calls through nginx's loopback balancer with the shared secret, conversations in
    PostgreSQL, locks in Redis. Secrets stay in the environment (Rasa expands ${...} when it reads the file)."""
    db, redis = urlsplit(config.database_url), urlsplit(config.redis_url)
    return "\n".join(
        [
            "action_endpoint:",
            f'  url: "http://127.0.0.1:{config.internal_actions_port}/webhook"',
            "  headers:",
            "    X-Action-Secret: ${ACTION_SERVER_SECRET}",
            "tracker_store:",
            "  type: SQL",
            "  dialect: postgresql",
            f'  url: "{db.hostname or "127.0.0.1"}"',
            f"  port: {db.port or 5432}",
            f'  db: "{db.path[1:]}"',
            f'  username: "{db.username or "postgres"}"',
            *(["  password: ${TRACKER_DB_PASSWORD}"] if db.password else []),
            "lock_store:",
            "  type: redis",
            f'  url: "{redis.hostname}"',
            f"  port: {redis.port or 6379}",
            f"  db: {int(redis.path[1:] or 0)}",
            *(["  password: ${LOCK_STORE_PASSWORD}"] if redis.password else []),
            f'  key_prefix: "{config.redis_prefix}"',
            "",
        ]
    )


def nginx_conf(config: Config, prefix: Path) -> str:
    """nginx: the public server (page, chat relay, Telegram webhook; request size, header and rate checks; unknown
    host names refused) and the two loopback balancers."""

    def upstream(name: str, tier: str) -> str:
        servers = "".join(f"        server {a} max_fails=3 fail_timeout=3s;\n" for a in config.upstreams(tier))
        # idle connections kept per worker for as long as the servers keep theirs open, or less (Rasa's Sanic 120 s,
        # the action servers' 75 s, the relays' aiohttp 75 s), so nginx never reuses one a server is closing
        return f"    upstream {name} {{\n{servers}        keepalive 128;\n        keepalive_timeout 60s;\n    }}\n"

    hook = urlsplit(setting("TELEGRAM_WEBHOOK_URL", config.telegram)).path
    telegram = (
        f"""        location = {hook} {{
            limit_except POST {{ deny all; }}
            proxy_pass http://127.0.0.1:{setting("TELEGRAM_WEBHOOK_PORT", config.telegram)};
            proxy_set_header Host localhost;
        }}
"""
        if hook and setting("TELEGRAM_BOT_TOKEN", config.telegram)
        else ""
    )
    names = "|".join(re.escape(n).replace("\\*", "[^.]+") for n in config.server_names)
    headers = "\n".join(f'        add_header {k} "{v}" always;' for k, v in HEADERS.items())
    busy = json.dumps({"error": "busy", "message": chat_api.message("busy")}, ensure_ascii=False)
    # A request a server never got goes to the next one. A Rasa turn cut off by its server dying is not re-sent here:
    # nginx cannot tell whether the server saved it first, so the relay sends it again, marked, and the REST channel
    # answers it once (bot.rasa_client, bot.rest_channel). An action call is re-sent (non_idempotent).
    balancer = f"""        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host localhost;
        proxy_read_timeout {PROXY_TIMEOUT}s;
        client_max_body_size 1m;
        client_body_buffer_size 1m;  # action calls carry the tracker: keep them in memory, never in temp files"""
    relay = f"""            proxy_pass http://web_relays;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host localhost;
            proxy_set_header X-Real-IP $remote_addr;
            proxy_read_timeout {PROXY_TIMEOUT}s;
"""
    return f"""# Generated by bot/prod.py; edit that, not this.
worker_processes auto;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
daemon off;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    server_tokens off;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    client_max_body_size 64k;
    client_body_buffer_size 64k;
    client_header_buffer_size 1k;
    large_client_header_buffers 4 8k;
    client_body_timeout 10s;
    client_header_timeout 10s;
    keepalive_timeout 30s;
    limit_req_zone $binary_remote_addr zone=chat:10m rate={config.rate_per_ip}r/s;
    limit_req_status 429;
    limit_conn_zone $binary_remote_addr zone=conn:10m;
    map $http_origin $foreign_origin {{  # a browser's post from a page on another site
        default 1;
        "" 0;
        "~^https?://({names})(:[0-9]+)?$" 0;
    }}
{upstream("web_relays", "web")}{upstream("rasa_servers", "rasa")}{upstream("action_servers", "actions")}
    server {{  # a name not in SERVER_NAMES (DNS rebinding, scanners): refused
        listen {config.public_host}:{config.public_port} default_server;
        location / {{ default_type application/json; return 421 '{{"error": "bad_host"}}'; }}
    }}
    server {{
        listen {config.public_host}:{config.public_port};
        server_name {" ".join(config.server_names)};
        limit_conn conn 50;
{headers}
        location = / {{  # the page holds its wording: the relays put it in (bot/web/server.py)
            proxy_pass http://web_relays;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host localhost;
        }}
        location /static/ {{ alias {STATIC}/; }}
        location = /health {{ default_type application/json; return 200 '{{"status": "ok"}}'; }}
        location = /api/chat {{
            limit_except POST {{ deny all; }}
            limit_req zone=chat burst={10 * config.rate_per_ip} nodelay;
            error_page 429 = @busy;
            if ($foreign_origin) {{ return 403 '{{"error": "cross_site"}}'; }}
            # refused here: aiohttp decodes a gzip body as it arrives and drops the connection on a broken one (a 502)
            if ($http_content_encoding !~* "^(identity)?$") {{ return 415 '{{"error": "bad_type"}}'; }}
            proxy_pass http://web_relays;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host localhost;
            proxy_set_header Origin "";
            proxy_set_header X-Real-IP $remote_addr;
            proxy_next_upstream error timeout;
            proxy_read_timeout {PROXY_TIMEOUT}s;
        }}
        location ~ ^/trainer(/|$) {{  # the dashboard: its own page policy (the relay sends it), streams unbuffered
            add_header Cache-Control no-store always;  # an add_header here: the chat page's policy above is not added
{relay}            proxy_set_header X-Forwarded-Host $http_host;  # the join link names the host users reach
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_buffering off;
        }}
        location /api/class/ {{  # a trainee's stream of a class quiz
            limit_except GET {{ deny all; }}
            limit_req zone=chat burst={10 * config.rate_per_ip} nodelay;
{relay}            proxy_buffering off;
        }}
{telegram}        location @busy {{
            default_type application/json;
            add_header Retry-After 10 always;
            return 429 '{busy}';
        }}
        location / {{ return 404; }}
    }}
    server {{  # loopback only: the relays' way to the Rasa servers
        listen 127.0.0.1:{config.internal_rasa_port};
        location / {{
            proxy_pass http://rasa_servers;
            proxy_next_upstream error timeout http_502 http_503;
{balancer}
        }}
    }}
    server {{  # loopback only: Rasa's way to the action servers (the secret header passes through)
        listen 127.0.0.1:{config.internal_actions_port};
        location / {{
            proxy_pass http://action_servers;
            proxy_next_upstream error timeout http_502 http_503 non_idempotent;
{balancer}
        }}
    }}
}}
"""


class Supervisor:
    """Runs the children, starts again any that exits, and stops them all on SIGTERM or SIGINT."""

    def __init__(self, logs: Path):
        self.logs = logs
        self.children: dict[str, tuple[list[str], dict[str, str], subprocess.Popen]] = {}
        self.stopping = False

    def start(self, name: str, command: list[str], env: dict[str, str]) -> None:
        log = open(self.logs / f"{name}.log", "ab")
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        self.children[name] = (command, env, process)

    def watch(self) -> None:
        while not self.stopping:
            for name, (command, env, process) in list(self.children.items()):
                if process.poll() is not None and not self.stopping:
                    print(f"{name} exited ({process.returncode}); starting it again", flush=True)
                    self.start(name, command, env)
            time.sleep(1)

    def stop(self, *_signal: object) -> None:
        self.stopping = True
        for _, _, process in self.children.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for _, _, process in self.children.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def _wait_healthy(urls: list[str], timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    pending = list(urls)
    while pending and time.monotonic() < deadline:
        pending = [u for u in pending if not _answers(u)]
        time.sleep(1)
    if pending:
        raise RuntimeError(f"not answering after {timeout:.0f}s: {', '.join(pending)}")


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def main() -> int:
    try:
        config = from_env()
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if "nginx" in config.roles and not shutil.which("nginx"):
        print("error: nginx is not installed: run scripts/install-prod (make prod does)", file=sys.stderr)
        return 2
    if "rasa" in config.roles and not MODEL.exists():
        print("error: no trained model: run `make prod`, which trains it first", file=sys.stderr)
        return 2
    run_dir = Path(setting("PROD_RUN_DIR") or tempfile.mkdtemp(prefix="a4p-prod-"))
    run_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(run_dir, 0o700)
    db, redis = urlsplit(config.database_url), urlsplit(config.redis_url)
    env = {
        **os.environ,
        "DATABASE_URL": config.database_url,
        "ACTION_SERVER_SECRET": config.action_secret,
        "TRACKER_DB_PASSWORD": db.password or "",
        "LOCK_STORE_PASSWORD": redis.password or "",
        # a conversation lock held by a Rasa server that died frees after this many seconds, not Rasa's 60
        "TICKET_LOCK_LIFETIME": setting("TICKET_LOCK_LIFETIME"),
        "SANIC_BACKLOG": "1024",  # Rasa's listen queue (its default 100 drops nginx's connections in a burst)
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    }
    if "rasa" in config.roles or "actions" in config.roles:
        print("Applying migrations and loading the facts ...", flush=True)
        subprocess.run([PYTHON, "-m", "bot", "facts", "load"], cwd=ROOT, env=env, check=True)
    (run_dir / "endpoints.yml").write_text(endpoints_yml(config))
    supervisor = Supervisor(run_dir)
    signal.signal(signal.SIGTERM, supervisor.stop)
    signal.signal(signal.SIGINT, supervisor.stop)
    try:
        _start(config, supervisor, env, run_dir)
        print(f"Production profile running ({' '.join(config.roles)}); logs in {run_dir}", flush=True)
        if "nginx" in config.roles:
            print(f"  Web chat: http://{config.server_names[0]}:{config.public_port}/", flush=True)
        supervisor.watch()
    except (RuntimeError, subprocess.CalledProcessError) as error:
        print(f"error: {error}", file=sys.stderr)
        supervisor.stop()
        return 1
    return 0


def _start(config: Config, supervisor: Supervisor, env: dict[str, str], run_dir: Path) -> None:
    """Action servers, then Rasa servers (once they answer), then relays, the bridge and nginx."""
    roles = config.roles
    for i, port in enumerate(config.actions_ports if "actions" in roles else ()):
        supervisor.start(
            f"actions-{i + 1}",
            [PYTHON, "-m", "actions.server", "--port", str(port)],
            {**env, "ACTIONS_HOST": config.bind},
        )
    for i, port in enumerate(config.rasa_ports if "rasa" in roles else ()):
        supervisor.start(
            f"rasa-{i + 1}",
            [
                PYTHON,
                "-m",
                "server",  # `rasa` with the faster check of action replies (server/__init__.py)
                "run",
                "--interface",
                config.bind,
                "--port",
                str(port),
                "--model",
                str(MODEL),
                "--endpoints",
                str(run_dir / "endpoints.yml"),
                "--credentials",
                str(ROOT / "credentials.yml"),
            ],
            env,
        )
    _wait_healthy(
        [f"http://{config.bind}:{p}/health" for p in config.actions_ports if "actions" in roles]
        + [f"http://{config.bind}:{p}/" for p in config.rasa_ports if "rasa" in roles]
    )
    relay_env = {
        **env,
        "RASA_URL": f"http://127.0.0.1:{config.internal_rasa_port}",
        "WEB_HOST": config.bind,
        "WEB_ALLOWED_HOSTS": "localhost",
        "WEB_RATE_LIMIT_MESSAGES": str(60 * config.rate_per_ip),
        "RASA_TIMEOUT": str(RELAY_TIMEOUT),
    }
    for i, port in enumerate(config.web_ports if "web" in roles else ()):
        supervisor.start(f"web-{i + 1}", [PYTHON, "-m", "bot.web"], {**relay_env, "WEB_PORT": str(port)})
    if "telegram" in roles and setting("TELEGRAM_BOT_TOKEN", config.telegram):
        supervisor.start(
            "telegram",
            [PYTHON, "-m", "bot.telegram"],
            {**relay_env, "TELEGRAM_MODE": "webhook", "TELEGRAM_WEBHOOK_LISTEN": "127.0.0.1"},
        )
    if "nginx" in roles:
        (run_dir / "nginx.conf").write_text(nginx_conf(config, run_dir))
        subprocess.run(["nginx", "-t", "-q", "-p", str(run_dir), "-c", str(run_dir / "nginx.conf")], check=True)
        supervisor.start("nginx", ["nginx", "-p", str(run_dir), "-c", str(run_dir / "nginx.conf")], env)


if __name__ == "__main__":
    sys.exit(main())
