"""The user's own question is the draft's question (blind round 30, helper C of session 27).

A detail only mentioned ("it was through a teams link") is something the user has, not what they want to ask;
the detail named inside "I want to ask ..." is; follow-up sub-questions (what to wear, how to prepare for a
phone screen, "is that a dumb thing to ask") are tagged as topics so each gets an answer.
"""

from typing import List, Tuple

import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu_components.entity_roles import EntityRoles

ROLES = EntityRoles({})


def found(text: str, kind: str) -> List[Tuple[str, str | None]]:
    """(value, role) of the entities of one type EntityRoles finds in a message (no spaCy entities)."""
    message = Message.build(text)
    message.set("entities", [])
    ROLES.process([message])
    return [(e["value"], e.get("role")) for e in message.get("entities") if e["entity"] == kind]


@pytest.mark.parametrize(
    ("text", "question", "own"),
    [
        (
            "round two is on friday, the first call was on a zoom link they sent. i'd like to ask if i can bring "
            "printed samples of my work",
            [],
            "if i can bring printed samples of my work",
        ),
        (
            "they emailed me a teams link for thursday. i want to ask whether i should bring my portfolio",
            [("bring", None)],
            "whether i should bring my portfolio",
        ),
        (
            "the invite came with a meeting link and the address of the office. just want to ask what the dress "
            "code is there",
            [("dress", None)],
            "what the dress code is there",
        ),
    ],
)
def test_a_detail_only_mentioned_is_no_question_beside_the_users_own(text: str, question: list, own: str) -> None:
    assert found(text, "question") == question
    assert [value for value, _ in found(text, "own_question")] == [own]


def test_a_doubt_outside_the_users_question_still_counts() -> None:
    text = "not sure if it starts at 10 or 10:30, and i want to ask whether they use kotlin on the team"
    assert found(text, "question") == [("time", None)]
    assert [value for value, _ in found(text, "own_question")] == ["whether they use kotlin on the team"]


@pytest.mark.parametrize(
    ("text", "own"),
    [
        (
            "could I ask her what the team's biggest challenge is right now?",
            "what the team's biggest challenge is right now",
        ),
        (
            "can i ask the recruiter which parts of the job matter most to him",
            "which parts of the job matter most to him",
        ),
    ],
)
def test_can_i_ask_them_words_are_the_users_own_question(text: str, own: str) -> None:
    assert [value for value, _ in found(text, "own_question")] == [own]


@pytest.mark.parametrize(
    "text",
    ["can i ask about salary in the email?", "could I ask if I can email her again?"],
)
def test_questions_about_the_outreach_or_pay_are_no_question_for_the_draft(text: str) -> None:
    assert found(text, "own_question") == []


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("am i supposed to wear something smart or is jeans ok", "dress"),
        ("do i have to wear formal clothes for a warehouse job", "dress"),
        ("is wearing something casual ok for a startup interview", "dress"),
    ],
)
def test_what_to_wear_in_plain_words_is_the_dress_code_question(text: str, question: str) -> None:
    assert [value for value, _ in found(text, "question")] == [question]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("and what do i actually wear to it", "dress"),
        ("do i need to wear a tie or nah", "dress"),
        ("would that be a stupid question to send her?", "dumb_question"),
        ("is it a silly thing to ask about parking", "dumb_question"),
        ("and how do i prep for the phone screen itself", "interview_prep"),
        ("what should i even prepare, it's a 15 minute call", "interview_prep"),
        ("any tips on preparing for a panel?", "interview_prep"),
    ],
)
def test_sub_questions_are_tagged_as_topics(text: str, topic: str) -> None:
    assert topic in [value for value, _ in found(text, "topic")]


@pytest.mark.parametrize(
    "text",
    [
        "can i ask them what i should prepare for the interview?",
        "what should i put in the note to her",
        "i want to ask them how i should prepare for the case study",
    ],
)
def test_asking_the_interviewer_how_to_prepare_is_no_prep_topic_for_the_coach(text: str) -> None:
    assert "interview_prep" not in [value for value, _ in found(text, "topic")]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("quick one: do i send an email thank you too, or is linkedin enough on its own?", "channel_choice"),
        ("is a linkedin message alone enough or should i email as well", "channel_choice"),
        ("could i send him a connection request with no note at all?", "blank_request"),
        ("is a blank invite weird", "blank_request"),
        ("after we've met, is it ok to connect and say thanks there?", "connect_after"),
        ("can i add him on linkedin after the interview and thank him?", "connect_after"),
    ],
)
def test_linkedin_follow_ups_name_their_topic(text: str, topic: str) -> None:
    tagged = [value for value, _ in found(text, "topic")]
    assert topic in tagged


@pytest.mark.parametrize(
    "text",
    [
        "he hasn't replied in a week. can I ask him what's going on?",
        "could i ask her where things stand now",
        "can I ask them if there's any news yet",
    ],
)
def test_asking_for_the_status_is_the_status_check_not_a_question_of_their_own(text: str) -> None:
    assert found(text, "own_question") == []
