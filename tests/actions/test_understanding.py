"""How one message fills or corrects the situation slots."""

from datetime import datetime, timezone

import pytest
from rasa.shared.nlu.training_data.message import Message

from actions.understanding import ParsedMessage, understand
from nlu_components.entity_roles import EntityRoles
from nlu_components.message_cues import MessageCues

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=timezone.utc)  # a Sunday


def entity(text: str, name: str, value: str = "", extractor: str = "DIETClassifier") -> dict:
    """An entity dict as Rasa puts it in latest_message, located in text."""
    value = value or name
    start = text.index(value) if value in text else 0
    return {"entity": name, "value": value, "start": start, "end": start + len(value), "extractor": extractor}


def after_nlu(text: str, entities: list, intent: str | None = None, confidence: float = 1.0) -> list:
    """The entities as the NLU pipeline hands them on: the extractors' ones after EntityRoles."""
    message = Message.build(text)
    message.set("intent", {"name": intent, "confidence": confidence})
    message.set("entities", entities)
    EntityRoles({}).process([message])
    MessageCues({}).process([message])
    return message.get("entities") + message.get("cues")


# What MessageCues reads from the words: answers to the coach's questions, case switches, pasted drafts...
MESSAGE_CUES = (
    "answer",
    "unknown_answer",
    "case_cue",
    "company_side",
    "negated_name",
    "pasted_draft",
    "draft_addressee",
)
MESSAGE_CUES += ("draft_signer", "letter_marks")
# What EntityRoles and MessageCues read from the words alone, for tests that give the other entities and roles.
READ_FROM_WORDS = ("invited_to_contact", "stage_reached", "followed_up", "thanks") + MESSAGE_CUES


def parsed(text: str, intent: str, entities: list | None = None, confidence: float = 1.0) -> ParsedMessage:
    """A parsed message with the given entities (roles as given) and what the components read from the words.

    The given dates and organisations get what EntityRoles reads around them in their additional_info.
    """
    read = [e for e in after_nlu(text, [], intent, confidence) if e["entity"] in READ_FROM_WORDS]
    cues = MessageCues({})
    given = [cues.with_meaning(e) for e in EntityRoles({}).with_context(text, list(entities or []))]
    given = cues.with_agency_people(text, given)
    return ParsedMessage(text=text, intent=intent, entities=given + read, confidence=confidence)


def msg(text: str, intent: str, *entities: tuple) -> ParsedMessage:
    """A parsed message whose extractors found the (type, value) pairs in the text, as the pipeline passes it."""
    found = [entity(text, kind, value) for kind, value in entities]
    return ParsedMessage(text=text, intent=intent, entities=after_nlu(text, found, intent))


def test_whole_story_fills_branch_goal_names_and_both_dates() -> None:
    text = "I interviewed with Tom Becker at Initech on November 2 and he said they'd decide by November 13."
    update = understand(
        msg(
            text,
            "post_decision_date_passed",
            ("PERSON", "Tom Becker"),
            ("ORG", "Initech"),
            ("DATE", "November 2"),
            ("DATE", "November 13"),
        ),
        {},
        None,
        NOW,
    )
    assert update["branch"] == "post_interview"
    assert update["goal"] == "decision_passed"
    assert update["interviewer_name"] == "Tom Becker"
    assert update["company"] == "Initech"
    assert update["interview_date"] == "2026-11-02"
    assert update["decision_date"] == "2026-11-13"


def test_pre_interview_date_is_read_as_future() -> None:
    update = understand(
        msg("my interview is on Thursday", "pre_confirm_logistics", ("DATE", "Thursday")), {}, None, NOW
    )
    assert update["branch"] == "pre_interview"
    assert update["interview_date"] == "2026-11-26"


def test_names_are_told_apart_by_context() -> None:
    text = "my recruiter Anna Kowalski set up the interview with Raj Patel, my name is Chris Doe"
    update = understand(
        msg(text, "inform", ("PERSON", "Anna Kowalski"), ("PERSON", "Raj Patel"), ("PERSON", "Chris Doe")),
        {},
        None,
        NOW,
    )
    assert update["recruiter_name"] == "Anna Kowalski"
    assert update["interviewer_name"] == "Raj Patel"
    assert update["user_name"] == "Chris Doe"


def test_agency_mention_switches_branch_and_carries_goal_over() -> None:
    slots = {"branch": "post_interview", "goal": "status_check"}
    text = "actually it was through a staffing agency"
    update = understand(msg(text, "inform", ("agency", "staffing agency")), slots, "decision_date", NOW)
    assert update["branch"] == "staffing_agency"
    assert update["goal"] == "agency_status"
    assert "agency_name" not in update  # a generic mention is not a name


def test_a_question_for_the_interviewer_goes_to_the_recruiter_when_an_agency_turns_up() -> None:
    """Blind E04: 'can I ask the interviewer how to prepare? ... it came through an agency' lost the question."""
    slots = {"branch": "pre_interview", "goal": "preparation", "interview_date": "2026-11-24"}
    text = "actually it was through a staffing agency"
    update = understand(msg(text, "inform", ("agency", "staffing agency")), slots, None, NOW)
    assert (update["branch"], update["goal"], update["question"]) == ("staffing_agency", "agency_status", "focus")
    parking = understand(
        msg(text, "inform", ("agency", "staffing agency")), {**slots, "question": "parking"}, None, NOW
    )
    assert parking["goal"] == "agency_status" and "question" not in parking


def test_named_agency_is_kept() -> None:
    update = understand(msg("a recruiter from Hays", "agency_status", ("agency", "Hays")), {}, None, NOW)
    assert update["agency_name"] == "Hays"
    assert update["branch"] == "staffing_agency"


def test_goal_without_match_in_new_branch_is_cleared_to_be_asked_again() -> None:
    slots = {"branch": "staffing_agency", "goal": "contact_company"}
    update = understand(
        msg('/inform{"branch":"post_interview"}', "inform", ("branch", "post_interview")), slots, None, NOW
    )
    assert update["branch"] == "post_interview"
    assert update["goal"] == "status_check"


@pytest.mark.parametrize(
    ("requested", "intent", "text", "expected"),
    [
        ("told_not_to_contact", "affirm", "yes they did", "yes"),
        ("told_not_to_contact", "deny", "no", "no"),
        ("told_not_to_contact", "skip", "no idea", "unknown"),
        ("invited_to_contact", "affirm", "yes", "yes"),
        ("decision_date", "deny", "no they didn't", "none_given"),
        ("decision_date", "inform", "they never said, no timeline", "none_given"),
        ("channel", "inform", "we've only used e-mail so far", "email"),
        ("channel", "inform", "just a calendar invite, no details", "none"),
        ("interview_format", "inform", "a quick zoom call with HR", "screen"),
        ("interview_format", "inform", "a full day onsite", "full"),
        ("stage_reached", "inform", "I got to the final round", "final"),
        ("stage_reached", "inform", "only the first call", "early"),
        ("interview_date", "skip", "not sure", "unknown"),
    ],
)
def test_answers_to_the_form_questions(requested: str, intent: str, text: str, expected: str) -> None:
    assert understand(msg(text, intent), {"branch": "pre_interview"}, requested, NOW)[requested] == expected


def test_skipping_the_goal_picks_the_branch_default() -> None:
    assert understand(msg("skip", "skip"), {"branch": "post_interview"}, "goal", NOW)["goal"] == "status_check"


def test_branch_question_cannot_be_skipped_silently() -> None:
    assert "branch" not in understand(msg("skip", "skip"), {}, "branch", NOW)


def test_unreadable_date_is_flagged_not_guessed() -> None:
    update = understand(
        msg("sometime-ish soonish", "inform", ("DATE", "sometime-ish soonish")),
        {"branch": "pre_interview"},
        "interview_date",
        NOW,
    )
    assert "interview_date" not in update
    assert update["unparsed_date"] == "sometime-ish soonish"


def test_date_answer_goes_to_the_requested_slot() -> None:
    update = understand(
        msg("by Friday", "inform", ("DATE", "Friday")),
        {"branch": "post_interview", "goal": "status_check"},
        "decision_date",
        NOW,
    )
    assert update == {"decision_date": "2026-11-27"}


def test_unchanged_values_are_not_returned() -> None:
    slots = {"branch": "pre_interview", "goal": "logistics"}
    assert understand(msg("can I confirm the time", "pre_confirm_logistics"), slots, None, NOW) == {}


def test_feedback_intent_marks_rejection() -> None:
    assert understand(msg("they said no", "post_feedback_request"), {}, None, NOW)["rejected"] == "yes"


def test_pasted_draft_is_taken_from_the_review_request() -> None:
    draft = "Dear Ms Park, thank you for meeting me on Tuesday. I enjoyed hearing about the team. Best regards, Tom"
    update = understand(msg(f"can you check this: {draft}", "review_draft"), {}, None, NOW)
    assert update["draft_text"] == draft


def test_a_draft_without_greeting_after_a_story_and_a_lead_in_is_taken() -> None:
    draft = "jo, two interviews and a take-home task and then a one line no? that felt rushed. can you say why. - kim"
    story = "got turned down by the bank after two rounds and i'm fuming. here is what i'd like to send jo"
    update = understand(msg(f"{story}:\n\n{draft}", "review_draft"), {}, None, NOW)
    assert update["draft_text"] == draft


def test_a_date_in_the_pasted_draft_does_not_overrule_the_date_the_user_told() -> None:
    story = "My interview was on Tuesday with Greta Holm. Can you check my thank-you?"
    draft = "Dear Greta,\n\nThank you for meeting me on Friday about the role.\n\nKind regards,\nLiam"
    text = f"{story}\n\n{draft}"
    update = understand(msg(text, "review_draft", ("DATE", "Tuesday"), ("DATE", "Friday")), {}, None, NOW)
    told = understand(msg(story, "post_thank_you", ("DATE", "Tuesday")), {}, None, NOW)["interview_date"]
    assert update["draft_text"] == draft and update["interview_date"] == told


def test_the_signer_after_thanks_so_much_is_the_user() -> None:
    draft = "Hi Daniel,\n\nSee you on Tuesday. Could I bring a portfolio?\n\nThanks so much,\nHannah Kim"
    update = understand(msg(f"is this ok?\n\n{draft}", "review_draft"), {}, None, NOW)
    assert update["user_name"] == "Hannah Kim"


def test_short_review_request_waits_for_the_draft() -> None:
    assert "draft_text" not in understand(msg("can you check my email?", "review_draft"), {}, None, NOW)


def test_draft_answer_takes_the_whole_message() -> None:
    update = understand(msg("hi sam just checking in", "greet"), {}, "draft_text", NOW)
    assert update["draft_text"] == "hi sam just checking in"


def test_follow_up_already_sent_is_noticed() -> None:
    update = understand(msg("I already followed up once last week", "post_status_check"), {}, None, NOW)
    assert update["followed_up"] == "yes"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("no, she never invited me to contact the company", "no"),
        ("the recruiter didn't invite me to talk to the client directly", "no"),
        ("my recruiter told me to reach out to the hiring manager myself", "yes"),
        ("the company invited me to email them with questions", "yes"),
    ],
)
def test_invitation_to_contact_the_company_is_read_from_the_words(text: str, expected: str) -> None:
    update = understand(msg(text, "agency_contact_company"), {"branch": "staffing_agency"}, None, NOW)
    assert update["invited_to_contact"] == expected


