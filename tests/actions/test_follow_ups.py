"""After the first answer: follow-up questions are answered briefly, never with the verdict and bullets again."""

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import (
    ActionAcknowledge,
    ActionAnswerPushback,
    ActionDefaultAskAffirmation,
    ActionEditDraft,
    ActionExplainAdvice,
    ActionExtractSituation,
    ActionFollowUp,
    ActionGiveAdvice,
    ValidateSituationForm,
    next_steps,
)
from actions.engine.vocabulary import OWN_DRAFT
from tests.actions.conftest import STATUS_SLOTS, make_tracker

# The status-check story, told by email.
STATUS = {**STATUS_SLOTS, "channel": "email"}
# Interviewed on Thu 19 Nov, thank-you by email.
THANKS = {
    "branch": "post_interview",
    "goal": "thank_you",
    "interview_date": "2026-11-19",
    "channel": "email",
    "interviewer_name": "Ana Ruiz",
}


def topic(value: str) -> dict:
    """A `topic` entity as EntityRoles tags it."""
    return {"entity": "topic", "value": value, "extractor": "EntityRoles"}


async def answered(slots: dict, domain) -> dict:
    """The slots once the first answer for `slots` was given."""
    events = await ActionGiveAdvice().run(CollectingDispatcher(), make_tracker(slots=slots), domain)
    return {**slots, **{e["name"]: e["value"] for e in events}}


def said(dispatcher: CollectingDispatcher) -> str:
    """Everything the coach said, in one string."""
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


async def test_a_question_about_calling_keeps_the_goal_and_the_channel(domain) -> None:
    slots = await answered(STATUS, domain)
    message = make_tracker(
        "should I call instead?",
        "post_call_or_email",
        [{"entity": "channel", "value": "phone"}, topic("call_instead")],
        slots,
    )
    events = await ActionExtractSituation().run(CollectingDispatcher(), message, domain)
    assert not [e for e in events if e["name"] in ("goal", "channel", "branch")]


async def test_a_dated_correction_beside_a_topic_is_still_read(domain) -> None:
    slots = await answered(STATUS, domain)
    message = make_tracker(
        "actually it was on the 9th, should I call instead?",
        "post_call_or_email",
        [
            {
                "entity": "DATE",
                "value": "the 9th",
                "start": 20,
                "end": 27,
                "role": "interview",
                "additional_info": {"tense": "past", "interview_cue": True},  # as EntityRoles reads "it was on"
            },
            topic("call_instead"),
        ],
        slots,
    )
    events = await ActionExtractSituation().run(CollectingDispatcher(), message, domain)
    assert events == [SlotSet("interview_date", "2026-11-09")]  # the date is corrected, the goal stays


async def test_a_follow_up_topic_gets_its_answer_not_the_verdict_again(domain) -> None:
    slots = await answered(STATUS, domain)
    reply = CollectingDispatcher()
    await ActionGiveAdvice().run(
        reply, make_tracker("should I call instead?", "inform", [topic("call_instead")], slots), domain
    )
    text = said(reply)
    assert text.startswith("Email is the better choice")
    assert "How to go about it" not in text and "my answer is the same" not in text and "Based on" not in text
    assert reply.messages[-1]["buttons"]


async def test_a_question_the_coach_cannot_map_is_answered_honestly_with_next_steps(domain) -> None:
    slots = await answered(STATUS, domain)
    reply = CollectingDispatcher()
    await ActionGiveAdvice().run(
        reply, make_tracker("can i wear sneakers to the 2nd round?", "inform", slots=slots), domain
    )
    assert len(reply.messages) == 1
    assert reply.messages[0]["text"].startswith("I can't answer that one")
    assert "Yes —" not in reply.messages[0]["text"] and "my answer is the same" not in reply.messages[0]["text"]
    titles = [b["title"] for b in reply.messages[0]["buttons"]]
    assert "Why? Show the full advice" in titles and "Show the draft" in titles


async def test_a_statement_that_changes_nothing_gets_an_okay(domain) -> None:
    slots = await answered(STATUS, domain)
    reply = CollectingDispatcher()
    await ActionDefaultAskAffirmation().run(
        reply, make_tracker("it was with Dana", "nlu_fallback", slots=slots), domain
    )
    assert reply.messages[0]["text"].startswith("Okay — that doesn't change my advice")


def test_the_next_steps_offer_a_review_of_the_users_own_draft() -> None:
    """C49: after "Okay. If anything changes..." no button led to a review of the user's own draft."""
    tracker = make_tracker("nope, nothing like that", "deny", slots={"last_draft": None, "verdict": "wait"})
    payloads = [b["payload"] for b in next_steps(tracker)]
    assert "/review_draft" in payloads and "/draft_shorter" not in payloads


