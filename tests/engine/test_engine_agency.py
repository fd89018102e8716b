"""Agency drafts follow the user's goal and the recruiter's dates; invitations are never made up in a draft."""

from datetime import datetime, timezone
from typing import Any, Dict

from actions.engine.advice import advise, decide
from actions.engine.drafts import render_draft
from actions.engine.situation import Situation

MONDAY = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)
STORY: Dict[str, Any] = {
    "branch": "staffing_agency",
    "goal": "agency_status",
    "company": "Kestrel Foods",
    "role": "payroll assistant",
    "recruiter_name": "Nadia Brook",
    "agency_name": "Lanyard Staffing",
    "interview_date": "2026-11-25",
    "user_name": "Omar Haddad",
}


def _advice(**extra: Any) -> str:
    """Every message of the answer for the story with these facts, joined."""
    return "\n".join(m.text for m in advise(Situation(**{**STORY, **extra}), MONDAY).messages)


def _draft(kind: str = "agency_checkin", **extra: Any) -> str:
    """The draft of this kind for the story with these facts."""
    return render_draft(kind, Situation(**{**STORY, **extra}), MONDAY).text


def test_a_decision_date_still_ahead_means_wait_until_the_working_day_after_it() -> None:
    advice = decide(Situation(**{**STORY, "decision_date": "2026-12-02"}), MONDAY)
    assert advice.verdict == "wait" and advice.draft_kinds[0] == "agency_checkin"
    text = _advice(decision_date="2026-12-02")
    assert "Wed 2 Dec" in text and "Thu 3 Dec" in text and "Mon 30 Nov is fine" not in text
    assert "Any news?" not in text  # the draft is one click away, for the day itself


def test_a_decision_date_gone_by_means_write_today_and_the_draft_names_it() -> None:
    assert "write to your recruiter today" in _advice(decision_date="2026-11-27")
    draft = _draft(decision_date="2026-11-27")
    assert "decide by Friday 27 November" in draft and "Hi Nadia," in draft


def test_on_the_interview_day_the_recruiter_gets_thanks_and_a_debrief_not_any_news() -> None:
    advice = decide(Situation(**{**STORY, "interview_date": "2026-11-30"}), MONDAY)
    assert advice.draft_kinds[0] == "agency_thank_you" and "agency_status_interview_today" in advice.item_ids
    text = _advice(interview_date="2026-11-30")
    assert "any news" not in text.lower() and "Tue 1 Dec" in text
    assert "[Interviewer's name]" not in text  # no interviewer named: thanks to the people met
    named = _draft("agency_thank_you", interview_date="2026-11-30", interviewer_name="Pete")
    assert "pass on my thanks to Pete" in named and "today" in named


def test_another_offer_is_told_to_the_recruiter_with_the_role_still_wanted() -> None:
    assert "other offer" in _advice(competing_offer="yes").split("\n")[0]
    draft = _draft(competing_offer="yes")
    assert "another offer" in draft and "Kestrel Foods" in draft and "strengthen my application" not in draft


def test_a_silent_recruiter_gets_a_note_to_a_colleague_at_the_agency() -> None:
    for goal in ("agency_status", "contact_company"):
        draft = _draft(goal=goal, followed_up="yes")
        assert draft.split("\n\n")[1] == "Hello," and "Hi Nadia" not in draft
        assert "Nadia at Lanyard Staffing put me forward" in draft and "haven't heard back" in draft
    assert "another offer" in _draft(followed_up="yes", competing_offer="yes")
    assert "Hi Nadia," in _draft(followed_up="yes", invited_to_contact="yes")


def test_the_message_to_the_client_never_claims_who_invited_the_user() -> None:
    invited = {"goal": "contact_company", "invited_to_contact": "yes", "interviewer_name": "Lena Park"}
    draft = _draft("company_message_cc_recruiter", **invited)
    assert "inviting me" not in draft and "as invited" not in draft
    assert "Cc: Nadia Brook (Lanyard Staffing)" in draft and "Dear Lena," in draft
    assert "invited you" not in _advice(**invited).split("\n")[0]
    asking = _draft("company_message_cc_recruiter", **invited, own_question="whether the role comes with relocation")
    assert "I'd like to ask whether the role comes with relocation." in asking and "[Your question" not in asking


def test_an_agency_name_that_is_the_recruiters_own_name_is_left_out() -> None:
    invited = {"goal": "contact_company", "invited_to_contact": "yes", "interviewer_name": "Lena Park"}
    draft = _draft("company_message_cc_recruiter", **invited, recruiter_name="Oliver", agency_name="Oliver Grant")
    assert "Oliver Grant" not in draft and "Cc: Oliver\n" in draft and "I've copied Oliver," in draft
    unknown = _draft("company_message_cc_recruiter", **invited, agency_name=None)
    assert "[Agency]" not in unknown and "Cc: Nadia Brook\n" in unknown


def test_a_remark_about_copying_the_recruiter_is_left_to_the_cc_line() -> None:
    invited = {"goal": "contact_company", "invited_to_contact": "yes", "interviewer_name": "Lena Park"}
    question = "whether the role comes with relocation support, with Nadia in cc"
    draft = _draft("company_message_cc_recruiter", **invited, own_question=question)
    assert "I'd like to ask whether the role comes with relocation support. I've copied Nadia" in draft


def test_a_silent_recruiter_gets_the_colleague_note_on_request_and_the_thanks_go_through_the_recruiter() -> None:
    silent = advise(Situation(**{**STORY, "followed_up": "yes"}), MONDAY).messages
    assert not any(m.draft_kind for m in silent)  # "a third email won't add much": the note is one click away
    assert any("Message to your recruiter" in b.title for m in silent for b in m.buttons)
    unnamed = _draft(followed_up="yes", recruiter_name=None)
    assert "My recruiter at Lanyard Staffing put me forward" in unnamed and "[Recruiter's name]" not in unnamed
    thanks = decide(Situation(**{**STORY, "goal": "agency_thank_you"}), MONDAY)
    assert thanks.verdict == "yes" and thanks.draft_kinds[0] == "agency_thank_you"
    direct = decide(Situation(**{**STORY, "goal": "agency_thank_you", "draft_to": "interviewer"}), MONDAY)
    assert direct.verdict == "no" and direct.draft_kinds[0] == "agency_thank_you"  # to the recruiter, not the client


def test_a_message_to_the_client_before_the_interview_does_not_follow_it() -> None:
    """Blind 27d-02: a question sent before Thursday's client interview said 'following my interview on Thursday'."""
    invited = {"goal": "contact_company", "invited_to_contact": "yes", "interviewer_name": "Lena Park"}
    before = _draft("company_message_cc_recruiter", **invited, interview_date="2026-12-03")
    assert "ahead of my interview on Thursday 3 December" in before and "following my interview" not in before
    after = _draft("company_message_cc_recruiter", **invited)
    assert "following my interview on Wednesday 25 November" in after
