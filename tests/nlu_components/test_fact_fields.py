"""EntityRoles puts each fact in its own field: employer, job title, the user's own name and the people (round 5)."""

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
        entities.append(
            {
                "entity": kind,
                "value": value,
                "start": start,
                "end": start + len(value),
                "extractor": "SpacyEntityExtractor",
            }
        )
    message.set("entities", entities)
    EntityRoles({}).process([message])
    return message.get("entities")


def of(entities: List[Dict[str, Any]], kind: str) -> List[tuple]:
    """(value, role) of the entities of one type."""
    return [(e["value"], e.get("role")) for e in entities if e["entity"] == kind]


def test_ordinary_words_spacy_took_for_an_organisation_are_no_employer() -> None:
    """Blind 25e-02: 'ok fine ill wait till friday' stored the company 'Fine Ill Wait'."""
    assert of(run("ok fine ill wait till friday", ("ORG", "fine ill wait")), "ORG") == []
    assert of(run("i interviewed at target last week", ("ORG", "target")), "ORG") == [("target", "company")]


def test_a_product_in_what_the_user_did_is_not_the_employer() -> None:
    """Blind 25e-17: 'my SAP migration experience' made SAP the company instead of Accenture."""
    text = "Interview was Friday with Priyanka Shah at Accenture. We talked about my SAP migration experience."
    orgs = of(run(text, ("PERSON", "Priyanka Shah"), ("ORG", "SAP")), "ORG")
    assert ("SAP", "other") in orgs and ("Accenture", "company") in orgs


def test_a_name_said_to_be_wrong_is_wrong_each_time_it_comes() -> None:
    """Blind 25e-17: 'the company is Accenture, not SAP! SAP was the software' kept SAP as the company."""
    text = "the company is Accenture, not SAP! SAP was the software."
    entities = run(text, ("ORG", "SAP"))
    entities = run(text, *[("ORG", "SAP")] * 1)
    message = Message.build(text)
    message.set(
        "entities",
        [
            {"entity": "ORG", "value": "SAP", "start": i, "end": i + 3, "extractor": "SpacyEntityExtractor"}
            for i in (text.index("SAP"), text.rindex("SAP"))
        ],
    )
    EntityRoles({}).process([message])
    entities = message.get("entities")
    assert sorted(of(entities, "ORG")) == [("Accenture", "company"), ("SAP", "negated"), ("SAP", "negated")]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "one thing, the official title is Marketing & Events Coordinator, can you use that",
            "Marketing & Events Coordinator",
        ),
        ("the job title is Marketing and Events Coordinator", "Marketing and Events Coordinator"),
        ("the role is account executive and the company is Brightline", "account executive"),
        ("Job is accountant at Pell & Norris", "accountant"),
        ("had my intervew today for the ux researcher postion, was with john", "ux researcher"),
    ],
)
def test_a_job_title_keeps_its_ampersand_and_loses_a_typed_post_word(text: str, title: str) -> None:
    """Blind 25b-06 ('Marketing & Events Coordinator' became the company, 'and' cut it) and 25e-14 ('postion')."""
    entities = run(text, ("ORG", "Marketing & Events Coordinator")) if "&" in text and "Events" in text else run(text)
    assert of(entities, "role")[:1] == [(title, "stated")]
    assert not [o for o in of(entities, "ORG") if "Coordinator" in o[0]]


def test_the_level_in_front_of_the_models_title_is_kept() -> None:
    """Blind 25a-05: 'Senior product manager role' became 'product manager' in the draft."""
    text = "Final round on Friday. Senior product manager role. Should I email him?"
    start = text.index("product manager")
    message = Message.build(text)
    message.set(
        "entities",
        [{"entity": "role", "value": "product manager", "start": start, "end": start + 15, "extractor": "CRF"}],
    )
    EntityRoles({}).process([message])
    assert [e["value"] for e in message.get("entities") if e["entity"] == "role"] == ["senior product manager"]


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("the company is pembrook & sayle, i said that", "Pembrook & Sayle"),
        ("also company = Tessaly", "Tessaly"),
        ("company: Pembrook & Sayle. send it to Linda Fisher.", "Pembrook & Sayle"),
        ("had my intervew at spotify today", "Spotify"),
        ("hiring manager is tom reyes at kinderly, im going for the payroll job", "Kinderly"),
    ],
)
def test_the_employer_said_outright_in_lower_case_or_with_a_sign(text: str, company: str) -> None:
    """Blind 25a-14 ('pembrook & sayle' never taken), 25b-09 ('company = Tessaly'), 25e-14, 25b-11 (lower case)."""
    orgs = of(run(text), "ORG")
    assert (company, "company") in orgs
    (org,) = [e for e in run(text) if e["entity"] == "ORG" and e["value"] == company]
    assert org["additional_info"]["named_outright"] is True


