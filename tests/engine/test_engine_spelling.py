"""The spelling check of a pasted draft: real slips caught, names, companies and ordinary words left alone."""

from datetime import datetime, timezone

import pytest

from actions.engine.checked_yaml import YamlFileError
from actions.engine.knowledge import load_knowledge
from actions.engine.review import fix_slips, review_draft, revise
from actions.engine.situation import Situation
from actions.engine.spelling import spelling_slips, spelling_tables

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)


def slips(text: str, keep: tuple = ()) -> dict:
    return dict(spelling_slips(text, load_knowledge().common_typos, keep))


@pytest.mark.parametrize(
    "draft, wrong, right",
    [
        ("I was realy pleased to meet the whole team on Monday.", "realy", "really"),
        ("Sorry, I was quite dissapointed by the news.", "dissapointed", "disappointed"),
        ("Thanks for the update on you're decision process.", "you're decision", "your decision"),
        ("so i wanted to check in about the shift manager opening", "i", "I"),
        ("I havent seen an invite for the second round yet.", "havent", "haven't"),
        ("whats the best way to send my portfolio over?", "whats", "what's"),
        ("its been a week since we spoke about the opening.", "its been", "it's been"),
        ("Could you confirm the adress of the office, please?", "adress", "address"),
        ("I'm very intrested in the warehouse supervisor opening.", "intrested", "interested"),
        ("My recruitr told me you might have an answer this week.", "recruitr", "recruiter"),
        ("Thank you for the conversaton yesterday about the role.", "conversaton", "conversation"),
    ],
)
def test_common_slips_are_caught_with_their_correction(draft: str, wrong: str, right: str) -> None:
    assert slips(draft).get(wrong) == right


def test_names_companies_acronyms_and_trade_words_are_left_alone() -> None:
    draft = (
        "Dear Ms Okonkwo, thank you for meeting me at Brightwell Logistix about the SRE role. I enjoyed hearing "
        "about the Kubernetes migration, the on-call rota and the offshore telemetry dashboards. My six years "
        "in HV substation design should help. Best regards, Tobiah Quenneville"
    )
    assert slips(draft) == {}


@pytest.mark.parametrize(
    "word", ["tired", "seeing", "quiet", "county", "store", "plant", "sentence", "sitting", "wondered", "paying"]
)
def test_ordinary_words_one_letter_from_another_word_are_not_flagged(word: str) -> None:
    assert slips(f"Honestly the {word} part surprised me.") == {}


def test_a_lower_case_name_the_user_told_is_not_a_misspelling() -> None:
    assert "kovacs" not in slips("thanks for your time, kovacs team", keep=("Kovacs",))


def test_every_listed_word_is_lower_case_and_no_listed_misspelling_is_also_a_listed_word() -> None:
    tables = spelling_tables()
    assert all(word == word.lower() and word.isalpha() for word in tables.words)
    wrong = set(tables.misspellings) | set(load_knowledge().common_typos) | set(tables.missing_apostrophe)
    assert not wrong & tables.words


def test_the_review_lists_the_slips_and_never_praises_the_spelling_next_to_them() -> None:
    draft = (
        "Hi Megan,\n\nThank you for letting me know about your descision. I was realy dissapointed, and I "
        "wasnt sure what went wrong. Could you share any feedback?\n\nBest,\nLeah"
    )
    reply = review_draft(draft, Situation(branch="post_interview", rejected="yes"), NOW)
    text = "\n".join(m.text for m in reply.messages)
    for shown in ("“descision” → “decision”", "“realy” → “really”", "“dissapointed” → “disappointed”", "“wasnt”"):
        assert shown in text
    assert "no spelling slips" not in text


def test_a_rewrite_corrects_the_slips() -> None:
    fixed = fix_slips("hi, its been a week and i havent heard back. Realy hope your well.", NOW)
    assert fixed == "hi, it's been a week and I haven't heard back. Really hope you're well."
    revised = revise("Hi Tom,\n\nI havent heard back since we met on Monday. Any news?\n\nThanks,\nAna", Situation())
    assert "haven't" in revised and "havent" not in revised


def test_a_misspelt_key_in_the_spelling_file_is_named(tmp_path) -> None:
    bad = tmp_path / "spelling.yml"
    bad.write_text("mispellings: {realy: really}\nmissing_apostrophe: {}\nwords: able about\n", encoding="utf-8")
    with pytest.raises(YamlFileError, match="mispellings"):
        spelling_tables(bad)


def test_a_contraction_without_its_apostrophe_opening_a_sentence_is_a_slip_but_a_name_is_not() -> None:
    slips = dict(spelling_slips("Im keen to start. Dont worry about the time. Ive got it. Tim said so."))
    assert slips == {"Im": "I'm", "Dont": "Don't", "Ive": "I've"}
