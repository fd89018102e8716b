import re
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any, Callable, Dict

import pytest

from actions.engine.advice import pick_draft_kind
from actions.engine.drafts import (
    DRAFT_TITLES,
    LINKEDIN_NOTE_LIMIT,
    draft_button,
    escape_for_channel,
    render_draft,
)
from actions.engine.situation import Situation
from actions.engine.vocabulary import DRAFT_KINDS, NO_DATE_GIVEN, UNKNOWN

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=timezone.utc)
FULL: Dict[str, Any] = {
    "branch": "post_interview",
    "goal": "status_check",
    "interview_date": "2026-11-26",
    "interview_time": "2pm",
    "decision_date": "2026-12-04",
    "interviewer_name": "Dana Whitfield",
    "recruiter_name": "Chris Ortega",
    "agency_name": "Brightpath Staffing",
    "user_name": "Sam Lee",
    "company": "Northwind Traders",
    "role": "Data Analyst",
    "stage_reached": "final",
}
LONG: Dict[str, Any] = {
    **FULL,
    "interviewer_name": "Alexandra Konstantinidou-Montgomery",
    "user_name": "Christopher Vanderbilt-Hamilton",
    "company": "International Business Machines Corporation (Europe) Ltd",
    "role": "Senior Principal Software Development Engineer, Platform",
}


@pytest.mark.parametrize("kind", DRAFT_KINDS)
def test_full_data_fills_every_field(kind: str) -> None:
    text = render_draft(kind, Situation(**FULL), NOW).text
    assert (
        "None" not in text
        and "{{" not in text
        and "["
        not in text.replace("[a strength", "")
        .replace("[Your question", "")
        .replace("[your question", "")
        # what only the user has: the thing they were asked for (a reply to a request for references lists them)
        .replace("[what they asked for]", "")
    )
    assert "Sam Lee" in text
    assert ("Dana" in text) or ("Chris" in text)  # "Hi Dana," / "Dear Dana,"
    if kind not in ("linkedin_note", "linkedin_thank_you"):
        assert text.startswith("Subject: ")
    else:
        assert not text.startswith("Subject")


@pytest.mark.parametrize("kind", DRAFT_KINDS)
def test_missing_data_gives_clear_placeholders(kind: str) -> None:
    message = render_draft(kind, Situation(interview_date=UNKNOWN, decision_date=NO_DATE_GIVEN), NOW)
    text = message.text
    assert message.draft_kind == kind
    assert "None" not in text and "{{" not in text and "unknown" not in text.lower()
    assert "Dear ," not in text and "Hi ," not in text and "  " not in text
    assert "[Your name]" in text
    # an application follow-up with no contact named goes to the team that reads applications
    team = kind == "application_followup_email" and "Dear Hiring Team" in text
    assert "[Interviewer's name]" in text or "[Recruiter's name]" in text or team
    assert "[Role]" in text


@pytest.mark.parametrize("kind", ["decision_followup_email", "status_check_email", "agency_checkin"])
def test_a_check_in_asks_for_news_and_implies_no_decision_received(kind: str) -> None:
    text = render_draft(kind, Situation(**{**FULL, "rejected": "no"}), NOW).text.lower()
    assert "your decision" not in text and "disappointed" not in text


def test_specific_placeholders_and_values() -> None:
    confirm = render_draft("pre_confirm_email", Situation(), NOW).text
    assert "[date]" in confirm and "[time]" in confirm and "[Company]" in confirm
    filled = render_draft("pre_confirm_email", Situation(**FULL), NOW).text
    assert "Thursday 26 November at 2 pm" in filled
    assert "Friday 4 December" in render_draft("decision_followup_email", Situation(**FULL), NOW).text
    today = render_draft("thank_you_email", Situation(**{**FULL, "interview_date": "2026-11-22"}), NOW).text
    assert "speak with me today" in today
    cc = render_draft("company_message_cc_recruiter", Situation(**FULL), NOW).text.splitlines()
    assert cc[0].startswith("Subject: ") and cc[1] == "Cc: Chris Ortega (Brightpath Staffing)"
    relay = render_draft("agency_checkin", Situation(**{**FULL, "goal": "contact_company"}), NOW).text
    assert "pass it on" not in relay and "[your question]" not in relay  # no question of their own: no relay line
    asking = Situation(**{**FULL, "goal": "contact_company", "own_question": "if the team works hybrid"})
    assert "pass it on" in render_draft("agency_checkin", asking, NOW).text
    assert "pass it on" not in render_draft("agency_checkin", Situation(**FULL), NOW).text


