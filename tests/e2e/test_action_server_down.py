"""With the action server down the user gets a friendly retry message, and the conversation recovers."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from prod_util import CONVERSATION, SAFE_CREDENTIALS, bot_texts, reply_texts, set_slots, user_texts
from stack import Stack

from channels.guard import GUARD_METADATA_KEY, TROUBLE_TEXT

SENDER = "actions-down-user"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    s = Stack(Path(tmp_path_factory.mktemp("actions_down")), credentials=SAFE_CREDENTIALS)
    try:
        yield s.start()
    finally:
        s.stop()


def test_friendly_reply_while_actions_are_down_then_recovery(stack: Stack) -> None:
    for text in CONVERSATION[:2]:
        texts = reply_texts(stack.say(SENDER, text))
        assert any(t.strip() for t in texts) and TROUBLE_TEXT not in texts, texts
    slots_before = set_slots(stack.tracker(SENDER))

    stack.stop_actions()
    texts = reply_texts(stack.say(SENDER, CONVERSATION[2], timeout=90))
    assert TROUBLE_TEXT in texts, f"expected the friendly retry message, got {texts}"
    down = stack.tracker(SENDER)
    assert user_texts(down) == CONVERSATION[:3], "the message sent while actions were down was lost"
    assert TROUBLE_TEXT in bot_texts(down), "the retry message is not in the history"
    guard_events = [
        e for e in down["events"] if e["event"] == "bot" and (e.get("metadata") or {}).get(GUARD_METADATA_KEY)
    ]
    assert guard_events, "the retry message is not marked as the guard's"
    assert set_slots(down) == slots_before, "slots changed while the action server was down"

    stack.start_actions()
    texts = reply_texts(stack.say(SENDER, CONVERSATION[2]))
    assert any(t.strip() for t in texts) and TROUBLE_TEXT not in texts, f"not recovered: {texts}"
    after = stack.tracker(SENDER)
    assert user_texts(after) == [*CONVERSATION[:3], CONVERSATION[2]]
    for name, value in slots_before.items():
        if name in ("requested_slot", "times_asked"):  # the form's state: it may finish with the recovered message
            continue
        assert set_slots(after).get(name) is not None, f"slot {name} (was {value!r}) lost after recovery"
