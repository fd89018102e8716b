"""The Rasa speed-ups: same verdicts, same requests, same event classes, same slots; sessions close only when quiet."""

from __future__ import annotations

from pathlib import Path

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.trackers import EventVerbosity
from rasa.utils.endpoints import EndpointConfig

from channels.rasa_fixes import install, rasa_original
from channels.speedups import long_and_idle

GOOD = {"events": [{"event": "slot", "name": "branch", "value": "pre_interview"}], "responses": [{"text": "hi"}]}
BAD = {"events": [{"event": "slot", "name": 3}], "responses": "not a list"}


@pytest.fixture()
def action() -> RemoteAction:
    """A remote action as Rasa builds it (no request is made)."""
    install()
    return RemoteAction("action_give_advice", EndpointConfig("http://127.0.0.1:1/webhook"))


def test_installed_once() -> None:
    """Installing twice keeps one wrapper."""
    install()
    first = RemoteAction._validate_action_result
    install()
    assert RemoteAction._validate_action_result is first
    assert first is not rasa_original("rasa.core.actions.action:RemoteAction._validate_action_result")


def test_valid_answer_accepted(action: RemoteAction) -> None:
    """A well-formed answer validates."""
    assert action._validate_action_result(GOOD) is True


def test_invalid_answer_refused_with_rasa_message(action: RemoteAction) -> None:
    """A malformed answer raises Rasa's ValidationError, with Rasa's explanation appended."""
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result(BAD)


def conversation() -> tuple:
    """A two-turn conversation as Rasa holds it, the second turn inside the form with slots just extracted."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.from_yaml(
        """
version: "3.1"
intents: [greet, inform]
slots:
  branch: {type: text, influence_conversation: false, mappings: [{type: custom}]}
  company: {type: text, influence_conversation: false, mappings: [{type: custom}]}
forms:
  situation_form: {required_slots: [branch]}
actions: [action_give_advice, validate_situation_form]
"""
    )
    events = [
        ActionExecuted("action_listen"),
        UserUttered("hi", {"name": "greet", "confidence": 1.0}, input_channel="rest"),
        ActionExecuted("utter_greet"),
        BotUttered("Hi!"),
        ActionExecuted("action_listen"),
        UserUttered("I had my interview at Initech", {"name": "inform", "confidence": 1.0}, input_channel="rest"),
        ActionExecuted("situation_form"),
        ActiveLoop("situation_form"),
        SlotSet("branch", "post_interview"),
        SlotSet("company", "Initech"),
    ]
    return DialogueStateTracker.from_events("u1", events, domain.slots), domain


def test_action_call_carries_the_current_turn_only() -> None:
    """From the latest user message on; everything else in the request is what Rasa itself sends."""
    install()
    tracker, domain = conversation()
    endpoint = EndpointConfig("http://127.0.0.1:1/webhook", enable_selective_domain=True)
    action = RemoteAction("action_give_advice", endpoint)
    body = action._action_call_format(tracker, domain)
    full = tracker.current_state(EventVerbosity.ALL)
    assert [e["event"] for e in body["tracker"]["events"]] == ["user", "action", "active_loop", "slot", "slot"]
    assert body["tracker"]["events"] == full["events"][-5:]
    assert {k: v for k, v in body["tracker"].items() if k != "events"} == {
        k: v for k, v in full.items() if k != "events"
    }
    assert body["next_action"] == "action_give_advice" and body["sender_id"] == "u1"
    assert "domain" not in body  # selective domain: this action did not ask for it


def test_what_the_action_server_reads_is_unchanged() -> None:
    """rasa-sdk sees the same latest message, slots to validate, input channel and active loop."""
    from rasa_sdk import Tracker

    install()
    tracker, domain = conversation()
    body = RemoteAction("action_give_advice", EndpointConfig("http://127.0.0.1:1/webhook"))._action_call_format(
        tracker, domain
    )
    trimmed = Tracker.from_dict(body["tracker"])
    whole = Tracker.from_dict(tracker.current_state(EventVerbosity.ALL))
    expected = {"branch": "post_interview", "company": "Initech"}
    assert trimmed.slots_to_validate() == whole.slots_to_validate() == expected
    assert trimmed.latest_message == whole.latest_message
    assert trimmed.get_latest_input_channel() == whole.get_latest_input_channel() == "rest"
    assert trimmed.active_loop == whole.active_loop
    assert trimmed.current_slot_values() == whole.current_slot_values()
    assert "domain" in body  # selective domain off: Rasa's default is kept


def test_event_classes_found_by_type_name_as_rasa_finds_them() -> None:
    """Every Event subclass resolves to the class Rasa's walk finds; defaults and unknown names behave as before."""
    from rasa.shared.core.events import ActionExecuted, Event, SlotSet
    from rasa.shared.utils.common import all_subclasses

    install()
    for cls in all_subclasses(Event):
        first = next(c for c in all_subclasses(Event) if c.type_name == cls.type_name)
        assert Event.resolve_by_type(cls.type_name) is first
        assert Event.resolve_by_type(cls.type_name) is first  # second time from the cache
    assert Event.resolve_by_type("slot") is SlotSet
    assert Event.resolve_by_type("no such event", default=ActionExecuted) is ActionExecuted
    assert Event.resolve_by_type("topic") is None
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no such event")
    restored = Event.from_parameters({"event": "slot", "name": "branch", "value": "pre_interview"})
    assert isinstance(restored, SlotSet) and restored.value == "pre_interview"


