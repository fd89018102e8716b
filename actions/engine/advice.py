"""Turns a Situation into advice: a dated verdict, how-to points, a draft and follow-up buttons."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta, timezone
from typing import Any, Dict, List, Mapping, Tuple

from .dates import (
    fmt_day,
    fmt_rough,
    follow_up_day,
    let_it_rest_day,
    next_business_day,
    outreach_window,
    pre_interview_verdict,
    status_check_day,
    wait_verdict,
)
from .drafts import draft_button, first_name, render_draft
from .knowledge import KNOWN, NOT_KNOWN, AdviceItem, Knowledge, load_knowledge, placeholders
from .reply import Button, Reply
from .situation import Situation
from .vocabulary import BRANCHES, FALLBACK_DRAFT, GOALS, NO_DATE_GIVEN, STATUS_GOALS, UNKNOWN

CHANNEL_NAMES = {"email": "email", "phone": "phone", "linkedin": "LinkedIn"}
REVIEW_BUTTON = Button(title="Review my own draft", payload="/review_draft")
RESTART_BUTTON = Button(title="Start over", payload="/restart")
WHY_BUTTON = Button(title="Why? Show the full advice", payload="/show_advice")
# The answers to "(tell me if they have)" after "better not go around your agency, unless you were invited".
INVITED_BUTTONS = [
    Button(title="Yes, I was invited", payload='/inform{"invited_to_contact":"yes"}'),
    Button(title="No", payload="/deny"),
]
# Timings at which the verdict is "not yet" (the advice names the day to write).
WAIT_TIMINGS = ("too_early", "wait", "before_interview")
# Facts remembered with each answer, so that the next one says what changed instead of repeating everything.
REMEMBERED = (
    "branch",
    "goal",
    "interview_date",
    "decision_date",
    "told_not_to_contact",
    "rejected",
    "followed_up",
    "invited_to_contact",
    "channel",
    "interview_format",
    "stage_reached",
    "interviewer_name",
    "recruiter_name",
    "user_name",
    "company",
    "role",
    "agency_name",
    "interview_time",
    "senior_interviewer",
    "already_settled",
    "not_scheduled",
    "competing_offer",
    "offer_received",
    "still_reviewing",
    "followed_up_again",
    "recruiter_gone",
    "company_wrote_first",
    "requested_items",
    "followed_up_date",
)
FACT_LABELS = {
    "interview_date": "interview date",
    "decision_date": "decision date",
    "told_not_to_contact": "asked not to contact you",
    "rejected": "turned down",
    "followed_up": "already followed up",
    "invited_to_contact": "invited to contact the company",
    "channel": "channel",
    "interview_format": "interview format",
    "stage_reached": "stage reached",
    "interviewer_name": "interviewer",
    "recruiter_name": "recruiter",
    "user_name": "your name",
    "company": "company",
    "role": "role",
    "agency_name": "agency",
    "interview_time": "time",
    "senior_interviewer": "senior interviewer",
    "already_settled": "details already settled",
    "not_scheduled": "no interview scheduled yet",
    "competing_offer": "another offer",
    "offer_received": "they offered you the job",
    "still_reviewing": "they answered: still deciding",
    "followed_up_again": "followed up more than once",
    "recruiter_gone": "your recruiter has left",
    "company_wrote_first": "they wrote to you first",
    "requested_items": "they asked you for something",
    "followed_up_date": "follow-up sent on",
}


@dataclass(frozen=True)
class AppliedItem:
    """An advice item chosen for this situation, with its placeholders filled in."""

    item: AdviceItem
    text: str


@dataclass
class Advice:
    """Everything advise() decided, before it is turned into messages."""

    facts: Dict[str, str | None]
    items: List[AppliedItem]
    draft_kinds: List[str]
    on_request: List[str] = field(default_factory=list)  # drafts given only when the user insists (their call)

    @property
    def item_ids(self) -> List[str]:
        """Ids of the chosen items, in display order."""
        return [applied.item.id for applied in self.items]

    @property
    def verdict(self) -> str:
        """The verdict in one word: yes, wait, logistics (practical questions only) or no."""
        if self.facts.get("contact_ok") == "no":
            return "no"
        if self.facts.get("contact_ok") == "logistics_only":
            return "logistics"
        if any(a.item.not_yet for a in self.items if a.item.part == "verdict"):
            return "wait"
        any_day = any(a.item.any_day for a in self.items if a.item.part == "verdict")
        return "wait" if self.facts.get("timing") in WAIT_TIMINGS and not any_day else "yes"

    @property
    def draft_fits(self) -> bool:
        """Whether the draft goes with the verdict: not for "not yet", and "only if practical" needs a practical reason.

        "No need to write first" (a phone screen) or "too late for a note" (tomorrow) followed by a full draft
        contradicts itself, so there the draft stays behind its button unless the user has a practical question,
        asked about logistics, or wants to write to the recruiter.
        """
        if self.verdict in ("yes", "no"):  # after a "no" the only drafts are other messages (a thank-you instead)
            return True
        practical = self.facts.get("asks") == "yes" or self.facts.get("goal") == "logistics"
        return self.verdict == "logistics" and (practical or self.facts.get("draft_to") == "recruiter")


def _agency_timing(
    situation: Situation, interview: date | None, decision: date | None, today: date, values: Dict[str, str]
) -> str:
    """Timing of a check-in with the recruiter: after the interview, from the working day after the decision date.

    An interview today is mostly asked about once it is over ("interviewed this morning"): a status question
    then gets "interview_today" (thanks and a debrief today, news from the next working day).
    """
    if situation.goal not in ("agency_status", "agency_thank_you") or interview is None:
        return "not_applicable"
    if interview > today:
        values["agency_day"] = fmt_day(next_business_day(interview + timedelta(days=1)), today)
        return "before_interview"
    if situation.goal == "agency_status" and situation.competing_offer != "yes":
        if decision is not None and decision >= interview:
            target = next_business_day(decision + timedelta(days=1))  # the day after the date the recruiter gave
            values["agency_day"] = fmt_day(target, today)
            return "wait" if today < target else "date_passed"
        if interview == today:
            values["agency_day"] = fmt_day(next_business_day(today + timedelta(days=1)), today)
            return "interview_today"
    values["agency_day"] = fmt_day(next_business_day(today), today)
    return "after_interview"


def _timing(
    situation: Situation, interview: date | None, decision: date | None, today: date, values: Dict[str, str]
) -> str:
    """Compute the 'timing' fact for the branch and goal; fills date placeholders on the way."""
    if situation.branch == "pre_interview":
        if interview is None:
            return "unknown_date"
        window = outreach_window(interview, today)
        values["window"] = window.text()
        values["window_start"] = fmt_day(window.start, today)
        return pre_interview_verdict(interview, today).kind
    if situation.branch == "staffing_agency":
        return _agency_timing(situation, interview, decision, today, values)
    if situation.branch != "post_interview":
        return "not_applicable"
    if situation.goal == "thank_you":
        if interview is None:
            return "unknown_date"
        return "before_interview" if interview > today else "after_interview"
    if situation.goal not in STATUS_GOALS:
        return "not_applicable"
    if interview is not None and interview > today:
        return "before_interview"  # "when can I ask where things stand?" about an interview still to come
    if decision is not None:
        target: date | None = follow_up_day(decision)
    elif situation.decision_date == NO_DATE_GIVEN and interview is not None:
        target = status_check_day(interview)
    else:
        target = None
    if target is None:
        return "unknown_date"
    values["target_day"] = fmt_day(target, today)
    return wait_verdict(target, today).kind


# After the user's own unanswered follow-up: days after the latest before the silence is taken as the answer.
LET_IT_REST_AFTER_DAYS = 14


def _again(situation: Situation, today: date, values: Dict[str, str]) -> str | None:
    """'wait' or 'passed' for the two weeks after the user's dated follow-up; fills the follow-up placeholders.

    {followed_up_day}: the day of the latest follow-up; {stop_day}: two weeks after it (a weekday), when the silence
    is taken as the answer.
    """
    sent = situation.date_of("followed_up_date")
    if situation.followed_up != "yes" or sent is None or sent > today:
        return None
    values["followed_up_day"] = fmt_day(sent, today)
    stop = let_it_rest_day(sent)
    values["stop_day"] = fmt_day(stop, today)
    return "wait" if today < stop else "passed"


def situation_facts(situation: Situation, now: datetime) -> Tuple[Dict[str, str | None], Dict[str, str]]:
    """Return the facts conditions are tested on, and the values available for {placeholders}."""
    today = now.date()
    interview = situation.date_of("interview_date")
    decision = situation.date_of("decision_date")
    facts: Dict[str, str | None] = {f.name: getattr(situation, f.name) for f in fields(Situation)}
    facts["interview_date"] = (
        interview.isoformat() if interview else (UNKNOWN if situation.interview_date == UNKNOWN else None)
    )
    facts["decision"] = (
        "date" if decision else ("none_given" if situation.decision_date == NO_DATE_GIVEN else NOT_KNOWN)
    )
    if situation.channel == "linkedin" or situation.goal == "linkedin_intro":
        facts["medium"] = "linkedin"
    else:
        facts["medium"] = situation.channel if situation.channel in ("email", "phone", "none") else NOT_KNOWN
    values = {"today": fmt_day(today)}
    if interview:  # a day said roughly ("like a week ago") stays rough: "a day last week", never a weekday
        rough = fmt_rough(interview, today, week_part=False)
        values["interview_day"] = (
            (f"a day {rough}" if rough.endswith("week") else f"a day in {rough}")
            if situation.is_approximate("interview_date")
            else fmt_day(interview, today)
        )
        values["status_day"] = fmt_day(status_check_day(interview), today)
    if decision:  # "by end of the month": "by late December"
        values["decision_day"] = (
            fmt_rough(decision, today) if situation.is_approximate("decision_date") else fmt_day(decision, today)
        )
    if situation.channel in CHANNEL_NAMES:
        values["channel_name"] = CHANNEL_NAMES[situation.channel]
    if situation.recruiter_name:
        values["recruiter"] = first_name(situation.recruiter_name)
    if (
        situation.no_contact_panel == "yes"
        and situation.draft_to == "recruiter"
        and situation.branch == "post_interview"
    ):
        facts["told_not_to_contact"] = "no"  # "don't contact the panel", and the user asks HR: the request isn't theirs
    facts["asks"] = "yes" if situation.question or situation.own_question else None  # a practical question to ask
    facts["again"] = _again(situation, today, values)
    facts["timing"] = _timing(situation, interview, decision, today, values)
    return facts, values


def _matches_value(expected: Any, actual: str | None) -> bool:
    """Whether one fact value satisfies one condition value (scalar, list, {not: ...}, known/not_known)."""
    if isinstance(expected, dict):
        return not _matches_value(expected["not"], actual)
    if isinstance(expected, list):
        return any(_matches_value(option, actual) for option in expected)
    if expected == KNOWN:
        return actual not in (None, UNKNOWN, NOT_KNOWN)
    if expected == NOT_KNOWN:
        return actual in (None, UNKNOWN, NOT_KNOWN)
    return actual == expected


def matches(conditions: Mapping[str, Any], facts: Mapping[str, str | None]) -> bool:
    """Tell whether every condition holds for the facts."""
    return all(_matches_value(expected, facts.get(name)) for name, expected in conditions.items())


def _fill(item: AdviceItem, values: Mapping[str, str]) -> str | None:
    """Fill the item's placeholders; return None when a value it needs is unavailable."""
    if any(name not in values for name in placeholders(item.text)):
        return None
    return item.text.format_map(values)


