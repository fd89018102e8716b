"""Reviews a draft the user wrote themselves against the articles' dos and don'ts."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Dict, Iterable, List, Tuple

from .drafts import LINKEDIN_NOTE_LIMIT, PLACEHOLDERS, escape_for_channel, first_name
from .knowledge import Knowledge, load_knowledge
from .reply import Button, Reply
from .situation import Situation
from .spelling import one_letter_apart, spelling_slips, spelling_tables, within_two_edits
from .vocabulary import UNKNOWN

MAX_REVIEW_CHARS = 5000
# A LinkedIn connection note with Premium (free accounts: LINKEDIN_NOTE_LIMIT).
LINKEDIN_PREMIUM_LIMIT = 300
MAX_QUOTE_CHARS = 60
REVIEW_BUTTONS = [
    Button(title="Review another draft", payload="/review_draft"),
    Button(title="Start over", payload="/restart"),
]

# A subject line, also written "Subject line:", "Subj -" or "Re:", on a line of its own or after a lead-in colon.
_SUBJECT = re.compile(r"(?im)(?:^|[:?!]\s+)\s*(?:subject(?: line)?|subj|re)\s*[:\-\u2013]")
# The words of the subject line.
_SUBJECT_LINE = re.compile(r"(?im)^\s*(?:subject(?: line)?|subj|re)\s*[:\-\u2013]\s*(.*)$")
_HEADER = re.compile(r"^\s*(subject(?: line)?|subj|re|cc|to|from)\s*[:\-\u2013]", re.IGNORECASE)
_GREETING = re.compile(
    r"^\W*(dear|hi|hii|hello|hey|hiya|good (morning|afternoon|evening|day)|morning|greetings|to whom)\b", re.IGNORECASE
)
# A greeting that is not at the start: after a lead-in such as "here it is:" on the first line.
_LATE_GREETING = re.compile(r"(?i)(?:^|[:.!?]\s+)(?:dear|hi|hello|hey|good (?:morning|afternoon|evening))\b")
_CLOSING_WORDS = (
    r"regards|sincerely|best( wishes)?|thanks|thx|ty|thank you|thank you very much|many thanks|cheers|all the best"
    r"|respectfully|yours|warmly|take care|god bless"
)
_SIGNOFF = re.compile(rf"\b({_CLOSING_WORDS})\b[,.!]?\s*$", re.IGNORECASE)
# A sign-off followed by the writer's name on the same line: "thanks, Pedro", "Kind regards, Samir Haddad".
_SIGNOFF_NAMED = re.compile(
    rf"(?i:\b(?:{_CLOSING_WORDS}))[,.!]?\s+(?:[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){{0,2}}|[a-z][\w'-]{{1,14}})\s*[.!]?\s*$"
)
# Words after a closing phrase that are not a name ("thank you very much", "thanks again").
_NOT_SIGNER = frozenset("much again so all for everyone a lot in advance you".split())
_SALARY = re.compile(
    r"\b(salary|salaries|compensation|benefits?|pto|paid time off|vacation( days?)?|holidays?( allowance)?"
    r"|days off|annual leave|sick days|bonus(es)?|sign[- ]on bonus|pay( (range|scale|band|rate))?|wages?"
    r"|hourly rate|day rate|rate of pay|comp (?:range|band|package)|total comp|remuneration"
    r"|(?:the )?money (?:on offer|like|for (?:this|the) (?:role|job|position))|how much money"
    r"|(?:base(?: ?/ ?| and | vs\.? | to )?)?ote|on[- ]target earnings|base (?:salary|pay)"
    r"|commissions?( (?:structure|split|plan|rate))?"
    r"|how much (?:\w+ ){0,3}(?:pay|earn|make|get paid)|stock options|equity|pension"
    r"|budget (?:for|of) (?:the|this) (?:role|position|job|hire)|(?:the|your) budget)\b"
    r"(?! attention)",
    re.IGNORECASE,
)
# Pressure, impatience or entitlement: deadlines set for them, complaints about the wait, the user's own needs.
_DEMANDING = re.compile(
    r"\b(i (?:really |just |urgently |do )?(?:need|want|expect|demand) (?:an? |your )?"
    r"(?:answer|reply|response|decision|update|to know)"
    r"(?: (?:by|before|today|tomorrow|now|asap|immediately|this week)\b[^.,;!?]{0,20})?"
    r"|i expect\b[^.,;!?]{0,40}|(?:reply|respond|answer|get back to me|let me know)[^.,;!?]{0,12}"
    r"\b(?:asap|immediately|right away|urgently|today|now)\b|as soon as possible|asap"
    r"|(?:can'?t|cannot) wait (?:forever|any longer|much longer|indefinitely)"
    r"|(?:still|yet) no (?:answer|reply|response|news)"
    r"|(?:somewhat |quite |very |rather |a bit |frankly )?"
    r"(?:unprofessional|disappointing|disrespectful|unacceptable|rude)"
    r"|(?:please )?(?:let me know|reply|respond|answer|get back to me|hear from you) (?:by|before|no later than) "
    r"(?:tomorrow|today|tonight|end of (?:the )?(?:day|week)|eod|eow|this week|(?:mon|tues|wednes|thurs|fri)day"
    r"|the \d{1,2}(?:st|nd|rd|th)?)"
    r"|who did you (?:hire|pick|choose|select)|(?:tell|explain to) me exactly why"
    r"|(?:or|otherwise|else),? i(?:'ll| will| shall|'m going to| am going to| may| might) (?:have to )?"
    r"(?:take|accept|go with|sign|pursue|move on|withdraw)(?: [\w']+){0,5}"
    r"|(?:if i don'?t|unless i) hear (?:back )?(?:from you )?(?:by|before|soon|today|tomorrow)(?: [\w']+){0,4}"
    r"|i (?:was|am) (?:quite |very |a bit )?(?:frustrated|annoyed|upset|disappointed)"
    r"|(?:why|how come) (?:haven'?t|have not|didn'?t|did not) (?:you|i|anyone)\b[^.,;!?]{0,30}"
    r"|(?:i )?(?:really )+need (?:this|the) (?:job|money|position)|my rent is due|bills? to pay"
    r"|(?:it'?s|it is) (?:very )?important for me and my family|i have other options"
    r"|you (?:should|must|need to|have to) (?:reply|answer|respond|tell|let|decide|give|call)\w*"
    # the user's hardship or the days counted, as a reason for them to hurry: "I've been unemployed for 8 months"
    r"|i'?ve been (?:unemployed|out of work|out of a job|without (?:a )?(?:job|work))"
    r"(?: for (?:over |almost |nearly |about )?(?:\w+ ){0,2}?(?:days?|weeks?|months?|years?|a while|ages))?"
    r"|(?:it'?s|it has|its) (?:already |now |only |just )?been (?:\d+|a few|two|three|four|five|six|seven|several)"
    r" (?:days|weeks)(?! since)(?: now| already)?)",
    re.IGNORECASE,
)
# Anger, blame, entitlement and guilt-tripping: a message that would close the door, flagged before anything else.
_HOSTILE = re.compile(
    r"\b(i (?:really |honestly |truly )?(?:think |feel |believe )?(?:i )?deserve(?: [\w']+){0,4}"
    r"|you owe me(?: [\w']+){0,3}"
    r"|(?:made|making) (?:the |a |such a )?(?:wrong|bad|big|huge|terrible) (?:call|choice|decision|mistake)"
    r"|(?:i )?(?:honestly |really |truly )?expected (?:better|more)(?: [\w']+){0,5}|(?:you )?ghost(?:ed|ing)(?: me)?"
    r"|(?:this|that|it) is (?:so |very |really |quite |frankly )?(?:unprofessional|disrespectful|unacceptable|rude"
    r"|ridiculous|insulting)|(?:somewhat |quite |very |rather |a bit |frankly |so )?"
    r"(?:unprofessional|disrespectful|unacceptable|insulting|ridiculous)"
    r"|(?:kind of |kinda |really |very |so |pretty |quite |a bit |honestly )*(?:frustrat\w+|annoy\w+|disappointing)"
    r"|(?:i'?m|im|i am|i was|i feel) (?:\w+ )?(?:disappointed|upset|angry|annoyed|frustrated|hurt|let down)"
    r"|(?:can you |could you |please )?at least (?:let me know|tell me|reply|respond|answer|have the courtesy)"
    r"(?: [\w']+){0,3}"
    r"|(?:the )?(?:least|bare minimum) you (?:could|can) do|common courtesy|waste of (?:my )?time"
    r"|just a generic (?:email|reply|rejection|message)"
    r"|who did you (?:hire|pick|choose|select) instead|who (?:you|they) (?:hired|picked|chose) instead"
    r"|who got (?:the (?:job|role|position|offer)|it) instead|who got (?:the (?:job|role|position|offer))"
    r"|(?:it would be|it'?d be|would be) nice to (?:get|hear|receive|have) (?:at least |even )?(?:a|an|some|any|one)\b"
    r"[^.!?]{0,20}|at least (?:a|an|one|some) (?:reply|response|answer|acknowledg\w*)"
    r"|what (?:the )?(?:successful|other|chosen) (?:candidate|applicant|person) had(?: that i (?:didn'?t|did not))?)",
    re.IGNORECASE,
)
# Asking them to go back on a decision: "I'd like you to reconsider", "could you revisit the decision".
_RECONSIDER = re.compile(
    r"(?i)\b(?:reconsider\w*(?: (?:me|my (?:application|candidacy)|the decision|your decision|(?:the|this) outcome))?"
    r"|(?:revisit|reverse|overturn|rethink|review) (?:the|your|this|that) (?:decision|outcome))"
)
# Asking for the interview questions ahead: "could you send me the questions", "what questions will I be asked".
_INTERVIEW_QUESTIONS = re.compile(
    r"(?i)\b(?:(?:send|share|give|forward|email|pass on)(?: me| over)?(?: a list of| some of| any of| a copy of)? the "
    r"(?:interview |panel )?questions|(?:what|which) (?:interview )?questions (?:will|would|are|might) "
    r"(?:you|they|the panel|i|be)(?: going to| be)? (?:ask\w*|be asked|face|get)"
    r"|(?:a preview|a list|a copy) of the (?:interview )?questions"
    r"|the (?:interview )?questions (?:in advance|ahead of time|ahead of the interview|beforehand|before ?hand))"
)
# Claiming the job before they decide: "I'm the perfect fit", "I know I'm the best candidate".
_PRESUMPTUOUS = re.compile(
    r"(?i)\b(?:i'?m|im|i am|i'?d be|i would be|i know i'?m|i know i am)"
    r"(?: clearly| definitely| obviously| simply| honestly| really| truly| genuinely| totally| literally)?"
    r" (?:the|a|your) (?:perfect|best|ideal|only|obvious) (?:fit|candidate|person|choice|match|hire)\b"
)
# Asking an agency recruiter for a way round them to the client: the hiring manager's address, or contact "directly".
_AROUND_AGENCY = re.compile(
    r"(?i)\b(?:(?:hiring managers?'?s?|manager'?s?|client'?s?|their) (?:direct )?(?:email|e-mail|number|phone number"
    r"|contact(?: details)?|details)"
    r"|(?:follow up|reach out|get in touch|speak|talk) (?:with|to) (?:her|him|them|the (?:hiring )?manager) directly)"
)
# Writing to the client because the agency recruiter is slow: "I haven't heard back from my recruiter so ...".
_BYPASS_AGENCY = re.compile(
    r"(?i)\b(?:(?:i )?(?:haven'?t|have not|didn'?t|did not|never) (?:heard|had|got(?:ten)?) "
    r"(?:back |a (?:thing|word|reply) |anything |any (?:news|updates?|reply) )?from (?:my|the) "
    r"(?:recruiter|agency|consultant)|(?:my|the) (?:recruiter|agency|consultant)(?: \w+)? "
    r"(?:hasn'?t|has not|hasnt|isn'?t|is not|won'?t|doesn'?t|never)"
    r" (?:replied|answered|responded|gotten back|got back|been|told|reply|answer|respond|get back|update)\w*"
    r"|(?:so )?i (?:thought|wanted|decided) (?:i'?d |i would |to )?(?:ask|contact|reach out to|write to|email|come to"
    r"|go to|approach) you directly"
    r"|(?:go|going|went) (?:around|over|past) (?:my|the) (?:recruiter|agency)"
    r"|(?:recruiter|agency)\b[^.!?]{0,40}?\b(?:haven'?t|have not) heard (?:a thing |anything |back )?"
    r"from (?:them|him|her))"
)
# Blame of the recruiter in a note to the client: "the recruiter was vague", "my recruiter is useless".
_BLAME_RECRUITER = re.compile(
    r"(?i)\b(?:(?:my|the) (?:recruiter|agency|consultant)(?: \w+)? (?:was|is|has been|seems) (?:\w+ ){0,2}"
    r"(?:vague|useless|unhelpful|slow|unresponsive|hopeless|terrible|bad|awful|no help|not helpful|clueless|rubbish)"
    r"|(?:frustrated|annoyed|unhappy|disappointed|fed up) with (?:my|the) (?:recruiter|agency|consultant)"
    r"|(?:recruiter|agency|consultant)s?\b[^.!?]{0,25}\b(?:never|don'?t|doesn'?t|won'?t|dont|doesnt|wont) "
    r"(?:call|ring|reply|respond|answer|get back|return)\w*(?: (?:back|me|my \w+))?)"
)
# Reproach put politely: "I'd appreciate the courtesy of a reply", "I'm sure you're busy, but", "as I said before".
_PASSIVE_AGGRESSIVE = re.compile(
    r"(?i)\b(?:(?:i'?d|i would|i will|i'?ll) (?:really |greatly )?appreciate (?:the |some |a little )?"
    r"(?:courtesy|decency)"
    r"(?: of (?:a |an |some )?(?:reply|response|answer|update|call|acknowledg\w*))?"
    r"|(?:the |basic |simple |common )?(?:courtesy|decency) of (?:a |an |some )?(?:reply|response|answer|update)"
    r"|i'?m sure you(?:'re| are) (?:very |extremely |incredibly |terribly )?busy,? but"
    r"|as i (?:already |previously )(?:said|mentioned|told you|stated|explained)|like i (?:already )?(?:said|told you)"
    r"|as i (?:have )?already (?:told you|explained)"
    r"|surely (?:you|someone|somebody|it)\b[^.,;!?]{0,25}"
    r"|i trust (?:you|this) (?:received|got|saw|have received|reached)\b[^.,;!?]{0,20}"
    r"|(?:even |just )?a (?:simple|quick|short|one-line) (?:yes or no|no|reply|response|answer) would "
    r"(?:do|suffice|be (?:nice|appreciated|enough))"
    r"|i (?:shouldn'?t|should not) have to (?:chase|ask|follow up|keep)\w*(?: [\w']+){0,3}"
    r"|i'?m still waiting(?: on| for)? (?:a |an |your )?(?:reply|response|answer|update)"
    r"|in case (?:my (?:last |previous )?(?:email|message) )?(?:got lost|you missed it|it slipped)\b[^.,;!?]{0,15})"
)
# Going around the agency in a note to the client: "so I'm writing to you directly", "coming straight to you".
_DIRECT_TO_CLIENT = re.compile(
    r"(?i)\b(?:(?:i'?m|i am|i'?ve|i have|i'?d|i would|i'?ll|i will|i decided to|i thought i'?d) "
    r"(?:writing|reaching out|coming|write|reach out|come|contacting|contact|emailing|email|messaging|message)"
    r"(?: to)?(?: you)? (?:directly|straight to you|to you directly)"
    r"|(?:skip|skipping|bypass\w*|cut\w* out) (?:the |my )?(?:agency|recruiter|middleman|middle man))"
)
# Blame of the agency's recruiter by name: "Tom from Hays has been really slow", "Hays is useless".
_BLAME_WORDS = (
    r"(?:slow|vague|useless|unhelpful|unresponsive|hopeless|terrible|awful|no help|not helpful|clueless|rubbish"
    r"|hard to reach|impossible to reach|ignoring me|incompetent|disorganised|disorganized|unreliable|a nightmare)"
)


def _blamed_by_name(situation: Situation) -> re.Pattern[str]:
    """Blame of the user's recruiter or agency named as the user told them: "Tom has been really slow"."""
    names = [
        re.escape(word)
        for value in (situation.recruiter_name, situation.agency_name)
        if value and value != UNKNOWN
        for word in value.split()[:1]
        if len(word) > 2
    ]
    if not names:
        return re.compile(r"(?!)")
    return re.compile(
        rf"(?i)\b(?:{'|'.join(names)})\b[^.!?]{{0,30}}?\b(?:has been|have been|is|was|were|are|seems|seem)"
        rf"(?: \w+){{0,2}}? {_BLAME_WORDS}(?: [\w']+){{0,5}}"
    )