IDLE_DOMAIN = """
version: "3.1"
intents: [greet, thanks, inform]
slots:
  company: {type: text, influence_conversation: false, mappings: [{type: custom}]}
  branch: {type: text, influence_conversation: false, mappings: [{type: custom}]}
forms:
  situation_form: {required_slots: [branch]}
responses:
  utter_greet: [{text: "Hi"}]
  utter_you_are_welcome: [{text: "You're welcome"}]
session_config: {session_expiration_time: 60, carry_over_slots_to_new_session: true}
"""


def chat(turns: int, last: str = "utter_you_are_welcome", loop: str | None = None) -> tuple:
    """A session of `turns` user messages: greetings, then a last answer `last` (and a form left open if asked)."""
    import time

    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SessionStarted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.from_yaml(IDLE_DOMAIN)
    now = time.time()
    events = [ActionExecuted("action_session_start", timestamp=now), SessionStarted(timestamp=now)]
    events += [SlotSet("company", "Initech"), SlotSet("branch", "pre_interview"), SlotSet("company", "Acme")]
    for turn in range(turns):
        action = last if turn == turns - 1 else "utter_greet"
        events += [
            ActionExecuted("action_listen", timestamp=now),
            UserUttered("hi", {"name": "greet", "confidence": 1.0}, timestamp=now),
            ActionExecuted(action, timestamp=now),
            BotUttered("text", timestamp=now),
        ]
    if loop:
        events.append(ActiveLoop(loop))
    events.append(ActionExecuted("action_listen", timestamp=now))
    return DialogueStateTracker.from_events("u1", events, domain.slots), domain


@pytest.mark.parametrize(
    ("turns", "last", "loop", "expected"),
    [
        (10, "utter_you_are_welcome", None, True),
        (10, "action_thanks", None, True),
        (25, "utter_goodbye", None, True),
        (9, "utter_you_are_welcome", None, False),  # not long yet
        (10, "utter_greet", None, False),  # the bot's last answer does not close a topic
        (10, "utter_you_are_welcome", "situation_form", False),  # a form is open
    ],
)
def test_long_session_is_closed_only_at_a_quiet_point(turns: int, last: str, loop: str | None, expected: bool) -> None:
    """Ten user messages and a closing answer with no form open: the session may close; otherwise not."""
    tracker, _ = chat(turns, last, loop)
    assert long_and_idle(tracker, 10) is expected


