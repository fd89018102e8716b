"""The coach's shared words: branches, goals, draft kinds and the values each fact can take.

A leaf module: it imports nothing from the project, so every other module (engine, actions, NLU components,
scripts) can read it without creating an import cycle. The YAML files (domain.yml, config.yml, the knowledge
files) spell the same words; tests/engine/test_vocabulary.py checks that they agree with this module.
"""

from __future__ import annotations

from typing import Dict, Tuple

# Values slots take when the user skipped a question or said they don't know.
UNKNOWN = "unknown"
# decision_date value when the employer gave no timeline.
NO_DATE_GIVEN = "none_given"
# Prefix of a date slot the user gave only roughly: '~2026-11-11' for "about a week ago".
APPROXIMATE = "~"
# Tokens usable in a knowledge condition on any fact: the user gave a usable value, or did not.
KNOWN, NOT_KNOWN = "known", "not_known"

BRANCHES: Tuple[str, ...] = ("pre_interview", "post_interview", "staffing_agency")
GOALS: Dict[str, Tuple[str, ...]] = {
    "pre_interview": ("should_contact", "logistics", "preparation", "linkedin_intro"),
    "post_interview": ("thank_you", "status_check", "decision_passed", "feedback", "call_or_email"),
    "staffing_agency": ("agency_status", "contact_company", "agency_thank_you", "agency_feedback"),
}
ALL_GOALS: Tuple[str, ...] = tuple(goal for goals in GOALS.values() for goal in goals)
# The most useful goal of each branch, used when the user skips the goal question.
DEFAULT_GOAL: Dict[str, str] = {
    "pre_interview": "should_contact",
    "post_interview": "status_check",
    "staffing_agency": "agency_status",
}
# Goals after the interview that are about hearing back (the follow-up day applies to them).
STATUS_GOALS: Tuple[str, ...] = ("status_check", "decision_passed", "call_or_email")

DRAFT_KINDS: Tuple[str, ...] = (
    "pre_confirm_email",
    "pre_prep_question_email",
    "linkedin_note",
    "thank_you_email",
    "linkedin_thank_you",
    "status_check_email",
    "decision_followup_email",
    "feedback_request_email",
    "agency_checkin",
    "company_message_cc_recruiter",
    "agency_thank_you",
    "agency_feedback_request",
    "requested_items_email",
    "reschedule_message",
    "application_followup_email",
)
# Drafts a follow-up topic calls for (reschedule, running late), not offered by the knowledge's draft rules.
TOPIC_DRAFT_KINDS: Tuple[str, ...] = ("reschedule_message",)
# The last_draft value when the draft on screen is the user's own (pasted for review), not one of DRAFT_KINDS.
OWN_DRAFT = "own_draft"
# The changes a user can ask of the last draft (entity `edit`, patterns in nlu_components/entity_roles.yml).
EDITS: Tuple[str, ...] = (
    "shorter",
    "one_paragraph",
    "formal",
    "casual",
    "warmer",
    "linkedin",
    "text",
    "remove",
    "keep",
    "retain",
    "add",
    "replace",
    "reword",
    "sign",
    "rewrite",
    "fresh",
)
# Draft used when the knowledge offers none for the situation (e.g. the user asks for one anyway).
FALLBACK_DRAFT: Dict[str, str] = {
    "pre_interview": "pre_confirm_email",
    "post_interview": "thank_you_email",
    "staffing_agency": "agency_checkin",
}

# What the dates say about writing now (dates.Verdict.kind).
VERDICT_KINDS: Tuple[str, ...] = (
    "wait",
    "write_today",
    "date_passed",
    "too_early",
    "in_window",
    "window_passed",
    "interview_tomorrow",
    "interview_today",
    "interview_passed",
)
TIMINGS: Tuple[str, ...] = ("unknown_date", *VERDICT_KINDS, "before_interview", "after_interview", "not_applicable")
# May the user write: yes, no, or only about a practical detail.
CONTACT_OK: Tuple[str, ...] = ("yes", "no", "logistics_only")

# The closed set of values of each fact the knowledge conditions can test (other Situation fields are free text).
FACT_VALUES: Dict[str, Tuple[str, ...]] = {
    "branch": BRANCHES,
    "goal": ALL_GOALS,
    "channel": ("email", "linkedin", "phone", "none", UNKNOWN),
    "told_not_to_contact": ("yes", "no", UNKNOWN),
    "interview_format": ("screen", "full", UNKNOWN),
    "stage_reached": ("early", "final", UNKNOWN),
    "invited_to_contact": ("yes", "no", UNKNOWN),
    "rejected": ("yes", "no", UNKNOWN),
    "followed_up": ("yes", "no", UNKNOWN),
    "competing_offer": ("yes",),
    "offer_received": ("yes",),
    "senior_interviewer": ("yes",),
    "already_settled": ("yes",),
    "not_scheduled": ("yes",),
    "still_reviewing": ("yes",),
    "followed_up_again": ("yes",),
    "recruiter_gone": ("yes",),
    "company_wrote_first": ("yes",),
    "no_contact_panel": ("yes",),
    "requested_items": ("yes",),
    # after the user's own dated follow-up with no reply: still within two weeks of it, or past them
    "again": ("wait", "passed"),
    "timing": TIMINGS,
    "decision": ("date", NO_DATE_GIVEN, NOT_KNOWN),
    "medium": ("linkedin", "email", "phone", "none", NOT_KNOWN),
    "contact_ok": CONTACT_OK,
    "asks": ("yes",),
}
