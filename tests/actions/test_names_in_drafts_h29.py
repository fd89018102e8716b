"""Names and facts in drafts (h29): the right reader and signer, whole titles and employers, no leftover brackets."""

from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionShowDraft
from actions.engine.drafts import first_name, render_draft
from actions.engine.situation import Situation
from actions.understanding import understand
from tests.actions.conftest import make_tracker
from tests.actions.test_understanding import NOW, msg

AGENCY = {
    "branch": "staffing_agency",
    "goal": "contact_company",
    "interview_date": "2026-11-10",
    "invited_to_contact": "yes",
    "followed_up": "yes",
    "interviewer_name": "Maria Lopez",
    "recruiter_name": "Jo",
    "agency_name": "Hays",
    "company": "Brenmoor Council",
    "role": "payroll officer",
}


def test_a_question_for_the_clients_hr_contact_is_a_message_to_the_company() -> None:
    """blind_C H03: "can I just email Maria?" (the council's HR contact) gave a note to the silent recruiter Jo."""
    text = (
        "I went through Hays for a payroll officer job at Brenmoor Council. The council's HR contact, Maria Lopez, "
        "said I could email her with any questions. My Hays recruiter Jo hasn't answered. Can I just email Maria?"
    )
    found = (("ORG", "Hays"), ("ORG", "Brenmoor Council"), ("PERSON", "Maria Lopez"), ("PERSON", "Jo"))
    update = understand(msg(text, "agency_status", *found), {}, None, NOW)
    assert update.get("goal") == "contact_company"
    assert update.get("interviewer_name") == "Maria Lopez" and update.get("recruiter_name") == "Jo"


def test_the_users_question_stops_before_a_remark_on_the_wait() -> None:
    """blind_C H03: ", it's been almost two weeks now" was asked of Maria as part of the question."""
    text = "I only want to ask her whether they've decided anything, it's been almost two weeks now"
    update = understand(msg(text, "inform"), AGENCY, None, NOW)
    assert update.get("own_question") == "whether they've decided anything"


async def test_the_message_to_the_clients_contact_greets_her_and_asks_the_users_question(domain) -> None:
    """blind_C H03: the draft goes to Maria, copies Jo, and invents no decision date."""
    dispatcher = CollectingDispatcher()
    slots = {**AGENCY, "own_question": "whether they've decided anything", "draft_to": "interviewer"}
    await ActionShowDraft().run(
        dispatcher, make_tracker("ok show me the email to Maria", "ask_draft", slots=slots), domain
    )
    text = dispatcher.messages[0]["text"]
    assert "Dear Maria," in text and "Cc: Jo (Hays)" in text
    assert "whether they've decided anything." in text
    assert "decide by" not in text and "[" not in text.replace("[Your name]", "")


def test_a_message_to_the_company_without_a_question_says_a_sensible_default() -> None:
    """No "[Your question or update, ...]" left to fill in: after the interview it asks for news."""
    text = render_draft("company_message_cc_recruiter", Situation(**AGENCY), NOW).text
    assert "[Your question" not in text and "any news on the decision" in text


def test_users_own_name_signs_and_the_interviewer_is_greeted_when_both_are_in_one_message() -> None:
    """ "I'm Priya, interviewed with Tom Reyes": Priya signs, Tom reads; the two are never swapped."""
    text = "I'm Priya, interviewed with Tom Reyes at Initech last monday. can I thank him?"
    found = (("PERSON", "Priya"), ("PERSON", "Tom Reyes"), ("ORG", "Initech"))
    update = understand(msg(text, "post_thank_you", *found), {}, None, NOW)
    assert update.get("user_name") == "Priya" and update.get("interviewer_name") == "Tom Reyes"
    names = {slot: update[slot] for slot in ("user_name", "interviewer_name", "company")}
    draft = render_draft("thank_you_email", Situation(branch="post_interview", goal="thank_you", **names), NOW).text
    assert "Dear Tom," in draft and draft.rstrip().endswith("Priya")


def test_titles_keep_the_surname_in_the_greeting() -> None:
    assert first_name("Dr. Okafor") == "Dr. Okafor"
    assert first_name("Dr Amara Lee") == "Dr Lee"
    assert first_name("Herr Becker") == "Herr Becker"
    assert first_name("Mr O'Neil") == "Mr O'Neil"
    assert first_name("Jean-Luc Martin") == "Jean-Luc"
    assert first_name("Herr Dr. Becker") == "Herr Dr. Becker" and first_name("Herr Dr. Jan Becker") == "Herr Dr. Becker"


def test_a_title_alone_is_no_name_to_greet() -> None:
    """ "Dear Dr," never: a title with no surname leaves the greeting to the placeholder."""
    situation = Situation(branch="post_interview", goal="status_check", interviewer_name="Dr", company="KPMG")
    text = render_draft("status_check_email", situation, NOW).text
    assert "Dear Dr," not in text and "Dear [Interviewer's name]," in text


def test_an_employer_read_whole_is_printed_whole() -> None:
    """ "Marks and Spencer", "Pine & Co", "KPMG": as the user wrote them, never cut short."""
    for company in ("Marks and Spencer", "Pine & Co", "KPMG", "NHS Trust"):
        situation = Situation(branch="post_interview", goal="thank_you", interviewer_name="Ms Chen", company=company)
        assert f"position at {company}." in render_draft("thank_you_email", situation, NOW).text


def test_an_employer_shouted_in_capitals_is_written_plainly_and_an_acronym_kept() -> None:
    """ "my interview at DELOITTE": "at Deloitte" in the letter; "KPMG", "ACME" stay as typed."""
    for typed, written in (("DELOITTE", "Deloitte"), ("MARKS AND SPENCER", "Marks and Spencer"), ("KPMG", "KPMG")):
        situation = Situation(branch="post_interview", goal="thank_you", interviewer_name="Ms Chen", company=typed)
        assert f"position at {written}." in render_draft("thank_you_email", situation, NOW).text


def test_a_status_message_in_an_agency_story_that_asks_to_write_to_the_clients_hr_is_about_the_company() -> None:
    """ "their HR lady, Nadia Sorensen ... can i write to Nadia?" read as a status check went to the recruiter Paul."""
    text = (
        "Randstad put me up for a stores clerk job at Kellerman Logistics. their HR lady, Nadia Sorensen, told me to "
        "email her if anything came up. my randstad guy Paul is ignoring me. can i write to Nadia?"
    )
    found = (("agency", "Randstad"), ("ORG", "Kellerman Logistics"), ("PERSON", "Nadia Sorensen"), ("PERSON", "Paul"))
    update = understand(msg(text, "post_status_check", *found), {}, None, NOW)
    assert update.get("branch") == "staffing_agency" and update.get("goal") == "contact_company"
    assert update.get("interviewer_name") == "Nadia Sorensen"


def test_a_message_to_the_company_right_after_the_interview_thanks_and_does_not_chase() -> None:
    """blind_B B18: the thank-you to the client's hiring manager the same day asked for "any news on the decision"."""
    situation = Situation(**{**AGENCY, "interview_date": NOW.date().isoformat()})
    text = render_draft("company_message_cc_recruiter", situation, NOW).text
    assert "Thank you for meeting with me" in text and "any news" not in text and "[" not in text.split("Best")[0]
