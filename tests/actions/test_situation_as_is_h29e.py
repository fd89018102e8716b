"""The situation as it really is (h29-E): no interview yet (only applied, put forward by an agency, shortlisted),
"there was no interview" as a correction, several messages through several channels, and an apology after them."""

from datetime import datetime, timezone

import pytest

from actions.actions import ActionGiveAdvice
from actions.understanding import understand
from tests.actions.conftest import draft_of, make_tracker
from tests.actions.test_follow_ups import said
from tests.actions.test_understanding import msg

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)  # a Tuesday


@pytest.mark.parametrize(
    "text",
    [
        "sent my application to harlow foods about ten days ago and nobody has got back to me, worth chasing?",
        "i applied for the stock controller job 3 weeks ago and havent had any reply",
    ],
)
def test_an_application_with_no_interview_is_no_interview_held(text: str) -> None:
    update = understand(msg(text, "post_status_check", ("DATE", "ago")), {}, None, NOW)
    assert update.get("branch") == "pre_interview" and update.get("not_scheduled") == "yes"
    assert not update.get("interview_date")


def test_an_agency_putting_the_user_forward_is_no_interview_and_its_day_no_interview_day() -> None:
    text = "my recruiter at hays put me forward for a payroll job at denby last tuesday, can i nudge her?"
    update = understand(msg(text, "agency_status", ("ORG", "Hays"), ("DATE", "last tuesday")), {}, None, NOW)
    assert update["branch"] == "staffing_agency" and update["not_scheduled"] == "yes"
    assert not update.get("interview_date")


def test_a_cv_sent_and_an_interview_held_after_it_stays_an_interview() -> None:
    text = "hays sent my cv to denby and I had the interview with their finance lead last tuesday. any news yet?"
    update = understand(msg(text, "agency_status", ("ORG", "Hays"), ("DATE", "last tuesday")), {}, None, NOW)
    assert update.get("not_scheduled") != "yes"


@pytest.mark.parametrize(
    "text",
    ["wait, there was no interview, i just applied", "i never had an interview with them, only sent the cv"],
)
def test_no_interview_said_as_a_correction_drops_the_interview_day(text: str) -> None:
    slots = {"branch": "post_interview", "goal": "status_check", "interview_date": "2026-11-24"}
    update = understand(msg(text, "inform"), slots, None, NOW)
    assert update.get("branch") == "pre_interview" and update.get("interview_date", "gone") in (None, "gone")
    assert update.get("not_scheduled") == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "since yesterday i emailed her, texted her and called the office",
        "i emailed, linkedin'd and rang him all on monday",
    ],
)
def test_several_channels_in_a_row_are_more_than_one_follow_up(text: str) -> None:
    slots = {"branch": "post_interview", "goal": "thank_you", "interview_date": "2026-11-27"}
    update = understand(msg(text, "inform"), slots, None, NOW)
    assert update["followed_up_again"] == "yes" and update["followed_up"] == "yes"
    assert update["goal"] == "status_check"


@pytest.mark.parametrize(
    "text",
    [
        "my recruiter said i'm welcome to message the warehouse manager on linkedin",
        "she told me to drop him a line if i had questions",
    ],
)
def test_a_natural_invitation_is_an_invitation(text: str) -> None:
    slots = {"branch": "staffing_agency", "goal": "contact_company"}
    assert understand(msg(text, "inform"), slots, None, NOW)["invited_to_contact"] == "yes"


async def test_an_agency_status_with_no_interview_asks_about_the_application(dispatcher, domain) -> None:
    slots = {
        "branch": "staffing_agency",
        "goal": "agency_status",
        "not_scheduled": "yes",
        "agency_name": "Hays",
        "company": "Denby",
        "role": "payroll officer",
    }
    await ActionGiveAdvice().run(dispatcher, make_tracker(slots=slots), domain)
    assert "There's no interview yet" in said(dispatcher)
    assert "Your interview was on" not in said(dispatcher)
    text = draft_of(dispatcher)
    assert "putting me forward" in text and "interview with" not in text and "setting up my interview" not in text


