"""Roles for the PERSON, ORG and DATE entities, and the dates spaCy's small model misses.

SpaCy finds names, organisations and dates but not what they are to the user. This component gives each
one a Rasa entity role, read from the words just before it (cue tables in entity_roles.yml):
- DATE: interview, decision, applied, follow_up, today or other (another employer's offer deadline);
- PERSON: interviewer, recruiter or self, with a title kept in front ("Ms. Alvarez");
- ORG: company or agency.
It also adds the DATE spans people type that spaCy misses ("tmrw", "the 16th", "11/24", "next wed",
"end of next week", "before thanksgiving", "about a week ago"), and drops PERSON values that are never
people here ("Zoom", "HR"). `/model/parse` shows the roles; the action server's slots follow them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Tuple

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_ROLE,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

CUES_FILE = Path(__file__).with_name("entity_roles.yml")
EXTRACTOR = "EntityRoles"
# Cues that only count right before the date ("by the 16th", "it's the 18th"), not a few words earlier
# ("by phone ... 12/1", "it's on thursday"): the most characters allowed between the cue and the date.
ADJACENT_ONLY = {"by": 6, "until": 6, "its": 1, "it's": 1, "it is": 1, "now is": 1, "today is": 1}
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:mon|tues?|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?"
_COUNT = r"(?:\d+|a|an|one|two|three|four|five|six|a couple(?: of)?|couple(?: of)?|a few|few|several)"
# Date phrases spaCy's small model misses or cuts short; the longest match at a place wins.
EXTRA_DATES = re.compile(
    r"(?i)\b(?:"
    rf"(?:(?:about|around|roughly|like|almost|nearly|over)\s+)?{_COUNT}\s+(?:days?|weeks?|wks?|months?)\s+(?:ago|back)"
    r"|in\s+(?:a couple(?: of)?|couple(?: of)?|a few|few)\s+days"
    r"|(?:(?:the\s+)?(?:end|middle|mid|start|beginning|early|late)(?:\s+of)?\s+(?:this\s+|next\s+|the\s+)?week)"
    r"|(?:before\s+|after\s+|by\s+)?thanksgiving"
    rf"|{_MONTH}\s+{_DAY}\b|{_DAY}\s+(?:of\s+)?{_MONTH}"
    rf"|(?:(?:next|last|this|coming)\s+)?{_WEEKDAY}(?:\s+(?:the\s+)?{_DAY})?\b"
    r"|\d{1,2}/\d{1,2}(?:/\d{2,4})?"
    r"|the\s+\d{1,2}(?:st|nd|rd|th)"
    r"|tmrw|tmrow|tmr|tomorow|tommorow|tommorrow|2moro|tomorrow|yesterday"
    r"|last week|last month|earlier this week|next week"
    r")\b"
)


_TITLE = r"([A-Za-z][\w/&.'-]*(?:\s+[A-Za-z0-9][\w/&.'-]*){0,5}?)"
_DET = r"(?:the\s+|a\s+|an\s+|their\s+|this\s+|that\s+|my\s+)?"
_POSTS = r"(?:position|job|role|opening|spot|post|gig|vacancy|posting|contract|residency|req|requisition)s?"
# Job titles as people introduce them: "for the grants coordinator position", "interviewed for CNA at ...".
JOB_TITLES = (
    re.compile(rf"(?i)\b(?:for|as|to)\s+{_DET}{_TITLE}\s+{_POSTS}\b"),
    re.compile(rf"(?i)\b(?:the|a|an)\s+{_TITLE}\s+(?:position|job|role|opening|vacancy)\s+(?:at|with|in|for)\b"),
    re.compile(
        rf"(?i)\b(?:interview(?:ed|ing)?|applied|apply|applying)\s+(?:for|to)\s+{_DET}{_TITLE}\s+(?:at|with|in|on)\b"
    ),
)
# A proper-noun run after "at"/"with": the employer when spaCy found no organisation there.
PROPER_RUN = re.compile(
    r"\b(?:at|with|from|join|joining)\s+((?:[A-Z][\w&'.-]*)(?:\s+(?:[A-Z][\w&'.-]*|of|&|and))*(?<![ .'-]))"
)


def _entity(kind: str, start: int, end: int, value: str) -> Dict[str, Any]:
    """An entity this component adds."""
    return {
        ENTITY_ATTRIBUTE_TYPE: kind,
        ENTITY_ATTRIBUTE_START: start,
        ENTITY_ATTRIBUTE_END: end,
        ENTITY_ATTRIBUTE_VALUE: value,
        "extractor": EXTRACTOR,
    }


def _first_search(patterns: Iterable[str], text: str) -> re.Match[str] | None:
    """The match of the first pattern (in order) that occurs in text."""
    return next((m for m in (re.search(p, text) for p in patterns) if m), None)


@lru_cache(maxsize=4)
def load_cues(path: str) -> Dict[str, Any]:
    """The cue tables (loaded once per path)."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def _phrase_positions(window: str, phrases: Iterable[str]) -> List[Tuple[int, str]]:
    """(end offset, phrase) of every whole-word occurrence of the phrases in window."""
    found = []
    for phrase in phrases:
        for match in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", window):
            found.append((match.end(), phrase))
    return found