def test_a_period_ago_dates_the_interview_roughly() -> None:
    text = "my interview was about two weeks ago and nothing since, can I follow up?"
    update = understand(msg(text, "post_status_check", ("DATE", "about two weeks ago")), {}, None, NOW)
    assert update["interview_date"] == "~2026-11-08"  # a length of time only says roughly when


def test_a_decision_date_given_when_asked_for_the_interview_date_goes_to_the_decision() -> None:
    text = "they said they would decide by last Friday"
    slots = {"branch": "post_interview", "goal": "status_check"}
    update = understand(msg(text, "inform", ("DATE", "last Friday")), slots, "interview_date", NOW)
    assert update["decision_date"] == "2026-11-20"
    assert "interview_date" not in update


def test_weak_decision_words_do_not_override_the_question_asked() -> None:
    text = "no reply since my interview on Monday"
    slots = {"branch": "post_interview", "goal": "status_check"}
    update = understand(msg(text, "inform", ("DATE", "Monday")), slots, "interview_date", NOW)
    assert update["interview_date"] == "2026-11-16"
    assert "decision_date" not in update


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I got rejected after the second round, can I ask them for feedback?", "final"),
        ("they turned me down after the phone screen", "early"),
    ],
)
def test_how_far_the_user_got_is_read_from_stage_phrases(text: str, expected: str) -> None:
    update = understand(msg(text, "post_feedback_request"), {}, None, NOW)
    assert update["stage_reached"] == expected


def test_stage_phrases_before_the_interview_are_not_a_stage_reached() -> None:
    update = understand(
        msg("my first interview is next week", "pre_should_contact"), {"branch": "pre_interview"}, None, NOW
    )
    assert "stage_reached" not in update


def test_no_invitation_words_leave_the_question_open() -> None:
    update = understand(msg("can I email the company directly?", "agency_contact_company"), {}, None, NOW)
    assert "invited_to_contact" not in update


def test_button_goal_without_branch_sets_the_branch() -> None:
    update = understand(msg('/inform{"goal":"thank_you"}', "inform", ("goal", "thank_you")), {}, None, NOW)
    assert update["branch"] == "post_interview"


def test_unknown_goal_value_from_a_crafted_payload_is_ignored() -> None:
    update = understand(msg('/inform{"goal":"hack"}', "inform", ("goal", "hack")), {}, None, NOW)
    assert "goal" not in update and "branch" not in update


def test_no_contact_entity_sets_the_flag() -> None:
    text = "the posting said no calls please"
    assert (
        understand(msg(text, "inform", ("no_contact", "no calls please")), {}, None, NOW)["told_not_to_contact"]
        == "yes"
    )


@pytest.mark.parametrize(
    "text,spans",
    [
        ("my agency recruiter hasn't told me anything since the interview", ("hasn't", "told")),
        ("the agency said I could reach out to the company directly", ("out",)),
    ],
)
def test_no_contact_entity_without_a_ban_is_ignored(text: str, spans: tuple) -> None:
    entities = tuple(("no_contact", span) for span in spans)
    assert "told_not_to_contact" not in understand(msg(text, "agency_status", *entities), {}, None, NOW)


@pytest.mark.parametrize(
    "span",
    [
        "told us not to contact them",
        "no phone calls",
        "please don't follow up",
        "said never to reach out",
        "said everything has to go through the recruiter",
        "they asked candidates not to reach out",
    ],
)
def test_no_contact_phrasings_that_ban_contact_set_the_flag(span: str) -> None:
    text = f"well, {span}, so what now"
    assert understand(msg(text, "inform", ("no_contact", span)), {}, None, NOW)["told_not_to_contact"] == "yes"


@pytest.mark.parametrize(("kind", "slot"), [("stage", "stage_reached"), ("interview_format", "interview_format")])
def test_a_bare_interview_tagged_as_stage_or_format_is_ignored(kind: str, slot: str) -> None:
    text = "I had my interview last week and haven't heard a thing"
    assert slot not in understand(msg(text, "post_status_check", (kind, "interview")), {}, None, NOW)


@pytest.mark.parametrize(
    ("kind", "value", "slot", "expected"),
    [
        ("stage", "final round", "stage_reached", "final"),
        ("stage", "first", "stage_reached", "early"),
        ("interview_format", "panel", "interview_format", "full"),
        ("interview_format", "phone screen", "interview_format", "screen"),
        ("interview_format", "screen", "interview_format", "screen"),
    ],
)
def test_stage_and_format_words_map_to_their_values(kind: str, value: str, slot: str, expected: str) -> None:
    text = f"it was the {value} one"
    assert understand(msg(text, "inform", (kind, value)), {}, None, NOW)[slot] == expected


def role_entity(text: str, name: str, value: str, role: str) -> dict:
    """An entity with the role EntityRoles gives it."""
    return {**entity(text, name, value, extractor="SharedDocSpacyEntityExtractor"), "role": role}


def test_a_decision_date_is_never_before_the_interview() -> None:
    monday = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)
    text = "interviewed on 11/25, she said she'd call everyone by the 4th. its been 5 days"
    message = parsed(
        text=text,
        intent="post_decision_date_passed",
        entities=[role_entity(text, "DATE", "11/25", "interview"), role_entity(text, "DATE", "the 4th", "decision")],
    )
    update = understand(message, {}, None, monday)
    assert (update["interview_date"], update["decision_date"]) == ("2026-11-25", "2026-12-04")


def test_a_rejection_is_after_the_interview_whatever_the_intent_said() -> None:
    text = "the hiring manager called friday to say they went with someone else, can i ask to be kept in mind?"
    message = parsed(text=text, intent="pre_should_contact", entities=[entity(text, "rejected", "went with")])
    update = understand(message, {}, None, NOW)
    assert (update["branch"], update["goal"], update["rejected"]) == ("post_interview", "feedback", "yes")


def test_another_employers_deadline_is_not_the_decision_date() -> None:
    text = "the other company wants an answer by friday, can i nudge the one i prefer?"
    message = parsed(text=text, intent="post_status_check", entities=[role_entity(text, "DATE", "friday", "other")])
    assert "decision_date" not in understand(message, {}, None, NOW)


def test_a_status_check_past_its_decision_date_is_a_passed_decision_date() -> None:
    text = "they said they would decide by November 13, can i email?"
    message = parsed(
        text=text, intent="post_status_check", entities=[role_entity(text, "DATE", "November 13", "decision")]
    )
    assert understand(message, {}, None, NOW)["goal"] == "decision_passed"


def test_i_was_not_rejected_undoes_the_rejection_and_the_feedback_goal() -> None:
    slots = {"branch": "post_interview", "goal": "feedback", "rejected": "yes"}
    update = understand(msg("wait, I wasn't rejected", "inform", ("rejected", "no")), slots, None, NOW)
    assert update["rejected"] == "no" and update["goal"] == "status_check"


def test_no_timeline_said_in_passing_answers_the_decision_date() -> None:
    text = "they never told me when they'd decide, should I call?"
    update = understand(msg(text, "post_status_check", ("no_timeline", "yes")), {}, None, NOW)
    assert update["decision_date"] == "none_given"
    kept = {"decision_date": "2026-11-27", "branch": "post_interview"}
    assert "decision_date" not in understand(msg(text, "inform", ("no_timeline", "yes")), kept, None, NOW)


def test_a_first_name_said_again_keeps_the_full_name() -> None:
    text = "the in-house recruiter (Tomas Reyes) set it up and Tomas never said when"
    first, again = text.index("Tomas Reyes"), text.rindex("Tomas")
    message = parsed(
        text=text,
        intent="post_status_check",
        entities=[
            {"entity": "PERSON", "value": "Tomas Reyes", "start": first, "end": first + 11, "role": "recruiter"},
            {"entity": "PERSON", "value": "Tomas", "start": again, "end": again + 5, "role": "recruiter"},
        ],
    )
    assert understand(message, {}, None, NOW)["recruiter_name"] == "Tomas Reyes"


def test_a_decision_said_as_a_length_of_time_counts_from_the_interview() -> None:
    text = "interviewed on the 9th and the owner said I'd have an answer in one week"
    message = parsed(
        text=text,
        intent="post_status_check",
        entities=[role_entity(text, "DATE", "the 9th", "interview"), role_entity(text, "DATE", "one week", "decision")],
    )
    update = understand(message, {}, None, NOW)
    assert (update["interview_date"], update["decision_date"]) == ("2026-11-09", "~2026-11-16")


def test_an_exact_decision_date_beats_a_length_of_time() -> None:
    text = "they said by November 13 and it's now almost a week past that"
    message = parsed(
        text=text,
        intent="post_status_check",
        entities=[
            role_entity(text, "DATE", "November 13", "decision"),
            role_entity(text, "DATE", "almost a week", "decision"),
        ],
    )
    assert understand(message, {}, None, NOW)["decision_date"] == "2026-11-13"


def test_a_day_without_a_year_is_not_put_a_year_away() -> None:
    text = "I had my phone screen on Nov 3, can I email the recruiter about next steps?"
    message = parsed(text=text, intent="pre_should_contact", entities=[role_entity(text, "DATE", "Nov 3", "interview")])
    assert understand(message, {}, None, NOW)["interview_date"] == "2026-11-03"


@pytest.mark.parametrize(("value", "expected"), [("thurs the 26th", "2026-11-26"), ("sunday", None)])
def test_a_day_marked_as_the_message_day_that_is_another_day_is_the_interview(value: str, expected: str) -> None:
    text = f"need to move my interview, its {value} and my kid is sick"
    message = parsed(text=text, intent="pre_should_contact", entities=[role_entity(text, "DATE", value, "today")])
    assert understand(message, {}, None, NOW).get("interview_date") == expected


@pytest.mark.parametrize(
    ("text", "value", "intent", "expected"),
    [
        (
            "so i had my interview at the dental office on the 9th, can i email?",
            "the 9th",
            "pre_should_contact",
            "2026-11-09",
        ),
        ("my interview is on the 24th and i want to send a note", "the 24th", "post_status_check", "2026-11-24"),
    ],
)
def test_the_tense_before_an_interview_date_places_it(text: str, value: str, intent: str, expected: str) -> None:
    message = parsed(text=text, intent=intent, entities=[role_entity(text, "DATE", value, "interview")])
    assert understand(message, {}, None, NOW)["interview_date"] == expected


def test_a_decision_length_without_an_interview_date_counts_from_today() -> None:
    text = "the recruiter said two weeks for a decision"
    message = parsed(
        text=text, intent="post_status_check", entities=[role_entity(text, "DATE", "two weeks", "decision")]
    )
    assert understand(message, {}, None, NOW)["decision_date"] == "~2026-12-06"


