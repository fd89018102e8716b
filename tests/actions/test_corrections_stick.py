"""Corrections and who-is-who that stick (session 26, helper G): a corrected name, employer or title replaces the
old one wherever it was held; new details that are no correction never overwrite a fact; the user's follow-ups
decide when to write again or stop."""

import json

import pytest

from actions.engine.advice import advise, outcome
from actions.engine.drafts import render_draft
from actions.engine.situation import Situation
from actions.understanding import understand
from tests.actions.test_understanding import NOW, after_nlu, entity, msg

THANKS = {
    "branch": "post_interview",
    "goal": "thank_you",
    "company": "Kestrel Foods",
    "role": "category buyer",
    "interviewer_name": "Priya Shah",
    "interview_date": "2026-11-17",
}
STATUS = {
    "branch": "post_interview",
    "goal": "status_check",
    "company": "Fenwick Bank",
    "interviewer_name": "Omar Haddad",
    "interview_date": "2026-10-27",
    "decision_date": "2026-11-03",
    "told_not_to_contact": "no",
}


@pytest.mark.parametrize(
    ("text", "entities", "slot", "expected"),
    [
        ("it's BRAMBLE & CO not kestrel!!", (), "company", "Bramble & Co"),
        ("nope not kestrel, it's tidewell farms", (), "company", "Tidewell Farms"),
        (
            "Kestrel was a typo, should be Marlow Provisions",
            (("ORG", "Marlow Provisions"),),
            "company",
            "Marlow Provisions",
        ),
        ("sorry its Preeti not priya", (), "interviewer_name", "Preeti Shah"),
        ("the job is head buyer, not category buyer", (), "role", "head buyer"),
    ],
)
def test_a_name_said_in_place_of_a_wrong_one_replaces_the_fact_that_held_it(
    text: str, entities: tuple, slot: str, expected: str
) -> None:
    """Blind testers: "it's OLIO FOODS not kestrel" answered "that doesn't change my advice" with the old draft."""
    update = understand(msg(text, "inform", *entities), THANKS, None, NOW)
    assert update.get(slot) == expected
    assert {k: v for k, v in update.items() if k != slot} == {}


def test_the_new_employer_read_as_a_person_is_the_employer() -> None:
    """spaCy's PERSON on the new employer's name does not become the interviewer."""
    update = understand(msg("it's Olio Foods, not Kestrel", "inform", ("PERSON", "Olio Foods")), THANKS, None, NOW)
    assert update == {"company": "Olio Foods"}


def test_a_correction_of_the_employer_with_another_application_in_the_chat_keeps_the_other() -> None:
    """Two applications: correcting this one's employer leaves the stored one as it was."""
    other = {"company": "Northwind Systems", "branch": "pre_interview", "interview_date": "2026-11-26"}
    slots = {**THANKS, "cases": json.dumps([other])}
    update = understand(msg("it's HARBOUR MILLS not kestrel", "inform"), slots, None, NOW)
    assert update["company"] == "Harbour Mills"
    assert json.loads(update.get("cases", slots["cases"])) == [other]


def test_a_draft_after_the_correction_names_the_new_employer() -> None:
    """The re-rendered draft carries the corrected company, never the old one."""
    update = understand(msg("it's BRAMBLE & CO not kestrel", "inform"), THANKS, None, NOW)
    text = render_draft("thank_you_email", Situation.from_slots({**THANKS, **update}), NOW).text
    assert "Bramble & Co" in text and "Kestrel" not in text


@pytest.mark.parametrize(
    ("slots", "text", "people", "expected"),
    [
        (  # after "I interviewed with Chris Novak and Dana Reid"
            {"interviewer_name": "Chris Novak", "panel": ["Chris Novak", "Dana Reid"]},
            "the recruiter is Dana, Chris is the hiring manager",
            ("Dana", "Chris"),
            {"recruiter_name": "Dana Reid", "panel": None},
        ),
        (  # the two the wrong way round
            {"interviewer_name": "Dana Reid", "recruiter_name": "Chris Novak"},
            "no, the recruiter is Dana, Chris is the hiring manager",
            ("Dana", "Chris"),
            {"recruiter_name": "Dana Reid", "interviewer_name": "Chris Novak"},
        ),
        (
            {"interviewer_name": "Dana Reid"},
            "Dana is the recruiter and Chris Novak is the hiring manager",
            ("Dana", "Chris Novak"),
            {"recruiter_name": "Dana Reid", "interviewer_name": "Chris Novak"},
        ),
    ],
)
def test_names_move_to_the_part_the_user_says(slots: dict, text: str, people: tuple, expected: dict) -> None:
    """Blind testers: "the recruiter is Dana, Chris is the hiring manager" left Dana as the interviewer."""
    base = {"branch": "post_interview", "goal": "status_check", "company": "Halvorsen Logistics", **slots}
    update = understand(msg(text, "inform", *(("PERSON", p) for p in people)), base, None, NOW)
    assert {k: update.get(k) for k in expected} == expected


