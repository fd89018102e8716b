"""Where the user stands, read from the whole message: the assistant's intent classifier.

Real users write 20-150 words of backstory before the question. DIET, trained on the same examples, keyed
on single words and fell back on most of them (it now extracts entities only). This component trains a
TF-IDF (words and character n-grams) + logistic-regression classifier on the NLU examples and decides in
two steps: first the *branch* (before the interview, after it, through an agency; every other intent is a
group of its own) by the summed probability of its intents, then the intent within that branch. The
reported confidence of a situation intent is its branch's probability, so a clear situation with an
unclear goal is not sent to the fallback (the form asks the goal instead). The decision is also put on
the message as `situation` ({branch, confidence, goal_confidence}), which `/model/parse` shows.

It also keeps `review_draft` for messages that are drafts: a letter (greeting, body and sign-off, or a
subject line) or a short request to check one's own text. The classifier's own guess never gives
`review_draft`: a plea for a draft, a long question or an answer to the coach's question is not one.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any, Dict, List, Mapping, Tuple

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

logger = logging.getLogger(__name__)

SITUATION_KEY = "situation"
DRAFT_INTENT = "review_draft"
# A greeting to someone: "Dear ...", "Hi Tom,", "Hello Ms. Park!", "hi there," (not a bare "hi," to the coach).
_GREETING = re.compile(
    r"(?im)(?:^|[:\n\"\u201c']\s*)(?:dear\s+\S|(?:hi|hello|hey|hiya|good (?:morning|afternoon))\s+(?!i\b|i'm\b|im\b)"
    r"[a-z][\w.'-]*)[^\n,!?]{0,40}[,!:\n]"
)
# A sign-off that closes a letter: a formal closing at the end, or thanks/cheers with the name after it or on a
# line of its own ("thanks, Pedro", "Cheers\nBen"); a question to the coach ending "... too pushy? thanks" is none.
_SIGN_OFF = re.compile(
    r"(?i)(?:\b(?:best regards|kind regards|warm regards|regards|sincerely|best wishes|respectfully|all the best"
    r"|yours faithfully|yours truly|warmly)"
    r"\s*[,!.]?\s*(?:\n\s*)?(?:[A-Za-z][\w.'-]*(?:\s+[A-Za-z][\w.'-]*){0,2})?"
    r"|(?:\n\s*|[.!?,]\s+)(?:many thanks|thanks again|thank you again|thanks|thank you|thx|cheers|best)\s*[,!.]?\s*"
    r"(?:\n\s*)?(?:[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2}|[a-z][\w'-]{1,14})"
    r"|\n\s*(?:many thanks|thanks|thank you|cheers|best)\s*[,!.]?)\s*['\"\u201d]?\s*$"
)
# Words after "thanks" that are not a name ("thanks a lot", "thank you very much").
_NOT_SIGNER = re.compile(r"(?i)\b(?:much|again|so|all|a lot|lot|in advance|everyone|you)\s*[.!]?\s*['\"\u201d]?\s*$")
_SUBJECT = re.compile(r"(?im)^\s*subject\s*:")
_PASTE_CUE = re.compile(
    r"(?i)\b(?:(?:check|review|proofread|look over|fix|improve|edit|rate)\b[^:\n?]{0,30}\b(?:my|this|it|the)"
    r"|(?:here'?s|here is|below is|this is)\s+(?:my|the|a)\s+(?:draft|email|e-mail|message|note|letter|reply)"
    r"|(?:here'?s|here is|below is|this is) what i(?:'?ve| have|'?d| would)?\s+(?:like to |want to |wanna |plan to "
    r"|was going to |am going to )?(?:wrote|written|drafted|send|sent)"
    r"|\bi(?:'?d| would)? (?:want|like|plan|am going|was going|wanna) (?:to )?send (?:this|the following|him|her|them))"
    r"\b[^:\n?]{0,30}[:\n]"
)


# A short request to check a message the user will paste next ("can you check my email before I send it?").
_REVIEW_REQUEST = re.compile(
    r"(?i)\b(?:(?:check|review|proofread|proof-read|look over|read over|go over|look at|critique|rate|improve|edit|fix)"
    r"\s+(?:over\s+)?(?:my|this|the|a|what i)\s+(?:\w+\s+)?"
    r"(?:draft|email|e-mail|mail|message|note|letter|reply|text|dm|wrote|thank[- ]?you\b(?!\s+(?:so|very)\b))"
    r"|(?:feedback|thoughts|opinion) on (?:my|this|what i)\b|(?:here'?s|here is|this is) (?:my|what i)\b"
    # "this is my first ever job interview", "here's my situation": the story, no text to check
    r"(?!\s+(?:very\s+)?(?:first|second|third|final|last|next|only|dream|situation|story|question)\b)"
    r"|(?:i|i've|ive) (?:wrote|written|drafted|have a draft)\b|my draft\b|before i (?:send|hit send)\b"
    r"|(?:does|is) (?:my|this) (?:draft|email|e-mail|message|note|wording)\b)"
)

# A request to check a draft, as the last sentence of a longer story, is at most this long.
LAST_REQUEST_MAX_WORDS = 15

# Changes listed after the request ("fix my email: take out the pay question, keep the rest"): an edit of the draft
# the coach has already seen, not a request to review a new one.
_EDITS_LISTED = re.compile(
    r"(?i)[:,;.\-]\s*(?:(?:please|pls|just|and)\s+)?(?:take out|drop|remove|delete|cut|get rid of|leave out|lose"
    r"|correct the|fix the (?:typos|spelling|mistakes|errors))\b"
)

# A request for a new draft that names the user's old one only to set it aside ("from scratch, don't reuse my
# draft"): no request to review it.
_FRESH_REQUEST = re.compile(
    r"(?i)\bfrom scratch\b|\b(?:don'?t|do not|not|without)\s+"
    r"(?:re-?us(?:e|ing)|us(?:e|ing)|keep(?:ing)?|build(?:ing)? on)"
    r"\s+(?:my|the|that)\s+(?:\w+\s+)?(?:draft|email|e-mail|note|message|version)"
)

# A text pasted after the request: after a colon, in quotes or on lines of its own.
_PASTED = re.compile(r"[:?.!]\s*['\"\u201c\u2018\n]|\n\s*\n")


def _words(text: str) -> int:
    """The number of words in text."""
    return len(text.split())


# A note that opens by greeting someone by name and ends with a bare name: "Hi Nora I'm ... Looking forward! Ben".
_NAMED_START = re.compile(r"^\s*['\"\u201c]?(?i:dear|hi|hello|hey)\s+[A-Z][a-z]+")
_BARE_SIGNER = re.compile(
    r"[.!]\s+(?!(?:Thanks|Thank|Thx|Cheers|Bye|Please|Regards|Best|Ok|Okay|Yes|No)\b)[A-Z][a-z]+\s*['\"\u201d]?\s*$"
)


def _over(scores: Dict[str, float], floor: float) -> float:
    """A kept review_draft's confidence: at least the floor, and never below another intent's in the ranking."""
    return max(floor, *scores.values())


def looks_like_draft(text: str) -> bool:
    """True when the text is a message the user wrote to send: two marks of a letter, or a cue and a body."""
    if _NAMED_START.match(text) and _BARE_SIGNER.search(text) and _words(text) >= 8:
        return True
    letter = re.sub(r"\n\s*\n[^\n]{1,80}\?\s*$", "", text.rstrip())  # "...Thanks,\nPriya\n\nToo much?"
    signed = any(bool(_SIGN_OFF.search(t)) and not _NOT_SIGNER.search(t) for t in {text, letter})
    marks = sum((bool(_GREETING.search(text)), signed, bool(_SUBJECT.search(text))))
    if marks >= 2:
        return True
    cue = _PASTE_CUE.search(text)  # "I want to send this:\n\nHello, ... Thank you. Nora": a cue and a signed note
    if cue and not signed and _EDITS_LISTED.match(text, cue.end() - 1):  # "fix my email: take out the pay bit"
        return False
    return bool(cue) and (_words(text[cue.end() :]) >= 12 or (signed and _words(text[cue.end() :]) >= 6))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class SituationClassifier(GraphComponent, IntentClassifier):
    """Classifies the whole message and picks the branch first, then the intent within it."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """Defaults: regularisation, n-gram ranges, the branches and the draft rule."""
        return {
            "C": 30.0,
            "word_ngrams": [1, 2],
            "char_ngrams": [2, 5],
            # Branch name -> its intents. Every other intent is a group of its own.
            "branches": {},
            # Intents that say the user is telling their situation without naming a branch: once a branch wins,
            # their probability adds to its confidence ("Interview was on Monday with X at Y. When can I check
            # in?" is in scope even when the facts pull half the probability towards `inform`).
            "supporting": ["inform"],
            # A review_draft request without the draft itself is short ("can you check my email?").
            "draft_request_max_words": 25,
            "ranking_length": 10,
            "random_seed": 42,
        }

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: Dict[str, Any] | None = None,
    ) -> None:
        """Keep the config and, once trained or loaded, the vectorisers and the classifier."""
        self._config = {**self.get_default_config(), **config}
        self._storage = model_storage
        self._resource = resource
        self._branch_of = {i: b for b, intents in self._config["branches"].items() for i in intents}
        self._words: TfidfVectorizer | None = None
        self._chars: TfidfVectorizer | None = None
        self._clf: LogisticRegression | None = None
        if model:
            self._restore(model)

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SituationClassifier:
        """A new, untrained component."""
        return cls(config, model_storage, resource)

    def _vectorisers(self) -> Tuple[TfidfVectorizer, TfidfVectorizer]:
        """Fresh word and character TF-IDF vectorisers from the config."""
        words = TfidfVectorizer(ngram_range=tuple(self._config["word_ngrams"]), sublinear_tf=True, lowercase=True)
        chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=tuple(self._config["char_ngrams"]), sublinear_tf=True, lowercase=True
        )
        return words, chars

    def _features(self, texts: List[str]) -> Any:
        """The sparse feature matrix of texts."""
        return hstack([self._words.transform(texts), self._chars.transform(texts)]).tocsr()

    def train(self, training_data: TrainingData) -> Resource:
        """Fit the vectorisers and the classifier on every NLU example with an intent."""
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if len({e.get(INTENT) for e in examples}) < 2:
            return self._resource
        texts = [e.get(TEXT) for e in examples]
        labels = [e.get(INTENT) for e in examples]
        self._words, self._chars = self._vectorisers()
        self._words.fit(texts)
        self._chars.fit(texts)
        self._clf = LogisticRegression(
            C=self._config["C"], max_iter=3000, class_weight="balanced", random_state=self._config["random_seed"]
        )
        self._clf.fit(self._features(texts), labels)
        self._clf.coef_ = np.asfortranarray(self._clf.coef_)  # as when loaded (see _restore)
        self._persist()
        return self._resource

    def _persist(self) -> None:
        """Write the vocabularies, idf weights and coefficients as JSON (no pickle)."""
        state = {
            "words": {"vocabulary": self._words.vocabulary_, "idf": self._words.idf_.tolist()},
            "chars": {"vocabulary": self._chars.vocabulary_, "idf": self._chars.idf_.tolist()},
            "classes": self._clf.classes_.tolist(),
            "coef": self._clf.coef_.tolist(),
            "intercept": self._clf.intercept_.tolist(),
        }
        with self._storage.write_to(self._resource) as folder:
            (folder / "situation_classifier.json").write_text(json.dumps(state), encoding="utf-8")

    def _restore(self, state: Mapping[str, Any]) -> None:
        """Rebuild the vectorisers and the classifier from their persisted state."""
        self._words, self._chars = self._vectorisers()
        for vectoriser, part in ((self._words, state["words"]), (self._chars, state["chars"])):
            vectoriser.vocabulary_ = {k: int(v) for k, v in part["vocabulary"].items()}
            vectoriser.fixed_vocabulary_ = True
            vectoriser.idf_ = np.asarray(part["idf"], dtype=np.float64)
        self._clf = LogisticRegression()
        self._clf.classes_ = np.asarray(state["classes"])
        # Fortran order makes coef_.T C-contiguous: predict_proba's sparse product then copies nothing per message
        # (a C-ordered coef_ cost a copy of the whole matrix, ~10 ms, for every message).
        self._clf.coef_ = np.asfortranarray(state["coef"], dtype=np.float64)
        self._clf.intercept_ = np.asarray(state["intercept"], dtype=np.float64)

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> SituationClassifier:
        """The trained component, or an untrained one when nothing was persisted."""
        try:
            with model_storage.read_from(resource) as folder:
                state = json.loads((folder / "situation_classifier.json").read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            logger.warning("SituationClassifier has no trained state: messages get no intent.")
            state = None
        return cls(config, model_storage, resource, state)

    def _decide(self, text: str, scores: Dict[str, float]) -> Tuple[str, float, Dict[str, Any]]:
        """The intent, its reported confidence and the situation read, from blended scores."""
        if looks_like_draft(text) and DRAFT_INTENT in scores:
            return DRAFT_INTENT, _over(scores, 0.9), {}
        if DRAFT_INTENT in scores and _REVIEW_REQUEST.search(text[:160]) and _PASTED.search(text):
            return DRAFT_INTENT, _over(scores, 0.9), {}  # "please check this note: 'Hello Ms ...'"
        last = re.split(r"(?<=[.!?])\s+", text.strip())[-1]  # "had my interview yesterday ... can you look over
        # my thank you before i send it?": the story, then a short request to check a draft not pasted yet
        short = _words(text) <= self._config["draft_request_max_words"]
        asked_last = (  # "before I send" alone is no request to check: "should I wait before i send anything?"
            _words(last) <= LAST_REQUEST_MAX_WORDS
            and text.rstrip()[-1:] == "?"
            and any(not m.group(0).lower().startswith("before") for m in _REVIEW_REQUEST.finditer(last))
        )
        if DRAFT_INTENT in scores and (short or asked_last):
            words = text if short else last
            if _REVIEW_REQUEST.search(words) and not _FRESH_REQUEST.search(text) and not _EDITS_LISTED.search(text):
                return DRAFT_INTENT, _over(scores, 0.8), {}
        # Review is a mode the user enters: a pasted letter or a request to check their own text, never a guess
        # ("please you write thank you message for me", a long question, an answer to the coach's question).
        scores = {n: s for n, s in scores.items() if n != DRAFT_INTENT}
        groups: Dict[str, float] = {}
        for name, score in scores.items():
            group = self._branch_of.get(name, name)
            groups[group] = groups.get(group, 0.0) + score
        group = max(groups, key=lambda g: (groups[g], g))
        if group not in self._config["branches"]:
            return group, scores[group], {}
        members = {n: s for n, s in scores.items() if self._branch_of.get(n) == group}
        intent = max(members, key=lambda n: (members[n], n))
        mass = groups[group]
        confidence = min(1.0, mass + sum(scores.get(name, 0.0) for name in self._config["supporting"]))
        situation = {
            "branch": group,
            "confidence": round(confidence, 4),
            "goal_confidence": round(members[intent] / mass, 4),
        }
        return intent, confidence, situation

    def process(self, messages: List[Message]) -> List[Message]:
        """Set the intent, the ranking and the situation of each message."""
        if self._clf is None:
            for message in messages:
                message.set(INTENT, {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0}, add_to_output=True)
            return messages
        texts = [m.get(TEXT) or "" for m in messages]
        probabilities = self._clf.predict_proba(self._features(texts))
        for message, text, row in zip(messages, texts, probabilities):
            if not text.strip():
                message.set(INTENT, {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0}, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
                continue
            scores = dict(zip(self._clf.classes_.tolist(), row.tolist()))
            intent, confidence, situation = self._decide(text, scores)
            ranking = sorted(
                ({INTENT_NAME_KEY: n, PREDICTED_CONFIDENCE_KEY: s} for n, s in scores.items() if n != intent),
                key=lambda r: -r[PREDICTED_CONFIDENCE_KEY],
            )
            top = {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: float(confidence)}
            message.set(INTENT, top, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [top] + ranking[: self._config["ranking_length"] - 1], add_to_output=True)
            message.set(SITUATION_KEY, situation, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Nothing to add to the training data."""
        return training_data
