"""The tracker store named in endpoints.yml: Rasa's SQL store that also rolls a long session over at a quiet point.

Rasa rebuilds the dialogue state from the first event of the session several times per turn, so a turn costs
more the longer the session (docs/speed.md). When a session holds SESSION_ROLLOVER_TURNS user messages and the
bot has just closed a topic (channels/speedups.py, ``long_and_idle``), the store appends the events Rasa's own
``action_session_start`` would log (a new session carrying the slots) before saving. Rasa's SQL store loads
only the latest session, so the next turn starts small; the whole history stays in the store and in the
HTTP API's tracker. Loaded by Rasa by its module path (``type: channels.tracker_store.RolloverSQLTrackerStore``).
"""

from __future__ import annotations

from typing import Dict, List

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from channels.speedups import long_and_idle, rollover_turns


def carried_slots(tracker: DialogueStateTracker) -> List[SlotSet]:
    """The slots the session set, each once with its latest value (Rasa's session start repeats every SlotSet)."""
    latest: Dict[str, SlotSet] = {}
    for event in tracker.applied_events():
        if isinstance(event, SlotSet):
            latest.pop(event.key, None)
            latest[event.key] = SlotSet(key=event.key, value=event.value, metadata=event.metadata)
    return list(latest.values())


def new_session_events(tracker: DialogueStateTracker) -> List[Event]:
    """The events of Rasa's action_session_start for this tracker: a new session carrying the slots."""
    return [
        ActionExecuted(ACTION_SESSION_START_NAME),
        SessionStarted(),
        *carried_slots(tracker),
        ActionExecuted(ACTION_LISTEN_NAME),
    ]


class RolloverSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQLTrackerStore; a long session that has just closed a topic is saved with a new session started."""

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the tracker, first starting a new session when it is long and idle (and slots carry over)."""
        if self.domain.session_config.carry_over_slots and long_and_idle(tracker, rollover_turns()):
            for event in new_session_events(tracker):
                tracker.update(event, self.domain)
        await super().save(tracker)