def test_messages_before_the_current_session_do_not_count() -> None:
    """Only the user messages of the current session count towards its length."""
    from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered

    tracker, _ = chat(8)
    for event in [SessionStarted(), ActionExecuted("action_listen"), UserUttered("thanks", {"name": "thanks"})]:
        tracker.update(event)
    tracker.update(ActionExecuted("utter_you_are_welcome"))
    tracker.update(BotUttered("You're welcome"))
    tracker.update(ActionExecuted("action_listen"))
    assert not long_and_idle(tracker, 2)
    assert long_and_idle(tracker, 1)
    assert not long_and_idle(tracker, 0)  # 0 turns the rollover off


def store(tmp_path: Path, domain: object) -> object:
    """The tracker store of endpoints.yml on a fresh SQLite file."""
    from channels.tracker_store import RolloverSQLTrackerStore

    return RolloverSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "trackers.db"))


def test_store_starts_a_new_session_when_long_and_idle(tmp_path: Path) -> None:
    """A long session saved at a quiet point loads as a new session with the same slots; the history is kept."""
    import asyncio

    from rasa.shared.core.events import SessionStarted, UserUttered

    install()
    tracker, domain = chat(10)
    trackers = store(tmp_path, domain)
    asyncio.run(trackers.save(tracker))
    loaded = asyncio.run(trackers.retrieve("u1"))
    assert isinstance(loaded.events[0], SessionStarted)
    assert not any(isinstance(e, UserUttered) for e in loaded.events)
    assert loaded.current_slot_values() == tracker.current_slot_values() and loaded.get_slot("company") == "Acme"
    history = asyncio.run(trackers.retrieve_full_tracker("u1"))
    assert sum(isinstance(e, UserUttered) for e in history.events) == 10
    assert sum(isinstance(e, SessionStarted) for e in history.events) == 2


@pytest.mark.parametrize("turns", [3, 10])
def test_store_keeps_the_session_when_short_off_or_forgetful(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, turns: int
) -> None:
    """No rollover in a short session, with SESSION_ROLLOVER_TURNS=0, or when slots would not carry over."""
    import asyncio

    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered

    if turns == 10:
        monkeypatch.setenv("SESSION_ROLLOVER_TURNS", "0")
    tracker, domain = chat(turns)
    forgetful = Domain.from_yaml(
        IDLE_DOMAIN.replace("carry_over_slots_to_new_session: true", "carry_over_slots_to_new_session: false")
    )
    for number, kept_domain in enumerate((domain, forgetful)):
        (tmp_path / str(number)).mkdir()
        trackers = store(tmp_path / str(number), kept_domain)
        asyncio.run(trackers.save(chat(turns)[0] if number else tracker))
        loaded = asyncio.run(trackers.retrieve("u1"))
        assert sum(isinstance(e, UserUttered) for e in loaded.events) == turns


