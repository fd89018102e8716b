"""Drafts keep the user's facts and the letter's blank lines (h28 C: blind round 11)."""

from datetime import datetime, timezone

import pytest

from actions.engine.drafts import render_draft
from actions.engine.situation import Situation

TUESDAY = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)
AGENCY = Situation(
    branch="staffing_agency",
    goal="agency_status",
    company="Harwick Foods",
    role="claims handler",
    recruiter_name="Niamh O'Connor",
    agency_name="Hays",
    interview_date="2026-11-24",
)


@pytest.mark.parametrize("kind", ["agency_checkin", "agency_feedback_request", "agency_thank_you"])
def test_an_agency_greeting_is_followed_by_a_blank_line(kind: str) -> None:
    """'Hi Niamh,' ran straight into the first sentence: the template's endif ate the blank line."""
    text = render_draft(kind, AGENCY, TUESDAY).text
    assert "Hi Niamh,\n\n" in text


def test_the_cc_line_is_followed_by_a_blank_line() -> None:
    situation = Situation(**{**AGENCY.__dict__, "goal": "contact_company", "interviewer_name": "Lena Park"})
    text = render_draft("company_message_cc_recruiter", situation, TUESDAY).text
    assert "Cc: Niamh O'Connor (Hays)\n\n" in text


def test_a_company_name_ending_in_a_stop_gets_no_second_one() -> None:
    situation = Situation(
        branch="post_interview", goal="thank_you", company="Acme Corp.", interviewer_name="Mark", role="buyer"
    )
    text = render_draft("thank_you_email", situation, TUESDAY).text
    assert "Acme Corp.." not in text and "at Acme Corp." in text