def test_a_lower_case_fragment_never_replaces_the_employer() -> None:
    text = "thats kinda long, shorter?"
    slots = {"company": "Tidewater Foods"}
    assert "company" not in understand(msg(text, "draft_shorter", ("ORG", "s kinda")), slots, None, NOW)
    assert (
        understand(msg("it's at Brightwave now", "inform", ("ORG", "Brightwave")), {}, None, NOW)["company"]
        == "Brightwave"
    )


def test_nerves_about_an_upcoming_interview_place_the_user_before_it() -> None:
    text = "ugh my interview is on friday and im freaking out"
    update = understand(msg(text, "nerves", ("DATE", "friday")), {}, None, NOW)
    assert update["branch"] == "pre_interview" and update["interview_date"] == "2026-11-27"


def test_an_upcoming_interview_beats_today_when_today_is_the_plan() -> None:
    text = "my interview is tomorrow with Nicole, should I email her today to confirm?"
    update = understand(msg(text, "pre_confirm_logistics", ("DATE", "tomorrow"), ("DATE", "today")), {}, None, NOW)
    assert update["interview_date"] == "2026-11-23"


@pytest.mark.parametrize(
    "text",
    [
        "my recruiter said i'm welcome to email the hiring manager myself",
        "she told me it's fine to thank the client directly",
    ],
)
def test_an_invitation_said_in_other_words(text: str) -> None:
    assert understand(msg(text, "agency_contact_company"), {}, None, NOW)["invited_to_contact"] == "yes"


def test_nobody_said_not_to_contact_answers_no() -> None:
    text = "and nobody told me not to reach out"
    update = understand(msg(text, "inform", ("no_contact", "no")), {"told_not_to_contact": "yes"}, None, NOW)
    assert update["told_not_to_contact"] == "no"


def test_the_name_being_corrected_away_is_not_taken() -> None:
    text = "not Jon, sorry, Joan Palmer. autocorrect again"
    update = understand(
        msg(text, "inform", ("PERSON", "Jon"), ("PERSON", "Joan Palmer")), {"interviewer_name": "Jon"}, None, NOW
    )
    assert update["interviewer_name"] == "Joan Palmer"
    text = "her name is Ellen, not Helen"
    update = understand(
        msg(text, "inform", ("PERSON", "Ellen"), ("ORG", "Helen")), {"interviewer_name": "Helen"}, None, NOW
    )
    assert update["interviewer_name"] == "Ellen" and "company" not in update


def test_an_agency_that_sent_the_user_to_an_employer_is_an_agency_story() -> None:
    text = "my recruiter at Randstad set me up with an interview at Baker & Finch on thursday, can I ask about it?"
    agency, employer = entity(text, "ORG", "Randstad"), entity(text, "ORG", "Baker & Finch")
    agency["role"], employer["role"] = "agency", "company"
    message = parsed(text=text, intent="pre_should_contact", entities=[agency, employer])
    update = understand(message, {}, None, NOW)
    assert update["branch"] == "staffing_agency" and update["agency_name"] == "Randstad"
    alone = parsed(text=text, intent="pre_should_contact", entities=[employer])
    assert understand(alone, {}, None, NOW)["branch"] == "pre_interview"


def test_an_org_tagged_as_the_agency_is_not_the_employer() -> None:
    text = "my recruiter Leah from Randstad set up an interview at Corvid Systems"
    message = msg(text, "agency_status", ("agency", "Randstad"), ("ORG", "Randstad"), ("ORG", "Corvid Systems"))
    update = understand(message, {}, None, NOW)
    assert (update["agency_name"], update["company"]) == ("Randstad", "Corvid Systems")


def test_an_employer_diet_calls_an_agency_stays_the_employer() -> None:
    text = "I interviewed two days ago at the FedEx Ground hub, the manager was Luis. can i call him?"
    update = understand(
        msg(text, "inform", ("agency", "FedEx Ground"), ("ORG", "FedEx Ground")),
        {"branch": "post_interview"},
        None,
        NOW,
    )
    assert "branch" not in update and update.get("company") == "FedEx Ground" and "agency_name" not in update
    text = "my recruiter Leah from Randstad set me up with Corvid"
    update = understand(msg(text, "inform", ("agency", "Randstad")), {"branch": "post_interview"}, None, NOW)
    assert update["branch"] == "staffing_agency" and update["agency_name"] == "Randstad"


def test_a_date_corrected_away_is_not_read() -> None:
    text = "oh wait, actually it's a week from today, not tomorrow"
    update = understand(
        msg(text, "inform", ("DATE", "a week from today"), ("DATE", "tomorrow")), {"branch": "pre_interview"}, None, NOW
    )
    assert update["interview_date"] == "2026-11-29"


def test_once_the_employer_is_named_a_person_taken_for_an_org_does_not_replace_it() -> None:
    slots = {"company": "Greyline Bank"}
    assert "company" not in understand(msg("the invite came from Ana", "inform", ("ORG", "Ana")), slots, None, NOW)
    moved = understand(
        msg("sorry, the company is Fennimore Labs", "inform", ("ORG", "Fennimore Labs")), slots, None, NOW
    )
    assert moved["company"] == "Fennimore Labs"


def test_a_pasted_draft_names_its_addressee_and_its_signer() -> None:
    draft = "Hi Dr. Fischer,\n\nI'm interviewing with you next week and would love to connect.\n\nBest,\nAna Costa"
    update = understand(msg("check this: " + draft, "review_draft"), {}, None, NOW)
    assert (update["interviewer_name"], update["user_name"]) == ("Dr. Fischer", "Ana Costa")
    answer = understand(
        msg("Hey Mike!!\n\nany news on the job?? really need it\n\nThanks\nJoe", "inform"), {}, "draft_text", NOW
    )
    assert (answer["interviewer_name"], answer["user_name"]) == ("Mike", "Joe")


@pytest.mark.parametrize("greeting", ["Hi there,", "Dear Hiring Manager,", "Hello all,"])
def test_a_generic_greeting_names_nobody(greeting: str) -> None:
    draft = (
        f"{greeting}\n\nI interviewed last week and wanted to ask whether there is any news on the role.\n\nBest,\nSam"
    )
    assert "interviewer_name" not in understand(msg("check this: " + draft, "review_draft"), {}, None, NOW)


def test_a_one_line_note_signed_after_a_comma_names_its_signer() -> None:
    note = "Hi Dr. Fischer, I'm interviewing with you next week and would love to connect before then. Best, Ana"
    assert understand(msg(note, "inform"), {}, "draft_text", NOW)["user_name"] == "Ana"


def test_in_two_days_is_ahead_even_when_spacy_drops_the_in() -> None:
    text = "my recruiter set up an interview for me in two days with their client"
    update = understand(msg(text, "agency_status", ("DATE", "two days")), {}, None, NOW)
    assert update["interview_date"] == "2026-11-24"


def test_an_agency_story_keeps_the_agency_spacy_calls_a_person_or_cuts_badly() -> None:
    text = "I'm temping through Manpower at a warehouse. Interviewed with the site manager, Gary Tulloch"
    message = msg(text, "inform", ("agency", "Manpower"), ("PERSON", "Manpower"), ("PERSON", "Gary Tulloch"))
    update = understand(message, {}, None, NOW)
    assert (update["agency_name"], update["interviewer_name"]) == ("Manpower", "Gary Tulloch")
    text = "Working with Tom Becker from Hays. He sent me to Norland Logistics"
    message = msg(text, "agency_status", ("agency", "Hays"), ("ORG", "Hays. He"), ("ORG", "Norland Logistics"))
    update = understand(message, {}, None, NOW)
    assert (update["agency_name"], update["company"]) == ("Hays", "Norland Logistics")
    with_person = msg(text, "agency_status", ("agency", "Hays"), ("PERSON", "Tom Becker"))
    assert understand(with_person, {}, None, NOW)["recruiter_name"] == "Tom Becker"


def test_in_about_a_week_is_read_whether_or_not_spacy_kept_the_in() -> None:
    text = "I'm interviewing at Saltmarsh Brewing in about a week, can I email the owner?"
    update = understand(msg(text, "pre_should_contact", ("DATE", "about a week")), {}, None, NOW)
    assert update["interview_date"] == "~2026-11-29"


def test_channel_words_and_a_channel_the_user_lacks() -> None:
    assert understand(msg("we usually just text", "inform", ("channel", "text")), {}, None, NOW)["channel"] == "phone"
    text = "i dont have his email, only the office phone number"
    update = understand(msg(text, "inform", ("channel", "email"), ("channel", "phone")), {}, None, NOW)
    assert update["channel"] == "phone"


def test_a_weak_intent_of_another_branch_does_not_move_a_known_situation() -> None:
    slots = {"branch": "post_interview", "goal": "status_check"}
    text = "the company is Brightline Health and the role is Clinical Data Manager"
    weak = parsed(text=text, intent="agency_contact_company", entities=[], confidence=0.45)
    assert "branch" not in understand(weak, slots, None, NOW) and "goal" not in understand(weak, slots, None, NOW)
    sure = parsed(text="my agency recruiter set this up actually", intent="agency_status", confidence=0.9)
    assert understand(sure, slots, None, NOW)["branch"] == "staffing_agency"


def test_an_agency_mention_the_pipeline_kept_is_the_agency() -> None:
    text = "Working with Tom Becker from Hays, can I email the client's manager myself?"
    fairly = parsed(text=text, intent="agency_status", entities=[entity(text, "agency", "Hays")], confidence=0.49)
    assert understand(fairly, {}, None, NOW)["agency_name"] == "Hays"


def test_a_named_agency_or_an_interview_date_moves_a_known_situation() -> None:
    slots = {"branch": "post_interview", "goal": "status_check"}
    text = "oh wait, it came through an agency, Michael Page"
    agency = parsed(text=text, intent="agency_status", entities=[entity(text, "agency", "agency")], confidence=0.6)
    assert understand(agency, slots, None, NOW)["branch"] == "staffing_agency"
    text = "sorry I haven't had it yet, it's on friday"
    friday = entity(text, "DATE", "friday")
    friday["role"] = "interview"
    ahead = parsed(text=text, intent="pre_should_contact", entities=[friday], confidence=0.6)
    assert understand(ahead, slots, None, NOW)["branch"] == "pre_interview"


def test_a_first_name_already_known_keeps_its_person() -> None:
    slots = {"branch": "staffing_agency", "goal": "agency_status", "recruiter_name": "Brenda Holt"}
    text = "ok then write the note to Brenda"
    person = {**entity(text, "PERSON", "Brenda", "SpacyEntityExtractor"), "role": "interviewer"}
    update = understand(parsed(text=text, intent="ask_draft", entities=[person]), slots, None, NOW)
    assert "interviewer_name" not in update and "recruiter_name" not in update


