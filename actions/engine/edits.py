"""Changes the user asks of the last draft, each applied to its text with a one-line note of what changed.

The kinds are vocabulary.EDITS, read by the NLU pipeline (entity `edit`, and `edit_text` with the words of a line
to add or remove). Edits keep every fact of the draft: they change wording, greeting, sign-off and length only.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Callable, Dict, List, Sequence, Tuple

from pydantic import Field

from .checked_yaml import Strict, load_checked
from .drafts import (
    SENTENCE_END,
    TITLES,
    _asking_clause,
    _body_paragraphs,
    _environment,
    first_name,
    restyle,
    said_to_reader,
)
from .review import pushy_or_angry
from .situation import Situation

# One change: its kind and, for "add" and "remove", the user's words for the line.
Edit = Tuple[str, str]
# A line quoted with at least this many words is taken out only where it stands word for word.
QUOTED_WORDS = 8
# A text message longer than this is cut to its opening and its request.
TEXT_CHARS = 320
# Style changes that undo each other: a later one replaces the earlier.
CONFLICTS: Dict[str, Tuple[str, ...]] = {
    "formal": ("casual", "warmer", "text"),
    "casual": ("formal", "warmer"),  # the two tones are each their own wording: the later one is the one asked
    "warmer": ("formal", "casual"),
    "linkedin": ("text",),
    "text": ("linkedin", "formal"),
}

# Changes of the whole draft's style: asked again, the later one replaces the earlier (lines added, taken out or
# changed all add up).
STYLES = ("shorter", "formal", "casual", "warmer", "linkedin", "text")

_GREETING_LINE = re.compile(r"^(?:Dear|Hello|Hi|Hey)\s+(.+?),$")
# A one-line note that opens with its greeting: "Dear Ms. Lindqvist, I'm writing ahead of ...".
_GREETING_INLINE = re.compile(r"^(?:Dear|Hello|Hi|Hey)\s+([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2}),\s")
_SIGNOFF_LINE = re.compile(
    r"^(?:Kind regards|Best regards|Warm regards|Regards|Sincerely|Yours sincerely|Best wishes|Best),?$"
)
# A sentence ends at . ! ? before a capital, but not after a title ("Hi Mr. Okafor" is one sentence).
_SENTENCE = re.compile(SENTENCE_END + r"(?=[A-Z\[\"\u201c])")
# Courtesy lines that close a message: an added line goes before them.
_CLOSING = re.compile(
    r"^(?:Thank you for your time|Thanks again|Many thanks|Please let me know|Please do let me know|I'm keen|I am keen"
    r"|I look forward|Looking forward|I remain|Thanks for your help|Thank you for any"
    r"|Please (?:don't|do not) hesitate|Don't hesitate|Have a (?:great|good|nice|lovely|wonderful)|Enjoy your"
    r"|Just let me know|Happy to send|Thanks so much|Thanks a lot|If there's anything else|If I can send anything"
    r"|Thank you so much for your time|I really appreciate your (?:time|help))"
)
# A sign-off and name ending a one-paragraph note: "… conversation. Best regards, Tomasz Nowak".
_INLINE_SIGNOFF = re.compile(
    r"(?:^|(?<=[.!?])\s+)(?:Kind regards|Best regards|Warm regards|Many thanks|Thanks again|Regards|Sincerely"
    r"|Best wishes|All the best|Cheers|Thanks|Best),?\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2}\.?$"
)
# Closing courtesies that ask nothing: a text message leaves them out.
_COURTESY = re.compile(
    r"^(?:Thank you for your time|Thanks again|Many thanks|I'm keen|I am keen|I look forward|Looking forward|I remain)"
)
# Formal phrases and their everyday form, for a less formal version.
_CASUAL_WORDS = {
    "I am": "I'm",
    "I would": "I'd",
    "I will": "I'll",
    "you are": "you're",
    "it is": "it's",
    "do not": "don't",
    "cannot": "can't",
    "that is": "that's",
    "there is": "there's",
    "we are": "we're",
    "Thank you again": "Thanks again",
    "Thank you for": "Thanks for",
}
# Words a "remove the line about ..." request uses that say nothing about which line.
_FILLER = frozenset(
    "the a an my your their his her line lines sentence part bit question mention paragraph about on that this "
    "where which when what they them it is are was be to of in for and or with asking saying says i you me please "
    "pls plz also just one bit thing stuff".split()
)
# A topic named without a verb ("the coffee chain rebrand", "our chat about Blender"): it needs a sentence around it.
_TOPIC = re.compile(r"(?i)^(?:the|our|my|their|your|his|her|that|this|how)\b")
_VERB = re.compile(
    r"(?i)\b(?:i'm|i'd|i've|i'll|you'd|you're|is|are|was|were|am|be|been|have|has|had|will|would|can|could"
    r"|should|do|does|did|want|wanted|hope|sounds?|looks?|seems?|feels?|means|lists|shows|makes|fits|works|needs"
    r"|includes|matters|helps|sounded|looked|seemed|felt)\b"
)
# "the rebrand we talked about": said again by the sentence the topic is put in.
_TALKED_ABOUT = re.compile(r"(?i)\s+(?:that\s+)?(?:we|you and i|he|she|they)\s+(?:talked|spoke|chatted)\s+about$")
# Words that name a tone, not a line ("drop the pressure stuff"): the sentences the review flags go.
_TONE_WORDS = frozenset("pressure pressuring pushy demanding demands angry rude impatient deadline ultimatum".split())
# "a sentence about leading the migration", "about the kafka work": a point named by its topic.
_ABOUT_TOPIC = re.compile(
    r"(?i)^(?:(?:a|one|another) (?:line|sentence|note|bit|point) )?(?:about|on|re) "
    r"(?!(?:how|what|why|when|whether|if|that)\b)(.+)$"
)
# "the second thank-you sentence", "the last line": which of the sentences named.
_ORDINALS = {"first": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "last": -1, "final": -1}
# A sentence that asks the reader something: what "keep just the team question" chooses among.
_ASKING = re.compile(
    r"(?i)\?\s*$|\b(?:could you (?:tell|let|share)|I'd (?:also )?like to ask|I wanted to ask|I was wondering)\b"
)
# The words of a request left before the line itself: "a line:", "one more sentence at the end saying".
_INSTRUCTION = re.compile(
    r"(?i)^(?:(?:a|one|another|this)\s+(?:more\s+|last\s+|final\s+)?(?:short\s+)?(?:line|sentence|note|bit)\s*)?"
    r"(?:(?:at|to)\s+the\s+(?:very\s+)?(?:start|beginning|top|end|bottom)\s*)?(?:saying\s+|that says\s+|:\s*)"
)
# The user's reason for a line, told to the coach: "so she knows which slot", "so they can find me".
_PURPOSE = re.compile(r"(?i),?\s+so (?:that )?(?:she|he|they|them|the \w+) (?:knows?|can|will|has|have|sees?)\b.*$")
# The user's reason for a line about how the draft reads: "the snowstorm so it doesn't sound random". The topic
# before it is why the draft asks what it asks.
_READS_AS = re.compile(
    r"(?i),?\s+(?:so|because|since|as|otherwise|or else)\s+(?:that\s+)?(?:it|this|that|the (?:email|note|message|draft|"
    r"request|ask|question|switch|change|\w+ request))"
    r"(?:'s|s| is| does| doesn'?t| does not| won'?t| will not| wont| isn'?t| is not| would| might| may)?\s*"
    r"(?:not\s+)?(?:sound|seem|look|read|come across|feel|be|makes? sense|out of|weird"
    r"|random|odd|strange|abrupt|awkward|confusing|clear|obvious)\b.*$"
)
# Words said to the coach about the draft, left in a line after the rest is cleaned: the line isn't one to paste.
_TO_COACH = re.compile(
    r"(?i)\b(?:so (?:that )?(?:it|this) (?:does|doesn|won|isn|is|sounds?|looks?|seems?|reads?)"
    r"|(?:it|this) (?:doesn'?t|does not|won'?t|isn'?t|is not) (?:sound|look|seem|read|come across)"
    r"|(?:in|into|to) (?:the|this|my|that) (?:email|draft|note|message)\b"
    r"|(?:can|could|would|will) you (?:add|mention|put|include|say|write|make|fix|change)\b"
    r"|make (?:it|this|that) (?:sound|look|seem|read)\b"
    r"|^(?:why|how|what|when|where|which|who) (?:i|we|they|he|she|it)\b(?![^?]*\?))"  # "Why I want video.": a topic
)
# "please", "pls", "thanks" closing the user's words: said to the coach, not to the reader.
_POLITE_END = re.compile(r"(?i)[\s,]*\b(?:please|pls|plz|thanks|thank you|thx|ty)\W*$")
# A line quoted whole, with or without "the sentence" before it: 'the sentence "Sophie Grant suggested I connect.'
_QUOTED_LINE = re.compile(
    r"(?i)^(?:(?:the|this|that|a|my)\s+(?:sentence|line)\s*:?\s*)?[\"\u201c'\u2018](.{3,}?)[\"\u201d'\u2019]?"
    r"(?:\s+back(?:\s+in)?)?\s*$"
)
# A second instruction inside the words of a line: "I'm AWS certified, and say I'm still very interested".
_ALSO_SAY = re.compile(
    r"(?i),?\s+(?:and|also|plus)\s+(?:also\s+)?(?:say|mention|add|tell (?:her|him|them))(?:\s+that)?\s+(?=\S)"
)
# A favour asked of the reader: "asking mrs porter to pass my thanks on", "ask her to forward my portfolio".
_ASK_TO_DO = re.compile(
    r"(?i)^ask(?:ing)?\s+(?!(?:for|about|if|whether|when|what|how|who|where|which)\b)"
    r"(?:(?:mr|mrs|ms|miss|mx|dr|prof)\.?\s+)?[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?\s+"
    r"(?:if (?:she|he|they) could\s+|to\s+)(.+)$"
)
# Someone other than the reader named in a line: "he" and "she" in it may be them.
_SOMEONE_ELSE = re.compile(
    r"(?i)\bmy (?:former |old |previous |last |current )?(?:manager|boss|colleague|friend|referee|reference|mentor"
    r"|supervisor|lead|professor|teacher|partner|wife|husband|recruiter)\b"
)
# "the portfolio question (print vs iPad)": a question between two things.
_CHOICE_QUESTION = re.compile(
    r"(?i)^(?:the|my|a|one)\s+(.{2,40}?)\s+question\s*\((.+?)\s+(?:vs\.?|versus|or)\s+(.+?)\)$"
)
# Contractions typed without their apostrophe that are no other word ("were", "ill", "id" are left alone).
_CONTRACTIONS = {
    "im": "I'm",
    "ive": "I've",
    "youre": "you're",
    "youve": "you've",
    "theyre": "they're",
    "theyve": "they've",
    "weve": "we've",
    "dont": "don't",
    "didnt": "didn't",
    "doesnt": "doesn't",
    "isnt": "isn't",
    "wasnt": "wasn't",
    "cant": "can't",
    "couldnt": "couldn't",
    "wouldnt": "wouldn't",
    "shouldnt": "shouldn't",
    "arent": "aren't",
    "werent": "weren't",
    "havent": "haven't",
    "hasnt": "hasn't",
}
_NO_APOSTROPHE = re.compile(r"(?i)(?<![\w'])(?:" + "|".join(_CONTRACTIONS) + r")(?![\w'])")
_WEEKDAYS = (
    r"(?i)\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|june|july|august|september"
    r"|october|november|december)\b"
)


def _paragraphs(text: str) -> List[str]:
    """The blocks of a draft (subject, greeting, body paragraphs, sign-off)."""
    return text.split("\n\n")


def _regreet(text: str, word: str, situation: Situation | None = None) -> str:
    """The draft with its greeting as '<word> <name>,', on a line of its own or opening a one-line note.

    "Hi Ms. Lindqvist" becomes "Hi Sofia" when the reader's full name is known.
    """
    lines = text.split("\n")
    for index, line in enumerate(lines):
        match = _GREETING_LINE.match(line.strip()) or _GREETING_INLINE.match(line.strip())
        if match:
            name = first_name(match.group(1))
            known = [n for n in (situation.interviewer_name, situation.recruiter_name) if n] if situation else []
            if word != "Dear" and " " in name:  # "Hi Ms. Lindqvist": the first name when it is known
                untitled = [[w for w in n.split() if w.lower().rstrip(".") not in TITLES] for n in known]
                name = next(  # "Ms. Feldman" known as no more than that stays "Hi Ms. Feldman", never "Hi Ms.,"
                    (n[0] for n in untitled if len(n) >= 2 and n[-1].lower() == name.split()[-1].lower()), name
                )
            rest = line.strip()[match.end() :].strip() if match.re is _GREETING_INLINE else ""
            lines[index] = f"{word} {name}," + (f" {rest}" if rest else "")
            break
    return "\n".join(lines)


def _resign(text: str, closing: str) -> str:
    """The draft with its sign-off word replaced."""
    return "\n".join(closing if _SIGNOFF_LINE.match(line.strip()) else line for line in text.split("\n"))


def _shorter(text: str, words: str, situation: Situation) -> Tuple[str, str]:
    """The opening sentence and the request only; with a word limit ("under 60 words"), cut to fit it or say why not."""
    shorter, _ = restyle(text, "short")
    before, after = len(text.split()), len(shorter.split())
    limit = int(words) if words.isdigit() else 0
    if limit and after > limit:  # the opening alone may still be long: the request is what must stay
        shorter = _to_limit(shorter, limit)
        after = len(shorter.split())
    if after >= before:
        note = f"It is already as short as it can be with your facts kept ({before} words), so nothing was cut."
    else:
        note = f"A shorter version ({after} words instead of {before})."
    if limit and after <= limit:
        return shorter, note.rstrip(".") + f", within your {limit}-word limit."
    if limit:
        return shorter, note + (
            f" I can't get it under {limit} words without losing the greeting, the request or the sign-off: "
            "tell me which line to take out."
        )
    return shorter, note


def _to_limit(text: str, limit: int) -> str:
    """The draft with the body's middle sentences dropped (the first and the last asking one stay) while over limit."""
    paragraphs = _paragraphs(text)
    body = _body_paragraphs(paragraphs)
    sentences = [s for i in body for s in _sentences_of(paragraphs[i])]
    while len(sentences) > 2 and len("\n\n".join(paragraphs).split()) > limit:
        sentences.pop(-2)
        if body:
            paragraphs = paragraphs[: body[0]] + [" ".join(sentences)] + paragraphs[body[-1] + 1 :]
            body = body[:1]
    return "\n\n".join(paragraphs)