# Shouted words ("AGAIN", "ASAP"): four or more capitals, not an acronym kept in a known list.
_SHOUTED = re.compile(r"\b(?!(?:ASAP|HTML|JSON|NYSE|NASA|UNICEF)\b)[A-Z]{4,}\b")
# A follow-up that only says it is following up: "just checking in", "any updates?".
_EMPTY_CHECK_IN = re.compile(
    r"\b(just (?:checking|following|touching base|wanted to check|wondering)|checking in|following up"
    r"|(?:i )?(?:was|am|am just|was just) wondering (?:about|if|whether|how|what)"
    r"|any (?:news|updates?))\b",
    re.IGNORECASE,
)
# Words that say what a note is about: the interview, the role, a date, a concrete detail.
_ABOUT = re.compile(
    r"\b(interview\w*|role|position|job|application|post|vacancy|opening|meeting|conversation|chat|call|offer"
    r"|monday|tuesday|wednesday|thursday|friday|yesterday|today|last week|\d{1,2}(?:st|nd|rd|th)?)\b",
    re.IGNORECASE,
)
# A question within a sentence that lists several: ", the hours, and how many holidays ...?".
_MORE_QUESTIONS = re.compile(
    r"(?:,\s*(?:and\s+)?|\s+and\s+)(?=(?:who|what|whether|if|how|when|where|which|why|do|does|is|are|can|could|will)\b)"
    r"|,\s*(?:and\s+)?(?=(?:the|any)\b)",  # "the salary, the hours and ...": "the" after a comma only
    re.IGNORECASE,
)
# A pleasantry put as a question ("How are you?", "I hope you had a good weekend?"): no question to answer.
_PLEASANTRY_QUESTION = re.compile(
    r"(?i)^\W*(?:(?:hi|hello|hey)\b[^?]{0,20})?(?:how are (?:you|things)(?: doing)?|how(?:'s| is| was) (?:your|the) "
    r"(?:week|weekend|day|morning|holiday)\w*(?: going)?|how have you been|are you well|(?:i )?hope (?:you|all|things"
    r"|your|this)\b[^?]*)\s*\?+\s*$"
)
# Words inside a question that are no question of their own: "..., when you have a moment, ...", "and if so,".
_ASIDE = re.compile(
    r"(?i),\s*(?:when|whenever|if) (?:you (?:have|get|find) (?:a |the )?(?:moment|minute|chance|time)|it'?s "
    r"(?:convenient|possible)|possible|convenient)\s*,|\bif so\s*,?|\bif (?:possible|you can|that'?s ok(?:ay)?)\b"
)
# Titles before a surname, left out when names are compared.
_TITLES = ("mr", "mrs", "ms", "dr", "miss", "prof", "mx")
# Above this many words an email is too long, however few full stops it has.
MAX_EMAIL_WORDS = 130
# Words per sentence when a run-on text is counted in sentences.
WORDS_PER_SENTENCE = 22
_CASUAL_WORDS = re.compile(
    r"\b(hey|hiya|yo|gonna|wanna|gotta|kinda|u|ur|thx|thanx|pls|plz|lol|omg|btw|tbh|asap|yeah|yep|nope|cool"
    r"|awesome|sup|cya|haha\w*|hehe\w*|stoked|pumped|xoxo|dope|legit"
    r"|super (?=excited|happy|keen|glad|pumped|interested|grateful|thankful|nervous)\w+"
    r"|did (?:(?:really|so|pretty|super) )?good"  # "I did really good": "well" in writing
    r"|(?!www\b)(?=[a-z]*([a-z])\2\2)[a-z]{3,})\b",  # "sooo", "pleeease", "yesss": a letter typed three times
    re.IGNORECASE,
)
_CASUAL_MARKS = re.compile(r"!{2,}|\?{2,}|[?!]{2,}|[:;]-?[)(DPp]\B|[\U0001F300-\U0001FAFF\u2600-\u27BF]")
_THANKS = re.compile(r"\b(thank|thanks|thx|thanx|ty|appreciate|appreciated|grateful|gratitude)\b", re.IGNORECASE)
_NEXT_STEPS = re.compile(
    r"\b(next steps?|timeline|status|hear back|update on|any (news|updates?)|decision"
    r"|when (will|can|might|should) i (hear|expect|know)|where (i|things) stand)\b",
    re.IGNORECASE,
)
_REPEAT_STRONG = re.compile(
    r"\b(following up again|as i (?:mentioned|said|wrote) (?:in my (?:last|previous|earlier) (?:email|message|note)"
    r"|before|earlier|already)|per my (last|previous)( email| message)?"
    r"|second (email|message|time)|(another|one more) (email|message|reminder)|(checking|following) (in|up) again"
    r"|still (waiting|haven't heard)|resend(ing)?|bump(?:ing)? (?:this|my (?:email|message))"
    r"|to the top of your inbox|(?:emailed|written|messaged|reached out|followed up) (?:you )?(?:twice|two times"
    r"|three times|several times|a few times|again)|(?:my )?(?:third|3rd) (?:email|message|follow[- ]?up))\b",
    re.IGNORECASE,
)
_REPEAT_WEAK = re.compile(
    r"\b(haven't heard back|have not heard back|following up|follow up|checking in)\b", re.IGNORECASE
)
_ENGLISH = frozenset(
    "the and to i you for of a in is my your it on with be this that am thank would me we our are at have will "
    "as an if please looking forward interview role hi hello dear just any hope wanted know let thanks best regards "
    "checking update updates".split()
)


