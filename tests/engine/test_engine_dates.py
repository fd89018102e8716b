from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from actions.engine.dates import (
    fmt_approx,
    fmt_day,
    fmt_days,
    fmt_range,
    follow_up_day,
    now_from,
    outreach_window,
    parse_date,
    parse_time,
    pre_interview_verdict,
    read_date,
    status_check_day,
    wait_verdict,
)

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=timezone.utc)


def at(year: int, month: int, day: int, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("text", "prefer", "expected"),
    [
        ("next Thursday", "future", date(2026, 11, 26)),
        ("Thursday", "future", date(2026, 11, 26)),
        ("thursday", "past", date(2026, 11, 19)),
        ("by Friday", "future", date(2026, 11, 27)),
        ("before friday", "future", date(2026, 11, 27)),
        ("until Monday", "future", date(2026, 11, 23)),
        ("this Friday", "future", date(2026, 11, 27)),
        ("last Friday", "future", date(2026, 11, 20)),
        ("on the 3rd", "future", date(2026, 12, 3)),
        ("the 3rd", "past", date(2026, 11, 3)),
        ("on the 31st", "future", date(2026, 12, 31)),
        ("two weeks ago", "past", date(2026, 11, 8)),
        ("tomorrow at 2pm", "future", date(2026, 11, 23)),
        ("tomorrow morning", "future", date(2026, 11, 23)),
        ("Nov 24", "future", date(2026, 11, 24)),
        ("Nov 20", "past", date(2026, 11, 20)),
        ("24/11", "future", date(2026, 11, 24)),
        ("11/24", "future", date(2026, 11, 24)),
        ("3/12", "future", date(2027, 3, 12)),
        ("yesterday", "past", date(2026, 11, 21)),
        ("today", "future", date(2026, 11, 22)),
        ("2026-11-30", "future", date(2026, 11, 30)),
        ("in two weeks", "future", date(2026, 12, 6)),
        ("two weeks", "past", date(2026, 11, 8)),
        ("two weeks", "future", date(2026, 12, 6)),
        ("3 days", "past", date(2026, 11, 19)),
        ("a week", "future", date(2026, 11, 29)),
        ("Thursday afternoon at 3", "future", date(2026, 11, 26)),
        ("1 Jan", "future", date(2027, 1, 1)),
        ("31/12/2026", "past", date(2026, 12, 31)),
    ],
)
def test_parse_date_understands_common_phrases(text: str, prefer: str, expected: date) -> None:
    assert parse_date(text, NOW, prefer) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("my interview three days ago", date(2026, 11, 19)), ("the screen yesterday", date(2026, 11, 21))],
)
def test_a_date_span_that_names_the_meeting_still_reads_as_a_day(text: str, expected: date) -> None:
    """Suite GJ03: spaCy's span 'an interview five days ago' left the interview undated."""
    assert parse_date(text, NOW, "past") == expected


def test_next_weekday_means_next_week_when_the_day_is_still_in_this_week() -> None:
    monday = at(2026, 11, 23)
    assert parse_date("Friday", monday) == date(2026, 11, 27)
    assert parse_date("next Friday", monday) == date(2026, 12, 4)


@pytest.mark.parametrize(
    "text", ["", "   ", "hello", "no", "a", "May", "next week", "soon", "I don't know", "2pm", "31/02", "13/13"]
)
def test_parse_date_returns_none_instead_of_guessing(text: str) -> None:
    assert parse_date(text, NOW) is None


def test_parse_date_uses_the_local_day_of_an_aware_now() -> None:
    tokyo = now_from(at(2026, 11, 22, 23).timestamp() + 30 * 60, "Asia/Tokyo")
    assert tokyo.date() == date(2026, 11, 23)
    assert parse_date("tomorrow", tokyo) == date(2026, 11, 24)
    assert parse_date("today", tokyo) == date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2pm", "14:00"),
        ("at 2:30 pm", "14:30"),
        ("14:30", "14:30"),
        ("noon", "12:00"),
        ("9.30am", "09:30"),
        ("12am", "00:00"),
        ("tomorrow", None),
        # an hour said without am/pm for an interview is in the working day (blind 23a-05/08)
        ("3:30", "15:30"),
        ("at 11", "11:00"),
        ("at 2", "14:00"),
        ("9:30", "09:30"),
        ("09:30", "09:30"),
        ("7:30 in the morning", "07:30"),
        ("3:30 in the afternoon", "15:30"),
        ("3:30 am", "03:30"),
        ("13pm", None),
        ("25:00", None),
        ("", None),
    ],
)
def test_parse_time(text: str, expected: str) -> None:
    assert parse_time(text) == expected


