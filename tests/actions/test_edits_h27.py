"""Edits with no draft on screen (h27-B): "How should I change it?" is never asked when no draft was shown."""

from actions.actions import EDIT_CHOICES, ActionEditDraft
from tests.actions.conftest import make_tracker
from tests.actions.test_edits import answered, edit

BEFORE_SLOTS = {
    "branch": "pre_interview",
    "goal": "confirm",
    "interview_date": "2026-12-02",
    "company": "Fennimore & Co",
    "role": "marketing coordinator",
    "channel": "email",
    "told_not_to_contact": "no",
}


async def run(dispatcher, domain, text: str, entities) -> None:
    tracker = make_tracker(text, "edit_draft", entities=entities, slots=answered(BEFORE_SLOTS))
    await ActionEditDraft().run(dispatcher, tracker, domain)


async def test_tips_to_calm_down_after_advice_without_a_draft_never_ask_how_to_change_it(dispatcher, domain) -> None:
    """Blind b30a-04: a nervous user asking for tips got "How should I change it?" twice, with no draft shown."""
    await run(dispatcher, domain, "ok i wont send anything. any quick tips to calm down?", [])
    said = " ".join(str(m.get("text") or m.get("response") or "") for m in dispatcher.messages)
    assert dispatcher.messages and EDIT_CHOICES not in said


async def test_a_rewrite_read_in_a_message_with_no_draft_shown_is_not_asked_about(dispatcher, domain) -> None:
    await run(dispatcher, domain, "what?? there's no draft. i asked how to calm my nerves", edit("rewrite"))
    said = " ".join(str(m.get("text") or m.get("response") or "") for m in dispatcher.messages)
    assert (
        dispatcher.messages and EDIT_CHOICES not in said and not any(m.get("draft_kind") for m in dispatcher.messages)
    )


async def test_with_a_draft_on_screen_a_change_not_named_is_still_asked_about(dispatcher, domain) -> None:
    slots = {**BEFORE_SLOTS, "last_draft": "pre_confirm_email", "draft_shown": True}
    tracker = make_tracker("can you change it", "edit_draft", entities=[], slots=answered(slots))
    await ActionEditDraft().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["text"] == EDIT_CHOICES
