import re
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any, Dict

import pytest

from actions.engine.drafts import LINKEDIN_NOTE_LIMIT
from actions.engine.knowledge import load_knowledge
from actions.engine.reply import Reply
from actions.engine.review import MAX_REVIEW_CHARS, review_draft, revise
from actions.engine.situation import Situation

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=timezone.utc)
PRE_EMAIL = Situation(branch="pre_interview", goal="logistics", channel="email")
GOOD_EMAIL = """Subject: Interview on Thu 26 Nov – Data Analyst

Dear Ms Whitfield,

Thank you for inviting me to interview for the Data Analyst role.
I would like to confirm that we meet on Thursday at 2pm.
Is there anything I should bring with me? I am keen to talk with you.

Best regards,
Sam Lee"""
GOOD_NOTE = (
    "Hi Dana, I'm Sam Lee, interviewing with you on Thu 26 Nov for the Data Analyst role. "
    "Thank you for the opportunity; I'd be glad to connect before we talk."
)


def text_of(reply: Reply) -> str:
    return "\n".join(message.text for message in reply.messages)


def fired(reply: Reply, check_id: str) -> bool:
    template = load_knowledge().review_checks[check_id].text
    pieces = [piece.strip() for piece in re.split(r"\{\w+\}", template) if len(piece.strip()) > 3]
    return all(piece in text_of(reply) for piece in pieces)


def review(text: str, situation: Situation = PRE_EMAIL, channel: str = None) -> Reply:
    return review_draft(text, situation, NOW, channel)


def test_good_email_passes_every_check() -> None:
    reply = review(GOOD_EMAIL)
    for check_id in load_knowledge().review_checks:
        assert not fired(reply, check_id), check_id
    assert "I'd send it as it is" in text_of(reply)
    assert "What works already:" in text_of(reply) and "a subject line" in text_of(reply)
    assert [b.payload for b in reply.messages[-1].buttons] == ["/review_draft", "/restart"]


def test_good_linkedin_note_passes() -> None:
    reply = review(GOOD_NOTE, Situation(branch="pre_interview", goal="linkedin_intro"))
    assert "I'd send it as it is" in text_of(reply)
    assert "LinkedIn message" in text_of(reply)


@pytest.mark.parametrize(
    ("check_id", "draft", "situation", "quoted"),
    [
        ("empty", "   \n ", PRE_EMAIL, None),
        (
            "email_too_long",
            GOOD_EMAIL.replace("I am keen", "I have ten years of experience. I led a team. I like data. I am keen"),
            PRE_EMAIL,
            None,
        ),
        ("no_substance", "Subject: Hi\n\nDear Dana,\n\nThank you.\n\nBest regards,\nSam", PRE_EMAIL, None),
        ("no_substance", "hi paul, just checking in!! thanks, ravi", Situation(branch="post_interview"), None),
        (
            "demanding",
            GOOD_EMAIL.replace("I am keen", "I need an answer by Friday, I can't wait forever. I am keen"),
            PRE_EMAIL,
            "I need an answer by Friday",
        ),
        ("demanding", GOOD_EMAIL.replace("I am keen", "Please reply ASAP. I am keen"), PRE_EMAIL, "reply ASAP"),
        (
            "demanding",
            GOOD_EMAIL.replace("I am keen", "i really really need this job as my rent is due"),
            PRE_EMAIL,
            None,
        ),
        (
            "demanding",
            GOOD_EMAIL.replace("I am keen", "Writing AGAIN because nobody answered. I am keen"),
            PRE_EMAIL,
            "AGAIN",
        ),
        (
            "salary",
            GOOD_EMAIL.replace("Is there anything I should bring with me?", "How many holidays do I get?"),
            PRE_EMAIL,
            "holidays",
        ),
        (
            "salary",
            GOOD_EMAIL.replace("bring with me?", "bring? how much does it pay"),
            PRE_EMAIL,
            "how much does it pay",
        ),
        (
            "too_many_questions",
            GOOD_EMAIL.replace(
                "Is there anything I should bring with me?", "What is the dress code, the hours, and who will I meet?"
            ),
            PRE_EMAIL,
            None,
        ),
        (
            "email_too_long",
            GOOD_EMAIL.replace("I am keen", "I am keen, " + "and I have worked hard in many kitchens " * 15),
            PRE_EMAIL,
            None,
        ),
        (
            "linkedin_note_too_long",
            GOOD_NOTE + " " + "I have led many analytics projects in retail. " * 5,
            Situation(branch="pre_interview", goal="linkedin_intro"),
            None,
        ),
        (
            "linkedin_too_many_paragraphs",
            "Hi Dana,\n\n" + "\n\n".join(["Thank you for the chance to meet and talk."] * 3),
            Situation(branch="post_interview", goal="thank_you", channel="linkedin"),
            None,
        ),
        (
            "salary",
            GOOD_EMAIL.replace("Is there anything I should bring with me?", "What is the salary range?"),
            PRE_EMAIL,
            "salary",
        ),
        ("salary", GOOD_EMAIL.replace("bring with me?", "bring? And how much PTO do you offer?"), PRE_EMAIL, "PTO"),
        (
            "too_many_questions",
            GOOD_EMAIL.replace("with me?", "with me? Is there parking? Who will I meet?"),
            PRE_EMAIL,
            None,
        ),
        ("casual", GOOD_EMAIL.replace("I am keen", "gonna be great, thx!!"), PRE_EMAIL, "gonna"),
        ("casual", GOOD_EMAIL.replace("I am keen to talk with you.", "See you soon 😀"), PRE_EMAIL, "😀"),
        ("no_thanks", GOOD_EMAIL.replace("Thank you for inviting me", "You invited me"), PRE_EMAIL, None),
        (
            "next_steps_before",
            GOOD_EMAIL.replace("I am keen", "What are the next steps after this? I am keen"),
            PRE_EMAIL,
            "next steps",
        ),
        (
            "next_steps_linkedin",
            "Hi Dana,\n\nThank you for today. Any update on the timeline?\n\nBest,\nSam",
            Situation(branch="post_interview", goal="thank_you", channel="linkedin"),
            "timeline",
        ),
        (
            "repeat_follow_up",
            GOOD_EMAIL.replace("I am keen", "As I mentioned in my last email, I am keen"),
            PRE_EMAIL,
            "As I mentioned in my last email",
        ),
        (
            "repeat_follow_up",
            GOOD_EMAIL.replace("I am keen", "I haven't heard back yet. I am keen"),
            Situation(branch="post_interview", goal="status_check", channel="email", followed_up="yes"),
            "haven't heard back",
        ),
        ("no_greeting", GOOD_EMAIL.replace("Dear Ms Whitfield,\n\n", ""), PRE_EMAIL, None),
        ("no_signoff", GOOD_EMAIL.replace("\n\nBest regards,\nSam Lee", ""), PRE_EMAIL, None),
        ("no_subject", GOOD_EMAIL.split("\n\n", 1)[1], PRE_EMAIL, None),
    ],
)
def test_each_check_fires(check_id: str, draft: str, situation: Situation, quoted: str) -> None:
    reply = review(draft, situation)
    assert fired(reply, check_id)
    if quoted:
        assert f"“{quoted}”" in text_of(reply)


