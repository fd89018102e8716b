"""Trackers and dispatchers for the action tests, built the way Rasa sends them to the action server."""

from pathlib import Path
from typing import Any, Dict, List

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from nlu_components.message_cues import MessageCues

ROOT = Path(__file__).resolve().parents[2]
# Sunday 22 November 2026, 10:00 UTC: the message time every tracker below carries.
MESSAGE_TIME = 1795341600.0
# Interviewed on Mon 2 Nov, no date given for the decision: the advice is to check in now (Sun 22 Nov).
STATUS_SLOTS = {
    "branch": "post_interview",
    "goal": "status_check",
    "interview_date": "2026-11-02",
    "decision_date": "none_given",
    "told_not_to_contact": "no",
    "interviewer_name": "Dana Ortiz",
}


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    """The project's domain as a dict."""
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    """A dispatcher that keeps the messages an action sends."""
    return CollectingDispatcher()


def make_tracker(
    text: str = "",
    intent: str = "inform",
    entities: List[Dict[str, Any]] | None = None,
    slots: Dict[str, Any] | None = None,
    active_loop: str | None = None,
    channel: str = "rest",
    metadata: Dict[str, Any] | None = None,
    timestamp: float = MESSAGE_TIME,
    earlier: List[Dict[str, Any]] | None = None,
) -> Tracker:
    """A tracker whose latest event is the given user message, with what MessageCues reads from its words."""
    cues = MessageCues({})
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "entities": cues.with_agency_people(text, [cues.with_meaning(e) for e in entities or []]),
        "cues": cues.read(text),
        "intent_ranking": [{"name": intent, "confidence": 0.9}],
        "metadata": metadata or {},
    }
    user_event = {
        "event": "user",
        "timestamp": timestamp,
        "text": text,
        "parse_data": latest,
        "input_channel": channel,
        "metadata": metadata or {},
    }
    return Tracker.from_dict(
        {
            "sender_id": "test-user",
            "slots": slots or {},
            "latest_message": latest,
            "events": [
                *(earlier or []),
                {"event": "action", "name": "action_listen", "timestamp": timestamp - 1},
                user_event,
            ],
            "paused": False,
            "followup_action": None,
            "active_loop": {"name": active_loop} if active_loop else {},
            "latest_action_name": "action_listen",
            "latest_input_channel": channel,
        }
    )


def draft_of(dispatcher: CollectingDispatcher) -> str:
    """The text of the draft the action sent."""
    return next(m["text"] for m in dispatcher.messages if m.get("draft_kind"))
