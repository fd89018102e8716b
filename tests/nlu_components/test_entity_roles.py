"""EntityRoles: roles for spaCy's entities, the dates and job titles it misses, and the facts that change advice."""

from typing import Any, Dict, List

import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu_components.entity_roles import EntityRoles, nearest_role


def spacy_entity(text: str, kind: str, value: str) -> Dict[str, Any]:
    """An entity as SpacyEntityExtractor reports it, located in text."""
    start = text.index(value)
    return {
        "entity": kind,
        "value": value,
        "start": start,
        "end": start + len(value),
        "extractor": "SpacyEntityExtractor",
    }


def run(text: str, *found: tuple) -> List[Dict[str, Any]]:
    """The entities of a message after EntityRoles, given the (type, value) entities spaCy found."""
    message = Message.build(text)
    message.set("entities", [spacy_entity(text, kind, value) for kind, value in found])
    EntityRoles({}).process([message])
    return message.get("entities")


def of(entities: List[Dict[str, Any]], kind: str) -> List[tuple]:
    """(value, role) of the entities of one type."""
    return [(e["value"], e.get("role")) for e in entities if e["entity"] == kind]


def test_interview_and_decision_dates_get_their_roles() -> None:
    text = "I interviewed on Nov 3 and the manager said I'd hear back by the 16th."
    assert of(run(text, ("DATE", "Nov 3"), ("DATE", "the 16th")), "DATE") == [
        ("Nov 3", "interview"),
        ("the 16th", "decision"),
    ]


@pytest.mark.parametrize("typo", ["intervew", "interveiw", "inteview", "intervewed"])
def test_a_mistyped_interview_still_names_the_interview_day(typo: str) -> None:
    """Blind 23e-02: 'i have an intervew next tuesday' left the day unnamed, and a pasted draft's 'tuesday' won."""
    text = f"so i have an {typo} next tuesday with tom, can u check my note"
    (date,) = [e for e in run(text, ("DATE", "next tuesday")) if e["entity"] == "DATE"]
    assert date["role"] == "interview" and date["additional_info"]["interview_cue"] is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This is a LinkedIn message, not an email, and it's a thank-you.", [("email", "negated"), ("linkedin", None)]),
        ("not by email, on linkedin please", [("email", "negated"), ("linkedin", None)]),
        ("send it by email", [("email", None)]),
    ],
)
def test_a_channel_said_not_to_be_it_is_negated_and_the_right_one_read(text: str, expected: list) -> None:
    """Blind 23e-07: 'a LinkedIn message, not an email' answered 'Noted (channel: email)'."""
    assert sorted(of(run(text, ("channel", "email")), "channel"), key=str) == sorted(expected, key=str)


def test_a_title_in_brackets_after_a_name_makes_a_person_with_that_role() -> None:
    """Blind 23e-08: spaCy's ORG 'Gemma Saunders (payroll team lead)' was the company, after 'Ben Hollis (HR)'."""
    text = "Interviwers were Ben Hollis (HR) and Gemma Saunders (payroll team lead). Can you write to Gemma?"
    entities = run(text, ("PERSON", "Ben Hollis"), ("ORG", "Gemma Saunders"))
    assert {("Ben Hollis", "recruiter"), ("Gemma Saunders", "interviewer")} <= set(of(entities, "PERSON"))
    assert of(entities, "ORG") == []
    assert of(
        run("I interviewed at Northwind Traders (the recruiter said hi)", ("ORG", "Northwind Traders")), "ORG"
    ) == [("Northwind Traders", "company")]


@pytest.mark.parametrize(
    ("text", "tense"),
    [
        ("interview on thursday via an agency. can I email the manager beforehand?", "future"),
        ("the interview on thursday went fine, what should I prepare for next?", "future"),
        ("I interviewed on thursday and have heard nothing", "past"),
        ("interview on thursday via an agency, any news yet?", None),
    ],
)
def test_a_message_about_the_time_before_the_interview_puts_its_day_ahead(text: str, tense: str | None) -> None:
    """Suite FC05: 'interview on thursday ... questions beforehand' was read as last Thursday in an agency story."""
    (date,) = [e for e in run(text, ("DATE", "thursday")) if e["entity"] == "DATE"]
    assert date["additional_info"]["tense"] == tense


def test_a_detail_the_user_already_has_is_not_their_question_and_name_is_no_one() -> None:
    """Blind 24a-08: 'I already have the address though! The questions are the dress code...' drafted an address
    question; "Name's Tom Hughes" greeted 'Dear Name'."""
    text = (
        "I already have the address though! The questions are the dress code and the portfolio. Name's Tom Hughes btw"
    )
    entities = run(text, ("PERSON", "Name"), ("PERSON", "Tom Hughes"))
    assert of(entities, "question") == [("dress", None)]
    assert of(entities, "PERSON") == [("Tom Hughes", "self")]
    assert of(run("the email doesn't say the address, can I ask?"), "question") == [("location", None)]


def test_the_day_the_user_applied_or_followed_up_is_not_the_interview() -> None:
    text = "I applied on the 2nd, interviewed on the 9th and emailed her on the 12th."
    roles = dict(of(run(text), "DATE"))
    assert roles == {"the 2nd": "applied", "the 9th": "interview", "the 12th": "follow_up"}


def test_by_only_marks_a_decision_right_before_the_date() -> None:
    text = "It was set up by phone two weeks ago for 12/1 at 2pm."
    assert of(run(text), "DATE")[-1] == ("12/1", "interview")


@pytest.mark.parametrize(
    "phrase", ["tmrw", "the 16th", "11/24", "next wed", "end of next week", "before thanksgiving", "wedensday"]
)
def test_dates_spacy_misses_are_added(phrase: str) -> None:
    assert phrase in [value for value, _ in of(run(f"my interview is {phrase} and i'm nervous"), "DATE")]


def test_recruiter_name_in_brackets_after_the_cue() -> None:
    text = "the headhunter (Doug, at Ridgeline Search) told me the client passed"
    people = of(run(text, ("PERSON", "Doug"), ("ORG", "Ridgeline Search")), "PERSON")
    assert people == [("Doug", "recruiter")]


def test_title_is_kept_with_the_name_and_non_people_dropped() -> None:
    text = "I met Ms. Alvarez on Zoom yesterday."
    assert of(run(text, ("PERSON", "Alvarez"), ("PERSON", "Zoom")), "PERSON") == [("Ms. Alvarez", "interviewer")]


def test_agency_and_employer_organisations() -> None:
    text = "I went through Apex Staffing for a contract at Ravenmoor Insurance."
    orgs = of(run(text, ("ORG", "Apex Staffing"), ("ORG", "Ravenmoor Insurance")), "ORG")
    assert orgs == [("Apex Staffing", "agency"), ("Ravenmoor Insurance", "company")]


def test_job_title_as_the_user_framed_it_replaces_fragments() -> None:
    text = "my interview for the assistant principal job at Cedar Hollow Middle is on monday"
    found = run(text, ("ORG", "Cedar Hollow Middle"))
    assert of(found, "role") == [("assistant principal", "stated")]


def test_employer_after_at_when_spacy_found_none() -> None:
    text = "Interviewed at Halberd Insurance for a staff accountant role about a week ago."
    assert ("Halberd Insurance", "company") in of(run(text), "ORG")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("i already emailed once on the 9th to check in", "followed_up"),
        ("I send email 2 times, no answer", "followed_up"),
        ("my consultant went quiet: three emails and a call, no reply", "followed_up"),
        ("Priya hasn't answered my last two messages", "followed_up"),
        ("can you write to her colleague, I can't reach Priya", "followed_up"),
        ("got the rejection email this morning", "rejected"),
        ("they went w someone else", "rejected"),
        ("office mgr said \"please don't call us, we'll call you.\"", "no_contact"),
        # blind 27c-09: an adjective between the count and the check-in hid the follow-up already sent
        ("they promised news by the 2nd, so I sent one short check-in on the 10th", "followed_up"),
        ("i did a quick follow-up last friday and nothing since", "followed_up"),
    ],
)
def test_facts_that_change_the_advice(text: str, kind: str) -> None:
    assert of(run(text), kind) == [("yes", None)]


@pytest.mark.parametrize(
    "text", ["the recruiter called me yesterday", "they said i could email them anytime", "i can't reach the link"]
)
def test_no_fact_without_its_words(text: str) -> None:
    kinds = {e["entity"] for e in run(text)}
    assert not kinds & {"followed_up", "rejected", "no_contact"}


def test_nearest_cue_wins() -> None:
    roles = {"decision": ["decide"], "interview": ["interview"]}
    assert nearest_role("they will decide after my interview ", roles) == "interview"
    assert nearest_role("after my interview they will decide ", roles) == "decision"
    assert nearest_role("nothing here ", roles) is None


def test_channel_read_when_diet_found_none() -> None:
    found = run("We've been emailing back and forth about the time.")
    assert [(e["value"], e["extractor"]) for e in found if e["entity"] == "channel"] == [("email", "EntityRoles")]


def test_an_agency_named_by_diet_is_not_also_the_employer() -> None:
    text = "A recruiter from Hays put me forward for a job."
    message = Message.build(text)
    start = text.index("Hays")
    message.set("entities", [{"entity": "agency", "value": "Hays", "start": start, "end": start + 4}])
    EntityRoles({}).process([message])
    kept = [e["entity"] for e in message.get("entities") if e["entity"] != "not_scheduled"]  # no interview: a fact
    assert kept == ["agency"]


def test_another_offers_deadline_gets_its_own_role() -> None:
    text = "the other company wants an answer by friday dec 4 and i'd rather work here"
    assert of(run(text, ("DATE", "friday dec 4")), "DATE") == [("friday dec 4", "other")]


def test_a_weekday_and_a_date_next_to_each_other_are_one_date() -> None:
    text = "the interview is Thursday Dec 10 with the CFO"
    assert of(run(text, ("DATE", "Thursday"), ("DATE", "Dec 10")), "DATE") == [("Thursday Dec 10", "interview")]


@pytest.mark.parametrize(
    "text",
    [
        "my agency set up an onsite interview for me tmrw 2pm at Halcyon Plastics",
        "ask them to keep me in mind for future positions",
    ],
)
def test_no_job_title_from_words_about_the_user_or_the_time(text: str) -> None:
    assert of(run(text), "role") == []


@pytest.mark.parametrize(
    ("text", "role"), [("its on thursday with the manager", "interview"), ("its the 18th now", "today")]
)
def test_its_marks_the_message_day_only_right_before_the_date(text: str, role: str) -> None:
    assert of(run(text), "DATE")[0][1] == role


def test_a_longer_date_phrase_replaces_the_part_spacy_found() -> None:
    text = "yeah they said they would decide by end of next week"
    assert [v for v, _ in of(run(text, ("DATE", "next week")), "DATE")] == ["end of next week"]


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("hold on, i was not rejected, they just haven't decided", "rejected", "no"),
        ("got the rejection email this morning", "rejected", "yes"),
        ("i haven't even followed up yet, should i?", "followed_up", "no"),
        ("i've already emailed her twice since then", "followed_up", "yes"),
        ("the manager never said when they would make a decision", "no_timeline", "yes"),
        ("there was no timeline mentioned at all", "no_timeline", "yes"),
        ("final round went fine but no hiring date was mentioned", "no_timeline", "yes"),
        ("he just said 'we'll get back to you', that's all", "no_contact", "no"),
        ("they wrote back that they're still reviewing applications", "still_reviewing", "yes"),
        ("i emailed her a week after, and again last week", "followed_up_again", "yes"),
        ("should i message him a third time?", "followed_up_again", "yes"),
        ("i followed up twice already", "followed_up_again", "yes"),
        ("all she told me was that they would be in touch soon", "no_contact", "no"),
    ],
)
def test_facts_said_in_the_negative_and_a_missing_timeline(text: str, fact: str, value: str) -> None:
    assert (value, None) in [(v, r) for v, r in of(run(text), fact)]


@pytest.mark.parametrize(
    "text", ["she just said don't call us, we'll call you, that's all", "all he said was not to chase them"]
)
def test_an_account_of_what_they_said_with_a_request_to_stay_away_is_no_denial(text: str) -> None:
    assert ("no", None) not in of(run(text), "no_contact")


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("i followed up once last week and heard nothing", "followed_up_again"),
        ("should i send a second follow-up?", "followed_up_again"),
        ("they're still reviewing candidates, the recruiter said at the interview", "still_reviewing"),
    ],
)
def test_one_follow_up_and_a_status_not_given_in_a_reply_are_not_read_as_more(text: str, fact: str) -> None:
    assert of(run(text), fact) == []


def test_a_decision_date_is_not_a_missing_timeline() -> None:
    assert of(run("she said they'd decide by friday", ("DATE", "friday")), "no_timeline") == []


@pytest.mark.parametrize(
    ("text", "found", "expected"),
    [
        ("my recruiter Dana said the client loved me", [], [("Dana", "recruiter")]),
        ("the recruiter, Jen Ortiz, set up a call for friday", [], [("Jen Ortiz", "recruiter")]),
        (
            "I spoke to the office manager at Birchway Vets (Colleen) last week",
            [("ORG", "Colleen")],
            [("Colleen", None)],
        ),
        ("my interview w Hector at Lakeview Roofing went fine", [], [("Hector", "interviewer")]),
        ("I got a call from Mark from Aerotek Staffing about a contract", [], [("Mark", "recruiter")]),
    ],
)
def test_names_spacy_missed_where_people_put_them(text: str, found: list, expected: list) -> None:
    people = of(run(text, *found), "PERSON")
    assert [value for value, _ in people] == [value for value, _ in expected]
    assert all(role == want for (_, role), (_, want) in zip(people, expected) if want)
    assert not [v for v, _ in of(run(text, *found), "ORG") if v == "Colleen"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("the recruiter ghosted me after the client interview", "recruiter"),
        ("got an interview friday at Ollie's Bistro for prep cook", "Ollie"),
        ("I temp with Harlow Staffing and love it, but should all questions go through Harlow?", "Harlow"),
    ],
)
def test_words_that_are_no_ones_name_are_not_people(text: str, person: str) -> None:
    assert of(run(text, ("PERSON", person)), "PERSON") == []


def test_a_name_with_an_organisation_word_is_an_organisation() -> None:
    text = "Brightline Hospitality Staffing sent me to a hotel interview"
    found = run(text, ("PERSON", "Brightline Hospitality Staffing"))
    assert of(found, "PERSON") == [] and of(found, "ORG") == [("Brightline Hospitality Staffing", "agency")]


def test_a_lower_case_job_word_is_not_kept_as_a_title() -> None:
    assert of(run("I trailed with chef Marco on saturday", ("PERSON", "chef Marco")), "PERSON") == [
        ("Marco", "interviewer")
    ]


def test_a_name_said_again_keeps_the_role_its_cue_gave_it() -> None:
    text = "my recruiter Priya set it up. I met the team lead on monday. should I ask Priya for feedback?"
    message = Message.build(text)
    second = text.rindex("Priya")
    message.set("entities", [{"entity": "PERSON", "value": "Priya", "start": second, "end": second + 5}])
    EntityRoles({}).process([message])
    assert of(message.get("entities"), "PERSON") == [("Priya", "recruiter"), ("Priya", "recruiter")]


def test_a_namesake_with_another_surname_is_another_person() -> None:
    text = "I'm Dana Holt. I met their finance lead Dana Price on friday, and Dana said she'd call me."
    people = of(run(text, ("PERSON", "Dana Holt"), ("PERSON", "Dana Price")), "PERSON")
    assert ("Dana Holt", "self") in people and ("Dana Price", "interviewer") in people


def test_the_longer_of_two_cues_ending_together_wins() -> None:
    roles = {"decision": ["until"], "follow_up": ["wait until"]}
    assert nearest_role("should i wait until ", roles) == "follow_up"


