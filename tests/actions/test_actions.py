"""The Rasa action classes, run the way the action server runs them (Tracker.from_dict, CollectingDispatcher)."""

import json
import re

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import (
    ActionAcknowledge,
    ActionAnswerPushback,
    ActionDefaultAskAffirmation,
    ActionDefaultFallback,
    ActionEditDraft,
    ActionExplainAdvice,
    ActionExtractSituation,
    ActionGiveAdvice,
    ActionHelp,
    ActionOutOfScope,
    ActionReviewDraft,
    ActionShowDraft,
    ValidateSituationForm,
    message_time,
)
from actions.engine.advice import ASKED_FACTS
from tests.actions.conftest import STATUS_SLOTS, make_tracker


def span(text: str, kind: str, value: str) -> dict:
    """An entity located in text."""
    start = text.index(value)
    return {"entity": kind, "value": value, "start": start, "end": start + len(value)}


async def test_extract_situation_returns_slot_events(dispatcher, domain) -> None:
    text = "my interview with Sarah at Acme is on Thursday, can I email to confirm?"
    tracker = make_tracker(
        text,
        "pre_confirm_logistics",
        [
            span(text, "PERSON", "Sarah"),
            span(text, "ORG", "Acme"),
            {**span(text, "DATE", "Thursday"), "role": "interview"},
        ],
    )
    events = await ActionExtractSituation().run(dispatcher, tracker, domain)
    slots = {event["name"]: event["value"] for event in events}
    assert slots["branch"] == "pre_interview"
    assert slots["interview_date"] == "2026-11-26"
    assert slots["interviewer_name"] == "Sarah"
    assert slots["company"] == "Acme"
    assert dispatcher.messages == []


async def test_extract_uses_the_requested_slot_only_while_a_form_is_active(dispatcher, domain) -> None:
    slots = {"branch": "pre_interview", "requested_slot": "told_not_to_contact"}
    in_form = await ActionExtractSituation().run(
        dispatcher, make_tracker("yes", "affirm", slots=slots, active_loop="situation_form"), domain
    )
    outside = await ActionExtractSituation().run(dispatcher, make_tracker("yes", "affirm", slots=slots), domain)
    assert SlotSet("told_not_to_contact", "yes") in in_form
    assert outside == []


def test_message_time_uses_the_time_zone_from_metadata() -> None:
    late = 1795389000.0  # Sun 22 Nov 2026 23:10 UTC, already Monday in Tokyo
    assert message_time(make_tracker(timestamp=late)).date().isoformat() == "2026-11-22"
    tokyo = message_time(make_tracker(timestamp=late, metadata={"timezone": "Asia/Tokyo"}))
    assert tokyo.date().isoformat() == "2026-11-23"


async def test_form_asks_only_what_is_missing(dispatcher, domain) -> None:
    validate = ValidateSituationForm()
    full = {
        "branch": "post_interview",
        "goal": "decision_passed",
        "interview_date": "2026-11-02",
        "decision_date": "2026-11-13",
        "told_not_to_contact": "no",
    }
    assert await validate.required_slots([], dispatcher, make_tracker(slots=full), domain) == []
    partial = {"branch": "post_interview", "goal": "status_check"}
    asked = await validate.required_slots([], dispatcher, make_tracker(slots=partial), domain)
    assert "interview_date" in asked and "branch" not in asked and "goal" not in asked
    nothing_known = await validate.required_slots([], dispatcher, make_tracker(slots={}), domain)
    assert nothing_known[0] == "branch"


async def test_unreadable_date_is_reported_and_cleared(dispatcher, domain) -> None:
    result = ValidateSituationForm().validate_unparsed_date("the 45th", dispatcher, make_tracker(), domain)
    assert result == {"unparsed_date": None}
    assert "the 45th" in dispatcher.messages[0]["text"]


async def test_advice_names_concrete_dates_and_offers_drafts(dispatcher, domain) -> None:
    slots = {
        "branch": "post_interview",
        "goal": "decision_passed",
        "interview_date": "2026-11-02",
        "decision_date": "2026-11-13",
        "told_not_to_contact": "no",
        "interviewer_name": "Tom",
        "company": "Initech",
    }
    await ActionGiveAdvice().run(dispatcher, make_tracker(slots=slots), domain)
    texts = "\n".join(message["text"] for message in dispatcher.messages)
    assert re.search(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} Nov", texts)
    assert "Tom" in texts and "None" not in texts
    payloads = [b["payload"] for message in dispatcher.messages for b in message["buttons"]]
    assert any(payload.startswith("/ask_draft") for payload in payloads)
    assert "/review_draft" in payloads