def test_linkedin_thank_you_never_asks_about_next_steps() -> None:
    text = render_draft("linkedin_thank_you", Situation(**FULL), NOW).text.lower()
    for phrase in ("next step", "timeline", "decide", "status", "hear back"):
        assert phrase not in text


def test_feedback_request_depends_on_stage() -> None:
    final = render_draft("feedback_request_email", Situation(**FULL), NOW).text
    early = render_draft("feedback_request_email", Situation(**{**FULL, "stage_reached": "early"}), NOW).text
    assert final != early


@pytest.mark.parametrize("channel", [None, "slack", "socketio", "telegram"])
@pytest.mark.parametrize(
    "values",
    [
        FULL,
        LONG,
        {**LONG, "company": "X" * 300, "role": "Y" * 300, "interviewer_name": "Z" * 300, "user_name": "W" * 300},
    ],
)
def test_linkedin_note_fits_the_connection_limit(values: Dict[str, Any], channel: str) -> None:
    text = render_draft("linkedin_note", Situation(**values), NOW, None).text
    assert len(text) <= LINKEDIN_NOTE_LIMIT
    assert "Thursday 26 November" in text
    if channel is None:
        assert text.startswith("Hi ")


def test_linkedin_note_keeps_company_when_it_fits() -> None:
    assert "Northwind Traders" in render_draft("linkedin_note", Situation(**FULL), NOW).text
    long_text = render_draft("linkedin_note", Situation(**LONG), NOW).text
    assert "Christopher Vanderbilt-Hamilton" in long_text


def test_escape_for_slack() -> None:
    out = escape_for_channel("<@U123|x> <!channel> <http://evil.example|click> a & b *bold* _it_ ~s~ @here", "slack")
    assert "<" not in out and ">" not in out
    assert "&lt;@U123|x&gt;" in out and "&amp;" in out
    assert "*" not in out and "_" not in out and "~" not in out
    assert "@here" not in out


def test_escape_for_socketio_markdown() -> None:
    out = escape_for_channel("<img src=x onerror=alert(1)> [click](http://evil.example) ![i](x.png) # *b*", "socketio")
    assert "\\<img" in out and "\\[click\\]\\(" in out and "\\!\\[" in out and "\\#" in out and "\\*b\\*" in out
    assert "http://" not in out


def test_escape_plain_strips_control_characters() -> None:
    out = escape_for_channel("Dana\x00\x1b[31m\u202eWhit\tfield\nnext", None)
    assert out == "Dana[31mWhit field\nnext"


@pytest.mark.parametrize("channel", ["slack", "socketio"])
def test_drafts_escape_user_values_but_not_the_template(channel: str) -> None:
    situation = Situation(
        **{**FULL, "interviewer_name": "<img src=x onerror=alert(1)>", "company": "<@U123|x> <!channel>"}
    )
    text = render_draft("status_check_email", situation, NOW, channel).text
    if channel == "slack":
        assert "<" not in text and ">" not in text
    else:
        assert re.search(r"(?<!\\)[<>\[\]()!]", text) is None
    assert text.startswith("Subject: Data Analyst")


def test_newlines_in_values_cannot_forge_lines() -> None:
    situation = Situation(**{**FULL, "user_name": "Sam\nSubject: hacked"})
    text = render_draft("thank_you_email", situation, NOW).text
    assert "\nSubject: hacked" not in text


