"""The review checks the draft against what the user told me, flags real problems only; the rewrite fixes them."""

from datetime import datetime, timezone

import pytest

from actions.engine.reply import Reply
from actions.engine.review import _question_count, review_draft, revise
from actions.engine.situation import Situation
from tests.engine.test_engine_review import fired, text_of

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=timezone.utc)
THANKS = Situation(
    branch="post_interview",
    goal="thank_you",
    interviewer_name="Ilse Brandt",
    company="Halvorsen Freight",
    role="Logistics Coordinator",
    interview_date="2026-11-24",
    decision_date="2026-12-04",
    channel="email",
)
AGENCY = Situation(
    branch="staffing_agency",
    goal="contact_company",
    interviewer_name="Ilse Brandt",
    company="Halvorsen Freight",
    recruiter_name="Callum Reid",
    agency_name="Fenwick Talent",
    interview_date="2026-11-24",
    channel="email",
)


def letter(
    body: str, greeting: str = "Dear Ilse,", subject: str = "Thank you – Logistics Coordinator interview"
) -> str:
    return f"Subject: {subject}\n\n{greeting}\n\n{body}\n\nKind regards,\nNoor Haddad"


def sent_as_is(reply: Reply) -> bool:
    return "I'd send it as it is" in text_of(reply)


CLEAN = letter(
    "Thank you for meeting me on Tuesday 24 November about the Logistics Coordinator role at Halvorsen Freight. "
    "I enjoyed hearing how your team plans the winter routes."
)


def test_a_clean_draft_that_matches_the_story_is_sent_as_it_is() -> None:
    assert sent_as_is(review_draft(CLEAN, THANKS, NOW))


def test_another_company_in_the_draft_is_flagged_and_the_rewrite_names_the_right_one() -> None:
    draft = CLEAN.replace("at Halvorsen Freight", "at Brightpath Cargo")
    reply = review_draft(draft, THANKS, NOW)
    assert fired(reply, "company_mismatch") and "“Brightpath Cargo”" in text_of(reply) and not sent_as_is(reply)
    revised = revise(draft, THANKS, now=NOW)
    assert "Brightpath" not in revised and "role at Halvorsen Freight. I enjoyed" in revised


@pytest.mark.parametrize(
    "body",
    [
        "Thank you for the interview on Tuesday. I'm excited about joining Halvorsen and the winter routes.",
        "Thank you for the interview on Tuesday. I led a team at Maersk Line before and enjoyed it.",
        "Thank you for the interview on Tuesday. Working with Ilse and the team at Halvorsen would be great.",
        "Thank you for the interview on Tuesday about the role at Halvorsen Freght.",
        "Thank you for the interview with Dr Okafor and Ilse on Tuesday.",
    ],
)
def test_the_right_company_a_past_employer_or_a_slip_is_no_other_company(body: str) -> None:
    reply = review_draft(letter(body), THANKS, NOW)
    assert not fired(reply, "company_mismatch")


def test_another_job_title_is_flagged_but_the_same_title_written_differently_is_not() -> None:
    other = review_draft(CLEAN.replace("the Logistics Coordinator role", "the Warehouse Supervisor role"), THANKS, NOW)
    assert fired(other, "role_mismatch") and "Warehouse Supervisor" in text_of(other)
    remote = review_draft(CLEAN.replace("the Logistics Coordinator role", "the Remote role"), THANKS, NOW)
    assert not fired(remote, "role_mismatch")
    devops = Situation(branch="post_interview", goal="thank_you", interviewer_name="Raj Patel", role="DevOps engineer")
    same = review_draft(
        "Hi Raj,\n\nThank you for talking with me about the Devops Role yesterday.\n\nBest,\nSam", devops, NOW
    )
    assert not fired(same, "role_mismatch") and not fired(same, "name_mismatch") and "Devops Role" not in text_of(same)


def test_template_blanks_are_flagged_with_what_fills_them_and_filled_in_the_rewrite() -> None:
    draft = letter(
        "Thank you for meeting me about the [Position] role at [Company Name]. I enjoyed our talk.",
        greeting="Dear <name>,",
        subject="Thank you – [Position] interview",
    )
    reply = review_draft(draft, THANKS, NOW)
    assert fired(reply, "placeholder") and "“[Company Name]” → Halvorsen Freight" in text_of(reply)
    assert not sent_as_is(reply)
    revised = revise(draft, THANKS, now=NOW)
    assert "[" not in revised and "<" not in revised and revised.split("\n\n")[1] == "Dear Ilse,"
    assert "the Logistics Coordinator role at Halvorsen Freight" in revised


def test_a_blank_nothing_fills_is_flagged_and_left_for_the_user() -> None:
    draft = letter("Thank you for meeting me about the [Position] role. I enjoyed our talk.")
    reply = review_draft(draft, Situation(branch="post_interview", goal="thank_you", channel="email"), NOW)
    assert fired(reply, "placeholder") and "“[Position]”" in text_of(reply) and "→" not in text_of(reply)


@pytest.mark.parametrize("wrote", ["November 23", "23 November", "the 23rd", "11/23"])
def test_a_day_of_the_month_that_is_not_the_interview_day_is_flagged_and_fixed(wrote: str) -> None:
    draft = letter(f"Thank you for meeting me on {wrote} about the Logistics Coordinator role. I enjoyed it.")
    reply = review_draft(draft, THANKS, NOW)
    assert fired(reply, "date_vs_told") and "Tuesday 24 November" in text_of(reply)
    revised = revise(draft, THANKS, now=NOW)
    assert "23" not in revised and wrote.replace("23rd", "24th").replace("23", "24") in revised