def nearest_role(before: str, roles: Mapping[str, Iterable[str]]) -> str | None:
    """The role whose cue ends nearest to the end of `before` (the words right before an entity)."""
    best: Tuple[int, str] | None = None
    for role, phrases in roles.items():
        for end, phrase in _phrase_positions(before, phrases):
            if phrase in ADJACENT_ONLY and len(before) - end > ADJACENT_ONLY[phrase]:
                continue
            if best is None or end > best[0]:
                best = (end, role)
    return best[1] if best else None


def _clause_before(text: str, start: int, width: int) -> str:
    """The lower-cased words before start, cut at the previous sentence end or bracket."""
    window = text[max(0, start - width) : start].lower().replace("\u2019", "'")
    cut = max(window.rfind(mark) for mark in (". ", "? ", "! ", "\n", "; "))
    return window[cut + 1 :] if cut >= 0 else window


def _overlaps(start: int, end: int, entities: Iterable[Mapping[str, Any]]) -> bool:
    """True when [start, end) overlaps one of the entities' spans."""
    return any(start < e.get(ENTITY_ATTRIBUTE_END, -1) and e.get(ENTITY_ATTRIBUTE_START, -1) < end for e in entities)


def merge_adjacent_dates(text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """One DATE for 'Thursday Dec 10' when spaCy split it into 'Thursday' and 'Dec 10'."""
    dates = sorted(
        (e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) == "DATE"), key=lambda e: e.get(ENTITY_ATTRIBUTE_START, 0)
    )
    merged: List[Dict[str, Any]] = []
    for entity in dates:
        previous = merged[-1] if merged else None
        gap = text[previous[ENTITY_ATTRIBUTE_END] : entity[ENTITY_ATTRIBUTE_START]] if previous else None
        if previous and gap is not None and re.fullmatch(r"[\s,]*(?:the\s*)?", gap):
            end = entity[ENTITY_ATTRIBUTE_END]
            merged[-1] = {
                **previous,
                ENTITY_ATTRIBUTE_END: end,
                ENTITY_ATTRIBUTE_VALUE: text[previous[ENTITY_ATTRIBUTE_START] : end],
            }
        else:
            merged.append(entity)
    return [e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) != "DATE"] + merged


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class EntityRoles(GraphComponent, EntityExtractorMixin):
    """Adds missed dates and gives PERSON, ORG and DATE entities their role in the user's story."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """The cue file and how far before an entity cues are looked for."""
        return {"cues": str(CUES_FILE), "window": 45}

    def __init__(self, config: Dict[str, Any]) -> None:
        """Keep the config; the cue file is read on first use."""
        self._config = {**self.get_default_config(), **config}

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> EntityRoles:
        """A new component (nothing to train)."""
        return cls(config)

    @property
    def cues(self) -> Dict[str, Any]:
        """The cue tables."""
        return load_cues(self._config["cues"])

    def _with_extra_dates(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """The entities plus DATEs for the date phrases no extractor found, or found only in part."""
        entities = list(entities)
        dates = [e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) in ("DATE", "TIME")]
        added = []
        for match in EXTRA_DATES.finditer(text):
            inside = [
                e
                for e in dates
                if match.start() <= e[ENTITY_ATTRIBUTE_START] and e[ENTITY_ATTRIBUTE_END] <= match.end()
            ]
            if inside and len(match.group(0)) > max(
                e[ENTITY_ATTRIBUTE_END] - e[ENTITY_ATTRIBUTE_START] for e in inside
            ):
                for part in inside:  # "end of next week" where spaCy saw only "next week"
                    entities.remove(part)
                    dates.remove(part)
            if _overlaps(match.start(), match.end(), dates + added):
                continue
            added.append(_entity("DATE", match.start(), match.end(), match.group(0)))
        return entities + added

    def _job_titles(self, text: str) -> List[Dict[str, Any]]:
        """The first 'role' entity (the job applied for) from the way people name the post."""
        found: List[Dict[str, Any]] = []
        stop = set(self.cues["not_job_title_words"])
        for pattern in JOB_TITLES:
            for match in pattern.finditer(text):
                title = match.group(1).strip(" .,'")
                words = {w.lower().strip(".,") for w in title.split()}
                has_digit_word = any(re.search(r"\d", w) and not re.fullmatch(r"\d+(st|nd|rd|th)", w) for w in words)
                if not title or words & stop or has_digit_word or _overlaps(match.start(1), match.end(1), found):
                    continue
                found.append(_entity("role", match.start(1), match.start(1) + len(title), title))
        return sorted(found, key=lambda e: e[ENTITY_ATTRIBUTE_START])[:1]

    def _employers(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """ORG entities for capitalised names after 'at'/'with' that no extractor found."""
        stop = set(self.cues["not_people"]) | set(self.cues["not_org_words"])
        taken = [e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) in ("ORG", "PERSON", "DATE", "role", "agency")]
        found: List[Dict[str, Any]] = []
        for match in PROPER_RUN.finditer(text):
            name = match.group(1)
            if name.split()[0].lower().strip(".,") in stop or _overlaps(match.start(1), match.end(1), taken + found):
                continue
            found.append(_entity("ORG", match.start(1), match.end(1), name))
        return found

    def _facts(self, text: str) -> List[Dict[str, Any]]:
        """followed_up / rejected / no_contact entities where the message says so (fact_patterns)."""
        lowered = text.lower().replace("\u2019", "'")
        found = []
        for name, patterns in self.cues["fact_patterns"].items():
            match = _first_search(patterns, lowered)
            if match:
                found.append(_entity(name, match.start(), match.end(), "yes"))
        return found

    def _channel(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """A channel entity from channel_patterns when DIET found none."""
        if any(e.get(ENTITY_ATTRIBUTE_TYPE) == "channel" for e in entities):
            return []
        lowered = text.lower()
        for value, patterns in self.cues["channel_patterns"].items():
            match = _first_search(patterns, lowered)
            if match:
                return [_entity("channel", match.start(1), match.end(1), value)]
        return []

    def _person(self, text: str, entity: Dict[str, Any]) -> Dict[str, Any] | None:
        """The PERSON entity with its title and role, or None when it is not a person."""
        value = str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "").strip()
        words = value.lower().split()
        if not words or all(w.strip(".,") in self.cues["not_people"] for w in words):
            return None
        start = entity.get(ENTITY_ATTRIBUTE_START, 0)
        title = re.search(
            r"(?i)\b(" + "|".join(self.cues["honorifics"]) + r")\.?\s+$", text[max(0, start - 12) : start]
        )
        if title:
            start -= len(title.group(0))
            value = text[start : entity.get(ENTITY_ATTRIBUTE_END, start)].strip()
        before = _clause_before(text, start, self._config["window"])
        role = nearest_role(before, self.cues["person_roles"]) or "interviewer"
        return {**entity, ENTITY_ATTRIBUTE_START: start, ENTITY_ATTRIBUTE_VALUE: value, ENTITY_ATTRIBUTE_ROLE: role}

    def _org_role(self, text: str, entity: Mapping[str, Any]) -> str:
        """'agency' for an ORG named or introduced as an agency, else 'company'."""
        value = str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "").lower()
        if any(re.search(rf"\b{re.escape(w)}\b", value) for w in self.cues["agency_name_words"]):
            return "agency"
        before = _clause_before(text, entity.get(ENTITY_ATTRIBUTE_START, 0), 25)
        return "agency" if _phrase_positions(before, self.cues["agency_cues"]) else "company"

    def _date_role(self, text: str, entity: Mapping[str, Any]) -> str:
        """The role of a DATE from the cue nearest before it."""
        before = _clause_before(text, entity.get(ENTITY_ATTRIBUTE_START, 0), self._config["window"])
        if _phrase_positions(before, self.cues["date_other_cues"]):
            return "other"
        return nearest_role(before, self.cues["date_roles"]) or "interview"

    def _with_roles(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """Every entity, those of spaCy's types with a role (and without non-people)."""
        titles = self._job_titles(text)
        if titles:  # the title as the user framed it beats DIET's and spaCy's pieces of it
            entities = [
                e
                for e in entities
                if e.get(ENTITY_ATTRIBUTE_TYPE) != "role"
                and not (
                    e.get(ENTITY_ATTRIBUTE_TYPE) == "ORG"
                    and _overlaps(e.get(ENTITY_ATTRIBUTE_START, -1), e.get(ENTITY_ATTRIBUTE_END, -1), titles)
                )
            ]
        entities = entities + titles
        entities = entities + self._employers(text, entities) + self._facts(text) + self._channel(text, entities)
        out = []
        for entity in merge_adjacent_dates(text, self._with_extra_dates(text, entities)):
            kind = entity.get(ENTITY_ATTRIBUTE_TYPE)
            if kind == "PERSON":
                person = self._person(text, entity)
                if person:
                    out.append(person)
            elif kind == "ORG":
                out.append({**entity, ENTITY_ATTRIBUTE_ROLE: self._org_role(text, entity)})
            elif kind == "DATE":
                out.append({**entity, ENTITY_ATTRIBUTE_ROLE: self._date_role(text, entity)})
            else:
                out.append(entity)
        return out

    def process(self, messages: List[Message]) -> List[Message]:
        """Add the missed dates and the roles to each message's entities."""
        for message in messages:
            text = message.get(TEXT) or ""
            if text:
                message.set(ENTITIES, self._with_roles(text, list(message.get(ENTITIES, []))), add_to_output=True)
        return messages
