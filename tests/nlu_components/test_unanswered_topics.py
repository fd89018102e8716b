"""EntityRoles tags the side questions blind testers found unanswered: late, ill, another offer, pay, nerves..."""

from typing import List

import pytest
from rasa.shared.nlu.training_data.message import Message

from actions.engine.topics import ranked
from nlu_components.entity_roles import EntityRoles

ROLES = EntityRoles({})


def tagged(text: str, entity: str = "topic") -> List[str]:
    """The values of one entity EntityRoles tags in a message."""
    message = Message.build(text)
    message.set("entities", [])
    ROLES.process([message])
    return [e["value"] for e in message.get("entities") if e["entity"] == entity]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my tram broke down, I'm going to be 10 minutes late for the 2pm interview, what do I do", "running_late"),
        ("traffic is awful and I won't make it on time, ring her or email?", "running_late"),
        ("I've got flu and the panel is on thursday, can I ask to shift the interview?", "reschedule"),
        ("could I ask for another day for the interview?", "reschedule"),
        ("what if the other firm makes me an offer before they decide, can I tell Priya?", "other_offer"),
        ("a different company has offered me a role, can I let the recruiter know", "other_offer"),
        ("I received an offer from a bank and must answer by monday", "other_offer"),
        ("would asking about commission put him off?", "salary"),
        ("can I mention the bonus structure in my email", "salary"),
        ("okay and when can I chase them if nothing comes by then?", "write_date"),
        ("when should i follow up?", "write_date"),
        ("no, the status email for later. when should I send that one?", "write_date"),
        ("when could I send the follow-up then?", "write_date"),
        ("roughly when will I hear back", "how_long"),
        ("the date she promised came and went weeks ago, surely that matters?", "deadline_passed"),
        ("do I admit in the note that it's a bit late?", "too_late"),
        ("and what if Colm just ignores it?", "no_reply"),
        ("ok but if nobody replies?", "no_reply"),
        ("and if Colm doesn't write back, should I nudge him?", "no_reply"),
        ("suppose the end of the month comes and goes with no news?", "deadline_passed"),
        ("great, now the ones for Idris and Wen please", "one_each"),
        ("could you write one for Hal as well", "one_each"),
        ("is adding her on linkedin weird?", "linkedin_too"),
        ("you never said anything about linkedin. is connecting with him fine?", "linkedin_too"),
        ("I never caught the name of the third interviewer, how do I thank him?", "unknown_name"),
        ("I forgot her name, the woman from finance", "unknown_name"),
        ("could I combine the thanks and the update question into one email?", "combine"),
        ("I'm really anxious about tomorrow's interview, how do I settle my nerves?", "interview_nerves"),
        ("I haven't had an interview in ages, any advice?", "interview_nerves"),
    ],
)
def test_a_side_question_is_tagged(text: str, expected: str) -> None:
    assert expected in ranked(tagged(text))


@pytest.mark.parametrize(
    ("text", "left_out"),
    [
        ("is it a bad idea to raise the commission split?", "pushy"),  # the pay question is the real one
        ("I'm so nervous about the phone screen, tips?", "feel_nervous"),  # tips for the interview, not comfort
        ("the train is late and I'll be 15 min late, can I move it?", "reschedule"),  # late today, not another day
        ("I'll be late, what should I say?", "what_to_say"),  # the late answer carries its own wording
    ],
)
def test_the_more_specific_question_outranks_the_general_one(text: str, left_out: str) -> None:
    assert left_out not in ranked(tagged(text))


@pytest.mark.parametrize(
    "text",
    [
        "thank her",
        "i'd like to thank them",
        "I want to thank him for his time",
        "to thank them both",
        "is noon ok for sending the thank-you?",
    ],
)
def test_thank_him_as_an_answer_is_the_thank_you_goal(text: str) -> None:
    assert tagged(text, "goal") == ["thank_you"]


@pytest.mark.parametrize(
    "text",
    [
        "thanks for your help",
        "I was late with my thank-you note",  # late with the note, not late for the interview
        "the interview ran late",
        "when should I send it?",  # timing of the note, not of the status question
        "when can I follow up again?",  # a second follow-up
    ],
)
def test_nearby_wordings_are_not_these_topics(text: str) -> None:
    assert not {"running_late", "write_date"} & set(tagged(text))
    assert tagged(text, "goal") != ["thank_you"] or "thank-you note" in text
