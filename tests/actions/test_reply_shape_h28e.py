"""Follow-up turns show only what is new (session 28, helper E): no bullets, disagreements or "Based on" again;
pushback gets the answer kept with where it comes from; a message only guessed to ask "why?" no full advice."""

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import (
    STANDS,
    ActionAnswerPushback,
    ActionDefaultAskAffirmation,
    ActionFollowUp,
    ActionGiveAdvice,
)
from tests.actions.conftest import STATUS_SLOTS, make_tracker

# What a repeated full answer is made of; none of it belongs in a follow-up turn.
FULL_PARTS = ("How to go about it:", "Where the articles disagree:", "Based on:", "•")


async def answered(slots: dict, domain) -> dict:
    """The slots once the first answer for `slots` was given."""
    events = await ActionGiveAdvice().run(CollectingDispatcher(), make_tracker(slots=slots), domain)
    return {**slots, **{e["name"]: e["value"] for e in events}}


def said(dispatcher: CollectingDispatcher) -> str:
    """Everything the coach said, in one string (responses by name)."""
    return "\n".join(m.get("text") or m.get("response") or "" for m in dispatcher.messages)


def guessed(text: str, slots: dict, likely: str) -> Tracker:
    """An unclear message whose classifier's second guess is `likely`."""
    tracker = make_tracker(text, "nlu_fallback", slots=slots)
    tracker.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.4},
        {"name": likely, "confidence": 0.3},
    ]
    return tracker


async def test_pushback_keeps_the_answer_and_names_its_article_without_the_bullets(domain) -> None:
    slots = await answered(STATUS_SLOTS, domain)
    reply = CollectingDispatcher()
    await ActionAnswerPushback().run(reply, make_tracker("that seems a bit much tbh", "pushback", slots=slots), domain)
    out = said(reply)
    assert "my answer stays the same" in out
    assert "That rests on “Contacting hiring managers after an interview: 10 truths” (" in out
    assert not any(part in out for part in FULL_PARTS)
    assert len(reply.messages) == 2 and reply.messages[-1]["buttons"]


async def test_pushback_with_a_reason_says_the_answer_stands_then_answers_the_reason(domain) -> None:
    """ "are you sure? my friend says calling is better": kept explicitly, then why email, with the article."""
    slots = await answered(STATUS_SLOTS, domain)
    reply = CollectingDispatcher()
    topic = [{"entity": "topic", "value": "call_instead", "start": 30, "end": 37}]
    text = "are you sure? my friend says calling is better"
    await ActionAnswerPushback().run(reply, make_tracker(text, "pushback", topic, slots), domain)
    texts = [m.get("text") or "" for m in reply.messages]
    assert texts[0] == STANDS[slots["verdict"]]
    assert "email" in texts[1].lower() and len(texts) == 2
    assert not any(part in "\n".join(texts) for part in FULL_PARTS)


async def test_a_statement_only_guessed_as_why_is_an_okay_not_the_full_advice(domain) -> None:
    slots = await answered(STATUS_SLOTS, domain)
    reply = CollectingDispatcher()
    await ActionDefaultAskAffirmation().run(reply, guessed("ok, I'll wait till then", slots, "show_advice"), domain)
    out = said(reply)
    assert out.startswith("Okay — that doesn't change my advice above.")
    assert not any(part in out for part in FULL_PARTS)


async def test_a_question_only_guessed_as_why_gets_the_answer_in_short_with_its_source(domain) -> None:
    slots = await answered(STATUS_SLOTS, domain)
    reply = CollectingDispatcher()
    await ActionDefaultAskAffirmation().run(reply, guessed("hmm how come tho?", slots, "show_advice"), domain)
    out = said(reply)
    assert out.startswith("In short: ") and "That rests on “" in out
    assert not any(part in out for part in FULL_PARTS)


async def test_a_new_question_later_on_is_its_verdict_and_draft_with_one_line_to_the_rest(domain) -> None:
    slots = await answered(STATUS_SLOTS, domain)
    reply = CollectingDispatcher()
    tracker = make_tracker(
        "can I send a thank you note as well?", "post_thank_you", slots={**slots, "goal": "thank_you"}
    )
    await ActionGiveAdvice().run(reply, tracker, domain)
    out = said(reply)
    assert not any(part in out for part in FULL_PARTS)
    assert [m["draft_kind"] for m in reply.messages if m.get("draft_kind")] == ["thank_you_email"]
    last = reply.messages[-1]["text"]
    assert last.startswith("Say “full advice”") and "\n" not in last


async def test_nerves_after_an_answer_get_a_human_line_not_the_advice(domain) -> None:
    slots = await answered(STATUS_SLOTS, domain)
    reply = CollectingDispatcher()
    await ActionFollowUp().run(reply, make_tracker("ugh im so anxious about all this", "nerves", slots=slots), domain)
    out = said(reply)
    assert "normal" in out.lower() and len(reply.messages) == 1
    assert not any(part in out for part in FULL_PARTS) and "Not yet" not in out and "Yes —" not in out


async def test_a_question_beside_a_new_answer_comes_before_the_line_pointing_to_more(domain) -> None:
    slots = await answered(STATUS_SLOTS, domain)
    reply = CollectingDispatcher()
    topic = [{"entity": "topic", "value": "no_reply", "start": 30, "end": 45}]
    text = "can I thank her too? and what if she never replies?"
    await ActionGiveAdvice().run(
        reply, make_tracker(text, "post_thank_you", topic, {**slots, "goal": "thank_you"}), domain
    )
    texts = [m.get("text") or "" for m in reply.messages]
    assert texts[-1].startswith("Say “full advice”") and reply.messages[-1]["buttons"]
    assert (
        len(texts) >= 4 and not texts[-2].startswith(("Dear", "Subject")) and not reply.messages[-2].get("draft_kind")
    )


async def test_waiting_it_out_after_a_not_yet_is_an_okay_not_the_draft_for_later(domain) -> None:
    slots = await answered({**STATUS_SLOTS, "interview_date": "2026-11-18", "decision_date": "2026-11-27"}, domain)
    assert slots["verdict"] == "wait"
    reply = CollectingDispatcher()
    await ActionDefaultAskAffirmation().run(reply, guessed("ok guess ill hang on then", slots, "affirm"), domain)
    assert not any(m.get("draft_kind") for m in reply.messages)
    assert said(reply).startswith("Okay. If anything changes")
