import json
import re
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any, Callable, Dict, List, Tuple
from zoneinfo import ZoneInfo

import pytest

from actions.engine.advice import (
    INVITED_BUTTONS,
    advise,
    decide,
    draft_on_request,
    missing_facts,
    outcome,
    remembered,
)
from actions.engine.drafts import render_draft
from actions.engine.knowledge import load_knowledge
from actions.engine.situation import Situation
from actions.engine.vocabulary import GOALS, NO_DATE_GIVEN, UNKNOWN

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=timezone.utc)
PRE = {"branch": "pre_interview"}
POST = {"branch": "post_interview"}
AGENCY = {"branch": "staffing_agency"}
SHOULD = {
    **PRE,
    "goal": "should_contact",
    "interview_date": "2026-11-26",
    "channel": "email",
    "told_not_to_contact": "no",
    "interview_format": "full",
}
STATUS = {**POST, "goal": "status_check", "told_not_to_contact": "no"}


def on(day: int) -> datetime:
    return datetime(2026, 11, day, 10, 0, tzinfo=timezone.utc)


# One situation (and message time) per advice item that must produce it.
EXAMPLES: Dict[str, Tuple[Dict[str, Any], datetime]] = {
    "pre_told_not": ({**SHOULD, "told_not_to_contact": "yes"}, NOW),
    "pre_to_recruiter_told_not": ({**SHOULD, "told_not_to_contact": "yes", "draft_to": "recruiter"}, NOW),
    "pre_to_recruiter_told_not_practical": (
        {**SHOULD, "told_not_to_contact": "yes", "draft_to": "recruiter", "question": "people"},
        NOW,
    ),
    "pre_to_recruiter": ({**PRE, "goal": "preparation", "draft_to": "recruiter", "recruiter_name": "Owen Park"}, NOW),
    "pre_interview_passed": ({**SHOULD, "interview_date": "2026-11-20"}, NOW),
    "post_status_interview_ahead": ({**STATUS, "interview_date": "2026-11-26", "decision_date": NO_DATE_GIVEN}, NOW),
    "pre_presentation_question": ({**SHOULD, "goal": "preparation", "question": "presentation"}, NOW),
    "pre_prep_question_verdict": ({**SHOULD, "goal": "preparation"}, NOW),
    "pre_not_scheduled": ({**SHOULD, "not_scheduled": "yes"}, NOW),
    "pre_screen": ({**SHOULD, "interview_format": "screen"}, NOW),
    "pre_practical_no_details": ({**SHOULD, "goal": "logistics", "channel": "none", "question": "location"}, NOW),
    "pre_no_details": ({**SHOULD, "channel": "none"}, NOW),
    "pre_senior_linkedin_verdict": ({**PRE, "goal": "linkedin_intro", "senior_interviewer": "yes"}, NOW),
    "pre_already_settled": ({**SHOULD, "already_settled": "yes"}, NOW),
    "pre_unknown_date": ({**PRE, "goal": "logistics", "interview_date": UNKNOWN}, NOW),
    "pre_too_early": (SHOULD, NOW),
    "pre_in_window": ({**SHOULD, "interview_date": "2026-11-25"}, on(23)),
    "pre_window_passed": ({**SHOULD, "interview_date": "2026-11-30"}, on(28)),
    "pre_practical_question": ({**SHOULD, "goal": "logistics", "interview_date": "2026-11-23"}, NOW),
    "pre_today_urgent_question": (
        {**SHOULD, "goal": "logistics", "interview_date": "2026-11-22", "question": "link"},
        NOW,
    ),
    "pre_interview_tomorrow": ({**SHOULD, "interview_date": "2026-11-23"}, NOW),
    "pre_interview_today": ({**SHOULD, "interview_date": "2026-11-22"}, NOW),
    "pre_valid_reasons": ({**PRE, "goal": "logistics", "interview_date": "2026-11-24"}, on(23)),
    "pre_channel_keep": (SHOULD, NOW),
    "pre_channel_no_details": ({**PRE, "goal": "logistics", "channel": "none"}, NOW),
    "pre_length_email": (SHOULD, NOW),
    "pre_length_linkedin": ({**PRE, "goal": "linkedin_intro", "interview_date": "2026-11-30"}, NOW),
    "pre_what_to_say": (SHOULD, NOW),
    "pre_questions": (SHOULD, NOW),
    "pre_no_salary": ({**PRE, "goal": "logistics"}, NOW),
    "pre_substantive_wait": (SHOULD, NOW),
    "pre_prep_question": ({**PRE, "goal": "preparation", "channel": "email"}, NOW),
    "pre_recruiter_insight": ({**PRE, "goal": "preparation"}, NOW),
    "pre_when_not": (SHOULD, NOW),
    "pre_senior_linkedin": ({**PRE, "goal": "linkedin_intro"}, NOW),
    "pre_be_ready": (SHOULD, NOW),
    "pre_already_followed_up": ({**SHOULD, "followed_up": "yes"}, NOW),
    "pre_nudge_email": ({**PRE, "goal": "logistics", "channel": "email"}, NOW),
    "pre_nudge_linkedin": ({**PRE, "goal": "should_contact", "channel": "linkedin"}, NOW),
    "pre_no_details_disagree": ({**PRE, "goal": "logistics", "channel": "none"}, NOW),
    "pre_prep_disagree": ({**PRE, "goal": "preparation"}, NOW),
    "post_thank_you_no_email": ({**POST, "goal": "thank_you", "interview_date": "2026-11-20", "channel": "none"}, NOW),
    "post_thank_you_told_not": (
        {**POST, "goal": "thank_you", "interview_date": "2026-11-20", "told_not_to_contact": "yes"},
        NOW,
    ),
    "post_thank_you_after": ({**POST, "goal": "thank_you", "interview_date": "2026-11-20"}, NOW),
    "post_thank_you_before": ({**POST, "goal": "thank_you", "interview_date": "2026-11-26"}, NOW),
    "post_thank_you_unknown": ({**POST, "goal": "thank_you"}, NOW),
    "post_told_not": ({**STATUS, "told_not_to_contact": "yes"}, NOW),
    "post_told_not_date_lapsed": ({**STATUS, "told_not_to_contact": "yes", "decision_date": "2026-11-02"}, NOW),
    "post_call_or_email": ({**POST, "goal": "call_or_email", "decision_date": "2026-11-20"}, NOW),
    "post_wait_decision": ({**STATUS, "decision_date": "2026-11-20"}, NOW),
    "post_today_decision": ({**STATUS, "decision_date": "2026-11-20"}, on(27)),
    "post_passed_decision": ({**STATUS, "decision_date": "2026-11-02"}, NOW),
    "post_wait_none": ({**STATUS, "interview_date": "2026-11-16", "decision_date": NO_DATE_GIVEN}, NOW),
    "post_today_none": ({**STATUS, "interview_date": "2026-11-02", "decision_date": NO_DATE_GIVEN}, on(16)),
    "post_passed_none": ({**STATUS, "interview_date": "2026-11-02", "decision_date": NO_DATE_GIVEN}, NOW),
    "post_rule_no_interview_date": ({**STATUS, "interview_date": UNKNOWN, "decision_date": NO_DATE_GIVEN}, NOW),
    "post_rule_decision_unknown": ({**STATUS, "interview_date": "2026-11-10", "decision_date": UNKNOWN}, NOW),
    "post_rule_unknown": ({**STATUS, "interview_date": UNKNOWN, "decision_date": UNKNOWN}, NOW),
    "post_feedback_final": ({**POST, "goal": "feedback", "stage_reached": "final"}, NOW),
    "post_feedback_early": ({**POST, "goal": "feedback", "stage_reached": "early"}, NOW),
    "post_feedback_unknown": ({**POST, "goal": "feedback", "stage_reached": UNKNOWN}, NOW),
    "post_thank_you_content": ({**POST, "goal": "thank_you"}, NOW),
    "post_email_not_phone": ({**STATUS, "decision_date": "2026-11-02"}, NOW),
    "post_only_interviewer": (STATUS, NOW),
    "post_companies_slow": (STATUS, NOW),
    "post_rejected_status": ({**STATUS, "rejected": "yes"}, NOW),
    "post_feedback_how": ({**POST, "goal": "feedback"}, NOW),
    "keep_applying": ({**AGENCY, "goal": "agency_status"}, NOW),
    "stay_polite": (STATUS, NOW),
    "stay_polite_after_no": ({**AGENCY, "goal": "agency_status", "rejected": "yes"}, NOW),
    "post_thank_you_email_next_steps": ({**POST, "goal": "thank_you", "channel": "email"}, NOW),
    "post_thank_you_linkedin_no_next": ({**POST, "goal": "thank_you", "channel": "linkedin"}, NOW),
    "post_followed_up_once": ({**STATUS, "followed_up": "yes"}, NOW),
    "post_followed_up_more": ({**STATUS, "followed_up": "yes", "followed_up_again": "yes"}, NOW),
    "post_followed_up_more_dated": (
        {**STATUS, "followed_up": "yes", "followed_up_again": "yes", "followed_up_date": "2026-11-16"},
        NOW,
    ),
    "post_followed_up_once_dated": ({**STATUS, "followed_up": "yes", "followed_up_date": "2026-11-19"}, NOW),
    "post_followed_up_let_go": ({**STATUS, "followed_up": "yes", "followed_up_date": "2026-11-02"}, NOW),
    "post_followed_up_answered": ({**STATUS, "followed_up": "yes", "still_reviewing": "yes"}, NOW),
    "post_competing_offer": ({**STATUS, "competing_offer": "yes"}, NOW),
    "post_offer_received": ({**STATUS, "offer_received": "yes"}, NOW),
    "agency_offer_received": ({**AGENCY, "goal": "agency_status", "offer_received": "yes"}, NOW),
    "post_requested_items": ({**STATUS, "requested_items": "yes", "references": "John Ruiz; Amy Lee"}, NOW),
    "post_told_not_but_offer": ({**STATUS, "competing_offer": "yes", "told_not_to_contact": "yes"}, NOW),
    "pre_told_not_unknown": ({**PRE, "goal": "logistics", "interview_date": "2026-11-26"}, NOW),
    "post_told_not_unknown": ({**POST, "goal": "status_check", "interview_date": "2026-11-02"}, NOW),
    "agency_status_before": ({**AGENCY, "goal": "agency_status", "interview_date": "2026-11-26"}, NOW),
    "agency_question_before": (
        {**AGENCY, "goal": "agency_status", "interview_date": "2026-11-26", "question": "location"},
        NOW,
    ),
    "agency_question_before_named": (
        {
            **AGENCY,
            "goal": "agency_status",
            "interview_date": "2026-11-26",
            "question": "focus",
            "recruiter_name": "Ada",
        },
        NOW,
    ),
    "agency_status_after": ({**AGENCY, "goal": "agency_status", "interview_date": "2026-11-16"}, NOW),
    "agency_status_ok": ({**AGENCY, "goal": "agency_status"}, NOW),
    "agency_status_not_scheduled": ({**AGENCY, "goal": "agency_status", "not_scheduled": "yes"}, NOW),
    "agency_invited": ({**AGENCY, "goal": "contact_company", "invited_to_contact": "yes"}, NOW),
    "agency_company_wrote_first": (
        {**AGENCY, "goal": "contact_company", "invited_to_contact": "yes", "company_wrote_first": "yes"},
        NOW,
    ),
    "agency_recruiter_gone": ({**AGENCY, "goal": "agency_status", "recruiter_gone": "yes", "followed_up": "yes"}, NOW),
    "pre_invited_question": (
        {
            "branch": "pre_interview",
            "goal": "should_contact",
            "interview_date": "2026-11-23",
            "invited_to_contact": "yes",
        },
        NOW,
    ),
    "post_recruiter_gone": ({**STATUS, "recruiter_name": "Tasha Bright", "recruiter_gone": "yes"}, NOW),
    "post_panel_only_to_hr": (
        {**STATUS, "told_not_to_contact": "yes", "no_contact_panel": "yes", "draft_to": "recruiter"},
        NOW,
    ),
    "agency_not_invited": ({**AGENCY, "goal": "contact_company", "invited_to_contact": "no"}, NOW),
    "agency_told_not_to_contact": ({**AGENCY, "goal": "contact_company", "told_not_to_contact": "yes"}, NOW),
    "agency_expect_answers": ({**AGENCY, "goal": "agency_status"}, NOW),
    "agency_no_bypass": ({**AGENCY, "goal": "agency_status"}, NOW),
    "agency_cc_how": ({**AGENCY, "goal": "contact_company", "invited_to_contact": "yes"}, NOW),
    "agency_feedback_not_direct": ({**AGENCY, "goal": "contact_company", "rejected": "yes"}, NOW),
    "agency_feedback_after_no": ({**AGENCY, "goal": "agency_status", "rejected": "yes"}, NOW),
    "agency_thank_you_before": ({**AGENCY, "goal": "agency_thank_you", "interview_date": "2026-11-26"}, NOW),
    "agency_thank_you_invited": ({**AGENCY, "goal": "agency_thank_you", "invited_to_contact": "yes"}, NOW),
    "agency_recruiter_silent": ({**AGENCY, "goal": "agency_status", "followed_up": "yes"}, NOW),
    "agency_silent_not_around": ({**AGENCY, "goal": "contact_company", "followed_up": "yes"}, NOW),
    "agency_thank_you": ({**AGENCY, "goal": "agency_thank_you", "interview_date": "2026-11-20"}, NOW),
    "agency_thank_you_not_direct": (
        {**AGENCY, "goal": "agency_thank_you", "interview_date": "2026-11-20", "draft_to": "interviewer"},
        NOW,
    ),
    "agency_competing_offer": ({**AGENCY, "goal": "agency_status", "competing_offer": "yes"}, NOW),
    "agency_status_interview_today": ({**AGENCY, "goal": "agency_status", "interview_date": "2026-11-22"}, NOW),
    "agency_status_wait": (
        {**AGENCY, "goal": "agency_status", "interview_date": "2026-11-18", "decision_date": "2026-11-25"},
        NOW,
    ),
    "agency_status_date_passed": (
        {**AGENCY, "goal": "agency_status", "interview_date": "2026-11-16", "decision_date": "2026-11-19"},
        NOW,
    ),
}
ITEM_IDS = [item.id for item in load_knowledge().items]


