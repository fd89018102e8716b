"""Dates set right, dates by holidays and rough dates: read in the pipeline, put in the right slot, said roughly.

Session 26 (helper C): "not wednesday - TWO WEEKS from today", "no not the 12th, the 21st", "the tuesday before
thanksgiving", "right after christmas", "before the holidays", "like a week ago", and the one list of weekday words.
"""

from datetime import date, datetime, timezone
from typing import Any, Dict, List

import pytest
from rasa.shared.nlu.training_data.message import Message

from actions.engine.advice import changes, decide, situation_facts
from actions.engine.dates import WEEKDAY_PATTERN, WEEKDAY_SHORT, WEEKDAY_TYPOS, WEEKDAYS, read_date, weekday_index
from actions.engine.drafts import render_draft
from actions.engine.situation import Situation
from actions.understanding import ParsedMessage, understand
from nlu_components.date_shapes import date_shape
from nlu_components.entity_roles import EntityRoles, split_corrected_dates
from nlu_components.message_cues import MessageCues

TUESDAY = datetime(2026, 12, 1, 15, 0, tzinfo=timezone.utc)  # Tuesday 1 December 2026 (Thanksgiving was 26 Nov)


def spacy_dates(text: str, *values: str) -> List[Dict[str, Any]]:
    """DATE entities as spaCy reports them, located in text."""
    out = []
    for value in values:
        start = text.index(value)
        out.append(
            {"entity": "DATE", "value": value, "start": start, "end": start + len(value), "extractor": "SpacyEntity"}
        )
    return out


def pipeline(text: str, *values: str) -> List[Dict[str, Any]]:
    """The entities and cues after EntityRoles and MessageCues, given spaCy's DATEs."""
    message = Message.build(text)
    message.set("intent", {"name": "inform", "confidence": 1.0})
    message.set("entities", spacy_dates(text, *values))
    EntityRoles({}).process([message])
    MessageCues({}).process([message])
    return message.get("entities") + message.get("cues")


def dates_of(entities: List[Dict[str, Any]]) -> List[tuple]:
    return [(e["value"], e.get("role")) for e in entities if e["entity"] == "DATE"]


# --- the pipeline splits a wrong day from the day meant --------------------------------------------------------


def test_a_wrong_weekday_run_into_the_day_meant_is_two_dates() -> None:
    text = "no, not wednesday - TWO WEEKS from today"
    found = dates_of(pipeline(text, "wednesday - TWO WEEKS"))
    assert ("wednesday", "negated") in found
    assert [value for value, role in found if role != "negated"] == ["TWO WEEKS from today"]


@pytest.mark.parametrize(
    ("text", "merged", "wrong", "meant"),
    [
        ("no not the 12th, the 21st", "the 12th, the 21st", "the 12th", "the 21st"),
        ("sorry: the 24th, not the 27th", "the 24th, not the 27th", "the 27th", "the 24th"),
        ("nah not friday — monday", "friday — monday", "friday", "monday"),
    ],
)
def test_a_correction_spacy_ran_together_is_split(text: str, merged: str, wrong: str, meant: str) -> None:
    found = dates_of(pipeline(text, merged))
    assert (wrong, "negated") in found
    assert meant in [value for value, role in found if role != "negated"]


def test_a_weekday_and_its_date_stay_one_day() -> None:
    text = "not thursday, dec 10"
    entities = spacy_dates(text, "thursday, dec 10")
    assert split_corrected_dates(text, entities) == entities
    text = "the interview is friday - the 4th"  # nothing said to be wrong: one day, said twice
    entities = spacy_dates(text, "friday - the 4th")
    assert split_corrected_dates(text, entities) == entities


# --- the action server puts the day meant in the slot the wrong day was in ----------------------------------------


def corrected(text: str, slots: Dict[str, Any], *spacy_values: str) -> Dict[str, Any]:
    entities = pipeline(text, *spacy_values)
    return understand(ParsedMessage(text=text, intent="inform", entities=entities), slots, None, TUESDAY)


POST = {"branch": "post_interview", "goal": "status_check", "interviewer_name": "Dana Reyes", "company": "Loopwise"}


