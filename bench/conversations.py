"""Realistic message scripts: job seekers for the coach, the moodbot's own style for the baseline."""

from __future__ import annotations

from itertools import cycle, islice
from typing import List

# Each script is one conversation (one sender), five turns, so both systems pay the same per-conversation
# costs (session start, tracker creation) for the same number of turns.
COACH_SCRIPTS: List[List[str]] = [
    [
        "hi",
        "I have an interview next Tuesday with the engineering manager, should I reach out before?",
        "we've only been emailing",
        "no, they didn't say anything like that",
        "thanks, that helps",
    ],
    [
        "hello",
        "I had my interview yesterday for a data analyst job, should I send a thank you email?",
        "it was the final round",
        "can you write the email for me?",
        "great, thank you so much",
    ],
    [
        "hey there",
        "it's been two weeks since my interview and nothing, can I follow up?",
        "they said they would decide by last Friday",
        "we spoke on the phone",
        "thanks, bye",
    ],
    [
        "good morning",
        "my recruiter from Hays went quiet after my interview with the client, can I chase her?",
        "it was a week ago",
        "no, she never invited me to contact the company",
        "much appreciated",
    ],
    [
        "hi coach",
        "the job ad said no phone calls, but can I email the interviewer before my interview on Thursday?",
        "it's a full panel interview",
        "are you a bot?",
        "ok thanks, see you",
    ],
    [
        "hello there",
        "I got rejected after the second round, can I ask them for feedback?",
        "by email",
        "what can you do?",
        "thank you",
    ],
]

BASELINE_SCRIPTS: List[List[str]] = [
    ["hello there", "I am feeling very sad", "no", "I am unhappy", "goodbye"],
    ["hi", "I'm great, thanks", "are you a bot?", "perfect", "bye bye"],
    ["good morning", "I feel so sad today", "yes", "wonderful", "see you around"],
    ["hey", "are you a human?", "my day was awful", "no", "have a nice day"],
    ["good evening", "extremely good", "am I talking to a bot?", "I am amazing", "cu"],
    ["hey there", "not good", "yes, that helped", "great", "good night"],
]

# One long conversation for the coach: situation statements, questions, asks for drafts and thanks, the way a
# user comes back to the same chat over a job search.
COACH_LONG_CYCLE: List[str] = [
    "I have an interview on Thursday at Acme Corp, can I contact the hiring manager before it?",
    "we've been talking by email",
    "no",
    "thanks, that helps",
    "I had my interview yesterday, should I send a thank you note?",
    "can you show me the email?",
    "thank you",
    "it's been a week and I haven't heard back, should I follow up?",
    "what can you do?",
    "great, thanks!",
]

BASELINE_LONG_CYCLE: List[str] = [
    "hello",
    "I am feeling sad",
    "no",
    "I'm great now",
    "are you a bot?",
    "good",
    "I feel very unhappy",
    "yes",
    "awesome",
    "hi again",
]


def conversations(scripts: List[List[str]], count: int) -> List[List[str]]:
    """Return count conversations, cycling through the scripts."""
    return [list(script) for script in islice(cycle(scripts), count)]


def long_conversation(cycle_messages: List[str], turns: int) -> List[str]:
    """Return one conversation of the given number of turns, cycling through the messages."""
    return list(islice(cycle(cycle_messages), turns))
