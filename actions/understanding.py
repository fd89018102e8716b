"""Reads the user's situation from one message: which slots it fills or corrects."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Tuple

from actions.engine.dates import ReadDate, parse_time, read_date
from actions.engine.knowledge import load_understanding
from actions.engine.situation import Situation
from actions.engine.spelling import within_two_edits
from actions.engine.vocabulary import ALL_GOALS, DEFAULT_GOAL, FACT_VALUES, GOALS, NO_DATE_GIVEN, UNKNOWN

KNOWLEDGE = Path(__file__).parent / "knowledge" / "understanding.yml"

# Slots that take a yes/no answer to the form's question.
YES_NO_SLOTS = ("told_not_to_contact", "invited_to_contact")
# The facts of the user's own case that an off-topic message (another job, a cover letter) never replaces.
OWN_CASE_FACTS = ("company", "role", "agency_name", "interview_date")
# The facts of one application: kept apart per case when the user talks about several in one chat.
CASE_FACTS = (
    "branch",
    "goal",
    "interview_date",
    "interview_time",
    "decision_date",
    "interviewer_name",
    "recruiter_name",
    "draft_to",
    "company",
    "role",
    "agency_name",
    "channel",
    "told_not_to_contact",
    "interview_format",
    "stage_reached",
    "invited_to_contact",
    "rejected",
    "followed_up",
    "question",
    "own_question",
    "strength",
    "requested_items",
    "references",
    "draft_kind",
    "verdict",
    "advised",
    "last_draft",
    "draft_shown",
    "draft_edits",
    "reviewed_draft",
    "senior_interviewer",
    "already_settled",
    "not_scheduled",
    "competing_offer",
    "offer_received",
    "still_reviewing",
    "followed_up_again",
    "followed_up_date",
    "recruiter_gone",
    "company_wrote_first",
    "no_contact_panel",
    "panel",
    "draft_each",
    "thanked_already",
    "their_change",
)
# Intents of an answer to "paste your draft" that is no draft: a request for one, a no, thanks, a question.
NOT_A_DRAFT = ("ask_draft", "deny", "skip", "thanks", "help", "no_reply", "show_advice", "restart", "goodbye")
# A message this long is taken as a pasted draft when the coach asked for one.
DRAFT_MIN_WORDS = 12
# An interview or decision date further from today than this is a misreading ("4 West" read as 18 April).
MAX_DAYS_FROM_TODAY = 200
# How many days a rough interview day ("last week", "about a week ago") may be off either way.
ROUGH_INTERVIEW_DAYS = 3
# Below this confidence, a situation intent of another branch does not move a conversation whose branch is
# known: the facts of the message (an agency named, a date on the other side of today) still can.
STEADY_BRANCH_CONFIDENCE = 0.8
# Intents read from the whole message that already say the story is an agency one.
AGENCY_INTENTS = ("agency_status", "agency_contact_company")
# Agency goals whose verdicts already say whether to write to the client directly (invited or not).
CLIENT_ANSWERED_GOALS = ("agency_thank_you",)
# Entity values that only say "an agency", not which one.
GENERIC_AGENCY = {"staffing agency", "agency", "recruitment agency", "a staffing agency", "the agency", "recruiter"}


def parsed_entities(parse: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """The entities of a parse and the cues MessageCues read beside them (parse key `cues`), as one list."""
    return list(parse.get("entities") or []) + list(parse.get("cues") or [])


@dataclass
class ParsedMessage:
    """The parts of a user message the understanding needs."""

    text: str
    intent: str | None
    entities: List[Dict[str, Any]] = field(default_factory=list)
    confidence: float = 1.0


@lru_cache(maxsize=1)
def knowledge() -> Dict[str, Any]:
    """The understanding tables from understanding.yml, checked against their model (loaded once)."""
    return load_understanding(KNOWLEDGE)


def _without_apostrophes(text: str) -> str:
    """The text with its apostrophes left out ("didnt" and "didn't" read alike)."""
    return re.sub(r"['\u2019]", "", text)


def _has_any(text: str, phrases: Iterable[str]) -> bool:
    """True when one of the phrases occurs in text as whole words (apostrophes or not)."""
    text = _without_apostrophes(text)
    return any(re.search(rf"(?<!\w){re.escape(_without_apostrophes(p))}(?!\w)", text) for p in phrases)


def _answer_of(message: ParsedMessage, slot: str) -> str | None:
    """The value MessageCues read as a free-text answer to the question on slot ("nope" is no date given)."""
    return next((str(e["value"]) for e in _entity_values(message.entities, "answer") if e.get("role") == slot), None)


def _cued(message: ParsedMessage, entity: str, *values: str) -> bool:
    """Whether the NLU pipeline found an entity of this type (with one of these values, when given)."""
    return any(not values or e["value"] in values for e in _entity_values(message.entities, entity))


def _entity_values(entities: List[Dict[str, Any]], name: str) -> List[Dict[str, Any]]:
    """The entities of one type, without duplicates from two extractors."""
    seen, found = set(), []
    for entity in entities:
        if entity.get("entity") != name or entity.get("value") in (None, ""):
            continue
        key = (str(entity["value"]).lower(), entity.get("start"))
        if key not in seen:
            seen.add(key)
            found.append(entity)
    return found


def _switch_branch(branch: str, slots: Mapping[str, Any], update: Dict[str, Any]) -> None:
    """Set a new branch and carry the goal over to it, or clear the goal so it is asked again."""
    update["branch"] = branch
    goal = update.get("goal", slots.get("goal"))
    if goal and goal not in GOALS[branch]:
        update["goal"] = knowledge()["goal_in_other_branch"].get(branch, {}).get(goal)
        asked = any(update.get(name, slots.get(name)) for name in ("question", "own_question"))
        carried = branch == "staffing_agency"  # after the interview, "how to prepare" has no question left to ask
        if carried and update["goal"] and not asked and knowledge()["question_of_goal"].get(goal):
            update["question"] = knowledge()["question_of_goal"][goal]  # "how to prepare": now for the recruiter


def _agency_mentions(message: ParsedMessage) -> List[Dict[str, Any]]:
    """The agency mentions EntityRoles kept, without those said not to be one ("not agency", "no agency").

    The role `other` is an agency that is the user's own workplace ("my agency job"), not one handling this job.
    """
    return [e for e in _entity_values(message.entities, "agency") if e.get("role") not in ("negated", "other")]


def _agency_denied(message: ParsedMessage) -> bool:
    """Whether the message says there is no agency ("no agency", "NOT working with a staffing agency")."""
    return bool(_entity_values(message.entities, "agency")) and not _agency_mentions(message)


def _read_intent(
    message: ParsedMessage, slots: Mapping[str, Any], requested: str | None, now: datetime, update: Dict[str, Any]
) -> None:
    """Branch and goal from a situation intent."""
    revealed = knowledge()["intents"].get(message.intent or "")
    current = slots.get("branch")
    if _agency_denied(message):  # "direct application, no agency": never the agency branch, and leave it
        if current == "staffing_agency":
            interview = Situation.from_slots(slots).date_of("interview_date")
            _switch_branch("pre_interview" if interview and interview > now.date() else "post_interview", slots, update)
            if slots.get("agency_name"):
                update["agency_name"] = None  # the agency taken from an earlier message was a misreading
        if not revealed or revealed["branch"] == "staffing_agency":
            return
    if not revealed:
        return
    if _date_keeps_branch(message, slots, revealed["branch"], now):
        if _asks_about_client(message, slots):
            update["goal"] = "contact_company"  # "should I also message the unit manager myself?" after the answer
        return  # "should I call her or email?" the day before the interview is still before the interview
    if current is not None and _dated_other_side(message, revealed["branch"], now) == current:
        return  # "umm the monday before last" read as a question before the interview: it is behind
    if requested == "interview_date" and _dated_same_side(message, current, now):
        return  # "the wednesday before thanksgiving" answering "When was the interview?": its words say no branch
    if current in GOALS and revealed["branch"] != current and message.confidence < STEADY_BRANCH_CONFIDENCE:
        if not _branch_evidence(message, revealed["branch"]):
            if current == "staffing_agency" and _contact_company(message, slots):
                update["goal"] = "contact_company"  # "should I message the unit manager myself?"
            elif current == "staffing_agency" and not slots.get("goal"):
                # the goal question answered with a question of another branch: "can I email the team lead?"
                update["goal"] = "contact_company" if _cued(message, "company_side") else "agency_status"
            return  # a follow-up that only looks like another situation ("the company is X") keeps the one told
    if slots.get("goal") in CLIENT_ANSWERED_GOALS and revealed["goal"] == "contact_company":
        if current == "staffing_agency" and not _contact_company(message, slots):
            return  # "I don't remember if the recruiter said I could contact them": still about the thank-you
    update["goal"] = revealed["goal"]
    side = _addressee_side(message, slots)
    if revealed["goal"] == "agency_status" and (
        side == "client" or (side is None and _cued(message, "company_addressee"))
    ):
        update["goal"] = "contact_company"  # "my recruiter has gone quiet, so can I just email Dorian myself?"
    elif revealed["goal"] == "contact_company" and side == "recruiter":
        update["goal"] = "agency_status"  # "i want to email jess" when Jess is the agency's recruiter
    # A situation intent of another branch after an agency mention keeps the agency branch.
    if (
        slots.get("branch") == "staffing_agency"
        and not _agency_denied(message)
        and revealed["branch"] == "post_interview"
        and not _entity_values(message.entities, "branch")
    ):
        _switch_branch("staffing_agency", slots, update)
        if _asks_about_client(message, slots):
            update["goal"] = "contact_company"  # "I'd rather call the office manager at the firm, Helen Grady"
    else:
        update["branch"] = revealed["branch"]
    if revealed["goal"] == "feedback" and _entity_values(message.entities, "not_feedback"):
        # "i'm not asking for feedback, just when they'll decide": no rejection, a status question
        update["goal"] = "agency_status" if update.get("branch") == "staffing_agency" else "status_check"
    elif revealed["goal"] == "feedback":
        update["rejected"] = "yes"


def _client_wrote_first(slots: Mapping[str, Any], update: Dict[str, Any]) -> None:
    """Someone at the agency's client wrote to the user first: replying to them is invited (the recruiter copied).

    "the operations director messaged me on LinkedIn, should I reply or leave it to my recruiter?" asks about
    writing to the company, whatever the classifier's agency goal; a thank-you stays a thank-you.
    """
    if update.get("company_wrote_first") != "yes":
        return
    if update.get("branch", slots.get("branch")) != "staffing_agency":
        return
    if update.get("invited_to_contact", slots.get("invited_to_contact")) != "no" or "invited_to_contact" not in update:
        update["invited_to_contact"] = "yes"
    if update.get("goal", slots.get("goal")) in (None, "agency_status"):
        update["goal"] = "contact_company"


def _invitation_asked_about(slots: Mapping[str, Any], update: Dict[str, Any]) -> None:
    """A first agency message that tells an invitation to write to the client asks about using it.

    "my recruiter said i could message him myself. can i?": writing to the company, not asking the recruiter for news.
    """
    if update.get("branch", slots.get("branch")) != "staffing_agency" or slots.get("goal"):
        return
    if update.get("invited_to_contact") == "yes" and update.get("goal") in (None, "agency_status"):
        update["goal"] = "contact_company"


def _goal_without_agency(message: ParsedMessage, slots: Mapping[str, Any], update: Dict[str, Any]) -> None:
    """An agency intent in a message that says there is no agency: its goal, in the branch the dates gave.

    "I work at my agency job ... can I email her about next steps?" is a status check after the interview.
    """
    revealed = knowledge()["intents"].get(message.intent or "")
    branch = update.get("branch", slots.get("branch"))
    if not revealed or revealed["branch"] != "staffing_agency" or not _agency_denied(message):
        return
    if branch in GOALS and branch != "staffing_agency" and not update.get("goal", slots.get("goal")):
        update["goal"] = knowledge()["goal_in_other_branch"].get(branch, {}).get(revealed["goal"])


def _date_keeps_branch(message: ParsedMessage, slots: Mapping[str, Any], branch: str, now: datetime) -> bool:
    """Whether the interview date already told puts the user before or after it, against a follow-up's intent.

    Only a message that gives an interview date of its own moves the user across the interview.
    """
    current = slots.get("branch")
    interview = Situation.from_slots(slots).date_of("interview_date")
    if interview is None:
        return False
    cued = any(
        e.get("role") == "interview" and (e.get("additional_info") or {}).get("interview_cue")
        for e in _entity_values(message.entities, "DATE")
    )
    if (current, branch) == ("staffing_agency", "pre_interview") and interview <= now.date() and not cued:
        return True  # "she said two weeks, so that's 4 December": a date ahead, but not a new interview
    if _branch_evidence(message, "post_interview"):
        return False
    if interview == now.date():  # "in 2 hours" or "this morning": the side already told holds
        return current in ("pre_interview", "post_interview") and branch in ("pre_interview", "post_interview")
    ahead = interview > now.date()
    if (current, branch) == ("staffing_agency", "pre_interview") and not ahead:
        return True  # "check in with Craig before the 4th" after the client interview: still the agency story
    return (current, branch) == (("pre_interview", "post_interview") if ahead else ("post_interview", "pre_interview"))


def _dated_other_side(message: ParsedMessage, branch: str, now: datetime) -> str | None:
    """The other side of the interview when the message's own interview date contradicts the intent's branch.

    A date counts only when it stays on that side whichever way its words are read ("the monday before last").
    """
    sides = {"pre_interview": ("future", "post_interview"), "post_interview": ("past", "pre_interview")}
    if branch not in sides:
        return None
    prefer, other = sides[branch]
    dates = [e for e in _entity_values(message.entities, "DATE") if e.get("role") == "interview"]
    reads = [read_date(str(e["value"]), now, prefer=prefer) for e in dates]
    today = now.date()
    wrong = [r for r in reads if r and (r.day < today if prefer == "future" else r.day > today)]
    return other if reads and len(wrong) == len(reads) else None


def _dated_same_side(message: ParsedMessage, branch: str | None, now: datetime) -> bool:
    """Whether the message's interview dates, read the way the branch reads them, fall on the branch's side."""
    prefer = {"pre_interview": "future", "post_interview": "past"}.get(branch or "")
    dates = [e for e in _entity_values(message.entities, "DATE") if e.get("role") == "interview"]
    reads = [read_date(str(e["value"]), now, prefer=prefer) for e in dates] if prefer else []
    reads = [r for r in reads if r]  # "the week" of "the week after next i think, monday" names no day of its own
    today = now.date()
    return bool(reads) and all(r.day > today if prefer == "future" else r.day < today for r in reads)


def _branch_evidence(message: ParsedMessage, branch: str) -> bool:
    """Whether the message's own facts support moving to `branch`: an agency named, or an interview date."""
    if branch == "staffing_agency":
        return bool(_agency_mentions(message)) or any(
            e.get("role") == "agency" for e in _entity_values(message.entities, "ORG")
        )
    return any(e.get("role") == "interview" for e in _entity_values(message.entities, "DATE"))


