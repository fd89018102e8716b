"""Helpers shared by the production tests (persistence, robustness, action server down, security)."""

from __future__ import annotations

from typing import Any, Dict, List

# The channels the production tests run: the guarded REST and Socket.IO channels of channels/.
SAFE_CREDENTIALS = """\
channels.rest.SafeRestInput:
channels.safe_socketio.SafeSocketIOInput:
  user_message_evt: user_uttered
  bot_message_evt: bot_uttered
  session_persistence: true
  metadata_key: customData
"""

# A short pre- and post-interview conversation; wording-independent checks only.
CONVERSATION = [
    "hi",
    "I had a job interview with Acme Corp last Tuesday for a data analyst role",
    "they said they would decide by Friday, should I send a follow-up email?",
    "thanks",
]


def user_texts(tracker: Dict[str, Any], as_it_stands: bool = True) -> List[str]:
    """The user messages of a tracker, in order: as the conversation stands, or every one stored.

    Rasa's two-stage fallback reverts a message ('rewind'), then records it again once confirmed, or lets
    the user's rephrasing replace it; the reverted copy stays stored but is no longer part of the conversation.
    """
    texts: List[str] = []
    for event in tracker["events"]:
        if event["event"] == "user":
            texts.append(event.get("text") or "")
        elif event["event"] == "rewind" and texts and as_it_stands:
            texts.pop()
    return texts


def bot_texts(tracker: Dict[str, Any]) -> List[str]:
    """The bot messages of a tracker, in order."""
    return [e.get("text") or "" for e in tracker["events"] if e["event"] == "bot"]


def set_slots(tracker: Dict[str, Any]) -> Dict[str, Any]:
    """The slots of a tracker that hold a value."""
    return {k: v for k, v in tracker.get("slots", {}).items() if v not in (None, [], "")}


def reply_texts(replies: List[Dict[str, Any]]) -> List[str]:
    """The texts of REST replies."""
    return [r.get("text") or "" for r in replies]
