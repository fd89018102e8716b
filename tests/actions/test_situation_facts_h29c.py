"""Facts that change the answer (h29-C): a thank-you already sent, an interview they cancelled, moved or missed, a
recruiter who left (agency or in-house) and two roles at one employer."""

import json
from dataclasses import replace
from datetime import datetime, timezone

import pytest
from rasa_sdk.events import SlotSet

from actions.actions import ActionGiveAdvice, situation_of
from actions.engine.advice import remembered
from actions.understanding import understand
from tests.actions.conftest import draft_of, make_tracker
from tests.actions.test_edits import edit, run_edit
from tests.actions.test_follow_ups import said, topic
from tests.actions.test_understanding import msg

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)  # a Tuesday
PRE = {
    "branch": "pre_interview",
    "goal": "logistics",
    "interviewer_name": "Dana Ruiz",
    "company": "Coldwater Media",
    "interview_date": "2026-11-24",
    "role": "copy editor",
}


@pytest.mark.parametrize(
    "text",
    [
        "I interviewed with Mark Hale on Tuesday and I sent a thank you note the same evening. what now?",
        "my thank you email went out this morning, when can i ask about next steps?",
        "emailed her a quick thank you straight after the interview, now what",
        "i already thanked her by email last night. when can i ask for an update?",
    ],
)
def test_a_thank_you_already_sent_turns_the_goal_to_the_status_check(text: str) -> None:
    update = understand(msg(text, "post_thank_you"), {"branch": "post_interview"}, None, NOW)
    assert update["goal"] == "status_check"


def test_a_thank_you_still_to_write_stays_a_thank_you() -> None:
    update = understand(msg("can you help me write a thank you note tonight?", "post_thank_you"), {}, None, NOW)
    assert update["goal"] == "thank_you"


@pytest.mark.parametrize(
    "text",
    [
        "now my emails to Kevin bounce, turns out he left Hays. who do i contact?",
        "she quit Adecco last month apparently, so who do I ask?",
        "my consultant Kevin no longer works at Hays apparently",
    ],
)
def test_an_agency_recruiter_who_left_the_agency_named_is_read(text: str) -> None:
    slots = {"branch": "staffing_agency", "goal": "agency_status", "recruiter_name": "Kevin Moss"}
    assert understand(msg(text, "agency_status", ("ORG", "Hays")), slots, None, NOW)["recruiter_gone"] == "yes"


@pytest.mark.parametrize("text", ["he left early so I didn't get to ask him", "she left me a voicemail."])
def test_leaving_a_room_or_a_message_is_no_recruiter_gone(text: str) -> None:
    slots = {"branch": "staffing_agency", "goal": "agency_status", "recruiter_name": "Kevin Moss"}
    assert "recruiter_gone" not in understand(msg(text, "agency_status"), slots, None, NOW)


def test_an_in_house_recruiter_who_left_is_kept_and_the_bounced_email_is_no_follow_up() -> None:
    text = "i emailed tasha for an update and it bounced, she doesnt work there anymore. what now?"
    slots = {"branch": "post_interview", "goal": "status_check", "recruiter_name": "Tasha Bright"}
    update = understand(msg(text, "post_status_check"), slots, None, NOW)
    assert update["recruiter_gone"] == "yes" and "followed_up" not in update


def test_a_recruiter_gone_before_the_interview_changes_nothing() -> None:
    slots = {"branch": "pre_interview", "goal": "logistics"}
    update = understand(msg("the recruiter has left the company", "inform"), slots, None, NOW)
    assert "recruiter_gone" not in update


async def test_an_in_house_recruiter_who_left_points_to_the_interviewer_and_no_draft_greets_her(
    dispatcher, domain
) -> None:
    slots = {
        "branch": "post_interview",
        "goal": "status_check",
        "interview_date": "2026-11-02",
        "decision_date": "none_given",
        "told_not_to_contact": "no",
        "recruiter_name": "Tasha Bright",
        "company": "Lumen Health",
        "recruiter_gone": "yes",
    }
    await ActionGiveAdvice().run(dispatcher, make_tracker(slots=slots), domain)
    assert "doesn't count as a follow-up" in said(dispatcher) and "HR" in said(dispatcher)
    text = draft_of(dispatcher)
    assert "Tasha" not in text and "Dear Hiring Team," in text


@pytest.mark.parametrize(
    ("their", "text", "expected"),
    [
        ("they_cancelled", "she cancelled an hour before, what do i say?", "can't go ahead"),
        ("no_show", "dana didn't show up to our zoom, i waited 20 min", "didn't manage to connect"),
        ("they_moved", "she moved my interview to friday, do i confirm?", "Thank you for letting me know"),
    ],
)
async def test_a_change_on_their_side_gets_a_short_reply_never_a_thank_you(
    dispatcher, domain, their: str, text: str, expected: str
) -> None:
    tracker = make_tracker(text, "pre_confirm_logistics", [topic(their)], PRE)
    events = await ActionGiveAdvice().run(dispatcher, tracker, domain)
    note = draft_of(dispatcher)
    assert expected in note and "Dear Dana," in note and "Coldwater Media" in note
    assert "Thank you for taking the time" not in note and "I won't be able to make" not in note
    assert "No thank-you" in said(dispatcher) or "Don't send a thank-you" in said(dispatcher)
    assert SlotSet("last_draft", "reschedule_message") in events