_MONTHS = "|".join(calendar.month_name[1:]) + "|" + "|".join(m for m in calendar.month_abbr[1:])
_DAYS = "|".join(calendar.day_name)
# A weekday written with a date: "Wednesday, December 3", "Wed 3 Dec", "Friday the 4th of December".
_DAY_DATE = re.compile(
    rf"(?i)\b(?P<day>{_DAYS}|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+(?:"
    rf"(?:the\s+)?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m1>{_MONTHS})\b\.?"
    rf"|(?P<m2>{_MONTHS})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b)"
)
# A date this many days before today is meant for next year ("Friday 2 January" written in December).
PAST_DATE_DAYS = 60


def pushy_or_angry(sentence: str) -> bool:
    """Whether a sentence puts pressure on the reader or sounds angry (what a calmer version leaves out)."""
    return bool(_DEMANDING.search(sentence) or _HOSTILE.search(sentence) or _SHOUTED.search(sentence))


def weekday_slips(text: str, now: datetime) -> List[Tuple[str, str, str]]:
    """Each weekday that does not fit its date: the words written, the same words with the right day, that day."""
    slips: List[Tuple[str, str, str]] = []
    for match in _DAY_DATE.finditer(text):
        month_word = (match.group("m1") or match.group("m2"))[:3].lower()
        month = [m.lower() for m in calendar.month_abbr].index(month_word)
        day = int(match.group("d1") or match.group("d2"))
        try:
            when = date(now.year, month, day)
        except ValueError:
            continue
        if when < now.date() - timedelta(days=PAST_DATE_DAYS):
            when = date(now.year + 1, month, day)
        right = calendar.day_name[when.weekday()]
        written = match.group("day")
        if right.lower().startswith(written.lower().rstrip(".")):
            continue
        fixed = right if len(written) > 4 else right[:3]
        fixed = fixed.lower() if written.islower() else fixed
        slips.append((match.group(0), fixed + match.group(0)[len(written) :], right))
    return slips


def typos_in(text: str, keep: Iterable[str] = ()) -> List[Tuple[str, str]]:
    """The spelling slips in the text, as written, with their correction; the words in `keep` are left alone."""
    return spelling_slips(text, load_knowledge().common_typos, keep)


def fix_slips(text: str, now: datetime | None, keep: Iterable[str] = ()) -> str:
    """The text with its spelling slips corrected and, given today's date, each weekday fitted to its date."""
    for wrong, right in typos_in(text, keep):
        right = right[:1].upper() + right[1:] if wrong[:1].isupper() else right
        text = re.sub(rf"(?<![\w'@./-]){re.escape(wrong)}(?![\w'@/-]|\.[a-z])", right, text)
    for written, fixed, _ in weekday_slips(text, now) if now else []:
        text = text.replace(written, fixed)
    return text


@dataclass
class _Finding:
    """One problem found: the review check id and the values for its text."""

    check: str
    values: Dict[str, str]


