"""Changes asked of the last draft (ActionEditDraft): each goes the way asked, keeps the facts and says what changed."""

import json
from typing import Any, Dict, List

from rasa_sdk.events import SlotSet

from actions.actions import (
    ActionDefaultAskAffirmation,
    ActionEditDraft,
    ActionExtractSituation,
    ActionGiveAdvice,
    ActionOutOfScope,
    ActionReviewDraft,
    ActionShowDraft,
    remembered,
    situation_of,
)
from actions.engine.edits import added_sentence, apply_edits
from actions.engine.situation import Situation
from tests.actions.conftest import MESSAGE_TIME, make_tracker

THANKS_SLOTS: Dict[str, Any] = {
    "branch": "post_interview",
    "goal": "thank_you",
    "interview_date": "2026-11-02",
    "interviewer_name": "Daniel Rivera",
    "company": "Northwind",
    "role": "logistics coordinator",
    "user_name": "Lena Brooks",
    "last_draft": "thank_you_email",
}


def edit(kind: str, start: int = 0, words: str = "") -> List[Dict[str, Any]]:
    """The entities EntityRoles gives a change (and the words of a line to add or remove)."""
    found = [{"entity": "edit", "value": kind, "start": start, "end": start + 4}]
    return found + ([{"entity": "edit_text", "value": words, "role": kind, "start": start + 5}] if words else [])


def answered(slots: Dict[str, Any]) -> Dict[str, Any]:
    """The slots after an answer was given for them."""
    tracker = make_tracker(slots=slots)
    return {**slots, "advised": json.dumps(remembered(situation_of(tracker)))}


async def run_edit(dispatcher, domain, text: str, intent: str, entities, slots) -> List[Any]:
    """Run the edit action on one message; return its events."""
    tracker = make_tracker(text, intent, entities=entities, slots=answered(slots))
    return await ActionEditDraft().run(dispatcher, tracker, domain)


async def test_less_formal_is_less_formal_even_when_read_as_draft_formal(dispatcher, domain) -> None:
    events = await run_edit(
        dispatcher, domain, "can u make it less formal", "draft_formal", edit("casual"), THANKS_SLOTS
    )
    note, draft = dispatcher.messages
    assert note["text"].startswith("Less formal") and "Hi Daniel," in draft["text"] and "Dear" not in draft["text"]
    assert (
        "Best,\nLena Brooks" in draft["text"]
        and "Northwind" in draft["text"]
        and "logistics coordinator" in draft["text"]
    )
    assert SlotSet("draft_edits", ["casual:"]) in events


async def test_edits_in_a_row_build_on_each_other_and_keep_the_facts(dispatcher, domain) -> None:
    slots = {**THANKS_SLOTS, "draft_edits": ["casual:"]}
    events = await run_edit(
        dispatcher,
        domain,
        "remove the line about when they decide",
        "edit_draft",
        edit("remove", 0, "when they decide"),
        slots,
    )
    note, draft = dispatcher.messages
    assert note["text"].startswith("Taken out: “If it's easy to share")  # the casual wording of that line
    assert "expect to decide" not in draft["text"] and "Hi Daniel," in draft["text"]  # the earlier change stays
    assert SlotSet("draft_edits", ["casual:", "remove:when they decide"]) in events


async def test_a_line_added_in_the_users_words_and_a_question_in_the_coachs(dispatcher, domain) -> None:
    await run_edit(
        dispatcher,
        domain,
        "add that im available on tuesday",
        "edit_draft",
        edit("add", 0, "im available on tuesday"),
        THANKS_SLOTS,
    )
    assert "I'm available on Tuesday." in dispatcher.messages[1]["text"]
    dispatcher.messages.clear()
    parking = edit("add", 0, "my question about parking") + [{"entity": "question", "value": "parking", "start": 30}]
    await run_edit(dispatcher, domain, "add my question about parking", "ask_draft", parking, THANKS_SLOTS)
    assert "parking on site" in dispatcher.messages[1]["text"] and dispatcher.messages[0]["text"].startswith("Added")