async def test_checking_what_they_understood_confirms_the_answer(domain) -> None:
    slots = await answered(STATUS, domain)
    reply = CollectingDispatcher()
    await ActionGiveAdvice().run(reply, make_tracker("so i can email her now, right?", "inform", slots=slots), domain)
    assert reply.messages[0]["text"].startswith("From everything you've told me: Yes")


async def test_a_topic_told_beside_the_first_story_is_left_to_the_answer_itself(domain) -> None:
    first = CollectingDispatcher()
    await ActionGiveAdvice().run(
        first, make_tracker("is it pushy to check in?", "post_status_check", [topic("pushy")], STATUS), domain
    )
    assert "Not if it's one short" not in said(first) and "How to go about it" in said(first)


async def test_what_to_say_gets_the_points_and_then_the_draft(domain) -> None:
    slots = await answered(THANKS, domain)
    reply = CollectingDispatcher()
    await ActionDefaultAskAffirmation().run(
        reply, make_tracker("what do i write in it", "nlu_fallback", [topic("what_to_say")], slots), domain
    )
    assert reply.messages[0]["text"].startswith("A few lines: thank them")
    assert reply.messages[1].get("draft_kind") == "thank_you_email" and "Dear Ana," in reply.messages[1]["text"]


async def test_pushback_with_a_reason_gets_the_topic_answer(domain) -> None:
    told = await answered({**STATUS, "told_not_to_contact": "yes"}, domain)
    reply = CollectingDispatcher()
    await ActionAnswerPushback().run(
        reply, make_tracker("but i really wanna", "pushback", [topic("anyway")], told), domain
    )
    assert reply.messages[0]["text"] == "That doesn't change my answer: hold off and let them come back to you."
    assert reply.messages[1]["text"].startswith("It's your call. If you do write, make it one short")


async def test_their_date_passing_after_a_request_not_to_check_in(domain) -> None:
    told = await answered({**STATUS, "told_not_to_contact": "yes"}, domain)
    reply = CollectingDispatcher()
    tracker = make_tracker("what do i do if the three weeks pass?", "no_reply", [topic("deadline_passed")], told)
    await ActionFollowUp().run(reply, tracker, domain)
    assert reply.messages[0]["text"].startswith("Their request not to check in still stands")
    assert "hear back" in reply.messages[0]["text"]  # it answers "what if she never gets back to me?"
    plain = CollectingDispatcher()
    await ActionFollowUp().run(plain, make_tracker("what if they don't reply?", "no_reply", slots=told), domain)
    assert plain.messages[0]["text"].startswith("Their request not to check in stands until their date")


async def test_what_if_they_dont_reply_fits_whether_a_follow_up_was_sent(domain) -> None:
    """Blind 27e-08: asked not to check in, nothing sent yet: 'what if nothing comes?' got 'one follow-up is enough'."""
    waiting = await answered({**STATUS, "decision_date": "2026-11-27"}, domain)  # a week past it is Fri 4 Dec
    reply = CollectingDispatcher()
    await ActionFollowUp().run(reply, make_tracker("and if they never answer?", "no_reply", slots=waiting), domain)
    assert reply.messages[0]["text"].startswith("Give it about a week past the date they gave you")
    chased = await answered({**STATUS, "followed_up": "yes"}, domain)
    again = CollectingDispatcher()
    await ActionFollowUp().run(again, make_tracker("and if they never answer?", "no_reply", slots=chased), domain)
    assert again.messages[0]["text"].startswith("Then let it rest: one follow-up is enough")


async def test_nerves_after_an_answer_get_a_human_line_and_no_request_for_the_story(domain) -> None:
    slots = await answered(THANKS, domain)
    after = CollectingDispatcher()
    await ActionFollowUp().run(after, make_tracker("ugh so nervous lol", "nerves", slots=slots), domain)
    assert after.messages[0]["text"].startswith("Completely normal") and after.messages[0]["buttons"]
    assert "Tell me where you stand" not in said(after)
    before = CollectingDispatcher()
    await ActionFollowUp().run(before, make_tracker("ugh so nervous lol", "nerves"), domain)
    assert before.messages[0]["response"] == "utter_nerves"


async def test_the_main_question_asked_again_gets_the_answer_confirmed_not_a_shrug(domain) -> None:
    slots = await answered(STATUS, domain)
    reply = CollectingDispatcher()
    tracker = make_tracker("ok so bottom line, should I reach out or not?", "inform", slots=slots)
    await ActionGiveAdvice().run(reply, tracker, domain)
    assert reply.messages[0]["text"].startswith("From everything you've told me: Yes")