def _contact_ok(verdicts: List[AppliedItem]) -> str:
    """Return the strictest permission among the chosen verdicts ('yes' when none)."""
    allowed = {applied.item.allows_contact for applied in verdicts}
    if "no" in allowed:
        return "no"
    return "logistics_only" if "logistics_only" in allowed else "yes"


def decide(situation: Situation, now: datetime, knowledge: Knowledge | None = None) -> Advice:
    """Choose the verdict, how-to and disagreement items and the drafts that apply."""
    knowledge = knowledge or load_knowledge()
    facts, values = situation_facts(situation, now)
    verdicts: List[AppliedItem] = []
    for item in (i for i in knowledge.items if i.part == "verdict"):
        text = _fill(item, values) if matches(item.applies_when, facts) else None
        if text is not None:
            verdicts.append(AppliedItem(item, text))
            if not item.keep_looking:
                break
    facts["contact_ok"] = _contact_ok(verdicts)
    others = []
    # a reply to their request ("she asked me for two references") is no follow-up: the follow-up how-tos don't apply
    replying = facts.get("requested_items") == "yes" and facts.get("rejected") != "yes"
    for part in ("how", "disagreement"):
        for item in (i for i in knowledge.items if i.part == part):
            if replying and "requested_items" not in item.applies_when:
                continue
            text = _fill(item, values) if matches(item.applies_when, facts) else None
            if text is not None:
                others.append(AppliedItem(item, text))
    kinds: List[str] = []
    on_request: List[str] = []
    for rule in knowledge.drafts:
        chosen = on_request if rule.on_request else kinds
        if rule.kind not in chosen and matches(rule.applies_when, facts):
            chosen.append(rule.kind)
    return Advice(facts=facts, items=verdicts + others, draft_kinds=kinds, on_request=on_request)


