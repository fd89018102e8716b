"""The coach-editable knowledge (actions/knowledge/*.yml) as pydantic models, checked when loaded."""

from __future__ import annotations

import re
import string
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar, Dict, FrozenSet, List, Literal, Tuple

from pydantic import Field, root_validator, validator

from .checked_yaml import Strict, load_checked, parse_checked
from .situation import Situation
from .vocabulary import ALL_GOALS, BRANCHES, CONTACT_OK, DRAFT_KINDS, GOALS, KNOWN, NOT_KNOWN
from .vocabulary import FACT_VALUES as CLOSED_FACT_VALUES

REPO_ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE_FILE = REPO_ROOT / "actions" / "knowledge" / "advice.yml"
# The source articles live next to the repository, in ../shared/seeds.
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"
ARTICLE_NAME = re.compile(r"^00[0-4]_[0-9a-f]{16}\.txt$")

PARTS = ("verdict", "how", "disagreement")
# Allowed values per fact; None means free text (only known/not_known make sense there).
FACT_VALUES: Dict[str, Tuple[str, ...] | None] = {**{f.name: None for f in fields(Situation)}, **CLOSED_FACT_VALUES}
ADVICE_PLACEHOLDERS = frozenset(
    {
        "interview_day",
        "window",
        "window_start",
        "target_day",
        "decision_day",
        "status_day",
        "today",
        "channel_name",
        "agency_day",
        "recruiter",
        "followed_up_day",
        "stop_day",
    }
)
REVIEW_PLACEHOLDERS = frozenset({"quote", "count", "chars", "words", "wrote", "known", "fit", "example", "rest"})
UNDERSTANDING_FILE = REPO_ROOT / "actions" / "knowledge" / "understanding.yml"


def placeholders(text: str) -> List[str]:
    """List the {names} used in a text."""
    return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]


def _as_word(value: Any) -> Any:
    """Turn YAML booleans into 'yes'/'no' and numbers into strings, recursively."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return [_as_word(v) for v in value]
    if isinstance(value, dict):
        return {str(_as_word(k)): _as_word(v) for k, v in value.items()}
    return value


def _value_problems(fact: str, value: Any) -> List[str]:
    """What is wrong with one condition value for a fact (a value, a list of them, or {not: ...})."""
    if isinstance(value, dict):
        if set(value) != {"not"}:
            return [f"condition on {fact} may only use 'not'"]
        return _value_problems(fact, value["not"])
    problems = []
    allowed = FACT_VALUES.get(fact)
    for single in value if isinstance(value, list) else [value]:
        if not isinstance(single, str):
            problems.append(f"bad value {single!r} for {fact}")
        elif single not in (KNOWN, NOT_KNOWN) and allowed is not None and single not in allowed:
            problems.append(f"{single!r} is not a possible value of {fact} (one of {', '.join(allowed)})")
    return problems


def _conditions(value: Any) -> Dict[str, Any]:
    """Check an applies_when mapping: known facts, possible values (YAML yes/no read as 'yes'/'no')."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError("applies_when must be a mapping of facts to values")
    value = _as_word(value)
    problems = []
    for fact, expected in value.items():
        if fact not in FACT_VALUES:
            problems.append(f"unknown fact {fact!r}")
        else:
            problems.extend(f"{fact}: {problem}" for problem in _value_problems(fact, expected))
    if problems:
        raise ValueError("; ".join(problems))
    return value


class Source(Strict):
    """Where a piece of advice comes from: article file name, section heading, optional point."""

    article: str
    section: str
    point: str | None = None

    @validator("article")
    def _article_name(cls, value: str) -> str:
        """An article is named by its file name."""
        if not ARTICLE_NAME.match(value):
            raise ValueError(f"{value!r} is not an article file name")
        return value

    @validator("section")
    def _section(cls, value: str) -> str:
        """A section heading, as written in the article."""
        if not value.strip():
            raise ValueError("the section heading is missing")
        return value.strip()


