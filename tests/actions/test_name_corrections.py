"""Corrections of names, spellings, the company and the signature update the fact the draft uses, and only it."""

import pytest

from actions.understanding import understand
from tests.actions.test_understanding import NOW, msg

AFTER = {"branch": "post_interview", "goal": "thank_you", "channel": "email"}


@pytest.mark.parametrize(
    ("text", "found", "known", "expected"),
    [
        # blind 24b-05: the surname of the recruiter named before by first name only
        (
            "can you draft it to hannah? her last name is Brightwater. I'm Owen Pryce",
            [("PERSON", "Brightwater"), ("PERSON", "Owen Pryce")],
            {"recruiter_name": "Hannah"},
            {"recruiter_name": "Hannah Brightwater"},
        ),
        # the first name given after only the surname was known
        (
            "her first name is Hannah",
            [("PERSON", "Hannah")],
            {"interviewer_name": "Brightwater"},
            {"interviewer_name": "Hannah Brightwater"},
        ),
        # blind 24b-14: a spelling of the first name keeps the surname
        (
            "oh wait, and her name is spelled Cate, with a C",
            [("ORG", "Cate")],
            {"interviewer_name": "Kate Morrow"},
            {"interviewer_name": "Cate Morrow"},
        ),
        # blind 24b-04: the title and surname of the person named before is that person, greeted formally
        (
            "and Dear Kwame vs Dear Mr. Osei — which is better for a bank?",
            [("PERSON", "Dear Kwame"), ("PERSON", "Mr. Osei")],
            {"interviewer_name": "Kwame Osei"},
            {"interviewer_name": "Mr. Kwame Osei"},
        ),
        # blind 25b-10: the respelled first name is kept when a title and surname follow in the same message
        (
            "oops, it's spelled Kathryn, not Katherine. And she goes by Dr. Lowe I think",
            [("PERSON", "Kathryn"), ("PERSON", "Katherine"), ("PERSON", "Lowe")],
            {"interviewer_name": "Katherine Lowe"},
            {"interviewer_name": "Dr. Kathryn Lowe"},
        ),
        # blind 25e-14: a letter note after the first name respells it
        (
            "almost. oh and actually hes Jon, no h, sorry",
            [("PERSON", "Jon")],
            {"interviewer_name": "John Mercer"},
            {"interviewer_name": "Jon Mercer"},
        ),
    ],
)
def test_a_name_part_or_spelling_completes_the_known_name(text: str, found: list, known: dict, expected: dict) -> None:
    update = understand(msg(text, "inform", *found), {**AFTER, **known}, None, NOW)
    for slot, value in expected.items():
        assert update.get(slot) == value
    assert "company" not in update and "panel" not in update
    assert not any(str(v).startswith("Dear") for v in update.values())


def test_the_surname_alone_in_a_complaint_changes_no_one() -> None:
    """Blind 24b-05: "it says Dear Brightwater" made the interviewer "Dear Brightwater" (then "Dear Dear,")."""
    slots = {**AFTER, "recruiter_name": "Hannah Brightwater"}
    update = understand(
        msg("it says Dear Brightwater and that's wrong", "inform", ("PERSON", "Dear Brightwater")), slots, None, NOW
    )
    assert not update.get("interviewer_name") and update.get("recruiter_name") in (None, "Hannah Brightwater")


@pytest.mark.parametrize(
    ("text", "found", "company"),
    [
        ("oops: the company is Quinnell with two Ls, and the role is Senior Backend Engineer", [], "Quinnell"),
        ("haha no, the company name is Quinnell Systems", [("ORG", "Quinnell Systems")], "Quinnell Systems"),
    ],
)
def test_a_spelling_note_is_not_part_of_the_company(text: str, found: list, company: str) -> None:
    """Blind 24b-08: "Quinnell with two Ls" became the company; "the company name is X" was dropped as a name."""
    update = understand(msg(text, "inform", *found), {**AFTER, "company": "Quinnel Systems"}, None, NOW)
    assert update["company"] == company


@pytest.mark.parametrize(
    ("text", "found", "company"),
    [
        ("no wait, the company name is Orlen Robotics", [("ORG", "Orlen Robotics")], "Orlen Robotics"),
        ("it was at Orlen, the Bergen office", [("ORG", "Orlen")], None),  # the short name again: nothing changes
    ],
)
def test_the_companys_full_name_said_outright_replaces_its_short_name(text: str, found: list, company: str) -> None:
    """GF02: "the company name is Halden Analytics" after "at Halden" was taken for the same name, said short."""
    update = understand(msg(text, "inform", *found), {**AFTER, "company": "Orlen"}, None, NOW)
    assert update.get("company") == company


def test_a_new_signature_is_the_users_name() -> None:
    """Blind 24e: "please change the signature to Marcus Hale" was read as the interviewer."""
    slots = {**AFTER, "interviewer_name": "Samantha Reid", "user_name": "Jake"}
    update = understand(
        msg("please change the signature to Marcus Hale", "inform", ("PERSON", "Marcus Hale")), slots, None, NOW
    )
    assert update.get("user_name") == "Marcus Hale" and "interviewer_name" not in update


def test_the_person_a_note_goes_to_is_not_the_signature() -> None:
    """Blind 24d-01: "put my name in the note to Danielle" signed the note "Danielle" (the recruiter)."""
    slots = {"branch": "staffing_agency", "recruiter_name": "Danielle Ruiz", "user_name": "Marcus Hale"}
    text = "can you put my name in the note to Danielle and mention she said friday?"
    update = understand(msg(text, "inform", ("PERSON", "Danielle")), slots, None, NOW)
    assert "user_name" not in update and update.get("recruiter_name") in (None, "Danielle Ruiz")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("it still says Dear Rebecca, the recipient should be Colm", "Colm"),
        ("it should be addressed to Samantha, she's HR not my interviewer", "Samantha"),
    ],
)
def test_the_recipient_said_outright_is_greeted(text: str, name: str) -> None:
    """Blind 24e-12, 24d-05: "the recipient should be Colm", "addressed to Samantha" kept the old greeting."""
    update = understand(
        msg(text, "inform", ("PERSON", name)), {**AFTER, "interviewer_name": "Rebecca Stone"}, None, NOW
    )
    assert update.get("interviewer_name") == name


def test_a_lowercase_story_with_a_typo_keeps_the_interviewer_and_the_whole_employer() -> None:
    """Blind 24b-14: "interviewd wednesday w/ kate morrow at elm street vets" left [Interviewer's name], [Company]."""
    text = "thank u email pls. interviewd wednesday w/ kate morrow at elm street vets for vet tech role, im sofia ruiz"
    update = understand(msg(text, "post_thank_you"), {}, None, NOW)
    assert update.get("interviewer_name") == "Kate Morrow" and update.get("company") == "Elm Street Vets"


def test_a_signature_spacy_missed_is_the_users_name() -> None:
    """Suite GF06: "change the signature to Callum Reyes" (no PERSON from spaCy) left [Your name]."""
    update = understand(
        msg("please change the signature to Callum Reyes", "inform"), {**AFTER, "user_name": "Cal"}, None, NOW
    )
    assert update.get("user_name") == "Callum Reyes"
