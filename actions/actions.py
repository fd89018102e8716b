"""The Rasa action classes: a thin layer that reads slots, calls the engine and dispatches its reply."""

from __future__ import annotations

import json
import re
from dataclasses import fields, replace
from datetime import datetime
from typing import Any, Callable, Dict, List, Set, Tuple

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.engine.advice import (
    ASKED_FACTS,
    DRAFT_FACTS,
    FACT_LABELS,
    FOR_THAT_DAY,
    advise,
    changes,
    decide,
    draft_on_request,
    missing_facts,
    outcome,
    pick_draft_kind,
    remembered,
    verdict_basis,
)
from actions.engine.dates import fmt_day, now_from
from actions.engine.drafts import LINKEDIN_NOTE_LIMIT, render_draft
from actions.engine.edits import (
    STYLES,
    Edit,
    apply_edits,
    cut_keeping_added,
    fit_connection_note,
    merge_edits,
    rewordings,
    tone_of,
)
from actions.engine.knowledge import load_knowledge, load_understanding
from actions.engine.reply import Message, Reply
from actions.engine.review import review_draft, revise
from actions.engine.situation import Situation
from actions.engine.spelling import spelling_tables
from actions.engine.topics import FEELINGS, answer_topic, ranked, topic_days, topic_file
from actions.engine.vocabulary import BRANCHES, DRAFT_KINDS, OWN_DRAFT, STATUS_GOALS, TOPIC_DRAFT_KINDS, UNKNOWN
from actions.understanding import ParsedMessage, knowledge, parsed_entities, understand

# The people's names a pasted draft may give but never change: the review compares the draft with them.
NAMES = ("interviewer_name", "recruiter_name", "user_name")
# Metadata keys a channel may use to send the user's time zone (the web page sends customData.timezone).
TZ_KEYS = ("timezone", "tz", "time_zone")


def message_time(tracker: Tracker) -> datetime:
    """When the latest user message was sent, in the user's time zone when the channel told us."""
    user_events = [event for event in tracker.events if event.get("event") == "user"]
    timestamp = user_events[-1].get("timestamp") if user_events else None
    metadata = tracker.latest_message.get("metadata") or {}
    tz_name = next((metadata[key] for key in TZ_KEYS if isinstance(metadata.get(key), str)), None)
    return now_from(timestamp, tz_name)


def situation_of(tracker: Tracker) -> Situation:
    """The user's situation from the current slots."""
    return Situation.from_slots(tracker.current_slot_values())


def send(dispatcher: CollectingDispatcher, reply: Reply) -> None:
    """Dispatch every message of an engine reply, buttons included."""
    for message in reply.messages:
        buttons = [{"title": button.title, "payload": button.payload} for button in message.buttons]
        extra = {"draft_kind": message.draft_kind} if message.draft_kind else {}
        dispatcher.utter_message(text=message.text, buttons=buttons or None, **extra)


def _times_asked(tracker: Tracker, slot: str) -> int:
    """How many times in a row the form has asked for this slot (slot `times_asked`, "decision_date:2")."""
    name, _, count = str(tracker.get_slot("times_asked") or "").partition(":")
    return int(count) if name == slot and count.isdigit() else 0


def _asked_now(tracker: Tracker, events: List[EventType]) -> List[EventType]:
    """The `times_asked` count after this validation: one more when the form asks the same slot again."""
    asking = next((e["value"] for e in reversed(events) if e.get("name") == "requested_slot"), None)
    if asking is None:
        return [SlotSet("times_asked", None)] if tracker.get_slot("times_asked") else []
    return [SlotSet("times_asked", f"{asking}:{_times_asked(tracker, asking) + 1}")]


def _set_this_turn(tracker: Tracker, names: tuple) -> bool:
    """Whether one of these slots was set to a value since the latest user message."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "slot" and event.get("name") in names and event.get("value"):
            return True
    return False


# The names this turn may give while the form waits for another answer: said back, not "didn't catch that".
NAMED_FACTS = ("interviewer_name", "recruiter_name", "user_name", "company", "role", "agency_name")


def _named_this_turn(tracker: Tracker) -> str | None:
    """'Noted (recruiter: Dana Reid).' for the names set since the latest user message, or None."""
    said: Dict[str, Any] = {}
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            break
        if event.get("event") == "slot" and event.get("name") in NAMED_FACTS and event.get("value"):
            said.setdefault(event["name"], event["value"])
    if not said:
        return None
    return "Noted (" + "; ".join(f"{FACT_LABELS[name]}: {said[name]}" for name in NAMED_FACTS if name in said) + ")."


def _draft_shown(tracker: Tracker) -> bool:
    """Whether the coach has shown one of its drafts in this conversation (slot, or earlier in this turn)."""
    return bool(tracker.get_slot("draft_shown")) or any(
        e.get("event") == "bot" and (e.get("metadata") or {}).get("draft_kind") for e in tracker.events
    )


def _read_already(tracker: Tracker) -> bool:
    """Whether this user message was already read: slots were set after it in this turn."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "slot" and event.get("name") != "requested_slot":
            return True
    return False


def _said_this_turn(tracker: Tracker) -> set:
    """The texts the coach has sent since the latest user message."""
    said = set()
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            break
        if event.get("event") == "bot":
            said.add(event.get("text"))
    return said


def side_answers(tracker: Tracker, situation: Situation, asking: bool) -> Tuple[List[str], List[str]]:
    """Answers to the side questions told before any answer that need no verdict, and the topics left waiting.

    The topics left wait for the first answer in the slot `asked_topics`.
    With the story itself (not `asking`), calling, texting and pay are left to the answer: there they are
    usually the main question ("should I call or email?") or part of the story ("I asked about the pay").
    """
    person = _person_named(tracker)
    side = SIDE_TOPICS if asking else SIDE_TOPICS - MAIN_QUESTION_TOPICS
    days = topic_days(situation, message_time(tracker).date())  # the same dated answer the advice would add after
    answers = [answer_topic(t, situation, person, days=days) for t in topics_of(tracker) if t in side]
    latest = topics_of(tracker)
    waiting = [t for t in story_topics(tracker) if t not in FEELINGS and not (t in side and t in latest)]
    return [answer for answer in answers if answer], waiting


class ActionExtractSituation(Action):
    """Fills the situation slots from every user message (custom slot mapping)."""

    def name(self) -> str:
        """Unique identifier of the action."""
        return "action_extract_situation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        """Return SlotSet events for what the latest message says or corrects (once per message)."""
        if _read_already(tracker):  # Rasa runs the extraction again when a form activates: same message, read once
            return []
        latest = tracker.latest_message or {}
        message = ParsedMessage(
            text=str(latest.get("text") or ""),
            intent=(latest.get("intent") or {}).get("name"),
            entities=parsed_entities(latest),
            confidence=float((latest.get("intent") or {}).get("confidence") or 0.0),
        )
        requested = tracker.get_slot("requested_slot") if tracker.active_loop_name else None
        update = understand(message, tracker.current_slot_values(), requested, message_time(tracker))
        if requested not in (None, "draft_text") and message.intent == "review_draft":  # no answer to the question
            update = {name: value for name, value in update.items() if name not in ASKED_FACTS}
        if requested == "draft_text" or message.intent == "review_draft":  # "Dear Susan," never renames Sarah Klein
            update = {name: value for name, value in update.items() if not (name in NAMES and tracker.get_slot(name))}
            update.pop("decision_date", None)  # "I need to know by monday" is the user's wish, not their timeline
        if "cases" in update:  # another application: its facts are set whole, not as a follow-up of this one
            return [SlotSet(name, value) for name, value in update.items()]
        asks = bool(reply_cues(tracker) & {"clarify"})  # "which is it, now or closer to the day?": about the answer
        if (
            not requested
            and (topics_of(tracker) or wants_edit(tracker) or asks)
            and _previous_facts(tracker) is not None
        ):
            # "should I call instead?", "connect on LinkedIn as well?": a question about the answer, not a new story;
            # "add a line asking when they'll decide": a change to the draft, not a new goal
            asked = set(topics_of(tracker)) & CHANNEL_QUESTIONS and update.get("channel") != "none"  # "no email" tells
            # "no wait, i never had an interview": a fact told that moves the story, not a question about the answer
            told = update.get("not_scheduled") == "yes" and update.get("branch") not in (
                None,
                tracker.get_slot("branch"),
            )
            kept = (() if told else FOLLOW_UP_KEEPS) + (("channel",) if asked else ())
            kept += OFFER_DATES if "other_offer" in topics_of(tracker) else ()  # "an offer before the 14th?"
            update = {name: value for name, value in update.items() if name not in kept}
        branch = update.get("branch", tracker.get_slot("branch"))
        if "linkedin_too" in topics_of(tracker) and update.get("channel") == "linkedin" and branch != "pre_interview":
            del update["channel"]  # "and connect with him on LinkedIn too?": LinkedIn beside the note, not its channel
        if (
            requested
            and requested not in update
            and requested != "branch"
            and _times_asked(tracker, requested) >= 2
            and message.intent not in INTERRUPTING_INTENTS  # "ok bye": the goodbye, not the next question
        ):
            update[requested] = UNKNOWN  # asked twice without an answer: go on without it rather than loop
        return [SlotSet(name, value) for name, value in update.items()]


class ValidateSituationForm(FormValidationAction):
    """Keeps the form's questions to the facts still missing that change the advice."""

    def name(self) -> str:
        """Unique identifier of the form validation action."""
        return "validate_situation_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        """Validate as usual; before any answer, first answer the side questions that need no verdict.

        "The manager asked for my references, how quickly should I answer her?" gets its answer before the
        form's next question (messages from the slot-extraction action are dropped by Rasa, so it is here).
        """
        if _interrupts_question(tracker):
            return []  # nothing to validate: Rasa hands the turn to the form's rules (goodbye, help, ...)
        noted = case_note_first(dispatcher, tracker) + _moved_past_question(tracker)
        if _previous_facts(tracker) is None:
            feeling_first(dispatcher, tracker)  # "gutted tbh": sympathy before the next question
        events = noted + await super().run(dispatcher, tracker, domain)
        if _previous_facts(tracker) is None:
            slots = {**tracker.current_slot_values(), **{e["name"]: e["value"] for e in events if e.get("name")}}
            said = _said_this_turn(tracker)
            # a question after the review of the user's own draft ("is the OTE question ok?") is no story
            asking = tracker.get_slot("requested_slot") is not None or tracker.get_slot("last_draft") == OWN_DRAFT
            answers, waiting = side_answers(tracker, Situation.from_slots(slots), asking)
            for text in answers:
                if text not in said:
                    dispatcher.utter_message(text=text)
            events.append(SlotSet("asked_topics", waiting or None))
        return events + _asked_now(tracker, events)

    async def required_slots(
        self, domain_slots: List[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[str]:
        """The facts to ask for now, in order (a story told in full on activation gets its advice at once).

        A follow-up question after an answer ("is it ok to send it on a sunday?") asks nothing: it gets its answer.
        """
        if topics_of(tracker) and _previous_facts(tracker) is not None:
            return []
        if "running_late" in topics_of(tracker):  # late on the day itself: no questions, the answer at once
            return []
        if moves_interview(tracker) and _previous_facts(tracker) is None:  # the message to move it, at once
            return []
        return missing_facts(situation_of(tracker), asking=tracker.get_slot("requested_slot") is not None)

    def validate_unparsed_date(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Say which date could not be read, so the question that follows asks it again."""
        if value:
            dispatcher.utter_message(
                text=f"I couldn't read \u201c{str(value)[:60]}\u201d as a date. "
                "Could you write it like 'Thursday', 'next Tuesday' or '3 December'?"
            )
        return {"unparsed_date": None}


