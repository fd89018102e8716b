"""Speed-ups for the Rasa server, installed when Rasa imports this package (credentials.yml names its channels).

Measured by `make bench` (figures in the README, section "Speed"):
- Rasa 3.6 validates every action-server answer with ``jsonschema.validate()``, which first re-checks the (large)
  events schema itself; that cost ~70 ms per action call, about half of a turn. Validating with one compiled
  validator gives the same verdicts at a fraction of the cost.
- Rasa sends the whole conversation to the action server on every call (2-3 calls per turn here), so each turn
  cost more than the one before. Our actions read only the slots, the latest message and the events of the
  current turn, so only the events from the latest user message on are sent.
- Rasa looks up the class of every stored event by walking all Event subclasses (28 us per event, and every
  turn reloads the whole session from the store): one dict lookup instead (1.2 us).
- Rasa rebuilds the dialogue state from the first event of the session several times per turn, so a turn costs
  more the longer the session. A long session is closed at a quiet point (see ``start_sessions_at_idle_points``)
  and the next one starts with the slots carried over, each slot once.
"""

from __future__ import annotations

import functools
import importlib
import logging
import os
from typing import Any, Callable, Dict, List

logger = logging.getLogger(__name__)

# A session is closed once it holds this many user messages and the bot has just said one of IDLE_ACTIONS with
# no form open (0 turns this off). Those answers close a topic: nothing in the stories or rules reads them as
# the context of the next message, so the next message is handled as at the start of a conversation.
ROLLOVER_ENV = "SESSION_ROLLOVER_TURNS"
DEFAULT_ROLLOVER_TURNS = 10
IDLE_ACTIONS = frozenset({"utter_you_are_welcome", "utter_goodbye"})
REMOTE_ACTION = "rasa.core.actions.action:RemoteAction"


def _patches(target: str, flag: str) -> Callable[[Callable[[Any], None]], Callable[[], bool]]:
    """Run a patch of one Rasa class ("module:Class") once per process; it returns False where Rasa is missing."""
    module_name, class_name = target.split(":")

    def decorate(patch: Callable[[Any], None]) -> Callable[[], bool]:
        @functools.wraps(patch)
        def install() -> bool:
            try:
                cls = getattr(importlib.import_module(module_name), class_name)
            except ImportError:  # the action server and unit tests don't need it
                return False
            if not getattr(cls, flag, False):
                patch(cls)
                setattr(cls, flag, True)
                logger.debug("%s patched: %s", class_name, patch.__name__)
            return True

        return install

    return decorate


@_patches(REMOTE_ACTION, "_coach_cached_validator")
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


@_patches(REMOTE_ACTION, "_coach_current_turn_only")
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


@_patches("rasa.shared.core.events:Event", "_coach_type_cache")
def cache_event_types(event_cls: Any) -> None:
    """Make Event.resolve_by_type find the class of a type name in a dict, filled by Rasa's own walk."""
    walk = event_cls.resolve_by_type
    found: Dict[str, Any] = {}

    def resolve_by_type(type_name: str, default: Any | None = None) -> Any | None:
        """Rasa's lookup, remembered per type name (defaults and unknown names are not remembered)."""
        cls = found.get(type_name)
        if cls is None:
            cls = walk(type_name, default)
            if cls is not None and getattr(cls, "type_name", None) == type_name:
                found[type_name] = cls
        return cls

    event_cls.resolve_by_type = staticmethod(resolve_by_type)


def rollover_turns() -> int:
    """Return how many user messages a session holds before it may close at a quiet point (0: never)."""
    raw = os.environ.get(ROLLOVER_ENV, "").strip()
    try:
        return max(0, int(raw)) if raw else DEFAULT_ROLLOVER_TURNS
    except ValueError:
        logger.warning("%s=%r is not a number; using %d", ROLLOVER_ENV, raw, DEFAULT_ROLLOVER_TURNS)
        return DEFAULT_ROLLOVER_TURNS


def long_and_idle(tracker: Any, turns: int) -> bool:
    """Tell whether the session holds at least `turns` user messages and the bot just closed a topic."""
    from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered

    if turns <= 0 or tracker.active_loop_name:
        return False
    actions: List[str] = []
    users = 0
    for event in reversed(tracker.events):
        if isinstance(event, SessionStarted):
            return False
        if isinstance(event, ActionExecuted) and len(actions) < 2:
            actions.append(event.action_name)
            if len(actions) == 2 and (actions[0] != "action_listen" or actions[1] not in IDLE_ACTIONS):
                return False
        elif isinstance(event, UserUttered):
            users += 1
            if users >= turns:
                return len(actions) == 2
    return False


@_patches("rasa.core.processor:MessageProcessor", "_coach_idle_rollover")
def start_sessions_at_idle_points(processor_cls: Any) -> None:
    """Also start a new session when the current one is long and the bot has just closed a topic."""
    expired = processor_cls._has_session_expired

    def has_session_expired(self: Any, tracker: Any) -> bool:
        """Rasa's time-out, or a long session at a quiet point (only when slots carry over)."""
        if expired(self, tracker):
            return True
        if not self.domain.session_config.carry_over_slots or not long_and_idle(tracker, rollover_turns()):
            return False
        logger.debug("Session of '%s' is long and idle: starting a new one.", tracker.sender_id)
        return True

    processor_cls._has_session_expired = has_session_expired


@_patches("rasa.core.actions.action:ActionSessionStart", "_coach_latest_slots")
def carry_each_slot_once(session_start_cls: Any) -> None:
    """Carry each slot's latest value into a new session, instead of every SlotSet of the old one."""
    carried = session_start_cls._slot_set_events_from_tracker

    def latest_slot_sets(tracker: Any) -> List[Any]:
        """Rasa's carried SlotSet events, keeping the last one of each slot (same values, fewer events)."""
        latest: Dict[str, Any] = {}
        for event in carried(tracker):
            latest.pop(event.key, None)
            latest[event.key] = event
        return list(latest.values())

    session_start_cls._slot_set_events_from_tracker = staticmethod(latest_slot_sets)
