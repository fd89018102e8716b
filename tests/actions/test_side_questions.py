"""Several questions in one message, small talk and feelings: every part of the message gets its answer."""

from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import (
    ActionDefaultAskAffirmation,
    ActionEditDraft,
    ActionFollowUp,
    ActionGiveAdvice,
    ActionOutOfScope,
    ActionThanks,
    ValidateSituationForm,
)
from tests.actions.conftest import STATUS_SLOTS, make_tracker
from tests.actions.test_follow_ups import THANKS, answered, said, topic


def edit(kind: str) -> dict:
    """An `edit` entity as EntityRoles tags a change to the draft."""
    return {"entity": "edit", "value": kind, "start": 0, "end": 4}


async def test_a_change_to_the_draft_and_a_question_beside_it_both_get_done(domain) -> None:
    slots = await answered(THANKS, domain)
    reply = CollectingDispatcher()
    text = "can you trim it down, and is it ok to connect with Ana on LinkedIn?"
    tracker = make_tracker(text, "draft_shorter", [edit("shorter"), topic("linkedin_too")], slots)
    await ActionEditDraft().run(reply, tracker, domain)
    texts = [m.get("text") or "" for m in reply.messages]
    assert any(m.get("draft_kind") for m in reply.messages)  # the shorter draft
    assert texts[-1].startswith("You can connect, but one message is enough")


async def test_a_question_for_the_draft_beside_an_edit_is_not_answered_twice(domain) -> None:
    slots = await answered(THANKS, domain)
    reply = CollectingDispatcher()
    tracker = make_tracker("shorter please, how long should it be?", "draft_shorter", [topic("length")], slots)
    await ActionEditDraft().run(reply, tracker, domain)
    assert "three to five sentences" not in said(reply)


async def test_when_to_ask_about_the_status_beside_a_thank_you_names_the_day(domain) -> None:
    slots = {**THANKS, "decision_date": "2026-12-09"}
    reply = CollectingDispatcher()
    text = "should I still thank her after a week? and when may I ask how it went?"
    await ActionGiveAdvice().run(reply, make_tracker(text, "post_thank_you", [topic("write_date")], slots), domain)
    assert reply.messages[-1]["text"].startswith("Send the thank-you now; the status is a separate question")
    assert "Wed 16 Dec" in reply.messages[-1]["text"]


async def test_a_feeling_told_with_the_story_gets_sympathy_before_the_answer(domain) -> None:
    slots = {**STATUS_SLOTS, "rejected": "yes", "goal": "feedback_request"}
    reply = CollectingDispatcher()
    text = "they turned me down yesterday, I'm crushed. can I ask why?"
    await ActionGiveAdvice().run(
        reply, make_tracker(text, "post_feedback_request", [topic("feel_rejected")], slots), domain
    )
    assert reply.messages[0]["text"].startswith("I'm sorry — that's a real disappointment")
    assert len([m for m in reply.messages if (m.get("text") or "").startswith("I'm sorry")]) == 1


async def test_sympathy_is_said_once_per_conversation(domain) -> None:
    earlier = [
        {
            "event": "bot",
            "text": "I'm sorry — that's a real disappointment, especially after the effort you "
            "put in. It says less about you than it feels like right now.",
        }
    ]
    slots = {**STATUS_SLOTS, "rejected": "yes", "goal": "feedback_request"}
    reply = CollectingDispatcher()
    tracker = make_tracker("still crushed", "post_feedback_request", [topic("feel_rejected")], slots, earlier=earlier)
    await ActionGiveAdvice().run(reply, tracker, domain)
    assert not reply.messages[0]["text"].startswith("I'm sorry")


async def test_nerves_told_with_a_story_go_on_with_the_story_not_ask_for_it(domain) -> None:
    reply = CollectingDispatcher()
    slots = {"branch": "pre_interview", "interview_date": "2026-12-01"}
    tracker = make_tracker("I'm a nervous wreck, interview tomorrow at 9", "nerves", [topic("feel_nervous")], slots)
    events = await ActionFollowUp().run(reply, tracker, domain)
    assert reply.messages[0]["text"].startswith("Feeling nervous about it is completely normal")
    assert "Tell me where you stand" not in said(reply)
    assert events == [FollowupAction("situation_form")]


async def test_asked_whether_it_is_a_person_it_says_it_is_a_bot_and_asks_for_the_story(domain) -> None:
    reply = CollectingDispatcher()
    await ActionFollowUp().run(
        reply, make_tracker("hiya, how are things? real human?", "chitchat", [topic("bot")]), domain
    )
    assert reply.messages[0]["text"].startswith("No — I'm a bot")
    assert "tell me about your interview" in reply.messages[0]["text"]


