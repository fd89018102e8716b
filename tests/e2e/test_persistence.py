"""Conversations survive restarts of Rasa and of the action server (default SQLite tracker store)."""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Iterator

import pytest
import requests
from prod_util import CONVERSATION, SAFE_CREDENTIALS, reply_texts, set_slots, user_texts
from stack import Stack

SENDER = "persist-user-1"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    s = Stack(Path(tmp_path_factory.mktemp("persist")), credentials=SAFE_CREDENTIALS)
    try:
        yield s.start()
    finally:
        s.stop()


def text_slot(stack: Stack) -> str:
    """A text slot of the domain to set through the HTTP API (so there is always a slot to check)."""
    response = requests.get(
        f"{stack.url}/domain", params={"token": stack.api_token}, headers={"Accept": "application/json"}, timeout=30
    )
    response.raise_for_status()
    slots = response.json()["slots"]
    names = [n for n, s in slots.items() if s.get("type") == "text"]
    assert names, "the domain has no text slot"
    return "interviewer_name" if "interviewer_name" in names else names[0]


def answered(stack: Stack, text: str) -> None:
    replies = stack.say(SENDER, text)
    assert any(t.strip() for t in reply_texts(replies)), f"no reply to {text!r}: {replies}"


def test_restart_keeps_history_and_slots(stack: Stack) -> None:
    for text in CONVERSATION[:2]:
        answered(stack, text)
    slot = text_slot(stack)
    response = requests.post(
        f"{stack.url}/conversations/{SENDER}/tracker/events",
        params={"token": stack.api_token},
        json={"event": "slot", "name": slot, "value": "Dana Smith"},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    before = stack.tracker(SENDER)
    assert user_texts(before) == CONVERSATION[:2]
    assert set_slots(before).get(slot) == "Dana Smith"

    # Graceful restart of both servers.
    stack.stop()
    stack.start()
    after = stack.tracker(SENDER)
    assert after["events"] == before["events"], "history changed across a restart"
    assert set_slots(after) == set_slots(before)

    answered(stack, CONVERSATION[2])

    # Crash (SIGKILL) of both, then start again: nothing acknowledged may be lost.
    before_crash = stack.tracker(SENDER)
    Stack._kill(stack.rasa, signal.SIGKILL)
    Stack._kill(stack.actions, signal.SIGKILL)
    stack.start()
    after_crash = stack.tracker(SENDER)
    assert after_crash["events"] == before_crash["events"], "history changed across a crash"
    assert set_slots(after_crash) == set_slots(before_crash)
    assert set_slots(after_crash).get(slot) == "Dana Smith"

    answered(stack, CONVERSATION[3])
    final = stack.tracker(SENDER)
    assert user_texts(final) == CONVERSATION
    assert set_slots(final).get(slot) == "Dana Smith"