@pytest.mark.parametrize(
    ("text", "date", "role"),
    [
        ("my interview is friday. should i reach out today or wait until thursday?", "today", "follow_up"),
        ("my interview is friday. should i reach out today or wait until thursday?", "thursday", "follow_up"),
        ("i texted him monday and nothing", "monday", "follow_up"),
        ("got the rejection email yesterday, can i ask for feedback?", "yesterday", "news"),
        ("I applied for the night shift pharmacy tech opening at Crestview on the 4th", "the 4th", "applied"),
        ("they said 2 weeks and it has been three", "2 weeks", "decision"),
        ("hr told me 1-2 weeks for a decision", "1-2 weeks", "decision"),
        ("the board will vote on the 30th", "the 30th", "decision"),
        ("my consultant said the client decides next thursday", "next thursday", "decision"),
    ],
)
def test_date_roles_from_the_users_plans_news_and_far_cues(text: str, date: str, role: str) -> None:
    found = run(text, *([("DATE", date)] if date in ("today", "yesterday", "2 weeks", "1-2 weeks") else []))
    assert (date, role) in of(found, "DATE")


def test_a_date_cut_before_pm_takes_the_whole_time() -> None:
    text = "the interview is next thursday 4pm on zoom"
    assert of(run(text, ("DATE", "next thursday 4")), "DATE") == [("next thursday 4pm", "interview")]


def test_this_morning_is_a_date_even_when_spacy_calls_it_a_time() -> None:
    text = "I interviewed this morning with two of the partners"
    assert ("this morning", "interview") in of(run(text, ("TIME", "this morning")), "DATE")


def test_an_ordinal_before_grade_or_floor_is_no_date() -> None:
    assert of(run("I teach the 5th grade and interviewed on the 3rd floor"), "DATE") == []


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("the invite has a time but no video link, can i ask for it?", "link"),
        ("their campus has four buildings and i don't know which one", "location"),
        ("is it rude to ask what i should wear", "dress"),
        ("can i email her to confirm the time on thursday?", None),
    ],
)
def test_the_practical_question_the_user_wants_to_ask(text: str, question: str | None) -> None:
    assert [value for value, _ in of(run(text), "question")] == ([question] if question else [])


@pytest.mark.parametrize(
    ("text", "spacy_part", "expected"),
    [
        ("got a call with the ops lead thurs 11/26 at noon", "thurs 11", "thurs 11/26"),
        ("my interview was a fortnight ago", None, "a fortnight ago"),
        ("i had a zoom interview over the weekend", None, "over the weekend"),
        ("they want to interview me in early december", None, "early december"),
        ("the interview is the monday after thanksgiving", None, "the monday after thanksgiving"),
        ("umm the monday before last i think", "monday", "the monday before last"),
        ("she said sometime next week", "next week", "sometime next week"),
        ("they said by the end of last week", "last week", "the end of last week"),
    ],
)
def test_more_date_phrases_spacy_misses_or_cuts(text: str, spacy_part: str, expected: str) -> None:
    found = run(text, *([("DATE", spacy_part)] if spacy_part else []))
    assert expected in [value for value, _ in of(found, "DATE")]


@pytest.mark.parametrize(
    ("text", "found", "expected"),
    [
        ("Maya, the recruiter, said the client liked me", [("PERSON", "Maya")], ("Maya", "recruiter")),
        ("I met with Kim in HR after the panel", [("PERSON", "Kim")], ("Kim", "recruiter")),
        ("I heard from Sol (recruiter at Vantix) last week", [("PERSON", "Sol")], ("Sol", "recruiter")),
        ("my recruiter at Bluefin Talent, Tina, stopped replying", [], ("Tina", "recruiter")),
        ("the talent acquisition specialist Ana Ruiz set up my panel", [], ("Ana Ruiz", "recruiter")),
        ("HR (Natalie) emailed me to schedule it", [], ("Natalie", "recruiter")),
    ],
)
def test_recruiters_named_by_what_follows_or_around_their_employer(text: str, found: list, expected: tuple) -> None:
    assert expected in of(run(text, *found), "PERSON")


@pytest.mark.parametrize(
    ("text", "found", "expected"),
    [
        (
            "should I nudge the recruiter? his name is Omar and he set it all up",
            [("PERSON", "Omar")],
            ("Omar", "recruiter"),
        ),
        (
            "the hiring manager was lovely. her name's Priya, can I thank her?",
            [("PERSON", "Priya")],
            ("Priya", "interviewer"),
        ),
        (
            "the staffing firm rep never wrote back to me. I emailed him twice. name's Luca",
            [("PERSON", "Luca")],
            ("Luca", "recruiter"),
        ),
        ("my account manager Jonas at the agency is quiet", [("PERSON", "Jonas")], ("Jonas", "recruiter")),
        ("name's Leila, can you sign the email for me", [("PERSON", "Leila")], ("Leila", "self")),
        (
            "can you write to my recruiter? she's called Noor Aziz",
            [("PERSON", "Noor Aziz")],
            ("Noor Aziz", "recruiter"),
        ),
        (
            "they only gave me the number of the recruiter, her name Dagny",
            [("PERSON", "Dagny")],
            ("Dagny", "recruiter"),
        ),
        (
            "a call friday with Ines Moll, she's the in-house recruiter at Zalando",
            [("PERSON", "Ines Moll")],
            ("Ines Moll", "recruiter"),
        ),
    ],
)
def test_a_name_given_after_the_fact_belongs_to_the_person_mentioned_before(
    text: str, found: list, expected: tuple
) -> None:
    assert of(run(text, *found), "PERSON") == [expected]


def test_its_this_thursday_is_the_interview_not_the_message_day() -> None:
    text = "its this thursday with Rosa, can i email her?"
    assert of(run(text, ("DATE", "this thursday"), ("PERSON", "Rosa")), "DATE") == [("this thursday", "interview")]


@pytest.mark.parametrize(
    ("text", "found", "expected"),
    [
        (
            "I interviewed at Marlow State on Nov 13 with the dean",
            [("ORG", "Marlow State on")],
            ("Marlow State", "company"),
        ),
        ("I had it with Mr. Ortiz at Banfield Supply. My friend says write", [], ("Banfield Supply", "company")),
        (
            "a second round with the VP of Sales at Quillon Labs",
            [("ORG", "the VP of Sales at Quillon Labs")],
            ("Quillon Labs", "company"),
        ),
        (
            "the recruiter at Dunmore Public Library emailed me",
            [("ORG", "Dunmore Public Library")],
            ("Dunmore Public Library", "company"),
        ),
        (
            "the in house recruiter at Norrfield Commerce set it up",
            [("ORG", "Norrfield Commerce")],
            ("Norrfield Commerce", "company"),
        ),
        (
            "I volunteer for a small nonprofit (Bright Path Reading Project) now",
            [],
            ("Bright Path Reading Project", "company"),
        ),
        ("I interviewed at the Westmoor Inn last week", [], ("Westmoor Inn", "company")),
        (
            "I'm working with a search firm, Ashby & Rowe, on an interim role",
            [("ORG", "Ashby & Rowe")],
            ("Ashby & Rowe", "agency"),
        ),
    ],
)
def test_organisations_trimmed_found_in_brackets_and_told_apart(text: str, found: list, expected: tuple) -> None:
    assert expected in of(run(text, *found), "ORG")


def test_job_and_unit_abbreviations_are_not_the_employer() -> None:
    text = "interviewed at Rosegate Manor for CNA with the L&D manager, job code GS-9"
    orgs = of(run(text, ("ORG", "CNA"), ("ORG", "L&D"), ("ORG", "GS-9")), "ORG")
    assert [value for value, _ in orgs] == ["Rosegate Manor"]


def test_an_agency_word_diet_found_does_not_hide_the_agencys_full_name() -> None:
    text = "The agency (Corvid IT Staffing) sent me to a client"
    message = Message.build(text)
    start = text.index("Staffing")
    message.set("entities", [{"entity": "agency", "value": "Staffing", "start": start, "end": start + 8}])
    EntityRoles({}).process([message])
    assert ("Corvid IT Staffing", "agency") in of(message.get("entities"), "ORG")


@pytest.mark.parametrize(
    "text",
    [
        "just walked out of my interview at Halcyon, should i send a thank you tonight",
        "my phone screen is in 3 hours and nobody sent the link",
        "had the panel about two hours ago, how soon can i write?",
    ],
)
def test_an_interview_happening_today_is_dated_today(text: str) -> None:
    assert [v for v, _ in of(run(text), "DATE")] == ["today"]


@pytest.mark.parametrize(
    "text", ["nope they never said when. and nobody told me not to reach out", "no one said not to contact them"]
)
def test_nobody_said_not_to_contact_is_a_no(text: str) -> None:
    assert of(run(text), "no_contact") == [("no", None)]


def test_a_name_glued_in_front_of_a_date_is_cut_off_and_read_as_the_employer() -> None:
    text = "I interviewed for a tech job at Walgreens a month ago and nothing since"
    found = run(text, ("DATE", "Walgreens a month ago"))
    assert [v for v, _ in of(found, "DATE")] == ["a month ago"]
    assert [v for v, _ in of(found, "ORG")] == ["Walgreens"]


@pytest.mark.parametrize(
    ("text", "found", "name"),
    [
        ("yes pls write it, im Priya Shah", ("PERSON", "Priya Shah"), "Priya Shah"),
        ("sign it Marcus Bell please", ("ORG", "Marcus Bell"), "Marcus Bell"),
        ("ok write it short. my name is Oleksandr", ("ORG", "Oleksandr"), "Oleksandr"),
    ],
)
def test_the_users_own_name_however_it_is_said(text: str, found: tuple, name: str) -> None:
    assert (name, "self") in of(run(text, found), "PERSON")


@pytest.mark.parametrize(
    "text", ["They turned me down for the nursing assistant role", "Karen emailed: they filled the position internally"]
)
def test_rejections_in_other_words(text: str) -> None:
    assert of(run(text), "rejected") == [("yes", None)]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("I'm meeting Lucia Ferraro, VP of Marketing at Arcadia, next week", "Lucia Ferraro", "interviewer"),
        ("for a front desk coordinator role, with the office manager Hannah Weiss", "Hannah Weiss", "interviewer"),
        ("hi, I'm Dana and my recruiter is Theo Marsh", "Theo Marsh", "recruiter"),
    ],
)
def test_the_nearest_title_decides_whose_name_it_is(text: str, name: str, role: str) -> None:
    assert (name, role) in of(run(text, ("PERSON", name)), "PERSON")


def test_will_update_me_next_week_is_the_decision() -> None:
    text = "it says they're still finalising and will update me next week"
    assert of(run(text, ("DATE", "next week")), "DATE") == [("next week", "decision")]


def test_we_will_call_you_and_nothing_more_is_no_timeline() -> None:
    assert of(run("he just said 'we'll call you', that's all"), "no_timeline") == [("yes", None)]
    assert of(run("he just said we'll call you by friday", ("DATE", "friday")), "no_timeline") == []


@pytest.mark.parametrize(
    ("text", "found", "channel"),
    [
        ("yes draft it, email is fine. I'm Tom", (), "email"),
        ("it was with Tom, we emailed before. write it pls", (), "email"),
        ("i dont have his email, only the office phone number", (("channel", "email"),), "phone"),
    ],
)
def test_how_they_are_in_touch_in_other_words(text: str, found: tuple, channel: str) -> None:
    diet = [{"entity": k, "value": v, "start": text.index(v), "end": text.index(v) + len(v)} for k, v in found]
    message = Message.build(text)
    message.set("entities", diet)
    EntityRoles({}).process([message])
    assert [e["value"] for e in message.get("entities") if e["entity"] == "channel"] == [channel]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("the company is Brightline Health and the role is Clinical Data Manager", "Clinical Data Manager"),
        ("oh and the role is account executive, not account manager", "account executive"),
        # a sentence end closes the title: the user's name after it is not part of the role
        ("fine, draft it. hiring mgr is omar at vantage, role is warehouse lead. im priya", "warehouse lead"),
        ("the position is store supervisor! my name is Kofi btw", "store supervisor"),
        ("the role is Sr. Payroll Specialist", "Sr. Payroll Specialist"),
    ],
)
def test_the_role_said_outright(text: str, title: str) -> None:
    assert [v for v, _ in of(run(text), "role")] == [title]


def test_a_real_person_is_no_interview_format_and_this_morning_is_a_day() -> None:
    text = "wait am i talking to a real person?"
    message = Message.build(text)
    start = text.index("person")
    message.set("entities", [{"entity": "interview_format", "value": "person", "start": start, "end": start + 6}])
    EntityRoles({}).process([message])
    assert of(message.get("entities"), "interview_format") == []
    found = run("I got a rejection email this morning", ("TIME", "this morning"))
    assert of(found, "TIME") == [] and [v for v, _ in of(found, "DATE")] == ["this morning"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("write it? I want to ask whether the team uses Jira or Trello", "whether the team uses Jira or Trello"),
        ("my question is whether the case study is done live", "whether the case study is done live"),
        ("can i email her asking if i should bring my portfolio?", "if i should bring my portfolio"),
        ("i'd like to know what software they use so i can brush up on it", "what software they use"),
        ("should I ask for feedback?", None),
        ("is it ok to ask them how", None),
        ("I want to know what to ask my recruiter beforehand so I'm prepared", None),
        ("I'm asking YOU what kinds of things I should ask her", None),
    ],
)
def test_the_users_own_question_is_kept_in_their_words(text: str, expected: str | None) -> None:
    found = [value for value, _ in of(run(text), "own_question")]
    assert found == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("text", "found", "expected"),
    [
        ("Through Adecco I got an interview at a law firm", [], ("Adecco", "agency")),
        ("I'm a travel nurse with Aya Healthcare, placed at Mercy", [("ORG", "Mercy")], ("Aya Healthcare", "agency")),
        ("going through an agency, Michael Page, for a role", [("PERSON", "Michael Page")], ("Michael Page", "agency")),
        ("placed by Kforce at a bank", [("agency", "Kforce")], None),
    ],
)
def test_well_known_agencies_are_agencies_wherever_they_are_named(
    text: str, found: list, expected: tuple | None
) -> None:
    entities = run(text, *found)
    if expected is None:  # DIET's own agency entity is kept alone
        assert [e["entity"] for e in entities] == ["agency"]
        return
    assert expected in of(entities, "ORG") and expected[0] not in [v for v, _ in of(entities, "PERSON")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("got an interview monday for a warehouse job at costco", [("Costco", "company")]),
        ("we talked about the role with globex last week", [("Globex", "company")]),
        ("my interview at noon went fine", []),
        ("i have a job at home lol", []),
    ],
)
def test_an_employer_typed_in_lower_case_after_the_job_is_found(text: str, expected: list) -> None:
    assert of(run(text), "ORG") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the strength is building SQL dashboards for the ops team", "building SQL dashboards for the ops team"),
        ("we talked a lot about my time running night shifts. can you add that?", "time running night shifts"),
        ("mention my experience with pediatric patients and can you sign it Ana", "pediatric patients"),
        ("my interview went well i think", None),
    ],
)
def test_what_a_thank_you_should_recall_is_kept_in_the_users_words(text: str, expected: str | None) -> None:
    assert [value for value, _ in of(run(text), "strength")] == ([expected] if expected else [])


def test_a_period_after_a_count_of_messages_is_not_a_date() -> None:
    text = "did I mess up by emailing the interviewer three times in one week?"
    assert of(run(text, ("DATE", "one week")), "DATE") == []
    assert of(run("the interview is in one week", ("DATE", "one week")), "DATE") == [("one week", "interview")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the job ad says please no calls or emails to the store", ["yes"]),
        ("their posting literally says no phone calls please", ["yes"]),
        ("i have no email for her, only the number", []),
    ],
)
def test_a_no_calls_request_is_told_not_to_contact(text: str, expected: list) -> None:
    assert [value for value, _ in of(run(text), "no_contact")] == expected


def test_a_thank_you_already_sent_is_not_a_follow_up() -> None:
    assert of(run("i already sent my thank-you note yesterday, what now?"), "followed_up") == []
    assert of(run("i already emailed her twice about the status"), "followed_up") == [("yes", None)]


def test_not_getting_the_chance_is_no_rejection() -> None:
    assert of(run("I did not get the chance to discuss my idea, should I mention it?"), "rejected") == []
    assert of(run("I didn't get the job, can I ask why?"), "rejected") == [("yes", None)]


def test_zoom_or_in_person_is_a_format_question() -> None:
    assert of(run("the invite doesn't say if it's on zoom or in person"), "question") == [("format", None)]