def pick_draft_kind(situation: Situation, now: datetime | None = None) -> str:
    """Return the best-fitting draft kind for the situation (the one advise() shows inline)."""
    advice = decide(situation, now or datetime.now(timezone.utc))
    kinds = advice.draft_kinds + advice.on_request
    return kinds[0] if kinds else FALLBACK_DRAFT.get(situation.branch or "", FALLBACK_DRAFT["pre_interview"])


def draft_on_request(situation: Situation, now: datetime) -> str | None:
    """The draft the user may still have after advice against it ("I'd like to send it anyway"), if any."""
    if situation.branch not in BRANCHES or situation.goal not in GOALS[situation.branch]:
        return None
    kinds = decide(situation, now).on_request
    return kinds[0] if kinds else None


def _bullets(title: str, items: List[AppliedItem]) -> str:
    """Format a titled bullet list."""
    return title + "\n" + "\n".join(f"• {applied.text}" for applied in items)


def outcome(situation: Situation, now: datetime) -> Tuple[str | None, str | None]:
    """The one-word verdict and the kind of draft advise() shows in full, (None, None) without a situation."""
    if situation.branch not in BRANCHES or situation.goal not in GOALS[situation.branch]:
        return None, None
    advice = decide(situation, now)
    return advice.verdict, (advice.draft_kinds[0] if advice.draft_kinds else None)