async def test_advice_escapes_user_text_for_slack(dispatcher, domain) -> None:
    slots = {
        "branch": "post_interview",
        "goal": "thank_you",
        "interview_date": "2026-11-20",
        "channel": "email",
        "interviewer_name": "<!channel> <@U123>",
    }
    await ActionGiveAdvice().run(dispatcher, make_tracker(slots=slots, channel="slack"), domain)
    texts = "\n".join(message["text"] for message in dispatcher.messages)
    assert "<!channel>" not in texts and "<@U123>" not in texts
    assert "&lt;!channel&gt;" in texts


async def test_show_draft_renders_the_requested_kind_and_clears_it(dispatcher, domain) -> None:
    slots = {
        "branch": "pre_interview",
        "goal": "linkedin_intro",
        "draft_kind": "linkedin_note",
        "interviewer_name": "Priya",
        "company": "Globex",
    }
    events = await ActionShowDraft().run(dispatcher, make_tracker(slots=slots), domain)
    assert events == [SlotSet("draft_kind", None), SlotSet("last_draft", "linkedin_note"), SlotSet("draft_shown", True)]
    assert "Priya" in dispatcher.messages[0]["text"]
    assert len(dispatcher.messages[0]["text"]) <= 400


async def test_show_draft_without_kind_picks_one_for_the_goal(dispatcher, domain) -> None:
    slots = {"branch": "post_interview", "goal": "status_check"}
    await ActionShowDraft().run(dispatcher, make_tracker(slots=slots), domain)
    assert dispatcher.messages[0]["text"].startswith("Subject:")
    assert "[" in dispatcher.messages[0]["text"]  # placeholders for what we don't know


async def test_review_draft_gives_fixes_and_forgets_the_draft(dispatcher, domain) -> None:
    draft = "hey!! just wanted to know what salary you're offering and when I'll hear back?? thx"
    slots = {"draft_text": draft, "branch": "post_interview", "goal": "thank_you"}
    events = await ActionReviewDraft().run(dispatcher, make_tracker(slots=slots), domain)
    assert events == [SlotSet("draft_text", None), SlotSet("reviewed_draft", draft), SlotSet("last_draft", "own_draft")]
    fixed = CollectingDispatcher()
    reviewed = {**slots, "draft_text": None, "reviewed_draft": draft, "last_draft": "own_draft"}
    await ActionShowDraft().run(fixed, make_tracker("ok fix it for me", "ask_draft", slots=reviewed), domain)
    assert fixed.messages[0]["draft_kind"] == "own_draft" and fixed.messages[0]["text"].startswith("Hi,\n\nI wanted")
    assert "salary" not in fixed.messages[0]["text"] and "thx" not in fixed.messages[0]["text"]
    shorter = CollectingDispatcher()
    await ActionEditDraft().run(shorter, make_tracker("shorter", "draft_shorter", slots=reviewed), domain)
    assert shorter.messages[1]["draft_kind"] == "own_draft" and "Subject:" not in shorter.messages[1]["text"]
    review = "\n".join(message["text"] for message in dispatcher.messages).lower()
    assert "salary" in review


async def test_ask_affirmation_offers_likely_topics(dispatcher, domain) -> None:
    tracker = make_tracker("follow thing?", "nlu_fallback")
    tracker.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "post_status_check", "confidence": 0.3},
        {"name": "post_call_or_email", "confidence": 0.2},
        {"name": "greet", "confidence": 0.1},
    ]
    await ActionDefaultAskAffirmation().run(dispatcher, tracker, domain)
    buttons = dispatcher.messages[0]["buttons"]
    assert [b["payload"] for b in buttons] == ["/post_status_check", "/post_call_or_email", "/deny"]
    assert buttons[0]["title"].startswith("Checking on your application")


async def test_show_draft_ignores_an_unknown_kind(dispatcher, domain) -> None:
    slots = {"branch": "post_interview", "goal": "thank_you", "draft_kind": "<script>"}
    await ActionShowDraft().run(dispatcher, make_tracker(slots=slots), domain)
    assert dispatcher.messages[0]["text"].startswith("Subject:")