async def test_a_question_for_the_draft_told_after_the_answer_gets_the_draft(domain) -> None:
    slots = await answered(STATUS, domain)
    reply = CollectingDispatcher()
    tracker = make_tracker("draft it? I want to ask whether the team uses Java", "inform", slots=slots)
    tracker.events.append({"event": "slot", "name": "own_question", "value": "whether the team uses Java"})
    tracker.slots["own_question"] = "whether the team uses Java"
    await ActionGiveAdvice().run(reply, tracker, domain)
    assert reply.messages[0].get("draft_kind") == "status_check_email"


async def test_what_to_say_when_the_company_is_off_limits_is_the_note_to_the_recruiter(domain) -> None:
    agency = {
        "branch": "staffing_agency",
        "goal": "contact_company",
        "invited_to_contact": "no",
        "recruiter_name": "Sam Whitfield",
        "interview_date": "2026-11-19",
    }
    slots = await answered(agency, domain)
    assert slots["verdict"] == "no" and slots["last_draft"] == "agency_checkin"
    reply = CollectingDispatcher()
    tracker = make_tracker("ok what do I say to Sam then", "nlu_fallback", [topic("what_to_say")], slots)
    await ActionDefaultAskAffirmation().run(reply, tracker, domain)
    assert not reply.messages[0]["text"].startswith("For now, nothing")
    assert reply.messages[1].get("draft_kind") == "agency_checkin" and "Sam" in reply.messages[1]["text"]


async def test_a_no_to_the_answers_own_question_about_an_invitation_goes_through_the_recruiter(domain) -> None:
    agency = {
        "branch": "staffing_agency",
        "goal": "contact_company",
        "recruiter_name": "Tom Becker",
        "interview_date": "2026-11-16",
    }
    slots = await answered(agency, domain)
    reply = CollectingDispatcher()
    events = await ActionAcknowledge().run(reply, make_tracker("nope, he never said that", "deny", slots=slots), domain)
    assert reply.messages[0]["text"].startswith("Then go through Tom Becker")
    assert SlotSet("invited_to_contact", "no") in events


async def test_a_follow_up_after_an_answer_asks_the_form_nothing(domain) -> None:
    slots = await answered({**STATUS, "decision_date": None}, domain)
    tracker = make_tracker("is it ok to send it on a sunday", "post_status_check", [topic("send_timing")], slots)
    assert await ValidateSituationForm().required_slots([], CollectingDispatcher(), tracker, domain) == []
    plain = make_tracker("is it ok to send it on a sunday", "post_status_check", slots=slots)
    assert await ValidateSituationForm().required_slots([], CollectingDispatcher(), plain, domain) != []


async def test_a_topic_taken_for_why_gets_its_answer_not_the_whole_advice(domain) -> None:
    slots = await answered({**STATUS, "followed_up": "yes"}, domain)
    reply = CollectingDispatcher()
    tracker = make_tracker("what else can i do then", "show_advice", [topic("keep_applying")], slots)
    await ActionExplainAdvice().run(reply, tracker, domain)
    assert reply.messages[0]["text"].startswith("Yes — keep searching") and len(reply.messages) == 1


async def test_a_side_question_told_with_the_story_is_answered_before_the_questions(domain) -> None:
    first = CollectingDispatcher()
    slots = {"branch": "post_interview", "goal": "status_check"}
    story = make_tracker(
        "the manager emailed asking for my references. how quickly should I answer her?",
        "post_status_check",
        [topic("requested_items"), topic("reply_speed")],
        slots,
        "situation_form",
    )
    await ValidateSituationForm().run(first, story, domain)
    assert [m["text"][:24] for m in first.messages] == ["Send what they asked for"]  # it says how fast too
    again = make_tracker(
        "the manager emailed asking for my references",
        "post_status_check",
        [topic("requested_items")],
        slots,
        "situation_form",
    )
    again.events.append({"event": "bot", "text": first.messages[0]["text"]})
    repeated = CollectingDispatcher()
    await ValidateSituationForm().run(repeated, again, domain)
    assert repeated.messages == []  # the form ran twice on one message: said once
    asking = CollectingDispatcher()
    waiting = {**slots, "requested_slot": "decision_date"}
    call = make_tracker(
        "should I call instead?", "post_call_or_email", [topic("call_instead")], waiting, "situation_form"
    )
    await ValidateSituationForm().run(asking, call, domain)
    assert asking.messages[0]["text"].startswith("Email is the better choice")
    told = CollectingDispatcher()
    story_call = make_tracker(
        "should I call them?", "post_call_or_email", [topic("call_instead")], slots, "situation_form"
    )
    await ValidateSituationForm().run(told, story_call, domain)
    assert told.messages == []  # with the story, calling is the main question: the answer says it


