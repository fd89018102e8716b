"""SituationClassifier: the branch first, then the intent; drafts only when the message is one; persisted as JSON."""

from pathlib import Path
from typing import Any

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_components.situation import SituationClassifier, looks_like_draft

BRANCHES = {
    "pre_interview": ["pre_should_contact", "pre_confirm_logistics"],
    "post_interview": ["post_thank_you", "post_status_check", "post_call_or_email"],
}
EXAMPLES = {
    "pre_should_contact": [
        "my interview is next week, may i email the manager first",
        "can i reach out before my interview",
    ],
    "pre_confirm_logistics": [
        "should i confirm the time of my interview tomorrow",
        "no zoom link for my interview yet",
    ],
    "post_thank_you": ["had my interview today, do i send a thank you", "thank you note after the interview"],
    "post_status_check": ["interviewed two weeks ago and heard nothing", "no news since my interview last week"],
    "post_call_or_email": ["after my interview should i call or email", "phone or email to follow up after interview"],
    "review_draft": ["can you check my email", "review my draft please"],
    "greet": ["hi", "hello there"],
}


def build(tmp_path: Path, **config: Any) -> SituationClassifier:
    """A classifier trained on the small example set above."""
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    cfg = {**SituationClassifier.get_default_config(), "branches": BRANCHES, **config}
    component = SituationClassifier.create(cfg, storage, Resource("situation"), context)
    examples = [Message.build(text, intent) for intent, texts in EXAMPLES.items() for text in texts]
    component.train(TrainingData(examples))
    return component


def parse(component: SituationClassifier, text: str) -> Message:
    """Run the component on one message."""
    message = Message.build(text)
    component.process([message])
    return message


def test_branch_mass_decides_and_is_the_reported_confidence(tmp_path: Path) -> None:
    component = build(tmp_path)
    message = parse(component, "it has been ten days since my interview, no news, call or email?")
    situation = message.get("situation")
    assert situation["branch"] == "post_interview"
    assert message.get("intent")["name"] in BRANCHES["post_interview"]
    assert message.get("intent")["confidence"] == pytest.approx(situation["confidence"], abs=1e-3)
    assert 0 < situation["goal_confidence"] < 1


def test_a_branch_wins_over_a_single_likelier_intent(tmp_path: Path) -> None:
    component = build(tmp_path)
    scores = {"greet": 0.4, "post_thank_you": 0.25, "post_status_check": 0.2, "post_call_or_email": 0.15}
    intent, confidence, situation = component._decide("no word since the interview", scores)
    assert (intent, situation["branch"]) == ("post_thank_you", "post_interview")
    assert confidence == pytest.approx(0.6)


def test_facts_told_with_a_branch_add_to_its_confidence_but_do_not_choose_it(tmp_path: Path) -> None:
    component = build(tmp_path)
    scores = {"inform": 0.33, "post_status_check": 0.33, "greet": 0.2, "pre_should_contact": 0.14}
    intent, confidence, situation = component._decide(
        "interview was on monday with Oliver, when can I check in?", scores
    )
    assert (intent, situation["branch"]) == ("post_status_check", "post_interview")
    assert confidence == pytest.approx(0.66)
    facts_only = {"inform": 0.5, "post_status_check": 0.3, "greet": 0.2}
    assert component._decide("it was with Oliver at Sunvale", facts_only)[:2] == ("inform", 0.5)


def test_other_intents_are_groups_of_their_own(tmp_path: Path) -> None:
    component = build(tmp_path)
    intent, confidence, situation = component._decide(
        "hello", {"greet": 0.5, "post_thank_you": 0.3, "pre_should_contact": 0.2}
    )
    assert (intent, confidence, situation) == ("greet", 0.5, {})


def test_long_question_is_never_a_draft(tmp_path: Path) -> None:
    component = build(tmp_path)
    text = (
        "I interviewed for the warehouse lead job two weeks ago and the manager said he would email me by "
        "friday but nothing came, is it ok if i email him again or will that look desperate to them"
    )
    intent, _, _ = component._decide(text, {"review_draft": 0.6, "post_status_check": 0.3, "greet": 0.1})
    assert intent == "post_status_check"


def test_short_request_to_review_stays_a_review(tmp_path: Path) -> None:
    component = build(tmp_path)
    intent, _, _ = component._decide("can you check my email before i send it?", {"review_draft": 0.6, "greet": 0.4})
    assert intent == "review_draft"


