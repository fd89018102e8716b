"""The cached validator of action-server answers accepts and refuses exactly what Rasa's own check does."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from channels.speedups import cache_action_answer_validator

GOOD = {"events": [{"event": "slot", "name": "branch", "value": "pre_interview"}], "responses": [{"text": "hi"}]}
BAD = {"events": [{"event": "slot", "name": 3}], "responses": "not a list"}


@pytest.fixture()
def action() -> RemoteAction:
    """A remote action as Rasa builds it (no request is made)."""
    assert cache_action_answer_validator()
    return RemoteAction("action_give_advice", EndpointConfig("http://127.0.0.1:1/webhook"))


def test_installed_once() -> None:
    """Installing twice keeps one wrapper."""
    assert cache_action_answer_validator()
    first = RemoteAction._validate_action_result
    assert cache_action_answer_validator()
    assert RemoteAction._validate_action_result is first
    assert RemoteAction._coach_cached_validator


def test_valid_answer_accepted(action: RemoteAction) -> None:
    """A well-formed answer validates."""
    assert action._validate_action_result(GOOD) is True


def test_invalid_answer_refused_with_rasa_message(action: RemoteAction) -> None:
    """A malformed answer raises Rasa's ValidationError, with Rasa's explanation appended."""
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result(BAD)
