"""Speed-ups for the Rasa server, installed when Rasa imports this package (credentials.yml names its channels).

Measured by `make bench` (figures in the README, section "Speed"):
- Rasa 3.6 validates every action-server answer with ``jsonschema.validate()``, which first re-checks the (large)
  events schema itself; that cost ~70 ms per action call, about half of a turn. Validating with one compiled
  validator gives the same verdicts at a fraction of the cost.
- Rasa sends the whole conversation to the action server on every call (2-3 calls per turn here), so each turn
  cost more than the one before. Our actions read only the slots, the latest message and the events of the
  current turn, so only the events from the latest user message on are sent.
"""

from __future__ import annotations

import logging
from typing import Any, Dict

logger = logging.getLogger(__name__)


def cache_action_answer_validator() -> bool:
    """Make RemoteAction validate answers with one compiled validator; returns False if Rasa is not importable."""
    try:
        from jsonschema import ValidationError, validators
        from rasa.core.actions.action import RemoteAction
    except ImportError:  # the action server and unit tests don't need it
        return False
    if getattr(RemoteAction, "_coach_cached_validator", False):
        return True
    schema = RemoteAction.action_response_format_spec()
    validator = validators.validator_for(schema)(schema)
    original = RemoteAction._validate_action_result

    def validate(self: Any, result: Dict[str, Any]) -> bool:
        """Validate with the compiled validator; on failure let Rasa's own check report it the usual way."""
        try:
            validator.validate(result)
        except ValidationError:
            return bool(original(self, result))
        return True

    RemoteAction._validate_action_result = validate  # type: ignore[method-assign]
    RemoteAction._coach_cached_validator = True  # type: ignore[attr-defined]
    logger.debug("RemoteAction answers are validated with a cached validator")
    return True


def send_current_turn_only() -> bool:
    """Make RemoteAction send only the events from the latest user message on; returns False without Rasa."""
    try:
        import rasa
        from rasa.core.actions.action import RemoteAction
        from rasa.shared.core.events import UserUttered
        from rasa.shared.core.trackers import EventVerbosity
    except ImportError:  # the action server and unit tests don't need it
        return False
    if getattr(RemoteAction, "_coach_current_turn_only", False):
        return True

    def call_format(self: Any, tracker: Any, domain: Any) -> Dict[str, Any]:
        """Rasa's request body (RemoteAction._action_call_format), with the events cut to the current turn."""
        turn = []
        for event in reversed(tracker.events):
            turn.append(event)
            if isinstance(event, UserUttered):
                break
        state = tracker.current_state(EventVerbosity.NONE)
        state["events"] = [event.as_dict() for event in reversed(turn)]
        body: Dict[str, Any] = {
            "next_action": self._name,
            "sender_id": tracker.sender_id,
            "tracker": state,
            "version": rasa.__version__,
        }
        if not self._is_selective_domain_enabled() or domain.does_custom_action_explicitly_need_domain(self.name()):
            body["domain"] = domain.as_dict()
        return body

    RemoteAction._action_call_format = call_format  # type: ignore[method-assign]
    RemoteAction._coach_current_turn_only = True  # type: ignore[attr-defined]
    logger.debug("RemoteAction sends the events of the current turn only")
    return True
