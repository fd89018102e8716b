"""Who is who: each name, employer and correction the user gives lands in its own slot (blind round 27)."""

import pytest

from actions.understanding import understand
from tests.actions.test_understanding import NOW, after_nlu, msg


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "i had my interview last monday (the 23rd) with bola adeyemi at pike & rowe, can i still thank her",
            "Bola Adeyemi",
        ),
        (
            "the lead on my panel was dr. helen varga, the other two i didnt catch. can i ask her for feedback",
            "Dr. Helen Varga",
        ),
        (
            "can u write a linkedin note for the woman interviewing me fri, shes lucy tran at Pellway, im going for QA",
            "Lucy Tran",
        ),
        ("i had a call yesterday with ines duarte, who runs the lab. should i follow up", "Ines Duarte"),
        ("had my interview this morning with olek brandt for the buyer job at Vesta. thank you email?", "Olek Brandt"),
    ],
)
def test_a_name_typed_in_lower_case_becomes_the_interviewer(text: str, expected: str) -> None:
    """Blind 27c-11/12, 27a-19: 'dr. anita shah', 'kofi mensah', 'hes raj patel' left [Interviewer's name]."""
    update = understand(msg(text, "post_thank_you"), {}, None, NOW)
    assert update.get("interviewer_name") == expected


def test_lower_case_names_with_their_parts_in_brackets_make_a_panel() -> None:
    """Blind 27a-15: 'sara lind (lead designer), tom ekberg (producer)' gave notes to [Interviewer's name]."""
    text = "panel on the 14th: mira sato (art director), piotr nowak (producer). notes for both please"
    update = understand(msg(text, "pre_linkedin_message"), {}, None, NOW)
    assert update.get("panel") == ["Mira Sato", "Piotr Nowak"]


@pytest.mark.parametrize(
    "text",
    [
        "ordinary words after a talk: an interview with two people at the depot",
        "my interview with dr shah said nothing about pay",
        "we talked a lot about cutting delays with better routing, can you put that in?",
        "we covered budgets and stakeholder management (mostly) in the interview",
    ],
)
def test_ordinary_words_after_a_talk_are_no_full_name(text: str) -> None:
    """The lower-case name patterns stop at words that are no name ('two people', 'shah said')."""
    update = understand(msg(text, "post_thank_you"), {}, None, NOW)
    assert update.get("interviewer_name") in (None, "Dr. Shah")


def test_a_product_named_after_its_noun_is_no_interviewer() -> None:
    """Blind 27a-15: 'their last game, Hollowmere' gave 'Noted (interviewer: Hollowmere)' and 'Hi Hollowmere'."""
    text = "could the note to tom say i loved the level design in their newest game, Saltmarsh?"
    update = understand(
        msg(text, "pre_linkedin_message", ("PERSON", "Saltmarsh")), {"interviewer_name": "Tom Ek"}, None, NOW
    )
    assert "interviewer_name" not in update and "company" not in update
    update = understand(msg("I really liked their app Brisklet", "post_thank_you", ("ORG", "Brisklet")), {}, None, NOW)
    assert "company" not in update


def test_a_device_is_never_the_employer() -> None:
    """Blind 27a-09: 'is the iPad fine' made the draft say 'junior architect role at iPad'."""
    text = "My interview at Lorne Partners is on the 9th. Should I bring printed drawings or is the iPad enough?"
    update = understand(
        msg(text, "pre_ask_preparation", ("ORG", "Lorne Partners"), ("ORG", "iPad"), ("DATE", "the 9th")), {}, None, NOW
    )
    assert update["company"] == "Lorne Partners"


def test_a_name_set_off_after_a_title_is_the_person_not_the_company() -> None:
    """Blind 27b-11: 'the VP of engineering, Olusegun Bakare, at Ferrow Robotics' drafted '... at Olusegun Bakare'."""
    text = "i met the head of design, Amara Okafor, at Quayside Labs on tuesday for a UX role. can i thank her"
    update = understand(
        msg(text, "post_thank_you", ("ORG", "Amara Okafor"), ("ORG", "Quayside Labs"), ("DATE", "tuesday")),
        {},
        None,
        NOW,
    )
    assert update["company"] == "Quayside Labs"
    assert update["interviewer_name"] == "Amara Okafor"
    missed = understand(msg(text, "post_thank_you", ("ORG", "Quayside Labs")), {}, None, NOW)  # spaCy saw no name
    assert missed["interviewer_name"] == "Amara Okafor"