def _read_talks(message: ParsedMessage, slots: Mapping[str, Any], update: Dict[str, Any]) -> None:
    """What the user discussed with each person (entity `discussed`), kept by first name in the slot `panel_talks`.

    "Priya asked about my audit experience, Ben about the graduate scheme": each note of a panel gets its line.
    """
    talks = [e for e in message.entities if e.get("entity") == "discussed" and e.get("value")]
    if not talks:
        return
    try:
        known = json.loads(slots.get("panel_talks") or "{}")
    except (TypeError, ValueError):
        known = {}
    for talk in talks:
        person = str((talk.get("additional_info") or {}).get("person") or "").split()
        if person:
            known[person[0].lower()] = f"{talk.get('role') or 'talked'}:{talk['value']}"
    update["panel_talks"] = json.dumps(known)


def _names_recruiter_written_to(message: ParsedMessage, slots: Mapping[str, Any], update: Dict[str, Any]) -> bool:
    """Whether a bare "her name is Sofie" names the recruiter, under a message to them that greets no one yet."""
    agency = update.get("branch", slots.get("branch")) == "staffing_agency"
    to_recruiter = slots.get("last_draft") == "agency_checkin" and not slots.get("recruiter_name")
    return agency and to_recruiter and _cued(message, "reply_cue", "name_of_them")


def _read_names(message: ParsedMessage, slots: Mapping[str, Any], update: Dict[str, Any]) -> None:
    """Whose name each PERSON is, and which ORG is the company or the agency (roles from EntityRoles)."""
    agencies = {str(e["value"]).lower() for e in _entity_values(message.entities, "agency")}
    panel: List[str] = []
    people = sorted(_entity_values(message.entities, "PERSON"), key=lambda e: int(e.get("start") or 0))
    for person in people:
        if person.get("role") in ("negated", "reference"):
            continue  # "not Jon, Joan Palmer": the name being corrected away; "my references are ...": no contact
        if any(
            str(person["value"]).lower() in str(org["value"]).lower().split()
            and not (  # "my recruiter Becky" also read as an organisation "Becky": the person her words say
                person.get("role") in ("recruiter", "self")
                and str(org["value"]).lower() == str(person["value"]).lower()
            )
            for org in _entity_values(message.entities, "ORG")
        ) or (
            str(person["value"]).lower() in " ".join(_companies_of(slots)).lower().split()
            and not (person.get("additional_info") or {}).get("part_said")  # "marco is the RECRUITER"
        ):
            continue  # "can I contact Northgate" after "Northgate Analytics": the company, not a person
        if str(person["value"]).lower() in agencies and person.get("role") not in ("recruiter", "self"):
            update["agency_name"] = person["value"]  # "temping through Manpower": spaCy took it for a person
            continue
        company = str(update.get("company", slots.get("company")) or "").lower().split()
        said_part = (person.get("additional_info") or {}).get("part_said")  # "marco is the RECRUITER"
        if company and str(person["value"]).lower().split() == company[: len(str(person["value"]).split())]:
            if not said_part:
                continue  # "I don't want to lose Castellan" after Castellan Foods: the company, not a person
        info = person.get("additional_info") or {}
        named_here = any(  # "my consultant is Priya ... a message to Priya": named in this very message
            str(p["value"]).lower() == str(person["value"]).lower()
            and not (p.get("additional_info") or {}).get("known_only")
            for p in people
        )
        if info.get("known_only") and not _known_person(str(person["value"]), slots) and not named_here:
            continue  # "write to Nadia" with no Nadia named before: not enough to take it for a name
        if str(person["value"]).lower() == str(slots.get("user_name") or "").lower() and person.get("role") != "self":
            continue  # "his name is Marcus Chen and mine is Jess Ramirez": the user, named again
        role = person.get("role") or "interviewer"
        if role == "interviewer" and _names_recruiter_written_to(message, slots, update):
            role = "recruiter"  # "her name is Sofie" under a note to "[Recruiter's name]"
        if role != "self" and info.get("of_agency"):
            role = "recruiter"  # "Tom Becker from Hays": the agency's person (MessageCues)
        if role == "company_hr":  # the employer's HR: the person at the company in an agency story
            agency = update.get("branch", slots.get("branch")) == "staffing_agency" or bool(agencies)
            role = "client_contact" if agency else "recruiter"
        after_interview = update.get("branch", slots.get("branch")) != "pre_interview"  # before it: draft_to decides
        if info.get("greeted") and after_interview:  # "address it to Kelly", "Sam is my interviewer": the greeting
            known = _known_person(person["value"], slots)
            agency = update.get("branch", slots.get("branch")) == "staffing_agency"
            if agency and known == "recruiter_name" and info.get("part_said") != "interviewer":
                update["draft_to"] = "recruiter"  # "write the note to Brenda" after "my recruiter is Brenda Hall"
                continue
            full = str(slots.get(known) or "") if known else ""
            said = str(person["value"])
            if not known:  # "the interviewer was Maria, not Marta" after Marta Lind: Maria Lind
                said = _with_known_surname(said, str(slots.get("interviewer_name") or ""), message)
            update["interviewer_name"] = full if len(full.split()) > len(said.split()) else said
            continue
        if _moved_person(str(person["value"]), role, info, slots, update):
            continue  # "the recruiter is Dana, Chris is the hiring manager": Dana Reid moves to the recruiter
        part_of = _name_part_of(person, role, {**slots, **update}) if role not in ("self", "client_contact") else None
        if part_of:  # "her last name is Brightwater", "Dear Mr. Osei", "spelled Cate": the known name, completed
            update[part_of[0]] = part_of[1]
            continue
        if role == "self" and info.get("own_said"):
            _not_the_reader(str(person["value"]), slots, update)  # "Souza is MY name" after "Dear Souza,"
        elif role == "self" and _signs_as_someone_else(message, str(person["value"]), {**slots, **update}):
            continue  # "sign it as jane" with Jane Doe the HR contact: her name, never the sign-off
        slot = _known_person(person["value"], slots) if role not in ("self", "client_contact") else None
        slot = slot or _respelled_slot(str(person["value"]), message, slots)
        slot = slot or {"self": "user_name", "recruiter": "recruiter_name"}.get(role, "interviewer_name")
        value = _with_known_surname(str(person["value"]), str(slots.get(slot) or ""), message)
        same = [  # "Hannah" after "Hannah Moss"; "Mrs. Adebayo (Funmi Adebayo)": one person named twice
            p for p in panel if p.split()[0].lower() == value.split()[0].lower() or _same_surname(p, value)
        ]
        if slot == "interviewer_name" and not same and role != "client_contact":
            panel.append(value)
        if (person.get("additional_info") or {}).get("addressee") and slot in ("recruiter_name", "interviewer_name"):
            update["draft_to"] = slot.split("_")[0]  # "email Owen (the recruiter)": the draft goes to Owen
        held = str(update.get(slot, slots.get(slot)) or "").lower()
        if slot == "user_name" and len(value.split()) == 1 and held.split()[-1:] == [value.lower()]:
            continue  # "Souza is MY name" after "I'm Beatriz Souza": the surname of the name known
        if held.startswith(value.lower()) and len(value.split()) < len(held.split()) or held == value.lower():
            continue  # "Brianna" again after "Brianna Cole" keeps the full name (not "Priya Raghunath" for "...nathan")
        if slot != "interviewer_name" or not update.get(slot) or role == "client_contact":
            update[slot] = value  # of a panel, the first interviewer named; the client's HR writing is the contact
    if len(panel) >= 2:  # "Ana Ruiz, Ben Cole and Chloe Park": one note each, on request
        update["panel"] = panel
    _read_talks(message, slots, update)
    named = [str(p["value"]) for p in people if p.get("role") == "reference"]  # "my references are X and Y"
    if named:
        update["references"] = "; ".join(dict.fromkeys(named))
        update["requested_items"] = "yes"  # references given for a reply: they asked for them
    orgs = _entity_values(message.entities, "ORG")  # "at Ferrow Robotics" beats a name merely mentioned
    orgs = sorted(orgs, key=lambda o: not (o.get("additional_info") or {}).get("named_outright"))
    for org in orgs:
        person = _known_person(str(org["value"]), slots) if len(str(org["value"]).split()) == 1 else None
        if person:  # "an email to Felix" read as an organisation: the recruiter named before
            if (org.get("additional_info") or {}).get("addressee"):
                update["draft_to"] = person.split("_")[0]
            continue
        if org.get("role") == "negated":
            continue  # "not at Acme"
        if str(org["value"]).lower() in agencies:
            update["agency_name"] = org["value"]  # DIET tagged it an agency ("recruiter from Randstad")
            continue
        info = org.get("additional_info") or {}
        if str(org["value"]).lower() == str(slots.get("agency_name") or "").lower():
            if not info.get("employer_said"):
                continue  # "Grace Liu at Hudson" after "hudson is the agency": still the agency, not the employer
            if "agency_name" not in update:
                update["agency_name"] = None  # "Cedars-Sinai is the hospital": it was taken for the agency
        role = org.get("role") or "company"
        if role == "other":
            continue  # "a cover letter for a different job at Siemens"
        known = slots.get("company" if role != "agency" else "agency_name")
        said = (org.get("additional_info") or {}).get("named_outright")  # "at X", "the company is X"
        fuller = said and str(org["value"]).lower().startswith(str(known).lower() + " ")  # "Halden Analytics"
        negated = {str(e["value"]).lower() for e in _entity_values(message.entities, "negated_name")}
        respelled = bool(known and said) and role != "agency"
        respelled = respelled and bool(negated & {str(known).lower(), *str(known).lower().split()})
        if respelled and str(org["value"]).lower() not in negated:
            update["company"] = org["value"]  # "it's Brightwell, not Brightwel": the employer's name corrected
            continue
        if known and role != "agency" and _names_company(str(org["value"]), str(known)) and not fuller:
            continue  # "at Kessler" after "Kessler & Voss": the same company, said short
        if known and (str(org["value"]).islower() or not said):
            continue  # once the employer is named, only "at X", "the company is X" replaces it (not "it was with Ana")
        if role == "agency" and _in_house(org, message, {**slots, **update}):
            role = "company"  # "the recruiter at acme told me not to contact the hiring team": acme's own recruiter
            if _agency_denied(message):
                update["company"] = org["value"]  # "Maya works at Spotify, not an agency": the employer, said outright
                continue
        if role == "agency":
            update["agency_name"] = org["value"]
        else:
            update.setdefault("company", org["value"])
    _company_not_a_go_between(slots, update)


