"""Understanding the dates users type, and the calendar arithmetic behind the advice."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Sequence, Tuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dateparser

from .vocabulary import APPROXIMATE, VERDICT_KINDS

# Time-zone regions where 3/12 means 3 December; elsewhere (and when the zone is unknown) it is 12 March.
DAY_FIRST_REGIONS = ("Europe", "Africa", "Asia", "Australia", "Pacific", "Indian", "Atlantic")
# A parsed date further than this from today is treated as a misreading, not a date.
MAX_DISTANCE_DAYS = 800
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# The one list of the words read as a weekday, here and in the NLU pipeline (nlu_components/date_shapes.py and
# entity_roles.py use WEEKDAY_PATTERN and weekday_index): the name, its short forms, and the typos people make.
WEEKDAY_SHORT = {
    "monday": ("mon",),
    "tuesday": ("tue", "tues"),
    "wednesday": ("wed", "weds"),
    "thursday": ("thu", "thur", "thurs"),
    "friday": ("fri",),
    "saturday": ("sat",),
    "sunday": ("sun",),
}
# Weekdays as people mistype them ("wedensday", "thrusday"): read as the weekday meant.
WEEKDAY_TYPOS = {
    "monday": ("monady", "mondy", "mondya"),
    "tuesday": ("tuseday", "tusday", "teusday", "tuesdy", "tueday"),
    "wednesday": ("wedensday", "wednsday", "wensday", "wendsday", "wednesay", "wedsday", "wedesday", "wednseday"),
    "thursday": ("thrusday", "thurday", "thursady", "thusday", "thurdsay"),
    "friday": ("firday", "fridy", "fryday", "friady"),
    "saturday": ("saterday", "satruday", "saturdy"),
    "sunday": ("sundya", "sunady"),
}
_WEEKDAY_OF = {
    word: index for index, day in enumerate(WEEKDAYS) for word in (day, *WEEKDAY_SHORT[day], *WEEKDAY_TYPOS[day])
}
# Any of those words, lower case, as a whole word (no group): "thurs", "wensday", not "month" or "sunny".
WEEKDAY_PATTERN = "(?:" + "|".join(sorted(_WEEKDAY_OF, key=len, reverse=True)) + ")(?![a-z])"
_WEEKDAY_RE = rf"({WEEKDAY_PATTERN})"


def weekday_index(word: str) -> int:
    """0 (Monday) to 6 (Sunday) for a weekday word as WEEKDAY_PATTERN reads it ("thurs", "wensday")."""
    return _WEEKDAY_OF[word.strip().lower()]


_LEADING_WORDS = re.compile(r"^(?:(?:by|on|before|until|till|til|around|about|for|from|due|at)\s+)+")
_TIME_OF_DAY = re.compile(
    r"\b(?:at\s+)?(?:\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|h)|\d{1,2}:\d{2}|noon|midday|midnight"
    r"|at \d{1,2}$"
    r"|in the (?:morning|afternoon|evening)|morning|afternoon|evening|tonight|night)\b"
)
_DAY_ONLY = re.compile(r"^(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:\s+of\s+(?:the\s+|this\s+)?month)?$")
_NUMERIC = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{2}|\d{4}))?\.?$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WEEKDAY_PHRASE = re.compile(rf"^(?:(next|last|this|coming|past)\s+)?{_WEEKDAY_RE}(?:\s+(next|this)\s+week)?$")
_RELATIVE_WORDS = re.compile(r"\b(?:today|tomorrow|yesterday|ago|day after tomorrow|day before yesterday)\b")
_PERIOD = r"(?:a|an|one|two|three|four|five|six|seven|\d+)\s+(?:days?|weeks?)"
_IN_PERIOD = re.compile(rf"^in\s+{_PERIOD}$")
_BARE_PERIOD = re.compile(rf"^{_PERIOD}$")
_BARE_LONG_PERIOD = re.compile(r"^(?:a|an|one|two|three|four|five|six|several|few|\d+)\s+(?:months?|years?)$")
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$")
_TIME = re.compile(
    r"\b(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)(?![a-z])|\b(\d{1,2})[:h](\d{2})\b|\b(noon|midday)\b"
    r"|^\s*(?:at\s+)?(1[0-2]|[1-9])(?:\s*o'?clock)?\s*$"
)
# A time said in words: "half past ten", "quarter to 3".
_HOUR_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_SPOKEN_TIME = re.compile(rf"\b(half|quarter)\s+(past|to)\s+(\d{{1,2}}|{'|'.join(_HOUR_WORDS)})\b")
# An hour said without am or pm: 1 to 7 is in the afternoon for an interview ("at 3:30"),
# unless the words say otherwise.
_MORNING = re.compile(r"\b(?:morning|a\.?m\b)")
_EVENING = re.compile(r"\b(?:afternoon|evening|tonight|p\.?m\b)")


def _daytime(hour: int, text: str) -> int:
    """The 24-hour hour of a clock hour said without am or pm, read as a time in a working day."""
    if hour > 12 or _MORNING.search(text):
        return hour
    if _EVENING.search(text) or 1 <= hour <= 7:
        return hour % 12 + 12
    return hour


# Shorthand people type for days, rewritten before parsing.
_SHORTHAND = (
    *((re.compile(rf"\b(?:{'|'.join(typos)})\b"), day) for day, typos in WEEKDAY_TYPOS.items()),
    (re.compile(r"\b(?:tmrw|tmrow|tmw|tmr|tomorow|tommorow|tommorrow|2moro|2morrow)\b"), "tomorrow"),
    (re.compile(r"\b(?:yday|yest|yesterdy)\b"), "yesterday"),
    (re.compile(r"\b(?:tday|tdy|2day|tody|todat)\b"), "today"),
    (re.compile(r"\bwks?\b"), "weeks"),
    (re.compile(r"\b(\d+|a|one|two|three|four|five|six|seven)\s*(?:wk|week)s?\s+back\b"), r"\1 weeks ago"),
    (re.compile(r"\b(\d+|a|one|two|three|four|five|six|seven)\s*days?\s+back\b"), r"\1 days ago"),
    (re.compile(r"\b(?:earlier today|(?:earlier )?this (?:morning|afternoon|evening)|tonight)\b"), "today"),
    (re.compile(r"^within\s+"), "in "),
    # spaCy's "an interview five days ago": the words for the meeting itself are no part of the day
    (re.compile(r"^(?:(?:an?|my|the|our)\s+)?(?:interview|screen|call|meeting)\s+(?=\S)"), ""),
    (re.compile(r"\bthis coming\b"), "coming"),
    (re.compile(r"\bthis past\b"), "past"),
    (re.compile(r"\b(?:a |one )?fortnight\b"), "2 weeks"),
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# "over the weekend", "last weekend": roughly its Saturday.
_WEEKEND = re.compile(r"^(?:over\s+)?(?:the\s+|this\s+|last\s+|past\s+)?weekend$")
# "mid november", "early dec", "the end of october": roughly that part of the month.
_MONTH_PART = re.compile(
    r"^(?:the\s+)?(early|mid|middle of|late|beginning of|start of|end of)[\s-]*"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$"
)
# "the end of the month", "mid next month", "by end of month": that part of this or next month.
_MONTH_PART_RELATIVE = re.compile(
    r"^(?:by\s+)?(?:the\s+)?(early|mid|middle of|late|beginning of|start of|end of)[\s-]*"
    r"(?:(?:the|this|next)\s+)?month$"
)
# "the monday after thanksgiving"
_WEEKDAY_BY_HOLIDAY = re.compile(rf"^(?:the\s+)?{_WEEKDAY_RE}\s+(before|after)\s+(.+)$")
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
# "a week from friday", "two weeks from today": a length of time counted from another day.
_FROM_DAY = re.compile(r"^(a|an|one|two|three|four|five|six|seven|\d+)\s+(days?|weeks?)\s+from\s+(.+)$")
# "2-3 days", "in 3 or 4 weeks": a range is only approximate.
_RANGE = re.compile(r"\b\d+\s*(?:-|–|to|or)\s*\d+\s+(?:days?|weeks?)\b")
# Words that make a date approximate ("about a week ago"), with the number a vague count stands for.
_HEDGES = re.compile(r"^(?:(?:about|around|roughly|approximately|approx|like|maybe|almost|nearly|over|some|~)\s+)+")
_VAGUE_COUNTS = (
    (re.compile(r"\b(?:a\s+)?couple(?:\s+of)?\b"), "2"),
    (re.compile(r"\b(?:a\s+few|few)\b"), "3"),
    (re.compile(r"\bseveral\b"), "4"),
)
_VAGUE_PERIODS = {
    "last week": -7,
    "earlier this week": -2,
    "last month": -30,
    "a month ago": -30,
    "earlier this month": -10,
    "a while ago": -21,
    "recently": -5,
    "the other day": -3,
    "next week": 7,
    "later this week": 2,
}
_END_OF_WEEK = re.compile(
    r"^(?:the\s+)?(end|middle|mid|start|beginning|early|late)(?:\s+of)?\s+(?:(this|next|last|past|the)\s+)?week$"
)
# "sometime next week", "at some point next week": no day named, so its last working day.
_ANY_TIME_WEEK = re.compile(
    r"^(?:(?:at\s+)?(?:some\s*)?(?:time|point|day)|later|any\s*time)\s+(?:in\s+)?(next|this)\s+week$"
)
# "the monday before last" (a week before last Monday), "friday after next" (a week after next Friday).
_WEEKDAY_SKIP = re.compile(rf"^(?:the\s+)?{_WEEKDAY_RE}\s+(before last|after next)(?:\s+week)?$")
# "in 20 minutes", "in an hour", "today in half an hour", "later today": later today.
_IN_HOURS = re.compile(
    r"^(?:(?:later\s+)?today\s+)?(?:in\s+)?(?:about\s+|around\s+|like\s+)?(?:an?|one|two|three|half an|\d+)\s*"
    r"(?:mins?|minutes?|hours?|hrs?|h)$|^later\s+today$"
)
# A holiday, or a day just before or after it: "thanksgiving", "right after christmas", "the day before new year's",
# "before the holidays" (the Christmas and New Year break, only ever roughly).
_HOLIDAY_NAMES = (
    r"thanksgiving|christmas(?: day)?|xmas|new year'?s?(?: day| eve)?|the new year"
    r"|(?:the )?(?:holidays|holiday season|holiday break|winter break|festive season)"
)
_HOLIDAYS = re.compile(
    r"^(?:(?P<near>right|just|shortly|soon|straight|the day)\s+)?(?:(?P<side>before|after)\s+)?"
    rf"(?P<name>{_HOLIDAY_NAMES})$"
)
# The holiday break as a span: its days before, during and after (the year it starts in).
_BREAK_DAYS = {"before": (12, 22), None: (12, 24), "after": (1, 4)}
# "the week after next": roughly two weeks on; with a weekday ("the week after next i think, monday", "monday of the
# week after next") that week's day.
_AFTER_NEXT = r"(?:the\s+)?week\s+after\s+next(?:\s+(?:i think|i guess|probably|maybe))?"
_WEEK_AFTER_NEXT = re.compile(
    rf"^(?:(?:on\s+)?(?P<before>{_WEEKDAY_RE})\s+(?:of\s+|in\s+)?{_AFTER_NEXT}"
    rf"|{_AFTER_NEXT}(?:,?\s+(?:on\s+|the\s+)?(?P<after>{_WEEKDAY_RE}))?)(?:\s+(?:i think|maybe|probably))?$"
)


def _thanksgiving(year: int) -> date:
    """The fourth Thursday of November (US Thanksgiving)."""
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


def _holiday_day(name: str, side: str | None, year: int) -> date:
    """The day a holiday phrase names in a year: the holiday, the day before or after it, or the break's days."""
    if re.search(r"holiday|break|festive", name):  # "before the holidays": the break of this year's end
        month, day = _BREAK_DAYS[side]
        return date(year + 1 if month == 1 else year, month, day)
    if name == "thanksgiving":
        day = _thanksgiving(year)
    elif name.startswith(("christmas", "xmas")):
        day = date(year, 12, 25)
    elif name.endswith("eve"):
        day = date(year, 12, 31)
    else:  # new year's day: the one that starts the year after this year's end
        day = date(year + 1, 1, 1)
    return day + timedelta(days={"before": -1, "after": 1}.get(side or "", 0))