def test_the_decision_date_in_the_draft_is_not_taken_for_a_wrong_interview_date() -> None:
    body = (
        "Thank you for talking with me on the 24th about the Logistics Coordinator role. "
        "I enjoyed our talk, and I look forward to hearing back by Friday, December 4."
    )
    assert sent_as_is(review_draft(letter(body), THANKS, NOW))
    weekday = "It was great to talk with you on Tuesday, and I look forward to hearing back on Friday."
    reply = review_draft(letter(weekday), THANKS, NOW)
    assert not fired(reply, "weekday_vs_told") and not fired(reply, "date_vs_told")


@pytest.mark.parametrize(
    "line, quoted",
    [
        ("I'm sooo excited about the role!", "sooo"),
        ("I'm super excited about the role.", "super excited"),
        ("I think I did really good in the interview.", "did really good"),
        ("Any news on the role??", "??"),
        ("The route planning sounds fun lol.", "lol"),
    ],
)
def test_slang_and_too_casual_marks_are_flagged_and_rewritten(line: str, quoted: str) -> None:
    draft = letter("Thank you for the interview on Tuesday. " + line)
    reply = review_draft(draft, THANKS, NOW)
    assert fired(reply, "casual") and f"“{quoted}”" in text_of(reply)
    revised = revise(draft, THANKS, now=NOW)
    assert quoted not in revised


def test_the_rewrite_writes_casual_words_plainly() -> None:
    draft = letter("Thanks sooo much for the interview! I'm super excited and I think I did really good??")
    revised = revise(draft, THANKS, now=NOW)
    assert "Thanks so much" in revised and "very excited" in revised and "did really well?" in revised


@pytest.mark.parametrize(
    "line, quoted",
    [
        ("I'd appreciate the courtesy of a reply.", "I'd appreciate the courtesy of a reply"),
        ("I'm sure you're very busy, but it has been a week.", "I'm sure you're very busy"),
        ("Like I said, I am available any day.", "Like I said"),
        ("Even a simple no would do.", "a simple no would do"),
        ("I'm sure you're very busy, but I'd appreciate the courtesy of a reply.", "I'm sure you're very busy"),
    ],
)
def test_a_politely_put_reproach_is_flagged_and_left_out_of_the_rewrite(line: str, quoted: str) -> None:
    draft = letter("Thank you for the interview on Tuesday. " + line, subject="Logistics Coordinator – Noor Haddad")
    reply = review_draft(draft, THANKS, NOW)
    assert fired(reply, "passive_aggressive") and quoted.lower() in text_of(reply).lower()
    assert not sent_as_is(reply) and "a calm, polite tone" not in text_of(reply)
    assert quoted.lower() not in revise(draft, THANKS, now=NOW).lower()


def test_as_i_mentioned_in_the_interview_is_no_reproach() -> None:
    draft = letter("Thank you for the interview. As I mentioned, I planned routes for five depots at my last job.")
    assert not fired(review_draft(draft, THANKS, NOW), "passive_aggressive")


def test_blaming_the_recruiter_by_name_and_going_round_the_agency_are_flagged_and_cut() -> None:
    draft = letter(
        "Thank you for the interview on Tuesday. Callum at Fenwick has been really slow to give me any news, "
        "so I'm writing to you directly. Could you tell me where things stand?",
        subject="Logistics Coordinator interview – Noor Haddad",
    )
    reply = review_draft(draft, AGENCY, NOW)
    assert fired(reply, "blame_recruiter") and "Callum at Fenwick has been really slow" in text_of(reply)
    assert fired(reply, "bypass_agency") and "writing to you directly" in text_of(reply)
    revised = revise(draft, AGENCY, now=NOW)
    assert "Callum" not in revised and "directly" not in revised and "Could you tell me where things stand?" in revised


def test_writing_directly_is_no_detour_when_no_agency_handles_the_job() -> None:
    draft = letter("Thank you for the interview. The portal link failed, so I'm writing to you directly with my form.")
    assert not fired(review_draft(draft, THANKS, NOW), "bypass_agency")


@pytest.mark.parametrize(
    "text, count",
    [
        ("How are you? Is there any news on the decision?", 1),
        ("Could you let me know, when you have a moment, whether there is any news?", 1),
        ("Is there any news on the role and the team?", 1),
        ("Do you know if the start date is set, or is it still open?", 1),
        ("I hope you had a good weekend? I wanted to ask whether there are any updates?", 1),
        ('You asked "what is my notice period?" and it is four weeks. Is there anything else you need?', 1),
        ("Is the role hybrid, and if so, how many days are in the office?", 2),
        ("Could you tell me the salary, the hours and how many holidays I get?", 3),
        ("What is the salary? What are the hours? How many holidays?", 3),
    ],
)
def test_questions_are_counted_as_a_reader_would(text: str, count: int) -> None:
    assert _question_count(text) == count


def test_a_misspelt_greeting_name_is_spelt_right_in_the_rewrite() -> None:
    draft = CLEAN.replace("Dear Ilse,", "Dear Ilsa,")
    assert fired(review_draft(draft, THANKS, NOW), "name_typo")
    assert revise(draft, THANKS, now=NOW).split("\n\n")[1] == "Dear Ilse,"
