"""The Rasa server's speed-ups (server/) keep Rasa's behaviour.

It imports Rasa's core at collection: `make test-fast` does not collect it (see the Makefile).
"""

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import rasa.core.processor
from aiohttp import web
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.core.agent import Agent
from rasa.core.channels.channel import UserMessage
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

import server
from server import no_tensorflow, parses
from server.graph import InOrderGraphRunner
from server.trackers import MAX_EVENTS, LiveTrackerStore

server.install()  # as `python -m server` does
pytestmark = pytest.mark.server  # and `make test-fast` leaves the file out: its imports load Rasa's core, about 6 s of TensorFlow

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "a4p.tar.gz"


def test_action_server_replies_are_still_validated():
    from jsonschema import ValidationError
    from rasa.core.actions.action import RemoteAction

    action = RemoteAction("action_answer", None)
    assert action._validate_action_result(
        {"events": [{"event": "slot", "name": "last_query", "value": "q"}], "responses": [{"text": "An answer (para. 44)."}]}
    )
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": "not a list"})


SLOT = {"event": "slot", "name": "last_query", "value": "q"}
USER = {"event": "user", "text": "hi", "parse_data": {"intent": {"name": "ask", "confidence": 0.9}, "entities": []}}
REPLIES = [
    {"events": [SLOT, USER, {"event": "action", "name": "action_listen"}, {"event": "bot", "text": "x"}]},
    {"events": [], "responses": [{"text": "An answer (para. 44)."}]},
    {},
    {"events": [{**SLOT, "timestamp": None, "metadata": None}]},
    {"events": [{"event": "slot", "name": "last_query"}]},  # no value
    {"events": [{"event": "slot", "name": 3, "value": "q"}]},
    {"events": [{"event": "no_such_kind"}]},
    {"events": [{"name": "last_query", "value": "q"}]},  # no kind
    {"events": [{"event": 7}]},
    {"events": [{"event": ["slot"]}]},
    {"events": ["slot"]},
    {"events": [SLOT, {**USER, "parse_data": {"entities": [{"entity": "mission"}]}}]},  # an entity without value
    {"events": [{**USER, "parse_data": {"response_selector": {"all_retrieval_intents": "no"}}}]},
    {"events": [{**USER, "parse_data": {"response_selector": {"faq": {"response": {"confidence": 1}}}}}]},
    {"events": [{"event": "action", "confidence": "high"}]},
    {"events": [{**SLOT, "timestamp": "now"}]},
    {"events": [SLOT], "responses": ["not an object"]},
]


@pytest.mark.parametrize("reply", REPLIES)
def test_action_server_replies_pass_and_fail_as_under_rasas_own_check(reply):
    try:
        jsonschema.validate(reply, RemoteAction.action_response_format_spec())  # what Rasa 3.6 runs
        valid = True
    except ValidationError:
        valid = False
    try:
        assert RemoteAction("action_answer", None)._validate_action_result(reply)
        assert valid
    except ValidationError:
        assert not valid


def test_the_empty_domain_is_still_told_apart():
    assert Domain.empty().is_empty()
    assert not Domain.from_yaml("intents:\n  - greet\n").is_empty()


TEXTS = ["How many peacekeepers have been killed since 1948?", "第51段", "quiz me", "/stop", "那2022年呢？", "hello"]


async def answers(agent: Agent) -> list:
    """Parses and next-action predictions of TEXTS."""
    found = []
    for n, text in enumerate(TEXTS):
        found.append(await agent.parse_message(text))
        await agent.log_message(UserMessage(text, sender_id=f"user-{n}", message_id=f"m{n}"))
        prediction = await agent.predict_next_for_sender_id(f"user-{n}")  # its tracker's events hold the time
        found.append([prediction[key] for key in ("scores", "policy", "confidence")])
        found.append(prediction["tracker"]["latest_message"])
    return found


@pytest.mark.server  # loads the trained model twice (seconds)
def test_the_graphs_run_in_order_give_what_dask_gives(monkeypatch):
    """Parses and next-action predictions of the real model are the same with either graph runner."""
    in_order = Agent.load(str(MODEL))
    with monkeypatch.context() as patch:
        patch.setattr(rasa.core.processor, "DaskGraphRunner", DaskGraphRunner)
        by_dask = Agent.load(str(MODEL))
    assert isinstance(in_order.processor.graph_runner, InOrderGraphRunner)
    assert type(by_dask.processor.graph_runner) is DaskGraphRunner
    assert asyncio.run(answers(in_order)) == asyncio.run(answers(by_dask))


