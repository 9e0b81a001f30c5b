"""The Rasa server's speed-ups (server/) keep Rasa's behaviour."""

import asyncio

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered

import server  # noqa: F401  (patches RemoteAction)
from server.trackers import LiveTrackerStore


def test_action_server_replies_are_still_validated():
    action = RemoteAction("action_answer", None)
    assert action._validate_action_result(
        {"events": [{"event": "slot", "name": "last_query", "value": "q"}], "responses": [{"text": "An answer (para. 44)."}]}
    )
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": "not a list"})


def test_live_tracker_store_hands_back_the_saved_tracker():
    store = LiveTrackerStore(Domain.empty())

    async def conversation():
        tracker = await store.get_or_create_tracker("ana")
        tracker.update(UserUttered("hello"))
        await store.save(tracker)
        again = await store.retrieve("ana")
        return tracker, again, await store.retrieve("bob"), list(await store.keys())

    tracker, again, other, keys = asyncio.run(conversation())
    assert again is tracker and again.latest_message.text == "hello" and other is None and keys == ["ana"]
