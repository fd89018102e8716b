"""Roles for the PERSON, ORG and DATE entities, and the dates spaCy's small model misses.

SpaCy finds names, organisations and dates but not what they are to the user. This component gives each
one a Rasa entity role, read from the words just before it (cue tables in entity_roles.yml):
- DATE: interview, decision, applied, follow_up, news (the day a rejection or offer came), today or other
  (another employer's offer deadline);
- TIME: interview, decision, other (a time asked for instead) or today (the user's clock: "it's already 7pm");
- PERSON: interviewer, recruiter or self, with a title kept in front ("Ms. Alvarez");
- ORG: company or agency.
It also adds the DATE spans people type that spaCy misses ("tmrw", "the 16th", "11/24", "next wed",
"end of next week", "before thanksgiving", "about a week ago"), and drops PERSON values that are never
people here ("Zoom", "HR"). `/model/parse` shows the roles; the action server's slots follow them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Set, Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_ROLE,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    INTENT,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from spacy.lang.en.stop_words import STOP_WORDS

from actions.engine.dates import WEEKDAY_PATTERN
from nlu_components.cue_tables import load_cues
from nlu_components.date_shapes import date_shape
from nlu_components.untrained import UntrainedComponent

CUES_FILE = Path(__file__).with_name("entity_roles.yml")
EXTRACTOR = "EntityRoles"
# Cues that only count right before the date ("by the 16th", "it's the 18th"), not a few words earlier
# ("by phone ... 12/1", "it's on thursday"): the most characters allowed between the cue and the date.
ADJACENT_ONLY = {
    **{"by": 6, "until": 6, "its": 1, "it's": 1, "it is": 1, "now is": 1, "today is": 1, "reach out": 8},
    **{"i'm": 2, "im": 2, "i am": 2, "this is": 2},  # "I'm Ana", not "I'm meeting Lucia Ferraro"
    # "my name is Aisha", not "my name is Aisha, I interviewed with Tom"
    **{"my name is": 3, "my name's": 3, "name's": 3, "my name": 3, "call me": 3, "me is": 3, "me =": 3, "me:": 3},
}
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_WEEKDAY = WEEKDAY_PATTERN  # the date reader's weekday words, mistyped ones too ("wedensday")
# Holidays the date reader knows (actions/engine/dates.py, _HOLIDAYS), and the year-end break as people name it.
_HOLIDAY = r"thanksgiving|christmas|xmas|new\s+year'?s?(?:\s+day|\s+eve)?|the\s+new\s+year"
_HOLIDAY_BREAK = r"(?:the\s+)?(?:holidays|holiday\s+season|holiday\s+break|winter\s+break|festive\s+season)"
_COUNT = r"(?:\d+|a|an|one|two|three|four|five|six|a couple(?: of)?|couple(?: of)?|a few|few|several)"
# Words of a date that spaCy ran a name on into ("Sarah Cole 3 days ago", "KPMG two weeks ago"): not the name.
DATE_TAIL = re.compile(rf"\s+(?:{_COUNT}\s+(?:days?|weeks?|months?|hours?)|yesterday|today|tomorrow|last|ago)\b.*$")
# A title right before a name spaCy took for an organisation ("with Mr O'Neil"): the name is a person's.
TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Herr|Frau)\.?\s+$")
# The rest of an employer's name joined by "and"/"&" that spaCy split off ("Marks and Spencer"), where the name ends.
JOINED_NAME = re.compile(
    r"\s+(?:and|&)\s+([A-Z][\w'\u2019-]+)"
    r"(?=['\u2019]s\b|\s+(?:with|for|on|in|at|last|this|yesterday|today|about)\b|\s*[.!?;]|\s*$)"
)
# The first part of an employer's name joined by "and"/"&" that spaCy left out ("at Wren and Finch": only "Finch").
JOINED_BEFORE = re.compile(r"\b(?:at|for)\s+([A-Z][\w'\u2019-]+)\s+(?:and|&)\s+$")
# The kind of body an employer is, said after its name in lower case ("the NHS trust", "Lloyds bank"): part of the
# name ("group" only after an acronym: "the BBC group", not "Acme group interview").
ORG_BODY = re.compile(r"\s+(trust|council|foundation|hospital|university|college|bank)\b")
ACRONYM_BODY = re.compile(r"\s+(trust|council|foundation|group|hospital|university|college|bank)\b")
# An office or site of the employer after its possessive ("Stripe's dublin office"): the name is without the "'s".
OWN_SITE = re.compile(
    r"(?i)['\u2019]s\s+(?:[\w-]+\s+){0,2}?(?:office|offices|branch|site|campus|hq|headquarters|store|warehouse|"
    r"plant|factory|location|team|depot|studio)\b"
)
# Date phrases spaCy's small model misses or cuts short; the longest match at a place wins.
# Words before a channel that say the user does not have it ("i dont have his email").
NO_CHANNEL = re.compile(
    r"\b(?:don'?t|do not|dont|no|without|never got|haven'?t got)\s+(?:have\s+|got\s+)?"
    r"(?:his|her|their|an?|the|any|anyone'?s|anybody'?s|someone'?s)?\s*$"
)


# The user's own question, said as what they want to ask: "I want to ask whether the team works in Kotlin",
# "my question is whether the take-home should be in Python", "asking if I should bring my portfolio".
OWN_QUESTION = re.compile(
    r"(?i)\b(?:(?:i|i'd|id)\s+(?:want|would like|'d like|like|need|wanna|was hoping)\s+to\s+(?:ask|know|find out|check)"
    r"|my question is|(?:so i can|to|and|just|(?:can|could|may|should) i)\s+ask(?:ing)?|asking)"
    r"(?:\s+(?:them|him|her|the\s+\w+(?:\s+manager)?|\w+))??\s*,?\s+"
    r"(?P<q>(?:whether|if|what|which|how|when|who|why|about)\b[^.?!\n]{6,140})"
)

# What the user wants a thank-you note to recall: "the strength is X", "we talked a lot about my X",
# "mention my experience with X".
STRENGTH = re.compile(
    r"(?i)(?:\b(?:the|my) (?:main |key |biggest )?(?:strength|skill)(?: to mention| we discussed)? ?"
    r"(?:is|was|:|=|-|,(?!\s*(?:which|what|how|i|idk|not|no|yes|ok|okay|lol|right|again)\b))"
    r"|\bwe (?:talked|spoke|chatted)(?: a lot| mostly| a bit| at length)? about(?: my)?|\bwe discussed(?: my)?"
    r"|\b(?:mention|bring up|highlight|emphasi[sz]e) my"
    r"|\b(?:replace|fill in|swap) (?:the )?\[?a strength you discussed\]? with:?"
    r"|\bfill (?:it|that|this|the (?:slot|blank|gap|placeholder|brackets?))(?: in| out)? with:?"
    r"|\[a strength you discussed\] ?(?:=|:|with|is(?! (?:still|there|here|left|showing|wrong|missing|empty)\b))"
    # "I have five years of experience in AML monitoring - please mention that": only when asked to mention it
    r"|\bi have (?:[\w-]+ )?(?:years? (?:of )?)?experience (?:in|with)"
    r"(?=[^.?!]*\b(?:mention|include|put|add|highlight)\b))"
    r"\s+(?:(?:experience|background|work) (?:in|with|on) )?(?P<s>[^.?!\n]{4,90})"
)
# Where the strength ends and the request to the coach begins: "..., can you use that", "... please".
STRENGTH_END = re.compile(
    r"(?i)\s*(?:,|\band\b|\bbut\b|\bso\b|\u2026)?\s*"
    r"\b(?:can|could|would|will|please|pls|plz|in the (?:note|email|draft)|that'?s|which is|it'?s|you (?:can|could|may)"
    r"|u can|feel free|i'?m|i am|im|my name(?:'s| is)|this is)\b"
    r"|\s*,\s*(?:and\s+)?(?:she|he|they|the \w+)\s+(?:seemed|seems|really|liked|loved|was|were|said|asked|looked)\b"
    # "AML transaction monitoring, I did that for 3 years": the user's own remark about it, said to the coach
    r"|\s*(?:,|\band\b|\u2014|-)\s*(?:and\s+)?i(?:'ve| have)?\s+(?:did|done|do|spent|worked|was|had|led|ran|used)\b"
)
# Questions for the coach ("I want to know if I can email her") or the status every check-in asks already.
NOT_OWN_QUESTION = re.compile(
    r"(?i)(?:if|whether) (?:i|we) (?:can|could|should|may|might|need to) (?:still |just |also )?"
    r"(?:email|message|contact|reach|call|text|send|write|follow|ask|check|ping|nudge|connect|thank|say|introduce|add|"
    r"approach|dm|greet|bring up|mention)\b"
    r"|about (?:my|the) (?:application|status|job|role|position|interview|candidacy|decision)\b"
    # a question for the coach about what to ask: "what to ask my recruiter", "what kinds of things I should ask her"
    r"|\bwhat (?:kinds? of |sort of )?(?:things? |questions? )?(?:to|i should|should i|i could|i can) ask\b"
)
# A question for the coach about the outreach itself, or about pay (which stays out of any note): never one to
# put in the draft ("whether a THIRD follow up is too much", "about a thank you note", "what the salary range is").
ABOUT_THE_OUTREACH = re.compile(
    r"(?i)\b(?:thank[- ]?you|thanks? note|follow[- ]?ups?|salary|pay|compensation|benefits|wages?|the email|my email|"
    r"this email|the note|my note|this note|the message|my message|tone|too much|too late|too soon|pushy|weird|rude|"
    r"annoying|appropriate|a good idea|ok to|okay to|going on|happening|any news|any updates?|an update|the status|"
    # "can I ask her what's going on?", "could I ask where things stand": the status check itself, no question of theirs
    r"hear back|heard back|where (?:things|i|it) stands?)\b"
)
# Where the question ends and the user's reasons or a remark on the wait begin ("... they use so i can brush up",
# "whether they've decided, it's been almost two weeks now").
OWN_QUESTION_END = re.compile(
    r"(?i)\s+(?:so (?:that )?i\b|because\b|since\b|but\b|or should\b)"
    r"|,\s*(?:but|and|so|as|it(?:['\u2019]s|\s+has)\s+been|i(?:['\u2019]ve|\s+have)\s+(?:been|waited))\b"
)


# An employer typed in lower case right after what the user does there: "the recruiter at acme", "a warehouse
# job at costco", "my interview with globex" (one word; the words in not_lowercase_employers never are one).
LOWERCASE_EMPLOYER = re.compile(
    r"\b(?:job|jobs|interv(?:ie|e|ei)w(?:ed|ing)?|role|position|recruiter|hr|manager|spot|opening|gig|"
    r"internship|offer|application|applied|rejected|declined|turned down)\s+(?:at|with|from)\s+"
    r"([a-z][a-z0-9&'-]{2,})\b(?![-'])"
)


# A name right after these is a place of work, not a person: "a startup called Lumora", "a 40-person startup,
# Brightline AI", "a tiny startup (Quillstack)".
CALLED_PLACE = re.compile(
    r"(?i)\b(?:company|startup|start-up|firm|agency|business|shop|store|restaurant|cafe|bakery|hospital|clinic|"
    r"school|bank|studio|practice|place|brand|charity|nonprofit|non-profit)(?:\s+(?:called|named)\s+|\s*[,(]\s*)$"
)
# The user's own name said after "my name" and "it's": "put my name on it, its Marco Ricci".
MY_NAME_ITS = re.compile(r"\bmy (?:full )?name\b[^.?!]{0,25}\b(?:it's|its|it is)\s*$")
# The same name spaCy missed: "put my name on it, its Halima Yusuf".
OWN_NAME_ITS = re.compile(
    r"(?i:\bmy (?:full )?name\b[^.?!]{0,25}\b(?:it['\u2019]s|its|it is)\s+)"
    r"(?P<n>[A-Z][a-z]+(?:['\u2019-][A-Z]?[a-z]+)?(?:\s+[A-Z][a-z]+(?:['\u2019-][A-Z]?[a-z]+)?)?)(?=\s*(?:[,.;:!?)]|$))"
)
# A capitalised name opening the message, then "here": the user's own ("hi, Priya here -"), spaCy found or not.
HERE_NAME = re.compile(r"(?i:\W*(?:(?:hi|hey|hello|hiya|morning)\W+)?)(?P<n>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+here\b")
# The user's own name opening the message, then "here": "Omar here.", "hi, Priya here -".
SELF_HERE = re.compile(r"\s+here\b\s*(?:[.,!:;-]|$)")
OPENING = re.compile(r"(?i)\W*(?:(?:hi|hey|hello|hiya|morning)\W+)?")
# A name said to be the user's own after it: "Souza is MY name", "Beatriz Souza is me", "that's my name".
OWN_NAME_AFTER = re.compile(
    r"(?i)\s+(?:is|'s|’s|=)\s+(?:actually\s+)?(?:my\s+(?:own\s+)?(?:last\s+|first\s+|sur)?name|me)\b"
)
# "you forgot my name, its", "my name btw -": the words right before the user's own name, with a comma or "btw"
# between that the self cues ("my name is") don't allow.
OWN_NAME_BEFORE = re.compile(r"(?i)\bmy (?:full |real |own )?name\W*(?:(?:is|it's|its|it is|was|btw|=|:)\W*)*$")
# A capitalised first name right before the part spaCy found, after the user's own name cue: "name's Beatriz Souza".
# A capitalised word after a lower-case word right before a one-word name spaCy found ("his deputy Aoife Byrne")
FIRST_NAME_MISSED = re.compile(r"[a-z,]\s(?P<f>[A-Z][a-z'-]+)(?P<gap>\s+)$")
OWN_NAME_FIRST = re.compile(
    r"(?i:\b(?:my\s+name\s+is|my\s+name'?s|name'?s|name\s+is|i'?m|i\s+am|sign(?:ed)?(?:\s+it)?(?:\s+as)?))"
    r"\s+(?P<f>[A-Z][a-z'-]+)(?P<gap>\s+)$"
)
# A capitalised name right after the user's own cue that spaCy missed: "i'm Ana, my interview ...", "I'm Ana and ...".
_CAP_WORD = r"[A-Z][a-z]+(?:['\u2019-][A-Z]?[a-z]+)?"
OWN_NAME_CAPITALISED = re.compile(
    r"(?<![\w'\u2019])(?i:i['\u2019]?m|i am|my name is|my name['\u2019]s|name['\u2019]s)\s+"
    rf"(?P<n>{_CAP_WORD}(?:\s+{_CAP_WORD})?)(?=\s*(?:[,.;:!?)]|$|\s+(?:and|from|here|btw)\b))"
)
# Words a lower-case name may be followed by without being part of it: "my name's tom btw", "im jess lol".
NAME_FILLERS = (
    r"(?:btw|lol|haha|hehe|here|again|thanks|thx|ty|pls|please|by the way|fyi|bye|then|instead"
    r"|tbh|idk|imo|ngl|omg|smh|lmao|jk|honestly|tho|though)"
)
_LOW = rf"(?!{NAME_FILLERS}\b)[a-zà-öø-ÿ][a-zà-öø-ÿ'-]{{1,}}"
# Lower-case names introduced casually, where only a name fits in that place: "im priya", "i'm jess ramirez,"
# ("s" is the user), "the recruiter is nina", "its with lena hoffmann", "with lena hoffmann, a recruiter at ...".
CASUAL_NAMES = re.compile(
    rf"(?:(?<![\w'’])(?i:im|i['’]m|i am|sign(?:ed)? (?:it |off |the (?:email|note) )?(?:as|with)|sign it|signed)"
    rf"\s+(?P<s>{_LOW}(?:\s+{_LOW})?)"
    rf"|\b(?i:(?:(?:my|the|our|your)\s+)?(?:recruiter|reruiter|recuiter|recrutier|interviewer|hiring manager|contact"
    rf"|manager|hr person|hr contact)"
    # "the recruiter who set it up was jenna kwan"
    rf"(?:['’]s name|\s+who\s+[a-z' ]{{1,30}}?)?\s+(?:is|was|['’]s|will be|=))\s+"
    rf"(?:(?:named|called)\s+)?(?!(?:named|called)\b)(?P<q>{_LOW}(?:\s+{_LOW})?)"
    rf"|\b(?i:it['’]s|its|it is|it was|it['’]ll be|call is|screen is|interview is|meeting is)\s+(?:with|w/|w)\s+"
    rf"(?P<w>{_LOW}(?:\s+{_LOW})?)"
    rf"|\b(?:with|w/)\s+(?P<a>{_LOW}\s+{_LOW})(?=\s*,\s*(?:a|an|the|my|our|who|who's|whos|she|he|she's|he's|shes|hes|her|his)\b)"
    # "the guy interviewing me, hes raj patel at Quillon": a first and last name after "he's"/"she's"
    rf"|(?<![\w'’])(?i:he['’]?s|she['’]?s|he is|she is)\s+(?P<h>{_LOW}\s+{_LOW}))"
    rf"(?=\s*(?:[,.;:!?)]|$|\s+(?:and|from|at|btw|lol|haha|here|by the way|fyi|but|who|so)\b))"
)
# "her name is", "his name's", "their name:": the name that follows is someone else's, never the user's.
OTHERS_NAME = r"(?:her|his|their)\s+name(?:'s|\s+is)?\s*:?"
# Endings of words that describe a person rather than name one: "im nervous", "the recruiter is lovely".
NOT_NAME_ENDINGS = ("ed", "ing", "ous", "ful", "able", "ible", "less", "ish")
# A name typed in lower case right after saying whose it is: "interviewer = sophie turner", "me: ben walsh",
# "my name is ben walsh", "my name is j. okafor" (an initial first), "her name is kara".
LOWERCASE_NAMED = re.compile(
    r"(?i:\b(?:(?:interviewer|recruiter|hiring manager|manager|me)\s*[=:]|(?:my|her|his|their) name(?:\s+is|'s)?"
    r"|(?:manager|manger|recruiter|interviewer|director|lady|guy|woman|man|person|someone)\s+(?:named|called)"
    r"|(?:he|she)(?:'?s|\s+is)\s+(?:called|named)"
    r"|sign\s+(?:it|off|the (?:email|note|message))(?:\s+(?:as|with))?"
    r"|address(?:ed)?\s+(?:it|this|that|the (?:email|note|message|draft))\s+to"  # "address it to brenda then"
    r"|(?:recruiter|interviewer|hiring manager|contact)'s name\s+(?:is|was))\s*)"
    rf"(?P<p>(?:[a-z]\.\s?)?[a-z]{{2,}}(?:\s+(?!{NAME_FILLERS}\b)[a-z]{{2,}})?)\b(?=\s*(?:[,.;!?)]|$|\s+(?:and|from|at|{NAME_FILLERS})\b))"
    # "my recruiter is jake from kforce" (not "the hiring manager was lovely")
    r"|(?i:\b(?:(?:my|the|our)\s+)?(?:recruiter|interviewer|hiring manager|contact)\s+(?:is|was)\s+"
    r"(?:(?:named|called)\s+)?(?!(?:named|called)\b))"
    r"(?P<q>[a-z]{2,}(?:\s+[a-z]{2,})?)\b(?=\s+(?:from|at|with)\s)"
    # "the hiring manager was dana whitfield and im jordan lee": a first and last name, then the clause ends
    r"|(?i:\b(?:my|the|our)\s+(?:recruiter|interviewer|hiring manager|manager|contact)\s+(?:is|was)\s+"
    r"(?:(?:named|called)\s+)?(?!(?:named|called)\b))"
    r"(?P<r>[a-z]{2,}\s+[a-z]{2,})\b(?=\s*(?:[,.;!?)]|$|\s+(?:and|btw)\b))"
)
# The employer typed in lower case right after such a name: "the hiring manager is tom reyes at kinderly, ...".
LOWER_ORG_AFTER_NAME = re.compile(
    r"\s+(?:at|from)\s+(?:the\s+(?:hiring|hr|recruiting|talent|people)\s+team\s+(?:at|from)\s+)?([a-z][a-z0-9&'-]{2,}(?:\s+[a-z][a-z0-9&'-]{2,}){0,2}?)"
    r"(?=\s*(?:[,.;!?)]|$)|\s+(?:and|for|on|in|but|so|to|as|about|last|this|next|today|yesterday)\b)"
)
# A person named by their part in the story, in any case: "recruiter is called marco", "the recruiter's name is
# Grace Liu", "marco is the RECRUITER", "Raj Patel is the hiring manager" (group `r` is the part said).
# One capitalised word of a name, with an apostrophe or a hyphen inside ("O'Neil", "Jean-Luc", "McKay").
_NAME_WORD = r"[A-Z](?=['’-]?[a-z]|['’][A-Z])[a-z]*(?:['’-][A-Za-z][a-z]*|[A-Z][a-z]+)*"
# A first name and an optional surname, with its particles ("Pieter van der Berg", "Ana de la Cruz").
_NAME_PARTICLES = r"(?:van|von|der|den|de|del|della|la|le|di|da|du|dos|das|ter|ten|bin|al)"
NAME_PARTICLE = re.compile(_NAME_PARTICLES)
_PARTED_NAME = rf"{_NAME_WORD}(?:(?:\s+{_NAME_PARTICLES}){{0,2}}\s+{_NAME_WORD})?"
# The same with a title before it ("Dr Amara Lee", "Ms. Chen"): the title is part of the name, never its first name.
_TITLED_NAME = rf"(?:(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Herr|Frau)\.?\s+)?{_PARTED_NAME}"
PERSON_BY_PART = re.compile(
    r"(?i:\b(?P<r>recruiter|hiring manager|interviewer)(?:'s)?\s+(?:name\s+)?(?:is|was)\s+(?:called|named)\s+"
    r"|\b(?P<r2>recruiter|hiring manager|interviewer)(?:'s)?\s+name(?:\s+(?:is|was)\s+|\s*[:=]\s*))"
    rf"(?P<p>[A-Za-z][a-z'-]+(?:\s+{_NAME_WORD})?)(?![\w'’])"
    r"|(?i:\b(?:my|our)\s+(?P<r5>contact)(?:\s+(?:there|at\s+the\s+agency))?\s+(?:is|was)\s+)"
    rf"(?P<t>{_TITLED_NAME})(?![\w'’])"
    r"|(?i:\b(?:(?:my|the|our)\s+)?(?P<r4>recruiter)\s+)(?!(?:is|was|has|had|hasnt|hadnt|isnt|wasnt|did|didnt|does|doesnt|will|would|should|could|can|cant|just|also|then|still|never|already)\b)(?P<s>[a-z][a-z-]+)(?![\w'])(?=\s+(?:said|says|told|emailed|called|rang|"
    r"mentioned|promised|thinks|reckons|hasn'?t|has\s+not|never)\b)"
    r"|(?:^|(?<=[\s,.;!(]))(?P<q>[A-Za-z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?)(?i:\s+is\s+(?:the|my|our)\s+"
    r"(?P<r3>recruiter|hiring manager|interviewer))\b"
    # "my recruiter at adecco is Tasha", "my consultant from Hays is Priya Shah": the agency between part and name
    r"|(?i:\b(?:my|the|our)\s+(?P<r6>recruiter|consultant|contact)\s+(?:at|from|with)\s+[\w&.'-]+(?:\s+[\w&.'-]+)?"
    rf"\s+(?:is|was)\s+)(?P<u>{_TITLED_NAME})(?![\w'’])"
    # "the recruiter is Dana, Chris is the hiring manager": the part first, then the capitalised name
    r"|(?i:\b(?:my|the|our)\s+(?P<r7>recruiter|hiring manager|interviewer)\s+(?:is|was)\s+(?:actually\s+)?)"
    rf"(?P<v>{_TITLED_NAME})(?![\w'’])"
)
# Words right before a name that make that person the one the draft is for: "email Owen", "address it to Owen",
# "this has to go to Owen", "an email to Owen Park", "write to Mia instead".
ADDRESSEE_CUES = (
    r"(?:\b(?:e-?mail|e-?mailing|message|messaging|write to|writing to|text|dm|ask|asking)"
    r"|\baddress(?:ed)?\s+(?:it|this|that|the (?:email|draft|note))\s+to"
    r"|\b(?:it|this|that|the (?:email|draft|note|message))\s+(?:has to |should |needs to |must )?(?:go|goes)\s+to"
    r"|\bsend\s+(?:it|this|that|the (?:email|draft|note))\s+to"
    r"|\b(?:an?|the|my|this)\s+(?:email|e-mail|note|message|draft)\s+(?:to|for)"
    r"|\b(?:draft|write)\s+(?:it|one|that)?\s*(?:to|for))"
)
ADDRESSEE = re.compile(rf"(?i){ADDRESSEE_CUES}\s+$")
# A capitalised first name right after such words, that spaCy may miss ("write the message to Nadia"): a person only
# when the conversation already knows that name (the action server checks).
ADDRESSED_NAME = re.compile(rf"(?i:{ADDRESSEE_CUES})\s+(?P<n>[A-Z][a-zà-öø-ÿ'’-]+)(?![\w'’])")
# A capitalised name right after the user's own name cue, whatever spaCy made of it: "name's Tomasz Wren".
SELF_NAMED = re.compile(
    r"(?i:\b(?:my\s+name\s+is|my\s+name'?s|(?<!her\s)(?<!his\s)name'?s|my\s+full\s+name\s+is))\s+"
    r"(?P<n>[A-Z][a-zà-öø-ÿ'’-]+(?:\s+[A-Z][a-zà-öø-ÿ'’-]+)?)(?![\w'’])"
)
# Words right before a time the user would like the interview moved to: "move it to 4pm", "reschedule for 10".
MOVED_TO = re.compile(
    r"\b(?:move|moved|moving|push|pushed|change|changed|reschedule|rescheduled|switch|shift)\s+"
    r"(?:it|the interview|the call|the time|this|that)?\s*(?:back\s+|forward\s+)?(?:to|for|till|until)\s+$"
)
# Words that follow "i am" / "name is" without being a name.
# (also how a person was, not who: "the hiring manager was super nice")
NOT_LOWERCASE_NAMES = frozenset(
    (
        "not",
        "no",
        "so",
        "very",
        "really",
        "just",
        "also",
        "still",
        "a",
        "an",
        "the",
        "and",
        "but",
        "wrong",
        "wrongly",
        "directly",  # "can i contact kpmg directly": the way to write, no surname
        "right",
        "correctly",
        "incorrectly",
        "earlier",
        "before",
        "again",
        "nice",
        "lovely",
        "great",
        "friendly",
        "kind",
        "super",
        "pretty",
        "rude",
        "cold",
        "late",
        "busy",
        "cool",
        "awesome",
        "helpful",
        "quite",
        "kinda",
        "sweet",
        "chill",
        "tough",
        "strict",
        "slow",
        "af",
        "bad",
        "good",
        "awful",
        "terrible",
        "useless",
        "amazing",
        "fine",
        "okay",
        "new",
        "hard",
        "weird",
        "annoying",
        "unresponsive",
        "ghosting",
        "lazy",
        "honestly",
        "literally",
        "totally",
        "always",
        "never",
        "too",
    )
)
# Words before a named goal that say it is done or not wanted: "I already sent my thank-you note", "not a thx note".
DONE_OR_UNWANTED = re.compile(
    r"(?:\b(?:sent|send|wrote|written|already|got|received|after)\b[^.?!]*|\bnot\s+(?:a|an|the|my|any)?\s*)$"
)
# What follows "ask the recruiter" when the user only puts one topic aside for the recruiter: "(I'll ask the
# recruiter about that)", "I'll ask the recruiter about it separately".
ASIDE_TO_RECRUITER = re.compile(r"\s*(?:\)|about\s+(?:that|it|this|those|the rest)\b|myself\b|separately\b|later\b)")
# Words before an edit that make it the user's own plan: "I'll cut it down", "i can make it shorter myself".
OWN_PLAN = re.compile(
    r"\bi(?:'ll|\s+will|\s+can|\s+could|\s+might|'m going to|\s+am going to|'m gonna|\s+gonna)\s+(?:\w+\s+){0,2}$"
)
# A public employer spaCy's small model misses: "the City of Portland", "County of Marin".
PUBLIC_EMPLOYER = re.compile(r"\b((?:City|County|State|Town|Village|Port|Department) of(?: [A-Z][\w'-]+){1,3})")
# A date right after these is when something said before it happened: "..., and that was about a week ago".
THAT_WAS = re.compile(
    r"\b(?:that|which|this)\s+(?:was|were)\s+(?:about\s+|around\s+|roughly\s+|like\s+|nearly\s+|almost\s+|over\s+)?$"
)
# A surname typed in lower case after a title, where only a person fits: "my interview with mr whitaker", and a
# full name after a doctor's or professor's title: "the lead, dr. anita shah", "prof ian cole and two others".
# ("with dr. amara nwosu for the research job": Dr. Amara Nwosu, greeted "Dear Dr. Nwosu")
LOWERCASE_TITLED = re.compile(
    r"(?<![\w'’])(?P<t>mr|mrs|ms|dr|prof)\.?\s+(?P<p>[a-z][a-z'-]{2,}"
    r"(?:\s+[a-z][a-z'-]{2,}(?=\s*(?:[,.;:!?)]|$)|\s+(?:and|at|from|who|to|for|about|on|in)\b))?)\b(?![-'’])"
)
# Two lower-case words after a talk with someone, where only a name fits: "my interview last tuesday (the 24th)
# with kofi mensah at ...", "a call yesterday with ines duarte, who ...".
LOWERCASE_WITH = re.compile(
    r"\b(?:interv(?:ie|e|ei)w\w*|met|meeting|spoke|speaking|talked|chat|chatted|call|screen\w*)"
    # only when-and-how words in between ("last tuesday (the 24th)"), not what was said ("a lot about X with Y")
    r"(?:\s+(?:last|this|next|on|in|today|yesterday|earlier|again|via|by|over|phone|video|zoom|teams|person|the|a|an|"
    r"first|second|final|round|call|morning|afternoon|evening|tonight|week|just|tomorrow|tmrw|at|noon|"
    r"\d{1,2}(?::\d{2})?\s?(?:am|pm)|"  # "interview tmrw at 10am with lena ross"
    # "my interview like an hour ago w/ sarah kim at dataforge"
    r"like|about|around|ago|hour|hours|minutes|mins|couple|few|of|half|was|days|weeks|"
    r"\d{1,2}(?:st|nd|rd|th)?|[a-z]+day|\([^()]{0,20}\)|"
    # "interviewed at stripe last tues with sarah lee": the employer's one word, short weekdays
    r"(?<=\bat\s)[a-z][a-z0-9&'-]{2,}|mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun))*"
    r"\s+(?:with|w/)\s+(?P<p>[a-z][a-z'-]{1,}\s+[a-z][a-z'-]{1,})"
    r"(?=\s*(?:[,.;!?)]|$)|\s+(?:at|from|for|on|about|and|today|yesterday|last|this|next)\b)"
)
# A lower-case name set off after the person's part and their employer: "the hr lady from dhl, karen webb, gave ...".
LOWERCASE_PART_AT = re.compile(
    r"(?i:\b(?:hr|recruiter|manager|hiring manager|interviewer|director|lady|guy|woman|person|contact|consultant)"
    r"\s+(?:from|at)\s+[\w&.'-]+(?:\s+[\w&.'-]+)?)\s*,\s*(?P<p>[a-z][a-z'-]{1,}\s+[a-z][a-z'-]{1,})\s*(?=[,.;!?)]|$)"
)
# A lower-case name in brackets right after the person's part: "the adecco recruiter (marcus) said ...".
LOWERCASE_IN_BRACKETS = re.compile(
    r"(?i:\b(?:recruiter|consultant|interviewer|manager|contact|guy|lady|woman|man|person|rep))"
    r"(?:\s+(?:at|from)\s+[\w&.'-]+(?:\s+[\w&.'-]+)?)?\s*"  # "my agency recruiter at TekStaff (kevin)"
    r"\(\s*(?P<p>[a-z][a-z'-]{1,}(?:\s+[a-z][a-z'-]{1,})?)\s*\)"
)
# A lower-case name with the person's part in brackets: "sara lind (lead designer), tom ekberg (producer)".
LOWERCASE_BRACKETED = re.compile(
    r"(?:^|[:;,(]|\band\b|\bwith\b|\bw/)\s*(?P<p>[a-z][a-z'-]{1,}\s+[a-z][a-z'-]{1,})\s*"
    r"\((?:the\s+|a\s+|an\s+)?(?P<t>[a-z][a-z &/-]{1,30})\)"
)
# A lower-case name right after the person's part, where only a name fits: "the hiring manager mike on nov 10",
# "the ops manager dave rollins.", "the office manager jill. can u ...", "the partner i met was margaret chen".
LOWERCASE_AFTER_PART = re.compile(
    r"(?i:\b(?:the|my|our|their|his|her|ops|office|store|shift|hiring|practice|site|unit|nurse|area|floor|"
    r"department|team|general|branch|hr)\s+"
    r"(?:manager|mgr|recruiter|interviewer|supervisor|director|lead|owner|partner|boss|principal|coordinator|"
    r"contact|consultant|lady|guy|rep|person|woman|man)"
    r"(?:\s+(?:i|we)\s+(?:met|spoke\s+(?:to|with)|talked\s+to|interviewed\s+with|had)(?:\s+with)?\s+(?:was|is))?)\s+"
    r"(?P<p>[a-z][a-z'-]{1,}(?:\s+[a-z][a-z'-]{1,})?)"
    r"(?=\s*(?:[,.;!?)]|$)|\s+(?:on|at|from|and|who|in|about|for|to|if|but|so|said|says|told|emailed|called|"
    r"mentioned|asked|wrote|texted)\b)"
)
# A lower-case name after "it's" once a name is being spoken of: "i told you his name, its tom kessler".
LOWERCASE_NAME_ITS = re.compile(
    r"(?i:\bname\b[^.?!]{0,25}?[,:;-]?\s+(?:it'?s|its|it\s+is|it\s+was))\s+"
    r"(?P<p>[a-z][a-z'-]{1,}(?:\s+[a-z][a-z'-]{1,})?)(?=\s*(?:[,.;!?)]|$))"
)
# One lower-case name after "with", before "at"/"from" and a capitalised employer: "w/ sarah at Kinsey Dental",
# or before the job it was for: "with dominic for the data analyst role".
LOWERCASE_WITH_AT = re.compile(
    r"\b(?:with|w/)\s+(?P<p>[a-z][a-z'-]{1,}(?:\s+[a-z][a-z'-]{1,})?)\s+(?:(?:at|from)\s+(?=[A-Z])"
    r"|for\s+(?:the|a|an)\s+(?:[\w&/.-]+\s+){0,5}?(?i:role|job|position|post|opening|vacancy)\b)"
)
# Words after a part or "with" that are no name: "the hiring manager directly", "with people at Acme".
NOT_LOWERCASE_PEOPLE = {
    "people",
    "staff",
    "folks",
    "guys",
    "everyone",
    "anyone",
    "someone",
    "nobody",
    "tho",
    "though",
    "asap",
    "first",
    "only",
    "personally",
    "myself",
    "yourself",
    "himself",
    "herself",
    # "applying for nurse manager jobs and ...": the job, no one's name
    "jobs",
    "roles",
    "positions",
    "openings",
    "vacancies",
    "posts",
    "interviews",
    "candidates",
}
LATE_PATTERNS = (LOWERCASE_AFTER_PART, LOWERCASE_NAME_ITS, LOWERCASE_WITH_AT)
# A person and the employer typed in lower case after the interview: "interviewed w/ raj patel at twilio".
LOWERCASE_MET = re.compile(
    # "intervew tmrw with james at barclays", "a thank you note to tom baker at acme": typed fast, a day may come first
    r"\b(?:(?:interv(?:ie|e|ei)w\w*|met|spoke|talked|chatted)(?:\s+(?:on\s+)?[a-z]+day|\s+(?:tmrw|tmr|tomorrow|today|yesterday))?"
    r"\s+(?:with|w/|w)\s*|(?:note|email|e-mail|message|msg|thanks|thank you|thank-you|write|writing|wrote)\s+to\s+)"
    r"(?P<p>[a-z]{2,}(?:\s+[a-z]{2,})?)\s+(?:at|from)\s+"
    # "at elm street vets for...": up to three words of the employer, up to a word that starts what follows
    r"(?P<o>[a-z][a-z0-9&'-]{2,}(?:\s+(?!(?:for|on|in|about|and|last|this|next|yesterday|today|to|as|but|so|tonight)\b)"
    r"[a-z][a-z0-9&'-]{2,}){0,2}?)\b(?![-'])(?=\s*(?:[,.;!?]|$|\s+(?:for|on|in|about|and|last|this|next|yesterday|today|"
    # "at monzo 2 weeks ago", "at acme after my interview", "at corvex tonight"
    r"to|as|but|so|after|before|tmrw|tomorrow|tonight|a|an|is|was|went|\d+)\b))"
)
# The employer said outright: "the company is vantage point media", "and company is Globex".
COMPANY_IS = re.compile(
    r"(?i:\b(?:the\s+)?(?:company|employer|firm|practice|business|organi[sz]ation|hospital|school|library|clinic)"
    r"(?:\s+name)?(?:\s+(?:is|was|'s)\s+|,\s+it'?s\s+|,\s+it\s+is\s+|\s*[=:]\s*)(?:called\s+|named\s+|actually\s+)?"
    # "a startup called Pixelwise"
    r"|\b(?:an?|the)\s+(?:startup|start-up|company|firm|studio|business|shop|bakery|clinic)\s+(?:called|named)\s+)"
    r"(?P<n>[A-Za-z][\w&'.-]*(?:\s+(?:&\s+)?[A-Za-z][\w&'.-]*){0,3}?)"
    r"(?=\s*(?:[,.;!?)(]|$|\s+(?:and|but|not|so|for|with|spelled|spelt|like|btw|lol|haha|though|pls|please)\b))"
)
# "Ridgeback is the company", "Smile Studio is the practice".
COMPANY_FIRST = re.compile(
    r"(?P<n>[A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*){0,3})\s+is\s+the\s+"
    r"(?:company|employer|practice|firm|hospital|school|library|clinic|business)\b"
)
# A recruiter named right before an organisation: "my recruiter Amal Haddad at Morgan McKinley", "the recruiter
# is Oskar from Reed" (the agency).
# ("my recruiter there is Brandon from TalentBridge": the agency, not the employer he lined up the interview with)
RECRUITER_AT = re.compile(
    r"(?i:\b(?:recruit(?:er|ers|ing consultant)|consultant)(?:\s+there)?(?:\s+(?:is|was)|'s)?),?"
    r"\s+[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?\s+(?:at|from)\s+$"
)
# Words right before an organisation that make it the employer whatever agency word comes before: "a job at X",
# "an agency put me forward to X".
JOB_AT = re.compile(
    r"\b(?:(?:job|position|role|opening|vacancy|interview(?:ed|ing)?)\s+(?:at|with)"
    r"|(?:put me forward|submitted me|sent me|placed me|put me up)\s+(?:to|for|at|with))\s*$"
)
# The employer's own HR right before a name: "deloitte's HR person (Laura Chen)", "the client's HR, Mia".
CLIENT_HR = re.compile(
    r"(?:\b(?!(?:agency|recruiter|recruiters|staffing)'s)[a-z&.-]+'s|\bclient'?s|\bcompany'?s|\bemployer'?s|\btheir)\s+"
    r"(?:hr|human resources|people team|talent team)(?:\s+(?:person|lady|guy|rep|manager|contact|team))?"
    r"\s*[,:(]?\s*\(?\s*$"
)
# Words before the people the user gives as references: "my references are ...", "referees: ...".
REFERENCES_NAMED = re.compile(r"(?i)\b(?:references?|referees?)\s*(?:is|are|will be|would be|:|=)\s")
# The employer's HR named by where they work: "the hr lady from dhl, karen webb" (group `o`: the employer).
CLIENT_HR_AT = re.compile(
    r"(?i)\b(?:hr|human resources|people team)(?:\s+(?:person|lady|guy|rep|manager|contact|team))?\s+(?:from|at)\s+"
    r"(?P<o>[\w&.'-]+(?:\s+[\w&.'-]+)?)\s*[,:(]?\s*\(?\s*$"
)
# Words right after an organisation that say it is the agency: "hudson is the agency, EY is the company".
AGENCY_SAID = re.compile(r"(?i)\s+is\s+(?:the|my|our)\s+(?:agency|recruit\w+ (?:agency|firm|company)|staffing\b)")
# An organisation said to be the agency, in any case: "hudson is the agency", "Harnham is my recruitment agency".
AGENCY_FIRST = re.compile(
    r"(?:^|(?<=[\s,.;!(]))(?P<n>[A-Za-z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,2})(?=\s+is\s+(?:the|my|our)\s+"
    r"(?:agency|recruit\w+ (?:agency|firm|company)|staffing\b))"
)
# An agency named right after the word: "it came through a recruitment agency, Harnham, my contact there is ...".
AGENCY_APPOSITION = re.compile(
    r"(?i:\b(?:agency|staffing firm|recruitment firm|recruiting firm|search firm))\s*[,(:]\s*"
    r"(?P<n>[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,2})(?=\s*[,.;)])"
)
# The agency said outright after the word: "the agency is Hudson", "the agency is called Aquent".
AGENCY_IS = re.compile(
    r"(?i:\b(?:the|my|our)\s+(?:recruitment\s+|recruiting\s+|staffing\s+)?agency(?:'s\s+name)?\s+(?:is|was|'s)\s+"
    r"(?:called\s+|named\s+|actually\s+)?)(?P<n>[A-Za-z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,2})(?=\s*(?:[,.;!?)]|$|\s+(?:and|not|btw)\b))"
)
# Words in an `agency` mention that make it one ("Apex Staffing", "a recruiter"; "Kelly Services" is not by name).
AGENCY_WORDS = re.compile(
    r"\b(?:staffing|recruit\w*|personnel|talent|temps?|search|agency|head ?hunt\w*|placements?)\b"
)
# Words right before an `agency` mention that make it the place the agency sent the user: "the interview at X".
CLIENT_CUE = re.compile(
    r"\b(?:interview(?:ed|ing)?|job|position|role|placed|placement|contract|shift|working)\s+(?:at|with|for)\s*$"
)
# Words right before a job title that say it is the role applied for ("the role is", "actually it's for").
ROLE_CUE = re.compile(
    r"\b(?:role|position|job|title|post|opening|it'?s|it is|it was|for)\b(?:\s+(?:is|was|name))?\s*(?:actually\s+)?"
    r"(?:an?\s+|the\s+)?$"
)
# Words right before an entity that say it is the wrong one ("not Jon", "isn't Helen", "not a quick screen"): the
# entity gets the role `negated`. How many characters before the entity are looked at, by entity type.
NEGATED = re.compile(
    r"\b(?:not|isn'?t|wasn'?t|no longer|instead of|rather than)\s+"
    r"(?:(?:with|at|by|via|on|over|through)\s+)?(?:an?\s+)?$"
)
# An agency said not to be there: "no agency", "no recruiter or agency", "NOT working with a staffing agency".
NO_AGENCY = re.compile(
    r"\b(?:no|not|never|without|isn'?t|wasn'?t|didn'?t (?:go|use|apply)|don'?t (?:have|use))\s+"
    r"(?:(?:working|going|applying|applied|using|through|via|with|from|an?|any|the)\s+){0,3}(?:\w+\s+or\s+)?$"
)
# An agency that is where the user works, not one handling this application: "my agency job", "I'm a copywriter at
# my agency", "I work at an ad agency", "a nursing agency where I work". Read on the words up to the mention's end.
OWN_AGENCY = re.compile(
    r"(?:\b(?:ad|advertising|creative|digital|marketing|design|branding|pr|media|real estate|estate|insurance|"
    r"government|federal|news|web|seo|social media|content|brand|ad-tech|adtech)\s+agency$)"
    r"|(?:\b(?:i|we)\s+(?:currently\s+)?(?:work|worked|am working|'m working)\s+(?:\w+\s+){0,2}?(?:at|for|in)\s+"
    r"(?:my|our|an?|the)\s+(?!(?:staffing|nursing|temp|temping|recruitment|recruiting|travel|healthcare|care|"
    r"employment|placement|talent|locum|supply)\s)(?:\w+\s+)?agency$)"
    r"|(?:\bi'?m\s+(?:an?\s+)?(?:\w+\s+){1,3}(?:at|for|in)\s+(?:my|our)\s+agency$)"
)
# ... and the words after "my agency" that make it the user's workplace: "my agency job", "my agency boss".
OWN_AGENCY_AFTER = re.compile(
    r"^\s*(?:job|work|gig|day job|boss|colleagues?|co-?workers?|office|salary|where i work|i work)\b"
)
NEGATION_WINDOW = {
    "PERSON": 12,
    "ORG": 12,
    "DATE": 12,
    "agency": 36,
    "interview_format": 20,
    "stage": 20,
    "channel": 12,
}
# Words near a date that make it (again) the interview's day, once that day is known: the interview named, or
# a correction ("actually it's on the 9th", "they moved it to friday").
INTERVIEW_DAY_CUE = re.compile(
    r"(?i)\b(?:(?:interview|intervew|interveiw|inteview|intreview|interivew|interviw|intrview)\w*|screen(?:ing)?|round|onsite|on-site|panel|met|meeting|spoke|talked|actually|moved|"
    r"rescheduled|changed|pushed|postponed|wrong|it was|is on|was on|it's on)\b"
)
# Words right before a practical detail that say the user has it already: "I already have the address though".
ALREADY_HAVE = re.compile(
    r"\b(?:already\s+(?:have|has|got|know)|i\s+(?:have|know|got)|i'?ve\s+got|they\s+(?:sent|gave me))\s+"
    r"(?:the\s+|their\s+|an?\s+|my\s+)?$"
)
# Where EntityRoles puts what the words around a DATE or ORG say about it (as Rasa's Duckling extractor does).
DATE_INFO = "additional_info"
# Words right before an organisation that name the employer (or agency) outright: "at X", "the company is X".
EMPLOYER_CUE = re.compile(
    r"\b(?:at|company(?: is| was|\s*[=:])?|employer(?: is|\s*[=:])?|firm(?: is)?|agency(?: is)?|join(?:ing)?|"
    r"works? for|called|named|"
    r"through|(?:recruiter|recruiters|someone|people|team|consultant) from|it'?s|is)\s*,?\s*$"
)
# Words right after an organisation that say it is the employer: "Ridgeback is the company".
EMPLOYER_AFTER = re.compile(
    r"\s+is\s+the\s+(?:company|employer|practice|firm|hospital|school|library|clinic|business)\b"
)
# The user says the recruiting is the employer's own: "the recruiter at Tessaly (in-house, not an agency)".
NOT_AGENCY = re.compile(
    r"(?i)\b(?:in[- ]house|not\s+(?:an?\s+|through\s+an?\s+|via\s+an?\s+|with\s+an?\s+)?"
    r"(?:staffing\s+|recruit(?:ing|ment)\s+)?agency|no\s+agency)\b"
)
# Words right before an organisation typed in lower case that make it one ("interviewed at target"); spaCy's
# other lower-case "organisations" are ordinary words ("ok fine ill wait till friday").
LOWER_ORG_CUE = re.compile(r"(?i)\b(?:at|with|w/|for|from|join(?:ing|ed)?|called|named|is|was|[=:])\s*$")
# Words right before the place of the job: "the role with globex", "a job at Acme".
JOB_PLACE = re.compile(r"(?i)\b(?:at|with|for|join(?:ing)?)\s+(?:the\s+)?$")
# ... but the user's own past there, inside what they are good at, is a past employer: "my API docs work at Twilio",
# "my years with Stripe", "I used to work at Shopify" (anywhere in the message).
PAST_PLACE = re.compile(
    r"(?i)(?:\bmy\s+(?:(?!interview|application|applying|offer)[\w'-]+\s+){0,4}?"
    r"(?:work|time|years?|experience|stint|internship|days|projects?|tenure)|"
    r"\b(?:i\s+worked|i\s+used\s+to\s+work|i'?ve\s+worked|previously|formerly))\s+(?:at|with|for)\s+(?:the\s+)?$"
)
# A name signed at the end, said as "from ...": "send it to Linda Fisher. from Aisha Khan."
# "... from Aisha Khan." and the labels of a form-style message ("Role: bookkeeper. Me: Sofia Marin.", "Name: Alex
# Kim", "Sign: Wei Zhang"), each opening its sentence: the user's own name ("interviewer name: Tom" is not one).
SIGNED_FROM = re.compile(
    r"(?i)(?:^|[.!?\n;]\s*)(?:(?:and\s+)?(?:it'?s\s+)?from\s+"
    r"|(?:my\s+)?(?:name|me|sign(?:ed)?|sign[- ]?off|signature)\s*[:=\u2013-]\s*)$"
)
# Words that make a story an agency one even without an agency name: "the client", "they placed me".
AGENCY_STORY_WORDS = re.compile(
    r"(?i)\b(?:client|agency|staffing|temp(?:ing)?|contract(?:or)?|placed|sent me|put (?:me )?forward|submitted me)\b"
)
# Words right before an ORG that say it is someone's name ("the manager's name is Maud Sinclair"): no organisation.
NAME_GIVEN = re.compile(r"\bname(?:'s|\s+is)\s*$")
# "the company name is Quinnell Systems": the name given is an organisation's.
ORG_NAME_GIVEN = re.compile(
    r"\b(?:company|employer|business|agency|firm|practice|school|clinic)'?s?\s+name(?:'s|\s+is)\s*$"
)
# Words right before a tool's name that say the user works with it ("working with Salesforce", "skills in Figma").
TOOL_USE_BEFORE = re.compile(
    r"(?i)\b(?:using|use[sd]?|with|in|on|know|knowing|learn(?:ing|ed|t)?|experience|expertise|skills?|stack|tools?|"
    r"like|such as|including|built|building|build|automat\w*|migrat\w*)\s+(?:(?:the|a|an|our|their|my)\s+)?$"
)
# Words right before a name that make it the employer even when it is a tool's: "at Figma", "interviewed with Jira".
EMPLOYER_BEFORE = re.compile(
    r"(?i)\b(?:at|for|join(?:ing|ed)?|(?:interv\w*|met|meeting|spoke|talked|chatted|screen\w*)\s+with)\s+(?:the\s+)?$"
)
# The name of a list item before this one: "Salesforce and " of "Salesforce and Figma".
TOOL_LISTED_BEFORE = re.compile(r"([\w.-]+(?:\s[\w.-]+)?)\s*(?:,|\band\b|\bor\b|/|&)\s*$")
# What an agency does for the candidate, right after its name: "randstad sent me", "hays put me forward".
AGENCY_DID = re.compile(r"\s+(?:sent|put|submitted|placed|got|set|lined|booked|found|referred)\s+me\b")
# Tokens the CRF sometimes tags as an agency that never are one.
NOT_AGENCIES = {"the", "a", "an", "my", "our", "their", "his", "her", "me", "i", "it", "them", "him"}
# Intents that already say the story is an agency one, and from which confidence they make a mention one.
AGENCY_INTENTS = ("agency_status", "agency_contact_company")
AGENCY_STORY_CONFIDENCE = 0.4
# A clock time: "10am", "2:30 pm", "14:00".
CLOCK_TIME = re.compile(
    r"(?i)\b(?:\d{1,2}(?:[:.][0-5]\d)?\s?(?:am|pm|a\.m\.|p\.m\.)|(?:[01]?\d|2[0-3]):[0-5]\d)(?![\w:])"
    # a bare hour after "at" next to the day: "it's tomorrow at 11", "friday at 2 with Sam"
    r"|(?<=\bat )(?:1[0-2]|[1-9])(?:\s?o'?clock)?"
    r"(?=\s*(?:[,.;!?)]|$)|\s+(?:on|with|tomorrow|today|tmrw|for|and|in|sharp)\b)"
    # said in words: "half past ten", "quarter to 3", "noon"
    r"|\b(?:half|quarter)\s+(?:past|to)\s+(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b"
    r"|\b(?:noon|midday)\b"
)
# A period after a count of messages is how often, not a date: "emailed her three times in one week".
COUNTED = re.compile(
    r"(?:\b(?:\d+|two|three|four|five|several|many|multiple|a few|a couple of)\s+"
    r"(?:times|emails|messages|calls|texts|follow[- ]?ups|reminders)|\b(?:twice|thrice))\s+(?:in|within|over)?\s*$"
)


def _sentence_at(text: str, match: re.Match) -> str:
    """The sentence of text a match is in."""
    start = max(text.rfind(mark, 0, match.start()) for mark in (". ", "? ", "! ", "\n"))
    ends = [i for i in (text.find(mark, match.end()) for mark in (". ", "? ", "! ", "\n")) if i >= 0]
    return text[start + 1 : min(ends) if ends else len(text)]


# How many words before a fact a doubt cue may stand ("does it mean [I] didn't get it", "a sign [they] rejected me").
FACT_DOUBT_WORDS = 4

# A thank-you note, which is not a follow-up on the decision.
THANK_YOU_NOTE = re.compile(
    r"\bthank-you\b|\bthank(?:[- ]?you|s)\s+(?:note|email|e-mail|message|card|letter)|\bthanked\b"
    r"|\b(?:sent|send|wrote|emailed|texted)\s+(?:(?:her|him|them|a|my|the|quick|short)\s+)*thank(?:[- ]?you|s)\b"
)


def _counted_period(text: str, entity: Mapping[str, Any]) -> bool:
    """True for a DATE that only says over how long something was repeated."""
    start = entity.get(ENTITY_ATTRIBUTE_START, 0)
    return entity.get(ENTITY_ATTRIBUTE_TYPE) == "DATE" and bool(COUNTED.search(text[:start][-30:].lower()))


# A format told as the stage already held ("on my phone screen", "during the screening call") ...
EARLIER_STAGE = re.compile(r"\b(?:on|in|during|after|at)\s+(?:my|the|our|that)\s+$")
# ... when the message goes on to another interview still to come ("before your interview on Thursday").
LATER_INTERVIEW = re.compile(
    r"\b(?:before|ahead of)\s+(?:your|my|the|our)\s+(?:next\s+|real\s+|actual\s+|full\s+)?interview\b"
)

# Words after a channel word that make it the interview's form: "phone screen", "phone interview".
INTERVIEW_BY = re.compile(r"\s*(?:screen\w*|interview\w*|round|call with|calls? (?:is|was) (?:on|at|with))\b")


# The employer's side promising to get in touch, right before a channel word: "he said hed call", "she'll phone".
THEIR_PROMISED_CALL = re.compile(
    r"\b(?:(?:he|she|they)\s*(?:'d|'ll|would|will|wd|was going to|were going to|is going to|are going to|promised to)"
    r"|hed|shed|theyd|theyll|shell)\s+(?:definitely\s+|probably\s+|just\s+|also\s+)?(?:give me a\s+)?$"
)
# A deadline named right before a date: "deadline: Friday 4 December", "the deadline is the 4th".
DEADLINE_BEFORE = re.compile(r"\bdeadline\b[^.?!]{0,12}$")
# Words right after a day they promised news by that say it went by without any: "by friday but nobody called".
GONE_BY_AFTER = re.compile(
    r"(?i)^\W*(?:but|and still|yet)\s+(?:still\s+)?(?:nobody|no one|noone|nothing|never"
    r"|no (?:call|word|news|email|reply)|(?:they|he|she) (?:didn'?t|didnt|did not|never|haven'?t|havent|hasn'?t|hasnt)"
    r"|i (?:haven'?t|havent|have not|never)|(?:haven'?t|havent) heard|heard nothing|not a word|still nothing)\b"
)
# Words someone wrote or said, quoted whole before a date: "a short 'any news?' email", "“let me know”".
QUOTED = re.compile(r"(?<![\w'])'[^'\n]{1,60}'(?![\w'])|\"[^\"\n]{1,60}\"|\u201c[^\u201d\n]{1,60}\u201d")
# A length of time said as how long the wait has lasted: "it's been nearly 2 weeks", "been about ten days".
ELAPSED = re.compile(r"\bbeen\s+(?:(?:about|around|nearly|almost|over|like|roughly|just)\s+)?$")

# Words right before a past-tense cue that deny it: "hasn't happened", "I haven't had", "did not take place".
NOT_YET_HELD = re.compile(
    r"\b(?:hasn'?t|has not|haven'?t|have not|hadn'?t|didn'?t|did not|not|never)\s+(?:yet\s+|even\s+)?(?:been\s+)?$"
)

# Digits only, nine or more of them: a phone number, never a day ("07700 900123", "+44 7911 123456").
PHONE_NUMBER = re.compile(r"\+?(?:\d[\s-]?){8,}\d")


def _phone_number(text: str, entity: Mapping[str, Any]) -> bool:
    """True for a DATE of bare digits inside a phone number (spaCy may take "07922" of "07922 614233")."""
    start, end = entity.get(ENTITY_ATTRIBUTE_START, 0), entity.get(ENTITY_ATTRIBUTE_END, 0)
    if not re.fullmatch(r"[\d\s+-]+", str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "")):
        return False
    before, after = text[:start], text[end:]
    digits = "0123456789 -+"
    run = before[len(before.rstrip(digits)) :] + text[start:end] + after[: len(after) - len(after.lstrip(digits))]
    return PHONE_NUMBER.fullmatch(run.strip(" -")) is not None


def _plausible(text: str, entity: Mapping[str, Any]) -> bool:
    """False when the context contradicts a DIET entity: "a real person", "i dont have his email"."""
    kind, start = entity.get(ENTITY_ATTRIBUTE_TYPE), entity.get(ENTITY_ATTRIBUTE_START, 0)
    before = text[:start].lower().replace("\u2019", "'")
    if kind == "DATE" and _phone_number(text, entity):
        return False  # "my number is 07700 900123": spaCy's date is (part of) a phone number
    if kind == "interview_format" and str(entity.get(ENTITY_ATTRIBUTE_VALUE)).lower() == "person":
        return re.search(r"\bin[ -]?$", before) is not None
    if kind == "interview_format" and EARLIER_STAGE.search(before[-12:]):
        # "on my phone screen she said ... before your interview on Thursday": the screen was an earlier stage
        return not LATER_INTERVIEW.search(text[entity.get(ENTITY_ATTRIBUTE_END, start) :].lower())
    if kind == "no_contact" and not re.search(
        r"(?i)\b(?:not?|don'?t|dont|never|through|only|please)\b", str(entity.get(ENTITY_ATTRIBUTE_VALUE))
    ):
        return False  # a stray token taken for "told not to contact" ("raj")
    if kind == "channel" and THEIR_PROMISED_CALL.search(before[-40:]):
        return False  # "he said he'd call me by friday": how they meant to reach the user, not how to write
    if kind == "channel":  # "a phone screen", "the video call" is how the interview runs, not how to write
        end = entity.get(ENTITY_ATTRIBUTE_END, start)
        if INTERVIEW_BY.match(text[end:].lower()) or re.search(
            r"\b(?:before|after|during|on|for|in)\s+the\s+$", before
        ):
            return False  # "before the call": the interview itself
    return not (kind == "channel" and NO_CHANNEL.search(before[-30:]))


# The employer's side said not to have used a channel: "they didn't call me, HR emailed", "she never rang".
THEY_DID_NOT = re.compile(
    r"\b(?:they|he|she|hr|nobody|no one|no-one)\s+(?:didn'?t|didnt|did not|never|hasn'?t|haven'?t|has not|have not)"
    r"\s+(?:ever\s+|actually\s+|even\s+)?$"
)
# Capitalised words spaCy sometimes puts in front of a relative date ("Walgreens a month ago").
LEADING_NAME = re.compile(
    r"(?:[A-Z][\w&'.-]*\s+)+(?=(?:a|an|one|two|three|four|five|six|\d+|about|around|last|over|the)\b)"
)
# A lower-case employer spaCy glued in front of a date after "at" ("at pexlo 3 days ago"): the employer's word.
LOWER_LEADING_EMPLOYER = re.compile(
    r"(?P<o>[a-z][a-z0-9&'-]{2,})\s+(?=(?:a|an|one|two|three|four|five|six|\d+|last|over)\b)"
)
# The interview is today: hours from or since now, or "just got out of my interview".
_HOURS = r"(?:an?|one|two|three|four|five|six|\d+|a\s+few|a\s+couple(?:\s+of)?|couple(?:\s+of)?)\s+(?:hours?|hrs?)"
TODAY_PHRASES = re.compile(
    rf"(?i)\b(?:(?:(?:about|around|like|roughly|almost|only)\s+)?{_HOURS}\s+(?:ago|from\s+now|back)"
    rf"|in\s+(?:(?:about|around|like|roughly|just)\s+)?{_HOURS}"
    r"|in\s+(?:(?:about|around|like|roughly|just|less than)\s+)?"
    r"(?:\d+|a\s+few|a\s+couple(?:\s+of)?|ten|fifteen|twenty|thirty|forty|half\s+an?)\s*(?:mins?|minutes?|hours?|hrs?)\b"
    r"|just\s+(?:got\s+(?:out|back|home|off)(?:\s+of|\s+from)?|finished|had|came\s+out\s+of|walked\s+out\s+of|left"
    r"|wrapped\s+up|done\s+with|did|hung\s+up\s+from)(?=[^.?!]{0,30}\b(?:interview|screen|panel|round|call)))"
)
# Two clock times said as alternatives ("10 or 10:30", "10am or 10:30"): the user is unsure which (TIME role `unsure`).
UNSURE_TIME_IN = re.compile(r"(?i)\d\s*(?:am|pm|a\.m\.|p\.m\.)?\s+or\b")
UNSURE_TIME_AFTER = re.compile(r"(?i)\s*or\s+(?:at\s+)?\d")
UNSURE_TIME_BEFORE = re.compile(r"(?i)\d(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?\s+or\s+(?:at\s+)?$")
_AFTER_NEXT = r"(?:the\s+)?week\s+after\s+next"
EXTRA_DATES = re.compile(
    r"(?i)\b(?:"
    # "the week after next i think, monday", "monday of the week after next", "the week after next"
    rf"{_AFTER_NEXT}(?:\s+(?:i\s+think|i\s+guess|probably|maybe))?,?\s+(?:on\s+|the\s+)?{_WEEKDAY}"
    rf"|(?:on\s+)?{_WEEKDAY}\s+(?:of\s+|in\s+)?{_AFTER_NEXT}"
    rf"|{_AFTER_NEXT}|"
    rf"(?:(?:about|around|roughly|like|almost|nearly|over)\s+)?{_COUNT}\s+(?:days?|weeks?|wks?|months?)\s+(?:ago|back)"
    r"|(?:a\s+|one\s+)?fortnight\s+(?:ago|back)"
    r"|(?:over\s+)?(?:the|this|last|past)\s+weekend"
    rf"|(?:the\s+)?(?:early|mid|late|(?:beginning|start|middle|end)\s+of)[\s-]*{_MONTH}(?!\s*\d)"
    rf"|(?:the\s+)?{_WEEKDAY}\s+(?:after|before)\s+(?:{_HOLIDAY})"
    # "right after christmas", "the week after new year's", "before the holidays": the date reader keeps them rough
    rf"|(?:(?:right|just|shortly|soon|straight|the\s+day)\s+)?(?:before|after)\s+(?:{_HOLIDAY}|{_HOLIDAY_BREAK})"
    rf"|(?:the\s+)?week\s+(?:before|after|of)\s+(?:{_HOLIDAY}|{_HOLIDAY_BREAK})"
    rf"|(?:the\s+)?{_WEEKDAY}\s+(?:before\s+last|after\s+next)(?:\s+week)?"
    r"|(?:at\s+)?(?:some\s*(?:time|point|day)|any\s*time)\s+(?:in\s+)?(?:this|next)\s+week"
    rf"|(?:(?:next|last|this|coming)\s+)?{_WEEKDAY},?\s+\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?"
    r"|in\s+(?:a couple(?: of)?|couple(?: of)?|a few|few)\s+days"
    r"|(?:(?:the\s+)?(?:end|middle|mid|start|beginning|early|late)(?:\s+of)?\s+(?:this\s+|next\s+|last\s+|past\s+|the\s+)?week)"
    r"|(?:before\s+|after\s+|by\s+)?thanksgiving"
    rf"|{_MONTH}\s+{_DAY}\b|{_DAY}\s+(?:of\s+)?{_MONTH}"
    rf"|(?:a|an|one|two|three|\d+)\s+(?:days?|weeks?)\s+from\s+(?:today|tomorrow|tmrw|{_WEEKDAY})"
    rf"|(?:(?:next|last|this|coming|this\s+coming)\s+)?{_WEEKDAY}(?:\s+(?:the\s+)?{_DAY})?\b"
    r"|\d{1,2}/\d{1,2}(?:/\d{2,4})?"
    r"|the\s+\d{1,2}(?:st|nd|rd|th)(?!\s+(?:grade|floor|shift|round|year|yr|place|time|interview|period|party|person))"
    r"|tmrw|tmrow|tmr|tomorow|tommorow|tommorrow|2moro|tomorrow|yesterday|tday|tdy|2day"
    r"|last week|last month|earlier this week|next week"
    r"|(?:earlier\s+)?this\s+(?:morning|afternoon)|earlier\s+today"
    r")\b"
)


# A length of time given as a date ("2 weeks", "1-2 weeks", "a week or so").
PERIOD_VALUE = re.compile(
    rf"(?:(?:about|around|roughly|like|maybe)\s+)?(?:{_COUNT}|\d+\s*(?:-|to|or)\s*\d+)\s+(?:days?|weeks?|wks?)(?:\s+or\s+so)?"
)


# "Marketing & Events Coordinator": a lone "&" joins two words of the title
_TITLE = r"([A-Za-z0-9.][\w/&.'+#-]*(?:\s+(?:&\s+)?[A-Za-z0-9][\w/&.'+#-]*){0,5}?)"
_DET = r"(?:the\s+|a\s+|an\s+|their\s+|this\s+|that\s+|my\s+)?"
_POSTS = (
    r"(?:position|postion|positon|possition|posistion|job|role|"
    r"opening|spot|post|gig|vacancy|posting|contract|residency|req|requisition)s?"
)
# Job titles as people introduce them: "for the grants coordinator position", "interviewed for CNA at ...".
JOB_TITLES = (
    re.compile(rf"(?i)\b(?:for|as|to)\s+{_DET}{_TITLE}\s+{_POSTS}\b"),
    re.compile(rf"(?i)\b(?:the|a|an)\s+{_TITLE}\s+(?:position|job|role|opening|vacancy)\s+(?:at|with|in|for)\b"),
    re.compile(
        rf"(?i)\b(?:interview(?:ed|ing)?|applied|apply|applying)\s+(?:for|to)\s+{_DET}{_TITLE}\s+(?:at|with|in|on)\b"
    ),
    # "whether I got the kindergarten job", "applied for a 2nd yr apprentice spot"
    re.compile(
        rf"(?i)\b(?:got|get|getting|about|into|offered|landed|on)\s+(?:the|a|an|this|that)\s+{_TITLE}\s+{_POSTS}\b"
    ),
    # "interviewed at Peak Line Roofing for estimator on saturday", "rejected from Palisade Hotels for front office mgr"
    re.compile(
        r"\b(?:at|with|from)\s+[A-Z][\w&'.-]*(?:\s+(?:[A-Z][\w&'.-]*|&))*\s+(?i:for)\s+(?i:the\s+|a\s+|an\s+)?"
        rf"{_TITLE}(?=\s+(?i:on|last|yesterday|today|tomorrow|tmrw|next|this|back|in|about|like|around|w|with|and|"
        r"position|role|job|opening)\b|\s*[,.;!?(]|\s*$)"
    ),
    # "the role is Clinical Data Manager", "(actually) the position's account executive, not ..."
    re.compile(
        rf"(?i)\b(?:the\s+|my\s+)?(?:role|position|job title|title|job)(?:\s+is|'s)\s+"
        rf"(?:(?:actually|still|really|just|officially)\s+)?{_DET}{_TITLE}"
        # "and" ends the title unless a capitalised word follows ("Marketing and Events Coordinator")
        # a filler after it is said to the coach: "oh and the role is data analyst actually"
        r"(?=\s*(?:[,.;!?]|$|\s+not\b|\s+and\b(?!\s+(?-i:[A-Z]))|\s+(?:btw|actually|tho|though|lol|sorry|instead)\b"
        r"|\s+(?:at|with)\s))"
    ),
)
# A sentence end inside a title ends it ("the role is qa tester. im sam"); abbreviations do not ("Sr. Analyst").
TITLE_SENTENCE_END = re.compile(
    r"(?i)(?<!\bsr)(?<!\bjr)(?<!\bsnr)(?<!\bmgr)(?<!\basst)(?<!\bdept)(?<!\bassoc)(?<!\bst)[.!?;]\s"
)
# A day said right after the title is not part of it ("for 7th grade ELA yesterday with ...").
TITLE_TAIL = re.compile(r"(?i)\s+(?:yesterday|today|tomorrow|tmrw|tonight|(?:this|last|next)\s+\w+)$")
# Candidates and shortlists name the post before the employer: "a candidate for VP of Finance at Meridian Bank".
CANDIDATE_FOR = re.compile(
    r"(?i)\b(?:candidate|finalist|shortlisted|in the running|considered|interviewing)\s+for\s+"
    rf"{_DET}{_TITLE}\s+(?:at|with)\b"
)


@lru_cache(maxsize=8)
def head_title_patterns(heads: Tuple[str, ...]) -> Tuple[re.Pattern[str], ...]:
    """Patterns for a title ending in a job word, framed as the user's own post (see job_title_heads)."""
    head = r"(?:" + "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True)) + r")s?"
    lower = rf"((?:[A-Za-z][\w/&.'-]*\s+){{0,3}}?{head})"
    upper = r"(?:" + "|".join(re.escape(h.capitalize()) + "|" + re.escape(h.upper()) for h in heads) + r")s?"
    no_name_after = r"(?!\s*,?\s+(?-i:(?:Mr|Mrs|Ms|Dr)?\.?\s*[A-Z][a-z]))"
    return (
        re.compile(rf"(?i)\bas\s+(?:an?\s+|the\s+)?{lower}\b{no_name_after}"),
        re.compile(
            rf"(?i)\b(?:my|the|an?|this|for)\s+{lower}\s+(?:interview|application|role|position|job|opening|post)"
        ),
        re.compile(rf"(?i)\(\s*(?:for\s+)?(?:the\s+|an?\s+)?{lower}\s*(?:role|position|job)?\s*\)"),
        # told later: "oh and the job was paralegal", "role was supply planner"
        re.compile(rf"(?i)\b(?:role|position|job|job title)\s+(?:was|is)\s+(?:an?\s+|for\s+(?:an?\s+)?)?{lower}\b"),
        re.compile(
            rf"(?i)\b(?:i'?m|i am|im)\s+(?:an?\s+)(?:experienced\s+|senior\s+|junior\s+)?{lower}\b{no_name_after}"
        ),
        re.compile(rf"(?:^|[.!?]\s+)((?:[A-Z][\w/&.'-]*\s+){{0,3}}?{upper})\s+(?:at|with|for)\s+[A-Z]"),
    )


