"""A second answer in the same conversation, the one-word verdict, and rewriting a draft on request."""

import json
from datetime import datetime, timezone

from actions.engine.advice import WHY_BUTTON, advise, decide, draft_on_request, outcome, remembered, verdict_basis
from actions.engine.drafts import render_draft, restyle
from actions.engine.situation import Situation

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=timezone.utc)  # a Sunday
STATUS = {
    "branch": "post_interview",
    "goal": "status_check",
    "interview_date": "2026-11-02",
    "decision_date": "none_given",
    "told_not_to_contact": "no",
    "interviewer_name": "Dana Ortiz",
    "company": "Acme",
}


def texts(situation: Situation, **kwargs) -> str:
    """All the text of an answer."""
    return "\n".join(m.text for m in advise(situation, NOW, **kwargs).messages)


def test_second_answer_says_what_changed_and_skips_the_reasons() -> None:
    first = Situation(**STATUS)
    corrected = Situation(**{**STATUS, "interview_date": "2026-11-17"})
    full = texts(corrected)
    brief_reply = advise(corrected, NOW, before=json.loads(json.dumps(remembered(first))))
    brief = "\n".join(m.text for m in brief_reply.messages)
    assert "Based on:" in full and "How to go about it:" in full
    assert "Based on:" not in brief and "How to go about it:" not in brief
    assert brief.startswith("Noted (interview date: Tue 17 Nov)")
    assert "Not yet" in brief  # the verdict changed with the date and is given again
    assert WHY_BUTTON in brief_reply.messages[-1].buttons
    assert brief_reply.messages[-1].text == "Say “full advice” (or tap Why?) to see all the reasons and sources again."


def test_same_facts_again_say_the_answer_stands() -> None:
    situation = Situation(**STATUS)
    brief = texts(situation, before=remembered(situation))
    assert brief.startswith("From what you've told me, my answer is the same:")


def test_a_new_goal_later_on_gets_its_verdict_and_draft_and_one_line_to_the_rest() -> None:
    before = remembered(Situation(**STATUS))
    feedback = Situation(**{**STATUS, "goal": "feedback", "rejected": "yes", "stage_reached": "final"})
    first, reply = texts(feedback), advise(feedback, NOW, before=before)
    later = "\n".join(m.text for m in reply.messages)
    assert "Based on:" in first and "How to go about it:" in first and "ask one focused question" in first
    assert "restate your interest" not in first  # after a no there is no interest in this job to restate
    assert "Based on:" not in later and "How to go about it:" not in later and "•" not in later
    assert "Where the articles disagree" not in later
    assert "Yes, ask." in later and any(m.draft_kind for m in reply.messages)
    assert reply.messages[-1].text.startswith("Say “full advice”") and "\n" not in reply.messages[-1].text
    assert WHY_BUTTON in reply.messages[-1].buttons


def test_a_new_question_later_on_leaves_out_the_disagreements_the_first_answer_has() -> None:
    thanks = Situation(**{**STATUS, "goal": "thank_you", "interview_date": "2026-11-20"})
    first, later = texts(thanks), texts(thanks, before=remembered(Situation(**STATUS)))
    assert "Where the articles disagree:" in first and "Where the articles disagree:" not in later
    assert "for the steps, the reasons and the sources." in later


def test_verdict_basis_names_the_article_and_its_part() -> None:
    verdicts = [a for a in decide(Situation(**STATUS), NOW).items if a.item.part == "verdict"]
    line = verdict_basis(verdicts)
    assert line.startswith("That rests on “Contacting hiring managers after an interview: 10 truths” (")
    assert verdict_basis([]) is None


def test_why_shows_reasons_without_the_draft() -> None:
    reply = advise(Situation(**STATUS), NOW, with_draft=False)
    assert not any(m.draft_kind for m in reply.messages)
    assert "How to go about it:" in "\n".join(m.text for m in reply.messages)


def test_verdict_in_one_word() -> None:
    assert outcome(Situation(**STATUS), NOW) == ("yes", "status_check_email")
    assert outcome(Situation(**{**STATUS, "interview_date": "2026-11-17"}), NOW)[0] == "wait"
    assert outcome(Situation(**{**STATUS, "told_not_to_contact": "yes"}), NOW) == ("no", None)
    assert outcome(Situation(branch="post_interview"), NOW) == (None, None)


def test_already_followed_up_means_hold_off_and_no_draft() -> None:
    situation = Situation(**{**STATUS, "followed_up": "yes"})
    verdict, draft = outcome(situation, NOW)
    assert (verdict, draft) == ("no", None)
    assert "already followed up" in advise(situation, NOW).messages[0].text