@pytest.mark.parametrize(
    ("text", "found", "expected"),
    [
        ("it should be to jess, she's the recruiter. and company is vantage point media", [], "Vantage Point Media"),
        ("the interviewer is Laura Kim, Ridgeback is the company", [("PERSON", "Ridgeback")], "Ridgeback"),
        ("Dr Hughes is the person, Smile Studio is the practice", [], "Smile Studio"),
    ],
)
def test_the_employer_said_outright_is_the_company(text: str, found: list, expected: str) -> None:
    entities = run(text, *found)
    assert (expected, "company") in of(entities, "ORG") and expected not in [v for v, _ in of(entities, "PERSON")]


def test_a_clock_time_spacy_missed_is_a_time() -> None:
    assert [e["value"] for e in run("its at 10am, on thursday") if e["entity"] == "TIME"] == ["10am"]


def test_an_org_given_as_her_name_is_a_person() -> None:
    text = "the hiring manager was lovely. her name is Maud Sinclair, we've emailed before"
    assert of(run(text, ("ORG", "Maud Sinclair")), "PERSON") == [("Maud Sinclair", "interviewer")]


@pytest.mark.parametrize(
    ("found", "expected"),
    [("Quillstack. Nothing", "Quillstack"), ("St. Luke's Hospital", "St. Luke's Hospital")],
)
def test_an_org_never_runs_on_into_the_next_sentence(found: str, expected: str) -> None:
    text = f"the senior role at {found}. The hiring manager was Tobias Wren."
    assert of(run(text, ("ORG", found)), "ORG")[0][0] == expected


def test_a_thank_you_sent_last_night_and_a_lowercase_agency_after_thru() -> None:
    assert of(run("I already sent him a thank you last night, should I follow up?"), "followed_up") == []
    assert ("manpower", "agency") in of(run("temping thru manpower at a warehouse, no word yet"), "ORG")
    assert of(run("we are short on manpower at the site"), "ORG") == []


def test_nobody_said_when_is_no_timeline() -> None:
    assert of(run("it was two weeks ago and nobody said when theyd decide"), "no_timeline") == [("yes", None)]


def test_names_listed_beside_one_spacy_found_are_people_with_the_same_role() -> None:
    text = "panel interview at Greyline Bank today, three of them: Ana Ruiz, Ben Cole and Chloe Park. thank you?"
    people = of(run(text, ("ORG", "Greyline Bank"), ("PERSON", "Ben Cole")), "PERSON")
    assert sorted(people) == [("Ana Ruiz", "interviewer"), ("Ben Cole", "interviewer"), ("Chloe Park", "interviewer")]


def test_a_listed_word_that_is_no_full_name_is_not_taken_for_a_person() -> None:
    text = "I met Ben Cole and Greyline yesterday"
    assert of(run(text, ("PERSON", "Ben Cole")), "PERSON") == [("Ben Cole", "interviewer")]


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("should i cc chris on it?", ["cc"]),
        ("can you do one for each of them? they all asked different stuff", ["one_each"]),
        ("is sending it the same day too pushy?", ["send_timing"]),
        ("she asked for two references. how quickly should I answer her?", ["reply_speed"]),
        ("should i also say id like to be considered for other roles?", ["future_roles"]),
        ("ok how long should I give them", ["how_long"]),
        ("And is 10 days too late or ok?", ["too_late"]),
        ("both channels, or just one?", ["channel_choice"]),
        ("can you make it shorter?", []),
    ],
)
def test_follow_up_topics_are_tagged(text: str, topics: List[str]) -> None:
    assert [value for value, _ in of(run(text), "topic")] == topics


def test_a_day_said_with_a_time_of_day_is_a_date() -> None:
    text = "interview tomorrow morning at Target, should i text him tonight?"
    assert ("tomorrow", "interview") in of(run(text, ("TIME", "tomorrow morning"), ("TIME", "tonight")), "DATE")


def test_a_date_without_a_cue_is_not_the_interview_when_another_date_is() -> None:
    text = "I interviewed at Home Depot about three weeks ago. Still nothing. So today I feel stuck."
    dates = dict(of(run(text, ("DATE", "about three weeks ago"), ("DATE", "today")), "DATE"))
    assert dates == {"about three weeks ago": "interview", "today": "other"}
    alone = "What should I say on friday?"
    assert of(run(alone, ("DATE", "friday")), "DATE") == [("friday", "interview")]


def test_a_person_and_employer_typed_in_lower_case_after_the_interview() -> None:
    entities = run("interviewed w/ raj patel at twilio on friday", ("DATE", "friday"))
    assert of(entities, "PERSON") == [("Raj Patel", "interviewer")]
    assert ("Twilio", "company") in of(entities, "ORG")


def test_a_surname_in_lower_case_after_a_title_is_a_person_and_a_product_is_not() -> None:
    """RV07: "my interview with mr whitaker" named no one, so a misspelt greeting could not be checked."""
    entities = run("interviewed with mrs okafor at the library last tuesday", ("DATE", "last tuesday"))
    assert of(entities, "PERSON") == [("Mrs. Okafor", "interviewer")]
    assert of(run("can i attach it as an ms word file?"), "PERSON") == []
    assert of(run("the call is on ms teams"), "PERSON") == []


@pytest.mark.parametrize(
    "text",
    [
        "she said they'd get back to me within ten days, and that was about a week ago",
        "they told us a decision in two weeks, which was nine days ago",
    ],
)
def test_the_day_a_decision_period_was_said_is_the_interview_not_the_decision(text: str) -> None:
    """C44: "they'd decide within two weeks, and that was about a week ago" made a week ago the decision day."""
    period = "ten days" if "ten days" in text else "two weeks"
    said = "about a week ago" if "about" in text else "nine days ago"
    entities = run(text, ("DATE", period), ("DATE", said))
    assert of(entities, "DATE") == [(period, "decision"), (said, "interview")]


@pytest.mark.parametrize("text", ["ok draft it then, we email", "we usually email each other"])
def test_we_email_names_the_channel(text: str) -> None:
    """E04: "ok write it, we email" left the channel unknown."""
    assert ("email", None) in of(run(text), "channel")


def test_a_company_called_x_is_no_person_and_shouting_is_no_name() -> None:
    text = "interviewing at a startup called Lumora, the final round is with the CEO, Jonas Wirth"
    entities = run(text, ("PERSON", "Lumora"), ("PERSON", "Jonas Wirth"))
    assert of(entities, "PERSON") == [("Jonas Wirth", "interviewer")] and ("Lumora", "company") in of(entities, "ORG")
    assert of(run("IM SO NERVOUS. interview on thursday", ("PERSON", "NERVOUS")), "PERSON") == []


def test_a_length_of_time_is_not_the_interview_day_unless_it_says_in() -> None:
    assert of(run("is it too late after 10 days?", ("DATE", "10 days")), "DATE") == [("10 days", "other")]
    assert of(run("my interview is in 2 days", ("DATE", "2 days")), "DATE") == [("2 days", "interview")]
    moved = "it's been moved to six days from now"
    assert of(run(moved, ("DATE", "six days")), "DATE") == [("six days", "interview")]


def test_senior_interviewer_and_settled_details_are_facts() -> None:
    assert of(run("The final round is with the CEO, Jonas Wirth."), "senior_interviewer") == [("yes", None)]
    assert of(run("we already confirmed everything last week"), "already_settled") == [("yes", None)]
    assert of(run("I'm applying for VP of Finance, interview with the hiring manager"), "senior_interviewer") == []


def test_the_person_an_interview_is_said_to_be_with_is_the_interviewer_whatever_their_title() -> None:
    """Suite C07: "It's with <name>, the talent acquisition partner at ..." made her only the recruiter."""
    text = "The screen is with Rosa Lindqvist, the talent acquisition partner at Orchard & Vale, next Tuesday"
    assert of(run(text, ("PERSON", "Rosa Lindqvist")), "PERSON") == [("Rosa Lindqvist", "interviewer")]
    agency = "my recruiter set it up and the call is with my recruiter, Rosa Lindqvist, not the manager"
    assert of(run(agency, ("PERSON", "Rosa Lindqvist")), "PERSON") == [("Rosa Lindqvist", "recruiter")]
    said = "I have a phone screen with Rosa Lindqvist, a recruiter at Orchard & Vale"
    assert of(run(said, ("PERSON", "Rosa Lindqvist")), "PERSON") == [("Rosa Lindqvist", "recruiter")]


def test_lower_case_names_said_outright_are_people_with_their_role() -> None:
    people = of(run("you still have placeholders. interviewer = sophie turner, me = ben walsh"), "PERSON")
    assert people == [("Sophie Turner", "interviewer"), ("Ben Walsh", "self")]
    assert of(run("my name is very long"), "PERSON") == []


@pytest.mark.parametrize(
    "text",
    [
        "I want to ask if a THIRD follow up is too much",
        "I'd like to ask what the salary range is in the same email",
        "I also want to ask about a thank you note for today's interview",
    ],
)
def test_a_question_about_the_outreach_or_pay_is_not_put_in_the_draft(text: str) -> None:
    assert of(run(text), "own_question") == []


@pytest.mark.parametrize(
    ("text", "goals"),
    [
        ("thx note after interview tday w/ sarah kim, email pls", ["thank_you"]),
        ("no i want a THANK YOU email not a status check", ["thank_you"]),
        ("I already sent my thank-you note yesterday, should I follow up?", []),
        ("it's a status check, not a thank you note", []),
        ("honestly i just want to thank the hiring manager, she was lovely", ["thank_you"]),
        ("can you help me send my consultant a short thanks and say how it went", ["thank_you"]),
        ("not a chase, only a quick thank you and a bit of a debrief", ["thank_you"]),
        ("could she pass on my thanks to the panel?", ["thank_you"]),
        ("the agency said I may email the manager myself to say thank you", ["thank_you"]),
        ("ok thanks, that's all for now", []),
        ("met the plant manager at Dunmore Steel on friday and i'd like to thank him", ["thank_you"]),
        ("how do i thank them properly without sounding desperate", ["thank_you"]),
        ("i want to thank you for helping me with this", []),
        ("she said thanks for the update and nothing else", []),
    ],
)
def test_a_thank_you_asked_for_outright_is_the_goal_unless_done_or_unwanted(text: str, goals: List[str]) -> None:
    assert [value for value, _ in of(run(text), "goal")] == goals


def test_tday_is_today() -> None:
    assert ("tday", "interview") in of(run("thx note after interview tday"), "DATE")


def test_the_strength_stops_before_the_users_own_remark_about_it() -> None:
    """Blind b30a-11: 'AML transaction monitoring, I did that for 3 years ...' went into the draft as typed."""
    text = "we talked a lot about sanctions screening, I did that for 4 years at my old bank. I'm Ana Ruiz."
    assert of(run(text), "strength") == [("sanctions screening", None)]
    text = "we discussed my vendor onboarding work and i spent two years leading it"
    assert [value for value, _ in of(run(text), "strength")] == ["vendor onboarding work"]


def test_the_strength_stops_where_the_request_to_the_coach_begins() -> None:
    text = "we talked a lot about my experience migrating legacy ERP to NetSuite, can you use that as the strength"
    assert of(run(text), "strength") == [("migrating legacy ERP to NetSuite", None)]
    assert of(run("mention my experience with SQL dashboards please"), "strength") == [("SQL dashboards", None)]


def test_the_strength_stops_where_the_user_gives_their_name() -> None:
    text = "we talked about my grant writing for rural clinics, and I'm Ana Souza by the way"
    assert of(run(text), "strength") == [("grant writing for rural clinics", None)]


def test_a_clock_time_after_a_decision_cue_is_the_decision_time() -> None:
    text = "interview is tomorrow at 10am and they'll let me know by 5pm"
    assert of(run(text, ("TIME", "10am"), ("TIME", "5pm")), "TIME") == [("10am", "interview"), ("5pm", "decision")]


@pytest.mark.parametrize(
    "text, time",
    [
        ("should I still write tonight? it's already 8pm", "8pm"),
        ("is it rude to send this now, it is nearly 11 pm", "11 pm"),
        ("it's 10pm here, will she mind an email", "10pm"),
    ],
)
def test_the_users_own_clock_is_not_the_interview_time(text: str, time: str) -> None:
    assert of(run(text, ("TIME", time)), "TIME") == [(time, "today")]


def test_an_interview_time_after_its_is_still_the_interview() -> None:
    assert of(run("its at 3pm on friday", ("TIME", "3pm")), "TIME") == [("3pm", "interview")]


@pytest.mark.parametrize(
    "text, said",
    [
        ("I'll call her if she hasn't answered by Thursday afternoon", "Thursday afternoon"),
        ("if I still haven't heard anything by monday should I chase?", "monday"),
        ("what if he doesn't respond by the 9th", "the 9th"),
    ],
)
def test_the_users_own_if_nothing_by_plan_is_no_decision_date(text: str, said: str) -> None:
    assert of(run(text, ("DATE", said)), "DATE") == [(said, "other")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("got rejected after the second round, can I ask why?", [("second round", "final")]),
        ("it was only a phone screen with the recruiter", [("phone screen", "early")]),
        ("the interview went fine", []),
    ],
)
def test_how_far_the_user_got_is_an_entity(text: str, expected: list) -> None:
    assert [(text[e["start"] : e["end"]], e["value"]) for e in run(text) if e["entity"] == "stage_reached"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("my recruiter said it's fine to email the manager directly", ["yes"]),
        ("she never invited me to contact them, she only said it's ok to wait", ["no"]),
        ("is it ok to email the client?", []),
        ("Priya says the team lead is happy for me to email him with questions", ["yes"]),
        ("the client's HR lady emailed me herself asking when I'm free for round two", ["yes"]),
        ("via an agency, but I'm allowed to write to the manager", ["yes"]),
        ("the agency said I'm not allowed to contact the client", ["no"]),
        ("contact the hiring manager - my consultant said I could.", ["yes"]),
        ("my recruiter told me I could send the manager a thank-you myself", ["yes"]),
        # the user's own question is nobody's invitation; someone said to have said it is one
        ("so it's fine to go around my recruiter? she hasn't answered in a week", []),
        ("my consultant said it's fine to write to the team lead, is that right?", ["yes"]),
        ("nobody invited me to contact the manager, I found his address myself", ["no"]),
        ("the team lead asked me at the end to email her my portfolio", ["yes"]),
        # doubt that anyone allowed it is no invitation (suite C39)
        ("not sure anybody told me I could write to the client", ["no"]),
        ("I doubt anyone said I could email the manager", ["no"]),
        # blind 27d-06: a denial before the invitation's words ("nobody from <client> said I could") is no invitation
        ("is that right? nobody at Fernhill Foods said I could contact them", ["no"]),
        ("the panel chair never said it's fine to email her", ["no"]),
        ("Omar hasn't told me to reach out to the director", ["no"]),
        ("I wasn't sure at first, but the manager said I could contact her", ["yes"]),
        ("my consultant told me I can send a thank-you straight to the client's manager", ["yes"]),
        ("my consultant never told me I could send anything to the client", ["no"]),
        # h27-F: a recruiter's suggestion or go-ahead is an invitation (blind b30c-27, b30c-22)
        ("the consultant at hays suggested i reach out to the plant manager before thursday", ["yes"]),
        ("my recruiter sugested i email the ops director, can you write it", ["yes"]),
        ("Priya recommended that I email the head of sales to introduce myself", ["yes"]),
        ("my recruiter said the manager likes a linkedin note afterwards and told me to go ahead", ["yes"]),
        ("my recruiter never suggested i contact anyone at the client", ["no"]),
    ],
)
def test_an_invitation_to_contact_the_company_is_an_entity(text: str, expected: list) -> None:
    assert [e["value"] for e in run(text) if e["entity"] == "invited_to_contact"] == expected


@pytest.mark.parametrize(
    "span, kept",
    [
        ("no calls", True),
        ("only through the agency", True),
        ("hasn't told me", False),
        ("no", True),
    ],
)
def test_an_extractors_no_contact_is_kept_only_when_it_forbids_contact(span: str, kept: bool) -> None:
    text = f"the recruiter said {span} and that's all"
    message = Message.build(text)
    start = text.index(span)
    crf = {"entity": "no_contact", "value": span, "start": start, "end": start + len(span), "extractor": "CRF"}
    message.set("entities", [crf])
    EntityRoles({}).process([message])
    assert any(e["entity"] == "no_contact" and e.get("extractor") == "CRF" for e in message.get("entities")) is kept


