"""The action server, as `rasa run actions` starts it, but trusting only Rasa: it listens on loopback (ACTIONS_HOST)
and every call except the health probe must carry the secret shared with Rasa (ACTION_SERVER_SECRET) in the
X-Action-Secret header, which Rasa sends from `headers:` in its endpoints file. A failing call gets a short
error, never the request body (rasa_sdk's own handler echoes it back).

A shared secret rather than TLS client certificates: Rasa's EndpointConfig sends fixed headers with every
action call, so nothing but configuration is needed on Rasa's side, and it works the same across machines
on a private network (TLS in front when the network is not trusted).

    ACTION_SERVER_SECRET=... python -m actions.server --port 5055

It loads the module holding the actions (ACTIONS_MODULE), not the `actions` package: rasa_sdk imports every
submodule of a package it is given, which would pull in the loader, the report writer, matplotlib and openpyxl.
"""

from __future__ import annotations

import hmac
import json
import logging
import sys
import zlib

from rasa_sdk import utils
from rasa_sdk.endpoint import create_app, create_argument_parser
from sanic import Sanic, response
from sanic.exceptions import SanicException
from sanic.request import Request
from threadpoolctl import threadpool_limits

from actions import settings

ACTIONS_MODULE = "actions.actions"
SECRET_ENV = "ACTION_SERVER_SECRET"
SECRET_HEADER = "X-Action-Secret"
MIN_SECRET_CHARS = 16
OPEN_PATHS = ("/health",)  # for load balancers and probes; says nothing but "ok"
# An idle connection is kept longer than its callers keep one in their pools (nginx's upstream keepalive_timeout, 60 s
# in bot.prod; Sanic's own default is 5 s), so a caller never sends on a connection this side is closing.
KEEP_ALIVE_SECONDS = 75
BACKLOG = 1024  # connections the kernel holds until they are accepted: nginx opens one per call in a burst
logger = logging.getLogger(__name__)


def _call(body: bytes) -> dict | None:
    """The body as Rasa's action call, or None when it has not that shape (rasa_sdk would fail on anything else)."""
    try:
        call = json.loads(body)
    except (ValueError, RecursionError):
        return None
    is_call = isinstance(call, dict) and isinstance(call.get("next_action"), str) and isinstance(call.get("tracker"), dict)
    return call if is_call else None


def _read_call(request: Request) -> bool:
    """False for a call to the webhook that is not an action call; an action call is kept as the request's parsed
    JSON, which rasa_sdk's handler reads: the tracker is parsed once, not twice."""
    if request.path != "/webhook" or request.headers.get("Content-Encoding") == "deflate":
        return True
    call = _call(request.body)
    if call is None:
        return False
    request.parsed_json = call  # type: ignore[assignment]  # Sanic declares it None until parsed
    return True


def secure(app: Sanic, secret: str) -> Sanic:
    """Refuse calls without the secret; answer failures with a status and a short error only."""

    @app.middleware("request")
    async def _check_secret(request: Request):
        if request.path in OPEN_PATHS:
            return None
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode("utf-8", "surrogateescape"), secret.encode()):
            return response.json({"error": "unauthorized"}, status=401)
        if not _read_call(request):
            return response.json({"error": "bad request"}, status=400)
        return None

    @app.middleware("response")
    async def _no_echo(_: Request, answer):
        # rasa_sdk names an unknown action in its 404; a 400 (an action's own rejection, which Rasa parses) names
        # only a registered action, so it stays.
        if answer.status == 404:
            return response.json({"error": "unknown action or path"}, status=404)
        return None

    async def _failed(request: Request, exception: Exception):
        if isinstance(exception, SanicException):  # a bad body, a wrong method or path: the caller's fault
            status = getattr(exception, "status_code", 400) or 400
            return response.json({"error": "bad request" if status < 500 else "error"}, status=status)
        if isinstance(exception, (zlib.error, ValueError, RecursionError)):  # a deflated body Rasa never sends
            return response.json({"error": "bad request"}, status=400)
        logger.error("action call failed on %s", request.path, exc_info=exception)
        return response.json({"error": "action failed"}, status=500)

    app.error_handler.add(Exception, _failed)
    return app


def build_app(secret: str, actions_module: str = ACTIONS_MODULE) -> Sanic:
    """rasa_sdk's app with its actions registered, secured; what `main` serves."""
    app = secure(create_app(actions_module, cors_origins=None), secret)
    app.config.KEEP_ALIVE_TIMEOUT = KEEP_ALIVE_SECONDS
    return app


def main(argv: list[str] | None = None) -> int:
    parser = create_argument_parser()
    parser.set_defaults(actions=ACTIONS_MODULE)
    args = parser.parse_args(argv)
    secret = settings.get(SECRET_ENV)
    if len(secret) < MIN_SECRET_CHARS:
        print(
            f"error: set {SECRET_ENV} to a random string of at least {MIN_SECRET_CHARS} characters, "
            f"the same one Rasa sends (its endpoints file's action_endpoint headers)",
            file=sys.stderr,
        )
        return 2
    host = settings.get("ACTIONS_HOST")
    utils.configure_colored_logging(args.loglevel)
    utils.update_sanic_log_level()
    app = build_app(secret, args.actions)
    # One BLAS thread: the sentence encoder's and the ranking's small products ran about 1.5x slower in CPU with
    # OpenBLAS's two threads spinning for each other on a machine whose cores other servers keep busy.
    threadpool_limits(limits=1, user_api="blas")
    logger.info("Action server on http://%s:%s", host, args.port)
    app.run(host, args.port, workers=1, access_log=False, backlog=BACKLOG)
    return 0


if __name__ == "__main__":
    sys.exit(main())
