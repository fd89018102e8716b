"""Every question of a first message gets its answer, also when the form asks a question before the advice."""

from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionGiveAdvice, ValidateSituationForm
from tests.actions.conftest import STATUS_SLOTS, make_tracker
from tests.actions.test_follow_ups import THANKS, said, topic

PUSHY = "Not if it's one short, polite message with a clear reason"
NO_REPLY = "Then let it rest: one follow-up is enough"


def slot_events(events: list) -> dict:
    """The slots a list of events sets."""
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


async def test_questions_told_before_the_forms_question_wait_in_a_slot(domain) -> None:
    slots = {key: value for key, value in STATUS_SLOTS.items() if key != "decision_date"}
    text = "can i email her for an update? and what if they dont reply? is it pushy?"
    tracker = make_tracker(text, "post_status_check", [topic("no_reply"), topic("pushy")], slots, "situation_form")
    events = await ValidateSituationForm().run(CollectingDispatcher(), tracker, domain)
    assert slot_events(events)["asked_topics"] == ["no_reply", "pushy"]


async def test_the_advice_after_the_forms_question_answers_the_waiting_questions(domain) -> None:
    slots = {**STATUS_SLOTS, "asked_topics": ["no_reply", "pushy"]}
    reply = CollectingDispatcher()
    events = await ActionGiveAdvice().run(reply, make_tracker("nope they never said", "deny", [], slots), domain)
    text = said(reply)
    assert NO_REPLY in text and PUSHY in text
    assert text.index(NO_REPLY) < text.index(PUSHY)  # in the order they were asked
    assert slot_events(events)["asked_topics"] is None  # answered once


async def test_a_side_question_answered_before_the_forms_question_does_not_wait(domain) -> None:
    slots = {key: value for key, value in STATUS_SLOTS.items() if key != "decision_date"}
    text = "should i follow up? also is it ok to mention salary? what subject should I use?"
    topics = [topic("salary"), topic("subject_line")]
    tracker = make_tracker(text, "post_status_check", topics, slots, "situation_form")
    reply = CollectingDispatcher()
    events = await ValidateSituationForm().run(reply, tracker, domain)
    assert "Short and plain" in said(reply)  # the subject line needs no verdict: answered at once
    assert slot_events(events)["asked_topics"] == ["salary"]  # pay waits for the answer about the thank-you


async def test_texting_and_pay_asked_with_a_full_story_are_answered_with_the_advice(domain) -> None:
    reply = CollectingDispatcher()
    text = "can I email Dana now? could i just text her instead? and can I ask about the salary?"
    tracker = make_tracker(text, "post_status_check", [topic("text_message"), topic("salary")], STATUS_SLOTS)
    await ActionGiveAdvice().run(reply, tracker, domain)
    assert "The articles don't cover texting" in said(reply)
    assert "Not in a thank-you or a check-in" in said(reply)


async def test_copying_someone_never_names_the_reader_of_the_note(domain) -> None:
    slots = {**THANKS, "interviewer_name": "Mark", "recruiter_name": "Jess"}
    mark = {"entity": "PERSON", "value": "Mark", "role": "interviewer", "start": 30, "end": 34}
    reply = CollectingDispatcher()
    text = "had my interview yesterday with Mark, should i thank him? do i cc the recruiter?"
    await ActionGiveAdvice().run(reply, make_tracker(text, "post_thank_you", [mark, topic("cc")], slots), domain)
    assert "Copy Mark" not in said(reply)
    assert "You can copy Jess if they arranged the interview" in said(reply)


async def test_a_question_the_verdict_answers_does_not_silence_the_one_it_outranks(domain) -> None:
    slots = {"branch": "pre_interview", "goal": "linkedin_intro", "interview_date": "2026-11-24", "channel": "linkedin"}
    reply = CollectingDispatcher()
    text = "interview tuesday with Sam. is it weird to connect on linkedin before?"
    tracker = make_tracker(text, "pre_linkedin_message", [topic("pushy"), topic("linkedin_too")], slots)
    await ActionGiveAdvice().run(reply, tracker, domain)
    assert reply.messages[-1]["text"].startswith("Not on the day I suggested — that's normal timing.")


async def test_one_email_about_two_roles_through_an_agency(domain) -> None:
    slots = {"branch": "staffing_agency", "goal": "status_check", "agency_name": "Hays", "recruiter_name": "Kate"}
    slots.update({"interview_date": "2026-11-12", "decision_date": "none_given"})
    reply = CollectingDispatcher()
    text = "Kate put me forward for two roles at Bright Corp, can you write one email to her about both?"
    tracker = make_tracker(text, "agency_status", [topic("two_roles")], slots)
    await ActionGiveAdvice().run(reply, tracker, domain)
    assert "One email to Kate covering both is right: name each role" in said(reply)
