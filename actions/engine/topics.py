"""Answers to follow-up questions beside the verdict: copy someone in, one note each, when to send, ...

The answers live in actions/knowledge/topics.yml (coach-editable, checked by the models below); the topic of a
message is read by the NLU pipeline (entity `topic`, nlu_components/entity_roles.yml).
"""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Dict, List, Literal, Mapping, Tuple

from pydantic import validator

from .checked_yaml import Strict, load_checked
from .dates import (
    fmt_day,
    fmt_rough,
    follow_up_day,
    let_it_rest_day,
    next_business_day,
    outreach_window,
    status_check_day,
)
from .situation import Situation
from .vocabulary import BRANCHES, KNOWN, UNKNOWN

TOPICS_FILE = Path(__file__).resolve().parents[1] / "knowledge" / "topics.yml"
# The topics EntityRoles can tag (nlu_components/entity_roles.yml, topic_patterns).
TOPICS = (
    "cc",
    "one_each",
    "unknown_name",
    "send_timing",
    "reply_speed",
    "how_long",
    "too_late",
    "combine",
    "channel_choice",
    "future_roles",
    "show_up",
    "ask_contact",
    "pushy",
    "apologise",
    "call_instead",
    "text_message",
    "deadline_passed",
    "thank_recruiter",
    "salary",
    "linkedin_too",
    "what_to_say",
    "interview_questions",
    "add_question",
    "keep_applying",
    "again",
    "subject_line",
    "length",
    "reschedule",
    "running_late",
    "find_contact",
    "requested_items",
    "mistake",
    "dress",
    "not_invited",
    "thank_interviewer",
    "conditions",
    "anyway",
    "give_up",
    "who_to_write",
    "reconsider",
    "other_offer",
    "write_date",
    "greeting",
    "no_reply",
    "chased_no_reply",
    "connection_note",
    "identical",
    "aside",
    "bot",
    "feel_rejected",
    "feel_hard_search",
    "feel_nervous",
    "feel_first_time",
    "interview_nerves",
    "good_luck",
    "senior_contact",
    "dumb_question",
    "interview_prep",
    "blank_request",
    "connect_after",
    "after_interview",
    "two_roles",
    "they_cancelled",
    "they_moved",
    "no_show",
    "mention_detail",
    "not_rejection",
)
# Topics that are a feeling rather than a question: answered first, with a line of sympathy or reassurance.
FEELINGS = ("feel_rejected", "feel_hard_search", "feel_nervous", "feel_first_time")
# Topics left out when a more specific one is asked in the same message ("but I want to call her": calling).
OUTRANKED_BY: Dict[str, Tuple[str, ...]] = {
    "anyway": ("call_instead", "text_message"),
    "pushy": ("again", "send_timing", "call_instead", "linkedin_too", "salary", "senior_contact"),
    "reply_speed": ("requested_items",),
    "write_date": ("deadline_passed",),
    "feel_nervous": ("interview_nerves",),
    "feel_first_time": ("feel_nervous", "interview_nerves"),  # "first interview ever and so nervous": one line
    "reschedule": ("running_late", "they_cancelled", "they_moved", "no_show"),
    "what_to_say": ("reschedule", "running_late", "they_cancelled", "they_moved", "no_show"),
    "running_late": ("they_cancelled", "they_moved", "no_show"),  # "they cancelled, the train was late anyway"
    "thank_interviewer": ("they_cancelled", "they_moved", "no_show"),  # no interview yet: nothing to thank for
    "mention_detail": ("other_offer", "salary", "conditions", "too_late", "mistake", "feel_nervous"),
    "no_reply": ("chased_no_reply",),
    "after_interview": (
        "connect_after",
        "thank_interviewer",
        "thank_recruiter",
        "send_timing",
        "write_date",
        "no_reply",
    ),
}
# The one-word verdicts an answer can be limited to (advice.Advice.verdict).
VERDICTS = ("yes", "wait", "no", "logistics")
SITUATION_FIELDS = tuple(f.name for f in fields(Situation))


class TopicAnswer(Strict):
    """One answer to a topic, for a branch (or any), optionally only when the last draft went to the recruiter."""

    text: str
    source: str
    branch: Literal[BRANCHES] | None = None  # type: ignore[valid-type]
    when_draft_to: Literal["recruiter"] | None = None
    verdict: List[Literal[VERDICTS]] | None = None  # type: ignore[valid-type]
    facts: Dict[Literal[SITUATION_FIELDS], str] = {}  # type: ignore[valid-type]
    no_draft: bool = False  # only when the answer given offers no draft

    def fits(self, situation: Situation, verdict: str | None, draft_to_recruiter: bool, has_draft: bool) -> bool:
        """Whether this answer applies to the situation, the verdict and draft given and the draft's addressee."""
        if self.no_draft and has_draft:
            return False
        if self.branch and self.branch != situation.branch:
            return False
        if self.when_draft_to == "recruiter" and not draft_to_recruiter:
            return False
        if self.verdict and verdict not in self.verdict:
            return False
        return all(_fact_is(getattr(situation, name), value) for name, value in self.facts.items())


