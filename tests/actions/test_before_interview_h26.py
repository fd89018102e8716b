"""Before the interview, as real users say it (session 26, helper H): future days, unsure times, send-offs, rank."""

from datetime import date, datetime, timezone

import pytest
from rasa.shared.nlu.training_data.message import Message

from actions.engine.advice import decide, missing_facts
from actions.engine.dates import read_date
from actions.engine.drafts import render_draft
from actions.engine.situation import Situation
from actions.engine.topics import answer_topic
from actions.understanding import understand
from nlu_components.entity_roles import EXTRA_DATES, EntityRoles
from tests.actions.test_understanding import msg

TUESDAY = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)  # Tuesday 1 December 2026


def entities(text: str, *found: tuple) -> list:
    """The entities of a message after EntityRoles, given the (type, value) entities spaCy found."""
    message = Message.build(text)
    spans = []
    for kind, value in found:
        start = text.index(value)
        spans.append({"entity": kind, "value": value, "start": start, "end": start + len(value), "extractor": "x"})
    message.set("entities", spans)
    EntityRoles({}).process([message])
    return message.get("entities")


@pytest.mark.parametrize(
    ("text", "expected", "approximate"),
    [
        ("the week after next", date(2026, 12, 16), True),
        ("week after next", date(2026, 12, 16), True),
        ("the week after next i think, monday", date(2026, 12, 14), False),
        ("monday of the week after next", date(2026, 12, 14), False),
        ("on thursday the week after next", date(2026, 12, 17), False),
        ("the week after next, friday", date(2026, 12, 18), False),
    ],
)
def test_the_week_after_next_is_two_weeks_on_never_last_week(text: str, expected: date, approximate: bool) -> None:
    for prefer in ("future", "past", "nearest"):
        read = read_date(text, TUESDAY, prefer=prefer)
        assert read is not None and (read.day, read.approximate) == (expected, approximate), (text, prefer)


def test_the_week_after_next_with_its_weekday_is_one_date_phrase() -> None:
    said = "the week after next i think, monday maybe"
    assert [m.group(0) for m in EXTRA_DATES.finditer(said)] == ["the week after next i think, monday"]
    assert [m.group(0) for m in EXTRA_DATES.finditer("monday of the week after next")] == [
        "monday of the week after next"
    ]


def test_an_answer_with_the_week_after_next_keeps_the_interview_ahead() -> None:
    """Blind: 'the week after next i think, monday maybe' became last Monday and flipped the branch to after."""
    text = "the week after next i think, monday maybe"
    slots = {"branch": "pre_interview", "goal": "should_contact", "company": "Larkspur Labs"}
    update = understand(
        msg(text, "post_status_check", ("DATE", "the week"), ("DATE", "monday")), slots, "interview_date", TUESDAY
    )
    assert update.get("branch", "pre_interview") == "pre_interview"
    assert update["interview_date"] == "2026-12-14"


@pytest.mark.parametrize(
    "text",
    [
        "Got asked to interview on the 7th. Should I thank the recruiter?",
        "they invited me to interview on the 7th, should I send a thank you for the invite?",
        "I'm interviewing on the 7th, do I thank her for setting it up?",
    ],
)
def test_an_invitation_to_interview_on_a_bare_day_is_the_next_such_day(text: str) -> None:
    """Blind: 'the 7th' for an upcoming interview became Sat 7 Nov and the coach said 'send a thank-you now'."""
    update = understand(msg(text, "post_thank_you", ("DATE", "the 7th")), {}, None, TUESDAY)
    assert update["branch"] == "pre_interview"
    assert update["interview_date"] == "2026-12-07"


def test_an_interview_held_after_all_moves_a_confirmation_to_the_thank_you() -> None:
    """'it was last Thursday' after a question about confirming the time: after the interview, with its note."""
    slots = {"branch": "pre_interview", "goal": "logistics", "interview_date": "2026-12-03", "company": "Polaris"}
    update = understand(msg("it was last Thursday", "inform", ("DATE", "last Thursday")), slots, None, TUESDAY)
    assert update["branch"] == "post_interview"
    assert update["goal"] == "thank_you"
    assert update["interview_date"] == "2026-11-26"
    assert not update.get("question")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("10 or 10:30, not sure", ("TIME", "10 or 10:30")),
        ("it's at 10am or 10:30, can't remember which", ("TIME", "10am or")),
    ],
)
def test_a_time_the_user_is_unsure_of_is_no_interview_time(text: str, found: tuple) -> None:
    read = entities(text, found)
    roles = [e.get("role") for e in read if e["entity"] == "TIME"]
    assert roles and set(roles) == {"unsure"}
    assert "time" in [e["value"] for e in read if e["entity"] == "question"]