# Intents the form's rules answer while it waits for an answer (data/situation/rules.yml): "ok bye", "help".
# ("nerves" and "out_of_scope" stay with the form: its side answers give the tips, and a request read as off-topic
# under a question, "can you mention night shifts", is better answered by the form than by the scope note.)
INTERRUPTING_INTENTS = {"goodbye", "restart", "help", "bot_challenge", "chitchat", "thanks"}


def _interrupts_question(tracker: Tracker) -> bool:
    """Whether the message under the form's question is one its rules answer and it told no fact.

    The validation then returns nothing, so Rasa rejects the form's turn and the rule runs ("ok bye" ends the
    form with a goodbye); any event returned here, even the question count, would keep the form asking instead.
    """
    intent = (tracker.latest_message or {}).get("intent", {}).get("name")
    return (
        bool(tracker.get_slot("requested_slot"))
        and intent in INTERRUPTING_INTENTS
        and not _said_this_turn(tracker)  # not when the form resumes after the rule's answer
        and not _read_already(tracker)
    )


# Intents that ask the coach to go on to the message itself: said under a question, they pass over it.
GO_ON_INTENTS = {"ask_draft", "draft_shorter", "draft_formal", "edit_draft"}


def _moved_past_question(tracker: Tracker) -> List[EventType]:
    """The form's question, left unanswered, is skipped rather than asked a third time or over a request to write.

    "Draft the email to whoever you recommend" or "make it more direct" under "did they tell you when they would
    decide?" goes on without that fact (the same as "Not sure"); so does any third message that leaves it open.
    """
    requested = tracker.get_slot("requested_slot")
    if not requested or requested in ("branch", "goal", "draft_text") or tracker.get_slot(requested) is not None:
        return []
    asked = _times_asked(tracker, requested)
    intent = (tracker.latest_message or {}).get("intent", {}).get("name")
    if asked >= 2 or (asked >= 1 and intent in GO_ON_INTENTS):
        skipped = [SlotSet(requested, UNKNOWN)]
        tracker.add_slots(skipped)
        return skipped
    return []


def _previous_facts(tracker: Tracker) -> Dict[str, Any] | None:
    """The facts the previous answer of this conversation was based on, if one was given."""
    try:
        facts = json.loads(tracker.get_slot("advised") or "null")
    except ValueError:
        return None
    return facts if isinstance(facts, dict) else None


def _topics_in(parse: Dict[str, Any]) -> List[str]:
    """The follow-up topics one parsed message asks about (entity `topic`), in the order they are asked."""
    entities = [e for e in parse.get("entities") or [] if e.get("entity") == "topic"]
    entities.sort(key=lambda e: int(e.get("start") or 0))  # "1) tonight or tomorrow? 2) when to chase?"
    return [str(e["value"]) for e in entities]


def topics_of(tracker: Tracker) -> List[str]:
    """The follow-up topics the latest message asks about (entity `topic`), in the order they are asked."""
    return ranked(_topics_in(tracker.latest_message or {}))


def story_topics(tracker: Tracker) -> List[str]:
    """The topics asked with the story and still waiting for the first answer (slot `asked_topics`), and the latest's.

    "Can I email her? and what if they don't reply?" told before the form's question gets both answered with the
    advice that follows the user's answer to it.
    """
    waiting = [str(topic) for topic in tracker.get_slot("asked_topics") or []]
    return list(dict.fromkeys(waiting + _topics_in(tracker.latest_message or {})))


def _person_named(tracker: Tracker, beside_reader: bool = False) -> str | None:
    """The first person the latest message names, other than the user (and the interviewer, when `beside_reader`)."""
    skipped = ("self", "interviewer") if beside_reader else ("self",)
    entities = tracker.latest_message.get("entities") or []
    return next(
        (str(e["value"]) for e in entities if e.get("entity") == "PERSON" and e.get("role") not in skipped), None
    )


# Topics about someone beside the draft's reader: the interviewer named in the story is not the one to copy.
BESIDE_READER = ("cc",)


def topic_answers(tracker: Tracker, skip: tuple = (), only: tuple | None = None, story: bool = False) -> List[str]:
    """The answers to the latest message's follow-up topics (topics.yml), all or `only` some, but not `skip`.

    With `story`, also those asked with the story before the form's questions (`story_topics`).
    """
    situation, now = situation_of(tracker), message_time(tracker)
    to_recruiter = tracker.get_slot("last_draft") == "agency_checkin"
    verdict, kind = outcome(situation, now)
    days = topic_days(situation, now.date())
    asked = story_topics(tracker) if story else _topics_in(tracker.latest_message or {})
    # a topic outranks another only when it is answered here ("is it weird to connect on LinkedIn?" is still pushy)
    topics = ranked([t for t in asked if t not in skip + FEELINGS and (only is None or t in only)])
    has_draft = kind is not None
    answers = [
        answer_topic(t, situation, _person_named(tracker, t in BESIDE_READER), to_recruiter, verdict, has_draft, days)
        for t in topics
    ]
    said = _said_this_turn(tracker)
    return [answer for answer in answers if answer and not any(answer in text for text in said)]