def test_unknown_kind_is_rejected() -> None:
    with pytest.raises(ValueError):
        render_draft("sonnet", Situation(), NOW)


def test_buttons_and_titles() -> None:
    assert set(DRAFT_TITLES) == set(DRAFT_KINDS)
    assert draft_button("linkedin_note").payload == '/ask_draft{"draft_kind":"linkedin_note"}'


def test_pick_draft_kind(sit: Callable[..., Situation], now: datetime) -> None:
    assert pick_draft_kind(sit(branch="pre_interview", goal="linkedin_intro"), now) == "linkedin_note"
    told_not = sit(branch="pre_interview", goal="should_contact", told_not_to_contact="yes")
    assert pick_draft_kind(told_not, now) == "pre_confirm_email"
    assert pick_draft_kind(sit(branch="post_interview", goal="feedback"), now) == "feedback_request_email"
    assert pick_draft_kind(Situation(branch="staffing_agency", goal="agency_status")) == "agency_checkin"


def test_a_practical_question_for_the_recruiter_gets_the_email_that_asks_it(now: datetime) -> None:
    inbox = Situation(
        branch="pre_interview",
        goal="preparation",
        interview_date="2026-11-25",
        told_not_to_contact="yes",
        draft_to="recruiter",
        question="parking",
        channel="linkedin",
    )
    assert pick_draft_kind(inbox, now) == "pre_confirm_email"
    assert "parking" in render_draft("pre_confirm_email", inbox, now).text
    assert pick_draft_kind(replace(inbox, question=None), now) == "pre_prep_question_email"


def test_a_confirmation_goes_to_the_recruiter_when_no_interviewer_is_named() -> None:
    known = Situation(
        branch="pre_interview", goal="logistics", recruiter_name="Mia Thompson", interview_date="2026-11-23"
    )
    assert "Dear Mia," in render_draft("pre_confirm_email", known, NOW).text
    both = Situation(**{**FULL, "branch": "pre_interview", "goal": "logistics"})
    assert "Dear Dana," in render_draft("pre_confirm_email", both, NOW).text
    assert "Mia Thompson" not in render_draft("thank_you_email", known, NOW).text


def test_the_users_own_question_goes_into_the_drafts_that_ask_something() -> None:
    asking = Situation(branch="pre_interview", goal="preparation", own_question="whether i need a laptop?")
    prep = render_draft("pre_prep_question_email", asking, NOW).text
    assert "I'd like to ask whether I need a laptop." in prep and "particular skill" not in prep
    assert "I'd also like to ask whether I need a laptop." in render_draft("pre_confirm_email", asking, NOW).text
    relay = Situation(branch="staffing_agency", goal="contact_company", own_question="if the role is hybrid")
    assert "I'd like to know if the role is hybrid." in render_draft("agency_checkin", relay, NOW).text
    assert "[Your question" not in render_draft("company_message_cc_recruiter", relay, NOW).text
    assert "particular skill" in render_draft("pre_prep_question_email", Situation(), NOW).text


def test_an_agency_taken_for_its_recruiter_is_not_greeted_as_a_person() -> None:
    mixed = Situation(branch="staffing_agency", goal="agency_status", agency_name="Hays", recruiter_name="Hays")
    assert "Hi [Recruiter's name]," in render_draft("agency_checkin", mixed, NOW).text


def test_a_draft_for_someone_reached_by_phone_is_one_text_message_without_a_subject() -> None:
    texting = Situation(**{**FULL, "channel": "phone"})
    text = render_draft("status_check_email", texting, NOW).text
    assert "Subject:" not in text and "\n" not in text
    assert text.startswith("Hi Dana, I hope") and text.endswith("– Sam Lee")
    assert "Subject:" in render_draft("status_check_email", Situation(**FULL), NOW).text