async def test_a_feeling_while_the_questions_run_comes_before_the_next_question(domain) -> None:
    reply = CollectingDispatcher()
    tracker = make_tracker(
        "six months of this, it's been brutal. I interviewed last week",
        "post_status_check",
        [topic("feel_hard_search")],
        {"branch": "post_interview", "requested_slot": "interview_date"},
        active_loop="situation_form",
    )
    await ValidateSituationForm().run(reply, tracker, domain)
    assert reply.messages[0]["text"].startswith("That sounds tiring")


async def test_see_ya_after_an_answer_is_a_goodbye(domain) -> None:
    slots = await answered(STATUS_SLOTS, domain)
    reply = CollectingDispatcher()
    await ActionDefaultAskAffirmation().run(
        reply, make_tracker("never mind, I'll sort it. cya", "nlu_fallback", slots=slots), domain
    )
    assert reply.messages[0]["response"] == "utter_goodbye"


async def test_thanks_with_a_question_gets_the_answer_too(domain) -> None:
    slots = await answered(THANKS, domain)
    reply = CollectingDispatcher()
    await ActionThanks().run(
        reply, make_tracker("ty! and if Ana never writes back?", "thanks", [topic("no_reply")], slots), domain
    )
    assert reply.messages[0]["text"] == "You're welcome!"
    assert reply.messages[1]["text"].startswith("A thank-you doesn't need a reply")


async def test_thanks_alone_is_welcomed(domain) -> None:
    reply = CollectingDispatcher()
    await ActionThanks().run(
        reply, make_tracker("thanks a lot", "thanks", slots=await answered(THANKS, domain)), domain
    )
    assert [m.get("response") for m in reply.messages] == ["utter_you_are_welcome"]


async def test_a_question_beside_a_signature_is_answered_once(domain) -> None:
    slots = {**(await answered(THANKS, domain)), "user_name": "Kim Lee"}  # the name this message gave
    reply = CollectingDispatcher()
    entities = [{"entity": "PERSON", "value": "Kim Lee", "role": "self"}, topic("linkedin_too")]
    tracker = make_tracker("I'm Kim Lee. should I connect with Ana on LinkedIn as well?", "inform", entities, slots)
    await ActionGiveAdvice().run(reply, tracker, domain)
    assert reply.messages[0]["text"] == "Signed with your name, Kim Lee:"
    assert said(reply).count("You can connect, but one message is enough") == 1


async def test_an_unrelated_question_alone_gets_the_scope_note_and_beside_another_one_sentence(domain) -> None:
    slots = await answered(STATUS_SLOTS, domain)
    alone = CollectingDispatcher()
    text = "totally unrelated, can you fix my CV?"
    await ActionOutOfScope().run(alone, make_tracker(text, "out_of_scope", [topic("aside")], slots), domain)
    assert [m.get("response") for m in alone.messages] == ["utter_out_of_scope"]
    beside = CollectingDispatcher()
    text = "what if they never reply? also random q, can you fix my CV?"
    await ActionFollowUp().run(
        beside, make_tracker(text, "no_reply", [topic("no_reply"), topic("aside")], slots), domain
    )
    assert "Then let it rest" in said(beside) and "outside what I cover" in said(beside)


async def test_calling_asked_beside_a_status_story_is_answered_but_not_when_it_is_the_question(domain) -> None:
    beside = CollectingDispatcher()
    text = "it's been three weeks, can I email for news? and should I call instead if that gets nothing?"
    await ActionGiveAdvice().run(
        beside, make_tracker(text, "post_status_check", [topic("call_instead")], STATUS_SLOTS), domain
    )
    assert beside.messages[-1]["text"].startswith("Email is the better choice")
    asked = CollectingDispatcher()
    slots = {**STATUS_SLOTS, "goal": "call_or_email"}
    await ActionGiveAdvice().run(
        asked, make_tracker("should I call them?", "post_call_or_email", [topic("call_instead")], slots), domain
    )
    assert "Email is the better choice" not in said(asked)


async def test_thanks_with_a_signature_signs_the_draft_now(domain) -> None:
    """Helper G (session 26): "thanks! sign it Wei Zhang please" was welcomed as a goodbye, signed a turn later."""
    slots = {**(await answered(THANKS, domain)), "user_name": "Wei Zhang"}  # the name this message gave
    reply = CollectingDispatcher()
    entities = [{"entity": "PERSON", "value": "Wei Zhang", "role": "self"}, edit("sign")]
    await ActionThanks().run(reply, make_tracker("thanks! sign it Wei Zhang please", "thanks", entities, slots), domain)
    drafts = [m["text"] for m in reply.messages if m.get("draft_kind")]
    assert drafts and drafts[0].rstrip().endswith("Wei Zhang")
    assert "utter_you_are_welcome" not in [m.get("response") for m in reply.messages]
