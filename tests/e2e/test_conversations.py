"""The multi-turn suite (tests/conversations/) replayed over REST against the real stack, with its floors.

The table (conversations passed, re-asks, ignored corrections, fallbacks, contradictions...) is printed and
written to reports/conversations/ with every failed conversation turn by turn (failures.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from channels_env import ChannelsEnv, channels_env

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import conversations  # noqa: E402

# Floors at the level reached (the target is 0.95 of conversations passed).
PASS_RATE_FLOOR = 0.95  # the target; 0.986 measured at 00:43 on 1 Dec (274/278)
MAX_FALLBACK_TURNS = 10  # 4 measured


@pytest.fixture(scope="module")
def summary() -> dict:
    env: ChannelsEnv = channels_env()
    patterns = [str(ROOT / "tests" / "conversations" / "*.yml")]
    results = conversations.run_suite(env.stack.url, env.stack.api_token, patterns, workers=3)
    summary = conversations.summarise(results)
    conversations.write_report(results, summary, ROOT / "reports" / "conversations")
    conversations.print_table(summary)
    return summary


def test_the_suite_has_a_hundred_conversations_of_three_to_eight_turns() -> None:
    loaded = conversations.load([str(ROOT / "tests" / "conversations" / "*.yml")])
    assert len(loaded) >= 100
    assert all(3 <= len(c["turns"]) <= 8 for _, c in loaded), [
        c["id"] for _, c in loaded if not 3 <= len(c["turns"]) <= 8
    ]


def test_conversations_pass_above_the_floor(summary: dict) -> None:
    assert summary["pass_rate"] >= PASS_RATE_FLOOR, summary


def test_clear_messages_rarely_end_in_a_fallback(summary: dict) -> None:
    assert summary["problems"]["fallback"] <= MAX_FALLBACK_TURNS, summary["problems"]