def test_a_spelling_note_about_the_users_own_name_changes_the_user_not_the_interviewer() -> None:
    """Blind 27b-16: 'oh and it's Jon, no h' after 'I'm John Kessler' gave 'Noted (interviewer: Jon)'."""
    slots = {"user_name": "Stephen Oduya", "interviewer_name": "Ms. Lindqvist", "branch": "post_interview"}
    update = understand(msg("ah and it's Steven, with a v", "post_thank_you", ("PERSON", "Steven")), slots, None, NOW)
    assert update.get("user_name") == "Steven Oduya"
    assert "interviewer_name" not in update


def test_a_corrected_surname_keeps_the_first_name() -> None:
    """Blind 27b-01: 'it's Raghunath not Raghunathan' turned 'Dear Priya' into 'Dear Raghunath'."""
    slots = {"interviewer_name": "Ingrid Halvorsen", "branch": "post_interview"}
    text = "sorry, i typed her surname wrong, it's Halvorson not Halvorsen"
    update = understand(msg(text, "post_thank_you", ("PERSON", "Halvorson"), ("PERSON", "Halvorsen")), slots, None, NOW)
    assert update["interviewer_name"] == "Ingrid Halvorson"


@pytest.mark.parametrize(
    ("text", "entities", "expected"),
    [
        ("whoops, it's Marquel with one l", [], "Marquel Foods"),
        ("the company is spelled Norvik, with one r", [("ORG", "spelled Norvik")], "Norvik"),
        ("sorry, it's Brightwell not Brightwel", [("ORG", "Brightwell"), ("PERSON", "Brightwel")], "Brightwell"),
    ],
)
def test_a_spelling_correction_of_the_employer_changes_the_company(text: str, entities: list, expected: str) -> None:
    """Blind 27b-07: 'oops it's Telvana with one n' was ignored; the drafts kept 'Telvanna'."""
    known = {"whoops": "Marquell Foods", "the company": "Norvick", "sorry": "Brightwel"}
    slots = {"company": next(v for k, v in known.items() if text.startswith(k)), "branch": "post_interview"}
    slots["interviewer_name"] = "Aisha Karimi"
    update = understand(msg(text, "post_thank_you", *entities), slots, None, NOW)
    assert update.get("company") == expected
    assert "interviewer_name" not in update


@pytest.mark.parametrize(
    ("text", "entities", "recruiter", "interviewer"),
    [
        (
            "I was put forward by Lena from Randstad. The interviewer, Omar Haddad, said I could message him.",
            [("PERSON", "Lena"), ("ORG", "Randstad"), ("PERSON", "Omar Haddad")],
            "Lena",
            "Omar Haddad",
        ),
        (
            "went through Hays for a planner job at Severn Rail. the hays guy, Craig Dunn, hasnt called back",
            [("ORG", "Hays"), ("ORG", "Severn Rail"), ("PERSON", "Craig Dunn")],
            "Craig Dunn",
            None,
        ),
        ("the adecco recruiter (dave) promised news by friday", [], "Dave", None),
    ],
)
def test_the_agencys_person_is_the_recruiter(
    text: str, entities: list, recruiter: str, interviewer: str | None
) -> None:  # noqa: E501
    """Blind 27d-09/01/08: 'Kelly from Gi Group', 'the hays guy, Tom Reilly', '(marcus)' never became the recruiter."""
    update = understand(msg(text, "agency_status", *entities), {}, None, NOW)
    assert update.get("recruiter_name") == recruiter
    assert update.get("interviewer_name") == interviewer


def test_a_two_word_lower_case_employer_is_kept_whole() -> None:
    """Blind 27c-11: 'the recruiter at lumen bio' made the drafts say 'at Lumen'."""
    text = "got a call today from the recruiter at halden bio saying no for the lab tech job"
    update = understand(msg(text, "post_feedback_request"), {}, None, NOW)
    assert update.get("company") == "Halden Bio"


def test_a_topic_put_aside_for_the_recruiter_keeps_the_draft_with_the_interviewer() -> None:
    """Blind 27e-14: '(I'll ask the recruiter)' turned Laura Chen's LinkedIn note into 'Dear [Recruiter's name]'."""
    slots = {"interviewer_name": "Maren Holt", "company": "Tessel Bank", "branch": "pre_interview"}
    text = "more formal please, and leave out the question about hybrid work (I'll ask the recruiter about that)"
    update = understand(msg(text, "edit_draft"), slots, None, NOW)
    assert "draft_to" not in update and "company" not in update
    update = understand(
        msg("ok, I'll ask the recruiter instead, can you write it to her", "edit_draft"), slots, None, NOW
    )
    assert update.get("draft_to") == "recruiter"