async def test_advice_remembers_its_verdict_and_a_second_answer_is_brief(dispatcher, domain) -> None:
    events = await ActionGiveAdvice().run(dispatcher, make_tracker(slots=STATUS_SLOTS), domain)
    slots = {event["name"]: event["value"] for event in events}
    assert slots["verdict"] == "yes" and slots["last_draft"] == "status_check_email"
    assert "Based on:" in dispatcher.messages[-1]["text"]
    again = CollectingDispatcher()
    corrected = {**STATUS_SLOTS, "told_not_to_contact": "yes", "advised": slots["advised"]}
    events = await ActionGiveAdvice().run(again, make_tracker(slots=corrected), domain)
    assert again.messages[0]["text"].startswith("Noted (asked not to contact you: yes). Hold off.")
    assert not any("Based on:" in (m["text"] or "") for m in again.messages)
    assert SlotSet("verdict", "no") in events and SlotSet("last_draft", None) in events


async def test_why_gives_the_reasons_and_sources(dispatcher, domain) -> None:
    await ActionExplainAdvice().run(dispatcher, make_tracker("why?", "show_advice", slots=STATUS_SLOTS), domain)
    assert "How to go about it:" in dispatcher.messages[1]["text"]
    assert dispatcher.messages[-1]["text"].startswith("Based on:")


async def test_make_it_shorter_rewrites_the_last_draft(dispatcher, domain) -> None:
    slots = {**STATUS_SLOTS, "last_draft": "status_check_email"}
    events = await ActionEditDraft().run(dispatcher, make_tracker("shorter pls", "draft_shorter", slots=slots), domain)
    note, draft = dispatcher.messages
    assert note["text"].startswith("A shorter version") and draft["draft_kind"] == "status_check_email"
    assert draft["text"].split("\n\n")[1] == "Dear Dana,"
    assert events == [
        SlotSet("last_draft", "status_check_email"),
        SlotSet("draft_edits", ["shorter:"]),
        SlotSet("draft_shown", True),
    ]


async def test_a_question_asked_twice_without_an_answer_is_given_up(dispatcher, domain) -> None:
    slots = {"branch": "post_interview", "goal": "status_check", "requested_slot": "decision_date"}
    run = ActionExtractSituation().run

    def unclear(times: str) -> Tracker:
        """'hmm' under the question, asked so many times in a row (slot times_asked, as the form counts them)."""
        return make_tracker("hmm", "nlu_fallback", slots={**slots, "times_asked": times}, active_loop="situation_form")

    first = await run(dispatcher, unclear("decision_date:1"), domain)
    second = await run(dispatcher, unclear("decision_date:2"), domain)
    other = await run(dispatcher, unclear("interview_date:2"), domain)
    assert SlotSet("decision_date", "unknown") not in first
    assert SlotSet("decision_date", "unknown") in second
    assert SlotSet("decision_date", "unknown") not in other


async def test_an_unclear_message_after_an_answer_applies_what_it_changed(dispatcher, domain) -> None:
    first = CollectingDispatcher()
    advised = {
        e["name"]: e["value"] for e in await ActionGiveAdvice().run(first, make_tracker(slots=STATUS_SLOTS), domain)
    }
    signed = {**STATUS_SLOTS, "advised": advised["advised"], "user_name": "Tomasz Nowak"}
    events = await ActionDefaultAskAffirmation().run(
        dispatcher, make_tracker("sign it tomasz nowak", "nlu_fallback", slots=signed), domain
    )
    assert dispatcher.messages[0]["text"] == "Signed with your name, Tomasz Nowak:"  # only the name changed
    assert any("Tomasz Nowak" in (m["text"] or "") and m.get("draft_kind") for m in dispatcher.messages)
    assert any(e["name"] == "advised" for e in events)
    unchanged = CollectingDispatcher()
    same = {**STATUS_SLOTS, "advised": advised["advised"]}
    await ActionDefaultAskAffirmation().run(
        unchanged, make_tracker("should i cc chris?", "nlu_fallback", slots=same), domain
    )
    assert unchanged.messages[0]["text"].startswith("I can't answer that one")  # no topic tagged: honest, no verdict
    assert "Yes" not in unchanged.messages[0]["text"] and unchanged.messages[0]["buttons"]
    assert "/show_advice" in [b["payload"] for b in unchanged.messages[0]["buttons"]]


async def test_help_before_an_answer_lists_what_i_do_and_after_it_explains_the_answer(dispatcher, domain) -> None:
    await ActionHelp().run(dispatcher, make_tracker("what can you do", "help"), domain)
    assert dispatcher.messages[0]["response"] == "utter_help"
    after = CollectingDispatcher()
    first = {
        e["name"]: e["value"]
        for e in await ActionGiveAdvice().run(CollectingDispatcher(), make_tracker(slots=STATUS_SLOTS), domain)
    }
    slots = {**STATUS_SLOTS, "advised": first["advised"]}
    await ActionHelp().run(after, make_tracker("ok so what do i do now", "help", slots=slots), domain)
    assert after.messages[0]["text"].startswith("Here is the whole picture")
    assert any("How to go about it:" in (m["text"] or "") for m in after.messages)