def full_text(situation: Situation, now: datetime = NOW, channel: str = None) -> str:
    return "\n".join(message.text for message in advise(situation, now, channel).messages)


def test_every_item_has_an_example() -> None:
    assert sorted(EXAMPLES) == sorted(ITEM_IDS)


@pytest.mark.parametrize("item_id", ITEM_IDS)
def test_every_item_is_reachable_and_shown(item_id: str) -> None:
    kwargs, now = EXAMPLES[item_id]
    situation = Situation(**kwargs)
    advice = decide(situation, now)
    assert item_id in advice.item_ids
    applied = next(a for a in advice.items if a.item.id == item_id)
    text = full_text(situation, now)
    assert applied.text in text
    assert "{" not in text and "None" not in text


@pytest.mark.parametrize("item_id", ITEM_IDS)
def test_reply_shape(item_id: str) -> None:
    kwargs, now = EXAMPLES[item_id]
    reply = advise(Situation(**kwargs), now)
    last = reply.messages[-1]
    assert last.text.startswith("Based on: ")
    payloads = [button.payload for button in last.buttons]
    assert payloads[-2:] == ["/review_draft", "/restart"]
    for payload in payloads[:-2]:
        if payload in {button.payload for button in INVITED_BUTTONS}:
            continue  # "better not, unless you were invited (tell me if they have)": answered with one click
        assert payload.startswith("/ask_draft{")
        assert json.loads(payload[len("/ask_draft") :])["draft_kind"]
    drafts = [m for m in reply.messages if m.draft_kind]
    assert len(drafts) <= 1
    assert reply.messages[0].draft_kind is None and "Based on" not in reply.messages[0].text