def _quote(words: List[str], channel: str | None, most: int = 3) -> str:
    """Quote the user's words, de-duplicated, shortened and escaped, in quotation marks."""
    unique: List[str] = []
    for word in words:
        if word.lower() not in (u.lower() for u in unique):
            unique.append(word)
    quoted = []
    for word in unique[:most]:
        word = re.sub(r"(?i)\s+(?:and|but|or|so|to|the|a|an)$", "", word)  # "i deserve an answer and" -> "... answer"
        if len(word) > MAX_QUOTE_CHARS:  # cut at a word boundary, never mid-word
            word = word[:MAX_QUOTE_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"
        quoted.append("“" + escape_for_channel(word, channel) + "”")
    return ", ".join(quoted)


def _vague(subject: str) -> bool:
    """A subject that doesn't say what the email is about: 'Thanks', 'interview', 'Hello'."""
    words = subject.split()
    return len(words) <= 2 or (len(words) < 4 and not _ABOUT.search(subject))


def subject_example(situation: Situation) -> str:
    """A subject line made of the facts the user gave; a placeholder only for what is not known."""
    role = situation.role if situation.known("role") else "[role]"
    role = role[:1].upper() + role[1:]
    if situation.branch == "post_interview" and situation.goal == "thank_you":
        return f"Thank you – {role} interview"
    if situation.rejected == "yes" or situation.goal == "feedback":
        return f"{role} – thank you, and a short request"
    day = situation.date_of("interview_date")
    if situation.branch == "pre_interview" and day:  # "Interview on Thursday 3 December – Dental hygienist"
        return f"Interview on {calendar.day_name[day.weekday()]} {day.day} {calendar.month_name[day.month]} – {role}"
    name = str(situation.user_name) if situation.known("user_name") else "[your name]"
    name = name.title() if name.islower() else name
    return f"{role} interview – {name}"


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
    """Return non-empty lines without header lines such as 'Subject:' and without a lead-in before the greeting."""
    lines = [line.strip() for line in text.splitlines() if line.strip() and not _HEADER.match(line)]
    if lines and not _GREETING.match(lines[0]):
        late = _LATE_GREETING.search(lines[0])
        if late and late.start() > 0:  # "here it is: Hi Tom, ...": the draft starts at its greeting
            lines[0] = lines[0][late.start() :].lstrip(":.!? ")
    return lines


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


def _signed(lines: List[str]) -> bool:
    """Whether the draft ends with a sign-off: on a line of its own, or followed by the writer's name."""
    if len(lines) >= 3 and re.fullmatch(r"[-\u2013\u2014~ ]*[A-Za-z][\w'.-]*(?: [A-Za-z][\w'.-]*){0,2}", lines[-1]):
        return True  # "ravi" or "- jess" on the last line of its own
    if lines and re.search(r"\s[-\u2013\u2014~]\s*[A-Za-z][\w'.-]*(?: [A-Z][\w'.-]*)?\s*$", lines[-1]):
        return True  # "... Thanks man - Ben" on the one line of a short note
    for line in lines[-3:]:
        if _SIGNOFF.search(line):
            return True
        named = _SIGNOFF_NAMED.search(line)
        if named and named.group(0).split()[-1].lower().strip(".!") not in _NOT_SIGNER:
            return True
    return False


def _body_words(lines: List[str]) -> List[str]:
    """The words of the message between the greeting and the sign-off."""
    body = " ".join(lines)
    greeting = _OPENING.match(body)
    if greeting:
        body = greeting.group(3)
    closing = re.search(rf"(?i)\b(?:{_CLOSING_WORDS})\b[,.!]?\s*(?:[A-Za-z][\w'.-]*\s*){{0,3}}$", body)
    if closing:
        body = body[: closing.start()]
    return body.split()


def _question_count(text: str) -> int:
    """Questions asked, counting each one of a list inside one question sentence ("the salary, the hours and ...?")."""
    count = 0
    text = re.sub(r"\"[^\"\n]*\"|\u201c[^\u201d\n]*\u201d", "\u2026", text)  # a question quoted is none
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if "?" in sentence and not _PLEASANTRY_QUESTION.match(sentence):
            asked = _ASIDE.sub(" ", sentence.split("?")[0])
            asked = re.sub(r"(?i)^\s*(?:also|and|so|plus|lastly|finally|to prepare)\s*,\s*", "", asked)
            listed = len(_MORE_QUESTIONS.findall(asked))  # "Also, could you ...?" is one question
            numbered = len(re.findall(r"(?:^|[\s:(])\d[.)](?=\s)", sentence))  # "1) ..., 2) ... and 3) ...?"
            extra = numbered - 1 if numbered >= 2 else listed  # a numbered list is counted by its numbers
            count += max(1, len(re.findall(r"\?+", sentence))) + extra
    return count


# Where the questions left out of a note can go, by the stage the user is at.
_REST_OF_QUESTIONS = {
    "before": "the rest can wait for the interview",
    "after": "one clear question is the easiest to answer",
    "rejected": "after a decision, one short question about what to improve is plenty",
}
# A day or date in a note: something concrete it is about.
_WHEN = re.compile(
    rf"(?i)\b(?:{_DAYS}|yesterday|today|last week|this morning|\d{{1,2}}(?:st|nd|rd|th)|(?:{_MONTHS})\.? \d{{1,2}}"
    rf"|\d{{1,2}} (?:{_MONTHS}))\b"
)
# Above this many words, a note that names the interview or the role says what it is about.
SPECIFIC_WORDS = 10


def specific(body: str, situation: Situation) -> bool:
    """Whether a note names a day, the role or company, or is a note of some length about the interview or role."""
    if _WHEN.search(body):
        return True
    named = [situation.role, situation.company] if situation.known("role") or situation.known("company") else []
    lower = body.lower()
    if any(value and value != UNKNOWN and value.lower() in lower for value in named):
        return True
    return bool(_ABOUT.search(body)) and len(body.split()) >= SPECIFIC_WORDS


def _told_words(situation: Situation) -> List[str]:
    """The names, company and role the user told me: never taken for misspellings."""
    values = (situation.interviewer_name, situation.recruiter_name, situation.user_name, situation.company)
    values += (situation.role, situation.agency_name)
    return [str(v) for v in values if v and v != UNKNOWN]


def _told_fixes(text: str, situation: Situation) -> List[Tuple[str, str, str, str]]:
    """Words of the draft that differ from what the user told me: (check, written, right word, what I was told)."""
    fixes: List[Tuple[str, str, str, str]] = []
    day = situation.date_of("interview_date")
    dated = {m.group("day").lower()[:3] for m in _DAY_DATE.finditer(text)}
    about = [s for s in re.split(r"(?<=[.!?])\s+", text) if _MEETING.search(s)]
    written = {m.group(0) for s in about for m in _DAY_WORD.finditer(s) if not _other_day(s, m.start(), situation)}
    written = {w for w in written if w.lower()[:3] not in dated}
    if day and len({w.lower() for w in written}) == 1:
        wrote, right = next(iter(written)), calendar.day_name[day.weekday()]
        if wrote.lower() != right.lower():
            fixes.append(("weekday_vs_told", wrote, right, f"{right} {day.day} {calendar.month_name[day.month]}"))
    fixes += _date_fixes(about, situation)
    for told in (situation.company, situation.agency_name):
        for part in told.split() if told and told != UNKNOWN else []:
            for word in sorted(set(re.findall(r"\b[A-Z][\w&'-]{3,}\b", text))):
                if word.lower() != part.lower() and word[0] == part[0] and _misspelt(word, part):
                    fixes.append(("company_typo", word, part, told))
    fixes += _other_company(text, situation) + _other_role(text, situation) + _blanks(text, situation)
    return fixes


_DAY_WORD = re.compile(rf"(?i)\b(?:{_DAYS})\b")
# Words before a day that make it the day of the decision or of a later step, not of the interview.
_OTHER_DAY_CUES = re.compile(
    r"(?i)\b(?:by|before|until|till|no later than|decid\w*|decision|hear\w*|back|know|update|news|deadline|start"
    r"|available|free|second|next|call me|get back|reply|respond|offer|end of)\b[^.!?]{0,12}$"
)


def _other_day(sentence: str, at: int, situation: Situation) -> bool:
    """Whether the day written at this place is not the interview's: the decision's, or a next step's."""
    return bool(_OTHER_DAY_CUES.search(sentence[max(0, at - 40) : at]))


# A date with its day of the month: "November 18", "18 November", "Nov. 18th", "the 18th", "11/18".
_DAY_OF_MONTH = re.compile(
    rf"(?i)\b(?:(?P<m1>{_MONTHS})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m2>{_MONTHS})\b\.?"
    rf"|the\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)"
    rf"|(?P<n1>\d{{1,2}})/(?P<n2>\d{{1,2}})(?!/?\d))\b"
)


def _like_written(wrote: str, day: int) -> str:
    """The day of the month written the way the draft writes it: "24", or "24th" when it wrote "23rd"."""
    if not re.search(r"\d(?:st|nd|rd|th)\b", wrote):
        return str(day)
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _date_fixes(sentences: List[str], situation: Situation) -> List[Tuple[str, str, str, str]]:
    """A day of the month in the lines about the interview that is not the day the user told me."""
    day = situation.date_of("interview_date")
    if not day or situation.is_approximate("interview_date"):
        return []
    others = [situation.date_of("decision_date")]
    fixes: List[Tuple[str, str, str, str]] = []
    for sentence in sentences:
        for match in _DAY_OF_MONTH.finditer(sentence):
            if _other_day(sentence, match.start(), situation):
                continue
            month_word = match.group("m1") or match.group("m2")
            number = int(match.group("d1") or match.group("d2") or match.group("d3") or match.group("n2"))
            month = day.month
            if month_word:
                month = [m.lower() for m in calendar.month_abbr].index(month_word[:3].lower())
            elif match.group("n1"):
                month = int(match.group("n1"))
            if (month, number) == (day.month, day.day) or any(
                o and (o.month, o.day) == (month, number) for o in others
            ):
                continue
            wrote = match.group(0)
            right = re.sub(rf"\b{number}(?:st|nd|rd|th)?\b", _like_written(wrote, day.day), wrote, count=1)
            if month != day.month and month_word:
                right = re.sub(re.escape(month_word), calendar.month_name[day.month], right)
            elif month != day.month and match.group("n1"):
                right = f"{day.month}/{day.day}"
            tense = "was on" if situation.branch != "pre_interview" else "is on"
            known = f"{tense} {calendar.day_name[day.weekday()]} {day.day} {calendar.month_name[day.month]}"
            fixes.append(("date_vs_told", wrote, right, known))
    return fixes[:1]


# Company suffixes left out when names are compared.
_COMPANY_SUFFIXES = frozenset("inc inc. ltd ltd. llc plc gmbh co co. corp corp. group the".split())
# An employer named in the draft: "the position at Northwind Systems", "joining Acme", "the team at X".
_EMPLOYER_IN_DRAFT = re.compile(
    r"\b(?:(?:[Tt]he|[Tt]his|[Yy]our)(?:[ \t]+[\w-]+){0,3}?[ \t]+(?:(?:position|role|job|opening|vacancy|opportunity"
    r"|offer|internship|career)[ \t]+(?:at|with)|(?:team|interview|people|culture|everyone)[ \t]+at)"
    r"|(?:[Jj]oin(?:ing)?|be part of|contribute to)(?: the team at| your team at)?)[ \t]+"
    r"((?:[A-Z][\w&'-]*|&)(?:[ \t]+(?:[A-Z][\w&'-]*|&|of|and)){0,3})"
)


def _name_words(name: str) -> set:
    """The words of a company's name, lower case, without suffixes such as Inc or Ltd."""
    return {w.lower().strip(".,'") for w in re.split(r"[\s&-]+", name) if w and w.lower() not in _COMPANY_SUFFIXES}


def _other_company(text: str, situation: Situation) -> List[Tuple[str, str, str, str]]:
    """An employer named in the draft that is not the company the user told me (nor its agency, nor a person)."""
    if not situation.known("company"):
        return []
    told = _name_words(str(situation.company))
    known = told | _name_words(str(situation.agency_name or "")) | _name_words(" ".join(_told_words(situation)))
    for match in _EMPLOYER_IN_DRAFT.finditer(text):
        named = re.sub(r"\s+(?:of|and|&)$", "", match.group(1).rstrip(".,'")).strip()
        words = _name_words(named) - {"i", "a"}
        calendar_words = {m.lower() for m in calendar.month_name[1:] + calendar.day_name[:]}
        if not words or words & known or words <= calendar_words or named.split()[0].lower() in ("you", "your"):
            continue
        if any(within_two_edits(w, t) for w in words for t in told):  # "Northgate Enrgy": a slip, said apart
            continue
        return [("company_mismatch", named, str(situation.company), str(situation.company))]
    return []


# A job title in the draft: "the Marketing Manager position", "for the Senior Data Analyst role".
_ROLE_IN_DRAFT = re.compile(
    r"\b(?:the|a|an|your)\s+((?:[A-Z][\w&/+.-]*\s+){1,4}?)(?:position|role|job|opening|vacancy|post)\b"
)
# The last word of a job title: "Supervisor", "Analyst", "Nurse" (not "Remote", "London", "Hybrid").
_JOB_NOUN = re.compile(
    r"(?i)(?:er|or|ist|ant|ent|ian|ive|ead|ect|eon|nurse|clerk|chef|cook|aide|tech|rep|agent|head|intern|trainee"
    r"|apprentice|teacher|associate|coordinator|administrator|planner|specialist|scientist|partner)\s*$"
)
_TITLE_FILLER = frozenset("senior junior lead head principal associate assistant of and the & i ii iii".split())


def _other_role(text: str, situation: Situation) -> List[Tuple[str, str, str, str]]:
    """A job title in the draft that shares no word with the role the user told me ("Devops" fits "DevOps engineer")."""
    if not situation.known("role"):
        return []
    told = {w.lower() for w in re.findall(r"[\w+#]+", str(situation.role))} - _TITLE_FILLER
    names = _name_words(" ".join(_told_words(situation)))
    for match in _ROLE_IN_DRAFT.finditer(text):
        title = match.group(1).strip()
        words = {w.lower() for w in re.findall(r"[\w+#]+", title)} - _TITLE_FILLER
        if not words or not told or words & told or words <= names or "[" in title or not _JOB_NOUN.search(title):
            continue  # "the Remote role", "the London position": no job title to compare
        if any(within_two_edits(w, t) for w in words for t in told):
            continue
        return [("role_mismatch", title, str(situation.role), str(situation.role))]
    return []


# What a template leaves to fill in: "[Position]", "<name>", "{Company}", "[insert date]".
_BLANK = re.compile(r"\[[^\[\]\n]{1,40}\]|<[A-Za-z][^<>\n]{0,30}>|\{[A-Za-z][^{}\n]{0,30}\}")
# What a blank asks for, by its words, and the slot that fills it.
_BLANK_FILLS = (
    (re.compile(r"(?i)your|my|sender|candidate|applicant"), "user_name"),
    (re.compile(r"(?i)agency"), "agency_name"),
    (re.compile(r"(?i)recruiter|consultant"), "recruiter_name"),
    (re.compile(r"(?i)company|employer|organi[sz]ation|firm|business|school|hospital"), "company"),
    (re.compile(r"(?i)position|role|job|title|post"), "role"),
    (re.compile(r"(?i)date|day"), "interview_date"),
    (re.compile(r"(?i)name|manager|interviewer|contact|mr|ms|mrs|dr|person|first|last"), "interviewer_name"),
)


def _blank_fill(blank: str, situation: Situation) -> str | None:
    """What the user told me that fills this blank; None when I don't know it."""
    for pattern, slot in _BLANK_FILLS:
        if pattern.search(blank):
            if slot == "interview_date":
                day = situation.date_of("interview_date")
                if not day or situation.is_approximate("interview_date"):
                    return None
                return f"{calendar.day_name[day.weekday()]} {day.day} {calendar.month_name[day.month]}"
            value = getattr(situation, slot)
            if slot == "interviewer_name" and not situation.known(slot) and _agency_story(situation):
                value = situation.recruiter_name
            if not value or value == UNKNOWN:
                return None
            if slot in ("interviewer_name", "recruiter_name") and re.search(r"(?i)last|sur", blank):
                return str(value).split()[-1]  # "Dear Ms. [Last Name]"
            if slot in ("interviewer_name", "recruiter_name") and not re.search(r"(?i)full", blank):
                return first_name(str(value))  # "Dear <name>," greets by the first name
            return str(value)
    return None


def _blanks(text: str, situation: Situation) -> List[Tuple[str, str, str, str]]:
    """The template's blanks left in the draft, each with what fills it (the blank itself when I don't know)."""
    fixes: List[Tuple[str, str, str, str]] = []
    for blank in dict.fromkeys(m.group(0) for m in _BLANK.finditer(text)):
        fill = _blank_fill(blank, situation)
        fixes.append(("placeholder", blank, fill or blank, fill or ""))
    return fixes


# "today", "this morning" in a line about the interview: the interview's day when it was before today.
_TODAY = re.compile(r"(?i)\b(?:(?:earlier |later )?today|this (?P<part>morning|afternoon|evening))\b")


def relative_day_fixes(text: str, situation: Situation, now: datetime | None) -> List[Tuple[str, str, str, str]]:
    """A "today" written for an earlier interview ("meeting with me today"): (check, wrote, right, told)."""
    day = situation.date_of("interview_date")
    if not day or not now or situation.is_approximate("interview_date") or day >= now.date():
        return []
    when = "yesterday" if (now.date() - day).days == 1 else f"on {calendar.day_name[day.weekday()]}"
    known = f"was on {calendar.day_name[day.weekday()]} {day.day} {calendar.month_name[day.month]}"
    fixes: List[Tuple[str, str, str, str]] = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if not _MEETING.search(sentence):
            continue
        for match in _TODAY.finditer(sentence):
            right = f"{when} {match.group('part')}" if match.group("part") else when
            fixes.append(("date_vs_told", match.group(0), right, known))
    return fixes[:1]


def _fact_findings(text: str, situation: Situation) -> List[_Finding]:
    """The draft's facts against what the user told me: the interview's weekday, the company's spelling, capitals."""
    fixes = _told_fixes(text, situation)
    found = [
        _Finding(
            check,
            {
                "wrote": f"\u201c{wrote}\u201d",
                "known": known if check in ("weekday_vs_told", "date_vs_told") else f"\u201c{known}\u201d",
            },
        )
        for check, wrote, _, known in fixes
        if check != "placeholder"
    ]
    blanks = [(wrote, known) for check, wrote, _, known in fixes if check == "placeholder"]
    if blanks:  # "[Company]" (Quorra Analytics), "<name>"
        shown = [f"\u201c{b}\u201d" + (f" \u2192 {k}" if k else "") for b, k in blanks[:4]]
        found.insert(0, _Finding("placeholder", {"quote": ", ".join(shown)}))
    lower_names = _lower_case_names(text, situation)
    if lower_names:
        found.append(_Finding("name_case", {"quote": ", ".join(f"\u201c{n}\u201d" for n in lower_names)}))
    return found


# A sentence about the interview or a meeting: where a weekday is the interview's day.
_MEETING = re.compile(r"(?i)\b(?:interview\w*|meet\w*|met|spoke|speaking|talk\w*|chat\w*|call)\b")


def _misspelt(word: str, right: str) -> bool:
    """A word that is a slip of a name rather than an ordinary word: close to it, and not a listed word."""
    if word.lower() in spelling_tables().words:
        return False
    return within_two_edits(word, right) and (len(right) >= 6 or one_letter_apart(word, right))


def _lower_case_names(text: str, situation: Situation) -> List[str]:
    """Names written in lower case: after the greeting ("hi dana,"), as the signature, or a name the user told me."""
    names: List[str] = []
    lines = _body_lines(text)
    opening = _OPENING.match(" ".join(lines[:1]))
    greeted = opening.group(2).strip() if opening else ""
    if greeted.islower() and greeted not in ("there", "all", "team", "everyone"):
        names.append(greeted)
    last = lines[-1].strip(" -\u2013\u2014~") if len(lines) >= 2 else ""
    if re.fullmatch(r"[a-z]+(?: [a-z]+)?", last) and last not in _NOT_SIGNER and not _SIGNOFF.search(last):
        names.append(last)
    signed = re.search(r"(?:\s[-\u2013\u2014]|[,.!?]|thx|thanks)\s*([a-z]{3,})\s*$", text)
    if signed and signed.group(1) not in spelling_tables().words and not _SIGNOFF.search(signed.group(1)):
        names.append(signed.group(1))
    for told in _told_words(situation):
        if told[:1].isupper():
            names += [m.group(0) for m in re.finditer(rf"\b{re.escape(told.lower())}\b", text)]
    return list(dict.fromkeys(n for n in names if n.lower() not in _ENGLISH))


def _name_findings(lines: List[str], situation: Situation) -> List[_Finding]:
    """The greeting's name against the people the user named: a misspelling, or someone else."""
    opening = _OPENING.match(" ".join(lines[:1]))
    wrote = opening.group(2).strip() if opening else ""
    words = [w for w in wrote.split() if w.lower().rstrip(".") not in _TITLES]
    known = [n for n in (situation.interviewer_name, situation.recruiter_name) if n and n != UNKNOWN]
    if not words or not known:
        return []
    for name in known:
        parts = [p.lower() for p in name.split() if p.lower().rstrip(".") not in _TITLES]
        if all(w.lower() in parts for w in words):
            return []
    for name in known:
        for part in name.split():
            for word in words:
                if len(word) > 3 and word.lower() != part.lower() and within_two_edits(word, part):
                    return [_Finding("name_typo", {"wrote": f"\u201c{word}\u201d", "known": f"\u201c{part}\u201d"})]
    return [_Finding("name_mismatch", {"wrote": f"\u201c{wrote}\u201d", "known": known[0]})]


def _to_own_recruiter(text: str, situation: Situation) -> bool:
    """Whether the draft goes to the user's agency recruiter, with whom pay is ordinary business."""
    if situation.branch != "staffing_agency":
        return False
    opening = _OPENING.match(" ".join(_body_lines(text)[:1]))
    wrote = {w.lower() for w in (opening.group(2) if opening else "").split()}
    recruiter = {w.lower() for w in (situation.recruiter_name or "").split()} - {UNKNOWN}
    return bool(wrote & recruiter) or (situation.draft_to == "recruiter" and not wrote)


def _tone_findings(text: str, situation: Situation, medium: str, channel: str | None) -> List[_Finding]:
    """Check the wording: pay, pressure, slang, thanks, next steps, repeated chasing."""
    found: List[_Finding] = []
    hostile = [m.group(0) for m in _HOSTILE.finditer(text)]
    if hostile:
        found.append(_Finding("hostile", {"quote": _quote(hostile, channel)}))
    for check, pattern in (("reconsider", _RECONSIDER), ("interview_questions", _INTERVIEW_QUESTIONS)):
        said = [m.group(0) for m in pattern.finditer(text)]
        if said:
            found.append(_Finding(check, {"quote": _quote(said, channel)}))
    presumptuous = [m.group(0) for m in _PRESUMPTUOUS.finditer(text)]
    if presumptuous:
        found.append(_Finding("presumptuous", {"quote": _quote(presumptuous, channel)}))
    around = [m.group(0) for m in _AROUND_AGENCY.finditer(text)]
    if around and situation.branch == "staffing_agency" and situation.invited_to_contact != "yes":
        found.append(_Finding("around_agency", {"quote": _quote(around, channel)}))
    if not _to_own_recruiter(text, situation):
        bypass = [m.group(0) for m in _BYPASS_AGENCY.finditer(text)]
        bypass += [m.group(0) for m in _not_heard_from(situation.agency_name).finditer(text)]
        if _agency_story(situation):  # "so I'm writing to you directly": only round an agency that handles this
            bypass += [m.group(0) for m in _DIRECT_TO_CLIENT.finditer(text)]
        if bypass and situation.invited_to_contact != "yes":
            found.append(_Finding("bypass_agency", {"quote": _quote(bypass, channel)}))
        blame = [m.group(0) for m in _BLAME_RECRUITER.finditer(text)]
        blame += [m.group(0) for m in _blamed_by_name(situation).finditer(text)]
        if blame:
            found.append(_Finding("blame_recruiter", {"quote": _quote(blame, channel)}))
    salary = [] if _to_own_recruiter(text, situation) else [m.group(0) for m in _SALARY.finditer(text)]
    if salary:
        found.append(_Finding("salary", {"quote": _quote(salary, channel)}))
    demanding = [m.group(0) for m in _DEMANDING.finditer(text)] + [m.group(0) for m in _SHOUTED.finditer(text)]
    demanding = [d for d in demanding if not any(d.lower() in h.lower() or h.lower() in d.lower() for h in hostile)]
    if demanding:
        found.append(_Finding("demanding", {"quote": _quote(demanding, channel)}))
    reproach = [m.group(0) for m in _PASSIVE_AGGRESSIVE.finditer(text)]
    reproach = [r for r in reproach if not any(r.lower() in h.lower() for h in hostile + demanding)]
    if reproach:
        found.append(_Finding("passive_aggressive", {"quote": _quote(reproach, channel)}))
    casual = [m.group(0) for m in _CASUAL_WORDS.finditer(text)] + [m.group(0) for m in _CASUAL_MARKS.finditer(text)]
    if casual:
        found.append(_Finding("casual", {"quote": _quote(casual, channel, most=5)}))
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


def _agency_story(situation: Situation) -> bool:
    """Whether an agency handles this application: the agency branch, or an agency or its recruiter named."""
    return situation.branch == "staffing_agency" or situation.known("agency_name")


def _not_heard_from(agency: str | None) -> re.Pattern[str]:
    """'I haven't heard anything from <the agency by its name>': the reason a note goes round the agency."""
    if not agency or agency == UNKNOWN:
        return re.compile(r"(?!)")
    name = re.escape(agency.split()[0])  # "Brightwell" for Brightwell Recruitment
    return re.compile(
        rf"(?i)\b(?:(?:haven'?t|have not|didn'?t|did not|never) (?:heard|had|got(?:ten)?)(?: \w+){{0,3}}"
        rf"|(?:i'?ve|i have) (?:heard|had) (?:nothing|no word|no news|no reply)(?: back)?) from {name}\b"
    )


# The order of the review's points: what would cost the user the job first, layout and polish last.
_PRIORITY = (
    "hostile",
    "reconsider",
    "interview_questions",
    "bypass_agency",
    "around_agency",
    "blame_recruiter",
    "salary",
    "demanding",
    "passive_aggressive",
    "presumptuous",
    "repeat_follow_up",
    "next_steps_before",
    "next_steps_linkedin",
    "too_many_questions",
)


def _by_priority(found: List[_Finding]) -> List[_Finding]:
    """The findings with the most serious first, the rest in the order they were found."""
    rank = {check: index for index, check in enumerate(_PRIORITY)}
    return sorted(found, key=lambda f: rank.get(f.check, len(_PRIORITY)))


def _shape_findings(text: str, situation: Situation, medium: str, english: bool) -> List[_Finding]:
    """Check the form: length for the channel, what it is about, questions, greeting, sign-off, subject, name."""
    found: List[_Finding] = []
    lines = _body_lines(text)
    words = _body_words(lines)
    if medium == "email":
        said = len([p for p in re.split(r"(?<=[.!?])\s+", " ".join(words)) if re.search(r"\w", p)])
        sentences = max(said, round(len(words) / WORDS_PER_SENTENCE))
        if sentences > 5 or len(words) > MAX_EMAIL_WORDS:
            found.append(_Finding("email_too_long", {"count": str(sentences), "words": str(len(words))}))
    else:
        if len(text) > LINKEDIN_NOTE_LIMIT:
            fit = " — it would fit only with Premium" if len(text) <= LINKEDIN_PREMIUM_LIMIT else ""
            found.append(_Finding("linkedin_note_too_long", {"chars": str(len(text)), "fit": fit}))
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if len(p.split()) > 6]
        if len(paragraphs) > 2:
            found.append(_Finding("linkedin_too_many_paragraphs", {"count": str(len(paragraphs))}))
    body = " ".join(words)
    empty = len(words) < 6 or _EMPTY_CHECK_IN.search(body)
    if english and len(words) < 25 and empty and not specific(body, situation):
        found.append(_Finding("no_substance", {}))  # "Hi Paul, just checking in. Thanks, Ravi"
    questions = _question_count(text)
    if questions > 2:
        before = situation.branch == "pre_interview" and situation.rejected != "yes"
        rest = _REST_OF_QUESTIONS["before" if before else "rejected" if situation.rejected == "yes" else "after"]
        found.append(_Finding("too_many_questions", {"count": str(questions), "rest": rest}))
    if english:
        if not lines or not _GREETING.match(lines[0]):
            found.append(_Finding("no_greeting", {}))
        is_connection_note = medium == "linkedin" and len(text) <= LINKEDIN_NOTE_LIMIT
        if not is_connection_note and not _signed(lines):
            found.append(_Finding("no_signoff", {}))
        laid_out = len(lines) >= 3 or situation.channel == "email"  # an email as it will be sent, not a pasted body
        subject = _SUBJECT_LINE.search(text)
        if medium == "email" and laid_out and not subject:
            found.append(_Finding("no_subject", {"example": subject_example(situation)}))
        elif medium == "email" and subject and _vague(subject.group(1)):
            quote = "\u201c" + subject.group(1).strip() + "\u201d"
            found.append(_Finding("vague_subject", {"quote": quote, "example": subject_example(situation)}))
        found += _name_findings(lines, situation)
    return found


