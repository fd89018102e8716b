"""The side questions and situations blind testers found unanswered get a direct answer (late, ill, offer, nerves)."""

from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionExtractSituation, ActionGiveAdvice, ActionWelcomeInForm, ValidateSituationForm
from tests.actions.conftest import STATUS_SLOTS, make_tracker
from tests.actions.test_follow_ups import THANKS, answered, said, topic

PRE = {
    "branch": "pre_interview",
    "goal": "linkedin_intro",
    "interview_date": "2026-11-27",
    "told_not_to_contact": "no",
    "interviewer_name": "Nadia Brook",
}
PERSON = {"entity": "PERSON", "value": "Nadia", "start": 13, "end": 18}


async def test_running_late_on_the_day_asks_nothing_and_says_to_phone_now(domain) -> None:
    text = "interview at 11 today with Nadia at Brightwell and my bus is stuck, I'll be late. call or email?"
    tracker = make_tracker(text, "post_call_or_email", [topic("running_late")], {"branch": "post_interview"})
    assert await ValidateSituationForm().required_slots([], CollectingDispatcher(), tracker, domain) == []
    reply = CollectingDispatcher()
    events = await ActionGiveAdvice().run(reply, tracker, domain)
    assert said(reply).startswith("Phone them now")
    assert "decide" not in said(reply) and "Not yet" not in said(reply)  # no status verdict for a late arrival
    assert not any(e["name"] in ("advised", "verdict", "last_draft") for e in events)  # nothing advised to return to


async def test_ill_and_asking_what_to_say_gets_a_reschedule_wording_not_an_intro_note(domain) -> None:
    slots = await answered(PRE, domain)
    reply = CollectingDispatcher()
    text = "if I'm still sick, can I ask Nadia to move it? what do I say?"
    tracker = make_tracker(text, "inform", [PERSON, topic("reschedule"), topic("what_to_say")], slots)
    await ActionGiveAdvice().run(reply, tracker, domain)
    drafts = [m for m in reply.messages if m.get("draft_kind")]
    assert [m["draft_kind"] for m in drafts] == ["reschedule_message"]  # no pre-interview note beside it
    assert (
        "Dear Nadia," in drafts[0]["text"]
        and "won't be able to make our interview on Friday 27 November" in (drafts[0]["text"])
    )
    assert "could we find another time?" in drafts[0]["text"]


async def test_another_offer_after_the_answer_is_answered_not_replaced_by_the_verdict(domain) -> None:
    slots = await answered({**STATUS_SLOTS, "decision_date": "2026-12-04"}, domain)
    reply = CollectingDispatcher()
    text = "and if a different company makes me an offer before then, can I tell Dana?"
    await ActionGiveAdvice().run(reply, make_tracker(text, "inform", [topic("other_offer")], slots), domain)
    assert said(reply).startswith("Yes, if it has a deadline")


async def test_connecting_on_linkedin_asked_with_the_story_is_answered_beside_the_thank_you(domain) -> None:
    reply = CollectingDispatcher()
    text = "interviewed with Ana on the 19th, is a thank-you still ok? and is adding her on linkedin weird?"
    await ActionGiveAdvice().run(reply, make_tracker(text, "post_thank_you", [topic("linkedin_too")], THANKS), domain)
    assert "You can connect, but one message is enough" in said(reply)


async def test_nerves_about_the_interview_get_preparation_tips_not_a_word_about_the_message(domain) -> None:
    reply = CollectingDispatcher()
    slots = {"branch": "pre_interview", "requested_slot": "interview_date"}
    text = "honestly the interview itself scares me, any tips for calming my nerves?"
    tracker = make_tracker(text, "nerves", [topic("interview_nerves")], slots, active_loop="situation_form")
    await ValidateSituationForm().run(reply, tracker, domain)
    assert "read the job description again" in said(reply)
    assert "Asking before you send" not in said(reply)


async def test_a_late_thank_you_with_a_status_question_can_be_one_email(domain) -> None:
    reply = CollectingDispatcher()
    text = "I never thanked Ana after the 19th. can I fold the thanks and a status question into one email?"
    await ActionGiveAdvice().run(reply, make_tracker(text, "post_thank_you", [topic("combine")], THANKS), domain)
    assert "one email can do both" in said(reply)