def _signs_as_someone_else(message: ParsedMessage, name: str, slots: Mapping[str, Any]) -> bool:
    """Whether a first name to sign with ("sign it as jane") is the first name of the reader or another contact."""
    signing = any(str(e.get("value")) == "sign" for e in _entity_values(message.entities, "edit"))
    others = [str(slots.get(s) or "") for s in ("interviewer_name", "recruiter_name")]
    firsts = {o.split()[0].lower() for o in others if len(o.split()) >= 2}
    return signing and len(name.split()) == 1 and name.lower() in firsts


def _not_the_reader(own: str, slots: Mapping[str, Any], update: Dict[str, Any]) -> None:
    """Clear the interviewer or recruiter held under the user's own name, said outright to be theirs.

    "Souza is MY name. The email goes to Mr. Anand Rao" after a draft greeting "Dear Souza,": Souza was the user.
    """
    words = {w.lower().strip(".") for w in own.split()} | {w.lower() for w in str(slots.get("user_name") or "").split()}
    for slot in ("interviewer_name", "recruiter_name"):
        held = [w.lower().strip(".") for w in str(update.get(slot, slots.get(slot)) or "").split()]
        held = [w for w in held if w not in NAME_FILLERS]
        if held and set(held) <= words:
            update[slot] = None


# The facts a correction ("it's OLIO FOODS not kestrel") can replace, in the order its wrong words are looked for.
CORRECTABLE = ("company", "agency_name", "role", "interviewer_name", "recruiter_name", "user_name")
PERSON_SLOTS = ("interviewer_name", "recruiter_name", "user_name")
# Small words that never tell two names apart ("the", "of").
NAME_FILLERS = {"the", "of", "and", "&", "a", "an", "at", "mr", "mrs", "ms", "dr"}


def _name_words(value: str) -> List[str]:
    """The words of a name that tell it apart, lower-cased ("Bank of the West": bank, west)."""
    return [w for w in re.findall(r"[\w&'-]+", value.lower()) if w not in NAME_FILLERS]


def _holder_of(old: str, slots: Mapping[str, Any]) -> str | None:
    """The fact whose value the wrong words name: all of them (or a misspelling of a one-word name) in it."""
    wrong = _name_words(old)
    if not wrong:
        return None
    partly = None
    for slot in CORRECTABLE:
        known = _name_words(str(slots.get(slot) or ""))
        if not known:
            continue
        if wrong == known:
            return slot
        if partly is None and all(w in known for w in wrong):
            partly = slot  # "not kestrel" after Kestrel Foods
    return partly


def _as_written(new: str, slot: str) -> str:
    """The corrected value as a draft writes it: a shouted or lower-case employer in title case, a name capitalised."""
    words = new.split()
    if slot == "role":
        return new.lower() if new.isupper() else new
    shouted = new.isupper() and (len(words) > 1 or len(new) > 4)
    if shouted or new.islower():
        small = {"and", "of", "the"}
        return " ".join(w if (w in small and i) else w[:1].upper() + w[1:].lower() for i, w in enumerate(words))
    return new


def _read_corrections(message: ParsedMessage, slots: Mapping[str, Any], update: Dict[str, Any]) -> None:
    """A name, employer or job title said in place of a wrong one replaces the fact that held the wrong one.

    "it's OLIO FOODS not kestrel" after Kestrel Foods: the employer is Olio Foods; "its ellen not helen" after
    Helen Marsh: the interviewer is Ellen Marsh. The fact is the one whose value the wrong words name (MessageCues'
    `correction` gives both); a fact this message already set otherwise stays as it set it.
    """
    for cue in _entity_values(message.entities, "correction"):
        old = str((cue.get("additional_info") or {}).get("instead_of") or "")
        slot = _holder_of(old, slots)
        if not slot:
            continue
        new = _as_written(str(cue["value"]), slot)
        if slot in update and str(update[slot] or "").lower() != str(slots.get(slot) or "").lower():
            continue  # "Tom, not Jon" already read from the names themselves
        if slot in PERSON_SLOTS:
            known = str(slots.get(slot) or "").split()
            wrong = _name_words(old)
            if len(new.split()) == 1 and len(known) >= 2:
                if wrong == [known[-1].lower()]:
                    new = " ".join(known[:-1] + [new])  # "Raghunath not Raghunathan": the surname respelled
                elif wrong == [known[0].lower()]:
                    new = " ".join([new] + known[1:])  # "ellen not helen": the first name
        for other in [k for k in CORRECTABLE if k != slot and str(update.get(k) or "").lower() == new.lower()]:
            update.pop(other)  # the new employer's name also read as a person's: it is the employer
        update[slot] = new


def _first_name(name: str) -> str:
    """The first word of a name, lower-cased, without a title ("Ms. Park": park)."""
    words = [w for w in name.lower().split() if w.rstrip(".") not in NAME_TITLES]
    return words[0] if words else ""


def _moved_person(
    value: str, role: str, info: Mapping[str, Any], slots: Mapping[str, Any], update: Dict[str, Any]
) -> bool:
    """Whether this message puts a person known in one part in the other, and moves them there.

    "the recruiter is Dana, Chris is the hiring manager" after an interview with Chris Novak and Dana Reid: Dana Reid
    is the recruiter (and no longer one of the panel, nor the interviewer); said of the interviewer known as the
    recruiter, the other way round. Only a part said outright moves anyone ("the recruiter is X", "X is the ..."):
    not "address it to the recruitment inbox rather than to Bruno".
    """
    said = info.get("part_said")  # said outright: "the recruiter is Dana", "Chris is the hiring manager"
    if said not in ("recruiter", "interviewer") or not value.split():
        return False
    target, other = f"{said}_name", ("interviewer_name" if said == "recruiter" else "recruiter_name")
    first = _first_name(value)
    known = str(slots.get(other) or "")
    panel = [str(p) for p in (update.get("panel") or slots.get("panel") or [])]
    held = bool(known) and _first_name(known) == first
    source = known if held else next((p for p in panel if _first_name(p) == first), None)
    if not source or (_first_name(str(slots.get(target) or "")) == first):
        return False
    update[target] = source if len(source.split()) >= len(value.split()) else value
    rest = [p for p in panel if _first_name(p) != first]
    if held and other not in update:
        update[other] = rest[0] if other == "interviewer_name" and rest else None
    if said == "recruiter" and len(rest) < len(panel):
        update["panel"] = rest if len(rest) >= 2 else None
    return True


def _company_not_a_go_between(slots: Mapping[str, Any], update: Dict[str, Any]) -> None:
    """Forget a company that this message says is the recruiter or the agency ("marco is the RECRUITER")."""
    company = str(update.get("company", slots.get("company")) or "").lower()
    named = {str(update[s]).lower() for s in ("recruiter_name", "agency_name") if update.get(s)}
    if company and any(company == n or company.startswith(n + " ") or n.startswith(company + " ") for n in named):
        update["company"] = None


def _in_house(org: Mapping[str, Any], message: ParsedMessage, slots: Mapping[str, Any]) -> bool:
    """Whether an organisation read as an agency ("the recruiter at X") is the employer's own recruiting.

    EntityRoles says whether the message allows it (no staffing word in the name, no other employer named,
    nothing says the user was sent to a client); only in a conversation that is not an agency story.
    """
    if _agency_denied(message):
        return True  # "the recruiter at Spotify (in-house, not an agency)": the user says so outright
    if slots.get("branch") == "staffing_agency" or message.intent in AGENCY_INTENTS or slots.get("company"):
        return False
    return bool((org.get("additional_info") or {}).get("in_house"))  # as far as the message says (EntityRoles)


# Titles said before a surname ("Mr. Osei"): the person named before with that surname, greeted formally.
NAME_TITLES = ("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor")