def dates_of(text: str, *dates: str) -> dict:
    """The role of each DATE or TIME after EntityRoles."""
    found = [entity(text, "TIME" if d in ("afternoon", "all morning") else "DATE", d) for d in dates]
    return {e["value"]: e.get("role") for e in after_nlu(text, found, "inform") if e["entity"] in ("DATE", "TIME")}


def test_the_users_availability_is_no_interview_day_or_time() -> None:
    """ "I'm free Thursday" is the user's own time, not the interview's."""
    roles = dates_of(
        "I'm free Wednesday and Thursday afternoon if they want to meet again", "Wednesday", "Thursday", "afternoon"
    )
    assert set(roles.values()) == {"other"}
    text = "the interview was on Monday, im available friday for a follow-up call"
    update = understand(msg(text, "post_status_check", ("DATE", "Monday"), ("DATE", "friday")), {}, None, NOW)
    assert update["interview_date"] == "2026-11-16"


def test_a_deadline_for_the_user_is_no_decision_date() -> None:
    """ "they want my references by Friday" is the user's deadline, not when they decide."""
    assert dates_of("the manager wants my references by Friday", "Friday") == {"Friday": "other"}
    assert dates_of("the application deadline is Friday", "Friday") == {"Friday": "other"}
    update = understand(
        msg("they asked for my references by Wednesday", "inform", ("DATE", "Wednesday")), STATUS, None, NOW
    )
    assert "decision_date" not in update and "interview_date" not in update


def test_a_past_employer_inside_a_strength_is_not_the_company() -> None:
    """ "mention my API docs work at Twilio" keeps Dropbox as the employer."""
    slots = {**THANKS, "company": "Dropbox", "role": "technical writer"}
    update = understand(msg("mention my API docs work at Twilio", "edit_draft", ("ORG", "Twilio")), slots, None, NOW)
    assert "company" not in update


@pytest.mark.parametrize(
    ("text", "people", "expected"),
    [
        ("im sam btw", (), "Sam"),
        ("I'm Sam Okafor", (("PERSON", "Sam Okafor"),), "Sam Okafor"),
        ("sign it Wei Zhang please", (("PERSON", "Wei Zhang"),), "Wei Zhang"),
    ],
)
def test_the_users_own_name_is_the_sign_off_only(text: str, people: tuple, expected: str) -> None:
    """The user's name never lands in the role, the company or another person."""
    update = understand(msg(text, "inform", *people), THANKS, None, NOW)
    assert update.get("user_name") == expected
    assert not {"role", "company", "interviewer_name", "recruiter_name"} & set(update)


@pytest.mark.parametrize(
    ("text", "dates", "followed", "again", "day"),
    [
        (
            "I nudged them once on the 20th, nothing back. too much to write again?",
            ("the 20th",),
            "yes",
            None,
            "2026-11-20",
        ),
        ("I've sent two chasers since, last one on Friday, nothing back", ("Friday",), "yes", "yes", "2026-11-20"),
        (
            "pinged omar a week later and again this monday, still crickets",
            ("this monday",),
            "yes",
            "yes",
            "2026-11-16",
        ),
        ("I already followed up last Monday", ("last Monday",), "yes", None, "2026-11-16"),
        ("should i reach out today or wait until friday", ("today", "friday"), None, None, None),
    ],
)
def test_the_users_follow_ups_and_the_day_of_the_latest(
    text: str, dates: tuple, followed: str | None, again: str | None, day: str | None
) -> None:
    """The day of a follow-up is no interview day; more than one follow-up is a follow-up too."""
    update = understand(msg(text, "post_status_check", *(("DATE", d) for d in dates)), STATUS, None, NOW)
    assert update.get("followed_up") == followed
    assert update.get("followed_up_again") == again
    assert update.get("followed_up_date") == day
    assert "interview_date" not in update


