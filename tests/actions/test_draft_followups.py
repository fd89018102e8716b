"""Changes typed after a draft (h26-A): each changes the draft last shown, says what changed, and a tone reaches
the whole draft; "fix those" after a review revises the user's own draft; a reschedule or late message is filled in."""

from typing import Any, Dict

from rasa_sdk.events import SlotSet

from actions.actions import ActionAcknowledge, ActionGiveAdvice, ActionShowDraft
from tests.actions.conftest import draft_of, make_tracker
from tests.actions.test_edits import THANKS_SLOTS, answered, edit, run_edit
from tests.actions.test_follow_ups import said, topic


async def test_warmer_changes_the_body_and_sign_off_not_only_the_greeting(dispatcher, domain) -> None:
    events = await run_edit(
        dispatcher, domain, "could it sound a bit more upbeat", "edit_draft", edit("warmer"), THANKS_SLOTS
    )
    note, text = dispatcher.messages[0]["text"], draft_of(dispatcher)
    assert note.startswith("Warmer:") and "all the way through" in note
    assert text.split("\n\n")[1] == "Hi Daniel,"
    assert "Thank you so much for taking the time" in text and "Please don't hesitate" in text  # the body too
    assert text.endswith("Warm regards,\nLena Brooks") and "Northwind" in text  # the sign-off; the facts kept
    assert SlotSet("draft_edits", ["warmer:"]) in events


async def test_less_formal_changes_body_sentences_and_then_a_line_can_still_go(dispatcher, domain) -> None:
    await run_edit(dispatcher, domain, "loosen it up a bit", "edit_draft", edit("casual"), THANKS_SLOTS)
    text = draft_of(dispatcher)
    assert "Thanks for taking the time to talk with me" in text and "Just let me know if I can send" in text
    assert "Our conversation made me" not in text and text.endswith("Best,\nLena Brooks")


async def test_more_formal_after_less_formal_is_the_usual_wording_again(dispatcher, domain) -> None:
    slots = {**THANKS_SLOTS, "draft_edits": ["casual:"]}
    await run_edit(dispatcher, domain, "hmm more formal again", "edit_draft", edit("formal"), slots)
    text = draft_of(dispatcher)
    assert "Dear Daniel," in text and "Thank you for taking the time to speak with me" in text
    assert "Just let me know" not in text


async def test_reword_the_first_line_rewords_it_and_says_so(dispatcher, domain) -> None:
    events = await run_edit(
        dispatcher,
        domain,
        "the opening sounds clunky, reword it",
        "edit_draft",
        edit("reword", 0, "opening"),
        THANKS_SLOTS,
    )
    note, text = dispatcher.messages[0]["text"], draft_of(dispatcher)
    assert note.startswith("Reworded:") and "I really appreciated you taking the time to talk with me" in text
    assert "Thank you for taking the time" not in text and "Monday 2 November" in text  # the day is kept
    assert SlotSet("draft_edits", ["reword:opening"]) in events


async def test_reword_a_line_named_by_its_topic_keeps_the_other_lines(dispatcher, domain) -> None:
    words = "bit about my experience"
    slots = {**THANKS_SLOTS, "strength": "stock control"}  # the line on experience is there when one was named
    await run_edit(dispatcher, domain, f"reword the {words}", "edit_draft", edit("reword", 0, words), slots)
    text = draft_of(dispatcher)
    assert "I'm confident my background in stock control" in text and "Thank you for taking the time" in text


async def test_a_swap_typed_without_quotes_changes_the_word(dispatcher, domain) -> None:
    swap = edit("replace", 0, "keener") + [
        {"entity": "edit_text", "value": "more excited", "role": "with", "start": 20}
    ]
    await run_edit(dispatcher, domain, "change keener to more excited", "edit_draft", swap, THANKS_SLOTS)
    assert "even more excited to join the team" in draft_of(dispatcher)


async def test_the_changes_stay_when_the_draft_is_shown_again(dispatcher, domain) -> None:
    slots = answered({**THANKS_SLOTS, "draft_edits": ["warmer:", "reword:opening"]})
    await ActionShowDraft().run(dispatcher, make_tracker("show me the draft again", "ask_draft", slots=slots), domain)
    text = draft_of(dispatcher)
    assert "I hope your week is off to a good start." in text and "Thank you so much for taking" in text
    assert text.endswith("Warm regards,\nLena Brooks")


ANGRY = "Hey rachel, thanks for the interview!! what is the salary range? I need an answer by friday. thx, Leo"
REVIEWED: Dict[str, Any] = {
    "branch": "post_interview",
    "goal": "thank_you",
    "interviewer_name": "Rachel Kim",
    "company": "Dovetail Labs",
    "role": "UX designer",
    "interview_date": "2026-11-26",
    "reviewed_draft": ANGRY,
    "last_draft": "own_draft",
}


async def test_go_ahead_and_fix_it_after_a_review_revises_the_users_own_draft(dispatcher, domain) -> None:
    tracker = make_tracker("sounds good, go ahead and fix it", "affirm", entities=edit("rewrite"), slots=REVIEWED)
    events = await ActionAcknowledge().run(dispatcher, tracker, domain)
    text = draft_of(dispatcher)
    assert text.startswith("Subject:") and "Hi Rachel," in text and text.endswith("Leo")  # their greeting and name
    assert "thanks for the interview" in text.lower() and "salary" not in text and "by friday" not in text
    assert SlotSet("last_draft", "own_draft") in events