WITHOUT_TENSORFLOW = f"""
import asyncio, json, sys
from server import no_tensorflow
no_tensorflow.install()
import rasa.__main__, rasa.core.run  # what `rasa run` imports
from rasa.core.agent import Agent
from tests.test_server import answers
found = asyncio.run(answers(Agent.load({str(MODEL)!r})))
real = [name for name, module in sys.modules.items() if name.startswith(("tensorflow", "keras", "jax"))
        and hasattr(module, "__file__")]
print(json.dumps({{"answers": found, "real": real}}))
"""


@pytest.mark.server  # loads the trained model in another process (about 15 s)
def test_the_model_is_served_without_tensorflow_as_with_it():
    """`python -m server run` imports Rasa with placeholders for TensorFlow: no TensorFlow, JAX or Keras module is
    loaded, and the model parses and predicts as it does with them (this process has them)."""
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_TENSORFLOW], cwd=ROOT, capture_output=True, text=True, check=True, timeout=300
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["real"] == []
    assert found["answers"] == json.loads(json.dumps(asyncio.run(answers(Agent.load(str(MODEL))))))


def test_tensorflow_placeholders_can_be_subclassed_not_called():
    model = no_tensorflow.placeholder("tensorflow").keras.Model

    class Subclass(model):  # as Rasa's modules subclass Keras's classes
        pass

    for calling in (model, Subclass, model.fit):
        with pytest.raises(no_tensorflow.TensorFlowAbsent, match="python -m server run"):
            calling()
    with pytest.raises(RuntimeError, match="imported already"):  # this process has TensorFlow
        no_tensorflow.install()


@pytest.mark.server  # loads the trained model (seconds)
def test_a_texts_parse_is_kept_and_handed_out_as_a_copy():
    """A text parsed again gets what the NLU graph gives it, as a copy a tracker may change."""
    agent = Agent.load(str(MODEL))
    processor = agent.processor
    for text in ["How many peacekeepers have been killed since 1948?", "第51段", "quiz me", '/quiz_answer{"choice":"B"}']:
        first = asyncio.run(agent.parse_message(text))
        again = asyncio.run(agent.parse_message(text))
        assert again == first and again is not first
        again["intent"]["name"] = "changed"
        unkept = parses._parse(processor, UserMessage(text), DialogueStateTracker.from_events("t", []))
        assert asyncio.run(agent.parse_message(text)) == first == unkept
    assert len(processor.__dict__["_kept_parses"]) == 4


def test_action_calls_reuse_their_connection():
    """Rasa's endpoint requests keep one connection with the same headers, and a new event loop gets its own."""

    async def calls() -> tuple[list, list]:
        peers, secrets = [], []

        async def webhook(request: web.Request) -> web.Response:
            peers.append(request.transport.get_extra_info("peername"))
            secrets.append(request.headers.get("X-Action-Secret"))
            return web.json_response({"events": [], "got": await request.json()})

        app = web.Application()
        app.router.add_post("/webhook", webhook)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook", headers={"X-Action-Secret": "s3cret"})
        replies = [await endpoint.request(json={"n": n}, method="post") for n in range(3)]
        await runner.cleanup()
        return [reply["got"]["n"] for reply in replies], [len(set(peers)), *secrets]

    assert asyncio.run(calls()) == ([0, 1, 2], [1, "s3cret", "s3cret", "s3cret"])
    assert asyncio.run(calls()) == ([0, 1, 2], [1, "s3cret", "s3cret", "s3cret"])  # a new loop, a new session


def test_live_tracker_store_hands_back_the_saved_tracker():
    from rasa.shared.core.domain import Domain

    store = LiveTrackerStore(Domain.empty())

    async def conversation():
        tracker = await store.get_or_create_tracker("ana")
        tracker.update(UserUttered("hello"))
        await store.save(tracker)
        again = await store.retrieve("ana")
        return tracker, again, await store.retrieve("bob"), list(await store.keys())

    tracker, again, other, keys = asyncio.run(conversation())
    assert again is tracker and again.latest_message.text == "hello" and other is None and keys == ["ana"]


def test_a_long_conversation_keeps_its_last_events_and_every_slot():
    """Rasa works over every event a tracker holds on each message: a conversation keeps a window of them,
    while a slot set before the window keeps its value."""
    from rasa.shared.core.domain import Domain

    domain = Domain.from_yaml("slots:\n  last_fact:\n    type: text\n    mappings:\n      - type: custom\n")
    store = LiveTrackerStore(domain)

    async def conversation():
        tracker = await store.get_or_create_tracker("ana")
        tracker.update(SlotSet("last_fact", "statistic:killed"))
        for n in range(3 * MAX_EVENTS):
            tracker.update(UserUttered(f"message {n}"))
            await store.save(tracker)
        return await store.retrieve("ana")

    tracker = asyncio.run(conversation())
    assert len(tracker.events) == MAX_EVENTS and tracker.latest_message.text == f"message {3 * MAX_EVENTS - 1}"
    assert tracker.get_slot("last_fact") == "statistic:killed"
