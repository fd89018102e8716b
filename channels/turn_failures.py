"""Failures of the action server during the running turn: noted by Rasa's action call, read by the TurnGuard.

A leaf module (standard library only): channels/rasa_fixes.py notes the failures where Rasa calls the action
server, channels/guard.py collects them for the turn it runs and answers the user when there were any.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator, List

# A frozen action server must not hold a turn for Rasa's 300 s: the user gets the "trouble" reply instead.
ACTION_TIMEOUT_SECONDS = float(os.environ.get("COACH_ACTION_TIMEOUT", "8"))

# Failures noted during the current turn (None outside a turn the guard runs: nobody collects them).
_failures: ContextVar[List[str] | None] = ContextVar("coach_turn_failures", default=None)


def note(what: str) -> None:
    """Remember, for the running turn, that the action server failed."""
    failures = _failures.get()
    if failures is not None:
        failures.append(what)


@contextmanager
def collecting() -> Iterator[List[str]]:
    """Collect the failures noted inside the block (the turn) into the list it yields."""
    failures: List[str] = []
    token = _failures.set(failures)
    try:
        yield failures
    finally:
        _failures.reset(token)