def test_a_text_message_before_the_interview_names_the_interview_and_asks_only_the_question() -> None:
    texting = Situation(
        branch="pre_interview",
        goal="logistics",
        interview_date="2026-11-26",
        recruiter_name="Oksana",
        company="DHL",
        role="dispatcher",
        channel="phone",
        user_name="Oleksandr",
        question="bring",
    )
    text = render_draft("pre_confirm_email", texting, NOW).text
    assert text.startswith("Hi Oksana, a quick question about my interview for the dispatcher role at DHL on Thursday")
    assert "bring" in text and text.endswith("Thank you! – Oleksandr")
    assert "I'd like to confirm" not in text and "[time]" not in text and "\n" not in text
    by_email = render_draft("pre_confirm_email", replace(texting, channel="email"), NOW).text
    assert "I'd like to confirm" in by_email and "Subject:" in by_email


def test_an_agency_note_before_the_interview_asks_the_practical_question_not_for_feedback() -> None:
    ahead = Situation(branch="staffing_agency", goal="agency_status", interview_date="2026-11-25", question="dress")
    text = render_draft("agency_checkin", ahead, NOW).text
    assert "dress code" in text and "feedback" not in text and "a question before my interview" in text
    after = Situation(branch="staffing_agency", goal="agency_status", interview_date="2026-11-18")
    assert "feedback" in render_draft("agency_checkin", after, NOW).text


def test_a_thank_you_recalls_the_strength_the_user_named() -> None:
    named = Situation(**{**FULL, "goal": "thank_you", "strength": "running night shifts"})
    assert "my experience in running night shifts would" in render_draft("thank_you_email", named, NOW).text
    unnamed = render_draft("thank_you_email", Situation(**FULL), NOW).text  # none said: sendable as it is
    assert "[a strength" not in unnamed and "my experience in" not in unnamed and "join the team." in unnamed


def test_a_draft_never_greets_the_user_who_signs_it() -> None:
    mixed = Situation(**{**FULL, "goal": "thank_you", "interviewer_name": "Mike Ross", "user_name": "Mike Ross"})
    text = render_draft("thank_you_email", mixed, NOW).text
    assert "Dear Mike Ross" not in text and "Dear [Interviewer's name]," in text and text.endswith("Mike Ross")


def test_hi_greetings_use_the_first_name_and_keep_a_title() -> None:
    assert render_draft("linkedin_thank_you", Situation(**FULL), NOW).text.startswith("Hi Dana,")
    titled = Situation(**{**FULL, "interviewer_name": "Dr. Ana Reyes"})
    assert render_draft("linkedin_thank_you", titled, NOW).text.startswith("Hi Dr. Reyes,")
    assert "Dear Dr. Reyes," in render_draft("thank_you_email", titled, NOW).text
    assert "Dear Dana," in render_draft("thank_you_email", Situation(**FULL), NOW).text
    assert (
        "Dear Ms. Whitfield,"
        in render_draft("thank_you_email", Situation(**{**FULL, "interviewer_name": "Ms. Whitfield"}), NOW).text
    )
    # a title in another language is a title too: never "Dear Frau,"
    frau = Situation(**{**FULL, "interviewer_name": "Frau Hartmann"})
    assert "Dear Frau Hartmann," in render_draft("thank_you_email", frau, NOW).text


def test_a_video_or_in_person_question_is_asked_as_such() -> None:
    asking = Situation(branch="pre_interview", goal="logistics", question="format")
    assert "on video or in person?" in render_draft("pre_confirm_email", asking, NOW).text


def test_a_thank_you_asks_their_timeline_only_when_none_is_known_and_chasing_is_allowed() -> None:
    base = Situation(
        branch="post_interview", goal="thank_you", interview_date="2026-11-25", interviewer_name="Ana Ruiz"
    )
    now = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)
    asks = "when you expect to decide"
    assert asks in render_draft("thank_you_email", base, now).text
    assert asks in render_draft("thank_you_email", replace(base, decision_date=NO_DATE_GIVEN), now).text
    assert asks not in render_draft("thank_you_email", replace(base, told_not_to_contact="yes"), now).text
    assert asks not in render_draft("thank_you_email", replace(base, decision_date="2026-12-15"), now).text