def test_first_status_check_may_say_not_heard_back() -> None:
    draft = GOOD_EMAIL.replace("I am keen", "I haven't heard back yet. I am keen")
    first = Situation(branch="post_interview", goal="status_check", channel="email", followed_up="no")
    assert not fired(review(draft, first), "repeat_follow_up")


def test_next_steps_are_fine_in_an_email_thank_you_and_in_status_checks() -> None:
    draft = GOOD_EMAIL.replace("I am keen", "Could you share the timeline? I am keen")
    for situation in (
        Situation(branch="post_interview", goal="thank_you", channel="email"),
        Situation(branch="post_interview", goal="status_check", channel="email"),
    ):
        reply = review(draft, situation)
        assert not fired(reply, "next_steps_linkedin") and not fired(reply, "next_steps_before")


def test_pay_attention_is_not_salary() -> None:
    assert not fired(review(GOOD_EMAIL.replace("I am keen", "I pay attention to detail and am keen")), "salary")


@pytest.mark.parametrize(
    "question", ["What is the base/OTE split?", "How is commission paid on this team?", "What are on-target earnings?"]
)
def test_sales_pay_words_are_pay(question: str) -> None:
    reply = review(GOOD_EMAIL.replace("I am keen", question + " I am keen"))
    assert fired(reply, "salary")
    assert "no talk of pay" not in text_of(reply)


def test_huge_input_is_truncated_and_said_so() -> None:
    reply = review(GOOD_EMAIL + "\n" + "More text here. " * 2000)
    assert fired(reply, "truncated")
    assert f"{MAX_REVIEW_CHARS:,} characters" in text_of(reply)
    assert not fired(review(GOOD_EMAIL), "truncated")


def test_non_english_is_handled_gracefully() -> None:
    french = (
        "Objet : Entretien\n\nMadame, je vous écris pour confirmer notre entretien de jeudi à 14 h. "
        "Merci beaucoup pour votre temps et votre aide. Cordialement, Sam"
    )
    reply = review(french)
    assert fired(reply, "not_english")
    assert not fired(reply, "no_thanks") and not fired(reply, "no_greeting")
    assert fired(review("面接の時間を確認したいです。よろしくお願いします。"), "not_english")
    assert not fired(review(GOOD_EMAIL), "not_english")


@pytest.mark.parametrize("channel", ["slack", "socketio"])
def test_quotes_are_escaped_for_the_channel(channel: str) -> None:
    draft = GOOD_EMAIL.replace("I am keen", "<!channel> lol <@U123> I am keen")
    text = text_of(review(draft, PRE_EMAIL, channel))
    assert "<!channel>" not in text and "<@U123>" not in text


