"""Corrections and edits that must change the draft: the user's own name, a cut that keeps the request, the
user's question as said to the reader (session 29, helper F)."""

from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionFollowUp, ActionGiveAdvice
from actions.engine.drafts import _as_clause, render_draft, restyle
from actions.engine.edits import _remove, _sign
from actions.engine.situation import Situation
from actions.understanding import ParsedMessage, understand
from nlu_components.message_cues import MessageCues
from tests.actions.conftest import STATUS_SLOTS, make_tracker
from tests.actions.test_understanding import NOW, msg

FEEDBACK = (
    "Subject: Sales lead – thank you, and a short request\n\nDear Ravi,\n\nThank you for considering me for the Sales "
    "lead position at Corvell. Although I was sorry to hear it didn't work out this time, I valued the chance to "
    "meet the team. If you can spare a moment, I would appreciate one or two pointers on what would have made me "
    "a stronger candidate. I'd be glad to be considered for future openings.\n\nBest regards,\nLena"
)
PREP = (
    "Subject: Interview on Monday 7 December\n\nDear Ines,\n\nThank you for the invitation to interview for the "
    "Analyst role at Broadleaf. I'd like to confirm that we're meeting on Monday 7 December at 10 am. I'd also like "
    "to ask which tools I should brush up on. I'm keen to talk with you.\n\nBest regards,\nLena"
)


def test_a_shorter_feedback_request_keeps_the_request() -> None:
    short, _ = restyle(FEEDBACK, "short")
    assert "one or two pointers on what would have made me a stronger candidate" in short
    assert "future openings" not in short and "valued the chance" not in short


def test_a_shorter_note_keeps_the_users_question_over_the_confirmation() -> None:
    short, _ = restyle(PREP, "short")
    assert "I'd like to ask which tools I should brush up on." in short
    assert "confirm" not in short and "I'm keen" not in short


def test_the_users_question_reads_as_written_to_the_reader() -> None:
    assert _as_clause("if i should bring my laptop on tuesday") == "if I should bring my laptop on Tuesday"
    assert _as_clause("what the dress code is in october") == "what the dress code is in October"
    assert _as_clause("how to get ready, not a linkedin note") == "how to get ready"
    assert _as_clause("whether the panel has slides instead of the thank you email") == "whether the panel has slides"
    assert _as_clause("if i may bring notes") == "if I may bring notes"  # "may" is no month here


def test_a_name_after_my_name_is_the_users_own_not_the_readers() -> None:
    text = "oops you left out my name, it's Hugo Brandt"
    slots = {**STATUS_SLOTS, "interviewer_name": "Dana Ortiz"}
    update = understand(msg(text, "chitchat", ("PERSON", "Hugo Brandt")), slots, None, NOW)
    assert update.get("user_name") == "Hugo Brandt"
    assert "interviewer_name" not in update


def test_the_interviewer_named_after_a_complaint_stays_the_interviewer() -> None:
    text = "you put my name as the recipient, the interviewer was Hugo Brandt"
    update = understand(msg(text, "inform", ("PERSON", "Hugo Brandt")), STATUS_SLOTS, None, NOW)
    assert update.get("interviewer_name") == "Hugo Brandt" and not update.get("user_name")


async def test_a_name_read_as_small_talk_after_a_draft_signs_it(domain) -> None:
    first = CollectingDispatcher()
    advised = {
        e["name"]: e["value"] for e in await ActionGiveAdvice().run(first, make_tracker(slots=STATUS_SLOTS), domain)
    }
    slots = {**STATUS_SLOTS, "advised": advised["advised"], "last_draft": "status_check_email", "user_name": "Hugo"}
    dispatcher = CollectingDispatcher()
    await ActionFollowUp().run(
        dispatcher, make_tracker("forgot my name lol, its hugo", "chitchat", slots=slots), domain
    )
    assert dispatcher.messages[0]["text"] == "Signed with your name, Hugo:"
    draft = next(m for m in dispatcher.messages if m.get("draft_kind"))
    assert draft["text"].endswith("\nHugo") and "Dear Dana," in draft["text"]
    assert not any("All good here" in (m.get("text") or "") for m in dispatcher.messages)


async def test_a_draft_said_to_be_wrong_is_fixed_without_my_advice_stays_the_same(domain) -> None:
    thanks = {**STATUS_SLOTS, "goal": "thank_you", "interview_date": "2026-11-19"}
    events = await ActionGiveAdvice().run(
        CollectingDispatcher(), make_tracker("thank him?", "inform", [], thanks), domain
    )
    slots = {**thanks, **{e["name"]: e["value"] for e in events}, "interviewer_name": "Hugo Brandt"}
    dispatcher = CollectingDispatcher()
    text = "you put the wrong person, the interviewer was Hugo Brandt"
    await ActionGiveAdvice().run(dispatcher, make_tracker(text, "inform", [], slots), domain)
    said = [m.get("text") or "" for m in dispatcher.messages]
    assert said[0].startswith("Sorry about that, fixed (interviewer: Hugo Brandt)")
    assert "Dear Hugo," in said[1] and not any("stays the same" in t for t in said)


