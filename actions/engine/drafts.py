"""Ready-to-send drafts rendered from Jinja2 templates, with user values escaped for the chat channel."""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Tuple

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .dates import fmt_approx, fmt_rough, parse_time
from .reply import Button, Message
from .situation import Situation
from .spelling import spelling_slips
from .vocabulary import UNKNOWN

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "templates"
# A note sent with a LinkedIn connection request is cut off at this many characters.
# A connection-request note: LinkedIn allows 200 characters on a free account (300 with Premium).
LINKEDIN_NOTE_LIMIT = 200
# Longest value taken from the user for one field of a draft.
MAX_VALUE_CHARS = 80
# The user's own question put in a draft is kept to this many characters.
MAX_QUESTION_CHARS = 160

# One title per vocabulary.DRAFT_KINDS (the button that asks for it).
DRAFT_TITLES: Dict[str, str] = {
    "pre_confirm_email": "Email confirming the interview details",
    "pre_prep_question_email": "Email asking how to prepare",
    "linkedin_note": "LinkedIn connection note (under 200 characters)",
    "thank_you_email": "Thank-you email",
    "linkedin_thank_you": "LinkedIn thank-you message",
    "status_check_email": "Email asking about the status",
    "decision_followup_email": "Email after the decision date",
    "feedback_request_email": "Email asking for feedback",
    "agency_checkin": "Message to your recruiter",
    "company_message_cc_recruiter": "Email to the company, copying your recruiter",
    "agency_thank_you": "Thank-you for the client interview",
    "agency_feedback_request": "Message asking your recruiter for feedback",
    "requested_items_email": "Reply sending what they asked for",
    "reschedule_message": "Message asking to move the interview",
    "application_followup_email": "Email following up on my application",
}

PLACEHOLDERS: Dict[str, str] = {
    "interviewer": "[Interviewer's name]",
    "recruiter": "[Recruiter's name]",
    "agency": "[Agency]",
    "company": "[Company]",
    "role": "[Role]",
    "user_name": "[Your name]",
    "interview_day": "[date]",
    "interview_time": "[time]",
    "decision_day": "[date]",
}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_SLACK_FORMATTING = str.maketrans({"*": "\uff0a", "_": "\uff3f", "~": "\uff5e", "`": "\uff40"})
_SLACK_BROADCAST = re.compile(r"@(?=(?:channel|here|everyone)\b)", re.IGNORECASE)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~])")
_AUTOLINK = re.compile(r"(://|www)", re.IGNORECASE)