def _holiday(match: re.Match[str], today: date, prefer: str, shift=None) -> date:  # noqa: ANN001
    """The day of a holiday phrase (shifted, e.g. to "the tuesday before" it) on the preferred side of today.

    The year is chosen by that day itself, not the holiday: "the tuesday before thanksgiving" said on the Wednesday
    before it, of a past interview, is the day before, not a year back.
    """
    days = [
        _holiday_day(match.group("name"), match.group("side"), year) for year in range(today.year - 2, today.year + 2)
    ]
    days = [shift(day) if shift else day for day in days]
    past, ahead = [d for d in days if d <= today], [d for d in days if d >= today]
    if prefer == "past" and past:
        return max(past)
    if prefer == "future" and ahead:
        return min(ahead)
    return min(days, key=lambda d: abs((d - today).days))  # "before thanksgiving" said on 30 Nov: the one just gone


def _rough_holiday(match: re.Match[str]) -> bool:
    """Whether a holiday phrase names no exact day: "after christmas", "right before new year's", "the holidays"."""
    if re.search(r"holiday|break|festive", match.group("name")):
        return True
    if match.group("near") == "the day":  # "the day after christmas"
        return False
    return match.group("side") == "after" or (match.group("side") == "before" and bool(match.group("near")))


def _week_part(match: re.Match[str], today: date) -> date:
    """'end of next week' is its Friday, 'middle' its Wednesday, 'start' its Monday."""
    monday = today - timedelta(days=today.weekday())
    if match.group(2) == "next":
        monday += timedelta(days=7)
    elif match.group(2) in ("last", "past"):
        monday -= timedelta(days=7)
    return monday + timedelta(days={"end": 4, "late": 3, "middle": 2, "mid": 2}.get(match.group(1), 0))