def test_reply_never_shows_none_or_raw_placeholders() -> None:
    cases: Dict[str, Any] = {"empty": "", "good": GOOD_EMAIL, "bad": "hey u gonna pay me? salary? PTO? lol!!"}
    for draft in cases.values():
        text = text_of(review(draft, Situation()))
        assert "None" not in text and "{" not in text


def test_linkedin_message_longer_than_a_note_needs_a_signoff() -> None:
    situation = Situation(branch="post_interview", goal="thank_you", channel="linkedin")
    message = "Hi Dana,\n\n" + "Thank you for a very interesting conversation about the analytics team today. " * 5
    assert fired(review(message, situation), "no_signoff")
    assert not fired(review(message + "\n\nBest wishes,\nSam", situation), "no_signoff")


def test_a_revision_makes_the_reviews_fixes_in_the_users_own_words() -> None:
    text = "hey Dana, its me Luis from the interview tuesday. whats the status?? also what does it pay. thx"
    revised = revise(text, Situation(branch="post_interview", user_name="Luis Ortega"))
    assert revised.startswith("Hi Dana,\n\nIt's me Luis from the interview Tuesday. What's the status?")
    assert "pay" not in revised and "??" not in revised and "thx" not in revised
    assert revised.endswith("Thank you for your time.\n\nBest regards,\nLuis Ortega")


def test_a_revised_linkedin_note_fits_the_connection_limit() -> None:
    long_note = (
        "Hi Ms Reyes, I am interviewing with you on Friday for the analyst job. I have worked in retail banking for "
        "six years and in audit for two more, and I love spreadsheets. I would also like to know the salary band "
        "and the bonus. I am very excited to meet you and the whole team soon. Best, Omar"
    )
    revised = revise(long_note, Situation(branch="pre_interview", channel="linkedin"))
    assert len(revised) <= LINKEDIN_NOTE_LIMIT and revised.startswith("Hi Ms Reyes,") and revised.endswith("Best, Omar")
    assert "salary" not in revised


@pytest.mark.parametrize(
    "draft",
    [
        "hey John, I had the interview on monday for the warehouse job and wanted to thank you. thanks, Pedro",
        "here it is: Hi Tom, thank you for meeting me yesterday about the barista job. Best, Anna",
        "Morning Ms. Lee,\nThank you for the interview on Tuesday for the nurse role.\nKind regards\nAmaka",
        "Dear Mrs Lopez, thank you for the interview last tuesday for the porter job. Kind regards, Samir Haddad",
    ],
)
def test_a_greeting_and_sign_off_that_are_there_are_not_asked_for(draft: str) -> None:
    reply = review(draft, Situation(branch="post_interview"))
    assert not fired(reply, "no_greeting") and not fired(reply, "no_signoff")


def test_a_subject_line_written_another_way_counts() -> None:
    for header in ("Subject line: Thank you", "Subj - Thank you", "RE: Data Analyst interview"):
        draft = GOOD_EMAIL.replace("Subject: Interview on Thu 26 Nov – Data Analyst", header)
        assert not fired(review(draft), "no_subject"), header


def test_a_pasted_body_without_layout_is_not_asked_for_a_subject() -> None:
    body = "Hi Maya, I'm interviewing with you on Thursday for the designer role. Thank you, I look forward to it! Ben"
    assert not fired(review(body, Situation(branch="pre_interview")), "no_subject")
    assert "a subject line" not in text_of(review(body, Situation(branch="pre_interview")))


def test_a_thank_you_of_two_sentences_is_not_called_thin() -> None:
    draft = "Subject: Thank you\n\nHi Tom,\n\nThank you for meeting me yesterday about the barista job.\n\nBest,\nAnna"
    reply = review(draft, Situation(branch="post_interview", goal="thank_you"))
    assert not fired(reply, "no_substance") and "thin" not in text_of(reply)


def test_a_misspelt_name_and_a_different_name_are_pointed_out() -> None:
    known = Situation(branch="post_interview", interviewer_name="Mr. Whitaker")
    typo = review(GOOD_EMAIL.replace("Ms Whitfield", "Mr. Whitacker"), known)
    assert fired(typo, "name_typo") and "“Whitaker”" in text_of(typo)
    other = review(GOOD_EMAIL.replace("Ms Whitfield", "Susan"), Situation(interviewer_name="Sarah Klein"))
    assert fired(other, "name_mismatch") and "Sarah Klein" in text_of(other)
    same = review(GOOD_EMAIL.replace("Ms Whitfield", "Sarah"), Situation(interviewer_name="Sarah Klein"))
    assert not fired(same, "name_mismatch") and not fired(same, "name_typo")


def test_a_good_draft_gets_no_pressure_or_substance_remark() -> None:
    reply = review(GOOD_EMAIL)
    assert not fired(reply, "demanding") and not fired(reply, "no_substance")