def _name_part_of(person: Mapping[str, Any], role: str, slots: Mapping[str, Any]) -> Tuple[str, str] | None:
    """The slot and full name when this PERSON completes or respells a name given before, else None.

    "her last name is Brightwater" after "Hannah"; "her first name is Hannah" after "Brightwater"; "spelled
    Cate" after "Kate Morrow"; "Mr. Osei" after "Kwame Osei" (kept with the title, so the draft greets formally).
    """
    said = str(person["value"]).split()
    part = (person.get("additional_info") or {}).get("name_part")
    preferred = {"recruiter": "recruiter_name", "interviewer": "interviewer_name"}.get(role)
    known = [s for s in ("interviewer_name", "recruiter_name") if slots.get(s)]
    if preferred in known:
        known = [preferred] + [s for s in known if s != preferred]
    if part == "spelling" and slots.get("user_name"):
        known.append("user_name")  # "oh and it's Jon, no h" after "I'm John Kessler": the user's own name
    for slot in known:
        words = str(slots[slot]).split()
        if words[0].lower().rstrip(".") in NAME_TITLES:
            words = words[1:]
        if not words:
            continue
        if len(said) == 2 and said[0].lower().rstrip(".") in NAME_TITLES and len(words) >= 2:
            if said[1].lower() == words[-1].lower():
                return slot, " ".join([said[0]] + words)
            continue
        if len(said) != 1:
            continue
        name = said[0]
        if not part:
            if len(words) >= 2 and name.lower() == words[-1].lower():  # "it says Dear Brightwater": the same person
                return slot, str(slots[slot])
            continue
        if part in ("first", "last") and len(words) == 1:  # one name known: the other part of it, or its spelling
            if within_two_edits(name, words[0]):
                return slot, name
            return slot, " ".join([name, words[0]] if part == "first" else [words[0], name])
        if part == "last":
            return slot, " ".join(words[:-1] + [name])
        if part == "first":
            return slot, " ".join([name] + words[1:])
        if within_two_edits(name, words[0]):  # a spelling of the first name
            return slot, " ".join([name] + words[1:])
        if len(words) >= 2 and within_two_edits(name, words[-1]):
            return slot, " ".join(words[:-1] + [name])
    company = str(slots.get("company") or "").split()
    if part == "spelling" and len(said) == 1:  # "oops it's Telvana with one n" after "Telvanna": the employer
        for i, word in enumerate(company):
            if word.lower() != said[0].lower() and len(word) > 3 and within_two_edits(said[0], word):
                return "company", " ".join(company[:i] + said + company[i + 1 :])
    return None


def _with_known_surname(name: str, known: str, message: ParsedMessage) -> str:
    """A first name that corrects the known one keeps its surname: "Ellen, not Helen" after "Helen Marsh".

    A surname that corrects the known one keeps the first name: "Raghunath not Raghunathan" after "Priya
    Raghunathan" is Priya Raghunath.
    """
    old = known.split()
    if len(name.split()) != 1 or len(old) < 2 or old[0].lower() == name.lower():
        return name
    negated = {str(e["value"]).lower() for e in _entity_values(message.entities, "negated_name")}
    if old[-1].lower() in negated:
        return " ".join(old[:-1] + [name])
    if old[0].lower() not in negated:
        return name
    return " ".join([name] + old[1:])


def _same_surname(one: str, other: str) -> bool:
    """Whether two names of two words or more, or a title and a surname, end with the same surname."""
    a, b = one.lower().split(), other.lower().split()
    return len(a) >= 2 and len(b) >= 2 and a[-1] == b[-1]


def _respelled_slot(name: str, message: ParsedMessage, slots: Mapping[str, Any]) -> str | None:
    """The slot of the known name whose first name or surname this message corrects away ("X, not Raghunathan")."""
    negated = {str(e["value"]).lower() for e in _entity_values(message.entities, "negated_name")}
    if len(name.split()) != 1 or not negated:
        return None
    for slot in ("interviewer_name", "recruiter_name", "user_name"):
        words = str(slots.get(slot) or "").lower().split()
        if len(words) >= 2 and {words[0], words[-1]} & negated:
            return slot
    return None


def _known_person(name: str, slots: Mapping[str, Any]) -> str | None:
    """The slot of a person already named whose first name this is ("write to Brenda" after "Brenda Cole")."""
    first = name.lower().split()[0] if name.split() else ""
    for slot in ("recruiter_name", "interviewer_name"):
        known = str(slots.get(slot) or "").lower().split()
        if first and known and known[0] == first:
            return slot
    return None


def _contact_company(message: ParsedMessage, slots: Mapping[str, Any]) -> bool:
    """Whether a question in an agency story is about someone at the company (not the agency's recruiter)."""
    people = _entity_values(message.entities, "PERSON")
    return _cued(message, "company_addressee") or any(
        p.get("role") == "interviewer" and _known_person(str(p["value"]), slots) != "recruiter_name" for p in people
    )


def _asks_about_client(message: ParsedMessage, slots: Mapping[str, Any]) -> bool:
    """Whether a follow-up in an agency story already answered is about writing to someone at the client."""
    return slots.get("branch") == "staffing_agency" and bool(slots.get("goal")) and _contact_company(message, slots)


def _addressee_side(message: ParsedMessage, slots: Mapping[str, Any]) -> str | None:
    """Whom the user asks to write to in an agency story: 'client' ("email Dorian myself"), 'recruiter' or None."""
    sides = set()
    for person in _entity_values(message.entities, "PERSON"):
        if not (person.get("additional_info") or {}).get("addressee"):
            continue
        known = _known_person(str(person["value"]), slots)
        recruiter = known == "recruiter_name" or (known is None and person.get("role") == "recruiter")
        client = person.get("role") in ("interviewer", "company_hr") or known  # "the council's HR contact, Maria"
        sides.add("recruiter" if recruiter else "client" if client else None)
    sides.discard(None)
    return sides.pop() if len(sides) == 1 else None


def _read_agency_story(message: ParsedMessage, slots: Mapping[str, Any], update: Dict[str, Any]) -> None:
    """A named agency next to the employer it sent the user to is an agency story, whatever the intent said."""
    if _agency_denied(message):
        return  # "she's an in-house talent partner, not an agency"
    agencies = [e for e in _entity_values(message.entities, "ORG") if e.get("role") == "agency"]
    agencies += _agency_mentions(message)
    employers = [e for e in _entity_values(message.entities, "ORG") if e.get("role") == "company"]
    branch = update.get("branch", slots.get("branch"))
    unsure = message.confidence < STEADY_BRANCH_CONFIDENCE and not slots.get("branch")
    named = [  # "through Manpower", "Agency question": not "the recruiter at Acme", who may be in-house
        e
        for e in agencies
        if e.get("entity") == "agency" and not str(e.get("value")).lower().startswith(("recruit", "the recruit"))
    ]
    if agencies and (employers or (unsure and named)) and branch in ("pre_interview", "post_interview"):
        _switch_branch("staffing_agency", slots, update)


def _about_interview(info: Mapping[str, Any]) -> bool:
    """Whether the words around a date tie it to an interview: a cue, a tense, or "it hasn't happened yet"."""
    return bool(info.get("interview_cue") or info.get("tense") or info.get("not_held"))


def _offer_or_rejection(slots: Mapping[str, Any], update: Dict[str, Any]) -> None:
    """An offer told later undoes a rejection and asks nothing more; a rejection told later undoes the offer.

    "scratch that, they just offered me the job!" after "they turned me down": no feedback left to ask for.
    """
    if update.get("offer_received") == "yes":
        if slots.get("rejected") == "yes" and update.get("rejected") != "yes":
            update["rejected"] = None
        if update.get("branch", slots.get("branch")) in (None, "pre_interview"):
            _switch_branch("post_interview", slots, update)  # an offer comes after an interview
        goal = update.get("goal", slots.get("goal"))
        if goal in (None, "feedback", "agency_feedback"):
            update["goal"] = DEFAULT_GOAL[update.get("branch", slots.get("branch"))]
    elif update.get("rejected") == "yes" and slots.get("offer_received") == "yes":
        update["offer_received"] = None  # "they withdrew it and went with someone else"


def _date_target(entity: Mapping[str, Any], requested: str | None) -> str | None:
    """Which slot a DATE entity fills: by the question asked, else by its role (EntityRoles); None for others."""
    role = entity.get("role")
    if requested == "interview_date" and role == "decision":
        return "decision_date"
    if requested in ("interview_date", "decision_date"):
        return requested
    return {"interview": "interview_date", "decision": "decision_date"}.get(role or "")


def _prefer(target: str, branch: str | None, goal: str | None, asked: bool) -> str:
    """Which side of today a day without a year or week is put on, by the situation.

    A decision date told in passing ("she said she'd call by tuesday") is the nearest such day; the answer
    to the question "when did they say they'd decide?" is still ahead unless the user said it has passed.
    """
    if target == "interview_date":
        return {"pre_interview": "future", None: "nearest"}.get(branch, "past")
    if goal == "decision_passed":
        return "past"
    return "future" if branch == "pre_interview" or asked else "nearest"


def _best(target: str, reads: List[ReadDate], branch: str | None, now: datetime) -> ReadDate:
    """The date the slot takes when a message gives several: the upcoming or the latest interview."""
    today = now.date()
    if target == "interview_date":
        reads = [r for r in reads if not r.approximate] or reads  # "on 10/20" beats "last week"
        ahead = [r for r in reads if r.day > today] or [r for r in reads if r.day == today]  # "email her today"
        behind = [r for r in reads if r.day < today] or [r for r in reads if r.day == today]
        if branch == "pre_interview" and ahead:
            return min(ahead, key=lambda r: r.day)
        if branch != "pre_interview" and behind:
            return max(behind, key=lambda r: r.day)
    if target == "decision_date":
        reads = [r for r in reads if not r.approximate] or reads  # "by November 6" beats "two weeks past that"
    return reads[-1] if target == "decision_date" else reads[0]


def _period_after(text: str, shape: Mapping[str, Any], interview: ReadDate, now: datetime) -> ReadDate | None:
    """The day a decision said as a length of time or a week falls on, counted from the interview where it was said.

    "in two weeks", "2-3 days" (shape `period`); "next week", "end of the week" (shape `week`), "the end of the
    month" (shape `month`) when the interview is behind. None when the date has none of these shapes (EntityRoles
    reads the shape, nlu_components/date_shapes.py).
    """
    cleaned = re.sub(r"\s+", " ", text.strip().lower())
    said_at = datetime.combine(interview.day, now.timetz())
    if (shape.get("week") or shape.get("month")) and interview.day < now.date():
        week = read_date(cleaned, said_at, prefer="future")
        return ReadDate(week.day, approximate=True) if week else None
    if not shape.get("period"):
        return None
    read = read_date(re.sub(r"^(?:in|within|after) ", "", cleaned), said_at, prefer="future")
    return ReadDate(read.day, approximate=read.approximate or interview.approximate) if read else None


def _recount_decision(chosen: Dict[str, ReadDate], slots: Mapping[str, Any], now: datetime) -> None:
    """A rough decision date counted from an interview day the user now corrects moves with it.

    "2-3 weeks" after an interview on the 23rd, then "the interview was the 16th": a week earlier too. An exact
    decision date ("by December 14") stays.
    """
    before = Situation.from_slots(slots)
    old_interview, old_decision = before.date_of("interview_date"), before.date_of("decision_date")
    interview = chosen.get("interview_date")
    if "decision_date" in chosen or not (interview and old_interview and old_decision):
        return
    if not before.is_approximate("decision_date") or old_decision <= old_interview or interview.day > now.date():
        return
    if interview.day != old_interview:
        chosen["decision_date"] = ReadDate(old_decision + (interview.day - old_interview), approximate=True)