def test_the_form_asks_only_facts_listed_in_asked_facts(domain) -> None:
    assert tuple(domain["forms"]["situation_form"]["required_slots"]) == ASKED_FACTS


async def test_a_draft_pasted_while_the_form_asks_a_question_answers_none_of_its_questions(dispatcher, domain) -> None:
    text = "Subject: Following up\n\nDear Ms. Hale,\n\nI interviewed last week and wanted to follow up.\n\nBest,\nSam"
    slots = {"branch": "post_interview", "goal": "status_check", "requested_slot": "interview_date"}
    tracker = make_tracker(
        text, "review_draft", [span(text, "DATE", "last week")], slots=slots, active_loop="situation_form"
    )
    events = await ActionExtractSituation().run(dispatcher, tracker, domain)
    assert not any(event["name"] == "interview_date" for event in events)
    assert SlotSet("draft_text", text) in events


async def test_an_unclear_follow_up_whose_best_guess_is_a_draft_request_gets_the_draft(domain) -> None:
    first = {
        e["name"]: e["value"]
        for e in await ActionGiveAdvice().run(CollectingDispatcher(), make_tracker(slots=STATUS_SLOTS), domain)
    }
    slots = {**STATUS_SLOTS, "advised": first["advised"], "last_draft": first["last_draft"]}
    tracker = make_tracker("yes please, a short one", "nlu_fallback", slots=slots)
    tracker.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.35},
        {"name": "draft_shorter", "confidence": 0.3},
    ]
    dispatcher = CollectingDispatcher()
    await ActionDefaultAskAffirmation().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["text"].startswith("A shorter version")


async def test_off_topic_before_an_answer_gets_the_scope_note_after_one_a_follow_up_is_done(domain) -> None:
    dispatcher = CollectingDispatcher()
    await ActionOutOfScope().run(dispatcher, make_tracker("best pasta recipe?", "out_of_scope"), domain)
    assert dispatcher.messages[0]["response"] == "utter_out_of_scope"
    first = {
        e["name"]: e["value"]
        for e in await ActionGiveAdvice().run(CollectingDispatcher(), make_tracker(slots=STATUS_SLOTS), domain)
    }
    slots = {**STATUS_SLOTS, "advised": first["advised"], "last_draft": first["last_draft"]}
    tracker = make_tracker("can you write it? i want to ask about python", "out_of_scope", slots=slots)
    tracker.latest_message["intent_ranking"] = [
        {"name": "out_of_scope", "confidence": 0.5},
        {"name": "ask_draft", "confidence": 0.3},
    ]
    after = CollectingDispatcher()
    await ActionOutOfScope().run(after, tracker, domain)
    assert after.messages[0].get("draft_kind") == "status_check_email"


async def test_the_second_unclear_message_never_just_gives_up_after_an_answer(domain) -> None:
    first = {
        e["name"]: e["value"]
        for e in await ActionGiveAdvice().run(CollectingDispatcher(), make_tracker(slots=STATUS_SLOTS), domain)
    }
    dispatcher = CollectingDispatcher()
    slots = {**STATUS_SLOTS, "advised": first["advised"]}
    events = await ActionDefaultFallback().run(dispatcher, make_tracker("hmm??", "nlu_fallback", slots=slots), domain)
    assert dispatcher.messages[0]["text"].startswith("I can't answer that one")
    assert events[-1] == FollowupAction("action_listen")  # the turn ends: no loop of fallbacks
    fresh = CollectingDispatcher()
    events = await ActionDefaultFallback().run(fresh, make_tracker("hmm??", "nlu_fallback"), domain)
    assert fresh.messages[0]["response"] == "utter_default" and events == [FollowupAction("action_listen")]


async def test_show_draft_sets_only_the_slots_that_change(dispatcher, domain) -> None:
    slots = {
        "branch": "post_interview",
        "goal": "status_check",
        "last_draft": "status_check_email",
        "draft_shown": True,
    }
    assert await ActionShowDraft().run(dispatcher, make_tracker(slots=slots), domain) == []