def _clean(text: str) -> str:
    """Lower-case, trim punctuation and squeeze spaces."""
    text = re.sub(r"\s+", " ", text.strip().lower())
    return text.strip(" ,;!?")


def _normalise(text: str) -> str:
    """Cleaned text with the shorthand people type for days spelled out ('tmrw' -> 'tomorrow')."""
    cleaned = _clean(text)
    for pattern, replacement in _SHORTHAND:
        cleaned = pattern.sub(replacement, cleaned)
    return cleaned


def _safe_date(year: int, month: int, day: int) -> date | None:
    """Build a date, or None when the numbers don't form one."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


# How far on the unexpected side of today a named day and month is still taken as this year's (see _recent_instead).
RECENT_DAYS = 45


def _recent_instead(day: date, today: date) -> date:
    """The same day and month a year nearer when that one is recent and this one far off, else the day itself.

    "the client was to decide by 30 nov", said on 2 December, is two days ago, not 30 November next year,
    whichever side of today the situation made more likely.
    """
    if abs((day - today).days) <= 2 * RECENT_DAYS:
        return day
    for year in (day.year - 1, day.year + 1):
        other = _safe_date(year, day.month, day.day)
        if other and abs((other - today).days) <= RECENT_DAYS:
            return other
    return day


def _pick_year(month: int, day: int, today: date, prefer: str) -> date | None:
    """Find the occurrence of day/month nearest to today on the preferred side (today counts for both)."""
    this_year = _safe_date(today.year, month, day)
    if prefer == "past":
        if this_year and this_year <= today:
            return this_year
        found = _safe_date(today.year - 1, month, day)
    else:
        if this_year and this_year >= today:
            return this_year
        found = _safe_date(today.year + 1, month, day)
    return _recent_instead(found, today) if found else None


def _day_of_month(day: int, today: date, prefer: str) -> date | None:
    """Find the nearest date with this day of the month, on the preferred side of today."""
    if not 1 <= day <= 31:
        return None
    year, month = today.year, today.month
    step = -1 if prefer == "past" else 1
    for _ in range(13):
        candidate = _safe_date(year, month, day)
        if candidate and (candidate >= today if step == 1 else candidate <= today):
            return candidate
        month += step
        if month == 13:
            year, month = year + 1, 1
        elif month == 0:
            year, month = year - 1, 12
    return None


def _day_of_month_on(day: int, weekday: int, today: date, prefer: str) -> date | None:
    """'Monday the 14th': a near month whose 14th is a Monday, on the preferred side when there is one."""
    if not 1 <= day <= 31:
        return None
    candidates = []
    for months in range(-12, 13):
        year, month = divmod(today.year * 12 + today.month - 1 + months, 12)
        candidate = _safe_date(year, month + 1, day)
        if candidate and candidate.weekday() == weekday:
            candidates.append(candidate)
    near = [d for d in candidates if abs((d - today).days) <= 45]  # a weekday that fits no near month was a slip
    if not near:
        return _day_of_month(day, today, prefer)
    side = [d for d in near if (d <= today if prefer == "past" else d >= today)] if prefer != "nearest" else []
    return min(side or near, key=lambda d: abs((d - today).days))


def _weekday(match: re.Match[str], today: date, prefer: str) -> date:
    """Resolve 'Friday', 'next Friday', 'last Friday', 'this Friday', 'Friday next week'."""
    modifier = match.group(1)
    index = weekday_index(match.group(2))
    if modifier == "this" and prefer == "past":
        return today - timedelta(days=(today.weekday() - index) % 7)
    if modifier in ("last", "past") or (modifier is None and prefer == "past" and not match.group(3)):
        back = (today.weekday() - index) % 7 or 7
        if modifier and back == 1:  # "last Tuesday" said on a Wednesday: yesterday would be "yesterday"
            back = 8
        return today - timedelta(days=back)
    ahead = (index - today.weekday()) % 7
    if modifier is None and not match.group(3):  # "monday" said on a Monday: today would be "today"
        return today + timedelta(days=ahead or 7)
    if modifier in ("this", "coming"):
        return today + timedelta(days=ahead)
    # 'next Friday' / 'Friday next week': the one after the current Monday-to-Sunday week
    ahead = ahead or 7
    result = today + timedelta(days=ahead)
    if result.isocalendar()[:2] == today.isocalendar()[:2]:
        result += timedelta(days=7)
    return result


def _looks_like_date(text: str) -> bool:
    """Tell whether the text has something that pins down a day (never guess from a month or 'soon')."""
    if re.search(r"\d", text) or _RELATIVE_WORDS.search(text) or _IN_PERIOD.match(text):
        return True
    return re.search(rf"\b{_WEEKDAY_RE}\b", text) is not None


@dataclass(frozen=True)
class ReadDate:
    """A day read from the user's words; approximate when they were vague ('about a week ago')."""

    day: date
    approximate: bool = False

    def slot_value(self) -> str:
        """The ISO day, prefixed with '~' when approximate (how the date slots store it)."""
        return (APPROXIMATE if self.approximate else "") + self.day.isoformat()