def test_one_verdict_only_unless_marked_to_continue() -> None:
    for kwargs, now in EXAMPLES.values():
        advice = decide(Situation(**kwargs), now)
        verdicts = [a.item for a in advice.items if a.item.part == "verdict"]
        assert len(verdicts) >= 1
        assert all(v.keep_looking for v in verdicts[:-1])


def test_brief_examples() -> None:
    first = advise(Situation(**SHOULD), NOW).messages[0].text
    assert "Reach out 1–3 days before" in first and "Mon 23 to Wed 25 Nov" in first
    assert "wait until Mon 23 Nov" in first
    monday = advise(Situation(**{**SHOULD, "interview_date": "2026-11-30"}), NOW).messages[0].text
    assert "Wed 25 to Fri 27 Nov" in monday
    decision = advise(Situation(**{**STATUS, "decision_date": "2026-11-20"}), NOW).messages[0].text
    assert "wait a week past it: write on Fri 27 Nov" in decision
    none_given = advise(Situation(**{**STATUS, "interview_date": "2026-11-02", "decision_date": NO_DATE_GIVEN}), NOW)
    assert "two weeks have passed (Mon 16 Nov): you can write today" in none_given.messages[0].text
    passed = advise(Situation(**{**STATUS, "decision_date": "2026-11-02"}), NOW).messages[0].text
    assert "that date has passed" in passed and "you can write today" in passed