async def test_yes_please_after_a_review_shows_the_revised_own_draft(dispatcher, domain) -> None:
    await ActionAcknowledge().run(dispatcher, make_tracker("yes please", "affirm", slots=REVIEWED), domain)
    assert "Hi Rachel," in draft_of(dispatcher) and "salary" not in draft_of(dispatcher)


async def test_a_template_instead_after_a_review_is_the_coachs_draft(dispatcher, domain) -> None:
    tracker = make_tracker("can I see a template instead", "ask_draft", entities=edit("fresh"), slots=REVIEWED)
    await ActionShowDraft().run(dispatcher, tracker, domain)
    text = draft_of(dispatcher)
    assert "Dear Rachel," in text and "Thank you for taking the time to speak with me" in text and "Leo" not in text


PRE: Dict[str, Any] = {
    "branch": "pre_interview",
    "goal": "should_contact",
    "interview_date": "2026-12-03",
    "interview_time": "14:00",
    "interviewer_name": "Marcus Webb",
    "company": "Tri-State Electric",
    "role": "apprentice electrician",
    "told_not_to_contact": "no",
}


async def test_asking_to_reschedule_gets_a_message_with_the_names_day_and_time(dispatcher, domain) -> None:
    slots = answered(PRE)
    text = "my son has surgery that morning, how do I ask Marcus to move it?"
    events = await ActionGiveAdvice().run(
        dispatcher, make_tracker(text, "inform", [topic("reschedule")], slots), domain
    )
    message = next(m for m in dispatcher.messages if m.get("draft_kind"))
    assert message["draft_kind"] == "reschedule_message" and "Dear Marcus," in message["text"]
    assert "our interview on Thursday 3 December at 2 pm" in message["text"]
    assert "Tri-State Electric" in message["text"] and "could we find another time?" in message["text"]
    assert SlotSet("last_draft", "reschedule_message") in events


async def test_running_late_gets_a_short_note_to_read_or_text_now(dispatcher, domain) -> None:
    text = "interview at 2 today with Marcus at Tri-State Electric and my train is stuck, I'll be late"
    slots = {**PRE, "interview_date": "2026-12-01"}
    tracker = make_tracker(text, "inform", [topic("running_late")], slots)
    events = await ActionGiveAdvice().run(dispatcher, tracker, domain)
    note = dispatcher.messages[1]["text"]  # what to say on the phone: a script after the answer, not a draft to keep
    assert said(dispatcher).startswith("Phone them now") and not any(m.get("draft_kind") for m in dispatcher.messages)
    assert note.startswith("Hi Marcus,") and "our interview at 2 pm" in note
    assert "Subject:" not in note and "late" in note
    assert not any(e["name"] in ("advised", "verdict", "last_draft") for e in events)  # nothing advised to return to


async def test_a_reschedule_message_can_be_made_warmer(dispatcher, domain) -> None:
    slots = {**PRE, "last_draft": "reschedule_message"}
    await run_edit(dispatcher, domain, "a bit warmer pls", "edit_draft", edit("warmer"), slots)
    text = draft_of(dispatcher)
    assert text.split("\n\n")[1] == "Hi Marcus," and text.endswith("Warm regards,\n[Your name]")


async def test_a_first_message_asking_to_move_the_interview_gets_that_message_not_a_confirmation(
    dispatcher, domain
) -> None:
    text = "need to move my interview with Marcus on thursday at 2, my son has surgery. how do I ask?"
    slots = {k: v for k, v in PRE.items() if k != "goal"}
    tracker = make_tracker(text, "pre_confirm_logistics", [topic("reschedule")], slots)
    events = await ActionGiveAdvice().run(dispatcher, tracker, domain)
    kinds = [m["draft_kind"] for m in dispatcher.messages if m.get("draft_kind")]
    assert kinds == ["reschedule_message"] and "could we find another time?" in draft_of(dispatcher)
    assert SlotSet("last_draft", "reschedule_message") in events and any(e["name"] == "advised" for e in events)


async def test_running_late_taken_for_out_of_scope_still_fills_the_note_with_what_was_said(dispatcher, domain) -> None:
    from actions.actions import ActionOutOfScope

    text = "the bus broke down and I'm going to be like 20 minutes late for my interview with Dr. Patel at 11 today"
    entities = [
        topic("running_late"),
        {"entity": "PERSON", "value": "Dr. Patel", "role": "interviewer", "start": 82, "end": 91},
    ]
    entities.append({"entity": "TIME", "value": "11", "start": 95, "end": 97})
    events = await ActionOutOfScope().run(dispatcher, make_tracker(text, "out_of_scope", entities, {}), domain)
    note = dispatcher.messages[1]["text"]
    assert note.startswith("Hi Dr. Patel,") and "late" in note and said(dispatcher).startswith("Phone them now")
    assert any(e["name"] == "interviewer_name" for e in events)