def read_date(text: str, now: datetime, prefer: str = "future") -> ReadDate | None:
    """Read a day, and whether it is only approximate, from free text relative to now (the message time).

    prefer is 'future', 'past' or 'nearest' (the occurrence closest to today, on either side). Words that read
    as no day as a whole but list several by commas ("the week before, wednesday the 18th") give the exact one;
    two days of the same thing done again ("nov 10 and again nov 20") give the last one.
    """
    read = _read_date(text, now, prefer) or _read_week(text, now, prefer)
    if read is not None:
        return read
    again = [part for part in _AGAIN.split(text or "") if part.strip()]
    if len(again) > 1:  # "nov 10 and again nov 20": the same thing done twice, the last day said
        found = [read_date(part, now, prefer) for part in again]
        return found[-1] if all(found) else None
    if "," not in (text or ""):
        return read
    parts = [(part, _read_date(part, now, prefer) or _read_week(part, now, prefer)) for part in text.split(",")]
    weekday = next((_WEEKDAY_ONLY.match(_clean(part)) for part, _ in parts if _WEEKDAY_ONLY.match(_clean(part))), None)
    week = next((found for _, found in parts if found and found.approximate), None)
    if weekday and week:  # "the week before thanksgiving, tuesday": that week's Tuesday
        return ReadDate(_in_week(week.day, weekday.group(1)))
    found = [found for _, found in parts if found]
    return ([f for f in found if not f.approximate] or found or [None])[-1]