def _one_paragraph(text: str, words: str, situation: Situation) -> Tuple[str, str]:
    """The body's paragraphs joined into one; the greeting, subject and sign-off keep their own lines."""
    paragraphs = _paragraphs(text)
    body = _body_paragraphs(paragraphs)
    if len(body) < 2:
        return text, "The body is already one paragraph."
    joined = " ".join(paragraphs[i].strip() for i in body)
    merged = paragraphs[: body[0]] + [joined] + paragraphs[body[-1] + 1 :]
    return "\n\n".join(merged), f"The body is now one paragraph (it was {len(body)})."


def _formal(text: str, words: str, situation: Situation) -> Tuple[str, str]:
    """'Dear …', no contractions, 'Kind regards'."""
    formal, _ = restyle(text, "formal")
    return formal, "More formal: “Dear …” and no contractions."


def _casual(text: str, words: str, situation: Situation) -> Tuple[str, str]:
    """First-name greeting, contractions, a lighter sign-off; still polite."""
    casual = _regreet(text, "Hi", situation)
    for formal, everyday in _CASUAL_WORDS.items():
        casual = re.sub(rf"(?<![\w']){re.escape(formal)}(?![\w'])", everyday, casual)
    casual = _resign(casual, "Best,")
    return casual, "Less formal: a first-name greeting, contractions and a lighter sign-off (still polite)."


