"""Names, greetings and who is who in drafts (blind round 30: b30b-17, b30a-13, b30a-03)."""

from datetime import datetime, timezone

import pytest

from actions.engine.advice import changes
from actions.engine.drafts import render_draft
from actions.engine.situation import Situation
from actions.engine.vocabulary import UNKNOWN
from actions.understanding import understand
from tests.actions.test_understanding import NOW, msg

BEFORE = {
    "branch": "pre_interview",
    "goal": "should_contact",
    "interview_date": "2026-11-24",
    "company": "Whitcombe Legal",
    "role": "paralegal",
}
NOW_UTC = datetime(2026, 11, 22, 10, 0, tzinfo=timezone.utc)


def test_the_first_name_said_before_the_surname_spacy_found_belongs_to_it() -> None:
    """b30a-13: "name's Beatriz Souza" with spaCy finding only "Souza" became the interviewer ("Dear Souza,")."""
    text = "if yes write me the email asking about the panel. name's Beatriz Souza"
    update = understand(
        msg(text, "inform", ("PERSON", "Souza")), {**BEFORE, "interviewer_name": "Mr. Anand Rao"}, None, NOW
    )
    assert update.get("user_name") == "Beatriz Souza"
    assert "interviewer_name" not in update


@pytest.mark.parametrize(
    "text",
    [
        "Souza is MY name. The email goes to Mr. Anand Rao.",
        "no, Souza is my last name! it goes to Mr. Anand Rao",
    ],
)
def test_a_name_said_to_be_the_users_own_moves_from_the_greeting_to_the_signature(text: str) -> None:
    """b30a-13: "Souza is MY name. The email goes to Mr. Anand Rao" left "Dear Souza," and gave no draft."""
    slots = {**BEFORE, "interviewer_name": "Souza"}
    update = understand(msg(text, "inform", ("PERSON", "Souza"), ("PERSON", "Anand Rao")), slots, None, NOW)
    assert update.get("interviewer_name") == "Mr. Anand Rao"
    assert update.get("user_name") == "Souza"


def test_the_surname_said_to_be_the_users_keeps_the_full_name_known() -> None:
    """'Souza is my name' after 'I'm Beatriz Souza': the user stays Beatriz Souza, the reader is no longer Souza."""
    slots = {**BEFORE, "interviewer_name": "Souza", "user_name": "Beatriz Souza"}
    update = understand(msg("Souza is MY name", "inform", ("PERSON", "Souza")), slots, None, NOW)
    assert "user_name" not in update
    assert update.get("interviewer_name") is None and "interviewer_name" in update


@pytest.mark.parametrize(
    "text",
    [
        "i honestly have no idea who will read it, can you write it anyway",
        "I don't have a name for the hiring manager, the invite came from a careers inbox",
        "they never told me their name, i didnt catch it on the call",
    ],
)
def test_no_name_for_the_reader_is_remembered_as_unknown(text: str) -> None:
    update = understand(msg(text, "inform"), dict(BEFORE), None, NOW)
    assert update.get("interviewer_name") == UNKNOWN


def test_no_name_never_replaces_a_name_known() -> None:
    slots = {**BEFORE, "interviewer_name": "Rosa Diaz"}
    update = understand(msg("no idea who else will be on the panel", "inform"), slots, None, NOW)
    assert "interviewer_name" not in update


def test_no_name_in_an_agency_story_is_the_recruiters_when_none_is_known() -> None:
    slots = {"branch": "staffing_agency", "goal": "agency_status", "agency_name": "Hays"}
    update = understand(msg("i dont know the recruiter, no contact name on the emails", "inform"), slots, None, NOW)
    assert update.get("recruiter_name") == UNKNOWN