def test_a_messy_one_line_paste_is_read_fairly_and_its_rewrite_is_clean() -> None:
    draft = (
        "hey sarah!! hope ur good. so its been like 10 days since my interview for the admin assistant job and i "
        "havent heard ANYTHING. i really need to know by monday bc i have another interview. whats the pay btw. "
        "thx, Kemi"
    )
    reply = review(draft, Situation(branch="post_interview"))
    assert fired(reply, "demanding") and fired(reply, "salary") and fired(reply, "casual")
    assert not fired(reply, "email_too_long") and not fired(reply, "no_signoff") and not fired(reply, "no_greeting")
    revised = revise(draft, Situation(branch="post_interview"))
    assert revised.startswith("Hi Sarah,\n\nHope you're good. So it's been")
    assert "ANYTHING" not in revised and "pay" not in revised
    assert "need to know by" not in revised and revised.endswith("Kemi")


@pytest.mark.parametrize(
    "line",
    [
        "I find it somewhat unprofessional not to be kept informed.",
        "Please let me know by tomorrow.",
        "Who did you hire instead?",
        "I cannot wait indefinitely.",
    ],
)
def test_an_impatient_or_reproachful_line_is_flagged(line: str) -> None:
    draft = f"Subject: Update\n\nDear Ms. Brandt,\n\nThank you for the interview last week. {line}\n\nRegards,\nTomasz"
    reply = review(draft, Situation(branch="post_interview", goal="status_check"))
    assert fired(reply, "demanding") or fired(reply, "hostile")  # reproach is flagged as blame, pressure as pressure
    assert "a patient, gracious tone" not in text_of(reply)


AFTER_STATUS = Situation(branch="post_interview", goal="status_check")


@pytest.mark.parametrize(
    "line",
    [
        "I think I deserve to know why.",
        "Honestly I expected better from a company like yours.",
        "You ghosted me for three weeks.",
        "This is unprofessional.",
        "I really think you made the wrong call.",
        "It is kind of frustrating to hear nothing.",
        "Can you at least let me know if the role is filled?",
    ],
)
def test_an_angry_or_entitled_line_is_flagged_first_and_never_praised(line: str) -> None:
    draft = f"Subject: Data Analyst interview\n\nDear Ms. Brandt,\n\nThank you for the interview. {line}"
    draft += "\n\nRegards,\nTomasz"
    reply = review(draft, AFTER_STATUS)
    assert fired(reply, "hostile")
    fixes = text_of(reply).split("Here's what I'd change:\n", 1)[1]
    assert fixes.startswith("• “") and "angry or blaming" in fixes.split("\n")[0]
    assert "gracious" not in text_of(reply).split("What works already:", 1)[-1]
    assert "I'd send it as it is" not in text_of(reply)


def test_a_calm_email_is_not_called_angry() -> None:
    draft = "Dear Ms. Brandt,\n\nThank you for the interview last week. I enjoyed it and remain keen on the role."
    draft += "\n\nRegards,\nTomasz"
    assert not fired(review(draft, AFTER_STATUS), "hostile")


def test_quotes_are_cut_at_a_word_boundary() -> None:
    line = "I expect an answer from your whole hiring committee about the decision on my application this week"
    reply = review(f"Dear Ms. Brandt,\n\n{line}.\n\nRegards,\nTomasz", AFTER_STATUS)
    quoted = re.findall(r"“([^”]+)”", text_of(reply))
    assert quoted and all(q.rstrip("…").split()[-1] in line.split() for q in quoted)


@pytest.mark.parametrize("chars, premium", [(231, True), (290, True), (320, False)])
def test_a_linkedin_note_is_checked_against_200_and_300_after_the_interview_too(chars: int, premium: bool) -> None:
    note = ("Hi Owen, thank you for the chat on Friday about the motion designer role. " * 6)[
        : chars - 12
    ] + " Best, Tomás"
    reply = review(note, Situation(branch="post_interview", goal="thank_you", channel="linkedin"))
    assert f"{len(note)} characters long" in text_of(reply)
    assert ("fit only with Premium" in text_of(reply)) == premium
    assert "fits LinkedIn's 200-character note limit" not in text_of(reply)


def test_a_greeting_and_a_bare_name_on_their_own_lines_count() -> None:
    draft = "hi sofia\nthank you for the interview and the feedback call, i enjoyed meeting the team.\nravi"
    reply = review(draft, Situation(branch="post_interview", goal="thank_you"))
    assert not fired(reply, "no_greeting") and not fired(reply, "no_signoff")


def test_a_vague_subject_is_flagged_with_an_example_from_the_facts() -> None:
    draft = GOOD_EMAIL.replace("Interview on Thu 26 Nov – Data Analyst", "Thanks")
    situation = Situation(branch="post_interview", goal="thank_you", role="Data Analyst")
    reply = review(draft, situation)
    assert fired(reply, "vague_subject") and "Thank you – Data Analyst interview" in text_of(reply)
    assert "[date]" not in text_of(reply) and "a subject line" not in text_of(reply).split("What works already:")[-1]


def test_the_subject_example_uses_the_facts_given() -> None:
    draft = GOOD_EMAIL.split("\n\n", 1)[1]
    situation = Situation(branch="post_interview", goal="status_check", role="Data Analyst", user_name="Sam Lee")
    reply = review(draft, situation)
    assert "Data Analyst interview – Sam Lee" in text_of(reply) and "[your name]" not in text_of(reply)


