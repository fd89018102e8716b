"""Reviews a draft the user wrote themselves against the articles' dos and don'ts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Dict, List

from .drafts import LINKEDIN_NOTE_LIMIT, PLACEHOLDERS, escape_for_channel
from .knowledge import Knowledge, load_knowledge
from .reply import Button, Reply
from .situation import Situation

MAX_REVIEW_CHARS = 5000
MAX_QUOTE_CHARS = 60
REVIEW_BUTTONS = [
    Button(title="Review another draft", payload="/review_draft"),
    Button(title="Start over", payload="/restart"),
]

_SUBJECT = re.compile(r"^\s*subject\s*:", re.IGNORECASE | re.MULTILINE)
_HEADER = re.compile(r"^\s*(subject|cc|to|from)\s*:", re.IGNORECASE)
_GREETING = re.compile(r"^\s*(dear|hi|hello|good (morning|afternoon|evening)|greetings)\b", re.IGNORECASE)
_SIGNOFF = re.compile(
    r"\b(regards|sincerely|best( wishes)?|thanks|thank you|cheers|all the best|respectfully|yours|warmly)\b[,.!]?\s*$",
    re.IGNORECASE,
)
_SALARY = re.compile(
    r"\b(salary|salaries|compensation|benefits?|pto|paid time off|vacation days?|holiday allowance|bonus(es)?"
    r"|pay( (range|scale|band|rate))?|wages?|stock options|equity|pension)\b(?! attention)",
    re.IGNORECASE,
)
_CASUAL_WORDS = re.compile(
    r"\b(hey|hiya|yo|gonna|wanna|gotta|kinda|u|ur|thx|thanx|pls|plz|lol|omg|btw|tbh|asap|yeah|yep|nope|cool"
    r"|awesome|sup|cya)\b",
    re.IGNORECASE,
)
_CASUAL_MARKS = re.compile(r"!{2,}|\?{3,}|[:;]-?[)(DPp]\B|[\U0001F300-\U0001FAFF\u2600-\u27BF]")
_THANKS = re.compile(r"\b(thank|thanks|appreciate|appreciated|grateful|gratitude)\b", re.IGNORECASE)
_NEXT_STEPS = re.compile(
    r"\b(next steps?|timeline|status|hear back|update on|any (news|updates?)|decision"
    r"|when (will|can|might|should) i (hear|expect|know)|where (i|things) stand)\b",
    re.IGNORECASE,
)
_REPEAT_STRONG = re.compile(
    r"\b(following up again|as i (mentioned|said|wrote)|per my (last|previous)( email| message)?"
    r"|second (email|message|time)|(another|one more) (email|message|reminder)|(checking|following) (in|up) again"
    r"|still (waiting|haven't heard)|resend(ing)?)\b",
    re.IGNORECASE,
)
_REPEAT_WEAK = re.compile(
    r"\b(haven't heard back|have not heard back|following up|follow up|checking in)\b", re.IGNORECASE
)
_ENGLISH = frozenset(
    "the and to i you for of a in is my your it on with be this that am thank would me we our are at have will "
    "as an if please looking forward interview role".split()
)


@dataclass
class _Finding:
    """One problem found: the review check id and the values for its text."""

    check: str
    values: Dict[str, str]


def _quote(words: List[str], channel: str | None) -> str:
    """Quote the user's words, de-duplicated, shortened and escaped, in quotation marks."""
    unique: List[str] = []
    for word in words:
        if word.lower() not in (u.lower() for u in unique):
            unique.append(word)
    quoted = []
    for word in unique[:3]:
        word = word if len(word) <= MAX_QUOTE_CHARS else word[: MAX_QUOTE_CHARS - 1] + "…"
        quoted.append("“" + escape_for_channel(word, channel) + "”")
    return ", ".join(quoted)


