"""EntityRoles reads the situation as it really is (h29-E): no interview yet, several channels in a row, an
invitation in everyday words and an apology asked about after too many messages."""

from typing import List

import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu_components.entity_roles import EntityRoles
from tests.nlu_components.test_follow_up_topics import topics

ROLES = EntityRoles({})


def facts(text: str, name: str) -> List[str]:
    """The values of the fact entity `name` EntityRoles tags in a message."""
    message = Message.build(text)
    message.set("entities", [])
    ROLES.process([message])
    return [e["value"] for e in message.get("entities") if e["entity"] == name]


@pytest.mark.parametrize(
    "text",
    [
        "applied to the depot job a fortnight ago and still havent heard a word",
        "the agency put my cv forward to a logistics firm on friday",
        "reed submitted my profile to a school in leeds last week",
        "i got shortlisted for the library assistant post, waiting for them to book a call",
        "they said someone would ring me to set up a phone screen",
        "there hasn't been an interview, i only sent my cv",
        "i never had an interview there",
    ],
)
def test_no_interview_yet_is_read(text: str) -> None:
    assert "yes" in facts(text, "not_scheduled")


@pytest.mark.parametrize(
    "text",
    [
        "hays put me forward and i interviewed with their finance lead on monday",
        "i applied in october, had my interview last week and havent heard since",
        "i've been shortlisted and the interview is on the 9th",
    ],
)
def test_an_interview_said_beside_it_is_no_no_interview(text: str) -> None:
    assert "yes" not in facts(text, "not_scheduled")


@pytest.mark.parametrize(
    "text",
    ["i emailed, texted and called her yesterday", "called him, emailed him and then messaged him on linkedin"],
)
def test_several_channels_in_a_row_are_more_than_one_follow_up(text: str) -> None:
    assert "yes" in facts(text, "followed_up_again")


def test_one_channel_is_not_more_than_one_follow_up() -> None:
    assert "yes" not in facts("i emailed her once on friday", "followed_up_again")


@pytest.mark.parametrize(
    "text", ["should i apologise for spamming her?", "do i say sorry for all the messages", "should i apologize"]
)
def test_an_apology_after_too_many_messages_is_a_topic(text: str) -> None:
    assert "apologise" in topics(text)


def test_no_interview_with_them_is_no_first_interview_nerves() -> None:
    assert "feel_first_time" not in topics("no wait, i never had an interview with them, i just applied")
    assert "feel_first_time" in topics("i've never had a job interview before, any tips?")


def test_a_first_interview_ever_is_no_no_interview() -> None:
    assert "yes" not in facts("i never had an interview before in my life and mine is on friday", "not_scheduled")


@pytest.mark.parametrize(
    "text", ["my phone screen hasnt been booked yet", "i was put forward for a night shift role on friday"]
)
def test_nothing_booked_and_put_forward_are_no_interview_yet(text: str) -> None:
    assert "yes" in facts(text, "not_scheduled")
