"""MessageCues: answers to the coach's questions, case switches, the employer's side and wrong names as entities."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu_components.message_cues import MessageCues


def read(text: str, entities: list | None = None) -> list:
    """The entities after MessageCues, as (type, role, value, the words they cover)."""
    message = Message.build(text)
    message.set("entities", list(entities or []))
    MessageCues({}).process([message])
    found = message.get("entities") + message.get("cues")
    return [(e["entity"], e.get("role"), e["value"], text[e["start"] : e["end"]]) for e in found]


@pytest.mark.parametrize(
    "text, role, value",
    [
        ("nope they just said theyd be in touch", "decision_date", "none_given"),
        ("they didnt say", "decision_date", "none_given"),
        ("it was a quick zoom call", "interview_format", "screen"),
        ("by email i think", "channel", "email"),
        ("I already had it on monday", "branch", "post_interview"),
        ("it was the final round", "stage_reached", "final"),
    ],
)
def test_an_answer_to_the_coachs_question_is_an_entity_with_the_slot_as_role(text: str, role: str, value: str) -> None:
    assert ("answer", role, value) in [found[:3] for found in read(text)]


@pytest.mark.parametrize("text, words", [("no clue", "no clue"), ("i can’t remember", "can’t remember")])
def test_not_knowing_is_its_own_entity_over_the_words_said(text: str, words: str) -> None:
    assert ("unknown_answer", None, "unknown", words) in read(text)


def test_a_plain_answer_is_not_taken_for_not_knowing() -> None:
    assert "unknown_answer" not in [found[0] for found in read("no, nothing yet")]


@pytest.mark.parametrize(
    "text, kinds",
    [
        ("different thing: I also interviewed at Fjordline", {"new"}),
        ("ok and for the first company?", {"back", "first"}),
        ("going back to Kessler", {"back"}),
        ("I interviewed at Kessler last week", set()),
    ],
)
def test_turns_to_another_application_are_case_cues(text: str, kinds: set) -> None:
    assert {found[2] for found in read(text) if found[0] == "case_cue"} == kinds


def test_the_employers_side_in_an_agency_story_is_marked() -> None:
    assert ("company_side", None, "yes", "team lead") in read("can I email the team lead at Ashgrove beforehand?")
    assert "company_side" not in [found[0] for found in read("should I ping my recruiter again?")]


@pytest.mark.parametrize(
    "text, addressed",
    [
        ("is it wise to phone the plant supervisor myself?", True),
        ("I'd sooner email their hiring manager directly", True),
        ("could I ring the client about it", True),
        ("should I message my recruiter about the manager?", False),
        ("what does the hiring manager care about most?", False),
    ],
)
def test_writing_or_calling_someone_at_the_employer_is_marked(text: str, addressed: bool) -> None:
    """Blind B16/B20: 'message the unit manager myself' read as a question for the recruiter."""
    assert ("company_addressee" in [found[0] for found in read(text)]) is addressed


@pytest.mark.parametrize("text, name", [("Ellen, not Helen", "Helen"), ("it isn't helen, it's ellen", "helen")])
def test_a_name_said_to_be_wrong_is_a_negated_name(text: str, name: str) -> None:
    assert ("negated_name", None, name, name) in read(text)


def test_a_negation_before_a_common_word_or_a_day_names_no_one() -> None:
    assert "negated_name" not in [found[0] for found in read("i am not the one who applied, it was not that")]
    assert "negated_name" not in [found[0] for found in read("the interview wasn't friday, not Nov 20")]


@pytest.mark.parametrize("value, means", [("second round", "final"), ("final", "final"), ("zoom", "screen")])
def test_format_and_stage_entities_get_the_value_their_words_mean(value: str, means: str) -> None:
    kind = "interview_format" if value == "zoom" else "stage"
    text = f"it was the {value}"
    given = {"entity": kind, "value": value, "start": text.index(value), "end": len(text)}
    entity = next(e for e in _entities(text, [given]) if e["entity"] == kind)
    assert entity["additional_info"]["means"] == means


def _entities(text: str, given: list) -> list:
    """The raw entities after MessageCues."""
    message = Message.build(text)
    message.set("entities", given)
    MessageCues({}).process([message])
    return message.get("entities")


def test_a_person_followed_by_an_agency_of_the_message_is_marked_as_the_agencys() -> None:
    text = "Working with Tom Becker from Hays, and Dana Ortiz at Norland"
    given = [
        {"entity": "PERSON", "value": "Tom Becker", "start": 13, "end": 23},
        {"entity": "agency", "value": "Hays", "start": 29, "end": 33},
        {"entity": "PERSON", "value": "Dana Ortiz", "start": 39, "end": 49},
    ]
    marked = {e["value"]: (e.get("additional_info") or {}).get("of_agency") for e in _entities(text, given)}
    assert marked["Tom Becker"] is True and marked["Dana Ortiz"] is None


@pytest.mark.parametrize(
    "text, kinds",
    [
        ("so I don't need to send anything, right?", {"checking", "question"}),
        ("ok so bottom line, should I reach out or not?", {"asked_again", "question"}),
        ("great but whatever, this is fine. ty!!", {"closing"}),
        ("forget it, bye", {"closing", "goodbye"}),
        ("Hi Ana, just checking in. Best, Lee\n\nshould I send it?", {"send_question", "asked_again", "question"}),
        ("the interview went fine", set()),
        ("could you address the email to Priya Nair", {"draft_change", "question"}),
        ("you spelled her surname wrong, it has two Ls", {"draft_change"}),
        ("does it read a bit curt?", {"draft_change", "question"}),
        ("hmm which date?", {"clarify", "question"}),
        ("first you said wait, now you say go ahead - make up your mind", {"clarify"}),
        ("how's your weekend going?", {"question"}),
    ],
)
def test_how_a_reply_is_put_is_a_reply_cue(text: str, kinds: set) -> None:
    assert {found[2] for found in read(text) if found[0] == "reply_cue"} == kinds


def test_the_cues_stay_beside_the_entities_so_annotated_tests_are_not_touched() -> None:
    message = Message.build("could you rewrite my CV for me?")
    MessageCues({}).process([message])
    assert message.get("entities") == [] and ("reply_cue", "question") in [
        (e["entity"], e["value"]) for e in message.get("cues")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "nope, nothing to paste. I want your version for Ana",
        "that was an instruction, not a draft",
        "i dont have a draft",
    ],
)
def test_words_to_the_coach_about_a_draft_are_not_a_draft(text: str) -> None:
    assert "not_a_draft" in {found[2] for found in read(text) if found[0] == "reply_cue"}
    assert not [found for found in read(text) if found[0] == "pasted_draft"]


def test_edit_instructions_after_fix_my_draft_are_no_pasted_draft() -> None:
    told = "ok, no pay talk. so please fix my draft: drop the salary question, fix the typos, keep the team questions"
    assert not [found for found in read(told) if found[0] == "pasted_draft"]
    pasted = (
        "please check my draft: Hi Ana, thank you for Monday. Could you tell me when you expect to decide? Best, Jo"
    )
    assert [found for found in read(pasted) if found[0] == "pasted_draft"]


def _org(text: str, name: str, role: str = "company") -> dict:
    start = text.index(name)
    return {"entity": "ORG", "role": role, "value": name, "start": start, "end": start + len(name)}


def _other_case(text: str, companies: list) -> list:
    return [c[3] for c in read(text, [_org(text, n) for n in companies]) if c[0] == "case_cue" and c[2] == "other"]


def test_two_applications_in_one_message_mark_the_words_about_the_second_employer() -> None:
    text = (
        "so I did a panel at Quarry Hill Foods two days ago with Ines, plus I've got a video call with Brackwater "
        "Insurance next Monday with a recruiter called Dev. Should I write to Ines now?"
    )
    found = _other_case(text, ["Quarry Hill Foods", "Brackwater Insurance"])
    assert len(found) == 1
    words = found[0]
    assert words.startswith("I've got a video call with Brackwater") and words.endswith("called Dev")
    assert "Ines now" not in words and "Quarry" not in words


@pytest.mark.parametrize(
    "text, companies",
    [
        # one application, the other employer is where the user works or an offer
        (
            "I work at Fenwick Tools and interviewed with Lumo Health on Monday, can I email them?",
            ["Fenwick Tools", "Lumo Health"],
        ),
        (
            "interviewed at Lumo Health monday, but Fenwick Tools just made me an offer, can I tell Lumo?",
            ["Lumo Health", "Fenwick Tools"],
        ),
        ("had my interview at Lumo Health on monday with Ana", ["Lumo Health"]),
    ],
)
def test_one_application_with_another_employer_named_is_no_second_case(text: str, companies: list) -> None:
    assert _other_case(text, companies) == []


def _person(text: str, name: str, at: str = "") -> dict:
    start = text.index(at or name) + (at or name).index(name)
    return {"entity": "PERSON", "role": "interviewer", "value": name, "start": start, "end": start + len(name)}


def test_what_each_person_talked_about_is_read_after_their_name() -> None:
    text = (
        "panel was Hannah Ortiz and Marcus Lee. Hannah asked about my forklift licence and Marcus talked about "
        "the night shift rota, can you do one note each?"
    )
    message = Message.build(text)
    message.set(
        "entities",
        [
            _person(text, "Hannah Ortiz"),
            _person(text, "Marcus Lee"),
            _person(text, "Hannah", "Hannah asked"),
            _person(text, "Marcus", "Marcus talked"),
        ],
    )
    MessageCues({}).process([message])
    talks = {
        (c["additional_info"]["person"], c["role"], c["value"])
        for c in message.get("cues")
        if c["entity"] == "discussed"
    }
    assert talks == {("Hannah", "asked", "my forklift licence"), ("Marcus", "talked", "the night shift rota")}


def test_an_elliptic_second_subject_and_a_shared_one_are_read_too() -> None:
    text = "Ines mostly grilled me on SQL, Tom on stakeholder reports; with Ruth and I discussed risk and controls."
    message = Message.build(text)
    message.set("entities", [_person(text, "Ines"), _person(text, "Tom")])
    MessageCues({}).process([message])
    talks = {(c["additional_info"]["person"], c["value"]) for c in message.get("cues") if c["entity"] == "discussed"}
    assert talks == {("Ines", "SQL"), ("Tom", "stakeholder reports")}


def test_a_first_name_said_again_without_a_tag_still_carries_what_was_discussed() -> None:
    text = "panel was with Nadia Osei and Graham Pike. Nadia asked about my casework, Graham about the rota."
    message = Message.build(text)
    message.set("entities", [_person(text, "Nadia Osei"), _person(text, "Graham Pike")])
    MessageCues({}).process([message])
    talks = {(c["additional_info"]["person"], c["value"]) for c in message.get("cues") if c["entity"] == "discussed"}
    assert talks == {("Nadia", "my casework"), ("Graham", "the rota")}
