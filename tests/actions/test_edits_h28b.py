"""Free-text edits of a draft (h28 B): word limits, one paragraph, and notes that tell the truth about the change."""

import re

from actions.engine.edits import apply_edits
from actions.engine.situation import Situation

EMAIL = (
    "Subject: Thank you - logistics coordinator interview\n\n"
    "Dear Mr. Rivera,\n\n"
    "Thank you for taking the time to meet with me on Monday about the logistics coordinator role at Northwind. "
    "I enjoyed hearing how your team plans the winter peak and how the depots share their routes.\n\n"
    "Our talk about cutting empty miles made me even keener on the role, and I think my three years of route "
    "planning at a regional carrier would help there. I'd be glad to send any references you need.\n\n"
    "Could you let me know when you expect to decide on the next step?\n\n"
    "Kind regards,\nLena Brooks"
)
SITUATION = Situation(interviewer_name="Daniel Rivera", company="Northwind", user_name="Lena Brooks")


def _numbers(note: str) -> list[int]:
    """The numbers a note states."""
    return [int(n) for n in re.findall(r"\d+", note)]


def test_word_limit_is_met_and_the_note_states_true_counts() -> None:
    """'under 60 words': the draft has at most 60 words and the note's counts are the real ones."""
    text, notes = apply_edits(EMAIL, [("shorter", "60")], SITUATION)
    after, before = len(text.split()), len(EMAIL.split())
    assert after <= 60 < before
    assert _numbers(notes[0])[:3] == [after, before, 60]
    assert (
        text.startswith("Subject:")
        and "\n\nDear Mr. Rivera,\n\n" in text
        and text.endswith("Kind regards,\nLena Brooks")
    )
    assert "decide" in text  # the request stays


def test_a_limit_that_cannot_be_met_is_said_plainly() -> None:
    """'under 20 words' on a draft whose greeting, opening and request alone are longer: told, never claimed."""
    text, notes = apply_edits(EMAIL, [("shorter", "20")], SITUATION)
    assert len(text.split()) > 20
    assert "can't get it under 20 words" in notes[0]
    assert "within your" not in notes[0]


def test_shorter_on_an_already_short_draft_never_claims_a_cut() -> None:
    """A note that is already opening + request: no "48 words instead of 48"."""
    short = (
        "Hi Dana,\n\nThanks again for the chat on Monday. Could you tell me when you expect to decide?\n\nBest,\nSam"
    )
    text, notes = apply_edits(short, [("shorter", "")], SITUATION)
    assert text == short
    assert "instead of" not in notes[0] and "nothing was cut" in notes[0]


def test_one_paragraph_joins_the_body_and_keeps_the_frame() -> None:
    """'put it in one paragraph': one body paragraph, subject, greeting and sign-off on their own lines."""
    text, notes = apply_edits(EMAIL, [("one_paragraph", "")], SITUATION)
    blocks = text.split("\n\n")
    assert (
        blocks[0].startswith("Subject:")
        and blocks[1] == "Dear Mr. Rivera,"
        and blocks[-1] == "Kind regards,\nLena Brooks"
    )
    assert len(blocks) == 4
    assert "route planning" in blocks[2] and blocks[2].endswith("next step?")
    assert notes == ["The body is now one paragraph (it was 3)."]


def test_one_paragraph_when_it_already_is_one() -> None:
    """Nothing to join: said so, the draft unchanged."""
    short = "Hi Dana,\n\nThanks again for the chat. Could you tell me when you expect to decide?\n\nBest,\nSam"
    text, notes = apply_edits(short, [("one_paragraph", "")], SITUATION)
    assert text == short and notes == ["The body is already one paragraph."]


def test_a_cut_after_an_added_line_keeps_that_line_and_counts_the_shown_draft() -> None:
    """'add that I'm free monday afternoon', then 'shorter': the line stays; the counts are of the shown draft."""
    from actions.engine.edits import cut_keeping_added

    made = [("add", "i'm free monday afternoon")]
    shown = apply_edits(EMAIL, made, SITUATION)[0]
    text, notes = cut_keeping_added(EMAIL, shown, made, [("shorter", "")], SITUATION)
    assert "I'm free Monday afternoon." in text and len(text.split()) < len(shown.split())
    assert notes[0].startswith(f"A shorter version ({len(text.split())} words instead of {len(shown.split())})")
    assert text.endswith("Kind regards,\nLena Brooks") and "\n\nDear Mr. Rivera,\n\n" in text