def test_in_an_agency_story_a_question_about_someone_at_the_company_is_about_contacting_it() -> None:
    slots = {"branch": "staffing_agency", "goal": "agency_status", "recruiter_name": "Kofi"}
    text = "should I message the unit manager there myself? her name is Tonya Reed"
    person = {**entity(text, "PERSON", "Tonya Reed", "SpacyEntityExtractor"), "role": "interviewer"}
    message = parsed(text=text, intent="pre_should_contact", entities=[person], confidence=0.5)
    update = understand(message, slots, None, NOW)
    assert update["goal"] == "contact_company" and "branch" not in update
    about_recruiter = {**person, "value": "Kofi", "start": 0, "end": 4}
    same = understand(
        parsed(text="Kofi again", intent="pre_should_contact", entities=[about_recruiter], confidence=0.5),
        slots,
        None,
        NOW,
    )
    assert "goal" not in same


def test_an_interview_date_ahead_keeps_a_follow_up_before_the_interview() -> None:
    slots = {"branch": "pre_interview", "goal": "logistics", "interview_date": "2026-11-24"}
    asked = understand(parsed("should i call her or email?", "post_call_or_email", [], 0.9), slots, None, NOW)
    assert "branch" not in asked and "goal" not in asked
    text = "update: the interview was on Friday, should I call or email now?"
    friday = {**entity(text, "DATE", "Friday", "SpacyEntityExtractor"), "role": "interview"}
    moved = understand(parsed(text, "post_call_or_email", [friday], 0.9), slots, None, NOW)
    assert moved["branch"] == "post_interview"
    past = {"branch": "post_interview", "goal": "status_check", "interview_date": "2026-11-18"}
    kept = understand(parsed("can I send a linkedin note?", "pre_linkedin_message", [], 0.9), past, None, NOW)
    assert "branch" not in kept


def test_a_draft_pasted_with_a_past_interview_date_is_after_the_interview() -> None:
    text = (
        "The interview with Ola was on Friday, can I send this?\n\nHi Ola,\n\nthanks so much for taking the time "
        "to talk with me about the analyst job.\n\nBest,\nKim"
    )
    friday = {**entity(text, "DATE", "Friday", "SpacyEntityExtractor"), "role": "interview"}
    update = understand(parsed(text, "review_draft", [friday], 0.9), {}, None, NOW)
    assert (update["branch"], update["goal"]) == ("post_interview", "thank_you")
    assert update["interviewer_name"] == "Ola" and update["user_name"] == "Kim"


def test_an_unclear_message_that_dates_the_interview_places_the_user_before_or_after_it() -> None:
    text = "omg the interview yesterday went sideways, the dog walked into the video call"
    yesterday = {**entity(text, "DATE", "yesterday", "SpacyEntityExtractor"), "role": "interview"}
    assert understand(parsed(text, "nlu_fallback", [yesterday], 0.3), {}, None, NOW)["branch"] == "post_interview"
    ahead = "so nervous, my interview is on Thursday"
    thursday = {**entity(ahead, "DATE", "Thursday", "SpacyEntityExtractor"), "role": "interview"}
    assert understand(parsed(ahead, "nlu_fallback", [thursday], 0.3), {}, None, NOW)["branch"] == "pre_interview"


def test_a_corrected_first_name_keeps_the_surname_and_a_repeated_one_keeps_the_full_name() -> None:
    slots = {"branch": "post_interview", "goal": "thank_you", "interviewer_name": "Helen Marsh"}
    text = "sorry, her name is Ellen, not Helen"
    ellen = {**entity(text, "PERSON", "Ellen", "SpacyEntityExtractor"), "role": "interviewer"}
    assert understand(parsed(text, "inform", [ellen], 0.9), slots, None, NOW)["interviewer_name"] == "Ellen Marsh"
    again = "Helen said to write anytime"
    helen = {**entity(again, "PERSON", "Helen", "SpacyEntityExtractor"), "role": "interviewer"}
    assert "interviewer_name" not in understand(parsed(again, "inform", [helen], 0.9), slots, None, NOW)


def test_a_format_said_in_the_negative_is_not_taken() -> None:
    slots = {"branch": "pre_interview", "goal": "should_contact", "interview_date": "2026-11-26"}
    text = "it's the full in-person thing, not a quick screen"
    found = [("interview_format", "in-person"), ("interview_format", "quick screen")]
    assert understand(msg(text, "inform", *found), slots, None, NOW)["interview_format"] == "full"


def test_a_known_role_is_replaced_only_when_the_message_says_it_is_the_role() -> None:
    slots = {"branch": "post_interview", "goal": "thank_you", "role": "data analyst"}
    text = "the strength is dashboards for warehouse operations"
    assert "role" not in understand(msg(text, "inform", ("role", "operations")), slots, None, NOW)
    said = "sorry, the role is senior data analyst"
    assert understand(msg(said, "inform", ("role", "data analyst")), slots, None, NOW)["role"] == "senior data analyst"


def test_a_bare_day_for_the_decision_is_the_one_after_the_interview_not_next_month() -> None:
    now = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)
    slots = {"branch": "post_interview", "goal": "status_check", "interview_date": "2026-11-16"}
    text = "she said by the 26th"
    day = {**entity(text, "DATE", "the 26th", "EntityRoles"), "role": "decision"}
    asked = understand(
        parsed(text, "inform", [day], 0.9), {**slots, "requested_slot": "decision_date"}, "decision_date", now
    )
    assert asked["decision_date"] == "2026-11-26"
    named = "she said by Dec 26"
    month = {**entity(named, "DATE", "Dec 26", "SpacyEntityExtractor"), "role": "decision"}
    assert understand(parsed(named, "inform", [month], 0.9), slots, "decision_date", now)["decision_date"] == (
        "2026-12-26"
    )


def test_a_goodbye_while_a_draft_is_awaited_is_not_taken_for_the_draft() -> None:
    slots = {"requested_slot": "draft_text"}
    bye = understand(parsed("no draft. goodbye", "goodbye", [], 0.8), slots, "draft_text", NOW)
    assert "draft_text" not in bye
    pasted = "Hi Ana, thanks for meeting me on Monday, I enjoyed hearing about the team. Best, Kim"
    assert understand(parsed(pasted, "inform", [], 0.5), slots, "draft_text", NOW)["draft_text"] == pasted


@pytest.mark.parametrize(
    "text",
    [
        "my recruiter told me it's totally fine to reach out directly to the hiring manager",
        "Sam said it's fine to email Claire",
        "yes, I was invited to contact the company directly",
        "the client wants me to send a short thank-you straight to the interviewer",
    ],
)
def test_an_invitation_said_in_other_words_is_read(text: str) -> None:
    slots = {"branch": "staffing_agency", "goal": "contact_company"}
    assert understand(parsed(text, "agency_contact_company", [], 0.9), slots, None, NOW)["invited_to_contact"] == "yes"


def test_before_an_interview_today_a_channel_question_stays_before_it() -> None:
    slots = {"branch": "pre_interview", "goal": "logistics", "interview_date": "2026-11-22"}
    asked = understand(parsed("should i call her or email?", "post_call_or_email", [], 0.99), slots, None, NOW)
    assert "branch" not in asked


def test_linkedin_named_before_the_interview_without_a_goal_is_the_linkedin_note() -> None:
    text = "Interview tomorrow with Greta. Is it weird to add her on LinkedIn first?"
    found = [
        entity(text, "channel", "LinkedIn"),
        {**entity(text, "DATE", "tomorrow", "SpacyEntityExtractor"), "role": "interview"},
    ]
    found[0]["value"] = "linkedin"
    update = understand(parsed(text, "inform", found, 0.6), {}, None, NOW)
    assert (update["branch"], update["goal"]) == ("pre_interview", "linkedin_intro")


def test_the_employer_said_outright_replaces_the_one_known() -> None:
    slots = {"branch": "post_interview", "goal": "thank_you", "company": "Laura Kim"}
    text = "the interviewer is Laura Kim, Ridgeback is the company"
    ridgeback = {**entity(text, "ORG", "Ridgeback", "EntityRoles"), "role": "company"}
    assert understand(parsed(text, "inform", [ridgeback], 0.9), slots, None, NOW)["company"] == "Ridgeback"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I have the hiring manager's email. is it ok to email him directly to check on status?", None),
        ("Leo told me the client actually wants me to reach out to their lab director directly", "yes"),
    ],
)
def test_asking_whether_it_is_ok_is_no_invitation(text: str, expected: str | None) -> None:
    slots = {"branch": "staffing_agency", "goal": "contact_company"}
    assert (
        understand(parsed(text, "agency_contact_company", [], 0.9), slots, None, NOW).get("invited_to_contact")
        == expected
    )


def test_a_named_agency_beside_the_employer_is_an_agency_story_whatever_the_intent() -> None:
    text = "my recruiter at Kelly set up a call with Orbis Freight next week, can I ask about parking?"
    message = msg(text, "pre_confirm_logistics", ("agency", "Kelly"), ("ORG", "Orbis Freight"))
    message.entities[-1]["role"] = "company"
    assert understand(message, {}, None, NOW)["branch"] == "staffing_agency"


@pytest.mark.parametrize(
    "text, agency, confidence, branch",
    [
        ("temping via Adecco, had the interview for the perm spot 3 days ago", "Adecco", 0.5, "staffing_agency"),
        ("temping via Adecco, had the interview for the perm spot 3 days ago", "Adecco", 0.9, "post_interview"),
        ("the recruiter said wait, interview was 3 days ago", "recruiter", 0.5, "post_interview"),
        (
            "the recruiter (in-house, not agency) said wait, interview was 3 days ago",
            "not agency",
            0.5,
            "post_interview",
        ),
    ],
)
def test_an_agency_named_in_an_unsure_first_message_decides_the_branch(
    text: str, agency: str, confidence: float, branch: str
) -> None:
    said = entity(text, "agency", agency.replace("not ", ""))
    if agency.startswith("not "):
        said["role"] = "negated"  # EntityRoles marks an agency said not to be one
    message = ParsedMessage(text=text, intent="post_status_check", entities=[said], confidence=confidence)
    assert understand(message, {}, None, NOW)["branch"] == branch


def test_a_name_given_for_a_person_is_no_company() -> None:
    slots = {"branch": "post_interview", "goal": "thank_you", "company": "Hartwell Library"}
    named = "her name is Maud Sinclair, we've emailed before"
    assert "company" not in understand(msg(named, "inform", ("ORG", "Maud Sinclair")), slots, None, NOW)


def test_a_request_to_check_an_email_is_not_itself_the_draft() -> None:
    asked = (
        "had my interview with mr whitaker at pemberton & co last week for junior accountant. want to check my email"
    )
    assert "draft_text" not in understand(msg(asked, "review_draft"), {}, None, NOW)


def test_a_pasted_draft_answers_paste_your_draft_and_keeps_its_facts() -> None:
    draft = "Hi Tom,\n\nThank you for meeting me yesterday about the barista job.\n\nBest,\nAnna"
    yesterday = {"entity": "DATE", "value": "yesterday", "role": "interview", "start": 30, "end": 39}
    update = understand(ParsedMessage(draft, "review_draft", [yesterday], 0.9), {}, "draft_text", NOW)
    assert update["draft_text"] == draft and update["interview_date"] == "2026-11-21"


