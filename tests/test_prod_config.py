"""The production profile's settings (bot.prod): checked before anything starts, and nginx's timeouts and keep-alives
nested with the relays' and the servers' own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from actions.server import KEEP_ALIVE_SECONDS
from bot.prod import MAX_TURN_WAIT, RELAY_TIMEOUT, ConfigError, from_env, nginx_conf

GOOD = {
    "DATABASE_URL": "postgresql://a4p:pw@127.0.0.1:5432/a4p",
    "REDIS_URL": "redis://127.0.0.1:6379/1",
    "ACTION_SERVER_SECRET": "s3cretS3cretS3cret",
}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TRAINER_TOKEN", "short"),
        ("TURN_WAIT_SECONDS", "0"),
        ("TURN_WAIT_SECONDS", "100"),
        ("TURN_SLOTS", "0"),
        ("TURN_SLOTS", "x"),
    ],
)
def test_turn_settings_that_cannot_work_are_refused_before_start(name, value):
    with pytest.raises(ConfigError, match=name):
        from_env({**GOOD, name: value})


def test_timeouts_nest_so_nginx_never_times_a_turn_out_first():
    conf = nginx_conf(from_env(GOOD), Path("/tmp/unused"))
    reads = {int(s) for s in re.findall(r"proxy_read_timeout (\d+)s;", conf)}
    assert reads and min(reads) > RELAY_TIMEOUT > MAX_TURN_WAIT + 30  # room for the turn itself after its wait
    idle = {int(s) for s in re.findall(r"upstream \w+ \{[^}]*keepalive_timeout (\d+)s;", conf)}  # nginx's pools
    assert idle and max(idle) < KEEP_ALIVE_SECONDS  # an idle connection closes at nginx's end first


def test_nginx_relays_the_dashboard_and_the_trainee_streams_unbuffered():
    conf = nginx_conf(from_env(GOOD), Path("/tmp/unused"))
    for path in ("location ~ ^/trainer(/|$) {", "location /api/class/ {"):
        block = conf.split(path, 1)[1].split("location", 1)[0]
        assert "proxy_pass http://web_relays;" in block and "proxy_buffering off;" in block, path
    dashboard = conf.split("location ~ ^/trainer(/|$) {", 1)[1].split("location", 1)[0]
    assert "add_header" in dashboard  # so the chat page's policy is not added to the dashboard's own
    assert "X-Forwarded-Host $http_host" in dashboard  # the join link names the host users reach
