"""Blind round 11 (h28 C): the user's facts kept whole: clock times, names with particles, tools, lower-case names."""

from typing import Any, Dict, List

import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu_components.entity_roles import EntityRoles


def run(text: str, *found: tuple) -> List[Dict[str, Any]]:
    """The entities of a message after EntityRoles, given the (type, value) entities spaCy found."""
    message = Message.build(text)
    entities = []
    for kind, value in found:
        start = text.index(value)
        entities.append({"entity": kind, "value": value, "start": start, "end": start + len(value)})
    message.set("entities", entities)
    EntityRoles({}).process([message])
    return message.get("entities")


def of(entities: List[Dict[str, Any]], kind: str) -> List[tuple]:
    """(value, role) of the entities of one type."""
    return [(e["value"], e.get("role")) for e in entities if e["entity"] == kind]


def test_a_clock_time_spacy_took_for_a_day_is_the_interview_time() -> None:
    """'9:30am' read as a DATE never reached interview_time, and the draft said '[time]'."""
    text = "so the interview is thursday at 8:45am with the ops team"
    entities = run(text, ("DATE", "thursday"), ("DATE", "8:45am"))
    assert of(entities, "TIME") == [("8:45am", "interview")]
    assert of(entities, "DATE") == [("thursday", "interview")]


@pytest.mark.parametrize("said", ["half past nine", "quarter to 4", "quarter past eleven", "midday"])
def test_a_time_said_in_words_is_read(said: str) -> None:
    text = f"my panel interview is on monday at {said}, can i check the room?"
    assert of(run(text, ("DATE", "monday")), "TIME") == [(said, "interview")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("my recruiter is Siobhan O'Riley and she went quiet", "Siobhan O'Riley"),
        ("the hiring manager was Marie-Claire Dubois, lovely person", "Marie-Claire Dubois"),
        ("the interviewer is Lotte van den Broek, should i email?", "Lotte van den Broek"),
        ("my contact is Ewan McAllister btw", "Ewan McAllister"),
    ],
)
def test_a_name_with_an_apostrophe_hyphen_or_particle_is_kept_whole(text: str, name: str) -> None:
    assert [value for value, _ in of(run(text), "PERSON")] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "the job at Brightwave is mostly using Jira and Tableau to track launches",
        "i have 3 years of experience in Hubspot, interviewed at Brightwave last week",
    ],
)
def test_a_tool_the_user_works_with_is_neither_employer_nor_person(text: str) -> None:
    tools = [t for t in ("Jira", "Tableau", "Hubspot") if t in text]
    entities = run(text, ("ORG", "Brightwave"), *(("ORG", t) for t in tools))
    assert sorted(of(entities, "ORG")) == sorted([("Brightwave", "company"), *((t, "other") for t in tools)])


def test_a_tool_named_as_the_place_of_the_interview_is_the_employer() -> None:
    text = "i interviewed at Figma on tuesday for a design role"
    assert of(run(text, ("ORG", "Figma"), ("DATE", "tuesday")), "ORG") == [("Figma", "company")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("interview tmrw at 10am with lena ross for the data analyst role, can i email her", "Lena Ross"),
        ("had a call with dominic for a junior dev job last week", "Dominic"),
    ],
)
def test_a_lower_case_name_after_with_and_before_the_job_is_a_person(text: str, name: str) -> None:
    assert [value for value, _ in of(run(text), "PERSON")] == [name]


def test_a_known_agency_in_lower_case_that_sent_the_user_is_an_agency() -> None:
    text = "adecco sent me to an interview at Lindqvist Foods two weeks ago"
    orgs = of(run(text, ("ORG", "Lindqvist Foods"), ("DATE", "two weeks ago")), "ORG")
    assert ("adecco", "agency") in orgs and ("Lindqvist Foods", "company") in orgs


def test_a_clock_time_written_with_a_dot_is_one_time() -> None:
    """'4.15pm' was two times, '4' and '15pm'."""
    text = "the call is at 4.15pm on friday"
    assert of(run(text, ("DATE", "friday")), "TIME") == [("4.15pm", "interview")]