async def test_pushback_gets_the_same_verdict_with_no_draft_and_a_way_to_the_reasons(domain) -> None:
    first = {
        e["name"]: e["value"]
        for e in await ActionGiveAdvice().run(CollectingDispatcher(), make_tracker(slots=STATUS_SLOTS), domain)
    }
    slots = {**STATUS_SLOTS, "advised": first["advised"]}
    dispatcher = CollectingDispatcher()
    await ActionAnswerPushback().run(dispatcher, make_tracker("are you sure?", "pushback", slots=slots), domain)
    assert dispatcher.messages[0]["text"].startswith("I hear you") and "Yes" in dispatcher.messages[0]["text"]
    assert not any(m.get("draft_kind") for m in dispatcher.messages)
    assert "/show_advice" in [b["payload"] for b in dispatcher.messages[-1]["buttons"]]
    before = CollectingDispatcher()
    await ActionAnswerPushback().run(before, make_tracker("are you sure?", "pushback"), domain)
    assert before.messages[0]["response"] == "utter_ok"


async def test_a_yes_after_an_answer_shows_its_draft_and_a_no_is_acknowledged(domain) -> None:
    first = {
        e["name"]: e["value"]
        for e in await ActionGiveAdvice().run(CollectingDispatcher(), make_tracker(slots=STATUS_SLOTS), domain)
    }
    slots = {**STATUS_SLOTS, "advised": first["advised"]}
    yes = CollectingDispatcher()
    await ActionAcknowledge().run(yes, make_tracker("yes please", "affirm", slots=slots), domain)
    assert yes.messages[0].get("draft_kind") == "status_check_email"
    no = CollectingDispatcher()
    await ActionAcknowledge().run(no, make_tracker("nah", "deny", slots=slots), domain)
    assert no.messages[0]["text"].startswith("Okay. If anything changes") and not no.messages[0].get("draft_kind")
    held = {**slots, "told_not_to_contact": "yes"}
    nothing = CollectingDispatcher()
    await ActionAcknowledge().run(nothing, make_tracker("yes", "affirm", slots=held), domain)
    assert not any(m.get("draft_kind") for m in nothing.messages)
    stray = CollectingDispatcher()
    await ActionAcknowledge().run(stray, make_tracker("yep", "affirm"), domain)
    assert stray.messages[0]["response"] == "utter_ok"


async def test_the_first_unclear_message_ends_the_fallback_loop_so_its_facts_are_not_reverted(domain) -> None:
    first = {
        e["name"]: e["value"]
        for e in await ActionGiveAdvice().run(CollectingDispatcher(), make_tracker(slots=STATUS_SLOTS), domain)
    }
    slots = {**STATUS_SLOTS, "advised": first["advised"], "recruiter_name": "Harriet Quinn"}
    tracker = make_tracker("my consultant there is Harriet Quinn", "nlu_fallback", slots=slots)
    events = await ActionDefaultAskAffirmation().run(CollectingDispatcher(), tracker, domain)
    assert events[-2:] == [ActiveLoop(None), FollowupAction("action_listen")]
    before = await ActionDefaultAskAffirmation().run(
        CollectingDispatcher(), make_tracker("hmm", "nlu_fallback"), domain
    )
    assert before == [ActiveLoop(None), FollowupAction("action_listen")]


async def test_an_unclear_first_message_that_placed_the_user_goes_on_with_the_questions(domain) -> None:
    slots = {"branch": "post_interview", "interview_date": "2026-11-21", "company": "Hartwell Library"}
    tracker = make_tracker(
        "I interviewed yesterday at Hartwell Library and keep replaying it", "nlu_fallback", slots=slots
    )
    dispatcher = CollectingDispatcher()
    events = await ActionDefaultAskAffirmation().run(dispatcher, tracker, domain)
    assert events == [ActiveLoop(None), FollowupAction("situation_form")] and dispatcher.messages == []


async def test_a_second_unclear_message_once_the_situation_is_placed_goes_back_to_the_questions(domain) -> None:
    earlier = [{"event": "user", "text": "hmm", "parse_data": {"intent": {"name": "nlu_fallback"}}}]
    slots = {"branch": "pre_interview", "interview_date": "2026-11-23"}
    tracker = make_tracker("her name is Rachel Kim", "nlu_fallback", slots=slots, earlier=earlier)
    events = await ActionDefaultAskAffirmation().run(CollectingDispatcher(), tracker, domain)
    assert events == [ActiveLoop(None), FollowupAction("situation_form")]