# A company written to or applied to by name: "I emailed Camden Tutors", "applied to Harbor Freight Tools"
# (read as the employer only when its last word is a plural or an organisation word, not a person's name).
CONTACTED_ORG = re.compile(
    r"(?i:\b(?:emailed|e-mailed|contacted|messaged|called|rang|applied\s+(?:to|at)|heard\s+(?:back\s+)?from))\s+"
    r"((?:[A-Z][\w&'.-]*)(?:\s+[A-Z][\w&'.-]*){0,3})"
)


# The employer named in front of the interview: "feedback from the Delmar Tech interview".
ORG_INTERVIEW = re.compile(
    r"\b(?i:the|my|our|that)\s+([A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*){0,3})\s+(?i:interview|onsite|on-site|panel)s?\b"
)
INTERVIEW_KINDS = {
    "phone",
    "video",
    "final",
    "first",
    "second",
    "third",
    "panel",
    "technical",
    "in-person",
    "group",
    "onsite",
    "virtual",
    "case",
    "behavioral",
    "behavioural",
    "screening",
    "client",
    "initial",
}


# An all-lower-case story: "interview today at riverside public library for branch manager".
LOWER_AT_FOR = re.compile(
    r"\b(?:interview\w*|intervew\w*|applied|job|role|position|shift)\b[^.?!]{0,25}?\bat\s+"
    r"(?P<o>(?:[a-z][a-z0-9&'-]*\s+){0,3}[a-z][a-z0-9&'-]*)\s+for\s+(?:the\s+|a\s+|an\s+)?"
    r"(?P<r>(?:[a-z][\w&'-]*\s+){0,3}?[a-z][\w&'-]*)"
    r"(?=\s*(?:[,.;!?(]|$)|\s+(?:today|yesterday|tomorrow|tmrw|on|last|next|this|with|w|and|is|was|at|in|but|so|interview|position|role|job)\b)"
)
# Two lower-case words as a name in a list: "3 ppl: jen ortiz, tom akers and the director maria santos".
LOWER_NAME = r"[a-z][a-z'-]{1,}\s+[a-z][a-z'-]{1,}"
LOWER_LIST = re.compile(
    rf"(?:[:(]|\bwith|\bw/?)\s*(?P<l>{LOWER_NAME}(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)"
    rf"(?:the\s+[a-z]+\s+)?{LOWER_NAME})+)(?=\s*(?:[,.;!?)]|$))"
)