# Findings about the wording's tone: with any of them, the tone is not praised.
_TONE_CHECKS = frozenset(
    {"hostile", "demanding", "casual", "around_agency", "bypass_agency", "blame_recruiter", "repeat_follow_up"}
    | {"reconsider", "presumptuous", "passive_aggressive"}
)


def _praise(
    knowledge: Knowledge, found: List[_Finding], medium: str, english: bool, text: str, situation: Situation
) -> List[str]:
    """Collect short phrases for the checks that passed and are true of this draft."""
    fired = {f.check for f in found}
    if not specific(" ".join(_body_words(_body_lines(text))), situation):  # only praised when it names something
        fired |= {"no_substance"}
    if fired & _TONE_CHECKS:  # a calm tone is not praised next to anything said about the tone
        fired |= {"demanding"}
    fired |= {"no_subject"} if "vague_subject" in fired else set()
    if fired & {"hostile", "reconsider", "demanding"}:  # a "Thanks," under an angry note is no thanks to praise
        fired |= {"no_thanks"}
    if not 1 <= _question_count(text) <= 2:  # no questions at all is not "a focused number"
        fired |= {"too_many_questions"}
    candidates = (
        ["email_too_long", "too_many_questions"]
        if medium == "email"
        else ["linkedin_note_too_long", "too_many_questions"]
    )
    if english:
        candidates += [
            "salary",
            "demanding",
            "casual",
            "no_thanks",
            "no_greeting",
            "no_signoff",
            "no_substance",
            "typos",
        ]
        if medium == "email" and _SUBJECT.search(text):
            candidates.append("no_subject")
    return [str(knowledge.review_checks[c].ok) for c in candidates if c not in fired and knowledge.review_checks[c].ok]