def test_no_draft_after_all_is_no_draft() -> None:
    update = understand(
        msg("actually i dont have one yet, can you write it for me?", "ask_draft"), {}, "draft_text", NOW
    )
    assert "draft_text" not in update


def test_a_draft_after_a_long_request_starts_at_its_greeting() -> None:
    text = (
        "please check this note i want to send to the unit manager before my interview on friday: 'Hello Ms Grey!! "
        "I am Amal and I have the interview with you on Friday for the CNA job. Thank you very much'"
    )
    update = understand(msg(text, "review_draft"), {}, None, NOW)
    assert update["draft_text"].startswith("Hello Ms Grey!!") and update["draft_text"].endswith("Thank you very much")


def test_this_weekday_for_a_decision_is_the_coming_one() -> None:
    monday = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)
    text = "interviewed last week, they'll decide by this friday"
    decision = {**entity(text, "DATE", "this friday"), "role": "decision"}
    update = understand(parsed(text, "post_status_check", [decision], 0.9), {}, None, monday)
    assert update["decision_date"] == "2026-12-04"


def test_a_pasted_email_after_a_long_story_keeps_its_subject_line() -> None:
    text = (
        "Second round was on the 16th and they said I would hear by the 25th, nothing yet, so here is the email "
        "I want to send, please look at it:\n\nSubject: Checking in\n\nDear Ms. Brandt,\n\nI hope you are well. "
        "I wanted to ask whether there is any news on the coordinator role.\n\nRegards,\nTomasz"
    )
    update = understand(msg(text, "review_draft"), {}, None, NOW)
    assert update["draft_text"].startswith("Subject: Checking in")


def test_a_thank_you_already_sent_leaves_the_status_check() -> None:
    slots = {"branch": "post_interview", "goal": "thank_you"}
    text = "i already sent the thank you, i want to know where things stand"
    update = understand(msg(text, "inform", ("thanked_already", "yes")), slots, None, NOW)
    assert update["goal"] == "status_check"


@pytest.mark.parametrize("intent", ["agency_status", "inform", "post_status_check"])
def test_no_agency_said_outright_leaves_the_agency_branch(intent: str) -> None:
    slots = {
        "branch": "staffing_agency",
        "goal": "agency_status",
        "agency_name": "Hays",
        "interview_date": "2026-11-18",
    }
    text = "I'm NOT working with a staffing agency, I applied directly"
    said = {**entity(text, "agency", "staffing agency"), "role": "negated"}
    update = understand(ParsedMessage(text, intent, [said], 0.9), slots, None, NOW)
    assert update["branch"] == "post_interview" and update["agency_name"] is None


def test_no_agency_in_a_first_message_is_never_the_agency_branch() -> None:
    text = "direct application, no agency. can I email the manager?"
    said = {**entity(text, "agency", "agency"), "role": "negated"}
    update = understand(ParsedMessage(text, "agency_contact_company", [said], 0.9), {}, None, NOW)
    assert update.get("branch") != "staffing_agency"


def test_a_first_name_said_again_is_not_a_second_panel_member() -> None:
    text = "I met Hannah Moss this morning and Hannah said to write to her directly"
    people = [{**entity(text, "PERSON", "Hannah Moss"), "role": "interviewer"}]
    people.append({"entity": "PERSON", "value": "Hannah", "start": 34, "end": 40, "role": "interviewer"})
    assert "panel" not in understand(ParsedMessage(text, "post_thank_you", people, 0.9), {}, None, NOW)


def test_a_client_interview_via_a_named_agency_on_a_past_date_is_an_agency_story() -> None:
    text = "had a client interview via robert half on nov 16 for a payroll lead job at deloitte. recruiter kevin said"
    message = msg(text + " they'd decide by the 20th", "inform", ("ORG", "deloitte"), ("DATE", "nov 16"))
    update = understand(message, {}, None, NOW)
    assert update["branch"] == "staffing_agency"
    assert (update["agency_name"].lower(), update["recruiter_name"], update["company"]) == (
        "robert half",
        "Kevin",
        "deloitte",
    )


def test_the_clients_hr_writing_is_the_contact_at_the_company_not_the_recruiter() -> None:
    slots = {"branch": "staffing_agency", "recruiter_name": "Kevin", "company": "Deloitte"}
    text = "deloitte's HR person (Laura Chen) just emailed me herself about a second interview. reply to her?"
    update = understand(msg(text, "inform", ("PERSON", "Laura Chen")), slots, None, NOW)
    assert update["interviewer_name"] == "Laura Chen" and "recruiter_name" not in update
    assert update["invited_to_contact"] == "yes"


def test_a_name_taken_for_the_company_is_dropped_when_said_to_be_the_recruiter() -> None:
    slots = {"branch": "staffing_agency", "company": "marco"}
    text = "no!! marco is the RECRUITER, the company is Siemens."
    update = understand(msg(text, "inform"), slots, None, NOW)
    assert update["recruiter_name"] == "Marco" and update["company"] == "Siemens"
    update = understand(msg("marco is the recruiter", "inform"), slots, None, NOW)
    assert update["recruiter_name"] == "Marco" and update["company"] is None


def test_a_thank_you_asked_for_in_an_agency_story_is_the_agency_thank_you() -> None:
    slots = {"branch": "staffing_agency", "goal": "agency_status", "recruiter_name": "Oliver"}
    update = understand(msg("should I send the thank-you today or tomorrow?", "agency_status"), slots, None, NOW)
    assert update["goal"] == "agency_thank_you"


def test_a_no_passed_on_by_the_agency_recruiter_stays_in_the_agency_story() -> None:
    text = "my recruiter at Hudson (Grace Liu) rang to say the client, Ernst & Young, went with another candidate"
    message = msg(text, "post_feedback_request", ("ORG", "Hudson (Grace Liu"), ("ORG", "Ernst & Young"))
    update = understand(message, {}, None, NOW)
    assert (update["branch"], update["goal"], update["rejected"]) == ("staffing_agency", "agency_feedback", "yes")
    assert (update["agency_name"], update["company"], update["recruiter_name"]) == (
        "Hudson",
        "Ernst & Young",
        "Grace Liu",
    )


def test_an_invitation_in_an_agency_story_without_a_goal_is_about_contacting_the_company() -> None:
    text = "my recruiter Tess said the hiring manager is happy for me to email him. can I ask him about the test?"
    update = understand(msg(text, "inform"), {"branch": "staffing_agency"}, None, NOW)
    assert (update["goal"], update["invited_to_contact"]) == ("contact_company", "yes")


def test_the_known_agency_named_again_after_at_is_not_the_employer() -> None:
    slots = {"branch": "staffing_agency", "agency_name": "hudson", "company": "EY", "recruiter_name": "Grace Liu"}
    text = "the feedback email should go to Grace Liu at Hudson please"
    update = understand(msg(text, "inform", ("PERSON", "Grace Liu"), ("ORG", "Hudson")), slots, None, NOW)
    assert "company" not in update


def test_an_org_taken_for_the_agency_and_then_said_to_be_the_employer_moves_over() -> None:
    slots = {"branch": "staffing_agency", "agency_name": "Cedars-Sinai", "recruiter_name": "Jordan"}
    text = "sorry, I mixed that up. Jordan works for AMN Healthcare, that's my agency. Cedars-Sinai is the hospital."
    update = understand(msg(text, "inform", ("ORG", "AMN Healthcare"), ("ORG", "Cedars-Sinai")), slots, None, NOW)
    assert (update["agency_name"], update["company"]) == ("AMN Healthcare", "Cedars-Sinai")


def test_the_words_of_a_pasted_draft_invent_no_agency_rejection_or_question() -> None:
    text = (
        "I had my final interview on Tuesday for Brand Manager at Tallow with Grace Obi. Could you look at this?\n\n"
        "Dear Grace,\n\nThank you for the interview. My last campaign ran with our agency partners and I wanted to "
        "ask whether the position is filled.\n\nKind regards,\nNadia Fox"
    )
    update = understand(msg(text, "review_draft"), {}, None, NOW)
    assert update.get("branch") != "staffing_agency" and "agency_name" not in update
    assert "rejected" not in update and "own_question" not in update
    assert update["draft_text"].startswith("Dear Grace,") and update["user_name"] == "Nadia Fox"


def test_a_lowercase_greeting_on_its_own_line_starts_the_draft() -> None:
    text = "got turned down yesterday, heres what i want to send her\n\nhi sofia\n"
    text += "thanks for letting me know. can you tell me what to work on?\nravi"
    update = understand(msg(text, "review_draft"), {}, None, NOW)
    assert update["draft_text"].startswith("hi sofia") and update["interviewer_name"] == "Sofia"


def test_the_writer_introducing_themselves_in_a_pasted_draft_is_the_user() -> None:
    text = (
        "can you check this before i send it? here it is: 'hey Tom, its me Carlos from the interview last week. thanks'"
    )
    carlos = {**entity(text, "PERSON", "Carlos", "SpacyEntityExtractor"), "role": "self"}
    update = understand(parsed(text, "review_draft", [carlos], 0.9), {}, None, NOW)
    assert update["user_name"] == "Carlos"


@pytest.mark.parametrize(
    "text, found",
    [
        ("can you write an email to Felix asking what Simone focuses on?", ("ORG", "Felix")),
        ("No, this has to go to Owen, not to Victoria", ("PERSON", "Owen")),
        ("ok, email Owen instead", ("PERSON", "Owen")),
    ],
)
def test_the_person_asked_to_write_to_becomes_the_drafts_reader(text: str, found: tuple) -> None:
    """Blind 23a-06: the preparation email asked for 'to Owen, the recruiter' greeted the CEO."""
    slots = {"branch": "pre_interview", "interviewer_name": "Victoria Hale", "recruiter_name": "Owen Park"}
    slots["recruiter_name"] = "Felix Ward" if "Felix" in text else "Owen Park"
    update = understand(msg(text, "ask_draft", found), slots, None, NOW)
    assert update.get("draft_to") == "recruiter"
    assert "company" not in update


def test_a_name_mentioned_without_asking_to_write_to_them_sets_no_reader() -> None:
    slots = {"branch": "pre_interview", "interviewer_name": "Victoria Hale", "recruiter_name": "Owen Park"}
    update = understand(msg("Owen told me the interview is friday", "inform", ("PERSON", "Owen")), slots, None, NOW)
    assert "draft_to" not in update


def test_a_lower_case_self_introduction_signs_the_draft() -> None:
    """Blind 23a-02: 'im jess ramirez' left [Your name] in the note."""
    update = understand(msg("ok can u write the connection note? im jess ramirez", "ask_draft"), {}, None, NOW)
    assert update["user_name"] == "Jess Ramirez"


def test_a_known_name_spacy_missed_after_write_to_is_the_drafts_reader() -> None:
    """Blind 23a-04: 'Please just write the message to Nadia' (the recruiter) got 'Don't contact them'."""
    text = "So messaging Nadia there is allowed, right? Please just write the message to Nadia."
    known = {"branch": "pre_interview", "recruiter_name": "Nadia Brooks", "interviewer_name": "Greg Tulley"}
    update = understand(msg(text, "ask_draft"), known, None, NOW)
    assert update.get("draft_to") == "recruiter" and "interviewer_name" not in update
    unknown = understand(msg(text, "ask_draft"), {"branch": "pre_interview"}, None, NOW)
    assert "interviewer_name" not in unknown and "draft_to" not in unknown


