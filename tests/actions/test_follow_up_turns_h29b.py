"""Turns after the first answer: a draft asked for under "not yet", corrections that only touch the draft, and
follow-up questions answered with the day the verdict gave (helper B, session 29)."""

from datetime import date

import pytest
from rasa.shared.nlu.training_data.message import Message
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionGiveAdvice, ActionShowDraft
from actions.engine.advice import FOR_THAT_DAY
from actions.engine.situation import Situation
from actions.engine.topics import answer_topic, topic_days
from nlu_components.entity_roles import EntityRoles
from nlu_components.message_cues import MessageCues
from tests.actions.conftest import make_tracker

# Interviewed Mon 16 Nov, decision promised by Fri 20 Nov; on Sun 22 Nov (the trackers' day) it is "not yet,
# write on Fri 27 Nov".
WAITING = {
    "branch": "post_interview",
    "goal": "status_check",
    "interview_date": "2026-11-16",
    "decision_date": "2026-11-20",
    "interviewer_name": "Marco Bellini",
    "company": "Tessaro Foods",
}
# Interviewed Thu 19 Nov, thank-you by email.
THANKS = {
    "branch": "post_interview",
    "goal": "thank_you",
    "interview_date": "2026-11-19",
    "interviewer_name": "Sandra Lopez",
    "company": "Brightwave",
}


def texts(dispatcher: CollectingDispatcher) -> list:
    """The texts the coach sent, in order."""
    return [m.get("text") or "" for m in dispatcher.messages]


def drafts(dispatcher: CollectingDispatcher) -> list:
    """The drafts among the messages sent (each starts with its subject line)."""
    return [t for t in texts(dispatcher) if t.startswith("Subject:")]


async def answered(slots: dict, domain, text: str = "", intent: str = "post_status_check") -> dict:
    """The slots once the first answer for `slots` was given."""
    events = await ActionGiveAdvice().run(CollectingDispatcher(), make_tracker(text, intent, [], slots), domain)
    return {**slots, **{e["name"]: e["value"] for e in events}}


def cue_kinds(text: str) -> set:
    """The reply cues MessageCues reads in a message."""
    message = Message.build(text)
    message.set("entities", [])
    MessageCues({}).process([message])
    return {e["value"] for e in message.get("cues") if e["entity"] == "reply_cue"}