@pytest.mark.parametrize(
    ("kind", "tone", "greeting"),
    [
        ("pre_confirm_email", "", "Dear Hiring Team,"),
        ("pre_confirm_email", "warm", "Hello,"),
        ("linkedin_note", "", "Hi there,"),
    ],
)
def test_a_draft_with_no_name_known_greets_without_a_placeholder(kind: str, tone: str, greeting: str) -> None:
    situation = Situation.from_slots({**BEFORE, "interviewer_name": UNKNOWN, "interview_time": "2pm"})
    text = render_draft(kind, situation, NOW_UTC, tone=tone).text
    assert greeting in text
    assert "[Interviewer's name]" not in text and "Dear ," not in text and "Hi ," not in text


def test_an_agency_message_with_no_recruiter_name_says_hi_there() -> None:
    situation = Situation.from_slots(
        {
            "branch": "staffing_agency",
            "goal": "agency_status",
            "agency_name": "Hays",
            "company": "Corvid Systems",
            "interview_date": "2026-11-16",
            "recruiter_name": UNKNOWN,
        }
    )
    text = render_draft("agency_checkin", situation, NOW_UTC).text
    assert "[Recruiter's name]" not in text
    assert "Hi there," in text


def test_no_name_is_said_once_in_what_changed() -> None:
    before = {"interviewer_name": None}
    said = changes(before, Situation.from_slots({**BEFORE, "interviewer_name": UNKNOWN}), NOW_UTC.date())
    assert any("greets without one" in line for line in said)


def test_a_linkedin_note_before_a_screen_greets_the_companys_recruiter() -> None:
    """b30a-03: a phone screen with Brightline's recruiter Tom Okafor; the note said 'Hi [Interviewer's name]'."""
    situation = Situation.from_slots(
        {
            "branch": "pre_interview",
            "goal": "should_contact",
            "interview_date": "2026-11-30",
            "recruiter_name": "Tom Okafor",
            "company": "Brightline Analytics",
            "user_name": "Marcus Bell",
        }
    )
    text = render_draft("linkedin_note", situation, NOW_UTC).text
    assert text.startswith("Hi Tom,")


def test_a_warmer_greeting_never_keeps_only_the_title() -> None:
    """b30d-13: 'Dear Ms. Feldman,' made warmer became 'Hi Ms.,' (the known name's first word was the title)."""
    from actions.engine.edits import _regreet

    situation = Situation.from_slots({**BEFORE, "interviewer_name": "Ms. Feldman"})
    assert _regreet("Dear Ms. Feldman,\n\nThank you.", "Hi", situation).startswith("Hi Ms. Feldman,")
    known = Situation.from_slots({**BEFORE, "interviewer_name": "Ms. Dana Feldman"})
    assert _regreet("Dear Ms. Feldman,\n\nThank you.", "Hi", known).startswith("Hi Dana,")


def test_a_lower_case_title_and_full_name_before_for_keeps_the_surname() -> None:
    """b30d-25: 'with dr. amara nwosu for the research coordinator job' greeted 'Dear Dr. Amara,'."""
    text = "had my final interview nov 10 with dr. amara nwosu for the research coordinator job. write me something?"
    update = understand(msg(text, "post_status_check"), {}, None, NOW)
    assert update.get("interviewer_name") == "Dr. Amara Nwosu"


def test_the_recruiter_there_from_an_org_makes_it_the_agency() -> None:
    """b30a-12: 'my recruiter there is Brandon from TalentBridge' made TalentBridge the employer (two applications)."""
    text = (
        "I'm working with a staffing agency, my recruiter there is Brandon from TalentBridge. He lined up an "
        "interview for me with Corvid Systems next Thursday for a QA tester contract."
    )
    update = understand(
        msg(text, "agency_contact_company", ("PERSON", "Brandon"), ("ORG", "TalentBridge"), ("ORG", "Corvid Systems")),
        {},
        None,
        NOW,
    )
    assert update.get("agency_name") == "TalentBridge"
    assert update.get("company") == "Corvid Systems"