def _slip_findings(text: str, situation: Situation, now: datetime, channel: str | None) -> List[_Finding]:
    """Misspellings, a weekday that does not fit its date, and facts that differ from what the user told me."""
    found: List[_Finding] = []
    typos = typos_in(text, _told_words(situation))
    if typos:
        shown = [f"\u201c{wrong}\u201d \u2192 \u201c{right}\u201d" for wrong, right in typos]
        found.append(_Finding("typos", {"quote": escape_for_channel(", ".join(dict.fromkeys(shown)), channel)}))
    for written, _, right in weekday_slips(text, now):
        found.append(_Finding("weekday_mismatch", {"wrote": f"\u201c{written}\u201d", "known": right}))
    for check, written, _, known in relative_day_fixes(text, situation, now):  # "today" for yesterday's interview
        found.append(_Finding(check, {"wrote": f"\u201c{written}\u201d", "known": known}))
    return found + _fact_findings(text, situation)


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
        found = _by_priority(_tone_findings(cleaned, situation, medium, channel) + found)
        found += _slip_findings(cleaned, situation, now, channel)
    kind = "LinkedIn message" if medium == "linkedin" else "email"
    summary = [f"I read your {kind} ({len(cleaned):,} characters)."] + notes
    if found:
        fixes = "\n".join("• " + checks[f.check].text.format(**f.values) for f in found)
        summary.append("Here's what I'd change:\n" + fixes)
    else:
        summary.append("It follows the advice well — I'd send it as it is, after one last read for typos.")
    reply.add("\n\n".join(summary))
    praise = _praise(knowledge, found, medium, english, cleaned, situation)
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
    "bc": "because",
    "cuz": "because",
    **{
        word: word[:-1] + "'" + word[-1]
        for word in ("whats", "didnt", "dont", "cant", "wont", "isnt", "doesnt", "wasnt")
    },
    **{"im": "I'm", "ive": "I've", "havent": "haven't", "id": "I'd"},
}
_OPENING = re.compile(
    r"^\W*((?i:dear|hi|hello|hey|hiya|good morning|good afternoon|good evening))\b"
    r"(\s+(?:there|all|team|everyone)\b|[ \t]+(?!(?:guys|folks|again)\b)[a-z][\w'-]+(?=[ \t]*[,!]|\n)"
    r"|(?:\s+(?i:mr|mrs|ms|dr)\.?)?(?:\s+[A-Z][\w'-]*){0,2})[\s,!.:]*(.*)$",
    re.DOTALL,
)
# A calm feedback request after a rejection, when the user's own draft had none.
_FEEDBACK = re.compile(r"(?i)\b(?:feedback|pointers|stronger candidate|work on|improve)\b")
_FEEDBACK_LINES = (
    "Thank you for letting me know, and for the chance to go through the process.",
    "If you have a moment, I'd be grateful for any feedback on what would have made me a stronger candidate.",
)
_THANKED_FOR = re.compile(
    r"(?i)\bthank(?:s| you)\b[^.?!]{0,40}\b(?:meeting|speaking|talking|interview\w*|chat\w*|taking the time|time)\b"
)
_NEWS_LINE = "Could you let me know whether there is any news on the next steps?"
_FOLLOW_UP_LINE = "I wanted to follow up on my interview and ask whether there is any news on the next steps."
_CLOSINGS = (
    "best regards|kind regards|warm regards|regards|yours faithfully|yours sincerely|yours truly|sincerely"
    "|best wishes|warmly|best|thanks so much|thanks again|many thanks|thank you so much|thanks|thank you|thx|cheers"
)
# A signer's name: capitalised words, with the small words of a surname ("Pieter van Dijk", "Ana de la Cruz").
_SIGNER_NAME = (
    r"(?!(?:much|again|so|for|you|in|all|a)\b)[A-Za-z][\w'-]+"
    r"(?:\s+(?:(?:van|von|de|der|den|da|del|della|di|du|la|le|al|bin|ben)\s+)*(?!(?:much|for|you)\b)[A-Za-z][\w'-]+){0,2}"
)
_SENTENCE_SPLIT = re.compile(
    r"(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bDr\.)(?<!\bMs\.)(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMx\.)(?<!\bSt\.)(?<=[.!?])\s+"
)


