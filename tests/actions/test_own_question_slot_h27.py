"""The user's own question said after a draft replaces the draft's stock question (blind b30a-07, helper C)."""

from datetime import datetime, timezone

from actions.understanding import understand
from tests.actions.test_understanding import msg

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)
SLOTS = {"branch": "pre_interview", "goal": "logistics", "question": "link", "interview_date": "2026-12-09"}


def test_the_users_own_question_said_later_replaces_the_stock_question() -> None:
    text = "no i've got the link already, i want to ask whether i can bring printed case studies"
    update = understand(msg(text, "inform"), SLOTS, None, NOW)
    assert update["own_question"] == "whether i can bring printed case studies"
    assert update["question"] is None  # the stock "link" question gives way to theirs


def test_a_new_detail_without_a_question_of_the_user_keeps_the_slot_logic() -> None:
    update = understand(msg("actually can you ask about parking instead", "inform"), SLOTS, None, NOW)
    assert update.get("question") == "parking"


def test_a_question_of_the_users_with_no_stock_detail_clears_the_stock_one() -> None:
    update = understand(msg("i dont need a link, i want to ask about the PORTFOLIO", "inform"), SLOTS, None, NOW)
    assert update["own_question"] == "about the PORTFOLIO" and update["question"] is None


def test_a_question_before_the_interview_says_what_the_message_is_for() -> None:
    """No goal menu for "could I ask Priya what the CTO cares about most? draft it" (h27C02)."""
    slots = {"branch": "pre_interview", "interview_date": "2026-12-04"}
    text = "could I ask the recruiter what the panel cares about most? please write it"
    assert understand(msg(text, "inform"), slots, None, NOW).get("goal") == "preparation"
    text = "do i need to wear something formal, can you write to her"
    assert understand(msg(text, "inform"), slots, None, NOW).get("goal") == "logistics"


def test_a_question_of_their_own_after_the_linkedin_answer_is_the_new_goal() -> None:
    """b30a-21: after "better not on LinkedIn", "could I ask him what she cares about most? draft it" repeated it."""
    slots = {"branch": "pre_interview", "goal": "linkedin_intro", "channel": "linkedin", "interview_date": "2026-12-03"}
    text = "the recruiter is Kofi, could I ask him what the panel cares about most? write it please"
    assert understand(msg(text, "inform"), slots, None, NOW).get("goal") == "preparation"


def test_a_question_of_their_own_after_may_i_contact_is_the_new_goal() -> None:
    slots = {"branch": "pre_interview", "goal": "should_contact", "verdict": "no", "interview_date": "2026-12-03"}
    text = "ok, then could I ask the recruiter what the hiring manager cares about most? draft that"
    assert understand(msg(text, "inform"), slots, None, NOW).get("goal") == "preparation"