def test_a_channel_turned_down_is_dropped() -> None:
    text = "no, i want to ask what to read up on, not a linkedin note"
    slots = {**STATUS_SLOTS, "branch": "pre_interview", "goal": "linkedin_intro", "channel": "linkedin"}
    channel = {"entity": "channel", "value": "linkedin", "role": "negated", "start": 42, "end": 50}
    update = understand(ParsedMessage(text, "pre_ask_preparation", [channel], 0.9), slots, None, NOW)
    assert "channel" in update and update["channel"] is None


def test_words_saying_the_draft_is_wrong_are_read_as_such() -> None:
    cues = MessageCues({})

    def kinds(text: str) -> set:
        return {e["value"] for e in cues.read(text) if e["entity"] == "reply_cue"}

    assert "draft_wrong" in kinds("hang on, Lotte Baum is me haha. the manager i met was Piet Kool")
    assert "draft_wrong" in kinds("nope thats not what i asked for")
    assert "draft_wrong" in kinds("you mixed up the names")
    assert "draft_wrong" not in kinds("that is me being dramatic, sorry")


def test_words_to_take_out_are_no_strength_to_put_in() -> None:
    text = "pls dont mention my twins at all"
    found = [
        {"entity": "strength", "value": "twins at all", "start": 23, "end": 35},
        {"entity": "edit", "value": "remove", "start": 0, "end": 0},
        {"entity": "edit_text", "value": "twins at all", "role": "remove", "start": 23, "end": 35},
    ]
    update = understand(ParsedMessage(text, "out_of_scope", found, 0.9), STATUS_SLOTS, None, NOW)
    assert "strength" not in update


STATUS = (
    "Subject: Analyst – checking in\n\nDear Ines,\n\nThank you again for speaking with me on Monday 9 November about "
    "the Analyst position at Broadleaf. I understood that a decision was expected in late November, so I wanted to "
    "ask politely whether there is any news. I remain very interested in the role.\n\nKind regards,\nLena"
)


def test_a_line_named_by_what_it_is_about_goes_but_its_request_stays() -> None:
    text, note = _remove(STATUS, "the bit about the timeline", Situation())
    assert "a decision was expected" not in text
    assert "I wanted to ask politely whether there is any news." in text
    assert note.startswith("Taken out: \u201cI understood that a decision") and "request stays" in note


def test_a_line_the_draft_does_not_have_is_said_plainly_and_nothing_goes() -> None:
    text, note = _remove(STATUS, "my salary", Situation())
    assert text == STATUS and note.startswith("There's no line about \u201cmy salary\u201d")


def test_a_first_name_to_sign_with_that_is_a_contacts_is_not_the_users() -> None:
    slots = {**STATUS_SLOTS, "recruiter_name": "Priya Nair"}
    text = "sign it as priya"
    update = understand(
        ParsedMessage(
            text,
            "inform",
            [
                {"entity": "PERSON", "value": "priya", "role": "self", "start": 11, "end": 16},
                {"entity": "edit", "value": "sign", "start": 0, "end": 4},
            ],
            0.9,
        ),
        slots,
        None,
        NOW,
    )
    assert not update.get("user_name")
    assert "own name" in _sign("Dear Dana,\n\nHi.\n\nBest,\n[Your name]", "", Situation())[1]


def test_a_preparation_note_asks_its_own_question_when_the_users_only_says_prepare() -> None:
    situation = Situation(
        branch="pre_interview",
        goal="preparation",
        interview_date="2026-11-27",
        interviewer_name="Ines Duarte",
        own_question="how to prepare, not a linkedin note",
    )
    text = render_draft("pre_prep_question_email", situation, NOW).text
    assert "ask how to prepare" not in text and "linkedin" not in text.lower()
    assert "particular skill or area of experience" in text


async def test_my_name_as_the_recipient_fixes_the_reader_without_a_sign_note(domain) -> None:
    thanks = {**STATUS_SLOTS, "goal": "thank_you", "interview_date": "2026-11-19", "user_name": "Lena Wirth"}
    events = await ActionGiveAdvice().run(
        CollectingDispatcher(), make_tracker("thank her?", "inform", [], thanks), domain
    )
    slots = {**thanks, **{e["name"]: e["value"] for e in events}, "interviewer_name": "Hugo Brandt"}
    text = "you put my name as the recipient, the interviewer was Hugo Brandt"
    sign = [{"entity": "edit", "value": "sign", "start": 4, "end": 15}]
    dispatcher = CollectingDispatcher()
    await ActionGiveAdvice().run(dispatcher, make_tracker(text, "inform", sign, slots), domain)
    said = [m.get("text") or "" for m in dispatcher.messages]
    assert said[0].startswith("Sorry about that, fixed (interviewer: Hugo Brandt)")
    assert not any(t.startswith("Signed with your name") for t in said)
    assert "Dear Hugo," in said[1] and said[1].endswith("Lena Wirth")


def test_the_timeline_is_the_line_asking_when_they_decide_not_the_one_about_their_time() -> None:
    thanks = (
        "Subject: Thank you\n\nDear Leon,\n\nThank you for taking the time to speak with me on Tuesday 1 December. "
        "If it's convenient, I'd be grateful to hear roughly when you expect to decide. Please let me know if I can "
        "send anything else.\n\nBest regards,\nFarah"
    )
    text, _ = _remove(thanks, "the timeline thing", Situation())
    assert "Thank you for taking the time" in text and "when you expect to decide" not in text
