"""Deferred TED: the ensemble picks exactly what Rasa picks, and TED runs only when it could win."""

from __future__ import annotations

import copy
import random
from types import SimpleNamespace
from typing import Any, List

import pytest
from rasa.core.policies.ensemble import DefaultPolicyPredictionEnsemble
from rasa.core.policies.policy import PolicyPrediction
from rasa.core.policies.ted_policy import TEDPolicy
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActionExecutionRejected, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from channels.lazy_ted import DeferredPrediction, cannot_win
from channels.rasa_fixes import install

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [greet, inform]
responses:
  utter_greet: [{text: "Hi"}]
  utter_ok: [{text: "OK"}]
actions: [action_give_advice, action_show_draft]
"""
)
ACTIONS = DOMAIN.action_names_or_texts


def tracker(rejected: str | None) -> DialogueStateTracker:
    """A conversation after a user message, optionally with the last predicted action rejected."""
    events = [ActionExecuted("action_listen"), UserUttered("hi", {"name": "greet", "confidence": 1.0})]
    if rejected:
        events.append(ActionExecutionRejected(rejected))
    return DialogueStateTracker.from_events("t", events, DOMAIN.slots)


def probabilities(rng: random.Random) -> List[float]:
    """Confidences as policies give them: certain, spread, or nothing."""
    kind = rng.choice(["certain", "spread", "spread", "none"])
    if kind == "none":
        return [0.0] * len(ACTIONS)
    if kind == "certain":
        probs = [0.0] * len(ACTIONS)
        probs[rng.randrange(len(ACTIONS))] = 1.0
        return probs
    raw = [rng.random() ** 3 for _ in ACTIONS]
    return [value / sum(raw) for value in raw]


def prediction(rng: random.Random, name: str, priority: int, flags: bool) -> PolicyPrediction:
    """A random prediction of one policy; flags allows mandatory events and the rare no-user and end-to-end kinds.

    TED's predictions carry optional events only (events that count only if TED wins), never mandatory ones.
    """
    return PolicyPrediction(
        probabilities(rng),
        name,
        priority,
        events=[SlotSet("x", name)] if flags and rng.random() < 0.2 else [],
        optional_events=[SlotSet("y", name)] if rng.random() < 0.5 else [],
        is_no_user_prediction=flags and rng.random() < 0.1,
        is_end_to_end_prediction=flags and rng.random() < 0.1,
    )


def summary(result: PolicyPrediction) -> tuple:
    """What Rasa keeps from the winning prediction."""
    return (
        result.policy_name,
        result.probabilities,
        result.policy_priority,
        [(type(e).__name__, getattr(e, "key", None), getattr(e, "value", None)) for e in result.events],
        result.is_end_to_end_prediction,
        result.is_no_user_prediction,
    )


def test_ensemble_with_deferred_ted_picks_what_rasa_picks() -> None:
    """2,000 random situations: same winner, confidences and events as with TED computed every time."""
    install()
    rng = random.Random(7)
    ensemble = DefaultPolicyPredictionEnsemble()
    computed = 0
    for _ in range(2000):
        rejected = rng.choice([None, None, rng.choice(ACTIONS)])
        memo = prediction(rng, "MemoizationPolicy", 3, flags=False)
        rule = prediction(rng, "RulePolicy", 6, flags=True)
        memo.events = [SlotSet("m", 1)] if rng.random() < 0.2 else []
        ted = prediction(rng, "TEDPolicy", 1, flags=False)
        expected = ensemble.combine_predictions(copy.deepcopy([memo, rule, ted]), tracker(rejected), DOMAIN)

        def compute(ted: PolicyPrediction = ted) -> PolicyPrediction:
            nonlocal computed
            computed += 1
            return copy.deepcopy(ted)

        actual = ensemble.combine_predictions_from_kwargs(
            tracker(rejected),
            DOMAIN,
            memo=copy.deepcopy(memo),
            rule=copy.deepcopy(rule),
            ted=DeferredPrediction(compute, "TEDPolicy", 1),
        )
        assert summary(actual) == summary(expected)
    assert 200 < computed < 1800, computed  # both paths were taken


def test_cannot_win_only_against_certain_higher_priority_or_other_kinds() -> None:
    """Certain and of higher priority, or a no-user / end-to-end prediction present: TED cannot win."""
    certain = PolicyPrediction([0.0, 1.0, 0.0], "RulePolicy", 6)
    assert cannot_win(1, [certain], None)
    assert not cannot_win(1, [certain], 1)  # the certain action was just rejected
    assert not cannot_win(6, [certain], None)  # same priority: the order would decide
    assert not cannot_win(1, [PolicyPrediction([0.1, 0.9, 0.0], "RulePolicy", 6)], None)
    assert cannot_win(1, [PolicyPrediction([0.0, 0.3, 0.0], "RulePolicy", 6, is_no_user_prediction=True)], None)
    assert cannot_win(1, [PolicyPrediction([0.0, 0.3, 0.0], "Other", 2, is_end_to_end_prediction=True)], None)


class Stop(Exception):
    """Raised by the fake TED when Rasa's own prediction code runs."""


def fake_ted(model: Any, features: Any) -> SimpleNamespace:
    """The attributes of a loaded TED that the deferral reads, and a featurizer that shows when TED really ran."""

    def featurize(*args: Any, **kwargs: Any) -> None:
        raise Stop

    return SimpleNamespace(
        model=model,
        fake_features=features,
        priority=1,
        _featurize_tracker=featurize,
        _default_predictions=lambda domain: [0.0] * len(domain.action_names_or_texts),
        _prediction=lambda probs: PolicyPrediction(probs, "TEDPolicy", 1),
    )


def test_intent_based_ted_is_deferred_text_based_and_untrained_run_at_once() -> None:
    """Only a trained, intent-based TED is deferred; a text-trained one runs at once, as does an untrained one."""
    install()
    conversation = tracker(None)
    deferred = TEDPolicy.predict_action_probabilities(fake_ted(object(), {"intent": []}), conversation, DOMAIN)
    assert isinstance(deferred, DeferredPrediction) and deferred.priority == 1
    with pytest.raises(Stop):
        deferred.compute()
    with pytest.raises(Stop):
        TEDPolicy.predict_action_probabilities(fake_ted(object(), {"intent": [], "text": []}), conversation, DOMAIN)
    untrained = TEDPolicy.predict_action_probabilities(fake_ted(None, {}), conversation, DOMAIN)
    assert isinstance(untrained, PolicyPrediction) and untrained.max_confidence == 0.0
