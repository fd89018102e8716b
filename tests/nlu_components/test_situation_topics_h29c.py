"""EntityRoles and MessageCues read situations that change the answer (h29-C): changes on the employer's side,
"still interviewing" asked as a rejection, a detail to mention, and two employers named after one "interviews"."""

from typing import Any, Dict, List

import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu_components.entity_roles import EntityRoles
from nlu_components.message_cues import MessageCues
from tests.nlu_components.test_entity_roles import run
from tests.nlu_components.test_follow_up_topics import topics


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("she cancelled on me an hour before, what do i write?", "they_cancelled"),
        ("the interview got called off this morning", "they_cancelled"),
        ("my phone interview with Ravi from Onyx got cancelled this morning", "they_cancelled"),
        ("Greta from Sawmill rescheduled my interview from wednesday to friday", "they_moved"),
        ("hr moved the interview to next week, should i reply", "they_moved"),
        ("the hiring manager didnt show up to our zoom", "no_show"),
        ("nobody joined the call, i waited 15 minutes", "no_show"),
        ("phone screen was set for 3pm and nobody called at 3, nothing since", "no_show"),
        ("should i mention i volunteered at their charity event?", "mention_detail"),
        ("is it worth mentioning that i know their head of design", "mention_detail"),
        ("they're still interviewing other candidates. does that mean im rejected?", "not_rejection"),
        ("he said two more rounds to go, is that a bad sign?", "not_rejection"),
        ("if she hasn't answered by friday I'm thinking of phoning her. good plan?", "call_instead"),
    ],
)
def test_the_situation_is_a_topic(text: str, expected: str) -> None:
    assert expected in topics(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("i need to reschedule my interview, im sick", "they_moved"),
        ("I rescheduled my interview last week, can i email to confirm", "they_moved"),
        ("my train got cancelled, ill be late", "they_cancelled"),
        ("the interview was cancelled because i was sick", "they_cancelled"),
        ("should i mention my other offer?", "mention_detail"),
        ("they went with someone else, can i ask why?", "not_rejection"),
        ("i'm going to call in sick that day", "call_instead"),
        ("did the interview 2 weeks ago for a packer job and nobody called me back", "no_show"),
        ("interviewed last monday, nobody called since, should i chase", "no_show"),
    ],
)
def test_the_users_own_change_or_a_real_rejection_is_not_that_topic(text: str, absent: str) -> None:
    found = topics(text)
    assert absent not in found or (absent == "mention_detail" and "other_offer" in found)


def test_a_first_name_spacy_missed_before_a_surname_is_part_of_the_name() -> None:
    text = "it was with Declan Murphy, the IT manager at Fernhill Schools, and his deputy Aoife Byrne"
    found = run(text, ("PERSON", "Declan Murphy"), ("ORG", "Fernhill Schools"), ("PERSON", "Byrne"))
    people = [e["value"] for e in found if e["entity"] == "PERSON"]
    assert people == ["Declan Murphy", "Aoife Byrne"]


@pytest.mark.parametrize("text", ["I met Tuesday Byrne", "the call with Ms Byrne went fine"])
def test_a_day_or_a_title_before_a_surname_is_no_first_name(text: str) -> None:
    people = [e["value"] for e in run(text, ("PERSON", "Byrne")) if e["entity"] == "PERSON"]
    assert not any(p.startswith("Tuesday") for p in people) and "Byrne" in people[0]


def test_thank_yous_in_the_plural_are_the_thank_you_goal() -> None:
    found = run("my recruiter got me an interview yesterday and I'd like to send thank yous")
    assert [e["value"] for e in found if e["entity"] == "goal"] == ["thank_you"]


def test_two_employers_after_interviews_are_two_cases() -> None:
    text = (
        "I have interviews at two companies this week: Bexley Foods on Wednesday with Nora Quinn and "
        "Harrowgate Tech on Thursday with Paul Stein. Can I email them both to confirm?"
    )
    entities: List[Dict[str, Any]] = []
    for kind, value in (("ORG", "Bexley Foods"), ("ORG", "Harrowgate Tech")):
        start = text.index(value)
        entities.append({"entity": kind, "value": value, "start": start, "end": start + len(value)})
    message = Message.build(text)
    message.set("entities", entities)
    EntityRoles({}).process([message])
    MessageCues({}).process([message])
    cues = [c for c in message.get("cues") or [] if c["entity"] == "case_cue" and c["value"] == "other"]
    assert len(cues) == 1 and text[cues[0]["start"] :].startswith("Harrowgate Tech")


def test_a_day_after_they_moved_it_is_the_new_interview_day_not_the_old_one() -> None:
    text = "he just emailed, he moved it to monday"
    found = run(text, ("DATE", "monday"))
    assert [(e["value"], e.get("role")) for e in found if e["entity"] == "DATE"] == [("monday", "interview")]
    text = "she moved my interview from wednesday to friday"
    found = run(text, ("DATE", "wednesday"), ("DATE", "friday"))
    roles = {e["value"]: e.get("role") for e in found if e["entity"] == "DATE"}
    assert roles == {"wednesday": "other", "friday": "interview"}
