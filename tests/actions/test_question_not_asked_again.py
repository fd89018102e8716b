"""The form never asks the same question a third time, nor over a request to write the message."""

from typing import Any, Dict, List

from rasa_sdk.events import SlotSet

from actions.actions import ValidateSituationForm
from actions.engine.vocabulary import UNKNOWN
from tests.actions.conftest import MESSAGE_TIME, make_tracker

# Told the story of a final round on 25 November; the form asked when they would decide.
WAITING = {
    "branch": "post_interview",
    "goal": "status_check",
    "interview_date": "2026-11-16",
    "told_not_to_contact": "no",
    "requested_slot": "decision_date",
}


def asked(times: int, slot: str = "decision_date") -> List[Dict[str, Any]]:
    """The events of a form that asked for this slot so many times in a row, each followed by a reply."""
    events: List[Dict[str, Any]] = []
    for i in range(times):
        at = MESSAGE_TIME - 100 + 10 * i
        events.append(
            {"event": "bot", "text": "question", "timestamp": at, "metadata": {"utter_action": f"utter_ask_{slot}"}}
        )
        if i < times - 1:
            events.append({"event": "user", "text": "something else", "timestamp": at + 1, "parse_data": {}})
    return events


async def test_a_request_to_write_under_the_question_goes_on_without_it(dispatcher, domain) -> None:
    tracker = make_tracker(
        "just write the email to whoever you think is best",
        "ask_draft",
        slots=dict(WAITING),
        active_loop="situation_form",
        earlier=asked(1),
    )
    events = await ValidateSituationForm().run(dispatcher, tracker, domain)
    assert SlotSet("decision_date", UNKNOWN) in events
    assert SlotSet("requested_slot", None) in events  # nothing left to ask: the form ends and the advice follows


async def test_a_first_unrelated_reply_gets_the_question_once_more(dispatcher, domain) -> None:
    tracker = make_tracker("hmm", "inform", slots=dict(WAITING), active_loop="situation_form", earlier=asked(1))
    events = await ValidateSituationForm().run(dispatcher, tracker, domain)
    assert SlotSet("decision_date", UNKNOWN) not in events
    assert SlotSet("requested_slot", "decision_date") in events


async def test_a_third_reply_that_leaves_it_open_skips_the_question(dispatcher, domain) -> None:
    tracker = make_tracker(
        "i mean it was a long process", "inform", slots=dict(WAITING), active_loop="situation_form", earlier=asked(2)
    )
    events = await ValidateSituationForm().run(dispatcher, tracker, domain)
    assert SlotSet("decision_date", UNKNOWN) in events
    assert SlotSet("requested_slot", "decision_date") not in events


async def test_an_answer_is_kept_not_skipped(dispatcher, domain) -> None:
    answered = {**WAITING, "decision_date": "2026-12-04"}
    tracker = make_tracker("write it", "ask_draft", slots=answered, active_loop="situation_form", earlier=asked(1))
    events = await ValidateSituationForm().run(dispatcher, tracker, domain)
    assert SlotSet("decision_date", UNKNOWN) not in events