def test_after_one_follow_up_the_verdict_holds_off_until_a_named_day() -> None:
    """Followed up three days ago: hold off, and the day after which the silence is the answer; over two weeks
    ago: let it go. Never "you can write today" (the articles: one follow-up is enough)."""
    recent = Situation(**{**STATUS, "followed_up": "yes", "followed_up_date": "2026-11-19"})
    assert outcome(recent, NOW) == ("no", None)
    first = advise(recent, NOW).messages[0].text
    assert first.startswith("Hold off") and "Thu 3 Dec" in first and "our own rule of thumb" in first
    older = Situation(**{**STATUS, "followed_up": "yes", "followed_up_date": "2026-11-04"})
    assert outcome(older, NOW) == ("no", None)
    text = "\n".join(m.text for m in advise(older, NOW).messages)
    assert text.startswith("Time to let this one go") and "Wed 4 Nov" in text and "you can write today" not in text


def test_a_draft_asked_for_anyway_after_a_follow_up_mentions_it() -> None:
    """The status draft after the user's own follow-up says it follows up on that message, with its day."""
    sent = Situation(**{**STATUS, "followed_up": "yes", "followed_up_date": "2026-11-09"})
    draft = render_draft("decision_followup_email", sent, NOW).text
    assert "following up on my earlier message of Monday 9 November" in draft


def test_after_several_follow_ups_the_verdict_is_to_stop_with_a_date() -> None:
    """Twice already: stop, and the day after which silence is the answer; never "you can write today" first."""
    twice = Situation(**{**STATUS, "followed_up": "yes", "followed_up_again": "yes", "followed_up_date": "2026-11-16"})
    assert outcome(twice, NOW) == ("no", None)
    text = "\n".join(m.text for m in advise(twice, NOW).messages)
    assert text.startswith("Stop here") and "Mon 30 Nov" in text and "you can write today" not in text


def test_the_interviewer_named_again_in_place_of_another_keeps_the_surname() -> None:
    """ "the interviewer was Maria, not Marta" after Marta Lind: Maria Lind (the greeting's name, corrected)."""
    slots = {**THANKS, "interviewer_name": "Marta Lind"}
    text = "actually sorry the interviewer was Maria, not Marta"
    update = understand(msg(text, "inform", ("PERSON", "Maria"), ("PERSON", "Marta")), slots, None, NOW)
    assert update == {"interviewer_name": "Maria Lind"}


def test_a_first_name_and_surname_after_with_is_the_interviewer_once_the_employer_is_named() -> None:
    """ "interviewed at Kestrel Foods with Marta Lind": spaCy missed the person; she is no second employer."""
    text = "I interviewed at Corbel Labs with Ines Duarte on Monday for a QA job, can I thank her?"
    update = understand(msg(text, "post_thank_you", ("ORG", "Corbel Labs"), ("DATE", "Monday")), {}, None, NOW)
    assert (update["company"], update["interviewer_name"]) == ("Corbel Labs", "Ines Duarte")
    text = "Interviewed at Marlow & Finch with Jess Okoro two weeks ago, they never gave a date"
    entities = (("ORG", "Marlow & Finch"), ("ORG", "Jess Okoro"), ("DATE", "two weeks ago"))
    update = understand(msg(text, "post_status_check", *entities), {}, None, NOW)
    assert (update["company"], update["interviewer_name"]) == ("Marlow & Finch", "Jess Okoro")
    text = "interview at Acme with Brightline Partners next week"
    update = understand(msg(text, "pre_should_contact", ("ORG", "Acme")), {}, None, NOW)
    assert "interviewer_name" not in update


def test_questions_after_a_follow_up_agree_with_the_verdict() -> None:
    """ "what if she never answers?" after a dated follow-up names the same day as the verdict."""
    from actions.engine.topics import answer_topic, topic_days

    recent = Situation(**{**STATUS, "followed_up": "yes", "followed_up_date": "2026-11-19"})
    days = topic_days(recent, NOW.date())
    text = answer_topic("no_reply", recent, None, verdict=outcome(recent, NOW)[0], days=days)
    assert "Thu 3 Dec" in text and text.startswith("Then let it rest")
    again = answer_topic("again", recent, None, verdict=outcome(recent, NOW)[0], days=days)
    assert again.startswith("Better not")


def test_a_recruiting_word_near_a_name_moves_nobody() -> None:
    """Suite HY01: "addressed to the recruitment inbox rather than to Bruno" kept Bruno the interviewer."""
    slots = {**THANKS, "interviewer_name": "Bruno Tavares"}
    text = "hmm it needs to be addressed to the recruitment inbox rather than to Bruno himself"
    update = understand(msg(text, "inform", ("PERSON", "Bruno")), slots, None, NOW)
    assert "recruiter_name" not in update and update.get("interviewer_name", "Bruno Tavares") == "Bruno Tavares"