def _strip_controls(text: str) -> str:
    """Remove control and invisible direction characters, keeping line breaks."""
    return _CONTROL.sub("", text.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n"))


def escape_for_channel(text: str, channel: str | None) -> str:
    """Make user-provided text inert for the channel: Slack markup, web-widget Markdown, or plain text."""
    text = _strip_controls(text)
    if channel == "slack":
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return _SLACK_BROADCAST.sub("@\u2060", text.translate(_SLACK_FORMATTING))
    if channel == "socketio":
        text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
        return _AUTOLINK.sub(lambda m: m.group(1)[0] + "\u200b" + m.group(1)[1:], text)
    return text


def _clean_value(value: str | None) -> str | None:
    """Return a single-line, length-capped user value, or None when empty."""
    if value is None:
        return None
    value = " ".join(_strip_controls(value).split())
    if not value or value.lower() in ("none", "unknown", "null"):
        return None
    if len(value) > MAX_VALUE_CHARS:
        value = value[: MAX_VALUE_CHARS - 1].rstrip() + "…"
    return value


def _spelled(value: str | None) -> str | None:
    """A job title with its typing slips mended ("sales assoicate": "sales associate"); case kept as typed."""
    if not value:
        return value
    for wrong, right in spelling_slips(value.lower()):
        value = re.sub(
            rf"(?i)\b{re.escape(wrong)}\b",
            lambda m, right=right: right.capitalize() if m.group(0)[:1].isupper() else right,
            value,
        )
    return value


def first_name(name: str) -> str:
    """The name to greet: the first name, a title with the surname ("Dr. Sam Okafor": "Dr. Okafor") or a placeholder."""
    words = name.split()
    if not words or name.startswith("["):
        return name
    titles = 2 if len(words) > 2 and all(_is_title(w) for w in words[:2]) else 1
    if _is_title(words[0]):  # two titles kept together: "Herr Dr. Becker"
        return " ".join(words[:titles] + [words[-1]]) if len(words) > titles + 1 else name
    return words[0]


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """Build the shared Jinja2 environment (strict: a missing variable is an error)."""
    environment = Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["first_name"] = first_name
    return environment


# Titles kept with the surname after "Hi" ("Hi Dr. Reyes").
TITLES = ("dr", "ms", "mr", "mrs", "mx", "prof", "professor", "sister", "nurse", "chef", "coach")
TITLES += ("frau", "herr", "madame", "mme", "monsieur", "señora", "senora", "señor", "senor", "signora", "signor")


def _is_title(word: str) -> bool:
    """Whether a word of a name is a title ("Dr.", "herr"), not part of the name."""
    return word.lower().rstrip(".") in TITLES


# Drafts that may go to whoever the user is in touch with: the recruiter or coordinator when no interviewer is named.
TO_WHOEVER_IS_KNOWN = ("pre_confirm_email", "status_check_email", "decision_followup_email", "reschedule_message")
# Drafts to the person met: with no interviewer named, the company's own recruiter who held the interview
# ("a phone screen with a recruiter named Sam Okafor"); never an agency's recruiter, who did not interview.
TO_THE_RECRUITER_MET = ("thank_you_email", "linkedin_thank_you", "feedback_request_email")
# Drafts before the interview that go to the recruiter when the user asks (or the interviewer is the CEO).
TO_RECRUITER_ON_REQUEST = ("pre_confirm_email", "pre_prep_question_email")


# The reader of the draft, spoken of in the third person by the user ("whether she'll call me"): said to them.
_TO_READER = (
    (re.compile(r"\b(?:she|he)(?:'|\u2019)ll\b"), "you'll"),
    (re.compile(r"\b(?:she|he)(?:'|\u2019)s\b"), "you're"),
    (re.compile(r"\b(?:she|he)\s+(\w+)\b"), None),
    (
        re.compile(
            r"\b(?:her|him)(?=\s*(?:[,.;:!?)]|$|\s+(?:or|and|first|back|directly|instead|myself|to|on|at|about)\b))"
        ),
        "you",
    ),
    (re.compile(r"\b(?:her|his)\b"), "your"),
    (re.compile(r"\bhim\b"), "you"),
)
_AGREEMENT = {"has": "have", "is": "are", "was": "were", "does": "do", "goes": "go"}


def _to_reader(match: re.Match[str]) -> str:
    """'she calls' -> 'you call', 'he is' -> 'you are', 'she will' -> 'you will', 'she discusses' -> 'you discuss'."""
    verb = match.group(1)
    if verb in _AGREEMENT:
        return f"you {_AGREEMENT[verb]}"
    if re.search(r"(?:ss|sh|ch|x|zz)es$", verb):
        return f"you {verb[:-2]}"
    if verb.endswith("s") and not verb.endswith(("ss", "us", "is")):
        return f"you {verb[:-1]}"
    return f"you {verb}"


def said_to_reader(words: str) -> str:
    """The user's words with the reader in the third person ("she asked for") said to them ("you asked for")."""
    for pattern, replacement in _TO_READER:
        words = pattern.sub(replacement or _to_reader, words)
    return words


# A remark about copying someone ending the user's question ("whether it has relocation, with Oliver in cc").
_COPY_NOTE = re.compile(r"[,;]?\s*(?:with|and)\s+(?:\w+\s+){1,3}(?:in\s+cc|cc'?d|copied(?:\s+in)?)\W*$", re.IGNORECASE)


# A question that only says the user wants to prepare ("how to prepare"): the note's own question says it better.
_ONLY_HOW_TO_PREPARE = re.compile(
    r"(?i)^(?:how|what)\s+(?:(?:I|to)\s+)?(?:should\s+|best\s+to\s+|can\s+|could\s+)?(?:I\s+)?"
    r"(?:prepare|prep|get ready|do to prepare)(?:\s+for\s+(?:it|this|the interview|our interview))?$"
)


# The kind of message the user did not want, ending their question: "..., not a linkedin note".
_NOT_THIS_KIND = re.compile(
    r"[,;]?\s*(?:and\s+)?(?:not|instead of|rather than)\s+(?:a|an|the|some|that|this)?\s*(?:\w+[\s-]){0,2}"
    r"(?:note|message|email|e-mail|request|draft|dm)s?\W*$",
    re.IGNORECASE,
)


# A word typed in capitals for emphasis ("the PORTFOLIO"), longer than an acronym.
_SHOUTED = re.compile(r"\b[A-Z]{5,}\b")


# "she"/"he" as the subject of the user's question, when it means the interviewer and the reader is someone else.
_THIRD_PERSON = re.compile(r"\b(?:she|he)\b", re.IGNORECASE)


# Day and month names typed in lower case ("may" is left alone: "may I bring ..." is no month).
_CALENDAR_NAMES = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|june|july|august|september"
    r"|october|november|december)\b"
)


