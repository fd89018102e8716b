"""The draft carries the user's own question, and follow-up answers invent no channel (blind round 30, helper C)."""

from dataclasses import replace
from datetime import datetime, timezone

from actions.engine.drafts import render_draft
from actions.engine.situation import Situation
from actions.engine.topics import answer_topic

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)
PRE = Situation(branch="pre_interview", goal="logistics", interview_date="2026-12-09", company="Pellucid Studio")


def test_the_confirmation_asks_the_users_own_question_in_plain_words_not_a_stock_one() -> None:
    """b30a-07: "i want to ask if i should bring my PORTFOLIO" got "the link or dial-in details" three times."""
    own = replace(PRE, question="bring", own_question="if i should bring my PORTFOLIO")
    text = render_draft("pre_confirm_email", own, NOW).text
    assert "I'd also like to ask if I should bring my portfolio." in text
    assert "link or dial-in" not in text and "anything you would like me to bring" not in text


def test_a_question_for_the_recruiter_about_the_interviewer_goes_into_the_note() -> None:
    """b30a-21: "could I ask him what she cares about most?" drafted "Is there anything ... to bring?"."""
    asking = replace(PRE, recruiter_name="Kofi Mensah", draft_to="recruiter", own_question="what she cares about most")
    text = render_draft("pre_confirm_email", asking, NOW).text
    assert "ask what the interviewer cares about most." in text and "what you care" not in text
    assert "anything you would like me to bring" not in text


def test_calling_before_the_interview_invents_no_call_from_them() -> None:
    """b30a-20: "my mom says i should call" became "call back: they reached you by phone"."""
    phone = Situation(branch="pre_interview", goal="logistics", interview_date="2026-12-04", channel="phone")
    answer = answer_topic("call_instead", phone, None, verdict="yes")
    assert "reached you by phone" not in answer and "show initiative" in answer


def test_preparing_for_the_interview_and_a_dumb_question_get_short_answers() -> None:
    prep = answer_topic("interview_prep", PRE, None, verdict="yes")
    assert "general advice" in prep and "phone or video screen" in prep
    assert answer_topic("dumb_question", PRE, None, verdict="logistics").startswith("Not a dumb question")