def test_a_follow_up_already_sent_is_a_fact() -> None:
    assert "yes" in [e["value"] for e in run("I emailed again on friday, nothing") if e["entity"] == "followed_up"]


def agencies_kept(text: str, found: list, intent: str | None = None, confidence: float = 0.0) -> List[str]:
    """The extractor's `agency` mentions EntityRoles keeps, given the entities found and the intent."""
    message = Message.build(text)
    message.set("intent", {"name": intent, "confidence": confidence})
    entities = []
    for kind, value, *role in found:
        entity = {**spacy_entity(text, kind, value), "extractor": "CRFEntityExtractor" if kind == "agency" else "x"}
        entities.append({**entity, "role": role[0]} if role else entity)
    message.set("entities", entities)
    EntityRoles({}).process([message])
    return [e["value"] for e in message.get("entities") if e["entity"] == "agency"]


def test_an_agency_mention_in_an_agency_story_is_kept_but_not_a_piece_of_the_employers_name() -> None:
    text = "Working with Tom Becker from Hays, can I email the client's manager myself?"
    assert agencies_kept(text, [("agency", "Hays")], "agency_status", 0.49) == ["Hays"]
    said = "the company is Brightline Health"
    found = [("agency", "Health"), ("ORG", "Brightline Health")]
    assert agencies_kept(said, found, "agency_contact_company", 0.69) == []


def test_pieces_of_a_name_or_stray_words_are_no_agency_mentions() -> None:
    text = "My agency recruiter, Sam Whitfield at Robert Half, told me never to contact the client directly"
    found = [("agency", "Sam"), ("agency", "Robert Half"), ("agency", "the"), ("PERSON", "Sam Whitfield")]
    assert agencies_kept(text, found, "agency_contact_company", 0.99) == ["Robert Half"]


def test_where_the_agency_sent_the_user_is_no_agency_mention() -> None:
    text = "My recruiter Sam at Robert Half set it up. The interview at Larchmont Health was on Tuesday"
    found = [("agency", "Robert Half"), ("agency", "Larchmont Health")]
    assert agencies_kept(text, found, "agency_contact_company", 0.99) == ["Robert Half"]


@pytest.mark.parametrize(
    ("text", "value", "kept"),
    [
        ("my recruiter at Northpoint said to wait", "Northpoint", True),
        ("I got a call from Northpoint about the job", "Northpoint", False),
        ("placed by Kforce at a bank", "Kforce", True),
        ("found it through a head hunter", "head hunter", True),
    ],
)
def test_a_mention_without_an_agency_intent_needs_a_cue_a_staffing_word_or_a_known_name(
    text: str, value: str, kept: bool
) -> None:
    assert agencies_kept(text, [("agency", value)]) == ([value] if kept else [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the interview was great, thank you for your time today", [("thank you for your time", "for_meeting")]),
        ("ok to send a thx note tonight?", [("thx", "mention")]),
        ("should I follow up before thanksgiving?", []),
        ("what do I put in a thank you email?", []),  # the goal entity thank_you says it
    ],
)
def test_a_thank_you_is_an_entity(text: str, expected: list) -> None:
    assert [(text[e["start"] : e["end"]], e["value"]) for e in run(text) if e["entity"] == "thanks"] == expected


def test_a_channel_word_becomes_its_channel() -> None:
    text = "can I just text her?"
    message = Message.build(text)
    message.set("entities", [{**spacy_entity(text, "channel", "text"), "extractor": "CRFEntityExtractor"}])
    EntityRoles({}).process([message])
    assert [e["value"] for e in message.get("entities") if e["entity"] == "channel"] == ["phone"]


@pytest.mark.parametrize(
    ("text", "edits"),
    [
        ("can you make it less formal", ["casual"]),
        ("its too stiff, more casual pls", ["casual"]),
        ("hmm actually more formal again", ["formal"]),
        ("warmer pls", ["warmer"]),
        ("make it a linkedin message instead", ["linkedin"]),
        ("shorter and a bit friendlier?", ["warmer", "shorter"]),
        ("sign it with my name, Marta Silva", ["sign"]),
        ("is it ok to be formal with a recruiter?", []),
        ("not so formal pls", ["casual"]),
        ("could it be a bit more polite", ["formal"]),
        ("make it sound less desperate", ["warmer"]),
        ("please write it more simple, my english not so good", ["shorter"]),
        ("put that i have a drivers licence", ["add"]),
        ("ok I'll cut it down. should I send it by email?", []),
        ("i can make it shorter myself, thanks", []),
    ],
)
def test_edits_asked_of_the_draft_are_read(text: str, edits: List[str]) -> None:
    assert [value for value, _ in of(run(text), "edit")] == edits


def test_the_line_to_add_or_remove_is_kept_and_its_date_is_no_fact() -> None:
    entities = run("add that I'm available for a second interview on tuesday", ("DATE", "tuesday"))
    assert of(entities, "edit_text") == [("I'm available for a second interview on tuesday", "add")]
    assert of(entities, "DATE") == [("tuesday", "other")]
    removed = run("pls remove the line about when they decide")
    assert of(removed, "edit") == [("remove", None)] and of(removed, "edit_text") == [("when they decide", "remove")]


@pytest.mark.parametrize(
    "text, title",
    [
        ("got a call back for the night auditor job, where do i go from here", "night auditor"),
        ("i'm going for a 12 month gig as a forklift operator via Adecco", "forklift operator"),
        ("after my pharmacy technician interview on monday nobody called", "pharmacy technician"),
        ("Had a panel at Norrow Labs last week (research scientist), still waiting", "research scientist"),
        ("Quick one. Senior Planner at Halden Transit, interview done yesterday", "Senior Planner"),
        ("im an experienced payroll specialist, applying for a temp role through Hays", "payroll specialist"),
        ("a finalist for Head of Growth at Tallis, is it ok to email the CEO?", "Head of Growth"),
        ("interviewed at Brook Dental for front desk last friday, heard nothing", "front desk"),
        ("applied for the full-time bookkeeper position at Lark & Co", "bookkeeper"),
        ("I'm waiting on the hiring manager interview next week", None),
        ("can you keep the draft for later", None),
    ],
)
def test_job_titles_framed_as_the_users_own_post(text: str, title: str | None) -> None:
    roles = [value for value, _ in of(run(text), "role")]
    assert roles == ([title] if title else [])


@pytest.mark.parametrize(
    "text, found, expected",
    [
        ("hi my name is Ines, I interviewed with Tom", [("PERSON", "Ines"), ("PERSON", "Tom")], ("Tom", "interviewer")),
        ("my recruiter is kyle from randstad and he stopped answering", [], ("Kyle", "recruiter")),
        ("only have the agency number, her name Maribel", [], ("Maribel", "recruiter")),
        ("the agency is Hays, my recruiter is Dana Holt", [("ORG", "Dana Holt")], ("Dana Holt", "recruiter")),
    ],
)
def test_whose_name_it_is_when_told_with_is_or_name(text: str, found: list, expected: tuple) -> None:
    assert expected in of(run(text, *found), "PERSON")


def test_a_lower_case_compliment_is_not_a_name() -> None:
    assert of(run("the recruiter was lovely and quick to answer"), "PERSON") == []


def test_an_employer_written_to_by_name_with_a_plural_or_org_word() -> None:
    assert ("Birch Tutors", "company") in of(run("I emailed Birch Tutors twice about the job"), "ORG")
    assert of(run("I emailed Nora Quinn twice", ("PERSON", "Nora Quinn")), "ORG") == []


def test_followups_sent_are_counted_and_a_period_since_the_interview_dates_it() -> None:
    assert ("yes", None) in of(run("did two follow ups after the panel, nothing yet"), "followed_up")
    text = "it's been 6 days since my interview and still no word"
    assert of(run(text, ("DATE", "6 days")), "DATE") == [("6 days", "interview")]


def test_the_employer_named_before_the_word_interview() -> None:
    text = "my recruiter never got back to me about the Quillon Labs interview"
    assert ("Quillon Labs", "company") in of(run(text, ("role", "Quillon Labs")), "ORG")
    assert of(run(text, ("role", "Quillon Labs")), "role") == []
    assert of(run("how should I prep for the Zoom interview"), "ORG") == []


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("sorry, not Jon, Joan Palmer interviewed me", "PERSON", "Jon"),
        ("it's a week from today, not tomorrow", "DATE", "tomorrow"),
        ("it was not at Acme but at Globex", "ORG", "Acme"),
        ("the full in-person thing, not a quick screen", "interview_format", "quick screen"),
    ],
)
def test_an_entity_said_to_be_the_wrong_one_is_negated(text: str, kind: str, value: str) -> None:
    message = Message.build(text)
    message.set("entities", [spacy_entity(text, kind, value)])
    EntityRoles({}).process([message])
    assert (value, "negated") in of(message.get("entities"), kind)


def test_an_organisation_given_as_a_name_is_dropped() -> None:
    text = "the manager's name is Maud Sinclair, we emailed before"
    message = Message.build(text)
    message.set("entities", [spacy_entity(text, "ORG", "Maud Sinclair")])
    EntityRoles({}).process([message])
    assert of(message.get("entities"), "ORG") == []


@pytest.mark.parametrize(
    ("text", "value", "tense", "cue", "after_in"),
    [
        ("so i had my interview at the dental office on the 9th", "the 9th", "past", True, False),
        ("my interview is on the 24th", "the 24th", "future", True, False),
        ("they said i'd hear in two days", "two days", None, False, True),
        ("she put me right today", "today", None, False, False),
    ],
)
def test_what_the_words_around_a_date_say_is_in_its_additional_info(
    text: str, value: str, tense: str | None, cue: bool, after_in: bool
) -> None:
    message = Message.build(text)
    message.set("entities", [spacy_entity(text, "DATE", value)])
    EntityRoles({}).process([message])
    date = next(e for e in message.get("entities") if e["entity"] == "DATE" and e["value"] == value)
    info = date["additional_info"]
    assert {k: info[k] for k in ("tense", "interview_cue", "after_in")} == {
        "tense": tense,
        "interview_cue": cue,
        "after_in": after_in,
    }


@pytest.mark.parametrize(
    ("text", "value", "shape"),
    [
        ("they said they'd get back to me in 2-3 business days", "2-3 business days", "period"),
        ("the manager mentioned end of next week for a decision", "end of next week", "week"),
        ("hoping to hear by this thursday", "this thursday", "this_weekday"),
        ("got a call back from them on the 14th of january", "the 14th of january", "month_named"),
    ],
)
def test_the_shape_of_a_dates_own_words_is_in_its_additional_info(text: str, value: str, shape: str) -> None:
    message = Message.build(text)
    message.set("entities", [spacy_entity(text, "DATE", value)])
    EntityRoles({}).process([message])
    date = next(e for e in message.get("entities") if e["entity"] == "DATE" and e["value"] == value)
    flags = {k for k in ("period", "week", "this_weekday", "month_named") if date["additional_info"][k]}
    assert flags == {shape}


def test_an_all_lower_case_story_still_names_employer_title_and_people() -> None:
    text = (
        "panel interview yesterday at harlow county library for youth services librarian, "
        "3 ppl: ana ruiz, ben cole and the director cara holt"
    )
    found = run(text)
    assert ("Harlow County Library", "company") in of(found, "ORG")
    assert [value for value, _ in of(found, "role")] == ["youth services librarian"]
    assert {value for value, _ in of(found, "PERSON")} == {"Ana Ruiz", "Ben Cole", "Cara Holt"}
    assert of(run("interview yesterday at the clinic for front desk, super nervous"), "ORG") == []


def test_an_agency_said_not_to_be_one_is_negated() -> None:
    found = run("the recruiter (internal, not agency) said she'd call", ("agency", "agency"))
    assert of(found, "agency") == [("agency", "negated")]


@pytest.mark.parametrize(
    ("text", "org", "named_outright", "in_house", "employer_said"),
    [
        ("the interviewer is Laura Kim, Ridgeback is the company", "Ridgeback", True, False, True),
        ("the recruiter at Acme Corp told me to wait", "Acme Corp", True, True, False),
        ("the recruiter at Acme Corp placed me with a client", "Acme Corp", True, False, False),
        ("I emailed Dana about Ridgeback yesterday", "Ridgeback", False, False, False),
    ],
)
def test_what_the_words_around_an_organisation_say_is_in_its_additional_info(
    text: str, org: str, named_outright: bool, in_house: bool, employer_said: bool
) -> None:
    entity = next(e for e in run(text, ("ORG", org)) if e["entity"] == "ORG" and e["value"] == org)
    expected = {"named_outright": named_outright, "in_house": in_house, "employer_said": employer_said}
    assert entity["additional_info"] == expected


def test_a_weekday_in_brackets_after_a_day_of_the_month_restates_it() -> None:
    text = "My interview was on the 19th (Thursday) with Greg"
    dates = of(run(text, ("DATE", "the 19th"), ("DATE", "Thursday")), "DATE")
    assert [value for value, _ in dates] == ["the 19th"]


def test_a_weekday_in_brackets_after_tomorrow_restates_it() -> None:
    dates = of(
        run("my onsite is tomorrow (Tuesday) at their office", ("DATE", "tomorrow"), ("DATE", "Tuesday")), "DATE"
    )
    assert [value for value, _ in dates] == ["tomorrow"]


@pytest.mark.parametrize(
    "text, done",
    [
        ("I already sent a thank-you, so what now", True),
        ("my thank you note went out that evening", True),
        ("should I send a thank you tonight?", False),
    ],
)
def test_a_thank_you_already_sent_is_a_fact(text: str, done: bool) -> None:
    assert bool(of(run(text), "thanked_already")) is done


@pytest.mark.parametrize(
    "text, said, negated",
    [
        ("I'm NOT working with a staffing agency", "staffing agency", True),
        ("direct application, no agency", "agency", True),
        ("there's no recruiter or agency involved", "agency", True),
        ("the agency never called back", "agency", False),
        ("I went through an agency, not directly", "agency", False),
    ],
)
def test_an_agency_said_not_to_be_there_is_negated(text: str, said: str, negated: bool) -> None:
    assert (of(run(text, ("agency", said)), "agency")[0][1] == "negated") is negated


def test_rejections_elsewhere_and_the_users_own_deadline_are_not_facts_of_this_job() -> None:
    assert of(run("been rejected like 20 times this year, so nervous for thursday"), "rejected") == [("no", None)]
    dates = of(run("if he hasn't replied by Friday should I call?", ("DATE", "Friday")), "DATE")
    assert dates == [("Friday", "other")]


@pytest.mark.parametrize(
    "text, found, expected",
    [
        (
            "role is project engineer, recruiter is called marco. i emailed marco twice",
            [("ORG", "marco")],
            [("Marco", "recruiter")],
        ),
        ("no!! marco is the RECRUITER, siemens is the company", [], [("Marco", "recruiter")]),
        ("Grace Liu is my recruiter and she rang me today", [("PERSON", "Grace Liu")], [("Grace Liu", "recruiter")]),
        ("the recruiter's name is Sophie Grant", [("ORG", "Sophie Grant")], [("Sophie Grant", "recruiter")]),
        ("the hiring manager is called raj", [], [("Raj", "interviewer")]),
        ("the recruiter is called nadine, and the company is Halden Logistics", [], [("Nadine", "recruiter")]),
    ],
)
def test_a_person_said_to_be_the_recruiter_or_the_interviewer_keeps_that_part(
    text: str, found: list, expected: list
) -> None:
    entities = run(text, *found)
    assert of(entities, "PERSON") == expected
    assert not [org for org, _ in of(entities, "ORG") if org.lower() == expected[0][0].lower()]


def test_an_organisation_said_to_be_the_agency_is_the_agency() -> None:
    text = "hudson is the agency, EY is the company."
    assert sorted(of(run(text, ("ORG", "hudson"), ("ORG", "EY")), "ORG")) == [("EY", "company"), ("hudson", "agency")]