async def test_more_formal_after_casual_replaces_it(dispatcher, domain) -> None:
    slots = {**THANKS_SLOTS, "draft_edits": ["casual:", "warmer:"]}
    events = await run_edit(dispatcher, domain, "more formal again", "draft_formal", edit("formal"), slots)
    assert "Dear Daniel" in dispatcher.messages[1]["text"]
    assert SlotSet("draft_edits", ["formal:"]) in events


async def test_as_a_linkedin_message_has_no_subject(dispatcher, domain) -> None:
    await run_edit(dispatcher, domain, "make it a linkedin message", "edit_draft", edit("linkedin"), THANKS_SLOTS)
    text = dispatcher.messages[1]["text"]
    assert "Subject:" not in text and text.startswith("Hi Daniel,") and text.endswith("Best,\nLena Brooks")


async def test_no_draft_to_change_when_the_answer_is_not_to_write(dispatcher, domain) -> None:
    slots = {**THANKS_SLOTS, "goal": "status_check", "told_not_to_contact": "yes", "decision_date": "none_given"}
    slots["last_draft"] = None  # the answer showed no draft
    await run_edit(dispatcher, domain, "ok make the email shorter", "draft_shorter", [], slots)
    assert not any(m.get("draft_kind") for m in dispatcher.messages)


async def test_a_draft_shown_again_keeps_the_changes_asked(dispatcher, domain) -> None:
    slots = answered({**THANKS_SLOTS, "draft_edits": ["casual:"]})
    await ActionShowDraft().run(dispatcher, make_tracker("show it again", "ask_draft", slots=slots), domain)
    assert "Hi Daniel," in dispatcher.messages[-1]["text"]


async def test_an_edit_with_no_change_named_asks_which(dispatcher, domain) -> None:
    await run_edit(dispatcher, domain, "change it", "edit_draft", [], THANKS_SLOTS)
    assert "How should I change it?" in dispatcher.messages[0]["text"] and len(dispatcher.messages) == 1


async def test_a_reviewed_draft_with_a_wrong_name_says_so(dispatcher, domain) -> None:
    draft = "Dear Susan,\n\nThank you for meeting me about the teller position.\n\nKind regards,\nOmar"
    slots = {"branch": "post_interview", "goal": "thank_you", "interviewer_name": "Sarah Klein", "draft_text": draft}
    await ActionReviewDraft().run(dispatcher, make_tracker(draft, "review_draft", slots=slots), domain)
    assert "Sarah Klein" in " ".join(m["text"] for m in dispatcher.messages)


async def test_a_pasted_draft_does_not_rename_the_person_the_user_named(dispatcher, domain) -> None:
    draft = "Dear Susan,\n\nThank you for meeting me about the teller position.\n\nKind regards,\nOmar"
    slots = {"branch": "post_interview", "interviewer_name": "Sarah Klein", "requested_slot": "draft_text"}
    susan = [{"entity": "PERSON", "value": "Susan", "role": "interviewer", "start": 5, "end": 10}]
    tracker = make_tracker(draft, "post_thank_you", entities=susan, slots=slots, active_loop="draft_review_form")
    events = await ActionExtractSituation().run(dispatcher, tracker, domain)
    assert SlotSet("draft_text", draft) in events and not any(e["name"] == "interviewer_name" for e in events)


async def test_less_formal_stays_when_a_fact_changes_the_draft(dispatcher, domain) -> None:
    slots = answered({**THANKS_SLOTS, "draft_edits": ["casual:"]})
    slots["company"] = "Northwind Labs"  # "the company is Northwind Labs": a fact changed since the answer
    events = await ActionGiveAdvice().run(dispatcher, make_tracker("it's Northwind Labs", slots=slots), domain)
    draft = next(m["text"] for m in dispatcher.messages if m.get("draft_kind"))
    assert "Northwind Labs" in draft and "Hi Daniel," in draft and "Best,\nLena Brooks" in draft
    assert SlotSet("draft_edits", ["casual:"]) in events