def remembered(situation: Situation) -> Dict[str, str | None]:
    """The facts an answer was based on, kept in a slot to compare the next answer with."""
    return {name: getattr(situation, name) for name in REMEMBERED}


def _fact_text(name: str, value: str | None, today: date) -> str:
    """A fact's new value in words, for the 'what changed' line."""
    if value is None:
        return "no longer known"
    if name in ("interviewer_name", "recruiter_name") and value == UNKNOWN:
        return "no name, so the draft greets without one"  # "no idea who": said once, where the fact changes
    dated = ("interview_date", "decision_date", "followed_up_date")
    said = Situation(**{name: value}) if name in dated else None
    day = said.date_of(name) if said else None
    if said and day is not None:
        return fmt_rough(day, today) if said.is_approximate(name) else fmt_day(day, today)
    return {"yes": "yes", "no": "no", UNKNOWN: "not sure", NO_DATE_GIVEN: "none given"}.get(value, value)


# The names a draft is written with: correcting one changes the draft the user already has (same goal).
DRAFT_FACTS = frozenset({"interviewer_name", "recruiter_name", "user_name", "company", "role"})


def _changed(before: Mapping[str, Any], situation: Situation) -> List[str]:
    """The names of the remembered facts that differ from the previous answer's."""
    now = remembered(situation)
    return [name for name in REMEMBERED if before.get(name) != now[name]]


