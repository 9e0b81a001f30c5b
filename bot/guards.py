"""Checks shared by every edge that takes a user's message (the REST channel inside Rasa, the web relay): text
cleaning, rate limits, host allow-lists. Kept free of Rasa imports so the relay stays light."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections import deque
from typing import Protocol

import redis

from actions import settings

logger = logging.getLogger(__name__)

MAX_CHARS = 5000  # of a message, at every edge; the page's input takes 2,000, Telegram's own limit is 4096
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")  # not tab/newline; lone surrogates


class Refused(ValueError):
    """A request an edge does not pass on; `key` names its error."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def clean_text(text: str) -> str:
    """Valid, printable text: control characters and lone UTF-16 surrogates (which JSON's \\ud800 escapes can
    smuggle in and no UTF-8 encoder accepts) become spaces."""
    return _CONTROL.sub(" ", text)


def has_control(text: str) -> bool:
    return bool(_CONTROL.search(text))


def env_int(name: str) -> int:
    value = settings.get(name)
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{name} must be a positive whole number, not {value!r}")
    return int(value)


def allowed_hosts(variable: str) -> set[str]:
    """Host names (no port) a server answers for, from a space- or comma-separated variable; "*" allows any."""
    return {h.strip().lower() for h in settings.get(variable).replace(",", " ").split()}


def host_allowed(host_header: str, hosts: set[str]) -> bool:
    """Whether a Host header names an allowed host, so a rebound DNS name pointing here is refused."""
    host = host_header.lower()
    name = host[: host.find("]") + 1] if host.startswith("[") else host.split(":")[0]
    return "*" in hosts or name in hosts


class Limiter(Protocol):
    def wait(self, key: str, event: str = "", again: bool = False) -> int: ...


class RateLimiter:
    """At most `limit` events per `seconds` for each key, in this process."""

    def __init__(self, limit: int, seconds: int, max_keys: int = 100_000):
        self.limit, self.seconds, self.max_keys = limit, seconds, max_keys
        self._seen: dict[str, deque[tuple[float, str]]] = {}

    def wait(self, key: str, event: str = "", again: bool = False) -> int:
        """0 when `key` may go on (and counts it), else the whole seconds until it may. An event sent `again` (a turn
        retried with its message id) that was counted in the window goes on without counting twice."""
        now = time.monotonic()
        times = self._seen.setdefault(key, deque())
        while times and now - times[0][0] >= self.seconds:
            times.popleft()
        if again and event and any(seen == event for _, seen in times):
            return 0
        if len(times) >= self.limit:
            return int(self.seconds - (now - times[0][0])) + 1
        times.append((now, event))
        if len(self._seen) > self.max_keys:  # forget idle keys rather than grow without bound
            for idle in [k for k, t in self._seen.items() if not t or now - t[-1][0] >= self.seconds]:
                del self._seen[idle]
        return 0


# The same sliding window as RateLimiter, kept in a Redis sorted set so that every process counts together; Redis's
# clock, so machines whose clocks differ agree. ARGV: limit, seconds, the event's member (its id), a fresh member for
# an id already counted, and "1" when the event is sent again (then an id already counted is not counted twice).
# Returns 0 or the whole seconds to wait.
_WINDOW = """
local now = redis.call('TIME')
local t = tonumber(now[1]) + tonumber(now[2]) / 1000000
local seconds = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', t - seconds)
local member = ARGV[3]
if redis.call('ZSCORE', KEYS[1], member) then
    if ARGV[5] == '1' then
        return 0
    end
    member = ARGV[4]
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
    local oldest = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
    return math.floor(seconds - (t - oldest)) + 1
end
redis.call('ZADD', KEYS[1], t, member)
redis.call('EXPIRE', KEYS[1], math.ceil(seconds))
return 0
"""


class RedisRateLimiter:
    """At most `limit` events per `seconds` for each key, counted in Redis across every process that shares it (the
    production profile's Rasa servers). If Redis does not answer, events go through: a limit is not worth an outage."""

    def __init__(self, url: str, prefix: str, limit: int, seconds: int):
        self.limit, self.seconds, self.prefix = limit, seconds, prefix
        self._redis = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        self._window = self._redis.register_script(_WINDOW)

    def wait(self, key: str, event: str = "", again: bool = False) -> int:
        fresh = uuid.uuid4().hex
        args = [self.limit, self.seconds, f"id:{event}" if event else fresh, fresh, "1" if again and event else "0"]
        try:
            return int(self._window(keys=[f"{self.prefix}:rate:{key}"], args=args))
        except redis.RedisError as error:
            logger.warning("rate limit not checked, Redis did not answer: %s", error)
            return 0


def sender_limiter(limit: int, seconds: int) -> Limiter:
    """Per-sender counts shared in Redis when REDIS_URL is set (the production profile, where several servers take
    one sender's turns), else in this process (`make run`'s single Rasa server)."""
    url = settings.get("REDIS_URL")
    if url:
        return RedisRateLimiter(url, settings.get("REDIS_PREFIX"), limit, seconds)
    return RateLimiter(limit, seconds)