async def test_no_shorter_button_when_no_draft_was_shown(domain) -> None:
    first = {
        e["name"]: e["value"]
        for e in await ActionGiveAdvice().run(CollectingDispatcher(), make_tracker(slots=STATUS_SLOTS), domain)
    }
    waiting = {**STATUS_SLOTS, "advised": first["advised"], "last_draft": "status_check_email", "verdict": "wait"}
    dispatcher = CollectingDispatcher()
    await ActionAcknowledge().run(dispatcher, make_tracker("nope", "deny", slots=waiting), domain)
    assert "/draft_shorter" not in [b["payload"] for b in dispatcher.messages[0]["buttons"]]
    shown = CollectingDispatcher()
    await ActionAcknowledge().run(shown, make_tracker("nope", "deny", slots={**waiting, "verdict": "yes"}), domain)
    assert "/draft_shorter" in [b["payload"] for b in shown.messages[0]["buttons"]]


THANKS_SLOTS = {
    "branch": "post_interview",
    "goal": "thank_you",
    "interview_date": "2026-11-29",
    "channel": "email",
    "interviewer_name": "Ana Ruiz",
    "panel": ["Ana Ruiz", "Ben Cole", "Chloe Park"],
}


async def after_advice(slots: dict, domain) -> dict:
    """The slots once the advice for `slots` was given (what it remembers added)."""
    events = await ActionGiveAdvice().run(CollectingDispatcher(), make_tracker(slots=slots), domain)
    return {**slots, **{e["name"]: e["value"] for e in events}}


def topic(value: str) -> dict:
    """A `topic` entity as EntityRoles tags it."""
    return {"entity": "topic", "value": value, "extractor": "EntityRoles"}


async def test_one_note_each_writes_a_draft_per_panel_member_and_restyles_them_together(domain) -> None:
    slots = await after_advice(THANKS_SLOTS, domain)
    each = CollectingDispatcher()
    events = await ActionShowDraft().run(
        each, make_tracker("one for each of them please", "ask_draft", [topic("one_each")], slots), domain
    )
    drafts = [m["text"] for m in each.messages if m.get("draft_kind")]
    assert [re.search(r"Dear ([A-Z]\w+),", d).group(1) for d in drafts] == ["Ana", "Ben", "Chloe"]
    assert SlotSet("draft_each", True) in events
    formal = CollectingDispatcher()
    slots["draft_each"] = True
    await ActionEditDraft().run(formal, make_tracker("more formal", "draft_formal", slots=slots), domain)
    assert len([m for m in formal.messages if m.get("draft_kind")]) == 3


async def test_each_panel_note_has_a_line_of_its_own_from_what_was_discussed(domain) -> None:
    slots = await after_advice(THANKS_SLOTS, domain)
    slots["panel_talks"] = json.dumps({"ana": "asked:my audit rotation", "ben": "talked:his team's month-end close"})
    each = CollectingDispatcher()
    await ActionShowDraft().run(
        each, make_tracker("one for each of them please", "ask_draft", [topic("one_each")], slots), domain
    )
    ana, ben, chloe = [m["text"] for m in each.messages if m.get("draft_kind")]
    assert "your questions about my audit rotation" in ana and "month-end" not in ana
    assert "hearing from you about your team's month-end close" in ben and "audit rotation" not in ben
    assert "[something you discussed with Chloe]" in chloe  # nothing said about Chloe: a line to fill in
    bodies = [re.sub(r"Dear \w+,", "", d) for d in (ana, ben, chloe)]
    assert len(set(bodies)) == 3  # never the same body under another greeting


async def test_a_follow_up_topic_is_answered_instead_of_the_missed_point_note(domain) -> None:
    slots = await after_advice(THANKS_SLOTS, domain)
    asked = CollectingDispatcher()
    await ActionDefaultAskAffirmation().run(
        asked,
        make_tracker("is it too pushy to send it the same day?", "nlu_fallback", [topic("send_timing")], slots),
        domain,
    )
    assert "not pushy" in asked.messages[0]["text"] and "I may have missed" not in asked.messages[0]["text"]


async def test_cc_in_an_agency_story_names_the_recruiter_to_copy(domain) -> None:
    slots = {
        "branch": "staffing_agency",
        "goal": "contact_company",
        "invited_to_contact": "yes",
        "recruiter_name": "Leah Brandt",
        "agency_name": "Randstad",
        "interview_date": "2026-12-07",
    }
    asked = CollectingDispatcher()
    cc = make_tracker("should I cc Leah on it?", "out_of_scope", [topic("cc")], await after_advice(slots, domain))
    await ActionOutOfScope().run(asked, cc, domain)
    assert asked.messages[0]["text"].startswith("Yes — copy Leah Brandt")