def _checked_today(entity: Dict[str, Any], now: datetime) -> Dict[str, Any]:
    """A date marked as the message day ("its thurs the 19th") that is another day is the interview's."""
    value = str(entity.get("value") or "").lower()
    weekday = (entity.get("additional_info") or {}).get("weekday")
    if entity.get("role") != "today" or weekday == now.strftime("%a").lower():
        return entity  # "it's wednesday" said on a Wednesday
    read = read_date(value, now, prefer="nearest")
    return {**entity, "role": "interview"} if read and read.day != now.date() else entity


def _corrected_date(message: ParsedMessage, slots: Mapping[str, Any], now: datetime) -> Dict[int, str]:
    """The date slot a correction is about, by the day it says is wrong ("the 20th, not the 27th").

    After a decision date of the 27th that corrects the decision date, whatever words stand around the new day. The
    answer maps the start of the date that corrects it (the one nearest to the wrong day) to that slot.
    """
    situation = Situation.from_slots(slots)
    known = {slot: situation.date_of(slot) for slot in ("interview_date", "decision_date")}
    dates = _entity_values(message.entities, "DATE")
    said = [e for e in dates if e.get("role") != "negated" and isinstance(e.get("start"), int)]
    corrections: Dict[int, str] = {}
    for entity in dates:
        if entity.get("role") != "negated" or not said:
            continue
        # "not the 12th" is the 12th of whichever month the slot holds: every side of today counts
        reads = [read_date(str(entity["value"]), now, prefer=side) for side in ("nearest", "past", "future")]
        days = {read.day for read in reads if read}
        matching = [slot for slot, day in known.items() if day in days]
        if len(matching) == 1:
            wrong_at = int(entity.get("start") or 0)
            meant = min(said, key=lambda e: abs(int(e["start"]) - wrong_at))
            corrections[int(meant["start"])] = matching[0]
    return corrections


def _held_against(info: Mapping[str, Any], slots: Mapping[str, Any], now: datetime) -> bool:
    """Whether the message says the interview already happened while the day known for it is still ahead.

    "the 23rd of NOVEMBER. last monday. the interview already happened!" after Wed 23 Dec: the days said now are
    the interview's, though no word next to them names it.
    """
    known = Situation.from_slots(slots).date_of("interview_date")
    return bool(info.get("held")) and known is not None and known > now.date()


def _refines_rough(entity: Mapping[str, Any], slots: Mapping[str, Any], now: datetime) -> bool:
    """Whether an exact day falls within a rough interview day known before ("next week", then "thursday the 10th").

    The exact day said later is the interview's own: it replaces the rough one instead of being left out.
    """
    known = Situation.from_slots(slots)
    day = known.date_of("interview_date")
    if day is None or not known.is_approximate("interview_date"):
        return False
    read = read_date(str(entity.get("value") or ""), now, prefer="future" if day > now.date() else "past")
    return read is not None and not read.approximate and abs((read.day - day).days) <= ROUGH_INTERVIEW_DAYS


def _restates(entity: Mapping[str, Any], slot: str, slots: Mapping[str, Any], now: datetime) -> bool:
    """Whether a date names the exact day already known for another fact (the decision day said again)."""
    known = Situation.from_slots(slots)
    day = known.date_of(slot)
    if day is None or known.is_approximate(slot):
        return False
    read = read_date(str(entity["value"]), now, prefer="nearest")
    return read is not None and read.day == day and not read.approximate


def _same_weekday(entity: Mapping[str, Any], slots: Mapping[str, Any], now: datetime) -> bool:
    """Whether a bare weekday ("tuesday", "on tuesday") names the weekday of the interview already known."""
    known = Situation.from_slots(slots)
    day = known.date_of("interview_date")
    weekday = (entity.get("additional_info") or {}).get("weekday")  # a bare weekday, as EntityRoles read it
    if day is None or known.is_approximate("interview_date") or not weekday:
        return False
    return day.strftime("%a").lower() == weekday and abs((day - now.date()).days) <= 14


def _read_dates(
    message: ParsedMessage, slots: Mapping[str, Any], requested: str | None, now: datetime, update: Dict[str, Any]
) -> None:
    """Interview and decision dates, by the question asked or by the role EntityRoles gave them."""
    branch = update.get("branch", slots.get("branch"))
    goal = update.get("goal", slots.get("goal"))
    found: Dict[str, List[ReadDate]] = {}
    said: Dict[str, List[str]] = {}
    shapes: Dict[str, List[Mapping[str, Any]]] = {}
    corrections = {} if requested else _corrected_date(message, slots, now)
    offer = update.get("competing_offer", slots.get("competing_offer")) == "yes"
    for entity in _entity_values(message.entities, "DATE"):
        if entity.get("role") == "negated":
            continue  # "a week from today, not tomorrow": the day being corrected away
        info = entity.get("additional_info") or {}  # what EntityRoles read around the date
        corrects = corrections.get(entity.get("start"))  # "not wednesday - two weeks from today": that slot
        target = corrects or _date_target(_checked_today(entity, now), requested)
        if requested == "decision_date" and info.get("not_held") and info.get("interview_cue"):
            target = "interview_date"  # "when will they decide?" - "it hasn't happened, it's tomorrow at 9:30"
        if target is None or (message.intent == "chitchat" and not branch and not _about_interview(info)):
            continue  # "hi, how are you doing today?": no day of an interview
        if offer and entity.get("role") == "other":
            continue  # "another company offered me the job, I have to answer them by monday": not their decision day
        if target == "decision_date" and offer and info.get("deadline") and requested != target:
            continue  # "deadline: Friday 4 December" in a story of another offer: that offer's deadline
        guessed = target == "interview_date" and requested != target and not corrects  # the day is not said to be it
        if guessed and slots.get(target) and not info.get("interview_cue") and not _held_against(info, slots, now):
            if not _refines_rough(entity, slots, now):
                continue  # "she put me right today", "if end of next week comes and goes": not a new interview day
        if guessed and _same_weekday(entity, slots, now):
            continue  # "the note I'll send after the interview on tuesday": the Tuesday already known, said again
        if guessed and _restates(entity, "decision_date", slots, now):
            continue  # "they said the 20th" when the 20th is their decision date: that date again, not the interview
        prefer = _prefer(target, branch, goal, requested == target)
        if target == "interview_date" and requested != target:
            prefer = info.get("tense") or prefer  # "had my interview on the 9th", "my interview is on the 24th"
            prefer = "future" if info.get("not_held") else prefer  # "I haven't had it, it was moved to friday"
        if info.get("this_weekday") and (target == "decision_date" or info.get("tense") != "past"):
            prefer = "future"  # "they'll decide by this friday", "my interview's this thursday": the coming one
        elif target == "decision_date" and info.get("gone_by") and info.get("weekday"):
            prefer = "past"  # "they said they'd call by friday but nobody called": the Friday gone by
        value = str(entity["value"])
        read = None
        if info.get("after_in"):
            read = read_date("in " + value, now, prefer=prefer)  # spaCy left out the "in" of "in two days"
        read = read or read_date(value, now, prefer=prefer)
        if read and abs((read.day - now.date()).days) > MAX_DAYS_FROM_TODAY and prefer != "nearest":
            read = read_date(str(entity["value"]), now, prefer="nearest")  # "Nov 3" is not next year's
        if read is None:
            if entity.get("extractor") != "EntityRoles":
                update["unparsed_date"] = str(entity["value"])
        elif abs((read.day - now.date()).days) <= MAX_DAYS_FROM_TODAY:
            found.setdefault(target, []).append(read)
            said.setdefault(target, []).append(str(entity["value"]))
            shapes.setdefault(target, []).append(info)
    if "decision_date" in found:  # from the interview when the message dates it, else from today
        known = Situation.from_slots(slots).date_of("interview_date")
        interview_day = (
            _best("interview_date", found["interview_date"], branch, now)
            if "interview_date" in found
            else ReadDate(known)
            if known and known <= now.date()  # "he said two weeks" about an interview told before: from that day
            else ReadDate(now.date())
        )
        found["decision_date"] = [
            _period_after(text, shape, interview_day, now) or read
            for text, shape, read in zip(said["decision_date"], shapes["decision_date"], found["decision_date"])
        ]
    chosen = {target: _best(target, reads, branch, now) for target, reads in found.items()}
    interview, decision = chosen.get("interview_date"), chosen.get("decision_date")
    earlier = Situation.from_slots({**slots, **update})
    if interview is None and decision:
        told = earlier.date_of("interview_date")  # the interview told in an earlier message
        interview = ReadDate(told, approximate=earlier.is_approximate("interview_date")) if told else None
    # a rough interview day ("last week") is a few days either way: only a decision day clearly before it is wrong
    rough = bool(interview and interview.approximate)
    margin = timedelta(days=ROUGH_INTERVIEW_DAYS if rough else 0)
    if interview and decision and (decision.day <= interview.day - margin if rough else decision.day < interview.day):
        said_at = datetime.combine(interview.day, now.timetz())  # "by wednesday" said at a Friday interview
        again = [read_date(text, at, prefer="future") for at in (now, said_at) for text in said["decision_date"]]
        later = [r for r in again if r and interview.day <= r.day]
        chosen["decision_date"] = later[0] if later else decision
        interview = chosen.get("interview_date")
    decision = chosen.get("decision_date")
    known = Situation.from_slots({**slots, **update}).date_of("interview_date") if interview is None else interview.day
    if decision and known and not decision.approximate and (decision.day - known).days > 31:
        if not shapes["decision_date"][-1].get("month_named"):  # "by the 26th" after a Nov 16 interview: Nov 26
            earlier = read_date(said["decision_date"][-1], now, prefer="past")
            if earlier and known <= earlier.day:
                chosen["decision_date"] = earlier
    _recount_decision(chosen, slots, now)
    for target, read in chosen.items():
        update[target] = read.slot_value()
    for entity in _entity_values(message.entities, "TIME"):
        named_day = _DAY_IN_TIME.search(str(entity["value"]))  # "at 11 today": the hour and the day in one
        time = parse_time(_DAY_IN_TIME.sub("", str(entity["value"])).strip())
        if time and entity.get("role") not in ("decision", "other", "today", "unsure"):  # "by 5pm", "it's 7pm"
            update["interview_time"] = time
            day = read_date(named_day.group(0), now, prefer="future") if named_day else None
            if day and entity.get("role") == "interview" and "interview_date" not in update:
                update["interview_date"] = day.slot_value()
    unsure = [e for e in _entity_values(message.entities, "TIME") if e.get("role") == "unsure"]
    if unsure and "interview_time" not in update and slots.get("interview_time"):
        update["interview_time"] = None  # "actually 10 or 10:30, not sure": the hour told before is no fact either


# A day word inside a time the extractor read whole: "11 today", "9am tomorrow".
_DAY_IN_TIME = re.compile(r"\b(?:today|tonight|tomorrow)\b", re.IGNORECASE)


