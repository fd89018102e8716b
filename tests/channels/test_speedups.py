"""The Rasa speed-ups: the cached answer validator agrees with Rasa's check; the trimmed request loses nothing."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.trackers import EventVerbosity
from rasa.utils.endpoints import EndpointConfig

from channels.speedups import cache_action_answer_validator, send_current_turn_only

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
    assert send_current_turn_only()
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

    assert send_current_turn_only()
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
