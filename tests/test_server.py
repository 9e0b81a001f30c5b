"""The Rasa server's speed-ups (server/) keep Rasa's behaviour.

Rasa is imported inside each test, not at collection: `make test-fast` collects this module and leaves it out.
"""

import asyncio

import pytest

pytestmark = pytest.mark.server  # slow for another reason: imports Rasa's core, about 6 s of TensorFlow (see pytest.ini)


def test_action_server_replies_are_still_validated():
    from jsonschema import ValidationError
    from rasa.core.actions.action import RemoteAction

    import server  # noqa: F401  (patches RemoteAction)

    action = RemoteAction("action_answer", None)
    assert action._validate_action_result(
        {"events": [{"event": "slot", "name": "last_query", "value": "q"}], "responses": [{"text": "An answer (para. 44)."}]}
    )
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": "not a list"})


def test_live_tracker_store_hands_back_the_saved_tracker():
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered

    from server.trackers import LiveTrackerStore

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
    from rasa.shared.core.events import SlotSet, UserUttered

    from server.trackers import MAX_EVENTS, LiveTrackerStore

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