def test_the_employer_of_a_job_stays_the_company_in_an_agency_story() -> None:
    text = "im working with an agency for a job at siemens. recruiter has gone quiet"
    assert of(run(text, ("ORG", "siemens")), "ORG") == [("siemens", "company")]


def test_a_lower_case_recruiter_name_before_what_they_said() -> None:
    text = "had a client interview via robert half. recruiter kevin said they'd decide by the 20th"
    assert of(run(text), "PERSON") == [("Kevin", "recruiter")]
    assert of(run("my recruiter has gone quiet and never said anything"), "PERSON") == []
    assert of(run("my agency recruiter hasn't told me anything since the interview"), "PERSON") == []


def test_the_clients_own_hr_person_is_not_the_agency_recruiter() -> None:
    text = "update: deloitte's HR person (Laura Chen) just emailed me herself about a second interview"
    assert of(run(text, ("PERSON", "Laura Chen")), "PERSON") == [("Laura Chen", "company_hr")]
    text = "my recruiter's HR colleague? no: the recruiter (Laura Chen) emailed me"
    assert of(run(text, ("PERSON", "Laura Chen")), "PERSON") == [("Laura Chen", "recruiter")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("should I send the thank-you today or tomorrow?", ["thank_you"]),
        ("can I send Hannah a quick thank you", ["thank_you"]),
        ("I already sent the thank-you yesterday", []),
        ("should I send a thank you for the update?", []),
        ("my main question was the thank you to Hannah, she said it's fine", ["thank_you"]),
        ("can you write a proper thank-you to Hannah for this morning?", ["thank_you"]),
    ],
)
def test_asking_to_send_a_thank_you_names_the_goal(text: str, expected: list) -> None:
    assert [e["value"] for e in run(text) if e["entity"] == "goal"] == expected


def test_a_misspelt_recruiter_with_the_name_in_brackets_after_the_agency() -> None:
    text = "my recrutier at Hudson (Grace Liu) rang to say the client, Ernst & Young, went with someone else"
    entities = run(text, ("ORG", "Hudson (Grace Liu"), ("ORG", "Ernst & Young"))
    assert sorted(of(entities, "ORG")) == [("Ernst & Young", "company"), ("Hudson", "agency")]
    assert of(entities, "PERSON") == [("Grace Liu", "recruiter")]


def test_an_agency_said_outright_in_lower_case() -> None:
    assert of(run("hudson is the agency, EY is the company.", ("ORG", "EY")), "ORG") == [
        ("EY", "company"),
        ("hudson", "agency"),
    ]


def test_the_organisation_of_a_named_recruiter_is_the_agency() -> None:
    text = "my recruiter Amal Haddad at Morgan McKinley said Zurich Insurance picked someone else"
    orgs = of(run(text, ("PERSON", "Amal Haddad"), ("ORG", "Morgan McKinley"), ("ORG", "Zurich Insurance")), "ORG")
    assert sorted(orgs) == [("Morgan McKinley", "agency"), ("Zurich Insurance", "company")]


def test_an_agency_named_after_the_word_and_my_contact_there() -> None:
    text = "it came through a recruitment agency, Harnham, my contact there is Sophie Grant. She said so."
    entities = run(text, ("ORG", "Sophie Grant"))
    assert of(entities, "ORG") == [("Harnham", "agency")]
    assert of(entities, "PERSON") == [("Sophie Grant", "recruiter")]


def test_the_words_of_a_line_to_remove_are_no_question_of_the_users() -> None:
    entities = run("take out the bit asking when they decide, they already told me friday")
    assert of(entities, "edit") == [("remove", None)] and not of(entities, "own_question")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            'please delete the sentence "Could you pass it on? Thanks again." - no question',
            "Could you pass it on? Thanks again.",
        ),
        ("drop the job-search-was-rough line and mention the rebrand", "job-search-was-rough"),
        ("can u rewrite it w/o the pay stuff", "pay"),
    ],
)
def test_a_line_to_remove_is_read_quoted_named_before_line_or_after_without(text: str, words: str) -> None:
    assert (words, "remove") in of(run(text), "edit_text")


@pytest.mark.parametrize(
    "text", ["rewrite it so its calm pls", "can you make it calmer", "fix it please", "redo my email, less angry"]
)
def test_a_rewrite_with_no_change_named_is_an_edit(text: str) -> None:
    assert "rewrite" in [value for value, _ in of(run(text), "edit")] or "warmer" in [
        v for v, _ in of(run(text), "edit")
    ]


def test_ill_fix_it_myself_is_no_edit() -> None:
    assert not of(run("no worries, I'll fix it myself later"), "edit")


@pytest.mark.parametrize("text", ["address it to Dana Whitfield", "can you address the email to the hiring manager"])
def test_addressing_the_draft_is_no_question_about_the_address(text: str) -> None:
    assert not of(run(text), "question")


def test_the_mailbox_to_write_to_is_no_question_about_the_address() -> None:
    """Blind 27a-04: 'can I email that address to ask what to bring' drafted a question about the building."""
    text = "questions go to jobs@pellfield.org. can I email that address to ask if I should bring my ID?"
    assert of(run(text), "question") == [("bring", None)]


def test_a_missing_address_is_still_a_question() -> None:
    assert of(run("the invite has no address, what should I ask?"), "question") == [("location", None)]


@pytest.mark.parametrize(
    "text, person",
    [
        ("ok can u write the connection note? im jess ramirez", ("Jess Ramirez", "self")),
        ("thanks!! im priya", ("Priya", "self")),
        ("my name's tom btw", ("Tom", "self")),
        ("im chris mbeki, my number is 555-0147", ("Chris Mbeki", "self")),
        ("the recruiter is nina and she set it up", ("Nina", "recruiter")),
        ("its with lena hoffmann", ("Lena Hoffmann", "interviewer")),
        (
            "a phone screen wed at 9:30 with lena hoffmann, a recruiter at northgate insurance",
            ("Lena Hoffmann", "recruiter"),
        ),
    ],
)
def test_names_introduced_casually_in_lower_case(text: str, person: tuple) -> None:
    """Blind 23a-02/07: lower-case names after 'im', 'the recruiter is', 'its with' were lost."""
    assert person in of(run(text), "PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "im nervous lol",
        "im so nervous about it",
        "the recruiter is lovely",
        "its with the hiring manager",
        "im interviewing tmrw",
        "im a nurse",
        "im done lol",
        "i am really stressed",
        "im back again",
    ],
)
def test_words_after_im_or_is_that_are_no_names(text: str) -> None:
    """'im nervous', 'the recruiter is lovely': no person."""
    assert of(run(text), "PERSON") == []


def test_a_bare_hour_after_at_is_the_interview_time() -> None:
    """Blind 23a-05: "It's tomorrow at 11" left [time] in the draft."""
    assert of(run("It's tomorrow at 11. I only know the interviewer's name"), "TIME") == [("11", "interview")]
    assert of(run("I applied at 3 companies this week"), "TIME") == []


def test_a_lower_case_employer_keeps_its_second_word_and_you_is_never_one() -> None:
    """Blind 23a-07: 'northgate insurance' cut to 'Northgate'; 23e-02: 'interviewing with you' became the company."""
    orgs = [value for value, _ in of(run("a recruiter at northgate insurance called me"), "ORG")]
    assert orgs == ["Northgate Insurance"]
    assert of(run("hi tom, i saw im interviewing with you on tuesday for the job"), "ORG") == []


@pytest.mark.parametrize(
    "text, question",
    [
        ("the teams link in the invite gives me an error when I click it", "broken_link"),
        ("the zoom link doesn't work for me", "broken_link"),
        ("she never said which number she'll call me on or if i call her", "who_calls"),
        ("not sure who calls who for the phone screen", "who_calls"),
        ("they never sent the zoom link", "link"),
    ],
)
def test_the_practical_question_the_user_has(text: str, question: str) -> None:
    """Blind 23a-07/08: who calls whom and a broken link got 'anything to bring' and 'send me the link'."""
    assert [value for value, _ in of(run(text), "question")] == [question]


def test_a_question_to_the_coach_about_saying_hi_is_no_question_for_the_draft() -> None:
    """Blind 23a-04: 'whether I can say hi to Greg on LinkedIn' was pasted into the note to the recruiter."""
    text = "My question is whether I can say hi to Greg on LinkedIn even though the invite said not to."
    assert of(run(text), "own_question") == []
    panel = "Can I ask Nadia through the portal who'll be on the panel?"
    assert [value for value, _ in of(run(panel), "question")] == ["people"]


def test_an_organisation_with_a_title_after_it_is_a_person() -> None:
    """Blind 23a-09: 'with Rafael Costa (Head of Marketing) at Verdant Foods' made Rafael Costa the company."""
    text = "interview Thursday with Rafael Costa (Head of Marketing) at Verdant Foods for a Marketing Coordinator role"
    found = run(text, ("ORG", "Rafael Costa"), ("ORG", "Verdant Foods"))
    assert of(found, "PERSON") == [("Rafael Costa", "interviewer")]
    assert of(found, "ORG") == [("Verdant Foods", "company")]
    other = run("interview at Northwind (the recruiter said hi)", ("ORG", "Northwind"))
    assert of(other, "ORG") == [("Northwind", "company")]


def test_my_full_name_is_the_user() -> None:
    assert of(run("my full name is Aisha Bello", ("PERSON", "Aisha Bello")), "PERSON") == [("Aisha Bello", "self")]


@pytest.mark.parametrize(
    "text",
    ["Also can we move it to 4pm instead? Thanks!", "I need to reschedule it for 4pm", "could it be 4pm instead"],
)
def test_the_time_the_user_wants_instead_is_not_the_interviews(text: str) -> None:
    """Blind 23a-09: 'can we move it to 4pm instead?' became 'we're meeting ... at 4 pm'."""
    assert of(run(text), "TIME") == [("4pm", "other")]


@pytest.mark.parametrize(
    ("text", "strength"),
    [
        (
            "we talked a lot about forecasting demand with SQL and Python … can you put that in?",
            "forecasting demand with SQL and Python",
        ),
        (
            "I have five years of experience in AML transaction monitoring - please mention that in the note.",
            "AML transaction monitoring",
        ),
        ("Replace [a strength you discussed] with: supplier negotiations", "supplier negotiations"),
        ("the strength: design systems", "design systems"),
    ],
)
def test_the_strength_is_read_in_the_ways_users_give_it(text: str, strength: str) -> None:
    assert [value for value, _ in of(run(text), "strength")] == [strength]


@pytest.mark.parametrize("text", ["we talked for an hour and it went well", "I have experience in retail but it's new"])
def test_no_strength_without_a_request_or_a_topic(text: str) -> None:
    assert not of(run(text), "strength")


@pytest.mark.parametrize(
    "text",
    [
        "please add the forecasting bit to the thank you email",
        "address it to Kelly Tran please, not Marcus, and mention the other offer",
        "great, please mention that in the note",
    ],
)
def test_a_reference_to_something_said_is_no_line_to_add(text: str) -> None:
    entities = run(text)
    assert not of(entities, "edit_text") and ("location", None) not in of(entities, "question")


def test_a_real_line_to_add_is_still_read() -> None:
    assert of(run("can you add that I'm free on Tuesday afternoons"), "edit_text") == [
        ("I'm free on Tuesday afternoons", "add")
    ]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("and at what point do i just assume its a no", "give_up"),
        ("when should I move on?", "give_up"),
        ("Should I email Marcus or Kelly?", "who_to_write"),
        ("should I still write to Priya or to Dana?", "who_to_write"),
        ("ok but is it even a good idea to send it to Mike at all, since Adecco placed me?", "who_to_write"),
        ("is emailing the hiring manager a good idea while the agency represents me?", "who_to_write"),
        ("can I contact the client myself when my recruiter put me forward?", "who_to_write"),
        ("ok so Marta or Jonas?", "who_to_write"),
        ("HR sent the no, but she ran the interview. so Marta or Jonas? I can't decide", "who_to_write"),
        ("would it be fine to email Lena rather than the HR team?", "who_to_write"),
        ("can I message him, or stick with the recruiter?", "who_to_write"),
        ("is there any point asking them to reconsider me", "reconsider"),
        ("do I mention the other interview I have next week?", "other_offer"),
        ("a bank offered me a job, should I let them know about the competing offer?", "other_offer"),
        ("so what's the exact day I should follow up?", "write_date"),
        ("which date can I send it", "write_date"),
    ],
)
def test_questions_about_silence_and_whom_to_write(text: str, topic: str) -> None:
    assert (topic, None) in of(run(text), "topic")


def test_a_plain_request_through_the_agency_is_no_question_of_whom_to_write() -> None:
    assert ("who_to_write", None) not in of(run("the agency placed me there last year and I liked it"), "topic")
    assert ("who_to_write", None) not in of(run("can you write a note to my recruiter please"), "topic")


@pytest.mark.parametrize(
    "text", ["call or email?", "today or tomorrow?", "linkedin or email?", "it went ok. Now or later?"]
)
def test_a_choice_of_channel_or_day_is_no_question_of_whom_to_write(text: str) -> None:
    assert ("who_to_write", None) not in of(run(text), "topic")


def test_the_person_to_greet_is_marked_as_the_addressee() -> None:
    text = "Sam is the person who interviewed me, start it with Hi Sam"
    people = [e for e in run(text, ("PERSON", "Sam")) if e["entity"] == "PERSON"]
    assert people and all(p["role"] == "interviewer" and p["additional_info"]["greeted"] for p in people)


def test_a_lowercase_full_name_after_the_hiring_manager_was() -> None:
    assert of(run("cool thx. the hiring manager was dana whitfield and im jordan lee"), "PERSON") == [
        ("Dana Whitfield", "interviewer"),
        ("Jordan Lee", "self"),
    ]
    assert not of(run("the hiring manager was super nice and funny"), "PERSON")


def test_a_name_spacy_took_for_a_company_is_a_person_before_their_title() -> None:
    text = "I had a final-round interview with Helena Vogt, Head of Product at Lumio GmbH, last Thursday"
    entities = run(text, ("ORG", "Helena Vogt"), ("ORG", "Lumio GmbH"))
    assert of(entities, "PERSON") == [("Helena Vogt", "interviewer")]
    assert of(entities, "ORG") == [("Lumio GmbH", "company")]


def test_a_full_name_closing_a_meeting_clause_is_the_interviewer_even_when_spacy_said_company() -> None:
    text = "The panel interview at Harlow Foods was last month with Irene Costa. Still nothing, shall I write?"
    entities = run(text, ("ORG", "Harlow Foods"), ("ORG", "Costa"))
    assert of(entities, "PERSON") == [("Irene Costa", "interviewer")]
    assert ("Costa", "company") not in of(entities, "ORG")
    reply = run("please write the follow-up, it was with Tomas Berg", ("ORG", "Tomas Berg"))
    assert of(reply, "PERSON") == [("Tomas Berg", "interviewer")]
    assert of(run("I interviewed with Brennan Freight.", ("ORG", "Brennan Freight")), "PERSON") == []


def test_a_greeting_is_no_company_and_a_lowercase_named_person_is_read() -> None:
    text = "hii so i interviewd w/ a hiring manger named grace at tealwave marketing on the 10th"
    entities = run(text, ("ORG", "hii"))
    assert not [value for value, _ in of(entities, "ORG") if value.lower() == "hii"]
    assert ("Grace", "interviewer") in of(entities, "PERSON")


def test_they_did_not_reject_me_is_no_rejection() -> None:
    assert ("no", None) in of(run("hold on, they didn't reject me, I'm still waiting"), "rejected")


def test_an_employer_named_for_another_job_is_not_this_case_s() -> None:
    text = "Totally unrelated: could you help me write a cover letter for a different job at Siemens?"
    assert of(run(text, ("ORG", "Siemens")), "ORG") == [("Siemens", "other")]
    assert of(run("I interviewed at Siemens yesterday", ("ORG", "Siemens")), "ORG") == [("Siemens", "company")]


def test_sign_it_with_a_lowercase_name_and_a_strength_before_you_can_mention_that() -> None:
    assert of(run("sign it priya nair"), "PERSON") == [("Priya Nair", "self")]
    text = "we talked mostly about my experience scaling a B2B onboarding flow, you can mention that."
    assert of(run(text), "strength") == [("scaling a B2B onboarding flow", None)]


