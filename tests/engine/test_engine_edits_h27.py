"""Edits and rewrites of a draft (h27-B): a line added is a sentence to the reader, never the user's instruction;
a review's rewrite takes out what the review flagged; a LinkedIn connection note gets its tones within 200
characters."""

from dataclasses import replace
from datetime import datetime, timezone

import pytest

from actions.engine.drafts import LINKEDIN_NOTE_LIMIT, render_draft
from actions.engine.edits import ASK_EXACT_WORDS, added_sentence, apply_edits, fit_connection_note, merge_edits, tone_of
from actions.engine.review import review_draft, revise
from actions.engine.situation import Situation

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)
BEFORE = Situation(
    branch="pre_interview",
    goal="confirm",
    interview_date="2026-12-02",
    interview_time="9 am",
    interviewer_name="Dave Kim",
    company="Lakeshore Insurance",
    role="claims adjuster",
    user_name="Rosa Delgado",
)


@pytest.mark.parametrize(
    "words, sentence",
    [
        ("the snowstorm so it doesn't sound random", "I'm asking because of the snowstorm."),
        (
            "the ice storm forecast so the email doesnt seem out of the blue",
            "I'm asking because of the ice storm forecast.",
        ),
        ("the road closures, so it's not weird", "I'm asking because of the road closures."),
    ],
)
def test_a_reason_given_to_the_coach_becomes_a_sentence_to_the_reader(words: str, sentence: str) -> None:
    assert added_sentence(words) == sentence


def test_the_snowstorm_line_is_added_as_a_reason_not_pasted_as_typed() -> None:
    draft = render_draft("pre_confirm_email", BEFORE, NOW).text
    text, notes = apply_edits(draft, [("add", "the snowstorm so it doesn't sound random")], BEFORE)
    assert "I'm asking because of the snowstorm." in text
    assert "sound random" not in text and "sound random" not in " ".join(notes)


def test_why_clause_left_bare_asks_for_the_exact_words() -> None:
    draft = render_draft("pre_confirm_email", BEFORE, NOW).text
    text, notes = apply_edits(draft, [("add", "why i want video so it makes sense")], BEFORE)
    assert text == draft and notes == [ASK_EXACT_WORDS]


DESPERATE = """Hey Mr. Johnson!!

Just following up AGAIN on my interview from last week for the Marketing Coordinator job. I really need this job, \
I've been unemployed for 8 months and I'm honestly a perfect fit. I haven't heard anything and it's been 5 days, \
which seems kind of unprofessional tbh. Please let me know ASAP if I got it or not.

thx,
Danielle"""
AFTER = Situation(
    branch="post_interview",
    goal="status",
    interview_date="2026-11-24",
    interviewer_name="Paul Johnson",
    company="Heliotrope Media",
    followed_up="no",
)


def test_the_review_flags_hardship_days_counted_and_a_perfect_fit_said_with_honestly() -> None:
    review = review_draft(DESPERATE, AFTER, NOW).messages[0].text
    assert "I've been unemployed for 8 months" in review and "it's been 5 days" in review
    assert "I'm honestly a perfect fit" in review


def test_the_rewrite_takes_out_what_the_review_flagged_and_keeps_the_users_interview() -> None:
    rewritten = revise(DESPERATE, AFTER, now=NOW)
    for flagged in ("unemployed", "perfect fit", "5 days", "need this job", "AGAIN", "ASAP", "unprofessional"):
        assert flagged not in rewritten
    assert "Marketing Coordinator" in rewritten and "following up on my interview" in rewritten
    assert "Hi Mr. Johnson," in rewritten and rewritten.endswith("Danielle")


THANKS = """Subject: Thanks

Dear Greta,

Thank you so much for meeting with me today regarding the BI Developer position at Saltwater Analytics. I loved \
hearing about your migration to Snowflake. I was also wondering what the salary range and vacation policy look like \
for this role? I look forward to hearing from you soon.

Best,
Omar Haddad"""
THANKED = Situation(
    branch="post_interview",
    goal="thank_you",
    interview_date="2026-11-30",
    interviewer_name="Greta Holm",
    company="Saltwater Analytics",
    role="BI Developer",
)


def test_today_in_a_thank_you_for_yesterdays_interview_is_flagged_and_fixed() -> None:
    review = review_draft(THANKS, THANKED, NOW).messages[0].text
    assert "you wrote “today”, but you told me the interview was on Monday 30 November" in review
    rewritten = revise(THANKS, THANKED, now=NOW)
    assert "meeting with me yesterday" in rewritten and "today" not in rewritten


def test_a_thank_you_rewrite_gets_no_question_about_news_added() -> None:
    rewritten = revise(THANKS, THANKED, now=NOW)
    assert "any news" not in rewritten and "salary" not in rewritten and "Snowflake" in rewritten


def test_today_is_left_alone_when_the_interview_was_today() -> None:
    today = replace(THANKED, interview_date="2026-12-01")
    assert "meeting with me today" in revise(THANKS, today, now=NOW)


NOTE = Situation(
    branch="pre_interview",
    goal="confirm",
    interview_date="2026-12-03",
    interviewer_name="Maria Lopez",
    company="Acme Logistics",
    role="operations analyst",
    user_name="Sam Patel",
    channel="linkedin",
)


@pytest.mark.parametrize("style", ["warmer", "casual"])
def test_a_linkedin_note_has_its_own_warmer_and_less_formal_wording_within_200_characters(style: str) -> None:
    usual = render_draft("linkedin_note", NOTE, NOW).text
    toned = render_draft("linkedin_note", NOTE, NOW, None, tone_of([(style, "")])).text
    assert toned != usual and len(toned) <= LINKEDIN_NOTE_LIMIT
    assert "Maria" in toned and "Sam Patel" in toned and "operations analyst" in toned