def _fact_is(actual: str | None, expected: str) -> bool:
    """Whether a fact has the value a topic answer asks for; `known` is any value the user gave."""
    if expected == KNOWN:
        return actual not in (None, UNKNOWN)
    return actual == expected


class TopicFile(Strict):
    """The whole of topics.yml."""

    topics: Dict[Literal[TOPICS], List[TopicAnswer]]  # type: ignore[valid-type]

    @validator("topics")
    def _every_topic(cls, value: Dict[str, List[TopicAnswer]]) -> Dict[str, List[TopicAnswer]]:
        """Every topic the NLU can tag has at least one answer."""
        missing = sorted(set(TOPICS) - {name for name, answers in value.items() if answers})
        if missing:
            raise ValueError(f"no answer for topic(s) {missing}")
        return value


@cache
def topic_file(path: str = str(TOPICS_FILE)) -> TopicFile:
    """The checked topics file (read once)."""
    return load_checked(TopicFile, path)


def ranked(topics: List[str]) -> List[str]:
    """The topics of one message, without those a more specific one among them answers (OUTRANKED_BY)."""
    return [t for t in topics if not set(OUTRANKED_BY.get(t, ())) & set(topics)]


def topic_days(situation: Situation, today: date) -> Dict[str, str]:
    """The days an answer can name: {decision_day}, their date, and {status_day}, when to ask about the status.

    The status day is a week past their date, else two weeks after a past interview; {stop_day} is two weeks after the
    user's own follow-up; {interview_next} only when the next weekday morning is the interview's own; {window} and
    {window_start}: the 1-3 working days before an interview still to come.
    """
    decision, interview = situation.date_of("decision_date"), situation.date_of("interview_date")
    days: Dict[str, str] = {}
    if decision:
        rough = situation.is_approximate("decision_date")  # "within a week": said as roughly as they said it
        days["decision_day"] = fmt_rough(decision, today) if rough else fmt_day(decision, today)
        days["status_day"] = fmt_day(follow_up_day(decision), today)
    elif interview and interview <= today and situation.branch == "post_interview":
        days["status_day"] = fmt_day(status_check_day(interview), today)
    if interview and interview > today and situation.branch == "pre_interview":  # the 1-3 working days before it
        window = outreach_window(interview, today)
        days["window"], days["window_start"] = window.text(), fmt_day(window.start, today)
    if interview and today < interview <= next_business_day(today + timedelta(days=1)):
        days["interview_next"] = fmt_day(interview, today)  # the next weekday morning is the interview's own morning
    sent = situation.date_of("followed_up_date")
    if sent and situation.followed_up == "yes":  # two weeks after the user's own follow-up: silence is the answer
        days["stop_day"] = fmt_day(let_it_rest_day(sent), today)
    if situation.branch == "staffing_agency" and interview:  # the day to ask the recruiter, as the agency verdicts
        if interview > today:
            days["agency_day"] = fmt_day(next_business_day(interview + timedelta(days=1)), today)
        elif decision and decision >= today:
            days["agency_day"] = fmt_day(next_business_day(decision + timedelta(days=1)), today)
        else:
            days["agency_day"] = fmt_day(next_business_day(today), today)
    return days


PLACEHOLDER = re.compile(r"\{(\w+)\}")


def answer_topic(
    topic: str,
    situation: Situation,
    person: str | None,
    draft_to_recruiter: bool = False,
    verdict: str | None = None,
    has_draft: bool = False,
    days: Mapping[str, str] | None = None,
) -> str | None:
    """The answer to one topic; `person` is the name the message gives (if any), the last draft's addressee too.

    An answer naming a value not known here ({person}, a day of `days`) is skipped for the next one.
    """
    values = {**(days or {}), "recruiter": situation.recruiter_name or person or "your recruiter"}
    if person:
        values["person"] = person
    for answer in topic_file().topics.get(topic, []):
        if not answer.fits(situation, verdict, draft_to_recruiter, has_draft):
            continue
        if any(name not in values for name in PLACEHOLDER.findall(answer.text)):
            continue
        return PLACEHOLDER.sub(lambda m: values[m.group(1)], answer.text)
    return None