def _warmer(text: str, words: str, situation: Situation) -> Tuple[str, str]:
    """A friendlier greeting and opening line, and a warm sign-off."""
    warm = _regreet(text, "Hi", situation)
    paragraphs = _paragraphs(warm)
    body = _body_paragraphs(paragraphs)
    if body and "I hope" not in warm:
        opening = paragraphs[body[0]]
        greeting = _GREETING_INLINE.match(opening)  # a one-line note: the wish goes after its greeting
        at = greeting.end() if greeting else 0
        paragraphs[body[0]] = opening[:at] + "I hope you're having a good week. " + opening[at:]
    warm = "\n\n".join(paragraphs).replace("I enjoyed", "I really enjoyed")
    return _resign(warm, "Warm regards,"), "Warmer: a friendlier greeting and opening line, and a warm sign-off."


def _linkedin(text: str, words: str, situation: Situation) -> Tuple[str, str]:
    """No subject or Cc line, a first-name greeting, one paragraph, a short sign-off."""
    paragraphs = [p for p in _paragraphs(_regreet(text, "Hi", situation)) if not p.startswith(("Subject:", "Cc:"))]
    body = _body_paragraphs(paragraphs)
    greeting = [p for i, p in enumerate(paragraphs) if i < (body[0] if body else 0)]
    signer = paragraphs[-1].split("\n")[-1].strip() if paragraphs and "\n" in paragraphs[-1] else ""
    message = "\n\n".join(greeting + [" ".join(paragraphs[i] for i in body)] + [f"Best,\n{signer}" if signer else ""])
    message = message.strip()
    note = f"As a LinkedIn message: no subject line, a first-name greeting, one paragraph ({len(message)} characters)."
    if situation.branch == "pre_interview":
        note += " A note with a connection request allows 200 characters (300 with Premium): say “shorter” for that."
    return message, note


def _text_message(text: str, words: str, situation: Situation) -> Tuple[str, str]:
    """A short text: no subject or Cc line, the greeting and the body's facts and request on one line, first name."""
    message = _as_text(text, situation, short=False)
    if len(message) > TEXT_CHARS:  # still long: the opening sentence and the request only
        message = _as_text(restyle(text, "short")[0], situation, short=True)
    return message, f"As a text message: no subject line, one short paragraph ({len(message)} characters)."


def _as_text(text: str, situation: Situation, short: bool) -> str:
    """The draft on one line: greeting, body without its closing courtesies, '– first name'."""
    paragraphs = [p for p in _paragraphs(_regreet(text, "Hi", situation)) if not p.startswith(("Subject:", "Cc:"))]
    body = _body_paragraphs(paragraphs)
    greeting = paragraphs[0] if body and body[0] > 0 else ""
    signer = paragraphs[-1].split("\n")[-1].strip() if paragraphs and "\n" in paragraphs[-1] else ""
    sentences = [s for i in body for s in _sentences_of(paragraphs[i])]
    kept = [s for s in sentences if not _COURTESY.match(s)] or sentences
    text_body = " ".join(sentences if short else kept)
    if greeting and not re.match(r"I\b", text_body):  # "Hi Ruth, thank you for ...": one sentence runs on
        text_body = text_body[:1].lower() + text_body[1:]
    message = f"{greeting} {text_body}".strip()
    return message + (f" \u2013 {first_name(signer)}" if signer else "")


def _sentences_of(paragraph: str) -> List[str]:
    """The sentences of one paragraph."""
    return [s for s in _SENTENCE.split(paragraph) if s.strip()]