def feeling_first(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Say a line of sympathy for a feeling the message shares ("gutted"), first and once; whether it was said."""
    feeling = next((t for t in topics_of(tracker) if t in FEELINGS), None)
    text = answer_topic(feeling, situation_of(tracker), None) if feeling else None
    said = {e.get("text") for e in tracker.events if e.get("event") == "bot"}
    said |= {m.get("text") for m in dispatcher.messages}
    if not text or text in said:
        return False
    dispatcher.utter_message(text=text)
    return True


# After a side question answered before the user told their story: the way back to it.
STORY_PROMPT = "Whenever you like, tell me about your interview (when, with whom) and I'll help you reach out."


def topics_before_answer(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType] | None:
    """A side question asked before any story ("what to wear?"): its answer and the way back, or None."""
    if topics_of(tracker) == ["aside"]:  # an aside alone gets the scope note
        return None
    if "running_late" in topics_of(tracker):  # "the bus broke down, I'll be 20 minutes late": what to do now
        return on_the_day(dispatcher, tracker)
    felt = feeling_first(dispatcher, tracker)
    answers = topic_answers(tracker)
    if not answers and not felt:
        return None
    if topic_draft(tracker) is not None:  # "how do I ask to move my interview?": the message, then the way back
        dispatcher.utter_message(text="\n".join(answers))
        events = send_topic_draft(dispatcher, tracker)
        dispatcher.utter_message(text=STORY_PROMPT)
        return events
    dispatcher.utter_message(text="\n".join(answers + [STORY_PROMPT]))
    return []


# A message that told two applications: which one the answer is about, and the way to the other.
CASE_NOTE = (
    "You've told me about two applications, so I'll keep them apart. First {current}; "
    "whenever you want to turn to {other}, just say \u201cnow {other}\u201d."
)


def case_note_first(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """Say which of the two applications of the message comes first, and how to switch, once (slot `case_note`)."""
    other = tracker.get_slot("case_note")
    if not other:
        return []
    current = tracker.get_slot("company") or "the first one"
    dispatcher.utter_message(text=CASE_NOTE.format(current=current, other=other))
    return [SlotSet("case_note", None)]


def panel_messages(tracker: Tracker, kind: str, edits: List[Edit] | None = None) -> List[Message]:
    """One draft per person of the panel the user named, each addressed to that person with a line of its own."""
    situation, now = situation_of(tracker), message_time(tracker)
    channel = tracker.get_latest_input_channel()
    try:
        talks = json.loads(tracker.get_slot("panel_talks") or "{}")
    except (TypeError, ValueError):
        talks = {}
    messages = []
    for name in tracker.get_slot("panel") or []:
        talk = str(talks.get(str(name).split()[0].lower(), "")) if isinstance(talks, dict) else ""
        # each note has a line of its own: what was discussed with that person, or a line to fill in
        tone = tone_of(edits or [])
        draft = render_draft(kind, replace(situation, interviewer_name=str(name), talk_with=talk), now, channel, tone)
        text = apply_edits(draft.text, edits or [], situation, toned=bool(tone))[0]
        messages.append(Message(text=text, draft_kind=draft.draft_kind))
    return messages


def panel_drafts(
    dispatcher: CollectingDispatcher, tracker: Tracker, edits: List[Edit] | None = None
) -> List[EventType]:
    """One draft per person of the panel the user named, each addressed to that person (changed if asked)."""
    kind = tracker.get_slot("last_draft")
    kind = kind if kind in DRAFT_KINDS else pick_draft_kind(situation_of(tracker), message_time(tracker))
    for note in panel_messages(tracker, kind, edits):
        dispatcher.utter_message(text=note.text, draft_kind=note.draft_kind)
    return [SlotSet("draft_each", True), SlotSet("last_draft", kind)]


def answer_topics(dispatcher: CollectingDispatcher, tracker: Tracker, draft: bool = False) -> List[EventType] | None:
    """Answer the latest message's follow-up topics after an answer; one draft per person for "one for each".

    The draft follows the answers when `draft` (the user asked for it) or a topic calls for it ("what do I say?").
    """
    topics = topics_of(tracker)
    if not topics or not _answered(tracker) or topics == ["aside"]:  # an aside alone gets the scope note
        return None
    felt = feeling_first(dispatcher, tracker)
    events: List[EventType] = []
    panel = tracker.get_slot("panel") or []
    if "one_each" in topics and len(panel) >= 2:
        dispatcher.utter_message(text=f"Here is one for each of them ({', '.join(map(str, panel))}):")
        events = panel_drafts(dispatcher, tracker)
    answers = topic_answers(tracker, skip=("one_each",) if events else ())
    if not answers and felt and not events:  # "gutted tbh": the sympathy, then the way on
        dispatcher.utter_message(text=ANYTHING_ELSE, buttons=help_next(tracker))
        return []
    if not answers:
        return events or None
    kind = outcome(situation_of(tracker), message_time(tracker))[1]
    insisted = draft and not kind and draft_on_request(situation_of(tracker), message_time(tracker))
    kind = kind or insisted  # "I'd like to send it anyway, draft the note": their call after advice against it
    branch = situation_of(tracker).branch
    draft = draft or any(t in WITH_DRAFT and branch in WITH_DRAFT[t] for t in topics)  # "what should I say in it?"
    if not events and kind and draft:
        dispatcher.utter_message(text="\n".join(answers + ([YOUR_CALL] if insisted else [])))
        written = _draft(tracker, "draft_kind")
        send(dispatcher, Reply(messages=[written]))
        dispatcher.utter_message(text=ANYTHING_ELSE, buttons=next_steps(tracker))
        return [SlotSet("last_draft", written.draft_kind), SlotSet("draft_kind", None)]
    if topic_draft(tracker) is not None:  # "can I ask Nadia to move it?": the answer, then the message to send
        dispatcher.utter_message(text="\n".join(answers))
        events = events + send_topic_draft(dispatcher, tracker)
        dispatcher.utter_message(text=ANYTHING_ELSE, buttons=next_steps(tracker))
        return events
    dispatcher.utter_message(text="\n".join(answers), buttons=next_steps(tracker))
    return events


def _verdict_moved(tracker: Tracker) -> bool:
    """Whether the one-word verdict differs from the one last given (a detail that is no remembered fact moved it)."""
    given = tracker.get_slot("verdict")
    if given is None or _previous_facts(tracker) is None:
        return False
    return outcome(situation_of(tracker), message_time(tracker))[0] != given


# Topics that ask for a change to the draft itself: beside an edit, the edit is their answer.
DRAFT_TOPICS = ("add_question", "what_to_say", "length", "subject_line", "greeting", "one_each")


def also_answer(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """After a draft was changed or shown, the answers to the other questions of the same message.

    "Make it shorter, and should I add her on LinkedIn?" gets the shorter draft and the LinkedIn answer.
    """
    said = [str(m.get("text") or "") for m in dispatcher.messages]
    answers = [a for a in topic_answers(tracker, skip=DRAFT_TOPICS) if not any(a in text for text in said)]
    if answers:
        dispatcher.utter_message(text="\n".join(answers))
    return []


# Changes on the employer's side: they cancelled, moved the interview or did not turn up (no thank-you: no interview).
THEIR_CHANGE = ("they_cancelled", "they_moved", "no_show")


def moves_interview(tracker: Tracker) -> bool:
    """Whether the latest message is about moving the interview: the user's wish, or a change on their side."""
    return any(topic in ("reschedule",) + THEIR_CHANGE for topic in topics_of(tracker))


def topic_draft(tracker: Tracker, situation: Situation | None = None) -> Message | None:
    """The message a reschedule or running-late question calls for, filled with the names, day and time told."""
    topics = topics_of(tracker)
    late = "running_late" in topics
    their = next((topic for topic in topics if topic in THEIR_CHANGE), "")
    if not late and not their and "reschedule" not in topics:
        return None
    situation, now = situation or situation_of(tracker), message_time(tracker)
    kind = TOPIC_DRAFT_KINDS[0]  # the message asking to move the interview (or, late, saying so)
    situation = replace(situation, their_change=their or None)  # kept with the draft, so a change to it keeps it
    return render_draft(kind, situation, now, tracker.get_latest_input_channel(), late=late)


def send_topic_draft(
    dispatcher: CollectingDispatcher, tracker: Tracker, situation: Situation | None = None
) -> List[EventType]:
    """Dispatch the reschedule or running-late message after its answer; the reschedule one can then be edited."""
    draft = topic_draft(tracker, situation)
    if draft is None:
        return []
    if "running_late" in topics_of(tracker):  # what to say on the phone now (or text): a script, no draft to keep
        dispatcher.utter_message(text=draft.text)
        return []
    send(dispatcher, Reply(messages=[draft]))
    their = next((topic for topic in topics_of(tracker) if topic in THEIR_CHANGE), None)
    return [SlotSet("last_draft", draft.draft_kind), SlotSet("draft_edits", None), SlotSet("their_change", their)]


# Intents whose messages the extraction reads no names from (a guess that the message is off topic or small talk).
NOT_A_STORY = ("out_of_scope", "chitchat", "nlu_fallback")


def parsed_latest(tracker: Tracker) -> ParsedMessage:
    """The latest message handed on for understanding; a guess that it is off topic or small talk read as a story."""
    latest = tracker.latest_message or {}
    intent = (latest.get("intent") or {}).get("name")
    return ParsedMessage(
        text=str(latest.get("text") or ""),
        intent="inform" if intent in NOT_A_STORY else intent,  # late for an interview: a story, whatever the guess
        entities=parsed_entities(latest),
        confidence=float((latest.get("intent") or {}).get("confidence") or 0.0),
    )


def told_now(tracker: Tracker) -> Tuple[Situation, List[EventType]]:
    """The situation with the latest message's facts, and their slots when no extraction read them yet.

    "The bus broke down, I'll be 20 minutes late for Dr. Patel at 11" taken for out of scope is not read by the
    extraction, yet its names and time belong in the note to send.
    """
    if _read_already(tracker):
        return situation_of(tracker), []
    update = understand(parsed_latest(tracker), tracker.current_slot_values(), None, message_time(tracker))
    slots = {**tracker.current_slot_values(), **update}
    return Situation.from_slots(slots), [SlotSet(name, value) for name, value in update.items()]


def on_the_day(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """Running late on the interview day: how to tell them now and what to say, with the message's other questions.

    No verdict.
    """
    answers = topic_answers(tracker, skip=("what_to_say",))
    if answers:  # (a side answer the form gave this turn is not said twice)
        dispatcher.utter_message(text="\n".join(answers))
    situation, told = told_now(tracker)
    events = told + send_topic_draft(dispatcher, tracker, situation)
    dispatcher.utter_message(text=ANYTHING_ELSE, buttons=[{"title": "Start over", "payload": "/restart"}])
    if "running_late" in topics_of(tracker):
        return events
    # asking to move it: the facts told are remembered, so a change to the message or a new question can follow
    return events + [SlotSet("advised", json.dumps(remembered(situation)))]


def _reader_fixed(tracker: Tracker, before: Dict[str, Any] | None, now_known: Dict[str, Any]) -> bool:
    """Whether "you put my name as the recipient, it was Ben Cole" fixes the reader: no "sign" edit of a known name."""
    edits = {str(e.get("value")) for e in tracker.latest_message.get("entities") or [] if e.get("entity") == "edit"}
    moved = {k for k in now_known if before is not None and now_known[k] != before.get(k)}
    wrong = bool(reply_cues(tracker) & {"draft_change", "draft_wrong"})
    return (
        edits == {"sign"}
        and wrong
        and "user_name" not in moved
        and bool(moved & {"interviewer_name", "recruiter_name"})
    )


def _only_name_told(before: Dict[str, Any] | None, now_known: Dict[str, Any]) -> bool:
    """Whether the user's own name is the one fact that changed since the last answer."""
    return before is not None and {k for k in now_known if now_known[k] != before.get(k)} == {"user_name"}


def signed_again(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """The draft shown again signed with the name the user just gave ("sign it Catherine Moore")."""
    situation = situation_of(tracker)
    dispatcher.utter_message(text=f"Signed with your name, {situation.user_name}:")
    events = show_draft(dispatcher, tracker, lead=False)
    return events + also_answer(dispatcher, tracker) + [SlotSet("advised", json.dumps(remembered(situation)))]


def give_advice(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """The advice, after saying which application it is about when the message told two."""
    noted = case_note_first(dispatcher, tracker)
    return noted + _give_advice(dispatcher, tracker)


def _give_advice(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """Dispatch the advice (brief when one was given before) and return the slots that remember it.

    A follow-up question beside the story ("and one to each of them?") is answered after the advice; when the
    facts did not change, that answer is the whole reply.
    """
    if "running_late" in topics_of(tracker):  # "the train is stuck, I'll be 20 min late": no verdict, act now
        return on_the_day(dispatcher, tracker)
    if moves_interview(tracker) and _previous_facts(tracker) is None:  # "need to move my interview", "she cancelled"
        return on_the_day(dispatcher, tracker)
    if any(topic in THEIR_CHANGE for topic in topics_of(tracker)):  # "he just moved it to monday" after an answer
        return on_the_day(dispatcher, tracker)
    closed = closing_note(dispatcher, tracker)  # "i never followed up tho. anyway thanks, bye": no advice again
    if closed is not None:
        return closed
    situation, now = situation_of(tracker), message_time(tracker)
    before, now_known = _previous_facts(tracker), remembered(situation)
    feeling_first(dispatcher, tracker)  # "gutted tbh, I'd like to know why": sympathy before the answer
    if wants_edit(tracker) and not _reader_fixed(tracker, before, now_known):  # "add that I'm free tuesday"
        events = edit_draft(dispatcher, tracker)
        return events + also_answer(dispatcher, tracker) + [SlotSet("advised", json.dumps(now_known))]
    moved = _verdict_moved(tracker)  # "I'll only have two days to build the presentation": a new answer
    if before is not None and before == now_known and not moved:
        handled = answer_topics(dispatcher, tracker) if topics_of(tracker) else None
        return nothing_new(dispatcher, tracker) if handled is None else handled
    if _only_name_told(before, now_known):
        return signed_again(dispatcher, tracker)
    if _draft_fact_fixed(tracker, before, now_known):  # "sorry, it was Sarah not Sandra": the draft again, no verdict
        noted = "; ".join(changes(before or {}, situation, now.date()))
        wrong = reply_cues(tracker) & {"draft_change", "draft_wrong"}  # "you put my name as the recipient"
        fixed = DRAFT_FIXED if wrong else DRAFT_FACT_FIXED
        dispatcher.utter_message(text=fixed.format(noted=noted))
        events = show_draft(dispatcher, tracker, lead=False, edit=not _reader_fixed(tracker, before, now_known))
        dispatcher.utter_message(text=ANYTHING_ELSE, buttons=next_steps(tracker))
        return events + [SlotSet("advised", json.dumps(now_known))]
    shown = _draft_shown(tracker)
    reply = advise(
        situation,
        now,
        tracker.get_latest_input_channel(),
        before=before,
        draft_on_screen=shown,
        verdict_before=tracker.get_slot("verdict") if before is not None else None,
        # "that's not what I asked, I want to ask how to prepare" under a draft: the draft they meant, even for later
        draft_asked="draft_asked" in reply_cues(tracker) or (shown and "draft_wrong" in reply_cues(tracker)),
    )
    verdict, draft = outcome(situation, now)
    reviewed = _own_draft(tracker)
    if draft and reviewed and verdict != "logistics":  # the user's own draft stays the draft, unless only a
        # practical question is worth sending: then the advice's one-line question, not the draft it advised against
        own_text = revise(reviewed, situation, now=now)
        reply.messages = [
            replace(m, text=own_text, draft_kind=OWN_DRAFT) if m.draft_kind else m for m in reply.messages
        ]
        draft = OWN_DRAFT
    kept = stored_edits(tracker) if draft and draft == tracker.get_slot("last_draft") else []
    if kept:  # "less formal" stays less formal when a fact changes the draft ("my name is Maya Torres")
        channel = tracker.get_latest_input_channel()
        reply.messages = [
            replace(m, text=edited(draft, m.text, kept, situation, now, channel)) if m.draft_kind == draft else m
            for m in reply.messages
        ]
    if draft and _same_draft_on_screen(tracker, situation, now, draft):  # "should I also message her myself?"
        reply.messages = [m for m in reply.messages if m.draft_kind != draft]  # the note above still stands
    each = _one_each(tracker, draft)
    if each:  # "...with Priya Shah and Ben Torres. And one to each of them?": a note per person, at once
        at = next((i for i, m in enumerate(reply.messages) if m.draft_kind == draft), len(reply.messages))
        rest = [m for m in reply.messages if m.draft_kind != draft]
        reply.messages = rest[:at] + panel_messages(tracker, draft, kept) + rest[at:]
    # the verdict itself says how long and which channel (and, for a status question, the day to write);
    # a first answer takes only the topics told beside a story
    said_by_verdict = ("how_long", "channel_choice") + (("write_date",) if situation.goal in STATUS_GOALS else ())
    said_by_verdict += ("call_instead",) if situation.goal == "call_or_email" else ()  # "call or email?" is the verdict
    said_by_verdict += ("linkedin_too",) if situation.goal == "linkedin_intro" else ()  # "add her on LinkedIn?" too
    said_by_verdict += ("pushy",) if not before and story_topics(tracker) == ["pushy"] else ()  # the only question
    answers = topic_answers(
        tracker, skip=said_by_verdict, only=None if before else FIRST_ANSWER_TOPICS, story=not before
    )
    if answers and before is not None:  # a follow-up: the answer to the question before the line pointing to more
        reply.messages.insert(len(reply.messages) - 1, Message(text="\n".join(answers)))
    send(dispatcher, reply)
    shown = shown or any(message.draft_kind for message in reply.messages)
    if answers and before is None:
        dispatcher.utter_message(text="\n".join(answers))
    if verdict is None:
        return []
    return ([SlotSet("draft_each", True)] if each else []) + [
        SlotSet("asked_topics", None),
        SlotSet("verdict", verdict),
        SlotSet("advised", json.dumps(now_known)),
        SlotSet("last_draft", draft),
        *([] if each else [SlotSet("draft_each", None)]),
        SlotSet("draft_edits", [f"{kind}:{words}" for kind, words in kept] or None),
        SlotSet("draft_shown", shown or None),
    ]


# Before the draft shown again when a correction changed only a name, the company or the role in it.
DRAFT_FACT_FIXED = "Noted ({noted}). My advice stays the same; here is the draft with that change:"
# The same, when the user said the draft itself was wrong ("you put my name as the recipient"): the draft is fixed.
DRAFT_FIXED = "Sorry about that, fixed ({noted}). Here is the draft with that change:"


def _draft_fact_fixed(tracker: Tracker, before: Dict[str, Any] | None, now_known: Dict[str, Any]) -> bool:
    """Whether the message only corrects or adds a fact the draft on screen is written with; the answer stands.

    "oh and the role is data analyst", "the recruiter is called Jo": the draft is shown again with it, without the
    verdict. Not beside a question (answered on the usual path), nor for one note per panel member or an own draft.
    """
    if before is None or not _draft_shown(tracker) or topics_of(tracker) or tracker.get_slot("draft_each"):
        return False
    changed = {name for name in now_known if now_known[name] != before.get(name)}
    if not changed or not changed <= DRAFT_FACTS or _verdict_moved(tracker):
        return False
    situation, now = situation_of(tracker), message_time(tracker)
    kind = outcome(situation, now)[1]
    if kind is None or kind != tracker.get_slot("last_draft") or tracker.get_slot("draft_kind"):
        return False
    known = {name: value for name, value in before.items() if name in SITUATION_FIELDS}
    channel = tracker.get_latest_input_channel()
    earlier = render_draft(kind, replace(situation, **known), now, channel).text
    return earlier != render_draft(kind, situation, now, channel).text  # a name the draft doesn't use: no redraw


def closing_note(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType] | None:
    """A fact told beside thanks or a goodbye that leaves the answer as it was: kept, said in one line, then the close.

    "i never followed up tho, they told me not to. anyway thanks, bye" gets "Noted (already followed up: no). That
    doesn't change my answer: ..." and the goodbye, never the verdict again. None when the message asks something,
    changes the answer, or changes only what the draft is written with (the draft is then shown again).
    """
    cues = reply_cues(tracker)
    before = _previous_facts(tracker)
    if "closing" not in cues or "question" in cues or before is None or _verdict_moved(tracker):
        return None
    situation, now = situation_of(tracker), message_time(tracker)
    now_known = remembered(situation)
    changed = {name for name in now_known if now_known[name] != before.get(name)}
    if not changed or changed <= DRAFT_FACTS or {"branch", "goal"} & changed:
        return None
    verdict = outcome(situation, now)[0]
    noted = "; ".join(changes(before, situation, now.date()))
    line = (f"Noted ({noted}). " if noted else "Noted. ") + STANDS.get(str(verdict), "")
    dispatcher.utter_message(text=line.strip())
    dispatcher.utter_message(response="utter_goodbye" if "goodbye" in cues else "utter_you_are_welcome")
    return [SlotSet("advised", json.dumps(now_known))]


def _one_each(tracker: Tracker, draft: str | None) -> bool:
    """Whether the answer's draft is written once per panel member: asked for ("one to each of them?") with names."""
    thanks = draft in ("thank_you_email", "linkedin_thank_you")
    return bool(thanks and "one_each" in topics_of(tracker) and len(tracker.get_slot("panel") or []) >= 2)


# The facts a Situation holds (the remembered facts of an earlier answer are a subset).
SITUATION_FIELDS = frozenset(field.name for field in fields(Situation))


def _same_draft_on_screen(tracker: Tracker, situation: Situation, now: datetime, kind: str) -> bool:
    """Whether a new question's answer is the draft the user already has on screen, word for word.

    Only when the question changed (another goal): the same question asked again ("what should the email say?")
    gets its draft again.
    """
    before = _previous_facts(tracker)
    if before is None or before.get("goal") == situation.goal or kind not in DRAFT_KINDS:
        return False
    if tracker.get_slot("last_draft") != kind:
        return False
    if not tracker.get_slot("draft_shown"):
        return False
    known = {name: value for name, value in before.items() if name in SITUATION_FIELDS}
    channel = tracker.get_latest_input_channel()
    earlier = render_draft(kind, replace(situation, **known), now, channel).text
    return earlier == render_draft(kind, situation, now, channel).text


class ActionGiveAdvice(Action):
    """Gives the advice, with concrete dates and a ready-to-send draft; a second answer says what changed."""

    def name(self) -> str:
        """Unique identifier of the action."""
        return "action_give_advice"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        """Dispatch the engine's advice and remember what it was based on."""
        return give_advice(dispatcher, tracker)


class ActionExplainAdvice(Action):
    """The full advice with its reasons and sources, when the user asks why."""

    def name(self) -> str:
        """Unique identifier of the action."""
        return "action_explain_advice"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        """Dispatch the full advice without repeating the draft; a follow-up topic's answer when it asks one."""
        handled = answer_topics(dispatcher, tracker)  # "what else can I do then?" read as "why?"
        return explain(dispatcher, tracker) if handled is None else handled


class ActionHelp(Action):
    """'What can you do?' before any answer; after one ('so what do I do now?'), the full advice and its reasons."""

    def name(self) -> str:
        """Unique identifier of the action."""
        return "action_help"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        """Dispatch the help text, or the full advice for the situation already told."""
        if not _answered(tracker):
            dispatcher.utter_message(response="utter_help")
            return []
        handled = answer_topics(dispatcher, tracker)  # "so what do I do if the date passes?"
        if handled is not None:
            return handled
        dispatcher.utter_message(text="Here is the whole picture for your situation, with the reasons:")
        return explain(dispatcher, tracker)


class ActionEditDraft(Action):
    """Changes the last draft as the user asked: shorter, more or less formal, warmer, a line added or taken out."""

    def name(self) -> str:
        """Unique identifier of the action."""
        return "action_edit_draft"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        """Dispatch the changed draft with a note of what changed; a follow-up question naming no change is answered."""
        if not wants_edit(tracker) and tracker.latest_message.get("intent", {}).get("name") not in INTENT_EDITS:
            handled = answer_topics(dispatcher, tracker)  # "can I ask about salary?" taken for "change the draft"
            if handled is not None:
                return handled
        return edit_draft(dispatcher, tracker) + also_answer(dispatcher, tracker)


# The change an intent stands for when the message names none (entity `edit`): "shorter please".
INTENT_EDITS = {"draft_shorter": "shorter", "draft_formal": "formal"}
EDIT_CHOICES = (
    "How should I change it? For example: shorter, more formal, less formal, warmer, as a LinkedIn message or a text, "
    "\u201cadd a line at the start: ...\u201d, \u201cchange 'Tuesday' to 'Thursday'\u201d or "
    "\u201ctake out the line about the salary\u201d."
)


OWN_REWRITTEN = "Your draft with the changes from my review made, your facts and names kept:"


# Words that name no line: "remove that line" points back at the words said before it.
POINTING = re.compile(r"(?i)^\W*(?:that|this|it|those|these|them)(?: one| bit| part)?\W*$")


def _named_line(words: str, text: str) -> str:
    """The words of the line to take out; for "I have no question for them, so remove that line", the sentence said."""
    if not POINTING.match(words):
        return words
    said = next((s for s in re.split(r"(?<=[.!?])\s+", text) if words.strip() in s), text)
    return re.sub(r"(?i)\b(?:so|and|please|pls)?\s*(?:remove|delete|drop|take out|cut)\b.*$", "", said)


def requested_edits(tracker: Tracker) -> List[Edit]:
    """The changes the latest message asks of the draft, in the order said (entities `edit` and `edit_text`).

    Each `edit` takes the `edit_text` words that follow it up to the next `edit`: the line (role: its kind), the new
    words of a "change X to Y" (role `with`) and where a line goes (role `at`: start or end).
    """
    entities = sorted(tracker.latest_message.get("entities") or [], key=lambda e: int(e.get("start") or 0))
    questions = [e for e in entities if e.get("entity") == "question"]
    text = str(tracker.latest_message.get("text") or "")
    edits: List[Edit] = []
    for index, entity in enumerate(entities):
        if entity.get("entity") != "edit":
            continue
        kind = str(entity.get("value"))
        later = next((i for i in range(index + 1, len(entities)) if entities[i].get("entity") == "edit"), None)
        said = [e for e in entities[index + 1 : later] if e.get("entity") == "edit_text"]
        words = {str(e.get("role")): str(e["value"]) for e in said}
        if kind == "add" and kind in words:
            line = words[kind]
            opened = next((int(e.get("start") or 0) for e in said if e.get("role") == kind), 0)
            if re.search(r"(?i)\b(?:that|saying|says)\s*$", text[:opened]) and not re.match(r"(?i)that\b", line):
                line = f"that {line}"  # "mention that the site lists two offices": a clause the user wrote
            for asked in _within(questions, [e for e in said if e.get("role") == kind]):
                line = f"{asked}|{line}"  # "add my question about parking": the coach's wording of that question
            edits.append(("add_start" if words.get("at") == "start" else "add_end" if words.get("at") else kind, line))
        elif kind == "remove" and kind in words:
            edits.append((kind, _named_line(words[kind], text)))
        elif kind == "reword":  # "reword the first line", "the bit about my experience sounds off"
            edits.append((kind, words.get(kind, "")))
        elif kind == "shorter" and kind in words:  # "under 60 words": the limit
            edits.append((kind, words[kind]))
        elif kind in ("keep", "retain") and kind in words:
            edits.append((kind, words[kind]))
        elif kind == "replace" and kind in words and "with" in words:  # "put 'at 4 pm' after 'Monday 7 December'"
            new = {"after": f"{words[kind]} {words['with']}", "before": f"{words['with']} {words[kind]}"}
            edits.append((kind, f"{words[kind]}|{new.get(words.get('at', ''), words['with'])}"))
        elif kind not in ("add", "remove", "replace", "keep", "retain", "reword") and (kind, "") not in edits:
            edits.append((kind, ""))
    intent = INTENT_EDITS.get((tracker.latest_message.get("intent") or {}).get("name"))
    return edits or ([(intent, "")] if intent else [])


def _within(found: List[Dict[str, Any]], spans: List[Dict[str, Any]]) -> List[str]:
    """The values of the entities that lie inside one of the spans (a question named in the words of a line)."""
    return [
        str(e["value"])
        for e in found[:1]
        if any(_start(s) <= _start(e) <= int(s.get("end") or _start(s) + len(str(s["value"]))) for s in spans)
    ]


def _start(entity: Dict[str, Any]) -> int:
    """Where an entity starts in the message (0 when not said)."""
    return int(entity.get("start") or 0)


def _slot_before_turn(tracker: Tracker, name: str) -> Any:
    """The value a slot had before the latest user message."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "slot" and event.get("name") == name:
            return event.get("value")
    return None


def _kept_question(tracker: Tracker) -> List[Edit]:
    """The draft's earlier question as a line of its own when this message adds another ("and parking too").

    The coach's draft asks one practical question; a second one named beside a change keeps the first
    unless the user says it replaces it.
    """
    earlier, now = _slot_before_turn(tracker, "question"), tracker.get_slot("question")
    entities = tracker.latest_message.get("entities") or []
    instead = any(e.get("entity") == "question" and e.get("role") == "instead" for e in entities)
    if not earlier or earlier == now or not _set_this_turn(tracker, ("question",)) or instead:
        return []
    if tracker.get_slot("last_draft") in (None, OWN_DRAFT):
        return []
    return [("add", f"{earlier}|")]


def stored_edits(tracker: Tracker) -> List[Edit]:
    """The changes already made to the draft on screen (slot draft_edits, "kind:words")."""
    return [tuple(str(e).split(":", 1)) for e in tracker.get_slot("draft_edits") or [] if ":" in str(e)]


def edit_draft(dispatcher: CollectingDispatcher, tracker: Tracker, default: str | None = None) -> List[EventType]:
    """Dispatch the last draft (or the one that fits) with the asked changes made, and say what changed.

    `default` is the change when the message names none and its intent is a guess ("shorter" after "too long?").
    """
    edits = requested_edits(tracker) or ([(default, "")] if default else [])
    edits = _kept_question(tracker) + edits if edits else edits
    unnamed = (  # "can you fix both?" on the coach's draft, no fact changed: which change is not said
        edits == [("rewrite", "")]
        and tracker.get_slot("last_draft") not in (None, OWN_DRAFT)
        and remembered(situation_of(tracker)) == _previous_facts(tracker)
    )
    if not edits and tracker.get_slot("last_draft") == OWN_DRAFT:  # "ok rewrite it pls" after a review
        return show_draft(dispatcher, tracker)
    detail = any(e.get("entity") in DRAFT_DETAILS for e in tracker.latest_message.get("entities") or [])
    if not edits and tracker.get_slot("last_draft") and (detail or _set_this_turn(tracker, DRAFT_DETAILS)):
        return show_draft(dispatcher, tracker)  # "I have five years in AML monitoring - please mention that"
    nothing_on_screen = not _draft_shown(tracker) and not tracker.get_slot("last_draft")
    if nothing_on_screen and edits in ([], [("rewrite", "")]):  # "any tips to calm down?": no draft to change
        return no_draft_to_change(dispatcher, tracker)
    if not edits or unnamed:
        dispatcher.utter_message(text=EDIT_CHOICES)
        return []
    if tracker.get_slot("draft_each") and len(tracker.get_slot("panel") or []) >= 2:  # "make them more formal"
        return panel_drafts(dispatcher, tracker, edits)
    own = _own_draft(tracker)
    if not tracker.get_slot("last_draft") and _previous_facts(tracker) is not None:
        verdict, kind = outcome(situation_of(tracker), message_time(tracker))
        if verdict is not None and kind is None:  # the answer was not to write: no draft to change
            return stand_by(dispatcher, tracker, lead=NO_DRAFT_LEAD)
    situation, draft = situation_of(tracker), _draft(tracker, "last_draft")
    before = stored_edits(tracker) if tracker.get_slot("last_draft") == draft.draft_kind else []
    after = merge_edits(before, edits)
    tone = tone_of(after) if draft.draft_kind in DRAFT_KINDS else ""
    if tone:  # "warmer", "less formal": the template's own wording for that tone, greeting to sign-off
        draft = _draft(tracker, "last_draft", tone)
    full = draft.text
    if own and (edits[0] == ("shorter", "") or ("own_shorter", "") in before):  # their opening and their question
        dropped = [e for e in before + edits if e[0] == "remove"]  # "cut it in half and drop the X bit": X goes first
        uncut = next(
            (t for t in (apply_edits(x, dropped, situation)[0] for x in (full, own)) if t not in (full, own)), own
        )
        draft = replace(draft, text=revise(uncut, situation, short=True, now=message_time(tracker)))
        edits = [("own_shorter", "")] + edits[1:] if edits[0] == ("shorter", "") else edits
    # the changes made before stay made (the cut is made above: its note is not said again), but a style the new
    # change undoes is not made first ("less formal", then "more formal")
    made = [e for e in before if e != ("own_shorter", "") and (e[0] not in STYLES or e in after)]
    source = f"{full}\n\n{own}" if own else full  # a line to keep may be one the review cut to fit a note's limit
    text = apply_edits(draft.text, made, situation, original=source, toned=bool(tone))[0]
    if not own and any(k == "shorter" for k, _ in edits) and any(k.startswith("add") for k, _ in made):
        text, notes = cut_keeping_added(draft.text, text, made, edits, situation, toned=bool(tone))
    else:
        text, notes = apply_edits(text, edits, situation, original=source, toned=bool(tone))  # "shorter, keep X"
    if own and not notes:  # "rewrite it so it's calm": the review's fixes are the change
        notes = [OWN_REWRITTEN]
    if draft.draft_kind == "linkedin_note":  # "more formal" on a connection note: still within 200 characters
        text, fitted = fit_connection_note(text, after, LINKEDIN_NOTE_LIMIT)
        notes += [fitted] if fitted else []
    if notes:
        dispatcher.utter_message(text=" ".join(notes))
    dispatcher.utter_message(text=text, draft_kind=draft.draft_kind)
    kept = [f"{kind}:{words}" for kind, words in after]
    return [SlotSet("last_draft", draft.draft_kind), SlotSet("draft_edits", kept or None), SlotSet("draft_shown", True)]


def no_draft_to_change(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """A message taken for a change to a draft when none was shown: its question answered, never a change asked.

    "any tips to calm down?" or "there's no draft" never gets "How should I change it?".
    """
    handled = answer_topics(dispatcher, tracker)
    if handled is None and _previous_facts(tracker) is not None:
        handled = nothing_new(dispatcher, tracker)
    if handled is None:
        dispatcher.utter_message(response="utter_default")
        handled = []
    return handled


def edited(kind: str, text: str, edits: List[Edit], situation: Situation, now: datetime, channel: str | None) -> str:
    """A draft with the changes kept for it made again: the coach's template in the tone asked, then the rest."""
    tone = tone_of(edits) if kind in DRAFT_KINDS else ""
    if tone:
        text = render_draft(kind, situation, now, channel, tone).text
    return apply_edits(text, edits, situation, toned=bool(tone))[0]


def _draft(tracker: Tracker, slot: str, tone: str = "") -> Message:
    """The draft of the kind a slot names, or the one that fits the situation, rendered for the channel.

    After a review, with no other draft asked for, it is the user's own draft with the review's fixes made.
    """
    situation, now = situation_of(tracker), message_time(tracker)
    reviewed = _own_draft(tracker)
    if reviewed and not tracker.get_slot("draft_kind"):
        return Message(text=revise(reviewed, situation, now=now), draft_kind=OWN_DRAFT)
    kind = tracker.get_slot(slot)
    kind = kind if kind in DRAFT_KINDS else pick_draft_kind(situation, now)
    return render_draft(kind, situation, now, tracker.get_latest_input_channel(), tone)


def wants_fresh(tracker: Tracker) -> bool:
    """Whether the latest message asks for a fresh draft instead of the user's own ("write one from scratch")."""
    return any(
        e.get("entity") == "edit" and e.get("value") == "fresh" for e in tracker.latest_message.get("entities") or []
    )


def _own_draft(tracker: Tracker) -> str:
    """The user's reviewed draft while it is the draft on screen and no fresh one is asked for; else ''."""
    if tracker.get_slot("last_draft") != OWN_DRAFT or wants_fresh(tracker):
        return ""
    if _set_this_turn(tracker, ("draft_to",)):  # "write me the message to Tasha then": a new draft to a named person
        return ""
    reviewed = str(tracker.get_slot("reviewed_draft") or "")
    recruiter = str(tracker.get_slot("recruiter_name") or "").split()
    if (
        tracker.get_slot("branch") == "staffing_agency"
        and recruiter
        and _set_this_turn(tracker, ("recruiter_name",))
        and recruiter[0].lower() not in reviewed[:200].lower()
    ):
        return ""  # "write the message to my recruiter instead (her name's Fiona)" after a reviewed email to the client
    return reviewed


def wants_edit(tracker: Tracker) -> bool:
    """Whether the latest message asks for a change to a draft already shown (entity `edit`)."""
    asked = any(e.get("entity") == "edit" for e in tracker.latest_message.get("entities") or [])
    return asked and bool(tracker.get_slot("last_draft"))


def show_draft(
    dispatcher: CollectingDispatcher, tracker: Tracker, lead: bool = True, edit: bool = True
) -> List[EventType]:
    """Dispatch the draft asked for (draft_kind slot) or the one that fits the situation.

    `edit` False: the message's own change is not made (it was read as a correction of the reader instead).

    When the answer is not to write ("hold off"), that answer is said again instead of a draft that contradicts it;
    when it is "not yet", the draft comes with a line saying it is for the day given (unless `lead` is False).
    """
    if edit and wants_edit(tracker):  # "can you add my question about parking": a change to the draft on screen
        return edit_draft(dispatcher, tracker) + also_answer(dispatcher, tracker)
    handled = answer_topics(dispatcher, tracker, draft=True)  # "one for each of them?", "mention other openings?"
    if handled is not None:
        return handled
    own = _own_draft(tracker)
    if not tracker.get_slot("draft_kind") and not own and _previous_facts(tracker) is not None:
        verdict, kind = outcome(situation_of(tracker), message_time(tracker))
        if verdict is not None and kind is None and draft_on_request(situation_of(tracker), message_time(tracker)):
            dispatcher.utter_message(text=YOUR_CALL)  # "I'd like to send it anyway": advice, not their rule
        elif verdict is not None and kind is None:  # answered, and the answer has no draft
            return stand_by(dispatcher, tracker, lead=NO_DRAFT_LEAD)
    draft = _draft(tracker, "draft_kind")
    same = draft.draft_kind == tracker.get_slot("last_draft")
    if same:  # the changes already asked of it stay made ("less formal", then "sign it Marta Silva")
        situation, now = situation_of(tracker), message_time(tracker)
        text = edited(
            draft.draft_kind, draft.text, stored_edits(tracker), situation, now, tracker.get_latest_input_channel()
        )
        draft = replace(draft, text=text)
    if lead and _for_later(tracker, draft.draft_kind):  # "write it so I have it ready": ready, not to send now
        dispatcher.utter_message(text=FOR_THAT_DAY)
    send(dispatcher, Reply(messages=[draft]))
    changed = {"draft_kind": None, "last_draft": draft.draft_kind, "draft_each": None, "draft_shown": True}
    if not same:
        changed["draft_edits"] = None
    return [SlotSet(name, value) for name, value in changed.items() if tracker.get_slot(name) != value]


def _for_later(tracker: Tracker, kind: str | None) -> bool:
    """Whether the draft is the one a "not yet" answer is about: written now, sent on the day the answer gives."""
    situation, now = situation_of(tracker), message_time(tracker)
    if outcome(situation, now)[0] != "wait":
        return False
    return kind in decide(situation, now).draft_kinds


def explain(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """Dispatch the full advice, reasons and sources, without the draft."""
    channel = tracker.get_latest_input_channel()
    send(dispatcher, advise(situation_of(tracker), message_time(tracker), channel, with_draft=False))
    return []


def reply_cues(tracker: Tracker) -> Set[str]:
    """How the latest message is put, as MessageCues read it: checking, asked_again, closing, goodbye, question."""
    cues = tracker.latest_message.get("cues") or []
    return {str(e.get("value")) for e in cues if e.get("entity") == "reply_cue"}


def stand_by(dispatcher: CollectingDispatcher, tracker: Tracker, lead: str | None = None) -> List[EventType]:
    """Dispatch the answer again, after pushback, with what it rests on (no draft, no bullets)."""
    situation, now = situation_of(tracker), message_time(tracker)
    verdicts = [a for a in decide(situation, now).items if a.item.part == "verdict"]
    checking = "checking" in reply_cues(tracker)  # "so I don't send anything, right?"
    sourced = lead in (None, WHY_LEAD) and not checking  # pushback or "why?": where the answer comes from
    basis = [verdict_basis(verdicts) or ""] if sourced else []
    text = (lead or (QUESTION_LEAD if checking else PUSHBACK_LEAD)) + " ".join([a.text for a in verdicts] + basis)
    dispatcher.utter_message(text=text.strip())
    dispatcher.utter_message(text=PUSHBACK_CLOSE, buttons=next_steps(tracker))
    return []


def affirmed(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """Dispatch the draft after a 'yes please' when the answer has one, else a short acknowledgement.

    A question read as a yes ("when exactly do I send it?") gets its answer alone, not the draft again.
    """
    if "question" in reply_cues(tracker) and topics_of(tracker):
        handled = answer_topics(dispatcher, tracker)
        if handled is not None:
            return handled
    if outcome(situation_of(tracker), message_time(tracker))[1]:
        return show_draft(dispatcher, tracker)
    dispatcher.utter_message(text=ACKNOWLEDGED, buttons=next_steps(tracker))
    return []


def guessed_why(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """An unclear message only guessed to ask "why?": a question gets the answer in short with its source, else "okay".

    The full advice, bullets and sources again would bury the answer ("ok, I'll wait till then" is no request for it).
    """
    if "question" in reply_cues(tracker):
        return stand_by(dispatcher, tracker, lead=WHY_LEAD)
    return nothing_new(dispatcher, tracker)


def guessed_affirm(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """An unclear message only guessed to say "yes": after a "not yet", an okay ("ok, I'll sit tight"), no draft."""
    if outcome(situation_of(tracker), message_time(tracker))[0] == "wait":
        dispatcher.utter_message(text=ACKNOWLEDGED, buttons=next_steps(tracker))
        return []
    return affirmed(dispatcher, tracker)


def no_reply(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """Dispatch what to do when they don't reply: the answer for the facts told (topics.yml), else the domain's."""
    situation, now = situation_of(tracker), message_time(tracker)
    verdict = outcome(situation, now)[0]
    text = answer_topic("no_reply", situation, None, verdict=verdict, days=topic_days(situation, now.date()))
    if verdict is None or text is None:  # no answer given yet: the general reply for the branch
        dispatcher.utter_message(response="utter_no_reply")
    else:
        dispatcher.utter_message(text=text)
    return []


# What an unclear message after an answer does when the classifier's best guess is one of these follow-ups.
FOLLOW_UPS: Dict[str, Callable[[CollectingDispatcher, Tracker], List[EventType]]] = {
    "ask_draft": show_draft,
    "draft_shorter": lambda dispatcher, tracker: edit_draft(dispatcher, tracker, "shorter"),
    "draft_formal": lambda dispatcher, tracker: edit_draft(dispatcher, tracker, "formal"),
    "edit_draft": edit_draft,
    "no_reply": no_reply,
    "show_advice": guessed_why,  # only guessed: never the whole advice again
    "pushback": stand_by,
    "affirm": guessed_affirm,
}


class ActionFollowUp(Action):
    """'What if they don't reply?', nerves and small talk: a follow-up topic first, then a short answer."""

    def name(self) -> str:
        """Unique identifier of the action."""
        return "action_follow_up"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        """Answer the message's follow-up topic ("what if the three weeks pass?"), else the intent's short reply."""
        handled = answer_topics(dispatcher, tracker)
        if handled is not None:
            return handled
        intent = tracker.latest_message.get("intent", {}).get("name")
        if intent == "no_reply":
            return no_reply(dispatcher, tracker)
        if not _answered(tracker) and tracker.get_slot("branch") in BRANCHES:  # "I'm a wreck, interview tmrw..."
            feeling_first(dispatcher, tracker)
            return [FollowupAction("situation_form")]
        if not _answered(tracker):  # before an answer: the greeting-time replies that ask for the story
            if topics_before_answer(dispatcher, tracker) is None:  # "good outfits for a bank?": that answer
                dispatcher.utter_message(response="utter_nerves" if intent == "nerves" else "utter_chitchat")
            return []
        if _only_name_told(_previous_facts(tracker), remembered(situation_of(tracker))):
            return signed_again(dispatcher, tracker)  # "you forgot my name, it's ...": read as small talk
        if intent != "nerves" and reply_cues(tracker) & NOT_SMALL_TALK:  # "you wrote Jon, it's John": no pleasantry
            return nothing_new(dispatcher, tracker)
        dispatcher.utter_message(
            text=NERVES_AFTER if intent == "nerves" else CHITCHAT_AFTER, buttons=help_next(tracker)
        )
        return []


class ActionAnswerPushback(Action):
    """'Are you sure? My friend says call them': the answer again with what it rests on, kept short."""

    def name(self) -> str:
        """Unique identifier of the action."""
        return "action_answer_pushback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        """Restate the verdict after an answer; before one, ask for the situation."""
        if not _answered(tracker):
            dispatcher.utter_message(response="utter_ok")
            return []
        now_known = remembered(situation_of(tracker))
        told = now_known != _previous_facts(tracker) and _set_this_turn(tracker, tuple(now_known))
        if _verdict_moved(tracker) or told:
            # the reason given changes the answer, or corrects a fact ("they didn't call me, HR emailed"): no
            # "my answer stays the same" for a correction; the brief answer says what changed (or that it stands)
            return give_advice(dispatcher, tracker)
        if wants_edit(tracker):  # "it says 'they use', shouldn't it be 'you use'?": a change to the draft
            return edit_draft(dispatcher, tracker) + also_answer(dispatcher, tracker)
        if "draft_change" in reply_cues(tracker) and tracker.get_slot("last_draft"):
            return nothing_new(dispatcher, tracker)  # a change the coach can't make: said, with the ones it can
        verdict = outcome(situation_of(tracker), message_time(tracker))[0]
        if topic_answers(tracker) and verdict in STANDS:  # "my friend says calling is better": kept, then the reason
            dispatcher.utter_message(text=STANDS[verdict])
        handled = answer_topics(dispatcher, tracker)  # "is sending it the same day too pushy?" is a question
        return stand_by(dispatcher, tracker) if handled is None else handled


class ActionThanks(Action):
    """Thanks, and a question asked in the same breath ("thanks! and what if she never answers?"): both answered."""

    def name(self) -> str:
        """Unique identifier of the action."""
        return "action_thanks"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        """The answers to the message's follow-up topics after a short welcome; else the welcome alone.

        A change to the draft beside the thanks ("thanks! sign it Wei Zhang please") is made, not taken for a goodbye.
        """
        if wants_edit(tracker) and _answered(tracker):
            events = edit_draft(dispatcher, tracker) + also_answer(dispatcher, tracker)
            return events + [SlotSet("advised", json.dumps(remembered(situation_of(tracker))))]
        now_known = remembered(situation_of(tracker))
        if _answered(tracker) and now_known != _previous_facts(tracker) and _set_this_turn(tracker, tuple(now_known)):
            # "ok. im Rick Alvarez. thanks": the fact is kept and used (the draft signed), then the welcome
            events = give_advice(dispatcher, tracker)
            closed = any(m.get("response") in ("utter_goodbye", "utter_you_are_welcome") for m in dispatcher.messages)
            if not closed:
                dispatcher.utter_message(response="utter_you_are_welcome")
            return events
        if topic_answers(tracker):
            dispatcher.utter_message(text=WELCOME_LEAD)
            answer = answer_topics if _answered(tracker) else topics_before_answer
            return answer(dispatcher, tracker) or []
        dispatcher.utter_message(response="utter_you_are_welcome")
        return []


class ActionWelcomeInForm(Action):
    """Thanks while the questions run; "thank her" names what the user wants (a thank-you), so no "welcome"."""

    def name(self) -> str:
        """Unique identifier of the action."""
        return "action_welcome_in_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        """The short welcome before the form's next question, unless the message asks for a thank-you."""
        entities = tracker.latest_message.get("entities") or []
        if not any(e.get("entity") == "goal" and e.get("value") == "thank_you" for e in entities):
            dispatcher.utter_message(response="utter_welcome_in_form")
        return []


class ActionAcknowledge(Action):
    """A yes, no or skip outside a question: after an answer, the draft or a short okay; before, the prompt."""

    def name(self) -> str:
        """Unique identifier of the action."""
        return "action_acknowledge"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        """Show the draft after 'yes' to an answer that has one; otherwise acknowledge.

        "Sounds good, go ahead and fix it" names a change: the draft on screen is changed. A "yes please" right after
        the review of the user's own draft gets that draft with the review's fixes made.
        """
        if wants_edit(tracker):
            return edit_draft(dispatcher, tracker) + also_answer(dispatcher, tracker)
        affirm = tracker.latest_message.get("intent", {}).get("name") == "affirm"
        if affirm and tracker.get_slot("last_draft") == OWN_DRAFT and not _answered(tracker):
            return show_draft(dispatcher, tracker)
        if not _answered(tracker):
            dispatcher.utter_message(response="utter_ok")
            return []
        if reply_cues(tracker) & {"checking", "asked_again"}:  # "hmm so should i or not" read as a skip or a yes
            return stand_by(dispatcher, tracker, lead=QUESTION_LEAD)
        if tracker.latest_message.get("intent", {}).get("name") == "affirm":
            return affirmed(dispatcher, tracker)
        if _set_this_turn(tracker, DRAFT_DETAILS):  # "10 or 10:30, not sure which": the draft now asks the time
            return show_draft(dispatcher, tracker)
        situation = situation_of(tracker)
        if situation.goal == "contact_company" and situation.invited_to_contact is None:  # "(tell me if they have)"
            not_invited = replace(situation, invited_to_contact="no")
            text = answer_topic(
                "not_invited", not_invited, None, verdict=outcome(not_invited, message_time(tracker))[0]
            )
            dispatcher.utter_message(text=text, buttons=next_steps(tracker))
            advised = json.dumps(remembered(not_invited))
            return [SlotSet("invited_to_contact", "no"), SlotSet("advised", advised)]
        dispatcher.utter_message(text=ACKNOWLEDGED, buttons=next_steps(tracker))
        return []


class ActionShowDraft(Action):
    """Shows the draft the user asked for, filled with what they told us."""

    def name(self) -> str:
        """Unique identifier of the action."""
        return "action_show_draft"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        """Render and dispatch one draft."""
        return show_draft(dispatcher, tracker)


class ActionReviewDraft(Action):
    """Checks the user's own draft against the articles' dos and don'ts."""

    def name(self) -> str:
        """Unique identifier of the action."""
        return "action_review_draft"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        """Dispatch the answer to a question asked beside the draft, then the review; forget the draft."""
        text = str(tracker.get_slot("draft_text") or "")
        channel = tracker.get_latest_input_channel()
        answers = questions_beside_draft(tracker, text)
        if answers:  # the user's own question comes first, the review of the draft after it
            dispatcher.utter_message(text=ASKED_BESIDE + "\n".join(answers))
        send(dispatcher, review_draft(text, situation_of(tracker), message_time(tracker), channel))
        kept = [SlotSet("reviewed_draft", text), SlotSet("last_draft", OWN_DRAFT)] if text.strip() else []
        return [SlotSet("draft_text", None)] + kept


ASKED_BESIDE = "First, your question: "


def questions_beside_draft(tracker: Tracker, draft: str) -> List[str]:
    """Answers to what the message asks outside the pasted draft ("is it too late?", "should I call instead?").

    The follow-up topics named before the draft are answered; asked whether to send it, the verdict's first line.
    """
    message = str(tracker.latest_message.get("text") or "")
    start = message.find(draft[:40]) if draft.strip() else -1
    end = start + len(draft) if start >= 0 and message.find(draft[-40:], start) >= 0 else len(message)
    if start < 0 or (start == 0 and not message[end:].strip()):
        return []
    entities = tracker.latest_message.get("entities") or []
    beside = [e for e in entities if int(e["start"]) < start or int(e["start"]) >= end]  # "...Thanks, Lucia\n\nHR?"
    topics = ranked([str(e["value"]) for e in beside if e.get("entity") == "topic"])
    situation, now = situation_of(tracker), message_time(tracker)
    verdict, kind = outcome(situation, now)
    answers = [answer_topic(t, situation, _person_named(tracker), False, verdict, kind is not None) for t in topics]
    answers = [answer for answer in answers if answer]
    asks_send = any(  # "should I send it?" beside the draft (MessageCues' reply_cue send_question)
        e.get("entity") == "reply_cue" and e.get("value") == "send_question" and not start <= int(e["start"]) < end
        for e in tracker.latest_message.get("cues") or []
    )
    if verdict is not None and asks_send:
        answers = [
            advise(situation, now, tracker.get_latest_input_channel(), with_draft=False).messages[0].text
        ] + answers
    return answers


PUSHBACK_LEAD = "I hear you, and in the end it's your call. Going by the articles, my answer stays the same: "
QUESTION_LEAD = "From everything you've told me: "
WHY_LEAD = "In short: "
NO_DRAFT_LEAD = "I wouldn't write anything just now, whatever the channel: "
YOUR_CALL = "It's your call. If you send it, keep it this short and light:"
PUSHBACK_CLOSE = (
    "If something in your situation is different from what I understood, tell me and I'll look again. "
    "Say “full advice” (or tap Why?) to see every point and source:"
)
ACKNOWLEDGED = "Okay. If anything changes, tell me and I'll update my answer. Anything else?"
UNMAPPED = (
    "I can't answer that one from the career articles I work from, so I'd rather not guess. Nothing you've said "
    "changes my advice above. Here is what I can help with next:"
)
NOTHING_CHANGED = "Okay — that doesn't change my advice above. Anything else? For example:"
# The answer in one line, by verdict, when a fact told beside thanks or a goodbye leaves it as it was.
STANDS = {
    "yes": "That doesn't change my answer: you can write, as above.",
    "wait": "That doesn't change my answer: not yet, wait for the day I gave above.",
    "no": "That doesn't change my answer: hold off and let them come back to you.",
    "logistics": "That doesn't change my answer: only a practical question is worth a message.",
}
WELCOME_LEAD = "You're welcome!"
ANYTHING_ELSE = "Anything else?"
NERVES_AFTER = (
    "Completely normal — almost everyone feels that way around an interview. You've already done the part you "
    "can control: you know whether and when to write. If it helps, I can go through anything else with you:"
)
CHITCHAT_AFTER = "All good here, thanks! Anything else about your message I can help with?"
DRAFT_CANT = (
    "That's a change I can't make to the draft myself, sorry — a name or an address you can fix by hand once you've "
    "copied it. What I can change for you:"
)
DRAFT_TONE_QUESTION = "I can't weigh the tone any finer than that, but I can reword it for you:"
CLARIFY_LEAD = "To put it plainly (today is {today}): "
# What the coach can change in a draft shown, offered when it can't make the change asked.
DRAFT_CHANGES = [
    {"title": "Make it shorter", "payload": "/draft_shorter"},
    {"title": "Make it more formal", "payload": "/draft_formal"},
    {"title": "Show the draft", "payload": "/ask_draft"},
]
# How a reply is put when it is no pleasantry: a change asked of the draft, or what the coach meant.
NOT_SMALL_TALK = {"draft_change", "clarify"}
# Follow-up topics answered beside a first answer (the others are answers to the answer, asked after it).
FIRST_ANSWER_TOPICS = (
    "dress",  # "what's the dress code, and can I email the recruiter about parking?": both get an answer
    "chased_no_reply",
    "cc",
    "one_each",
    "send_timing",
    "too_late",
    "future_roles",
    "give_up",
    "who_to_write",
    "reconsider",
    "other_offer",
    "write_date",
    "no_reply",
    "find_contact",
    "identical",
    "aside",
    "call_instead",
    "unknown_name",
    "combine",
    "linkedin_too",
    "interview_nerves",
    "interview_prep",  # "is it weird to message him? also what should I prepare for a phone screen": both answered
    "dumb_question",  # "do i need to wear formal stuff or is that a dumb thing to ask her"
    "connect_after",  # "should I message her on LinkedIn now? or connect after the interview?"
    # questions beside the main one, each answered with the advice ("can I email her? is it pushy?")
    "pushy",
    "salary",
    "subject_line",
    "length",
    "text_message",
    "thank_recruiter",
    "thank_interviewer",
    "senior_contact",
    "ask_contact",
    "greeting",
    "connection_note",
    "blank_request",
    "interview_questions",
    "conditions",
    "mistake",
    "keep_applying",
    "two_roles",
)
# Follow-up topics whose answer needs no verdict: asked with the story or while the questions run, answered at once.
SIDE_TOPICS = {
    "reply_speed",
    "requested_items",
    "salary",
    "conditions",
    "subject_line",
    "length",
    "keep_applying",
    "interview_questions",
    "text_message",
    "mistake",
    "reschedule",
    "they_cancelled",
    "they_moved",
    "no_show",
    "not_rejection",
    "mention_detail",
    "interview_nerves",
    "ask_contact",
    "call_instead",
    "thank_recruiter",
    "bot",
    "aside",
    "senior_contact",
    "interview_prep",
    "dumb_question",
}
MAIN_QUESTION_TOPICS = {"call_instead", "text_message", "salary"}
# Follow-up topics whose answer is best followed by the draft itself.
WITH_DRAFT: Dict[str, Tuple[str, ...]] = {
    "what_to_say": BRANCHES,
    "add_question": ("pre_interview",),
    "dress": ("pre_interview",),
    "greeting": BRANCHES,
}
# Facts a follow-up question after an answer does not change: "should I call instead?" asks, it does not tell.
FOLLOW_UP_KEEPS = ("branch", "goal")
# Dates a question about another offer names for that offer or the other interview, not for this application.
OFFER_DATES = ("interview_date", "decision_date")
# Topics that name a channel only to ask about it: the channel of the story stays ("we've only emailed" changes it).
CHANNEL_QUESTIONS = {"call_instead", "text_message", "linkedin_too", "channel_choice"}
# Slots a message fills for the draft only (the question to ask, the strength to recall): no new answer, a new draft.
DRAFT_DETAILS = ("question", "own_question", "strength", "user_name", "draft_to")


def next_steps(tracker: Tracker) -> List[Dict[str, str]]:
    """The next-step buttons; "shorter" only when a draft was shown ("not yet" and "hold off" show none)."""
    shown = tracker.get_slot("last_draft") and tracker.get_slot("verdict") not in ("wait", "no")
    return [b for b in NEXT_STEPS if shown or b["payload"] != "/draft_shorter"]


def help_next(tracker: Tracker) -> List[Dict[str, str]]:
    """Buttons for what the coach can do after an answer: the reasons, the draft, common follow-ups."""
    verdict, kind = outcome(situation_of(tracker), message_time(tracker))
    buttons = [{"title": "Why? Show the full advice", "payload": "/show_advice"}]
    if kind and verdict != "no":
        buttons.append({"title": "Show the draft", "payload": "/ask_draft"})
    buttons += HELP_TOPICS.get(str(situation_of(tracker).branch), [])
    return buttons + [{"title": "What if they don't reply?", "payload": "/no_reply"}]


def _topic_button(title: str, topic: str) -> Dict[str, str]:
    """A button that asks one follow-up topic (topics.yml)."""
    return {"title": title, "payload": "/inform" + json.dumps({"topic": topic})}


# Follow-ups offered as buttons when the coach could not answer a question, by branch.
HELP_TOPICS: Dict[str, List[Dict[str, str]]] = {
    "pre_interview": [_topic_button("Is it pushy?", "pushy"), _topic_button("What should I say?", "what_to_say")],
    "post_interview": [
        _topic_button("Is it pushy?", "pushy"),
        _topic_button("What if their date passes?", "deadline_passed"),
    ],
    "staffing_agency": [
        _topic_button("Can I call instead?", "call_instead"),
        _topic_button("Can I ask about pay?", "salary"),
    ],
}

NEXT_STEPS = [
    {"title": "Why?", "payload": "/show_advice"},
    {"title": "Make the draft shorter", "payload": "/draft_shorter"},
    {"title": "What if they don't reply?", "payload": "/no_reply"},
    {"title": "Review my own draft", "payload": "/review_draft"},
    {"title": "Start over", "payload": "/restart"},
]


def _answered(tracker: Tracker) -> bool:
    """Whether an answer was given in this conversation and the situation still has one."""
    return _previous_facts(tracker) is not None and outcome(situation_of(tracker), message_time(tracker))[0] is not None


def after_answer(dispatcher: CollectingDispatcher, tracker: Tracker, skip: str) -> List[EventType] | None:
    """After an answer, apply the facts an unclear message changed or do the follow-up ranked after `skip`."""
    if not _answered(tracker):
        return None
    if remembered(situation_of(tracker)) != _previous_facts(tracker):  # the message told us something: answer again
        return give_advice(dispatcher, tracker)
    if wants_edit(tracker):  # "too stiff, sound like me": a change to the draft
        return edit_draft(dispatcher, tracker)
    handled = answer_topics(dispatcher, tracker)  # "should I cc Leah on it?", "one for each of them?"
    if handled is not None:
        return handled
    ranking = [r.get("name") for r in tracker.latest_message.get("intent_ranking") or []]
    likely = next((name for name in ranking if name not in (skip, "nlu_fallback")), None)
    if likely in FOLLOW_UPS:  # "yes please, a short email asking for the link": the draft, not a shrug
        return FOLLOW_UPS[likely](dispatcher, tracker)
    return None


def unclear_after_answer(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType] | None:
    """An unclear message once an answer was given: what after_answer does, else the next-step buttons.

    After a review with no answer yet, a change asked of the user's own draft ("rewrite it so it's calm") is made;
    a message that turned to another application gets that case's answer.
    """
    if _set_this_turn(tracker, ("cases",)) and tracker.get_slot("branch") in BRANCHES:
        return give_advice(dispatcher, tracker)  # "back to Kessler": the answer of that case again
    if not _answered(tracker) and tracker.get_slot("last_draft") == OWN_DRAFT and wants_edit(tracker):
        return edit_draft(dispatcher, tracker)
    handled = after_answer(dispatcher, tracker, skip="nlu_fallback")
    if handled is None and _previous_facts(tracker) is not None:
        handled = nothing_new(dispatcher, tracker)
    return handled


def nothing_new(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """A message after an answer that changes no fact and asks no known follow-up: say so briefly, offer next steps.

    "so I can email her, right?" gets the answer confirmed; a change to the draft the coach can't make says so with
    the changes it can; "which is it?" gets the answer again with the date; a question the coach has no answer for
    gets an honest "I can't answer that" (never the verdict and bullets again); a statement gets an "okay".
    """
    cues = reply_cues(tracker)  # how the reply is put (MessageCues)
    intent = tracker.latest_message.get("intent", {}).get("name")
    if intent == "ask_draft" or _set_this_turn(tracker, DRAFT_DETAILS):  # "draft it? I want to ask if they use Java"
        return show_draft(dispatcher, tracker)
    if cues & {"checking", "asked_again"}:
        return stand_by(dispatcher, tracker, lead=QUESTION_LEAD)
    if "closing" in cues and "question" not in cues:  # "whatever, this is fine. ty!!", "forget it, bye"
        dispatcher.utter_message(response="utter_goodbye" if "goodbye" in cues else "utter_you_are_welcome")
        return []
    if "draft_change" in cues and tracker.get_slot("last_draft"):  # "address it to the HR inbox": can't, say so
        lead = DRAFT_TONE_QUESTION if "question" in cues else DRAFT_CANT
        dispatcher.utter_message(text=lead, buttons=DRAFT_CHANGES)
        return []
    if "clarify" in cues:  # "which is it?", "what day?": the answer again, with today's date
        return stand_by(dispatcher, tracker, lead=CLARIFY_LEAD.format(today=fmt_day(message_time(tracker).date())))
    lead = UNMAPPED if "question" in cues else NOTHING_CHANGED
    dispatcher.utter_message(text=lead, buttons=help_next(tracker))
    return []


class ActionDefaultAskAffirmation(Action):
    """The first stage of the two-stage fallback; after an answer, what the message changed or next steps."""

    def name(self) -> str:
        """Unique identifier of the action (overrides Rasa's default)."""
        return "action_default_ask_affirmation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        """After an answer: apply what the unclear message changed, or offer next steps; else likely intents.

        The fallback loop ends here: Rasa would otherwise revert the unclear message once the user rephrased,
        and with it the facts it gave ("my consultant there is Harriet Quinn").
        """
        handled = unclear_after_answer(dispatcher, tracker)
        if handled is not None:
            return handled + END_FALLBACK
        if tracker.get_slot("branch") in BRANCHES:  # "I interviewed yesterday at X and keep replaying it": go on
            return [ActiveLoop(None), FollowupAction("situation_form")]
        if _unclear_twice(tracker):
            dispatcher.utter_message(response="utter_default")
            return END_FALLBACK
        if _send_question_without_draft(tracker):  # "is it ok to send this?" with nothing pasted: ask for it
            return [ActiveLoop(None), FollowupAction("draft_review_form")]
        titles = knowledge()["intent_titles"]
        ranking = tracker.latest_message.get("intent_ranking") or []
        likely = [item["name"] for item in ranking if item.get("name") in titles][:3]
        buttons = [{"title": titles[name][:1].upper() + titles[name][1:], "payload": f"/{name}"} for name in likely]
        buttons.append({"title": "Something else", "payload": "/deny"})
        dispatcher.utter_message(text="I'm not sure I understood. Did you mean one of these?", buttons=buttons)
        return END_FALLBACK


def _send_question_without_draft(tracker: Tracker) -> bool:
    """Whether the user asks if "this" is ok to send while no draft, theirs or mine, is in the chat yet."""
    if tracker.get_slot("last_draft") or tracker.get_slot("draft_text") or tracker.get_slot("reviewed_draft"):
        return False
    return "send_question" in reply_cues(tracker) and not any(
        e.get("entity") == "pasted_draft" for e in parsed_entities(tracker.latest_message)
    )


# Ends Rasa's two-stage fallback loop and the turn: the next message is read on its own, nothing is reverted.
END_FALLBACK: List[EventType] = [ActiveLoop(None), FollowupAction("action_listen")]


def _unclear_twice(tracker: Tracker) -> bool:
    """Whether the user message before this unclear one was unclear too (the second stage of the fallback)."""
    intents = [
        (event.get("parse_data") or {}).get("intent", {}).get("name")
        for event in tracker.events
        if event.get("event") == "user"
    ]
    return intents[-2:] == ["nlu_fallback", "nlu_fallback"]


class ActionUnclearInForm(Action):
    """An unclear message while the form waits for an answer: say so, unless it answered the question after all."""

    def name(self) -> str:
        """Unique identifier of the action."""
        return "action_unclear_in_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        """'they didnt give a date' was read as the answer: no "didn't catch that" before the advice built on it."""
        requested = tracker.get_slot("requested_slot")
        if not (requested and _set_this_turn(tracker, (requested,))):
            noted = _named_this_turn(tracker)  # "the recruiter is Dana, Chris is the hiring manager": taken
            if noted:
                dispatcher.utter_message(text=noted)
            else:
                dispatcher.utter_message(response="utter_not_understood_in_form")
        return []


class ActionDefaultFallback(Action):
    """The second unclear message in a row: after an answer, the same help as the first; else say so plainly."""

    def name(self) -> str:
        """Unique identifier of the action (overrides Rasa's default)."""
        return "action_default_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        """Apply the message or offer next steps, rather than giving up; then wait for the user.

        Rasa's own fallback reverts the message (losing the facts it gave); this one keeps them and hands the
        turn back with an explicit listen, as nothing else would end the turn (the policy would predict the
        fallback again, up to ten times).
        """
        if tracker.active_loop_name == "situation_form" and tracker.get_slot("requested_slot"):
            # the form could not use the answer ("nope they just said theyd be in touch"): ask again, never give up
            noted = _named_this_turn(tracker)  # the names it gave are taken, all the same
            if noted:
                dispatcher.utter_message(text=noted)
            else:
                dispatcher.utter_message(response="utter_not_understood_in_form")
            return [FollowupAction("situation_form")]
        handled = unclear_after_answer(dispatcher, tracker)
        if handled is None:
            dispatcher.utter_message(response="utter_default")
            handled = []
        return handled + [FollowupAction("action_listen")]


class ActionOutOfScope(Action):
    """Off-topic questions get the scope note; a follow-up taken for one after an answer is handled as such."""

    def name(self) -> str:
        """Unique identifier of the action."""
        return "action_out_of_scope"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        """Dispatch the follow-up ('can you write it?', 'sign it X') or the scope note."""
        feeling_first(dispatcher, tracker)  # "so burnt out. what other jobs are there?"
        if not _answered(tracker) and tracker.get_slot("last_draft") == OWN_DRAFT and wants_edit(tracker):
            return edit_draft(dispatcher, tracker)  # "I'm on a free account, trim it but keep Hugo": a change asked
        handled = after_answer(dispatcher, tracker, skip="out_of_scope")
        if handled is None and not _answered(tracker):
            handled = topics_before_answer(dispatcher, tracker)  # "what do people wear to a bank interview?"
        if handled is not None:
            return handled
        dispatcher.utter_message(response="utter_out_of_scope")
        return []


def check_coach_files() -> None:
    """Read and check each coach-editable file once: a bad edit stops the action server at start, file and key named."""
    load_knowledge()
    load_understanding()
    topic_file()
    spelling_tables()
    rewordings()


check_coach_files()
