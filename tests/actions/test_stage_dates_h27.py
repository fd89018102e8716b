"""Stage, dates and follow-ups already sent (session 27, helper D): no interview yet is no interview held, the day
someone passed news on is no interview day, follow-ups named by their days, and send timing on the interview's eve."""

from datetime import date, datetime, timezone

import pytest

from actions.engine.advice import advise, outcome
from actions.engine.dates import read_date
from actions.engine.situation import Situation
from actions.engine.topics import answer_topic, topic_days
from actions.understanding import understand
from tests.actions.test_understanding import msg

TUESDAY = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)  # Tuesday 1 December 2026

# What the coach had wrongly understood from a story with no interview in it: a career fair "a few weeks back"
# read as the interview, so a post-interview status check.
MISREAD = {
    "branch": "post_interview",
    "goal": "status_check",
    "company": "Halden Grid",
    "interview_date": "~2026-11-10",
}


@pytest.mark.parametrize(
    "text",
    [
        "hold on, i havent had an interview though. nothing's been scheduled yet",
        "there hasn't been any interview, they only said someone will be in touch to schedule one",
        "no interview yet!! they just told me they would reach out to set up a time",
    ],
)
def test_no_interview_yet_after_a_misread_story_moves_the_user_before_it(text: str) -> None:
    """b30a-14: 'i havent had an interview though' was noted, but the post-interview check-in stayed."""
    update = understand(msg(text, "inform"), MISREAD, None, TUESDAY)
    assert update.get("not_scheduled") == "yes"
    assert update.get("branch") == "pre_interview"
    assert update.get("interview_date") is None and "interview_date" in update


def test_a_date_of_some_other_event_beside_no_interview_yet_is_no_interview_day() -> None:
    """'the talent team email came like 5 days ago' is no interview day when none has been had."""
    text = "i havent had an interview though. the email from their talent team came like 5 days ago"
    update = understand(msg(text, "inform", ("DATE", "like 5 days ago")), MISREAD, None, TUESDAY)
    assert update.get("branch") == "pre_interview"
    assert not update.get("interview_date")


def test_a_story_where_they_will_be_in_touch_to_schedule_is_before_the_interview() -> None:
    """b30a-14's first message: someone would be in touch to schedule; nothing was held."""
    text = (
        "a recruiter from Halden Grid passed my CV on and their talent team emailed that they want a chat with "
        "the planning team. no date yet, just that someone would be in touch to schedule. should i do something?"
    )
    update = understand(msg(text, "inform", ("ORG", "Halden Grid")), {}, None, TUESDAY)
    assert update.get("not_scheduled") == "yes"
    assert update.get("branch", "pre_interview") == "pre_interview"


def test_a_second_round_they_will_schedule_is_no_first_interview_missing() -> None:
    """After an interview, 'they'll be in touch to schedule the second round' leaves the interview held."""
    slots = {**MISREAD, "interview_date": "2026-11-24"}
    text = "they said they'd be in touch to schedule the second round"
    update = understand(msg(text, "inform"), slots, None, TUESDAY)
    assert update.get("not_scheduled") != "yes"
    assert update.get("branch", "post_interview") == "post_interview"


def test_the_day_someone_passed_news_on_is_no_interview_day() -> None:
    """b30b-08: 'Jenna told me on Friday that ... I'm welcome to email him' became the interview date."""
    slots = {
        "branch": "staffing_agency",
        "goal": "agency_contact_company",
        "agency_name": "Harlow Staffing",
        "company": "Coastal Mutual",
        "interview_date": "2026-11-23",
    }
    text = "Actually, my recruiter told me on Friday that their manager said I'm welcome to email him directly."
    update = understand(msg(text, "inform", ("DATE", "Friday")), slots, None, TUESDAY)
    assert "interview_date" not in update


@pytest.mark.parametrize(
    ("text", "dates", "day"),
    [
        (
            "had a video interview oct 28, emailed the manager on nov 9 and again nov 19, nothing back. try again?",
            ("oct 28", "nov 9", "nov 19"),
            "2026-11-19",
        ),
        ("called her on the 12th and then again on the 20th, still nothing", ("the 12th", "the 20th"), "2026-11-20"),
    ],
)
def test_two_follow_ups_named_by_their_days_are_two(text: str, dates: tuple, day: str) -> None:
    """b30b-06: two follow-ups with their days were missed; the latest day is the one kept."""
    slots = {"branch": "post_interview", "goal": "status_check", "interview_date": "2026-10-28"}
    update = understand(msg(text, "post_status_check", *(("DATE", d) for d in dates)), slots, None, TUESDAY)
    assert update.get("followed_up") == "yes"
    assert update.get("followed_up_again") == "yes"
    assert update.get("followed_up_date") == day
    situation = Situation(**{**slots, **update})
    assert outcome(situation, TUESDAY)[0] == "no"
    text = "\n".join(m.text for m in advise(situation, TUESDAY).messages)
    assert "you can write today" not in text


def test_interviewed_twice_is_no_follow_up() -> None:
    """'interviewed on monday and again on friday' names two interviews, no follow-ups."""
    slots = {"branch": "post_interview", "goal": "status_check"}
    text = "I interviewed on monday and again on friday, when can I ask for news?"
    update = understand(msg(text, "post_status_check", ("DATE", "monday"), ("DATE", "friday")), slots, None, TUESDAY)
    assert update.get("followed_up_again") != "yes"