def _remove(text: str, words: str, situation: Situation) -> Tuple[str, str]:
    """Leave out the sentence(s) about what the user named, or the very words they quoted from the draft."""
    quoted = " ".join(words.split()).strip(" .?!")
    paragraphs = _paragraphs(text)
    body = _body_paragraphs(paragraphs)
    starting = next(  # "remove the sentence that starts with 'I'd also like to ask'": that whole sentence
        (s for i in body for s in _sentences_of(paragraphs[i]) if s.lower().startswith(quoted.lower())),
        None,
    )
    if starting and len(quoted.split()) >= 3 and len(starting.strip(" .?!")) > len(quoted):
        return _without(paragraphs, body, [starting])
    at = text.lower().find(quoted.lower()) if len(quoted.split()) >= 4 else -1
    if at >= 0:  # 'delete the sentence "I also have a question for the team there: ..."'
        end = at + len(quoted)
        end += len(re.match(r"[.?!]*\s*", text[end:]).group(0))
        paragraphs = [p.strip() for p in (text[:at] + text[end:]).split("\n\n")]
        return "\n\n".join(p for p in paragraphs if p), f"Taken out: “{_opening(quoted)}”"
    if len(quoted.split()) >= QUOTED_WORDS and words.strip()[-1:] in ".?!":  # a sentence quoted that isn't there
        return text, f"There's no line “{_opening(quoted)}” in this version, so nothing was taken out."
    words = re.sub(r"\s*\([^()]*\)", "", words)  # "the time (it's already confirmed)": an aside to me
    wanted = [w for w in re.findall(r"[a-z0-9']+", words.lower()) if w not in _FILLER] or words.lower().split()
    if _TONE_WORDS & set(wanted):  # "drop the pressure stuff": the sentences the review found pushy or angry
        pushy = [s for i in body for s in _sentences_of(paragraphs[i]) if pushy_or_angry(s)]
        for index in body:
            paragraphs[index] = " ".join(s for s in _sentences_of(paragraphs[index]) if s not in pushy)
        if not pushy:
            return text, "Nothing in this version puts pressure on them any more."
        result = "\n\n".join(p for p in paragraphs if p.strip())
        return result, "Taken out: " + " ".join(f"“{_opening(s)}”" for s in pushy)
    place = next((_ORDINALS[w] for w in wanted if w in _ORDINALS), None)
    wanted = [w for w in wanted if w not in _ORDINALS]
    every = [s for i in body for s in _sentences_of(paragraphs[i])]
    if place is not None and not wanted and re.search(r"(?i)\bparagraph\b", words) and len(body) > 1:
        if len(body) <= abs(place):  # "drop the second paragraph": that paragraph of the body, whole
            return text, f"This version has only {len(body)} paragraph(s) in its body, so nothing was taken out."
        gone = paragraphs[body[place]]
        result = "\n\n".join(p for i, p in enumerate(paragraphs) if i != body[place])
        return result, f"Taken out: the paragraph \u201c{_opening(gone)}\u201d"
    if place is not None and not wanted:  # "get rid of the last sentence": the one at that place in the body
        if len(every) <= abs(place):
            return text, f"This version has only {len(every)} sentence(s) in its body, so nothing was taken out."
        return _without(paragraphs, body, every[place : place + 1 or None])

    def score(sentence: str) -> int:
        found = re.findall(r"[a-z0-9']+", sentence.lower())
        return sum(any(f.startswith(w[:5]) or w.startswith(f[:5]) and len(f) > 3 for f in found) for w in wanted)

    # "the line about the timeline" for "a decision was expected": the line's own words count too ("timeline" alone
    # would take "Thank you for taking the time")
    wanted = list(dict.fromkeys(wanted + line_words(wanted)))
    scored = [(score(s), i, s) for i in body for s in _sentences_of(paragraphs[i])]
    best = max((s for s, _, _ in scored), default=0)
    if not wanted or best == 0:
        return text, f"There's no line about “{words.strip()}” in this version, so nothing else was taken out."
    removed = [s for points, _, s in scored if points == best]
    if place is not None and len(removed) > abs(place):  # "remove the second thank-you sentence": that one only
        removed = removed[place : place + 1 or None]
    return _keeping_request(paragraphs, body, removed)


def _keeping_request(paragraphs: List[str], body: List[int], removed: List[str]) -> Tuple[str, str]:
    """The draft without the given sentences, but a request joined to one stays ("…, so I wanted to ask …")."""
    joined = next((s for s in removed if _asking_clause(s) != s), None)
    if joined is None:
        return _without(paragraphs, body, removed)
    ask = _asking_clause(joined)
    text, _ = _without([p.replace(joined, ask, 1) for p in paragraphs], body, [s for s in removed if s != joined])
    gone = [joined[: len(joined) - len(ask)].rstrip(" ,;")] + [s for s in removed if s != joined]
    return text, "Taken out: " + " ".join(f"\u201c{_opening(s)}\u201d" for s in gone) + " (the request stays)."


def _without(paragraphs: List[str], body: List[int], removed: List[str]) -> Tuple[str, str]:
    """The draft without the given sentences of its body (of two identical ones, only one when one is named)."""
    left = list(removed)
    for index in body:
        kept = []
        for sentence in _sentences_of(paragraphs[index]):
            if sentence in left:
                left.remove(sentence)
            else:
                kept.append(sentence)
        paragraphs[index] = " ".join(kept)
    result = "\n\n".join(p for p in paragraphs if p.strip())
    return result, "Taken out: " + " ".join(f"\u201c{_opening(s)}\u201d" for s in removed)


def _kept_scorer(words: str) -> Tuple[List[str], Callable[[str], int]]:
    """The words naming what the user keeps, and how many of them a sentence or part of one matches."""
    wanted = [w for w in re.findall(r"[a-z0-9']+", words.lower()) if w not in _FILLER and w != "question"]

    def score(sentence: str) -> int:
        """How many of the wanted words the sentence matches (by their first five letters)."""
        found = re.findall(r"[a-z0-9']+", sentence.lower())
        return sum(any(f.startswith(w[:5]) or w.startswith(f[:5]) and len(f) > 3 for f in found) for w in wanted)

    return wanted, score


def _keep(text: str, words: str, situation: Situation) -> Tuple[str, str]:
    """Keep only the question the user named ("keeping just the team question"): the draft's other questions go."""
    wanted, score = _kept_scorer(words)
    paragraphs = _paragraphs(text)
    body = _body_paragraphs(paragraphs)
    asks = [s for i in body for s in _sentences_of(paragraphs[i]) if _ASKING.search(s)]
    top = max(asks, key=score, default="")
    best = score(top) if top else 0
    if not wanted or best == 0:
        return text, f"There's no question about \u201c{words.strip()}\u201d in this version, so nothing was taken out."
    others = [s for s in asks if score(s) < best]
    listed = _kept_of_list(top, score)  # "parking, what to wear, who's on the panel, and ...?"
    if listed:
        text = text.replace(top, listed, 1)
        if not others:
            return text, f"Kept only: \u201c{listed}\u201d"
        paragraphs = _paragraphs(text)
    if not others:
        return text, "That is already the only question in this version."
    return _without(paragraphs, body, others)


_LIST_LEAD = re.compile(
    r"(?i)^(?:could you (?:also |please )?(?:tell me|let me know)|i'?d (?:also )?like to (?:ask|know)|i wanted to ask"
    r"|i was wondering|may i ask|can you (?:also )?tell me)\s+(?:if\s+|whether\s+)?"
)


def _kept_of_list(sentence: str, score: Callable[[str], int]) -> str:
    """One sentence asking several things with only the ones the user keeps; '' when it lists nothing to drop."""
    items = [
        p
        for p in re.split(
            r",\s*(?:and\s+)?|\s+and\s+(?=(?:what|how|who|when|where|which|if|whether)\b)",
            sentence.strip().rstrip("?."),
        )
        if p.strip()
    ]
    kept = [p for p in items if score(p) > 0]
    if len(items) < 2 or not kept or len(kept) == len(items):
        return ""
    if items[0] not in kept:  # the lead went with the first question: "Could you also tell me" + the kept ones
        lead = _LIST_LEAD.match(items[0])
        if not lead:
            return ""
        opening = items[0][: lead.end()]
        if re.match(r"(?i)(?:what|how|who|when|where|which)\b", kept[0]):  # "tell me if" + "who else ..."
            opening = re.sub(r"(?i)(?:if|whether)\s+$", "", opening)
        kept[0] = opening + kept[0]
    joined = kept[0] if len(kept) == 1 else ", ".join(kept[:-1]) + " and " + kept[-1]
    return joined + "?"