@pytest.mark.parametrize(
    "text",
    [
        "thursday afternoon, with the head of design at a startup called Pixelwise. ux designer position",
        "you missed the company, it's Pixelwise. also my bad",
    ],
)
def test_the_employer_named_outright_in_chat_words(text: str) -> None:
    assert of(run(text), "ORG") == [("Pixelwise", "company")]


def test_a_job_title_the_model_read_across_the_named_employer_stays() -> None:
    text = "with the head of design at a startup called Pixelwise. ux designer position"
    start = text.index("Pixelwise")
    message = Message.build(text)
    message.set("entities", [{"entity": "role", "value": "UX designer", "start": start, "end": len(text) - 9}])
    EntityRoles({}).process([message])
    found = of(message.get("entities"), "role") + of(message.get("entities"), "ORG")
    assert ("UX designer", None) in found and ("Pixelwise", "company") in found


@pytest.mark.parametrize(
    "text, words, kind",
    [
        (
            "remove the line 'Please let me know by Friday.' and add a line about the demo",
            "Please let me know by Friday.",
            "remove",
        ),
        ("take out 'I'd like to confirm the time' please", "I'd like to confirm the time", "remove"),
        ("drop the sentence confirming the time (it's already confirmed), and fix the name", "the time", "remove"),
        (
            "add that i enjoyed hearing about the kafka migration, and sign it sam okoro",
            "i enjoyed hearing about the kafka migration",
            "add",
        ),
    ],
)
def test_the_line_named_stops_where_the_next_request_starts(text: str, words: str, kind: str) -> None:
    assert (words, kind) in of(run(text), "edit_text")


@pytest.mark.parametrize(
    "text",
    ["please write a fresh thank-you email from scratch, don't reuse my draft", "can you give me a new one instead"],
)
def test_asking_for_a_fresh_draft_is_read(text: str) -> None:
    assert "fresh" in [value for value, _ in of(run(text), "edit")]


@pytest.mark.parametrize(
    "text", ["TODAY. in 20 min!!", "my teams interview starts in 20 minutes", "it's in half an hour"]
)
def test_an_interview_minutes_away_is_today(text: str) -> None:
    assert "today" in [value.lower() for value, _ in of(run(text), "DATE")]


def test_an_interview_with_another_employer_is_not_the_interview() -> None:
    text = "Last Wednesday I had my second interview with Elena. Should I say I have an interview elsewhere on Friday?"
    dates = of(run(text, ("DATE", "Last Wednesday"), ("DATE", "Friday")), "DATE")
    assert ("Last Wednesday", "interview") in dates and ("Friday", "interview") not in dates


def test_an_interview_word_after_the_end_of_the_sentence_is_no_cue_for_the_date() -> None:
    text = "so today then? ok. it was with jon petrakis at greenleaf"
    (info,) = [e["additional_info"] for e in run(text, ("DATE", "today")) if e["entity"] == "DATE"]
    assert info["interview_cue"] is False


@pytest.mark.parametrize(
    "text",
    [
        "my recruiter at adecco is Tasha. interview was nov 16 at Coastal Freight. write me the message to Tasha then",
        "My consultant from Hays is Tasha Green and the client is Coastal Freight",
    ],
)
def test_a_recruiter_named_after_their_agency_is_a_person_not_an_organisation(text: str) -> None:
    name = "Tasha Green" if "Green" in text else "Tasha"
    entities = run(text, ("ORG", name), ("ORG", "Coastal Freight"))
    assert (name, "recruiter") in of(entities, "PERSON")
    assert name not in [value for value, _ in of(entities, "ORG")]


def test_a_word_about_the_recruiter_after_their_agency_is_no_name() -> None:
    assert not of(run("my recruiter at adecco is slow to reply"), "PERSON")


def test_the_person_a_note_goes_to_is_never_the_user_even_next_to_my_name() -> None:
    text = "can you put my name in the note to Danielle and mention she told me I'd hear by friday?"
    people = of(run(text, ("PERSON", "Danielle")), "PERSON")
    assert people and all(role != "self" for _, role in people)
    assert of(run("my name is Danielle", ("PERSON", "Danielle")), "PERSON") == [("Danielle", "self")]


def test_quotes_around_a_date_are_no_part_of_it() -> None:
    text = "she said I'd hear 'early next week' which would be now-ish"
    dates = of(run(text, ("DATE", "early next week'")), "DATE")
    assert dates == [("early next week", "decision")]


@pytest.mark.parametrize(
    ("text", "words", "at"),
    [
        (
            "pls add a line: I was keen to hear about the Kafka move and would like to help.",
            "I was keen to hear about the Kafka move and would like to help.",
            None,
        ),
        ("could u add a line at the start: Thanks for the quick reply.", "Thanks for the quick reply.", "start"),
        (
            "put back 'Thanks for letting me know, and for your time.' at the top",
            "Thanks for letting me know, and for your time.",
            "start",
        ),
        (
            "add one sentence at the end saying I hope to hear about next steps?",
            "I hope to hear about next steps",
            "end",
        ),
        ("can you add a line: Any news from the panel after Monday?", "Any news from the panel after Monday?", None),
    ],
)
def test_a_line_to_add_is_its_words_only_with_the_place_asked(text: str, words: str, at: str | None) -> None:
    entities = run(text)
    assert of(entities, "edit") == [("add", None)] and (words, "add") in of(entities, "edit_text")
    assert [value for value, role in of(entities, "edit_text") if role == "at"] == ([at] if at else [])


def test_change_x_to_y_gives_each_pair_quoted_or_not() -> None:
    entities = run("change 'Monday' to 'Wednesday' and 'Acme Enegry' to 'Acme Energy' in the body")
    assert of(entities, "edit") == [("replace", None), ("replace", None)]
    assert of(entities, "edit_text") == [
        ("Monday", "replace"),
        ("Wednesday", "with"),
        ("Acme Enegry", "replace"),
        ("Acme Energy", "with"),
    ]
    assert of(run("pls change friday to monday"), "edit_text") == [("friday", "replace"), ("monday", "with")]
    assert not [v for v, _ in of(run("change it to a linkedin message"), "edit") if v == "replace"]
    assert not of(run("can you change the tone to something warmer"), "edit_text")


@pytest.mark.parametrize("text", ["make it a short text msg", "can u turn it into a text", "text message version pls"])
def test_a_text_message_version_is_an_edit(text: str) -> None:
    assert ("text", None) in of(run(text), "edit")


def test_nvm_ill_just_text_her_is_no_edit() -> None:
    assert not of(run("nvm ill just text her. cya"), "edit")


def test_the_sentence_that_starts_with_is_the_words_it_starts_with() -> None:
    entities = run('just remove the sentence that starts with "I\'d also like to ask"')
    assert of(entities, "edit_text") == [("I'd also like to ask", "remove")]


@pytest.mark.parametrize(
    ("text", "old", "new"),
    [
        (
            "it says 'data analist role', should just be 'Data Analyst role'. thx",
            "data analist role",
            "Data Analyst role",
        ),
        (
            "it reads 'my background in was my 3 years in retail', not english. should be 'my 3 years in retail'",
            "my background in was my 3 years in retail",
            "my 3 years in retail",
        ),
        (
            "just say 'later this month' in the note instead of 'Monday 14 December'",
            "Monday 14 December",
            "later this month",
        ),
        ("I don't think 'Hey Omar' should be 'Hello Omar'", "Hey Omar", "Hello Omar"),
    ],
)
def test_words_of_the_draft_said_to_be_wrong_are_a_change_to_the_right_words(text: str, old: str, new: str) -> None:
    entities = run(text)
    assert ("replace", None) in of(entities, "edit")
    assert (old, "replace") in of(entities, "edit_text") and (new, "with") in of(entities, "edit_text")


def test_a_line_that_starts_with_it_is_still_a_line_and_put_quoted_at_the_end_is_an_add() -> None:
    said = of(run("reads a bit odd, and add that it's about the site lead interview on the 9th"), "edit_text")
    assert said == [("it's about the site lead interview on the 9th", "add")]
    put = of(run("hmm - put 'Thanks again for your time.' at the end"), "edit_text")
    assert put == [("Thanks again for your time.", "add"), ("end", "at")]
    assert not of(run("can you add it"), "edit_text")


def test_a_question_inside_a_line_to_add_is_that_lines_words_not_the_drafts_question() -> None:
    entities = run("the interview is at 9am. pls add asking if i need to bring my id")
    assert of(entities, "question") == [("bring", "line")]
    assert [role for _, role in of(entities, "own_question")] == ["line"]


@pytest.mark.parametrize(
    "text",
    [
        "scrap mine, just write me a fresh linkedin note for Omar",
        "I mean your own template please, not my edited draft",
        "give me a brand new thank-you email",
    ],
)
def test_asking_for_the_coachs_own_draft_instead_of_the_users_is_fresh(text: str) -> None:
    assert ("fresh", None) in of(run(text), "edit")


def test_praise_for_the_coachs_version_is_no_edit() -> None:
    assert not of(run("your version is great thanks"), "edit")


def test_words_put_after_words_of_the_draft_are_a_change_there_not_a_line() -> None:
    entities = run("ok now put 'at 3:30 pm' after 'Monday 7 December'")
    assert of(entities, "edit") == [("replace", None)]
    assert of(entities, "edit_text") == [("Monday 7 December", "replace"), ("at 3:30 pm", "with"), ("after", "at")]


def test_a_quoted_sentence_named_with_an_adjective_is_the_line_to_remove() -> None:
    text = "and delete the weird sentence 'I'd also like to ask if they've decided', it repeats itself"
    assert of(run(text), "edit_text") == [("I'd also like to ask if they've decided", "remove")]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("could you redo it keeping just the parking question?", "parking"),
        ("only keep the dress code one", "dress code"),
    ],
)
def test_keeping_just_one_question_names_it(text: str, words: str) -> None:
    assert (words, "keep") in of(run(text), "edit_text")


def test_wanting_both_questions_in_the_draft_is_a_change_to_it() -> None:
    assert ("rewrite", None) in of(run("no wait, i need both questions in there"), "edit")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("can you make it shorter? keep the kafka bit", "kafka"),
        ("shorter but don't drop the portfolio part", "portfolio"),
    ],
)
def test_a_part_to_keep_while_shortening_names_it(text: str, words: str) -> None:
    entities = run(text)
    assert ("retain", None) in of(entities, "edit") and (words, "retain") in of(entities, "edit_text")


@pytest.mark.parametrize(
    "text, to_recruiter",
    [
        ("can I at least email HR, it was a woman called Denise Carter, to ask where to park?", True),
        ("I just want a short email to Denise Carter in HR confirming the time", True),
        ("you're not listening. HR is allowed. only the hiring manager is off limits.", True),
        ("could I message the recruiter instead about the dress code", True),
        ("HR said please do not contact the hiring manager directly", False),
        ("should I email the hiring manager before the interview?", False),
        # blind 27a-04 and 27a-13: the address the letter names for queries, and the agency's own recruiter
        ("fine, the panel is off limits, but may I write to the careers@ address about my ID?", True),
        ("so I can email hr@northvale.gov with a question about parking?", True),
        ("surely I can message my own recruiter and ask what the manager is like?", True),
        ("queries go to jobs@harlowtrust.org, not the panel. ok to email that address about my ID?", True),
        ("I found the panel chair's address online, can I email that address to introduce myself?", False),
    ],
)
def test_a_message_for_hr_or_the_recruiter_is_a_fact(text: str, to_recruiter: bool) -> None:
    assert bool(of(run(text), "to_recruiter")) is to_recruiter


@pytest.mark.parametrize(
    "text",
    [
        "I haven't followed up about the decision. I only sent a thank-you note.",
        "my email on the 24th was really just a thank-you, does that change things?",
    ],
)
def test_only_a_thank_you_sent_is_no_follow_up(text: str) -> None:
    entities = run(text)
    assert of(entities, "followed_up") == [("no", None)]
    assert of(entities, "thanked_already")


@pytest.mark.parametrize(
    "text, senior",
    [
        ("Panel is the VP of Engineering (Dr. Helen Strauss), a senior engineer and someone from HR.", True),
        ("my final round is with the CEO, Aarav Mehta, on Friday", True),
        ("I'm meeting the vice president of sales next week", True),
        ("the interview is with a senior engineer on the platform team", False),
    ],
)
def test_a_vp_or_ceo_is_a_senior_interviewer(text: str, senior: bool) -> None:
    assert bool(of(run(text), "senior_interviewer")) is senior


@pytest.mark.parametrize(
    "text, asks",
    [
        ("she mentioned a short presentation but gave no details. can I ask what it should cover?", True),
        ("if I wait I'll only have 2 days to build the presentation", True),
        ("the presentation went well yesterday, thanks", False),
    ],
)
def test_a_presentation_to_prepare_is_a_practical_question(text: str, asks: bool) -> None:
    assert (("presentation", None) in of(run(text), "question")) is asks


def test_off_limits_is_never_a_name() -> None:
    assert of(run("you're not listening. HR is allowed. only the hiring manager is off limits."), "PERSON") == []


def test_no_email_address_outranks_the_models_email() -> None:
    text = "i don't actually have her email, the invite came from a no-reply scheduling tool"
    entities = run(text, ("channel", "email"))
    assert of(entities, "channel") == [("none", None)]
    assert of(run("we have been emailing back and forth", ("channel", "emailing")), "channel") == [("email", None)]
    linkedin = "were only connected on linkedin, i dont have his email"
    assert of(run(linkedin, ("channel", "linkedin"), ("channel", "email")), "channel")[0] == ("linkedin", None)


def test_an_email_never_written_down_is_no_email_address() -> None:
    text = "I was driving so I didn't write down her name or email and there was no follow-up email"
    assert of(run(text), "channel") == [("none", None)]


def test_no_email_address_leaves_the_phone_they_called_from() -> None:
    text = "she called to schedule it, I didn't write down her name or email and there was no follow-up email"
    found = run(text, ("channel", "called"), ("channel", "email"))
    assert [value for value, _ in of(found, "channel")] == ["called"]


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("could I ask HR where guests should park at the main building?", "parking"),
        ("the zoom call is friday and I still don't have the link", "link"),
        ("please write her a quick note asking for the link", "link"),
    ],
)
def test_a_practical_question_is_named_by_what_it_asks(text: str, question: str) -> None:
    assert of(run(text), "question") == [(question, None)]


def test_asking_the_careers_inbox_is_writing_to_the_recruiter() -> None:
    assert ("yes", None) in of(run("may I ask the jobs inbox if they have lockers for bags?"), "to_recruiter")
    assert not of(run("the ad said to send any questions to the careers inbox"), "to_recruiter")
    assert not of(run("they told me not to contact the hiring team directly, can I?"), "to_recruiter")


def test_a_screen_already_held_is_no_format_of_the_interview_to_come() -> None:
    text = "During the phone screen he told me to write with questions before my interview next week."
    diet = {**spacy_entity(text, "interview_format", "phone screen"), "value": "screen", "extractor": "DIETClassifier"}
    message = Message.build(text)
    message.set("entities", [diet])
    EntityRoles({}).process([message])
    assert not of(message.get("entities"), "interview_format")
    ahead = "I have a phone screen on Friday, can I email before it?"
    diet = {**spacy_entity(ahead, "interview_format", "phone screen"), "value": "screen", "extractor": "DIETClassifier"}
    message = Message.build(ahead)
    message.set("entities", [diet])
    EntityRoles({}).process([message])
    assert of(message.get("entities"), "interview_format") == [("screen", None)]


def test_an_invitation_emailed_by_the_recruiter_makes_email_the_channel() -> None:
    assert of(run("the HR coordinator emailed me the booking last week"), "channel") == [("email", None)]


def test_a_name_after_the_recruiters_name_and_from_is_the_agency() -> None:
    """Suite GJ02: in 'the recruiter is Oskar from Reed' spaCy read the agency as a second person."""
    text = "my consultant is Lena from Brightwell, she called today"
    found = run(text, ("PERSON", "Lena"), ("PERSON", "Brightwell"))
    assert ("Brightwell", "agency") in of(found, "ORG")
    assert of(found, "PERSON") == [("Lena", "recruiter")]