async def test_a_follow_up_question_taken_for_an_edit_gets_its_answer_and_a_real_edit_still_edits(domain) -> None:
    slots = await answered(STATUS, domain)
    reply = CollectingDispatcher()
    await ActionEditDraft().run(
        reply, make_tracker("can I ask about salary?", "edit_draft", [topic("salary")], slots), domain
    )
    assert reply.messages[0]["text"].startswith("Not in a thank-you or a check-in")
    shorter = CollectingDispatcher()
    await ActionEditDraft().run(shorter, make_tracker("shorter please", "draft_shorter", slots=slots), domain)
    assert any(m.get("draft_kind") for m in shorter.messages)


async def test_thanks_or_goodbye_inside_a_longer_message_closes_the_conversation(domain) -> None:
    slots = await answered(STATUS, domain)
    for text, response in (
        ("great but it went back to formal. whatever, this is fine. ty!!", "utter_you_are_welcome"),
        ("that's the same email. forget it, thanks anyway, bye", "utter_goodbye"),
    ):
        reply = CollectingDispatcher()
        await ActionDefaultAskAffirmation().run(reply, make_tracker(text, "nlu_fallback", slots=slots), domain)
        assert [m.get("response") for m in reply.messages] == [response]


async def test_thanks_with_a_question_is_no_goodbye(domain) -> None:
    slots = await answered(STATUS, domain)
    reply = CollectingDispatcher()
    text = "thanks, that's great. one more thing, what is the dress code there?"
    await ActionDefaultAskAffirmation().run(reply, make_tracker(text, "nlu_fallback", slots=slots), domain)
    assert not any(m.get("response") in ("utter_goodbye", "utter_you_are_welcome") for m in reply.messages)


async def test_a_change_to_the_draft_the_coach_cannot_make_is_said_so_with_what_it_can_change(domain) -> None:
    slots = {**await answered(STATUS, domain), "last_draft": "status_check_email"}
    reply = CollectingDispatcher()
    await ActionDefaultAskAffirmation().run(
        reply, make_tracker("it has to be addressed to the careers inbox, not her", "nlu_fallback", slots=slots), domain
    )
    assert len(reply.messages) == 1
    text = reply.messages[0]["text"]
    assert (
        text.startswith("That's a change I can't make to the draft myself") and "doesn't change my advice" not in text
    )
    titles = [b["title"] for b in reply.messages[0]["buttons"]]
    assert titles[:2] == ["Make it shorter", "Make it more formal"]


async def test_a_tone_question_about_the_draft_offers_the_rewordings(domain) -> None:
    slots = {**await answered(STATUS, domain), "last_draft": OWN_DRAFT}
    reply = CollectingDispatcher()
    await ActionFollowUp().run(reply, make_tracker("does it sound a bit cold?", "chitchat", slots=slots), domain)
    assert reply.messages[0]["text"].startswith("I can't weigh the tone") and "All good here" not in said(reply)


async def test_a_correction_read_as_small_talk_is_not_answered_with_a_pleasantry(domain) -> None:
    slots = {**await answered(STATUS, domain), "last_draft": "status_check_email"}
    reply = CollectingDispatcher()
    await ActionFollowUp().run(reply, make_tracker("you typed the wrong surname", "chitchat", slots=slots), domain)
    assert "All good here" not in said(reply) and said(reply).startswith("That's a change I can't make")


async def test_small_talk_after_the_answer_still_gets_the_pleasantry(domain) -> None:
    slots = await answered(STATUS, domain)
    reply = CollectingDispatcher()
    await ActionFollowUp().run(reply, make_tracker("how's your day been?", "chitchat", slots=slots), domain)
    assert said(reply).startswith("All good here")


async def test_asking_what_the_coach_meant_gets_the_answer_again_with_the_date(domain) -> None:
    slots = await answered(STATUS, domain)
    reply = CollectingDispatcher()
    await ActionDefaultAskAffirmation().run(
        reply, make_tracker("sorry, which day?", "nlu_fallback", slots=slots), domain
    )
    text = reply.messages[0]["text"]
    assert text.startswith("To put it plainly (today is ") and len(text) > len(
        "To put it plainly (today is Mon 1 Jan): "
    )
    assert "I can't answer that one" not in said(reply) and "Based on" not in said(reply)