async def test_rewrite_it_calmly_after_a_review_rewrites_the_users_own_draft(dispatcher, domain) -> None:
    angry = "hi karen\ni think i deserve a proper explanation. thank you for the interviews though.\ndev"
    slots = {"branch": "post_interview", "goal": "feedback", "rejected": "yes", "last_draft": "own_draft"}
    slots["reviewed_draft"] = angry
    tracker = make_tracker("rewrite it so its calm pls", "nlu_fallback", entities=edit("rewrite"), slots=slots)
    await ActionDefaultAskAffirmation().run(dispatcher, tracker, domain)
    note, draft = dispatcher.messages[0]["text"], dispatcher.messages[-1]["text"]
    assert "changes from my review" in note and draft.startswith("Hi Karen,") and draft.endswith("Dev")
    assert "deserve" not in draft and "feedback" in draft and "How to go about it" not in note


async def test_remove_that_line_takes_out_the_line_the_user_described(dispatcher, domain) -> None:
    text = "I don't want to ask when they decide, so remove that line."
    await run_edit(dispatcher, domain, text, "edit_draft", edit("remove", 42, "that"), THANKS_SLOTS)
    note, draft = dispatcher.messages
    assert note["text"].startswith("Taken out") and "expect to decide" not in draft["text"]


async def test_a_question_beside_a_pasted_draft_is_answered_before_the_review(dispatcher, domain) -> None:
    draft = "Hi Owen, thank you for the chat on Friday about the motion designer role. Best, Tomás"
    text = f"is it too late since it's been 3 days? here it is:\n\n{draft}"
    slots = {"branch": "post_interview", "goal": "thank_you", "interview_date": "2026-11-20", "draft_text": draft}
    topic = {"entity": "topic", "value": "too_late", "start": 0, "end": 14}
    inside = {"entity": "topic", "value": "call_instead", "start": text.index("chat"), "end": text.index("chat") + 4}
    tracker = make_tracker(text, "review_draft", entities=[topic, inside], slots=slots)
    await ActionReviewDraft().run(dispatcher, tracker, domain)
    texts = [m["text"] for m in dispatcher.messages]
    assert texts[0].startswith("First, your question: ") and texts[1].startswith("I read your")
    assert "too late" in texts[0] and "call" not in texts[0].lower()


async def test_a_draft_pasted_without_a_question_gets_only_the_review(dispatcher, domain) -> None:
    draft = "Hi Owen, thank you for the chat on Friday about the motion designer role. Best, Tomás"
    slots = {"branch": "post_interview", "goal": "thank_you", "interview_date": "2026-11-20", "draft_text": draft}
    tracker = make_tracker(f"here is my note.\n\n{draft}", "review_draft", slots=slots)
    await ActionReviewDraft().run(dispatcher, tracker, domain)
    assert not any(m["text"].startswith("First, your question") for m in dispatcher.messages)


async def test_asked_whether_to_send_it_the_verdict_comes_before_the_review(dispatcher, domain) -> None:
    draft = "Hi Owen, thank you for the chat on Friday about the motion designer role. Best, Tomás"
    slots = {"branch": "post_interview", "goal": "thank_you", "interview_date": "2026-11-20", "draft_text": draft}
    tracker = make_tracker(f"is it ok to send this?\n\n{draft}", "review_draft", slots=slots)
    await ActionReviewDraft().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["text"].startswith("First, your question: Yes")


async def test_a_review_request_alone_is_no_question_to_answer(dispatcher, domain) -> None:
    draft = "Hi Owen, thank you for the chat on Friday about the motion designer role. Best, Tomás"
    slots = {"branch": "post_interview", "goal": "thank_you", "interview_date": "2026-11-20", "draft_text": draft}
    tracker = make_tracker(f"can you check my note before i send it? here it is: {draft}", "review_draft", slots=slots)
    await ActionReviewDraft().run(dispatcher, tracker, domain)
    assert not any(m["text"].startswith("First, your question") for m in dispatcher.messages)