def test_the_employer_an_agency_put_the_user_forward_to_is_the_company() -> None:
    """Suite GJ06: 'an agency put me forward to Tally Foods' made the employer the agency."""
    text = "a staffing agency submitted me to Corvane Plastics for a planner job"
    assert of(run(text, ("ORG", "Corvane Plastics")), "ORG") == [("Corvane Plastics", "company")]


@pytest.mark.parametrize(
    ("text", "fact", "expected"),
    [
        # only supposed: "what if", "if", "in case" open a clause whose fact is no fact
        ("and suppose I get a second offer next week, do I tell them?", "competing_offer", []),
        ("I get a second offer next week, do I tell them?", "competing_offer", ["yes"]),
        ("what if they've already turned me down and just not said so", "rejected", []),
        ("they've already turned me down and just not said so", "rejected", ["yes"]),
        ("if my recruiter tells me it's fine to email the manager, what would I write?", "invited_to_contact", []),
        # a fact told after the supposing clause, or an "if" that only asks, still counts
        ("if it helps, I got another offer from a bank on Monday", "competing_offer", ["yes"]),
        ("I was wondering if I should mention the other offer I'm holding", "competing_offer", ["yes"]),
        ("my recruiter told me it's fine to email the manager", "invited_to_contact", ["yes"]),
        # a denial is the value no, which clears the fact
        ("sorry, to be clear I haven't received any other offer", "competing_offer", ["no"]),
        ("there's no competing offer at all, I only asked", "competing_offer", ["no"]),
    ],
)
def test_a_supposed_fact_is_no_fact_and_a_denied_offer_is_no(text: str, fact: str, expected: list) -> None:
    """Blind 26b-11, 26c-11: 'what if I get another offer' and 'if Olu says it's fine ...' were stored as facts."""
    assert [e["value"] for e in run(text) if e["entity"] == fact] == expected


@pytest.mark.parametrize(
    ("text", "date", "role"),
    [
        ("could I send it this evening? otherwise I'll forget by Wednesday", "Wednesday", "other"),
        ("is a thank-you still fine if I send it now, before the 14th?", "the 14th", "other"),
        ("can I write now, before my interview on Friday?", "Friday", "interview"),
        ("the manager said they'd decide by Wednesday", "Wednesday", "decision"),
    ],
)
def test_a_date_the_user_names_in_passing_is_no_decision_or_interview_day(text: str, date: str, role: str) -> None:
    """Blind 26a-02, 26b-03: 'I'll forget by thursday' was the decision, 'now, before the 11th' the interview day."""
    assert of(run(text, ("DATE", date)), "DATE") == [(date, role)]


@pytest.mark.parametrize(
    "text, settled",
    [
        ("scratch that, the teams link was hiding in my junk folder all along", True),
        ("I found the invite after all", True),
        ("the interview was in the other building", False),
        ("I still don't have the link", False),
    ],
)
def test_what_the_user_meant_to_ask_for_turning_up_settles_the_details(text: str, settled: bool) -> None:
    """Blind B02: 'never mind, it was in my spam folder' was a fallback instead of 'no need to send anything'."""
    assert [e["value"] for e in run(text) if e["entity"] == "already_settled"] == (["yes"] if settled else [])


def test_their_word_that_nothing_needs_confirming_settles_the_details() -> None:
    """Blind 26a-08: the manager's 'no need to confirm, see you monday' still got 'ask it now'."""
    text = "the office manager sent directions and said there's no need to reply, see you tuesday"
    assert [e["value"] for e in run(text) if e["entity"] == "already_settled"] == ["yes"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("shorten it a bit but keep the line about the Kubernetes migration", "the Kubernetes migration"),
        ("trim it, keep the mention of Priya and the onboarding plan", "Priya and the onboarding plan"),
        ("keep the bit on my CPA exam and add that I can start in March", "my CPA exam"),
    ],
)
def test_keeping_the_line_about_something_is_read_as_a_part_to_keep(text: str, words: str) -> None:
    """Blind 27e-01/05/11: 'keep the bit about the AWS certification' was not read, and the line went."""
    assert (words, "retain") in of(run(text), "edit_text")


@pytest.mark.parametrize("text", ["could you cut this down roughly in half", "can you halve it", "cut it in half pls"])
def test_cutting_it_in_half_is_a_shorter_draft(text: str) -> None:
    assert "shorter" in [value for value, _ in of(run(text), "edit")]


def test_a_question_said_to_replace_the_drafts_one_is_marked_instead() -> None:
    (found,) = [e for e in run("can it ask about parking instead?") if e["entity"] == "question"]
    assert found["value"] == "parking" and found["role"] == "instead"
    (plain,) = [e for e in run("and I'd also like to ask whether there's parking") if e["entity"] == "question"]
    assert plain.get("role") is None


@pytest.mark.parametrize(
    ("text", "name"),
    [("ok address it to rosalind then. I'm Kayla", "Rosalind"), ("can you address the email to tomasz", "Tomasz")],
)
def test_a_lowercase_name_the_draft_is_addressed_to_is_its_reader(text: str, name: str) -> None:
    """Blind 27b-05: 'address it to brenda then' (lower case) was not read; the same words capitalised were."""
    people = [e for e in run(text) if e["entity"] == "PERSON" and e["value"] == name]
    assert people and people[0]["role"] == "interviewer" and people[0]["additional_info"]["addressee"] is True


@pytest.mark.parametrize(
    ("text", "strength"),
    [
        (
            "we talked a lot about how I rebuilt the returns portal in React at my old job, she seemed keen on that",
            "rebuilding the returns portal in React at my old job",
        ),
        ("we talked about how I automated the weekly stock count, he loved it", "automating the weekly stock count"),
    ],
)
def test_a_strength_told_as_a_story_reads_as_experience_without_the_aside(text: str, strength: str) -> None:
    """Blind 27b-01: 'my experience in how I rebuilt ... at my last job, you seemed to like th' went into the draft."""
    assert of(run(text), "strength") == [(strength, None)]


def test_a_strength_cut_at_its_length_limit_ends_on_a_whole_word() -> None:
    text = (
        "we talked about my experience migrating payroll systems to Workday across four countries for a global "
        "retailer in under a year"
    )
    ((value, _),) = of(run(text), "strength")
    assert value.startswith("migrating payroll") and text.find(value) >= 0
    assert text[text.find(value) + len(value)] == " " and not value.endswith((" a", " for", " the"))


def test_the_placeholder_said_to_be_still_there_is_no_strength_and_fill_it_with_gives_one() -> None:
    """Blind 27e-10: 'the [a strength you discussed] is still there' put 'still there' into the draft."""
    text = "the [a strength you discussed] is still there. fill it with: training new baristas on the espresso bar"
    assert of(run(text), "strength") == [("training new baristas on the espresso bar", None)]


def _date(entities: List[Dict[str, Any]], value: str) -> Dict[str, Any]:
    """The DATE entity with this value."""
    (date,) = [e for e in entities if e["entity"] == "DATE" and e["value"] == value]
    return date


@pytest.mark.parametrize(
    "text",
    [
        "no, the panel hasn't happened yet, it's this friday",
        "sorry, we haven't met yet, the call is this friday",
    ],
)
def test_a_denied_past_puts_the_interview_ahead(text: str) -> None:
    """Blind 27d-02: 'the interview hasn't happened yet, it's this thursday' was read as held (tense past)."""
    info = _date(run(text, ("DATE", "this friday")), "this friday")["additional_info"]
    assert info["tense"] == "future" and info["not_held"] is True


def test_an_interview_not_had_yet_is_still_to_come_whatever_the_nearest_tense() -> None:
    text = "i haven't had the interview, it was moved to this friday"
    assert _date(run(text, ("DATE", "this friday")), "this friday")["additional_info"]["not_held"] is True


def test_a_plain_past_tense_is_still_held() -> None:
    info = _date(run("the panel happened on friday, all went fine", ("DATE", "friday")), "friday")["additional_info"]
    assert info["tense"] == "past" and info["not_held"] is False


def test_a_phone_number_is_no_date() -> None:
    """Blind 27a-07: spaCy's DATE '07700 900123' (a mobile number) counted as a new interview day."""
    text = "it starts at 14:10, I'm Ana Silva, reach me on 07911 456789 or by email"
    assert of(run(text, ("DATE", "07911 456789"), ("TIME", "14:10")), "DATE") == []
    assert of(run("we met on 2026-11-20", ("DATE", "2026-11-20")), "DATE") == [("2026-11-20", "interview")]
    text = "I'm Paul, my mobile is 07922 614233"  # spaCy's DATE is the first part only
    assert of(run(text, ("DATE", "07922")), "DATE") == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("i want to ask her whether they've picked someone, it's been about 3 weeks", "about 3 weeks"),
        ("no reply from anyone and it has been nearly ten days", "nearly ten days"),
    ],
)
def test_how_long_the_wait_has_lasted_is_no_decision_day(text: str, date: str) -> None:
    """Blind 27d-04: 'if theres been a decision, its been nearly 2 weeks' became a decision date 2 weeks ahead."""
    assert of(run(text, ("DATE", date)), "DATE") == [(date, "other")]


def test_a_wait_since_the_interview_still_dates_it() -> None:
    text = "it's been 9 days since the interview"
    assert of(run(text, ("DATE", "9 days")), "DATE") == [("9 days", "interview")]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("sam, if you can't get me an answer by friday i'll write to the director myself", "friday"),
        ("another interview at a different hospital next week, if they make me an offer before the 12th?", "the 12th"),
        ("I also have a second interview at another firm next week", "next week"),
    ],
)
def test_the_users_own_ultimatum_or_another_employer_is_no_date_of_theirs(text: str, date: str) -> None:
    """Blind 27e-06 and 27b-06: 'an answer by tomorrow' (the user's own threat) and 'another firm next week'."""
    assert ("DATE", date, "other") in [(e["entity"], e["value"], e.get("role")) for e in run(text, ("DATE", date))]


def test_a_quoted_message_lends_no_cue_to_the_day_it_was_sent() -> None:
    """Blind 27b-10: "sent him a short 'any news?' email last Tuesday" stored last Tuesday as the decision day."""
    text = "I already sent her a quick 'any news on a decision?' note last Thursday"
    assert of(run(text, ("DATE", "last Thursday")), "DATE") == [("last Thursday", "follow_up")]


def test_a_deadline_right_before_a_date_is_marked() -> None:
    text = "recruiter: Dev. deadline: Thursday 3 December. show me the draft"
    info = _date(run(text, ("DATE", "Thursday 3 December")), "Thursday 3 December")["additional_info"]
    assert info["deadline"] is True


@pytest.mark.parametrize(
    "text",
    [
        "the coordinator sent the time and room, I wrote back confirming, and she said perfect",
        "I've already confirmed the interview with her by email",
    ],
)
def test_a_confirmation_the_user_already_sent_settles_the_details(text: str) -> None:
    """Blind 27a-17: 'i already replied saying thanks, confirmed' got 'Yes — ask it now' and a second confirmation."""
    assert [e["value"] for e in run(text) if e["entity"] == "already_settled"] == ["yes"]


def test_a_confirmation_still_to_send_settles_nothing() -> None:
    assert not [e for e in run("should I reply to confirm the time she gave?") if e["entity"] == "already_settled"]


def test_the_employer_after_a_name_is_no_agency_because_the_next_clause_names_one() -> None:
    text = "it's with Jonas Berg at Halcyon Labs, the agency is Kforce. can I write to Jonas first?"
    people = of(run(text, ("PERSON", "Jonas Berg"), ("ORG", "Halcyon Labs"), ("ORG", "Kforce")), "PERSON")
    assert ("Jonas Berg", "recruiter") not in people
    assert of(run("I spoke to Mia Lund at Nordic Temps, the client is Volvo", ("PERSON", "Mia Lund")), "PERSON") == [
        ("Mia Lund", "recruiter")
    ]


def test_the_day_the_user_would_ask_for_news_is_no_decision_date() -> None:
    text = "is asking them for news on thursday too pushy? they'd decide in roughly three weeks"
    dates = of(run(text, ("DATE", "thursday"), ("DATE", "roughly three weeks")), "DATE")
    assert dates == [("thursday", "follow_up"), ("roughly three weeks", "decision")]
    assert of(run("ask for an update on monday or wait?", ("DATE", "monday")), "DATE") == [("monday", "follow_up")]


@pytest.mark.parametrize(
    "text, said",
    [
        ("the answer part is fine, but is today ok to send?", "today"),
        ("they haven't replied, is monday too early to email her again?", "monday"),
    ],
)
def test_a_day_asked_about_for_sending_is_the_users_own_day(text: str, said: str) -> None:
    assert of(run(text, ("DATE", said)), "DATE") == [(said, "follow_up")]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("please add back the line about the cloud cost savings and remove the last one", "the cloud cost savings"),
        ("can you put back the bit about my Epic certification", "my Epic certification"),
        ("bring back the sentence on the vendor audit please", "the vendor audit"),
    ],
)
def test_adding_back_a_line_is_a_part_to_keep_not_words_to_paste(text: str, words: str) -> None:
    """Blind 28e-01: 'add back the line about the migration project' was pasted in as 'Back the line about...'."""
    entities = run(text)
    assert (words, "retain") in of(entities, "edit_text")
    assert not [w for w, role in of(entities, "edit_text") if role == "add"]


def test_keeping_two_parts_while_shortening_names_both() -> None:
    """Blind 28e-01: 'keep the AWS cert bit and the migration project' kept only the first part."""
    entities = run("rewrite it shorter, keep the Salesforce cert bit and the churn project")
    assert ("Salesforce cert bit and the churn project", "retain") in of(entities, "edit_text")


@pytest.mark.parametrize(
    "text",
    [
        "ok could you write me that linkedin note for her instead of the email?",
        "I need a LinkedIn connection note for Mr. Haddad, not an email. they cap at 300 characters",
        "give me the linkedin message version pls",
    ],
)
def test_asking_for_the_linkedin_note_instead_of_the_email_is_a_channel_change(text: str) -> None:
    """Blind 28c-05: a LinkedIn note asked for three times came back as the same email with a Subject line."""
    assert ("linkedin", None) in of(run(text), "edit")


def test_asking_whether_to_send_a_linkedin_message_is_no_change() -> None:
    assert ("linkedin", None) not in of(run("should I send a linkedin message to thank her?"), "edit")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("no, I told you I want to write to Marisol, not Derek. he's never at his desk", "Marisol"),
        ("the panel was Derek Pine and Marisol Vega from HR. I'd write to Marisol", "Marisol"),
    ],
)
def test_the_person_the_user_wants_to_write_to_is_the_reader(text: str, name: str) -> None:
    """Blind 28b-03: 'I want to write to Linda, not Greg' got 'that doesn't change my advice' and Dear Greg."""
    found = [("PERSON", n) for n in ("Derek Pine", "Marisol Vega") if n in text]
    people = [e for e in run(text, *found) if e["entity"] == "PERSON" and e["value"] == name]
    assert people and people[0]["additional_info"]["addressee"] is True


@pytest.mark.parametrize(
    "text",
    [
        "it's been three weeks of silence, does that mean i didn't get the role?",
        "so should I just assume they rejected me?",
        "is it a sign they went with someone else?",
        "honestly do you think I was turned down?",
        "I keep wondering whether I got rejected",
    ],
)
def test_a_question_whether_they_said_no_is_no_rejection(text: str) -> None:
    assert of(run(text), "rejected") == []


@pytest.mark.parametrize(
    "text",
    [
        "is it still ok to ask for feedback since they rejected me?",
        "I got turned down on Monday, does that mean I can't reapply?",
        "they went with someone else, should I write back?",
    ],
)
def test_a_rejection_told_alongside_a_question_is_still_one(text: str) -> None:
    assert of(run(text), "rejected") == [("yes", None)]


def test_a_tool_named_in_the_strength_is_nobody_to_write_to() -> None:
    text = "redo the thank-you to Omar and say my strength is booking systems like Dentrix and Cliniko"
    people = of(run(text, ("PERSON", "Omar"), ("PERSON", "Dentrix")), "PERSON")
    assert [value for value, _ in people] == ["Omar"]