def test_the_users_own_name_said_again_is_not_the_interviewer() -> None:
    """Blind 23a-02: 'his name is Marcus Chen and mine is Jess Ramirez' made Jess the interviewer."""
    text = "you left brackets in there. his name is Marcus Chen and mine is Jess Ramirez, i told you both"
    slots = {"branch": "pre_interview", "interviewer_name": "Marcus Chen", "user_name": "Jess Ramirez"}
    update = understand(msg(text, "inform", ("PERSON", "Marcus Chen"), ("PERSON", "Jess Ramirez")), slots, None, NOW)
    assert update.get("interviewer_name", "Marcus Chen") == "Marcus Chen"


def test_the_known_companys_name_is_never_a_person() -> None:
    """Blind 23a-04: 'I haven't been rejected by Kestrel' (Kestrel Freight) gave 'interviewer: Kestrel'."""
    text = "What? I haven't been rejected by Kestrel, the interview is this Friday."
    slots = {"branch": "pre_interview", "company": "Kestrel Freight", "interviewer_name": "Greg Tulley"}
    update = understand(msg(text, "inform", ("PERSON", "Kestrel")), slots, None, NOW)
    assert "interviewer_name" not in update


@pytest.mark.parametrize(
    ("intent", "text", "expected"),
    [
        ("post_status_check", "nope they just said theyd be in touch", "none_given"),
        ("nlu_fallback", "they didnt say", "none_given"),
        ("inform", "nah, only that someone would get back to me", "none_given"),
        ("inform", "honestly i cant remember what she said", "unknown"),
        ("post_status_check", "no clue, it was a blur", "unknown"),
    ],
)
def test_natural_answers_to_the_decision_question(intent: str, text: str, expected: str) -> None:
    slots = {"branch": "post_interview", "goal": "status_check"}
    assert understand(msg(text, intent), slots, "decision_date", NOW)["decision_date"] == expected


def test_a_date_in_the_answer_beats_the_no_that_opens_it() -> None:
    slots = {"branch": "post_interview", "goal": "status_check", "interview_date": "2026-11-16"}
    update = understand(msg("no, she said the 27th", "inform", ("DATE", "the 27th")), slots, "decision_date", NOW)
    assert update["decision_date"] == "2026-11-27"


def test_holiday_answer_after_it_passed_is_this_year_s() -> None:
    slots = {"branch": "post_interview", "goal": "status_check", "interview_date": "2026-11-10"}
    now = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)
    text = "she said they were hoping to wrap things up before Thanksgiving"
    update = understand(msg(text, "post_status_check", ("DATE", "before Thanksgiving")), slots, "decision_date", now)
    assert update["decision_date"] == "2026-11-25"


def test_correcting_the_decision_day_never_moves_the_interview() -> None:
    slots = {
        "branch": "post_interview",
        "goal": "decision_passed",
        "interview_date": "2026-11-12",
        "decision_date": "2026-11-20",
    }
    now = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)
    text = "They said the 18th, not the 20th."
    update = understand(msg(text, "inform", ("DATE", "the 18th"), ("DATE", "the 20th")), slots, None, now)
    assert update.get("decision_date") == "2026-11-18"
    assert "interview_date" not in update


def test_another_offer_s_deadline_is_not_their_decision_date() -> None:
    text = (
        "The interview was on November 12th and they'd decide by the 20th. Another company "
        "(smaller, lower pay) wants an answer from me by Friday."
    )
    now = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)
    message = msg(
        text, "post_decision_date_passed", ("DATE", "November 12th"), ("DATE", "the 20th"), ("DATE", "Friday")
    )
    assert understand(message, {}, None, now)["decision_date"] == "2026-11-20"


@pytest.mark.parametrize(
    "text",
    [
        "address it to Kelly Tran please, not Marcus",
        "Kelly Tran is the one who interviewed me",
        "send it to Kelly Tran instead",
    ],
)
def test_the_person_to_greet_said_outright_becomes_the_addressee(text: str) -> None:
    slots = {"branch": "post_interview", "interviewer_name": "Marcus Olsen", "recruiter_name": "Kelly Tran"}
    found = [("PERSON", "Kelly Tran")] + ([("PERSON", "Marcus")] if "Marcus" in text else [])
    update = understand(msg(text, "inform", *found), slots, None, NOW)
    assert update["interviewer_name"] == "Kelly Tran"


def test_a_first_name_as_addressee_keeps_the_known_surname() -> None:
    slots = {"branch": "post_interview", "recruiter_name": "Sam Okafor"}
    text = "Sam is my interviewer. The message should start with Hi Sam."
    update = understand(msg(text, "inform", ("PERSON", "Sam")), slots, None, NOW)
    assert update["interviewer_name"] == "Sam Okafor"
    assert "panel" not in update


def test_a_name_mistyped_to_the_coach_is_no_person_and_no_sent_typo() -> None:
    text = "sorry, I spelled her name wrong earlier, it's Sofia Marchesi"
    entities = after_nlu(text, [entity(text, "PERSON", "Sofia Marchesi", "SpacyEntityExtractor")], "inform")
    assert [e["value"] for e in entities if e["entity"] == "PERSON"] == ["Sofia Marchesi"]
    assert not [e for e in entities if e["entity"] == "topic" and e["value"] == "mistake"]


def test_a_decision_date_ahead_never_makes_a_passed_decision() -> None:
    slots = {"branch": "post_interview", "goal": "thank_you", "interview_date": "2026-11-27"}
    now = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)
    text = "and one more thing: she said they'd decide by December 11"
    update = understand(msg(text, "post_decision_date_passed", ("DATE", "December 11")), slots, None, now)
    assert update["decision_date"] == "2026-12-11" and update.get("goal", "thank_you") == "thank_you"


def test_the_decision_day_said_again_never_becomes_the_interview_day() -> None:
    slots = {
        "branch": "post_interview",
        "goal": "decision_passed",
        "interview_date": "2026-11-12",
        "decision_date": "2026-11-20",
    }
    now = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)
    text = "Two things are wrong. They said the 20th, not the 27th."
    update = understand(msg(text, "inform", ("DATE", "the 20th"), ("DATE", "the 27th")), slots, None, now)
    assert "interview_date" not in update and "decision_date" not in update


def test_the_company_s_short_name_is_no_person() -> None:
    slots = {"branch": "post_interview", "company": "Castellan Foods", "interviewer_name": "Rebecca Stone"}
    text = "but what about the other offer? I don't want to lose Castellan just because I stayed quiet"
    assert "interviewer_name" not in understand(msg(text, "inform", ("PERSON", "Castellan")), slots, None, NOW)


def test_words_to_the_coach_around_a_pasted_draft_stay_out_of_it() -> None:
    draft = "Subject: hi\n\nHi Raj, just checking in, any updates?\n\nThanks,\nChloe Martin"
    text = f"My recruiter said it's fine to write to Raj after today's interview. I wrote this, thoughts?\n\n{draft}"
    text += "\n\nShould I send it? Is it ok to write to Raj rather than HR?"
    update = understand(msg(text, "review_draft"), {}, None, NOW)
    assert update["draft_text"] == draft and update["user_name"] == "Chloe Martin"


def test_a_question_after_a_draft_pasted_on_request_is_not_part_of_it() -> None:
    draft = "Dear Alicia,\n\nThank you for the invitation. I'm writing to confirm my interview.\n\nBest regards,\nOmar"
    update = understand(msg(f"{draft}\n\nDoes this look fine?", "review_draft"), {}, "draft_text", NOW)
    assert update["draft_text"] == draft


def test_a_postscript_stays_in_the_draft() -> None:
    draft = "Dear Alicia,\n\nThank you for the invitation to interview next week.\n\nBest regards,\nOmar"
    draft += "\n\nPS: I attach my CV."
    update = understand(msg(draft, "review_draft"), {}, "draft_text", NOW)
    assert update["draft_text"] == draft


@pytest.mark.parametrize(
    "draft, after",
    [
        (
            "Subject: hey\n\nHi Tomas, just checking in, any news on the planner role? thanks",
            "\n\nShould I send it today?",
        ),
        ("Dear Alicia,\n\nThank you for the invitation to interview next week.\n\nBest regards,\n\nOmar Haddad", ""),
    ],
)
def test_a_draft_ends_at_its_sign_off_even_without_a_name(draft: str, after: str) -> None:
    update = understand(msg(draft + after, "review_draft"), {}, "draft_text", NOW)
    assert update["draft_text"] == draft


def test_a_decision_weekday_after_an_interview_told_earlier_is_after_that_interview() -> None:
    monday = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)
    text = "they already said they'd call me by wednesday"
    message = parsed(text=text, intent="inform", entities=[role_entity(text, "DATE", "wednesday", "decision")])
    slots = {"branch": "post_interview", "interview_date": "2026-11-27"}
    assert understand(message, slots, None, monday)["decision_date"] == "2026-12-02"


@pytest.mark.parametrize(
    ("said", "expected"),
    [("next week", "~2026-11-30"), ("sometime next week", "~2026-12-04"), ("the end of next week", "~2026-12-04")],
)
def test_a_week_the_interviewer_named_counts_from_the_interview(said: str, expected: str) -> None:
    monday = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)
    text = f"interviewed on 11/23, she said {said}"
    message = parsed(
        text=text,
        intent="post_status_check",
        entities=[role_entity(text, "DATE", "11/23", "interview"), role_entity(text, "DATE", said, "decision")],
    )
    update = understand(message, {}, None, monday)
    assert (update["interview_date"], update["decision_date"]) == ("2026-11-23", expected)


def test_a_bare_weekday_of_the_known_interview_keeps_that_interview() -> None:
    monday = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)
    text = "i want the linkedin thank-you note i'll send after the interview on tuesday"
    message = parsed(text=text, intent="post_thank_you", entities=[role_entity(text, "DATE", "tuesday", "interview")])
    slots = {"branch": "pre_interview", "interview_date": "2026-12-08"}
    assert understand(message, slots, None, monday).get("interview_date") in (None, "2026-12-08")


def test_an_answer_dated_in_the_past_keeps_the_user_after_the_interview() -> None:
    monday = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)
    text = "umm the monday before last i think"
    message = parsed(
        text=text,
        intent="pre_should_contact",
        entities=[role_entity(text, "DATE", "the monday before last", "interview")],
    )
    slots = {"branch": "post_interview", "goal": "status_check", "requested_slot": "interview_date"}
    update = understand(message, slots, "interview_date", monday)
    assert update.get("branch", "post_interview") == "post_interview" and update["interview_date"] == "2026-11-16"
    fresh = understand(message, {}, None, monday)
    assert fresh["branch"] == "post_interview"


