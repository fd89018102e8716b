"""The judge of the multi-turn suite (scripts/conversations.py), on a fake assistant: it must catch failures."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any, Dict, List

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import conversations  # noqa: E402

TODAY = date(2026, 11, 30)  # a Monday


class FakeClient:
    """Answers each message with scripted replies and slots."""

    def __init__(self, script: List[Dict[str, Any]]) -> None:
        self.script, self.turn = script, -1

    def say(self, sender: str, message: str) -> List[Dict[str, Any]]:
        self.turn += 1
        return [{"text": text} for text in self.script[self.turn]["texts"]]

    def tracker(self, sender: str) -> Dict[str, Any]:
        step = self.script[self.turn]
        events = (
            [{"event": "user"}]
            + [{"event": "restart"}] * bool(step.get("restart"))
            + [
                {"event": "bot", "text": t, "metadata": {"draft_kind": "x"} if t.startswith("Dear") else {}}
                for t in step["texts"]
            ]
        )
        return {"slots": step["slots"], "events": events}


def judge(script: List[Dict[str, Any]], turns: List[Dict[str, Any]]) -> conversations.ConversationResult:
    runner = conversations.Judge(FakeClient(script), today=lambda: TODAY)
    return runner.run("fake.yml", {"id": "t1", "area": "after", "turns": turns})


def test_relative_days() -> None:
    assert conversations.expected_day("+1", TODAY) == (date(2026, 12, 1), 0)
    assert conversations.expected_day("-7~", TODAY) == (date(2026, 11, 23), 3)
    assert conversations.expected_day("mon+", TODAY)[0] == date(2026, 12, 7)
    assert conversations.expected_day("mon-", TODAY)[0] == date(2026, 11, 23)
    assert conversations.expected_day("fri-", TODAY)[0] == date(2026, 11, 27)
    tuesday = date(2026, 12, 1)
    assert conversations.expected_day("mon-", tuesday)[0] == date(2026, 11, 30)
    assert conversations.expected_day("mon--", tuesday)[0] == date(2026, 11, 23)  # "last monday" on a Tuesday
    assert conversations.expected_day("sun--", tuesday)[0] == date(2026, 11, 29)


def test_facts_names_dates_and_booleans() -> None:
    slots = {"interviewer_name": "Sarah", "interview_date": "~2026-11-22", "rejected": None, "company": "Stripe Inc"}
    assert conversations.fact_holds("interviewer", "Sarah Lee", slots, TODAY)
    assert conversations.fact_holds("interview_date", "-7~", slots, TODAY)
    assert not conversations.fact_holds("interview_date", "-7", slots, TODAY)
    assert conversations.fact_holds("rejected", False, slots, TODAY)
    assert not conversations.fact_holds("rejected", True, slots, TODAY)
    assert conversations.fact_holds("company", "stripe", slots, TODAY)
    assert not conversations.fact_holds("recruiter", "Jo", slots, TODAY)


def test_a_good_conversation_passes() -> None:
    script = [
        {"texts": ["When was the interview?"], "slots": {"branch": "post_interview", "interviewer_name": "Sarah"}},
        {
            "texts": ["Yes, send it now.", "Dear Sarah,\n\nThanks"],
            "slots": {
                "branch": "post_interview",
                "interviewer_name": "Sarah",
                "interview_date": "2026-11-27",
                "verdict": "yes",
            },
        },
    ]
    turns = [
        {"user": "need a thank you note for sarah", "expect": {"branch": "after", "facts": {"interviewer": "Sarah"}}},
        {"user": "friday", "expect": {"facts": {"interview_date": "fri-"}, "contact": True, "draft": True}},
    ]
    assert judge(script, turns).passed


def test_re_ask_placeholder_fallback_contradiction_and_ignored_correction_are_caught() -> None:
    asked = conversations.domain_texts()[0]["interview_date"][-1]
    script = [
        {"texts": ["Yes.", "Dear [Interviewer's name],"], "slots": {"interview_date": "2026-11-27", "verdict": "yes"}},
        {"texts": [asked], "slots": {"interview_date": "2026-11-27", "verdict": "no"}},
        {"texts": ["I'm not sure I understood. Did you mean one of these?"], "slots": {"interview_date": "2026-11-27"}},
    ]
    turns = [
        {
            "user": "interview was friday with Sarah",
            "expect": {"facts": {"interview_date": "fri-", "interviewer": "Sarah"}},
        },
        {"user": "so?", "expect": {}},
        {"user": "actually it was thursday", "expect": {"facts": {"interview_date": "thu-"}}},
    ]
    result = judge(script, turns)
    kinds = [[kind for kind, _ in turn.problems] for turn in result.turns]
    assert "placeholder" in kinds[0] and "fact" in kinds[0]  # no interviewer slot, [Interviewer's name]
    assert "re-ask" in kinds[1] and "contradiction" in kinds[1]
    assert "fallback" in kinds[2]
    assert any(text.startswith("correction:") for _, text in result.turns[2].problems)
    summary = conversations.summarise([result])
    assert summary["passed"] == 0 and summary["ignored_corrections"] == 1


def test_the_same_message_many_times_in_one_reply_is_caught() -> None:
    spam = "I may have missed your point there, sorry."
    result = judge([{"texts": ["Okay.", spam, spam, spam], "slots": {}}], [{"user": "what?", "expect": {}}])
    assert sorted(kind for kind, _ in result.turns[0].problems) == ["fallback", "repeat"]


def test_facts_said_before_a_restart_are_not_expected_after_it() -> None:
    script = [
        {"texts": ["Yes, send it."], "slots": {"company": "Acme", "verdict": "yes"}},
        {"texts": ["Okay, a fresh start."], "slots": {}, "restart": True},
        {"texts": ["Not yet."], "slots": {"company": "Globex", "verdict": "wait"}},
        {"texts": ["Okay."], "slots": {}},
    ]
    turns = [
        {"user": "thank you note after my Acme interview?", "expect": {"facts": {"company": "Acme"}}},
        {"user": "start over please", "expect": {}},
        {"user": "interview at Globex on friday, can I email?", "expect": {"facts": {"company": "Globex"}}},
        {"user": "and now?", "expect": {}},
    ]
    kinds = [[kind for kind, _ in turn.problems] for turn in judge(script, turns).turns]
    assert kinds[:3] == [[], [], []]
    assert kinds[3] == ["fact"]  # without a restart, a fact the assistant dropped is still caught
