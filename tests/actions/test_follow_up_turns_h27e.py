"""Follow-up turns read as what they are (session 27, helper E): corrections are no pushback, facts beside thanks
or a goodbye are kept without the advice again, a change asked as a question is made."""

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionAnswerPushback, ActionDefaultAskAffirmation, ActionGiveAdvice, ActionThanks
from tests.actions.conftest import STATUS_SLOTS, make_tracker

# Asked not to check in after applying: the answer is to hold off.
ASKED_NOT_TO = {**STATUS_SLOTS, "told_not_to_contact": "yes", "channel": "email"}


async def answered(slots: dict, domain) -> dict:
    """The slots once the first answer for `slots` was given."""
    events = await ActionGiveAdvice().run(CollectingDispatcher(), make_tracker(slots=slots), domain)
    return {**slots, **{e["name"]: e["value"] for e in events}}


def told(text: str, intent: str, slots: dict, new: dict, entities: list | None = None) -> Tracker:
    """A message that set the slots in `new` this turn (as the extraction does before the action runs)."""
    tracker = make_tracker(text, intent, entities, {**slots, **new})
    tracker.events.extend({"event": "slot", "name": name, "value": value} for name, value in new.items())
    return tracker


def said(dispatcher: CollectingDispatcher) -> str:
    """Everything the coach said, in one string (responses by name)."""
    return "\n".join(m.get("text") or m.get("response") or "" for m in dispatcher.messages)


async def test_a_new_fact_told_as_pushback_gets_the_answer_for_it_not_my_answer_stays(domain) -> None:
    """Blind 30a-20: "they didn't call me, I got an email from HR" got "my answer stays the same"."""
    slots = await answered({**STATUS_SLOTS, "channel": "phone"}, domain)
    reply = CollectingDispatcher()
    tracker = told("they didnt call me tho, it was an email from their HR", "pushback", slots, {"channel": "email"})
    await ActionAnswerPushback().run(reply, tracker, domain)
    text = said(reply)
    assert "my answer stays the same" not in text
    assert text.startswith("Noted (channel: email).")


async def test_pushback_with_no_new_fact_still_stands_by_the_answer(domain) -> None:
    slots = await answered(STATUS_SLOTS, domain)
    reply = CollectingDispatcher()
    await ActionAnswerPushback().run(reply, make_tracker("are you sure about that?", "pushback", slots=slots), domain)
    assert "my answer stays the same" in said(reply)


async def test_a_change_to_the_draft_asked_as_a_question_is_made(domain) -> None:
    """Blind 30a-17: "it says 'X', shouldn't it be 'Y'?" taken for pushback."""
    slots = await answered(STATUS_SLOTS, domain)
    edit = [
        {"entity": "edit", "value": "replace"},
        {"entity": "edit_text", "value": "when you expect to decide", "role": "replace"},
        {"entity": "edit_text", "value": "when a decision is likely", "role": "with"},
    ]
    reply = CollectingDispatcher()
    text = "it says 'when you expect to decide', shouldn't it be 'when a decision is likely'?"
    await ActionAnswerPushback().run(reply, make_tracker(text, "pushback", edit, slots), domain)
    out = said(reply)
    assert "my answer stays the same" not in out
    assert "when a decision is likely" in out


async def test_a_name_told_beside_thanks_signs_the_draft_then_the_welcome(domain) -> None:
    """Blind 30b-15: "ok. im Rick Alvarez. thanks" got only "You're welcome" and the name was lost."""
    slots = await answered(STATUS_SLOTS, domain)
    reply = CollectingDispatcher()
    await ActionThanks().run(
        reply, told("ok. im Rick Alvarez. thanks", "thanks", slots, {"user_name": "Rick Alvarez"}), domain
    )
    out = said(reply)
    assert "Rick Alvarez" in out and "[Your name]" not in out
    assert out.endswith("utter_you_are_welcome")


async def test_thanks_alone_after_an_answer_is_only_the_welcome(domain) -> None:
    slots = await answered(STATUS_SLOTS, domain)
    reply = CollectingDispatcher()
    await ActionThanks().run(reply, make_tracker("thanks!", "thanks", slots=slots), domain)
    assert said(reply) == "utter_you_are_welcome"


async def test_a_fact_beside_thanks_bye_is_noted_in_one_line_without_the_advice_again(domain) -> None:
    """Blind 30a-24: "i never followed up tho, they told me not to. anyway thanks, bye" got the verdict again."""
    slots = await answered(ASKED_NOT_TO, domain)
    reply = CollectingDispatcher()
    tracker = told(
        "i never followed up tho, they told me not to. anyway thanks, bye", "nlu_fallback", slots, {"followed_up": "no"}
    )
    await ActionDefaultAskAffirmation().run(reply, tracker, domain)
    out = said(reply)
    assert out.startswith("Noted (already followed up: no). That doesn't change my answer: hold off")
    assert "respecting that" not in out and "reasons and sources" not in out  # no verdict, no "Why?" again
    assert out.endswith("utter_goodbye")


async def test_a_fact_beside_thanks_that_changes_the_answer_gets_the_new_answer(domain) -> None:
    slots = await answered(ASKED_NOT_TO, domain)
    reply = CollectingDispatcher()
    tracker = told("oh wait they never said not to, thanks", "thanks", slots, {"told_not_to_contact": "no"})
    await ActionThanks().run(reply, tracker, domain)
    out = said(reply)
    assert "Noted (" in out and "hold off" not in out.lower()