def test_endpoints_name_the_rollover_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rasa loads the store of endpoints.yml by its module path (a wrong path would fall back to memory)."""
    from rasa.core.tracker_store import TrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.utils.endpoints import read_endpoint_config

    from channels.tracker_store import RolloverSQLTrackerStore

    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "t.db"))
    monkeypatch.setenv("ACTIONS_PORT", "5055")
    config = read_endpoint_config(str(Path(__file__).parents[2] / "endpoints.yml"), "tracker_store")
    assert isinstance(TrackerStore.create(config, Domain.empty()), RolloverSQLTrackerStore)


def test_new_session_carries_each_slot_once_with_its_latest_value() -> None:
    """The rolled-over session starts with one SlotSet per slot and the same slot values Rasa would carry over."""
    from rasa.core.actions.action import ActionSessionStart
    from rasa.shared.core.events import SlotSet
    from rasa.shared.core.trackers import DialogueStateTracker

    from channels.tracker_store import new_session_events

    tracker, domain = chat(10)
    events = new_session_events(tracker)
    slot_sets = [e for e in events if isinstance(e, SlotSet)]
    assert [(e.key, e.value) for e in slot_sets] == [("branch", "pre_interview"), ("company", "Acme")]
    fresh = DialogueStateTracker.from_events("u1", events, domain.slots)
    assert fresh.current_slot_values() == tracker.current_slot_values()
    assert fresh.get_slot("company") == "Acme"
    # Rasa's own session start is left as it is (no replacement): it repeats every SlotSet of the history
    assert len(ActionSessionStart._slot_set_events_from_tracker(tracker)) > len(slot_sets)


def test_the_rules_answer_thanks_and_goodbye_with_a_quiet_point_action() -> None:
    """Whatever the rules run after "thanks" and "goodbye" closes a topic, so a long session can roll over there."""
    from pathlib import Path

    import yaml

    from channels.speedups import IDLE_ACTIONS

    rules = yaml.safe_load((Path(__file__).parents[2] / "data" / "general" / "rules.yml").read_text())["rules"]
    answers = {}
    for rule in rules:
        steps = rule["steps"]
        if len(steps) == 2 and steps[0].get("intent") in {"thanks", "goodbye"}:
            answers[steps[0]["intent"]] = steps[1]["action"]
    assert set(answers) == {"thanks", "goodbye"}, answers
    assert set(answers.values()) <= IDLE_ACTIONS, answers


def turn_by_turn(tmp_path: Path, make_store: type, events: list) -> tuple:
    """Save a 3-turn session turn by turn, then a new session; return the stored rows and the loaded trackers."""
    import asyncio
    import sqlite3

    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.from_yaml(IDLE_DOMAIN)
    trackers = make_store(domain=domain, dialect="sqlite", db=str(tmp_path / "rows.db"))
    turns = [events[:6], events[6:10], events[10:]]
    growing = DialogueStateTracker("u1", domain.slots)
    for turn in turns:
        for event in turn:
            growing.update(event)
        asyncio.run(trackers.save(growing))
    latest_before = asyncio.run(trackers.retrieve("u1"))
    later = events[-1].timestamp + 60
    for event in [
        ActionExecuted("action_session_start", timestamp=later),
        SessionStarted(timestamp=later),
        SlotSet("branch", "agency", timestamp=later),
        UserUttered("hello again", {"name": "greet", "confidence": 1.0}, timestamp=later + 1),
    ]:
        growing.update(event)
    asyncio.run(trackers.save(growing))
    with sqlite3.connect(tmp_path / "rows.db") as db:
        rows = db.execute(
            "SELECT sender_id, type_name, timestamp, intent_name, action_name, data FROM events"
        ).fetchall()
    loaded = [latest_before, asyncio.run(trackers.retrieve("u1")), asyncio.run(trackers.retrieve_full_tracker("u1"))]
    return rows, [t.current_state(EventVerbosity.ALL) for t in loaded], asyncio.run(trackers.retrieve("nobody"))


def test_store_writes_and_reads_what_rasas_sql_store_does(tmp_path: Path) -> None:
    """Turn by turn and across a new session: the same rows, the same latest session, the same full history."""
    from rasa.core.tracker_store import SQLTrackerStore

    from channels.tracker_store import RolloverSQLTrackerStore

    (tmp_path / "rasa").mkdir()
    (tmp_path / "ours").mkdir()
    events = list(chat(3)[0].events)
    rasa_rows, rasa_loaded, rasa_none = turn_by_turn(tmp_path / "rasa", SQLTrackerStore, events)
    our_rows, our_loaded, our_none = turn_by_turn(tmp_path / "ours", RolloverSQLTrackerStore, events)
    assert len(our_rows) == len(rasa_rows) > 15
    assert our_rows == rasa_rows
    assert our_loaded == rasa_loaded
    assert len(our_loaded[1]["events"]) < len(our_loaded[2]["events"])  # latest session only, then everything
    assert our_none is None and rasa_none is None


def test_sqlite_store_keeps_a_write_ahead_log_and_another_process_sees_each_turn(tmp_path: Path) -> None:
    """WAL with synchronous=NORMAL on the store's connections; a second store (another server) reads every save."""
    import asyncio

    from channels.tracker_store import RolloverSQLTrackerStore

    tracker, domain = chat(3)
    writer = RolloverSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "t.db"))
    reader = RolloverSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "t.db"))
    with writer.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    asyncio.run(writer.save(tracker))
    assert asyncio.run(reader.retrieve("u1")).current_state() == tracker.current_state()