def test_a_calm_version_keeps_the_users_facts_and_drops_the_blame() -> None:
    draft = (
        "hi sofia\nhonestly im pretty disappointed, i did 4 rounds and then just a generic email?? i think i deserve "
        "to know why. i really think you made the wrong call.\nravi"
    )
    revised = revise(draft, Situation(branch="post_interview", goal="feedback", rejected="yes"))
    assert revised.startswith("Hi Sofia,") and revised.endswith("Ravi")
    assert "feedback" in revised and "deserve" not in revised and "wrong call" not in revised


def test_a_rewrite_keeps_a_fact_said_with_pressure_and_fixes_common_slips() -> None:
    draft = (
        "Hey Priya,\n\nThank you so much for you're time today!!! I really really enjoyed it. "
        "Also I wanted to ask when "
        "I will hear back because I have another offer and I need to know ASAP.\n\nThanks,\nMarcus"
    )
    revised = revise(draft, Situation(branch="post_interview", goal="thank_you"))
    assert "another offer" in revised and "ASAP" not in revised
    assert "your time" in revised and "really really" not in revised


def test_a_repeated_chase_is_flagged_and_left_out_of_the_rewrite() -> None:
    draft = "hi sam, just bumping this to the top of your inbox again. "
    draft += "could you let me know if the role is filled? thanks, nina"
    situation = Situation(branch="post_interview", goal="status_check", followed_up="yes")
    assert fired(review(draft, situation), "repeat_follow_up")
    revised = revise(draft, situation)
    assert "bumping" not in revised and "role is filled?" in revised and revised.endswith("Nina")


def test_a_shorter_version_keeps_the_opening_the_interest_and_the_request() -> None:
    draft = (
        "Subject: Following up - Brand Manager interview\n\nDear Grace,\n\nI hope you are well. "
        "I wanted to follow up on "
        "my interview last Tuesday for the Brand Manager role. I understand these things take time. I remain very keen "
        "on the role, especially the plan to relaunch the Oat Crunch range, which matches my work on a snacks relaunch "
        "where we grew share by four points and I led a team of six. Please let me know if there is any update.\n\n"
        "Kind regards,\nNadia Fox"
    )
    short = revise(draft, Situation(branch="post_interview", goal="status_check"), short=True)
    assert "I hope you are well" not in short and "take time" not in short and "team of six" not in short
    assert "Oat Crunch range." in short and "Please let me know if there is any update." in short
    assert short.startswith("Subject: Following up") and short.endswith("Nadia Fox")


def test_a_linkedin_message_after_the_interview_is_rewritten_as_one_paragraph() -> None:  # as edits.py lays it out
    note = "Hi Owen! It was great to chat on Friday. I'd love to be part of Lumen & Vale. Cheers, Tomás"
    revised = revise(note, Situation(branch="post_interview", goal="thank_you", channel="linkedin"))
    assert revised.count("\n\n") == 2 and "Subject" not in revised and revised.endswith("Best,\nTomás")


def test_a_rewrite_signs_with_the_dash_or_lowercase_name_of_the_draft() -> None:
    note = "hi tom, i'm interviewing with you on tuesday for the engineer job. looking forward!! - jess"
    assert revise(note, Situation(branch="pre_interview", goal="linkedin_intro")).endswith("Best, Jess")
    email = "subject: interview\n\nhi linda,\njust confirming I'm still on for thursday at 2.\nthx\nmaya"
    situation = Situation(branch="pre_interview", goal="logistics", user_name="maya", role="dental hygienist")
    revised = revise(email, situation)
    assert revised.endswith("Maya") and revised.startswith("Subject: Dental hygienist interview – Maya")
    dated = revise(email, replace(situation, interview_date="2026-12-03"))
    assert dated.startswith("Subject: Interview on Thursday 3 December – Dental hygienist")


def test_yours_faithfully_stays_the_sign_off_of_a_rewrite() -> None:
    letter = "Dear Ms. Whitfield,\n\nI am writing to ask about my application.\n\nYours faithfully,\nAlan Cho"
    revised = revise(letter, Situation(branch="post_interview", goal="status_check"))
    assert "faithfully" not in revised.split("\n\n")[1] and revised.endswith("Alan Cho")


def test_a_rewritten_email_without_a_subject_gets_one_from_the_facts_only() -> None:
    draft = "hi sofia\ni would be grateful for any feedback on my interviews.\nravi"
    known = Situation(branch="post_interview", goal="feedback", rejected="yes", role="UX designer")
    assert revise(draft, known).startswith("Subject: UX designer – thank you, and a short request\n\nHi Sofia,")
    assert revise(draft, replace(known, role=None)).startswith("Hi Sofia,")  # no '[role]' placeholder


def test_a_strength_given_after_the_review_goes_into_the_users_own_draft() -> None:
    draft = "Hi Priya,\n\nThank you for your time today. I enjoyed learning about the team.\n\nThanks,\nMarcus"
    situation = Situation(branch="post_interview", goal="thank_you", strength="building dashboards in Power BI")
    revised = revise(draft, situation)
    assert "my experience in building dashboards in Power BI would let me contribute" in revised
    assert revised.count("Power BI") == 1 and revised.endswith("Marcus")