async def test_a_new_interview_day_still_ahead_is_confirmed_in_the_reply(dispatcher, domain) -> None:
    slots = {**PRE, "interview_date": "2026-11-27"}  # Friday, after the message time (Sunday 22 Nov)
    tracker = make_tracker("they moved it to friday", "inform", [topic("they_moved")], slots)
    await ActionGiveAdvice().run(dispatcher, tracker, domain)
    assert "the new time, on Friday 27 November, works well for me" in draft_of(dispatcher)


async def test_a_reply_to_their_change_stays_that_reply_when_made_warmer(dispatcher, domain) -> None:
    slots = {**PRE, "last_draft": "reschedule_message", "their_change": "no_show"}
    await run_edit(dispatcher, domain, "a bit warmer pls", "edit_draft", edit("warmer"), slots)
    text = draft_of(dispatcher)
    assert "didn't manage to connect" in text and text.split("\n\n")[1] == "Hi Dana,"


def test_two_roles_at_one_employer_put_neither_title_in_the_draft() -> None:
    text = "I applied for two roles at Fenwick, a UX designer and a product designer job. Should I follow up?"
    found = msg(text, "post_status_check", ("ORG", "Fenwick"))
    entities = [*found.entities, {"entity": "role", "value": "product designer", "extractor": "EntityRoles"}]
    update = understand(replace(found, entities=entities), {}, None, NOW)
    assert "role" not in update


def test_a_thank_you_sent_is_remembered_so_a_later_thank_you_question_stays_the_status_check() -> None:
    first = understand(
        msg("i already sent a thank you note the same evening", "post_thank_you"),
        {"branch": "post_interview"},
        None,
        NOW,
    )
    assert first["thanked_already"] == "yes"
    slots = {"branch": "post_interview", "goal": "status_check", "thanked_already": "yes"}
    later = understand(msg("should i send another thank you just in case?", "post_thank_you"), slots, None, NOW)
    assert later.get("goal", "status_check") == "status_check"


async def test_another_thank_you_after_one_was_sent_gets_a_no(dispatcher, domain) -> None:
    from tests.actions.conftest import STATUS_SLOTS

    slots = {**STATUS_SLOTS, "thanked_already": "yes", "interview_date": "2026-11-19"}
    slots = {**slots, "advised": json.dumps(remembered(situation_of(make_tracker(slots=slots))))}
    text = "should i send another thank you just in case?"
    await ActionGiveAdvice().run(dispatcher, make_tracker(text, "post_thank_you", [topic("again")], slots), domain)
    assert "one thank-you is enough" in said(dispatcher)
    assert not any(m.get("draft_kind") == "thank_you_email" for m in dispatcher.messages)


def test_a_thank_you_sent_to_the_recruiter_is_no_follow_up() -> None:
    slots = {"branch": "staffing_agency", "goal": "agency_status", "recruiter_name": "Nina Cole"}
    update = understand(
        msg("i already sent nina a thank you last night. anything else?", "agency_status"), slots, None, NOW
    )
    assert update["thanked_already"] == "yes" and "followed_up" not in update


def test_a_follow_up_beside_a_thank_you_still_counts() -> None:
    text = "i already sent a thank you, and i already emailed her again last week to ask for news"
    update = understand(msg(text, "post_status_check"), {"branch": "post_interview"}, None, NOW)
    assert update["thanked_already"] == "yes" and update["followed_up"] == "yes"


async def test_a_change_on_their_side_after_an_answer_gets_the_reply_not_the_confirmation_again(
    dispatcher, domain
) -> None:
    slots = {**PRE, "interview_date": "2026-11-27", "verdict": "yes", "draft_shown": True}
    slots = {**slots, "advised": json.dumps(remembered(situation_of(make_tracker(slots=slots))))}
    slots = {**slots, "interview_date": "2026-11-30"}  # the new day, read from this message
    tracker = make_tracker("he just emailed, he moved it to monday", "nlu_fallback", [topic("they_moved")], slots)
    await ActionGiveAdvice().run(dispatcher, tracker, domain)
    kinds = [m["draft_kind"] for m in dispatcher.messages if m.get("draft_kind")]
    assert kinds == ["reschedule_message"] and "the new time, on Monday 30 November" in draft_of(dispatcher)


async def test_a_shorter_reply_to_their_change_keeps_the_new_time(dispatcher, domain) -> None:
    slots = {**PRE, "interview_date": "2026-11-27", "last_draft": "reschedule_message", "their_change": "they_moved"}
    await run_edit(dispatcher, domain, "shorter pls", "draft_shorter", edit("shorter"), slots)
    assert "the new time, on Friday 27 November, works well for me" in draft_of(dispatcher)