def test_a_time_said_surely_is_still_the_interview_time() -> None:
    read = entities("my interview is at 10:30 on thursday", ("TIME", "10:30"))
    assert [e.get("role") for e in read if e["entity"] == "TIME"] == ["interview"]


def test_an_unsure_time_clears_the_hour_told_before() -> None:
    slots = {"branch": "pre_interview", "goal": "logistics", "interview_date": "2026-12-03", "interview_time": "10:00"}
    update = understand(
        msg("hmm actually 10 or 10:30, not sure", "inform", ("TIME", "10 or 10:30")), slots, None, TUESDAY
    )
    assert update.get("interview_time", "unchanged") is None


def test_the_confirmation_draft_asks_the_time_it_never_states_one() -> None:
    situation = Situation(
        branch="pre_interview",
        goal="logistics",
        interview_date="2026-12-03",
        interviewer_name="Nadia",
        company="Orbis",
        question="time",
    )
    draft = render_draft("pre_confirm_email", situation, TUESDAY).text
    assert "what time we begin" in draft
    assert "[time]" not in draft and "at 10" not in draft


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("wish me luck", "good_luck"),
        ("ok thanks, fingers crossed", "good_luck"),
        ("hope it all goes well tomorrow", "good_luck"),
        ("is a VP too senior to message?", "senior_contact"),
        ("is messaging the CEO too much?", "senior_contact"),
        ("would it be ok to email the founder directly?", "senior_contact"),
    ],
)
def test_send_offs_and_questions_about_rank_are_topics(text: str, topic: str) -> None:
    assert topic in [e["value"] for e in entities(text) if e["entity"] == "topic"]


def test_a_send_off_gets_a_human_line_and_rank_gets_the_linkedin_guide() -> None:
    pre = Situation(branch="pre_interview", goal="should_contact", interview_date="2026-12-03")
    assert answer_topic("good_luck", pre, None, verdict="yes").startswith("Good luck")
    senior = answer_topic("senior_contact", pre, None, verdict="yes")
    assert "LinkedIn" in senior and "too forward" in senior


def test_a_preparation_question_gets_its_own_verdict_line_from_the_articles() -> None:
    prep = Situation(branch="pre_interview", goal="preparation", interview_date="2026-12-11", company="Quillon")
    advice = decide(prep, TUESDAY)
    assert advice.item_ids[:2] == ["pre_prep_question_verdict", "pre_too_early"]
    to_recruiter = decide(Situation(**{**prep.__dict__, "draft_to": "recruiter"}), TUESDAY)
    assert "pre_prep_question_verdict" not in to_recruiter.item_ids


@pytest.mark.parametrize(
    "text",
    ["I only applied to Tessaro Games, no interview yet. can I email the hiring manager?", "nothing is scheduled yet"],
)
def test_only_applied_is_no_interview_to_ask_about(text: str) -> None:
    assert "yes" in [e["value"] for e in entities(text) if e["entity"] == "not_scheduled"]
    update = understand(msg(text, "pre_should_contact"), {}, None, TUESDAY)
    assert update["not_scheduled"] == "yes" and update["branch"] == "pre_interview"


def test_an_interview_in_years_or_still_to_come_is_no_unscheduled_one() -> None:
    for text in ("i haven't had an interview in years", "I haven't had the interview yet, it's friday"):
        assert not [e for e in entities(text) if e["entity"] == "not_scheduled"], text


