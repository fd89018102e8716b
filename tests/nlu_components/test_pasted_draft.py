"""Where a pasted draft starts: the user's chat words before it stay out of the draft."""

from nlu_components.pasted_draft import pasted_draft

CHAT_THEN_DRAFT = (
    "Good morning. Yesterday I had a panel call at Brightwater Foods for a Quality Lead job with Omar Haddad and "
    "Julia Brandt. Can you look at my note before I send it?\n\n"
    "Subject: Thank you – Quality Lead interview\n\nDear Omar and Julia,\n\n"
    "Thank you both for your time yesterday. I enjoyed hearing about the new bottling line in Leeds.\n\n"
    "Kind regards,\nMei Tanaka"
)


def test_chat_words_opening_with_a_greeting_stay_out_of_the_draft() -> None:
    """Blind 27e-09: 'Hello. I had a video interview ... Could you review it?' was pasted into the email."""
    found = pasted_draft(CHAT_THEN_DRAFT)
    assert found is not None
    start, draft = found
    assert draft.startswith("Subject: Thank you") and "Can you look" not in draft and draft.endswith("Mei Tanaka")
    assert CHAT_THEN_DRAFT[start:].startswith("Subject:")


def test_a_draft_that_opens_with_its_greeting_keeps_it() -> None:
    text = (
        "Hi Raj,\n\nThanks for the chat today about the analyst role. Looking forward to hearing from you.\n\nBest,\nAl"
    )
    assert pasted_draft(text) == (0, text)


QUOTED_AFTER_A_GREETING = (
    'hello! could u check my email before i send it? "Hi Mr. Okoro, I hope you are well. I have an interview with '
    "you next monday for the Sales Associate role at Brightline. I wanted to ask what I should bring. Looking "
    'forward to meeting u! Tunde" is that too much??'
)


def test_a_draft_in_quotes_after_a_chatty_greeting_is_only_the_quoted_part() -> None:
    """Blind b30a-08: the request "could u check my email before i send it?" was reviewed and rewritten as the email."""
    found = pasted_draft(QUOTED_AFTER_A_GREETING)
    assert found is not None
    start, draft = found
    assert draft.startswith("Hi Mr. Okoro,") and draft.endswith("Tunde")
    assert "could u check" not in draft and "too much" not in draft
    assert QUOTED_AFTER_A_GREETING[start:].startswith("Hi Mr. Okoro")
