"""What a date's own words say about its shape, read in the NLU pipeline (EntityRoles puts it in additional_info).

The action server resolves a date to a day; whether the words were a length of time ("two weeks"), a week ("end of
next week"), "this friday", a bare weekday or a date with its month is read here, so /model/parse shows it.
"""

from __future__ import annotations

import re
from typing import Dict

from actions.engine.dates import WEEKDAY_PATTERN, WEEKDAYS, weekday_index

# "answer in one week", "she'll call in 2-3 days", "within a couple of business days"
PERIOD = re.compile(
    r"^(?:(?:in|within|after)\s+)?(?:(?:about|around|roughly|approximately|like)\s+)?"
    r"(?:a|an|one|two|three|four|five|six|seven|ten|\d+(?:\s*(?:-|–|to|or)\s*\d+)?|a few|few|a couple(?: of)?"
    r"|couple(?: of)?)\s+(?:business\s+|working\s+)?(?:days?|weeks?)$"
)

# "next week", "sometime next week", "end of the week", "by the middle of this week"
WEEK = re.compile(
    r"^(?:by\s+|in\s+|within\s+)?(?:(?:the\s+)?(?:end|middle|mid|start|beginning|early|late)(?:\s+of)?\s+"
    r"|(?:at\s+)?some\s*(?:time|point)\s+(?:in\s+)?|later\s+)?(?:next|the|this)\s+week$"
)

# "the end of the month", "by early next month": a part of a month named from the day it was said
MONTH = re.compile(
    r"^(?:by\s+|in\s+|within\s+|before\s+|at\s+)?(?:the\s+)?(?:end|middle|mid|start|beginning|early|late)(?:\s+of)?"
    r"[\s-]*(?:the|this|next)\s+month$"
)

_WEEKDAY = rf"({WEEKDAY_PATTERN})"  # the date reader's weekday words: "weds", "thurs", "wensday"; not "month"

# "this friday", "by this thursday" (not "this past friday")
THIS_WEEKDAY = re.compile(rf"^(?:by\s+|on\s+)?this\s+{_WEEKDAY}\b")

# "tuesday", "on tuesday": a weekday and nothing else
BARE_WEEKDAY = re.compile(rf"\W*(?:on\s+)?{_WEEKDAY}\W*")

# A month named ("Dec 26", "12/26") fixes the date; a bare day of the month ("the 26th") does not.
MONTH_NAMED = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|\d{1,2}[/.-]\d{1,2}\b(?!\s*(?:business\s+|working\s+)?(?:days?|weeks?)\b)"  # not "2-3 days"
)


def date_shape(value: str) -> Dict[str, object]:
    """The shape of a date's words: period, week, month, this_weekday (bools), weekday (mon..sun or None), month_named.

    A weekday is one of the date reader's weekday words (actions/engine/dates.py), typos included: "wensday" is "wed".
    """
    cleaned = re.sub(r"\s+", " ", value.strip().lower())
    weekday = BARE_WEEKDAY.fullmatch(cleaned)
    return {
        "period": bool(PERIOD.match(cleaned)),
        "week": bool(WEEK.match(cleaned)),
        "month": bool(MONTH.match(cleaned)),
        "this_weekday": bool(THIS_WEEKDAY.match(cleaned)),
        "weekday": WEEKDAYS[weekday_index(weekday.group(1))][:3] if weekday else None,
        "month_named": bool(MONTH_NAMED.search(cleaned)),
    }