# Between two days of the same thing done twice: "nov 10 and again nov 20", "the 3rd, then again on the 9th".
_AGAIN = re.compile(r"(?i)\s*,?\s+(?:and\s+then|and|then)\s+(?:once\s+)?again\s+(?:on\s+)?")
# A weekday alone ("tuesday", "on tues"), and a week named by a day in it or by a holiday ("the week of the 23rd",
# "the week before thanksgiving"), with the weekday first or not ("tuesday the week before thanksgiving").
_WEEKDAY_ONLY = re.compile(rf"^(?:on\s+|the\s+)?{_WEEKDAY_RE}(?:\s+i think)?$")
_WEEK_OF = re.compile(
    rf"^(?:(?:on\s+)?{_WEEKDAY_RE}\s+(?:of\s+|in\s+)?)?(?:(?:early|late|mid|middle)\s+(?:in\s+)?)?"
    r"(?:the\s+)?week\s+(?:(of)\s+(?:the\s+)?(.+)|(before|after)\s+(.+))$"
)


def _in_week(day: date, weekday: str) -> date:
    """The given weekday of the (Monday to Sunday) week that holds day."""
    return day - timedelta(days=day.weekday()) + timedelta(days=weekday_index(weekday))


def _read_week(text: str, now: datetime, prefer: str) -> ReadDate | None:
    """A week named by a day in it or by a holiday: roughly its Wednesday, or the weekday said in it exactly."""
    match = _WEEK_OF.match(_normalise(text or ""))
    if not match:
        return None
    if match.group(2):  # "the week of the 23rd", "week of nov 23"
        inside = _read_date(match.group(3), now, "nearest")  # a week said about is rarely a month away
        day = inside.day if inside else None
    else:  # "the week before thanksgiving": the nearest one's, whichever side of today the week falls
        holiday = _HOLIDAYS.match(match.group(5))
        week = timedelta(days=7 if match.group(4) == "after" else -7)
        day = _holiday(holiday, now.date(), "nearest", shift=lambda d: d + week) if holiday else None
    if day is None:
        return None
    if match.group(1):  # "tuesday the week before thanksgiving"
        return ReadDate(_in_week(day, match.group(1)))
    return ReadDate(_in_week(day, "wednesday"), approximate=True)


