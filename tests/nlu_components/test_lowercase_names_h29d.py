"""EntityRoles: names and employers typed all in lower case and in a hurry (session 29, helper D)."""

from typing import Any, Dict, List

import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu_components.entity_roles import EntityRoles


def run(text: str) -> List[Dict[str, Any]]:
    """The entities of a message after EntityRoles, when spaCy found nothing (as it does in lower case)."""
    message = Message.build(text)
    message.set("entities", [])
    EntityRoles({}).process([message])
    return message.get("entities")


def of(entities: List[Dict[str, Any]], kind: str) -> List[tuple]:
    """(value, role) of the entities of one type."""
    return [(e["value"], e.get("role")) for e in entities if e["entity"] == kind]


@pytest.mark.parametrize(
    ("text", "person", "company"),
    [
        # a day between the interview and "with", and the interview misspelt
        ("intervew tmrw with oscar at halden bank, ok to ask about parking", "Oscar", "Halden Bank"),
        ("interviewed yesterday w/ mina cho at brightwell, thank you note?", "Mina Cho", "Brightwell"),
        # the note's addressee and their employer
        ("should i send a thank you note to lena ford at corvex tonight", "Lena Ford", "Corvex"),
        ("can you help me write to aaron pike at tessaly after my interview", "Aaron Pike", "Tessaly"),
        # the employer followed by how long ago
        ("interview with joe marsh at quorra 10 days ago, heard nothing", "Joe Marsh", "Quorra"),
        # the employer first, then the day, then the person
        ("interviewed at pellum last weds with dana roy, no word", "Dana Roy", "Pellum"),
        ("my interview at vistra was 4 days ago w/ ravi nair, should i chase", "Ravi Nair", "Vistra"),
    ],
)
def test_a_lower_case_name_and_employer_are_the_interviewer_and_the_company(
    text: str, person: str, company: str
) -> None:
    entities = run(text)
    assert (person, "interviewer") in of(entities, "PERSON")
    assert (company, "company") in of(entities, "ORG")


@pytest.mark.parametrize(
    "text",
    [
        "should i write to the team at acme after the interview",
        "had a video interview with the team at home yesterday",
        "i want to email to the hiring manager at home",
        "interviewed with the hr team at zentrik, at least i think it was hr",
        "can i contact brellis directly or only through the agency",
    ],
)
def test_ordinary_lower_case_words_are_no_ones_name(text: str) -> None:
    assert of(run(text), "PERSON") == []


def test_the_way_to_write_is_no_surname() -> None:
    assert not [v for v, _ in of(run("can i contact the manager directly"), "PERSON") if "Directly" in v]


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("my reruiter at hays went quiet", "hays"),
        ("the reruiter from randstad said friday", "randstad"),
    ],
)
def test_a_misspelt_recruiter_still_names_the_agency(text: str, agency: str) -> None:
    assert (agency, "agency") in [(v.lower(), r) for v, r in of(run(text), "ORG")]


def _with_date(text: str, date: str) -> List[Dict[str, Any]]:
    """The entities of a message after EntityRoles, given the DATE spaCy found (with the employer glued in front)."""
    start = text.index(date)
    found = {"entity": "DATE", "value": date, "start": start, "end": start + len(date), "extractor": "spacy"}
    message = Message.build(text)
    message.set("entities", [found])
    EntityRoles({}).process([message])
    return message.get("entities")


@pytest.mark.parametrize(
    ("text", "date", "company", "rest"),
    [
        ("interviewed w/ ada lim at pexlo 3 days ago, thank u note?", "pexlo 3 days ago", "Pexlo", "3 days ago"),
        (
            "interviewed at quillworth two weeks ago, nothing since",
            "quillworth two weeks ago",
            "Quillworth",
            "two weeks ago",
        ),
    ],
)
def test_a_lower_case_employer_glued_to_a_date_is_the_company(text: str, date: str, company: str, rest: str) -> None:
    entities = _with_date(text, date)
    assert (company, "company") in of(entities, "ORG")
    assert [v for v, _ in of(entities, "DATE")] == [rest]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("i was at home 2 days ago when they called", "home 2 days ago"),
        ("we met at least 3 days ago", "least 3 days ago"),
    ],
)
def test_an_ordinary_word_before_a_date_is_no_employer(text: str, date: str) -> None:
    assert of(_with_date(text, date), "ORG") == []


def test_a_misspelt_recruiter_is_followed_by_their_name() -> None:
    assert ("Ella", "recruiter") in of(run("my reruiter is ella from hays, no news"), "PERSON")


def test_an_employer_followed_by_is_is_the_company() -> None:
    text = "my interview with him at brenlow is in 3 days, should i email him"
    assert ("Brenlow", "company") in of(run(text), "ORG")


@pytest.mark.parametrize(
    "text", ["shuld i send somthing to the manager befor?", "can i email the recruiter b4 or is that weird"]
)
def test_a_hurried_word_after_a_person_noun_is_no_name(text: str) -> None:
    assert of(run(text), "PERSON") == []