def test_unknown_dates_give_the_rule_in_words() -> None:
    text = advise(Situation(**{**STATUS, "interview_date": UNKNOWN, "decision_date": UNKNOWN}), NOW).messages[0].text
    assert "one week after" in text and "two weeks after your interview" in text
    assert not re.search(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d", text)


def test_a_practical_question_for_the_recruiter_is_a_plain_yes_despite_a_no_contact_instruction() -> None:
    told_not = {**SHOULD, "told_not_to_contact": "yes", "draft_to": "recruiter"}
    assert decide(Situation(**told_not, question="parking"), NOW).verdict == "yes"
    assert decide(Situation(**told_not), NOW).verdict == "logistics"  # no question yet: practical ones only
    assert decide(Situation(**{**told_not, "draft_to": None}, question="parking"), NOW).verdict == "no"


def test_told_not_to_contact_means_no_draft_and_no_timing() -> None:
    reply = advise(Situation(**{**SHOULD, "told_not_to_contact": "yes"}), NOW)
    assert reply.messages[0].text.startswith("Don't contact them")
    assert not any(m.draft_kind for m in reply.messages)
    assert [b.payload for b in reply.messages[-1].buttons] == ["/review_draft", "/restart"]
    assert "pre_too_early" not in decide(Situation(**{**SHOULD, "told_not_to_contact": "yes"}), NOW).item_ids


def test_draft_shown_inline_fits_the_situation() -> None:
    def inline(kwargs: Dict[str, Any], now: datetime = NOW) -> str:
        return next(m.draft_kind for m in advise(Situation(**kwargs), now).messages if m.draft_kind)

    assert inline({**SHOULD, "interview_date": "2026-11-25"}, on(23)) == "pre_confirm_email"  # in the 1-3 day window
    assert inline({**SHOULD, "interview_date": "2026-11-23", "question": "link"}) == "pre_confirm_email"  # tomorrow
    assert inline({**PRE, "goal": "linkedin_intro"}) == "linkedin_note"
    assert inline({**PRE, "goal": "preparation", "channel": "email"}) == "pre_prep_question_email"
    assert inline({**POST, "goal": "thank_you", "channel": "linkedin"}) == "linkedin_thank_you"
    assert inline({**POST, "goal": "thank_you", "channel": "email"}) == "thank_you_email"
    assert inline({**STATUS, "decision_date": "2026-11-02"}) == "decision_followup_email"
    assert inline({**STATUS, "decision_date": NO_DATE_GIVEN, "interview_date": "2026-11-02"}) == "status_check_email"
    assert inline({**STATUS, "rejected": "yes"}) == "feedback_request_email"
    assert inline({**POST, "goal": "feedback"}) == "feedback_request_email"
    assert inline({**AGENCY, "goal": "agency_status"}) == "agency_checkin"
    assert inline({**AGENCY, "goal": "contact_company", "invited_to_contact": "yes"}) == "company_message_cc_recruiter"
    assert inline({**AGENCY, "goal": "contact_company", "invited_to_contact": "no"}) == "agency_checkin"
    assert inline({**SHOULD, "interview_date": "2026-11-20"}) == "thank_you_email"


def test_drafts_in_advice_are_escaped_for_the_channel() -> None:
    situation = Situation(
        **{**SHOULD, "interview_date": "2026-11-23", "question": "link", "interviewer_name": "<@U123> <!channel>"}
    )
    assert "<@U123>" not in full_text(situation, NOW, "slack")
    assert "&lt;@U123&gt;" in full_text(situation, NOW, "slack")


def test_disagreements_are_explained_by_channel() -> None:
    email = full_text(Situation(**{**POST, "goal": "thank_you", "channel": "email"}))
    linkedin = full_text(Situation(**{**POST, "goal": "thank_you", "channel": "linkedin"}))
    assert "Where the articles disagree" in email and "one brief line about their timeline is fine" in email
    assert "Don't ask about next steps in a LinkedIn thank-you" in linkedin
    assert "timeline is fine" not in linkedin


def test_sources_line_uses_article_titles() -> None:
    knowledge = load_knowledge()
    last = advise(Situation(**STATUS), NOW).messages[-1].text
    assert knowledge.articles["003_057216b1a95ae1c9.txt"] in last
    assert ".txt" not in last


def test_incomplete_situation_asks_for_branch() -> None:
    reply = advise(Situation(), NOW)
    assert "before your interview" in reply.messages[0].text
    assert advise(Situation(branch="pre_interview", goal="thank_you"), NOW).messages[0].buttons[0].payload == "/restart"


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, ["branch", "goal"]),
        ({"branch": "nonsense"}, ["branch", "goal"]),
        ({"branch": UNKNOWN}, []),
        ({**PRE}, ["goal"]),
        ({**PRE, "goal": "should_contact"}, ["interview_date", "channel", "told_not_to_contact", "interview_format"]),
        ({**PRE, "goal": "logistics"}, ["interview_date", "channel", "told_not_to_contact"]),
        ({**PRE, "goal": "linkedin_intro"}, ["interview_date", "told_not_to_contact"]),
        ({**PRE, "goal": "preparation", "interview_date": UNKNOWN, "channel": "email"}, []),
        ({**PRE, "goal": "should_contact", "told_not_to_contact": "yes"}, []),
        ({**SHOULD}, []),
        ({**POST, "goal": "thank_you"}, ["interview_date", "channel"]),
        ({**POST, "goal": "status_check"}, ["interview_date", "decision_date", "told_not_to_contact"]),
        ({**POST, "goal": "decision_passed", "decision_date": "2026-11-20"}, []),
        ({**POST, "goal": "call_or_email", "interview_date": "2026-11-02"}, ["decision_date", "told_not_to_contact"]),
        ({**POST, "goal": "status_check", "told_not_to_contact": "yes"}, []),
        ({**POST, "goal": "status_check", "followed_up": "yes"}, []),
        ({**POST, "goal": "feedback"}, []),  # soft facts only: answered at once
        ({**POST, "goal": "feedback", "stage_reached": UNKNOWN}, []),
        ({**AGENCY, "goal": "agency_status"}, []),
        ({**AGENCY, "goal": "contact_company"}, []),  # soft: "better not, unless invited" at once
        ({**AGENCY, "goal": "contact_company", "invited_to_contact": "no"}, []),
    ],
)
def test_missing_facts(kwargs: Dict[str, Any], expected: list) -> None:
    assert missing_facts(Situation(**kwargs)) == expected