async def test_a_fact_changed_after_a_review_keeps_the_users_own_draft_and_its_style(dispatcher, domain) -> None:
    own = "hi linda,\njust confirming I'm still on for thursday at 2. is there parking near the clinic?\nthx\nmaya"
    slots = {
        "branch": "pre_interview",
        "goal": "logistics",
        "interview_date": "2026-11-26",
        "interviewer_name": "Linda Ochoa",
        "question": "parking",
        "user_name": "maya",
    }
    slots = answered(slots)
    slots.update(
        {"reviewed_draft": own, "last_draft": "own_draft", "draft_edits": ["casual:"], "user_name": "Maya Torres"}
    )
    slots["company"] = "Harbourview Clinic"  # two facts changed: the answer is given again, briefly
    text = "my name is Maya Torres, the company is Harbourview Clinic"
    events = await ActionGiveAdvice().run(dispatcher, make_tracker(text, slots=slots), domain)
    draft = next(m["text"] for m in dispatcher.messages if m.get("draft_kind"))
    assert "Is there parking near the clinic?" in draft and draft.endswith("Best,\nMaya Torres")
    assert SlotSet("last_draft", "own_draft") in events


async def test_a_note_to_the_recruiter_asked_after_a_review_is_a_new_note_not_the_reviewed_email(
    dispatcher, domain
) -> None:
    angry = "hey Mike,\nits been 2 weeks and the agency tells me nothing. can you just tell me if I got it?\nDre"
    slots = {
        "branch": "staffing_agency",
        "goal": "agency_status",
        "interview_date": "2026-11-16",
        "company": "Coastal Freight",
        "agency_name": "Adecco",
        "recruiter_name": "Tasha",
        "draft_to": "recruiter",
        "last_draft": "own_draft",
        "reviewed_draft": angry,
    }
    text = "can you write me the message to Tasha then"
    tracker = make_tracker(text, "ask_draft", slots=slots)
    tracker.events.append({"event": "slot", "name": "draft_to", "value": "recruiter"})  # the extraction this turn
    await ActionShowDraft().run(dispatcher, tracker, domain)
    draft = next(m["text"] for m in dispatcher.messages if m.get("draft_kind"))
    assert "Hi Tasha," in draft and "Mike" not in draft and "tells me nothing" not in draft
    # without a person named for it, "show me the draft" after a review is still the user's own, fixed
    dispatcher.messages.clear()
    await ActionShowDraft().run(dispatcher, make_tracker("show me the draft", "ask_draft", slots=slots), domain)
    assert any("Mike" in m["text"] for m in dispatcher.messages if m.get("draft_kind"))


async def test_a_recruiter_named_with_the_request_gets_a_new_note_not_the_reviewed_email_to_the_client(
    dispatcher, domain
) -> None:
    to_client = "Hi Rhys,\nI interviewed with you on the 9th via Hays. Have I got it? I have another offer.\nNell"
    slots = {
        "branch": "staffing_agency",
        "goal": "contact_company",
        "interview_date": "2026-11-16",
        "company": "Coastal Freight",
        "agency_name": "Hays",
        "competing_offer": "yes",
        "last_draft": "own_draft",
        "reviewed_draft": to_client,
    }
    text = "so write the message to my Hays recruiter instead, her name's Wren, about the other offer"
    tracker = make_tracker(text, "ask_draft", slots={**slots, "recruiter_name": "Wren"})
    tracker.events.append({"event": "slot", "name": "recruiter_name", "value": "Wren"})  # the extraction this turn
    await ActionShowDraft().run(dispatcher, tracker, domain)
    draft = next(m["text"] for m in dispatcher.messages if m.get("draft_kind"))
    assert "Hi Wren," in draft and "Rhys" not in draft and "another offer" in draft


def edit_with(kind: str, start: int, **words: str) -> List[Dict[str, Any]]:
    """An `edit` entity followed by its `edit_text` words by role (the line, `with` and `at`)."""
    found = [{"entity": "edit", "value": kind, "start": start, "end": start + 4}]
    return found + [
        {"entity": "edit_text", "value": value, "role": kind if role == "line" else role, "start": start + 5 + n}
        for n, (role, value) in enumerate(words.items())
    ]