def changes(before: Mapping[str, Any], situation: Situation, today: date) -> List[str]:
    """What changed since the previous answer, one phrase per fact ('interview date: Tue 1 Dec')."""
    now = remembered(situation)
    return [
        f"{FACT_LABELS[name]}: {_fact_text(name, now[name], today)}"
        for name in REMEMBERED
        if name in FACT_LABELS and before.get(name) != now[name] and now[name] is not None
    ]


# The one line that ends a follow-up answer: the points and sources not repeated are one message away.
MORE_AGAIN = "Say “full advice” (or tap Why?) to see all the reasons and sources again."
MORE_NEW = "Say “full advice” (or tap Why?) for the steps, the reasons and the sources."

# Before a draft corrected on screen although the verdict says no message is needed ("No need to write first"):
# the two agree only when the draft is for the user who writes anyway.
REDO_DESPITE_VERDICT = "If you do decide to send it anyway, here is your draft with that corrected:"
# Before a draft asked for while the verdict is "not yet": it is written now, sent on the day the verdict gives.
FOR_THAT_DAY = "Here is the message, ready for that day: keep it until then rather than sending it now."


def advise(
    situation: Situation,
    now: datetime,
    channel: str | None = None,
    before: Mapping[str, Any] | None = None,
    with_draft: bool = True,
    draft_on_screen: bool = False,
    verdict_before: str | None = None,
    draft_asked: bool = False,
) -> Reply:
    """Advice for the situation at `now` (aware datetime in the user's zone), drafts escaped for `channel`.

    With `before` (the facts of the previous answer, same branch and goal) the answer is brief: what changed,
    the verdict and the draft, the reasons behind a "Why?" button; with_draft=False leaves the draft out (the
    user asked why). `verdict_before` (the one-word verdict given last) lets a changed verdict say so.
    With `draft_asked` ("can you write the follow up"), a "not yet" still comes with its draft, for the day given.
    """
    knowledge = load_knowledge()
    reply = Reply()
    if situation.branch not in BRANCHES or situation.goal not in GOALS[situation.branch]:
        reply.add(
            "Tell me a little more first: is this about contacting someone before your interview, after "
            "it, or about a staffing agency?",
            [RESTART_BUTTON],
        )
        return reply
    advice = decide(situation, now, knowledge)
    verdicts = [a for a in advice.items if a.item.part == "verdict"]
    brief = before is not None and before.get("branch") == situation.branch and before.get("goal") == situation.goal
    if brief:
        changed = changes(before or {}, situation, now.date())
        if changed:
            lead = "Noted (" + "; ".join(changed) + ")."
        elif verdict_before not in (None, advice.verdict):  # a detail that is no remembered fact moved the verdict
            lead = "That changes my answer:"
        else:
            lead = "From what you've told me, my answer is the same:"
        reply.add(" ".join([lead] + [applied.text for applied in verdicts]))
    else:
        changed = changes(before, situation, now.date()) if before is not None else []
        lead = ["Noted (" + "; ".join(changed) + ")."] if changed else []  # a new question, with a fact corrected
        if verdicts:
            reply.add(" ".join(lead + [applied.text for applied in verdicts]))
        # a new question later on: its verdict and draft only; the points and sources are one "full advice" away
        urgent = any(applied.item.alone for applied in verdicts)  # on the day: the message, not a list to read
        how = [a for a in advice.items if a.item.part == "how"] if before is None and not urgent else []
        disagreements = [a for a in advice.items if a.item.part == "disagreement"] if before is None else []
        sections = []
        if how:
            sections.append(_bullets("How to go about it:", how))
        if disagreements:
            sections.append(_bullets("Where the articles disagree:", disagreements))
        if sections:
            reply.add("\n\n".join(sections))
    # "not yet": the draft is one click away, for the day itself, unless the user has one on screen that a
    # correction changed ("it's Sofia Marchesi" after the draft greeted someone else): then the new one
    moved = set(_changed(before or {}, situation)) if brief else set()
    redo = draft_on_screen and bool(moved & DRAFT_FACTS)
    on_request = any(applied.item.draft_on_request for applied in verdicts)  # "a third email won't add much"
    # "not yet", but asked to write it, or its draft on screen names a day just corrected: the draft, for that day
    dated = draft_on_screen and bool(moved & {"interview_date", "decision_date"})
    for_later = (draft_asked or dated or redo) and advice.verdict == "wait" and not on_request
    inline = with_draft and ((advice.draft_fits and not on_request) or redo or for_later)
    if advice.draft_kinds and inline:
        draft = render_draft(advice.draft_kinds[0], situation, now, channel)
        if for_later:  # the verdict's day stands: the draft is for then, never a reason to send now
            reply.add(FOR_THAT_DAY)
        elif not (advice.draft_fits and not on_request):  # "No need to write first" above: only if they do
            reply.add(REDO_DESPITE_VERDICT)
        reply.add(draft.text, draft_kind=draft.draft_kind)
    buttons = [draft_button(kind) for kind in advice.draft_kinds[0 if not inline else 1 :]]
    asks_invited = situation.goal == "contact_company" and situation.invited_to_contact is None
    if asks_invited and situation.rejected != "yes" and advice.verdict == "no":
        buttons = INVITED_BUTTONS + buttons  # the verdict asks whether they were invited: one click answers
    if before is not None:  # a follow-up shows only what is new: the rest is one line away
        reply.add(MORE_AGAIN if brief else MORE_NEW, [WHY_BUTTON] + buttons + [REVIEW_BUTTON, RESTART_BUTTON])
        return reply
    buttons += [REVIEW_BUTTON, RESTART_BUTTON]
    timing = advice.facts.get("timing")
    before = timing == "before_interview" or (situation.branch == "pre_interview" and timing != "interview_passed")
    titles = source_titles(advice.items, "before" if before else "after", knowledge)
    reply.add("Based on: " + "; ".join(titles) + ".", buttons)
    return reply