def test_a_long_request_to_check_a_pasted_note_is_a_review_and_a_long_question_is_not(tmp_path: Path) -> None:
    component = build(tmp_path)
    pasted = (
        "could you look at this linkedin note before my interview with the head of sales on friday: 'Hi Ms Ortiz, "
        "I am Dev and I am interviewing with you on Friday for the account role, I have six years in field sales "
        "and I would love to hear what the team is like and what the pay range is, thanks so much'"
    )
    scores = {"review_draft": 0.3, "pre_linkedin_message": 0.6, "greet": 0.1}
    assert component._decide(pasted, scores)[0] == "review_draft"
    asked = (
        "could you look at this situation for me, I had two interviews with the head of sales and nobody writes back"
    )
    assert component._decide(asked, {"review_draft": 0.3, "post_status_check": 0.6})[0] == "post_status_check"


def test_a_pasted_letter_is_a_draft(tmp_path: Path) -> None:
    component = build(tmp_path)
    letter = "Dear Ms. Lee,\nThank you for meeting me on Monday about the analyst role.\nBest regards,\nSam"
    assert parse(component, letter).get("intent")["name"] == "review_draft"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi Tom,\nThanks for your time today.\nBest,\nAna", True),
        ("Subject: Thank you\nDear Tom, it was great to meet you.", True),
        ("here's my draft: I wanted to follow up on my interview for the nurse role last week and ask about", True),
        ("Dear advisor, I had my interview last week and nobody called back. Should I email them?", False),
        ("hi, what should i write to the recruiter after two weeks of silence?", False),
        ("Hi Omar I'm meeting you on Tuesday about the buyer role and wanted to say hello first. Thanks! Lea", True),
        ("hi Tom said I should email the manager. Is that ok? Thanks", False),
        ("hi Tom said I should email the manager directly about it. Thanks", False),
        ("long week. this is what I wrote:\n\nYo Kev!! good to meet u on the call, any word on the lead job?", True),
        ("here is what i want to send them: nina, still nothing from the client after two weeks? is it ok", True),
        ("this is what I want to know: should I write to the manager today or wait until the end of next week?", False),
        ("is this ok?\n\nhi mo, its been a week since the interview and no news, any update? thx, ria", True),
        ("I want to send this:\n\nHello, I was wondering about the job. Thank you. Nora", True),
    ],
)
def test_looks_like_draft(text: str, expected: bool) -> None:
    assert looks_like_draft(text) is expected


@pytest.mark.parametrize(
    "text",
    [
        "please you write thank you message for me",
        "does this sound ok?",
        "yeah he said end of next week, thanks",
        "hi, should i email the recruiter or wait? thanks",
        "hi, I had an interview last week with Tom at Initech and nobody called, is writing to him too pushy? thanks",
        # blind-30 style: the story told as "this is my first ...", no text to check
        "so this is my first ever real interview, a cafe on monday. would emailing the owner first be odd?",
        "here's my situation: interview friday, should i message the recruiter?",
    ],
)
def test_review_is_never_the_classifiers_guess(tmp_path: Path, text: str) -> None:
    component = build(tmp_path)
    scores = {"review_draft": 0.7, "post_thank_you": 0.2, "greet": 0.1}
    assert component._decide(text, scores)[0] != "review_draft"


@pytest.mark.parametrize(
    "text",
    [
        "can u review my email",
        "here's what i wrote, is it ok?",
        "please check my email i wrote it for the hiring manager",
        "hi sarah, just checking in on the coordinator job. any update? thanks, jess",
        "Hi Paul, just checking in. Thanks, Ravi",
    ],
)
def test_a_request_to_check_ones_own_text_or_a_signed_letter_is_a_review(tmp_path: Path, text: str) -> None:
    component = build(tmp_path)
    assert component._decide(text, {"review_draft": 0.2, "post_status_check": 0.7, "greet": 0.1})[0] == "review_draft"


