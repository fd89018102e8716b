"""Several applications in one chat: each keeps its own facts, and coming back restores them."""

import json
from datetime import datetime, timezone

from actions.understanding import understand
from tests.actions.test_understanding import msg

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)

PALLAS = {
    "branch": "post_interview",
    "goal": "decision_passed",
    "company": "Studio Pallas",
    "role": "junior architect",
    "interviewer_name": "Giulia Ferri",
    "interview_date": "2026-11-16",
    "decision_date": "2026-11-20",
    "user_name": "Lukas Brandt",
}


def test_second_application_starts_a_case_without_the_first_ones_facts() -> None:
    text = "different thing: I also interviewed at Kessler & Voss on nov 25 with Ben Achterberg, junior designer role"
    update = understand(
        msg(text, "post_thank_you", ("ORG", "Kessler & Voss"), ("PERSON", "Ben Achterberg"), ("DATE", "nov 25")),
        PALLAS,
        None,
        NOW,
    )
    assert update["company"] == "Kessler & Voss"
    assert update["interviewer_name"] == "Ben Achterberg"
    assert update.get("role") != "junior architect"  # the first case's role is not carried over
    assert update["decision_date"] is None  # nor its decision date
    assert "user_name" not in update  # the user stays the same person
    stored = json.loads(update["cases"])
    assert stored[0]["company"] == "Studio Pallas" and stored[0]["interviewer_name"] == "Giulia Ferri"


def test_coming_back_by_company_restores_the_first_case() -> None:
    kessler = {
        "branch": "post_interview",
        "goal": "thank_you",
        "company": "Kessler & Voss",
        "interviewer_name": "Ben Achterberg",
        "interview_date": "2026-11-25",
        "user_name": "Lukas Brandt",
        "cases": json.dumps([{k: v for k, v in PALLAS.items() if k != "user_name"}]),
    }
    update = understand(msg("ok, back to Studio Pallas: can you redo that email?", "ask_draft"), kessler, None, NOW)
    assert update["company"] == "Studio Pallas"
    assert update["interviewer_name"] == "Giulia Ferri"
    assert update["decision_date"] == "2026-11-20"
    assert json.loads(update["cases"])[0]["company"] == "Kessler & Voss"  # the second case is kept in turn


def test_the_first_company_without_its_name_is_the_first_case() -> None:
    other = {"company": "Nordic Trail Co", "interviewer_name": "Maja Holm", "cases": json.dumps([PALLAS])}
    update = understand(msg("ok and for the first company, what should I do?", "ask_draft"), other, None, NOW)
    assert update["company"] == "Studio Pallas"


def test_a_company_named_again_in_the_same_case_is_no_new_case() -> None:
    text = "meanwhile, should I also write to Studio Pallas HR?"
    update = understand(msg(text, "post_status_check", ("ORG", "Studio Pallas")), PALLAS, None, NOW)
    assert "cases" not in update and "company" not in update


def test_a_new_company_without_a_cue_is_a_correction_not_a_new_case() -> None:
    text = "the company is Kessler & Voss, not Studio Pallas"
    update = understand(msg(text, "inform", ("ORG", "Kessler & Voss")), PALLAS, None, NOW)
    assert "cases" not in update
    assert "interviewer_name" not in update  # the names of the case stay


def test_naming_the_other_company_alone_goes_back_to_its_case() -> None:
    nordic = {
        "branch": "pre_interview",
        "company": "Nordic Trail Co",
        "cases": json.dumps([{"company": "Sandvik Outdoor Gear", "interviewer_name": "Pete Larsen"}]),
    }
    update = understand(msg("did Sandvik say anything about a second round?", "inform"), nordic, None, NOW)
    assert update["company"] == "Sandvik Outdoor Gear" and update["interviewer_name"] == "Pete Larsen"
    same = understand(msg("is Nordic Trail a good place to work?", "inform"), nordic, None, NOW)
    assert "cases" not in same  # the company being discussed named again: no switch


def test_the_other_cases_company_is_no_person_and_a_short_name_keeps_the_company() -> None:
    kessler = {
        "branch": "post_interview",
        "company": "Kessler & Voss",
        "interviewer_name": "Ben Achterberg",
        "cases": json.dumps([{"company": "Studio Pallas", "interviewer_name": "Giulia Ferri"}]),
    }
    text = "it's junior designer at Kessler, not architect. and the Studio email was about a phone call"
    update = understand(msg(text, "inform", ("ORG", "Kessler"), ("PERSON", "Studio")), kessler, None, NOW)
    assert "interviewer_name" not in update and "company" not in update


def test_an_off_topic_request_about_another_job_starts_no_case() -> None:
    text = "off topic, but can you help me with my CV for another job at Lindqvist Bau?"
    update = understand(msg(text, "out_of_scope", ("ORG", "Lindqvist Bau")), PALLAS, None, NOW)
    assert "cases" not in update and update.get("company", "Studio Pallas") == "Studio Pallas"
    assert "interviewer_name" not in update


def test_two_applications_in_one_message_become_two_cases_with_their_own_facts() -> None:
    text = (
        "two jobs on the go: I interviewed at Tidewater Freight with Marisol Vega on Thursday for a dispatcher "
        "role, and I've got a phone screen with Copperline Energy on Friday with their recruiter Kofi. "
        "Can I email Marisol about where things stand?"
    )
    update = understand(
        msg(
            text,
            "post_status_check",
            ("ORG", "Tidewater Freight"),
            ("PERSON", "Marisol Vega"),
            ("DATE", "Thursday"),
            ("ORG", "Copperline Energy"),
            ("DATE", "Friday"),
            ("PERSON", "Kofi"),
            ("PERSON", "Marisol"),
        ),
        {},
        None,
        NOW,  # Monday 30 November
    )
    assert update["company"] == "Tidewater Freight"
    assert update["interviewer_name"] == "Marisol Vega"
    assert update["branch"] == "post_interview"
    assert update["interview_date"] == "2026-11-26"
    assert "recruiter_name" not in update  # Kofi works for the other employer
    assert update["case_note"] == "Copperline Energy"
    (other,) = json.loads(update["cases"])
    assert other["company"] == "Copperline Energy"
    assert other["recruiter_name"] == "Kofi"
    assert other["branch"] == "pre_interview"
    assert other["interview_date"] == "2026-12-04"
    assert "interviewer_name" not in other


def test_one_application_with_a_second_employer_in_passing_stays_one_case() -> None:
    text = "I work at Fenwick Tools and interviewed with Lumo Health on Monday with Ana, can I email her?"
    update = understand(
        msg(
            text,
            "post_status_check",
            ("ORG", "Fenwick Tools"),
            ("ORG", "Lumo Health"),
            ("PERSON", "Ana"),
            ("DATE", "Monday"),
        ),
        {},
        None,
        NOW,
    )
    assert "cases" not in update and "case_note" not in update