@pytest.mark.parametrize(
    "text", ["he said hed call me by end of last week and didnt", "she promised she would phone me on monday"]
)
def test_their_promise_to_call_is_no_channel_for_the_user(text: str) -> None:
    word = "call" if "call" in text else "phone"
    assert of(run(text, ("channel", word)), "channel") == []


def test_asking_to_call_them_is_still_the_channel() -> None:
    assert of(run("should I call her or wait?", ("channel", "call")), "channel") != []


@pytest.mark.parametrize(
    ("text", "kind", "words"),
    [
        ("ugh it reads kinda stiff, loosen it up", "casual", []),
        ("can it sound less like a form letter", "casual", []),
        ("make it sound like a real person wrote it", "casual", []),
        ("could you make it more upbeat", "warmer", []),
        ("it's a bit cold, warm it up a little", "warmer", []),
        ("use thrilled instead of keen", "replace", [("keen", "replace"), ("thrilled", "with")]),
        ("say grateful rather than thankful", "replace", [("thankful", "replace"), ("grateful", "with")]),
        ("swap keen for excited", "replace", [("keen", "replace"), ("excited", "with")]),
        ("change keener to more excited", "replace", [("keener", "replace"), ("more excited", "with")]),
        (
            'replace "I remain very interested" with "I\'m still keen"',
            "replace",
            [("I remain very interested", "replace"), ("I'm still keen", "with")],
        ),
        ("throw something in about my forklift licence", "add", [("about my forklift licence", "add")]),
        ('end it with "Have a great weekend"', "add", [("Have a great weekend", "add"), ("end", "at")]),
        ("ditch the line about the timeline", "remove", [("the timeline", "remove")]),
        ("can you not mention the second round", "remove", [("the second round", "remove")]),
        ("leave the salary bit out", "remove", [("salary bit", "remove")]),
        ("could you rephrase the first line", "reword", [("first line", "reword")]),
        ("the ending sounds a bit cheesy", "reword", [("ending", "reword")]),
        ("reword the bit about my experience pls", "reword", [("bit about my experience", "reword")]),
        ("say the last sentence another way", "reword", [("last sentence", "reword")]),
        ("hmm show me a template instead", "fresh", []),
        ("I'd prefer your draft actually", "fresh", []),
    ],
)
def test_changes_typed_in_own_words_are_read_as_edits(text: str, kind: str, words: List[tuple]) -> None:
    entities = run(text)
    assert [value for value, _ in of(entities, "edit")] == [kind]
    assert of(entities, "edit_text") == words


def test_an_agency_mention_with_its_own_no_is_no_agency_and_a_workplace_is_none_either() -> None:
    """h26-F: the extractor's span 'NO agency' carries its negation; 'my agency job' is where the user works."""
    text = "sorry - there is NO agency here, I applied on their site"
    start = text.index("NO agency")
    message = Message.build(text)
    message.set("entities", [{"entity": "agency", "value": "NO agency", "start": start, "end": start + 9}])
    EntityRoles({}).process([message])
    assert [e.get("role") for e in message.get("entities") if e["entity"] == "agency"] == ["negated"]
    text = "I'm a junior planner at my agency job and interviewed at Ostrava Tiles"
    start = text.index("agency job")
    message = Message.build(text)
    message.set("entities", [{"entity": "agency", "value": "staffing agency", "start": start, "end": start + 10}])
    EntityRoles({}).process([message])
    assert [e.get("role") for e in message.get("entities") if e["entity"] == "agency"] == ["other"]


def test_asking_whether_to_copy_the_agency_is_the_cc_topic() -> None:
    assert ("cc", None) in of(run("right, and should I copy my recruiter as well?"), "topic")


@pytest.mark.parametrize(
    "text",
    ["I feel stiff and nervous about tomorrow", "should I use email instead of linkedin?", "is it ok to be formal?"],
)
def test_words_about_the_user_or_the_channel_are_no_edit(text: str) -> None:
    assert not of(run(text), "edit")


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("my son is unwell so I have to move my interview with Gail on monday, what do I tell her", "reschedule"),
        ("could I rearrange our meeting next week? I've got jury duty", "reschedule"),
        ("my car just broke down, I'm going to be like 15 minutes late to the interview", "running_late"),
        ("stuck on the M4, gonna be 10-20 min late", "running_late"),
    ],
)
def test_moving_or_being_late_for_the_interview_is_read_in_own_words(text: str, topic: str) -> None:
    assert topic in [value for value, _ in of(run(text), "topic")]


def test_the_employer_moving_the_interview_is_no_request_to_move_it() -> None:
    assert "reschedule" not in [value for value, _ in of(run("they asked me to move my interview to friday"), "topic")]


def test_asking_for_a_template_with_no_draft_to_replace_is_no_edit() -> None:
    assert not of(run("just give me a template I can copy"), "edit")


@pytest.mark.parametrize(
    "text, org, title",
    [
        ("Thank you for interviewing me for the Devops Role on Monday.", "the Devops Role", "Devops"),
        ("Many thanks for having me in for the Payroll Clerk Position yesterday.", "the Payroll Clerk Position", None),
    ],
)
def test_a_capitalised_title_after_an_earlier_for_is_the_job_not_an_organisation(text, org, title) -> None:
    entities = run(text, ("ORG", org))
    assert of(entities, "ORG") == [] and of(entities, "PERSON") == []
    assert [v for v, _ in of(entities, "role")] == [title or org.split(" ", 1)[1].rsplit(" ", 1)[0]]


@pytest.mark.parametrize("text", ["yeah can u clean it up", "can you fill those in for me", "pls fill in the blanks"])
def test_cleaning_up_or_filling_in_the_reviewed_draft_is_an_edit(text: str) -> None:
    assert "rewrite" in [value for value, _ in of(run(text), "edit")]


def test_ill_clean_it_up_myself_is_no_edit() -> None:
    assert not of(run("thanks, I'll clean it up myself"), "edit")


@pytest.mark.parametrize(
    "text",
    [
        "I'm an RN working with a travel agency and my recruiter went quiet",
        "I work for a staffing agency as a CNA and got placed at a care home",
        "I work for a nursing agency and they sent me to an interview",
    ],
)
def test_a_staffing_kind_of_agency_the_user_works_through_stays_the_agency(text: str) -> None:
    start = text.index("agency")
    word_start = text.rfind(" ", 0, start - 1) + 1
    message = Message.build(text)
    message.set("entities", [{"entity": "agency", "value": "agency", "start": word_start, "end": start + 6}])
    EntityRoles({}).process([message])
    assert [e.get("role") for e in message.get("entities") if e["entity"] == "agency"] == [None]


def test_a_lower_case_employer_after_a_casual_name_and_the_hiring_team() -> None:
    found = run("fine, write it. it was with devon from the hiring team at copper kettle foods, for line cook")
    assert ("Devon", "interviewer") in of(found, "PERSON")
    assert [v for v, _ in of(found, "ORG")] == ["Copper Kettle Foods"]
    assert of(run("its with lena hoffmann at the office tomorrow"), "ORG") == []


def test_the_user_run_into_an_employer_name_is_cut_off() -> None:
    text = "I have an interview at Brightwell and I want to ask the manager about parking"
    assert [v for v, _ in of(run(text, ("ORG", "Brightwell and I")), "ORG")] == ["Brightwell"]
    assert [
        v for v, _ in of(run("my interview at Johnson & Johnson went ok", ("ORG", "Johnson & Johnson")), "ORG")
    ] == ["Johnson & Johnson"]


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("had my interview monday with the store mgr at whole foods for stocker, do i send a thank you", "Whole Foods"),
        ("no its home depot not lowes", "Home Depot"),
    ],
)
def test_a_big_employer_typed_in_lower_case_is_the_company(text: str, company: str) -> None:
    assert [v for v, _ in of(run(text), "ORG")][:1] == [company]


def test_a_big_employer_word_without_a_cue_is_no_company() -> None:
    assert of(run("the ups and downs of waiting are killing me"), "ORG") == []


def test_the_strength_after_a_comma_and_not_a_question_about_it() -> None:
    text = "i already told you the strength, the inventory audit at my last store"
    assert of(run(text), "strength") == [("the inventory audit at my last store", None)]
    assert of(run("the strength, which one do you mean?"), "strength") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "second interview friday with the founder of a tiny startup (Ferncliff), can I add him on linkedin?",
            "Ferncliff",
        ),
        ("it's with the COO of a 60-person company, Tallow Works, next week", "Tallow Works"),
        ("interview monday with Oakbridge Technologies for a support engineer job", "Oakbridge Technologies"),
    ],
)
def test_a_company_spacy_took_for_a_person_is_the_company(text: str, name: str) -> None:
    found = run(text, ("PERSON", name))
    assert of(found, "PERSON") == [] and [v for v, _ in of(found, "ORG")] == [name]


def test_named_is_no_part_of_a_lower_case_name_and_a_self_put_down_is_no_name() -> None:
    found = run("interview thursday at pine hill bakery, the manager is named dolores. should i confirm?")
    assert [v for v, _ in of(found, "PERSON")] == ["Dolores"]
    assert of(run("ugh sorry im dumb, it was yesterday not today"), "PERSON") == []


@pytest.mark.parametrize(
    "text",
    [
        "alright no email then. got any tricks for calming down tonight?",
        "how do i calm my nerves before a panel",
        "i just need to stay calm tbh",
        "what helps to calm myself the morning of",
    ],
)
def test_calming_the_user_down_is_no_rewrite_of_the_draft(text: str) -> None:
    """Blind 30a-04: "any quick tips to calm down?" was read as a rewrite ("How should I change it?")."""
    assert "rewrite" not in [value for value, _ in of(run(text), "edit")]


def test_a_correction_asked_as_a_question_is_a_replacement() -> None:
    """Blind 30a-17: "it says 'X' ..., shouldn't it be 'Y'?" is a change to the draft, not pushback."""
    text = "the draft has 'what tools the team uses' but she's the one reading it, shouldn't it be 'your team uses'?"
    entities = run(text)
    assert [value for value, _ in of(entities, "edit")] == ["replace"]
    assert of(entities, "edit_text") == [("what tools the team uses", "replace"), ("your team uses", "with")]


def test_a_channel_they_did_not_use_is_negated() -> None:
    """Blind 30a-20: "they didnt call me, i got an email from hr" kept the phone as the channel."""
    entities = run("nah they didnt call me, it was an email from the office", ("channel", "call"), ("channel", "email"))
    assert of(entities, "channel") == [("phone", "negated"), ("email", None)]
    assert of(run("I didn't call her yet, should I?", ("channel", "call")), "channel") == [("phone", None)]


def test_we_have_only_ever_emailed_names_the_channel() -> None:
    """blind_h27E E05: "we've only ever emailed, she never rang me" kept the phone of the earlier question."""
    assert ("email", None) in of(run("hmm but we've only ever emailed, she never rang me. so email then?"), "channel")


@pytest.mark.parametrize(
    "text",
    [
        "no clue what her name is tbh, somebody from the audit side",
        "ngl i forgot his name tbh",
        "should i ask the recruiter what the hiring manager wants from this hire?",
        "not sure what the team lead needs before friday",
        "curious what the director thinks of my portfolio",
    ],
)
def test_fillers_and_what_a_person_does_are_no_names(text: str) -> None:
    """Blind 31b-08 / 31b-31: 'her name tbh' gave 'Dear Tbh,', 'what the hiring manager wants' gave 'Hi Wants,'."""
    assert of(run(text), "PERSON") == []


def test_a_lower_case_name_before_a_filler_is_still_read() -> None:
    assert [value for value, _ in of(run("her name is kara tbh"), "PERSON")] == ["Kara"]


def test_her_name_is_never_the_users_own_name() -> None:
    """Blind 31b-24: "... someone interviewing me next week. Her name's Ingrid Solheim" signed the note as Ingrid."""
    text = (
        "i need a note for the woman who interviews me on monday. Her name's Marta Lindqvist, she runs the design team"
    )
    assert of(run(text), "PERSON") == [("Marta Lindqvist", "interviewer")]
    assert of(run("my recruiter at hays, her name's Jo Price"), "PERSON") == [("Jo Price", "recruiter")]
    assert of(run("name's Tomasz Wren btw"), "PERSON") == [("Tomasz Wren", "self")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my consultant told me i can reach out to the ops director myself", "yes"),
        ("ana said no problem if i email the plant manager before the visit", "yes"),
        ("the recruiter doesn't mind if i message the lead engineer", "yes"),
        ("jo made it clear it's not fine if i email the client", "no"),
    ],
)
def test_everyday_go_aheads_from_the_recruiter_are_invitations(text: str, expected: str) -> None:
    """Blind 31c: 'Chloe said I'm welcome to email him directly'-style go-aheads were missed."""
    assert [value for value, _ in of(run(text), "invited_to_contact")] == [expected]


@pytest.mark.parametrize(
    "text, edits, words",
    [
        ("can u get it under 60 words pls", ["shorter"], [("60", "shorter")]),
        ("shorter, like 50 words max", ["shorter"], [("50", "shorter")]),
        ("and put it all in one paragraph", ["one_paragraph"], []),
        ("keep it to 80 words and merge the paragraphs", ["shorter", "one_paragraph"], [("80", "shorter")]),
        ("the job wants 5 years experience, i have 3 words of advice", [], []),
    ],
)
def test_a_word_limit_and_one_paragraph_are_edits(text: str, edits: list, words: list) -> None:
    """'under 60 words' is a shorter edit with its limit; 'one paragraph' is its own edit."""
    entities = run(text)
    assert sorted(value for value, _ in of(entities, "edit")) == sorted(edits)
    assert of(entities, "edit_text") == words


@pytest.mark.parametrize(
    ("text", "offers"),
    [
        # this employer's offer: the answer the user was waiting for
        ("omg they just offered me the position!!", {"offer_received": ["yes"]}),
        ("update - i got the job. the offer letter came this morning", {"offer_received": ["yes"]}),
        ("she called and made me a verbal offer", {"offer_received": ["yes"]}),
        # another employer's offer is the competing one, even with words between
        ("a different firm just sent me an offer, i have till thursday", {"competing_offer": ["yes"]}),
        ("got an offer elsewhere btw", {"competing_offer": ["yes"]}),
        # denied, supposed, or about the interview: no offer of theirs
        ("no offer yet, still waiting", {"offer_received": ["no"]}),
        ("what if they offered me the job, could i still negotiate?", {}),
        ("i got that job interview through a friend", {}),
    ],
)
def test_an_offer_of_this_employer_is_not_the_competing_one(text: str, offers: dict) -> None:
    """Blind round 11: 'they just offered me the job!' was out of scope; another company's offer was no fact."""
    found = {}
    for entity in run(text):
        if entity["entity"] in ("offer_received", "competing_offer"):
            found.setdefault(entity["entity"], []).append(entity["value"])
    assert found == offers


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Write the status email to whoever fits best. Name: Jonah Pike.", "Jonah Pike"),
        ("Role: payroll clerk. Me: Ines Duarte.", "Ines Duarte"),
        ("ok go ahead. sign: Mei Lin", "Mei Lin"),
    ],
)
def test_a_label_opening_its_sentence_names_the_user(text: str, name: str) -> None:
    assert (name, "self") in of(run(text, ("PERSON", name)), "PERSON")


def test_a_label_after_another_persons_title_is_not_the_user() -> None:
    text = "the hiring manager name: Tom Reyes"
    assert ("Tom Reyes", "self") not in of(run(text, ("PERSON", "Tom Reyes")), "PERSON")


@pytest.mark.parametrize("word", ["Draft", "Rewrite", "Send"])
def test_a_request_word_spacy_took_for_a_name_is_no_person(word: str) -> None:
    text = f"{word} the email to whoever you recommend"
    assert of(run(text, ("PERSON", word)), "PERSON") == []


def test_a_promised_call_dates_the_decision() -> None:
    text = "interviewed at the depot on tuesday and they said they'd call within a week"
    roles = of(run(text, ("DATE", "tuesday"), ("DATE", "a week")), "DATE")
    assert ("tuesday", "interview") in roles
    assert any(role == "decision" for value, role in roles if "week" in value)