def _unstretched(word: str) -> str:
    """A word typed with a letter held down, as written: "sooo" -> "so", "gooood" -> "good", "pleeease" -> "please"."""
    double = re.sub(r"([a-z])\1{2,}", r"\1\1", word, flags=re.IGNORECASE)
    single = re.sub(r"([a-z])\1{2,}", r"\1", word, flags=re.IGNORECASE)
    return (
        double
        if double.lower() in spelling_tables().words and single.lower() not in spelling_tables().words
        else single
    )


def _plain(sentence: str) -> str:
    """A sentence without slang, shouting or a lower-case 'i'."""
    sentence = re.sub(r"(?i)\b(?:ur|your)(?= (?:good|well|ok|okay|doing|busy|fine)\b)", "you're", sentence)
    sentence = re.sub(r"(?i)\bits (?=been\b)", "it's ", sentence)
    for casual, plain in _PLAIN_WORDS.items():
        sentence = re.sub(rf"(?i)(?<![\w']){casual}(?![\w'])\s*", (plain + " ") if plain else "", sentence)
    sentence = re.sub(r"(?i)\byou'?re (?=(?:time|interview|team|help|consideration|feedback)\b)", "your ", sentence)
    sentence = re.sub(r"(?i)\b(\w+) \1\b", r"\1", sentence)  # "really really" -> "really"
    sentence = re.sub(r"(?i)\b(did (?:(?:really|so|pretty) )?)good\b", r"\1well", sentence)  # "I did really good"
    sentence = re.sub(r"(?i)\bsuper (?=excited|happy|keen|glad|interested|grateful|thankful)", "very ", sentence)
    sentence = re.sub(r"(?i)\b(?:haha\w*|hehe\w*)[ ,]*", "", sentence)
    sentence = re.sub(r"(?i)\b(?!www\b)[a-z]*([a-z])\1\1[a-z]*\b", lambda m: _unstretched(m.group(0)), sentence)
    sentence = re.sub(r"!{2,}", "!", re.sub(r"\?{2,}", "?", re.sub(r"(?i)\bits me\b", "it's me", sentence)))
    sentence = re.sub(r"(?<![\w'])i(?=[\s',.!?]|$)", "I", sentence).strip()
    sentence = re.sub(r"(?i)\b(mon|tues|wednes|thurs|fri|satur|sun)day\b", lambda m: m.group(0).capitalize(), sentence)
    shouting = len(_SHOUTED.findall(sentence)) > 1  # "PLEASE RESPOND": every capitalised word is shouted
    sentence = _SHOUTED.sub(  # "ANYTHING" -> "anything"; "HPLC", "SCADA" alone: an acronym, kept
        lambda m: m.group(0).lower() if shouting or m.group(0).lower() in spelling_tables().words else m.group(0),
        sentence,
    )
    sentence = re.sub(r"\s+([!?.,;:])", r"\1", sentence)  # "meeting u !" -> "meeting you!"
    return sentence[:1].upper() + sentence[1:]


# What a calm version leaves out: pressure, anger, going around the agency, blaming the recruiter.
_TAKEN_OUT = (
    _DEMANDING,
    _PRESUMPTUOUS,
    _HOSTILE,
    _BYPASS_AGENCY,
    _BLAME_RECRUITER,
    _RECONSIDER,
    _INTERVIEW_QUESTIONS,
    _PASSIVE_AGGRESSIVE,
)


def _taken_out(words: str) -> bool:
    """Whether a calm version leaves these words out: pressure, blame, or going around the agency."""
    return any(pattern.search(words) for pattern in _TAKEN_OUT)


def _calm(sentence: str) -> str:
    """The sentence without its clauses of pressure or blame ('... another offer and I need to know ASAP')."""
    sentence = re.sub(r"(?i)\bat least (?=let me know|tell me|reply|respond|answer)", "", sentence)
    sentence = re.sub(r"(?i)\b((?:following|checking) (?:up|in)) again\b", r"\1", sentence)  # one chase is fine
    if _REPEAT_STRONG.search(sentence):
        return ""
    if not _taken_out(sentence):
        return sentence
    parts = re.split(r"(,\s*|\s+(?:and|but|so)\s+)", sentence.strip())
    reproaches = [m.group(0) for m in _PASSIVE_AGGRESSIVE.finditer(sentence)]
    if any(not any(r in part for part in parts[::2]) for r in reproaches):  # "I'm sure you're busy, but ..."
        return ""  # a reproach spans the sentence's clauses: none of them is worth keeping
    cut = -1
    if not any(_taken_out(part) for part in parts[::2]):  # what is wrong spans clauses: the clause it ends in goes
        end = max(m.end() for pattern in _TAKEN_OUT for m in pattern.finditer(sentence.strip()))
        cut = next(i for i in range(0, len(parts), 2) if len("".join(parts[: i + 1])) >= end)
    kept: List[str] = []
    dropped = leaning = False
    for index in range(0, len(parts), 2):
        leaning = leaning or bool(dropped and _DANGLING.match(parts[index].strip()))  # "..., especially as ..."
        dropped = _taken_out(parts[index]) or index == cut or leaning
        if dropped:  # a clause leaning on one taken out goes to the end of the sentence
            continue
        kept += ([parts[index - 1]] if kept and index else []) + [parts[index]]
    calm = "".join(kept).strip(" ,")
    if len(calm.split()) < 5:
        return ""
    return calm if calm[-1:] in ".?!" else calm + ("?" if sentence.rstrip().endswith("?") else ".")


def _agency_left_out(sentence: str, situation: Situation) -> str:
    """The sentence without complaints about the agency: whole, or cut before 'as I've heard nothing from Hays'."""
    if _BLAME_RECRUITER.search(sentence) or _blamed_by_name(situation).search(sentence):  # "Tom has been slow"
        sentence = _without_clause(sentence, (_BLAME_RECRUITER, _blamed_by_name(situation)))
    if _agency_story(situation) and _DIRECT_TO_CLIENT.search(sentence):  # "..., so I'm writing to you directly"
        sentence = _without_clause(sentence, (_DIRECT_TO_CLIENT,))
    unheard = _not_heard_from(situation.agency_name).search(sentence)
    if not unheard:
        return sentence
    joins = list(re.finditer(r"(?i)(?:,\s*|\s+)(?:as|because|since|but|and|so)\s+", sentence[: unheard.start()]))
    kept = sentence[: joins[-1].start()].rstrip(" ,") if joins else ""
    return kept + "." if len(kept.split()) >= 4 else ""


