"""Shared fixtures for the advice-engine tests: a fixed 'now' and a Situation builder."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable

import pytest

from actions.engine.situation import Situation

# Reference "now": Sunday 22 November 2026, 10:00 UTC.
NOW = datetime(2026, 11, 22, 10, 0, tzinfo=timezone.utc)


@pytest.fixture
def now() -> datetime:
    """The reference message time."""
    return NOW


@pytest.fixture
def sit() -> Callable[..., Situation]:
    """Build a Situation from keyword arguments."""

    def build(**kwargs: Any) -> Situation:
        """Make the Situation."""
        return Situation(**kwargs)

    return build