def test_now_from_time_zones() -> None:
    stamp = datetime(2026, 11, 22, 23, 30, tzinfo=timezone.utc).timestamp()
    assert now_from(stamp, "Asia/Tokyo").date() == date(2026, 11, 23)
    assert now_from(stamp, None).date() == date(2026, 11, 22)
    assert now_from(stamp, "Not/AZone").utcoffset() == timedelta(0)
    plus_two = now_from(stamp, "+02:00")
    assert plus_two.utcoffset() == timedelta(hours=2)
    assert plus_two.date() == date(2026, 11, 23)
    assert now_from(stamp, "UTC-5").utcoffset() == timedelta(hours=-5)
    assert now_from(stamp, "-0930").utcoffset() == -timedelta(hours=9, minutes=30)
    assert now_from(None, "Europe/Paris").tzinfo is not None


def test_formatting() -> None:
    assert fmt_day(date(2026, 11, 23)) == "Mon 23 Nov"
    assert fmt_day(date(2027, 1, 4), ref=date(2026, 11, 22)) == "Mon 4 Jan 2027"
    assert fmt_range(date(2026, 11, 23), date(2026, 11, 24)) == "Mon 23 or Tue 24 Nov"
    assert fmt_range(date(2026, 11, 25), date(2026, 11, 27)) == "Wed 25 to Fri 27 Nov"
    assert fmt_range(date(2026, 11, 30), date(2026, 12, 1)) == "Mon 30 Nov or Tue 1 Dec"
    assert fmt_range(date(2026, 11, 26), date(2026, 11, 26)) == "Thu 26 Nov"
    assert fmt_days([date(2026, 11, 26), date(2026, 11, 27), date(2026, 11, 30)]) == "Thu 26, Fri 27 or Mon 30 Nov"


def test_outreach_window_skips_weekends() -> None:
    today = date(2026, 11, 22)
    assert outreach_window(date(2026, 11, 26), today).text() == "Mon 23 to Wed 25 Nov"
    assert outreach_window(date(2026, 11, 30), today).text() == "Wed 25 to Fri 27 Nov"
    assert outreach_window(date(2026, 12, 1), today).text() == "Thu 26, Fri 27 or Mon 30 Nov"
    assert outreach_window(date(2026, 11, 25), date(2026, 11, 23)).days == (date(2026, 11, 23), date(2026, 11, 24))


def test_follow_up_and_status_days_handle_month_year_and_weekends() -> None:
    assert follow_up_day(date(2026, 11, 20)) == date(2026, 11, 27)
    assert follow_up_day(date(2027, 1, 31)) == date(2027, 2, 8)  # Sun 7 Feb -> Mon 8 Feb
    assert follow_up_day(date(2026, 12, 28)) == date(2027, 1, 4)
    assert follow_up_day(date(2026, 11, 21)) == date(2026, 11, 30)  # Sat -> Mon
    assert status_check_day(date(2026, 11, 2)) == date(2026, 11, 16)
    assert status_check_day(date(2026, 12, 19)) == date(2027, 1, 4)  # Sat 2 Jan -> Mon 4 Jan


def test_wait_verdict() -> None:
    today = date(2026, 11, 22)
    assert wait_verdict(date(2026, 11, 27), today).text == "too early — wait until Fri 27 Nov"
    assert wait_verdict(today, today).kind == "write_today"
    passed = wait_verdict(date(2026, 11, 16), today)
    assert passed.kind == "date_passed"
    assert passed.text == "that date has passed (Mon 16 Nov) — you can write today"


