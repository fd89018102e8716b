"""Verdicts, sources and drafts that fit the situation (blind round 27: advice, verdicts and sources)."""

from datetime import datetime, timezone

from actions.engine.advice import advise, decide, draft_on_request
from actions.engine.drafts import render_draft
from actions.engine.situation import Situation
from actions.engine.topics import answer_topic

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)
POST = {"branch": "post_interview"}
STATUS = {**POST, "goal": "status_check", "interview_date": "2026-10-29", "told_not_to_contact": "yes"}
QUICK_GUIDE = "Reaching out to an interviewer before the interview: a quick guide"


def based_on(facts: dict) -> str:
    """The 'Based on' line of the first answer for these facts."""
    reply = advise(Situation(**facts), NOW)
    return next(m.text for m in reply.messages if m.text.startswith("Based on: "))


def test_a_before_the_interview_article_cited_after_it_names_its_section() -> None:
    """27b-01: a thank-you after the interview cited the quick guide as if it were about the time before it."""
    line = based_on({**POST, "goal": "thank_you", "interview_date": "2026-11-30", "channel": "email"})
    assert f"{QUICK_GUIDE} (section “Following up after the interview”)" in line


def test_an_article_cited_for_its_own_stage_is_named_by_title_only() -> None:
    facts = {
        "branch": "pre_interview",
        "goal": "logistics",
        "interview_date": "2026-12-03",
        "channel": "email",
        "told_not_to_contact": "no",
    }
    line = based_on(facts)
    assert QUICK_GUIDE in line and "section" not in line


def test_an_after_the_interview_article_cited_before_it_names_its_point() -> None:
    """A 10-truths point used before the interview (agency check-in ahead of it) says which point it is."""
    facts = {"branch": "staffing_agency", "goal": "agency_status", "interview_date": "2026-12-03"}
    line = based_on(facts)
    assert "Contacting hiring managers after an interview: 10 truths (points 2, 4, 7 and 9)" in line


def test_skipping_the_thank_you_gives_no_advice_on_what_to_put_in_it() -> None:
    """27c-03: 'No, skip it this time' was followed by what to write in the note and a next-steps disagreement."""
    facts = {**POST, "goal": "thank_you", "interview_date": "2026-11-20", "told_not_to_contact": "yes"}
    advice = decide(Situation(**facts), NOW)
    assert advice.verdict == "no"
    assert not {"post_thank_you_content", "post_thank_you_email_next_steps"} & set(advice.item_ids)


def test_hold_off_asks_for_no_gracious_message() -> None:
    """'Hold off' followed by 'thank them again and restate your interest' told the user to write after all."""
    advice = decide(Situation(**{**STATUS, "decision_date": "2026-12-14"}), NOW)
    assert advice.verdict == "no" and "stay_polite" not in advice.item_ids


def test_a_lapsed_promise_after_do_not_check_in_allows_one_email() -> None:
    """27c-10: 'no need to check in, we'll contact everyone by 13 Nov', 17 days later: one polite email is fair."""
    situation = Situation(**{**STATUS, "decision_date": "2026-11-13"})
    advice = decide(situation, NOW)
    assert advice.item_ids[0] == "post_told_not_date_lapsed" and advice.verdict == "yes"
    assert advice.draft_kinds[0] == "decision_followup_email"
    text = "\n".join(m.text for m in advise(situation, NOW).messages)
    assert "Fri 13 Nov" in text and "Fri 20 Nov" in text and "Hold off" not in text
    topic = answer_topic("deadline_passed", situation, None, verdict=advice.verdict)
    assert topic is not None and topic.startswith("It does")


def test_before_their_date_the_answer_stays_hold_off() -> None:
    """Asked not to check in and their date still ahead: hold off, no draft (not even on request: blind B13)."""
    situation = Situation(**{**STATUS, "decision_date": "2026-12-15"})
    advice = decide(situation, NOW)
    assert advice.verdict == "no" and advice.draft_kinds == [] and draft_on_request(situation, NOW) is None


def test_a_second_follow_up_is_not_offered_as_a_draft_on_request() -> None:
    situation = Situation(**{**STATUS, "decision_date": "2026-11-13", "followed_up": "yes"})
    assert decide(situation, NOW).verdict == "no" and draft_on_request(situation, NOW) is None


def test_the_feedback_request_does_not_thank_its_reader_for_a_decision_someone_else_sent() -> None:
    """27c-01/06: HR or the talent team sent the no, yet the note thanked the interviewer 'for letting me know'."""
    facts = {
        **POST,
        "goal": "feedback",
        "interviewer_name": "Ilse Brandt",
        "company": "Corvid Maps",
        "role": "GIS analyst",
    }
    text = render_draft("feedback_request_email", Situation(**facts), NOW).text
    assert "letting me know" not in text and "considering me for the GIS analyst position at Corvid Maps" in text


def test_copying_the_agency_recruiter_is_one_rule_after_the_interview_too() -> None:
    """27d-12: 'should I cc Ben?' (an agency put them forward) got 'send it just to the person it's for'."""
    facts = {**POST, "goal": "thank_you", "agency_name": "Tallis Search", "recruiter_name": "Ben Ortega"}
    answer = answer_topic("cc", Situation(**facts), None)
    assert answer is not None and answer.startswith("Yes — copy Ben Ortega")
    invited = {**POST, "goal": "thank_you", "invited_to_contact": "yes", "recruiter_name": "Ben Ortega"}
    answer = answer_topic("cc", Situation(**invited), None)  # 'Hudson' was read as a person, not the agency
    assert answer is not None and answer.startswith("Yes — copy Ben Ortega")
    without = answer_topic("cc", Situation(**{**POST, "goal": "thank_you"}), None)
    assert without is not None and "send it just to the person" in without


PRE_LOGISTICS = {
    "branch": "pre_interview",
    "goal": "logistics",
    "interview_date": "2026-12-03",
    "channel": "email",
    "told_not_to_contact": "no",
}


def test_a_second_confirmation_of_settled_details_is_not_needed_and_not_drafted() -> None:
    """27a-17: 'I wrote back confirming, she said great' got 'Yes — ask it now' and a second confirmation."""
    situation = Situation(**{**PRE_LOGISTICS, "already_settled": "yes"})
    assert decide(situation, NOW).item_ids[0] == "pre_already_settled"
    assert not [m for m in advise(situation, NOW).messages if m.draft_kind]