def test_send_timing_the_evening_before_never_points_to_the_interview_morning() -> None:
    """b30a-04: interview tomorrow at 10, and the answer said to schedule the note for the next weekday morning."""
    eve = Situation(branch="pre_interview", goal="should_contact", interview_date="2026-12-02")
    days = topic_days(eve, TUESDAY.date())
    text = answer_topic("send_timing", eve, None, verdict="yes", days=days)
    assert text and "Wed 2 Dec" in text and "next weekday morning" not in text
    later = Situation(branch="pre_interview", goal="should_contact", interview_date="2026-12-08")
    text = answer_topic("send_timing", later, None, verdict="yes", days=topic_days(later, TUESDAY.date()))
    assert text and "next weekday morning" in text


def test_a_friday_evening_note_before_a_monday_interview_is_the_eve_too() -> None:
    friday = date(2026, 12, 4)
    monday = Situation(branch="pre_interview", goal="should_contact", interview_date="2026-12-07")
    assert "interview_next" in topic_days(monday, friday)


AGENCY = {
    "branch": "staffing_agency",
    "goal": "agency_contact_company",
    "agency_name": "Harlow Staffing",
    "company": "Coastal Mutual",
    "invited_to_contact": "yes",
}


def test_a_date_spacy_reads_across_two_sentences_is_two_days() -> None:
    """b30b-08: 'Monday the 23rd. Friday' (one DATE) became Wed 23 Dec; Friday is only when the news came."""
    text = "no wait, the interview was Monday the 23rd. Friday is just when my recruiter told me. I'm Lena Fox."
    slots = {**AGENCY, "interview_date": "2026-11-27"}
    update = understand(msg(text, "inform", ("DATE", "Monday the 23rd. Friday")), slots, None, TUESDAY)
    assert update.get("interview_date") == "2026-11-23"


def test_the_interview_already_happened_applies_the_days_said_with_it() -> None:
    """b30b-08: 'the 23rd of NOVEMBER. last monday. the interview already happened!' got 'doesn't change my advice'."""
    text = "the 23rd of NOVEMBER. last monday. the interview already happened!"
    slots = {**AGENCY, "interview_date": "2026-12-23"}
    update = understand(
        msg(text, "inform", ("DATE", "the 23rd of NOVEMBER"), ("DATE", "last monday")), slots, None, TUESDAY
    )
    assert update.get("interview_date") == "2026-11-23"


def test_a_day_named_in_passing_after_the_interview_day_is_known_stays_out() -> None:
    """Without 'already happened', a bare day told later is still no new interview day."""
    text = "the 27th works for me"
    slots = {**AGENCY, "interview_date": "2026-11-23"}
    update = understand(msg(text, "inform", ("DATE", "the 27th")), slots, None, TUESDAY)
    assert "interview_date" not in update


def test_an_exact_day_inside_a_rough_interview_week_replaces_it() -> None:
    """b30a-23: 'next week', then 'its thursday the 10th' was left out and the agency day fell before the interview."""
    slots = {"branch": "staffing_agency", "goal": "agency_status", "agency_name": "Apex Placement"}
    rough = understand(msg("my interview isnt til next week", "inform", ("DATE", "next week")), slots, None, TUESDAY)
    assert rough.get("interview_date", "").startswith("~")
    slots = {**slots, **rough}
    text = "its thursday the 10th, at Orbis Freight, for a dispatcher job"
    update = understand(
        msg(text, "inform", ("DATE", "thursday the 10th"), ("ORG", "Orbis Freight")), slots, None, TUESDAY
    )
    assert update.get("interview_date") == "2026-12-10"


def test_a_career_fair_talk_weeks_ago_is_no_interview_when_they_will_schedule_one() -> None:
    """b30a-14's first message: 'talked to a woman from Redfern ... a few weeks back' is no interview."""
    text = (
        "went to a career fair a few weeks back, talked to a guy from Pellam Rail and he passed my CV on. their "
        "talent team says someone would be in touch to schedule a chat. should i do something?"
    )
    update = understand(
        msg(text, "pre_should_contact", ("DATE", "a few weeks back"), ("ORG", "Pellam Rail")), {}, None, TUESDAY
    )
    assert update.get("not_scheduled") == "yes"
    assert update.get("branch") == "pre_interview"
    assert not update.get("interview_date")


def test_a_phone_screen_held_stays_beside_no_interview_yet() -> None:
    text = "had a phone screen with them on monday but no interview scheduled yet. can I ask when?"
    slots = {"branch": "post_interview", "goal": "status_check", "company": "Pellam Rail"}
    update = understand(msg(text, "inform", ("DATE", "monday")), slots, None, TUESDAY)
    assert update.get("branch", "post_interview") == "post_interview"


def test_two_follow_up_days_read_as_one_date_give_the_latest() -> None:
    """b30b-06 live: spaCy read 'nov 10 and again nov 20' as one DATE; the day kept is Nov 20."""
    slots = {"branch": "post_interview", "goal": "status_check", "interview_date": "2026-10-30"}
    text = "phone interview oct 30, emailed the manager mike on nov 10 and again nov 20, nothing back. try again?"
    update = understand(
        msg(text, "post_status_check", ("DATE", "oct 30"), ("DATE", "nov 10 and again nov 20")), slots, None, TUESDAY
    )
    assert update.get("followed_up_again") == "yes"
    assert update.get("followed_up_date") == "2026-11-20"
    assert read_date("nov 10 and again nov 20", TUESDAY, prefer="past").day == date(2026, 11, 20)