def _cited(items: List[AppliedItem]) -> Dict[str, Dict[str, List[str]]]:
    """The articles the items rest on, in order, each with its sections and their points."""
    cited: Dict[str, Dict[str, List[str]]] = {}
    for applied in items:
        source = applied.item.source
        points = cited.setdefault(source.article, {}).setdefault(source.section, [])
        for point in (source.point or "").split(" and "):
            if point and point not in points:
                points.append(point)
    return cited


def source_titles(items: List[AppliedItem], stage: str, knowledge: Knowledge) -> List[str]:
    """The articles the items rest on, in order; one written about the other stage (before/after) names its parts."""
    cited = _cited(items)
    titles = []
    for article, sections in cited.items():
        title = knowledge.articles[article]
        if knowledge.article_stage.get(article, stage) != stage:
            title += f" ({_parts(sections)})"
        titles.append(title)
    return titles


def verdict_basis(verdicts: List[AppliedItem]) -> str | None:
    """Where the verdict items come from, in one line: the article and its part ("That rests on “…” (point 4).")."""
    articles = load_knowledge().articles
    parts = [f"“{articles[article]}” ({_parts(sections)})" for article, sections in _cited(verdicts).items()]
    return f"That rests on {_joined(parts)}." if parts else None


def _joined(words: List[str]) -> str:
    """Words joined as in a sentence: "a", "a and b", "a, b and c"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _numbered(points: List[str]) -> str:
    """Points of a numbered list in order: "point 4", "points 2 and 7"."""
    ordered = sorted(points, key=lambda point: int(point) if point.isdigit() else 99)
    return ("point " if len(ordered) == 1 else "points ") + _joined(ordered)


def _parts(sections: Mapping[str, List[str]]) -> str:
    """The cited parts of one article: "section “X”", "points 2 and 7" (one numbered list), or several sections."""
    if len(sections) == 1 and all(sections.values()):
        return _numbered(next(iter(sections.values())))
    labels = [f"“{name}”" + (f", {_numbered(points)}" if points else "") for name, points in sections.items()]
    return ("section " if len(labels) == 1 else "sections ") + _joined(labels)


def _answered(situation: Situation, name: str) -> bool:
    """Tell whether a slot is answered: it is when it has any value, including UNKNOWN (the user skipped it)."""
    return getattr(situation, name) is not None


# Facts worth a question once the form is asking anyway, but that never hold back advice the user's own
# message already dated: the advice then carries a caveat about them instead (items *_told_not_unknown).
# Without an invitation to contact the company, an agency candidate is told to go through the agency.
# Channel, format and stage only refine the advice (the draft's medium, a screen's caveat, how to ask for
# feedback): once they are all that is missing, the answer comes at once rather than after more questions.
SOFT_FACTS = frozenset({"told_not_to_contact", "channel", "interview_format", "stage_reached", "invited_to_contact"})


# Every fact the situation form may ask (domain.yml, situation_form), in the order it asks them.
ASKED_FACTS = (
    "branch",
    "goal",
    "interview_date",
    "channel",
    "told_not_to_contact",
    "interview_format",
    "decision_date",
    "stage_reached",
    "invited_to_contact",
    "unparsed_date",
)


def missing_facts(situation: Situation, asking: bool = True) -> List[str]:
    """List the slots still to ask, in order; a list of soft facts only is dropped (asking: kept for callers)."""
    missing = _missing_facts(situation)
    if set(missing) <= SOFT_FACTS:
        return []
    return missing


def _missing_facts(situation: Situation) -> List[str]:
    """List the slots still to ask, in order, that change the advice for this branch and goal."""
    if situation.branch is None or (situation.branch != UNKNOWN and situation.branch not in BRANCHES):
        return ["branch", "goal"]
    if situation.branch == UNKNOWN:
        return []
    if situation.goal is None or (situation.goal != UNKNOWN and situation.goal not in GOALS[situation.branch]):
        return ["goal"]
    goal = situation.goal
    wanted: List[str] = []
    if situation.branch == "pre_interview":
        if situation.told_not_to_contact == "yes" or situation.not_scheduled == "yes":
            return []  # nothing to ask: hold off, or no interview day to time a note by
        wanted = ["interview_date", "told_not_to_contact"]
        if goal != "linkedin_intro":
            wanted.insert(1, "channel")
        if goal == "should_contact":
            wanted.append("interview_format")
    elif situation.branch == "post_interview":
        if situation.requested_items == "yes" and situation.rejected != "yes":
            return []  # "she asked me for two references": answer them, whatever the dates
        if goal == "thank_you":
            wanted = ["interview_date", "channel"]
        elif goal == "feedback":
            wanted = ["stage_reached"]
        elif goal in STATUS_GOALS:
            if situation.told_not_to_contact == "yes" or situation.followed_up == "yes":
                return []  # the answer is "hold off" whatever else they said
            if situation.competing_offer == "yes" or situation.offer_received == "yes":
                return []  # an offer elsewhere: ask where things stand now, whatever their timeline
            wanted = ["interview_date", "decision_date", "told_not_to_contact"]
            if situation.date_of("decision_date") is not None:
                wanted.remove("interview_date")
    elif goal == "contact_company":
        wanted = ["invited_to_contact"]
    return [name for name in wanted if not _answered(situation, name)]