def test_a_question_about_before_their_decision_day_after_the_client_interview_stays_in_the_agency_story() -> None:
    slots = {"branch": "staffing_agency", "goal": "agency_thank_you", "interview_date": "2026-11-18"}
    text = "is it ok to check in with Craig before the 4th or should I wait until after?"
    sure = parsed(text=text, intent="pre_should_contact", entities=[], confidence=0.95)
    update = understand(sure, slots, None, NOW)
    assert update.get("branch", "staffing_agency") == "staffing_agency"
    ahead = {**slots, "interview_date": "2026-11-26"}  # before the client interview the intent is read as said
    assert understand(sure, ahead, None, NOW)["branch"] == "pre_interview"


def test_a_recruiter_named_then_asked_for_in_one_message_is_the_draft_reader() -> None:
    text = "my consultant at hays is Priya. can you write me a message to Priya instead asking where things stand"
    first = {**entity(text, "PERSON", "Priya"), "role": "recruiter", "additional_info": {"part_said": "recruiter"}}
    again = {"entity": "PERSON", "value": "Priya", "start": text.rindex("Priya"), "end": text.rindex("Priya") + 5}
    again.update(role="recruiter", additional_info={"known_only": True, "addressee": True})
    message = ParsedMessage(text=text, intent="ask_draft", entities=[first, again], confidence=0.9)
    update = understand(message, {"branch": "staffing_agency"}, None, NOW)
    assert update["recruiter_name"] == "Priya" and update["draft_to"] == "recruiter"
    alone = ParsedMessage(text="write to Priya", intent="ask_draft", entities=[again], confidence=0.9)
    assert "draft_to" not in understand(alone, {"branch": "staffing_agency"}, None, NOW)


def test_a_corrected_interview_day_given_with_its_week_is_the_exact_day() -> None:
    text = "the interview wasn't friday, it was the week before, wednesday the 18th i think"
    slots = {"branch": "staffing_agency", "goal": "agency_feedback", "interview_date": "2026-11-20"}
    found = msg(text, "inform", ("DATE", "friday"), ("DATE", "the week before, wednesday the 18th"))
    assert understand(found, slots, None, NOW)["interview_date"] == "2026-11-18"


def test_a_recruiter_said_to_work_at_the_employer_not_an_agency_is_no_agency_story() -> None:
    text = "The recruiter at Lumen (an in-house talent partner, Ada Moss, not an agency) set up my onsite on Nov 18."
    message = msg(text, "post_status_check", ("ORG", "Lumen"), ("PERSON", "Ada Moss"), ("agency", "agency"))
    update = understand(message, {}, None, NOW)
    assert update.get("branch") == "post_interview" and update.get("company") == "Lumen"
    assert not update.get("agency_name")


def test_a_creative_agency_is_no_agency_name() -> None:
    text = "via creative agency Brightwell, my contact there is Rob"
    update = understand(msg(text, "agency_status", ("agency", "creative agency")), {}, None, NOW)
    assert update.get("agency_name") != "creative agency"


def test_a_recruiter_also_read_as_an_organisation_is_still_the_recruiter() -> None:
    text = "I interviewed at Lumen through Randstad. my recruiter Becky said they decide soon. should I ask Becky?"
    message = msg(text, "agency_status", ("ORG", "Lumen"), ("ORG", "Randstad"), ("PERSON", "Becky"), ("ORG", "Becky"))
    update = understand(message, {}, None, NOW)
    assert update["recruiter_name"] == "Becky" and update["company"] == "Lumen"


def test_an_off_topic_first_message_fills_no_names() -> None:
    update = understand(msg("can you help me write my CV?", "out_of_scope", ("PERSON", "CV")), {}, None, NOW)
    assert "interviewer_name" not in update and "recruiter_name" not in update


def test_a_date_ahead_said_about_the_decision_keeps_the_agency_story_after_the_interview() -> None:
    slots = {"branch": "staffing_agency", "goal": "agency_status", "interview_date": "2026-11-16"}
    text = "she said a fortnight, so that's 30 November. won't I seem pushy writing before then?"
    message = parsed(text, "pre_should_contact", [entity(text, "DATE", "30 November")], confidence=0.55)
    message.entities[0]["role"] = "interview"  # read as the interview's day, with no interview words around it
    update = understand(message, slots, None, NOW)
    assert update.get("branch", "staffing_agency") == "staffing_agency"


def test_asking_to_write_to_the_clients_interviewer_is_contacting_the_company() -> None:
    text = (
        "Hays sent me to meet Ivo Brandt at Kettering Mills two days ago. my recruiter Lou is silent. can I email Ivo?"
    )
    entities = [
        {**entity(text, "PERSON", "Ivo Brandt"), "role": "interviewer"},
        {**entity(text, "PERSON", "Lou"), "role": "recruiter"},
        {**entity(text, "PERSON", "Ivo"), "role": "interviewer", "additional_info": {"addressee": True}},
    ]
    entities[2]["start"] = text.rindex("Ivo")
    update = understand(parsed(text, "agency_status", entities), {}, None, NOW)
    assert update["goal"] == "contact_company"
    slots = {"branch": "staffing_agency", "recruiter_name": "Lou Park", "interviewer_name": "Ivo Brandt"}
    to_lou = "i'd like to email Lou about the Kettering Mills job"
    lou = [{**entity(to_lou, "PERSON", "Lou"), "role": "interviewer", "additional_info": {"addressee": True}}]
    assert understand(parsed(to_lou, "agency_contact_company", lou), slots, None, NOW)["goal"] == "agency_status"


@pytest.mark.parametrize(
    "text, goal",
    [
        ("could I just phone the plant supervisor myself instead?", "contact_company"),
        ("should I text my recruiter again tomorrow?", "agency_status"),
    ],
)
def test_calling_someone_at_the_employer_in_an_agency_story_is_contacting_the_company(text: str, goal: str) -> None:
    """Blind B16/B20: 'message the unit manager at Baptist myself' kept the goal of asking the recruiter."""
    slots = {"branch": "staffing_agency", "goal": "agency_status"}
    assert understand(msg(text, "agency_status"), slots, None, NOW).get("goal", slots["goal"]) == goal


def test_a_denied_competing_offer_clears_the_fact() -> None:
    """Blind 26b-11: 'I don't actually have another offer' stored 'another offer: yes' and the advice flipped."""
    slots = {"branch": "post_interview", "goal": "decision_passed", "competing_offer": "yes"}
    update = understand(msg("no, I really don't have another offer, I only asked", "inform"), slots, None, NOW)
    assert "competing_offer" in update and update["competing_offer"] is None


def test_a_supposed_competing_offer_sets_nothing() -> None:
    """Blind 26b-11: 'what if I get another offer' put 'I have since received another offer' into the draft."""
    update = understand(msg("what if I end up with a competing offer before then?", "inform"), {}, None, NOW)
    assert update.get("competing_offer") is None
    update = understand(msg("I ended up with a competing offer yesterday", "inform"), {}, None, NOW)
    assert update.get("competing_offer") == "yes"


def test_words_to_the_coach_while_a_draft_is_awaited_are_not_reviewed_as_the_draft() -> None:
    slots = {"requested_slot": "draft_text"}
    text = "no, nothing to paste, I want your version to Ana without that line"
    cue = {"entity": "reply_cue", "value": "not_a_draft", "start": 4, "end": 20}
    assert "draft_text" not in understand(parsed(text, "edit_draft", [cue], 0.6), slots, "draft_text", NOW)


MONDAY = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)


def dated(text: str, value: str, role: str) -> dict:
    """A DATE entity located in text, with the role EntityRoles gives it."""
    return {**entity(text, "DATE", value, "SpacyEntityExtractor"), "role": role}


def test_small_talk_about_today_dates_no_interview() -> None:
    """Blind 27c-07: 'how are you doing today' stored today as the interview day; a later story kept it."""
    text = "hiya, how's your day going today?"
    update = understand(parsed(text, "chitchat", [dated(text, "today", "interview")]), {}, None, MONDAY)
    assert "interview_date" not in update


def test_this_weekday_said_not_to_have_happened_is_the_coming_one() -> None:
    """Blind 27d-02 and 27a-13: 'it hasn't happened yet, it's this thursday' said on a Monday became last Thursday."""
    text = "hold on, the interview hasn't happened yet, it's this thursday"
    slots = {"branch": "staffing_agency", "goal": "contact_company", "interview_date": "2026-11-26"}
    update = understand(parsed(text, "inform", [dated(text, "this thursday", "interview")]), slots, None, MONDAY)
    assert update["interview_date"] == "2026-12-03"


def test_an_answer_to_the_decision_question_that_says_the_interview_is_ahead_dates_the_interview() -> None:
    """Blind 27a-07: 'the call hasn't happened yet, it's tomorrow at 9:30' became the decision date."""
    text = "huh? the screen hasn't happened yet, it's tomorrow at 11"
    slots = {"branch": "post_interview", "goal": "status_check", "interview_date": "2026-11-30"}
    update = understand(parsed(text, "inform", [dated(text, "tomorrow", "interview")]), slots, "decision_date", MONDAY)
    assert update["interview_date"] == "2026-12-01" and update["branch"] == "pre_interview"
    assert "decision_date" not in update


def test_an_interview_later_today_is_before_it_whatever_the_intent() -> None:
    """Blind 27a-14: 'my interview is today in 40 minutes ... call or email??' got after-the-interview advice."""
    text = "HELP my interview is today in 35 minutes and my bus broke down, I'll be late. phone or email her??"
    message = parsed(text, "post_call_or_email", [dated(text, "today in 35 minutes", "interview")])
    update = understand(message, {}, None, MONDAY)
    assert update["branch"] == "pre_interview" and update["interview_date"] == "2026-11-30"


def test_an_interview_said_to_be_still_to_come_moves_a_misread_story_before_it() -> None:
    text = "no no, the interview has not happened, it's in 30 minutes and I'm running late"
    slots = {"branch": "post_interview", "goal": "call_or_email", "interview_date": "2026-11-30"}
    update = understand(parsed(text, "inform", [dated(text, "in 30 minutes", "today")]), slots, None, MONDAY)
    assert update["branch"] == "pre_interview"


def test_an_interview_held_this_morning_stays_after_it() -> None:
    text = "my interview was this morning, should I call or email to thank her?"
    update = understand(
        parsed(text, "post_call_or_email", [dated(text, "this morning", "interview")]), {}, None, MONDAY
    )
    assert update["branch"] == "post_interview"


def test_another_offers_deadline_is_not_the_clients_decision_date() -> None:
    """Blind 27d-08: 'deadline: Friday 4 December' (the other offer's) was stored as the client's decision date."""
    text = "i'll ring him and email too. recruiter: Dev. deadline: Thursday 3 December. show me the draft"
    slots = {"branch": "staffing_agency", "goal": "agency_status", "competing_offer": "yes"}
    update = understand(parsed(text, "inform", [dated(text, "Thursday 3 December", "decision")]), slots, None, MONDAY)
    assert "decision_date" not in update


