"""The tracker store named in endpoints.yml: Rasa's SQL store that also rolls a long session over at a quiet point.

Rasa rebuilds the dialogue state from the first event of the session several times per turn, so a turn costs
more the longer the session (docs/speed.md). When a session holds SESSION_ROLLOVER_TURNS user messages and the
bot has just closed a topic (channels/speedups.py, ``long_and_idle``), the store appends the events Rasa's own
``action_session_start`` would log (a new session carrying the slots) before saving. Rasa's SQL store loads
only the latest session, so the next turn starts small; the whole history stays in the store and in the
HTTP API's tracker. Loaded by Rasa by its module path (``type: channels.tracker_store.RolloverSQLTrackerStore``).

Saving and loading are Rasa's, with the same rows and the same latest-session rule, but cheaper per turn: one
prepared count and one multi-row insert instead of the ORM's query and a flush per event, rows read without ORM
objects, and on SQLite open connections kept in a pool and the write-ahead log with ``synchronous=NORMAL`` (a
commit no longer waits for the disk; a crash of the process loses nothing, a power cut at most the last turns).
Measured in docs/speed.md.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List

import sqlalchemy as sa
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


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Write-ahead log, and commits that do not wait for the disk (each new SQLite connection)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class RolloverSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQLTrackerStore; a long session that has just closed a topic is saved with a new session started."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Rasa's store, plus the latest-session statements built once (and SQLite's pragmas)."""
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            # Rasa's engine opens and closes a connection per query (SQLite's NullPool), and closing the last one
            # checkpoints the log to disk; a small pool keeps them open. Rasa serves from one thread.
            url = self.engine.url
            self.engine.dispose()
            self.engine = sa.create_engine(url, poolclass=sa.pool.QueuePool, connect_args={"check_same_thread": False})
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            self.sessionmaker.configure(bind=self.engine)
        events = self.SQLEvent.__table__
        sender = sa.bindparam("sender_id")
        start = (
            sa.select(sa.func.max(events.c.timestamp))
            .where(events.c.sender_id == sender, events.c.type_name == SessionStarted.type_name)
            .scalar_subquery()
        )
        latest = sa.and_(events.c.sender_id == sender, sa.or_(events.c.timestamp >= start, start.is_(None)))
        self._count_latest = sa.select(sa.func.count()).select_from(events).where(latest)
        self._data_latest = sa.select(events.c.data).where(latest).order_by(events.c.id)
        self._insert = events.insert()

    def _stored_in_latest_session(self, connection: Any, sender_id: str) -> int:
        """How many events of the sender's latest session the store holds (Rasa's rule: since its last start)."""
        return int(connection.execute(self._count_latest, {"sender_id": sender_id}).scalar() or 0)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the tracker, first starting a new session when it is long and idle (and slots carry over)."""
        if self.domain.session_config.carry_over_slots and long_and_idle(tracker, rollover_turns()):
            for event in new_session_events(tracker):
                tracker.update(event, self.domain)
        await self.stream_events(tracker)
        with self.engine.begin() as connection:
            stored = self._stored_in_latest_session(connection, tracker.sender_id)
            rows = [self._row(tracker.sender_id, event) for event in list(tracker.events)[stored:]]
            if rows:
                connection.execute(self._insert, rows)

    @staticmethod
    def _row(sender_id: str, event: Event) -> Dict[str, Any]:
        """The events-table row Rasa's SQLTrackerStore writes for one event."""
        data = event.as_dict()
        return {
            "sender_id": sender_id,
            "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get("name"),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The tracker of the sender's latest session, or None (as Rasa's, reading the event data only)."""
        with self.engine.connect() as connection:
            events = [json.loads(data) for (data,) in connection.execute(self._data_latest, {"sender_id": sender_id})]
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None