# A relative day followed by its weekday in brackets ("tomorrow (Tuesday)"): the weekday restates it.
RESTATED_DAY = re.compile(r"(?i)\b(?:today|tomorrow|tmrw|tmr|tonight|yesterday)\s*[(,-]\s*$")
# Quotes spaCy keeps at either end of a date the user quoted ("she said 'early next week'").
QUOTES_AROUND = re.compile(r"([\s'\"\u2018\u2019\u201c\u201d]*)(.*?)[\s'\"\u2018\u2019\u201c\u201d]*", re.DOTALL)
# A day of the month followed by its weekday in brackets ("the 19th (Thursday)"): the weekday restates it.
RESTATED_WEEKDAY = re.compile(r"(?i)\d(?:st|nd|rd|th)?\s*\(\s*$")
BARE_WEEKDAY = re.compile(rf"(?i)^\s*{_WEEKDAY}\s*$")


def _restated(text: str, entity: Mapping[str, Any]) -> bool:
    """Whether a date only says again the day just before it: "tomorrow (Tuesday)", "the 19th (Thursday)"."""
    if entity.get(ENTITY_ATTRIBUTE_TYPE) != "DATE":
        return False
    start = entity.get(ENTITY_ATTRIBUTE_START, 0)
    if RESTATED_DAY.search(text[max(0, start - 14) : start]):
        return True
    weekday = BARE_WEEKDAY.match(str(entity.get(ENTITY_ATTRIBUTE_VALUE)))
    return bool(weekday and RESTATED_WEEKDAY.search(text[max(0, start - 8) : start]))