def _as_clause(question: str | None, about_other: bool = False) -> str:
    """The user's words as a clause for a draft, said to its reader: "whether you'll call me" ('' when none).

    With `about_other` (a note to the recruiter), "she"/"he" is the interviewer: "what the interviewer cares about".
    """
    words = " ".join(_strip_controls(question or "").split())[:MAX_QUESTION_CHARS]
    words = _COPY_NOTE.sub("", words)  # "..., with Oliver in cc": the Cc line says it already
    words = _NOT_THIS_KIND.sub("", words)  # "how to prepare, not a linkedin note": said to the coach
    if not words:
        return ""
    words = _SHOUTED.sub(lambda m: m.group(0).lower(), words)  # "about the PORTFOLIO": no shouting in a letter
    if about_other and not re.search(r"\b(?:you|your)\b", words, re.IGNORECASE):
        words = _THIRD_PERSON.sub("the interviewer", words)
    else:
        words = said_to_reader(words)
    words = _CALENDAR_NAMES.sub(lambda m: m.group(0).capitalize(), words)  # "on friday": "on Friday"
    return re.sub(r"\bi\b", "I", words.rstrip(" ?.!,;:"))


def _day(value: date | None, today: date) -> str | None:
    """A day as people write it in a letter ('Thursday 3 December', with the year when it differs), or None."""
    if not value:
        return None
    text = f"{calendar.day_name[value.weekday()]} {value.day} {calendar.month_name[value.month]}"
    return text + (f" {value.year}" if value.year != today.year else "")


def _clock(value: str | None) -> str | None:
    """A 24-hour 'HH:MM' as people write it in a letter: '2 pm', '9:30 am', '12 noon'; other text as it is."""
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", value or "")
    if not match:
        return value
    hour, minute = int(match.group(1)), match.group(2)
    if (hour, minute) == (12, "00"):
        return "12 noon"
    clock = str(hour % 12 or 12) + ("" if minute == "00" else f":{minute}")
    return f"{clock} {'pm' if hour >= 12 else 'am'}"


# Short words of a job title that are written in capitals ("junior qa tester": "junior QA tester").
ACRONYMS = frozenset(
    {
        "qa",
        "it",
        "hr",
        "ux",
        "ui",
        "seo",
        "sql",
        "crm",
        "erp",
        "pr",
        "ai",
        "ml",
        "bi",
        "vp",
        "cfo",
        "cto",
        "ceo",
        "coo",
        "rn",
        "lpn",
        "cna",
        "gp",
        "ict",
        "sap",
        "aws",
        "ios",
        "hvac",
        "cad",
        "ehs",
    }
)
# Small words left in lower case inside a name typed in lower case ("bank of the west").
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "de", "van", "von", "da", "la", "le", "du", "&"})


def _capitalised(value: str | None) -> str | None:
    """A name typed in lower case as written ("kestrel bank": "Kestrel Bank"), in capitals unshouted ("DELOITTE").

    Short capitals stay acronyms ("KPMG", "ACME"); other spellings are kept.
    """
    if value and value == value.upper() and _SHOUTED.search(value):
        return " ".join(
            w.lower() if i and w.lower() in _SMALL_WORDS else w.capitalize() if len(w) >= 5 or _is_title(w) else w
            for i, w in enumerate(value.split())
        )
    if not value or value != value.lower():
        return value
    words = value.split()
    return " ".join(
        w if i and w in _SMALL_WORDS else w.upper() if w in ACRONYMS else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )


def _with_acronyms(value: str | None) -> str | None:
    """A job title with its acronyms in capitals ("junior qa tester": "junior QA tester")."""
    if not value:
        return value
    return " ".join(w.upper() if w.lower() in ACRONYMS and w.islower() else w for w in value.split())


def _names_recruiter(agency: str | None, recruiter: str | None) -> bool:
    """Whether an agency name is the recruiter's own name with more words ("Oliver Grant" for Oliver)."""
    agency_words, recruiter_words = (agency or "").lower().split(), (recruiter or "").lower().split()
    return (
        bool(agency_words and recruiter_words)
        and agency_words != recruiter_words
        and (agency_words[0] == recruiter_words[0])
    )


def _words(value: str | None) -> FrozenSet[str]:
    """The telling words of a value, case and accents folded, a plural 's' dropped ("Cafés": {"cafe"})."""
    text = unicodedata.normalize("NFKD", value or "").encode("ascii", "ignore").decode().lower()
    words = (w for w in re.findall(r"[a-z]+", text) if len(w) > 2 and w not in _SMALL_WORDS)
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words)


def _greeted(name: str | None) -> str:
    """The first word of a name, folded as in `_words` ('' when none)."""
    return min(_words(" ".join((name or "").split()[:1])) or {""})


def _is_users_name(name: str | None, user_name: str | None) -> bool:
    """Whether a name is the user's own: the same name, or one of the two is the other's first name alone."""
    said, own = _words(name), _words(user_name)
    if not said or not own:
        return False
    one_word = len((name or "").split()) == 1 or len((user_name or "").split()) == 1
    return said == own or (one_word and _greeted(name) == _greeted(user_name))


def _fits_addressee(name: str | None, situation: Situation) -> bool:
    """Whether a value may be greeted: not the user's own name, nor the company, the role or the agency."""
    if not name:
        return False
    if all(_is_title(word) for word in name.split()):
        return False  # "Dr" alone: no name to greet ("Dear Dr," never)
    if _is_users_name(name, situation.user_name):
        return False  # "Dear Owen" in Owen's own letter
    if _words(name) & _words(situation.role):
        return False  # "shift supervisor" or "Orrin Architects" for a junior architect: a title, not a person
    agency = None if _names_recruiter(situation.agency_name, situation.recruiter_name) else situation.agency_name
    organisations = _words(situation.company) | _words(agency)
    return _greeted(name) not in organisations and not (_words(name) and _words(name) <= organisations)


def _fits_company(situation: Situation) -> bool:
    """Whether the company may be printed: not the role or part of it, nor a person's name."""
    company, role = _words(situation.company), _words(situation.role)
    if not company:
        return True  # too short to compare ("EY")
    if company <= role:
        return False  # "the Operations Analyst position at Operations"
    people = (situation.user_name, situation.interviewer_name, situation.recruiter_name)
    return not any(
        company == _words(person) or (len(company) == 1 and company == {_greeted(person)}) for person in people
    )


def _fits_role(situation: Situation) -> bool:
    """Whether the role may be printed: not the company's name or part of it ("the Salesforce position")."""
    role = _words(situation.role)
    return not (role and role < _words(situation.company))


def _not_to_greet_interviewer(situation: Situation) -> bool:
    """Whether the interviewer must not read the draft: the user asked for the recruiter, or the panel is off limits."""
    before = situation.branch == "pre_interview"
    return before and (situation.draft_to == "recruiter" or situation.told_not_to_contact == "yes")