def _keep_from(text: str, words: str, original: str) -> Tuple[str, str]:
    """The question the user keeps ("only keep the portfolio question") taken from the full draft, asked alone.

    A question listed with others ("ask a couple of things: the salary, ..., and what you'll look for in my
    portfolio?") comes back as its own sentence; the other questions of the draft go.
    """
    wanted, score = _kept_scorer(words)
    paragraphs = _paragraphs(original)
    asks = [s for i in _body_paragraphs(paragraphs) for s in _sentences_of(paragraphs[i]) if _ASKING.search(s)]
    parts = [
        p
        for s in asks
        for p in re.split(r"(?i)[:,;]\s*(?:and\s+)?|\s+and\s+(?=what|how|who|when|where|is|are|do|will)", s)
    ]

    best = max(parts, key=score, default="")
    if (
        not wanted
        or not best
        or score(best) == 0
        or not re.match(r"(?i)\s*(?:what|how|who|when|where|which|is|are|do|does|will|would|can|could)\b", best)
    ):
        return text, f"There's no question about \u201c{words.strip()}\u201d in this version, so nothing was taken out."
    question = best.strip(" .?!")
    question = question[:1].upper() + question[1:] + "?"
    current = _paragraphs(text)
    body = _body_paragraphs(current)
    others = [s for i in body for s in _sentences_of(current[i]) if _ASKING.search(s)]
    if others:
        text = _without(current, body, others)[0]
    return _insert(text, question)[0], f"Kept your question: \u201c{question}\u201d"


def _opening(sentence: str, words: int = 6) -> str:
    """The first words of a sentence, to say which one was meant."""
    parts = sentence.split()
    return sentence if len(parts) <= words else " ".join(parts[:words]) + "…"


def _to_reader(words: str) -> str:
    """The user's words about the reader ('thanking them', "she asked for") said to the reader ('thank you', "you")."""
    words = re.sub(r"(?i)^thanking (?:them|him|her|you)\b", "thank you", words)
    words = re.sub(r"(?i)^(?:to )?thank (?:them|him|her)\b", "thank you", words)
    asked = r"(?=about |whether |if |when |what |which |how |who |where )"
    words = re.sub(rf"(?i)^asking (?:them |him |her )?{asked}", "ask ", words)
    said = r"(?=(?:'d|'ve| had| have| said| mentioned| told| promised| expected)\b)"
    words = re.sub(rf"(?i)\b(?:she|he|they){said}", "you", words)
    if _SOMEONE_ELSE.search(words):  # "my old manager said he'd be a referee": he is not the reader
        return words
    if not _THEIR_OTHERS.search(words):  # "their move to Azure AD": the reader's organisation, said to them
        words = re.sub(r"\b(?:their|Their)\b", lambda m: "Your" if m.group(0)[0] == "T" else "your", words)
    return said_to_reader(words)


# People of the user's own whose "their" is not the reader's: "my references and their numbers".
_THEIR_OTHERS = re.compile(
    r"(?i)\b(?:references?|referees?|colleagues|friends|parents|customers|clients|users|students|patients|kids"
    r"|children|family|candidates|others|competitors)\b[^.?!]*\btheir\b"
)  # "the samples she asked for are attached": the reader is "you"


def question_line(question: str) -> str:
    """The coach's sentence asking about a practical detail ("parking": whether there is parking on site)."""
    return _environment().get_template("parts/question_line.j2").render(question=question).strip()


def added_sentence(words: str, question: str | None = None, thanks: bool = False) -> str:
    """The user's words as the sentences for the draft: a practical question in the coach's wording, or their own.

    A bare topic ("the coffee chain rebrand") becomes a sentence about it: in a thank-you, what the user enjoyed.
    A second instruction inside the words ("..., and say I'm still keen") becomes a sentence of its own.
    """
    words = _POLITE_END.sub("", " ".join(words.split()))  # "mention the role please": the please is said to me
    quoted = _QUOTED_LINE.match(words)
    if quoted:  # 'the sentence "Sophie suggested I connect."': the user's own sentence, as written
        line = quoted.group(1).strip()
        return line[:1].upper() + line[1:] + ("" if line[-1:] in ".?!" else ".")
    parts = [p for p in _ALSO_SAY.split(words) if p.strip()]
    if len(parts) > 1:
        return " ".join(added_sentence(p, question if i == 0 else None, thanks) for i, p in enumerate(parts))
    return _one_sentence(words, question, thanks)


