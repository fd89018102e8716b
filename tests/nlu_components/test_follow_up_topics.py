"""EntityRoles tags what a follow-up after an answer asks about (topic_patterns), in many wordings."""

from typing import List

import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu_components.entity_roles import EntityRoles

ROLES = EntityRoles({})


def topics(text: str) -> List[str]:
    """The `topic` values EntityRoles tags in a message."""
    message = Message.build(text)
    message.set("entities", [])
    ROLES.process([message])
    return [e["value"] for e in message.get("entities") if e["entity"] == "topic"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ok so i just turn up on the day?", ["show_up"]),
        ("so I don't need to send anything?", ["show_up"]),
        ("nothing then?", ["show_up"]),
        ("should i get her business card at the end so i can email her after", ["ask_contact"]),
        ("wont that come across as desperate?", ["pushy"]),
        ("would it annoy him", ["pushy"]),
        ("is that weird", ["pushy"]),
        ("what about calling them", ["call_instead"]),
        ("my mom thinks i should just ring them instead", ["call_instead"]),
        ("could i just whatsapp her instead", ["text_message"]),
        ("and if the 2 weeks go by with nothing?", ["deadline_passed"]),
        ("what if i still haven't heard anything by the 15th", ["deadline_passed"]),
        ("do i thank my recruiter as well? she set the whole thing up", ["thank_recruiter"]),
        ("when can i bring up pay?", ["salary"]),
        ("is it ok to mention the salary range", ["salary"]),
        ("add her on linkedin too?", ["linkedin_too"]),
        ("what do i write in it", ["what_to_say"]),
        ("i only have his cell. what do i say when i call?", ["what_to_say"]),
        ("what questions can i ask during the interview", ["interview_questions"]),
        ("can you also ask whether there's parking", ["add_question"]),
        ("im gonna keep applying to other places right?", ["keep_applying"]),
        ("fine. is there anything useful i can do then", ["keep_applying"]),
        ("should i nudge her again?", ["again"]),
        ("can I send another email or is that too much", ["again", "pushy"]),
        ("what should the subject be?", ["subject_line"]),
        ("and whats a good subject line", ["subject_line"]),
        ("what else can i do then", ["keep_applying"]),
        ("do i send the client a thank you too?", ["thank_interviewer"]),
        ("can I bring up that I need weekends off?", ["conditions"]),
        ("how many sentences max?", ["length"]),
        ("i cant make it that day, can i reschedule", ["reschedule"]),
        ("where do i find his email tho", ["find_contact"]),
        ("ok and once the 3 weeks are up and still nothing?", ["deadline_passed"]),
        ("but what if they forget about me", ["deadline_passed"]),
        ("they want my references by friday", ["requested_items"]),
        ("how fast do i need to reply?", ["reply_speed"]),
        ("oh no i spelled her name wrong in the email", ["mistake"]),
        ("yeah but i really wanna", ["anyway"]),
        ("i'll email him anyway", ["anyway"]),
        ("what time should I send it, it's 11pm here", ["send_timing"]),
    ],
)
def test_follow_up_topics_in_many_wordings(text: str, expected: List[str]) -> None:
    assert sorted(topics(text)) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        "I want to say something meaningful in the card",  # wanting something is not "I want to anyway"
        "interview is on thursday with Dana at Holt Dental",
        "they said they'd decide by friday",
        "thanks, that's all",
        "can you make it more formal?",
        "I already emailed her once last week",
    ],
)
def test_story_lines_and_thanks_carry_no_topic(text: str) -> None:
    assert topics(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "is it one thank you for all three or seprate ones",
        "do the two others get their own notes as well?",
        "one email or two, there were two of them",
    ],
)
def test_one_note_or_several_is_the_one_each_topic(text: str) -> None:
    assert "one_each" in topics(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("and when am I allowed to ask about the decision?", ["write_date"]),
        ("when would it be fine to check in on my status", ["write_date"]),
        ("which day would you send it on?", ["write_date"]),
        ("should i just forget about them", ["give_up"]),
        ("is phoning the clinic instead alright?", ["call_instead"]),
        ("would a quick call be better", ["call_instead"]),
        ("isn't my navy blazer enough?", ["dress"]),
        ("can I connect with Dana on linkedin", ["linkedin_too"]),
        ("everyone on the panel, or only the lead?", []),
        ("all four of them or only the manager?", ["one_each"]),
        ("is a week and three days late still ok?", ["too_late"]),
        ("six days later, still fine?", ["too_late"]),
        ("and if he never writes back?", ["no_reply"]),
        ("what if I hear nothing", ["no_reply"]),
        ("r u a bot", ["bot"]),
        ("are you an actual human or what", ["bot"]),
        ("wait, am I talking to a human?", ["bot"]),
        ("they picked someone else, honestly devastated", ["feel_rejected"]),
        ("it has been so draining, months of applications", ["feel_hard_search"]),
        ("i'm stressing out about tomorrow", ["feel_nervous"]),
        ("yikes, the panel is on monday", ["feel_nervous"]),
        ("eeek my very first agency interview", ["feel_nervous"]),
        ("butterflies already and it's two days away", ["feel_nervous"]),
        ("know any tricks to calm down before a panel", ["interview_nerves"]),
        ("right. how about after my interview is done?", ["after_interview"]),
        ("fine. but after the interview?", ["after_interview"]),
        ("any ways to settle myself the evening before?", ["interview_nerves"]),
        ("will it fit into a connection request?", ["connection_note"]),
        ("they'd be identical, wouldn't that come across lazy?", ["identical"]),
        ("what if they compare notes afterwards", ["identical"]),
        ("it's been five days now, do I apologise for that?", ["too_late"]),
        ("wednesday -> tuesday, too late?", ["too_late"]),
        ("I dont even have his email address", ["find_contact"]),
        ("should I message her on linkedin or via email?", ["channel_choice"]),
        ("and if I still hear nothing by the new year?", ["deadline_passed"]),
        ("say it's february and still no news, then what", ["deadline_passed"]),
        ("when would it be alright to check in?", ["write_date"]),
        ("is a third reminder fine at this point?", ["again"]),
        ("am I being a pest?", ["pushy"]),
        ("can't I just ring reception?", ["call_instead"]),
        ("is the draft for texting or emailing?", ["channel_choice"]),
        ("wouldn't tonight be too soon?", ["send_timing"]),
        ("and phoning reception, would that be any better?", ["call_instead"]),
        ("ok. totally unrelated, but do you know any good CV templates?", ["aside"]),
        ("and one random question: best laptop for coding?", ["aside"]),
        ("we're connected already, so that 200 char cap is irrelevant?", ["connection_note"]),
    ],
)
def test_side_questions_and_feelings_in_many_wordings(text: str, expected: List[str]) -> None:
    assert topics(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "it's been hard to decide which offer to take",  # no hardship: a decision
        "connect on linkedin with people before an interview?",  # no one named: not "them too"
        "the recruiter said they'd call me by friday",  # a call told, not asked about
        "would ringing him be better than an email to ask about the job?",  # the main question, not a side one
    ],
)
def test_words_near_a_side_question_that_ask_nothing_of_it(text: str) -> None:
    assert not {"feel_hard_search", "linkedin_too", "call_instead"} & set(topics(text))