def draft_values(situation: Situation, now: datetime) -> Dict[str, str | None]:
    """Collect the user-provided values a draft can use, cleaned but not escaped; a value that fails a check is None."""
    today = now.date()
    time_text = _clean_value(situation.interview_time)
    return {
        "interviewer": _capitalised(_clean_value(situation.interviewer_name))
        if _fits_addressee(situation.interviewer_name, situation)
        and (situation.interviewer_name or "").lower() != (situation.user_name or "").lower()
        else None,
        "recruiter": _capitalised(_clean_value(situation.recruiter_name))
        if _fits_addressee(situation.recruiter_name, situation)
        and (situation.recruiter_name or "").lower() != (situation.agency_name or "").lower()
        else None,  # "through an agency, Michael Page": the agency, not a person to greet
        "agency": None  # "Oliver Grant at Hudson" read as the agency "Oliver Grant": the recruiter's own name
        if _names_recruiter(situation.agency_name, situation.recruiter_name)
        else _capitalised(_clean_value(situation.agency_name)),
        "company": _capitalised(_clean_value(situation.company)) if _fits_company(situation) else None,
        "role": _with_acronyms(_spelled(_clean_value(situation.role))) if _fits_role(situation) else None,
        "user_name": _capitalised(_clean_value(situation.user_name)),
        "interview_day": None
        if situation.is_approximate("interview_date")
        else _day(situation.date_of("interview_date"), today),
        "interview_time": _clock(parse_time(time_text or "") or time_text),
        "decision_day": None
        if situation.is_approximate("decision_date")
        else _day(situation.date_of("decision_date"), today),
    }