def _one_sentence(words: str, question: str | None = None, thanks: bool = False) -> str:
    """One line the user asked for, as a sentence written to the reader."""
    words = re.sub(r"(?i)^(?:a|one|another|my)\s+question\s+(?=ask)", "", words.strip())  # "a question asking..."
    own = re.match(
        r"(?i)^(?:to\s+)?ask(?:ing)?\s+(?:them\s+|him\s+|her\s+)?(?:if|whether|what|which|when|where|how|who)\b", words
    )
    if question and not own:  # "my question about parking": the coach's wording; "asking if I need ID": the user's
        line = question_line(question)
        if line:
            return line
    choice = _CHOICE_QUESTION.match(words)
    if choice:  # "the portfolio question (print vs iPad)": the question, asked
        return f"I'd also like to ask about the {choice.group(1)}: {choice.group(2)} or {choice.group(3)}?"
    words = re.sub(r"\s*\((?![A-Z])[^()\d]*\)", "", " ".join(words.split())).strip(" ,;:")  # "(nicely)": to me
    words = _PURPOSE.sub("", words)  # "... so she knows which slot": why, said to me, not to the reader
    reason = _READS_AS.search(words)  # "the snowstorm so it doesn't sound random": why the draft asks what it asks
    words = _READS_AS.sub("", words)
    if reason and _TOPIC.match(words) and not _VERB.search(words):
        return f"I'm asking because of {words.rstrip('.?!')}."
    words = _INSTRUCTION.sub("", words)  # "one more sentence at the end saying ...": only what follows goes in
    about = _ABOUT_TOPIC.match(words)
    if about and re.match(r"(?i)^\w+ing\b", about.group(1)):  # "about leading the Snowflake migration"
        return f"I'd also like to mention my experience {about.group(1).rstrip('.?!')}."
    if about and not _VERB.search(about.group(1)):  # "a line about the kafka migration": a topic
        topic = _TALKED_ABOUT.sub("", about.group(1).rstrip(".?!"))
        return f"I especially enjoyed talking about {topic}." if thanks else f"I also wanted to mention {topic}."
    words = re.sub(  # "how excited i am about the role": "I am excited about the role"
        r"(?i)^(?:(?:a|one|another) (?:line|sentence|note|bit) )?(?:(?:about|saying|that says) )?how "
        r"((?:really |very |so |truly )?)(\w+) (i am|i'm|im|i was|i feel)\b",
        lambda m: (
            f"{'I was' if m.group(3).endswith('was') else 'I feel' if m.group(3).endswith('feel') else 'I am'} "
            f"{m.group(1)}{m.group(2)}"
        ),
        words,
    )
    lead = r"(?i)^(?:(?:a|one|another) (?:line|sentence|note|bit) )?(?:that says |saying |that |about how |how )"
    clause = re.match(lead, words)  # "that the site lists two offices": a clause, never a bare topic
    words = re.sub(r"(?i)^(?:(?:a|one|another) (?:line|sentence|note|bit) )?(?:about )?how much i\b", "I really", words)
    words = _to_reader(re.sub(lead, "", words))
    if re.match(r"(?i)^thank you\b", words):
        words = "Thank you" + words[len("thank you") :]
    if re.match(r"(?i)^ask (?:about|whether|if|when|what|which|how|who|where)\b", words):
        words = "I'd also like to " + words[:1].lower() + words[1:]
    elif not clause and _TOPIC.match(words) and not _VERB.search(words) and not re.match(r"(?i)^\w+ question\b", words):
        # "the coffee chain rebrand": a topic, not a sentence
        topic = _TALKED_ABOUT.sub("", words.rstrip(".?!"))
        words = f"I especially enjoyed talking about {topic}." if thanks else f"I also wanted to mention {topic}."
        if re.search(r"(?i)\b(?:role|position|job|opening|post)$", topic):  # "the UX Designer role": the interest
            words = f"I'm very interested in {topic}."
    asked = re.match(r"(?i)^(?:my|a|the|one|another)\s+question\s+(?:about|on|regarding)\s+(.+)$", words)
    if asked:
        return f"I'd also like to ask about {asked.group(1).rstrip('.?!')}."
    asked = re.match(r"(?i)^(?:my|a|the|one|another)\s+question\s+((?:whether|if|what|when|how|who|where)\b.+)$", words)
    if asked:
        return f"I'd also like to ask {asked.group(1).rstrip('.?!')}."
    asked = re.match(r"(?i)^(?:the|my|a|one)\s+(.+?)\s+question$", words) or re.match(
        r"(?i)^ask(?:ing)?\s+(?:them\s+|him\s+|her\s+)?(?:for|about)\s+(.+)$", words
    )
    if asked:  # "the parking question", "asking for feedback on my portfolio": a question to ask
        about = "for" if re.match(r"(?i)^ask\w*\s+(?:\w+\s+)?for\b", words) else "about"
        topic = asked.group(1).rstrip(".?!")
        topic = topic if about == "for" or re.match(r"(?i)(?:the|my|your|a|an)\b", topic) else f"the {topic}"
        return f"I'd also like to ask {about} {topic}."
    favour = _ASK_TO_DO.match(words)
    if favour:  # "asking mrs porter to pass my thanks on to ...": asked of the reader
        return f"Could you please {favour.group(1).rstrip('.?!')}?"
    words = _NO_APOSTROPHE.sub(_apostrophe, words)  # "im excited": "I'm excited"
    sentence = re.sub(r"(?<![\w'])i(?=[\s',.!?]|$)", "I", words)
    sentence = re.sub(_WEEKDAYS, lambda m: m.group(0).capitalize(), sentence)
    sentence = sentence[:1].upper() + sentence[1:]
    return sentence if sentence[-1:] in ".?!" else sentence + "."


def _apostrophe(match: re.Match[str]) -> str:
    """A contraction typed without its apostrophe ("im", "dont") with it put back, capitalised as typed."""
    word = match.group(0)
    fixed = _CONTRACTIONS[word.lower()]
    return fixed[:1].upper() + fixed[1:] if word[:1].isupper() else fixed


def _add(text: str, words: str, situation: Situation, at: str = "") -> Tuple[str, str]:
    """Put the user's line where asked: at the start of the body, at its very end, or before the closing courtesy."""
    key, _, own = words.partition("|") if "|" in words else ("", "", words)
    if re.fullmatch(r"(?i)\W*(?:the|a|some|my)?\s*(?:thank[- ]?you|thanks|word of thanks|thank you note)\W*", own):
        if re.search(r"(?i)\b(?:thank|thanks|grateful)\b", text):  # "add the thank-you": there is one already
            return text, "It already thanks them."
        own = "thank you for your time"
    sentence = added_sentence(own, key or None, thanks=situation.goal == "thank_you")
    if _TO_COACH.search(sentence):  # "... so it doesn't sound odd" left in: words to me, not a line for the reader
        return text, ASK_EXACT_WORDS
    if sentence in text:  # "mention the link gives an error" when the draft already says so
        return text, "The draft already says that:"
    generic = question_line(key) if key else ""
    if generic and generic in text:  # the coach's question on that point: the user's own wording replaces it
        if sentence == generic:
            return text, "The draft already asks that:"
        sentence = sentence.replace("I'd also like to ask", "I'd like to ask")  # it takes the place of the other
        return text.replace(generic, sentence), f"Asked in your words: \u201c{sentence}\u201d"
    return _insert(text, sentence, at)


# Said instead of pasting words meant for the coach into the draft.
ASK_EXACT_WORDS = (
    "I couldn't turn that into a clean sentence for the reader, so the draft is unchanged. Tell me the exact words "
    "you'd like, for example: add \u201cGiven the forecast, could we switch to a video call?\u201d"
)


def _insert(text: str, sentence: str, at: str = "") -> Tuple[str, str]:
    """The draft with a sentence at the start of the body, at its very end, or before the closing courtesy."""
    paragraphs = _paragraphs(text)
    body = _body_paragraphs(paragraphs)
    if not body:
        return text, "I couldn't find where to put that line, so the draft is unchanged."
    if at == "start":  # "add a line at the start: ..."
        paragraphs[body[0]] = f"{sentence} {paragraphs[body[0]]}"
        return "\n\n".join(paragraphs), f"Added at the start: \u201c{sentence}\u201d"
    last = body[-1]
    signed = _INLINE_SIGNOFF.search(paragraphs[last])
    tail = [paragraphs[last][signed.start() :].strip()] if signed else []  # "… Best, Oliver": the name stays last
    sentences = _sentences_of(paragraphs[last][: signed.start()] if signed else paragraphs[last])
    at_end = at == "end" or not (len(sentences) > 1 and _CLOSING.match(sentences[-1]))
    place = len(sentences) if at_end else len(sentences) - 1
    paragraphs[last] = " ".join(sentences[:place] + [sentence] + sentences[place:] + tail)
    where = " at the end" if at == "end" else ""
    return "\n\n".join(paragraphs), f"Added{where}: \u201c{sentence}\u201d"


def _add_start(text: str, words: str, situation: Situation) -> Tuple[str, str]:
    """The user's line as the first sentence of the body."""
    return _add(text, words, situation, at="start")


