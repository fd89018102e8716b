"""Where a pasted draft starts and ends in a message, who it greets and who signs it (read by MessageCues)."""

from __future__ import annotations

import re
from typing import Tuple

# A draft pasted with other words has at least this many words, or the shape of a letter.
DRAFT_MIN_WORDS = 12
LETTER_MARKS = re.compile(r"(?im)^\s*(subject:|dear\b|hi\b|hello\b)|\b(regards|sincerely|best,|thanks,|cheers,)")
# A greeting after a colon or an opening quote: where a draft pasted after a long request starts.
QUOTED_GREETING = re.compile(r"(?i)[:'\"\u201c]\s*((?:dear|hi|hello|hey|good (?:morning|afternoon))\b)")
# The addressee and the signer of a pasted draft.
DRAFT_GREETING = re.compile(
    r"(?m)^\W*(?:dear|hi|hello|hey|good (?:morning|afternoon))\s+"
    r"(?!(?:there|all|team|everyone|sir|madam|hiring|again|folks|recruiter|manager|both)\b)"
    r"((?:(?:mr|mrs|ms|dr|prof)\.?[ \t]+)?[A-Z][\w'-]+(?:[ \t]+[A-Z][\w'-]+)?)[ \t]*(?:[,!.:]|$)",
    re.IGNORECASE,
)
# The writer's sign-off and name closing a pasted draft, with the user's words to the coach after it ("Thanks,
# Lucia Ferraro\n\nShould I send it?"): the draft ends at the name.
SIGNATURE_THEN_WORDS = re.compile(
    r"(?i:\b(?:regards|sincerely|thanks|thank you|thx|best|cheers|best wishes|warmly|respectfully))[ \t]*[,!.]?"
    r"(?:[ \t]*(?:\n[ \t]*)?(?:[-\u2013\u2014][ \t]*)?[A-Z][\w'-]+(?:[ \t]+[A-Z][\w'-]+){0,2}[ \t]*(?=\n\s*\S)"
    r"|[ \t]*(?=\n[ \t]*\n\s*\S))"  # "... any news? thanks\n\nShould I send it?": a sign-off with no name
)
SIGN_OFF_WORD = re.compile(r"(?i)\b(?:regards|sincerely|best,|thanks,|cheers,|warmly|respectfully)")
# A subject line or a greeting opening a line: where a draft pasted after the user's own words starts.
DRAFT_OPENING = re.compile(
    r"(?im)^[ \t]*(?:subject[ \t]*:|(?:dear|hi|hello|hey|good (?:morning|afternoon))\b"
    r"|(?!(?:thanks|best|regards|cheers|sincerely|warmly|yours)\b)[A-Z][a-z]+,[ \t]*$)"
)
SUBJECT_LINE = re.compile(r"(?im)^[ \t]*subject[ \t]*:")
DRAFT_SIGNER = re.compile(
    r"(?i)\b(?:regards|sincerely|thanks so much|thank you so much|thanks again|many thanks|thanks|thank you|thx|ty"
    r"|best|cheers|best wishes|warmly|respectfully)"
    r"(?:[,!.]\s*\n*\s*|\s*\n+\s*)"
    r"([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})\s*['\"]?\s*$"
)


# Words to the coach after "fix my draft:" rather than a draft: "drop the pay question, keep the rest ...".
EDIT_INSTRUCTION = re.compile(
    r"(?i)^\s*(?:(?:please|pls|just|and|can you|could you)\s+)*(?:drop|remove|take out|cut|delete|fix|keep|add|change"
    r"|put|replace|swap|shorten|rewrite|reword|include|leave out|correct|lose|get rid of|move|tone down)\b"
)


def draft_end(draft: str) -> int:
    """Where a pasted draft ends: after its signature, when the user's own words to the coach follow it."""
    ends = list(SIGNATURE_THEN_WORDS.finditer(draft))
    if not ends:
        return len(draft)
    after = draft[ends[-1].end() :]
    name_only = re.fullmatch(r"\s*[A-Z][\w'-]+(?:[ \t]+[A-Z][\w'-]+){0,2}\s*", after)  # "Best regards,\n\nOmar"
    if name_only or SIGN_OFF_WORD.search(after) or len(after.split()) > 60 or re.match(r"(?i)\s*p\.?s\b", after):
        return len(draft)  # the real sign-off is further down, or a postscript
    return ends[-1].end()