async def test_a_message_is_read_once_even_when_a_form_activation_runs_the_extraction_again(dispatcher, domain) -> None:
    tracker = make_tracker(
        "interviewed friday, thank-you ok?", "pre_linkedin_message", slots={"branch": "post_interview"}
    )
    tracker.events.append({"event": "slot", "name": "branch", "value": "post_interview"})
    assert await ActionExtractSituation().run(dispatcher, tracker, domain) == []
    fresh = make_tracker("I wasn't rejected", "inform", [{"entity": "rejected", "value": "no"}], {"rejected": "yes"})
    assert SlotSet("rejected", "no") in await ActionExtractSituation().run(dispatcher, fresh, domain)


async def test_a_user_checking_what_they_understood_gets_the_answer_without_the_pushback_lead(domain) -> None:
    checking = CollectingDispatcher()
    slots = await after_advice(STATUS_SLOTS, domain)
    tracker = make_tracker("so I can just email her today, right?", "pushback", slots=slots)
    await ActionAnswerPushback().run(checking, tracker, domain)
    assert checking.messages[0]["text"].startswith("From everything you've told me: Yes")


async def test_a_corrected_name_replaces_the_draft_on_screen_while_waiting(domain) -> None:
    waiting = {
        "branch": "post_interview",
        "goal": "status_check",
        "interview_date": "2026-11-10",
        "decision_date": "2099-12-04",
        "interviewer_name": "Sophia Marchetti",
    }
    first = {
        e["name"]: e["value"]
        for e in await ActionGiveAdvice().run(CollectingDispatcher(), make_tracker(slots=waiting), domain)
    }
    corrected = {**waiting, "interviewer_name": "Sofia Marchesi", "advised": first["advised"]}
    for shown, expected in ((True, True), (None, False)):
        dispatcher = CollectingDispatcher()
        slots = {**corrected, "draft_shown": shown}
        events = await ActionGiveAdvice().run(dispatcher, make_tracker("it's Sofia Marchesi", slots=slots), domain)
        assert any("Dear Sofia," in (m.get("text") or "") for m in dispatcher.messages) is expected
        assert SlotSet("draft_shown", True if expected else None) in events


async def test_a_strength_said_again_with_a_request_shows_the_draft_not_a_menu(domain) -> None:
    slots = {
        "branch": "post_interview",
        "goal": "thank_you",
        "interviewer_name": "Omar Haddad",
        "strength": "AML transaction monitoring",
        "last_draft": "thank_you_email",
    }
    text = "I have five years of experience in AML transaction monitoring - please mention that in the note."
    strength = {"entity": "strength", "value": "AML transaction monitoring", "start": 35, "end": 61}
    dispatcher = CollectingDispatcher()
    await ActionEditDraft().run(dispatcher, make_tracker(text, "edit_draft", [strength], slots=slots), domain)
    assert "AML transaction monitoring would" in dispatcher.messages[-1]["text"]


async def test_after_a_review_a_practical_questions_only_verdict_does_not_show_the_draft_it_advises_against(
    dispatcher, domain
) -> None:
    draft = (
        "Hi Ruth,\n\nAhead of our call, could you tell me how the team is set up, what the first quarter looks "
        "like, and send me your latest board pack?\n\nThanks,\nIvo"
    )
    slots = {
        "branch": "pre_interview",
        "goal": "preparation",
        "interview_format": "screen",
        "interview_date": "2026-11-27",
        "interviewer_name": "Ruth",
        "reviewed_draft": draft,
        "last_draft": "own_draft",
    }
    tracker = make_tracker("is it odd to write to her at all before a phone screen?", "pre_should_contact", slots=slots)
    await ActionGiveAdvice().run(dispatcher, tracker, domain)
    texts = [message["text"] or "" for message in dispatcher.messages]
    assert any("No need to write first" in text for text in texts)
    assert not any(message.get("draft_kind") == "own_draft" for message in dispatcher.messages)
    assert not any("board pack" in text for text in texts)