def test_her_name_is_x_not_y_replaces_the_wrong_word_only() -> None:
    """b30b-17: 'her name is rosa not named. and wait sorry im dumb' left the draft greeting 'Named'."""
    slots = {**BEFORE, "interviewer_name": "Named"}
    text = "lol her name is rosa not named. and wait sorry im dumb, can i send rosa a thank you instead? im jake"
    update = understand(msg(text, "post_thank_you", ("PERSON", "Jake")), slots, None, NOW)
    assert update.get("interviewer_name") == "Rosa"
    assert update.get("user_name") == "Jake"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i emailed the hiring manager hugo on nov 3 and heard nothing, can i try again", "Hugo"),
        ("i interviewed with the ops manager lena fischer. should i follow up?", "Lena Fischer"),
        ("it was at a dental office, front desk job, i met the office manager ruth. can u write it", "Ruth"),
        ("the person i met was anna berg. i want to ask for feedback", "Anna Berg"),
        ("you keep leaving out his name, its omar haddad", "Omar Haddad"),
        ("interview in 2 days w/ nadia at Pell Dental for reception, should i message her", "Nadia"),
        ("finished my interview about an hour ago w/ ian moss at quillfield, thank you note?", "Ian Moss"),
    ],
)
def test_a_lower_case_name_after_its_part_or_with_is_read(text: str, expected: str) -> None:
    """b30b-06/15/21, b30d-03/06/11, b30b-07: lower-case names left '[Interviewer's name]' in the draft."""
    update = understand(msg(text, "post_status_check"), {}, None, NOW)
    assert update.get("interviewer_name") == expected


def test_a_lower_case_recruiter_in_brackets_after_the_agency_is_read() -> None:
    """b30b-13: 'my agency recruiter at TekStaff (kevin)' gave '[Recruiter's name]'."""
    text = "my agency recruiter at Cobalt Staffing (rhys) put me forward and i interviewed on nov 19, he went quiet"
    update = understand(msg(text, "agency_status", ("ORG", "Cobalt Staffing")), {}, None, NOW)
    assert update.get("recruiter_name") == "Rhys"


@pytest.mark.parametrize(
    "text",
    [
        "can i email the hiring manager directly? the manager seemed nice and the recruiter said its fine",
        "i met with people at Acme and the store manager was great. the hiring manager position is open",
        "should i write to the hiring manager first or the recruiter?",
        "the office manager emailed me back",
    ],
)
def test_ordinary_words_after_a_part_are_no_name(text: str) -> None:
    update = understand(msg(text, "pre_should_contact"), {}, None, NOW)
    assert not update.get("interviewer_name") and not update.get("recruiter_name")


def test_a_recruiter_at_a_known_agency_read_as_one_person_is_split() -> None:
    """b30c-02: '(Tom at Hays)' (spaCy: one person) gave the agency 'Tom' and '[Recruiter's name]'."""
    text = "my agency recruiter (Tom at Hays) said its fine to email the hiring manager to say thanks"
    update = understand(msg(text, "agency_thank_you", ("PERSON", "Tom at Hays")), {}, None, NOW)
    assert update.get("recruiter_name") == "Tom"
    assert update.get("agency_name") == "Hays"


def test_a_capitalised_own_name_spacy_missed_after_names_is_read() -> None:
    """'name's Tomasz Wren' (spaCy: a work of art) left '[Your name]'."""
    update = understand(msg("ok write it please. name's Tomasz Wren", "ask_draft"), dict(BEFORE), None, NOW)
    assert update.get("user_name") == "Tomasz Wren"


def test_a_filler_after_my_name_is_nobodys_name() -> None:
    """'Wren is MY name btw' signed the draft 'Btw'."""
    slots = {**BEFORE, "interviewer_name": "Wren", "user_name": "Tomasz Wren"}
    update = understand(msg("Wren is MY name btw", "inform", ("PERSON", "Wren")), slots, None, NOW)
    assert "user_name" not in update


def test_jobs_after_a_title_is_no_name() -> None:
    """Realistic set: 'applying for nurse manager jobs and everyone tells me...' read 'Jobs' as the interviewer."""
    text = "applying for nurse manager jobs and everyone tells me something different about resumes"
    update = understand(msg(text, "out_of_scope"), {}, None, NOW)
    assert not update.get("interviewer_name")