def test_the_employers_own_recruiter_is_no_agency() -> None:
    """Blind 25b-09: 'the recruiter at Tessaly (in-house, not an agency)' made Tessaly an agency."""
    text = "a phone screen w/ the recruiter at Tessaly (in-house, not an agency). her name is Bri Coleman"
    assert ("Tessaly", "company") in of(run(text, ("PERSON", "Bri Coleman")), "ORG")


@pytest.mark.parametrize(
    ("text", "found", "expected"),
    [
        ("my wife thinks i should email him now to show im keen but i dont want to be annoying", (), []),
        ("you're not listening. HR is allowed. only the hiring manager is off limits.", (), []),
        ("can you help me write my CV?", (("PERSON", "CV"),), []),
        (
            "lol my names not keen, its Wayne Doucette. i told you",
            (("PERSON", "Wayne Doucette"),),
            [("Wayne Doucette", "self")],
        ),
        (
            "company: Acme. send it to Linda Fisher. from Aisha Khan.",
            (("PERSON", "Linda Fisher"), ("PERSON", "Aisha Khan")),
            None,
        ),
        ("can you put that in? signed Ifeoma Eze", (), [("Ifeoma Eze", "self")]),
        ("you forgot my name at the bottom - Ifeoma Eze", (), [("Ifeoma Eze", "self")]),
        ("hiring manager is tom reyes at kinderly, im going for the payroll job", (), [("Tom Reyes", "interviewer")]),
    ],
)
def test_only_names_are_people_and_the_users_own_name_is_the_signature(
    text: str, found: tuple, expected: list | None
) -> None:
    """Blind 25b-08 ('show im keen' signed 'Keen'), 25a-03 ('Off Limits'), 25d-15 ('CV'), 25b-10, 25a-14."""
    people = of(run(text, *found), "PERSON")
    if expected is None:
        assert ("Aisha Khan", "self") in people and ("Linda Fisher", "self") not in people
    else:
        assert [p for p in people if p[0] != "Ana"] == expected


def test_a_person_named_at_the_end_of_the_clause_that_introduced_them() -> None:
    """Session 24: 'the recruiter i spoke to this morning, Bianca Reyes' (spaCy: an organisation) became the company."""
    text = "need a thank you email for the recruiter i spoke to this morning, Bianca Reyes. it was a phone screen"
    entities = run(text, ("ORG", "Bianca Reyes"))
    assert of(entities, "PERSON") == [("Bianca Reyes", "recruiter")] and of(entities, "ORG") == []
    assert (
        of(
            run("I applied to the manager role at my old firm, Keystone Staffing.", ("ORG", "Keystone Staffing")),
            "PERSON",
        )
        == []
    )


@pytest.mark.parametrize(
    ("text", "found", "agency"),
    [
        ("The agency is Hudson, Oliver Grant is the recruiter's full name.", (("PERSON", "Hudson"),), "Hudson"),
        ("the agency is called Aquent. and the email is to send the samples", (), "Aquent"),
        ("placed there by a recruiter, Oliver Grant at Hudson. Final interview was Thursday", (), "Hudson"),
    ],
)
def test_the_agency_said_outright_is_the_agency_and_never_a_person(text: str, found: tuple, agency: str) -> None:
    """Blind 25d-07 ('The agency is Hudson' made Hudson the recruiter) and 25d-14 ('the agency is called Aquent')."""
    entities = run(text, *found, ("PERSON", "Oliver Grant")) if "Oliver" in text else run(text, *found)
    assert (agency, "agency") in of(entities, "ORG") and agency not in [v for v, _ in of(entities, "PERSON")]


