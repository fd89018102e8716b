"""Follow-up topics (topics.yml): every answer rests on an article or says the articles don't cover it."""

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import yaml

from actions.engine.knowledge import load_knowledge
from actions.engine.situation import Situation
from actions.engine.topics import FEELINGS, TOPICS, answer_topic, topic_days, topic_file

ROOT = Path(__file__).resolve().parents[2]
POST = Situation(branch="post_interview", goal="status_check", interview_date="2026-11-10")
PRE = Situation(branch="pre_interview", goal="logistics", interview_date="2026-12-03")
AGENCY = Situation(branch="staffing_agency", goal="agency_status", recruiter_name="Leah Brandt")


def test_the_nlu_tags_exactly_the_topics_that_have_answers() -> None:
    patterns = yaml.safe_load((ROOT / "nlu_components" / "entity_roles.yml").read_text(encoding="utf-8"))
    assert set(patterns["topic_patterns"]) == set(TOPICS) == set(topic_file().topics)


def test_every_answer_names_an_article_or_says_the_articles_do_not_cover_it() -> None:
    articles = set(load_knowledge().articles)
    for topic, answers in topic_file().topics.items():
        for answer in answers:
            if answer.source == "conversation":  # small talk and feelings give no advice
                assert topic in ("bot", "aside", "good_luck", *FEELINGS), topic
            elif answer.source == "none":
                assert "articles" in answer.text and "don't" in answer.text, topic
            else:
                assert answer.source in articles, (topic, answer.source)


def test_every_topic_has_an_answer_for_every_branch_and_verdict() -> None:
    for topic in TOPICS:
        for situation in (POST, PRE, AGENCY):
            for verdict in ("yes", "wait", "no", "logistics"):
                assert answer_topic(topic, situation, None, verdict=verdict), (topic, situation.branch, verdict)


def test_pushy_follows_the_verdict_given() -> None:
    assert answer_topic("pushy", POST, None, verdict="no").startswith("Right now it could well come across")
    assert answer_topic("pushy", POST, None, verdict="wait").startswith("Not on the day I suggested")
    assert answer_topic("pushy", PRE, None, verdict="yes").startswith("Not if it's one short, polite message")


def test_a_second_follow_up_after_one_already_sent_is_discouraged() -> None:
    followed = Situation(branch="post_interview", goal="status_check", followed_up="yes")
    assert answer_topic("again", followed, None, verdict="no").startswith("Better not: one follow-up is enough")
    assert answer_topic("again", POST, None, verdict="yes").startswith("Send one follow-up, not a series")
    assert "recruiter" in answer_topic("again", AGENCY, None, verdict="yes")


def test_calling_depends_on_who_you_would_call() -> None:
    assert "don't call" in answer_topic("call_instead", POST, None, verdict="wait")
    assert answer_topic("call_instead", AGENCY, None, verdict="yes").startswith("Calling your recruiter is fine")
    assert "channel you've been using" in answer_topic("call_instead", PRE, None, verdict="yes")


def test_a_request_not_to_check_in_still_holds_when_their_date_passes() -> None:
    told = Situation(branch="post_interview", goal="status_check", told_not_to_contact="yes")
    assert answer_topic("deadline_passed", told, None, verdict="no").startswith("Their request not to check in")
    assert answer_topic("deadline_passed", POST, None, verdict="wait").startswith("Give it about a week past")


@pytest.mark.parametrize(
    ("situation", "start"),
    [(PRE, "Not before the interview"), (POST, "Not in a thank-you"), (AGENCY, "Ask your recruiter about pay")],
)
def test_pay_waits_for_an_offer_wherever_the_user_stands(situation: Situation, start: str) -> None:
    assert answer_topic("salary", situation, None, verdict="yes").startswith(start)


def test_when_to_send_follows_the_goal_and_the_verdict() -> None:
    thanks = Situation(branch="post_interview", goal="thank_you", interview_date="2026-11-20")
    assert answer_topic("send_timing", thanks, None, verdict="yes").startswith("Sending it the same day")
    assert answer_topic("send_timing", POST, None, verdict="wait").startswith("Not yet — hold it until the day")
    assert answer_topic("send_timing", POST, None, verdict="no").startswith("There's nothing to time just now")


