"""Edits to a draft (engine/edits.py): each goes the way asked and keeps the facts."""

import re
from dataclasses import replace
from datetime import datetime, timezone

import pytest

from actions.engine.drafts import render_draft
from actions.engine.edits import added_sentence, apply_edits, merge_edits
from actions.engine.review import revise
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


@pytest.mark.parametrize(
    ("words", "sentence"),
    [
        # blind 27: the user's instructions to the coach pasted into the draft
        ("the product designer position pls", "I'm very interested in the product designer position."),
        ("the sentence \u201cMarco Bianchi pointed me to this opening.", "Marco Bianchi pointed me to this opening."),
        (
            "that I led the Rust rewrite, and say I'd love to join the platform team",
            "I led the Rust rewrite. I'd love to join the platform team.",
        ),
        ("the code sample he requested is attached", "The code sample you requested is attached."),
        (
            "asking ms okoye to share my thanks with the panel",
            "Could you please share my thanks with the panel?",
        ),
        (
            "that ive shipped two mobile apps and im keen to start",
            "I've shipped two mobile apps and I'm keen to start.",
        ),
        ("the parking question (garage or street)", "I'd also like to ask about the parking: garage or street?"),
        ("that my former manager said he would vouch for me", "My former manager said he would vouch for me."),
        ("that we were glad to meet", "We were glad to meet."),
    ],
)
def test_an_added_line_is_written_to_the_reader_without_the_instruction(words: str, sentence: str) -> None:
    assert added_sentence(words) == sentence


def test_a_line_added_to_a_one_paragraph_note_goes_before_its_sign_off() -> None:
    """Blind 27e-05/11: 'Best, Oliver I also wanted to mention ...': the line went after the signature."""
    note = "Hi Carmen, Thanks for the chat this afternoon! Have a lovely weekend! Best regards, Jonas Weber"
    edited, notes = apply_edits(note, [("add", "that im keen on the field research role")], AFTER)
    assert edited.endswith("Have a lovely weekend! Best regards, Jonas Weber")
    assert "afternoon! I'm keen on the field research role. Have a lovely" in edited and notes[0].startswith("Added")


def test_a_body_ending_with_a_capitalised_name_is_no_sign_off() -> None:
    draft = "Dear Ann,\n\nThanks for the chat. I'd love to work with Best Buy.\n\nBest,\nAl"
    edited, _ = apply_edits(draft, [("add", "that im free on monday")], AFTER)
    assert "Best Buy. I'm free on Monday.\n\nBest,\nAl" in edited


def test_shorter_keeps_the_question_of_a_status_email() -> None:
    """Blind 27b-09 / 27c-04: 'make it shorter' left a status email that asked nothing."""
    status = Situation(
        branch="post_interview",
        goal="status_check",
        interview_date="2026-11-02",
        decision_date="2026-11-13",
        interviewer_name="Rosa Klein",
        company="Tallis Labs",
        role="lab technician",
    )
    draft = render_draft("status_check_email", status, NOW).text
    short, _ = apply_edits(draft, [("shorter", "")], status)
    assert len(short.split()) < len(draft.split()) and re.search(r"(?i)\bask\b|\?|whether|any news", short)


def test_keeping_two_things_while_shortening_keeps_both() -> None:
    draft = (
        "Dear Ivo,\n\nThank you for the interview on Monday. Lena Park suggested I get in touch. "
        "I enjoyed our talk about the cleanroom audits. I also run the weekly safety briefing.\n\nBest,\nPia"
    )
    cut = "Dear Ivo,\n\nThank you for the interview on Monday.\n\nBest,\nPia"
    edited, notes = apply_edits(cut, [("retain", "Lena and the cleanroom audits")], AFTER, original=draft)
    assert "Lena Park suggested" in edited and "cleanroom audits" in edited and "safety" not in edited
    assert len(notes) == 2


def test_a_line_taken_out_by_the_shortening_is_said_to_be_out() -> None:
    """Blind 27e-05: 'cut it in half and drop the portfolio password bit' said there was no such line."""
    draft = "Hi Jo, Thanks for the call. Tell me if you need my portfolio password. Best, Kai"
    cut = "Hi Jo, Thanks for the call. Best, Kai"
    edited, notes = apply_edits(cut, [("remove", "portfolio password")], AFTER, original=draft)
    assert edited == cut and notes[0].startswith("Taken out")


def test_an_acronym_in_the_users_draft_is_no_shouting() -> None:
    """Blind 27 (D's replay): 'your HPLC validation work' became 'your hplc validation work' in the revised note."""
    own = "Dear Dr. Osei, I enjoyed discussing your HPLC validation work. PLEASE REPLY SOON. Best regards, Nina"
    revised = revise(own, AFTER)
    assert "HPLC validation" in revised and "PLEASE" not in revised