AGENCY_AFTER: Dict[str, Any] = {
    **FULL,
    "branch": "staffing_agency",
    "interview_date": "2026-11-19",
    "interviewer_name": "Mark Fenwick",
    "recruiter_name": "Grace Liu",
    "agency_name": "Hudson",
    "company": "EY",
    "role": "IT Auditor",
}


def test_feedback_after_a_no_goes_to_the_recruiter_and_never_asks_for_news() -> None:
    text = render_draft("agency_feedback_request", Situation(**{**AGENCY_AFTER, "rejected": "yes"}), NOW).text
    assert text.startswith("Subject: EY – IT Auditor: feedback") and "Hi Grace," in text
    assert "Thursday 19 November" in text and "feedback" in text
    assert "any news" not in text.lower() and "[" not in text and "Mark" not in text


def test_an_agency_thank_you_goes_through_the_recruiter_unless_the_user_was_invited() -> None:
    via = render_draft("agency_thank_you", Situation(**{**AGENCY_AFTER, "goal": "agency_thank_you"}), NOW).text
    assert "Hi Grace," in via and "pass on my thanks to Mark?" in via and "on Thursday 19 November" in via
    assert "any news" not in via.lower() and "[" not in via
    invited = Situation(**{**AGENCY_AFTER, "goal": "agency_thank_you", "invited_to_contact": "yes"})
    direct = render_draft("agency_thank_you", invited, NOW).text.splitlines()
    assert direct[1] == "Cc: Grace Liu (Hudson)" and "Dear Mark," in direct
    unknown = Situation(branch="staffing_agency", goal="agency_thank_you")
    assert "[Interviewer's name]" not in render_draft("agency_thank_you", unknown, NOW).text.split("\n\n")[0]


def test_an_agency_note_before_the_interview_without_a_question_suggests_what_recruiters_know() -> None:
    ahead = Situation(branch="staffing_agency", goal="contact_company", interview_date="2026-11-25")
    text = render_draft("agency_checkin", ahead, NOW).text
    assert "what matters most to the hiring manager" in text
    assert "feedback" not in text and "any news" not in text and "[" in text  # names unknown, no question placeholder
    assert "[Your question" not in text


def test_lower_case_names_company_and_role_are_written_as_in_a_letter() -> None:
    """Blind 23a-07 / 22c-03: 'northgate insurance', 'junior qa tester', 'chris mbeki' typed in lower case."""
    situation = Situation.from_slots(
        {
            "branch": "pre_interview",
            "goal": "confirm_logistics",
            "interview_date": "2026-11-25",
            "interview_time": "09:30",
            "interviewer_name": "lena hoffmann",
            "user_name": "chris mbeki",
            "company": "northgate insurance",
            "role": "junior qa tester",
        }
    )
    text = render_draft("pre_confirm_email", situation, NOW).text
    assert "Dear Lena," in text
    assert "the junior QA tester role at Northgate Insurance" in text
    assert text.rstrip().endswith("Chris Mbeki")


def test_the_users_question_about_the_reader_is_put_to_them() -> None:
    """Blind 23a-07: 'whether she'll call me or i should call her' became third person in the draft."""
    situation = Situation.from_slots(
        {
            "branch": "pre_interview",
            "goal": "confirm_logistics",
            "interview_date": "2026-11-25",
            "interviewer_name": "Lena Hoffmann",
            "own_question": "whether she'll call me on 555-0147 or i should call her",
        }
    )
    text = render_draft("pre_confirm_email", situation, NOW).text
    assert "whether you'll call me on 555-0147 or I should call you" in text
    assert "she'll" not in text and "call her" not in text


