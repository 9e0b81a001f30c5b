"""The Rasa server's speed-ups (server/__init__.py) keep Rasa's behaviour."""

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

import server  # noqa: F401  (patches RemoteAction)


def test_action_server_replies_are_still_validated():
    action = RemoteAction("action_answer", None)
    assert action._validate_action_result({"events": [{"event": "slot", "name": "last_query", "value": "q"}],
                                           "responses": [{"text": "An answer (para. 44)."}]})
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": "not a list"})
