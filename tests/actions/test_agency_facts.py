"""Agency facts read from a message (h26-F): a client who wrote first, a recruiter who left, an agency that is the
user's own workplace, "not asking for feedback", and a request not to contact that names only the panel."""

from datetime import datetime, timezone

import pytest

from actions.understanding import understand
from tests.actions.test_understanding import msg

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)  # a Tuesday
AGENCY = {
    "branch": "staffing_agency",
    "goal": "agency_status",
    "recruiter_name": "Pavel Noor",
    "interview_date": "2026-11-25",
}


@pytest.mark.parametrize(
    "text",
    [
        "the head of ops at the client, Rhea, just emailed me to ask when I could start - can I answer her?",
        "I got a LinkedIn message from the plant director this morning asking for a chat, do I reply?",
        "their hiring manager reached out to me on linkedin yesterday. ok to write back?",
    ],
)
def test_someone_at_the_client_writing_first_makes_a_reply_invited(text: str) -> None:
    update = understand(msg(text, "agency_status"), AGENCY, None, NOW)
    assert update["company_wrote_first"] == "yes" and update["invited_to_contact"] == "yes"
    assert update["goal"] == "contact_company"


def test_the_recruiter_writing_is_no_client_writing_first() -> None:
    update = understand(msg("my recruiter messaged me on linkedin about it", "agency_status"), AGENCY, None, NOW)
    assert "company_wrote_first" not in update and "invited_to_contact" not in update


@pytest.mark.parametrize(
    "text",
    [
        "I tried Pavel again today and my email bounced",
        "turns out Pavel has left the agency, what now?",
        "the agency says he no longer works there",
        "got an auto-reply saying she has moved on from the firm",
    ],
)
def test_a_recruiter_who_left_is_read(text: str) -> None:
    assert understand(msg(text, "agency_status"), AGENCY, None, NOW)["recruiter_gone"] == "yes"


def test_a_voicemail_left_is_no_recruiter_gone() -> None:
    update = understand(msg("my recruiter left me a voicemail yesterday", "agency_status"), AGENCY, None, NOW)
    assert "recruiter_gone" not in update


@pytest.mark.parametrize(
    "text",
    [
        "I'm a account exec at my agency and had a second interview at Holm Brewing last Friday, can I check in?",
        "I work at an ad agency right now and interviewed with Holm Brewing on Friday. when can I email them?",
    ],
)
def test_an_agency_that_is_the_users_workplace_is_no_staffing_agency(text: str) -> None:
    update = understand(msg(text, "agency_status", ("agency", "agency"), ("ORG", "Holm Brewing")), {}, None, NOW)
    assert update.get("branch") == "post_interview" and update.get("goal") == "status_check"


def test_an_agency_said_not_to_exist_leaves_the_agency_branch() -> None:
    slots = {**AGENCY, "agency_name": "Larkfield"}
    update = understand(msg("there is NO agency, I applied myself", "inform", ("agency", "agency")), slots, None, NOW)
    assert update["branch"] == "post_interview" and update["agency_name"] is None


def test_not_asking_for_feedback_is_no_rejection() -> None:
    text = "I'm not asking for feedback, I just want to know when they decide"
    update = understand(msg(text, "post_feedback_request"), {}, None, NOW)
    assert update.get("rejected") != "yes" and update["goal"] == "status_check"


def test_a_request_not_to_contact_the_panel_is_scoped_to_the_panel() -> None:
    text = "they told us not to contact the panel members. can I email HR to ask about the timeline?"
    update = understand(msg(text, "post_status_check"), {}, None, NOW)
    assert update["told_not_to_contact"] == "yes" and update["no_contact_panel"] == "yes"
    assert update["draft_to"] == "recruiter"


def test_the_clients_hr_asking_for_a_direct_reply_is_the_company_contact() -> None:
    text = "Their HR lady Moira Cate wrote afterwards saying to reply to her directly if I had questions. Is that ok?"
    update = understand(msg(text, "agency_contact_company", ("PERSON", "Moira Cate")), AGENCY, None, NOW)
    assert update["invited_to_contact"] == "yes" and update["interviewer_name"] == "Moira Cate"
    assert "recruiter_name" not in update


@pytest.mark.parametrize(
    "text",
    [
        "my consultant said 'please don't contact anyone at Brightwell, all through me'. is a linkedin request ok?",
        "the agency told me not to reach out to the client directly. would a quick connection request hurt?",
    ],
)
def test_a_recruiter_forbidding_contact_with_no_goal_yet_asks_about_contacting_the_company(text: str) -> None:
    """h27-F (blind b30c-09): the recruiter's "don't contact the client" plus a question about a connection request
    is the contact-the-company question (answered: respect it), never the bare agency menu."""
    update = understand(msg(text, "inform"), {"branch": "staffing_agency"}, None, NOW)
    assert update["told_not_to_contact"] == "yes" and update["goal"] == "contact_company"


@pytest.mark.parametrize(
    "text",
    [
        "my recruiter suggested i email the finance director before thursday to introduce myself, can u draft it",
        "the consultant recommended that i reach out to the plant manager first. could you write that?",
    ],
)
def test_a_recruiter_suggestion_to_write_with_no_goal_yet_is_contacting_the_company(text: str) -> None:
    """h27-F (blind b30c-27): "my recruiter suggested I email the finance director" is an invited contact."""
    update = understand(msg(text, "inform"), {"branch": "staffing_agency"}, None, NOW)
    assert update["invited_to_contact"] == "yes" and update["goal"] == "contact_company"
