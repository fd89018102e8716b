"""What a message says beyond its people, places and dates, as entities (MessageCues).

Answers to the coach's own questions, a turn to another application, the employer's side in an agency story,
a name said to be wrong. The action server reads these entities instead of the message text; the phrase tables are in
nlu_components/message_cues.yml (checked by nlu_components/cue_tables.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, Iterable, List, Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
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
from spacy.lang.en.stop_words import STOP_WORDS

from nlu_components.cue_tables import load_message_cues
from nlu_components.entity_roles import _rx, _word
from nlu_components.pasted_draft import LETTER_MARKS, addressee, pasted_draft, signer
from nlu_components.untrained import UntrainedComponent

CUES_FILE = Path(__file__).with_name("message_cues.yml")
# The parse key MessageCues' entities go under, beside `entities`: the test stories and the NLU test set compare
# every predicted entity with their annotations, which do not label these cues.
CUES = "cues"
EXTRACTOR = "MessageCues"
APOSTROPHES = re.compile(r"['\u2019]")
# A word that may be a first name, after a negation ("not Helen", "isnt helen"); a day or a month is none.
NAME_WORD = re.compile(r"\s+([^\W\d_][\w-]*)")
NOT_A_NAME = re.compile(
    r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|jan|feb|mar|apr|may|june?|july?|aug|sept?|oct|nov|dec"
    r"|january|february|march|april|august|september|october|november|december|today|tomorrow|yesterday"
)
# Words a correction's new name may open with that are not part of it ("its ellen not helen").
CORRECTION_OPENERS = {"its", "it's", "it", "is", "was", "no", "nope", "actually", "sorry", "oops", "so", "oh", "ah"}
# Small words a name may hold ("Bank of the West", "Marks and Spencer"); any other stop word says it is no name.
NAME_SMALL_WORDS = {"and", "of", "the", "&"}
# The user speaking of themselves: no name corrected ("i'm free thursday not friday").
SELF_WORDS = {"i'm", "im", "i've", "ive", "i'd", "id", "i'll", "ill"}
# The extractors' entities whose words stand for a value of a slot ("second round" is the final stage).
MEANT_SLOT = {"interview_format": "interview_format", "stage": "stage_reached"}


def _entity(kind: str, span: Tuple[int, int], value: str, role: str | None = None) -> Dict[str, Any]:
    """An entity this component adds, with its role when it has one."""
    entity = {
        ENTITY_ATTRIBUTE_TYPE: kind,
        ENTITY_ATTRIBUTE_START: span[0],
        ENTITY_ATTRIBUTE_END: span[1],
        ENTITY_ATTRIBUTE_VALUE: value,
        "extractor": EXTRACTOR,
    }
    return {**entity, ENTITY_ATTRIBUTE_ROLE: role} if role else entity


class BareText:
    """A message lower-cased and without apostrophes ("didnt" reads as "didn't"), with the way back to its offsets."""

    def __init__(self, text: str) -> None:
        """Keep the kept characters' offsets in the original text."""
        self.offsets = [i for i, c in enumerate(text) if not APOSTROPHES.match(c)]
        self.text = "".join(text[i].lower()[:1] or text[i] for i in self.offsets)

    def span(self, start: int, end: int) -> Tuple[int, int]:
        """The original offsets of a span of the bare text."""
        return self.offsets[start], self.offsets[end - 1] + 1

    def find(self, phrases: Iterable[str]) -> Tuple[int, int] | None:
        """Where the first of the phrases (in order) occurs as whole words, in original offsets; None if none does."""
        for phrase in phrases:
            bare = APOSTROPHES.sub("", phrase.lower())
            if bare not in self.text:
                continue  # a plain substring test first: the whole-word pattern needs the words
            match = _word(bare).search(self.text)
            if match and match.end() > match.start():
                return self.span(match.start(), match.end())
        return None

    def first(self, phrases: Iterable[str]) -> Tuple[int, int] | None:
        """Where the earliest occurrence of any of the phrases (as whole words) is, in original offsets."""
        spans = [self.find([phrase]) for phrase in phrases]
        return min((span for span in spans if span), default=None)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class MessageCues(UntrainedComponent, EntityExtractorMixin):
    """Adds the entities for answers, case switches, the employer's side, names said to be wrong, pasted drafts.

    The format and stage entities of the extractors get the slot value their words stand for (`means`).
    """

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """The phrase file."""
        return {"cues": str(CUES_FILE)}

    @property
    def cues(self) -> Dict[str, Any]:
        """The phrase tables."""
        return load_message_cues(self._config["cues"])

    def _answers(self, bare: BareText) -> List[Dict[str, Any]]:
        """An `answer` entity (role: the slot) per slot whose table the words match, and `unknown_answer`."""
        found = []
        for slot, table in self.cues["answer_phrases"].items():
            for value, phrases in table.items():
                span = bare.find(phrases)
                if span:
                    found.append(_entity("answer", span, value, slot))
                    break
        held = [(bare.first(words), value) for value, words in self.cues["held_answer_phrases"].items()]
        said = min(((span, value) for span, value in held if span), default=None)
        if said:
            found.append(_entity("answer", said[0], said[1], "interview_held"))
        span = bare.find(self.cues["unknown_answer_phrases"])
        return found + ([_entity("unknown_answer", span, "unknown")] if span else [])

    def _case_cues(self, bare: BareText) -> List[Dict[str, Any]]:
        """A `case_cue` entity (new, back or first) for each kind of turn to another application said."""
        found = []
        for kind, phrases in self.cues["case_cues"].items():
            span = bare.find(phrases)
            if span:
                found.append(_entity("case_cue", span, kind))
        return found

    def _no_name(self, bare: BareText) -> List[Dict[str, Any]]:
        """A `no_name` entity: the user has no name for the draft's reader ("no idea who", "i don't have a name")."""
        span = bare.find(self.cues["no_name_phrases"])
        return [_entity("no_name", span, "yes")] if span else []

    def _company_side(self, bare: BareText) -> List[Dict[str, Any]]:
        """A `company_side` entity when the words name someone on the employer's side ("the team lead")."""
        span = bare.find(self.cues["company_side_words"])
        return [_entity("company_side", span, "yes")] if span else []

    def _company_addressee(self, bare: BareText) -> List[Dict[str, Any]]:
        """A `company_addressee` entity when a contact word goes to someone at the employer ("call the manager")."""
        verbs = "|".join(re.escape(w) for w in self.cues["company_contact_words"])
        words = {w.removeprefix("the ") for w in self.cues["company_side_words"] if not w.startswith("them ")}
        sides = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        between = r"(?:(?!(?:recruiter|agency|consultant|about|and|or|to|if|what|who)\b)[\w&-]+\s+){0,2}"
        pattern = rf"(?<!\w)(?:{verbs})\s+(?:the\s+|their\s+|that\s+|this\s+)?{between}(?:{sides})(?!\w)"
        match = _rx(pattern).search(bare.text)
        return [_entity("company_addressee", bare.span(match.start(), match.end()), "yes")] if match else []

    def _negated_names(self, text: str, bare: BareText) -> List[Dict[str, Any]]:
        """A `negated_name` entity for each word a negation says is not the name ("Ellen, not Helen")."""
        negations = "|".join(re.escape(APOSTROPHES.sub("", n)) for n in self.cues["name_negations"])
        found = []
        for match in _rx(rf"(?<!\w)(?:{negations})(?=\s)").finditer(bare.text):
            word = NAME_WORD.match(bare.text, match.end())
            if word and word.group(1) not in STOP_WORDS and not NOT_A_NAME.fullmatch(word.group(1)):
                span = bare.span(*word.span(1))
                found.append(_entity("negated_name", span, text[span[0] : span[1]]))
        return found

    def _corrections(self, text: str) -> List[Dict[str, Any]]:
        """A `correction` entity for each name said in place of a wrong one ("it's OLIO FOODS not kestrel").

        Its value is the new words, its role the kind of correction, `additional_info.instead_of` the wrong words.
        """
        found: List[Dict[str, Any]] = []
        for kind, patterns in self.cues["correction_patterns"].items():
            for pattern in patterns:
                for match in _rx(pattern).finditer(text):
                    new, old = match.group("new").rstrip(" .,;:!?'-"), match.group("old").rstrip(" .,;:!?'-")
                    start = match.start("new")
                    while new.split() and new.split()[0].lower().rstrip(",") in CORRECTION_OPENERS:
                        skipped = len(new) - len(new.split(None, 1)[1] if len(new.split()) > 1 else "")
                        new, start = new[skipped:], start + skipped
                    words = new.lower().split()
                    if not new or not old or new.lower() == old.lower() or NOT_A_NAME.fullmatch(words[0]):
                        continue  # "not tomorrow, friday": a date, corrected elsewhere
                    if any(
                        (w in STOP_WORDS and w not in NAME_SMALL_WORDS) or w in SELF_WORDS
                        for w in words + old.lower().split()
                    ):
                        continue  # "I interviewed with Tom, not Jon, at Acme": "at Acme" corrects no name
                    if any(e[ENTITY_ATTRIBUTE_START] == start for e in found):
                        continue
                    entity = _entity("correction", (start, start + len(new)), new, kind)
                    found.append({**entity, "additional_info": {"instead_of": old}})
        return found

    def with_meaning(self, entity: Dict[str, Any]) -> Dict[str, Any]:
        """A format or stage entity with the slot value its words stand for in additional_info `means`, if any."""
        slot = MEANT_SLOT.get(str(entity.get(ENTITY_ATTRIBUTE_TYPE)))
        if not slot:
            return entity
        table = self.cues["answer_phrases"][slot]
        value = str(entity.get(ENTITY_ATTRIBUTE_VALUE) or "").lower()
        bare = BareText(value)
        means = value if value in table else next((key for key, words in table.items() if bare.find(words)), None)
        return {**entity, "additional_info": {**(entity.get("additional_info") or {}), "means": means}}

    @staticmethod
    def _draft(text: str) -> List[Dict[str, Any]]:
        """A pasted draft in the message (`pasted_draft`, its words as value), whom it greets and who signs it.

        The greeting and the signer are read in the pasted draft, or in the whole message when it holds none
        (the answer to "paste your draft" is the draft). `letter_marks` says the message is shaped like a letter.
        """
        found = []
        pasted = pasted_draft(text)
        start, draft = 0, text
        if pasted:
            start, draft = text.find(pasted[1], pasted[0]), pasted[1]
            found.append(_entity("pasted_draft", (start, start + len(draft)), draft))
        greeted = addressee(draft)
        if greeted:
            found.append(_entity("draft_addressee", (start + greeted[0], start + greeted[1]), greeted[2]))
        signed = signer(draft)
        if signed:
            span = (start + signed[0], start + signed[1])
            found.append(_entity("draft_signer", span, text[span[0] : span[1]]))
        mark = LETTER_MARKS.search(text)
        return found + ([_entity("letter_marks", mark.span(), "yes")] if mark else [])

    @staticmethod
    def with_agency_people(text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """The entities, a PERSON followed by an agency of the message marked `of_agency` ("Tom Becker from Hays")."""
        agencies = {  # the CRF's agency, or an organisation EntityRoles says is one ("Dana from Randstad")
            str(e[ENTITY_ATTRIBUTE_VALUE]).lower()
            for e in entities
            if e.get(ENTITY_ATTRIBUTE_VALUE)
            and (
                e.get(ENTITY_ATTRIBUTE_TYPE) == "agency"
                or (e.get(ENTITY_ATTRIBUTE_TYPE) == "ORG" and e.get(ENTITY_ATTRIBUTE_ROLE) == "agency")
            )
        }
        out = []
        for entity in entities:
            end = entity.get(ENTITY_ATTRIBUTE_END)
            if entity.get(ENTITY_ATTRIBUTE_TYPE) == "PERSON" and isinstance(end, int):
                after = text[end : end + 40].lower()
                if any(re.match(rf"\s*,?\s*(?:from|at|of|with)\s+{re.escape(a)}\b", after) for a in agencies):
                    entity = {**entity, "additional_info": {**(entity.get("additional_info") or {}), "of_agency": True}}
            out.append(entity)
        return out

    def _other_case(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """A `case_cue` `other` over the words about a second employer when the message tells two applications.

        "I interviewed at Northwind last Thursday, and I have a phone screen with Halvorsen on Friday with their
        recruiter Tim": from the clause boundary before "Halvorsen" to the end of its sentence. Each part must
        name an interview-like event; an offer or a past job at the other employer is no application of its own.
        """
        companies = sorted(
            (
                e
                for e in entities
                if e.get(ENTITY_ATTRIBUTE_TYPE) == "ORG"
                and e.get(ENTITY_ATTRIBUTE_ROLE) == "company"
                and isinstance(e.get(ENTITY_ATTRIBUTE_START), int)
            ),
            key=lambda e: e[ENTITY_ATTRIBUTE_START],
        )
        if any(e.get(ENTITY_ATTRIBUTE_TYPE) in ("competing_offer", "pasted_draft") for e in entities):
            return []
        if len(companies) < 2:
            return []
        first = companies[0]
        head = str(first[ENTITY_ATTRIBUTE_VALUE]).lower().split()[0]
        second = next(
            (
                e
                for e in companies[1:]
                if str(e[ENTITY_ATTRIBUTE_VALUE]).lower().split()[0] != head
                and head not in str(e[ENTITY_ATTRIBUTE_VALUE]).lower().split()
            ),
            None,
        )
        if second is None:
            return []
        gap_start, gap_end = first[ENTITY_ATTRIBUTE_END], second[ENTITY_ATTRIBUTE_START]
        cuts = [
            match
            for pattern in self.cues["case_boundaries"]
            for match in _rx(pattern).finditer(text[gap_start:gap_end])
        ]
        if not cuts:
            return []
        start = gap_start + max(match.end() for match in cuts)
        end_match = re.compile(r"[.!?](?:\s|$)|\n").search(text, second[ENTITY_ATTRIBUTE_END])
        end = end_match.start() if end_match else len(text)
        bare_other, bare_rest = BareText(text[start:end]), BareText(text[:start] + " " + text[end:])
        events = self.cues["case_event_words"]
        both = BareText(text[:start]).find(self.cues["case_both_words"])  # "interviews at two companies: X ... and Y"
        if not both and (not bare_other.find(events) or not bare_rest.find(events)):
            return []
        if re.search(r"(?i)\boffers?\b", text[start:end]):
            return []  # "Halvorsen made me an offer": a fact of this application, not another one to advise on
        tense = next((kind for kind, words in self.cues["case_tense_words"].items() if bare_other.find(words)), None)
        return [_entity("case_cue", (start, end), "other", tense)]

    def _discussed(self, text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """A `discussed` entity for what the user talked about with a person named just before it (role: asked/talked).

        "Priya asked about my audit experience, Ben about the graduate scheme": the words after each name, also
        after a first name the model did not tag again ("... with Nadia Osei and Graham Pike. Nadia asked about
        ..."); the elliptic "Ben about ..." is a conversation too. additional_info `person` is the name.
        """
        people = [
            e for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) == "PERSON" and e.get(ENTITY_ATTRIBUTE_ROLE) != "self"
        ]
        firsts = {
            str(p[ENTITY_ATTRIBUTE_VALUE]).split()[0]
            for p in people
            if str(p.get(ENTITY_ATTRIBUTE_VALUE) or "").strip()
        }
        mentions = {(m.end(), m.group(0)) for name in firsts for m in re.finditer(rf"\b{re.escape(name)}\b", text)}
        mentions |= {
            (p[ENTITY_ATTRIBUTE_END], str(p[ENTITY_ATTRIBUTE_VALUE]))
            for p in people
            if isinstance(p.get(ENTITY_ATTRIBUTE_END), int)
        }
        found: List[Dict[str, Any]] = []
        for end, name in sorted(mentions):
            if any(f["additional_info"]["person"].split()[0] == name.split()[0] for f in found):
                continue
            for kind, patterns in self.cues["discussed_patterns"].items():
                match = next((m for m in (_rx(p).match(text[end:]) for p in patterns) if m), None)
                if match and match.group("what").strip():
                    span = (end + match.start("what"), end + match.end("what"))
                    entity = _entity("discussed", span, text[span[0] : span[1]].strip(), kind)
                    found.append({**entity, "additional_info": {"person": name}})
                    break
        return found

    def _reply_cues(self, text: str) -> List[Dict[str, Any]]:
        """A `reply_cue` entity for each place the message is put one way (reply_patterns): checking, a question..."""
        return [
            _entity("reply_cue", match.span(), kind)
            for kind, patterns in self.cues["reply_patterns"].items()
            for pattern in patterns
            for match in _rx(pattern).finditer(text)
        ]

    def read(self, text: str) -> List[Dict[str, Any]]:
        """The entities this component reads from a message's words."""
        bare = BareText(text)
        found = (
            self._answers(bare)
            + self._case_cues(bare)
            + self._company_side(bare)
            + self._no_name(bare)
            + self._company_addressee(bare)
            + self._reply_cues(text)
        )
        return found + self._negated_names(text, bare) + self._corrections(text) + self._draft(text)

    def process(self, messages: List[Message]) -> List[Message]:
        """Mark the format, stage and agency people among the entities; put the cues read from the words in `cues`."""
        for message in messages:
            text = message.get(TEXT) or ""
            if text:
                entities = self.with_agency_people(text, [self.with_meaning(e) for e in message.get(ENTITIES, [])])
                message.set(ENTITIES, entities, add_to_output=True)
                message.set(
                    CUES,
                    self.read(text) + self._other_case(text, entities) + self._discussed(text, entities),
                    add_to_output=True,
                )
        return messages