def test_a_different_application_is_a_new_case() -> None:
    """Blind 27c-05: 'different application: Oakridge Council, ...' mixed the two companies, roles and people."""
    text = "Quick one, different application: Fenwick Trust, grants officer, I interviewed there with Ms. Abara"
    cues = [e for e in after_nlu(text, []) if e["entity"] == "case_cue"]
    assert [c["value"] for c in cues] == ["new"]


def test_an_interviewer_asking_to_be_added_on_linkedin_is_an_invitation() -> None:
    """Blind 27d-09: 'feel free to add me on LinkedIn and drop me a note' left invited_to_contact empty."""
    text = "The interviewer, Ines Kahl, said at the end to feel free to add me on LinkedIn and drop me a note."
    update = understand(msg(text, "agency_status", ("PERSON", "Ines Kahl")), {"branch": "staffing_agency"}, None, NOW)
    assert update.get("invited_to_contact") == "yes"


def test_a_title_and_the_full_name_in_brackets_are_one_person() -> None:
    """'a thank you email for Mrs. Adebayo (Funmi Adebayo)' made a panel of two out of one interviewer."""
    text = "I'd like a thank you email for Mr. Castell (Tomas Castell). I'm Ruth Obi."
    update = understand(
        msg(text, "post_thank_you", ("PERSON", "Castell"), ("PERSON", "Tomas Castell"), ("PERSON", "Ruth Obi")),
        {},
        None,
        NOW,
    )
    assert update["interviewer_name"] == "Mr. Castell" and "panel" not in update


@pytest.mark.parametrize(
    ("text", "slot", "expected"),
    [
        ("no idea of the adecco guys surname, hes called rory", "recruiter_name", "Rory"),
        ("ok send it. recruiter name: Callum", "recruiter_name", "Callum"),
        (
            "the hr lady from tesco, maria lund, gave me her email and said to write any time",
            "interviewer_name",
            "Maria Lund",
        ),
    ],
)
def test_who_a_name_belongs_to_in_an_agency_story(text: str, slot: str, expected: str) -> None:
    """Blind 27d-04/08: 'hes called marcus', 'recruiter name: Marcus', 'the hr lady from dhl, karen webb' missed."""
    slots = {"branch": "staffing_agency", "agency_name": "Adecco", "company": "Tesco"}
    update = understand(msg(text, "agency_status"), slots, None, NOW)
    assert update.get(slot) == expected
    assert "recruiter_name" not in update or slot == "recruiter_name"


def test_a_note_addressed_to_the_known_recruiter_keeps_the_interviewer() -> None:
    """Suite B17: 'write the note to Brenda' after 'My recruiter is Brenda Hall' made Brenda the interviewer."""
    slots = {"branch": "staffing_agency", "recruiter_name": "Wendy Park", "interviewer_name": "Sol Adler"}
    update = understand(
        msg("fine, then write the note to Wendy asking if they decided", "agency_status"), slots, None, NOW
    )
    assert "interviewer_name" not in update
    assert update.get("draft_to") == "recruiter"


def test_two_people_with_one_first_name_are_told_apart() -> None:
    """Suite HW02: 'I'm Marco Ruiz ... their claims manager Marco Bellini' left [Interviewer's name]."""
    text = "I'm Lena Fox. Yesterday I had my interview at Brindle Bank with their branch manager Lena Ortiz."
    update = understand(
        msg(text, "post_thank_you", ("PERSON", "Lena Fox"), ("ORG", "Brindle Bank"), ("PERSON", "Lena Ortiz")),
        {},
        None,
        NOW,
    )
    assert update["user_name"] == "Lena Fox" and update["interviewer_name"] == "Lena Ortiz"


def test_people_given_as_references_are_no_contact() -> None:
    """Suite B28: 'my references are my old supervisor John Ruiz and ...' replaced the hiring manager."""
    slots = {"branch": "post_interview", "interviewer_name": "Ms. Okoye"}
    text = "can you help me reply? my references are my old supervisor Tom Hale and my tutor Dr. Ada Kim"
    update = understand(msg(text, "post_status_check", ("PERSON", "Tom Hale"), ("PERSON", "Ada Kim")), slots, None, NOW)
    assert "interviewer_name" not in update and "recruiter_name" not in update and "panel" not in update