def pasted_draft(text: str) -> Tuple[int, str] | None:
    """Where in the message a pasted draft starts, and its text; None when the message holds no draft."""
    start = 0
    head, sep, tail = text.partition(":")
    lead_in = re.split(r"(?<=[.!?])\s+|\n", head.strip())[-1]  # "im so mad. this is what i want to send him:"
    is_instruction = len(lead_in.split()) <= 12 and not re.match(r"(?i)\s*(?:subject|re|subj)\b", lead_in)
    pasted = bool(LETTER_MARKS.search(text))  # a request alone ("want to check my email to him") is no draft
    instructions = bool(EDIT_INSTRUCTION.match(tail)) and not LETTER_MARKS.search(tail)  # "fix it: drop the ..."
    if sep and is_instruction and len(tail.split()) >= DRAFT_MIN_WORDS and not instructions:
        start, pasted = len(head) + 1, True
    else:  # "Interview with Hana was two days ago, is this ok?\n\nHi Hana, ...": the draft starts at its greeting
        greeting = DRAFT_GREETING.search(text)
        headed = re.match(r"(?i)\s*subject\s*:", text)
        if (
            greeting
            and greeting.start() > len(text) - len(text.lstrip())
            and not headed
            and len(text[greeting.start() :].split()) >= DRAFT_MIN_WORDS
        ):
            subject = re.search(r"(?im)^\s*subject\s*:", text[: greeting.start()])  # the subject line above it
            start, pasted = (subject.start() if subject else greeting.start()), True
        quoted = QUOTED_GREETING.search(text)
        # "hello! could u check my email? "Hi Mr. Drummond, ..."": the greeting of the request is not the draft's
        asking = bool(
            quoted
            and start == 0
            and text[quoted.start()] in '"\u201c'  # a real quotation mark, not "Subject: hi"
            and not DRAFT_GREETING.match(text)
            and not headed
            and len(text[: quoted.start()].split()) <= 40
        )
        if (not pasted or asking) and quoted and len(text[quoted.start(1) :].split()) >= DRAFT_MIN_WORDS:
            start, pasted = quoted.start(1), True  # "... on wednesday: 'Hello Ms Johnson!!! I am ..."
            closing = {"\u201c": "\u201d"}.get(text[quoted.start()], text[quoted.start()])
            end = text.rfind(closing, start) if closing in '"\u201d' else -1
            if end > start and len(text[start:end].split()) >= DRAFT_MIN_WORDS:  # the draft is only the quoted part
                text = text[:end]
    subject = SUBJECT_LINE.search(text, start + 1) if pasted else None
    if subject and re.search(r"[:?.!]\s*\n\s*$", text[start : subject.start()]):
        start = subject.start()  # "Hello. I had an interview ... review it?\n\nSubject: ...": the subject opens it
    if pasted:  # "...I wrote this, thoughts?\n\nSubject: hi\n\nHi Raj, ...": the draft starts after the lead-in
        opening = DRAFT_OPENING.search(text, start + 1)
        opened = DRAFT_OPENING.match(text, start + len(text[start:]) - len(text[start:].lstrip()))
        if opening and not opened and re.search(r"[:?.!]\s*\n\s*$", text[start : opening.start()]):
            start = opening.start() + len(text[opening.start() :]) - len(text[opening.start() :].lstrip())
    draft = text[start:].strip().strip("'\"\u201c\u201d\u2018\u2019 ")
    draft = draft[: draft_end(draft)]
    if pasted and (len(draft.split()) >= DRAFT_MIN_WORDS or LETTER_MARKS.search(draft)):
        return start, draft
    return None


def addressee(draft: str) -> Tuple[int, int, str] | None:
    """Where the draft names whom it greets ('Hi Dr. Fischer,'), and the name ("hey sarah!!" -> Sarah)."""
    greeting = DRAFT_GREETING.search(draft)
    if not greeting:
        return None
    name = greeting.group(1)
    return greeting.start(1), greeting.end(1), name.title() if name.islower() else name


def signer(draft: str) -> Tuple[int, int] | None:
    """Where the draft's signer is named (the name after the sign-off)."""
    lead = len(draft) - len(draft.lstrip())
    found = DRAFT_SIGNER.search(draft.strip())
    return (lead + found.start(1), lead + found.end(1)) if found else None