@pytest.mark.parametrize(
    ("interview", "today", "kind"),
    [
        (date(2026, 11, 26), date(2026, 11, 22), "too_early"),
        (date(2026, 11, 25), date(2026, 11, 23), "in_window"),
        (date(2026, 11, 30), date(2026, 11, 28), "window_passed"),
        (date(2026, 11, 23), date(2026, 11, 22), "interview_tomorrow"),
        (date(2026, 11, 22), date(2026, 11, 22), "interview_today"),
        (date(2026, 11, 20), date(2026, 11, 22), "interview_passed"),
    ],
)
def test_pre_interview_verdict(interview: date, today: date, kind: str) -> None:
    assert pre_interview_verdict(interview, today).kind == kind


def test_interview_tomorrow_verdict_says_too_late() -> None:
    text = pre_interview_verdict(date(2026, 11, 23), date(2026, 11, 22)).text
    assert "too late for a pre-interview note" in text
    assert "logistics" in text


def test_parsing_at_many_times_of_one_day_does_not_grow_dateparser_caches() -> None:
    """dateparser caches per distinct settings; one relative base per day keeps those caches bounded."""
    from dateparser.languages.dictionary import Dictionary

    start = datetime(2026, 11, 22, 0, 1, tzinfo=timezone.utc)
    parse_date("in three days", start)
    before = len(Dictionary._split_relative_regex_cache)
    results = {parse_date("in three days", start + timedelta(minutes=7 * n)) for n in range(200)}
    assert results == {date(2026, 11, 25)}
    assert len(Dictionary._split_relative_regex_cache) == before


WEDNESDAY = datetime(2026, 11, 18, 10, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("text", "prefer", "expected", "approximate"),
    [
        ("tday", "past", date(2026, 11, 18), False),
        ("tmrw", "future", date(2026, 11, 19), False),
        ("by tmrw at 2pm", "future", date(2026, 11, 19), False),
        ("end of next week", "future", date(2026, 11, 27), True),
        ("early next week", "future", date(2026, 11, 23), True),
        ("before thanksgiving", "future", date(2026, 11, 25), False),
        ("by thanksgiving", "future", date(2026, 11, 26), False),
        ("in a couple of days", "future", date(2026, 11, 20), True),
        ("about a week ago", "past", date(2026, 11, 11), True),
        ("a few weeks back", "past", date(2026, 10, 28), True),
        ("last month", "past", date(2026, 10, 19), True),
        ("two weeks ago", "past", date(2026, 11, 4), False),
        ("last tuesday", "past", date(2026, 11, 10), False),  # yesterday would be "yesterday"
        ("last monday", "past", date(2026, 11, 16), False),
        ("the 17th", "nearest", date(2026, 11, 17), False),
        ("the 25th", "nearest", date(2026, 11, 25), False),
        ("tuesday", "nearest", date(2026, 11, 17), False),
        ("11/10", "past", date(2026, 11, 10), False),
    ],
)
def test_read_date_shorthand_approximate_and_nearest(text: str, prefer: str, expected: date, approximate: bool) -> None:
    read = read_date(text, WEDNESDAY, prefer=prefer)
    assert read is not None and read.day == expected and read.approximate is approximate
    assert read.slot_value() == ("~" if approximate else "") + expected.isoformat()


def test_numeric_dates_are_day_first_in_day_first_time_zones() -> None:
    paris = datetime(2026, 11, 18, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
    new_york = datetime(2026, 11, 18, 10, 0, tzinfo=ZoneInfo("America/New_York"))
    assert parse_date("3/12", paris, prefer="future") == date(2026, 12, 3)
    assert parse_date("3/12", new_york, prefer="future") == date(2027, 3, 12)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 16), "a few days ago"),
        (date(2026, 11, 11), "last week"),
        (date(2026, 10, 20), "a few weeks ago"),
        (date(2026, 11, 25), "next week"),
    ],
)
def test_approximate_days_are_said_in_words(day: date, expected: str) -> None:
    assert fmt_approx(day, WEDNESDAY.date()) == expected


def test_a_length_of_time_is_not_a_day() -> None:
    assert parse_date("3 months", WEDNESDAY, prefer="future") is None
    assert parse_date("two years", WEDNESDAY, prefer="past") is None


def test_a_bare_weekday_ahead_is_never_today() -> None:
    monday = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)
    assert parse_date("monday", monday, prefer="future") == date(2026, 12, 7)
    assert parse_date("this monday", monday, prefer="future") == date(2026, 11, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("thursday the 3rd", date(2026, 12, 3)),
        ("Thursday, December 10th", date(2026, 12, 10)),
        ("wed the 9th", date(2026, 12, 9)),
    ],
)
def test_a_weekday_with_the_day_of_the_month(text: str, expected: date) -> None:
    monday = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)
    assert parse_date(text, monday, prefer="future") == expected