def test_an_interview_time_without_am_or_pm_is_in_the_afternoon() -> None:
    """Blind 23a-08: '3:30' before an interview was written '3:30 am'."""
    situation = Situation.from_slots(
        {
            "branch": "pre_interview",
            "goal": "confirm_logistics",
            "interview_date": "2026-11-25",
            "interview_time": "3:30",
        }
    )
    text = render_draft("pre_confirm_email", situation, NOW).text
    assert "at 3:30 pm" in text and "3:30 am" not in text


@pytest.mark.parametrize("slots", [{"draft_to": "recruiter"}, {"senior_interviewer": "yes"}])
def test_a_preparation_email_goes_to_the_recruiter_when_asked_or_the_interviewer_is_the_ceo(
    slots: Dict[str, Any],
) -> None:
    """Blind 23a-06: an email to Owen (the recruiter) was addressed 'Dear Victoria' (the CEO)."""
    situation = Situation.from_slots(
        {
            "branch": "pre_interview",
            "goal": "ask_preparation",
            "interview_date": "2026-12-15",
            "interviewer_name": "Victoria Hale",
            "recruiter_name": "Owen Park",
            **slots,
        }
    )
    text = render_draft("pre_prep_question_email", situation, NOW).text
    assert "Dear Owen," in text and "Victoria" not in text
    assert "arranging my interview" in text


def test_without_a_request_the_preparation_email_goes_to_the_interviewer() -> None:
    situation = Situation.from_slots(
        {"branch": "pre_interview", "interviewer_name": "Dana Reyes", "recruiter_name": "Owen Park"}
    )
    assert "Dear Dana," in render_draft("pre_prep_question_email", situation, NOW).text


def test_thank_you_greets_the_company_recruiter_who_held_the_interview() -> None:
    situation = Situation(branch="post_interview", goal="thank_you", recruiter_name="Sam Okafor")
    assert "Sam" in render_draft("thank_you_email", situation, NOW).text.splitlines()[2]
    agency = Situation(branch="staffing_agency", goal="contact_company", recruiter_name="Sam Okafor")
    assert "Sam" not in render_draft("thank_you_email", agency, NOW).text


# The guard on what goes into a draft (issue 14): a value that fails a check is left out, never printed wrong.
PRE: Dict[str, Any] = {**FULL, "branch": "pre_interview", "goal": "contact_interviewer", "decision_date": None}


def _greeting(text: str) -> str:
    """The greeting line of a rendered draft."""
    return next(line for line in text.splitlines() if line.startswith(("Dear ", "Hi ", "Hello ")))


@pytest.mark.parametrize("own", ["Sam Lee", "Sam", "sam lee"])
def test_a_draft_never_greets_the_user_by_their_own_name(own: str) -> None:
    situation = Situation(**{**FULL, "goal": "thank_you", "interviewer_name": own})
    text = render_draft("thank_you_email", situation, NOW).text
    assert "Sam" not in _greeting(text) and text.endswith("Sam Lee")
    other = render_draft("thank_you_email", Situation(**{**FULL, "interviewer_name": "Sam Ortiz"}), NOW).text
    assert _greeting(other) == "Dear Sam,"  # someone else who shares the first name is still greeted


@pytest.mark.parametrize(
    ("name", "facts"),
    [
        ("Northwind", {}),  # the company's first word
        ("Café", {"company": "Corner Cafe"}),  # the company, accent aside
        ("shift supervisor", {"role": "Night Supervisor"}),  # a job title
        ("Orrin Architects", {"role": "Junior Architect", "company": "Partner"}),  # the company read as a person
        ("Brightpath", {}),  # the agency
    ],
)
def test_a_draft_never_greets_the_company_role_or_agency(name: str, facts: Dict[str, Any]) -> None:
    situation = Situation(**{**FULL, **facts, "interviewer_name": name, "recruiter_name": None})
    greeting = _greeting(render_draft("status_check_email", situation, NOW).text)
    assert greeting == "Dear [Interviewer's name],", greeting