@pytest.mark.parametrize(
    "text",
    [
        "ok and if i follow up and still hear nothing, then what",
        "what happens if I nudge her and she still doesn't reply?",
        "and what if my check-in goes unanswered too?",
        "say I send the reminder and get no response, what do I do",
    ],
)
def test_a_chase_that_gets_no_answer_is_its_own_topic(text: str) -> None:
    assert "chased_no_reply" in topics(text)


def test_a_plain_no_reply_question_is_not_about_a_chase() -> None:
    assert "chased_no_reply" not in topics("what if they don't reply to my thank you?")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ok so this is my first ever proper interview, at a bakery on saturday", ["feel_first_time"]),
        ("its my first job interview and idk what to do", ["feel_first_time"]),
        ("never had a real interview before, can i email them", ["feel_first_time"]),
        ("my first interview went well, the second round is friday", []),
        ("after the first interview they said a week", []),
    ],
)
def test_a_first_interview_ever_is_told_apart_from_a_first_round(text: str, expected: List[str]) -> None:
    """Blind 30a-20: "my first ever job interview" got no word about it; a first round is no first time."""
    assert [t for t in topics(text) if t.startswith("feel_")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ok so i shouldnt phone them to look keen? and what about the outfit", {"call_instead", "dress"}),
        ("so I shouldn't call just to seem eager?", {"call_instead"}),
        ("fine. the clothes question still stands though", {"dress"}),
    ],
)
def test_questions_asked_beside_a_correction_are_read(text: str, expected: set) -> None:
    """Blind 30a-20: "so i shouldnt call just to show initiative? and what about the clothes thing" got neither."""
    assert expected <= set(topics(text))


@pytest.mark.parametrize(
    "text",
    [
        "should i do one note per panel member or one for all?",
        "a thank you per interviewer, right?",
        "great, now write the one for the second person too",
        "can you do a note to the other interviewer as well",
    ],
)
def test_a_note_for_each_panel_member_in_other_words(text: str) -> None:
    assert "one_each" in topics(text)


def test_a_note_already_sent_to_the_other_person_asks_for_nothing() -> None:
    assert "one_each" not in topics("i sent one to the other interviewer yesterday")


@pytest.mark.parametrize(
    "text",
    [
        "my consultant sent me for two different jobs at one client, one email about both?",
        "can you check in on both positions with her",
        "they interviewed me for 2 roles on the same day",
    ],
)
def test_one_message_about_two_roles(text: str) -> None:
    assert "two_roles" in topics(text)


def test_a_thank_you_note_to_each_is_one_each() -> None:
    assert "one_each" in topics("we had a panel of two yesterday. thank you note to each?")