@pytest.mark.parametrize("style", ["warmer", "casual"])
def test_a_toned_note_with_long_names_still_fits(style: str) -> None:
    long = replace(
        NOTE,
        interviewer_name="Maximiliana Fernandez-Castellanos",
        role="senior supply chain operations and logistics analyst",
        company="Intercontinental Freight Forwarding Holdings",
    )
    assert len(render_draft("linkedin_note", long, NOW, None, tone_of([(style, "")])).text) <= LINKEDIN_NOTE_LIMIT


def test_a_formal_note_over_the_limit_is_cut_back_but_an_added_line_never_is() -> None:
    long = "Dear Maria, I am Sam Patel, due to interview with you on Thursday 3 December for the operations " + (
        "analyst role at Acme Logistics International. Thank you for the chance; I would be glad to connect ahead."
    )
    fitted, note = fit_connection_note(long, [("formal", "")], LINKEDIN_NOTE_LIMIT)
    assert len(fitted) <= LINKEDIN_NOTE_LIMIT and fitted.startswith("Dear Maria, I am Sam Patel") and note
    kept, told = fit_connection_note(long, [("add", "my portfolio link")], LINKEDIN_NOTE_LIMIT)
    assert kept == long and "over LinkedIn's 200-character limit" in told


LISTED = """Subject: Interview on Wednesday 9 December – Warehouse lead

Hello Mr Patel,

I am writing to confirm my interview for the Warehouse Lead position on Wednesday 9 December at 1pm. Could you also \
tell me if there is parking on site, what I should wear, who else will be on the panel, and how many people you are \
interviewing? Thank you for your time.

Best regards,
Andre Wilkins"""


@pytest.mark.parametrize(
    "words, kept",
    [
        (
            "parking and what to wear questions",
            "Could you also tell me if there is parking on site and what I should wear?",
        ),
        ("the panel question", "Could you also tell me who else will be on the panel?"),
    ],
)
def test_keep_only_some_questions_of_a_list_keeps_those_and_drops_the_rest(words: str, kept: str) -> None:
    """Blind b30d-21: 'only keep the parking and what to wear questions' left all four in."""
    text, notes = apply_edits(LISTED, [("keep", words)], BEFORE)
    assert kept in text and "how many people" not in text and "1pm" in text and "Thank you for your time." in text
    assert notes == [f"Kept only: “{kept}”"]


OWN_NOTE = (
    "Hi Mr. Okafor, I saw that you'll be interviewing me for the Product Designer role at Tessel next week. I wanted "
    "to connect ahead of time and ask a couple of things: what is the salary range, is it fully remote, and what "
    "will you be looking for in my portfolio? Looking forward to meeting you! Best, Lena Vogt"
)


def test_keep_a_question_the_shorter_version_lost_brings_it_back_from_the_full_draft() -> None:
    """Blind b30d-05: 'trim it to 200 characters and only keep the portfolio question' dropped that question."""
    cut = "Hi Mr. Okafor, I saw that you'll be interviewing me for the Product Designer role at Tessel next week. " + (
        "Thank you for your time. Best, Lena Vogt"
    )
    text, notes = apply_edits(cut, [("keep", "portfolio question")], BEFORE, original=f"{cut}\n\n{OWN_NOTE}")
    assert "What will you be looking for in my portfolio?" in text and "salary" not in text
    assert text.endswith("Best, Lena Vogt") and len(text) <= LINKEDIN_NOTE_LIMIT
    assert notes == ["Kept your question: “What will you be looking for in my portfolio?”"]


TWO_PARAGRAPHS = """Dear Dana,

Thank you for speaking with me on Friday about the data analyst role at Northwind. I enjoyed hearing about the \
new forecasting work.

I also wanted to mention that I finished my SQL certificate last month, in case it is useful.

Best regards,
Sam Lee"""


def test_drop_the_second_paragraph_takes_out_that_paragraph_whole_and_keeps_the_first() -> None:
    text, notes = apply_edits(TWO_PARAGRAPHS, [("remove", "the second paragraph")], AFTER)
    assert "SQL certificate" not in text and "new forecasting work." in text and "Thank you for speaking" in text
    assert text.endswith("Best regards,\nSam Lee") and notes[0].startswith("Taken out: the paragraph")


def test_less_formal_after_warmer_is_the_less_formal_wording_not_warmer_again() -> None:
    """h27-B suite: 'less formal' after 'warmer' said 'Less formal' over the same warm note."""
    kept = merge_edits([("warmer", "")], [("casual", "")])
    assert kept == [("casual", "")] and tone_of(kept) == "casual"
    assert merge_edits([("casual", "")], [("warmer", "")]) == [("warmer", "")]


@pytest.mark.parametrize(
    "words, sentence",
    [
        (
            "that I enjoyed discussing their move to Azure AD, as I led a similar migration",
            "I enjoyed discussing your move to Azure AD, as I led a similar migration.",
        ),
        ("how excited i am about her team", "I am excited about your team."),
        (
            "that my references and their phone numbers are attached",
            "My references and their phone numbers are attached.",
        ),
    ],
)
def test_a_line_about_the_readers_organisation_is_said_to_them(words: str, sentence: str) -> None:
    """Blind b30d-19: 'their move to Azure AD' went into a note to the man whose move it was."""
    assert added_sentence(words) == sentence