def _context(
    values: Dict[str, str | None], kind: str, situation: Situation, now: datetime, channel: str | None
) -> Dict[str, object]:
    """Build template variables: escaped user values, placeholders for the missing ones, and flags."""
    filled: Dict[str, object] = {
        name: escape_for_channel(value, channel) if value else PLACEHOLDERS[name] for name, value in values.items()
    }
    filled["to_recruiter"] = kind in TO_RECRUITER_ON_REQUEST and (
        situation.draft_to == "recruiter"
        or (bool(values["recruiter"]) and situation.senior_interviewer == "yes" and situation.draft_to is None)
    )  # "email Owen, the recruiter, not Victoria (the CEO)": the recruiter reads it
    # after the interview, "don't contact the panel" and a status email to HR: HR reads it, and it says why
    filled["to_hr"] = (
        situation.branch == "post_interview"
        and situation.no_contact_panel == "yes"
        and situation.draft_to == "recruiter"
        and kind in ("status_check_email", "decision_followup_email")
    )
    if _not_to_greet_interviewer(situation) or filled["to_hr"]:
        filled["interviewer"] = filled["recruiter"]  # "write to the talent mailbox, not the panel": never the panel
    met = kind in TO_THE_RECRUITER_MET and situation.branch == "post_interview" and not situation.interviewer_name
    # "a phone screen with a recruiter from Brightline (Tom Okafor)": the company's recruiter is the one met
    screen = kind == "linkedin_note" and situation.branch == "pre_interview" and not situation.known("interviewer_name")
    # the company's own recruiter has left: the message goes to the person met, or to HR, never "Dear Tasha"
    left = situation.branch == "post_interview" and situation.recruiter_gone == "yes"
    if left and not values["interviewer"]:
        filled["interviewer"] = ""
    elif filled["to_recruiter"] or (
        not values["interviewer"] and values["recruiter"] and (kind in TO_WHOEVER_IS_KNOWN or met or screen)
    ):
        filled["interviewer"] = filled["recruiter"]  # "I only have the coordinator's email, Mia": write to Mia
    for who in ("interviewer", "recruiter"):  # "no idea who", "I don't have a name": no placeholder to fill in
        if not values[who] and getattr(situation, f"{who}_name") == UNKNOWN:
            filled["interviewer"] = "" if filled["interviewer"] == PLACEHOLDERS[who] else filled["interviewer"]
            filled["recruiter"] = "" if filled["recruiter"] == PLACEHOLDERS[who] else filled["recruiter"]
    interview = situation.date_of("interview_date")
    if interview is not None and interview == now.date():
        filled["on_day"] = "today"
    elif interview is not None and situation.is_approximate("interview_date"):
        filled["on_day"] = fmt_approx(interview, now.date())
    else:
        filled["on_day"] = f"on {filled['interview_day']}"
    decision = situation.date_of("decision_date")
    rough = decision is not None and situation.is_approximate("decision_date")
    # a rough decision day stays rough ("in late November"), in words that hold on the day the draft is sent
    filled["decision_approx"] = f"in {fmt_rough(decision, now.date(), relative=False)}" if rough and decision else ""
    filled["stage"] = situation.stage_reached or ""
    filled["question"] = situation.question or ""
    filled["competing_offer"] = situation.competing_offer == "yes"
    # a thank-you asks when they'll decide only when no timeline is known and they didn't ask not to be chased
    filled["ask_timeline"] = (
        situation.date_of("decision_date") is None
        and situation.told_not_to_contact != "yes"
        and situation.offer_received != "yes"  # "I got the job!": nothing left for them to decide
    )
    # to the recruiter, "what she cares about most" is about the interviewer, not the reader
    about_other = bool(filled["to_recruiter"])
    own = _as_clause(situation.own_question, about_other)
    own = "" if kind == "pre_prep_question_email" and _ONLY_HOW_TO_PREPARE.match(own) else own  # the stock question
    filled["own_question"] = escape_for_channel(own, channel)
    filled["strength"] = escape_for_channel(_as_clause(situation.strength), channel)  # none said: no such line
    # an agency check-in relays the user's own question to the client; with none, the sentence is left out
    filled["relay_question"] = (
        kind == "agency_checkin" and situation.goal == "contact_company" and bool(situation.own_question)
    )
    # before the client interview an agency message asks a practical question, never "any news?"
    filled["ahead"] = situation.branch == "staffing_agency" and interview is not None and interview > now.date()
    filled["interview_known"] = interview is not None
    filled["not_scheduled"] = situation.not_scheduled == "yes" and interview is None  # put forward, no interview
    # on the day with no link, address or caller: two lines that ask only that
    filled["urgent"] = (
        situation.branch == "pre_interview"
        and interview == now.date()
        and situation.question in ("link", "location", "who_calls")
    )
    filled["upcoming"] = interview is not None and interview > now.date()  # a new interview day still ahead
    # met in the last two days: a note to the company with no question of the user's thanks them, never chases
    filled["just_met"] = interview is not None and 0 <= (now.date() - interview).days <= 2
    # a last note after the user's own unanswered follow-up says so, with its day when known
    sent = situation.date_of("followed_up_date")
    filled["followed_up"] = situation.followed_up == "yes"
    filled["followed_up_on"] = _day(sent, now.date()) if sent is not None and filled["followed_up"] else ""
    # an agency message to a colleague of a recruiter who doesn't answer; the recruiter's promised date, if any
    # the recruiter has left the agency (or their email bounces): the agency's team reads it, never "Hi Tom"
    filled["gone"] = situation.branch == "staffing_agency" and situation.recruiter_gone == "yes"
    filled["escalate"] = (
        filled["gone"]
        or (kind == "agency_checkin" and situation.followed_up == "yes" and situation.invited_to_contact != "yes")
    ) and not filled["ahead"]
    filled["wrote_first"] = situation.company_wrote_first == "yes"  # their message to the user is answered
    promised = decision is not None and decision != interview
    filled["decision_when"] = (filled["decision_approx"] or f"by {filled['decision_day']}") if promised else ""
    filled["agency_known"] = bool(values["agency"])
    filled["interviewer_known"] = bool(values["interviewer"])
    filled["recruiter_known"] = bool(values["recruiter"])
    filled["strength_known"] = bool(situation.strength)
    # one note of a panel: its own line about what was discussed with this person ("his team" becomes "your team")
    how, _, talked = (situation.talk_with or "").partition(":")
    talked = re.sub(r"\b(?:his|her|their)\b", "your", talked.strip())
    filled["talk_asked"] = escape_for_channel(talked, channel) if how == "asked" else ""
    filled["talk_about"] = escape_for_channel(talked, channel) if how == "talked" else ""
    filled["panel_member"] = situation.talk_with is not None
    # the people the user gives as references, one per line, with the details still to add
    filled["references"] = [
        escape_for_channel(name.strip(), channel) for name in (situation.references or "").split(";") if name.strip()
    ]
    # a thank-you goes straight to the client's interviewer only when someone invited the user to write
    filled["direct"] = situation.invited_to_contact == "yes" and bool(values["interviewer"])
    filled["short"] = False
    filled["tone"] = ""
    # running late on the day (the interview is today): a two-line text to read out or send, not a new time asked
    filled["late"] = False
    filled["agency_branch"] = (
        situation.branch == "staffing_agency"
    )  # "warm" or "casual" when the user asked for it: the template's wording for that tone
    # a text message (the user reaches them by phone) says what it is about in one line, with no letter around it
    filled["text_message"] = situation.channel == "phone"
    filled["time_known"] = bool(values["interview_time"])
    return filled


