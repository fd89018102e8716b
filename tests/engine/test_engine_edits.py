"""Edits to a draft (engine/edits.py): each goes the way asked and keeps the facts."""

from datetime import datetime, timezone

import pytest

from actions.engine.drafts import render_draft
from actions.engine.edits import added_sentence, apply_edits, merge_edits
from actions.engine.situation import Situation

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=timezone.utc)
AFTER = Situation(
    branch="post_interview",
    goal="thank_you",
    interview_date="2026-11-20",
    interviewer_name="Dana Ortiz",
    company="Northwind",
    role="data analyst",
    user_name="Sam Lee",
)
FACTS = ("Northwind", "data analyst", "Sam Lee", "Friday 20 November")


def thank_you() -> str:
    return render_draft("thank_you_email", AFTER, NOW).text


@pytest.mark.parametrize("kind", ["shorter", "formal", "casual", "warmer", "linkedin"])
def test_every_style_keeps_the_facts_and_says_what_changed(kind: str) -> None:
    edited, notes = apply_edits(thank_you(), [(kind, "")], AFTER)
    assert all(fact in edited for fact in FACTS) and "Dana" in edited
    assert edited != thank_you() and len(notes) == 1 and notes[0]


def test_less_formal_and_formal_go_opposite_ways() -> None:
    casual = apply_edits(thank_you(), [("casual", "")], AFTER)[0]
    formal = apply_edits(casual, [("formal", "")], AFTER)[0]
    assert "Hi Dana," in casual and "Best,\nSam Lee" in casual and "Dear" not in casual
    assert "Dear Dana," in formal and "it's" not in formal


def test_a_linkedin_message_has_no_subject_and_one_paragraph() -> None:
    message = apply_edits(thank_you(), [("linkedin", "")], AFTER)[0]
    assert "Subject:" not in message and message.count("\n\n") == 2 and message.startswith("Hi Dana,")


def test_the_last_sentence_can_be_taken_out_by_its_place() -> None:
    text = "Subject: Hi\n\nDear Dana,\n\nThank you for the interview. I enjoyed it. See you soon.\n\nBest regards,\nSam"
    edited, notes = apply_edits(text, [("remove", "last")], Situation())
    assert "See you soon" not in edited and "I enjoyed it." in edited and notes[0].startswith("Taken out")


def test_a_line_not_in_the_draft_is_said_so_and_nothing_changes() -> None:
    edited, notes = apply_edits(thank_you(), [("remove", "the salary")], AFTER)
    assert edited == thank_you() and "no line about “the salary”" in notes[0]


@pytest.mark.parametrize(
    ("words", "question", "sentence"),
    [
        ("that i can start in january", None, "I can start in January."),
        ("one line that i am free all next week", None, "I am free all next week."),
        ("my question about the team size", None, "I'd also like to ask about the team size."),
        ("my question about parking", "parking", "Is there parking on site, or somewhere nearby you would recommend?"),
        (
            "thanking them for the chance to do the take-home project",
            None,
            "Thank you for the chance to do the take-home project.",
        ),
        (
            "that she'd said I'd likely hear by the end of last week",
            None,
            "You'd said I'd likely hear by the end of last week.",
        ),
        ("asking them about the team size", None, "I'd also like to ask about the team size."),
        ("the coffee chain rebrand", None, "I also wanted to mention the coffee chain rebrand."),
        ("the coffee chain rebrand we talked about", None, "I also wanted to mention the coffee chain rebrand."),
        ("how much I enjoyed the studio tour", None, "I really enjoyed the studio tour."),
    ],
)
def test_an_added_line_reads_as_a_sentence(words: str, question: str | None, sentence: str) -> None:
    assert added_sentence(words, question) == sentence


def test_a_later_style_replaces_the_one_it_undoes_and_lines_add_up() -> None:
    kept = merge_edits([("casual", ""), ("add", "a"), ("warmer", "")], [("formal", ""), ("add", "b"), ("sign", "")])
    assert kept == [("add", "a"), ("formal", ""), ("add", "b")]


def test_a_topic_added_to_a_thank_you_becomes_a_sentence_about_it() -> None:
    edited, notes = apply_edits(thank_you(), [("add", "the coffee chain rebrand")], AFTER)
    assert "I especially enjoyed talking about the coffee chain rebrand." in edited
    assert notes == ["Added: “I especially enjoyed talking about the coffee chain rebrand.”"]


def test_a_quoted_sentence_is_taken_out_word_for_word() -> None:
    text = (
        "Subject: Any news?\n\nHi Dana,\n\nThanks for setting up my interview. Has there been any feedback? I also "
        "have a question for the team there: [your question]. Could you pass it on? Thanks again.\n\nBest,\nAlan Cho"
    )
    quoted = "I also have a question for the team there: [your question]. Could you pass it on?"
    edited, notes = apply_edits(text, [("remove", quoted)], Situation())
    assert "[your question]" not in edited and "pass it on" not in edited
    assert "Has there been any feedback? Thanks again." in edited and notes[0].startswith("Taken out")


def test_add_the_thank_you_is_no_line_of_its_own() -> None:
    edited, notes = apply_edits(thank_you(), [("add", "the thank-you")], AFTER)
    assert edited == thank_you() and notes == ["It already thanks them."]
    plain = "Subject: Any news\n\nDear Dana,\n\nI wanted to ask about the next steps.\n\nBest regards,\nSam Lee"
    edited, notes = apply_edits(plain, [("add", "the thank-you")], AFTER)
    assert "Thank you for your time." in edited and "The thank-you" not in edited


def test_a_line_the_draft_already_has_is_not_added_twice() -> None:
    """Blind 23a-08: 'mention the link gives an error' repeated the broken-link question already in the draft."""
    pre = Situation(branch="pre_interview", goal="logistics", interview_date="2026-11-26", question="broken_link")
    draft = render_draft("pre_confirm_email", pre, NOW).text
    edited, notes = apply_edits(draft, [("add", "broken_link|that the link she sent gives an error")], pre)
    assert edited == draft and edited.count("gives me an error") == 1
    assert notes == ["The draft already says that:"]


def test_a_long_quoted_sentence_the_draft_lacks_takes_nothing_out() -> None:
    quoted = "I also have a question for the team there. Could you pass it on to them?"
    edited, notes = apply_edits(thank_you(), [("remove", quoted)], AFTER)
    assert edited == thank_you() and notes[0].startswith("There's no line “I also have a question")


def test_naming_the_pushy_tone_takes_out_the_pushy_sentences() -> None:
    text = (
        "Dear Ms Okafor,\n\nThank you for the interview on Friday. Please let me know by Friday.\n\nBest regards,\nDan"
    )
    edited, notes = apply_edits(text, [("remove", "the pressure stuff")], AFTER)
    assert "let me know by Friday" not in edited and "Thank you for the interview" in edited
    assert notes[0].startswith("Taken out")


def test_an_aside_to_the_coach_stays_out_of_an_added_line() -> None:
    assert "nicely" not in added_sentence("she'd have news by the end of last week (nicely)")
    assert added_sentence("about leading the Snowflake migration") == (
        "I'd also like to mention my experience leading the Snowflake migration."
    )


def test_naming_the_pushy_tone_when_nothing_pushy_is_left_says_so() -> None:
    text = "Dear Ms Okafor,\n\nThank you for the interview on Friday.\n\nBest regards,\nDan"
    assert apply_edits(text, [("remove", "the pushy part")], AFTER) == (
        text,
        ["Nothing in this version puts pressure on them any more."],
    )