def _is_english(text: str) -> bool:
    """Guess whether the text is English: mostly Latin letters and a fair share of common English words."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    if sum(1 for c in letters if c.isascii()) / len(letters) < 0.6:
        return False
    words = re.findall(r"[a-z']+", text.lower())
    return len(words) < 5 or sum(1 for w in words if w in _ENGLISH) / len(words) >= 0.12


def _medium(text: str, situation: Situation) -> str:
    """Decide 'linkedin' or 'email': what kind of message the draft is meant to be."""
    if _SUBJECT.search(text) or situation.channel == "email":
        return "email"
    if situation.channel == "linkedin" or situation.goal == "linkedin_intro":
        return "linkedin"
    return "email"


def _body_lines(text: str) -> List[str]:
    """Return non-empty lines without header lines such as 'Subject:'."""
    return [line.strip() for line in text.splitlines() if line.strip() and not _HEADER.match(line)]


def _sentences(lines: List[str]) -> int:
    """Count sentences in the message body, leaving out the greeting and the sign-off block."""
    body = list(lines)
    if body and _GREETING.match(body[0]) and len(body[0].split()) <= 6:
        body = body[1:]
    for index in range(len(body) - 1, max(len(body) - 4, -1), -1):
        if _SIGNOFF.search(body[index]) and len(body[index].split()) <= 4:
            body = body[:index]
            break
    joined = " ".join(body)
    return len([part for part in re.split(r"(?<=[.!?])\s+", joined) if re.search(r"\w", part)])


def _tone_findings(text: str, situation: Situation, medium: str, channel: str | None) -> List[_Finding]:
    """Check the wording: pay, slang, thanks, next steps, repeated chasing."""
    found: List[_Finding] = []
    salary = [m.group(0) for m in _SALARY.finditer(text)]
    if salary:
        found.append(_Finding("salary", {"quote": _quote(salary, channel)}))
    casual = [m.group(0) for m in _CASUAL_WORDS.finditer(text)] + [m.group(0) for m in _CASUAL_MARKS.finditer(text)]
    if casual:
        found.append(_Finding("casual", {"quote": _quote(casual, channel)}))
    if not _THANKS.search(text):
        found.append(_Finding("no_thanks", {}))
    next_steps = [m.group(0) for m in _NEXT_STEPS.finditer(text)]
    if next_steps and situation.branch == "pre_interview":
        found.append(_Finding("next_steps_before", {"quote": _quote(next_steps, channel)}))
    elif next_steps and situation.goal == "thank_you" and medium == "linkedin":
        found.append(_Finding("next_steps_linkedin", {"quote": _quote(next_steps, channel)}))
    repeats = [m.group(0) for m in _REPEAT_STRONG.finditer(text)]
    if situation.followed_up == "yes":
        repeats += [m.group(0) for m in _REPEAT_WEAK.finditer(text)]
    if repeats:
        found.append(_Finding("repeat_follow_up", {"quote": _quote(repeats, channel)}))
    return found


def _shape_findings(text: str, situation: Situation, medium: str, english: bool) -> List[_Finding]:
    """Check the form: length for the channel, number of questions, greeting, sign-off, subject."""
    found: List[_Finding] = []
    lines = _body_lines(text)
    sentences = _sentences(lines)
    if medium == "email":
        if sentences > 5:
            found.append(_Finding("email_too_long", {"count": str(sentences)}))
        elif sentences < 3:
            found.append(_Finding("email_too_short", {"count": str(sentences)}))
    else:
        if len(text) > LINKEDIN_NOTE_LIMIT and situation.branch != "post_interview":
            found.append(_Finding("linkedin_note_too_long", {"chars": str(len(text))}))
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if len(p.split()) > 6]
        if len(paragraphs) > 2:
            found.append(_Finding("linkedin_too_many_paragraphs", {"count": str(len(paragraphs))}))
    questions = len(re.findall(r"\?+", text))
    if questions > 2:
        found.append(_Finding("too_many_questions", {"count": str(questions)}))
    if english:
        if not lines or not _GREETING.match(lines[0]):
            found.append(_Finding("no_greeting", {}))
        is_connection_note = medium == "linkedin" and len(text) <= LINKEDIN_NOTE_LIMIT
        if not is_connection_note and not any(_SIGNOFF.search(line) for line in lines[-3:]):
            found.append(_Finding("no_signoff", {}))
        if medium == "email" and not _SUBJECT.search(text):
            found.append(_Finding("no_subject", {}))
    return found


def _praise(knowledge: Knowledge, found: List[_Finding], medium: str, english: bool) -> List[str]:
    """Collect short phrases for the checks that passed."""
    fired = {f.check for f in found}
    candidates = (
        ["email_too_long", "too_many_questions"]
        if medium == "email"
        else ["linkedin_note_too_long", "too_many_questions"]
    )
    if "email_too_short" in fired:
        fired.add("email_too_long")
    if english:
        candidates += ["salary", "casual", "no_thanks", "no_greeting", "no_signoff"]
        if medium == "email":
            candidates.append("no_subject")
    return [str(knowledge.review_checks[c].ok) for c in candidates if c not in fired and knowledge.review_checks[c].ok]


def review_draft(text: str, situation: Situation, now: datetime, channel: str | None = None) -> Reply:
    """Check the user's own draft and answer with specific, friendly fixes and what already works."""
    knowledge = load_knowledge()
    checks = knowledge.review_checks
    reply = Reply()
    cleaned = escape_for_channel(text or "", None).strip()
    if not cleaned:
        reply.add(checks["empty"].text, REVIEW_BUTTONS[1:])
        return reply
    notes: List[str] = []
    if len(cleaned) > MAX_REVIEW_CHARS:
        cleaned = cleaned[:MAX_REVIEW_CHARS]
        notes.append(checks["truncated"].text.format(chars=f"{MAX_REVIEW_CHARS:,}"))
    english = _is_english(cleaned)
    if not english:
        notes.append(checks["not_english"].text)
    medium = _medium(cleaned, situation)
    found = _shape_findings(cleaned, situation, medium, english)
    if english:
        found += _tone_findings(cleaned, situation, medium, channel)
    kind = "LinkedIn message" if medium == "linkedin" else "email"
    summary = [f"I read your {kind} ({len(cleaned):,} characters)."] + notes
    if found:
        fixes = "\n".join("• " + checks[f.check].text.format(**f.values) for f in found)
        summary.append("Here's what I'd change:\n" + fixes)
    else:
        summary.append("It follows the advice well — I'd send it as it is, after one last read for typos.")
    reply.add("\n\n".join(summary))
    praise = _praise(knowledge, found, medium, english)
    if praise:
        reply.add("What works already: " + ", ".join(praise) + ".")
    titles: List[str] = []
    for check in [checks[f.check] for f in found] or [checks["no_thanks"], checks["email_too_long"]]:
        title = knowledge.articles[check.source.article]
        if title not in titles:
            titles.append(title)
    reply.add("Based on: " + "; ".join(titles) + ".", list(REVIEW_BUTTONS))
    return reply