async def test_pushback_whose_reason_moves_the_verdict_gets_the_new_answer(domain) -> None:
    prep = {
        "branch": "pre_interview",
        "goal": "preparation",
        "interview_date": "2026-12-10",
        "channel": "email",
        "told_not_to_contact": "no",
        "interview_format": "full",
        "interviewer_name": "Claire Dubois",
    }
    first = {
        e["name"]: e["value"]
        for e in await ActionGiveAdvice().run(CollectingDispatcher(), make_tracker(slots=prep), domain)
    }
    assert first["verdict"] == "wait"
    slots = {**prep, "advised": first["advised"], "verdict": "wait", "question": "presentation"}
    text = "but I'll only have two days to build the presentation, wouldn't it be better to ask now?"
    dispatcher = CollectingDispatcher()
    await ActionAnswerPushback().run(dispatcher, make_tracker(text, "pushback", slots=slots), domain)
    assert dispatcher.messages[0]["text"].startswith("That changes my answer: Yes")
    assert "stays the same" not in " ".join(str(m.get("text")) for m in dispatcher.messages)
    assert any(m.get("draft_kind") == "pre_prep_question_email" for m in dispatcher.messages)
    unmoved = CollectingDispatcher()
    await ActionAnswerPushback().run(
        unmoved, make_tracker("are you sure?", "pushback", slots={**slots, "question": None}), domain
    )
    assert unmoved.messages[0]["text"].startswith("I hear you")


async def test_a_change_to_the_draft_keeps_the_goal_its_words_would_suggest(dispatcher, domain) -> None:
    first = {
        e["name"]: e["value"]
        for e in await ActionGiveAdvice().run(CollectingDispatcher(), make_tracker(slots=STATUS_SLOTS), domain)
    }
    slots = {**STATUS_SLOTS, "goal": "thank_you", "advised": first["advised"], "last_draft": "thank_you_email"}
    text = "also add a line about when they plan to choose someone"
    edit = [span(text, "edit", "add"), span(text, "edit_text", "a line about when they plan to choose someone")]
    events = await ActionExtractSituation().run(
        dispatcher, make_tracker(text, "post_decision_date_passed", edit, slots), domain
    )
    assert not [event for event in events if event["name"] == "goal"]
    fresh = await ActionExtractSituation().run(
        dispatcher, make_tracker(text, "post_decision_date_passed", [], slots), domain
    )
    assert SlotSet("goal", "decision_passed") in fresh


# After a client interview on Mon 16 Nov through an agency, a status question answered with the note to the recruiter.
AGENCY_SLOTS = {
    "branch": "staffing_agency",
    "goal": "agency_status",
    "interview_date": "2026-11-16",
    "recruiter_name": "Priya",
    "agency_name": "Hays",
    "company": "Ocado",
}


async def test_a_new_question_whose_answer_is_the_note_already_on_screen_does_not_repeat_it(domain) -> None:
    first = CollectingDispatcher()
    events = await ActionGiveAdvice().run(first, make_tracker(slots=AGENCY_SLOTS), domain)
    slots = {event["name"]: event["value"] for event in events}
    note = next(m["text"] for m in first.messages if m.get("draft_kind"))
    asked = {**AGENCY_SLOTS, **slots, "goal": "contact_company", "interviewer_name": "Ines Roy"}
    again = CollectingDispatcher()
    events = await ActionGiveAdvice().run(again, make_tracker(slots=asked), domain)
    assert SlotSet("verdict", "no") in events
    assert not any(m.get("draft_kind") for m in again.messages) and note not in [m["text"] for m in again.messages]
    same = CollectingDispatcher()  # the same question again ("so what should it say?"): the note again
    await ActionGiveAdvice().run(same, make_tracker(slots={**AGENCY_SLOTS, **slots, "channel": "email"}), domain)
    assert any(m.get("draft_kind") for m in same.messages)
    renamed = CollectingDispatcher()  # a fact of the note itself changed: the new note is shown
    await ActionGiveAdvice().run(renamed, make_tracker(slots={**asked, "company": "Tesco"}), domain)
    assert any(m.get("draft_kind") and "Tesco" in m["text"] for m in renamed.messages)


async def test_better_not_unless_invited_offers_a_yes_and_a_no(domain) -> None:
    dispatcher = CollectingDispatcher()
    await ActionGiveAdvice().run(dispatcher, make_tracker(slots={**AGENCY_SLOTS, "goal": "contact_company"}), domain)
    titles = [b["title"] for m in dispatcher.messages for b in m.get("buttons") or []]
    assert "No" in titles and "Yes, I was invited" in titles
    told = CollectingDispatcher()
    invited = {**AGENCY_SLOTS, "goal": "contact_company", "invited_to_contact": "no"}
    await ActionGiveAdvice().run(told, make_tracker(slots=invited), domain)
    assert "No" not in [b["title"] for m in told.messages for b in m.get("buttons") or []]