def test_a_follow_up_they_answered_with_still_reviewing_means_not_yet_not_no() -> None:
    answered = Situation(**{**STATUS, "followed_up": "yes", "still_reviewing": "yes"})
    assert outcome(answered, NOW)[0] == "wait"
    reply = advise(answered, NOW)
    assert "isn't a no" in reply.messages[0].text and not any(m.draft_kind for m in reply.messages)
    assert "silence" not in "\n".join(m.text for m in reply.messages)  # they answered: no silence to read
    ignored_twice = Situation(**{**STATUS, "followed_up": "yes", "followed_up_again": "yes", "still_reviewing": "yes"})
    assert outcome(ignored_twice, NOW)[0] == "no"


def test_after_one_follow_up_a_draft_only_on_request_and_none_after_two() -> None:
    once = Situation(**{**STATUS, "followed_up": "yes"})
    assert draft_on_request(once, NOW) == "status_check_email"
    assert draft_on_request(Situation(**{**STATUS, "followed_up": "yes", "followed_up_again": "yes"}), NOW) is None


def test_shorter_draft_keeps_greeting_request_and_sign_off() -> None:
    draft = render_draft("status_check_email", Situation(**STATUS), NOW).text
    short, note = restyle(draft, "short")
    body = lambda text: text.split("\n\n")[2]  # noqa: E731
    assert len(body(short).split()) < len(body(draft).split()) * 0.7
    assert short.split("\n\n")[1] == "Dear Dana,"
    assert "?" in short or "grateful" in short
    assert short.endswith(draft.split("\n\n")[-1])
    assert note.startswith("A shorter version")


def test_formal_draft_spells_out_contractions_and_greets_formally() -> None:
    casual = "Hi Dana,\n\nI'm writing because I'd love an update. Thanks!\n\nBest,\nSam"
    formal, _ = restyle(casual, "formal")
    assert formal.startswith("Dear Dana,")
    assert "I am writing because I would love" in formal
    assert "Thank you!" in formal and formal.endswith("Kind regards,\nSam")


def test_the_confirmation_draft_asks_the_users_own_question() -> None:
    pre = Situation(branch="pre_interview", goal="logistics", interview_date="2026-11-26", interviewer_name="Rosa")
    asks = {
        None: "anything you would like me to bring",
        "link": "link or dial-in details",
        "location": "which building or room",
        "dress": "dress code",
        "broken_link": "gives me an error",
        "who_calls": "whether you will call me or I should call you",
    }
    for question, words in asks.items():
        draft = render_draft("pre_confirm_email", Situation(**{**pre.__dict__, "question": question}), NOW).text
        assert words in draft, (question, draft)


def test_a_shorter_confirmation_keeps_the_users_question() -> None:
    pre = Situation(branch="pre_interview", goal="logistics", interview_date="2026-11-26", question="location")
    short, _ = restyle(render_draft("pre_confirm_email", pre, NOW).text, "short")
    assert "which building or room" in short


def test_a_rough_decision_date_is_said_in_words_never_as_a_placeholder() -> None:
    rough = Situation(**{**STATUS, "decision_date": "~2026-11-16", "interview_date": "2026-11-09"})
    draft = render_draft("decision_followup_email", rough, NOW).text
    # a rough date stays rough: the part of its month, never a weekday or a day number
    assert "a decision was expected in mid-November" in draft and "[date]" not in draft
    assert "16 November" not in draft  # the interview (Monday 9 November) was said exactly
    assert "meeting me" not in draft  # the interview may have been a phone or video call
    exact = render_draft("decision_followup_email", Situation(**{**STATUS, "decision_date": "2026-11-16"}), NOW).text
    assert "reach a decision by Monday 16 November" in exact


def test_a_new_question_with_a_corrected_fact_says_what_changed() -> None:
    before = remembered(Situation(**STATUS))
    feedback = Situation(**{**STATUS, "goal": "feedback", "rejected": "yes", "interviewer_name": "Sven Aalto"})
    assert texts(feedback, before=before).startswith("Noted (turned down: yes; interviewer: Sven Aalto).")


def test_a_broken_link_on_the_day_gets_a_short_message_that_names_it() -> None:
    monday = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)
    today = Situation(branch="pre_interview", goal="logistics", interview_date="2026-11-30", question="broken_link")
    draft = render_draft("pre_confirm_email", today, monday).text
    assert "link" in draft.splitlines()[0] and "today" in draft and "gives me an error" in draft
    assert "[time]" not in draft and "bring" not in draft and "we're meeting" not in draft