# A sentence's full stop right after a name that ends in one ("at Acme Corp.."): one stop is enough.
_DOUBLE_STOP = re.compile(r"(?<=[A-Za-z]\.)\.(?!\.)")


def _render(kind: str, context: Dict[str, object]) -> str:
    """Render one template, trim the trailing newline and the second stop after a name such as "Acme Corp."."""
    return _DOUBLE_STOP.sub("", _environment().get_template(f"{kind}.j2").render(**context).rstrip("\n"))


def _fit_linkedin_note(
    values: Dict[str, str | None], situation: Situation, now: datetime, tone: str = ""
) -> Tuple[Dict[str, str | None], bool]:
    """Choose values and variant that keep the connection note within LinkedIn's limit (measured unescaped)."""
    values = dict(values)
    for short in (False, True):
        context = _context(values, "linkedin_note", situation, now, None)
        context["short"], context["tone"] = short, tone
        if len(_render("linkedin_note", context)) <= LINKEDIN_NOTE_LIMIT:
            return values, short
    while True:
        context = _context(values, "linkedin_note", situation, now, None)
        context["short"], context["tone"] = True, tone
        excess = len(_render("linkedin_note", context)) - LINKEDIN_NOTE_LIMIT
        if excess <= 0:
            return values, True
        longest = max(("interviewer", "user_name", "role"), key=lambda name: len(values[name] or ""))
        current = values[longest] or PLACEHOLDERS[longest]
        values[longest] = current[: max(len(current) - excess - 1, 1)].rstrip() + "…"


# The tones a template is written in besides its usual one (variable `tone`, parts/tone.j2).
TONES = ("warm", "casual")


def render_draft(
    kind: str, situation: Situation, now: datetime, channel: str | None = None, tone: str = "", late: bool = False
) -> Message:
    """Render the draft `kind` for this situation, escaped for the Rasa input channel, as a Message.

    `tone` ("warm", "casual") picks the template's wording for that tone: greeting, body sentences and sign-off.
    `late`: the reschedule message is the one for running late on the day (a short text, no new time asked).
    The reschedule message answers a change on their side when `situation.their_change` names one.
    """
    if tone and tone not in TONES:
        raise ValueError(f"unknown tone {tone!r}")
    if kind not in DRAFT_TITLES:
        raise ValueError(f"unknown draft kind {kind!r}")
    values = draft_values(situation, now)
    short = False
    if kind == "linkedin_note":
        values, short = _fit_linkedin_note(values, situation, now, tone)
    context = _context(values, kind, situation, now, channel)
    context["short"] = short
    context["tone"] = tone
    context["late"] = late
    context["their"] = situation.their_change or ""
    text = _render(kind, context)
    if situation.channel == "phone" and not kind.startswith("linkedin") and not late:
        text = as_text_message(text)
    return Message(text=text, draft_kind=kind)


def as_text_message(email: str) -> str:
    """An email draft as one short text message (or what to say on a call): no subject, greeting to signature."""
    paragraphs = [p.strip() for p in email.split("\n\n") if p.strip()]
    paragraphs = [p for p in paragraphs if not p.startswith(("Subject:", "Cc:"))]  # the header block
    if len(paragraphs) < 3:
        return "\n\n".join(paragraphs)
    greeting = re.sub(
        r"^(?:Dear|Hello|Hi)\s+(.+?),?$",
        lambda m: "Hello," if m.group(1).endswith("Team") else f"Hi {first_name(m.group(1))},",
        paragraphs[0],
    )  # "Dear Hiring Team": "Hello,", never "Hi Hiring,"
    signer = paragraphs[-1].split("\n")[-1].strip()
    body = " ".join(paragraphs[1:-1])
    if not re.match(r"I\b", body):
        body = body[:1].lower() + body[1:]
    return f"{greeting} {body} – {signer}"


def draft_button(kind: str) -> Button:
    """Build the quick reply that asks for a draft of this kind."""
    return Button(title=DRAFT_TITLES[kind], payload=f'/ask_draft{{"draft_kind":"{kind}"}}')