def test_no_link_on_the_day_is_urgent_with_a_short_draft_and_no_list() -> None:
    from actions.engine.advice import advise
    from actions.engine.situation import Situation

    situation = Situation(
        branch="pre_interview",
        goal="logistics",
        interview_date="2026-12-01",
        interview_time="11:00",
        question="link",
        company="Corvid Labs",
        interviewer_name="Lena Fox",
    )
    text = "\n".join(message.text for message in advise(situation, NOW).messages)
    assert text.startswith("Don't wait") and "How to go about it" not in text
    assert "I haven't received the call link yet" in text and "today at 11" in text
    assert "Thank you for the invitation" not in text


def test_an_interview_hour_with_today_in_it_names_the_day() -> None:
    text = "my interview is at 11 today and there's still no teams link"
    update = understand(msg(text, "pre_confirm_logistics", ("TIME", "11 today")), {}, None, NOW)
    assert update["interview_date"] == "2026-12-01" and update["interview_time"] == "11:00"


async def test_no_interview_told_after_an_answer_moves_the_story_even_with_a_topic_read(dispatcher, domain) -> None:
    import json

    from actions.actions import ActionExtractSituation, situation_of
    from actions.engine.advice import remembered
    from tests.actions.test_follow_ups import topic

    slots = {
        "branch": "post_interview",
        "goal": "status_check",
        "interview_date": "2026-11-19",
        "decision_date": "2026-11-27",
        "interviewer_name": "Dana",
    }
    slots["advised"] = json.dumps(remembered(situation_of(make_tracker(slots=slots))))
    fact = {"entity": "not_scheduled", "value": "yes", "extractor": "EntityRoles"}
    text = "no wait, i never had an interview, i just applied"
    tracker = make_tracker(text, "pre_should_contact", [topic("feel_first_time"), fact], slots)
    events = await ActionExtractSituation().run(dispatcher, tracker, domain)
    update = {event["name"]: event["value"] for event in events}
    assert update["branch"] == "pre_interview" and update["not_scheduled"] == "yes"
    assert update["interview_date"] is None


def test_calling_about_an_application_names_no_interview() -> None:
    from actions.engine.situation import Situation
    from actions.engine.topics import answer_topic

    applied = Situation(branch="pre_interview", goal="should_contact", not_scheduled="yes", channel="phone")
    text = answer_topic("call_instead", applied, None) or ""
    assert "no interview set" in text and "interview time" not in text


def test_an_apology_after_too_many_messages_is_no_new_message() -> None:
    from actions.engine.situation import Situation
    from actions.engine.topics import answer_topic

    chased = Situation(branch="post_interview", goal="status_check", followed_up="yes", followed_up_again="yes")
    text = answer_topic("apologise", chased, None) or ""
    assert text.startswith("No need to send an apology now") and "one short line" in text


def test_a_start_date_after_an_agency_submission_is_no_interview_day() -> None:
    text = "i was put forward by my recruiter for a receptionist job 3 days ago. the job would start on jan 5"
    update = understand(msg(text, "agency_status", ("DATE", "jan 5")), {"branch": "staffing_agency"}, None, NOW)
    assert update["not_scheduled"] == "yes" and not update.get("interview_date")


def test_a_recruiter_saying_i_could_message_him_myself_is_an_invitation() -> None:
    text = "my recruiter said she could message the gm for me or i could message him myself"
    slots = {"branch": "staffing_agency", "goal": "contact_company"}
    assert understand(msg(text, "inform"), slots, None, NOW)["invited_to_contact"] == "yes"


def test_an_invitation_told_with_a_first_agency_question_asks_about_writing_to_the_client() -> None:
    text = "adecco got me an interview last friday. my recruiter said i could message him myself. can i?"
    update = understand(msg(text, "agency_status", ("ORG", "Adecco"), ("DATE", "last friday")), {}, None, NOW)
    assert update["invited_to_contact"] == "yes" and update["goal"] == "contact_company"