def _read_follow_up(message: ParsedMessage, slots: Mapping[str, Any], now: datetime, update: Dict[str, Any]) -> None:
    """That the user followed up, when they followed up more than once, and the day of their latest follow-up.

    "I nudged them once on the 20th": the 20th (a DATE with the role `follow_up`, behind today) is the day of the
    follow-up, not the interview; a day the user only means to write on ("should I wait until friday?") is none.
    """
    if update.get("followed_up_again") == "yes" and update.get("followed_up", slots.get("followed_up")) != "yes":
        update["followed_up"] = "yes"  # "pinged them a week later and again this monday"
    if (
        update.get("followed_up_again") == "yes"
        and update.get("branch", slots.get("branch")) == "post_interview"
        and update.get("goal", slots.get("goal")) == "thank_you"
    ):
        update["goal"] = "status_check"  # "emailed, linkedin'd and called her": the thanks are long sent, no more
    days: List[ReadDate] = []
    for entity in _entity_values(message.entities, "DATE"):
        info = entity.get("additional_info") or {}
        if entity.get("role") != "follow_up" or info.get("tense") == "future":
            continue
        read = read_date(str(entity["value"]), now, prefer="past")
        if read and (read.day < now.date() or (read.day == now.date() and info.get("tense") == "past")):
            days.append(read)
    if days and update.get("followed_up", slots.get("followed_up")) == "yes":
        update["followed_up_date"] = max(days, key=lambda read: read.day).slot_value()
    elif update.get("followed_up") == "no" and slots.get("followed_up_date"):
        update["followed_up_date"] = None  # "I haven't actually followed up yet": no day of one either


def _overlap(entity: Mapping[str, Any], span: Tuple[Any, Any]) -> bool:
    """Whether an entity's words overlap the span (start, end) of another entity."""
    start, end = entity.get("start"), entity.get("end")
    if not all(isinstance(x, int) for x in (start, end, *span)):
        return False
    return start < span[1] and span[0] < end


def _read_dietary_entities(message: ParsedMessage, slots: Mapping[str, Any], update: Dict[str, Any]) -> None:
    """Slots filled straight from the DIET entities and the button payload entities."""
    simple = {n: n for n in ("role", "channel", "draft_kind", "question", "own_question", "strength")}
    two_roles = any(e.get("value") == "two_roles" for e in _entity_values(message.entities, "topic"))
    removed = [e for e in _entity_values(message.entities, "edit_text") if e.get("role") == "remove"]
    for entity_name, slot in simple.items():
        for entity in _entity_values(message.entities, entity_name):
            if entity.get("role") in ("negated", "line"):
                continue  # "a LinkedIn message, not an email"; "add asking if I need ID": a line added to the draft
            if slot in ("strength", "own_question") and any(
                _overlap(entity, (e.get("start"), e.get("end"))) for e in removed
            ):
                continue  # "don't mention my kids": words to take out of the draft, never one to put in
            if slot == "role" and two_roles and entity.get("role") != "stated":
                continue  # "two roles there, a UX designer and a product designer job": the draft names neither
            if slot == "role" and slots.get("role") and entity.get("role") != "stated":
                continue  # once the role is known, only "the role is X" or "a X position" replaces it
            value = (
                str(entity["value"]) if slot in ("role", "own_question", "strength") else str(entity["value"]).lower()
            )
            update[slot] = value
    for entity in _entity_values(message.entities, "channel"):  # "how to prepare, not a linkedin note"
        said = str(entity["value"]).lower()
        if entity.get("role") == "negated" and "channel" not in update and said == str(slots.get("channel")).lower():
            update["channel"] = None  # the medium the user turned down is no longer theirs
    if update.get("own_question") and "question" not in update and slots.get("question"):
        # "i dont need a link, i want to ask about the portfolio": the user's own question, said after the draft
        # asked a stock one, takes its place (the draft asks the detail only when no question of theirs is known)
        update["question"] = None
    # Format and stage only count when their words say which (DIET sometimes tags a bare "interview").
    for entity_name, slot in (("interview_format", "interview_format"), ("stage", "stage_reached")):
        for entity in _entity_values(message.entities, entity_name):
            value = str(entity["value"]).lower()
            # the value its words stand for (MessageCues), or a button's value as it is ("/inform{"stage":"final"}")
            known = (entity.get("additional_info") or {}).get("means") or (
                value if value in FACT_VALUES[slot] and value != UNKNOWN else None
            )
            if known and entity.get("role") != "negated":  # "not a quick screen"
                update[slot] = known
    for entity in _entity_values(message.entities, "goal"):
        if entity["value"] in ALL_GOALS:
            update["goal"] = entity["value"]
    no_contact = _entity_values(message.entities, "no_contact")
    if any(str(e.get("value")).lower() == "no" for e in no_contact):
        update["told_not_to_contact"] = "no"  # "nobody told me not to reach out"
    elif no_contact:  # EntityRoles keeps only the words that really forbid contact
        update["told_not_to_contact"] = "yes"
    thanked_spans = [(e.get("start"), e.get("end")) for e in _entity_values(message.entities, "thanked_already")]
    for flag in ("followed_up", "rejected"):
        for entity in _entity_values(message.entities, flag):
            if flag == "followed_up" and any(_overlap(entity, span) for span in thanked_spans):
                continue  # "I already sent Nina a thank-you": the thank-you is no follow-up
            update[flag] = "no" if str(entity["value"]).lower() == "no" else "yes"
    if _entity_values(message.entities, "thanked_already"):
        update["thanked_already"] = "yes"  # kept: "should I send another thank-you?" later gets no second one
    thanked = update.get("thanked_already", slots.get("thanked_already")) == "yes"
    if thanked and update.get("goal", slots.get("goal")) == "thank_you":
        update["goal"] = "status_check"  # "I ALREADY sent the thank you": what is left is the status check
    facts = (
        "competing_offer",
        "offer_received",
        "senior_interviewer",
        "already_settled",
        "still_reviewing",
        "followed_up_again",
        "not_scheduled",
        "recruiter_gone",
        "company_wrote_first",
        "no_contact_panel",
    )
    for fact in facts + ("requested_items",):
        said = [str(e.get("value")).lower() for e in _entity_values(message.entities, fact)]
        if "no" in said:
            update[fact] = None  # "I don't actually have another offer": the denial clears the fact
        elif said:
            update[fact] = "yes"  # "an offer from another company", "he's the CEO", "we already confirmed everything"
    if update.get("competing_offer") == "yes" and update.get("offer_received") == "yes":
        del update["offer_received"]  # "another company offered me the job": that offer is the competing one
    if _entity_values(message.entities, "to_recruiter"):
        update["draft_to"] = "recruiter"  # "can I email HR about parking?": the message is for the recruiter or HR
    if _entity_values(message.entities, "no_timeline") and not Situation.from_slots(slots).date_of("decision_date"):
        update["decision_date"] = NO_DATE_GIVEN
    # A situation intent read from the whole message says where the user stands; a single word ("recruiter",
    # "agency") only moves the branch in a message that is not one, such as "actually it was through an agency".
    read_whole = (message.intent or "") in knowledge()["intents"]
    for entity in _entity_values(message.entities, "branch"):
        if entity["value"] in GOALS and not read_whole:
            _switch_branch(entity["value"], slots, update)
    agencies = _agency_mentions(message)
    if agencies and not read_whole and update.get("branch", slots.get("branch")) != "staffing_agency":
        _switch_branch("staffing_agency", slots, update)
    for entity in agencies:
        value = str(entity["value"]).lower()
        if value not in GENERIC_AGENCY and value.split()[-1:] != ["agency"]:  # not "a creative agency"
            update["agency_name"] = entity["value"]


def _read_answer(message: ParsedMessage, slots: Mapping[str, Any], requested: str, update: Dict[str, Any]) -> None:
    """The answer to the question the form just asked, when entities did not already give it."""
    intent, text = message.intent, message.text
    if requested == "draft_text":
        leaving = intent in ("goodbye", "restart") and len(text.split()) < DRAFT_MIN_WORDS  # "no draft. goodbye"
        # "actually i don't have one yet, can you write it?": no draft, so the review mode ends (data/drafts/rules.yml)
        short = len(text.split()) < 2 * DRAFT_MIN_WORDS
        to_coach = _cued(message, "reply_cue", "not_a_draft")  # "I don't want to paste anything, I want YOUR draft"
        # "is it ok to send this?" typed where the draft should be: a question about a draft not pasted yet
        asked = _cued(message, "reply_cue", "send_question") and len(text.split()) < DRAFT_MIN_WORDS
        no_draft = (intent in NOT_A_DRAFT or to_coach or asked) and short and not _cued(message, "letter_marks")
        if text.strip() and not leaving and not no_draft:
            pasted = _pasted_draft(message)  # "Hi Raj, ... Thanks, Chloe\n\nToo much?": only the draft
            update["draft_text"] = pasted[1] if pasted else text  # the draft is the user's words, kept as written
            _names_in_draft(message, slots, update)
        return
    if requested in update or (requested == "interview_date" and "unparsed_date" in update):
        return
    default_goal = DEFAULT_GOAL.get(update.get("branch", slots.get("branch")))  # what a goal question falls back to
    if intent == "skip":
        if requested == "goal":
            if default_goal:
                update["goal"] = default_goal
        elif requested != "branch":
            update[requested] = UNKNOWN
        return
    if requested in YES_NO_SLOTS and intent in ("affirm", "deny"):
        update[requested] = "yes" if intent == "affirm" else "no"
        return
    if requested == "decision_date" and intent == "deny":
        update["decision_date"] = NO_DATE_GIVEN
        return
    if requested not in ("branch", "goal") and _cued(message, "unknown_answer"):
        update[requested] = UNKNOWN  # "no idea", "i dont remember": go on without it
        return
    value = _answer_of(message, requested)
    if value == "none_given":
        value = NO_DATE_GIVEN
    if value is None and requested == "goal" and intent not in ("goodbye", "restart"):
        value = default_goal  # "so should I send something?": the branch's main question, not the same again
    if value is None:
        return
    if requested == "branch":
        _switch_branch(value, slots, update)
    else:
        update[requested] = value


def _pasted_draft(message: ParsedMessage) -> Tuple[int, str] | None:
    """Where the draft pasted in the message starts, and its text (MessageCues' pasted_draft); None without one."""
    found = _entity_values(message.entities, "pasted_draft")
    return (int(found[0]["start"]), str(found[0]["value"])) if found else None


def _read_no_name(message: ParsedMessage, slots: Mapping[str, Any], update: Dict[str, Any]) -> None:
    """No name for the draft's reader ("no idea who", "I don't have a name"): it greets without a placeholder.

    The interviewer's, or in an agency story with no recruiter named the recruiter's; a name known stays.
    """
    if not _cued(message, "no_name"):
        return
    agency = update.get("branch", slots.get("branch")) == "staffing_agency"
    slot = "recruiter_name" if agency and not update.get("interviewer_name", slots.get("interviewer_name")) else None
    for name in ([slot] if slot else []) + ["interviewer_name"]:
        if not update.get(name, slots.get(name)):
            update[name] = UNKNOWN
            return


