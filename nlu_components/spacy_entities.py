"""SpaCy entities from the doc SpacyNLP already made, instead of running spaCy a second time."""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.extractors.spacy_entity_extractor import SpacyEntityExtractor
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR,
    is_trainable=False,
    model_from="SpacyNLP",
)
class SharedDocSpacyEntityExtractor(SpacyEntityExtractor):
    """Rasa's SpacyEntityExtractor, reusing SpacyNLP's doc when it was made from the text as typed.

    The stock extractor always parses the text again, because SpacyNLP may have lower-cased it (bad for
    NER). With `case_sensitive: true` the doc on the message already is the cased parse, so reusing it
    halves the spaCy time per message. A lower-cased doc is never reused.
    """

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        """Add PERSON/ORG/DATE/TIME (the configured dimensions) entities to each message."""
        for message in messages:
            text = message.get(TEXT) or ""
            doc = message.get(SPACY_DOCS[TEXT])
            if doc is None or doc.text != text:
                doc = model.model(text)
            extracted = self.add_extractor_name(self._extract_entities(doc))
            extracted = self.filter_irrelevant_entities(extracted, self._config["dimensions"])
            message.set(ENTITIES, message.get(ENTITIES, []) + extracted, add_to_output=True)
        return messages
