"""A pasted draft is reviewed against the story told before it; a question with no draft is no draft to review."""

from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet

from actions.actions import ActionAcknowledge, ActionDefaultAskAffirmation, ActionExtractSituation, ActionReviewDraft
from tests.actions.conftest import make_tracker

DRAFT = (
    "Subject: Thank you – BI Developer interview\n\nDear Lotte,\n\nThank you for meeting me yesterday about the "
    "BI Developer position at Northwind Systems. I enjoyed hearing about the metrics layer.\n\nKind regards,\nRuben"
)
STORY = {"branch": "post_interview", "goal": "thank_you", "interviewer_name": "Lotte Vermeer"}


async def test_asked_whether_to_send_it_where_the_draft_should_be_is_no_draft(dispatcher, domain) -> None:
    slots = {**STORY, "requested_slot": "draft_text"}
    tracker = make_tracker("is it ok to send this?", "nlu_fallback", slots=slots, active_loop="draft_review_form")
    events = await ActionExtractSituation().run(dispatcher, tracker, domain)
    assert not any(e.get("name") == "draft_text" for e in events)


async def test_a_short_draft_pasted_where_the_draft_should_be_is_still_reviewed(dispatcher, domain) -> None:
    note = "Hi Lotte, thanks for yesterday, I enjoyed it. Best, Ruben"
    slots = {**STORY, "requested_slot": "draft_text"}
    tracker = make_tracker(note, "review_draft", slots=slots, active_loop="draft_review_form")
    events = await ActionExtractSituation().run(dispatcher, tracker, domain)
    assert SlotSet("draft_text", note) in events


async def test_is_it_ok_to_send_this_with_nothing_pasted_asks_for_the_draft(dispatcher, domain) -> None:
    tracker = make_tracker("is it ok to send this?", "nlu_fallback")
    events = await ActionDefaultAskAffirmation().run(dispatcher, tracker, domain)
    assert events == [ActiveLoop(None), FollowupAction("draft_review_form")] and not dispatcher.messages


async def test_is_it_ok_to_send_this_after_my_draft_is_not_a_request_to_paste_one(dispatcher, domain) -> None:
    slots = {**STORY, "last_draft": "thank_you", "advised": "{}"}
    tracker = make_tracker("is it ok to send this?", "nlu_fallback", slots=slots)
    events = await ActionDefaultAskAffirmation().run(dispatcher, tracker, domain)
    assert FollowupAction("draft_review_form") not in events


async def test_the_drafts_company_does_not_replace_the_one_the_user_told(dispatcher, domain) -> None:
    slots = {**STORY, "company": "Quorra Analytics", "requested_slot": "draft_text"}
    at = DRAFT.index("Northwind Systems")
    org = {"entity": "ORG", "value": "Northwind Systems", "role": "company", "start": at, "end": at + 17}
    org["additional_info"] = {"named_outright": True}
    pasted = {"entity": "pasted_draft", "value": DRAFT, "start": 0, "end": len(DRAFT)}
    tracker = make_tracker(DRAFT, "review_draft", [org, pasted], slots=slots, active_loop="draft_review_form")
    events = await ActionExtractSituation().run(dispatcher, tracker, domain)
    assert not any(e.get("name") == "company" for e in events) and SlotSet("draft_text", DRAFT) in events


async def test_the_review_names_the_other_company(dispatcher, domain) -> None:
    slots = {**STORY, "company": "Quorra Analytics", "draft_text": DRAFT}
    await ActionReviewDraft().run(dispatcher, make_tracker(DRAFT, "review_draft", slots=slots), domain)
    said = " ".join(m["text"] for m in dispatcher.messages)
    assert "“Northwind Systems”" in said and "Quorra Analytics" in said and "I'd send it as it is" not in said


async def test_yes_clean_it_up_after_a_review_rewrites_the_users_draft(dispatcher, domain) -> None:
    own = "Hi Dev,\n\nThanks sooo much for the interview today lol. I think I did really good??\n\nCheers,\nJana"
    slots = {"last_draft": "own_draft", "reviewed_draft": own}
    edit = [{"entity": "edit", "value": "rewrite", "start": 9, "end": 22}]
    await ActionAcknowledge().run(dispatcher, make_tracker("yeah can u clean it up", "affirm", edit, slots), domain)
    draft = dispatcher.messages[-1]["text"]
    assert draft.startswith("Hi Dev,") and "sooo" not in draft and "lol" not in draft and "did really well" in draft


async def test_an_interview_this_morning_said_in_the_past_is_behind(dispatcher, domain) -> None:
    text = "had my interview this morning with Dev at Copperleaf, does this sound ok?"
    at = text.index("this morning")
    date = {"entity": "DATE", "value": "this morning", "role": "interview", "start": at, "end": at + 12}
    date["additional_info"] = {"tense": "past", "interview_cue": True}
    events = await ActionExtractSituation().run(dispatcher, make_tracker(text, "nlu_fallback", [date]), domain)
    assert SlotSet("branch", "post_interview") in events