def test_persisted_state_loads_back_with_the_same_answers(tmp_path: Path) -> None:
    component = build(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    cfg = {**SituationClassifier.get_default_config(), "branches": BRANCHES}
    loaded = SituationClassifier.load(cfg, LocalModelStorage(tmp_path), Resource("situation"), context)
    text = "my interview is on thursday and there is still no zoom link"
    assert parse(loaded, text).get("intent") == parse(component, text).get("intent")


def test_every_message_gets_an_intent_even_empty_ones(tmp_path: Path) -> None:
    component = build(tmp_path)
    assert parse(component, "").get("intent") == {"name": None, "confidence": 0.0}
    assert parse(component, '/ask_draft{"draft_kind":"thank_you_email"}').get("intent")["name"] is not None


def test_a_review_request_with_the_note_quoted_after_the_question_is_a_review(tmp_path: Path) -> None:
    component = build(tmp_path)
    text = (
        'Could you look at my LinkedIn message to the interviewer before I hit send? "Hey Raj! Saw we have an '
        "interview thursday. Super pumped. Btw what's the dress code? And is the team remote? Cheers, Kim\""
    )
    assert component._decide(text, {"review_draft": 0.3, "pre_linkedin_message": 0.7})[0] == "review_draft"


def test_a_formal_letter_after_a_long_story_is_a_draft() -> None:
    story = "I'm working through an agency and interviewed with the client last week. " * 4
    letter = (
        "Dear Ms. Whitfield,\n\nI am writing to ask about the status of my application.\n\nYours faithfully,\nAlan Cho"
    )
    assert looks_like_draft(f"{story}I drafted this:\n\n{letter}")


def test_asking_for_a_fresh_draft_instead_of_ones_own_is_no_review(tmp_path: Path) -> None:
    component = build(tmp_path)
    scores = {"review_draft": 0.5, "ask_draft": 0.3, "post_thank_you": 0.2}
    text = "please write a fresh thank-you email from scratch, don't reuse my draft"
    assert component._decide(text, scores)[0] != "review_draft"
    assert component._decide("can you look at my draft before I send it?", scores)[0] == "review_draft"


def test_a_signed_letter_with_a_short_question_after_it_is_a_draft() -> None:
    letter = "Hi Dr Mensah,\n\nI wanted to ask about the lab technician role.\n\nThanks,\nPriya Nair"
    assert looks_like_draft(f"is this ok?\n\n{letter}\n\nToo much?")


def test_a_pasted_draft_outranks_a_confident_situation_intent(tmp_path: Path) -> None:
    component = build(tmp_path)
    text = "no word in two weeks. does this work?\n\nhi jo, its been two weeks and no news, any update? thx, ria"
    intent, confidence, _ = component._decide(text, {"review_draft": 0.05, "post_status_check": 0.93, "greet": 0.02})
    assert intent == "review_draft" and confidence >= 0.93


def test_changes_listed_after_fix_my_email_are_an_edit_not_a_review(tmp_path: Path) -> None:
    component = build(tmp_path)
    scores = {"review_draft": 0.5, "edit_draft": 0.45, "greet": 0.05}
    text = "right, so fix my note: cut the bonus question, fix the spelling and leave the rest"
    assert component._decide(text, scores)[0] == "edit_draft"
    assert component._decide("can you fix my note before I send it?", scores)[0] == "review_draft"
    assert not looks_like_draft("ok. please fix my email: take out the pay question, fix the typos, keep the rest")
    assert looks_like_draft("please fix my email:\n\nHi Ana, thank you for Monday, I enjoyed it a lot. Best, Jo")


@pytest.mark.parametrize(
    "text",
    [
        "had my interview with Dana yesterday, can you look over my thank you before i send it?",
        "pls proofread my thank-you",
    ],
)
def test_a_request_to_check_a_thank_you_is_a_review(tmp_path: Path, text: str) -> None:
    component = build(tmp_path)
    assert component._decide(text, {"post_thank_you": 0.6, "review_draft": 0.3, "greet": 0.1})[0] == "review_draft"


def test_thanking_the_coach_is_no_request_to_review(tmp_path: Path) -> None:
    component = build(tmp_path)
    assert component._decide("thank you so much, check back later", {"thanks": 0.6, "review_draft": 0.4})[0] == "thanks"


def test_a_story_then_a_short_request_to_check_a_draft_is_a_review_and_a_timing_question_is_not(tmp_path) -> None:
    component = build(tmp_path)
    story = "had my second interview yesterday with Lotte Vermeer at Quorra Analytics for the BI developer job, "
    story += "went well I think. "
    scores = {"post_thank_you": 0.6, "review_draft": 0.3, "greet": 0.1}
    assert component._decide(story + "can you look over my thank you before i send it?", scores)[0] == "review_draft"
    assert component._decide(story + "should I wait a week before i send anything?", scores)[0] != "review_draft"
