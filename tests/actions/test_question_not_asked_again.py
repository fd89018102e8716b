"""The form never asks the same question a third time, nor over a request to write the message.

Rasa sends the action server only the current turn's events, so the count of questions lives in the slot
`times_asked` ("decision_date:2"), which the form's validation keeps.
"""

from rasa_sdk.events import SlotSet

from actions.actions import ActionExtractSituation, ValidateSituationForm
from actions.engine.vocabulary import UNKNOWN
from tests.actions.conftest import make_tracker

# Told the story of a final round on 16 November; the form asked when they would decide.
WAITING = {
    "branch": "post_interview",
    "goal": "status_check",
    "interview_date": "2026-11-16",
    "told_not_to_contact": "no",
    "requested_slot": "decision_date",
}


def waiting(times: int) -> dict:
    """The slots of a form that has asked for the decision date so many times in a row."""
    return {**WAITING, "times_asked": f"decision_date:{times}"}


async def test_a_request_to_write_under_the_question_goes_on_without_it(dispatcher, domain) -> None:
    text = "just write the email to whoever you think is best"
    tracker = make_tracker(text, "ask_draft", slots=waiting(1), active_loop="situation_form")
    events = await ValidateSituationForm().run(dispatcher, tracker, domain)
    assert SlotSet("decision_date", UNKNOWN) in events
    assert SlotSet("requested_slot", None) in events  # nothing left to ask: the form ends and the advice follows
    assert SlotSet("times_asked", None) in events


async def test_a_first_unrelated_reply_gets_the_question_once_more_and_counts_it(dispatcher, domain) -> None:
    tracker = make_tracker("hmm", "inform", slots=waiting(1), active_loop="situation_form")
    events = await ValidateSituationForm().run(dispatcher, tracker, domain)
    assert SlotSet("decision_date", UNKNOWN) not in events
    assert SlotSet("requested_slot", "decision_date") in events
    assert SlotSet("times_asked", "decision_date:2") in events


async def test_a_third_reply_that_leaves_it_open_skips_the_question(dispatcher, domain) -> None:
    tracker = make_tracker("i mean it was a long process", "inform", slots=waiting(2), active_loop="situation_form")
    events = await ValidateSituationForm().run(dispatcher, tracker, domain)
    assert SlotSet("decision_date", UNKNOWN) in events
    assert SlotSet("requested_slot", "decision_date") not in events


async def test_the_first_question_is_counted_once(dispatcher, domain) -> None:
    first = {key: value for key, value in WAITING.items() if key != "requested_slot"}
    tracker = make_tracker("had my final round on the 16th, can i chase them?", "post_status_check", slots=first)
    events = await ValidateSituationForm().run(dispatcher, tracker, domain)
    assert SlotSet("requested_slot", "decision_date") in events
    assert SlotSet("times_asked", "decision_date:1") in events


async def test_an_answer_is_kept_not_skipped(dispatcher, domain) -> None:
    answered = {**waiting(1), "decision_date": "2026-12-04"}
    tracker = make_tracker("write it", "ask_draft", slots=answered, active_loop="situation_form")
    events = await ValidateSituationForm().run(dispatcher, tracker, domain)
    assert SlotSet("decision_date", UNKNOWN) not in events


async def test_a_goodbye_under_the_question_is_left_to_the_forms_rules(dispatcher, domain) -> None:
    tracker = make_tracker("ok bye", "goodbye", slots=waiting(2), active_loop="situation_form")
    assert await ValidateSituationForm().run(dispatcher, tracker, domain) == []  # Rasa then runs the goodbye rule


async def test_the_form_resumed_after_a_rules_answer_asks_again(dispatcher, domain) -> None:
    tracker = make_tracker("help", "help", slots=waiting(1), active_loop="situation_form")
    tracker.events.append({"event": "bot", "text": "I can tell you whether and when to reach out..."})
    events = await ValidateSituationForm().run(dispatcher, tracker, domain)
    assert SlotSet("requested_slot", "decision_date") in events


async def test_a_goodbye_after_two_questions_does_not_skip_to_the_next_one(dispatcher, domain) -> None:
    tracker = make_tracker("ok bye then", "goodbye", slots=waiting(2), active_loop="situation_form")
    events = await ActionExtractSituation().run(dispatcher, tracker, domain)
    assert SlotSet("decision_date", UNKNOWN) not in events