# Contractions spelled out in a more formal rewrite, and casual openings and closings replaced.
FORMAL_WORDS = {
    "I'm": "I am",
    "I'd": "I would",
    "I've": "I have",
    "I'll": "I will",
    "you're": "you are",
    "you'd": "you would",
    "we're": "we are",
    "it's": "it is",
    "that's": "that is",
    "don't": "do not",
    "can't": "cannot",
    "won't": "will not",
    "isn't": "is not",
    "haven't": "have not",
    "there's": "there is",
    "Thanks again": "Thank you again",
    "Thanks": "Thank you",
}
FORMAL_LINES = {r"^(Hi|Hello|Hey)\b": "Dear", r"^(Best|Cheers|Thanks|Best wishes),?$": "Kind regards,"}
_ASKS = re.compile(
    r"\?|\b(grateful|could you|would you|let me know|please|I'd like|I would like|ask|asking|whether|wondering"
    r"|any news|any update)\b",
    re.IGNORECASE,
)
# The sentence that carries the draft's purpose (a question put, feedback or news asked): a cut keeps it first.
_PURPOSE = re.compile(
    r"\b(?:I'd (?:also )?like to ask|I wanted to ask|I was wondering|I would (?:really )?appreciate|I'd (?:really )?"
    r"appreciate|I'd love|I'd be grateful|I would be grateful|grateful to hear|any news|any feedback)\b",
    re.IGNORECASE,
)
# A sentence end that is not a title's full stop: "Hi Mr. Okafor, ..." is one sentence.
SENTENCE_END = r"(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bDr\.)(?<!\bMx\.)(?<!\bSt\.)(?<!\bProf\.)(?<=[.!?])\s+"
_SENTENCE = re.compile(SENTENCE_END + r"(?=[A-Z\[])")


def _body_paragraphs(paragraphs: List[str]) -> List[int]:
    """Indexes of the body paragraphs of a draft: not the subject, the greeting or the sign-off."""
    return [
        i
        for i, text in enumerate(paragraphs)
        if not text.startswith("Subject:")
        and not re.match(r"^(Dear|Hi|Hello)\b[^\n]*,$", text)
        and "\n" not in text
        and not re.match(r"^(Kind regards|Best regards|Best|Thank you|Thanks|Sincerely|Regards),?$", text)
    ]


def _asking_clause(sentence: str) -> str:
    """The clause of a sentence that makes the request ('…, and I'd be grateful for news' -> 'I'd be grateful…')."""
    for joint in (", and ", ", so "):  # "You mentioned a date, so I wanted to ask …": the asking half
        head, sep, tail = sentence.partition(joint)
        if sep and _ASKS.search(tail) and not _ASKS.search(head):
            return tail[:1].upper() + tail[1:]
    return sentence


def restyle(text: str, style: str) -> Tuple[str, str]:
    """Rewrite a draft 'short' (opening and the request only) or 'formal'; return it and a one-line note."""
    paragraphs = text.split("\n\n")
    if style == "short":
        body = _body_paragraphs(paragraphs)
        sentences = [s for i in body for s in _SENTENCE.split(paragraphs[i])]
        content = [s for s in sentences if not s.startswith("I hope")] or sentences
        tiers = (lambda s: "?" in s, _PURPOSE.search, _ASKS.search)  # the user's question beats "I'd like to confirm"
        asks = next(([s for s in content[1:] if ask(s)] for ask in tiers if any(ask(s) for s in content[1:])), [])
        kept = content[:1] + [_asking_clause(s).replace("I'd also like to ask", "I'd like to ask") for s in asks[:1]]
        if body:
            paragraphs = paragraphs[: body[0]] + [" ".join(kept)] + paragraphs[body[-1] + 1 :]
        before, after = len(text.split()), len("\n\n".join(paragraphs).split())
        return "\n\n".join(paragraphs), f"A shorter version ({after} words instead of {before}):"
    lines = []
    for line in text.split("\n"):
        for pattern, replacement in FORMAL_LINES.items():
            line = re.sub(pattern, replacement, line)
        for casual, formal in FORMAL_WORDS.items():
            line = re.sub(rf"(?<![\w']){re.escape(casual)}(?![\w'])", formal, line)
        lines.append(line)
    return "\n".join(lines), "A more formal version, with no contractions:"