@pytest.mark.parametrize(
    ("text", "prefer", "expected"),
    [
        ("Monday the 14th", "past", date(2026, 12, 14)),  # 14 Nov is a Saturday: the Monday is ahead
        ("monday 14th", "nearest", date(2026, 12, 14)),
        ("saturday the 14th", "future", date(2026, 11, 14)),  # only the past 14th is a Saturday
        ("thu the 3rd", "past", date(2026, 12, 3)),  # 3 Nov is a Tuesday
        ("tuesday the 10th", "past", date(2026, 11, 10)),  # both sides fit nothing else: the past Tuesday
        ("wednesday the 16th", "future", date(2026, 12, 16)),
        ("friday the 16th", "future", date(2026, 12, 16)),  # no near month fits: a slip, the day of the month rules
    ],
)
def test_the_weekday_picks_the_month_of_a_bare_day(text: str, prefer: str, expected: date) -> None:
    tuesday = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)
    assert parse_date(text, tuesday, prefer=prefer) == expected


@pytest.mark.parametrize(
    ("text", "prefer", "expected", "approximate"),
    [
        ("two weeks", "past", date(2026, 11, 4), True),  # "it's been two weeks"
        ("in 2-3 days", "future", date(2026, 11, 21), True),
        ("within a week", "future", date(2026, 11, 25), False),
        ("after thanksgiving", "future", date(2026, 11, 27), True),
        ("this morning", "past", date(2026, 11, 18), False),
        ("earlier this afternoon", "past", date(2026, 11, 18), False),
        ("this coming friday", "future", date(2026, 11, 20), False),
        ("a week from friday", "future", date(2026, 11, 27), False),
        ("two weeks from today", "future", date(2026, 12, 2), False),
    ],
)
def test_lengths_ranges_and_days_counted_from_another(
    text: str, prefer: str, expected: date, approximate: bool
) -> None:
    read = read_date(text, WEDNESDAY, prefer=prefer)
    assert read is not None and (read.day, read.approximate) == (expected, approximate)


@pytest.mark.parametrize(
    ("text", "prefer", "expected", "approximate"),
    [
        ("a fortnight ago", "past", date(2026, 11, 4), False),
        ("this past monday", "past", date(2026, 11, 16), False),
        ("over the weekend", "past", date(2026, 11, 14), True),
        ("this weekend", "future", date(2026, 11, 21), True),
        ("mid november", "past", date(2026, 11, 15), True),
        ("early december", "future", date(2026, 12, 5), True),
        ("the monday after thanksgiving", "future", date(2026, 11, 30), False),
        ("next Wednesday, Nov 25", "future", date(2026, 11, 25), False),
        ("the 24th of this month", "future", date(2026, 11, 24), False),
    ],
)
def test_weekends_parts_of_months_and_days_named_twice(
    text: str, prefer: str, expected: date, approximate: bool
) -> None:
    read = read_date(text, WEDNESDAY, prefer=prefer)
    assert read is not None and (read.day, read.approximate) == (expected, approximate)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("by the end of the month", date(2026, 11, 30)),
        ("end of next month", date(2026, 12, 31)),
        ("mid next month", date(2026, 12, 15)),
    ],
)
def test_part_of_this_or_next_month_is_an_approximate_day(text: str, expected: date) -> None:
    read = read_date(text, datetime(2026, 11, 20, 10, tzinfo=timezone.utc))
    assert read is not None and read.day == expected and read.approximate


def test_nearest_holiday_is_the_one_just_gone_when_it_is_closer() -> None:
    now = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)
    assert read_date("before thanksgiving", now, prefer="nearest").day == date(2026, 11, 25)
    assert read_date("christmas", now, prefer="nearest").day == date(2026, 12, 25)


MONDAY_30 = at(2026, 11, 30)