def test_two_weeks_from_today_replaces_the_decision_day_said_wrong() -> None:
    slots = {**POST, "interview_date": "2026-11-30", "decision_date": "2026-12-02"}
    update = corrected("no, not wednesday - TWO WEEKS from today", slots, "wednesday - TWO WEEKS")
    assert update.get("decision_date") == "2026-12-15"
    assert "interview_date" not in update


def test_a_day_of_the_month_corrected_stays_after_a_rough_interview() -> None:
    slots = {**POST, "interview_date": "~2026-11-24", "decision_date": "2026-12-12"}
    update = corrected("no not the 12th, the 21st", slots, "the 12th, the 21st")
    assert update.get("decision_date") == "2026-12-21"  # not 21 November, before the interview last week


def test_a_decision_day_of_the_month_after_a_rough_interview_is_after_it() -> None:
    text = "I interviewed with Dana at Loopwise last week, they said they would let me know by the 12th."
    update = understand(
        ParsedMessage(text=text, intent="post_status_check", entities=pipeline(text, "last week", "the 12th")),
        {},
        None,
        TUESDAY,
    )
    assert update["interview_date"] == "~2026-11-24" and update["decision_date"] == "2026-12-12"


def test_a_corrected_interview_weekday_needs_no_interview_word() -> None:
    slots = {**POST, "interview_date": "2026-11-26", "decision_date": "2026-12-04"}
    update = corrected("oops not thursday — wednesday", slots, "thursday", "wednesday")
    assert update.get("interview_date") == "2026-11-25"
    assert "decision_date" not in update


def test_it_was_monday_not_tuesday_moves_the_interview() -> None:
    slots = {**POST, "goal": "thank_you", "interview_date": "2026-11-24"}
    update = corrected("it was monday not tuesday", slots, "monday", "tuesday")
    assert update.get("interview_date") == "2026-11-30"


def test_an_upcoming_interview_day_corrected_with_its_at_the_start() -> None:
    slots = {"branch": "pre_interview", "goal": "logistics", "interview_date": "2026-12-09"}
    update = corrected("wait no, not the 9th, it's the 10th", slots, "the 9th", "the 10th")
    assert update.get("interview_date") == "2026-12-10"


def test_only_the_day_next_to_the_wrong_one_corrects_it() -> None:
    slots = {**POST, "interview_date": "2026-11-26", "decision_date": "2026-12-04"}
    text = "they said the 11th, not friday. and the interview was on wednesday"
    update = corrected(text, slots, "the 11th", "friday", "wednesday")
    assert update.get("decision_date") == "2026-12-11"
    assert update.get("interview_date") == "2026-11-25"


# --- holidays: the sensible year, rough when the words are ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "prefer", "now", "day", "approximate"),
    [
        ("the tuesday before thanksgiving", "past", TUESDAY, date(2026, 11, 24), False),
        # said the day after that Tuesday, before Thanksgiving itself: yesterday, not a year back
        (
            "the tuesday before thanksgiving",
            "past",
            datetime(2026, 11, 25, 9, tzinfo=timezone.utc),
            date(2026, 11, 24),
            False,
        ),
        ("right after christmas", "future", TUESDAY, date(2026, 12, 26), True),
        ("right after christmas", "past", datetime(2027, 1, 12, 9, tzinfo=timezone.utc), date(2026, 12, 26), True),
        ("the week after new year's", "future", TUESDAY, date(2027, 1, 6), True),
        ("before the holidays", "nearest", TUESDAY, date(2026, 12, 22), True),
        ("before the holidays", "past", datetime(2027, 1, 8, 9, tzinfo=timezone.utc), date(2026, 12, 22), True),
        ("after the holidays", "future", TUESDAY, date(2027, 1, 4), True),
        ("the day after christmas", "future", TUESDAY, date(2026, 12, 26), False),
    ],
)
def test_days_by_holidays(text: str, prefer: str, now: datetime, day: date, approximate: bool) -> None:
    read = read_date(text, now, prefer=prefer)
    assert read is not None and (read.day, read.approximate) == (day, approximate)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("my interview with Joe at Corvane is right after christmas, can I email him first?", "right after christmas"),
        ("the interview is the week after new year's", "the week after new year's"),
        ("they told me they'd make a decision before the holidays", "before the holidays"),
    ],
)
def test_holiday_phrases_are_whole_dates(text: str, phrase: str) -> None:
    spacy = [v for v in ("christmas", "new year's") if v in text and v in phrase]
    assert phrase in [value for value, _ in dates_of(pipeline(text, *spacy))]