def _names_in_draft(message: ParsedMessage, slots: Mapping[str, Any], update: Dict[str, Any]) -> None:
    """The addressee of a pasted draft ('Hi Dr. Fischer,') and its signer (the name after the sign-off)."""
    greeted = _entity_values(message.entities, "draft_addressee")
    if greeted and not slots.get("interviewer_name") and "interviewer_name" not in update:
        update["interviewer_name"] = str(greeted[0]["value"])
    signed = _entity_values(message.entities, "draft_signer")
    if signed and not slots.get("user_name"):
        update["user_name"] = str(signed[0]["value"])


def _read_draft(message: ParsedMessage, slots: Mapping[str, Any], update: Dict[str, Any]) -> None:
    """A draft pasted together with the request to review it."""
    pasted = _pasted_draft(message) if message.intent == "review_draft" else None
    if pasted:
        update["draft_text"] = pasted[1]
        _names_in_draft(message, slots, update)  # a name the user gave stays; the review compares the two


# Entities that say nothing about the user's situation when found inside a pasted draft: "the agency partners",
# "the position is filled", "I wanted to ask when ...", "I've emailed twice" are the draft's words, not facts of
# the story (its dates, employer, role and thanks still are; names are read by _names_in_draft).
DRAFT_WORDS_ONLY = frozenset(
    "agency rejected followed_up own_question question topic edit edit_text no_contact invited_to_contact "
    "thanked_already stage_reached PERSON".split()
)


# A fact the user already gave is never changed by the words of their own draft ("the position at Northwind" when
# they interview at Quorra): the review compares the two. Entity (and role) -> the slot it would set.
TOLD_BEFORE_DRAFT = {("ORG", "company"): "company", ("role", None): "role", ("DATE", "interview"): "interview_date"}
TOLD_BEFORE_DRAFT.update({("DATE", "decision"): "decision_date"})


def _told_already(entity: Mapping[str, Any], told: set, slots: Mapping[str, Any]) -> bool:
    """Whether the user gave this fact before the draft (earlier in the chat, or before the draft in the message)."""
    key = (entity.get("entity"), entity.get("role") if entity.get("entity") != "role" else None)
    slot = TOLD_BEFORE_DRAFT.get(key)
    return bool(slot and (slots.get(slot) not in (None, UNKNOWN) or entity.get("entity") in told))


def _story_of(message: ParsedMessage, requested: str | None, slots: Mapping[str, Any] | None = None) -> ParsedMessage:
    """The message without the entities inside a pasted draft that would invent facts of the user's situation."""
    if message.intent != "review_draft" and requested != "draft_text":
        return message
    pasted = _pasted_draft(message)
    if not pasted:
        return message
    told = {e.get("entity") for e in message.entities if int(e.get("start") or 0) < pasted[0]}
    slots = slots or {}
    kept = [
        e
        for e in message.entities
        if int(e.get("start") or 0) < pasted[0]
        or (e.get("entity") == "PERSON" and e.get("role") == "self")  # "it's me Carlos": the writer
        or not (
            e.get("entity") in DRAFT_WORDS_ONLY
            or (e.get("entity") == "ORG" and e.get("role") == "agency")
            or (e.get("entity") == "DATE" and "DATE" in told)  # the story's date stands; the review compares them
            or _told_already(e, told, slots)
        )
    ]
    return replace(message, entities=kept)


def _held_today(message: ParsedMessage) -> bool:
    """Whether the message says the interview today is over ("had my interview this morning")."""
    dates = [e for e in _entity_values(message.entities, "DATE") if e.get("role") in ("interview", "today")]
    return any((e.get("additional_info") or {}).get("tense") == "past" for e in dates)


def _no_interview_held(message: ParsedMessage, interview: date | None, now: datetime) -> bool:
    """Whether "no interview yet" leaves no interview behind the user: none is known, or the day read as one.

    A day behind today read as the interview ("a few weeks back" of a career fair, "like 5 days ago" of an email)
    can't be one when the user says no interview has been held or scheduled; a day this message names as the
    interview's with the word itself ("had a phone screen on monday, no interview yet") stays, while "talked to a
    woman from Redfern at a career fair a few weeks back" was no interview.
    """
    if interview is None:
        return True
    if interview > now.date():
        return False
    return not _interview_named(message)  # "had a phone screen on monday": that was an interview, whatever came after


def _interview_named(message: ParsedMessage) -> bool:
    """Whether the message names a day as the interview's with the word itself ("had a phone screen on monday")."""
    return any(
        e.get("role") == "interview" and (e.get("additional_info") or {}).get("names_interview")
        for e in _entity_values(message.entities, "DATE")
    )


def _still_to_come(message: ParsedMessage, slots: Mapping[str, Any], now: datetime, update: Dict[str, Any]) -> None:
    """An interview the message puts today or ahead, said to be still to come, is before it, whatever the intent.

    "it hasn't happened, it's in 40 minutes" after an after-the-interview reading; "my interview is today in
    40 minutes ... call or email??" as a first message.
    """
    if update.get("branch", slots.get("branch")) != "post_interview":
        return
    first = not slots.get("branch")
    dates = [e for e in _entity_values(message.entities, "DATE") if e.get("role") in ("interview", "today")]
    infos = [e.get("additional_info") or {} for e in dates]
    if any(info.get("tense") == "past" and not info.get("not_held") for info in infos):
        return  # "my interview was 3 days ago ... they will call next week": held, whatever comes next
    days = [
        read_date(str(e["value"]), now, prefer="future")
        for e, info in zip(dates, infos)
        if info.get("not_held") or (first and info.get("tense") == "future" and info.get("interview_cue"))
    ]
    ahead = [d.day for d in days if d and d.day >= now.date()]
    if not ahead:
        return
    _switch_branch("pre_interview", slots, update)
    if not Situation.from_slots({**slots, **update}).date_of("interview_date") or min(ahead) == now.date():
        update["interview_date"] = min(ahead).isoformat()


def _held_answer(message: ParsedMessage, slots: Mapping[str, Any], now: datetime, update: Dict[str, Any]) -> None:
    """The reply to "Has your interview already taken place?", asked when the interview day contradicts the branch.

    Before the interview with its day gone by: "yes it already happened" is after it. After the interview with
    its day ahead: "no, not yet" is before it. Either way the branch is settled and the question not asked again.
    """
    branch = slots.get("branch")
    if update.get("branch", branch) != branch or branch not in ("pre_interview", "post_interview"):
        return  # the message itself already moved the story to another branch
    interview = Situation.from_slots({**slots, **update}).date_of("interview_date")
    if not interview or (interview < now.date()) != (branch == "pre_interview") or interview == now.date():
        return  # no question pending: the day fits the branch
    said = _answer_of(message, "interview_held")
    if said is None and message.intent in ("affirm", "deny"):
        said = "held" if message.intent == "affirm" else "still_to_come"
    if branch == "pre_interview" and said == "held":
        _switch_branch("post_interview", slots, update)
    elif branch == "post_interview" and said == "still_to_come":
        _switch_branch("pre_interview", slots, update)


def _goal_in_its_branch(slots: Mapping[str, Any], update: Dict[str, Any]) -> None:
    """A goal named for another branch moves to its match in the user's ("send the thank-you" via an agency)."""
    branch, goal = update.get("branch", slots.get("branch")), update.get("goal")
    if branch in GOALS and goal and goal not in GOALS[branch]:
        moved = knowledge()["goal_in_other_branch"].get(branch, {}).get(goal)
        if moved:
            update["goal"] = moved


def _client_addressed(message: ParsedMessage, slots: Mapping[str, Any], update: Dict[str, Any]) -> None:
    """An agency goal read this turn from a message asking to write to someone at the client is contacting the company.

    "their HR lady, Nadia Sorensen, told me to email her ... can i write to Nadia?" read as a status check (then the
    agency's) is about writing to Nadia, not to the recruiter.
    """
    if update.get("branch", slots.get("branch")) != "staffing_agency" or update.get("goal") != "agency_status":
        return
    if _addressee_side(message, slots) == "client":
        update["goal"] = "contact_company"


def _goal_from_decision_date(slots: Mapping[str, Any], now: datetime, update: Dict[str, Any]) -> None:
    """A status check whose exact decision date has gone by is a passed decision date, and the other way round.

    "she said they'd decide by December 11" told while a thank-you is on the table keeps the thank-you: a
    decision date still ahead is never a passed one.
    """
    situation = Situation.from_slots({**slots, **update})
    decision = situation.date_of("decision_date")
    if not decision or situation.is_approximate("decision_date"):
        return
    if situation.goal == "status_check" and decision < now.date():
        update["goal"] = "decision_passed"
    elif situation.goal == "decision_passed" and decision >= now.date():
        update["goal"] = "thank_you" if slots.get("goal") == "thank_you" else "status_check"