def _read_date(text: str, now: datetime, prefer: str = "future") -> ReadDate | None:
    """Read a day from words that name one (see read_date)."""
    if not text or not text.strip():
        return None
    today = now.date()
    cleaned = _normalise(text)
    if not _HOLIDAYS.match(cleaned):
        cleaned = re.sub(r"^(?:by|on|until|till|til|for|from|due|at)\s+", "", cleaned)
    hedged = _HEDGES.match(cleaned) is not None
    cleaned = _LEADING_WORDS.sub("", _HEDGES.sub("", cleaned)) if not _HOLIDAYS.match(cleaned) else cleaned
    cleaned = re.sub(
        r"^(?:moved to\s+|pushed to\s+)?(.+?)\s+from\s+(?:now|today)$", r"in \1", cleaned
    )  # "six days from now"
    vague = False
    for pattern, number in _VAGUE_COUNTS:
        if pattern.search(cleaned):
            cleaned, vague = pattern.sub(number, cleaned), True
    if cleaned in _VAGUE_PERIODS:
        return ReadDate(today + timedelta(days=_VAGUE_PERIODS[cleaned]), approximate=True)
    after_next = _WEEK_AFTER_NEXT.match(cleaned)
    if after_next:
        weekday = after_next.group("before") or after_next.group("after")
        if weekday:
            return ReadDate(_in_week(today + timedelta(days=14), weekday))
        return ReadDate(_in_week(today + timedelta(days=14), "wednesday"), approximate=True)
    holiday = _HOLIDAYS.match(cleaned)
    if holiday:  # "after thanksgiving" is some day after it
        return ReadDate(_holiday(holiday, today, prefer), approximate=_rough_holiday(holiday))
    # a length of time ("two weeks" since the interview) or a range ("in 2-3 days") only says roughly when
    vague = vague or _BARE_PERIOD.match(cleaned) is not None or _RANGE.search(cleaned) is not None
    weekend = _WEEKEND.match(cleaned)
    if weekend:
        saturday = today + timedelta(days=(5 - today.weekday()) % 7)
        if prefer == "past" or (prefer == "nearest" and today.weekday() < 5) or cleaned.startswith(("last", "past")):
            saturday = today - timedelta(days=(today.weekday() - 5) % 7 or 7)
        return ReadDate(saturday, approximate=True)
    month_part = _MONTH_PART.match(cleaned)
    if month_part:
        day = {"early": 5, "beginning of": 3, "start of": 3, "mid": 15, "middle of": 15, "late": 25}.get(
            month_part.group(1), 28
        )
        picked = _pick_year(
            _MONTHS.index(month_part.group(2)) + 1, day, today, "past" if prefer == "past" else "future"
        )
        if prefer == "nearest" or (picked and abs((picked - today).days) > 200):
            picked = _safe_date(today.year, _MONTHS.index(month_part.group(2)) + 1, day)
        return ReadDate(picked, approximate=True) if picked else None
    relative_part = _MONTH_PART_RELATIVE.match(cleaned)
    if relative_part:
        first = today.replace(day=1)
        if cleaned.endswith("next month"):
            first = (first + timedelta(days=32)).replace(day=1)
        last = calendar.monthrange(first.year, first.month)[1]
        day = {"early": 5, "beginning of": 3, "start of": 3, "mid": 15, "middle of": 15, "late": 25}.get(
            relative_part.group(1), last
        )
        return ReadDate(first.replace(day=min(day, last)), approximate=True)
    by_holiday = _WEEKDAY_BY_HOLIDAY.match(cleaned)
    holiday = _HOLIDAYS.match(by_holiday.group(3)) if by_holiday else None
    if by_holiday and holiday and not holiday.group("side") and not holiday.group("near"):
        index = weekday_index(by_holiday.group(1))
        step = 1 if by_holiday.group(2) == "after" else -1

        def weekday_by(anchor: date) -> date:  # "the tuesday before thanksgiving": that year's
            day = anchor + timedelta(days=step)
            while day.weekday() != index:
                day += timedelta(days=step)
            return day

        return ReadDate(_holiday(holiday, today, prefer, shift=weekday_by))
    from_day = _FROM_DAY.match(cleaned)
    if from_day:
        start = read_date(from_day.group(3), now, prefer="future")
        count = _NUMBERS.get(from_day.group(1)) or int(from_day.group(1))
        days = count * (7 if from_day.group(2).startswith("week") else 1)
        return ReadDate(start.day + timedelta(days=days), approximate=start.approximate) if start else None
    any_time = _ANY_TIME_WEEK.match(cleaned)
    if any_time:
        cleaned = f"end of {any_time.group(1)} week"
    if cleaned in ("this week", "within this week", "during this week"):  # "they'd get back to me this week"
        cleaned = "end of this week"
    if _IN_HOURS.match(cleaned):
        return ReadDate(today)
    skip = _WEEKDAY_SKIP.match(cleaned)
    if skip:
        index = weekday_index(skip.group(1))
        if skip.group(2) == "before last":  # a week before what "last monday" means
            back = (today.weekday() - index) % 7 or 7
            return ReadDate(today - timedelta(days=(8 if back == 1 else back) + 7))
        return ReadDate(today + timedelta(days=((index - today.weekday()) % 7 or 7) + 7))
    week_part = _END_OF_WEEK.match(cleaned)
    if week_part:
        return ReadDate(_week_part(week_part, today), approximate=True)  # often quoted from days ago
    if prefer == "nearest":
        options = [d for d in (parse_date(cleaned, now, "past"), parse_date(cleaned, now, "future")) if d]
        day = min(options, key=lambda d: abs((d - today).days)) if options else None
    else:
        day = parse_date(cleaned, now, prefer)
    return ReadDate(day, approximate=hedged or vague) if day else None


def parse_date(text: str, now: datetime, prefer: str = "future") -> date | None:
    """Read a day from free text relative to now (the message time), or None when it isn't a clear date."""
    if not text or not text.strip():
        return None
    today = now.date()
    cleaned = _normalise(text)
    if _ISO.match(cleaned):
        try:
            return date.fromisoformat(cleaned)
        except ValueError:
            return None
    cleaned = _LEADING_WORDS.sub("", cleaned)
    cleaned = _clean(_TIME_OF_DAY.sub(" ", cleaned))
    cleaned = re.sub(r"^(?:the\s+)?(?:same\s+)?(today|tomorrow|yesterday)$", r"\1", cleaned)
    if _BARE_LONG_PERIOD.match(cleaned):  # "after 3 months of applying" is a length of time, not a day
        return None
    if _BARE_PERIOD.match(cleaned):  # "two weeks (since my interview)": ago, or ahead when a future day is meant
        cleaned = f"{cleaned} ago" if prefer == "past" else f"in {cleaned}"
    if not cleaned or not _looks_like_date(cleaned):
        return None
    # "thursday the 3rd", "friday, dec 4": the day of the month says it; the weekday only confirms it
    said_weekday = re.match(rf"^(?:(?:next|this|last|coming|past)\s+)?{_WEEKDAY_RE},?\s+\S", cleaned)
    if said_weekday and not _WEEKDAY_PHRASE.match(cleaned):
        cleaned = re.sub(
            rf"^(?:(?:next|this|last|coming|past)\s+)?{_WEEKDAY_RE},?\s+(?=(?:the\s+)?\d|[a-z]{{3}})", "", cleaned
        )
    else:
        said_weekday = None
    day_only = _DAY_ONLY.match(cleaned)
    if day_only and said_weekday:
        index = weekday_index(said_weekday.group(1))
        return _day_of_month_on(int(day_only.group(1)), index, today, prefer)
    if day_only:
        return _day_of_month(int(day_only.group(1)), today, prefer)
    numeric = _NUMERIC.match(cleaned)
    if numeric:
        return _numeric_date(numeric, today, prefer, day_first=_day_first(now))
    weekday = _WEEKDAY_PHRASE.match(cleaned)
    if weekday:
        return _weekday(weekday, today, prefer)
    cleaned = re.sub(r"^(?:this|last|next)\s+(?=\d)", "", cleaned)
    # Noon of the message day, not the exact time: dateparser keeps caches per distinct settings, so a new
    # RELATIVE_BASE for every message grew the action server's memory without bound (~6 KB per call).
    base = datetime(today.year, today.month, today.day, 12)
    parsed = dateparser.parse(
        cleaned,
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past" if prefer == "past" else "future"},
    )
    if parsed is None or abs((parsed.date() - today).days) > MAX_DISTANCE_DAYS:
        return None
    return parsed.date() if re.search(r"\b\d{4}\b", cleaned) else _recent_instead(parsed.date(), today)