# A person's name of one to three capitalised words, maybe with a title ("Marcus", "Elena Voss", "Dr. Chen").
# How a name is spelled, said after it: "Quinnell with two Ls", "Cate, with a C", "Lee spelled L-E-E".
SPELLING_NOTE = re.compile(
    r"(?i)\s*,?\s+(?:with\s+(?:an?|one|two|three|double|a\s+double)\s+\w+\b|(?:spelled|spelt|written)\b).*$"
)
# Words right before a name that say it is one part of a name given before, or its spelling.
NAME_PART = re.compile(
    r"(?i)(?:\b(?P<part>first|last|family|sur)\s*name(?:'s|\s+is|\s*:)?(?:\s+(?:actually|really))?"
    r"|\b(?P<spelled>spell(?:ed|t)|spells?\s+(?:it|her\s+name|his\s+name|their\s+name)(?:\s+as)?|spelling\s+is|written))\s*$"
)
# A spelling note right after a first name: "it's Kathryn with a K", "hes Jon, no h".
LETTER_NOTE = re.compile(
    r"(?i)\s*,?\s+(?:with\s+(?:an?|one|two|three|double|a\s+double)|no|without\s+(?:the|an?))\s+[a-z](?:'?s)?\b(?![\w'])"
)
# A capitalised word with such a note, that spaCy may miss: "oops it's Telvana with one n" (the action server finds
# whose name, or which employer, it respells).
RESPELLED = re.compile(r"(?<![\w'’])(?P<n>[A-Z][a-zà-öø-ÿ'’-]+)(?=(?i:" + LETTER_NOTE.pattern[4:] + "))")
# A greeting word spaCy ran into a name ("Dear Kwame", "Hi Sam,").
GREETING_WORD = re.compile(r"(?i)(?:dear|hi|hello|hey)\s+(?=\S)")
_NAME = r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+)?[A-Z][a-z][A-Za-z'-]*(?:\s+[A-Z][a-z][A-Za-z'-]*){0,2}"
# Words after a day that make it the day the user would write: "is today ok to send?", "tomorrow too soon to email?"
SENDING_DAY_AFTER = re.compile(
    r"(?i)\s*(?:ok|okay|fine|alright|good|too early|too soon|too late|a good day)\s+(?:to|for)\s+"
    r"(?:send|email|e-mail|write|message|reach out|follow up|contact|ping|chase)"
)
# The words that name an interview itself, not any talk ("talked to", "met" at a career fair).
NAMED_INTERVIEW = re.compile(r"(?i)\b(?:interv\w*|intervew\w*|screen(?:ing)?|onsite|on-site|panel|round)\b")
# The day someone passed news on, said after it: "Friday is just when Jenna told me", "friday was when he called".
TOLD_DAY_AFTER = re.compile(
    r"(?i)\s*(?:is|was|'s)\s+(?:just\s+|only\s+|simply\s+)?(?:when|the day)\s+(?:\w+\s+){1,3}?"
    r"(?:told|said|mentioned|emailed|called|texted|messaged|rang|wrote|let me know|got back|passed|informed)\b"
)
# The user's own clock: "it's already 7pm", "it is nearly 10 pm", "7pm now", "it's 11 pm here".
CLOCK_NOW_BEFORE = re.compile(
    r"(?i)\b(?:it'?s|it\s+is|its|now|right\s+now)\s+(?:already\s+|now\s+|nearly\s+|almost\s+|just\s+|past\s+|after\s+)*"
    r"(?:about\s+|like\s+|around\s+)?$"
)
CLOCK_NOW_AFTER = re.compile(r"(?i)\s*(?:already|now|here|right now|where i am|my time)\b")
# A day at the start of a TIME: "tomorrow morning", "friday at 3", "this afternoon" is today's.
DAY_IN_TIME = re.compile(rf"(?i)(?:today|tomorrow|tmrw|tmr|(?:this|next)\s+{_WEEKDAY}|{_WEEKDAY})\b")
# The role of a date no cue explains: the interview's, unless the message dates the interview elsewhere.
UNCUED_INTERVIEW = "uncued"
# A full name next to another in a list: "Ana Ruiz, Ben Cole and Chloe Park" (after one, or before one).
_FULL_NAME = r"[A-Z][a-z][A-Za-z'-]*\s+[A-Z][a-z][A-Za-z'-]*"
LISTED_AFTER = re.compile(rf"\s*(?:,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*)({_FULL_NAME})\b")
LISTED_BEFORE = re.compile(rf"(?:^|[\s:(])({_FULL_NAME})\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)$")
# Titles written in front of a name even in lower case ("mr. Dobbs"); others are kept only capitalised.
ABBREVIATED_TITLES = ("mr", "mrs", "ms", "miss", "dr", "prof")
# A proper-noun run after "at"/"with" or in brackets ("a small nonprofit (Open Door Literacy Project)"): the
# employer when spaCy found no organisation there.
PROPER_RUN = re.compile(
    r"(?:\b(?:at|with|w/?|from|join|joining)\s+(?:the\s+)?|\((?=[^)]*\)))"
    r"((?:[A-Z][\w&'.-]*)(?:\s+(?:[A-Z][\w&'.-]*|of the|of|&|and))*(?<![ .'-]))"
)


def _is_email(entity: Mapping[str, Any]) -> bool:
    """Whether a channel entity names email."""
    return str(entity.get(ENTITY_ATTRIBUTE_VALUE)).lower() in ("email", "e-mail", "mail", "emails", "emailing")


def _addressed(text: str, entity: Dict[str, Any]) -> Dict[str, Any]:
    """The entity, marked `addressee` when the words before it make it the draft's reader ("email Owen")."""
    start = entity.get(ENTITY_ATTRIBUTE_START, 0)
    if not ADDRESSEE.search(text[max(0, start - 40) : start]):
        return entity
    return {**entity, "additional_info": {**(entity.get("additional_info") or {}), "addressee": True}}


# A question said to take the place of the one a draft asks: "ask about parking instead", "swap the address one".
# Practical details the user can only be unsure of: asked about even beside a question of their own.
DOUBT_QUESTIONS = ("time", "broken_link", "who_calls", "format")
INSTEAD = re.compile(r"\b(?:instead|rather than|replace|swap|no need to ask)\b")


# Past forms that do not end in -ed, with their -ing form: "how I built", "how we ran".
IRREGULAR_GERUNDS = {
    "built": "building",
    "rebuilt": "rebuilding",
    "ran": "running",
    "led": "leading",
    "wrote": "writing",
    "rewrote": "rewriting",
    "made": "making",
    "grew": "growing",
    "cut": "cutting",
    "set": "setting",
    "taught": "teaching",
    "brought": "bringing",
    "won": "winning",
    "drove": "driving",
    "took": "taking",
}


def _gerund(verb: str) -> str | None:
    """The -ing form of a past verb ("rebuilt" -> "rebuilding", "migrated" -> "migrating"); None if unsure."""
    verb = verb.lower()
    if verb in IRREGULAR_GERUNDS:
        return IRREGULAR_GERUNDS[verb]
    return verb[:-2] + "ing" if len(verb) > 4 and verb.endswith("ed") and not verb.endswith("eed") else None


def _overlapping(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Every match, also those starting inside an earlier one.

    "for interviewing me for the Devops Role" is no title ("me", "the"); "for the Devops Role" inside it is.
    """
    at = 0
    while at <= len(text):
        match = pattern.search(text, at)
        if not match:
            return
        yield match
        at = match.start() + 1


def name_cased(word: str) -> str:
    """A word of a name typed in lower case, as written: "o'connell": "O'Connell", "smith-jones": "Smith-Jones"."""
    parts = re.split(r"([-'\u2019])", word)
    return "".join(
        part[:1].upper() + part[1:]
        if i == 0 or (parts[i - 1] == "-" or (i == 2 and len(parts[0]) == 1 and len(part) > 1))
        else part
        for i, part in enumerate(parts)
    )


def _entity(kind: str, start: int, end: int, value: str) -> Dict[str, Any]:
    """An entity this component adds."""
    return {
        ENTITY_ATTRIBUTE_TYPE: kind,
        ENTITY_ATTRIBUTE_START: start,
        ENTITY_ATTRIBUTE_END: end,
        ENTITY_ATTRIBUTE_VALUE: value,
        "extractor": EXTRACTOR,
    }


def _span_of(entity: Mapping[str, Any]) -> Tuple[int, int]:
    """An entity's start and end."""
    return entity.get(ENTITY_ATTRIBUTE_START, -1), entity.get(ENTITY_ATTRIBUTE_END, -1)


def _of_type(entities: List[Dict[str, Any]], kind: str) -> List[Dict[str, Any]]:
    """The entities of one type."""
    return [e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) == kind]


@lru_cache(maxsize=4096)
def _rx(pattern: str) -> re.Pattern[str]:
    """A table pattern compiled once: the tables hold more patterns than the 512 Python's `re` keeps compiled."""
    return re.compile(pattern)


def _word(phrase: str) -> re.Pattern[str]:
    """A phrase as a whole word, compiled once."""
    return _rx(rf"(?<!\w){re.escape(phrase)}(?!\w)")


def _first_search(patterns: Iterable[str], text: str) -> re.Match[str] | None:
    """The match of the first pattern (in order) that occurs in text."""
    return next((m for m in (_rx(p).search(text) for p in patterns) if m), None)


@lru_cache(maxsize=8)
def _any_of(phrases: Tuple[str, ...]) -> re.Pattern[str]:
    """One compiled pattern for any of the phrases as whole words, any case, the longest first."""
    names = "|".join(re.escape(n) for n in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?i)(?<![\w-])(?:{names})(?![\w-])")


# A sentence's end inside a DATE spaCy read across it ("Monday the 23rd. Friday is just when she told me"), not
# the dot of an abbreviated month ("Nov. 3").
SENTENCE_END_IN_DATE = re.compile(
    r"(?<![a-z])(?!(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)[.])(?:\w+)[.!?;]+\s+", re.I
)


def _moved_to(text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """A day said after "they moved it" is the new interview day ("he just emailed, he moved it to monday").

    A day after "from" is the old one ("moved my interview from wednesday to friday"): no interview day any more.
    """
    moved = [e[ENTITY_ATTRIBUTE_START] for e in entities if e.get(ENTITY_ATTRIBUTE_VALUE) == "they_moved"]
    out = []
    for entity in entities:
        start = entity.get(ENTITY_ATTRIBUTE_START)
        if (
            not moved
            or entity.get(ENTITY_ATTRIBUTE_TYPE) not in ("DATE", "TIME")
            or not isinstance(start, int)
            or start < min(moved)
            or entity.get(ENTITY_ATTRIBUTE_ROLE) in ("negated", "decision")
        ):
            out.append(entity)
            continue
        old = re.search(r"\bfrom\s+(?:the\s+|this\s+|next\s+)?$", text[:start].lower())
        out.append({**entity, ENTITY_ATTRIBUTE_ROLE: "other" if old else "interview"})
    return out


def _dates_per_sentence(entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """A DATE that runs over a sentence's end, split into one DATE per sentence, each with its own span."""
    out: List[Dict[str, Any]] = []
    for entity in entities:
        value = str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "")
        start = entity.get(ENTITY_ATTRIBUTE_START)
        ends = list(SENTENCE_END_IN_DATE.finditer(value)) if entity.get(ENTITY_ATTRIBUTE_TYPE) == "DATE" else []
        if not ends or not isinstance(start, int):
            out.append(entity)
            continue
        cuts = [0] + [m.end() for m in ends] + [len(value)]
        for left, right in zip(cuts, cuts[1:]):
            part = value[left:right]
            text = part.rstrip(" .!?;")
            if text.strip():
                lead = len(part) - len(part.lstrip())
                begin = start + left + lead
                out.append(
                    {
                        **entity,
                        ENTITY_ATTRIBUTE_VALUE: text.strip(),
                        ENTITY_ATTRIBUTE_START: begin,
                        ENTITY_ATTRIBUTE_END: begin + len(text.strip()),
                    }
                )
    return out


def _phrase_positions(window: str, phrases: Iterable[str]) -> List[Tuple[int, str]]:
    """(end offset, phrase) of every whole-word occurrence of the phrases in window."""
    found = []
    for phrase in phrases:
        if phrase not in window:
            continue  # a plain substring test first: the whole-word pattern needs the words
        for match in _word(phrase).finditer(window):
            found.append((match.end(), phrase))
    return found


def _own_agency(text: str, entity: Mapping[str, Any]) -> bool:
    """Whether an agency mention is the user's own workplace ("my agency job", "I work at an ad agency")."""
    start, end = entity.get(ENTITY_ATTRIBUTE_START), entity.get(ENTITY_ATTRIBUTE_END)
    if not isinstance(start, int) or not isinstance(end, int):
        return False
    word = text[start:end].lower().rfind("agency")  # the mention may be "agency job" or "ad agency"
    end = start + word + len("agency") if word >= 0 else end
    upto = text[max(0, start - 50) : end].lower().replace("\u2019", "'")
    upto = re.sub(r"\s+", " ", upto).rstrip()
    if not upto.endswith("agency"):
        return False
    mine = re.search(r"\b(?:my|our)\s+(?:current\s+|old\s+)?agency$", upto)
    return bool(OWN_AGENCY.search(upto) or (mine and OWN_AGENCY_AFTER.match(text[end:].lower())))


TRAILING_SELF = re.compile(r"\s+(?:and|&)\s+(?:I|me|myself)$")


def _without_trailing_self(entity: Dict[str, Any]) -> Dict[str, Any]:
    """A name without the user run into it: spaCy's "Oracle and I" (from "at Oracle and I want to ...") is Oracle."""
    value = str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "")
    tail = TRAILING_SELF.search(value) if entity.get(ENTITY_ATTRIBUTE_TYPE) in ("ORG", "PERSON") else None
    if not tail or not isinstance(entity.get(ENTITY_ATTRIBUTE_START), int):
        return entity
    end = entity[ENTITY_ATTRIBUTE_START] + tail.start()
    return {**entity, ENTITY_ATTRIBUTE_VALUE: value[: tail.start()], ENTITY_ATTRIBUTE_END: end}


def nearest_role(before: str, roles: Mapping[str, Iterable[str]]) -> str | None:
    """The role whose cue ends nearest to the end of `before` (the words right before an entity).

    Of two cues ending at the same place the longer one wins ("wait until" over "until").
    """
    best: Tuple[int, int, str] | None = None
    for role, phrases in roles.items():
        for end, phrase in _phrase_positions(before, phrases):
            if phrase in ADJACENT_ONLY and len(before) - end > ADJACENT_ONLY[phrase]:
                continue
            if best is None or (end, len(phrase)) > best[:2]:
                best = (end, len(phrase), role)
    return best[2] if best else None


def _clause_before(text: str, start: int, width: int) -> str:
    """The lower-cased words before start, cut at the previous sentence end or bracket."""
    window = text[max(0, start - width) : start].lower().replace("\u2019", "'")
    cut = max(window.rfind(mark) for mark in (". ", "? ", "! ", "\n", "; "))
    return window[cut + 1 :] if cut >= 0 else window


def _unquoted(window: str) -> str:
    """The window with the words inside closed quotes blanked: "sent him an 'any news?' email" has no news cue."""
    return QUOTED.sub(lambda m: " " * len(m.group(0)), window)


def _overlaps(start: int, end: int, entities: Iterable[Mapping[str, Any]]) -> bool:
    """True when [start, end) overlaps one of the entities' spans."""
    return any(start < e.get(ENTITY_ATTRIBUTE_END, -1) and e.get(ENTITY_ATTRIBUTE_START, -1) < end for e in entities)


