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

import functools
import logging
from typing import Any, Callable, Dict

logger = logging.getLogger(__name__)


def _patches_remote_action(flag: str) -> Callable[[Callable[[Any], None]], Callable[[], bool]]:
    """Run a patch of Rasa's RemoteAction once per process; the patched function returns False without Rasa."""

    def decorate(patch: Callable[[Any], None]) -> Callable[[], bool]:
        @functools.wraps(patch)
        def install() -> bool:
            try:
                from rasa.core.actions.action import RemoteAction
            except ImportError:  # the action server and unit tests don't need it
                return False
            if not getattr(RemoteAction, flag, False):
                patch(RemoteAction)
                setattr(RemoteAction, flag, True)
                logger.debug("RemoteAction patched: %s", patch.__name__)
            return True

        return install

    return decorate


@_patches_remote_action("_coach_cached_validator")
def cache_action_answer_validator(remote_action: Any) -> None:
    """Make RemoteAction validate answers with one compiled validator."""
    from jsonschema import ValidationError, validators

    schema = remote_action.action_response_format_spec()
    validator = validators.validator_for(schema)(schema)
    original = remote_action._validate_action_result

    def validate(self: Any, result: Dict[str, Any]) -> bool:
        """Validate with the compiled validator; on failure let Rasa's own check report it the usual way."""
        try:
            validator.validate(result)
        except ValidationError:
            return bool(original(self, result))
        return True

    remote_action._validate_action_result = validate


@_patches_remote_action("_coach_current_turn_only")
def send_current_turn_only(remote_action: Any) -> None:
    """Make RemoteAction send only the events from the latest user message on."""
    import rasa
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import EventVerbosity

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

    remote_action._action_call_format = call_format