def _day_first(now: datetime) -> bool:
    """Whether the user's time zone writes dates day first (Europe, Africa, Asia, Oceania) or month first."""
    key = str(getattr(now.tzinfo, "key", "") or "")
    return key.split("/")[0] in DAY_FIRST_REGIONS


def _numeric_date(match: re.Match[str], today: date, prefer: str, day_first: bool = False) -> date | None:
    """Month/day[/year] numbers (day/month in day-first time zones), the other way when only that makes sense."""
    first, second, year_text = int(match.group(1)), int(match.group(2)), match.group(3)
    if day_first:
        day, month = (first, second) if second <= 12 else (second, first)
    else:
        month, day = (first, second) if first <= 12 else (second, first)
    if month > 12:
        return None
    if year_text:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        return _safe_date(year, month, day)
    return _pick_year(month, day, today, prefer)


def parse_time(text: str) -> str | None:
    """Read the clock time in the text as 'HH:MM' (24-hour), or None when there is none."""
    if not text:
        return None
    spoken = _SPOKEN_TIME.search(text.lower())
    if spoken:
        said = spoken.group(3)
        hour = int(said) if said.isdigit() else _HOUR_WORDS.index(said) + 1
        minute = 30 if spoken.group(1) == "half" else 15
        if spoken.group(2) == "to":
            hour, minute = (hour - 2) % 12 + 1, 60 - minute
        return f"{_daytime(hour, text.lower()):02d}:{minute:02d}" if 1 <= hour <= 12 else None
    match = _TIME.search(text.lower())
    if not match:
        return None
    if match.group(6):
        return "12:00"
    if match.group(4):
        hour, minute = int(match.group(4)), int(match.group(5))
        if not match.group(4).startswith("0"):
            hour = _daytime(hour, text.lower())  # "3:30" for an interview is 3:30 pm, "09:30" stays as written
    elif match.group(7):
        hour, minute = _daytime(int(match.group(7)), text.lower()), 0  # "at 11": 11 am, "at 2": 2 pm
    else:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match.group(3).startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _zone(tz_name: str | None) -> tzinfo:
    """Make a tzinfo from an IANA name ('Europe/Paris') or an offset ('+02:00', 'UTC-5'); UTC otherwise."""
    if not tz_name or not tz_name.strip():
        return timezone.utc
    name = tz_name.strip()
    offset = _OFFSET.match(name.lower())
    if offset:
        hours, minutes = int(offset.group(2)), int(offset.group(3) or 0)
        if hours > 14 or minutes > 59:
            return timezone.utc
        delta = timedelta(hours=hours, minutes=minutes)
        return timezone(-delta if offset.group(1) == "-" else delta)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return timezone.utc


def now_from(timestamp: float | None, tz_name: str | None) -> datetime:
    """Return the message time as an aware datetime in the user's time zone (UTC when unknown)."""
    zone = _zone(tz_name)
    if timestamp is None:
        return datetime.now(zone)
    return datetime.fromtimestamp(float(timestamp), tz=zone)


def is_business_day(day: date) -> bool:
    """Monday to Friday."""
    return day.weekday() < 5


def next_business_day(day: date) -> date:
    """Return the day itself when it is a weekday, otherwise the following Monday."""
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


def business_days_before(day: date, count: int) -> Tuple[date, ...]:
    """List the `count` weekdays right before `day`, oldest first."""
    found = []
    current = day
    while len(found) < count:
        current -= timedelta(days=1)
        if is_business_day(current):
            found.append(current)
    return tuple(reversed(found))


@dataclass(frozen=True)
class Window:
    """The days on which a pre-interview note is best sent (weekdays, oldest first)."""

    days: Tuple[date, ...]

    @property
    def start(self) -> date:
        """First day of the window."""
        return self.days[0]

    @property
    def end(self) -> date:
        """Last day of the window."""
        return self.days[-1]

    def text(self) -> str:
        """Describe the window in words, e.g. 'Wed 25 to Fri 27 Nov'."""
        return fmt_days(self.days)


def outreach_window(interview: date, today: date) -> Window:
    """Return the 1-3 working days before the interview, without the days already gone (if any are left)."""
    days = business_days_before(interview, 3)
    remaining = tuple(d for d in days if d >= today)
    return Window(remaining or days)


def follow_up_day(decision: date) -> date:
    """Return the day a week after the decision date they gave you, moved to Monday if it is a weekend."""
    return next_business_day(decision + timedelta(days=7))


