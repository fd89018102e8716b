"""The user's situation as the engine sees it, built from the Rasa slots."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Mapping

from .vocabulary import APPROXIMATE, UNKNOWN


@dataclass(frozen=True)
class Situation:
    """Everything the user told us; None means 'not said', UNKNOWN means 'asked, user doesn't know'."""

    branch: str | None = None  # one of vocabulary.BRANCHES
    goal: str | None = None  # one of vocabulary.GOALS[branch]
    interview_date: str | None = None  # ISO date 'YYYY-MM-DD' or UNKNOWN
    interview_time: str | None = None  # free text such as '2pm' or '14:30'
    decision_date: str | None = None  # ISO date, NO_DATE_GIVEN or UNKNOWN
    interviewer_name: str | None = None
    recruiter_name: str | None = None
    user_name: str | None = None
    company: str | None = None
    role: str | None = None
    agency_name: str | None = None
    channel: str | None = None  # 'email', 'linkedin', 'phone', 'none' (no contact details) or UNKNOWN
    told_not_to_contact: str | None = None  # 'yes', 'no' or UNKNOWN
    interview_format: str | None = None  # 'screen' (short phone/video screen), 'full' or UNKNOWN
    stage_reached: str | None = None  # 'early', 'final' or UNKNOWN (how far the user got)
    invited_to_contact: str | None = None  # 'yes', 'no' or UNKNOWN (agency: invited to contact the company)
    rejected: str | None = None  # 'yes' or 'no'
    followed_up: str | None = None  # 'yes' when the user already sent a follow-up
    question: str | None = None  # the practical detail to ask before the interview: link, location, dress, ...
    strength: str | None = None  # what the user wants to recall in a thank-you: 'building SQL dashboards'
    senior_interviewer: str | None = None  # 'yes' when the interviewer is the CEO, a founder or similarly senior
    already_settled: str | None = None  # 'yes' when the interview details were already confirmed with them
    not_scheduled: str | None = None  # 'yes' when the user only applied: no interview scheduled yet
    competing_offer: str | None = None  # 'yes' when another employer made an offer (often with a deadline)
    offer_received: str | None = None  # 'yes' when this employer offered the user the job
    still_reviewing: str | None = None  # 'yes' when they answered a follow-up: no decision yet, still reviewing
    followed_up_again: str | None = None  # 'yes' when the user followed up more than once already
    followed_up_date: str | None = None  # ISO date of the user's latest follow-up, when they said it
    recruiter_gone: str | None = None  # 'yes' when the agency's recruiter has left (or their email bounces)
    company_wrote_first: str | None = None  # 'yes' when someone at the agency's client wrote to the user first
    no_contact_panel: str | None = None  # 'yes' when the request not to contact them named only the panel
    own_question: str | None = None  # the user's own question in their words: 'whether the team works in Kotlin'
    draft_to: str | None = None  # 'recruiter' or 'interviewer' when the user said whom the draft is for
    # one note of a panel: what the user discussed with this person ('asked:my audit work', 'talked:the team'),
    # '' when nothing was said (the note then gets a line to fill in), None for a note that is no panel's
    talk_with: str | None = None
    requested_items: str | None = None  # 'yes' when they asked the user for something (references, documents)
    thanked_already: str | None = None  # 'yes' when the user already sent their thank-you note
    their_change: str | None = None  # the reschedule message answers their change: they_cancelled, they_moved, no_show
    references: str | None = None  # the people the user gives as references, as they named them: 'John Ruiz, Amy Lee'

    @classmethod
    def from_slots(cls, slots: Mapping[str, Any]) -> Situation:
        """Build a Situation from a slot dict, ignoring unrelated slots and non-string values."""
        names = {f.name for f in fields(cls)}
        values = {k: (str(v) if v is not None else None) for k, v in slots.items() if k in names}
        return cls(**values)

    def known(self, name: str) -> bool:
        """True when the user gave a usable value (not missing, not UNKNOWN)."""
        value = getattr(self, name)
        return value is not None and value != UNKNOWN

    def date_of(self, name: str) -> date | None:
        """The slot as a date (approximate ones too), or None when it is missing, unknown or not a date."""
        value = getattr(self, name)
        try:
            return date.fromisoformat(value.lstrip(APPROXIMATE)) if value else None
        except ValueError:
            return None

    def is_approximate(self, name: str) -> bool:
        """True when the user gave the date only roughly ('about a week ago')."""
        return str(getattr(self, name) or "").startswith(APPROXIMATE)