def test_advice_uses_the_users_local_day() -> None:
    late_evening_utc = datetime(2026, 11, 22, 23, 30, tzinfo=timezone.utc)
    tokyo = late_evening_utc.astimezone(ZoneInfo("Asia/Tokyo"))
    situation = Situation(**{**SHOULD, "interview_date": "2026-11-24"})
    assert "interview is tomorrow" in advise(situation, tokyo).messages[0].text
    assert "wait until Mon 23 Nov" in advise(situation, late_evening_utc).messages[0].text


@pytest.mark.parametrize(("branch", "goal"), [(b, g) for b, goals in GOALS.items() for g in goals])
def test_any_combination_reads_cleanly(branch: str, goal: str, sit: Callable[..., Situation], now: datetime) -> None:
    for interview in (None, UNKNOWN, "2026-11-02", "2026-11-22", "2026-11-23", "2026-12-07"):
        for channel in (None, "email", "linkedin", "none"):
            for decision in (None, NO_DATE_GIVEN, "2026-11-27"):
                situation = sit(
                    branch=branch, goal=goal, interview_date=interview, channel=channel, decision_date=decision
                )
                reply = advise(situation, now, "socketio")
                text = "\n".join(m.text for m in reply.messages)
                assert "None" not in text and "{" not in text and "  " not in text
                assert reply.messages[0].text and not reply.messages[0].draft_kind


@pytest.mark.parametrize(
    ("interview", "now", "expected"),
    [
        ("2026-11-16", NOW, "Mon 23 Nov is fine"),  # Sunday: the next working day
        ("2026-11-16", datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc), "Tue 24 Nov is fine"),
        ("2026-11-26", NOW, "Fri 27 Nov is a good day"),  # the working day after the interview
        ("2026-11-27", NOW, "Mon 30 Nov is a good day"),  # interview on a Friday: the Monday after
    ],
)
def test_agency_check_in_names_a_working_day(interview: str, now: datetime, expected: str) -> None:
    reply = advise(Situation(branch="staffing_agency", goal="agency_status", interview_date=interview), now)
    assert expected in reply.messages[0].text