def test_a_late_thank_you_in_an_agency_story_gets_the_thank_you_answer_not_the_before_the_interview_rule() -> None:
    thanks = Situation(branch="staffing_agency", goal="agency_thank_you", interview_date="2026-11-25")
    answer = answer_topic("too_late", thanks, None, verdict="yes")
    assert answer.startswith("It isn't too late.") and "hasn't happened yet" not in answer
    assert "recruiter" in answer
    assert "hasn't happened yet" in answer_topic("too_late", PRE, None, verdict="yes")


def test_whom_to_write_in_an_agency_story_is_the_recruiter() -> None:
    answer = answer_topic("who_to_write", AGENCY, None, verdict="yes")
    assert answer.startswith("Your recruiter at the agency") and "only if your recruiter says" in answer


def test_asked_beside_a_thank_you_when_to_ask_about_the_status_names_the_day() -> None:
    thanks = Situation(
        branch="post_interview", goal="thank_you", interview_date="2026-11-25", decision_date="2026-12-09"
    )
    days = topic_days(thanks, date(2026, 11, 30))
    answer = answer_topic("write_date", thanks, None, verdict="yes", has_draft=True, days=days)
    assert "Send the thank-you now" in answer and "from Wed 16 Dec" in answer
    undated = answer_topic("write_date", replace(thanks, decision_date=None, interview_date=None), None, verdict="yes")
    assert "{" not in undated and "a week past the date they gave you" in undated


def test_without_a_date_they_gave_the_status_day_is_two_weeks_after_a_past_interview() -> None:
    assert topic_days(POST, date(2026, 11, 30)) == {"status_day": "Tue 24 Nov"}
    # before the interview there is no status day, only the 1-3 working days before it (helper B, session 29)
    assert topic_days(PRE, date(2026, 11, 30)) == {"window": "Mon 30 Nov to Wed 2 Dec", "window_start": "Mon 30 Nov"}


def test_no_reply_depends_on_the_branch_and_on_what_was_sent() -> None:
    assert "one short nudge is fine" in answer_topic("no_reply", PRE, None, verdict="yes")
    agency = answer_topic("no_reply", AGENCY, None, verdict="yes")
    assert "recruiter" in agency and "reply" in agency  # "what if Manpower doesn't get back to me?" (C42)
    thanks = Situation(branch="post_interview", goal="thank_you", interview_date="2026-11-25")
    assert answer_topic("no_reply", thanks, None, verdict="yes").startswith("A thank-you doesn't need a reply")
    # nothing sent yet and not yet time to: the one email is still to come (blind 27e-08), after it let it rest
    assert answer_topic("no_reply", POST, None, verdict="wait").startswith("Give it about a week past the date")
    chased = replace(POST, followed_up="yes")
    assert answer_topic("no_reply", chased, None, verdict="no").startswith("Then let it rest")
    assert answer_topic("no_reply", POST, None, verdict="yes").startswith("Then let it rest")


def test_before_the_interview_a_panel_gets_one_message_not_one_each() -> None:
    assert answer_topic("one_each", PRE, None, verdict="yes").startswith("Before the interview, one message")
    assert answer_topic("one_each", POST, None, verdict="yes").startswith("Yes — a separate note to each")


def test_after_a_hold_off_calling_instead_is_not_offered_as_the_better_way() -> None:
    answer = answer_topic("call_instead", POST, None, verdict="no")
    assert answer.startswith("A call wouldn't help either") and "better choice" not in answer


def test_a_connection_request_note_has_the_linkedin_limit() -> None:
    assert "200 characters" in answer_topic("connection_note", PRE, None, verdict="yes")


def test_notes_to_a_panel_that_read_alike_get_one_personal_line_each() -> None:
    answer = answer_topic("identical", POST, None, verdict="yes")
    assert "something you discussed with them" in answer and "articles don't" in answer


def test_after_the_interview_follows_who_the_user_may_contact() -> None:
    """Blind h27F02: 'what about once the interview is over?' after 'all contact through me' got a fallback."""
    barred = Situation(
        branch="staffing_agency", goal="contact_company", told_not_to_contact="yes", recruiter_name="Imogen"
    )
    assert answer_topic("after_interview", barred, None, verdict="no").startswith(
        "After the interview the same rule holds: everything goes through Imogen"
    )
    assert "copy the recruiter" in answer_topic("after_interview", AGENCY, None, verdict="no")
    assert "no check-ins" in answer_topic(
        "after_interview", replace(PRE, told_not_to_contact="yes"), None, verdict="no"
    )
    assert "thank-you the same day" in answer_topic("after_interview", PRE, None, verdict="yes")
