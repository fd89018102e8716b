"""Run TED only when its prediction can change the next action (installed by channels/rasa_fixes.py).

Rasa runs every policy for every prediction, then keeps the best one: the highest confidence, ties going to the
higher priority. When the rules or the memorised stories are already certain (confidence 1.0, both with a higher
priority than TED), TED cannot win, yet its neural network was a fifth of the Rasa server's CPU time per turn. TED
now hands the ensemble a deferred prediction, and the ensemble computes it only when it could win, so the chosen
action, its events and its confidence are the ones Rasa would pick (TED's own events are optional ones, which count
only when TED wins). A TED trained on story text (end-to-end) can make predictions that overrule the others, so it
is always run.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, List

CERTAIN = 1.0


class DeferredPrediction:
    """A policy's prediction, computed only if the ensemble needs it."""

    def __init__(self, compute: Callable[[], Any], policy_name: str, priority: int) -> None:
        """Keep how to compute the prediction and what the ensemble knows of it beforehand."""
        self.compute = compute
        self.policy_name = policy_name
        self.priority = priority

    def placeholder(self, domain: Any) -> Any:
        """Return a prediction that loses to every other (all zeros, no events), in place of one that cannot win."""
        from rasa.core.policies.policy import PolicyPrediction

        return PolicyPrediction([0.0] * len(domain.action_names_or_texts), self.policy_name, self.priority)


def rejected_action_index(tracker: Any, domain: Any) -> int | None:
    """Return the index of the action whose execution was just rejected (Rasa zeroes it in every prediction)."""
    from rasa.shared.core.events import ActionExecuted, ActionExecutionRejected

    for event in reversed(tracker.events):
        if isinstance(event, ActionExecutionRejected):
            return domain.index_for_action(event.action_name)
        if isinstance(event, ActionExecuted):
            return None
    return None


def cannot_win(priority: int, known: List[Any], rejected: int | None) -> bool:
    """Tell whether an intent-based prediction of this priority would lose to the known ones, whatever it says."""
    if any(p.is_no_user_prediction or p.is_end_to_end_prediction for p in known):
        return True  # Rasa compares only the predictions of that kind, and ours is neither
    for prediction in known:
        best = max((c for i, c in enumerate(prediction.probabilities) if i != rejected), default=0.0)
        if best >= CERTAIN and prediction.policy_priority > priority:
            return True
    return False


def defer_intent_ted(predict: Callable[..., Any]) -> Callable[..., Any]:
    """TEDPolicy.predict_action_probabilities returning a deferred prediction, unless TED was trained on text."""
    from rasa.shared.nlu.constants import TEXT

    def predict_later(self: Any, tracker: Any, domain: Any, *args: Any, **kwargs: Any) -> Any:
        """TED's prediction, deferred when it is intent-based."""
        features = getattr(self, "fake_features", None)
        if self.model is None or features is None or TEXT in features:
            return predict(self, tracker, domain, *args, **kwargs)
        compute = functools.partial(predict, self, tracker, domain, *args, **kwargs)
        return DeferredPrediction(compute, type(self).__name__, self.priority)

    return predict_later


def resolve_deferred_predictions(combine: Callable[..., Any]) -> Callable[..., Any]:
    """Ensemble combination that computes a deferred prediction only when it could win, else puts a loser there."""
    from rasa.core.policies.policy import PolicyPrediction

    def combine_from_kwargs(self: Any, tracker: Any, domain: Any, **kwargs: Any) -> Any:
        """Rasa's combination, with every deferred prediction either computed or known to lose."""
        known = [value for value in kwargs.values() if isinstance(value, PolicyPrediction)]
        rejected = rejected_action_index(tracker, domain)
        for key, value in kwargs.items():
            if isinstance(value, DeferredPrediction):
                kwargs[key] = (
                    value.placeholder(domain) if cannot_win(value.priority, known, rejected) else value.compute()
                )
        return combine(self, tracker, domain, **kwargs)

    return combine_from_kwargs
