"""Rasa's own command line with the assistant's speed-ups: `python -m server run ...` takes `rasa`'s arguments.

Rasa 3.6 validates every action-server reply with `jsonschema.validate`, which first checks Rasa's
large event schema against the JSON Schema metaschema, on every custom-action call: tens of
milliseconds a turn, most of the Rasa server's time under load. Replies are still validated against
the same schema, by a validator whose schema was checked once.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import ValidationError, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@cache
def _reply_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator = validators.validator_for(schema)
    validator.check_schema(schema)
    return validator(schema)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    try:
        _reply_validator().validate(result)
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the "
            f"Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise
    return True


RemoteAction._validate_action_result = _validate_action_result