def test_shortening_while_keeping_two_named_parts_keeps_both() -> None:
    """Blind 28e-01: 'shorter, keep the AWS cert bit and the migration project' dropped the project line."""
    draft = (
        "Dear Omar,\n\nThank you so much for taking the time out of your busy week to meet me on Monday. "
        "I really enjoyed hearing how the team plans its quarterly releases. "
        "I led the churn project at my current employer, which cut cancellations by a fifth. "
        "I also hold the Salesforce admin cert, which fits the CRM work you described. "
        "Please let me know if there is anything else at all I can send you.\n\nBest regards,\nNadia"
    )
    edited, _ = apply_edits(draft, [("shorter", ""), ("retain", "Salesforce cert bit and the churn project")], AFTER)
    assert "churn project" in edited and "Salesforce admin cert" in edited
    assert len(edited.split()) < len(draft.split())


TEMPLATE_KINDS = [k for k in __import__("actions.engine.drafts", fromlist=["DRAFT_TITLES"]).DRAFT_TITLES]


@pytest.mark.parametrize("kind", [k for k in TEMPLATE_KINDS if k != "linkedin_note"])
@pytest.mark.parametrize("tone", ["warm", "casual"])
def test_a_tone_changes_more_than_the_greeting_and_keeps_every_fact(kind: str, tone: str) -> None:
    situation = Situation(**{**AFTER.__dict__, "recruiter_name": "Jo Park", "agency_name": "Hays"})
    usual = render_draft(kind, situation, NOW).text
    toned = render_draft(kind, situation, NOW, tone=tone).text
    body = lambda text: [p for p in text.split("\n\n") if not re.match(r"^(?:Subject|Cc|Dear|Hi)\b", p)]  # noqa: E731
    assert body(toned)[0] != body(usual)[0]  # the body's wording changed, not only "Dear" to "Hi"
    assert toned.split("\n")[-2] != usual.split("\n")[-2] or kind == "linkedin_thank_you" and tone == "casual"
    for fact in ("Northwind", "data analyst", "Sam Lee"):
        assert (fact in toned) == (fact in usual)


def test_a_reword_uses_another_wording_for_the_line_named_and_says_so() -> None:
    text, notes = apply_edits(thank_you(), [("reword", "last sentence")], AFTER)
    assert "If there's anything else I can send you, just let me know." in text
    assert "Please let me know if I can send anything else." not in text and notes[0].startswith("Reworded:")


def test_a_line_with_no_other_wording_is_left_and_the_user_is_told_how_to_change_it() -> None:
    own = "Dear Dana,\n\nBananas are yellow. I liked the chat.\n\nBest,\nSam"
    text, notes = apply_edits(own, [("reword", "first line")], AFTER)
    assert text == own and "change 'keen' to 'excited'" in notes[0]


def test_every_template_line_in_every_tone_has_another_wording() -> None:
    from actions.engine.drafts import DRAFT_TITLES
    from actions.engine.edits import _body_paragraphs, _sentences_of, reworded

    situation = Situation(**{**AFTER.__dict__, "recruiter_name": "Jo Park", "decision_date": "2026-11-27"})
    missing = []
    for kind in DRAFT_TITLES:
        for tone in ("", "warm", "casual"):
            paragraphs = render_draft(kind, situation, NOW, tone=tone).text.split("\n\n")
            for sentence in [s for i in _body_paragraphs(paragraphs) for s in _sentences_of(paragraphs[i])]:
                if reworded(sentence) == sentence and not sentence.startswith(
                    ("[", "I've copied", "You mentioned they")
                ):
                    missing.append((kind, tone, sentence[:50]))
    assert len(missing) <= 12, missing


def test_a_plain_word_swapped_for_its_comparative_keeps_the_comparison() -> None:
    text, notes = apply_edits(thank_you(), [("replace", "keen|thrilled")], AFTER)
    assert "even more thrilled to join the team" in text and notes == ["Changed “keener” to “more thrilled”."]


def test_a_line_added_to_a_casual_draft_goes_before_its_closing_courtesy() -> None:
    casual = render_draft("thank_you_email", AFTER, NOW, tone="casual").text
    text, _ = apply_edits(casual, [("add", "I can start in January")], AFTER)
    assert "I can start in January. Just let me know if I can send anything else." in text


def test_a_title_with_a_full_stop_does_not_end_a_sentence() -> None:
    from actions.engine.edits import _sentences_of

    note = "Hi Mr. Okafor, I saw you'll be interviewing me next week. Thank you for your time. Best, Lena"
    assert _sentences_of(note) == [
        "Hi Mr. Okafor, I saw you'll be interviewing me next week.",
        "Thank you for your time.",
        "Best, Lena",
    ]


def test_new_words_for_the_end_of_a_quoted_phrase_change_only_that_end() -> None:
    """Blind 30a-17: "'which planning software they use' ..., shouldn't it be 'you use'?" keeps the rest."""
    text, notes = apply_edits(thank_you(), [("replace", "to hear roughly when you expect|they expect")], AFTER)
    assert "I'd be grateful to hear roughly when they expect to decide." in text
    assert notes == ["Changed “to hear roughly when you expect” to “to hear roughly when they expect”."]


def test_new_words_for_a_whole_quoted_phrase_replace_all_of_it() -> None:
    named = replace(AFTER, strength="supplier audits")
    drafted = render_draft("thank_you_email", named, NOW).text
    text, _ = apply_edits(drafted, [("replace", "would let me contribute quickly|helps me contribute quickly")], named)
    assert "supplier audits helps me contribute quickly." in text