def _saved_cases(slots: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """The other applications of this chat, as stored in the `cases` slot."""
    try:
        cases = json.loads(slots.get("cases") or "[]")
    except (TypeError, ValueError):
        return []
    return [case for case in cases if isinstance(case, dict)] if isinstance(cases, list) else []


def _case_of(slots: Mapping[str, Any]) -> Dict[str, Any]:
    """The facts of the application being discussed, as one case to store."""
    return {name: slots.get(name) for name in CASE_FACTS if slots.get(name) not in (None, [], "")}


def _names_company(text: str, company: str) -> bool:
    """Whether the text names the company, in full or by its first word ("Kessler" for "Kessler & Voss")."""
    words = [w for w in re.findall(r"[\w'-]+", company.lower()) if len(w) > 2]
    return bool(words) and _has_any(text.lower(), [company.lower(), words[0]])


def _companies_of(slots: Mapping[str, Any]) -> List[str]:
    """The companies named in this chat: the one being discussed and those of the other cases."""
    names = [str(slots.get("company") or "")] + [str(c.get("company") or "") for c in _saved_cases(slots)]
    return [name for name in names if name]


def _case_switch(message: ParsedMessage, slots: Mapping[str, Any]) -> Dict[str, Any] | None:
    """The facts to start from when the message turns to another application: a new one, or one told before.

    A new case needs a cue ("I also interviewed at ...") and a company not the current one; going back
    needs a stored case named by its company ("can you show the Nordic Trail email again?") or, with a cue,
    as the first one ("ok and for the first company?").
    """
    text = message.text
    current = str(slots.get("company") or "")
    cases = _saved_cases(slots)
    named = [c for c in cases if c.get("company") and _names_company(text, str(c["company"]))]
    current_named = bool(current) and _names_company(text, current)
    cued, new = _cued(message, "case_cue", "back", "first"), _cued(message, "case_cue", "new")
    if cases and (cued or (named and not current_named and not new)):
        if not named and not current_named:
            named = cases[:1] if _cued(message, "case_cue", "first") else []
        if named:
            back = named[0]
            rest = [c for c in cases if c is not back] + ([_case_of(slots)] if _case_of(slots) else [])
            # its answer is given again in full, with its draft: the last one said was about the other case
            restored = {name: back.get(name) for name in CASE_FACTS if name not in ("advised", "verdict")}
            return {**{name: None for name in CASE_FACTS}, **restored, "cases": json.dumps(rest)}
    if not _case_of(slots) or not new or message.intent == "out_of_scope":
        return None  # "help with a cover letter for a different job at Siemens?" is no new case to advise on
    if any(e["value"] == "other_offer" for e in _entity_values(message.entities, "topic")):
        return None  # "if another company offers me the job first, can I tell her?": a question about this one
    orgs = [
        str(e["value"])
        for e in _entity_values(message.entities, "ORG")
        if e.get("role") not in ("negated", "agency") and str(e["value"]).lower() != current.lower()
    ]
    if (
        not orgs
        or (current and _names_company(orgs[0], current))
        or any(_names_company(orgs[0], str(c.get("company") or "")) for c in cases)
    ):
        return None
    return {**{name: None for name in CASE_FACTS}, "cases": json.dumps(cases + [_case_of(slots)])}


def _two_applications(
    message: ParsedMessage, slots: Mapping[str, Any], requested: str | None, now: datetime
) -> Dict[str, Any] | None:
    """Two applications told in one message: the first read as the case discussed, the other stored as a case.

    MessageCues marks the words about the second employer (`case_cue` `other`); the entities inside them are that
    case's facts and never this one's ("... and a phone screen with Halvorsen on Friday with their recruiter Tim":
    Tim is no recruiter of the first company). The slot `case_note` names the stored one, so the answer says
    which application it answers and how to turn to the other. None when the message tells one application.
    """
    cue = next((e for e in _entity_values(message.entities, "case_cue") if e.get("value") == "other"), None)
    if cue is None or _saved_cases(slots) or slots.get("company"):
        return None  # a second application later on is a case switch ("I also interviewed at ...")
    start, end = int(cue.get("start") or 0), int(cue.get("end") or 0)
    inside = [e for e in message.entities if start <= int(e.get("start") or 0) < end and e is not cue]
    outside = [e for e in message.entities if not start <= int(e.get("start") or 0) < end]
    update = _understand(replace(message, entities=outside), slots, requested, now)
    own = {"user_name": update.get("user_name", slots.get("user_name"))}  # the user is the same in both
    side = {"past": "post_interview", "future": "pre_interview"}.get(str(cue.get("role")))
    own.update({"branch": side} if side else {})  # "I've got a phone screen with Halvorsen on Friday": ahead
    other = _understand(replace(message, intent=None, entities=inside), own, None, now)
    case = {name: {**own, **other}[name] for name in CASE_FACTS if {**own, **other}.get(name) not in (None, [], "")}
    company = str(case.get("company") or "")
    if not company or _names_company(company, str(update.get("company") or "")):
        return None
    update["cases"] = json.dumps(_saved_cases(slots) + [case])
    update["case_note"] = company
    return {key: value for key, value in update.items() if slots.get(key) != value}


def understand(
    message: ParsedMessage, slots: Mapping[str, Any], requested: str | None, now: datetime
) -> Dict[str, Any]:
    """The slot values this message sets or corrects, given the current slots and the question asked.

    A message that turns to another application first sets the facts of that case (none for a new one).
    """
    switch = _case_switch(message, slots)
    if switch is None:
        told = _two_applications(message, slots, requested, now)
        return told if told is not None else _understand(message, slots, requested, now)
    start = {**slots, **switch}
    update = {**switch, **_understand(message, start, None, now)}
    return {key: value for key, value in update.items() if slots.get(key) != value}


def _understand(
    message: ParsedMessage, slots: Mapping[str, Any], requested: str | None, now: datetime
) -> Dict[str, Any]:
    """The slot values this message sets or corrects, within the application being discussed."""
    update: Dict[str, Any] = {}
    message = _story_of(message, requested, slots)
    _read_intent(message, slots, requested, now, update)
    _read_dietary_entities(message, slots, update)
    _read_names(message, slots, update)
    _read_corrections(message, slots, update)
    _read_agency_story(message, slots, update)
    _read_no_name(message, slots, update)
    _read_dates(message, slots, requested, now, update)
    _read_follow_up(message, slots, now, update)
    thanks = [str(e["value"]) for e in _entity_values(message.entities, "thanks")]  # "thanks for your time"
    thanks += ["mention" for e in _entity_values(message.entities, "goal") if e["value"] == "thank_you"]  # "thx note"
    if message.intent != "out_of_scope" and not slots.get("branch") and "branch" not in update:
        interview = Situation.from_slots(update).date_of("interview_date")
        if interview and interview > now.date():
            update["branch"] = "pre_interview"  # "my interview is on friday and i'm freaking out"
        elif interview and (interview < now.date() or (interview == now.date() and _held_today(message))):
            update["branch"] = "post_interview"  # "omg the interview yesterday went sideways...", "this morning"
            if message.intent == "review_draft":  # "the interview was two days ago, can I send this?"
                update["goal"] = "thank_you" if "for_meeting" in thanks else "status_check"
        _read_agency_story(message, slots, update)  # "a client interview via robert half on nov 16 ... at deloitte"
    if not slots.get("branch") and update.get("branch") == "pre_interview":
        interview = Situation.from_slots(update).date_of("interview_date")
        if interview and interview < now.date():  # "interviewed w/ raj on friday ... ok to send a thx note?"
            update["branch"] = "post_interview"
            update["goal"] = "thank_you" if thanks else "status_check"
    _goal_without_agency(message, slots, update)
    _still_to_come(message, slots, now, update)
    interview = Situation.from_slots({**slots, **update}).date_of("interview_date")
    if update.get("not_scheduled") == "yes" and update.get("branch", slots.get("branch")) != "pre_interview":
        if update.get("branch", slots.get("branch")) == "post_interview" and _no_interview_held(
            message, interview, now
        ):
            if interview is not None:
                update["interview_date"] = None  # "i havent had an interview though": the day read was no interview
            _switch_branch("pre_interview", slots, update)  # "applied 2 weeks ago, no interview yet": nothing held
    if update.get("not_scheduled") == "yes" and update.get("branch", slots.get("branch")) == "staffing_agency":
        if _interview_named(message):
            update["not_scheduled"] = None  # "put me forward, then had the client interview on monday": one was held
        elif interview is not None:
            update["interview_date"] = (
                None  # "put me forward last tuesday", "the job would start on jan 5": no interview
            )
    if update.get("interview_date") and slots.get("not_scheduled") == "yes" and "not_scheduled" not in update:
        update["not_scheduled"] = None  # "they just invited me for friday": an interview is scheduled now
    _held_answer(message, slots, now, update)
    if requested:
        _read_answer(message, slots, requested, update)
    if requested != "draft_text":
        _read_draft(message, slots, update)  # a draft pasted with the request, or while the form asks something else
    _offer_or_rejection(slots, update)
    if update.get("rejected") == "yes" and update.get("branch", slots.get("branch")) == "pre_interview":
        _switch_branch("post_interview", slots, update)  # a rejection comes after an interview
        update["goal"] = "feedback"
    goal = update.get("goal", slots.get("goal"))
    rejected = update.get("rejected", slots.get("rejected")) == "yes"
    told_later = update.get("rejected") == "yes" and slots.get("goal") == "decision_passed"  # a later turn's news
    if rejected and (goal in ("status_check", "call_or_email", "thank_you") or told_later):
        update["goal"] = "feedback"  # "they turned me down ... can I still email her?": no status left to check
    if update.get("rejected") == "no" and update.get("goal", slots.get("goal")) == "feedback":
        update["goal"] = "status_check"  # "I wasn't rejected": still waiting
    _goal_in_its_branch(slots, update)
    _client_addressed(message, slots, update)
    if (
        update.get("branch", slots.get("branch")) == "staffing_agency"
        and not update.get("goal", slots.get("goal"))
        and "yes" in [str(e["value"]) for e in _entity_values(message.entities, "invited_to_contact")]
    ):
        update["goal"] = "contact_company"  # "she said the hiring manager is happy for me to email him"
    if (
        update.get("branch", slots.get("branch")) == "staffing_agency"
        and not update.get("goal", slots.get("goal"))
        and update.get("told_not_to_contact") == "yes"
    ):
        update["goal"] = "contact_company"  # "she said 'don't reach out to anyone at Orbis'. is a connection harmless?"
    _goal_from_decision_date(slots, now, update)
    branch, goal = update.get("branch", slots.get("branch")), update.get("goal", slots.get("goal"))
    if (
        branch == "pre_interview"
        and not goal
        and any(str(e.get("value")).lower() == "linkedin" for e in _entity_values(message.entities, "channel"))
    ):
        update["goal"] = "linkedin_intro"  # "is it weird to add her on LinkedIn first?"
    elif (
        branch == "pre_interview"
        and update.get("own_question")
        and "goal" not in update
        and goal in ("linkedin_intro", "should_contact")
    ):
        # "better not on LinkedIn" ... "could I ask the recruiter what she cares about most? draft it": a question of
        # their own is what the message is for (a practical detail: logistics; else preparation)
        update["goal"] = "logistics" if update.get("question", slots.get("question")) else "preparation"
    elif branch == "pre_interview" and not goal and (update.get("question") or update.get("own_question")):
        # "could I ask Priya what the CTO cares about most? draft it": the question says what the message is for,
        # a practical detail (logistics) or a question of their own about the interview (preparation)
        update["goal"] = "logistics" if update.get("question") else "preparation"
    goal = update.get("goal")
    if goal and not update.get("branch", slots.get("branch")):
        update["branch"] = next(branch for branch, goals in GOALS.items() if goal in goals)
    if update.get("branch", slots.get("branch")) != "pre_interview":
        for entity in _entity_values(message.entities, "stage_reached"):  # "rejected after the second round"
            if "stage_reached" not in update or (entity.get("additional_info") or {}).get("rounds_ahead"):
                update["stage_reached"] = entity["value"]  # "second round, two more to go": no final round
    if message.intent == "out_of_scope" and not update.get("branch", slots.get("branch")):
        # "can you help me write my CV?" as the first message: no case yet, so no names or employer from it
        update = {k: v for k, v in update.items() if k not in OWN_CASE_FACTS + ("interviewer_name", "recruiter_name")}
    if message.intent in ("out_of_scope", "chitchat") and slots.get("branch"):
        # "could you help with a cover letter for a job at Siemens?": another matter, the case's facts stay
        update = {k: v for k, v in update.items() if not (k in OWN_CASE_FACTS and slots.get(k))}
    invited = [str(e["value"]) for e in _entity_values(message.entities, "invited_to_contact")]
    if invited and not (requested == "invited_to_contact" and "invited_to_contact" in update):
        update["invited_to_contact"] = invited[0]
    _client_wrote_first(slots, update)
    _invitation_asked_about(slots, update)
    if update.get("branch", slots.get("branch")) != "staffing_agency":
        update.pop("company_wrote_first", None)  # an agency fact: "the hiring manager emailed me" alone changes nothing
        if update.get("branch", slots.get("branch")) != "post_interview":
            update.pop("recruiter_gone", None)
    if (
        update.get("recruiter_gone") == "yes"
        and update.get("followed_up") == "yes"
        and slots.get("followed_up") != "yes"
    ):
        update["followed_up"] = None  # "I emailed her and it bounced, she left": that message reached no one
    return {key: value for key, value in update.items() if slots.get(key) != value}