async def test_a_line_asked_at_the_start_opens_the_body_in_the_users_words(dispatcher, domain) -> None:
    line = "Thank you for letting me know, and for the chance to go through the process."
    events = await run_edit(
        dispatcher,
        domain,
        f"add a line at the start: {line}",
        "edit_draft",
        edit_with("add", 0, line=line, at="start"),
        THANKS_SLOTS,
    )
    note, draft = dispatcher.messages
    body = draft["text"].split("\n\n")[2]
    assert body.startswith(line) and "At the start" not in draft["text"] and "A line" not in draft["text"]
    assert note["text"].startswith("Added at the start")
    assert SlotSet("draft_edits", [f"add_start:{line}"]) in events


async def test_a_line_asked_at_the_end_closes_the_body_and_keeps_its_question_mark(dispatcher, domain) -> None:
    line = "Any word from the team after Tuesday's interview?"
    await run_edit(
        dispatcher,
        domain,
        f"add a line at the end: {line}",
        "edit_draft",
        edit_with("add", 0, line=line, at="end"),
        THANKS_SLOTS,
    )
    body = dispatcher.messages[1]["text"].split("\n\n")
    assert body[-2].endswith(line)


async def test_change_x_to_y_changes_every_pair_and_keeps_earlier_edits(dispatcher, domain) -> None:
    slots = {**THANKS_SLOTS, "draft_edits": ["casual:"]}
    entities = edit_with("replace", 0, line="Northwind", **{"with": "Northwind Labs"}) + edit_with(
        "replace", 20, line="logistics coordinator", **{"with": "logistics lead"}
    )
    events = await run_edit(dispatcher, domain, "change both", "edit_draft", entities, slots)
    note, draft = dispatcher.messages
    assert "Northwind Labs" in draft["text"] and "logistics lead" in draft["text"] and "Hi Daniel," in draft["text"]
    assert "logistics coordinator" not in draft["text"] and note["text"].startswith("Changed")
    kept = ["casual:", "replace:Northwind|Northwind Labs", "replace:logistics coordinator|logistics lead"]
    assert SlotSet("draft_edits", kept) in events


async def test_change_of_words_not_in_the_draft_says_so(dispatcher, domain) -> None:
    await run_edit(
        dispatcher,
        domain,
        "change Seattle to Boston",
        "edit_draft",
        edit_with("replace", 0, line="Seattle", **{"with": "Boston"}),
        THANKS_SLOTS,
    )
    assert "no \u201cSeattle\u201d" in dispatcher.messages[0]["text"]


async def test_two_lines_taken_out_one_after_the_other_both_stay_out(dispatcher, domain) -> None:
    slots = {**THANKS_SLOTS, "draft_edits": ["remove:when they decide"]}
    before = await run_edit(dispatcher, domain, "show", "edit_draft", edit("casual"), THANKS_SLOTS)
    assert before
    full = dispatcher.messages[1]["text"]
    dispatcher.messages.clear()
    first = full.split("\n\n")[2].split(". ")[0]
    events = await run_edit(
        dispatcher,
        domain,
        "remove the sentence that starts with ...",
        "edit_draft",
        edit("remove", 0, " ".join(first.split()[:4])),
        slots,
    )
    draft = dispatcher.messages[1]["text"]
    assert first not in draft and "expect to decide" not in draft and "Daniel" in draft
    assert SlotSet("draft_edits", ["remove:when they decide", "remove:" + " ".join(first.split()[:4])]) in events


async def test_the_second_of_two_like_sentences_is_the_only_one_taken_out(dispatcher, domain) -> None:
    line = "Thank you for letting me know."
    slots = {**THANKS_SLOTS, "draft_edits": [f"add_start:{line}", f"add_end:{line}"]}
    await run_edit(
        dispatcher,
        domain,
        "remove the second thank-you sentence",
        "edit_draft",
        edit("remove", 0, "second thank-you sentence"),
        slots,
    )
    assert dispatcher.messages[1]["text"].count(line) == 1