def test_a_deadline_without_another_offer_is_still_their_decision() -> None:
    text = "they said the deadline: Thursday 3 December for their decision"
    slots = {"branch": "post_interview", "goal": "status_check", "interview_date": "2026-11-20"}
    update = understand(parsed(text, "inform", [dated(text, "Thursday 3 December", "decision")]), slots, None, MONDAY)
    assert update["decision_date"] == "2026-12-03"


def test_a_held_interview_with_news_to_come_stays_after_it() -> None:
    """Suite ED04: 'my interview was 3 days ago ... they will call everyone next week' is after the interview."""
    text = "my interview was 3 days ago at Quill & Co, she said they will call everyone next week. should i email?"
    dates = [dated(text, "3 days ago", "interview"), dated(text, "next week", "interview")]
    update = understand(parsed(text, "post_status_check", dates), {}, None, MONDAY)
    assert update["branch"] == "post_interview"


def test_after_the_client_interview_a_question_about_someone_at_the_client_is_about_contacting_it() -> None:
    slots = {
        "branch": "staffing_agency",
        "goal": "agency_status",
        "recruiter_name": "Kofi",
        "interview_date": "2026-11-18",
    }
    text = "ok and can I text the ward manager there myself? she's called Nia Obi"
    person = {**entity(text, "PERSON", "Nia Obi", "SpacyEntityExtractor"), "role": "interviewer"}
    update = understand(
        parsed(text=text, intent="pre_should_contact", entities=[person], confidence=0.5), slots, None, NOW
    )
    assert update["goal"] == "contact_company" and "branch" not in update


def test_a_call_to_someone_at_the_client_after_an_agency_answer_is_about_contacting_it() -> None:
    slots = {
        "branch": "staffing_agency",
        "goal": "agency_status",
        "recruiter_name": "Omar",
        "interview_date": "2026-11-16",
    }
    text = "i would sooner phone the practice manager, Dee Walsh, her number was on the interview day sheet"
    person = {**entity(text, "PERSON", "Dee Walsh", "SpacyEntityExtractor"), "role": "interviewer"}
    day = {**entity(text, "DATE", "the interview day", "SpacyEntityExtractor"), "role": "interview"}
    update = understand(parsed(text, "post_call_or_email", [person, day], 0.55), slots, None, NOW)
    assert update["goal"] == "contact_company"
    assert update.get("branch", "staffing_agency") == "staffing_agency"


def test_whether_the_recruiter_allowed_direct_contact_keeps_an_agency_thank_you() -> None:
    slots = {"branch": "staffing_agency", "goal": "agency_thank_you", "interviewer_name": "Ines Roy"}
    text = "not sure my consultant ever said whether writing to them directly is ok"
    update = understand(parsed(text, "agency_contact_company", [], 0.7), slots, None, NOW)
    assert update.get("goal", "agency_thank_you") == "agency_thank_you"
    asked = understand(
        parsed(
            "can I email Ines Roy myself?",
            "agency_contact_company",
            [
                {
                    **entity("can I email Ines Roy myself?", "PERSON", "Ines Roy", "SpacyEntityExtractor"),
                    "role": "interviewer",
                }
            ],
            0.9,
        ),
        {**slots, "goal": "agency_status"},
        None,
        NOW,
    )
    assert asked["goal"] == "contact_company"


@pytest.mark.parametrize("intent", ["pre_confirm_logistics", "pre_ask_preparation"])
def test_a_practical_question_before_an_agency_client_interview_goes_to_the_recruiter(intent: str) -> None:
    text = "my consultant Ravi at Hays booked me an interview at Ocado next tuesday, can I ask Ravi what shoes to wear?"
    message = msg(text, intent, ("PERSON", "Ravi"), ("ORG", "Hays"), ("ORG", "Ocado"), ("DATE", "next tuesday"))
    update = understand(message, {}, None, NOW)
    assert (update["branch"], update["goal"]) == ("staffing_agency", "agency_status")


def test_the_note_addressed_to_the_agency_recruiter_leaves_the_interviewer_alone() -> None:
    slots = {"branch": "staffing_agency", "recruiter_name": "Brenda Hall", "interviewer_name": "Dave Kowalski"}
    text = "then write the note to Brenda asking whether they have picked someone"
    update = understand(msg(text, "ask_draft", ("PERSON", "Brenda")), slots, None, NOW)
    assert "interviewer_name" not in update and update["draft_to"] == "recruiter"


def test_the_users_own_clock_time_leaves_the_interview_time_alone() -> None:
    text = "can I still send it? it's already 9pm"
    update = understand(
        msg(text, "inform", ("TIME", "9pm")), {"branch": "pre_interview", "interview_time": "10:00"}, None, NOW
    )
    assert "interview_time" not in update


def test_monday_the_14th_is_the_monday_ahead_when_the_past_14th_was_no_monday() -> None:
    tuesday = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
    text = "what do I write after the interview on Monday the 14th?"  # 14 Nov was a Saturday
    update = understand(msg(text, "inform", ("DATE", "Monday the 14th")), {"branch": "post_interview"}, None, tuesday)
    assert update["interview_date"] == "2026-12-14"


def test_a_corrected_interview_day_moves_a_rough_decision_date_counted_from_it() -> None:
    slots = {"branch": "post_interview", "interview_date": "2026-11-20", "decision_date": "~2026-12-11"}
    text = "sorry, my mistake: the interview was on November 13"
    update = understand(msg(text, "inform", ("DATE", "November 13")), slots, None, NOW)
    assert update["interview_date"] == "2026-11-13"
    assert update["decision_date"] == "~2026-12-04"


def test_a_corrected_interview_day_keeps_an_exact_decision_date() -> None:
    slots = {"branch": "post_interview", "interview_date": "2026-11-20", "decision_date": "2026-12-11"}
    text = "sorry, my mistake: the interview was on November 13"
    update = understand(msg(text, "inform", ("DATE", "November 13")), slots, None, NOW)
    assert update["interview_date"] == "2026-11-13"
    assert update.get("decision_date", "2026-12-11") == "2026-12-11"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("yes it already happened obviously, i want to follow up", "inform"),
        ("yeah", "affirm"),
        ("it took place on Tuesday, no news since", "inform"),
        ("of course it did, I'm waiting to hear back", "status_check"),
    ],
)
def test_yes_to_has_it_taken_place_moves_a_passed_interview_after_it(text: str, intent: str) -> None:
    slots = {"branch": "pre_interview", "interview_date": "2026-11-17", "goal": "linkedin_intro"}
    assert understand(parsed(text, intent), slots, None, NOW).get("branch") == "post_interview"


@pytest.mark.parametrize(("text", "intent"), [("no, not yet", "deny"), ("nope", "deny"), ("not yet", "inform")])
def test_no_to_has_it_taken_place_keeps_a_future_interview_before_it(text: str, intent: str) -> None:
    slots = {"branch": "post_interview", "interview_date": "2026-11-26", "goal": "status_check"}
    assert understand(parsed(text, intent), slots, None, NOW).get("branch") == "pre_interview"


def test_a_yes_with_no_question_pending_changes_no_branch() -> None:
    slots = {"branch": "pre_interview", "interview_date": "2026-11-26", "goal": "linkedin_intro"}
    assert "branch" not in understand(parsed("yes", "affirm"), slots, None, NOW)


def test_a_past_date_answering_when_was_the_interview_keeps_the_after_branch() -> None:
    # "before" in the date's words made the classifier read a question before the interview
    slots = {"branch": "post_interview", "goal": "call_or_email"}
    message = msg("friday, just before the long weekend", "pre_should_contact", ("DATE", "friday"))
    update = understand(message, slots, "interview_date", NOW)
    assert update.get("branch", "post_interview") == "post_interview"
    assert update["interview_date"] == "2026-11-20"


def test_a_date_ahead_answering_when_was_the_interview_still_moves_before_it() -> None:
    slots = {"branch": "post_interview", "goal": "call_or_email"}
    message = msg("oh it's actually next thursday", "pre_should_contact", ("DATE", "next thursday"))
    assert understand(message, slots, "interview_date", NOW).get("branch") == "pre_interview"


def test_a_request_for_references_and_the_references_named_are_facts_of_the_case() -> None:
    text = "the clinic manager Ms. Herrera emailed back asking me for two references, how fast should I reply?"
    update = understand(
        msg(text, "post_status_check", ("PERSON", "Ms. Herrera")), {"branch": "post_interview"}, None, NOW
    )
    assert update["requested_items"] == "yes"
    text = "can you draft my reply? my references are my old shift lead Carl Jensen and my tutor Dr. Mina Patel"
    slots = {"branch": "post_interview", "goal": "status_check", "interviewer_name": "Ms. Herrera"}
    update = understand(msg(text, "ask_draft", ("PERSON", "Carl Jensen"), ("PERSON", "Mina Patel")), slots, None, NOW)
    assert update["references"] == "Carl Jensen; Dr. Mina Patel"  # the title kept
    assert "interviewer_name" not in update  # the references are no contacts of the case


def test_a_rejection_told_later_turns_a_passed_decision_date_into_feedback() -> None:
    """Blind round 11: 'just got the rejection email' after a decision-date answer kept "Not yet ... write on ..."."""
    slots = {"branch": "post_interview", "goal": "decision_passed", "decision_date": "2026-11-20"}
    update = understand(msg("oh well, got the rejection email this morning", "inform"), slots, None, NOW)
    assert update["rejected"] == "yes" and update["goal"] == "feedback"


@pytest.mark.parametrize(
    ("slots", "goal"),
    [
        ({"branch": "post_interview", "goal": "feedback", "rejected": "yes"}, "status_check"),
        ({"branch": "staffing_agency", "goal": "agency_feedback", "rejected": "yes"}, "agency_status"),
        ({"branch": "pre_interview", "goal": "should_contact"}, "status_check"),
    ],
)
def test_an_offer_told_later_undoes_a_rejection_and_ends_the_wait(slots: dict, goal: str) -> None:
    """Blind round 11: 'they just offered me the job!' was out of scope; the facts stayed as before."""
    update = understand(msg("scratch that, they offered me the role this morning", "out_of_scope"), slots, None, NOW)
    assert update["offer_received"] == "yes"
    assert update.get("rejected", slots.get("rejected")) is None
    assert update.get("goal", slots["goal"]) == goal


def test_an_offer_withdrawn_by_a_later_rejection_is_cleared() -> None:
    """The offer fact goes when a later message says they went with someone else."""
    slots = {"branch": "post_interview", "goal": "status_check", "offer_received": "yes"}
    update = understand(msg("bad news, they went with another candidate in the end", "inform"), slots, None, NOW)
    assert update["rejected"] == "yes" and update["offer_received"] is None


def test_the_deadline_of_another_offer_is_no_decision_date_even_when_asked_for_one() -> None:
    """Blind round 11: 'another company gave me an offer, I have to answer them by monday' became their decision day."""
    slots = {"branch": "post_interview", "goal": "status_check", "interview_date": "2026-11-20"}
    text = "well another company just gave me an offer and i need to answer them by monday"
    update = understand(msg(text, "inform", ("DATE", "monday")), slots, "decision_date", NOW)
    assert update["competing_offer"] == "yes" and "offer_received" not in update
    assert "decision_date" not in update