# Casual words a revision replaces (None: dropped), for a draft the user asked me to fix.
_PLAIN_WORDS = {
    "thx": "thanks",
    "thanx": "thanks",
    "u": "you",
    "ur": "your",
    "pls": "please",
    "plz": "please",
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "have to",
    "kinda": "rather",
    "yeah": "yes",
    "yep": "yes",
    "lol": None,
    "omg": None,
    "btw": None,
    "tbh": None,
    "asap": "as soon as you can",
    **{
        word: word[:-1] + "'" + word[-1]
        for word in ("whats", "didnt", "dont", "cant", "wont", "isnt", "doesnt", "wasnt")
    },
    **{"im": "I'm", "ive": "I've", "havent": "haven't", "id": "I'd"},
}
_OPENING = re.compile(
    r"^\W*((?i:dear|hi|hello|hey|hiya|good morning|good afternoon|good evening))\b"
    r"((?:\s+(?i:mr|mrs|ms|dr)\.?)?(?:\s+[A-Z][\w'-]*){0,2})[\s,!.:]*(.*)$",
    re.DOTALL,
)
_FOLLOW_UP_LINE = "I wanted to follow up on my interview and ask whether there is any news on the next steps."
_CLOSINGS = "best regards|kind regards|regards|sincerely|best|thanks|thank you|thx|cheers"
_SENTENCE_SPLIT = re.compile(r"(?<!\bDr\.)(?<!\bMs\.)(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMx\.)(?<!\bSt\.)(?<=[.!?])\s+")