async def test_as_a_text_message_is_one_short_line_signed_with_the_first_name(dispatcher, domain) -> None:
    await run_edit(dispatcher, domain, "make it a short text msg", "edit_draft", edit("text"), THANKS_SLOTS)
    text = dispatcher.messages[1]["text"]
    assert "Subject:" not in text and "\n" not in text and text.startswith("Hi Daniel,") and text.endswith("Lena")
    assert len(text) < 400


def test_the_words_of_the_request_never_go_into_the_line() -> None:
    assert added_sentence("one more sentence at the end saying I can start in January") == "I can start in January."
    assert added_sentence("A line: Happy to send my portfolio.") == "Happy to send my portfolio."
    assert added_sentence("a line saying I'm free on Fridays") == "I'm free on Fridays."


def test_a_question_asked_in_the_users_words_keeps_their_details() -> None:
    line = added_sentence("asking if i need to bring anything like id or steel toe boots", "bring")
    assert line == "I'd also like to ask if I need to bring anything like id or steel toe boots."
    assert "parking" in added_sentence("my question about parking", "parking")
    assert (
        added_sentence("a question asking which door to use", "location") == "I'd also like to ask which door to use."
    )


async def test_fix_both_on_the_coachs_draft_asks_which_change_instead_of_repeating_it(dispatcher, domain) -> None:
    await run_edit(dispatcher, domain, "can you fix both?", "edit_draft", edit("rewrite"), THANKS_SLOTS)
    assert len(dispatcher.messages) == 1 and "change 'Tuesday' to 'Thursday'" in dispatcher.messages[0]["text"]
    assert not dispatcher.messages[0].get("draft_kind")


def test_a_one_line_note_gets_its_wish_after_the_greeting_and_the_known_first_name() -> None:
    note = "Dear Ms. Okafor, I'm writing ahead of our interview on Friday. Looking forward to it. Best, Ana"
    text, _ = apply_edits(note, [("warmer", ""), ("casual", "")], Situation(interviewer_name="Grace Okafor"))
    assert text.startswith("Hi Grace, I hope you're having a good week. I'm writing ahead")


def test_casual_after_warmer_changes_the_warm_sign_off_too() -> None:
    email = "Subject: x\n\nDear Ms. Okafor,\n\nThank you. I am keen.\n\nKind regards,\nAna"
    text, _ = apply_edits(email, [("warmer", ""), ("casual", "")], Situation(interviewer_name="Grace Okafor"))
    assert "Hi Grace,\n\nI hope" in text and text.endswith("Best,\nAna") and "I'm keen" in text


async def test_words_put_after_a_phrase_of_the_draft_go_right_there(dispatcher, domain) -> None:
    entities = edit_with("replace", 0, line="Northwind", **{"with": "(Leeds office)", "at": "after"})
    await run_edit(dispatcher, domain, "put '(Leeds office)' after 'Northwind'", "edit_draft", entities, THANKS_SLOTS)
    assert "Northwind (Leeds office)" in dispatcher.messages[1]["text"]


def test_the_users_reason_for_a_line_and_a_value_in_brackets() -> None:
    assert added_sentence("the time (16:00) so she knows which slot") == "I also wanted to mention the time (16:00)."


def test_keeping_just_one_question_takes_the_others_out() -> None:
    email = (
        "Subject: x\n\nHi Rebecca,\n\nThank you for the invitation. Could you tell me what you will ask me? "
        "I'd also like to ask how big the team is. Looking forward to it!\n\nBest regards,\nLeo"
    )
    text, notes = apply_edits(email, [("keep", "team")], Situation())
    assert "how big the team is" in text and "what you will ask" not in text and "Thank you for the invitation" in text
    assert notes[0].startswith("Taken out")


def test_the_users_own_question_takes_the_place_of_the_coachs_on_the_same_point() -> None:
    email = (
        "Subject: x\n\nDear Nina,\n\nThank you for the invitation. Is there anything you would like me to bring or "
        "have ready? I'm keen to talk with you.\n\nBest regards,\nOla"
    )
    text, notes = apply_edits(email, [("add", "bring|asking if I should bring printed copies")], Situation())
    assert "I'd like to ask if I should bring printed copies." in text and "have ready" not in text
    assert notes[0].startswith("Asked in your words")