def _add_end(text: str, words: str, situation: Situation) -> Tuple[str, str]:
    """The user's line as the last sentence of the body."""
    return _add(text, words, situation, at="end")


def _whole(old: str, new: str) -> str:
    """The new words for all of `old` when they name only its changed end.

    "'which planning software they use', shouldn't it be 'you use'?" changes "they use", not the whole phrase:
    two or three new words that end like a much longer old phrase and differ in their first word stand for that
    end only ("would let me contribute quickly" to "helps me contribute quickly" replaces the whole phrase).
    """
    olds, news = old.split(), new.split()
    if not 2 <= len(news) <= 3 or len(olds) - len(news) < 2:
        return new
    olds_f, news_f = [w.casefold() for w in olds], [w.casefold() for w in news]
    at = len(olds) - len(news)  # where the end the new words stand for starts
    if olds_f[at + 1 :] == news_f[1:] and olds_f[at] != news_f[0]:
        return " ".join(olds[:at] + news)
    return new


def _replace(text: str, words: str, situation: Situation) -> Tuple[str, str]:
    """Every "X" in the draft becomes "Y" ("change 'Tuesday' to 'Thursday'"), capitalised as the word it replaces."""
    old, _, new = words.partition("|")
    old, new = old.strip(), _whole(old.strip(), new.strip())
    pattern = re.compile(rf"(?i)(?<![\w']){re.escape(old)}(?![\w'])")
    compared = re.compile(rf"(?i)(?<![\w']){re.escape(old)}(er|est)(?![\w'])")
    if old and " " not in new and not pattern.search(text) and compared.search(text):
        # "say thrilled rather than keen" in "even keener to join": "even more thrilled to join"
        changed = compared.sub(lambda m: ("more " if m.group(1) == "er" else "most ") + new, text)
        return changed, f"Changed \u201c{compared.search(text).group(0)}\u201d to \u201cmore {new}\u201d."
    if not old or not new or not pattern.search(text):
        return text, f"There's no \u201c{old}\u201d in this version, so nothing was changed."

    def cased(match: re.Match[str]) -> str:
        return new[:1].upper() + new[1:] if match.group(0)[:1].isupper() else new

    return pattern.sub(cased, text), f"Changed \u201c{old}\u201d to \u201c{pattern.sub(cased, old)}\u201d."


REWORDINGS_FILE = Path(__file__).resolve().parents[1] / "knowledge" / "rewordings.yml"
# Words naming a line by its place: the opening is the body's first sentence, the ending its last.
_PLACES = {"opening": 0, "intro": 0, "introduction": 0, "start": 0, "ending": -1, "closing": -1, "end": -1}


class Rewording(Strict):
    """Another wording for a phrase of a draft's line."""

    from_: str = Field(alias="from", min_length=3)
    to: str = Field(min_length=3)


class Rewordings(Strict):
    """actions/knowledge/rewordings.yml."""

    rewordings: List[Rewording]


@lru_cache(maxsize=1)
def rewordings() -> Rewordings:
    """The rewordings table, read and checked once."""
    return load_checked(Rewordings, REWORDINGS_FILE)


def reworded(sentence: str) -> str:
    """The sentence with the first phrase the table words another way replaced (unchanged when none is there)."""
    found = next((r for r in rewordings().rewordings if r.from_ in sentence), None)
    return sentence.replace(found.from_, found.to, 1) if found else sentence


LINE_TOPICS_FILE = Path(__file__).resolve().parents[1] / "knowledge" / "line_topics.yml"


class LineTopic(Strict):
    """What users call a line, and the words the line itself holds."""

    said: List[str] = Field(min_length=1)
    line_words: List[str] = Field(min_length=1)


class LineTopics(Strict):
    """actions/knowledge/line_topics.yml."""

    line_topics: List[LineTopic]


@lru_cache(maxsize=1)
def line_topics() -> LineTopics:
    """The line topics table, read and checked once."""
    return load_checked(LineTopics, LINE_TOPICS_FILE)


def line_words(wanted: List[str]) -> List[str]:
    """The words a line holds for the words the user named it by ("timeline": "decision", "expected" ...)."""
    found = [
        word
        for topic in line_topics().line_topics
        if any(w[:5] == s[:5] for w in wanted for s in topic.said if " " not in s)
        or " ".join(wanted) in [s for s in topic.said if " " in s]
        for word in topic.line_words
    ]
    return list(dict.fromkeys(found))


def _named_sentence(sentences: List[str], words: str) -> str:
    """The sentence a request names: by its place ("the first line", "the ending") or by its topic ("about X")."""
    named = [w for w in re.findall(r"[a-z0-9']+", words.lower())]
    place = next((_ORDINALS.get(w, _PLACES.get(w)) for w in named if w in _ORDINALS or w in _PLACES), None)
    wanted = [w for w in named if w not in _FILLER and w not in _ORDINALS and w not in _PLACES]
    wanted = [w for w in wanted if w not in ("opening", "closing", "ending", "intro", "wording")]

    def score(sentence: str) -> int:
        found = re.findall(r"[a-z0-9']+", sentence.lower())
        return sum(any(f.startswith(w[:5]) or w.startswith(f[:5]) and len(f) > 3 for f in found) for w in wanted)

    if wanted and max(score(s) for s in sentences) > 0:
        return max(sentences, key=score)
    if place is not None and len(sentences) > abs(place):
        return sentences[place]
    return sentences[0]


def _reword(text: str, words: str, situation: Situation) -> Tuple[str, str]:
    """The line the user named ("the first line", "the bit about my experience") put another way, its facts kept."""
    paragraphs = _paragraphs(text)
    sentences = [s for i in _body_paragraphs(paragraphs) for s in _sentences_of(paragraphs[i])]
    if not sentences:
        return text, "I couldn't find that line in this version, so the draft is unchanged."
    target = _named_sentence(sentences, words)
    new = reworded(target)
    if new == target:
        return text, (
            f"I don't have another way to put \u201c{_opening(target)}\u201d. Tell me the words you'd like (for "
            "example \u201cchange 'keen' to 'excited'\u201d), or say \u201ctake out\u201d that line."
        )
    return text.replace(target, new, 1), f"Reworded: \u201c{_opening(new, 12)}\u201d"


def _sign(text: str, words: str, situation: Situation) -> Tuple[str, str]:
    """The draft is signed with the user's name when it is known; else say how to give it."""
    if situation.user_name:
        return text, f"Signed with your name, {situation.user_name}."
    return text, (
        "Tell me your own name to sign with (for example “sign it Alex Kim”) and I'll put it in; the sign-off is "
        "never the name of the person you write to or of another contact."
    )


def _rewrite(text: str, words: str, situation: Situation) -> Tuple[str, str]:
    """A rewrite with no change named: the user's own draft comes with the review's fixes made (see revise)."""
    return text, ""


def _own_shorter(text: str, words: str, situation: Situation) -> Tuple[str, str]:
    """The user's own draft already cut to its opening and question: only the note."""
    return text, f"A shorter version ({len(text.split())} words), with your opening and your question."