def test_a_decision_before_the_holidays_is_a_rough_decision_date() -> None:
    text = "they told me they'd make a decision before the holidays, I interviewed with Sam on friday"
    update = understand(
        ParsedMessage(text=text, intent="post_status_check", entities=pipeline(text, "friday")), {}, None, TUESDAY
    )
    assert update["decision_date"] == "~2026-12-22" and update["interview_date"] == "2026-11-27"


# --- rough dates stay rough in advice and drafts -----------------------------------------------------------------


def test_a_rough_decision_date_is_rough_in_the_verdict() -> None:
    situation = Situation(**{**POST, "interview_date": "2026-11-27", "decision_date": "~2026-12-31"})
    verdict = decide(situation, TUESDAY).items[0].text
    assert "by late December" in verdict and "31 Dec" not in verdict and "Thu" not in verdict.split(":")[0]


def test_a_rough_interview_day_is_rough_in_the_verdict() -> None:
    situation = Situation(**{**POST, "interview_date": "~2026-11-24", "decision_date": "none_given"})
    _, values = situation_facts(situation, TUESDAY)
    assert values["interview_day"] == "a day last week"
    verdict = decide(situation, TUESDAY).items[0].text
    assert "(a day last week)" in verdict and "24 Nov" not in verdict


def test_what_changed_says_a_rough_date_roughly() -> None:
    before = {"decision_date": "2026-12-02"}
    situation = Situation(**{**POST, "interview_date": "2026-11-30", "decision_date": "~2026-12-07"})
    said = " ".join(changes(before, situation, TUESDAY.date()))
    assert "decision date: early next week" in said and "7 Dec" not in said


def test_a_rough_decision_date_in_a_draft_names_no_day() -> None:
    situation = Situation(
        **{**POST, "goal": "decision_passed", "interview_date": "~2026-11-03", "decision_date": "~2026-11-20"}
    )
    draft = render_draft("decision_followup_email", situation, TUESDAY).text
    assert "a decision was expected in mid-November" in draft
    assert not any(day in draft for day in ("Monday", "Tuesday", "Friday", "Friday 20", "20 November", "3 November"))


# --- one list of weekday words --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word",
    [w for day in WEEKDAYS for w in (day, *WEEKDAY_SHORT[day], *WEEKDAY_TYPOS[day])],
)
def test_every_weekday_word_reads_the_same_in_the_pipeline_and_the_date_reader(word: str) -> None:
    day = weekday_index(word)
    assert date_shape(word)["weekday"] == WEEKDAYS[day][:3]
    read = read_date(word, TUESDAY, prefer="future")
    assert read is not None and read.day.weekday() == day
    entities = pipeline(f"the interview is {word}")
    assert word in [value for value, _ in dates_of(entities)]


@pytest.mark.parametrize("word", ["month", "sunny", "saturated", "monster", "wedding", "fries", "thumb"])
def test_words_that_start_like_a_weekday_are_none(word: str) -> None:
    assert date_shape(word)["weekday"] is None
    assert not __import__("re").fullmatch(WEEKDAY_PATTERN, word)


def test_the_end_of_the_month_said_at_an_interview_last_month_is_that_month_s_end() -> None:
    text = "I interviewed sometime last month with Laura Kent and she said they'd decide by the end of the month"
    entities = pipeline(text, "last month", "the end of the month")
    assert [e["additional_info"]["month"] for e in entities if e["entity"] == "DATE"] == [False, True]
    update = understand(ParsedMessage(text=text, intent="post_status_check", entities=entities), {}, None, TUESDAY)
    assert update["decision_date"] == "~2026-11-30"  # said in November, not the end of December


def test_the_end_of_the_month_said_at_today_s_interview_is_this_month_s_end() -> None:
    text = "just had the interview this morning, they'll decide by the end of the month"
    entities = pipeline(text, "this morning", "the end of the month")
    update = understand(ParsedMessage(text=text, intent="post_status_check", entities=entities), {}, None, TUESDAY)
    assert update["decision_date"] == "~2026-12-31"
