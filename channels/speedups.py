"""Session rollover: a long conversation starts a new session at a quiet point, carrying each slot once.

Rasa rebuilds the dialogue state from the first event of the session several times per turn, so a turn costs
more the longer the session (measured by `make bench`, docs/speed.md). A long session is closed at a quiet
point (see ``long_and_idle``) by the tracker store (channels/tracker_store.py), and the next one starts with
the slots carried over, each slot once (``carried_slots`` in channels/tracker_store.py).
"""

from __future__ import annotations

import logging
import os
from typing import Any, List

logger = logging.getLogger(__name__)

# A session is closed once it holds this many user messages and the bot has just said one of IDLE_ACTIONS with
# no form open (0 turns this off). Those answers close a topic: nothing in the stories or rules reads them as
# the context of the next message, so the next message is handled as at the start of a conversation.
ROLLOVER_ENV = "SESSION_ROLLOVER_TURNS"
DEFAULT_ROLLOVER_TURNS = 10
IDLE_ACTIONS = frozenset({"action_thanks", "utter_you_are_welcome", "utter_goodbye"})


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