def _fresh(text: str, words: str, situation: Situation) -> Tuple[str, str]:
    """A fresh draft from the known facts instead of the user's own: the actions pick it; nothing to change here."""
    return text, ""


EDITORS: Dict[str, Callable[[str, str, Situation], Tuple[str, str]]] = {
    "own_shorter": _own_shorter,
    "shorter": _shorter,
    "one_paragraph": _one_paragraph,
    "formal": _formal,
    "casual": _casual,
    "warmer": _warmer,
    "linkedin": _linkedin,
    "text": _text_message,
    "remove": _remove,
    "keep": _keep,
    "add": _add,
    "add_start": _add_start,
    "add_end": _add_end,
    "replace": _replace,
    "reword": _reword,
    "sign": _sign,
    "rewrite": _rewrite,
    "fresh": _fresh,
}


def _retain(text: str, words: str, original: str) -> Tuple[str, str]:
    """The sentence of the full draft about what the user named ("keep the snowflake bit"), put back if it went."""
    wanted = [w for w in re.findall(r"[a-z0-9']+", words.lower()) if w not in _FILLER]
    paragraphs = _paragraphs(original)
    every = [s for i in _body_paragraphs(paragraphs) for s in _sentences_of(paragraphs[i])]

    def score(sentence: str) -> int:
        found = re.findall(r"[a-z0-9']+", sentence.lower())
        return sum(any(f.startswith(w[:5]) or w.startswith(f[:5]) and len(f) > 3 for f in found) for w in wanted)

    best = max(every, key=score, default="")
    if not wanted or not best or score(best) == 0:
        return text, f"There's no line about \u201c{words.strip()}\u201d to keep in this version."
    if best in text:
        return text, ""
    before = next((s for s in reversed(every[: every.index(best)]) if s in text), None)
    if before:  # back in its place: after the sentence it followed in the full draft
        return text.replace(before, f"{before} {best}", 1), f"Kept: \u201c{_opening(best)}\u201d"
    return _insert(text, best)[0], f"Kept: \u201c{_opening(best)}\u201d"


# The tone a template is rendered in for a style change (drafts.TONES), and what the change did.
TONE_OF_STYLE = {"warmer": "warm", "casual": "casual"}
TONE_NOTES = {
    "warmer": "Warmer: a first-name greeting, friendlier wording all the way through and a warm sign-off.",
    "casual": "Less formal: a first-name greeting, everyday wording all the way through and a lighter sign-off "
    "(still polite).",
}


def tone_of(edits: Sequence[Edit]) -> str:
    """The tone the coach's template is rendered in for these edits: "warm" beats "casual"; '' for the usual one."""
    kinds = {kind for kind, _ in edits}
    return next((TONE_OF_STYLE[k] for k in ("warmer", "casual") if k in kinds), "")


def apply_edits(
    text: str, edits: Sequence[Edit], situation: Situation, original: str | None = None, toned: bool = False
) -> Tuple[str, List[str]]:
    """The draft with each edit made in order (a part to keep last), and the note of each.

    `original` is the full draft a part to keep is taken from when the text given is already cut down. `toned`:
    the text is the coach's template already rendered in the tone of these edits (tone_of), so a tone change only
    says what changed; the user's own draft has no template, and its words are changed instead.
    """
    notes: List[str] = []
    full = original or text
    for kind, words in [e for e in edits if e[0] != "retain"] + [e for e in edits if e[0] == "retain"]:
        if toned and kind in TONE_NOTES:
            notes.append(TONE_NOTES[kind])
        elif kind == "retain":  # "keep the mention of Sophie and the GMP audits": each of them
            for part in [p for p in re.split(r"(?i),\s*|\s+and\s+(?:the\s+|my\s+)?", words) if p.strip()]:
                text, note = _retain(text, part, full)
                notes += [note] if note else []
        elif kind == "keep" and full != text and _keep(text, words, situation)[0] == text:
            text, note = _keep_from(text, words, full)  # cut down already: the question is taken from the full draft
            notes.append(note)
        elif kind == "remove" and full != text and _remove(text, words, situation)[0] == text:
            removed, note = _remove(full, words, situation)  # cut down already: said as taken out if it was there
            notes += [note if removed != full else _remove(text, words, situation)[1]]
        elif kind in EDITORS:
            text, note = EDITORS[kind](text, words, situation)
            notes += [note] if note else []
    return text, notes


def cut_keeping_added(
    full: str, shown: str, made: Sequence[Edit], edits: Sequence[Edit], situation: Situation, toned: bool = False
) -> Tuple[str, List[str]]:
    """A cut asked after the user added lines: the draft is cut first, then their lines go back in.

    The note counts the words of the draft shown before and after (never the template's).
    """
    cuts = [e for e in edits if e[0] == "shorter"]
    text = apply_edits(full, cuts, situation, toned=toned)[0]
    text = apply_edits(text, [e for e in made if e[0] != "shorter"], situation, toned=toned)[0]
    text, notes = apply_edits(text, [e for e in edits if e[0] != "shorter"], situation, toned=toned)
    before, after = len(shown.split()), len(text.split())
    limit = next((int(w) for _, w in cuts if w.isdigit()), 0)
    if after >= before:
        note = f"It is already as short as it can be with your facts and your added lines kept ({before} words)."
    else:
        note = f"A shorter version ({after} words instead of {before}), with the lines you added kept."
    if limit and after > limit:
        note += f" That is still over {limit} words: tell me which line to take out."
    return text, [note] + notes


def fit_connection_note(text: str, edits: Sequence[Edit], limit: int) -> Tuple[str, str]:
    """A LinkedIn connection note kept within its character limit after a change of style, and what was done.

    A style ("more formal") that makes it longer is cut back to the opening and the request; a line the user
    added is never cut to fit: they are told the length instead and choose what goes.
    """
    if len(text) <= limit:
        return text, ""
    if any(kind.startswith("add") or kind in ("retain", "replace") for kind, _ in edits):
        return text, (
            f"That makes the note {len(text)} characters, over LinkedIn's {limit}-character limit for a connection "
            "note: say \u201cshorter\u201d or tell me which line to take out."
        )
    short = restyle(text, "short")[0]
    sentences = _sentences_of(short)
    while len(sentences) > 1 and len(" ".join(sentences)) > limit:
        sentences.pop()
    return " ".join(sentences), f"Cut to the opening to stay within LinkedIn's {limit}-character note limit."


def merge_edits(before: Sequence[Edit], new: Sequence[Edit]) -> List[Edit]:
    """The edits kept for the next rendering: every line change adds up; a new style replaces the one it undoes."""
    kept = list(before)
    for kind, words in new:
        kept = [(k, w) for k, w in kept if k not in CONFLICTS.get(kind, ()) and not (k == kind and kind in STYLES)]
        if kind not in ("sign", "rewrite", "fresh"):
            kept.append((kind, words))
    return kept