def _plain(sentence: str) -> str:
    """A sentence without slang, shouting or a lower-case 'i'."""
    for casual, plain in _PLAIN_WORDS.items():
        sentence = re.sub(rf"(?i)(?<![\w']){casual}(?![\w'])\s*", (plain + " ") if plain else "", sentence)
    sentence = re.sub(r"!{2,}", "!", re.sub(r"\?{2,}", "?", re.sub(r"(?i)\bits me\b", "it's me", sentence)))
    sentence = re.sub(r"(?<![\w'])i(?=[\s',.!?]|$)", "I", sentence).strip()
    return sentence[:1].upper() + sentence[1:]


def revise(text: str, situation: Situation, short: bool = False) -> str:
    """The user's own draft with the review's fixes made: pay questions and slang out, greeting, thanks, sign-off.

    A LinkedIn note before the interview is cut to the connection-note limit, sentence by sentence; `short`
    keeps the opening sentence and the first question only.
    """
    lines = [line.rstrip() for line in text.strip().strip("'\"\u201c\u201d").splitlines()]
    medium = _medium(text, situation)
    subject = next((line.strip() for line in lines if _SUBJECT.match(line)), None)
    body_lines = [line.strip() for line in lines if line.strip() and not _HEADER.match(line)]
    body = " ".join(body_lines)
    opening = _OPENING.match(body)
    greeting = None
    if opening:  # "Hi Tom, ...", "hey!! just wanted to...": the greeting word and the name after it, if any
        word = "Hi" if opening.group(1).lower() in ("hey", "hiya") else opening.group(1)
        person = opening.group(2).strip() or situation.interviewer_name or situation.recruiter_name
        greeting, body = (f"{word} {person}," if person else f"{word},"), opening.group(3)
    signoff = re.search(rf"(?i)\b(?:{_CLOSINGS})[,.!]?\s*([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)?\s*$", body)
    signer = situation.user_name or (signoff.group(1) if signoff else None) or PLACEHOLDERS["user_name"]
    if signoff:
        body = body[: signoff.start()].strip()
    sentences = [_plain(s) for s in _SENTENCE_SPLIT.split(body) if s.strip() and not _SALARY.search(s)]
    if not sentences:  # everything was about pay: what is left to say
        after = situation.branch != "pre_interview"
        sentences = [_FOLLOW_UP_LINE if after else "I'm looking forward to our interview."]
    if short:
        sentences = sentences[:1] + [s for s in sentences[1:] if "?" in s][:1]
    if not any(_THANKS.search(s) for s in sentences):
        sentences.append("Thank you for your time.")
    name = situation.interviewer_name or situation.recruiter_name or PLACEHOLDERS["interviewer"]
    greeting = greeting or f"Dear {name},"
    if medium == "linkedin" and situation.branch != "post_interview":
        while len(sentences) > 1 and len(" ".join([greeting] + sentences + [f"Best, {signer}"])) > LINKEDIN_NOTE_LIMIT:
            sentences.pop(-2 if len(sentences) > 2 else -1)
        return " ".join([greeting] + sentences + [f"Best, {signer}"])
    parts = ([subject] if subject and medium == "email" else []) + [greeting, " ".join(sentences)]
    return "\n\n".join(parts + [f"Best regards,\n{signer}"])