class _Worded(Strict):
    """An entry with an id, a text whose {placeholders} the engine can fill, and its source."""

    PLACEHOLDERS: ClassVar[FrozenSet[str]] = frozenset()

    id: str
    text: str
    source: Source

    @validator("text")
    def _text(cls, value: str) -> str:
        """Non-empty, only known placeholders; line breaks of folded YAML become single spaces."""
        if not value.strip():
            raise ValueError("text is missing")
        try:
            unknown = set(placeholders(value)) - cls.PLACEHOLDERS
        except ValueError as error:
            raise ValueError(f"broken placeholder ({error})") from None
        if unknown:
            raise ValueError(f"unknown placeholder(s) {sorted(unknown)}; known: {sorted(cls.PLACEHOLDERS)}")
        return " ".join(value.split())


class AdviceItem(_Worded):
    """One piece of advice with the conditions under which it applies."""

    PLACEHOLDERS: ClassVar[FrozenSet[str]] = ADVICE_PLACEHOLDERS

    part: Literal[PARTS] = "how"  # type: ignore[valid-type]
    applies_when: Dict[str, Any] = Field(default_factory=dict)
    allows_contact: Literal[CONTACT_OK] = "yes"  # type: ignore[valid-type]
    keep_looking: bool = Field(False, alias="continue")
    any_day: bool = False  # a verdict that holds whatever the timing ("ask the practical question now")
    draft_on_request: bool = False  # a verdict whose draft is offered behind a button, not shown with it
    not_yet: bool = False  # a "not now, later" verdict whatever the timing ("they said they're still reviewing")
    alone: bool = False  # a verdict shown with its draft and no how-to list ("the interview is in two hours")

    _conditions = validator("applies_when", pre=True, allow_reuse=True)(_conditions)
    _allows = validator("allows_contact", pre=True, allow_reuse=True)(_as_word)


class DraftRule(Strict):
    """A draft offered when its conditions hold."""

    kind: Literal[DRAFT_KINDS]  # type: ignore[valid-type]
    applies_when: Dict[str, Any] = Field(default_factory=dict)
    on_request: bool = False  # only when the user asks for it after advice against it: never inline, no button

    _conditions = validator("applies_when", pre=True, allow_reuse=True)(_conditions)


class ReviewCheck(_Worded):
    """Wording of one draft-review check: the fix, and the praise when it passes."""

    PLACEHOLDERS: ClassVar[FrozenSet[str]] = REVIEW_PLACEHOLDERS

    ok: str | None = None