CONFIRMATION = """Subject: Interview confirmation – Claims Adjuster

Dear Alicia,

Thank you for the invitation. I'm writing to confirm my interview on Wednesday, December 3 at 10:00 am.
Could you let me know which office I should go to?

Best regards,
Omar Haddad"""


def test_a_weekday_that_does_not_fit_its_date_is_flagged_and_fixed_in_the_rewrite() -> None:
    reply = review_draft(CONFIRMATION, PRE_EMAIL, NOW)
    assert fired(reply, "weekday_mismatch") and "Thursday" in text_of(reply)
    rewritten = revise(CONFIRMATION, PRE_EMAIL, now=NOW)
    assert "Thursday, December 3" in rewritten and "Wednesday" not in rewritten and "Omar Haddad" in rewritten


def test_a_weekday_that_fits_its_date_is_not_flagged() -> None:
    fine = CONFIRMATION.replace("Wednesday, December 3", "Thursday 3 Dec")
    assert not fired(review_draft(fine, PRE_EMAIL, NOW), "weekday_mismatch")


def test_misspellings_are_flagged_and_corrected_in_the_rewrite() -> None:
    text = (
        "Dear Ms Kaur, I hope your well. I wanted to check in on my application for the analyst role and "
        "reiterate my strong intrest. Kind regards, Femi Adeyemi"
    )
    reply = review_draft(text, Situation(branch="post_interview", goal="status_check"), NOW)
    assert fired(reply, "typos") and "\u201cintrest\u201d \u2192 \u201cinterest\u201d" in text_of(reply)
    assert "no spelling slips" not in text_of(reply)
    rewritten = revise(text, Situation(branch="post_interview", goal="status_check"), now=NOW)
    assert "strong interest" in rewritten and "you're well" in rewritten


def test_a_pay_range_asked_in_shorthand_is_flagged_not_praised() -> None:
    text = "hi ines, looking forward to tuesday! also wanted to ask what the comp range is for the role. cheers, theo"
    reply = review_draft(text, Situation(branch="pre_interview", goal="linkedin_intro", channel="linkedin"), NOW)
    assert fired(reply, "salary") and "no talk of pay" not in text_of(reply)


def test_a_deadline_set_for_them_is_pressure() -> None:
    text = GOOD_EMAIL.replace("I am keen to talk with you.", "Please let me know by Friday.")
    reply = review_draft(text, PRE_EMAIL, NOW)
    assert fired(reply, "demanding") and "Please let me know by Friday" in text_of(reply)


def test_a_short_check_in_is_read_as_english_and_found_empty() -> None:
    reply = review_draft("Subject: hi\n\nHi Raj, just checking in, any updates? thanks", PRE_EMAIL, NOW)
    assert "doesn't look like English" not in text_of(reply) and fired(reply, "no_substance")


def test_asking_the_agency_for_the_managers_address_is_flagged() -> None:
    text = "hey tom, any news? also can you give me the hiring managers email so i can follow up with her directly? thx"
    agency = Situation(branch="staffing_agency", goal="agency_status")
    assert fired(review_draft(text, agency, NOW), "around_agency")
    assert not fired(review_draft(text, replace(agency, invited_to_contact="yes"), NOW), "around_agency")


def test_a_calm_rewrite_drops_what_leaned_on_an_angry_sentence_and_the_entitlement() -> None:
    text = (
        "Hi Helen,\n\nI was really disappointed to hear I didn't get the role. Especially as I felt our talk went "
        "so well. I'd be grateful for feedback on what the successful candidate had that I didn't. Any pointers "
        "on my portfolio would help.\n\nThanks,\nLucia Ferraro"
    )
    rejected = Situation(branch="post_interview", goal="feedback", rejected="yes")
    assert fired(review_draft(text, rejected, NOW), "hostile")
    rewritten = revise(text, rejected, now=NOW)
    assert "Especially" not in rewritten and "successful candidate" not in rewritten and "Lucia Ferraro" in rewritten


def test_the_rate_asked_of_the_users_own_agency_recruiter_is_no_fault_and_stays_in_the_rewrite() -> None:
    note = (
        "Hi Laura,\n\nThanks for arranging my interview with Fenwick Partners on Friday. I think it went well. "
        "Do you know when they'll decide? Also, what's the hourly rate on this contract again?\n\nThanks,\nPriya"
    )
    agency = Situation(branch="staffing_agency", goal="agency_status", recruiter_name="Laura")
    text = "\n".join(m.text for m in review_draft(note, agency, NOW).messages)
    assert "hourly rate" not in text.split("What works already")[0]
    assert "hourly rate" in revise(note, agency)
    to_client = Situation(branch="staffing_agency", goal="contact_company", interviewer_name="Erin Cole")
    client_note = note.replace("Hi Laura", "Hi Erin")
    assert "Take out" in "\n".join(m.text for m in review_draft(client_note, to_client, NOW).messages)
    assert "hourly rate" not in revise(client_note, to_client)