@pytest.mark.parametrize(
    ("slots", "asked", "expected"),
    [
        ({**PRE, "goal": "logistics", "interview_date": "2026-11-26", "channel": "email"}, False, []),
        (
            {**PRE, "goal": "logistics", "interview_date": "2026-11-26", "channel": "email"},
            True,
            [],
        ),
        ({**PRE, "goal": "logistics"}, False, ["interview_date", "channel", "told_not_to_contact"]),
        ({**POST, "goal": "decision_passed", "decision_date": "2026-11-13"}, False, []),
        ({**POST, "goal": "decision_passed"}, False, ["interview_date", "decision_date", "told_not_to_contact"]),
    ],
)
def test_soft_facts_alone_never_hold_back_the_answer(slots: Dict[str, Any], asked: bool, expected: List[str]) -> None:
    assert missing_facts(Situation(**slots), asking=asked) == expected


def test_advice_without_told_not_carries_the_caveat() -> None:
    situation = Situation(**{**POST, "goal": "decision_passed", "decision_date": "2026-11-13"})
    texts = "\n".join(message.text for message in advise(situation, NOW).messages)
    assert "asked you not to check in" in texts
    told = Situation(**{**POST, "goal": "decision_passed", "decision_date": "2026-11-13", "told_not_to_contact": "no"})
    assert "asked you not to check in" not in "\n".join(message.text for message in advise(told, NOW).messages)


def test_a_practical_question_days_ahead_is_a_yes_not_a_wait() -> None:
    now = datetime(2026, 11, 30, 10, tzinfo=timezone.utc)
    asking = Situation(branch="pre_interview", goal="logistics", interview_date="2026-12-04", channel="email")
    assert decide(asking, now).verdict == "yes"
    hello = Situation(branch="pre_interview", goal="should_contact", interview_date="2026-12-04", channel="email")
    assert decide(hello, now).verdict == "wait"


def test_an_agency_candidate_with_a_practical_question_before_the_interview_asks_the_recruiter_now() -> None:
    now = datetime(2026, 11, 30, 10, tzinfo=timezone.utc)
    asking = Situation(branch="staffing_agency", goal="agency_status", interview_date="2026-12-02", question="dress")
    advice = decide(asking, now)
    assert advice.verdict == "yes" and advice.item_ids[0] == "agency_question_before"
    waiting = Situation(branch="staffing_agency", goal="agency_status", interview_date="2026-12-02")
    assert decide(waiting, now).item_ids[0] == "agency_status_before"


def test_the_answer_to_ask_the_recruiter_before_the_interview_names_them_when_known() -> None:
    """Blind E04: 'so should I ask Sophie instead?' got an answer that never said whom to ask."""
    now = datetime(2026, 11, 30, 10, tzinfo=timezone.utc)
    named = Situation(
        branch="staffing_agency",
        goal="agency_status",
        interview_date="2026-12-01",
        question="focus",
        recruiter_name="Sophie Turner",
    )
    advice = decide(named, now)
    assert advice.verdict == "yes" and advice.items[0].text.startswith("Yes — ask Sophie now, before your interview")
    assert "what matters most to the hiring manager" in render_draft("agency_checkin", named, now).text


def test_a_not_yet_answer_offers_its_draft_behind_a_button_instead_of_inline() -> None:
    early = advise(Situation(**{**SHOULD, "interview_date": "2026-11-30"}), NOW)
    assert decide(Situation(**{**SHOULD, "interview_date": "2026-11-30"}), NOW).verdict == "wait"
    assert not any(m.draft_kind for m in early.messages)
    payloads = [b.payload for m in early.messages for b in m.buttons]
    assert any("pre_confirm_email" in p for p in payloads)


def test_a_competing_offer_means_write_now_with_the_offer_in_the_draft() -> None:
    situation = Situation(**{**STATUS, "competing_offer": "yes", "decision_date": None})
    assert "decision_date" not in missing_facts(situation)
    text = full_text(situation)
    assert text.startswith("Yes — an offer from another employer") and "another offer" in text


def test_an_offer_with_a_deadline_outweighs_dont_check_in_and_brings_a_draft_naming_it() -> None:
    situation = Situation(**{**STATUS, "competing_offer": "yes", "told_not_to_contact": "yes"})
    advice = decide(situation, NOW)
    assert advice.verdict != "no" and "post_told_not" not in advice.item_ids
    text = full_text(situation)
    assert not text.startswith("Hold off") and "deadline" in text and "another offer" in text


def test_a_senior_interviewer_turns_a_linkedin_yes_into_a_no_without_a_contradicting_bullet() -> None:
    linkedin = {**PRE, "goal": "linkedin_intro"}
    assert decide(Situation(**linkedin), NOW).verdict != "no"
    senior = decide(Situation(**linkedin, senior_interviewer="yes"), NOW)
    assert senior.verdict == "no" and "pre_senior_linkedin" not in senior.item_ids


def test_details_already_settled_mean_no_note_and_no_skip_bullet() -> None:
    settled = decide(Situation(**{**SHOULD, "already_settled": "yes"}), NOW)
    assert "pre_already_settled" in settled.item_ids and "pre_when_not" not in settled.item_ids


