"""Conversations kept as live trackers in the Rasa server's memory."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

# Events a conversation keeps (about 14 turns): Rasa featurises, copies and sends the action server every
# event it holds on each message, so a 200-turn conversation took 3-4 times as long a turn as a new one. The
# slots (the context the actions read) hold their values past the window; no slot influences the policies,
# whose rules span a turn or two.
MAX_EVENTS = 100


class LiveTrackerStore(InMemoryTrackerStore):
    """Rasa's in-memory tracker store without the JSON round trip.

    Rasa's store keeps each conversation as JSON and rebuilds the tracker on every message by
    replaying each event: 2.5 ms a message in a 5-turn conversation, 130 ms at 200 turns. This one
    hands the processor the tracker it saved (Rasa's lock store has it handle one message of a
    conversation at a time) with all its sessions; policies look at the last one anyway. It serves
    one Rasa worker and streams no events: a broker's share is worked out by comparing the stored
    tracker with the new one, here the same object. A conversation keeps its last MAX_EVENTS events.
    """

    def __init__(self, domain: Domain, event_broker: EventBroker | None = None, **kwargs: Any) -> None:
        if event_broker is not None:
            raise ValueError("LiveTrackerStore streams no events: use Rasa's own tracker stores with an event broker")
        super().__init__(domain, None, **kwargs)
        self.trackers: dict[str, DialogueStateTracker] = {}

    async def save(self, tracker: DialogueStateTracker) -> None:
        if tracker.events.maxlen != MAX_EVENTS:  # Rasa's wrappers create trackers without the store's limit
            tracker.events = deque(tracker.events, MAX_EVENTS)
        self.trackers[tracker.sender_id] = tracker

    async def _retrieve(self, sender_id: str, fetch_all_sessions: bool) -> DialogueStateTracker | None:
        return self.trackers.get(sender_id)

    async def keys(self) -> Iterable[str]:
        return self.trackers.keys()