THANK_YOU_AFTER = Situation(
    branch="staffing_agency",
    goal="agency_thank_you",
    interviewer_name="Ines Moreau",
    company="Northgate Energy",
    role="Site Engineer",
    interview_date="2026-11-19",
    invited_to_contact="yes",
)
TOLD_DRAFT = """Subject: Site Engineer interview

Dear Ines,

Thank you for meeting me on Wednesday about the Site Engineer role at Northgate Enrgy. I enjoyed hearing
about the substation upgrade and would love to help deliver it.

Kind regards,
Tomasz de la Vega"""


def test_the_draft_weekday_and_company_are_checked_against_what_the_user_said() -> None:
    reply = review(TOLD_DRAFT, THANK_YOU_AFTER)
    assert fired(reply, "weekday_vs_told") and "Thursday 19 November" in text_of(reply)
    assert fired(reply, "company_typo") and "“Enrgy”" in text_of(reply)
    revised = revise(TOLD_DRAFT, THANK_YOU_AFTER, now=NOW)
    assert "on Thursday about" in revised and "Northgate Energy" in revised
    assert revised.count("regards") == 1 and revised.endswith("Tomasz de la Vega")


def test_a_weekday_that_is_not_the_interview_day_is_not_taken_for_it() -> None:
    draft = "Dear Ines,\n\nThank you for your time. I could start on Monday if that suits you.\n\nBest,\nTomasz"
    assert not fired(review(draft, THANK_YOU_AFTER), "weekday_vs_told")


def test_lower_case_names_are_pointed_out() -> None:
    reply = review("hi dana, thank you for the interview on friday about the desk role. any news yet? marcus")
    assert fired(reply, "name_case") and "“dana”" in text_of(reply) and "“marcus”" in text_of(reply)


AGENCY_CLIENT = Situation(branch="staffing_agency", goal="contact_company", recruiter_name="Carlos", agency_name="Hays")


@pytest.mark.parametrize(
    "sentence",
    [
        "I haven't heard back from my recruiter so I wanted to ask you directly where things stand.",
        "My recruiter hasn't replied to my emails, so could you tell me if there is any news?",
        "I went through my recruiter at Hays but I haven't heard a thing from them in two weeks.",
    ],
)
def test_writing_to_the_client_around_a_slow_recruiter_is_flagged(sentence: str) -> None:
    draft = f"Hi Linda,\n\nThank you for the interview on Monday for the analyst contract. {sentence}\n\nBest,\nArjun"
    reply = review(draft, AGENCY_CLIENT)
    assert fired(reply, "bypass_agency")
    assert "It follows the advice well" not in text_of(reply) and "calm, polite tone" not in text_of(reply)
    revised = revise(draft, AGENCY_CLIENT)
    assert "recruiter" not in revised.split("Hi Linda,")[1].lower() or "haven't heard" not in revised


def test_blaming_the_recruiter_is_flagged_even_with_an_invitation() -> None:
    draft = "Hi Gary,\n\nThank you for Monday's interview. The recruiter was vague about the start date.\n\nBest,\nBen"
    reply = review(draft, replace(AGENCY_CLIENT, invited_to_contact="yes"))
    assert fired(reply, "blame_recruiter") and not fired(reply, "bypass_agency")


def test_what_works_lists_only_what_is_true_of_this_draft() -> None:
    casual = "Hi Rebecca!!\n\nLooking forward to our interview on Thursday for the sales role, see u then!\n\nthx,\nLeo"
    text = text_of(review(casual))
    assert "calm, polite tone" not in text and "a professional tone" not in text
    assert not fired(review(casual), "no_thanks")  # "thx" is thanks, if too casual
    vague = review("Hello, I was wondering about the job. Thank you. Chloe", Situation(branch="post_interview"))
    assert fired(vague, "no_substance") and "says what it is about" not in text_of(vague)
    budget = review("Hi Dan,\n\nBefore our call on Tuesday, what is the budget for the role?\n\nThanks,\nHannah")
    assert fired(budget, "salary") and "no talk of pay" not in text_of(budget)


def test_a_numbered_list_of_questions_is_counted_and_the_advice_fits_the_stage() -> None:
    draft = (
        "Hi Daniel,\n\nCould you tell me: 1) how the team works, 2) what success looks like, and 3) whether "
        "it is hybrid?\n\nThanks,\nHannah"
    )
    assert "You ask 3 questions" in text_of(review(draft))
    also = draft.replace("?\n\nThanks", "? Also, could you send the team chart?\n\nThanks")
    assert "You ask 4 questions" in text_of(review(also))
    rejected = review(draft, Situation(branch="post_interview", rejected="yes"))
    assert "can wait for the interview" not in text_of(rejected) and "after a decision" in text_of(rejected)