def test_a_practical_question_that_answered_itself_needs_no_note_and_shows_no_draft() -> None:
    """Blind B02: the call link turned up in the spam folder; 'ask it now' and a draft were the wrong answer."""
    found = Situation(**{**SHOULD, "goal": "logistics", "interview_date": "2026-11-23", "question": "link"})
    assert decide(found, NOW).item_ids[0] == "pre_practical_question"
    settled = replace(found, already_settled="yes")
    assert decide(settled, NOW).item_ids[0] == "pre_already_settled"
    reply = advise(settled, NOW)
    assert reply.messages[0].text.startswith("No need to send anything")
    assert not any(m.draft_kind for m in reply.messages)


def test_a_question_to_the_recruiter_is_drafted_even_when_the_hiring_team_is_off_limits() -> None:
    """Blind 23a-04: 'questions go through the portal ... write the message to Nadia' got 'don't contact them'."""
    situation = Situation(
        **{
            **SHOULD,
            "told_not_to_contact": "yes",
            "draft_to": "recruiter",
            "recruiter_name": "Nadia Brooks",
            "interviewer_name": "Greg Tulley",
            "question": "people",
        }
    )
    reply = advise(situation, NOW)
    drafts = [m.text for m in reply.messages if m.draft_kind]
    assert drafts and "Dear Nadia," in drafts[0] and "Greg" not in drafts[0]
    assert "Don't contact them" not in reply.messages[0].text
    told_not = Situation(**{**SHOULD, "told_not_to_contact": "yes"})
    assert not [m for m in advise(told_not, NOW).messages if m.draft_kind]


def test_a_corrected_name_brings_the_new_draft_even_while_waiting() -> None:
    now = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)
    wrong = Situation(
        branch="post_interview",
        goal="status_check",
        interview_date="2026-11-10",
        decision_date="2026-12-04",
        interviewer_name="Sophia Marchetti",
        company="Crestmoor Foods",
    )
    right = replace(wrong, interviewer_name="Sofia Marchesi")
    before = remembered(wrong)
    texts = [m.text for m in advise(right, now, before=before, draft_on_screen=True).messages]
    assert any("Dear Sofia," in text for text in texts)
    quiet = [m.text for m in advise(right, now, before=before).messages]
    assert not any("Dear Sofia," in text for text in quiet)


@pytest.mark.parametrize("goal", ["agency_status", "contact_company", "feedback", "agency_thank_you"])
def test_after_a_no_the_advice_never_asks_to_restate_interest_in_the_job(goal: str) -> None:
    branch = "post_interview" if goal == "feedback" else "staffing_agency"
    situation = Situation(branch=branch, goal=goal, rejected="yes", interview_date="2026-11-16")
    text = full_text(situation).lower()
    assert "restate your interest" not in text and "want the job" not in text
    assert "good part" in text  # the gracious line for after a no is there instead
    still = full_text(replace(situation, rejected="no")).lower()
    assert "good part" not in still


def test_told_not_to_contact_holds_for_a_thank_you_too() -> None:
    asked = Situation(**POST, goal="thank_you", interview_date="2026-11-20", interviewer_name="Elena Ruiz")
    told = replace(asked, told_not_to_contact="yes")
    reply = advise(told, NOW)
    assert reply.messages[0].text.startswith("No")
    assert not [m for m in reply.messages if m.draft_kind]
    assert decide(told, NOW).draft_kinds == []
    assert [m for m in advise(asked, NOW).messages if m.draft_kind]  # without the request the thank-you is drafted


@pytest.mark.parametrize(
    ("facts", "now"),
    [
        ({**SHOULD, "interview_format": "screen"}, NOW),  # "no need to write first" before a phone screen
        ({**SHOULD, "goal": "linkedin_intro", "channel": "linkedin", "interview_date": "2026-11-23"}, NOW),  # tomorrow
        ({**SHOULD, "interview_date": "2026-11-30"}, on(28)),  # the best days have gone by
    ],
)
def test_only_if_practical_comes_without_a_draft_unless_there_is_a_practical_question(
    facts: Dict[str, Any], now: datetime
) -> None:
    plain = Situation(**facts)
    assert decide(plain, now).verdict == "logistics"
    reply = advise(plain, now)
    assert not [m for m in reply.messages if m.draft_kind]
    offered = [b.payload for m in reply.messages for b in m.buttons]
    assert any(payload.startswith("/ask_draft") for payload in offered)  # the draft stays one click away
    asking = replace(plain, question="link")
    assert [m for m in advise(asking, now).messages if m.draft_kind]


def test_a_presentation_to_prepare_is_asked_about_now_not_in_the_window() -> None:
    prep = Situation(**{**SHOULD, "goal": "preparation", "interview_date": "2026-12-10", "interviewer_name": "Claire"})
    assert decide(prep, NOW).verdict == "wait"
    asking = replace(prep, question="presentation")
    advice = decide(asking, NOW)
    assert advice.verdict == "yes" and advice.item_ids[0] == "pre_presentation_question"
    drafts = [m.text for m in advise(asking, NOW).messages if m.draft_kind]
    assert drafts and "what it should cover and how long it should be" in drafts[0]
    assert decide(replace(asking, told_not_to_contact="yes"), NOW).verdict == "no"


def test_a_thank_you_without_an_email_address_goes_on_linkedin() -> None:
    situation = Situation(**POST, goal="thank_you", interview_date="2026-11-20", channel="none")
    assert decide(situation, NOW).draft_kinds[0] == "linkedin_thank_you"
    assert "LinkedIn" in full_text(situation)