@pytest.mark.parametrize(
    ("text", "prefer", "expected", "approximate"),
    [
        ("the monday before last", "future", date(2026, 11, 16), False),  # past whatever the side asked for
        ("friday before last week", "future", date(2026, 11, 20), False),
        ("wednesday after next", "past", date(2026, 12, 9), False),
        ("end of last week", "future", date(2026, 11, 27), True),
        ("the end of this week", "past", date(2026, 12, 4), True),
        ("sometime next week", "past", date(2026, 12, 11), True),  # no day named: the end of that week
        ("at some point next week", "future", date(2026, 12, 11), True),
        ("in 20 min", "past", date(2026, 11, 30), False),
        ("in half an hour", "future", date(2026, 11, 30), False),
        ("in an hour", "future", date(2026, 11, 30), False),
    ],
)
def test_weeks_before_last_parts_of_weeks_and_minutes_ahead(
    text: str, prefer: str, expected: date, approximate: bool
) -> None:
    read = read_date(text, MONDAY_30, prefer)
    assert read is not None and (read.day, read.approximate) == (expected, approximate)


@pytest.mark.parametrize("typo, weekday", [("wedensday", 2), ("on thrusday", 3), ("last tuseday", 1), ("firday", 4)])
def test_a_mistyped_weekday_is_read_as_the_weekday_meant(typo: str, weekday: int) -> None:
    read = read_date(typo, NOW, prefer="past" if typo.startswith("last") else "future")
    assert read is not None and read.day.weekday() == weekday and abs((read.day - NOW.date()).days) <= 7


def test_days_listed_by_commas_give_the_exact_one() -> None:
    read = read_date("the week before, wednesday the 18th", NOW, prefer="past")
    assert read is not None and read.day == date(2026, 11, 18) and not read.approximate
    assert read_date("the week before", NOW, prefer="past") is None  # no day to pick: still nothing guessed


@pytest.mark.parametrize(
    "text, expected, approximate",
    [
        ("the week before thanksgiving, tuesday I think", date(2026, 11, 17), False),  # Thanksgiving 2026: Nov 26
        ("tuesday the week before thanksgiving", date(2026, 11, 17), False),
        ("the week before thanksgiving", date(2026, 11, 18), True),
        ("last week, tuesday", date(2026, 11, 10), False),  # said on a Sunday: the week before this one
        ("the week of the 16th", date(2026, 11, 18), True),
        ("the week of the 30th", date(2026, 12, 2), True),  # the nearest 30th (Nov 30), even asked about the past
    ],
)
def test_a_week_named_by_a_holiday_or_a_day_in_it(text: str, expected: date, approximate: bool) -> None:
    read = read_date(text, NOW, prefer="past")
    assert read is not None and (read.day, read.approximate) == (expected, approximate)


@pytest.mark.parametrize("text", ["today in half an hour", "later today", "today in 20 minutes"])
def test_later_today_is_today(text: str) -> None:
    """Blind 27a-14: 'my interview is today in half an hour' left the interview undated."""
    read = read_date(text, NOW)
    assert read is not None and read.day == NOW.date() and not read.approximate


@pytest.mark.parametrize("prefer", ["future", "nearest", "past"])
def test_this_week_alone_is_roughly_its_friday(prefer: str) -> None:
    read = read_date("this week", WEDNESDAY, prefer=prefer)
    assert read is not None and read.day == date(2026, 11, 20) and read.approximate


@pytest.mark.parametrize("text", ["end of month", "by end of month", "the end of the month"])
def test_end_of_month_without_the_is_its_last_day(text: str) -> None:
    read = read_date(text, WEDNESDAY, prefer="future")
    assert read is not None and read.day == date(2026, 11, 30) and read.approximate


@pytest.mark.parametrize("prefer", ["future", "nearest", "past"])
@pytest.mark.parametrize("text", ["30 nov", "monday 30 nov", "Nov 30th"])
def test_a_day_and_month_two_days_ago_is_not_next_years(text: str, prefer: str) -> None:
    read = read_date(text, datetime(2026, 12, 2, 12, tzinfo=timezone.utc), prefer=prefer)
    assert read is not None and read.day == date(2026, 11, 30)


def test_a_day_and_month_months_away_keeps_the_side_asked_for() -> None:
    read = read_date("oct 1", datetime(2026, 12, 2, 12, tzinfo=timezone.utc), prefer="future")
    assert read is not None and read.day == date(2027, 10, 1)