def test_an_agency_named_after_its_recruiter_does_not_hide_the_recruiter() -> None:
    situation = Situation(**{**AGENCY_AFTER, "agency_name": "Grace Holt", "recruiter_name": "Grace"})
    assert "Hi Grace," in render_draft("agency_checkin", situation, NOW).text


@pytest.mark.parametrize(
    ("facts", "shown"),
    [
        ({"company": "Operations", "role": "Operations Analyst"}, "Operations Analyst position at [Company]"),
        ({"company": "Data Analyst", "role": "Data Analyst"}, "Data Analyst position at [Company]"),
        ({"company": "Dana Whitfield"}, "Data Analyst position at [Company]"),  # the interviewer's name
        ({"company": "Dana"}, "Data Analyst position at [Company]"),
        ({"company": "Sam Lee"}, "Data Analyst position at [Company]"),  # the user's own name
        ({"company": "Salesforce Inc", "role": "Salesforce"}, "[Role] position at Salesforce Inc"),
        ({"company": "EY", "role": "IT Auditor"}, "IT Auditor position at EY"),  # short names are kept
        ({"company": "Analyst Partners", "role": "Data Analyst"}, "Data Analyst position at Analyst Partners"),
    ],
)
def test_the_company_is_never_the_role_or_a_person(facts: Dict[str, Any], shown: str) -> None:
    assert shown in render_draft("status_check_email", Situation(**{**FULL, **facts}), NOW).text


def test_a_draft_for_the_recruiter_never_greets_the_interviewer() -> None:
    named = render_draft("pre_confirm_email", Situation(**{**PRE, "draft_to": "recruiter"}), NOW).text
    assert _greeting(named) == "Dear Chris," and "my interview is" in named
    unnamed = Situation(**{**PRE, "draft_to": "recruiter", "recruiter_name": None})
    for kind in ("pre_confirm_email", "pre_prep_question_email", "linkedin_note"):
        text = render_draft(kind, unnamed, NOW).text
        assert "Dana" not in text and "[Recruiter's name]" in _greeting(text), text


def test_a_panel_the_user_must_not_contact_is_never_greeted() -> None:
    situation = Situation(**{**PRE, "told_not_to_contact": "yes", "recruiter_name": None})
    text = render_draft("pre_confirm_email", situation, NOW).text
    assert "Dana" not in text and _greeting(text) == "Dear [Recruiter's name],"
    after = Situation(**{**FULL, "goal": "thank_you", "told_not_to_contact": "yes"})
    assert _greeting(render_draft("thank_you_email", after, NOW).text) == "Dear Dana,"  # after it: the person met


def test_the_users_name_signs_every_draft() -> None:
    for kind in DRAFT_KINDS:
        text = render_draft(kind, Situation(**{**FULL, "interviewer_name": "Sam"}), NOW).text
        assert "Sam Lee" in text and "[Your name]" not in text, kind


def test_a_job_title_typed_with_slips_is_mended_in_the_draft() -> None:
    typed = Situation(**{**FULL, "role": "custmer service asociate"})
    text = render_draft("thank_you_email", typed, NOW).text
    assert "customer service associate" in text and "asociate" not in text


def test_shortening_a_note_that_greets_mr_keeps_the_whole_opening() -> None:
    from actions.engine.drafts import restyle

    note = (
        "Hi Mr. Okafor, I saw you'll interview me next week. I love your work. What will you look for in my portfolio?"
    )
    short, _ = restyle(note, "short")
    assert short.startswith("Hi Mr. Okafor, I saw you'll interview me next week.") and "portfolio?" in short


def test_a_thank_you_after_an_offer_does_not_ask_when_they_will_decide() -> None:
    hired = Situation(**{**FULL, "goal": "thank_you", "decision_date": None, "offer_received": "yes"})
    waiting = Situation(**{**FULL, "goal": "thank_you", "decision_date": None})
    assert "when you expect to decide" in render_draft("thank_you_email", waiting, NOW).text
    assert "when you expect to decide" not in render_draft("thank_you_email", hired, NOW).text
