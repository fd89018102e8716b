"""The shape of a date's own words, read in the NLU pipeline for the action server's date resolution."""

from __future__ import annotations

import pytest

from nlu_components.date_shapes import date_shape


@pytest.mark.parametrize(
    "value",
    ["two weeks", "in 2-3 days", "within a couple of business days", "about a week", "after ten days", "3 or 4 days"],
)
def test_a_length_of_time_is_a_period(value: str) -> None:
    assert date_shape(value)["period"] is True


@pytest.mark.parametrize("value", ["two weeks ago", "last week", "the 26th", "friday", "a week from today"])
def test_a_day_or_a_past_time_is_no_period(value: str) -> None:
    assert date_shape(value)["period"] is False


@pytest.mark.parametrize("value", ["next week", "sometime next week", "by the end of the week", "mid next week"])
def test_a_week_said_relative_to_now_is_a_week(value: str) -> None:
    assert date_shape(value)["week"] is True


@pytest.mark.parametrize("value", ["last week", "next weekend", "the week of the 9th"])
def test_other_weeks_are_not(value: str) -> None:
    assert date_shape(value)["week"] is False


@pytest.mark.parametrize(
    ("value", "weekday"),
    [("Tuesday", "tue"), ("on weds", "wed"), ("thurs.", "thu"), ("FRIDAY", "fri")],
)
def test_a_bare_weekday_gives_its_day(value: str, weekday: str) -> None:
    assert date_shape(value)["weekday"] == weekday


@pytest.mark.parametrize("value", ["this month", "next tuesday", "tuesday the 4th", "monthly"])
def test_anything_more_than_a_weekday_gives_none(value: str) -> None:
    assert date_shape(value)["weekday"] is None


def test_this_weekday_is_told_from_this_month_and_this_past_friday() -> None:
    assert date_shape("by this Friday")["this_weekday"] is True
    assert date_shape("this month")["this_weekday"] is False
    assert date_shape("this past friday")["this_weekday"] is False


@pytest.mark.parametrize(
    ("value", "named"),
    [("Dec 26", True), ("12/26", True), ("the 26th", False), ("26", False), ("2-3 business days", False)],
)
def test_a_month_named_or_written_as_a_number(value: str, named: bool) -> None:
    assert date_shape(value)["month_named"] is named
