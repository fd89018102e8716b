"""Agency rules that change with the facts (h26-F): an invitation, a client who wrote first, a recruiter who left,
a request not to contact that names only the panel, and the recruiter's timing kept for a call."""

from datetime import datetime, timezone
from typing import Any, Dict

from actions.engine.advice import advise, decide
from actions.engine.drafts import render_draft
from actions.engine.situation import Situation
from actions.engine.topics import answer_topic, topic_days

TUESDAY = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)
STORY: Dict[str, Any] = {
    "branch": "staffing_agency",
    "goal": "agency_status",
    "company": "Pennant Bank",
    "role": "data analyst",
    "recruiter_name": "Tom Hale",
    "agency_name": "Larkfield Search",
    "interview_date": "2026-11-24",
    "user_name": "Ana Ruiz",
}


def _text(**extra: Any) -> str:
    """Every message of the answer for the story with these facts, joined."""
    return "\n".join(m.text for m in advise(Situation(**{**STORY, **extra}), TUESDAY).messages)


def test_a_recruiter_who_left_gets_no_draft_and_no_advice_addressed_to_them() -> None:
    for goal in ("agency_status", "contact_company"):
        situation = Situation(**{**STORY, "goal": goal, "recruiter_gone": "yes", "followed_up": "yes"})
        advice = decide(situation, TUESDAY)
        assert advice.item_ids[0] == "agency_recruiter_gone" and advice.verdict == "yes"
        text = _text(goal=goal, recruiter_gone="yes", followed_up="yes")
        assert "Hi Tom" not in text and "a short call to your recruiter" not in text
        assert "\n\nHello,\n\n" in text and "has since left Larkfield Search" in text
        assert "our own judgement" in text  # the articles don't cover it: said so, not cited as theirs


def test_a_recruiter_who_left_is_never_greeted_in_any_agency_draft() -> None:
    gone = Situation(**{**STORY, "recruiter_gone": "yes", "interviewer_name": "Lena Park"})
    for kind in ("agency_checkin", "agency_thank_you", "agency_feedback_request"):
        assert "Hi Tom" not in render_draft(kind, gone, TUESDAY).text
    invited = Situation(**{**STORY, "recruiter_gone": "yes", "goal": "contact_company", "invited_to_contact": "yes"})
    cc = render_draft("company_message_cc_recruiter", invited, TUESDAY).text
    assert "Cc: Larkfield Search" in cc and "Tom" not in cc


def test_a_client_who_wrote_first_gets_a_reply_with_the_recruiter_copied() -> None:
    facts = {"goal": "contact_company", "invited_to_contact": "yes", "company_wrote_first": "yes"}
    facts["interviewer_name"] = "Karl Wendt"
    advice = decide(Situation(**{**STORY, **facts}), TUESDAY)
    assert advice.item_ids[0] == "agency_company_wrote_first" and advice.verdict == "yes"
    assert advice.draft_kinds[0] == "company_message_cc_recruiter"
    text = _text(**facts)
    assert "Better not" not in text and "Dear Karl," in text and "Thank you for your message." in text
    assert "Cc: Tom Hale" in text and "our own judgement" in text


def test_invited_by_the_recruiter_the_note_goes_to_the_company_contact() -> None:
    facts = {"goal": "contact_company", "invited_to_contact": "yes", "interviewer_name": "Greta Sund"}
    assert decide(Situation(**{**STORY, **facts}), TUESDAY).verdict == "yes"
    text = _text(**facts)
    assert "Dear Greta," in text and "Better not" not in text and "Hi Tom" not in text


def test_a_request_naming_only_the_panel_leaves_hr_open_after_the_interview() -> None:
    post = {
        "branch": "post_interview",
        "goal": "status_check",
        "interview_date": "2026-11-10",
        "decision_date": "none_given",
        "told_not_to_contact": "yes",
        "company": "Caspar Labs",
    }
    to_hr = decide(Situation(**post, no_contact_panel="yes", draft_to="recruiter"), TUESDAY)
    assert to_hr.verdict == "yes" and "post_panel_only_to_hr" in to_hr.item_ids
    assert "post_told_not" not in to_hr.item_ids
    # the same words, but the user asks to write to the panel: the request holds
    assert decide(Situation(**post, no_contact_panel="yes"), TUESDAY).verdict == "no"
    # "HR said don't chase us", then an email to HR: the request is HR's own, so it holds
    assert decide(Situation(**post, draft_to="recruiter"), TUESDAY).verdict == "no"


def test_a_call_to_the_recruiter_keeps_the_agency_timing() -> None:
    situation = Situation(**{**STORY, "decision_date": "2026-12-03"})
    days = topic_days(situation, TUESDAY.date())
    assert days["agency_day"] == "Fri 4 Dec"
    answer = answer_topic("call_instead", situation, None, days=days) or ""
    assert "Calling your recruiter is fine" in answer and "Fri 4 Dec" in answer


def test_the_status_email_to_hr_never_greets_the_panel() -> None:
    post = {
        "branch": "post_interview",
        "goal": "status_check",
        "interview_date": "2026-11-17",
        "told_not_to_contact": "yes",
        "no_contact_panel": "yes",
        "draft_to": "recruiter",
        "company": "Caspar Labs",
        "interviewer_name": "Rupert Vale",
    }
    draft = render_draft("status_check_email", Situation(**post), TUESDAY).text
    assert "Dear [Recruiter's name]," in draft and "Rupert" not in draft
    assert "not to contact the panel directly" in draft and "Thank you again for interviewing me" not in draft