class Knowledge(Strict):
    """The whole validated knowledge base (actions/knowledge/advice.yml)."""

    articles: Dict[str, str]
    # Which part of the process an article is written about (before / after the interview): a source cited for
    # the other part is shown with its section, so that "Based on" visibly fits the answer.
    article_stage: Dict[str, Literal["before", "after"]] = Field(default_factory=dict)
    items: Tuple[AdviceItem, ...]
    drafts: Tuple[DraftRule, ...] = ()
    review_checks: Dict[str, ReviewCheck] = Field(default_factory=dict)
    # Misspellings a review flags and a rewrite corrects ("intrest" -> "interest"), lower case.
    common_typos: Dict[str, str] = Field(default_factory=dict)

    @validator("articles")
    def _article_names(cls, value: Dict[str, str]) -> Dict[str, str]:
        """Articles are listed by file name."""
        wrong = [name for name in value if not ARTICLE_NAME.match(name)]
        if wrong:
            raise ValueError(f"{wrong} not article file name(s)")
        return value

    @validator("items")
    def _some_items(cls, value: Tuple[AdviceItem, ...]) -> Tuple[AdviceItem, ...]:
        """The coach has something to say."""
        if not value:
            raise ValueError("no advice items")
        return value

    @validator("review_checks", pre=True)
    def _checks_by_id(cls, value: Any) -> Any:
        """The checks are a list in the file and are looked up by id; an id is used once."""
        if not isinstance(value, list):
            return value
        ids = [raw.get("id") if isinstance(raw, dict) else None for raw in value]
        twice = sorted({str(i) for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"duplicate id(s) {twice}")
        return {str(i): raw for i, raw in zip(ids, value)}

    @root_validator(skip_on_failure=True)
    def _cross_references(cls, values: Dict[str, Any]) -> Dict[str, Any]:
        """Every item id once; every cited article has a title under 'articles'."""
        problems = []
        seen: Dict[str, int] = {}
        for index, item in enumerate(values["items"]):
            if item.id in seen:
                problems.append(f"items[{index}] (id {item.id}).id: duplicate id (also items[{seen[item.id]}])")
            seen.setdefault(item.id, index)
        cited = [(f"items[{i}] (id {item.id})", item.source) for i, item in enumerate(values["items"])]
        cited += [(f"review_checks.{key}", check.source) for key, check in values["review_checks"].items()]
        problems += [
            f"article_stage.{name}: no title under 'articles'"
            for name in values["article_stage"]
            if name not in values["articles"]
        ]
        for where, source in cited:
            if source.article not in values["articles"]:
                problems.append(f"{where}.source.article: {source.article!r} has no title under 'articles'")
        if problems:
            raise ValueError("\n".join(problems))
        return values


class IntentReveal(Strict):
    """The branch and goal a situation intent reveals."""

    branch: Literal[BRANCHES]  # type: ignore[valid-type]
    goal: str

    @root_validator(skip_on_failure=True)
    def _goal_of_branch(cls, values: Dict[str, Any]) -> Dict[str, Any]:
        """The goal is one of its branch's."""
        if values["goal"] not in GOALS[values["branch"]]:
            raise ValueError(f"goal {values['goal']!r} is not one of {values['branch']}: {GOALS[values['branch']]}")
        return values


class Understanding(Strict):
    """The understanding tables (actions/knowledge/understanding.yml)."""

    intents: Dict[str, IntentReveal]
    goal_in_other_branch: Dict[Literal[BRANCHES], Dict[str, str]]  # type: ignore[valid-type]
    question_of_goal: Dict[str, str]
    intent_titles: Dict[str, str]

    @validator("question_of_goal")
    def _goals_with_a_question(cls, value: Dict[str, str]) -> Dict[str, str]:
        """Each key is a goal."""
        wrong = [goal for goal in value if goal not in ALL_GOALS]
        if wrong:
            raise ValueError(f"{wrong} are no goals")
        return value

    @validator("goal_in_other_branch")
    def _moves_between_goals(cls, value: Dict[str, Dict[str, str]]) -> Dict[str, Dict[str, str]]:
        """A goal of another branch moves to a goal of this one."""
        problems = []
        for branch, moves in value.items():
            problems += [f"{branch}.{old}: {old!r} is no goal" for old in moves if old not in ALL_GOALS]
            problems += [
                f"{branch}.{old}: {new!r} is not a goal of {branch}"
                for old, new in moves.items()
                if new not in GOALS[branch]
            ]
        if problems:
            raise ValueError("; ".join(problems))
        return value


def parse_knowledge(data: Any, source: str = "advice.yml") -> Knowledge:
    """Validate raw advice YAML into a Knowledge object; YamlFileError names the file and every bad key."""
    return parse_checked(Knowledge, data, source)


@lru_cache(maxsize=4)
def load_knowledge(path: Path = KNOWLEDGE_FILE) -> Knowledge:
    """Read and validate the advice file once (cached per path)."""
    return load_checked(Knowledge, path)


@lru_cache(maxsize=4)
def load_understanding(path: Path = UNDERSTANDING_FILE) -> Dict[str, Any]:
    """Read and validate the understanding tables once (cached per path), as plain mappings and lists."""
    return load_checked(Understanding, path).dict()
