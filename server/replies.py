"""Action-server replies checked against Rasa's schema at a fraction of the cost.

Rasa 3.6 validates every reply with `jsonschema.validate`, which first checks Rasa's large event schema against
the JSON Schema metaschema, on every custom-action call (tens of milliseconds a turn): here the schema is checked
once. And each event is matched against one `oneOf` branch per kind of event (23), every branch checked in full:
since each branch names its kind with a `const` on the required `event` field, only the branch of the event's own
kind can match, so an event is checked against that branch alone. The same replies pass and fail as under Rasa.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from functools import cache
from typing import Any

from jsonschema import ValidationError, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

_KIND = "oneEventKind"  # the keyword standing for the events' `oneOf`


def _one_event_kind(validator: Any, branches: dict[str, dict], event: Any, schema: dict) -> Iterator[ValidationError]:
    kind = event.get("event") if isinstance(event, dict) else None
    branch = branches.get(kind) if isinstance(kind, str) else None
    if branch is None:
        yield ValidationError(f"{event!r} is not valid under any of the given schemas")
    else:
        yield from validator.descend(event, branch)


@cache
def reply_validator() -> Any:
    """A validator of action replies: Rasa's schema, its events' `oneOf` looked up by the event's kind."""
    schema = RemoteAction.action_response_format_spec()
    base = validators.validator_for(schema)
    base.check_schema(schema)
    schema = copy.deepcopy(schema)
    event = schema["properties"]["events"]["items"]
    branches = event.pop("oneOf")
    kinds = {branch["properties"]["event"]["const"]: branch for branch in branches}
    assert len(kinds) == len(branches), "two kinds of event share a name: oneOf would not pick one"
    event[_KIND] = kinds
    return validators.extend(base, {_KIND: _one_event_kind})(schema)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    try:
        reply_validator().validate(result)
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the "
            f"Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise
    return True


def install() -> None:
    RemoteAction._validate_action_result = _validate_action_result