def test_an_added_line_goes_before_a_dont_hesitate_closing() -> None:
    email = "Subject: x\n\nDear Ana,\n\nThank you for today. Please don't hesitate to reach out.\n\nBest regards,\nLi"
    text, _ = apply_edits(email, [("add", "I enjoyed the Snowflake demo.")], Situation())
    assert "today. I enjoyed the Snowflake demo. Please don't hesitate" in text


def test_a_part_to_keep_is_put_back_when_shorter_cut_it() -> None:
    email = (
        "Subject: x\n\nDear Ana,\n\nThank you for meeting me today about the analyst role. I enjoyed hearing about "
        "the Snowflake migration and the forecasting work. I believe my SQL work would help the team. If it's "
        "convenient, I'd be grateful to hear when you expect to decide.\n\nBest regards,\nLi"
    )
    short, _ = apply_edits(email, [("shorter", "")], Situation())
    assert "Snowflake" not in short
    text, notes = apply_edits(email, [("retain", "snowflake"), ("shorter", "")], Situation())
    assert "analyst role. I enjoyed hearing about the Snowflake migration" in text and notes[-1].startswith("Kept")


PRE_SLOTS: Dict[str, Any] = {
    "branch": "pre_interview",
    "goal": "logistics",
    "interview_date": "2026-11-26",
    "interview_time": "10:00",
    "interviewer_name": "Marta Lindgren",
    "company": "Halden Freight",
    "role": "fleet planner",
    "question": "parking",
    "last_draft": "pre_confirm_email",
}


async def test_a_second_question_beside_a_new_line_keeps_the_first_and_adds_the_line(dispatcher, domain) -> None:
    """Blind 27a-01: 'mention the two offices, and ask about parking' dropped the address question and said
    'The draft already says that' without the offices line."""
    text = (
        "could you mention that their site lists two depots (Fenwick Lane and Shore Park)? "
        "and I'd like to ask about parking"
    )
    start = text.index("that their")
    entities = [
        {"entity": "edit", "value": "add", "start": text.index("mention"), "end": start - 1},
        {
            "entity": "edit_text",
            "value": text[start + 5 : text.index("?")],
            "role": "add",
            "start": start + 5,
            "end": text.index("?"),
        },
        {"entity": "question", "value": "parking", "start": text.index("parking"), "end": len(text)},
    ]
    tracker = make_tracker(
        text,
        "edit_draft",
        entities=entities,
        slots=answered(PRE_SLOTS),
        earlier=[{"event": "slot", "name": "question", "value": "location", "timestamp": 1.0}],
    )
    tracker.events.append({"event": "slot", "name": "question", "value": "parking", "timestamp": MESSAGE_TIME + 1})
    await ActionEditDraft().run(dispatcher, tracker, domain)
    draft = dispatcher.messages[-1]["text"]
    assert "Is there parking on site" in draft and "Could you confirm the address" in draft
    assert "Your site lists two depots (Fenwick Lane and Shore Park)." in draft  # their site, said to the reader
    assert "already says that" not in " ".join(m["text"] or "" for m in dispatcher.messages)
    assert draft.index("Shore Park") < draft.index("Best regards")


