"""The cue tables of EntityRoles (nlu_components/entity_roles.yml) as a pydantic model, checked when loaded."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Dict, List, Tuple

from pydantic import validator

from actions.engine.checked_yaml import Strict, keys_among, load_checked, pattern_table, phrase_table, phrases
from actions.engine.vocabulary import EDITS, FACT_VALUES, NO_DATE_GIVEN


class CueTables(Strict):
    """Every table of entity_roles.yml: word lists, role cues and regular expressions."""

    date_other_cues: List[str]
    date_roles: Dict[str, List[str]]
    person_roles: Dict[str, List[str]]
    person_nouns: List[str]
    addressee_patterns: Dict[str, List[str]] = {}  # who the draft greets, said outright (optional table)
    org_words: List[str]
    said_cues: List[str]
    tense_cues: Dict[str, List[str]]
    future_in_message: List[str]
    not_held_cues: List[str] = []  # words that say the interview is still to come ("hasn't happened") (optional table)
    held_cues: List[str] = []  # words that say the interview is behind the user ("already happened") (optional table)
    agency_cues: List[str]
    agency_mention_cues: List[str]
    agency_name_words: List[str]
    employer_name_words: List[str]
    not_orgs: List[str]
    product_nouns: List[str] = []  # a name right after these is a product's ("their last game, Hollowmere") (optional)
    org_other_cues: List[str] = []  # an organisation in the same sentence is another job's (optional table)
    tool_names: List[str] = []  # software people work with ("Salesforce", "Figma"): no employer unless cued (optional)
    honorifics: List[str]
    not_people: List[str]
    not_names: List[str]
    not_job_title_words: List[str]
    title_modifiers: List[str] = []  # how the job is held ("contract", "full-time") (optional table)
    title_seniority: List[str] = []  # the level in front of a title ("senior", "lead"), part of it (optional table)
    job_title_heads: List[str] = []  # last words of job titles ("manager", "machinist") (optional table)
    not_job_titles: List[str] = []  # people's roles that end like a job title ("hiring manager") (optional table)
    not_org_words: List[str]
    fact_patterns: Dict[str, List[str]]
    negated_fact_patterns: Dict[str, List[str]]
    fact_also_patterns: Dict[str, List[str]]
    conditional_cues: List[str] = []  # words opening a clause that only supposes ("what if") (optional table)
    conditional_not_after: List[str] = []  # words after which "if" asks ("wondering if") (optional table)
    fact_doubt_cues: List[str] = []  # words that ask whether a fact is so ("does it mean I didn't get it?") (optional)
    channel_patterns: Dict[str, List[str]]
    channel_words: Dict[str, List[str]]
    thanks_patterns: Dict[str, List[str]]
    question_patterns: Dict[str, List[str]]
    topic_patterns: Dict[str, List[str]] = {}  # what a follow-up asks about (optional table)
    goal_patterns: Dict[str, List[str]] = {}  # what the user names outright ("thx note") (optional table)
    stage_phrases: Dict[str, List[str]]
    stage_rounds_ahead: List[str] = []  # "two more rounds to go": the round named was not the last one
    no_contact_cues: Dict[str, List[str]]
    invitation_cues: Dict[str, List[str]]
    invitation_negators: List[str] = []  # words before an invitation that deny it ("nobody from X said I could")
    edit_patterns: Dict[str, List[str]] = {}  # changes asked of the last draft ("less formal") (optional table)
    known_agencies: List[str]
    known_employers: List[str] = []  # big employers people type in lower case ("at best buy") (optional table)
    not_lowercase_employers: List[str]

    _phrases = validator(
        "date_other_cues",
        "person_nouns",
        "org_words",
        "said_cues",
        "future_in_message",
        "not_held_cues",
        "held_cues",
        "agency_cues",
        "agency_mention_cues",
        "agency_name_words",
        "employer_name_words",
        "not_orgs",
        "product_nouns",
        "org_other_cues",
        "tool_names",
        "honorifics",
        "not_people",
        "not_job_title_words",
        "title_seniority",
        "not_org_words",
        "known_agencies",
        "known_employers",
        "not_lowercase_employers",
        "conditional_cues",
        "conditional_not_after",
        "fact_doubt_cues",
        "stage_rounds_ahead",
        pre=True,
        allow_reuse=True,
    )(phrases)
    _phrase_tables = validator(
        "date_roles",
        "person_roles",
        "stage_phrases",
        "no_contact_cues",
        "invitation_cues",
        "channel_words",
        "tense_cues",
        pre=True,
        allow_reuse=True,
    )(phrase_table)
    _pattern_tables = validator(
        "fact_patterns",
        "negated_fact_patterns",
        "fact_also_patterns",
        "channel_patterns",
        "question_patterns",
        "topic_patterns",
        "goal_patterns",
        "thanks_patterns",
        "edit_patterns",
        "addressee_patterns",
        pre=True,
        allow_reuse=True,
    )(pattern_table)

    _date_roles = validator("date_roles", allow_reuse=True)(
        keys_among("decision", "applied", "follow_up", "news", "today", "interview", "other")
    )
    _person_roles = validator("person_roles", allow_reuse=True)(keys_among("recruiter", "interviewer", "self"))
    _addressee = validator("addressee_patterns", allow_reuse=True)(keys_among("before", "after"))
    _facts = validator("fact_patterns", allow_reuse=True)(keys_among("followed_up", "rejected", "no_contact"))
    _negated_facts = validator("negated_fact_patterns", allow_reuse=True)(
        keys_among("followed_up", "rejected", "no_contact", "competing_offer", "offer_received")
    )
    _stages = validator("stage_phrases", allow_reuse=True)(keys_among("final", "early"))
    _no_contact = validator("no_contact_cues", allow_reuse=True)(
        keys_among("negations", "contact_words", "only_through")
    )
    _tenses = validator("tense_cues", allow_reuse=True)(keys_among("past", "future"))
    _thanks = validator("thanks_patterns", allow_reuse=True)(keys_among("for_meeting", "mention"))
    _invitations = validator("invitation_cues", allow_reuse=True)(keys_among("not_invited", "invited"))
    _also_facts = validator("fact_also_patterns", allow_reuse=True)(
        keys_among(
            "no_timeline",
            "competing_offer",
            "offer_received",
            "requested_items",
            "senior_interviewer",
            "already_settled",
            "not_scheduled",
            "thanked_already",
            "to_recruiter",
            "still_reviewing",
            "followed_up_again",
            "recruiter_gone",
            "company_wrote_first",
            "not_feedback",
            "no_contact_panel",
        )
    )

    @validator("channel_words")
    def _channel_values(cls, value: Dict[str, List[str]]) -> Dict[str, List[str]]:
        """Each key is a value of the channel slot."""
        wrong = sorted(set(value) - set(FACT_VALUES["channel"]))
        if wrong:
            raise ValueError(f"{wrong} not channel value(s) ({', '.join(FACT_VALUES['channel'])})")
        return value

    _edits = validator("edit_patterns", allow_reuse=True)(keys_among(*EDITS))

    @validator("channel_patterns")
    def _channels(cls, value: Dict[str, List[str]]) -> Dict[str, List[str]]:
        """Each key is a value of the channel slot; each pattern captures the channel word in a group."""
        wrong = sorted(set(value) - set(FACT_VALUES["channel"]))
        if wrong:
            raise ValueError(f"{wrong} not channel value(s) ({', '.join(FACT_VALUES['channel'])})")
        for key, patterns in value.items():
            for index, pattern in enumerate(patterns):
                if re.compile(pattern).groups < 1:
                    raise ValueError(f"{key}[{index}]: put the channel word in a (group)")
        return value

    @validator("no_contact_cues")
    def _no_contact_parts(cls, value: Dict[str, List[str]]) -> Dict[str, List[str]]:
        """The three word lists a no_contact entity is checked against are all there."""
        missing = sorted({"negations", "contact_words", "only_through"} - set(value))
        if missing:
            raise ValueError(f"missing list(s) {missing}")
        return value

    @validator("person_roles")
    def _roles_read_by_name(cls, value: Dict[str, List[str]]) -> Dict[str, List[str]]:
        """EntityRoles reads the recruiter and self cues by name."""
        missing = sorted({"recruiter", "self"} - set(value))
        if missing:
            raise ValueError(f"missing role(s) {missing}")
        return value


@lru_cache(maxsize=4)
def load_cues(path: str) -> Dict[str, Any]:
    """The checked cue tables of one file (loaded once per path), as plain mappings and lists."""
    return load_checked(CueTables, path).dict()


# The values a free-text answer may stand for, per slot asked (message_cues.yml, answer_phrases).
ANSWER_VALUES: Dict[str, Tuple[str, ...]] = {**FACT_VALUES, "decision_date": (NO_DATE_GIVEN,)}


class MessageCueTables(Strict):
    """Every table of message_cues.yml: answers to the coach's questions, case switches and other word lists."""

    answer_phrases: Dict[str, Dict[str, List[str]]]
    held_answer_phrases: Dict[str, List[str]] = {}  # "has it taken place?" answered: held / still_to_come (optional)
    unknown_answer_phrases: List[str]
    no_name_phrases: List[str] = []  # no name for the draft's reader: "no idea who", "i don't have a name"
    case_cues: Dict[str, List[str]]
    case_event_words: List[str] = []
    case_both_words: List[str] = []  # "interviews at two companies": both parts are interviews, named once
    case_boundaries: List[str] = []
    case_tense_words: Dict[str, List[str]] = {}
    discussed_patterns: Dict[str, List[str]] = {}
    company_side_words: List[str]
    company_contact_words: List[str]
    name_negations: List[str]
    correction_patterns: Dict[str, List[str]] = {}  # a name said in place of a wrong one (optional table)
    reply_patterns: Dict[str, List[str]]

    _phrases = validator(
        "unknown_answer_phrases",
        "no_name_phrases",
        "case_event_words",
        "case_both_words",
        "company_side_words",
        "company_contact_words",
        "name_negations",
        pre=True,
        allow_reuse=True,
    )(phrases)
    _case_tables = validator("case_cues", pre=True, allow_reuse=True)(phrase_table)
    _discussed = validator("discussed_patterns", pre=True, allow_reuse=True)(pattern_table)
    _discussed_kinds = validator("discussed_patterns", allow_reuse=True)(keys_among("asked", "talked"))
    _case_tenses = validator("case_tense_words", pre=True, allow_reuse=True)(phrase_table)
    _case_tense_kinds = validator("case_tense_words", allow_reuse=True)(keys_among("past", "future"))
    _case_boundaries = validator("case_boundaries", pre=True, allow_reuse=True)(
        lambda value: pattern_table({"case_boundaries": value})["case_boundaries"]
    )
    _held_tables = validator("held_answer_phrases", pre=True, allow_reuse=True)(phrase_table)
    _held_kinds = validator("held_answer_phrases", allow_reuse=True)(keys_among("held", "still_to_come"))
    _case_kinds = validator("case_cues", allow_reuse=True)(keys_among("new", "back", "first"))
    _reply_patterns = validator("reply_patterns", pre=True, allow_reuse=True)(pattern_table)
    _correction_patterns = validator("correction_patterns", pre=True, allow_reuse=True)(pattern_table)
    _correction_kinds = validator("correction_patterns", allow_reuse=True)(keys_among("name"))

    @validator("correction_patterns")
    def _correction_groups(cls, value: Dict[str, List[str]]) -> Dict[str, List[str]]:
        """Each correction pattern names the new words and the wrong ones (groups `new` and `old`)."""
        for kind, patterns in value.items():
            for index, pattern in enumerate(patterns):
                missing = {"new", "old"} - set(re.compile(pattern).groupindex)
                if missing:
                    raise ValueError(f"{kind}[{index}]: no group(s) {sorted(missing)}")
        return value

    _reply_kinds = validator("reply_patterns", allow_reuse=True)(
        keys_among(
            "checking",
            "asked_again",
            "closing",
            "goodbye",
            "question",
            "send_question",
            "draft_change",
            "clarify",
            "not_a_draft",
            "draft_asked",
            "name_of_them",
            "draft_wrong",
        )
    )

    @validator("answer_phrases", pre=True)
    def _answer_values(cls, value: Any) -> Any:
        """Each table maps a slot's possible values to the phrases that mean them."""
        if not isinstance(value, dict):
            return value
        problems = []
        for slot, table in value.items():
            if slot not in ANSWER_VALUES:
                problems.append(f"{slot}: no free-text answers for this slot ({', '.join(ANSWER_VALUES)})")
                continue
            for answer, words in (table or {}).items():
                if answer not in ANSWER_VALUES[slot]:
                    problems.append(f"{slot}.{answer}: not a value of {slot} ({', '.join(ANSWER_VALUES[slot])})")
                try:
                    phrases(words)
                except ValueError as error:
                    problems.append(f"{slot}.{answer}: {error}")
        if problems:
            raise ValueError("; ".join(problems))
        return value


@lru_cache(maxsize=4)
def load_message_cues(path: str) -> Dict[str, Any]:
    """The checked tables of message_cues.yml (loaded once per path), as plain mappings and lists."""
    return load_checked(MessageCueTables, path).dict()