async def test_a_story_that_asks_for_the_draft_under_not_yet_gets_it_for_the_day(domain) -> None:
    """suite_h28B B02: "can you write the follow up" with a "not yet" got the verdict and no draft."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        "he said a week and nothing since, can you write the follow up", "post_status_check", [], WAITING
    )
    events = await ActionGiveAdvice().run(dispatcher, tracker, domain)
    said = texts(dispatcher)
    assert said[0].startswith("Not yet") and "Fri 27 Nov" in said[0]
    assert FOR_THAT_DAY in said and len(drafts(dispatcher)) == 1
    assert said.index(FOR_THAT_DAY) == said.index(drafts(dispatcher)[0]) - 1
    assert {"event": "slot", "name": "draft_shown", "value": True} in [
        {k: e[k] for k in ("event", "name", "value")} for e in events
    ]


async def test_the_same_story_without_asking_for_a_draft_keeps_it_behind_its_button(domain) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("he said a week and nothing since, should i email him?", "post_status_check", [], WAITING)
    await ActionGiveAdvice().run(dispatcher, tracker, domain)
    assert not drafts(dispatcher) and FOR_THAT_DAY not in texts(dispatcher)


async def test_a_draft_asked_for_later_under_not_yet_says_it_is_for_that_day(domain) -> None:
    """'ok but can you write it so i have it ready' after "not yet": the draft, never as if to send it now."""
    slots = await answered(WAITING, domain, "should i email him?")
    dispatcher = CollectingDispatcher()
    await ActionShowDraft().run(
        dispatcher, make_tracker("can you write it so i have it ready", "ask_draft", [], slots), domain
    )
    said = texts(dispatcher)
    assert said[0] == FOR_THAT_DAY and said[1].startswith("Subject:") and "Dear Marco," in said[1]


async def test_a_name_corrected_under_a_draft_shows_the_draft_again_without_the_verdict(domain) -> None:
    """'sorry, it was Sarah not Sandra': the draft with Sarah, one line saying the advice stands, no verdict again."""
    slots = await answered(THANKS, domain, "can you write a thank you", "post_thank_you")
    assert slots["draft_shown"]
    dispatcher = CollectingDispatcher()
    fixed = {**slots, "interviewer_name": "Sarah Lopez"}
    await ActionGiveAdvice().run(
        dispatcher, make_tracker("sorry, it was Sarah not Sandra", "inform", [], fixed), domain
    )
    said = texts(dispatcher)
    assert said[0] == "Noted (interviewer: Sarah Lopez). My advice stays the same; here is the draft with that change:"
    assert "Dear Sarah," in said[1] and "Sandra" not in "\n".join(said)
    assert not any("send a thank-you now" in t for t in said) and not any("full advice" in t for t in said)
    buttons = [b["title"] for b in dispatcher.messages[-1].get("buttons") or []]
    assert "Review my own draft" in buttons  # the next steps stay one click away (suite_C C43)


async def test_a_role_added_under_a_draft_is_written_into_it(domain) -> None:
    slots = await answered(THANKS, domain, "can you write a thank you", "post_thank_you")
    dispatcher = CollectingDispatcher()
    added = {**slots, "role": "data analyst"}
    await ActionGiveAdvice().run(
        dispatcher, make_tracker("oh and the role is data analyst", "inform", [], added), domain
    )
    said = texts(dispatcher)
    assert said[0].startswith("Noted (role: data analyst). My advice stays the same")
    assert "the data analyst position at Brightwave" in said[1] and "[Role]" not in said[1]


async def test_a_decision_day_corrected_under_a_not_yet_draft_shows_it_with_the_new_day(domain) -> None:
    """'actually she said thursday' after the draft for later: the draft names the new day, still for later."""
    slots = await answered(WAITING, domain, "can you write the follow up")
    dispatcher = CollectingDispatcher()
    moved = {**slots, "decision_date": "2026-11-19"}
    await ActionGiveAdvice().run(dispatcher, make_tracker("actually he said thursday", "inform", [], moved), domain)
    said = texts(dispatcher)
    assert said[0].startswith("Noted (decision date: Thu 19 Nov)") and "Thu 26 Nov" in said[0]
    assert FOR_THAT_DAY in said and "Thursday 19 November" in drafts(dispatcher)[0]


def test_when_to_send_under_not_yet_names_the_day_of_the_verdict() -> None:
    """'when exactly should I send it?' got "the day I gave above" without the day."""
    waiting = Situation(**WAITING)
    days = topic_days(waiting, date(2026, 11, 22))
    text = answer_topic("write_date", waiting, None, verdict="wait", has_draft=True, days=days)
    assert text.startswith("On Fri 27 Nov, not before") and "Fri 20 Nov" in text
    timing = answer_topic("send_timing", waiting, None, verdict="wait", has_draft=True, days=days)
    assert "Fri 27 Nov" in timing
    silent = answer_topic("no_reply", waiting, None, verdict="wait", has_draft=True, days=days)
    assert "Fri 27 Nov" in silent and "let it go" in silent


def test_a_rough_decision_day_is_named_as_roughly_as_it_was_said() -> None:
    rough = Situation(**{**WAITING, "decision_date": "~2026-11-20"})
    days = topic_days(rough, date(2026, 11, 22))
    assert days["decision_day"] != "Fri 20 Nov" and days["status_day"] == "Fri 27 Nov"


def test_when_to_send_a_practical_question_before_the_interview_is_now() -> None:
    """The verdict says "ask it now": the timing answer must not send them to a later window."""
    asking = Situation(branch="pre_interview", goal="logistics", interview_date="2026-12-03", question="parking")
    text = answer_topic("write_date", asking, None, verdict="yes", has_draft=True, days={})
    assert text.startswith("Now")


def test_what_if_no_reply_after_writing_now_gives_a_week_or_two_then_moving_on() -> None:
    free = Situation(**{**WAITING, "decision_date": "none_given", "interview_date": "2026-11-02"})
    text = answer_topic("no_reply", free, None, verdict="yes", has_draft=True, days={})
    assert text.startswith("Then let it rest: one follow-up is enough") and "move on" in text


@pytest.mark.parametrize(
    "text",
    [
        "can you write the follow up",
        "ok and what should the email say? thanks a lot",
        "could u pls draft one for me",
        "what should i write",
    ],
)
def test_asking_the_coach_to_write_the_message_is_a_reply_cue(text: str) -> None:
    assert "draft_asked" in cue_kinds(text)


@pytest.mark.parametrize("text", ["should i email him?", "can you check my draft", "thanks, that's all for now"])
def test_other_messages_do_not_ask_for_a_draft(text: str) -> None:
    assert "draft_asked" not in cue_kinds(text)


def test_a_filler_after_the_role_is_not_part_of_it() -> None:
    message = Message.build("oh and the role is data analyst actually")
    message.set("entities", [])
    EntityRoles({}).process([message])
    assert [e["value"] for e in message.get("entities") if e["entity"] == "role"] == ["data analyst"]


async def test_a_question_read_as_a_yes_gets_its_answer_not_the_draft_again(domain) -> None:
    """'when exactly do i send it?' classified affirm after a "not yet" draft: the day, without a second draft."""
    from actions.actions import ActionAcknowledge

    slots = await answered(WAITING, domain, "can you write the follow up")
    dispatcher = CollectingDispatcher()
    topic = {"entity": "topic", "value": "write_date", "extractor": "EntityRoles"}
    tracker = make_tracker("when exactly do i send it?", "affirm", [topic], slots)
    await ActionAcknowledge().run(dispatcher, tracker, domain)
    said = texts(dispatcher)
    assert said[0].startswith("On Fri 27 Nov, not before") and not drafts(dispatcher)


@pytest.mark.parametrize(
    "text, role",
    [
        ("oh and the job was paralegal", "paralegal"),
        ("10 days ago, role was supply planner. he said", "supply planner"),
    ],
)
def test_a_job_told_in_the_past_tense_is_the_role(text: str, role: str) -> None:
    message = Message.build(text)
    message.set("entities", [])
    EntityRoles({}).process([message])
    assert [e["value"] for e in message.get("entities") if e["entity"] == "role"] == [role]


@pytest.mark.parametrize("text", ["the job was great tbh", "the role was filled already"])
def test_what_the_job_was_like_is_no_role(text: str) -> None:
    message = Message.build(text)
    message.set("entities", [])
    EntityRoles({}).process([message])
    assert not [e for e in message.get("entities") if e["entity"] == "role"]


def test_phone_or_email_is_email_unless_they_asked_to_be_called() -> None:
    """'he said to give him a call': the channel they offered; without it, email after an interview."""
    called = Situation(**{**WAITING, "channel": "phone"})
    assert answer_topic("channel_choice", called, None, verdict="wait").startswith("If they told you to ring them")
    assert answer_topic("call_instead", called, None, verdict="wait").startswith("If they told you to call them")
    plain = Situation(**WAITING)
    assert "email is best" in answer_topic("channel_choice", plain, None, verdict="wait")
    assert answer_topic("call_instead", plain, None, verdict="wait").startswith("Email is the better choice")


@pytest.mark.parametrize("text, intent", [("hmm so should i or not", "skip"), ("ok but yes or no", "affirm")])
async def test_asking_for_the_verdict_again_read_as_a_yes_or_skip_gets_the_same_verdict(text, intent, domain) -> None:
    """'hmm so should i or not' (no question mark) was classified skip and got "Okay", never the answer."""
    from actions.actions import QUESTION_LEAD, ActionAcknowledge

    slots = await answered(WAITING, domain, "should i email him?")
    dispatcher = CollectingDispatcher()
    await ActionAcknowledge().run(dispatcher, make_tracker(text, intent, [], slots), domain)
    said = texts(dispatcher)
    assert said[0].startswith(QUESTION_LEAD + "Not yet") and "Fri 27 Nov" in said[0] and not drafts(dispatcher)


def read_story(text: str, *dates: str) -> dict:
    """The slots understood from a first message, on Wed 2 Dec 2026, given the DATEs spaCy found."""
    from datetime import datetime, timezone

    from actions.understanding import ParsedMessage, understand

    entities = []
    for value in dates:
        start = text.index(value)
        entities.append({"entity": "DATE", "value": value, "start": start, "end": start + len(value)})
    message = Message.build(text)
    message.set("intent", {"name": "post_status_check", "confidence": 1.0})
    message.set("entities", entities)
    EntityRoles({}).process([message])
    MessageCues({}).process([message])
    parsed = ParsedMessage(text=text, intent="post_status_check", entities=message.get("entities"))
    wednesday = datetime(2026, 12, 2, 12, 0, tzinfo=timezone.utc)
    return understand(parsed, {"branch": "post_interview", "goal": "status_check"}, None, wednesday)


def test_a_day_they_promised_news_by_that_went_by_without_any_is_the_last_one() -> None:
    """suite_D RV10: "they said they would call by friday but nobody called" read as the coming Friday (4 Dec)."""
    gone = read_story("I interviewed last week, they said they would call by friday but nobody called", "friday")
    assert gone.get("decision_date") == "2026-11-27"
    coming = read_story("I interviewed last week, they said they would call by friday. can i email?", "friday")
    assert coming.get("decision_date") == "2026-12-04"


# Interview on Wed 2 Dec, asked on Sun 22 Nov whether to write beforehand: too early yet (the window is 27 Nov-1 Dec).
EARLY = {
    "branch": "pre_interview",
    "goal": "should_contact",
    "interview_date": "2026-12-02",
    "interviewer_name": "Felix Braun",
    "company": "Northwind",
}


async def test_which_is_it_read_as_a_practical_question_keeps_the_goal(domain) -> None:
    """'which is it, now or closer to the day?' (pre_confirm_logistics) flipped "not yet" to "ask it now"."""
    from actions.actions import ActionExtractSituation

    slots = await answered(EARLY, domain, "can i email him beforehand?", "pre_should_contact")
    assert slots["verdict"] == "wait"
    message = make_tracker("which is it, now or closer to the day?", "pre_confirm_logistics", [], slots)
    events = await ActionExtractSituation().run(CollectingDispatcher(), message, domain)
    assert not [e for e in events if e["name"] in ("goal", "branch")]


def test_when_to_send_a_note_before_the_interview_names_the_window() -> None:
    early = Situation(**EARLY)
    days = topic_days(early, date(2026, 11, 22))
    text = answer_topic("write_date", early, None, verdict="wait", days=days)
    assert text.startswith("Not before Fri 27 Nov. The days to pick: Fri 27 Nov, Mon 30 Nov or Tue 1 Dec,")


async def test_her_name_under_a_message_to_the_recruiter_names_the_recruiter(domain) -> None:
    """Agency, a question for the recruiter on screen greeting "[Recruiter's name]": "her name is Sofie" is hers."""
    from actions.actions import ActionExtractSituation

    slots = {
        "branch": "staffing_agency",
        "goal": "agency_status",
        "interview_date": "2026-11-27",
        "company": "Kiwa Logistics",
        "agency_name": "Randstad",
        "last_draft": "agency_checkin",
        "draft_shown": True,
        "verdict": "yes",
    }
    sofie = {
        "entity": "PERSON",
        "value": "Sofie",
        "start": 12,
        "end": 17,
        "role": "interviewer",
    }  # EntityRoles' default
    message = make_tracker("her name is Sofie", "inform", [sofie], slots)
    events = await ActionExtractSituation().run(CollectingDispatcher(), message, domain)
    assert {e["name"]: e["value"] for e in events}.get("recruiter_name") == "Sofie"
    assert "interviewer_name" not in {e["name"] for e in events}


async def test_a_name_the_draft_does_not_use_gets_no_redraw_claiming_a_change(domain) -> None:
    """The interviewer named after a note to the recruiter: the note stays the same, so no "here is the draft"."""
    from actions.actions import DRAFT_FACT_FIXED

    slots = {
        "branch": "staffing_agency",
        "goal": "agency_status",
        "interview_date": "2026-11-19",
        "company": "Kiwa Logistics",
        "agency_name": "Randstad",
        "recruiter_name": "Sofie Lund",
    }
    slots = await answered(slots, domain, "can i chase my recruiter?", "agency_status")
    dispatcher = CollectingDispatcher()
    named = {**slots, "interviewer_name": "Petra Novak"}
    await ActionGiveAdvice().run(
        dispatcher, make_tracker("the interviewer was Petra Novak", "inform", [], named), domain
    )
    assert not any(DRAFT_FACT_FIXED.split(". ")[1] in t for t in texts(dispatcher))
