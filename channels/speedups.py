"""Speed-ups for the Rasa server, installed when Rasa imports this package (credentials.yml names its channels).

Measured by `make bench` (docs in reports/bench/tuning.md): Rasa 3.6 validates every action-server answer with
``jsonschema.validate()``, which first re-checks the (large) events schema itself; that cost ~70 ms per action
call, about half of a turn. Validating with one compiled validator gives the same verdicts at a fraction of the cost.
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