def test_the_models_agency_on_a_persons_name_is_dropped() -> None:
    """Blind 25d-07: the agency was stored as 'Oliver Grant', the recruiter's name."""
    text = "placed there by a recruiter, Oliver Grant at Hudson."
    message = Message.build(text)
    start = text.index("Oliver Grant")
    message.set(
        "entities",
        [
            {"entity": "agency", "value": "Oliver Grant", "start": start, "end": start + 12, "extractor": "CRF"},
            {"entity": "PERSON", "value": "Oliver Grant", "start": start, "end": start + 12, "extractor": "Spacy"},
        ],
    )
    EntityRoles({}).process([message])
    assert [e["value"] for e in message.get("entities") if e["entity"] == "agency"] == []


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("I need a NEW message to Fiona at Hays. the company is BAE Systems btw", "ORG", "BAE Systems"),
        (
            "no!! the role is still senior product manager, and it goes to someone else",
            "role",
            "senior product manager",
        ),
    ],
)
def test_chatter_around_a_fact_is_not_part_of_it(text: str, kind: str, value: str) -> None:
    """Blind 25d-09 (company 'BAE Systems btw'), 25d-02 (role 'still senior product manager', 'another consultant')."""
    assert value in [v for v, _ in of(run(text), kind)]
    assert of(run("could you write something for another consultant at Michael Page then?"), "role") == []


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        (
            "for a contract accounting job, recruiter is jess. had the client interview last tuesday",
            "PERSON",
            ("Jess", "recruiter"),
        ),
        ("just got rejected from deloitte for the audit associate job after 3 rounds", "ORG", ("Deloitte", "company")),
        ("the recruiter is great, very responsive", "PERSON", None),
    ],
)
def test_lower_case_names_without_the_article_and_the_employer_that_said_no(
    text: str, kind: str, expected: tuple
) -> None:
    """Blind 25e-04 ('recruiter is jess' gave [Recruiter's name]) and 25e-10 ('rejected from deloitte')."""
    assert of(run(text), kind) == ([expected] if expected else [])


def test_a_person_named_again_is_no_organisation_and_keeps_no_full_stop() -> None:
    """Blind 25d-08 (recruiter Becky also the company, then [Recruiter's name]) and 25d-01 ('Tom Okafor.')."""
    text = "my recruiter Becky said they decide wednesday. should I check in with Becky today?"
    entities = run(text, ("PERSON", "Becky"))
    assert of(entities, "ORG") == [] and ("Becky", "recruiter") in of(entities, "PERSON")
    text = "the company is Rolls-Royce, I said that. and my name is Tom Okafor. also she promised"
    assert of(run(text, ("PERSON", "Tom Okafor.")), "PERSON") == [("Tom Okafor", "self")]


def test_an_agency_called_by_name_is_not_the_employer() -> None:
    """Blind 25d-01: 'a recruiter from an agency called Hays' made Hays the company."""
    text = "a recruiter from an agency called Hays put me forward for a Data Analyst role at Rolls-Royce."
    orgs = of(run(text, ("ORG", "Hays")), "ORG")
    assert ("Hays", "company") not in orgs and ("Rolls-Royce", "company") in orgs


def test_a_lower_case_name_after_a_clause_about_the_person() -> None:
    """Blind 25c-02: 'the recruiter who set it up was jenna kwan' left [Recruiter's name] in the draft."""
    text = "ok but its been over a month. the recruiter who set it up was jenna kwan, i never emailed her."
    assert of(run(text), "PERSON") == [("Jenna Kwan", "recruiter")]
    assert of(run("the recruiter who called me was really nice"), "PERSON") == []


def test_the_strength_drops_a_trailing_experience_the_draft_already_says() -> None:
    """Blind 25e-17: the draft said 'my experience in SAP migration experience'."""
    text = "Interview was Friday with Priyanka Shah. We talked about my SAP migration experience."
    assert of(run(text), "strength") == [("SAP migration", None)]


@pytest.mark.parametrize(
    ("text", "name"),
    [("oh and actually hes Jon, no h, sorry", "Jon"), ("oops, it's Kathryn with a K", "Kathryn")],
)
def test_a_letter_note_after_a_first_name_makes_it_a_spelling(text: str, name: str) -> None:
    """Blind 25e-14 ('hes Jon, no h' ignored) and 25b-10 ('it's Kathryn with a K' dropped)."""
    (person,) = [e for e in run(text, ("PERSON", name)) if e["entity"] == "PERSON"]
    assert person["value"] == name and person["additional_info"]["name_part"] == "spelling"