async def test_asking_about_linkedin_as_well_does_not_make_linkedin_the_channel(domain) -> None:
    text = "never thanked Ana after Thursday's interview. ok to send it now? and add her on linkedin too?"
    entities = [topic("linkedin_too"), {"entity": "channel", "value": "linkedin", "start": 80, "end": 88}]
    events = await ActionExtractSituation().run(
        CollectingDispatcher(), make_tracker(text, "post_thank_you", entities), domain
    )
    assert "channel" not in {e["name"] for e in events}


async def test_their_own_date_passed_after_a_no_contact_request_names_the_day_one_note_is_fair(domain) -> None:
    slots = await answered({**STATUS_SLOTS, "told_not_to_contact": "yes", "decision_date": "2026-11-20"}, domain)
    reply = CollectingDispatcher()
    text = "but the date they promised came and went two days ago, doesn't that matter?"
    await ActionGiveAdvice().run(reply, make_tracker(text, "inform", [topic("deadline_passed")], slots), domain)
    assert said(reply).startswith("It changes things a little")
    assert "Fri 27 Nov" in said(reply)


async def test_adding_them_on_linkedin_before_the_interview_stays_the_question_and_its_channel(domain) -> None:
    text = "interview on friday with Ana, would it be odd to add her on linkedin beforehand?"
    entities = [topic("linkedin_too"), {"entity": "channel", "value": "linkedin", "start": 55, "end": 63}]
    slots = {"branch": "pre_interview", "goal": "linkedin_intro"}
    events = await ActionExtractSituation().run(
        CollectingDispatcher(), make_tracker(text, "pre_linkedin_message", entities, slots), domain
    )
    assert any(e.get("name") == "channel" and e.get("value") == "linkedin" for e in events)
    reply = CollectingDispatcher()
    tracker = make_tracker(text, "pre_linkedin_message", entities, {**PRE, "interview_date": "2026-11-27"})
    await ActionGiveAdvice().run(reply, tracker, domain)
    assert "Not as well" not in said(reply)


async def test_no_date_given_and_asked_not_to_chase_never_hearing_back_is_no_promised_date(domain) -> None:
    slots = await answered({**STATUS_SLOTS, "told_not_to_contact": "yes"}, domain)
    reply = CollectingDispatcher()
    text = "and if weeks pass and he never replies?"
    await ActionGiveAdvice().run(reply, make_tracker(text, "inform", [topic("deadline_passed")], slots), domain)
    assert "promised news by" not in said(reply)


async def test_a_pay_question_after_the_review_of_own_draft_is_answered_before_the_next_question(domain) -> None:
    reply = CollectingDispatcher()
    slots = {"branch": "pre_interview", "last_draft": "own_draft"}
    text = "thanks. is asking a senior VP about commission before we meet a mistake?"
    tracker = make_tracker(text, "pre_ask_preparation", [topic("salary")], slots, active_loop="situation_form")
    await ValidateSituationForm().run(reply, tracker, domain)
    assert said(reply).startswith("Not before the interview")


async def test_thank_her_while_the_questions_run_is_no_thanks_to_the_coach(domain) -> None:
    goal = {"entity": "goal", "value": "thank_you", "start": 0, "end": 5}
    asking = {"branch": "post_interview", "requested_slot": "interview_date"}
    reply = CollectingDispatcher()
    await ActionWelcomeInForm().run(reply, make_tracker("thank her", "thanks", [goal], asking), domain)
    assert reply.messages == []
    events = await ActionExtractSituation().run(
        CollectingDispatcher(), make_tracker("thank her", "thanks", [goal], asking), domain
    )
    assert any(e.get("name") == "goal" and e.get("value") == "thank_you" for e in events)
    reply = CollectingDispatcher()
    await ActionWelcomeInForm().run(reply, make_tracker("cheers, that helps", "thanks", [], asking), domain)
    assert reply.messages[0]["response"] == "utter_welcome_in_form"