def _without_clause(sentence: str, patterns: Iterable[re.Pattern[str]]) -> str:
    """The sentence without its clauses that match: "" when too little is left to stand as a sentence."""
    parts = re.split(r"(,\s*|\s+(?:and|but|so|as|because|since)\s+)", sentence.strip())
    kept = [p for p in parts[::2] if not any(pattern.search(p) for pattern in patterns)]
    if len(kept) == len(parts[::2]):  # what matches spans clauses: the whole sentence goes
        return ""
    calm = ", ".join(k.strip(" ,") for k in kept).strip(" ,")
    if len(calm.split()) < 4:
        return ""
    calm = calm[:1].upper() + calm[1:]
    return calm if calm[-1:] in ".?!" else calm + ("?" if sentence.rstrip().endswith("?") else ".")


# A sentence that only leans on the one before it ("Especially as I felt ..."): it goes when that one went.
_DANGLING = re.compile(
    r"(?i)^(?:(?:especially|particularly|mainly|all the more) (?:as|since|because|when|after)|which|because)\b"
)

# Sentences a shorter version leaves out first: pleasantries and hedges that carry no fact.
_PLEASANTRY = re.compile(
    r"(?i)^(?:i hope (?:you are|you're|this (?:email|message) finds you)\b|i (?:know|understand) (?:that )?"
    r"(?:these things|you'?re busy|you are busy|it takes)|hope you'?re well)"
)
_INTEREST = re.compile(r"(?i)\b(?:remain|excited|keen|enjoyed|interested|love to|would love|passionate)\b")
_REQUEST = re.compile(r"(?i)\?|\b(?:please let me know|could you|would you|i'?d be grateful|let me know)\b")
# A sentence longer than this many words is cut at a clause boundary in a shorter version.
SHORT_SENTENCE_WORDS = 22


def _trimmed(sentence: str) -> str:
    """A long sentence cut at the last clause boundary (a comma, 'which', 'where', 'and I') that keeps it whole."""
    words = sentence.split()
    if len(words) <= SHORT_SENTENCE_WORDS:
        return sentence
    head = " ".join(words[:SHORT_SENTENCE_WORDS])
    cut = max((m.start() for m in re.finditer(r",\s*(?:which|where|and|but|working|who)\b|,", head)), default=-1)
    return head[:cut].rstrip(" ,") + "." if cut > 30 else sentence


def _shortened(sentences: List[str]) -> List[str]:
    """The opening, the line of interest and the request or question: pleasantries out, long sentences cut."""
    kept = [_trimmed(s) for s in sentences if not _PLEASANTRY.search(s)] or sentences[:1]
    opening = kept[:1]
    interest = [s for s in kept[1:] if _INTEREST.search(s)][:1]
    request = [s for s in kept[1:] if _REQUEST.search(s) and s not in interest][:1]
    if not interest:  # no line of interest: the point made after the opening stays beside the request
        interest = [s for s in kept[1:] if s not in request and s != _NEWS_LINE][:1]
    return [s for s in kept if s in opening + interest + request]


def revise(text: str, situation: Situation, short: bool = False, now: datetime | None = None) -> str:
    """The user's own draft with the review's fixes made: pay questions and slang out, greeting, thanks, sign-off.

    A LinkedIn note before the interview is cut to the connection-note limit, sentence by sentence; `short`
    keeps the opening sentence and the first question only. Misspellings are corrected and, given `now`, a
    weekday that does not fit its date.
    """
    text = fix_slips(text, now, _told_words(situation))
    misspelt = [f for f in _name_findings(_body_lines(text), situation) if f.check == "name_typo"]
    for finding in misspelt:  # "Dear Ms Whitaker" for Ms Whittaker: the name as the user told it
        wrote, right = (finding.values[k].strip("\u201c\u201d") for k in ("wrote", "known"))
        text = re.sub(rf"\b{re.escape(wrote)}\b", right, text)
    for _, wrote, right, _ in relative_day_fixes(text, situation, now):  # "today" for yesterday's interview
        text = re.sub(rf"(?<![\w-]){re.escape(wrote)}(?![\w-])", right, text, count=1)
    for _, wrote, right, _ in _told_fixes(text, situation):  # "Tuesday" for a Thursday interview, "[Company]"
        text = re.sub(rf"(?<![\w\[<{{]){re.escape(wrote)}(?![\w\]>}}])", right.replace("\\", r"\\"), text)
    lines = [line.rstrip() for line in text.strip().strip("'\"\u201c\u201d").splitlines()]
    medium = _medium(text, situation)
    subject = next((line.strip() for line in lines if _SUBJECT.match(line)), None)
    said = _SUBJECT_LINE.match(subject) if subject else None
    if said and _vague(said.group(1)):  # "Subject: Thanks", "subject: interview"
        subject = "Subject: " + subject_example(situation)
    body_lines = [line.strip() for line in lines if line.strip() and not _HEADER.match(line)]
    body = "\n".join(body_lines)
    opening = _OPENING.match(body)
    greeting = None
    if opening:  # "Hi Tom, ...", "hey!! just wanted to...": the greeting word and the name after it, if any
        word = "Hi" if opening.group(1).lower() in ("hey", "hiya") else opening.group(1).capitalize()
        person = opening.group(2).strip() or first_name(situation.interviewer_name or situation.recruiter_name or "")
        if person and person.islower() and person not in ("there", "all", "team", "everyone"):
            person = person.title()  # "hey sarah!!" -> "Hi Sarah,"
        greeting, body = (f"{word} {person}," if person else f"{word},"), opening.group(3)
    body = " ".join(body.split("\n"))
    signoff = re.search(rf"(?i:\b(?:{_CLOSINGS}))[,.!]?\s*({_SIGNER_NAME})?\s*$", body)
    if (
        not signoff
        and len(body_lines) >= 3
        and re.fullmatch(r"[-\u2013 ]*([A-Za-z][\w'-]+(?: [A-Za-z][\w'-]+)?)", body_lines[-1])
    ):
        signoff = re.search(r"([A-Za-z][\w'-]+(?: [A-Za-z][\w'-]+)?)\s*$", body)  # "ravi" on the last line
    dashed = re.search(r"\s[-\u2013\u2014]\s*([A-Za-z][\w'-]+(?: [A-Za-z][\w'-]+)?)\s*$", body)  # "... - jess"
    if not signoff and dashed:
        signoff = dashed
    named = re.search(r"(?<=[.!?])\s+([a-z]{3,})\s*$", body)  # "... please respond asap. marcus"
    if not signoff and named and named.group(1) not in spelling_tables().words:
        signoff = named
    found = signoff.group(1) if signoff and signoff.group(1) else None
    signer = situation.user_name or found or PLACEHOLDERS["user_name"]
    signer = signer.title() if signer.islower() else signer  # "maya" -> "Maya"
    if signoff:
        body = body[: signoff.start()].strip()
    pay_ok = _to_own_recruiter(text, situation)  # "what's the hourly rate on this contract?" to the agency
    calmed = [_calm(_agency_left_out(s, situation)) for s in _SENTENCE_SPLIT.split(body) if s.strip()]
    sentences = [
        _plain(s)
        for i, s in enumerate(calmed)
        if s.strip() and (pay_ok or not _SALARY.search(s)) and not (i and not calmed[i - 1] and _DANGLING.match(s))
    ]
    if situation.rejected == "yes" and not any(_FEEDBACK.search(s) for s in sentences):
        thanks = [s for s in sentences if _THANKS.search(s)] or [_FEEDBACK_LINES[0]]  # their thanks, or ours
        sentences = thanks + [_FEEDBACK_LINES[1]]
    asks = any(_REQUEST.search(s) or _INTEREST.search(s) for s in sentences)
    thanked = any(_THANKED_FOR.search(s) for s in sentences)  # a thank-you note: no question about news added
    if sentences and not asks and not thanked and situation.branch == "post_interview" and situation.rejected != "yes":
        sentences = sentences + [_NEWS_LINE]  # all that asked was pressure: the polite question in its place
    if not sentences:  # everything was about pay or pressure: what is left to say
        after = situation.branch != "pre_interview"
        sentences = [_FOLLOW_UP_LINE if after else "I'm looking forward to our interview."]
    if short:
        sentences = _shortened(sentences)
    strength = situation.strength if situation.known("strength") and situation.branch == "post_interview" else None
    if strength and strength.lower() not in " ".join(sentences).lower():  # "the strength I want to mention is ..."
        sentences.append(f"I believe my experience in {strength} would let me contribute quickly.")
    if not any(_THANKS.search(s) for s in sentences):
        sentences.append("Thank you for your time.")
    name = situation.interviewer_name or situation.recruiter_name or PLACEHOLDERS["interviewer"]
    greeting = greeting or f"Dear {name},"
    if medium == "linkedin" and situation.branch == "post_interview":  # a message: one paragraph, no length cut
        return "\n\n".join([greeting, " ".join(sentences), f"Best,\n{signer}"])
    if medium == "linkedin":
        while len(sentences) > 1 and len(" ".join([greeting] + sentences + [f"Best, {signer}"])) > LINKEDIN_NOTE_LIMIT:
            sentences.pop(-2 if len(sentences) > 2 else -1)
        return " ".join([greeting] + sentences + [f"Best, {signer}"])
    example = subject_example(situation)
    if not subject and situation.channel != "phone" and "[" not in example:  # an email needs one: from the facts
        subject = "Subject: " + example
    parts = ([subject] if subject and medium == "email" else []) + [greeting, " ".join(sentences)]
    return "\n\n".join(parts + [f"Best regards,\n{signer}"])