def test_only_applied_gets_the_articles_caution_and_an_application_follow_up_without_an_interview() -> None:
    applied = Situation(branch="pre_interview", goal="should_contact", not_scheduled="yes", company="Tessaro Games")
    assert missing_facts(applied) == []
    advice = decide(applied, TUESDAY)
    assert advice.item_ids[0] == "pre_not_scheduled"
    assert advice.draft_kinds[0] == "application_followup_email"
    draft = render_draft("application_followup_email", applied, TUESDAY).text
    assert "interview" not in draft.lower() and "Dear Hiring Team" in draft and "Tessaro Games" in draft


def test_an_interview_day_told_later_ends_only_applied() -> None:
    slots = {"branch": "pre_interview", "goal": "should_contact", "not_scheduled": "yes"}
    text = "they just invited me to interview on friday"
    update = understand(msg(text, "inform", ("DATE", "friday")), slots, None, TUESDAY)
    assert update["interview_date"] == "2026-12-04" and update["not_scheduled"] is None


def test_only_applied_gets_no_interview_bullets_and_no_interview_drafts() -> None:
    applied = Situation(branch="pre_interview", goal="should_contact", not_scheduled="yes", channel="email")
    advice = decide(applied, TUESDAY)
    assert not {"pre_valid_reasons", "pre_what_to_say", "pre_questions", "pre_when_not"} & set(advice.item_ids)
    assert advice.draft_kinds == ["application_followup_email"]


@pytest.mark.parametrize(
    "text",
    [
        "I don't want to confirm it, just the prep question",
        "I don't need to confirm anything, the time is fine. just the prep question",
        "i only want to ask her what to focus on",
    ],
)
def test_the_preparation_question_named_outright_is_the_goal_even_against_a_confirmation(text: str) -> None:
    assert [e["value"] for e in entities(text) if e["entity"] == "goal"] == ["preparation"]
    slots = {"branch": "pre_interview", "goal": "preparation", "interview_date": "2026-12-11"}
    update = understand(msg(text, "pre_confirm_logistics"), slots, None, TUESDAY)
    assert update.get("goal", "preparation") == "preparation"


def test_a_confirmation_request_names_no_preparation_goal() -> None:
    assert not [e for e in entities("can I email to confirm the time?") if e["entity"] == "goal"]


async def test_an_unsure_time_said_as_a_shrug_shows_the_draft_that_asks_it(domain) -> None:
    """'10 or 10:30, honestly not sure which' reads as a skip; the question it set still changes the draft."""
    from rasa_sdk.executor import CollectingDispatcher

    from actions.actions import ActionAcknowledge, ActionGiveAdvice
    from tests.actions.conftest import make_tracker

    slots = {
        "branch": "pre_interview",
        "goal": "logistics",
        "interview_date": "2026-11-26",
        "interviewer_name": "Nadia Petrov",
        "company": "Orbis Analytics",
        "channel": "email",
        "told_not_to_contact": "no",
    }
    first = {
        e["name"]: e["value"]
        for e in await ActionGiveAdvice().run(CollectingDispatcher(), make_tracker(slots=slots), domain)
    }
    tracker = make_tracker(
        "10 or 10:30, honestly not sure which", "skip", slots={**slots, "advised": first["advised"], "question": "time"}
    )
    tracker.events.append({"event": "slot", "name": "question", "value": "time"})
    dispatcher = CollectingDispatcher()
    await ActionAcknowledge().run(dispatcher, tracker, domain)
    drafts = [m for m in dispatcher.messages if m.get("draft_kind")]
    assert drafts and "what time we begin" in drafts[0]["text"]
    good_luck = answer_topic(
        "good_luck", Situation(branch="staffing_agency", goal="agency_status"), None, verdict="yes"
    )
    assert good_luck.startswith("Good luck")


def test_waiting_till_morning_for_a_missing_link_is_asked_now() -> None:
    assert "send_timing" in [
        e["value"] for e in entities("or should I wait till the morning in case it comes?") if e["entity"] == "topic"
    ]
    link = Situation(branch="pre_interview", goal="logistics", interview_date="2026-12-02", question="link")
    assert answer_topic("send_timing", link, None, verdict="yes").startswith("Now rather than later")
    plain = Situation(branch="pre_interview", goal="should_contact", interview_date="2026-12-04")
    assert answer_topic("send_timing", plain, None, verdict="yes").startswith("Send it within the window")