async def test_a_line_added_to_the_users_shortened_draft_keeps_it_short(dispatcher, domain) -> None:
    """Blind 27e-01: after 'shorter', the next change brought every cut sentence back."""
    own = (
        "Subject: Thanks\n\nDear Rohan,\n\nThank you for meeting with me on Tuesday. I enjoyed hearing how your team "
        "moved billing to Go. I have worked with Postgres and Kafka for five years and I think I could help the "
        "platform team a lot. I hope to hear from you soon.\n\nKind regards,\nLucia Romero"
    )
    slots = answered({**THANKS_SLOTS, "interviewer_name": "Rohan Mehta", "user_name": "Lucia Romero"})
    slots.update({"reviewed_draft": own, "last_draft": "own_draft", "draft_edits": ["own_shorter:"]})
    text = "add a line saying I'd be glad to send code samples"
    entities = edit("add", 0, "I'd be glad to send code samples")
    events = await ActionEditDraft().run(dispatcher, make_tracker(text, "edit_draft", entities, slots), domain)
    draft = dispatcher.messages[-1]["text"]
    assert "I'd be glad to send code samples." in draft and "Postgres" not in draft and "billing to Go" in draft
    assert dispatcher.messages[0]["text"].startswith("Added")
    assert SlotSet("draft_edits", ["own_shorter:", "add:I'd be glad to send code samples"]) in events


async def test_shorter_with_a_line_dropped_keeps_a_point_beside_the_opening(dispatcher, domain) -> None:
    """Blind 27e-05: 'cut it in half and drop the portfolio password bit' left only 'Thank you for the call!'."""
    own = (
        "Hi Daniel, thank you for the chat this morning! I liked hearing about the logistics hub in Leeds. "
        "My years of route planning in SAP would help from day one. Let me know if you need my portfolio password. "
        "Have a good week! Best, Lena Brooks"
    )
    slots = answered({**THANKS_SLOTS, "channel": "linkedin"})
    slots.update({"reviewed_draft": own, "last_draft": "own_draft"})
    text = "cut it in half and drop the portfolio password bit"
    entities = edit("shorter") + edit("remove", 20, "portfolio password")
    await ActionEditDraft().run(dispatcher, make_tracker(text, "edit_draft", entities, slots), domain)
    draft = dispatcher.messages[-1]["text"]
    assert "password" not in draft and "thank you for the chat" in draft.lower()
    assert "Leeds" in draft or "route planning" in draft
    assert len(draft.split()) < len(own.split())


async def test_a_question_asked_instead_replaces_the_drafts_one(dispatcher, domain) -> None:
    text = "make it ask about parking instead, and add that I'm bringing my licence"
    entities = edit("add", 40, "I'm bringing my licence") + [
        {"entity": "question", "value": "parking", "role": "instead", "start": 20, "end": 27}
    ]
    tracker = make_tracker(
        text,
        "edit_draft",
        entities=entities,
        slots=answered(PRE_SLOTS),
        earlier=[{"event": "slot", "name": "question", "value": "location", "timestamp": 1.0}],
    )
    tracker.events.append({"event": "slot", "name": "question", "value": "parking", "timestamp": MESSAGE_TIME + 1})
    await ActionEditDraft().run(dispatcher, tracker, domain)
    draft = dispatcher.messages[-1]["text"]
    assert "Is there parking on site" in draft and "confirm the address" not in draft and "licence" in draft


async def test_a_change_to_a_reviewed_note_read_as_off_topic_is_still_made(dispatcher, domain) -> None:
    """Blind 27e-11: 'I'm on a free account, trim it but keep X' after a review got the off-topic note."""
    own = (
        "Dear Dr. Osei, Thank you for the interview on Tuesday for the Lab Analyst role. Hugo Brandt suggested I "
        "connect. I enjoyed discussing your HPLC validation work and hope to stay in touch. Best regards, Nina Kowalski"
    )
    slots = {
        "branch": "post_interview",
        "goal": "thank_you",
        "channel": "linkedin",
        "interviewer_name": "Dr. Osei",
        "reviewed_draft": own,
        "last_draft": "own_draft",
    }
    text = "I'm on a free account. Can you trim it under 200 but keep the mention of Hugo?"
    entities = edit("shorter", 30) + edit("retain", 60, "Hugo")
    tracker = make_tracker(text, "out_of_scope", entities, slots)
    await ActionOutOfScope().run(dispatcher, tracker, domain)
    draft = dispatcher.messages[-1]["text"]
    assert dispatcher.messages[-1].get("draft_kind") == "own_draft" and "Hugo Brandt suggested I connect." in draft
    assert "outside what I" not in " ".join(m["text"] or "" for m in dispatcher.messages)