def with_clock_suffix(text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """DATEs cut before 'pm' ("next monday 3" of "next monday 3pm") extended to the whole time."""
    out = []
    for entity in entities:
        end = entity.get(ENTITY_ATTRIBUTE_END, 0)
        suffix = re.match(r"\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)", text[end:], re.IGNORECASE)
        if entity.get(ENTITY_ATTRIBUTE_TYPE) == "DATE" and suffix and text[:end][-1:].isdigit():
            end += suffix.end()
            start = entity.get(ENTITY_ATTRIBUTE_START, 0)
            entity = {**entity, ENTITY_ATTRIBUTE_END: end, ENTITY_ATTRIBUTE_VALUE: text[start:end]}
        out.append(entity)
    return out


def _day_of_time(entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The day inside a TIME spaCy read whole ("tomorrow morning", "friday at 3") as a DATE of its own."""
    dates = [e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) == "DATE"]
    added = []
    for entity in entities:
        match = DAY_IN_TIME.match(str(entity.get(ENTITY_ATTRIBUTE_VALUE) or ""))
        if entity.get(ENTITY_ATTRIBUTE_TYPE) != "TIME" or not match:
            continue
        start = entity.get(ENTITY_ATTRIBUTE_START, 0)
        if not _overlaps(start, start + match.end(), dates):
            added.append(_entity("DATE", start, start + match.end(), match.group(0)))
    return entities + added


def merge_adjacent_dates(text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """One DATE for 'Thursday Dec 10' when spaCy split it into 'Thursday' and 'Dec 10'."""
    dates = sorted(
        (e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) == "DATE"), key=lambda e: e.get(ENTITY_ATTRIBUTE_START, 0)
    )
    merged: List[Dict[str, Any]] = []
    for entity in dates:
        previous = merged[-1] if merged else None
        gap = text[previous[ENTITY_ATTRIBUTE_END] : entity[ENTITY_ATTRIBUTE_START]] if previous else None
        if previous and gap is not None and re.fullmatch(r"[\s,]*(?:the\s*)?", gap):
            end = entity[ENTITY_ATTRIBUTE_END]
            merged[-1] = {
                **previous,
                ENTITY_ATTRIBUTE_END: end,
                ENTITY_ATTRIBUTE_VALUE: text[previous[ENTITY_ATTRIBUTE_START] : end],
            }
        else:
            merged.append(entity)
    return [e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) != "DATE"] + merged


# The mark between a date and the one that corrects it, when spaCy (or merge_adjacent_dates) ran them into one:
# "not wednesday - two weeks from today", "no not the 12th, the 21st", "the 21st, not the 12th".
CORRECTION_MARK = re.compile(r"\s*(?:[,;]|\s[-\u2013\u2014]+|--)\s*")
# A weekday and a date with its month after a comma restate one day ("thursday, dec 10"): no correction to split.
MONTH_OR_NUMERIC = re.compile(rf"(?i)^(?:the\s+)?(?:{_MONTH}|\d{{1,2}}[/.-]\d{{1,2}}\b|{_DAY}\s+(?:of\s+)?{_MONTH})")


def split_corrected_dates(text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Two DATEs for a day said to be wrong and the day meant, run together into one ("not the 12th, the 21st").

    Split at the mark between them when the words say one of them is wrong: "not" right before the date, or "not"
    right after the mark. A weekday and a date with its month after a comma ("not thursday, dec 10") stay one day.
    """
    out: List[Dict[str, Any]] = []
    for entity in entities:
        start, end = entity.get(ENTITY_ATTRIBUTE_START), entity.get(ENTITY_ATTRIBUTE_END)
        if entity.get(ENTITY_ATTRIBUTE_TYPE) != "DATE" or not isinstance(start, int) or not isinstance(end, int):
            out.append(entity)
            continue
        value = text[start:end]
        mark = CORRECTION_MARK.search(value)
        if not mark or mark.start() == 0 or mark.end() >= len(value):
            out.append(entity)
            continue
        first, rest = value[: mark.start()], value[mark.end() :]
        denied_first = bool(NEGATED.search(text[max(0, start - NEGATION_WINDOW["DATE"]) : start].lower()))
        denied_rest = re.match(r"(?i)not\s+", rest)
        restated = mark.group(0).strip() == "," and BARE_WEEKDAY.match(first) and MONTH_OR_NUMERIC.match(rest)
        if not (denied_first or denied_rest) or restated:
            out.append(entity)
            continue
        rest_start = start + mark.end() + (denied_rest.end() if denied_rest else 0)
        out.append({**entity, ENTITY_ATTRIBUTE_END: start + len(first), ENTITY_ATTRIBUTE_VALUE: first})
        out.append({**entity, ENTITY_ATTRIBUTE_START: rest_start, ENTITY_ATTRIBUTE_VALUE: text[rest_start:end]})
    return out


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class EntityRoles(UntrainedComponent, EntityExtractorMixin):
    """Adds missed dates and gives PERSON, ORG and DATE entities their role in the user's story."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """The cue file and how far before an entity cues are looked for."""
        return {"cues": str(CUES_FILE), "window": 45}

    @property
    def cues(self) -> Dict[str, Any]:
        """The cue tables."""
        return load_cues(self._config["cues"])

    def _with_today(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """A DATE 'today' for "just got out of my interview", "an hour ago", "in 2 hours" when no date covers it."""
        taken = [e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) in ("DATE", "TIME")]
        for match in TODAY_PHRASES.finditer(text):
            if not _overlaps(match.start(), match.end(), [e for e in taken if e.get(ENTITY_ATTRIBUTE_TYPE) == "DATE"]):
                kept = [e for e in entities if not _overlaps(match.start(), match.end(), [e])]
                return kept + [_entity("DATE", match.start(), match.end(), "today")]
        return entities

    def _with_extra_dates(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """The entities plus DATEs for the date phrases no extractor found, or found only in part."""
        entities = list(entities)
        dates = [e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) in ("DATE", "TIME")]
        times = [e for e in dates if e.get(ENTITY_ATTRIBUTE_TYPE) == "TIME"]
        dates = [e for e in dates if e not in times or not EXTRA_DATES.fullmatch(str(e.get(ENTITY_ATTRIBUTE_VALUE)))]
        added = []
        for match in EXTRA_DATES.finditer(text):
            inside = [
                e
                for e in dates
                if match.start() <= e[ENTITY_ATTRIBUTE_START] and e[ENTITY_ATTRIBUTE_END] <= match.end()
            ]
            if inside and len(match.group(0)) > max(
                e[ENTITY_ATTRIBUTE_END] - e[ENTITY_ATTRIBUTE_START] for e in inside
            ):
                for part in inside:  # "end of next week" where spaCy saw only "next week"
                    entities.remove(part)
                    dates.remove(part)
            same_time = [t for t in times if (t[ENTITY_ATTRIBUTE_START], t[ENTITY_ATTRIBUTE_END]) == match.span()]
            if same_time and not any(d for d in dates if d not in times and _overlaps(match.start(), match.end(), [d])):
                entities = [e for e in entities if e not in same_time]  # "this morning": a day, not a clock time
                dates = [d for d in dates if d not in same_time]
            if _overlaps(match.start(), match.end(), dates + added):
                continue
            added.append(_entity("DATE", match.start(), match.end(), match.group(0)))
        return entities + added

    def _job_titles(self, text: str) -> List[Dict[str, Any]]:
        """The first 'role' entity (the job applied for) from the way people name the post."""
        found: List[Dict[str, Any]] = []
        stop = set(self.cues["not_job_title_words"])
        not_titles = {t.lower() for t in self.cues["not_job_titles"]}
        modifiers = "|".join(re.escape(m) for m in self.cues["title_modifiers"])
        held_alone = {m.lower() for m in self.cues["title_modifiers"]}
        heads = tuple(self.cues["job_title_heads"])
        for pattern in JOB_TITLES + (CANDIDATE_FOR,) + head_title_patterns(heads):
            for match in _overlapping(pattern, text):
                title = match.group(1)
                cut = TITLE_SENTENCE_END.search(title)
                title = TITLE_TAIL.sub("", (title[: cut.start()] if cut else title).strip(" .,'"))
                held = re.match(rf"(?i)(?:(?:{modifiers})\s+)+", title) if modifiers else None
                start = match.start(1) + (held.end() if held else 0)
                title = title[held.end() :] if held else title
                words = {w.lower().strip(".,") for w in title.split() if not (w.isupper() and len(w) > 1)}
                has_digit_word = any(re.search(r"\d", w) and not re.fullmatch(r"\d+(st|nd|rd|th)", w) for w in words)
                if (
                    not title
                    or words & stop
                    or title.lower() in not_titles
                    or title.lower() in held_alone
                    or has_digit_word
                    or _overlaps(match.start(1), match.end(1), found)
                ):
                    continue
                found.append(_entity("role", start, start + len(title), title))
        return sorted(found, key=lambda e: e[ENTITY_ATTRIBUTE_START])[:1]

    def _with_seniority(self, text: str, entity: Dict[str, Any]) -> Dict[str, Any]:
        """The model's job title with the level said in front of it: "Senior product manager", not "product manager"."""
        start, end = _span_of(entity)
        levels = "|".join(re.escape(w) for w in self.cues["title_seniority"])
        level = re.search(rf"(?i)\b(?:(?:{levels})\.?\s+)+$", text[:start]) if levels else None
        if not level or str(entity.get(ENTITY_ATTRIBUTE_VALUE, "")).lower() != text[start:end].lower():
            return entity
        value = text[level.start() : end]
        return {**entity, ENTITY_ATTRIBUTE_START: level.start(), ENTITY_ATTRIBUTE_VALUE: value.lower()}

    def _employers(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """ORG entities for capitalised names after 'at'/'with' that no extractor found."""
        stop = set(self.cues["not_people"]) | set(self.cues["not_org_words"])
        taken = [e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) in ("ORG", "PERSON", "DATE", "role", "agency")]
        found: List[Dict[str, Any]] = []
        for match in PROPER_RUN.finditer(text):
            name = match.group(1)
            # a word of the name DIET took for an agency ("Staffing" of "Vertex IT Staffing") does not stop it
            blocking = [
                e
                for e in taken + found
                if not (
                    e.get(ENTITY_ATTRIBUTE_TYPE) == "agency"
                    and match.start(1) <= e.get(ENTITY_ATTRIBUTE_START, -1)
                    and e.get(ENTITY_ATTRIBUTE_END, -1) <= match.end(1)
                    and e.get(ENTITY_ATTRIBUTE_END, -1) - e.get(ENTITY_ATTRIBUTE_START, -1) < len(name)
                )
            ]
            if name.split()[0].lower().strip(".,") in stop or _overlaps(match.start(1), match.end(1), blocking):
                continue
            if self._person_with(text, match.start(1), match.end(1), taken):
                found.append(_entity("PERSON", match.start(1), match.end(1), name))
                continue  # "interviewed at Kestrel Foods with Marta Lind": Marta Lind is a person
            found.append(_entity("ORG", match.start(1), match.end(1), name))
        plain = stop | set(self.cues["not_orgs"]) | INTERVIEW_KINDS
        for match in ORG_INTERVIEW.finditer(text):
            words = [w.lower().strip(".,'") for w in match.group(1).split()]
            if not set(words) & plain and not _overlaps(
                match.start(1), match.end(1), [e for e in taken + found if e.get(ENTITY_ATTRIBUTE_TYPE) != "role"]
            ):
                found.append(_entity("ORG", match.start(1), match.end(1), match.group(1)))
        orgs = set(self.cues["org_words"]) | set(self.cues["employer_name_words"])
        for match in CONTACTED_ORG.finditer(text):
            last = match.group(1).split()[-1].lower().strip(".,'")
            plural = last.endswith("s") and not last.endswith(("ss", "'s")) and len(match.group(1).split()) > 1
            if (plural or last in orgs or last.rstrip("s") in orgs) and not _overlaps(
                match.start(1), match.end(1), taken + found
            ):
                found.append(_entity("ORG", match.start(1), match.end(1), match.group(1)))
        lowered_stop = stop | set(self.cues["not_lowercase_employers"])
        for match in LOWERCASE_EMPLOYER.finditer(text):
            name, end = match.group(1), match.end(1)
            if name in lowered_stop or _overlaps(match.start(1), end, taken + found):
                continue
            more = re.match(r"\s+([a-z]+)\b", text[end:])  # "a recruiter at northgate insurance": the whole name
            if more and more.group(1) in orgs:
                name, end = f"{name} {more.group(1)}", end + more.end()
            found.append(_entity("ORG", match.start(1), end, " ".join(w[:1].upper() + w[1:] for w in name.split())))
        for match in PUBLIC_EMPLOYER.finditer(text):
            if not _overlaps(match.start(1), match.end(1), taken + found):
                found.append(_entity("ORG", match.start(1), match.end(1), match.group(1)))
        for match in LOWERCASE_MET.finditer(text):
            name = match.group("o")
            if name in lowered_stop or _overlaps(match.start("o"), match.end("o"), taken + found):
                continue
            found.append(
                _entity("ORG", match.start("o"), match.end("o"), " ".join(w[:1].upper() + w[1:] for w in name.split()))
            )
        return found

    def _person_with(self, text: str, start: int, end: int, taken: List[Dict[str, Any]]) -> bool:
        """Whether a capitalised name after "with" is a person's ("at Kestrel Foods with Marta Lind").

        A first name and a surname, no organisation word, in a message that names the employer otherwise.
        """
        words = text[start:end].split()
        if not re.search(r"\b(?:with|w/?)\s+$", text[max(0, start - 8) : start].lower()):
            return False
        if len(words) != 2 or not all(re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?", w) for w in words):
            return False
        orgs = set(self.cues["org_words"]) | set(self.cues["employer_name_words"]) | set(self.cues["agency_name_words"])
        if {w.lower() for w in words} & orgs:
            return False
        return any(e.get(ENTITY_ATTRIBUTE_TYPE) == "ORG" and not _overlaps(start, end, [e]) for e in taken)

    def _lowercase_story(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """Employer, job title and names in a message typed all in lower case, where spaCy sees none of them.

        "interview today at riverside public library for branch manager", "3 ppl: jen ortiz, tom akers and the
        director maria santos", "the hiring manager dana reyes".
        """
        if re.search(r"[A-Z]", text):
            return entities
        stop = set(STOP_WORDS) | set(self.cues["not_people"]) | set(self.cues["not_org_words"])
        stop |= {word for noun in self.cues["person_nouns"] for word in noun.split()} | NOT_LOWERCASE_NAMES
        found: List[Dict[str, Any]] = []

        def add(kind: str, start: int, end: int, value: str) -> None:
            if not _overlaps(start, end, entities + found):
                found.append(_entity(kind, start, end, value))

        for match in LOWER_AT_FOR.finditer(text):
            org, title = match.group("o"), match.group("r")
            if not set(org.split()) & (stop - {"of", "and"}) and org.split()[0] not in stop:
                add("ORG", match.start("o"), match.end("o"), " ".join(w.capitalize() for w in org.split()))
            cut = TITLE_SENTENCE_END.search(title)
            title = title[: cut.start()] if cut else title
            if not set(title.split()) & set(self.cues["not_job_title_words"]):
                add("role", match.start("r"), match.start("r") + len(title), title)
        nouns = "|".join(re.escape(n) for n in sorted(self.cues["person_nouns"], key=len, reverse=True))
        after_noun = re.compile(rf"\b(?:{nouns})\s*,?\s+(?P<n>{LOWER_NAME})(?=\s*(?:[,.;!?)]|$)|\s+(?:and|from|at)\b)")
        spans = [(m.start("n"), m.group("n")) for m in after_noun.finditer(text)]
        for match in LOWER_LIST.finditer(text):
            for name in re.finditer(LOWER_NAME, match.group("l")):
                spans.append((match.start("l") + name.start(), name.group(0)))
        for start, name in spans:
            words = name.split()
            if not set(words) & stop:
                add("PERSON", start, start + len(name), " ".join(w.capitalize() for w in words))
        return entities + found

    def _titled_person(self, text: str, entity: Mapping[str, Any]) -> bool | None:
        """Whether spaCy's ORG is a person: True for "Rafael Costa (Head of Marketing)", False for the title itself.

        A title may follow a word or two inside the brackets: "Gemma Saunders (payroll team lead)".

        None for a real organisation ("at Northwind (the recruiter said hi)").
        """
        titles = sorted(self.cues["person_roles"]["interviewer"] + self.cues["person_nouns"], key=len, reverse=True)
        title = "|".join(re.escape(t) for t in titles)
        value = str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "")
        if re.match(rf"(?i)(?:the\s+)?(?:{title})\b", value):
            return False
        start, end = entity.get(ENTITY_ATTRIBUTE_START, 0), entity.get(ENTITY_ATTRIBUTE_END, 0)
        words = value.lower().split()
        name_like = 2 <= len(words) <= 3 and not set(words) & set(self.cues["org_words"])
        at_place = re.search(
            r"(?i)\b(?:at|for|from|join|joined|joining)\s+(?:the\s+)?$", text[max(0, start - 12) : start]
        )
        after = text[end : end + 40]
        if (
            name_like
            and re.search(  # "I met the VP of engineering, Olusegun Bakare, at Ferrow": the title first
                rf"(?i)\b(?:the|my|our|their|a|an)\s+(?:{title})(?:\s+(?:of|for)?\s*[\w&-]+){{0,3}}\s*,\s*$",
                text[max(0, start - 60) : start],
            )
            and re.match(r"\s*(?:[,.;!?)]|$|\s(?:at|from|and|who|on|for)\b)", after)
        ):
            return True
        if (
            name_like
            and not at_place
            and re.match(
                # "Nadia Petrov, the in-house recruiter at ...": a word or two may come before the title
                rf"(?i)\s*(?:\(\s*(?:the\s+|a\s+|an\s+|our\s+)?(?:[\w&-]+\s+){{0,2}}"
                rf"|,\s*(?:the\s+|a\s+|an\s+|our\s+|my\s+)?(?:[\w&-]+\s+){{0,2}})"
                rf"(?:{title})\b",
                after,
            )
        ):
            return True
        return None

    def _product_name(self, text: str, start: int) -> bool:
        """Whether the name at start is a product's, said right after one: "their last game, Hollowmere"."""
        nouns = "|".join(re.escape(n) for n in sorted(self.cues["product_nouns"], key=len, reverse=True))
        return bool(nouns) and bool(
            re.search(
                rf"(?i)\b(?:their|the|its|his|her|your|our|my|a|latest|last|new|recent)\s+(?:[\w'-]+\s+){{0,2}}"
                rf"(?:{nouns})\s*[,:(-]?\s*(?:called\s+|named\s+|titled\s+)?[\"'“‘]?$",
                text[max(0, start - 60) : start],
            )
        )

    def _tool_name(self, text: str, entity: Mapping[str, Any]) -> bool:
        """Whether a name is software the user works with ("working with Salesforce and Figma"), no one's name."""
        tools = set(self.cues["tool_names"])
        if str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "").lower() not in tools:
            return False
        before = text[
            max(0, int(entity.get(ENTITY_ATTRIBUTE_START, 0)) - 40) : int(entity.get(ENTITY_ATTRIBUTE_START, 0))
        ]
        if EMPLOYER_BEFORE.search(before):
            return False
        listed = TOOL_LISTED_BEFORE.search(before)
        return bool(TOOL_USE_BEFORE.search(before) or (listed and listed.group(1).lower().split()[-1] in tools))

    def _addressed_people(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """A PERSON to match with a known name for "ask Nadia", "write the message to Nadia" that spaCy missed.

        Also a name respelled with a letter note ("it's Telvana with one n"): the action server matches it
        with a known name or the employer.
        """
        stop = set(self.cues["not_people"]) | set(self.cues["not_org_words"]) | set(STOP_WORDS)
        found = [
            {**_entity("PERSON", m.start("n"), m.end("n"), m.group("n")), "additional_info": {"known_only": True}}
            for m in ADDRESSED_NAME.finditer(text)
            if m.group("n").lower() not in stop and not _overlaps(m.start("n"), m.end("n"), entities)
        ]
        found += [
            _entity("PERSON", m.start("n"), m.end("n"), m.group("n"))
            for m in RESPELLED.finditer(text)
            if m.group("n").lower() not in stop and not _overlaps(m.start("n"), m.end("n"), entities + found)
        ]
        found += [  # "name's Tomasz Wren" (spaCy: a work of art): the user's own name
            _entity("PERSON", m.start("n"), m.end("n"), m.group("n"))
            for m in SELF_NAMED.finditer(text)
            if not {w.lower() for w in m.group("n").split()} & stop
            and not _overlaps(m.start("n"), m.end("n"), entities + found)
        ]
        return entities + found

    def _lowercase_people(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """A PERSON for a name typed in lower case where only a person fits.

        "met w/ raj patel at twilio", "interviewer = sophie turner", "me = ben walsh", "my name's ben walsh".
        """
        stop = (
            set(self.cues["not_people"]) | set(self.cues["not_org_words"]) | set(self.cues["not_lowercase_employers"])
        )
        stop |= {word for noun in self.cues["person_nouns"] for word in noun.split()} | NOT_LOWERCASE_NAMES
        found: List[Dict[str, Any]] = []
        for match in [*LOWERCASE_MET.finditer(text), *LOWERCASE_NAMED.finditer(text)]:
            group = next(name for name in ("q", "r", "p") if match.groupdict().get(name))
            words = match.group(group).split()
            if group == "r" and words[0] in STOP_WORDS:
                continue  # "the hiring manager is off limits"
            if any(word in stop for word in words) or _overlaps(match.start(group), match.end(group), entities + found):
                continue
            if re.fullmatch(NAME_FILLERS, words[0]):
                continue  # "Wren is MY name btw": a filler, nobody's name
            value = " ".join(name_cased(w) for w in words)
            found.append(_entity("PERSON", match.start(group), match.end(group), value))
            org = LOWER_ORG_AFTER_NAME.match(text, match.end(group)) if group == "q" else None
            if org and org.group(1).split()[0] not in stop and not _overlaps(*org.span(1), entities + found):
                name = " ".join(w[:1].upper() + w[1:] for w in org.group(1).split())  # "tom reyes at kinderly"
                found.append(_entity("ORG", org.start(1), org.end(1), name))
        stop |= set(STOP_WORDS) | set(self.cues["not_names"]) | set(self.cues["job_title_heads"])
        for match in LOWERCASE_TITLED.finditer(text):  # "mr whitaker": the title kept, as in "Mr. Whitaker"
            if match.group("p").split()[0] in stop or _overlaps(match.start(), match.end(), entities + found):
                continue
            if any(w in stop or w.endswith("ed") for w in match.group("p").split()[1:]):
                continue  # "dr shah said ...": a name, then ordinary words
            name = " ".join(name_cased(w) for w in match.group("p").split())
            value = f"{match.group('t').capitalize()}. {name}"
            found.append(_entity("PERSON", match.start(), match.end("p"), value))
        stop_words = stop | set(STOP_WORDS) | set(self.cues["org_words"])
        titles = {w for t in self.cues["job_title_heads"] + self.cues["person_nouns"] for w in t.split()}
        titles |= {
            w for t in self.cues["person_roles"]["interviewer"] + self.cues["title_seniority"] for w in t.split()
        }
        patterns = (LOWERCASE_WITH, LOWERCASE_BRACKETED, LOWERCASE_IN_BRACKETS, LOWERCASE_PART_AT)
        patterns += (LOWERCASE_AFTER_PART, LOWERCASE_NAME_ITS, LOWERCASE_WITH_AT)
        stop_words |= set(self.cues["not_job_title_words"]) | set(self.cues["not_names"])
        for match in [m for pattern in patterns for m in pattern.finditer(text)]:
            words = match.group("p").split()
            if (
                any(w in stop_words or (len(w) > 5 and w.endswith(NOT_NAME_ENDINGS)) for w in words)
                or _overlaps(match.start("p"), match.end("p"), entities + found)
                or (match.re is LOWERCASE_BRACKETED and not set(re.split(r"[ /&-]+", match.group("t"))) & titles)
                or (match.re in LATE_PATTERNS and any(w.endswith("ly") or w in NOT_LOWERCASE_PEOPLE for w in words))
            ):
                continue  # "an interview with two people", "and stakeholder management (mostly)": no name
            value = " ".join(name_cased(w) for w in words)
            found.append(_entity("PERSON", match.start("p"), match.end("p"), value))
        for match in CASUAL_NAMES.finditer(text):
            group = next(g for g in ("s", "q", "w", "a", "h") if match.group(g))
            words = match.group(group).split()
            if (
                any(w in stop or (len(w) > 5 and w.endswith(NOT_NAME_ENDINGS)) for w in words)
                or match.group(group).lower() != match.group(group)
                or _overlaps(match.start(group), match.end(group), entities + found)
            ):
                continue  # "im nervous", "the recruiter is lovely", "its with the hiring manager", "I'm Jess" (spaCy's)
            value = " ".join(name_cased(w) for w in words)
            found.append(_entity("PERSON", match.start(group), match.end(group), value))
            org = LOWER_ORG_AFTER_NAME.match(text, match.end(group)) if group in ("q", "w") else None
            if org and org.group(1).split()[0] not in stop and not _overlaps(*org.span(1), entities + found):
                name = " ".join(
                    w[:1].upper() + w[1:] for w in org.group(1).split()
                )  # "its with marcus at lumen dental"
                found.append(_entity("ORG", org.start(1), org.end(1), name))
        return entities + found

    def _own_names(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """A PERSON for the user's own capitalised name spaCy missed ("i'm Ana, my interview ...", "Hi, Priya here")."""
        stop = set(self.cues["not_names"]) | set(self.cues["not_people"]) | set(STOP_WORDS)
        found: List[Dict[str, Any]] = []
        for match in [*OWN_NAME_CAPITALISED.finditer(text), *HERE_NAME.finditer(text), *OWN_NAME_ITS.finditer(text)]:
            if match.re is HERE_NAME and not (match.start() == 0 and SELF_HERE.match(text, match.end("n"))):
                continue
            words = match.group("n").split()
            if any(w.lower() in stop or (len(w) > 5 and w.lower().endswith(NOT_NAME_ENDINGS)) for w in words):
                continue  # "I'm Sorry", "I'm Interviewing": no name
            if not _overlaps(match.start("n"), match.end("n"), entities):
                found.append(_entity("PERSON", match.start("n"), match.end("n"), match.group("n")))
        return entities + found

    def _people_by_part(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """A PERSON, with the part the user gave them, for a name said to be the recruiter or the interviewer.

        "recruiter is called marco" (spaCy: an organisation), "marco is the RECRUITER": the part said outright
        beats any other reading of those words.
        """
        stop = set(self.cues["not_people"]) | NOT_LOWERCASE_NAMES | set(STOP_WORDS)
        found: List[Dict[str, Any]] = []
        for match in PERSON_BY_PART.finditer(text):
            group = next(g for g in ("p", "q", "s", "t", "u", "v") if match.group(g))
            parts = ("r", "r2", "r3", "r4", "r5", "r6", "r7")
            part = next((match.group(r) for r in parts if match.group(r)), "").lower()
            words = match.group(group).split()
            if words[0].lower() in stop or words[0].lower() in self.cues["not_lowercase_employers"]:
                continue
            value = " ".join(
                w if i and NAME_PARTICLE.fullmatch(w) else w[:1].upper() + w[1:] for i, w in enumerate(words)
            )  # "Lotte van den Broek": the particles stay lower case
            person = _entity("PERSON", match.start(group), match.end(group), value)
            person[DATE_INFO] = {
                "part_said": "recruiter" if part in ("recruiter", "contact", "consultant") else "interviewer"
            }
            found.append(person)
        said = {str(p[ENTITY_ATTRIBUTE_VALUE]).lower(): p[DATE_INFO] for p in found}
        for org in entities:  # "my recruiter is Tasha ... the message to Tasha": the same name is the same person
            value = str(org.get(ENTITY_ATTRIBUTE_VALUE) or "")
            if (
                org.get(ENTITY_ATTRIBUTE_TYPE) == "ORG"
                and value.lower() in said
                and not _overlaps(org.get(ENTITY_ATTRIBUTE_START, -1), org.get(ENTITY_ATTRIBUTE_END, -1), found)
            ):
                start = int(org.get(ENTITY_ATTRIBUTE_START, 0))
                person = _entity("PERSON", start, start + len(value), value)
                person[DATE_INFO] = dict(said[value.lower()])
                found.append(person)
        kept = [
            e
            for e in entities
            if not (
                e.get(ENTITY_ATTRIBUTE_TYPE) in ("ORG", "PERSON")
                and _overlaps(e.get(ENTITY_ATTRIBUTE_START, -1), e.get(ENTITY_ATTRIBUTE_END, -1), found)
            )
        ]
        return kept + found

    def _supposed(self, text: str, start: int) -> bool:
        """Whether the words at start sit in a clause that only supposes them ("what if I get another offer")."""
        clause = _clause_before(text, start, 80)
        clause = clause[clause.rfind(",") + 1 :]
        for end, phrase in _phrase_positions(clause, self.cues["conditional_cues"]):
            before = clause[: end - len(phrase)].split()
            if not before or before[-1] not in self.cues["conditional_not_after"]:
                return True
        return False

    def _doubted(self, text: str, start: int) -> bool:
        """Whether a question of the user's asks if the fact at start is so ("does it mean I didn't get it?").

        A doubt cue (fact_doubt_cues) within the last few words before it, in a sentence ending with "?", or
        "whether" / "wondering" earlier in its clause.
        """
        opening = max(text.rfind(mark, 0, start) for mark in ".!?\n") + 1
        closing = min([i for i in (text.find(mark, start) for mark in ".!?\n") if i >= 0] or [len(text)])
        clause = re.split(
            r",|;|\b(?:since|because|cause|cuz|as|after|when|now that|but|and|so|though|given)\b", text[opening:start]
        )[-1]
        if _phrase_positions(clause, ("whether", "wondering")):
            return True
        near = " ".join(clause.split()[-FACT_DOUBT_WORDS:])
        return text[closing : closing + 1] == "?" and bool(_phrase_positions(near, self.cues["fact_doubt_cues"]))

    def _facts(self, text: str) -> List[Dict[str, Any]]:
        """followed_up / rejected / no_contact (yes, or no when said in the negative) and no_timeline entities.

        A fact only supposed ("what if I get another offer") sets nothing; a denied competing offer is "no".
        """
        lowered = text.lower().replace("\u2019", "'")
        found = []
        for name, patterns in self.cues["fact_patterns"].items():
            negated = _first_search(self.cues["negated_fact_patterns"].get(name, []), lowered)
            match = negated or _first_search(patterns, lowered)
            if match and name == "followed_up" and not negated and THANK_YOU_NOTE.search(_sentence_at(lowered, match)):
                continue  # "I sent my thank-you note yesterday" is a thank-you, not a follow-up
            if match and not negated and name == "rejected" and self._doubted(lowered, match.start()):
                continue  # "should I assume I didn't get it?" asks; nobody said no
            if match and not self._supposed(lowered, match.start()):
                found.append(_entity(name, match.start(), match.end(), "no" if negated else "yes"))
        for name, patterns in self.cues["fact_also_patterns"].items():
            negated = _first_search(self.cues["negated_fact_patterns"].get(name, []), lowered)
            match = negated or _first_search(patterns, lowered)
            if match and self._supposed(lowered, match.start()):
                continue
            if match and not negated and name == "to_recruiter" and ASIDE_TO_RECRUITER.match(lowered, match.end()):
                continue  # "don't ask about remote work (I'll ask the recruiter about that)": not whom the draft is for
            if match and name == "requested_items" and _overlaps(*match.span(), self._own_question(text)):
                continue  # "I'd like to ask whether they need references from me": asked, nobody requested them
            if negated:
                found.append(_entity(name, negated.start(), negated.end(), "no"))
            elif match:  # a group `who` narrows the span to the person ("email [the recruiter]"), clear of the channel
                start, end = match.span("who") if "who" in match.re.groupindex else match.span()
                found.append(_entity(name, start, end, "yes"))
        return found

    def _channel(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """A channel entity from channel_patterns when DIET found none but one said not to be it ("not an email")."""
        lowered = text.lower()

        def said_not(start: int) -> bool:
            """Whether the words right before a channel say it is the wrong one."""
            return bool(NEGATED.search(lowered[max(0, start - NEGATION_WINDOW["channel"]) : start]))

        found = [e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) == "channel"]
        other = [e for e in found if not _is_email(e)]
        match = self._no_address(lowered)  # "I don't actually have her email" outranks the model's "email" there
        if match and not other:  # (not "only on LinkedIn, no email" or "she called me": that is the channel then)
            return [_entity("channel", match.start(1), match.end(1), "none")]
        if any(not said_not(int(e.get(ENTITY_ATTRIBUTE_START) or 0)) for e in found):
            return []
        for value, patterns in self.cues["channel_patterns"].items():
            for pattern in patterns:
                match = next((m for m in _rx(pattern).finditer(lowered) if not said_not(m.start(1))), None)
                if match and not _overlaps(match.start(1), match.end(1), found):
                    return [_entity("channel", match.start(1), match.end(1), value)]
        return []

    def _no_address(self, lowered: str) -> re.Match | None:
        """The words saying the user has no address for them ("I didn't write down her email"), if any."""
        return next(
            (m for m in (_rx(p).search(lowered) for p in self.cues["channel_patterns"].get("none", [])) if m), None
        )

    def _own_question(self, text: str) -> List[Dict[str, Any]]:
        """An `own_question` entity: the user's own question in their words ("I want to ask whether ...")."""
        match = OWN_QUESTION.search(text)
        if not match:
            return []
        words = OWN_QUESTION_END.split(match.group("q"))[0].strip(" ,;:'\"")
        if len(words.split()) < 3 or NOT_OWN_QUESTION.match(words) or ABOUT_THE_OUTREACH.search(words):
            return []
        start = match.start("q")
        return [_entity("own_question", start, start + len(words), words)]

    def _strength(self, text: str) -> List[Dict[str, Any]]:
        """A `strength` entity: what the user wants a thank-you to recall ("the strength is building dashboards")."""
        match = STRENGTH.search(text)
        if not match:
            return []
        words = STRENGTH_END.split(match.group("s"))[0]
        if words == match.group("s") and re.match(r"\w", text[match.end("s") : match.end("s") + 1]):
            words = words.rsplit(" ", 1)[0]  # cut at the length limit: never half a word ("she seemed to like th")
            words = re.sub(r"(?i)(?:\s+(?:a|an|the|for|in|of|to|with|at|on|and|or|my|your))+$", "", words)
        words = re.split(r"[=:]", words)[-1].strip(" ,;:-\u2013\u2026")  # "...we discussed with him = AML work"
        start = match.start("s")
        lead = re.match(
            r"(?i)experience\s+(?:in|with|of)?\s*", words
        )  # "my experience migrating ..." -> "migrating ..."
        if lead and len(words[lead.end() :].split()) >= 2:
            start, words = start + lead.end(), words[lead.end() :]
        longer = 0  # how much longer the words are than the text they stand for
        how = re.match(r"(?i)how (?:i|we) (\w+)\s+", words)  # "how I rebuilt the cost dashboard": "rebuilding ..."
        if how and _gerund(how.group(1)):
            rest = words[how.end() :]
            start, words = start + how.start(1), f"{_gerund(how.group(1))} {rest}"
            longer = len(words) - len(how.group(0)) + how.start(1) - len(rest)
        tail = re.search(r"(?i)\s+(?:experience|background|skills?)$", words)  # "my SAP migration experience"
        if tail and len(words[: tail.start()].split()) >= 2:
            words = words[: tail.start()]
        found = _entity("strength", start, start + len(words) - longer, words)
        return [found] if len(words.split()) >= 2 else []

    def _table_matches(self, table: str, text: str) -> Iterator[Tuple[str, re.Match[str]]]:
        """(value, first match) for each value of a pattern table that matches the lower-cased text, in file order."""
        lowered = text.lower().replace("\u2019", "'")
        for value, patterns in self.cues[table].items():
            match = _first_search(patterns, lowered)
            if match:
                yield value, match

    def _phrase_entity(self, table: str, entity: str, text: str) -> List[Dict[str, Any]]:
        """An entity valued with the first key of a phrase table (in file order) whose phrase is in text."""
        lowered = text.lower().replace("\u2019", "'")
        for value, phrases in self.cues[table].items():
            match = next((m for m in (_word(p).search(lowered) for p in phrases if p in lowered) if m), None)
            if match:
                return [_entity(entity, match.start(), match.end(), value)]
        return []

    def _thanks(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """A `thanks` entity (for_meeting or mention) from thanks_patterns: "thank you for your time".

        None over the words of a named goal ("a thank you email" is the `goal` thank_you already).
        """
        found = next(self._table_matches("thanks_patterns", text), None)
        if not found or _overlaps(found[1].start(), found[1].end(), entities):
            return []
        return [_entity("thanks", found[1].start(), found[1].end(), found[0])]

    def _stated_and_named(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """A job title said to be the role ("the role is X") gets the role `stated`; a channel word its channel."""
        words = {w: channel for channel, ws in self.cues["channel_words"].items() for w in ws}
        out = []
        for entity in entities:
            kind, start = entity.get(ENTITY_ATTRIBUTE_TYPE), entity.get(ENTITY_ATTRIBUTE_START)
            if kind == "role" and isinstance(start, int) and ROLE_CUE.search(text[max(0, start - 30) : start].lower()):
                entity = {**entity, ENTITY_ATTRIBUTE_ROLE: "stated"}
            elif kind == "channel" and str(entity.get(ENTITY_ATTRIBUTE_VALUE)).lower() in words:
                entity = {**entity, ENTITY_ATTRIBUTE_VALUE: words[str(entity[ENTITY_ATTRIBUTE_VALUE]).lower()]}
            out.append(entity)
        return out

    def _stage_reached(self, text: str) -> List[Dict[str, Any]]:
        """A `stage_reached` entity (final or early) from stage_phrases: "rejected after the second round".

        Rounds said to be still ahead ("two more rounds to go") make the stage early (stage_rounds_ahead).
        """
        found = self._phrase_entity("stage_phrases", "stage_reached", text)
        lowered = text.lower().replace("\u2019", "'")
        ahead = next((m for m in (_word(p).search(lowered) for p in self.cues["stage_rounds_ahead"]) if m), None)
        if ahead:
            return [
                {
                    **_entity("stage_reached", ahead.start(), ahead.end(), "early"),
                    "additional_info": {"rounds_ahead": True},
                }
            ]
        return found

    def _invitation(self, text: str) -> List[Dict[str, Any]]:
        """An `invited_to_contact` entity (yes or no) from invitation_cues: "she said it's fine to email them"."""
        found = self._phrase_entity("invitation_cues", "invited_to_contact", text)
        if found and found[0][ENTITY_ATTRIBUTE_VALUE] == "invited" and self._asked_not_reported(text, found[0]):
            return []  # "so it's fine to go around carlos?": the user's own question, nobody's invitation
        if found and self._supposed(text, int(found[0][ENTITY_ATTRIBUTE_START])):
            return []  # "if she says it's fine to email them": supposed, not said
        if found and found[0][ENTITY_ATTRIBUTE_VALUE] == "invited" and self._denied(text, found[0]):
            return [{**found[0], ENTITY_ATTRIBUTE_VALUE: "no"}]  # "nobody from the bank said I could contact them"
        return [
            {**e, ENTITY_ATTRIBUTE_VALUE: "no" if e[ENTITY_ATTRIBUTE_VALUE] == "not_invited" else "yes"} for e in found
        ]

    def _denied(self, text: str, entity: Mapping[str, Any]) -> bool:
        """Whether a negator (invitation_negators) opens the part of the clause before the words."""
        start = int(entity[ENTITY_ATTRIBUTE_START])
        opening = max(text.rfind(mark, 0, start) for mark in ".!?;,\n") + 1
        before = text[opening:start].lower().replace("\u2019", "'")
        before = re.split(r"\b(?:but|and|though|although)\b", before)[-1]
        return bool(_phrase_positions(before, self.cues["invitation_negators"]))

    def _asked_not_reported(self, text: str, entity: Mapping[str, Any]) -> bool:
        """Whether the words sit in a question of the user's with no one said to have said them (said_cues)."""
        start, end = int(entity[ENTITY_ATTRIBUTE_START]), int(entity[ENTITY_ATTRIBUTE_END])
        opening = max(text.rfind(mark, 0, start) for mark in ".!?\n") + 1
        closing = min([i for i in (text.find(mark, end) for mark in ".!?\n") if i >= 0] or [len(text)])
        before = text[opening:start].lower().replace("\u2019", "'")
        return text[closing : closing + 1] == "?" and not _phrase_positions(before, self.cues["said_cues"])

    def _forbids_contact(self, text: str, entity: Mapping[str, Any]) -> bool:
        """Whether an extractor's no_contact entity really forbids contact (else it is dropped).

        A negation together with a contact word ("no calls please"), or "only through the agency"; "no" alone
        says nobody forbade it. "my recruiter hasn't told me anything" does not count.
        """
        if entity.get(ENTITY_ATTRIBUTE_TYPE) != "no_contact" or entity.get("extractor") == EXTRACTOR:
            return True
        start, end = entity.get(ENTITY_ATTRIBUTE_START), entity.get(ENTITY_ATTRIBUTE_END)
        words = str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
            words = text[start:end]
        lowered = words.lower().replace("\u2019", "'")
        if lowered == "no":
            return True
        cues = self.cues["no_contact_cues"]
        negated = bool(_phrase_positions(lowered, cues["negations"])) or "n't " in lowered + " "
        return (negated and bool(_phrase_positions(lowered, cues["contact_words"]))) or bool(
            _phrase_positions(lowered, cues["only_through"])
        )

    def _goals(self, text: str) -> List[Dict[str, Any]]:
        """A `goal` entity when the user names what they want ("thx note pls"), unless it is done or unwanted."""
        for value, match in self._table_matches("goal_patterns", text):
            if not DONE_OR_UNWANTED.search(match.string[max(0, match.start() - 25) : match.start()]):
                group = 1 if match.re.groups else 0  # the words naming the goal ("thank you" of "thank you email")
                return [_entity("goal", match.start(group), match.end(group), value)]
        return []

    def _topics(self, text: str) -> List[Dict[str, Any]]:
        """A `topic` entity for each thing a follow-up asks about (topic_patterns): cc, one note each, timing..."""
        return [_entity("topic", m.start(), m.end(), value) for value, m in self._table_matches("topic_patterns", text)]

    def _edits(self, text: str) -> List[Dict[str, Any]]:
        """An `edit` entity for each change asked of the draft, and `edit_text` (role: the kind) for a line's words."""
        found: List[Dict[str, Any]] = []
        for value, first in self._table_matches("edit_patterns", text):
            # "change 'Tuesday' to 'Thursday' and 'Enegry' to 'Energy'": every pair is a change
            for match in first.re.finditer(first.string) if value == "replace" else [first]:
                if OWN_PLAN.search(match.string[max(0, match.start() - 30) : match.start()]):
                    continue  # "ok I'll cut it down myself": the user's plan, not a change asked of the coach
                found.append(_entity("edit", match.start(), match.end(), value))
                found += self._edit_words(match, text, value)
        return found

    @staticmethod
    def _edit_words(match: re.Match[str], text: str, value: str) -> List[Dict[str, Any]]:
        """The `edit_text` entities of one edit: the line (role: the kind), the new words (`with`), the place (`at`)."""
        words: List[Dict[str, Any]] = []
        for group, role in (("what", value), ("to", "with"), ("at", "at")):
            if group not in match.re.groupindex or not match.group(group):
                continue
            start, end = match.span(group)
            said = text[start:end].strip().strip("\"'\u201c\u201d\u2018\u2019").strip()
            if group == "at":  # "at the start", "to the top" / "at the end", "at the bottom"; "after 'X'"
                place = re.search(r"after|before|start|begin|top|open|first", said.lower())
                said = {"after": "after", "before": "before", None: "end"}.get(place and place.group(0), "start")
            words.append({**_entity("edit_text", start, end, said), ENTITY_ATTRIBUTE_ROLE: role})
        return words

    def _question(self, text: str, own: List[Dict[str, Any]] | None = None) -> List[Dict[str, Any]]:
        """A `question` entity naming the practical detail the user wants to ask about (question_patterns).

        When the user says in their own words what they want to ask (`own`, "i want to ask if i should bring my
        portfolio"), the detail named inside those words is the question; a detail only mentioned elsewhere ("it
        was through a teams link") is something they have, not their question (only a doubt outside it counts:
        the time, a broken link, who calls, the format), unless their words point back at it ("what it should cover").
        """
        lowered = text.lower().replace("\u2019", "'")
        matches = [
            (value, match)
            for value, match in self._table_matches("question_patterns", text)
            if not ALREADY_HAVE.search(lowered[max(0, match.start() - 30) : match.start()])
        ]
        if own:
            inside = [
                (value, match)
                for value, patterns in self.cues["question_patterns"].items()
                for match in (m for p in patterns for m in _rx(p).finditer(lowered))
                if _overlaps(match.start(), match.end(), own)
            ]
            # "can I ask what it should cover?" points back at the detail mentioned: that detail is the question
            pointing = _rx(r"(?i)\b(?:it|that|this|they|them)\b").search(str(own[0].get(ENTITY_ATTRIBUTE_VALUE)))
            if not pointing:
                matches = inside[:1] or [(value, m) for value, m in matches if value in DOUBT_QUESTIONS]
            elif inside:
                matches = inside[:1]
        found = matches[0] if matches else None
        if not found:
            return []
        question = _entity("question", found[1].start(), found[1].end(), found[0])
        if INSTEAD.search(lowered[max(0, found[1].start() - 40) : found[1].end() + 40]):
            question[ENTITY_ATTRIBUTE_ROLE] = "instead"  # "ask about parking instead": it replaces the draft's question
        return [question]

    def _person(self, text: str, entity: Dict[str, Any]) -> Dict[str, Any] | None:
        """The PERSON entity with its title and role (None when no cue says), or None when it is not a person."""
        value = str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "").strip()
        start = entity.get(ENTITY_ATTRIBUTE_START, 0)
        greeting = GREETING_WORD.match(value)  # "Dear Kwame", "Hi Sam": the greeting is no part of the name
        if greeting:
            start, value = start + greeting.end(), value[greeting.end() :]
            entity = {**entity, ENTITY_ATTRIBUTE_START: start, ENTITY_ATTRIBUTE_VALUE: value}
        if re.search(r"\w{2}[.,;:!?]$", value):  # "my name is Tom Okafor.": the sentence's full stop
            value = value[:-1]
            entity = {**entity, ENTITY_ATTRIBUTE_END: start + len(value), ENTITY_ATTRIBUTE_VALUE: value}
        tail = DATE_TAIL.search(value)
        if tail:  # "Sarah Cole 3 days ago": the date spaCy ran the name on into
            value = value[: tail.start()]
            entity = {**entity, ENTITY_ATTRIBUTE_END: start + len(value), ENTITY_ATTRIBUTE_VALUE: value}
        words = value.lower().split()
        if not words or all(w.strip(".,") in self.cues["not_people"] for w in words):
            return None
        if all(w.strip(".,") in self.cues["honorifics"] for w in words):
            return None  # "Herr" of "with Herr Dr. Becker": a title, the name is the next PERSON's
        if self._product_name(text, start):
            return None  # "could the note mention their last game, Hollowmere?": a game, no interviewer
        first = OWN_NAME_FIRST.search(text[max(0, start - 40) : start])
        if first and first.group("f").lower() not in STOP_WORDS | set(self.cues["not_people"]):
            # "name's Beatriz Souza" with only "Souza" found: the first name said before it is part of the name
            start -= len(first.group("f")) + len(first.group("gap"))
            value = text[start : entity.get(ENTITY_ATTRIBUTE_END, start)].strip()
            entity = {**entity, ENTITY_ATTRIBUTE_START: start, ENTITY_ATTRIBUTE_VALUE: value}
        given = FIRST_NAME_MISSED.search(text[max(0, start - 40) : start])
        if given and len(words) == 1 and given.group("f").lower() not in self._not_first_names():
            # "and his deputy Aoife Byrne" with only "Byrne" found: the capitalised word before it is the first name
            start -= len(given.group("f")) + len(given.group("gap"))
            value = text[start : entity.get(ENTITY_ATTRIBUTE_END, start)].strip()
            entity = {**entity, ENTITY_ATTRIBUTE_START: start, ENTITY_ATTRIBUTE_VALUE: value}
        title = re.search(
            r"(?i)\b("
            + "|".join(self.cues["honorifics"])
            + r")\.?\s+(?:(?:"
            + "|".join(self.cues["honorifics"])
            + r")\.?\s+)?$",
            text[max(0, start - 20) : start],
        )  # one title or two ("Herr Dr. Becker" with "Becker" or "Dr. Becker" found)
        if title and (title.group(1)[0].isupper() or title.group(1).lower() in ABBREVIATED_TITLES):
            start -= len(title.group(0))
            value = text[start : entity.get(ENTITY_ATTRIBUTE_END, start)].strip()
        before = _clause_before(text, start, self._config["window"])
        if REFERENCES_NAMED.search(_clause_before(text, start, 120)):
            # "my references are my old supervisor John Ruiz and Dr. Amy Lee": people the user names, not contacts
            return {
                **entity,
                ENTITY_ATTRIBUTE_START: start,
                ENTITY_ATTRIBUTE_VALUE: value,
                ENTITY_ATTRIBUTE_ROLE: "reference",
            }
        hr_at = CLIENT_HR_AT.search(before)
        agency_hr = hr_at and (
            hr_at.group("o").lower() in self.cues["known_agencies"] or AGENCY_WORDS.search(hr_at.group("o"))
        )
        if CLIENT_HR.search(before) or (hr_at and not agency_hr):
            # "deloitte's HR person (Laura Chen)": the employer's own HR, never the agency's recruiter
            return {
                **entity,
                ENTITY_ATTRIBUTE_START: start,
                ENTITY_ATTRIBUTE_VALUE: value,
                ENTITY_ATTRIBUTE_ROLE: "company_hr",
            }
        end = int(entity.get(ENTITY_ATTRIBUTE_END, start))
        signed = SIGNED_FROM.search(text[:start]) and re.match(r"\s*(?:[.!]|$)", text[end:])
        role = (
            (entity.get(DATE_INFO) or {}).get("part_said")
            or ("self" if signed else None)  # "send it to Linda Fisher. from Aisha Khan."
            or ("self" if OWN_NAME_AFTER.match(text, end) else None)  # "Souza is MY name", "Beatriz Souza is me"
            or ("self" if SELF_HERE.match(text, end) and OPENING.fullmatch(text[:start]) else None)  # "Omar here."
            or ("self" if OWN_NAME_BEFORE.search(text[:start].replace("\u2019", "'")) else None)  # "my name, its X"
            or self._referent_role(text, start)
            or self._bracketed_role(text, entity)
            or self._agency_person(text, start)
            or nearest_role(before, self._roles_for_name_of(before))
            or self._role_after(text, entity)
        )
        person = _addressed(
            text, {**entity, ENTITY_ATTRIBUTE_START: start, ENTITY_ATTRIBUTE_VALUE: value, ENTITY_ATTRIBUTE_ROLE: role}
        )
        if person.get(ENTITY_ATTRIBUTE_ROLE) == "self" and OWN_NAME_AFTER.match(text, end):
            person[DATE_INFO] = {**(person.get(DATE_INFO) or {}), "own_said": True}  # "Souza is MY name"
        if person.get(ENTITY_ATTRIBUTE_ROLE) == "self" and (person.get(DATE_INFO) or {}).get("addressee"):
            person[ENTITY_ATTRIBUTE_ROLE] = None  # "put my name in the note to Danielle": Danielle reads it
        part = NAME_PART.search(text[max(0, start - 40) : start])
        if not part and len(value.split()) == 1 and LETTER_NOTE.match(text, start + len(value)):
            person[DATE_INFO] = {**(person.get(DATE_INFO) or {}), "name_part": "spelling"}  # "Jon, no h"
        if part and len(value.split()) == 1:  # "her last name is Brightwater", "spelled Cate": part of a known name
            kind = "spelling" if part.group("spelled") else ("first" if part.group("part") == "first" else "last")
            person[DATE_INFO] = {**(person.get(DATE_INFO) or {}), "name_part": kind}
        if self._greeted(text, start, int(entity.get(ENTITY_ATTRIBUTE_END, start))):
            person[ENTITY_ATTRIBUTE_ROLE] = "interviewer"
            person[DATE_INFO] = {**(person.get(DATE_INFO) or {}), "greeted": True}
        return person

    def _not_first_names(self) -> Set[str]:
        """Capitalised words that are no first name before a surname: titles, days, months, organisation words."""
        cues = self.cues
        return (
            set(STOP_WORDS)
            | set(cues["not_people"])
            | set(cues["not_org_words"])
            | set(cues["honorifics"])
            | set(cues["org_words"])
            | set("monday tuesday wednesday thursday friday saturday sunday".split())
        )

    def _greeted(self, text: str, start: int, end: int) -> bool:
        """Whether the words around a name make that person the one the draft greets ("address it to Kelly")."""
        table = self.cues.get("addressee_patterns") or {}
        before = text[max(0, start - 60) : start].replace("\u2019", "'")
        after = text[end : end + 60].replace("\u2019", "'")
        return any(_rx("(?i)" + p).search(before) for p in table.get("before", [])) or any(
            _rx("(?i)" + p).search(after) for p in table.get("after", [])
        )

    def _referent_role(self, text: str, start: int) -> str | None:
        """The role of the person a name is given for after the fact: "ask the recruiter ... her name is Kara".

        "her/his name is X", or a bare "name's X" after "her"/"him", names the person last mentioned by a
        role word in the sentences before.
        """
        before = text[max(0, start - 4 * self._config["window"]) : start].lower().replace("\u2019", "'")
        pronoun = re.search(rf"\b(?:{OTHERS_NAME}|(?:she|he)(?:'?s|\s+is)\s+(?:called|named))\s*$", before)
        bare = re.search(r"(?:^|[.?!;,]\s*|\band\s+)name(?:'s|\s+is)\s*$", before)
        if bare and not re.search(r"\b(?:her|him|his|she|he)\b", before[: bare.start()]):
            bare = None
        cue = pronoun or bare
        if not cue:
            return None
        return nearest_role(before[: cue.start()], self._others_roles())

    def _others_roles(self) -> Mapping[str, Iterable[str]]:
        """The person roles but the user's own."""
        return {k: v for k, v in self.cues["person_roles"].items() if k != "self"}

    def _roles_for_name_of(self, before: str) -> Mapping[str, Iterable[str]]:
        """The person roles a name can take: never the user's own after "her/his/their name's" (b31b-24)."""
        if re.search(rf"\b{OTHERS_NAME}\s*$", before.lower().replace("\u2019", "'")):
            return self._others_roles()
        return self.cues["person_roles"]

    def _agency_person(self, text: str, start: int) -> str | None:
        """'recruiter' for a name right after an agency's person: "the hays guy, Tom Reilly", "adecco lady (jo)"."""
        agencies = "|".join(re.escape(a) for a in sorted(self.cues["known_agencies"], key=len, reverse=True))
        person = (
            rf"(?i)\b(?:{agencies}|agency)\s+(?:guy|lady|woman|man|person|rep|contact|consultant|recruiter|"
            r"recruitment consultant)(?:'?s)?"
        )
        before = text[max(0, start - 80) : start]
        said = re.search(person + r"\s*[,:(-]?\s*$", before) or (  # "the randstad guys surname, hes called jamie"
            re.search(
                r"(?i)\b(?:(?:he|she)(?:'?s|\s+is)\s+(?:called|named)|(?:his|her)\s+name(?:'s|\s+is))\s*$", before
            )
            and re.search(person + r"\b[^.?!]{0,40}$", before)
        )
        return "recruiter" if said else None

    def _bracketed_role(self, text: str, entity: Mapping[str, Any]) -> str | None:
        """The role a short title in brackets right after the name gives: "Gemma Saunders (payroll team lead)".

        It beats a cue further back, which may belong to the person named before ("Ben Hollis (HR) and Gemma ...").
        """
        bracket = re.match(r"\s*\(([^()]{1,40})\)", text[entity.get(ENTITY_ATTRIBUTE_END, 0) :])
        if not bracket or len(bracket.group(1).split()) > 5:
            return None
        roles = {k: v for k, v in self.cues["person_roles"].items() if k != "self"}
        return nearest_role(bracket.group(1).lower(), roles)

    def _role_after(self, text: str, entity: Mapping[str, Any]) -> str | None:
        """'recruiter' for a name followed by where the person works when that is an agency or HR.

        "Mark from Aerotek Staffing", "Jen (recruiter)", "Dana at the agency".
        """
        after = text[entity.get(ENTITY_ATTRIBUTE_END, 0) :][:40]
        intro = (
            r"\s*,?\s*\(?\s*(?:(?:from|at|with|of|in|over at)\s+"
            r"|(?<=,)\s*(?:(?:she|he|who)(?:'s|\s+is)\s+)?(?:the|my|our|their|a|an)\s+)"
        )
        words = re.match(rf"(?:{intro}|\s*\(\s*)?((?:\S+\s*){{1,4}})", after)
        if not words or not re.match(rf"{intro}|\s*\(", after):
            return None
        phrase = re.split(r"[.?!;),]", words.group(1).lower())[0]  # "Carla at Vireo, the agency is Hudson": Vireo
        cues = list(self.cues["person_roles"]["recruiter"]) + list(self.cues["agency_name_words"])
        return "recruiter" if _phrase_positions(phrase, cues) else None

    def _name_span(self, text: str, start: int, end: int) -> Tuple[int, int] | None:
        """The span of the person's name at text[start:end]: its words up to the first that is not a name.

        None when a word makes it an organisation ("Keystone Staffing", "Brennan Freight").
        """
        cues = self.cues
        orgs = set(cues["org_words"]) | set(cues["agency_name_words"])
        nouns = {word for noun in cues["person_nouns"] for word in noun.split()}
        stop = set(cues["not_people"]) | set(cues["not_org_words"]) | nouns
        kept: Tuple[int, int] | None = None
        after_title = False
        for word in re.finditer(r"\S+", text[start:end]):
            lowered = word.group(0).lower().strip(".,'")
            if lowered in orgs or lowered.rstrip("s") in orgs:
                return None
            if kept is None and not after_title and lowered in ABBREVIATED_TITLES:
                after_title = True
                continue
            if lowered in stop or lowered.endswith("'s"):
                break
            kept = (start, start + word.end())
        return kept

    def _missed_people(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """PERSONs for names spaCy missed or took for an organisation, from where people put names.

        "my recruiter Marcus", "the hiring manager, Elena Voss", "the HR person at Dunmore County (Patrice)",
        "an interview w Marcus at Tri-State", "called Mark from Aerotek".
        """
        nouns = "|".join(re.escape(n) for n in sorted(self.cues["person_nouns"], key=len, reverse=True))
        heads = self.cues["person_nouns"] + self.cues["person_roles"]["interviewer"]
        titles = "(?i:" + "|".join(re.escape(n) for n in sorted(heads, key=len, reverse=True)) + r")\b"
        after_noun = re.compile(rf"(?i:\b(?:{nouns})(?:\s+(?:is|was|named|called)|'s name is)?)\s*,?\s+\(?({_NAME})")
        her_name = re.compile(
            rf"(?i:\b(?:my|her|his|their)\s+(?:(?:first|last|family|full)\s+)?(?:name|surname)(?:\s+is|'s)?"
            rf"(?:\s+(?:actually|spelled|spelt|written))?)\s+({_NAME})"
        )
        bracketed = re.compile(rf"\(\s*({_NAME})\s*(?=\)|,|\s+(?:from|at|of)\b)")
        # "change the signature to Callum Reyes", "sign it off as Ana Ruiz": the user's own name
        signed = re.compile(
            rf"(?i:\b(?:signature|sign-?off)\s+(?:to|is|should\s+be|:)|\bsign(?:ed)?(?:\s+it)?(?:\s+off)?(?:\s+(?:as|with|by))?)"
            rf"\s*:?\s+({_NAME})"
        )
        # "you forgot my name at the bottom - Ifeoma Eze": the user's name after a dash or colon
        own_name = re.compile(rf"(?i:\bmy\s+(?:full\s+)?name\b[^.?!]{{0,30}}?\s[-:\u2013\u2014])\s*({_NAME})")
        with_at = re.compile(rf"(?i:\b(?:with|w/?))\s*({_NAME})(?=\s+(?:at|from)\s+[A-Z])")
        # "an interview with Helena Vogt, Head of Product at Lumio": a name followed by the person's title
        titled = re.compile(rf"(?i:\b(?:with|w/?|met|by))\s+({_FULL_NAME}),\s+(?:the\s+|our\s+|their\s+)?(?={titles})")
        # "the final round was three weeks ago with Ana Pike.", "it was with Nadia Petrov": a full name closing
        # the clause of a meeting
        met_with = re.compile(
            rf"(?i:\b(?:was|were|interview(?:ed)?|round|met|spoke|talked|call|chat)\b[^.?!,;()]{{0,30}}?\bwith)\s+"
            rf"({_FULL_NAME})(?=\s*(?:[.,;!?]|$))"
        )
        # "my recruiter at Aerotek, Tina, said..."
        noun_at_org = re.compile(
            rf"(?i:\b(?:{nouns}))\s+(?:at|from|with)\s+[A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*){{0,3}}\s*,\s*({_NAME})\s*,"
        )
        # "the recruiter i spoke to this morning, Bianca Reyes.": the person, said, then named at the clause's end
        named_after = re.compile(rf"(?i:\b(?:{nouns}))\b[^.,;:!?()]{{0,40}},\s*({_FULL_NAME})(?=\s*(?:[.,;!?]|$))")
        from_org = re.compile(rf"(?:(?<=[a-z,])\s+|(?<=\())({_NAME})(?=\s+from\s+(?:[A-Z]|the agency|hr\b))")
        # "I met the head of design, Amara Okafor, at ...": a senior title, then the full name set off by commas
        seniors = "|".join(
            re.escape(t) for t in sorted(self.cues["person_roles"]["interviewer"], key=len, reverse=True)
        )
        title_named = re.compile(
            rf"(?i:\b(?:the|my|our|their|a|an)\s+(?:{seniors})(?:\s+(?:of|for)?\s*[\w&-]+){{0,3}}?)\s*,\s*"
            rf"({_FULL_NAME})(?=\s*(?:[.,;!?]|$)|\s+(?:at|from|on|who|and)\b)"
        )
        taken = [e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) in ("PERSON", "DATE", "TIME", "role")]
        found: List[Dict[str, Any]] = []
        patterns = (
            after_noun,
            her_name,
            bracketed,
            with_at,
            met_with,
            titled,
            noun_at_org,
            from_org,
            signed,
            own_name,
            named_after,
            title_named,
        )
        for pattern in patterns:
            for match in pattern.finditer(text):
                if pattern is bracketed:
                    before = _clause_before(text, match.start(), 60)
                    if not _phrase_positions(before, self.cues["person_nouns"]):
                        continue
                span = self._name_span(text, match.start(1), match.end(1))
                if span is None or _overlaps(*span, taken + found):
                    continue
                person = _entity("PERSON", span[0], span[1], text[span[0] : span[1]])
                if pattern is own_name:
                    person[DATE_INFO] = {"part_said": "self"}
                found.append(person)
        found += self._listed_people(text, taken + found)
        kept = [
            e
            for e in entities
            if not (
                e.get(ENTITY_ATTRIBUTE_TYPE) == "ORG"
                and _overlaps(e.get(ENTITY_ATTRIBUTE_START, -1), e.get(ENTITY_ATTRIBUTE_END, -1), found)
            )
        ]
        return kept + found

    def _listed_people(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """The names listed next to a known one: "Ana Ruiz, Ben Cole and Chloe Park" when spaCy saw only Ben."""
        people = [e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) == "PERSON"]
        found: List[Dict[str, Any]] = []
        pending = list(people)
        while pending:
            person = pending.pop()
            start, end = person.get(ENTITY_ATTRIBUTE_START, 0), person.get(ENTITY_ATTRIBUTE_END, 0)
            after = LISTED_AFTER.match(text, end)
            before = LISTED_BEFORE.search(text[max(0, start - 40) : start])
            spans = [(after.start(1), after.end(1))] if after else []
            if before:
                offset = max(0, start - 40)
                spans.append((offset + before.start(1), offset + before.end(1)))
            for first, last in spans:
                span = self._name_span(text, first, last)
                if span is None or _overlaps(*span, entities + found):
                    continue
                entity = _entity("PERSON", span[0], span[1], text[span[0] : span[1]])
                found.append(entity)
                pending.append(entity)
        return found

    def _real_people(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """The entities with spaCy's PERSONs that are no one's name dropped or made organisations.

        A name is capitalised ("recruiter", "java dev" are not names); "chef Rafael" is "Rafael"; a
        PERSON right after "at" ("at Brennan Freight") or inside the job title is not a person; one with an
        organisation word ("Globex Hospitality Staffing") is an ORG.
        """
        titles = [e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) == "role"]
        orgs = set(self.cues["org_words"]) | set(self.cues["agency_name_words"])
        org_names = [
            str(e.get(ENTITY_ATTRIBUTE_VALUE) or "") for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) == "ORG"
        ]
        out = []
        for entity in entities:
            if entity.get(ENTITY_ATTRIBUTE_TYPE) != "PERSON":
                out.append(entity)
                continue
            start, end = entity.get(ENTITY_ATTRIBUTE_START, 0), entity.get(ENTITY_ATTRIBUTE_END, 0)
            value = str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "")
            lower_head = re.match(r"(?:[a-z][\w'-]*\s+)+(?=[A-Z])", value)
            if lower_head and lower_head.group(0).strip(". ").lower() not in ABBREVIATED_TITLES:
                start, value = start + lower_head.end(), value[lower_head.end() :]
            words = [w.lower().strip(".,'") for w in value.split()]
            following = re.match(r"\s+([A-Z][\w&'-]*)", text[end:])
            if any(w in orgs or w.rstrip("s") in orgs for w in words) or CALLED_PLACE.search(text[:start]):
                out.append({**entity, ENTITY_ATTRIBUTE_TYPE: "ORG"})  # "a startup called Lumora"
            elif (
                (value.isupper() and len(value) > 3)  # "IM SO NERVOUS": shouting, not a name
                or not re.search(r"(?<![\w'])[A-Z]", value)
                or re.search(r"(?i)\bat\s+$", text[:start])
                or (following and following.group(1).lower() in orgs)
                or any(name.startswith(value + " ") for name in org_names)  # "Keystone" of "Keystone Staffing"
                or _overlaps(start, end, titles)
            ):
                continue
            else:
                out.append({**entity, ENTITY_ATTRIBUTE_START: start, ENTITY_ATTRIBUTE_VALUE: value})
        return out

    def _same_person_same_role(self, entities: List[Dict[str, Any]]) -> None:
        """A name mentioned again without a cue keeps the role a cue gave it; else it is the interviewer."""
        people = [e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) == "PERSON"]

        def words_of(entity: Mapping[str, Any]) -> List[str]:
            words = [w.lower().strip(".") for w in str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "").split()]
            return [w for w in words if w not in ABBREVIATED_TITLES] or words

        def same(one: List[str], other: List[str]) -> bool:
            """The same first name, and the same surname when both give one ("Marco Ruiz" is not "Marco Bellini")."""
            return bool(one and other) and one[0] == other[0] and (len(one) < 2 or len(other) < 2 or one == other)

        cued = [(words_of(e), e[ENTITY_ATTRIBUTE_ROLE]) for e in people if e.get(ENTITY_ATTRIBUTE_ROLE)]
        for entity in people:
            if not entity.get(ENTITY_ATTRIBUTE_ROLE):
                words = words_of(entity)
                entity[ENTITY_ATTRIBUTE_ROLE] = next((r for w, r in cued if same(words, w)), "interviewer")

    def _named_employer(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """The employer said outright, in place of any other reading of those words.

        "the company is vantage point media", "Ridgeback is the company".
        """
        match = COMPANY_IS.search(text) or COMPANY_FIRST.search(text)
        if not match or match.group("n").lower().split()[0] in self.cues["not_lowercase_employers"]:
            return entities
        start, end = match.start("n"), match.end("n")
        if text[end - 1] == "." and match.group("n").split()[-1].lower().rstrip(".") not in (
            "inc",
            "co",
            "ltd",
            "corp",
        ):
            end -= 1  # "the company is Siemens.": the sentence's full stop
        said = text[start:end]
        name = said if any(c.isupper() for c in said) else said.title()
        kept = [
            e
            for e in entities
            if not _overlaps(start, end, [e])
            or e.get(ENTITY_ATTRIBUTE_TYPE) == "agency"
            # "a startup called Pixelwise. ux designer position": the job title read across the name stays
            or (e.get(ENTITY_ATTRIBUTE_TYPE) == "role" and name.lower() not in str(e[ENTITY_ATTRIBUTE_VALUE]).lower())
        ]
        return kept + [_entity("ORG", start, end, name)]

    def _named_agency(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """The agency said outright, in any case, in place of any other reading: "hudson is the agency"."""
        out = list(entities)
        for match in [*AGENCY_FIRST.finditer(text), *AGENCY_APPOSITION.finditer(text), *AGENCY_IS.finditer(text)]:
            start, end = match.start("n"), match.end("n")
            if match.group("n").lower().split()[0] in self.cues["not_lowercase_employers"]:
                continue
            out = [e for e in out if not _overlaps(start, end, [e]) or e.get(ENTITY_ATTRIBUTE_TYPE) == "agency"]
            out.append(_entity("ORG", start, end, match.group("n")))
        return out

    @staticmethod
    def _clock_times(text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """TIME entities for clock times spaCy missed ("its at 10am", "the time is 2:30")."""
        taken = [e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) in ("DATE", "TIME")]
        return [
            _entity("TIME", m.start(), m.end(), m.group(0))
            for m in CLOCK_TIME.finditer(text)
            if not _overlaps(m.start(), m.end(), taken)
        ]

    @staticmethod
    def _agency_after_recruiter(text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """A 'person' named right after the recruiter's name and "from" or "at" is the agency: "Oskar from Reed"."""
        return [
            {**e, ENTITY_ATTRIBUTE_TYPE: "ORG"}
            if e.get(ENTITY_ATTRIBUTE_TYPE) == "PERSON"
            and RECRUITER_AT.search(text[: e.get(ENTITY_ATTRIBUTE_START, 0)])
            else e
            for e in entities
        ]

    def _known_agencies(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """ORGs for the well-known staffing agencies named in the text, in place of spaCy's other reading.

        "Through Adecco", "a travel nurse with Aya Healthcare", "Michael Page" (spaCy: a person). One DIET
        already tagged as an agency stays DIET's alone.
        """
        found = [
            _entity("ORG", m.start(), m.end(), m.group(0))
            for m in _any_of(tuple(self.cues["known_agencies"])).finditer(text)
            if m.group(0)[:1].isupper()
            or re.search(r"\b(?:thru|through|via|with|from|at|for)\s+$", text[: m.start()])
            or AGENCY_DID.match(text, m.end())  # "randstad sent me to an interview at bosch"
        ]
        kept = [
            e
            for e in entities
            if not (
                e.get(ENTITY_ATTRIBUTE_TYPE) in ("ORG", "PERSON")
                and _overlaps(e.get(ENTITY_ATTRIBUTE_START, -1), e.get(ENTITY_ATTRIBUTE_END, -1), found)
            )
        ]
        for e in entities:  # "(Tom at Hays)" read by spaCy as one person: Tom is the person, Hays the agency
            start = e.get(ENTITY_ATTRIBUTE_START, -1)
            ahead = [f for f in found if _overlaps(start, e.get(ENTITY_ATTRIBUTE_END, -1), [f])]
            person = (
                re.match(
                    r"([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)\s+(?:at|from|of|@)\s+$",
                    text[start : ahead[0][ENTITY_ATTRIBUTE_START]],
                )
                if (e.get(ENTITY_ATTRIBUTE_TYPE) == "PERSON" and ahead)
                else None
            )
            if person:
                kept.append(_entity("PERSON", start, start + len(person.group(1)), person.group(1)))
        diet = [e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) == "agency"]
        return kept + [f for f in found if not _overlaps(f[ENTITY_ATTRIBUTE_START], f[ENTITY_ATTRIBUTE_END], diet)]

    def _known_employers(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """ORGs for big employers typed in lower case after "at", "with", "for" or "it's" ("at best buy")."""
        found = [
            _entity("ORG", m.start(), m.end(), " ".join(w[:1].upper() + w[1:] for w in m.group(0).split()))
            for m in _any_of(tuple(self.cues["known_employers"])).finditer(text)
            if m.group(0).islower()
            and re.search(r"(?i)\b(?:at|with|w/|from|for|it'?s|it is|company is|employer is)\s+$", text[: m.start()])
        ]
        return entities + [
            f for f in found if not _overlaps(f[ENTITY_ATTRIBUTE_START], f[ENTITY_ATTRIBUTE_END], entities)
        ]

    def _org_role(self, text: str, entity: Mapping[str, Any]) -> str:
        """'agency' for an ORG named or introduced as an agency, 'other' for another job's, else 'company'.

        A school, hospital or county is the employer even after "the recruiter at"; so is the org of an
        "in-house recruiter".
        """
        value = str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "").lower()
        sentence = _clause_before(text, entity.get(ENTITY_ATTRIBUTE_START, 0), 3 * self._config["window"])
        if _phrase_positions(sentence.lower(), self.cues["org_other_cues"]):
            return "other"  # "a cover letter for a different job at Siemens": not the employer of this case
        said = COMPANY_IS.search(text) or COMPANY_FIRST.search(text)
        if said and said.start("n") == entity.get(ENTITY_ATTRIBUTE_START):
            return "company"  # "the company is X"
        if AGENCY_SAID.match(text[entity.get(ENTITY_ATTRIBUTE_END, 0) :]):
            return "agency"  # "hudson is the agency"
        if value in self.cues["known_agencies"]:
            return "agency"
        if any(re.search(rf"\b{re.escape(w)}\b", value) for w in self.cues["agency_name_words"]):
            return "agency"
        if any(re.search(rf"\b{re.escape(w)}\b", value) for w in self.cues["employer_name_words"]):
            return "company"
        before = _clause_before(text, entity.get(ENTITY_ATTRIBUTE_START, 0), 40)
        if re.search(r"\b(?:in[- ]house|internal|their own|the company'?s)\s+(?:recruiter|hr|talent)", before):
            return "company"
        if NOT_AGENCY.search(text):
            return "company"  # "the recruiter at Tessaly (in-house, not an agency)"
        if RECRUITER_AT.search(text[: entity.get(ENTITY_ATTRIBUTE_START, 0)]):
            return "agency"  # "my recruiter Amal Haddad at Morgan McKinley"
        if JOB_AT.search(before):
            return "company"  # "an agency for a job at siemens": the job is at the employer
        return "agency" if _phrase_positions(before[-25:], self.cues["agency_cues"]) else "company"

    @staticmethod
    def _uncued_lowercase(text: str, entity: Mapping[str, Any]) -> bool:
        """Whether spaCy's organisation is typed in lower case with no word before it that makes it one."""
        start, end = _span_of(entity)
        said = text[start:end]
        return (
            "Spacy" in str(entity.get("extractor"))
            and said.islower()
            and not LOWER_ORG_CUE.search(text[max(0, start - 30) : start])
        )

    def _clean_org(self, text: str, entity: Dict[str, Any]) -> Dict[str, Any] | None:
        """The ORG without the words spaCy ran on with, or None for a job or unit abbreviation.

        "Hollins State on", "Ridgeline Supply. My", "the VP of Sales at Ardent Solar"; "CNA", "GM", "GS-9".
        """
        start = entity.get(ENTITY_ATTRIBUTE_START, 0)
        value = str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "")
        spelled = re.match(r"(?i)(?:spell(?:ed|t)|written)\s+", value)  # "the company is spelled Norvik"
        if spelled:
            start, value = start + spelled.end(), value[spelled.end() :]
        at = value.rfind(" at ")
        if at >= 0 and value[at + 4 : at + 5].isupper():
            start, value = start + at + 4, value[at + 4 :]
        for sentence_end in re.finditer(r"(\w+)[.!?]\s+\w", value):
            if sentence_end.group(1).lower() not in ("dr", "st", "mt", "jr", "sr", "inc", "co", "ltd", "corp"):
                value = value[: sentence_end.end(1)]  # "Quillstack. Nothing", "Ridgeline Supply. My": the next sentence
                break
        value = re.split(r"\s+(?:on|in|for|last|this|next|yesterday|today|tomorrow)\b", value)[0]
        value = DATE_TAIL.sub("", value)  # "KPMG 10 days ago"
        own = re.search(r"['\u2019]s\b", value)
        if own and OWN_SITE.match(text, start + own.start()):
            if value[: own.end()].lower() not in self.cues["known_employers"]:
                value = value[: own.start()]  # "Stripe's dublin office", "PwC's Leeds office" (not "McDonald's")
        value = value.split(" (")[0]  # "Hudson (Grace Liu": the name in brackets is a person's
        value = SPELLING_NOTE.split(value)[0]  # "Quinnell with two Ls": how it is spelled, not part of it
        value = re.sub(r"(?:\s+(?:of|the|&|and))+$", "", value).strip(" ,")
        if not value or value.lower() in self.cues["not_orgs"] or re.fullmatch(r"[A-Z]{1,4}-?\d+", value):
            return None
        return {
            **entity,
            ENTITY_ATTRIBUTE_START: start,
            ENTITY_ATTRIBUTE_END: start + len(value),
            ENTITY_ATTRIBUTE_VALUE: value,
        }

    def _date_role(self, text: str, entity: Mapping[str, Any]) -> str:
        """The role of a DATE from the cue nearest before it."""
        start = entity.get(ENTITY_ATTRIBUTE_START, 0)
        before = _unquoted(_clause_before(text, start, self._config["window"]))
        if _phrase_positions(before, self.cues["date_other_cues"]):
            return "other"
        if ELAPSED.search(before) and not re.match(
            r"\s*(?:now\s+)?since\b", text[entity.get(ENTITY_ATTRIBUTE_END, 0) :]
        ):
            return "other"  # "it's been nearly 2 weeks": how long the wait has lasted, no day of theirs
        if THAT_WAS.search(text[:start].lower()) and _phrase_positions(
            _clause_before(text, start, 3 * self._config["window"]), self.cues["said_cues"]
        ):
            return "interview"  # "they said they'd decide within two weeks, and that was a week ago": when they said it
        if SENDING_DAY_AFTER.match(text[entity.get(ENTITY_ATTRIBUTE_END, 0) :][:40]):
            return "follow_up"  # "is today ok to send?", "tomorrow too early to email her?": the day the user writes
        if TOLD_DAY_AFTER.match(text[entity.get(ENTITY_ATTRIBUTE_END, 0) :][:60]):
            return "news"  # "Friday is just when Jenna told me": the day news was passed on, not the interview
        if PERIOD_VALUE.fullmatch(str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "").lower().strip()):
            # "they said 2 weeks", "1-2 weeks for a decision": how long they would take to decide
            said = re.search(
                r"\b(?:" + "|".join(self.cues["said_cues"]) + r")\s+(?:about\s+|like\s+|maybe\s+)?$", before
            )
            after = text[entity.get(ENTITY_ATTRIBUTE_END, 0) :][:40].lower()
            if said or re.match(
                r"\s*(?:or so\s*)?(?:for|until|till|to)\s+(?:a |the |their |make a )?(?:decision|decide|answer|hear)",
                after,
            ):
                return "decision"
            if re.match(r"\s*(?:now\s+)?since\s+(?:the|my|our|that|i had the|i had my)\s+(?:\w+\s+)?interview", after):
                return "interview"  # "it's been 4 days since the interview"
        # no cue close by: the nearest one in the sentence ("applied for the ... opening at ... on nov 2nd")
        sentence = _unquoted(_clause_before(text, start, 3 * self._config["window"]))
        role = (
            nearest_role(before, self.cues["date_roles"])
            or nearest_role(sentence, self.cues["date_roles"])
            or UNCUED_INTERVIEW
        )
        value = str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "").lower()
        if (
            role in ("interview", UNCUED_INTERVIEW)
            and PERIOD_VALUE.fullmatch(value.strip())
            and not re.search(r"\b(?:in|within)\s+$", text[:start].lower())
            and not re.match(
                r"\s+(?:from (?:now|today)|later|away|out|ago)\b", text[entity.get(ENTITY_ATTRIBUTE_END, start) :]
            )
        ):
            return "other"  # "is it too late after 10 days?": a length of time, not the interview's day
        if role == "today" and re.match(r"(?:this|next|on|tomorrow|tmrw|in)\b", value):
            return "interview"  # "it's this thursday", "its tomorrow": the event's day, not the message day
        return role

    def _time_role(self, text: str, entity: Mapping[str, Any]) -> str:
        """'decision' after a decision cue ("by 5pm"), 'other' for the time asked for instead, else 'interview'.

        "can we move it to 4pm instead?" is the time the user would like, not the interview's.
        """
        start, end = entity.get(ENTITY_ATTRIBUTE_START, 0), entity.get(ENTITY_ATTRIBUTE_END, 0)
        before = text[max(0, start - 30) : start].lower()
        if MOVED_TO.search(before) or re.match(r"(?i)\s*instead\b", text[end : end + 10]):
            return "other"
        if _phrase_positions(_clause_before(text, start, self._config["window"]), self.cues["date_other_cues"]):
            return "other"  # "I'm free Thursday afternoon": the user's own time, not the interview's
        if CLOCK_NOW_BEFORE.search(before) or CLOCK_NOW_AFTER.match(text[end : end + 20]):
            return "today"  # "it's already 7pm", "it's 11 pm here": the user's clock, not the interview's hour
        if UNSURE_TIME_IN.search(str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "")) or UNSURE_TIME_AFTER.match(
            text[end : end + 15]
        ):
            return "unsure"  # "10 or 10:30, not sure": neither is the interview's hour
        if UNSURE_TIME_BEFORE.search(before):
            return "unsure"  # the second of "10am or 10:30"
        return "decision" if _phrase_positions(before, self.cues["date_roles"]["decision"]) else "interview"

    @staticmethod
    def _uncued_dates(entities: List[Dict[str, Any]]) -> None:
        """A date with no cue is the interview's only when no date of the message is said to be the interview.

        "I interviewed three weeks ago ... Can I email him today?": today is not the interview day.
        """
        roles = [e.get(ENTITY_ATTRIBUTE_ROLE) for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) == "DATE"]
        for entity in entities:
            if entity.get(ENTITY_ATTRIBUTE_TYPE) == "DATE" and entity.get(ENTITY_ATTRIBUTE_ROLE) == UNCUED_INTERVIEW:
                entity[ENTITY_ATTRIBUTE_ROLE] = "other" if "interview" in roles else "interview"

    @staticmethod
    def _trimmed_dates(entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """DATEs without the name spaCy glued in front ('Walgreens a month ago' -> 'a month ago'), one per sentence."""
        out = []
        for entity in _dates_per_sentence(entities):
            value = str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "")
            lead = LEADING_NAME.match(value) if entity.get(ENTITY_ATTRIBUTE_TYPE) == "DATE" else None
            if lead and not re.match(rf"(?i)(?:{_MONTH}|{_WEEKDAY})\b", value):
                cut = lead.end()
                entity = {
                    **entity,
                    ENTITY_ATTRIBUTE_VALUE: value[cut:],
                    ENTITY_ATTRIBUTE_START: entity[ENTITY_ATTRIBUTE_START] + cut,
                }
                value = value[cut:]
            quoted = QUOTES_AROUND.fullmatch(value) if entity.get(ENTITY_ATTRIBUTE_TYPE) == "DATE" else None
            if quoted and quoted.group(2) != value and isinstance(entity.get(ENTITY_ATTRIBUTE_START), int):
                start = entity[ENTITY_ATTRIBUTE_START] + len(quoted.group(1))  # "'by the end of this week'"
                entity = {
                    **entity,
                    ENTITY_ATTRIBUTE_VALUE: quoted.group(2),
                    ENTITY_ATTRIBUTE_START: start,
                    ENTITY_ATTRIBUTE_END: start + len(quoted.group(2)),
                }
            out.append(entity)
        return out

    def _employer_out_of_date(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """A DATE spaCy began with a lower-case employer ("at pexlo 3 days ago"): an ORG, then the date."""
        stop = set(STOP_WORDS) | set(self.cues["not_org_words"]) | set(self.cues["not_lowercase_employers"])
        out: List[Dict[str, Any]] = []
        for entity in entities:
            start = entity.get(ENTITY_ATTRIBUTE_START)
            lead = LOWER_LEADING_EMPLOYER.match(str(entity.get(ENTITY_ATTRIBUTE_VALUE) or ""))
            if (
                entity.get(ENTITY_ATTRIBUTE_TYPE) != "DATE"
                or not isinstance(start, int)
                or not lead
                or lead.group("o") in stop
                or not re.search(r"\b(?:at|from)\s+$", text[max(0, start - 6) : start])
            ):
                out.append(entity)
                continue
            word = lead.group("o")
            out.append(_entity("ORG", start, start + len(word), word[:1].upper() + word[1:]))
            out.append(
                {
                    **entity,
                    ENTITY_ATTRIBUTE_VALUE: str(entity[ENTITY_ATTRIBUTE_VALUE])[lead.end() :],
                    ENTITY_ATTRIBUTE_START: start + lead.end(),
                }
            )
        return out

    def _self_names(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """An ORG right after "my name is", "im", "sign it" (or "her name is") is someone's name, a PERSON."""
        out = []
        cues = "|".join(re.escape(c) for c in self.cues["person_roles"]["self"])
        for entity in entities:
            start = entity.get(ENTITY_ATTRIBUTE_START, 0)
            end = int(entity.get(ENTITY_ATTRIBUTE_END) or start)
            before = text[:start].lower().replace("\u2019", "'")
            signed = SIGNED_FROM.search(before) and re.match(
                r"\s*(?:[.!]|$)", text[end:]
            )  # "... email. from Grace Obi"
            if entity.get(ENTITY_ATTRIBUTE_TYPE) == "ORG" and (
                re.search(rf"\b(?:{cues}|(?:her|his|their) name(?:'s| is))\s*,?\s*$", before[-16:])
                or signed
                or MY_NAME_ITS.search(before)  # "put my name on it, its Marco Ricci"
            ):
                entity = {**entity, ENTITY_ATTRIBUTE_TYPE: "PERSON"}
            out.append(entity)
        return out

    def _is_agency(self, text: str, entity: Mapping[str, Any], entities: List[Dict[str, Any]], sure: bool) -> bool:
        """Whether an extractor's `agency` mention is one: a staffing word, an agency cue or an agency ORG.

        Not a piece of the employer's or a person's name, a stray token, or the place the agency sent the user
        ("the interview at Larchmont Health"). `sure`: the intent already says it is an agency story.
        """
        value = str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "").lower()
        orgs = [e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) == "ORG"]
        names = [str(e.get(ENTITY_ATTRIBUTE_VALUE) or "").lower() for e in orgs]
        if any(value != name and value in name for name in names):
            return False  # "Health" of "Brightline Health": a piece of the employer's name
        if not value.strip(" .,") or value in NOT_AGENCIES:
            return False  # stray tokens: "the", "my"
        people = [
            str(e.get(ENTITY_ATTRIBUTE_VALUE) or "").lower()
            for e in entities
            if e.get(ENTITY_ATTRIBUTE_TYPE) == "PERSON"
        ]
        if any(value != person and value in person.split() for person in people):
            return False  # "Sam" of "Sam Whitfield": a piece of a person's name

        def before(e: Mapping[str, Any], width: int) -> str:
            start = e.get(ENTITY_ATTRIBUTE_START)
            return text[max(0, start - width) : start].lower() if isinstance(start, int) else ""

        named = AGENCY_WORDS.search(value)
        if not named and any(
            e.get(ENTITY_ATTRIBUTE_ROLE) == "company"
            and str(e.get(ENTITY_ATTRIBUTE_VALUE)).lower() == value
            and re.search(r"\b(?:at|for|with)\s*$", before(e, 20))
            for e in orgs
        ):
            return False  # "my interview at Brookline Partners (I went through Hays)": the employer, by its "at"
        if not named and CLIENT_CUE.search(before(entity, 30)):
            return False  # "the interview at Larchmont Health": where the agency sent the user
        if named or sure or value in self.cues["known_agencies"]:
            return True
        if any(
            e.get(ENTITY_ATTRIBUTE_ROLE) == "agency" and str(e.get(ENTITY_ATTRIBUTE_VALUE)).lower() == value
            for e in orgs
        ):
            return True
        return bool(_phrase_positions(before(entity, 40), self.cues["agency_mention_cues"]))

    def _real_agencies(
        self, text: str, entities: List[Dict[str, Any]], intent: Mapping[str, Any]
    ) -> List[Dict[str, Any]]:
        """The entities without the extractor's `agency` mentions that are no agency (see _is_agency)."""
        sure = (
            intent.get("name") in AGENCY_INTENTS and float(intent.get("confidence") or 0.0) >= AGENCY_STORY_CONFIDENCE
        )
        return [
            e
            for e in entities
            if e.get(ENTITY_ATTRIBUTE_TYPE) != "agency"
            # "a recruiter, Oliver Grant at Hudson": the model's agency on a person's name is that person
            or (self._is_agency(text, e, entities, sure) and not _overlaps(*_span_of(e), _of_type(entities, "PERSON")))
        ]

    @staticmethod
    def _negated(text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """The entities with the role `negated` for those said to be the wrong one, without ORGs that are names.

        "not Jon, Joan Palmer", "a week from today, not tomorrow", "not at Acme", "not a quick screen".
        """
        out = []
        for entity in entities:
            kind, start = entity.get(ENTITY_ATTRIBUTE_TYPE), entity.get(ENTITY_ATTRIBUTE_START)
            if kind not in NEGATION_WINDOW or not isinstance(start, int):
                out.append(entity)
                continue
            before = text[max(0, start - NEGATION_WINDOW[kind]) : start].lower()
            own_no = ""  # the mention "NO agency": its own "no" says there's none
            if kind == "agency" and isinstance(entity.get(ENTITY_ATTRIBUTE_END), int):
                span = text[start : entity[ENTITY_ATTRIBUTE_END]].lower()
                own_no = before + span[: max(span.rfind("agency"), 0)]
            if kind == "ORG" and NAME_GIVEN.search(before) and not ORG_NAME_GIVEN.search(text[:start].lower()):
                continue  # "her name is Maud Sinclair": spaCy's organisation is a person's name
            if kind == "agency":
                said_not = NO_AGENCY.search(before) or (own_no and NO_AGENCY.search(own_no))
            else:
                said_not = NEGATED.search(before) or (kind == "channel" and THEY_DID_NOT.search(before))
            if kind == "agency" and not said_not and _own_agency(text, entity):
                out.append({**entity, ENTITY_ATTRIBUTE_ROLE: "other"})  # "my agency job": where the user works
                continue
            out.append({**entity, ENTITY_ATTRIBUTE_ROLE: "negated"} if said_not else entity)
        wrong = {  # "the company is Accenture, not SAP! SAP was the software": each mention of SAP is the wrong one
            (e[ENTITY_ATTRIBUTE_TYPE], str(e.get(ENTITY_ATTRIBUTE_VALUE)).lower())
            for e in out
            if e.get(ENTITY_ATTRIBUTE_ROLE) == "negated" and e[ENTITY_ATTRIBUTE_TYPE] in ("PERSON", "ORG")
        }
        return [
            {**e, ENTITY_ATTRIBUTE_ROLE: "negated"}
            if (e.get(ENTITY_ATTRIBUTE_TYPE), str(e.get(ENTITY_ATTRIBUTE_VALUE)).lower()) in wrong
            else e
            for e in out
        ]

    def _tense(self, text: str, start: int) -> str | None:
        """'past' or 'future' from the nearest tense cue in the clause before a date ("had my interview on").

        With none there, 'future' when the message says it is about the time before the interview ("beforehand").
        """
        before = text[max(0, start - 80) : start].lower().replace("\u2019", "'")
        before = re.split(r"[.?!;]\s", before)[-1]
        best: Tuple[int, str] | None = None
        for tense, cues in self.cues["tense_cues"].items():
            for end, phrase in _phrase_positions(before, cues):
                denied = tense == "past" and NOT_YET_HELD.search(before[: end - len(phrase)])
                if best is None or end > best[0]:  # "it hasn't happened yet, it's this thursday": still to come
                    best = (end, "future" if denied else tense)
        if best is None and self._held(text):
            return "past"  # "the 23rd of NOVEMBER. last monday. the interview already happened!"
        if best is None and _phrase_positions(text.lower(), self.cues["future_in_message"]):
            return "future"
        return best[1] if best else None

    def _held(self, text: str) -> bool:
        """Whether the message says the interview is behind the user ("it already happened"), wherever it says so."""
        return bool(_phrase_positions(text.lower().replace("\u2019", "'"), self.cues.get("held_cues") or []))

    def _not_held(self, text: str, start: int) -> bool:
        """Whether the words say the interview is still to come: "it hasn't happened yet", "I'm running late"."""
        before = text[max(0, start - 80) : start].lower().replace("\u2019", "'")
        before = re.split(r"[.?!;]\s", before)[-1]
        denied = any(
            NOT_YET_HELD.search(before[: end - len(phrase)])
            for end, phrase in _phrase_positions(before, self.cues["tense_cues"]["past"])
        )
        return denied or bool(_phrase_positions(text.lower().replace("\u2019", "'"), self.cues["not_held_cues"]))

    def _date_info(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """Each DATE with what the words around it say, in its additional_info.

        `tense`: the interview has happened or is to come; `interview_cue`: they name the interview or correct
        its day; `names_interview`: the words name the interview itself; `after_in`: spaCy left out the "in" of
        "in 2 days"; `not_held`: the message says the interview
        is still to come; `held`: it says the interview is behind the user; `deadline`: a deadline is named right
        before it; `gone_by`: the words after it say the day passed without news ("by friday but nobody called");
        and the shape of its words (date_shapes).
        """
        out = []
        for entity in entities:
            start, end = entity.get(ENTITY_ATTRIBUTE_START), entity.get(ENTITY_ATTRIBUTE_END)
            if entity.get(ENTITY_ATTRIBUTE_TYPE) != "DATE" or not isinstance(start, int):
                out.append(entity)
                continue
            end = end if isinstance(end, int) else len(text)
            value = str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "").lower()
            info = {
                "tense": self._tense(text, start),
                "interview_cue": bool(
                    INTERVIEW_DAY_CUE.search(  # the words after stop at the sentence's end: "so today then? ok. it was"
                        text[max(0, start - 50) : start] + " " + re.split(r"[.?!]", text[end : end + 25])[0]
                    )
                ),
                "names_interview": bool(  # the interview itself, not any talk ("talked to" at a career fair)
                    NAMED_INTERVIEW.search(text[max(0, start - 50) : start] + " " + text[end : end + 25])
                ),
                "after_in": bool(re.search(r"\b(?:in|within)\s+$", text[max(0, start - 8) : start].lower()))
                and not value.startswith("in "),
                "not_held": self._not_held(text, start),
                "held": self._held(text) and not self._not_held(text, start),
                "deadline": bool(DEADLINE_BEFORE.search(text[max(0, start - 20) : start].lower())),
                "gone_by": bool(GONE_BY_AFTER.search(text[end : end + 40])),
                **date_shape(value),
            }
            out.append({**entity, DATE_INFO: {**(entity.get(DATE_INFO) or {}), **info}})
        return out

    def with_context(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """The entities with what the words around each DATE and ORG say, in their additional_info."""
        return self._org_info(text, self._date_info(text, entities))

    @staticmethod
    def _org_info(text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """Each ORG with what the words around it say, in its additional_info.

        `named_outright`: "at X", "the company is X", "X is the employer"; `in_house`: read as an agency ("the
        recruiter at X") with no staffing word in its name, no other employer named and no word of an agency
        story ("client", "placed") in the message: the employer's own recruiting, unless the conversation
        already is an agency story.
        """
        companies = [
            e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) == "ORG" and e.get(ENTITY_ATTRIBUTE_ROLE) == "company"
        ]
        story = bool(AGENCY_STORY_WORDS.search(text))
        out = []
        for entity in entities:
            start, end = entity.get(ENTITY_ATTRIBUTE_START), entity.get(ENTITY_ATTRIBUTE_END)
            if entity.get(ENTITY_ATTRIBUTE_TYPE) != "ORG" or not isinstance(start, int):
                out.append(entity)
                continue
            end = end if isinstance(end, int) else len(text)
            value = str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "").lower()
            # "Cedars-Sinai is the hospital", "the company is X": the employer, whatever was thought before
            said = bool(EMPLOYER_AFTER.match(text[end:]) or COMPANY_IS.search(text[max(0, start - 40) : end]))
            cued = EMPLOYER_CUE.search(text[max(0, start - 30) : start].lower()) or EMPLOYER_AFTER.match(text[end:])
            info = {
                "named_outright": said or bool(cued),
                "in_house": entity.get(ENTITY_ATTRIBUTE_ROLE) == "agency"
                and not (companies or AGENCY_WORDS.search(value) or story),
                "employer_said": said,
            }
            out.append({**entity, DATE_INFO: {**(entity.get(DATE_INFO) or {}), **info}})
        return out

    def _with_roles(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """Every entity, those of spaCy's types with a role (and without non-people)."""
        entities = self._self_names(text, self._trimmed_dates([_without_trailing_self(e) for e in entities]))
        entities = [e for e in entities if _plausible(text, e) and self._forbids_contact(text, e)]
        stop = set(self.cues["not_job_title_words"])
        held = {m.lower() for m in self.cues["title_modifiers"]}
        entities = [  # the model's "role" for "ready for later" or "a contract role" is no job title
            e
            for e in entities
            if e.get(ENTITY_ATTRIBUTE_TYPE) != "role"
            or not (
                {w.lower().strip(".,") for w in str(e.get(ENTITY_ATTRIBUTE_VALUE, "")).split()} & stop
                or str(e.get(ENTITY_ATTRIBUTE_VALUE, "")).lower() in held
            )
        ]
        entities = [self._with_seniority(text, e) if e.get(ENTITY_ATTRIBUTE_TYPE) == "role" else e for e in entities]
        titles = self._job_titles(text)
        if titles:  # the title as the user framed it beats DIET's and spaCy's pieces of it
            entities = [
                e
                for e in entities
                if e.get(ENTITY_ATTRIBUTE_TYPE) != "role"
                and not (
                    e.get(ENTITY_ATTRIBUTE_TYPE) == "ORG"
                    and _overlaps(e.get(ENTITY_ATTRIBUTE_START, -1), e.get(ENTITY_ATTRIBUTE_END, -1), titles)
                )
            ]
        entities = self._lowercase_people(text, self._missed_people(text, self._real_people(text, entities + titles)))
        entities = self._own_names(text, entities)
        entities = self._addressed_people(text, self._people_by_part(text, entities))
        entities = self._lowercase_story(text, entities)
        entities = self._known_agencies(text, self._agency_after_recruiter(text, entities))
        entities = self._known_employers(text, entities)
        entities = self._named_agency(text, self._named_employer(text, entities)) + self._clock_times(text, entities)
        employers = self._employers(text, entities)
        entities = [  # "the Delmar Tech interview": the model's "role" there is the employer
            e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) != "role" or not _overlaps(*_span_of(e), employers)
        ]
        channel = self._channel(text, entities)
        if self._no_address(text.lower()):  # "didn't write down her email": the model's "email" there is no channel
            entities = [e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) != "channel" or not _is_email(e)]
        entities = entities + employers + self._facts(text) + channel
        own = self._own_question(text)
        entities = entities + self._question(text, own) + own + self._strength(text)
        edits = self._edits(text)
        removed = [e for e in _of_type(edits, "edit_text") if e.get(ENTITY_ATTRIBUTE_ROLE) == "remove"]
        entities = [  # "take out the bit asking when they decide": the line to remove is no question of the user's
            e
            for e in entities
            if e.get(ENTITY_ATTRIBUTE_TYPE) != "own_question" or not _overlaps(*_span_of(e), removed)
        ]
        added = [e for e in _of_type(edits, "edit_text") if e.get(ENTITY_ATTRIBUTE_ROLE) == "add"]
        entities = [  # "pls add asking if I need to bring ID": the words of a line to add, not the draft's question
            {**e, ENTITY_ATTRIBUTE_ROLE: "line"}
            if e.get(ENTITY_ATTRIBUTE_TYPE) in ("question", "own_question") and _overlaps(*_span_of(e), added)
            else e
            for e in entities
        ]
        entities = entities + self._topics(text) + self._goals(text) + edits
        entities = entities + self._stage_reached(text) + self._invitation(text)
        entities = self._stated_and_named(text, entities)
        entities = entities + self._thanks(text, [e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) == "goal"])
        out = []
        entities = _day_of_time(entities)
        entities = split_corrected_dates(text, entities)  # "not wednesday - two weeks from today": two days
        dated = self._with_today(text, self._with_extra_dates(text, with_clock_suffix(text, entities)))
        dated = self._joined_orgs(text, dated)
        for entity in split_corrected_dates(text, merge_adjacent_dates(text, dated)):
            kind = entity.get(ENTITY_ATTRIBUTE_TYPE)
            if kind in ("PERSON", "ORG") and self._tool_name(text, entity):
                out.append({**entity, ENTITY_ATTRIBUTE_TYPE: "ORG", ENTITY_ATTRIBUTE_ROLE: "other"})
                continue  # "working with Salesforce and Figma": tools, neither the employer nor a person
            if kind == "DATE" and CLOCK_TIME.fullmatch(str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "")):
                kind, entity = "TIME", {**entity, ENTITY_ATTRIBUTE_TYPE: "TIME"}  # "9:30am" that spaCy took for a day
            if kind == "PERSON" and _overlaps(*_span_of(entity), _of_type(dated, "strength")):
                continue  # "scheduling tools like Jira and Hansoft": a name in what the user is good at is nobody
            if kind == "PERSON":
                person = self._person(text, entity)
                if person:
                    out.append(person)
            elif kind == "ORG" and TITLE_BEFORE.search(text[: int(entity.get(ENTITY_ATTRIBUTE_START, 0))]):
                person = self._person(text, {**entity, ENTITY_ATTRIBUTE_TYPE: "PERSON"})
                if person:
                    out.append(person)  # "with Mr O'Neil": spaCy's organisation is a person with a title
            elif kind == "ORG" and self._person_with(text, *_span_of(entity), dated):
                person = self._person(text, {**entity, ENTITY_ATTRIBUTE_TYPE: "PERSON"})
                if person:
                    out.append(person)  # "at Marlow & Finch with Jess Okoro": spaCy's organisation is a person
            elif kind == "ORG" and self._titled_person(text, entity):
                person = self._person(text, {**entity, ENTITY_ATTRIBUTE_TYPE: "PERSON"})
                if person:
                    out.append(person)  # "with Rafael Costa (Head of Marketing)": spaCy's organisation is a person
            elif kind == "ORG" and self._uncued_lowercase(text, entity):
                continue  # "ok fine ill wait till friday": spaCy's lower-case organisation is ordinary words
            elif kind == "ORG" and self._product_name(text, int(entity.get(ENTITY_ATTRIBUTE_START, 0))):
                out.append({**entity, ENTITY_ATTRIBUTE_ROLE: "other"})  # "their new app, Tidewell": not the employer
            elif kind == "ORG":
                org = self._clean_org(text, entity)
                if org and self._titled_person(text, org) is not False:  # not "(Head of Marketing)" itself
                    # "my SAP migration experience": a name inside what the user did is not the employer
                    told = _overlaps(*_span_of(org), _of_type(dated, "strength")) and (
                        not JOB_PLACE.search(text[: org[ENTITY_ATTRIBUTE_START]])
                        or bool(PAST_PLACE.search(text[: org[ENTITY_ATTRIBUTE_START]]))
                    )
                    told = told or bool(PAST_PLACE.search(text[: org[ENTITY_ATTRIBUTE_START]]))
                    role = "other" if told else self._org_role(text, org)
                    out.append(_addressed(text, {**org, ENTITY_ATTRIBUTE_ROLE: role}))
            elif kind == "DATE" and _overlaps(*_span_of(entity), _of_type(edits, "edit_text")):
                out.append({**entity, ENTITY_ATTRIBUTE_ROLE: "other"})  # "add that I'm free tuesday": the draft's words
            elif kind == "DATE":
                out.append({**entity, ENTITY_ATTRIBUTE_ROLE: self._date_role(text, entity)})
            elif kind == "TIME":
                out.append({**entity, ENTITY_ATTRIBUTE_ROLE: self._time_role(text, entity)})
            else:
                out.append(entity)
        out = [e for e in out if not _restated(text, e)]
        self._same_person_same_role(out)
        self._uncued_dates(out)
        firsts = {
            str(e[ENTITY_ATTRIBUTE_VALUE]).split()[0].lower() for e in out if e[ENTITY_ATTRIBUTE_TYPE] == "PERSON"
        }
        names = firsts | {str(e[ENTITY_ATTRIBUTE_VALUE]).lower() for e in out if e[ENTITY_ATTRIBUTE_TYPE] == "PERSON"}
        return [
            e
            for e in out
            if not _counted_period(text, e)
            # "... and jake went quiet": spaCy's lower-case "organisation" that starts with a person's name
            and not (
                e[ENTITY_ATTRIBUTE_TYPE] == "ORG"
                and str(e[ENTITY_ATTRIBUTE_VALUE]).islower()
                and str(e[ENTITY_ATTRIBUTE_VALUE]).split()[0] in firsts
            )
            # "my recruiter Becky ... check in with Becky": a person named in the message, again, is no organisation
            and not (e[ENTITY_ATTRIBUTE_TYPE] == "ORG" and str(e[ENTITY_ATTRIBUTE_VALUE]).lower() in names)
        ]

    @staticmethod
    def _joined_orgs(text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """Each ORG with the rest of its name spaCy split off, and without the person it read in that rest.

        "at Marks and Spencer with ..." ("Spencer" a person), "at Johnson and Johnson" (a person too), "at Wren and
        Finch" (only "Finch"), "the NHS trust" ("NHS"), "Lloyds bank"; not "Google and Meta", two organisations.
        """
        out: List[Dict[str, Any]] = []
        grown: List[Dict[str, Any]] = []
        for entity in entities:
            end = entity.get(ENTITY_ATTRIBUTE_END)
            kind = entity.get(ENTITY_ATTRIBUTE_TYPE)
            start = int(entity.get(ENTITY_ATTRIBUTE_START) or 0)
            if kind == "PERSON" and isinstance(end, int) and re.search(r"\b(?:at|for)\s+$", text[:start]):
                kind = "ORG" if JOINED_NAME.match(text, end) else kind  # "at Johnson and Johnson": an employer
                entity = {**entity, ENTITY_ATTRIBUTE_TYPE: kind}
            if kind == "ORG" and isinstance(end, int):
                value = str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "")
                joined = JOINED_NAME.match(text, end)
                body = (ACRONYM_BODY if value.isupper() and len(value) > 1 else ORG_BODY).match(text, end)
                others = [e for e in entities if e is not entity and e.get(ENTITY_ATTRIBUTE_TYPE) == "ORG"]
                before = JOINED_BEFORE.search(text[:start])
                if before and not _overlaps(*before.span(1), others):
                    value = text[before.start(1) : end]
                    entity = {**entity, ENTITY_ATTRIBUTE_START: before.start(1), ENTITY_ATTRIBUTE_VALUE: value}
                    grown.append(entity)
                if joined and not _overlaps(*joined.span(1), others):
                    entity = {
                        **entity,
                        ENTITY_ATTRIBUTE_END: joined.end(1),
                        ENTITY_ATTRIBUTE_VALUE: value + text[end : joined.end(1)],
                    }
                    grown.append(entity)
                elif body:
                    entity = {
                        **entity,
                        ENTITY_ATTRIBUTE_END: body.end(1),
                        ENTITY_ATTRIBUTE_VALUE: f"{value} {body.group(1).capitalize()}",
                    }
            out.append(entity)
        return [e for e in out if not (e.get(ENTITY_ATTRIBUTE_TYPE) == "PERSON" and _overlaps(*_span_of(e), grown))]

    def process(self, messages: List[Message]) -> List[Message]:
        """Add the missed dates and the roles to each message's entities; drop the mentions of no agency."""
        for message in messages:
            text = message.get(TEXT) or ""
            if text:
                entities = self._with_roles(text, self._employer_out_of_date(text, list(message.get(ENTITIES, []))))
                entities = self._negated(text, self._real_agencies(text, entities, message.get(INTENT) or {}))
                entities = _moved_to(text, self.with_context(text, entities))
                message.set(ENTITIES, entities, add_to_output=True)
        return messages