def test_a_senior_interviewer_gets_a_linkedin_note_only_on_request() -> None:
    senior = Situation(**PRE, goal="linkedin_intro", senior_interviewer="yes", interviewer_name="Rajesh Iyer")
    advice = decide(senior, NOW)
    assert advice.verdict == "no" and advice.draft_kinds == []
    assert not [m for m in advise(senior, NOW).messages if m.draft_kind]
    assert draft_on_request(senior, NOW) == "linkedin_note"
    assert draft_on_request(replace(senior, told_not_to_contact="yes"), NOW) is None  # their rule, not advice


def test_a_before_the_interview_story_with_a_past_day_asks_once_whether_it_happened() -> None:
    """Blind 27d-02: a coming interview read as last week's got 'already behind you' and a thank-you, no question."""
    reply = advise(Situation(**{**SHOULD, "interview_date": "2026-11-19"}), NOW)
    verdict = reply.messages[0].text
    assert verdict.count("?") == 1 and "Thu 19 Nov" in verdict and "still to come" in verdict


def test_a_status_check_about_an_interview_still_ahead_asks_once_and_times_nothing() -> None:
    """Blind 27a-14: a coming interview read as held got 'wait two weeks after your interview'."""
    situation = Situation(**{**STATUS, "interview_date": "2026-11-26", "decision_date": NO_DATE_GIVEN})
    reply = advise(situation, NOW)
    assert reply.messages[0].text.count("?") == 1 and "Thu 26 Nov" in reply.messages[0].text
    assert "two weeks after" not in reply.messages[0].text and not any(m.draft_kind for m in reply.messages)


def test_a_request_for_references_gets_a_prompt_reply_listing_them_whatever_the_dates() -> None:
    situation = Situation(
        branch="post_interview",
        goal="status_check",
        interviewer_name="Grace Okafor",
        company="Marlowe Dental",
        role="dental nurse",
        requested_items="yes",
        references="Paul Brandt; Dr. Leah Moss",
    )
    assert missing_facts(situation) == []  # no decision date needed to answer a request
    verdict, kind = outcome(situation, NOW)
    assert (verdict, kind) == ("yes", "requested_items_email")
    text = full_text(situation)
    assert "promptly" in text
    assert "- Paul Brandt –" in text and "- Dr. Leah Moss –" in text and "Dear Grace," in text
    assert "checking in" not in text.lower()


def test_a_draft_corrected_under_no_need_to_write_says_it_is_for_writing_anyway() -> None:
    """Blind 30b: "No need to write first." followed at once by a full draft (a name corrected): they must agree."""
    from actions.engine.advice import REDO_DESPITE_VERDICT, remembered

    now = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)
    screen = Situation(
        branch="pre_interview",
        goal="linkedin_intro",
        interview_date="2026-12-07",
        interview_format="screen",
        role="data analyst",
    )
    before = remembered(screen)
    named = replace(screen, interviewer_name="Tom Okafor")
    reply = advise(named, now, before=before, draft_on_screen=True)
    texts = [m.text for m in reply.messages]
    assert texts[0].startswith("Noted (") and "No need to write first" in texts[0]
    drafts = [i for i, m in enumerate(reply.messages) if m.draft_kind]
    assert drafts and texts[drafts[0] - 1] == REDO_DESPITE_VERDICT
    assert "Tom" in texts[drafts[0]]
    unchanged = advise(screen, now)  # the first answer: the draft stays behind its button, no lead needed
    assert REDO_DESPITE_VERDICT not in [m.text for m in unchanged.messages]


def test_a_recruiter_who_said_all_contact_goes_through_them_gets_a_plain_no_and_no_draft() -> None:
    """Blind h27F02: 'everything goes through me' got 'Better not, unless...' and a feedback check-in draft."""
    situation = Situation(**{**AGENCY, "goal": "contact_company", "told_not_to_contact": "yes", "channel": "linkedin"})
    advice = decide(situation, NOW)
    assert advice.verdict == "no" and advice.item_ids[0] == "agency_told_not_to_contact"
    assert advice.draft_kinds == [] and "Has there been any feedback" not in full_text(situation)
    assert advice.on_request == ["agency_checkin"]  # "ok what do I say to Sam then": a note to the recruiter
    invited = Situation(
        **{**AGENCY, "goal": "contact_company", "told_not_to_contact": "yes", "invited_to_contact": "yes"}
    )
    assert decide(invited, NOW).item_ids[0] == "agency_invited"


def test_an_offer_of_theirs_ends_the_status_check_without_a_draft() -> None:
    """Blind round 11: 'they just offered me the job!' after a status answer kept "Not yet ... write on ..."."""
    situation = Situation(**{**STATUS, "offer_received": "yes"})
    reply = advise(situation, NOW)
    text = "\n".join(m.text for m in reply.messages)
    assert text.startswith("Congratulations!")
    assert "write on" not in text and "Dear " not in text


def test_an_offer_through_an_agency_leaves_no_check_in_draft() -> None:
    """The agency's client made the offer: the reply goes through the recruiter, no check-in draft is shown."""
    situation = Situation(**{**AGENCY, "goal": "agency_status", "offer_received": "yes"})
    text = "\n".join(m.text for m in advise(situation, NOW).messages)
    assert "through your recruiter" in text and "Dear " not in text and "Hi " not in text