def test_a_name_after_a_dash_at_the_end_is_a_sign_off() -> None:
    note = "Hi Ray, great to meet you on Friday about the QA role. Any news on next steps? Thanks a lot - Ben"
    assert not fired(review(note, Situation(branch="post_interview")), "no_signoff")
    unsigned = "Hi Ray, great to meet you on Friday about the QA role. Any news on next steps?"
    assert fired(review(unsigned, Situation(branch="post_interview")), "no_signoff")


POST_EMAIL = Situation(branch="post_interview", goal="status_check", channel="email")


def test_on_target_earnings_are_pay_and_the_pay_point_comes_before_the_layout() -> None:
    draft = (
        "Subject: Question\n\nHi Marta,\n\nIm looking foward to meeting you on Thursday. Which targets is the team "
        "judged on, and wether I should bring a portfolio? And what's the base/OTE split for the role?\n\nThanks,\nSam"
    )
    reply = review(draft)
    text = text_of(reply)
    assert fired(reply, "salary") and "“base/OTE”" in text and "no talk of pay" not in text
    assert text.index("Take out “base/OTE”") < text.index("The subject “Question”")
    assert "“wether” → “whether”" in text and "“Im” → “I'm”" in text


def test_money_saved_and_as_i_mentioned_in_a_thank_you_are_no_problem() -> None:
    draft = (
        "Subject: Thank you – planner interview\n\nDear Ravi,\n\nThank you for the interview yesterday for the "
        "planner role. As I mentioned, I saved my last team a lot of money by automating reports, and I'd love to "
        "bring that to your team.\n\nBest regards,\nIsla"
    )
    reply = review(draft, Situation(branch="post_interview", goal="thank_you", channel="email"))
    assert not fired(reply, "salary") and not fired(reply, "repeat_follow_up")
    assert "I'd send it as it is" in text_of(reply)


def test_asking_for_the_interview_questions_ahead_is_the_point_to_make() -> None:
    draft = (
        "Hi Priya,\n\nI'm looking forward to our interview on Wednesday for the analyst role. Would you be able "
        "to send me the questions in advance so I can prepare properly?\n\nThank you,\nLeo"
    )
    reply = review(draft)
    assert fired(reply, "interview_questions") and "“send me the questions”" in text_of(reply)
    assert text_of(reply).index("Leave out “send me the questions”") < text_of(reply).index("Add a subject line")
    plain = "Hi Priya, could you tell me how the interview will be structured and who I'll meet? Thanks, Leo"
    assert not fired(review(plain), "interview_questions")


def test_reconsider_and_the_perfect_fit_are_named_after_a_rejection_and_thanks_is_not_praised() -> None:
    draft = (
        "Hi Dana,\n\nI was honestly shocked by this. I would like you to reconsider my application, as I am the "
        "perfect fit for the team.\n\nThanks,\nMo"
    )
    reply = review(draft, Situation(branch="post_interview", goal="feedback", rejected="yes", channel="email"))
    assert fired(reply, "reconsider") and fired(reply, "presumptuous")
    assert "you thank them" not in text_of(reply) and "a focused number of questions" not in text_of(reply)
    revised = revise(draft, Situation(branch="post_interview", goal="feedback", rejected="yes"))
    assert "reconsider" not in revised.lower() and "feedback" in revised


def test_an_ultimatum_and_a_passive_aggressive_line_put_pressure_on_them() -> None:
    ultimatum = (
        "Dear Ms Lowe,\n\nThank you for the interview on Monday for the planner role. Please let me know by "
        "Friday or I'll accept the other offer.\n\nBest regards,\nKit"
    )
    reply = review(ultimatum, POST_EMAIL)
    assert fired(reply, "demanding") and "“or I'll accept the other offer”" in text_of(reply)
    nudge = "Hi Tom, following up on my two emails about the planner role. It would be nice to get at least a reply."
    assert fired(review(nudge + " Ana", POST_EMAIL), "hostile")
    offer = "Hi Tom, thank you for Monday. I have another offer, so could you tell me your timeline? Best, Ana"
    assert not fired(review(offer, POST_EMAIL), "demanding")


def test_going_round_the_agency_and_running_it_down_are_named() -> None:
    draft = (
        "Hi Steve,\n\nJust following up on my interview from the 17th as I haven't heard anything from Hays. I'm "
        "fed up with the agency as they never ring back, so I thought I'd come to you directly. Any news?"
        "\n\nThanks,\nOlu"
    )
    situation = Situation(branch="staffing_agency", goal="contact_company", agency_name="Hays", channel="email")
    reply = review(draft, situation)
    text = text_of(reply)
    assert fired(reply, "bypass_agency") and fired(reply, "blame_recruiter")
    assert "come to you directly" in text and "heard anything from Hays" in text and "fed up with the agency" in text
    named = replace(situation, agency_name="Brightwell Recruitment")
    told = "Hi Fiona, I'm following up on my interview on the 20th as I've heard nothing from Brightwell. Thanks, Tariq"
    assert "heard nothing from Brightwell" in text_of(review(told, named))
    revised = revise(draft, replace(situation, agency_name="Hays Recruitment"))
    assert "following up on my interview from the 17th." in revised
    assert "Hays" not in revised and "agency" not in revised and "directly" not in revised