def let_it_rest_day(sent: date) -> date:
    """Return the day two weeks after the user's own unanswered follow-up, moved to Monday if it is a weekend.

    From that day the silence is taken as the answer (the coach's own rule of thumb).
    """
    return next_business_day(sent + timedelta(days=14))


def status_check_day(interview: date) -> date:
    """Return the day two weeks after the interview, moved to Monday if it is a weekend."""
    return next_business_day(interview + timedelta(days=14))


@dataclass(frozen=True)
class Verdict:
    """May the user write now? kind is one of Verdict.KINDS; day is the date the text refers to."""

    kind: str
    day: date | None
    text: str

    KINDS = VERDICT_KINDS


def wait_verdict(target: date, today: date) -> Verdict:
    """Verdict for 'write on or after target': wait, write today, or the date has passed."""
    if today < target:
        return Verdict("wait", target, f"too early — wait until {fmt_day(target)}")
    if today == target:
        return Verdict("write_today", target, f"today is the day ({fmt_day(target)}) — you can write today")
    return Verdict("date_passed", target, f"that date has passed ({fmt_day(target)}) — you can write today")


def pre_interview_verdict(interview: date, today: date) -> Verdict:
    """Verdict for a note before the interview: too early, in the 1-3 day window, late, or over."""
    if interview < today:
        return Verdict("interview_passed", interview, f"the interview ({fmt_day(interview)}) is behind you")
    if interview == today:
        return Verdict(
            "interview_today",
            interview,
            "interview is today — too late for a pre-interview note, just confirm logistics if truly needed",
        )
    if interview == today + timedelta(days=1):
        return Verdict(
            "interview_tomorrow",
            interview,
            "interview is tomorrow — too late for a pre-interview note, just confirm logistics if truly needed",
        )
    window = outreach_window(interview, today)
    if today < window.start:
        return Verdict("too_early", window.start, f"too early — wait until {fmt_day(window.start)}")
    if today <= window.end:
        return Verdict("in_window", today, "you can write today")
    return Verdict(
        "window_passed",
        window.end,
        f"the best days ({window.text()}) are gone — a short note today is still acceptable",
    )


def fmt_day(day: date, ref: date | None = None) -> str:
    """'Mon 23 Nov' (with the year when it differs from ref's year)."""
    text = f"{calendar.day_abbr[day.weekday()]} {day.day} {calendar.month_abbr[day.month]}"
    if ref is not None and ref.year != day.year:
        text += f" {day.year}"
    return text


def fmt_approx(day: date, today: date) -> str:
    """A rough day in words ('last week', 'a few weeks ago', 'next week'), never an exact weekday."""
    days = (day - today).days
    if days < 0:
        ago = -days
        for limit, words in (
            (3, "a few days ago"),
            (10, "last week"),
            (20, "a couple of weeks ago"),
            (45, "a few weeks ago"),
        ):
            if ago <= limit:
                return words
        return "a while ago"
    for limit, words in ((0, "today"), (3, "in a few days"), (10, "next week")):
        if days <= limit:
            return words
    return "in a few weeks"


def fmt_rough(day: date, today: date, relative: bool = True, week_part: bool = True) -> str:
    """A day the user only said roughly, in words with no weekday or day number.

    Relative to today when it falls in this, last or next week ("early next week"; week_part=False: "next week"),
    else the part of its month ("late December", with the year when it differs). relative=False always names the
    part of the month: a draft is sent days later, when "next week" would be wrong.
    """
    weeks = (day - timedelta(days=day.weekday()) - (today - timedelta(days=today.weekday()))).days // 7
    if relative and -1 <= weeks <= 1:
        part = ("early " if day.weekday() <= 1 else "late " if day.weekday() >= 4 else "") if week_part else ""
        return part + {-1: "last week", 0: "this week", 1: "next week"}[weeks]
    part = "early" if day.day <= 10 else "mid-" if day.day <= 20 else "late"
    month = calendar.month_name[day.month] + (f" {day.year}" if day.year != today.year else "")
    return f"mid-{month}" if part == "mid-" else f"{part} {month}"


def fmt_range(first: date, last: date) -> str:
    """'Mon 23 or Tue 24 Nov' for two days, 'Wed 25 to Fri 27 Nov' for longer spans."""
    if last < first:
        first, last = last, first
    if first == last:
        return fmt_day(first)
    joiner = " or " if (last - first).days == 1 else " to "
    if (first.year, first.month) == (last.year, last.month):
        head = f"{calendar.day_abbr[first.weekday()]} {first.day}"
    else:
        head = fmt_day(first)
    return head + joiner + fmt_day(last)


def fmt_days(days: Sequence[date]) -> str:
    """Consecutive days as a range; otherwise a list such as 'Thu 26, Fri 27 or Mon 30 Nov'."""
    ordered = sorted(set(days))
    if not ordered:
        return ""
    if (ordered[-1] - ordered[0]).days == len(ordered) - 1:
        return fmt_range(ordered[0], ordered[-1])
    same_month = len({(d.year, d.month) for d in ordered}) == 1
    parts = [f"{calendar.day_abbr[d.weekday()]} {d.day}" if same_month else fmt_day(d) for d in ordered[:-1]]
    return ", ".join(parts) + " or " + fmt_day(ordered[-1])
